//! `keyring.json`: the vault's key slots. Holds no secret in clear.
//!
//! Per user: a login tag (a hash of the login name, so names are not stored
//! readably), an X25519 public key, the private key wrapped twice (under the
//! passphrase and under the recovery key, each with its own Argon2id salt and
//! parameters), and each compartment key the user holds sealed to the public
//! key. During a key rotation a slot may also hold the previous key of a
//! compartment until the database has been re-keyed.
//!
//! The file is replaced atomically (temp file, fsync, rename, fsync of the
//! folder): a failed write leaves the previous keyring in place.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::envelope::{self, Aad, Envelope, KeyPair, SealedBox};
use crate::error::{Result, VaultError};
use crate::kdf::{self, KdfParams, SALT_LEN};
use crate::secret::SecretKey;

pub const KEYRING_FILE: &str = "keyring.json";
const FORMAT: &str = "vertrouwd-keyring";
const VERSION: u32 = 1;

/// The whole keyring file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyring {
    pub format: String,
    pub version: u32,
    pub vault_id: String,
    pub created_at: DateTime<Utc>,
    /// Names of the compartments, which are also their database file stems.
    pub compartments: Vec<String>,
    pub users: Vec<UserSlot>,
}

/// One user's slot.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserSlot {
    pub user_id: String,
    pub login_tag: String,
    pub public_key: String,
    pub passphrase: Unlocker,
    pub recovery: Unlocker,
    pub keys: BTreeMap<String, SealedBox>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub previous_keys: BTreeMap<String, SealedBox>,
}

/// A wrapped private key and how to derive the key that unwraps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unlocker {
    pub kdf: KdfParams,
    pub salt: String,
    pub private_key: Envelope,
}

/// Which secret an [`Unlocker`] answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlockerKind {
    Passphrase,
    Recovery,
}

impl UnlockerKind {
    fn label(self) -> &'static str {
        match self {
            UnlockerKind::Passphrase => "passphrase",
            UnlockerKind::Recovery => "recovery",
        }
    }
}

/// Whether a sealed compartment key is the one in use or the one being
/// rotated away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyGeneration {
    Current,
    Previous,
}

impl Keyring {
    pub fn new(vault_id: String, created_at: DateTime<Utc>, compartments: Vec<String>) -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            vault_id,
            created_at,
            compartments,
            users: vec![],
        }
    }

    /// Reads and checks the keyring in `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        let bytes = match fs::read(dir.join(KEYRING_FILE)) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(VaultError::NotAVault)
            }
            Err(e) => return Err(e.into()),
        };
        Self::from_bytes(&bytes)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let k: Keyring = serde_json::from_slice(bytes).map_err(|_| VaultError::KeyringCorrupt)?;
        if k.format != FORMAT || k.version != VERSION || k.compartments.is_empty() {
            return Err(VaultError::KeyringCorrupt);
        }
        Ok(k)
    }

    /// Writes the keyring atomically.
    pub fn save(&self, dir: &Path) -> Result<()> {
        let json = serde_json::to_vec_pretty(self).map_err(|_| VaultError::KeyringCorrupt)?;
        write_atomically(dir, KEYRING_FILE, &json)
    }

    pub fn login_tag(&self, login: &str) -> String {
        login_tag(&self.vault_id, login)
    }

    pub fn slot_by_login(&self, login: &str) -> Result<&UserSlot> {
        let tag = self.login_tag(login);
        self.users
            .iter()
            .find(|u| u.login_tag == tag)
            .ok_or(VaultError::UnknownUser)
    }

    pub fn slot(&self, user_id: &str) -> Result<&UserSlot> {
        self.users
            .iter()
            .find(|u| u.user_id == user_id)
            .ok_or(VaultError::UnknownUser)
    }

    pub fn slot_mut(&mut self, user_id: &str) -> Result<&mut UserSlot> {
        self.users
            .iter_mut()
            .find(|u| u.user_id == user_id)
            .ok_or(VaultError::UnknownUser)
    }

    pub fn unlocker_aad(&self, user_id: &str, public_key: &str, kind: UnlockerKind) -> Aad {
        Aad::new("private-key")
            .with(&self.vault_id)
            .with(user_id)
            .with(kind.label())
            .with(public_key)
    }

    pub fn compartment_aad(
        &self,
        user_id: &str,
        compartment: &str,
        generation: KeyGeneration,
    ) -> Aad {
        Aad::new("compartment-key")
            .with(&self.vault_id)
            .with(user_id)
            .with(compartment)
            .with(match generation {
                KeyGeneration::Current => "current",
                KeyGeneration::Previous => "previous",
            })
    }

    /// Wraps `pair`'s private key under a key derived from `secret`.
    pub fn make_unlocker(
        &self,
        user_id: &str,
        pair: &KeyPair,
        secret: &[u8],
        kind: UnlockerKind,
        params: KdfParams,
    ) -> Result<Unlocker> {
        let mut salt = [0u8; SALT_LEN];
        crate::random::fill(&mut salt)?;
        let kek = kdf::derive_key(secret, &salt, params)?;
        let aad = self.unlocker_aad(user_id, &pair.public_b64(), kind);
        let private_key = envelope::seal(&kek, pair.secret_as_key().expose_secret_bytes(), &aad)?;
        Ok(Unlocker {
            kdf: params,
            salt: B64.encode(salt),
            private_key,
        })
    }

    /// Runs the KDF over `secret` and unwraps the slot's private key. Fails
    /// with [`VaultError::WrongPassphrase`] after the full KDF when the
    /// secret is wrong, and with [`VaultError::WeakKdf`] before any work when
    /// the slot's parameters are below the floor.
    pub fn open_unlocker(
        &self,
        slot: &UserSlot,
        secret: &[u8],
        kind: UnlockerKind,
    ) -> Result<KeyPair> {
        let unlocker = match kind {
            UnlockerKind::Passphrase => &slot.passphrase,
            UnlockerKind::Recovery => &slot.recovery,
        };
        let salt = B64
            .decode(&unlocker.salt)
            .map_err(|_| VaultError::KeyringCorrupt)?;
        if salt.len() != SALT_LEN {
            return Err(VaultError::KeyringCorrupt);
        }
        let kek = kdf::derive_key(secret, &salt, unlocker.kdf)?;
        let aad = self.unlocker_aad(&slot.user_id, &slot.public_key, kind);
        let sk: SecretKey = envelope::open_key(&kek, &unlocker.private_key, &aad)?;
        let pair = KeyPair::from_secret(&sk);
        if pair.public_b64() != slot.public_key {
            return Err(VaultError::KeyringCorrupt);
        }
        Ok(pair)
    }

    /// Seals a compartment key into `user_id`'s slot.
    pub fn seal_compartment_key(
        &self,
        user_id: &str,
        public_key: &str,
        compartment: &str,
        key: &SecretKey,
        generation: KeyGeneration,
    ) -> Result<SealedBox> {
        envelope::seal_to(
            public_key,
            key,
            &self.compartment_aad(user_id, compartment, generation),
        )
    }
}

/// The login tag: SHA-256 over the vault id and the normalised login name.
/// Keeps login names out of the file in readable form; it is a pseudonym,
/// not a secret (a short name can be guessed by trying candidates).
pub fn login_tag(vault_id: &str, login: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"vertrouwd-login-v1\0");
    h.update(vault_id.as_bytes());
    h.update(b"\0");
    h.update(normalize_login(login).as_bytes());
    hex::encode(h.finalize())
}

/// Login names compare without regard to case or surrounding spaces.
pub fn normalize_login(login: &str) -> String {
    login.trim().to_lowercase()
}

/// Writes `name` in `dir` atomically: a sibling temp file, fsync, rename,
/// fsync of the folder. On failure the temp file is removed and the old file
/// (if any) is untouched.
pub fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let tmp = dir.join(format!(".{name}.tmp"));
    let result = (|| -> std::io::Result<()> {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, dir.join(name))?;
        fs::File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(Into::into)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_tag_ignores_case_and_spaces_but_not_vault() {
        assert_eq!(login_tag("v1", " Ayşe "), login_tag("v1", "ayşe"));
        assert_ne!(login_tag("v1", "ayşe"), login_tag("v2", "ayşe"));
        assert!(!login_tag("v1", "ayse").contains("ayse"));
    }

    #[test]
    fn failed_atomic_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomically(dir.path(), "k.json", b"old").expect("write");
        // A directory where the temp file should go makes the write fail.
        fs::create_dir(dir.path().join(".k.json.tmp")).expect("mkdir");
        assert!(write_atomically(dir.path(), "k.json", b"new").is_err());
        assert_eq!(fs::read(dir.path().join("k.json")).expect("read"), b"old");
    }

    #[test]
    fn garbage_and_wrong_format_are_corrupt() {
        assert!(matches!(
            Keyring::from_bytes(b"{not json"),
            Err(VaultError::KeyringCorrupt)
        ));
        let mut k = Keyring::new("v".into(), Utc::now(), vec!["a".into()]);
        k.format = "something-else".into();
        let bytes = serde_json::to_vec(&k).expect("json");
        assert!(matches!(
            Keyring::from_bytes(&bytes),
            Err(VaultError::KeyringCorrupt)
        ));
    }
}
