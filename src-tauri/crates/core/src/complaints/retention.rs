//! Destruction, as in the advisor's register: the due list, destroying one
//! complaint (before it is due only with a reason), and purging what
//! expired. A complaint's boxes go with it, and with them the only copies
//! of its key; what stays is a tombstone of codes and counts. Only a user
//! who may read a complaint can destroy it (the tombstone is made from
//! what it holds), so each reader sees and purges the complaints they may
//! read.

use sqlx::SqlitePool;
use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::figures::ComplaintFacts;
use super::model::Content;
use super::register::complaint_settings;
use super::requests::*;
use super::store;
use crate::code_lists::code;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, Reason};
use crate::retention::{self, DestructionItem, PurgeRequest};

/// Every ended complaint this user may read, with the day it becomes due.
async fn due_list(cx: &Context<'_>, pool: &SqlitePool) -> ApiResult<Vec<DestructionItem>> {
    let settings = complaint_settings(cx).await?;
    let terms = retention::Terms {
        retention_months: settings.retention_months,
        grace_days: settings.grace_days,
    };
    let today = cx.today();
    let mut out: Vec<DestructionItem> = readable(cx, pool)
        .await?
        .into_iter()
        .filter_map(|(id, _, s)| {
            let ended = s.ended_on?;
            let due = retention::due(ended, None, terms, today);
            Some(DestructionItem {
                id,
                reference: s.reference,
                closed_on: ended,
                due_on: due.due_on,
                counted: due.counted,
                expired: due.expired,
            })
        })
        .collect();
    out.sort_by(|a, b| a.due_on.cmp(&b.due_on).then(a.id.cmp(&b.id)));
    Ok(out)
}

pub async fn complaint_destruction_list(cx: &Context<'_>) -> ApiResult<Vec<DestructionItem>> {
    due_list(cx, &register(cx)?).await
}

/// Destroys the complaints `ids` in one transaction, each with its audit
/// row, then scrubs the WAL and the free pages.
async fn destroy(cx: &Context<'_>, pool: &SqlitePool, ids: &[(i64, String)]) -> ApiResult<()> {
    let today = cx.today();
    cx.audited_all(pool, async |tx| {
        let mut rows = vec![];
        let calendars = calendars(tx).await?;
        for (id, object) in ids {
            let opened = open(cx, tx, *id).await?;
            // What stays: the facts the figures count, nothing more.
            let tombstone = ComplaintFacts::of(&opened.content, &calendars, today);
            store::destroy(tx, *id, &tombstone, today).await?;
            unjoin(cx, tx, &opened.content).await?;
            let action = if object.contains(':') {
                "complaint.destroyed_early"
            } else {
                "complaint.destroyed"
            };
            rows.push(Entry::new(action, Some(object)));
        }
        Ok(((), rows))
    })
    .await?;
    retention::scrub(pool, &[]).await?;
    Ok(())
}

/// Takes a destroyed complaint out of the complaints it was joined with
/// (those destroyed with it are gone already).
async fn unjoin(
    cx: &Context<'_>,
    tx: &mut sqlx::SqliteConnection,
    gone: &Content,
) -> ApiResult<()> {
    for reference in &gone.joined {
        let Some(id) = store::find(&mut *tx, reference).await? else {
            continue;
        };
        let mut other = open(cx, tx, id).await?;
        other.content.joined.retain(|r| *r != gone.reference);
        write(cx, tx, id, &other.key, &other.content).await?;
    }
    Ok(())
}

/// Destroys one complaint after its reference was typed again; one that is
/// open or not yet due needs a reason (its code goes into the audit row).
pub async fn destroy_complaint(
    cx: &Context<'_>,
    req: DestroyComplaintRequest,
) -> ApiResult<String> {
    let pool = register(cx)?;
    let id = complaint_id(&pool, &req.complaint).await?;
    let reference = {
        let mut conn = pool.acquire().await?;
        open(cx, &mut conn, id).await?.content.reference
    };
    if req.confirm.trim() != reference {
        return Err(ApiError::validation("confirm", Reason::Mismatch));
    }
    let today = cx.today();
    let due = due_list(cx, &pool)
        .await?
        .into_iter()
        .any(|d| d.id == id && d.due_on <= today);
    let object = match (due, req.reason) {
        (true, _) => reference.clone(),
        (false, Some(r)) => format!("{reference}:{}", code(&r)),
        (false, None) => return Err(ApiError::validation("reason", Reason::Required)),
    };
    destroy(cx, &pool, &[(id, object)]).await?;
    Ok(reference)
}

/// Destroys every complaint this user may read that is past its due date
/// and grace period.
pub async fn purge_expired_complaints(
    cx: &Context<'_>,
    req: PurgeRequest,
) -> ApiResult<Vec<String>> {
    if !req.confirm {
        return Err(ApiError::validation("confirm", Reason::Required));
    }
    let pool = register(cx)?;
    let expired: Vec<(i64, String)> = due_list(cx, &pool)
        .await?
        .into_iter()
        .filter(|d| d.expired)
        .map(|d| (d.id, d.reference))
        .collect();
    if expired.is_empty() {
        return Ok(vec![]);
    }
    destroy(cx, &pool, &expired).await?;
    Ok(expired.into_iter().map(|(_, r)| r).collect())
}
