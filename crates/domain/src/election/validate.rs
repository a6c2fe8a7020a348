//! Kiểm tra dữ liệu — the checks of an election input that do not depend on the ballots: the
//! candidate list (count, names, namesakes nothing tells apart) and every text that is printed
//! (no control or invisible characters, lengths a printed line can hold).

use std::collections::HashMap;

use super::error::InputError;
use super::input::{BallotInput, ElectionInput, name_key};

/// Most candidates one election may list (a national congress lists about 200).
pub const MAX_CANDIDATES: usize = 1_000;
/// Most characters in a full name or a committee role.
pub const MAX_NAME_CHARS: usize = 100;
/// Most characters in the congress, the election, the place and date, a ballot note.
pub const MAX_TEXT_CHARS: usize = 300;
/// Most characters in one word (a run without spaces) of any printed text.
pub const MAX_WORD_CHARS: usize = 40;

/// Whether `c` is a control character or one that prints as nothing (zero-width spaces and
/// joiners, direction marks, the byte-order mark, the soft hyphen, variation selectors, tags).
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
            | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Checks one printed text: no control or invisible character, at most `max` characters, no
/// word longer than [`MAX_WORD_CHARS`]. `field` names it in the error.
pub fn check_text(field: impl Fn() -> String, text: &str, max: usize) -> Result<(), InputError> {
    if let Some(character) = text.chars().find(|&c| is_invisible(c)) {
        return Err(InputError::ControlCharacter {
            field: field(),
            character,
        });
    }
    let length = text.chars().count();
    if length > max {
        return Err(InputError::TextTooLong {
            field: field(),
            length,
            max,
        });
    }
    if let Some(length) = text
        .split_whitespace()
        .map(|w| w.chars().count())
        .find(|&n| n > MAX_WORD_CHARS)
    {
        return Err(InputError::WordTooLong {
            field: field(),
            length,
            max: MAX_WORD_CHARS,
        });
    }
    Ok(())
}

/// A heading or a signature line: [`check_text`], then, unless it is blank (`blank_allowed`:
/// then it prints as nothing, like a missing field), at least one letter or digit. A text of
/// only combining marks, punctuation or symbols is refused: it would print as a stray mark.
pub fn check_heading(
    field: impl Fn() -> String,
    text: &str,
    max: usize,
    blank_allowed: bool,
) -> Result<(), InputError> {
    check_text(&field, text, max)?;
    let blank = text.trim().is_empty();
    if (blank && !blank_allowed) || (!blank && !text.chars().any(char::is_alphanumeric)) {
        return Err(InputError::EmptyText { field: field() });
    }
    Ok(())
}

/// The candidate list: not empty, not over [`MAX_CANDIDATES`], every name printable and with a
/// letter, no two people with the same full name and the same (or a missing) birth date.
pub fn check_candidates(input: &ElectionInput) -> Result<(), InputError> {
    if input.candidates.is_empty() {
        return Err(InputError::NoCandidates);
    }
    if input.candidates.len() > MAX_CANDIDATES {
        return Err(InputError::TooManyCandidates {
            count: input.candidates.len(),
            max: MAX_CANDIDATES,
        });
    }
    for (index, candidate) in input.candidates.iter().enumerate() {
        check_text(
            || {
                format!(
                    "ứng cử viên số {} (candidates[{index}]), trường `name`",
                    index + 1
                )
            },
            &candidate.name,
            MAX_NAME_CHARS,
        )?;
        if !candidate.name.chars().any(char::is_alphabetic) {
            return Err(InputError::EmptyName { index });
        }
    }
    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (second, candidate) in input.candidates.iter().enumerate() {
        let key = name_key(&candidate.name);
        let earlier = seen.entry(key).or_default();
        for &first in earlier.iter() {
            let (a, b) = (input.candidates[first].birth_date, candidate.birth_date);
            if a.is_none() || b.is_none() || a == b {
                return Err(InputError::DuplicateCandidate {
                    first,
                    second,
                    name: candidate.name.trim().to_owned(),
                    same_birth_date: a.is_some() && a == b,
                });
            }
        }
        earlier.push(second);
    }
    Ok(())
}

/// Every other printed text: the congress, the election, the place and date (blank is allowed:
/// printed as absent), the counting committee (a member has a name), the notes of invalid
/// ballots, and the time the count started.
pub fn check_printed_texts(input: &ElectionInput) -> Result<(), InputError> {
    for (name, value) in [
        ("congress", &input.congress),
        ("election", &input.election),
        ("place_date", &input.place_date),
    ] {
        if let Some(text) = value {
            check_heading(|| format!("trường `{name}`"), text, MAX_TEXT_CHARS, true)?;
        }
    }
    for (i, member) in input.counting_committee.iter().enumerate() {
        let field = |f: &str| {
            format!(
                "thành viên ban kiểm phiếu số {} (counting_committee[{i}]), trường `{f}`",
                i + 1
            )
        };
        check_heading(|| field("name"), &member.name, MAX_NAME_CHARS, false)?;
        if let Some(role) = &member.role {
            check_heading(|| field("role"), role, MAX_NAME_CHARS, true)?;
        }
    }
    for (i, ballot) in input.ballots.iter().enumerate() {
        if let BallotInput::Invalid {
            note: Some(note), ..
        } = ballot
        {
            check_text(
                || format!("phiếu số {} (ballots[{i}]), trường `note`", i + 1),
                note,
                MAX_TEXT_CHARS,
            )?;
        }
    }
    if let Some(time) = &input.count_started {
        parse_time(time).ok_or_else(|| InputError::BadTime {
            value: time.chars().take(20).collect(),
        })?;
    }
    Ok(())
}

/// `"14:30"` → `(14, 30)`; hours 0–23, minutes 0–59, two digits for the minutes.
pub fn parse_time(text: &str) -> Option<(u32, u32)> {
    let (h, m) = text.trim().split_once(':')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    let (h, m) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// What a ballot paper needs, before any vote: seats (or alternates) to elect, a printable
/// candidate list, printable headings. The rule set and the base are checked by the caller.
pub fn check_printable(input: &ElectionInput) -> Result<(), InputError> {
    if input.seats == 0 && input.alternates == 0 {
        return Err(InputError::NoSeats);
    }
    check_candidates(input)?;
    check_printed_texts(input)
}
