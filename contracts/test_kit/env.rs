//! ink!'s off-chain environment in the words the tests use: who calls, what
//! time it is, who holds what, what was attached, what was emitted.

use ink::env::test::{self, DefaultAccounts, EmittedEvent};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use ink::scale::Decode;
use procurement_shared::{Balance, Timestamp};

type Env = DefaultEnvironment;

/// The contract's own account in unit tests, distinct from every actor.
pub const CONTRACT: [u8; 32] = [0xC0; 32];

/// The off-chain environment's named accounts (alice, bob, ...).
pub fn accounts() -> DefaultAccounts<Env> {
    test::default_accounts::<Env>()
}

/// A distinct account for the `n`th generated actor (a vendor population,
/// members of a role), beyond the named ones.
pub fn nth_account(n: u32) -> AccountId {
    let mut bytes = [0xAAu8; 32];
    bytes[..4].copy_from_slice(&n.to_le_bytes());
    AccountId::from(bytes)
}

/// The next messages run as `account`.
pub fn as_caller(account: AccountId) {
    test::set_caller::<Env>(account);
}

/// Sets the block timestamp (ms).
pub fn set_now(ms: Timestamp) {
    test::set_block_timestamp::<Env>(ms);
}

/// The contract under test's account (see [`CONTRACT`]).
pub fn contract() -> AccountId {
    test::callee::<Env>()
}

/// Makes [`CONTRACT`] the account of the contract under test, with a zero
/// balance. Call before the constructor.
pub fn install_contract() {
    test::set_callee::<Env>(AccountId::from(CONTRACT));
    set_balance(AccountId::from(CONTRACT), 0);
}

/// Free balance of `account`.
pub fn balance_of(account: AccountId) -> Balance {
    test::get_account_balance::<Env>(account).unwrap_or(0)
}

/// Sets the free balance of `account`.
pub fn set_balance(account: AccountId, amount: Balance) {
    test::set_account_balance::<Env>(account, amount);
}

/// Runs `call` as a payable message with `value` attached by the current
/// caller. As on chain, a refused call keeps nothing: the value goes back.
pub fn with_value<T, E>(value: Balance, call: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let caller = ink::env::caller::<Env>();
    test::transfer_in::<Env>(value);
    let result = call();
    test::set_value_transferred::<Env>(0);
    if result.is_err() {
        let contract = contract();
        set_balance(contract, balance_of(contract).checked_sub(value).expect("value was paid in"));
        set_balance(caller, balance_of(caller).checked_add(value).expect("no overflow in a unit test"));
    }
    result
}

/// Every event emitted so far in this test.
pub fn events() -> Vec<EmittedEvent> {
    test::recorded_events().collect()
}

/// How many events were emitted so far.
pub fn event_count() -> usize {
    test::recorded_events().count()
}

/// `event` decoded as `E`, if its signature topic says it is one.
pub fn decode_event<E: ink::env::Event + Decode>(event: &EmittedEvent) -> Option<E> {
    let signature = E::SIGNATURE_TOPIC?;
    if event.topics.first().map(|t| t.as_slice()) != Some(&signature[..]) {
        return None;
    }
    Some(E::decode(&mut &event.data[..]).expect("event data decodes as its type"))
}

/// The last event, which must be of type `E` (checked by its signature
/// topic).
pub fn last_event<E: ink::env::Event + Decode>() -> E {
    let all = events();
    decode_event::<E>(all.last().expect("an event was emitted")).expect("the last event is of the expected type")
}
