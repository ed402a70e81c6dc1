//! Release policy: when a release is paid at once and when it waits for
//! Treasurers. Plain arithmetic, no ink! environment, so every rule is unit
//! tested directly.

use procurement_shared::{Balance, Timestamp};

/// Most Treasurer approvals a policy may require (also the bound of the
/// approver list stored with each queued release).
pub const MAX_APPROVALS: u8 = 8;

/// One unit of a 10-decimal currency (DOT-like); the defaults below are
/// written in it. A chain with other decimals sets its own policy.
pub const UNIT: Balance = 10_000_000_000;

/// Default: releases up to 1 000 units are paid at once...
pub const DEFAULT_AUTO_RELEASE_LIMIT: Balance = 1_000 * UNIT;
/// ...as long as a line's automatic releases within one window...
pub const DEFAULT_CAP_WINDOW_MS: Timestamp = 30 * 24 * 60 * 60 * 1000;
/// ...stay within 10 000 units;
pub const DEFAULT_WINDOW_CAP: Balance = 10_000 * UNIT;
/// ...anything else waits for 2 distinct Treasurers.
pub const DEFAULT_APPROVALS_REQUIRED: u8 = 2;

/// How releases of a line are handled. The budget has a default policy; the
/// Admin may give a line its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct ReleasePolicy {
    /// Largest single release paid without Treasurer approval.
    pub auto_release_limit: Balance,
    /// Length of a cap window in milliseconds; windows are counted from the
    /// start of the line's fiscal period.
    pub cap_window_ms: Timestamp,
    /// Most a line may pay automatically within one window. Co-signed
    /// releases do not count against it: Treasurers approved them one by one.
    pub window_cap: Balance,
    /// Distinct Treasurer approvals that execute a queued release.
    pub approvals_required: u8,
}

impl Default for ReleasePolicy {
    fn default() -> Self {
        ReleasePolicy {
            auto_release_limit: DEFAULT_AUTO_RELEASE_LIMIT,
            cap_window_ms: DEFAULT_CAP_WINDOW_MS,
            window_cap: DEFAULT_WINDOW_CAP,
            approvals_required: DEFAULT_APPROVALS_REQUIRED,
        }
    }
}

impl ReleasePolicy {
    /// A policy is usable if windows have a length and approvals are
    /// required, but no more than can be recorded.
    pub fn is_valid(&self) -> bool {
        self.cap_window_ms > 0 && self.approvals_required > 0 && self.approvals_required <= MAX_APPROVALS
    }

    /// End of the window of this policy's length that `now` falls in,
    /// windows counted from `period_start` (the first window before the
    /// period starts).
    pub fn window_end(&self, period_start: Timestamp, now: Timestamp) -> Timestamp {
        let index = now.saturating_sub(period_start).checked_div(self.cap_window_ms).unwrap_or(0);
        period_start.saturating_add(index.saturating_add(1).saturating_mul(self.cap_window_ms))
    }
}

/// What a line has paid automatically in its current cap window.
///
/// The window keeps the end it had when it opened: a policy change (a
/// shorter window, say) takes effect when the window in use ends, so it can
/// never hand out a fresh cap in the middle of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
pub struct WindowUsage {
    /// When the window ends (ms, exclusive); 0 before the first release.
    pub ends_at: Timestamp,
    /// Paid automatically in that window.
    pub paid: Balance,
}

/// The decision for one release request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Pay now; the line's window usage becomes this.
    PayNow(WindowUsage),
    /// Queue for Treasurer approval.
    Queue,
}

/// Decides whether `amount` may be paid at once under `policy`, given the
/// line's usage so far, its period start and the time. `paused` suite: never
/// automatic.
pub fn decide(
    policy: &ReleasePolicy,
    usage: WindowUsage,
    period_start: Timestamp,
    now: Timestamp,
    amount: Balance,
    paused: bool,
) -> Decision {
    if paused || amount > policy.auto_release_limit {
        return Decision::Queue;
    }
    let (ends_at, paid_before) = if now < usage.ends_at { (usage.ends_at, usage.paid) } else { (policy.window_end(period_start, now), 0) };
    match paid_before.checked_add(amount) {
        Some(paid) if paid <= policy.window_cap => Decision::PayNow(WindowUsage { ends_at, paid }),
        _ => Decision::Queue,
    }
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    fn policy() -> ReleasePolicy {
        ReleasePolicy { auto_release_limit: 100, cap_window_ms: 1_000, window_cap: 250, approvals_required: 2 }
    }

    #[test]
    fn small_release_within_cap_is_paid_now() {
        let d = decide(&policy(), WindowUsage::default(), 0, 10, 100, false);
        assert_eq!(d, Decision::PayNow(WindowUsage { ends_at: 1_000, paid: 100 }));
    }

    #[test]
    fn release_above_limit_is_queued() {
        assert_eq!(decide(&policy(), WindowUsage::default(), 0, 10, 101, false), Decision::Queue);
    }

    #[test]
    fn paused_suite_queues_everything() {
        assert_eq!(decide(&policy(), WindowUsage::default(), 0, 10, 1, true), Decision::Queue);
    }

    #[test]
    fn cap_applies_within_a_window_and_resets_in_the_next() {
        let used = WindowUsage { ends_at: 1_000, paid: 200 };
        assert_eq!(decide(&policy(), used, 0, 999, 50, false), Decision::PayNow(WindowUsage { ends_at: 1_000, paid: 250 }));
        assert_eq!(decide(&policy(), used, 0, 999, 51, false), Decision::Queue);
        // Next window: the earlier usage no longer counts.
        assert_eq!(decide(&policy(), used, 0, 1_000, 100, false), Decision::PayNow(WindowUsage { ends_at: 2_000, paid: 100 }));
    }

    #[test]
    fn windows_count_from_the_period_start() {
        let p = policy();
        assert_eq!(p.window_end(5_000, 4_000), 6_000);
        assert_eq!(p.window_end(5_000, 5_999), 6_000);
        assert_eq!(p.window_end(5_000, 6_000), 7_000);
        assert_eq!(p.window_end(5_000, 12_500), 13_000);
    }

    #[test]
    fn a_shorter_window_mid_way_hands_out_no_fresh_cap() {
        let long = ReleasePolicy { cap_window_ms: 10_000, ..policy() };
        let Decision::PayNow(used) = decide(&long, WindowUsage::default(), 0, 100, 100, false) else { panic!() };
        let Decision::PayNow(used) = decide(&long, used, 0, 200, 100, false) else { panic!() };
        assert_eq!(used, WindowUsage { ends_at: 10_000, paid: 200 });
        // The Admin shortens the window to 1 000 ms at t = 2 500: the window in
        // use keeps its end and its usage.
        let short = policy();
        assert_eq!(decide(&short, used, 0, 2_500, 100, false), Decision::Queue);
        assert_eq!(decide(&short, used, 0, 2_500, 50, false), Decision::PayNow(WindowUsage { ends_at: 10_000, paid: 250 }));
        // Once it ends, windows of the new length follow.
        assert_eq!(decide(&short, used, 0, 10_000, 100, false), Decision::PayNow(WindowUsage { ends_at: 11_000, paid: 100 }));
    }

    #[test]
    fn overflowing_usage_is_queued_not_wrapped() {
        let p = ReleasePolicy { auto_release_limit: Balance::MAX, window_cap: Balance::MAX, ..policy() };
        let used = WindowUsage { ends_at: 1_000, paid: Balance::MAX };
        assert_eq!(decide(&p, used, 0, 0, 1, false), Decision::Queue);
    }

    #[test]
    fn policy_validation() {
        assert!(ReleasePolicy::default().is_valid());
        assert!(!ReleasePolicy { cap_window_ms: 0, ..policy() }.is_valid());
        assert!(!ReleasePolicy { approvals_required: 0, ..policy() }.is_valid());
        assert!(!ReleasePolicy { approvals_required: MAX_APPROVALS + 1, ..policy() }.is_valid());
    }
}
