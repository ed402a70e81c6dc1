//! The indexer following a live node (feature `live`): a procurement stage
//! runs on a substrate-contracts-node started by `bash scripts/node.sh
//! start`; the follower is stopped mid-way and started again, and what it
//! stored is compared with the chain. `scripts/test.sh` runs it whenever
//! the node binary exists (with `PROCUREMENT_LIVE=required`); without a
//! node it says so and passes.
#![cfg(feature = "live")]

use std::time::{Duration, Instant};

use deploy::chain::Chain;
use deploy::config::Config;
use deploy::live::LiveChain;
use portal::store::Store;

fn url() -> String {
    std::env::var("PROCUREMENT_NODE_URL").unwrap_or_else(|_| "ws://127.0.0.1:9944".into())
}

fn node() -> Option<LiveChain> {
    match LiveChain::connect(&url(), "//Alice", deploy::live::default_clock()) {
        Ok(chain) => Some(chain),
        Err(e) if std::env::var("PROCUREMENT_LIVE").as_deref() != Ok("required") => {
            eprintln!("[live] skipped: {e}");
            None
        }
        Err(e) => panic!("a live node is required here: {e}"),
    }
}

/// Runs the follower until it has stored block `upto` (or `limit` passes).
async fn follow_until(store: &Store, manifest: &std::path::Path, config: &Config, upto: Option<u64>, limit: Duration) {
    let (tx, rx) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(portal::follow::follow(store.clone(), url(), manifest.to_path_buf(), config.clone(), 5, rx));
    let started = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let stored = store.last_block().await.unwrap();
        let done = match upto {
            Some(target) => stored.is_some_and(|b| b >= target),
            None => stored.is_some(),
        };
        if done || started.elapsed() > limit {
            break;
        }
    }
    tx.send(true).unwrap();
    let _ = tokio::time::timeout(Duration::from_secs(30), task).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_indexer_follows_a_procurement_on_the_node_through_a_restart() {
    // The live backend blocks on its own runtime: connected off this one.
    let Some(mut chain) = tokio::task::spawn_blocking(node).await.unwrap() else { return };
    let config = Config::parse(include_str!("../../deploy/config/demo.toml")).unwrap();
    let (suite, report, finalized, manifest_text, chain) = tokio::task::spawn_blocking(move || {
        let suite = deploy::suite::deploy_suite(&mut chain, &config).expect("deploy");
        let report = deploy::stage::run(&mut chain, &suite, &config).expect("stage");
        let manifest = serde_json::to_string_pretty(&deploy::suite::manifest(&mut chain, &suite).unwrap()).unwrap();
        // Wait for the stage's last block to be finalized.
        let best = chain.journal(1).unwrap().last().map(|l| l.block).unwrap_or(1);
        let started = Instant::now();
        while chain.finalized().unwrap() < best && started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_secs(1));
        }
        let finalized = chain.finalized().unwrap();
        (suite, report, finalized, manifest, chain)
    })
    .await
    .unwrap();
    let config = Config::parse(include_str!("../../deploy/config/demo.toml")).unwrap();
    let dir = std::env::temp_dir().join(format!("portal-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("deployment.json");
    std::fs::write(&manifest, &manifest_text).unwrap();
    let db = portal::store::sqlite_url(&dir.join("portal.db"));
    let store = Store::open(&db).await.unwrap();

    // Stopped as soon as it stored something, then started again.
    follow_until(&store, &manifest, &config, None, Duration::from_secs(300)).await;
    let first = store.last_block().await.unwrap().expect("the follower stored blocks");
    assert!(first <= finalized);
    follow_until(&store, &manifest, &config, Some(finalized), Duration::from_secs(600)).await;
    assert!(store.last_block().await.unwrap().unwrap() >= finalized, "the follower caught up with the finalized chain");

    // What it stored is what the chain says.
    let (tenders, total) = store.tenders(&Default::default(), 1, 100).await.unwrap();
    assert!(total >= 1);
    let row = tenders.iter().find(|t| t.tender == report.tender).expect("the stage's tender");
    let tender = report.tender;
    let mut chain = chain;
    let on_chain = tokio::task::spawn_blocking(move || suite.tenders().tender(&mut chain, tender).unwrap().unwrap()).await.unwrap();
    assert_eq!(row.estimate, on_chain.estimate.to_string());
    assert_eq!(row.bids, u64::from(on_chain.bidders));
    let journal = store.journal().await.unwrap();
    let mut keys: Vec<(u64, u32)> = journal.iter().map(|l| (l.block, l.index)).collect();
    let before = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), before, "no event stored twice");
    std::fs::remove_dir_all(dir).ok();
}
