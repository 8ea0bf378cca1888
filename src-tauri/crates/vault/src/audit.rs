//! The append-only, hash-chained audit trail of a compartment.
//!
//! Each row records who did what to which object, and when; never content.
//! Its hash covers the previous row's hash, so a removed, reordered or edited
//! row breaks the chain from that row on. Every compartment's first migration
//! creates the table exactly as [`SCHEMA`] gives it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{FromRow, SqliteConnection, SqlitePool};

use crate::error::{Result, VaultError};

/// The table every compartment carries; its migrations must create it so.
pub const SCHEMA: &str = include_str!("audit_schema.sql");

const GENESIS: [u8; 32] = [0u8; 32];

/// One row of the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// The acting user's id.
    pub actor: String,
    /// A dotted action name such as `user.added`.
    pub action: String,
    /// The id of the object acted on, if any; never content.
    pub object: Option<String>,
}

#[derive(FromRow)]
struct ChainRow {
    seq: i64,
    at: DateTime<Utc>,
    actor: String,
    action: String,
    object: Option<String>,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

fn entry_hash(
    prev: &[u8],
    seq: i64,
    at: &DateTime<Utc>,
    actor: &str,
    action: &str,
    object: Option<&str>,
) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(b"vertrouwd-audit-v1");
    h.update(prev);
    h.update(seq.to_be_bytes());
    for field in [
        at.to_rfc3339().as_str(),
        actor,
        action,
        object.unwrap_or("\u{0}"),
    ] {
        h.update((field.len() as u32).to_be_bytes());
        h.update(field.as_bytes());
    }
    h.finalize().to_vec()
}

/// What an audited change records of itself: an action code and the id of
/// what it concerns (never content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub action: &'static str,
    pub object: Option<String>,
}

impl Entry {
    pub fn new(action: &'static str, object: Option<&str>) -> Entry {
        Entry {
            action,
            object: object.map(str::to_string),
        }
    }
}

/// Makes a change and its audit row in one transaction on `pool`: `change`
/// writes and returns its result with the [`Entry`] to record, so a change
/// cannot be committed without its row. An error anywhere rolls both back.
pub async fn audited<T, E>(
    pool: &SqlitePool,
    at: DateTime<Utc>,
    actor: &str,
    change: impl AsyncFnOnce(&mut SqliteConnection) -> std::result::Result<(T, Entry), E>,
) -> std::result::Result<T, E>
where
    E: From<sqlx::Error> + From<VaultError>,
{
    let mut tx = pool.begin().await?;
    let (out, entry) = change(&mut tx).await?;
    append(&mut tx, at, actor, entry.action, entry.object.as_deref()).await?;
    tx.commit().await?;
    Ok(out)
}

/// Like [`audited`], for a change that records several rows (a user added
/// with the roles combined, every case purged) or gives itself up: the
/// transaction commits only with at least one row; without rows it is
/// rolled back and the change's answer still returned (an import refused
/// for its row problems).
pub async fn audited_all<T, E>(
    pool: &SqlitePool,
    at: DateTime<Utc>,
    actor: &str,
    change: impl AsyncFnOnce(&mut SqliteConnection) -> std::result::Result<(T, Vec<Entry>), E>,
) -> std::result::Result<T, E>
where
    E: From<sqlx::Error> + From<VaultError>,
{
    let mut tx = pool.begin().await?;
    let (out, entries) = change(&mut tx).await?;
    if entries.is_empty() {
        tx.rollback().await?;
        return Ok(out);
    }
    for e in &entries {
        append(&mut tx, at, actor, e.action, e.object.as_deref()).await?;
    }
    tx.commit().await?;
    Ok(out)
}

/// Appends a row inside the caller's connection or transaction, so the row
/// commits (or not) together with the change it records.
pub async fn append(
    conn: &mut SqliteConnection,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    object: Option<&str>,
) -> Result<i64> {
    let last: Option<(i64, Vec<u8>)> =
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_vec()),
    };
    let hash = entry_hash(&prev, seq, &at, actor, action, object);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, object, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .bind(seq)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(object)
    .bind(prev)
    .bind(hash)
    .execute(&mut *conn)
    .await?;
    Ok(seq)
}

/// Walks the chain; returns the number of rows, or the first broken one.
pub async fn verify(pool: &SqlitePool, compartment: &str) -> Result<i64> {
    let rows: Vec<ChainRow> = sqlx::query_as(
        "SELECT seq, at, actor, action, object, prev_hash, hash FROM audit_log ORDER BY seq",
    )
    .fetch_all(pool)
    .await?;
    let mut prev = GENESIS.to_vec();
    for (expected_seq, r) in (1..).zip(rows.iter()) {
        let want = entry_hash(
            &prev,
            r.seq,
            &r.at,
            &r.actor,
            &r.action,
            r.object.as_deref(),
        );
        if r.seq != expected_seq || r.prev_hash != prev || r.hash != want {
            return Err(VaultError::AuditChainBroken(compartment.into(), r.seq));
        }
        prev = r.hash.clone();
    }
    Ok(rows.len() as i64)
}

/// The newest row's sequence number and hash, if there is a row.
pub async fn head(pool: &SqlitePool) -> Result<Option<(i64, Vec<u8>)>> {
    Ok(
        sqlx::query_as("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .fetch_optional(pool)
            .await?,
    )
}

/// The hash of row `seq`, if the trail has that row.
pub async fn hash_at(pool: &SqlitePool, seq: i64) -> Result<Option<Vec<u8>>> {
    Ok(
        sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = ?1")
            .bind(seq)
            .fetch_optional(pool)
            .await?,
    )
}

/// The newest rows first, at most `limit`, optionally before a sequence number.
pub async fn list(pool: &SqlitePool, limit: i64, before: Option<i64>) -> Result<Vec<AuditEntry>> {
    Ok(sqlx::query_as(
        "SELECT seq, at, actor, action, object FROM audit_log
         WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await?)
}
