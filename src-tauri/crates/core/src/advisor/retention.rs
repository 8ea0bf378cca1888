//! Destruction: the due list, destroying one case (early only with a
//! reason), and purging what expired.

use chrono::NaiveDate;
use sqlx::SqlitePool;
use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::register::register_settings;
use super::requests::*;
use super::store;
use crate::error::{ApiError, ApiResult, Reason};
use crate::retention;
use crate::session::{audited, Session};

/// Every closed case with the day it becomes due for destruction.
pub(super) async fn destruction_list(
    pool: &SqlitePool,
    today: NaiveDate,
) -> ApiResult<Vec<DestructionItem>> {
    let settings = register_settings(pool).await?;
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

impl Session {
    /// Closed cases with the day each becomes due for destruction.
    pub async fn destruction_list(&self) -> ApiResult<Vec<DestructionItem>> {
        let today = self.today();
        self.with_open(async |o| destruction_list(&o.advisor()?, today).await)
            .await
    }

    /// Destroys one case after the reference was typed again; a case that
    /// is open or not yet due needs a reason. What stays is a tombstone
    /// without anything identifying, and an audit row. Backups made
    /// earlier still hold the case until they are deleted.
    pub async fn destroy_case(&self, req: DestroyRequest) -> ApiResult<String> {
        let today = self.today();
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let (id, reference) = case_id(&pool, &req.case).await?;
            if req.confirm.trim() != reference {
                return Err(ApiError::validation("confirm", Reason::Mismatch));
            }
            let due = destruction_list(&pool, today)
                .await?
                .into_iter()
                .find(|d| d.id == id)
                .is_some_and(|d| d.due_on <= today);
            let object = match (due, req.reason) {
                (true, _) => reference.clone(),
                (false, Some(r)) => format!("{reference}:{}", crate::advisor::model::code(&r)),
                (false, None) => return Err(ApiError::validation("reason", Reason::Required)),
            };
            let action = if due {
                "case.destroyed"
            } else {
                "case.destroyed_early"
            };
            audited(&pool, now, &o.actor(), async |tx| {
                store::destroy(tx, id, today).await?;
                Ok(((), Entry::new(action, Some(&object))))
            })
            .await?;
            store::scrub(&pool).await?;
            Ok(reference)
        })
        .await
    }

    /// Destroys every case past its due date and grace period.
    pub async fn purge_expired(&self, req: PurgeRequest) -> ApiResult<Vec<String>> {
        if !req.confirm {
            return Err(ApiError::validation("confirm", Reason::Required));
        }
        let today = self.today();
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let expired: Vec<DestructionItem> = destruction_list(&pool, today)
                .await?
                .into_iter()
                .filter(|d| d.expired)
                .collect();
            if expired.is_empty() {
                return Ok(vec![]);
            }
            let mut tx = pool.begin().await?;
            for d in &expired {
                store::destroy(&mut tx, d.id, today).await?;
                vertrouwd_vault::audit::append(
                    &mut tx,
                    now,
                    &o.actor(),
                    "case.destroyed",
                    Some(&d.reference),
                )
                .await?;
            }
            tx.commit().await?;
            store::scrub(&pool).await?;
            Ok(expired.into_iter().map(|d| d.reference).collect())
        })
        .await
    }
}
