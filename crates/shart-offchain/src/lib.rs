//! # shart-offchain
//!
//! The formats Shart's contracts rely on but never compute on chain, each
//! usable without any chain or runtime:
//!
//! - [`agreement`]: the SHA-256 of a master agreement, exact or canonical;
//! - [`statement`]: the EDS binding statement a holder signs with NCALayer
//!   (with SS58 account input from [`ss58`]);
//! - [`iin`]: salted commitments to a Kazakh IIN or BIN, which never go on
//!   chain themselves;
//! - [`eds`]: the off-chain EDS verifier (the `shart-eds` crate) and
//!   [`eds::attest`], which turns a verified signature over a binding
//!   statement into the registry's attestation record.
//!
//! `shart` re-exports these modules under the same names; `shart` built
//! without its `runtime` feature is the command line over this crate alone
//! (`shart agreement ...`, `shart eds ...`).
#![forbid(unsafe_code)]

pub mod agreement;
pub mod eds;
pub mod iin;
pub mod ss58;
pub mod statement;
