//! vertrouwd-vault: the encrypted vault folder.
//!
//! A vault is a folder with `keyring.json` and one SQLCipher database per
//! compartment. Each database has its own random 256-bit key. Users hold only
//! the compartment keys their slot seals to them; a passphrase (through
//! Argon2id) or a recovery key unwraps the user's private key, which opens
//! those seals. Who holds a compartment is recorded inside that
//! compartment ([`trust`]); the keyring is attacker input. See
//! `ARCHITECTURE.md` for the whole picture.
//!
//! This crate knows no domain word: compartments are names with migrations,
//! users are ids with login names. The registers live in `vertrouwd-core`.

#![forbid(unsafe_code)]

pub mod audit;
pub mod backup;
pub mod db;
pub mod envelope;
pub mod error;
pub mod files;
pub mod kdf;
pub mod keyring;
pub mod process;
mod random;
pub mod secret;
pub mod trust;
pub mod vault;

pub use backup::{restore, verify_backup, BackupInfo};
pub use db::{CompartmentSpec, OpenMode};
pub use error::{Result, VaultError};
pub use kdf::KdfParams;
pub use secret::{Passphrase, RecoveryKey, SecretKey};
pub use trust::Holder;
pub use vault::{CompartmentCheck, Finding, NewUser, Refusal, SlotCheck, Unlocked, Vault};
