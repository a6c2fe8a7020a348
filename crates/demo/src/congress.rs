//! Chu kỳ đại hội mẫu — the seed's congress cycle as demo data: the organizations of the
//! district of Tân Uyên (Lai Châu) in 2020, their rolls, their congresses of the 2020–2025 term,
//! the district congress and the slate of its personnel plan, and the two workspace accounts.
//!
//! The facts are the seed's (`DESIGN.md` §2): 47 grassroots organizations, all held their
//! congress by 26/3/2020, 3 of them pilots; the district congress on 8–10/6/2020, a pilot for the
//! province, convenes 247 delegates and elects a committee of 35 seats, 2 fewer than the 37 of the
//! last term; the slate has 6 women, 11 under 40 and 7 or 8 (here 8) from ethnic minorities.
//! Everything else is invented: every name, birth date, ethnicity, card number and position of a
//! person, the member counts, the dates of the grassroots congresses, the venues, the enterprises.
//! Any screen that shows a person says so with [`INVENTED_NOTICE`].
//!
//! Deterministic: hand-written tables (the organizations, the congress dates, the outgoing
//! committee, the new candidates of the slate) and, for the rest of the rolls, names drawn from
//! fixed lists by a generator with a fixed seed; two calls of [`cycle`] give the same data.
//!
//! The tree: the province `LC` (the root; the other districts of Lai Châu are absent, and its
//! member count is the district's, the only part the demo holds) → the district `TU` → the 47
//! grassroots organizations `TU-01`…`TU-47` (the town and the nine communes, the Party's and the
//! State's agencies, the police and the military, the health centre, schools, enterprises) → the
//! cells (`Chi bộ trực thuộc`) of three of them (`TU-17`, `TU-21`, `TU-22`; their member counts
//! add up to their parent's; each held its congress in the two weeks before its parent's). Every
//! organization below the province has its congress of the term, the province none. The outgoing district committee (37, the ex-officio delegates of the
//! district congress) is the roll of `TU`; each grassroots organization has a roll of its
//! secretaries and deputies (a commune's secretary who sits on the district committee is on the
//! roll of `TU` only), each cell its secretary.

use std::collections::HashSet;

use anyhow::{Context as _, anyhow, bail};
use chrono::{Datelike as _, NaiveDate};
use daihoi_domain::congress::allocation::{allocate, elected_seats};
use daihoi_domain::congress::congress::{CongressStatus, Term};
use daihoi_domain::congress::delegate::DelegateKind;
use daihoi_domain::congress::organization::{
    OrganizationFields, check_code, check_level, check_name,
};
use daihoi_domain::congress::person::{
    BirthDate, PersonFields, Sex, check_card_number, check_full_name, check_text,
};
use daihoi_store::Role;

/// Dòng cảnh báo dữ liệu hư cấu — shown on every screen of the demo that shows a person.
pub const INVENTED_NOTICE: &str = "Dữ liệu minh họa, họ tên và thông tin cá nhân là hư cấu";

/// Mã tỉnh — code of the root, the province of Lai Châu.
pub const PROVINCE_CODE: &str = "LC";
/// Mã huyện — code of the district committee of Tân Uyên.
pub const DISTRICT_CODE: &str = "TU";
/// Mã đảng bộ xã Mường Khoa — the grassroots organization of the demo's grassroots secretariat.
pub const MUONG_KHOA_CODE: &str = "TU-02";

/// Cấp tỉnh — level name of the province.
pub const PROVINCE_LEVEL: &str = "Đảng bộ tỉnh";
/// Cấp huyện — level name of the district.
pub const DISTRICT_LEVEL: &str = "Đảng bộ huyện";
/// Cấp cơ sở — level name of the 47 grassroots organizations.
pub const GRASSROOTS_LEVEL: &str = "Tổ chức cơ sở đảng";
/// Cấp chi bộ — level name of a cell under a grassroots organization.
pub const CELL_LEVEL: &str = "Chi bộ trực thuộc";

/// Nhiệm kỳ — first year of the term of every demo congress.
pub const TERM_START: i32 = 2020;
/// Nhiệm kỳ — last year of the term of every demo congress.
pub const TERM_END: i32 = 2025;

/// Số đại biểu được triệu tập — the delegates the district congress convenes.
pub const DISTRICT_DELEGATES: u32 = 247;
/// Số ủy viên Ban Chấp hành — the seats of the district committee elected in 2020.
pub const COMMITTEE_SEATS: u32 = 35;

/// Số đại biểu tối thiểu — the fewest elected delegates any grassroots organization sends to the
/// district congress (the allocation's minimum).
pub const ALLOCATION_MINIMUM: u32 = 1;

/// Tài khoản văn phòng huyện — the district secretariat's login name.
pub const DISTRICT_SECRETARIAT: &str = "vanphong.tanuyen";
/// Tài khoản văn phòng xã — the Mường Khoa commune secretariat's login name.
pub const GRASSROOTS_SECRETARIAT: &str = "vanphong.muongkhoa";

/// Ngày khai mạc — the first day of the district congress (08/06/2020), on which ages count.
pub fn district_congress_opening() -> NaiveDate {
    date(2020, 6, 8)
}

/// Hạn đại hội cơ sở — the day by which every grassroots congress was held (26/3/2020).
pub fn grassroots_deadline() -> NaiveDate {
    date(2020, 3, 26)
}

/// Chu kỳ đại hội mẫu — everything the demo writes of the congress cycle, organizations and
/// people already checked by the domain's field rules.
#[derive(Debug, Clone)]
pub struct CongressCycle {
    /// The tree, parents before children.
    pub organizations: Vec<OrganizationFields>,
    /// The rolls: the outgoing district committee first, then the grassroots rolls.
    pub people: Vec<DemoPerson>,
    /// The congresses of the 2020–2025 term: the 47 grassroots ones, the cells', then the
    /// district's.
    pub congresses: Vec<DemoCongress>,
    /// The slate of the district congress's personnel plan, indexes into `people`.
    pub slate: Vec<SlateCandidate>,
    /// The congress-workspace accounts (workspace only: no portal role).
    pub accounts: Vec<WorkspaceAccount>,
    /// The delegates of the district congress: the outgoing committee ex officio, then each
    /// grassroots organization's elected delegates and alternates, in the grassroots order.
    pub delegates: Vec<DemoDelegate>,
    /// The district congress's allocation of elected seats among the grassroots organizations,
    /// the largest-remainder proposal with [`ALLOCATION_MINIMUM`], unchanged.
    pub allocation: Vec<DemoAllocation>,
}

impl CongressCycle {
    /// The district congress (of [`DISTRICT_CODE`]).
    pub fn district_congress(&self) -> &DemoCongress {
        self.congresses
            .iter()
            .find(|c| c.organization_code == DISTRICT_CODE)
            .expect("the cycle always has the district congress")
    }
}

/// Người trên danh sách — one person of a roll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoPerson {
    /// The checked fields, the organization by code.
    pub fields: PersonFields,
    /// Member of the outgoing district committee (2015–2020): an ex-officio delegate of the
    /// district congress.
    pub outgoing_committee: bool,
}

/// Đại hội mẫu — one congress of the 2020–2025 term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoCongress {
    /// Code of the organization holding it.
    pub organization_code: String,
    /// Tên đại hội.
    pub name: String,
    /// Nhiệm kỳ.
    pub term: Term,
    /// Ngày dự kiến khai mạc.
    pub planned_start: NaiveDate,
    /// Ngày dự kiến bế mạc.
    pub planned_end: NaiveDate,
    /// Ngày khai mạc.
    pub held_start: NaiveDate,
    /// Ngày bế mạc.
    pub held_end: NaiveDate,
    /// Đại hội điểm.
    pub pilot: bool,
    /// Trạng thái: held or approved.
    pub status: CongressStatus,
    /// Địa điểm.
    pub venue: String,
    /// Số đại biểu (đảng viên) được triệu tập.
    pub delegates: u32,
    /// Số ủy viên cấp ủy được bầu.
    pub committee_seats: u32,
}

/// Người trong danh sách ứng cử — one candidate of the slate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlateCandidate {
    /// Index into [`CongressCycle::people`].
    pub person: usize,
    /// Tái cử — on the outgoing committee and nominated again (otherwise: tham gia lần đầu).
    pub renominated: bool,
}

/// Đại biểu mẫu — one delegate or alternate of the district congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDelegate {
    /// Loại đại biểu.
    pub kind: DelegateKind,
    /// Index into [`CongressCycle::people`] when the delegate is on a roll.
    pub person: Option<usize>,
    /// Họ và tên.
    pub full_name: String,
    /// Giới tính.
    pub sex: Sex,
    /// Ngày hoặc năm sinh.
    pub birth: BirthDate,
    /// Đoàn đại biểu: the grassroots organization that elected them, or the district for the
    /// ex-officio delegates.
    pub organization_code: String,
    /// Thứ tự dự khuyết (alternates only).
    pub alternate_rank: Option<u32>,
    /// Số phiếu bầu at the grassroots congress (none for the ex-officio delegates).
    pub votes: Option<u32>,
}

/// Phân bổ mẫu — the elected seats of one grassroots organization at the district congress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAllocation {
    /// Code of the grassroots organization.
    pub organization_code: String,
    /// Số đảng viên the allocation counted.
    pub members: i64,
    /// Seats (the proposal, kept as proposed).
    pub seats: u32,
}

/// Tài khoản không gian đại hội — a demo account of the congress workspace only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceAccount {
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// The workspace role.
    pub role: Role,
    /// Code of the organization whose subtree it holds the role on.
    pub organization_code: String,
}

/// Tạo chu kỳ đại hội mẫu — build the cycle from the tables; every organization and person goes
/// through the domain's field rules, so a broken table entry is an error naming it.
pub fn cycle() -> anyhow::Result<CongressCycle> {
    let organizations = organizations()?;
    let (mut roll, slate) = people()?;
    let congresses = congresses()?;
    let (delegates, allocation) = district_delegates(&mut roll, &congresses)?;
    let people = roll.people;
    let accounts = vec![
        WorkspaceAccount {
            username: DISTRICT_SECRETARIAT.to_owned(),
            display_name: "Văn phòng Huyện ủy Tân Uyên (bản trình diễn)".to_owned(),
            role: Role::Secretariat,
            organization_code: DISTRICT_CODE.to_owned(),
        },
        WorkspaceAccount {
            username: GRASSROOTS_SECRETARIAT.to_owned(),
            display_name: "Văn phòng Đảng ủy xã Mường Khoa (bản trình diễn)".to_owned(),
            role: Role::Secretariat,
            organization_code: MUONG_KHOA_CODE.to_owned(),
        },
    ];
    Ok(CongressCycle {
        organizations,
        people,
        congresses,
        slate,
        accounts,
        delegates,
        allocation,
    })
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date of the demo tables")
}

// ---------------------------------------------------------------------------------------------
// Organizations
// ---------------------------------------------------------------------------------------------

/// What kind of grassroots organization a row is: it decides its roll's positions, its venue and
/// the size of the committee it elects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Đảng bộ xã (or thị trấn): a committee with a standing committee.
    Commune,
    /// Đảng bộ cơ sở of an agency or a force.
    Committee,
    /// Chi bộ cơ sở.
    Branch,
}

/// One grassroots organization and its congress.
struct Grassroots {
    code: &'static str,
    name: &'static str,
    kind: Kind,
    members: i64,
    /// The ethnicities its roll draws from (in turn); empty: the agencies' mix.
    mix: &'static [&'static str],
    /// Held: first day and number of days.
    held: (i32, u32, u32, u32),
    /// Planned first day when it differs from the held one (a postponement).
    planned: Option<(i32, u32, u32)>,
    pilot: bool,
}

const fn g(
    code: &'static str,
    name: &'static str,
    kind: Kind,
    members: i64,
    mix: &'static [&'static str],
    held: (i32, u32, u32, u32),
) -> Grassroots {
    Grassroots {
        code,
        name,
        kind,
        members,
        mix,
        held,
        planned: None,
        pilot: false,
    }
}

const fn pilot(mut row: Grassroots) -> Grassroots {
    row.pilot = true;
    row
}

const fn postponed_from(mut row: Grassroots, planned: (i32, u32, u32)) -> Grassroots {
    row.planned = Some(planned);
    row
}

#[rustfmt::skip]
const AGENCY_MIX: &[&str] = &[
    "Kinh", "Thái", "Kinh", "Kinh", "H'Mông", "Kinh", "Thái", "Giáy", "Kinh", "Dao", "Kinh",
    "Lự", "Kinh", "Khơ Mú", "Kinh", "Thái",
];

use Kind::{Branch, Committee, Commune};

/// The 47 grassroots organizations, with the dates of their congresses (held, days; the three
/// pilots first, in December 2019 and January 2020; the others from 11/02 to 26/03/2020).
#[rustfmt::skip]
const GRASSROOTS: [Grassroots; 47] = [
    g("TU-01", "Đảng bộ thị trấn Tân Uyên", Commune, 236, &["Kinh", "Thái", "Kinh", "Giáy", "Thái", "Kinh"], (2020, 3, 25, 2)),
    pilot(g("TU-02", "Đảng bộ xã Mường Khoa", Commune, 168, &["Thái", "Thái", "H'Mông", "Kinh", "Lự"], (2020, 1, 7, 2))),
    g("TU-03", "Đảng bộ xã Phúc Khoa", Commune, 142, &["Thái", "Kinh", "Giáy", "Dao", "Thái"], (2020, 3, 18, 2)),
    g("TU-04", "Đảng bộ xã Thân Thuộc", Commune, 131, &["Thái", "Kinh", "Thái", "H'Mông"], (2020, 3, 17, 2)),
    postponed_from(g("TU-05", "Đảng bộ xã Trung Đồng", Commune, 154, &["Kinh", "Thái", "Kinh", "Giáy"], (2020, 3, 23, 2)), (2020, 3, 19)),
    g("TU-06", "Đảng bộ xã Hố Mít", Commune, 87, &["H'Mông", "H'Mông", "Thái", "Dao"], (2020, 3, 11, 2)),
    g("TU-07", "Đảng bộ xã Nậm Cần", Commune, 96, &["Thái", "H'Mông", "Khơ Mú", "Thái"], (2020, 3, 12, 2)),
    g("TU-08", "Đảng bộ xã Nậm Sỏ", Commune, 118, &["H'Mông", "Thái", "Khơ Mú", "H'Mông"], (2020, 3, 16, 2)),
    postponed_from(g("TU-09", "Đảng bộ xã Pắc Ta", Commune, 109, &["Thái", "Kinh", "Lự", "Thái"], (2020, 3, 19, 2)), (2020, 3, 12)),
    g("TU-10", "Đảng bộ xã Tà Mít", Commune, 58, &["H'Mông", "Dao", "Khơ Mú", "H'Mông"], (2020, 3, 9, 2)),
    g("TU-11", "Chi bộ Văn phòng Huyện ủy", Branch, 21, &[], (2020, 2, 11, 1)),
    g("TU-12", "Chi bộ Ban Tổ chức Huyện ủy", Branch, 9, &[], (2020, 2, 12, 1)),
    g("TU-13", "Chi bộ Ủy ban Kiểm tra Huyện ủy", Branch, 8, &[], (2020, 2, 13, 1)),
    g("TU-14", "Chi bộ Ban Tuyên giáo Huyện ủy", Branch, 7, &[], (2020, 2, 14, 1)),
    g("TU-15", "Chi bộ Ban Dân vận Huyện ủy", Branch, 6, &[], (2020, 2, 17, 1)),
    g("TU-16", "Chi bộ Trung tâm Chính trị huyện", Branch, 8, &[], (2020, 2, 18, 1)),
    g("TU-17", "Đảng bộ Cơ quan Chính quyền huyện", Committee, 112, &[], (2020, 3, 11, 1)),
    g("TU-18", "Chi bộ Văn phòng HĐND và UBND huyện", Branch, 24, &[], (2020, 2, 19, 1)),
    g("TU-19", "Chi bộ Khối Mặt trận Tổ quốc và các đoàn thể huyện", Branch, 26, &[], (2020, 2, 20, 1)),
    g("TU-20", "Chi bộ Phòng Giáo dục và Đào tạo huyện", Branch, 14, &[], (2020, 2, 21, 1)),
    g("TU-21", "Đảng bộ Công an huyện", Committee, 74, &[], (2020, 3, 12, 1)),
    g("TU-22", "Đảng bộ Quân sự huyện", Committee, 52, &[], (2020, 3, 13, 1)),
    pilot(g("TU-23", "Đảng bộ Trung tâm Y tế huyện", Committee, 83, &[], (2019, 12, 26, 1))),
    g("TU-24", "Chi bộ Tòa án nhân dân huyện", Branch, 11, &[], (2020, 2, 24, 1)),
    g("TU-25", "Chi bộ Viện Kiểm sát nhân dân huyện", Branch, 12, &[], (2020, 2, 24, 1)),
    g("TU-26", "Chi bộ Chi cục Thi hành án dân sự huyện", Branch, 9, &[], (2020, 2, 25, 1)),
    g("TU-27", "Chi bộ Chi cục Thuế huyện", Branch, 13, &[], (2020, 2, 25, 1)),
    g("TU-28", "Chi bộ Kho bạc Nhà nước huyện", Branch, 10, &[], (2020, 2, 26, 1)),
    g("TU-29", "Chi bộ Ngân hàng Nông nghiệp và Phát triển nông thôn huyện", Branch, 15, &[], (2020, 2, 26, 1)),
    g("TU-30", "Chi bộ Phòng giao dịch Ngân hàng Chính sách xã hội huyện", Branch, 9, &[], (2020, 2, 27, 1)),
    g("TU-31", "Chi bộ Trung tâm Văn hóa – Truyền thanh – Truyền hình huyện", Branch, 14, &[], (2020, 2, 27, 1)),
    g("TU-32", "Chi bộ Ban Quản lý dự án đầu tư xây dựng huyện", Branch, 12, &[], (2020, 2, 28, 1)),
    pilot(g("TU-33", "Chi bộ Trường Trung học phổ thông Tân Uyên", Branch, 31, &[], (2019, 12, 20, 1))),
    g("TU-34", "Chi bộ Trường Trung học phổ thông Trung Đồng", Branch, 22, &[], (2020, 2, 28, 1)),
    g("TU-35", "Chi bộ Trường Phổ thông dân tộc nội trú huyện", Branch, 25, &[], (2020, 3, 2, 1)),
    g("TU-36", "Chi bộ Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên huyện", Branch, 12, &[], (2020, 3, 2, 1)),
    g("TU-37", "Chi bộ Trường Trung học cơ sở thị trấn Tân Uyên", Branch, 19, &[], (2020, 3, 3, 1)),
    g("TU-38", "Chi bộ Trường Tiểu học thị trấn Tân Uyên", Branch, 17, &[], (2020, 3, 3, 1)),
    g("TU-39", "Chi bộ Trường Mầm non thị trấn Tân Uyên", Branch, 13, &[], (2020, 3, 4, 1)),
    g("TU-40", "Chi bộ Trường Phổ thông dân tộc bán trú Trung học cơ sở Mường Khoa", Branch, 16, &[], (2020, 3, 4, 1)),
    g("TU-41", "Chi bộ Hạt Kiểm lâm huyện", Branch, 11, &[], (2020, 3, 5, 1)),
    g("TU-42", "Chi bộ Trung tâm Dịch vụ nông nghiệp huyện", Branch, 13, &[], (2020, 3, 5, 1)),
    g("TU-43", "Chi bộ Điện lực Tân Uyên", Branch, 12, &[], (2020, 3, 6, 1)),
    g("TU-44", "Chi bộ Bưu điện huyện", Branch, 6, &[], (2020, 3, 6, 1)),
    g("TU-45", "Chi bộ Bảo hiểm xã hội huyện", Branch, 9, &[], (2020, 3, 9, 1)),
    postponed_from(g("TU-46", "Chi bộ Công ty cổ phần Chè Phúc Khoa", Branch, 14, &[], (2020, 3, 9, 1)), (2020, 3, 4)),
    g("TU-47", "Chi bộ Công ty cổ phần Thủy điện Nậm Sỏ", Branch, 8, &[], (2020, 3, 10, 1)),
];

/// Cells (Chi bộ trực thuộc): parent code, name, members. The cells of one parent add up to its
/// member count.
#[rustfmt::skip]
const CELLS: &[(&str, &str, i64)] = &[
    ("TU-17", "Chi bộ Phòng Tài chính – Kế hoạch", 14),
    ("TU-17", "Chi bộ Phòng Nội vụ", 11),
    ("TU-17", "Chi bộ Phòng Nông nghiệp và Phát triển nông thôn", 16),
    ("TU-17", "Chi bộ Phòng Tài nguyên và Môi trường", 12),
    ("TU-17", "Chi bộ Phòng Kinh tế và Hạ tầng", 13),
    ("TU-17", "Chi bộ Phòng Lao động – Thương binh và Xã hội", 10),
    ("TU-17", "Chi bộ Phòng Văn hóa và Thông tin", 9),
    ("TU-17", "Chi bộ Thanh tra – Tư pháp", 17),
    ("TU-17", "Chi bộ Phòng Y tế", 10),
    ("TU-21", "Chi bộ An ninh", 18),
    ("TU-21", "Chi bộ Cảnh sát", 29),
    ("TU-21", "Chi bộ Tham mưu – Xây dựng lực lượng", 15),
    ("TU-21", "Chi bộ Công an thị trấn", 12),
    ("TU-22", "Chi bộ Cơ quan Quân sự", 28),
    ("TU-22", "Chi bộ Dân quân cơ động", 24),
];

/// The code of the `n`-th cell (from 1) of `parent`: `TU-17-01`.
fn cell_code(parent: &str, n: usize) -> String {
    format!("{parent}-{n:02}")
}

fn organizations() -> anyhow::Result<Vec<OrganizationFields>> {
    let grassroots_members: i64 = GRASSROOTS.iter().map(|g| g.members).sum();
    let mut rows: Vec<(String, String, Option<&str>, &str, i64)> = vec![
        (
            PROVINCE_CODE.to_owned(),
            "Đảng bộ tỉnh Lai Châu".to_owned(),
            None,
            PROVINCE_LEVEL,
            grassroots_members,
        ),
        (
            DISTRICT_CODE.to_owned(),
            "Đảng bộ huyện Tân Uyên".to_owned(),
            Some(PROVINCE_CODE),
            DISTRICT_LEVEL,
            grassroots_members,
        ),
    ];
    for g in &GRASSROOTS {
        rows.push((
            g.code.to_owned(),
            g.name.to_owned(),
            Some(DISTRICT_CODE),
            GRASSROOTS_LEVEL,
            g.members,
        ));
    }
    let mut numbering: Vec<(&str, usize)> = Vec::new();
    for &(parent, name, members) in CELLS {
        let n = match numbering.iter_mut().find(|(p, _)| *p == parent) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                numbering.push((parent, 1));
                1
            }
        };
        rows.push((
            cell_code(parent, n),
            name.to_owned(),
            Some(parent),
            CELL_LEVEL,
            members,
        ));
    }
    rows.into_iter()
        .map(|(code, name, parent, level, members)| {
            let checked =
                || -> Result<OrganizationFields, daihoi_domain::congress::field::FieldError> {
                    Ok(OrganizationFields {
                        code: check_code(&code)?,
                        name: check_name(&name)?,
                        parent_code: parent.map(check_code).transpose()?,
                        level: check_level(level)?,
                        members,
                    })
                };
            checked().with_context(|| format!("tổ chức mẫu «{code}»"))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Congresses
// ---------------------------------------------------------------------------------------------

fn congresses() -> anyhow::Result<Vec<DemoCongress>> {
    let term = Term::new(TERM_START, TERM_END).context("nhiệm kỳ mẫu")?;
    let last_approved = date(2020, 3, 18);
    let mut out: Vec<DemoCongress> = GRASSROOTS
        .iter()
        .map(|g| {
            let (y, m, d, days) = g.held;
            let held_start = date(y, m, d);
            let held_end = held_start + chrono::Days::new(u64::from(days - 1));
            let planned_start = g.planned.map_or(held_start, |(y, m, d)| date(y, m, d));
            let planned_end = planned_start + chrono::Days::new(u64::from(days - 1));
            // An organization of 200 members or more holds a congress of delegates (Chỉ thị 35).
            let delegates = if g.members >= 200 {
                130
            } else {
                g.members as u32
            };
            let kind_of_congress = if g.members >= 200 {
                "Đại hội đại biểu"
            } else {
                "Đại hội"
            };
            DemoCongress {
                organization_code: g.code.to_owned(),
                name: format!("{kind_of_congress} {} nhiệm kỳ {term}", g.name),
                term,
                planned_start,
                planned_end,
                held_start,
                held_end,
                pilot: g.pilot,
                status: if held_end <= last_approved {
                    CongressStatus::Approved
                } else {
                    CongressStatus::Held
                },
                venue: venue(g),
                delegates,
                committee_seats: committee_seats(g),
            }
        })
        .collect();
    out.extend(cell_congresses(term));
    let opening = district_congress_opening();
    out.push(DemoCongress {
        organization_code: DISTRICT_CODE.to_owned(),
        name: format!("Đại hội đại biểu Đảng bộ huyện Tân Uyên nhiệm kỳ {term}"),
        term,
        planned_start: opening,
        planned_end: opening + chrono::Days::new(2),
        held_start: opening,
        held_end: opening + chrono::Days::new(2),
        pilot: true,
        status: CongressStatus::Approved,
        venue: "Hội trường Trung tâm Văn hóa – Thể thao huyện Tân Uyên".to_owned(),
        delegates: DISTRICT_DELEGATES,
        committee_seats: COMMITTEE_SEATS,
    });
    Ok(out)
}

/// The cells' congresses: each on a working day of the two weeks before its parent's, in the
/// cells' order, all approved by the parent's committee.
fn cell_congresses(term: Term) -> Vec<DemoCongress> {
    let mut out = Vec::with_capacity(CELLS.len());
    let mut numbering: Vec<(&str, usize, NaiveDate)> = Vec::new();
    for &(parent_code, name, members) in CELLS {
        let parent = GRASSROOTS
            .iter()
            .find(|g| g.code == parent_code)
            .expect("a cell's parent is one of the grassroots organizations");
        let (n, day) = match numbering.iter_mut().find(|(p, _, _)| *p == parent_code) {
            Some((_, n, day)) => {
                *n += 1;
                *day = next_working_day(*day + chrono::Days::new(1));
                (*n, *day)
            }
            None => {
                let (y, m, d) = (parent.held.0, parent.held.1, parent.held.2);
                let first = next_working_day(date(y, m, d) - chrono::Days::new(14));
                numbering.push((parent_code, 1, first));
                (1, first)
            }
        };
        out.push(DemoCongress {
            organization_code: cell_code(parent_code, n),
            name: format!("Đại hội {name} ({}) nhiệm kỳ {term}", parent.name),
            term,
            planned_start: day,
            planned_end: day,
            held_start: day,
            held_end: day,
            pilot: false,
            status: CongressStatus::Approved,
            venue: format!("Phòng họp {}", unit_of(parent.name)),
            delegates: members as u32,
            committee_seats: if members >= 9 { 3 } else { 2 },
        });
    }
    out
}

/// `day`, or the Monday after it when it falls on a weekend.
fn next_working_day(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        chrono::Weekday::Sat => day + chrono::Days::new(2),
        chrono::Weekday::Sun => day + chrono::Days::new(1),
        _ => day,
    }
}

/// The place of a commune's name ("Đảng bộ xã Mường Khoa" → "xã Mường Khoa").
fn place_of(name: &str) -> &str {
    name.strip_prefix("Đảng bộ ").unwrap_or(name)
}

/// The unit of an agency's organization ("Chi bộ Hạt Kiểm lâm huyện" → "Hạt Kiểm lâm huyện").
fn unit_of(name: &str) -> &str {
    name.strip_prefix("Chi bộ ")
        .or_else(|| name.strip_prefix("Đảng bộ "))
        .unwrap_or(name)
}

fn venue(g: &Grassroots) -> String {
    match g.kind {
        Commune => format!("Hội trường Đảng ủy {}", place_of(g.name)),
        Committee | Branch => format!("Phòng họp {}", unit_of(g.name)),
    }
}

/// Ủy viên cấp ủy: a commune 11–15, an agency's committee 7 (9 above 100 members), a branch 3
/// (chi ủy) from 9 members, else a secretary and a deputy.
fn committee_seats(g: &Grassroots) -> u32 {
    match g.kind {
        Commune if g.members >= 200 => 15,
        Commune if g.members >= 100 => 13,
        Commune => 11,
        Committee if g.members >= 100 => 9,
        Committee => 7,
        Branch if g.members >= 9 => 3,
        Branch => 2,
    }
}

// ---------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------

/// One hand-written person: name, sex, birth (y, m, d), ethnicity, education, position.
struct Named {
    name: &'static str,
    sex: Sex,
    born: (i32, u32, u32),
    ethnicity: &'static str,
    education: &'static str,
    position: &'static str,
}

const fn p(
    name: &'static str,
    sex: Sex,
    born: (i32, u32, u32),
    ethnicity: &'static str,
    education: &'static str,
    position: &'static str,
) -> Named {
    Named {
        name,
        sex,
        born,
        ethnicity,
        education,
        position,
    }
}

use Sex::{Female as F, Male as M};

/// A member of the outgoing committee: who, nominated again or not, and the grassroots
/// organization whose secretary they are (that roll then has no secretary of its own).
struct Outgoing {
    who: Named,
    renominated: bool,
    secretary_of: Option<&'static str>,
}

const fn o(who: Named, renominated: bool, secretary_of: Option<&'static str>) -> Outgoing {
    Outgoing {
        who,
        renominated,
        secretary_of,
    }
}

const TCLLCT: &str = "Trung cấp lý luận chính trị";

/// Ban Chấp hành Đảng bộ huyện khóa trước — the outgoing district committee of 37 (invented).
/// Twenty-five are nominated again.
#[rustfmt::skip]
const OUTGOING: [Outgoing; 37] = [
    o(p("Trần Quang Hưng", M, (1968, 3, 14), "Kinh", "Thạc sĩ Quản lý kinh tế; Cao cấp lý luận chính trị", "Bí thư Huyện ủy"), true, Some("TU-22")),
    o(p("Lò Văn Thanh", M, (1970, 9, 22), "Thái", "Đại học Luật; Cao cấp lý luận chính trị", "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện"), true, None),
    o(p("Đỗ Mạnh Cường", M, (1972, 11, 5), "Kinh", "Thạc sĩ Kinh tế nông nghiệp; Cao cấp lý luận chính trị", "Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"), true, None),
    o(p("Hoàng Thị Thu Hà", F, (1976, 2, 17), "Kinh", "Đại học Hành chính; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Huyện ủy"), true, Some("TU-12")),
    o(p("Phạm Văn Lợi", M, (1966, 8, 9), "Kinh", "Đại học Kinh tế; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Chủ nhiệm Ủy ban Kiểm tra Huyện ủy"), true, Some("TU-13")),
    o(p("Lường Thị Hoa", F, (1978, 4, 30), "Thái", "Thạc sĩ Văn hóa học; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Huyện ủy"), true, Some("TU-14")),
    o(p("Tòng Văn Pấng", M, (1964, 12, 12), "Thái", "Đại học Sư phạm; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy, Chủ tịch Ủy ban MTTQ Việt Nam huyện"), false, Some("TU-15")),
    o(p("Nguyễn Văn Hải", M, (1975, 7, 3), "Kinh", "Thạc sĩ Quản lý đất đai; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Phó Chủ tịch Thường trực UBND huyện"), true, Some("TU-17")),
    o(p("Bùi Minh Đức", M, (1982, 1, 19), "Kinh", "Đại học Quản lý nhà nước; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Chánh Văn phòng Huyện ủy"), true, Some("TU-11")),
    o(p("Vũ Đình Khoa", M, (1973, 5, 25), "Kinh", "Đại học An ninh nhân dân; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Trưởng Công an huyện"), true, Some("TU-21")),
    o(p("Lê Văn Thịnh", M, (1974, 10, 11), "Kinh", "Đại học Chỉ huy tham mưu; Cao cấp lý luận chính trị", "Ủy viên Ban Thường vụ, Chỉ huy trưởng Ban Chỉ huy Quân sự huyện"), true, None),
    o(p("Giàng A Chư", M, (1969, 2, 2), "H'Mông", "Đại học Luật; Cao cấp lý luận chính trị", "Phó Chủ tịch HĐND huyện"), true, None),
    o(p("Nguyễn Thị Lan Anh", F, (1983, 9, 8), "Kinh", "Thạc sĩ Kinh tế; Trung cấp lý luận chính trị", "Phó Chủ tịch UBND huyện"), true, None),
    o(p("Đặng Văn Toàn", M, (1961, 6, 14), "Kinh", "Đại học Hành chính; Cao cấp lý luận chính trị", "Phó Trưởng Ban Thường trực Ban Tổ chức Huyện ủy"), false, None),
    o(p("Quàng Văn Ngoan", M, (1963, 3, 20), "Khơ Mú", "Đại học Luật; Trung cấp lý luận chính trị", "Phó Chủ nhiệm Ủy ban Kiểm tra Huyện ủy"), false, None),
    o(p("Trịnh Xuân Bách", M, (1979, 7, 27), "Kinh", "Đại học Luật; Trung cấp lý luận chính trị", "Chánh Thanh tra huyện"), true, None),
    o(p("Ngô Thị Bích Ngọc", F, (1972, 10, 6), "Kinh", "Đại học Tài chính; Cao cấp lý luận chính trị", "Trưởng phòng Tài chính – Kế hoạch huyện"), false, None),
    o(p("Đinh Văn Quyết", M, (1971, 1, 15), "Kinh", "Đại học Hành chính; Cao cấp lý luận chính trị", "Trưởng phòng Nội vụ huyện"), true, None),
    o(p("Phan Đình Khải", M, (1967, 4, 23), "Kinh", "Kỹ sư Nông học; Cao cấp lý luận chính trị", "Trưởng phòng Nông nghiệp và Phát triển nông thôn huyện"), true, None),
    o(p("Trương Văn Sơn", M, (1973, 12, 1), "Kinh", "Thạc sĩ Quản lý giáo dục; Trung cấp lý luận chính trị", "Trưởng phòng Giáo dục và Đào tạo huyện"), true, Some("TU-20")),
    o(p("Mai Xuân Trường", M, (1965, 9, 18), "Kinh", "Bác sĩ chuyên khoa I; Trung cấp lý luận chính trị", "Giám đốc Trung tâm Y tế huyện"), true, Some("TU-23")),
    o(p("Hoàng Văn Chiến", M, (1965, 2, 9), "Giáy", "Đại học Luật; Trung cấp lý luận chính trị", "Chủ tịch Liên đoàn Lao động huyện"), false, None),
    o(p("Đoàn Văn Tiến", M, (1988, 5, 21), "Kinh", "Đại học Công tác xã hội; Trung cấp lý luận chính trị", "Bí thư Huyện đoàn"), true, None),
    o(p("Đào Thị Hương", F, (1974, 11, 12), "Kinh", "Đại học Luật; Cao cấp lý luận chính trị", "Chủ tịch Hội Liên hiệp Phụ nữ huyện"), true, None),
    o(p("Lò Văn Xiêng", M, (1962, 5, 4), "Lự", "Trung cấp Nông lâm; Trung cấp lý luận chính trị", "Chủ tịch Hội Nông dân huyện"), false, None),
    o(p("Nguyễn Văn Tâm", M, (1960, 8, 27), "Kinh", "Đại học Chính trị; Cao cấp lý luận chính trị", "Chủ tịch Hội Cựu chiến binh huyện"), false, None),
    o(p("Tạ Văn Lâm", M, (1970, 6, 30), "Kinh", "Đại học Luật; Trung cấp lý luận chính trị", "Viện trưởng Viện Kiểm sát nhân dân huyện"), false, Some("TU-25")),
    o(p("Cao Văn Thành", M, (1968, 2, 11), "Kinh", "Đại học Luật; Cao cấp lý luận chính trị", "Chánh án Tòa án nhân dân huyện"), true, Some("TU-24")),
    o(p("Phùng Văn Khánh", M, (1971, 5, 6), "Kinh", "Thạc sĩ Triết học; Cao cấp lý luận chính trị", "Giám đốc Trung tâm Chính trị huyện"), true, Some("TU-16")),
    o(p("Lê Thanh Bình", M, (1970, 3, 2), "Kinh", "Đại học Kinh tế; Cao cấp lý luận chính trị", "Bí thư Đảng ủy thị trấn Tân Uyên"), true, Some("TU-01")),
    o(p("Lò Văn Pọm", M, (1977, 8, 14), "Thái", "Đại học Nông lâm; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Mường Khoa"), true, Some("TU-02")),
    o(p("Nguyễn Hữu Phước", M, (1963, 3, 19), "Kinh", "Đại học Kinh tế; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Phúc Khoa"), false, Some("TU-03")),
    o(p("Trần Văn Thuận", M, (1980, 6, 10), "Kinh", "Đại học Luật; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Trung Đồng"), true, Some("TU-05")),
    o(p("Sùng A Tủa", M, (1969, 10, 3), "H'Mông", "Đại học Luật; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Nậm Sỏ"), true, Some("TU-08")),
    o(p("Điêu Văn Hặc", M, (1965, 11, 27), "Thái", "Trung cấp Nông lâm; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Pắc Ta"), false, Some("TU-09")),
    o(p("Khổng Minh Tuấn", M, (1968, 7, 7), "Kinh", "Kỹ sư Quản lý đất đai; Trung cấp lý luận chính trị", "Trưởng phòng Tài nguyên và Môi trường huyện"), false, None),
    o(p("Đồng Văn Kiên", M, (1975, 3, 16), "Kinh", "Đại học Văn hóa; Trung cấp lý luận chính trị", "Trưởng phòng Văn hóa và Thông tin huyện"), false, None),
];

/// A new candidate of the slate (tham gia lần đầu), on the roll of a grassroots organization
/// where they hold role `role` of its positions (0: secretary, 1: deputy).
struct Newcomer {
    who: Named,
    organization: &'static str,
    role: usize,
}

const fn n(who: Named, organization: &'static str, role: usize) -> Newcomer {
    Newcomer {
        who,
        organization,
        role,
    }
}

/// The ten candidates nominated for the first time (invented).
#[rustfmt::skip]
const NEWCOMERS: [Newcomer; 10] = [
    n(p("Sùng A Lềnh", M, (1986, 4, 17), "H'Mông", "Đại học Nông lâm; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Tà Mít"), "TU-10", 0),
    n(p("Lò Thị Phương", F, (1985, 12, 5), "Thái", "Đại học Sư phạm; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Nậm Cần"), "TU-07", 0),
    n(p("Trần Thị Minh Nguyệt", F, (1984, 7, 29), "Kinh", "Bác sĩ chuyên khoa I; Trung cấp lý luận chính trị", "Phó Giám đốc Trung tâm Y tế huyện, Phó Bí thư Đảng ủy"), "TU-23", 1),
    n(p("Nguyễn Hoàng Long", M, (1983, 2, 23), "Kinh", "Đại học An ninh nhân dân; Trung cấp lý luận chính trị", "Phó Trưởng Công an huyện, Phó Bí thư Đảng ủy"), "TU-21", 1),
    n(p("Phạm Quốc Việt", M, (1987, 10, 9), "Kinh", "Thạc sĩ Quản lý công; Trung cấp lý luận chính trị", "Phó Chánh Văn phòng HĐND và UBND huyện, Bí thư Chi bộ"), "TU-18", 0),
    n(p("Vàng A Sử", M, (1984, 1, 26), "H'Mông", "Đại học Luật; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Hố Mít"), "TU-06", 0),
    n(p("Hoàng Văn Dũng", M, (1977, 5, 13), "Kinh", "Thạc sĩ Quản lý giáo dục; Trung cấp lý luận chính trị", "Hiệu trưởng Trường Trung học phổ thông Tân Uyên, Bí thư Chi bộ"), "TU-33", 0),
    n(p("Lê Minh Tuấn", M, (1980, 6, 9), "Kinh", "Đại học Chính trị; Trung cấp lý luận chính trị", "Chính trị viên Ban Chỉ huy Quân sự huyện, Phó Bí thư Thường trực Đảng ủy"), "TU-22", 1),
    n(p("Tạ Quang Huy", M, (1980, 6, 8), "Kinh", "Kỹ sư Xây dựng; Trung cấp lý luận chính trị", "Giám đốc Ban Quản lý dự án đầu tư xây dựng huyện, Bí thư Chi bộ"), "TU-32", 0),
    n(p("Vũ Văn Hòa", M, (1976, 9, 21), "Kinh", "Đại học Kinh tế; Trung cấp lý luận chính trị", "Bí thư Đảng ủy xã Thân Thuộc"), "TU-04", 0),
];

/// The positions of a roll, secretary first.
fn roles(g: &Grassroots) -> Vec<String> {
    match g.kind {
        Commune => {
            let unit = if g.name.contains("thị trấn") {
                "thị trấn"
            } else {
                "xã"
            };
            vec![
                "Bí thư Đảng ủy".to_owned(),
                format!("Phó Bí thư Thường trực Đảng ủy, Chủ tịch HĐND {unit}"),
                format!("Phó Bí thư Đảng ủy, Chủ tịch UBND {unit}"),
                format!("Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ Việt Nam {unit}"),
                format!("Đảng ủy viên, Chủ tịch Hội Liên hiệp Phụ nữ {unit}"),
            ]
        }
        Committee => vec![
            "Bí thư Đảng ủy".to_owned(),
            "Phó Bí thư Đảng ủy".to_owned(),
            "Ủy viên Ban Thường vụ Đảng ủy".to_owned(),
            "Đảng ủy viên".to_owned(),
        ],
        Branch if committee_seats(g) >= 3 => vec![
            "Bí thư Chi bộ".to_owned(),
            "Phó Bí thư Chi bộ".to_owned(),
            "Chi ủy viên".to_owned(),
        ],
        Branch => vec![
            "Bí thư Chi bộ".to_owned(),
            "Phó Bí thư Chi bộ".to_owned(),
            "Đảng viên".to_owned(),
        ],
    }
}

fn people() -> anyhow::Result<(Roll, Vec<SlateCandidate>)> {
    let mut roll = Roll::new();
    let mut slate = Vec::with_capacity(COMMITTEE_SEATS as usize);
    for member in &OUTGOING {
        let index = roll.push_named(&member.who, DISTRICT_CODE, true)?;
        if member.renominated {
            slate.push(SlateCandidate {
                person: index,
                renominated: true,
            });
        }
    }
    for g in &GRASSROOTS {
        let secretary_elsewhere = OUTGOING.iter().any(|m| m.secretary_of == Some(g.code));
        for (role, position) in roles(g).iter().enumerate() {
            if role == 0 && secretary_elsewhere {
                continue;
            }
            match NEWCOMERS
                .iter()
                .find(|c| c.organization == g.code && c.role == role)
            {
                Some(candidate) => {
                    let index = roll.push_named(&candidate.who, g.code, false)?;
                    slate.push(SlateCandidate {
                        person: index,
                        renominated: false,
                    });
                }
                None => {
                    let female = position.contains("Phụ nữ");
                    roll.push_generated(g.code, g.mix, position, role, female)?;
                }
            }
        }
    }
    let mut numbering: Vec<(&str, usize)> = Vec::new();
    for &(parent, _, _) in CELLS {
        let n = match numbering.iter_mut().find(|(p, _)| *p == parent) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                numbering.push((parent, 1));
                1
            }
        };
        roll.push_generated(&cell_code(parent, n), &[], "Bí thư Chi bộ", 0, false)?;
    }
    let placed = NEWCOMERS.iter().all(|c| {
        roll.people.iter().any(|p| {
            p.fields.full_name == c.who.name && p.fields.organization_code == c.organization
        })
    });
    if !placed {
        bail!("một ứng viên mới của danh sách không có vị trí trên danh sách tổ chức của mình");
    }
    Ok((roll, slate))
}

// ---------------------------------------------------------------------------------------------
// Delegates of the district congress
// ---------------------------------------------------------------------------------------------

/// The district congress's delegates: the outgoing committee ex officio (on the roll of `TU`),
/// then, for each grassroots organization in turn, the seats the largest-remainder proposal gives
/// it ([`ALLOCATION_MINIMUM`] at least): its roll first (secretary, deputies…), then delegates
/// drawn like the rolls' people, with the votes of a grassroots congress in decreasing order, and
/// one alternate for every eight seats (none under four). The convened count is
/// [`DISTRICT_DELEGATES`].
fn district_delegates(
    roll: &mut Roll,
    congresses: &[DemoCongress],
) -> anyhow::Result<(Vec<DemoDelegate>, Vec<DemoAllocation>)> {
    let mut out: Vec<DemoDelegate> = Vec::with_capacity(DISTRICT_DELEGATES as usize + 40);
    for (index, person) in roll.people.iter().enumerate() {
        if person.outgoing_committee {
            out.push(DemoDelegate {
                kind: DelegateKind::ExOfficio,
                person: Some(index),
                full_name: person.fields.full_name.clone(),
                sex: person.fields.sex,
                birth: person.fields.birth,
                organization_code: DISTRICT_CODE.to_owned(),
                alternate_rank: None,
                votes: None,
            });
        }
    }
    let ex_officio = u32::try_from(out.len()).context("đại biểu đương nhiên")?;
    let seats = elected_seats(DISTRICT_DELEGATES, ex_officio)
        .map_err(|e| anyhow!("phân bổ đại biểu mẫu: {e}"))?;
    let members: Vec<(i64, u64)> = GRASSROOTS
        .iter()
        .enumerate()
        .map(|(i, g)| (i as i64, g.members as u64))
        .collect();
    let proposal = allocate(seats, ALLOCATION_MINIMUM, &members)
        .map_err(|e| anyhow!("phân bổ đại biểu mẫu: {e}"))?;
    let mut allocation = Vec::with_capacity(GRASSROOTS.len());
    for (i, g) in GRASSROOTS.iter().enumerate() {
        let seats = proposal
            .seats_of(i as i64)
            .context("phân bổ đại biểu mẫu thiếu một tổ chức")?;
        allocation.push(DemoAllocation {
            organization_code: g.code.to_owned(),
            members: g.members,
            seats,
        });
        let voters = congresses
            .iter()
            .find(|c| c.organization_code == g.code)
            .map(|c| c.delegates)
            .with_context(|| format!("tổ chức mẫu {} không có đại hội", g.code))?;
        let alternates = if seats >= 4 { seats.div_ceil(8) } else { 0 };
        let mut votes = roll
            .votes(voters, (seats + alternates) as usize)
            .into_iter();
        let on_roll: Vec<usize> = roll
            .people
            .iter()
            .enumerate()
            .filter(|(_, p)| p.fields.organization_code == g.code)
            .map(|(i, _)| i)
            .collect();
        for n in 0..seats + alternates {
            let from_roll = on_roll.get(n as usize).copied();
            let (full_name, sex, birth) = match from_roll {
                Some(i) => {
                    let p = &roll.people[i].fields;
                    (p.full_name.clone(), p.sex, p.birth)
                }
                None => roll.draw_person(g.mix, false),
            };
            let alternate_rank = (n >= seats).then(|| n - seats + 1);
            out.push(DemoDelegate {
                kind: if alternate_rank.is_some() {
                    DelegateKind::Alternate
                } else {
                    DelegateKind::Elected
                },
                person: from_roll,
                full_name: check_full_name(&full_name)
                    .with_context(|| format!("đại biểu mẫu «{full_name}»"))?,
                sex,
                birth,
                organization_code: g.code.to_owned(),
                alternate_rank,
                votes: votes.next(),
            });
        }
    }
    let convened = out
        .iter()
        .filter(|d| d.kind != DelegateKind::Alternate)
        .count();
    if convened != DISTRICT_DELEGATES as usize {
        bail!("đại biểu mẫu: {convened} được triệu tập thay vì {DISTRICT_DELEGATES}");
    }
    Ok((out, allocation))
}

/// Family names by ethnicity.
fn families(ethnicity: &str) -> &'static [&'static str] {
    match ethnicity {
        "Thái" => &["Lò", "Lường", "Tòng", "Điêu", "Cầm", "Vì", "Lù"],
        "H'Mông" => &[
            "Giàng", "Sùng", "Vàng", "Thào", "Lầu", "Hạng", "Mùa", "Vừ", "Tráng",
        ],
        "Dao" => &["Tẩn", "Chảo", "Phàn", "Lý", "Đặng"],
        "Giáy" => &["Hoàng", "Vương", "Sần", "Lù"],
        "Lự" => &["Lò", "Tao", "Chìu"],
        "Khơ Mú" => &["Quàng", "Lò", "Vì", "Lường"],
        _ => &[
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương",
            "Phan", "Đinh", "Trịnh", "Hà", "Lương",
        ],
    }
}

/// Middle names by ethnicity and sex.
fn middles(ethnicity: &str, sex: Sex) -> &'static [&'static str] {
    match (ethnicity, sex) {
        ("H'Mông", M) => &["A", "Seo", "A", "Chứ"],
        ("Dao", M) => &["Láo", "Văn", "Chà", "Seo"],
        ("Dao", F) => &["Mý", "Thị", "Lở"],
        ("Kinh", M) => &[
            "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Công", "Thanh", "Ngọc",
        ],
        ("Kinh", F) => &[
            "Thị",
            "Thị Thu",
            "Thị Minh",
            "Thị Hồng",
            "Thị Ngọc",
            "Thị Thanh",
        ],
        (_, M) => &["Văn"],
        (_, F) => &["Thị"],
    }
}

/// Given names by ethnicity and sex.
fn givens(ethnicity: &str, sex: Sex) -> &'static [&'static str] {
    match (ethnicity, sex) {
        ("Thái", M) => &[
            "Ơn",
            "Xôm",
            "Biên",
            "Thoan",
            "Inh",
            "Khiêm",
            "Thưởng",
            "Ún",
            "Tươi",
            "Panh",
        ],
        ("Thái", F) => &["Ỏn", "Xuân", "Hiên", "Ngân", "Hom", "Xiên", "Ly", "Pâng"],
        ("H'Mông", M) => &[
            "Páo", "Dơ", "Lử", "Sình", "Chính", "Tồng", "Chua", "Pó", "Dế", "Của",
        ],
        ("H'Mông", F) => &["Mỷ", "Dua", "Sy", "Chở", "Dở", "Súa", "Mai"],
        ("Dao", M) => &["Lở", "Chòi", "Phẩy", "Kiềm", "Chản", "Quẩy"],
        ("Dao", F) => &["Mẩy", "Dếnh", "Chìa", "Phây"],
        ("Giáy", M) => &["Ninh", "Thắng", "Sáng", "Chinh", "Pao"],
        ("Giáy", F) => &["Sen", "Hoa", "Nguyệt", "Dính"],
        ("Lự", M) => &["Khăm", "Phăn", "Ỉn", "Xiêng", "Pặn"],
        ("Lự", F) => &["Pang", "Ỉn", "Kham"],
        ("Khơ Mú", M) => &["Tóng", "Bun", "Kheo", "Sáy", "Thiêm"],
        ("Khơ Mú", F) => &["Dinh", "Hơn", "Ón"],
        (_, M) => &[
            "Anh", "Bình", "Cường", "Dũng", "Giang", "Hiếu", "Hoàng", "Khang", "Long", "Mạnh",
            "Nam", "Phong", "Quân", "Sơn", "Tùng", "Thắng", "Trung", "Tuấn", "Việt", "Vinh",
        ],
        (_, F) => &[
            "Hạnh",
            "Hằng",
            "Huyền",
            "Lan",
            "Linh",
            "Loan",
            "Mai",
            "Nga",
            "Nhung",
            "Oanh",
            "Phượng",
            "Quyên",
            "Thảo",
            "Thủy",
            "Trang",
            "Yến",
        ],
    }
}

/// Fields of study for the generated rolls.
const STUDIES: &[&str] = &[
    "Đại học Luật",
    "Đại học Kinh tế",
    "Đại học Nông lâm",
    "Đại học Sư phạm",
    "Đại học Hành chính",
    "Đại học Kế toán",
    "Cao đẳng Sư phạm",
    "Cao đẳng Nông lâm",
    "Trung cấp Y",
    "Trung cấp Nông lâm",
];

/// The rolls being built: the people so far, the names used, the generator's state and the
/// card numbers handed out.
struct Roll {
    people: Vec<DemoPerson>,
    names: HashSet<String>,
    rng: SplitMix,
    cards: u64,
    agency_turn: usize,
}

impl Roll {
    fn new() -> Roll {
        let names = OUTGOING
            .iter()
            .map(|m| m.who.name)
            .chain(NEWCOMERS.iter().map(|c| c.who.name))
            .map(str::to_owned)
            .collect();
        Roll {
            people: Vec::new(),
            names,
            rng: SplitMix(0x7461_6e75_7965_6e32),
            cards: 0,
            agency_turn: 0,
        }
    }

    /// The next party card number: eight digits, `62` (Lai Châu) then six that differ for every
    /// card (a multiplication by a number prime to 10⁶ is a bijection modulo 10⁶).
    fn next_card(&mut self) -> String {
        self.cards += 1;
        format!("62{:06}", (self.cards * 7_919 + 104_729) % 1_000_000)
    }

    fn push(&mut self, person: DemoPerson) -> usize {
        self.people.push(person);
        self.people.len() - 1
    }

    fn push_named(
        &mut self,
        who: &Named,
        organization: &str,
        outgoing_committee: bool,
    ) -> anyhow::Result<usize> {
        let (y, m, d) = who.born;
        let birth = NaiveDate::from_ymd_opt(y, m, d)
            .map(BirthDate::Full)
            .ok_or_else(|| anyhow!("người mẫu «{}»: ngày sinh không có thật", who.name))?;
        let card = self.next_card();
        let fields = person_fields(
            who.name,
            who.sex,
            birth,
            who.ethnicity,
            who.education,
            who.position,
            organization,
            Some(&card),
        )?;
        Ok(self.push(DemoPerson {
            fields,
            outgoing_committee,
        }))
    }

    /// A generated person for `position` (role `role` of the roll, 0 the secretary) of
    /// `organization`, drawing the ethnicity from `mix` (or the agencies' mix).
    fn push_generated(
        &mut self,
        organization: &str,
        mix: &[&'static str],
        position: &str,
        role: usize,
        female: bool,
    ) -> anyhow::Result<usize> {
        let index = self.people.len();
        let (ethnicity, sex, full_name) = self.draw_name(mix, female);
        // Secretaries and deputies are older; every 19th person's roll holds only the year.
        let year = if role <= 1 {
            1966 + self.rng.below(20) as i32
        } else {
            1970 + self.rng.below(25) as i32
        };
        let birth = if index % 19 == 7 {
            BirthDate::YearOnly(year)
        } else {
            BirthDate::Full(date(
                year,
                1 + self.rng.below(12) as u32,
                1 + self.rng.below(28) as u32,
            ))
        };
        let study = self.rng.pick(STUDIES);
        let education = if role <= 1 {
            format!("{study}; {TCLLCT}")
        } else if self.rng.below(2) == 0 {
            format!("{study}; Sơ cấp lý luận chính trị")
        } else {
            study.to_owned()
        };
        let card = index.is_multiple_of(2).then(|| self.next_card());
        let fields = person_fields(
            &full_name,
            sex,
            birth,
            ethnicity,
            &education,
            position,
            organization,
            card.as_deref(),
        )?;
        Ok(self.push(DemoPerson {
            fields,
            outgoing_committee: false,
        }))
    }
}

impl Roll {
    /// An ethnicity from `mix` (or the agencies' mix), a sex (30% women unless `female`) and a
    /// full name not used before.
    fn draw_name(&mut self, mix: &[&'static str], female: bool) -> (&'static str, Sex, String) {
        let ethnicity = if mix.is_empty() {
            self.agency_turn += 1;
            AGENCY_MIX[self.agency_turn % AGENCY_MIX.len()]
        } else {
            mix[self.rng.below(mix.len())]
        };
        let sex = if female || self.rng.below(100) < 30 {
            F
        } else {
            M
        };
        loop {
            let family = self.rng.pick(families(ethnicity));
            let middle = self.rng.pick(middles(ethnicity, sex));
            let given = self.rng.pick(givens(ethnicity, sex));
            let name = format!("{family} {middle} {given}");
            if self.names.insert(name.clone()) {
                return (ethnicity, sex, name);
            }
        }
    }

    /// A delegate who is not on a roll: a name, a sex and a year of birth (1965–1999).
    fn draw_person(&mut self, mix: &[&'static str], female: bool) -> (String, Sex, BirthDate) {
        let (_, sex, name) = self.draw_name(mix, female);
        let year = 1965 + self.rng.below(35) as i32;
        (name, sex, BirthDate::YearOnly(year))
    }

    /// `n` vote counts of a congress of `voters`, each more than half of them, in decreasing
    /// order (the elected first, then the alternates).
    fn votes(&mut self, voters: u32, n: usize) -> Vec<u32> {
        let floor = voters / 2 + 1;
        let span = (voters - floor + 1) as usize;
        let mut out: Vec<u32> = (0..n)
            .map(|_| floor + self.rng.below(span) as u32)
            .collect();
        out.sort_unstable_by(|a, b| b.cmp(a));
        out
    }
}

/// One person through the domain's field rules.
#[allow(clippy::too_many_arguments)]
fn person_fields(
    name: &str,
    sex: Sex,
    birth: BirthDate,
    ethnicity: &str,
    education: &str,
    position: &str,
    organization: &str,
    card: Option<&str>,
) -> anyhow::Result<PersonFields> {
    let checked = || -> Result<PersonFields, daihoi_domain::congress::field::FieldError> {
        Ok(PersonFields {
            full_name: check_full_name(name)?,
            sex,
            birth,
            ethnicity: check_text(ethnicity)?,
            education: check_text(education)?,
            position: check_text(position)?,
            organization_code: check_code(organization)?,
            card_number: card.map(check_card_number).transpose()?.flatten(),
        })
    };
    let fields = checked().with_context(|| format!("người mẫu «{name}» ({organization})"))?;
    if birth.year() < 1940 || birth.as_date() > date(2002, 6, 8) {
        bail!("người mẫu «{name}»: năm sinh {} không hợp lý", birth.year());
    }
    Ok(fields)
}

/// SplitMix64 with a fixed seed: the demo's only source of variety, the same on every run.
struct SplitMix(u64);

impl SplitMix {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0; the tiny modulo bias does not matter for names).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic() {
        let a = cycle().unwrap();
        let b = cycle().unwrap();
        assert_eq!(a.people, b.people);
        assert_eq!(a.congresses, b.congresses);
        assert_eq!(a.organizations, b.organizations);
    }

    #[test]
    fn card_numbers_differ() {
        let mut roll = Roll::new();
        let cards: HashSet<String> = (0..5_000).map(|_| roll.next_card()).collect();
        assert_eq!(cards.len(), 5_000);
        assert!(cards.iter().all(|c| c.len() == 8 && c.starts_with("62")));
    }
}
