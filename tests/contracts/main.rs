//! The drink suites, one module per concern, in one test binary so that the
//! runtime stack is linked once. Each module drives the contract bundles in
//! drink's in-process runtime through `shart::templates::driver::Driver`.
mod access;
mod compliant_token;
mod eds;
mod kit;
mod lifecycle;
mod programmable_payment;
mod refusals;
mod review;
mod separation;
mod split;
