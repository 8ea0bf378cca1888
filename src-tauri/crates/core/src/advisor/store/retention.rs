//! Destroying a case: its rows, its index entry and attachments scrubbed,
//! a tombstone kept; and the closed cases the destruction list shows.

use super::*;

/// Destroys a case: writes its tombstone (nothing identifying), deletes its
/// rows, attachments and index entry. The caller commits, then calls
/// [`crate::retention::scrub`] with [`SEARCH_INDEXES`] so no trace stays
/// in free pages, the index or the WAL.
pub async fn destroy(conn: &mut SqliteConnection, id: i64, today: NaiveDate) -> sqlx::Result<()> {
    let facts = live_facts(conn).await?.remove(&id);
    let dates: Option<(NaiveDate, Option<NaiveDate>)> =
        sqlx::query_as("SELECT first_contact, closed_on FROM cases WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let (Some(f), Some((opened, closed))) = (facts, dates) {
        sqlx::query(
            "INSERT INTO tombstones (opened_year, opened_quarter, closed_year, closed_quarter,
                 natures, reporter_role, relations, interventions, outcome, days_open, work,
                 destroyed_year)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .bind(f.opened.0)
        .bind(f.opened.1)
        .bind(f.closed.map(|c| c.0))
        .bind(f.closed.map(|c| c.1))
        .bind(to_json(&f.natures))
        .bind(code(&f.reporter_role))
        .bind(to_json(&f.relations))
        .bind(to_json(&f.interventions))
        .bind(f.outcome.map(|o| code(&o)))
        .bind((closed.unwrap_or(today) - opened).num_days())
        .bind(to_json(&f.work))
        .bind(today.year())
        .execute(&mut *conn)
        .await?;
    }
    for table in [
        "case_natures",
        "case_persons",
        "conversations",
        "interventions",
        "follow_ups",
        "consents",
        "attachments",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE case_id = ?1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM cases WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM case_search WHERE rowid = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The full-text indexes a destruction must scrub.
pub const SEARCH_INDEXES: &[&str] = &["case_search"];

/// A closed case with the date from which it may be destroyed.
pub async fn closed_cases(pool: &SqlitePool) -> sqlx::Result<Vec<(i64, String, NaiveDate)>> {
    sqlx::query_as("SELECT id, reference, closed_on FROM cases WHERE closed_on IS NOT NULL ORDER BY closed_on, id")
        .fetch_all(pool)
        .await
}
