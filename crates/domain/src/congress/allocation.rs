//! Phân bổ đại biểu — sharing the elected delegate seats of a congress among the organizations
//! directly below it, in proportion to their members (Điều lệ Đảng, Điều 11: "căn cứ vào số
//! lượng đảng viên…"), with a minimum per organization, by the largest-remainder (Hamilton)
//! method; and the total of a proposal after manual overrides.
//!
//! The method, in exact integer arithmetic:
//! 1. Each organization's quota is `seats × members / total members`.
//! 2. Organizations whose quota is under the minimum get the minimum; the seats left are
//!    shared among the others by the same formula, and this repeats until no quota is under
//!    the minimum (each round can only lower the quotas of the rest, so it ends).
//! 3. The others get the whole part of their quota; the seats still left go one each to the
//!    largest remainders. Equal remainders go to the larger organization, then to the smaller
//!    key — a fixed order, whatever order the input is in. When two organizations equal in
//!    remainder and members fall on both sides of the last seat, the result reports their keys
//!    ([`Allocation::tied_for_last_seat`]) instead of hiding that the key decided.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::vn::format::{format_hundredths, format_uint};

/// Lỗi phân bổ — why seats cannot be allocated or overridden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AllocationError {
    /// No seats to allocate.
    NoSeats,
    /// The ex-officio delegates take all the congress's seats or more.
    ExOfficioExceeds {
        /// Số đại biểu của đại hội.
        delegates: u32,
        /// Số đại biểu đương nhiên.
        ex_officio: u32,
    },
    /// No organization to allocate to.
    NoOrganizations,
    /// The organizations have no members at all.
    NoMembers,
    /// The minimum per organization needs more seats than there are.
    MinimaExceedSeats {
        /// Số tổ chức.
        organizations: u32,
        /// Số đại biểu tối thiểu mỗi tổ chức.
        minimum: u32,
        /// Số đại biểu cần phân bổ.
        seats: u32,
    },
    /// An organization appears twice in the list.
    DuplicateKey {
        /// Its key.
        key: i64,
    },
    /// An override names an organization that is not in the proposal.
    UnknownOverride {
        /// Its key.
        key: i64,
    },
}

impl fmt::Display for AllocationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = |v: u32| format_uint(u64::from(v));
        match self {
            AllocationError::NoSeats => {
                f.write_str("Không có đại biểu nào để phân bổ (số đại biểu cần phân bổ bằng 0)")
            }
            AllocationError::ExOfficioExceeds {
                delegates,
                ex_officio,
            } => write!(
                f,
                "Số đại biểu đương nhiên ({}) không ít hơn số đại biểu của đại hội ({}), không \
                 còn đại biểu nào để phân bổ",
                n(*ex_officio),
                n(*delegates)
            ),
            AllocationError::NoOrganizations => {
                f.write_str("Chưa có tổ chức trực thuộc nào để phân bổ đại biểu")
            }
            AllocationError::NoMembers => f.write_str(
                "Các tổ chức trực thuộc chưa có đảng viên nào (tổng số đảng viên bằng 0), không \
                 thể phân bổ theo số đảng viên",
            ),
            AllocationError::MinimaExceedSeats {
                organizations,
                minimum,
                seats,
            } => write!(
                f,
                "Mỗi tổ chức ít nhất {} đại biểu thì {} tổ chức cần {} đại biểu, nhiều hơn số \
                 đại biểu cần phân bổ ({})",
                n(*minimum),
                n(*organizations),
                format_uint(u64::from(*organizations) * u64::from(*minimum)),
                n(*seats)
            ),
            AllocationError::DuplicateKey { key } => write!(
                f,
                "Một tổ chức (mã số {key}) có mặt hai lần trong danh sách phân bổ"
            ),
            AllocationError::UnknownOverride { key } => write!(
                f,
                "Điều chỉnh cho một tổ chức (mã số {key}) không có trong phương án phân bổ"
            ),
        }
    }
}

impl std::error::Error for AllocationError {}

/// Số đại biểu bầu — the seats left to allocate once the ex-officio delegates (the outgoing
/// committee) are counted: `delegates − ex_officio`, refused when nothing is left.
pub fn elected_seats(delegates: u32, ex_officio: u32) -> Result<u32, AllocationError> {
    match delegates.checked_sub(ex_officio) {
        Some(seats) if seats > 0 => Ok(seats),
        _ => Err(AllocationError::ExOfficioExceeds {
            delegates,
            ex_officio,
        }),
    }
}

/// Hạn ngạch — an exact quota, `numerator / denominator` seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    numerator: u128,
    denominator: u128,
}

impl Quota {
    /// Tử số.
    pub fn numerator(self) -> u128 {
        self.numerator
    }

    /// Mẫu số (never 0).
    pub fn denominator(self) -> u128 {
        self.denominator
    }

    /// The whole seats in the quota (rounded down).
    pub fn whole(self) -> u128 {
        self.numerator / self.denominator
    }

    /// The quota in hundredths of a seat, rounded half up (`1234` for 12,34 seats).
    pub fn hundredths(self) -> i64 {
        let scaled = self.numerator * 200 + self.denominator;
        // At most seats × 100, which fits easily.
        (scaled / (2 * self.denominator)) as i64
    }
}

impl fmt::Display for Quota {
    /// `12,34`: two decimals, Vietnamese notation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_hundredths(self.hundredths()))
    }
}

/// Phần của một tổ chức — the seats one organization gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeatShare {
    /// The organization's key (its id).
    pub key: i64,
    /// Số đảng viên.
    pub members: u64,
    /// Số đại biểu được phân bổ.
    pub seats: u32,
    /// The exact quota that decided the seats: for an organization raised to the minimum, its
    /// quota in the round where it fell under the minimum; for the others, the quota of the
    /// last round (their seats are its whole part, or one more).
    pub quota: Quota,
    /// Whether the organization got the minimum because its quota was under it.
    pub at_minimum: bool,
}

/// Phương án phân bổ — the result of [`allocate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// Số đại biểu đã phân bổ (the seats asked for; the shares add up to it).
    pub seats: u32,
    /// Số đại biểu tối thiểu mỗi tổ chức.
    pub minimum: u32,
    /// One share per organization, in the order given.
    pub shares: Vec<SeatShare>,
    /// The keys, in ascending order, of organizations equal in remainder and members that
    /// fell on both sides of the last seat (the smaller keys got it); empty without such a
    /// tie. The convening committee decides; the web shows it.
    pub tied_for_last_seat: Vec<i64>,
}

impl Allocation {
    /// The seats of one organization.
    pub fn seats_of(&self, key: i64) -> Option<u32> {
        self.shares.iter().find(|s| s.key == key).map(|s| s.seats)
    }

    /// `(key, seats)` pairs in the order given, as [`apply_overrides`] takes them.
    pub fn proposed(&self) -> Vec<(i64, u32)> {
        self.shares.iter().map(|s| (s.key, s.seats)).collect()
    }
}

/// Phân bổ đại biểu — allocates `seats` among `organizations` (`(key, members)`, keys unique)
/// with at least `minimum` each; see the module documentation for the method.
pub fn allocate(
    seats: u32,
    minimum: u32,
    organizations: &[(i64, u64)],
) -> Result<Allocation, AllocationError> {
    if organizations.is_empty() {
        return Err(AllocationError::NoOrganizations);
    }
    if seats == 0 {
        return Err(AllocationError::NoSeats);
    }
    let mut keys = BTreeSet::new();
    for &(key, _) in organizations {
        if !keys.insert(key) {
            return Err(AllocationError::DuplicateKey { key });
        }
    }
    if organizations.iter().all(|&(_, m)| m == 0) {
        return Err(AllocationError::NoMembers);
    }
    let count = organizations.len() as u128;
    if count * u128::from(minimum) > u128::from(seats) {
        return Err(AllocationError::MinimaExceedSeats {
            organizations: u32::try_from(organizations.len()).unwrap_or(u32::MAX),
            minimum,
            seats,
        });
    }

    let minimum_wide = u128::from(minimum);
    // Quota of each organization raised to the minimum, in the round it fell under it.
    let mut raised: Vec<Option<Quota>> = vec![None; organizations.len()];
    let (pool, pool_members) = loop {
        let raised_count = raised.iter().filter(|r| r.is_some()).count() as u128;
        let pool = u128::from(seats) - raised_count * minimum_wide;
        let pool_members: u128 = organizations
            .iter()
            .zip(&raised)
            .filter(|(_, r)| r.is_none())
            .map(|(&(_, m), _)| u128::from(m))
            .sum();
        // Some organization with members always stays in the pool (the minima fit in the
        // seats and the quotas of a round add up to its pool), so `pool_members > 0`.
        debug_assert!(pool_members > 0);
        let under: Vec<usize> = (0..organizations.len())
            .filter(|&i| {
                raised[i].is_none()
                    && pool * u128::from(organizations[i].1) < minimum_wide * pool_members
            })
            .collect();
        if under.is_empty() {
            break (pool, pool_members.max(1));
        }
        for i in under {
            raised[i] = Some(Quota {
                numerator: pool * u128::from(organizations[i].1),
                denominator: pool_members.max(1),
            });
        }
    };

    let mut shares: Vec<SeatShare> = organizations
        .iter()
        .zip(&raised)
        .map(|(&(key, members), raised)| match raised {
            Some(quota) => SeatShare {
                key,
                members,
                seats: minimum,
                quota: *quota,
                at_minimum: true,
            },
            None => {
                let quota = Quota {
                    numerator: pool * u128::from(members),
                    denominator: pool_members,
                };
                SeatShare {
                    key,
                    members,
                    // The whole part is at most the pool, itself at most `seats`.
                    seats: quota.whole() as u32,
                    quota,
                    at_minimum: false,
                }
            }
        })
        .collect();

    // The seats still left go to the largest remainders (all quotas share one denominator).
    let given: u128 = shares
        .iter()
        .filter(|s| !s.at_minimum)
        .map(|s| u128::from(s.seats))
        .sum();
    let left = (pool - given) as usize;
    let remainder = |s: &SeatShare| s.quota.numerator % s.quota.denominator;
    let mut order: Vec<usize> = (0..shares.len())
        .filter(|&i| !shares[i].at_minimum)
        .collect();
    order.sort_by(|&a, &b| {
        let (sa, sb) = (&shares[a], &shares[b]);
        remainder(sb)
            .cmp(&remainder(sa))
            .then(sb.members.cmp(&sa.members))
            .then(sa.key.cmp(&sb.key))
    });
    for &i in &order[..left] {
        shares[i].seats += 1;
    }
    let mut tied_for_last_seat = Vec::new();
    if left > 0 && left < order.len() {
        let rank = |i: usize| (remainder(&shares[i]), shares[i].members);
        let last_in = rank(order[left - 1]);
        if rank(order[left]) == last_in {
            tied_for_last_seat = order
                .iter()
                .copied()
                .filter(|&i| rank(i) == last_in)
                .map(|i| shares[i].key)
                .collect();
            tied_for_last_seat.sort_unstable();
        }
    }
    Ok(Allocation {
        seats,
        minimum,
        shares,
        tied_for_last_seat,
    })
}

/// Phương án sau điều chỉnh — a proposal with the manual overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustedAllocation {
    /// `(key, seats)` in the proposal's order, overridden values in place.
    pub seats: Vec<(i64, u32)>,
    /// Tổng số đại biểu sau điều chỉnh.
    pub total: u64,
    /// Số đại biểu cần phân bổ.
    pub target: u32,
    /// `total − target`: positive when over, negative when under.
    pub difference: i64,
}

impl AdjustedAllocation {
    /// The difference in words: "Tổng 210 đại biểu, đúng bằng số cần phân bổ.", "Tổng 212 đại
    /// biểu, nhiều hơn số cần phân bổ (210) 2 đại biểu.", "…, ít hơn … 3 đại biểu.".
    pub fn difference_phrase(&self) -> String {
        let total = format_uint(self.total);
        let target = format_uint(u64::from(self.target));
        let by = format_uint(self.difference.unsigned_abs());
        match self.difference {
            0 => format!("Tổng {total} đại biểu, đúng bằng số cần phân bổ."),
            d if d > 0 => {
                format!("Tổng {total} đại biểu, nhiều hơn số cần phân bổ ({target}) {by} đại biểu.")
            }
            _ => format!("Tổng {total} đại biểu, ít hơn số cần phân bổ ({target}) {by} đại biểu."),
        }
    }
}

/// Điều chỉnh phân bổ — applies `overrides` (`(key, seats)`) to `proposed` and gives the total
/// against `target`. An override for an organization not in the proposal, or two for one
/// organization, is refused. The reasons are the store's to record.
pub fn apply_overrides(
    proposed: &[(i64, u32)],
    overrides: &[(i64, u32)],
    target: u32,
) -> Result<AdjustedAllocation, AllocationError> {
    let mut by_key = BTreeMap::new();
    for &(key, seats) in overrides {
        if by_key.insert(key, seats).is_some() {
            return Err(AllocationError::DuplicateKey { key });
        }
    }
    let mut seen = BTreeSet::new();
    for &(key, _) in proposed {
        if !seen.insert(key) {
            return Err(AllocationError::DuplicateKey { key });
        }
    }
    if let Some(&key) = by_key.keys().find(|k| !seen.contains(k)) {
        return Err(AllocationError::UnknownOverride { key });
    }
    let seats: Vec<(i64, u32)> = proposed
        .iter()
        .map(|&(key, s)| (key, by_key.get(&key).copied().unwrap_or(s)))
        .collect();
    let total: u64 = seats.iter().map(|&(_, s)| u64::from(s)).sum();
    Ok(AdjustedAllocation {
        seats,
        total,
        target,
        difference: total as i64 - i64::from(target),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_largest_remainder() {
        // 10 seats, 100 members: quotas 4,50 / 3,20 / 2,30 → 4 3 2 and one left for 4,50.
        let a = allocate(10, 0, &[(1, 45), (2, 32), (3, 23)]).unwrap();
        assert_eq!(a.proposed(), [(1, 5), (2, 3), (3, 2)]);
        assert_eq!(a.shares[0].quota.to_string(), "4,50");
        assert_eq!(a.shares[2].quota.hundredths(), 230);
        assert!(a.tied_for_last_seat.is_empty());
    }

    #[test]
    fn the_minimum_is_given_and_the_rest_reapportioned() {
        // 20 seats, minimum 2: the small ones (quotas 0,18 and 1,64) get 2; the 16 left go to
        // the two big ones (quotas 16 × 500/1000 = 8 and 8).
        let orgs = [(1, 500), (2, 500), (3, 10), (4, 90)];
        let a = allocate(20, 2, &orgs).unwrap();
        assert_eq!(a.proposed(), [(1, 8), (2, 8), (3, 2), (4, 2)]);
        assert!(a.shares[2].at_minimum && a.shares[3].at_minimum);
        assert_eq!(a.shares[3].quota.to_string(), "1,64");
        assert_eq!(a.shares[0].quota.to_string(), "8,00");
    }

    #[test]
    fn a_cascade_of_minima() {
        // Round 1: quotas 6 / 3,10 / 0,90: only the third is under 3. Round 2: the 7 left
        // among 91 members give 4,62 / 2,38: the second falls under 3 too. Round 3: 4 left.
        let a = allocate(10, 3, &[(1, 60), (2, 31), (3, 9)]).unwrap();
        assert_eq!(a.proposed(), [(1, 4), (2, 3), (3, 3)]);
        assert_eq!(a.shares[1].quota.to_string(), "2,38");
        assert_eq!(a.shares[2].quota.to_string(), "0,90");
        assert_eq!(a.shares[0].quota.to_string(), "4,00");
    }

    #[test]
    fn a_tie_across_the_last_seat_is_reported() {
        let a = allocate(4, 0, &[(7, 10), (3, 10), (5, 10)]).unwrap();
        // Each quota 1,33: one seat each, the fourth to the smallest key.
        assert_eq!(a.proposed(), [(7, 1), (3, 2), (5, 1)]);
        assert_eq!(a.tied_for_last_seat, [3, 5, 7]);
        // Equal remainders (quotas 0,50 and 1,50) but different members: the larger
        // organization gets the seat, no tie.
        let a = allocate(2, 0, &[(1, 1), (2, 3)]).unwrap();
        assert_eq!(a.proposed(), [(1, 0), (2, 2)]);
        assert!(a.tied_for_last_seat.is_empty());
    }

    #[test]
    fn refusals() {
        assert_eq!(allocate(10, 0, &[]), Err(AllocationError::NoOrganizations));
        assert_eq!(allocate(0, 0, &[(1, 5)]), Err(AllocationError::NoSeats));
        assert_eq!(
            allocate(5, 0, &[(1, 0), (2, 0)]),
            Err(AllocationError::NoMembers)
        );
        assert_eq!(
            allocate(5, 0, &[(1, 3), (1, 4)]),
            Err(AllocationError::DuplicateKey { key: 1 })
        );
        let grassroots: Vec<(i64, u64)> = (1..=47).map(|k| (k, 10)).collect();
        let err = allocate(60, 2, &grassroots).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Mỗi tổ chức ít nhất 2 đại biểu thì 47 tổ chức cần 94 đại biểu, nhiều hơn số đại biểu \
             cần phân bổ (60)"
        );
        assert_eq!(elected_seats(247, 37), Ok(210));
        assert_eq!(
            elected_seats(30, 37).unwrap_err().to_string(),
            "Số đại biểu đương nhiên (37) không ít hơn số đại biểu của đại hội (30), không còn \
             đại biểu nào để phân bổ"
        );
        assert!(elected_seats(37, 37).is_err());
    }

    #[test]
    fn overrides_and_their_difference() {
        let proposed = [(1, 5), (2, 3), (3, 2)];
        let adj = apply_overrides(&proposed, &[(2, 5)], 10).unwrap();
        assert_eq!(adj.seats, [(1, 5), (2, 5), (3, 2)]);
        assert_eq!((adj.total, adj.difference), (12, 2));
        assert_eq!(
            adj.difference_phrase(),
            "Tổng 12 đại biểu, nhiều hơn số cần phân bổ (10) 2 đại biểu."
        );
        let adj = apply_overrides(&proposed, &[(1, 2)], 10).unwrap();
        assert_eq!(
            adj.difference_phrase(),
            "Tổng 7 đại biểu, ít hơn số cần phân bổ (10) 3 đại biểu."
        );
        let adj = apply_overrides(&proposed, &[], 10).unwrap();
        assert_eq!(
            adj.difference_phrase(),
            "Tổng 10 đại biểu, đúng bằng số cần phân bổ."
        );
        assert_eq!(
            apply_overrides(&proposed, &[(9, 1)], 10),
            Err(AllocationError::UnknownOverride { key: 9 })
        );
        assert_eq!(
            apply_overrides(&proposed, &[(1, 1), (1, 2)], 10),
            Err(AllocationError::DuplicateKey { key: 1 })
        );
    }

    /// Organizations with distinct keys, some possibly without members, at least one with;
    /// small counts often, so that equal members (and ties) occur.
    fn organizations() -> impl Strategy<Value = Vec<(i64, u64)>> {
        let members = prop_oneof![0u64..20, 0u64..5000];
        proptest::collection::btree_map(-1000i64..1000, members, 1..40)
            .prop_map(|m| m.into_iter().collect::<Vec<_>>())
            .prop_filter("some members", |v| v.iter().any(|&(_, m)| m > 0))
    }

    /// A request that can be met: seats, minimum, organizations (shuffled).
    fn request() -> impl Strategy<Value = (u32, u32, Vec<(i64, u64)>)> {
        organizations()
            .prop_flat_map(|orgs| {
                let n = orgs.len() as u32;
                (0u32..4).prop_flat_map(move |minimum| {
                    let orgs = orgs.clone();
                    ((n * minimum).max(1)..n * minimum + 400)
                        .prop_map(move |seats| (seats, minimum, orgs.clone()))
                })
            })
            .prop_flat_map(|(s, m, orgs)| (Just(s), Just(m), Just(orgs).prop_shuffle()))
    }

    /// `q` as a rational, compared: is `seats` within one seat of it (|seats − q| < 1)?
    fn within_one(seats: u32, q: Quota) -> bool {
        let s = u128::from(seats) * q.denominator();
        let (n, d) = (q.numerator(), q.denominator());
        s < n + d && n < s + d
    }

    proptest! {
        /// Seats add up; minima are respected; the organizations not raised to the minimum are
        /// within one seat of their quota, whose sum is the seats not taken by the minima.
        #[test]
        fn seats_add_up_and_stay_near_their_quota((seats, minimum, orgs) in request()) {
            let a = allocate(seats, minimum, &orgs).unwrap();
            prop_assert_eq!(a.shares.iter().map(|s| u64::from(s.seats)).sum::<u64>(), u64::from(seats));
            prop_assert_eq!(a.shares.len(), orgs.len());
            for s in &a.shares {
                prop_assert!(s.seats >= minimum);
                if s.at_minimum {
                    prop_assert_eq!(s.seats, minimum);
                    // Raised only because its quota was under the minimum.
                    prop_assert!(s.quota.numerator() < u128::from(minimum) * s.quota.denominator());
                } else {
                    prop_assert!(within_one(s.seats, s.quota), "{:?}", s);
                    prop_assert!(s.seats >= minimum);
                }
            }
            let free: Vec<&SeatShare> = a.shares.iter().filter(|s| !s.at_minimum).collect();
            prop_assert!(!free.is_empty());
            let den = free[0].quota.denominator();
            let sum: u128 = free.iter().map(|s| s.quota.numerator()).sum();
            let raised = a.shares.len() - free.len();
            prop_assert_eq!(sum, u128::from(seats - raised as u32 * minimum) * den);
        }

        /// Without a minimum this is plain Hamilton: each share is within one seat of
        /// `seats × members / total`.
        #[test]
        fn without_minimum_shares_follow_the_plain_quota(orgs in organizations(), seats in 1u32..500) {
            let a = allocate(seats, 0, &orgs).unwrap();
            let total: u128 = orgs.iter().map(|&(_, m)| u128::from(m)).sum();
            for s in &a.shares {
                let plain = Quota { numerator: u128::from(seats) * u128::from(s.members), denominator: total };
                prop_assert_eq!(s.quota, plain);
                prop_assert!(within_one(s.seats, plain));
            }
        }

        /// The same organizations in any order get the same seats and the same tie report.
        #[test]
        fn input_order_does_not_matter((seats, minimum, orgs) in request(), rotate in 0usize..40) {
            let a = allocate(seats, minimum, &orgs).unwrap();
            let mut other = orgs.clone();
            other.reverse();
            let k = rotate % other.len();
            other.rotate_left(k);
            let b = allocate(seats, minimum, &other).unwrap();
            let map = |x: &Allocation| x.shares.iter().map(|s| (s.key, (s.seats, s.quota, s.at_minimum))).collect::<BTreeMap<_, _>>();
            prop_assert_eq!(map(&a), map(&b));
            prop_assert_eq!(&a.tied_for_last_seat, &b.tied_for_last_seat);
            // Shares come back in the order given.
            prop_assert!(b.shares.iter().map(|s| s.key).eq(other.iter().map(|&(k, _)| k)));
        }

        /// More members never means fewer seats; equal members differ by at most one seat, and
        /// then only through a reported tie.
        #[test]
        fn more_members_never_fewer_seats((seats, minimum, orgs) in request()) {
            let a = allocate(seats, minimum, &orgs).unwrap();
            for x in &a.shares {
                for y in &a.shares {
                    if x.members > y.members {
                        prop_assert!(x.seats >= y.seats, "{:?} {:?}", x, y);
                    }
                    if x.members == y.members && x.seats != y.seats {
                        prop_assert!(x.seats.abs_diff(y.seats) == 1);
                        prop_assert!(a.tied_for_last_seat.contains(&x.key));
                        prop_assert!(a.tied_for_last_seat.contains(&y.key));
                    }
                }
            }
        }

        /// Overrides: the total is the sum of the seats in force, the difference is against the
        /// target, and organizations not overridden keep their proposed seats.
        #[test]
        fn overrides_add_up(
            proposed in proptest::collection::btree_map(0i64..100, 0u32..50, 1..30),
            picks in proptest::collection::vec((any::<prop::sample::Index>(), 0u32..50), 0..10),
            target in 0u32..1000,
        ) {
            let proposed: Vec<(i64, u32)> = proposed.into_iter().collect();
            let overrides: BTreeMap<i64, u32> =
                picks.iter().map(|(i, s)| (proposed[i.index(proposed.len())].0, *s)).collect();
            let list: Vec<(i64, u32)> = overrides.iter().map(|(&k, &s)| (k, s)).collect();
            let adj = apply_overrides(&proposed, &list, target).unwrap();
            for (&(key, before), &(key_after, after)) in proposed.iter().zip(&adj.seats) {
                prop_assert_eq!(key, key_after);
                prop_assert_eq!(after, overrides.get(&key).copied().unwrap_or(before));
            }
            prop_assert_eq!(adj.total, adj.seats.iter().map(|&(_, s)| u64::from(s)).sum::<u64>());
            prop_assert_eq!(adj.difference, adj.total as i64 - i64::from(target));
        }
    }
}
