//! Kiểm tra số dư — the surplus check: how many candidates the list has over the places, against
//! the rule set's limits, in plain Vietnamese.

use serde::{Deserialize, Serialize};

use super::rules::{ElectionKind, RuleSet};

/// Mã cảnh báo — what a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// The surplus is over the rule set's maximum percent.
    SurplusOverMax,
    /// A committee of 3–5 seats has more than one extra candidate.
    SurplusSmallCommittee,
    /// The surplus is outside the recommended 10–15%.
    SurplusOutsideRecommended,
    /// Fewer candidates than places: some places cannot be filled.
    FewerCandidatesThanPlaces,
    /// A committee or standing committee list with no surplus (Điều 14: the list must be
    /// longer than the number to elect).
    NoSurplus,
    /// `base` was given but the rules do not count against it.
    BaseIgnored,
    /// More ballots issued than the convened base.
    IssuedOverBase,
    /// Candidates with equal votes straddle the last seat.
    TieForLastSeat,
    /// Candidates with equal votes straddle the last alternate place.
    TieForLastAlternate,
    /// Official seats left open.
    SeatsOpen,
    /// Alternate places left open.
    AlternatesOpen,
}

/// Cảnh báo — one warning in plain Vietnamese words, with a code for programs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// What the warning is about.
    pub code: WarningCode,
    /// The warning in Vietnamese.
    pub message: String,
}

/// Kết quả kiểm tra số dư — the surplus figures and any warnings about them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurplusCheck {
    /// Số người trong danh sách.
    pub candidates: u32,
    /// Số cần bầu: seats plus alternates.
    pub places: u32,
    /// Số dư: candidates minus places (negative when too few candidates).
    pub extra: i64,
    /// Số dư as hundredths of a percent of the places, rounded half up (`2000` = 20,00%).
    pub percent_hundredths: i64,
    /// Problems found; empty when the list is within the limits.
    pub warnings: Vec<Warning>,
}

/// `a / b × 100` in hundredths of a percent, rounded half up (away from zero for negatives).
pub(crate) fn percent_hundredths(num: u64, den: u64) -> u64 {
    if den == 0 {
        return 0;
    }
    let num = u128::from(num) * 10_000;
    let den = u128::from(den);
    ((2 * num + den) / (2 * den)) as u64
}

/// "20,00%" — hundredths of a percent in Vietnamese notation.
pub(crate) fn format_percent_vi(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.unsigned_abs();
    format!("{sign}{},{:02}%", h / 100, h % 100)
}

impl SurplusCheck {
    /// Checks `candidates` against `places` (seats + alternates) under `rules`, for an election
    /// of `kind`: the rule set's limits apply only to the kinds they govern (Điều 14: the
    /// committee and the standing committee, not a secretary or the delegates).
    pub fn new(
        rules: &RuleSet,
        kind: Option<ElectionKind>,
        candidates: u32,
        places: u32,
    ) -> SurplusCheck {
        let extra = i64::from(candidates) - i64::from(places);
        let magnitude = percent_hundredths(extra.unsigned_abs(), u64::from(places)) as i64;
        let percent_hundredths = if extra < 0 { -magnitude } else { magnitude };
        let mut warnings = Vec::new();
        let limits = &rules.surplus;
        let governed = limits.govern(kind);
        if extra == 0 && governed && kind.is_some() && limits.require_surplus() {
            let kind = kind.map(ElectionKind::label_vi).unwrap_or_default();
            warnings.push(Warning {
                code: WarningCode::NoSurplus,
                message: format!(
                    "Danh sách bầu {kind} có {candidates} người, bằng số cần bầu: theo quy chế {} \
                     danh sách phải nhiều hơn số lượng cần bầu.",
                    rules.name
                ),
            });
        }
        if extra < 0 {
            warnings.push(Warning {
                code: WarningCode::FewerCandidatesThanPlaces,
                message: format!(
                    "Danh sách có {candidates} người nhưng cần bầu {places}: thiếu {} người, \
                     ít nhất {} chỗ sẽ để trống.",
                    -extra, -extra
                ),
            });
        } else if extra > 0 && governed {
            let small = limits
                .small_committee
                .filter(|s| (s.min_seats..=s.max_seats).contains(&places));
            if let Some(s) = small {
                if extra > i64::from(s.max_extra) {
                    warnings.push(Warning {
                        code: WarningCode::SurplusSmallCommittee,
                        message: format!(
                            "Cần bầu {places} người (từ {} đến {}) nên số dư tối đa là {} người, \
                             nhưng danh sách dư {extra} người.",
                            s.min_seats, s.max_seats, s.max_extra
                        ),
                    });
                }
            } else {
                if let Some(max) = limits.max_percent
                    && extra * 100 > i64::from(max) * i64::from(places)
                {
                    warnings.push(Warning {
                        code: WarningCode::SurplusOverMax,
                        message: format!(
                            "Số dư {extra} người bằng {} số cần bầu, vượt mức tối đa {max}% \
                             theo quy chế {}.",
                            format_percent_vi(percent_hundredths),
                            rules.name
                        ),
                    });
                }
                // Over the maximum is necessarily outside the recommended range: say it once.
                let over_max = warnings
                    .iter()
                    .any(|w| w.code == WarningCode::SurplusOverMax);
                if let Some((low, high)) = limits.recommended_percent
                    && !over_max
                {
                    let low_ok = extra * 100 >= i64::from(low) * i64::from(places);
                    let high_ok = extra * 100 <= i64::from(high) * i64::from(places);
                    if !(low_ok && high_ok) {
                        warnings.push(Warning {
                            code: WarningCode::SurplusOutsideRecommended,
                            message: format!(
                                "Số dư {extra} người bằng {} số cần bầu, ngoài mức {low}–{high}% \
                                 mà cấp ủy triệu tập được hướng dẫn chuẩn bị.",
                                format_percent_vi(percent_hundredths)
                            ),
                        });
                    }
                }
            }
        }
        SurplusCheck {
            candidates,
            places,
            extra,
            percent_hundredths,
            warnings,
        }
    }

    /// One sentence with the figures, e.g.
    /// "Danh sách có 12 người, cần bầu 10, số dư 2 người (20,00%)."
    pub fn summary_vi(&self) -> String {
        match self.extra {
            0 => format!(
                "Danh sách có {} người, cần bầu {}: không có số dư (phiếu dạng đồng ý / không đồng ý).",
                self.candidates, self.places
            ),
            e if e > 0 => format!(
                "Danh sách có {} người, cần bầu {}, số dư {} người ({}).",
                self.candidates,
                self.places,
                e,
                format_percent_vi(self.percent_hundredths)
            ),
            e => format!(
                "Danh sách có {} người, cần bầu {}, thiếu {} người.",
                self.candidates, self.places, -e
            ),
        }
    }
}
