//! The vectors the wallet pages' browser code must reproduce
//! (`portal/wallet/test/vectors.json`): sealed-bid commitments computed by
//! `procurement_shared::bid`, and the tender contract's own verdict
//! (`tender::rules::check_params`) on forms near every boundary, the call
//! data of every role's actions, and the contracts' answers to dry runs
//! (values and typed refusals) as the page must read them. The file
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

/// One action's call data (selector and arguments) as the contract
/// crate's own call builder encodes it, beside the arguments in the form
/// `@polkadot/api-contract` takes them (struct fields in camelCase, unit
/// enum variants by name, 32-byte values in hex, amounts as text).
fn call<Args: ink::scale::Encode, R>(contract: &str, message: &str, args: Value, builder: deploy::chain::Builder<Args, R>) -> Value {
    json!({ "contract": contract, "message": message, "args": args, "data": hex(deploy::chain::message(builder).data()) })
}

/// The calls the wallet pages send for each role's actions, for sample
/// arguments (ids at their bounds, amounts up to u128::MAX).
fn calls(rng: &mut Rng) -> Vec<Value> {
    use deploy::chain::at;
    use ink::codegen::TraitCallBuilder;
    let someone = AccountId32::new(bytes32(rng));
    let tenders = at::<tender::TenderBookRef>(&someone);
    let escrow = at::<escrow::escrow::EscrowRef>(&someone);
    let book = at::<evaluation::evaluation::EvaluationBookRef>(&someone);
    let treasury = at::<budget::BudgetRef>(&someone);
    let governor = at::<governor::GovernorRef>(&someone);
    let (h1, h2, h3) = (bytes32(rng), bytes32(rng), bytes32(rng));
    let inspector = AccountId32::new(bytes32(rng));
    let members: Vec<AccountId32> = (0..3).map(|_| AccountId32::new(bytes32(rng))).collect();
    let price = u128::MAX - u128::from(rng.next_u64());
    let params = TenderParams {
        line: 3,
        estimate: 2_000_000_000_000,
        dossier: Hash::from(h1),
        bond: 30_000_000_000,
        submission_deadline: 1_800_000_000_000 + 14 * DAY_MS,
        reveal_deadline: 1_800_000_000_000 + 17 * DAY_MS,
        method: Method::Weighted { price_weight: 60, quality_weight: 40, min_quality: 50 },
        standstill_ms: 10 * DAY_MS,
        milestones: vec![
            Milestone { share_bps: 4_000, due_offset_ms: 30 * DAY_MS, description: Hash::from(h2) },
            Milestone { share_bps: 6_000, due_offset_ms: 90 * DAY_MS, description: Hash::from(h3) },
        ],
    };
    let contracting = procurement_shared::contracting::Contracting {
        inspector: deploy::chain::ink_id(&inspector),
        terms: procurement_shared::tranche::Terms { retention_bps: 500, late_bps_per_day: 10, late_cap_bps: 1_000 },
        warranty_ms: 30 * DAY_MS,
    };
    let policy = budget::ReleasePolicy {
        auto_release_limit: 50_000_000_000,
        cap_window_ms: 30 * DAY_MS,
        window_cap: u128::MAX,
        approvals_required: 2,
    };
    let ss58 = |a: &AccountId32| a.to_ss58check();
    vec![
        // A vendor.
        call("tender", "commit_bid", json!([u32::MAX, hex(&h1)]), tenders.clone().call_mut().commit_bid(u32::MAX, Hash::from(h1))),
        call(
            "tender",
            "reveal_bid",
            json!([7, price.to_string(), hex(&h2), hex(&h3)]),
            tenders.clone().call_mut().reveal_bid(7, price, Hash::from(h2), Hash::from(h3)),
        ),
        call("tender", "withdraw_bid", json!([0]), tenders.clone().call_mut().withdraw_bid(0)),
        call("tender", "claim_bond", json!([12]), tenders.clone().call_mut().claim_bond(12)),
        call("escrow", "sign", json!([u32::MAX]), escrow.clone().call_mut().sign(u32::MAX)),
        call("escrow", "deliver", json!([4, 11, hex(&h1)]), escrow.clone().call_mut().deliver(4, 11, Hash::from(h1))),
        call("escrow", "escalate", json!([4, 0]), escrow.clone().call_mut().escalate(4, 0)),
        call("evaluation", "protest", json!([9, 2, hex(&h2)]), book.clone().call_mut().protest(9, 2, Hash::from(h2))),
        // A procurement officer.
        call(
            "tender",
            "publish",
            json!([{
                "line": 3,
                "estimate": params.estimate.to_string(),
                "dossier": hex(&h1),
                "bond": params.bond.to_string(),
                "submissionDeadline": params.submission_deadline,
                "revealDeadline": params.reveal_deadline,
                "method": { "Weighted": { "priceWeight": 60, "qualityWeight": 40, "minQuality": 50 } },
                "standstillMs": params.standstill_ms,
                "milestones": [
                    { "shareBps": 4000, "dueOffsetMs": 30 * DAY_MS, "description": hex(&h2) },
                    { "shareBps": 6000, "dueOffsetMs": 90 * DAY_MS, "description": hex(&h3) },
                ],
            }]),
            tenders.clone().call_mut().publish(params.clone()),
        ),
        call("tender", "cancel", json!([5]), tenders.clone().call_mut().cancel(5)),
        call(
            "evaluation",
            "appoint",
            json!([
                5,
                members.iter().map(ss58).collect::<Vec<_>>(),
                1_800_000_000_000u64 + 24 * DAY_MS,
                { "inspector": ss58(&inspector), "terms": { "retentionBps": 500, "lateBpsPerDay": 10, "lateCapBps": 1000 }, "warrantyMs": 30 * DAY_MS }
            ]),
            book.clone().call_mut().appoint(
                5,
                members.iter().map(deploy::chain::ink_id).collect(),
                1_800_000_000_000 + 24 * DAY_MS,
                contracting,
            ),
        ),
        // An evaluator.
        call(
            "evaluation",
            "declare",
            json!([5, hex(&h3), "Impartial"]),
            book.clone().call_mut().declare(5, Hash::from(h3), evaluation::Interest::Impartial),
        ),
        call(
            "evaluation",
            "declare",
            json!([5, hex(&h3), "Conflict"]),
            book.clone().call_mut().declare(5, Hash::from(h3), evaluation::Interest::Conflict),
        ),
        call("evaluation", "score", json!([5, 199, 100]), book.clone().call_mut().score(5, 199, 100)),
        // An inspector.
        call("escrow", "approve", json!([4, 1]), escrow.clone().call_mut().approve(4, 1)),
        call("escrow", "reject", json!([4, 1, hex(&h2)]), escrow.clone().call_mut().reject(4, 1, Hash::from(h2))),
        // A treasurer.
        call("budget", "approve_release", json!([u64::MAX.to_string()]), treasury.clone().call_mut().approve_release(u64::MAX)),
        call("budget", "reject_release", json!([3]), treasury.clone().call_mut().reject_release(3)),
        // An auditor.
        call(
            "evaluation",
            "resolve",
            json!([9, 0, "Uphold", hex(&h1)]),
            book.clone().call_mut().resolve(9, 0, procurement_shared::Ruling::Uphold, Hash::from(h1)),
        ),
        call(
            "escrow",
            "decide_escalation",
            json!([4, 0, "Dismiss"]),
            escrow.clone().call_mut().decide_escalation(4, 0, procurement_shared::Ruling::Dismiss),
        ),
        // The Admin, and anyone after the delay.
        call(
            "governor",
            "schedule",
            json!([{ "Upgrade": { "contract": "Budget", "codeHash": hex(&h1) } }, 1_800_000_000_000u64 + 7 * DAY_MS]),
            governor.clone().call_mut().schedule(
                governor::Action::Upgrade { contract: procurement_shared::SuiteContract::Budget, code_hash: Hash::from(h1) },
                1_800_000_000_000 + 7 * DAY_MS,
            ),
        ),
        call(
            "governor",
            "schedule",
            json!([{ "LinePolicy": { "line": 3, "policy": {
                "autoReleaseLimit": policy.auto_release_limit.to_string(),
                "capWindowMs": policy.cap_window_ms,
                "windowCap": policy.window_cap.to_string(),
                "approvalsRequired": 2,
            } } }, 1_800_000_000_000u64 + 7 * DAY_MS]),
            governor
                .clone()
                .call_mut()
                .schedule(governor::Action::LinePolicy { line: 3, policy: Some(policy) }, 1_800_000_000_000 + 7 * DAY_MS),
        ),
        call("governor", "execute", json!([2]), governor.clone().call_mut().execute(2)),
    ]
}

/// A message's answer as the contract returns it from a call (ink!'s
/// `MessageResult` around the message's own `Result`), and how the wallet
/// page must read it.
fn answer<T: ink::scale::Encode, E: ink::scale::Encode>(
    contract: &str,
    message: &str,
    answered: ink::MessageResult<Result<T, E>>,
    reads: Value,
) -> Value {
    json!({ "contract": contract, "message": message, "data": hex(&ink::scale::Encode::encode(&answered)), "reads": reads })
}

/// What the contracts answer the wallet page's dry runs: values, typed
/// refusals (with and without fields), and ink!'s own language error.
fn answers() -> Vec<Value> {
    let vendor = AccountId32::new([7; 32]);
    let refused = |error: &str| json!({ "ok": false, "error": error });
    vec![
        answer::<u32, tender::Error>("tender", "publish", Ok(Ok(7)), json!({ "ok": true, "value": 7 })),
        answer::<(), tender::Error>(
            "tender",
            "commit_bid",
            Ok(Err(tender::Error::WrongBond { expected: 1_000_000_000, attached: 999_999_999 })),
            refused("WrongBond"),
        ),
        answer::<(), tender::Error>(
            "tender",
            "commit_bid",
            Ok(Err(tender::Error::MissingRole { role: procurement_shared::Role::Vendor, account: deploy::chain::ink_id(&vendor) })),
            refused("MissingRole"),
        ),
        answer::<(), tender::Error>("tender", "commit_bid", Ok(Err(tender::Error::SubmissionClosed)), refused("SubmissionClosed")),
        answer::<(), tender::Error>("tender", "reveal_bid", Ok(Err(tender::Error::CommitmentMismatch)), refused("CommitmentMismatch")),
        answer::<u128, tender::Error>("tender", "claim_bond", Ok(Ok(1_000_000_000)), json!({ "ok": true, "value": 1_000_000_000u64 })),
        answer::<Option<u32>, evaluation::Error>("evaluation", "finalize", Ok(Ok(Some(2))), json!({ "ok": true, "value": 2 })),
        answer::<u32, evaluation::Error>(
            "evaluation",
            "conclude",
            Ok(Err(evaluation::Error::StandstillRunning)),
            refused("StandstillRunning"),
        ),
        answer::<(), escrow::Error>("escrow", "approve", Ok(Err(escrow::Error::NotInspector)), refused("NotInspector")),
        answer::<(), budget::Error>("budget", "approve_release", Ok(Err(budget::Error::AlreadyApproved)), refused("AlreadyApproved")),
        answer::<(), tender::Error>("tender", "cancel", Err(ink::LangError::CouldNotReadInput), refused("LangError::CouldNotReadInput")),
    ]
}

#[test]
fn the_wallet_vectors_are_what_the_contracts_compute() {
    let mut rng = Rng::new(2027);
    let vectors = json!({
        "about": "Written by deploy/tests/wallet_vectors.rs from procurement_shared::bid, tender::rules::check_params and the contract crates' call builders; the wallet code must reproduce every case.",
        "commitments": commitments(&mut rng),
        "tenderForms": forms(&mut rng),
        "calls": calls(&mut rng),
        "answers": answers(),
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
