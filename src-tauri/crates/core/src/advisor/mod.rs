//! The confidential advisor's register, in advisor.db: cases
//! (meldingen), the natures list, persons concerned, conversations,
//! interventions, follow-ups, full-text search, and the yearly statistics
//! release with disclosure control.
//!
//! Only users with the advisor role hold the key of advisor.db; the api
//! checks the role as well, but the key is the protection.
//!
//! The domain (model, store, checks, statistics, import, documents) knows
//! nothing of the session or the api. The use cases (access, register,
//! cases, case_log, files, retention, statistics) are functions over a
//! [`Context`](crate::context::Context), one per command of the list and
//! named after it; the session's methods are generated from the list and
//! call them.

mod access;
mod activities;
pub mod annual_report;
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

pub(crate) use activities::*;
pub(crate) use case_log::*;
pub(crate) use cases::*;
pub(crate) use files::*;
pub(crate) use register::*;
pub(crate) use retention::*;
pub(crate) use statistics::*;
