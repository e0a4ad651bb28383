//! Off-chain verification of Kazakh electronic digital signatures (EDS),
//! groundwork for issue 4 ("Off-chain EDS verifier").
//!
//! A contract cannot verify GOST signatures itself (no host function, no
//! network; see `docs/legal-basis.md` and `docs/eds.md`):
//! an off-chain verifier checks signature, certificate chain, revocation and
//! time, and an accredited verifier account then records an attestation on
//! chain. The verifier is being built in steps:
//!
//! 1. [`gost`]: GOST R 34.10-2012 signature verification over the curves
//!    NCA RK uses, with Streebog from the `streebog` crate (this step).
//! 2. Still to come: CMS/CAdES parsing (signed attributes, messageDigest),
//!    the NCA certificate chain, OCSP/CRL, and a `shart eds verify` command.
pub mod gost;
