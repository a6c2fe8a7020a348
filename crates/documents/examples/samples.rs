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
        "result.xlsx",
        daihoi_documents::render_result_xlsx(&support::sample_sheet())?,
    )?;
    let large = support::large_minutes(200, 180);
    let start = Instant::now();
    let pdf = daihoi_documents::render_minutes_pdf(&large)?;
    println!(
        "minutes, 200 candidates: {:?} (first render in this process)",
        start.elapsed()
    );
    write("minutes-200.pdf", pdf)?;
    let start = Instant::now();
    daihoi_documents::render_minutes_pdf(&large)?;
    println!(
        "minutes, 200 candidates: {:?} (second render)",
        start.elapsed()
    );
    Ok(())
}
