//! The confidential advisor's register, in advisor.db: cases
//! (meldingen), the natures list, persons concerned, conversations,
//! interventions, follow-ups, full-text search, and the yearly statistics
//! release with disclosure control.
//!
//! Only users with the advisor role hold the key of advisor.db; the api
//! checks the role as well, but the key is the protection.

mod access;
pub mod case_file;
mod case_log;
mod cases;
pub mod check;
pub mod demo;
mod files;
pub mod import;
pub mod labels;
pub mod model;
mod register;
pub mod requests;
mod retention;
mod statistics;
pub mod stats;
pub mod store;

pub use model::*;
