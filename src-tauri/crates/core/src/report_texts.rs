//! An annual report's own words, per year and section, kept as the author
//! last saved them (a draft until the report is written, and editable
//! after): the advisor's jaarverslag in advisor.db, HR's annual report in
//! hr.db, each in a table `annual_texts (year, section, text)` of the same
//! shape. A section is text in the little Markdown of [`crate::markdown`].

use sqlx::{SqliteConnection, SqlitePool};
use vertrouwd_vault::audit::Entry;

use crate::context::Context;
use crate::error::ApiResult;

/// The longest section.
pub const MAX_SECTION: usize = 50_000;

/// The texts of `year` for `sections`, in that order; an empty string for
/// a section never written.
pub async fn load(pool: &SqlitePool, year: i32, sections: &[&str]) -> ApiResult<Vec<String>> {
    let kept: Vec<(String, String)> =
        sqlx::query_as("SELECT section, text FROM annual_texts WHERE year = ?1")
            .bind(year)
            .fetch_all(pool)
            .await?;
    Ok(sections
        .iter()
        .map(|s| {
            kept.iter()
                .find(|(section, _)| section == s)
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        })
        .collect())
}

/// Keeps the `texts` of `year` (section, text) in one transaction with
/// its audit row `action`: each checked for length first, so a text too
/// long changes nothing (reason `too_long` on that section).
pub async fn save(
    cx: &Context<'_>,
    pool: &SqlitePool,
    year: i32,
    texts: &[(&str, &str)],
    action: &'static str,
) -> ApiResult<()> {
    let mut checked = vec![];
    for (section, text) in texts {
        let text =
            crate::validate::optional_text(Some(text), section, MAX_SECTION)?.unwrap_or_default();
        checked.push((*section, text));
    }
    let object = year.to_string();
    cx.audited(pool, async |tx| {
        for (section, text) in &checked {
            keep(tx, year, section, text).await?;
        }
        Ok(((), Entry::new(action, Some(&object))))
    })
    .await
}

/// Keeps one section's text of `year` (an empty one is forgotten).
async fn keep(
    conn: &mut SqliteConnection,
    year: i32,
    section: &str,
    text: &str,
) -> sqlx::Result<()> {
    if text.trim().is_empty() {
        sqlx::query("DELETE FROM annual_texts WHERE year = ?1 AND section = ?2")
            .bind(year)
            .bind(section)
            .execute(conn)
            .await?;
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO annual_texts (year, section, text) VALUES (?1, ?2, ?3)
         ON CONFLICT (year, section) DO UPDATE SET text = excluded.text",
    )
    .bind(year)
    .bind(section)
    .bind(text)
    .execute(conn)
    .await?;
    Ok(())
}
