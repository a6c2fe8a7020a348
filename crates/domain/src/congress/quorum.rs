//! Số đại biểu cần có mặt — the quorum of a congress: at least a fraction (2/3 by default) of
//! those convened must be present. The fraction is a setting of the congress, kept as a
//! numerator and a denominator; all arithmetic is in integers.

use std::fmt;

use crate::vn::format::format_uint;

/// Tỷ lệ tối thiểu có mặt — the share of those convened that must be present, a fraction in
/// (0, 1]. Made only through [`QuorumFraction::new`] or [`QuorumFraction::parse`], so it is
/// always valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct QuorumFraction {
    numerator: u32,
    denominator: u32,
}

/// Lỗi tỷ lệ có mặt — why a quorum fraction is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuorumError {
    /// Not of the form `a/b` with whole numbers.
    Invalid {
        /// The text as given.
        given: String,
    },
    /// The denominator is zero.
    ZeroDenominator,
    /// The fraction is 0, or more than 1.
    OutOfRange {
        /// Tử số.
        numerator: u32,
        /// Mẫu số.
        denominator: u32,
    },
}

impl fmt::Display for QuorumError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuorumError::Invalid { given } => write!(
                f,
                "Tỷ lệ đại biểu cần có mặt «{given}» không hợp lệ, cần một phân số dạng «2/3»"
            ),
            QuorumError::ZeroDenominator => {
                f.write_str("Tỷ lệ đại biểu cần có mặt có mẫu số bằng 0")
            }
            QuorumError::OutOfRange {
                numerator,
                denominator,
            } => write!(
                f,
                "Tỷ lệ đại biểu cần có mặt {numerator}/{denominator} phải lớn hơn 0 và không \
                 vượt quá 1"
            ),
        }
    }
}

impl std::error::Error for QuorumError {}

impl Default for QuorumFraction {
    /// Two thirds, the Party rule ("ít nhất 2/3 số đại biểu được triệu tập").
    fn default() -> Self {
        QuorumFraction::TWO_THIRDS
    }
}

impl QuorumFraction {
    /// Hai phần ba — the default.
    pub const TWO_THIRDS: QuorumFraction = QuorumFraction {
        numerator: 2,
        denominator: 3,
    };

    /// A fraction `numerator/denominator`, accepted when it lies in (0, 1]. It is kept as given
    /// (4/6 stays 4/6); only its value matters to [`needed`](Self::needed).
    pub fn new(numerator: u32, denominator: u32) -> Result<QuorumFraction, QuorumError> {
        if denominator == 0 {
            return Err(QuorumError::ZeroDenominator);
        }
        if numerator == 0 || numerator > denominator {
            return Err(QuorumError::OutOfRange {
                numerator,
                denominator,
            });
        }
        Ok(QuorumFraction {
            numerator,
            denominator,
        })
    }

    /// Reads a fraction as typed or stored: `2/3`, ` 3 / 4 `, or `1` for everyone.
    pub fn parse(raw: &str) -> Result<QuorumFraction, QuorumError> {
        let invalid = || QuorumError::Invalid {
            given: raw.trim().chars().take(30).collect(),
        };
        let number = |s: &str| -> Result<u32, QuorumError> {
            let s = s.trim();
            if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
                return Err(invalid());
            }
            s.parse().map_err(|_| invalid())
        };
        match raw.split_once('/') {
            Some((n, d)) => QuorumFraction::new(number(n)?, number(d)?),
            None => QuorumFraction::new(number(raw)?, 1),
        }
    }

    /// Tử số.
    pub fn numerator(self) -> u32 {
        self.numerator
    }

    /// Mẫu số.
    pub fn denominator(self) -> u32 {
        self.denominator
    }

    /// Số đại biểu cần có mặt — the least number present that is at least this fraction of
    /// `convened`: ⌈convened × num / den⌉ (247 convened at 2/3 → 165).
    pub fn needed(self, convened: u32) -> u32 {
        let num = u64::from(convened) * u64::from(self.numerator);
        let den = u64::from(self.denominator);
        // The fraction is at most 1, so the result is at most `convened` and fits in u32.
        num.div_ceil(den) as u32
    }

    /// Đủ số đại biểu — whether `present` meets the quorum of `convened`. Without anyone
    /// convened there is no quorum to meet: `false`.
    pub fn met(self, present: u32, convened: u32) -> bool {
        convened > 0 && present >= self.needed(convened)
    }

    /// One line for the hall screen and the minutes: "Có mặt 200/247 đại biểu, đủ số đại biểu
    /// cần có mặt (ít nhất 165, tức 2/3 số được triệu tập)." or "…, chưa đủ …".
    pub fn summary(self, present: u32, convened: u32) -> String {
        let verdict = if self.met(present, convened) {
            "đủ"
        } else {
            "chưa đủ"
        };
        format!(
            "Có mặt {}/{} đại biểu, {verdict} số đại biểu cần có mặt (ít nhất {}, tức {self} số \
             được triệu tập).",
            format_uint(u64::from(present)),
            format_uint(u64::from(convened)),
            format_uint(u64::from(self.needed(convened))),
        )
    }
}

impl fmt::Display for QuorumFraction {
    /// `2/3`; the stored form too.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_seed_congress() {
        let q = QuorumFraction::default();
        assert_eq!(q.needed(247), 165);
        assert!(q.met(165, 247));
        assert!(!q.met(164, 247));
        assert_eq!(q.needed(3), 2);
        assert_eq!(q.needed(0), 0);
        assert!(!q.met(0, 0));
        assert_eq!(
            q.summary(200, 247),
            "Có mặt 200/247 đại biểu, đủ số đại biểu cần có mặt (ít nhất 165, tức 2/3 số được \
             triệu tập)."
        );
        assert_eq!(
            q.summary(1000, 1588).split(',').next(),
            Some("Có mặt 1.000/1.588 đại biểu")
        );
        assert!(q.summary(10, 247).contains("chưa đủ"));
    }

    #[test]
    fn fractions_outside_zero_to_one_are_refused() {
        assert_eq!(QuorumFraction::parse("2/3"), Ok(QuorumFraction::TWO_THIRDS));
        assert_eq!(QuorumFraction::parse(" 3 / 4 ").unwrap().to_string(), "3/4");
        assert_eq!(QuorumFraction::parse("1").unwrap().needed(247), 247);
        assert_eq!(
            QuorumFraction::parse("1/0"),
            Err(QuorumError::ZeroDenominator)
        );
        assert_eq!(
            QuorumFraction::parse("0/3"),
            Err(QuorumError::OutOfRange {
                numerator: 0,
                denominator: 3
            })
        );
        assert!(matches!(
            QuorumFraction::parse("4/3"),
            Err(QuorumError::OutOfRange { .. })
        ));
        for bad in ["", "2/", "a/b", "-1/2", "0,5", "2/3/4", "99999999999/1"] {
            assert!(
                matches!(QuorumFraction::parse(bad), Err(QuorumError::Invalid { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            QuorumFraction::parse("5/4").unwrap_err().to_string(),
            "Tỷ lệ đại biểu cần có mặt 5/4 phải lớn hơn 0 và không vượt quá 1"
        );
    }

    fn fraction() -> impl Strategy<Value = QuorumFraction> {
        (1u32..=1000)
            .prop_flat_map(|den| (1u32..=den, Just(den)))
            .prop_map(|(n, d)| QuorumFraction::new(n, d).unwrap())
    }

    proptest! {
        /// `needed` is the least count meeting the fraction: it meets it, one fewer does not.
        #[test]
        fn needed_is_the_least_count(q in fraction(), convened in 0u32..1_000_000) {
            let n = q.needed(convened);
            let meets = |p: u32| {
                u64::from(p) * u64::from(q.denominator())
                    >= u64::from(convened) * u64::from(q.numerator())
            };
            prop_assert!(n <= convened);
            prop_assert!(meets(n));
            if n > 0 {
                prop_assert!(!meets(n - 1));
            }
        }

        /// `met` agrees with `needed`, and more present never loses the quorum.
        #[test]
        fn met_is_monotone(q in fraction(), convened in 1u32..100_000, present in 0u32..100_000) {
            prop_assert_eq!(q.met(present, convened), present >= q.needed(convened));
            if q.met(present, convened) {
                prop_assert!(q.met(present + 1, convened));
            }
        }

        /// The same value written two ways needs the same number of people.
        #[test]
        fn equal_fractions_agree(q in fraction(), k in 1u32..50, convened in 0u32..1_000_000) {
            let scaled = QuorumFraction::new(q.numerator() * k, q.denominator() * k).unwrap();
            prop_assert_eq!(scaled.needed(convened), q.needed(convened));
        }
    }
}
