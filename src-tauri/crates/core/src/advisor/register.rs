//! The register itself: its settings (reference prefix, k, retention, the
//! advisor's own idle lock), the natures list and the departments seen so
//! far.

use sqlx::SqlitePool;
use vertrouwd_vault::audit::Entry;

use super::access::register;
use super::requests::*;
use super::store;
use super::*;
use crate::code_lists::CodeChange;
use crate::context::Context;
use crate::disclosure::{DEFAULT_K, MIN_K};
use crate::error::{ApiError, ApiResult, Reason};
use crate::settings::IDLE_LOCK_SECONDS;

const DEFAULT_RETENTION_MONTHS: u32 = 12;
const DEFAULT_GRACE_DAYS: u32 = 30;

/// The register's settings as advisor.db holds them (defaults filled in).
pub(super) async fn settings_of(pool: &SqlitePool) -> ApiResult<RegisterSettings> {
    Ok(RegisterSettings {
        reference_prefix: store::setting(pool, store::REFERENCE_PREFIX)
            .await?
            .unwrap_or_else(|| "VP".into()),
        k: store::setting(pool, store::K)
            .await?
            .and_then(|k| k.parse().ok())
            .unwrap_or(DEFAULT_K)
            .max(MIN_K),
        retention_months: store::setting(pool, store::RETENTION_MONTHS)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_RETENTION_MONTHS),
        grace_days: store::setting(pool, store::GRACE_DAYS)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_GRACE_DAYS),
    })
}

/// The natures list, retired ones included.
pub async fn natures(cx: &Context<'_>) -> ApiResult<Vec<Nature>> {
    Ok(store::natures(&register(cx)?).await?)
}

pub async fn register_settings(cx: &Context<'_>) -> ApiResult<RegisterSettings> {
    settings_of(&register(cx)?).await
}

pub async fn update_register_settings(
    cx: &Context<'_>,
    req: RegisterSettings,
) -> ApiResult<RegisterSettings> {
    let prefix = crate::references::check_prefix(&req.reference_prefix, "reference_prefix")?;
    if !(MIN_K..=50).contains(&req.k) {
        return Err(ApiError::validation("k", Reason::OutOfRange));
    }
    if !(1..=120).contains(&req.retention_months) {
        return Err(ApiError::validation("retention_months", Reason::OutOfRange));
    }
    if req.grace_days > 365 {
        return Err(ApiError::validation("grace_days", Reason::OutOfRange));
    }
    let pool = register(cx)?;
    cx.audited(&pool, async |tx| {
        store::set_setting(tx, store::REFERENCE_PREFIX, &prefix).await?;
        store::set_setting(tx, store::K, &req.k.to_string()).await?;
        let months = req.retention_months.to_string();
        store::set_setting(tx, store::RETENTION_MONTHS, &months).await?;
        store::set_setting(tx, store::GRACE_DAYS, &req.grace_days.to_string()).await?;
        Ok(((), Entry::new("register.settings_changed", None)))
    })
    .await?;
    settings_of(&pool).await
}

/// Changes the natures list. A nature in use is never deleted (retire it
/// instead); names stay unique.
pub async fn change_natures(cx: &Context<'_>, change: CodeChange) -> ApiResult<Vec<Nature>> {
    change.checked_name()?;
    let pool = register(cx)?;
    cx.audited(&pool, async |tx| {
        store::NATURES.change(tx, &change, cx.now()).await?;
        Ok(((), Entry::new("register.natures_changed", None)))
    })
    .await?;
    Ok(store::natures(&pool).await?)
}

/// The departments already used, for the form's suggestions.
pub async fn departments(cx: &Context<'_>) -> ApiResult<Vec<String>> {
    Ok(store::departments(&register(cx)?).await?)
}

/// The advisor's own idle lock in seconds (five minutes unless set), which
/// no session of the advisor outlasts; `None` for a user who does not hold
/// the register.
pub async fn idle_lock(cx: &Context<'_>) -> ApiResult<Option<u32>> {
    let Ok(pool) = register(cx) else {
        return Ok(None);
    };
    let stored = store::setting(&pool, IDLE_LOCK_SECONDS).await?;
    Ok(Some(crate::settings::idle_lock(stored.as_deref())))
}

/// Sets the advisor's own idle lock, which nobody else can write (advisor.db
/// holds it), with its audit row; does nothing for a user who does not hold
/// the register.
pub async fn set_idle_lock(cx: &Context<'_>, seconds: u32) -> ApiResult<()> {
    let Ok(pool) = register(cx) else {
        return Ok(());
    };
    cx.audited(&pool, async |tx| {
        store::set_setting(tx, IDLE_LOCK_SECONDS, &seconds.to_string()).await?;
        Ok(((), Entry::new("settings.changed", Some(IDLE_LOCK_SECONDS))))
    })
    .await
}
