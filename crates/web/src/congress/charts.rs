//! Biểu đồ — charts of the progress dashboard drawn on the server as SVG geometry (the template
//! writes the elements; no script, no third-party library). Pure functions over the counts.

use chrono::{Datelike, Duration, NaiveDate};
use daihoi_domain::vn::format::{format_date, format_uint};

/// Một cột — one bar of a chart, in SVG user units, with its accessible label.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// The `<title>` of the bar ("Tuần 02/03/2020: 5 đại hội, 1 đại hội điểm").
    pub title: String,
    /// Whether the bar counts pilots (drawn in the pilot colour).
    pub pilot: bool,
}

/// Một nhãn trục — a tick label on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Centre.
    pub x: f64,
    /// The text ("03/2020").
    pub text: String,
}

/// Biểu đồ thời gian — the congresses held week by week, pilots stacked apart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Timeline {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// The bars, pilots and others.
    pub bars: Vec<Bar>,
    /// Month labels under the axis.
    pub ticks: Vec<Tick>,
    /// Y of the axis line.
    pub axis_y: f64,
    /// The largest weekly count (the top of the scale).
    pub max: u32,
    /// A one-line summary for screen readers.
    pub summary: String,
}

/// Width of the chart drawing, in SVG units.
const WIDTH: f64 = 720.0;
/// Height of the plotting area.
const PLOT: f64 = 160.0;
/// Top margin.
const TOP: f64 = 10.0;
/// Room for the labels under the axis.
const BOTTOM: f64 = 28.0;
/// Most weeks drawn; a longer span is cut to its last weeks.
pub const MAX_WEEKS: usize = 104;

/// The Monday of the week of `day`.
fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Draws the held congresses (`(held day, pilot)`) week by week. `None` when nothing was held.
pub fn timeline(held: &[(NaiveDate, bool)]) -> Option<Timeline> {
    let first = held.iter().map(|(d, _)| week_of(*d)).min()?;
    let last = held.iter().map(|(d, _)| week_of(*d)).max()?;
    let span = ((last - first).num_days() / 7) as usize + 1;
    let weeks = span.min(MAX_WEEKS);
    let start = last - Duration::weeks(weeks as i64 - 1);
    let mut counts = vec![(0u32, 0u32); weeks];
    for (day, pilot) in held {
        let week = week_of(*day);
        if week < start {
            continue;
        }
        let at = ((week - start).num_days() / 7) as usize;
        if *pilot {
            counts[at].1 += 1;
        } else {
            counts[at].0 += 1;
        }
    }
    let max = counts.iter().map(|(a, b)| a + b).max().unwrap_or(0).max(1);
    let slot = WIDTH / weeks as f64;
    let bar_width = (slot * 0.8).max(1.0);
    let scale = PLOT / f64::from(max);
    let axis_y = TOP + PLOT;
    let mut bars = Vec::new();
    let mut ticks = Vec::new();
    let mut last_month = None;
    for (i, (others, pilots)) in counts.iter().enumerate() {
        let monday = start + Duration::weeks(i as i64);
        let x = i as f64 * slot + (slot - bar_width) / 2.0;
        let month = (monday.year(), monday.month());
        if last_month != Some(month) {
            last_month = Some(month);
            ticks.push(Tick {
                x: x + bar_width / 2.0,
                text: format!("{:02}/{}", monday.month(), monday.year()),
            });
        }
        let total = others + pilots;
        if total == 0 {
            continue;
        }
        let title = if *pilots > 0 {
            format!(
                "Tuần từ {}: {} đại hội, trong đó {} đại hội điểm",
                format_date(monday),
                format_uint(u64::from(total)),
                format_uint(u64::from(*pilots))
            )
        } else {
            format!(
                "Tuần từ {}: {} đại hội",
                format_date(monday),
                format_uint(u64::from(total))
            )
        };
        let pilot_height = f64::from(*pilots) * scale;
        let other_height = f64::from(*others) * scale;
        if *others > 0 {
            bars.push(Bar {
                x,
                y: axis_y - other_height,
                width: bar_width,
                height: other_height,
                title: title.clone(),
                pilot: false,
            });
        }
        if *pilots > 0 {
            bars.push(Bar {
                x,
                y: axis_y - other_height - pilot_height,
                width: bar_width,
                height: pilot_height,
                title,
                pilot: true,
            });
        }
    }
    // Keep the month labels apart: at most one every 60 units.
    let mut spaced: Vec<Tick> = Vec::new();
    for tick in ticks {
        if spaced.last().is_none_or(|t| tick.x - t.x >= 60.0) {
            spaced.push(tick);
        }
    }
    let held_count = held.iter().filter(|(d, _)| week_of(*d) >= start).count();
    Some(Timeline {
        width: WIDTH,
        height: TOP + PLOT + BOTTOM,
        bars,
        ticks: spaced,
        axis_y,
        max,
        summary: format!(
            "{} đại hội đã tổ chức từ {} đến {}, nhiều nhất {} đại hội trong một tuần",
            format_uint(held_count as u64),
            format_date(start),
            format_date(last + Duration::days(6)),
            format_uint(u64::from(max))
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weeks_stack_pilots_on_the_others() {
        let held = [
            (d(2020, 3, 2), true),
            (d(2020, 3, 3), false),
            (d(2020, 3, 4), false),
            (d(2020, 3, 26), false),
        ];
        let t = timeline(&held).unwrap();
        assert_eq!(t.max, 3);
        // Week of 02/03 has two bars (others then pilot above), week of 23/03 one.
        assert_eq!(t.bars.len(), 3);
        let pilot = t.bars.iter().find(|b| b.pilot).unwrap();
        let other = t.bars.iter().find(|b| !b.pilot && b.x == pilot.x).unwrap();
        assert!((pilot.y + pilot.height - other.y).abs() < 1e-9, "stacked");
        assert!(
            (other.y + other.height - t.axis_y).abs() < 1e-9,
            "on the axis"
        );
        assert!(pilot.title.contains("trong đó 1 đại hội điểm"));
        assert!(t.summary.starts_with("4 đại hội đã tổ chức từ 02/03/2020"));
        assert_eq!(t.ticks[0].text, "03/2020");
        assert!(timeline(&[]).is_none());
    }

    #[test]
    fn a_long_span_keeps_its_last_weeks() {
        let held = [(d(2015, 1, 5), false), (d(2020, 3, 2), false)];
        let t = timeline(&held).unwrap();
        assert_eq!(t.bars.len(), 1, "the 2015 one is before the drawn span");
        assert!(
            t.bars
                .iter()
                .all(|b| b.x >= 0.0 && b.x + b.width <= t.width)
        );
    }
}
