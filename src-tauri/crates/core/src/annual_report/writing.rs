//! HR's annual report for a year: previewed (every figure as it will be
//! published, and what is hidden and why) and written as PDF, with every
//! table as CSV when asked, where the user chose.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::document::{self, Facts};
use super::releases::{advisor_releases, AdvisorRelease};
use super::report::{self, PublishedComplaints};
use crate::complaints::figures::FiguresRequest;
use crate::context::Context;
use crate::documents::WrittenFile;
use crate::error::{ApiError, ApiResult, Reason};
use crate::language::Language;

/// A year of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HrReportYear {
    pub year: i32,
}

/// What the report of a year will publish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HrReportPreview {
    pub complaints: PublishedComplaints,
    /// The advisors' releases of the year, as they released them.
    pub releases: Vec<AdvisorRelease>,
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
}

fn label(lang: Language, code: &str) -> String {
    let l = crate::complaints::labels::label(lang, code);
    if l == code {
        crate::advisor::labels::label(lang, code)
    } else {
        l
    }
}

/// Every figure of the year as the report will publish it.
pub async fn hr_annual_report_preview(
    cx: &Context<'_>,
    req: HrReportYear,
) -> ApiResult<HrReportPreview> {
    if !(1990..=2100).contains(&req.year) {
        return Err(ApiError::validation("year", Reason::OutOfRange));
    }
    let figures =
        crate::complaints::complaint_figures(cx, FiguresRequest { year: req.year }).await?;
    let releases: Vec<AdvisorRelease> = advisor_releases(cx)
        .await?
        .into_iter()
        .filter(|r| r.year == req.year)
        .collect();
    let k = releases
        .iter()
        .map(|r| r.release.k)
        .fold(crate::disclosure::DEFAULT_K, u32::max);
    let complaints = report::publish(&figures, k, &|c| label(Language::Nl, c));
    Ok(HrReportPreview {
        complaints,
        releases,
    })
}

/// Writes the report of a year where the user chose (never inside the
/// vault; not encrypted), and its tables as CSV files when asked.
pub async fn write_hr_annual_report(
    cx: &Context<'_>,
    req: HrReportRequest,
) -> ApiResult<WrittenFile> {
    if req.path.trim().is_empty() {
        return Err(ApiError::validation("path", Reason::Required));
    }
    let preview = hr_annual_report_preview(cx, HrReportYear { year: req.year }).await?;
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
        for (name, bytes) in document::csv_files(&preview.complaints, &preview.releases, &facts) {
            let path = std::path::Path::new(dir).join(name);
            cx.write_outside_vault(&path.to_string_lossy(), &bytes)?;
        }
    }
    let doc = document::document(req.year, &preview.complaints, &preview.releases, &facts);
    let pdf = vertrouwd_pdf::render(&doc);
    let written = cx
        .write_outside_vault(&req.path, &pdf.bytes)?
        .with_warnings(&pdf.warnings);
    let pool = cx.pool(
        crate::compartments::HR,
        crate::roles::Role::Hr,
        "the annual report is HR's",
    )?;
    cx.record(
        &pool,
        "hr_annual_report.written",
        Some(&req.year.to_string()),
    )
    .await?;
    Ok(written)
}
