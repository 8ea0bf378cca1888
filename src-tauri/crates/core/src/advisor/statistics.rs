//! The year's statistics under disclosure control: the preview and the
//! release.

use vertrouwd_vault::audit::Entry;

use super::access::register;
use super::register::settings_of;
use super::requests::*;
use super::stats::{self, Preview};
use super::store;
use crate::compartments::ORG;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};

/// The statistics of `year` exactly as they would be released.
pub async fn statistics_preview(cx: &Context<'_>, req: StatisticsRequest) -> ApiResult<Preview> {
    let pool = register(cx)?;
    let k = settings_of(&pool).await?.k;
    let facts = store::facts(&pool).await?;
    let natures = store::natures(&pool).await?;
    let mut preview = stats::preview(&facts, &natures, req.year, k, &req.left_out);
    preview.released_on = store::released_years(&pool).await?.remove(&req.year);
    Ok(preview)
}

/// Releases the statistics of a year: kept in advisor.db, audited, written
/// as JSON where the advisor chose and, on request, put into org.db for HR.
pub async fn release_statistics(cx: &Context<'_>, req: ReleaseRequest) -> ApiResult<Released> {
    if !(1990..=2100).contains(&req.year) {
        return Err(ApiError::validation("year", Reason::OutOfRange));
    }
    let pool = register(cx)?;
    if req.publish && !cx.holds(ORG) {
        return Err(ApiError::forbidden("publishing needs the org compartment"));
    }
    let k = settings_of(&pool).await?.k;
    let facts = store::facts(&pool).await?;
    let natures = store::natures(&pool).await?;
    let release = stats::preview(&facts, &natures, req.year, k, &req.left_out).release;
    let body = serde_json::to_string_pretty(&release)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the release"))?;
    let file = match &req.path {
        Some(path) => Some(cx.write_outside_vault(path, body.as_bytes())?),
        None => None,
    };
    let year = req.year.to_string();
    cx.audited(&pool, async |tx| {
        store::add_release(tx, req.year, k, req.publish, &body, cx.now()).await?;
        if req.publish {
            cx.audited(&cx.org()?, async |org| {
                store::publish_release(org, req.year, &body, cx.now()).await?;
                Ok(((), Entry::new("advisor_statistics.published", Some(&year))))
            })
            .await?;
        }
        Ok(((), Entry::new("statistics.released", Some(&year))))
    })
    .await?;
    Ok(Released {
        release,
        file,
        published: req.publish,
    })
}
