//! The suite's own contracts that act on each other's word.
//!
//! Some calls move public money on another contract's word: the budget
//! reserves for the tender book, commits for the evaluation contract and
//! pays for the escrow; the tender book awards and the escrow opens
//! agreements for the evaluation contract; the governor replaces code and
//! changes delayed rules once their public delay is over. Each such call
//! requires a service role (`TenderService`, `EvaluationService`,
//! `EscrowService`, `Governance`), and a service role is never granted: the
//! registry gives the four to the suite's [`Peers`] once, when the Admin
//! links them right after deployment (`access_control::link_peers`), and no
//! message grants, revokes or
//! renounces them afterwards. So each role has exactly one holder for the
//! life of the suite, the contract the deployment wired, and no grant of
//! any role to anyone reaches the money.

use ink::primitives::AccountId;

use crate::Role;

/// The contracts of one suite that call others with money at stake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Peers {
    /// The tender book: reserves a tender's estimate (`TenderService`).
    pub tender: AccountId,
    /// The evaluation book: awards tenders, commits budget, opens agreements
    /// (`EvaluationService`).
    pub evaluation: AccountId,
    /// The escrow: releases and decommits agreement money (`EscrowService`).
    pub escrow: AccountId,
    /// The governor: replaces code and changes delayed rules, each after
    /// the public delay (`Governance`).
    pub governor: AccountId,
}

impl Peers {
    /// Each service role with the one account that holds it.
    pub const fn services(&self) -> [(Role, AccountId); 4] {
        [
            (Role::TenderService, self.tender),
            (Role::EvaluationService, self.evaluation),
            (Role::EscrowService, self.escrow),
            (Role::Governance, self.governor),
        ]
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    #[test]
    fn each_service_role_goes_to_its_peer() {
        let peers = Peers {
            tender: AccountId::from([1; 32]),
            evaluation: AccountId::from([2; 32]),
            escrow: AccountId::from([3; 32]),
            governor: AccountId::from([4; 32]),
        };
        let services = peers.services();
        assert_eq!(services.map(|(role, _)| role), [Role::TenderService, Role::EvaluationService, Role::EscrowService, Role::Governance]);
        assert_eq!(services.map(|(_, account)| account), [peers.tender, peers.evaluation, peers.escrow, peers.governor]);
        for (role, _) in services {
            assert!(Role::SERVICES.contains(role));
        }
    }
}
