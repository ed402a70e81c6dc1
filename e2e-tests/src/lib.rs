//! drink tests (in `tests/`) and the gas bench (`src/bin/bench.rs`) for the
//! suite, run against the `.contract` bundles that `scripts/build.sh` writes.
//! The harness itself lives in `deploy::chain`, so tests use the same code
//! as a deployment; this crate adds the checks that several tests share.

use budget::Totals;
use deploy::chain::{self, Session};
use drink::AccountId32;

/// Checks conservation of funds in the treasury and returns its figures:
/// the books (`unappropriated + available + reserved + committed`) equal the
/// spendable balance the contract reports, and that balance is what the
/// chain itself holds for the contract account, less its existential
/// deposit. Call it after every step of a lifecycle.
pub fn assert_conserved(session: &mut Session, budget: &AccountId32) -> Totals {
    let totals: Totals = chain::query(session, budget, "totals", &[]);
    assert_eq!(totals.books(), Some(totals.balance), "books and balance differ: {totals:?}");
    let on_chain = chain::balance(session, budget);
    assert_eq!(
        on_chain,
        totals.balance + chain::EXISTENTIAL_DEPOSIT,
        "the contract's reported balance is not what the chain holds: {totals:?}"
    );
    totals
}

/// A line code as a message argument (hex of its bytes).
pub fn code(text: &str) -> String {
    chain::hex(text.as_bytes())
}
