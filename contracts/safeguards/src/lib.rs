//! # Shart safeguards
//!
//! ## Overview
//!
//! Plain-Rust cores of the safeguards every Shart reference contract embeds.
//! A core never calls the environment: the caller, the block time (`now`, in
//! milliseconds) and balances arrive as arguments, and every state change
//! returns the events it caused, as values. A contract message reads the
//! environment, calls the core with `?`, and emits the returned events with
//! an exhaustive `match`, so an event the contract forgets does not compile.
//!
//! | module | safeguard | legal basis (see `docs/legal-basis.md`) |
//! |---|---|---|
//! | [`kit`] | the composition a template mounts: every safeguard message written once | all of the below |
//! | [`gate`] | the template's calls to its EDS registry (the only code here that reaches the environment) | Law No. 370-II, Art. 7(1) |
//! | [`roles`] | who may do what; two-step admin handover; parties hold no role | all privileged paths |
//! | [`kill_switch`] | pause, resume, terminate with a fixed settlement | Civil Code RK: a court can stop or modify a contract |
//! | [`agreement`] | SHA-256 anchor of the EDS-signed master agreement, acceptances, amendments | Law No. 370-II of 7 January 2003, Art. 7(1); Civil Code Art. 152 |
//! | [`arbitration`] | typed AIFC / IAC / national forum clause | AIFC Court Regulations 2017; IAC Arbitration and Mediation Rules 2022 |
//! | [`dispute`] | raise, freeze, human ruling, appeal window, execution, fallback | Digital Code No. 255-VIII of 9 January 2026 |
//! | [`review`] | automated decisions: notification, explanation hash, AI label, human review, favourable fallback | Digital Code No. 255-VIII of 9 January 2026; AI Law No. 230-VIII of 17 November 2025, Art. 21 |
//! | [`eds`] | EDS registry: accredited verifiers attest that an account belongs to a valid NCA EDS holder | Law No. 370-II, Art. 7(1); Civil Code Art. 152 |
//!
//! Each safeguard is a folder: its state and rules (`mod.rs`), `errors.rs`,
//! `events.rs`, its conformance suite (`conformance.rs`, a `macro_rules!`
//! any contract embedding the safeguard mounts) and its unit tests. A
//! template mounts every suite with [`conformance!`].
//!
//! ## Invariants
//!
//! - No core stores a document, a name or any personal data: only 32-byte
//!   SHA-256 hashes and accounts.
//! - A failed call returns an error and leaves the core unchanged: every
//!   method validates before it writes.
//! - Arithmetic is checked; splits never create or lose a unit.
//!
//! ## Security considerations
//!
//! The cores trust their arguments: a contract must pass the real caller
//! (`self.env().caller()`) and the real block time. The cores do not move
//! funds; the contract does, after the state change (checks, effects,
//! interactions).
#![cfg_attr(not(feature = "std"), no_std)]
// Production code is held to checked arithmetic and lossless casts (workspace
// lints); unit tests use plain arithmetic on small known values.
#![cfg_attr(test, allow(clippy::arithmetic_side_effects))]

pub mod agreement;
pub mod allowlist;
pub mod arbitration;
pub mod dispute;
pub mod eds;
pub mod effects;
pub mod gate;
pub mod kill_switch;
pub mod kit;
pub mod review;
pub mod roles;
pub mod store;
pub mod types;

#[cfg(test)]
mod test_utils;

pub use agreement::AgreementError;
pub use allowlist::{AllowlistCall, AllowlistError};
pub use arbitration::ArbitrationError;
pub use dispute::DisputeError;
pub use eds::EdsError;
pub use kill_switch::KillSwitchError;
pub use kit::{
    HotEvent, SafeguardAnswer, SafeguardCall, SafeguardError, SafeguardEvent, SafeguardQuery,
    Safeguards, SafeguardsConfig,
};
pub use review::ReviewError;
pub use roles::RolesError;
pub use types::{AccountId, Balance, Hash32, Timestamp, BPS_DENOMINATOR};
