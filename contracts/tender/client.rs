//! How the suite's other contracts read the tender book, across contracts:
//! the views of `procurement_shared::tendering`, mapped here once from the
//! tender's own records. A call that fails as a call is `Unreachable`; the
//! award side's refusals come back as a [`Refusal`], the tender's error kept
//! encoded, through `procurement_shared::relay::call`.

use ink::codegen::TraitCallBuilder;
use ink::env::call::FromAccountId;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use procurement_shared::ports::TenderPort;
use procurement_shared::relay::{self, message};
use procurement_shared::tendering::{BondSettlement, Funding, Milestone, RevealedView, TenderSummary};
use procurement_shared::{Balance, CallError, Relayed, TenderId};

use crate::{Error, TenderBookRef, TenderStatus};

/// The tender's refusal as a calling contract relays it in its own error.
pub type Refusal = Relayed<Error>;

/// The tender book as other contracts see it.
pub struct Tenders;

fn book(address: AccountId) -> TenderBookRef {
    FromAccountId::from_account_id(address)
}

impl TenderPort for Tenders {
    type Refusal = Refusal;

    /// The tender `tender` as its evaluation needs it, or `None`.
    fn summary(address: AccountId, tender: TenderId) -> Result<Option<TenderSummary>, CallError<Refusal>> {
        let Ok(Ok(found)) = book(address).call().tender(tender).try_invoke() else {
            return Err(CallError::Unreachable);
        };
        Ok(found.map(|t| TenderSummary {
            officer: t.officer,
            open: t.status == TenderStatus::Open,
            reveal_deadline: t.reveal_deadline,
            method: t.method,
            revealed: t.revealed,
            bond: t.bond,
            standstill_ms: t.standstill_ms,
            reservation: t.reservation,
        }))
    }

    /// Revealed bids in reveal order from `start`, at most `limit` (the
    /// tender caps a page at 50).
    fn revealed(address: AccountId, tender: TenderId, start: u32, limit: u32) -> Result<Vec<RevealedView>, CallError<Refusal>> {
        let Ok(Ok(page)) = book(address).call().revealed_bids(tender, start, limit).try_invoke() else {
            return Err(CallError::Unreachable);
        };
        Ok(page.into_iter().map(|b| RevealedView { bidder: b.bidder, price: b.price, valid: b.valid }).collect())
    }

    /// Whether `account` ever bid on `tender` (withdrawn bids count).
    fn has_bid(address: AccountId, tender: TenderId, account: AccountId) -> Result<bool, CallError<Refusal>> {
        match book(address).call().bid(tender, account).try_invoke() {
            Ok(Ok(bid)) => Ok(bid.is_some()),
            _ => Err(CallError::Unreachable),
        }
    }

    /// The tender's milestone plan (at most 12 steps).
    fn milestones(address: AccountId, tender: TenderId) -> Result<Vec<Milestone>, CallError<Refusal>> {
        match book(address).call().milestones(tender).try_invoke() {
            Ok(Ok(plan)) => Ok(plan),
            _ => Err(CallError::Unreachable),
        }
    }

    /// `award(tender, winner, funding)` as the calling contract (which must
    /// hold `EvaluationService`).
    fn award(address: AccountId, tender: TenderId, winner: AccountId, funding: Funding) -> Result<(), CallError<Refusal>> {
        let input = message(ink::selector_bytes!("award")).push_arg(tender).push_arg(winner).push_arg(funding);
        relay::call(address, 0, input)
    }

    /// `settle_winner_bond(tender, settlement)` as the calling contract; the
    /// amount returned or forfeited.
    fn settle_winner_bond(address: AccountId, tender: TenderId, settlement: BondSettlement) -> Result<Balance, CallError<Refusal>> {
        let input = message(ink::selector_bytes!("settle_winner_bond")).push_arg(tender).push_arg(settlement);
        relay::call(address, 0, input)
    }

    /// `close_unsuccessful(tender)` as the calling contract.
    fn close_unsuccessful(address: AccountId, tender: TenderId) -> Result<(), CallError<Refusal>> {
        let input = message(ink::selector_bytes!("close_unsuccessful")).push_arg(tender);
        relay::call(address, 0, input)
    }
}
