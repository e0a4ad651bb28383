//! The command line's handlers, one module a layer; `main.rs` parses and
//! dispatches.
pub(crate) mod offchain;
pub(crate) mod redact;
#[cfg(feature = "runtime")]
pub(crate) mod runtime;
