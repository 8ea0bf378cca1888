//! The commands of the vault itself: creating and checking it, users,
//! the recovery key, backups, the audit trail, settings and the PDF
//! specimen.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use vertrouwd_core::api::*;

use crate::ctx::*;

#[derive(Subcommand, Debug, Clone)]
pub enum SessionCommand {
    /// Create a new vault with yourself as its first user
    Init(InitArgs),
    /// Show whether the folder holds a vault
    Status,
    /// Manage users
    #[command(subcommand)]
    User(UserCommand),
    /// Use your recovery key
    #[command(subcommand)]
    Recovery(RecoveryCommand),
    /// Write an encrypted backup of the whole vault
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into a new folder (given with --vault) and verify it
    Restore {
        #[arg(long)]
        from: PathBuf,
    },
    /// Check the databases and audit trails you hold, or a backup file
    Verify {
        /// Check this backup file instead of the vault
        #[arg(long)]
        backup: Option<PathBuf>,
    },
    /// Show the audit trail of a compartment (org, hr or advisor)
    Audit {
        #[arg(long, default_value = "org")]
        compartment: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Show or change settings
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// PDF output
    #[command(subcommand)]
    Pdf(PdfCommand),
}

#[derive(Args, Debug, Clone)]
pub struct InitArgs {
    /// The organisation's name
    #[arg(long)]
    org: String,
    /// Your name as colleagues know it
    #[arg(long = "user")]
    display_name: String,
    /// Your login name [default: --as, else your name]
    #[arg(long)]
    login: Option<String>,
    /// Your roles, comma-separated: advisor, hr, manager
    #[arg(long, value_delimiter = ',', required = true)]
    roles: Vec<String>,
    /// Also write your recovery sheet as a PDF to this file (print it, then
    /// delete the file: it holds the key unencrypted)
    #[arg(long)]
    recovery_sheet: Option<PathBuf>,
    /// Language of the recovery sheet: nl or en
    #[arg(long, default_value = "nl")]
    lang: String,
    /// Confirm combining the advisor role with hr or manager: the
    /// confidential advisor should be independent of HR and management
    #[arg(long)]
    confirm_combined_roles: bool,
    /// Use the minimum key-derivation cost instead of tuning it to this
    /// machine (for tests and slow machines; never weaker than the minimum)
    #[arg(long)]
    pub kdf_floor: bool,
}

#[derive(Subcommand, Debug, Clone)]
pub enum UserCommand {
    /// Add a colleague (they get their own passphrase and recovery key)
    Add {
        #[arg(long = "name")]
        display_name: String,
        #[arg(long)]
        login: String,
        #[arg(long, value_delimiter = ',', required = true)]
        roles: Vec<String>,
        /// Confirm combining the advisor role with hr or manager
        #[arg(long)]
        confirm_combined_roles: bool,
    },
    /// Change your passphrase
    Passwd,
    /// Remove a user (by login name), or a key slot the user list flags as
    /// unknown (by its id); rotates every key they held
    Remove {
        login: String,
        #[arg(long)]
        reason: String,
    },
    /// List the users
    List,
}

#[derive(Subcommand, Debug, Clone)]
pub enum RecoveryCommand {
    /// Set a new passphrase with your recovery key
    Reset {
        /// Read the recovery key from this file [else VERTROUWD_RECOVERY_KEY, else asked]
        #[arg(long)]
        recovery_key_file: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum PdfCommand {
    /// Write a specimen of every kind of block, to look at the PDF engine
    Sample {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum SettingsCommand {
    Show,
    Set {
        #[arg(long)]
        organisation: Option<String>,
        /// Lock after this many idle seconds (3 to 28800)
        #[arg(long)]
        idle_lock_seconds: Option<u32>,
    },
}

pub async fn run(ctx: &Ctx, cmd: &SessionCommand) -> ApiResult<Output> {
    let s = &ctx.session;
    match cmd {
        SessionCommand::Init(a) => {
            let login = a
                .login
                .clone()
                .or_else(|| ctx.cli.user.clone())
                .unwrap_or_else(|| a.display_name.clone());
            let (p, r) = ctx.new_passphrase()?;
            let created = s
                .create_vault(CreateVaultRequest {
                    dir: ctx.dir(),
                    organisation: a.org.clone(),
                    display_name: a.display_name.clone(),
                    login,
                    roles: roles(&a.roles)?,
                    passphrase: p,
                    passphrase_repeat: r,
                    confirm_combined_roles: a.confirm_combined_roles,
                })
                .await?;
            let sheet = match &a.recovery_sheet {
                Some(path) => {
                    let language = language(&a.lang)?;
                    let w = s
                        .write_recovery_sheet(RecoverySheetRequest {
                            path: path.to_string_lossy().into(),
                            recovery_key: SecretText::new(created.recovery.recovery_key.clone()),
                            language,
                        })
                        .await?;
                    format!(
                        "\n\nHerstelblad / recovery sheet: {}\nPrint het en verwijder het bestand daarna. / Print it, then delete the file.",
                        w.path
                    )
                }
                None => String::new(),
            };
            let text = format!(
                "Kluis aangemaakt in {} / vault created.\n\nUw herstelsleutel / your recovery key:\n\n    {}\n\n\
                 Bewaar deze op papier op een veilige plek. Hij wordt niet opnieuw getoond.\n\
                 Keep it on paper in a safe place. It is not shown again.{}",
                created.session.dir, created.recovery.recovery_key, sheet
            );
            out(&created, text)
        }
        SessionCommand::Status => {
            let st = s.vault_status(ctx.dir()).await?;
            let text = if st.exists {
                format!("{}: kluis / vault", st.dir)
            } else {
                format!("{}: geen kluis / no vault", st.dir)
            };
            out(&st, text)
        }
        SessionCommand::User(cmd) => {
            ctx.unlock().await?;
            match cmd {
                UserCommand::Add {
                    display_name,
                    login,
                    roles: r,
                    confirm_combined_roles,
                } => {
                    let (p, rep) = ctx.new_passphrase()?;
                    let added = s
                        .add_user(AddUserRequest {
                            display_name: display_name.clone(),
                            login: login.clone(),
                            roles: roles(r)?,
                            passphrase: p,
                            passphrase_repeat: rep,
                            confirm_combined_roles: *confirm_combined_roles,
                        })
                        .await?;
                    let text = format!(
                        "Gebruiker {} toegevoegd / user added.\nHerstelsleutel / recovery key (geef deze alleen aan {}):\n\n    {}",
                        added.user.login, added.user.display_name, added.recovery.recovery_key
                    );
                    out(&added, text)
                }
                UserCommand::Passwd => {
                    let (p, rep) = ctx.new_passphrase()?;
                    s.change_passphrase(ChangePassphraseRequest {
                        current: ctx.passphrase()?,
                        new_passphrase: p,
                        new_passphrase_repeat: rep,
                    })
                    .await?;
                    out(
                        &serde_json::json!({"changed": true}),
                        "Wachtwoordzin gewijzigd / passphrase changed".into(),
                    )
                }
                UserCommand::Remove { login, reason } => {
                    let users = s.list_users().await?;
                    let wanted = login.trim().to_lowercase();
                    let (user_id, name) =
                        match users.iter().find(|u| u.login.to_lowercase() == wanted) {
                            Some(u) => (u.id.clone(), u.login.clone()),
                            None => {
                                let slot = s
                                    .unknown_key_slots()
                                    .await?
                                    .into_iter()
                                    .find(|k| k.user_id == login.trim())
                                    .ok_or_else(|| {
                                        ApiError::new(ErrorCode::NotFound, "no such user")
                                    })?;
                                (slot.user_id.clone(), slot.user_id)
                            }
                        };
                    let removed = s
                        .remove_user(RemoveUserRequest {
                            user_id,
                            reason: reason.clone(),
                        })
                        .await?;
                    let text = format!(
                        "Gebruiker {name} verwijderd; sleutels vernieuwd van / user removed; keys rotated for: {}",
                        removed.rotated.join(", ")
                    );
                    out(&removed, text)
                }
                UserCommand::List => {
                    let users = s.list_users().await?;
                    let unknown = s.unknown_key_slots().await?;
                    let mut lines: Vec<String> = users
                        .iter()
                        .map(|u| {
                            let r: Vec<&str> = u.roles.iter().map(|r| r.as_str()).collect();
                            let flag = if u.not_holder_of.is_empty() {
                                String::new()
                            } else {
                                format!(
                                    "\t! geen houder van / not a holder of: {}",
                                    u.not_holder_of.join(", ")
                                )
                            };
                            format!("{}\t{}\t{}{flag}", u.login, u.display_name, r.join(","))
                        })
                        .collect();
                    for k in &unknown {
                        lines.push(format!(
                            "! {}\tonbekende sleutelhouder{} / unknown key slot{}: {}",
                            k.user_id,
                            if k.removed { " (verwijderd)" } else { "" },
                            if k.removed { " (removed)" } else { "" },
                            k.claims.join(", ")
                        ));
                    }
                    out(
                        &serde_json::json!({"users": users, "unknown_key_slots": unknown}),
                        lines.join("\n"),
                    )
                }
            }
        }
        SessionCommand::Recovery(RecoveryCommand::Reset { recovery_key_file }) => {
            let key = match recovery_key_file {
                Some(f) => read_secret_file(f)?,
                None => match from_env("VERTROUWD_RECOVERY_KEY") {
                    Some(k) => k,
                    None => prompt("Herstelsleutel / recovery key: ")?,
                },
            };
            let (p, r) = ctx.new_passphrase()?;
            let info = s
                .reset_passphrase(RecoveryResetRequest {
                    dir: ctx.dir(),
                    login: ctx.login()?,
                    recovery_key: key,
                    new_passphrase: p,
                    new_passphrase_repeat: r,
                })
                .await?;
            out(
                &info,
                "Nieuwe wachtwoordzin ingesteld / new passphrase set".into(),
            )
        }
        SessionCommand::Backup { out: file } => {
            ctx.unlock().await?;
            let r = s
                .backup(PathRequest {
                    path: file.to_string_lossy().into(),
                })
                .await?;
            let text = format!(
                "Back-up geschreven naar / backup written to {} ({} bytes, {} files).\n\
                 De databases erin blijven versleuteld; bewaar het bestand toch zorgvuldig.",
                r.path, r.bytes, r.files
            );
            out(&r, text)
        }
        SessionCommand::Restore { from } => {
            let r = s
                .restore(RestoreRequest {
                    from: from.to_string_lossy().into(),
                    dir: ctx.dir(),
                    login: ctx.login()?,
                    passphrase: ctx.passphrase()?,
                })
                .await?;
            out(
                &r,
                format!(
                    "Hersteld in / restored to {} en gecontroleerd / and verified",
                    r.dir
                ),
            )
        }
        SessionCommand::Verify { backup: Some(file) } => {
            let r = s
                .verify_backup(PathRequest {
                    path: file.to_string_lossy().into(),
                })
                .await?;
            out(
                &r,
                format!(
                    "Back-up in orde / backup OK: vault {}, {}",
                    r.vault_id, r.created_at
                ),
            )
        }
        SessionCommand::Verify { backup: None } => {
            ctx.unlock().await?;
            let r = s.verify().await?;
            let text = r
                .compartments
                .iter()
                .map(|c| {
                    format!(
                        "{}: {}",
                        c.compartment,
                        if c.ok {
                            "in orde / ok"
                        } else {
                            "BESCHADIGD / DAMAGED"
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            if !r.ok {
                eprintln!("{text}");
                return Err(ApiError::new(
                    ErrorCode::Corrupt,
                    "verification found problems",
                ));
            }
            out(&r, text)
        }
        SessionCommand::Audit { compartment, limit } => {
            ctx.unlock().await?;
            let rows = s
                .audit_trail(AuditRequest {
                    compartment: compartment.clone(),
                    limit: Some(*limit),
                    before: None,
                })
                .await?;
            let text = rows
                .iter()
                .map(|r| {
                    format!(
                        "{}\t{}\t{}\t{}\t{}",
                        r.seq,
                        r.at.to_rfc3339(),
                        r.actor_name.as_deref().unwrap_or(&r.actor_id),
                        r.action,
                        r.object.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out(&rows, text)
        }
        SessionCommand::Settings(cmd) => {
            ctx.unlock().await?;
            let st = match cmd {
                SettingsCommand::Show => s.settings().await?,
                SettingsCommand::Set {
                    organisation,
                    idle_lock_seconds,
                } => {
                    s.update_settings(SettingsUpdate {
                        organisation: organisation.clone(),
                        idle_lock_seconds: *idle_lock_seconds,
                    })
                    .await?
                }
            };
            let text = format!(
                "organisatie / organisation: {}\nvergrendelen na / lock after: {} s",
                st.organisation, st.idle_lock_seconds
            );
            out(&st, text)
        }
        SessionCommand::Pdf(PdfCommand::Sample { out: file }) => {
            let created = chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default();
            let r = vertrouwd_pdf::render(&vertrouwd_pdf::specimen::specimen(created));
            std::fs::write(file, &r.bytes).map_err(ApiError::from)?;
            let result =
                serde_json::json!({"path": file, "pages": r.pages, "bytes": r.bytes.len()});
            out(
                &result,
                format!("{} ({} pagina's / pages)", file.display(), r.pages),
            )
        }
    }
}
