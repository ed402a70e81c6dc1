//! The vectors the wallet pages' browser code must reproduce
//! (`portal/wallet/test/vectors.json`): sealed-bid commitments computed by
//! `procurement_shared::bid`, and the tender contract's own verdict
//! (`tender::rules::check_params`) on forms near every boundary. The file
//! is checked in; this test fails when the Rust side would write anything
//! else (regenerate with `UPDATE_WALLET_VECTORS=1 cargo test -p deploy
//! --test wallet_vectors`), and `portal/wallet/test/` holds the browser code
//! to every case.

use deploy::scenarios::Rng;
use drink::{AccountId32, Ss58Codec};
use ink::primitives::Hash;
use procurement_shared::{bid_commitment, bid_preimage, DAY_MS};
use serde_json::{json, Value};
use tender::{Method, Milestone, TenderParams};

fn bytes32(rng: &mut Rng) -> [u8; 32] {
    let mut out = [0u8; 32];
    for chunk in out.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
    }
    out
}

fn hex(bytes: &[u8]) -> String {
    deploy::chain::hex(bytes)
}

fn commitments(rng: &mut Rng) -> Vec<Value> {
    let mut out = Vec::new();
    for n in 0..32u32 {
        let tender = match n {
            0 => 0,
            1 => u32::MAX,
            _ => u32::try_from(rng.below(1 << 20)).unwrap(),
        };
        let price: u128 = match n {
            0 => 0,
            1 => u128::MAX,
            2 => 1,
            _ => (u128::from(rng.next_u64()) << 64 | u128::from(rng.next_u64())) >> rng.below(120),
        };
        let (bidder, proposal, salt) = (bytes32(rng), bytes32(rng), bytes32(rng));
        // Half the bidders as SS58 addresses, as wallets name them.
        let written = if n % 2 == 0 { AccountId32::new(bidder).to_ss58check() } else { hex(&bidder) };
        out.push(json!({
            "tender": tender,
            "bidder": written,
            "price": price.to_string(),
            "proposal": hex(&proposal),
            "salt": hex(&salt),
            "preimage": hex(&bid_preimage(tender, &bidder, price, &proposal, &salt)),
            "commitment": hex(&bid_commitment(tender, &bidder, price, &proposal, &salt)),
        }));
    }
    out
}

/// A value near `edge`: just under, on, or just over it, or anywhere.
fn near(rng: &mut Rng, edge: u64, span: u64) -> u64 {
    match rng.below(4) {
        0 => edge.saturating_sub(1),
        1 => edge,
        2 => edge + 1,
        _ => edge.saturating_sub(span / 2) + rng.below(span.max(1)),
    }
}

fn forms(rng: &mut Rng) -> Vec<Value> {
    let now: u64 = 1_800_000_000_000;
    let mut out = Vec::new();
    for _ in 0..400 {
        let estimate = match rng.below(10) {
            0 => 0,
            1 => u128::from(rng.below(20)),
            _ => u128::from(1 + rng.below(10_000_000)),
        };
        let bond = if rng.below(12) == 0 { 0 } else { u128::from(1 + rng.below(1_000)) };
        let submission = near(rng, now + 7 * DAY_MS, 4 * DAY_MS);
        let edge = if rng.below(5) == 0 { now + 365 * DAY_MS } else { submission + DAY_MS };
        let reveal = near(rng, edge, 2 * DAY_MS);
        let method = match rng.below(4) {
            0 => Method::LowestPrice,
            _ => {
                let price_weight = u8::try_from(rng.below(101)).unwrap();
                let quality_weight = if rng.below(3) == 0 { u8::try_from(rng.below(101)).unwrap() } else { 100 - price_weight };
                Method::Weighted { price_weight, quality_weight, min_quality: u8::try_from(rng.below(104)).unwrap() }
            }
        };
        let edge = if rng.below(2) == 0 { DAY_MS } else { 90 * DAY_MS };
        let standstill = near(rng, edge, 2 * DAY_MS);
        let count = match rng.below(12) {
            0 => 0,
            1 => 13,
            _ => 1 + rng.below(5),
        };
        let mut milestones = Vec::new();
        let mut due = near(rng, DAY_MS, DAY_MS);
        let mut left: u16 = 10_000;
        for k in 0..count {
            let last = k + 1 == count;
            let share =
                if last { left } else { u16::try_from(rng.below(u64::from(left).min(6_000)) + u64::from(rng.below(3) == 0)).unwrap() };
            let share = if rng.below(30) == 0 { share.saturating_add(1) } else { share };
            left = left.saturating_sub(share);
            milestones.push(Milestone { share_bps: share, due_offset_ms: due, description: Hash::from([7; 32]) });
            due += if rng.below(20) == 0 { 0 } else { 1 + rng.below(300) * DAY_MS };
        }
        if rng.below(15) == 0 {
            if let Some(m) = milestones.last_mut() {
                m.due_offset_ms = 3_650 * DAY_MS + rng.below(2);
            }
        }
        let params = TenderParams {
            line: 0,
            estimate,
            dossier: Hash::from([1; 32]),
            bond,
            submission_deadline: submission,
            reveal_deadline: reveal,
            method,
            standstill_ms: standstill,
            milestones: milestones.clone(),
        };
        let verdict = match tender::rules::check_params(now, &params) {
            Ok((count, min_price)) => json!({ "ok": true, "milestones": count, "minPrice": min_price.to_string() }),
            Err(e) => json!({ "ok": false, "error": format!("{e:?}") }),
        };
        let method = match method {
            Method::LowestPrice => json!({ "kind": "lowestPrice" }),
            Method::Weighted { price_weight, quality_weight, min_quality } => {
                json!({ "kind": "weighted", "priceWeight": price_weight, "qualityWeight": quality_weight, "minQuality": min_quality })
            }
        };
        out.push(json!({
            "form": {
                "now": now, "estimate": estimate.to_string(), "bond": bond.to_string(),
                "submissionDeadline": submission, "revealDeadline": reveal, "method": method, "standstillMs": standstill,
                "milestones": milestones.iter().map(|m| json!({ "shareBps": m.share_bps, "dueOffsetMs": m.due_offset_ms })).collect::<Vec<_>>(),
            },
            "verdict": verdict,
        }));
    }
    out
}

#[test]
fn the_wallet_vectors_are_what_the_contracts_compute() {
    let mut rng = Rng::new(2027);
    let vectors = json!({
        "about": "Written by deploy/tests/wallet_vectors.rs from procurement_shared::bid and tender::rules::check_params; the wallet code must reproduce every case.",
        "commitments": commitments(&mut rng),
        "tenderForms": forms(&mut rng),
    });
    let text = serde_json::to_string_pretty(&vectors).unwrap() + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../portal/wallet/test/vectors.json");
    if std::env::var_os("UPDATE_WALLET_VECTORS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let written = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == text,
        "{} is not what the contracts compute now: regenerate it with UPDATE_WALLET_VECTORS=1 cargo test -p deploy --test wallet_vectors",
        path.display()
    );
    // The forms cover every verdict.
    let verdicts: std::collections::BTreeSet<String> =
        vectors["tenderForms"].as_array().unwrap().iter().map(|f| f["verdict"]["error"].as_str().unwrap_or("ok").to_string()).collect();
    for v in ["ok", "ZeroAmount", "InvalidDeadlines", "InvalidMethod", "InvalidStandstill", "InvalidMilestones"] {
        assert!(verdicts.contains(v), "no form earns {v}: {verdicts:?}");
    }
}
