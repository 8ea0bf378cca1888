//! All SQL of the complaints register (hr.db). Rows hold sealed bytes; what
//! they mean is for `keys` and the use cases.

use sqlx::{SqliteConnection, SqlitePool};

use super::figures::ComplaintFacts;

/// A complaint's row with the box that opens it for this reader.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct Readable {
    pub id: i64,
    pub reference: String,
    pub holder: String,
    pub sealed: String,
    pub summary: Vec<u8>,
}

/// A complaint's reference and sealed content.
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct Sealed {
    pub reference: String,
    pub content: Vec<u8>,
}

/// The register key, if a complaint was ever filed.
pub(crate) async fn register_key(conn: &mut SqliteConnection) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar("SELECT key FROM complaint_register_key WHERE id = 1")
        .fetch_optional(conn)
        .await
}

/// The register key, made with `fresh` when there is none yet.
pub(crate) async fn register_key_or(
    conn: &mut SqliteConnection,
    fresh: &[u8],
) -> sqlx::Result<Vec<u8>> {
    sqlx::query("INSERT OR IGNORE INTO complaint_register_key (id, key) VALUES (1, ?1)")
        .bind(fresh)
        .execute(&mut *conn)
        .await?;
    sqlx::query_scalar("SELECT key FROM complaint_register_key WHERE id = 1")
        .fetch_one(&mut *conn)
        .await
}

/// Every complaint `user` has a box for (their own, or every hr holder's),
/// with that box, in reference order.
pub(crate) async fn readable(
    conn: &mut SqliteConnection,
    user: &str,
) -> sqlx::Result<Vec<Readable>> {
    sqlx::query_as(
        "SELECT c.id, c.reference, k.holder, k.sealed, c.summary
           FROM complaints c JOIN complaint_keys k ON k.complaint_id = c.id
          WHERE k.holder IN ('*', ?1)
          ORDER BY c.id",
    )
    .bind(user)
    .fetch_all(conn)
    .await
}

/// The box of one complaint for `user`, if they have one.
pub(crate) async fn box_of(
    conn: &mut SqliteConnection,
    id: i64,
    user: &str,
) -> sqlx::Result<Option<Readable>> {
    sqlx::query_as(
        "SELECT c.id, c.reference, k.holder, k.sealed, c.summary
           FROM complaints c JOIN complaint_keys k ON k.complaint_id = c.id
          WHERE c.id = ?1 AND k.holder IN ('*', ?2)
          ORDER BY k.holder = '*' LIMIT 1",
    )
    .bind(id)
    .bind(user)
    .fetch_optional(conn)
    .await
}

pub(crate) async fn sealed(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<Option<Sealed>> {
    sqlx::query_as(
        "SELECT c.reference, t.content FROM complaints c
           JOIN complaint_contents t ON t.complaint_id = c.id
          WHERE c.id = ?1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// Every complaint's sealed content, by id (for a search).
pub(crate) async fn contents(pool: &SqlitePool) -> sqlx::Result<Vec<(i64, Vec<u8>)>> {
    sqlx::query_as("SELECT complaint_id, content FROM complaint_contents ORDER BY complaint_id")
        .fetch_all(pool)
        .await
}

/// The id of the complaint with this reference (any case) or this id.
pub(crate) async fn find<'e>(
    db: impl sqlx::SqliteExecutor<'e>,
    complaint: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "SELECT id FROM complaints WHERE reference = ?1 COLLATE NOCASE OR CAST(id AS TEXT) = ?1",
    )
    .bind(complaint)
    .fetch_optional(db)
    .await
}

/// Every reference, readable or not: numbering continues past them all.
pub(crate) async fn references(conn: &mut SqliteConnection) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT reference FROM complaints")
        .fetch_all(conn)
        .await
}

/// A new row for `reference`, its parts sealed next (they bind its id).
pub(crate) async fn insert(conn: &mut SqliteConnection, reference: &str) -> sqlx::Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO complaints (reference, summary) VALUES (?1, x'') RETURNING id",
    )
    .bind(reference)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("INSERT INTO complaint_contents (complaint_id, content) VALUES (?1, x'')")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(id)
}

pub(crate) async fn write(
    conn: &mut SqliteConnection,
    id: i64,
    summary: &[u8],
    content: &[u8],
    facts: &[u8],
) -> sqlx::Result<()> {
    sqlx::query("UPDATE complaints SET summary = ?2 WHERE id = ?1")
        .bind(id)
        .bind(summary)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE complaint_contents SET content = ?2 WHERE complaint_id = ?1")
        .bind(id)
        .bind(content)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO complaint_facts (complaint_id, facts) VALUES (?1, ?2)
         ON CONFLICT (complaint_id) DO UPDATE SET facts = excluded.facts",
    )
    .bind(id)
    .bind(facts)
    .execute(conn)
    .await?;
    Ok(())
}

/// Every complaint's sealed facts, by id (those written since they were
/// kept).
pub(crate) async fn facts(pool: &SqlitePool) -> sqlx::Result<Vec<(i64, Vec<u8>)>> {
    sqlx::query_as("SELECT complaint_id, facts FROM complaint_facts")
        .fetch_all(pool)
        .await
}

/// A new attachment row of complaint `id`, its content sealed next (it
/// binds the row's id).
pub(crate) async fn insert_attachment(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO complaint_attachments (complaint_id, content) VALUES (?1, x'') RETURNING id",
    )
    .bind(id)
    .fetch_one(conn)
    .await
}

pub(crate) async fn write_attachment(
    conn: &mut SqliteConnection,
    attachment: i64,
    content: &[u8],
) -> sqlx::Result<()> {
    sqlx::query("UPDATE complaint_attachments SET content = ?2 WHERE id = ?1")
        .bind(attachment)
        .bind(content)
        .execute(conn)
        .await?;
    Ok(())
}

/// The sealed content of attachment `attachment` of complaint `id`.
pub(crate) async fn attachment(
    conn: &mut SqliteConnection,
    id: i64,
    attachment: i64,
) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar(
        "SELECT content FROM complaint_attachments WHERE complaint_id = ?1 AND id = ?2",
    )
    .bind(id)
    .bind(attachment)
    .fetch_optional(conn)
    .await
}

/// Every attachment of complaint `id`: (attachment id, sealed content).
pub(crate) async fn attachments(
    conn: &mut SqliteConnection,
    id: i64,
) -> sqlx::Result<Vec<(i64, Vec<u8>)>> {
    sqlx::query_as("SELECT id, content FROM complaint_attachments WHERE complaint_id = ?1")
        .bind(id)
        .fetch_all(conn)
        .await
}

/// Replaces every box of a complaint's key.
pub(crate) async fn set_boxes(
    conn: &mut SqliteConnection,
    id: i64,
    boxes: &[(String, String)],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM complaint_keys WHERE complaint_id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (holder, sealed) in boxes {
        sqlx::query(
            "INSERT INTO complaint_keys (complaint_id, holder, sealed) VALUES (?1, ?2, ?3)",
        )
        .bind(id)
        .bind(holder)
        .bind(sealed)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

pub(crate) async fn setting(pool: &SqlitePool, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM complaint_settings WHERE key = ?1")
        .bind(key)
        .fetch_optional(pool)
        .await
}

/// A setting, read inside the caller's transaction.
pub(crate) async fn setting_in(
    conn: &mut SqliteConnection,
    key: &str,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM complaint_settings WHERE key = ?1")
        .bind(key)
        .fetch_optional(conn)
        .await
}

pub(crate) async fn set_setting(
    conn: &mut SqliteConnection,
    key: &str,
    value: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO complaint_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

pub(crate) async fn delete_setting(conn: &mut SqliteConnection, key: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM complaint_settings WHERE key = ?1")
        .bind(key)
        .execute(conn)
        .await?;
    Ok(())
}

/// Destroys complaint `id`: its boxes (and with them its key), both sealed
/// parts and its row go, a tombstone stays.
pub(crate) async fn destroy(
    conn: &mut SqliteConnection,
    id: i64,
    tombstone: &ComplaintFacts,
    today: chrono::NaiveDate,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO complaint_tombstones (procedure, channel, natures, received_year,
            received_quarter, ended_year, ended_quarter, ending, finding, measures, steps_due,
            steps_on_time, days_open, destroyed_on, step_days)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )
    .bind(&tombstone.procedure)
    .bind(&tombstone.channel)
    .bind(serde_json::to_string(&tombstone.natures).unwrap_or_else(|_| "[]".into()))
    .bind(tombstone.received.0)
    .bind(tombstone.received.1)
    .bind(tombstone.ended.0)
    .bind(tombstone.ended.1)
    .bind(&tombstone.ending)
    .bind(&tombstone.finding)
    .bind(serde_json::to_string(&tombstone.measures).unwrap_or_else(|_| "[]".into()))
    .bind(tombstone.steps_due)
    .bind(tombstone.steps_on_time)
    .bind(tombstone.days_open)
    .bind(today)
    .bind(serde_json::to_string(&tombstone.step_days).unwrap_or_else(|_| "[]".into()))
    .execute(&mut *conn)
    .await?;
    for table in [
        "complaint_keys",
        "complaint_contents",
        "complaint_attachments",
        "complaint_facts",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE complaint_id = ?1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM complaints WHERE id = ?1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Every tombstone, as the figures count it.
pub(crate) async fn tombstones(pool: &SqlitePool) -> sqlx::Result<Vec<ComplaintFacts>> {
    type Row = (
        String,
        String,
        String,
        i32,
        u32,
        i32,
        u32,
        String,
        Option<String>,
        String,
        i64,
        i64,
        i64,
        String,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT procedure, channel, natures, received_year, received_quarter, ended_year,
                ended_quarter, ending, finding, measures, steps_due, steps_on_time, days_open,
                step_days
           FROM complaint_tombstones",
    )
    .fetch_all(pool)
    .await?;
    let list = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|r| ComplaintFacts {
            procedure: r.0,
            channel: r.1,
            natures: list(&r.2),
            received: (r.3, r.4),
            ended: (r.5, r.6),
            ending: r.7,
            finding: r.8,
            measures: list(&r.9),
            steps_due: r.10,
            steps_on_time: r.11,
            days_open: r.12,
            step_days: serde_json::from_str(&r.13).unwrap_or_default(),
        })
        .collect())
}
