//! What every command shares: the session and the flags, reading
//! passphrases and JSON, printing text or JSON.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use serde::Serialize;
use vertrouwd_core::api::*;
use vertrouwd_core::default_vault_dir;
use vertrouwd_core::language::Language;
use vertrouwd_core::roles::Role;
use zeroize::Zeroize;

use crate::Cli;

pub struct Ctx {
    pub cli: Cli,
    pub session: Session,
}

pub fn read_secret_file(path: &PathBuf) -> ApiResult<SecretText> {
    let mut text = std::fs::read_to_string(path)
        .map_err(|_| ApiError::validation("passphrase_file", Reason::Unreadable))?;
    let first = text.lines().next().unwrap_or("").to_string();
    text.zeroize();
    Ok(SecretText::new(first))
}

/// A text file the user wrote (a report's section): UTF-8, UTF-16 or
/// Windows-1252, as Dutch offices save them.
pub fn read_text(path: &PathBuf) -> ApiResult<String> {
    let bytes =
        std::fs::read(path).map_err(|_| ApiError::validation("input", Reason::Unreadable))?;
    Ok(vertrouwd_core::encoding::decode(&bytes).into_owned())
}

/// JSON from a file, or from standard input when no file (or "-") is given.
pub fn read_json<T: serde::de::DeserializeOwned>(input: &Option<PathBuf>) -> ApiResult<T> {
    let text = match input {
        Some(p) if p.as_os_str() != "-" => std::fs::read_to_string(p)
            .map_err(|_| ApiError::validation("input", Reason::Unreadable))?,
        _ => io::read_to_string(io::stdin())
            .map_err(|_| ApiError::validation("input", Reason::Unreadable))?,
    };
    serde_json::from_str(&text).map_err(|_| ApiError::validation("input", Reason::InvalidJson))
}

pub fn from_env(var: &str) -> Option<SecretText> {
    std::env::var(var).ok().map(SecretText::new)
}

pub fn prompt(label: &str) -> ApiResult<SecretText> {
    if !io::stdin().is_terminal() {
        return Err(ApiError::validation("passphrase", Reason::Required));
    }
    rpassword::prompt_password(label)
        .map(SecretText::new)
        .map_err(|_| ApiError::validation("passphrase", Reason::Required))
}

impl Ctx {
    pub fn dir(&self) -> String {
        self.cli
            .vault
            .clone()
            .unwrap_or_else(default_vault_dir)
            .to_string_lossy()
            .into_owned()
    }

    pub fn login(&self) -> ApiResult<String> {
        self.cli
            .user
            .clone()
            .ok_or_else(|| ApiError::validation("as", Reason::Required))
    }

    pub fn passphrase(&self) -> ApiResult<SecretText> {
        if let Some(f) = &self.cli.passphrase_file {
            return read_secret_file(f);
        }
        if let Some(p) = from_env("VERTROUWD_PASSPHRASE") {
            return Ok(p);
        }
        prompt("Wachtwoordzin / passphrase: ")
    }

    /// A new passphrase, twice (the second is the confirmation).
    pub fn new_passphrase(&self) -> ApiResult<(SecretText, SecretText)> {
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

    pub async fn unlock(&self) -> ApiResult<SessionInfo> {
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
pub fn warning_text(w: &SessionWarning) -> String {
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
        SessionWarning::KeyChanged { compartment, user } => format!(
            "waarschuwing: {compartment} noemt voor {user} een andere sleutel dan u kent; er wordt niets afgeschermd meer voor versleuteld (key_changed) / warning: {compartment} lists another key for {user} than the one you know; nothing restricted is sealed to it (key_changed)"
        ),
    }
}

pub fn language(value: &str) -> ApiResult<Language> {
    match value {
        "en" => Ok(Language::En),
        "nl" => Ok(Language::Nl),
        _ => Err(ApiError::validation("lang", Reason::Invalid)),
    }
}

pub fn roles(list: &[String]) -> ApiResult<Vec<Role>> {
    list.iter()
        .map(|r| Role::parse(r).ok_or_else(|| ApiError::validation("roles", Reason::Invalid)))
        .collect()
}

/// A value of one of a register's lists from its code (`phone`, `upheld`).
pub fn choice<T: serde::de::DeserializeOwned>(value: &str, field: &str) -> ApiResult<T> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_string()))
        .map_err(|_| ApiError::validation(field, Reason::Invalid))
}

/// What a command prints: JSON when asked, else the text.
pub struct Output {
    pub json: serde_json::Value,
    pub text: String,
}

pub fn out(value: &impl Serialize, text: String) -> ApiResult<Output> {
    let json =
        serde_json::to_value(value).map_err(|_| ApiError::new(ErrorCode::Internal, "output"))?;
    Ok(Output { json, text })
}

/// What came of an import: the number imported and every row refused
/// with its line. Refused as a whole (exit code 2) when nothing could be
/// imported because rows were invalid.
pub fn imported(r: &ImportResult) -> ApiResult<Output> {
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
    out(r, text)
}
