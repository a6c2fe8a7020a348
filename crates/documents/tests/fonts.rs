//! The embedded font draws every Vietnamese letter with every tone, and every PDF embeds it.

mod support;

use daihoi_documents::typeset::{FONT_FAMILY, embedded_faces, missing_glyphs};
use daihoi_domain::vn::nfc;

/// Every vowel of the Vietnamese alphabet with each of the six tones, lower and upper case, as
/// precomposed (NFC) letters, plus the consonants (đ included).
fn vietnamese_letters() -> Vec<char> {
    let vowels = "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY";
    let tones = ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"];
    let mut letters = Vec::new();
    for vowel in vowels.chars() {
        for tone in tones {
            let composed = nfc(&format!("{vowel}{tone}"));
            let mut chars = composed.chars();
            let letter = chars.next().expect("one letter");
            assert_eq!(
                chars.next(),
                None,
                "{vowel}{tone} composes to one character"
            );
            letters.push(letter);
        }
    }
    letters.extend("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX".chars());
    letters
}

#[test]
fn every_vietnamese_letter_with_every_tone_is_in_the_font() {
    let letters = vietnamese_letters();
    assert_eq!(letters.len(), 24 * 6 + 34);
    let text: String = letters.iter().collect();
    assert_eq!(
        missing_glyphs(&text),
        Vec::<char>::new(),
        "missing in {FONT_FAMILY}"
    );
}

#[test]
fn punctuation_digits_and_markup_characters_are_in_the_font() {
    let ascii: String = (0x21u8..0x7f).map(char::from).collect();
    let extra = "–—“”‘’…•%";
    assert_eq!(
        missing_glyphs(&format!("{ascii}{extra}")),
        Vec::<char>::new()
    );
}

#[test]
fn characters_outside_the_font_are_reported_once_in_order() {
    assert_eq!(missing_glyphs("Lò 字 Văn 字 Ánh 😀"), vec!['字', '😀']);
}

#[test]
fn only_the_regular_italic_and_bold_faces_are_embedded() {
    // typst-assets' Libertinus Serif Bold Italic lacks ơ and ư; it must not be in the set.
    let faces = embedded_faces();
    assert_eq!(faces.len(), 3, "{faces:?}");
    assert!(
        faces.iter().all(|f| f.starts_with(FONT_FAMILY)),
        "{faces:?}"
    );
}

#[test]
fn data_with_a_character_outside_the_font_is_refused_with_its_code_point() {
    let mut paper = support::sample_strike_ballot();
    paper.candidates[0].name = "Lò Văn 字".to_owned();
    let error = daihoi_documents::render_ballot_pdf(&paper).expect_err("refused");
    let message = error.to_string();
    assert!(
        message.contains("U+5B57") && message.contains("Lò Văn 字"),
        "{message}"
    );
}

#[test]
fn the_pdf_embeds_only_libertinus_serif() {
    let pdf = daihoi_documents::render_minutes_pdf(&support::sample_minutes()).expect("renders");
    let text = String::from_utf8_lossy(&pdf);
    let base_fonts: Vec<&str> = text
        .match_indices("/BaseFont /")
        .map(|(at, _)| {
            text[at + 11..]
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
        })
        .collect();
    assert!(!base_fonts.is_empty());
    assert!(
        base_fonts.iter().all(|f| f.contains("+LibertinusSerif-")),
        "{base_fonts:?}"
    );
    // Subset fonts carry their font program (FontFile*): one per face used.
    let programs = text.matches("/FontFile").count();
    assert_eq!(programs, 3, "regular, italic and bold each embedded once");
}
