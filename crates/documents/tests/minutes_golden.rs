//! Golden test of the counting minutes: the election in `data/golden-election.json` is counted by
//! the domain, printed, and the text extracted from the PDF must equal `golden/minutes.txt`.
//!
//! After an intended change of the minutes, look at the PDF, then rewrite the expected text with
//! `UPDATE_GOLDEN=1 cargo test -p daihoi-documents --test minutes_golden` and review the diff.

use daihoi_documents::election::counting_minutes;
use daihoi_domain::election::{ElectionInput, tally};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/minutes.txt");

/// Extracted text with trailing spaces and runs of blank lines removed, so that the comparison
/// is about words and their order.
fn normalised_text(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("the PDF has extractable text");
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank = true;
            continue;
        }
        if blank && !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn golden_minutes_text() -> String {
    let input: ElectionInput =
        serde_json::from_str(include_str!("data/golden-election.json")).expect("test data parses");
    let result = tally(&input).expect("the test election counts");
    let pdf = daihoi_documents::render_minutes_pdf(&counting_minutes(&input, &result))
        .expect("the minutes render");
    normalised_text(&pdf)
}

#[test]
fn minutes_text_matches_the_golden_file() {
    let actual = golden_minutes_text();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(GOLDEN, &actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(GOLDEN).expect("golden file present");
    if actual != expected {
        let first_difference = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "minutes text differs from {GOLDEN} at line {}:\n--- actual ---\n{actual}",
            first_difference + 1
        );
    }
}

#[test]
fn minutes_hold_what_the_rules_ask_for() {
    // Independent of the golden file: the content items of election-rules.md §1h.
    let text = golden_minutes_text();
    for item in [
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BAN KIỂM PHIẾU",
        "Tân Uyên, ngày 09 tháng 6 năm 2020",
        "BIÊN BẢN KIỂM PHIẾU",
        "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "Quyết định 244-QĐ/TW",
        "Đặng Văn Hùng",
        "Vàng A [Sử]*",
        "Tổng số đại biểu (đảng viên) chính thức được triệu tập",
        "Số phiếu phát ra",
        "Số phiếu thu vào",
        "Số phiếu hợp lệ",
        "Số phiếu không hợp lệ",
        "Phiếu không do ban kiểm phiếu phát ra",
        "Phiếu bị rách [góc] @trái #1",
        "71,43%",
        "Bằng phiếu ở chỗ trúng cử cuối cùng",
        "Còn 1/3 chỗ chưa có người trúng cử",
        "TRƯỞNG BAN KIỂM PHIẾU",
        r"Hà #Thị* _Lan_ $x$ [a] \b <c> @d",
    ] {
        assert!(
            text.contains(item),
            "{item:?} missing from the minutes:\n{text}"
        );
    }
    // The elected in vote order: Ánh (15) before Ỷ (14), after the ballot-order table.
    let elected_at = text.find("NHỮNG NGƯỜI TRÚNG CỬ").expect("section IV");
    let after = &text[elected_at..];
    let anh = after.find("Lò Văn Ánh").expect("Ánh elected");
    let y = after.find("Phạm Quốc Ỷ").expect("Ỷ elected");
    assert!(anh < y, "vote order in section IV");
}

#[test]
fn minutes_print_those_present_and_the_time_the_count_started() {
    let mut input: ElectionInput =
        serde_json::from_str(include_str!("data/golden-election.json")).expect("test data parses");
    input.present = Some(20);
    input.count_started = Some("14:30".into());
    let result = tally(&input).expect("the test election counts");
    let pdf = daihoi_documents::render_minutes_pdf(&counting_minutes(&input, &result))
        .expect("the minutes render");
    let text = normalised_text(&pdf);
    for item in [
        "Số có mặt khi bầu cử: 20",
        "Số vắng mặt: 1",
        "bắt đầu kiểm phiếu lúc 14 giờ 30 phút",
    ] {
        assert!(text.contains(item), "{item:?} missing from:\n{text}");
    }
}
