//! A vault folder: create, unlock, manage slots, rotate keys, verify.
//!
//! [`Vault`] is a folder with a readable keyring and nothing open.
//! [`Unlocked`] holds the acting user's key pair, the compartment keys that
//! user holds and one keyed pool per compartment; dropping it (or calling
//! [`Unlocked::lock`]) closes the pools and zeroizes the keys.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use crate::db::{self, CompartmentSpec, OpenMode};
use crate::envelope::{self, KeyPair};
use crate::error::{Result, VaultError};
use crate::kdf::KdfParams;
use crate::keyring::{KeyGeneration, Keyring, UnlockerKind, UserSlot};
use crate::secret::{Passphrase, RecoveryKey, SecretKey};

/// What a new slot needs.
#[derive(Debug)]
pub struct NewUser<'a> {
    pub user_id: String,
    pub login: &'a str,
    pub passphrase: &'a Passphrase,
    /// The compartments the user will hold.
    pub compartments: Vec<String>,
}

/// A vault folder, locked.
#[derive(Debug)]
pub struct Vault {
    dir: PathBuf,
    layout: &'static [CompartmentSpec],
    keyring: Keyring,
}

/// The result of checking one compartment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompartmentCheck {
    pub compartment: String,
    /// Problems reported by `integrity_check` and `cipher_integrity_check`.
    pub problems: Vec<String>,
    /// Rows in the audit trail when the chain is whole; `None` when broken.
    pub audit_entries: Option<i64>,
}

impl CompartmentCheck {
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.audit_entries.is_some()
    }
}

fn spec_for(layout: &'static [CompartmentSpec], name: &str) -> Result<&'static CompartmentSpec> {
    layout
        .iter()
        .find(|s| s.name == name)
        .ok_or(VaultError::KeyringCorrupt)
}

impl Vault {
    /// Whether `dir` holds a keyring.
    pub fn exists(dir: &Path) -> bool {
        dir.join(crate::keyring::KEYRING_FILE).is_file()
    }

    /// Opens the folder and reads its keyring; nothing is decrypted.
    pub fn open(dir: &Path, layout: &'static [CompartmentSpec]) -> Result<Self> {
        if !dir.is_dir() {
            return Err(VaultError::NotAVault);
        }
        let keyring = Keyring::load(dir)?;
        for name in &keyring.compartments {
            spec_for(layout, name)?;
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            layout,
            keyring,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn vault_id(&self) -> &str {
        &self.keyring.vault_id
    }

    /// Creates a vault in `dir` (absent or empty) with one database per
    /// compartment of `layout`, each under its own random key, and a first
    /// user. Returns the unlocked vault and that user's recovery key.
    pub async fn create(
        dir: &Path,
        layout: &'static [CompartmentSpec],
        first: NewUser<'_>,
        kdf: KdfParams,
        now: DateTime<Utc>,
    ) -> Result<(Unlocked, RecoveryKey)> {
        if !kdf.meets_floor() {
            return Err(VaultError::WeakKdf);
        }
        if dir.exists() {
            let empty = fs::read_dir(dir)?.next().is_none();
            if !dir.is_dir() || !empty {
                return Err(VaultError::AlreadyExists);
            }
        } else {
            fs::create_dir_all(dir)?;
        }
        restrict_permissions(dir);
        let names: Vec<String> = layout.iter().map(|s| s.name.to_string()).collect();
        for c in &first.compartments {
            if !names.contains(c) {
                return Err(VaultError::Invalid("unknown compartment"));
            }
        }
        let keyring = Keyring::new(uuid::Uuid::new_v4().to_string(), now, names);
        let result = Self::create_inner(dir, layout, keyring, first, kdf).await;
        if result.is_err() {
            // Leave the folder as we found it: remove only what we created.
            for spec in layout {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = fs::remove_file(dir.join(format!("{}{}", spec.file_name(), suffix)));
                }
            }
        }
        result
    }

    async fn create_inner(
        dir: &Path,
        layout: &'static [CompartmentSpec],
        keyring: Keyring,
        first: NewUser<'_>,
        kdf: KdfParams,
    ) -> Result<(Unlocked, RecoveryKey)> {
        let mut keys = BTreeMap::new();
        let mut pools = BTreeMap::new();
        for spec in layout {
            let key = SecretKey::random()?;
            let pool =
                db::open_compartment(&dir.join(spec.file_name()), spec, &key, OpenMode::Create)
                    .await?;
            keys.insert(spec.name.to_string(), key);
            pools.insert(spec.name.to_string(), pool);
        }
        let pair = KeyPair::generate()?;
        let mut unlocked = Unlocked {
            dir: dir.to_path_buf(),
            layout,
            keyring,
            user_id: first.user_id.clone(),
            pair,
            keys,
            pools,
        };
        let (slot, recovery) = unlocked.build_slot(&first, kdf, Some(&unlocked.pair))?;
        unlocked.keyring.users.push(slot);
        // Keep only what the first user holds open.
        let held: Vec<String> = first.compartments.clone();
        let not_held: Vec<String> = unlocked
            .keys
            .keys()
            .filter(|k| !held.contains(k))
            .cloned()
            .collect();
        for name in not_held {
            unlocked.keys.remove(&name);
            if let Some(pool) = unlocked.pools.remove(&name) {
                pool.close().await;
            }
        }
        unlocked.keyring.save(dir)?;
        Ok((unlocked, recovery))
    }

    /// Unlocks with a login name and passphrase.
    pub async fn unlock(self, login: &str, passphrase: &Passphrase) -> Result<Unlocked> {
        let slot = self.keyring.slot_by_login(login)?.clone();
        let pair = self.keyring.open_unlocker(
            &slot,
            passphrase.expose_secret_str().as_bytes(),
            UnlockerKind::Passphrase,
        )?;
        self.enter(slot, pair).await
    }

    /// Unlocks with the recovery key and sets a new passphrase.
    pub async fn reset_with_recovery(
        self,
        login: &str,
        recovery: &RecoveryKey,
        new_passphrase: &Passphrase,
    ) -> Result<Unlocked> {
        let slot = self.keyring.slot_by_login(login)?.clone();
        let pair = self.keyring.open_unlocker(
            &slot,
            recovery.expose_canonical().as_bytes(),
            UnlockerKind::Recovery,
        )?;
        let mut unlocked = self.enter(slot.clone(), pair).await?;
        unlocked.set_passphrase(new_passphrase, slot.passphrase.kdf)?;
        Ok(unlocked)
    }

    async fn enter(self, slot: UserSlot, pair: KeyPair) -> Result<Unlocked> {
        let mut unlocked = Unlocked {
            dir: self.dir,
            layout: self.layout,
            keyring: self.keyring,
            user_id: slot.user_id.clone(),
            pair,
            keys: BTreeMap::new(),
            pools: BTreeMap::new(),
        };
        for name in slot.keys.keys() {
            unlocked.open_held(&slot, name).await?;
        }
        Ok(unlocked)
    }
}

/// An unlocked vault: one user's keys and open compartments.
#[derive(Debug)]
pub struct Unlocked {
    dir: PathBuf,
    layout: &'static [CompartmentSpec],
    keyring: Keyring,
    user_id: String,
    pair: KeyPair,
    keys: BTreeMap<String, SecretKey>,
    pools: BTreeMap<String, SqlitePool>,
}

impl Unlocked {
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn vault_id(&self) -> &str {
        &self.keyring.vault_id
    }

    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// Names of the compartments this user holds, in layout order.
    pub fn held(&self) -> Vec<String> {
        self.layout
            .iter()
            .map(|s| s.name.to_string())
            .filter(|n| self.keys.contains_key(n))
            .collect()
    }

    pub fn holds(&self, compartment: &str) -> bool {
        self.keys.contains_key(compartment)
    }

    /// The pool of a compartment this user holds.
    pub fn pool(&self, compartment: &str) -> Result<&SqlitePool> {
        self.pools
            .get(compartment)
            .ok_or_else(|| VaultError::NotHeld(compartment.into()))
    }

    /// Closes every pool; the keys are zeroized when `self` drops.
    pub async fn lock(self) {
        for pool in self.pools.values() {
            pool.close().await;
        }
    }

    fn kdf_params(&self) -> Result<KdfParams> {
        Ok(self.keyring.slot(&self.user_id)?.passphrase.kdf)
    }

    /// Opens one compartment of `slot`, finishing an interrupted key
    /// rotation when the database still answers to the previous key.
    async fn open_held(&mut self, slot: &UserSlot, name: &str) -> Result<()> {
        let spec = spec_for(self.layout, name)?;
        let path = self.dir.join(spec.file_name());
        let aad = self
            .keyring
            .compartment_aad(&slot.user_id, name, KeyGeneration::Current);
        let key = envelope::open_sealed(&self.pair, &slot.keys[name], &aad)
            .map_err(|_| VaultError::KeyringCorrupt)?;
        let pool = match db::open_compartment(&path, spec, &key, OpenMode::Existing).await {
            Ok(pool) => pool,
            Err(VaultError::DatabaseCorrupt(_)) if slot.previous_keys.contains_key(name) => {
                let aad =
                    self.keyring
                        .compartment_aad(&slot.user_id, name, KeyGeneration::Previous);
                let old = envelope::open_sealed(&self.pair, &slot.previous_keys[name], &aad)
                    .map_err(|_| VaultError::KeyringCorrupt)?;
                let old_pool = db::open_compartment(&path, spec, &old, OpenMode::Existing).await?;
                db::prepare_rekey(&old_pool).await?;
                db::rekey(&old_pool, &key).await?;
                old_pool.close().await;
                db::open_compartment(&path, spec, &key, OpenMode::Existing).await?
            }
            Err(e) => return Err(e),
        };
        if self
            .keyring
            .users
            .iter()
            .any(|u| u.previous_keys.contains_key(name))
        {
            for u in &mut self.keyring.users {
                u.previous_keys.remove(name);
            }
            self.keyring.save(&self.dir)?;
        }
        self.keys.insert(name.to_string(), key);
        self.pools.insert(name.to_string(), pool);
        Ok(())
    }

    /// Builds a slot for `user`: a fresh key pair (or `pair`), wrapped under
    /// the passphrase and a new recovery key, and the compartment keys sealed
    /// to it. Needs every compartment key the new user will hold.
    fn build_slot(
        &self,
        user: &NewUser<'_>,
        kdf: KdfParams,
        pair: Option<&KeyPair>,
    ) -> Result<(UserSlot, RecoveryKey)> {
        let fresh;
        let pair = match pair {
            Some(p) => p,
            None => {
                fresh = KeyPair::generate()?;
                &fresh
            }
        };
        let public_key = pair.public_b64();
        let recovery = RecoveryKey::generate()?;
        let k = &self.keyring;
        let passphrase = k.make_unlocker(
            &user.user_id,
            pair,
            user.passphrase.expose_secret_str().as_bytes(),
            UnlockerKind::Passphrase,
            kdf,
        )?;
        let recovery_unlocker = k.make_unlocker(
            &user.user_id,
            pair,
            recovery.expose_canonical().as_bytes(),
            UnlockerKind::Recovery,
            kdf,
        )?;
        let mut keys = BTreeMap::new();
        for c in &user.compartments {
            let key = self
                .keys
                .get(c)
                .ok_or_else(|| VaultError::NotHeld(c.clone()))?;
            keys.insert(
                c.clone(),
                k.seal_compartment_key(&user.user_id, &public_key, c, key, KeyGeneration::Current)?,
            );
        }
        let slot = UserSlot {
            user_id: user.user_id.clone(),
            login_tag: k.login_tag(user.login),
            public_key,
            passphrase,
            recovery: recovery_unlocker,
            keys,
            previous_keys: BTreeMap::new(),
        };
        Ok((slot, recovery))
    }

    /// Adds a slot for a new user. The acting user must hold every
    /// compartment the new user gets. Returns the new user's recovery key.
    pub fn add_user(&mut self, user: NewUser<'_>) -> Result<RecoveryKey> {
        if user.compartments.is_empty() {
            return Err(VaultError::Invalid(
                "a user must hold at least one compartment",
            ));
        }
        if self.keyring.slot_by_login(user.login).is_ok() {
            return Err(VaultError::LoginTaken);
        }
        if self.keyring.slot(&user.user_id).is_ok() {
            return Err(VaultError::LoginTaken);
        }
        let (slot, recovery) = self.build_slot(&user, self.kdf_params()?, None)?;
        let mut next = self.keyring.clone();
        next.users.push(slot);
        next.save(&self.dir)?;
        self.keyring = next;
        Ok(recovery)
    }

    /// Checks that `recovery` opens the acting user's recovery slot (runs the
    /// KDF once). Used before the key is printed on a recovery sheet.
    pub fn check_recovery_key(&self, recovery: &RecoveryKey) -> Result<()> {
        let slot = self.keyring.slot(&self.user_id)?;
        self.keyring
            .open_unlocker(
                slot,
                recovery.expose_canonical().as_bytes(),
                UnlockerKind::Recovery,
            )
            .map(|_| ())
    }

    /// Changes the acting user's passphrase after checking the current one.
    /// Only the keyring changes; no database is touched.
    pub fn change_passphrase(&mut self, current: &Passphrase, new: &Passphrase) -> Result<()> {
        let slot = self.keyring.slot(&self.user_id)?.clone();
        self.keyring.open_unlocker(
            &slot,
            current.expose_secret_str().as_bytes(),
            UnlockerKind::Passphrase,
        )?;
        self.set_passphrase(new, slot.passphrase.kdf)
    }

    fn set_passphrase(&mut self, new: &Passphrase, kdf: KdfParams) -> Result<()> {
        let unlocker = self.keyring.make_unlocker(
            &self.user_id,
            &self.pair,
            new.expose_secret_str().as_bytes(),
            UnlockerKind::Passphrase,
            kdf,
        )?;
        let mut next = self.keyring.clone();
        next.slot_mut(&self.user_id)?.passphrase = unlocker;
        next.save(&self.dir)?;
        self.keyring = next;
        Ok(())
    }

    /// The compartments a user's slot holds.
    pub fn compartments_of(&self, user_id: &str) -> Result<Vec<String>> {
        Ok(self.keyring.slot(user_id)?.keys.keys().cloned().collect())
    }

    /// Removes a user's slot and rotates every compartment key that user held:
    /// a new key is sealed to every remaining holder and the database is
    /// re-keyed, so the removed user's old passphrase, recovery key or a copy
    /// of the old keyring no longer opens anything.
    ///
    /// Crash-safe: the keyring is first written with both the new and the
    /// previous key; an interrupted rotation is completed at the next unlock.
    pub async fn remove_user(&mut self, user_id: &str) -> Result<Vec<String>> {
        if user_id == self.user_id {
            return Err(VaultError::Invalid("you cannot remove yourself"));
        }
        let target = self.keyring.slot(user_id)?.clone();
        let rotated: Vec<String> = target.keys.keys().cloned().collect();
        for c in &rotated {
            if !self.holds(c) {
                return Err(VaultError::NotHeld(c.clone()));
            }
        }
        // First make sure every database can be re-keyed now (no other
        // program has it open); until then nothing has changed.
        for (i, c) in rotated.iter().enumerate() {
            if let Err(e) = db::prepare_rekey(self.pool(c)?).await {
                for done in &rotated[..=i] {
                    let _ = db::cancel_rekey(self.pool(done)?).await;
                }
                return Err(e);
            }
        }
        let mut new_keys = BTreeMap::new();
        let mut next = self.keyring.clone();
        next.users.retain(|u| u.user_id != user_id);
        for c in &rotated {
            let new_key = SecretKey::random()?;
            let old_key = &self.keys[c];
            for i in 0..next.users.len() {
                if !next.users[i].keys.contains_key(c) {
                    continue;
                }
                let (uid, pk) = (
                    next.users[i].user_id.clone(),
                    next.users[i].public_key.clone(),
                );
                let prev =
                    next.seal_compartment_key(&uid, &pk, c, old_key, KeyGeneration::Previous)?;
                let cur =
                    next.seal_compartment_key(&uid, &pk, c, &new_key, KeyGeneration::Current)?;
                next.users[i].previous_keys.insert(c.clone(), prev);
                next.users[i].keys.insert(c.clone(), cur);
            }
            new_keys.insert(c.clone(), new_key);
        }
        if let Err(e) = next.save(&self.dir) {
            for c in &rotated {
                let _ = db::cancel_rekey(self.pool(c)?).await;
            }
            return Err(e);
        }
        self.keyring = next;
        for c in &rotated {
            let spec = spec_for(self.layout, c)?;
            let pool = self.pool(c)?.clone();
            db::rekey(&pool, &new_keys[c]).await?;
            pool.close().await;
            self.pools.remove(c);
            let path = self.dir.join(spec.file_name());
            let pool = db::open_compartment(&path, spec, &new_keys[c], OpenMode::Existing).await?;
            self.pools.insert(c.clone(), pool);
            if let Some(k) = new_keys.remove(c) {
                self.keys.insert(c.clone(), k);
            }
        }
        let mut done = self.keyring.clone();
        for u in &mut done.users {
            u.previous_keys.clear();
        }
        done.save(&self.dir)?;
        self.keyring = done;
        Ok(rotated)
    }

    /// Checks every held compartment: SQLite and SQLCipher integrity and the
    /// audit chain.
    pub async fn verify(&self) -> Result<Vec<CompartmentCheck>> {
        let mut out = vec![];
        for name in self.held() {
            let pool = self.pool(&name)?;
            let problems = db::integrity_problems(pool).await?;
            let audit_entries = match crate::audit::verify(pool, &name).await {
                Ok(n) => Some(n),
                Err(VaultError::AuditChainBroken(..)) => None,
                Err(e) => return Err(e),
            };
            out.push(CompartmentCheck {
                compartment: name,
                problems,
                audit_entries,
            });
        }
        Ok(out)
    }

    /// The key of a held compartment, for an encrypted copy in a backup.
    pub(crate) fn key(&self, compartment: &str) -> Result<&SecretKey> {
        self.keys
            .get(compartment)
            .ok_or_else(|| VaultError::NotHeld(compartment.into()))
    }

    pub(crate) fn layout(&self) -> &'static [CompartmentSpec] {
        self.layout
    }
}

#[cfg(unix)]
fn restrict_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
}

#[cfg(not(unix))]
fn restrict_permissions(_dir: &Path) {}
