-- daihoi schema 2 (PostgreSQL): running totals of the daily visit counters, one row per kind,
-- kept in the same transaction as every change to daily_visit, so "Tổng số" is one row read
-- instead of a scan over years of daily rows.
CREATE TABLE visit_total (
    kind   TEXT   PRIMARY KEY CHECK (kind IN ('person', 'bot')),
    visits BIGINT NOT NULL CHECK (visits >= 0)
);
INSERT INTO visit_total (kind, visits)
    SELECT kind, SUM(visits) FROM daily_visit GROUP BY kind;
