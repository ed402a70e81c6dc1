//! The live backend: the suite on a real pallet-contracts node, over RPC.
//!
//! [`LiveChain`] implements [`Chain`], the interface the embedded sandbox
//! implements, with cargo-contract's own library (`contract-extrinsics`) for
//! uploads, instantiations and calls, and `subxt` beneath it for balances,
//! transfers and the clock. So the deployment plan of [`crate::suite`], the
//! typed facades of [`crate::contracts`] and the procurement stage of
//! [`crate::stage`] run unchanged against a node.
//!
//! Every state-changing call is dry-run first, as a wallet does: the dry run
//! gives the gas limit to submit with, and a contract that answers with its
//! own error is reported as [`Failure::Refused`] without submitting anything
//! (no fee is paid for a refusal known in advance). A call whose dry run
//! passed is then submitted and watched until it is in a block; its events
//! are decoded and kept for [`Chain::emitted`], and the fee the chain
//! charged is kept in [`LiveChain::receipts`].
//!
//! The value a submitted call returns is the dry run's: an extrinsic's
//! return value is not recorded on chain. When other transactions land in
//! between, a value that depends on the state (a new tender's id) can
//! differ; the contract's event of the call carries the real one, and the
//! tools read ids from events.
//!
//! Signing: a name from the config that is not an SS58 address stands for
//! the sr25519 key derived as `//name` from the development phrase (the
//! same scheme as `//Alice`); a name that starts with `//` or holds a secret
//! phrase is taken as a secret URI. Accounts given only by address can
//! receive roles but cannot sign. New accounts are endowed by transfers from
//! the funding account (`//Alice` on a development chain).

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use contract_extrinsics::pallet_contracts_primitives::{ContractExecResult, StorageDeposit};
use contract_extrinsics::{
    ContractArtifacts, ContractMessageTranscoder, ErrorVariant, ExtrinsicOptsBuilder, InstantiateCommandBuilder, UploadCommandBuilder,
};
use drink::frame_support::sp_runtime::DispatchError;
use drink::frame_support::weights::Weight;
use drink::{AccountId32, Ss58Codec};
use ink::env::DefaultEnvironment;
use ink::scale::Decode;
use sp_core::{sr25519, Pair};
use subxt::backend::legacy::LegacyRpcMethods;
use subxt::backend::rpc::RpcClient;
use subxt::blocks::ExtrinsicEvents;
use subxt::dynamic::{At, Value};
use subxt::tx::{Payload, TxStatus};
use subxt::utils::{AccountId32 as ChainAccount, MultiAddress, MultiSignature};
use subxt::{OnlineClient, SubstrateConfig};

use crate::chain::{self, decode_answer, Balance, Chain, Failure, Message, Outcome};

/// The chain configuration: a Substrate chain with the standard account,
/// signature and hashing types (substrate-contracts-node, and most chains
/// with pallet-contracts).
type Config = SubstrateConfig;

/// An sr25519 key that signs extrinsics.
#[derive(Clone)]
pub struct Key(sr25519::Pair);

impl Key {
    /// The key of a secret URI (`//Alice`, a phrase, a phrase with a path).
    pub fn from_uri(uri: &str) -> Result<Key, String> {
        sr25519::Pair::from_string(uri, None).map(Key).map_err(|e| format!("not a usable secret URI ({e:?})"))
    }

    /// The account of this key.
    pub fn account(&self) -> AccountId32 {
        AccountId32::new(self.0.public().0)
    }
}

impl subxt::tx::Signer<Config> for Key {
    fn account_id(&self) -> ChainAccount {
        ChainAccount(self.0.public().0)
    }

    fn address(&self) -> MultiAddress<ChainAccount, u32> {
        MultiAddress::Id(self.account_id())
    }

    fn sign(&self, payload: &[u8]) -> MultiSignature {
        MultiSignature::Sr25519(self.0.sign(payload).0)
    }
}

/// One extrinsic the live backend submitted, with what it cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    /// `contract.message`, `contract.new` (upload + instantiate) or
    /// `transfer`.
    pub what: String,
    /// The gas the dry run said the call needs (ref_time, proof_size), which
    /// was the submitted limit.
    pub gas_required: (u64, u64),
    /// The fee the chain charged (`TransactionFeePaid.actual_fee`).
    pub fee: Balance,
    /// Storage deposit the dry run charged (negative: refunded).
    pub storage_deposit: i128,
}

/// The suite on a node reached over RPC (see the module docs).
pub struct LiveChain {
    url: String,
    runtime: tokio::runtime::Runtime,
    client: OnlineClient<Config>,
    rpc: LegacyRpcMethods<Config>,
    funder: Key,
    keys: HashMap<AccountId32, Key>,
    bundles: HashMap<AccountId32, String>,
    last_events: Vec<chain::ContractEvent>,
    receipts: Vec<Receipt>,
    clock: Option<PathBuf>,
    salt_nonce: u64,
    last_submitted: Option<usize>,
    endowment: Balance,
    transcoders: HashMap<String, ContractMessageTranscoder>,
    last_decoded: Vec<String>,
    dev_keys: bool,
}

/// What [`LiveChain`] gives a new account unless told otherwise: 10 000
/// units of a chain with 12 decimals, which covers the suite's code and
/// storage deposits on substrate-contracts-node.
pub const DEFAULT_ENDOWMENT: Balance = 10_000_000_000_000_000;

impl LiveChain {
    /// Connects to the node at `url` (`wss://`, or `ws://` to this
    /// machine), checks it runs pallet-contracts, and takes `funder` (a
    /// secret URI) as the account that endows new accounts. `clock` is the
    /// clock-shift file of a node started by `scripts/node.sh start`
    /// ([`default_clock`]), which [`Chain::advance_time`] needs; other
    /// chains have none.
    ///
    /// Development keys (`//name`, the public development phrase) are only
    /// accepted on this machine's node: on any other chain their secret is
    /// public, and an Admin or Treasurer key derived that way is anyone's.
    /// `allow_dev_keys` accepts them on a remote test chain
    /// (`--allow-dev-keys`).
    pub fn connect_with(url: &str, funder: &str, clock: Option<PathBuf>, allow_dev_keys: bool) -> Result<LiveChain, String> {
        let local = check_url(url)?;
        Self::open(url, funder, clock, local || allow_dev_keys)
    }

    /// [`LiveChain::connect_with`], development keys only on this machine.
    pub fn connect(url: &str, funder: &str, clock: Option<PathBuf>) -> Result<LiveChain, String> {
        Self::connect_with(url, funder, clock, false)
    }

    fn open(url: &str, funder: &str, clock: Option<PathBuf>, dev_keys: bool) -> Result<LiveChain, String> {
        if !dev_keys && is_dev_uri(funder) {
            return Err(format!(
                "the funding account {funder:?} is a development key, whose secret is public: give your own secret URI with --funder (or --allow-dev-keys for a test chain)"
            ));
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("starting the async runtime: {e}"))?;
        let (client, rpc) = runtime
            .block_on(async {
                let rpc = RpcClient::from_insecure_url(url).await?;
                let client = OnlineClient::<Config>::from_rpc_client(rpc.clone()).await?;
                Ok::<_, subxt::Error>((client, LegacyRpcMethods::new(rpc)))
            })
            .map_err(|e| {
                format!("cannot reach a node at {url}: {e} (is it running? a local one starts with `bash scripts/node.sh start`)")
            })?;
        if client.metadata().pallet_by_name("Contracts").is_none() {
            return Err(format!("the chain at {url} has no Contracts pallet: the suite needs pallet-contracts"));
        }
        let funder = Key::from_uri(funder).map_err(|e| format!("funding account: {e}"))?;
        let mut chain = LiveChain {
            url: url.to_string(),
            runtime,
            client,
            rpc,
            funder: funder.clone(),
            keys: HashMap::new(),
            bundles: HashMap::new(),
            last_events: Vec::new(),
            receipts: Vec::new(),
            clock,
            salt_nonce: 0,
            last_submitted: None,
            endowment: DEFAULT_ENDOWMENT,
            transcoders: HashMap::new(),
            last_decoded: Vec::new(),
            dev_keys,
        };
        chain.keys.insert(funder.account(), funder);
        Ok(chain)
    }

    /// Sets what new accounts are given (see [`Chain::endowment`]).
    pub fn set_endowment(&mut self, amount: Balance) {
        self.endowment = amount;
    }

    /// The node's URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Every extrinsic submitted so far, in order, with its fee.
    pub fn receipts(&self) -> &[Receipt] {
        &self.receipts
    }

    /// Registers a signing key (a secret URI) and returns its account.
    pub fn add_key(&mut self, uri: &str) -> Result<AccountId32, String> {
        let key = Key::from_uri(uri)?;
        let account = key.account();
        self.keys.insert(account.clone(), key);
        Ok(account)
    }

    fn key(&self, account: &AccountId32) -> Result<Key, String> {
        self.keys.get(account).cloned().ok_or_else(|| {
            format!(
                "no signing key for {}: on a live chain only accounts named in the config (keys //name) or added by secret URI can sign",
                account.to_ss58check()
            )
        })
    }

    fn bundle_path(&self, contract: &str) -> Result<PathBuf, String> {
        let path = chain::bundles_dir().join(format!("{contract}.contract"));
        if path.exists() {
            Ok(path)
        } else {
            Err(format!("contract bundle {} is missing: build the contracts first with `{}`", path.display(), chain::BUILD_COMMAND))
        }
    }

    fn opts(&self, signer: Key, bundle: PathBuf) -> contract_extrinsics::extrinsic_opts::ExtrinsicOpts<Config, DefaultEnvironment, Key> {
        let url = url::Url::parse(&self.url).expect("the URL parsed when connecting");
        ExtrinsicOptsBuilder::new(signer).file(Some(bundle)).url(url).done()
    }

    /// Reads a storage value of the latest block, decoded dynamically.
    fn storage(&self, pallet: &str, entry: &str, keys: Vec<Value>) -> Result<Option<Value<u32>>, String> {
        let address = subxt::dynamic::storage(pallet, entry, keys);
        self.runtime
            .block_on(async {
                // The best block, not the finalized one: a development node
                // finalizes late, and the suite reads what it just did.
                let best = self.best_block().await?;
                let thunk = self.client.storage().at(best).fetch(&address).await?;
                thunk.map(|t| t.to_value()).transpose().map_err(subxt::Error::from)
            })
            .map_err(|e| format!("reading {pallet}.{entry} at {}: {e}", self.url))
    }

    async fn best_block(&self) -> Result<subxt::utils::H256, subxt::Error> {
        self.rpc.chain_get_block_hash(None).await?.ok_or_else(|| subxt::Error::Other("the node reports no best block".into()))
    }

    /// Signs and submits `payload` as `signer` and waits until it is in a
    /// block; the events of the extrinsic (or why it failed).
    fn submit(&self, payload: &impl Payload, signer: &Key) -> Result<ExtrinsicEvents<Config>, String> {
        self.runtime
            .block_on(async {
                // The nonce of the best block, as a wallet takes it.
                let best = self.best_block().await?;
                let nonce = self.client.blocks().at(best).await?.account_nonce(&subxt::tx::Signer::<Config>::account_id(signer)).await?;
                let params = subxt::config::DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
                let mut progress = self.client.tx().create_signed_offline(payload, signer, params)?.submit_and_watch().await?;
                while let Some(status) = progress.next().await {
                    match status? {
                        TxStatus::InBestBlock(block) | TxStatus::InFinalizedBlock(block) => {
                            return block.wait_for_success().await;
                        }
                        TxStatus::Error { message } | TxStatus::Invalid { message } | TxStatus::Dropped { message } => {
                            return Err(subxt::Error::Other(message));
                        }
                        _ => {}
                    }
                }
                Err(subxt::Error::Other("the node stopped reporting on the transaction".into()))
            })
            .map_err(|e| describe_submit_error(&e.to_string(), signer))
    }

    /// Keeps the fee and the contract events of a submitted extrinsic.
    fn record(
        &mut self,
        what: String,
        gas_required: (u64, u64),
        storage_deposit: i128,
        events: &ExtrinsicEvents<Config>,
    ) -> Result<(), String> {
        self.last_events.clear();
        self.last_decoded.clear();
        let mut fee = 0;
        for event in events.iter() {
            let event = event.map_err(|e| format!("decoding the events of {what}: {e}"))?;
            match (event.pallet_name(), event.variant_name()) {
                ("Contracts", "ContractEmitted") => {
                    let (contract, data) = <([u8; 32], Vec<u8>)>::decode(&mut event.field_bytes())
                        .map_err(|e| format!("decoding a ContractEmitted event of {what}: {e}"))?;
                    let topics: Vec<[u8; 32]> = event.topics().iter().map(|t| t.0).collect();
                    let emitter = AccountId32::new(contract);
                    let text = self.describe_event(&emitter, topics.first(), &data);
                    self.last_decoded.push(text);
                    self.last_events.push((emitter, topics, data));
                }
                ("TransactionPayment", "TransactionFeePaid") => {
                    let (_, actual_fee, _tip) = <([u8; 32], u128, u128)>::decode(&mut event.field_bytes())
                        .map_err(|e| format!("decoding the fee of {what}: {e}"))?;
                    fee = actual_fee;
                }
                _ => {}
            }
        }
        self.last_submitted = Some(self.receipts.len());
        self.receipts.push(Receipt { what, gas_required, fee, storage_deposit });
        Ok(())
    }

    /// The contract events of the last submitted call, decoded with the
    /// bundles' metadata (the way a block explorer would show them):
    /// `tender: BidCommitted { tender: 0, ... }`.
    pub fn last_events_text(&self) -> &[String] {
        &self.last_decoded
    }

    /// The events the suite's contracts (those deployed or attached here)
    /// emitted in blocks `from` up to the best block, oldest first, decoded
    /// with the bundles' metadata: `(block number, text)`. An auditor's
    /// history of a development chain or a recent range; the whole history
    /// of a public chain is an indexer's job.
    pub fn contract_events_since(&mut self, from: u64) -> Result<Vec<(u64, String)>, String> {
        let journal = self.read_journal(from)?;
        Ok(journal
            .into_iter()
            .map(|logged| (logged.block, self.describe_event(&logged.emitter, logged.topics.first(), &logged.data)))
            .collect())
    }

    /// The suite's contract events in blocks `from` up to the best block,
    /// each with its block, its index among the block's contract events and
    /// the block's `Timestamp.Now`.
    fn read_journal(&mut self, from: u64) -> Result<Vec<crate::chain::Logged>, String> {
        use subxt::config::Header;
        let best = self
            .runtime
            .block_on(async { self.rpc.chain_get_header(None).await })
            .map_err(|e| format!("reading the best block of {}: {e}", self.url))?
            .ok_or_else(|| format!("{} reports no best block", self.url))?;
        self.journal_between(from, best.number().into())
    }

    /// The number of the node's latest finalized block: what an indexer
    /// stores, since nothing before it can be rolled back.
    pub fn finalized(&mut self) -> Result<u64, String> {
        use subxt::config::Header;
        self.runtime
            .block_on(async {
                let hash = self.rpc.chain_get_finalized_head().await?;
                let header =
                    self.rpc.chain_get_header(Some(hash)).await?.ok_or_else(|| subxt::Error::Other("no finalized header".into()))?;
                Ok::<u64, subxt::Error>(header.number().into())
            })
            .map_err(|e| format!("reading the finalized block of {}: {e}", self.url))
    }

    /// The suite's contract events in blocks `from` to `to` (inclusive).
    pub fn journal_between(&mut self, from: u64, to: u64) -> Result<Vec<crate::chain::Logged>, String> {
        let now = subxt::dynamic::storage("Timestamp", "Now", Vec::<Value>::new());
        let raw = self
            .runtime
            .block_on(async {
                let mut out = Vec::new();
                for number in from..=to {
                    let Some(hash) = self.rpc.chain_get_block_hash(Some(number.into())).await? else {
                        continue;
                    };
                    let mut emitted = Vec::new();
                    for event in self.client.events().at(hash).await?.iter() {
                        let event = event?;
                        if (event.pallet_name(), event.variant_name()) == ("Contracts", "ContractEmitted") {
                            let topics: Vec<[u8; 32]> = event.topics().iter().map(|t| t.0).collect();
                            let extrinsic = match event.phase() {
                                subxt::events::Phase::ApplyExtrinsic(i) => Some(i),
                                _ => None,
                            };
                            emitted.push((topics, event.field_bytes().to_vec(), extrinsic));
                        }
                    }
                    if emitted.is_empty() {
                        continue;
                    }
                    let time = self.client.storage().at(hash).fetch(&now).await?.map(|t| t.to_value()).transpose()?;
                    let time = time.and_then(|v| v.as_u128()).and_then(|v| u64::try_from(v).ok()).unwrap_or(0);
                    out.push((number, time, emitted));
                }
                Ok::<_, subxt::Error>(out)
            })
            .map_err(|e| format!("reading events from {}: {e}", self.url))?;
        let mut journal = Vec::new();
        for (block, time_ms, emitted) in raw {
            for (index, (topics, fields, extrinsic)) in (0u32..).zip(emitted) {
                let (contract, data) = <([u8; 32], Vec<u8>)>::decode(&mut &fields[..])
                    .map_err(|e| format!("a ContractEmitted event in block {block}: {e}"))?;
                let emitter = AccountId32::new(contract);
                if self.bundles.contains_key(&emitter) {
                    journal.push(crate::chain::Logged { block, index, time_ms, extrinsic, emitter, topics, data });
                }
            }
        }
        Ok(journal)
    }

    /// An event as the emitter's bundle metadata describes it.
    fn describe_event(&mut self, emitter: &AccountId32, signature: Option<&[u8; 32]>, data: &[u8]) -> String {
        let name = self.name_of(emitter);
        let Some(bundle) = self.bundles.get(emitter).cloned() else {
            return format!("{name}: an event of a contract outside the suite");
        };
        if let Err(e) = self.transcoder(&bundle) {
            return format!("{name}: event not decoded ({e})");
        }
        let Some(signature) = signature else {
            return format!("{name}: an anonymous event");
        };
        // The transcoder expects the data as it is in the chain's event: a
        // length-prefixed byte vector.
        let encoded = ink::scale::Encode::encode(&data.to_vec());
        match self.transcoders[&bundle].decode_contract_event(signature, &mut &encoded[..]) {
            Ok(value) => format!("{name}: {}", change_of(&value).unwrap_or(&value)),
            Err(e) => format!("{name}: event not decoded ({e})"),
        }
    }

    /// Runs `data` against `contract` as `origin` with `value` attached,
    /// through the node's `ContractsApi_call` (nothing is submitted).
    fn dry_run(&mut self, origin: &AccountId32, contract: &AccountId32, data: &[u8], value: Balance, what: &str) -> Result<DryRun, String> {
        let request = CallRequest {
            origin: *<AccountId32 as AsRef<[u8; 32]>>::as_ref(origin),
            dest: *<AccountId32 as AsRef<[u8; 32]>>::as_ref(contract),
            value,
            gas_limit: None,
            storage_deposit_limit: None,
            input_data: data.to_vec(),
        };
        let params = ink::scale::Encode::encode(&request);
        let bytes = self
            .runtime
            .block_on(self.rpc.state_call("ContractsApi_call", Some(&params), None))
            .map_err(|e| format!("{what}: dry run: {e}"))?;
        let dry = ContractExecResult::<Balance>::decode(&mut &bytes[..]).map_err(|e| format!("{what}: dry run answer: {e}"))?;
        let returned = dry.result.map_err(|e| format!("{what}: dry run failed: {}", describe_dispatch(&e, &self.client.metadata())))?;
        Ok(DryRun { did_revert: returned.did_revert(), data: returned.data, gas: dry.gas_required, deposit: signed(&dry.storage_deposit) })
    }

    /// `contract.message` for a call's data, the message named from the
    /// bundle's metadata (its selector if that cannot be read).
    fn label(&mut self, contract: &AccountId32, data: &[u8]) -> String {
        let name = self.name_of(contract);
        let bundle = self.bundles.get(contract).cloned();
        let transcoder = bundle.and_then(|bundle| self.transcoder(&bundle).ok());
        crate::chain::message_label(&name, transcoder, data)
    }

    /// The metadata transcoder of `bundle`, loaded once.
    fn transcoder(&mut self, bundle: &str) -> Result<&ContractMessageTranscoder, String> {
        if !self.transcoders.contains_key(bundle) {
            let transcoder = self
                .bundle_path(bundle)
                .and_then(|path| ContractArtifacts::from_manifest_or_file(None, Some(&path)).map_err(|e| e.to_string()))
                .and_then(|artifacts| artifacts.contract_transcoder().map_err(|e| e.to_string()))?;
            self.transcoders.insert(bundle.to_string(), transcoder);
        }
        Ok(&self.transcoders[bundle])
    }

    fn name_of(&self, contract: &AccountId32) -> String {
        self.bundles.get(contract).cloned().unwrap_or_else(|| contract.to_ss58check())
    }

    fn bundle_of(&self, contract: &AccountId32) -> Result<PathBuf, String> {
        let name = self
            .bundles
            .get(contract)
            .ok_or_else(|| format!("{} is not a contract of this suite (deploy or attach it first)", contract.to_ss58check()))?;
        self.bundle_path(name)
    }

    /// Produces a block (a remark by the funding account), so that the
    /// chain's state carries the node's current time.
    fn seal_block(&mut self) -> Result<(), String> {
        let remark = subxt::dynamic::tx("System", "remark", vec![Value::from_bytes(b"procurement-suite: clock")]);
        let funder = self.funder.clone();
        let events = self.submit(&remark, &funder)?;
        self.record("system.remark".into(), (0, 0), 0, &events)
    }
}

/// The clock-shift file of a node started by `scripts/node.sh start`
/// (under `$PROCUREMENT_NODE_CACHE`, by default
/// `~/.cache/procurement-suite/node`), if there is one.
pub fn default_clock() -> Option<PathBuf> {
    let cache = std::env::var_os("PROCUREMENT_NODE_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/procurement-suite/node")))?;
    let clock = cache.join("clock-shift-ms");
    clock.exists().then_some(clock)
}

/// Refuses URLs the backend should not talk to: an unencrypted connection
/// (`ws://`, `http://`) is only allowed to this machine, since whoever sits
/// between the tool and a remote node could answer with a false state.
/// Whether the node is on this machine.
fn check_url(url: &str) -> Result<bool, String> {
    let parsed = url::Url::parse(url).map_err(|e| format!("{url:?} is not a node URL: {e}"))?;
    let local = matches!(parsed.host_str(), Some("127.0.0.1" | "localhost" | "[::1]" | "::1"));
    match parsed.scheme() {
        "wss" | "https" => Ok(local),
        "ws" | "http" if local => Ok(true),
        "ws" | "http" => Err(format!("refusing an unencrypted connection to a remote node ({url}): use wss://")),
        other => Err(format!("{url:?}: unknown scheme {other:?}, expected wss:// (or ws:// to this machine)")),
    }
}

/// Whether a secret URI derives from the public development phrase: a bare
/// derivation path (`//Alice`, `//officer`) or the phrase itself.
/// The change an event of the suite's one design carries (`TenderEvent {
/// tender, party, change: BidCommitted(BidCommitted { .. }) }`), so a
/// person reads `BidCommitted { .. }`; `None` for an event of another shape.
fn change_of(event: &contract_transcode::Value) -> Option<&contract_transcode::Value> {
    use contract_transcode::Value;
    let Value::Map(fields) = event else {
        return None;
    };
    match fields.get_by_str("change")? {
        Value::Tuple(variant) => {
            let mut inner = variant.values();
            match (inner.next(), inner.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        }
        inline @ Value::Map(_) => Some(inline),
        _ => None,
    }
}

fn is_dev_uri(uri: &str) -> bool {
    uri.starts_with('/') || uri.trim_start().starts_with(sp_core::crypto::DEV_PHRASE)
}

/// A submission error in words a user can act on.
fn describe_submit_error(error: &str, signer: &Key) -> String {
    if error.contains("Inability to pay") {
        format!("{} cannot pay the transaction fee: endow it first ({error})", signer.account().to_ss58check())
    } else {
        error.to_string()
    }
}

fn signed(deposit: &StorageDeposit<Balance>) -> i128 {
    match deposit {
        StorageDeposit::Charge(x) => i128::try_from(*x).unwrap_or(i128::MAX),
        StorageDeposit::Refund(x) => i128::try_from(*x).map(|v| -v).unwrap_or(i128::MIN),
    }
}

/// The bytes of a dynamically decoded value that is a byte array, however
/// it is wrapped (`H256` is a composite around 32 numbers).
fn bytes_of(value: &Value<u32>) -> Vec<u8> {
    use subxt::ext::scale_value::{Composite, Primitive, ValueDef};
    match &value.value {
        ValueDef::Primitive(Primitive::U128(n)) => u8::try_from(*n).map(|b| vec![b]).unwrap_or_default(),
        ValueDef::Composite(Composite::Unnamed(items)) => items.iter().flat_map(bytes_of).collect(),
        ValueDef::Composite(Composite::Named(items)) => items.iter().flat_map(|(_, v)| bytes_of(v)).collect(),
        _ => Vec::new(),
    }
}

/// A dispatch error of a dry run in the pallet's own words
/// (`Contracts::StorageDepositLimitExhausted`).
fn describe_dispatch(error: &DispatchError, metadata: &subxt::Metadata) -> String {
    match ErrorVariant::from_dispatch_error(error, metadata) {
        Ok(variant) => dispatch_error(variant),
        Err(e) => format!("{error:?} ({e})"),
    }
}

/// The arguments of pallet-contracts' `ContractsApi_call` runtime API, in
/// order.
#[ink::scale_derive(Encode)]
struct CallRequest {
    origin: [u8; 32],
    dest: [u8; 32],
    value: Balance,
    gas_limit: Option<Weight>,
    storage_deposit_limit: Option<Balance>,
    input_data: Vec<u8>,
}

/// What a dry run of a message call answered.
struct DryRun {
    /// The message's encoded answer.
    data: Vec<u8>,
    /// The contract reverted (a refusal: its `Err` answer is in `data`).
    did_revert: bool,
    /// The gas the call requires.
    gas: Weight,
    /// The storage deposit it charges (negative: refunds).
    deposit: i128,
}

fn dispatch_error(error: ErrorVariant) -> String {
    match error {
        ErrorVariant::Module(m) => format!("{}::{}", m.pallet, m.error),
        generic => generic.to_string(),
    }
}

impl Chain for LiveChain {
    fn describe(&self) -> String {
        format!("live node at {} (pallet-contracts)", self.url)
    }

    /// What the node reports in `system_properties`; a node that names no
    /// currency gets its amounts shown in the smallest unit.
    fn currency(&mut self) -> Result<crate::money::Currency, String> {
        let properties = self.runtime.block_on(self.rpc.system_properties()).map_err(|e| format!("reading the chain's properties: {e}"))?;
        Ok(crate::money::Currency::from_properties(&properties)
            .unwrap_or_else(|| crate::money::Currency { symbol: "units".into(), decimals: 0 }))
    }

    fn account(&mut self, name: &str) -> Result<AccountId32, String> {
        if let Ok(account) = AccountId32::from_ss58check(name) {
            return Ok(account);
        }
        let uri = if name.starts_with("//") || name.contains(' ') { name.to_string() } else { format!("//{name}") };
        if !self.dev_keys && is_dev_uri(&uri) {
            return Err(format!(
                "account {name:?} would be a development key, whose secret is public, on a chain other than this machine's: give an SS58 address or your own secret URI (or --allow-dev-keys for a test chain)"
            ));
        }
        self.add_key(&uri).map_err(|e| format!("account {name:?}: {e}"))
    }

    fn free_balance(&mut self, account: &AccountId32) -> Result<Balance, String> {
        let info = self.storage("System", "Account", vec![Value::from_bytes(account.as_ref() as &[u8])])?;
        let Some(info) = info else {
            return Ok(0);
        };
        info.at("data")
            .and_then(|data| data.at("free"))
            .and_then(|free| free.as_u128())
            .ok_or_else(|| "System.Account has no data.free balance on this chain".to_string())
    }

    fn endowment(&self) -> Balance {
        self.endowment
    }

    fn holds_key(&self, account: &AccountId32) -> bool {
        self.keys.contains_key(account)
    }

    fn endow(&mut self, account: &AccountId32, amount: Balance) -> Result<(), String> {
        let transfer = subxt::dynamic::tx(
            "Balances",
            "transfer_keep_alive",
            vec![Value::unnamed_variant("Id", [Value::from_bytes(account.as_ref() as &[u8])]), Value::u128(amount)],
        );
        let funder = self.funder.clone();
        let events =
            self.submit(&transfer, &funder).map_err(|e| format!("endowing {} from the funding account: {e}", account.to_ss58check()))?;
        self.record("balances.transfer".into(), (0, 0), 0, &events)
    }

    fn instantiate(
        &mut self,
        contract: &str,
        deployer: &AccountId32,
        constructor: &str,
        args: &[String],
        salt: Vec<u8>,
    ) -> Result<AccountId32, String> {
        let signer = self.key(deployer)?;
        let bundle = self.bundle_path(contract)?;
        // The address derives from deployer, code, arguments and salt: a
        // fresh salt per deployment lets the same deployer deploy the suite
        // on the same chain again.
        let mut salt = salt;
        if salt.is_empty() {
            let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or_default();
            self.salt_nonce += 1;
            salt = nanos.to_le_bytes().iter().chain(self.salt_nonce.to_le_bytes().iter()).copied().collect();
        }
        let opts = self.opts(signer, bundle);
        let (address, gas, deposit, events) = self
            .runtime
            .block_on(async {
                let exec = InstantiateCommandBuilder::new(opts)
                    .constructor(constructor)
                    .args(args.to_vec())
                    .salt(Some(sp_core::Bytes(salt)))
                    .done()
                    .await
                    .map_err(|e| e.to_string())?;
                let dry = exec.instantiate_dry_run().await.map_err(|e| e.to_string())?;
                if let Err(e) = &dry.result {
                    return Err(format!("dry run refused: {}", describe_dispatch(e, &exec.client().metadata())));
                }
                let gas = dry.gas_required;
                let deposit = signed(&dry.storage_deposit);
                let done = exec.instantiate(Some(gas)).await.map_err(dispatch_error)?;
                Ok((done.contract_address, (gas.ref_time(), gas.proof_size()), deposit, done.events))
            })
            .map_err(|e| format!("deploying {contract} with {constructor}({args:?}) at {}: {e}", self.url))?;
        let address = AccountId32::new(address.0);
        self.bundles.insert(address.clone(), contract.to_string());
        self.record(format!("{contract}.{constructor}"), gas, deposit, &events)?;
        Ok(address)
    }

    fn upload(&mut self, bundle: &str, by: &AccountId32) -> Result<ink::primitives::Hash, String> {
        let signer = self.key(by)?;
        let path = self.bundle_path(bundle)?;
        let opts = self.opts(signer, path);
        let hash = self
            .runtime
            .block_on(async {
                let exec = UploadCommandBuilder::new(opts).done().await.map_err(|e| e.to_string())?;
                // The dry run names the hash, and refuses what the chain
                // would (too large, not deterministic) before anything is paid.
                let dry = exec.upload_code_rpc().await.map_err(|e| e.to_string())?;
                let stored = dry.map_err(|e| format!("dry run refused: {}", describe_dispatch(&e, &exec.client().metadata())))?;
                exec.upload_code().await.map_err(dispatch_error)?;
                Ok::<_, String>(stored.code_hash)
            })
            .map_err(|e| format!("uploading {bundle} at {}: {e}", self.url))?;
        Ok(ink::primitives::Hash::from(hash.0))
    }

    fn attach(&mut self, contract: &str, address: &AccountId32) -> Result<(), String> {
        self.bundle_path(contract)?;
        let info = self.storage("Contracts", "ContractInfoOf", vec![Value::from_bytes(address.as_ref() as &[u8])])?;
        let Some(info) = info else {
            return Err(format!("no contract lives at {} on {}", address.to_ss58check(), self.url));
        };
        // The code there must be this bundle's, or the suite would call a
        // contract it does not know with its own messages.
        let on_chain = info.at("code_hash").map(bytes_of).unwrap_or_default();
        let ours = sp_core::hashing::blake2_256(&chain::load_bundle(contract)?.wasm);
        if on_chain != ours {
            return Err(format!(
                "the contract at {} runs other code than bundles/{contract}.contract (code hash {} on chain, {} here)",
                address.to_ss58check(),
                crate::chain::hex(&on_chain),
                crate::chain::hex(&ours)
            ));
        }
        self.bundles.insert(address.clone(), contract.to_string());
        Ok(())
    }

    fn call<T: Decode, E: Decode>(
        &mut self,
        contract: &AccountId32,
        caller: &AccountId32,
        message: &Message<Result<T, E>>,
        value: Option<Balance>,
    ) -> Outcome<T, E> {
        let signer = self.key(caller).map_err(Failure::Chain)?;
        self.bundle_of(contract).map_err(Failure::Chain)?;
        let what = self.label(contract, message.data());
        let value = value.unwrap_or(0);
        if value > 0 {
            let held = self.free_balance(caller).map_err(Failure::Chain)?;
            if held < value {
                return Err(Failure::Chain(format!(
                    "{what}: {} holds {held} and cannot send {value} with the call",
                    caller.to_ss58check()
                )));
            }
        }
        let dry = self.dry_run(caller, contract, message.data(), value, &what).map_err(Failure::Chain)?;
        let answer: Result<T, E> = decode_answer(&what, &dry.data).map_err(Failure::Chain)?;
        if dry.did_revert || answer.is_err() {
            // The contract refuses: nothing is submitted.
            self.last_events.clear();
            self.last_decoded.clear();
            self.last_submitted = None;
            return answer.map_err(Failure::Refused);
        }
        // `Contracts::call(dest, value, gas_limit, storage_deposit_limit, data)`,
        // with the gas the dry run required.
        let payload = subxt::dynamic::tx(
            "Contracts",
            "call",
            vec![
                Value::unnamed_variant("Id", [Value::from_bytes(<AccountId32 as AsRef<[u8; 32]>>::as_ref(contract))]),
                Value::u128(value),
                Value::named_composite([
                    ("ref_time", Value::u128(u128::from(dry.gas.ref_time()))),
                    ("proof_size", Value::u128(u128::from(dry.gas.proof_size()))),
                ]),
                Value::unnamed_variant("None", []),
                Value::from_bytes(message.data()),
            ],
        );
        let events = self
            .submit(&payload, &signer)
            .map_err(|e| Failure::Chain(format!("{what}: the call failed on chain after its dry run passed: {e}")))?;
        self.record(what, (dry.gas.ref_time(), dry.gas.proof_size()), dry.deposit, &events).map_err(Failure::Chain)?;
        answer.map_err(Failure::Refused)
    }

    fn query<T: Decode>(&mut self, contract: &AccountId32, message: &Message<T>) -> Result<T, String> {
        self.bundle_of(contract)?;
        let what = format!("query {}", self.label(contract, message.data()));
        let origin = self.funder.account();
        let dry = self.dry_run(&origin, contract, message.data(), 0, &what)?;
        decode_answer(&what, &dry.data)
    }

    fn emitted(&self, contract: &AccountId32) -> Vec<(Vec<[u8; 32]>, Vec<u8>)> {
        chain::emitted_by(&self.last_events, contract)
    }

    fn journal(&mut self, from_block: u64) -> Result<Vec<crate::chain::Logged>, String> {
        self.read_journal(from_block)
    }

    fn now(&mut self) -> Result<u64, String> {
        let value = self.storage("Timestamp", "Now", Vec::new())?;
        value
            .and_then(|v| v.as_u128())
            .and_then(|v| u64::try_from(v).ok())
            .ok_or_else(|| "Timestamp.Now is missing on this chain".to_string())
    }

    fn advance_time(&mut self, millis: u64) -> Result<(), String> {
        let Some(clock) = self.clock.clone() else {
            return Err(format!("the clock of {} cannot be moved: only a node started by `bash scripts/node.sh start` can", self.url));
        };
        let before = self.now()?;
        let shift: u64 = std::fs::read_to_string(&clock).ok().and_then(|text| text.trim().parse().ok()).unwrap_or(0);
        let shift = shift.checked_add(millis).ok_or("the clock shift would overflow")?;
        // Never rewritten in place: a half-written file would read as no
        // shift, and a block stamped before its parent stops the chain.
        crate::write_atomically(&clock, &format!("{shift}\n"))?;
        // The node re-reads the file at most every 200 ms.
        std::thread::sleep(Duration::from_millis(400));
        self.seal_block()?;
        let after = self.now()?;
        if after < before.saturating_add(millis) {
            return Err(format!(
                "the node's clock did not move ({before} -> {after}, asked +{millis} ms): was it started by `bash scripts/node.sh start`?"
            ));
        }
        Ok(())
    }

    fn existential_deposit(&mut self) -> Result<Balance, String> {
        let address = subxt::dynamic::constant("Balances", "ExistentialDeposit");
        let value = self.client.constants().at(&address).map_err(|e| format!("reading Balances.ExistentialDeposit: {e}"))?;
        value
            .to_value()
            .ok()
            .and_then(|v| v.as_u128())
            .ok_or_else(|| "Balances.ExistentialDeposit is not a number on this chain".to_string())
    }

    fn last_charges(&self) -> i128 {
        self.last_submitted
            .and_then(|n| self.receipts.get(n))
            .map(|r| i128::try_from(r.fee).unwrap_or(i128::MAX).saturating_add(r.storage_deposit))
            .unwrap_or(0)
    }
}
