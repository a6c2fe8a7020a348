-- daihoi schema 11 (PostgreSQL): the search index (decision 0011).
--
-- One row of search_doc per searchable item, whatever its kind ('article' today; documents and
-- answered questions later add their own kind): when it becomes visible to readers
-- (visible_from, UTC microseconds; NULL while it is not public), the folded words of its title
-- (daihoi_domain::search::index_text), which the ranking compares with the query, and `terms`,
-- the tsvector of the title's words (weight A) and of the rest of the text (lead, author, body;
-- weight D), built in Rust as a tsvector literal from the same words SQLite's FTS5 table holds
-- (never by PostgreSQL's text parser, whose idea of a word differs), searched through a GIN index.
-- The store writes the row in the transaction that writes the item; rows of items written before
-- schema 11 are filled on start (Store::index_missing).
CREATE TABLE search_doc (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    visible_from BIGINT,
    title TEXT NOT NULL,
    terms TSVECTOR NOT NULL,
    UNIQUE (kind, item_id)
);

-- The few rows not visible (drafts, withdrawn, scheduled).
CREATE INDEX search_doc_visible ON search_doc (visible_from);

CREATE INDEX search_doc_terms ON search_doc USING GIN (terms);
