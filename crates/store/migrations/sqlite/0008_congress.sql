-- daihoi schema 8 (SQLite): the congress workspace — organizations, people, congresses and the
-- scoped rights of accounts. See docs/store.md and docs/decisions/0009.

-- Tổ chức: a tree of any depth. `path` is the ids from the root, each followed by '/'
-- ('/1/10/100/'), so a subtree is one index range: path >= '/1/10/' AND path < '/1/100'
-- ('0' follows '/' in byte order). `code_key` is the code in capitals, unique. A closed
-- organization is kept (closed_at set), never deleted.
CREATE TABLE organization (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL,
    code_key    TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    name_folded TEXT    NOT NULL,
    level       TEXT    NOT NULL,
    members     INTEGER NOT NULL DEFAULT 0 CHECK (members >= 0),
    parent_id   INTEGER REFERENCES organization (id),
    path        TEXT    NOT NULL,
    depth       INTEGER NOT NULL CHECK (depth >= 1),
    closed_at   INTEGER,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX organization_parent ON organization (parent_id);
CREATE INDEX organization_path ON organization (path);

-- Nhân sự: a person on an organization's roll. `birth` is 'yyyy-mm-dd' or 'yyyy' (year only).
-- Ethnicity, birth and card number are sensitive personal data: see docs/store.md.
CREATE TABLE person (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization (id),
    full_name       TEXT    NOT NULL,
    name_folded     TEXT    NOT NULL,
    sex             TEXT    NOT NULL CHECK (sex IN ('male', 'female')),
    birth           TEXT    NOT NULL,
    ethnicity       TEXT,
    education       TEXT,
    position        TEXT,
    card_number     TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX person_organization ON person (organization_id);
CREATE UNIQUE INDEX person_card ON person (card_number) WHERE card_number IS NOT NULL;

-- Đại hội: one congress of one organization for one term. Days are yyyymmdd integers.
CREATE TABLE congress (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization (id),
    term_start      INTEGER NOT NULL,
    term_end        INTEGER NOT NULL CHECK (term_end > term_start),
    name            TEXT    NOT NULL,
    name_folded     TEXT    NOT NULL,
    planned_start   INTEGER,
    planned_end     INTEGER,
    held_start      INTEGER,
    held_end        INTEGER,
    pilot           INTEGER NOT NULL DEFAULT 0 CHECK (pilot IN (0, 1)),
    status          TEXT    NOT NULL CHECK (status IN ('planned', 'preparing', 'held', 'approved')),
    venue           TEXT    NOT NULL DEFAULT '',
    delegates       INTEGER CHECK (delegates >= 0),
    quorum_num      INTEGER NOT NULL DEFAULT 2,
    quorum_den      INTEGER NOT NULL DEFAULT 3,
    committee_seats INTEGER CHECK (committee_seats >= 0),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CHECK (quorum_num > 0 AND quorum_den > 0 AND quorum_num <= quorum_den),
    UNIQUE (organization_id, term_start)
);
CREATE INDEX congress_term ON congress (term_start, organization_id);

-- Cấp quyền: a congress-workspace role held on an organization's subtree or on one congress.
-- The portal role stays in app_user.role (a grant on the whole site).
CREATE TABLE role_grant (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL CHECK (role IN ('secretariat', 'observer', 'checkin')),
    organization_id INTEGER REFERENCES organization (id),
    congress_id     INTEGER REFERENCES congress (id),
    created_at      INTEGER NOT NULL,
    CHECK ((organization_id IS NULL) <> (congress_id IS NULL))
);
CREATE INDEX role_grant_user ON role_grant (user_id);

-- An article may name the congress it reports on.
ALTER TABLE article ADD COLUMN congress_id INTEGER REFERENCES congress (id);
CREATE INDEX article_congress ON article (congress_id);

-- An account of the congress workspace only (a secretariat, the hall staff) has no portal role:
-- portal_access = 0 and its rights are its grants. Admins always keep portal access.
ALTER TABLE app_user ADD COLUMN portal_access INTEGER NOT NULL DEFAULT 1 CHECK (portal_access IN (0, 1));
