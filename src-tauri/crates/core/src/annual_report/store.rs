//! All SQL of the annual report in hr.db: its sources (the advisors'
//! releases) and the figures of each year as published.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// An imported release row: its id, year, signing key, file, and when.
pub(crate) type ReleaseRow = (i64, i32, String, String, DateTime<Utc>);

pub(crate) async fn releases(pool: &SqlitePool) -> sqlx::Result<Vec<ReleaseRow>> {
    sqlx::query_as(
        "SELECT id, year, advisor_key, file, imported_at FROM advisor_releases
          ORDER BY year DESC, id",
    )
    .fetch_all(pool)
    .await
}

/// Whether a release signed with `key` was imported before (any year).
pub(crate) async fn knows_key(conn: &mut SqliteConnection, key: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM advisor_releases WHERE advisor_key = ?1")
        .bind(key)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// Keeps a release, replacing an earlier one of the same year by the same
/// advisor; answers its id and whether it replaced one.
pub(crate) async fn keep_release(
    conn: &mut SqliteConnection,
    year: i32,
    key: &str,
    file: &str,
    at: DateTime<Utc>,
) -> sqlx::Result<(i64, bool)> {
    let replaced = sqlx::query("DELETE FROM advisor_releases WHERE year = ?1 AND advisor_key = ?2")
        .bind(year)
        .bind(key)
        .execute(&mut *conn)
        .await?
        .rows_affected()
        > 0;
    let id = sqlx::query_scalar(
        "INSERT INTO advisor_releases (year, advisor_key, file, imported_at)
         VALUES (?1, ?2, ?3, ?4) RETURNING id",
    )
    .bind(year)
    .bind(key)
    .bind(file)
    .bind(at)
    .fetch_one(conn)
    .await?;
    Ok((id, replaced))
}

/// A published report's row: its figures (JSON), when, and by whom.
pub(crate) type PublishedRow = (String, DateTime<Utc>, String);

pub(crate) async fn published(pool: &SqlitePool, year: i32) -> sqlx::Result<Option<PublishedRow>> {
    sqlx::query_as(
        "SELECT figures, published_at, published_by FROM published_reports WHERE year = ?1",
    )
    .bind(year)
    .fetch_optional(pool)
    .await
}

/// Freezes the figures of a year; answers false when that year was
/// published before (and keeps what was).
pub(crate) async fn publish(
    conn: &mut SqliteConnection,
    year: i32,
    figures: &str,
    at: DateTime<Utc>,
    by: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO published_reports (year, figures, published_at, published_by)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (year) DO NOTHING",
    )
    .bind(year)
    .bind(figures)
    .bind(at)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The published three-year report ending in `last`, when there is one.
pub(crate) async fn published_window(
    pool: &SqlitePool,
    last: i32,
) -> sqlx::Result<Option<PublishedRow>> {
    sqlx::query_as(
        "SELECT figures, published_at, published_by FROM published_windows WHERE last_year = ?1",
    )
    .bind(last)
    .fetch_optional(pool)
    .await
}

/// The years of every published three-year report: (first, last).
pub(crate) async fn window_years(pool: &SqlitePool) -> sqlx::Result<Vec<(i32, i32)>> {
    sqlx::query_as("SELECT first_year, last_year FROM published_windows ORDER BY first_year")
        .fetch_all(pool)
        .await
}

/// Freezes the figures of a three-year report; answers false when one
/// with a year in common was published before (and keeps what was).
pub(crate) async fn publish_window(
    conn: &mut SqliteConnection,
    (first, last): (i32, i32),
    figures: &str,
    at: DateTime<Utc>,
    by: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO published_windows (first_year, last_year, figures, published_at, published_by)
         SELECT ?1, ?2, ?3, ?4, ?5
          WHERE NOT EXISTS (SELECT 1 FROM published_windows
                             WHERE first_year <= ?2 AND last_year >= ?1)",
    )
    .bind(first)
    .bind(last)
    .bind(figures)
    .bind(at)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
