//! Biên bản kiểm phiếu — the counting minutes as PDF.

use crate::model::CountingMinutes;
use crate::{DocumentError, typeset};

const TEMPLATE: &str = include_str!("../templates/minutes.typ");

/// Renders the counting minutes (biên bản kiểm phiếu) as a PDF in the Party document layout
/// (A4, Libertinus Serif embedded).
pub fn render_minutes_pdf(minutes: &CountingMinutes) -> Result<Vec<u8>, DocumentError> {
    typeset::render_pdf("biên bản kiểm phiếu", TEMPLATE, minutes)
}
