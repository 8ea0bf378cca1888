//! The api: everything a user can do, as async methods on [`Session`].
//!
//! The desktop shell and the `vertrouwd` CLI both call these; neither holds
//! logic of its own. A [`Session`] holds at most one unlocked vault. Every
//! call on an unlocked session first checks the idle lock: a session idle
//! for longer than the setting is locked and the call answers `Locked`.

mod advisor;
mod commands;
mod dispatch;
mod types;

pub use dispatch::{typescript_client, Answer, Command, COMMANDS};

/// Every type the list of commands names, for whoever expands it
/// ([`for_each_command!`](crate::for_each_command)).
pub mod wire {
    pub use super::types::*;
    pub use super::{
        AddAttachmentRequest, AddConsentRequest, AddConversationRequest, AddFollowUpRequest,
        AddInterventionRequest, AddTimeRequest, CaseFileRequest, CaseRef, CloseCaseRequest,
        DestroyRequest, DestructionItem, ExportAttachmentRequest, FollowUpDoneRequest,
        ImportReport, ImportRequest, NatureChange, PurgeRequest, RegisterSettings, ReleaseRequest,
        Released, StatisticsRequest, UpdateCaseRequest,
    };
    pub use crate::advisor::stats::Preview;
    pub use crate::advisor::{CaseDetail, CaseFilter, CaseInput, CaseSummary, Nature};
    pub use crate::attachments::AttachmentPreview;
    pub use crate::preferences::Preferences;
    pub use crate::settings::Settings;
    pub use crate::strength::Strength;
    pub use crate::users::UserInfo;
}

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::Mutex;
use vertrouwd_vault::{self as vault, audit, KdfParams, NewUser, RecoveryKey, Unlocked, Vault};

pub use crate::error::{ApiError, ApiResult, ErrorCode, Invalid, Reason};
pub use advisor::{
    AddAttachmentRequest, AddConsentRequest, AddConversationRequest, AddFollowUpRequest,
    AddInterventionRequest, AddTimeRequest, CaseFileRequest, CaseRef, CloseCaseRequest,
    DemoRequest, DestroyRequest, DestructionItem, ExportAttachmentRequest, FollowUpDoneRequest,
    ImportReport, ImportRequest, NatureChange, PurgeRequest, RegisterSettings, ReleaseRequest,
    Released, StatisticsRequest, UpdateCaseRequest,
};
pub use types::*;

use crate::clock::Clock;
use crate::compartments::{LAYOUT, ORG};
use crate::preferences::Preferences;
use crate::roles::{self, Role};
use crate::settings::{self, Settings};
use crate::strength::{self, Strength};
use crate::users::{self, UserInfo};
use crate::validate;

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
struct Open {
    vault: Unlocked,
    user: UserInfo,
    organisation: String,
    idle_lock_seconds: u32,
    last_activity: DateTime<Utc>,
    warnings: Vec<SessionWarning>,
}

impl Open {
    fn info(&self) -> SessionInfo {
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

    fn org(&self) -> ApiResult<&sqlx::SqlitePool> {
        Ok(self.vault.pool(ORG)?)
    }

    fn has_role(&self, role: Role) -> bool {
        self.user.roles.contains(&role)
    }

    /// Where a file the user asked for (a PDF, a release, a backup) may go:
    /// a folder that exists and is not the vault folder or inside it,
    /// however the path is spelled.
    fn export_target(&self, path: &str) -> ApiResult<vertrouwd_vault::files::ExportTarget> {
        let path = path.trim();
        if path.is_empty() {
            return Err(ApiError::validation("path", Reason::Required));
        }
        vertrouwd_vault::files::export_target(self.vault.dir(), Path::new(path)).map_err(
            |e| match e {
                vault::VaultError::Missing => ApiError::validation("path", Reason::NoFolder),
                vault::VaultError::Invalid(_) => ApiError::validation("path", Reason::Invalid),
                other => other.into(),
            },
        )
    }

    /// Reads a file the user handed in (an attachment, a CSV register).
    /// Called only inside an area's use case, after its role and key check,
    /// so nobody without the compartment makes the app read anything: the
    /// file is opened once, must be a regular file (not a FIFO or a
    /// device), and is read to at most `limit + 1` bytes.
    pub(crate) fn read_handed_in(&self, path: &Path, limit: u64) -> ApiResult<Vec<u8>> {
        use vertrouwd_vault::files::ReadRefusal;
        match vertrouwd_vault::files::read_handed_in(path, limit)? {
            Ok(bytes) => Ok(bytes),
            Err(ReadRefusal::Missing) => Err(ApiError::new(ErrorCode::NotFound, "no such file")),
            Err(ReadRefusal::NotAFile) => Err(ApiError::validation("file", Reason::NotAFile)),
            Err(ReadRefusal::TooLarge) => Err(ApiError::validation("file", Reason::TooLarge)),
        }
    }

    /// Writes a file the user asked for where they chose, atomically and
    /// readable by them only; never inside the vault folder.
    fn write_outside_vault(&self, path: &str, bytes: &[u8]) -> ApiResult<WrittenFile> {
        let target = self.export_target(path)?;
        vertrouwd_vault::files::write_export(&target, bytes)?;
        Ok(WrittenFile {
            path: target.path().to_string_lossy().into_owned(),
            bytes: bytes.len() as u64,
            missing_characters: vec![],
        })
    }
}

/// A change and its audit row in one transaction
/// ([`vertrouwd_vault::audit::audited`]), with the api's errors.
pub(crate) async fn audited<T>(
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
    clock: Arc<dyn Clock>,
    kdf: KdfPolicy,
    open: Mutex<Option<Open>>,
    /// Where this computer remembers what it saw of each vault
    /// ([`crate::seen`]); `None` remembers nothing.
    memory: Option<PathBuf>,
    /// Where this computer keeps the app's preferences; `None` keeps none.
    preferences: Option<PathBuf>,
}

fn clean_roles(roles: &[Role]) -> ApiResult<Vec<Role>> {
    let mut r = roles.to_vec();
    r.sort();
    r.dedup();
    if r.is_empty() {
        return Err(ApiError::validation("roles", Reason::Required));
    }
    Ok(r)
}

/// Advisor combined with hr or manager needs the user's explicit consent.
fn check_combination(roles: &[Role], confirmed: bool) -> ApiResult<bool> {
    let combined = roles::combines_advisor(roles);
    if combined && !confirmed {
        return Err(ApiError::validation("roles", Reason::AdvisorCombined));
    }
    Ok(combined)
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

fn dir_of(s: &str) -> ApiResult<PathBuf> {
    if s.trim().is_empty() {
        return Err(ApiError::validation("dir", Reason::Required));
    }
    Ok(PathBuf::from(s))
}

fn report(checks: Vec<vault::CompartmentCheck>) -> VerifyReport {
    let compartments: Vec<CompartmentReport> = checks
        .into_iter()
        .map(|c| CompartmentReport {
            ok: c.ok(),
            compartment: c.compartment,
            problems: c.problems,
            audit_entries: c.audit_entries,
        })
        .collect();
    VerifyReport {
        ok: compartments.iter().all(|c| c.ok),
        compartments,
    }
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
        crate::preferences::save(file, &prefs)
    }

    /// Rates a passphrase for the strength meter.
    pub async fn passphrase_strength(&self, req: StrengthRequest) -> ApiResult<Strength> {
        let context: Vec<&str> = req.context.iter().map(String::as_str).collect();
        Ok(strength::rate(req.passphrase.expose_secret_str(), &context))
    }

    /// Creates a vault with its first user and opens it. The answer holds
    /// that user's recovery key, to be shown once.
    pub async fn create_vault(&self, req: CreateVaultRequest) -> ApiResult<CreatedVault> {
        let dir = dir_of(&req.dir)?;
        let organisation = validate::line(&req.organisation, "organisation", MAX_ORGANISATION)?;
        let display_name = validate::line(&req.display_name, "display_name", MAX_NAME)?;
        let login = validate::line(&req.login, "login", MAX_LOGIN)?;
        let roles = clean_roles(&req.roles)?;
        let combined = check_combination(&roles, req.confirm_combined_roles)?;
        new_passphrase(
            &req.passphrase,
            &req.passphrase_repeat,
            &[&organisation, &display_name, &login],
            "passphrase",
        )?;
        if Vault::exists(&dir) {
            return Err(ApiError::new(
                ErrorCode::VaultExists,
                "the folder already holds a vault",
            ));
        }
        let mut guard = self.open.lock().await;
        let now = self.clock.now();
        let user_id = uuid::Uuid::new_v4().to_string();
        let passphrase = req.passphrase.to_passphrase();
        let (unlocked, recovery) = Vault::create(
            &dir,
            LAYOUT,
            NewUser {
                user_id: user_id.clone(),
                login: &login,
                passphrase: &passphrase,
                compartments: roles::compartments_for(&roles),
            },
            self.kdf.params()?,
            now,
        )
        .await?;
        let user = UserInfo {
            id: user_id,
            login,
            display_name,
            roles,
            created_at: now,
            not_holder_of: vec![],
        };
        let written = async {
            let public_key = unlocked.public_key();
            let mut tx = unlocked.pool(ORG)?.begin().await?;
            users::insert(&mut tx, &user, &public_key).await?;
            settings::set(&mut tx, settings::ORGANISATION, &organisation).await?;
            audit::append(&mut tx, now, &user.id, "vault.created", None).await?;
            audit::append(&mut tx, now, &user.id, "user.added", Some(&user.id)).await?;
            if combined {
                audit::append(
                    &mut tx,
                    now,
                    &user.id,
                    "user.roles_combined",
                    Some(&user.id),
                )
                .await?;
            }
            tx.commit().await?;
            for c in unlocked.held().iter().filter(|c| *c != ORG) {
                let mut conn = unlocked.pool(c)?.acquire().await?;
                audit::append(&mut conn, now, &user.id, "vault.created", None).await?;
            }
            Ok::<_, ApiError>(())
        }
        .await;
        if let Err(e) = written {
            unlocked.lock().await;
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
        let open = Open {
            user,
            organisation,
            idle_lock_seconds: settings::DEFAULT_IDLE_LOCK_SECONDS,
            last_activity: now,
            vault: unlocked,
            warnings: vec![],
        };
        let created = CreatedVault {
            session: open.info(),
            vault_id: open.vault.vault_id().into(),
            recovery: shown(&recovery),
        };
        if let Some(old) = guard.replace(open) {
            old.vault.lock().await;
        }
        Ok(created)
    }

    async fn enter(
        &self,
        mut vault: Unlocked,
        mut warnings: Vec<SessionWarning>,
    ) -> ApiResult<SessionInfo> {
        let entered = async {
            let org = vault.pool(ORG)?.clone();
            let Some(user) = users::by_id(&org, vault.user_id()).await? else {
                return Err(ApiError::new(
                    ErrorCode::Corrupt,
                    "the user is missing from the directory",
                ));
            };
            confirm_first_holders(&mut vault, &org, self.clock.now()).await?;
            let mut s = settings::load(&org).await?;
            s.idle_lock_seconds = effective_idle_lock(&vault, &user, s.idle_lock_seconds).await?;
            Ok((user, s))
        }
        .await;
        let (user, s) = match entered {
            Ok(v) => v,
            Err(e) => {
                vault.lock().await;
                return Err(e);
            }
        };
        warnings.extend(vault.findings().iter().map(session_warning));
        warnings.extend(self.remember(&vault, true).await);
        let open = Open {
            vault,
            user,
            organisation: s.organisation,
            idle_lock_seconds: s.idle_lock_seconds,
            last_activity: self.clock.now(),
            warnings,
        };
        let info = open.info();
        if let Some(old) = self.open.lock().await.replace(open) {
            old.vault.lock().await;
        }
        Ok(info)
    }

    /// Unlocks the vault in `dir` for `login`.
    pub async fn unlock(&self, req: UnlockRequest) -> ApiResult<SessionInfo> {
        let dir = dir_of(&req.dir)?;
        let login = validate::line(&req.login, "login", MAX_LOGIN)?;
        if req.passphrase.expose_secret_str().is_empty() {
            return Err(ApiError::validation("passphrase", Reason::Required));
        }
        self.lock().await;
        let vault = Vault::open(&dir, LAYOUT)?;
        let warnings = self.before_unlock(&vault, &login)?;
        let vault = vault
            .unlock(&login, &req.passphrase.to_passphrase(), self.clock.now())
            .await?;
        self.enter(vault, warnings).await
    }

    /// Sets a new passphrase with the recovery key, and unlocks.
    pub async fn reset_passphrase(&self, req: RecoveryResetRequest) -> ApiResult<SessionInfo> {
        let dir = dir_of(&req.dir)?;
        let login = validate::line(&req.login, "login", MAX_LOGIN)?;
        let recovery = RecoveryKey::parse(req.recovery_key.expose_secret_str())?;
        new_passphrase(
            &req.new_passphrase,
            &req.new_passphrase_repeat,
            &[&login],
            "new_passphrase",
        )?;
        self.lock().await;
        let vault = Vault::open(&dir, LAYOUT)?;
        let warnings = self.before_unlock(&vault, &login)?;
        let vault = vault
            .reset_with_recovery(
                &login,
                &recovery,
                &req.new_passphrase.to_passphrase(),
                self.clock.now(),
            )
            .await?;
        {
            let mut conn = vault.pool(ORG)?.acquire().await?;
            audit::append(
                &mut conn,
                self.clock.now(),
                vault.user_id(),
                "passphrase.reset",
                Some(vault.user_id()),
            )
            .await?;
        }
        self.enter(vault, warnings).await
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
    async fn with_open<T>(&self, f: impl AsyncFnOnce(&mut Open) -> ApiResult<T>) -> ApiResult<T> {
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

    /// Records user activity (typing, clicking) that reaches no other call.
    pub async fn touch(&self) -> ApiResult<()> {
        self.with_open(async |_| Ok(())).await
    }

    pub async fn session_info(&self) -> ApiResult<SessionInfo> {
        self.with_open(async |o| Ok(o.info())).await
    }

    /// The active users, for anyone who holds the org compartment, each
    /// with the held compartments whose holders list does not know their
    /// key slot.
    pub async fn list_users(&self) -> ApiResult<Vec<UserInfo>> {
        self.with_open(async |o| {
            let checks = o.vault.slot_checks().await?;
            Ok(users::list(o.org()?)
                .await?
                .into_iter()
                .filter_map(|mut u| {
                    let check = checks.iter().find(|c| c.user_id == u.id)?;
                    u.not_holder_of = check.not_holder_of.clone();
                    Some(u)
                })
                .collect())
        })
        .await
    }

    /// Key slots in the keyring that the users directory does not list as
    /// active users: added to the file by hand, or a removed user's slot
    /// put back. They open nothing; the user list shows them flagged.
    pub async fn unknown_key_slots(&self) -> ApiResult<Vec<UnknownSlot>> {
        self.with_open(async |o| {
            let org = o.org()?;
            let mut out = vec![];
            for check in o.vault.slot_checks().await? {
                if users::by_id(org, &check.user_id).await?.is_none() {
                    out.push(UnknownSlot {
                        removed: users::is_removed(org, &check.user_id).await?,
                        user_id: check.user_id,
                        claims: check.claims,
                    });
                }
            }
            Ok(out)
        })
        .await
    }

    /// Adds a colleague. Only roles whose compartments the acting user
    /// holds can be given.
    pub async fn add_user(&self, req: AddUserRequest) -> ApiResult<AddedUser> {
        let display_name = validate::line(&req.display_name, "display_name", MAX_NAME)?;
        let login = validate::line(&req.login, "login", MAX_LOGIN)?;
        let roles = clean_roles(&req.roles)?;
        let combined = check_combination(&roles, req.confirm_combined_roles)?;
        new_passphrase(
            &req.passphrase,
            &req.passphrase_repeat,
            &[&display_name, &login],
            "passphrase",
        )?;
        let now = self.clock.now();
        self.with_open(async |o| {
            let compartments = roles::compartments_for(&roles);
            if let Some(c) = compartments.iter().find(|c| !o.vault.holds(c)) {
                return Err(ApiError {
                    field: Some("roles".into()),
                    reason: Some(Reason::NotHeld),
                    ..ApiError::forbidden(format!("you do not hold the {c} compartment"))
                });
            }
            let user = UserInfo {
                id: uuid::Uuid::new_v4().to_string(),
                login: login.clone(),
                display_name,
                roles,
                created_at: now,
                not_holder_of: vec![],
            };
            let org = o.org()?.clone();
            let taken: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM users WHERE login = ?1 AND removed_at IS NULL",
            )
            .bind(&user.login)
            .fetch_one(&org)
            .await?;
            if taken > 0 {
                return Err(ApiError {
                    code: ErrorCode::Conflict,
                    ..ApiError::validation("login", Reason::Taken)
                });
            }
            let passphrase = req.passphrase.to_passphrase();
            let recovery = o
                .vault
                .add_user(
                    NewUser {
                        user_id: user.id.clone(),
                        login: &user.login,
                        passphrase: &passphrase,
                        compartments,
                    },
                    now,
                )
                .await?;
            let public_key = o.vault.keyring().slot(&user.id)?.public_key.clone();
            let listed = async {
                let mut tx = org.begin().await?;
                users::insert(&mut tx, &user, &public_key).await?;
                audit::append(&mut tx, now, &o.user.id, "user.added", Some(&user.id)).await?;
                if combined {
                    audit::append(
                        &mut tx,
                        now,
                        &o.user.id,
                        "user.roles_combined",
                        Some(&user.id),
                    )
                    .await?;
                }
                tx.commit().await?;
                Ok::<_, ApiError>(())
            }
            .await;
            if let Err(e) = listed {
                // The keys were given: take them back the only safe way.
                let _ = o.vault.remove_user(&user.id, now).await;
                return Err(e);
            }
            Ok(AddedUser {
                user,
                recovery: shown(&recovery),
            })
        })
        .await
    }

    /// Changes the acting user's passphrase. Only the keyring changes; the
    /// audit row is committed once the new keyring is in place.
    pub async fn change_passphrase(&self, req: ChangePassphraseRequest) -> ApiResult<()> {
        let now = self.clock.now();
        self.with_open(async |o| {
            new_passphrase(
                &req.new_passphrase,
                &req.new_passphrase_repeat,
                &[&o.user.display_name, &o.user.login, &o.organisation],
                "new_passphrase",
            )?;
            let org = o.org()?.clone();
            audited(&org, now, &o.user.id.clone(), async |_| {
                o.vault
                    .change_passphrase(
                        &req.current.to_passphrase(),
                        &req.new_passphrase.to_passphrase(),
                    )
                    .map_err(|e| match e {
                        vault::VaultError::WrongPassphrase => ApiError {
                            code: ErrorCode::WrongPassphrase,
                            ..ApiError::validation("current", Reason::Wrong)
                        },
                        other => other.into(),
                    })?;
                Ok(((), audit::Entry::new("passphrase.changed", None)))
            })
            .await
        })
        .await
    }

    /// Removes a user — or a key slot the directory does not know — and
    /// rotates every compartment key they held.
    pub async fn remove_user(&self, req: RemoveUserRequest) -> ApiResult<RemovedUser> {
        let reason = validate::line(&req.reason, "reason", MAX_REASON)?;
        let now = self.clock.now();
        self.with_open(async |o| {
            if req.user_id == o.user.id {
                return Err(ApiError::validation("user_id", Reason::OwnUser));
            }
            let listed = users::by_id(o.org()?, &req.user_id).await?.is_some();
            let rotated = o
                .vault
                .remove_user(&req.user_id, now)
                .await
                .map_err(|e| match e {
                    vault::VaultError::UnknownUser => {
                        ApiError::new(ErrorCode::NotFound, "no such user")
                    }
                    other => other.into(),
                })?;
            audited(o.org()?, now, &o.user.id, async |tx| {
                let action = if listed {
                    users::mark_removed(tx, &req.user_id, now, &reason).await?;
                    "user.removed"
                } else {
                    "slot.removed"
                };
                Ok(((), audit::Entry::new(action, Some(&req.user_id))))
            })
            .await?;
            // A removal undone by putting an older folder back must be noticed.
            self.remember(&o.vault, false).await;
            Ok(RemovedUser { rotated })
        })
        .await
    }

    /// The audit trail of a compartment this user holds, newest first.
    pub async fn audit_trail(&self, req: AuditRequest) -> ApiResult<Vec<AuditRow>> {
        self.with_open(async |o| {
            let pool = o.vault.pool(&req.compartment)?;
            let limit = i64::from(req.limit.unwrap_or(200).clamp(1, 1000));
            let entries = audit::list(pool, limit, req.before).await?;
            let names = users::names(o.org()?).await?;
            let name_of = |id: &str| names.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone());
            Ok(entries
                .into_iter()
                .map(|e| AuditRow {
                    actor_name: name_of(&e.actor),
                    object_name: e.object.as_deref().and_then(name_of),
                    seq: e.seq,
                    at: e.at,
                    actor_id: e.actor,
                    action: e.action,
                    object: e.object,
                })
                .collect())
        })
        .await
    }

    /// The settings, with the idle lock that applies to this session.
    pub async fn settings(&self) -> ApiResult<Settings> {
        self.with_open(async |o| {
            let mut s = settings::load(o.org()?).await?;
            s.idle_lock_seconds = o.idle_lock_seconds;
            Ok(s)
        })
        .await
    }

    /// Changes settings; each change is audited (which setting, not its value).
    pub async fn update_settings(&self, req: SettingsUpdate) -> ApiResult<Settings> {
        let organisation = req
            .organisation
            .as_deref()
            .map(|v| validate::line(v, "organisation", MAX_ORGANISATION))
            .transpose()?;
        if let Some(s) = req.idle_lock_seconds {
            if !(settings::MIN_IDLE_LOCK_SECONDS..=settings::MAX_IDLE_LOCK_SECONDS).contains(&s) {
                return Err(ApiError::validation(
                    "idle_lock_seconds",
                    Reason::OutOfRange,
                ));
            }
        }
        let now = self.clock.now();
        self.with_open(async |o| {
            let hr_or_advisor = o.has_role(Role::Hr) || o.has_role(Role::Advisor);
            if organisation.is_some() && !hr_or_advisor {
                // Managers use the organisation's data; they do not rename it.
                return Err(ApiError::forbidden(
                    "only HR or the advisor can rename the organisation",
                ));
            }
            if req.idle_lock_seconds.is_some() && !hr_or_advisor {
                return Err(ApiError::forbidden(
                    "only HR or the advisor can change when the vault locks",
                ));
            }
            let mut tx = o.org()?.begin().await?;
            if let Some(name) = &organisation {
                settings::change(&mut tx, now, &o.user.id, settings::ORGANISATION, name).await?;
            }
            if let Some(s) = req.idle_lock_seconds {
                settings::change(
                    &mut tx,
                    now,
                    &o.user.id,
                    settings::IDLE_LOCK_SECONDS,
                    &s.to_string(),
                )
                .await?;
            }
            tx.commit().await?;
            if let (Some(secs), Ok(pool)) = (req.idle_lock_seconds, o.advisor()) {
                // The advisor's own idle lock, which nobody else can write.
                let mut tx = pool.begin().await?;
                crate::advisor::store::set_setting(
                    &mut tx,
                    settings::IDLE_LOCK_SECONDS,
                    &secs.to_string(),
                )
                .await?;
                audit::append(
                    &mut tx,
                    now,
                    &o.user.id,
                    "settings.changed",
                    Some(settings::IDLE_LOCK_SECONDS),
                )
                .await?;
                tx.commit().await?;
            }
            let mut s = settings::load(o.org()?).await?;
            s.idle_lock_seconds =
                effective_idle_lock(&o.vault, &o.user, s.idle_lock_seconds).await?;
            o.organisation = s.organisation.clone();
            o.idle_lock_seconds = s.idle_lock_seconds;
            Ok(s)
        })
        .await
    }

    /// Writes a backup of the whole vault to `path`.
    pub async fn backup(&self, req: PathRequest) -> ApiResult<BackupResult> {
        let now = self.clock.now();
        self.with_open(async |o| {
            let out = o.export_target(&req.path)?.path();
            {
                let mut conn = o.org()?.acquire().await?;
                audit::append(&mut conn, now, &o.user.id, "backup.made", None).await?;
            }
            let info = o.vault.backup(&out, now).await?;
            let bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            Ok(BackupResult {
                path: out.to_string_lossy().into_owned(),
                bytes,
                files: info.files.len() as u32,
                created_at: info.created_at,
            })
        })
        .await
    }

    /// Writes the recovery sheet PDF for the acting user, after checking
    /// that the key opens their recovery slot. The file holds the key
    /// unencrypted: it is meant to be printed and deleted.
    pub async fn write_recovery_sheet(&self, req: RecoverySheetRequest) -> ApiResult<WrittenFile> {
        if req.path.trim().is_empty() {
            return Err(ApiError::validation("path", Reason::Required));
        }
        let recovery = RecoveryKey::parse(req.recovery_key.expose_secret_str())?;
        let now = self.clock.now();
        self.with_open(async |o| {
            o.export_target(&req.path)?;
            o.vault.check_recovery_key(&recovery).map_err(|e| match e {
                vault::VaultError::WrongPassphrase => {
                    ApiError::validation("recovery_key", Reason::Wrong)
                }
                other => other.into(),
            })?;
            let grouped = recovery.expose_grouped();
            let doc = crate::recovery_sheet::sheet(&crate::recovery_sheet::SheetFacts {
                organisation: &o.organisation,
                user_name: &o.user.display_name,
                login: &o.user.login,
                vault_id: o.vault.vault_id(),
                vault_created: o.vault.keyring().created_at,
                recovery_key: &grouped,
                printed: now,
                language: req.language,
            });
            let pdf = vertrouwd_pdf::render(&doc);
            let written = o.write_outside_vault(&req.path, &pdf.bytes)?;
            let mut conn = o.org()?.acquire().await?;
            audit::append(&mut conn, now, &o.user.id, "recovery_sheet.written", None).await?;
            Ok(written.with_warnings(&pdf.warnings))
        })
        .await
    }

    /// Checks every compartment this user holds.
    pub async fn verify(&self) -> ApiResult<VerifyReport> {
        self.with_open(async |o| Ok(report(o.vault.verify().await?)))
            .await
    }

    /// Checks a backup file; when a vault is open, also that the backup is
    /// of that vault.
    pub async fn verify_backup(&self, req: PathRequest) -> ApiResult<BackupSummary> {
        let path = PathBuf::from(req.path.trim());
        let info = vault::verify_backup(&path, LAYOUT)?;
        if let Some(open) = self.open.lock().await.as_ref() {
            if open.vault.vault_id() != info.vault_id {
                return Err(vault::VaultError::OtherVault.into());
            }
        }
        Ok(summary(&path, &info))
    }

    /// Restores a backup into a new folder, unlocks it there with the given
    /// credentials and verifies it. A restore that does not verify is
    /// removed again. The current session is not changed.
    pub async fn restore(&self, req: RestoreRequest) -> ApiResult<RestoreResult> {
        let from = PathBuf::from(req.from.trim());
        let dir = dir_of(&req.dir)?;
        let login = validate::line(&req.login, "login", MAX_LOGIN)?;
        let info = vault::restore(&from, &dir, LAYOUT)?;
        let checked = restore_check(&dir, &login, &req.passphrase).await;
        match checked {
            Ok(report) if report.ok => Ok(RestoreResult {
                dir: dir.to_string_lossy().into_owned(),
                vault_id: info.vault_id,
                report,
            }),
            Ok(_) => {
                let _ = std::fs::remove_dir_all(&dir);
                Err(ApiError::new(
                    ErrorCode::Corrupt,
                    "the restored vault did not pass verification",
                ))
            }
            Err(e) => {
                let _ = std::fs::remove_dir_all(&dir);
                Err(e)
            }
        }
    }
}

async fn restore_check(
    dir: &Path,
    login: &str,
    passphrase: &SecretText,
) -> ApiResult<VerifyReport> {
    let vault = Vault::open(dir, LAYOUT)?
        .unlock(login, &passphrase.to_passphrase(), chrono::Utc::now())
        .await?;
    let checks = vault.verify().await;
    vault.lock().await;
    Ok(report(checks?))
}

/// After the first unlock of a vault from keyring format 1, a compartment's
/// holders list holds only the user who opened it. The other holders are
/// the key slots claiming it whose user id and public key the users
/// directory (inside the vault, in org.db) records, with a role that holds
/// the compartment.
async fn confirm_first_holders(
    vault: &mut Unlocked,
    org: &sqlx::SqlitePool,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    for compartment in vault.started_holders().to_vec() {
        let mut holders = vec![];
        for slot in &vault.keyring().users {
            if slot.user_id == vault.user_id() || !slot.claims().contains(&compartment) {
                continue;
            }
            if let Some((public_key, stored_roles)) = users::public_key(org, &slot.user_id).await? {
                let holds =
                    roles::compartments_for(&roles::split(&stored_roles)).contains(&compartment);
                if holds && public_key == slot.public_key {
                    holders.push(vault::Holder {
                        user_id: slot.user_id.clone(),
                        public_key,
                    });
                }
            }
        }
        vault
            .confirm_first_holders(&compartment, &holders, now)
            .await?;
    }
    Ok(())
}

fn session_warning(f: &vault::Finding) -> SessionWarning {
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
    }
}

/// The idle lock of a session: the vault's (clamped), and for an advisor
/// never longer than the advisor's own, kept in advisor.db (default five
/// minutes).
async fn effective_idle_lock(vault: &Unlocked, user: &UserInfo, vault_wide: u32) -> ApiResult<u32> {
    if !user.roles.contains(&Role::Advisor) {
        return Ok(vault_wide);
    }
    let Ok(pool) = vault.pool(crate::compartments::ADVISOR) else {
        return Ok(vault_wide);
    };
    let own = crate::advisor::store::setting(pool, settings::IDLE_LOCK_SECONDS).await?;
    Ok(vault_wide.min(settings::idle_lock(own.as_deref())))
}

fn hex_of(bytes: Vec<u8>) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn shown(recovery: &RecoveryKey) -> RecoveryKeyShown {
    RecoveryKeyShown {
        recovery_key: recovery.expose_grouped().to_string(),
    }
}

fn summary(path: &Path, info: &vault::BackupInfo) -> BackupSummary {
    BackupSummary {
        vault_id: info.vault_id.clone(),
        created_at: info.created_at,
        files: info.files.iter().map(|f| f.name.clone()).collect(),
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    }
}

/// For a type that is a closed list of codes (`type Channel = "phone" |
/// "email";`), the list itself as a constant (`channelValues`), in the
/// order Rust declares it, so the UI's selects and label checks never
/// repeat it by hand.
fn value_list(decl: &str) -> Option<String> {
    let rest = decl.strip_prefix("type ")?;
    let (name, union) = rest.split_once(" = ")?;
    let union = union.trim().strip_suffix(';')?;
    let values: Vec<&str> = union
        .split(" | ")
        .map(|v| v.strip_prefix('"')?.strip_suffix('"'))
        .collect::<Option<_>>()?;
    if values.iter().any(|v| v.contains(['"', '\\'])) {
        return None;
    }
    let mut constant = name.to_string();
    constant[..1].make_ascii_lowercase();
    Some(format!(
        "export const {constant}Values: readonly {name}[] = [{}];",
        values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The TypeScript declarations of every api type, as committed in
/// `ui/src/lib/api/types.ts`.
pub fn typescript_bindings() -> String {
    use ts_rs::TS;
    // Our 64-bit values (byte counts, sequence numbers) fit a JS number.
    let cfg = ts_rs::Config::new().with_large_int("number");
    let cfg = &cfg;
    let decls = [
        SecretText::decl(cfg),
        ErrorCode::decl(cfg),
        ApiError::decl(cfg),
        Role::decl(cfg),
        UserInfo::decl(cfg),
        Settings::decl(cfg),
        Strength::decl(cfg),
        strength::StrengthHint::decl(cfg),
        VaultStatus::decl(cfg),
        CreateVaultRequest::decl(cfg),
        RecoveryKeyShown::decl(cfg),
        CreatedVault::decl(cfg),
        UnlockRequest::decl(cfg),
        RecoveryResetRequest::decl(cfg),
        SessionInfo::decl(cfg),
        SessionWarning::decl(cfg),
        UnknownSlot::decl(cfg),
        AddUserRequest::decl(cfg),
        AddedUser::decl(cfg),
        ChangePassphraseRequest::decl(cfg),
        RemoveUserRequest::decl(cfg),
        RemovedUser::decl(cfg),
        AuditRequest::decl(cfg),
        AuditRow::decl(cfg),
        SettingsUpdate::decl(cfg),
        PathRequest::decl(cfg),
        BackupResult::decl(cfg),
        BackupSummary::decl(cfg),
        RestoreRequest::decl(cfg),
        CompartmentReport::decl(cfg),
        VerifyReport::decl(cfg),
        RestoreResult::decl(cfg),
        StrengthRequest::decl(cfg),
        crate::preferences::Language::decl(cfg),
        RecoverySheetRequest::decl(cfg),
        WrittenFile::decl(cfg),
        crate::preferences::Preferences::decl(cfg),
        crate::advisor::Channel::decl(cfg),
        crate::advisor::ReporterRole::decl(cfg),
        crate::advisor::Relation::decl(cfg),
        crate::advisor::Ground::decl(cfg),
        crate::advisor::Gender::decl(cfg),
        crate::advisor::InterventionKind::decl(cfg),
        crate::advisor::Referral::decl(cfg),
        crate::advisor::Outcome::decl(cfg),
        crate::advisor::EarlyDestruction::decl(cfg),
        crate::advisor::Nature::decl(cfg),
        crate::advisor::NatureChoice::decl(cfg),
        crate::advisor::Reporter::decl(cfg),
        crate::advisor::Person::decl(cfg),
        crate::advisor::CaseInput::decl(cfg),
        crate::advisor::CaseSummary::decl(cfg),
        crate::advisor::Conversation::decl(cfg),
        crate::advisor::ConversationInput::decl(cfg),
        crate::advisor::Intervention::decl(cfg),
        crate::advisor::InterventionInput::decl(cfg),
        crate::advisor::FollowUp::decl(cfg),
        crate::advisor::CaseDetail::decl(cfg),
        crate::advisor::CaseFilter::decl(cfg),
        crate::advisor::CaseStatus::decl(cfg),
        crate::advisor::disclosure::Hidden::decl(cfg),
        crate::advisor::stats::Cell::decl(cfg),
        crate::advisor::stats::Withheld::decl(cfg),
        crate::advisor::stats::Breakdown::decl(cfg),
        crate::advisor::stats::Hours::decl(cfg),
        crate::advisor::stats::AppendixLine::decl(cfg),
        crate::advisor::stats::AppendixReason::decl(cfg),
        crate::advisor::stats::Release::decl(cfg),
        crate::advisor::stats::Flag::decl(cfg),
        crate::advisor::stats::Preview::decl(cfg),
        CaseRef::decl(cfg),
        CloseCaseRequest::decl(cfg),
        AddConversationRequest::decl(cfg),
        AddInterventionRequest::decl(cfg),
        AddFollowUpRequest::decl(cfg),
        StatisticsRequest::decl(cfg),
        ReleaseRequest::decl(cfg),
        Released::decl(cfg),
        RegisterSettings::decl(cfg),
        DestructionItem::decl(cfg),
        CaseFileRequest::decl(cfg),
        DemoRequest::decl(cfg),
        crate::advisor::ConsentKind::decl(cfg),
        crate::advisor::Consent::decl(cfg),
        crate::advisor::ConsentInput::decl(cfg),
        AddConsentRequest::decl(cfg),
        NatureChange::decl(cfg),
        FollowUpDoneRequest::decl(cfg),
        UpdateCaseRequest::decl(cfg),
        AddTimeRequest::decl(cfg),
        crate::advisor::Attachment::decl(cfg),
        crate::attachments::AttachmentPreview::decl(cfg),
        crate::attachments::Unavailable::decl(cfg),
        crate::attachments::MailMessage::decl(cfg),
        AddAttachmentRequest::decl(cfg),
        ExportAttachmentRequest::decl(cfg),
        crate::csv_import::RowProblem::decl(cfg),
        crate::error::Reason::decl(cfg),
        ImportRequest::decl(cfg),
        ImportReport::decl(cfg),
        DestroyRequest::decl(cfg),
        PurgeRequest::decl(cfg),
    ];
    let mut out = String::from(
        "// Generated from vertrouwd-core's api types. Do not edit by hand:\n\
         // run `make bindings` after changing a type in Rust.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
        if let Some(values) = value_list(&d) {
            out.push_str(&values);
            out.push_str("\n\n");
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
