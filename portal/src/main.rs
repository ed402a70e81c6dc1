//! `portal`: the public portal of a deployed suite.
//!
//! ```text
//! portal import [--db URL] [--journal FILE] [--manifest FILE] [--config FILE] [--batch BLOCKS]
//!     index a journal file (the embedded demo writes out/journal.jsonl)
//! portal synthesize [--db URL] [--tenders N]
//!     a store of N tenders (seeded procurements and copies) for the load bench
//! portal serve  [--db URL] [--addr HOST:PORT] [--node WS]
//!     serve the API and the pages from the store; with --node, the wallet
//!     page dry-runs and sends signed calls to that node
//! portal follow --url WS [--db URL] [--manifest FILE] [--config FILE] [--addr HOST:PORT] [--node WS]
//!     (feature live) follow a node's finalized blocks into the store and serve;
//!     the wallet page uses --url unless --node names the address browsers reach
//! ```
//! Defaults: `--db sqlite://out/portal.db?mode=rwc` (a PostgreSQL URL works
//! the same), `--journal out/journal.jsonl`, `--manifest out/deployment.json`,
//! `--config deploy/config/demo.toml`, `--addr 127.0.0.1:8080`.

use std::path::PathBuf;
use std::process::ExitCode;

use portal::store::Store;

const USAGE: &str =
    "usage: portal import|serve|follow [--db URL] [--journal FILE] [--manifest FILE] [--config FILE] [--addr HOST:PORT] [--url WS] [--node WS]";

struct Args {
    command: String,
    db: String,
    journal: PathBuf,
    manifest: PathBuf,
    config: PathBuf,
    addr: String,
    url: Option<String>,
    node: Option<String>,
    batch: u64,
    tenders: u32,
}

fn parse_args() -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut args = Args {
        command: String::new(),
        db: portal::store::sqlite_url(&root.join("out/portal.db")),
        journal: root.join("out/journal.jsonl"),
        manifest: root.join("out/deployment.json"),
        config: root.join("deploy/config/demo.toml"),
        addr: "127.0.0.1:8080".into(),
        url: None,
        node: None,
        batch: portal::follow::IMPORT_BATCH,
        tenders: 10_000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--db" => args.db = value()?,
            "--journal" => args.journal = PathBuf::from(value()?),
            "--manifest" => args.manifest = PathBuf::from(value()?),
            "--config" => args.config = PathBuf::from(value()?),
            "--addr" => args.addr = value()?,
            "--url" => args.url = Some(value()?),
            "--node" => args.node = Some(value()?),
            "--tenders" => args.tenders = value()?.parse().map_err(|_| "--tenders takes a number".to_string())?,
            "--batch" => args.batch = value()?.parse().map_err(|_| "--batch takes a number of blocks".to_string())?,
            "-h" | "--help" => return Err(USAGE.into()),
            command if args.command.is_empty() && !command.starts_with('-') => args.command = command.to_string(),
            other => return Err(format!("unknown argument {other:?}; {USAGE}")),
        }
    }
    Ok(args)
}

async fn serve(store: Store, addr: &str, node: Option<String>) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    println!("portal: serving on http://{local}/ (Ctrl-C stops it)");
    let app = portal::server::router(portal::server::App::new(store).with_node(node));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| format!("the server stopped: {e}"))
}

async fn run(args: Args) -> Result<(), String> {
    if let Some(dir) = args.db.strip_prefix("sqlite://").and_then(|p| p.split('?').next()).and_then(|p| std::path::Path::new(p).parent()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let store = Store::open(&args.db).await?;
    match args.command.as_str() {
        "import" => {
            let config = deploy::config::Config::load(&args.config)?;
            let done = portal::follow::import(store.clone(), &args.journal, &args.manifest, &config, args.batch).await?;
            println!(
                "portal: indexed {} up to block {}: {} events, {} releases{}",
                args.journal.display(),
                done.last_block,
                done.events,
                done.releases,
                if done.skipped.is_empty() { String::new() } else { format!("; blocks skipped as undecodable: {:?}", done.skipped) }
            );
            Ok(())
        }
        "serve" => serve(store, &args.addr, args.node).await,
        "synthesize" => {
            portal::load::synthesize(&store, args.tenders).await?;
            println!("portal: the store holds {} tenders", store.tenders(&Default::default(), 1, 1).await?.1);
            Ok(())
        }
        "follow" => follow(args, store).await,
        "" => Err(USAGE.into()),
        other => Err(format!("unknown command {other:?}; {USAGE}")),
    }
}

#[cfg(feature = "live")]
async fn follow(args: Args, store: Store) -> Result<(), String> {
    let url = args.url.clone().ok_or("follow needs --url")?;
    let config = deploy::config::Config::load(&args.config)?;
    let (tx, rx) = tokio::sync::watch::channel(false);
    let indexer = tokio::spawn(portal::follow::follow(store.clone(), url.clone(), args.manifest.clone(), config, 50, rx));
    let node = args.node.clone().or(Some(url));
    let served = serve(store, &args.addr, node).await;
    let _ = tx.send(true);
    let _ = indexer.await;
    served
}

#[cfg(not(feature = "live"))]
async fn follow(_: Args, _: Store) -> Result<(), String> {
    Err("this build cannot follow a node: cargo run -p portal --features live -- follow --url ...".into())
}

fn main() -> ExitCode {
    let outcome = parse_args().and_then(|args| {
        let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
        runtime.block_on(run(args))
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portal: {e}");
            ExitCode::FAILURE
        }
    }
}
