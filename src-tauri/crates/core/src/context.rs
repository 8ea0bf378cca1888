//! The unlocked context: what one call of an area's use case is given by
//! the session — an area's database after the role and key check, who
//! acts, the time of the call, the audit helper, and files handed in or
//! written where the user chose.
//!
//! It is a shared piece rather than part of `session` so that no area
//! imports the session: the session builds a [`Context`] for each call
//! (after its idle check) and hands it to the area's use case.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqlitePool};
use vertrouwd_vault::{self as vault, audit, Unlocked};

use crate::compartments::ORG;
use crate::documents::WrittenFile;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::roles::Role;
use crate::users::UserInfo;

/// One call on an unlocked vault.
#[derive(Debug)]
pub struct Context<'a> {
    vault: &'a Unlocked,
    user: &'a UserInfo,
    organisation: &'a str,
    now: DateTime<Utc>,
}

impl<'a> Context<'a> {
    pub(crate) fn new(
        vault: &'a Unlocked,
        user: &'a UserInfo,
        organisation: &'a str,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            vault,
            user,
            organisation,
            now,
        }
    }

    /// The moment of the call: every row a call writes carries it.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The day of the call on this computer's calendar, against which
    /// dates "in the future" are refused: just after midnight in Amsterdam
    /// it is already the next day, though UTC is still on the last one.
    pub fn today(&self) -> NaiveDate {
        self.now.with_timezone(&chrono::Local).date_naive()
    }

    /// The user making the call.
    pub fn user(&self) -> &UserInfo {
        self.user
    }

    /// Who the audit trail names: the user's id, never their name.
    pub fn actor(&self) -> &str {
        &self.user.id
    }

    /// The vault's id, which everything sealed inside it binds.
    pub fn vault_id(&self) -> &str {
        self.vault.vault_id()
    }

    /// Opens a record's key sealed to the acting user (a restricted
    /// complaint's): only the user it was sealed to can.
    pub fn open_sealed(
        &self,
        sealed: &vault::envelope::SealedBox,
        aad: &vault::envelope::Aad,
    ) -> ApiResult<std::sync::Arc<vault::SecretKey>> {
        Ok(self.vault.open_sealed(sealed, aad)?)
    }

    /// Checks a holder before a record is sealed to them alone: the key a
    /// compartment lists for them must be the one the acting user accepted
    /// ([`vault::Unlocked::vouch`]); otherwise `Untrusted`.
    pub fn vouch(&self, holder: &vault::Holder) -> ApiResult<()> {
        Ok(self.vault.vouch(holder)?)
    }

    /// Signs what the acting user publishes, with the signing key derived
    /// from their own private key.
    pub fn sign(&self, message: &[u8]) -> ApiResult<vault::envelope::Signature> {
        Ok(self.vault.sign(message)?)
    }

    /// The organisation's name as the settings give it.
    pub fn organisation(&self) -> &str {
        self.organisation
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.user.roles.contains(&role)
    }

    /// Whether this user holds the key of `compartment`.
    pub fn holds(&self, compartment: &str) -> bool {
        self.vault.holds(compartment)
    }

    /// An area's database, for a user with `role` who holds its key. The
    /// role check is a convenience (a clear answer); the key is the
    /// protection: without it the database cannot be opened at all.
    pub fn pool(
        &self,
        compartment: &str,
        role: Role,
        refusal: &'static str,
    ) -> ApiResult<SqlitePool> {
        if !self.has_role(role) {
            return Err(ApiError::forbidden(refusal));
        }
        Ok(self.vault.pool(compartment)?.clone())
    }

    /// org.db, which every user holds.
    pub fn org(&self) -> ApiResult<SqlitePool> {
        Ok(self.vault.pool(ORG)?.clone())
    }

    /// A change and its audit row in one transaction
    /// ([`vertrouwd_vault::audit::audited`]), at the call's time and in
    /// the user's name: the one way an area writes, so no change goes
    /// without its row.
    pub async fn audited<T>(
        &self,
        pool: &SqlitePool,
        change: impl AsyncFnOnce(&mut SqliteConnection) -> ApiResult<(T, audit::Entry)>,
    ) -> ApiResult<T> {
        audit::audited(pool, self.now, self.actor(), change).await
    }

    /// Changes that record several audit rows (one per case purged), or
    /// none when the change is given up
    /// ([`vertrouwd_vault::audit::audited_all`]): committed only with at
    /// least one row.
    pub async fn audited_all<T>(
        &self,
        pool: &SqlitePool,
        change: impl AsyncFnOnce(&mut SqliteConnection) -> ApiResult<(T, Vec<audit::Entry>)>,
    ) -> ApiResult<T> {
        audit::audited_all(pool, self.now, self.actor(), change).await
    }

    /// Records that something was done without changing a row (a file
    /// written, an attachment exported).
    pub async fn record(
        &self,
        pool: &SqlitePool,
        action: &str,
        object: Option<&str>,
    ) -> ApiResult<()> {
        let mut conn = pool.acquire().await?;
        audit::append(&mut conn, self.now, self.actor(), action, object).await?;
        Ok(())
    }

    /// Where a file the user asked for (a PDF, a release, a backup) may go:
    /// a folder that exists and is not the vault folder or inside it,
    /// however the path is spelled.
    pub fn export_target(&self, path: &str) -> ApiResult<vault::files::ExportTarget> {
        let path = path.trim();
        if path.is_empty() {
            return Err(ApiError::validation("path", Reason::Required));
        }
        vault::files::export_target(self.vault.dir(), Path::new(path)).map_err(|e| match e {
            vault::VaultError::Missing => ApiError::validation("path", Reason::NoFolder),
            vault::VaultError::Invalid(_) => ApiError::validation("path", Reason::Invalid),
            other => other.into(),
        })
    }

    /// Reads a file the user handed in (an attachment, a CSV register).
    /// Called only inside an area's use case, after its role and key check,
    /// so nobody without the compartment makes the app read anything: the
    /// file is opened once, must be a regular file (not a FIFO or a
    /// device), and is read to at most `limit + 1` bytes.
    pub fn read_handed_in(&self, path: &Path, limit: u64) -> ApiResult<Vec<u8>> {
        use vault::files::ReadRefusal;
        match vault::files::read_handed_in(path, limit)? {
            Ok(bytes) => Ok(bytes),
            Err(ReadRefusal::Missing) => Err(ApiError::new(ErrorCode::NotFound, "no such file")),
            Err(ReadRefusal::NotAFile) => Err(ApiError::validation("file", Reason::NotAFile)),
            Err(ReadRefusal::TooLarge) => Err(ApiError::validation("file", Reason::TooLarge)),
        }
    }

    /// Writes a file the user asked for where they chose, atomically and
    /// readable by them only; never inside the vault folder.
    pub fn write_outside_vault(&self, path: &str, bytes: &[u8]) -> ApiResult<WrittenFile> {
        let target = self.export_target(path)?;
        vault::files::write_export(&target, bytes)?;
        Ok(WrittenFile {
            path: target.path().to_string_lossy().into_owned(),
            bytes: bytes.len() as u64,
            missing_characters: vec![],
        })
    }
}
