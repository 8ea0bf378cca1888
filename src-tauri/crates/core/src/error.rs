//! Errors at the boundary: `{code, message, field, reason}`, and the one
//! place every other error (the vault's, a database's, a file's, an input
//! the domain refused) becomes one.
//!
//! `code` comes from a closed set the UI switches on to show a Dutch or
//! English text; `field` and `reason` say which input a validation error is
//! about, `reason` again from a closed set ([`Reason`]) the UI translates.
//! `message` is plain English for logs and the CLI, and never holds user
//! data, SQL, a key or a file path.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vertrouwd_vault::VaultError;

/// The closed set of error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum ErrorCode {
    /// The vault is locked (or was locked for being idle).
    Locked,
    WrongPassphrase,
    UnknownUser,
    /// The folder holds no vault.
    NotAVault,
    /// The folder already holds a vault or other files.
    VaultExists,
    /// An input is missing or not acceptable; see `field` and `reason`.
    Validation,
    /// The user's role or keys do not allow this.
    Forbidden,
    /// The request clashes with what exists (e.g. a login in use).
    Conflict,
    NotFound,
    /// A file of the vault or a backup is damaged.
    Corrupt,
    /// The vault was written by a newer version of Vertrouwd.
    TooNew,
    /// The backup belongs to another vault.
    OtherVault,
    DiskFull,
    ReadOnly,
    /// Another program (a second window, the CLI) holds the vault just now.
    Busy,
    /// A key or database in the vault folder was not given by one of the
    /// compartment's holders (planted, or replaced); nothing was written
    /// into it.
    Untrusted,
    Internal,
}

/// Why an input was refused: a closed set the UI translates
/// (`validation.<reason>`, or `validation.<field>.<reason>` where one field
/// needs its own words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    Required,
    Invalid,
    InvalidDate,
    InFuture,
    BeforeFirstContact,
    AfterClosing,
    OutOfRange,
    TooLong,
    TooLarge,
    Taken,
    Wrong,
    Weak,
    Mismatch,
    Unknown,
    Retired,
    InUse,
    /// Only a closed record can be reopened.
    NotClosed,
    /// A closed, withdrawn or inadmissible complaint takes no further step.
    Closed,
    /// A date before the complaint was received.
    BeforeReceipt,
    NotEmpty,
    Unreadable,
    UnsupportedType,
    NotAFile,
    NoFolder,
    InsideVault,
    /// A login that removes or changes its own user.
    #[serde(rename = "self")]
    OwnUser,
    /// The advisor role with another role, not confirmed.
    AdvisorCombined,
    NotHeld,
    InvalidCsv,
    /// A file that starts as a ZIP archive but is no Excel workbook.
    InvalidXlsx,
    InvalidJson,
    InvalidRows,
    MissingColumn,
    UnknownColumn,
    /// Complaints joined together must have the same readers.
    DifferentReaders,
    /// A colleague is listed with another key than the one the user
    /// accepted for them (see `vault::Unlocked::vouch`).
    KeyChanged,
    /// A report needs the year's figures released first.
    NotReleased,
    /// A release file without a signature (from before signing).
    Unsigned,
    /// A signed file whose contents no longer match its signature.
    Tampered,
    /// The year's annual report was published; its figures are frozen.
    Published,
    /// The year has not ended, so its figures cannot be frozen yet.
    YearNotOver,
    /// A report over these years would overlap one published before.
    Overlaps,
}

impl Reason {
    /// The reason as it is spelled on the wire and in the UI's keys.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Required => "required",
            Reason::Invalid => "invalid",
            Reason::InvalidDate => "invalid_date",
            Reason::InFuture => "in_future",
            Reason::BeforeFirstContact => "before_first_contact",
            Reason::AfterClosing => "after_closing",
            Reason::OutOfRange => "out_of_range",
            Reason::TooLong => "too_long",
            Reason::TooLarge => "too_large",
            Reason::Taken => "taken",
            Reason::Wrong => "wrong",
            Reason::Weak => "weak",
            Reason::Mismatch => "mismatch",
            Reason::Unknown => "unknown",
            Reason::Retired => "retired",
            Reason::InUse => "in_use",
            Reason::NotClosed => "not_closed",
            Reason::Closed => "closed",
            Reason::BeforeReceipt => "before_receipt",
            Reason::NotEmpty => "not_empty",
            Reason::Unreadable => "unreadable",
            Reason::UnsupportedType => "unsupported_type",
            Reason::NotAFile => "not_a_file",
            Reason::NoFolder => "no_folder",
            Reason::InsideVault => "inside_vault",
            Reason::OwnUser => "self",
            Reason::AdvisorCombined => "advisor_combined",
            Reason::NotHeld => "not_held",
            Reason::InvalidCsv => "invalid_csv",
            Reason::InvalidXlsx => "invalid_xlsx",
            Reason::InvalidJson => "invalid_json",
            Reason::InvalidRows => "invalid_rows",
            Reason::MissingColumn => "missing_column",
            Reason::UnknownColumn => "unknown_column",
            Reason::DifferentReaders => "different_readers",
            Reason::KeyChanged => "key_changed",
            Reason::NotReleased => "not_released",
            Reason::Unsigned => "unsigned",
            Reason::Tampered => "tampered",
            Reason::Published => "published",
            Reason::YearNotOver => "year_not_over",
            Reason::Overlaps => "overlaps",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input the domain refused: which field, and why. Domain checks answer
/// this; it becomes an [`ApiError`] with code `Validation` here and nowhere
/// else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub field: String,
    pub reason: Reason,
}

impl Invalid {
    pub fn new(field: impl Into<String>, reason: Reason) -> Self {
        Self {
            field: field.into(),
            reason,
        }
    }
}

impl From<Invalid> for ApiError {
    fn from(e: Invalid) -> Self {
        ApiError::validation(&e.field, e.reason)
    }
}

/// An error as it crosses the boundary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// For `Validation`: the input concerned, e.g. `login`.
    pub field: Option<String>,
    /// For `Validation`: why, e.g. `required`, `too_long`, `weak`, `mismatch`.
    pub reason: Option<Reason>,
}

/// Result of every api call.
pub type ApiResult<T> = Result<T, ApiError>;

/// A value kept as JSON (a setting, a template); `what` names it in the
/// error, which cannot carry the value itself.
pub(crate) fn to_json<T: serde::Serialize>(value: &T, what: &str) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|_| ApiError::new(ErrorCode::Internal, what))
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            reason: None,
        }
    }

    pub fn locked() -> Self {
        Self::new(ErrorCode::Locked, "the vault is locked")
    }

    pub fn validation(field: &str, reason: Reason) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: format!("{field}: {reason}"),
            field: Some(field.into()),
            reason: Some(reason),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }
}

impl From<VaultError> for ApiError {
    fn from(e: VaultError) -> Self {
        use ErrorCode as C;
        let code = match &e {
            VaultError::WrongPassphrase => C::WrongPassphrase,
            VaultError::UnknownUser => C::UnknownUser,
            VaultError::NotAVault => C::NotAVault,
            VaultError::AlreadyExists => C::VaultExists,
            VaultError::KeyringCorrupt
            | VaultError::WeakKdf
            | VaultError::DatabaseCorrupt(_)
            | VaultError::Migration(_)
            | VaultError::AuditChainBroken(..)
            | VaultError::BackupCorrupt => C::Corrupt,
            VaultError::DatabaseTooNew(_) => C::TooNew,
            VaultError::NotHeld(_) => C::Forbidden,
            VaultError::Untrusted(_) | VaultError::Sealed => C::Untrusted,
            VaultError::KeyChanged => {
                return ApiError {
                    code: C::Untrusted,
                    ..Self::validation("access", Reason::KeyChanged)
                }
            }
            VaultError::Stale => C::Conflict,
            VaultError::InsideVault => return Self::validation("path", Reason::InsideVault),
            VaultError::OtherVault => C::OtherVault,
            VaultError::LoginTaken => {
                return ApiError {
                    code: C::Conflict,
                    ..Self::validation("login", Reason::Taken)
                }
            }
            VaultError::RecoveryKeyFormat => {
                return Self::validation("recovery_key", Reason::Invalid)
            }
            VaultError::Invalid(_) => C::Validation,
            VaultError::DiskFull => C::DiskFull,
            VaultError::ReadOnly => C::ReadOnly,
            VaultError::Missing => C::NotFound,
            VaultError::Busy => C::Busy,
            VaultError::Io(_)
            | VaultError::Database(_)
            | VaultError::Random
            | VaultError::Crypto => C::Internal,
        };
        ApiError::new(code, e.to_string())
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        VaultError::from(e).into()
    }
}

impl From<std::io::Error> for ApiError {
    /// A file-system error: DiskFull, ReadOnly or Internal.
    fn from(e: std::io::Error) -> Self {
        VaultError::from(e).into()
    }
}
