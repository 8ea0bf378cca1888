//! The session: one user's unlocked vault, and everything that is not an
//! area's own work — creating, unlocking, locking (also when idle), users,
//! the organisation's settings, backups and checks.
//!
//! A [`Session`] holds at most one unlocked vault. Every call on an
//! unlocked session first checks the idle lock: a session idle for longer
//! than the setting is locked and the call answers `Locked`. The unlocked
//! context ([`Open`]) is what an area's use cases get: the vault's pools
//! (an area takes its own after its role and key check), the user, the
//! audit helper and exports to a path the user chose.

mod areas;
mod lifecycle;
mod settings;
pub mod types;
mod users;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::Mutex;
use vertrouwd_vault::{self as vault, audit, KdfParams, Unlocked, Vault};

pub use types::*;

use crate::clock::Clock;
use crate::compartments::ORG;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::preferences::Preferences;
use crate::roles::Role;
use crate::strength::{self, Strength};
use crate::users::UserInfo;

const MAX_NAME: usize = 100;
const MAX_ORGANISATION: usize = 200;
const MAX_LOGIN: usize = 64;
const MAX_REASON: usize = 2000;
const MAX_SECRET: usize = 1024;
/// How new vaults pick their Argon2id parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfPolicy {
    /// Tuned on this machine to about half a second (the default).
    Tuned,
    /// The floor itself (m = 64 MiB, t = 3, p = 1), for tests and slow
    /// machines; never anything weaker.
    Floor,
}

impl KdfPolicy {
    fn params(self) -> ApiResult<KdfParams> {
        match self {
            KdfPolicy::Tuned => Ok(KdfParams::tune(Duration::from_millis(500))?),
            KdfPolicy::Floor => Ok(KdfParams::FLOOR),
        }
    }
}

#[derive(Debug)]
pub(crate) struct Open {
    pub(crate) vault: Unlocked,
    pub(crate) user: UserInfo,
    pub(crate) organisation: String,
    idle_lock_seconds: u32,
    last_activity: DateTime<Utc>,
    warnings: Vec<SessionWarning>,
}

impl Open {
    pub(crate) fn info(&self) -> SessionInfo {
        SessionInfo {
            vault_id: self.vault.vault_id().into(),
            dir: self.vault.dir().to_string_lossy().into_owned(),
            organisation: self.organisation.clone(),
            user: self.user.clone(),
            compartments: self.vault.held(),
            idle_lock_seconds: self.idle_lock_seconds,
            warnings: self.warnings.clone(),
        }
    }

    pub(crate) fn org(&self) -> ApiResult<&sqlx::SqlitePool> {
        Ok(self.vault.pool(ORG)?)
    }

    pub(crate) fn has_role(&self, role: Role) -> bool {
        self.user.roles.contains(&role)
    }

    /// The context an area's use case gets for one call at `now`.
    pub(crate) fn context(&self, now: DateTime<Utc>) -> Context<'_> {
        Context::new(&self.vault, &self.user, &self.organisation, now)
    }
}

/// A change and its audit row in one transaction
/// ([`vertrouwd_vault::audit::audited`]), with the api's errors.
async fn audited<T>(
    pool: &sqlx::SqlitePool,
    at: DateTime<Utc>,
    actor: &str,
    change: impl AsyncFnOnce(&mut sqlx::SqliteConnection) -> ApiResult<(T, audit::Entry)>,
) -> ApiResult<T> {
    audit::audited(pool, at, actor, change).await
}

/// One user's session with one vault.
#[derive(Debug)]
pub struct Session {
    pub(crate) clock: Arc<dyn Clock>,
    kdf: KdfPolicy,
    open: Mutex<Option<Open>>,
    /// Where this computer remembers what it saw of each vault
    /// ([`crate::seen`]); `None` remembers nothing.
    memory: Option<PathBuf>,
    /// Where this computer keeps the app's preferences; `None` keeps none.
    preferences: Option<PathBuf>,
}

fn new_passphrase(
    p: &SecretText,
    repeat: &SecretText,
    context: &[&str],
    field: &str,
) -> ApiResult<()> {
    if p.expose_secret_str().len() > MAX_SECRET {
        return Err(ApiError::validation(field, Reason::TooLong));
    }
    if !strength::rate(p.expose_secret_str(), context).acceptable {
        return Err(ApiError::validation(field, Reason::Weak));
    }
    if p.expose_secret_str() != repeat.expose_secret_str() {
        return Err(ApiError::validation(
            &format!("{field}_repeat"),
            Reason::Mismatch,
        ));
    }
    Ok(())
}

impl Session {
    pub fn new(clock: Arc<dyn Clock>, kdf: KdfPolicy) -> Self {
        Self {
            clock,
            kdf,
            open: Mutex::new(None),
            memory: None,
            preferences: None,
        }
    }

    /// Keeps the app's preferences in `file`.
    pub fn with_preferences(mut self, file: PathBuf) -> Self {
        self.preferences = Some(file);
        self
    }

    /// Remembers what this computer saw of each vault in `file`, and warns
    /// when a vault went back (see [`crate::seen`]).
    pub fn remembering(mut self, file: PathBuf) -> Self {
        self.memory = Some(file);
        self
    }

    /// Before unlocking: refuses a slot whose pins were stripped although
    /// this computer saw them, and notices a keyring that went back.
    fn before_unlock(&self, vault: &Vault, login: &str) -> ApiResult<Vec<SessionWarning>> {
        let Some(file) = &self.memory else {
            return Ok(vec![]);
        };
        let seen = crate::seen::load(file);
        let Some(v) = seen.vaults.get(vault.vault_id()) else {
            return Ok(vec![]);
        };
        if let Ok(slot) = vault.keyring().slot_by_login(login) {
            if slot.pins.is_none() && v.pinned_users.contains(&slot.user_id) {
                return Err(ApiError::new(
                    ErrorCode::Untrusted,
                    "the keyring no longer holds the keys this user accepted on this computer",
                ));
            }
        }
        Ok(if vault.keyring().generation < v.keyring_generation {
            vec![SessionWarning::KeyringRolledBack]
        } else {
            vec![]
        })
    }

    /// Compares the open vault with what this computer saw (when `compare`)
    /// and records what it sees now. A memory that cannot be written is not
    /// a reason to refuse the user.
    async fn remember(&self, vault: &Unlocked, compare: bool) -> Vec<SessionWarning> {
        let Some(file) = &self.memory else {
            return vec![];
        };
        let mut seen = crate::seen::load(file);
        let entry = seen.vaults.entry(vault.vault_id().to_string()).or_default();
        let mut warnings = vec![];
        for c in vault.held() {
            let Ok(pool) = vault.pool(&c) else { continue };
            if compare {
                if let Some(head) = entry.compartments.get(&c) {
                    let there = audit::hash_at(pool, head.seq).await.ok().flatten();
                    if there.map(hex_of).as_deref() != Some(head.hash.as_str()) {
                        warnings.push(SessionWarning::RolledBack {
                            compartment: c.clone(),
                        });
                    }
                }
            }
            if let Ok(Some((seq, hash))) = audit::head(pool).await {
                let newer = entry.compartments.get(&c).is_none_or(|h| seq >= h.seq);
                if newer || !compare {
                    entry.compartments.insert(
                        c.clone(),
                        crate::seen::AuditHead {
                            seq,
                            hash: hex_of(hash),
                        },
                    );
                }
            }
        }
        let k = vault.keyring();
        entry.keyring_generation = entry.keyring_generation.max(k.generation);
        if k.slot(vault.user_id()).is_ok_and(|s| s.pins.is_some())
            && !entry.pinned_users.iter().any(|u| u == vault.user_id())
        {
            entry.pinned_users.push(vault.user_id().to_string());
        }
        entry.at = Some(self.clock.now());
        if let Err(e) = crate::seen::save(file, &seen) {
            log::warn!("could not remember the vault's state: {}", e.message);
        }
        warnings
    }

    /// Whether `dir` holds a vault and whether this session has it open.
    pub async fn vault_status(&self, dir: String) -> ApiResult<VaultStatus> {
        let path = PathBuf::from(&dir);
        let guard = self.open.lock().await;
        let unlocked = guard.as_ref().is_some_and(|o| o.vault.dir() == path);
        Ok(VaultStatus {
            exists: Vault::exists(&path),
            dir,
            unlocked,
        })
    }

    /// Where a vault lives unless the user picks another folder.
    pub async fn default_vault_dir(&self) -> ApiResult<String> {
        Ok(crate::default_vault_dir().to_string_lossy().into_owned())
    }

    /// The version, licence and folders, for the About box.
    pub async fn about(&self) -> ApiResult<About> {
        Ok(About {
            version: env!("CARGO_PKG_VERSION").into(),
            licence: env!("CARGO_PKG_LICENSE").into(),
            identifier: crate::folders::APP_ID.into(),
            config_dir: crate::config_dir().to_string_lossy().into_owned(),
            default_vault_dir: crate::default_vault_dir().to_string_lossy().into_owned(),
        })
    }

    /// This computer's preferences for the app (language, last vault);
    /// the defaults when the session keeps none.
    pub async fn preferences(&self) -> ApiResult<Preferences> {
        Ok(self
            .preferences
            .as_deref()
            .map(crate::preferences::load)
            .unwrap_or_default())
    }

    pub async fn set_preferences(&self, prefs: Preferences) -> ApiResult<()> {
        let Some(file) = &self.preferences else {
            return Err(ApiError::new(ErrorCode::Internal, "no preferences file"));
        };
        crate::preferences::save(file, &prefs.with_recent())
    }

    /// Rates a passphrase for the strength meter.
    pub async fn passphrase_strength(&self, req: StrengthRequest) -> ApiResult<Strength> {
        let context: Vec<&str> = req.context.iter().map(String::as_str).collect();
        Ok(strength::rate(req.passphrase.expose_secret_str(), &context))
    }

    /// Locks: closes every database and drops every key. Idempotent.
    pub async fn lock(&self) {
        if let Some(open) = self.open.lock().await.take() {
            self.remember(&open.vault, false).await;
            open.vault.lock().await;
        }
    }

    /// Locks when the session has been idle longer than its setting.
    /// Returns whether it locked now.
    pub async fn check_idle(&self) -> bool {
        let mut guard = self.open.lock().await;
        let expired = guard.as_ref().is_some_and(|o| self.idle_expired(o));
        if expired {
            if let Some(open) = guard.take() {
                self.remember(&open.vault, false).await;
                open.vault.lock().await;
            }
        }
        expired
    }

    fn idle_expired(&self, o: &Open) -> bool {
        let idle = self.clock.now().signed_duration_since(o.last_activity);
        idle.num_milliseconds() >= i64::from(o.idle_lock_seconds) * 1000
    }

    /// Runs `f` on the open session after the idle check; counts as activity.
    pub(crate) async fn with_open<T>(
        &self,
        f: impl AsyncFnOnce(&mut Open) -> ApiResult<T>,
    ) -> ApiResult<T> {
        let mut guard = self.open.lock().await;
        let Some(open) = guard.as_mut() else {
            return Err(ApiError::locked());
        };
        if self.idle_expired(open) {
            if let Some(open) = guard.take() {
                open.vault.lock().await;
            }
            return Err(ApiError::locked());
        }
        open.last_activity = self.clock.now();
        f(open).await
    }

    /// Runs an area's use case on the open session, after the idle check,
    /// with the context of this call.
    pub(crate) async fn in_area<T>(
        &self,
        f: impl AsyncFnOnce(&Context<'_>) -> ApiResult<T>,
    ) -> ApiResult<T> {
        let now = self.clock.now();
        self.with_open(async |o| f(&o.context(now)).await).await
    }

    /// Records user activity (typing, clicking) that reaches no other call.
    pub async fn touch(&self) -> ApiResult<()> {
        self.with_open(async |_| Ok(())).await
    }

    pub async fn session_info(&self) -> ApiResult<SessionInfo> {
        self.with_open(async |o| Ok(o.info())).await
    }
}

/// A finding of the unlock as the user is told it; `name_of` gives a
/// user id's display name ("you" for the user themselves).
fn session_warning(f: &vault::Finding, name_of: &dyn Fn(&str) -> String) -> SessionWarning {
    match f {
        vault::Finding::Refused { compartment, why } => SessionWarning::Refused {
            compartment: compartment.clone(),
            reason: match why {
                vault::Refusal::NotGiven => "not_given",
                vault::Refusal::NotAHolder => "not_a_holder",
                vault::Refusal::Unreadable => "unreadable",
            }
            .into(),
        },
        vault::Finding::FirstUse { compartment } => SessionWarning::FirstUse {
            compartment: compartment.clone(),
        },
        vault::Finding::KeyChanged {
            compartment,
            user_id,
        } => SessionWarning::KeyChanged {
            compartment: compartment.clone(),
            user: name_of(user_id),
        },
    }
}

/// The idle lock of a session: the vault's (clamped), and never longer
/// than an area's own (the advisor keeps one in advisor.db, default five
/// minutes).
async fn effective_idle_lock(cx: &Context<'_>, vault_wide: u32) -> ApiResult<u32> {
    Ok(match crate::advisor::idle_lock(cx).await? {
        Some(own) => vault_wide.min(own),
        None => vault_wide,
    })
}

fn hex_of(bytes: Vec<u8>) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
