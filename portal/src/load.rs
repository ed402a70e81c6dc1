//! A big store for the load bench: seeded procurements run on the sandbox
//! and indexed, then their rows copied until the store holds the number of
//! tenders asked for (each copy with its own tender ids, ocids, blocks and
//! payment ids, dates shifted a day per copy). The copies are of real rows,
//! so every query path of the API has real data to read.

use deploy::chain::Chain;
use sqlx::Row;

use crate::indexer::{Indexer, Suite};
use crate::store::{Result, Store};

/// The seeded procurements a load store starts from.
pub const SEED_PROCUREMENTS: usize = 16;

/// Fills `store` (empty) with `tenders` tenders.
pub async fn synthesize(store: &Store, tenders: u32) -> Result<()> {
    let plans = deploy::scenarios::plans(5, SEED_PROCUREMENTS);
    let (suite, journal) = tokio::task::spawn_blocking(move || -> Result<(Suite, Vec<deploy::chain::Logged>)> {
        let mut s = deploy::chain::new_session();
        deploy::chain::set_time(&mut s, 1_800_000_000_000);
        let world = deploy::scenarios::world(&mut s, plans.len())?;
        for (n, plan) in plans.iter().enumerate() {
            deploy::scenarios::run(&mut s, &world, plan, n)?;
        }
        let suite = Suite::deployed(&mut s, &world.suite, &world.config)?;
        Ok((suite, s.journal(1)?))
    })
    .await
    .map_err(|e| e.to_string())??;
    let last = journal.last().map_or(0, |l| l.block);
    let mut indexer = Indexer::open(store.clone(), suite).await?;
    indexer.ingest(&journal, last).await?;
    let seeded: i64 = sqlx::query("SELECT COUNT(*) FROM tenders").fetch_one(&store.pool).await.map_err(|e| e.to_string())?.get(0);
    let blocks = i64::try_from(last + 1).map_err(|e| e.to_string())?;
    let mut copy: i64 = 1;
    while copy * seeded < i64::from(tenders) {
        let suffix = format!("-copy{copy}");
        let shift_ms = copy * 86_400_000;
        let mut tx = store.pool.begin().await.map_err(|e| e.to_string())?;
        let statements = [
            "INSERT INTO tenders (tender, ocid, title, status, line, line_code, estimate, published_ms, deadline_ms, bids, winner, awarded, paid, flags, compiled) \
             SELECT tender + $1, ocid || $2, title, status, line, line_code, estimate, published_ms + $3, deadline_ms + $3, bids, winner, awarded, paid, flags, compiled \
             FROM tenders WHERE tender < $4 AND CAST($5 AS BIGINT) >= 0",
            "INSERT INTO releases (ocid, id, tender, block, idx, body) SELECT ocid || $2, id, tender + $1, block + $5, idx, body FROM releases WHERE tender < $4 AND CAST($3 AS BIGINT) >= 0",
            "INSERT INTO timeline (block, idx, tender, time_ms, kind, detail) SELECT block + $5, idx, tender + $1, time_ms + $3, kind, detail FROM timeline WHERE tender < $4 AND CAST($2 AS TEXT) IS NOT NULL",
            "INSERT INTO payments (id, tender, ocid, time_ms, amount, payee, payee_name, purpose) \
             SELECT id || $2, tender + $1, ocid || $2, time_ms + $3, amount, payee, payee_name, purpose FROM payments WHERE tender < $4 AND CAST($5 AS BIGINT) >= 0",
        ];
        for statement in statements {
            sqlx::query(statement)
                .bind(copy * seeded)
                .bind(&suffix)
                .bind(shift_ms)
                .bind(seeded)
                .bind(copy * blocks)
                .execute(&mut *tx)
                .await
                .map_err(|e| format!("copying rows: {e}"))?;
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        copy += 1;
    }
    for table in ["tenders", "releases", "timeline", "payments"] {
        // The table names are this function's constants.
        sqlx::query(&format!("DELETE FROM {table} WHERE tender >= $1"))
            .bind(i64::from(tenders))
            .execute(&store.pool)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}
