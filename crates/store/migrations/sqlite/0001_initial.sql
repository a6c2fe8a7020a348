-- daihoi schema 1 (SQLite).
-- Timestamps are BIGINT microseconds since 1970-01-01 UTC; calendar days are INTEGER yyyymmdd.
-- Both sort correctly as numbers on SQLite and PostgreSQL (see docs/decisions/0001).
-- Booleans are INTEGER 0/1 because sqlx's Any driver has no SQLite BOOLEAN mapping.

CREATE TABLE category (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE app_user (
    id            INTEGER PRIMARY KEY,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

CREATE TABLE article (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    title          TEXT    NOT NULL,
    lead           TEXT    NOT NULL DEFAULT '',
    body_md        TEXT    NOT NULL DEFAULT '',
    kind           TEXT    NOT NULL CHECK (kind IN ('news', 'interview')),
    category_id    INTEGER NOT NULL REFERENCES category (id),
    author         TEXT    NOT NULL DEFAULT '',
    source         TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
    published_at   INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    cover_photo_id INTEGER REFERENCES photo (id) ON DELETE SET NULL
);
CREATE INDEX article_published ON article (status, published_at);
CREATE INDEX article_category_published ON article (category_id, status, published_at);

CREATE TABLE photo (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    file_name  TEXT    NOT NULL,
    thumb_name TEXT    NOT NULL,
    caption    TEXT    NOT NULL DEFAULT '',
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    mime       TEXT    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX photo_article ON photo (article_id, position);

-- One row per rating (đánh giá); the unique pair makes a second rating by the same visitor a no-op.
CREATE TABLE rating (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    visitor_id TEXT    NOT NULL,
    stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    ip_key     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (article_id, visitor_id)
);

-- Dated daily visit counters, kept for good; people and bots apart.
CREATE TABLE daily_visit (
    day    INTEGER NOT NULL,
    kind   TEXT    NOT NULL CHECK (kind IN ('person', 'bot')),
    visits INTEGER NOT NULL CHECK (visits >= 0),
    PRIMARY KEY (day, kind)
);

-- Each app instance reports its own "online" count here; see docs/store.md.
CREATE TABLE instance_presence (
    instance_id TEXT    PRIMARY KEY,
    online      INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE user_session (
    token_hash TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX user_session_expires ON user_session (expires_at);

-- Nhật ký: one row per administrative change, written in the change's transaction.
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at            INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES app_user (id),
    action        TEXT    NOT NULL,
    entity        TEXT    NOT NULL,
    entity_id     INTEGER,
    detail        TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
