//! Lịch công tác — the leaders' weekly work schedule: the ISO week a page shows (Monday to
//! Sunday on the portal's calendar), how a week is written in addresses (`2026-W53`), the
//! Vietnamese weekday names, the parts of a day, and the checks of one entry of the schedule.
//!
//! A week is an ISO 8601 week: it starts on Monday, and week 1 of a year is the week holding
//! its first Thursday, so 29/12/2025 (a Monday) is in `2026-W01` and 01/01/2027 (a Friday) in
//! `2026-W53`. "This week" is the week of today *in the portal's time zone*
//! ([`WeekId::containing`]), never of the server's clock.

use std::fmt;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

use crate::congress::field::{FieldError, line};

/// The first and last year a week may name (addresses outside are refused, not computed).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Tuần — one ISO week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WeekId {
    year: i32,
    week: u32,
}

/// Why a week in an address is refused (worded in Vietnamese by `Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeekError {
    /// Not of the form `yyyy-Www`.
    Shape,
    /// A year outside [`YEARS`].
    Year(i32),
    /// A week number the year does not have (0, 54, or 53 in a 52-week year).
    NoSuchWeek {
        /// The year.
        year: i32,
        /// The week asked for.
        week: u32,
        /// How many weeks that year has (52 or 53).
        weeks: u32,
    },
}

impl fmt::Display for WeekError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeekError::Shape => f.write_str(
                "Tuần phải ghi theo dạng năm-W số tuần, ví dụ «2026-W05» (tuần 5 năm 2026).",
            ),
            WeekError::Year(year) => write!(
                f,
                "Năm {year} nằm ngoài khoảng lịch công tác ({}–{}).",
                YEARS.start(),
                YEARS.end()
            ),
            WeekError::NoSuchWeek { year, week, weeks } => write!(
                f,
                "Năm {year} không có tuần {week}: năm này có {weeks} tuần (theo ISO 8601, tuần bắt đầu từ thứ Hai)."
            ),
        }
    }
}

impl std::error::Error for WeekError {}

/// Số tuần của một năm — 52 or 53 (the ISO week of 28 December is the last one).
pub fn weeks_in(year: i32) -> u32 {
    NaiveDate::from_ymd_opt(year, 12, 28)
        .map(|d| d.iso_week().week())
        .unwrap_or(52)
}

impl WeekId {
    /// The week `week` of ISO year `year`, if it exists and the year is within [`YEARS`].
    pub fn new(year: i32, week: u32) -> Result<WeekId, WeekError> {
        if !YEARS.contains(&year) {
            return Err(WeekError::Year(year));
        }
        let weeks = weeks_in(year);
        if week == 0 || week > weeks {
            return Err(WeekError::NoSuchWeek { year, week, weeks });
        }
        Ok(WeekId { year, week })
    }

    /// The week holding `day`.
    pub fn of(day: NaiveDate) -> WeekId {
        let iso = day.iso_week();
        WeekId {
            year: iso.year(),
            week: iso.week(),
        }
    }

    /// The week holding the instant `at` on the calendar of `tz` (the portal's "this week").
    pub fn containing(at: DateTime<Utc>, tz: Tz) -> WeekId {
        WeekId::of(crate::visits::local_day(at, tz))
    }

    /// Reads `yyyy-Www` (`2026-W05`; the `W` in either case, the week with one or two digits).
    pub fn parse(raw: &str) -> Result<WeekId, WeekError> {
        let raw = raw.trim();
        if raw.len() > 16 {
            return Err(WeekError::Shape);
        }
        let (year, week) = raw
            .split_once("-W")
            .or_else(|| raw.split_once("-w"))
            .ok_or(WeekError::Shape)?;
        let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4..=4) || !digits(week, 1..=2) {
            return Err(WeekError::Shape);
        }
        let year: i32 = year.parse().map_err(|_| WeekError::Shape)?;
        let week: u32 = week.parse().map_err(|_| WeekError::Shape)?;
        WeekId::new(year, week)
    }

    /// The ISO year (may differ from the calendar year of some of its days).
    pub fn year(self) -> i32 {
        self.year
    }

    /// The week number, 1 to 53.
    pub fn week(self) -> u32 {
        self.week
    }

    /// Its Monday.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon)
            .expect("a WeekId is always a real week")
    }

    /// Its Sunday.
    pub fn sunday(self) -> NaiveDate {
        self.monday() + Duration::days(6)
    }

    /// Its seven days, Monday first.
    pub fn days(self) -> [NaiveDate; 7] {
        let monday = self.monday();
        std::array::from_fn(|i| monday + Duration::days(i as i64))
    }

    /// The week before, if still within [`YEARS`].
    pub fn previous(self) -> Option<WeekId> {
        let day = self.monday() - Duration::days(7);
        let week = WeekId::of(day);
        YEARS.contains(&week.year).then_some(week)
    }

    /// The week after, if still within [`YEARS`].
    pub fn next(self) -> Option<WeekId> {
        let day = self.monday() + Duration::days(7);
        let week = WeekId::of(day);
        YEARS.contains(&week.year).then_some(week)
    }

    /// "Tuần 05 (từ 26/01/2026 đến 01/02/2026)".
    pub fn title(self) -> String {
        format!(
            "Tuần {:02} năm {} (từ {} đến {})",
            self.week,
            self.year,
            crate::vn::format_date(self.monday()),
            crate::vn::format_date(self.sunday())
        )
    }
}

/// `2026-W05`, as addresses carry it.
impl fmt::Display for WeekId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

/// Tên thứ — "Thứ Hai" … "Chủ nhật".
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// Buổi — the part of a day an entry takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartOfDay {
    /// Cả ngày — the whole day (listed first).
    AllDay,
    /// Sáng — morning.
    Morning,
    /// Chiều — afternoon.
    Afternoon,
    /// Tối — evening.
    Evening,
}

impl PartOfDay {
    /// Every part, in the order a day lists them.
    pub const ALL: [PartOfDay; 4] = [
        PartOfDay::AllDay,
        PartOfDay::Morning,
        PartOfDay::Afternoon,
        PartOfDay::Evening,
    ];

    /// The stored name (`ca-ngay`, `sang`, `chieu`, `toi`).
    pub fn as_str(self) -> &'static str {
        match self {
            PartOfDay::AllDay => "ca-ngay",
            PartOfDay::Morning => "sang",
            PartOfDay::Afternoon => "chieu",
            PartOfDay::Evening => "toi",
        }
    }

    /// Reads the stored name.
    pub fn parse(raw: &str) -> Option<PartOfDay> {
        PartOfDay::ALL
            .into_iter()
            .find(|p| p.as_str() == raw.trim())
    }

    /// "Cả ngày", "Sáng", "Chiều", "Tối".
    pub fn label(self) -> &'static str {
        match self {
            PartOfDay::AllDay => "Cả ngày",
            PartOfDay::Morning => "Sáng",
            PartOfDay::Afternoon => "Chiều",
            PartOfDay::Evening => "Tối",
        }
    }

    /// Whether a start at `time` belongs to this part (morning before 12:00, afternoon 12:00 to
    /// 17:59, evening from 18:00; a whole-day entry may start at any time).
    pub fn holds(self, time: NaiveTime) -> bool {
        let noon = NaiveTime::from_hms_opt(12, 0, 0).expect("valid");
        let six = NaiveTime::from_hms_opt(18, 0, 0).expect("valid");
        match self {
            PartOfDay::AllDay => true,
            PartOfDay::Morning => time < noon,
            PartOfDay::Afternoon => (noon..six).contains(&time),
            PartOfDay::Evening => time >= six,
        }
    }
}

/// Longest "what" of an entry, in characters.
pub const MAX_CONTENT: usize = 1_000;
/// Longest place, people, preparing unit, in characters.
pub const MAX_LINE: usize = 300;
/// Longest note, in characters.
pub const MAX_NOTE: usize = 500;

/// Một mục lịch công tác — an entry as typed in the administration's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleInput {
    /// Ngày — `yyyy-mm-dd` (a date input) or `dd/mm/yyyy`.
    pub day: String,
    /// Buổi — [`PartOfDay::as_str`].
    pub part: String,
    /// Giờ — `HH:MM`, may be empty.
    pub time: String,
    /// Nội dung — what happens.
    pub content: String,
    /// Địa điểm.
    pub location: String,
    /// Lãnh đạo chủ trì / dự — who leads or attends.
    pub attendees: String,
    /// Đơn vị chuẩn bị.
    pub preparer: String,
    /// Ghi chú.
    pub note: String,
}

/// Một mục lịch công tác đã kiểm tra — an entry ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleEntryFields {
    /// The day.
    pub day: NaiveDate,
    /// The part of the day.
    pub part: PartOfDay,
    /// The start, if given.
    pub time: Option<NaiveTime>,
    /// What happens (required).
    pub content: String,
    /// Where (may be empty).
    pub location: String,
    /// Who leads or attends (required).
    pub attendees: String,
    /// The unit preparing it (may be empty).
    pub preparer: String,
    /// A note (may be empty).
    pub note: String,
}

/// Reads a day as a date input sends it (`2026-01-26`) or as typed in Vietnam (`26/01/2026`,
/// also `26/1/2026`, `26-01-2026`, `26.01.2026`).
pub fn parse_day(raw: &str) -> Result<NaiveDate, FieldError> {
    const EXPECTED: &str = "một ngày có thật dạng dd/mm/yyyy";
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(FieldError::Missing);
    }
    let day = if raw.len() == 10 && raw.as_bytes()[4] == b'-' {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()
    } else {
        let parts: Vec<&str> = raw.split(['/', '-', '.']).collect();
        match parts.as_slice() {
            [d, m, y]
                if (1..=2).contains(&d.len())
                    && (1..=2).contains(&m.len())
                    && y.len() == 4
                    && [d, m, y]
                        .iter()
                        .all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
            {
                match (d.parse(), m.parse(), y.parse()) {
                    (Ok(d), Ok(m), Ok(y)) => NaiveDate::from_ymd_opt(y, m, d),
                    _ => None,
                }
            }
            _ => None,
        }
    };
    match day {
        Some(day) if YEARS.contains(&day.year()) => Ok(day),
        _ => Err(FieldError::invalid(raw, EXPECTED)),
    }
}

/// Reads `HH:MM` (also `H:MM`, `HHhMM`, `HHh`); empty is `None`.
pub fn parse_time(raw: &str) -> Result<Option<NaiveTime>, FieldError> {
    const EXPECTED: &str = "giờ dạng HH:MM, ví dụ 07:30";
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let lower = raw.to_lowercase();
    let (h, m) = match lower.split_once([':', 'h']) {
        Some((h, "")) => (h, "0"),
        Some(pair) => pair,
        None => return Err(FieldError::invalid(raw, EXPECTED)),
    };
    let ok = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || !ok(m) {
        return Err(FieldError::invalid(raw, EXPECTED));
    }
    match (h.parse(), m.parse()) {
        (Ok(h), Ok(m)) => NaiveTime::from_hms_opt(h, m, 0)
            .map(Some)
            .ok_or_else(|| FieldError::invalid(raw, EXPECTED)),
        _ => Err(FieldError::invalid(raw, EXPECTED)),
    }
}

/// A multi-line text: NFC, each line as [`line`] would keep it, blank lines kept single, cut
/// by `max` characters; `Missing` when empty and required.
pub fn text_block(raw: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let text = crate::vn::fold::nfc(raw);
    let mut lines: Vec<String> = Vec::new();
    for raw_line in text.lines() {
        match line(raw_line, usize::MAX, false)? {
            Some(l) => lines.push(l),
            None => {
                if lines.last().is_some_and(|l| !l.is_empty()) {
                    lines.push(String::new());
                }
            }
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    let out = lines.join("\n");
    if out.is_empty() && required {
        return Err(FieldError::Missing);
    }
    let given = out.chars().count();
    if given > max {
        return Err(FieldError::TooLong { max, given });
    }
    Ok(out)
}

/// Lỗi của biểu mẫu — the refusals of a form, by field name, in the order of the form.
pub type FormErrors = Vec<(&'static str, String)>;

/// "Nội dung: bắt buộc nhưng đang để trống." — a field's label and its refusal as a sentence.
pub fn sentence(label: &str, err: &FieldError) -> String {
    format!("{label}: {err}.")
}

/// Checks an entry of the schedule; every refusal names its field (`day`, `part`, `time`,
/// `content`, `location`, `attendees`, `preparer`, `note`) with a Vietnamese sentence.
pub fn check_entry(input: &ScheduleInput) -> Result<ScheduleEntryFields, FormErrors> {
    let mut errors = FormErrors::new();
    let mut keep = |field: &'static str, label: &str, r: Result<String, FieldError>| match r {
        Ok(v) => v,
        Err(e) => {
            errors.push((field, sentence(label, &e)));
            String::new()
        }
    };
    let content = keep(
        "content",
        "Nội dung",
        text_block(&input.content, MAX_CONTENT, true),
    );
    let location = keep(
        "location",
        "Địa điểm",
        line(&input.location, MAX_LINE, false).map(Option::unwrap_or_default),
    );
    let attendees = keep(
        "attendees",
        "Lãnh đạo chủ trì, thành phần",
        line(&input.attendees, MAX_LINE, true).map(Option::unwrap_or_default),
    );
    let preparer = keep(
        "preparer",
        "Đơn vị chuẩn bị",
        line(&input.preparer, MAX_LINE, false).map(Option::unwrap_or_default),
    );
    let note = keep("note", "Ghi chú", text_block(&input.note, MAX_NOTE, false));
    let day = parse_day(&input.day)
        .map_err(|e| errors.push(("day", sentence("Ngày", &e))))
        .ok();
    let part = PartOfDay::parse(&input.part);
    if part.is_none() {
        errors.push((
            "part",
            "Buổi: cần chọn một trong Cả ngày, Sáng, Chiều, Tối.".to_owned(),
        ));
    }
    let time = match parse_time(&input.time) {
        Ok(time) => time,
        Err(e) => {
            errors.push(("time", sentence("Giờ", &e)));
            None
        }
    };
    if let (Some(part), Some(t)) = (part, time)
        && !part.holds(t)
    {
        errors.push((
            "time",
            format!(
                "Giờ: {} không thuộc buổi {} (sáng trước 12:00, chiều 12:00–17:59, tối từ 18:00).",
                t.format("%H:%M"),
                part.label().to_lowercase()
            ),
        ));
    }
    match (day, part) {
        (Some(day), Some(part)) if errors.is_empty() => Ok(ScheduleEntryFields {
            day,
            part,
            time,
            content,
            location,
            attendees,
            preparer,
            note,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_iso_week_crosses_year_ends() {
        // 29/12/2025 is a Monday in week 1 of 2026; 01/01/2027 a Friday in week 53 of 2026.
        assert_eq!(WeekId::of(d(2025, 12, 29)).to_string(), "2026-W01");
        assert_eq!(WeekId::of(d(2025, 12, 28)).to_string(), "2025-W52");
        assert_eq!(WeekId::of(d(2027, 1, 1)).to_string(), "2026-W53");
        assert_eq!(WeekId::of(d(2027, 1, 3)).to_string(), "2026-W53");
        assert_eq!(WeekId::of(d(2027, 1, 4)).to_string(), "2027-W01");
        assert_eq!(WeekId::of(d(2020, 6, 8)).to_string(), "2020-W24");
        assert_eq!(weeks_in(2026), 53);
        assert_eq!(weeks_in(2025), 52);
        assert_eq!(weeks_in(2020), 53);
    }

    #[test]
    fn this_week_is_the_week_of_the_local_day() {
        let hcm = chrono_tz::Asia::Ho_Chi_Minh;
        // Sunday 03/01/2027 16:59 UTC is 23:59 in Hà Nội: still week 53 of 2026…
        let late = Utc.with_ymd_and_hms(2027, 1, 3, 16, 59, 0).unwrap();
        assert_eq!(WeekId::containing(late, hcm).to_string(), "2026-W53");
        // …and at 17:00 UTC it is Monday 04/01/2027 there, week 1 of 2027, while UTC is still
        // on Sunday.
        let monday = Utc.with_ymd_and_hms(2027, 1, 3, 17, 0, 0).unwrap();
        assert_eq!(WeekId::containing(monday, hcm).to_string(), "2027-W01");
        assert_eq!(
            WeekId::containing(monday, chrono_tz::UTC).to_string(),
            "2026-W53"
        );
    }

    #[test]
    fn weeks_parse_and_refuse_in_vietnamese() {
        let w = WeekId::parse("2026-W53").unwrap();
        assert_eq!(w.monday(), d(2026, 12, 28));
        assert_eq!(w.sunday(), d(2027, 1, 3));
        assert_eq!(WeekId::parse("2026-w5").unwrap().to_string(), "2026-W05");
        assert_eq!(
            WeekId::parse("2025-W53"),
            Err(WeekError::NoSuchWeek {
                year: 2025,
                week: 53,
                weeks: 52
            })
        );
        assert!(
            WeekId::parse("2025-W53")
                .unwrap_err()
                .to_string()
                .contains("Năm 2025 không có tuần 53")
        );
        assert_eq!(
            WeekId::parse("2026-W00"),
            Err(WeekError::NoSuchWeek {
                year: 2026,
                week: 0,
                weeks: 53
            })
        );
        for bad in [
            "",
            "2026",
            "2026-53",
            "2026-W",
            "2026-W123",
            "20266-W01",
            "2026-W+1",
            "２０２６-W01",
            "2026-W05x",
        ] {
            assert_eq!(WeekId::parse(bad), Err(WeekError::Shape), "{bad}");
        }
        assert_eq!(WeekId::parse("1999-W10"), Err(WeekError::Year(1999)));
        assert_eq!(
            WeekError::Year(1999).to_string(),
            "Năm 1999 nằm ngoài khoảng lịch công tác (2000–2100)."
        );
    }

    #[test]
    fn neighbouring_weeks_and_titles() {
        let w = WeekId::parse("2026-W01").unwrap();
        assert_eq!(w.previous().unwrap().to_string(), "2025-W52");
        assert_eq!(w.next().unwrap().to_string(), "2026-W02");
        assert_eq!(
            WeekId::parse("2026-W53")
                .unwrap()
                .next()
                .unwrap()
                .to_string(),
            "2027-W01"
        );
        assert_eq!(WeekId::parse("2000-W01").unwrap().previous(), None);
        assert_eq!(w.title(), "Tuần 01 năm 2026 (từ 29/12/2025 đến 04/01/2026)");
        let names: Vec<_> = w.days().iter().map(|d| weekday_name(d.weekday())).collect();
        assert_eq!(
            names,
            [
                "Thứ Hai",
                "Thứ Ba",
                "Thứ Tư",
                "Thứ Năm",
                "Thứ Sáu",
                "Thứ Bảy",
                "Chủ nhật"
            ]
        );
    }

    #[test]
    fn days_and_times_are_read_as_typed_in_vietnam() {
        assert_eq!(parse_day("2026-01-26").unwrap(), d(2026, 1, 26));
        assert_eq!(parse_day("26/01/2026").unwrap(), d(2026, 1, 26));
        assert_eq!(parse_day("6/1/2026").unwrap(), d(2026, 1, 6));
        assert_eq!(parse_day(""), Err(FieldError::Missing));
        assert!(parse_day("31/02/2026").is_err());
        assert!(parse_day("01/01/1990").is_err());
        assert_eq!(parse_time("").unwrap(), None);
        assert_eq!(
            parse_time("7:30").unwrap(),
            NaiveTime::from_hms_opt(7, 30, 0)
        );
        assert_eq!(
            parse_time("14h").unwrap(),
            NaiveTime::from_hms_opt(14, 0, 0)
        );
        assert_eq!(
            parse_time("14h15").unwrap(),
            NaiveTime::from_hms_opt(14, 15, 0)
        );
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("sáng").is_err());
    }

    #[test]
    fn an_entry_is_checked_field_by_field() {
        let input = ScheduleInput {
            day: "2026-01-26".into(),
            part: "sang".into(),
            time: "14:00".into(),
            content: "  ".into(),
            attendees: "Đồng chí Bí thư".into(),
            ..ScheduleInput::default()
        };
        let errors = check_entry(&input).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["content", "time"]);
        assert_eq!(errors[0].1, "Nội dung: bắt buộc nhưng đang để trống.");
        assert!(
            errors[1].1.contains("không thuộc buổi sáng"),
            "{}",
            errors[1].1
        );
        let ok = check_entry(&ScheduleInput {
            time: "08:00".into(),
            content: "Họp  Ban Thường vụ\r\n\r\n\r\nvề công tác nhân sự".into(),
            ..input
        })
        .unwrap();
        assert_eq!(ok.content, "Họp Ban Thường vụ\n\nvề công tác nhân sự");
        assert_eq!(ok.part, PartOfDay::Morning);
        let errors = check_entry(&ScheduleInput::default()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["content", "attendees", "day", "part"]);
    }

    proptest::proptest! {
        /// Every day lies in the week it names, that week reads back from its address, and the
        /// next week's Monday is seven days on.
        #[test]
        fn every_day_is_in_its_week(n in 0i64..36_500) {
            let day = d(2000, 1, 3) + Duration::days(n);
            let week = WeekId::of(day);
            proptest::prop_assert!(week.monday() <= day && day <= week.sunday());
            proptest::prop_assert_eq!(WeekId::parse(&week.to_string()), Ok(week));
            if let Some(next) = week.next() {
                proptest::prop_assert_eq!(next.monday(), week.monday() + Duration::days(7));
            }
        }
    }
}
