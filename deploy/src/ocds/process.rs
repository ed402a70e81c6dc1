//! One contracting process (one tender, one ocid) as the events built it:
//! the state the publisher keeps, and its OCDS form.
//!
//! The state is kept in the suite's own terms (accounts, chain amounts,
//! milliseconds) and turned into OCDS JSON by [`Process::section`]; a
//! release carries the sections an event changed, each in full, so that
//! merging the releases in order (OCDS's identifier merge) gives the
//! state after the last one. `tests` check exactly that.

use std::collections::{BTreeMap, BTreeSet};

use drink::AccountId32;
use serde_json::{json, Map, Value};

use super::Style;

/// A bid's status, as the bid extension's `bidStatus` codelist names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BidStatus {
    /// Committed, sealed; not yet revealed.
    Pending,
    /// Revealed within the estimate and the plan's lowest workable price.
    Valid,
    /// Revealed outside them, never revealed, or below the evaluation's
    /// quality floor.
    Disqualified,
    /// Withdrawn by the bidder before the deadline.
    Withdrawn,
}

impl BidStatus {
    fn code(self) -> &'static str {
        match self {
            BidStatus::Pending => "pending",
            BidStatus::Valid => "valid",
            BidStatus::Disqualified => "disqualified",
            BidStatus::Withdrawn => "withdrawn",
        }
    }
}

/// One bid: a bidder's commitment, from commit to its end.
#[derive(Debug, Clone)]
pub struct BidRecord {
    /// `bid-<n>`, n counting the process's commitments from 1.
    pub id: String,
    pub bidder: AccountId32,
    pub status: BidStatus,
    /// Commit time (the last replacement's).
    pub date_ms: u64,
    /// The revealed price.
    pub price: Option<u128>,
    /// The revealed proposal's hash.
    pub proposal: Option<[u8; 32]>,
    /// Position in the latest ranking (from 1).
    pub rank: Option<u32>,
    /// Whether any ranking placed it (a later one may leave it out: a
    /// release then removes its rank).
    pub was_ranked: bool,
    /// Why it is disqualified, in words.
    pub details: Option<String>,
}

/// An award round: the provisional award, its standstill, protests, and
/// how it ended.
#[derive(Debug, Clone)]
pub struct AwardRecord {
    pub round: u32,
    /// The bid (index in `bids`).
    pub bid: usize,
    pub supplier: AccountId32,
    pub price: u128,
    pub date_ms: u64,
    pub standstill_ends: u64,
    /// `pending`, `active`, `cancelled`.
    pub status: &'static str,
    pub details: String,
    /// Protest grounds and decisions, as documents.
    pub documents: Vec<Value>,
}

/// A milestone of the agreement.
#[derive(Debug, Clone)]
pub struct MilestoneRecord {
    pub amount: u128,
    pub due_ms: u64,
    /// `scheduled`, `met`, `notMet`.
    pub status: &'static str,
    pub date_met: Option<u64>,
    pub modified: Option<u64>,
    pub description: String,
    pub documents: Vec<Value>,
    /// Whole days late at the last delivery.
    pub days_late: u64,
}

/// A payment to the vendor.
#[derive(Debug, Clone)]
pub struct Payment {
    /// `<block>-<index>` of the budget's `Released` event.
    pub id: String,
    pub date_ms: u64,
    pub amount: u128,
    /// What it paid: `milestone 2`, `retention`.
    pub purpose: String,
}

/// The agreement.
#[derive(Debug, Clone)]
pub struct ContractRecord {
    pub agreement: u32,
    /// The award round it came from.
    pub round: u32,
    pub vendor: AccountId32,
    pub price: u128,
    /// `pending`, `active`, `cancelled`, `terminated`.
    pub status: &'static str,
    pub details: Option<String>,
    pub created_ms: u64,
    pub signed_ms: Option<u64>,
    pub ended_ms: Option<u64>,
    pub milestones: Vec<MilestoneRecord>,
    pub payments: Vec<Payment>,
    pub documents: Vec<Value>,
}

impl ContractRecord {
    /// What the vendor was paid so far.
    pub fn paid(&self) -> u128 {
        self.payments.iter().map(|p| p.amount).sum()
    }
}

/// What the suite's own indicators read that OCDS has no field for.
#[derive(Debug, Clone, Default)]
pub struct Conduct {
    /// Committee members who declared a conflict of interest.
    pub conflicts: u32,
    /// Protests an Auditor upheld.
    pub upheld_protests: u32,
    /// Deliveries after the due day.
    pub late_deliveries: u32,
    /// Milestone rejections by the Inspector.
    pub rejections: u32,
    /// The agreement was terminated (for convenience or default).
    pub terminated: bool,
}

/// One tender's contracting process.
#[derive(Debug, Clone)]
pub struct Process {
    pub tender: u32,
    pub ocid: String,
    pub published_ms: u64,
    pub officer: AccountId32,
    pub line: u32,
    pub estimate: u128,
    pub dossier: [u8; 32],
    pub bond: u128,
    pub submission_deadline: u64,
    pub reveal_deadline: u64,
    pub method: tender::Method,
    pub standstill_ms: u64,
    pub plan: Vec<tender::Milestone>,
    /// `active`, `cancelled`, `unsuccessful`, `complete`.
    pub status: &'static str,
    pub status_details: Option<String>,
    /// The budget line at publication: code and appropriation.
    pub budget: Option<(String, u128)>,
    pub amendments: Vec<Value>,
    pub documents: Vec<Value>,
    pub bids: Vec<BidRecord>,
    /// Each bidder's current bid (index in `bids`).
    pub live_bid: BTreeMap<AccountId32, usize>,
    /// The evaluation's entries: its bid index -> index in `bids`.
    pub entries: Vec<usize>,
    pub awards: Vec<AwardRecord>,
    pub contract: Option<ContractRecord>,
    /// Each party with its roles in this process, in the order they
    /// appeared (the order merging the releases keeps).
    pub parties: Vec<(AccountId32, BTreeSet<&'static str>)>,
    /// The ocid of the unsuccessful or cancelled process this one tenders
    /// again (same line, same dossier).
    pub retender_of: Option<String>,
    pub conduct: Conduct,
}

impl Process {
    /// A process as its publication started it.
    pub fn published(ocid: String, at: u64, p: &tender::events::TenderPublished) -> Process {
        let officer = crate::chain::from_ink(&p.officer);
        let mut process = Process {
            tender: p.tender,
            ocid,
            published_ms: at,
            officer: officer.clone(),
            line: p.line,
            estimate: p.estimate,
            dossier: p.dossier.into(),
            bond: p.bond,
            submission_deadline: p.submission_deadline,
            reveal_deadline: p.reveal_deadline,
            method: p.method,
            standstill_ms: p.standstill_ms,
            plan: p.milestones.clone(),
            status: "active",
            status_details: None,
            budget: None,
            amendments: Vec::new(),
            documents: Vec::new(),
            bids: Vec::new(),
            live_bid: BTreeMap::new(),
            entries: Vec::new(),
            awards: Vec::new(),
            contract: None,
            parties: Vec::new(),
            retender_of: None,
            conduct: Conduct::default(),
        };
        process.role(&officer, "procuringEntity");
        process.documents.push(document("dossier-0", "biddingDocuments", "Tender dossier", &process.dossier, at));
        process
    }

    /// Adds `role` to `party`.
    pub fn role(&mut self, party: &AccountId32, role: &'static str) {
        match self.parties.iter_mut().find(|(p, _)| p == party) {
            Some((_, roles)) => {
                roles.insert(role);
            }
            None => self.parties.push((party.clone(), BTreeSet::from([role]))),
        }
    }

    /// The bidder's current bid.
    pub fn bid_of(&mut self, bidder: &AccountId32) -> Option<&mut BidRecord> {
        let index = *self.live_bid.get(bidder)?;
        self.bids.get_mut(index)
    }

    /// The latest award round.
    pub fn award_mut(&mut self) -> Option<&mut AwardRecord> {
        self.awards.last_mut()
    }

    /// Bids still sealed when they can no longer be revealed are
    /// disqualified: the reveal window closed.
    pub fn close_reveals(&mut self) {
        for bid in &mut self.bids {
            if bid.status == BidStatus::Pending {
                bid.status = BidStatus::Disqualified;
                bid.details = Some("not revealed before the reveal deadline".into());
            }
        }
    }

    /// The whole process in OCDS form (a compiled release without its
    /// `id`, `date` and `tag`).
    pub fn snapshot(&self, style: &Style) -> Map<String, Value> {
        let mut out = Map::new();
        for section in Section::ALL {
            if let Some(value) = self.section(section, style) {
                // A `null` removes a field from a compiled release: the
                // state has no such field.
                out.insert(section.key().into(), super::merge::strip_nulls(&value));
            }
        }
        out
    }

    /// One top-level section of the OCDS form (`None` while it is empty).
    pub fn section(&self, section: Section, style: &Style) -> Option<Value> {
        match section {
            Section::Parties => Some(self.parties_json(style)),
            Section::Buyer => Some(json!({ "id": style.party_id(&style.buyer), "name": style.buyer_name })),
            Section::Planning => self.budget.as_ref().map(|(code, appropriation)| {
                json!({ "budget": {
                    "id": code,
                    "description": format!("Budget line {} ({code}) of the suite's treasury", self.line),
                    "amount": style.value(*appropriation),
                    "project": code,
                }})
            }),
            Section::Tender => Some(self.tender_json(style)),
            Section::Bids => (!self.bids.is_empty()).then(|| self.bids_json(style)),
            Section::Awards => {
                (!self.awards.is_empty()).then(|| Value::Array(self.awards.iter().map(|a| self.award_json(a, style)).collect()))
            }
            Section::Contracts => self.contract.as_ref().map(|c| Value::Array(vec![self.contract_json(c, style)])),
            Section::RelatedProcesses => self.retender_of.as_ref().map(|earlier| {
                json!([{
                    "id": "retender-of",
                    "relationship": ["unsuccessfulProcess"],
                    "title": "The earlier process on the same line and dossier, which ended without a contract",
                    "scheme": "ocid",
                    "identifier": earlier,
                }])
            }),
        }
    }

    fn parties_json(&self, style: &Style) -> Value {
        let mut parties: Vec<Value> = vec![style.organization(&style.buyer, &["buyer"])];
        for (account, roles) in &self.parties {
            let roles: Vec<&str> = roles.iter().copied().collect();
            if *account == style.buyer {
                let mut with_buyer = roles.clone();
                with_buyer.push("buyer");
                with_buyer.sort_unstable();
                with_buyer.dedup();
                parties[0] = style.organization(account, &with_buyer);
            } else {
                parties.push(style.organization(account, &roles));
            }
        }
        Value::Array(parties)
    }

    fn tender_json(&self, style: &Style) -> Value {
        let (criteria, details) = match self.method {
            tender::Method::LowestPrice => ("priceOnly".to_string(), "Sealed bids; the lowest valid price wins".to_string()),
            tender::Method::Weighted { price_weight, quality_weight, min_quality } => (
                "ratedCriteria".to_string(),
                format!("Sealed bids; price {price_weight} % and quality {quality_weight} %, quality at least {min_quality} of 100"),
            ),
        };
        // Every bidder that committed, in order (a list OCDS merges by id,
        // so it only grows); the count is of those whose bid stands.
        let mut bidders: Vec<&AccountId32> = Vec::new();
        for bid in &self.bids {
            if !bidders.contains(&&bid.bidder) {
                bidders.push(&bid.bidder);
            }
        }
        let standing: BTreeSet<&AccountId32> = self.bids.iter().filter(|b| b.status != BidStatus::Withdrawn).map(|b| &b.bidder).collect();
        let mut tender = json!({
            "id": format!("tender-{}", self.tender),
            "title": format!("Tender {} on budget line {}", self.tender, self.line),
            "status": self.status,
            "procuringEntity": { "id": style.party_id(&self.officer), "name": style.name_of(&self.officer) },
            "value": style.value(self.estimate),
            "procurementMethod": "open",
            "procurementMethodDetails": match self.method {
                tender::Method::LowestPrice => "Open sealed-bid, lowest price",
                tender::Method::Weighted { .. } => "Open sealed-bid, price and quality",
            },
            "awardCriteria": criteria,
            "awardCriteriaDetails": details,
            "submissionMethod": ["electronicSubmission"],
            "submissionMethodDetails": format!(
                "Sealed commitment with a bond of {} per bid, revealed between the submission and reveal deadlines",
                style.show(self.bond)
            ),
            "tenderPeriod": { "startDate": style.date(self.published_ms), "endDate": style.date(self.submission_deadline) },
            "awardPeriod": { "startDate": style.date(self.reveal_deadline) },
            "numberOfTenderers": standing.len(),
            "tenderers": bidders.iter().map(|b| json!({ "id": style.party_id(b), "name": style.name_of(b) })).collect::<Vec<_>>(),
            "documents": self.documents,
            "milestones": self.plan.iter().enumerate().map(|(i, m)| json!({
                "id": format!("plan-{}", i + 1),
                "title": format!("Milestone {} of the plan", i + 1),
                "type": "delivery",
                "description": format!(
                    "{} % of the price, due {} days after the agreement; description hash {}",
                    f64::from(m.share_bps) / 100.0,
                    m.due_offset_ms / procurement_shared::DAY_MS,
                    crate::chain::hex(m.description.as_ref())
                ),
                "status": "scheduled",
            })).collect::<Vec<_>>(),
        });
        if let Some(details) = &self.status_details {
            tender["statusDetails"] = json!(details);
        }
        if !self.amendments.is_empty() {
            tender["amendments"] = Value::Array(self.amendments.clone());
        }
        tender
    }

    fn bids_json(&self, style: &Style) -> Value {
        let details: Vec<Value> = self
            .bids
            .iter()
            .map(|b| {
                let mut bid = json!({
                    "id": b.id,
                    "date": style.date(b.date_ms),
                    "status": b.status.code(),
                    "tenderers": [{ "id": style.party_id(&b.bidder), "name": style.name_of(&b.bidder) }],
                });
                if let Some(price) = b.price {
                    bid["value"] = style.value(price);
                }
                if let Some(proposal) = &b.proposal {
                    bid["documents"] =
                        json!([document(&format!("{}-proposal", b.id), "technicalProposal", "Proposal", proposal, b.date_ms)]);
                }
                if let Some(details) = &b.details {
                    bid["description"] = json!(details);
                }
                if let Some(rank) = b.rank {
                    bid["hasRank"] = json!(true);
                    bid["rank"] = json!(rank);
                } else if b.was_ranked {
                    bid["hasRank"] = json!(false);
                    bid["rank"] = Value::Null;
                }
                bid
            })
            .collect();
        let count = |f: &dyn Fn(&BidRecord) -> bool| self.bids.iter().filter(|b| f(b)).count();
        let submitted = count(&|b| b.status != BidStatus::Withdrawn);
        let mut statistics = vec![
            json!({ "id": "bids", "measure": "bids", "value": submitted }),
            json!({ "id": "validBids", "measure": "validBids", "value": count(&|b| b.status == BidStatus::Valid) }),
            json!({ "id": "disqualifiedBids", "measure": "disqualifiedBids", "value": count(&|b| b.status == BidStatus::Disqualified) }),
        ];
        if let Some(lowest) = self.bids.iter().filter(|b| b.status == BidStatus::Valid).filter_map(|b| b.price).min() {
            statistics.push(json!({ "id": "lowestValidBidValue", "measure": "lowestValidBidValue", "value": style.amount(lowest), "currency": style.currency }));
        }
        json!({ "statistics": statistics, "details": details })
    }

    fn award_json(&self, award: &AwardRecord, style: &Style) -> Value {
        let bid = &self.bids[award.bid];
        let mut out = json!({
            "id": format!("award-{}", award.round),
            "title": format!("Award round {}", award.round),
            "status": award.status,
            "date": style.date(award.date_ms),
            "value": style.value(award.price),
            "suppliers": [{ "id": style.party_id(&award.supplier), "name": style.name_of(&award.supplier) }],
            "relatedBid": bid.id,
            "relatedBids": [bid.id],
            "description": award.details,
        });
        if !award.documents.is_empty() {
            out["documents"] = Value::Array(award.documents.clone());
        }
        out
    }

    fn contract_json(&self, c: &ContractRecord, style: &Style) -> Value {
        let end = c.milestones.last().map_or(c.created_ms, |m| m.due_ms);
        let bid = self.awards.iter().find(|a| a.round == c.round).map(|a| self.bids[a.bid].id.clone());
        let mut out = json!({
            "id": format!("contract-{}", c.agreement),
            "awardID": format!("award-{}", c.round),
            "title": format!("Agreement {} for tender {}", c.agreement, self.tender),
            "status": c.status,
            "value": style.value(c.price),
            "period": { "startDate": style.date(c.created_ms), "endDate": style.date(end) },
            "milestones": c.milestones.iter().enumerate().map(|(i, m)| {
                let mut milestone = json!({
                    "id": format!("milestone-{}", i + 1),
                    "title": format!("Milestone {}", i + 1),
                    "type": "delivery",
                    "description": m.description,
                    "dueDate": style.date(m.due_ms),
                    "status": m.status,
                    "value": style.value(m.amount),
                });
                if let Some(met) = m.date_met {
                    milestone["dateMet"] = json!(style.date(met));
                }
                if let Some(modified) = m.modified {
                    milestone["dateModified"] = json!(style.date(modified));
                }
                if !m.documents.is_empty() {
                    milestone["documents"] = Value::Array(m.documents.clone());
                }
                milestone
            }).collect::<Vec<_>>(),
            "implementation": {
                "transactions": c.payments.iter().map(|p| json!({
                    "id": p.id,
                    // Not a field of OCDS 1.1's Transaction; kept as an
                    // additional field so a reader sees what was paid for.
                    "description": format!("Payment for {}", p.purpose),
                    "source": format!("{}#budget", style.uri),
                    "date": style.date(p.date_ms),
                    "value": style.value(p.amount),
                    "payer": { "id": style.party_id(&style.treasury), "name": style.name_of(&style.treasury) },
                    "payee": { "id": style.party_id(&c.vendor), "name": style.name_of(&c.vendor) },
                    "uri": format!("{}#transaction-{}", style.uri, p.id),
                })).collect::<Vec<_>>(),
            },
        });
        if let Some(bid) = bid {
            out["relatedBids"] = json!([bid]);
        }
        if let Some(signed) = c.signed_ms {
            out["dateSigned"] = json!(style.date(signed));
        }
        if let Some(details) = &c.details {
            out["description"] = json!(details);
        }
        if !c.documents.is_empty() {
            out["documents"] = Value::Array(c.documents.clone());
        }
        if c.status == "terminated" {
            // OCDS 1.2's field, read by tools that know it; 1.1 allows it
            // as an additional field.
            out["finalValue"] = style.value(c.paid());
        }
        out
    }
}

/// The top-level sections of a release, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Parties,
    Buyer,
    Planning,
    Tender,
    Bids,
    Awards,
    Contracts,
    RelatedProcesses,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Parties,
        Section::Buyer,
        Section::Planning,
        Section::Tender,
        Section::Bids,
        Section::Awards,
        Section::Contracts,
        Section::RelatedProcesses,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::Parties => "parties",
            Section::Buyer => "buyer",
            Section::Planning => "planning",
            Section::Tender => "tender",
            Section::Bids => "bids",
            Section::Awards => "awards",
            Section::Contracts => "contracts",
            Section::RelatedProcesses => "relatedProcesses",
        }
    }
}

/// A document known by its hash (the suite stores hashes; the documents
/// themselves live with the authority).
pub fn document(id: &str, kind: &str, title: &str, hash: &[u8; 32], at_ms: u64) -> Value {
    json!({
        "id": id,
        "documentType": kind,
        "title": title,
        "description": format!("BLAKE2b-256 hash {} (the suite stores the hash; the document is the authority's)", crate::chain::hex(hash)),
        "datePublished": super::rfc3339(at_ms),
    })
}
