//! What the portal's tests share: a sandbox chain that ran procurements,
//! a store filled from its journal, and requests to the router.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, StatusCode};
use deploy::chain::{self, Chain, Session};
use deploy::config::Config;
use deploy::suite::Suite;
use portal::indexer::{Indexer, Suite as IndexedSuite};
use portal::store::Store;
use serde_json::Value;
use tower::ServiceExt;

pub const START: u64 = 1_800_000_000_000;

/// A chain that ran procurements, its suite and config.
pub struct World {
    pub s: Session,
    pub suite: Suite,
    pub config: Config,
}

/// The demo procurement on a fresh sandbox.
pub fn demo() -> World {
    let mut s = chain::new_session();
    chain::set_time(&mut s, START);
    let config = Config::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/config/demo.toml")).unwrap();
    let suite = deploy::suite::deploy_suite(&mut s, &config).unwrap();
    deploy::demo::run(&mut s, &suite, &config).unwrap();
    World { s, suite, config }
}

/// `count` seeded procurements of every ending.
pub fn scenarios(count: usize) -> World {
    let plans = deploy::scenarios::plans(11, count);
    let mut s = chain::new_session();
    chain::set_time(&mut s, START);
    let world = deploy::scenarios::world(&mut s, plans.len()).unwrap();
    for (n, plan) in plans.iter().enumerate() {
        deploy::scenarios::run(&mut s, &world, plan, n).unwrap_or_else(|e| panic!("{e}"));
    }
    World { s, suite: world.suite, config: world.config }
}

impl World {
    /// What the indexer needs of this suite.
    pub fn indexed(&mut self) -> IndexedSuite {
        IndexedSuite::deployed(&mut self.s, &self.suite, &self.config).unwrap()
    }

    /// A store at `url` filled with this chain's whole journal, in batches
    /// of `batch` blocks.
    pub async fn fill(&mut self, url: &str, batch: u64) -> Store {
        let store = Store::open(url).await.unwrap();
        let journal = self.s.journal(1).unwrap();
        let mut indexer = Indexer::open(store.clone(), self.indexed()).await.unwrap();
        let last = journal.last().map_or(0, |l| l.block);
        let mut from = 1;
        while from <= last {
            let upto = (from + batch - 1).min(last);
            indexer.ingest(&journal, upto).await.unwrap();
            from = upto + 1;
        }
        store
    }

    /// The manifest's text.
    pub fn manifest(&mut self) -> String {
        serde_json::to_string_pretty(&deploy::suite::manifest(&mut self.s, &self.suite).unwrap()).unwrap()
    }
}

/// A fresh SQLite store URL in a temporary directory.
pub fn sqlite(name: &str) -> String {
    let dir = std::env::temp_dir().join(format!("portal-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("portal.db");
    let _ = std::fs::remove_file(&file);
    portal::store::sqlite_url(&file)
}

/// The PostgreSQL server the test script starts (`PORTAL_TEST_POSTGRES`),
/// with a fresh database `name`: `None` when there is none.
pub async fn postgres(name: &str) -> Option<String> {
    let base = std::env::var("PORTAL_TEST_POSTGRES").ok()?;
    sqlx::any::install_default_drivers();
    let admin = format!("{base}/postgres");
    let pool =
        sqlx::AnyPool::connect(&admin).await.unwrap_or_else(|e| panic!("PORTAL_TEST_POSTGRES is set but {admin} does not answer: {e}"));
    // A database name is an identifier, which SQL cannot take as a
    // parameter: this one is the test's own constant.
    assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&pool).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
    Some(format!("{base}/{name}"))
}

/// A GET to the portal: status and body.
pub async fn get(store: &Store, uri: &str) -> (StatusCode, String) {
    get_with(store, uri, None).await
}

/// A GET with an `Accept-Language`.
pub async fn get_with(store: &Store, uri: &str, language: Option<&str>) -> (StatusCode, String) {
    let router = portal::server::router(portal::server::App::new(store.clone()));
    let mut request = Request::get(uri);
    if let Some(l) = language {
        request = request.header("accept-language", l);
    }
    let response = router.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024 * 1024).await.unwrap();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// A GET that must answer 200 with JSON.
pub async fn json(store: &Store, uri: &str) -> Value {
    let (status, body) = get(store, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body:.200}"))
}
