//! Phiếu bầu — the ballot paper as PDF.

use crate::model::BallotPaper;
use crate::{DocumentError, typeset};

const TEMPLATE: &str = include_str!("../templates/ballot.typ");

/// Renders the ballot paper (phiếu bầu) as a PDF (A4, Libertinus Serif embedded).
pub fn render_ballot_pdf(paper: &BallotPaper) -> Result<Vec<u8>, DocumentError> {
    typeset::render_pdf("phiếu bầu", TEMPLATE, paper)
}
