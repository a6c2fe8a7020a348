//! `daihoi serve` (not built yet).

use std::process::ExitCode;

/// Arguments of `daihoi serve`.
#[derive(clap::Args)]
pub struct ServeArgs {}

/// Runs `daihoi serve`.
pub fn run(_args: ServeArgs) -> ExitCode {
    eprintln!("daihoi serve: not built yet");
    ExitCode::from(1)
}
