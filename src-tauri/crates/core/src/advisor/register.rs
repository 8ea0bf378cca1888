//! The register itself: its settings (reference prefix, k, retention),
//! the natures list and the departments seen so far.

use sqlx::SqlitePool;
use vertrouwd_vault::audit::Entry;

use super::requests::*;
use super::store;
use super::*;
use crate::disclosure::{DEFAULT_K, MIN_K};
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::session::{audited, Session};
use crate::validate::required_text;

pub(super) async fn register_settings(pool: &SqlitePool) -> ApiResult<RegisterSettings> {
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

const DEFAULT_RETENTION_MONTHS: u32 = 12;
const DEFAULT_GRACE_DAYS: u32 = 30;

impl Session {
    pub async fn natures(&self) -> ApiResult<Vec<Nature>> {
        self.with_open(async |o| Ok(store::natures(&o.advisor()?).await?))
            .await
    }

    pub async fn register_settings(&self) -> ApiResult<RegisterSettings> {
        self.with_open(async |o| register_settings(&o.advisor()?).await)
            .await
    }

    pub async fn update_register_settings(
        &self,
        req: RegisterSettings,
    ) -> ApiResult<RegisterSettings> {
        let prefix = required_text(&req.reference_prefix, "reference_prefix", 12)?;
        if !prefix.chars().all(|c| c.is_alphanumeric()) {
            return Err(ApiError::validation("reference_prefix", Reason::Invalid));
        }
        if !(MIN_K..=50).contains(&req.k) {
            return Err(ApiError::validation("k", Reason::OutOfRange));
        }
        if !(1..=120).contains(&req.retention_months) {
            return Err(ApiError::validation("retention_months", Reason::OutOfRange));
        }
        if req.grace_days > 365 {
            return Err(ApiError::validation("grace_days", Reason::OutOfRange));
        }
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            audited(&pool, now, &o.actor(), async |tx| {
                store::set_setting(tx, store::REFERENCE_PREFIX, &prefix).await?;
                store::set_setting(tx, store::K, &req.k.to_string()).await?;
                let months = req.retention_months.to_string();
                store::set_setting(tx, store::RETENTION_MONTHS, &months).await?;
                store::set_setting(tx, store::GRACE_DAYS, &req.grace_days.to_string()).await?;
                Ok(((), Entry::new("register.settings_changed", None)))
            })
            .await?;
            register_settings(&pool).await
        })
        .await
    }

    /// Changes the natures list. A nature in use is never deleted (retire
    /// it instead); names stay unique.
    pub async fn change_natures(&self, change: NatureChange) -> ApiResult<Vec<Nature>> {
        let now = self.clock.now();
        let name = match &change {
            NatureChange::Add { name } | NatureChange::Rename { name, .. } => {
                Some(required_text(name, "name", 100)?)
            }
            _ => None,
        };
        self.with_open(async |o| {
            let pool = o.advisor()?;
            audited(&pool, now, &o.actor(), async |tx| {
            if let Some(n) = &name {
                let taken: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM natures WHERE lower(name) = lower(?1) AND id != ?2",
                )
                .bind(n)
                .bind(match &change {
                    NatureChange::Rename { id, .. } => *id,
                    _ => -1,
                })
                .fetch_one(&mut *tx)
                .await?;
                if taken > 0 {
                    return Err(ApiError {
                        code: ErrorCode::Conflict,
                        ..ApiError::validation("name", Reason::Taken)
                    });
                }
            }
            let changed = match &change {
                NatureChange::Add { .. } => sqlx::query(
                    "INSERT INTO natures (name, position) SELECT ?1, coalesce(max(position), 0) + 1 FROM natures",
                )
                .bind(&name)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                NatureChange::Rename { id, .. } => sqlx::query("UPDATE natures SET name = ?2 WHERE id = ?1")
                    .bind(id)
                    .bind(&name)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected(),
                NatureChange::Retire { id, retired } => {
                    sqlx::query("UPDATE natures SET retired_at = ?2 WHERE id = ?1")
                        .bind(id)
                        .bind(retired.then(|| now.to_rfc3339()))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                }
                NatureChange::Delete { id } => {
                    let used: i64 = sqlx::query_scalar(
                        "SELECT (SELECT count(*) FROM case_natures WHERE nature_id = ?1)
                              + (SELECT count(*) FROM tombstones t, json_each(t.natures) j WHERE j.value = ?1)",
                    )
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                    if used > 0 {
                        return Err(ApiError {
                            code: ErrorCode::Conflict,
                            ..ApiError::validation("nature", Reason::InUse)
                        });
                    }
                    sqlx::query("DELETE FROM natures WHERE id = ?1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                }
            };
            if changed == 0 {
                return Err(ApiError::new(ErrorCode::NotFound, "no such nature"));
            }
            Ok(((), Entry::new("register.natures_changed", None)))
            })
            .await?;
            Ok(store::natures(&pool).await?)
        })
        .await
    }

    /// The departments already used, for the form's suggestions.
    pub async fn departments(&self) -> ApiResult<Vec<String>> {
        self.with_open(async |o| {
            Ok(sqlx::query_scalar(
                "SELECT DISTINCT department FROM cases WHERE department IS NOT NULL ORDER BY department",
            )
            .fetch_all(&o.advisor()?)
            .await?)
        })
        .await
    }
}
