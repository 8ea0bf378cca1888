//! What is recorded in a case after the intake: conversations,
//! interventions, follow-ups, consents and attachments.

use super::*;

pub async fn add_conversation(
    conn: &mut SqliteConnection,
    case_id: i64,
    c: &NewConversation,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO conversations (case_id, held_on, minutes, mode, with_whom, notes, next_step, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
    )
    .bind(case_id)
    .bind(c.held_on)
    .bind(c.minutes)
    .bind(code(&c.mode))
    .bind(&c.with_whom)
    .bind(&c.notes)
    .bind(&c.next_step)
    .bind(now.to_rfc3339())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("UPDATE cases SET updated_at = ?2 WHERE id = ?1")
        .bind(case_id)
        .bind(now.to_rfc3339())
        .execute(&mut *conn)
        .await?;
    reindex(conn, case_id).await?;
    Ok(id)
}

pub async fn add_intervention(
    conn: &mut SqliteConnection,
    case_id: i64,
    kind: InterventionKind,
    referral: Option<Referral>,
    on: NaiveDate,
    note: Option<&str>,
) -> sqlx::Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO interventions (case_id, kind, referral, on_date, note)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(case_id)
    .bind(code(&kind))
    .bind(referral.map(|r| code(&r)))
    .bind(on)
    .bind(note)
    .fetch_one(&mut *conn)
    .await?;
    reindex(conn, case_id).await?;
    Ok(id)
}

pub async fn add_follow_up(
    conn: &mut SqliteConnection,
    case_id: i64,
    due: NaiveDate,
    what: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO follow_ups (case_id, due_on, what) VALUES (?1, ?2, ?3) RETURNING id",
    )
    .bind(case_id)
    .bind(due)
    .bind(what)
    .fetch_one(conn)
    .await
}

/// Marks a follow-up done on `done` (or open again with `None`); answers
/// its case's id and reference, `None` when there is no such follow-up.
pub async fn set_follow_up_done(
    conn: &mut SqliteConnection,
    id: i64,
    done: Option<NaiveDate>,
) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as(
        "UPDATE follow_ups SET done_on = ?2 WHERE id = ?1
         RETURNING case_id, (SELECT reference FROM cases WHERE id = follow_ups.case_id)",
    )
    .bind(id)
    .bind(done)
    .fetch_optional(conn)
    .await
}

/// A consent whose fields have been checked.
#[derive(Debug, Clone)]
pub struct NewConsent {
    pub kind: ConsentKind,
    pub given: bool,
    pub recipient: Option<String>,
    pub what: Option<String>,
    pub until: Option<NaiveDate>,
    pub recorded_on: NaiveDate,
}

pub async fn add_consent(
    conn: &mut SqliteConnection,
    case_id: i64,
    c: &NewConsent,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO consents (case_id, kind, given, recipient, what, until, recorded_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(case_id)
    .bind(code(&c.kind))
    .bind(c.given)
    .bind(&c.recipient)
    .bind(&c.what)
    .bind(c.until)
    .bind(c.recorded_on)
    .fetch_one(conn)
    .await
}

pub async fn add_attachment(
    conn: &mut SqliteConnection,
    case_id: i64,
    file_name: &str,
    media_type: &str,
    content: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO attachments (case_id, file_name, media_type, size, content, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(case_id)
    .bind(file_name)
    .bind(media_type)
    .bind(content.len() as i64)
    .bind(content)
    .bind(now.to_rfc3339())
    .fetch_one(conn)
    .await
}

/// An attachment's case reference, name, media type and content.
pub async fn attachment(
    pool: &SqlitePool,
    id: i64,
) -> sqlx::Result<Option<(String, String, String, Vec<u8>)>> {
    sqlx::query_as(
        "SELECT c.reference, a.file_name, a.media_type, a.content
         FROM attachments a JOIN cases c ON c.id = a.case_id WHERE a.id = ?1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}
