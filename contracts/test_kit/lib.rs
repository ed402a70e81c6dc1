//! # test-kit: what every contract's unit tests share
//!
//! ink!'s off-chain environment (`#[ink::test]`) runs one contract and cannot
//! call another. Each contract gathers its outgoing calls in one `calls`
//! module that, under `cfg(test)`, points at the stand-ins here instead of
//! the real clients; the stand-ins answer from a per-thread [`world`] that
//! each test sets up. Every real cross-contract path is tested with drink in
//! `e2e-tests/` on the built bundles.
//!
//! - [`Registry`]: the registry port (`procurement_shared::Roles`) over the
//!   world's role grants and pause flag;
//! - [`RoleBookWriter`]: what `access_control` writes to the role book;
//! - [`Treasury`]: the budget's calls that other contracts make (reserve,
//!   cancel a reservation, deposit a forfeited bond; read a commitment,
//!   release from it, decommit it);
//! - [`Tenders`]: what the evaluation contract reads from the tender book,
//!   and its award-side calls (recorded in [`world::tender_calls`]);
//! - [`Agreements`]: the escrow's `create` and signature, for the evaluation;
//! - [`Rng`]: a seeded generator for randomized sequences that reproduce;
//! - [`env`]: accounts, caller, clock, balances, attached value, events.
//!
//! Dev-only: never a dependency of a contract's Wasm build.

pub mod env;
pub mod world;

use std::marker::PhantomData;

use ink::primitives::AccountId;
use ink::scale::Decode;
use procurement_shared::contracting::{AgreementParams, Signature};
use procurement_shared::ports::{AgreementPort, RoleBookPort, TenderPort, TreasuryPort};
use procurement_shared::tendering::{BondSettlement, Funding, Milestone, RevealedView, TenderSummary};
use procurement_shared::{
    AgreementId, Balance, CallError, CommitmentId, CommitmentView, Denied, LineId, ReleaseId, ReleaseOutcome, ReservationId, RoleSet,
    Roles, Ruling, TenderId,
};

pub use world::{reset, StandInRelease, StandInReservation, TenderCall};

fn refusal<E: Decode>(encoded: &[u8]) -> E {
    E::decode(&mut &encoded[..]).expect("a scripted refusal decodes as the callee's error")
}

/// Stand-in for `role_book::client::Registry`.
pub struct Registry;

impl Roles for Registry {
    fn standing(_registry: AccountId, account: AccountId) -> Result<(RoleSet, bool), Denied> {
        world::with(|w| {
            if w.registry_down {
                return Err(Denied::RegistryUnavailable);
            }
            let roles = w.roles.iter().filter(|(_, a)| *a == account).fold(RoleSet::EMPTY, |set, (role, _)| set.with(*role));
            Ok((roles, w.paused))
        })
    }
}

/// Stand-in for `budget::client::Treasury`, answering refusals with the
/// budget's error type `E` (scripted with [`world::refuse_next_reserve`]).
pub struct Treasury<E>(PhantomData<E>);

impl<E: Decode> TreasuryPort for Treasury<E> {
    type Refusal = E;

    /// Records a reservation, or answers as scripted.
    fn reserve(_budget: AccountId, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId, CallError<E>> {
        world::with(|w| {
            if w.treasury_down {
                return Err(CallError::Unreachable);
            }
            if let Some(encoded) = w.refuse_next_reserve.take() {
                let refusal = E::decode(&mut &encoded[..]).expect("scripted refusal decodes as the budget's error");
                return Err(CallError::Refused(refusal));
            }
            let id = ReservationId::try_from(w.reservations.len()).expect("few reservations in a unit test");
            w.reservations.push(StandInReservation { id, line, amount, tender, active: true });
            Ok(id)
        })
    }

    /// Frees an active reservation; refuses (with the budget's own
    /// `ReservationNotActive`, as scripted by [`world::set_cancel_refusal`])
    /// one that is not.
    fn cancel_reservation(_budget: AccountId, reservation: ReservationId) -> Result<(), CallError<E>> {
        world::with(|w| {
            if w.treasury_down {
                return Err(CallError::Unreachable);
            }
            match w.reservations.iter_mut().find(|r| r.id == reservation && r.active) {
                Some(r) => {
                    r.active = false;
                    Ok(())
                }
                None => {
                    let encoded = w.cancel_refusal.clone().expect("script the cancel refusal with set_cancel_refusal");
                    Err(CallError::Refused(E::decode(&mut &encoded[..]).expect("decodes as the budget's error")))
                }
            }
        })
    }

    /// Takes `amount` out of the calling contract's balance, as the real
    /// call with attached value does, and counts it as deposited.
    fn deposit(_budget: AccountId, amount: Balance) -> Result<(), CallError<E>> {
        world::with(|w| {
            if w.treasury_down {
                return Err(CallError::Unreachable);
            }
            let contract = env::contract();
            let balance = env::balance_of(contract);
            env::set_balance(contract, balance.checked_sub(amount).expect("the contract holds what it deposits"));
            w.deposited = w.deposited.checked_add(amount).expect("no overflow in a unit test");
            Ok(())
        })
    }

    /// Turns reservation `reservation` into a commitment of `amount` to
    /// `payee` for the tender the reservation (or a tender summary) names;
    /// a second commit of the same reservation is a bug in the caller.
    fn commit(_budget: AccountId, reservation: ReservationId, amount: Balance, payee: AccountId) -> Result<CommitmentId, CallError<E>> {
        world::with(|w| {
            if w.treasury_down {
                return Err(CallError::Unreachable);
            }
            let tender = match w.reservations.iter_mut().find(|r| r.id == reservation) {
                Some(r) => {
                    assert!(r.active && amount <= r.amount, "bad commit of {r:?}");
                    r.active = false;
                    r.tender
                }
                None => w.tenders.iter().find(|(_, s)| s.reservation == reservation).expect("a reservation the test set").0,
            };
            let id = CommitmentId::try_from(w.commitments.len()).expect("few commitments in a unit test");
            w.commitments.push(CommitmentView { tender, payee, amount, released: 0, queued: 0, open: true });
            Ok(id)
        })
    }

    /// The commitment as the real client shows it.
    fn commitment(_budget: AccountId, commitment: CommitmentId) -> Result<Option<CommitmentView>, CallError<E>> {
        world::with(|w| {
            if w.treasury_down {
                return Err(CallError::Unreachable);
            }
            let index = usize::try_from(commitment).expect("a small id");
            Ok(w.commitments.get(index).copied())
        })
    }

    /// Pays or queues (above [`world::set_auto_limit`]) `amount` of an
    /// open commitment to its payee, or answers as scripted. Asking for more
    /// than remains, or paying anyone else, is a bug in the caller: the
    /// stand-in panics so the test fails.
    fn release(_budget: AccountId, commitment: CommitmentId, amount: Balance, to: AccountId) -> Result<ReleaseOutcome, CallError<E>> {
        world::with(|w| {
            if w.treasury_down {
                return Err(CallError::Unreachable);
            }
            if let Some(encoded) = w.refuse_next_release.take() {
                return Err(CallError::Refused(E::decode(&mut &encoded[..]).expect("decodes as the budget's error")));
            }
            let queue = w.auto_limit.is_some_and(|limit| amount > limit);
            let next_queued = ReleaseId::try_from(w.releases.iter().filter(|r| r.queued.is_some()).count()).expect("few");
            let c = w.commitment(commitment);
            let remaining = c.remaining().expect("consistent figures");
            assert!(c.open && amount > 0 && amount <= remaining && to == c.payee, "bad release {amount} to {to:?} from {c:?}");
            let queued = if queue {
                c.queued += amount;
                Some(next_queued)
            } else {
                c.released += amount;
                None
            };
            w.releases.push(StandInRelease { commitment, amount, to, queued });
            Ok(queued.map_or(ReleaseOutcome::Paid, ReleaseOutcome::Queued))
        })
    }

    /// Returns `amount` (or, with `None`, everything remaining, closing the
    /// commitment) to the line. Panics on a request the real budget refuses.
    fn decommit(_budget: AccountId, commitment: CommitmentId, amount: Option<Balance>) -> Result<Balance, CallError<E>> {
        world::with(|w| {
            if w.treasury_down {
                return Err(CallError::Unreachable);
            }
            let c = w.commitment(commitment);
            assert!(c.open, "decommit of a closed commitment {c:?}");
            let remaining = c.remaining().expect("consistent figures");
            let part = amount.unwrap_or(remaining);
            assert!(part <= remaining && amount != Some(0), "bad decommit {amount:?} of {c:?}");
            c.amount -= part;
            c.open = amount.is_some();
            Ok(part)
        })
    }
}

/// Stand-in for `tender::client::Tenders`, answering from the world's
/// tenders and reveals (see [`world::set_tender`], [`world::reveal`]).
pub struct Tenders<E>(PhantomData<E>);

impl<E: Decode> Tenders<E> {
    /// An award-side call: down or scripted refusals first, then `effect`
    /// (which may refuse as the real tender would); recorded if it succeeds.
    fn award_side<R>(call: TenderCall, effect: impl FnOnce(&mut world::World) -> Result<R, CallError<E>>) -> Result<R, CallError<E>> {
        world::with(|w| {
            if w.tenders_down {
                return Err(CallError::Unreachable);
            }
            if let Some(encoded) = w.refuse_next_tender_call.take() {
                return Err(CallError::Refused(refusal(&encoded)));
            }
            let answer = effect(w)?;
            w.tender_calls.push(call);
            Ok(answer)
        })
    }
}

impl<E: Decode> TenderPort for Tenders<E> {
    type Refusal = E;

    /// The summary the test set, if any.
    fn summary(_book: AccountId, tender: TenderId) -> Result<Option<TenderSummary>, CallError<E>> {
        world::with(|w| {
            if w.tenders_down {
                return Err(CallError::Unreachable);
            }
            Ok(w.tenders.iter().find(|(id, _)| *id == tender).map(|(_, s)| *s))
        })
    }

    /// Revealed bids in reveal order, paged as the real tender pages them
    /// (at most 50).
    fn revealed(_book: AccountId, tender: TenderId, start: u32, limit: u32) -> Result<Vec<RevealedView>, CallError<E>> {
        world::with(|w| {
            if w.tenders_down {
                return Err(CallError::Unreachable);
            }
            let all = w.revealed.iter().filter(|(id, _)| *id == tender).map(|(_, b)| *b);
            let start = usize::try_from(start).expect("a small start");
            let limit = usize::try_from(limit.min(50)).expect("a small limit");
            Ok(all.skip(start).take(limit).collect())
        })
    }

    /// The plan the test set with [`world::set_plan`] (empty otherwise).
    fn milestones(_book: AccountId, tender: TenderId) -> Result<Vec<Milestone>, CallError<E>> {
        world::with(|w| {
            if w.tenders_down {
                return Err(CallError::Unreachable);
            }
            Ok(w.plans.iter().find(|(id, _)| *id == tender).map(|(_, p)| p.clone()).unwrap_or_default())
        })
    }

    /// Records the award (the summary stops showing the tender open); with
    /// `Funding::Renew`, the summary shows a fresh reservation, as the real
    /// tender reserves again.
    fn award(_book: AccountId, tender: TenderId, winner: AccountId, funding: Funding) -> Result<(), CallError<E>> {
        Self::award_side(TenderCall::Award { tender, winner, funding }, |w| {
            let fresh = ReservationId::try_from(w.tender_calls.len()).expect("few calls") + 1_000;
            if let Some((_, s)) = w.tenders.iter_mut().find(|(id, _)| *id == tender) {
                s.open = false;
                if funding == Funding::Renew {
                    s.reservation = fresh;
                }
            }
            Ok(())
        })
    }

    /// Records the settlement and answers the world's winner bond (or its
    /// scripted refusal when that is 0).
    fn settle_winner_bond(_book: AccountId, tender: TenderId, settlement: BondSettlement) -> Result<Balance, CallError<E>> {
        Self::award_side(TenderCall::SettleWinnerBond { tender, settlement }, |w| {
            if w.winner_bond == 0 {
                let encoded = w.bond_refusal.as_deref().expect("script it with set_winner_bond");
                return Err(CallError::Refused(refusal(encoded)));
            }
            Ok(core::mem::take(&mut w.winner_bond))
        })
    }

    /// Records the close.
    fn close_unsuccessful(_book: AccountId, tender: TenderId) -> Result<(), CallError<E>> {
        Self::award_side(TenderCall::CloseUnsuccessful { tender }, |w| {
            if let Some((_, s)) = w.tenders.iter_mut().find(|(id, _)| *id == tender) {
                s.open = false;
            }
            Ok(())
        })
    }

    /// Whether the test made `account` bid on `tender`.
    fn has_bid(_book: AccountId, tender: TenderId, account: AccountId) -> Result<bool, CallError<E>> {
        world::with(|w| {
            if w.tenders_down {
                return Err(CallError::Unreachable);
            }
            Ok(w.bidders.contains(&(tender, account)))
        })
    }
}

/// Stand-in for `escrow::client::Agreements`, keeping the offers made
/// (see [`world::agreements`], [`world::set_signature`]).
pub struct Agreements<E>(PhantomData<E>);

impl<E: Decode> AgreementPort for Agreements<E> {
    type Refusal = E;

    /// Records the offer, pending signature; or answers as scripted.
    fn create(_escrow: AccountId, params: AgreementParams) -> Result<AgreementId, CallError<E>> {
        world::with(|w| {
            if w.escrow_down {
                return Err(CallError::Unreachable);
            }
            if let Some(encoded) = w.refuse_next_create.take() {
                return Err(CallError::Refused(refusal(&encoded)));
            }
            let id = AgreementId::try_from(w.agreements.len()).expect("few agreements in a unit test");
            w.agreements.push((params, Signature::Pending));
            Ok(id)
        })
    }

    /// Whether the vendor signed, as the test set it.
    fn signature(_escrow: AccountId, agreement: AgreementId) -> Result<Signature, CallError<E>> {
        world::with(|w| {
            if w.escrow_down {
                return Err(CallError::Unreachable);
            }
            let index = usize::try_from(agreement).expect("a small id");
            w.agreements.get(index).map(|(_, s)| *s).ok_or(CallError::Unreachable)
        })
    }
}

/// Stand-in for `role_book::client::Writer`: keeps what the registry wrote
/// in the world (see [`world::book_roles`], [`world::book_paused`]).
pub struct RoleBookWriter<E>(PhantomData<E>);

impl<E: Decode> RoleBookPort for RoleBookWriter<E> {
    type Refusal = E;

    /// Records `account`'s role set (an empty set removes it).
    fn set_roles(_book: AccountId, account: AccountId, roles: RoleSet) -> Result<(), CallError<E>> {
        world::with(|w| {
            if w.book_down {
                return Err(CallError::Unreachable);
            }
            w.book_roles.retain(|(a, _)| *a != account);
            if !roles.is_empty() {
                w.book_roles.push((account, roles));
            }
            Ok(())
        })
    }

    /// Records the pause flag.
    fn set_paused(_book: AccountId, paused: bool) -> Result<(), CallError<E>> {
        world::with(|w| {
            if w.book_down {
                return Err(CallError::Unreachable);
            }
            w.book_paused = paused;
            Ok(())
        })
    }
}

/// A small deterministic generator (xorshift64), so a failing randomized
/// sequence reproduces from its seed.
pub struct Rng(u64);

impl Rng {
    /// A generator from a non-zero seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// An Auditor's ruling, `Uphold` one time in `n` (one draw).
    pub fn ruling(&mut self, n: u64) -> Ruling {
        if self.below(n) == 0 {
            Ruling::Uphold
        } else {
            Ruling::Dismiss
        }
    }
}
