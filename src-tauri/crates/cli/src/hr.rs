//! HR's annual report and what it is made from (hr role): `vertrouwd hr
//! annual-report` (with its own words and publishing), `hr actions
//! list|add|status|delete` (the plan van aanpak), and `hr releases
//! import|fetch|list`, the advisors' signed statistics releases.

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
        /// The introduction, from a text file (kept for the year)
        #[arg(long)]
        introduction: Option<PathBuf>,
        /// Signals and recommendations in prose, from a text file
        #[arg(long)]
        conclusions: Option<PathBuf>,
        /// The publishable summary of art. 9:12a Awb, from a text file
        #[arg(long)]
        awb_summary: Option<PathBuf>,
        /// The three years up to --year together (for an organisation too
        /// small for one), checked against the single years published; with
        /// --publish the three years are frozen as one report
        #[arg(long)]
        three_years: bool,
    },
    /// The plan van aanpak: the report's recommendations as actions
    #[command(subcommand)]
    Actions(ActionsCommand),
    /// The confidential advisors' statistics releases
    #[command(subcommand)]
    Releases(ReleasesCommand),
}

#[derive(Subcommand, Debug, Clone)]
pub enum ActionsCommand {
    /// The actions of a year's report and of the year before
    List {
        #[arg(long)]
        year: i32,
    },
    /// Add a recommendation of a year's report as an action
    Add {
        #[arg(long)]
        year: i32,
        recommendation: String,
        #[arg(long)]
        owner: String,
        /// The date it is due (dd-mm-jjjj)
        #[arg(long)]
        due: String,
    },
    /// Record how an action stands: planned, in_progress, done or dropped
    Status {
        id: i64,
        status: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Delete an action added in error
    Delete { id: i64 },
}

fn action_line(a: &ReportAction) -> String {
    format!(
        "{:>4}  {}  {}  {} ({}, {})",
        a.id,
        a.year,
        a.recommendation,
        a.owner,
        a.due_on,
        vertrouwd_core::code_lists::code(&a.status)
    )
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
            introduction,
            conclusions,
            awb_summary,
            three_years,
        } => {
            let given = [introduction, conclusions, awb_summary];
            if given.iter().any(|g| g.is_some()) {
                let mut texts = s
                    .hr_annual_report_texts(HrReportYear { year: *year })
                    .await?;
                for (field, path) in [
                    (&mut texts.introduction, introduction),
                    (&mut texts.conclusions, conclusions),
                    (&mut texts.awb_summary, awb_summary),
                ] {
                    if let Some(p) = path {
                        *field = read_text(p)?;
                    }
                }
                s.update_hr_annual_report_texts(texts).await?;
            }
            let mut lines = vec![];
            let mut published = None;
            if *publish {
                let req = HrReportYear { year: *year };
                published = Some(if *three_years {
                    s.publish_hr_three_year_report(req).await?
                } else {
                    s.publish_hr_annual_report(req).await?
                });
                let years = if *three_years {
                    format!("{}–{year}", year - 2)
                } else {
                    year.to_string()
                };
                lines.push(format!(
                    "{years} gepubliceerd: de cijfers liggen vast / published: the figures are frozen"
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
                    three_years: three_years.then_some(true),
                })
                .await?;
            lines.push(format!("{} — niet versleuteld / not encrypted", w.path));
            let text = lines.join("\n");
            out(&w, text)
        }
        HrCommand::Actions(ActionsCommand::List { year }) => {
            let list = s.report_actions(HrReportYear { year: *year }).await?;
            let text = list.iter().map(action_line).collect::<Vec<_>>().join("\n");
            out(&list, text)
        }
        HrCommand::Actions(ActionsCommand::Add {
            year,
            recommendation,
            owner,
            due,
        }) => {
            let a = s
                .add_report_action(ReportActionInput {
                    year: *year,
                    recommendation: recommendation.clone(),
                    owner: owner.clone(),
                    due_on: due.clone(),
                })
                .await?;
            let text = action_line(&a);
            out(&a, text)
        }
        HrCommand::Actions(ActionsCommand::Status { id, status, note }) => {
            let status: ActionStatus =
                serde_json::from_value(serde_json::Value::from(status.as_str()))
                    .map_err(|_| ApiError::validation("status", Reason::Unknown))?;
            let a = s
                .update_report_action(ReportActionChange {
                    id: *id,
                    status,
                    note: note.clone(),
                })
                .await?;
            let text = action_line(&a);
            out(&a, text)
        }
        HrCommand::Actions(ActionsCommand::Delete { id }) => {
            s.delete_report_action(*id).await?;
            out(&id, "verwijderd / deleted".into())
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
