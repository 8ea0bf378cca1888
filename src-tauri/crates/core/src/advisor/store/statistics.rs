//! The facts the year's statistics count, from live cases and
//! tombstones alike, and the years already released.

use super::*;
use crate::dates::quarter;

pub(super) type TombstoneRow = (
    i32,
    u32,
    Option<i32>,
    Option<u32>,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
);

/// What the statistics need of every live case, by case id.
pub(super) async fn live_facts(
    conn: &mut SqliteConnection,
) -> sqlx::Result<BTreeMap<i64, CaseFacts>> {
    let cases: Vec<FactRow> = sqlx::query_as(
        "SELECT id, first_contact, closed_on, reporter_role, outcome, other_minutes FROM cases",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut by_id: BTreeMap<i64, CaseFacts> = cases
        .into_iter()
        .map(|(id, opened, closed, role, outcome, other)| {
            let mut work = BTreeMap::new();
            if other > 0 {
                work.insert(closed.unwrap_or(opened).year(), (0, other));
            }
            (
                id,
                CaseFacts {
                    opened: (opened.year(), quarter(opened)),
                    closed: closed.map(|c| (c.year(), quarter(c))),
                    natures: vec![],
                    reporter_role: from_code(&role).unwrap_or(ReporterRole::External),
                    relations: vec![],
                    interventions: vec![],
                    outcome: outcome.and_then(|o| from_code(&o)),
                    work,
                },
            )
        })
        .collect();
    let natures: Vec<(i64, i64)> = sqlx::query_as("SELECT case_id, nature_id FROM case_natures")
        .fetch_all(&mut *conn)
        .await?;
    for (case, nature) in natures {
        if let Some(f) = by_id.get_mut(&case) {
            f.natures.push(nature);
        }
    }
    let persons: Vec<(i64, String)> = sqlx::query_as("SELECT case_id, relation FROM case_persons")
        .fetch_all(&mut *conn)
        .await?;
    for (case, relation) in persons {
        if let (Some(f), Some(r)) = (by_id.get_mut(&case), from_code(&relation)) {
            f.relations.push(r);
        }
    }
    let interventions: Vec<(i64, String)> =
        sqlx::query_as("SELECT case_id, kind FROM interventions")
            .fetch_all(&mut *conn)
            .await?;
    for (case, kind) in interventions {
        if let (Some(f), Some(k)) = (by_id.get_mut(&case), from_code(&kind)) {
            f.interventions.push(k);
        }
    }
    let work: Vec<(i64, NaiveDate, i64)> =
        sqlx::query_as("SELECT case_id, held_on, minutes FROM conversations")
            .fetch_all(&mut *conn)
            .await?;
    for (case, held_on, minutes) in work {
        if let Some(f) = by_id.get_mut(&case) {
            let e = f.work.entry(held_on.year()).or_insert((0, 0));
            e.0 += 1;
            e.1 += minutes;
        }
    }
    for f in by_id.values_mut() {
        tidy(f);
    }
    Ok(by_id)
}

pub(super) fn tidy(f: &mut CaseFacts) {
    f.natures.sort_unstable();
    f.natures.dedup();
    f.relations.sort_unstable();
    f.relations.dedup();
    f.interventions.sort_unstable();
    f.interventions.dedup();
}

/// What the statistics need of every case, live or destroyed.
pub async fn facts(pool: &SqlitePool) -> sqlx::Result<Vec<CaseFacts>> {
    let mut conn = pool.acquire().await?;
    let mut all: Vec<CaseFacts> = live_facts(&mut conn).await?.into_values().collect();
    let tombstones: Vec<TombstoneRow> = sqlx::query_as(
        "SELECT opened_year, opened_quarter, closed_year, closed_quarter, natures, reporter_role,
                relations, interventions, outcome, work FROM tombstones",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (oy, oq, cy, cq, natures, role, relations, interventions, outcome, work) in tombstones {
        all.push(CaseFacts {
            opened: (oy, oq),
            closed: cy.zip(cq),
            natures: serde_json::from_str(&natures).unwrap_or_default(),
            reporter_role: from_code(&role).unwrap_or(ReporterRole::External),
            relations: serde_json::from_str(&relations).unwrap_or_default(),
            interventions: serde_json::from_str(&interventions).unwrap_or_default(),
            outcome: outcome.and_then(|o| from_code(&o)),
            work: serde_json::from_str(&work).unwrap_or_default(),
        });
    }
    for f in &mut all {
        tidy(f);
    }
    Ok(all)
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// The years for which statistics were released, with the first release date.
pub async fn released_years(pool: &SqlitePool) -> sqlx::Result<BTreeMap<i32, NaiveDate>> {
    let rows: Vec<(i32, String)> =
        sqlx::query_as("SELECT year, min(released_at) FROM releases GROUP BY year")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(y, at)| {
            DateTime::parse_from_rfc3339(&at)
                .ok()
                .map(|d| (y, d.date_naive()))
        })
        .collect())
}

/// Keeps a released year's statistics (the release as JSON) in advisor.db.
pub async fn add_release(
    conn: &mut SqliteConnection,
    year: i32,
    k: u32,
    published: bool,
    body: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO releases (year, k, released_at, published, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(year)
    .bind(k)
    .bind(now.to_rfc3339())
    .bind(published)
    .bind(body)
    .execute(conn)
    .await?;
    Ok(())
}

/// The body of the latest release of `year`, if it was released.
pub async fn latest_release(pool: &SqlitePool, year: i32) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT body FROM releases WHERE year = ?1 ORDER BY id DESC LIMIT 1")
        .bind(year)
        .fetch_optional(pool)
        .await
}
