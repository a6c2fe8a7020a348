-- daihoi schema 13 (PostgreSQL): what the site maps and feeds read at 100.000 articles.
-- The kept site maps check whether anything changed with MAX(updated_at) over every article
-- (Store::catalog_stamp): an index makes that one step instead of a scan.
CREATE INDEX article_updated ON article (updated_at);
-- Lists of published articles are ordered by publication time, then id (newest first): with the
-- id in the index, a deep page of a category walks the index instead of sorting every row
-- (SQLite's indexes end with the row id already).
DROP INDEX article_published;
CREATE INDEX article_published ON article (status, published_at, id);
DROP INDEX article_category_published;
CREATE INDEX article_category_published ON article (category_id, status, published_at, id);
