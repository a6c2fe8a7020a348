//! Typesetting of what a user may write in an election file: arbitrary names and headings, first
//! checked by the domain (`validate::check_printable`, as `daihoi ballots` does), then, when
//! accepted, printed as the ballot paper and the counting minutes. Must hold: no panic (the
//! report: a word of 32.768 "Đ" panicked inside krilla); an accepted input either prints or is
//! refused as the user's data (a missing glyph, a list too long for a sheet), never a typesetting
//! error.
#![no_main]

use daihoi_documents::DocumentError;
use daihoi_domain::election::{CandidateInput, ElectionInput, tally, validate};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Texts {
    congress: String,
    election: String,
    place_date: String,
    names: Vec<String>,
    seats: u8,
}

fn printable(result: Result<Vec<u8>, DocumentError>) {
    match result {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF")),
        Err(DocumentError::MissingGlyphs { .. } | DocumentError::BallotTooLong { .. }) => {}
        Err(other) => panic!("a validated input failed to print: {other}"),
    }
}

fuzz_target!(|texts: Texts| {
    let names: Vec<String> = texts.names.into_iter().take(70).collect();
    let input = ElectionInput {
        rules: "party-2024".into(),
        kind: None,
        seats: u32::from(texts.seats % 8).max(1),
        alternates: 0,
        base: Some(100),
        ballots_issued: 0,
        candidates: names
            .into_iter()
            .map(|name| CandidateInput {
                name,
                birth_date: None,
            })
            .collect(),
        ballots: Vec::new(),
        present: None,
        count_started: None,
        congress: Some(texts.congress),
        election: Some(texts.election),
        place_date: Some(texts.place_date),
        counting_committee: Vec::new(),
    };
    if validate::check_printable(&input).is_err() {
        return;
    }
    let paper = daihoi_documents::election::ballot_paper(&input);
    printable(daihoi_documents::render_ballot_pdf(&paper));
    if let Ok(tally) = tally(&input) {
        let minutes = daihoi_documents::election::counting_minutes(&input, &tally);
        printable(daihoi_documents::render_minutes_pdf(&minutes));
    }
});
