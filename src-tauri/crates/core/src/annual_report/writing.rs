//! HR's annual report for a year: previewed (every figure as it will be
//! published, what is hidden and why, the change from last year and the
//! trend), published (its figures frozen in hr.db, for every later writing
//! of it and for next year's comparison), and written as PDF, with every
//! table as CSV when asked, where the user chose.

use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;
use vertrouwd_vault::audit::Entry;

use super::combined::{combine, CombinedAdvisors};
use super::comparison::{compare, Comparison, TrendPoint};
use super::document::{self, Facts};
use super::releases::{advisor_releases, AdvisorRelease};
use super::report::{self, PublishedComplaints};
use super::store;
use crate::context::Context;
use crate::dates::check_year;
use crate::disclosure::{Cell, Hidden};
use crate::documents::WrittenFile;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::language::Language;

/// A year of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HrReportYear {
    pub year: i32,
}

/// The figures of a year's report: what is published, and what is
/// frozen when it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportFigures {
    /// The (last) year of the report.
    pub year: i32,
    /// The first year, when the report takes three years together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub first_year: Option<i32>,
    pub complaints: PublishedComplaints,
    /// The advisors' releases of the year, as they released them.
    pub releases: Vec<AdvisorRelease>,
    /// The releases added up, when there are two or more.
    pub combined: Option<CombinedAdvisors>,
}

impl ReportFigures {
    /// The advisors' cases of the year (all advisors together); `None`
    /// without a release.
    pub fn advisor_cases(&self) -> Option<Cell> {
        if let Some(c) = &self.combined {
            return Some(c.cases.clone());
        }
        let r = &self.releases.first()?.release;
        Some(Cell {
            category: "advisor_cases".into(),
            label: "meldingen bij de vertrouwenspersoon".into(),
            value: r.cases,
            hidden: r.cases.is_none().then_some(Hidden::BelowK),
            percent: None,
        })
    }
}

/// When and by whom a year's report was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Publication {
    #[ts(type = "string")]
    pub published_at: DateTime<Utc>,
    pub published_by: String,
}

/// What the report of a year publishes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HrReportPreview {
    pub figures: ReportFigures,
    /// Set when the year was published: the figures are the frozen ones.
    pub published: Option<Publication>,
    /// Last year's figures as published, when they were.
    pub previous: Option<ReportFigures>,
    /// The key figures beside last year's.
    pub comparisons: Vec<Comparison>,
    /// Up to five years, this one last, as published.
    pub trend: Vec<TrendPoint>,
}

/// The report of a year, written as PDF (and its tables as CSV files in
/// `csv_dir`, when given) where the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HrReportRequest {
    pub year: i32,
    pub path: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default)]
    pub csv_dir: Option<String>,
    /// The three years up to `year` together ([`super::window`]).
    #[serde(default)]
    #[ts(optional)]
    pub three_years: Option<bool>,
}

fn label(lang: Language, code: &str) -> String {
    let l = crate::complaints::labels::label(lang, code);
    if l == code {
        crate::advisor::labels::label(lang, code)
    } else {
        l
    }
}

pub(super) fn hr(cx: &Context<'_>) -> ApiResult<SqlitePool> {
    cx.pool(
        crate::compartments::HR,
        crate::roles::Role::Hr,
        "the annual report is HR's",
    )
}

/// A year's figures as published, with when and by whom; `None` when it
/// was not.
async fn frozen(pool: &SqlitePool, year: i32) -> ApiResult<Option<(ReportFigures, Publication)>> {
    let row = store::published(pool, year).await?;
    read_frozen(row, year, None)
}

/// The three years ending in `year` as published, when they were.
async fn frozen_window(
    pool: &SqlitePool,
    year: i32,
) -> ApiResult<Option<(ReportFigures, Publication)>> {
    let row = store::published_window(pool, year).await?;
    read_frozen(row, year, Some(year - (super::window::YEARS - 1)))
}

/// A published report's figures (of `year`, from `first` when over
/// several years), with when and by whom.
fn read_frozen(
    row: Option<store::PublishedRow>,
    year: i32,
    first: Option<i32>,
) -> ApiResult<Option<(ReportFigures, Publication)>> {
    let Some((json, published_at, published_by)) = row else {
        return Ok(None);
    };
    let figures: ReportFigures = serde_json::from_str(&json)
        .ok()
        .filter(|f: &ReportFigures| f.year == year && f.first_year == first)
        .ok_or_else(|| ApiError::new(ErrorCode::Corrupt, "a published report cannot be read"))?;
    Ok(Some((
        figures,
        Publication {
            published_at,
            published_by,
        },
    )))
}

/// Whether a published three-year report holds a year of `years`.
async fn in_published_window(pool: &SqlitePool, years: &RangeInclusive<i32>) -> ApiResult<bool> {
    Ok(store::window_years(pool)
        .await?
        .iter()
        .any(|(first, last)| first <= years.end() && last >= years.start()))
}

/// The figures of `years` counted now, through disclosure control.
async fn counted(cx: &Context<'_>, years: RangeInclusive<i32>) -> ApiResult<ReportFigures> {
    let figures = crate::complaints::figures::figures_of_years(cx, years.clone()).await?;
    let releases: Vec<AdvisorRelease> = advisor_releases(cx)
        .await?
        .into_iter()
        .filter(|r| years.contains(&r.year))
        .collect();
    let k = releases.iter().map(|r| r.release.k).fold(
        crate::complaints::complaint_settings(cx).await?.report_k,
        u32::max,
    );
    Ok(ReportFigures {
        year: *years.end(),
        first_year: (years.start() != years.end()).then_some(*years.start()),
        complaints: report::publish(&figures, k, &|c| label(Language::Nl, c)),
        combined: combine(&releases),
        releases,
    })
}

/// A year's point of the trend: its figures as published, if they were.
fn trend_point(year: i32, f: Option<&ReportFigures>) -> TrendPoint {
    TrendPoint {
        year,
        received: f.and_then(|f| f.complaints.received.value),
        advisor_cases: f.and_then(|f| f.advisor_cases()).and_then(|c| c.value),
        on_time_percent: f.and_then(|f| f.complaints.on_time_percent),
    }
}

/// Every figure of the year as the report publishes it: the frozen ones
/// once the year is published, else counted now; beside last year's and
/// the trend, as published.
pub async fn hr_annual_report_preview(
    cx: &Context<'_>,
    req: HrReportYear,
) -> ApiResult<HrReportPreview> {
    check_year(req.year)?;
    let pool = hr(cx)?;
    let (figures, published) = match frozen(&pool, req.year).await? {
        Some((f, p)) => (f, Some(p)),
        None => (counted(cx, req.year..=req.year).await?, None),
    };
    let mut earlier = vec![];
    for year in (req.year - 4)..req.year {
        earlier.push((year, frozen(&pool, year).await?.map(|f| f.0)));
    }
    let previous = earlier.last().and_then(|(_, f)| f.clone());
    let k = previous.as_ref().map_or(figures.complaints.k, |p| {
        p.complaints.k.max(figures.complaints.k)
    });
    let mut comparisons = vec![compare(
        "received",
        &figures.complaints.received,
        previous.as_ref().map(|p| &p.complaints.received),
        k,
    )];
    if let Some(cases) = figures.advisor_cases() {
        let last = previous.as_ref().map(ReportFigures::advisor_cases);
        // Published without advisors' figures: nothing to compare with.
        let missing = Cell {
            value: None,
            hidden: None,
            ..cases.clone()
        };
        comparisons.push(compare(
            "advisor_cases",
            &cases,
            last.map(|c| c.unwrap_or(missing)).as_ref(),
            k,
        ));
    }
    let mut trend: Vec<TrendPoint> = earlier
        .iter()
        .map(|(year, f)| trend_point(*year, f.as_ref()))
        .collect();
    trend.push(trend_point(req.year, Some(&figures)));
    Ok(HrReportPreview {
        figures,
        published,
        previous,
        comparisons,
        trend,
    })
}

/// The report of the three years up to `year` together, for an
/// organisation too small for one: counted now and checked against the
/// single years of the three published before ([`super::window`]); beside
/// no other years (the trend shows the single years published).
pub async fn hr_three_year_report_preview(
    cx: &Context<'_>,
    req: HrReportYear,
) -> ApiResult<HrReportPreview> {
    check_year(req.year)?;
    let pool = hr(cx)?;
    let first = req.year - (super::window::YEARS - 1);
    let (figures, publication) = match frozen_window(&pool, req.year).await? {
        Some((f, p)) => (f, Some(p)),
        None if in_published_window(&pool, &(first..=req.year)).await? => {
            return Err(ApiError::validation("year", Reason::Overlaps));
        }
        None => (three_years_counted(cx, &pool, first, req.year).await?, None),
    };
    let mut trend = vec![];
    for year in (req.year - 4)..=req.year {
        trend.push(trend_point(
            year,
            frozen(&pool, year).await?.map(|f| f.0).as_ref(),
        ));
    }
    Ok(HrReportPreview {
        figures,
        published: publication,
        previous: None,
        comparisons: vec![],
        trend,
    })
}

/// The three years `first..=year` counted now and checked against the
/// single years of them published before.
async fn three_years_counted(
    cx: &Context<'_>,
    pool: &SqlitePool,
    first: i32,
    year: i32,
) -> ApiResult<ReportFigures> {
    let mut figures = counted(cx, first..=year).await?;
    let mut published = vec![];
    for y in first..=year {
        published.push(frozen(pool, y).await?.map(|f| f.0));
    }
    let earlier: Vec<Option<&PublishedComplaints>> = published
        .iter()
        .map(|f| f.as_ref().map(|f| &f.complaints))
        .collect();
    super::window::check(&mut figures.complaints, &earlier);
    Ok(figures)
}

/// A year that has ended, as publishing needs (reason `year_not_over`).
fn ended(cx: &Context<'_>, year: i32) -> ApiResult<()> {
    check_year(year)?;
    if year >= cx.today().year() {
        return Err(ApiError::validation("year", Reason::YearNotOver));
    }
    Ok(())
}

/// Publishes the three years ending in a past year as one report: its
/// figures frozen like a single year's. Refused when a published
/// three-year report shares a year with it (reason `overlaps`; `published`
/// when it is the same one).
pub async fn publish_hr_three_year_report(
    cx: &Context<'_>,
    req: HrReportYear,
) -> ApiResult<HrReportPreview> {
    ended(cx, req.year)?;
    let pool = hr(cx)?;
    if frozen_window(&pool, req.year).await?.is_some() {
        return Err(ApiError::validation("year", Reason::Published));
    }
    let first = req.year - (super::window::YEARS - 1);
    if in_published_window(&pool, &(first..=req.year)).await? {
        return Err(ApiError::validation("year", Reason::Overlaps));
    }
    let figures = three_years_counted(cx, &pool, first, req.year).await?;
    let json = serde_json::to_string(&figures)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the figures"))?;
    let by = cx.user().display_name.clone();
    let object = format!("{first}-{}", req.year);
    let done = cx
        .audited(&pool, async |tx| {
            let done = store::publish_window(tx, (first, req.year), &json, cx.now(), &by).await?;
            Ok((
                done,
                Entry::new("hr_three_year_report.published", Some(&object)),
            ))
        })
        .await?;
    if !done {
        return Err(ApiError::validation("year", Reason::Overlaps));
    }
    hr_three_year_report_preview(cx, req).await
}

/// Publishes the report of a past year: its figures as they stand now
/// are frozen in hr.db; the report of that year is written from them from
/// then on, and next year's compares with them. A year is published once.
pub async fn publish_hr_annual_report(
    cx: &Context<'_>,
    req: HrReportYear,
) -> ApiResult<HrReportPreview> {
    ended(cx, req.year)?;
    let pool = hr(cx)?;
    if frozen(&pool, req.year).await?.is_some() {
        return Err(ApiError::validation("year", Reason::Published));
    }
    // A year inside a published three-year report: subtracted from it,
    // its figures would give the other two years away.
    if in_published_window(&pool, &(req.year..=req.year)).await? {
        return Err(ApiError::validation("year", Reason::Overlaps));
    }
    let figures = counted(cx, req.year..=req.year).await?;
    let json = serde_json::to_string(&figures)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the figures"))?;
    let by = cx.user().display_name.clone();
    let year = req.year.to_string();
    let done = cx
        .audited(&pool, async |tx| {
            let done = store::publish(tx, req.year, &json, cx.now(), &by).await?;
            Ok((done, Entry::new("hr_annual_report.published", Some(&year))))
        })
        .await?;
    if !done {
        return Err(ApiError::validation("year", Reason::Published));
    }
    hr_annual_report_preview(cx, req).await
}

/// Writes the report of a year where the user chose (never inside the
/// vault; not encrypted), and its tables as CSV files when asked. The
/// jaarverslagen the advisors gave with their releases follow HR's pages
/// unchanged.
pub async fn write_hr_annual_report(
    cx: &Context<'_>,
    req: HrReportRequest,
) -> ApiResult<WrittenFile> {
    if req.path.trim().is_empty() {
        return Err(ApiError::validation("path", Reason::Required));
    }
    let preview = if req.three_years == Some(true) {
        hr_three_year_report_preview(cx, HrReportYear { year: req.year }).await?
    } else {
        hr_annual_report_preview(cx, HrReportYear { year: req.year }).await?
    };
    let pool = hr(cx)?;
    let facts = Facts {
        organisation: cx.organisation(),
        author: &cx.user().display_name,
        printed: cx.now(),
        today: cx.today(),
        language: req.language,
        label,
    };
    if let Some(dir) = req
        .csv_dir
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        for (name, bytes) in super::csv::csv_files(&preview, &facts) {
            let path = std::path::Path::new(dir).join(name);
            cx.write_outside_vault(&path.to_string_lossy(), &bytes)?;
        }
    }
    // The advisors' jaarverslagen given with the releases the report
    // stands on (for a published year: those it was published with).
    let given = super::releases::annual_reports(cx, req.year).await?;
    let mut included = vec![];
    for r in &preview.figures.releases {
        let wanted = r.release.annual_report_sha256.as_deref();
        if let Some((_, pdf)) = given.iter().find(|(hash, _)| Some(hash.as_str()) == wanted) {
            included.push((r.advisor.clone(), pdf));
        }
    }
    let words = document::Words {
        texts: super::plan::hr_annual_report_texts(cx, HrReportYear { year: req.year }).await?,
        actions: super::plan::report_actions(cx, HrReportYear { year: req.year }).await?,
        included: included
            .iter()
            .map(|(advisor, _)| advisor.clone())
            .collect(),
    };
    let doc = document::document(&preview, &words, &facts);
    let pdf = vertrouwd_pdf::render(&doc);
    let mut bytes = pdf.bytes;
    for (_, theirs) in included {
        bytes = vertrouwd_pdf::append::append_pages(&bytes, theirs)
            .map_err(|_| ApiError::validation("annual_report", Reason::Unreadable))?
            .0;
    }
    let written = cx
        .write_outside_vault(&req.path, &bytes)?
        .with_warnings(&pdf.warnings);
    cx.record(
        &pool,
        "hr_annual_report.written",
        Some(&req.year.to_string()),
    )
    .await?;
    Ok(written)
}
