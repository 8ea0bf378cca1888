//! Reading and writing the register in advisor.db. Inputs arrive here
//! already checked (see the use cases beside it); every write that changes what a
//! case says also rewrites the case's entry in the full-text index.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::model::*;
use super::stats::CaseFacts;

mod case_log;
mod cases;
mod detail;
mod retention;
mod statistics;

pub use case_log::*;
pub use cases::*;
pub use detail::*;
pub use retention::*;
pub use statistics::*;

/// A case whose fields have been checked.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub reference: Option<String>,
    pub first_contact: NaiveDate,
    pub channel: Channel,
    pub reporter: Option<Reporter>,
    pub reporter_role: ReporterRole,
    pub department: Option<String>,
    pub gender: Option<Gender>,
    pub natures: Vec<NatureChoice>,
    pub persons: Vec<Person>,
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone)]
pub struct NewConversation {
    pub held_on: NaiveDate,
    pub minutes: i64,
    pub mode: Channel,
    pub with_whom: Option<String>,
    pub notes: String,
    pub next_step: Option<String>,
}

pub const REFERENCE_PREFIX: &str = "reference_prefix";

pub const K: &str = "k";

pub const RETENTION_MONTHS: &str = "retention_months";

pub const GRACE_DAYS: &str = "grace_days";

pub async fn setting(pool: &SqlitePool, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM register_settings WHERE key = ?1")
        .bind(key)
        .fetch_optional(pool)
        .await
}

pub async fn set_setting(conn: &mut SqliteConnection, key: &str, value: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO register_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn natures(pool: &SqlitePool) -> sqlx::Result<Vec<Nature>> {
    let rows: Vec<(i64, Option<String>, String, Option<String>)> =
        sqlx::query_as("SELECT id, code, name, retired_at FROM natures ORDER BY position, id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, name, retired)| Nature {
            id,
            code,
            name,
            retired: retired.is_some(),
        })
        .collect())
}

/// The next free reference for `year`: PREFIX-YEAR-NNN.
async fn next_reference(
    conn: &mut SqliteConnection,
    prefix: &str,
    year: i32,
) -> sqlx::Result<String> {
    let stem = format!("{prefix}-{year}-");
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT reference FROM cases WHERE reference LIKE ?1 || '%'")
            .bind(&stem)
            .fetch_all(&mut *conn)
            .await?;
    let highest = taken
        .iter()
        .filter_map(|r| r.strip_prefix(&stem)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{stem}{:03}", highest + 1))
}

pub async fn reference_taken(conn: &mut SqliteConnection, reference: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM cases WHERE reference = ?1")
        .bind(reference)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The id of the case with this reference or (all digits) this id.
pub async fn find(pool: &SqlitePool, reference_or_id: &str) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as("SELECT id, reference FROM cases WHERE reference = ?1 OR CAST(id AS TEXT) = ?1")
        .bind(reference_or_id)
        .fetch_optional(pool)
        .await
}
