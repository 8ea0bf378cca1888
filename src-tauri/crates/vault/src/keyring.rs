//! `keyring.json`: the vault's key slots. Holds no secret in clear.
//!
//! Per user: a login tag (a hash of the login name, so names are not stored
//! readably), an X25519 public key, the private key wrapped twice (under the
//! passphrase and under the recovery key, each with its own Argon2id salt and
//! parameters), each compartment key given to the user sealed to the public
//! key, and the keys the user accepted, pinned under a key derived from
//! their own private key. During a key rotation a slot may also hold the
//! previous key of a compartment until the database has been re-keyed.
//!
//! Everything here is attacker input: anyone who can write the folder can
//! write this file. Who holds a compartment is decided inside that
//! compartment's database ([`crate::trust`]); what a user accepted is
//! decided by their pins, which only they can make.
//!
//! Writers take [`KeyringLock`], read the file again under it, apply their
//! change and replace the file atomically ([`crate::files`]), so two
//! programs (the app and the CLI) never lose each other's change.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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
/// The file writers lock while they change the keyring.
pub const LOCK_FILE: &str = "keyring.lock";
const FORMAT: &str = "vertrouwd-keyring";
/// The format written. Format 1 (no pins, no generation) is read, and
/// upgraded at the first unlock ([`crate::vault`]).
pub const VERSION: u32 = 2;
/// The first format, still read.
pub const LEGACY_VERSION: u32 = 1;
/// A keyring larger than this is not read (a real one is a few KB a user).
pub const MAX_KEYRING_BYTES: u64 = 16 << 20;
/// How long a writer waits for another program's change to finish.
const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The whole keyring file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Keyring {
    pub format: String,
    pub version: u32,
    pub vault_id: String,
    pub created_at: DateTime<Utc>,
    /// Incremented by every write; a machine remembers the highest it saw,
    /// so a keyring that went back is noticed. Not authenticated.
    #[serde(default)]
    pub generation: u64,
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
    /// The compartment keys this user accepted, each sealed under a key
    /// derived from the user's own private key (see [`crate::trust`]).
    /// Absent on a slot that has not been unlocked since format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pins: Option<BTreeMap<String, Envelope>>,
    /// The public keys this user accepted for their colleagues (user id to
    /// key), sealed under the same key as the pins: what a record sealed to
    /// a colleague is sealed to, whatever a compartment's holders list says
    /// later (see [`crate::vault::Unlocked::vouch`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_keys: Option<Envelope>,
}

impl UserSlot {
    /// Every compartment the slot claims, in any of its fields.
    pub fn claims(&self) -> BTreeSet<String> {
        let mut c: BTreeSet<String> = self.keys.keys().cloned().collect();
        c.extend(self.previous_keys.keys().cloned());
        if let Some(p) = &self.pins {
            c.extend(p.keys().cloned());
        }
        c
    }

    /// Drops every claim on `compartment`.
    pub fn forget(&mut self, compartment: &str) {
        self.keys.remove(compartment);
        self.previous_keys.remove(compartment);
        if let Some(p) = self.pins.as_mut() {
            p.remove(compartment);
        }
    }
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
            generation: 0,
            compartments,
            users: vec![],
        }
    }

    /// Reads and checks the keyring in `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        let file = match File::open(dir.join(KEYRING_FILE)) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(VaultError::NotAVault)
            }
            Err(e) => return Err(e.into()),
        };
        if !file.metadata()?.is_file() {
            return Err(VaultError::KeyringCorrupt);
        }
        let mut bytes = vec![];
        file.take(MAX_KEYRING_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_KEYRING_BYTES {
            return Err(VaultError::KeyringCorrupt);
        }
        Self::from_bytes(&bytes)
    }

    /// Parses and checks a keyring: the format, a known version, and no two
    /// slots with one user id or one login.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let k: Keyring = serde_json::from_slice(bytes).map_err(|_| VaultError::KeyringCorrupt)?;
        if k.format != FORMAT
            || !(LEGACY_VERSION..=VERSION).contains(&k.version)
            || k.compartments.is_empty()
        {
            return Err(VaultError::KeyringCorrupt);
        }
        let ids: BTreeSet<&str> = k.users.iter().map(|u| u.user_id.as_str()).collect();
        let tags: BTreeSet<&str> = k.users.iter().map(|u| u.login_tag.as_str()).collect();
        if ids.len() != k.users.len() || tags.len() != k.users.len() {
            return Err(VaultError::KeyringCorrupt);
        }
        Ok(k)
    }

    fn to_bytes(&self) -> Result<Vec<u8>> {
        serde_json::to_vec_pretty(self).map_err(|_| VaultError::KeyringCorrupt)
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

    pub fn pin_aad(&self, user_id: &str, compartment: &str) -> Aad {
        Aad::new("pinned-key")
            .with(&self.vault_id)
            .with(user_id)
            .with(compartment)
    }

    pub fn known_keys_aad(&self, user_id: &str) -> Aad {
        Aad::new("known-keys").with(&self.vault_id).with(user_id)
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

/// The keyring's write lock: an exclusive lock on `keyring.lock` in the
/// vault folder, held while a program reads the keyring again, applies its
/// change and writes it. Released on drop.
#[derive(Debug)]
pub struct KeyringLock {
    dir: PathBuf,
    vault_id: String,
    _file: File,
}

impl KeyringLock {
    /// Waits (up to ten seconds, then [`VaultError::Busy`]) for the lock on
    /// the keyring of vault `vault_id` in `dir`.
    pub fn acquire(dir: &Path, vault_id: &str) -> Result<Self> {
        let path = dir.join(LOCK_FILE);
        let file = match OpenOptions::new().read(true).open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match crate::files::create_new_private(&path) {
                    Ok(f) => f,
                    // Another program created it just now.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        OpenOptions::new().read(true).open(&path)?
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            Err(e) => return Err(e.into()),
        };
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => return Err(VaultError::Busy),
                Err(fs::TryLockError::Error(e)) => return Err(e.into()),
            }
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            vault_id: vault_id.to_string(),
            _file: file,
        })
    }

    /// The keyring as it is on disk now. A keyring of another vault put in
    /// its place is refused.
    pub fn load(&self) -> Result<Keyring> {
        let k = Keyring::load(&self.dir)?;
        if k.vault_id != self.vault_id {
            return Err(VaultError::KeyringCorrupt);
        }
        Ok(k)
    }

    /// Writes `keyring` in the current format with the next generation.
    pub fn save(&self, keyring: &mut Keyring) -> Result<()> {
        keyring.version = VERSION;
        keyring.generation = keyring.generation.saturating_add(1);
        crate::files::write_atomically(&self.dir, KEYRING_FILE, &keyring.to_bytes()?)
    }
}

/// Writes the first keyring of a new vault (there is nothing to lock yet:
/// the folder was empty).
pub(crate) fn save_new(dir: &Path, keyring: &mut Keyring) -> Result<()> {
    let lock = KeyringLock::acquire(dir, &keyring.vault_id)?;
    lock.save(keyring)
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
    fn duplicate_slots_are_corrupt() {
        let mut k = Keyring::new("v".into(), Utc::now(), vec!["a".into()]);
        let slot: UserSlot = serde_json::from_value(serde_json::json!({
            "user_id": "u1", "login_tag": "t1", "public_key": "pk",
            "passphrase": {"kdf": {"m_kib": 65536, "t": 3, "p": 1}, "salt": "", "private_key": {"v": 1, "nonce": "", "ct": ""}},
            "recovery": {"kdf": {"m_kib": 65536, "t": 3, "p": 1}, "salt": "", "private_key": {"v": 1, "nonce": "", "ct": ""}},
            "keys": {}
        }))
        .expect("slot");
        k.users.push(slot.clone());
        assert!(Keyring::from_bytes(&k.to_bytes().expect("json")).is_ok());
        let mut same_id = slot.clone();
        same_id.login_tag = "t2".into();
        k.users.push(same_id);
        assert!(matches!(
            Keyring::from_bytes(&k.to_bytes().expect("json")),
            Err(VaultError::KeyringCorrupt)
        ));
        k.users.pop();
        let mut same_login = slot;
        same_login.user_id = "u2".into();
        k.users.push(same_login);
        assert!(matches!(
            Keyring::from_bytes(&k.to_bytes().expect("json")),
            Err(VaultError::KeyringCorrupt)
        ));
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut k = Keyring::new("v".into(), Utc::now(), vec!["a".into()]);
        save_new(dir.path(), &mut k).expect("first keyring");
        let first = KeyringLock::acquire(dir.path(), "v").expect("lock");
        let (tx, rx) = std::sync::mpsc::channel();
        let path = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || {
            let lock = KeyringLock::acquire(&path, "v").expect("second lock");
            tx.send(()).expect("send");
            let mut k = lock.load().expect("load");
            lock.save(&mut k).expect("save");
        });
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "the second writer must wait while the first holds the lock"
        );
        let mut k = first.load().expect("load");
        first.save(&mut k).expect("save");
        drop(first);
        waiter.join().expect("waiter");
        assert_eq!(Keyring::load(dir.path()).expect("load").generation, 3);
        assert!(matches!(
            KeyringLock::acquire(dir.path(), "other").and_then(|l| l.load()),
            Err(VaultError::KeyringCorrupt)
        ));
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
