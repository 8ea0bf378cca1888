//! How every advisor use case reaches the register: advisor.db only for a
//! user with the advisor role who holds its key, a case by its reference,
//! a change and its audit row in one transaction.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{SqliteConnection, SqlitePool};
use vertrouwd_vault::audit::Entry;

use super::store;
use super::*;
use crate::compartments::ADVISOR;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::roles::Role;
use crate::session::{audited, Open, Session};

pub(super) fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such case")
}

impl Open {
    /// advisor.db, for a user with the advisor role who holds its key.
    pub(crate) fn advisor(&self) -> ApiResult<SqlitePool> {
        if !self.has_role(Role::Advisor) {
            return Err(ApiError::forbidden("the register is the advisor's"));
        }
        Ok(self.vault.pool(ADVISOR)?.clone())
    }

    pub(super) fn actor(&self) -> String {
        self.user.id.clone()
    }

    /// Changes one case of the register: `write` runs in a transaction
    /// with the audit row `action` for the case, and the case is read back.
    pub(super) async fn change_case(
        &self,
        pool: &SqlitePool,
        case: &str,
        now: DateTime<Utc>,
        action: &'static str,
        write: impl AsyncFnOnce(&mut SqliteConnection, i64) -> ApiResult<()>,
    ) -> ApiResult<CaseDetail> {
        let (id, reference) = case_id(pool, case).await?;
        audited(pool, now, &self.actor(), async |tx| {
            write(tx, id).await?;
            Ok(((), Entry::new(action, Some(&reference))))
        })
        .await?;
        detail(pool, id).await
    }
}

pub(super) async fn case_id(pool: &SqlitePool, case: &str) -> ApiResult<(i64, String)> {
    store::find(pool, case.trim()).await?.ok_or_else(not_found)
}

pub(super) async fn detail(pool: &SqlitePool, id: i64) -> ApiResult<CaseDetail> {
    store::detail(pool, id).await?.ok_or_else(not_found)
}

impl Session {
    pub(super) fn today(&self) -> NaiveDate {
        self.clock.now().date_naive()
    }
}
