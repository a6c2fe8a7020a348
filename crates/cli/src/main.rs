//! `daihoi` — the one binary. It parses arguments and wires the crates together; the work itself
//! lives in `daihoi-domain`, `daihoi-store`, `daihoi-web`, `daihoi-documents` and `daihoi-sheets`.

mod ballots;
mod boundaries;
mod import;
mod nukeviet;
mod print;
mod serve;
mod tally;
mod user;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// daihoi — cổng thông tin điện tử và nền tảng đại hội.
#[derive(Parser)]
#[command(name = "daihoi", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (portal, administration, API).
    Serve(serve::ServeArgs),
    /// Count one election from a JSON file (kiểm phiếu) and print the result as JSON.
    Tally(tally::TallyArgs),
    /// Print the ballot paper (phiếu bầu) of one election as PDF.
    Ballots(ballots::BallotsArgs),
    /// Manage user accounts of the administration.
    User(user::UserArgs),
    /// Import organizations or people from an Excel (.xlsx) or CSV file (nhập danh sách), or
    /// move a NukeViet site over (`import nukeviet DUMP.sql --uploads DIR`).
    Import(import::ImportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Tally(args) => tally::run(args),
        Command::Ballots(args) => ballots::run(args),
        Command::User(args) => user::run(args),
        Command::Import(args) => import::run(args),
    }
}
