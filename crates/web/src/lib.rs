//! # daihoi-web
//!
//! The axum application: public portal pages, administration under `/quan-tri`, the JSON API under
//! `/api/v1`. Knows HTTP and HTML; asks `daihoi-store` for data and `daihoi-domain` for rules.

pub mod admin;
pub mod demo;
