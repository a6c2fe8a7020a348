//! Phiếu bầu — the ballot paper as PDF, always one A4 sheet.
//!
//! A stamped ballot is one sheet (Quy chế bầu cử, Điều 17: the stamp at the top left), so the
//! list is laid out in the largest type that fits one page: one column for short lists, two page
//! columns and smaller type for long ones, up to [`MAX_BALLOT_NAMES`] names. A list that cannot
//! fit is refused with a clear error rather than spilling onto a second page.

use serde::Serialize;

use crate::model::{BallotKind, BallotPaper};
use crate::{DocumentError, typeset};

const TEMPLATE: &str = include_str!("../templates/ballot.typ");

/// Most names one ballot sheet holds (two columns on A4).
pub const MAX_BALLOT_NAMES: usize = 60;

/// How the list is set: page columns, type size (pt), row padding (mm), compact header.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
struct Layout {
    columns: u8,
    size: f64,
    inset: f64,
    compact: bool,
}

const fn layout(columns: u8, size: f64, inset: f64, compact: bool) -> Layout {
    Layout {
        columns,
        size,
        inset,
        compact,
    }
}

/// The layouts tried, largest type first.
const LAYOUTS: [Layout; 9] = [
    layout(1, 14.0, 2.4, false),
    layout(1, 13.0, 1.6, false),
    layout(2, 13.0, 1.8, false),
    layout(2, 12.0, 1.4, false),
    layout(2, 12.0, 1.0, true),
    layout(2, 11.0, 0.9, true),
    layout(2, 10.0, 0.8, true),
    layout(2, 9.5, 0.6, true),
    layout(2, 9.0, 0.5, true),
];

/// The ballot paper and the layout chosen for it, as the template reads them.
#[derive(Serialize)]
struct BallotData<'a> {
    #[serde(flatten)]
    paper: &'a BallotPaper,
    layout: Layout,
}

/// Rough number of rows one column of `layout` holds, to skip layouts that cannot fit.
fn rows_per_column(layout: &Layout) -> f64 {
    let header_mm = if layout.compact { 80.0 } else { 105.0 };
    let row_mm = layout.size * 0.3528 * 1.25 + 2.0 * layout.inset;
    (267.0 - header_mm) / row_mm
}

/// Renders the ballot paper (phiếu bầu) as a one-page PDF (A4, Libertinus Serif embedded), in
/// the largest type that fits. More than [`MAX_BALLOT_NAMES`] names, or names too long to fit
/// even in the smallest type, is [`DocumentError::BallotTooLong`].
pub fn render_ballot_pdf(paper: &BallotPaper) -> Result<Vec<u8>, DocumentError> {
    let count = paper.candidates.len();
    if count > MAX_BALLOT_NAMES {
        return Err(DocumentError::BallotTooLong {
            count,
            max: MAX_BALLOT_NAMES,
        });
    }
    // A one-column strike list is narrow (three quarters of the page) and short lists read
    // better in it; beyond 24 names the list always takes two columns.
    let one_column_max = match paper.kind {
        BallotKind::Strike => 24,
        BallotKind::AgreeDisagree => MAX_BALLOT_NAMES,
    };
    let mut candidates = LAYOUTS
        .iter()
        .filter(|l| l.columns == 2 || count <= one_column_max)
        .filter(|l| {
            let rows = count.div_ceil(usize::from(l.columns)) as f64;
            rows <= rows_per_column(l) * 1.15
        })
        .peekable();
    if candidates.peek().is_none() {
        return Err(DocumentError::BallotTooLong {
            count,
            max: MAX_BALLOT_NAMES,
        });
    }
    for layout in candidates {
        let json = typeset::to_checked_json(
            "phiếu bầu",
            &BallotData {
                paper,
                layout: *layout,
            },
        )?;
        let laid_out = typeset::lay_out("phiếu bầu", TEMPLATE, &json)?;
        if laid_out.pages.len() == 1 {
            return typeset::export_pdf("phiếu bầu", &laid_out);
        }
    }
    Err(DocumentError::BallotTooLong {
        count,
        max: MAX_BALLOT_NAMES,
    })
}
