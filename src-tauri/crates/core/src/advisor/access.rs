//! How every advisor use case reaches the register: advisor.db only for a
//! user with the advisor role who holds its key, a case by its reference,
//! a change and its audit row in one transaction.

use sqlx::{SqliteConnection, SqlitePool};
use vertrouwd_vault::audit::Entry;

use super::store;
use super::*;
use crate::compartments::ADVISOR;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::roles::Role;

pub(super) fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such case")
}

/// advisor.db, for a user with the advisor role who holds its key.
pub(super) fn register(cx: &Context<'_>) -> ApiResult<SqlitePool> {
    cx.pool(ADVISOR, Role::Advisor, "the register is the advisor's")
}

/// Changes one case of the register: `write` runs in a transaction with
/// the audit row `action` for the case, and the case is read back.
pub(super) async fn change_case(
    cx: &Context<'_>,
    pool: &SqlitePool,
    case: &str,
    action: &'static str,
    write: impl AsyncFnOnce(&mut SqliteConnection, i64) -> ApiResult<()>,
) -> ApiResult<CaseDetail> {
    let (id, reference) = case_id(pool, case).await?;
    cx.audited(pool, async |tx| {
        write(tx, id).await?;
        Ok(((), Entry::new(action, Some(&reference))))
    })
    .await?;
    detail(pool, id).await
}

pub(super) async fn case_id(pool: &SqlitePool, case: &str) -> ApiResult<(i64, String)> {
    store::find(pool, case.trim()).await?.ok_or_else(not_found)
}

pub(super) async fn detail(pool: &SqlitePool, id: i64) -> ApiResult<CaseDetail> {
    store::detail(pool, id).await?.ok_or_else(not_found)
}
