//! The year's statistics under disclosure control: the preview and the
//! release; and the jaarverslag written from the release, with the
//! advisor's own words for it.

use vertrouwd_vault::audit::Entry;

use super::access::register;
use super::register::settings_of;
use super::requests::*;
use super::stats::{self, Preview};
use super::store;
use crate::compartments::ORG;
use crate::context::Context;
use crate::dates::check_year;
use crate::documents::WrittenFile;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::releases::{self, SignedRelease};
use crate::report_texts;

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
/// where the advisor chose as a file signed by them (for HR to import)
/// and, on request, published in org.db sealed to the users with the hr
/// role (managers hold org.db too; they cannot read it).
pub async fn release_statistics(cx: &Context<'_>, req: ReleaseRequest) -> ApiResult<Released> {
    check_year(req.year)?;
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
    // What HR gets is the release signed by this advisor, so that a number
    // changed on the way is noticed.
    let signed = SignedRelease::new(&release, &cx.user().display_name, cx.organisation(), |m| {
        cx.sign(m)
    })?;
    let readers = if req.publish {
        let readers = releases::hr_readers(cx, &cx.org()?).await?;
        if readers.is_empty() {
            return Err(ApiError::validation("publish", Reason::Required));
        }
        readers
    } else {
        vec![]
    };
    let file = match &req.path {
        Some(path) => {
            let text = serde_json::to_string_pretty(&signed)
                .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the release"))?;
            Some(cx.write_outside_vault(path, text.as_bytes())?)
        }
        None => None,
    };
    let year = req.year.to_string();
    cx.audited(&pool, async |tx| {
        store::add_release(tx, req.year, k, req.publish, &body, cx.now()).await?;
        if req.publish {
            cx.audited(&cx.org()?, async |org| {
                releases::publish(cx, org, req.year, &signed, &readers).await?;
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

/// The sections of the jaarverslag's own words, as advisor.db keeps them.
const SECTIONS: [&str; 3] = ["introduction", "signals", "recommendations"];

/// The jaarverslag's own words for a year, as last saved.
pub async fn annual_report_texts(cx: &Context<'_>, req: AnnualYear) -> ApiResult<AnnualTexts> {
    let [introduction, signals, recommendations] =
        <[String; 3]>::try_from(report_texts::load(&register(cx)?, req.year, &SECTIONS).await?)
            .unwrap_or_default();
    Ok(AnnualTexts {
        year: req.year,
        introduction,
        signals,
        recommendations,
    })
}

/// Keeps the jaarverslag's own words for a year.
pub async fn update_annual_report_texts(
    cx: &Context<'_>,
    req: AnnualTexts,
) -> ApiResult<AnnualTexts> {
    check_year(req.year)?;
    let texts: Vec<(&str, &str)> = SECTIONS
        .into_iter()
        .zip([&req.introduction, &req.signals, &req.recommendations].map(String::as_str))
        .collect();
    report_texts::save(
        cx,
        &register(cx)?,
        req.year,
        &texts,
        "annual_report.texts_changed",
    )
    .await?;
    annual_report_texts(cx, AnnualYear { year: req.year }).await
}

/// Writes the jaarverslag of a year as PDF where the advisor chose (never
/// inside the vault). Its figures are the year's latest release exactly as
/// released, so a year must be released first (reason `not_released`).
pub async fn write_annual_report(
    cx: &Context<'_>,
    req: AnnualReportRequest,
) -> ApiResult<WrittenFile> {
    check_year(req.year)?;
    if req.path.trim().is_empty() {
        return Err(ApiError::validation("path", Reason::Required));
    }
    let pool = register(cx)?;
    let body = store::latest_release(&pool, req.year)
        .await?
        .ok_or_else(|| ApiError::validation("year", Reason::NotReleased))?;
    let release: stats::Release = serde_json::from_str(&body)
        .map_err(|_| ApiError::validation("year", Reason::NotReleased))?;
    let texts = annual_report_texts(cx, AnnualYear { year: req.year }).await?;
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(req.year, m, d).unwrap_or_default();
    let activities = store::activities(&pool, day(1, 1), day(12, 31)).await?;
    let four_years = store::activities(
        &pool,
        chrono::NaiveDate::from_ymd_opt(req.year - 3, 1, 1).unwrap_or_default(),
        day(12, 31),
    )
    .await?;
    let development_minutes = four_years
        .iter()
        .filter(|a| a.kind.own_development())
        .map(|a| u64::from(a.minutes))
        .sum();
    let doc = super::annual_report::document(
        &release,
        &super::annual_report::Facts {
            organisation: cx.organisation(),
            advisor: &cx.user().display_name,
            printed: cx.now(),
            today: cx.today(),
            language: req.language,
            activities: &activities,
            development_minutes,
            texts: &super::annual_report::Texts {
                introduction: texts.introduction,
                signals: texts.signals,
                recommendations: texts.recommendations,
            },
        },
    );
    let pdf = vertrouwd_pdf::render(&doc);
    let written = cx
        .write_outside_vault(&req.path, &pdf.bytes)?
        .with_warnings(&pdf.warnings);
    cx.record(&pool, "annual_report.written", Some(&req.year.to_string()))
        .await?;
    Ok(written)
}
