//! HR's annual report and what it is made from (hr role): `vertrouwd hr
//! annual-report`, and `hr releases import|fetch|list`, the advisors'
//! signed statistics releases.

use std::path::PathBuf;

use clap::Subcommand;
use vertrouwd_core::api::*;

use crate::ctx::*;

#[derive(Subcommand, Debug, Clone)]
pub enum HrCommand {
    /// The annual report of a year as PDF (not encrypted), its figures
    /// under disclosure control; with --csv every table as CSV too; with
    /// --publish the year's figures are frozen first (once, for a year
    /// that has ended), for every later writing and next year's comparison
    AnnualReport {
        #[arg(long)]
        year: i32,
        #[arg(long, required_unless_present = "publish")]
        out: Option<PathBuf>,
        /// Freeze the year's figures as published
        #[arg(long)]
        publish: bool,
        /// A folder for the tables as CSV (UTF-8 with BOM, `;` in Dutch)
        #[arg(long)]
        csv: Option<PathBuf>,
        /// nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// The confidential advisors' statistics releases
    #[command(subcommand)]
    Releases(ReleasesCommand),
}

#[derive(Subcommand, Debug, Clone)]
pub enum ReleasesCommand {
    /// Import a release file an advisor signed (refused when a number was
    /// changed after signing, or when it is not signed)
    Import { file: PathBuf },
    /// Take the releases the advisor published in the vault for you
    /// (`advisor stats release --publish`) into the HR register
    Fetch,
    /// The imported releases, each checked against its signature again
    List,
}

fn release_line(r: &AdvisorRelease) -> String {
    format!(
        "{}  {} ({})  sleutel / key {}{}",
        r.year,
        r.advisor,
        r.organisation,
        r.fingerprint,
        match (r.new_advisor, r.replaced) {
            (true, _) =>
                "  (nieuwe vertrouwenspersoon: vergelijk de sleutel / new advisor: compare the key)",
            (false, true) => "  (vervangt de eerdere / replaces the earlier one)",
            (false, false) => "",
        }
    )
}

pub async fn run(ctx: &Ctx, cmd: &HrCommand) -> ApiResult<Output> {
    let s = &ctx.session;
    ctx.unlock().await?;
    match cmd {
        HrCommand::AnnualReport {
            year,
            out: file,
            publish,
            csv,
            lang,
        } => {
            let mut lines = vec![];
            let mut published = None;
            if *publish {
                published = Some(
                    s.publish_hr_annual_report(HrReportYear { year: *year })
                        .await?,
                );
                lines.push(format!(
                    "{year} gepubliceerd: de cijfers liggen vast / published: the figures are frozen"
                ));
            }
            let Some(file) = file else {
                return out(&published, lines.join("\n"));
            };
            let w = s
                .write_hr_annual_report(HrReportRequest {
                    year: *year,
                    path: file.to_string_lossy().into_owned(),
                    language: language(lang)?,
                    csv_dir: csv.as_ref().map(|d| d.to_string_lossy().into_owned()),
                })
                .await?;
            lines.push(format!("{} — niet versleuteld / not encrypted", w.path));
            let text = lines.join("\n");
            out(&w, text)
        }
        HrCommand::Releases(ReleasesCommand::Import { file }) => {
            let r = s
                .import_advisor_release(ReleaseImportRequest {
                    path: file.to_string_lossy().into_owned(),
                })
                .await?;
            let text = release_line(&r);
            out(&r, text)
        }
        HrCommand::Releases(ReleasesCommand::Fetch) => {
            let list = s.fetch_published_releases().await?;
            let text = if list.is_empty() {
                "niets nieuws / nothing new".to_string()
            } else {
                list.iter().map(release_line).collect::<Vec<_>>().join("\n")
            };
            out(&list, text)
        }
        HrCommand::Releases(ReleasesCommand::List) => {
            let list = s.advisor_releases().await?;
            let text = list.iter().map(release_line).collect::<Vec<_>>().join("\n");
            out(&list, text)
        }
    }
}
