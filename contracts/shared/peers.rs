//! The suite's own contracts, as the contracts that serve them know them.
//!
//! Some calls move public money on another contract's word: the budget
//! reserves for the tender, commits for the evaluation and pays for the
//! escrow; the tender awards and the escrow opens agreements for the
//! evaluation. A role cannot stand for "the suite's evaluation contract":
//! any account the Admin grants it could then pay a commitment out or award
//! a tender to anyone. So each serving contract keeps the addresses of its
//! [`Peers`], linked once by the Admin right after deployment (the peers are
//! deployed after the contracts they call, so a constructor cannot name
//! them), and never changed: a call that only a peer may make is refused
//! from any other account, whatever roles it holds.

use ink::primitives::AccountId;

/// The contracts of one suite that call others with money at stake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct Peers {
    /// The tender book: reserves a tender's estimate.
    pub tender: AccountId,
    /// The evaluation book: awards tenders, commits budget, opens agreements.
    pub evaluation: AccountId,
    /// The escrow: releases and decommits agreement money.
    pub escrow: AccountId,
}

/// Emitted by a contract whose Admin linked its peers (once, for good). One
/// definition for the budget, the tender book and the escrow; the emitting
/// contract tells them apart.
#[ink::event]
pub struct PeersLinked {
    /// The tender, evaluation and escrow contracts.
    pub peers: Peers,
    /// The Admin.
    #[ink(topic)]
    pub by: AccountId,
}

/// Which of the [`Peers`] a call must come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub enum Peer {
    /// [`Peers::tender`].
    Tender,
    /// [`Peers::evaluation`].
    Evaluation,
    /// [`Peers::escrow`].
    Escrow,
}

impl Peers {
    /// The address of `peer`.
    pub const fn of(&self, peer: Peer) -> AccountId {
        match peer {
            Peer::Tender => self.tender,
            Peer::Evaluation => self.evaluation,
            Peer::Escrow => self.escrow,
        }
    }
}

/// A call that only `peer` may make came from `caller` (or no peers are
/// linked yet). Each contract's `Error` has the variant `NotPeer { peer,
/// caller }` and converts from this (see [`crate::not_peer_into`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotPeer {
    /// The peer the call must come from.
    pub peer: Peer,
    /// Who made it.
    pub caller: AccountId,
}

/// `caller`, if it is `peer` among the `linked` peers.
pub fn admit(linked: Option<Peers>, peer: Peer, caller: AccountId) -> Result<AccountId, NotPeer> {
    match linked {
        Some(peers) if peers.of(peer) == caller => Ok(caller),
        _ => Err(NotPeer { peer, caller }),
    }
}

/// Implements `From<NotPeer>` for a contract's `Error`, which must have the
/// variant `NotPeer { peer, caller }`: `procurement_shared::not_peer_into!(Error);`.
#[macro_export]
macro_rules! not_peer_into {
    ($error:ty) => {
        impl From<$crate::peers::NotPeer> for $error {
            fn from(refused: $crate::peers::NotPeer) -> Self {
                Self::NotPeer { peer: refused.peer, caller: refused.caller }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peers() -> Peers {
        Peers { tender: AccountId::from([1; 32]), evaluation: AccountId::from([2; 32]), escrow: AccountId::from([3; 32]) }
    }

    #[test]
    fn only_the_linked_peer_is_admitted() {
        let p = peers();
        for (peer, address) in [(Peer::Tender, p.tender), (Peer::Evaluation, p.evaluation), (Peer::Escrow, p.escrow)] {
            assert_eq!(admit(Some(p), peer, address), Ok(address));
        }
        // Another peer of the same suite is not this one.
        assert_eq!(admit(Some(p), Peer::Escrow, p.evaluation), Err(NotPeer { peer: Peer::Escrow, caller: p.evaluation }));
        let stranger = AccountId::from([9; 32]);
        assert_eq!(admit(Some(p), Peer::Tender, stranger), Err(NotPeer { peer: Peer::Tender, caller: stranger }));
    }

    #[test]
    fn nobody_is_admitted_before_the_link() {
        let p = peers();
        assert_eq!(admit(None, Peer::Evaluation, p.evaluation), Err(NotPeer { peer: Peer::Evaluation, caller: p.evaluation }));
    }
}
