//! # The registry gate
//!
//! The only code in this crate that reaches the environment (with the
//! storage handle `store::InkStore`): the two calls a template makes to its
//! EDS registry, written once for every template, and the configuration
//! digest its constructor computes. Before an acceptance the template asks
//! [`check`] for the caller's valid attestation and passes the id to
//! [`Safeguards::accept_agreement`](crate::Safeguards::accept_agreement);
//! before it notes an invalidation it asks [`invalidation`] for the
//! registry's reason. At instantiation it hashes its `Config` with
//! [`config_digest`].
//!
//! ## Security considerations
//!
//! The template trusts whatever contract runs at its registry address
//! (`docs/threat-model.md`, M1). The calls forbid re-entry (ink!'s default
//! call flags) and forward the remaining gas.
use ink::codegen::TraitCallBuilder;

use crate::{
    eds::EdsError,
    eds::{AttestationId, EdsRegistry, Requirement, RevocationReason},
    types::{AccountId, Hash32, Timestamp},
};

/// The SHA-256 of `config`'s SCALE encoding: the configuration digest a
/// template's constructor passes to the kit and every acceptance quotes.
/// Off chain it is `sha256(config.encode())`.
pub fn config_digest<T: scale::Encode>(config: &T) -> Hash32 {
    let mut digest = [0u8; 32];
    ink::env::hash_encoded::<ink::env::hash::Sha2x256, T>(config, &mut digest);
    digest
}

/// The environment of every Shart contract (pallet-contracts' default).
type Env = ink::env::DefaultEnvironment;

/// Why the registry gate did not return an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateError {
    /// The registry refused the attestation.
    Refused(EdsError),
    /// The registry could not be called: no contract at its address, or it
    /// trapped, or it does not speak [`EdsRegistry`].
    Unavailable,
}

/// Asks the registry at `registry` for `account`'s attestation that is
/// valid at `at` and meets `requirement`.
///
/// # Errors
///
/// [`GateError::Refused`] with the registry's reason;
/// [`GateError::Unavailable`] if the call failed.
pub fn check(
    registry: AccountId,
    account: AccountId,
    at: Timestamp,
    requirement: Requirement,
) -> Result<AttestationId, GateError> {
    let registry: ink::contract_ref!(EdsRegistry, Env) = registry.into();
    match registry.call().check(account, at, requirement).try_invoke() {
        Ok(Ok(Ok(id))) => Ok(id),
        Ok(Ok(Err(e))) => Err(GateError::Refused(e)),
        Ok(Err(_)) | Err(_) => Err(GateError::Unavailable),
    }
}

/// Asks the registry at `registry` whether attestation `id` was
/// invalidated, and why.
///
/// # Errors
///
/// [`GateError::Unavailable`] if the call failed.
pub fn invalidation(
    registry: AccountId,
    id: AttestationId,
) -> Result<Option<RevocationReason>, GateError> {
    let registry: ink::contract_ref!(EdsRegistry, Env) = registry.into();
    match registry.call().invalidation(id).try_invoke() {
        Ok(Ok(reason)) => Ok(reason),
        Ok(Err(_)) | Err(_) => Err(GateError::Unavailable),
    }
}
