//! How revealed bids are ranked, as plain integer arithmetic: the
//! evaluation contract ranks with these functions, and anyone can recompute
//! a published ranking from the public prices and scores to the unit.
//!
//! Two methods (a tender fixes one when it is published):
//! - **lowest price**: the lowest valid price wins;
//! - **weighted price and quality**: each bid gets
//!   `price_weight × price points + quality_weight × quality points`, where
//!   price points are `lowest price / bid price` and quality points the
//!   bid's mean quality score over 100, both in millionths ([`POINTS`]). Bids
//!   whose mean quality is below the tender's minimum are excluded, and so
//!   are bids nobody scored; the lowest price is the lowest among the bids
//!   that are not excluded, so a cheap bid that fails on quality does not
//!   lower everyone else's price points.
//!
//! Ties break deterministically: a higher total first, then the lower
//! price, then the bid revealed first (a lower reveal index). Reveal order
//! is public and fixed before any score exists, so no evaluator can steer a
//! tie. Everything is checked: `None` means inputs that cannot be right
//! (a zero price, a quality sum above 100 per score), never a panic.

use ink::prelude::vec::Vec;

use crate::Balance;

/// Full points: a bid with the lowest price and a perfect quality score
/// gets `100 × POINTS` in total (weights sum to 100).
pub const POINTS: u64 = 1_000_000;
/// The top of the quality scale each evaluator scores on (0 to 100).
pub const MAX_QUALITY: u8 = 100;

pub use method::Method;

mod method {
    //! The method as stored data. In a module of its own because the SCALE
    //! derive writes variant indices of enums with fields as `<n>usize as
    //! u8`; the `allow` covers only this derived code.
    #![allow(clippy::cast_possible_truncation)]

    /// How a tender compares bids.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub enum Method {
        /// The lowest valid price wins.
        LowestPrice,
        /// Weighted price and quality; the weights sum to 100.
        Weighted {
            /// Weight of the price points, percent.
            price_weight: u8,
            /// Weight of the quality points, percent.
            quality_weight: u8,
            /// Lowest acceptable mean quality score, 0 to 100.
            min_quality: u8,
        },
    }
}

/// A valid revealed bid as the ranking sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Position in reveal order (the last tie-break).
    pub index: u32,
    /// Its price (never zero: a zero price is an invalid bid).
    pub price: Balance,
    /// Sum of the quality scores it received.
    pub quality_sum: u32,
    /// How many evaluators scored it.
    pub scores: u32,
}

/// Price points of `price` against the lowest valid price, in millionths:
/// `POINTS × lowest / price`, rounded down.
pub fn price_points(lowest: Balance, price: Balance) -> Option<u64> {
    if price == 0 || lowest > price {
        return None;
    }
    // Scale both down until the product fits (only for prices near the top
    // of the range); the ratio keeps at least 64 significant bits.
    let (mut lowest, mut price) = (lowest, price);
    while lowest > Balance::MAX.checked_div(Balance::from(POINTS))? {
        lowest = lowest.checked_shr(1)?;
        price = price.checked_shr(1)?;
    }
    let points = lowest.checked_mul(Balance::from(POINTS))?.checked_div(price)?;
    u64::try_from(points).ok()
}

/// Quality points of a mean score, in millionths:
/// `POINTS × quality_sum / (scores × 100)`, rounded down. `None` if nobody
/// scored or the sum is impossible.
pub fn quality_points(quality_sum: u32, scores: u32) -> Option<u64> {
    let full = u64::from(scores).checked_mul(u64::from(MAX_QUALITY))?;
    if full == 0 || u64::from(quality_sum) > full {
        return None;
    }
    u64::from(quality_sum).checked_mul(POINTS)?.checked_div(full)
}

/// Whether a bid's mean quality reaches `min_quality` (compared without
/// rounding: `quality_sum >= min_quality × scores`).
pub fn meets_quality(quality_sum: u32, scores: u32, min_quality: u8) -> bool {
    scores > 0 && u64::from(quality_sum) >= u64::from(min_quality).saturating_mul(u64::from(scores))
}

/// A bid's total under `method` (higher is better), given the lowest valid
/// price; `None` if it is excluded or the figures cannot be right.
pub fn total(method: &Method, lowest: Balance, c: &Candidate) -> Option<u64> {
    match *method {
        // All that matters is the price; the tie-breaks order equal prices.
        Method::LowestPrice => price_points(lowest, c.price),
        Method::Weighted { price_weight, quality_weight, min_quality } => {
            if !meets_quality(c.quality_sum, c.scores, min_quality) {
                return None;
            }
            let price = price_points(lowest, c.price)?.checked_mul(u64::from(price_weight))?;
            let quality = quality_points(c.quality_sum, c.scores)?.checked_mul(u64::from(quality_weight))?;
            price.checked_add(quality)
        }
    }
}

/// Whether a candidate takes part in the ranking under `method`.
pub fn admissible(method: &Method, c: &Candidate) -> bool {
    match *method {
        Method::LowestPrice => true,
        Method::Weighted { min_quality, .. } => meets_quality(c.quality_sum, c.scores, min_quality),
    }
}

/// The candidates in award order, best first, as `(index, total)`;
/// excluded bids are left out. `None` if a figure cannot be right.
pub fn rank(method: &Method, candidates: &[Candidate]) -> Option<Vec<(u32, u64)>> {
    let Some(lowest) = candidates.iter().filter(|c| admissible(method, c)).map(|c| c.price).min() else {
        return Some(Vec::new());
    };
    let mut ranked: Vec<(u64, Balance, u32)> = Vec::with_capacity(candidates.len());
    for c in candidates {
        if c.price == 0 {
            return None;
        }
        if let Method::Weighted { .. } = method {
            if c.scores > 0 && quality_points(c.quality_sum, c.scores).is_none() {
                return None;
            }
        }
        if let Some(points) = total(method, lowest, c) {
            ranked.push((points, c.price, c.index));
        }
    }
    // Higher total, then lower price, then earlier reveal: a total order,
    // since reveal indices are distinct.
    heap_sort(&mut ranked, |&(points, price, index)| (core::cmp::Reverse(points), price, index));
    Some(ranked.into_iter().map(|(points, _, index)| (index, points)).collect())
}

/// Sorts `items` by `key`, ascending, in place: a heap sort. Written out
/// because the core library's sorts bring about 3.8 KB of Wasm (quicksort,
/// heapsort fallback, small sorts) into every contract that ranks; this is
/// a few hundred bytes, and at most 200 bids need only n log n steps. With
/// distinct keys the result is the same as any other correct sort.
pub fn heap_sort<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    fn sift_down<T, K: Ord>(items: &mut [T], mut root: usize, end: usize, key: &impl Fn(&T) -> K) {
        loop {
            let left = root.saturating_mul(2).saturating_add(1);
            if left >= end {
                return;
            }
            let right = left.saturating_add(1);
            let child = match (items.get(left), items.get(right)) {
                (Some(l), Some(r)) if right < end && key(l) < key(r) => right,
                _ => left,
            };
            let (Some(parent), Some(larger)) = (items.get(root), items.get(child)) else {
                return;
            };
            if key(parent) >= key(larger) {
                return;
            }
            items.swap(root, child);
            root = child;
        }
    }
    let n = items.len();
    for start in (0..n / 2).rev() {
        sift_down(items, start, n, &key);
    }
    for end in (1..n).rev() {
        items.swap(0, end);
        sift_down(items, 0, end, &key);
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    fn bid(index: u32, price: Balance, quality_sum: u32, scores: u32) -> Candidate {
        Candidate { index, price, quality_sum, scores }
    }

    fn weighted(price_weight: u8, min_quality: u8) -> Method {
        Method::Weighted { price_weight, quality_weight: 100 - price_weight, min_quality }
    }

    fn order(method: &Method, candidates: &[Candidate]) -> Vec<u32> {
        rank(method, candidates).unwrap().into_iter().map(|(index, _)| index).collect()
    }

    #[test]
    fn lowest_price_wins_and_ties_go_to_the_first_revealed() {
        let bids = [bid(0, 900, 0, 0), bid(1, 700, 0, 0), bid(2, 800, 0, 0), bid(3, 700, 0, 0)];
        assert_eq!(order(&Method::LowestPrice, &bids), vec![1, 3, 2, 0]);
        assert_eq!(rank(&Method::LowestPrice, &[]), Some(vec![]));
    }

    #[test]
    fn price_points_are_relative_to_the_lowest_price() {
        assert_eq!(price_points(500, 500), Some(POINTS));
        assert_eq!(price_points(500, 1_000), Some(POINTS / 2));
        assert_eq!(price_points(1, 3), Some(333_333), "rounded down");
        assert_eq!(price_points(1, u128::MAX), Some(0), "an extreme price scores nothing");
        assert_eq!(price_points(u128::MAX, u128::MAX), Some(POINTS), "scaled, not overflowing");
        assert_eq!(price_points(u128::MAX / 2, u128::MAX), Some(POINTS / 2 - 1));
        assert_eq!(price_points(10, 0), None);
        assert_eq!(price_points(10, 9), None, "the lowest is never above a price");
    }

    #[test]
    fn quality_points_are_the_mean_score_over_100() {
        assert_eq!(quality_points(240, 3), Some(800_000));
        assert_eq!(quality_points(100, 3), Some(333_333));
        assert_eq!(quality_points(0, 3), Some(0));
        assert_eq!(quality_points(0, 0), None, "nobody scored");
        assert_eq!(quality_points(301, 3), None, "more than 100 each");
    }

    #[test]
    fn weighted_ranking_balances_price_and_quality() {
        // A is cheap and mediocre, B dearer and excellent.
        let a = bid(0, 800, 150, 3); // mean 50
        let b = bid(1, 1_000, 285, 3); // mean 95
                                       // 60/40: A = 60 × 1.0 + 40 × 0.5 = 80; B = 60 × 0.8 + 40 × 0.95 = 86.
        assert_eq!(rank(&weighted(60, 0), &[a, b]), Some(vec![(1, 86 * POINTS), (0, 80 * POINTS)]));
        // 90/10: A = 95, B = 81.5.
        assert_eq!(order(&weighted(90, 0), &[a, b]), vec![0, 1]);
    }

    #[test]
    fn weights_of_0_and_100_reduce_to_one_criterion() {
        let a = bid(0, 800, 150, 3);
        let b = bid(1, 1_000, 285, 3);
        let c = bid(2, 900, 285, 3);
        // Price only: the lowest price wins whatever the quality.
        assert_eq!(order(&weighted(100, 0), &[a, b, c]), vec![0, 2, 1]);
        // Quality only: equal quality breaks on the lower price.
        assert_eq!(order(&weighted(0, 0), &[a, b, c]), vec![2, 1, 0]);
    }

    #[test]
    fn bids_below_the_quality_threshold_or_unscored_are_excluded() {
        let a = bid(0, 800, 179, 3); // mean 59.67
        let b = bid(1, 1_000, 180, 3); // mean exactly 60
        let c = bid(2, 700, 0, 0); // never scored
        assert_eq!(order(&weighted(50, 60), &[a, b, c]), vec![1]);
        // The excluded cheaper bids do not set the lowest price: B, the only
        // admissible bid, gets full price points.
        assert_eq!(rank(&weighted(50, 60), &[a, b, c]), Some(vec![(1, 50 * POINTS + 50 * 600_000)]));
        assert_eq!(rank(&weighted(50, 61), &[a, b, c]), Some(vec![]), "nobody admissible");
        assert!(meets_quality(180, 3, 60) && !meets_quality(179, 3, 60) && !meets_quality(0, 0, 0));
    }

    #[test]
    fn equal_totals_break_on_price_then_reveal_order() {
        // Same total, different prices: 50 × 1.0 + 50 × 0.6 = 80 and
        // 50 × 0.8 + 50 × 0.8 = 80.
        let cheap = bid(0, 800, 180, 3);
        let dear = bid(1, 1_000, 240, 3);
        assert_eq!(rank(&weighted(50, 0), &[dear, cheap]).unwrap()[0], (0, 80 * POINTS));
        assert_eq!(order(&weighted(50, 0), &[dear, cheap]), vec![0, 1]);
        // Everything equal: the earlier reveal wins.
        let twin = bid(5, 800, 180, 3);
        assert_eq!(order(&weighted(50, 0), &[twin, cheap]), vec![0, 5]);
    }

    #[test]
    fn equal_prices_and_extreme_prices() {
        let bids = [bid(0, 1_000, 300, 3), bid(1, 1_000, 300, 3), bid(2, u128::MAX, 300, 3)];
        assert_eq!(order(&weighted(50, 0), &bids), vec![0, 1, 2]);
        assert_eq!(order(&Method::LowestPrice, &bids), vec![0, 1, 2]);
        assert_eq!(rank(&Method::LowestPrice, &[bid(0, 0, 0, 0)]), None, "a zero price is not a valid bid");
        assert_eq!(rank(&weighted(50, 0), &[bid(0, 10, 301, 3)]), None, "an impossible score sum");
    }

    #[test]
    fn heap_sort_agrees_with_the_library_sort() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for n in [0usize, 1, 2, 3, 7, 64, 200] {
            let mut items: Vec<(u64, u32)> = (0..n as u32)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 5, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort();
            heap_sort(&mut items, |x| *x);
            assert_eq!(items, expected, "n = {n}");
        }
    }

    #[test]
    fn two_hundred_bids_rank_completely_and_deterministically() {
        let bids: Vec<Candidate> = (0..200u32).map(|i| bid(i, 1_000 + Balance::from((i * 37) % 101), (i * 13) % 301, 3)).collect();
        let first = rank(&weighted(70, 20), &bids).unwrap();
        let mut reversed = bids.clone();
        reversed.reverse();
        assert_eq!(rank(&weighted(70, 20), &reversed).unwrap(), first, "input order does not matter");
        assert!(first.windows(2).all(|w| w[0].1 >= w[1].1), "best first");
        assert_eq!(first.len(), bids.iter().filter(|b| meets_quality(b.quality_sum, b.scores, 20)).count());
    }
}
