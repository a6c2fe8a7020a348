//! From the election domain to the view models: which candidates in which order, which words
//! and which number formats. Every formatting and ordering decision of the printed documents is
//! made here, with `daihoi_domain::vn` (Vietnamese number and date formats, ICU `vi` name order).

use std::cmp::Ordering;

use daihoi_domain::election::{
    AlternatesVote, BallotForm, BallotInput, BaseKind, ElectionInput, InvalidReason, RuleSet,
    Tally, WarningCode, ballot_form, validate,
};
use daihoi_domain::vn;

use crate::model::{
    BallotCounts, BallotKind, BallotLine, BallotPaper, CandidateResult, CommitteeMember,
    CountingMinutes, NationalHeader, ReasonCount, ResultRow, ResultSheet, SummaryRow, Threshold,
};

/// Phiếu bầu of `input`: the candidates in Vietnamese name order (given name, family name,
/// middle name; ICU `vi`), the instructions for its form (strike out, or agree / disagree).
pub fn ballot_paper(input: &ElectionInput) -> BallotPaper {
    let rules = RuleSet::named(&input.rules);
    let official_first = input.alternates > 0
        && input.seats > 0
        && rules
            .as_ref()
            .is_some_and(|r| r.alternates_vote == AlternatesVote::OfficialFirst);
    let limit = match &rules {
        Some(rules) => rules.names_per_ballot(input.seats, input.alternates),
        None => input.seats.saturating_add(input.alternates),
    };
    let (kind, instructions) = match ballot_form(input) {
        BallotForm::Struck => {
            let mut instructions = vec![
                "Bầu người nào thì để nguyên họ và tên người đó; không bầu người nào thì gạch \
                 ngang giữa cả họ và tên người đó."
                    .to_owned(),
            ];
            if official_first {
                instructions.push(format!(
                    "Bầu {} đại biểu chính thức trước: phiếu để lại nhiều hơn {} tên, hoặc gạch \
                     hết tất cả các tên, là phiếu không hợp lệ. Những người trúng cử (quá một \
                     nửa) ngoài số chính thức là đại biểu dự khuyết theo số phiếu, lấy đủ {} \
                     người.",
                    fmt(input.seats),
                    fmt(limit),
                    fmt(input.alternates)
                ));
            } else {
                instructions.push(format!(
                    "Số lượng cần bầu: {}. Phiếu để lại nhiều hơn {} tên, hoặc gạch hết tất cả \
                     các tên, là phiếu không hợp lệ.",
                    places_text(input),
                    fmt(limit)
                ));
            }
            (BallotKind::Strike, instructions)
        }
        BallotForm::Marks => (
            BallotKind::AgreeDisagree,
            vec![
                "Với từng người, đánh dấu X vào một trong hai ô “Đồng ý” hoặc “Không đồng ý”."
                    .to_owned(),
                "Người được đánh dấu cả hai ô hoặc không được đánh dấu ô nào thì không được tính \
                 phiếu; phiếu vẫn hợp lệ."
                    .to_owned(),
            ],
        ),
    };
    let namesakes = input.namesakes();
    let candidates = ballot_order(input)
        .into_iter()
        .enumerate()
        .map(|(position, index)| BallotLine {
            number: fmt(position + 1),
            name: input.candidates[index].name.clone(),
            note: twin_note(&namesakes, input, index),
        })
        .collect();
    BallotPaper {
        national: national_header(&input.rules),
        congress: input.congress.clone().unwrap_or_default(),
        election: input.election.clone().unwrap_or_default(),
        place_date: input.place_date.clone().unwrap_or_default(),
        kind,
        instructions,
        candidates,
    }
}

/// Biên bản kiểm phiếu of `input` counted as `tally`.
pub fn counting_minutes(input: &ElectionInput, tally: &Tally) -> CountingMinutes {
    let rules = RuleSet::named(&input.rules);
    let order = ballot_order(input);
    let names = input.display_names();
    let candidates = order
        .iter()
        .enumerate()
        .map(|(position, &index)| result_row(tally, &names, position, index, remark(tally, index)))
        .collect();
    let in_vote_order = |indices: &[usize], remark: &str| {
        indices
            .iter()
            .enumerate()
            .map(|(position, &index)| result_row(tally, &names, position, index, remark.to_owned()))
            .collect::<Vec<_>>()
    };
    let mut ties = Vec::new();
    let mut open_places = Vec::new();
    let mut notes = Vec::new();
    for warning in &tally.warnings {
        match warning.code {
            WarningCode::TieForLastSeat | WarningCode::TieForLastAlternate => {
                ties.push(warning.message.clone())
            }
            WarningCode::SeatsOpen | WarningCode::AlternatesOpen => {
                open_places.push(warning.message.clone())
            }
            _ => notes.push(warning.message.clone()),
        }
    }
    CountingMinutes {
        national: national_header(&input.rules),
        congress: input.congress.clone().unwrap_or_default(),
        place_date: input.place_date.clone().unwrap_or_default(),
        election: input.election.clone().unwrap_or_default(),
        legal_basis: legal_basis(rules.as_ref()),
        committee: committee(input),
        seats: fmt(input.seats),
        alternates: if input.alternates > 0 {
            fmt(input.alternates)
        } else {
            String::new()
        },
        candidate_count: fmt(input.candidates.len()),
        present: input.present.map(fmt).unwrap_or_default(),
        absent: match (input.present, tally.threshold.base_kind, input.base) {
            (Some(present), BaseKind::Convened, Some(base)) if present <= base => {
                fmt(base - present)
            }
            _ => String::new(),
        },
        count_started: input
            .count_started
            .as_deref()
            .and_then(validate::parse_time)
            .map(|(h, m)| format!("{h} giờ {m:02} phút"))
            .unwrap_or_default(),
        threshold: Threshold {
            base_label: base_label(tally.threshold.base_kind).to_owned(),
            base: fmt(tally.threshold.base),
            votes_needed: match tally.threshold.base_kind {
                BaseKind::None => String::new(),
                _ => fmt(tally.threshold.votes_needed),
            },
        },
        ballots: BallotCounts {
            issued: fmt(tally.ballots_issued),
            collected: fmt(tally.ballots_collected),
            valid: fmt(tally.valid),
            invalid: fmt(tally.invalid),
            invalid_by_reason: tally
                .invalid_by_reason
                .iter()
                .map(|(&reason, &count)| ReasonCount {
                    reason: reason_text(input, reason),
                    count: fmt(count),
                })
                .collect(),
        },
        percent_basis: percent_basis(tally.threshold.base_kind).to_owned(),
        candidates,
        elected: in_vote_order(&tally.elected, "Trúng cử"),
        alternates_elected: in_vote_order(&tally.alternates, "Dự khuyết"),
        ties,
        open_places,
        notes,
    }
}

/// Bảng kết quả of `input` counted as `tally`: the counts and every candidate in ballot order.
pub fn result_sheet(input: &ElectionInput, tally: &Tally) -> ResultSheet {
    let mut summary = vec![SummaryRow {
        label: "Số lượng cần bầu".into(),
        value: input.seats.into(),
    }];
    if input.alternates > 0 {
        summary.push(SummaryRow {
            label: "Số đại biểu dự khuyết cần bầu".into(),
            value: input.alternates.into(),
        });
    }
    summary.push(SummaryRow {
        label: "Số người trong danh sách bầu cử".into(),
        value: input.candidates.len() as u64,
    });
    summary.push(SummaryRow {
        label: base_label(tally.threshold.base_kind).into(),
        value: tally.threshold.base.into(),
    });
    if tally.threshold.base_kind != BaseKind::None {
        summary.push(SummaryRow {
            label: "Số phiếu tối thiểu để trúng cử".into(),
            value: tally.threshold.votes_needed.into(),
        });
    }
    for (label, value) in [
        ("Số phiếu phát ra", tally.ballots_issued),
        ("Số phiếu thu vào", tally.ballots_collected),
        ("Số phiếu hợp lệ", tally.valid),
        ("Số phiếu không hợp lệ", tally.invalid),
    ] {
        summary.push(SummaryRow {
            label: label.into(),
            value: value.into(),
        });
    }
    for (&reason, &count) in &tally.invalid_by_reason {
        summary.push(SummaryRow {
            label: format!("Không hợp lệ: {}", reason.label_vi()),
            value: count.into(),
        });
    }
    let names = input.display_names();
    let rows = ballot_order(input)
        .into_iter()
        .enumerate()
        .map(|(position, index)| {
            let result = &tally.candidates[index];
            ResultRow {
                number: u32::try_from(position + 1).unwrap_or(u32::MAX),
                name: names[index].clone(),
                votes: result.votes.into(),
                percent: result.percent.hundredths as f64 / 100.0,
                outcome: outcome(tally, index).to_owned(),
            }
        })
        .collect();
    let title = match input.election.as_deref() {
        Some(election) if !election.trim().is_empty() => format!("Kết quả kiểm phiếu: {election}"),
        _ => "Kết quả kiểm phiếu".to_owned(),
    };
    ResultSheet {
        title,
        summary,
        percent_label: percent_column(tally.threshold.base_kind).to_owned(),
        rows,
    }
}

/// Indices into `input.candidates` in ballot order: Vietnamese name order, and for identical
/// full names the older person first (then input order).
pub fn ballot_order(input: &ElectionInput) -> Vec<usize> {
    let mut order: Vec<usize> = (0..input.candidates.len()).collect();
    order.sort_by(|&a, &b| {
        let (ca, cb) = (&input.candidates[a], &input.candidates[b]);
        vn::compare_person_names(&ca.name, &cb.name).then_with(|| {
            match (ca.birth_date, cb.birth_date) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        })
    });
    order
}

/// "sinh ngày 02/05/1978" when another candidate has the same full name, so voters can tell them
/// apart (state-election ballot guidance, election-rules.md §4).
fn twin_note(namesakes: &[bool], input: &ElectionInput, index: usize) -> String {
    match input.candidates[index].birth_date {
        Some(date) if namesakes[index] => format!("sinh ngày {}", vn::format_date(date)),
        _ => String::new(),
    }
}

/// "35", or "35 (trong đó 3 đại biểu dự khuyết)" style wording of the places on a ballot.
fn places_text(input: &ElectionInput) -> String {
    if input.alternates > 0 {
        format!(
            "{} đại biểu chính thức và {} đại biểu dự khuyết",
            fmt(input.seats),
            fmt(input.alternates)
        )
    } else {
        fmt(input.seats)
    }
}

fn result_row(
    tally: &Tally,
    names: &[String],
    position: usize,
    index: usize,
    remark: String,
) -> CandidateResult {
    let result = &tally.candidates[index];
    CandidateResult {
        number: fmt(position + 1),
        name: names[index].clone(),
        votes: fmt(result.votes),
        percent: vn::format_percent_hundredths(
            i64::try_from(result.percent.hundredths).unwrap_or(i64::MAX),
        ),
        remark,
    }
}

/// The remark of a candidate in the ballot-order table.
fn remark(tally: &Tally, index: usize) -> String {
    let tied = tally.tied_for_last_seat.contains(&index)
        || tally
            .tied_for_last_alternate
            .as_ref()
            .is_some_and(|t| t.contains(&index));
    if tied {
        "Bằng phiếu".to_owned()
    } else {
        outcome(tally, index).to_owned()
    }
}

/// "Trúng cử", "Dự khuyết" or nothing.
fn outcome(tally: &Tally, index: usize) -> &'static str {
    if tally.elected.contains(&index) {
        "Trúng cử"
    } else if tally.alternates.contains(&index) {
        "Dự khuyết"
    } else {
        ""
    }
}

/// Party rule sets print the Party header; every other one the state header (Công đoàn, hội
/// and state bodies use it, election-rules.md §4).
fn national_header(rules: &str) -> NationalHeader {
    if rules.starts_with("party") {
        NationalHeader::Party
    } else {
        NationalHeader::State
    }
}

fn legal_basis(rules: Option<&RuleSet>) -> Vec<String> {
    let Some(rules) = rules else {
        return vec!["Căn cứ quy chế bầu cử đã được đại hội thông qua;".to_owned()];
    };
    let mut basis = Vec::new();
    if rules.name.starts_with("party") {
        basis.push("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;".to_owned());
    }
    basis.push(format!("Căn cứ {} ({});", rules.title, rules.source));
    basis
}

/// The counting committee as it signs; without names in the input, a head and two members with
/// dotted lines to fill in by hand.
fn committee(input: &ElectionInput) -> Vec<CommitteeMember> {
    if input.counting_committee.is_empty() {
        return ["Trưởng ban", "Ủy viên", "Ủy viên"]
            .iter()
            .map(|role| CommitteeMember {
                role: (*role).to_owned(),
                name: String::new(),
                is_head: *role == "Trưởng ban",
            })
            .collect();
    }
    input
        .counting_committee
        .iter()
        .map(|member| {
            let role = member.role.clone().unwrap_or_else(|| "Ủy viên".to_owned());
            let is_head = vn::fold(&role).starts_with("truong ban");
            CommitteeMember {
                role,
                name: member.name.clone(),
                is_head,
            }
        })
        .collect()
}

fn base_label(kind: BaseKind) -> &'static str {
    match kind {
        BaseKind::Convened => "Tổng số đại biểu (đảng viên) chính thức được triệu tập",
        BaseKind::ValidBallots => "Cơ số tính kết quả: tổng số phiếu hợp lệ",
        BaseKind::BallotsCollected => "Cơ số tính kết quả: tổng số phiếu thu vào",
        BaseKind::None => "Cơ số tính tỉ lệ (không có ngưỡng trúng cử): tổng số phiếu hợp lệ",
    }
}

fn percent_basis(kind: BaseKind) -> &'static str {
    match kind {
        BaseKind::Convened => {
            "tỉ lệ % so với tổng số đại biểu (đảng viên) chính thức được triệu tập"
        }
        BaseKind::ValidBallots | BaseKind::None => "tỉ lệ % so với tổng số phiếu hợp lệ",
        BaseKind::BallotsCollected => "tỉ lệ % so với tổng số phiếu thu vào",
    }
}

fn percent_column(kind: BaseKind) -> &'static str {
    match kind {
        BaseKind::Convened => "Tỉ lệ % (so với số được triệu tập)",
        BaseKind::ValidBallots | BaseKind::None => "Tỉ lệ % (so với số phiếu hợp lệ)",
        BaseKind::BallotsCollected => "Tỉ lệ % (so với số phiếu thu vào)",
    }
}

/// Most distinct notes of `other` invalid ballots printed after the reason in the minutes; the
/// rest are counted ("và 12 ghi chú khác"). Each note is at most `MAX_TEXT_CHARS` long, so the
/// line stays a paragraph, whatever the number of ballots.
pub const MAX_PRINTED_NOTES: usize = 20;

/// The reason in words, capitalised; for `other`, the committee's distinct notes follow (the
/// first [`MAX_PRINTED_NOTES`], in ballot order, then how many more there are).
fn reason_text(input: &ElectionInput, reason: InvalidReason) -> String {
    let mut text = capitalise(reason.label_vi());
    if reason == InvalidReason::Other {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut notes: Vec<&str> = Vec::new();
        for ballot in &input.ballots {
            if let BallotInput::Invalid {
                reason: InvalidReason::Other,
                note: Some(note),
            } = ballot
            {
                let note = note.trim();
                if !note.is_empty() && seen.insert(note) && notes.len() < MAX_PRINTED_NOTES {
                    notes.push(note);
                }
            }
        }
        if !notes.is_empty() {
            text = format!("{text}: {}", notes.join("; "));
        }
        let more = seen.len() - notes.len();
        if more > 0 {
            text = format!("{text}; và {} ghi chú khác", fmt(more));
        }
    }
    text
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A count in Vietnamese format (`1.934`).
fn fmt(n: impl TryInto<i64>) -> String {
    vn::format_int(n.try_into().unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(json: &str) -> ElectionInput {
        serde_json::from_str(json).expect("test input parses")
    }

    /// The example of issue 3, with two people of the same name and a committee.
    fn example() -> ElectionInput {
        input(
            r#"{ "rules": "party-2024", "seats": 2, "alternates": 0, "base": 9, "ballots_issued": 9,
                 "congress": "Đại hội Chi bộ Bản Lướt", "election": "Bầu Chi ủy",
                 "candidates": [{"name": "Nguyễn Thị Bình", "birth_date": "1981-11-20"},
                                {"name": "Lò Văn Ánh", "birth_date": "1985-03-11"},
                                {"name": "Nguyễn Văn Ân"},
                                {"name": "Trần Văn An"},
                                {"name": "Lò Văn Ánh", "birth_date": "1978-05-02"}],
                 "counting_committee": [{"name": "Đặng Văn Hùng", "role": "Ủy viên"},
                                        {"name": "Lường Thị Mai", "role": "Trưởng ban"}],
                 "ballots": [ {"struck": [1, 2, 3]}, {"struck": [0, 2, 4]}, {"struck": [2, 3, 4]},
                              {"struck": [1, 2, 3, 4]}, {"invalid": "other", "note": "Rách đôi"},
                              {"invalid": "not_issued"} ] }"#,
        )
    }

    #[test]
    fn ballot_order_is_vietnamese_name_order_with_older_twin_first() {
        let input = example();
        let paper = ballot_paper(&input);
        let names: Vec<(&str, String)> = paper
            .candidates
            .iter()
            .map(|line| (line.name.as_str(), line.note.clone()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("Trần Văn An", String::new()),
                ("Lò Văn Ánh", "sinh ngày 02/05/1978".to_owned()),
                ("Lò Văn Ánh", "sinh ngày 11/03/1985".to_owned()),
                ("Nguyễn Văn Ân", String::new()),
                ("Nguyễn Thị Bình", String::new()),
            ]
        );
    }

    #[test]
    fn ballot_form_follows_the_surplus() {
        let surplus = example();
        let paper = ballot_paper(&surplus);
        assert_eq!(paper.kind, BallotKind::Strike);
        assert!(
            paper.instructions[1].contains("nhiều hơn 2 tên"),
            "{:?}",
            paper.instructions
        );
        assert_eq!(paper.national, NationalHeader::Party);

        let mut no_surplus = example();
        no_surplus.seats = 5;
        no_surplus.ballots.clear();
        let paper = ballot_paper(&no_surplus);
        assert_eq!(paper.kind, BallotKind::AgreeDisagree);
        assert!(paper.instructions[0].contains("Đồng ý"));
    }

    #[test]
    fn minutes_carry_formatted_counts_and_vote_order() {
        let input = example();
        let tally = daihoi_domain::election::tally(&input).expect("example counts");
        let minutes = counting_minutes(&input, &tally);
        assert_eq!(minutes.threshold.votes_needed, "5");
        assert_eq!(minutes.ballots.collected, "6");
        assert_eq!(minutes.ballots.valid, "4");
        assert_eq!(minutes.ballots.invalid, "2");
        let reasons: Vec<_> = minutes
            .ballots
            .invalid_by_reason
            .iter()
            .map(|r| r.reason.as_str())
            .collect();
        assert_eq!(
            reasons,
            vec![
                "Phiếu không do ban kiểm phiếu phát ra",
                "Lý do khác (ban kiểm phiếu kết luận): Rách đôi"
            ]
        );
        // Ballot order in the first table, as on the ballot.
        assert_eq!(minutes.candidates[0].name, "Trần Văn An");
        // Votes: Bình 3, Ánh (1985) 2, An 1, Ánh (1978) 1, Ân 0; 5 needed of base 9: no one.
        assert!(minutes.elected.is_empty());
        assert_eq!(minutes.candidates[4].votes, "3");
        assert_eq!(minutes.candidates[4].percent, "33,33%");
        assert_eq!(minutes.open_places.len(), 1, "{:?}", minutes.open_places);
        // The head signs on the right whatever the input order.
        assert!(
            minutes
                .committee
                .iter()
                .any(|m| m.is_head && m.name == "Lường Thị Mai")
        );
        assert!(
            minutes
                .committee
                .iter()
                .any(|m| !m.is_head && m.name == "Đặng Văn Hùng")
        );
        assert_eq!(
            minutes.legal_basis[0],
            "Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"
        );
    }

    #[test]
    fn result_sheet_keeps_numbers_as_numbers() {
        let input = example();
        let tally = daihoi_domain::election::tally(&input).expect("example counts");
        let sheet = result_sheet(&input, &tally);
        let bình = sheet
            .rows
            .iter()
            .find(|r| r.name == "Nguyễn Thị Bình")
            .expect("row");
        assert_eq!((bình.number, bình.votes), (5, 3));
        assert!((bình.percent - 33.33).abs() < 1e-9);
        let issued = sheet
            .summary
            .iter()
            .find(|r| r.label == "Số phiếu phát ra")
            .expect("row");
        assert_eq!(issued.value, 9);
    }

    #[test]
    fn namesakes_carry_their_birth_date_wherever_a_name_is_printed() {
        // Both Ánh pass with 3 votes of base 5 and tie for the one seat.
        let input = input(
            r#"{ "rules": "party-2024", "seats": 1, "base": 5, "ballots_issued": 5,
                 "candidates": [{"name": "Lò Văn Ánh", "birth_date": "1985-03-11"},
                                {"name": "Lò Văn Ánh", "birth_date": "1978-05-02"},
                                {"name": "Nguyễn Thị Bình"}],
                 "ballots": [{"struck": [1, 2]}, {"struck": [1, 2]}, {"struck": [1, 2]},
                             {"struck": [0, 2]}, {"struck": [0, 2]}] }"#,
        );
        let tally = daihoi_domain::election::tally(&input).expect("counts");
        assert_eq!(tally.elected, [0]);
        let minutes = counting_minutes(&input, &tally);
        let names: Vec<&str> = minutes.candidates.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Lò Văn Ánh (sinh ngày 02/05/1978)",
                "Lò Văn Ánh (sinh ngày 11/03/1985)",
                "Nguyễn Thị Bình"
            ]
        );
        assert_eq!(minutes.elected[0].name, "Lò Văn Ánh (sinh ngày 11/03/1985)");
        let sheet = result_sheet(&input, &tally);
        assert_eq!(sheet.rows[1].name, "Lò Văn Ánh (sinh ngày 11/03/1985)");
        assert_eq!(sheet.rows[2].name, "Nguyễn Thị Bình");

        // Three votes each: the tie warning names them with their birth dates.
        let mut tied = input.clone();
        tied.ballots
            .push(serde_json::from_str(r#"{"struck": [0, 2]}"#).unwrap());
        tied.ballots_issued = 6;
        tied.base = Some(5);
        let tally = daihoi_domain::election::tally(&tied).expect("counts");
        let minutes = counting_minutes(&tied, &tally);
        assert!(
            minutes.ties[0]
                .contains("Lò Văn Ánh (sinh ngày 11/03/1985), Lò Văn Ánh (sinh ngày 02/05/1978)"),
            "{:?}",
            minutes.ties
        );
    }

    /// 100.000 invalid ballots with different notes: the notes were compared with each other
    /// (quadratic) and joined into one paragraph of megabytes. Now the first
    /// [`MAX_PRINTED_NOTES`] are printed and the rest counted.
    #[test]
    fn many_notes_of_other_invalid_ballots_are_cut_to_a_short_line() {
        let mut input = example();
        input.ballots_issued = 200_000;
        input
            .ballots
            .extend((0..100_000).map(|i| BallotInput::Invalid {
                reason: InvalidReason::Other,
                note: Some(format!("Ghi chú số {i}")),
            }));
        // The same note twice counts once.
        input.ballots.push(BallotInput::Invalid {
            reason: InvalidReason::Other,
            note: Some(" Ghi chú số 7 ".into()),
        });
        let tally = daihoi_domain::election::tally(&input).expect("counts");
        let minutes = counting_minutes(&input, &tally);
        let other = minutes
            .ballots
            .invalid_by_reason
            .iter()
            .find(|r| r.reason.contains("Rách đôi"))
            .expect("the other reason");
        assert_eq!(
            other.reason.matches("; ").count(),
            MAX_PRINTED_NOTES,
            "{}",
            other.reason
        );
        assert!(
            other.reason.ends_with("; và 99.981 ghi chú khác"),
            "{}",
            other.reason
        );
        assert!(other.reason.len() < 1_000);
        assert_eq!(other.count, "100.002");
    }

    #[test]
    fn minutes_carry_those_present_and_the_time_the_count_started() {
        let mut input = example();
        let tally = daihoi_domain::election::tally(&input).expect("counts");
        let minutes = counting_minutes(&input, &tally);
        assert_eq!(
            (
                minutes.present.as_str(),
                minutes.absent.as_str(),
                minutes.count_started.as_str()
            ),
            ("", "", "")
        );
        input.present = Some(8);
        input.count_started = Some("9:05".into());
        let minutes = counting_minutes(&input, &tally);
        assert_eq!(minutes.present, "8");
        assert_eq!(minutes.absent, "1");
        assert_eq!(minutes.count_started, "9 giờ 05 phút");
    }
}
