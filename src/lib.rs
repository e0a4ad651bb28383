//! # shart
//!
//! The toolkit and command line of Shart, in layers a reader can take one
//! at a time:
//!
//! - **Off-chain formats** (the `shart-offchain` crate, re-exported here
//!   under the same names): hashing a master agreement ([`agreement`]), the
//!   EDS binding statement a holder signs ([`statement`], SS58 input from
//!   [`ss58`]), salted IIN/BIN commitments ([`iin`]), and the off-chain EDS
//!   verifier with the registry's attestation record ([`eds`]). They need
//!   no chain and no runtime.
//!
//! The rest needs the `runtime` feature (on by default), which brings in
//! drink, contract-build and the Substrate runtime:
//!
//! - [`runtime`]: contract bundles built at run time ([`bundle`]), drink's
//!   in-process pallet-contracts driven with typed calls, and event
//!   decoding ([`events`]);
//! - [`templates`]: typed drivers of each template ([`flagship`] for
//!   `service_agreement`, [`payment`] for `programmable_payment`) over the
//!   shared [`fixtures`];
//! - [`scenario`]: the flagship lifecycle over any ledger, the drink one or
//!   a real node ([`node`], with [`cli_args`] rendering calls for
//!   cargo-contract);
//! - [`programs`]: what the CLI runs, [`demo`], [`bench`] and the storage
//!   model behind the gas report ([`storage_model`]).
pub use shart_offchain::{agreement, eds, iin, ss58, statement};

#[cfg(feature = "runtime")]
pub mod programs;
#[cfg(feature = "runtime")]
pub mod runtime;
#[cfg(feature = "runtime")]
pub mod scenario;
#[cfg(feature = "runtime")]
pub mod templates;

#[cfg(feature = "runtime")]
pub use programs::{bench, chart, demo, sizes, storage_model, token_demo};
#[cfg(feature = "runtime")]
pub use runtime::{bundle, events};
#[cfg(feature = "runtime")]
pub use scenario::{cli_args, node};
#[cfg(feature = "runtime")]
pub use templates::{fixtures, flagship, payment, token};
