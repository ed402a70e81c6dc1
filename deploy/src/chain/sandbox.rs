//! The embedded sandbox chain: drink's `Session` on pallet-contracts with an
//! existential deposit of 1 and deposit prices of 1 per byte and per item,
//! wrapped so that messages go in as the bytes the contract crates' call
//! builders encode ([`Message`]) and the last call's cost and events are
//! kept. The wrapper derefs to drink's session for everything else (clock,
//! balances, deployments).

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use drink::minimal::{MinimalSandbox, MinimalSandboxRuntime, RuntimeEvent};
use drink::pallet_contracts::{self, Determinism, StorageDeposit};
use drink::sandbox_api::prelude::*;
use drink::session::ContractBundle;
use drink::Sandbox as _;
use drink::{AccountId32, Weight};
use ink::scale::Decode;

use super::{decode_answer, Balance, Chain, ContractEvent, Cost, Failure, Logged, Message, Outcome};
use crate::accounts::dev_account;

/// The embedded chain, as the suite's tools and tests drive it.
#[derive(Default)]
pub struct Session {
    inner: drink::session::Session<MinimalSandbox>,
    /// The bundle each contract was deployed or attached from, to name its
    /// messages in errors.
    names: HashMap<AccountId32, String>,
    /// The last message call: its cost and the contract events it emitted.
    last: Option<LastCall>,
    /// Every contract event of the session's calls and deployments, each
    /// call numbered as a block of its own.
    journal: Vec<Logged>,
    /// How many calls and deployments emitted events so far.
    blocks: u64,
}

/// What the last message call cost and emitted.
struct LastCall {
    cost: Cost,
    /// Each contract event it emitted.
    events: Vec<ContractEvent>,
}

impl Deref for Session {
    type Target = drink::session::Session<MinimalSandbox>;
    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl DerefMut for Session {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

impl Session {
    /// `contract.message` for a call's data, named from the contract's
    /// bundle metadata (the selector if the bundle is unknown).
    fn label(&self, contract: &AccountId32, data: &[u8]) -> String {
        let Some(name) = self.names.get(contract) else {
            return super::hex(data.get(..4).unwrap_or(&[]));
        };
        let bundle = load_bundle(name).ok();
        super::message_label(name, bundle.as_ref().map(|b| b.transcoder.as_ref()), data)
    }

    /// Runs `data` against `contract` as `origin` without keeping any
    /// effect: its cost, and the answer's bytes or why there is none.
    fn dry_run(&mut self, contract: &AccountId32, origin: &AccountId32, data: &[u8]) -> (Cost, Result<Vec<u8>, String>) {
        let gas_limit = self.inner.get_gas_limit();
        let result = self.inner.sandbox().dry_run(|sandbox| {
            sandbox.call_contract(contract.clone(), 0, data.to_vec(), origin.clone(), gas_limit, None, Determinism::Enforced)
        });
        (cost(result.gas_consumed, &result.storage_deposit), result.result.map(|exec| exec.data).map_err(|e| format!("{e:?}")))
    }

    /// Every contract event the chain recorded from the `from`th event of
    /// the block on; then the chain's event list is cleared, so that it does
    /// not grow with every call of a long test (each call would copy it).
    fn take_contract_events(&mut self, from: usize) -> Vec<ContractEvent> {
        let events: Vec<ContractEvent> = self
            .inner
            .sandbox()
            .events()
            .iter()
            .skip(from)
            .filter_map(|record| match &record.event {
                RuntimeEvent::Contracts(pallet_contracts::Event::<MinimalSandboxRuntime>::ContractEmitted { contract, data }) => {
                    Some((contract.clone(), record.topics.iter().map(|t| t.to_fixed_bytes()).collect(), data.clone()))
                }
                _ => None,
            })
            .collect();
        self.inner.sandbox().reset_events();
        if !events.is_empty() {
            self.blocks = self.blocks.saturating_add(1);
            let (block, time_ms) = (self.blocks, now(self));
            for (index, (emitter, topics, data)) in (0u32..).zip(events.iter().cloned()) {
                self.journal.push(Logged { block, index, time_ms, extrinsic: None, emitter, topics, data });
            }
        }
        events
    }
}

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
    let before = session.inner.sandbox().events().len();
    let address =
        session.deploy_bundle(bundle, constructor, args, salt, None).map_err(|e| format!("deploying with {constructor}({args:?}): {e}"))?;
    // The constructor's events are the last call's, as a message's are.
    let events = session.take_contract_events(before);
    session.last = Some(LastCall { cost: last_deploy_cost(session), events });
    Ok(address)
}

impl Chain for Session {
    fn describe(&self) -> String {
        "embedded sandbox (drink MinimalSandbox, pallet-contracts)".into()
    }

    fn account(&mut self, name: &str) -> Result<AccountId32, String> {
        Ok(crate::accounts::resolve_account(name))
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
        let address = deploy(self, load_bundle(contract)?, deployer, constructor, args, salt)?;
        self.names.insert(address.clone(), contract.to_string());
        Ok(address)
    }

    fn upload(&mut self, bundle: &str, by: &AccountId32) -> Result<ink::primitives::Hash, String> {
        let wasm = load_bundle(bundle)?.wasm;
        self.set_actor(by.clone());
        let hash = self.inner.upload(wasm).map_err(|e| format!("uploading {bundle}: {e:?}"))?;
        Ok(ink::primitives::Hash::from(<[u8; 32]>::from(hash)))
    }

    fn attach(&mut self, contract: &str, address: &AccountId32) -> Result<(), String> {
        load_bundle(contract)?;
        self.names.insert(address.clone(), contract.to_string());
        Ok(())
    }

    fn call<T: Decode, E: Decode>(
        &mut self,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &Message<Result<T, E>>,
        value: Option<Balance>,
    ) -> Outcome<T, E> {
        let before = self.inner.sandbox().events().len();
        let gas_limit = self.inner.get_gas_limit();
        let result = self.inner.sandbox().call_contract(
            contract.clone(),
            value.unwrap_or(0),
            message.data().to_vec(),
            caller.clone(),
            gas_limit,
            None,
            Determinism::Enforced,
        );
        let events = self.take_contract_events(before);
        self.last = Some(LastCall { cost: cost(result.gas_consumed, &result.storage_deposit), events });
        // The message is named (from the bundle's metadata) only if the call
        // failed: reading the metadata on every call would cost more than
        // the call.
        let failure = match result.result {
            Ok(exec) => match drink::errors::MessageResult::<Result<T, E>>::decode(&mut &exec.data[..]) {
                Ok(Ok(answer)) => return answer.map_err(Failure::Refused),
                Ok(Err(lang)) => format!("ink! language error {lang:?}"),
                Err(_) if exec.did_revert() => "reverted without a contract error".to_string(),
                Err(e) => format!("cannot decode the answer: {e}"),
            },
            Err(dispatch) => format!("failed: {dispatch:?}"),
        };
        Err(Failure::Chain(format!("{}: {failure}", self.label(contract, message.data()))))
    }

    fn query<T: Decode>(&mut self, contract: &AccountId32, message: &Message<T>) -> Result<T, String> {
        let origin = self.inner.get_actor();
        // A message answering `Err` reverts; in a dry run that only flags the
        // output, which still holds the encoded answer.
        let answer = self.dry_run(contract, &origin, message.data()).1.and_then(|data| decode_answer("the answer", &data));
        answer.map_err(|e| format!("query {}: {e}", self.label(contract, message.data())))
    }

    fn emitted(&self, contract: &AccountId32) -> Vec<(Vec<[u8; 32]>, Vec<u8>)> {
        self.last.as_ref().map(|last| super::emitted_by(&last.events, contract)).unwrap_or_default()
    }

    fn journal(&mut self, from_block: u64) -> Result<Vec<Logged>, String> {
        Ok(self.journal.iter().filter(|logged| logged.block >= from_block).cloned().collect())
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
        self.last.as_ref().map_or(0, |last| last.cost.storage_deposit)
    }
}

fn signed_deposit(deposit: &StorageDeposit<Balance>) -> i128 {
    match deposit {
        StorageDeposit::Charge(x) => i128::try_from(*x).unwrap_or(i128::MAX),
        StorageDeposit::Refund(x) => i128::try_from(*x).map(|v| -v).unwrap_or(i128::MIN),
    }
}

/// The cost of a call or deployment from the weight it consumed and the
/// deposit it charged.
fn cost(gas: Weight, deposit: &StorageDeposit<Balance>) -> Cost {
    Cost { ref_time: gas.ref_time(), proof_size: gas.proof_size(), storage_deposit: signed_deposit(deposit) }
}

/// Cost of the last message call of the session.
pub fn last_call_cost(session: &Session) -> Cost {
    session.last.as_ref().map(|last| last.cost).unwrap_or_default()
}

/// Cost of the last deployment of the session.
pub fn last_deploy_cost(session: &Session) -> Cost {
    let result = session.record().last_deploy_result();
    cost(result.gas_consumed, &result.storage_deposit)
}

/// Cost of a read-only message, measured by a dry run as `caller`.
pub fn query_cost<T>(session: &mut Session, contract: &AccountId32, caller: &AccountId32, message: &Message<T>) -> Cost {
    session.dry_run(contract, caller, message.data()).0
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
