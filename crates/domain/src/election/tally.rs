//! Kiểm phiếu — counting one election: validate the ballots, count votes, apply the threshold,
//! fill the seats and the alternate places in vote order, report ties and open places.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::{BallotForm, InputError};
use super::input::{BallotInput, ElectionInput, Mark};
use super::rules::AlternatesVote;
use super::rules::{BaseKind, InvalidReason, RuleSet, TiePolicy, votes_needed_more_than_half};
use super::surplus::{SurplusCheck, Warning, WarningCode, percent_hundredths};
use super::validate;

/// Tỷ lệ phần trăm — a percentage held exactly as hundredths of a percent (`1111` = 11,11%).
/// In JSON it is a number with at most two decimals (`11.11`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Percent {
    /// Hundredths of a percent, rounded half up.
    pub hundredths: u64,
}

impl Percent {
    /// `num / den × 100`, rounded half up to two decimals; zero when `den` is zero.
    pub fn of(num: u64, den: u64) -> Percent {
        Percent {
            hundredths: percent_hundredths(num, den),
        }
    }
}

impl Serialize for Percent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.hundredths as f64 / 100.0)
    }
}

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = f64::deserialize(d)?;
        if !(value >= 0.0 && value.is_finite()) {
            return Err(serde::de::Error::custom(
                "tỷ lệ phần trăm phải là số không âm",
            ));
        }
        Ok(Percent {
            hundredths: (value * 100.0).round() as u64,
        })
    }
}

/// Ngưỡng trúng cử — the threshold applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    /// What the base counts.
    pub base_kind: BaseKind,
    /// The base (also the percent base; valid ballots when there is no threshold).
    pub base: u32,
    /// Fewest votes that pass: `floor(base / 2) + 1`, or 1 when there is no threshold.
    pub votes_needed: u32,
}

/// Kết quả của một người — one candidate's result, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CandidateResult {
    /// Index in the input list.
    pub index: usize,
    /// Họ và tên.
    pub name: String,
    /// Số phiếu bầu — votes from valid ballots.
    pub votes: u32,
    /// Votes / threshold base × 100, rounded half up to two decimals.
    pub percent: Percent,
    /// Whether the votes reach the threshold (đạt quá bán).
    pub passed: bool,
}

/// Kết quả kiểm phiếu — the result of counting one election.
///
/// Field order is the JSON order of `daihoi tally`. `tied_for_last_alternate` and
/// `unfilled_alternates` appear only when the election has alternates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Rule set name.
    pub rules: String,
    /// Số phiếu phát ra.
    pub ballots_issued: u32,
    /// Số phiếu thu vào — every ballot in the input, `not_issued` ones included.
    pub ballots_collected: u32,
    /// Số phiếu hợp lệ.
    pub valid: u32,
    /// Số phiếu không hợp lệ.
    pub invalid: u32,
    /// Invalid ballots per reason; only reasons that occur, in code-list order.
    pub invalid_by_reason: BTreeMap<InvalidReason, u32>,
    /// The threshold applied.
    pub threshold: Threshold,
    /// Every candidate, in input order.
    pub candidates: Vec<CandidateResult>,
    /// Trúng cử — indices of the elected, in vote order.
    pub elected: Vec<usize>,
    /// Dự khuyết — indices of the elected alternates, in vote order.
    pub alternates: Vec<usize>,
    /// Indices of candidates with equal votes straddling the last official seat (seats open).
    pub tied_for_last_seat: Vec<usize>,
    /// Official seats not filled (ties or too few passing).
    pub unfilled_seats: u32,
    /// Indices tied across the last alternate place (only when there are alternates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tied_for_last_alternate: Option<Vec<usize>>,
    /// Alternate places not filled (only when there are alternates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unfilled_alternates: Option<u32>,
    /// Cảnh báo — the surplus check and notes on ties and open places, in plain words.
    pub warnings: Vec<Warning>,
}

/// Counts `input` under its named built-in rule set.
pub fn tally(input: &ElectionInput) -> Result<Tally, InputError> {
    let rules = RuleSet::named(&input.rules).ok_or_else(|| InputError::UnknownRules {
        name: input.rules.clone(),
    })?;
    tally_with(input, &rules)
}

/// The ballot form an election needs under its named rule set (see [`ballot_form_with`]); an
/// unknown rule set is read as electing officials and alternates at once.
pub fn ballot_form(input: &ElectionInput) -> BallotForm {
    match RuleSet::named(&input.rules) {
        Some(rules) => ballot_form_with(input, &rules),
        None => form_for(input.candidates.len(), places(input)),
    }
}

/// The ballot form an election needs: strike-out when there are more candidates than names a
/// ballot may keep ([`RuleSet::names_per_ballot`]), agree / disagree otherwise.
pub fn ballot_form_with(input: &ElectionInput, rules: &RuleSet) -> BallotForm {
    form_for(input.candidates.len(), names_per_ballot(input, rules))
}

fn form_for(candidates: usize, limit: u32) -> BallotForm {
    if candidates as u64 > u64::from(limit) {
        BallotForm::Struck
    } else {
        BallotForm::Marks
    }
}

/// How many names one ballot may keep under `rules` (Điều 18: the official seats).
pub fn names_per_ballot(input: &ElectionInput, rules: &RuleSet) -> u32 {
    rules.names_per_ballot(input.seats, input.alternates)
}

/// Seats plus alternates: how many names a ballot may keep.
fn places(input: &ElectionInput) -> u32 {
    input.seats.saturating_add(input.alternates)
}

/// The surplus check of `input` under `rules` (what `daihoi tally --check` prints).
pub fn check_surplus(input: &ElectionInput, rules: &RuleSet) -> SurplusCheck {
    SurplusCheck::new(
        rules,
        input.kind,
        u32::try_from(input.candidates.len()).unwrap_or(u32::MAX),
        places(input),
    )
}

/// Checks everything about `input` that does not depend on a ballot.
fn validate_header(input: &ElectionInput, rules: &RuleSet) -> Result<(), InputError> {
    validate::check_printable(input)?;
    if rules.base_kind == BaseKind::Convened {
        match input.base {
            None => {
                return Err(InputError::MissingBase {
                    rules: rules.name.clone(),
                });
            }
            Some(0) => return Err(InputError::ZeroBase),
            Some(_) => {}
        }
    }
    let issued_collected = input
        .ballots
        .iter()
        .filter(|b| {
            !matches!(
                b,
                BallotInput::Invalid {
                    reason: InvalidReason::NotIssued,
                    ..
                }
            )
        })
        .count();
    if issued_collected as u64 > u64::from(input.ballots_issued) {
        return Err(InputError::TooManyBallots {
            collected: u32::try_from(issued_collected).unwrap_or(u32::MAX),
            issued: input.ballots_issued,
        });
    }
    Ok(())
}

/// What one ballot contributes.
enum Counted {
    /// Valid: the candidates it votes for.
    Valid(Vec<usize>),
    /// Invalid, for this reason.
    Invalid(InvalidReason),
}

/// Checks one ballot and decides what it counts for.
fn count_ballot(
    index: usize,
    ballot: &BallotInput,
    input: &ElectionInput,
    rules: &RuleSet,
    form: BallotForm,
) -> Result<Counted, InputError> {
    let n = input.candidates.len();
    let limit = names_per_ballot(input, rules);
    let wrong_form = |found| InputError::WrongForm {
        index,
        expected: form,
        found,
        candidates: n,
        places: limit,
    };
    match ballot {
        BallotInput::Invalid { reason, note } => {
            if !rules.allows_reason(*reason) {
                return Err(InputError::ReasonNotAllowed {
                    index,
                    reason: *reason,
                    rules: rules.name.clone(),
                });
            }
            if reason.needs_note() && note.as_deref().is_none_or(|t| t.trim().is_empty()) {
                return Err(InputError::NoteRequired { index });
            }
            Ok(Counted::Invalid(*reason))
        }
        BallotInput::Struck(struck) => {
            if form != BallotForm::Struck {
                return Err(wrong_form(BallotForm::Struck));
            }
            let mut seen = vec![false; n];
            for &value in struck {
                if value >= n {
                    return Err(InputError::StruckOutOfRange {
                        index,
                        value,
                        candidates: n,
                    });
                }
                if seen[value] {
                    return Err(InputError::StruckRepeated { index, value });
                }
                seen[value] = true;
            }
            let kept = n - struck.len();
            if kept == 0 {
                Ok(Counted::Invalid(InvalidReason::AllStruck))
            } else if kept as u64 > u64::from(limit) {
                Ok(Counted::Invalid(InvalidReason::TooManyNames))
            } else {
                Ok(Counted::Valid((0..n).filter(|&i| !seen[i]).collect()))
            }
        }
        BallotInput::Marks(marks) => {
            if form != BallotForm::Marks {
                return Err(wrong_form(BallotForm::Marks));
            }
            if marks.len() != n {
                return Err(InputError::MarksLength {
                    index,
                    found: marks.len(),
                    expected: n,
                });
            }
            Ok(Counted::Valid(
                marks
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| **m == Mark::Agree)
                    .map(|(i, _)| i)
                    .collect(),
            ))
        }
    }
}

/// Counts `input` under `rules` (a built-in set or one loaded as data).
pub fn tally_with(input: &ElectionInput, rules: &RuleSet) -> Result<Tally, InputError> {
    validate_header(input, rules)?;
    let form = ballot_form_with(input, rules);
    let n = input.candidates.len();
    let mut votes = vec![0u32; n];
    let mut valid = 0u32;
    let mut invalid = 0u32;
    let mut invalid_by_reason: BTreeMap<InvalidReason, u32> = BTreeMap::new();
    for (index, ballot) in input.ballots.iter().enumerate() {
        match count_ballot(index, ballot, input, rules, form)? {
            Counted::Valid(chosen) => {
                valid += 1;
                for i in chosen {
                    votes[i] += 1;
                }
            }
            Counted::Invalid(reason) => {
                invalid += 1;
                *invalid_by_reason.entry(reason).or_insert(0) += 1;
            }
        }
    }
    let collected = valid + invalid;

    let mut warnings = check_surplus(input, rules).warnings;
    let base = match rules.base_kind {
        BaseKind::Convened => input.base.unwrap_or(0),
        BaseKind::ValidBallots | BaseKind::None => valid,
        BaseKind::BallotsCollected => collected,
    };
    if rules.base_kind != BaseKind::Convened
        && let Some(given) = input.base
    {
        warnings.push(Warning {
            code: WarningCode::BaseIgnored,
            message: format!(
                "Trường `base` ({given}) không được dùng: quy chế {} tính kết quả {}.",
                rules.name,
                rules.base_kind.label_vi()
            ),
        });
    }
    if rules.base_kind == BaseKind::Convened && input.ballots_issued > base {
        warnings.push(Warning {
            code: WarningCode::IssuedOverBase,
            message: format!(
                "Số phiếu phát ra ({}) lớn hơn tổng số được triệu tập dùng làm cơ số ({base}); \
                 hãy kiểm tra lại cơ số.",
                input.ballots_issued
            ),
        });
    }
    let votes_needed = match rules.base_kind {
        BaseKind::None => 1,
        _ => votes_needed_more_than_half(base),
    };
    let threshold = Threshold {
        base_kind: rules.base_kind,
        base,
        votes_needed,
    };
    let candidates: Vec<CandidateResult> = input
        .candidates
        .iter()
        .enumerate()
        .map(|(index, c)| CandidateResult {
            index,
            name: c.name.clone(),
            votes: votes[index],
            percent: Percent::of(u64::from(votes[index]), u64::from(base)),
            passed: votes[index] >= votes_needed,
        })
        .collect();

    let places = fill_places(input, rules, &candidates);
    push_place_warnings(input, rules, &places, &mut warnings);

    Ok(Tally {
        rules: rules.name.clone(),
        ballots_issued: input.ballots_issued,
        ballots_collected: collected,
        valid,
        invalid,
        invalid_by_reason,
        threshold,
        candidates,
        elected: places.elected.clone(),
        alternates: places.alternates.clone(),
        tied_for_last_seat: places.tied_for_last_seat.clone(),
        unfilled_seats: input.seats - places.elected.len() as u32,
        tied_for_last_alternate: (input.alternates > 0)
            .then(|| places.tied_for_last_alternate.clone()),
        unfilled_alternates: (input.alternates > 0)
            .then(|| input.alternates - places.alternates.len() as u32),
        warnings,
    })
}

/// Who fills the official seats and the alternate places.
#[derive(Default)]
struct Places {
    elected: Vec<usize>,
    alternates: Vec<usize>,
    tied_for_last_seat: Vec<usize>,
    tied_for_last_alternate: Vec<usize>,
}

/// Splits candidates with equal votes into the order the tie policy can decide: under
/// older-wins, groups of equal birth date, oldest first (one undecidable group if any birth
/// date is missing); otherwise the whole group, undecided.
fn decidable_groups(
    group: Vec<usize>,
    input: &ElectionInput,
    policy: TiePolicy,
) -> Vec<Vec<usize>> {
    if policy != TiePolicy::OlderWins || group.len() < 2 {
        return vec![group];
    }
    let dates: Option<Vec<_>> = group
        .iter()
        .map(|&i| input.candidates[i].birth_date.map(|d| (d, i)))
        .collect();
    let Some(mut dates) = dates else {
        return vec![group];
    };
    dates.sort();
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut last = None;
    for (date, i) in dates {
        if last == Some(date) {
            out.last_mut().expect("a group was started").push(i);
        } else {
            out.push(vec![i]);
            last = Some(date);
        }
    }
    out
}

/// Fills the official seats, then the alternate places, from the passing candidates in vote
/// order.
///
/// Positions `0..seats` are official, `seats..seats + alternates` are alternates. Candidates
/// the tie policy cannot order take consecutive positions as one block; a block that crosses
/// the end of the official seats is a tie for the last seat (those seats stay open, and the
/// alternate places the block covers stay open too, since its members outrank everyone below);
/// a block that crosses the end of the alternate places is a tie for the last alternate place.
fn fill_places(input: &ElectionInput, rules: &RuleSet, results: &[CandidateResult]) -> Places {
    let seats = input.seats as usize;
    let total = seats + input.alternates as usize;
    let mut passing: Vec<&CandidateResult> = results.iter().filter(|c| c.passed).collect();
    passing.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.index.cmp(&b.index)));

    let mut blocks: Vec<Vec<usize>> = Vec::new();
    for same in passing.chunk_by(|a, b| a.votes == b.votes) {
        let group = same.iter().map(|c| c.index).collect();
        blocks.extend(decidable_groups(group, input, rules.tie_policy));
    }

    let mut places = Places::default();
    let mut pos = 0usize;
    for block in blocks {
        if pos >= total {
            break;
        }
        let end = pos + block.len();
        if pos < seats && end > seats {
            places.tied_for_last_seat = block.clone();
            if end > total && input.alternates > 0 {
                places.tied_for_last_alternate = block;
            }
        } else if pos >= seats && end > total {
            places.tied_for_last_alternate = block;
        } else if end <= seats {
            places.elected.extend(block);
        } else {
            places.alternates.extend(block);
        }
        pos = end;
    }
    places
}

/// Plain-word notes on ties and open places.
fn push_place_warnings(
    input: &ElectionInput,
    rules: &RuleSet,
    places: &Places,
    warnings: &mut Vec<Warning>,
) {
    let display = input.display_names();
    let names = |list: &[usize]| {
        list.iter()
            .map(|&i| display[i].as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let decision = match rules.tie_policy {
        TiePolicy::RevoteAmongTied => "Đại hội bầu lại trong số những người này.",
        TiePolicy::OlderWins => {
            "Không xác định được người nhiều tuổi hơn (ngày sinh trùng nhau hoặc thiếu); \
             đại hội quyết định."
        }
        TiePolicy::ReportOnly => "Đại hội quyết định.",
    };
    if !places.tied_for_last_seat.is_empty() {
        warnings.push(Warning {
            code: WarningCode::TieForLastSeat,
            message: format!(
                "Bằng phiếu ở chỗ trúng cử cuối cùng: {}. {decision}",
                names(&places.tied_for_last_seat)
            ),
        });
    }
    if !places.tied_for_last_alternate.is_empty() {
        warnings.push(Warning {
            code: WarningCode::TieForLastAlternate,
            message: format!(
                "Bằng phiếu ở chỗ dự khuyết cuối cùng: {}. {decision}",
                names(&places.tied_for_last_alternate)
            ),
        });
    }
    let open_seats = input.seats as usize - places.elected.len();
    if open_seats > 0 {
        warnings.push(Warning {
            code: WarningCode::SeatsOpen,
            message: format!(
                "Còn {open_seats}/{} chỗ chưa có người trúng cử; đại hội có thể bầu tiếp với \
                 cùng cơ số.",
                input.seats
            ),
        });
    }
    let open_alternates = input.alternates as usize - places.alternates.len();
    if open_alternates > 0 {
        let next = match rules.alternates_vote {
            AlternatesVote::OfficialFirst => {
                " Theo Điều 18 Quy chế bầu cử, đại hội bầu tiếp số đại biểu dự khuyết còn thiếu \
                 trong số những người còn lại, với cùng cơ số."
            }
            AlternatesVote::Combined => "",
        };
        warnings.push(Warning {
            code: WarningCode::AlternatesOpen,
            message: format!(
                "Còn {open_alternates}/{} chỗ dự khuyết chưa xác định.{next}",
                input.alternates
            ),
        });
    }
}
