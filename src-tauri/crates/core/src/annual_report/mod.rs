//! HR's annual report on social safety and integrity (hr.db), and what it
//! is made from besides the complaints register: the statistics releases
//! of the organisation's confidential advisors, imported as the files the
//! advisors signed, so that a number changed on the way is refused.
//!
//! Only users with the hr role who hold hr.db reach it.

mod releases;
mod store;

pub(crate) use releases::*;
pub use releases::{AdvisorRelease, ReleaseImportRequest};
