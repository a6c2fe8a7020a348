//! `daihoi ballots` (not built yet).

use std::process::ExitCode;

/// Arguments of `daihoi ballots`.
#[derive(clap::Args)]
pub struct BallotsArgs {}

/// Runs `daihoi ballots`.
pub fn run(_args: BallotsArgs) -> ExitCode {
    eprintln!("daihoi ballots: not built yet");
    ExitCode::from(1)
}
