//! Codes: the code of a value of a closed list ([`code`], [`from_code`]),
//! and editable code lists, the lists an organisation adapts to itself (the
//! advisor's natures today; a complaint's kinds and measures next). One
//! table per list, `(id, code, name, position, retired_at)`:
//!
//! - an entry is added at the end, renamed, retired (kept for what used it,
//!   no longer offered) or brought back;
//! - it is deleted only while nothing refers to it, so a figure of an
//!   earlier year never loses its label;
//! - names are unique whatever their case;
//! - a shipped entry has a `code` that never changes, so it can be
//!   translated and counted across renames.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::error::{ApiError, ApiResult, ErrorCode, Invalid, Reason};
use crate::validate::required_text;

/// The snake_case code of a value of a closed list (`upheld`, `phone`), as
/// the registers store it and label it.
pub fn code<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The value of a stored code; `None` for a code this version does not know.
pub fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// The longest name of an entry.
pub const MAX_NAME: usize = 100;

/// A change to a code list: add (no id), rename, retire or bring back, or
/// delete one that nothing uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CodeChange {
    Add { name: String },
    Rename { id: i64, name: String },
    Retire { id: i64, retired: bool },
    Delete { id: i64 },
}

impl CodeChange {
    /// The new name, checked, for an addition or a rename.
    pub fn checked_name(&self) -> Result<Option<String>, Invalid> {
        match self {
            CodeChange::Add { name } | CodeChange::Rename { name, .. } => {
                required_text(name, "name", MAX_NAME).map(Some)
            }
            _ => Ok(None),
        }
    }
}

/// One entry as a list gives it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Code {
    pub id: i64,
    pub code: Option<String>,
    pub name: String,
    pub retired: bool,
}

/// A code list: its table, what an entry is called in answers (`nature`),
/// and the SQL that counts the uses of entry `?1`.
#[derive(Debug, Clone, Copy)]
pub struct CodeList {
    pub table: &'static str,
    pub item: &'static str,
    pub uses: &'static str,
}

impl CodeList {
    /// Every entry, in the list's order.
    pub async fn entries(&self, pool: &SqlitePool) -> sqlx::Result<Vec<Code>> {
        sqlx::query_as(&format!(
            "SELECT id, code, name, retired_at IS NOT NULL AS retired FROM {} ORDER BY position, id",
            self.table
        ))
        .fetch_all(pool)
        .await
    }

    /// Makes `change` inside the caller's transaction (which records it).
    pub async fn change(
        &self,
        conn: &mut SqliteConnection,
        change: &CodeChange,
        now: DateTime<Utc>,
    ) -> ApiResult<()> {
        let name = change.checked_name()?;
        if let Some(n) = &name {
            let own = match change {
                CodeChange::Rename { id, .. } => *id,
                _ => -1,
            };
            let taken: i64 = sqlx::query_scalar(&format!(
                "SELECT count(*) FROM {} WHERE lower(name) = lower(?1) AND id != ?2",
                self.table
            ))
            .bind(n)
            .bind(own)
            .fetch_one(&mut *conn)
            .await?;
            if taken > 0 {
                return Err(conflict("name", Reason::Taken));
            }
        }
        let t = self.table;
        let changed = match change {
            CodeChange::Add { .. } => sqlx::query(&format!(
                "INSERT INTO {t} (name, position) SELECT ?1, coalesce(max(position), 0) + 1 FROM {t}"
            ))
            .bind(&name)
            .execute(&mut *conn)
            .await?
            .rows_affected(),
            CodeChange::Rename { id, .. } => {
                sqlx::query(&format!("UPDATE {t} SET name = ?2 WHERE id = ?1"))
                    .bind(id)
                    .bind(&name)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            }
            CodeChange::Retire { id, retired } => {
                sqlx::query(&format!("UPDATE {t} SET retired_at = ?2 WHERE id = ?1"))
                    .bind(id)
                    .bind(retired.then(|| now.to_rfc3339()))
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            }
            CodeChange::Delete { id } => {
                let used: i64 = sqlx::query_scalar(self.uses)
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
                if used > 0 {
                    return Err(conflict(self.item, Reason::InUse));
                }
                sqlx::query(&format!("DELETE FROM {t} WHERE id = ?1"))
                    .bind(id)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected()
            }
        };
        if changed == 0 {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no such {}", self.item),
            ));
        }
        Ok(())
    }
}

fn conflict(field: &str, reason: Reason) -> ApiError {
    ApiError {
        code: ErrorCode::Conflict,
        ..ApiError::validation(field, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_name_is_checked_and_trimmed() {
        let add = CodeChange::Add {
            name: "  Pesten op afstand ".into(),
        };
        assert_eq!(
            add.checked_name().expect("accepted").as_deref(),
            Some("Pesten op afstand")
        );
        let empty = CodeChange::Rename {
            id: 1,
            name: "   ".into(),
        };
        assert_eq!(
            empty.checked_name().expect_err("refused").reason,
            Reason::Required
        );
        let long = CodeChange::Add {
            name: "x".repeat(MAX_NAME + 1),
        };
        assert_eq!(
            long.checked_name().expect_err("refused").reason,
            Reason::TooLong
        );
        assert_eq!(
            CodeChange::Retire {
                id: 1,
                retired: true
            }
            .checked_name()
            .expect("accepted"),
            None
        );
    }
}
