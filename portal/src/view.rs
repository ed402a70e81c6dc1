//! What the portal stores per tender and per vendor, taken from the
//! publication's state (the same fold the OCDS files come from).

use std::collections::BTreeMap;

use deploy::flags::Results;
use deploy::ocds::process::{BidStatus, Process};
use deploy::ocds::{Published, Style};
use serde_json::{Map, Value};

/// One row of `tenders`.
#[derive(Debug, Clone, PartialEq)]
pub struct TenderRow {
    pub ocid: String,
    pub title: String,
    pub status: String,
    pub line: u32,
    pub line_code: String,
    pub estimate: u128,
    pub published_ms: u64,
    pub deadline_ms: u64,
    pub bids: u64,
    /// The supplier of the award in force (SS58).
    pub winner: Option<String>,
    pub awarded: Option<u128>,
    pub paid: u128,
    /// Code -> value of this process's flags.
    pub flags: BTreeMap<String, f64>,
}

impl TenderRow {
    pub fn of(process: &Process, compiled: &Map<String, Value>, flags: &Results) -> TenderRow {
        let active = compiled.get("awards").and_then(Value::as_array).and_then(|a| a.iter().find(|a| a["status"] == "active"));
        let amount = |v: &Value| v["chainAmount"].as_str().and_then(|a| a.parse::<u128>().ok());
        TenderRow {
            ocid: process.ocid.clone(),
            title: compiled["tender"]["title"].as_str().unwrap_or_default().to_string(),
            status: process.status.to_string(),
            line: process.line,
            line_code: process.budget.as_ref().map(|(code, _)| code.clone()).unwrap_or_default(),
            estimate: process.estimate,
            published_ms: process.published_ms,
            deadline_ms: process.submission_deadline,
            bids: process.bids.iter().filter(|b| b.status != BidStatus::Withdrawn).count() as u64,
            winner: active.and_then(|a| a["suppliers"][0]["id"].as_str()).map(String::from),
            awarded: active.and_then(|a| amount(&a["value"])),
            paid: process.contract.as_ref().map_or(0, |c| c.paid()),
            flags: flags.get("OCID").and_then(|g| g.get(&process.ocid)).cloned().unwrap_or_default(),
        }
    }
}

/// A vendor's record across processes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorRow {
    pub id: String,
    pub name: String,
    /// Bids that stand (not withdrawn).
    pub bids: u64,
    /// Awards in force.
    pub won: u64,
    pub awarded: u128,
    pub paid: u128,
}

/// `account`'s row, new if need be.
fn row<'a>(rows: &'a mut BTreeMap<String, VendorRow>, style: &Style, account: &drink::AccountId32) -> &'a mut VendorRow {
    let id = style.party_id(account);
    rows.entry(id.clone()).or_insert_with(|| VendorRow { id, name: style.name_of(account), bids: 0, won: 0, awarded: 0, paid: 0 })
}

/// Every bidder's record.
pub fn vendors(published: &Published, style: &Style) -> Vec<VendorRow> {
    let mut rows: BTreeMap<String, VendorRow> = BTreeMap::new();
    for process in published.processes.values() {
        for bid in process.bids.iter().filter(|b| b.status != BidStatus::Withdrawn) {
            row(&mut rows, style, &bid.bidder).bids += 1;
        }
        if let Some(award) = process.awards.iter().find(|a| a.status == "active") {
            let row = row(&mut rows, style, &award.supplier);
            row.won += 1;
            row.awarded = row.awarded.saturating_add(award.price);
            row.paid = row.paid.saturating_add(process.contract.as_ref().map_or(0, |c| c.paid()));
        }
    }
    rows.into_values().collect()
}
