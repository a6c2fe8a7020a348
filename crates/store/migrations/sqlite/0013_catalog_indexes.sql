-- daihoi schema 13 (SQLite): what the site maps and feeds read at 100.000 articles.
-- The kept site maps check whether anything changed with MAX(updated_at) over every article
-- (Store::catalog_stamp): an index makes that one step instead of a scan. (The orders by
-- publication time and id need nothing new here: SQLite's indexes end with the row id.)
CREATE INDEX article_updated ON article (updated_at);
