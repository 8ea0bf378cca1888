//! vertrouwd-core: Vertrouwd's registers and use cases.
//!
//! Everything a user can do is a plain async method on [`api::Session`],
//! called alike by the desktop shell, the `vertrouwd` command line and the
//! tests. One module per area users know: [`roles`], [`users`],
//! [`settings`]; later areas (cases, complaints, conduct, onboarding,
//! training, stats, reports) join them. The compartments and their
//! migrations are declared in [`compartments`].

#![forbid(unsafe_code)]

pub mod api;
pub mod clock;
pub mod compartments;
pub mod roles;
pub mod settings;
pub mod strength;
pub mod users;

pub use api::{ApiError, ErrorCode, Session};
pub use clock::{Clock, FixedClock, SystemClock};
