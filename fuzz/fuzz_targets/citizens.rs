//! The citizens' sections' untrusted input: the week in `/lich-cong-tac/{yyyy}-W{ww}`, the
//! public form of «Hỏi đáp» / «Liên hệ» (name, contact, subject, text, form ticket) and the
//! administration's schedule entry. The text is cut at U+001F into the fields. Must hold: no
//! panic; a week read back is written the same way up to the `W`'s case and zero padding, lies in
//! 2000–2100 and holds its seven days; an accepted message is within every cap; a ticket verifies
//! only as issued.
#![no_main]

use daihoi_domain::citizen::{
    CitizenForm, CitizenInput, MAX_LINKS, MAX_NAME, MAX_SUBJECT, MAX_TEXT, check_message,
    count_links,
};
use daihoi_domain::schedule::{ScheduleInput, WeekId, check_entry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(week) = WeekId::parse(text) {
        assert_eq!(WeekId::parse(&week.to_string()), Ok(week));
        assert!((2000..=2100).contains(&week.year()));
        let days = week.days();
        assert!(days.iter().all(|d| WeekId::of(*d) == week));
    }
    let f: Vec<&str> = text.split('\u{1f}').collect();
    let at = |i: usize| f.get(i).copied().unwrap_or("").to_owned();
    let input = CitizenInput {
        name: at(0),
        contact: at(1),
        subject: at(2),
        text: at(3),
    };
    for form in [CitizenForm::Question, CitizenForm::Contact] {
        match check_message(form, &input) {
            Ok(m) => {
                assert!(!m.name.is_empty() && m.name.chars().count() <= MAX_NAME);
                assert!(!m.subject.is_empty() && m.subject.chars().count() <= MAX_SUBJECT);
                assert!(!m.text.is_empty() && m.text.chars().count() <= MAX_TEXT);
                assert!(count_links(&input.subject) + count_links(&input.text) <= MAX_LINKS);
            }
            Err(errors) => assert!(!errors.is_empty()),
        }
    }
    let secret = b"fuzz-secret-fuzz-secret-fuzz-sec";
    if let Some(served) = daihoi_web::kernel::csrf::verify_stamped(secret, "hoi-dap", &at(4)) {
        assert_eq!(
            daihoi_web::kernel::csrf::issue_stamped(secret, "hoi-dap", served),
            at(4).trim()
        );
    }
    let _ = check_entry(&ScheduleInput {
        day: at(0),
        part: at(1),
        time: at(2),
        content: at(3),
        location: at(4),
        attendees: at(5),
        preparer: at(6),
        note: at(7),
    });
});
