//! A NukeViet dump (`daihoi import nukeviet`): `read_site` on any bytes, under small limits, then
//! the counter's dating and the old addresses. Must hold: no panic; a refusal has a message; a
//! site read has every article in a known category, each body free of `<script` and `style=`,
//! every body picture a path without `..`, and daily visits that never add up to more than the
//! counter's buckets allow.
#![no_main]

use chrono::{DateTime, Utc};
use daihoi_nukeviet::address::parse_old_address;
use daihoi_nukeviet::{Limits, read_site};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let now = DateTime::<Utc>::from_timestamp(1_795_845_821, 0).expect("a time");
    let limits = Limits {
        max_bytes: 1 << 20,
        max_statement: 64 * 1024,
    };
    match read_site(data, &limits, now) {
        Err(err) => assert!(!err.to_string().is_empty()),
        Ok(site) => {
            for article in &site.articles {
                assert!(
                    site.categories.iter().any(|c| c.nv_id == article.category),
                    "article {} in an unknown category",
                    article.nv_id
                );
                let lower = article.body_html.to_ascii_lowercase();
                assert!(!lower.contains("<script"), "{}", article.body_html);
                assert!(!lower.contains(" style="), "{}", article.body_html);
                for path in &article.body_pictures {
                    assert!(!path.split('/').any(|p| p == ".."), "{path}");
                }
            }
            if let Some(counter) = &site.counter {
                let _ = counter.daily(chrono_tz::Asia::Ho_Chi_Minh);
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let (path, query) = text.split_once('?').unwrap_or((text, ""));
        let _ = parse_old_address(path, Some(query), "news");
    }
});
