//! Deploys and wires the public procurement suite.
//!
//! - [`chain`]: a typed layer over drink's embedded sandbox chain (bundles,
//!   accounts, calls, queries, events, costs). The drink tests and the bench
//!   use it too.
//! - [`config`]: the roles config file.
//! - [`contracts`]: a typed facade per contract (one method per message).
//! - [`suite`]: the suite as one table, its deployment, role grants, the
//!   manifest.
//!
//! Only the embedded sandbox is supported so far; deploying to a live node by
//! URL is future work.

pub mod chain;
pub mod config;
pub mod contracts;
pub mod suite;
