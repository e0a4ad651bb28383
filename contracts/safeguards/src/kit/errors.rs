//! The kit's error: the refusing safeguard's own error.

use crate::{
    roles::Guarded, AgreementError, ArbitrationError, DisputeError, KillSwitchError, ReviewError,
    RolesError,
};

/// The error of a kit method: the refusing safeguard's own error. A
/// template maps it onto its flat, documented error enum with one `From`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SafeguardError {
    /// See [`RolesError`].
    Roles(RolesError),
    /// See [`KillSwitchError`].
    KillSwitch(KillSwitchError),
    /// See [`AgreementError`].
    Agreement(AgreementError),
    /// See [`ArbitrationError`].
    Arbitration(ArbitrationError),
    /// See [`DisputeError`].
    Dispute(DisputeError),
    /// See [`ReviewError`].
    Review(ReviewError),
}

macro_rules! error_from {
    ($($variant:ident($e:ty)),*) => {$(
        impl From<$e> for SafeguardError {
            fn from(e: $e) -> Self {
                Self::$variant(e)
            }
        }
        impl From<Guarded<$e>> for SafeguardError {
            fn from(e: Guarded<$e>) -> Self {
                match e {
                    Guarded::Roles(e) => Self::Roles(e),
                    Guarded::Core(e) => Self::$variant(e),
                }
            }
        }
    )*};
}
error_from!(
    KillSwitch(KillSwitchError),
    Arbitration(ArbitrationError),
    Dispute(DisputeError),
    Review(ReviewError)
);

impl From<RolesError> for SafeguardError {
    fn from(e: RolesError) -> Self {
        Self::Roles(e)
    }
}

impl From<AgreementError> for SafeguardError {
    fn from(e: AgreementError) -> Self {
        Self::Agreement(e)
    }
}
