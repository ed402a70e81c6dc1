//! A thin layer over drink's `Session` on the embedded sandbox chain:
//! loading the built bundles, named accounts, calls that decode the
//! contract's own `Result`, dry-run queries, events and gas figures.
//!
//! Nothing here panics on what a chain or a contract answers: calls return
//! [`Failure`] (the contract refused, or the chain failed), so the deploy
//! tool can report and stop. The typed facades of [`crate::contracts`] are
//! built on it; the drink tests and the bench use the same code, and add
//! their panicking shorthands in `e2e-tests`.

use std::path::PathBuf;

use drink::minimal::{MinimalSandbox, MinimalSandboxRuntime, RuntimeEvent};
use drink::pallet_contracts::{self, StorageDeposit};
use drink::sandbox_api::prelude::*;
use drink::session::error::SessionError;
use drink::session::ContractBundle;
use drink::{AccountId32, Ss58Codec};
use ink::scale::Decode;

/// The embedded chain: pallet-contracts with an existential deposit of 1 and
/// deposit prices of 1 per byte and per item.
pub type Session = drink::session::Session<MinimalSandbox>;

/// Balance type of the sandbox chain.
pub type Balance = u128;

/// What a new named account is given, enough for any storage deposit the
/// suite charges and for bid bonds in tests.
pub const ACCOUNT_ENDOWMENT: Balance = 1_000_000_000_000;

/// The sandbox chain's existential deposit (every account keeps at least it).
pub const EXISTENTIAL_DEPOSIT: Balance = 1;

/// The command that writes the bundles this module loads.
pub const BUILD_COMMAND: &str = "bash scripts/build.sh";

/// Directory holding the built `<contract>.contract` bundles: `$BUNDLES_DIR`
/// if set, else `bundles/` at the repository root.
pub fn bundles_dir() -> PathBuf {
    match std::env::var_os("BUNDLES_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("bundles"),
    }
}

/// Loads the bundle of `contract` (e.g. `"access_control"`), or says which
/// file is missing and the command that builds it.
pub fn load_bundle(contract: &str) -> Result<ContractBundle, String> {
    let path = bundles_dir().join(format!("{contract}.contract"));
    if !path.exists() {
        return Err(format!(
            "contract bundle {} is missing: build the contracts first with `{BUILD_COMMAND}`",
            path.display()
        ));
    }
    ContractBundle::load(&path).map_err(|e| format!("cannot load {}: {e:?}; rebuild with `{BUILD_COMMAND}`", path.display()))
}

/// A new session on a fresh sandbox chain.
pub fn new_session() -> Session {
    Session::default()
}

/// A deterministic development account for a readable name (at most 32
/// bytes): the name's bytes, zero padded. Never use such keys on a live chain.
pub fn dev_account(name: &str) -> AccountId32 {
    let bytes = name.as_bytes();
    assert!(bytes.len() <= 32, "account name {name:?} is longer than 32 bytes");
    let mut raw = [0u8; 32];
    raw[..bytes.len()].copy_from_slice(bytes);
    AccountId32::new(raw)
}

/// The same account as ink! sees it.
pub fn ink_id(account: &AccountId32) -> ink::primitives::AccountId {
    let raw: &[u8; 32] = account.as_ref();
    ink::primitives::AccountId::from(*raw)
}

/// The same account as drink sees it (the reverse of [`ink_id`]).
pub fn from_ink(account: &ink::primitives::AccountId) -> AccountId32 {
    AccountId32::new(*account.as_ref())
}

/// The account as a message argument (SS58 text, parsed by the bundle's
/// metadata).
pub fn arg(account: &AccountId32) -> String {
    account.to_ss58check()
}

/// Gives `account` native currency on the sandbox chain.
pub fn fund(session: &mut Session, account: &AccountId32, amount: Balance) -> Result<(), String> {
    session
        .sandbox()
        .mint_into(account, amount)
        .map(|_| ())
        .map_err(|e| format!("minting for {account}: {e:?}"))
}

/// Sets `account`'s free balance directly in the runtime, behind every
/// contract's back: for tests that simulate money going missing.
pub fn set_free_balance(session: &mut Session, account: &AccountId32, amount: Balance) {
    use drink::frame_support::traits::fungible::Mutate;
    use drink::Sandbox;
    session.sandbox().execute_with(|| {
        <drink::pallet_balances::Pallet<MinimalSandboxRuntime> as Mutate<AccountId32>>::set_balance(account, amount);
    });
}

/// Bytes as a message argument: `0x`-prefixed hex.
pub fn hex(bytes: &[u8]) -> String {
    let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("0x{digits}")
}

/// A named development account, endowed with [`ACCOUNT_ENDOWMENT`].
pub fn endowed(session: &mut Session, name: &str) -> Result<AccountId32, String> {
    let account = dev_account(name);
    fund(session, &account, ACCOUNT_ENDOWMENT)?;
    Ok(account)
}

/// Free balance of `account`.
pub fn balance(session: &mut Session, account: &AccountId32) -> Balance {
    session.sandbox().free_balance(account)
}

/// Deploys `bundle` with `constructor(args)` as `deployer`.
pub fn deploy(
    session: &mut Session,
    bundle: ContractBundle,
    deployer: &AccountId32,
    constructor: &str,
    args: &[String],
    salt: Vec<u8>,
) -> Result<AccountId32, String> {
    session.set_actor(deployer.clone());
    session
        .deploy_bundle(bundle, constructor, args, salt, None)
        .map_err(|e| format!("deploying with {constructor}({args:?}): {e}"))
}

/// Why a message call did not return a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure<E> {
    /// The contract refused with its own error (and changed nothing).
    Refused(E),
    /// The chain could not run the call or its answer did not decode: a
    /// trap, a dispatch error, a message or argument the bundle does not
    /// know.
    Chain(String),
}

impl<E: core::fmt::Debug> core::fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Failure::Refused(e) => write!(f, "refused: {e:?}"),
            Failure::Chain(e) => write!(f, "chain: {e}"),
        }
    }
}

/// Result of a message call: the message's value, or why there is none.
pub type Outcome<T, E> = Result<T, Failure<E>>;

/// Calls a message that returns `Result<T, E>` as `caller`, attaching
/// `value`: the contract's value, its own refusal (the call reverted), or
/// the chain's failure.
pub fn call<T: Decode, E: Decode>(
    session: &mut Session,
    contract: &AccountId32,
    caller: &AccountId32,
    message: &str,
    args: &[String],
    value: Option<Balance>,
) -> Outcome<T, E> {
    session.set_actor(caller.clone());
    let answer = match session.call_with_address::<_, Result<T, E>>(contract.clone(), message, args, value) {
        Ok(Ok(answer)) => answer,
        Ok(Err(lang)) => return Err(Failure::Chain(format!("{message}: ink! language error {lang:?}"))),
        Err(SessionError::CallReverted(data)) => match drink::errors::MessageResult::<Result<T, E>>::decode(&mut &data[..]) {
            Ok(Ok(answer)) => answer,
            _ => return Err(Failure::Chain(format!("{message} reverted without a contract error"))),
        },
        Err(other) => return Err(Failure::Chain(format!("{message}({args:?}) failed: {other}"))),
    };
    answer.map_err(Failure::Refused)
}

/// Runs a read-only message as a dry run (no state change, no record) and
/// decodes its return value (an `Err` answer included).
pub fn query<T: Decode>(session: &mut Session, contract: &AccountId32, message: &str, args: &[String]) -> Result<T, String> {
    let result = session
        .dry_run_call(contract.clone(), message, args, None)
        .map_err(|e| format!("query {message}: {e}"))?;
    let exec = result.result.map_err(|e| format!("query {message} failed: {e:?}"))?;
    // A message answering `Err` reverts; in a dry run that only flags the
    // output, which still holds the encoded answer.
    match drink::errors::MessageResult::<T>::decode(&mut &exec.data[..]) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(lang)) => Err(format!("query {message}: ink! language error {lang:?}")),
        Err(e) => Err(format!("query {message}: cannot decode the answer: {e}")),
    }
}

/// `(topics, data)` of every event `contract` emitted during the last call.
fn emitted<'a>(
    session: &'a Session,
    contract: &'a AccountId32,
) -> impl Iterator<Item = (&'a [drink::frame_support::sp_runtime::testing::H256], &'a [u8])> + 'a {
    session
        .record()
        .event_batches()
        .last()
        .map(|batch| batch.all_events())
        .unwrap_or_default()
        .iter()
        .filter_map(move |record| match &record.event {
            RuntimeEvent::Contracts(pallet_contracts::Event::<MinimalSandboxRuntime>::ContractEmitted {
                contract: emitter,
                data,
            }) if emitter == contract => Some((record.topics.as_slice(), data.as_slice())),
            _ => None,
        })
}

/// The events of type `E` that `contract` emitted during the last call,
/// recognised by their signature topic.
pub fn events<E: ink::env::Event + Decode>(session: &Session, contract: &AccountId32) -> Vec<E> {
    let Some(signature) = E::SIGNATURE_TOPIC else {
        return Vec::new();
    };
    emitted(session, contract)
        .filter(|(topics, _)| topics.first().map(|t| t.as_bytes()) == Some(&signature[..]))
        .map(|(_, data)| E::decode(&mut &data[..]).expect("event data decodes as its type"))
        .collect()
}

/// How many contract events `contract` emitted during the last call.
pub fn event_count(session: &Session, contract: &AccountId32) -> usize {
    emitted(session, contract).count()
}

/// Cost of one call: weight and storage deposit (positive = charged,
/// negative = refunded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// Computation time, in picoseconds of reference hardware.
    pub ref_time: u64,
    /// Bytes of state proof the call needs.
    pub proof_size: u64,
    /// Storage deposit charged (positive) or refunded (negative).
    pub storage_deposit: i128,
}

fn signed_deposit(deposit: &StorageDeposit<Balance>) -> i128 {
    match deposit {
        StorageDeposit::Charge(x) => i128::try_from(*x).unwrap_or(i128::MAX),
        StorageDeposit::Refund(x) => i128::try_from(*x).map(|v| -v).unwrap_or(i128::MIN),
    }
}

/// Cost of the last (non dry-run) call of the session.
pub fn last_call_cost(session: &Session) -> Cost {
    let result = session.record().last_call_result();
    Cost {
        ref_time: result.gas_consumed.ref_time(),
        proof_size: result.gas_consumed.proof_size(),
        storage_deposit: signed_deposit(&result.storage_deposit),
    }
}

/// Cost of the last deployment of the session.
pub fn last_deploy_cost(session: &Session) -> Cost {
    let result = session.record().last_deploy_result();
    Cost {
        ref_time: result.gas_consumed.ref_time(),
        proof_size: result.gas_consumed.proof_size(),
        storage_deposit: signed_deposit(&result.storage_deposit),
    }
}

/// Cost of a read-only message, measured by a dry run.
pub fn query_cost(session: &mut Session, contract: &AccountId32, caller: &AccountId32, message: &str, args: &[String]) -> Result<Cost, String> {
    session.set_actor(caller.clone());
    let result = session
        .dry_run_call(contract.clone(), message, args, None)
        .map_err(|e| format!("query {message}: {e}"))?;
    Ok(Cost {
        ref_time: result.gas_consumed.ref_time(),
        proof_size: result.gas_consumed.proof_size(),
        storage_deposit: signed_deposit(&result.storage_deposit),
    })
}

/// Sets the chain's clock (milliseconds since the Unix epoch, as ink!'s
/// `block_timestamp` reads it).
pub fn set_time(session: &mut Session, millis: u64) {
    session.sandbox().set_timestamp(millis);
}

/// Reads the chain's clock in milliseconds.
pub fn now(session: &mut Session) -> u64 {
    session.sandbox().get_timestamp()
}
