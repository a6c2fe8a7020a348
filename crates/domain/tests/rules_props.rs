//! The rules moved into the domain so that each has one home: which figure a daily count adds
//! to, the online window, unique addresses, publication times and the account rules. Examples
//! live beside the code; these are the properties that must hold for any input.

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};
use daihoi_domain::account::{
    MIN_PASSWORD_CHARS, PasswordError, USERNAME_LENGTH, check_new_password, check_username,
};
use daihoi_domain::address::{
    SLUG_ATTEMPTS, article_slug_candidates, category_slug, is_suffixed_of, suffixed,
};
use daihoi_domain::publication::{
    ArticleStatus, PublishTime, Standing, is_public, publish_time, standing, stored_time,
};
use daihoi_domain::rating::{RatingSummary, Stars};
use daihoi_domain::visits::{
    ONLINE_WINDOW, ONLINE_WINDOW_MINUTES, Period, StatPeriods, VisitFigures, online_in_minute,
};
use daihoi_domain::vn::{SLUG_MAX_LEN, slugify};
use proptest::prelude::*;

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (1990i32..2100, 1u32..=366).prop_map(|(y, ord)| {
        NaiveDate::from_yo_opt(y, ord).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
    })
}

fn any_time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_000_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap())
}

fn any_status() -> impl Strategy<Value = ArticleStatus> {
    prop_oneof![
        Just(ArticleStatus::Draft),
        Just(ArticleStatus::Published),
        Just(ArticleStatus::Unpublished),
    ]
}

#[test]
fn the_online_window_is_five_whole_minutes() {
    assert_eq!(ONLINE_WINDOW_MINUTES * 60, ONLINE_WINDOW.num_seconds());
    let now = 1_000;
    let online: Vec<i64> = (990..=1_001)
        .filter(|&m| online_in_minute(m, now))
        .collect();
    assert_eq!(online, [996, 997, 998, 999, 1_000]);
}

proptest! {
    /// Which periods a day belongs to, seen from `today`, is exactly the calendar's meaning of
    /// today, yesterday, this month, this year and "up to today".
    #[test]
    fn a_day_belongs_to_the_periods_the_calendar_says(today in any_day(), back in -40i64..800) {
        let day = if back >= 0 {
            today.checked_sub_days(Days::new(back as u64)).unwrap()
        } else {
            today.checked_add_days(Days::new(back.unsigned_abs())).unwrap()
        };
        let p = StatPeriods::for_day(today);
        let up_to_today = day <= today;
        prop_assert_eq!(p.contains(Period::Today, day), day == today);
        prop_assert_eq!(p.contains(Period::Yesterday, day), day.succ_opt() == Some(today));
        prop_assert_eq!(
            p.contains(Period::Month, day),
            up_to_today && day.year() == today.year() && day.month() == today.month()
        );
        prop_assert_eq!(p.contains(Period::Year, day), up_to_today && day.year() == today.year());
        prop_assert_eq!(p.contains(Period::Total, day), up_to_today);
        // `days` and `contains` say the same thing.
        for period in Period::ALL {
            let (first, last) = p.days(period);
            let inside = first.is_none_or(|f| day >= f) && day <= last;
            prop_assert_eq!(inside, p.contains(period, day), "{:?}", period);
        }
        // One count adds to each of its periods once.
        let mut f = VisitFigures::default();
        f.add(&p, day, 3);
        for period in Period::ALL {
            prop_assert_eq!(f.figure(period), if p.contains(period, day) { 3 } else { 0 });
        }
    }

    #[test]
    fn online_minutes_form_one_window(seen in -10_000i64..10_000, now in -10_000i64..10_000) {
        prop_assert_eq!(
            online_in_minute(seen, now),
            seen <= now && now - seen < ONLINE_WINDOW_MINUTES
        );
    }

    /// A summary's average is in the star range, and absent exactly when there is no rating.
    #[test]
    fn an_average_is_within_the_star_range(stars in prop::collection::vec(1i64..=5, 0..200)) {
        let summary: RatingSummary = stars.iter().map(|&n| Stars::try_from(n).unwrap()).collect();
        match summary.average_tenths() {
            None => {
                prop_assert_eq!(summary.count, 0);
                prop_assert_eq!(summary.average_text(), "chưa có");
            }
            Some(tenths) => prop_assert!((10..=50).contains(&tenths), "{}", tenths),
        }
    }

    #[test]
    fn suffixed_slugs_fit_and_are_recognised(title in "\\PC{0,120}", n in 2u32..=SLUG_ATTEMPTS) {
        let base = slugify(&title);
        let s = suffixed(&base, n);
        prop_assert!(s.len() <= SLUG_MAX_LEN, "{}", s);
        let suffix = format!("-{n}");
        prop_assert!(s.ends_with(&suffix));
        prop_assert_eq!(slugify(&s), s.clone(), "a suffixed slug is still a slug");
        if base.len() + 1 + n.to_string().len() <= SLUG_MAX_LEN {
            prop_assert!(is_suffixed_of(&s, &base));
        }
        prop_assert!(!is_suffixed_of(&base, &base));
    }

    #[test]
    fn slug_candidates_are_distinct_and_published_addresses_stay(
        title in "\\PC{0,60}",
        status in any_status(),
        stored in "[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}",
    ) {
        let (_, fresh) = article_slug_candidates(&title, None);
        let mut unique = fresh.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), fresh.len());
        let (base, c) = article_slug_candidates(&title, Some((status, &stored)));
        if status == ArticleStatus::Draft {
            prop_assert_eq!(c.len(), SLUG_ATTEMPTS as usize);
            prop_assert_eq!(base, slugify(&title));
        } else {
            prop_assert_eq!(c, vec![stored]);
        }
    }

    #[test]
    fn a_typed_category_slug_is_accepted_exactly_when_it_is_a_slug(name in "\\PC{1,40}", typed in "\\PC{0,40}") {
        match category_slug(&name, &typed) {
            Ok(slug) if typed.trim().is_empty() => prop_assert_eq!(slug, slugify(&name)),
            Ok(slug) => {
                prop_assert_eq!(slug.as_str(), typed.trim());
                prop_assert_eq!(slugify(&slug), slug);
            }
            Err(_) => prop_assert_ne!(slugify(typed.trim()), typed.trim()),
        }
    }

    /// Publishing always ends with a stored time: the one asked, or now; only a published article with a time that has
    /// come is public.
    #[test]
    fn publication_times(
        status in any_status(),
        requested in prop::option::of(any_time()),
        stored in prop::option::of(any_time()),
        now in any_time(),
    ) {
        let time = stored_time(status, requested, now);
        if status == ArticleStatus::Published {
            prop_assert!(time.is_some());
        } else {
            prop_assert_eq!(time, requested);
        }
        let public = is_public(status, time, now);
        prop_assert_eq!(public, standing(status, time, now) == Standing::Published);
        prop_assert_eq!(public, status == ArticleStatus::Published && time.is_some_and(|t| t <= now));
        let after = match publish_time(requested, stored, now) {
            PublishTime::Keep => stored_time(ArticleStatus::Published, stored, now),
            PublishTime::Set(t) => Some(t),
        };
        // Whether the time is kept or set, a publish ends at the time asked, or now.
        prop_assert_eq!(after, Some(requested.unwrap_or(now)));
    }

    #[test]
    fn login_names(name in "[a-z0-9._-]{0,70}|\\PC{0,70}") {
        let allowed = name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let ends = alnum(name.chars().next()) && alnum(name.chars().next_back());
        let ok = allowed && ends && USERNAME_LENGTH.contains(&name.len());
        match check_username(&name) {
            Ok(()) => prop_assert!(ok),
            Err(err) => {
                prop_assert!(!ok);
                let quoted = format!("«{name}»");
                prop_assert!(err.to_string().contains(&quoted));
            }
        }
    }

    #[test]
    fn new_passwords(username in "[a-z]{2,12}", password in "\\PC{0,20}") {
        let result = check_new_password(&username, &password);
        if password.trim().chars().count() < MIN_PASSWORD_CHARS {
            prop_assert_eq!(result, Err(PasswordError::TooShort));
        }
        if result.is_ok() {
            // An accepted password is long enough, not the name, and not one repeated character.
            prop_assert!(password.trim().chars().count() >= MIN_PASSWORD_CHARS);
            prop_assert!(!password.trim().eq_ignore_ascii_case(&username));
            let first = password.trim().chars().next();
            prop_assert!(password.trim().chars().any(|c| Some(c) != first));
        }
    }
}
