//! Sample view models shared by the tests and the `samples` example.
#![allow(dead_code)]

use daihoi_documents::*;

/// Names carrying every typst markup character, to prove user text is never parsed as markup.
pub const TRICKY_NAME: &str = r"Hà #Thị* _Lan_ $x$ [a] \b <c> @d";

fn s(text: &str) -> String {
    text.to_owned()
}

pub fn committee() -> Vec<CommitteeMember> {
    vec![
        CommitteeMember {
            role: s("Trưởng ban"),
            name: s("Đặng Văn Hùng"),
            is_head: true,
        },
        CommitteeMember {
            role: s("Ủy viên"),
            name: s("Lường Thị Mai"),
            is_head: false,
        },
        CommitteeMember {
            role: s("Ủy viên"),
            name: String::new(),
            is_head: false,
        },
    ]
}

fn result(number: usize, name: &str, votes: &str, percent: &str, remark: &str) -> CandidateResult {
    CandidateResult {
        number: number.to_string(),
        name: s(name),
        votes: s(votes),
        percent: s(percent),
        remark: s(remark),
    }
}

/// The minutes of a small Party election: 3 seats, 5 candidates, a tie at the last seat.
pub fn sample_minutes() -> CountingMinutes {
    CountingMinutes {
        national: NationalHeader::Party,
        congress: s("Đại hội đại biểu Đảng bộ huyện Tân Uyên lần thứ XXIII, nhiệm kỳ 2020 - 2025"),
        place_date: s("Tân Uyên, ngày 09 tháng 6 năm 2020"),
        election: s("Bầu Ban Thường vụ Huyện ủy khóa XXIII"),
        legal_basis: vec![
            s("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"),
            s(
                "Căn cứ Quy chế bầu cử trong Đảng ban hành kèm theo Quyết định số 244-QĐ/TW ngày 09/6/2014 của Ban Chấp hành Trung ương,",
            ),
        ],
        committee: committee(),
        seats: s("3"),
        alternates: String::new(),
        candidate_count: s("5"),
        present: s("245"),
        absent: s("2"),
        count_started: s("14 giờ 30 phút"),
        threshold: Threshold {
            base_label: s("Tổng số đại biểu chính thức được triệu tập"),
            base: s("247"),
            votes_needed: s("124"),
        },
        ballots: BallotCounts {
            issued: s("245"),
            collected: s("245"),
            valid: s("242"),
            invalid: s("3"),
            invalid_by_reason: vec![
                ReasonCount {
                    reason: s("Để lại nhiều tên hơn số lượng cần bầu"),
                    count: s("2"),
                },
                ReasonCount {
                    reason: s("Phiếu không do Ban kiểm phiếu phát ra"),
                    count: s("1"),
                },
            ],
        },
        percent_basis: s("tỉ lệ % so với tổng số đại biểu chính thức được triệu tập"),
        candidates: vec![
            result(1, "Lò Văn Ánh", "201", "81,38%", "Trúng cử"),
            result(2, "Nguyễn Thị Bình", "150", "60,73%", "Bằng phiếu"),
            result(3, TRICKY_NAME, "150", "60,73%", "Bằng phiếu"),
            result(4, "Tòng Văn Ước", "98", "39,68%", ""),
            result(5, "Phạm Quốc Ỷ", "1.934", "100,00%", "Trúng cử"),
        ],
        elected: vec![
            result(1, "Phạm Quốc Ỷ", "1.934", "100,00%", "Trúng cử"),
            result(2, "Lò Văn Ánh", "201", "81,38%", "Trúng cử"),
        ],
        alternates_elected: vec![],
        ties: vec![s(
            "Các đồng chí Nguyễn Thị Bình, Hà #Thị* _Lan_ $x$ [a] \\b <c> @d có số phiếu bằng nhau (150 phiếu) ở vị trí trúng cử cuối cùng; theo quy chế, đại hội bầu lại giữa những người này.",
        )],
        open_places: vec![s(
            "Còn thiếu 1 người so với số lượng cần bầu; đề nghị đại hội xem xét bầu tiếp.",
        )],
        notes: vec![s("Số dư 66,67% vượt mức tối đa 30% số lượng cần bầu.")],
    }
}

/// A large election for timing: `n` candidates, `seats` seats.
pub fn large_minutes(n: usize, seats: usize) -> CountingMinutes {
    let mut m = sample_minutes();
    let names = [
        "Lò Văn Ánh",
        "Nguyễn Thị Bình",
        "Trần Đức Chính",
        "Lường Thị Ươm",
        "Hoàng Văn Ỷ",
    ];
    m.candidates = (0..n)
        .map(|i| {
            result(
                i + 1,
                &format!("{} {}", names[i % names.len()], i + 1),
                "150",
                "60,73%",
                "",
            )
        })
        .collect();
    m.elected = m.candidates.iter().take(seats).cloned().collect();
    m.seats = seats.to_string();
    m.candidate_count = n.to_string();
    m
}

fn line(number: usize, name: &str, note: &str) -> BallotLine {
    BallotLine {
        number: number.to_string(),
        name: s(name),
        note: s(note),
    }
}

/// A surplus ballot (strike names): 3 seats, 5 candidates, two with the same full name.
pub fn sample_strike_ballot() -> BallotPaper {
    BallotPaper {
        national: NationalHeader::Party,
        congress: s("Đại hội đại biểu Đảng bộ huyện Tân Uyên lần thứ XXIII, nhiệm kỳ 2020 - 2025"),
        election: s("Bầu Ban Thường vụ Huyện ủy khóa XXIII"),
        place_date: s("Tân Uyên, ngày 09 tháng 6 năm 2020"),
        kind: BallotKind::Strike,
        instructions: vec![
            s("Không bầu đồng chí nào thì gạch ngang giữa cả họ và tên của đồng chí đó."),
            s(
                "Số lượng cần bầu: 3. Phiếu để lại nhiều hơn 3 tên, hoặc gạch hết tất cả các tên, là phiếu không hợp lệ.",
            ),
        ],
        candidates: vec![
            line(1, "Lò Văn Ánh", "sinh ngày 02/5/1978"),
            line(2, "Lò Văn Ánh", "sinh ngày 11/3/1985"),
            line(3, "Nguyễn Thị Bình", ""),
            line(4, TRICKY_NAME, ""),
            line(5, "Tòng Văn Ước", ""),
        ],
    }
}

/// A no-surplus ballot (agree / disagree): 2 seats, 2 candidates.
pub fn sample_agree_ballot() -> BallotPaper {
    BallotPaper {
        national: NationalHeader::State,
        congress: s("Đại hội Công đoàn xã Phúc Khoa lần thứ V"),
        election: s("Bầu Chủ tịch và Phó Chủ tịch"),
        place_date: String::new(),
        kind: BallotKind::AgreeDisagree,
        instructions: vec![s(
            "Đánh dấu X vào ô “Đồng ý” hoặc ô “Không đồng ý” đối với từng người.",
        )],
        candidates: vec![line(1, "Lò Thị Ánh", ""), line(2, "Vàng A Sử", "")],
    }
}

/// The results workbook matching [`sample_minutes`].
pub fn sample_sheet() -> ResultSheet {
    ResultSheet {
        title: s("Kết quả bầu Ban Thường vụ Huyện ủy khóa XXIII"),
        summary: vec![
            SummaryRow {
                label: s("Số lượng cần bầu"),
                value: 3,
            },
            SummaryRow {
                label: s("Tổng số đại biểu chính thức được triệu tập"),
                value: 247,
            },
            SummaryRow {
                label: s("Số phiếu phát ra"),
                value: 245,
            },
            SummaryRow {
                label: s("Số phiếu thu vào"),
                value: 245,
            },
            SummaryRow {
                label: s("Số phiếu hợp lệ"),
                value: 242,
            },
            SummaryRow {
                label: s("Số phiếu không hợp lệ"),
                value: 3,
            },
        ],
        percent_label: s("Tỉ lệ % (so với số đại biểu được triệu tập)"),
        rows: vec![
            ResultRow {
                number: 1,
                name: s("Lò Văn Ánh"),
                votes: 201,
                percent: 81.38,
                outcome: s("Trúng cử"),
            },
            ResultRow {
                number: 2,
                name: s(TRICKY_NAME),
                votes: 150,
                percent: 60.73,
                outcome: String::new(),
            },
        ],
    }
}

/// A long surplus ballot: `n` candidates, two page columns.
pub fn large_strike_ballot(n: usize) -> BallotPaper {
    let mut paper = sample_strike_ballot();
    let names = [
        "Lò Văn Ánh",
        "Nguyễn Thị Bình",
        "Trần Đức Chính",
        "Lường Thị Ươm",
        "Hoàng Văn Ỷ",
    ];
    paper.candidates = (0..n)
        .map(|i| line(i + 1, &format!("{} {}", names[i % names.len()], i + 1), ""))
        .collect();
    paper
}

/// A long agree / disagree ballot: `n` candidates, each with a long name; every fifth carries a
/// namesake note.
pub fn large_agree_ballot(n: usize) -> BallotPaper {
    let mut paper = sample_strike_ballot();
    paper.kind = BallotKind::AgreeDisagree;
    paper.instructions = vec![
        s("Với từng người, đánh dấu X vào một trong hai ô “Đồng ý” hoặc “Không đồng ý”."),
        s(
            "Người được đánh dấu cả hai ô hoặc không được đánh dấu ô nào thì không được tính phiếu; phiếu vẫn hợp lệ.",
        ),
    ];
    paper.candidates = (0..n)
        .map(|i| {
            let note = if i % 5 == 0 {
                "sinh ngày 02/05/1978"
            } else {
                ""
            };
            line(i + 1, &long_name(i), note)
        })
        .collect();
    paper
}

/// A long strike ballot with long names (four or five words), every fifth with a namesake note.
pub fn long_names_strike_ballot(n: usize) -> BallotPaper {
    let mut paper = large_agree_ballot(n);
    paper.kind = BallotKind::Strike;
    paper.instructions = sample_strike_ballot().instructions;
    paper
}

fn long_name(i: usize) -> String {
    let names = [
        "Nguyễn Thị Phương Thảo",
        "Hoàng Thị Thanh Hương",
        "Tẩn Láo Chản",
        "Vàng A Sử",
        "Lường Văn Tuấn Khương",
        "Phạm Nguyễn Quốc Trưởng",
    ];
    format!("{} {}", names[i % names.len()], i + 1)
}
