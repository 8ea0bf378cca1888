//! What HR's annual report says in its own words, and its plan: the
//! introduction, the conclusions (signals and recommendations) and, for a
//! public body, the summary art. 9:12a Awb asks to publish — kept per year
//! as a draft ([`crate::report_texts`]) — and the plan van aanpak: every
//! recommendation an action with an owner and a date, whose status next
//! year's report shows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;
use vertrouwd_vault::audit::Entry;

use super::writing::hr;
use super::HrReportYear;
use crate::code_lists::code;
use crate::context::Context;
use crate::dates::{check_year, parse_date};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::report_texts;
use crate::validate::{optional_text, required_text};

/// The report's own words for a year (the little Markdown of
/// [`crate::markdown`]); an empty section is left out of the report.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct HrReportTexts {
    pub year: i32,
    #[serde(default)]
    pub introduction: String,
    /// Signals and recommendations, in prose; the actions follow it.
    #[serde(default)]
    pub conclusions: String,
    /// For a public body: the publishable summary of the complaints about
    /// it (art. 9:12a Awb).
    #[serde(default)]
    pub awb_summary: String,
}

const SECTIONS: [&str; 3] = ["introduction", "conclusions", "awb_summary"];

/// How an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// A recommendation of a year's report, as an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportAction {
    pub id: i64,
    /// The report that recommended it.
    pub year: i32,
    pub recommendation: String,
    /// Who sees to it (a role or a name).
    pub owner: String,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub status: ActionStatus,
    pub note: Option<String>,
}

/// A new action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportActionInput {
    pub year: i32,
    pub recommendation: String,
    pub owner: String,
    /// The date it is due (dd-mm-jjjj or jjjj-mm-dd).
    pub due_on: String,
}

/// How an action now stands, with a word on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportActionChange {
    pub id: i64,
    pub status: ActionStatus,
    #[serde(default)]
    pub note: Option<String>,
}

/// The longest recommendation, owner and note.
pub const MAX_RECOMMENDATION: usize = 1_000;
pub const MAX_OWNER: usize = 200;
pub const MAX_NOTE: usize = 1_000;

/// The report's own words for a year, as last saved.
pub async fn hr_annual_report_texts(
    cx: &Context<'_>,
    req: HrReportYear,
) -> ApiResult<HrReportTexts> {
    check_year(req.year)?;
    let [introduction, conclusions, awb_summary] =
        <[String; 3]>::try_from(report_texts::load(&hr(cx)?, req.year, &SECTIONS).await?)
            .unwrap_or_default();
    Ok(HrReportTexts {
        year: req.year,
        introduction,
        conclusions,
        awb_summary,
    })
}

/// Keeps the report's own words for a year.
pub async fn update_hr_annual_report_texts(
    cx: &Context<'_>,
    req: HrReportTexts,
) -> ApiResult<HrReportTexts> {
    check_year(req.year)?;
    let texts: Vec<(&str, &str)> = SECTIONS
        .into_iter()
        .zip([&req.introduction, &req.conclusions, &req.awb_summary].map(String::as_str))
        .collect();
    report_texts::save(
        cx,
        &hr(cx)?,
        req.year,
        &texts,
        "hr_annual_report.texts_changed",
    )
    .await?;
    hr_annual_report_texts(cx, HrReportYear { year: req.year }).await
}

type ActionRow = (i64, i32, String, String, NaiveDate, String, Option<String>);

fn action((id, year, recommendation, owner, due_on, status, note): ActionRow) -> ReportAction {
    let status = match status.as_str() {
        "in_progress" => ActionStatus::InProgress,
        "done" => ActionStatus::Done,
        "dropped" => ActionStatus::Dropped,
        _ => ActionStatus::Planned,
    };
    ReportAction {
        id,
        year,
        recommendation,
        owner,
        due_on,
        status,
        note,
    }
}

async fn actions_of(pool: &SqlitePool, from: i32, to: i32) -> sqlx::Result<Vec<ReportAction>> {
    let rows: Vec<ActionRow> = sqlx::query_as(
        "SELECT id, year, recommendation, owner, due_on, status, note FROM report_actions
          WHERE year BETWEEN ?1 AND ?2 ORDER BY year, due_on, id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(action).collect())
}

async fn action_by_id(conn: &mut SqliteConnection, id: i64) -> ApiResult<ReportAction> {
    let row: Option<ActionRow> = sqlx::query_as(
        "SELECT id, year, recommendation, owner, due_on, status, note FROM report_actions
          WHERE id = ?1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(action)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, "no such action"))
}

/// The actions a year's report recommended and those of the year before
/// (whose status the report shows), oldest year first.
pub async fn report_actions(cx: &Context<'_>, req: HrReportYear) -> ApiResult<Vec<ReportAction>> {
    check_year(req.year)?;
    Ok(actions_of(&hr(cx)?, req.year - 1, req.year).await?)
}

/// Adds a recommendation of a year's report as an action.
pub async fn add_report_action(
    cx: &Context<'_>,
    input: ReportActionInput,
) -> ApiResult<ReportAction> {
    check_year(input.year)?;
    let recommendation =
        required_text(&input.recommendation, "recommendation", MAX_RECOMMENDATION)?;
    let owner = required_text(&input.owner, "owner", MAX_OWNER)?;
    let due_on = parse_date(&input.due_on, "due_on")?;
    let pool = hr(cx)?;
    cx.audited(&pool, async |tx| {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO report_actions (year, recommendation, owner, due_on)
             VALUES (?1, ?2, ?3, ?4) RETURNING id",
        )
        .bind(input.year)
        .bind(&recommendation)
        .bind(&owner)
        .bind(due_on)
        .fetch_one(&mut *tx)
        .await?;
        let added = action_by_id(tx, id).await?;
        Ok((
            added,
            Entry::new("report_action.added", Some(&id.to_string())),
        ))
    })
    .await
}

/// Records how an action stands.
pub async fn update_report_action(
    cx: &Context<'_>,
    req: ReportActionChange,
) -> ApiResult<ReportAction> {
    let note = optional_text(req.note.as_deref(), "note", MAX_NOTE)?;
    let pool = hr(cx)?;
    cx.audited(&pool, async |tx| {
        let changed = sqlx::query("UPDATE report_actions SET status = ?2, note = ?3 WHERE id = ?1")
            .bind(req.id)
            .bind(code(&req.status))
            .bind(&note)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if changed == 0 {
            return Err(ApiError::new(ErrorCode::NotFound, "no such action"));
        }
        let action = action_by_id(tx, req.id).await?;
        Ok((
            action,
            Entry::new("report_action.changed", Some(&req.id.to_string())),
        ))
    })
    .await
}

/// Deletes an action added in error.
pub async fn delete_report_action(cx: &Context<'_>, id: i64) -> ApiResult<()> {
    let pool = hr(cx)?;
    cx.audited(&pool, async |tx| {
        let gone = sqlx::query("DELETE FROM report_actions WHERE id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if gone == 0 {
            return Err(ApiError::new(ErrorCode::NotFound, "no such action"));
        }
        Ok((
            (),
            Entry::new("report_action.deleted", Some(&id.to_string())),
        ))
    })
    .await
}
