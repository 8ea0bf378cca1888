//! Reading and writing the register in advisor.db. Inputs arrive here
//! already checked (see the use cases beside it); every write that changes what a
//! case says also rewrites the case's entry in the full-text index.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::model::*;
use super::stats::CaseFacts;
use crate::code_lists::CodeList;

mod activities;
mod case_log;
mod cases;
mod detail;
mod retention;
mod statistics;

pub use activities::*;
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

/// The natures list, which the advisor edits ([`crate::code_lists`]); a
/// nature is in use while a case or a tombstone names it.
pub const NATURES: CodeList = CodeList {
    table: "natures",
    item: "nature",
    uses: "SELECT (SELECT count(*) FROM case_natures WHERE nature_id = ?1)
                + (SELECT count(*) FROM tombstones t, json_each(t.natures) j WHERE j.value = ?1)",
};

pub async fn natures(pool: &SqlitePool) -> sqlx::Result<Vec<Nature>> {
    Ok(NATURES
        .entries(pool)
        .await?
        .into_iter()
        .map(|c| Nature {
            id: c.id,
            code: c.code,
            name: c.name,
            retired: c.retired,
        })
        .collect())
}

/// The departments already used, in order.
pub async fn departments(pool: &SqlitePool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT DISTINCT department FROM cases WHERE department IS NOT NULL ORDER BY department",
    )
    .fetch_all(pool)
    .await
}

/// Whether the register holds anything, a destroyed case included.
pub async fn is_empty(pool: &SqlitePool) -> sqlx::Result<bool> {
    let used: i64 = sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM tombstones)",
    )
    .fetch_one(pool)
    .await?;
    Ok(used == 0)
}

/// The next free reference for `year` ([`crate::references::next`]).
async fn next_reference(
    conn: &mut SqliteConnection,
    prefix: &str,
    year: i32,
) -> sqlx::Result<String> {
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT reference FROM cases WHERE reference LIKE ?1 || '%'")
            .bind(crate::references::stem(prefix, year))
            .fetch_all(&mut *conn)
            .await?;
    Ok(crate::references::next(
        prefix,
        year,
        taken.iter().map(String::as_str),
    ))
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
