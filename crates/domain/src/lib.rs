//! # daihoi-domain
//!
//! The pure heart of daihoi: rules that would hurt a user if they were wrong. Nothing here does
//! I/O, spawns tasks or reads the clock; callers pass in the time, the data and the rules.
//!
//! - [`vn`] — Vietnamese text: number, percent and date formats, name collation, diacritic
//!   folding, slugs, NFC normalisation.
//! - [`visits`] — the visitor-statistics calendar (day, month, year turnover in a time zone).
//! - [`hll`] — the HyperLogLog sketch that counts "online" visitors once across instances.
//! - [`rating`] — article rating aggregation (đánh giá bài viết).
//! - [`election`] — rule sets, ballots and the tally (kiểm phiếu).
//! - [`account`] — the login-name and new-password rules (tài khoản quản trị).
//! - [`publication`] — when an article is public and which time a publish stores (xuất bản).
//! - [`address`] — unique public addresses (đường dẫn): suffixes and typed slugs.
//! - [`paging`] — which page numbers a pager shows (phân trang): a window, first and last.
//! - [`sitemap`] — how the site maps are cut: files of 50.000 addresses, months (sơ đồ trang).
//! - [`map`] — the administrative boundary map (bản đồ địa giới hành chính) as SVG paths.
//! - [`schedule`] — the leaders' work schedule (lịch công tác): ISO weeks, weekday names, entries.
//! - [`citizen`] — citizens' questions and contact messages (hỏi đáp, liên hệ): form checks and
//!   the anti-spam rules.
//! - [`document`] — official documents (văn bản): classification ("Mật" is never published),
//!   field checks, the PDF check.
//! - [`about`] — the "about" pages (giới thiệu): a tree of at most three levels.
//! - [`congress`] — the congress cycle: organizations, people, congresses, delegates, quorum,
//!   ages and structure targets.

pub mod about;
pub mod access;
pub mod account;
pub mod address;
pub mod citizen;
pub mod congress;
pub mod document;
pub mod election;
pub mod hll;
pub mod html;
pub mod map;
pub mod paging;
pub mod publication;
pub mod rating;
pub mod schedule;
pub mod search;
pub mod site;
pub mod sitemap;
pub mod visits;
pub mod vn;
