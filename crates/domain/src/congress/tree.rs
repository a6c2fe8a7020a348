//! Cây tổ chức — checks on moving a subtree of the organization tree. The store gives paths
//! (ids from the root down to the organization, both included) and the height of the moved
//! subtree; this module says whether the move is allowed. The tree has any depth up to
//! [`MAX_DEPTH`] and any level names.

use std::fmt;

use super::organization::MAX_DEPTH;

/// Lỗi chuyển tổ chức — why a subtree cannot go under a new parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveError {
    /// The new parent is the moved organization itself or one of its own sub-organizations:
    /// the tree would have a cycle.
    IntoOwnSubtree,
    /// The new parent is closed (giải thể): it takes no new sub-organizations.
    ParentClosed,
    /// The moved subtree would reach deeper than [`MAX_DEPTH`] levels.
    TooDeep {
        /// The depth the deepest organization would have (root = 1).
        depth: usize,
        /// The limit.
        max: usize,
    },
}

impl fmt::Display for MoveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoveError::IntoOwnSubtree => f.write_str(
                "Không thể chuyển một tổ chức vào chính nó hoặc vào một tổ chức trực thuộc nó",
            ),
            MoveError::ParentClosed => {
                f.write_str("Tổ chức cấp trên mới đã giải thể, không nhận thêm tổ chức trực thuộc")
            }
            MoveError::TooDeep { depth, max } => write!(
                f,
                "Sau khi chuyển, cây tổ chức sẽ có {depth} cấp, quá giới hạn {max} cấp"
            ),
        }
    }
}

impl std::error::Error for MoveError {}

/// Độ sâu — an organization's depth from its path (root = 1).
pub fn depth(path: &[i64]) -> usize {
    path.len()
}

/// Whether the organization at `path` is `ancestor` or lies below it.
pub fn is_within(path: &[i64], ancestor: i64) -> bool {
    path.contains(&ancestor)
}

/// Kiểm tra chuyển tổ chức — checks moving the organization `moved` (with everything below it)
/// under a new parent:
/// - `new_parent_path`: the new parent's path, root first, ending with the new parent; `None`
///   to make the organization a root;
/// - `new_parent_closed`: whether the new parent is closed;
/// - `subtree_height`: how many levels the moved subtree has (1 for an organization without
///   sub-organizations).
///
/// Refused when the new parent lies in the moved subtree (a cycle), is closed, or when the
/// deepest moved organization would be deeper than [`MAX_DEPTH`]. Moving under the same parent
/// again is allowed (nothing changes).
pub fn check_move(
    moved: i64,
    new_parent_path: Option<&[i64]>,
    new_parent_closed: bool,
    subtree_height: usize,
) -> Result<(), MoveError> {
    let parent_depth = match new_parent_path {
        None => 0,
        Some(path) => {
            if is_within(path, moved) {
                return Err(MoveError::IntoOwnSubtree);
            }
            if new_parent_closed {
                return Err(MoveError::ParentClosed);
            }
            depth(path)
        }
    };
    let deepest = parent_depth + subtree_height.max(1);
    if deepest > MAX_DEPTH {
        return Err(MoveError::TooDeep {
            depth: deepest,
            max: MAX_DEPTH,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    #[test]
    fn moves_in_a_small_tree() {
        // 1 province › 2 district › 3 grassroots › 4 cell; 5 another district.
        let path_of_3 = [1, 2, 3];
        assert_eq!(check_move(3, Some(&[1, 5]), false, 2), Ok(()));
        assert_eq!(check_move(3, Some(&[1]), false, 2), Ok(()));
        assert_eq!(check_move(3, None, false, 2), Ok(()));
        assert_eq!(check_move(3, Some(&[1, 2]), false, 2), Ok(()));
        assert_eq!(
            check_move(2, Some(&path_of_3), false, 3),
            Err(MoveError::IntoOwnSubtree)
        );
        assert_eq!(
            check_move(3, Some(&path_of_3), false, 2),
            Err(MoveError::IntoOwnSubtree)
        );
        assert_eq!(
            check_move(3, Some(&[1, 5]), true, 2),
            Err(MoveError::ParentClosed)
        );
        let deep: Vec<i64> = (100..100 + MAX_DEPTH as i64).collect();
        assert_eq!(
            check_move(3, Some(&deep), false, 2),
            Err(MoveError::TooDeep {
                depth: MAX_DEPTH + 2,
                max: MAX_DEPTH
            })
        );
        assert_eq!(
            check_move(3, Some(&deep[..MAX_DEPTH - 2]), false, 2),
            Ok(())
        );
        assert_eq!(
            MoveError::TooDeep { depth: 17, max: 16 }.to_string(),
            "Sau khi chuyển, cây tổ chức sẽ có 17 cấp, quá giới hạn 16 cấp"
        );
    }

    /// A random forest as parent links: node i's parent is one of the three nodes just before
    /// it (so chains deeper than the limit occur), or none.
    fn forest() -> impl Strategy<Value = Vec<Option<usize>>> {
        proptest::collection::vec(any::<u8>(), 1..40).prop_map(|picks| {
            picks
                .iter()
                .enumerate()
                .map(|(i, &r)| (i > 0 && r % 6 != 0).then(|| i - 1 - usize::from(r) % i.min(3)))
                .collect()
        })
    }

    fn path(parents: &[Option<usize>], node: usize) -> Vec<i64> {
        let mut path = vec![node as i64];
        let mut at = node;
        while let Some(p) = parents[at] {
            path.push(p as i64);
            at = p;
        }
        path.reverse();
        path
    }

    fn height(parents: &[Option<usize>], node: usize) -> usize {
        let children: Vec<usize> = (0..parents.len())
            .filter(|&c| parents[c] == Some(node))
            .collect();
        1 + children
            .into_iter()
            .map(|c| height(parents, c))
            .max()
            .unwrap_or(0)
    }

    proptest! {
        /// A move that is allowed keeps a forest (no cycle) whose depth stays within the limit;
        /// a move refused as a cycle really would make one.
        #[test]
        fn allowed_moves_keep_a_forest(
            parents in forest(),
            moved in any::<prop::sample::Index>(),
            target in any::<prop::sample::Index>(),
        ) {
            let n = parents.len();
            let (moved, target) = (moved.index(n), target.index(n));
            let target_path = path(&parents, target);
            let result = check_move(moved as i64, Some(&target_path), false, height(&parents, moved));
            let mut after = parents.clone();
            after[moved] = Some(target);
            // Walk up from every node; a cycle shows as a walk longer than n.
            let cyclic = (0..n).any(|start| {
                let mut at = start;
                let mut steps = 0;
                while let Some(p) = after[at] {
                    at = p;
                    steps += 1;
                    if steps > n {
                        return true;
                    }
                }
                false
            });
            match result {
                Ok(()) => {
                    prop_assert!(!cyclic);
                    // Every organization of the moved subtree is within the limit.
                    let depths: BTreeMap<usize, usize> = (0..n)
                        .map(|i| path(&after, i))
                        .filter(|p| is_within(p, moved as i64))
                        .map(|p| (p[p.len() - 1] as usize, p.len()))
                        .collect();
                    prop_assert!(depths.values().all(|&d| d <= MAX_DEPTH));
                    prop_assert_eq!(
                        depths.values().max().copied(),
                        Some(target_path.len() + height(&parents, moved))
                    );
                }
                Err(MoveError::IntoOwnSubtree) => prop_assert!(cyclic),
                Err(MoveError::TooDeep { depth, max }) => {
                    prop_assert!(!cyclic);
                    prop_assert_eq!(depth, target_path.len() + height(&parents, moved));
                    prop_assert!(depth > max);
                }
                Err(MoveError::ParentClosed) => prop_assert!(false, "the parent is open"),
            }
        }
    }
}
