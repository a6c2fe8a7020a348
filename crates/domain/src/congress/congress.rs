//! Đại hội — one organization's congress for a term: its status and the steps between them, the
//! term ("nhiệm kỳ 2020–2025"), when a congress is overdue, and the progress of the congresses
//! of a subtree ("47/47 tổ chức cơ sở đảng đã tổ chức đại hội"), by level and by month.

use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::field::{FieldError, required_line};
use crate::vn::format::format_uint;

/// Trạng thái đại hội — planned → preparing → held → results approved by the upper committee.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum CongressStatus {
    /// Đã lên kế hoạch.
    Planned,
    /// Đang chuẩn bị.
    Preparing,
    /// Đã tổ chức.
    Held,
    /// Đã được cấp trên chuẩn y kết quả.
    Approved,
}

impl CongressStatus {
    /// Every status, in the order of the cycle.
    pub const ALL: [CongressStatus; 4] = [
        CongressStatus::Planned,
        CongressStatus::Preparing,
        CongressStatus::Held,
        CongressStatus::Approved,
    ];

    /// The stored name (`planned`, `preparing`, `held`, `approved`).
    pub fn as_str(self) -> &'static str {
        match self {
            CongressStatus::Planned => "planned",
            CongressStatus::Preparing => "preparing",
            CongressStatus::Held => "held",
            CongressStatus::Approved => "approved",
        }
    }

    /// Parses the stored name.
    pub fn from_stored(s: &str) -> Option<CongressStatus> {
        CongressStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The Vietnamese label shown.
    pub fn label(self) -> &'static str {
        match self {
            CongressStatus::Planned => "Đã lên kế hoạch",
            CongressStatus::Preparing => "Đang chuẩn bị",
            CongressStatus::Held => "Đã tổ chức",
            CongressStatus::Approved => "Đã chuẩn y kết quả",
        }
    }

    /// Whether the congress has taken place (held, or held and approved).
    pub fn is_held(self) -> bool {
        matches!(self, CongressStatus::Held | CongressStatus::Approved)
    }

    fn step(self) -> i8 {
        self as i8
    }

    /// Chuyển trạng thái — checks a change of status: one step forward, or one step back to
    /// correct a mistake. Results are approved only for a held congress (the step before).
    pub fn check_change(self, to: CongressStatus) -> Result<(), StatusChangeError> {
        if (to.step() - self.step()).abs() == 1 {
            Ok(())
        } else {
            Err(StatusChangeError { from: self, to })
        }
    }
}

/// Giai đoạn công khai — what the public map and its table tell of an organization's congress:
/// not yet held, held, or held with its results approved. An organization without a congress of
/// the term counts as not yet held, as in [`progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// Chưa tổ chức (planned, preparing, or no congress yet).
    NotHeld,
    /// Đã tổ chức.
    Held,
    /// Đã chuẩn y kết quả.
    Approved,
}

impl Stage {
    /// Every stage, in the order of the cycle (the legend's order).
    pub const ALL: [Stage; 3] = [Stage::NotHeld, Stage::Held, Stage::Approved];

    /// The stage of a congress of this status (`None`: the organization has none).
    pub fn of(status: Option<CongressStatus>) -> Stage {
        match status {
            Some(CongressStatus::Approved) => Stage::Approved,
            Some(CongressStatus::Held) => Stage::Held,
            Some(CongressStatus::Planned | CongressStatus::Preparing) | None => Stage::NotHeld,
        }
    }

    /// A stable name for classes and JSON (`not-held`, `held`, `approved`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NotHeld => "not-held",
            Stage::Held => "held",
            Stage::Approved => "approved",
        }
    }

    /// The Vietnamese label shown.
    pub fn label(self) -> &'static str {
        match self {
            Stage::NotHeld => "Chưa tổ chức đại hội",
            Stage::Held => "Đã tổ chức đại hội",
            Stage::Approved => "Đã chuẩn y kết quả",
        }
    }
}

/// Lỗi chuyển trạng thái — a change of status that is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusChangeError {
    /// Trạng thái hiện tại.
    pub from: CongressStatus,
    /// Trạng thái muốn chuyển sang.
    pub to: CongressStatus,
}

impl fmt::Display for StatusChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            return write!(f, "Đại hội đã ở trạng thái «{}»", self.from.label());
        }
        if self.to == CongressStatus::Approved {
            return write!(
                f,
                "Chỉ chuẩn y kết quả của đại hội đã tổ chức; đại hội đang ở trạng thái «{}»",
                self.from.label()
            );
        }
        write!(
            f,
            "Không thể chuyển đại hội từ «{}» sang «{}»: chỉ được chuyển sang bước kế tiếp hoặc \
             quay lại bước liền trước",
            self.from.label(),
            self.to.label()
        )
    }
}

impl std::error::Error for StatusChangeError {}

/// Earliest year a term may start (the Party was founded in 1930).
pub const TERM_YEAR_MIN: i32 = 1930;
/// Latest year a term may end.
pub const TERM_YEAR_MAX: i32 = 2200;
/// Longest term, in years.
pub const TERM_MAX_YEARS: i32 = 10;

/// Nhiệm kỳ — a term from one year to a later one, 1 to 10 years long; shown "2020–2025".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Term {
    /// Năm bắt đầu.
    pub start_year: i32,
    /// Năm kết thúc.
    pub end_year: i32,
}

impl Term {
    /// A term from its two years, checked: both within
    /// [`TERM_YEAR_MIN`]–[`TERM_YEAR_MAX`], the end 1 to [`TERM_MAX_YEARS`] years after the start.
    pub fn new(start_year: i32, end_year: i32) -> Result<Term, FieldError> {
        for year in [start_year, end_year] {
            if !(TERM_YEAR_MIN..=TERM_YEAR_MAX).contains(&year) {
                return Err(FieldError::OutOfRange {
                    given: year.to_string(),
                    min: TERM_YEAR_MIN.into(),
                    max: TERM_YEAR_MAX.into(),
                });
            }
        }
        let length = end_year - start_year;
        if !(1..=TERM_MAX_YEARS).contains(&length) {
            return Err(FieldError::invalid(
                &format!("{start_year}–{end_year}"),
                "năm kết thúc sau năm bắt đầu từ 1 đến 10 năm",
            ));
        }
        Ok(Term {
            start_year,
            end_year,
        })
    }

    /// Reads a term as typed: "2020–2025", "2020-2025", "2020 — 2025" (en dash, hyphen, em dash
    /// or minus sign, spaces allowed).
    pub fn parse(raw: &str) -> Result<Term, FieldError> {
        const EXPECTED: &str = "một nhiệm kỳ dạng 2020–2025";
        let text = required_line(raw, 30)?;
        let parts: Vec<&str> = text.split(['–', '-', '—', '−']).map(str::trim).collect();
        let year = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        match parts.as_slice() {
            [a, b] => match (year(a), year(b)) {
                (Some(a), Some(b)) => Term::new(a, b),
                _ => Err(FieldError::invalid(&text, EXPECTED)),
            },
            _ => Err(FieldError::invalid(&text, EXPECTED)),
        }
    }
}

impl fmt::Display for Term {
    /// `2020–2025`, with an en dash.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start_year, self.end_year)
    }
}

/// Quá hạn — a congress not yet held whose planned first day is before `today`. A congress
/// planned for today is not overdue; without a planned day nothing is overdue.
pub fn is_overdue(
    planned_start: Option<NaiveDate>,
    status: CongressStatus,
    today: NaiveDate,
) -> bool {
    !status.is_held() && planned_start.is_some_and(|day| day < today)
}

/// Một đại hội cấp dưới — what the progress dashboard needs of one sub-organization's congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CongressFacts {
    /// The organization's level name ("Đảng bộ cơ sở").
    pub level: String,
    /// Trạng thái.
    pub status: CongressStatus,
    /// Ngày khai mạc dự kiến.
    pub planned_start: Option<NaiveDate>,
    /// Ngày khai mạc thực tế.
    pub held_start: Option<NaiveDate>,
    /// Đại hội điểm.
    pub pilot: bool,
}

/// Số liệu tiến độ — the counts of a set of congresses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ProgressCounts {
    /// Tổng số.
    pub total: u32,
    /// Đã tổ chức (held or approved).
    pub held: u32,
    /// Đã chuẩn y kết quả.
    pub approved: u32,
    /// Quá hạn (see [`is_overdue`]).
    pub overdue: u32,
    /// Đại hội điểm.
    pub pilots: u32,
}

impl ProgressCounts {
    fn add(&mut self, c: &CongressFacts, today: NaiveDate) {
        self.total += 1;
        self.held += u32::from(c.status.is_held());
        self.approved += u32::from(c.status == CongressStatus::Approved);
        self.overdue += u32::from(is_overdue(c.planned_start, c.status, today));
        self.pilots += u32::from(c.pilot);
    }
}

/// Tháng — a calendar month, shown "03/2020".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Month {
    /// Năm.
    pub year: i32,
    /// Tháng, 1–12.
    pub month: u32,
}

impl Month {
    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }
}

impl fmt::Display for Month {
    /// `03/2020`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{}", self.month, self.year)
    }
}

/// Tiến độ đại hội — the progress of the congresses below an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// All of them.
    pub counts: ProgressCounts,
    /// Per level name, in the order the levels first appear in the input: the caller passes
    /// the congresses in tree order (by depth), so levels read top-down. Names are compared
    /// exactly (they are NFC and single-spaced by `organization::check_level`).
    pub by_level: Vec<(String, ProgressCounts)>,
    /// How many were held in each month (held date's month), oldest first, months without one
    /// left out. A held congress without a held date is in `counts.held` but in no month.
    pub by_month: Vec<(Month, u32)>,
}

/// Đếm tiến độ — counts the congresses, overall, by level and by month of holding.
pub fn progress(congresses: &[CongressFacts], today: NaiveDate) -> Progress {
    let mut counts = ProgressCounts::default();
    let mut by_level: Vec<(String, ProgressCounts)> = Vec::new();
    let mut by_month = std::collections::BTreeMap::<Month, u32>::new();
    for c in congresses {
        counts.add(c, today);
        let at = match by_level.iter().position(|(level, _)| *level == c.level) {
            Some(at) => at,
            None => {
                by_level.push((c.level.clone(), ProgressCounts::default()));
                by_level.len() - 1
            }
        };
        by_level[at].1.add(c, today);
        if let (true, Some(day)) = (c.status.is_held(), c.held_start) {
            *by_month.entry(Month::of(day)).or_default() += 1;
        }
    }
    Progress {
        counts,
        by_level,
        by_month: by_month.into_iter().collect(),
    }
}

/// The level name as a noun inside a sentence: its first letter lowercased ("Tổ chức cơ sở
/// đảng" → "tổ chức cơ sở đảng"), unless the first word is an abbreviation in capitals
/// ("UBND", "HTX" stay as they are).
pub fn level_noun(level: &str) -> String {
    let mut chars = level.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    if chars.next().is_some_and(char::is_uppercase) {
        return level.to_owned();
    }
    first.to_lowercase().chain(level.chars().skip(1)).collect()
}

/// Câu tiến độ — "47/47 tổ chức cơ sở đảng đã tổ chức đại hội", from the counts and the level
/// name given by the caller ("Tổ chức cơ sở đảng"); with nothing to count, "Chưa có tổ chức cơ
/// sở đảng nào cần tổ chức đại hội".
pub fn progress_sentence(held: u32, total: u32, level: &str) -> String {
    let noun = level_noun(level);
    if total == 0 {
        return format!("Chưa có {noun} nào cần tổ chức đại hội");
    }
    format!(
        "{}/{} {noun} đã tổ chức đại hội",
        format_uint(u64::from(held)),
        format_uint(u64::from(total))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn status_steps() {
        use CongressStatus::*;
        assert!(Planned.check_change(Preparing).is_ok());
        assert!(Preparing.check_change(Held).is_ok());
        assert!(Held.check_change(Approved).is_ok());
        assert!(Approved.check_change(Held).is_ok());
        assert!(Held.check_change(Preparing).is_ok());
        assert!(Planned.check_change(Held).is_err());
        assert!(Held.check_change(Planned).is_err());
        assert_eq!(
            Preparing.check_change(Approved).unwrap_err().to_string(),
            "Chỉ chuẩn y kết quả của đại hội đã tổ chức; đại hội đang ở trạng thái «Đang chuẩn bị»"
        );
        assert_eq!(
            Held.check_change(Held).unwrap_err().to_string(),
            "Đại hội đã ở trạng thái «Đã tổ chức»"
        );
        assert_eq!(
            Planned.check_change(Held).unwrap_err().to_string(),
            "Không thể chuyển đại hội từ «Đã lên kế hoạch» sang «Đã tổ chức»: chỉ được chuyển \
             sang bước kế tiếp hoặc quay lại bước liền trước"
        );
        for s in CongressStatus::ALL {
            assert_eq!(CongressStatus::from_stored(s.as_str()), Some(s));
        }
        assert_eq!(CongressStatus::from_stored("done"), None);
    }

    #[test]
    fn terms() {
        let t = Term {
            start_year: 2020,
            end_year: 2025,
        };
        for raw in ["2020–2025", "2020-2025", " 2020 — 2025 ", "2020 − 2025"] {
            assert_eq!(Term::parse(raw), Ok(t), "{raw}");
        }
        assert_eq!(t.to_string(), "2020–2025");
        assert!(matches!(
            Term::parse("2025-2020"),
            Err(FieldError::Invalid { .. })
        ));
        assert!(matches!(
            Term::parse("2020-2020"),
            Err(FieldError::Invalid { .. })
        ));
        assert!(Term::parse("2020-2030").is_ok());
        assert!(Term::parse("2020-2031").is_err());
        assert!(matches!(
            Term::parse("1900-1905"),
            Err(FieldError::OutOfRange { .. })
        ));
        for bad in [
            "2020",
            "20-25",
            "2020/2025",
            "2020–2025–2030",
            "năm 2020-2025",
        ] {
            assert!(
                matches!(Term::parse(bad), Err(FieldError::Invalid { .. })),
                "{bad}"
            );
        }
        assert_eq!(Term::parse(""), Err(FieldError::Missing));
        assert_eq!(
            Term::parse("2020-2035").unwrap_err().to_string(),
            "«2020–2035» không hợp lệ, cần năm kết thúc sau năm bắt đầu từ 1 đến 10 năm"
        );
    }

    #[test]
    fn overdue_is_a_past_planned_day_not_yet_held() {
        let planned = Some(d(2020, 3, 20));
        assert!(is_overdue(
            planned,
            CongressStatus::Preparing,
            d(2020, 3, 21)
        ));
        assert!(!is_overdue(
            planned,
            CongressStatus::Preparing,
            d(2020, 3, 20)
        ));
        assert!(!is_overdue(planned, CongressStatus::Held, d(2020, 4, 1)));
        assert!(!is_overdue(
            planned,
            CongressStatus::Approved,
            d(2020, 4, 1)
        ));
        assert!(!is_overdue(None, CongressStatus::Planned, d(2030, 1, 1)));
    }

    fn seed_grassroots() -> Vec<CongressFacts> {
        // 47 grassroots organizations of two levels, all held by 26/3/2020, 3 pilots.
        (0..47)
            .map(|i| CongressFacts {
                level: if i < 40 {
                    "Tổ chức cơ sở đảng".into()
                } else {
                    "Chi bộ cơ sở".into()
                },
                status: if i < 30 {
                    CongressStatus::Approved
                } else {
                    CongressStatus::Held
                },
                planned_start: Some(d(2020, 3, 1)),
                held_start: Some(if i < 3 {
                    d(2020, 2, 20 + i as u32)
                } else {
                    d(2020, 3, 1 + (i as u32 % 26))
                }),
                pilot: i < 3,
            })
            .collect()
    }

    #[test]
    fn the_seed_cycle() {
        let p = progress(&seed_grassroots(), d(2020, 6, 8));
        assert_eq!(
            p.counts,
            ProgressCounts {
                total: 47,
                held: 47,
                approved: 30,
                overdue: 0,
                pilots: 3
            }
        );
        assert_eq!(
            p.by_level
                .iter()
                .map(|(l, c)| (l.as_str(), c.total))
                .collect::<Vec<_>>(),
            [("Tổ chức cơ sở đảng", 40), ("Chi bộ cơ sở", 7)]
        );
        assert_eq!(
            p.by_month,
            [
                (
                    Month {
                        year: 2020,
                        month: 2
                    },
                    3
                ),
                (
                    Month {
                        year: 2020,
                        month: 3
                    },
                    44
                )
            ]
        );
        assert_eq!(p.by_month[0].0.to_string(), "02/2020");
        assert_eq!(
            progress_sentence(p.counts.held, p.counts.total, "Tổ chức cơ sở đảng"),
            "47/47 tổ chức cơ sở đảng đã tổ chức đại hội"
        );
        assert_eq!(
            progress_sentence(1200, 10_000, "Chi bộ"),
            "1.200/10.000 chi bộ đã tổ chức đại hội"
        );
        assert_eq!(
            progress_sentence(0, 0, "Đảng bộ cơ sở"),
            "Chưa có đảng bộ cơ sở nào cần tổ chức đại hội"
        );
        assert_eq!(level_noun("HTX nông nghiệp"), "HTX nông nghiệp");
        assert_eq!(level_noun("Đảng bộ"), "đảng bộ");
        assert_eq!(level_noun(""), "");
    }

    fn facts() -> impl Strategy<Value = CongressFacts> {
        (
            0usize..3,
            0usize..4,
            proptest::option::of(0i64..100),
            proptest::option::of(0i64..100),
            any::<bool>(),
        )
            .prop_map(|(level, status, planned, held, pilot)| CongressFacts {
                level: ["Đảng bộ cơ sở", "Chi bộ", "Chi bộ cơ sở"][level].into(),
                status: CongressStatus::ALL[status],
                planned_start: planned.map(|o| d(2020, 1, 1) + chrono::Duration::days(o)),
                held_start: held.map(|o| d(2020, 1, 1) + chrono::Duration::days(o)),
                pilot,
            })
    }

    proptest! {
        /// The levels and the months add up to the whole; held ≥ approved; overdue ones are
        /// never held.
        #[test]
        fn parts_add_up(list in proptest::collection::vec(facts(), 0..60), today in 0i64..120) {
            let today = d(2020, 1, 1) + chrono::Duration::days(today);
            let p = progress(&list, today);
            let sum = |f: fn(&ProgressCounts) -> u32| p.by_level.iter().map(|(_, c)| f(c)).sum::<u32>();
            prop_assert_eq!(sum(|c| c.total), p.counts.total);
            prop_assert_eq!(sum(|c| c.held), p.counts.held);
            prop_assert_eq!(sum(|c| c.approved), p.counts.approved);
            prop_assert_eq!(sum(|c| c.overdue), p.counts.overdue);
            prop_assert_eq!(sum(|c| c.pilots), p.counts.pilots);
            prop_assert_eq!(p.counts.total as usize, list.len());
            prop_assert!(p.counts.approved <= p.counts.held);
            prop_assert!(p.counts.held + p.counts.overdue <= p.counts.total);
            let dated = list.iter().filter(|c| c.status.is_held() && c.held_start.is_some()).count();
            prop_assert_eq!(p.by_month.iter().map(|(_, n)| *n as usize).sum::<usize>(), dated);
            prop_assert!(p.by_month.windows(2).all(|w| w[0].0 < w[1].0));
        }

        /// Any two statuses: allowed exactly when they are neighbours in the cycle.
        #[test]
        fn only_neighbouring_steps(a in 0usize..4, b in 0usize..4) {
            let (from, to) = (CongressStatus::ALL[a], CongressStatus::ALL[b]);
            prop_assert_eq!(from.check_change(to).is_ok(), a.abs_diff(b) == 1);
        }

        /// Every valid term survives its display and parse.
        #[test]
        fn terms_round_trip(start in TERM_YEAR_MIN..2190, len in 1i32..=10) {
            let t = Term::new(start, start + len).unwrap();
            prop_assert_eq!(Term::parse(&t.to_string()), Ok(t));
        }
    }
}

#[cfg(test)]
mod stage_tests {
    use super::*;

    #[test]
    fn stages_follow_the_statuses() {
        assert_eq!(Stage::of(None), Stage::NotHeld);
        assert_eq!(Stage::of(Some(CongressStatus::Planned)), Stage::NotHeld);
        assert_eq!(Stage::of(Some(CongressStatus::Preparing)), Stage::NotHeld);
        assert_eq!(Stage::of(Some(CongressStatus::Held)), Stage::Held);
        assert_eq!(Stage::of(Some(CongressStatus::Approved)), Stage::Approved);
        for status in CongressStatus::ALL {
            assert_eq!(Stage::of(Some(status)) != Stage::NotHeld, status.is_held());
        }
        let labels: std::collections::HashSet<_> = Stage::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels.len(), 3);
    }
}
