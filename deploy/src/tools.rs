//! What the users of a deployed suite do, one action at a time, on any
//! [`Chain`]: an officer publishes, a vendor seals, commits, reveals and
//! claims from its own account, anyone reads a tender's history. The
//! `procure` binary (feature `live`) calls these against a node, so the
//! state lives on the chain between invocations and a vendor's secret lives
//! in its wallet directory.

use std::path::{Path, PathBuf};

use drink::{AccountId32, Ss58Codec};
use procurement_shared::SealedBid;
use serde::{Deserialize, Serialize};

use crate::chain::{arg, from_ink, hex, Balance, Chain};
use crate::fixtures::Lowest;
use crate::money::Currency;
use crate::suite::{Suite, SUITE};

use procurement_shared::DAY_MS;

/// A sealed bid as the vendor's wallet file keeps it until the reveal (the
/// file format of the shared [`SealedBid`], with the tender, the bidder and
/// the bond): without the salt the bid cannot be revealed and its bond is
/// forfeited, so it is written to disk before the commitment is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletBid {
    pub tender: u32,
    /// The bidder (SS58).
    pub bidder: String,
    pub price: Balance,
    /// The proposal document's hash, `0x` hex.
    pub proposal: String,
    /// The secret salt, `0x` hex.
    pub salt: String,
    /// The bond the tender asked for.
    pub bond: Balance,
}

impl WalletBid {
    /// The bid itself, as the contract checks it.
    pub fn sealed(&self) -> Result<SealedBid, String> {
        Ok(SealedBid { price: self.price, proposal: unhex32(&self.proposal)?, salt: unhex32(&self.salt)? })
    }
}

fn unhex32(text: &str) -> Result<[u8; 32], String> {
    let bytes = crate::chain::unhex(text).ok_or_else(|| format!("{text:?} is not hex"))?;
    bytes.try_into().map_err(|_| format!("{text:?} is not 32 bytes of hex"))
}

/// 32 bytes from the operating system's random source.
pub fn random32() -> Result<[u8; 32], String> {
    use std::io::Read;
    let mut out = [0u8; 32];
    std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut out)).map_err(|e| format!("reading /dev/urandom: {e}"))?;
    Ok(out)
}

/// The Blake2x256 hash of a document, as the dossier and proposals are
/// referenced on chain.
pub fn document_hash(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(bytes, &mut out);
    out
}

/// The suite a manifest records, attached on `chain`.
pub fn attach_suite(chain: &mut impl Chain, manifest: &str) -> Result<Suite, String> {
    #[derive(Deserialize)]
    struct Recorded {
        admin: String,
        complete: Option<bool>,
    }
    let recorded: Recorded = serde_json::from_str(manifest).map_err(|e| format!("the manifest does not parse: {e}"))?;
    if recorded.complete == Some(false) {
        return Err("the manifest records an unfinished deployment: finish it with `deploy --url ... --resume`".into());
    }
    let admin = AccountId32::from_ss58check(&recorded.admin).map_err(|e| format!("the manifest's admin is not SS58: {e:?}"))?;
    let known = crate::suite::deployed_in(manifest)?;
    let mut deployed = Vec::new();
    for spec in SUITE {
        let (_, address) = known.iter().find(|(name, _)| name == spec.name).ok_or_else(|| format!("the manifest has no {}", spec.name))?;
        chain.attach(spec.name, address)?;
        deployed.push((spec.name, address.clone()));
    }
    Ok(Suite { admin, deployed })
}

/// What an officer gives to publish: money in the chain's smallest unit,
/// windows in days from now, the plan as `(share %, due days)` pairs.
#[derive(Debug, Clone)]
pub struct Publication {
    pub line: u32,
    pub estimate: Balance,
    pub bond: Balance,
    pub bidding_days: u64,
    pub reveal_days: u64,
    pub dossier: [u8; 32],
    pub plan: Vec<(u16, u64)>,
}

/// Publishes a tender as `officer`; its id.
pub fn publish(chain: &mut impl Chain, suite: &Suite, officer: &AccountId32, p: &Publication) -> Result<u32, String> {
    let now = chain.now()?;
    // A minute of margin, so the block that carries the call is inside the
    // window the officer asked for.
    let submission = now + p.bidding_days * DAY_MS + 60_000;
    let params = Lowest {
        line: p.line,
        estimate: p.estimate,
        bond: p.bond,
        dossier: p.dossier,
        deadlines: (submission, submission + p.reveal_days * DAY_MS),
        standstill_ms: tender::rules::MIN_STANDSTILL_MS,
        plan: p.plan.iter().map(|(percent, days)| (percent.saturating_mul(100), *days)).collect(),
    }
    .params();
    let dry_run_id = suite.tenders().publish(chain, officer, &params).map_err(|e| format!("publish: {e}"))?;
    // On a live chain the returned id is the dry run's; the event carries
    // the id the chain gave (another officer may have published between).
    let published = crate::chain::recorded::<tender::events::TenderPublished>(chain, suite.address("tender"));
    Ok(published.first().map(|e| e.tender).unwrap_or(dry_run_id))
}

/// Seals a bid for `tender` at `price` (a fresh random salt; the tender's
/// bond). Nothing is sent: write it to the wallet, then [`commit`].
pub fn seal(
    chain: &mut impl Chain,
    suite: &Suite,
    vendor: &AccountId32,
    tender: u32,
    price: Balance,
    proposal: [u8; 32],
) -> Result<WalletBid, String> {
    let record = suite.tenders().tender(chain, tender)?.ok_or_else(|| format!("there is no tender {tender}"))?;
    Ok(WalletBid { tender, bidder: arg(vendor), price, proposal: hex(&proposal), salt: hex(&random32()?), bond: record.bond })
}

/// Sends a sealed bid's commitment with its bond.
pub fn commit(chain: &mut impl Chain, suite: &Suite, vendor: &AccountId32, bid: &WalletBid) -> Result<[u8; 32], String> {
    let sealed = bid.sealed()?;
    suite.tenders().commit_sealed(chain, vendor, bid.tender, &sealed, bid.bond).map_err(|e| format!("commit_bid: {e}"))?;
    Ok(sealed.commitment(bid.tender, vendor.as_ref()))
}

/// Reveals a sealed bid from the wallet.
pub fn reveal(chain: &mut impl Chain, suite: &Suite, vendor: &AccountId32, bid: &WalletBid) -> Result<(), String> {
    suite.tenders().reveal_sealed(chain, vendor, bid.tender, &bid.sealed()?).map_err(|e| format!("reveal_bid: {e}"))
}

/// Claims a bond back; the amount returned.
pub fn claim(chain: &mut impl Chain, suite: &Suite, vendor: &AccountId32, tender: u32) -> Result<Balance, String> {
    suite.tenders().claim_bond(chain, vendor, tender).map_err(|e| format!("claim_bond: {e}"))
}

/// Where a vendor's wallet keeps its sealed bid for a tender.
pub fn wallet_file(wallet: &Path, tender: u32, vendor: &AccountId32) -> PathBuf {
    wallet.join(format!("bid-{tender}-{}.json", arg(vendor)))
}

/// Writes a sealed bid into the wallet (aside, then renamed).
pub fn save(wallet: &Path, bid: &WalletBid, vendor: &AccountId32) -> Result<PathBuf, String> {
    let path = wallet_file(wallet, bid.tender, vendor);
    let json = serde_json::to_string_pretty(bid).map_err(|e| e.to_string())?;
    crate::write_atomically(&path, &(json + "\n"))?;
    Ok(path)
}

/// Reads a sealed bid back from the wallet.
pub fn load(wallet: &Path, tender: u32, vendor: &AccountId32) -> Result<WalletBid, String> {
    let path = wallet_file(wallet, tender, vendor);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("no sealed bid for tender {tender} in {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} does not parse: {e}", path.display()))
}

/// A bid's state in words.
fn describe(state: &tender::BidState, money: &Currency) -> String {
    match state {
        tender::BidState::Sealed { amendment } => format!("sealed (answers amendment {amendment})"),
        tender::BidState::Withdrawn => "withdrawn".into(),
        tender::BidState::Revealed { price, proposal, index, valid } => {
            let verdict = if *valid { "valid" } else { "invalid (zero or over the estimate)" };
            format!("revealed #{index}: price {}, proposal {}, {verdict}", money.show(*price), hex(proposal.as_ref()))
        }
        tender::BidState::Forfeited => "not revealed in time: bond forfeited".into(),
    }
}

/// A tender's record as anyone (an auditor, a citizen) reads it from the
/// chain: its terms and status, every bidder's bid, the revealed prices.
pub fn history(chain: &mut impl Chain, suite: &Suite, tender: u32) -> Result<Vec<String>, String> {
    let tenders = suite.tenders();
    let t = tenders.tender(chain, tender)?.ok_or_else(|| format!("there is no tender {tender}"))?;
    let phase = tenders.phase(chain, tender)?;
    let money = chain.currency()?;
    let mut out = vec![
        format!(
            "tender {tender}: line {}, estimate {}, bond {}, officer {}",
            t.line,
            money.show(t.estimate),
            money.show(t.bond),
            arg(&from_ink(&t.officer))
        ),
        format!(
            "  submission deadline {} ms, reveal deadline {} ms, {} milestone(s), {} amendment(s)",
            t.submission_deadline, t.reveal_deadline, t.milestone_count, t.amendments
        ),
        format!("  status {:?}, phase {:?} at chain time {} ms", t.status, phase, chain.now()?),
    ];
    let mut start = 0;
    loop {
        let page = tenders.bidders(chain, tender, start, tender::MAX_PAGE_SIZE)?;
        if page.is_empty() {
            break;
        }
        for bidder in &page {
            let bid = tenders.bid(chain, tender, bidder)?.ok_or("a listed bidder has no bid")?;
            out.push(format!("  bid by {}: bond held {}, {}", arg(bidder), money.show(bid.bond), describe(&bid.state, &money)));
        }
        start += page.len() as u32;
    }
    Ok(out)
}
