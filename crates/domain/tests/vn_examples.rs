//! The `vn` API as other crates use it, through the re-exports at `daihoi_domain::vn`.

use std::cmp::Ordering;

use chrono::{NaiveDate, TimeZone, Utc};
use daihoi_domain::vn::{self, DEFAULT_TIME_ZONE};

#[test]
fn seed_figures_format_like_the_portal() {
    assert_eq!(vn::format_int(62_883_393), "62.883.393");
    assert_eq!(vn::format_int(1_934), "1.934");
    let women = vn::percent_hundredths(6, 35).unwrap();
    assert_eq!(vn::format_percent_hundredths(women), "17,14%");
    let under_40 = vn::percent_hundredths(11, 35).unwrap();
    assert_eq!(vn::format_percent_hundredths(under_40), "31,43%");
    let threshold = vn::percent_hundredths(124, 247).unwrap();
    assert_eq!(vn::format_percent_hundredths(threshold), "50,20%");
}

#[test]
fn congress_dates_format_like_documents() {
    let opening = NaiveDate::from_ymd_opt(2020, 6, 8).unwrap();
    assert_eq!(vn::format_date(opening), "08/06/2020");
    assert_eq!(vn::format_date_long(opening), "ngày 08 tháng 6 năm 2020");
    let at = Utc.with_ymd_and_hms(2020, 6, 8, 7, 5, 0).unwrap();
    assert_eq!(
        vn::format_datetime(at.with_timezone(&DEFAULT_TIME_ZONE)),
        "08/06/2020 14:05"
    );
    assert_eq!(DEFAULT_TIME_ZONE.name(), "Asia/Ho_Chi_Minh");
}

#[test]
fn search_and_slugs_ignore_diacritics() {
    assert_eq!(vn::fold("Đại hội Điểm"), "dai hoi diem");
    assert!(vn::fold("Tân Uyên: Sẵn sàng cho công tác Đại hội điểm").contains("dai hoi"));
    assert_eq!(
        vn::slugify("Tân Uyên: Sẵn sàng cho công tác Đại hội điểm"),
        "tan-uyen-san-sang-cho-cong-tac-dai-hoi-diem"
    );
}

#[test]
fn ballot_names_sort_by_given_name() {
    let mut names = vec!["Nguyễn Thị Bình", "Lò Văn Ánh"];
    vn::sort_person_names(&mut names, |n| n);
    assert_eq!(names, vec!["Lò Văn Ánh", "Nguyễn Thị Bình"]);
    assert_eq!(vn::compare_vi("Dũng", "Đức"), Ordering::Less);
    assert_eq!(
        vn::compare_person_names("Đỗ Thị Ánh", "Lò Văn Ánh"),
        Ordering::Less
    );
}
