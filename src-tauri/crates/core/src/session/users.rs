//! The vault's users: the list, adding one (roles and keys), a new
//! passphrase, removing one, and the audit trail.

use vertrouwd_vault::{self as vault, audit, NewUser};

use super::lifecycle::shown;
use super::*;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::roles::{self, Role};
use crate::users::{self, UserInfo};
use crate::validate;

/// A new user as checked alike for a vault's first user and every later one.
pub(super) struct NewUserInput {
    pub display_name: String,
    pub login: String,
    pub roles: Vec<Role>,
    /// The advisor role with another, confirmed (audited on its own).
    pub combined: bool,
}

/// Checks a new user's name, login, roles and passphrase (typed twice); the
/// passphrase may not lean on the name, the login or `organisation`.
pub(super) fn check_new_user(
    display_name: &str,
    login: &str,
    roles: &[Role],
    confirm_combined: bool,
    [passphrase, repeat]: [&SecretText; 2],
    organisation: Option<&str>,
) -> ApiResult<NewUserInput> {
    let display_name = validate::line(display_name, "display_name", MAX_NAME)?;
    let login = validate::line(login, "login", MAX_LOGIN)?;
    let roles = clean_roles(roles)?;
    let combined = check_combination(&roles, confirm_combined)?;
    let mut context = vec![display_name.as_str(), login.as_str()];
    context.extend(organisation);
    new_passphrase(passphrase, repeat, &context, "passphrase")?;
    Ok(NewUserInput {
        display_name,
        login,
        roles,
        combined,
    })
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

impl Session {
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
            None,
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
            let listed = audit::audited_all(&org, now, &o.user.id, async |tx| {
                users::insert(tx, &user, &public_key).await?;
                let mut rows = vec![audit::Entry::new("user.added", Some(&user.id))];
                if combined {
                    rows.push(audit::Entry::new("user.roles_combined", Some(&user.id)));
                }
                Ok::<_, ApiError>(((), rows))
            })
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
}
