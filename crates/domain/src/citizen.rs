//! Ý kiến công dân — what citizens send the portal: a question for «Hỏi đáp» and a message for
//! «Liên hệ». One form shape (name, contact, subject, text) with one set of checks, and the
//! rules that keep automated posts out without a third-party service (decision 0015):
//!
//! - **length caps** on every field ([`MAX_NAME`], [`MAX_CONTACT`], [`MAX_SUBJECT`],
//!   [`MAX_TEXT`]) and a cap on links ([`MAX_LINKS`]), checked here;
//! - a **honeypot**: a field a person never sees or fills ([`HONEYPOT_FIELD`]);
//! - a **form ticket**: the time the form was served, signed by the web layer with the site's
//!   secret; a post sooner than [`MIN_FILL_TIME`] after it (no person types a question that
//!   fast) or later than [`MAX_FORM_AGE`] is refused ([`check_ticket_age`]).
//!
//! The contact (e-mail or phone) is kept for the reply and never shown publicly; that rule lives
//! where pages are built, this module only checks its shape.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};

use crate::congress::field::{FieldError, line};
use crate::schedule::{FormErrors, sentence, text_block};

/// Longest name, in characters.
pub const MAX_NAME: usize = 100;
/// Longest contact (an e-mail address or a phone number), in characters.
pub const MAX_CONTACT: usize = 254;
/// Longest subject, in characters.
pub const MAX_SUBJECT: usize = 200;
/// Longest question or message, in characters.
pub const MAX_TEXT: usize = 5_000;
/// Most links (`http://`, `https://`, `www.`) a subject and text may hold together.
pub const MAX_LINKS: usize = 2;
/// The honeypot's field name: a text input hidden from people (and from screen readers); bots
/// that fill every field fill it.
pub const HONEYPOT_FIELD: &str = "website";
/// A post sooner than this after the form was served is refused.
pub const MIN_FILL_TIME: TimeDelta = TimeDelta::seconds(3);
/// A form served longer ago than this is refused (the person reloads it; what they typed is
/// kept on the page).
pub const MAX_FORM_AGE: TimeDelta = TimeDelta::hours(6);

/// Loại biểu mẫu — which form a post belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CitizenForm {
    /// Gửi câu hỏi (Hỏi đáp).
    Question,
    /// Liên hệ.
    Contact,
}

impl CitizenForm {
    /// A short name, part of what the form ticket signs (a ticket of one form does not open the
    /// other).
    pub fn as_str(self) -> &'static str {
        match self {
            CitizenForm::Question => "hoi-dap",
            CitizenForm::Contact => "lien-he",
        }
    }

    /// The label of the text field ("Câu hỏi", "Nội dung").
    pub fn text_label(self) -> &'static str {
        match self {
            CitizenForm::Question => "Câu hỏi",
            CitizenForm::Contact => "Nội dung",
        }
    }
}

/// Thông tin liên hệ — how to answer the sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// An e-mail address (as typed, trimmed).
    Email(String),
    /// A phone number, its digits (with a leading `+` if typed).
    Phone(String),
}

impl Contact {
    /// The stored text.
    pub fn as_str(&self) -> &str {
        match self {
            Contact::Email(s) | Contact::Phone(s) => s,
        }
    }
}

/// Reads an e-mail address (`ten@mien.vn`) or a phone number (8 to 15 digits, spaces, dots,
/// dashes and brackets allowed between them, `+` in front).
pub fn parse_contact(raw: &str) -> Result<Contact, FieldError> {
    const EXPECTED: &str =
        "một địa chỉ thư điện tử (ví dụ ten@mien.vn) hoặc một số điện thoại (ví dụ 0213 3876 543)";
    let text = line(raw, MAX_CONTACT, true)?.unwrap_or_default();
    if text.contains('@') {
        let (local, domain) = text.rsplit_once('@').unwrap_or(("", ""));
        let ok = !local.is_empty()
            && local.len() <= 64
            && !text.contains(' ')
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            && !local
                .chars()
                .any(|c| c.is_control() || "<>()[]\\,;:\"".contains(c));
        return if ok {
            Ok(Contact::Email(text))
        } else {
            Err(FieldError::invalid(&text, EXPECTED))
        };
    }
    let mut digits = String::new();
    for (i, c) in text.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => digits.push(c),
            ' ' | '.' | '-' | '(' | ')' => {}
            _ => return Err(FieldError::invalid(&text, EXPECTED)),
        }
    }
    let count = digits.trim_start_matches('+').len();
    if (8..=15).contains(&count) {
        Ok(Contact::Phone(digits))
    } else {
        Err(FieldError::invalid(&text, EXPECTED))
    }
}

/// Số liên kết — how many links a text holds (`http://`, `https://` and `www.`, any case; a
/// `www.` right after `://` counts once).
pub fn count_links(text: &str) -> usize {
    let lower = text.to_lowercase();
    let schemes = lower.matches("http://").count() + lower.matches("https://").count();
    let www = lower.matches("www.").count() - lower.matches("://www.").count();
    schemes + www
}

/// Biểu mẫu gửi lên — the fields of a question or a message as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CitizenInput {
    /// Họ và tên.
    pub name: String,
    /// Thư điện tử hoặc số điện thoại.
    pub contact: String,
    /// Tiêu đề.
    pub subject: String,
    /// Câu hỏi / nội dung.
    pub text: String,
}

/// Ý kiến đã kiểm tra — a question or message ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitizenMessage {
    /// Name, one line.
    pub name: String,
    /// Contact.
    pub contact: Contact,
    /// Subject, one line.
    pub subject: String,
    /// The question or message, lines kept.
    pub text: String,
}

/// Checks a question or message; each refusal names its field (`name`, `contact`, `subject`,
/// `text`) with a Vietnamese sentence.
pub fn check_message(
    form: CitizenForm,
    input: &CitizenInput,
) -> Result<CitizenMessage, FormErrors> {
    let mut errors = FormErrors::new();
    let name = match line(&input.name, MAX_NAME, true) {
        Ok(v) => v.unwrap_or_default(),
        Err(e) => {
            errors.push(("name", sentence("Họ và tên", &e)));
            String::new()
        }
    };
    let contact = match parse_contact(&input.contact) {
        Ok(c) => Some(c),
        Err(e) => {
            errors.push(("contact", sentence("Thư điện tử hoặc số điện thoại", &e)));
            None
        }
    };
    let subject = match line(&input.subject, MAX_SUBJECT, true) {
        Ok(v) => v.unwrap_or_default(),
        Err(e) => {
            errors.push(("subject", sentence("Tiêu đề", &e)));
            String::new()
        }
    };
    let text = match text_block(&input.text, MAX_TEXT, true) {
        Ok(v) => v,
        Err(e) => {
            errors.push(("text", sentence(form.text_label(), &e)));
            String::new()
        }
    };
    let links = count_links(&input.subject) + count_links(&input.text);
    if links > MAX_LINKS {
        errors.push((
            "text",
            format!(
                "{}: có {links} đường liên kết, nhiều nhất được {MAX_LINKS}. Vui lòng bớt liên kết rồi gửi lại.",
                form.text_label()
            ),
        ));
    }
    match contact {
        Some(contact) if errors.is_empty() => Ok(CitizenMessage {
            name,
            contact,
            subject,
            text,
        }),
        _ => Err(errors),
    }
}

/// Vì sao vé biểu mẫu bị từ chối — why a form ticket is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketRefusal {
    /// The ticket is missing or its signature does not verify.
    Invalid,
    /// Posted sooner than [`MIN_FILL_TIME`] after the form was served (or dated in the future).
    TooFast,
    /// The form was served longer ago than [`MAX_FORM_AGE`].
    Expired,
    /// The honeypot field was filled.
    Honeypot,
}

impl TicketRefusal {
    /// A stable code (tests, logs).
    pub fn code(self) -> &'static str {
        match self {
            TicketRefusal::Invalid => "invalid_ticket",
            TicketRefusal::TooFast => "too_fast",
            TicketRefusal::Expired => "expired",
            TicketRefusal::Honeypot => "honeypot",
        }
    }
}

impl fmt::Display for TicketRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TicketRefusal::Invalid => "Chưa gửi được: mã xác nhận của biểu mẫu bị thiếu hoặc không đúng. Nội dung bạn đã nhập vẫn còn dưới đây; vui lòng bấm «Gửi» lại.",
            TicketRefusal::TooFast => "Chưa gửi được: biểu mẫu được gửi quá nhanh sau khi mở trang, giống thao tác của máy. Nội dung bạn đã nhập vẫn còn dưới đây; vui lòng kiểm tra lại rồi bấm «Gửi» sau vài giây.",
            TicketRefusal::Expired => "Chưa gửi được: trang biểu mẫu đã mở quá lâu (hơn 6 giờ). Nội dung bạn đã nhập vẫn còn dưới đây; vui lòng bấm «Gửi» lại.",
            TicketRefusal::Honeypot => "Chưa gửi được: ô «Để trống ô này» (ô ẩn dùng để chặn thư rác) đã có nội dung. Nếu bạn là người gửi, hãy xoá nội dung ô đó rồi gửi lại.",
        })
    }
}

/// Checks the age of a form served at `served_at` and posted at `now`.
pub fn check_ticket_age(served_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), TicketRefusal> {
    let age = now - served_at;
    if age < MIN_FILL_TIME {
        Err(TicketRefusal::TooFast)
    } else if age > MAX_FORM_AGE {
        Err(TicketRefusal::Expired)
    } else {
        Ok(())
    }
}

/// Trạng thái câu hỏi — where a question stands in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuestionStatus {
    /// Chờ duyệt — received, not public.
    Pending,
    /// Đã đăng — answered and published.
    Published,
    /// Từ chối — not to be published.
    Rejected,
}

impl QuestionStatus {
    /// Every status, in the order the administration lists them.
    pub const ALL: [QuestionStatus; 3] = [
        QuestionStatus::Pending,
        QuestionStatus::Published,
        QuestionStatus::Rejected,
    ];

    /// The stored name (`pending`, `published`, `rejected`).
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionStatus::Pending => "pending",
            QuestionStatus::Published => "published",
            QuestionStatus::Rejected => "rejected",
        }
    }

    /// Reads the stored name.
    pub fn parse(raw: &str) -> Option<QuestionStatus> {
        QuestionStatus::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// "Chờ duyệt", "Đã đăng", "Từ chối".
    pub fn label(self) -> &'static str {
        match self {
            QuestionStatus::Pending => "Chờ duyệt",
            QuestionStatus::Published => "Đã đăng",
            QuestionStatus::Rejected => "Từ chối",
        }
    }
}

/// Longest answer, in characters.
pub const MAX_ANSWER: usize = 20_000;

/// Checks an answer: required to publish, at most [`MAX_ANSWER`] characters, lines kept.
pub fn check_answer(raw: &str, required: bool) -> Result<String, String> {
    text_block(raw, MAX_ANSWER, required).map_err(|e| sentence("Câu trả lời", &e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn input() -> CitizenInput {
        CitizenInput {
            name: " Lò Văn  Minh ".into(),
            contact: "0213 3876 543".into(),
            subject: "Thủ tục cấp đổi giấy tờ".into(),
            text: "Xin hỏi hồ sơ gồm những gì?\nCảm ơn.".into(),
        }
    }

    #[test]
    fn a_good_question_is_kept_with_its_lines() {
        let m = check_message(CitizenForm::Question, &input()).unwrap();
        assert_eq!(m.name, "Lò Văn Minh");
        assert_eq!(m.contact, Contact::Phone("02133876543".into()));
        assert_eq!(m.text, "Xin hỏi hồ sơ gồm những gì?\nCảm ơn.");
    }

    #[test]
    fn contacts_are_an_email_or_a_phone() {
        assert_eq!(
            parse_contact("minh@laichau.gov.vn").unwrap(),
            Contact::Email("minh@laichau.gov.vn".into())
        );
        assert_eq!(
            parse_contact("+84 (213) 387-6543").unwrap(),
            Contact::Phone("+842133876543".into())
        );
        for bad in [
            "minh@",
            "@x.vn",
            "minh@x",
            "minh x@x.vn",
            "a@b@c.vn",
            "123",
            "0213abc",
            "x@.vn",
            "x@a..vn",
        ] {
            assert!(parse_contact(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_contact(" "), Err(FieldError::Missing));
    }

    #[test]
    fn refusals_name_the_field_in_vietnamese() {
        let long = CitizenInput {
            name: String::new(),
            contact: "không có".into(),
            subject: "x".repeat(MAX_SUBJECT + 1),
            text: "y".repeat(MAX_TEXT + 1),
        };
        let errors = check_message(CitizenForm::Question, &long).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.0).collect();
        assert_eq!(fields, ["name", "contact", "subject", "text"]);
        assert_eq!(errors[0].1, "Họ và tên: bắt buộc nhưng đang để trống.");
        assert!(
            errors[1]
                .1
                .starts_with("Thư điện tử hoặc số điện thoại: «không có» không hợp lệ")
        );
        assert_eq!(
            errors[2].1,
            "Tiêu đề: dài 201 ký tự, quá giới hạn 200 ký tự."
        );
        assert_eq!(
            errors[3].1,
            "Câu hỏi: dài 5.001 ký tự, quá giới hạn 5.000 ký tự."
        );
        let errors = check_message(
            CitizenForm::Contact,
            &CitizenInput {
                text: String::new(),
                ..input()
            },
        )
        .unwrap_err();
        assert_eq!(
            errors,
            vec![("text", "Nội dung: bắt buộc nhưng đang để trống.".to_owned())]
        );
    }

    #[test]
    fn links_are_capped() {
        assert_eq!(
            count_links("xem https://www.a.vn và http://b.vn, www.c.vn"),
            3
        );
        assert_eq!(count_links("HTTPS://A.VN"), 1);
        assert_eq!(count_links("không có liên kết"), 0);
        let spam = CitizenInput {
            text: "mua ngay https://a.example https://b.example".into(),
            subject: "www.c.example".into(),
            ..input()
        };
        let errors = check_message(CitizenForm::Question, &spam).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .1
                .contains("có 3 đường liên kết, nhiều nhất được 2"),
            "{}",
            errors[0].1
        );
        let two = CitizenInput {
            text: "https://a.example https://b.example".into(),
            ..input()
        };
        assert!(check_message(CitizenForm::Question, &two).is_ok());
    }

    #[test]
    fn the_ticket_must_be_between_three_seconds_and_six_hours_old() {
        let served = Utc.with_ymd_and_hms(2026, 1, 26, 1, 0, 0).unwrap();
        let at = |s: i64| served + TimeDelta::seconds(s);
        assert_eq!(check_ticket_age(served, at(0)), Err(TicketRefusal::TooFast));
        assert_eq!(check_ticket_age(served, at(2)), Err(TicketRefusal::TooFast));
        assert_eq!(
            check_ticket_age(served, at(-60)),
            Err(TicketRefusal::TooFast)
        );
        assert_eq!(check_ticket_age(served, at(3)), Ok(()));
        assert_eq!(check_ticket_age(served, at(6 * 3600)), Ok(()));
        assert_eq!(
            check_ticket_age(served, at(6 * 3600 + 1)),
            Err(TicketRefusal::Expired)
        );
        assert!(TicketRefusal::TooFast.to_string().contains("quá nhanh"));
        assert!(
            TicketRefusal::Honeypot
                .to_string()
                .contains("Để trống ô này")
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in QuestionStatus::ALL {
            assert_eq!(QuestionStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(QuestionStatus::parse("x"), None);
        assert_eq!(
            check_answer("", true).unwrap_err(),
            "Câu trả lời: bắt buộc nhưng đang để trống."
        );
        assert_eq!(check_answer("", false).unwrap(), "");
    }
}
