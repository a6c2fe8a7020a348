//! Writes the sample documents of the tests into a folder, to look at them:
//! `cargo run -p daihoi-documents --example samples -- /tmp/samples`.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "samples".to_owned());
    std::fs::create_dir_all(&dir)?;
    let write = |name: &str, bytes: Vec<u8>| std::fs::write(format!("{dir}/{name}"), bytes);
    write(
        "minutes.pdf",
        daihoi_documents::render_minutes_pdf(&support::sample_minutes())?,
    )?;
    write(
        "ballot-strike.pdf",
        daihoi_documents::render_ballot_pdf(&support::sample_strike_ballot())?,
    )?;
    write(
        "ballot-agree.pdf",
        daihoi_documents::render_ballot_pdf(&support::sample_agree_ballot())?,
    )?;
    write(
        "ballot-40.pdf",
        daihoi_documents::render_ballot_pdf(&support::large_strike_ballot(40))?,
    )?;
    write(
        "ballot-60.pdf",
        daihoi_documents::render_ballot_pdf(&support::long_names_strike_ballot(60))?,
    )?;
    write(
        "ballot-agree-35.pdf",
        daihoi_documents::render_ballot_pdf(&support::large_agree_ballot(35))?,
    )?;
    write(
        "ballot-agree-60.pdf",
        daihoi_documents::render_ballot_pdf(&support::large_agree_ballot(60))?,
    )?;
    write(
        "result.xlsx",
        daihoi_documents::render_result_xlsx(&support::sample_sheet())?,
    )?;
    // Timing: the first render in a process also parses the fonts and builds typst's library;
    // later renders of *different* data show the steady cost (identical data would be memoised).
    for (run, seats) in [(1, 180), (2, 179), (3, 178)] {
        let large = support::large_minutes(200, seats);
        let start = Instant::now();
        let pdf = daihoi_documents::render_minutes_pdf(&large)?;
        println!(
            "minutes, 200 candidates, render {run}: {:?}, {} bytes",
            start.elapsed(),
            pdf.len()
        );
        if run == 1 {
            write("minutes-200.pdf", pdf)?;
        }
    }
    Ok(())
}
