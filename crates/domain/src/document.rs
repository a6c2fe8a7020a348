//! Văn bản — official documents (nghị quyết, quyết định, chỉ thị, …) as the portal publishes
//! them: the classification rule, the checks of a document's fields and the check of its
//! attached PDF file.
//!
//! **The classification rule.** A document marked "Mật" or higher ([`Classification::is_secret`])
//! is never published: [`check_publishable`] refuses it here, the store refuses it again (and a
//! `CHECK` constraint in SQL refuses it a third time), and every public query filters it out.

use chrono::NaiveDate;

use crate::congress::field::FieldError;
use crate::vn::{fold, nfc};

/// Độ mật — the classification of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Classification {
    /// Thường — not classified: may be published.
    Normal,
    /// Mật — confidential.
    Secret,
    /// Tối mật — top secret.
    TopSecret,
    /// Tuyệt mật — the highest class.
    UltraSecret,
}

impl Classification {
    /// Every class, in the order forms list them.
    pub const ALL: [Classification; 4] = [
        Classification::Normal,
        Classification::Secret,
        Classification::TopSecret,
        Classification::UltraSecret,
    ];

    /// The stored name (`thuong`, `mat`, `toi-mat`, `tuyet-mat`).
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Normal => "thuong",
            Classification::Secret => "mat",
            Classification::TopSecret => "toi-mat",
            Classification::UltraSecret => "tuyet-mat",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Classification> {
        Classification::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The Vietnamese name ("Thường", "Mật", "Tối mật", "Tuyệt mật").
    pub fn label(self) -> &'static str {
        match self {
            Classification::Normal => "Thường",
            Classification::Secret => "Mật",
            Classification::TopSecret => "Tối mật",
            Classification::UltraSecret => "Tuyệt mật",
        }
    }

    /// Whether the document is classified ("Mật" or higher): it can never be published.
    pub fn is_secret(self) -> bool {
        self != Classification::Normal
    }
}

/// Lỗi xuất bản — why a document cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PublishError {
    /// The document is "Mật" or higher.
    #[error(
        "Văn bản có độ mật «{0}» không bao giờ được xuất bản trên cổng thông tin. Chỉ văn bản \
         độ mật «Thường» mới được xuất bản."
    )]
    Classified(&'static str),
}

/// Được xuất bản không — whether a document of `classification` may be published. Every path that
/// publishes a document asks this first.
pub fn check_publishable(classification: Classification) -> Result<(), PublishError> {
    if classification.is_secret() {
        Err(PublishError::Classified(classification.label()))
    } else {
        Ok(())
    }
}

/// Longest number and symbol (số, ký hiệu), in characters.
pub const NUMBER_MAX: usize = 60;
/// Longest title (trích yếu), in characters.
pub const TITLE_MAX: usize = 500;
/// Longest issuing body or signer, in characters.
pub const NAME_MAX: usize = 200;
/// Longest summary (tóm tắt), in characters.
pub const SUMMARY_MAX: usize = 5_000;
/// Earliest and latest years a document date may carry.
pub const YEARS: (i32, i32) = (1945, 2100);

/// What the document form sends, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentInput<'a> {
    /// Số, ký hiệu ("15-NQ/TU").
    pub number: &'a str,
    /// Trích yếu — what the document is about (its title).
    pub title: &'a str,
    /// Cơ quan ban hành.
    pub issuer: &'a str,
    /// Người ký.
    pub signer: &'a str,
    /// Ngày ban hành (`yyyy-mm-dd` or `dd/mm/yyyy`).
    pub issued_on: &'a str,
    /// Ngày có hiệu lực (may be empty).
    pub effective_on: &'a str,
    /// Tóm tắt nội dung (may be empty).
    pub summary: &'a str,
    /// Độ mật (stored name).
    pub classification: &'a str,
}

/// Văn bản đã kiểm tra — a document's fields, trimmed, NFC-normalised and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFields {
    /// Số, ký hiệu.
    pub number: String,
    /// Trích yếu.
    pub title: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Người ký (may be empty).
    pub signer: String,
    /// Ngày ban hành.
    pub issued_on: NaiveDate,
    /// Ngày có hiệu lực, if given (never before the issue date).
    pub effective_on: Option<NaiveDate>,
    /// Tóm tắt (may be empty).
    pub summary: String,
    /// Độ mật.
    pub classification: Classification,
}

/// One refused field: the form field's name and the Vietnamese sentence shown under it.
pub type FieldProblem = (&'static str, String);

fn text(
    raw: &str,
    field: &'static str,
    label: &str,
    max: usize,
    required: bool,
    problems: &mut Vec<FieldProblem>,
) -> String {
    let value = nfc(raw.trim());
    let given = value.chars().count();
    let refusal = if required && value.is_empty() {
        Some(FieldError::Missing)
    } else if given > max {
        Some(FieldError::TooLong { max, given })
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        Some(FieldError::invalid(&value, "chữ không có ký tự điều khiển"))
    } else {
        None
    };
    if let Some(err) = refusal {
        problems.push((field, format!("{label}: {err}.")));
    }
    value
}

/// Reads a date typed as `yyyy-mm-dd` (a date input) or `dd/mm/yyyy`, within [`YEARS`].
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(raw, "%d/%m/%Y"))
        .ok()?;
    use chrono::Datelike;
    (YEARS.0..=YEARS.1).contains(&date.year()).then_some(date)
}

fn date(
    raw: &str,
    field: &'static str,
    label: &str,
    required: bool,
    problems: &mut Vec<FieldProblem>,
) -> Option<NaiveDate> {
    if raw.trim().is_empty() {
        if required {
            problems.push((field, format!("{label}: {}.", FieldError::Missing)));
        }
        return None;
    }
    let parsed = parse_date(raw);
    if parsed.is_none() {
        problems.push((
            field,
            format!(
                "{label}: {}.",
                FieldError::invalid(raw.trim(), "một ngày dd/mm/yyyy từ năm 1945 đến năm 2100")
            ),
        ));
    }
    parsed
}

/// Kiểm tra văn bản — checks every field of the document form; all the problems at once, each
/// naming its field, or the checked fields.
pub fn check_document(input: &DocumentInput<'_>) -> Result<DocumentFields, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let number = text(
        input.number,
        "number",
        "Số, ký hiệu",
        NUMBER_MAX,
        true,
        &mut problems,
    );
    let title = text(
        input.title,
        "title",
        "Trích yếu",
        TITLE_MAX,
        true,
        &mut problems,
    );
    let issuer = text(
        input.issuer,
        "issuer",
        "Cơ quan ban hành",
        NAME_MAX,
        true,
        &mut problems,
    );
    let signer = text(
        input.signer,
        "signer",
        "Người ký",
        NAME_MAX,
        false,
        &mut problems,
    );
    let summary = text(
        input.summary,
        "summary",
        "Tóm tắt",
        SUMMARY_MAX,
        false,
        &mut problems,
    );
    let issued_on = date(
        input.issued_on,
        "issued_on",
        "Ngày ban hành",
        true,
        &mut problems,
    );
    let effective_on = date(
        input.effective_on,
        "effective_on",
        "Ngày có hiệu lực",
        false,
        &mut problems,
    );
    if let (Some(issued), Some(effective)) = (issued_on, effective_on)
        && effective < issued
    {
        problems.push((
            "effective_on",
            "Ngày có hiệu lực: không được trước ngày ban hành.".to_owned(),
        ));
    }
    let classification = Classification::parse(input.classification.trim());
    if classification.is_none() {
        problems.push((
            "classification",
            "Độ mật: hãy chọn Thường, Mật, Tối mật hoặc Tuyệt mật.".to_owned(),
        ));
    }
    match (issued_on, classification) {
        (Some(issued_on), Some(classification)) if problems.is_empty() => Ok(DocumentFields {
            number,
            title,
            issuer,
            signer,
            issued_on,
            effective_on,
            summary,
            classification,
        }),
        _ => Err(problems),
    }
}

/// Văn bản tìm được — the folded text the document list's search box compares: number, title,
/// summary, issuer and signer.
pub fn search_text(fields: &DocumentFields) -> String {
    fold(&format!(
        "{} {} {} {} {}",
        fields.number, fields.title, fields.summary, fields.issuer, fields.signer
    ))
    .split_whitespace()
    .collect::<Vec<_>>()
    .join(" ")
}

/// Độ dài tối đa của tên loại văn bản — the longest name of a document type, in characters.
pub const TYPE_NAME_MAX: usize = 100;

/// Tên loại văn bản — checks the name of a document type ("Nghị quyết", "Công văn"): required,
/// one line (runs of spaces, tabs and line breaks become one space), at most
/// [`TYPE_NAME_MAX`] characters, NFC. The refusal is the sentence shown under the field.
pub fn check_type_name(raw: &str) -> Result<String, String> {
    let one_line = nfc(raw).split_whitespace().collect::<Vec<_>>().join(" ");
    let mut problems = Vec::new();
    let name = text(
        &one_line,
        "name",
        "Tên loại văn bản",
        TYPE_NAME_MAX,
        true,
        &mut problems,
    );
    match problems.pop() {
        Some((_, message)) => Err(message),
        None => Ok(name),
    }
}

/// The form under which two type names are one name: folded (case, diacritics and đ/Đ set
/// aside) with single spaces, so "Quyết định" and "QUYET  DINH" cannot both be types.
pub fn type_name_key(name: &str) -> String {
    fold(name).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Dung lượng tối đa của tệp PDF — the largest attached file accepted (20 MiB).
pub const MAX_PDF_BYTES: usize = 20 * 1024 * 1024;

/// How far from the end of the file its `%%EOF` marker may stand.
const EOF_WINDOW: usize = 1024;

/// Lỗi tệp PDF — why an uploaded file is refused as a document's PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// No file, or an empty one.
    #[error("Chưa chọn tệp PDF (tệp rỗng).")]
    Empty,
    /// Larger than [`MAX_PDF_BYTES`].
    #[error("Tệp PDF quá lớn: dung lượng tối đa là 20 MB.")]
    TooLarge,
    /// It does not start with `%PDF-1.x` or `%PDF-2.x`.
    #[error("Tệp không phải PDF: nội dung tệp PDF phải bắt đầu bằng «%PDF-».")]
    NotPdf,
    /// No `%%EOF` near its end: cut off during the upload or damaged.
    #[error("Tệp PDF không trọn vẹn (thiếu dấu kết thúc %%EOF): tệp có thể bị cắt giữa chừng.")]
    Truncated,
}

/// Kiểm tra tệp PDF — checks an uploaded file by its content, never by its name or declared type:
/// at most [`MAX_PDF_BYTES`], starting with `%PDF-` and a version (`1.x` or `2.x`), and with the
/// `%%EOF` marker within its last kilobyte.
pub fn check_pdf(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::Empty);
    }
    if bytes.len() > MAX_PDF_BYTES {
        return Err(PdfError::TooLarge);
    }
    let version_ok = bytes.len() >= 8
        && bytes.starts_with(b"%PDF-")
        && matches!(bytes[5], b'1' | b'2')
        && bytes[6] == b'.'
        && bytes[7].is_ascii_digit();
    if !version_ok {
        return Err(PdfError::NotPdf);
    }
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(PdfError::Truncated);
    }
    Ok(())
}

/// Tên tệp tải về — the file name a document's PDF is offered under: its number and symbol as
/// a slug (`15-nq-tu.pdf`), only ASCII letters, digits and hyphens, so it is safe inside a
/// quoted `Content-Disposition` parameter.
pub fn pdf_file_name(number: &str) -> String {
    let slug = crate::vn::slugify(number);
    let slug = if slug == crate::vn::SLUG_FALLBACK {
        "van-ban".to_owned()
    } else {
        slug
    };
    format!("{slug}.pdf")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_type_name_is_one_trimmed_line_of_at_most_100_characters() {
        assert_eq!(check_type_name("  Nghị   quyết\n").unwrap(), "Nghị quyết");
        // Decomposed marks (as some keyboards type them) are stored composed.
        assert_eq!(
            check_type_name("Quye\u{302}\u{301}t \u{111}i\u{323}nh").unwrap(),
            "Quyết định"
        );
        let empty = check_type_name(" \t ").unwrap_err();
        assert!(empty.starts_with("Tên loại văn bản:"), "{empty}");
        let long = check_type_name(&"a".repeat(TYPE_NAME_MAX + 1)).unwrap_err();
        assert!(long.contains("100"), "{long}");
        assert!(check_type_name(&"ă".repeat(TYPE_NAME_MAX)).is_ok());
        assert!(check_type_name("Công\u{7}văn").is_err());
    }

    #[test]
    fn type_names_differing_only_in_case_marks_or_spaces_share_a_key() {
        assert_eq!(type_name_key("Quyết định"), type_name_key("QUYET  DINH"));
        assert_eq!(type_name_key("Đề án"), "de an");
        assert_ne!(type_name_key("Quyết định"), type_name_key("Quy định"));
    }

    fn input() -> DocumentInput<'static> {
        DocumentInput {
            number: " 15-NQ/TU ",
            title: "Nghị quyết về công tác chuẩn bị đại hội",
            issuer: "Ban Thường vụ Huyện ủy",
            signer: "Nguyễn Văn A",
            issued_on: "2020-03-26",
            effective_on: "26/03/2020",
            summary: "",
            classification: "thuong",
        }
    }

    #[test]
    fn a_secret_document_is_never_publishable() {
        assert_eq!(check_publishable(Classification::Normal), Ok(()));
        for c in [
            Classification::Secret,
            Classification::TopSecret,
            Classification::UltraSecret,
        ] {
            assert!(c.is_secret());
            let err = check_publishable(c).unwrap_err();
            assert!(err.to_string().contains(c.label()), "{err}");
            assert!(err.to_string().contains("không bao giờ được xuất bản"));
        }
        for c in Classification::ALL {
            assert_eq!(Classification::parse(c.as_str()), Some(c));
        }
        assert_eq!(Classification::parse("MAT"), None);
    }

    #[test]
    fn fields_are_trimmed_and_dates_read_in_both_forms() {
        let f = check_document(&input()).unwrap();
        assert_eq!(f.number, "15-NQ/TU");
        assert_eq!(f.issued_on, NaiveDate::from_ymd_opt(2020, 3, 26).unwrap());
        assert_eq!(f.effective_on, f.issued_on.into());
        assert_eq!(f.classification, Classification::Normal);
        assert_eq!(
            search_text(&f),
            "15-nq/tu nghi quyet ve cong tac chuan bi dai hoi ban thuong vu huyen uy nguyen van a"
        );
    }

    #[test]
    fn every_problem_names_its_field_in_vietnamese() {
        let bad = DocumentInput {
            number: "",
            title: &"x".repeat(TITLE_MAX + 1),
            issuer: "  ",
            signer: "",
            issued_on: "31/02/2020",
            effective_on: "2019-01-01",
            summary: "a\u{7}b",
            classification: "bi-mat",
        };
        let problems = check_document(&bad).unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.0).collect();
        assert_eq!(
            fields,
            [
                "number",
                "title",
                "issuer",
                "summary",
                "issued_on",
                "classification"
            ]
        );
        assert_eq!(problems[0].1, "Số, ký hiệu: bắt buộc nhưng đang để trống.");
        assert!(problems[1].1.starts_with("Trích yếu: dài 501 ký tự"));
        assert!(problems[4].1.contains("«31/02/2020» không hợp lệ"));
        // The effective date before the issue date.
        let early = DocumentInput {
            effective_on: "2020-03-25",
            ..input()
        };
        let problems = check_document(&early).unwrap_err();
        assert_eq!(
            problems,
            vec![(
                "effective_on",
                "Ngày có hiệu lực: không được trước ngày ban hành.".to_owned()
            )]
        );
        assert_eq!(parse_date("1900-01-01"), None);
        assert_eq!(
            parse_date("08/06/2020"),
            NaiveDate::from_ymd_opt(2020, 6, 8)
        );
    }

    fn pdf(body: &[u8]) -> Vec<u8> {
        let mut v = b"%PDF-1.7\n".to_vec();
        v.extend_from_slice(body);
        v.extend_from_slice(b"\n%%EOF\n");
        v
    }

    #[test]
    fn a_pdf_is_known_by_its_first_bytes_and_its_end() {
        assert_eq!(check_pdf(&pdf(b"1 0 obj\nendobj")), Ok(()));
        assert_eq!(check_pdf(b""), Err(PdfError::Empty));
        assert_eq!(check_pdf(b"MZ\x90\0 %%EOF"), Err(PdfError::NotPdf));
        assert_eq!(check_pdf(b"%PDF-x.y %%EOF"), Err(PdfError::NotPdf));
        assert_eq!(check_pdf(b" %PDF-1.4 %%EOF"), Err(PdfError::NotPdf));
        assert_eq!(check_pdf(b"%PDF-1.4\n1 0 obj"), Err(PdfError::Truncated));
        let mut far = pdf(b"");
        far.extend(std::iter::repeat_n(b' ', EOF_WINDOW));
        assert_eq!(check_pdf(&far), Err(PdfError::Truncated));
        let big = vec![b'%'; MAX_PDF_BYTES + 1];
        assert_eq!(check_pdf(&big), Err(PdfError::TooLarge));
        assert!(PdfError::TooLarge.to_string().contains("20 MB"));
    }

    #[test]
    fn download_names_are_plain_ascii() {
        assert_eq!(pdf_file_name("15-NQ/TU"), "15-nq-tu.pdf");
        assert_eq!(pdf_file_name("\"; filename=x.exe"), "filename-x-exe.pdf");
        assert_eq!(pdf_file_name("///"), "van-ban.pdf");
    }

    proptest! {
        #[test]
        fn check_pdf_never_panics_and_accepts_only_pdf_heads(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
            if check_pdf(&bytes).is_ok() {
                prop_assert!(bytes.starts_with(b"%PDF-"));
            }
        }

        #[test]
        fn download_names_never_carry_quotes_or_separators(number in any::<String>()) {
            let name = pdf_file_name(&number);
            prop_assert!(name.ends_with(".pdf"));
            prop_assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.'));
        }
    }
}
