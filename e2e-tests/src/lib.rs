//! drink tests (in `tests/`) and the gas bench (`src/bin/bench.rs`) for the
//! suite, run against the `.contract` bundles that `scripts/build.sh` writes.
//! The harness itself lives in `deploy::chain`, so tests use the same code
//! as a deployment.
