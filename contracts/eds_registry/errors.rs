//! The contract's error type.
// The SCALE derive emits `as u8` casts for the variant indices of enums with
// data-carrying variants; contract-build's clippy pass denies those casts.
#![allow(clippy::cast_possible_truncation)]

use safeguards::{roles::Guarded, EdsError, RolesError};

/// Errors of `eds_registry`. Append-only: SCALE encodes the variant index.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// See [`RolesError`]: the caller is not the admin, or the handover
    /// failed.
    Roles(RolesError),
    /// See [`EdsError`].
    Eds(EdsError),
}

impl From<RolesError> for Error {
    fn from(e: RolesError) -> Self {
        Self::Roles(e)
    }
}

impl From<EdsError> for Error {
    fn from(e: EdsError) -> Self {
        Self::Eds(e)
    }
}

impl From<Guarded<EdsError>> for Error {
    fn from(e: Guarded<EdsError>) -> Self {
        match e {
            Guarded::Roles(e) => Self::Roles(e),
            Guarded::Core(e) => Self::Eds(e),
        }
    }
}
