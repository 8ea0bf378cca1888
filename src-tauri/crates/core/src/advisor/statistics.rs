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
    preview.release.activities = year_activities(&pool, req.year).await?;
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
    let readers = hr_readers(cx, req.publish).await?;
    let k = settings_of(&pool).await?.k;
    let facts = store::facts(&pool).await?;
    let natures = store::natures(&pool).await?;
    let mut release = stats::preview(&facts, &natures, req.year, k, &req.left_out).release;
    release.activities = year_activities(&pool, req.year).await?;
    let body = serde_json::to_string_pretty(&release)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the release"))?;
    // What HR gets is the release signed by this advisor, so that a number
    // changed on the way is noticed.
    let signed = SignedRelease::new(&release, &cx.user().display_name, cx.organisation(), |m| {
        cx.sign(m)
    })?;
    let file = write_signed(cx, &signed, req.path.as_deref())?;
    let year = req.year.to_string();
    cx.audited(&pool, async |tx| {
        store::add_release(tx, req.year, k, req.publish, &body, cx.now()).await?;
        if req.publish {
            publish_to_hr(cx, req.year, &signed, &readers).await?;
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

/// The year's activities that reached people, totalled by kind.
async fn year_activities(
    pool: &sqlx::SqlitePool,
    year: i32,
) -> ApiResult<Vec<releases::ActivityTotal>> {
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default();
    let list = store::activities(pool, day(1, 1), day(12, 31)).await?;
    Ok(super::activities::activity_totals(&list))
}

/// The hr users a release is published to; refused when publishing finds
/// none (reason `required`).
async fn hr_readers(cx: &Context<'_>, publish: bool) -> ApiResult<Vec<vertrouwd_vault::Holder>> {
    if !publish {
        return Ok(vec![]);
    }
    if !cx.holds(ORG) {
        return Err(ApiError::forbidden("publishing needs the org compartment"));
    }
    let readers = releases::hr_readers(cx, &cx.org()?).await?;
    if readers.is_empty() {
        return Err(ApiError::validation("publish", Reason::Required));
    }
    Ok(readers)
}

/// Publishes a signed release in org.db for `readers`, audited there.
async fn publish_to_hr(
    cx: &Context<'_>,
    year: i32,
    signed: &SignedRelease,
    readers: &[vertrouwd_vault::Holder],
) -> ApiResult<()> {
    let object = year.to_string();
    cx.audited(&cx.org()?, async |org| {
        releases::publish(cx, org, year, signed, readers).await?;
        Ok((
            (),
            Entry::new("advisor_statistics.published", Some(&object)),
        ))
    })
    .await
}

/// Writes a signed release where the advisor chose, when they did.
fn write_signed(
    cx: &Context<'_>,
    signed: &SignedRelease,
    path: Option<&str>,
) -> ApiResult<Option<WrittenFile>> {
    let Some(path) = path else {
        return Ok(None);
    };
    let text = serde_json::to_string_pretty(signed)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the release"))?;
    Ok(Some(cx.write_outside_vault(path, text.as_bytes())?))
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
    let (_, pdf) = jaarverslag(cx, &pool, req.year, req.language).await?;
    let written = cx
        .write_outside_vault(&req.path, &pdf.bytes)?
        .with_warnings(&pdf.warnings);
    cx.record(&pool, "annual_report.written", Some(&req.year.to_string()))
        .await?;
    Ok(written)
}

/// The jaarverslag of `year` as PDF, with the release its figures come
/// from: the year's latest, exactly as released (reason `not_released`
/// before there is one).
async fn jaarverslag(
    cx: &Context<'_>,
    pool: &sqlx::SqlitePool,
    year: i32,
    language: crate::language::Language,
) -> ApiResult<(stats::Release, vertrouwd_pdf::Rendered)> {
    let body = store::latest_release(pool, year)
        .await?
        .ok_or_else(|| ApiError::validation("year", Reason::NotReleased))?;
    let release: stats::Release = serde_json::from_str(&body)
        .map_err(|_| ApiError::validation("year", Reason::NotReleased))?;
    let texts = annual_report_texts(cx, AnnualYear { year }).await?;
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default();
    let activities = store::activities(pool, day(1, 1), day(12, 31)).await?;
    let four_years = store::activities(
        pool,
        chrono::NaiveDate::from_ymd_opt(year - 3, 1, 1).unwrap_or_default(),
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
            language,
            activities: &activities,
            development_minutes,
            texts: &super::annual_report::Texts {
                introduction: texts.introduction,
                signals: texts.signals,
                recommendations: texts.recommendations,
            },
        },
    );
    Ok((release, vertrouwd_pdf::render(&doc)))
}

/// Gives the jaarverslag of a year to HR, unchanged, with the release its
/// figures come from: the year's latest release signed again with the PDF
/// beside it, written where the advisor chose and, on request, published
/// in org.db sealed to the hr users. HR's annual report includes it as it
/// is; at HR it replaces the release of that year given before.
pub async fn send_annual_report(
    cx: &Context<'_>,
    req: AnnualReportSendRequest,
) -> ApiResult<Released> {
    check_year(req.year)?;
    let path = req.path.as_deref().map(str::trim).filter(|p| !p.is_empty());
    if path.is_none() && !req.publish {
        return Err(ApiError::validation("path", Reason::Required));
    }
    let pool = register(cx)?;
    let (release, pdf) = jaarverslag(cx, &pool, req.year, req.language).await?;
    let signed = SignedRelease::with_annual_report(
        &release,
        &pdf.bytes,
        &cx.user().display_name,
        cx.organisation(),
        |m| cx.sign(m),
    )?;
    let readers = hr_readers(cx, req.publish).await?;
    let file = write_signed(cx, &signed, path)?;
    if req.publish {
        publish_to_hr(cx, req.year, &signed, &readers).await?;
    }
    cx.record(&pool, "annual_report.sent", Some(&req.year.to_string()))
        .await?;
    Ok(Released {
        release,
        file,
        published: req.publish,
    })
}
