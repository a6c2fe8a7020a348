//! Giới thiệu — the portal's "about" pages (chức năng, nhiệm vụ; cơ cấu tổ chức; lãnh đạo …) in a
//! small tree: the rule that keeps it a tree of bounded depth, and the checks of a page's fields.

use std::collections::HashMap;

use crate::address::{SlugError, category_slug};
use crate::congress::field::FieldError;
use crate::vn::nfc;

/// Độ sâu tối đa — how many levels the tree may have (a top page is level 1).
pub const MAX_DEPTH: usize = 3;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;

/// Longest body (Markdown), in characters.
pub const BODY_MAX: usize = 200_000;

/// Lỗi cây trang — why a page cannot go under the parent chosen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeError {
    /// The parent chosen does not exist.
    #[error("Trang cha đã chọn không còn tồn tại.")]
    UnknownParent,
    /// The page was chosen as its own parent.
    #[error("Một trang không thể là trang cha của chính nó.")]
    OwnParent,
    /// The parent chosen lies below the page itself: the tree would become a loop.
    #[error("Không thể đặt trang dưới một trang con hoặc cháu của chính nó.")]
    Cycle,
    /// The page (with the pages below it) would reach deeper than [`MAX_DEPTH`] levels.
    #[error(
        "Cây trang giới thiệu chỉ có tối đa {MAX_DEPTH} cấp; đặt trang ở đây sẽ thành {0} cấp."
    )]
    TooDeep(usize),
}

/// Kiểm tra vị trí trong cây — whether page `page` (`None` for a new page) may have `parent` as
/// its parent, given every stored page as `(id, parent)`: the parent exists and is not the page
/// or a page below it, and the page with its subtree stays within [`MAX_DEPTH`] levels.
pub fn check_parent(
    pages: &[(i64, Option<i64>)],
    page: Option<i64>,
    parent: Option<i64>,
) -> Result<(), TreeError> {
    let parent_of: HashMap<i64, Option<i64>> = pages.iter().copied().collect();
    // Depth of the parent (0 at the top), walking up; a stored loop counts as too deep.
    let parent_depth = match parent {
        None => 0,
        Some(p) => {
            if Some(p) == page {
                return Err(TreeError::OwnParent);
            }
            if !parent_of.contains_key(&p) {
                return Err(TreeError::UnknownParent);
            }
            let mut depth = 0;
            let mut at = Some(p);
            while let Some(id) = at {
                if Some(id) == page {
                    return Err(TreeError::Cycle);
                }
                depth += 1;
                if depth > pages.len() {
                    return Err(TreeError::Cycle);
                }
                at = parent_of.get(&id).copied().flatten();
            }
            depth
        }
    };
    let height = match page {
        None => 1,
        Some(id) => subtree_height(pages, id),
    };
    let depth = parent_depth + height;
    if depth > MAX_DEPTH {
        return Err(TreeError::TooDeep(depth));
    }
    Ok(())
}

/// Levels of the subtree under `root`, itself included (1 for a leaf).
fn subtree_height(pages: &[(i64, Option<i64>)], root: i64) -> usize {
    let mut height = 1;
    let mut level = vec![root];
    while !level.is_empty() && height <= pages.len() {
        let next: Vec<i64> = pages
            .iter()
            .filter(|(_, parent)| parent.is_some_and(|p| level.contains(&p)))
            .map(|(id, _)| *id)
            .collect();
        if next.is_empty() {
            break;
        }
        height += 1;
        level = next;
    }
    height
}

/// What the page form sends, as typed.
#[derive(Debug, Clone, Default)]
pub struct AboutInput<'a> {
    /// Tiêu đề.
    pub title: &'a str,
    /// Đường dẫn (empty: made from the title).
    pub slug: &'a str,
    /// Thứ tự hiển thị.
    pub position: &'a str,
    /// Nội dung (Markdown).
    pub body: &'a str,
}

/// Trang đã kiểm tra — a page's checked fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutFields {
    /// Title.
    pub title: String,
    /// Slug.
    pub slug: String,
    /// Order among its siblings.
    pub position: i64,
    /// Markdown body (NFC).
    pub body_md: String,
}

/// Kiểm tra trang giới thiệu — checks every field; all problems at once, each naming its field.
pub fn check_about(input: &AboutInput<'_>) -> Result<AboutFields, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let title = nfc(input.title.trim());
    let count = title.chars().count();
    if title.is_empty() {
        problems.push(("title", format!("Tiêu đề: {}.", FieldError::Missing)));
    } else if count > TITLE_MAX {
        problems.push((
            "title",
            format!(
                "Tiêu đề: {}.",
                FieldError::TooLong {
                    max: TITLE_MAX,
                    given: count
                }
            ),
        ));
    }
    let slug = match category_slug(&title, input.slug) {
        Ok(slug) => slug,
        Err(err @ (SlugError::NotASlug { .. } | SlugError::TooLong)) => {
            problems.push(("slug", err.to_string()));
            String::new()
        }
    };
    let position = match input.position.trim() {
        "" => Some(0),
        raw => raw
            .parse::<i64>()
            .ok()
            .filter(|p| (0..=100_000).contains(p)),
    };
    if position.is_none() {
        problems.push((
            "position",
            "Thứ tự hiển thị: cần một số nguyên từ 0 đến 100000.".to_owned(),
        ));
    }
    let body_md = nfc(input.body);
    let body_count = body_md.chars().count();
    if body_count > BODY_MAX {
        problems.push((
            "body",
            format!(
                "Nội dung: {}.",
                FieldError::TooLong {
                    max: BODY_MAX,
                    given: body_count
                }
            ),
        ));
    }
    match position {
        Some(position) if problems.is_empty() => Ok(AboutFields {
            title,
            slug,
            position,
            body_md,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // 1 ─ 2 ─ 3      (three levels)
    // 4
    const TREE: [(i64, Option<i64>); 4] = [(1, None), (2, Some(1)), (3, Some(2)), (4, None)];

    #[test]
    fn a_page_goes_anywhere_within_three_levels() {
        assert_eq!(check_parent(&TREE, None, None), Ok(()));
        assert_eq!(check_parent(&TREE, None, Some(2)), Ok(()));
        assert_eq!(check_parent(&TREE, Some(4), Some(1)), Ok(()));
        assert_eq!(check_parent(&TREE, Some(3), Some(4)), Ok(()));
    }

    #[test]
    fn no_page_goes_under_itself_or_its_descendants() {
        assert_eq!(
            check_parent(&TREE, Some(1), Some(1)),
            Err(TreeError::OwnParent)
        );
        assert_eq!(check_parent(&TREE, Some(1), Some(3)), Err(TreeError::Cycle));
        assert_eq!(check_parent(&TREE, Some(2), Some(3)), Err(TreeError::Cycle));
        assert_eq!(
            check_parent(&TREE, None, Some(99)),
            Err(TreeError::UnknownParent)
        );
    }

    #[test]
    fn the_tree_stays_three_levels_deep() {
        // A fourth level under 3.
        assert_eq!(
            check_parent(&TREE, None, Some(3)),
            Err(TreeError::TooDeep(4))
        );
        // Page 1 carries two levels below it: under 4 it would make four.
        assert_eq!(
            check_parent(&TREE, Some(1), Some(4)),
            Err(TreeError::TooDeep(4))
        );
        assert!(TreeError::TooDeep(4).to_string().contains("tối đa 3 cấp"));
    }

    #[test]
    fn a_stored_loop_is_refused_not_followed_forever() {
        let looped = [(1, Some(2)), (2, Some(1))];
        assert!(check_parent(&looped, None, Some(1)).is_err());
    }

    #[test]
    fn fields_are_checked_with_vietnamese_messages() {
        let ok = check_about(&AboutInput {
            title: " Chức năng, nhiệm vụ ",
            slug: "",
            position: "2",
            body: "**Đảng bộ huyện**",
        })
        .unwrap();
        assert_eq!(ok.slug, "chuc-nang-nhiem-vu");
        assert_eq!(ok.title, "Chức năng, nhiệm vụ");
        let problems = check_about(&AboutInput {
            title: "",
            slug: "Lãnh đạo",
            position: "-1",
            body: "",
        })
        .unwrap_err();
        let fields: Vec<_> = problems.iter().map(|p| p.0).collect();
        assert_eq!(fields, ["title", "slug", "position"]);
        assert_eq!(problems[0].1, "Tiêu đề: bắt buộc nhưng đang để trống.");
    }

    fn forest() -> impl Strategy<Value = Vec<(i64, Option<i64>)>> {
        // Page i (from 1) has a parent among the pages before it, or none.
        proptest::collection::vec(any::<u8>(), 1..12).prop_map(|picks| {
            picks
                .iter()
                .enumerate()
                .map(|(i, pick)| {
                    let id = i as i64 + 1;
                    let parent = (i > 0 && pick % 3 != 0).then(|| i64::from(*pick) % id);
                    (id, parent.filter(|p| *p > 0))
                })
                .collect()
        })
    }

    fn depth(pages: &[(i64, Option<i64>)], id: i64) -> usize {
        let map: HashMap<i64, Option<i64>> = pages.iter().copied().collect();
        let mut d = 0;
        let mut at = Some(id);
        while let Some(x) = at {
            d += 1;
            if d > pages.len() + 1 {
                return usize::MAX;
            }
            at = map.get(&x).copied().flatten();
        }
        d
    }

    proptest! {
        /// Whatever move the rule allows keeps the pages a tree (no page above itself) where
        /// the moved page and everything below it stay within the depth bound.
        #[test]
        fn allowed_moves_keep_a_bounded_tree(pages in forest(), page in 1i64..12, parent in 0i64..12) {
            prop_assume!(pages.iter().any(|(id, _)| *id == page));
            let parent = (parent > 0).then_some(parent);
            if check_parent(&pages, Some(page), parent).is_ok() {
                let moved: Vec<_> = pages.iter().map(|&(id, p)| if id == page { (id, parent) } else { (id, p) }).collect();
                let below = |id: i64| {
                    let mut at = Some(id);
                    let map: HashMap<i64, Option<i64>> = moved.iter().copied().collect();
                    let mut steps = 0;
                    while let Some(x) = at { if x == page { return true; } steps += 1; if steps > moved.len() { return false; } at = map.get(&x).copied().flatten(); }
                    false
                };
                for &(id, _) in &moved {
                    let d = depth(&moved, id);
                    prop_assert!(d != usize::MAX, "loop through {id}");
                    if below(id) {
                        prop_assert!(d <= MAX_DEPTH, "page {id} at depth {d}");
                    }
                }
            }
        }
    }
}
