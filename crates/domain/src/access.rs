//! Quyền truy cập — who may do what: roles, the scope a role is granted on, and the permissions
//! each role carries. Pure rules; the web layer asks [`allows`] on every route.
//!
//! A user holds **grants** ([`Grant`]): a [`Role`] on a [`Scope`]. Today every account has one
//! grant, its portal role on the whole site. The congress workspace adds roles that hold only
//! inside one organization's subtree (the secretariat of a committee and the committees below
//! it), or inside one congress (its counting committee, its delegates); those are new [`Role`]
//! values with a narrower [`Scope`], and [`allows`] already decides them, so no route changes
//! shape when they come.
//!
//! Portal roles (held on the whole site, the `app_user.role` column):
//!
//! | permission                                   | editor | admin |
//! |----------------------------------------------|:------:|:-----:|
//! | see the article list, write drafts, photos   | yes    | yes   |
//! | edit a published or scheduled article        | no     | yes   |
//! | publish, schedule, unpublish                 | no     | yes   |
//! | categories, audit log, accounts              | no     | yes   |
//! | work schedule, citizens' questions, contact  | yes    | yes   |
//! | everything of the congress workspace         | no     | yes   |
//!
//! Congress-workspace roles (held on an organization's subtree or one congress, the
//! `role_grant` table); none of them reaches the portal's administration:
//!
//! | permission                                        | observer | checkin | secretariat |
//! |---------------------------------------------------|:--------:|:-------:|:-----------:|
//! | see organizations, congresses, progress, people   | yes      | no      | yes         |
//! | see sensitive personal data (birth, ethnicity…)   | no       | no      | yes         |
//! | edit organizations, people, congresses; import    | no       | no      | yes         |
//! | export people with their personal data            | no       | no      | yes         |
//! | delegates, personnel plan                         | no       | no      | yes         |
//! | check delegates in at the hall                    | no       | yes     | yes         |

use serde::{Deserialize, Serialize};

/// Vai trò — a named set of permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Quản trị — everything, including accounts and the audit log.
    Admin,
    /// Biên tập viên — writes articles and photos as drafts; an admin publishes.
    Editor,
    /// Văn phòng cấp ủy — the secretariat of a committee: runs the congress workspace of its
    /// organization's subtree, personal data included.
    Secretariat,
    /// Theo dõi — follows the progress of a subtree: organizations, congresses and the names and
    /// positions of people, without sensitive personal data or changes.
    Observer,
    /// Tổ đón tiếp đại biểu — checks delegates in at the hall, nothing else.
    CheckIn,
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 5] = [
        Role::Admin,
        Role::Editor,
        Role::Secretariat,
        Role::Observer,
        Role::CheckIn,
    ];

    /// The portal's roles: an account holds one of them on the whole site.
    pub const PORTAL: [Role; 2] = [Role::Admin, Role::Editor];

    /// The congress workspace's roles, granted on an organization's subtree or one congress.
    pub const WORKSPACE: [Role; 3] = [Role::Secretariat, Role::Observer, Role::CheckIn];

    /// The stored name (`admin`, `editor`, `secretariat`, `observer`, `checkin`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Secretariat => "secretariat",
            Role::Observer => "observer",
            Role::CheckIn => "checkin",
        }
    }

    /// Parses the stored name of any role.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == s)
    }

    /// Parses the stored name of a portal role (`admin`, `editor`) only.
    pub fn parse_portal(s: &str) -> Option<Role> {
        Role::PORTAL.into_iter().find(|role| role.as_str() == s)
    }

    /// Parses the stored name of a workspace role only.
    pub fn parse_workspace(s: &str) -> Option<Role> {
        Role::WORKSPACE.into_iter().find(|role| role.as_str() == s)
    }

    /// Tên vai trò — the Vietnamese name shown in forms and lists.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị",
            Role::Editor => "Biên tập viên",
            Role::Secretariat => "Văn phòng cấp ủy",
            Role::Observer => "Theo dõi",
            Role::CheckIn => "Tổ đón tiếp đại biểu",
        }
    }

    /// What this role may do inside the scope it is granted on.
    fn permits(self, permission: Permission) -> bool {
        match self {
            Role::Admin => true,
            Role::Editor => matches!(
                permission,
                Permission::ViewArticles
                    | Permission::WriteDrafts
                    | Permission::ManageSchedule
                    | Permission::ModerateQuestions
                    | Permission::ReadContactMessages
            ),
            Role::Secretariat => permission.is_workspace(),
            Role::Observer => matches!(
                permission,
                Permission::ViewWorkspace | Permission::ViewPeople
            ),
            Role::CheckIn => matches!(permission, Permission::CheckIn),
        }
    }
}

/// Phạm vi — where a grant holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// Toàn hệ thống — the whole site.
    Site,
    /// Một tổ chức và các tổ chức cấp dưới — an organization (by id) and its whole subtree.
    Organization(i64),
    /// Một đại hội — one congress (by id).
    Congress(i64),
}

/// Cấp quyền — a role held on a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Grant {
    /// The role.
    pub role: Role,
    /// Where it holds.
    pub scope: Scope,
}

impl Grant {
    /// A role on the whole site.
    pub fn site(role: Role) -> Grant {
        Grant {
            role,
            scope: Scope::Site,
        }
    }
}

/// Quyền — one thing a route may need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// See the administration and the article list.
    ViewArticles,
    /// Create articles and edit drafts or unpublished ones; preview; upload photos to them.
    WriteDrafts,
    /// Edit an article that is published or scheduled.
    EditPublished,
    /// Publish, schedule and unpublish articles.
    Publish,
    /// Create and edit categories, and the types of documents (add, rename, reorder, delete).
    ManageCategories,
    /// See and manage the accounts: add, change role, reset password, lock and unlock.
    ManageUsers,
    /// Read the audit log.
    ReadAuditLog,
    /// Cấu hình cổng — change the site's identity: name, agency, person responsible, licence,
    /// contact details, emblem, favicon.
    ManageSettings,
    /// Xem không gian đại hội — see organizations, congresses and their progress.
    ViewWorkspace,
    /// Xem danh sách nhân sự — see people's names, sex, organization and position.
    ViewPeople,
    /// Xem dữ liệu cá nhân nhạy cảm — see date of birth, ethnicity and party card number (each
    /// view is written to the audit log), and export them.
    ViewSensitive,
    /// Sửa tổ chức — create, rename, move and close organizations; import them.
    ManageOrganizations,
    /// Sửa nhân sự — add and edit people; import them.
    ManagePeople,
    /// Sửa đại hội — plan a congress, set its dates, venue, status and settings.
    ManageCongresses,
    /// Đại biểu — allocate seats, enter delegates, credentials, print the list and cards.
    ManageDelegates,
    /// Điểm danh — check delegates in and out at the hall.
    CheckIn,
    /// Đề án nhân sự — see and edit the personnel plan (internal).
    ManagePersonnelPlan,
    /// Lịch công tác — add, edit and delete entries of the leaders' work schedule.
    ManageSchedule,
    /// Hỏi đáp — read citizens' questions (with their contact), answer, publish, reject, delete.
    ModerateQuestions,
    /// Liên hệ — read the contact form's messages, mark them handled, delete them.
    ReadContactMessages,
}

impl Permission {
    /// Whether the permission belongs to the congress workspace (not to the portal).
    pub fn is_workspace(self) -> bool {
        !matches!(
            self,
            Permission::ViewArticles
                | Permission::WriteDrafts
                | Permission::EditPublished
                | Permission::Publish
                | Permission::ManageCategories
                | Permission::ManageUsers
                | Permission::ReadAuditLog
                | Permission::ManageSchedule
                | Permission::ModerateQuestions
                | Permission::ReadContactMessages
                | Permission::ManageSettings
        )
    }
}

/// Đối tượng — what a request acts on, for the scope check: the site as a whole, or something
/// inside an organization (given by the ids of the organization and its ancestors, root first)
/// or inside a congress (its id and its organization's path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// Site-wide things: portal articles, categories, accounts, the audit log.
    Site,
    /// Something of the organization whose path from the root is given (last = the organization).
    Organization(&'a [i64]),
    /// Something of a congress held by the organization whose path is given.
    Congress {
        /// The congress.
        id: i64,
        /// The path of the organization holding it, root first.
        organization_path: &'a [i64],
    },
}

impl Scope {
    /// Whether a grant on this scope reaches `target`: a site grant reaches everything; an
    /// organization grant reaches that organization's subtree and its congresses; a congress grant
    /// reaches that congress only.
    pub fn covers(self, target: Target<'_>) -> bool {
        match (self, target) {
            (Scope::Site, _) => true,
            (Scope::Organization(org), Target::Organization(path)) => path.contains(&org),
            (
                Scope::Organization(org),
                Target::Congress {
                    organization_path, ..
                },
            ) => organization_path.contains(&org),
            (Scope::Congress(own), Target::Congress { id, .. }) => own == id,
            _ => false,
        }
    }
}

/// Whether someone holding `grants` may do `permission` on `target`: some grant whose scope
/// covers the target carries the permission.
pub fn allows(grants: &[Grant], permission: Permission, target: Target<'_>) -> bool {
    grants
        .iter()
        .any(|grant| grant.scope.covers(target) && grant.role.permits(permission))
}

/// Whether some grant carries `permission` on its own scope, wherever that is: for showing a
/// menu entry or choosing a landing page. A route still asks [`allows`] about its target.
pub fn carries(grants: &[Grant], permission: Permission) -> bool {
    grants.iter().any(|grant| grant.role.permits(permission))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn editors_write_admins_decide() {
        let editor = [Grant::site(Role::Editor)];
        let admin = [Grant::site(Role::Admin)];
        for p in [
            ViewArticles,
            WriteDrafts,
            ManageSchedule,
            ModerateQuestions,
            ReadContactMessages,
        ] {
            assert!(allows(&editor, p, Target::Site));
            assert!(!p.is_workspace());
        }
        for p in [
            EditPublished,
            Publish,
            ManageCategories,
            ManageUsers,
            ReadAuditLog,
            ManageSettings,
        ] {
            assert!(!allows(&editor, p, Target::Site), "{p:?}");
            assert!(allows(&admin, p, Target::Site));
        }
        assert!(
            !allows(&[], ViewArticles, Target::Site),
            "no grant, no right"
        );
    }

    #[test]
    fn a_scoped_grant_reaches_its_subtree_and_nothing_else() {
        let district = [Grant {
            role: Role::Admin,
            scope: Scope::Organization(10),
        }];
        // An organization under 10 (province 1 → district 10 → commune 100).
        assert!(allows(
            &district,
            Publish,
            Target::Organization(&[1, 10, 100])
        ));
        assert!(allows(&district, Publish, Target::Organization(&[1, 10])));
        // The province above it and a sibling district are out of reach.
        assert!(!allows(&district, Publish, Target::Organization(&[1])));
        assert!(!allows(&district, Publish, Target::Organization(&[1, 11])));
        // Site-wide things are out of reach of a scoped grant.
        assert!(!allows(&district, ManageUsers, Target::Site));
        // A congress of an organization in the subtree is reached; another congress is not.
        let congress = Target::Congress {
            id: 7,
            organization_path: &[1, 10, 100],
        };
        assert!(allows(&district, Publish, congress));
        let only_7 = [Grant {
            role: Role::Admin,
            scope: Scope::Congress(7),
        }];
        assert!(allows(&only_7, Publish, congress));
        assert!(!allows(
            &only_7,
            Publish,
            Target::Congress {
                id: 8,
                organization_path: &[1, 10, 100]
            }
        ));
        assert!(!allows(
            &only_7,
            Publish,
            Target::Organization(&[1, 10, 100])
        ));
    }

    #[test]
    fn workspace_roles_never_reach_the_portal_and_the_editor_never_reaches_the_workspace() {
        let org = Target::Organization(&[1, 10]);
        let editor = [Grant::site(Role::Editor)];
        for p in [
            ViewWorkspace,
            ViewPeople,
            ViewSensitive,
            ManageOrganizations,
            CheckIn,
        ] {
            assert!(!allows(&editor, p, org), "{p:?}");
            assert!(allows(&[Grant::site(Role::Admin)], p, org), "{p:?}");
        }
        for role in Role::WORKSPACE {
            let grant = [Grant {
                role,
                scope: Scope::Organization(10),
            }];
            for p in [
                ViewArticles,
                WriteDrafts,
                Publish,
                ManageCategories,
                ManageUsers,
                ReadAuditLog,
                ManageSettings,
            ] {
                assert!(!allows(&grant, p, Target::Site), "{role:?} {p:?}");
                assert!(!allows(&grant, p, org), "{role:?} {p:?}");
            }
        }
        let observer = [Grant {
            role: Role::Observer,
            scope: Scope::Organization(10),
        }];
        assert!(allows(&observer, ViewPeople, org));
        assert!(!allows(&observer, ViewSensitive, org));
        assert!(!allows(&observer, ManagePeople, org));
        let secretariat = [Grant {
            role: Role::Secretariat,
            scope: Scope::Organization(10),
        }];
        assert!(allows(&secretariat, ViewSensitive, org));
        assert!(!allows(
            &secretariat,
            ViewSensitive,
            Target::Organization(&[1, 11])
        ));
        let checkin = [Grant {
            role: Role::CheckIn,
            scope: Scope::Congress(7),
        }];
        let congress = Target::Congress {
            id: 7,
            organization_path: &[1, 10],
        };
        assert!(allows(&checkin, CheckIn, congress));
        assert!(!allows(&checkin, ViewPeople, congress));
    }

    #[test]
    fn stored_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert_eq!(Role::parse_portal("secretariat"), None);
        assert_eq!(Role::parse_workspace("admin"), None);
        assert_eq!(Role::Editor.label(), "Biên tập viên");
    }
}
