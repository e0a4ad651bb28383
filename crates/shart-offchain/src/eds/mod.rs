//! Off-chain verification of Kazakh electronic digital signatures (EDS).
//!
//! The verifier is its own crate, `shart-eds` (crates/shart-eds), re-exported
//! here. [`attest`] lives here because it needs the binding statement
//! ([`crate::statement`]) and the IIN/BIN rules ([`crate::iin`]).
//!
//! `testkit` (fake CAs, keys and signatures) is re-exported only with this
//! crate's `testkit` feature, which the shipped off-chain commands never
//! enable: `shart eds verify` and `shart eds attest` trust only the CA
//! certificates passed with `--ca`.
#[cfg(any(test, feature = "testkit"))]
pub use shart_eds::testkit;
pub use shart_eds::{algorithms, ber, certificate, error, gost, input, verify};

pub mod attest;
