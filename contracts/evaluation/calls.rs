//! Every call this contract makes to another contract goes through here:
//! the real clients in the contract, the test kit's stand-ins in unit tests.
//! The switch is made once, on these lines.

#[cfg(not(test))]
pub use budget::client::Treasury;
#[cfg(not(test))]
pub use escrow::client::Agreements;
#[cfg(not(test))]
pub use role_book::client::Registry;
#[cfg(not(test))]
pub use tender::client::Tenders;

#[cfg(test)]
pub type Agreements = test_kit::Agreements<escrow::client::Refusal>;
#[cfg(test)]
pub use test_kit::Registry;
#[cfg(test)]
pub type Tenders = test_kit::Tenders<tender::client::Refusal>;
#[cfg(test)]
pub type Treasury = test_kit::Treasury<budget::client::Refusal>;
