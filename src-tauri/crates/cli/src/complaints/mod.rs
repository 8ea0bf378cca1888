//! The complaints register's commands (hr role): `vertrouwd complaints
//! add|list|show|due|step|pause|resume|extend|hearing|admissibility|advice|
//! decision|close|withdraw|inadmissible|note|attach|export-attachment|join|
//! recusal|import|access|letter|ics|retention|destroy|purge|procedures|term|
//! committee|settings`. Input as JSON
//! where a complaint is entered whole, flags elsewhere; `--json` for
//! JSON out.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use vertrouwd_core::api::*;
use vertrouwd_core::complaints::procedures::{PauseReason, StepTerm};
use vertrouwd_core::complaints::*;

use crate::ctx::*;

mod settings;
mod text;

use text::*;

#[derive(Subcommand, Debug, Clone)]
pub enum ComplaintsCommand {
    /// File a complaint from JSON (a ComplaintInput; see ui/src/lib/api/types.ts)
    Add {
        /// The JSON file; standard input when absent or "-"
        #[arg(long)]
        input: Option<PathBuf>,
    },
    /// The complaints you may read, newest first
    List {
        /// Words to find in the reference, names, departments and description
        #[arg(long)]
        search: Option<String>,
        /// Closed, withdrawn and inadmissible complaints too
        #[arg(long)]
        all: bool,
    },
    /// One complaint with its steps and timeline
    Show {
        /// Reference (KL-2026-001) or id
        complaint: String,
    },
    /// What is overdue, due this week, and past half of its term
    Due,
    /// The year's figures for the annual report (HR's own working
    /// figures: complaints you may read, and destroyed ones)
    Figures {
        #[arg(long)]
        year: i32,
    },
    /// The procedures a complaint can follow, with their steps and terms
    Procedures,
    /// Change the term of a procedure's step for complaints filed from now
    /// on; running complaints follow only with --apply. Says which running
    /// complaints it moves (or would: --preview writes nothing)
    Term {
        /// The procedure's code (complaints_regulation, whistleblowing, awb, …)
        procedure: String,
        /// The step's code (acknowledgement, …)
        step: String,
        /// How long
        #[arg(long, allow_hyphen_values = true, required_unless_present = "none")]
        count: Option<i32>,
        /// days, weeks, months or working_days
        #[arg(long, default_value = "days")]
        unit: String,
        /// law (Algemene termijnenwet) or organisation (its working days)
        #[arg(long)]
        calendar: Option<String>,
        /// The step has no term
        #[arg(long, conflicts_with = "count")]
        none: bool,
        /// Running complaints follow the new term too
        #[arg(long)]
        apply: bool,
        /// Only say what would change
        #[arg(long, conflicts_with = "apply")]
        preview: bool,
    },
    /// A step of a complaint's procedure
    #[command(subcommand)]
    Step(StepCommand),
    /// Stop the terms from a day on (mediation)
    Pause {
        complaint: String,
        #[arg(long)]
        from: String,
        /// mediation or other
        #[arg(long, default_value = "mediation")]
        reason: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Let the terms run again after the pause's last day
    Resume {
        complaint: String,
        #[arg(long)]
        until: String,
    },
    /// Lengthen a step's term (the Awb's postponement by letter)
    Extend {
        complaint: String,
        step: String,
        /// How much longer
        #[arg(long, allow_hyphen_values = true)]
        by: i32,
        /// days, weeks, months or working_days
        #[arg(long, default_value = "weeks")]
        unit: String,
        #[arg(long)]
        reason: String,
    },
    /// Record a hearing, held or planned
    Hearing {
        complaint: String,
        #[arg(long)]
        on: String,
        /// The parties are heard apart
        #[arg(long)]
        separate: bool,
        #[arg(long = "witness")]
        witnesses: Vec<String>,
    },
    /// The admissibility checklist, from JSON (an Admissibility)
    Admissibility {
        complaint: String,
        #[arg(long)]
        input: Option<PathBuf>,
    },
    /// The committee's advice
    Advice(OutcomeArgs),
    /// The decision (reasons are needed where it departs from the advice)
    Decision(OutcomeArgs),
    /// Close a complaint after its procedure
    Close(EndArgs),
    /// The complainant withdrew the complaint (it still counts)
    Withdraw(EndArgs),
    /// The complaint is not admissible
    Inadmissible(EndArgs),
    /// Add a note to the timeline
    Note { complaint: String, text: String },
    /// Keep a file with a complaint, sealed under its key (PDF, picture,
    /// e-mail or text, at most 25 MB)
    Attach { complaint: String, file: PathBuf },
    /// Write one of a complaint's attachments to a file (not encrypted)
    ExportAttachment {
        complaint: String,
        /// The attachment's number, as `show` lists it
        attachment: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Handle two complaints together (they must have the same readers);
    /// --separate parts them again
    Join {
        complaint: String,
        with: String,
        #[arg(long)]
        separate: bool,
    },
    /// A member of the committee steps aside for a complaint; --undo takes
    /// a recusal recorded in error back
    Recusal {
        complaint: String,
        /// The member's name as the committee lists it
        #[arg(long)]
        member: String,
        #[arg(long, required_unless_present = "undo")]
        on: Option<String>,
        #[arg(long)]
        reason: Option<String>,
        #[arg(long)]
        undo: bool,
    },
    /// The complaints committee: its name, internal or external, and its
    /// members (given all at once)
    Committee {
        #[arg(long)]
        name: Option<String>,
        /// An external committee (true/false)
        #[arg(long)]
        external: Option<bool>,
        /// A member as "name:role" (role: chair, member or secretary), with
        /// ":external" for one from outside; repeat for each member
        #[arg(long = "member")]
        members: Vec<String>,
    },
    /// Import an existing register from CSV or .xlsx (columns: see the
    /// README); nothing is imported while any row is invalid, unless
    /// --skip-invalid
    Import {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        /// Only these users (logins) may read the imported complaints, you
        /// among them; otherwise every hr user
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
    /// Who may read a complaint: every hr user, or only those named
    Access {
        complaint: String,
        /// Every hr user, now and later
        #[arg(long, conflicts_with = "only")]
        everyone: bool,
        /// Only these users (logins), you among them
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
    },
    /// Write a step's letter as PDF (not encrypted: delete it once sent)
    Letter {
        complaint: String,
        step: String,
        #[arg(long)]
        out: PathBuf,
        /// Another letter than the step's own (postponement, …)
        #[arg(long)]
        letter: Option<String>,
        /// nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// Write the calendar of every term and hearing (.ics, for Outlook);
    /// no names unless --names (not encrypted: keep it to yourself)
    Ics {
        #[arg(long)]
        out: PathBuf,
        /// Put the complainant's name in each event
        #[arg(long)]
        names: bool,
        /// nl or en
        #[arg(long, default_value = "nl")]
        lang: String,
    },
    /// The destruction list: ended complaints you may read, and the day each
    /// becomes due
    Retention,
    /// Destroy one complaint, its key with it (a reason is needed before
    /// it is due). Backups made earlier still hold it until deleted.
    Destroy {
        complaint: String,
        /// The reference typed again, as confirmation
        #[arg(long)]
        confirm: String,
        /// reporter_request, recorded_in_error, no_longer_needed or
        /// legal_obligation
        #[arg(long)]
        reason: Option<String>,
    },
    /// Destroy every complaint you may read past its due date and grace period
    Purge {
        /// Required: only expired complaints are destroyed
        #[arg(long, required = true)]
        expired: bool,
    },
    /// The register's settings: the reference prefix, the terms of
    /// retention, the organisation's calendar and the letterhead
    Settings(settings::SettingsArgs),
}

#[derive(Subcommand, Debug, Clone)]
pub enum StepCommand {
    /// Mark a step done on a day
    Done {
        complaint: String,
        step: String,
        #[arg(long)]
        on: String,
    },
    /// A step that could not be done (an anonymous reporter without a way
    /// to reply); later steps count from its due date
    NotPossible {
        complaint: String,
        step: String,
        #[arg(long)]
        reason: String,
    },
    /// Open a step again
    Reopen { complaint: String, step: String },
    /// Set a step's due date by hand, or with --computed let it be computed
    Due {
        complaint: String,
        step: String,
        #[arg(long, required_unless_present = "computed")]
        on: Option<String>,
        #[arg(long)]
        computed: bool,
    },
}

#[derive(Args, Debug, Clone)]
pub struct OutcomeArgs {
    complaint: String,
    #[arg(long)]
    on: String,
    /// upheld, partly_upheld or not_upheld
    #[arg(long)]
    finding: String,
    /// conversation, mediation, warning, reprimand, training, transfer,
    /// suspension, dismissal, rehabilitation, other
    #[arg(long = "measure", value_delimiter = ',')]
    measures: Vec<String>,
    #[arg(long)]
    reasons: Option<String>,
}

#[derive(Args, Debug, Clone)]
pub struct EndArgs {
    complaint: String,
    #[arg(long)]
    on: String,
    #[arg(long)]
    note: Option<String>,
}

/// User ids for logins (or ids) as the users list gives them.
/// Every hr user, or only the users named.
async fn access(ctx: &Ctx, everyone: bool, only: &[String]) -> ApiResult<ComplaintAccess> {
    Ok(if everyone || only.is_empty() {
        ComplaintAccess::Everyone
    } else {
        ComplaintAccess::Only {
            users: user_ids(ctx, only).await?,
        }
    })
}

async fn user_ids(ctx: &Ctx, logins: &[String]) -> ApiResult<Vec<String>> {
    let users = ctx.session.list_users().await?;
    logins
        .iter()
        .map(|l| {
            users
                .iter()
                .find(|u| u.login.eq_ignore_ascii_case(l.trim()) || u.id == l.trim())
                .map(|u| u.id.clone())
                .ok_or_else(|| ApiError::validation("access", Reason::Unknown))
        })
        .collect()
}

fn outcome(a: &OutcomeArgs) -> ApiResult<OutcomeRequest> {
    Ok(OutcomeRequest {
        complaint: a.complaint.clone(),
        on: a.on.clone(),
        finding: choice(&a.finding, "finding")?,
        measures: a.measures.clone(),
        reasons: a.reasons.clone(),
        note: None,
    })
}

fn end(a: &EndArgs, kind: ClosureKind) -> CloseComplaintRequest {
    CloseComplaintRequest {
        complaint: a.complaint.clone(),
        kind,
        on: a.on.clone(),
        note: a.note.clone(),
    }
}

fn shown(c: ComplaintDetail) -> ApiResult<Output> {
    let text = complaint_text(&c);
    out(&c, text)
}

pub async fn run(ctx: &Ctx, cmd: &ComplaintsCommand) -> ApiResult<Output> {
    use ComplaintsCommand as C;
    let s = &ctx.session;
    ctx.unlock().await?;
    match cmd {
        C::Add { input } => {
            let c = s.add_complaint(read_json(input)?).await?;
            let text = c.reference.clone();
            out(&c, text)
        }
        C::List { search, all } => {
            let rows = s
                .list_complaints(ComplaintFilter {
                    search: search.clone(),
                    status: None,
                    include_closed: *all,
                })
                .await?;
            let text = rows
                .iter()
                .map(complaint_line)
                .collect::<Vec<_>>()
                .join("\n");
            out(&rows, text)
        }
        C::Show { complaint } => shown(
            s.complaint_detail(ComplaintRef {
                complaint: complaint.clone(),
            })
            .await?,
        ),
        C::Due => {
            let d = s.complaints_due().await?;
            let text = [
                due_lines("te laat / overdue", &d.overdue),
                due_lines("deze week / this week", &d.this_week),
                due_lines("termijn loopt af / running out", &d.warnings),
            ]
            .join("\n");
            out(&d, text)
        }
        C::Figures { year } => {
            let f = s
                .complaint_figures(vertrouwd_core::complaints::figures::FiguresRequest {
                    year: *year,
                })
                .await?;
            let text = figures_text(&f);
            out(&f, text)
        }
        C::Procedures => {
            let p = s.complaint_procedures().await?;
            let text = p
                .iter()
                .map(|p| {
                    let steps: Vec<String> = p
                        .steps
                        .iter()
                        .map(|st| {
                            let term = st
                                .term
                                .map_or("-".to_string(), |t| format!("{} {}", t.count, nl_unit(t)));
                            format!("  {:<40} {}", nl(&st.key), term)
                        })
                        .collect();
                    format!("{} ({})\n{}", nl(&p.code), p.code, steps.join("\n"))
                })
                .collect::<Vec<_>>()
                .join("\n\n");
            out(&p, text)
        }
        C::Term {
            procedure,
            step,
            count,
            unit,
            calendar,
            none,
            apply,
            preview,
        } => {
            let mut p = s
                .complaint_procedures()
                .await?
                .into_iter()
                .find(|p| p.code == procedure.trim())
                .ok_or_else(|| ApiError::validation("procedure", Reason::Unknown))?;
            let st = p
                .steps
                .iter_mut()
                .find(|st| st.key == step.trim())
                .ok_or_else(|| ApiError::validation("step", Reason::Unknown))?;
            st.term = match (none, count) {
                (true, _) | (false, None) => None,
                (false, Some(n)) => Some(StepTerm::new(*n, choice(unit, "unit")?)),
            };
            if let Some(c) = calendar {
                st.calendar = choice(c, "calendar")?;
            }
            let req = ProcedureChange {
                procedure: p,
                apply_to_running: *apply,
            };
            let r = if *preview {
                s.preview_complaint_procedure(req).await?
            } else {
                s.update_complaint_procedure(req).await?
            };
            let kept = if *preview {
                "niets opgeslagen (--preview) / nothing kept (--preview)"
            } else {
                "procedure opgeslagen / procedure saved"
            };
            let text = format!("{kept}\n{}", procedure_change_text(&r));
            out(&r, text)
        }
        C::Step(step) => shown(match step {
            StepCommand::Done {
                complaint,
                step,
                on,
            } => {
                s.complaint_step_done(StepDoneRequest {
                    complaint: complaint.clone(),
                    step: step.clone(),
                    done_on: Some(on.clone()),
                    not_possible: None,
                })
                .await?
            }
            StepCommand::NotPossible {
                complaint,
                step,
                reason,
            } => {
                s.complaint_step_done(StepDoneRequest {
                    complaint: complaint.clone(),
                    step: step.clone(),
                    done_on: None,
                    not_possible: Some(reason.clone()),
                })
                .await?
            }
            StepCommand::Reopen { complaint, step } => {
                s.complaint_step_done(StepDoneRequest {
                    complaint: complaint.clone(),
                    step: step.clone(),
                    done_on: None,
                    not_possible: None,
                })
                .await?
            }
            StepCommand::Due {
                complaint,
                step,
                on,
                computed,
            } => {
                s.set_complaint_due(SetDueRequest {
                    complaint: complaint.clone(),
                    step: step.clone(),
                    due_on: if *computed { None } else { on.clone() },
                })
                .await?
            }
        }),
        C::Pause {
            complaint,
            from,
            reason,
            note,
        } => shown(
            s.pause_complaint(PauseRequest {
                complaint: complaint.clone(),
                from: from.clone(),
                reason: choice::<PauseReason>(reason, "reason")?,
                note: note.clone(),
            })
            .await?,
        ),
        C::Resume { complaint, until } => shown(
            s.resume_complaint(ResumeRequest {
                complaint: complaint.clone(),
                until: until.clone(),
            })
            .await?,
        ),
        C::Extend {
            complaint,
            step,
            by,
            unit,
            reason,
        } => shown(
            s.extend_complaint_step(ExtendRequest {
                complaint: complaint.clone(),
                step: step.clone(),
                by: StepTerm::new(*by, choice(unit, "unit")?),
                reason: reason.clone(),
            })
            .await?,
        ),
        C::Hearing {
            complaint,
            on,
            separate,
            witnesses,
        } => shown(
            s.record_hearing(HearingRequest {
                complaint: complaint.clone(),
                hearing: HearingInput {
                    on: on.clone(),
                    separate: *separate,
                    witnesses: witnesses.clone(),
                    note: None,
                },
            })
            .await?,
        ),
        C::Admissibility { complaint, input } => shown(
            s.record_admissibility(AdmissibilityRequest {
                complaint: complaint.clone(),
                checklist: read_json(input)?,
            })
            .await?,
        ),
        C::Advice(a) => shown(s.record_advice(outcome(a)?).await?),
        C::Decision(a) => shown(s.record_decision(outcome(a)?).await?),
        C::Close(a) => shown(s.close_complaint(end(a, ClosureKind::Closed)).await?),
        C::Withdraw(a) => shown(s.close_complaint(end(a, ClosureKind::Withdrawn)).await?),
        C::Inadmissible(a) => shown(s.close_complaint(end(a, ClosureKind::Inadmissible)).await?),
        C::Note { complaint, text } => shown(
            s.add_complaint_note(ComplaintNoteRequest {
                complaint: complaint.clone(),
                text: text.clone(),
            })
            .await?,
        ),
        C::Import {
            file,
            skip_invalid,
            only,
        } => {
            let r = s
                .import_complaints(ComplaintImportRequest {
                    path: file.to_string_lossy().into_owned(),
                    skip_invalid: *skip_invalid,
                    access: access(ctx, false, only).await?,
                })
                .await?;
            imported(&r)
        }
        C::Attach { complaint, file } => shown(
            s.add_complaint_attachment(ComplaintAttachmentRequest {
                complaint: complaint.clone(),
                path: file.to_string_lossy().into_owned(),
            })
            .await?,
        ),
        C::ExportAttachment {
            complaint,
            attachment,
            out: file,
        } => {
            let w = s
                .export_complaint_attachment(ExportComplaintAttachmentRequest {
                    complaint: complaint.clone(),
                    attachment: *attachment,
                    path: file.to_string_lossy().into_owned(),
                })
                .await?;
            let text = format!("{} — niet versleuteld / not encrypted", w.path);
            out(&w, text)
        }
        C::Join {
            complaint,
            with,
            separate,
        } => shown(
            s.join_complaints(JoinRequest {
                complaint: complaint.clone(),
                with: with.clone(),
                separate: *separate,
            })
            .await?,
        ),
        C::Recusal {
            complaint,
            member,
            on,
            reason,
            undo,
        } => shown(
            s.record_recusal(RecusalRequest {
                complaint: complaint.clone(),
                member: member.clone(),
                on: on.clone().unwrap_or_default(),
                reason: reason.clone(),
                undo: *undo,
            })
            .await?,
        ),
        C::Committee {
            name,
            external,
            members,
        } => {
            let mut c = s.complaint_committee().await?;
            if name.is_some() || external.is_some() || !members.is_empty() {
                if let Some(n) = name {
                    c.name = Some(n.clone());
                }
                if let Some(e) = external {
                    c.external = *e;
                }
                if !members.is_empty() {
                    c.members = members
                        .iter()
                        .map(|m| committee_member(m))
                        .collect::<ApiResult<_>>()?;
                }
                c = s.update_complaint_committee(c).await?;
            }
            let text = committee_text(&c);
            out(&c, text)
        }
        C::Access {
            complaint,
            everyone,
            only,
        } => {
            let access = access(ctx, *everyone, only).await?;
            shown(
                s.change_complaint_access(AccessRequest {
                    complaint: complaint.clone(),
                    access,
                })
                .await?,
            )
        }
        C::Letter {
            complaint,
            step,
            out: path,
            letter,
            lang,
        } => {
            let w = s
                .write_complaint_letter(LetterRequest {
                    complaint: complaint.clone(),
                    step: step.clone(),
                    letter: letter.as_deref().map(|l| choice(l, "letter")).transpose()?,
                    language: language(lang)?,
                    path: path.to_string_lossy().into_owned(),
                })
                .await?;
            let text = w.path.clone();
            out(&w, text)
        }
        C::Ics {
            out: path,
            names,
            lang,
        } => {
            let w = s
                .write_complaints_calendar(CalendarRequest {
                    path: path.to_string_lossy().into_owned(),
                    with_names: *names,
                    language: language(lang)?,
                })
                .await?;
            let text = w.path.clone();
            out(&w, text)
        }
        C::Retention => {
            let rows = s.complaint_destruction_list().await?;
            let text = rows
                .iter()
                .map(|d| {
                    format!(
                        "{}  beëindigd {}  te vernietigen vanaf {}{}",
                        d.reference,
                        d.closed_on.format("%d-%m-%Y"),
                        d.due_on.format("%d-%m-%Y"),
                        if d.expired { "  (verlopen)" } else { "" }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out(&rows, text)
        }
        C::Destroy {
            complaint,
            confirm,
            reason,
        } => {
            let r = s
                .destroy_complaint(DestroyComplaintRequest {
                    complaint: complaint.clone(),
                    confirm: confirm.clone(),
                    reason: reason.as_deref().map(|r| choice(r, "reason")).transpose()?,
                })
                .await?;
            let text = r.clone();
            out(&r, text)
        }
        C::Purge { expired } => {
            let gone = s
                .purge_expired_complaints(PurgeRequest { confirm: *expired })
                .await?;
            let text = gone.join("\n");
            out(&gone, text)
        }
        C::Settings(args) => settings::run(s, args).await,
    }
}

/// A member as the command line gives one: "name:role[:external]".
fn committee_member(text: &str) -> ApiResult<CommitteeMember> {
    let mut parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let external = parts.len() > 2 && parts.last() == Some(&"external");
    if external {
        parts.pop();
    }
    let (Some(role), false) = (parts.pop(), parts.is_empty()) else {
        return Err(ApiError::validation("members", Reason::Invalid));
    };
    Ok(CommitteeMember {
        name: parts.join(":"),
        role: choice(role, "members")?,
        external,
    })
}
