//! The tenders and bids the demo, the checked stage, the vendor tools and
//! the tests build, written once: a lowest-price tender from its figures
//! and a milestone plan, and deterministic sealed bids.

use ink::primitives::Hash;
use procurement_shared::{Balance, LineId, SealedBid, Timestamp, DAY_MS};
use tender::{Method, Milestone, TenderParams};

/// A milestone plan from `(share in basis points, due days after the
/// agreement starts)`; the descriptions are the hashes `[1; 32]`,
/// `[2; 32]`, ... in order.
pub fn plan(milestones: &[(u16, u64)]) -> Vec<Milestone> {
    (1u8..)
        .zip(milestones)
        .map(|(n, (share_bps, days))| Milestone {
            share_bps: *share_bps,
            due_offset_ms: days.saturating_mul(DAY_MS),
            description: Hash::from([n; 32]),
        })
        .collect()
}

/// What a lowest-price tender is published with.
pub struct Lowest {
    /// The budget line that funds it.
    pub line: LineId,
    /// Estimate and award ceiling.
    pub estimate: Balance,
    /// Bond per bid.
    pub bond: Balance,
    /// Hash of the dossier.
    pub dossier: [u8; 32],
    /// Submission and reveal deadlines (ms).
    pub deadlines: (Timestamp, Timestamp),
    /// Standstill after the provisional award (ms).
    pub standstill_ms: Timestamp,
    /// `(share in basis points, due days)` per milestone.
    pub plan: Vec<(u16, u64)>,
}

impl Lowest {
    /// The tender's parameters, compared by lowest price.
    pub fn params(&self) -> TenderParams {
        TenderParams {
            line: self.line,
            estimate: self.estimate,
            dossier: Hash::from(self.dossier),
            bond: self.bond,
            submission_deadline: self.deadlines.0,
            reveal_deadline: self.deadlines.1,
            method: Method::LowestPrice,
            standstill_ms: self.standstill_ms,
            milestones: plan(&self.plan),
        }
    }
}

/// A deterministic sealed bid for tests and demonstrations: the proposal
/// hash is `[seed; 32]` and the salt derived from the seed. A real wallet
/// draws its salt at random (`tools::seal`).
pub fn sealed(price: Balance, seed: u8) -> SealedBid {
    SealedBid { price, proposal: [seed; 32], salt: [seed.wrapping_mul(31).wrapping_add(7); 32] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_shares_due_days_and_numbered_descriptions() {
        let p = plan(&[(4_000, 30), (6_000, 90)]);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].share_bps, p[0].due_offset_ms, p[0].description), (4_000, 30 * DAY_MS, Hash::from([1; 32])));
        assert_eq!((p[1].share_bps, p[1].due_offset_ms, p[1].description), (6_000, 90 * DAY_MS, Hash::from([2; 32])));
    }

    #[test]
    fn sealed_bids_differ_by_seed_and_commit_to_their_price() {
        let (a, b) = (sealed(100, 1), sealed(100, 2));
        assert_ne!(a.salt, b.salt);
        assert_ne!(a.commitment(0, &[9; 32]), sealed(101, 1).commitment(0, &[9; 32]));
    }
}
