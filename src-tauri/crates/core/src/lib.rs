//! vertrouwd-core: Vertrouwd's registers and use cases.
//!
//! Everything a user can do is a plain async method on [`api::Session`],
//! called alike by the desktop shell, the `vertrouwd` command line and the
//! tests. One module per area users know: [`roles`], [`users`],
//! [`settings`], the advisor's register ([`advisor`]) with its
//! [`attachments`]; later areas
//! (complaints, conduct, onboarding, training, annual reports) join them. The compartments and their
//! migrations are declared in [`compartments`].

#![forbid(unsafe_code)]

pub mod advisor;
pub mod annual_report;
pub mod api;
pub mod attachments;
pub mod clock;
pub mod code_lists;
pub mod compartments;
pub mod complaints;
pub mod context;
pub mod csv_import;
pub mod dates;
pub mod disclosure;
pub mod documents;
pub mod encoding;
pub mod error;
pub mod folders;
pub mod language;
pub mod markdown;
pub mod natures;
pub mod preferences;
pub mod recovery_sheet;
pub mod references;
pub mod releases;
pub mod report_texts;
pub mod reports;
pub mod retention;
pub mod roles;
pub mod seen;
pub mod session;
pub mod settings;
pub mod strength;
pub mod users;
pub mod validate;

pub use api::{ApiError, ErrorCode, Session};
pub use clock::{Clock, FixedClock, SystemClock};
pub use folders::{config_dir, default_vault_dir, move_former_folders};
pub use vertrouwd_vault::process::forbid_memory_dumps;
