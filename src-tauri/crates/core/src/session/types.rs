//! Request and response types of the api. Declared once here; the UI's
//! TypeScript types are generated from them (`ui/src/lib/api/types.ts`).

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroize;

use crate::roles::Role;
use crate::users::UserInfo;

/// Secret text typed by a user (a passphrase or a recovery key). Wiped from
/// memory when dropped; `Debug` shows `<redacted>`.
#[derive(TS, Default)]
#[ts(type = "string")]
pub struct SecretText(String);

impl<'de> Deserialize<'de> for SecretText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SecretText)
    }
}

impl Drop for SecretText {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl SecretText {
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    pub fn expose_secret_str(&self) -> &str {
        &self.0
    }

    /// A vault passphrase with the same text.
    pub fn to_passphrase(&self) -> vertrouwd_vault::Passphrase {
        vertrouwd_vault::Passphrase::new(self.0.clone())
    }
}

impl fmt::Debug for SecretText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Whether a folder holds a vault, and whether it is open.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VaultStatus {
    pub dir: String,
    pub exists: bool,
    pub unlocked: bool,
}

/// What the About box shows: the version (the workspace's, which the
/// `vertrouwd --version` command and the package share), the licence and
/// where this computer keeps the app's folders.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct About {
    pub version: String,
    pub licence: String,
    pub identifier: String,
    pub config_dir: String,
    pub default_vault_dir: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct CreateVaultRequest {
    pub dir: String,
    pub organisation: String,
    pub display_name: String,
    pub login: String,
    pub roles: Vec<Role>,
    pub passphrase: SecretText,
    pub passphrase_repeat: SecretText,
    /// Needed when the roles combine advisor with hr or manager: the user
    /// confirms that they know this weakens the advisor's independence.
    #[serde(default)]
    pub confirm_combined_roles: bool,
}

/// A new user's recovery key, shown once and never stored in clear.
#[derive(Serialize, Deserialize, TS)]
pub struct RecoveryKeyShown {
    /// Eight groups of four characters.
    pub recovery_key: String,
}

impl fmt::Debug for RecoveryKeyShown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKeyShown(<redacted>)")
    }
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct CreatedVault {
    pub session: SessionInfo,
    pub recovery: RecoveryKeyShown,
    pub vault_id: String,
}

#[derive(Debug, Deserialize, TS)]
pub struct UnlockRequest {
    pub dir: String,
    pub login: String,
    pub passphrase: SecretText,
}

#[derive(Debug, Deserialize, TS)]
pub struct RecoveryResetRequest {
    pub dir: String,
    pub login: String,
    pub recovery_key: SecretText,
    pub new_passphrase: SecretText,
    pub new_passphrase_repeat: SecretText,
}

/// Who is logged in and what they hold.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SessionInfo {
    pub vault_id: String,
    pub dir: String,
    pub organisation: String,
    pub user: UserInfo,
    /// The compartments this user's keys open: `org`, `hr`, `advisor`.
    pub compartments: Vec<String>,
    pub idle_lock_seconds: u32,
    /// What unlocking found that the user should know.
    pub warnings: Vec<SessionWarning>,
}

/// Something the user should know about the vault they just opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SessionWarning {
    /// A compartment the user's key slot claims was not opened, because no
    /// holder gave it (`not_given`), the compartment does not list the user
    /// (`not_a_holder`), or no key in the slot opens it (`unreadable`).
    Refused { compartment: String, reason: String },
    /// The vault was kept in the earlier keyring format: the user's keys
    /// were accepted as found and are pinned from now on.
    FirstUse { compartment: String },
    /// The compartment is older than what this computer saw of it before
    /// (a copy put back, a sync client's version history): changes made
    /// since, removals and destructions included, may be undone.
    RolledBack { compartment: String },
    /// The keyring is older than what this computer saw before.
    KeyringRolledBack,
    /// The compartment lists a colleague (`user`: their display name, or
    /// "you") with another public key than the one this user accepted for
    /// them: someone who can write it replaced the key. Nothing restricted
    /// is sealed to that colleague until it is put right.
    KeyChanged { compartment: String, user: String },
}

/// A key slot in the keyring that the users directory does not know (it
/// was added to the file by hand, or belongs to a removed user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnknownSlot {
    pub user_id: String,
    /// The compartments the slot claims.
    pub claims: Vec<String>,
    /// The directory lists this user as removed.
    pub removed: bool,
}

#[derive(Debug, Deserialize, TS)]
pub struct AddUserRequest {
    pub display_name: String,
    pub login: String,
    pub roles: Vec<Role>,
    pub passphrase: SecretText,
    pub passphrase_repeat: SecretText,
    /// As for a new vault: advisor combined with hr or manager.
    #[serde(default)]
    pub confirm_combined_roles: bool,
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct AddedUser {
    pub user: UserInfo,
    pub recovery: RecoveryKeyShown,
}

#[derive(Debug, Deserialize, TS)]
pub struct ChangePassphraseRequest {
    pub current: SecretText,
    pub new_passphrase: SecretText,
    pub new_passphrase_repeat: SecretText,
}

#[derive(Debug, Deserialize, TS)]
pub struct RemoveUserRequest {
    pub user_id: String,
    /// Why the user is removed; kept in the encrypted users directory.
    pub reason: String,
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct RemovedUser {
    /// Compartments whose keys were rotated.
    pub rotated: Vec<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct AuditRequest {
    pub compartment: String,
    pub limit: Option<u32>,
    pub before: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AuditRow {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: String,
    /// The actor's display name, when the directory knows them.
    pub actor_name: Option<String>,
    pub action: String,
    pub object: Option<String>,
    /// The display name of the object when it is a user.
    pub object_name: Option<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct SettingsUpdate {
    pub organisation: Option<String>,
    pub idle_lock_seconds: Option<u32>,
}

#[derive(Debug, Deserialize, TS)]
pub struct PathRequest {
    pub path: String,
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct BackupResult {
    pub path: String,
    pub bytes: u64,
    pub files: u32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct BackupSummary {
    pub vault_id: String,
    pub created_at: DateTime<Utc>,
    pub files: Vec<String>,
    pub bytes: u64,
}

#[derive(Debug, Deserialize, TS)]
pub struct RestoreRequest {
    pub from: String,
    pub dir: String,
    pub login: String,
    pub passphrase: SecretText,
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct CompartmentCheck {
    pub compartment: String,
    pub ok: bool,
    pub problems: Vec<String>,
    pub audit_entries: Option<i64>,
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct VaultCheck {
    pub ok: bool,
    pub compartments: Vec<CompartmentCheck>,
}

#[derive(Debug, Serialize, Deserialize, TS)]
pub struct RestoreResult {
    pub dir: String,
    pub vault_id: String,
    pub check: VaultCheck,
}

#[derive(Debug, Deserialize, TS)]
pub struct StrengthRequest {
    pub passphrase: SecretText,
    /// Words the passphrase should not lean on (names, organisation).
    pub context: Vec<String>,
}

#[derive(Debug, Deserialize, TS)]
pub struct RecoverySheetRequest {
    /// Where to write the PDF (outside the vault folder).
    pub path: String,
    /// The key just shown; it is checked against the user's slot first.
    pub recovery_key: SecretText,
    pub language: crate::language::Language,
}

pub use crate::documents::WrittenFile;
