//! `vertrouwd`: the command line of Vertrouwd.
//!
//! Every command calls `vertrouwd-core`'s api, exactly as the desktop app
//! does. Output is text for people or, with `--json`, JSON for scripts.

#![forbid(unsafe_code)]

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};
use serde::Serialize;
use vertrouwd_core::api::*;
use vertrouwd_core::preferences::Language;
use vertrouwd_core::roles::Role;
use vertrouwd_core::{default_vault_dir, Session, SystemClock};
use zeroize::Zeroize;

const EXIT_CODES: &str = "\
Exit codes:
  0   done
  1   internal error
  2   wrong use of the command (unknown option, missing argument)
  3   wrong passphrase or recovery key, or unknown user
  4   the vault is locked
  5   invalid input (see the message for the field)
  6   conflict: the folder already holds a vault, the login is taken, or the
      backup belongs to another vault
  7   a vault file or backup is damaged, was written by a newer version, or
      holds a key or database that none of its holders gave
  8   the disk is full, the folder is read-only, or another program is
      using the vault just now
  9   your role or keys do not allow this
  10  no vault in that folder, or no such user

Passphrases are read from --passphrase-file, from VERTROUWD_PASSPHRASE, or
asked for without echo. New passphrases (init, user add, user passwd,
recovery reset) likewise from --new-passphrase-file, VERTROUWD_NEW_PASSPHRASE,
or asked for twice.";

#[derive(Parser, Debug)]
#[command(name = "vertrouwd", version, about = "Vertrouwd: the encrypted register for confidential advisors, HR and managers", after_help = EXIT_CODES)]
struct Cli {
    /// The vault folder [default: the platform data folder]
    #[arg(long, global = true, env = "VERTROUWD_VAULT")]
    vault: Option<PathBuf>,
    /// Your login name
    #[arg(long = "as", global = true, env = "VERTROUWD_USER")]
    user: Option<String>,
    /// Read your passphrase from this file (first line)
    #[arg(long, global = true)]
    passphrase_file: Option<PathBuf>,
    /// Read a new passphrase from this file (first line)
    #[arg(long, global = true)]
    new_passphrase_file: Option<PathBuf>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
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
    /// The confidential advisor's register (advisor role)
    #[command(subcommand)]
    Case(CaseCommand),
    /// The advisor's yearly statistics (advisor role)
    #[command(subcommand)]
    Stats(StatsCommand),
    /// Reports as PDF
    #[command(subcommand)]
    Report(ReportCommand),
    /// Fill an empty advisor register with synthetic reports (to try the
    /// app, and for benchmarks); refused when the register holds anything
    Demo {
        #[arg(long, default_value_t = 200)]
        cases: u32,
        #[arg(long, default_value_t = 1000)]
        conversations: u32,
    },
    /// Run api requests given as JSON lines on standard input, answering
    /// each with a JSON line once it is done
    Batch,
}

#[derive(Args, Debug)]
struct InitArgs {
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
    kdf_floor: bool,
}

#[derive(Subcommand, Debug)]
enum UserCommand {
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

#[derive(Subcommand, Debug)]
enum RecoveryCommand {
    /// Set a new passphrase with your recovery key
    Reset {
        /// Read the recovery key from this file [else VERTROUWD_RECOVERY_KEY, else asked]
        #[arg(long)]
        recovery_key_file: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum PdfCommand {
    /// Write a specimen of every kind of block, to look at the PDF engine
    Sample {
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum CaseCommand {
    /// Record a report from JSON (a CaseInput; see ui/src/lib/api/types.ts)
    Add {
        /// The JSON file; standard input when absent or "-"
        #[arg(long)]
        input: Option<PathBuf>,
    },
    /// List reports, newest first
    List {
        /// Words to find in references, names and notes
        #[arg(long)]
        text: Option<String>,
        /// open or closed
        #[arg(long)]
        status: Option<String>,
        /// Reports first made in this year
        #[arg(long)]
        year: Option<i32>,
        /// A nature's id (see `case natures`)
        #[arg(long)]
        nature: Option<i64>,
        /// Only reports with a follow-up due
        #[arg(long)]
        due: bool,
    },
    /// Correct what the intake recorded, from JSON (a CaseInput)
    Update {
        case: String,
        #[arg(long)]
        input: Option<PathBuf>,
    },
    /// Show one report with its conversations
    Show {
        /// Reference (VP-2026-001) or id
        case: String,
    },
    /// Close a report with its outcome
    Close {
        case: String,
        /// The date of closing (2026-03-02 or 2-3-2026)
        #[arg(long)]
        on: String,
        /// resolved_informally, formal_complaint, referred, contact_lost,
        /// no_action_wanted or ongoing
        #[arg(long)]
        outcome: String,
    },
    /// The natures of report to choose from
    Natures,
    /// Import an existing register from CSV (columns: see the README);
    /// nothing is imported while any row is invalid, unless --skip-invalid
    Import {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Store a file with a report, encrypted (PDF, PNG, JPEG, GIF, .eml,
    /// .msg, .txt; at most 25 MB)
    Attach { case: String, file: PathBuf },
    /// Write an attachment to a file of your choice (not encrypted)
    ExportAttachment {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The destruction list: closed cases and the day each becomes due
    Due,
    /// Destroy one case (a reason is needed when it is open or not yet due).
    /// Backups made earlier still hold it until they are deleted.
    Destroy {
        case: String,
        /// The reference typed again, as confirmation
        #[arg(long)]
        confirm: String,
        /// Why it goes before it is due: reporter_request, recorded_in_error,
        /// no_longer_needed or legal_obligation
        #[arg(long)]
        reason: Option<String>,
    },
    /// Destroy every case past its due date and grace period
    Purge {
        /// Required: only expired cases are destroyed
        #[arg(long, required = true)]
        expired: bool,
        /// Confirm without being asked
        #[arg(long)]
        yes: bool,
    },
    /// Conversation notes
    #[command(subcommand)]
    Note(NoteCommand),
}

#[derive(Subcommand, Debug)]
enum NoteCommand {
    /// Add a conversation from JSON (a ConversationInput)
    Add {
        case: String,
        #[arg(long)]
        input: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum ReportCommand {
    /// The case file of one report (not encrypted: keep it safe, delete it
    /// when done)
    Case {
        /// Reference (VP-2026-001) or id
        case: String,
        #[arg(long)]
        out: PathBuf,
        /// nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
}

#[derive(Subcommand, Debug)]
enum StatsCommand {
    /// Show exactly what would be released for a year
    Preview {
        #[arg(long)]
        year: i32,
        /// Breakdowns to leave out, comma-separated (e.g. relation)
        #[arg(long, value_delimiter = ',')]
        leave_out: Vec<String>,
    },
    /// Release a year's statistics as a JSON file
    Release {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
        /// Also put them into org.db for HR in this vault
        #[arg(long)]
        publish: bool,
        #[arg(long, value_delimiter = ',')]
        leave_out: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
enum SettingsCommand {
    Show,
    Set {
        #[arg(long)]
        organisation: Option<String>,
        /// Lock after this many idle seconds (3 to 28800)
        #[arg(long)]
        idle_lock_seconds: Option<u32>,
    },
}

fn exit_code(code: ErrorCode) -> u8 {
    use ErrorCode as C;
    match code {
        C::Internal => 1,
        C::WrongPassphrase | C::UnknownUser => 3,
        C::Locked => 4,
        C::Validation => 5,
        C::Conflict | C::VaultExists | C::OtherVault => 6,
        C::Corrupt | C::TooNew | C::Untrusted => 7,
        C::DiskFull | C::ReadOnly | C::Busy => 8,
        C::Forbidden => 9,
        C::NotAVault | C::NotFound => 10,
    }
}

struct Ctx {
    cli: Cli,
    session: Session,
}

fn read_secret_file(path: &PathBuf) -> ApiResult<SecretText> {
    let mut text = std::fs::read_to_string(path)
        .map_err(|_| ApiError::validation("passphrase_file", Reason::Unreadable))?;
    let first = text.lines().next().unwrap_or("").to_string();
    text.zeroize();
    Ok(SecretText::new(first))
}

/// JSON from a file, or from standard input when no file (or "-") is given.
fn read_json<T: serde::de::DeserializeOwned>(input: &Option<PathBuf>) -> ApiResult<T> {
    let text = match input {
        Some(p) if p.as_os_str() != "-" => std::fs::read_to_string(p)
            .map_err(|_| ApiError::validation("input", Reason::Unreadable))?,
        _ => io::read_to_string(io::stdin())
            .map_err(|_| ApiError::validation("input", Reason::Unreadable))?,
    };
    serde_json::from_str(&text).map_err(|_| ApiError::validation("input", Reason::InvalidJson))
}

/// A value of one of the register's lists from its code.
fn choice<T: serde::de::DeserializeOwned>(value: &str, field: &str) -> ApiResult<T> {
    vertrouwd_core::advisor::from_code(value.trim())
        .ok_or_else(|| ApiError::validation(field, Reason::Invalid))
}

fn hours(minutes: i64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn case_line(c: &vertrouwd_core::advisor::CaseSummary) -> String {
    format!(
        "{}  {}  {}  {}  {} gesprek(ken) {}",
        c.reference,
        c.first_contact.format("%d-%m-%Y"),
        match c.closed_on {
            Some(d) => format!("gesloten {}", d.format("%d-%m-%Y")),
            None => "open".into(),
        },
        c.natures.join(", "),
        c.conversations,
        hours(c.minutes),
    )
}

fn case_text(c: &vertrouwd_core::advisor::CaseDetail) -> String {
    let mut t = format!(
        "{}  eerste contact {}  {}\nmelder: {}\n",
        c.reference,
        c.first_contact.format("%d-%m-%Y"),
        match c.closed_on {
            Some(d) => format!("gesloten {}", d.format("%d-%m-%Y")),
            None => "open".into(),
        },
        c.reporter.as_ref().map_or("anoniem", |r| r.name.as_str()),
    );
    for v in &c.conversations {
        t.push_str(&format!(
            "\n{} ({} min)\n{}\n",
            v.held_on.format("%d-%m-%Y"),
            v.minutes,
            v.notes
        ));
    }
    t.push_str(&format!("\ntijd / time: {}", hours(c.minutes)));
    t
}

fn from_env(var: &str) -> Option<SecretText> {
    std::env::var(var).ok().map(SecretText::new)
}

fn prompt(label: &str) -> ApiResult<SecretText> {
    if !io::stdin().is_terminal() {
        return Err(ApiError::validation("passphrase", Reason::Required));
    }
    rpassword::prompt_password(label)
        .map(SecretText::new)
        .map_err(|_| ApiError::validation("passphrase", Reason::Required))
}

impl Ctx {
    fn dir(&self) -> String {
        self.cli
            .vault
            .clone()
            .unwrap_or_else(default_vault_dir)
            .to_string_lossy()
            .into_owned()
    }

    fn login(&self) -> ApiResult<String> {
        self.cli
            .user
            .clone()
            .ok_or_else(|| ApiError::validation("as", Reason::Required))
    }

    fn passphrase(&self) -> ApiResult<SecretText> {
        if let Some(f) = &self.cli.passphrase_file {
            return read_secret_file(f);
        }
        if let Some(p) = from_env("VERTROUWD_PASSPHRASE") {
            return Ok(p);
        }
        prompt("Wachtwoordzin / passphrase: ")
    }

    /// A new passphrase, twice (the second is the confirmation).
    fn new_passphrase(&self) -> ApiResult<(SecretText, SecretText)> {
        let one = if let Some(f) = &self.cli.new_passphrase_file {
            read_secret_file(f)?
        } else if let Some(p) = from_env("VERTROUWD_NEW_PASSPHRASE") {
            p
        } else {
            let a = prompt("Nieuwe wachtwoordzin / new passphrase: ")?;
            let b = prompt("Nogmaals / again: ")?;
            return Ok((a, b));
        };
        let two = SecretText::new(one.expose_secret_str());
        Ok((one, two))
    }

    async fn unlock(&self) -> ApiResult<SessionInfo> {
        let info = self
            .session
            .unlock(UnlockRequest {
                dir: self.dir(),
                login: self.login()?,
                passphrase: self.passphrase()?,
            })
            .await?;
        for w in &info.warnings {
            eprintln!("vertrouwd: {}", warning_text(w));
        }
        Ok(info)
    }
}

/// A session warning in both languages, for standard error.
fn warning_text(w: &SessionWarning) -> String {
    match w {
        SessionWarning::Refused {
            compartment,
            reason,
        } => {
            let (nl, en) = match reason.as_str() {
                "not_a_holder" => (
                    "u staat niet op de lijst van houders",
                    "you are not on its list of holders",
                ),
                "not_given" => (
                    "geen houder heeft u de sleutel gegeven",
                    "no holder gave you the key",
                ),
                _ => ("geen sleutel opent het", "no key opens it"),
            };
            format!(
                "waarschuwing: {compartment} niet geopend: {nl} / warning: {compartment} not opened: {en}"
            )
        }
        SessionWarning::RolledBack { compartment } => format!(
            "waarschuwing: {compartment} is ouder dan wat deze computer eerder zag; latere wijzigingen (ook verwijderingen en vernietigingen) kunnen ongedaan zijn gemaakt / warning: {compartment} is older than what this computer saw before; later changes (removals and destructions included) may have been undone"
        ),
        SessionWarning::KeyringRolledBack => "waarschuwing: de sleutelring is ouder dan wat deze computer eerder zag / warning: the keyring is older than what this computer saw before".into(),
        SessionWarning::FirstUse { compartment } => format!(
            "{compartment}: sleutel uit de eerdere indeling overgenomen en vastgelegd / key from the earlier format accepted and pinned"
        ),
    }
}

fn language(value: &str) -> ApiResult<Language> {
    match value {
        "en" => Ok(Language::En),
        "nl" => Ok(Language::Nl),
        _ => Err(ApiError::validation("lang", Reason::Invalid)),
    }
}

fn roles(list: &[String]) -> ApiResult<Vec<Role>> {
    list.iter()
        .map(|r| Role::parse(r).ok_or_else(|| ApiError::validation("roles", Reason::Invalid)))
        .collect()
}

/// What a command prints: JSON when asked, else the text.
struct Output {
    json: serde_json::Value,
    text: String,
}

fn out(value: &impl Serialize, text: String) -> ApiResult<Output> {
    let json =
        serde_json::to_value(value).map_err(|_| ApiError::new(ErrorCode::Internal, "output"))?;
    Ok(Output { json, text })
}

async fn run(ctx: &Ctx) -> ApiResult<Output> {
    let s = &ctx.session;
    match &ctx.cli.command {
        Command::Init(a) => {
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
        Command::Status => {
            let st = s.vault_status(ctx.dir()).await?;
            let text = if st.exists {
                format!("{}: kluis / vault", st.dir)
            } else {
                format!("{}: geen kluis / no vault", st.dir)
            };
            out(&st, text)
        }
        Command::User(cmd) => {
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
        Command::Recovery(RecoveryCommand::Reset { recovery_key_file }) => {
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
        Command::Backup { out: file } => {
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
        Command::Restore { from } => {
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
        Command::Verify { backup: Some(file) } => {
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
        Command::Verify { backup: None } => {
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
        Command::Audit { compartment, limit } => {
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
        Command::Settings(cmd) => {
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
        Command::Pdf(PdfCommand::Sample { out: file }) => {
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
        Command::Case(cmd) => {
            ctx.unlock().await?;
            match cmd {
                CaseCommand::Add { input } => {
                    let c = s.add_case(read_json(input)?).await?;
                    let text = c.reference.clone();
                    out(&c, text)
                }
                CaseCommand::List {
                    text,
                    status,
                    year,
                    nature,
                    due,
                } => {
                    let filter = vertrouwd_core::advisor::CaseFilter {
                        text: text.clone(),
                        status: status.as_deref().map(|v| choice(v, "status")).transpose()?,
                        nature_id: *nature,
                        year: *year,
                        follow_up_due: *due,
                        limit: None,
                    };
                    let rows = s.list_cases(filter).await?;
                    let text = rows.iter().map(case_line).collect::<Vec<_>>().join("\n");
                    out(&rows, text)
                }
                CaseCommand::Update { case, input } => {
                    let c = s
                        .update_case(UpdateCaseRequest {
                            case: case.clone(),
                            input: read_json(input)?,
                        })
                        .await?;
                    let text = case_text(&c);
                    out(&c, text)
                }
                CaseCommand::Show { case } => {
                    let c = s.case_detail(CaseRef { case: case.clone() }).await?;
                    let text = case_text(&c);
                    out(&c, text)
                }
                CaseCommand::Close { case, on, outcome } => {
                    let c = s
                        .close_case(CloseCaseRequest {
                            case: case.clone(),
                            closed_on: on.clone(),
                            outcome: choice(outcome, "outcome")?,
                        })
                        .await?;
                    let text = case_text(&c);
                    out(&c, text)
                }
                CaseCommand::Natures => {
                    let n = s.natures().await?;
                    let text = n
                        .iter()
                        .map(|n| {
                            let retired = if n.retired {
                                " (vervallen / retired)"
                            } else {
                                ""
                            };
                            format!("{:>3}  {}{retired}", n.id, n.name)
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    out(&n, text)
                }
                CaseCommand::Import { file, skip_invalid } => {
                    let r = s
                        .import_cases(ImportRequest {
                            path: file.to_string_lossy().into_owned(),
                            skip_invalid: *skip_invalid,
                        })
                        .await?;
                    let mut text = format!("{} geïmporteerd / imported", r.imported);
                    for p in &r.problems {
                        text.push_str(&format!(
                            "\nregel / line {}: {} {}",
                            p.line,
                            p.column.as_deref().unwrap_or(""),
                            p.reason
                        ));
                    }
                    if r.imported == 0 && !r.problems.is_empty() {
                        eprintln!("{text}");
                        return Err(ApiError::validation("file", Reason::InvalidRows));
                    }
                    out(&r, text)
                }
                CaseCommand::Attach { case, file } => {
                    let c = s
                        .add_attachment(AddAttachmentRequest {
                            case: case.clone(),
                            path: file.to_string_lossy().into_owned(),
                        })
                        .await?;
                    let text = c
                        .attachments
                        .iter()
                        .map(|a| format!("{}  {}  {} bytes", a.id, a.file_name, a.size))
                        .collect::<Vec<_>>()
                        .join("\n");
                    out(&c, text)
                }
                CaseCommand::ExportAttachment { id, out: file } => {
                    let w = s
                        .export_attachment(ExportAttachmentRequest {
                            id: *id,
                            path: file.to_string_lossy().into_owned(),
                        })
                        .await?;
                    let text = format!("{} — niet versleuteld / not encrypted", w.path);
                    out(&w, text)
                }
                CaseCommand::Due => {
                    let list = s.destruction_list().await?;
                    let text = list
                        .iter()
                        .map(|d| {
                            format!(
                                "{}  gesloten {}  te vernietigen vanaf / due {}{}",
                                d.reference,
                                d.closed_on.format("%d-%m-%Y"),
                                d.due_on.format("%d-%m-%Y"),
                                if d.expired {
                                    "  (verlopen / expired)"
                                } else {
                                    ""
                                }
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    out(&list, text)
                }
                CaseCommand::Destroy {
                    case,
                    confirm,
                    reason,
                } => {
                    let reference = s
                        .destroy_case(DestroyRequest {
                            case: case.clone(),
                            confirm: confirm.clone(),
                            reason: reason
                                .as_deref()
                                .map(|r| {
                                    vertrouwd_core::advisor::from_code(r.trim()).ok_or_else(|| {
                                        ApiError::validation("reason", Reason::Invalid)
                                    })
                                })
                                .transpose()?,
                        })
                        .await?;
                    let text = format!(
                        "{reference} vernietigd / destroyed. Eerder gemaakte back-ups bevatten de zaak nog / earlier backups still hold it."
                    );
                    out(&serde_json::json!({ "destroyed": reference }), text)
                }
                CaseCommand::Purge { expired: _, yes } => {
                    let expired: Vec<String> = s
                        .destruction_list()
                        .await?
                        .into_iter()
                        .filter(|d| d.expired)
                        .map(|d| d.reference)
                        .collect();
                    if !expired.is_empty() && !*yes {
                        if !io::stdin().is_terminal() {
                            return Err(ApiError::validation("yes", Reason::Required));
                        }
                        eprintln!("Te vernietigen / to destroy: {}", expired.join(", "));
                        eprint!("Typ / type 'ja' of 'yes': ");
                        let mut answer = String::new();
                        io::stdin()
                            .read_line(&mut answer)
                            .map_err(|_| ApiError::validation("yes", Reason::Required))?;
                        if !matches!(answer.trim(), "ja" | "yes") {
                            return Err(ApiError::validation("yes", Reason::Required));
                        }
                    }
                    let destroyed = s.purge_expired(PurgeRequest { confirm: true }).await?;
                    let text = format!(
                        "{} vernietigd / destroyed{}",
                        destroyed.len(),
                        if destroyed.is_empty() {
                            String::new()
                        } else {
                            format!(": {}", destroyed.join(", "))
                        }
                    );
                    out(&destroyed, text)
                }
                CaseCommand::Note(NoteCommand::Add { case, input }) => {
                    let c = s
                        .add_conversation(AddConversationRequest {
                            case: case.clone(),
                            conversation: read_json(input)?,
                        })
                        .await?;
                    let text = case_text(&c);
                    out(&c, text)
                }
            }
        }
        Command::Report(ReportCommand::Case {
            case,
            out: file,
            lang,
        }) => {
            ctx.unlock().await?;
            let language = language(lang)?;
            let w = s
                .write_case_file(CaseFileRequest {
                    case: case.clone(),
                    path: file.to_string_lossy().into_owned(),
                    language,
                })
                .await?;
            let text = format!(
                "{} — niet versleuteld, verwijder het na gebruik / not encrypted, delete it when done",
                w.path
            );
            out(&w, text)
        }
        Command::Demo {
            cases,
            conversations,
        } => {
            ctx.unlock().await?;
            let n = s
                .fill_demo_register(DemoRequest {
                    cases: *cases,
                    conversations: *conversations,
                })
                .await?;
            out(&n, format!("{n} voorbeeldmeldingen / demo reports"))
        }
        Command::Stats(cmd) => {
            ctx.unlock().await?;
            match cmd {
                StatsCommand::Preview { year, leave_out } => {
                    let p = s
                        .statistics_preview(StatisticsRequest {
                            year: *year,
                            left_out: leave_out.clone(),
                        })
                        .await?;
                    let text = serde_json::to_string_pretty(&p)
                        .map_err(|_| ApiError::new(ErrorCode::Internal, "output"))?;
                    out(&p, text)
                }
                StatsCommand::Release {
                    year,
                    out: file,
                    publish,
                    leave_out,
                } => {
                    let r = s
                        .release_statistics(ReleaseRequest {
                            year: *year,
                            left_out: leave_out.clone(),
                            path: Some(file.to_string_lossy().into_owned()),
                            publish: *publish,
                        })
                        .await?;
                    let text = format!(
                        "{}{}",
                        file.display(),
                        if r.published {
                            " (ook in org.db / also in org.db)"
                        } else {
                            ""
                        }
                    );
                    out(&r, text)
                }
            }
        }
        Command::Batch => {
            ctx.unlock().await?;
            batch(s).await?;
            Ok(Output {
                json: serde_json::Value::Null,
                text: String::new(),
            })
        }
    }
}

/// The batch's older spellings of commands, kept so scripts keep working.
const BATCH_ALIASES: &[(&str, &str)] = &[
    ("settings.get", "settings"),
    ("settings.update", "update_settings"),
    ("users.list", "list_users"),
    ("audit", "audit_trail"),
    ("session", "session_info"),
    ("case.natures", "natures"),
    ("case.add", "add_case"),
    ("case.list", "list_cases"),
    ("case.update", "update_case"),
    ("case.time.add", "add_case_time"),
    ("case.departments", "departments"),
    ("case.show", "case_detail"),
    ("case.close", "close_case"),
    ("case.conversation.add", "add_conversation"),
    ("case.intervention.add", "add_intervention"),
    ("case.consent.add", "add_consent"),
    ("case.attachment.add", "add_attachment"),
    ("case.follow_up.done", "follow_up_done"),
    ("case.follow_up.add", "add_follow_up"),
    ("case.import", "import_cases"),
    ("case.destruction_list", "destruction_list"),
    ("case.destroy", "destroy_case"),
    ("case.purge_expired", "purge_expired"),
    ("stats.preview", "statistics_preview"),
    ("stats.release", "release_statistics"),
];

/// One request per line: `{"op": "update_settings", "args": {...}}`, where
/// `op` is any command of core's list (or an older spelling of one) and
/// `args` its argument. Each answer is written and flushed only after the
/// request committed.
async fn batch(s: &Session) -> ApiResult<()> {
    #[derive(serde::Deserialize)]
    struct Request {
        op: String,
        #[serde(default)]
        args: serde_json::Value,
    }
    let stdout = io::stdout();
    for line in io::stdin().lock().lines() {
        let line =
            line.map_err(|_| ApiError::new(ErrorCode::Internal, "reading standard input"))?;
        if line.trim().is_empty() {
            continue;
        }
        let result = async {
            let req: Request = serde_json::from_str(&line)
                .map_err(|_| ApiError::validation("request", Reason::Invalid))?;
            let op = BATCH_ALIASES
                .iter()
                .find(|(old, _)| *old == req.op)
                .map_or(req.op.as_str(), |(_, name)| name);
            s.call(op, req.args).await
        }
        .await;
        let answer = match result {
            Ok(v) => serde_json::json!({"ok": true, "result": v}),
            Err(e) => serde_json::json!({"ok": false, "error": e}),
        };
        let mut lock = stdout.lock();
        let _ = writeln!(lock, "{answer}");
        let _ = lock.flush();
    }
    Ok(())
}

fn main() -> ExitCode {
    if vertrouwd_core::forbid_memory_dumps().is_err() {
        eprintln!("vertrouwd: cannot turn off memory dumps; stopping to keep keys safe");
        return ExitCode::from(1);
    }
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(_) => return ExitCode::from(1),
    };
    let json = cli.json;
    let policy = match &cli.command {
        Command::Init(a) if a.kdf_floor => KdfPolicy::Floor,
        _ => KdfPolicy::Tuned,
    };
    let ctx = Ctx {
        session: Session::new(Arc::new(SystemClock), policy)
            .remembering(vertrouwd_core::config_dir().join("seen.json")),
        cli,
    };
    let result = runtime.block_on(async {
        let r = run(&ctx).await;
        ctx.session.lock().await;
        r
    });
    match result {
        Ok(o) => {
            if json {
                if !o.json.is_null() {
                    println!("{}", o.json);
                }
            } else if !o.text.is_empty() {
                println!("{}", o.text);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            if json {
                eprintln!("{}", serde_json::json!({"error": e}));
            } else {
                let detail = match (&e.field, &e.reason) {
                    (Some(f), Some(r)) => format!(" ({f}: {r})"),
                    _ => String::new(),
                };
                eprintln!("vertrouwd: {:?}: {}{}", e.code, e.message, detail);
            }
            ExitCode::from(exit_code(e.code))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_older_batch_spelling_names_a_command() {
        for (old, name) in BATCH_ALIASES {
            assert!(
                vertrouwd_core::api::COMMANDS
                    .iter()
                    .any(|c| c.name == *name),
                "{old} → {name}, which is not a command"
            );
        }
    }
}
