//! A vault folder: create, unlock, manage slots, rotate keys, verify.
//!
//! [`Vault`] is a folder with a readable keyring and nothing open.
//! [`Unlocked`] holds the acting user's key pair, the compartment keys that
//! user holds and one keyed pool per compartment; dropping it (or calling
//! [`Unlocked::lock`]) closes the pools and zeroizes the keys.
//!
//! The keyring is attacker input. At unlock a user opens only compartments
//! whose key they pinned themselves (or, for a slot from keyring format 1,
//! accept on first use and pin then), and only when the compartment lists
//! them among its holders ([`crate::trust`]). A rotation seals the new key
//! to the holders the compartment lists, and to nobody else.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;

use crate::db::{self, CompartmentSpec, OpenMode};
use crate::envelope::{self, KeyPair};
use crate::error::{Result, VaultError};
use crate::kdf::KdfParams;
use crate::keyring::{KeyGeneration, Keyring, KeyringLock, UnlockerKind, UserSlot};
use crate::secret::{Passphrase, RecoveryKey, SecretKey};
use crate::trust::{self, Holder, TrustState};

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
    /// Problems reported by `integrity_check` and `cipher_integrity_check`,
    /// and key slots or holders that do not agree with each other.
    pub problems: Vec<String>,
    /// Rows in the audit trail when the chain is whole; `None` when broken.
    pub audit_entries: Option<i64>,
}

impl CompartmentCheck {
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.audit_entries.is_some()
    }
}

/// Why a compartment the slot claims was not opened at unlock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The slot has a key for it that the user never accepted (no pin).
    NotGiven,
    /// The compartment does not list the user among its holders.
    NotAHolder,
    /// No key in the slot opens it.
    Unreadable,
}

/// Something unlocking found that the user should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A compartment the slot claims was not opened; the claim was dropped
    /// from the slot.
    Refused { compartment: String, why: Refusal },
    /// A key from before keyring format 2 was accepted on first use and is
    /// pinned from now on.
    FirstUse { compartment: String },
    /// A compartment lists a colleague (or this user) with another public
    /// key than the one this user accepted for them: someone who can write
    /// that database replaced it. Nothing is sealed to the listed key.
    KeyChanged {
        compartment: String,
        user_id: String,
    },
}

/// How a key slot stands with the compartments the acting user holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotCheck {
    pub user_id: String,
    /// Every compartment the slot claims.
    pub claims: Vec<String>,
    /// Held compartments that list this slot (user id and public key).
    pub holder_of: Vec<String>,
    /// Held compartments the slot claims but that do not list it.
    pub not_holder_of: Vec<String>,
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

    /// The keyring as read (attacker input: for display and checks only).
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
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
            crate::files::restrict_dir(dir)?;
        } else {
            crate::files::create_private_dir(dir)?;
        }
        let names: Vec<String> = layout.iter().map(|s| s.name.to_string()).collect();
        for c in &first.compartments {
            if !names.contains(c) {
                return Err(VaultError::Invalid("unknown compartment"));
            }
        }
        let keyring = Keyring::new(uuid::Uuid::new_v4().to_string(), now, names);
        let result = Self::create_inner(dir, layout, keyring, first, kdf, now).await;
        if result.is_err() {
            // Leave the folder as we found it: remove only what we created.
            for spec in layout {
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = fs::remove_file(dir.join(format!("{}{}", spec.file_name(), suffix)));
                }
            }
            let _ = fs::remove_file(dir.join(crate::keyring::LOCK_FILE));
        }
        result
    }

    async fn create_inner(
        dir: &Path,
        layout: &'static [CompartmentSpec],
        keyring: Keyring,
        first: NewUser<'_>,
        kdf: KdfParams,
        now: DateTime<Utc>,
    ) -> Result<(Unlocked, RecoveryKey)> {
        let mut keys = BTreeMap::new();
        let mut pools = BTreeMap::new();
        for spec in layout {
            let key = Arc::new(SecretKey::random()?);
            let pool = db::open_compartment(
                &dir.join(spec.file_name()),
                spec,
                Arc::clone(&key),
                OpenMode::Create,
            )
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
            findings: vec![],
            started_holders: vec![],
            opened: OpenedKeys::default(),
            known: Default::default(),
        };
        let (slot, recovery) = unlocked.build_slot(&first, kdf, Some(&unlocked.pair))?;
        let me = Holder {
            user_id: slot.user_id.clone(),
            public_key: slot.public_key.clone(),
        };
        unlocked.keyring.users.push(slot);
        // Keep only what the first user holds open; the others' keys are
        // forgotten with them (nobody can be given what nobody holds).
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
        for c in &held {
            let mut tx = unlocked.pool(c)?.begin().await?;
            trust::add_holder(&mut tx, &me, now, &me.user_id).await?;
            tx.commit().await?;
        }
        crate::keyring::save_new(dir, &mut unlocked.keyring)?;
        Ok((unlocked, recovery))
    }

    /// Unlocks with a login name and passphrase.
    pub async fn unlock(
        self,
        login: &str,
        passphrase: &Passphrase,
        now: DateTime<Utc>,
    ) -> Result<Unlocked> {
        let slot = self.keyring.slot_by_login(login)?.clone();
        let pair = self.keyring.open_unlocker(
            &slot,
            passphrase.expose_secret_str().as_bytes(),
            UnlockerKind::Passphrase,
        )?;
        self.enter(slot, pair, now).await
    }

    /// Unlocks with the recovery key and sets a new passphrase.
    pub async fn reset_with_recovery(
        self,
        login: &str,
        recovery: &RecoveryKey,
        new_passphrase: &Passphrase,
        now: DateTime<Utc>,
    ) -> Result<Unlocked> {
        let slot = self.keyring.slot_by_login(login)?.clone();
        let pair = self.keyring.open_unlocker(
            &slot,
            recovery.expose_canonical().as_bytes(),
            UnlockerKind::Recovery,
        )?;
        let mut unlocked = self.enter(slot.clone(), pair, now).await?;
        unlocked.set_passphrase(new_passphrase, slot.passphrase.kdf)?;
        Ok(unlocked)
    }

    async fn enter(self, slot: UserSlot, pair: KeyPair, now: DateTime<Utc>) -> Result<Unlocked> {
        let mut unlocked = Unlocked {
            dir: self.dir,
            layout: self.layout,
            keyring: self.keyring,
            user_id: slot.user_id.clone(),
            pair,
            keys: BTreeMap::new(),
            pools: BTreeMap::new(),
            findings: vec![],
            started_holders: vec![],
            opened: OpenedKeys::default(),
            known: Default::default(),
        };
        let claims = slot.claims();
        let mut rekeyed = vec![];
        for spec in unlocked.layout {
            if !claims.contains(spec.name) {
                continue;
            }
            match unlocked.accept(&slot, spec, now).await {
                Ok(Accepted::Opened { finished_rekey }) => {
                    if finished_rekey {
                        rekeyed.push(spec.name.to_string());
                    }
                }
                Ok(Accepted::Refused(why)) => unlocked.findings.push(Finding::Refused {
                    compartment: spec.name.into(),
                    why,
                }),
                Err(e) => {
                    unlocked.close_pools().await;
                    return Err(e);
                }
            }
        }
        let learned = match unlocked.learn_colleagues(&slot).await {
            Ok(learned) => learned,
            Err(e) => {
                unlocked.close_pools().await;
                return Err(e);
            }
        };
        if let Err(e) = unlocked.record_acceptance(&slot, &rekeyed, learned) {
            unlocked.close_pools().await;
            return Err(e);
        }
        Ok(unlocked)
    }
}

/// The outcome of trying one claimed compartment at unlock.
enum Accepted {
    Opened { finished_rekey: bool },
    Refused(Refusal),
}

/// An unlocked vault: one user's keys and open compartments.
#[derive(Debug)]
pub struct Unlocked {
    dir: PathBuf,
    layout: &'static [CompartmentSpec],
    /// The keyring as this program last read or wrote it.
    keyring: Keyring,
    user_id: String,
    pair: KeyPair,
    keys: BTreeMap<String, Arc<SecretKey>>,
    pools: BTreeMap<String, SqlitePool>,
    findings: Vec<Finding>,
    /// Compartments whose holders list this unlock started (the first
    /// unlock after keyring format 1): see [`Unlocked::confirm_first_holders`].
    started_holders: Vec<String>,
    /// Record keys sealed to this user that were opened since the unlock.
    opened: OpenedKeys,
    /// The public keys this user accepted for colleagues, by user id (see
    /// [`Unlocked::vouch`]).
    known: std::sync::Mutex<BTreeMap<String, String>>,
}

/// Keys of single records (a complaint's) that this user opened from the
/// boxes sealed to them: opening a box costs an X25519 exchange, and a list
/// of thousands of records opens each once per unlock. Keyed by a hash of
/// the box and its associated data, so a changed box is opened afresh;
/// dropped, and zeroized, with the unlocked vault.
#[derive(Default)]
struct OpenedKeys(std::sync::Mutex<std::collections::HashMap<[u8; 32], Arc<SecretKey>>>);

impl std::fmt::Debug for OpenedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpenedKeys(<redacted>)")
    }
}

impl Unlocked {
    /// Opens a record's key sealed to this user ([`envelope::seal_to`]
    /// with `aad`); a box opened before is not opened again.
    pub fn open_sealed(
        &self,
        sealed: &envelope::SealedBox,
        aad: &envelope::Aad,
    ) -> Result<Arc<SecretKey>> {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        for part in [
            sealed.epk.as_bytes(),
            sealed.sealed.nonce.as_bytes(),
            sealed.sealed.ct.as_bytes(),
            aad.as_bytes(),
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part);
        }
        let id: [u8; 32] = h.finalize().into();
        let mut opened = self.opened.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(key) = opened.get(&id) {
            return Ok(key.clone());
        }
        let key = Arc::new(envelope::open_sealed(&self.pair, sealed, aad)?);
        opened.insert(id, key.clone());
        Ok(key)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn vault_id(&self) -> &str {
        &self.keyring.vault_id
    }

    pub fn user_id(&self) -> &str {
        &self.user_id
    }

    /// Signs what this user publishes (a statistics release), with the
    /// Ed25519 key derived from their private key (the same key every
    /// time, so a reader can recognise it).
    pub fn sign(&self, message: &[u8]) -> Result<envelope::Signature> {
        self.pair.sign(message)
    }

    /// The acting user's public key.
    pub fn public_key(&self) -> String {
        self.pair.public_b64()
    }

    /// The keyring as this program last read or wrote it. Attacker input:
    /// for display only, never for deciding who holds what.
    pub fn keyring(&self) -> &Keyring {
        &self.keyring
    }

    /// What unlocking found that the user should know.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
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
        self.close_pools().await;
    }

    async fn close_pools(&self) {
        for pool in self.pools.values() {
            pool.close().await;
        }
    }

    fn kdf_params(&self) -> Result<KdfParams> {
        Ok(self.keyring.slot(&self.user_id)?.passphrase.kdf)
    }

    fn commitment(&self, key: &SecretKey, compartment: &str) -> [u8; 32] {
        trust::commitment(key, &self.keyring.vault_id, compartment)
    }

    /// Tries one compartment the slot claims. Opens it only with a key the
    /// user pinned, a key a database they can trust vouches for, or — for a
    /// slot from before pins — the key given, on first use.
    async fn accept(
        &mut self,
        slot: &UserSlot,
        spec: &'static CompartmentSpec,
        now: DateTime<Utc>,
    ) -> Result<Accepted> {
        let c = spec.name;
        let path = self.dir.join(spec.file_name());
        let k = &self.keyring;
        let open_box = |field: &BTreeMap<String, envelope::SealedBox>, generation| {
            field.get(c).and_then(|b| {
                envelope::open_sealed(
                    &self.pair,
                    b,
                    &k.compartment_aad(&slot.user_id, c, generation),
                )
                .ok()
                .map(Arc::new)
            })
        };
        let boxed = open_box(&slot.keys, KeyGeneration::Current);
        let previous = open_box(&slot.previous_keys, KeyGeneration::Previous);
        let Some(pins) = &slot.pins else {
            return self
                .accept_first_use(slot, spec, boxed, previous, now)
                .await;
        };
        let Some(pinned) = pins.get(c) else {
            return Ok(Accepted::Refused(Refusal::NotGiven));
        };
        let pinned = Arc::new(
            trust::open_pin(&self.pair, pinned, &k.pin_aad(&slot.user_id, c))
                .map_err(|_| VaultError::Untrusted(c.into()))?,
        );
        let mut others: Vec<Arc<SecretKey>> = vec![];
        for key in [boxed, previous].into_iter().flatten() {
            let seen = others
                .iter()
                .chain(std::iter::once(&pinned))
                .any(|o| o.expose_secret_bytes() == key.expose_secret_bytes());
            if !seen {
                others.push(key);
            }
        }
        match db::inspect(&path, c, &pinned).await {
            Ok(state) => return self.open_trusted(slot, spec, pinned, state, &others).await,
            Err(VaultError::DatabaseCorrupt(_)) => {}
            Err(e) => return Err(e),
        }
        // The pinned key no longer opens the database: a holder rotated it,
        // or the file was replaced.
        let pinned_commitment = self.commitment(&pinned, c);
        for candidate in &others {
            match db::inspect(&path, c, candidate).await {
                Ok(state) if state.remembers(&pinned_commitment) => {
                    let mut rest = others.clone();
                    rest.push(Arc::clone(&pinned));
                    return self
                        .open_trusted(slot, spec, Arc::clone(candidate), state, &rest)
                        .await;
                }
                Ok(state) if state.pending_is(&pinned_commitment) => {
                    // A re-key to the key this user pinned was interrupted.
                    if !state.lists(&slot.user_id, &slot.public_key) {
                        return Ok(Accepted::Refused(Refusal::NotAHolder));
                    }
                    rekey_file(&path, spec, candidate, &pinned).await?;
                    let state = db::inspect(&path, c, &pinned).await?;
                    return self.open_trusted(slot, spec, pinned, state, &[]).await;
                }
                Ok(_) => return Err(VaultError::Untrusted(c.into())),
                Err(VaultError::DatabaseCorrupt(_)) => continue,
                Err(e) => return Err(e),
            }
        }
        Err(VaultError::DatabaseCorrupt(c.into()))
    }

    /// Opens a compartment whose key is trusted: checks that it lists the
    /// user, finishes an announced re-key when the user has the new key,
    /// then opens the pool (running pending migrations).
    async fn open_trusted(
        &mut self,
        slot: &UserSlot,
        spec: &'static CompartmentSpec,
        key: Arc<SecretKey>,
        state: TrustState,
        others: &[Arc<SecretKey>],
    ) -> Result<Accepted> {
        let c = spec.name;
        if !state.lists(&slot.user_id, &slot.public_key) {
            return Ok(Accepted::Refused(Refusal::NotAHolder));
        }
        let path = self.dir.join(spec.file_name());
        let mut key = key;
        let mut finished_rekey = false;
        if state.pending.is_some() {
            if state.pending_is(&self.commitment(&key, c)) {
                finished_rekey = true;
            } else if let Some(next) = others
                .iter()
                .find(|o| state.pending_is(&self.commitment(o, c)))
            {
                match rekey_file(&path, spec, &key, next).await {
                    Ok(()) => {
                        key = Arc::clone(next);
                        finished_rekey = true;
                    }
                    // Another program has it open: whoever comes next
                    // finishes it.
                    Err(VaultError::Busy) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let pool = db::open_compartment(&path, spec, Arc::clone(&key), OpenMode::Existing).await?;
        if finished_rekey {
            trust::finish_rekey(&pool).await?;
        }
        self.keys.insert(c.to_string(), key);
        self.pools.insert(c.to_string(), pool);
        Ok(Accepted::Opened { finished_rekey })
    }

    /// A slot from keyring format 1 has no pins: its keys are accepted on
    /// first use, as format 1 did, and pinned from then on. A compartment
    /// that already lists its holders must list this user.
    async fn accept_first_use(
        &mut self,
        slot: &UserSlot,
        spec: &'static CompartmentSpec,
        boxed: Option<Arc<SecretKey>>,
        previous: Option<Arc<SecretKey>>,
        now: DateTime<Utc>,
    ) -> Result<Accepted> {
        let c = spec.name;
        let path = self.dir.join(spec.file_name());
        let mut found = None;
        if let Some(b) = &boxed {
            if let Ok(state) = db::inspect(&path, c, b).await {
                found = Some((Arc::clone(b), state));
            }
        }
        if found.is_none() {
            if let Some(p) = &previous {
                // A rotation of format 1 that was interrupted.
                if let Ok(state) = db::inspect(&path, c, p).await {
                    match &boxed {
                        Some(b) => {
                            rekey_file(&path, spec, p, b).await?;
                            found = Some((Arc::clone(b), state));
                        }
                        None => found = Some((Arc::clone(p), state)),
                    }
                }
            }
        }
        let Some((key, state)) = found else {
            return Ok(Accepted::Refused(Refusal::Unreadable));
        };
        if !state.holders.is_empty() && !state.lists(&slot.user_id, &slot.public_key) {
            return Ok(Accepted::Refused(Refusal::NotAHolder));
        }
        let pool = db::open_compartment(&path, spec, Arc::clone(&key), OpenMode::Existing).await?;
        if trust::holders(&pool).await?.is_empty() {
            let me = Holder {
                user_id: slot.user_id.clone(),
                public_key: slot.public_key.clone(),
            };
            let mut tx = pool.begin().await?;
            trust::add_holder(&mut tx, &me, now, &me.user_id).await?;
            tx.commit().await?;
            self.started_holders.push(c.to_string());
        }
        self.findings.push(Finding::FirstUse {
            compartment: c.into(),
        });
        self.keys.insert(c.to_string(), key);
        self.pools.insert(c.to_string(), pool);
        Ok(Accepted::Opened {
            finished_rekey: false,
        })
    }

    /// After unlocking: pins what was opened, drops claims that were
    /// refused, and forgets the previous keys of finished re-keys. Writes
    /// the keyring only when something changed.
    fn record_acceptance(
        &mut self,
        slot: &UserSlot,
        rekeyed: &[String],
        learned: bool,
    ) -> Result<()> {
        let refused: Vec<&str> = self
            .findings
            .iter()
            .filter_map(|f| match f {
                Finding::Refused { compartment, .. } => Some(compartment.as_str()),
                Finding::FirstUse { .. } | Finding::KeyChanged { .. } => None,
            })
            .collect();
        let mut pins_current = slot.pins.is_some();
        if let Some(pins) = &slot.pins {
            for (c, key) in &self.keys {
                let same = pins
                    .get(c)
                    .and_then(|p| {
                        trust::open_pin(&self.pair, p, &self.keyring.pin_aad(&slot.user_id, c)).ok()
                    })
                    .is_some_and(|p| p.expose_secret_bytes() == key.expose_secret_bytes());
                pins_current &= same;
            }
            pins_current &= pins.keys().all(|c| self.keys.contains_key(c));
        }
        let format_current = self.keyring.version == crate::keyring::VERSION;
        if pins_current && refused.is_empty() && rekeyed.is_empty() && format_current && !learned {
            return Ok(());
        }
        let lock = KeyringLock::acquire(&self.dir, &self.keyring.vault_id)?;
        let mut k = lock.load()?;
        let mut pins = BTreeMap::new();
        for (c, key) in &self.keys {
            pins.insert(
                c.clone(),
                trust::pin(&self.pair, key, &k.pin_aad(&self.user_id, c))?,
            );
        }
        let known = self.sealed_known(&k, &self.user_id, &self.pair, &self.known_now())?;
        let mine = k.slot_mut(&self.user_id)?;
        for c in &refused {
            mine.forget(c);
        }
        mine.pins = Some(pins);
        mine.known_keys = Some(known);
        for u in &mut k.users {
            for c in rekeyed {
                u.previous_keys.remove(c);
            }
        }
        lock.save(&mut k)?;
        self.keyring = k;
        Ok(())
    }

    /// The colleagues' keys this user accepted, as this program holds them.
    fn known_now(&self) -> BTreeMap<String, String> {
        self.known.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// `known` sealed for the slot of `user_id` (whose key pair is `pair`)
    /// under their pin key: nobody else can make or change it.
    fn sealed_known(
        &self,
        k: &Keyring,
        user_id: &str,
        pair: &KeyPair,
        known: &BTreeMap<String, String>,
    ) -> Result<envelope::Envelope> {
        let json = zeroize::Zeroizing::new(
            serde_json::to_vec(known).map_err(|_| VaultError::KeyringCorrupt)?,
        );
        envelope::seal(&pair.pin_key()?, &json, &k.known_keys_aad(user_id))
    }

    /// Compares the keys the held compartments list for their holders with
    /// the keys this user accepted before (their slot's `known_keys`): a
    /// colleague listed with another key, or this user listed with a key
    /// not their own, is a [`Finding::KeyChanged`] and keeps the key first
    /// accepted; a colleague not seen before is accepted now. Answers
    /// whether the slot's list needs writing.
    async fn learn_colleagues(&mut self, slot: &UserSlot) -> Result<bool> {
        let opened = slot.known_keys.as_ref().and_then(|env| {
            let json = envelope::open(
                &self.pair.pin_key().ok()?,
                env,
                &self.keyring.known_keys_aad(&slot.user_id),
            )
            .ok()?;
            serde_json::from_slice::<BTreeMap<String, String>>(&json).ok()
        });
        let mut learned = opened.is_none();
        let mut known = opened.unwrap_or_default();
        let mine = self.pair.public_b64();
        for c in self.held() {
            for h in trust::holders(self.pool(&c)?).await? {
                let accepted = if h.user_id == self.user_id {
                    Some(&mine)
                } else {
                    known.get(&h.user_id)
                };
                match accepted {
                    Some(key) if *key == h.public_key => {}
                    Some(_) => self.findings.push(Finding::KeyChanged {
                        compartment: c.clone(),
                        user_id: h.user_id.clone(),
                    }),
                    None => {
                        known.insert(h.user_id, h.public_key);
                        learned = true;
                    }
                }
            }
        }
        *self.known.lock().unwrap_or_else(|p| p.into_inner()) = known;
        Ok(learned)
    }

    /// Checks `holder` before something is sealed to them alone (a record
    /// restricted to named users): the key a compartment lists for them
    /// must be the one this user accepted for them — at their unlock, or
    /// when they added that colleague — so that a holder who rewrites the
    /// list cannot have records meant for a colleague sealed to their own
    /// key. A colleague not seen before is accepted now (first use; kept
    /// in the slot at the next unlock).
    pub fn vouch(&self, holder: &Holder) -> Result<()> {
        if holder.user_id == self.user_id {
            return if holder.public_key == self.pair.public_b64() {
                Ok(())
            } else {
                Err(VaultError::KeyChanged)
            };
        }
        let mut known = self.known.lock().unwrap_or_else(|p| p.into_inner());
        match known.get(&holder.user_id) {
            Some(key) if *key == holder.public_key => Ok(()),
            Some(_) => Err(VaultError::KeyChanged),
            None => {
                known.insert(holder.user_id.clone(), holder.public_key.clone());
                Ok(())
            }
        }
    }

    /// Compartments whose holders list this unlock started, because their
    /// database came from before keyring format 2.
    pub fn started_holders(&self) -> &[String] {
        &self.started_holders
    }

    /// Adds the other holders of a compartment whose list this unlock
    /// started ([`Unlocked::started_holders`]). The caller vouches for them
    /// from what it can trust (the users directory inside the vault).
    pub async fn confirm_first_holders(
        &mut self,
        compartment: &str,
        holders: &[Holder],
        now: DateTime<Utc>,
    ) -> Result<()> {
        if !self.started_holders.iter().any(|c| c == compartment) {
            return Err(VaultError::Invalid(
                "holders can only be confirmed for a list this unlock started",
            ));
        }
        let listed = trust::holders(self.pool(compartment)?).await?;
        let mut tx = self.pool(compartment)?.begin().await?;
        for h in holders {
            if !listed.iter().any(|l| l.user_id == h.user_id) {
                trust::add_holder(&mut tx, h, now, &self.user_id).await?;
            }
        }
        tx.commit().await?;
        self.started_holders.retain(|c| c != compartment);
        Ok(())
    }

    /// The holders a held compartment lists.
    pub async fn holders(&self, compartment: &str) -> Result<Vec<Holder>> {
        trust::holders(self.pool(compartment)?).await
    }

    /// Checks that the keyring on disk still pins, for the acting user, the
    /// keys this program holds for `compartments`; another program may have
    /// rotated them since this one unlocked.
    fn check_current(&self, k: &Keyring, compartments: &[String]) -> Result<()> {
        let mine = k.slot(&self.user_id).map_err(|_| VaultError::Stale)?;
        let pins = mine.pins.as_ref().ok_or(VaultError::Stale)?;
        for c in compartments {
            let key = self.key(c)?;
            let pinned = pins
                .get(c)
                .and_then(|p| trust::open_pin(&self.pair, p, &k.pin_aad(&self.user_id, c)).ok())
                .ok_or(VaultError::Stale)?;
            if pinned.expose_secret_bytes() != key.expose_secret_bytes() {
                return Err(VaultError::Stale);
            }
        }
        Ok(())
    }

    /// Builds a slot for `user`: a fresh key pair (or `pair`), wrapped under
    /// the passphrase and a new recovery key, the compartment keys sealed to
    /// it, and the same keys pinned for it (its creator knows the new
    /// private key for this moment only, so the new user never has to trust
    /// a key on first use). Needs every compartment key the new user will
    /// hold.
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
        let mut pins = BTreeMap::new();
        for c in &user.compartments {
            let key = self.key(c)?;
            keys.insert(
                c.clone(),
                k.seal_compartment_key(&user.user_id, &public_key, c, key, KeyGeneration::Current)?,
            );
            pins.insert(
                c.clone(),
                trust::pin(pair, key, &k.pin_aad(&user.user_id, c))?,
            );
        }
        // The new user starts out knowing the colleagues their creator
        // knows, and the creator: no key to accept on first use.
        let mut known = self.known_now();
        if self.user_id != user.user_id {
            known.insert(self.user_id.clone(), self.pair.public_b64());
        }
        let known_keys = Some(self.sealed_known(k, &user.user_id, pair, &known)?);
        let slot = UserSlot {
            user_id: user.user_id.clone(),
            login_tag: k.login_tag(user.login),
            public_key,
            passphrase,
            recovery: recovery_unlocker,
            keys,
            previous_keys: BTreeMap::new(),
            pins: Some(pins),
            known_keys,
        };
        Ok((slot, recovery))
    }

    /// Adds a slot for a new user and records them as a holder inside each
    /// compartment they get. The acting user must hold every one of them.
    /// Returns the new user's recovery key.
    pub async fn add_user(&mut self, user: NewUser<'_>, now: DateTime<Utc>) -> Result<RecoveryKey> {
        if user.compartments.is_empty() {
            return Err(VaultError::Invalid(
                "a user must hold at least one compartment",
            ));
        }
        for c in &user.compartments {
            self.key(c)?;
        }
        // The key derivations are slow: before the lock.
        let (slot, recovery) = self.build_slot(&user, self.kdf_params()?, None)?;
        let lock = KeyringLock::acquire(&self.dir, &self.keyring.vault_id)?;
        let mut k = lock.load()?;
        if k.slot_by_login(user.login).is_ok() || k.slot(&user.user_id).is_ok() {
            return Err(VaultError::LoginTaken);
        }
        self.check_current(&k, &user.compartments)?;
        let holder = Holder {
            user_id: slot.user_id.clone(),
            public_key: slot.public_key.clone(),
        };
        let mut added = vec![];
        let mut result = Ok(());
        for c in &user.compartments {
            let step = async {
                let mut tx = self.pool(c)?.begin().await?;
                trust::add_holder(&mut tx, &holder, now, &self.user_id).await?;
                tx.commit().await?;
                Ok::<_, VaultError>(())
            }
            .await;
            match step {
                Ok(()) => added.push(c.clone()),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        let mut known = self.known_now();
        known.insert(holder.user_id.clone(), holder.public_key.clone());
        if result.is_ok() {
            k.users.push(slot);
            result = self
                .sealed_known(&k, &self.user_id, &self.pair, &known)
                .and_then(|sealed| {
                    k.slot_mut(&self.user_id)?.known_keys = Some(sealed);
                    lock.save(&mut k)
                });
        }
        if let Err(e) = result {
            for c in &added {
                if let Ok(pool) = self.pool(c) {
                    if let Ok(mut conn) = pool.acquire().await {
                        let _ =
                            trust::remove_holder(&mut conn, &holder.user_id, now, &self.user_id)
                                .await;
                    }
                }
            }
            return Err(e);
        }
        self.keyring = k;
        *self.known.lock().unwrap_or_else(|p| p.into_inner()) = known;
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
        let lock = KeyringLock::acquire(&self.dir, &self.keyring.vault_id)?;
        let mut k = lock.load()?;
        let mine = k.slot_mut(&self.user_id)?;
        if mine.public_key != self.pair.public_b64() {
            return Err(VaultError::Stale);
        }
        mine.passphrase = unlocker;
        lock.save(&mut k)?;
        self.keyring = k;
        Ok(())
    }

    /// Removes a user's slot and rotates every held compartment that lists
    /// them, or that their slot claims: a new key is sealed to every holder
    /// the compartment lists (and to nobody else), and the database is
    /// re-keyed, so the removed user's old passphrase, recovery key or a copy
    /// of the old keyring no longer opens anything.
    ///
    /// Crash-safe: the database first records the old key's commitment and
    /// announces the new one; the keyring is written with both the new and
    /// the previous key; an interrupted rotation is finished at the next
    /// unlock of any holder.
    pub async fn remove_user(&mut self, user_id: &str, now: DateTime<Utc>) -> Result<Vec<String>> {
        if user_id == self.user_id {
            return Err(VaultError::Invalid("you cannot remove yourself"));
        }
        let lock = KeyringLock::acquire(&self.dir, &self.keyring.vault_id)?;
        let mut k = lock.load()?;
        self.check_current(&k, &self.held())?;
        let target = k.slot(user_id).ok().cloned();
        if let Some(t) = &target {
            if let Some(c) = t
                .claims()
                .into_iter()
                .find(|c| !self.holds(c) && self.layout.iter().any(|s| s.name == c))
            {
                return Err(VaultError::NotHeld(c));
            }
        }
        let mut rotated = vec![];
        for c in self.held() {
            let listed = self.holders(&c).await?.iter().any(|h| h.user_id == user_id);
            if listed || target.as_ref().is_some_and(|t| t.claims().contains(&c)) {
                rotated.push(c);
            }
        }
        if target.is_none() && rotated.is_empty() {
            return Err(VaultError::UnknownUser);
        }
        // First make sure every database can be re-keyed now (no other
        // program has it open); until then nothing has changed.
        for (i, c) in rotated.iter().enumerate() {
            if let Err(e) = db::prepare_rekey(self.pool(c)?).await {
                self.cancel_rekeys(&rotated[..=i]).await;
                return Err(e);
            }
        }
        let mut new_keys: BTreeMap<String, Arc<SecretKey>> = BTreeMap::new();
        let mut holders_after: BTreeMap<String, Vec<Holder>> = BTreeMap::new();
        let announced = async {
            for c in &rotated {
                let new_key = Arc::new(SecretKey::random()?);
                let (old_c, new_c) = (
                    self.commitment(self.key(c)?, c),
                    self.commitment(&new_key, c),
                );
                let mut tx = self.pool(c)?.begin().await?;
                trust::remove_holder(&mut tx, user_id, now, &self.user_id).await?;
                trust::start_rekey(&mut tx, &old_c, &new_c, now, &self.user_id, Some(user_id))
                    .await?;
                tx.commit().await?;
                holders_after.insert(c.clone(), self.holders(c).await?);
                new_keys.insert(c.clone(), new_key);
            }
            Ok::<_, VaultError>(())
        }
        .await;
        if let Err(e) = announced {
            self.cancel_rekeys(&rotated).await;
            return Err(e);
        }
        k.users.retain(|u| u.user_id != user_id);
        for c in &rotated {
            let (old_key, new_key) = (self.key(c)?, &new_keys[c]);
            let holders = &holders_after[c];
            for i in 0..k.users.len() {
                let uid = k.users[i].user_id.clone();
                let Some(h) = holders.iter().find(|h| h.user_id == uid) else {
                    // A claim the compartment does not back gets nothing.
                    k.users[i].forget(c);
                    continue;
                };
                let prev = k.seal_compartment_key(
                    &uid,
                    &h.public_key,
                    c,
                    old_key,
                    KeyGeneration::Previous,
                )?;
                let cur = k.seal_compartment_key(
                    &uid,
                    &h.public_key,
                    c,
                    new_key,
                    KeyGeneration::Current,
                )?;
                let pin = (uid == self.user_id)
                    .then(|| trust::pin(&self.pair, new_key, &k.pin_aad(&uid, c)))
                    .transpose()?;
                let u = &mut k.users[i];
                u.previous_keys.insert(c.clone(), prev);
                u.keys.insert(c.clone(), cur);
                if let (Some(pin), Some(pins)) = (pin, u.pins.as_mut()) {
                    pins.insert(c.clone(), pin);
                }
            }
        }
        if let Err(e) = lock.save(&mut k) {
            self.cancel_rekeys(&rotated).await;
            return Err(e);
        }
        self.keyring = k.clone();
        for c in &rotated {
            let spec = spec_for(self.layout, c)?;
            let pool = self.pool(c)?.clone();
            db::rekey(&pool, &new_keys[c]).await?;
            pool.close().await;
            self.pools.remove(c);
            let path = self.dir.join(spec.file_name());
            let pool =
                db::open_compartment(&path, spec, Arc::clone(&new_keys[c]), OpenMode::Existing)
                    .await?;
            trust::finish_rekey(&pool).await?;
            self.pools.insert(c.clone(), pool);
            self.keys.insert(c.clone(), Arc::clone(&new_keys[c]));
        }
        for u in &mut k.users {
            for c in &rotated {
                u.previous_keys.remove(c);
            }
        }
        lock.save(&mut k)?;
        self.keyring = k;
        Ok(rotated)
    }

    async fn cancel_rekeys(&self, compartments: &[String]) {
        for c in compartments {
            if let Ok(pool) = self.pool(c) {
                let _ = db::cancel_rekey(pool).await;
            }
        }
    }

    /// How every key slot on disk stands with the compartments this user
    /// holds.
    pub async fn slot_checks(&self) -> Result<Vec<SlotCheck>> {
        let k = Keyring::load(&self.dir)?;
        let mut lists = BTreeMap::new();
        for c in self.held() {
            lists.insert(c.clone(), self.holders(&c).await?);
        }
        Ok(k.users
            .iter()
            .map(|u| {
                let claims: Vec<String> = u.claims().into_iter().collect();
                let listed = |c: &str| {
                    lists[c]
                        .iter()
                        .any(|h| h.user_id == u.user_id && h.public_key == u.public_key)
                };
                SlotCheck {
                    user_id: u.user_id.clone(),
                    holder_of: lists.keys().filter(|c| listed(c)).cloned().collect(),
                    not_holder_of: claims
                        .iter()
                        .filter(|c| lists.contains_key(*c) && !listed(c))
                        .cloned()
                        .collect(),
                    claims,
                }
            })
            .collect())
    }

    /// Checks every held compartment: SQLite and SQLCipher integrity, the
    /// audit chain, and that key slots and holders agree.
    pub async fn verify(&self) -> Result<Vec<CompartmentCheck>> {
        let k = Keyring::load(&self.dir)?;
        let mut out = vec![];
        for name in self.held() {
            let pool = self.pool(&name)?;
            let mut problems = db::integrity_problems(pool).await?;
            let state = {
                let mut conn = pool.acquire().await?;
                trust::read_state(&mut conn).await?
            };
            for u in &k.users {
                if u.claims().contains(&name) && !state.lists(&u.user_id, &u.public_key) {
                    problems.push(format!(
                        "key slot {} claims {name} but is not one of its holders",
                        u.user_id
                    ));
                }
            }
            for h in &state.holders {
                match k.slot(&h.user_id) {
                    Err(_) => problems.push(format!("holder {} has no key slot", h.user_id)),
                    Ok(u) if u.public_key != h.public_key => problems.push(format!(
                        "the key slot of holder {} has another public key",
                        h.user_id
                    )),
                    Ok(_) => {}
                }
            }
            if state.pending.is_some() {
                problems.push("a key rotation was started and not finished".into());
            }
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
            .map(|k| k.as_ref())
            .ok_or_else(|| VaultError::NotHeld(compartment.into()))
    }

    pub(crate) fn layout(&self) -> &'static [CompartmentSpec] {
        self.layout
    }
}

/// Re-keys the database at `path` from `from` to `to` (a re-key announced
/// inside it and interrupted).
async fn rekey_file(
    path: &Path,
    spec: &'static CompartmentSpec,
    from: &Arc<SecretKey>,
    to: &SecretKey,
) -> Result<()> {
    let pool = db::open_compartment(path, spec, Arc::clone(from), OpenMode::Existing).await?;
    let result = async {
        db::prepare_rekey(&pool).await?;
        db::rekey(&pool, to).await
    }
    .await;
    pool.close().await;
    result
}
