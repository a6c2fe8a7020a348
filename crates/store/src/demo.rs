//! Dữ liệu mẫu — the whole demo portal written in one transaction: all of it, or nothing.
//!
//! The web layer prepares a [`DemoBundle`] (texts, hashed passwords, photo files already on disk,
//! visit history) and hands it to [`Store::load_demo`]. Nothing is written until every row can be
//! written: a failure anywhere (a clashing slug, a full disk, a lost connection) rolls back the
//! settings, categories, accounts, articles, photos, visit history and their audit rows together.
//!
//! The congress cycle ([`DemoCongressRows`]) goes in the same transaction: the organizations,
//! the rolls, the congresses, the personnel plan of the district congress with its slate, and
//! the delegates of the district congress and its allocation, and the workspace-only accounts
//! with their grants.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use daihoi_domain::access::{Grant, Role, Scope};
use daihoi_domain::congress::congress::CongressStatus;
use daihoi_domain::congress::organization::{OrganizationFields, code_key};
use daihoi_domain::congress::person::PersonFields;
use serde_json::json;
use sqlx::AnyConnection;

use crate::article::{NewArticle, audit_detail, insert_article, rewrite_article, validate};
use crate::audit::record;
use crate::category::create_category_in;
use crate::congress::congress::{CongressFields, insert_congress_in};
use crate::congress::grant::insert_grant_in;
use crate::congress::organization::{NewOrganization, insert_organization_in};
use crate::congress::person::{NewPerson, insert_person_in};
use crate::photo::add_photo_in;
use crate::settings::set_setting_in;
use crate::user::{NewUser, User, create_user_in, set_portal_access_in};
use crate::visits::{VisitKind, replace_daily_visits_in};
use crate::{Actor, Backend, NewCategory, NewPhoto, Store, StoreError};

/// Key of the PostgreSQL advisory lock held while the demo loads, so that two instances started
/// at once on an empty database do not both load it.
const DEMO_LOCK_KEY: i64 = 0x6461_6968_6f69; // "daihoi"

/// Gói dữ liệu mẫu — everything the demo writes to the database.
#[derive(Debug, Clone)]
pub struct DemoBundle {
    /// Settings `(key, value)`, each audited like [`Store::set_setting`].
    pub settings: Vec<(String, String)>,
    /// Categories, in menu order.
    pub categories: Vec<NewCategory>,
    /// Accounts (password hashes already computed).
    pub users: Vec<NewUser>,
    /// Articles with their photos.
    pub articles: Vec<DemoArticleRows>,
    /// The daily visit history; it replaces whatever `daily_visit` holds.
    pub daily_visits: Vec<(NaiveDate, VisitKind, u64)>,
    /// Turns an article body written with photo keys into the stored body once the photos have
    /// ids: `(body, [(key, id)])` → body. The reference format belongs to the web layer's
    /// Markdown, so the web layer supplies it.
    pub link_photos: fn(&str, &[(String, i64)]) -> String,
    /// The congress cycle: organizations, rolls, congresses, workspace accounts.
    pub congress: DemoCongressRows,
    /// The work schedule and the answered questions (Lịch công tác, Hỏi đáp).
    pub citizens: DemoCitizenRows,
    /// The about pages and the documents (schema 14).
    pub sections: DemoSectionRows,
}

/// Lịch công tác và hỏi đáp mẫu — the demo's schedule entries and published questions.
#[derive(Debug, Clone, Default)]
pub struct DemoCitizenRows {
    /// Entries of the work schedule.
    pub schedule: Vec<daihoi_domain::schedule::ScheduleEntryFields>,
    /// Published questions: the question, its answer, when it was received and published.
    pub questions: Vec<DemoQuestionRow>,
}

/// Câu hỏi mẫu — one answered, published question of the demo.
#[derive(Debug, Clone)]
pub struct DemoQuestionRow {
    /// The question as checked by the public form's rules.
    pub message: daihoi_domain::citizen::CitizenMessage,
    /// The answer.
    pub answer: String,
    /// When it was received.
    pub received_at: DateTime<Utc>,
    /// When it was answered and published.
    pub published_at: DateTime<Utc>,
}

/// Giới thiệu và văn bản mẫu — the demo's about pages (parents before children, the parent by
/// slug) and documents (the type by name, published or not).
#[derive(Debug, Clone, Default)]
pub struct DemoSectionRows {
    /// `(parent slug, page)`; the page's `parent_id` is ignored.
    pub about_pages: Vec<(Option<String>, crate::about::NewAboutPage)>,
    /// The documents.
    pub documents: Vec<DemoDocumentRow>,
}

/// Văn bản mẫu — one demo document.
#[derive(Debug, Clone)]
pub struct DemoDocumentRow {
    /// Name of its type (one of the seeded `document_type` rows).
    pub type_name: String,
    /// Its fields (`type_id` is ignored, taken from `type_name`).
    pub document: crate::document::NewDocument,
    /// Published or not (a classified one never is: the store refuses the whole demo).
    pub published: bool,
    /// Its PDF already written to the documents folder: (stored name, size).
    pub file: Option<(String, i64)>,
}

/// Chu kỳ đại hội mẫu — the congress workspace's part of the demo, every reference by code
/// (organizations), by index (people) or by login name (accounts), resolved to ids as the rows
/// are written.
#[derive(Debug, Clone, Default)]
pub struct DemoCongressRows {
    /// Organizations, parents before children, the parent by code.
    pub organizations: Vec<OrganizationFields>,
    /// People on the rolls, the organization by code.
    pub people: Vec<PersonFields>,
    /// Congresses, each with its status.
    pub congresses: Vec<DemoCongressRow>,
    /// Accounts of [`DemoBundle::users`] that are workspace only: their portal access is taken
    /// away and they get their grants.
    pub workspace_accounts: Vec<DemoWorkspaceAccount>,
    /// The slate of the personnel plan of the congress of `district_congress`, written with
    /// Chỉ thị 35's targets and an ethnic-minority range of 20–25%.
    pub slate: Vec<DemoSlateRow>,
    /// The delegates and alternates of the congress of `district_congress`, each with a fresh
    /// check-in code.
    pub delegates: Vec<DemoDelegateRow>,
    /// The saved allocation of elected seats of the congress of `district_congress`.
    pub allocation: Vec<DemoAllocationRow>,
    /// Code of the organization whose congress the slate, the delegates and the allocation
    /// belong to.
    pub district_congress: Option<String>,
    /// Bản đồ ranh giới — the units of the boundary map, linked to organizations of the cycle
    /// (none: the map shows the bundled districts without congress colours).
    pub boundaries: Option<crate::NewBoundaryMap>,
}

/// Đại biểu mẫu — one delegate of the demo's district congress, the organization by code and
/// the person (if on a roll) by index into [`DemoCongressRows::people`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDelegateRow {
    /// The person on a roll, if any.
    pub person: Option<usize>,
    /// The delegate's fields (`person_id` and `organization_id` are ignored, taken from
    /// `person` and `organization_code`).
    pub delegate: crate::congress::delegate::NewDelegate,
    /// Code of the delegation's organization.
    pub organization_code: String,
}

/// Phân bổ mẫu — one saved allocation row, the organization by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAllocationRow {
    /// Code of the sub-organization.
    pub organization_code: String,
    /// Số đảng viên.
    pub members: i64,
    /// Seats (as proposed: the demo keeps the proposal).
    pub seats: i64,
}

/// Đại hội mẫu — one congress of the demo.
#[derive(Debug, Clone)]
pub struct DemoCongressRow {
    /// Code of the organization holding it.
    pub organization_code: String,
    /// Its fields.
    pub fields: CongressFields,
    /// Its status (a demo congress may already be held or approved).
    pub status: CongressStatus,
}

/// Tài khoản không gian đại hội mẫu — a workspace-only demo account and its grants.
#[derive(Debug, Clone)]
pub struct DemoWorkspaceAccount {
    /// Login name (one of [`DemoBundle::users`]).
    pub username: String,
    /// `(role, organization code)`: a workspace role on an organization's subtree.
    pub grants: Vec<(Role, String)>,
}

/// Ứng viên mẫu — one candidate of a demo slate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSlateRow {
    /// Index into [`DemoCongressRows::people`].
    pub person: usize,
    /// Tái cử.
    pub renominated: bool,
}

/// Bài viết mẫu — one article of a [`DemoBundle`].
#[derive(Debug, Clone)]
pub struct DemoArticleRows {
    /// Slug of its category (one of the bundle's categories).
    pub category_slug: String,
    /// The article. `category_id` and `cover_photo_id` are ignored (taken from
    /// `category_slug` and `cover_key`); `body_md` still holds photo keys.
    pub article: NewArticle,
    /// Its photos in order; the files must already be on disk.
    pub photos: Vec<DemoPhotoRow>,
    /// Key of the cover photo, if any.
    pub cover_key: Option<String>,
}

/// Ảnh mẫu — one photo row of a demo article.
#[derive(Debug, Clone)]
pub struct DemoPhotoRow {
    /// The key the body uses for it.
    pub key: String,
    /// Stored file name of the full-size image (relative to the uploads folder).
    pub file_name: String,
    /// Stored file name of the thumbnail.
    pub thumb_name: String,
    /// Caption.
    pub caption: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// MIME type.
    pub mime: String,
}

impl Store {
    /// Nạp dữ liệu mẫu — write `bundle` in one transaction if the database is empty (no article,
    /// category, user or organization). Returns `false`, writing nothing, when it is not empty, including when
    /// another instance loaded the demo a moment earlier (PostgreSQL: an advisory lock makes the
    /// check and the load one step; SQLite: the write transaction does). On `Err` nothing was
    /// written.
    pub async fn load_demo(
        &self,
        bundle: &DemoBundle,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        for a in &bundle.articles {
            validate(&a.article)?;
        }
        let mut tx = self.begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(DEMO_LOCK_KEY)
                .execute(&mut *tx)
                .await?;
        }
        let existing: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM article) + (SELECT COUNT(*) FROM category) \
                  + (SELECT COUNT(*) FROM app_user) + (SELECT COUNT(*) FROM organization)",
        )
        .fetch_one(&mut *tx)
        .await?;
        if existing > 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        replace_daily_visits_in(&mut tx, &bundle.daily_visits).await?;
        for (key, value) in &bundle.settings {
            set_setting_in(&mut tx, key, value, actor, now).await?;
        }
        let mut category_ids: Vec<(&str, i64)> = Vec::with_capacity(bundle.categories.len());
        for c in &bundle.categories {
            category_ids.push((
                &c.slug,
                create_category_in(&mut tx, c, actor, now).await?.id,
            ));
        }
        let mut users: Vec<User> = Vec::with_capacity(bundle.users.len());
        for u in &bundle.users {
            users.push(create_user_in(&mut tx, u, actor, now).await?);
        }
        for a in &bundle.articles {
            let category_id = category_ids
                .iter()
                .find(|(slug, _)| *slug == a.category_slug)
                .map(|(_, id)| *id)
                .ok_or_else(|| StoreError::NotFound {
                    entity: "chuyên mục",
                    key: a.category_slug.clone(),
                })?;
            write_article(&mut tx, a, category_id, bundle.link_photos, actor, now).await?;
        }
        write_congress_cycle(&mut tx, &bundle.congress, &users, actor, now).await?;
        for entry in &bundle.citizens.schedule {
            crate::schedule::create_schedule_entry_in(&mut tx, entry, actor, now).await?;
        }
        for q in &bundle.citizens.questions {
            crate::question::insert_published_question_in(
                &mut tx,
                &q.message,
                &q.answer,
                q.received_at,
                q.published_at,
                actor,
                now,
            )
            .await?;
        }
        write_sections(&mut tx, &bundle.sections, actor, now).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// The about pages (parents first) and the documents on the caller's transaction.
async fn write_sections(
    conn: &mut AnyConnection,
    rows: &DemoSectionRows,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut pages: HashMap<String, i64> = HashMap::new();
    for (parent, page) in &rows.about_pages {
        let mut page = page.clone();
        page.parent_id = match parent {
            None => None,
            Some(slug) => Some(*pages.get(slug).ok_or_else(|| StoreError::NotFound {
                entity: "trang giới thiệu",
                key: slug.clone(),
            })?),
        };
        let stored = crate::about::insert_about_page_in(conn, &page, actor, now).await?;
        pages.insert(stored.slug, stored.id);
    }
    let types: Vec<(i64, String)> = {
        use sqlx::Row;
        sqlx::query("SELECT id, name FROM document_type")
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
            .collect::<Result<_, StoreError>>()?
    };
    for row in &rows.documents {
        let mut doc = row.document.clone();
        doc.type_id = types
            .iter()
            .find(|(_, name)| *name == row.type_name)
            .map(|(id, _)| *id)
            .ok_or_else(|| StoreError::NotFound {
                entity: "loại văn bản",
                key: row.type_name.clone(),
            })?;
        let stored =
            crate::document::insert_document_in(conn, &doc, row.published, actor, now).await?;
        if let Some((name, size)) = &row.file {
            sqlx::query("UPDATE document SET file_name = $1, file_size = $2 WHERE id = $3")
                .bind(name)
                .bind(*size)
                .bind(stored.id)
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(())
}

/// The article (without its cover, body still with keys), its photos, then the body with photo
/// ids and the cover; audited as a creation plus one row per photo.
async fn write_article(
    conn: &mut AnyConnection,
    a: &DemoArticleRows,
    category_id: i64,
    link_photos: fn(&str, &[(String, i64)]) -> String,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut input = a.article.clone();
    input.category_id = category_id;
    input.cover_photo_id = None;
    let created = insert_article(conn, &input, now).await?;
    let mut ids: Vec<(String, i64)> = Vec::with_capacity(a.photos.len());
    for p in &a.photos {
        let photo = NewPhoto {
            article_id: created.id,
            file_name: p.file_name.clone(),
            thumb_name: p.thumb_name.clone(),
            caption: p.caption.clone(),
            width: p.width,
            height: p.height,
            mime: p.mime.clone(),
        };
        ids.push((
            p.key.clone(),
            add_photo_in(conn, &photo, actor, now).await?.id,
        ));
    }
    input.body_md = link_photos(&a.article.body_md, &ids);
    input.cover_photo_id = match &a.cover_key {
        None => None,
        Some(key) => Some(
            ids.iter()
                .find(|(k, _)| k == key)
                .map(|(_, id)| *id)
                .ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "bài mẫu «{}»: ảnh đại diện «{key}» không có trong các ảnh của bài",
                        input.slug
                    ))
                })?,
        ),
    };
    let article = rewrite_article(conn, created.id, &input, now).await?;
    record(
        conn,
        actor,
        now,
        "create",
        "article",
        Some(article.id),
        audit_detail(&article),
    )
    .await
}

/// The congress cycle on the caller's transaction: organizations (parents first), people,
/// congresses, then the workspace accounts' portal access and grants; one audit row sums it up.
async fn write_congress_cycle(
    conn: &mut AnyConnection,
    rows: &DemoCongressRows,
    users: &[User],
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut ids: HashMap<String, i64> = HashMap::with_capacity(rows.organizations.len());
    let id_of = |ids: &HashMap<String, i64>, code: &str| {
        ids.get(&code_key(code))
            .copied()
            .ok_or_else(|| StoreError::NotFound {
                entity: "tổ chức",
                key: code.to_owned(),
            })
    };
    for o in &rows.organizations {
        let parent_id = match &o.parent_code {
            Some(code) => Some(id_of(&ids, code)?),
            None => None,
        };
        let new = NewOrganization {
            code: o.code.clone(),
            name: o.name.clone(),
            level: o.level.clone(),
            members: o.members,
            parent_id,
        };
        let org = insert_organization_in(conn, &new, now).await?;
        ids.insert(code_key(&o.code), org.id);
    }
    let mut person_ids: Vec<i64> = Vec::with_capacity(rows.people.len());
    for p in &rows.people {
        let new = NewPerson {
            organization_id: id_of(&ids, &p.organization_code)?,
            full_name: p.full_name.clone(),
            sex: p.sex,
            birth: p.birth,
            ethnicity: p.ethnicity.clone(),
            education: p.education.clone(),
            position: p.position.clone(),
            card_number: p.card_number.clone(),
        };
        person_ids.push(insert_person_in(conn, &new, now).await?);
    }
    let mut district_congress = None;
    for c in &rows.congresses {
        let organization_id = id_of(&ids, &c.organization_code)?;
        let id = insert_congress_in(conn, organization_id, &c.fields, c.status, now).await?;
        if rows.district_congress.as_deref().map(code_key) == Some(code_key(&c.organization_code)) {
            district_congress = Some(id);
        }
    }
    if let Some(congress_id) = district_congress {
        let allocation: Vec<crate::congress::delegate::AllocationRow> = rows
            .allocation
            .iter()
            .map(|a| {
                Ok(crate::congress::delegate::AllocationRow {
                    organization_id: id_of(&ids, &a.organization_code)?,
                    members: a.members,
                    proposed: a.seats,
                    seats: a.seats,
                    reason: None,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        crate::congress::delegate::insert_allocation_in(conn, congress_id, &allocation, now)
            .await?;
        for d in &rows.delegates {
            let mut new = d.delegate.clone();
            new.organization_id = Some(id_of(&ids, &d.organization_code)?);
            new.person_id = match d.person {
                Some(i) => Some(*person_ids.get(i).ok_or_else(|| {
                    StoreError::Invalid(format!("đại biểu mẫu: không có người số {i}"))
                })?),
                None => None,
            };
            crate::congress::delegate::insert_delegate_in(conn, congress_id, &new, now).await?;
        }
    }
    if let Some(congress_id) = district_congress
        && !rows.slate.is_empty()
    {
        let slate: Vec<(i64, bool)> = rows
            .slate
            .iter()
            .map(|s| {
                person_ids
                    .get(s.person)
                    .map(|id| (*id, s.renominated))
                    .ok_or_else(|| StoreError::Invalid(format!("ứng viên số {}", s.person)))
            })
            .collect::<Result<_, _>>()?;
        let mut targets = daihoi_domain::congress::structure::StructureTarget::chi_thi_35();
        targets.push(
            daihoi_domain::congress::structure::StructureTarget::new(
                "Dân tộc thiểu số",
                daihoi_domain::congress::structure::Criterion::EthnicMinority,
                daihoi_domain::congress::structure::Bound::Within(2000, 2500),
            )
            .map_err(|e| StoreError::Invalid(e.to_string()))?,
        );
        crate::congress::plan::insert_plan_in(
            conn,
            congress_id,
            "party-2014",
            daihoi_domain::congress::age::CommitteeLevel::District,
            &targets,
            &slate,
            now,
        )
        .await?;
    }
    let mut grants = 0;
    for account in &rows.workspace_accounts {
        let user = users
            .iter()
            .find(|u| u.username == account.username)
            .cloned()
            .ok_or_else(|| StoreError::NotFound {
                entity: "tài khoản",
                key: account.username.clone(),
            })?;
        let user_id = user.id;
        set_portal_access_in(conn, user, false, actor, now).await?;
        for (role, code) in &account.grants {
            let organization_id = id_of(&ids, code)?;
            let grant = Grant {
                role: *role,
                scope: Scope::Organization(organization_id),
            };
            insert_grant_in(conn, user_id, grant, now).await?;
            record(
                conn,
                actor,
                now,
                "grant",
                "user",
                Some(user_id),
                json!({"role": role.as_str(), "organization_id": organization_id,
                       "congress_id": null}),
            )
            .await?;
            grants += 1;
        }
    }
    if let Some(map) = &rows.boundaries
        && let Err(unmatched) = crate::boundary::import_boundaries_in(conn, map, actor, now).await?
    {
        return Err(StoreError::NotFound {
            entity: "tổ chức của đơn vị bản đồ",
            key: unmatched.position.to_string(),
        });
    }
    if rows.organizations.is_empty() {
        return Ok(());
    }
    record(
        conn,
        actor,
        now,
        "load_demo",
        "congress_cycle",
        None,
        json!({"organizations": rows.organizations.len(), "people": person_ids.len(),
               "congresses": rows.congresses.len(), "delegates": rows.delegates.len(),
               "grants": grants}),
    )
    .await
}
