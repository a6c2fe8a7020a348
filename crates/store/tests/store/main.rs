//! Store tests: each runs against SQLite, and against PostgreSQL when
//! `DAIHOI_TEST_DATABASE_URL` is set (`daihoi-testkit`, through `common.rs`).

mod articles;
mod attendance;
mod audit;
mod boundaries;
mod catalog;
mod citizens;
mod common;
mod congress;
mod congress_import;
mod delegates;
mod demo;
mod documents;
mod login_throttle;
mod migrations;
mod nukeviet;
mod plan;
mod ratings;
mod schema;
mod search;
mod settings;
mod users;
mod visits;
