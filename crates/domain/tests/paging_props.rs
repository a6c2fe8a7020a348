//! Property tests of the pager's window (phân trang): whatever the list's length and the current
//! page, the current, first and last pages are shown, in increasing order, once each, with an
//! ellipsis exactly where numbers are skipped, and never more than a bounded number of places.

use daihoi_domain::paging::{PAGER_RADIUS, PageSlot, max_slots, page_window};
use proptest::prelude::*;

fn numbers(slots: &[PageSlot]) -> Vec<u32> {
    slots
        .iter()
        .filter_map(|s| match s {
            PageSlot::Page(n) => Some(*n),
            PageSlot::Gap => None,
        })
        .collect()
}

/// A list length and a page in it, with long lists (up to 10 million pages) well represented.
fn list_and_page() -> impl Strategy<Value = (u32, u32)> {
    prop_oneof![1u32..=20, 1u32..=10_000, 1u32..=10_000_000, Just(u32::MAX)]
        .prop_flat_map(|last| (Just(last), prop_oneof![1..=last, Just(1), Just(last)]))
}

proptest! {
    #[test]
    fn the_current_first_and_last_pages_are_shown((last, current) in list_and_page(), radius in 0u32..=5) {
        let shown = numbers(&page_window(current, last, radius));
        prop_assert!(shown.contains(&current));
        prop_assert_eq!(shown.first(), Some(&1));
        prop_assert_eq!(shown.last(), Some(&last));
    }

    #[test]
    fn pages_increase_with_no_duplicates((last, current) in list_and_page(), radius in 0u32..=5) {
        let shown = numbers(&page_window(current, last, radius));
        prop_assert!(shown.windows(2).all(|w| w[0] < w[1]), "{:?}", shown);
        prop_assert!(shown.iter().all(|n| (1..=last).contains(n)));
    }

    #[test]
    fn the_window_is_bounded_and_complete((last, current) in list_and_page(), radius in 0u32..=5) {
        let slots = page_window(current, last, radius);
        prop_assert!(slots.len() <= max_slots(radius), "{} places: {:?}", slots.len(), slots);
        let shown = numbers(&slots);
        // Every page within the radius of the current one is there.
        let from = current.saturating_sub(radius).max(1);
        let to = current.saturating_add(radius).min(last);
        for n in from..=to {
            prop_assert!(shown.contains(&n), "page {} missing from {:?}", n, shown);
        }
    }

    #[test]
    fn an_ellipsis_stands_exactly_where_pages_are_skipped((last, current) in list_and_page(), radius in 0u32..=5) {
        let slots = page_window(current, last, radius);
        prop_assert!(matches!(slots.first(), Some(PageSlot::Page(1))));
        prop_assert!(matches!(slots.last(), Some(PageSlot::Page(_))));
        for pair in slots.windows(3) {
            if let [PageSlot::Page(a), PageSlot::Gap, PageSlot::Page(b)] = pair {
                // An ellipsis never hides a single page.
                prop_assert!(*b > *a + 2, "{} … {}", a, b);
            }
        }
        for pair in slots.windows(2) {
            match pair {
                [PageSlot::Page(a), PageSlot::Page(b)] => prop_assert_eq!(*b, *a + 1),
                [PageSlot::Gap, PageSlot::Gap] => prop_assert!(false, "two ellipses in a row"),
                _ => {}
            }
        }
    }
}

#[test]
fn ten_thousand_pages_give_a_handful_of_links() {
    let slots = page_window(5_000, 10_000, PAGER_RADIUS);
    assert_eq!(slots.len(), 9);
    assert!(slots.len() <= max_slots(PAGER_RADIUS));
}
