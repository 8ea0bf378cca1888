//! The confidential advisor's commands (advisor role): `vertrouwd advisor
//! case …`, `advisor stats …`, `advisor activity …`, `advisor document …`,
//! `advisor demo`. The
//! same commands are accepted without `advisor` (`vertrouwd case add`), as
//! they were first spelled.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use vertrouwd_core::advisor::{Activity, ActivityInput};
use vertrouwd_core::api::*;

use vertrouwd_core::language::duration;

use crate::ctx::*;

#[derive(Subcommand, Debug, Clone)]
pub enum AdvisorCommand {
    /// Cases (meldingen) in the register
    #[command(subcommand)]
    Case(CaseCommand),
    /// The yearly statistics under disclosure control
    #[command(subcommand)]
    Stats(StatsCommand),
    /// Activities besides cases (prevention, information, intervision,
    /// courses), for the jaarverslag and re-certification
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// The jaarverslag of a year as PDF, its figures from the year's
    /// release; the sections' own words (Markdown: paragraphs, lists,
    /// **bold**, *italic*) are kept when given
    AnnualReport {
        #[arg(long)]
        year: i32,
        /// Where the PDF goes (not encrypted); without it only the texts
        /// given are kept
        #[arg(long)]
        out: Option<PathBuf>,
        /// nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
        /// The introduction, from a text file
        #[arg(long)]
        introduction: Option<PathBuf>,
        /// Signals to the employer, from a text file
        #[arg(long)]
        signals: Option<PathBuf>,
        /// Recommendations, from a text file
        #[arg(long)]
        recommendations: Option<PathBuf>,
        /// Give the jaarverslag to HR: the year's release signed again with
        /// the PDF beside it, written here for HR to import (`hr releases
        /// import`); HR's annual report includes it unchanged
        #[arg(long, value_name = "FILE")]
        for_hr: Option<PathBuf>,
        /// Also put it into org.db for HR in this vault (`hr releases fetch`)
        #[arg(long)]
        publish: bool,
    },
    /// Documents as PDF
    #[command(subcommand)]
    Document(DocumentCommand),
    /// Fill an empty advisor register with synthetic cases (to try the
    /// app, and for benchmarks); refused when the register holds anything
    Demo(DemoArgs),
}

#[derive(Subcommand, Debug, Clone)]
pub enum ActivityCommand {
    /// Record an activity that took place
    Add {
        /// The day (3-2-2026, 2026-02-03, 3 februari 2026)
        #[arg(long)]
        on: String,
        /// prevention_session, information_meeting, intervision, course or other
        #[arg(long)]
        kind: String,
        /// Minutes spent
        #[arg(long)]
        minutes: u32,
        /// How many people it reached
        #[arg(long)]
        audience: Option<u32>,
        /// A few words for your own list (never in a report)
        #[arg(long)]
        topic: Option<String>,
    },
    /// The activities of a year, or all of them
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Delete an activity recorded in error
    Delete { id: i64 },
}

fn activity_line(a: &Activity) -> String {
    format!(
        "{}  {}  {}  {}{}{}",
        a.id,
        a.held_on.format("%d-%m-%Y"),
        vertrouwd_core::advisor::labels::dutch(&vertrouwd_core::code_lists::code(&a.kind)),
        duration(i64::from(a.minutes)),
        a.audience
            .map_or(String::new(), |n| format!("  {n} deelnemers")),
        a.topic
            .as_deref()
            .map_or(String::new(), |t| format!("  {t}")),
    )
}

#[derive(Args, Debug, Clone)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 200)]
    pub cases: u32,
    #[arg(long, default_value_t = 1000)]
    pub conversations: u32,
}

#[derive(Subcommand, Debug, Clone)]
pub enum CaseCommand {
    /// Record a case from JSON (a CaseInput; see ui/src/lib/api/types.ts)
    Add {
        /// The JSON file; standard input when absent or "-"
        #[arg(long)]
        input: Option<PathBuf>,
    },
    /// List cases, newest first
    List {
        /// Words to find in references, names and notes
        #[arg(long)]
        text: Option<String>,
        /// open or closed
        #[arg(long)]
        status: Option<String>,
        /// Cases first made in this year
        #[arg(long)]
        year: Option<i32>,
        /// A nature's id (see `case natures`)
        #[arg(long)]
        nature: Option<i64>,
        /// Only cases with a follow-up due
        #[arg(long)]
        due: bool,
    },
    /// Correct what the intake recorded, from JSON (a CaseInput)
    Update {
        case: String,
        #[arg(long)]
        input: Option<PathBuf>,
    },
    /// Show one case with its conversations
    Show {
        /// Reference (VP-2026-001) or id
        case: String,
    },
    /// Close a case with its outcome
    Close {
        case: String,
        /// The date of closing (2026-03-02 or 2-3-2026)
        #[arg(long)]
        on: String,
        /// resolved_informally, formal_complaint, referred, contact_lost,
        /// no_action_wanted or ongoing
        #[arg(long)]
        outcome: String,
        /// Mark the case's open follow-ups done on the closing date
        #[arg(long)]
        follow_ups_done: bool,
    },
    /// Reopen a closed case (its outcome is given again when it closes)
    Reopen { case: String },
    /// The natures to choose from
    Natures,
    /// Import an existing register from CSV (columns: see the README);
    /// nothing is imported while any row is invalid, unless --skip-invalid
    Import {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Store a file with a case, encrypted (PDF, PNG, JPEG, GIF, .eml,
    /// .msg, .txt; at most 25 MB)
    Attach { case: String, file: PathBuf },
    /// Write an attachment to a file of your choice (not encrypted)
    ExportAttachment {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The destruction list: closed cases and the day each becomes due
    Due,
    /// Destroy one case (a reason is needed when it is open or not yet due).
    /// Backups made earlier still hold it until they are deleted.
    Destroy {
        case: String,
        /// The reference typed again, as confirmation
        #[arg(long)]
        confirm: String,
        /// Why it goes before it is due: reporter_request, recorded_in_error,
        /// no_longer_needed or legal_obligation
        #[arg(long)]
        reason: Option<String>,
    },
    /// Destroy every case past its due date and grace period
    Purge {
        /// Required: only expired cases are destroyed
        #[arg(long, required = true)]
        expired: bool,
        /// Confirm without being asked
        #[arg(long)]
        yes: bool,
    },
    /// Conversation notes
    #[command(subcommand)]
    Note(NoteCommand),
}

#[derive(Subcommand, Debug, Clone)]
pub enum NoteCommand {
    /// Add a conversation from JSON (a ConversationInput)
    Add {
        case: String,
        #[arg(long)]
        input: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum DocumentCommand {
    /// The case file of one case (not encrypted: keep it safe, delete it
    /// when done)
    Case {
        /// Reference (VP-2026-001) or id
        case: String,
        #[arg(long)]
        out: PathBuf,
        /// nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum StatsCommand {
    /// Show exactly what would be released for a year
    Preview {
        #[arg(long)]
        year: i32,
        /// Breakdowns to leave out, comma-separated (e.g. relation)
        #[arg(long, value_delimiter = ',')]
        leave_out: Vec<String>,
    },
    /// Release a year's statistics as a JSON file
    Release {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
        /// Also put them into org.db for HR in this vault
        #[arg(long)]
        publish: bool,
        #[arg(long, value_delimiter = ',')]
        leave_out: Vec<String>,
    },
}

pub fn case_line(c: &vertrouwd_core::advisor::CaseSummary) -> String {
    format!(
        "{}  {}  {}  {}  {} gesprek(ken) {}",
        c.reference,
        c.first_contact.format("%d-%m-%Y"),
        match c.closed_on {
            Some(d) => format!("gesloten {}", d.format("%d-%m-%Y")),
            None => "open".into(),
        },
        c.natures.join(", "),
        c.conversations,
        duration(c.minutes),
    )
}

pub fn case_text(c: &vertrouwd_core::advisor::CaseDetail) -> String {
    let mut t = format!(
        "{}  eerste contact {}  {}\nmelder: {}\n",
        c.reference,
        c.first_contact.format("%d-%m-%Y"),
        match c.closed_on {
            Some(d) => format!("gesloten {}", d.format("%d-%m-%Y")),
            None => "open".into(),
        },
        c.reporter.as_ref().map_or("anoniem", |r| r.name.as_str()),
    );
    for v in &c.conversations {
        t.push_str(&format!(
            "\n{} ({} min)\n{}\n",
            v.held_on.format("%d-%m-%Y"),
            v.minutes,
            v.notes
        ));
    }
    t.push_str(&format!("\ntijd / time: {}", duration(c.minutes)));
    t
}

pub async fn run(ctx: &Ctx, cmd: &AdvisorCommand) -> ApiResult<Output> {
    let s = &ctx.session;
    ctx.unlock().await?;
    match cmd {
        AdvisorCommand::Case(cmd) => match cmd {
            CaseCommand::Add { input } => {
                let c = s.add_case(read_json(input)?).await?;
                let text = c.reference.clone();
                out(&c, text)
            }
            CaseCommand::List {
                text,
                status,
                year,
                nature,
                due,
            } => {
                let filter = vertrouwd_core::advisor::CaseFilter {
                    text: text.clone(),
                    status: status.as_deref().map(|v| choice(v, "status")).transpose()?,
                    nature_id: *nature,
                    year: *year,
                    follow_up_due: *due,
                    limit: None,
                };
                let rows = s.list_cases(filter).await?;
                let text = rows.iter().map(case_line).collect::<Vec<_>>().join("\n");
                out(&rows, text)
            }
            CaseCommand::Update { case, input } => {
                let c = s
                    .update_case(UpdateCaseRequest {
                        case: case.clone(),
                        input: read_json(input)?,
                    })
                    .await?;
                let text = case_text(&c);
                out(&c, text)
            }
            CaseCommand::Show { case } => {
                let c = s.case_detail(CaseRef { case: case.clone() }).await?;
                let text = case_text(&c);
                out(&c, text)
            }
            CaseCommand::Close {
                case,
                on,
                outcome,
                follow_ups_done,
            } => {
                let c = s
                    .close_case(CloseCaseRequest {
                        case: case.clone(),
                        closed_on: on.clone(),
                        outcome: choice(outcome, "outcome")?,
                        follow_ups_done: *follow_ups_done,
                    })
                    .await?;
                let text = case_text(&c);
                out(&c, text)
            }
            CaseCommand::Reopen { case } => {
                let c = s.reopen_case(CaseRef { case: case.clone() }).await?;
                let text = case_text(&c);
                out(&c, text)
            }
            CaseCommand::Natures => {
                let n = s.natures().await?;
                let text = n
                    .iter()
                    .map(|n| {
                        let retired = if n.retired {
                            " (vervallen / retired)"
                        } else {
                            ""
                        };
                        format!("{:>3}  {}{retired}", n.id, n.name)
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                out(&n, text)
            }
            CaseCommand::Import { file, skip_invalid } => {
                let r = s
                    .import_cases(ImportRequest {
                        path: file.to_string_lossy().into_owned(),
                        skip_invalid: *skip_invalid,
                    })
                    .await?;
                imported(&r)
            }
            CaseCommand::Attach { case, file } => {
                let c = s
                    .add_attachment(AddAttachmentRequest {
                        case: case.clone(),
                        path: file.to_string_lossy().into_owned(),
                    })
                    .await?;
                let text = c
                    .attachments
                    .iter()
                    .map(|a| format!("{}  {}  {} bytes", a.id, a.file_name, a.size))
                    .collect::<Vec<_>>()
                    .join("\n");
                out(&c, text)
            }
            CaseCommand::ExportAttachment { id, out: file } => {
                let w = s
                    .export_attachment(ExportAttachmentRequest {
                        id: *id,
                        path: file.to_string_lossy().into_owned(),
                    })
                    .await?;
                let text = format!("{} — niet versleuteld / not encrypted", w.path);
                out(&w, text)
            }
            CaseCommand::Due => {
                let list = s.destruction_list().await?;
                let text = list
                    .iter()
                    .map(|d| {
                        format!(
                            "{}  gesloten {}  te vernietigen vanaf / due {}{}",
                            d.reference,
                            d.closed_on.format("%d-%m-%Y"),
                            d.due_on.format("%d-%m-%Y"),
                            if d.expired {
                                "  (verlopen / expired)"
                            } else {
                                ""
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                out(&list, text)
            }
            CaseCommand::Destroy {
                case,
                confirm,
                reason,
            } => {
                let reference = s
                    .destroy_case(DestroyRequest {
                        case: case.clone(),
                        confirm: confirm.clone(),
                        reason: reason
                            .as_deref()
                            .map(|r| {
                                vertrouwd_core::advisor::from_code(r.trim())
                                    .ok_or_else(|| ApiError::validation("reason", Reason::Invalid))
                            })
                            .transpose()?,
                    })
                    .await?;
                let text = format!(
                        "{reference} vernietigd / destroyed. Eerder gemaakte back-ups bevatten de zaak nog / earlier backups still hold it."
                    );
                out(&serde_json::json!({ "destroyed": reference }), text)
            }
            CaseCommand::Purge { expired: _, yes } => {
                let expired: Vec<String> = s
                    .destruction_list()
                    .await?
                    .into_iter()
                    .filter(|d| d.expired)
                    .map(|d| d.reference)
                    .collect();
                if !expired.is_empty() && !*yes {
                    if !io::stdin().is_terminal() {
                        return Err(ApiError::validation("yes", Reason::Required));
                    }
                    eprintln!("Te vernietigen / to destroy: {}", expired.join(", "));
                    eprint!("Typ / type 'ja' of 'yes': ");
                    let mut answer = String::new();
                    io::stdin()
                        .read_line(&mut answer)
                        .map_err(|_| ApiError::validation("yes", Reason::Required))?;
                    if !matches!(answer.trim(), "ja" | "yes") {
                        return Err(ApiError::validation("yes", Reason::Required));
                    }
                }
                let destroyed = s.purge_expired(PurgeRequest { confirm: true }).await?;
                let text = format!(
                    "{} vernietigd / destroyed{}",
                    destroyed.len(),
                    if destroyed.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", destroyed.join(", "))
                    }
                );
                out(&destroyed, text)
            }
            CaseCommand::Note(NoteCommand::Add { case, input }) => {
                let c = s
                    .add_conversation(AddConversationRequest {
                        case: case.clone(),
                        conversation: read_json(input)?,
                    })
                    .await?;
                let text = case_text(&c);
                out(&c, text)
            }
        },
        AdvisorCommand::Document(DocumentCommand::Case {
            case,
            out: file,
            lang,
        }) => {
            let language = language(lang)?;
            let w = s
                .write_case_file(CaseFileRequest {
                    case: case.clone(),
                    path: file.to_string_lossy().into_owned(),
                    language,
                })
                .await?;
            let text = format!(
                "{} — niet versleuteld, verwijder het na gebruik / not encrypted, delete it when done",
                w.path
            );
            out(&w, text)
        }
        AdvisorCommand::Activity(cmd) => match cmd {
            ActivityCommand::Add {
                on,
                kind,
                minutes,
                audience,
                topic,
            } => {
                let a = s
                    .add_activity(ActivityInput {
                        held_on: on.clone(),
                        kind: choice(kind, "kind")?,
                        audience: *audience,
                        minutes: *minutes,
                        topic: topic.clone(),
                    })
                    .await?;
                let text = activity_line(&a);
                out(&a, text)
            }
            ActivityCommand::List { year } => {
                let list = s.activities(ActivityFilter { year: *year }).await?;
                let text = list
                    .iter()
                    .map(activity_line)
                    .collect::<Vec<_>>()
                    .join("\n");
                out(&list, text)
            }
            ActivityCommand::Delete { id } => {
                s.delete_activity(*id).await?;
                out(&id, format!("{id} verwijderd / deleted"))
            }
        },
        AdvisorCommand::AnnualReport {
            year,
            out: file,
            lang,
            introduction,
            signals,
            recommendations,
            for_hr,
            publish,
        } => {
            let mut texts = s.annual_report_texts(AnnualYear { year: *year }).await?;
            let given = [introduction, signals, recommendations];
            if given.iter().any(|g| g.is_some()) {
                for (field, path) in [
                    (&mut texts.introduction, introduction),
                    (&mut texts.signals, signals),
                    (&mut texts.recommendations, recommendations),
                ] {
                    if let Some(p) = path {
                        *field = read_text(p)?;
                    }
                }
                texts = s.update_annual_report_texts(texts).await?;
            }
            let written = match file {
                Some(path) => Some(
                    s.write_annual_report(AnnualReportRequest {
                        year: *year,
                        path: path.to_string_lossy().into_owned(),
                        language: language(lang)?,
                    })
                    .await?,
                ),
                None => None,
            };
            let sent = if for_hr.is_some() || *publish {
                Some(
                    s.send_annual_report(AnnualReportSendRequest {
                        year: *year,
                        language: language(lang)?,
                        path: for_hr.as_ref().map(|p| p.to_string_lossy().into_owned()),
                        publish: *publish,
                    })
                    .await?,
                )
            } else {
                None
            };
            let pdf_line =
                |w: &WrittenFile| format!("{} — niet versleuteld / not encrypted", w.path);
            match (&written, &sent) {
                (None, None) => out(&texts, "teksten bewaard / texts kept".to_string()),
                (Some(w), None) => out(w, pdf_line(w)),
                (_, Some(r)) => {
                    let mut lines: Vec<String> = written.iter().map(pdf_line).collect();
                    if let Some(f) = &r.file {
                        lines.push(format!("{} — voor HR / for HR", f.path));
                    }
                    if r.published {
                        lines.push("voor HR in org.db / for HR in org.db".into());
                    }
                    out(
                        &serde_json::json!({ "written": written, "sent": r }),
                        lines.join("\n"),
                    )
                }
            }
        }
        AdvisorCommand::Demo(DemoArgs {
            cases,
            conversations,
        }) => {
            let n = s
                .fill_demo_register(DemoRequest {
                    cases: *cases,
                    conversations: *conversations,
                })
                .await?;
            out(&n, format!("{n} voorbeeldmeldingen / demo cases"))
        }
        AdvisorCommand::Stats(cmd) => match cmd {
            StatsCommand::Preview { year, leave_out } => {
                let p = s
                    .statistics_preview(StatisticsRequest {
                        year: *year,
                        left_out: leave_out.clone(),
                    })
                    .await?;
                let text = serde_json::to_string_pretty(&p)
                    .map_err(|_| ApiError::new(ErrorCode::Internal, "output"))?;
                out(&p, text)
            }
            StatsCommand::Release {
                year,
                out: file,
                publish,
                leave_out,
            } => {
                let r = s
                    .release_statistics(ReleaseRequest {
                        year: *year,
                        left_out: leave_out.clone(),
                        path: Some(file.to_string_lossy().into_owned()),
                        publish: *publish,
                    })
                    .await?;
                let text = format!(
                    "{}{}",
                    file.display(),
                    if r.published {
                        " (ook in org.db / also in org.db)"
                    } else {
                        ""
                    }
                );
                out(&r, text)
            }
        },
    }
}
