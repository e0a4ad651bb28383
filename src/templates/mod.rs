//! Typed drivers of the templates in the local runtime: [`flagship`]
//! deploys the EDS registry and `service_agreement` and drives them with
//! named accounts; [`payment`] does the same for `programmable_payment`,
//! [`token`] for `compliant_token`;
//! [`fixtures`] holds the accounts, agreement text, evidence and clause
//! both use.
pub mod driver;
pub mod fixtures;
pub mod flagship;
pub mod payment;
pub mod token;
