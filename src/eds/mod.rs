//! Off-chain verification of Kazakh electronic digital signatures (EDS).
//!
//! The verifier is its own crate, `shart-eds` (crates/shart-eds), so that
//! verifiers and auditors build, test and benchmark it without the
//! Substrate stack; it is re-exported here as the toolkit's `eds` module.
//! [`attest`] lives here because it needs the binding statement
//! ([`crate::statement`]) and the IIN/BIN rules ([`crate::iin`]).
pub use shart_eds::{algorithms, ber, certificate, error, gost, input, testkit, verify};

pub mod attest;
