//! Destruction: the due list, destroying one case (early only with a
//! reason), and purging what expired.

use chrono::NaiveDate;
use sqlx::SqlitePool;
use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::register::settings_of;
use super::requests::*;
use super::store;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, Reason};
use crate::retention;

/// Every closed case with the day it becomes due for destruction.
async fn due_list(pool: &SqlitePool, today: NaiveDate) -> ApiResult<Vec<DestructionItem>> {
    let settings = settings_of(pool).await?;
    let terms = retention::Terms {
        retention_months: settings.retention_months,
        grace_days: settings.grace_days,
    };
    let released = store::released_years(pool).await?;
    Ok(store::closed_cases(pool)
        .await?
        .into_iter()
        .map(|(id, reference, closed_on)| {
            let released_on = released.get(&retention::counting_year(closed_on)).copied();
            let due = retention::due(closed_on, released_on, terms, today);
            DestructionItem {
                id,
                reference,
                closed_on,
                due_on: due.due_on,
                counted: due.counted,
                expired: due.expired,
            }
        })
        .collect())
}

/// Closed cases with the day each becomes due for destruction.
pub async fn destruction_list(cx: &Context<'_>) -> ApiResult<Vec<DestructionItem>> {
    due_list(&register(cx)?, cx.today()).await
}

/// Destroys one case after the reference was typed again; a case that is
/// open or not yet due needs a reason. What stays is a tombstone without
/// anything identifying, and an audit row. Backups made earlier still hold
/// the case until they are deleted.
pub async fn destroy_case(cx: &Context<'_>, req: DestroyRequest) -> ApiResult<String> {
    let today = cx.today();
    let pool = register(cx)?;
    let (id, reference) = case_id(&pool, &req.case).await?;
    if req.confirm.trim() != reference {
        return Err(ApiError::validation("confirm", Reason::Mismatch));
    }
    let due = due_list(&pool, today)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .is_some_and(|d| d.due_on <= today);
    let object = match (due, req.reason) {
        (true, _) => reference.clone(),
        (false, Some(r)) => format!("{reference}:{}", super::model::code(&r)),
        (false, None) => return Err(ApiError::validation("reason", Reason::Required)),
    };
    let action = if due {
        "case.destroyed"
    } else {
        "case.destroyed_early"
    };
    cx.audited(&pool, async |tx| {
        store::destroy(tx, id, today).await?;
        Ok(((), Entry::new(action, Some(&object))))
    })
    .await?;
    retention::scrub(&pool, store::SEARCH_INDEXES).await?;
    Ok(reference)
}

/// Destroys every case past its due date and grace period.
pub async fn purge_expired(cx: &Context<'_>, req: PurgeRequest) -> ApiResult<Vec<String>> {
    if !req.confirm {
        return Err(ApiError::validation("confirm", Reason::Required));
    }
    let today = cx.today();
    let pool = register(cx)?;
    let expired: Vec<DestructionItem> = due_list(&pool, today)
        .await?
        .into_iter()
        .filter(|d| d.expired)
        .collect();
    if expired.is_empty() {
        return Ok(vec![]);
    }
    cx.audited_all(&pool, async |tx| {
        let mut rows = vec![];
        for d in &expired {
            store::destroy(tx, d.id, today).await?;
            rows.push(Entry::new("case.destroyed", Some(&d.reference)));
        }
        Ok(((), rows))
    })
    .await?;
    retention::scrub(&pool, store::SEARCH_INDEXES).await?;
    Ok(expired.into_iter().map(|d| d.reference).collect())
}
