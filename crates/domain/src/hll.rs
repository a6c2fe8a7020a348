//! Ước lượng số người khác nhau — a HyperLogLog sketch of visitor ids, mergeable across instances.
//!
//! "Đang truy cập" (online) is the number of distinct visitors in the last 5 minutes. Each
//! instance of the portal sees only the visitors its load balancer sent to it; summing the
//! instances' counts counts a visitor who reached two instances twice. Instead each instance
//! publishes this sketch of its window and the figure is the estimate of the merged sketches
//! (register-wise maximum = the sketch of the union, so a visitor seen by several instances counts
//! once).
//!
//! The sketch has `m = 4096` registers of one byte (precision 12): 4096 bytes serialised, one byte
//! per register in index order. The standard error of the estimate is `1.04 / √m ≈ 1.6 %`; below
//! `2.5·m` distinct ids (about 10 000) it uses linear counting, which is nearly exact for small
//! numbers (two ids fall into the same register with probability `1/4096`).
//!
//! Ids are hashed with [`hash_id`], a fixed, specified 64-bit hash (FNV-1a followed by the
//! MurmurHash3 finaliser), so sketches built by different builds and processes agree.

use std::fmt;

/// Bits of the hash that choose the register.
pub const PRECISION: u32 = 12;

/// Number of registers (`2^PRECISION`), also the serialised size in bytes.
pub const REGISTERS: usize = 1 << PRECISION;

/// Highest register value: the rank of a hash whose 52 remaining bits are all zero.
pub const MAX_RANK: u8 = (64 - PRECISION + 1) as u8;

/// Relative standard error of [`Sketch::estimate`] for large counts: `1.04 / √4096`.
pub const STANDARD_ERROR: f64 = 1.04 / 64.0;

/// Băm mã khách — the 64-bit hash of a visitor id used by the sketch: FNV-1a 64 over the UTF-8
/// bytes, then the MurmurHash3 `fmix64` finaliser so every output bit depends on every input bit.
/// Fixed by this definition, never by the standard library's unspecified hasher.
pub fn hash_id(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in id.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    fmix64(h)
}

/// MurmurHash3's 64-bit finaliser (a bijection on `u64`).
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// Bản tóm tắt không hợp lệ — stored bytes that are not a sketch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SketchError {
    /// The length is not [`REGISTERS`].
    #[error("bản tóm tắt HyperLogLog phải dài {REGISTERS} byte, nhận {0} byte")]
    Length(usize),
    /// A register holds more than [`MAX_RANK`].
    #[error("ô {index} của bản tóm tắt HyperLogLog có giá trị {value}, lớn hơn {MAX_RANK}")]
    Register {
        /// Register index.
        index: usize,
        /// The value found.
        value: u8,
    },
}

/// Bản tóm tắt HyperLogLog — 4096 one-byte registers (see the module documentation).
#[derive(Clone, PartialEq, Eq)]
pub struct Sketch {
    registers: [u8; REGISTERS],
}

impl Default for Sketch {
    fn default() -> Sketch {
        Sketch::new()
    }
}

impl fmt::Debug for Sketch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sketch")
            .field("nonzero_registers", &(REGISTERS - self.zeros()))
            .field("estimate", &self.estimate())
            .finish()
    }
}

impl Sketch {
    /// An empty sketch (estimate 0).
    pub const fn new() -> Sketch {
        Sketch {
            registers: [0; REGISTERS],
        }
    }

    /// Adds an id by its hash (see [`hash_id`]). Adding the same hash again changes nothing.
    pub fn insert(&mut self, hash: u64) {
        let index = (hash >> (64 - PRECISION)) as usize;
        let rest = hash << PRECISION;
        // `rest` has 52 significant bits; all zero gives the largest rank.
        let rank = (rest.leading_zeros() + 1).min(u32::from(MAX_RANK)) as u8;
        let slot = &mut self.registers[index];
        *slot = (*slot).max(rank);
    }

    /// Hợp — makes this the sketch of the union: the register-wise maximum. Commutative,
    /// associative and idempotent.
    pub fn merge(&mut self, other: &Sketch) {
        for (a, b) in self.registers.iter_mut().zip(other.registers.iter()) {
            *a = (*a).max(*b);
        }
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.registers.iter().all(|&r| r == 0)
    }

    fn zeros(&self) -> usize {
        self.registers.iter().filter(|&&r| r == 0).count()
    }

    /// Ước lượng — the estimated number of distinct ids added: linear counting while the raw
    /// estimate is at most `2.5·m` and some register is still empty, else the HyperLogLog raw
    /// estimate. Relative standard error about [`STANDARD_ERROR`] (1.6 %).
    pub fn estimate(&self) -> u64 {
        let m = REGISTERS as f64;
        let alpha = 0.7213 / (1.0 + 1.079 / m);
        let sum: f64 = self
            .registers
            .iter()
            .map(|&r| 2f64.powi(-i32::from(r)))
            .sum();
        let raw = alpha * m * m / sum;
        let zeros = self.zeros();
        if raw <= 2.5 * m && zeros > 0 {
            (m * (m / zeros as f64).ln()).round() as u64
        } else {
            raw.round() as u64
        }
    }

    /// The serialised form: the registers in index order, [`REGISTERS`] bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.registers
    }

    /// Reads the serialised form written by [`Sketch::as_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Sketch, SketchError> {
        let registers: [u8; REGISTERS] = bytes
            .try_into()
            .map_err(|_| SketchError::Length(bytes.len()))?;
        if let Some((index, &value)) = registers.iter().enumerate().find(|(_, v)| **v > MAX_RANK) {
            return Err(SketchError::Register { index, value });
        }
        Ok(Sketch { registers })
    }
}

/// Báo cáo hiện diện — one instance's report: its count of distinct visitors in the last 5 minutes
/// and, from schema 6 on, the sketch of those visitors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PresenceReport {
    /// The reporting instance (`--instance-id`).
    pub instance_id: String,
    /// Its count (exact for small windows).
    pub online: u64,
    /// Its sketch; `None` for a report written without one (an older binary) or unreadable.
    pub sketch: Option<Sketch>,
}

/// Các máy chủ khác — the other instances' fresh reports, merged once per cache period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OtherInstances {
    /// The union of their sketches; `None` when no report had a non-empty sketch.
    pub sketch: Option<Box<Sketch>>,
    /// The summed counts of reports without a sketch (they can only be added).
    pub unsketched: u64,
}

impl OtherInstances {
    /// Merges `reports` (the caller leaves its own out).
    pub fn merge(reports: &[PresenceReport]) -> OtherInstances {
        let mut merged = OtherInstances::default();
        for report in reports {
            match &report.sketch {
                Some(s) => match &mut merged.sketch {
                    Some(m) => m.merge(s),
                    None => merged.sketch = Some(Box::new(s.clone())),
                },
                None => merged.unsketched = merged.unsketched.saturating_add(report.online),
            }
        }
        if merged.sketch.as_ref().is_some_and(|s| s.is_empty()) {
            merged.sketch = None;
        }
        merged
    }

    /// Đang truy cập — the distinct visitors of every instance. With no other sketch this is
    /// `here_exact()` (exact for small numbers, as on a single instance) plus the unsketched
    /// counts; otherwise the estimate of the others' sketch merged with this instance's, which
    /// `fill_here` adds into the sketch it is given.
    pub fn online_with(
        &self,
        here_exact: impl FnOnce() -> u64,
        fill_here: impl FnOnce(&mut Sketch),
    ) -> u64 {
        let distinct = match &self.sketch {
            None => here_exact(),
            Some(others) => {
                let mut union: Sketch = (**others).clone();
                fill_here(&mut union);
                union.estimate()
            }
        };
        distinct.saturating_add(self.unsketched)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sketch_of(hashes: impl IntoIterator<Item = u64>) -> Sketch {
        let mut s = Sketch::new();
        hashes.into_iter().for_each(|h| s.insert(h));
        s
    }

    /// Distinct visitor-like ids: `v0000001`, `v0000002`, … hashed with [`hash_id`].
    fn ids(range: std::ops::Range<u32>) -> impl Iterator<Item = u64> {
        range.map(|i| hash_id(&format!("v{i:07}")))
    }

    fn relative_error(estimate: u64, truth: u64) -> f64 {
        (estimate as f64 - truth as f64).abs() / truth as f64
    }

    #[test]
    fn the_hash_is_fixed_by_its_definition() {
        // FNV-1a 64 of "" is the offset basis; fmix64 of it is pinned here so a change of the
        // function (which would break merging with running instances) fails this test.
        assert_eq!(hash_id(""), fmix64(0xcbf2_9ce4_8422_2325));
        assert_eq!(hash_id("a"), fmix64(0xaf63_dc4c_8601_ec8c));
        assert_ne!(
            hash_id("AAAAAAAAAAAAAAAAAAAAAA"),
            hash_id("AAAAAAAAAAAAAAAAAAAAAB")
        );
    }

    fn report(id: &str, online: u64, sketch: Option<Sketch>) -> PresenceReport {
        PresenceReport {
            instance_id: id.into(),
            online,
            sketch,
        }
    }

    #[test]
    fn other_instances_merge_sketches_and_add_unsketched_counts() {
        let visitor = hash_id("both");
        let here = || sketch_of([visitor, hash_id("only here")]);
        // Nobody else: this instance's exact count.
        let none = OtherInstances::merge(&[]);
        assert_eq!(none, OtherInstances::default());
        assert_eq!(none.online_with(|| 2, |s| s.merge(&here())), 2);
        // Another instance alive but without visitors: still exact.
        let idle = OtherInstances::merge(&[report("b", 0, Some(Sketch::new()))]);
        assert!(idle.sketch.is_none());
        assert_eq!(idle.online_with(|| 2, |_| panic!("not needed")), 2);
        // B saw the shared visitor and one of its own: 3 people, not 2 + 2.
        let b = report("b", 2, Some(sketch_of([visitor, hash_id("only b")])));
        let with_b = OtherInstances::merge(std::slice::from_ref(&b));
        assert_eq!(with_b.online_with(|| 2, |s| s.merge(&here())), 3);
        // An older instance reporting only a count is added.
        let old = report("c", 4, None);
        let with_old = OtherInstances::merge(&[b.clone(), old.clone()]);
        assert_eq!(with_old.unsketched, 4);
        assert_eq!(with_old.online_with(|| 2, |s| s.merge(&here())), 7);
        assert_eq!(
            OtherInstances::merge(&[old]).online_with(|| 2, |_| panic!("no sketch")),
            6
        );
        // The same report twice (or two instances that saw the same people) counts once.
        let twice = OtherInstances::merge(&[b.clone(), b]);
        assert_eq!(twice, with_b);
    }

    #[test]
    fn empty_and_single() {
        assert_eq!(Sketch::new().estimate(), 0);
        assert!(Sketch::new().is_empty());
        let s = sketch_of([hash_id("one visitor")]);
        assert_eq!(s.estimate(), 1);
        assert!(!s.is_empty());
    }

    #[test]
    fn a_visitor_seen_by_both_instances_counts_once() {
        let visitor = hash_id("Zm9vYmFyYmF6cXV4cXV1eA");
        let mut a = sketch_of([visitor]);
        let b = sketch_of([visitor]);
        assert_eq!(a.estimate() + b.estimate(), 2, "the sum counts twice");
        a.merge(&b);
        assert_eq!(a.estimate(), 1, "the merge counts once");
    }

    #[test]
    fn union_of_two_overlapping_sets_of_ten_thousand() {
        // A: ids 0..10 000, B: ids 5 000..15 000; the union has 15 000, the overlap 5 000.
        let a = sketch_of(ids(0..10_000));
        let b = sketch_of(ids(5_000..15_000));
        assert!(relative_error(a.estimate(), 10_000) < 3.0 * STANDARD_ERROR);
        assert!(relative_error(b.estimate(), 10_000) < 3.0 * STANDARD_ERROR);
        let mut union = a.clone();
        union.merge(&b);
        assert_eq!(
            union,
            sketch_of(ids(0..15_000)),
            "merge = sketch of the union"
        );
        let e = union.estimate();
        assert!(relative_error(e, 15_000) < 3.0 * STANDARD_ERROR, "{e}");
        // The sum of the two instance counts would be about 20 000: a third too many.
        assert!(a.estimate() + b.estimate() > 19_000);
    }

    #[test]
    fn large_sets_are_estimated_within_the_error() {
        for n in [1_000u32, 30_000, 100_000] {
            let e = sketch_of(ids(0..n)).estimate();
            assert!(
                relative_error(e, u64::from(n)) < 3.0 * STANDARD_ERROR,
                "{n}: {e}"
            );
        }
    }

    #[test]
    fn serialisation_round_trips_and_rejects_bad_bytes() {
        let s = sketch_of(ids(0..500));
        let bytes = s.as_bytes().to_vec();
        assert_eq!(bytes.len(), REGISTERS);
        assert_eq!(Sketch::from_bytes(&bytes), Ok(s));
        assert_eq!(
            Sketch::from_bytes(&bytes[..100]),
            Err(SketchError::Length(100))
        );
        let mut bad = bytes;
        bad[7] = MAX_RANK + 1;
        let err = Sketch::from_bytes(&bad).unwrap_err();
        assert_eq!(
            err,
            SketchError::Register {
                index: 7,
                value: MAX_RANK + 1
            }
        );
        assert!(err.to_string().contains("ô 7"), "{err}");
    }

    #[test]
    fn a_hash_of_all_zero_bits_has_the_largest_rank() {
        let s = sketch_of([0]);
        assert_eq!(s.as_bytes()[0], MAX_RANK);
        assert!(Sketch::from_bytes(s.as_bytes()).is_ok());
    }

    proptest! {
        #[test]
        fn merge_is_commutative_associative_and_idempotent(
            a in prop::collection::vec(any::<u64>(), 0..300),
            b in prop::collection::vec(any::<u64>(), 0..300),
            c in prop::collection::vec(any::<u64>(), 0..300),
        ) {
            let (sa, sb, sc) = (sketch_of(a.clone()), sketch_of(b.clone()), sketch_of(c));
            let mut ab = sa.clone();
            ab.merge(&sb);
            let mut ba = sb.clone();
            ba.merge(&sa);
            prop_assert_eq!(&ab, &ba);
            let mut aa = sa.clone();
            aa.merge(&sa);
            prop_assert_eq!(&aa, &sa);
            let mut ab_c = ab.clone();
            ab_c.merge(&sc);
            let mut bc = sb.clone();
            bc.merge(&sc);
            let mut a_bc = sa.clone();
            a_bc.merge(&bc);
            prop_assert_eq!(&ab_c, &a_bc);
            // The merge is exactly the sketch of the union of the ids.
            prop_assert_eq!(ab, sketch_of(a.into_iter().chain(b)));
        }

        #[test]
        fn ids_seen_by_both_count_once(
            ids in prop::collection::hash_set(any::<u64>(), 1..200),
            shared in 0usize..200,
        ) {
            // Instance A saw every id; B saw the first `shared` of them again.
            let ids: Vec<u64> = ids.into_iter().collect();
            let a = sketch_of(ids.iter().copied());
            let b = sketch_of(ids.iter().copied().take(shared));
            let mut union = a.clone();
            union.merge(&b);
            prop_assert_eq!(union.estimate(), a.estimate());
            // Small sets are counted by linear counting: close to the truth (the standard
            // deviation is about 2 at 200 ids; the bound is far wider).
            let n = ids.len() as u64;
            prop_assert!(a.estimate().abs_diff(n) <= 2 + n / 10, "{} vs {}", a.estimate(), n);
        }

        #[test]
        fn bytes_round_trip(hashes in prop::collection::vec(any::<u64>(), 0..500)) {
            let s = sketch_of(hashes);
            prop_assert_eq!(Sketch::from_bytes(s.as_bytes()), Ok(s.clone()));
        }
    }
}
