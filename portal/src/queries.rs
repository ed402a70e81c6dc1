//! The portal's reads: every query a fixed text with parameters, never a
//! value spliced into SQL.

use serde::Serialize;
use serde_json::Value;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::store::{Result, Store};

/// The most rows one page returns.
pub const MAX_PER_PAGE: u64 = 100;

/// A tender's row, as lists show it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Tender {
    pub tender: u32,
    pub ocid: String,
    pub title: String,
    pub status: String,
    pub line: u32,
    pub line_code: String,
    /// Amounts in the chain's smallest unit, as decimal text.
    pub estimate: String,
    pub published_ms: u64,
    pub deadline_ms: u64,
    pub bids: u64,
    pub winner: Option<String>,
    pub awarded: Option<String>,
    pub paid: String,
    pub flags: Value,
}

fn u(row: &AnyRow, i: usize) -> u64 {
    u64::try_from(row.get::<i64, _>(i)).unwrap_or(0)
}

fn tender(row: &AnyRow) -> Tender {
    Tender {
        tender: u32::try_from(row.get::<i64, _>(0)).unwrap_or(0),
        ocid: row.get(1),
        title: row.get(2),
        status: row.get(3),
        line: u32::try_from(row.get::<i64, _>(4)).unwrap_or(0),
        line_code: row.get(5),
        estimate: row.get(6),
        published_ms: u(row, 7),
        deadline_ms: u(row, 8),
        bids: u(row, 9),
        winner: row.get(10),
        awarded: row.get(11),
        paid: row.get(12),
        flags: serde_json::from_str(&row.get::<String, _>(13)).unwrap_or(Value::Null),
    }
}

const TENDER_COLUMNS: &str =
    "tender, ocid, title, status, line, line_code, estimate, published_ms, deadline_ms, bids, winner, awarded, paid, flags";

/// What a tender list asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TenderFilter {
    pub status: Option<String>,
    pub line: Option<u32>,
    /// Bids due before this time (ms).
    pub deadline_before: Option<u64>,
    /// Words in the title or ocid.
    pub search: Option<String>,
}

/// `%text%` for LIKE, with LIKE's own wildcards in `text` escaped.
fn like(text: &str) -> String {
    let escaped: String = text.chars().flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
    format!("%{}%", escaped.to_lowercase())
}

const FILTER: &str = "(CAST($1 AS TEXT) IS NULL OR status = $1) AND (CAST($2 AS BIGINT) IS NULL OR line = $2) \
     AND (CAST($3 AS BIGINT) IS NULL OR deadline_ms < $3) \
     AND (CAST($4 AS TEXT) IS NULL OR LOWER(title) LIKE $4 ESCAPE '\\' OR LOWER(ocid) LIKE $4 ESCAPE '\\')";

/// How many changes that ran or were cancelled [`Store::changes`] lists.
pub const RECENT_CHANGES: u32 = 50;

impl Store {
    /// One page of tenders matching `filter`, newest first, and how many
    /// match in all.
    pub async fn tenders(&self, filter: &TenderFilter, page: u64, per_page: u64) -> Result<(Vec<Tender>, u64)> {
        let per_page = per_page.clamp(1, MAX_PER_PAGE);
        let offset = page.saturating_sub(1).saturating_mul(per_page);
        if *filter == TenderFilter::default() {
            // No filter: the key's index gives the page and the count.
            let list = format!("SELECT {TENDER_COLUMNS} FROM tenders ORDER BY tender DESC LIMIT $1 OFFSET $2");
            let rows = sqlx::query(&list)
                .bind(crate::store::int(per_page))
                .bind(crate::store::int(offset))
                .fetch_all(&self.pool)
                .await
                .map_err(|e| format!("database: tenders: {e}"))?;
            let total: i64 = sqlx::query("SELECT COUNT(*) FROM tenders")
                .fetch_one(&self.pool)
                .await
                .map_err(|e| format!("database: counting tenders: {e}"))?
                .get(0);
            return Ok((rows.iter().map(tender).collect(), u64::try_from(total).unwrap_or(0)));
        }
        let search = filter.search.as_deref().map(like);
        let list = format!("SELECT {TENDER_COLUMNS} FROM tenders WHERE {FILTER} ORDER BY tender DESC LIMIT $5 OFFSET $6");
        let rows = sqlx::query(&list)
            .bind(filter.status.clone())
            .bind(filter.line.map(i64::from))
            .bind(filter.deadline_before.map(crate::store::int))
            .bind(search.clone())
            .bind(crate::store::int(per_page))
            .bind(crate::store::int(offset))
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: tenders: {e}"))?;
        let count = format!("SELECT COUNT(*) FROM tenders WHERE {FILTER}");
        let total: i64 = sqlx::query(&count)
            .bind(filter.status.clone())
            .bind(filter.line.map(i64::from))
            .bind(filter.deadline_before.map(crate::store::int))
            .bind(search)
            .fetch_one(&self.pool)
            .await
            .map_err(|e| format!("database: counting tenders: {e}"))?
            .get(0);
        Ok((rows.iter().map(tender).collect(), u64::try_from(total).unwrap_or(0)))
    }

    /// One tender and its compiled OCDS release.
    pub async fn tender(&self, id: u32) -> Result<Option<(Tender, Value)>> {
        let sql = format!("SELECT {TENDER_COLUMNS}, compiled FROM tenders WHERE tender = $1");
        let row = sqlx::query(&sql).bind(i64::from(id)).fetch_optional(&self.pool).await.map_err(|e| format!("database: tender: {e}"))?;
        Ok(row.map(|r| (tender(&r), serde_json::from_str(&r.get::<String, _>(14)).unwrap_or(Value::Null))))
    }

    /// A tender's timeline: `(time, kind, detail)` oldest first; a payment
    /// after the approval that made it (the budget's event comes first in
    /// the block, the escrow's after its call returns).
    pub async fn timeline(&self, id: u32) -> Result<Vec<Step>> {
        let rows = sqlx::query(
            "SELECT t.time_ms, t.kind, t.detail, t.block, j.extrinsic FROM timeline t LEFT JOIN journal j ON j.block = t.block AND j.idx = t.idx \
             WHERE t.tender = $1 ORDER BY t.block, CASE WHEN t.kind = 'paid' THEN 1 ELSE 0 END, t.idx",
        )
        .bind(i64::from(id))
        .fetch_all(&self.pool)
        .await
        .map_err(|e| format!("database: timeline: {e}"))?;
        Ok(rows
            .iter()
            .map(|r| Step {
                time_ms: u(r, 0),
                kind: r.get(1),
                detail: serde_json::from_str(&r.get::<String, _>(2)).unwrap_or(Value::Null),
                block: u(r, 3),
                extrinsic: r.get::<Option<i64>, _>(4).and_then(|e| u32::try_from(e).ok()),
            })
            .collect())
    }

    /// The budget lines: `(line, code, appropriated, reserved, committed, paid)`.
    pub async fn lines(&self) -> Result<Vec<Line>> {
        let rows = sqlx::query("SELECT line, code, appropriated, reserved, committed, paid FROM lines ORDER BY line")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: lines: {e}"))?;
        Ok(rows
            .iter()
            .map(|r| Line {
                line: u32::try_from(r.get::<i64, _>(0)).unwrap_or(0),
                code: r.get(1),
                appropriated: r.get(2),
                reserved: r.get(3),
                committed: r.get(4),
                paid: r.get(5),
            })
            .collect())
    }

    /// One page of payments, newest first (of one tender if given), and
    /// how many in all.
    pub async fn payments(&self, tender: Option<u32>, page: u64, per_page: u64) -> Result<(Vec<Payment>, u64)> {
        let per_page = per_page.clamp(1, MAX_PER_PAGE);
        let offset = page.saturating_sub(1).saturating_mul(per_page);
        // One tender's payments by its index, or all of them.
        let (list, count) = match tender {
            Some(_) => (
                "SELECT id, tender, ocid, time_ms, amount, payee, payee_name, purpose FROM payments \
                 WHERE tender = $1 ORDER BY time_ms DESC, id DESC LIMIT $2 OFFSET $3",
                "SELECT COUNT(*) FROM payments WHERE tender = $1",
            ),
            None => (
                "SELECT id, tender, ocid, time_ms, amount, payee, payee_name, purpose FROM payments \
                 WHERE CAST($1 AS BIGINT) IS NULL ORDER BY time_ms DESC, id DESC LIMIT $2 OFFSET $3",
                "SELECT COUNT(*) FROM payments WHERE CAST($1 AS BIGINT) IS NULL",
            ),
        };
        let rows = sqlx::query(list)
            .bind(tender.map(i64::from))
            .bind(crate::store::int(per_page))
            .bind(crate::store::int(offset))
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: payments: {e}"))?;
        let total: i64 = sqlx::query(count)
            .bind(tender.map(i64::from))
            .fetch_one(&self.pool)
            .await
            .map_err(|e| format!("database: counting payments: {e}"))?
            .get(0);
        let items = rows
            .iter()
            .map(|r| Payment {
                id: r.get(0),
                tender: u32::try_from(r.get::<i64, _>(1)).unwrap_or(0),
                ocid: r.get(2),
                time_ms: u(r, 3),
                amount: r.get(4),
                payee: r.get(5),
                payee_name: r.get(6),
                purpose: r.get(7),
            })
            .collect();
        Ok((items, u64::try_from(total).unwrap_or(0)))
    }

    /// The vendors, by name.
    pub async fn vendors(&self) -> Result<Vec<Vendor>> {
        let rows = sqlx::query("SELECT id, name, bids, won, awarded, paid FROM vendors ORDER BY name")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: vendors: {e}"))?;
        Ok(rows
            .iter()
            .map(|r| Vendor { id: r.get(0), name: r.get(1), bids: u(r, 2), won: u(r, 3), awarded: r.get(4), paid: r.get(5) })
            .collect())
    }

    /// The governor's changes: every pending one (at most 32, the
    /// governor's own bound) and the [`RECENT_CHANGES`] most recent that
    /// ran or were cancelled, newest first. A pending change whose last
    /// moment has passed by the chain's latest indexed time is `expired`.
    pub async fn changes(&self) -> Result<Vec<Value>> {
        let now: Option<i64> = sqlx::query("SELECT MAX(time_ms) FROM journal")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| format!("database: journal: {e}"))?
            .get(0);
        let columns = "id, action, scheduled_block, scheduled_ms, scheduled_by, eta_ms, expires_ms, state, done_ms, done_by, migrated_from";
        let pending = sqlx::query(&format!("SELECT {columns} FROM changes WHERE state = 'pending' ORDER BY id DESC"))
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: changes: {e}"))?;
        let done = sqlx::query(&format!("SELECT {columns} FROM changes WHERE state <> 'pending' ORDER BY id DESC LIMIT {RECENT_CHANGES}"))
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: changes: {e}"))?;
        let date = |ms: i64| deploy::ocds::rfc3339(u64::try_from(ms).unwrap_or(0));
        Ok(pending
            .iter()
            .chain(&done)
            .map(|r| {
                let expires: i64 = r.get(6);
                let mut state: String = r.get(7);
                if state == "pending" && now.is_some_and(|now| now > expires) {
                    state = "expired".into();
                }
                serde_json::json!({
                    "id": r.get::<i64, _>(0),
                    "action": serde_json::from_str::<Value>(&r.get::<String, _>(1)).unwrap_or(Value::Null),
                    "scheduledBlock": r.get::<i64, _>(2),
                    "scheduled": date(r.get(3)),
                    "scheduledBy": r.get::<String, _>(4),
                    "earliest": date(r.get(5)),
                    "expires": date(expires),
                    "state": state,
                    "done": r.get::<Option<i64>, _>(8).map(date),
                    "doneBy": r.get::<Option<String>, _>(9),
                    "migratedFrom": r.get::<Option<i64>, _>(10),
                })
            })
            .collect())
    }

    /// The roles `account` (SS58) holds, by name.
    pub async fn roles_of(&self, account: &str) -> Result<Vec<String>> {
        let rows = sqlx::query("SELECT role FROM roles WHERE account = $1 ORDER BY role")
            .bind(account)
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: roles: {e}"))?;
        Ok(rows.iter().map(|r| r.get::<String, _>(0)).collect())
    }

    /// Every release, in block order.
    pub async fn releases(&self) -> Result<Vec<Value>> {
        let rows = sqlx::query("SELECT body FROM releases ORDER BY block, idx")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: releases: {e}"))?;
        Ok(rows.iter().filter_map(|r| serde_json::from_str(&r.get::<String, _>(0)).ok()).collect())
    }

    /// Every record: ocid, releases, compiled release.
    pub async fn records(&self) -> Result<Vec<Value>> {
        let mut by_ocid: std::collections::BTreeMap<String, Vec<Value>> = std::collections::BTreeMap::new();
        for release in self.releases().await? {
            by_ocid.entry(release["ocid"].as_str().unwrap_or_default().to_string()).or_default().push(release);
        }
        let rows = sqlx::query("SELECT ocid, compiled FROM tenders ORDER BY tender")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| format!("database: records: {e}"))?;
        Ok(rows
            .iter()
            .map(|r| {
                let ocid: String = r.get(0);
                let own = by_ocid.remove(&ocid).unwrap_or_default();
                serde_json::json!({ "ocid": ocid, "releases": own, "compiledRelease": serde_json::from_str::<Value>(&r.get::<String, _>(1)).unwrap_or(Value::Null) })
            })
            .collect())
    }
}

/// One step of a tender's timeline, with where the chain recorded it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Step {
    pub time_ms: u64,
    pub kind: String,
    pub detail: Value,
    pub block: u64,
    /// The extrinsic's index in the block (on a node; none on the sandbox).
    pub extrinsic: Option<u32>,
}

/// A budget line's figures (decimal text of the smallest unit).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Line {
    pub line: u32,
    pub code: String,
    pub appropriated: String,
    pub reserved: String,
    pub committed: String,
    pub paid: String,
}

/// A payment to a vendor.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Payment {
    pub id: String,
    pub tender: u32,
    pub ocid: String,
    pub time_ms: u64,
    pub amount: String,
    pub payee: String,
    pub payee_name: String,
    pub purpose: String,
}

/// A vendor's record.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Vendor {
    pub id: String,
    pub name: String,
    pub bids: u64,
    pub won: u64,
    pub awarded: String,
    pub paid: String,
}
