//! `vertrouwd`: the command line of Vertrouwd.
//!
//! Every command calls `vertrouwd-core`'s api, exactly as the desktop app
//! does. Output is text for people or, with `--json`, JSON for scripts.

#![forbid(unsafe_code)]

mod advisor;
mod batch;
mod complaints;
mod ctx;
mod generate;
mod hr;
mod session;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use vertrouwd_core::api::*;
use vertrouwd_core::{Session, SystemClock};

use crate::ctx::{Ctx, Output};

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
pub struct Cli {
    /// The vault folder [default: the platform data folder]
    #[arg(long, global = true, env = "VERTROUWD_VAULT")]
    pub vault: Option<PathBuf>,
    /// Your login name
    #[arg(long = "as", global = true, env = "VERTROUWD_USER")]
    pub user: Option<String>,
    /// Read your passphrase from this file (first line)
    #[arg(long, global = true)]
    pub passphrase_file: Option<PathBuf>,
    /// Read a new passphrase from this file (first line)
    #[arg(long, global = true)]
    pub new_passphrase_file: Option<PathBuf>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// The commands: the vault's own (`init`, `user`, `backup`, …), each
/// area's under its name (`advisor …`), and the batch. Today's first
/// spellings of the advisor's commands (`case`, `stats`, `report`, `demo`)
/// are kept, hidden, as aliases.
#[derive(Subcommand, Debug)]
pub enum Command {
    #[command(flatten)]
    Session(session::SessionCommand),
    /// The confidential advisor's register (advisor role)
    #[command(subcommand)]
    Advisor(advisor::AdvisorCommand),
    /// The complaints register: formal complaints, internal reports of
    /// wrongdoing and citizens' complaints, with every deadline (hr role)
    #[command(subcommand)]
    Complaints(complaints::ComplaintsCommand),
    /// HR's annual report and its sources: the advisors' releases (hr role)
    #[command(subcommand)]
    Hr(hr::HrCommand),
    #[command(subcommand, hide = true)]
    Case(advisor::CaseCommand),
    #[command(subcommand, hide = true)]
    Stats(advisor::StatsCommand),
    #[command(subcommand, hide = true)]
    Report(advisor::DocumentCommand),
    #[command(hide = true)]
    Demo(advisor::DemoArgs),
    /// Run api requests given as JSON lines on standard input, answering
    /// each with a JSON line once it is done
    Batch,
    /// Write the man pages or print shell completions (needs no vault)
    #[command(subcommand)]
    Generate(generate::GenerateCommand),
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

async fn run(ctx: &Ctx) -> ApiResult<Output> {
    use advisor::AdvisorCommand as A;
    match &ctx.cli.command {
        Command::Session(cmd) => session::run(ctx, cmd).await,
        Command::Advisor(cmd) => advisor::run(ctx, cmd).await,
        Command::Complaints(cmd) => complaints::run(ctx, cmd).await,
        Command::Hr(cmd) => hr::run(ctx, cmd).await,
        Command::Case(cmd) => advisor::run(ctx, &A::Case(cmd.clone())).await,
        Command::Stats(cmd) => advisor::run(ctx, &A::Stats(cmd.clone())).await,
        Command::Report(cmd) => advisor::run(ctx, &A::Document(cmd.clone())).await,
        Command::Demo(args) => advisor::run(ctx, &A::Demo(args.clone())).await,
        Command::Generate(cmd) => generate::run(cmd),
        Command::Batch => {
            ctx.unlock().await?;
            batch::batch(&ctx.session).await?;
            Ok(Output {
                json: serde_json::Value::Null,
                text: String::new(),
            })
        }
    }
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
        Command::Session(session::SessionCommand::Init(a)) if a.kdf_floor => KdfPolicy::Floor,
        _ => KdfPolicy::Tuned,
    };
    vertrouwd_core::move_former_folders();
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
            let shown = if json && !o.json.is_null() {
                o.json.to_string()
            } else if !json {
                o.text
            } else {
                String::new()
            };
            // A reader that stops early (`| head`) is not an error of ours.
            if !shown.is_empty() {
                let _ = writeln!(std::io::stdout().lock(), "{shown}");
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
