//! Tuổi — a person's age on the congress's first day, the age bands of the make-up chart, and
//! the age limits for standing for a committee (Chỉ thị 35-CT/TW, term 2020–2025).
//!
//! Ages are completed years. A birth known only by its year is taken as born on 01/01 of that
//! year (Hướng dẫn 26-HD/BTCTW), through [`BirthDate::as_date`].

use chrono::{Datelike, NaiveDate};

use super::person::{BirthDate, Sex};

/// Tuổi tròn — the age in completed years on `on`: the year count goes up on the birthday. A
/// person born on 29/02 completes a year on 01/03 in a common year (the anniversary is reached
/// once February is over; the same as Excel's `DATEDIF`). Before the birth the age is 0.
pub fn age_on(birth: BirthDate, on: NaiveDate) -> u32 {
    let born = birth.as_date();
    if on <= born {
        return 0;
    }
    let mut years = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years as u32
}

/// The age below which a committee member is counted as a young cadre ("dưới 40 tuổi",
/// Chỉ thị 35: at least 10% at provincial and district level).
pub const YOUNG_CADRE_AGE: u32 = 40;

/// Dưới 40 tuổi — whether the person is under [`YOUNG_CADRE_AGE`] on `first_day`: age < 40,
/// so the 40th birthday itself no longer counts.
pub fn is_under_40(birth: BirthDate, first_day: NaiveDate) -> bool {
    age_on(birth, first_day) < YOUNG_CADRE_AGE
}

/// Nhóm tuổi — the three bands of Hướng dẫn 26-HD/BTCTW for the make-up of provincial and
/// district committees, on the congress's first day, in completed years:
/// under 40 (0–39), 40 to 50 inclusive (40–50), over 50 (51 and more). Someone of 50 years and
/// 11 months is 50, so in the middle band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBand {
    /// Dưới 40 tuổi: age ≤ 39.
    Under40,
    /// Từ 40 đến 50 tuổi: 40 ≤ age ≤ 50.
    From40To50,
    /// Trên 50 tuổi: age ≥ 51.
    Over50,
}

impl AgeBand {
    /// The bands, youngest first (the chart's order).
    pub const ALL: [AgeBand; 3] = [AgeBand::Under40, AgeBand::From40To50, AgeBand::Over50];

    /// The band of an age in completed years.
    pub fn of_age(age: u32) -> AgeBand {
        match age {
            0..=39 => AgeBand::Under40,
            40..=50 => AgeBand::From40To50,
            _ => AgeBand::Over50,
        }
    }

    /// The band of a person on `first_day`.
    pub fn on(birth: BirthDate, first_day: NaiveDate) -> AgeBand {
        AgeBand::of_age(age_on(birth, first_day))
    }

    /// A code for JSON and the store (`under_40`, `from_40_to_50`, `over_50`).
    pub fn code(self) -> &'static str {
        match self {
            AgeBand::Under40 => "under_40",
            AgeBand::From40To50 => "from_40_to_50",
            AgeBand::Over50 => "over_50",
        }
    }

    /// The chart's label (`Dưới 40 tuổi`, `Từ 40 đến 50 tuổi`, `Trên 50 tuổi`).
    pub fn label(self) -> &'static str {
        match self {
            AgeBand::Under40 => "Dưới 40 tuổi",
            AgeBand::From40To50 => "Từ 40 đến 50 tuổi",
            AgeBand::Over50 => "Trên 50 tuổi",
        }
    }
}

/// Cấp ủy — the level of the committee a limit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommitteeLevel {
    /// Cấp huyện và tương đương — district level.
    District,
    /// Cấp tỉnh và tương đương — provincial level.
    Provincial,
}

/// Sinh từ tháng — a "born in this month or later" threshold, e.g. 6/1965.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BornFrom {
    /// Năm.
    pub year: i32,
    /// Tháng, 1–12.
    pub month: u32,
}

impl BornFrom {
    /// The first day of the threshold month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a month 1–12 of a sane year")
    }

    /// Whether a person born on `birth` (01/01 for a year alone) meets the threshold.
    pub fn admits(self, birth: BirthDate) -> bool {
        birth.as_date() >= self.first_day()
    }
}

impl std::fmt::Display for BornFrom {
    /// `6/1965`, as the guidance writes it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.month, self.year)
    }
}

/// Độ tuổi tham gia cấp ủy — the age limits of one level for one term, as data: the earliest
/// month of birth for men and women, standing for the first time and for re-election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgeLimits {
    /// Where the limits come from, for the panel ("Chỉ thị 35-CT/TW, cấp huyện").
    pub source: &'static str,
    /// Nam, tham gia lần đầu.
    pub first_time_men: BornFrom,
    /// Nữ, tham gia lần đầu.
    pub first_time_women: BornFrom,
    /// Nam, tái cử.
    pub renominated_men: BornFrom,
    /// Nữ, tái cử.
    pub renominated_women: BornFrom,
}

impl AgeLimits {
    /// The limits of Chỉ thị 35-CT/TW (Phụ lục 2) and Hướng dẫn 26-HD/BTCTW for the 2020–2025
    /// term: district level first time men 6/1965, women 6/1970, re-election men 12/1962,
    /// women 12/1967; provincial level first time men 9/1965, women 9/1970, re-election men
    /// 3/1963, women 3/1968.
    pub fn chi_thi_35(level: CommitteeLevel) -> AgeLimits {
        let born = |month, year| BornFrom { year, month };
        match level {
            CommitteeLevel::District => AgeLimits {
                source: "Chỉ thị 35-CT/TW, nhiệm kỳ 2020–2025, cấp huyện",
                first_time_men: born(6, 1965),
                first_time_women: born(6, 1970),
                renominated_men: born(12, 1962),
                renominated_women: born(12, 1967),
            },
            CommitteeLevel::Provincial => AgeLimits {
                source: "Chỉ thị 35-CT/TW, nhiệm kỳ 2020–2025, cấp tỉnh",
                first_time_men: born(9, 1965),
                first_time_women: born(9, 1970),
                renominated_men: born(3, 1963),
                renominated_women: born(3, 1968),
            },
        }
    }

    /// The threshold for a man or a woman, standing for the first time or for re-election.
    pub fn born_from(&self, sex: Sex, renominated: bool) -> BornFrom {
        match (sex, renominated) {
            (Sex::Male, false) => self.first_time_men,
            (Sex::Female, false) => self.first_time_women,
            (Sex::Male, true) => self.renominated_men,
            (Sex::Female, true) => self.renominated_women,
        }
    }

    /// The rule in words: "nam tái cử phải sinh từ tháng 12/1962 trở lại đây".
    pub fn rule_phrase(&self, sex: Sex, renominated: bool) -> String {
        let who = match sex {
            Sex::Male => "nam",
            Sex::Female => "nữ",
        };
        let how = if renominated {
            "tái cử"
        } else {
            "tham gia lần đầu"
        };
        format!(
            "{who} {how} phải sinh từ tháng {} trở lại đây",
            self.born_from(sex, renominated)
        )
    }
}

/// Đủ tuổi tham gia cấp ủy — whether a candidate is within the age limits: born in the
/// threshold month or later (a year alone counts as 01/01, so "1965" does not meet 6/1965).
pub fn eligible(birth: BirthDate, sex: Sex, renominated: bool, limits: &AgeLimits) -> bool {
    limits.born_from(sex, renominated).admits(birth)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn full(y: i32, m: u32, day: u32) -> BirthDate {
        BirthDate::Full(d(y, m, day))
    }

    #[test]
    fn ages_on_the_first_day_of_the_seed_congress() {
        let first_day = d(2020, 6, 8);
        assert_eq!(age_on(full(1980, 6, 8), first_day), 40);
        assert_eq!(age_on(full(1980, 6, 9), first_day), 39);
        assert!(is_under_40(full(1980, 6, 9), first_day));
        assert!(!is_under_40(full(1980, 6, 8), first_day));
        // A year alone is 01/01: 1980 is 40 on 08/06/2020.
        assert_eq!(age_on(BirthDate::YearOnly(1980), first_day), 40);
        assert_eq!(age_on(BirthDate::YearOnly(1981), first_day), 39);
        assert_eq!(age_on(full(2021, 1, 1), first_day), 0);
    }

    #[test]
    fn leap_day_birthdays_count_from_the_first_of_march() {
        let born = full(1980, 2, 29);
        assert_eq!(age_on(born, d(2021, 2, 28)), 40);
        assert_eq!(age_on(born, d(2021, 3, 1)), 41);
        assert_eq!(age_on(born, d(2024, 2, 28)), 43);
        assert_eq!(age_on(born, d(2024, 2, 29)), 44);
    }

    #[test]
    fn band_edges() {
        assert_eq!(AgeBand::of_age(39), AgeBand::Under40);
        assert_eq!(AgeBand::of_age(40), AgeBand::From40To50);
        assert_eq!(AgeBand::of_age(50), AgeBand::From40To50);
        assert_eq!(AgeBand::of_age(51), AgeBand::Over50);
        let first_day = d(2020, 6, 8);
        assert_eq!(
            AgeBand::on(full(1969, 6, 9), first_day),
            AgeBand::From40To50
        );
        assert_eq!(AgeBand::on(full(1969, 6, 8), first_day), AgeBand::Over50);
        assert_eq!(AgeBand::Over50.label(), "Trên 50 tuổi");
    }

    #[test]
    fn chi_thi_35_limits() {
        let district = AgeLimits::chi_thi_35(CommitteeLevel::District);
        assert!(eligible(full(1965, 6, 1), Sex::Male, false, &district));
        assert!(!eligible(full(1965, 5, 31), Sex::Male, false, &district));
        assert!(!eligible(
            BirthDate::YearOnly(1965),
            Sex::Male,
            false,
            &district
        ));
        assert!(eligible(
            BirthDate::YearOnly(1966),
            Sex::Male,
            false,
            &district
        ));
        assert!(eligible(full(1962, 12, 1), Sex::Male, true, &district));
        assert!(!eligible(full(1962, 11, 30), Sex::Male, true, &district));
        assert!(eligible(full(1970, 6, 1), Sex::Female, false, &district));
        assert!(!eligible(full(1970, 5, 31), Sex::Female, false, &district));
        assert!(eligible(full(1967, 12, 31), Sex::Female, true, &district));
        assert!(!eligible(full(1967, 11, 30), Sex::Female, true, &district));
        let province = AgeLimits::chi_thi_35(CommitteeLevel::Provincial);
        assert!(!eligible(full(1965, 8, 31), Sex::Male, false, &province));
        assert!(eligible(full(1965, 9, 1), Sex::Male, false, &province));
        assert!(eligible(full(1963, 3, 1), Sex::Male, true, &province));
        assert!(!eligible(full(1968, 2, 29), Sex::Female, true, &province));
        assert!(eligible(full(1970, 9, 1), Sex::Female, false, &province));
        assert_eq!(
            district.rule_phrase(Sex::Male, true),
            "nam tái cử phải sinh từ tháng 12/1962 trở lại đây"
        );
        assert_eq!(
            province.rule_phrase(Sex::Female, false),
            "nữ tham gia lần đầu phải sinh từ tháng 9/1970 trở lại đây"
        );
    }

    fn any_birth() -> impl Strategy<Value = NaiveDate> {
        (1900i32..2020, 1u32..=366).prop_filter_map("day of year", |(y, ordinal)| {
            NaiveDate::from_yo_opt(y, ordinal)
        })
    }

    /// The birthday in year `y`: the same day, or 01/03 for 29/02 in a common year.
    fn birthday_in(born: NaiveDate, y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, born.month(), born.day()).unwrap_or_else(|| d(y, 3, 1))
    }

    proptest! {
        /// Across the congress date: the day before the n-th birthday the age is n − 1, on the
        /// birthday and the day after it is n.
        #[test]
        fn age_goes_up_on_the_birthday(born in any_birth(), n in 1i32..100) {
            let birthday = birthday_in(born, born.year() + n);
            let before = birthday.pred_opt().unwrap();
            let after = birthday.succ_opt().unwrap();
            let birth = BirthDate::Full(born);
            prop_assert_eq!(age_on(birth, before), (n - 1) as u32);
            prop_assert_eq!(age_on(birth, birthday), n as u32);
            prop_assert_eq!(age_on(birth, after), n as u32);
            prop_assert_eq!(is_under_40(birth, before), n - 1 < 40);
            prop_assert_eq!(is_under_40(birth, birthday), n < 40);
        }

        /// Age never goes down as the day moves forward, and rises by at most one a day.
        #[test]
        fn age_is_monotone(born in any_birth(), offset in 0i64..40_000) {
            let birth = BirthDate::Full(born);
            let day = born + chrono::Duration::days(offset);
            let next = day.succ_opt().unwrap();
            let (a, b) = (age_on(birth, day), age_on(birth, next));
            prop_assert!(b == a || b == a + 1);
        }

        /// A year alone is the same person as one born on 01/01 of it.
        #[test]
        fn year_only_is_the_first_of_january(y in 1900i32..2020, on in any_birth()) {
            prop_assert_eq!(
                age_on(BirthDate::YearOnly(y), on),
                age_on(BirthDate::Full(d(y, 1, 1)), on)
            );
        }

        /// Eligibility is exactly "born on or after the first of the threshold month".
        #[test]
        fn eligibility_is_a_date_threshold(born in any_birth(), male: bool, renominated: bool) {
            let sex = if male { Sex::Male } else { Sex::Female };
            for level in [CommitteeLevel::District, CommitteeLevel::Provincial] {
                let limits = AgeLimits::chi_thi_35(level);
                let from = limits.born_from(sex, renominated).first_day();
                prop_assert_eq!(eligible(BirthDate::Full(born), sex, renominated, &limits), born >= from);
                // Re-election has the earlier (more lenient) threshold.
                prop_assert!(limits.born_from(sex, true) <= limits.born_from(sex, false));
            }
        }
    }
}
