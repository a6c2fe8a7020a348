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
    /// Trùng lặp — a unique value is already taken.
    #[error("Đã có {what} «{value}», hãy chọn giá trị khác / {what} «{value}» is already taken")]
    Conflict {
        /// Which value clashed, in Vietnamese (`đường dẫn bài viết`, `tên đăng nhập`, …).
        what: &'static str,
        /// The clashing value.
        value: String,
    },
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
    /// Lỗi cơ sở dữ liệu — any other database error.
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Map a unique-constraint violation to [`StoreError::Conflict`]; pass any other error on.
    pub(crate) fn conflict_or(err: sqlx::Error, what: &'static str, value: &str) -> StoreError {
        if is_unique_violation(&err) {
            StoreError::Conflict {
                what,
                value: value.to_owned(),
            }
        } else {
            StoreError::Database(err)
        }
    }
}

/// Whether `err` is a unique-constraint violation (either backend).
pub(crate) fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Whether `err` is a foreign-key violation (either backend).
pub(crate) fn is_foreign_key_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.is_foreign_key_violation())
}
