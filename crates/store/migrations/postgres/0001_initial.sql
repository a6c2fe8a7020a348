-- daihoi schema 1 (PostgreSQL). Same tables and column types as migrations/sqlite/0001.
-- Timestamps are BIGINT microseconds since 1970-01-01 UTC; calendar days are BIGINT yyyymmdd.
-- Both sort correctly as numbers on SQLite and PostgreSQL (see docs/decisions/0001).
-- Booleans are BIGINT 0/1 so that one Rust code path reads both databases.

CREATE TABLE category (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT   NOT NULL UNIQUE,
    name        TEXT   NOT NULL,
    description TEXT   NOT NULL DEFAULT '',
    position    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE app_user (
    id            BIGSERIAL PRIMARY KEY,
    username      TEXT   NOT NULL UNIQUE,
    display_name  TEXT   NOT NULL,
    role          TEXT   NOT NULL CHECK (role IN ('admin', 'editor')),
    password_hash TEXT   NOT NULL,
    created_at    BIGINT NOT NULL,
    disabled      BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
);

CREATE TABLE article (
    id             BIGSERIAL PRIMARY KEY,
    slug           TEXT   NOT NULL UNIQUE,
    title          TEXT   NOT NULL,
    lead           TEXT   NOT NULL DEFAULT '',
    body_md        TEXT   NOT NULL DEFAULT '',
    kind           TEXT   NOT NULL CHECK (kind IN ('news', 'interview')),
    category_id    BIGINT NOT NULL REFERENCES category (id),
    author         TEXT   NOT NULL DEFAULT '',
    source         TEXT   NOT NULL DEFAULT '',
    status         TEXT   NOT NULL CHECK (status IN ('draft', 'published', 'unpublished')),
    published_at   BIGINT,
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    cover_photo_id BIGINT
);
CREATE INDEX article_published ON article (status, published_at);
CREATE INDEX article_category_published ON article (category_id, status, published_at);

CREATE TABLE photo (
    id         BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    file_name  TEXT   NOT NULL,
    thumb_name TEXT   NOT NULL,
    caption    TEXT   NOT NULL DEFAULT '',
    width      BIGINT NOT NULL,
    height     BIGINT NOT NULL,
    mime       TEXT   NOT NULL,
    position   BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX photo_article ON photo (article_id, position);

ALTER TABLE article ADD CONSTRAINT article_cover_photo_fk
    FOREIGN KEY (cover_photo_id) REFERENCES photo (id) ON DELETE SET NULL;

-- One row per rating (đánh giá); the unique pair makes a second rating by the same visitor a no-op.
CREATE TABLE rating (
    id         BIGSERIAL PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    visitor_id TEXT   NOT NULL,
    stars      BIGINT NOT NULL CHECK (stars BETWEEN 1 AND 5),
    ip_key     TEXT   NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (article_id, visitor_id)
);

-- Dated daily visit counters, kept for good; people and bots apart.
CREATE TABLE daily_visit (
    day    BIGINT NOT NULL,
    kind   TEXT   NOT NULL CHECK (kind IN ('person', 'bot')),
    visits BIGINT NOT NULL CHECK (visits >= 0),
    PRIMARY KEY (day, kind)
);

-- Each app instance reports its own "online" count here; see docs/store.md.
CREATE TABLE instance_presence (
    instance_id TEXT   PRIMARY KEY,
    online      BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE user_session (
    token_hash TEXT   PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX user_session_expires ON user_session (expires_at);

-- Nhật ký: one row per administrative change, written in the change's transaction.
CREATE TABLE audit_log (
    id            BIGSERIAL PRIMARY KEY,
    at            BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES app_user (id),
    action        TEXT   NOT NULL,
    entity        TEXT   NOT NULL,
    entity_id     BIGINT,
    detail        TEXT   NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
