//! HR's annual report on social safety and integrity (hr.db), and what it
//! is made from besides the complaints register: the statistics releases
//! of the organisation's confidential advisors, imported as the files the
//! advisors signed, so that a number changed on the way is refused.
//!
//! The report itself publishes the register's figures under disclosure
//! control ([`report`]) and each advisor's figures as released, as PDF
//! and CSV ([`document`]); a small organisation may take three years
//! together ([`window`]). Only users with the hr role who hold hr.db
//! reach it.

pub mod combined;
pub mod comparison;
pub mod csv;
pub mod document;
pub mod plan;
mod releases;
pub mod report;
mod store;
pub mod window;
mod writing;

pub(crate) use plan::*;
pub(crate) use releases::*;
pub use releases::{AdvisorRelease, ReleaseImportRequest};
pub(crate) use writing::*;
pub use writing::{HrReportPreview, HrReportRequest, HrReportYear, Publication, ReportFigures};
