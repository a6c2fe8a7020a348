//! Lỗi lưu trữ — the one error enum of the store layer.

use thiserror::Error;

/// Lỗi lưu trữ — everything that can go wrong in the store. Messages are Vietnamese first,
/// English second, and name what was wrong.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Không tìm thấy — the named row does not exist.
    #[error("Không tìm thấy {entity} «{key}» / {entity} not found: {key}")]
    NotFound {
        /// What was looked for, in Vietnamese (`bài viết`, `chuyên mục`, …).
        entity: &'static str,
        /// The id or slug that was looked for.
        key: String,
    },
    /// Trùng lặp — a value that must be unique is already taken: a fact naming which unique
    /// constraint refused the write. The caller knows the value it tried and words the message.
    #[error("Giá trị đã có, vi phạm ràng buộc duy nhất {0} / unique constraint {0} violated")]
    Conflict(Constraint),
    /// Dữ liệu không hợp lệ — the caller passed a value the store refuses (e.g. stars = 9).
    #[error("Dữ liệu không hợp lệ: {0}")]
    Invalid(String),
    /// Lược đồ mới hơn — the database was migrated by a newer daihoi than this binary.
    #[error(
        "Cơ sở dữ liệu đang ở phiên bản lược đồ {found}, mới hơn phiên bản {known} mà bản daihoi \
         này biết; hãy dùng bản daihoi mới hơn. / The database schema version {found} is newer \
         than version {known} known to this daihoi binary; run a newer daihoi."
    )]
    SchemaTooNew {
        /// Highest schema version recorded in the database.
        found: i64,
        /// Highest schema version this binary carries.
        known: i64,
    },
    /// Địa chỉ cơ sở dữ liệu sai — the database URL could not be understood.
    #[error(
        "Địa chỉ cơ sở dữ liệu không hợp lệ «{0}»: cần `sqlite://…`, `postgres://…` hoặc đường \
         dẫn tệp / invalid database URL"
    )]
    BadUrl(String),
    /// Thiếu tên cơ sở dữ liệu — a PostgreSQL URL that names no database.
    #[error(
        "Địa chỉ PostgreSQL «{0}» không nêu tên cơ sở dữ liệu (postgres://máy-chủ/tên-csdl): daihoi \
         không dùng cơ sở dữ liệu mặc định của máy chủ / the PostgreSQL URL names no database"
    )]
    NoDatabaseName(String),
    /// Không kết nối được — the database could not be reached or opened.
    #[error(
        "Không kết nối được cơ sở dữ liệu «{url}»: {source} / cannot open the database; check \
         the URL, that the server runs and that the file's folder exists and is writable"
    )]
    Connect {
        /// The database URL with any password hidden.
        url: String,
        /// What the driver reported.
        source: sqlx::Error,
    },
    /// Không chuyển được lược đồ — a migration failed.
    #[error("Không áp dụng được bản chuyển đổi lược đồ (migration): {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// Dữ liệu hỏng — a stored value cannot be read back (unknown status, bad timestamp).
    #[error("Dữ liệu lưu trữ bị hỏng: {0} / corrupt stored value")]
    Corrupt(String),
    /// Không truy cập được — the database cannot be reached now: no connection within the pool's
    /// acquire timeout, a connection refused or lost, a server shutting down or out of
    /// connections. Temporary: the same request may succeed later (see [`is_unavailable`]).
    #[error("Không truy cập được cơ sở dữ liệu lúc này: {0} / database unavailable")]
    Unavailable(sqlx::Error),
    /// Lỗi cơ sở dữ liệu — any other database error.
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Database(sqlx::Error),
}

/// Every database error becomes a [`StoreError`] here, so a unique violation is always the typed
/// [`StoreError::Conflict`] (see [`conflict_of`]) and an unreachable database always
/// [`StoreError::Unavailable`] (see [`is_unavailable`]), whatever the query that met it.
impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> StoreError {
        if is_unavailable(&err) {
            return StoreError::Unavailable(err);
        }
        match conflict_of(&err) {
            Some(constraint) => StoreError::Conflict(constraint),
            None => StoreError::Database(err),
        }
    }
}

/// Không truy cập được — whether `err` says the database cannot be reached now rather than that
/// the query was wrong: the pool's acquire timeout, a closed pool, an I/O or TLS error on the
/// connection, and PostgreSQL's connection exceptions (class `08`), shutdowns (`57P01`–`57P03`)
/// and "too many connections" (`53300`).
pub fn is_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|code| {
            code.starts_with("08") || matches!(&*code, "57P01" | "57P02" | "57P03" | "53300")
        }),
        _ => false,
    }
}

/// Ràng buộc duy nhất — the unique constraints the application tells apart when a write is
/// refused. Recognised by [`conflict_of`]: by constraint name on PostgreSQL, by the
/// `table.column` list in SQLite's message (SQLite reports no name for a UNIQUE constraint).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Constraint {
    /// Đường dẫn bài viết — `article.slug` (PostgreSQL `article_slug_key`).
    ArticleSlug,
    /// Đường dẫn chuyên mục — `category.slug` (PostgreSQL `category_slug_key`).
    CategorySlug,
    /// Tên đăng nhập — `app_user.username` (PostgreSQL `app_user_username_key`).
    Username,
    /// Mỗi khách một đánh giá — `rating (article_id, visitor_id)` (PostgreSQL
    /// `rating_article_id_visitor_id_key`).
    RatingPerVisitor,
    /// Mã phiên đăng nhập — `user_session.token_hash`, the primary key (PostgreSQL
    /// `user_session_pkey`).
    SessionToken,
    /// Mã tổ chức — `organization.code_key` (PostgreSQL `organization_code_key_key`).
    OrganizationCode,
    /// Số thẻ đảng viên — the unique index `person_card` on `person.card_number`.
    PersonCard,
    /// Một đại hội mỗi nhiệm kỳ — `congress (organization_id, term_start)` (PostgreSQL
    /// `congress_organization_id_term_start_key`).
    CongressTerm,
    /// Đường dẫn trang giới thiệu — `about_page.slug` (PostgreSQL `about_page_slug_key`).
    AboutPageSlug,
    /// Tên loại văn bản — the unique index `document_type_folded_name` on `document_type.name_key`
    /// (the folded name), and the older exact `document_type.name` (PostgreSQL
    /// `document_type_name_key`, schema 14), which two writers saving the same name at once meet
    /// first: see [`Constraint::older_names`].
    DocumentTypeName,
}

impl Constraint {
    /// Every constraint the application tells apart.
    pub const ALL: [Constraint; 10] = [
        Constraint::ArticleSlug,
        Constraint::CategorySlug,
        Constraint::Username,
        Constraint::RatingPerVisitor,
        Constraint::SessionToken,
        Constraint::OrganizationCode,
        Constraint::PersonCard,
        Constraint::CongressTerm,
        Constraint::AboutPageSlug,
        Constraint::DocumentTypeName,
    ];

    /// The constraint's name in the PostgreSQL schema. The migrations declare these constraints
    /// inline (`slug TEXT NOT NULL UNIQUE`, `UNIQUE (article_id, visitor_id)`, `PRIMARY KEY`), so
    /// PostgreSQL names them `<table>_<columns>_key` and `<table>_pkey`; a migration that renames
    /// one must change it here too (the store tests fail otherwise).
    pub fn postgres_name(self) -> &'static str {
        match self {
            Constraint::ArticleSlug => "article_slug_key",
            Constraint::CategorySlug => "category_slug_key",
            Constraint::Username => "app_user_username_key",
            Constraint::RatingPerVisitor => "rating_article_id_visitor_id_key",
            Constraint::SessionToken => "user_session_pkey",
            Constraint::OrganizationCode => "organization_code_key_key",
            Constraint::PersonCard => "person_card",
            Constraint::CongressTerm => "congress_organization_id_term_start_key",
            Constraint::AboutPageSlug => "about_page_slug_key",
            Constraint::DocumentTypeName => "document_type_folded_name",
        }
    }

    /// The columns as SQLite lists them after "UNIQUE constraint failed: ".
    pub fn sqlite_columns(self) -> &'static str {
        match self {
            Constraint::ArticleSlug => "article.slug",
            Constraint::CategorySlug => "category.slug",
            Constraint::Username => "app_user.username",
            Constraint::RatingPerVisitor => "rating.article_id, rating.visitor_id",
            Constraint::SessionToken => "user_session.token_hash",
            Constraint::OrganizationCode => "organization.code_key",
            Constraint::PersonCard => "person.card_number",
            Constraint::CongressTerm => "congress.organization_id, congress.term_start",
            Constraint::AboutPageSlug => "about_page.slug",
            Constraint::DocumentTypeName => "document_type.name_key",
        }
    }

    /// Older unique constraints that refuse the same thing as a constraint the application tells
    /// apart (PostgreSQL name, SQLite column list): the exact type name of schema 14 stayed
    /// beside its folded key of schema 17 (an exact duplicate is a folded duplicate too).
    const OLDER: [(Constraint, &'static str, &'static str); 1] = [(
        Constraint::DocumentTypeName,
        "document_type_name_key",
        "document_type.name",
    )];

    /// The constraint whose older twin has this PostgreSQL name or SQLite column list.
    fn older_names(postgres: Option<&str>, sqlite: Option<&str>) -> Option<Constraint> {
        Self::OLDER
            .into_iter()
            .find(|(_, pg, lite)| postgres == Some(*pg) || sqlite == Some(*lite))
            .map(|(c, _, _)| c)
    }
}

impl std::fmt::Display for Constraint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.postgres_name())
    }
}

/// Ràng buộc bị vi phạm — the unique constraint `err` violates, if it is a unique violation of
/// one the application tells apart: the one place the store reads a database's conflict.
/// PostgreSQL reports the constraint's name; SQLite only the message
/// "UNIQUE constraint failed: table.column[, table.column…]", whose column list is compared
/// whole.
pub fn conflict_of(err: &sqlx::Error) -> Option<Constraint> {
    let sqlx::Error::Database(db) = err else {
        return None;
    };
    if !db.is_unique_violation() {
        return None;
    }
    if let Some(name) = db.constraint() {
        return Constraint::ALL
            .into_iter()
            .find(|c| c.postgres_name() == name)
            .or_else(|| Constraint::older_names(Some(name), None));
    }
    let columns = db
        .message()
        .strip_prefix("UNIQUE constraint failed: ")?
        .trim();
    Constraint::ALL
        .into_iter()
        .find(|c| c.sqlite_columns() == columns)
        .or_else(|| Constraint::older_names(None, Some(columns)))
}

/// Whether `err` is a foreign-key violation (either backend).
pub(crate) fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_foreign_key_violation())
}
