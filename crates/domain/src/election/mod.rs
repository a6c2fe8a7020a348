//! Bầu cử — election rule sets, ballots and the tally (kiểm phiếu).
//!
//! - [`rules`]: named, versioned rule sets as data ([`RuleSet`]): threshold base, tie policy,
//!   surplus limits, invalid-ballot reason codes.
//! - [`input`]: one election as read from JSON ([`ElectionInput`], [`CandidateInput`],
//!   [`BallotInput`]).
//! - [`tally`](mod@tally): the count itself ([`tally()`], [`tally_with`]) and its result
//!   ([`Tally`], [`CandidateResult`]).
//! - [`surplus`]: the surplus check ([`SurplusCheck`]) reported as [`Warning`]s.
//! - [`validate`]: checks of the candidate list and the printed texts.
//! - [`error`]: [`InputError`], input that cannot be counted.
//!
//! The tally is a pure function: the same input gives the same result whatever the order of the
//! ballots. See `docs/election.md` for the rules and the JSON formats.

pub mod error;
pub mod input;
pub mod rules;
pub mod surplus;
pub mod tally;
pub mod validate;

pub use error::{BallotForm, InputError};
pub use input::{BallotInput, CandidateInput, CountingCommitteeMember, ElectionInput, Mark};
pub use rules::{
    AlternatesVote, BaseKind, ElectionKind, InvalidReason, RuleSet, SmallCommitteeLimit,
    SurplusLimits, TiePolicy, votes_needed_more_than_half,
};
pub use surplus::{SurplusCheck, Warning, WarningCode};
pub use tally::{
    CandidateResult, Percent, Tally, Threshold, ballot_form, ballot_form_with, check_surplus,
    names_per_ballot, tally, tally_with,
};
