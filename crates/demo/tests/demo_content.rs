//! Nội dung mẫu — the demo texts are well-formed Vietnamese and our own writing.
//!
//! Every text is NFC; no paragraph of the seed page appears verbatim in them, and no run of
//! [`RUN`] consecutive words is shared with it (names and titles such as "Đảng bộ huyện Tân Uyên
//! nhiệm kỳ 2020–2025" are shorter than that). The seed is read from `../shared/seed/` next to the
//! workspace when it exists; otherwise those checks are skipped with a message.

use std::collections::HashSet;
use std::path::PathBuf;

use daihoi_demo::content;
use daihoi_domain::vn::nfc;
use daihoi_store::ArticleKind;

/// Length of the shortest shared word run that counts as copying.
const RUN: usize = 12;

/// Every text of the demo, labelled for error messages.
fn all_texts() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let portal = content::portal().expect("portal file");
    texts.push(("portal name".into(), portal.name));
    texts.push(("portal tagline".into(), portal.tagline));
    texts.push(("portal about".into(), portal.about));
    for c in content::categories().expect("categories file") {
        texts.push((format!("category {}", c.slug), c.name));
        texts.push((format!("category {} description", c.slug), c.description));
    }
    for a in content::articles().expect("article files") {
        texts.push((format!("{} title", a.file), a.title));
        texts.push((format!("{} lead", a.file), a.lead));
        texts.push((format!("{} author", a.file), a.author));
        texts.push((format!("{} body", a.file), a.body));
        for p in a.photos {
            texts.push((format!("{} caption {}", a.file, p.key), p.caption));
        }
    }
    texts
}

#[test]
fn every_text_is_nfc() {
    for (label, text) in all_texts() {
        assert_eq!(nfc(&text), text, "{label} is not NFC");
    }
}

#[test]
fn the_demo_has_enough_articles_of_reasonable_length() {
    let articles = content::articles().unwrap();
    assert!(articles.len() >= 6);
    let categories: HashSet<&str> = articles.iter().map(|a| a.category.as_str()).collect();
    assert!(categories.len() >= 3, "{categories:?}");
    for a in &articles {
        // Vietnamese words are written as syllables; 250–700 words is roughly 300–1000 syllables.
        let syllables = a.body.split_whitespace().count();
        assert!(
            (300..=1000).contains(&syllables),
            "{}: {syllables} syllables",
            a.file
        );
    }
    let interview = articles
        .iter()
        .find(|a| a.kind == ArticleKind::Interview)
        .expect("an interview");
    let questions = interview
        .body
        .split("\n\n")
        .filter(|p| p.starts_with("PV:"))
        .count();
    assert!(questions >= 3);
    // The interview uses the seed's facts and figures.
    for fact in [
        "Tân Uyên",
        "2020–2025",
        "47",
        "26/3/2020",
        "247",
        "35",
        "17,14%",
        "31,4%",
        "15%",
        "10%",
        "20 đến 25%",
        "8 đến 10/6/2020",
        "nhân vật trong bản trình diễn",
    ] {
        assert!(
            interview.body.contains(fact) || interview.lead.contains(fact),
            "the interview does not mention «{fact}»"
        );
    }
}

/// The seed page's text, if the shared folder is next to the workspace.
fn seed_text() -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seed");
    let entries = std::fs::read_dir(&dir).ok()?;
    let mut text = String::new();
    for entry in entries.flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt") {
            text.push_str(&std::fs::read_to_string(entry.path()).ok()?);
            text.push('\n');
        }
    }
    (!text.is_empty()).then_some(text)
}

/// Lower-case words (letters and digits), punctuation dropped.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn no_seed_paragraph_or_long_phrase_is_copied() {
    let Some(seed) = seed_text() else {
        println!("skipped: the seed page (../shared/seed/ next to the workspace) is not here");
        return;
    };
    let texts = all_texts();
    let seed = nfc(&seed);
    let paragraphs: Vec<&str> = seed
        .lines()
        .map(str::trim)
        .filter(|p| p.split_whitespace().count() >= 6)
        .collect();
    assert!(paragraphs.len() > 10, "the seed page looks empty");
    for (label, text) in &texts {
        for p in &paragraphs {
            assert!(!text.contains(p), "{label} copies the seed paragraph «{p}»");
        }
    }
    let seed_words = words(&seed);
    let runs: HashSet<&[String]> = seed_words.windows(RUN).collect();
    for (label, text) in &texts {
        let ours = words(text);
        if let Some(run) = ours.windows(RUN).find(|w| runs.contains(w)) {
            panic!(
                "{label} shares {RUN} words in a row with the seed: «{}»",
                run.join(" ")
            );
        }
    }
}

#[test]
fn the_copy_check_would_catch_a_copied_paragraph() {
    // Guard against a check that cannot fail: a sentence taken from a text is found by it.
    let ours = "Một hai ba bốn năm sáu bảy tám chín mười mười một mười hai mười ba";
    let copied = format!("Mở đầu. {ours} Kết thúc.");
    let runs: HashSet<Vec<String>> = words(ours).windows(RUN).map(<[String]>::to_vec).collect();
    assert!(words(&copied).windows(RUN).any(|w| runs.contains(w)));
}
