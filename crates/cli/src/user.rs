//! `daihoi user` (not built yet).

use std::process::ExitCode;

/// Arguments of `daihoi user`.
#[derive(clap::Args)]
pub struct UserArgs {}

/// Runs `daihoi user`.
pub fn run(_args: UserArgs) -> ExitCode {
    eprintln!("daihoi user: not built yet");
    ExitCode::from(1)
}
