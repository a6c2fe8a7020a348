-- daihoi schema 12 (SQLite): sites moved over from NukeViet (decision 0012).

-- Định dạng nội dung: 'markdown' (written in the editor) or 'html' (imported, sanitised on
-- import and again on every render by the same article policy).
ALTER TABLE article ADD COLUMN body_format TEXT NOT NULL DEFAULT 'markdown'
    CHECK (body_format IN ('markdown', 'html'));

-- Chuyên mục cha: categories form a tree of any depth (NULL at the top).
ALTER TABLE category ADD COLUMN parent_id INTEGER REFERENCES category (id);

-- Chuyên mục khác: the categories an article belongs to besides its main one.
CREATE TABLE article_category (
    article_id  INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, category_id)
);
CREATE INDEX article_category_category ON article_category (category_id, article_id);

-- Đánh giá chuyển sang: the sum and count of ratings an article had on the old site, added to
-- the rows of `rating` wherever a summary is shown.
CREATE TABLE rating_carried (
    article_id INTEGER PRIMARY KEY REFERENCES article (id) ON DELETE CASCADE,
    stars_sum  INTEGER NOT NULL CHECK (stars_sum >= 0),
    votes      INTEGER NOT NULL CHECK (votes >= 0)
);

-- What came from NukeViet, by its ids: a second import of the same dump changes nothing, a
-- later one adds what is new, and the old addresses answer 301.
CREATE TABLE nukeviet_category (
    nv_id       INTEGER PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE,
    alias       TEXT    NOT NULL
);
CREATE INDEX nukeviet_category_alias ON nukeviet_category (alias);

CREATE TABLE nukeviet_article (
    nv_id      INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE
);

-- Tệp ảnh đã chép: one copy per file of the old `uploads` folder, shared by its articles.
CREATE TABLE nukeviet_file (
    path       TEXT    PRIMARY KEY,
    file_name  TEXT    NOT NULL,
    thumb_name TEXT    NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    mime       TEXT    NOT NULL
);

-- Lượt truy cập chuyển sang: what the imports have added to `daily_visit` ('person') per day, so
-- a later import adds only the difference.
CREATE TABLE nukeviet_visit (
    day    INTEGER PRIMARY KEY,
    visits INTEGER NOT NULL CHECK (visits >= 0)
);
