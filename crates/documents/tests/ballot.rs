//! The ballot paper: names in Vietnamese name order, user text printed literally, the right form.

mod support;

use daihoi_documents::election::ballot_paper;
use daihoi_domain::election::ElectionInput;

/// The PDF's text with every run of white space (line breaks included) made one space.
fn text_of(pdf: &[u8]) -> String {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("the PDF has extractable text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn golden_input() -> ElectionInput {
    serde_json::from_str(include_str!("data/golden-election.json")).expect("test data parses")
}

/// Positions of `names` in `text`, each searched after the previous one.
fn in_order(text: &str, names: &[&str]) -> bool {
    let mut from = 0;
    for name in names {
        match text[from..].find(name) {
            Some(at) => from += at + name.len(),
            None => return false,
        }
    }
    true
}

#[test]
fn ballot_lists_the_candidates_in_vietnamese_name_order() {
    let input = golden_input();
    let text =
        text_of(&daihoi_documents::render_ballot_pdf(&ballot_paper(&input)).expect("renders"));
    // By given name (the last word), whatever the input order: "@d" (punctuation sorts before
    // letters in ICU) < Ánh < Bình < Ước < Ỷ.
    let expected = [
        support::TRICKY_NAME,
        "Lò Văn Ánh",
        "Nguyễn Thị Bình",
        "Tòng Văn Ước",
        "Phạm Quốc Ỷ",
    ];
    assert!(in_order(&text, &expected), "order wrong in:\n{text}");
    assert!(text.contains("PHIẾU BẦU CỬ"));
    assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(
        text.contains("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ HUYỆN TÂN UYÊN"),
        "{text}"
    );
    assert!(text.contains("Bầu Ban Thường vụ Huyện ủy khóa XXIII"));
    assert!(text.contains("Tân Uyên, ngày 09 tháng 6 năm 2020"));
    assert!(text.contains("gạch ngang giữa cả họ và tên"));
    assert!(
        text.contains("cấp ủy triệu tập đại hội"),
        "the stamp area is labelled"
    );
    assert!(
        !text.contains("Đồng ý"),
        "a surplus ballot has no agree column"
    );
}

#[test]
fn ballot_without_surplus_has_agree_and_disagree_columns() {
    let mut input = golden_input();
    input.seats = 5;
    input.ballots.clear();
    let text =
        text_of(&daihoi_documents::render_ballot_pdf(&ballot_paper(&input)).expect("renders"));
    assert!(
        text.contains("Đồng ý") && text.contains("Không đồng ý"),
        "{text}"
    );
    assert!(
        !text.contains("gạch ngang"),
        "no striking on an agree/disagree ballot"
    );
    assert!(in_order(
        &text,
        &["Lò Văn Ánh", "Nguyễn Thị Bình", "Phạm Quốc Ỷ"]
    ));
}

#[test]
fn markup_characters_in_every_field_are_printed_literally() {
    let mut paper = support::sample_strike_ballot();
    paper.congress = r"Đại hội #set text(red) *đậm*".to_owned();
    paper.election = r"Bầu $x^2$ [chú] \ <nhãn> @ref _nghiêng_ // không phải chú thích".to_owned();
    paper.place_date = "Tân Uyên, #{ 1 + 1 }".to_owned();
    paper.instructions = vec!["`raw` = ~ -- ...".to_owned()];
    let text = text_of(&daihoi_documents::render_ballot_pdf(&paper).expect("renders"));
    for literal in [
        support::TRICKY_NAME,
        "#SET TEXT(RED) *ĐẬM*",
        r"Bầu $x^2$ [chú] \ <nhãn> @ref _nghiêng_ // không phải chú thích",
        "Tân Uyên, #{ 1 + 1 }",
        "`raw` = ~ -- ...",
    ] {
        assert!(
            text.contains(literal),
            "{literal:?} not printed literally in:\n{text}"
        );
    }
}

#[test]
fn two_people_with_the_same_name_are_told_apart_by_birth_date() {
    let input: ElectionInput = serde_json::from_str(
        r#"{ "rules": "party-2024", "seats": 1, "ballots": [], "ballots_issued": 0, "base": 3,
             "candidates": [{"name": "Lò Văn Ánh", "birth_date": "1985-03-11"},
                            {"name": "Lò Văn Ánh", "birth_date": "1978-05-02"}] }"#,
    )
    .expect("parses");
    let text =
        text_of(&daihoi_documents::render_ballot_pdf(&ballot_paper(&input)).expect("renders"));
    assert!(
        in_order(&text, &["sinh ngày 02/05/1978", "sinh ngày 11/03/1985"]),
        "{text}"
    );
}

/// Pages of a PDF, as `pdf-extract` reads them.
fn pages(pdf: &[u8]) -> usize {
    pdf_extract::extract_text_from_mem_by_pages(pdf)
        .expect("the PDF has extractable text")
        .len()
}

fn assert_one_sheet_with_header_and_stamp(pdf: &[u8], what: &str) {
    assert_eq!(pages(pdf), 1, "{what}: a stamped ballot is one sheet");
    let text = text_of(pdf);
    assert!(
        text.contains("PHIẾU BẦU CỬ") && text.contains("cấp ủy triệu tập đại hội"),
        "{what}: header and stamp box on the sheet:\n{text}"
    );
}

#[test]
fn every_list_up_to_sixty_names_fits_one_sheet_in_both_forms() {
    for n in [1, 12, 24, 25, 38, 39, 45, 60] {
        let pdf =
            daihoi_documents::render_ballot_pdf(&support::large_strike_ballot(n)).expect("renders");
        assert_one_sheet_with_header_and_stamp(&pdf, &format!("strike, {n} names"));
        let pdf = daihoi_documents::render_ballot_pdf(&support::long_names_strike_ballot(n))
            .expect("renders");
        assert_one_sheet_with_header_and_stamp(&pdf, &format!("strike, {n} long names"));
        let pdf =
            daihoi_documents::render_ballot_pdf(&support::large_agree_ballot(n)).expect("renders");
        assert_one_sheet_with_header_and_stamp(&pdf, &format!("agree, {n} names"));
        let text = text_of(&pdf);
        let last = format!("{n}");
        assert!(text.contains(&last), "the last line is printed");
    }
}

#[test]
fn a_list_too_long_for_one_sheet_is_refused_clearly() {
    let error = daihoi_documents::render_ballot_pdf(&support::large_strike_ballot(61))
        .expect_err("61 names do not fit");
    let message = error.to_string();
    assert!(
        matches!(
            error,
            daihoi_documents::DocumentError::BallotTooLong { count: 61, max: 60 }
        ),
        "{message}"
    );
    assert!(
        message.contains("61 người") && message.contains("một tờ"),
        "{message}"
    );
}

#[test]
fn party_delegates_ballot_says_the_official_delegates_are_voted_first() {
    let input = ElectionInput::from_json(
        r#"{ "rules": "party-2024", "kind": "delegates", "seats": 2, "alternates": 1, "base": 9,
             "candidates": [{"name": "Lò Văn Ánh"}, {"name": "Nguyễn Thị Bình"},
                            {"name": "Tẩn Láo Chản"}, {"name": "Vàng Thị Dung"}] }"#,
    )
    .expect("parses");
    let paper = ballot_paper(&input);
    assert!(
        paper.instructions[1].contains("Bầu 2 đại biểu chính thức trước")
            && paper.instructions[1].contains("nhiều hơn 2 tên")
            && paper.instructions[1].contains("dự khuyết"),
        "{:?}",
        paper.instructions
    );
    // Three names for 2 + 1 places is still a strike ballot under Điều 18.
    let mut three = input.clone();
    three.candidates.pop();
    assert_eq!(
        ballot_paper(&three).kind,
        daihoi_documents::BallotKind::Strike
    );
}
