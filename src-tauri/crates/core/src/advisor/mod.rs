//! The confidential advisor's register, in advisor.db: reports
//! (meldingen), the natures list, persons concerned, conversations,
//! interventions, follow-ups, full-text search, and the yearly statistics
//! release with disclosure control.
//!
//! Only users with the advisor role hold the key of advisor.db; the api
//! checks the role as well, but the key is the protection.

pub mod case_file;
pub mod check;
pub mod demo;
pub mod disclosure;
pub mod import;
pub mod labels;
pub mod model;
pub mod stats;
pub mod store;

pub use model::*;
