//! `vertrouwd generate`: the man pages and shell completions, made from the
//! same clap definitions as the command itself, so they never fall behind.
//! The packages run it at build time (`make package`); a user who built
//! from source can run it too.

use std::path::{Path, PathBuf};

use clap::{CommandFactory, Subcommand, ValueEnum};
use clap_complete::Shell;
use vertrouwd_core::api::ApiResult;

use crate::ctx::Output;
use crate::Cli;

#[derive(Subcommand, Debug, Clone)]
pub enum GenerateCommand {
    /// Write the man pages (vertrouwd.1 and one per command) into a folder
    Man {
        /// The folder to write them into (made when missing)
        #[arg(long)]
        out_dir: PathBuf,
    },
    /// Print the completion script for a shell
    Completions {
        #[arg(value_enum)]
        shell: CompletionShell,
    },
}

/// The shells whose completion scripts can be printed.
#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum CompletionShell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl From<CompletionShell> for Shell {
    fn from(s: CompletionShell) -> Shell {
        match s {
            CompletionShell::Bash => Shell::Bash,
            CompletionShell::Zsh => Shell::Zsh,
            CompletionShell::Fish => Shell::Fish,
            CompletionShell::Powershell => Shell::PowerShell,
            CompletionShell::Elvish => Shell::Elvish,
        }
    }
}

/// Carries out `generate`; needs no vault.
pub fn run(cmd: &GenerateCommand) -> ApiResult<Output> {
    match cmd {
        GenerateCommand::Man { out_dir } => {
            man_pages(out_dir)?;
            Ok(Output {
                json: serde_json::json!({ "dir": out_dir }),
                text: out_dir.display().to_string(),
            })
        }
        GenerateCommand::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(
                Shell::from(*shell),
                &mut Cli::command(),
                "vertrouwd",
                &mut script,
            );
            Ok(Output {
                json: serde_json::Value::Null,
                text: String::from_utf8_lossy(&script).trim_end().to_string(),
            })
        }
    }
}

fn man_pages(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(Cli::command(), dir)
}
