//! The document upload's PDF check and the document form's checks: any bytes are either refused
//! with one of the named reasons or start with `%PDF-` and a version and end with `%%EOF` within
//! their last kilobyte; the offered file name is plain ASCII whatever the number typed; the form
//! check never panics and what it accepts is trimmed and within its limits.
#![no_main]

use daihoi_domain::document::{
    DocumentInput, MAX_PDF_BYTES, NUMBER_MAX, TITLE_MAX, check_document, check_pdf, pdf_file_name,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match check_pdf(data) {
        Ok(()) => {
            assert!(data.len() <= MAX_PDF_BYTES);
            assert!(data.starts_with(b"%PDF-"));
            let tail = &data[data.len().saturating_sub(1024)..];
            assert!(tail.windows(5).any(|w| w == b"%%EOF"));
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let name = pdf_file_name(text);
    assert!(name.ends_with(".pdf"));
    assert!(name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
    let parts: Vec<&str> = text.split('\n').collect();
    let field = |i: usize| parts.get(i).copied().unwrap_or("");
    let input = DocumentInput {
        number: field(0),
        title: field(1),
        issuer: field(2),
        signer: field(3),
        issued_on: field(4),
        effective_on: field(5),
        summary: field(6),
        classification: field(7),
    };
    if let Ok(fields) = check_document(&input) {
        assert!(!fields.number.is_empty() && fields.number.chars().count() <= NUMBER_MAX);
        assert!(fields.title.chars().count() <= TITLE_MAX);
        assert_eq!(fields.number, fields.number.trim());
        if let Some(effective) = fields.effective_on {
            assert!(effective >= fields.issued_on);
        }
    }
});
