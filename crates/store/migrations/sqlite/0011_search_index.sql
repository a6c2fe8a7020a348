-- daihoi schema 11 (SQLite): the search index (decision 0011).
--
-- One row of search_doc per searchable item, whatever its kind ('article' today; documents and
-- answered questions later add their own kind): when it becomes visible to readers
-- (visible_from, UTC microseconds; NULL while it is not public) and the folded words of its
-- title (daihoi_domain::search::index_text), which the ranking compares with the query.
-- search_fts is a contentless FTS5 table over the folded words of the title and of the rest of
-- the text (lead, author, body); its rowid is search_doc.id. The words are cut and folded in Rust
-- and joined by single spaces, so the `ascii` tokenizer (which splits at ASCII characters that are
-- not letters or digits, and keeps every other character inside a token) yields exactly them.
-- The store writes both tables in the transaction that writes the item; rows of items written
-- before schema 11 are filled on start (Store::index_missing).
CREATE TABLE search_doc (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    item_id INTEGER NOT NULL,
    visible_from INTEGER,
    title TEXT NOT NULL,
    UNIQUE (kind, item_id)
);

-- The few rows not visible (drafts, withdrawn, scheduled), subtracted from a count of matches.
CREATE INDEX search_doc_visible ON search_doc (visible_from);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, content = '', contentless_delete = 1, tokenize = 'ascii'
);
