//! The portal's database: SQLite (one file, embedded, the default) or
//! PostgreSQL (by URL), through one code path (sqlx's Any driver, portable
//! SQL, parameters only: no query is built from a value).
//!
//! What it holds:
//! - `journal`: every contract event of the suite the indexer stored, with
//!   its block, index, block time and raw topics and data, and `progress`:
//!   the last block stored, written in the same transaction as the events,
//!   so a restart resumes exactly there and never stores an event twice;
//! - `skipped`: blocks that could not be decoded, with the reason;
//! - what the publication derives from the journal, refreshed as blocks
//!   arrive: one row per tender (`tenders`, with its compiled OCDS release
//!   and flags), its releases (`releases`), budget lines, payments and
//!   vendors, and the overall flags.
//!
//! Amounts are kept as decimal text of the chain's smallest unit (a `u128`
//! fits neither database's integers); sums are done in Rust.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// The schema, version by version. A database records the versions it has
/// applied (`schema_version`); opening it applies the rest, in order, each
/// in its own transaction. Portable SQL only: TEXT, BIGINT, DOUBLE
/// PRECISION, composite keys, no autoincrement.
pub const MIGRATIONS: &[(i64, &str, &[&str])] = &[
    (
        1,
        "journal, progress, publication",
        &[
            "CREATE TABLE journal (block BIGINT NOT NULL, idx BIGINT NOT NULL, time_ms BIGINT NOT NULL, emitter TEXT NOT NULL, \
         topics TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (block, idx))",
            "CREATE TABLE progress (id BIGINT PRIMARY KEY, last_block BIGINT NOT NULL)",
            "CREATE TABLE skipped (block BIGINT PRIMARY KEY, reason TEXT NOT NULL)",
            "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            "CREATE TABLE tenders (tender BIGINT PRIMARY KEY, ocid TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL, \
         line BIGINT NOT NULL, line_code TEXT NOT NULL, estimate TEXT NOT NULL, published_ms BIGINT NOT NULL, \
         deadline_ms BIGINT NOT NULL, bids BIGINT NOT NULL, winner TEXT, awarded TEXT, paid TEXT NOT NULL, \
         flags TEXT NOT NULL, compiled TEXT NOT NULL)",
            "CREATE INDEX tenders_status ON tenders (status)",
            "CREATE INDEX tenders_line ON tenders (line)",
            "CREATE INDEX tenders_deadline ON tenders (deadline_ms)",
            "CREATE TABLE releases (ocid TEXT NOT NULL, id TEXT NOT NULL, tender BIGINT NOT NULL, block BIGINT NOT NULL, \
         idx BIGINT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (ocid, id))",
            "CREATE INDEX releases_order ON releases (block, idx)",
            "CREATE TABLE lines (line BIGINT PRIMARY KEY, code TEXT NOT NULL, appropriated TEXT NOT NULL, reserved TEXT NOT NULL, \
         committed TEXT NOT NULL, paid TEXT NOT NULL)",
            "CREATE TABLE payments (id TEXT PRIMARY KEY, tender BIGINT NOT NULL, ocid TEXT NOT NULL, time_ms BIGINT NOT NULL, \
         amount TEXT NOT NULL, payee TEXT NOT NULL, payee_name TEXT NOT NULL, purpose TEXT NOT NULL)",
            "CREATE INDEX payments_time ON payments (time_ms)",
            "CREATE TABLE timeline (block BIGINT NOT NULL, idx BIGINT NOT NULL, tender BIGINT NOT NULL, time_ms BIGINT NOT NULL, \
         kind TEXT NOT NULL, detail TEXT NOT NULL, PRIMARY KEY (block, idx))",
            "CREATE INDEX timeline_tender ON timeline (tender, block, idx)",
            "CREATE TABLE vendors (id TEXT PRIMARY KEY, name TEXT NOT NULL, bids BIGINT NOT NULL, won BIGINT NOT NULL, \
         awarded TEXT NOT NULL, paid TEXT NOT NULL)",
        ],
    ),
    (2, "a tender's payments by index", &["CREATE INDEX payments_tender ON payments (tender, time_ms)"]),
    (3, "the extrinsic of each event", &["ALTER TABLE journal ADD COLUMN extrinsic BIGINT"]),
    (4, "who holds which role", &["CREATE TABLE roles (account TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (account, role))"]),
    (
        5,
        "the governor's scheduled changes",
        &["CREATE TABLE changes (id BIGINT PRIMARY KEY, action TEXT NOT NULL, scheduled_block BIGINT NOT NULL, scheduled_ms BIGINT NOT NULL, \
           scheduled_by TEXT NOT NULL, eta_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL, state TEXT NOT NULL, done_ms BIGINT, done_by TEXT, \
           migrated_from BIGINT)"],
    ),
];

/// Which database a store is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// An open store.
#[derive(Clone)]
pub struct Store {
    pub pool: AnyPool,
    pub backend: Backend,
}

/// A store's error, in words.
pub type Result<T> = std::result::Result<T, String>;

fn db<E: std::fmt::Display>(what: &'static str) -> impl FnOnce(E) -> String {
    move |e| format!("database: {what}: {e}")
}

/// The database URL of an SQLite file (created if missing).
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

impl Store {
    /// Opens the database at `url` (`sqlite://FILE?mode=rwc`,
    /// `postgres://...`) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(format!("a store is sqlite://FILE or postgres://..., not {url:?}"));
        };
        // SQLite in write-ahead-log mode: readers go on while the indexer
        // writes (one writer at a time; the others wait up to sqlx's busy
        // timeout of 5 s). The mode is the file's, set once.
        let connections = if backend == Backend::Sqlite { 4 } else { 8 };
        if backend == Backend::Sqlite {
            let single = AnyPoolOptions::new().max_connections(1).connect(url).await.map_err(db("connecting"))?;
            sqlx::query("PRAGMA journal_mode=WAL").fetch_optional(&single).await.map_err(db("write-ahead log"))?;
            single.close().await;
        }
        let pool = AnyPoolOptions::new().max_connections(connections).connect(url).await.map_err(db("connecting"))?;
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    /// Applies the migrations this database has not applied yet.
    async fn migrate(&self) -> Result<()> {
        sqlx::query("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL)")
            .execute(&self.pool)
            .await
            .map_err(db("schema_version"))?;
        let applied: Vec<i64> = sqlx::query("SELECT version FROM schema_version")
            .fetch_all(&self.pool)
            .await
            .map_err(db("reading schema_version"))?
            .iter()
            .map(|r| r.get::<i64, _>(0))
            .collect();
        for (version, name, statements) in MIGRATIONS {
            if applied.contains(version) {
                continue;
            }
            let mut tx = self.pool.begin().await.map_err(db("migration"))?;
            for statement in *statements {
                sqlx::query(statement).execute(&mut *tx).await.map_err(|e| format!("migration {version} ({name}): {e}"))?;
            }
            sqlx::query("INSERT INTO schema_version (version, name) VALUES ($1, $2)")
                .bind(*version)
                .bind(*name)
                .execute(&mut *tx)
                .await
                .map_err(db("recording a migration"))?;
            tx.commit().await.map_err(db("migration"))?;
        }
        Ok(())
    }

    /// The schema versions applied.
    pub async fn schema_versions(&self) -> Result<Vec<i64>> {
        let rows =
            sqlx::query("SELECT version FROM schema_version ORDER BY version").fetch_all(&self.pool).await.map_err(db("versions"))?;
        Ok(rows.iter().map(|r| r.get::<i64, _>(0)).collect())
    }

    /// The last block stored, if any.
    pub async fn last_block(&self) -> Result<Option<u64>> {
        let row = sqlx::query("SELECT last_block FROM progress WHERE id = 1").fetch_optional(&self.pool).await.map_err(db("progress"))?;
        Ok(row.map(|r| r.get::<i64, _>(0)).and_then(|b| u64::try_from(b).ok()))
    }

    /// Every stored event, in block order.
    pub async fn journal(&self) -> Result<Vec<deploy::chain::Logged>> {
        let rows = sqlx::query("SELECT block, idx, time_ms, emitter, topics, data, extrinsic FROM journal ORDER BY block, idx")
            .fetch_all(&self.pool)
            .await
            .map_err(db("journal"))?;
        rows.iter().map(logged).collect()
    }

    /// A value of `meta`.
    pub async fn meta(&self, name: &str) -> Result<Option<String>> {
        let row = sqlx::query("SELECT value FROM meta WHERE name = $1").bind(name).fetch_optional(&self.pool).await.map_err(db("meta"))?;
        Ok(row.map(|r| r.get::<String, _>(0)))
    }

    /// The blocks skipped as undecodable, with why.
    pub async fn skipped(&self) -> Result<Vec<(u64, String)>> {
        let rows = sqlx::query("SELECT block, reason FROM skipped ORDER BY block").fetch_all(&self.pool).await.map_err(db("skipped"))?;
        Ok(rows.iter().map(|r| (u64::try_from(r.get::<i64, _>(0)).unwrap_or(0), r.get::<String, _>(1))).collect())
    }
}

/// A journal row back into the event it stored.
fn logged(row: &AnyRow) -> Result<deploy::chain::Logged> {
    let bytes = |text: &str| -> Result<Vec<u8>> { deploy::chain::unhex(text).ok_or_else(|| format!("journal: not hex: {text:.20}")) };
    let topics_text: String = row.get(4);
    let mut topics = Vec::new();
    for t in topics_text.split(',').filter(|t| !t.is_empty()) {
        topics.push(<[u8; 32]>::try_from(bytes(t)?.as_slice()).map_err(|_| "journal: a topic is not 32 bytes".to_string())?);
    }
    let emitter: [u8; 32] = bytes(&row.get::<String, _>(3))?.as_slice().try_into().map_err(|_| "journal: an emitter is not 32 bytes")?;
    Ok(deploy::chain::Logged {
        block: u64::try_from(row.get::<i64, _>(0)).map_err(|e| e.to_string())?,
        index: u32::try_from(row.get::<i64, _>(1)).map_err(|e| e.to_string())?,
        time_ms: u64::try_from(row.get::<i64, _>(2)).map_err(|e| e.to_string())?,
        extrinsic: row.get::<Option<i64>, _>(6).map(|e| u32::try_from(e).map_err(|e| e.to_string())).transpose()?,
        emitter: drink::AccountId32::new(emitter),
        topics,
        data: bytes(&row.get::<String, _>(5))?,
    })
}

/// A `u64` as a database integer (blocks and times fit).
pub fn int(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn migrations_apply_once_and_a_bad_url_is_refused() {
        let dir = std::env::temp_dir().join(format!("portal-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = sqlite_url(&dir.join("m.db"));
        let store = Store::open(&url).await.unwrap();
        assert_eq!(store.schema_versions().await.unwrap(), vec![1, 2, 3, 4, 5]);
        drop(store);
        let again = Store::open(&url).await.unwrap();
        assert_eq!(again.schema_versions().await.unwrap(), vec![1, 2, 3, 4, 5], "reopening applies nothing twice");
        assert_eq!(again.last_block().await.unwrap(), None);
        assert!(Store::open("mysql://x").await.is_err());
        std::fs::remove_dir_all(dir).ok();
    }
}
