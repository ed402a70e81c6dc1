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
//! - [`Treasury`]: the budget's calls that other contracts make (reserve,
//!   cancel a reservation, deposit a forfeited bond);
//! - [`Rng`]: a seeded generator for randomized sequences that reproduce;
//! - [`env`]: accounts, caller, clock, balances, attached value, events.
//!
//! Dev-only: never a dependency of a contract's Wasm build.

pub mod env;
pub mod world;

use std::marker::PhantomData;

use ink::primitives::AccountId;
use ink::scale::Decode;
use procurement_shared::{Balance, CallError, Denied, LineId, ReservationId, Role, RoleSet, Roles, TenderId};

pub use world::{reset, StandInReservation};

/// Stand-in for `access_control::client::Registry`.
pub struct Registry;

impl Roles for Registry {
    fn check_role(registry: AccountId, role: Role, account: AccountId, unpaused: bool) -> Result<(), Denied> {
        let (roles, paused) = Self::standing(registry, account)?;
        procurement_shared::guard::judge(roles, paused, account, role, RoleSet::EMPTY, unpaused)
    }

    fn standing(_registry: AccountId, account: AccountId) -> Result<(RoleSet, bool), Denied> {
        world::with(|w| {
            if w.registry_down {
                return Err(Denied::RegistryUnavailable);
            }
            let roles = w
                .roles
                .iter()
                .filter(|(_, a)| *a == account)
                .fold(RoleSet::EMPTY, |set, (role, _)| set.with(*role));
            Ok((roles, w.paused))
        })
    }
}

/// Stand-in for `budget::client::Treasury`, answering refusals with the
/// budget's error type `E` (scripted with [`world::refuse_next_reserve`]).
pub struct Treasury<E>(PhantomData<E>);

impl<E: Decode> Treasury<E> {
    /// Records a reservation, or answers as scripted.
    pub fn reserve(_budget: AccountId, line: LineId, amount: Balance, tender: TenderId) -> Result<ReservationId, CallError<E>> {
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
    pub fn cancel_reservation(_budget: AccountId, reservation: ReservationId) -> Result<(), CallError<E>> {
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
    pub fn deposit(_budget: AccountId, amount: Balance) -> Result<(), CallError<E>> {
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
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}
