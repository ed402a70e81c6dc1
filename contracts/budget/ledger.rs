//! Every money move of the treasury, in one place, as plain Rust over a
//! line, a commitment and the running books; unit tested without ink!.
//!
//! Two identities hold after every move, and only these functions change
//! the figures they are made of:
//! - per line: `appropriated = available + reserved + committed + released`;
//! - books: `available`, `reserved`, `committed`, `released` are the sums of
//!   the lines' figures, and `unappropriated + available + reserved +
//!   committed` is what the treasury holds.
//!
//! Callers work on copies of the stored records and write them back only if
//! the move returned `Ok`, so a refused move changes nothing.

use ink::primitives::AccountId;
use procurement_shared::{ensure, Balance};

use crate::errors::{Error, Result};
use crate::types::{Books, Commitment, CommitmentState, Line, LineState};

/// `a + b`, or `Overflow`.
pub fn add(a: Balance, b: Balance) -> Result<Balance> {
    a.checked_add(b).ok_or(Error::Overflow)
}

/// `a - b`, or `Overflow`. The books never let a figure go below zero, so
/// this guards only against a bug.
pub fn sub(a: Balance, b: Balance) -> Result<Balance> {
    a.checked_sub(b).ok_or(Error::Overflow)
}

/// Money arriving in the treasury: unappropriated.
pub fn deposit(books: &mut Books, amount: Balance) -> Result<()> {
    books.unappropriated = add(books.unappropriated, amount)?;
    Ok(())
}

/// Unappropriated money appropriated to a line (opening or raising it).
pub fn appropriate(books: &mut Books, line: &mut Line, amount: Balance) -> Result<()> {
    books.unappropriated = books
        .unappropriated
        .checked_sub(amount)
        .ok_or(Error::InsufficientUnappropriated { requested: amount, unappropriated: books.unappropriated })?;
    books.available = add(books.available, amount)?;
    line.appropriated = add(line.appropriated, amount)?;
    line.available = add(line.available, amount)?;
    Ok(())
}

/// Available money of a line taken back to the unappropriated pool
/// (lowering its appropriation).
pub fn deappropriate(books: &mut Books, line: &mut Line, amount: Balance) -> Result<()> {
    line.available = take_available(line, amount)?;
    line.appropriated = sub(line.appropriated, amount)?;
    books.available = sub(books.available, amount)?;
    books.unappropriated = add(books.unappropriated, amount)?;
    Ok(())
}

/// Closes a line: its available money returns to the pool. Returns that
/// amount.
pub fn close(books: &mut Books, line: &mut Line) -> Result<Balance> {
    let returned = line.available;
    deappropriate(books, line, returned)?;
    line.state = LineState::Closed;
    Ok(returned)
}

/// Available money held for a tender.
pub fn reserve(books: &mut Books, line: &mut Line, amount: Balance) -> Result<()> {
    line.available = take_available(line, amount)?;
    line.reserved = add(line.reserved, amount)?;
    books.available = sub(books.available, amount)?;
    books.reserved = add(books.reserved, amount)?;
    Ok(())
}

/// A cancelled reservation's money returns to the line.
pub fn unreserve(books: &mut Books, line: &mut Line, amount: Balance) -> Result<()> {
    line.reserved = sub(line.reserved, amount)?;
    books.reserved = sub(books.reserved, amount)?;
    give_back(books, line, amount)
}

/// A reservation of `reserved` becomes a commitment of `amount` (at most
/// `reserved`); the surplus returns to the line. Returns the surplus.
pub fn commit(books: &mut Books, line: &mut Line, reserved: Balance, amount: Balance) -> Result<Balance> {
    let surplus = reserved.checked_sub(amount).ok_or(Error::ExceedsReservation { requested: amount, reserved })?;
    line.reserved = sub(line.reserved, reserved)?;
    books.reserved = sub(books.reserved, reserved)?;
    line.committed = add(line.committed, amount)?;
    books.committed = add(books.committed, amount)?;
    give_back(books, line, surplus)?;
    Ok(surplus)
}

/// Whether `amount` may be drawn from `commitment` for `to`: open, to its
/// payee, a positive amount within what is neither released nor queued.
pub fn check_release(commitment: &Commitment, amount: Balance, to: AccountId) -> Result<()> {
    ensure!(amount > 0, Error::ZeroAmount);
    ensure!(!commitment.is_decommitted(), Error::CommitmentClosed);
    ensure!(to == commitment.payee, Error::WrongPayee);
    let remaining = commitment.remaining();
    ensure!(amount <= remaining, Error::ExceedsCommitment { requested: amount, remaining });
    Ok(())
}

/// `amount` of a commitment paid at once.
pub fn release(books: &mut Books, line: &mut Line, commitment: &mut Commitment, amount: Balance) -> Result<()> {
    pay(books, line, amount)?;
    commitment.released = add(commitment.released, amount)?;
    Ok(())
}

/// `amount` of a commitment queued for Treasurer approval: still committed,
/// no longer drawable.
pub fn queue(commitment: &mut Commitment, amount: Balance) -> Result<()> {
    commitment.queued = add(commitment.queued, amount)?;
    commitment.pending_releases = commitment.pending_releases.checked_add(1).ok_or(Error::Overflow)?;
    Ok(())
}

/// A queued release of `amount` paid.
pub fn pay_queued(books: &mut Books, line: &mut Line, commitment: &mut Commitment, amount: Balance) -> Result<()> {
    unqueue(commitment, amount)?;
    release(books, line, commitment, amount)
}

/// A queued release of `amount` rejected: drawable again, or, if the
/// commitment was decommitted meanwhile, back to the line.
pub fn reject_queued(books: &mut Books, line: &mut Line, commitment: &mut Commitment, amount: Balance) -> Result<()> {
    unqueue(commitment, amount)?;
    if commitment.is_decommitted() {
        commitment.amount = sub(commitment.amount, amount)?;
        uncommit(books, line, amount)?;
    }
    Ok(())
}

/// Closes a commitment: what is neither released nor queued returns to the
/// line. Returns that amount.
pub fn decommit(books: &mut Books, line: &mut Line, commitment: &mut Commitment) -> Result<Balance> {
    let amount = commitment.remaining();
    uncommit(books, line, amount)?;
    commitment.amount = sub(commitment.amount, amount)?;
    commitment.state = CommitmentState::Decommitted;
    Ok(amount)
}

/// Returns `amount` of what a commitment has neither released nor queued
/// to its line; the commitment stays open for the rest.
pub fn decommit_part(books: &mut Books, line: &mut Line, commitment: &mut Commitment, amount: Balance) -> Result<Balance> {
    let remaining = commitment.remaining();
    ensure!(amount <= remaining, Error::ExceedsCommitment { requested: amount, remaining });
    uncommit(books, line, amount)?;
    commitment.amount = sub(commitment.amount, amount)?;
    Ok(amount)
}

fn take_available(line: &Line, amount: Balance) -> Result<Balance> {
    line.available.checked_sub(amount).ok_or(Error::InsufficientAvailable { requested: amount, available: line.available })
}

fn pay(books: &mut Books, line: &mut Line, amount: Balance) -> Result<()> {
    line.committed = sub(line.committed, amount)?;
    line.released = add(line.released, amount)?;
    books.committed = sub(books.committed, amount)?;
    books.released = add(books.released, amount)?;
    Ok(())
}

fn unqueue(commitment: &mut Commitment, amount: Balance) -> Result<()> {
    commitment.queued = sub(commitment.queued, amount)?;
    commitment.pending_releases = commitment.pending_releases.checked_sub(1).ok_or(Error::Overflow)?;
    Ok(())
}

fn uncommit(books: &mut Books, line: &mut Line, amount: Balance) -> Result<()> {
    line.committed = sub(line.committed, amount)?;
    books.committed = sub(books.committed, amount)?;
    give_back(books, line, amount)
}

/// Money coming back to a line: available again, or, if the line is closed,
/// back to the unappropriated pool (and off the appropriation).
fn give_back(books: &mut Books, line: &mut Line, amount: Balance) -> Result<()> {
    if line.is_closed() {
        line.appropriated = sub(line.appropriated, amount)?;
        books.unappropriated = add(books.unappropriated, amount)?;
    } else {
        line.available = add(line.available, amount)?;
        books.available = add(books.available, amount)?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::arithmetic_side_effects, clippy::cast_possible_truncation)]
mod tests {
    use super::*;
    use ink::primitives::AccountId;

    fn line() -> Line {
        Line::new(b"L".to_vec(), 0, 10)
    }

    fn commitment(amount: Balance) -> Commitment {
        Commitment {
            line: 0,
            reservation: 0,
            tender: 7,
            payee: AccountId::from([1; 32]),
            amount,
            released: 0,
            queued: 0,
            pending_releases: 0,
            state: CommitmentState::Open,
        }
    }

    /// Both identities, with `line` the only line and `held` what the
    /// treasury holds.
    fn assert_identities(books: &Books, line: &Line, held: Balance) {
        assert_eq!(line.appropriated, line.available + line.reserved + line.committed + line.released, "{line:?}");
        assert_eq!(
            (books.available, books.reserved, books.committed, books.released),
            (line.available, line.reserved, line.committed, line.released)
        );
        assert_eq!(books.held(), Some(held), "{books:?}");
    }

    #[test]
    fn a_release_draws_a_positive_amount_within_an_open_commitment_for_its_payee() {
        let mut c = commitment(100);
        let payee = c.payee;
        c.queued = 30;
        assert_eq!(check_release(&c, 70, payee), Ok(()));
        assert_eq!(check_release(&c, 0, payee), Err(Error::ZeroAmount));
        assert_eq!(check_release(&c, 71, payee), Err(Error::ExceedsCommitment { requested: 71, remaining: 70 }));
        assert_eq!(check_release(&c, 1, AccountId::from([2; 32])), Err(Error::WrongPayee));
        c.state = CommitmentState::Decommitted;
        assert_eq!(check_release(&c, 1, payee), Err(Error::CommitmentClosed));
    }

    #[test]
    fn a_whole_lifecycle_keeps_both_identities_after_every_move() {
        let (mut b, mut l) = (Books::default(), line());
        deposit(&mut b, 1_000).unwrap();
        assert_identities(&b, &l, 1_000);
        appropriate(&mut b, &mut l, 600).unwrap();
        assert_identities(&b, &l, 1_000);
        deappropriate(&mut b, &mut l, 100).unwrap();
        assert_identities(&b, &l, 1_000);
        reserve(&mut b, &mut l, 400).unwrap();
        assert_identities(&b, &l, 1_000);
        assert_eq!(commit(&mut b, &mut l, 400, 300).unwrap(), 100);
        assert_identities(&b, &l, 1_000);
        let mut c = commitment(300);
        release(&mut b, &mut l, &mut c, 50).unwrap();
        assert_identities(&b, &l, 950);
        queue(&mut c, 100).unwrap();
        assert_eq!((c.remaining(), c.pending_releases), (150, 1));
        pay_queued(&mut b, &mut l, &mut c, 100).unwrap();
        assert_identities(&b, &l, 850);
        queue(&mut c, 70).unwrap();
        reject_queued(&mut b, &mut l, &mut c, 70).unwrap();
        assert_eq!((c.remaining(), c.queued, c.pending_releases), (150, 0, 0));
        assert_eq!(decommit(&mut b, &mut l, &mut c).unwrap(), 150);
        assert_eq!((c.amount, c.released, c.state), (150, 150, CommitmentState::Decommitted));
        assert_identities(&b, &l, 850);
        assert_eq!(close(&mut b, &mut l).unwrap(), 350);
        assert_eq!((l.available, l.appropriated, l.state), (0, 150, LineState::Closed));
        assert_identities(&b, &l, 850);
        // Everything not paid out is back in the pool.
        assert_eq!(b.unappropriated, 850);
    }

    #[test]
    fn money_coming_back_to_a_closed_line_goes_to_the_pool() {
        let (mut b, mut l) = (Books::default(), line());
        deposit(&mut b, 500).unwrap();
        appropriate(&mut b, &mut l, 500).unwrap();
        reserve(&mut b, &mut l, 300).unwrap();
        close(&mut b, &mut l).unwrap();
        assert_eq!((b.unappropriated, l.appropriated), (200, 300));
        assert_eq!(commit(&mut b, &mut l, 300, 250).unwrap(), 50);
        assert_eq!((b.unappropriated, l.appropriated, l.available), (250, 250, 0));
        let mut c = commitment(250);
        queue(&mut c, 100).unwrap();
        decommit(&mut b, &mut l, &mut c).unwrap();
        assert_eq!((b.unappropriated, l.appropriated), (400, 100));
        // A rejection after the decommit returns the queued amount too.
        reject_queued(&mut b, &mut l, &mut c, 100).unwrap();
        assert_eq!((b.unappropriated, l.appropriated, c.amount), (500, 0, 0));
        assert_eq!(c.state, CommitmentState::Decommitted);
        assert_identities(&b, &l, 500);
    }

    #[test]
    fn refusals_name_what_was_missing() {
        let (mut b, mut l) = (Books::default(), line());
        deposit(&mut b, 100).unwrap();
        assert_eq!(appropriate(&mut b, &mut l, 101), Err(Error::InsufficientUnappropriated { requested: 101, unappropriated: 100 }));
        appropriate(&mut b, &mut l, 100).unwrap();
        assert_eq!(reserve(&mut b, &mut l, 101), Err(Error::InsufficientAvailable { requested: 101, available: 100 }));
        assert_eq!(deappropriate(&mut b, &mut l, 101), Err(Error::InsufficientAvailable { requested: 101, available: 100 }));
        reserve(&mut b, &mut l, 60).unwrap();
        assert_eq!(commit(&mut b, &mut l, 60, 61), Err(Error::ExceedsReservation { requested: 61, reserved: 60 }));
        let mut c = commitment(10);
        assert_eq!(pay_queued(&mut b, &mut l, &mut c, 1), Err(Error::Overflow), "nothing was queued");
        let mut full = Books { unappropriated: Balance::MAX, ..Books::default() };
        assert_eq!(deposit(&mut full, 1), Err(Error::Overflow));
    }
}
