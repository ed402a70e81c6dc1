//! What the suite needs of a chain, written once: the [`Chain`] trait that
//! the embedded sandbox ([`sandbox`]) and a live node (`crate::live`,
//! feature `live`) implement, messages encoded from the contract crates' own
//! call builders ([`Message`]), the outcome of a call ([`Outcome`]), and the
//! events a call left ([`recorded`]).
//!
//! Nothing here panics on what a chain or a contract answers: calls return
//! [`Failure`] (the contract refused, or the chain failed), so the deploy
//! tool can report and stop. The typed facades of [`crate::contracts`] are
//! built on it; the drink tests and the bench use the same code, and add
//! their panicking shorthands in `e2e-tests`.

use std::marker::PhantomData;

use contract_transcode::ContractMessageTranscoder;
use drink::frame_support::sp_runtime::traits::Hash as _;
use drink::AccountId32;
use ink::env::call::utils::{ReturnType, Set};
use ink::env::call::{Call, CallBuilder, ExecutionInput, FromAccountId};
use ink::env::DefaultEnvironment;
use ink::scale::{Decode, Encode};

pub mod sandbox;

pub use crate::accounts::{arg, dev_account, from_ink, ink_id};
pub use sandbox::*;

/// Balance of the suite's chains (pallet-contracts' default `u128`).
pub type Balance = u128;

/// A contract's call builder (`ink-as-dependency`) at `address`:
/// `chain::at::<budget::BudgetRef>(address).call_mut().release(..)`.
pub fn at<R: FromAccountId<DefaultEnvironment>>(address: &AccountId32) -> R {
    R::from_account_id(ink_id(address))
}

/// A message call, encoded from the contract crate's own call builder: the
/// selector followed by the SCALE-encoded arguments. `R` is what the
/// message returns, so the answer is decoded as the contract's own type.
pub struct Message<R> {
    data: Vec<u8>,
    output: PhantomData<fn() -> R>,
}

impl<R> Message<R> {
    /// Selector and arguments, as the contract reads its input.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// A message of a contract outside the suite's crates (a benchmark's
    /// yardstick, the upgrade drill's second version), or one every suite
    /// contract has under the same name (`storage_layout`, `set_code`,
    /// `migrate`), by its name: ink!'s selector of an inherent message is
    /// the first four bytes of the BLAKE2b-256 hash of its name. Add its
    /// arguments with [`Message::arg`]. The suite's other messages are
    /// encoded by [`message`] from their crates' builders.
    pub fn named(name: &str) -> Self {
        let hash = drink::frame_support::sp_runtime::traits::BlakeTwo256::hash(name.as_bytes());
        Message { data: hash.as_ref()[..4].to_vec(), output: PhantomData }
    }

    /// Appends an argument, SCALE-encoded.
    pub fn arg(mut self, value: &impl Encode) -> Self {
        value.encode_to(&mut self.data);
        self
    }
}

/// A contract crate's call of one message, ready to be encoded: what
/// `at::<BudgetRef>(address).call_mut().release(..)` returns. `Out` is the
/// message's answer.
pub type Builder<Args, Out> =
    CallBuilder<DefaultEnvironment, Set<Call<DefaultEnvironment>>, Set<ExecutionInput<Args>>, Set<ReturnType<Out>>>;

/// Encodes the call a contract crate's builder describes:
/// `message(at::<TenderBookRef>(address).call_mut().claim_bond(tender))`.
pub fn message<Args: Encode, R>(builder: Builder<Args, R>) -> Message<R> {
    Message { data: builder.params().exec_input().encode(), output: PhantomData }
}

/// A contract event as a chain reports it: `(emitter, topics, data)`.
pub type ContractEvent = (AccountId32, Vec<[u8; 32]>, Vec<u8>);

/// One contract event of the chain's history, where it happened: what the
/// open-contracting publication ([`crate::ocds`]) folds, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The block that carries it. On the embedded sandbox, which builds no
    /// blocks, every call is numbered as a block of its own (from 1).
    pub block: u64,
    /// Its position among the contract events of that block (from 0).
    pub index: u32,
    /// The block's timestamp (ms since the Unix epoch).
    pub time_ms: u64,
    /// The extrinsic that emitted it: its index in the block (a live
    /// node's `ApplyExtrinsic` phase; `None` on the sandbox, whose calls are
    /// not extrinsics).
    pub extrinsic: Option<u32>,
    /// The emitting contract.
    pub emitter: AccountId32,
    /// Its topics, the signature topic first.
    pub topics: Vec<[u8; 32]>,
    /// Its SCALE-encoded data.
    pub data: Vec<u8>,
}

/// `(topics, data)` of the events `contract` emitted among `events`: what
/// [`Chain::emitted`] answers on either backend.
pub fn emitted_by(events: &[ContractEvent], contract: &AccountId32) -> Vec<(Vec<[u8; 32]>, Vec<u8>)> {
    events.iter().filter(|(emitter, _, _)| emitter == contract).map(|(_, topics, data)| (topics.clone(), data.clone())).collect()
}

/// `bundle.message` for a call's `data`: the message whose selector opens
/// it, named from the bundle's metadata (the selector as hex if the
/// metadata has none).
pub fn message_label(bundle: &str, transcoder: Option<&ContractMessageTranscoder>, data: &[u8]) -> String {
    let selector = data.get(..4).unwrap_or(&[]);
    let message = transcoder
        .and_then(|t| t.metadata().spec().messages().iter().find(|m| m.selector().to_bytes() == selector).map(|m| m.label().clone()));
    format!("{bundle}.{}", message.unwrap_or_else(|| hex(selector)))
}

/// Bytes as `0x`-prefixed hex.
pub fn hex(bytes: &[u8]) -> String {
    let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("0x{digits}")
}

/// Bytes from hex, with or without the `0x` prefix, in either case;
/// `None` if it is not whole bytes of hex.
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits = text.strip_prefix("0x").unwrap_or(text);
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    (0..digits.len()).step_by(2).map(|i| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok()).collect()
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
/// Messages are encoded from the contract crates' own call builders
/// ([`Message`]: selector and SCALE-encoded arguments), and answers decoded
/// into the contract crates' own types, on both backends: a renamed message
/// or a changed argument is a compile error at the facade. Constructors take
/// their few account arguments as text for the bundle's metadata.
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

    /// Uploads the code of the bundle `bundle` (`bundles/<bundle>.contract`)
    /// as `by`, without instantiating it, and returns its code hash: what
    /// an upgrade names. Uploading code that is already on the chain
    /// changes nothing and returns the same hash.
    fn upload(&mut self, bundle: &str, by: &AccountId32) -> Result<ink::primitives::Hash, String>;

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
        message: &Message<Result<T, E>>,
        value: Option<Balance>,
    ) -> Outcome<T, E>;

    /// Runs a read-only message as a dry run and decodes its answer (an
    /// `Err` answer included).
    fn query<T: Decode>(&mut self, contract: &AccountId32, message: &Message<T>) -> Result<T, String>;

    /// `(topics, data)` of every event `contract` emitted during the last
    /// call.
    fn emitted(&self, contract: &AccountId32) -> Vec<(Vec<[u8; 32]>, Vec<u8>)>;

    /// Every contract event the chain recorded in blocks `from_block` up to
    /// its latest, oldest first, with block number, index and time: the
    /// history a publisher folds into open-contracting data. The sandbox
    /// keeps what its calls emitted; a live node is read block by block.
    fn journal(&mut self, from_block: u64) -> Result<Vec<Logged>, String>;

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
    message: &Message<Result<T, E>>,
    value: Option<Balance>,
) -> Outcome<T, E> {
    chain.call(contract, caller, message, value)
}

/// Runs a read-only message as a dry run (see [`Chain::query`]).
pub fn query<T: Decode>(chain: &mut impl Chain, contract: &AccountId32, message: &Message<T>) -> Result<T, String> {
    chain.query(contract, message)
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
    governor::events::GovernorEvent => governor::events::Change,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_with_or_without_its_prefix() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(hex(&bytes), "0x0001abff");
        assert_eq!(unhex("0001ABff"), Some(bytes.to_vec()));
        assert_eq!(unhex("0x0001abff"), Some(bytes.to_vec()));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
    }
}
