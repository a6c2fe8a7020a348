//! The domain tally and `daihoi tally` agree on generated elections (every rule set, both
//! ballot forms, invalid ballots, ties, alternates).

use std::io::Write;
use std::process::{Command, Stdio};

use daihoi_domain::election::{ElectionInput, RuleSet, Tally, tally};
use serde_json::{Value, json};

/// A small deterministic generator (SplitMix64), so a failure names a reproducible seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// One well-formed election as JSON.
fn generate(seed: u64) -> Value {
    let mut rng = Rng(seed);
    let rules = RuleSet::BUILTIN_NAMES[rng.below(4) as usize];
    let seats = 1 + rng.below(6);
    let alternates = rng.below(3);
    let n = 1 + rng.below(10) as usize;
    // Names a ballot may keep: the official seats under the Party rules (Điều 18), seats and
    // alternates together otherwise.
    let places = RuleSet::named(rules)
        .unwrap()
        .names_per_ballot(seats as u32, alternates as u32) as usize;
    let candidates: Vec<Value> = (0..n)
        .map(|i| {
            if rng.below(10) == 0 {
                json!({"name": format!("Ứng viên {i}")})
            } else {
                json!({"name": format!("Ứng viên {i}"), "birth_date": format!("19{}-01-01", 60 + rng.below(4))})
            }
        })
        .collect();
    let count = rng.below(60);
    let mut ballots = Vec::new();
    for _ in 0..count {
        let roll = rng.below(10);
        if roll == 0 {
            let code = [
                "not_issued",
                "too_many_names",
                "all_struck",
                "marked",
                "other",
            ][rng.below(5) as usize];
            ballots.push(if code == "other" {
                json!({"invalid": code, "note": "rách"})
            } else {
                json!({"invalid": code})
            });
        } else if n > places {
            // Keep 1..=places names mostly; sometimes strike at random (may be invalid).
            let struck: Vec<usize> = if roll < 8 {
                let keep = 1 + rng.below(places as u64) as usize;
                let mut kept: Vec<usize> = Vec::new();
                while kept.len() < keep {
                    let i = rng.below(n as u64) as usize;
                    if !kept.contains(&i) {
                        kept.push(i);
                    }
                }
                (0..n).filter(|i| !kept.contains(i)).collect()
            } else {
                (0..n).filter(|_| rng.below(2) == 0).collect()
            };
            ballots.push(json!({"struck": struck}));
        } else {
            let marks: Vec<&str> = (0..n)
                .map(|_| {
                    ["agree", "agree", "agree", "disagree", "both", "none"][rng.below(6) as usize]
                })
                .collect();
            ballots.push(json!({"marks": marks}));
        }
    }
    let mut e = json!({
        "rules": rules,
        "seats": seats,
        "alternates": alternates,
        "ballots_issued": count + rng.below(5),
        "candidates": candidates,
        "ballots": ballots,
    });
    if rules.starts_with("party") {
        e["base"] = json!(1 + rng.below(70));
    }
    e
}

fn run_binary(input: &str) -> Tally {
    let mut child = Command::new(env!("CARGO_BIN_EXE_daihoi"))
        .args(["tally", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    pipe.write_all(input.as_bytes()).unwrap();
    drop(pipe);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn domain_and_binary_agree_on_generated_elections() {
    let mut seen_elected = 0;
    let mut seen_ties = 0;
    for seed in 0..60u64 {
        let json = generate(seed).to_string();
        let input = ElectionInput::from_json(&json).unwrap();
        let expected = tally(&input).unwrap();
        let got = run_binary(&json);
        assert_eq!(got, expected, "seed {seed}: {json}");
        seen_elected += usize::from(!expected.elected.is_empty());
        seen_ties += usize::from(!expected.tied_for_last_seat.is_empty());
    }
    // The generator must reach the interesting cases, or the agreement says little.
    assert!(
        seen_elected >= 10,
        "only {seen_elected} elections elected anyone"
    );
    assert!(seen_ties >= 1, "no tie generated");
}
