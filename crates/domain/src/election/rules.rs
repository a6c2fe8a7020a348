//! Quy chế bầu cử — election rule sets as data.
//!
//! Each rule set names the threshold base, the tie policy at the last seat, the surplus limits
//! and the invalid-ballot reason codes. The tally reads a [`RuleSet`]; nothing in the tally
//! branches on a rule set's name.

use serde::{Deserialize, Serialize};

/// Cơ số tính kết quả — what the "more than half" threshold is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaseKind {
    /// Tổng số đại biểu (đảng viên) chính thức được triệu tập, after the deductions the rules
    /// name. The number is given in the input as `base`.
    Convened,
    /// Số phiếu hợp lệ — valid ballots (state elections).
    ValidBallots,
    /// Số phiếu thu vào — ballots collected, valid and invalid together (Đoàn practice).
    BallotsCollected,
    /// Không có ngưỡng — no threshold (plurality): at least one vote is enough to be ranked.
    None,
}

impl BaseKind {
    /// Vietnamese description of the base, for listings and documents.
    pub fn label_vi(self) -> &'static str {
        match self {
            BaseKind::Convened => {
                "quá một nửa tổng số đại biểu (đảng viên) chính thức được triệu tập"
            }
            BaseKind::ValidBallots => "quá một nửa tổng số phiếu bầu hợp lệ",
            BaseKind::BallotsCollected => "quá một nửa tổng số phiếu thu vào (kể cả không hợp lệ)",
            BaseKind::None => "không có ngưỡng: nhiều phiếu hơn thì trúng cử (ít nhất 1 phiếu)",
        }
    }

    /// The code used in JSON (`convened`, `valid_ballots`, `ballots_collected`, `none`).
    pub fn code(self) -> &'static str {
        match self {
            BaseKind::Convened => "convened",
            BaseKind::ValidBallots => "valid_ballots",
            BaseKind::BallotsCollected => "ballots_collected",
            BaseKind::None => "none",
        }
    }
}

/// Cách xử lý khi bằng phiếu ở chỗ cuối — what happens when candidates with equal votes straddle
/// the last seat (or the last alternate place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TiePolicy {
    /// Bầu lại trong số những người bằng phiếu — the tied are listed, their seats stay open and
    /// the congress votes again among them.
    RevoteAmongTied,
    /// Người nhiều tuổi hơn trúng cử — the older candidate (earlier birth date) wins; equal or
    /// missing birth dates leave the tie reported.
    OlderWins,
    /// Chỉ báo cáo — the tie is reported and the congress decides.
    ReportOnly,
}

impl TiePolicy {
    /// Vietnamese description of the policy.
    pub fn label_vi(self) -> &'static str {
        match self {
            TiePolicy::RevoteAmongTied => "bầu lại trong số những người có số phiếu bằng nhau",
            TiePolicy::OlderWins => "người nhiều tuổi hơn trúng cử",
            TiePolicy::ReportOnly => "chỉ báo cáo, đại hội quyết định",
        }
    }

    /// The code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            TiePolicy::RevoteAmongTied => "revote_among_tied",
            TiePolicy::OlderWins => "older_wins",
            TiePolicy::ReportOnly => "report_only",
        }
    }
}

/// Lý do phiếu không hợp lệ — the reason code of an invalid ballot.
///
/// The order of the variants is the order used in `invalid_by_reason` and in the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvalidReason {
    /// Phiếu không do ban kiểm phiếu phát ra — a ballot the counting committee did not issue.
    NotIssued,
    /// Phiếu bầu quá số lượng quy định — more names kept than seats.
    TooManyNames,
    /// Phiếu không bầu ai (gạch hết tên) — every name struck on a list with surplus.
    AllStruck,
    /// Phiếu có viết thêm chữ, ký hiệu khác — extra words, signs or names.
    Marked,
    /// Lý do khác — another reason decided by the counting committee, with a note.
    Other,
}

impl InvalidReason {
    /// Every reason code, in minutes order.
    pub const ALL: [InvalidReason; 5] = [
        InvalidReason::NotIssued,
        InvalidReason::TooManyNames,
        InvalidReason::AllStruck,
        InvalidReason::Marked,
        InvalidReason::Other,
    ];

    /// The code used in JSON (`not_issued`, …).
    pub fn code(self) -> &'static str {
        match self {
            InvalidReason::NotIssued => "not_issued",
            InvalidReason::TooManyNames => "too_many_names",
            InvalidReason::AllStruck => "all_struck",
            InvalidReason::Marked => "marked",
            InvalidReason::Other => "other",
        }
    }

    /// Vietnamese wording for the minutes.
    pub fn label_vi(self) -> &'static str {
        match self {
            InvalidReason::NotIssued => "phiếu không do ban kiểm phiếu phát ra",
            InvalidReason::TooManyNames => "phiếu bầu quá số lượng quy định",
            InvalidReason::AllStruck => "phiếu không bầu ai (gạch hết tên)",
            InvalidReason::Marked => "phiếu có viết thêm chữ hoặc ký hiệu khác",
            InvalidReason::Other => "lý do khác (ban kiểm phiếu kết luận)",
        }
    }

    /// Whether a ballot with this code must carry a `note` (only `other`).
    pub fn needs_note(self) -> bool {
        self == InvalidReason::Other
    }
}

/// Loại cuộc bầu — what is being elected. The surplus limits of Điều 14 govern only some kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ElectionKind {
    /// Ban chấp hành (cấp ủy) — the executive committee.
    Committee,
    /// Ban thường vụ — the standing committee.
    StandingCommittee,
    /// Bí thư, phó bí thư — the secretary or a deputy secretary.
    Secretary,
    /// Ủy ban kiểm tra — the inspection committee.
    InspectionCommittee,
    /// Đại biểu đi dự đại hội cấp trên — delegates (and alternates) to the upper congress.
    Delegates,
}

impl ElectionKind {
    /// Every kind, in listing order.
    pub const ALL: [ElectionKind; 5] = [
        ElectionKind::Committee,
        ElectionKind::StandingCommittee,
        ElectionKind::Secretary,
        ElectionKind::InspectionCommittee,
        ElectionKind::Delegates,
    ];

    /// The code used in JSON (`committee`, …).
    pub fn code(self) -> &'static str {
        match self {
            ElectionKind::Committee => "committee",
            ElectionKind::StandingCommittee => "standing_committee",
            ElectionKind::Secretary => "secretary",
            ElectionKind::InspectionCommittee => "inspection_committee",
            ElectionKind::Delegates => "delegates",
        }
    }

    /// Vietnamese name of the kind.
    pub fn label_vi(self) -> &'static str {
        match self {
            ElectionKind::Committee => "ban chấp hành (cấp ủy)",
            ElectionKind::StandingCommittee => "ban thường vụ",
            ElectionKind::Secretary => "bí thư, phó bí thư",
            ElectionKind::InspectionCommittee => "ủy ban kiểm tra",
            ElectionKind::Delegates => "đại biểu đi dự đại hội cấp trên",
        }
    }
}

/// Cách bầu đại biểu dự khuyết — how one list of official delegates and alternates is voted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlternatesVote {
    /// Bầu chính thức trước (Quyết định 190-QĐ/TW, Điều 18): a ballot keeps at most the official
    /// seats; those who pass beyond the official seats are alternates in vote order; alternates
    /// still missing are voted next from the remaining names, with the same base.
    OfficialFirst,
    /// Bầu chung: a ballot keeps up to seats + alternates names, for organisations whose rules
    /// elect both at once.
    Combined,
}

impl AlternatesVote {
    /// The code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            AlternatesVote::OfficialFirst => "official_first",
            AlternatesVote::Combined => "combined",
        }
    }

    /// Vietnamese description.
    pub fn label_vi(self) -> &'static str {
        match self {
            AlternatesVote::OfficialFirst => {
                "một danh sách, bầu đại biểu chính thức trước: mỗi phiếu để lại không quá số \
                 chính thức; người đạt quá một nửa ngoài số chính thức là dự khuyết theo số phiếu"
            }
            AlternatesVote::Combined => {
                "bầu chung: mỗi phiếu để lại không quá số chính thức cộng số dự khuyết"
            }
        }
    }
}

/// Số dư ở ban cấp ủy nhỏ — the special surplus limit of small committees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmallCommitteeLimit {
    /// Smallest number of seats the limit applies to (3).
    pub min_seats: u32,
    /// Largest number of seats the limit applies to (5).
    pub max_seats: u32,
    /// At most this many candidates over the seats (1).
    pub max_extra: u32,
}

/// Giới hạn số dư — how many candidates the list may have over the seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurplusLimits {
    /// Số dư tối đa: candidates may exceed seats by at most this percent of the seats (30).
    pub max_percent: Option<u32>,
    /// Small committees: at most `max_extra` over for `min_seats..=max_seats` seats.
    pub small_committee: Option<SmallCommitteeLimit>,
    /// The surplus the convening committee is asked to prepare, in percent (10–15).
    pub recommended_percent: Option<(u32, u32)>,
    /// The kinds of election these limits govern (Điều 14: the committee and the standing
    /// committee). An input without `kind` is checked as if the limits governed it; empty means
    /// every kind.
    #[serde(default)]
    pub kinds: Vec<ElectionKind>,
}

impl SurplusLimits {
    /// Whether these limits govern an election of `kind` (`None`: kind not given).
    pub fn govern(&self, kind: Option<ElectionKind>) -> bool {
        match kind {
            Some(kind) => self.kinds.is_empty() || self.kinds.contains(&kind),
            None => true,
        }
    }

    /// Whether these limits ask for a list longer than the places (Điều 14: "phải nhiều hơn").
    pub fn require_surplus(&self) -> bool {
        self.max_percent.is_some() || self.recommended_percent.is_some()
    }
}

/// Quy chế bầu cử — one named, versioned rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    /// The name used in the input's `rules` field (`party-2024`).
    pub name: String,
    /// Vietnamese title.
    pub title: String,
    /// The document it follows and the cycle it applies to.
    pub source: String,
    /// Threshold base.
    pub base_kind: BaseKind,
    /// Tie policy at the last seat and at the last alternate place.
    pub tie_policy: TiePolicy,
    /// Surplus limits checked by `daihoi tally --check` and reported in `warnings`.
    pub surplus: SurplusLimits,
    /// The invalid-ballot reason codes a ballot may carry under these rules.
    pub invalid_reasons: Vec<InvalidReason>,
    /// How a list of official delegates and alternates is voted.
    #[serde(default = "default_alternates_vote")]
    pub alternates_vote: AlternatesVote,
}

fn default_alternates_vote() -> AlternatesVote {
    AlternatesVote::Combined
}

/// Party surplus limits (190 Điều 14; 244 the same): at most 30%, small committees at most one
/// extra, 10–15% prepared by the convening committee; for the committee and its standing
/// committee only.
fn party_surplus() -> SurplusLimits {
    SurplusLimits {
        kinds: vec![ElectionKind::Committee, ElectionKind::StandingCommittee],
        max_percent: Some(30),
        small_committee: Some(SmallCommitteeLimit {
            min_seats: 3,
            max_seats: 5,
            max_extra: 1,
        }),
        recommended_percent: Some((10, 15)),
    }
}

impl RuleSet {
    /// The names of the built-in rule sets, in listing order.
    pub const BUILTIN_NAMES: [&'static str; 4] = ["party-2024", "party-2014", "state", "plurality"];

    /// Every built-in rule set, in listing order.
    pub fn builtin() -> Vec<RuleSet> {
        Self::BUILTIN_NAMES
            .iter()
            .filter_map(|name| Self::named(name))
            .collect()
    }

    /// The built-in rule set with this name, if any.
    pub fn named(name: &str) -> Option<RuleSet> {
        let all = InvalidReason::ALL.to_vec();
        let rules = match name {
            "party-2024" => RuleSet {
                name: name.into(),
                title: "Quy chế bầu cử trong Đảng (2025–2030)".into(),
                source: "Quyết định 190-QĐ/TW ngày 10/10/2024; Hướng dẫn 04-HD/TW ngày 31/12/2024"
                    .into(),
                base_kind: BaseKind::Convened,
                tie_policy: TiePolicy::RevoteAmongTied,
                surplus: party_surplus(),
                invalid_reasons: all,
                alternates_vote: AlternatesVote::OfficialFirst,
            },
            "party-2014" => RuleSet {
                name: name.into(),
                title: "Quy chế bầu cử trong Đảng (2015–2020, 2020–2025)".into(),
                source: "Quyết định 244-QĐ/TW ngày 09/6/2014; Hướng dẫn 03-HD/TW ngày 20/3/2020"
                    .into(),
                base_kind: BaseKind::Convened,
                tie_policy: TiePolicy::RevoteAmongTied,
                surplus: party_surplus(),
                invalid_reasons: all,
                alternates_vote: AlternatesVote::OfficialFirst,
            },
            "state" => RuleSet {
                name: name.into(),
                title: "Bầu cử đại biểu Quốc hội và Hội đồng nhân dân".into(),
                source: "Luật Bầu cử đại biểu Quốc hội và đại biểu HĐND 85/2015/QH13".into(),
                base_kind: BaseKind::ValidBallots,
                tie_policy: TiePolicy::OlderWins,
                surplus: SurplusLimits {
                    max_percent: None,
                    small_committee: None,
                    recommended_percent: None,
                    kinds: Vec::new(),
                },
                invalid_reasons: all,
                alternates_vote: AlternatesVote::Combined,
            },
            "plurality" => RuleSet {
                name: name.into(),
                title: "Đa số tương đối (không có ngưỡng)".into(),
                source: "Quy tắc chung, dùng cho bầu thử hoặc lấy ý kiến".into(),
                base_kind: BaseKind::None,
                tie_policy: TiePolicy::ReportOnly,
                surplus: SurplusLimits {
                    max_percent: None,
                    small_committee: None,
                    recommended_percent: None,
                    kinds: Vec::new(),
                },
                invalid_reasons: all,
                alternates_vote: AlternatesVote::Combined,
            },
            _ => return None,
        };
        Some(rules)
    }

    /// Số tên tối đa được để lại trên một phiếu: the official seats under Điều 18
    /// ([`AlternatesVote::OfficialFirst`]; the alternates in a round that elects only
    /// alternates), seats plus alternates when both are elected at once.
    pub fn names_per_ballot(&self, seats: u32, alternates: u32) -> u32 {
        match self.alternates_vote {
            AlternatesVote::OfficialFirst if seats > 0 => seats,
            _ => seats.saturating_add(alternates),
        }
    }

    /// Whether a ballot may carry this invalid reason under these rules.
    pub fn allows_reason(&self, reason: InvalidReason) -> bool {
        self.invalid_reasons.contains(&reason)
    }
}

/// "Quá một nửa" — the fewest votes that are more than half of `base`: `floor(base / 2) + 1`.
///
/// `votes_needed_more_than_half(247) == 124`, `votes_needed_more_than_half(10) == 6`.
pub fn votes_needed_more_than_half(base: u32) -> u32 {
    base / 2 + 1
}
