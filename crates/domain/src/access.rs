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
//! | permission                                   | editor | admin |
//! |----------------------------------------------|:------:|:-----:|
//! | see the article list, write drafts, photos   | yes    | yes   |
//! | edit a published or scheduled article        | no     | yes   |
//! | publish, schedule, unpublish                 | no     | yes   |
//! | categories, audit log, accounts              | no     | yes   |

use serde::{Deserialize, Serialize};

/// Vai trò — a named set of permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Quản trị — everything, including accounts and the audit log.
    Admin,
    /// Biên tập viên — writes articles and photos as drafts; an admin publishes.
    Editor,
}

impl Role {
    /// Every role, in the order forms list them.
    pub const ALL: [Role; 2] = [Role::Admin, Role::Editor];

    /// The stored name (`admin`, `editor`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == s)
    }

    /// Tên vai trò — the Vietnamese name shown in forms and lists.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị",
            Role::Editor => "Biên tập viên",
        }
    }

    /// What this role may do inside the scope it is granted on.
    fn permits(self, permission: Permission) -> bool {
        match self {
            Role::Admin => true,
            Role::Editor => matches!(
                permission,
                Permission::ViewArticles | Permission::WriteDrafts
            ),
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
    /// Create and edit categories.
    ManageCategories,
    /// See and manage the accounts: add, change role, reset password, lock and unlock.
    ManageUsers,
    /// Read the audit log.
    ReadAuditLog,
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

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn editors_write_admins_decide() {
        let editor = [Grant::site(Role::Editor)];
        let admin = [Grant::site(Role::Admin)];
        for p in [ViewArticles, WriteDrafts] {
            assert!(allows(&editor, p, Target::Site));
        }
        for p in [
            EditPublished,
            Publish,
            ManageCategories,
            ManageUsers,
            ReadAuditLog,
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
    fn stored_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
        assert_eq!(Role::Editor.label(), "Biên tập viên");
    }
}
