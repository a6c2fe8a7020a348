//! Phạm vi nhập — an import made from the workspace on one organization may write only inside
//! that organization's subtree: the organizations a file adds or changes hang below it, and the
//! people a file adds or changes belong to it or to an organization below it.
//!
//! The command line (`daihoi import`) works on the whole tree and does not call this; the web
//! calls it after planning, with the same rows, and refuses the file with every row named.
//! Pure: the caller passes the stored facts.

use std::collections::{HashMap, HashSet};
use std::fmt;

use super::import::{ImportColumn, PersonAction, PersonPlan, StoredOrganization, StoredPerson};
use super::organization::{OrganizationFields, code_key};
use super::person::PersonFields;

/// Ngoài phạm vi — one row of a file that would write outside the subtree imported into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideScope {
    /// The row Excel shows.
    pub row: u32,
    /// The column the row names the outside organization in.
    pub column: ImportColumn,
    /// What lies outside.
    pub reason: OutsideReason,
}

/// Why a row lies outside the subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutsideReason {
    /// The row changes a stored organization that is not in the subtree (its code).
    StoredOrganization(String),
    /// The row hangs an organization under a parent that is not in the subtree (its code).
    Parent(String),
    /// The row makes an organization a root (an empty parent code).
    Root,
    /// The row moves the organization imported into (its code) to another parent.
    MovesScopeRoot(String),
    /// The row puts a person in an organization that is not in the subtree (its code).
    PersonOrganization(String),
    /// The row matches a stored person whose organization is not in the subtree.
    StoredPerson,
}

impl OutsideScope {
    /// Stable code of the problem (for reports and tests).
    pub fn code(&self) -> &'static str {
        "outside_scope"
    }
}

impl fmt::Display for OutsideScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            OutsideReason::StoredOrganization(code) => write!(
                f,
                "tổ chức «{code}» nằm ngoài phạm vi của tổ chức đang nhập, không sửa được từ đây"
            ),
            OutsideReason::Parent(code) => write!(
                f,
                "cấp trên «{code}» nằm ngoài phạm vi của tổ chức đang nhập"
            ),
            OutsideReason::Root => f.write_str(
                "mã cấp trên để trống sẽ đưa tổ chức ra ngoài phạm vi của tổ chức đang nhập",
            ),
            OutsideReason::MovesScopeRoot(code) => write!(
                f,
                "tệp chuyển chính tổ chức «{code}» đang nhập sang cấp trên khác, việc này không làm được từ đây"
            ),
            OutsideReason::PersonOrganization(code) => write!(
                f,
                "tổ chức «{code}» nằm ngoài phạm vi của tổ chức đang nhập"
            ),
            OutsideReason::StoredPerson => f.write_str(
                "người có số thẻ này đang thuộc một tổ chức ngoài phạm vi của tổ chức đang nhập",
            ),
        }
    }
}

/// The ids of `root` and every stored organization below it.
pub fn subtree_ids(stored: &[StoredOrganization], root: i64) -> HashSet<i64> {
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for o in stored {
        if let Some(parent) = o.parent_id {
            children.entry(parent).or_default().push(o.id);
        }
    }
    let mut ids = HashSet::from([root]);
    let mut queue = vec![root];
    while let Some(id) = queue.pop() {
        for &child in children.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
            if ids.insert(child) {
                queue.push(child);
            }
        }
    }
    ids
}

/// Tổ chức ngoài phạm vi — the rows of an organization file that would write outside the
/// subtree of `root`: a row changing a stored organization outside it, a row whose parent is a
/// stored organization outside it or empty, a row moving `root` itself. A row naming `root`
/// with its stored parent (as an export of the subtree does) is inside. A parent code that is
/// neither stored nor in the file is the planner's problem, not this one's.
pub fn organizations_outside(
    stored: &[StoredOrganization],
    root: i64,
    rows: &[(u32, OrganizationFields)],
) -> Vec<OutsideScope> {
    let inside = subtree_ids(stored, root);
    let by_key: HashMap<String, &StoredOrganization> =
        stored.iter().map(|o| (code_key(&o.code), o)).collect();
    let by_id: HashMap<i64, &StoredOrganization> = stored.iter().map(|o| (o.id, o)).collect();
    let mut outside = Vec::new();
    for (row, fields) in rows {
        let row = *row;
        let parent_key = fields.parent_code.as_deref().map(code_key);
        if let Some(own) = by_key.get(&code_key(&fields.code)) {
            if own.id == root {
                let stored_parent = own
                    .parent_id
                    .and_then(|id| by_id.get(&id))
                    .map(|p| code_key(&p.code));
                if stored_parent != parent_key {
                    outside.push(OutsideScope {
                        row,
                        column: ImportColumn::ParentCode,
                        reason: OutsideReason::MovesScopeRoot(own.code.clone()),
                    });
                }
                continue;
            }
            if !inside.contains(&own.id) {
                outside.push(OutsideScope {
                    row,
                    column: ImportColumn::Code,
                    reason: OutsideReason::StoredOrganization(own.code.clone()),
                });
                continue;
            }
        }
        match (&fields.parent_code, parent_key.and_then(|k| by_key.get(&k))) {
            (None, _) => outside.push(OutsideScope {
                row,
                column: ImportColumn::ParentCode,
                reason: OutsideReason::Root,
            }),
            (Some(code), Some(parent)) if !inside.contains(&parent.id) => {
                outside.push(OutsideScope {
                    row,
                    column: ImportColumn::ParentCode,
                    reason: OutsideReason::Parent(code.clone()),
                })
            }
            // Inside, or a parent in the file (checked on its own row), or unknown.
            _ => {}
        }
    }
    outside
}

/// Nhân sự ngoài phạm vi — the rows of a people file that would write outside the subtree
/// `inside` (ids, see [`subtree_ids`]): a person put in an organization outside it, or a row
/// matched (by card number) to a stored person of an organization outside it. `organizations`
/// maps code keys to (id, closed) as the planner's; `plan` is the plan of the same rows.
pub fn people_outside(
    inside: &HashSet<i64>,
    organizations: &HashMap<String, (i64, bool)>,
    stored: &[StoredPerson],
    rows: &[(u32, PersonFields)],
    plan: &PersonPlan,
) -> Vec<OutsideScope> {
    let mut outside = Vec::new();
    let mut reported = HashSet::new();
    for (row, fields) in rows {
        if let Some((id, _)) = organizations.get(&code_key(&fields.organization_code))
            && !inside.contains(id)
        {
            reported.insert(*row);
            outside.push(OutsideScope {
                row: *row,
                column: ImportColumn::OrganizationCode,
                reason: OutsideReason::PersonOrganization(fields.organization_code.clone()),
            });
        }
    }
    let organization_of: HashMap<i64, i64> =
        stored.iter().map(|p| (p.id, p.organization_id)).collect();
    for step in &plan.steps {
        if let PersonAction::Update { id } = step.action
            && organization_of
                .get(&id)
                .is_some_and(|org| !inside.contains(org))
            && reported.insert(step.row)
        {
            outside.push(OutsideScope {
                row: step.row,
                column: ImportColumn::CardNumber,
                reason: OutsideReason::StoredPerson,
            });
        }
    }
    outside.sort_by_key(|o| o.row);
    outside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(id: i64, code: &str, parent: Option<i64>) -> StoredOrganization {
        StoredOrganization {
            id,
            code: code.into(),
            name: format!("Tổ chức {code}"),
            level: "Chi bộ".into(),
            members: 10,
            parent_id: parent,
            closed: false,
        }
    }

    /// LC(1) → TU(2) → TU-01(3); LC → TD(4).
    fn tree() -> Vec<StoredOrganization> {
        vec![
            stored(1, "LC", None),
            stored(2, "TU", Some(1)),
            stored(3, "TU-01", Some(2)),
            stored(4, "TD", Some(1)),
        ]
    }

    fn row(n: u32, code: &str, parent: Option<&str>) -> (u32, OrganizationFields) {
        (
            n,
            OrganizationFields {
                code: code.into(),
                name: format!("Tổ chức {code}"),
                parent_code: parent.map(Into::into),
                level: "Chi bộ".into(),
                members: 5,
            },
        )
    }

    #[test]
    fn subtree_has_the_root_and_everything_below() {
        let ids = subtree_ids(&tree(), 2);
        assert_eq!(ids, HashSet::from([2, 3]));
        assert_eq!(subtree_ids(&tree(), 1).len(), 4);
    }

    #[test]
    fn rows_below_the_root_or_below_new_rows_are_inside() {
        let rows = [
            row(2, "TU-02", Some("tu")),
            row(3, "TU-02-01", Some("TU-02")),
            row(4, "TU-01", Some("TU")),
            row(5, "TU", Some("LC")),
        ];
        assert!(organizations_outside(&tree(), 2, &rows).is_empty());
    }

    #[test]
    fn rows_leaving_the_subtree_are_named() {
        let rows = [
            row(2, "TD", Some("TU")),
            row(3, "TU-09", Some("TD")),
            row(4, "TU-10", None),
            row(5, "TU", Some("TD")),
            row(6, "TU-01", Some("LC")),
        ];
        let outside = organizations_outside(&tree(), 2, &rows);
        let got: Vec<(u32, ImportColumn)> = outside.iter().map(|o| (o.row, o.column)).collect();
        assert_eq!(
            got,
            vec![
                (2, ImportColumn::Code),
                (3, ImportColumn::ParentCode),
                (4, ImportColumn::ParentCode),
                (5, ImportColumn::ParentCode),
                (6, ImportColumn::ParentCode),
            ]
        );
        assert_eq!(
            outside[0].to_string(),
            "tổ chức «TD» nằm ngoài phạm vi của tổ chức đang nhập, không sửa được từ đây"
        );
    }

    #[test]
    fn people_outside_name_their_rows() {
        use super::super::import::{PersonStep, StoredPerson};
        use super::super::person::{BirthDate, Sex};
        let inside = HashSet::from([2, 3]);
        let organizations: HashMap<String, (i64, bool)> = tree()
            .iter()
            .map(|o| (code_key(&o.code), (o.id, false)))
            .collect();
        let fields = |org: &str| PersonFields {
            full_name: "Lò Văn A".into(),
            sex: Sex::Male,
            birth: BirthDate::YearOnly(1980),
            ethnicity: None,
            education: None,
            position: None,
            organization_code: org.into(),
            card_number: Some("123".into()),
        };
        let rows = vec![(2, fields("TU-01")), (3, fields("TD")), (4, fields("TU"))];
        let stored = vec![StoredPerson {
            id: 9,
            organization_id: 4,
            full_name: "Lò Văn A".into(),
            sex: Sex::Male,
            birth: BirthDate::YearOnly(1980),
            ethnicity: None,
            education: None,
            position: None,
            card_number: Some("123".into()),
        }];
        let plan = PersonPlan {
            steps: vec![PersonStep {
                row: 4,
                action: PersonAction::Update { id: 9 },
                organization_id: 2,
                fields: fields("TU"),
            }],
            unchanged: 0,
        };
        let outside = people_outside(&inside, &organizations, &stored, &rows, &plan);
        let got: Vec<(u32, ImportColumn)> = outside.iter().map(|o| (o.row, o.column)).collect();
        assert_eq!(
            got,
            vec![
                (3, ImportColumn::OrganizationCode),
                (4, ImportColumn::CardNumber)
            ]
        );
    }
}
