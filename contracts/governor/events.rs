//! The governor's events, in the suite's one design (docs/ARCHITECTURE.md,
//! "Events"): one event type, [`GovernorEvent`], with the change id as its
//! topic and a [`Change`] saying what happened to it. `Scheduled` carries
//! the whole action and its time, so anyone reading events sees every
//! change the day it is announced, long before it can run.

use ink::primitives::AccountId;
use procurement_shared::Timestamp;

use crate::{Action, ChangeId};

/// The Admin announced a change; it runs no earlier than `eta`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Scheduled {
    /// What will change.
    pub action: Action,
    /// Earliest execution time (ms).
    pub eta: Timestamp,
    /// Latest execution time (ms); after it the change can only be cancelled.
    pub expires: Timestamp,
    /// The Admin who announced it.
    pub by: AccountId,
}

/// A pending change was cancelled (by the Admin, or by anyone once expired).
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Cancelled {
    /// Who cancelled it.
    pub by: AccountId,
}

/// A change ran.
#[derive(Debug, Clone, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
pub struct Executed {
    /// What changed.
    pub action: Action,
    /// For an upgrade: the storage version the new code migrated from, or
    /// `None` if it runs on the layout as it was.
    pub migrated_from: Option<u16>,
    /// Who executed it (anyone may, once its time has come).
    pub by: AccountId,
}

procurement_shared::changes! {
    /// What happened to a change.
    pub enum Change in change {
        Scheduled,
        Cancelled,
        Executed,
    }
}

/// The governor's one event.
#[ink::event]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GovernorEvent {
    /// The change concerned.
    #[ink(topic)]
    pub id: ChangeId,
    /// What happened to it.
    pub change: Change,
}
