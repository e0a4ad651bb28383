//! The `shart` binary's off-chain commands, run as a user runs them. This
//! binary does not need the `runtime` feature:
//! `cargo test -p shart --no-default-features --test cli` checks the
//! off-chain build.
mod commands;
mod eds;
