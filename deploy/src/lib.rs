//! Deploys and wires the public procurement suite.
//!
//! - [`chain`]: a typed layer over drink's embedded sandbox chain (bundles,
//!   accounts, calls, queries, events, costs). The drink tests and the bench
//!   use it too.
//! - [`config`]: the roles config file.
//! - [`suite`]: deployment of the suite, role grants, the manifest.
//!
//! Only the embedded sandbox is supported so far; deploying to a live node by
//! URL is future work.

pub mod chain;
pub mod config;
pub mod suite;
