-- daihoi schema 9 (SQLite): the delegates of a congress — the allocation of seats among the
-- sub-organizations, the delegates and alternates, their credentials, and check-in at the hall.

-- Phân bổ đại biểu: the seats of one sub-organization at one congress. `proposed` is what the
-- largest-remainder rule gave; `seats` what the convening committee decided; `reason` says why
-- they differ (required by the application when they do).
CREATE TABLE delegate_allocation (
    congress_id     INTEGER NOT NULL REFERENCES congress (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organization (id),
    members         INTEGER NOT NULL CHECK (members >= 0),
    proposed        INTEGER NOT NULL CHECK (proposed >= 0),
    seats           INTEGER NOT NULL CHECK (seats >= 0),
    reason          TEXT,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (congress_id, organization_id)
);

-- Đại biểu: one delegate (ex officio or elected) or alternate of a congress. `organization_id`
-- is the sub-organization that elected them (or whose member an ex-officio delegate is).
-- `status`: convened (triệu tập), replaced (could not attend, an alternate took the seat),
-- standby (an alternate not called). `check_in_code` is printed on the card as a QR code.
CREATE TABLE delegate (
    id              INTEGER PRIMARY KEY,
    congress_id     INTEGER NOT NULL REFERENCES congress (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('ex_officio', 'elected', 'alternate')),
    person_id       INTEGER REFERENCES person (id),
    full_name       TEXT    NOT NULL,
    name_folded     TEXT    NOT NULL,
    sex             TEXT    CHECK (sex IN ('male', 'female')),
    birth           TEXT,
    organization_id INTEGER REFERENCES organization (id),
    alternate_rank  INTEGER,
    votes           INTEGER,
    status          TEXT    NOT NULL CHECK (status IN ('convened', 'replaced', 'standby')),
    replaces_id     INTEGER REFERENCES delegate (id),
    status_reason   TEXT,
    check_in_code   TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX delegate_congress ON delegate (congress_id, status);
CREATE INDEX delegate_organization ON delegate (congress_id, organization_id, kind);

-- Điểm danh: the latest attendance state of a convened delegate (present, or absent with a
-- reason); no row means not yet checked in. Undo deletes the row.
CREATE TABLE attendance (
    delegate_id INTEGER PRIMARY KEY REFERENCES delegate (id) ON DELETE CASCADE,
    congress_id INTEGER NOT NULL REFERENCES congress (id) ON DELETE CASCADE,
    state       TEXT    NOT NULL CHECK (state IN ('present', 'absent')),
    reason      TEXT,
    at          INTEGER NOT NULL,
    by_user     INTEGER REFERENCES app_user (id)
);
CREATE INDEX attendance_congress ON attendance (congress_id, state);
