//! The vault as a whole: creating it, unlocking it (with a passphrase or
//! the recovery key), the recovery sheet, backups, restore and the check
//! of every held database.

use std::path::{Path, PathBuf};

use vertrouwd_vault::{self as vault, audit, NewUser, RecoveryKey, Unlocked, Vault};

use super::users::{check_new_user, NewUserInput};
use super::*;
use crate::compartments::{LAYOUT, ORG};
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::roles::{self};
use crate::settings::{self};
use crate::users::{self, UserInfo};
use crate::validate;

fn dir_of(s: &str) -> ApiResult<PathBuf> {
    if s.trim().is_empty() {
        return Err(ApiError::validation("dir", Reason::Required));
    }
    Ok(PathBuf::from(s))
}

fn check_of(checks: Vec<vault::CompartmentCheck>) -> VaultCheck {
    let compartments: Vec<CompartmentCheck> = checks
        .into_iter()
        .map(|c| CompartmentCheck {
            ok: c.ok(),
            compartment: c.compartment,
            problems: c.problems,
            audit_entries: c.audit_entries,
        })
        .collect();
    VaultCheck {
        ok: compartments.iter().all(|c| c.ok),
        compartments,
    }
}

impl Session {
    /// Creates a vault with its first user and opens it. The answer holds
    /// that user's recovery key, to be shown once.
    pub async fn create_vault(&self, req: CreateVaultRequest) -> ApiResult<CreatedVault> {
        let dir = dir_of(&req.dir)?;
        let organisation = validate::line(&req.organisation, "organisation", MAX_ORGANISATION)?;
        let NewUserInput {
            display_name,
            login,
            roles,
            combined,
        } = check_new_user(
            &req.display_name,
            &req.login,
            &req.roles,
            req.confirm_combined_roles,
            [&req.passphrase, &req.passphrase_repeat],
            Some(&organisation),
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
            audit::audited_all(unlocked.pool(ORG)?, now, &user.id, async |tx| {
                users::insert(tx, &user, &public_key).await?;
                settings::set(tx, settings::ORGANISATION, &organisation).await?;
                let mut rows = vec![
                    audit::Entry::new("vault.created", None),
                    audit::Entry::new("user.added", Some(&user.id)),
                ];
                if combined {
                    rows.push(audit::Entry::new("user.roles_combined", Some(&user.id)));
                }
                Ok::<_, ApiError>(((), rows))
            })
            .await?;
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
            let cx = Context::new(&vault, &user, &s.organisation, self.clock.now());
            s.idle_lock_seconds = effective_idle_lock(&cx, s.idle_lock_seconds).await?;
            let names = users::names(&org).await?;
            Ok((user, s, names))
        }
        .await;
        let (user, s, names) = match entered {
            Ok(v) => v,
            Err(e) => {
                vault.lock().await;
                return Err(e);
            }
        };
        let name_of = |id: &str| -> String {
            if id == vault.user_id() {
                return "you".into();
            }
            names
                .iter()
                .find(|(i, _)| i == id)
                .map_or_else(|| id.to_string(), |(_, n)| n.clone())
        };
        warnings.extend(
            vault
                .findings()
                .iter()
                .map(|f| session_warning(f, &name_of)),
        );
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

    /// Writes a backup of the whole vault to `path`.
    pub async fn backup(&self, req: PathRequest) -> ApiResult<BackupResult> {
        let now = self.clock.now();
        self.with_open(async |o| {
            let out = o.context(now).export_target(&req.path)?.path();
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
            o.context(now).export_target(&req.path)?;
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
            let written = o.context(now).write_outside_vault(&req.path, &pdf.bytes)?;
            let mut conn = o.org()?.acquire().await?;
            audit::append(&mut conn, now, &o.user.id, "recovery_sheet.written", None).await?;
            Ok(written.with_warnings(&pdf.warnings))
        })
        .await
    }

    /// Checks every compartment this user holds.
    pub async fn verify(&self) -> ApiResult<VaultCheck> {
        self.with_open(async |o| Ok(check_of(o.vault.verify().await?)))
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
            Ok(check) if check.ok => Ok(RestoreResult {
                dir: dir.to_string_lossy().into_owned(),
                vault_id: info.vault_id,
                check,
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

async fn restore_check(dir: &Path, login: &str, passphrase: &SecretText) -> ApiResult<VaultCheck> {
    let vault = Vault::open(dir, LAYOUT)?
        .unlock(login, &passphrase.to_passphrase(), chrono::Utc::now())
        .await?;
    let checks = vault.verify().await;
    vault.lock().await;
    Ok(check_of(checks?))
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

pub(super) fn shown(recovery: &RecoveryKey) -> RecoveryKeyShown {
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
