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
pub use vertrouwd_vault::process::forbid_memory_dumps;

/// The app's config folder (`~/.config/nl.vertrouwd.app` on Linux): the
/// preferences and what this computer saw of each vault ([`seen`]).
pub fn config_dir() -> std::path::PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| std::path::PathBuf::from("."))
        .join("nl.vertrouwd.app")
}

/// Where a vault lives unless the user picks another folder: the platform's
/// data folder (`~/.local/share/nl.vertrouwd.app/vault` on Linux).
pub fn default_vault_dir() -> std::path::PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| std::path::PathBuf::from("."))
        .join("nl.vertrouwd.app")
        .join("vault")
}
