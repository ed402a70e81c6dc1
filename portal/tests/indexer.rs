//! The indexer's promises: killed mid-way and started again it ends with
//! exactly what a clean run stores, nothing twice; a block it cannot decode
//! is reported and skipped with its number kept, and the rest is indexed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;
use deploy::chain::Chain;
use portal::store::Store;
use serde_json::Value;

/// The files `portal import` reads, for `world`, in `dir`.
fn files(world: &mut World, dir: &Path, config: &str) -> (PathBuf, PathBuf, PathBuf) {
    std::fs::create_dir_all(dir).unwrap();
    let journal = dir.join("journal.jsonl");
    let text = deploy::journal::to_text(&world.s.journal(1).unwrap(), &world.s.currency().unwrap(), "sandbox");
    std::fs::write(&journal, text).unwrap();
    let manifest = dir.join("deployment.json");
    std::fs::write(&manifest, world.manifest()).unwrap();
    let config_path = dir.join("config.toml");
    std::fs::write(&config_path, config).unwrap();
    (journal, manifest, config_path)
}

fn import(db: &str, (journal, manifest, config): &(PathBuf, PathBuf, PathBuf), batch: u64) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal"));
    command.arg("import").arg("--db").arg(db).arg("--journal").arg(journal).arg("--manifest").arg(manifest).arg("--config").arg(config);
    command.arg("--batch").arg(batch.to_string());
    command
}

/// Everything a store holds, as the API and the journal read it.
async fn everything(store: &Store) -> Vec<Value> {
    let mut out = vec![
        serde_json::to_value(store.journal().await.unwrap().iter().map(|l| (l.block, l.index, l.data.clone())).collect::<Vec<_>>())
            .unwrap(),
        Value::Array(store.releases().await.unwrap()),
        Value::Array(store.records().await.unwrap()),
        serde_json::to_value(store.last_block().await.unwrap()).unwrap(),
        serde_json::to_value(store.skipped().await.unwrap()).unwrap(),
    ];
    for uri in ["/api/tenders?per_page=100", "/api/lines", "/api/vendors", "/api/payments?per_page=100", "/api/flags"] {
        out.push(json(store, uri).await);
    }
    let count = json(store, "/api/tenders?per_page=1").await["total"].as_u64().unwrap();
    for id in 0..count {
        out.push(json(store, &format!("/api/tenders/{id}")).await["timeline"].clone());
    }
    out
}

#[tokio::test]
async fn killed_mid_way_and_started_again_it_stores_what_a_clean_run_stores() {
    let mut world = scenarios(16);
    let dir = std::env::temp_dir().join(format!("portal-restart-{}", std::process::id()));
    let inputs = files(&mut world, &dir, deploy::scenarios::CONFIG);
    let last = world.s.journal(1).unwrap().last().unwrap().block;

    let clean = sqlite("restart-clean");
    let out = import(&clean, &inputs, 25).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // One block per transaction, and a kill as soon as some are stored.
    let killed = sqlite("restart-killed");
    Store::open(&killed).await.unwrap();
    let mut child = import(&killed, &inputs, 1).spawn().unwrap();
    let watcher = Store::open(&killed).await.unwrap();
    let started = Instant::now();
    let at_kill = loop {
        if let Ok(Some(block)) = watcher.last_block().await {
            if block >= 10 {
                child.kill().unwrap();
                break block;
            }
        }
        assert!(started.elapsed() < Duration::from_secs(120), "the import never stored a block");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    child.wait().unwrap();
    drop(watcher);
    let after_kill = Store::open(&killed).await.unwrap();
    let stored = after_kill.last_block().await.unwrap().unwrap();
    assert!(stored >= at_kill && stored < last, "killed mid-way: block {stored} of {last} stored");
    let journal = after_kill.journal().await.unwrap();
    assert!(journal.iter().all(|l| l.block <= stored), "no event of a block after the last one stored");
    drop(after_kill);

    let out = import(&killed, &inputs, 25).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (a, b) = (Store::open(&clean).await.unwrap(), Store::open(&killed).await.unwrap());
    assert_eq!(everything(&a).await, everything(&b).await, "the restarted store is the clean one");
    // Running it again stores nothing twice.
    let out = import(&killed, &inputs, 25).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(": 0 events, 0 releases"), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(everything(&a).await, everything(&b).await);
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn a_block_that_does_not_decode_is_skipped_with_its_number_and_the_rest_indexed() {
    let mut world = demo();
    let dir = std::env::temp_dir().join(format!("portal-skip-{}", std::process::id()));
    let config = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/config/demo.toml")).unwrap();
    let inputs = files(&mut world, &dir, &config);
    // Damage the data of the first reveal's event: the tender contract's
    // event of a known type that no longer decodes.
    let text = std::fs::read_to_string(&inputs.0).unwrap();
    let (money, mut journal) = deploy::journal::parse(&text).unwrap();
    let tender = world.suite.address("tender").clone();
    let bid_event = <tender::events::BidEvent as ink::env::Event>::SIGNATURE_TOPIC.unwrap();
    let victim = journal
        .iter()
        .position(|l| l.emitter == tender && l.topics.first() == Some(&bid_event) && l.data.len() > 100)
        .expect("a bid event");
    journal[victim].data.truncate(10);
    let damaged = journal[victim].block;
    std::fs::write(&inputs.0, deploy::journal::to_text(&journal, &money, "sandbox")).unwrap();

    let db = sqlite("skip");
    let out = import(&db, &inputs, 25).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains(&format!("blocks skipped as undecodable: [{damaged}]")), "{stdout}");
    let store = Store::open(&db).await.unwrap();
    let skipped = store.skipped().await.unwrap();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].0, damaged);
    assert!(skipped[0].1.contains("BidEvent"), "{:?}", skipped[0]);
    assert_eq!(store.last_block().await.unwrap(), journal.last().map(|l| l.block), "the rest was indexed");
    assert!(store.journal().await.unwrap().iter().any(|l| l.block == damaged), "the block's raw events are kept");
    // The blocks after it still tell their part of the story (what the
    // skipped block held is missing, and the skipped table says so).
    let tender0 = json(&store, "/api/tenders/0").await;
    let kinds: Vec<&str> = tender0["timeline"].as_array().unwrap().iter().filter_map(|e| e["kind"].as_str()).collect();
    for kind in ["published", "committee", "signed", "paid", "completed"] {
        assert!(kinds.contains(&kind), "{kind} after the skipped block: {kinds:?}");
    }
    assert_eq!(kinds.iter().filter(|k| **k == "bid_sealed").count(), 2, "the damaged bid's block is the one gap");
    std::fs::remove_dir_all(dir).ok();
}
