//! # shart
//!
//! The off-chain toolkit of Shart: builds contract bundles with the
//! `contract-build` library ([`bundle`]), drives them in drink's in-process
//! runtime with typed calls ([`runtime`], [`events`]), and runs the flagship
//! lifecycle ([`demo`]) and the gas benchmark ([`bench`]). [`payment`]
//! drives the `programmable_payment` template the same way.
//!
//! The off-chain commands work without any chain: hashing a master
//! agreement ([`agreement`]), writing the EDS binding statement a holder
//! signs ([`statement`], with SS58 account input from [`ss58`]), and salted
//! commitments to a Kazakh IIN or BIN ([`iin`]).
//!
//! [`eds`] holds the first step of the off-chain EDS verifier: GOST R
//! 34.10-2012 signature verification.
pub mod agreement;
pub mod bench;
pub mod bundle;
pub mod cli_args;
pub mod demo;
pub mod eds;
pub mod events;
pub mod fixtures;
pub mod flagship;
pub mod iin;
pub mod node;
pub mod payment;
pub mod runtime;
pub mod scenario;
pub mod ss58;
pub mod statement;
pub mod storage_model;
