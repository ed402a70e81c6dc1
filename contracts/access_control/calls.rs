//! The one contract this registry calls: the role book, which it writes in
//! the same call as every role change and pause. The real client in the
//! contract, the test kit's stand-in in unit tests; the switch is made once,
//! on these lines.

#[cfg(not(test))]
pub use role_book::client::Writer as RoleBookWriter;

#[cfg(test)]
pub type RoleBookWriter = test_kit::RoleBookWriter<role_book::role_book::Error>;
