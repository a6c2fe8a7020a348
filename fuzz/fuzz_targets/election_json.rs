//! The election JSON of `daihoi tally` and `daihoi ballots`: any bytes are read, validated and,
//! when accepted, counted and turned into the documents' view models. Must hold: no panic; every
//! refusal is a Vietnamese message ending with an English code in brackets; an accepted input has
//! at most `MAX_CANDIDATES` candidates and every printed text within the length limits.
#![no_main]

use daihoi_domain::election::{
    ElectionInput, RuleSet, check_surplus, tally_with,
    validate::{MAX_CANDIDATES, MAX_TEXT_CHARS},
};
use libfuzzer_sys::fuzz_target;

fn assert_coded(message: &str) {
    let code = message.rsplit_once(" [").map(|(_, c)| c);
    assert!(
        code.is_some_and(|c| c.ends_with(']')
            && c[..c.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && c.len() > 1),
        "a refusal without a code: {message}"
    );
}

fuzz_target!(|data: &[u8]| {
    let input = match ElectionInput::from_json_bytes(data) {
        Ok(input) => input,
        Err(e) => return assert_coded(&e.to_string()),
    };
    let Some(rules) = RuleSet::named(&input.rules) else {
        return;
    };
    match tally_with(&input, &rules) {
        Ok(tally) => {
            assert!(input.candidates.len() <= MAX_CANDIDATES);
            for text in [&input.congress, &input.election, &input.place_date]
                .into_iter()
                .flatten()
            {
                assert!(text.chars().count() <= MAX_TEXT_CHARS);
            }
            let _ = check_surplus(&input, &rules);
            serde_json::to_string(&tally).expect("the tally serialises");
            let _ = daihoi_documents::election::ballot_paper(&input);
            let _ = daihoi_documents::election::counting_minutes(&input, &tally);
            let _ = daihoi_documents::election::result_sheet(&input, &tally);
        }
        Err(e) => assert_coded(&e.to_string()),
    }
});
