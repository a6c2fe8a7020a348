//! Thông tin cổng — the site's own identity as the footer and the header show it: the body's name,
//! the managing agency (cơ quan chủ quản), the person responsible, the licence line, the address,
//! phone and e-mail, and a footer note. The checks of each field live here, with their
//! Vietnamese messages; the store keeps the values as settings, the web layer shows them.
//!
//! Every field is one line: NFC, trimmed, inner white space made one space
//! ([`crate::congress::field::line`]). Only the name is required; an empty field is simply not
//! shown.

use crate::congress::field::{FieldError, line};

/// Longest name, agency, person responsible, in characters.
pub const NAME_MAX_CHARS: usize = 200;
/// Longest licence line, address and footer note, in characters.
pub const LINE_MAX_CHARS: usize = 300;
/// Longest e-mail address (RFC 5321's path limit).
pub const EMAIL_MAX_CHARS: usize = 254;
/// Longest phone field as typed (two numbers with separators fit).
pub const PHONE_MAX_CHARS: usize = 40;
/// Fewest and most digits of one phone number (a Vietnamese landline with its area code has 10
/// or 11, an international one with its country code up to 15).
pub const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 8..=15;

/// Thông tin cổng — the identity fields as typed in the settings form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityInput {
    /// Tên cơ quan, tên cổng.
    pub name: String,
    /// Cơ quan chủ quản.
    pub agency: String,
    /// Người chịu trách nhiệm.
    pub responsible: String,
    /// Giấy phép ("Giấy phép số 12/GP-TTĐT ngày …").
    pub licence: String,
    /// Địa chỉ.
    pub address: String,
    /// Điện thoại.
    pub phone: String,
    /// Thư điện tử.
    pub email: String,
    /// Ghi chú chân trang (the demo says here that it is a demonstration).
    pub note: String,
}

/// Thông tin cổng đã kiểm tra — every field checked and normalised; an empty optional field is
/// the empty string.
pub type Identity = IdentityInput;

/// Trường thông tin cổng — one field of the settings form, for its message and its place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityField {
    /// Tên cơ quan.
    Name,
    /// Cơ quan chủ quản.
    Agency,
    /// Người chịu trách nhiệm.
    Responsible,
    /// Giấy phép.
    Licence,
    /// Địa chỉ.
    Address,
    /// Điện thoại.
    Phone,
    /// Thư điện tử.
    Email,
    /// Ghi chú chân trang.
    Note,
}

impl IdentityField {
    /// The form field's name (`name`, `agency`, …).
    pub fn key(self) -> &'static str {
        match self {
            IdentityField::Name => "name",
            IdentityField::Agency => "agency",
            IdentityField::Responsible => "responsible",
            IdentityField::Licence => "licence",
            IdentityField::Address => "address",
            IdentityField::Phone => "phone",
            IdentityField::Email => "email",
            IdentityField::Note => "note",
        }
    }

    /// The label shown in the form and in messages.
    pub fn label(self) -> &'static str {
        match self {
            IdentityField::Name => "Tên cơ quan (tên cổng)",
            IdentityField::Agency => "Cơ quan chủ quản",
            IdentityField::Responsible => "Người chịu trách nhiệm",
            IdentityField::Licence => "Giấy phép",
            IdentityField::Address => "Địa chỉ",
            IdentityField::Phone => "Điện thoại",
            IdentityField::Email => "Thư điện tử",
            IdentityField::Note => "Ghi chú chân trang",
        }
    }
}

/// Lỗi thông tin cổng — one refused field, worded "«Thư điện tử»: … ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityError {
    /// Which field.
    pub field: IdentityField,
    /// Why.
    pub error: FieldError,
}

impl std::fmt::Display for IdentityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "«{}»: {}.", self.field.label(), self.error)
    }
}

impl std::error::Error for IdentityError {}

/// Kiểm tra thông tin cổng — checks every field; all the refusals at once, in form order.
pub fn check_identity(input: &IdentityInput) -> Result<Identity, Vec<IdentityError>> {
    let mut errors = Vec::new();
    let mut take = |field: IdentityField, result: Result<String, FieldError>| match result {
        Ok(value) => value,
        Err(error) => {
            errors.push(IdentityError { field, error });
            String::new()
        }
    };
    let text = |raw: &str, max: usize| line(raw, max, false).map(Option::unwrap_or_default);
    let checked = Identity {
        name: take(
            IdentityField::Name,
            line(&input.name, NAME_MAX_CHARS, true).map(Option::unwrap_or_default),
        ),
        agency: take(IdentityField::Agency, text(&input.agency, NAME_MAX_CHARS)),
        responsible: take(
            IdentityField::Responsible,
            text(&input.responsible, NAME_MAX_CHARS),
        ),
        licence: take(IdentityField::Licence, text(&input.licence, LINE_MAX_CHARS)),
        address: take(IdentityField::Address, text(&input.address, LINE_MAX_CHARS)),
        phone: take(IdentityField::Phone, check_phone(&input.phone)),
        email: take(IdentityField::Email, check_email(&input.email)),
        note: take(IdentityField::Note, text(&input.note, LINE_MAX_CHARS)),
    };
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// Điện thoại — empty, or one or more numbers separated by `,` or `;`, each of
/// [`PHONE_DIGITS`] digits, written with digits, spaces, dots, hyphens, parentheses and a leading
/// `+` ("0213 3876 543", "+84 213 3876 543", "(0213) 3.876.543").
pub fn check_phone(raw: &str) -> Result<String, FieldError> {
    const EXPECTED: &str = "số điện thoại gồm 8–15 chữ số (được dùng dấu cách, chấm, gạch ngang, \
ngoặc đơn, dấu + ở đầu; nhiều số cách nhau bằng dấu phẩy)";
    let Some(text) = line(raw, PHONE_MAX_CHARS, false)? else {
        return Ok(String::new());
    };
    for number in text.split([',', ';']) {
        let number = number.trim();
        let digits = number.chars().filter(char::is_ascii_digit).count();
        let allowed = number.char_indices().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0)
        });
        if !allowed || !PHONE_DIGITS.contains(&digits) {
            return Err(FieldError::invalid(&text, EXPECTED));
        }
    }
    Ok(text)
}

/// Thư điện tử — empty, or one address `local@domain.tld`: no space, one `@`, a local part of at
/// most 64 characters, a domain of dot-separated labels (letters, digits, hyphens; not starting
/// or ending with a hyphen) with at least one dot. The domain is lowercased.
pub fn check_email(raw: &str) -> Result<String, FieldError> {
    const EXPECTED: &str = "một địa chỉ thư điện tử dạng ten@coquan.gov.vn";
    let Some(text) = line(raw, EMAIL_MAX_CHARS, false)? else {
        return Ok(String::new());
    };
    let refuse = || FieldError::invalid(&text, EXPECTED);
    let (local, domain) = text.split_once('@').ok_or_else(refuse)?;
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().count() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if !local_ok || !domain_ok {
        return Err(refuse());
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> IdentityInput {
        IdentityInput {
            name: "Cổng thông tin điện tử huyện Tân Uyên".into(),
            agency: "Huyện ủy Tân Uyên".into(),
            responsible: "Chánh Văn phòng Huyện ủy".into(),
            licence: "Giấy phép số 01/GP-TTĐT ngày 02/01/2020".into(),
            address: "Thị trấn Tân Uyên, huyện Tân Uyên, tỉnh Lai Châu".into(),
            phone: "0213 3780 000".into(),
            email: "vanphong@tanuyen.laichau.gov.vn".into(),
            note: String::new(),
        }
    }

    #[test]
    fn a_full_identity_passes_normalised() {
        let mut raw = input();
        raw.name = "  Cổng   thông tin ".into();
        raw.agency = "Huye\u{323}\u{302}n u\u{309}y".into();
        raw.email = "VanPhong@TanUyen.GOV.vn".into();
        let checked = check_identity(&raw).unwrap();
        assert_eq!(checked.name, "Cổng thông tin");
        assert_eq!(checked.agency, "Huyện ủy");
        assert_eq!(checked.email, "VanPhong@tanuyen.gov.vn");
    }

    #[test]
    fn only_the_name_is_required() {
        let raw = IdentityInput {
            name: "Cổng".into(),
            ..IdentityInput::default()
        };
        let checked = check_identity(&raw).unwrap();
        assert_eq!(checked.phone, "");
        let errors = check_identity(&IdentityInput::default()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "«Tên cơ quan (tên cổng)»: bắt buộc nhưng đang để trống."
        );
    }

    #[test]
    fn every_refusal_names_its_field() {
        let raw = IdentityInput {
            name: "x".repeat(201),
            phone: "0213-abc".into(),
            email: "vanphong.gov.vn".into(),
            address: "đ".repeat(301),
            ..input()
        };
        let errors = check_identity(&raw).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                IdentityField::Name,
                IdentityField::Address,
                IdentityField::Phone,
                IdentityField::Email
            ]
        );
        assert_eq!(
            errors[0].to_string(),
            "«Tên cơ quan (tên cổng)»: dài 201 ký tự, quá giới hạn 200 ký tự."
        );
        assert!(
            errors[2]
                .to_string()
                .starts_with("«Điện thoại»: «0213-abc» không hợp lệ")
        );
        assert!(errors[3].to_string().contains("ten@coquan.gov.vn"));
    }

    #[test]
    fn phones() {
        for ok in [
            "0213 3876 543",
            "+84 213 3876 543",
            "(0213) 3.876.543",
            "0213 3876 543, 0912 345 678",
        ] {
            assert_eq!(check_phone(ok).unwrap(), ok, "{ok}");
        }
        for bad in [
            "12345",
            "0213 3876 543 1234 5678",
            "84+213 387 6543",
            "0213 ext 5",
            "0213;;",
        ] {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
        assert_eq!(check_phone("   ").unwrap(), "");
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.vn",
            "van.phong+cong@so-tt.laichau.gov.vn",
            "thư@ví-dụ.vn",
        ] {
            assert!(check_email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "a@b",
            "@b.vn",
            "a@@b.vn",
            "a b@c.vn",
            "a@-b.vn",
            "a@b..vn",
            ".a@b.vn",
            "a@b.vn.",
            "<script>@x.vn",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        let long = format!("{}@b.vn", "a".repeat(65));
        assert!(check_email(&long).is_err());
    }

    proptest::proptest! {
        /// A checked identity passes its own check unchanged (what is stored reads back the same
        /// in the form), and every refusal names a field of the form.
        #[test]
        fn checking_twice_changes_nothing(
            name in "\\PC{0,210}",
            agency in "[a-zA-Zàáảãạđêệơưữ \\t]{0,40}",
            phone in "[0-9 .+()-]{0,30}",
            email in "[a-zA-Z0-9.@-]{0,30}",
        ) {
            let input = IdentityInput { name, agency, phone, email, ..IdentityInput::default() };
            match check_identity(&input) {
                Ok(checked) => proptest::prop_assert_eq!(check_identity(&checked), Ok(checked.clone())),
                Err(errors) => {
                    proptest::prop_assert!(!errors.is_empty());
                    for e in errors {
                        let named = e.to_string().starts_with(&format!("«{}»", e.field.label()));
                        proptest::prop_assert!(named, "{}", e);
                    }
                }
            }
        }
    }
}
