//! The advisor's activities besides cases, kept during the year for the
//! jaarverslag: prevention sessions and information meetings (with how
//! many people they reached), and the advisor's own intervision and
//! training, whose hours count towards re-certification.

use chrono::NaiveDate;
use vertrouwd_vault::audit::Entry;

use super::access::register;
use super::requests::ActivityFilter;
use super::store;
use super::*;
use crate::context::Context;
use crate::dates::parse_date;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::releases::ActivityTotal;
use crate::validate::{not_in_future, optional_text};

/// The longest activity, in minutes (a day and a night).
pub const MAX_MINUTES: u32 = 24 * 60;
/// The largest audience.
pub const MAX_AUDIENCE: u32 = 100_000;
/// The longest topic.
pub const MAX_TOPIC: usize = 200;

/// The days of `year`, or of every year when none is given.
fn span(year: Option<i32>) -> (NaiveDate, NaiveDate) {
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    match year {
        Some(y) => (day(y, 1, 1), day(y, 12, 31)),
        None => (day(1, 1, 1), day(9999, 12, 31)),
    }
}

/// The activities of a year (or all), oldest first.
pub async fn activities(cx: &Context<'_>, req: ActivityFilter) -> ApiResult<Vec<Activity>> {
    let (from, to) = span(req.year);
    Ok(store::activities(&register(cx)?, from, to).await?)
}

/// Records an activity that took place (not in the future).
pub async fn add_activity(cx: &Context<'_>, input: ActivityInput) -> ApiResult<Activity> {
    let held_on = not_in_future(
        parse_date(&input.held_on, "held_on")?,
        cx.today(),
        "held_on",
    )?;
    if input.minutes == 0 || input.minutes > MAX_MINUTES {
        return Err(ApiError::validation("minutes", Reason::OutOfRange));
    }
    if input.audience.is_some_and(|a| a > MAX_AUDIENCE) {
        return Err(ApiError::validation("audience", Reason::OutOfRange));
    }
    let topic = optional_text(input.topic.as_deref(), "topic", MAX_TOPIC)?;
    let pool = register(cx)?;
    let id = cx
        .audited(&pool, async |tx| {
            let id = store::add_activity(
                tx,
                held_on,
                input.kind,
                input.audience,
                input.minutes,
                topic.as_deref(),
            )
            .await?;
            Ok((id, Entry::new("activity.added", Some(&id.to_string()))))
        })
        .await?;
    Ok(Activity {
        id,
        held_on,
        kind: input.kind,
        audience: input.audience,
        minutes: input.minutes,
        topic,
    })
}

/// Deletes an activity recorded in error.
pub async fn delete_activity(cx: &Context<'_>, id: i64) -> ApiResult<()> {
    let pool = register(cx)?;
    cx.audited(&pool, async |tx| {
        if !store::delete_activity(tx, id).await? {
            return Err(ApiError::new(ErrorCode::NotFound, "no such activity"));
        }
        Ok(((), Entry::new("activity.deleted", Some(&id.to_string()))))
    })
    .await
}

/// The activities that reached people (prevention, information, other;
/// not the advisor's own intervision and courses), totalled by kind.
pub(crate) fn activity_totals(activities: &[Activity]) -> Vec<ActivityTotal> {
    let mut per_kind: std::collections::BTreeMap<_, ActivityTotal> = Default::default();
    for a in activities.iter().filter(|a| !a.kind.own_development()) {
        let e = per_kind.entry(a.kind).or_insert_with(|| ActivityTotal {
            kind: crate::code_lists::code(&a.kind),
            sessions: 0,
            participants: 0,
            minutes: 0,
        });
        e.sessions += 1;
        e.participants += a.audience.unwrap_or(0);
        e.minutes += a.minutes;
    }
    per_kind.into_values().collect()
}
