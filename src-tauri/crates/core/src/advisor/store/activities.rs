//! The advisor's activities besides cases.

use chrono::NaiveDate;
use sqlx::{SqliteConnection, SqlitePool};

use super::super::model::{Activity, ActivityKind};
use crate::code_lists::code;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    held_on: NaiveDate,
    kind: String,
    audience: Option<i64>,
    minutes: i64,
    topic: Option<String>,
}

impl Row {
    fn activity(self) -> Option<Activity> {
        Some(Activity {
            id: self.id,
            held_on: self.held_on,
            kind: serde_json::from_value(serde_json::Value::String(self.kind)).ok()?,
            audience: self.audience.and_then(|a| u32::try_from(a).ok()),
            minutes: u32::try_from(self.minutes).ok()?,
            topic: self.topic,
        })
    }
}

/// The activities held from `from` to `to` (both included), oldest first.
pub async fn activities(
    pool: &SqlitePool,
    from: NaiveDate,
    to: NaiveDate,
) -> sqlx::Result<Vec<Activity>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, held_on, kind, audience, minutes, topic FROM activities
          WHERE held_on BETWEEN ?1 AND ?2 ORDER BY held_on, id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().filter_map(Row::activity).collect())
}

pub async fn add_activity(
    conn: &mut SqliteConnection,
    held_on: NaiveDate,
    kind: ActivityKind,
    audience: Option<u32>,
    minutes: u32,
    topic: Option<&str>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO activities (held_on, kind, audience, minutes, topic)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(held_on)
    .bind(code(&kind))
    .bind(audience)
    .bind(minutes)
    .bind(topic)
    .fetch_one(conn)
    .await
}

/// Deletes one activity; whether it was there.
pub async fn delete_activity(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM activities WHERE id = ?1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
