//! Integrity red flags on the suite's open contracting data.
//!
//! The indicators of the Open Contracting Partnership's indicator tool
//! (Cardinal) that this data supports, following its published methodology
//! (docs.open-contracting.org's "cardinal" indicator pages) and checked
//! against its own test fixtures (`data/ocds/cardinal-fixtures/`): same
//! compiled releases in, same flags out. They read compiled releases only,
//! so they run on anyone's OCDS data, not just the suite's:
//!
//! | code | flag | value |
//! | --- | --- | --- |
//! | R003 | submission period shorter than a threshold (15 whole days) | 1 |
//! | R018 | a single tenderer in a competitive method | 1 |
//! | R024 | winning bid close to the second-lowest valid bid (low outlier) | the difference |
//! | R028 | identical bid prices from different tenderers | 1 |
//! | R035 | every bid but the winner's disqualified | tenderers disqualified |
//! | R036 | lowest bid disqualified | 1 |
//! | R038 | many disqualified bids per buyer, procuring entity or tenderer (high outlier) | the ratio |
//! | R058 | winning bid far below the second-lowest valid bid (high outlier) | the difference |
//!
//! And the suite's own, on what its contracts record: `S01` awarded at or
//! above a share of the estimate (default 95 %), `S02` protests an Auditor
//! upheld, `S03` milestones delivered late, `S04` milestone rejections,
//! `S05` a terminated agreement, `S06` conflict-of-interest declarations.
//!
//! The outlier indicators (R024, R038, R058) compare a process or an
//! organization with the others, which needs others: `[population] minimum
//! = N` computes them only when at least N processes (or organizations)
//! are compared. Absent, as in Cardinal, any population counts; the
//! suite's default settings ask for 5, so that a single procurement is not
//! "an outlier" of itself. (It is the one setting Cardinal does not know.)
//!
//! Results have Cardinal's shape: group (`OCID`, `Buyer`,
//! `ProcuringEntity`, `Tenderer`) -> identifier -> code -> value.

pub mod settings;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

pub use settings::Settings;

use crate::ocds::process::Conduct;

/// Every indicator code the suite computes.
pub const CODES: [&str; 14] = ["R003", "R018", "R024", "R028", "R035", "R036", "R038", "R058", "S01", "S02", "S03", "S04", "S05", "S06"];

/// What an indicator code flags, in words.
pub fn describe(code: &str) -> &'static str {
    match code {
        "R003" => "short submission period",
        "R018" => "single bid received",
        "R024" => "winning price close to the second-lowest bid",
        "R028" => "identical bid prices",
        "R035" => "all bids but the winner's disqualified",
        "R036" => "lowest bid disqualified",
        "R038" => "many disqualified bids",
        "R058" => "heavily discounted winning bid",
        "S01" => "awarded near the estimate",
        "S02" => "protest upheld",
        "S03" => "milestone delivered late",
        "S04" => "milestone rejected",
        "S05" => "agreement terminated",
        "S06" => "conflict of interest declared",
        _ => "unknown indicator",
    }
}

/// Group -> identifier -> code -> value.
pub type Results = BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>;

fn set(results: &mut Results, group: &str, id: &str, code: &str, value: f64) {
    results.entry(group.into()).or_default().entry(id.into()).or_default().insert(code.into(), value);
}

/// The quantile of `values` at `p` by Hyndman and Fan's definition 8
/// (approximately median-unbiased), the estimator the methodology's
/// quartiles use; NaN for no values.
pub fn quantile(values: &[f64], p: f64) -> f64 {
    let mut sorted: Vec<f64> = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    if n == 0 {
        return f64::NAN;
    }
    let h = (n as f64 + 1.0 / 3.0) * p + 1.0 / 3.0;
    let low = h.floor();
    if low < 1.0 {
        return sorted[0];
    }
    if low >= n as f64 {
        return sorted[n - 1];
    }
    let below = sorted[low as usize - 1];
    let above = sorted[low as usize];
    below + (h - low) * (above - below)
}

/// The first and third quartiles.
fn quartiles(values: &[f64]) -> (f64, f64) {
    (quantile(values, 0.25), quantile(values, 0.75))
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// A bid's tenderers' ids.
fn tenderer_ids(bid: &Value) -> Vec<&str> {
    bid.get("tenderers").and_then(Value::as_array).map(|t| t.iter().filter_map(|t| text(t, "id")).collect()).unwrap_or_default()
}

/// Bids submitted (any status but invited or withdrawn).
fn submitted(release: &Map<String, Value>) -> Vec<&Value> {
    let details = release.get("bids").and_then(|b| b.get("details")).and_then(Value::as_array);
    details
        .map(|d| d.iter().filter(|b| text(b, "status").is_some_and(|s| s != "invited" && s != "withdrawn")).collect())
        .unwrap_or_default()
}

/// `(amount, currency)` of a bid's value.
fn price(bid: &Value) -> Option<(f64, &str)> {
    let value = bid.get("value")?;
    Some((value.get("amount")?.as_f64()?, text(value, "currency")?))
}

/// The active awards and the bid details, if every award is final (active,
/// cancelled or unsuccessful); `None` otherwise or without awards and bids.
fn final_awards(release: &Map<String, Value>) -> Option<(Vec<&Value>, &Vec<Value>)> {
    let awards = release.get("awards")?.as_array()?;
    let details = release.get("bids")?.get("details")?.as_array()?;
    let mut active = Vec::new();
    for award in awards {
        match text(award, "status") {
            Some("active") => active.push(award),
            Some("cancelled") | Some("unsuccessful") | None => {}
            Some(_) => return None,
        }
    }
    Some((active, details))
}

fn method_details(release: &Map<String, Value>) -> Option<&str> {
    release.get("tender").and_then(|t| text(t, "procurementMethodDetails"))
}

/// Whether a process passes an include list (if any) or an exclude list of
/// `procurementMethodDetails`.
fn passes(release: &Map<String, Value>, include: &BTreeSet<String>, exclude: &BTreeSet<String>) -> bool {
    match method_details(release) {
        Some(details) if include.is_empty() => !exclude.contains(details),
        Some(details) => include.contains(details),
        None => include.is_empty(),
    }
}

/// Whether the tender's method is in `methods` (an empty set takes all).
fn method_in(tender: &Value, methods: &BTreeSet<String>) -> bool {
    methods.is_empty() || text(tender, "procurementMethod").is_some_and(|m| methods.contains(m))
}

/// The indicators, run over a set of compiled releases.
pub struct Indicators<'a> {
    settings: &'a Settings,
    results: Results,
    /// The currency prices are compared in: the settings', else the first
    /// seen.
    currency: Option<String>,
    include: BTreeSet<String>,
    exclude: BTreeSet<String>,
    /// ocid -> (difference, winner, second-lowest bidder).
    ratios: BTreeMap<String, (f64, String, String)>,
    /// id -> (disqualified, submitted), per group.
    disqualified: BTreeMap<&'static str, BTreeMap<String, (usize, usize)>>,
}

impl<'a> Indicators<'a> {
    pub fn new(settings: &'a Settings) -> Indicators<'a> {
        Indicators {
            settings,
            results: Results::new(),
            currency: settings.global.get("currency").cloned(),
            include: settings.list(None, "price_comparison_procurement_methods"),
            exclude: settings.list(None, "no_price_comparison_procurement_methods"),
            ratios: BTreeMap::new(),
            disqualified: BTreeMap::new(),
        }
    }

    /// Runs every enabled indicator over `releases` (compiled releases, one
    /// per process).
    pub fn run<'r>(settings: &'a Settings, releases: impl IntoIterator<Item = &'r Map<String, Value>>) -> Result<Results, String> {
        let mut run = Indicators::new(settings);
        let excluded = settings.list(Some("exclusions"), "procurement_method_details");
        for release in releases {
            let Some(ocid) = release.get("ocid").and_then(Value::as_str) else {
                continue;
            };
            let cancelled = release.get("tender").and_then(|t| text(t, "status")) == Some("cancelled");
            if cancelled || !passes(release, &BTreeSet::new(), &excluded) {
                continue;
            }
            run.fold(release, ocid)?;
        }
        run.finish()
    }

    fn on(&self, code: &str) -> bool {
        self.settings.enabled(code)
    }

    fn fold(&mut self, release: &Map<String, Value>, ocid: &str) -> Result<(), String> {
        if self.on("R024") || self.on("R058") {
            self.second_lowest(release, ocid);
        }
        if self.on("R003") {
            self.r003(release, ocid)?;
        }
        if self.on("R018") {
            let methods = match self.settings.list(Some("R018"), "procurement_methods") {
                m if m.is_empty() => ["open", "selective"].iter().map(|s| s.to_string()).collect(),
                m => m,
            };
            let tender = release.get("tender");
            if let Some(tender) = tender.filter(|t| method_in(t, &methods)) {
                if tender.get("numberOfTenderers").and_then(Value::as_u64) == Some(1) {
                    set(&mut self.results, "OCID", ocid, "R018", 1.0);
                }
            }
        }
        if self.on("R028") {
            self.r028(release, ocid);
        }
        if self.on("R035") {
            self.r035(release, ocid)?;
        }
        if self.on("R036") {
            self.r036(release, ocid);
        }
        if self.on("R038") {
            self.r038(release);
        }
        if self.on("S01") {
            self.s01(release, ocid)?;
        }
        Ok(())
    }

    /// Whether `currency` is the one prices are compared in (the first
    /// seen becomes it).
    fn same_currency(&mut self, currency: &str) -> bool {
        self.currency.get_or_insert_with(|| currency.to_string()) == currency
    }

    fn r003(&mut self, release: &Map<String, Value>, ocid: &str) -> Result<(), String> {
        let Some(tender) = release.get("tender") else {
            return Ok(());
        };
        if !method_in(tender, &self.settings.list(Some("R003"), "procurement_methods")) {
            return Ok(());
        }
        let period = tender.get("tenderPeriod");
        let date = |key: &str| period.and_then(|p| text(p, key)).and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok());
        let (Some(start), Some(end)) = (date("startDate"), date("endDate")) else {
            return Ok(());
        };
        let days = (end - start).num_days();
        let by_details = text(tender, "procurementMethodDetails").and_then(|d| self.settings.get("R003.procurement_method_details", d));
        let threshold = match by_details.or_else(|| self.settings.get("R003", "threshold")) {
            Some(v) => v.parse::<i64>().map_err(|_| format!("R003 threshold must be a whole number of days, not {v:?}"))?,
            None => 15,
        };
        if days < threshold {
            set(&mut self.results, "OCID", ocid, "R003", 1.0);
        }
        Ok(())
    }

    fn r028(&mut self, release: &Map<String, Value>, ocid: &str) {
        if !passes(release, &self.include, &self.exclude) {
            return;
        }
        let mut seen: Vec<((f64, String), BTreeSet<String>)> = Vec::new();
        for bid in submitted(release) {
            let Some((amount, currency)) = price(bid) else {
                continue;
            };
            if bid.get("tenderers").and_then(Value::as_array).is_none() {
                continue;
            }
            let ids: BTreeSet<String> = tenderer_ids(bid).into_iter().map(String::from).collect();
            if ids.is_empty() {
                continue;
            }
            let key = (amount, currency.to_string());
            match seen.iter_mut().find(|(k, _)| *k == key) {
                Some((_, other)) => {
                    if *other != ids {
                        set(&mut self.results, "OCID", ocid, "R028", 1.0);
                        for id in ids.iter().chain(other.iter()) {
                            set(&mut self.results, "Tenderer", id, "R028", 1.0);
                        }
                    }
                    *other = ids;
                }
                None => seen.push((key, ids)),
            }
        }
    }

    fn r035(&mut self, release: &Map<String, Value>, ocid: &str) -> Result<(), String> {
        let Some((active, details)) = final_awards(release) else {
            return Ok(());
        };
        let suppliers: BTreeSet<&str> =
            active.iter().filter_map(|a| a.get("suppliers").and_then(Value::as_array)).flatten().filter_map(|s| text(s, "id")).collect();
        let (mut valid, mut disqualified) = (BTreeSet::new(), BTreeSet::new());
        for bid in details {
            let set = match text(bid, "status") {
                Some("valid") => &mut valid,
                Some("disqualified") => &mut disqualified,
                _ => continue,
            };
            set.extend(tenderer_ids(bid));
        }
        let threshold = match self.settings.number("R035", "threshold")? {
            Some(t) => t.max(1.0),
            None => 1.0,
        };
        let others = disqualified.difference(&valid).count();
        if valid.len() == 1 && valid == suppliers && others as f64 >= threshold {
            set(&mut self.results, "OCID", ocid, "R035", others as f64);
            if let Some(winner) = valid.iter().next() {
                set(&mut self.results, "Tenderer", winner, "R035", 0.0);
            }
        }
        Ok(())
    }

    fn r036(&mut self, release: &Map<String, Value>, ocid: &str) {
        if !passes(release, &self.include, &self.exclude) {
            return;
        }
        let awarded =
            release.get("awards").and_then(Value::as_array).is_some_and(|a| a.iter().any(|a| text(a, "status") == Some("active")));
        if !awarded {
            return;
        }
        let mut lowest: Option<(f64, bool)> = None;
        let mut any_valid = false;
        for bid in submitted(release) {
            let (Some(status), Some((amount, currency))) = (text(bid, "status"), price(bid)) else {
                continue;
            };
            if !self.same_currency(currency) {
                continue;
            }
            if lowest.is_none_or(|(low, _)| amount < low) {
                lowest = Some((amount, status == "disqualified"));
            }
            any_valid |= status == "valid";
        }
        if any_valid && lowest.is_some_and(|(_, disqualified)| disqualified) {
            set(&mut self.results, "OCID", ocid, "R036", 1.0);
        }
    }

    fn r038(&mut self, release: &Map<String, Value>) {
        let bids = submitted(release);
        if bids.is_empty() {
            return;
        }
        let mut disqualified = 0;
        for bid in &bids {
            let is = usize::from(text(bid, "status") == Some("disqualified"));
            disqualified += is;
            for id in tenderer_ids(bid) {
                let entry = self.disqualified.entry("Tenderer").or_default().entry(id.into()).or_default();
                entry.0 += is;
                entry.1 += 1;
            }
        }
        let mut add = |group: &'static str, id: Option<&str>| {
            if let Some(id) = id {
                let entry = self.disqualified.entry(group).or_default().entry(id.into()).or_default();
                entry.0 += disqualified;
                entry.1 += bids.len();
            }
        };
        add("Buyer", release.get("buyer").and_then(|b| text(b, "id")));
        add("ProcuringEntity", release.get("tender").and_then(|t| t.get("procuringEntity")).and_then(|p| text(p, "id")));
    }

    /// The difference between the winning bid and the lowest other valid
    /// bid, for R024 and R058.
    fn second_lowest(&mut self, release: &Map<String, Value>, ocid: &str) {
        if !passes(release, &self.include, &self.exclude) {
            return;
        }
        let Some((active, details)) = final_awards(release) else {
            return;
        };
        let [award] = active.as_slice() else {
            return;
        };
        let suppliers = award.get("suppliers").and_then(Value::as_array);
        let Some(supplier) = suppliers.filter(|s| s.len() == 1).and_then(|s| text(&s[0], "id")) else {
            return;
        };
        let mut winner: Option<(f64, String)> = None;
        let mut other: Option<(f64, String)> = None;
        for bid in details {
            let ids = tenderer_ids(bid);
            let (Some("valid"), Some((amount, currency)), [tenderer]) = (text(bid, "status"), price(bid), ids.as_slice()) else {
                continue;
            };
            if bid.get("tenderers").and_then(Value::as_array).map(Vec::len) != Some(1) || !self.same_currency(currency) {
                continue;
            }
            let slot = if *tenderer == supplier { &mut winner } else { &mut other };
            if slot.as_ref().is_none_or(|(low, _)| amount < *low) {
                *slot = Some((amount, tenderer.to_string()));
            }
        }
        if let (Some((won, w)), Some((next, o))) = (winner, other) {
            if next >= won {
                self.ratios.insert(ocid.into(), ((next - won) / won, w, o));
            }
        }
    }

    fn s01(&mut self, release: &Map<String, Value>, ocid: &str) -> Result<(), String> {
        let threshold = self.settings.number("S01", "threshold")?.unwrap_or(0.95);
        let estimate = release.get("tender").and_then(|t| t.get("value")).and_then(|v| v.get("amount")).and_then(Value::as_f64);
        let awarded = release
            .get("awards")
            .and_then(Value::as_array)
            .and_then(|a| a.iter().find(|a| text(a, "status") == Some("active")))
            .and_then(|a| a.get("value")?.get("amount")?.as_f64());
        if let (Some(estimate), Some(awarded)) = (estimate, awarded) {
            if estimate > 0.0 && awarded / estimate >= threshold {
                set(&mut self.results, "OCID", ocid, "S01", awarded / estimate);
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Results, String> {
        let ratios: Vec<f64> = self.ratios.values().map(|(r, _, _)| *r).collect();
        let population = self.settings.number("population", "minimum")?.unwrap_or(1.0).max(1.0) as usize;
        if ratios.len() < population {
            self.ratios.clear();
        }
        if self.on("R024") {
            let (q1, fence) = match self.settings.number("R024", "threshold")? {
                Some(t) => (1.0, t),
                None => {
                    let (q1, q3) = quartiles(&ratios);
                    (q1, q1 - 1.5 * (q3 - q1))
                }
            };
            // Skipped when a quarter of the processes have no difference at
            // all: otherwise most would be flagged.
            if q1 > 0.0 && fence > 0.0 {
                for (ocid, (ratio, winner, second)) in &self.ratios {
                    if *ratio <= fence {
                        set(&mut self.results, "OCID", ocid, "R024", *ratio);
                        set(&mut self.results, "Tenderer", winner, "R024", 0.0);
                        set(&mut self.results, "Tenderer", second, "R024", 0.0);
                    }
                }
            }
        }
        if self.on("R058") {
            let fence = match self.settings.number("R058", "threshold")? {
                Some(t) => t,
                None => {
                    let (q1, q3) = quartiles(&ratios);
                    q3 + 1.5 * (q3 - q1)
                }
            };
            if fence > 0.0 {
                for (ocid, (ratio, winner, _)) in &self.ratios {
                    if *ratio >= fence {
                        set(&mut self.results, "OCID", ocid, "R058", *ratio);
                        set(&mut self.results, "Tenderer", winner, "R058", 0.0);
                    }
                }
            }
        }
        if self.on("R038") {
            let threshold = self.settings.number("R038", "threshold")?;
            let minimum = |key: &str| -> Result<usize, String> { Ok(self.settings.number("R038", key)?.map_or(2, |v| v as usize)) };
            let (bids, processes) = (minimum("minimum_submitted_bids")?, minimum("minimum_contracting_processes")?);
            for (group, minimum) in [("Buyer", processes), ("ProcuringEntity", processes), ("Tenderer", bids)] {
                let counts = self.disqualified.remove(group).unwrap_or_default();
                let ratios: BTreeMap<String, f64> =
                    counts.into_iter().filter(|(_, (_, n))| *n >= minimum).map(|(id, (d, n))| (id, d as f64 / n as f64)).collect();
                if ratios.is_empty() || ratios.len() < population {
                    continue;
                }
                let fence = threshold.unwrap_or_else(|| {
                    let (q1, q3) = quartiles(&ratios.values().copied().collect::<Vec<_>>());
                    q3 + 1.5 * (q3 - q1)
                });
                if fence > 0.0 {
                    for (id, ratio) in ratios {
                        if ratio >= fence {
                            set(&mut self.results, group, &id, "R038", ratio);
                        }
                    }
                }
            }
        }
        Ok(self.results)
    }
}

/// Adds the suite's conduct indicators (S02 to S06) of each process:
/// `conduct` maps an ocid to what its contracts recorded.
pub fn conduct<'c>(settings: &Settings, results: &mut Results, conduct: impl IntoIterator<Item = (&'c String, &'c Conduct)>) {
    for (ocid, c) in conduct {
        let counts = [
            ("S02", c.upheld_protests),
            ("S03", c.late_deliveries),
            ("S04", c.rejections),
            ("S05", u32::from(c.terminated)),
            ("S06", c.conflicts),
        ];
        for (code, count) in counts {
            if count > 0 && settings.enabled(code) {
                set(results, "OCID", ocid, code, f64::from(count));
            }
        }
    }
}

/// The flags of each process, one line per ocid, in words.
pub fn summary(results: &Results, ocids: &[String]) -> String {
    let mut out = String::new();
    let flagged = results.get("OCID");
    for ocid in ocids {
        let flags = flagged.and_then(|f| f.get(ocid));
        match flags {
            Some(flags) if !flags.is_empty() => {
                let words: Vec<String> = flags.iter().map(|(code, value)| format!("{code} {} ({value})", describe(code))).collect();
                out.push_str(&format!("{ocid}: {}\n", words.join("; ")));
            }
            _ => out.push_str(&format!("{ocid}: no red flags\n")),
        }
    }
    for group in ["Buyer", "ProcuringEntity", "Tenderer"] {
        for (id, flags) in results.get(group).into_iter().flatten() {
            let words: Vec<String> = flags.iter().map(|(code, value)| format!("{code} {} ({value})", describe(code))).collect();
            out.push_str(&format!("{group} {id}: {}\n", words.join("; ")));
        }
    }
    out
}

#[cfg(test)]
mod tests;
