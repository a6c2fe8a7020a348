//! Cơ cấu — the structure targets of a personnel plan (đề án nhân sự) as data, how the slate of
//! candidates meets them ("17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%"), the number of
//! candidates against the seats, and the make-up of the slate for the charts.
//!
//! Targets of Chỉ thị 35-CT/TW and Hướng dẫn 26-HD/BTCTW: women at least 15%, under 40 at least
//! 10% (provincial and district level); ethnic minorities as suits the locality, so a range set
//! by the plan. Shares are hundredths of a percent, rounded half up
//! ([`percent_hundredths`]); a target is judged on the share as shown, so the panel never
//! contradicts itself (for whole-percent targets and slates under 200 people this is the same
//! as comparing the exact fractions).

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use super::age::{AgeBand, age_on};
use super::field::{FieldError, required_line};
use super::person::{BirthDate, Sex, is_ethnic_minority};
use crate::election::rules::{ElectionKind, RuleSet};
use crate::election::surplus::SurplusCheck;
use crate::vn::collate::compare_vi;
use crate::vn::fold::fold;
use crate::vn::format::{
    format_hundredths, format_percent_hundredths, format_uint, percent_hundredths,
};

/// Longest target label, in characters.
pub const LABEL_MAX_CHARS: usize = 100;
/// Largest age an "under this age" target may name.
pub const AGE_MAX: u32 = 120;
/// 100%, in hundredths of a percent.
pub const FULL: u32 = 10_000;

/// Tiêu chí — what a target counts among the candidates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Criterion {
    /// Nữ.
    Women,
    /// Dưới … tuổi — younger than this age (completed years) on the congress's first day.
    UnderAge(u32),
    /// Dân tộc thiểu số ([`is_ethnic_minority`]).
    EthnicMinority,
    /// Tái cử — standing again.
    Renominated,
    /// A mark the secretariat sets on candidates ("cán bộ trẻ", "chuyên trách"), compared
    /// without case or diacritics.
    Mark(String),
}

impl Criterion {
    /// Stored form: `women`, `under_age:40`, `ethnic_minority`, `renominated`,
    /// `mark:cán bộ trẻ`.
    pub fn to_stored(&self) -> String {
        match self {
            Criterion::Women => "women".into(),
            Criterion::UnderAge(age) => format!("under_age:{age}"),
            Criterion::EthnicMinority => "ethnic_minority".into(),
            Criterion::Renominated => "renominated".into(),
            Criterion::Mark(mark) => format!("mark:{mark}"),
        }
    }

    /// Parses the stored form.
    pub fn from_stored(s: &str) -> Option<Criterion> {
        match s {
            "women" => Some(Criterion::Women),
            "ethnic_minority" => Some(Criterion::EthnicMinority),
            "renominated" => Some(Criterion::Renominated),
            _ => {
                if let Some(age) = s.strip_prefix("under_age:") {
                    age.parse().ok().map(Criterion::UnderAge)
                } else {
                    s.strip_prefix("mark:")
                        .filter(|m| !m.is_empty())
                        .map(|m| Criterion::Mark(m.into()))
                }
            }
        }
    }

    /// Whether `candidate` counts for this criterion, with ages on `first_day`.
    pub fn counts(&self, candidate: &Candidate, first_day: NaiveDate) -> bool {
        match self {
            Criterion::Women => candidate.sex == Sex::Female,
            Criterion::UnderAge(age) => age_on(candidate.birth, first_day) < *age,
            Criterion::EthnicMinority => candidate
                .ethnicity
                .as_deref()
                .is_some_and(is_ethnic_minority),
            Criterion::Renominated => candidate.renominated,
            Criterion::Mark(mark) => {
                let wanted = fold(mark.trim());
                candidate.marks.iter().any(|m| fold(m.trim()) == wanted)
            }
        }
    }

    fn check(self) -> Result<Criterion, StructureError> {
        match self {
            Criterion::UnderAge(age) if !(1..=AGE_MAX).contains(&age) => {
                Err(StructureError::AgeOutOfRange { given: age })
            }
            Criterion::Mark(mark) => required_line(&mark, LABEL_MAX_CHARS)
                .map(Criterion::Mark)
                .map_err(StructureError::Mark),
            other => Ok(other),
        }
    }
}

/// Mức chỉ tiêu — the bound a share must keep, in hundredths of a percent (`1500` = 15%).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// Từ … trở lên — at least.
    AtLeast(u32),
    /// Không quá … — at most.
    AtMost(u32),
    /// Trong khoảng … – … — from the first to the second, both included.
    Within(u32, u32),
}

impl Bound {
    /// The kind as stored: `at_least`, `at_most`, `within`.
    pub fn kind_code(self) -> &'static str {
        match self {
            Bound::AtLeast(_) => "at_least",
            Bound::AtMost(_) => "at_most",
            Bound::Within(..) => "within",
        }
    }

    /// The bound from its stored parts (`high` is used by `within` only), checked.
    pub fn from_parts(kind: &str, low: u32, high: u32) -> Option<Bound> {
        let bound = match kind {
            "at_least" => Bound::AtLeast(low),
            "at_most" => Bound::AtMost(low),
            "within" => Bound::Within(low, high),
            _ => return None,
        };
        bound.check().ok()
    }

    /// The lower and upper figure as stored (`high` repeats `low` for a one-sided bound).
    pub fn parts(self) -> (u32, u32) {
        match self {
            Bound::AtLeast(x) | Bound::AtMost(x) => (x, x),
            Bound::Within(low, high) => (low, high),
        }
    }

    /// Checks the figures: each at most 100%, a range not upside down.
    pub fn check(self) -> Result<Bound, StructureError> {
        let (low, high) = self.parts();
        for given in [low, high] {
            if given > FULL {
                return Err(StructureError::PercentOutOfRange { given });
            }
        }
        if low > high {
            return Err(StructureError::EmptyRange { low, high });
        }
        Ok(self)
    }

    /// Whether a share (hundredths of a percent) keeps the bound.
    pub fn admits(self, share: i64) -> bool {
        match self {
            Bound::AtLeast(x) => share >= i64::from(x),
            Bound::AtMost(x) => share <= i64::from(x),
            Bound::Within(low, high) => (i64::from(low)..=i64::from(high)).contains(&share),
        }
    }

    /// Khoảng cách — the share minus the nearest edge of the bound, in hundredths of a
    /// percentage point: `+214` is 2,14 points above. Inside a range it is 0. So for
    /// "at least" the target is met exactly when the distance is ≥ 0, for "at most" when it is
    /// ≤ 0, for a range when it is 0.
    pub fn distance(self, share: i64) -> i64 {
        match self {
            Bound::AtLeast(x) | Bound::AtMost(x) => share - i64::from(x),
            Bound::Within(low, high) => {
                if share < i64::from(low) {
                    share - i64::from(low)
                } else if share > i64::from(high) {
                    share - i64::from(high)
                } else {
                    0
                }
            }
        }
    }
}

impl fmt::Display for Bound {
    /// `≥ 15%`, `≤ 30%`, `20–25%`, `12,5%` when the figure has decimals.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Bound::AtLeast(x) => write!(f, "≥ {}%", bound_figure(x)),
            Bound::AtMost(x) => write!(f, "≤ {}%", bound_figure(x)),
            Bound::Within(low, high) => {
                write!(f, "{}–{}%", bound_figure(low), bound_figure(high))
            }
        }
    }
}

/// A target's figure as people write it: `15`, `12,5`, `33,33` (no trailing zero decimals).
fn bound_figure(hundredths: u32) -> String {
    let text = format_hundredths(i64::from(hundredths));
    text.trim_end_matches('0').trim_end_matches(',').to_owned()
}

/// Tỷ lệ chỉ tiêu — reads a percent as typed in a form: `15`, `15%`, `12,5`, `12.5`, up to two
/// decimals, 0–100; gives hundredths of a percent.
pub fn parse_percent(raw: &str) -> Result<u32, FieldError> {
    const EXPECTED: &str = "một tỷ lệ phần trăm từ 0 đến 100, tối đa hai chữ số thập phân";
    let text = required_line(raw, 12)?;
    let number = text.strip_suffix('%').unwrap_or(&text).trim_end();
    let (whole, frac) = match number.split_once([',', '.']) {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || !digits(whole) || frac.len() > 2 || !digits(frac) {
        return Err(FieldError::invalid(&text, EXPECTED));
    }
    let whole: u32 = whole
        .parse()
        .map_err(|_| FieldError::invalid(&text, EXPECTED))?;
    let frac: u32 = format!("{frac:0<2}")
        .parse()
        .map_err(|_| FieldError::invalid(&text, EXPECTED))?;
    let value = whole * 100 + frac;
    if value > FULL {
        return Err(FieldError::OutOfRange {
            given: text,
            min: 0,
            max: 100,
        });
    }
    Ok(value)
}

/// Lỗi chỉ tiêu — why a structure target is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructureError {
    /// The label is empty or too long.
    Label(FieldError),
    /// A figure over 100%.
    PercentOutOfRange {
        /// The figure, in hundredths of a percent.
        given: u32,
    },
    /// A range whose lower figure is above its upper one.
    EmptyRange {
        /// Cận dưới.
        low: u32,
        /// Cận trên.
        high: u32,
    },
    /// An "under this age" target with an age of 0 or over [`AGE_MAX`].
    AgeOutOfRange {
        /// The age given.
        given: u32,
    },
    /// A mark target whose mark is empty or too long.
    Mark(FieldError),
}

impl fmt::Display for StructureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StructureError::Label(e) => write!(f, "Tên chỉ tiêu: {e}"),
            StructureError::PercentOutOfRange { given } => write!(
                f,
                "Tỷ lệ chỉ tiêu {} vượt quá 100%",
                format_percent_hundredths(i64::from(*given))
            ),
            StructureError::EmptyRange { low, high } => write!(
                f,
                "Khoảng chỉ tiêu {}–{}% không hợp lệ: cận dưới lớn hơn cận trên",
                bound_figure(*low),
                bound_figure(*high)
            ),
            StructureError::AgeOutOfRange { given } => write!(
                f,
                "Chỉ tiêu «dưới … tuổi» cần một tuổi từ 1 đến {AGE_MAX} (đang là {given})"
            ),
            StructureError::Mark(FieldError::Missing) => {
                f.write_str("Chỉ tiêu theo đánh dấu cần tên của đánh dấu (ví dụ «cán bộ trẻ»)")
            }
            StructureError::Mark(e) => write!(f, "Tên đánh dấu của chỉ tiêu: {e}"),
        }
    }
}

impl std::error::Error for StructureError {}

/// Chỉ tiêu cơ cấu — one target of a personnel plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureTarget {
    /// Tên chỉ tiêu ("Nữ", "Dưới 40 tuổi", "Dân tộc thiểu số", "Cán bộ trẻ").
    pub label: String,
    /// What is counted.
    pub criterion: Criterion,
    /// The bound the share must keep.
    pub bound: Bound,
}

impl StructureTarget {
    /// A checked target: the label one line (NFC) of at most [`LABEL_MAX_CHARS`], the bound's
    /// figures within 0–100%, an age 1–[`AGE_MAX`], a mark named.
    pub fn new(
        label: &str,
        criterion: Criterion,
        bound: Bound,
    ) -> Result<StructureTarget, StructureError> {
        Ok(StructureTarget {
            label: required_line(label, LABEL_MAX_CHARS).map_err(StructureError::Label)?,
            criterion: criterion.check()?,
            bound: bound.check()?,
        })
    }

    /// The targets every provincial or district plan starts with (Chỉ thị 35-CT/TW): women
    /// ≥ 15%, under 40 ≥ 10%. The ethnic-minority range is local and added by the plan.
    pub fn chi_thi_35() -> Vec<StructureTarget> {
        vec![
            StructureTarget {
                label: "Nữ".into(),
                criterion: Criterion::Women,
                bound: Bound::AtLeast(1500),
            },
            StructureTarget {
                label: "Dưới 40 tuổi".into(),
                criterion: Criterion::UnderAge(40),
                bound: Bound::AtLeast(1000),
            },
        ]
    }
}

/// Ứng viên — what the structure rules need of one candidate on the slate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Giới tính.
    pub sex: Sex,
    /// Ngày sinh.
    pub birth: BirthDate,
    /// Dân tộc, when known.
    pub ethnicity: Option<String>,
    /// Tái cử.
    pub renominated: bool,
    /// Đánh dấu — the marks set on the candidate for custom targets.
    pub marks: Vec<String>,
}

/// Most marks one candidate may carry.
pub const MARKS_MAX: usize = 10;

/// Đánh dấu ứng viên — reads the marks typed for a candidate, separated by commas or
/// semicolons ("cán bộ trẻ, chuyên trách"): each one line (NFC, single-spaced) of at most
/// [`LABEL_MAX_CHARS`], empty parts skipped, marks equal without case or diacritics kept once
/// (as first written), at most [`MARKS_MAX`]. The same comparison as [`Criterion::Mark`].
pub fn parse_marks(raw: &str) -> Result<Vec<String>, FieldError> {
    let mut marks: Vec<String> = Vec::new();
    for part in raw.split([',', ';']) {
        let Some(mark) = super::field::line(part, LABEL_MAX_CHARS, false)? else {
            continue;
        };
        if !marks.iter().any(|m| fold(m) == fold(&mark)) {
            marks.push(mark);
        }
    }
    if marks.len() > MARKS_MAX {
        return Err(FieldError::OutOfRange {
            given: format!("{} đánh dấu", marks.len()),
            min: 0,
            max: MARKS_MAX as i64,
        });
    }
    Ok(marks)
}

/// Kết quả một chỉ tiêu — how the slate meets one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetCompliance {
    /// Tên chỉ tiêu.
    pub label: String,
    /// Mức chỉ tiêu.
    pub bound: Bound,
    /// How many candidates count.
    pub count: u64,
    /// The slate's size.
    pub base: u64,
    /// `count / base` in hundredths of a percent, half up; `None` for an empty slate.
    pub share: Option<i64>,
    /// Whether the share keeps the bound (`false` for an empty slate).
    pub met: bool,
    /// [`Bound::distance`] of the share, in hundredths of a point; `None` for an empty slate.
    pub distance: Option<i64>,
    /// The panel's sentence: "17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%".
    pub phrase: String,
}

impl TargetCompliance {
    /// The figure with its count: "6/35 – 17,14%" (or "0/0" for an empty slate).
    pub fn figure(&self) -> String {
        let ratio = format!("{}/{}", format_uint(self.count), format_uint(self.base));
        match self.share {
            Some(share) => format!("{ratio} – {}", format_percent_hundredths(share)),
            None => ratio,
        }
    }
}

/// The panel's sentence for a share against a bound.
fn phrase(share: i64, bound: Bound) -> String {
    let shown = format_percent_hundredths(share);
    let distance = bound.distance(share);
    let points = format_hundredths(distance.abs());
    match bound {
        Bound::AtLeast(_) | Bound::AtMost(_) => {
            let verdict = match distance {
                0 => return format!("{shown} — đạt đúng chỉ tiêu {bound}"),
                d if d > 0 => "vượt",
                _ if matches!(bound, Bound::AtLeast(_)) => "thiếu",
                _ => "thấp hơn",
            };
            format!("{shown} — {verdict} {points} điểm % so với chỉ tiêu {bound}")
        }
        Bound::Within(..) => match distance {
            0 => format!("{shown} — trong khoảng {bound}"),
            d if d < 0 => format!("{shown} — dưới khoảng {bound} (thiếu {points} điểm %)"),
            _ => format!("{shown} — vượt khoảng {bound} (thừa {points} điểm %)"),
        },
    }
}

/// Đối chiếu chỉ tiêu — how `slate` meets each of `targets`, ages on `first_day` (the
/// congress's first day), in the targets' order.
pub fn compliance(
    targets: &[StructureTarget],
    slate: &[Candidate],
    first_day: NaiveDate,
) -> Vec<TargetCompliance> {
    let base = slate.len() as u64;
    targets
        .iter()
        .map(|target| {
            let count = slate
                .iter()
                .filter(|c| target.criterion.counts(c, first_day))
                .count() as u64;
            let share = percent_hundredths(count, base);
            let (met, distance, phrase) = match share {
                Some(share) => (
                    target.bound.admits(share),
                    Some(target.bound.distance(share)),
                    phrase(share, target.bound),
                ),
                None => (
                    false,
                    None,
                    format!("Chưa có ứng viên — chỉ tiêu {}", target.bound),
                ),
            };
            TargetCompliance {
                label: target.label.clone(),
                bound: target.bound,
                count,
                base,
                share,
                met,
                distance,
                phrase,
            }
        })
        .collect()
}

/// Số ứng viên so với số cần bầu — the slate's size against the committee's seats, through the
/// election's surplus check under `rules` (at most 30% over, 10–15% prepared, small
/// committees at most one over), as for an election of the executive committee.
pub fn candidates_against_seats(rules: &RuleSet, candidates: u32, seats: u32) -> SurplusCheck {
    SurplusCheck::new(rules, Some(ElectionKind::Committee), candidates, seats)
}

/// Cơ cấu danh sách — the make-up of the slate, for the charts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Makeup {
    /// Số ứng viên.
    pub total: u64,
    /// Nam.
    pub men: u64,
    /// Nữ.
    pub women: u64,
    /// Each age band (all three, youngest first) with its count, ages on the first day.
    pub age_bands: Vec<(AgeBand, u64)>,
    /// Each ethnicity as first written, most numerous first, then in Vietnamese order;
    /// spellings that differ only in case or diacritics are one ethnicity. Unknown ones are
    /// left out (see `ethnicity_unknown`).
    pub ethnicities: Vec<(String, u64)>,
    /// Dân tộc Kinh.
    pub kinh: u64,
    /// Dân tộc thiểu số.
    pub minority: u64,
    /// Chưa rõ dân tộc.
    pub ethnicity_unknown: u64,
    /// Tái cử.
    pub renominated: u64,
    /// Tham gia lần đầu.
    pub new: u64,
}

/// Đếm cơ cấu — the make-up of `slate` with ages on `first_day`.
pub fn makeup(slate: &[Candidate], first_day: NaiveDate) -> Makeup {
    let mut m = Makeup {
        total: slate.len() as u64,
        men: 0,
        women: 0,
        age_bands: AgeBand::ALL.iter().map(|&b| (b, 0)).collect(),
        ethnicities: Vec::new(),
        kinh: 0,
        minority: 0,
        ethnicity_unknown: 0,
        renominated: 0,
        new: 0,
    };
    let mut index: HashMap<String, usize> = HashMap::new();
    for c in slate {
        match c.sex {
            Sex::Male => m.men += 1,
            Sex::Female => m.women += 1,
        }
        let band = AgeBand::of_age(age_on(c.birth, first_day));
        if let Some(slot) = m.age_bands.iter_mut().find(|(b, _)| *b == band) {
            slot.1 += 1;
        }
        match c
            .ethnicity
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
        {
            None => m.ethnicity_unknown += 1,
            Some(name) => {
                if is_ethnic_minority(name) {
                    m.minority += 1;
                } else {
                    m.kinh += 1;
                }
                let at = *index.entry(fold(name)).or_insert_with(|| {
                    m.ethnicities.push((name.to_owned(), 0));
                    m.ethnicities.len() - 1
                });
                m.ethnicities[at].1 += 1;
            }
        }
        if c.renominated {
            m.renominated += 1;
        } else {
            m.new += 1;
        }
    }
    m.ethnicities
        .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| compare_vi(&a.0, &b.0)));
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn first_day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 6, 8).unwrap()
    }

    fn candidate(sex: Sex, born: i32, ethnicity: &str, renominated: bool) -> Candidate {
        Candidate {
            sex,
            birth: BirthDate::Full(NaiveDate::from_ymd_opt(born, 9, 15).unwrap()),
            ethnicity: Some(ethnicity.into()),
            renominated,
            marks: Vec::new(),
        }
    }

    /// The seed's slate: 35 candidates, 6 women, 11 under 40 on 08/06/2020, 7 from ethnic
    /// minorities, 20 standing again.
    fn seed_slate() -> Vec<Candidate> {
        (0..35)
            .map(|i| {
                let sex = if i < 6 { Sex::Female } else { Sex::Male };
                // Born 15/09/1980 is 39 on 08/06/2020; 1979 is 40.
                let born = if (3..14).contains(&i) {
                    1980 + i % 5
                } else {
                    1965 + i % 14
                };
                let minorities = ["Thái", "H'Mông", "Dao", "Giáy", "Lự", "Thái", "Dao"];
                let ethnicity = if i % 5 == 0 {
                    minorities[i as usize / 5]
                } else {
                    "Kinh"
                };
                candidate(sex, born, ethnicity, i >= 15)
            })
            .collect()
    }

    fn seed_targets() -> Vec<StructureTarget> {
        let mut targets = StructureTarget::chi_thi_35();
        targets.push(
            StructureTarget::new(
                "Dân tộc thiểu số",
                Criterion::EthnicMinority,
                Bound::Within(2000, 2500),
            )
            .unwrap(),
        );
        targets
    }

    #[test]
    fn the_seed_slate() {
        let slate = seed_slate();
        let minority = slate
            .iter()
            .filter(|c| is_ethnic_minority(c.ethnicity.as_deref().unwrap()))
            .count();
        assert_eq!(minority, 7, "the fixture has 7 from ethnic minorities");
        let panel = compliance(&seed_targets(), &slate, first_day());
        let women = &panel[0];
        assert_eq!((women.count, women.base, women.share), (6, 35, Some(1714)));
        assert!(women.met);
        assert_eq!(women.distance, Some(214));
        assert_eq!(
            women.phrase,
            "17,14% — vượt 2,14 điểm % so với chỉ tiêu ≥ 15%"
        );
        assert_eq!(women.figure(), "6/35 – 17,14%");
        let young = &panel[1];
        assert_eq!((young.count, young.share), (11, Some(3143)));
        assert_eq!(
            young.phrase,
            "31,43% — vượt 21,43 điểm % so với chỉ tiêu ≥ 10%"
        );
        let minority = &panel[2];
        assert_eq!((minority.count, minority.share), (7, Some(2000)));
        assert!(minority.met);
        assert_eq!(minority.phrase, "20,00% — trong khoảng 20–25%");
    }

    #[test]
    fn phrases() {
        assert_eq!(
            phrase(1200, Bound::AtLeast(1500)),
            "12,00% — thiếu 3,00 điểm % so với chỉ tiêu ≥ 15%"
        );
        assert_eq!(
            phrase(1500, Bound::AtLeast(1500)),
            "15,00% — đạt đúng chỉ tiêu ≥ 15%"
        );
        assert_eq!(
            phrase(1000, Bound::AtMost(1250)),
            "10,00% — thấp hơn 2,50 điểm % so với chỉ tiêu ≤ 12,5%"
        );
        assert_eq!(
            phrase(3500, Bound::AtMost(3000)),
            "35,00% — vượt 5,00 điểm % so với chỉ tiêu ≤ 30%"
        );
        assert_eq!(
            phrase(1429, Bound::Within(2000, 2500)),
            "14,29% — dưới khoảng 20–25% (thiếu 5,71 điểm %)"
        );
        assert_eq!(
            phrase(2857, Bound::Within(2000, 2500)),
            "28,57% — vượt khoảng 20–25% (thừa 3,57 điểm %)"
        );
        assert_eq!(Bound::Within(3333, 10_000).to_string(), "33,33–100%");
        let empty = compliance(&seed_targets(), &[], first_day());
        assert_eq!(empty[0].phrase, "Chưa có ứng viên — chỉ tiêu ≥ 15%");
        assert_eq!((empty[0].share, empty[0].met), (None, false));
        assert_eq!(empty[0].figure(), "0/0");
    }

    #[test]
    fn custom_and_renominated_targets() {
        let mut slate = seed_slate();
        slate[0].marks = vec!["Cán bộ trẻ".into()];
        slate[1].marks = vec!["can bo tre".into(), "chuyên trách".into()];
        let targets = [
            StructureTarget::new(
                " Cán bộ  trẻ ",
                Criterion::Mark("cán bộ trẻ".into()),
                Bound::AtLeast(500),
            )
            .unwrap(),
            StructureTarget::new("Tái cử", Criterion::Renominated, Bound::AtMost(6000)).unwrap(),
        ];
        assert_eq!(targets[0].label, "Cán bộ trẻ");
        let panel = compliance(&targets, &slate, first_day());
        assert_eq!(
            (panel[0].count, panel[0].share, panel[0].met),
            (2, Some(571), true)
        );
        assert_eq!(
            (panel[1].count, panel[1].share, panel[1].met),
            (20, Some(5714), true)
        );
    }

    #[test]
    fn refused_targets() {
        let t =
            |label: &str, c: Criterion, b: Bound| StructureTarget::new(label, c, b).unwrap_err();
        assert_eq!(
            t("", Criterion::Women, Bound::AtLeast(1500)).to_string(),
            "Tên chỉ tiêu: bắt buộc nhưng đang để trống"
        );
        assert_eq!(
            t("Nữ", Criterion::Women, Bound::AtLeast(12_000)).to_string(),
            "Tỷ lệ chỉ tiêu 120,00% vượt quá 100%"
        );
        assert_eq!(
            t(
                "Dân tộc",
                Criterion::EthnicMinority,
                Bound::Within(2500, 2000)
            )
            .to_string(),
            "Khoảng chỉ tiêu 25–20% không hợp lệ: cận dưới lớn hơn cận trên"
        );
        assert_eq!(
            t("Trẻ", Criterion::UnderAge(0), Bound::AtLeast(1000)),
            StructureError::AgeOutOfRange { given: 0 }
        );
        assert_eq!(
            t("Khác", Criterion::Mark("  ".into()), Bound::AtLeast(1000)),
            StructureError::Mark(FieldError::Missing)
        );
        assert_eq!(
            t(
                "Khác",
                Criterion::Mark("x".repeat(101)),
                Bound::AtLeast(1000)
            )
            .to_string(),
            "Tên đánh dấu của chỉ tiêu: dài 101 ký tự, quá giới hạn 100 ký tự"
        );
    }

    #[test]
    fn stored_forms_and_typed_percents() {
        for c in [
            Criterion::Women,
            Criterion::UnderAge(35),
            Criterion::EthnicMinority,
            Criterion::Renominated,
            Criterion::Mark("cán bộ trẻ".into()),
        ] {
            assert_eq!(Criterion::from_stored(&c.to_stored()), Some(c));
        }
        assert_eq!(Criterion::from_stored("mark:"), None);
        assert_eq!(Criterion::from_stored("under_age:x"), None);
        for b in [
            Bound::AtLeast(1500),
            Bound::AtMost(3000),
            Bound::Within(2000, 2500),
        ] {
            let (low, high) = b.parts();
            assert_eq!(Bound::from_parts(b.kind_code(), low, high), Some(b));
        }
        assert_eq!(Bound::from_parts("within", 2500, 2000), None);
        assert_eq!(parse_percent("15"), Ok(1500));
        assert_eq!(parse_percent("15 %"), Ok(1500));
        assert_eq!(parse_percent("12,5"), Ok(1250));
        assert_eq!(parse_percent("12.25%"), Ok(1225));
        assert_eq!(parse_percent("100"), Ok(10_000));
        assert!(matches!(
            parse_percent("100,01"),
            Err(FieldError::OutOfRange { .. })
        ));
        for bad in ["", "abc", "-5", "12,345", "1.000", ",5", "15%%"] {
            assert!(parse_percent(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn marks_as_typed() {
        assert_eq!(
            parse_marks(" Cán bộ  trẻ ;chuyên trách, can bo tre,, "),
            Ok(vec!["Cán bộ trẻ".to_owned(), "chuyên trách".to_owned()])
        );
        assert_eq!(parse_marks("  "), Ok(Vec::new()));
        assert!(matches!(
            parse_marks(&"x".repeat(101)),
            Err(FieldError::TooLong { max: 100, .. })
        ));
        let many: Vec<String> = (0..11).map(|i| format!("m{i}")).collect();
        assert!(matches!(
            parse_marks(&many.join(",")),
            Err(FieldError::OutOfRange { max: 10, .. })
        ));
        // A mark read here is counted by the criterion of the same mark.
        let mut c = seed_slate()[0].clone();
        c.marks = parse_marks("CÁN BỘ TRẺ").unwrap();
        assert!(Criterion::Mark("cán bộ trẻ".into()).counts(&c, first_day()));
    }

    #[test]
    fn candidates_against_the_seats() {
        let rules = RuleSet::named("party-2024").unwrap();
        let check = candidates_against_seats(&rules, 40, 35);
        assert_eq!((check.extra, check.percent_hundredths), (5, 1429));
        assert!(check.warnings.is_empty());
        assert!(!candidates_against_seats(&rules, 35, 35).warnings.is_empty());
        assert!(!candidates_against_seats(&rules, 50, 35).warnings.is_empty());
    }

    #[test]
    fn makeup_of_the_seed_slate() {
        let m = makeup(&seed_slate(), first_day());
        assert_eq!((m.total, m.men, m.women), (35, 29, 6));
        assert_eq!(m.age_bands[0], (AgeBand::Under40, 11));
        assert_eq!(m.age_bands.iter().map(|(_, n)| n).sum::<u64>(), 35);
        assert_eq!((m.kinh, m.minority, m.ethnicity_unknown), (28, 7, 0));
        assert_eq!(m.ethnicities[0], ("Kinh".to_owned(), 28));
        assert_eq!((m.renominated, m.new), (20, 15));
        let mut slate = seed_slate();
        slate[1].ethnicity = Some("THÁI".into());
        slate[2].ethnicity = None;
        let m = makeup(&slate, first_day());
        let thai = m.ethnicities.iter().find(|(e, _)| e == "Thái").unwrap();
        assert_eq!(thai.1, 3);
        assert_eq!(m.ethnicity_unknown, 1);
    }

    fn any_candidate() -> impl Strategy<Value = Candidate> {
        (
            any::<bool>(),
            1950i32..2000,
            1u32..=365,
            0usize..5,
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(female, y, day, eth, renominated, young)| Candidate {
                sex: if female { Sex::Female } else { Sex::Male },
                birth: BirthDate::Full(NaiveDate::from_yo_opt(y, day).unwrap()),
                ethnicity: ["Kinh", "Thái", "Mông", "", "Dao"]
                    .get(eth)
                    .map(|e| e.to_string())
                    .filter(|e| !e.is_empty()),
                renominated,
                marks: if young {
                    vec!["Cán bộ trẻ".into()]
                } else {
                    Vec::new()
                },
            })
    }

    fn any_bound() -> impl Strategy<Value = Bound> {
        prop_oneof![
            (0u32..=FULL).prop_map(Bound::AtLeast),
            (0u32..=FULL).prop_map(Bound::AtMost),
            (0u32..=FULL, 0u32..=FULL).prop_map(|(a, b)| Bound::Within(a.min(b), a.max(b))),
        ]
    }

    proptest! {
        /// The share is the count over the base to the nearest hundredth: share × base is
        /// within half a base of count × 10 000; met agrees with the distance's sign.
        #[test]
        fn share_and_distance_are_consistent(
            slate in proptest::collection::vec(any_candidate(), 1..80),
            bound in any_bound(),
            which in 0usize..5,
        ) {
            let criterion = [
                Criterion::Women,
                Criterion::UnderAge(40),
                Criterion::EthnicMinority,
                Criterion::Renominated,
                Criterion::Mark("can bo tre".into()),
            ][which].clone();
            let target = StructureTarget::new("Chỉ tiêu", criterion, bound).unwrap();
            let r = &compliance(std::slice::from_ref(&target), &slate, first_day())[0];
            let share = r.share.unwrap();
            let (count, base) = (r.count as i128, r.base as i128);
            prop_assert_eq!(r.base as usize, slate.len());
            let error = share as i128 * base - count * 10_000;
            // Half up: the rounding moved by at most half a hundredth, up on an exact half.
            prop_assert!(-base < 2 * error && 2 * error <= base);
            let distance = r.distance.unwrap();
            match bound {
                Bound::AtLeast(x) => {
                    prop_assert_eq!(r.met, distance >= 0);
                    prop_assert_eq!(distance, share - i64::from(x));
                }
                Bound::AtMost(_) => prop_assert_eq!(r.met, distance <= 0),
                Bound::Within(..) => prop_assert_eq!(r.met, distance == 0),
            }
            prop_assert!(r.phrase.starts_with(&format_percent_hundredths(share)));
            prop_assert!(r.phrase.contains(&bound.to_string()));
        }

        /// The make-up's parts each add up to the slate.
        #[test]
        fn makeup_adds_up(slate in proptest::collection::vec(any_candidate(), 0..80)) {
            let m = makeup(&slate, first_day());
            prop_assert_eq!(m.men + m.women, m.total);
            prop_assert_eq!(m.age_bands.iter().map(|(_, n)| n).sum::<u64>(), m.total);
            prop_assert_eq!(m.kinh + m.minority + m.ethnicity_unknown, m.total);
            prop_assert_eq!(m.ethnicities.iter().map(|(_, n)| n).sum::<u64>() + m.ethnicity_unknown, m.total);
            prop_assert_eq!(m.renominated + m.new, m.total);
            let under_40 = compliance(&StructureTarget::chi_thi_35(), &slate, first_day());
            prop_assert_eq!(under_40[1].count, m.age_bands[0].1);
            prop_assert_eq!(under_40[0].count, m.women);
        }

        /// Any percent typed with up to two decimals reads back as its hundredths.
        #[test]
        fn typed_percents_round_trip(h in 0u32..=FULL) {
            prop_assert_eq!(parse_percent(&format_hundredths(i64::from(h))), Ok(h));
            prop_assert_eq!(parse_percent(&format!("{}%", bound_figure(h))), Ok(h));
        }
    }
}
