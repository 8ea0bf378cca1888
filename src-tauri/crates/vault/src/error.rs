//! The vault's errors. Messages never contain a key, a passphrase, user data
//! or a file path: they may end up in front of a user or in a log.

use std::io;

/// Everything that can go wrong in the vault.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("the passphrase or recovery key does not open this slot")]
    WrongPassphrase,
    #[error("no user with that name in this vault")]
    UnknownUser,
    #[error("the folder is not a vault")]
    NotAVault,
    #[error("the folder already holds a vault or other files")]
    AlreadyExists,
    #[error("the keyring is damaged or not readable")]
    KeyringCorrupt,
    #[error("the key derivation parameters are below the minimum")]
    WeakKdf,
    #[error("the database of compartment {0} is damaged or not encrypted with its key")]
    DatabaseCorrupt(String),
    #[error("the database of compartment {0} was written by a newer version")]
    DatabaseTooNew(String),
    #[error("a migration of compartment {0} failed; nothing was changed")]
    Migration(String),
    #[error("this user does not hold compartment {0}")]
    NotHeld(String),
    #[error("the key or database of compartment {0} in the folder was not given by one of its holders; nothing was written into it")]
    Untrusted(String),
    #[error("the public key listed for a colleague is not the one this user accepted for them")]
    KeyChanged,
    #[error("a sealed record is damaged or was not sealed with its key")]
    Sealed,
    #[error("the vault changed since it was unlocked here; unlock it again")]
    Stale,
    #[error("that file would be inside the vault folder")]
    InsideVault,
    #[error("the audit trail of compartment {0} is broken at entry {1}")]
    AuditChainBroken(String, i64),
    #[error("the backup file is damaged or not a backup")]
    BackupCorrupt,
    #[error("the backup belongs to another vault")]
    OtherVault,
    #[error("that login name is already in use")]
    LoginTaken,
    #[error("the recovery key is not in the expected form")]
    RecoveryKeyFormat,
    #[error("{0}")]
    Invalid(&'static str),
    #[error("the disk is full")]
    DiskFull,
    #[error("another program is using the vault")]
    Busy,
    #[error("no permission to write there")]
    ReadOnly,
    #[error("a file or folder that was named does not exist")]
    Missing,
    #[error("file system error ({0:?})")]
    Io(io::ErrorKind),
    #[error("database error")]
    Database(#[source] sqlx::Error),
    #[error("the system random source failed")]
    Random,
    #[error("encryption failed")]
    Crypto,
}

impl From<io::Error> for VaultError {
    fn from(e: io::Error) -> Self {
        // ENOSPC / EDQUOT: the only kinds that mean "make room and retry".
        match e.raw_os_error() {
            Some(28) | Some(122) => return VaultError::DiskFull,
            Some(30) => return VaultError::ReadOnly,
            _ => {}
        }
        match e.kind() {
            io::ErrorKind::StorageFull => VaultError::DiskFull,
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                VaultError::ReadOnly
            }
            io::ErrorKind::NotFound => VaultError::Missing,
            kind => VaultError::Io(kind),
        }
    }
}

impl From<sqlx::Error> for VaultError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            // SQLite primary result codes: 13 SQLITE_FULL, 8 SQLITE_READONLY,
            // 5 SQLITE_BUSY and 6 SQLITE_LOCKED (another program holds it).
            match db
                .code()
                .as_deref()
                .and_then(|c| c.parse::<i32>().ok())
                .map(|c| c & 0xff)
            {
                Some(13) => return VaultError::DiskFull,
                Some(8) => return VaultError::ReadOnly,
                Some(5) | Some(6) => return VaultError::Busy,
                _ => {}
            }
            // sqlcipher_export reports a full disk as a generic error (code 1).
            if db.message().contains("disk is full") {
                return VaultError::DiskFull;
            }
        }
        if let sqlx::Error::Io(io) = e {
            return io.into();
        }
        VaultError::Database(e)
    }
}

/// Result with the vault's error.
pub type Result<T, E = VaultError> = std::result::Result<T, E>;
