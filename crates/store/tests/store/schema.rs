//! Sơ đồ dữ liệu — the SQLite and the PostgreSQL migrations build the same tables with the same
//! columns, and a column may hold NULL on one backend exactly when it may on the other.
//!
//! Compared: every (table, column) of the migrated schema and its nullability; left out: sqlx's
//! own `_sqlx_migrations` and SQLite's internal `sqlite_*` tables. A primary-key column counts as
//! NOT NULL on SQLite as on PostgreSQL (SQLite reports `notnull = 0` for `INTEGER PRIMARY KEY`,
//! which can never be NULL). Column types are not compared: the backends name them differently.
//! The search index is stored the way each database indexes text (decision 0011) and is left out
//! of the comparison: SQLite's FTS5 table `search_fts` and its shadow tables, PostgreSQL's
//! `search_doc.terms` tsvector.

use std::collections::BTreeMap;

use daihoi_store::Store;
use daihoi_testkit::{Backend, TestDatabase};

/// `(table, column)` → may hold NULL.
type Columns = BTreeMap<(String, String), bool>;

const SQLITE_COLUMNS: &str = "\
    SELECT m.name AS table_name, p.name AS column_name, \
           CASE WHEN p.\"notnull\" = 1 OR p.pk > 0 THEN 0 ELSE 1 END AS nullable \
    FROM sqlite_master AS m JOIN pragma_table_info(m.name) AS p \
    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
      AND m.name <> '_sqlx_migrations'";

const POSTGRES_COLUMNS: &str = "\
    SELECT c.table_name::TEXT AS table_name, c.column_name::TEXT AS column_name, \
           (CASE WHEN c.is_nullable = 'YES' THEN 1 ELSE 0 END)::BIGINT AS nullable \
    FROM information_schema.columns AS c \
    JOIN information_schema.tables AS t \
      ON t.table_schema = c.table_schema AND t.table_name = c.table_name \
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' \
      AND c.table_name <> '_sqlx_migrations'";

/// The migrated schema's columns on `db`'s backend.
async fn columns(db: &TestDatabase) -> Columns {
    let store: Store = db.store().await;
    let sql = match db.backend() {
        Backend::Sqlite => SQLITE_COLUMNS,
        Backend::Postgres => POSTGRES_COLUMNS,
    };
    let rows: Vec<(String, String, i64)> = sqlx::query_as(sql)
        .fetch_all(store.pool())
        .await
        .unwrap_or_else(|e| panic!("read the {} schema: {e}", db.backend().name()));
    store.close().await;
    rows.into_iter()
        .filter(|(table, column, _)| !is_backend_index(table, column))
        .map(|(table, column, nullable)| ((table, column), nullable != 0))
        .collect()
}

/// Where a backend keeps its own full-text index (decision 0011).
fn is_backend_index(table: &str, column: &str) -> bool {
    table.starts_with("search_fts") || (table == "search_doc" && column == "terms")
}

/// Every difference between the two schemas, one line each.
fn differences(sqlite: &Columns, postgres: &Columns) -> Vec<String> {
    let null = |nullable: bool| if nullable { "NULL" } else { "NOT NULL" };
    let mut out = Vec::new();
    for ((table, column), lite) in sqlite {
        match postgres.get(&(table.clone(), column.clone())) {
            None => out.push(format!("{table}.{column}: only on SQLite")),
            Some(pg) if pg != lite => out.push(format!(
                "{table}.{column}: {} on SQLite, {} on PostgreSQL",
                null(*lite),
                null(*pg)
            )),
            Some(_) => {}
        }
    }
    for (table, column) in postgres.keys() {
        if !sqlite.contains_key(&(table.clone(), column.clone())) {
            out.push(format!("{table}.{column}: only on PostgreSQL"));
        }
    }
    out
}

#[tokio::test]
async fn sqlite_and_postgresql_have_the_same_tables_and_columns() {
    let Some(postgres) = TestDatabase::postgres() else {
        return;
    };
    let sqlite = TestDatabase::sqlite();
    let lite = columns(&sqlite).await;
    let pg = columns(&postgres).await;

    // The queries really read the schema (a query that found nothing would compare equal).
    for schema in [&lite, &pg] {
        for (table, column) in [
            ("article", "title"),
            ("daily_visit", "visits"),
            ("rating", "stars"),
            ("search_doc", "visible_from"),
        ] {
            assert!(
                schema.contains_key(&(table.to_owned(), column.to_owned())),
                "{table}.{column} not found in {schema:?}"
            );
        }
        assert!(!schema.keys().any(|(t, _)| t == "_sqlx_migrations"));
    }
    let differences = differences(&lite, &pg);
    assert!(
        differences.is_empty(),
        "the SQLite and PostgreSQL schemas differ:\n{}",
        differences.join("\n")
    );
}

#[test]
fn a_missing_column_and_a_different_nullability_are_reported() {
    let schema = |entries: &[(&str, &str, bool)]| -> Columns {
        entries
            .iter()
            .map(|(t, c, n)| ((t.to_string(), c.to_string()), *n))
            .collect()
    };
    let lite = schema(&[("a", "id", false), ("a", "note", true), ("a", "x", false)]);
    let pg = schema(&[("a", "id", false), ("a", "note", false), ("b", "id", false)]);
    assert_eq!(
        differences(&lite, &pg),
        [
            "a.note: NULL on SQLite, NOT NULL on PostgreSQL",
            "a.x: only on SQLite",
            "b.id: only on PostgreSQL",
        ]
    );
    assert!(differences(&lite, &lite).is_empty());
}
