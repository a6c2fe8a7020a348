-- daihoi schema 14 (PostgreSQL): documents (văn bản) and the about pages (giới thiệu).
--
-- Văn bản — official documents. The types are data (document_type), seeded below; the list of
-- an administration may grow. A document's dates are yyyymmdd days; published_at is UTC
-- microseconds. classification is 'thuong' (may be published) or 'mat', 'toi-mat',
-- 'tuyet-mat' ("Mật" and higher): such a document is never published, and the CHECK
-- document_secret_never_published refuses it in SQL too, whatever code path writes the row.
-- file_name is the PDF's path inside the documents folder (<data-dir>/documents, NOT the
-- uploads folder served as static files: the file is served only by the portal, and only for a
-- published, unclassified document). search_text holds the folded number, title, summary,
-- issuer and signer for the list's search box (LIKE).
CREATE TABLE document_type (
    id       BIGSERIAL PRIMARY KEY,
    name     TEXT    NOT NULL UNIQUE,
    position BIGINT NOT NULL DEFAULT 0
);

INSERT INTO document_type (name, position) VALUES
    ('Nghị quyết', 1), ('Quyết định', 2), ('Chỉ thị', 3), ('Kết luận', 4), ('Quy định', 5),
    ('Quy chế', 6), ('Hướng dẫn', 7), ('Thông báo', 8), ('Công văn', 9), ('Kế hoạch', 10),
    ('Báo cáo', 11), ('Tờ trình', 12);

CREATE TABLE document (
    id             BIGSERIAL PRIMARY KEY,
    number_symbol  TEXT    NOT NULL,
    type_id        BIGINT NOT NULL REFERENCES document_type (id),
    title          TEXT    NOT NULL,
    issuer         TEXT    NOT NULL,
    signer         TEXT    NOT NULL DEFAULT '',
    issued_on      BIGINT NOT NULL,
    effective_on   BIGINT,
    summary        TEXT    NOT NULL DEFAULT '',
    classification TEXT    NOT NULL
        CHECK (classification IN ('thuong', 'mat', 'toi-mat', 'tuyet-mat')),
    status         TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    published_at   BIGINT,
    file_name      TEXT,
    file_size      BIGINT,
    search_text    TEXT    NOT NULL DEFAULT '',
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CONSTRAINT document_secret_never_published
        CHECK (status <> 'published' OR classification = 'thuong')
);

-- The public list: published documents, newest issue date first.
CREATE INDEX document_public ON document (status, issued_on);

-- Giới thiệu — the about pages, a tree of at most three levels (daihoi_domain::about, checked in
-- the store's transaction). published is 0/1; a page is public when it and every page above it
-- are published.
CREATE TABLE about_page (
    id         BIGSERIAL PRIMARY KEY,
    parent_id  BIGINT REFERENCES about_page (id),
    slug       TEXT    NOT NULL UNIQUE,
    title      TEXT    NOT NULL,
    body_md    TEXT    NOT NULL DEFAULT '',
    position   BIGINT NOT NULL DEFAULT 0,
    published  BIGINT NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE INDEX about_page_parent ON about_page (parent_id);
