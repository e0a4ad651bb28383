//! # shart-eds
//!
//! Off-chain verification of Kazakh electronic digital signatures (EDS),
//! behind `shart eds verify` and `shart eds attest`; the `shart` toolkit
//! re-exports it as `shart::eds`.
//!
//! A contract cannot verify GOST or RSA signatures itself (no host function,
//! no network; see `docs/eds.md`): an off-chain verifier checks the
//! signature, the certificate chain, the key's purpose, time and (given a
//! CRL) revocation, and an accredited verifier account then records an
//! attestation on chain. An auditor re-runs the same check offline.
//!
//! - [`verify`]: CMS / CAdES-BES SignedData, attached or detached, DER or
//!   Kalkan's BER, PEM or base64 ([`input`], [`ber`]);
//! - [`algorithms`]: RSA PKCS#1 v1.5 with SHA-256 (the `rsa` crate) and
//!   GOST R 34.10-2015 with Streebog ([`gost`], the `streebog` crate);
//! - [`certificate`]: certificates, CA folders, CRLs, and what an NCA
//!   certificate says about its holder (IIN, BIN, roles);
//! - [`error`]: one error per reason, each with a code and exit status;
//! - `testkit` (feature `testkit`): keys, certificates and signatures made
//!   at test time, never for real keys.
#![forbid(unsafe_code)]

pub mod algorithms;
pub mod ber;
pub mod certificate;
pub mod error;
pub mod gost;
pub mod input;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod verify;

#[cfg(test)]
mod tests;
