//! The programs the CLI runs over the local runtime: [`demo`] (the
//! flagship lifecycle, printed step by step), [`token_demo`] (the same for
//! `compliant_token`), [`bench`] (gas and Wasm size,
//! written to `docs/gas-report.md`) and [`storage_model`] (the storage cells
//! each message touches, for the report) and [`sizes`] (what each
//! contract's Wasm is made of, written to `docs/code-size.md`).
pub mod bench;
pub mod chart;
pub mod demo;
pub mod sizes;
pub mod storage_model;
pub mod token_demo;
