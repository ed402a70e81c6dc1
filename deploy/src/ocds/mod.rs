//! Open contracting data: the suite's history published as OCDS 1.1.5.
//!
//! The chain's journal of contract events ([`crate::chain::Chain::journal`])
//! is decoded ([`decode`]) and folded, in block order, into one contracting
//! process per tender ([`process::Process`], ocid
//! `ocds-<prefix>-<deployment>-<tender>`). Every event that changes what
//! OCDS describes becomes a release: id `<block>-<index>` (unique and stable:
//! the event's place in the chain), date the block's timestamp, tags from
//! the kind of change, and the sections it changed written in full. Records
//! carry the releases and their compiled release ([`merge::compile`]).
//! docs/ARCHITECTURE.md ("Open contracting data") maps every event to the
//! fields it fills.
//!
//! Everything comes from events and the block times: the tender's method,
//! milestone plan and standstill are in `TenderPublished`; a milestone's
//! amount and due date are the plan scaled to the price at conclusion
//! (`tranche::scale_plan`, the escrow's own rule); the budget line's code
//! and appropriation come from the budget's `LineOpened` and
//! `AppropriationChanged`.

pub mod decode;
pub mod merge;
pub mod process;
pub mod schema;

use std::collections::BTreeMap;
use std::path::Path;

use drink::{AccountId32, Ss58Codec};
use serde_json::{json, Map, Value};

use crate::chain::Logged;
use crate::config::Publication;
use crate::money::Currency;
use decode::{Happened, SuiteEvent};
use process::{BidRecord, BidStatus, ContractRecord, MilestoneRecord, Payment, Process, Section};

/// The OCDS version published.
pub const VERSION: &str = "1.1";

/// The bid extension the releases use, as packages list it.
pub const BID_EXTENSION: &str = "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json";

/// The identifier scheme of every party: its account as an SS58 address
/// (generic prefix 42), which is what wallets and explorers show.
pub const PARTY_SCHEME: &str = "SUBSTRATE-SS58";

/// A date as OCDS writes it (RFC 3339, UTC).
pub fn rfc3339(ms: u64) -> String {
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        .unwrap_or_else(|| "9999-12-31T23:59:59Z".into())
}

/// How the publication writes amounts, parties and dates.
#[derive(Debug, Clone)]
pub struct Style {
    /// The ISO 4217 code of the amounts (`XXX` for a chain token).
    pub currency: String,
    /// The chain's currency, for its decimals and symbol.
    pub money: Currency,
    /// The buyer: the registry's Admin.
    pub buyer: AccountId32,
    pub buyer_name: String,
    /// The budget contract: the payer of every transaction.
    pub treasury: AccountId32,
    /// Known names of accounts (the config's), else the address is used.
    pub names: BTreeMap<AccountId32, String>,
    /// Base URI of the publication.
    pub uri: String,
    /// SS58 addresses already encoded.
    pub ids: std::sync::Arc<std::sync::Mutex<BTreeMap<AccountId32, String>>>,
}

impl Style {
    /// A party's id: its SS58 address.
    pub fn party_id(&self, account: &AccountId32) -> String {
        // Encoding an address hashes it; a history names the same few
        // accounts thousands of times.
        let mut ids = self.ids.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        ids.entry(account.clone()).or_insert_with(|| account.to_ss58check()).clone()
    }

    /// A party's name: the config's, else its address.
    pub fn name_of(&self, account: &AccountId32) -> String {
        if *account == self.buyer {
            return self.buyer_name.clone();
        }
        self.names.get(account).cloned().unwrap_or_else(|| self.party_id(account))
    }

    /// An organization with its roles.
    pub fn organization(&self, account: &AccountId32, roles: &[&str]) -> Value {
        let id = self.party_id(account);
        json!({
            "id": id,
            "name": self.name_of(account),
            "identifier": { "scheme": PARTY_SCHEME, "id": id },
            "roles": roles,
        })
    }

    /// `amount` of the chain's smallest unit in whole units of the
    /// currency, as a JSON number.
    pub fn amount(&self, amount: u128) -> f64 {
        self.money.decimal(amount).parse().unwrap_or(f64::NAN)
    }

    /// An OCDS Value: the amount in whole units, the currency code, and the
    /// exact chain amount (an integer in the smallest unit, as text: it can
    /// exceed JSON's exact integers).
    pub fn value(&self, amount: u128) -> Value {
        json!({ "amount": self.amount(amount), "currency": self.currency, "chainAmount": amount.to_string() })
    }

    /// An amount for people.
    pub fn show(&self, amount: u128) -> String {
        self.money.show(amount)
    }

    pub fn date(&self, ms: u64) -> String {
        rfc3339(ms)
    }
}

/// One release before it is written: the event's place, date and tags, and
/// the sections it changed.
#[derive(Debug, Clone)]
struct Pending {
    tender: u32,
    block: u64,
    index: u32,
    time_ms: u64,
    tags: Vec<&'static str>,
    sections: Vec<Section>,
}

/// The publication of a suite's history: every process, its releases and
/// what the folding noticed.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// Tender -> its process, in tender order.
    pub processes: BTreeMap<u32, Process>,
    /// Tender -> its releases, in order.
    pub releases: BTreeMap<u32, Vec<Map<String, Value>>>,
    /// How many suite events were folded.
    pub events: usize,
    /// How the releases were written (set when folding starts).
    pub style: Option<Style>,
}

/// Folds a suite's history into OCDS.
pub struct Publisher {
    settings: Publication,
    style: Style,
    /// Budget lines: code and current appropriation.
    lines: BTreeMap<u32, (String, u128)>,
    /// Queued release -> what it pays, once the escrow says.
    queued: BTreeMap<u64, String>,
    /// Accounts that deposited into the treasury (the funders).
    funders: Vec<AccountId32>,
    /// Each process as its releases so far compile.
    published: BTreeMap<u32, Map<String, Value>>,
    out: Published,
}

impl Publisher {
    /// A publisher for a suite whose buyer (Admin) and budget contract are
    /// given, writing amounts in `money`'s decimals.
    pub fn new(
        settings: &Publication,
        money: Currency,
        buyer: AccountId32,
        treasury: AccountId32,
        names: BTreeMap<AccountId32, String>,
    ) -> Publisher {
        let style = Style {
            currency: settings.currency.clone(),
            money,
            buyer,
            buyer_name: settings.buyer.clone(),
            treasury,
            names,
            uri: settings.uri.trim_end_matches(['/', ':']).to_string(),
            ids: Default::default(),
        };
        Publisher {
            settings: settings.clone(),
            style,
            lines: BTreeMap::new(),
            queued: BTreeMap::new(),
            funders: Vec::new(),
            published: BTreeMap::new(),
            out: Published::default(),
        }
    }

    pub fn style(&self) -> &Style {
        &self.style
    }

    /// The ocid of `tender`.
    pub fn ocid(&self, tender: u32) -> String {
        format!("ocds-{}-{}-{tender}", self.settings.prefix, self.settings.deployment)
    }

    /// Folds decoded events, in order.
    pub fn fold(&mut self, events: &[Happened]) {
        self.out.style = Some(self.style.clone());
        for happened in events {
            if matches!(happened.event, SuiteEvent::Registry(_) | SuiteEvent::Governor { .. }) {
                continue;
            }
            self.out.events += 1;
            if let Some(pending) = self.apply(happened) {
                self.emit(pending);
            }
        }
    }

    /// The publication so far.
    pub fn finish(self) -> Published {
        self.out
    }

    /// The publication so far, while folding goes on (an indexer folds
    /// block after block).
    pub fn published(&self) -> &Published {
        &self.out
    }

    /// Writes the release of `pending` from the process's current state.
    fn emit(&mut self, pending: Pending) {
        let Some(process) = self.out.processes.get(&pending.tender) else {
            return;
        };
        let mut release = Map::new();
        release.insert("ocid".into(), json!(process.ocid));
        release.insert("id".into(), json!(format!("{}-{}", pending.block, pending.index)));
        release.insert("date".into(), json!(rfc3339(pending.time_ms)));
        release.insert("tag".into(), json!(pending.tags));
        release.insert("initiationType".into(), json!("tender"));
        release.insert("language".into(), json!("en"));
        let mut sections = vec![Section::Parties, Section::Buyer];
        sections.extend(pending.sections.iter().copied().filter(|s| !matches!(s, Section::Parties | Section::Buyer)));
        // A release carries what changed since the process's last release:
        // merging keeps the rest.
        let published = self.published.entry(pending.tender).or_default();
        for section in sections {
            if let Some(value) = process.section(section, &self.style) {
                if let Some(changed) = merge::changed(published.get(section.key()), &value) {
                    release.insert(section.key().into(), changed);
                }
            }
        }
        merge::merge_into(published, &release);
        self.out.releases.entry(pending.tender).or_default().push(release);
    }

    fn pending(h: &Happened, tender: u32, tags: &[&'static str], sections: &[Section]) -> Option<Pending> {
        Some(Pending { tender, block: h.block, index: h.index, time_ms: h.time_ms, tags: tags.to_vec(), sections: sections.to_vec() })
    }

    /// Applies one event; the release it makes, if any.
    fn apply(&mut self, h: &Happened) -> Option<Pending> {
        match &h.event {
            SuiteEvent::Line(change) => {
                self.line(change);
                None
            }
            SuiteEvent::Treasury(budget::events::TreasuryChange::Deposited(d)) => {
                let from = crate::chain::from_ink(&d.from);
                if !self.funders.contains(&from) {
                    self.funders.push(from);
                }
                None
            }
            SuiteEvent::Treasury(_) => None,
            SuiteEvent::Tender(change) => self.tender(h, change),
            SuiteEvent::Bid(change) => self.bid(h, change),
            SuiteEvent::Evaluation(change) => self.evaluation(h, change),
            SuiteEvent::Agreement { agreement, tender, change, .. } => self.agreement(h, *tender, *agreement, change),
            SuiteEvent::Funds(change) => self.funds(h, change),
            SuiteEvent::Registry(_) | SuiteEvent::Governor { .. } => None,
        }
    }

    fn line(&mut self, change: &budget::events::LineChange) {
        use budget::events::LineChange;
        match change {
            LineChange::LineOpened(o) => {
                self.lines.insert(o.line, (String::from_utf8_lossy(&o.code).into_owned(), o.appropriation));
            }
            LineChange::AppropriationChanged(c) => {
                if let Some(line) = self.lines.get_mut(&c.line) {
                    line.1 = c.new;
                }
            }
            LineChange::LineClosed(_) => {}
        }
    }

    fn tender(&mut self, h: &Happened, change: &tender::events::TenderChange) -> Option<Pending> {
        use tender::events::TenderChange;
        use Section::*;
        let id = change.tender();
        match change {
            TenderChange::TenderPublished(p) => {
                let mut process = Process::published(self.ocid(id), h.time_ms, p);
                process.budget = self.lines.get(&p.line).cloned();
                process.role(&self.style.treasury, "payer");
                for funder in &self.funders {
                    process.role(funder, "funder");
                }
                // A re-tender: the same line and dossier as a process that
                // ended without a contract.
                process.retender_of = self
                    .out
                    .processes
                    .values()
                    .rev()
                    .find(|earlier| {
                        earlier.line == p.line
                            && earlier.dossier == process.dossier
                            && matches!(earlier.status, "unsuccessful" | "cancelled")
                    })
                    .map(|earlier| earlier.ocid.clone());
                self.out.processes.insert(id, process);
                Self::pending(h, id, &["planning", "tender"], &[Planning, Tender, RelatedProcesses])
            }
            TenderChange::TenderAmended(a) => {
                let process = self.out.processes.get_mut(&id)?;
                process.submission_deadline = a.submission_deadline;
                process.reveal_deadline = a.reveal_deadline;
                let dossier: [u8; 32] = a.dossier.into();
                process.dossier = dossier;
                let doc_id = format!("dossier-{}", a.amendment);
                process.documents.push(process::document(
                    &doc_id,
                    "biddingDocuments",
                    &format!("Tender dossier, amendment {}", a.amendment),
                    &dossier,
                    h.time_ms,
                ));
                process.amendments.push(json!({
                    "id": format!("amendment-{}", a.amendment),
                    "date": rfc3339(h.time_ms),
                    "rationale": "The procurement officer amended the dossier and deadlines before the submission deadline",
                    "description": format!(
                        "Submission deadline {}, reveal deadline {}; new dossier {}",
                        rfc3339(a.submission_deadline),
                        rfc3339(a.reveal_deadline),
                        doc_id
                    ),
                }));
                Self::pending(h, id, &["tenderAmendment"], &[Tender])
            }
            TenderChange::TenderCancelled(_) => {
                let process = self.out.processes.get_mut(&id)?;
                process.status = "cancelled";
                process.status_details = Some("Cancelled by the procurement officer; the reservation went back to the line".into());
                Self::pending(h, id, &["tenderCancellation"], &[Tender, Bids])
            }
            TenderChange::TenderUnsuccessful(_) => {
                let process = self.out.processes.get_mut(&id)?;
                process.status = "unsuccessful";
                process.close_reveals();
                if process.status_details.is_none() {
                    process.status_details = Some("Closed without an agreement".into());
                }
                Self::pending(h, id, &["tenderUpdate"], &[Tender, Bids])
            }
        }
    }

    fn bid(&mut self, h: &Happened, change: &tender::events::BidChange) -> Option<Pending> {
        use tender::events::BidChange;
        use Section::*;
        let (id, bidder) = change.subject();
        let bidder = crate::chain::from_ink(&bidder);
        let process = self.out.processes.get_mut(&id)?;
        match change {
            BidChange::BidCommitted(c) => {
                if c.replaced {
                    if let Some(bid) = process.bid_of(&bidder) {
                        bid.date_ms = h.time_ms;
                    }
                } else {
                    let index = process.bids.len();
                    process.bids.push(BidRecord {
                        id: format!("bid-{}", index + 1),
                        bidder: bidder.clone(),
                        status: BidStatus::Pending,
                        date_ms: h.time_ms,
                        price: None,
                        proposal: None,
                        rank: None,
                        was_ranked: false,
                        details: None,
                    });
                    process.live_bid.insert(bidder.clone(), index);
                    process.role(&bidder, "tenderer");
                }
                Self::pending(h, id, &["tenderUpdate"], &[Tender, Bids])
            }
            BidChange::BidWithdrawn(_) => {
                let bid = process.bid_of(&bidder)?;
                bid.status = BidStatus::Withdrawn;
                process.live_bid.remove(&bidder);
                Self::pending(h, id, &["tenderUpdate"], &[Tender, Bids])
            }
            BidChange::BidRevealed(r) => {
                let index = *process.live_bid.get(&bidder)?;
                let bid = process.bids.get_mut(index)?;
                bid.price = Some(r.price);
                bid.proposal = Some(r.proposal.into());
                if r.valid {
                    bid.status = BidStatus::Valid;
                    process.entries.push(index);
                } else {
                    bid.status = BidStatus::Disqualified;
                    bid.details = Some("revealed price above the estimate or below the lowest price the milestone plan can pay".into());
                }
                Self::pending(h, id, &["tenderUpdate"], &[Bids])
            }
            BidChange::BondForfeited(_) => {
                let bid = process.bid_of(&bidder)?;
                if bid.status == BidStatus::Pending {
                    bid.status = BidStatus::Disqualified;
                    bid.details = Some("not revealed before the reveal deadline; its bond went to the treasury".into());
                }
                Self::pending(h, id, &["tenderUpdate"], &[Bids])
            }
            // Bonds going back and the tender's own award record change no
            // OCDS field: the evaluation's events carry the award.
            BidChange::BondClaimed(_) | BidChange::TenderAwarded(_) | BidChange::WinnerBondSettled(_) => None,
        }
    }

    fn evaluation(&mut self, h: &Happened, change: &evaluation::events::Change) -> Option<Pending> {
        use evaluation::events::Change;
        use Section::*;
        let id = change.tender();
        let process = self.out.processes.get_mut(&id)?;
        match change {
            Change::CommitteeAppointed(a) => {
                process.close_reveals();
                process.status_details = Some(format!("Under evaluation by a committee of {}", a.members.len()));
                Self::pending(h, id, &["tenderUpdate"], &[Tender, Bids])
            }
            Change::Declared(d) => {
                if d.interest == evaluation::Interest::Conflict {
                    process.conduct.conflicts += 1;
                }
                None
            }
            Change::MemberReplaced(_) | Change::Scored(_) | Change::InspectorReplaced(_) | Change::WinnerSettled(_) => None,
            Change::Ranked(r) => {
                let ranked: Vec<usize> = r.ranking.iter().filter_map(|(entry, _)| process.entries.get(*entry as usize).copied()).collect();
                for bid in &mut process.bids {
                    bid.rank = None;
                }
                for (position, index) in (1u32..).zip(ranked.iter()) {
                    if let Some(bid) = process.bids.get_mut(*index) {
                        bid.rank = Some(position);
                        bid.was_ranked = true;
                    }
                }
                // A valid bid left out of the first ranking fell below the
                // quality floor.
                if r.round <= 1 {
                    for index in process.entries.clone() {
                        if !ranked.contains(&index) {
                            if let Some(bid) = process.bids.get_mut(index) {
                                bid.status = BidStatus::Disqualified;
                                bid.details = Some("below the evaluation's minimum quality".into());
                            }
                        }
                    }
                }
                Self::pending(h, id, &["tenderUpdate"], &[Bids])
            }
            Change::ProvisionallyAwarded(a) => {
                let bid = *process.entries.get(a.bid as usize)?;
                let supplier = crate::chain::from_ink(&a.winner);
                process.awards.push(process::AwardRecord {
                    round: a.round,
                    bid,
                    supplier: supplier.clone(),
                    price: a.price,
                    date_ms: h.time_ms,
                    standstill_ends: a.standstill_ends,
                    status: "pending",
                    details: format!("Provisional award; standstill until {}", rfc3339(a.standstill_ends)),
                    documents: Vec::new(),
                });
                process.role(&supplier, "supplier");
                process.status_details = Some("Provisionally awarded; standstill running".into());
                Self::pending(h, id, &["award"], &[Tender, Awards])
            }
            Change::AwardSetAside(s) => {
                let award = process.awards.iter_mut().find(|a| a.round == s.round)?;
                award.status = "cancelled";
                award.details = match s.cause {
                    evaluation::SetAside::Protest => "Set aside: an Auditor upheld a protest".into(),
                    evaluation::SetAside::Lapsed => "Set aside: the winner let the offered agreement lapse".into(),
                    evaluation::SetAside::SecurityWithdrawn => "Set aside: the bidder had taken its bid security back".into(),
                    evaluation::SetAside::Stalled => "Set aside: the award could not be concluded in time".into(),
                };
                Self::pending(h, id, &["awardCancellation"], &[Awards])
            }
            Change::Protested(p) => {
                let bidder = crate::chain::from_ink(&p.bidder);
                let award = process.awards.iter_mut().find(|a| a.round == p.round)?;
                award.documents.push(complaint(
                    format!("protest-{}", p.protest),
                    format!("Protest {} by a bidder", p.protest),
                    &p.grounds,
                    h,
                ));
                award.details = format!("Protest {} lodged by {} during the standstill", p.protest, self.style.name_of(&bidder));
                Self::pending(h, id, &["awardUpdate"], &[Awards])
            }
            Change::ProtestSettled(s) => {
                let auditor = crate::chain::from_ink(&s.by);
                let (word, reasons) = match s.state {
                    evaluation::ProtestState::Upheld(r) => ("upheld", Some(r)),
                    evaluation::ProtestState::Rejected(r) => ("rejected", Some(r)),
                    evaluation::ProtestState::Overdue => ("not decided in time (bond refunded; the award stands)", None),
                    evaluation::ProtestState::Moot => ("moot: the award was set aside on other grounds", None),
                    evaluation::ProtestState::Open => ("open", None),
                };
                if word == "upheld" {
                    process.conduct.upheld_protests += 1;
                }
                if reasons.is_some() {
                    process.role(&auditor, "reviewBody");
                }
                let award = process
                    .awards
                    .iter_mut()
                    .rev()
                    .find(|a| a.documents.iter().any(|d| d["id"] == json!(format!("protest-{}", s.protest))))?;
                if let Some(reasons) = reasons {
                    let id = format!("protest-{}-decision", s.protest);
                    award.documents.push(complaint(id, format!("Decision on protest {}", s.protest), &reasons, h));
                }
                if award.status == "pending" {
                    award.details = format!("Protest {} {word}", s.protest);
                }
                Self::pending(h, id, &["awardUpdate"], &[Awards])
            }
            Change::Concluded(c) => {
                let award = process.awards.last_mut()?;
                award.status = "active";
                award.details = format!("Concluded: agreement {} offered to the winner", c.agreement);
                process.status = "complete";
                process.status_details = Some("Awarded".into());
                process.role(&crate::chain::from_ink(&c.winner), "payee");
                Self::pending(h, id, &["awardUpdate"], &[Tender, Awards])
            }
            Change::ClosedUnsuccessful(_) => {
                process.status = "unsuccessful";
                process.close_reveals();
                process.status_details = Some("Closed unsuccessful: no bid could be awarded".into());
                Self::pending(h, id, &["tenderUpdate"], &[Tender, Bids])
            }
        }
    }

    fn agreement(&mut self, h: &Happened, id: u32, agreement: u32, change: &escrow::events::Change) -> Option<Pending> {
        use escrow::events::Change;
        use Section::*;
        let process = self.out.processes.get_mut(&id)?;
        let round = process.awards.last().map_or(0, |a| a.round);
        if let Change::Created(c) = change {
            let shares: Vec<u16> = process.plan.iter().map(|m| m.share_bps).collect();
            let amounts = procurement_shared::tranche::scale_plan(c.price, &shares).unwrap_or_default();
            let milestones = process
                .plan
                .iter()
                .zip(amounts)
                .map(|(m, amount)| MilestoneRecord {
                    amount,
                    due_ms: h.time_ms.saturating_add(m.due_offset_ms),
                    status: "scheduled",
                    date_met: None,
                    modified: None,
                    description: format!(
                        "{} % of the price; description hash {}",
                        f64::from(m.share_bps) / 100.0,
                        crate::chain::hex(m.description.as_ref())
                    ),
                    documents: Vec::new(),
                    days_late: 0,
                })
                .collect();
            process.contract = Some(ContractRecord {
                agreement,
                round,
                vendor: crate::chain::from_ink(&c.vendor),
                price: c.price,
                status: "pending",
                details: Some(format!("Offered; to be signed by {}", rfc3339(c.sign_by))),
                created_ms: h.time_ms,
                signed_ms: None,
                ended_ms: None,
                milestones,
                payments: Vec::new(),
                documents: Vec::new(),
            });
            return Self::pending(h, id, &["contract"], &[Contracts]);
        }
        let contract = process.contract.as_mut()?;
        fn milestone(contract: &mut ContractRecord, m: u8) -> Option<&mut MilestoneRecord> {
            contract.milestones.get_mut(usize::from(m))
        }
        let mut paid: Option<(Option<procurement_shared::ReleaseOutcome>, String)> = None;
        let (tags, details): (&[&'static str], Option<String>) = match change {
            Change::Created(_) => return None,
            Change::Signed(_) => {
                contract.status = "active";
                contract.signed_ms = Some(h.time_ms);
                (&["contractUpdate"], Some("Signed by the vendor".into()))
            }
            Change::Lapsed(_) => {
                contract.status = "cancelled";
                (&["contractUpdate"], Some("Lapsed: not signed by the deadline".into()))
            }
            Change::Delivered(d) => {
                let m = milestone(contract, d.milestone)?;
                m.documents.push(process::document(
                    &format!("milestone-{}-delivery-{}", d.milestone + 1, d.delivery),
                    "physicalProgressReport",
                    &format!("Delivery {} of milestone {}", d.delivery, d.milestone + 1),
                    &d.evidence.into(),
                    h.time_ms,
                ));
                m.modified = Some(h.time_ms);
                m.days_late = d.days_late;
                if d.days_late > 0 {
                    process.conduct.late_deliveries += 1;
                }
                (&["implementation"], None)
            }
            Change::Approved(a) => {
                let m = milestone(contract, a.milestone)?;
                m.status = "met";
                m.date_met = Some(h.time_ms);
                m.modified = Some(h.time_ms);
                paid = Some((a.release, format!("milestone {}", a.milestone + 1)));
                (&["implementation"], None)
            }
            Change::Rejected(r) => {
                let m = milestone(contract, r.milestone)?;
                m.status = "notMet";
                m.modified = Some(h.time_ms);
                process.conduct.rejections += 1;
                (&["implementation"], None)
            }
            Change::Escalated(_) | Change::EscalationDecided(_) | Change::WarrantyStarted(_) | Change::DefectClaimed(_) => return None,
            Change::ClaimDecided(c) => {
                if c.ruling != procurement_shared::Ruling::Uphold {
                    return None;
                }
                contract.status = "terminated";
                contract.ended_ms = Some(h.time_ms);
                (&["contractTermination"], Some("Ended: an Auditor upheld a defect claim; the retention went back to the line".into()))
            }
            Change::Completed(c) => {
                contract.status = "terminated";
                contract.ended_ms = Some(h.time_ms);
                paid = Some((c.release, "retention".into()));
                (&["contractTermination"], Some("Completed: every milestone met and the warranty over; retention released".into()))
            }
            Change::Terminated(t) => {
                contract.status = "terminated";
                contract.ended_ms = Some(h.time_ms);
                process.conduct.terminated = true;
                let reasons: [u8; 32] = t.reason.into();
                contract.documents.push(process::document(
                    "termination",
                    "cancellationDetails",
                    "Reasons for the termination",
                    &reasons,
                    h.time_ms,
                ));
                let why = match t.termination {
                    escrow::Termination::Convenience => "for the authority's convenience".to_string(),
                    escrow::Termination::Default { milestone } => format!("for the vendor's default on milestone {}", milestone + 1),
                };
                paid = Some((t.release, "retention".into()));
                (&["contractTermination"], Some(format!("Terminated {why}")))
            }
        };
        if let Some((release, purpose)) = paid {
            self.purpose(id, h, release, purpose);
        }
        let process = self.out.processes.get_mut(&id)?;
        if let (Some(details), Some(contract)) = (details, process.contract.as_mut()) {
            contract.details = Some(details);
        }
        Self::pending(h, id, tags, &[Contracts])
    }

    /// Names what a release paid: a payment of the same block paid at once,
    /// or a queued release paid later.
    fn purpose(&mut self, tender: u32, h: &Happened, release: Option<procurement_shared::ReleaseOutcome>, purpose: String) {
        match release {
            Some(procurement_shared::ReleaseOutcome::Queued(r)) => {
                self.queued.insert(r, purpose);
            }
            Some(procurement_shared::ReleaseOutcome::Paid) => {
                let prefix = format!("{}-", h.block);
                let contract = self.out.processes.get_mut(&tender).and_then(|p| p.contract.as_mut());
                if let Some(payment) = contract.and_then(|c| c.payments.iter_mut().rev().find(|p| p.id.starts_with(&prefix))) {
                    payment.purpose = purpose;
                }
            }
            None => {}
        }
    }

    fn funds(&mut self, h: &Happened, change: &budget::events::FundsChange) -> Option<Pending> {
        use budget::events::FundsChange;
        let FundsChange::Released(r) = change else {
            return None;
        };
        let process = self.out.processes.get_mut(&r.tender)?;
        let contract = process.contract.as_mut()?;
        let purpose = r.release.and_then(|id| self.queued.remove(&id)).unwrap_or_else(|| "payment".into());
        contract.payments.push(Payment { id: format!("{}-{}", h.block, h.index), date_ms: h.time_ms, amount: r.amount, purpose });
        Self::pending(h, r.tender, &["implementation"], &[Section::Contracts])
    }
}

impl Published {
    /// The red flags of this publication: the indicators over `compiled`
    /// (its compiled releases) and the suite's conduct indicators of its
    /// processes.
    pub fn flags<'r>(
        &self,
        settings: &crate::flags::Settings,
        compiled: impl IntoIterator<Item = &'r Map<String, Value>>,
    ) -> Result<crate::flags::Results, String> {
        let mut flags = crate::flags::Indicators::run(settings, compiled)?;
        crate::flags::conduct(settings, &mut flags, self.processes.values().map(|p| (&p.ocid, &p.conduct)));
        Ok(flags)
    }

    /// The state of `tender`'s process in OCDS form: what compiling its
    /// releases must give (without `id`, `date` and `tag`).
    pub fn snapshot(&self, tender: u32) -> Option<Map<String, Value>> {
        Some(self.processes.get(&tender)?.snapshot(self.style.as_ref()?))
    }

    /// The compiled release of each process, in tender order.
    pub fn compiled(&self) -> Vec<Map<String, Value>> {
        self.releases.values().filter_map(|releases| merge::compile(releases)).collect()
    }

    /// Every release, process by process.
    pub fn all_releases(&self) -> Vec<&Map<String, Value>> {
        self.releases.values().flatten().collect()
    }

    /// The release package of the releases from block `from` on (`None`
    /// if there are none).
    pub fn release_package(&self, settings: &Publication, published: &str, from: u64) -> Option<Value> {
        let releases: Vec<&Map<String, Value>> = self.all_releases().into_iter().filter(|r| block_of(r) >= from).collect();
        package(settings, published, "releases", json!(releases))
    }

    /// The record package: per ocid its releases (embedded) and compiled
    /// release.
    pub fn record_package(&self, settings: &Publication, published: &str) -> Option<Value> {
        let records: Vec<Value> = self
            .releases
            .values()
            .filter_map(|releases| {
                let compiled = merge::compile(releases)?;
                Some(json!({ "ocid": compiled["ocid"], "releases": releases, "compiledRelease": compiled }))
            })
            .collect();
        package(settings, published, "records", json!(records))
    }
}

/// A package of `items` (`releases` or `records`), `None` if there are
/// none: its URI is the publication's with the kind appended.
fn package(settings: &Publication, published: &str, kind: &str, items: Value) -> Option<Value> {
    if items.as_array().is_none_or(Vec::is_empty) {
        return None;
    }
    let mut package = json!({
        "uri": format!("{}:{kind}", settings.uri.trim_end_matches(['/', ':'])),
        "version": VERSION,
        "extensions": [BID_EXTENSION],
        "publishedDate": published,
        "publisher": { "name": settings.publisher },
    });
    package[kind] = items;
    Some(package)
}

/// A protest's grounds or its decision, as a document of the award.
fn complaint(id: String, title: String, hash: &ink::primitives::Hash, at: &Happened) -> Value {
    let bytes: [u8; 32] = (*hash).into();
    process::document(&id, "complaints", &title, &bytes, at.time_ms)
}

/// The block a release's id names (`<block>-<index>`).
pub fn block_of(release: &Map<String, Value>) -> u64 {
    let id = release.get("id").and_then(Value::as_str).unwrap_or_default();
    id.split('-').next().and_then(|b| b.parse().ok()).unwrap_or(0)
}

/// Everything a publication run needs from a suite and a chain.
pub struct Source<'a> {
    pub settings: &'a Publication,
    pub money: Currency,
    /// The suite's contracts by name (the manifest's table).
    pub contracts: &'a [(String, AccountId32)],
    /// The registry's Admin: the buyer.
    pub buyer: AccountId32,
    pub names: BTreeMap<AccountId32, String>,
}

/// Decodes and folds `journal`.
pub fn publish(source: &Source, journal: &[Logged]) -> Result<Published, String> {
    let events = decode::decode_all(journal, source.contracts)?;
    let mut publisher = source.publisher()?;
    publisher.fold(&events);
    Ok(publisher.finish())
}

impl Source<'_> {
    /// A publisher for this suite, before any event.
    pub fn publisher(&self) -> Result<Publisher, String> {
        let treasury =
            self.contracts.iter().find(|(n, _)| n == "budget").map(|(_, a)| a.clone()).ok_or("the suite has no budget contract")?;
        let mut names = self.names.clone();
        names.entry(treasury.clone()).or_insert_with(|| "Treasury (budget contract)".into());
        Ok(Publisher::new(self.settings, self.money.clone(), self.buyer.clone(), treasury, names))
    }
}

/// What one publication run produced, checked and ready to write.
pub struct Run {
    pub published: Published,
    /// The release package (releases from the run's first block) and the
    /// record package; `None` when there is nothing to publish.
    pub release_package: Option<Value>,
    pub record_package: Option<Value>,
    /// The compiled releases, one per process.
    pub compiled: Vec<Map<String, Value>>,
    /// The red flags, and the same in words per process.
    pub flags: crate::flags::Results,
    pub summary: String,
}

/// Publishes `journal` (the suite's whole history: the state of a process
/// needs its publication) with the releases of blocks `from` on in the
/// release package, checks every release and both packages against the
/// schemas, and computes the red flags with `settings`. A release that does
/// not validate stops the run, naming the release, the path and the reason:
/// invalid data is never published.
pub fn run(source: &Source, journal: &[Logged], from: u64, settings: &crate::flags::Settings, published_at_ms: u64) -> Result<Run, String> {
    let published = publish(source, journal)?;
    let when = rfc3339(published_at_ms);
    let release_package = published.release_package(source.settings, &when, from);
    let record_package = published.record_package(source.settings, &when);
    let schemas = schema::Schemas::load()?;
    for release in published.all_releases() {
        let instance = Value::Object(release.clone());
        schemas
            .check(schema::Kind::Release, &instance)
            .map_err(|e| format!("release {} of {} is not valid OCDS:\n{e}", release["id"], release["ocid"]))?;
    }
    if let Some(package) = &release_package {
        schemas.check(schema::Kind::ReleasePackage, package).map_err(|e| format!("the release package is not valid OCDS:\n{e}"))?;
    }
    if let Some(package) = &record_package {
        schemas.check(schema::Kind::RecordPackage, package).map_err(|e| format!("the record package is not valid OCDS:\n{e}"))?;
    }
    let compiled = published.compiled();
    let flags = published.flags(settings, &compiled)?;
    let ocids: Vec<String> = published.processes.values().map(|p| p.ocid.clone()).collect();
    let summary = crate::flags::summary(&flags, &ocids);
    Ok(Run { published, release_package, record_package, compiled, flags, summary })
}

impl Run {
    /// Writes the run under `dir`: `release-package.json`,
    /// `record-package.json`, `compiled-releases.jsonl`, `red-flags.json`
    /// and `red-flags.txt`. The paths written, with their sizes.
    pub fn write(&self, dir: &Path) -> Result<Vec<(std::path::PathBuf, usize)>, String> {
        let mut written = Vec::new();
        let mut put = |name: &str, text: String| -> Result<(), String> {
            let path = dir.join(name);
            crate::write_atomically(&path, &text)?;
            written.push((path, text.len()));
            Ok(())
        };
        let pretty = |value: &Value| serde_json::to_string_pretty(value).map(|t| t + "\n").map_err(|e| e.to_string());
        if let Some(package) = &self.release_package {
            put("release-package.json", pretty(package)?)?;
        }
        if let Some(package) = &self.record_package {
            put("record-package.json", pretty(package)?)?;
        }
        let mut lines = String::new();
        for compiled in &self.compiled {
            lines.push_str(&serde_json::to_string(compiled).map_err(|e| e.to_string())?);
            lines.push('\n');
        }
        put("compiled-releases.jsonl", lines)?;
        put("red-flags.json", pretty(&serde_json::to_value(&self.flags).map_err(|e| e.to_string())?)?)?;
        put("red-flags.txt", self.summary.clone())?;
        Ok(written)
    }
}

/// The names the config gives accounts (the Admin's and every role
/// holder's), as `chain` resolves them.
pub fn config_names(chain: &mut impl crate::chain::Chain, config: &crate::config::Config) -> Result<BTreeMap<AccountId32, String>, String> {
    let mut names = BTreeMap::new();
    for name in std::iter::once(&config.admin).chain(config.roles.values().flatten()) {
        names.insert(chain.account(name)?, name.clone());
    }
    Ok(names)
}

/// Publishes a deployed suite's history from `chain`: the journal from the
/// first block, releases from block `from` in the release package, written
/// under `dir`.
pub fn publish_suite(
    chain: &mut impl crate::chain::Chain,
    suite: &crate::suite::Suite,
    config: &crate::config::Config,
    from: u64,
    settings: &crate::flags::Settings,
    dir: &Path,
) -> Result<(Run, Vec<(std::path::PathBuf, usize)>), String> {
    let journal = chain.journal(1)?;
    publish_journal(chain, suite, config, &journal, from, settings, dir)
}

/// [`publish_suite`] of a journal already read from `chain` (its whole
/// history), for a caller that also keeps the journal.
pub fn publish_journal(
    chain: &mut impl crate::chain::Chain,
    suite: &crate::suite::Suite,
    config: &crate::config::Config,
    journal: &[Logged],
    from: u64,
    settings: &crate::flags::Settings,
    dir: &Path,
) -> Result<(Run, Vec<(std::path::PathBuf, usize)>), String> {
    let contracts: Vec<(String, AccountId32)> = suite.deployed.iter().map(|(n, a)| (n.to_string(), a.clone())).collect();
    let names = config_names(chain, config)?;
    let source =
        Source { settings: &config.publication, money: chain.currency()?, contracts: &contracts, buyer: suite.admin.clone(), names };
    let now = chain.now()?;
    let run = run(&source, journal, from, settings, now)?;
    let written = run.write(dir)?;
    Ok((run, written))
}
