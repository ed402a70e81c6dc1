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
        return Err(format!("contract bundle {} is missing: build the contracts first with `{BUILD_COMMAND}`", path.display()));
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
    session.sandbox().mint_into(account, amount).map(|_| ()).map_err(|e| format!("minting for {account}: {e:?}"))
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
    session.deploy_bundle(bundle, constructor, args, salt, None).map_err(|e| format!("deploying with {constructor}({args:?}): {e}"))
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

/// What the suite needs of a chain, whichever it is: the embedded sandbox
/// ([`Session`]) or a live node over RPC (`crate::live::LiveChain`, feature
/// `live`). The typed facades of [`crate::contracts`], the deployment of
/// [`crate::suite`] and the procurement stage of [`crate::stage`] are written
/// once against it.
///
/// Message arguments are text, parsed by the bundle's metadata; answers are
/// decoded into the contract crates' own types.
pub trait Chain {
    /// Where the suite runs, as the manifest records it.
    fn describe(&self) -> String;

    /// The chain's currency, for showing amounts to people.
    fn currency(&mut self) -> Result<crate::money::Currency, String> {
        Ok(crate::money::Currency::sandbox())
    }

    /// The account a config name stands for. An SS58 address is taken as
    /// is; any other name is a development account of this chain (the
    /// sandbox: the name's bytes; a live node: the sr25519 key `//name`,
    /// which this chain can then sign with).
    fn account(&mut self, name: &str) -> Result<AccountId32, String>;

    /// Free balance of `account`.
    fn free_balance(&mut self, account: &AccountId32) -> Result<Balance, String>;

    /// What a new account of the suite is given to transact: enough for the
    /// storage deposits and fees of its role on this chain.
    fn endowment(&self) -> Balance;

    /// Whether this chain signs for `account` itself (the sandbox: every
    /// account; a live node: accounts whose keys it was given). Accounts it
    /// does not sign for are someone else's wallets: the deployment grants
    /// them roles but does not fund them.
    fn holds_key(&self, account: &AccountId32) -> bool;

    /// Brings `account` up to [`Chain::endowment`] if it holds less and
    /// this chain signs for it (a wallet given by address is its owner's to
    /// fund).
    fn top_up(&mut self, account: &AccountId32) -> Result<(), String> {
        if !self.holds_key(account) {
            return Ok(());
        }
        let held = self.free_balance(account)?;
        let wanted = self.endowment();
        if held < wanted {
            self.endow(account, wanted - held)?;
        }
        Ok(())
    }

    /// Gives `account` `amount` of native currency (the sandbox mints; a
    /// live node transfers from its funding account).
    fn endow(&mut self, account: &AccountId32, amount: Balance) -> Result<(), String>;

    /// Uploads (if needed) and instantiates the bundle of `contract` with
    /// `constructor(args)` as `deployer`; the new contract's address.
    fn instantiate(
        &mut self,
        contract: &str,
        deployer: &AccountId32,
        constructor: &str,
        args: &[String],
        salt: Vec<u8>,
    ) -> Result<AccountId32, String>;

    /// Makes the contract at `address` callable as an instance of the bundle
    /// of `contract` (a resumed deployment, a tool run against a deployed
    /// suite). A live chain first checks that a contract lives there.
    fn attach(&mut self, contract: &str, address: &AccountId32) -> Result<(), String>;

    /// Calls a message that returns `Result<T, E>` as `caller`, attaching
    /// `value`: the contract's value, its own refusal (nothing changed), or
    /// the chain's failure.
    fn call<T: Decode, E: Decode>(
        &mut self,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &str,
        args: &[String],
        value: Option<Balance>,
    ) -> Outcome<T, E>;

    /// Runs a read-only message as a dry run and decodes its answer (an
    /// `Err` answer included).
    fn query<T: Decode>(&mut self, contract: &AccountId32, message: &str, args: &[String]) -> Result<T, String>;

    /// `(topics, data)` of every event `contract` emitted during the last
    /// call.
    fn emitted(&self, contract: &AccountId32) -> Vec<(Vec<[u8; 32]>, Vec<u8>)>;

    /// The time of the chain's latest block, in milliseconds since the
    /// Unix epoch (what ink!'s `block_timestamp` reads).
    fn now(&mut self) -> Result<u64, String>;

    /// Moves the chain's clock `millis` forward: calls after this see the
    /// later time.
    fn advance_time(&mut self, millis: u64) -> Result<(), String>;

    /// Moves the chain's clock forward to `millis` (never back): calls
    /// after this see at least that time.
    fn advance_to(&mut self, millis: u64) -> Result<(), String> {
        let now = self.now()?;
        if millis > now {
            self.advance_time(millis - now)?;
        }
        Ok(())
    }

    /// The chain's existential deposit: every account, a contract's
    /// included, keeps at least this much.
    fn existential_deposit(&mut self) -> Result<Balance, String>;

    /// What the caller of the last submitted call paid the chain beside the
    /// value it attached: the transaction fee plus the storage deposit
    /// charged (negative when more deposit was refunded than charged). A
    /// call the contract refused was not submitted and is not counted.
    fn last_charges(&self) -> i128;
}

impl Chain for Session {
    fn describe(&self) -> String {
        "embedded sandbox (drink MinimalSandbox, pallet-contracts)".into()
    }

    fn account(&mut self, name: &str) -> Result<AccountId32, String> {
        Ok(crate::config::resolve_account(name))
    }

    fn free_balance(&mut self, account: &AccountId32) -> Result<Balance, String> {
        Ok(balance(self, account))
    }

    fn endowment(&self) -> Balance {
        ACCOUNT_ENDOWMENT
    }

    fn holds_key(&self, _account: &AccountId32) -> bool {
        true
    }

    fn endow(&mut self, account: &AccountId32, amount: Balance) -> Result<(), String> {
        fund(self, account, amount)
    }

    fn instantiate(
        &mut self,
        contract: &str,
        deployer: &AccountId32,
        constructor: &str,
        args: &[String],
        salt: Vec<u8>,
    ) -> Result<AccountId32, String> {
        deploy(self, load_bundle(contract)?, deployer, constructor, args, salt)
    }

    fn attach(&mut self, contract: &str, address: &AccountId32) -> Result<(), String> {
        let bundle = load_bundle(contract)?;
        self.set_transcoder(address.clone(), &bundle.transcoder);
        Ok(())
    }

    fn call<T: Decode, E: Decode>(
        &mut self,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &str,
        args: &[String],
        value: Option<Balance>,
    ) -> Outcome<T, E> {
        self.set_actor(caller.clone());
        let answer = match self.call_with_address::<_, Result<T, E>>(contract.clone(), message, args, value) {
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

    fn query<T: Decode>(&mut self, contract: &AccountId32, message: &str, args: &[String]) -> Result<T, String> {
        let result = self.dry_run_call(contract.clone(), message, args, None).map_err(|e| format!("query {message}: {e}"))?;
        let exec = result.result.map_err(|e| format!("query {message} failed: {e:?}"))?;
        // A message answering `Err` reverts; in a dry run that only flags the
        // output, which still holds the encoded answer.
        decode_answer(message, &exec.data)
    }

    fn emitted(&self, contract: &AccountId32) -> Vec<(Vec<[u8; 32]>, Vec<u8>)> {
        self.record()
            .event_batches()
            .last()
            .map(|batch| batch.all_events())
            .unwrap_or_default()
            .iter()
            .filter_map(|record| match &record.event {
                RuntimeEvent::Contracts(pallet_contracts::Event::<MinimalSandboxRuntime>::ContractEmitted { contract: emitter, data })
                    if emitter == contract =>
                {
                    Some((record.topics.iter().map(|t| t.to_fixed_bytes()).collect(), data.clone()))
                }
                _ => None,
            })
            .collect()
    }

    fn now(&mut self) -> Result<u64, String> {
        Ok(now(self))
    }

    fn advance_time(&mut self, millis: u64) -> Result<(), String> {
        let later = now(self).checked_add(millis).ok_or("the clock would overflow")?;
        set_time(self, later);
        Ok(())
    }

    fn existential_deposit(&mut self) -> Result<Balance, String> {
        Ok(EXISTENTIAL_DEPOSIT)
    }

    fn last_charges(&self) -> i128 {
        // The sandbox charges no transaction fees.
        signed_deposit(&self.record().last_call_result().storage_deposit)
    }
}

/// Decodes a message's answer as ink! encodes it (`Result<T, LangError>`).
pub fn decode_answer<T: Decode>(message: &str, data: &[u8]) -> Result<T, String> {
    match drink::errors::MessageResult::<T>::decode(&mut &data[..]) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(lang)) => Err(format!("{message}: ink! language error {lang:?}")),
        Err(e) => Err(format!("{message}: cannot decode the answer: {e}")),
    }
}

/// Calls a message that returns `Result<T, E>` as `caller`, attaching
/// `value` (see [`Chain::call`]).
pub fn call<T: Decode, E: Decode>(
    chain: &mut impl Chain,
    contract: &AccountId32,
    caller: &AccountId32,
    message: &str,
    args: &[String],
    value: Option<Balance>,
) -> Outcome<T, E> {
    chain.call(contract, caller, message, args, value)
}

/// Runs a read-only message as a dry run (see [`Chain::query`]).
pub fn query<T: Decode>(chain: &mut impl Chain, contract: &AccountId32, message: &str, args: &[String]) -> Result<T, String> {
    chain.query(contract, message, args)
}

/// The events of type `E` that `contract` emitted during the last call,
/// recognised by their signature topic.
pub fn events<E: ink::env::Event + Decode>(chain: &impl Chain, contract: &AccountId32) -> Vec<E> {
    let Some(signature) = E::SIGNATURE_TOPIC else {
        return Vec::new();
    };
    chain
        .emitted(contract)
        .into_iter()
        .filter(|(topics, _)| topics.first() == Some(&signature))
        .map(|(_, data)| E::decode(&mut &data[..]).expect("event data decodes as its type"))
        .collect()
}

/// An event of the suite's one design (docs/ARCHITECTURE.md, "Events"):
/// a contract's one event type, whose `change` records what happened.
pub trait Recorded: ink::env::Event + Decode {
    /// The contract's change enum.
    type Change;
    /// What the event records.
    fn change(self) -> Self::Change;
}

/// A contract's change enum, and the one event type that carries it.
pub trait Emitted: Sized {
    /// The event type.
    type Event: Recorded<Change = Self>;
}

macro_rules! recorded {
    ($($event:ty => $change:ty),+ $(,)?) => {
        $(
            impl Recorded for $event {
                type Change = $change;
                fn change(self) -> Self::Change {
                    self.change
                }
            }

            impl Emitted for $change {
                type Event = $event;
            }
        )+
    };
}

recorded! {
    tender::events::TenderEvent => tender::events::TenderChange,
    tender::events::BidEvent => tender::events::BidChange,
    evaluation::events::EvaluationEvent => evaluation::events::Change,
    budget::events::FundsEvent => budget::events::FundsChange,
    budget::events::LineEvent => budget::events::LineChange,
    budget::events::TreasuryEvent => budget::events::TreasuryChange,
    access_control::events::RegistryEvent => access_control::events::Change,
    escrow::events::AgreementEvent => escrow::events::Change,
}

/// A kind of change (`BidCommitted`, `Reserved`, `Ranked`, ...): which event
/// carries it, and how to pick it out of that event's change enum.
pub trait Kind: Sized {
    /// The event type that carries this kind of change.
    type Event: Recorded;
    /// This kind of change, if `change` is one.
    fn pick(change: <Self::Event as Recorded>::Change) -> Option<Self>;
}

impl<T> Kind for T
where
    T: procurement_shared::ChangeKind + TryFrom<<T as procurement_shared::ChangeKind>::Enum>,
    <T as procurement_shared::ChangeKind>::Enum: Emitted,
{
    type Event = <<T as procurement_shared::ChangeKind>::Enum as Emitted>::Event;
    fn pick(change: <Self::Event as Recorded>::Change) -> Option<Self> {
        T::try_from(change).ok()
    }
}

/// The changes of kind `T` that `contract` recorded during the last call,
/// in order, whichever of its event types carries them.
pub fn recorded<T: Kind>(chain: &impl Chain, contract: &AccountId32) -> Vec<T> {
    events::<T::Event>(chain, contract).into_iter().filter_map(|event| T::pick(event.change())).collect()
}

/// The changes of kind `T` (`BidCommitted`, `Ranked`, ...) that `contract`
/// recorded in its events of type `Ev` during the last call, in order.
pub fn changes<Ev: Recorded, T: TryFrom<Ev::Change>>(chain: &impl Chain, contract: &AccountId32) -> Vec<T> {
    events::<Ev>(chain, contract).into_iter().filter_map(|event| T::try_from(event.change()).ok()).collect()
}

/// How many contract events `contract` emitted during the last call.
pub fn event_count(chain: &impl Chain, contract: &AccountId32) -> usize {
    chain.emitted(contract).len()
}

/// Cost of one call: weight and storage deposit (positive = charged,
/// negative = refunded).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
pub fn query_cost(
    session: &mut Session,
    contract: &AccountId32,
    caller: &AccountId32,
    message: &str,
    args: &[String],
) -> Result<Cost, String> {
    session.set_actor(caller.clone());
    let result = session.dry_run_call(contract.clone(), message, args, None).map_err(|e| format!("query {message}: {e}"))?;
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
