//! Văn bản — official documents: their types, fields, publication, attached PDF and listings
//! (schema 14).
//!
//! **"Mật" is never published.** A document classified "Mật" or higher is refused publication
//! here (the domain's [`check_publishable`], before any write), by the SQL `CHECK`
//! `document_secret_never_published`, and every public read (`published_*`, the search hits,
//! the site-map and feed entries) asks for `status = 'published' AND classification = 'thuong'`.
//! The search index holds a document only while it is public ([`index_document`]).

use chrono::{DateTime, NaiveDate, Utc};
use daihoi_domain::document::{
    Classification, DocumentFields, check_publishable, check_type_name, search_text, type_name_key,
};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::record;
use crate::bind::{Arg, bind_all, bind_all_scalar};
use crate::search::{like_pattern, search_terms};
use crate::search_index::{IndexEntry, index_item, remove_item};
use crate::time::{from_day, from_micros, from_micros_opt, to_day, to_micros};
use crate::{Actor, Page, Store, StoreError, paging};

/// The `kind` of a document's search index row.
pub(crate) const KIND_DOCUMENT: &str = "document";

/// Loại văn bản — a type of document (Nghị quyết, Quyết định, …), kept as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentType {
    /// Row id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// Order in lists.
    pub position: i64,
}

/// Loại văn bản và số văn bản — a type with how many documents (in any state) use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentTypeUse {
    /// The type.
    pub document_type: DocumentType,
    /// Documents of that type.
    pub documents: i64,
}

/// Loại văn bản đang dùng — why a type was not deleted: documents still use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentTypeInUse {
    /// How many documents use it.
    pub documents: i64,
}

/// Chuyển thứ tự — which way a type moves in the list: before the one above it, or after the
/// one below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeMove {
    /// Lên — one place up.
    Up,
    /// Xuống — one place down.
    Down,
}

/// Văn bản — one document as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Row id.
    pub id: i64,
    /// Số, ký hiệu ("15-NQ/TU").
    pub number_symbol: String,
    /// Its type.
    pub type_id: i64,
    /// The type's name.
    pub type_name: String,
    /// Trích yếu.
    pub title: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Người ký (may be empty).
    pub signer: String,
    /// Ngày ban hành.
    pub issued_on: NaiveDate,
    /// Ngày có hiệu lực.
    pub effective_on: Option<NaiveDate>,
    /// Tóm tắt.
    pub summary: String,
    /// Độ mật.
    pub classification: Classification,
    /// Whether it is published (only ever for an unclassified document).
    pub published: bool,
    /// When it was (last) published.
    pub published_at: Option<DateTime<Utc>>,
    /// The PDF's path inside the documents folder, if a file is attached.
    pub file_name: Option<String>,
    /// The PDF's size in bytes.
    pub file_size: Option<i64>,
    /// When the row was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

impl Document {
    /// Whether readers may see it: published and not classified.
    pub fn is_public(&self) -> bool {
        self.published && !self.classification.is_secret()
    }
}

/// Văn bản mới — every editable field of a document (its file is attached separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    /// Its type (must exist).
    pub type_id: i64,
    /// The checked fields (see [`daihoi_domain::document::check_document`]).
    pub fields: DocumentFields,
}

/// Lọc văn bản — what a list of documents is narrowed to; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    /// Words that must all occur in the number, title, summary, issuer or signer (folded).
    pub text: String,
    /// Only this type.
    pub type_id: Option<i64>,
    /// Only this issuing body (exact).
    pub issuer: Option<String>,
    /// Only this signer (exact).
    pub signer: Option<String>,
    /// Only documents issued in this year.
    pub year: Option<i32>,
}

/// Lựa chọn lọc — the values the public filters offer: the issuing bodies, signers and years of
/// the public documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFacets {
    /// Issuing bodies, by name.
    pub issuers: Vec<String>,
    /// Signers, by name (empty left out).
    pub signers: Vec<String>,
    /// Years of issue, newest first.
    pub years: Vec<i32>,
}

const COLUMNS: &str = "d.id, d.number_symbol, d.type_id, t.name AS type_name, d.title, d.issuer, \
     d.signer, d.issued_on, d.effective_on, d.summary, d.classification, d.status, \
     d.published_at, d.file_name, d.file_size, d.created_at, d.updated_at";

const FROM: &str = "FROM document d JOIN document_type t ON t.id = d.type_id";

/// The condition of a public document (`d` the document's alias).
pub(crate) const PUBLIC: &str = "d.status = 'published' AND d.classification = 'thuong'";

pub(crate) fn document_from_row(r: &AnyRow) -> Result<Document, StoreError> {
    let classification: String = r.try_get("classification")?;
    let status: String = r.try_get("status")?;
    Ok(Document {
        id: r.try_get("id")?,
        number_symbol: r.try_get("number_symbol")?,
        type_id: r.try_get("type_id")?,
        type_name: r.try_get("type_name")?,
        title: r.try_get("title")?,
        issuer: r.try_get("issuer")?,
        signer: r.try_get("signer")?,
        issued_on: from_day(r.try_get("issued_on")?)?,
        effective_on: r
            .try_get::<Option<i64>, _>("effective_on")?
            .map(from_day)
            .transpose()?,
        summary: r.try_get("summary")?,
        classification: Classification::parse(&classification)
            .ok_or_else(|| StoreError::Corrupt(format!("độ mật «{classification}»")))?,
        published: match status.as_str() {
            "published" => true,
            "draft" => false,
            other => return Err(StoreError::Corrupt(format!("trạng thái văn bản «{other}»"))),
        },
        published_at: from_micros_opt(r.try_get("published_at")?)?,
        file_name: r.try_get("file_name")?,
        file_size: r.try_get("file_size")?,
        created_at: from_micros(r.try_get("created_at")?)?,
        updated_at: from_micros(r.try_get("updated_at")?)?,
    })
}

fn audit_detail(d: &Document) -> serde_json::Value {
    json!({
        "number_symbol": d.number_symbol,
        "type_id": d.type_id,
        "title": d.title,
        "classification": d.classification.as_str(),
        "published": d.published,
        "file_name": d.file_name,
    })
}

fn not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "văn bản",
        key: id.to_string(),
    }
}

async fn document_on(conn: &mut AnyConnection, id: i64) -> Result<Option<Document>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} {FROM} WHERE d.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(document_from_row).transpose()
}

async fn check_type(conn: &mut AnyConnection, type_id: i64) -> Result<(), StoreError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM document_type WHERE id = $1")
        .bind(type_id)
        .fetch_optional(&mut *conn)
        .await?;
    match found {
        Some(_) => Ok(()),
        None => Err(StoreError::NotFound {
            entity: "loại văn bản",
            key: type_id.to_string(),
        }),
    }
}

fn type_not_found(id: i64) -> StoreError {
    StoreError::NotFound {
        entity: "loại văn bản",
        key: id.to_string(),
    }
}

/// Every type in list order on `conn`.
async fn types_on(conn: &mut AnyConnection) -> Result<Vec<DocumentType>, StoreError> {
    let rows = sqlx::query("SELECT id, name, position FROM document_type ORDER BY position, id")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(DocumentType {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                position: r.try_get("position")?,
            })
        })
        .collect()
}

/// The domain's check of a type name, again inside the store.
fn checked_type_name(raw: &str) -> Result<String, StoreError> {
    check_type_name(raw).map_err(StoreError::Invalid)
}

/// Refuses `name` when another type than `except` already has its folded key (the unique index
/// refuses it too, for two writers at once).
async fn check_type_name_free(
    conn: &mut AnyConnection,
    name: &str,
    except: Option<i64>,
) -> Result<(), StoreError> {
    let taken: Option<i64> =
        sqlx::query_scalar("SELECT id FROM document_type WHERE name_key = $1 AND id <> $2")
            .bind(type_name_key(name))
            .bind(except.unwrap_or(0))
            .fetch_optional(&mut *conn)
            .await?;
    match taken {
        Some(_) => Err(StoreError::Conflict(crate::Constraint::DocumentTypeName)),
        None => Ok(()),
    }
}

/// Gives every type whose key is still the placeholder of schema 17 (`#<id>`) its folded key;
/// a name whose key another type already holds keeps its placeholder (and stays unique).
/// Returns how many keys were set.
pub(crate) async fn fill_document_type_keys(store: &Store) -> Result<u64, StoreError> {
    let rows = sqlx::query("SELECT id, name FROM document_type WHERE name_key LIKE '#%'")
        .fetch_all(store.pool())
        .await?;
    let mut filled = 0;
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        let set = sqlx::query("UPDATE document_type SET name_key = $1 WHERE id = $2")
            .bind(type_name_key(&name))
            .bind(id)
            .execute(store.pool())
            .await;
        match set {
            Ok(_) => filled += 1,
            Err(err) => match StoreError::from(err) {
                StoreError::Conflict(_) => {
                    tracing::warn!(id, %name, "a document type's name folds to another's");
                }
                other => return Err(other),
            },
        }
    }
    Ok(filled)
}

/// Write (or drop) the search index row of `doc` on `conn`: a public document is indexed,
/// anything else (a draft, a classified document) is removed from the index.
pub(crate) async fn index_document(
    conn: &mut AnyConnection,
    doc: &Document,
) -> Result<(), StoreError> {
    if !doc.is_public() {
        return remove_item(conn, KIND_DOCUMENT, doc.id).await;
    }
    let title = format!("{} {}", doc.number_symbol, doc.title);
    let body = format!(
        "{}\n{}\n{}\n{}",
        doc.type_name, doc.summary, doc.issuer, doc.signer
    );
    index_item(
        conn,
        &IndexEntry {
            kind: KIND_DOCUMENT,
            item_id: doc.id,
            visible_from: doc.published_at.map(to_micros),
            title: &title,
            body: &body,
        },
    )
    .await
}

/// [`Store::create_document`] inside the caller's transaction (the demo uses it too).
pub(crate) async fn insert_document_in(
    conn: &mut AnyConnection,
    new: &NewDocument,
    publish: bool,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Result<Document, StoreError> {
    if publish {
        check_publishable(new.fields.classification)
            .map_err(|e| StoreError::Invalid(e.to_string()))?;
    }
    check_type(conn, new.type_id).await?;
    let f = &new.fields;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO document (number_symbol, type_id, title, issuer, signer, issued_on, \
             effective_on, summary, classification, status, published_at, search_text, \
             created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    )
    .bind(&f.number)
    .bind(new.type_id)
    .bind(&f.title)
    .bind(&f.issuer)
    .bind(&f.signer)
    .bind(to_day(f.issued_on))
    .bind(f.effective_on.map(to_day))
    .bind(&f.summary)
    .bind(f.classification.as_str())
    .bind(if publish { "published" } else { "draft" })
    .bind(publish.then(|| to_micros(now)))
    .bind(search_text(f))
    .bind(to_micros(now))
    .fetch_one(&mut *conn)
    .await?;
    let doc = document_on(conn, id).await?.ok_or_else(|| not_found(id))?;
    index_document(conn, &doc).await?;
    record(
        conn,
        actor,
        now,
        "create",
        "document",
        Some(id),
        audit_detail(&doc),
    )
    .await?;
    Ok(doc)
}

/// The `WHERE` conditions of `filter` (plus `base`), their values appended to `args`.
fn conditions(filter: &DocumentFilter, base: &str, args: &mut Vec<Arg>) -> String {
    let mut out = vec![base.to_owned()];
    let bind = |arg: Arg, args: &mut Vec<Arg>| {
        args.push(arg);
        format!("${}", args.len())
    };
    for term in search_terms(&filter.text) {
        let p = bind(Arg::Text(like_pattern(&term)), args);
        out.push(format!("d.search_text LIKE {p} ESCAPE '\\'"));
    }
    if let Some(id) = filter.type_id {
        let p = bind(Arg::Int(id), args);
        out.push(format!("d.type_id = {p}"));
    }
    if let Some(issuer) = &filter.issuer {
        let p = bind(Arg::Text(issuer.clone()), args);
        out.push(format!("d.issuer = {p}"));
    }
    if let Some(signer) = &filter.signer {
        let p = bind(Arg::Text(signer.clone()), args);
        out.push(format!("d.signer = {p}"));
    }
    if let Some(year) = filter.year {
        let from = bind(Arg::Int(i64::from(year) * 10_000), args);
        let to = bind(Arg::Int(i64::from(year + 1) * 10_000), args);
        out.push(format!("d.issued_on >= {from} AND d.issued_on < {to}"));
    }
    out.join(" AND ")
}

impl Store {
    /// Loại văn bản — the document types in list order.
    pub async fn document_types(&self) -> Result<Vec<DocumentType>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        types_on(&mut conn).await
    }

    /// Loại văn bản và số văn bản — the types in list order, each with how many documents use
    /// it (the administration's list of types).
    pub async fn document_type_uses(&self) -> Result<Vec<DocumentTypeUse>, StoreError> {
        let rows = sqlx::query(
            "SELECT t.id, t.name, t.position, \
                    (SELECT COUNT(*) FROM document d WHERE d.type_id = t.id) AS documents \
             FROM document_type t ORDER BY t.position, t.id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DocumentTypeUse {
                    document_type: DocumentType {
                        id: r.try_get("id")?,
                        name: r.try_get("name")?,
                        position: r.try_get("position")?,
                    },
                    documents: r.try_get("documents")?,
                })
            })
            .collect()
    }

    /// Thêm loại văn bản — adds a type at the end of the list. The name is checked by the
    /// domain ([`StoreError::Invalid`]); one that folds to a type's already there is
    /// `Conflict(Constraint::DocumentTypeName)`.
    pub async fn create_document_type(
        &self,
        name: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<DocumentType, StoreError> {
        let name = checked_type_name(name)?;
        let mut tx = self.begin().await?;
        check_type_name_free(&mut tx, &name, None).await?;
        let position: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM document_type")
                .fetch_one(&mut *tx)
                .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO document_type (name, name_key, position) VALUES ($1, $2, $3) \
             RETURNING id",
        )
        .bind(&name)
        .bind(type_name_key(&name))
        .bind(position)
        .fetch_one(&mut *tx)
        .await?;
        record(
            &mut tx,
            actor,
            now,
            "create",
            "document_type",
            Some(id),
            json!({"name": name, "position": position}),
        )
        .await?;
        tx.commit().await?;
        Ok(DocumentType { id, name, position })
    }

    /// Đổi tên loại văn bản — renames type `id`; its documents keep it (the index rows of the
    /// public ones, which hold the type's name, are rewritten in the same transaction).
    pub async fn rename_document_type(
        &self,
        id: i64,
        name: &str,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<DocumentType, StoreError> {
        let name = checked_type_name(name)?;
        let mut tx = self.begin().await?;
        let old = types_on(&mut tx)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| type_not_found(id))?;
        check_type_name_free(&mut tx, &name, Some(id)).await?;
        sqlx::query("UPDATE document_type SET name = $1, name_key = $2 WHERE id = $3")
            .bind(&name)
            .bind(type_name_key(&name))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let public: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT d.id FROM document d WHERE d.type_id = $1 AND {PUBLIC} ORDER BY d.id"
        ))
        .bind(id)
        .fetch_all(&mut *tx)
        .await?;
        for doc_id in public {
            if let Some(doc) = document_on(&mut tx, doc_id).await? {
                index_document(&mut tx, &doc).await?;
            }
        }
        record(
            &mut tx,
            actor,
            now,
            "update",
            "document_type",
            Some(id),
            json!({"name": name, "before": old.name}),
        )
        .await?;
        tx.commit().await?;
        Ok(DocumentType {
            id,
            name,
            position: old.position,
        })
    }

    /// Chuyển thứ tự loại văn bản — moves type `id` one place up or down the list (nothing
    /// happens at either end); the positions are rewritten 1, 2, 3, … in the new order.
    /// Returns the types in their new order.
    pub async fn move_document_type(
        &self,
        id: i64,
        direction: TypeMove,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Vec<DocumentType>, StoreError> {
        let mut tx = self.begin().await?;
        let mut types = types_on(&mut tx).await?;
        let at = types
            .iter()
            .position(|t| t.id == id)
            .ok_or_else(|| type_not_found(id))?;
        let other = match direction {
            TypeMove::Up => at.checked_sub(1),
            TypeMove::Down => Some(at + 1).filter(|&i| i < types.len()),
        };
        let Some(other) = other else {
            tx.rollback().await?;
            return Ok(types);
        };
        types.swap(at, other);
        for (i, t) in types.iter_mut().enumerate() {
            let position = i as i64 + 1;
            if t.position != position {
                sqlx::query("UPDATE document_type SET position = $1 WHERE id = $2")
                    .bind(position)
                    .bind(t.id)
                    .execute(&mut *tx)
                    .await?;
                t.position = position;
            }
        }
        let (from, to) = (at as i64 + 1, other as i64 + 1);
        record(
            &mut tx,
            actor,
            now,
            "reorder",
            "document_type",
            Some(id),
            json!({"name": types[other].name, "position": to, "from": from}),
        )
        .await?;
        tx.commit().await?;
        Ok(types)
    }

    /// Xoá loại văn bản — deletes type `id` when no document uses it; `Ok(Err(in_use))` with
    /// how many do otherwise, and nothing is changed.
    pub async fn delete_document_type(
        &self,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Result<(), DocumentTypeInUse>, StoreError> {
        let mut tx = self.begin().await?;
        let old = types_on(&mut tx)
            .await?
            .into_iter()
            .find(|t| t.id == id)
            .ok_or_else(|| type_not_found(id))?;
        let documents: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM document WHERE type_id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        if documents > 0 {
            tx.rollback().await?;
            return Ok(Err(DocumentTypeInUse { documents }));
        }
        sqlx::query("DELETE FROM document_type WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "document_type",
            Some(id),
            json!({"name": old.name, "position": old.position}),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Tạo văn bản — create a document, as a draft or published (`publish`). Publishing a
    /// classified document gives [`StoreError::Invalid`] and writes nothing; an unknown type
    /// gives [`StoreError::NotFound`].
    pub async fn create_document(
        &self,
        new: &NewDocument,
        publish: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Document, StoreError> {
        let mut tx = self.begin().await?;
        let doc = insert_document_in(&mut tx, new, publish, actor, now).await?;
        tx.commit().await?;
        Ok(doc)
    }

    /// Sửa văn bản — replace every editable field of document `id` (its publication and file
    /// stay). Marking a published document "Mật" gives [`StoreError::Invalid`]: unpublish it
    /// first.
    pub async fn update_document(
        &self,
        id: i64,
        update: &NewDocument,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Document, StoreError> {
        let mut tx = self.begin().await?;
        let old = document_on(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        if old.published {
            check_publishable(update.fields.classification).map_err(|e| {
                StoreError::Invalid(format!(
                    "{e} Hãy gỡ văn bản khỏi cổng thông tin trước khi đổi độ mật."
                ))
            })?;
        }
        check_type(&mut tx, update.type_id).await?;
        let f = &update.fields;
        sqlx::query(
            "UPDATE document SET number_symbol = $1, type_id = $2, title = $3, issuer = $4, \
                 signer = $5, issued_on = $6, effective_on = $7, summary = $8, \
                 classification = $9, search_text = $10, updated_at = $11 \
             WHERE id = $12",
        )
        .bind(&f.number)
        .bind(update.type_id)
        .bind(&f.title)
        .bind(&f.issuer)
        .bind(&f.signer)
        .bind(to_day(f.issued_on))
        .bind(f.effective_on.map(to_day))
        .bind(&f.summary)
        .bind(f.classification.as_str())
        .bind(search_text(f))
        .bind(to_micros(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let doc = document_on(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        index_document(&mut tx, &doc).await?;
        record(
            &mut tx,
            actor,
            now,
            "update",
            "document",
            Some(id),
            audit_detail(&doc),
        )
        .await?;
        tx.commit().await?;
        Ok(doc)
    }

    /// Xuất bản / gỡ văn bản — publish (at `now`) or unpublish document `id`. Publishing a
    /// classified document gives [`StoreError::Invalid`] and changes nothing.
    pub async fn set_document_published(
        &self,
        id: i64,
        published: bool,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Document, StoreError> {
        let mut tx = self.begin().await?;
        let old = document_on(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        if published {
            check_publishable(old.classification)
                .map_err(|e| StoreError::Invalid(e.to_string()))?;
        }
        sqlx::query(
            "UPDATE document SET status = $1, updated_at = $2, \
                 published_at = CASE WHEN $3 = 1 THEN $2 ELSE published_at END \
             WHERE id = $4",
        )
        .bind(if published { "published" } else { "draft" })
        .bind(to_micros(now))
        .bind(i64::from(published && !old.published))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let doc = document_on(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        index_document(&mut tx, &doc).await?;
        record(
            &mut tx,
            actor,
            now,
            if published { "publish" } else { "unpublish" },
            "document",
            Some(id),
            audit_detail(&doc),
        )
        .await?;
        tx.commit().await?;
        Ok(doc)
    }

    /// Đính kèm tệp — record the PDF attached to document `id` (already written to the documents
    /// folder by the web layer). Returns the document and the file it replaces, which the caller
    /// removes once this has committed.
    pub async fn set_document_file(
        &self,
        id: i64,
        file_name: &str,
        file_size: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<(Document, Option<String>), StoreError> {
        let mut tx = self.begin().await?;
        let old = document_on(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        sqlx::query(
            "UPDATE document SET file_name = $1, file_size = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(file_name)
        .bind(file_size)
        .bind(to_micros(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let doc = document_on(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        record(
            &mut tx,
            actor,
            now,
            "attach_file",
            "document",
            Some(id),
            json!({"file_name": file_name, "file_size": file_size, "replaced": old.file_name}),
        )
        .await?;
        tx.commit().await?;
        Ok((doc, old.file_name))
    }

    /// Xoá văn bản — delete document `id` and its index row. Returns its file's name, which the
    /// caller removes once this has committed.
    pub async fn delete_document(
        &self,
        id: i64,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        let mut tx = self.begin().await?;
        let old = document_on(&mut tx, id)
            .await?
            .ok_or_else(|| not_found(id))?;
        remove_item(&mut tx, KIND_DOCUMENT, id).await?;
        sqlx::query("DELETE FROM document WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        record(
            &mut tx,
            actor,
            now,
            "delete",
            "document",
            Some(id),
            audit_detail(&old),
        )
        .await?;
        tx.commit().await?;
        Ok(old.file_name)
    }

    /// Văn bản theo mã — document `id` whatever its state (administration).
    pub async fn document_by_id(&self, id: i64) -> Result<Option<Document>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        document_on(&mut conn, id).await
    }

    /// Văn bản công khai — document `id` if readers may see it (published, not classified).
    pub async fn published_document(&self, id: i64) -> Result<Option<Document>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} {FROM} WHERE d.id = $1 AND {PUBLIC}"
        ))
        .bind(id)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(document_from_row).transpose()
    }

    /// Danh sách văn bản công khai — the public documents matching `filter`, newest issue date
    /// first, one page with the total.
    pub async fn list_published_documents(
        &self,
        filter: &DocumentFilter,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Document>, StoreError> {
        self.documents_where(
            filter,
            PUBLIC,
            "d.issued_on DESC, d.id DESC",
            page,
            per_page,
        )
        .await
    }

    /// Tất cả văn bản — every document matching `filter` whatever its state or class
    /// (administration), last changed first.
    pub async fn list_all_documents(
        &self,
        filter: &DocumentFilter,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Document>, StoreError> {
        self.documents_where(
            filter,
            "1 = 1",
            "d.updated_at DESC, d.id DESC",
            page,
            per_page,
        )
        .await
    }

    async fn documents_where(
        &self,
        filter: &DocumentFilter,
        base: &str,
        order: &str,
        page: u32,
        per_page: u32,
    ) -> Result<Page<Document>, StoreError> {
        let (page, per_page, offset) = paging(page, per_page);
        let mut args = Vec::new();
        let cond = conditions(filter, base, &mut args);
        let count_sql = format!("SELECT COUNT(*) {FROM} WHERE {cond}");
        let total = bind_all_scalar(sqlx::query_scalar(&count_sql), &args)
            .fetch_one(self.pool())
            .await?;
        let n = args.len();
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE {cond} ORDER BY {order} LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        );
        let rows = bind_all(sqlx::query(&sql), &args)
            .bind(i64::from(per_page))
            .bind(offset)
            .fetch_all(self.pool())
            .await?;
        Ok(Page {
            items: rows
                .iter()
                .map(document_from_row)
                .collect::<Result<_, _>>()?,
            total: total.max(0) as u64,
            page,
            per_page,
        })
    }

    /// Lựa chọn lọc — the issuing bodies, signers and years of the public documents.
    pub async fn document_facets(&self) -> Result<DocumentFacets, StoreError> {
        let issuers: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT d.issuer FROM document d WHERE {PUBLIC} ORDER BY d.issuer"
        ))
        .fetch_all(self.pool())
        .await?;
        let signers: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT d.signer FROM document d WHERE {PUBLIC} AND d.signer <> '' \
             ORDER BY d.signer"
        ))
        .fetch_all(self.pool())
        .await?;
        let years: Vec<i64> = sqlx::query_scalar(&format!(
            "SELECT DISTINCT d.issued_on / 10000 AS y FROM document d WHERE {PUBLIC} \
             ORDER BY y DESC"
        ))
        .fetch_all(self.pool())
        .await?;
        let mut issuers = issuers;
        issuers.sort_by(|a, b| daihoi_domain::vn::compare_vi(a, b));
        let mut signers = signers;
        signers.sort_by(|a, b| daihoi_domain::vn::compare_person_names(a, b));
        Ok(DocumentFacets {
            issuers,
            signers,
            years: years
                .into_iter()
                .filter_map(|y| i32::try_from(y).ok())
                .collect(),
        })
    }

    /// Văn bản mới nhất — the `limit` public documents published last (feeds, site maps),
    /// newest publication first.
    pub async fn latest_published_documents(
        &self,
        limit: u32,
    ) -> Result<Vec<Document>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} {FROM} WHERE {PUBLIC} \
             ORDER BY d.published_at DESC, d.id DESC LIMIT $1"
        ))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(document_from_row).collect()
    }

    /// Documents by id for the search hits: only public ones (a document withdrawn meanwhile
    /// is left out).
    pub(crate) async fn public_documents_by_ids(
        &self,
        ids: &[i64],
    ) -> Result<Vec<Document>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE {PUBLIC} AND d.id IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(self.pool()).await?;
        rows.iter().map(document_from_row).collect()
    }
}
