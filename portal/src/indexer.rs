//! The indexer: stores a suite's events block after block and keeps what
//! the portal shows up to date, with the open-contracting publication's own
//! code (`deploy::ocds`, `deploy::flags`), not a second implementation.
//!
//! Each batch of blocks goes into the store in one transaction: its events,
//! the blocks it could not decode (reported, kept by number, never silently
//! dropped), the rows the batch changed (tenders, their releases, budget
//! lines, payments, vendors, the overall flags) and the last block. An
//! interrupted batch leaves nothing; a restart replays the stored journal
//! into the publisher and goes on from the block after the last one.

use std::collections::{BTreeMap, BTreeSet};

use deploy::chain::Logged;
use deploy::config::Publication;
use deploy::flags::Settings;
use deploy::money::Currency;
use deploy::ocds::decode::{self, Emitter, Happened, SuiteEvent};
use deploy::ocds::{merge, Publisher, Source};
use drink::AccountId32;
use serde_json::{Map, Value};

use crate::store::{int, Result, Store};
use deploy::chain::hex;

/// What the indexer needs to know of the suite it follows.
#[derive(Clone)]
pub struct Suite {
    pub publication: Publication,
    pub money: Currency,
    /// The suite's contracts by name.
    pub contracts: Vec<(String, AccountId32)>,
    /// The registry's Admin: the buyer.
    pub buyer: AccountId32,
    /// Names the config gives accounts.
    pub names: BTreeMap<AccountId32, String>,
    /// The indicators' settings.
    pub settings: Settings,
}

impl Suite {
    /// A suite deployed on `chain` (the config's names as the chain reads
    /// them), with the default indicator settings.
    pub fn deployed(chain: &mut impl deploy::chain::Chain, suite: &deploy::suite::Suite, config: &deploy::config::Config) -> Result<Suite> {
        Ok(Suite {
            publication: config.publication.clone(),
            money: chain.currency()?,
            contracts: suite.deployed.iter().map(|(n, a)| (n.to_string(), a.clone())).collect(),
            buyer: suite.admin.clone(),
            names: deploy::ocds::config_names(chain, config)?,
            settings: Settings::parse(deploy::flags::settings::DEFAULT)?,
        })
    }

    fn source(&self) -> Source<'_> {
        Source {
            settings: &self.publication,
            money: self.money.clone(),
            contracts: &self.contracts,
            buyer: self.buyer.clone(),
            names: self.names.clone(),
        }
    }
}

/// A budget line's figures, as its events moved them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineBooks {
    pub code: String,
    pub appropriated: u128,
    pub reserved: u128,
    pub committed: u128,
    pub paid: u128,
}

/// What one batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    pub events: usize,
    pub releases: usize,
    pub skipped: Vec<u64>,
    pub last_block: u64,
}

/// The indexer's state between batches.
pub struct Indexer {
    pub store: Store,
    suite: Suite,
    publisher: Publisher,
    lines: BTreeMap<u32, LineBooks>,
    /// Who holds which role, as the registry's events say.
    roles: BTreeMap<AccountId32, BTreeSet<procurement_shared::Role>>,
    /// Each tender's compiled release.
    compiled: BTreeMap<u32, Map<String, Value>>,
    /// How many of each tender's releases are stored.
    stored_releases: BTreeMap<u32, usize>,
    last_block: Option<u64>,
    /// The OCDS schemas every new release is checked against.
    schemas: deploy::ocds::schema::Schemas,
}

impl Indexer {
    /// Opens the indexer on `store`: the stored journal is replayed into a
    /// fresh publisher, so it goes on where it stopped.
    pub async fn open(store: Store, suite: Suite) -> Result<Indexer> {
        let publisher = suite.source().publisher()?;
        let mut indexer = Indexer {
            store,
            suite,
            publisher,
            lines: BTreeMap::new(),
            roles: BTreeMap::new(),
            compiled: BTreeMap::new(),
            stored_releases: BTreeMap::new(),
            last_block: None,
            schemas: deploy::ocds::schema::Schemas::load()?,
        };
        let journal = indexer.store.journal().await?;
        let skipped: BTreeSet<u64> = indexer.store.skipped().await?.into_iter().map(|(b, _)| b).collect();
        let kept: Vec<Logged> = journal.into_iter().filter(|l| !skipped.contains(&l.block)).collect();
        let (events, _) = indexer.decode(&kept);
        indexer.fold(&events);
        for (tender, releases) in &indexer.publisher.published().releases {
            indexer.stored_releases.insert(*tender, releases.len());
            if let Some(compiled) = merge::compile(releases) {
                indexer.compiled.insert(*tender, compiled);
            }
        }
        indexer.last_block = indexer.store.last_block().await?;
        Ok(indexer)
    }

    /// The last block stored.
    pub fn last_block(&self) -> Option<u64> {
        self.last_block
    }

    /// Decodes `journal` block by block: the suite's events, and the
    /// blocks with an event that does not decode (skipped whole, with why).
    fn decode(&self, journal: &[Logged]) -> (Vec<Happened>, Vec<(u64, String)>) {
        let mut events = Vec::new();
        let mut skipped = Vec::new();
        let mut start = 0;
        while start < journal.len() {
            let block = journal[start].block;
            let end = journal[start..].iter().position(|l| l.block != block).map_or(journal.len(), |n| start + n);
            let mut decoded = Vec::new();
            let mut failure = None;
            for logged in &journal[start..end] {
                let emitter = self.suite.contracts.iter().find(|(_, a)| *a == logged.emitter).and_then(|(n, _)| Emitter::named(n));
                let Some(emitter) = emitter else {
                    continue;
                };
                match decode::decode(logged, emitter) {
                    Ok(Some(event)) => decoded.push(Happened { block, index: logged.index, time_ms: logged.time_ms, event }),
                    Ok(None) => {}
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
            match failure {
                Some(reason) => skipped.push((block, reason)),
                None => events.extend(decoded),
            }
            start = end;
        }
        (events, skipped)
    }

    /// Folds decoded events into the publisher and the line books.
    fn fold(&mut self, events: &[Happened]) {
        self.publisher.fold(events);
        for happened in events {
            self.book(&happened.event);
        }
    }

    fn book(&mut self, event: &SuiteEvent) {
        use budget::events::{FundsChange, LineChange};
        match event {
            SuiteEvent::Line(LineChange::LineOpened(o)) => {
                let books = self.lines.entry(o.line).or_default();
                books.code = String::from_utf8_lossy(&o.code).into_owned();
                books.appropriated = o.appropriation;
            }
            SuiteEvent::Line(LineChange::AppropriationChanged(c)) => self.lines.entry(c.line).or_default().appropriated = c.new,
            SuiteEvent::Funds(change) => {
                let (_, id) = change.subject();
                let books = self.lines.entry(id).or_default();
                match change {
                    FundsChange::Reserved(r) => books.reserved = books.reserved.saturating_add(r.amount),
                    FundsChange::ReservationCancelled(r) => books.reserved = books.reserved.saturating_sub(r.amount),
                    FundsChange::Committed(c) => {
                        books.reserved = books.reserved.saturating_sub(c.amount.saturating_add(c.surplus));
                        books.committed = books.committed.saturating_add(c.amount);
                    }
                    FundsChange::Released(r) => {
                        books.committed = books.committed.saturating_sub(r.amount);
                        books.paid = books.paid.saturating_add(r.amount);
                    }
                    FundsChange::Decommitted(d) => books.committed = books.committed.saturating_sub(d.amount),
                    FundsChange::ReleaseQueued(_) | FundsChange::ReleaseApproved(_) | FundsChange::ReleaseRejected(_) => {}
                }
            }
            SuiteEvent::Registry(access_control::events::Change::RoleGranted(g)) => {
                self.roles.entry(deploy::chain::from_ink(&g.account)).or_default().insert(g.role);
            }
            SuiteEvent::Registry(access_control::events::Change::RoleRevoked(r)) => {
                let account = deploy::chain::from_ink(&r.account);
                if let Some(held) = self.roles.get_mut(&account) {
                    held.remove(&r.role);
                    if held.is_empty() {
                        self.roles.remove(&account);
                    }
                }
            }
            _ => {}
        }
    }

    /// Stores the events of blocks up to `upto` (the journal's events of
    /// those blocks, oldest first) and everything they changed, in one
    /// transaction.
    pub async fn ingest(&mut self, journal: &[Logged], upto: u64) -> Result<Ingested> {
        let after = self.last_block.map_or(0, |b| b + 1);
        let journal: Vec<Logged> = journal.iter().filter(|l| l.block >= after && l.block <= upto).cloned().collect();
        let (events, skipped) = self.decode(&journal);
        self.fold(&events);
        let touched: BTreeSet<u32> = self
            .publisher
            .published()
            .releases
            .iter()
            .filter(|(tender, releases)| releases.len() > self.stored_releases.get(tender).copied().unwrap_or(0))
            .map(|(tender, _)| *tender)
            .collect();
        for tender in &touched {
            let releases = &self.publisher.published().releases[tender];
            // A release that breaks the schema is a fault of this code: the
            // batch stops before anything of it is stored.
            for release in &releases[self.stored_releases.get(tender).copied().unwrap_or(0)..] {
                let instance = Value::Object(release.clone());
                self.schemas
                    .check(deploy::ocds::schema::Kind::Release, &instance)
                    .map_err(|e| format!("release {} of tender {tender} is not valid OCDS: {e}", release["id"]))?;
            }
            if let Some(compiled) = merge::compile(releases) {
                self.compiled.insert(*tender, compiled);
            }
        }
        let flags = self.flags()?;
        let mut tx = self.store.pool.begin().await.map_err(|e| format!("database: begin: {e}"))?;
        for l in &journal {
            let topics: Vec<String> = l.topics.iter().map(|t| hex(t)).collect();
            sqlx::query(
                "INSERT INTO journal (block, idx, time_ms, emitter, topics, data, extrinsic) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (block, idx) DO NOTHING",
            )
            .bind(int(l.block))
            .bind(i64::from(l.index))
            .bind(int(l.time_ms))
            .bind(hex(l.emitter.as_ref()))
            .bind(topics.join(","))
            .bind(hex(&l.data))
            .bind(l.extrinsic.map(i64::from))
            .execute(&mut *tx)
            .await
            .map_err(|e| format!("database: storing block {}: {e}", l.block))?;
        }
        for (block, reason) in &skipped {
            sqlx::query("INSERT INTO skipped (block, reason) VALUES ($1, $2) ON CONFLICT (block) DO NOTHING")
                .bind(int(*block))
                .bind(reason)
                .execute(&mut *tx)
                .await
                .map_err(|e| format!("database: skipped: {e}"))?;
        }
        for happened in &events {
            let Some(entry) = crate::timeline::entry(happened, self.publisher.style()) else {
                continue;
            };
            sqlx::query(
                "INSERT INTO timeline (block, idx, tender, time_ms, kind, detail) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (block, idx) DO NOTHING",
            )
            .bind(int(entry.block))
            .bind(i64::from(entry.index))
            .bind(i64::from(entry.tender))
            .bind(int(entry.time_ms))
            .bind(entry.kind)
            .bind(entry.detail.to_string())
            .execute(&mut *tx)
            .await
            .map_err(|e| format!("database: timeline: {e}"))?;
        }
        let mut releases = 0;
        for tender in &touched {
            releases += self.store_tender(&mut tx, *tender, &flags).await?;
        }
        if !touched.is_empty() || !events.is_empty() {
            self.store_books(&mut tx, &flags).await?;
        }
        if events.iter().any(|h| matches!(h.event, SuiteEvent::Registry(_))) {
            self.store_roles(&mut tx).await?;
        }
        for happened in &events {
            if let SuiteEvent::Governor { id, change } = &happened.event {
                store_change(&mut tx, happened, *id, change).await?;
            }
        }
        sqlx::query("INSERT INTO progress (id, last_block) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET last_block = excluded.last_block")
            .bind(int(upto))
            .execute(&mut *tx)
            .await
            .map_err(|e| format!("database: progress: {e}"))?;
        tx.commit().await.map_err(|e| format!("database: commit: {e}"))?;
        for tender in &touched {
            self.stored_releases.insert(*tender, self.publisher.published().releases[tender].len());
        }
        self.last_block = Some(upto);
        Ok(Ingested { events: events.len(), releases, skipped: skipped.iter().map(|(b, _)| *b).collect(), last_block: upto })
    }

    /// The red flags over every process.
    fn flags(&self) -> Result<deploy::flags::Results> {
        self.publisher.published().flags(&self.suite.settings, self.compiled.values())
    }

    /// Writes one tender's row and its new releases.
    async fn store_tender(&self, tx: &mut sqlx::Transaction<'_, sqlx::Any>, tender: u32, flags: &deploy::flags::Results) -> Result<usize> {
        let published = self.publisher.published();
        let (Some(process), Some(compiled)) = (published.processes.get(&tender), self.compiled.get(&tender)) else {
            return Ok(0);
        };
        let row = crate::view::TenderRow::of(process, compiled, flags);
        sqlx::query(
            "INSERT INTO tenders (tender, ocid, title, status, line, line_code, estimate, published_ms, deadline_ms, bids, winner, awarded, paid, flags, compiled) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             ON CONFLICT (tender) DO UPDATE SET ocid = excluded.ocid, title = excluded.title, status = excluded.status, line = excluded.line, \
             line_code = excluded.line_code, estimate = excluded.estimate, published_ms = excluded.published_ms, deadline_ms = excluded.deadline_ms, \
             bids = excluded.bids, winner = excluded.winner, awarded = excluded.awarded, paid = excluded.paid, flags = excluded.flags, compiled = excluded.compiled",
        )
        .bind(i64::from(tender))
        .bind(&row.ocid)
        .bind(&row.title)
        .bind(&row.status)
        .bind(i64::from(row.line))
        .bind(&row.line_code)
        .bind(row.estimate.to_string())
        .bind(int(row.published_ms))
        .bind(int(row.deadline_ms))
        .bind(int(row.bids))
        .bind(row.winner.clone())
        .bind(row.awarded.map(|a| a.to_string()))
        .bind(row.paid.to_string())
        .bind(serde_json::to_string(&row.flags).map_err(|e| e.to_string())?)
        .bind(serde_json::to_string(compiled).map_err(|e| e.to_string())?)
        .execute(&mut **tx)
        .await
        .map_err(|e| format!("database: tender {tender}: {e}"))?;
        let releases = &published.releases[&tender];
        let from = self.stored_releases.get(&tender).copied().unwrap_or(0);
        for release in &releases[from..] {
            let id = release["id"].as_str().unwrap_or_default();
            let (block, index) = id.split_once('-').unwrap_or(("0", "0"));
            sqlx::query("INSERT INTO releases (ocid, id, tender, block, idx, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (ocid, id) DO NOTHING")
                .bind(&row.ocid)
                .bind(id)
                .bind(i64::from(tender))
                .bind(block.parse::<i64>().unwrap_or(0))
                .bind(index.parse::<i64>().unwrap_or(0))
                .bind(serde_json::to_string(release).map_err(|e| e.to_string())?)
                .execute(&mut **tx)
                .await
                .map_err(|e| format!("database: release {id}: {e}"))?;
        }
        let payments = process.contract.as_ref().map(|c| c.payments.clone()).unwrap_or_default();
        let style = self.publisher.style();
        for p in payments {
            let payee = process.contract.as_ref().map(|c| c.vendor.clone()).unwrap_or_else(|| AccountId32::new([0; 32]));
            sqlx::query(
                "INSERT INTO payments (id, tender, ocid, time_ms, amount, payee, payee_name, purpose) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (id) DO UPDATE SET purpose = excluded.purpose",
            )
            .bind(&p.id)
            .bind(i64::from(tender))
            .bind(&row.ocid)
            .bind(int(p.date_ms))
            .bind(p.amount.to_string())
            .bind(style.party_id(&payee))
            .bind(style.name_of(&payee))
            .bind(&p.purpose)
            .execute(&mut **tx)
            .await
            .map_err(|e| format!("database: payment {}: {e}", p.id))?;
        }
        Ok(releases.len() - from)
    }

    /// Rewrites the budget lines, the vendors and the overall flags.
    async fn store_books(&self, tx: &mut sqlx::Transaction<'_, sqlx::Any>, flags: &deploy::flags::Results) -> Result<()> {
        for (line, books) in &self.lines {
            sqlx::query(
                "INSERT INTO lines (line, code, appropriated, reserved, committed, paid) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (line) DO UPDATE SET code = excluded.code, appropriated = excluded.appropriated, reserved = excluded.reserved, \
                 committed = excluded.committed, paid = excluded.paid",
            )
            .bind(i64::from(*line))
            .bind(&books.code)
            .bind(books.appropriated.to_string())
            .bind(books.reserved.to_string())
            .bind(books.committed.to_string())
            .bind(books.paid.to_string())
            .execute(&mut **tx)
            .await
            .map_err(|e| format!("database: line {line}: {e}"))?;
        }
        for vendor in crate::view::vendors(self.publisher.published(), self.publisher.style()) {
            sqlx::query(
                "INSERT INTO vendors (id, name, bids, won, awarded, paid) VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, bids = excluded.bids, won = excluded.won, awarded = excluded.awarded, paid = excluded.paid",
            )
            .bind(&vendor.id)
            .bind(&vendor.name)
            .bind(int(vendor.bids))
            .bind(int(vendor.won))
            .bind(vendor.awarded.to_string())
            .bind(vendor.paid.to_string())
            .execute(&mut **tx)
            .await
            .map_err(|e| format!("database: vendor: {e}"))?;
        }
        let flags = serde_json::to_string(flags).map_err(|e| e.to_string())?;
        sqlx::query("INSERT INTO meta (name, value) VALUES ('flags', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
            .bind(flags)
            .execute(&mut **tx)
            .await
            .map_err(|e| format!("database: flags: {e}"))?;
        let settings = serde_json::json!({
            "currency": self.suite.publication.currency,
            "symbol": self.suite.money.symbol,
            "decimals": self.suite.money.decimals,
            "publisher": self.suite.publication.publisher,
            "buyer": self.suite.publication.buyer,
            "uri": self.suite.publication.uri,
            "contracts": self.suite.contracts.iter().map(|(name, address)| (name.clone(), self.publisher.style().party_id(address))).collect::<BTreeMap<_, _>>(),
        });
        sqlx::query("INSERT INTO meta (name, value) VALUES ('publication', $1) ON CONFLICT (name) DO UPDATE SET value = excluded.value")
            .bind(settings.to_string())
            .execute(&mut **tx)
            .await
            .map_err(|e| format!("database: publication: {e}"))?;
        Ok(())
    }

    /// Rewrites who holds which role.
    async fn store_roles(&self, tx: &mut sqlx::Transaction<'_, sqlx::Any>) -> Result<()> {
        sqlx::query("DELETE FROM roles").execute(&mut **tx).await.map_err(|e| format!("database: roles: {e}"))?;
        for (account, roles) in &self.roles {
            for role in roles {
                sqlx::query("INSERT INTO roles (account, role) VALUES ($1, $2)")
                    .bind(self.publisher.style().party_id(account))
                    .bind(format!("{role:?}"))
                    .execute(&mut **tx)
                    .await
                    .map_err(|e| format!("database: roles: {e}"))?;
            }
        }
        Ok(())
    }

    /// The line books as the events left them.
    pub fn lines(&self) -> &BTreeMap<u32, LineBooks> {
        &self.lines
    }
}

/// Records what happened to a scheduled change: announced (a new row),
/// cancelled or executed (its row updated). Rows are the events' own
/// record, so a restart that replays the journal needs nothing of them.
async fn store_change(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    happened: &Happened,
    id: u32,
    change: &governor::events::Change,
) -> Result<()> {
    use governor::events::Change;
    let party = |account: &ink::primitives::AccountId| deploy::chain::arg(&deploy::chain::from_ink(account));
    let query = match change {
        Change::Scheduled(s) => sqlx::query(
            "INSERT INTO changes (id, action, scheduled_block, scheduled_ms, scheduled_by, eta_ms, expires_ms, state) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending') ON CONFLICT (id) DO NOTHING",
        )
        .bind(i64::from(id))
        .bind(deploy::govern::action_json(&s.action).to_string())
        .bind(int(happened.block))
        .bind(int(happened.time_ms))
        .bind(party(&s.by))
        .bind(int(s.eta))
        .bind(int(s.expires)),
        Change::Cancelled(c) => sqlx::query("UPDATE changes SET state = 'cancelled', done_ms = $2, done_by = $3 WHERE id = $1")
            .bind(i64::from(id))
            .bind(int(happened.time_ms))
            .bind(party(&c.by)),
        Change::Executed(e) => {
            sqlx::query("UPDATE changes SET state = 'executed', done_ms = $2, done_by = $3, migrated_from = $4 WHERE id = $1")
                .bind(i64::from(id))
                .bind(int(happened.time_ms))
                .bind(party(&e.by))
                .bind(e.migrated_from.map(i64::from))
        }
    };
    query.execute(&mut **tx).await.map_err(|e| format!("database: changes: {e}"))?;
    Ok(())
}
