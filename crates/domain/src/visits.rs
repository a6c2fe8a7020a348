//! Thống kê truy cập — the visitor-statistics calendar.
//!
//! Visits are kept as dated daily counters (one number per local day), never as rolling buckets
//! that are zeroed at month or year change (the NukeViet design that loses history; see
//! `shared/reference/nukeviet.md` §3). From those counters this module derives the figures of the
//! public block: online, today, yesterday, this month, this year and the total.
//!
//! Days, months and years turn over in the configured time zone (default
//! [`crate::vn::DEFAULT_TIME_ZONE`], UTC+7): 17:00 UTC is local midnight. Callers pass the
//! current time or day in; nothing here reads the clock.
//!
//! Crawlers and clients without a User-Agent are recognised by [`is_bot`] and counted apart.
//!
//! [`demo_daily_history`] builds a plausible, deterministic history whose figures reproduce
//! given targets exactly (the demo portal shows the seed page's figures).

use std::fmt;

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::vn::{format_date, format_uint};

/// Thời gian chờ của lượt truy cập — a client that makes no request for this long starts a new
/// visit with its next request (sliding: every request renews it). The web layer's visit cookie
/// lives this long after each request.
pub const VISIT_IDLE_TIMEOUT: TimeDelta = TimeDelta::minutes(30);

/// Cửa sổ "đang truy cập" — a visitor counts as online when their last request is at most this
/// old. Counted in whole clock minutes: the current minute and the
/// [`ONLINE_WINDOW_MINUTES`]` - 1` before it.
pub const ONLINE_WINDOW: TimeDelta = TimeDelta::minutes(5);

/// [`ONLINE_WINDOW`] in whole minutes (5).
pub const ONLINE_WINDOW_MINUTES: i64 = ONLINE_WINDOW.num_minutes();

/// Whether a visitor last seen in clock minute `seen` (minutes since the Unix epoch) is online in
/// minute `now`: `seen` is `now` or one of the [`ONLINE_WINDOW_MINUTES`]` - 1` minutes before.
pub fn online_in_minute(seen: i64, now: i64) -> bool {
    seen <= now && seen > now - ONLINE_WINDOW_MINUTES
}

/// Lowercase fragments of User-Agent strings sent by crawlers, link-preview fetchers, HTTP
/// libraries and command-line tools.
///
/// Headless and scripted browsers ("HeadlessChrome", PhantomJS, Lighthouse audits) and load
/// generators are machines too: a person reads with a browser that shows the page. (Our own
/// browser tests drive headless Chromium with an ordinary browser's User-Agent.)
pub const BOT_SIGNATURES: &[&str] = &[
    // Search engines and crawlers in general: Googlebot, bingbot, coccocbot, YandexBot, GPTBot,
    // Baiduspider, Bytespider, Yahoo! Slurp, ia_archiver, …
    "bot",
    "crawl",
    "spider",
    "slurp",
    "archiver",
    "mediapartners-google",
    "google-inspectiontool",
    "bingpreview",
    "facebookexternalhit",
    "feedfetcher",
    // Command-line tools and HTTP client libraries.
    "curl",
    "wget",
    "python-requests",
    "python-urllib",
    "aiohttp",
    "httpx",
    "go-http-client",
    "java/",
    "apache-httpclient",
    "okhttp",
    "libwww-perl",
    "node-fetch",
    "axios/",
    "scrapy",
    "httpie",
    "postmanruntime",
    "apachebench",
    "http_request2",
    "guzzlehttp",
    // Headless and scripted browsers, audits and load generators.
    "headless",
    "phantomjs",
    "slimerjs",
    "lighthouse",
    "pagespeed",
    "puppeteer",
    "playwright",
    "selenium",
    "wrk",
    "k6/",
    "siege",
    "jmeter",
    "locust",
    "vegeta",
];

/// Lowercase fragments of real browsers' User-Agent strings that contain a bot signature by
/// accident; they are removed before matching. "CUBOT" is an Android phone maker whose model
/// names appear in the User-Agent ("CUBOT X30").
const HUMAN_FALSE_POSITIVES: &[&str] = &["cubot"];

/// Có phải máy không? — whether a request comes from a bot rather than a person.
///
/// A missing or blank User-Agent is a bot; otherwise the User-Agent is matched
/// case-insensitively against [`BOT_SIGNATURES`]. Headless Chromium counts as a person (see
/// [`BOT_SIGNATURES`]).
pub fn is_bot(user_agent: Option<&str>) -> bool {
    let Some(user_agent) = user_agent.map(str::trim).filter(|ua| !ua.is_empty()) else {
        return true;
    };
    let mut lower = user_agent.to_lowercase();
    for innocent in HUMAN_FALSE_POSITIVES {
        lower = lower.replace(innocent, " ");
    }
    BOT_SIGNATURES
        .iter()
        .any(|signature| lower.contains(signature))
}

/// Khách mới từ một địa chỉ — how many *new* visitors one network address may bring before
/// the rest are counted as automated (with the bots): a burst, then one more per interval.
///
/// A new visitor is a request that starts a visit (no live visit cookie) or brings a visitor
/// id not already online. A browser keeps its cookies, so one person costs one; a script that
/// drops its cookies costs one per request. The rule is a token bucket (GCRA): from an idle
/// address the first [`NewVisitorAllowance::burst`] new visitors count at once, then one per
/// [`NewVisitorAllowance::every`]. [`NEW_VISITORS_PER_ADDRESS`] is the product's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewVisitorAllowance {
    /// New visitors counted at once from an idle address.
    pub burst: u32,
    /// Once the burst is spent, one more new visitor counts per this interval.
    pub every: TimeDelta,
}

/// Giới hạn khách mới mỗi địa chỉ — 300 at once, then one every 10 seconds (360 an hour,
/// about 8.900 a day at most from one address).
///
/// Real users behind one address (a mobile carrier's carrier-grade NAT, an office, a congress
/// hall of delegates opening the portal from one Wi-Fi at the same moment) stay far below: the
/// burst covers a full hall at once, and a public address shared by hundreds of subscribers does
/// not bring a new reader of a provincial portal every 10 seconds all day. A script that sends
/// thousands of cookieless requests a minute adds at most 300 plus 6 a minute to the public
/// figures; everything else it sends is counted as automated.
pub const NEW_VISITORS_PER_ADDRESS: NewVisitorAllowance = NewVisitorAllowance {
    burst: 300,
    every: TimeDelta::seconds(10),
};

impl NewVisitorAllowance {
    /// Có tính là người không? — whether one more new visitor from an address counts as a
    /// person at `now`, given the address's state `pace` (the time its bucket is full again;
    /// `None` for an address not seen or forgotten). Returns the decision and the address's new
    /// state (unchanged when refused).
    ///
    /// A state at or before `now` is the same as `None` ([`NewVisitorAllowance::is_idle`]), so a
    /// bounded table may forget it. Times going backwards (another instance's clock) are
    /// treated as `now`.
    pub fn admit(
        &self,
        pace: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> (bool, Option<DateTime<Utc>>) {
        let every = self.every.max(TimeDelta::milliseconds(1));
        let tolerance = every * (self.burst.max(1) as i32 - 1);
        let full_at = pace.filter(|&p| p > now).unwrap_or(now);
        if full_at - now > tolerance {
            return (false, pace);
        }
        (true, Some(full_at + every))
    }

    /// Whether an address's state `pace` is idle at `now`: its bucket is full again, as if the
    /// address had never been seen.
    pub fn is_idle(pace: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        pace <= now
    }
}

/// Ngày địa phương — the calendar day of an instant in the statistics time zone.
///
/// With UTC+7, `2020-12-31 16:59:59 UTC` is still 31/12/2020 and `2020-12-31 17:00:00 UTC` is
/// already 01/01/2021.
pub fn local_day(at: DateTime<Utc>, tz: Tz) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// Các kỳ thống kê — the periods of the statistics block for one local day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatPeriods {
    /// Hôm nay — the local day.
    pub today: NaiveDate,
    /// Hôm qua — the day before (may lie in the previous month or year).
    pub yesterday: NaiveDate,
    /// Đầu tháng — the first day of today's month.
    pub month_start: NaiveDate,
    /// Đầu năm — 1 January of today's year.
    pub year_start: NaiveDate,
}

impl StatPeriods {
    /// The periods for a local day.
    ///
    /// For the first day chrono can represent (`NaiveDate::MIN`), which has no day before,
    /// `yesterday` is that same day.
    pub fn for_day(today: NaiveDate) -> Self {
        let yesterday = today.checked_sub_days(Days::new(1)).unwrap_or(today);
        // Day 1 of the month and of the year always exist for a valid date.
        let month_start = today.with_day(1).unwrap_or(today);
        let year_start = today.with_ordinal(1).unwrap_or(today);
        Self {
            today,
            yesterday,
            month_start,
            year_start,
        }
    }

    /// The periods for the local day of an instant in time zone `tz`.
    pub fn at(at: DateTime<Utc>, tz: Tz) -> Self {
        Self::for_day(local_day(at, tz))
    }
}

/// Kỳ thống kê — one figure of the statistics block, as a range of local days (see
/// [`StatPeriods::days`]). This is the one home of "which figure a daily count adds to": the
/// in-memory sums, the store's query and the demo history all ask [`StatPeriods`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    /// Hôm nay — the local day.
    Today,
    /// Hôm qua — the day before.
    Yesterday,
    /// Tháng này — the 1st of the month through today.
    Month,
    /// Năm nay — 1 January through today.
    Year,
    /// Tổng số — every day up to today.
    Total,
}

impl Period {
    /// Every period, shortest first.
    pub const ALL: [Period; 5] = [
        Period::Today,
        Period::Yesterday,
        Period::Month,
        Period::Year,
        Period::Total,
    ];
}

impl StatPeriods {
    /// Các ngày của kỳ — the days `period` sums, first and last inclusive; a first day of `None`
    /// means "from the earliest day stored" (the total). Days after today belong to no period.
    ///
    /// On `NaiveDate::MIN`, which has no day before, yesterday's range is that same day but
    /// [`StatPeriods::contains`] counts nothing in it.
    pub fn days(&self, period: Period) -> (Option<NaiveDate>, NaiveDate) {
        match period {
            Period::Today => (Some(self.today), self.today),
            Period::Yesterday => (Some(self.yesterday), self.yesterday),
            Period::Month => (Some(self.month_start), self.today),
            Period::Year => (Some(self.year_start), self.today),
            Period::Total => (None, self.today),
        }
    }

    /// Whether a count dated `day` adds to `period`.
    pub fn contains(&self, period: Period, day: NaiveDate) -> bool {
        if period == Period::Yesterday && self.yesterday == self.today {
            return false;
        }
        let (first, last) = self.days(period);
        first.is_none_or(|first| day >= first) && day <= last
    }

    /// The periods a count dated `day` adds to, shortest first (none for a day after today).
    pub fn periods_of(&self, day: NaiveDate) -> impl Iterator<Item = Period> + '_ {
        Period::ALL
            .into_iter()
            .filter(move |&period| self.contains(period, day))
    }
}

/// Số liệu thống kê truy cập — the figures of the statistics block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitFigures {
    /// Đang truy cập — distinct visitors within [`ONLINE_WINDOW`].
    pub online: u64,
    /// Hôm nay — visits on the local day.
    pub today: u64,
    /// Hôm qua — visits on the day before.
    pub yesterday: u64,
    /// Tháng hiện tại — visits from the first of the month up to today.
    pub month: u64,
    /// Năm hiện tại — visits from 1 January up to today.
    pub year: u64,
    /// Tổng lượt truy cập — all visits up to today.
    pub total: u64,
}

impl VisitFigures {
    /// Figures for the local day `today` from dated daily counters.
    ///
    /// Several counters for the same day (e.g. one per app instance) add up. Counters dated after
    /// `today` are ignored (they cannot be "up to today"). Sums saturate at `u64::MAX`.
    /// `online` is passed through.
    pub fn from_daily(
        today: NaiveDate,
        daily: impl IntoIterator<Item = (NaiveDate, u64)>,
        online: u64,
    ) -> Self {
        let periods = StatPeriods::for_day(today);
        let mut figures = Self {
            online,
            ..Self::default()
        };
        for (day, count) in daily {
            figures.add(&periods, day, count);
        }
        figures
    }

    /// Adds `count` visits dated `day` to every figure whose period holds it (see
    /// [`StatPeriods::periods_of`]); saturating.
    pub fn add(&mut self, periods: &StatPeriods, day: NaiveDate, count: u64) {
        for period in periods.periods_of(day) {
            let figure = self.figure_mut(period);
            *figure = figure.saturating_add(count);
        }
    }

    /// The figure of `period`.
    pub fn figure(&self, period: Period) -> u64 {
        match period {
            Period::Today => self.today,
            Period::Yesterday => self.yesterday,
            Period::Month => self.month,
            Period::Year => self.year,
            Period::Total => self.total,
        }
    }

    fn figure_mut(&mut self, period: Period) -> &mut u64 {
        match period {
            Period::Today => &mut self.today,
            Period::Yesterday => &mut self.yesterday,
            Period::Month => &mut self.month,
            Period::Year => &mut self.year,
            Period::Total => &mut self.total,
        }
    }
}

/// Một số liệu theo kỳ — the period figures whose days the demo history generator fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodFigure {
    /// Tháng này — this month.
    Month,
    /// Năm nay — this year.
    Year,
    /// Tổng số — all time.
    Total,
}

impl fmt::Display for PeriodFigure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Month => "tháng này",
            Self::Year => "năm nay",
            Self::Total => "tổng số",
        })
    }
}

/// Lỗi tạo lịch sử truy cập mẫu — why target figures cannot be reproduced by a daily history.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DemoHistoryError {
    /// The history would start after the reference day.
    #[error(
        "Ngày bắt đầu lịch sử ({}) nằm sau ngày tham chiếu ({}).",
        format_date(*first_day),
        format_date(*reference_day)
    )]
    FirstDayAfterReference {
        /// Ngày bắt đầu lịch sử.
        first_day: NaiveDate,
        /// Ngày tham chiếu.
        reference_day: NaiveDate,
    },
    /// Yesterday lies before the history starts, yet the target has visits yesterday.
    #[error(
        "Hôm qua ({}) nằm trước ngày bắt đầu lịch sử, nên số «hôm qua» phải là 0, không phải {}.",
        format_date(*yesterday),
        format_uint(*value)
    )]
    YesterdayOutsideHistory {
        /// Hôm qua.
        yesterday: NaiveDate,
        /// The target's yesterday figure.
        value: u64,
    },
    /// A period figure is smaller than the days of it that are already fixed (today, yesterday,
    /// a shorter period).
    #[error(
        "Số «{figure}» là {}, nhỏ hơn {} — tổng các số đã cố định trong kỳ (hôm nay, hôm qua, kỳ ngắn hơn).",
        format_uint(*value),
        format_uint(*minimum)
    )]
    BelowFixedDays {
        /// Which figure.
        figure: PeriodFigure,
        /// The target value.
        value: u64,
        /// The least value the fixed days allow.
        minimum: u64,
    },
    /// A period has no day left besides the fixed ones, so its figure is determined, and the
    /// target differs from it (e.g. on the 1st of a month "this month" must equal "today").
    #[error(
        "Số «{figure}» phải bằng đúng {} (không phải {}): ngày tham chiếu {} và lịch sử bắt đầu từ {} nên kỳ này không còn ngày nào khác ngoài hôm nay, hôm qua và các kỳ ngắn hơn.",
        format_uint(*exact),
        format_uint(*value),
        format_date(*reference_day),
        format_date(*first_day)
    )]
    NoFreeDays {
        /// Which figure.
        figure: PeriodFigure,
        /// The target value.
        value: u64,
        /// The only value possible.
        exact: u64,
        /// Ngày tham chiếu.
        reference_day: NaiveDate,
        /// Ngày bắt đầu lịch sử.
        first_day: NaiveDate,
    },
}

/// Relative weight of a day's traffic for the demo history: weekdays busier than weekends, with
/// a deterministic day-to-day wobble of ±20 %.
fn demo_day_weight(day: NaiveDate) -> u128 {
    let base: u128 = match day.weekday() {
        Weekday::Mon => 100,
        Weekday::Tue => 104,
        Weekday::Wed => 102,
        Weekday::Thu => 98,
        Weekday::Fri => 92,
        Weekday::Sat => 64,
        Weekday::Sun => 58,
    };
    // A fixed multiplicative hash of the day number: same day, same wobble, on every run.
    let n = u64::from(day.num_days_from_ce().unsigned_abs());
    let wobble = u128::from(n.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58); // 0..=63
    base * (80 + wobble * 40 / 63)
}

/// Splits `amount` over `days` in proportion to [`demo_day_weight`], exactly (largest
/// remainders get the leftover units; ties go to the earlier day).
fn distribute(amount: u64, days: &[NaiveDate]) -> Vec<u64> {
    if days.is_empty() {
        return Vec::new();
    }
    let weights: Vec<u128> = days.iter().map(|&d| demo_day_weight(d)).collect();
    let total_weight: u128 = weights.iter().sum();
    let amount = u128::from(amount);
    let mut shares: Vec<u64> = Vec::with_capacity(days.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(days.len());
    let mut given: u128 = 0;
    for (i, w) in weights.iter().enumerate() {
        let exact = amount * w;
        let share = exact / total_weight;
        given += share;
        // share ≤ amount ≤ u64::MAX
        shares.push(u64::try_from(share).unwrap_or(u64::MAX));
        remainders.push((exact % total_weight, i));
    }
    let leftover = amount - given; // < days.len()
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders
        .iter()
        .take(usize::try_from(leftover).unwrap_or(usize::MAX))
    {
        shares[i] += 1;
    }
    shares
}

/// Which figures a day of the history feeds, beyond the total.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DaySlot {
    Today,
    Yesterday,
    Month,
    Year,
    Total,
}

/// Lịch sử truy cập mẫu — a plausible daily history for the demo whose figures, on
/// `reference_day`, reproduce `target`'s today, yesterday, month, year and total exactly.
///
/// Returns one counter per day from `first_day` to `reference_day`, in date order. The
/// difference each period needs beyond its fixed days is spread over its other days by weight:
/// weekdays busier than weekends, with a deterministic wobble (same input, same output).
/// `target.online` is not part of a history and is ignored.
///
/// Fails with a [`DemoHistoryError`] saying why when the calendar makes the target impossible:
/// e.g. on the 1st of a month yesterday belongs to the previous month, so "this month" must equal
/// "today".
pub fn demo_daily_history(
    reference_day: NaiveDate,
    target: &VisitFigures,
    first_day: NaiveDate,
) -> Result<Vec<(NaiveDate, u64)>, DemoHistoryError> {
    if first_day > reference_day {
        return Err(DemoHistoryError::FirstDayAfterReference {
            first_day,
            reference_day,
        });
    }
    let periods = StatPeriods::for_day(reference_day);
    let has_yesterday = periods.yesterday < reference_day && periods.yesterday >= first_day;
    if !has_yesterday && target.yesterday > 0 {
        return Err(DemoHistoryError::YesterdayOutsideHistory {
            yesterday: periods.yesterday,
            value: target.yesterday,
        });
    }

    let slot_of = |day: NaiveDate| {
        if day == reference_day {
            DaySlot::Today
        } else if day == periods.yesterday {
            DaySlot::Yesterday
        } else if day >= periods.month_start {
            DaySlot::Month
        } else if day >= periods.year_start {
            DaySlot::Year
        } else {
            DaySlot::Total
        }
    };
    let days: Vec<NaiveDate> = first_day
        .iter_days()
        .take_while(|&d| d <= reference_day)
        .collect();
    let free_days = |slot: DaySlot| -> Vec<NaiveDate> {
        days.iter()
            .copied()
            .filter(|&d| slot_of(d) == slot)
            .collect()
    };
    let month_days = free_days(DaySlot::Month);
    let year_days = free_days(DaySlot::Year);
    let total_days = free_days(DaySlot::Total);

    // Which period yesterday's visits count in, besides the total.
    let yesterday_in_month = has_yesterday && periods.contains(Period::Month, periods.yesterday);
    let yesterday_in_year = has_yesterday && periods.contains(Period::Year, periods.yesterday);

    let remainder = |figure: PeriodFigure, value: u64, fixed: u64, free: &[NaiveDate]| {
        let extra = value
            .checked_sub(fixed)
            .ok_or(DemoHistoryError::BelowFixedDays {
                figure,
                value,
                minimum: fixed,
            })?;
        if extra > 0 && free.is_empty() {
            return Err(DemoHistoryError::NoFreeDays {
                figure,
                value,
                exact: fixed,
                reference_day,
                first_day,
            });
        }
        Ok(extra)
    };
    let yesterday_if = |condition: bool| if condition { target.yesterday } else { 0 };

    let month_fixed = target
        .today
        .saturating_add(yesterday_if(yesterday_in_month));
    let month_extra = remainder(PeriodFigure::Month, target.month, month_fixed, &month_days)?;
    let year_fixed = target
        .month
        .saturating_add(yesterday_if(yesterday_in_year && !yesterday_in_month));
    let year_extra = remainder(PeriodFigure::Year, target.year, year_fixed, &year_days)?;
    let total_fixed = target
        .year
        .saturating_add(yesterday_if(has_yesterday && !yesterday_in_year));
    let total_extra = remainder(PeriodFigure::Total, target.total, total_fixed, &total_days)?;

    let mut month_shares = distribute(month_extra, &month_days).into_iter();
    let mut year_shares = distribute(year_extra, &year_days).into_iter();
    let mut total_shares = distribute(total_extra, &total_days).into_iter();
    let history = days
        .iter()
        .map(|&day| {
            let count = match slot_of(day) {
                DaySlot::Today => target.today,
                DaySlot::Yesterday => target.yesterday,
                DaySlot::Month => month_shares.next().unwrap_or(0),
                DaySlot::Year => year_shares.next().unwrap_or(0),
                DaySlot::Total => total_shares.next().unwrap_or(0),
            };
            (day, count)
        })
        .collect();
    Ok(history)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn timeouts_are_thirty_and_five_minutes() {
        assert_eq!(VISIT_IDLE_TIMEOUT.num_seconds(), 1800);
        assert_eq!(ONLINE_WINDOW.num_seconds(), 300);
    }

    #[test]
    fn local_midnight_in_vietnam_is_five_pm_utc() {
        let tz = crate::vn::DEFAULT_TIME_ZONE;
        let before = Utc.with_ymd_and_hms(2021, 7, 30, 16, 59, 59).unwrap();
        let after = Utc.with_ymd_and_hms(2021, 7, 30, 17, 0, 0).unwrap();
        assert_eq!(local_day(before, tz), d(2021, 7, 30));
        assert_eq!(local_day(after, tz), d(2021, 7, 31));
    }

    #[test]
    fn periods_of_an_ordinary_day() {
        let p = StatPeriods::for_day(d(2021, 7, 31));
        assert_eq!(p.today, d(2021, 7, 31));
        assert_eq!(p.yesterday, d(2021, 7, 30));
        assert_eq!(p.month_start, d(2021, 7, 1));
        assert_eq!(p.year_start, d(2021, 1, 1));
    }

    #[test]
    fn periods_on_new_year_and_leap_day() {
        let p = StatPeriods::for_day(d(2021, 1, 1));
        assert_eq!(p.yesterday, d(2020, 12, 31));
        assert_eq!(p.month_start, d(2021, 1, 1));
        assert_eq!(p.year_start, d(2021, 1, 1));
        let p = StatPeriods::for_day(d(2024, 3, 1));
        assert_eq!(p.yesterday, d(2024, 2, 29));
        let p = StatPeriods::for_day(d(2023, 3, 1));
        assert_eq!(p.yesterday, d(2023, 2, 28));
        let p = StatPeriods::for_day(NaiveDate::MIN);
        assert_eq!(p.yesterday, NaiveDate::MIN);
    }

    #[test]
    fn weights_prefer_weekdays() {
        // Over a whole year, the average weekday outweighs the average weekend day.
        let (mut weekday, mut weekend, mut n_weekday, mut n_weekend) = (0u128, 0u128, 0, 0);
        for day in d(2021, 1, 1).iter_days().take(365) {
            let w = demo_day_weight(day);
            assert!(w > 0);
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                weekend += w;
                n_weekend += 1;
            } else {
                weekday += w;
                n_weekday += 1;
            }
        }
        assert!(weekday / n_weekday > weekend / n_weekend * 13 / 10);
    }

    #[test]
    fn distribute_is_exact() {
        let days: Vec<_> = d(2021, 7, 1).iter_days().take(29).collect();
        for amount in [0, 1, 28, 29, 30, 517_275, u64::MAX] {
            let shares = distribute(amount, &days);
            assert_eq!(shares.len(), 29);
            let sum: u128 = shares.iter().map(|&s| u128::from(s)).sum();
            assert_eq!(sum, u128::from(amount));
        }
        assert!(distribute(5, &[]).is_empty());
    }
}
