//! Nhập danh sách — planning the import of a file of organizations or of people, before anything
//! is stored: which rows are new, which change a stored record, which change nothing, and every
//! reason to refuse the file as a whole (a duplicate code, an unknown parent, a cycle, a tree too
//! deep; an unknown organization, a duplicate card number).
//!
//! Pure: the caller passes the stored facts it needs ([`StoredOrganization`], [`StoredPerson`])
//! and the rows the sheet reader has checked field by field (each with the row number Excel
//! shows). A plan is applied whole, in one transaction, in the order it gives (parents before
//! children); a refused file is reported whole: every issue, each naming its row.
//!
//! The issues' messages are phrases in Vietnamese (lowercase, no final stop), like
//! [`FieldError`](super::field::FieldError)'s, so that they read after "Dòng 12, cột «Mã»: ".

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::organization::{MAX_DEPTH, OrganizationFields, code_key};
use super::person::{BirthDate, PersonFields, Sex};
use crate::vn::fold::fold;

/// Tổ chức đã lưu — what planning needs to know of one stored organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredOrganization {
    /// Its id in the store.
    pub id: i64,
    /// Mã (as stored; compared through [`code_key`]).
    pub code: String,
    /// Tên tổ chức.
    pub name: String,
    /// Cấp.
    pub level: String,
    /// Số đảng viên.
    pub members: i64,
    /// The parent's id, `None` for a root.
    pub parent_id: Option<i64>,
    /// Đã giải thể / đóng — kept in history, takes no new children and no import.
    pub closed: bool,
}

/// Cấp trên trong kế hoạch — where a planned organization hangs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlannedParent {
    /// No parent: a root of the tree.
    Root,
    /// A stored organization, by id.
    Stored(i64),
    /// An organization inserted earlier in the same plan, by its code key ([`code_key`]).
    New(String),
}

/// Việc cần làm với một tổ chức — insert a new organization or update a stored one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganizationAction {
    /// Thêm mới.
    Insert,
    /// Cập nhật the stored organization with this id (name, level, members, parent; the code as
    /// stored is kept).
    Update {
        /// The stored organization's id.
        id: i64,
    },
}

/// Một bước — one row of the file to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationStep {
    /// The row Excel shows.
    pub row: u32,
    /// Insert or update.
    pub action: OrganizationAction,
    /// The fields as the file gives them.
    pub fields: OrganizationFields,
    /// Its parent once the plan is applied.
    pub parent: PlannedParent,
}

/// Kế hoạch nhập tổ chức — the steps, parents before children, and what the file leaves as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrganizationPlan {
    /// Rows to write, in an order where every parent comes before its children.
    pub steps: Vec<OrganizationStep>,
    /// Rows equal to what is stored (không đổi).
    pub unchanged: usize,
}

impl OrganizationPlan {
    /// Số tổ chức thêm mới.
    pub fn inserted(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.action == OrganizationAction::Insert)
            .count()
    }

    /// Số tổ chức cập nhật.
    pub fn updated(&self) -> usize {
        self.steps.len() - self.inserted()
    }
}

/// Which column of the file an issue is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportColumn {
    /// Mã (of an organization).
    Code,
    /// Mã cấp trên.
    ParentCode,
    /// Mã tổ chức (of a person).
    OrganizationCode,
    /// Số thẻ đảng viên.
    CardNumber,
    /// Họ và tên (with the date of birth: the person as a whole).
    FullName,
}

/// Lỗi nhập tổ chức — why a file of organizations cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrganizationIssue {
    /// Mã trùng — the same code (case aside) on two rows.
    DuplicateCode {
        /// The later row.
        row: u32,
        /// The code as written on it.
        code: String,
        /// The first row that has it.
        first_row: u32,
    },
    /// Mã cấp trên không tồn tại — neither in the file nor stored.
    UnknownParent {
        /// The row.
        row: u32,
        /// The parent code as written.
        parent_code: String,
    },
    /// Cấp trên đã đóng — the parent is a closed organization.
    ClosedParent {
        /// The row.
        row: u32,
        /// The parent code as written.
        parent_code: String,
    },
    /// Tổ chức đã đóng — the row names a closed organization, which an import does not change.
    Closed {
        /// The row.
        row: u32,
        /// The code as written.
        code: String,
    },
    /// Vòng lặp — the parents given make organizations each other's ancestors.
    Cycle {
        /// The first row of the cycle (in file order).
        row: u32,
        /// The codes around the cycle, starting from that row's, each with its row in the file
        /// (`None` for a stored organization the file does not list).
        members: Vec<(String, Option<u32>)>,
    },
    /// Quá sâu — the tree would be deeper than [`MAX_DEPTH`] below this row's organization.
    TooDeep {
        /// The row (the nearest row above the too-deep organizations).
        row: u32,
        /// The code as written.
        code: String,
        /// The depth reached (root = 1).
        depth: usize,
    },
}

impl OrganizationIssue {
    /// The row Excel shows.
    pub fn row(&self) -> u32 {
        match self {
            OrganizationIssue::DuplicateCode { row, .. }
            | OrganizationIssue::UnknownParent { row, .. }
            | OrganizationIssue::ClosedParent { row, .. }
            | OrganizationIssue::Closed { row, .. }
            | OrganizationIssue::Cycle { row, .. }
            | OrganizationIssue::TooDeep { row, .. } => *row,
        }
    }

    /// The column it is about.
    pub fn column(&self) -> ImportColumn {
        match self {
            OrganizationIssue::DuplicateCode { .. }
            | OrganizationIssue::Closed { .. }
            | OrganizationIssue::TooDeep { .. } => ImportColumn::Code,
            OrganizationIssue::UnknownParent { .. }
            | OrganizationIssue::ClosedParent { .. }
            | OrganizationIssue::Cycle { .. } => ImportColumn::ParentCode,
        }
    }

    /// A stable code for JSON and tests.
    pub fn code(&self) -> &'static str {
        match self {
            OrganizationIssue::DuplicateCode { .. } => "duplicate_code",
            OrganizationIssue::UnknownParent { .. } => "unknown_parent",
            OrganizationIssue::ClosedParent { .. } => "closed_parent",
            OrganizationIssue::Closed { .. } => "closed_organization",
            OrganizationIssue::Cycle { .. } => "cycle",
            OrganizationIssue::TooDeep { .. } => "too_deep",
        }
    }
}

impl fmt::Display for OrganizationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OrganizationIssue::DuplicateCode {
                code, first_row, ..
            } => write!(f, "mã «{code}» trùng với mã ở dòng {first_row}"),
            OrganizationIssue::UnknownParent { parent_code, .. } => write!(
                f,
                "mã cấp trên «{parent_code}» không có trong tệp và chưa có trong hệ thống"
            ),
            OrganizationIssue::ClosedParent { parent_code, .. } => write!(
                f,
                "cấp trên «{parent_code}» đã đóng, không nhận thêm tổ chức trực thuộc"
            ),
            OrganizationIssue::Closed { code, .. } => write!(
                f,
                "tổ chức «{code}» đã đóng (lưu trong lịch sử), không cập nhật qua tệp nhập"
            ),
            OrganizationIssue::Cycle { members, .. } => {
                f.write_str("các mã cấp trên tạo thành vòng lặp: ")?;
                for (code, row) in members {
                    match row {
                        Some(row) => write!(f, "«{code}» (dòng {row}) → ")?,
                        None => write!(f, "«{code}» (đã lưu) → ")?,
                    }
                }
                match members.first() {
                    Some((code, _)) => write!(f, "«{code}»"),
                    None => Ok(()),
                }
            }
            OrganizationIssue::TooDeep { code, depth, .. } => write!(
                f,
                "cây tổ chức dưới «{code}» sẽ sâu {depth} cấp, quá giới hạn {MAX_DEPTH} cấp"
            ),
        }
    }
}

/// Lập kế hoạch nhập tổ chức — checks the rows of a file against each other and against the
/// stored organizations, and plans them.
///
/// The file is the truth for each organization it lists: its name, level, member count and
/// parent (an empty parent code makes it a root). A code already stored (case aside) updates that
/// organization, a new code inserts one. Refused, with every issue: a code twice in the file, a
/// parent code neither in the file nor stored, a closed parent or organization, parents that go
/// round in a cycle (also through stored organizations the file moves), and a tree deeper than
/// [`MAX_DEPTH`] (stored descendants of a moved organization count).
pub fn plan_organizations(
    stored: &[StoredOrganization],
    rows: &[(u32, OrganizationFields)],
) -> Result<OrganizationPlan, Vec<OrganizationIssue>> {
    let mut issues = Vec::new();
    let stored_by_key: HashMap<String, &StoredOrganization> =
        stored.iter().map(|o| (code_key(&o.code), o)).collect();
    let key_by_id: HashMap<i64, String> =
        stored.iter().map(|o| (o.id, code_key(&o.code))).collect();

    // The file's rows by code; a duplicate is reported and the first row kept.
    let mut file: HashMap<String, &(u32, OrganizationFields)> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for entry in rows {
        let (row, fields) = entry;
        let key = code_key(&fields.code);
        if let Some((first_row, _)) = file.get(&key) {
            issues.push(OrganizationIssue::DuplicateCode {
                row: *row,
                code: fields.code.clone(),
                first_row: *first_row,
            });
            continue;
        }
        if stored_by_key.get(&key).is_some_and(|o| o.closed) {
            issues.push(OrganizationIssue::Closed {
                row: *row,
                code: fields.code.clone(),
            });
        }
        file.insert(key.clone(), entry);
        order.push(key);
    }

    // The parent of every organization once the file is applied, by code key.
    let mut parent: HashMap<String, Option<String>> = stored
        .iter()
        .map(|o| {
            let key = code_key(&o.code);
            (key, o.parent_id.and_then(|id| key_by_id.get(&id).cloned()))
        })
        .collect();
    for key in &order {
        let (row, fields) = file[key];
        let parent_key = fields.parent_code.as_deref().map(code_key);
        if let (Some(code), Some(pk)) = (&fields.parent_code, &parent_key) {
            match (file.contains_key(pk), stored_by_key.get(pk)) {
                (false, None) => issues.push(OrganizationIssue::UnknownParent {
                    row: *row,
                    parent_code: code.clone(),
                }),
                (false, Some(p)) if p.closed => issues.push(OrganizationIssue::ClosedParent {
                    row: *row,
                    parent_code: code.clone(),
                }),
                _ => {}
            }
        }
        parent.insert(key.clone(), parent_key);
    }
    // An unknown parent hangs nowhere: treat it as a root for the checks below.
    let known: HashSet<&String> = parent.keys().collect();
    let parent: HashMap<String, Option<String>> = parent
        .iter()
        .map(|(k, p)| (k.clone(), p.clone().filter(|p| known.contains(p))))
        .collect();

    let depths = Depths::of(&parent);
    for cycle in &depths.cycles {
        // Named from its first row in file order; a cycle always goes through the file (the
        // stored tree has none).
        let Some(start) = cycle
            .iter()
            .filter_map(|k| file.get(k).map(|(row, _)| (*row, k)))
            .min()
        else {
            continue;
        };
        let at = cycle.iter().position(|k| k == start.1).unwrap_or(0);
        let members = cycle[at..]
            .iter()
            .chain(&cycle[..at])
            .map(|k| {
                let (code, row) = match (file.get(k), stored_by_key.get(k)) {
                    (Some((row, fields)), _) => (fields.code.clone(), Some(*row)),
                    (None, Some(o)) => (o.code.clone(), None),
                    (None, None) => (k.clone(), None),
                };
                (code, row)
            })
            .collect();
        issues.push(OrganizationIssue::Cycle {
            row: start.0,
            members,
        });
    }
    // Too deep: each organization past the limit is charged to its nearest ancestor (or itself)
    // that the file lists, once per such row, with the deepest level reached.
    let mut too_deep: HashMap<String, usize> = HashMap::new();
    for (key, depth) in &depths.depth {
        if *depth <= MAX_DEPTH {
            continue;
        }
        let mut at = Some(key.clone());
        while let Some(k) = at {
            if file.contains_key(&k) {
                let worst = too_deep.entry(k).or_insert(0);
                *worst = (*worst).max(*depth);
                break;
            }
            at = parent.get(&k).cloned().flatten();
        }
    }
    // Only the topmost rows: a row below another charged row adds nothing new.
    for key in &order {
        let Some(depth) = too_deep.get(key) else {
            continue;
        };
        let mut above = parent.get(key).cloned().flatten();
        let mut shadowed = false;
        while let Some(k) = above {
            if too_deep.contains_key(&k) {
                shadowed = true;
                break;
            }
            above = parent.get(&k).cloned().flatten();
        }
        if !shadowed {
            let (row, fields) = file[key];
            issues.push(OrganizationIssue::TooDeep {
                row: *row,
                code: fields.code.clone(),
                depth: *depth,
            });
        }
    }

    if !issues.is_empty() {
        issues.sort_by_key(|issue| issue.row());
        return Err(issues);
    }

    let mut plan = OrganizationPlan::default();
    for key in &order {
        let (row, fields) = file[key];
        let planned_parent = match fields.parent_code.as_deref().map(code_key) {
            None => PlannedParent::Root,
            Some(pk) => match stored_by_key.get(&pk) {
                Some(p) => PlannedParent::Stored(p.id),
                None => PlannedParent::New(pk),
            },
        };
        let action = match stored_by_key.get(key) {
            None => OrganizationAction::Insert,
            Some(o) => {
                let same = o.name == fields.name
                    && o.level == fields.level
                    && o.members == fields.members
                    && match planned_parent {
                        PlannedParent::Root => o.parent_id.is_none(),
                        PlannedParent::Stored(id) => o.parent_id == Some(id),
                        PlannedParent::New(_) => false,
                    };
                if same {
                    plan.unchanged += 1;
                    continue;
                }
                OrganizationAction::Update { id: o.id }
            }
        };
        plan.steps.push(OrganizationStep {
            row: *row,
            action,
            fields: fields.clone(),
            parent: planned_parent,
        });
    }
    // Parents before children: a parent is one level higher once the file is applied.
    plan.steps
        .sort_by_key(|s| (depths.depth[&code_key(&s.fields.code)], s.row));
    Ok(plan)
}

/// The depth of every organization of a parent map (root = 1) and the cycles found in it.
struct Depths {
    depth: HashMap<String, usize>,
    /// Each cycle once, its keys in parent order (each one's parent is the next).
    cycles: Vec<Vec<String>>,
}

impl Depths {
    fn of(parent: &HashMap<String, Option<String>>) -> Depths {
        // 0 marks an organization on or below a cycle: it has no finite depth, is not walked
        // again and is not reported as too deep.
        let mut depth: HashMap<String, usize> = HashMap::new();
        let mut cycles = Vec::new();
        let mut keys: Vec<&String> = parent.keys().collect();
        keys.sort();
        for start in keys {
            if depth.contains_key(start) {
                continue;
            }
            // Walk up until a known depth, a root, or a key already on this path (a cycle).
            let mut path: Vec<String> = Vec::new();
            let mut on_path: HashMap<String, usize> = HashMap::new();
            let mut at = Some(start.clone());
            // The depth of what is above the path's top; `None` when that is a cycle.
            let mut above = Some(0);
            while let Some(k) = at {
                if let Some(&d) = depth.get(&k) {
                    above = (d > 0).then_some(d);
                    break;
                }
                if let Some(&i) = on_path.get(&k) {
                    for member in &path[i..] {
                        depth.insert(member.clone(), 0);
                    }
                    cycles.push(path.split_off(i));
                    above = None;
                    break;
                }
                on_path.insert(k.clone(), path.len());
                path.push(k.clone());
                at = parent.get(&k).cloned().flatten();
            }
            for k in path.into_iter().rev() {
                above = above.map(|d| d + 1);
                depth.insert(k, above.unwrap_or(0));
            }
        }
        Depths { depth, cycles }
    }
}

/// Người đã lưu — what planning needs to know of one stored person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    /// Its id in the store.
    pub id: i64,
    /// The organization whose roll holds the person.
    pub organization_id: i64,
    /// Họ và tên (NFC).
    pub full_name: String,
    /// Giới tính.
    pub sex: Sex,
    /// Ngày sinh.
    pub birth: BirthDate,
    /// Dân tộc.
    pub ethnicity: Option<String>,
    /// Trình độ.
    pub education: Option<String>,
    /// Chức vụ.
    pub position: Option<String>,
    /// Số thẻ đảng viên.
    pub card_number: Option<String>,
}

/// Việc cần làm với một người — insert or update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonAction {
    /// Thêm mới.
    Insert,
    /// Cập nhật the stored person with this id.
    Update {
        /// The stored person's id.
        id: i64,
    },
}

/// Một bước — one row of a file of people to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonStep {
    /// The row Excel shows.
    pub row: u32,
    /// Insert or update.
    pub action: PersonAction,
    /// The stored organization the person belongs to once applied.
    pub organization_id: i64,
    /// The fields as the file gives them.
    pub fields: PersonFields,
}

/// Kế hoạch nhập nhân sự.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PersonPlan {
    /// Rows to write, in file order.
    pub steps: Vec<PersonStep>,
    /// Rows equal to what is stored (không đổi).
    pub unchanged: usize,
}

impl PersonPlan {
    /// Số người thêm mới.
    pub fn inserted(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| s.action == PersonAction::Insert)
            .count()
    }

    /// Số người cập nhật.
    pub fn updated(&self) -> usize {
        self.steps.len() - self.inserted()
    }
}

/// Lỗi nhập nhân sự — why a file of people cannot be applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonIssue {
    /// Mã tổ chức không tồn tại — no stored organization has this code (organizations are
    /// imported first).
    UnknownOrganization {
        /// The row.
        row: u32,
        /// The code as written.
        code: String,
    },
    /// Tổ chức đã đóng.
    ClosedOrganization {
        /// The row.
        row: u32,
        /// The code as written.
        code: String,
    },
    /// Số thẻ trùng — the same card number on two rows.
    DuplicateCard {
        /// The later row.
        row: u32,
        /// The card number.
        card_number: String,
        /// The first row that has it.
        first_row: u32,
    },
    /// Trùng người — two rows name the same person (same organization, name and date of birth
    /// without card numbers, or the same stored person).
    DuplicatePerson {
        /// The later row.
        row: u32,
        /// The first row.
        first_row: u32,
    },
    /// Nhiều người khớp — several stored people of the organization have this name and date of
    /// birth and none a card number that tells them apart.
    Ambiguous {
        /// The row.
        row: u32,
        /// How many stored people match.
        matches: usize,
    },
}

impl PersonIssue {
    /// The row Excel shows.
    pub fn row(&self) -> u32 {
        match self {
            PersonIssue::UnknownOrganization { row, .. }
            | PersonIssue::ClosedOrganization { row, .. }
            | PersonIssue::DuplicateCard { row, .. }
            | PersonIssue::DuplicatePerson { row, .. }
            | PersonIssue::Ambiguous { row, .. } => *row,
        }
    }

    /// The column it is about.
    pub fn column(&self) -> ImportColumn {
        match self {
            PersonIssue::UnknownOrganization { .. } | PersonIssue::ClosedOrganization { .. } => {
                ImportColumn::OrganizationCode
            }
            PersonIssue::DuplicateCard { .. } => ImportColumn::CardNumber,
            PersonIssue::DuplicatePerson { .. } | PersonIssue::Ambiguous { .. } => {
                ImportColumn::FullName
            }
        }
    }

    /// A stable code for JSON and tests.
    pub fn code(&self) -> &'static str {
        match self {
            PersonIssue::UnknownOrganization { .. } => "unknown_organization",
            PersonIssue::ClosedOrganization { .. } => "closed_organization",
            PersonIssue::DuplicateCard { .. } => "duplicate_card",
            PersonIssue::DuplicatePerson { .. } => "duplicate_person",
            PersonIssue::Ambiguous { .. } => "ambiguous_person",
        }
    }
}

impl fmt::Display for PersonIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PersonIssue::UnknownOrganization { code, .. } => write!(
                f,
                "mã tổ chức «{code}» chưa có trong hệ thống (hãy nhập danh sách tổ chức trước)"
            ),
            PersonIssue::ClosedOrganization { code, .. } => {
                write!(f, "tổ chức «{code}» đã đóng, không nhận thêm người")
            }
            PersonIssue::DuplicateCard {
                card_number,
                first_row,
                ..
            } => write!(
                f,
                "số thẻ đảng viên «{card_number}» trùng với số thẻ ở dòng {first_row}"
            ),
            PersonIssue::DuplicatePerson { first_row, .. } => write!(
                f,
                "trùng người với dòng {first_row} (cùng tổ chức, họ tên và ngày sinh, hoặc cùng một người đã lưu)"
            ),
            PersonIssue::Ambiguous { matches, .. } => write!(
                f,
                "khớp với {matches} người đã lưu cùng tổ chức, họ tên và ngày sinh; hãy ghi số thẻ đảng viên để phân biệt"
            ),
        }
    }
}

/// Cột tuỳ chọn có trong tệp — which optional columns a file of people has. A column the file
/// lacks leaves that field of a stored person as it is (a file without «Dân tộc» does not erase
/// the stored ethnicities); a new person gets nothing there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonColumns {
    /// Dân tộc.
    pub ethnicity: bool,
    /// Trình độ.
    pub education: bool,
    /// Chức vụ.
    pub position: bool,
    /// Số thẻ đảng viên.
    pub card_number: bool,
}

impl PersonColumns {
    /// Every optional column present.
    pub const ALL: PersonColumns = PersonColumns {
        ethnicity: true,
        education: true,
        position: true,
        card_number: true,
    };
}

/// The key under which two records without a card number are the same person: organization,
/// folded name (case, diacritics and spacing aside), date of birth.
fn person_key(organization_id: i64, full_name: &str, birth: BirthDate) -> (i64, String, BirthDate) {
    let name = fold(full_name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (organization_id, name, birth)
}

/// Lập kế hoạch nhập nhân sự — checks the rows of a file of people and plans them.
///
/// `organizations` maps each stored organization's [`code_key`] to its id and whether it is
/// closed. A row is the same person as a stored one when their card numbers are equal; else, when
/// organization, folded name and date of birth are equal and the two card numbers do not differ
/// (either has none: two different card numbers are two people). Such a row updates that person (or changes nothing when every field is
/// equal); any other row inserts one. Optional columns the file lacks (`columns`) keep the stored
/// person's values. Refused, with every issue: an organization code not stored or closed, a card
/// number twice in the file, two rows for the same person, a row that matches several stored
/// people.
pub fn plan_people(
    organizations: &HashMap<String, (i64, bool)>,
    stored: &[StoredPerson],
    rows: &[(u32, PersonFields)],
    columns: PersonColumns,
) -> Result<PersonPlan, Vec<PersonIssue>> {
    let mut issues = Vec::new();
    let by_card: HashMap<&str, &StoredPerson> = stored
        .iter()
        .filter_map(|p| p.card_number.as_deref().map(|c| (c, p)))
        .collect();
    let mut by_key: HashMap<(i64, String, BirthDate), Vec<&StoredPerson>> = HashMap::new();
    for p in stored {
        by_key
            .entry(person_key(p.organization_id, &p.full_name, p.birth))
            .or_default()
            .push(p);
    }

    let mut cards_seen: HashMap<&str, u32> = HashMap::new();
    let mut keys_seen: HashMap<(i64, String, BirthDate), u32> = HashMap::new();
    let mut matched: HashMap<i64, u32> = HashMap::new();
    let mut plan = PersonPlan::default();
    for (row, fields) in rows {
        let row = *row;
        if let Some(card) = fields.card_number.as_deref() {
            match cards_seen.get(card) {
                Some(&first_row) => issues.push(PersonIssue::DuplicateCard {
                    row,
                    card_number: card.to_owned(),
                    first_row,
                }),
                None => {
                    cards_seen.insert(card, row);
                }
            }
        }
        let organization_id = match organizations.get(&code_key(&fields.organization_code)) {
            None => {
                issues.push(PersonIssue::UnknownOrganization {
                    row,
                    code: fields.organization_code.clone(),
                });
                continue;
            }
            Some((_, true)) => {
                issues.push(PersonIssue::ClosedOrganization {
                    row,
                    code: fields.organization_code.clone(),
                });
                continue;
            }
            Some((id, false)) => *id,
        };
        let key = person_key(organization_id, &fields.full_name, fields.birth);
        if fields.card_number.is_none() {
            match keys_seen.get(&key) {
                Some(&first_row) => {
                    issues.push(PersonIssue::DuplicatePerson { row, first_row });
                    continue;
                }
                None => {
                    keys_seen.insert(key.clone(), row);
                }
            }
        }

        let found: Option<&StoredPerson> =
            match fields.card_number.as_deref().and_then(|c| by_card.get(c)) {
                Some(p) => Some(p),
                None => {
                    let candidates: Vec<&StoredPerson> = by_key
                        .get(&key)
                        .into_iter()
                        .flatten()
                        .copied()
                        .filter(|p| {
                            fields.card_number.is_none()
                                || p.card_number.is_none()
                                || p.card_number == fields.card_number
                        })
                        .collect();
                    match candidates.as_slice() {
                        [] => None,
                        [one] => Some(*one),
                        many => {
                            issues.push(PersonIssue::Ambiguous {
                                row,
                                matches: many.len(),
                            });
                            continue;
                        }
                    }
                }
            };
        let action = match found {
            None => (PersonAction::Insert, fields.clone()),
            Some(p) => {
                if let Some(&first_row) = matched.get(&p.id) {
                    issues.push(PersonIssue::DuplicatePerson { row, first_row });
                    continue;
                }
                matched.insert(p.id, row);
                let mut fields = fields.clone();
                if !columns.ethnicity {
                    fields.ethnicity = p.ethnicity.clone();
                }
                if !columns.education {
                    fields.education = p.education.clone();
                }
                if !columns.position {
                    fields.position = p.position.clone();
                }
                if !columns.card_number {
                    fields.card_number = p.card_number.clone();
                }
                let same = p.organization_id == organization_id
                    && p.full_name == fields.full_name
                    && p.sex == fields.sex
                    && p.birth == fields.birth
                    && p.ethnicity == fields.ethnicity
                    && p.education == fields.education
                    && p.position == fields.position
                    && p.card_number == fields.card_number;
                if same {
                    plan.unchanged += 1;
                    continue;
                }
                (PersonAction::Update { id: p.id }, fields)
            }
        };
        plan.steps.push(PersonStep {
            row,
            action: action.0,
            organization_id,
            fields: action.1,
        });
    }
    if issues.is_empty() {
        Ok(plan)
    } else {
        issues.sort_by_key(|issue| issue.row());
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn org(code: &str, parent: Option<&str>) -> OrganizationFields {
        OrganizationFields {
            code: code.to_owned(),
            name: format!("Tổ chức {}", code_key(code)),
            parent_code: parent.map(str::to_owned),
            level: "Chi bộ".to_owned(),
            members: 10,
        }
    }

    fn stored(id: i64, code: &str, parent_id: Option<i64>) -> StoredOrganization {
        StoredOrganization {
            id,
            code: code.to_owned(),
            name: format!("Tổ chức {}", code_key(code)),
            level: "Chi bộ".to_owned(),
            members: 10,
            parent_id,
            closed: false,
        }
    }

    fn rows(list: &[(&str, Option<&str>)]) -> Vec<(u32, OrganizationFields)> {
        list.iter()
            .enumerate()
            .map(|(i, (c, p))| (i as u32 + 2, org(c, *p)))
            .collect()
    }

    #[test]
    fn a_new_tree_is_planned_parents_first() {
        let file = rows(&[("CB-1", Some("DB")), ("DB", Some("HU")), ("HU", None)]);
        let plan = plan_organizations(&[], &file).unwrap();
        let codes: Vec<&str> = plan.steps.iter().map(|s| s.fields.code.as_str()).collect();
        assert_eq!(codes, ["HU", "DB", "CB-1"]);
        assert_eq!(plan.steps[0].parent, PlannedParent::Root);
        assert_eq!(plan.steps[1].parent, PlannedParent::New("HU".into()));
        assert_eq!((plan.inserted(), plan.updated(), plan.unchanged), (3, 0, 0));
    }

    #[test]
    fn stored_codes_update_or_stay_unchanged() {
        let db = [stored(1, "HU", None), stored(2, "db", Some(1))];
        let mut file = rows(&[("HU", None), ("DB", Some("hu")), ("CB", Some("DB"))]);
        let plan = plan_organizations(&db, &file).unwrap();
        assert_eq!((plan.inserted(), plan.updated(), plan.unchanged), (1, 0, 2));
        assert_eq!(plan.steps[0].parent, PlannedParent::Stored(2));

        file[1].1.members = 11;
        let plan = plan_organizations(&db, &file).unwrap();
        assert_eq!((plan.inserted(), plan.updated(), plan.unchanged), (1, 1, 1));
        assert_eq!(plan.steps[0].action, OrganizationAction::Update { id: 2 });
        // Moving DB to the root is a change too.
        file[1].1.members = 10;
        file[1].1.parent_code = None;
        let plan = plan_organizations(&db, &file).unwrap();
        assert_eq!(plan.updated(), 1);
    }

    #[test]
    fn duplicates_and_unknown_parents_name_their_rows() {
        let file = rows(&[("A", None), ("B", Some("X")), ("a", None)]);
        let issues = plan_organizations(&[], &file).unwrap_err();
        assert_eq!(
            issues,
            vec![
                OrganizationIssue::UnknownParent {
                    row: 3,
                    parent_code: "X".into()
                },
                OrganizationIssue::DuplicateCode {
                    row: 4,
                    code: "a".into(),
                    first_row: 2
                },
            ]
        );
        assert_eq!(issues[1].to_string(), "mã «a» trùng với mã ở dòng 2");
        assert_eq!(
            issues[0].to_string(),
            "mã cấp trên «X» không có trong tệp và chưa có trong hệ thống"
        );
    }

    #[test]
    fn cycles_in_the_file_and_through_the_store() {
        let file = rows(&[
            ("A", Some("B")),
            ("B", Some("C")),
            ("C", Some("A")),
            ("D", Some("D")),
        ]);
        let issues = plan_organizations(&[], &file).unwrap_err();
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!(
            issues[0].to_string(),
            "các mã cấp trên tạo thành vòng lặp: «A» (dòng 2) → «B» (dòng 3) → «C» (dòng 4) → «A»"
        );
        assert_eq!(issues[1].row(), 5);

        // Stored: R > S > T. The file hangs R under T.
        let db = [
            stored(1, "R", None),
            stored(2, "S", Some(1)),
            stored(3, "T", Some(2)),
        ];
        let issues = plan_organizations(&db, &rows(&[("R", Some("T"))])).unwrap_err();
        assert!(
            matches!(&issues[..], [OrganizationIssue::Cycle { row: 2, members }] if members.len() == 3)
        );
        assert!(issues[0].to_string().contains("«S» (đã lưu)"));
    }

    #[test]
    fn closed_organizations_take_no_import_and_no_children() {
        let mut db = [stored(1, "HU", None)];
        db[0].closed = true;
        let issues =
            plan_organizations(&db, &rows(&[("HU", None), ("CB", Some("HU"))])).unwrap_err();
        assert_eq!(
            issues.iter().map(|i| i.code()).collect::<Vec<_>>(),
            ["closed_organization"]
        );
        let issues = plan_organizations(&db, &rows(&[("CB", Some("HU"))])).unwrap_err();
        assert_eq!(issues[0].code(), "closed_parent");
    }

    #[test]
    fn depth_counts_stored_descendants_of_a_moved_organization() {
        // A chain exactly MAX_DEPTH deep is fine; one more is refused on the row that adds it.
        let chain: Vec<(String, Option<String>)> = (0..MAX_DEPTH)
            .map(|i| (format!("N{i}"), (i > 0).then(|| format!("N{}", i - 1))))
            .collect();
        let as_refs: Vec<(&str, Option<&str>)> = chain
            .iter()
            .map(|(c, p)| (c.as_str(), p.as_deref()))
            .collect();
        assert!(plan_organizations(&[], &rows(&as_refs)).is_ok());
        let mut deeper = as_refs.clone();
        deeper.push(("X", Some("N15")));
        let issues = plan_organizations(&[], &rows(&deeper)).unwrap_err();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].code(), "too_deep");
        assert_eq!(issues[0].row(), 2 + MAX_DEPTH as u32);

        // Stored: a chain of 10 under S0; the file hangs S0 under a new chain of 7: 17 deep,
        // charged to the topmost row.
        let db: Vec<StoredOrganization> = (0..10)
            .map(|i| stored(i + 1, &format!("S{i}"), (i > 0).then_some(i)))
            .collect();
        let mut file: Vec<(String, Option<String>)> = (0..7)
            .map(|i| (format!("M{i}"), (i > 0).then(|| format!("M{}", i - 1))))
            .collect();
        file.push(("S0".into(), Some("M6".into())));
        let as_refs: Vec<(&str, Option<&str>)> = file
            .iter()
            .map(|(c, p)| (c.as_str(), p.as_deref()))
            .collect();
        let issues = plan_organizations(&db, &rows(&as_refs)).unwrap_err();
        assert_eq!(
            issues,
            vec![OrganizationIssue::TooDeep {
                row: 9,
                code: "S0".into(),
                depth: 17
            }]
        );
    }

    fn person(name: &str, org: &str, card: Option<&str>) -> PersonFields {
        PersonFields {
            full_name: name.to_owned(),
            sex: Sex::Female,
            birth: BirthDate::Full(NaiveDate::from_ymd_opt(1980, 2, 29).unwrap()),
            ethnicity: Some("Thái".into()),
            education: None,
            position: None,
            organization_code: org.to_owned(),
            card_number: card.map(str::to_owned),
        }
    }

    fn stored_person(id: i64, f: &PersonFields, organization_id: i64) -> StoredPerson {
        StoredPerson {
            id,
            organization_id,
            full_name: f.full_name.clone(),
            sex: f.sex,
            birth: f.birth,
            ethnicity: f.ethnicity.clone(),
            education: f.education.clone(),
            position: f.position.clone(),
            card_number: f.card_number.clone(),
        }
    }

    fn orgs() -> HashMap<String, (i64, bool)> {
        HashMap::from([("CB-1".into(), (1, false)), ("CB-2".into(), (2, true))])
    }

    #[test]
    fn people_match_by_card_then_by_name_and_birth() {
        let a = person("Lò Thị Mai", "cb-1", Some("123"));
        let b = person("Nguyễn Văn An", "CB-1", None);
        let db = [stored_person(7, &a, 1), stored_person(8, &b, 1)];

        let mut a2 = a.clone();
        a2.full_name = "Lò Thị Mai Anh".into();
        let mut b2 = b.clone();
        b2.full_name = "nguyen  van an".into();
        let c = person("Nguyễn Văn An", "CB-1", Some("999"));
        let plan = plan_people(
            &orgs(),
            &db,
            &[(2, a2), (3, b2), (4, c)],
            PersonColumns::ALL,
        )
        .unwrap_err();
        // b2 and c match the same stored person (c's card is new, 8 has none): the later row is
        // reported.
        assert_eq!(
            plan,
            vec![PersonIssue::DuplicatePerson {
                row: 4,
                first_row: 3
            }]
        );

        let plan = plan_people(
            &orgs(),
            &db,
            &[(2, a.clone()), (3, b.clone())],
            PersonColumns::ALL,
        )
        .unwrap();
        assert_eq!((plan.inserted(), plan.updated(), plan.unchanged), (0, 0, 2));

        let mut moved = a.clone();
        moved.full_name = "Lò Thị Mai Anh".into();
        let new = person("Trần Văn Bình", "CB-1", None);
        let plan = plan_people(&orgs(), &db, &[(2, moved), (3, new)], PersonColumns::ALL).unwrap();
        assert_eq!(plan.steps[0].action, PersonAction::Update { id: 7 });
        assert_eq!(plan.steps[1].action, PersonAction::Insert);
    }

    #[test]
    fn people_issues_name_their_rows() {
        let rows = [
            (2, person("A", "CB-1", Some("1"))),
            (3, person("B", "CB-1", Some("1"))),
            (4, person("C", "XX", None)),
            (5, person("D", "CB-2", None)),
            (6, person("E", "CB-1", None)),
            (7, person("e", "CB-1", None)),
        ];
        let issues = plan_people(&orgs(), &[], &rows, PersonColumns::ALL).unwrap_err();
        assert_eq!(
            issues
                .iter()
                .map(|i| (i.row(), i.code()))
                .collect::<Vec<_>>(),
            [
                (3, "duplicate_card"),
                (4, "unknown_organization"),
                (5, "closed_organization"),
                (7, "duplicate_person")
            ]
        );
        assert_eq!(
            issues[0].to_string(),
            "số thẻ đảng viên «1» trùng với số thẻ ở dòng 2"
        );
    }

    #[test]
    fn absent_optional_columns_keep_what_is_stored() {
        let a = person("Lò Thị Mai", "CB-1", Some("123"));
        let db = [stored_person(7, &a, 1)];
        let mut bare = a.clone();
        bare.ethnicity = None;
        bare.card_number = None;
        let only_required = PersonColumns {
            ethnicity: false,
            education: false,
            position: false,
            card_number: false,
        };
        let plan = plan_people(&orgs(), &db, &[(2, bare.clone())], only_required).unwrap();
        assert_eq!((plan.updated(), plan.unchanged), (0, 1));
        bare.position = Some("Bí thư".into());
        let plan = plan_people(
            &orgs(),
            &db,
            &[(2, bare.clone())],
            PersonColumns {
                position: true,
                ..only_required
            },
        )
        .unwrap();
        assert_eq!(plan.steps[0].fields.ethnicity.as_deref(), Some("Thái"));
        assert_eq!(plan.steps[0].fields.card_number.as_deref(), Some("123"));
        // With the columns present and empty, the file erases them.
        let plan = plan_people(&orgs(), &db, &[(2, bare)], PersonColumns::ALL).unwrap();
        assert_eq!(plan.steps[0].fields.ethnicity, None);
    }

    #[test]
    fn several_stored_matches_are_ambiguous() {
        let a = person("Lò Thị Mai", "CB-1", None);
        let db = [stored_person(1, &a, 1), stored_person(2, &a, 1)];
        let issues = plan_people(&orgs(), &db, &[(2, a)], PersonColumns::ALL).unwrap_err();
        assert_eq!(issues, vec![PersonIssue::Ambiguous { row: 2, matches: 2 }]);
    }

    proptest! {
        /// Any forest given in any row order plans with every parent before its children, and
        /// planning the same file over what it produced changes nothing.
        #[test]
        fn forests_plan_parents_first_and_settle(
            parents in proptest::collection::vec(proptest::option::of(0usize..40), 1..40),
            seed in any::<u64>(),
        ) {
            // Node i may hang under a node j < i only: a forest, depth capped by the limit.
            let n = parents.len();
            let mut parent: Vec<Option<usize>> = parents
                .iter()
                .enumerate()
                .map(|(i, p)| p.filter(|&j| j < i))
                .collect();
            let mut depth = vec![1usize; n];
            for i in 0..n {
                if let Some(j) = parent[i] {
                    if depth[j] >= MAX_DEPTH { parent[i] = None; } else { depth[i] = depth[j] + 1; }
                }
            }
            let mut order: Vec<usize> = (0..n).collect();
            // A fixed shuffle from the seed.
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                order.swap(i, (s >> 33) as usize % (i + 1));
            }
            let file: Vec<(u32, OrganizationFields)> = order
                .iter()
                .enumerate()
                .map(|(row, &i)| {
                    let code = format!("N{i}");
                    let p = parent[i].map(|j| format!("n{j}"));
                    (row as u32 + 2, org(&code, p.as_deref()))
                })
                .collect();
            let plan = plan_organizations(&[], &file).unwrap();
            prop_assert_eq!(plan.steps.len(), n);
            let mut placed: HashSet<String> = HashSet::new();
            let mut db = Vec::new();
            let mut ids: HashMap<String, i64> = HashMap::new();
            for (k, step) in plan.steps.iter().enumerate() {
                let parent_id = match &step.parent {
                    PlannedParent::Root => None,
                    PlannedParent::New(key) => {
                        prop_assert!(placed.contains(key));
                        Some(ids[key])
                    }
                    PlannedParent::Stored(_) => unreachable!(),
                };
                let key = code_key(&step.fields.code);
                placed.insert(key.clone());
                ids.insert(key, k as i64 + 1);
                db.push(StoredOrganization {
                    id: k as i64 + 1,
                    code: step.fields.code.clone(),
                    name: step.fields.name.clone(),
                    level: step.fields.level.clone(),
                    members: step.fields.members,
                    parent_id,
                    closed: false,
                });
            }
            let again = plan_organizations(&db, &file).unwrap();
            prop_assert!(again.steps.is_empty());
            prop_assert_eq!(again.unchanged, n);
        }
    }
}
