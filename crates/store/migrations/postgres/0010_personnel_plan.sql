-- daihoi schema 10 (PostgreSQL): the personnel plan (đề án nhân sự) of a congress — its rule set and
-- committee level, its structure targets as data, and the slate of candidates from the rolls.
-- The committee's size is congress.committee_seats.

-- Đề án nhân sự: at most one per congress. `rules` names a built-in election rule set
-- (`party-2014`, `party-2024`, …) whose surplus limits the slate is checked against;
-- `committee_level` chooses the age limits of Chỉ thị 35 (district or provincial committee).
CREATE TABLE personnel_plan (
    congress_id     BIGINT  PRIMARY KEY REFERENCES congress (id) ON DELETE CASCADE,
    rules           TEXT    NOT NULL,
    committee_level TEXT    NOT NULL CHECK (committee_level IN ('district', 'provincial')),
    created_at      BIGINT  NOT NULL,
    updated_at      BIGINT  NOT NULL
);

-- Chỉ tiêu cơ cấu: one structure target. `criterion` is the domain's stored form (`women`,
-- `under_age:40`, `ethnic_minority`, `renominated`, `mark:cán bộ trẻ`); the bound is in
-- hundredths of a percent (`1500` = 15%), `bound_high` repeating `bound_low` unless `within`.
CREATE TABLE plan_target (
    id          BIGSERIAL PRIMARY KEY,
    congress_id BIGINT  NOT NULL REFERENCES personnel_plan (congress_id) ON DELETE CASCADE,
    position    BIGINT  NOT NULL,
    label       TEXT    NOT NULL,
    criterion   TEXT    NOT NULL,
    bound_kind  TEXT    NOT NULL CHECK (bound_kind IN ('at_least', 'at_most', 'within')),
    bound_low   BIGINT  NOT NULL CHECK (bound_low >= 0 AND bound_low <= 10000),
    bound_high  BIGINT  NOT NULL CHECK (bound_high >= bound_low AND bound_high <= 10000),
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL
);
CREATE INDEX plan_target_congress ON plan_target (congress_id, position);

-- Ứng viên: a person of the rolls on the slate, standing again (tái cử) or for the first time.
CREATE TABLE plan_candidate (
    congress_id BIGINT  NOT NULL REFERENCES personnel_plan (congress_id) ON DELETE CASCADE,
    person_id   BIGINT  NOT NULL REFERENCES person (id),
    renominated BIGINT  NOT NULL DEFAULT 0 CHECK (renominated IN (0, 1)),
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    PRIMARY KEY (congress_id, person_id)
);

-- Đánh dấu: the marks set on a candidate for custom targets ("cán bộ trẻ"), in the order typed;
-- `mark_key` is the mark folded (no case, no diacritics), so one mark is kept once.
CREATE TABLE plan_candidate_mark (
    congress_id BIGINT  NOT NULL,
    person_id   BIGINT  NOT NULL,
    position    BIGINT  NOT NULL,
    mark        TEXT    NOT NULL,
    mark_key    TEXT    NOT NULL,
    PRIMARY KEY (congress_id, person_id, mark_key),
    FOREIGN KEY (congress_id, person_id) REFERENCES plan_candidate (congress_id, person_id)
        ON DELETE CASCADE
);
