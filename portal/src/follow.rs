//! Where the indexer's events come from: a journal file (what the embedded
//! demo leaves, `out/journal.jsonl`), or a live node's finalized blocks
//! (feature `live`), followed with retries: a node that goes away is said in
//! the log and tried again with backoff, never a crash.

use std::collections::BTreeMap;
use std::path::Path;

use deploy::config::Config;
use drink::AccountId32;

use crate::indexer::{Indexer, Ingested, Suite};
use crate::store::Store;

/// The suite a manifest records (contracts and Admin), with the config's
/// publication settings and names as `resolve` reads them.
pub fn suite_of(
    manifest: &str,
    config: &Config,
    money: deploy::money::Currency,
    resolve: &mut dyn FnMut(&str) -> Result<AccountId32, String>,
) -> Result<Suite, String> {
    let contracts: Vec<(String, AccountId32)> = deploy::suite::deployed_in(manifest)?.into_iter().collect();
    let value: serde_json::Value = serde_json::from_str(manifest).map_err(|e| format!("the manifest: {e}"))?;
    let admin = value["admin"].as_str().ok_or("the manifest names no admin")?;
    let buyer = deploy::accounts::resolve_account(admin);
    let mut names = BTreeMap::new();
    for name in std::iter::once(&config.admin).chain(config.roles.values().flatten()) {
        names.insert(resolve(name)?, name.clone());
    }
    let settings = deploy::flags::Settings::parse(deploy::flags::settings::DEFAULT)?;
    Ok(Suite { publication: config.publication.clone(), money, contracts, buyer, names, settings })
}

/// Blocks stored per transaction when importing a journal file.
pub const IMPORT_BATCH: u64 = 25;

/// Indexes a journal file into `store` (whatever of it is not stored yet),
/// [`IMPORT_BATCH`] blocks per transaction, as a node would be followed.
pub async fn import(store: Store, journal: &Path, manifest: &Path, config: &Config, batch: u64) -> Result<Ingested, String> {
    let batch = batch.max(1);
    let text = std::fs::read_to_string(journal).map_err(|e| format!("reading {}: {e}", journal.display()))?;
    let (money, events) = deploy::journal::parse(&text)?;
    let manifest = std::fs::read_to_string(manifest).map_err(|e| format!("reading {}: {e}", manifest.display()))?;
    let suite = suite_of(&manifest, config, money, &mut |name| Ok(deploy::accounts::resolve_account(name)))?;
    let mut indexer = Indexer::open(store, suite).await?;
    let last = events.last().map_or(0, |l| l.block);
    let mut total = Ingested { last_block: indexer.last_block().unwrap_or(0), ..Default::default() };
    let mut from = indexer.last_block().map_or(0, |b| b + 1);
    while from <= last {
        let upto = from.saturating_add(batch - 1).min(last);
        // The journal is in block order: the batch is a slice of it.
        let chunk = &events[events.partition_point(|l| l.block < from)..events.partition_point(|l| l.block <= upto)];
        let done = indexer.ingest(chunk, upto).await?;
        total.events += done.events;
        total.releases += done.releases;
        total.skipped.extend(done.skipped);
        total.last_block = done.last_block;
        from = upto + 1;
    }
    Ok(total)
}

/// Follows a node: stores every finalized block's events, `batch` blocks
/// at a time, until `stop` says so. The node's outages are retried with
/// backoff (1 s doubling to 60 s) and logged.
#[cfg(feature = "live")]
pub async fn follow(
    store: Store,
    url: String,
    manifest_path: std::path::PathBuf,
    config: Config,
    batch: u64,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Result<(), String> {
    let manifest = std::fs::read_to_string(&manifest_path).map_err(|e| format!("reading {}: {e}", manifest_path.display()))?;
    let mut backoff = std::time::Duration::from_secs(1);
    let mut indexer: Option<Indexer> = None;
    loop {
        if *stop.borrow() {
            return Ok(());
        }
        let step = follow_once(&store, &url, &manifest, &config, batch, &mut indexer).await;
        match step {
            Ok(0) => {
                backoff = std::time::Duration::from_secs(1);
                tokio::time::sleep(std::time::Duration::from_secs(3)).await;
            }
            Ok(_) => backoff = std::time::Duration::from_secs(1),
            Err(e) => {
                // What was folded in memory but not stored is dropped: the
                // next attempt reopens from the store.
                indexer = None;
                eprintln!("[indexer] {e}; trying again in {} s", backoff.as_secs());
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(std::time::Duration::from_secs(60));
            }
        }
    }
}

/// One step of [`follow`]: the blocks finalized since the last one stored,
/// at most `batch` of them; how many were stored.
#[cfg(feature = "live")]
async fn follow_once(
    store: &Store,
    url: &str,
    manifest: &str,
    config: &Config,
    batch: u64,
    indexer: &mut Option<Indexer>,
) -> Result<u64, String> {
    let url_owned = url.to_string();
    let manifest_owned = manifest.to_string();
    let from = indexer.as_ref().and_then(Indexer::last_block).map_or(1, |b| b + 1);
    let config_owned = config.clone();
    // The RPC client blocks: it runs on its own thread.
    let (suite, events, upto) = tokio::task::spawn_blocking(move || -> Result<_, String> {
        use deploy::chain::Chain;
        let mut chain = deploy::live::LiveChain::connect_with(&url_owned, "//Alice", None, true)?;
        let suite = deploy::tools::attach_suite(&mut chain, &manifest_owned)?;
        let money = chain.currency()?;
        let portal_suite = suite_of(&manifest_owned, &config_owned, money, &mut |name| chain.account(name))?;
        let finalized = chain.finalized()?;
        let upto = finalized.min(from.saturating_add(batch).saturating_sub(1));
        let events = if upto >= from { chain.journal_between(from, upto)? } else { Vec::new() };
        let _ = suite;
        Ok((portal_suite, events, upto))
    })
    .await
    .map_err(|e| format!("the node's reader stopped: {e}"))??;
    if indexer.is_none() {
        *indexer = Some(Indexer::open(store.clone(), suite).await?);
    }
    let Some(indexer) = indexer.as_mut() else {
        return Ok(0);
    };
    let from = indexer.last_block().map_or(1, |b| b + 1);
    if upto < from {
        return Ok(0);
    }
    let done = indexer.ingest(&events, upto).await?;
    for block in &done.skipped {
        eprintln!("[indexer] block {block} could not be decoded: skipped, its number kept (see the skipped table)");
    }
    eprintln!("[indexer] stored blocks {from} to {upto}: {} events, {} releases", done.events, done.releases);
    Ok(upto - from + 1)
}
