//! Governed changes from the tools: upload new code, schedule a change,
//! list what is pending, cancel, execute. Written once against [`Chain`],
//! so the same functions drive the sandbox and a live node (`procure
//! upgrade ...`).
//!
//! A change runs only after the governor's delay (7 days unless changed
//! through the delay itself). On a live chain the tools schedule today and
//! execute once the time has come; on the sandbox [`enact`] moves the
//! clock, which is how tests, scenarios and the demo put a rule in place.

use drink::AccountId32;
use governor::{Action, ChangeId, ChangeState, ScheduledChange};
use ink::primitives::Hash;
use procurement_shared::{SuiteContract, Timestamp, DAY_MS};

use crate::chain::{self, Chain};
use crate::suite::Suite;

/// Uploads the code of `bundle` (`bundles/<bundle>.contract`) as `by`; its
/// code hash, which an [`Action::Upgrade`] names.
pub fn upload(chain: &mut impl Chain, bundle: &str, by: &AccountId32) -> Result<Hash, String> {
    chain.upload(bundle, by)
}

/// Headroom for a scheduling transaction to land: the governor measures
/// the delay from the block that carries it, which on a live chain is
/// stamped later than the block the time was read from (a change asked for
/// at exactly now + delay was refused there as `TooEarly`).
pub const LANDING_MS: Timestamp = 10 * 60 * 1000;

/// The earliest time a change scheduled now may ask to run: the governor's
/// delay from the chain's clock, plus [`LANDING_MS`].
pub fn earliest(chain: &mut impl Chain, suite: &Suite) -> Result<Timestamp, String> {
    let delay = suite.governor().min_delay(chain)?;
    chain.now()?.checked_add(delay).and_then(|t| t.checked_add(LANDING_MS)).ok_or_else(|| "the clock would overflow".to_string())
}

/// Schedules `action` as the suite's Admin, to run at `eta` (the earliest
/// allowed time if `None`); its id.
pub fn schedule(chain: &mut impl Chain, suite: &Suite, action: &Action, eta: Option<Timestamp>) -> Result<ChangeId, String> {
    let admin = suite.admin.clone();
    schedule_as(chain, suite, &admin, action, eta)
}

/// [`schedule`] signed by `by` (the Admin's account as a tool knows it:
/// a multisig's proxy, a key given on the command line).
pub fn schedule_as(
    chain: &mut impl Chain,
    suite: &Suite,
    by: &AccountId32,
    action: &Action,
    eta: Option<Timestamp>,
) -> Result<ChangeId, String> {
    let eta = match eta {
        Some(eta) => eta,
        None => earliest(chain, suite)?,
    };
    suite.governor().schedule(chain, by, action, eta).map_err(|e| format!("scheduling {}: {e}", describe(action)))
}

/// Executes change `id` as `by` (anyone may, once its time has come): the
/// storage version an upgrade migrated from.
pub fn execute(chain: &mut impl Chain, suite: &Suite, by: &AccountId32, id: ChangeId) -> Result<Option<u16>, String> {
    suite.governor().execute(chain, by, id).map_err(|e| format!("executing change {id}: {e}"))
}

/// Cancels change `id` as the suite's Admin.
pub fn cancel(chain: &mut impl Chain, suite: &Suite, id: ChangeId) -> Result<(), String> {
    let admin = suite.admin.clone();
    cancel_as(chain, suite, &admin, id)
}

/// Cancels change `id` as `by` (the Admin; anyone once it expired).
pub fn cancel_as(chain: &mut impl Chain, suite: &Suite, by: &AccountId32, id: ChangeId) -> Result<(), String> {
    suite.governor().cancel(chain, by, id).map_err(|e| format!("cancelling change {id}: {e}"))
}

/// A code hash as `0x` and 64 hex digits.
pub fn code_hash(text: &str) -> Result<Hash, String> {
    let bytes = chain::unhex(text).ok_or_else(|| format!("a code hash is 0x and 64 hex digits, not {text:?}"))?;
    let bytes: [u8; 32] = bytes.try_into().map_err(|_| format!("a code hash is 32 bytes, not {text:?}"))?;
    Ok(Hash::from(bytes))
}

/// Every pending change, oldest position first.
pub fn pending(chain: &mut impl Chain, suite: &Suite) -> Result<Vec<(ChangeId, ScheduledChange)>, String> {
    let governor = suite.governor();
    let count = governor.pending_count(chain)?;
    let mut all = Vec::new();
    while (all.len() as u32) < count {
        let page = governor.pending_changes(chain, all.len() as u32, governor::MAX_PAGE_SIZE)?;
        if page.is_empty() {
            break;
        }
        all.extend(page);
    }
    all.sort_by_key(|(id, _)| *id);
    Ok(all)
}

/// Schedules `action`, moves the clock to its time and executes it: how a
/// sandbox (tests, scenarios, the demo) puts a rule in place. On a live
/// chain moving the clock is refused, so this is the sandbox's only.
pub fn enact(chain: &mut impl Chain, suite: &Suite, action: &Action) -> Result<Option<u16>, String> {
    Ok(enact_all(chain, suite, std::slice::from_ref(action))?.into_iter().next().flatten())
}

/// [`enact`] for several actions at once: all scheduled for the same
/// time, the clock moved once, executed in order.
pub fn enact_all(chain: &mut impl Chain, suite: &Suite, actions: &[Action]) -> Result<Vec<Option<u16>>, String> {
    if actions.is_empty() {
        return Ok(Vec::new());
    }
    let eta = earliest(chain, suite)?;
    let mut ids = Vec::new();
    for action in actions {
        ids.push(schedule(chain, suite, action, Some(eta))?);
    }
    chain.advance_to(eta)?;
    let admin = suite.admin.clone();
    ids.into_iter().map(|id| execute(chain, suite, &admin, id)).collect()
}

/// An action in words, for people reading a schedule.
pub fn describe(action: &Action) -> String {
    match action {
        Action::Upgrade { contract, code_hash } => {
            format!("replace the code of {} with {}", contract.name(), chain::hex(code_hash.as_ref()))
        }
        Action::DeclareExclusive { first, second } => format!("make {first:?} and {second:?} exclusive"),
        Action::LiftExclusive { first, second } => format!("lift the exclusivity of {first:?} and {second:?}"),
        Action::DefaultPolicy { policy } => format!("set the default release policy to {}", policy_words(policy)),
        Action::LinePolicy { line, policy: Some(policy) } => format!("give line {line} the release policy {}", policy_words(policy)),
        Action::LinePolicy { line, policy: None } => format!("return line {line} to the default release policy"),
        Action::MinDelay { delay } => format!("set the governor's minimum delay to {}", days(*delay)),
    }
}

/// An action as data, for an index or an API: `kind` and its fields.
pub fn action_json(action: &Action) -> serde_json::Value {
    use serde_json::json;
    let policy = |p: &budget::ReleasePolicy| {
        json!({
            "autoReleaseLimit": p.auto_release_limit.to_string(),
            "capWindowMs": p.cap_window_ms,
            "windowCap": p.window_cap.to_string(),
            "approvalsRequired": p.approvals_required,
        })
    };
    match action {
        Action::Upgrade { contract, code_hash } => {
            json!({ "kind": "upgrade", "contract": contract.name(), "codeHash": chain::hex(code_hash.as_ref()) })
        }
        Action::DeclareExclusive { first, second } => {
            json!({ "kind": "declareExclusive", "first": crate::config::role_name(*first), "second": crate::config::role_name(*second) })
        }
        Action::LiftExclusive { first, second } => {
            json!({ "kind": "liftExclusive", "first": crate::config::role_name(*first), "second": crate::config::role_name(*second) })
        }
        Action::DefaultPolicy { policy: p } => json!({ "kind": "defaultPolicy", "policy": policy(p) }),
        Action::LinePolicy { line, policy: p } => json!({ "kind": "linePolicy", "line": line, "policy": p.as_ref().map(policy) }),
        Action::MinDelay { delay } => json!({ "kind": "minDelay", "delayMs": delay }),
    }
}

/// A scheduled change in one line: id, state, action and times.
pub fn describe_change(id: ChangeId, change: &ScheduledChange) -> String {
    let state = match change.state {
        ChangeState::Pending => "pending",
        ChangeState::Cancelled => "cancelled",
        ChangeState::Executed => "executed",
    };
    format!(
        "change {id} ({state}): {}; runs from {} until {}",
        describe(&change.action),
        crate::ocds::rfc3339(change.eta),
        crate::ocds::rfc3339(change.expires())
    )
}

fn policy_words(policy: &budget::ReleasePolicy) -> String {
    format!(
        "up to {} paid at once, {} per {} window, {} approvals above",
        policy.auto_release_limit,
        policy.window_cap,
        days(policy.cap_window_ms),
        policy.approvals_required
    )
}

fn days(ms: Timestamp) -> String {
    if ms.is_multiple_of(DAY_MS) {
        format!("{} days", ms / DAY_MS)
    } else {
        format!("{ms} ms")
    }
}

/// The suite contract a bundle name stands for (`budget`, `escrow`, ...).
pub fn contract_named(name: &str) -> Result<SuiteContract, String> {
    SuiteContract::ALL.into_iter().find(|contract| contract.name() == name).ok_or_else(|| {
        format!("{name:?} is not a contract of the suite (one of {})", SuiteContract::ALL.map(SuiteContract::name).join(", "))
    })
}
