//! Biểu đồ cơ cấu — the make-up of the slate drawn on the server as SVG bars (sex, age bands,
//! ethnicity, re-nominated or new): pure geometry and labels over the domain's `Makeup`; the
//! template writes the elements. Each chart carries its text alternative (`summary`), read by
//! screen readers in place of the drawing.

use daihoi_domain::congress::age::AgeBand;
use daihoi_domain::congress::structure::Makeup;
use daihoi_domain::vn::format::{format_percent_hundredths, format_uint, percent_hundredths};

/// Width of a chart drawing, in SVG units.
pub const WIDTH: f64 = 480.0;
/// Room for the category names on the left.
const LABEL_WIDTH: f64 = 160.0;
/// Room for the figures on the right.
const VALUE_WIDTH: f64 = 120.0;
/// Height of one bar.
const BAR_HEIGHT: f64 = 22.0;
/// Space between bars.
const GAP: f64 = 10.0;
/// Most ethnicities drawn one by one; the rest are added up as "Dân tộc khác".
pub const MAX_ETHNICITIES: usize = 6;

/// Một cột — one category of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    /// The category ("Nữ").
    pub label: String,
    /// "6 · 17,14%".
    pub value: String,
    /// Top of the bar.
    pub y: f64,
    /// Baseline of the texts.
    pub text_y: f64,
    /// Width of the bar (0 for an empty category).
    pub width: f64,
}

/// Biểu đồ — one chart of the make-up.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Its title ("Giới tính").
    pub title: &'static str,
    /// The same figures in one sentence, the text alternative.
    pub summary: String,
    /// The bars.
    pub rows: Vec<ChartRow>,
    /// Drawing width.
    pub width: f64,
    /// Drawing height.
    pub height: f64,
    /// Left edge of the bars.
    pub bar_x: f64,
    /// Left edge of the figures.
    pub value_x: f64,
    /// Height of each bar.
    pub bar_height: f64,
}

/// Draws `parts` (name, count) of a slate of `total` people: each bar's length is its share of
/// the slate, so the charts read on one scale.
fn chart(title: &'static str, parts: &[(String, u64)], total: u64) -> Chart {
    let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    let mut rows = Vec::with_capacity(parts.len());
    let mut sentences = Vec::with_capacity(parts.len());
    for (i, (label, count)) in parts.iter().enumerate() {
        let share = percent_hundredths(*count, total);
        let value = match share {
            Some(share) => format!(
                "{} · {}",
                format_uint(*count),
                format_percent_hundredths(share)
            ),
            None => format_uint(*count),
        };
        sentences.push(format!("{label} {value}"));
        let y = i as f64 * (BAR_HEIGHT + GAP);
        rows.push(ChartRow {
            label: label.clone(),
            value,
            y,
            text_y: y + BAR_HEIGHT * 0.7,
            width: if total == 0 {
                0.0
            } else {
                plot * *count as f64 / total as f64
            },
        });
    }
    let n = parts.len().max(1) as f64;
    Chart {
        title,
        summary: format!(
            "{} của {} ứng viên: {}",
            title,
            format_uint(total),
            sentences.join("; ")
        ),
        rows,
        width: WIDTH,
        height: n * BAR_HEIGHT + (n - 1.0) * GAP,
        bar_x: LABEL_WIDTH,
        value_x: WIDTH - VALUE_WIDTH + 6.0,
        bar_height: BAR_HEIGHT,
    }
}

/// The make-up charts: sex, age bands (only with ages, `with_ages`), ethnicity (the most
/// numerous first, the rest together, unknown apart), re-nominated or new.
pub fn makeup_charts(m: &Makeup, with_ages: bool) -> Vec<Chart> {
    let mut charts = vec![chart(
        "Giới tính",
        &[("Nam".to_owned(), m.men), ("Nữ".to_owned(), m.women)],
        m.total,
    )];
    if with_ages {
        let bands: Vec<(String, u64)> = AgeBand::ALL
            .iter()
            .map(|band| {
                let n = m
                    .age_bands
                    .iter()
                    .find(|(b, _)| b == band)
                    .map_or(0, |(_, n)| *n);
                (band.label().to_owned(), n)
            })
            .collect();
        charts.push(chart("Độ tuổi", &bands, m.total));
    }
    let mut ethnicities: Vec<(String, u64)> = m
        .ethnicities
        .iter()
        .take(MAX_ETHNICITIES)
        .map(|(name, n)| (name.clone(), *n))
        .collect();
    let others: u64 = m
        .ethnicities
        .iter()
        .skip(MAX_ETHNICITIES)
        .map(|(_, n)| n)
        .sum();
    if others > 0 {
        ethnicities.push(("Dân tộc khác".to_owned(), others));
    }
    if m.ethnicity_unknown > 0 {
        ethnicities.push(("Chưa rõ dân tộc".to_owned(), m.ethnicity_unknown));
    }
    charts.push(chart("Dân tộc", &ethnicities, m.total));
    charts.push(chart(
        "Tái cử và tham gia lần đầu",
        &[
            ("Tái cử".to_owned(), m.renominated),
            ("Lần đầu".to_owned(), m.new),
        ],
        m.total,
    ));
    charts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_makeup() -> Makeup {
        Makeup {
            total: 35,
            men: 29,
            women: 6,
            age_bands: vec![
                (AgeBand::Under40, 11),
                (AgeBand::From40To50, 16),
                (AgeBand::Over50, 8),
            ],
            ethnicities: vec![
                ("Kinh".into(), 27),
                ("Thái".into(), 3),
                ("Mông".into(), 1),
                ("Dao".into(), 1),
                ("Giáy".into(), 1),
                ("Lự".into(), 1),
                ("Khơ Mú".into(), 1),
            ],
            kinh: 27,
            minority: 8,
            ethnicity_unknown: 0,
            renominated: 20,
            new: 15,
        }
    }

    #[test]
    fn bars_are_shares_of_the_slate_with_words() {
        let charts = makeup_charts(&seed_makeup(), true);
        assert_eq!(
            charts.iter().map(|c| c.title).collect::<Vec<_>>(),
            [
                "Giới tính",
                "Độ tuổi",
                "Dân tộc",
                "Tái cử và tham gia lần đầu"
            ]
        );
        let sex = &charts[0];
        assert_eq!(sex.rows[1].value, "6 · 17,14%");
        let plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        assert!((sex.rows[0].width + sex.rows[1].width - plot).abs() < 1e-9);
        assert_eq!(
            sex.summary,
            "Giới tính của 35 ứng viên: Nam 29 · 82,86%; Nữ 6 · 17,14%"
        );
        assert_eq!(charts[1].rows[0].value, "11 · 31,43%");
        // Seven ethnicities: six drawn, the seventh as "Dân tộc khác".
        let eth = &charts[2];
        assert_eq!(eth.rows.len(), MAX_ETHNICITIES + 1);
        assert_eq!(eth.rows.last().unwrap().label, "Dân tộc khác");
        for c in &charts {
            for r in &c.rows {
                assert!(r.y + BAR_HEIGHT <= c.height + 1e-9);
                assert!(c.bar_x + r.width <= c.value_x);
            }
        }
    }

    #[test]
    fn without_ages_or_candidates() {
        let mut m = seed_makeup();
        m.ethnicity_unknown = 2;
        let charts = makeup_charts(&m, false);
        assert_eq!(charts.len(), 3, "no age chart without a first day");
        assert_eq!(charts[1].rows.last().unwrap().label, "Chưa rõ dân tộc");
        let empty = Makeup {
            total: 0,
            men: 0,
            women: 0,
            age_bands: Vec::new(),
            ethnicities: Vec::new(),
            kinh: 0,
            minority: 0,
            ethnicity_unknown: 0,
            renominated: 0,
            new: 0,
        };
        let charts = makeup_charts(&empty, true);
        assert!(charts.iter().all(|c| c.rows.iter().all(|r| r.width == 0.0)));
        assert_eq!(charts[0].rows[0].value, "0");
    }
}
