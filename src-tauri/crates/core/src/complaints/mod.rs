//! The complaints register, in hr.db: formal complaints (klachtenregeling
//! ongewenste omgangsvormen), internal reports of wrongdoing (Wbk) and
//! citizens' complaints (Awb chapter 9), each with its procedure and every
//! deadline on the right calendar.
//!
//! Only users with the hr role hold hr.db's key; and each complaint has a
//! key of its own, sealed to every hr holder or only to the users named
//! ([`keys`]), so that a complaint about an HR colleague is unreadable to
//! them, not merely hidden.
//!
//! The domain (model, procedures, check, store, keys, labels, letters)
//! knows nothing of the session or the api; the use cases (register,
//! steps, templates, writing, retention) are
//! functions over a [`Context`](crate::context::Context), one per command
//! of the list and named after it.

mod access;
pub mod calendar;
mod check;
mod committee;
pub mod figures;
mod files;
mod import;
mod keys;
pub mod labels;
pub mod letters;
pub mod model;
pub mod procedures;
mod readers;
mod register;
pub mod requests;
mod retention;
mod shipped;
mod steps;
mod store;
mod templates;
mod writing;

pub use model::*;

pub(crate) use committee::*;
pub(crate) use figures::complaint_figures;
pub(crate) use files::*;
pub(crate) use readers::*;
pub use register::DEFAULT_PREFIX;
pub(crate) use register::*;
pub(crate) use retention::*;
pub(crate) use steps::*;
pub(crate) use templates::*;
pub(crate) use writing::*;
