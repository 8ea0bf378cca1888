//! The year's statistics under disclosure control: the preview and the
//! release.

use super::register::register_settings;
use super::requests::*;
use super::stats::{self, Preview};
use super::store;
use crate::compartments::ORG;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::session::Session;

impl Session {
    /// The statistics of `year` exactly as they would be released.
    pub async fn statistics_preview(&self, req: StatisticsRequest) -> ApiResult<Preview> {
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let k = register_settings(&pool).await?.k;
            let facts = store::facts(&pool).await?;
            let natures = store::natures(&pool).await?;
            Ok(stats::preview(&facts, &natures, req.year, k, &req.left_out))
        })
        .await
    }

    /// Releases the statistics of a year: kept in advisor.db, audited,
    /// written as JSON where the advisor chose and, on request, put into
    /// org.db for HR.
    pub async fn release_statistics(&self, req: ReleaseRequest) -> ApiResult<Released> {
        let now = self.clock.now();
        if !(1990..=2100).contains(&req.year) {
            return Err(ApiError::validation("year", Reason::OutOfRange));
        }
        self.with_open(async |o| {
            let pool = o.advisor()?;
            if req.publish && !o.vault.holds(ORG) {
                return Err(ApiError::forbidden("publishing needs the org compartment"));
            }
            let k = register_settings(&pool).await?.k;
            let facts = store::facts(&pool).await?;
            let natures = store::natures(&pool).await?;
            let release = stats::preview(&facts, &natures, req.year, k, &req.left_out).release;
            let body = serde_json::to_string_pretty(&release)
                .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the release"))?;
            let file = match &req.path {
                Some(path) => Some(o.write_outside_vault(path, body.as_bytes())?),
                None => None,
            };
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO releases (year, k, released_at, published, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .bind(req.year)
            .bind(k)
            .bind(now.to_rfc3339())
            .bind(req.publish)
            .bind(&body)
            .execute(&mut *tx)
            .await?;
            vertrouwd_vault::audit::append(
                &mut tx,
                now,
                &o.actor(),
                "statistics.released",
                Some(&req.year.to_string()),
            )
            .await?;
            if req.publish {
                let org = o.org()?.clone();
                let mut otx = org.begin().await?;
                sqlx::query(
                    "INSERT INTO advisor_statistics (year, released_at, body) VALUES (?1, ?2, ?3)",
                )
                .bind(req.year)
                .bind(now.to_rfc3339())
                .bind(&body)
                .execute(&mut *otx)
                .await?;
                vertrouwd_vault::audit::append(
                    &mut otx,
                    now,
                    &o.actor(),
                    "advisor_statistics.published",
                    Some(&req.year.to_string()),
                )
                .await?;
                otx.commit().await?;
            }
            tx.commit().await?;
            Ok(Released {
                release,
                file,
                published: req.publish,
            })
        })
        .await
    }
}
