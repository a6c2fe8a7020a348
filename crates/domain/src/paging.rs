//! Phân trang — which page numbers a pager shows.
//!
//! A list of 10.000 pages cannot link every page: the pager shows a window of pages around the
//! current one, the first and the last, and an ellipsis (`…`) where pages are left out. A gap
//! that would hide a single page shows that page instead (an ellipsis in place of one number
//! saves nothing).
//!
//! ```
//! use daihoi_domain::paging::{PageSlot, page_window};
//! let slots = page_window(50, 100, 2);
//! assert_eq!(
//!     slots,
//!     vec![
//!         PageSlot::Page(1),
//!         PageSlot::Gap,
//!         PageSlot::Page(48),
//!         PageSlot::Page(49),
//!         PageSlot::Page(50),
//!         PageSlot::Page(51),
//!         PageSlot::Page(52),
//!         PageSlot::Gap,
//!         PageSlot::Page(100),
//!     ]
//! );
//! ```

/// Số trang mỗi bên trang hiện tại — how many pages either side of the current one the portal's
/// pagers show.
pub const PAGER_RADIUS: u32 = 2;

/// Một ô của thanh phân trang — one place in a pager: a page number or an ellipsis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSlot {
    /// A page, counted from 1.
    Page(u32),
    /// Dấu lược (`…`) — pages left out between the neighbouring numbers.
    Gap,
}

/// The most places [`page_window`] returns for `radius`: the window (`2 × radius + 1`), the first
/// and last pages, the single pages that fill a one-page gap (2) and two ellipses are never all
/// needed at once; this bound is `2 × radius + 5`.
pub fn max_slots(radius: u32) -> usize {
    2 * radius as usize + 5
}

/// The pager of page `current` in a list of `last` pages: page 1, the pages within `radius` of
/// `current`, page `last`, in increasing order, with [`PageSlot::Gap`] where numbers are skipped
/// (a gap of exactly one page shows that page). `last` below 1 counts as 1; `current` is brought
/// into `1..=last`.
pub fn page_window(current: u32, last: u32, radius: u32) -> Vec<PageSlot> {
    let last = last.max(1);
    let current = current.clamp(1, last);
    let from = current.saturating_sub(radius).max(1);
    let to = current.saturating_add(radius).min(last);
    let mut shown: Vec<u32> = Vec::with_capacity(max_slots(radius));
    shown.push(1);
    // Page 2 fills a gap that would hide only it; the same for page last − 1 below.
    if from == 3 {
        shown.push(2);
    }
    shown.extend(from.max(2)..=to);
    if to.checked_add(2) == Some(last) {
        shown.push(last - 1);
    }
    if last > 1 {
        shown.push(last);
    }
    shown.dedup();
    let mut slots = Vec::with_capacity(shown.len() + 2);
    let mut previous: Option<u32> = None;
    for n in shown {
        if let Some(p) = previous
            && n > p + 1
        {
            slots.push(PageSlot::Gap);
        }
        slots.push(PageSlot::Page(n));
        previous = Some(n);
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;
    use PageSlot::{Gap, Page};

    #[test]
    fn a_short_list_shows_every_page() {
        assert_eq!(page_window(1, 1, 2), vec![Page(1)]);
        assert_eq!(page_window(2, 3, 2), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(
            page_window(1, 7, 2),
            vec![Page(1), Page(2), Page(3), Gap, Page(7)]
        );
        // The window 2..=6 around page 4 leaves nothing out.
        assert_eq!(page_window(4, 7, 2), (1..=7).map(Page).collect::<Vec<_>>());
    }

    #[test]
    fn a_long_list_shows_a_window_first_and_last() {
        assert_eq!(
            page_window(9_000, 10_000, 2),
            vec![
                Page(1),
                Gap,
                Page(8_998),
                Page(8_999),
                Page(9_000),
                Page(9_001),
                Page(9_002),
                Gap,
                Page(10_000)
            ]
        );
        assert_eq!(
            page_window(10_000, 10_000, 2),
            vec![Page(1), Gap, Page(9_998), Page(9_999), Page(10_000)]
        );
        assert_eq!(
            page_window(3, 10_000, 2),
            vec![
                Page(1),
                Page(2),
                Page(3),
                Page(4),
                Page(5),
                Gap,
                Page(10_000)
            ]
        );
    }

    #[test]
    fn a_one_page_gap_shows_the_page() {
        // 1 [2] 3 4 5 6 7 … 100: page 2 instead of an ellipsis.
        assert_eq!(
            page_window(5, 100, 2),
            vec![
                Page(1),
                Page(2),
                Page(3),
                Page(4),
                Page(5),
                Page(6),
                Page(7),
                Gap,
                Page(100)
            ]
        );
        assert_eq!(
            page_window(96, 100, 2),
            vec![
                Page(1),
                Gap,
                Page(94),
                Page(95),
                Page(96),
                Page(97),
                Page(98),
                Page(99),
                Page(100)
            ]
        );
    }

    #[test]
    fn out_of_range_input_is_brought_in() {
        assert_eq!(page_window(0, 0, 2), vec![Page(1)]);
        assert_eq!(page_window(50, 3, 2), vec![Page(1), Page(2), Page(3)]);
        assert_eq!(
            page_window(u32::MAX, u32::MAX, 2),
            vec![
                Page(1),
                Gap,
                Page(u32::MAX - 2),
                Page(u32::MAX - 1),
                Page(u32::MAX)
            ]
        );
        assert_eq!(
            page_window(7, 9, 0),
            vec![Page(1), Gap, Page(7), Page(8), Page(9)]
        );
        assert_eq!(
            page_window(5, 9, 0),
            vec![Page(1), Gap, Page(5), Gap, Page(9)]
        );
    }
}
