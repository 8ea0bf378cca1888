//! The words of the complaints register: what a complaint is made of, as
//! the api, the UI and the CLI exchange it, and the two sealed parts it is
//! kept in (`Summary`, `Content`; see `keys`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::procedures::{Extension, Pause, Phase, Procedure, ScheduledStep, Urgency};

/// How the complaint or report came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintChannel {
    Letter,
    Email,
    Form,
    /// Told in person or by phone: minuted, and the reporter checks and
    /// signs the minutes.
    Oral,
}

/// Who the complainant is to the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplainantRole {
    Employee,
    Manager,
    FormerEmployee,
    /// Temporary or agency worker (uitzendkracht).
    Temporary,
    Intern,
    Volunteer,
    Applicant,
    /// A citizen (Awb chapter 9).
    Citizen,
    Other,
}

/// Who complains or reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Complainant {
    pub anonymous: bool,
    /// An anonymous reporter who can be answered (a mailbox, a number).
    #[serde(default)]
    pub can_reply: bool,
    #[serde(default)]
    pub name: Option<String>,
    pub role: ComplainantRole,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub support_person: Option<String>,
}

/// A person the complaint is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PersonComplainedAbout {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
}

/// Who may read a complaint: every hr holder (now and later), or only the
/// named users, whoever else holds hr.db.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "who", rename_all = "snake_case")]
pub enum ComplaintAccess {
    #[default]
    Everyone,
    Only {
        users: Vec<String>,
    },
}

/// The admissibility checklist (the Awb's art. 9:8 among others).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Admissibility {
    pub written_and_signed: Option<bool>,
    pub name_and_address: Option<bool>,
    pub complainant_in_scope: Option<bool>,
    /// The conduct is recent enough (Awb 9:8: within a year).
    pub recent_enough: Option<bool>,
    pub internal_route_first: Option<bool>,
    /// The committee's conclusion, once drawn.
    pub admissible: Option<bool>,
    pub decided_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A hearing, possibly of one party at a time, with witnesses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Hearing {
    pub on: NaiveDate,
    /// The parties are heard apart.
    pub separate: bool,
    #[serde(default)]
    pub witnesses: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// What the committee found, and what the decision-maker decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintFinding {
    Upheld,
    PartlyUpheld,
    NotUpheld,
}

/// The committee's advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Advice {
    pub on: NaiveDate,
    pub finding: ComplaintFinding,
    /// Recommended measures, as codes of [`MEASURES`].
    #[serde(default)]
    pub measures: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The decision on the complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Decision {
    pub on: NaiveDate,
    pub finding: ComplaintFinding,
    /// Measures taken, as codes of [`MEASURES`] (rehabilitation when not upheld).
    #[serde(default)]
    pub measures: Vec<String>,
    /// Why the decision departs from the advice (required when it does).
    #[serde(default)]
    pub reasons: Option<String>,
}

/// The measures a committee recommends or an employer takes (codes, so
/// the annual report counts them).
pub const MEASURES: &[&str] = &[
    "conversation",
    "mediation",
    "warning",
    "reprimand",
    "training",
    "transfer",
    "suspension",
    "dismissal",
    "rehabilitation",
    "other",
];

/// How a complaint ended before or after its procedure ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClosureKind {
    Closed,
    /// Withdrawn by the complainant: the person complained about is
    /// informed, the employer may still act, and it still counts.
    Withdrawn,
    Inadmissible,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Closure {
    pub kind: ClosureKind,
    pub on: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    Received,
    Admissibility,
    Mediation,
    Response,
    Hearing,
    HearingReport,
    Advice,
    Decision,
    Feedback,
    Closed,
    Withdrawn,
    Inadmissible,
}

impl ComplaintStatus {
    pub fn of(phase: Phase, mediating: bool, closure: Option<ClosureKind>) -> Self {
        match closure {
            Some(ClosureKind::Closed) => return Self::Closed,
            Some(ClosureKind::Withdrawn) => return Self::Withdrawn,
            Some(ClosureKind::Inadmissible) => return Self::Inadmissible,
            None => {}
        }
        if mediating {
            return Self::Mediation;
        }
        match phase {
            Phase::Received => Self::Received,
            Phase::Admissibility => Self::Admissibility,
            Phase::Response => Self::Response,
            Phase::Hearing => Self::Hearing,
            Phase::HearingReport => Self::HearingReport,
            Phase::Advice => Self::Advice,
            Phase::Decision => Self::Decision,
            Phase::Feedback => Self::Feedback,
        }
    }
}

/// A file kept with a complaint: what the register shows of it. Its bytes
/// are sealed under the complaint's key (`complaint_attachments`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintAttachment {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size: u64,
    pub added_at: DateTime<Utc>,
}

/// The complaints committee (klachtencommissie): it hears both parties and
/// advises whoever decides. Internal, or an external committee with its
/// own members; one of the register's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Committee {
    /// Its name as letters give it ("Klachtencommissie ongewenste
    /// omgangsvormen"); empty for "the complaints committee".
    #[serde(default)]
    pub name: Option<String>,
    /// An external committee (a bureau, a sector's committee).
    #[serde(default)]
    pub external: bool,
    #[serde(default)]
    pub members: Vec<CommitteeMember>,
}

/// A member of the committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommitteeMember {
    pub name: String,
    pub role: CommitteeRole,
    /// Not employed by the organisation.
    #[serde(default)]
    pub external: bool,
}

/// A member's place in the committee.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CommitteeRole {
    /// Voorzitter.
    Chair,
    Member,
    /// Ambtelijk secretaris: keeps the file, takes no part in the advice.
    Secretary,
}

/// A member of the committee who steps aside for one complaint (they are
/// involved, or one of the parties objected), so that they take no part
/// in hearing it or in the advice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Recusal {
    /// The member's name as the committee listed it that day.
    pub member: String,
    pub on: NaiveDate,
    #[serde(default)]
    pub reason: Option<String>,
}

/// One thing that happened, who did it and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintEvent {
    pub at: DateTime<Utc>,
    /// The user's id and their name when it happened.
    pub by: String,
    pub by_name: String,
    /// What happened, as a code (`filed`, `step_done`, `paused`, …).
    pub what: String,
    /// The step, the user given access, or the note written.
    #[serde(default)]
    pub detail: Option<String>,
}

/// A complaint as it is entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintInput {
    pub received_on: String,
    pub channel: ComplaintChannel,
    /// The procedure's code (`complaints_regulation`, `whistleblowing`, …).
    pub procedure: String,
    pub complainant: Complainant,
    #[serde(default)]
    pub complained_about: Vec<PersonComplainedAbout>,
    /// Codes of the natures (the advisor register's categories).
    #[serde(default)]
    pub natures: Vec<String>,
    pub description: String,
    /// Who decides, when not the employer (a board member, the
    /// supervisory board): the complaint concerns the one who would.
    #[serde(default)]
    pub decision_maker: Option<String>,
    /// For an oral complaint: the day the reporter signed the minutes.
    #[serde(default)]
    pub minutes_signed_on: Option<String>,
    #[serde(default)]
    pub access: ComplaintAccess,
}

/// A user who may be given access to a complaint: an hr holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessUser {
    pub id: String,
    pub display_name: String,
}

/// Who may read a complaint, as its readers see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessInfo {
    pub everyone: bool,
    /// The named users when restricted.
    pub users: Vec<AccessUser>,
}

/// A step that is due, for the lists and the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueStep {
    pub step: String,
    pub due: NaiveDate,
    pub urgency: Option<Urgency>,
}

/// A complaint as the register lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintSummary {
    pub id: i64,
    pub reference: String,
    pub received_on: NaiveDate,
    pub procedure: String,
    pub status: ComplaintStatus,
    pub restricted: bool,
    /// The open step due first.
    pub next_due: Option<DueStep>,
}

/// Everything about one complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintDetail {
    pub id: i64,
    pub reference: String,
    pub received_on: NaiveDate,
    pub channel: ComplaintChannel,
    pub minutes_signed_on: Option<NaiveDate>,
    pub procedure: Procedure,
    pub status: ComplaintStatus,
    pub complainant: Complainant,
    pub complained_about: Vec<PersonComplainedAbout>,
    pub natures: Vec<String>,
    pub description: String,
    pub decision_maker: Option<String>,
    pub admissibility: Admissibility,
    pub hearings: Vec<Hearing>,
    pub advice: Option<Advice>,
    pub decision: Option<Decision>,
    pub closure: Option<Closure>,
    pub schedule: Vec<ScheduledStep>,
    pub pauses: Vec<Pause>,
    pub extensions: Vec<Extension>,
    pub timeline: Vec<ComplaintEvent>,
    pub access: AccessInfo,
    pub attachments: Vec<ComplaintAttachment>,
    /// Members of the committee who step aside for this complaint.
    pub recusals: Vec<Recusal>,
    /// The complaints handled together with this one (their references).
    pub joined: Vec<String>,
}

/// A step due, with its complaint, on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueItem {
    pub id: i64,
    pub reference: String,
    pub procedure: String,
    pub step: String,
    pub due: NaiveDate,
    pub urgency: Option<Urgency>,
}

/// What is overdue, what is due this week, and the terms running out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintDashboard {
    pub today: NaiveDate,
    pub overdue: Vec<DueItem>,
    /// Due from today to the coming Sunday.
    pub this_week: Vec<DueItem>,
    /// Later, but past half of their term.
    pub warnings: Vec<DueItem>,
}

/// The sealed part every list reads: small, so that the dashboard over
/// thousands of complaints stays quick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Summary {
    pub reference: String,
    pub received_on: NaiveDate,
    pub procedure: String,
    pub status: ComplaintStatus,
    pub restricted: bool,
    /// The open steps with a due date: (step, start, due).
    pub open: Vec<(String, Option<NaiveDate>, NaiveDate)>,
    pub hearings: Vec<NaiveDate>,
    /// The day it was closed, withdrawn or found inadmissible.
    #[serde(default)]
    pub ended_on: Option<NaiveDate>,
}

/// The sealed part with everything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Content {
    pub reference: String,
    pub received_on: NaiveDate,
    pub channel: ComplaintChannel,
    pub minutes_signed_on: Option<NaiveDate>,
    pub procedure: Procedure,
    pub complainant: Complainant,
    pub complained_about: Vec<PersonComplainedAbout>,
    pub natures: Vec<String>,
    pub description: String,
    pub decision_maker: Option<String>,
    pub admissibility: Admissibility,
    pub progress: Vec<super::procedures::StepProgress>,
    pub pauses: Vec<Pause>,
    pub extensions: Vec<Extension>,
    pub hearings: Vec<Hearing>,
    pub advice: Option<Advice>,
    pub decision: Option<Decision>,
    pub closure: Option<Closure>,
    pub timeline: Vec<ComplaintEvent>,
    /// Who may read it: `None` for every hr holder.
    pub only: Option<Vec<String>>,
    #[serde(default)]
    pub attachments: Vec<ComplaintAttachment>,
    #[serde(default)]
    pub recusals: Vec<Recusal>,
    /// The complaints handled together with this one, by reference; they
    /// have the same readers.
    #[serde(default)]
    pub joined: Vec<String>,
}

impl Content {
    pub fn schedule(&self, calendars: &super::procedures::Calendars) -> Vec<ScheduledStep> {
        super::procedures::schedule(
            &self.procedure,
            self.received_on,
            &self.progress,
            &self.pauses,
            &self.extensions,
            calendars,
        )
    }

    pub fn status(&self) -> ComplaintStatus {
        let phase = self
            .procedure
            .steps
            .iter()
            .filter(|s| {
                self.progress
                    .iter()
                    .any(|p| p.key == s.key && p.done_on.is_some())
            })
            .map(|s| s.phase)
            .max()
            .unwrap_or(Phase::Received);
        let mediating = self.pauses.iter().any(|p| p.until.is_none());
        ComplaintStatus::of(phase, mediating, self.closure.as_ref().map(|c| c.kind))
    }

    /// The summary the lists read, with the schedule as it now stands.
    pub fn summary(&self, calendars: &super::procedures::Calendars) -> Summary {
        let closed = self.closure.is_some();
        Summary {
            reference: self.reference.clone(),
            received_on: self.received_on,
            procedure: self.procedure.code.clone(),
            status: self.status(),
            restricted: self.only.is_some(),
            open: if closed {
                vec![]
            } else {
                self.schedule(calendars)
                    .into_iter()
                    .filter(|s| s.open())
                    .filter_map(|s| Some((s.key, s.start, s.due?)))
                    .collect()
            },
            hearings: self.hearings.iter().map(|h| h.on).collect(),
            ended_on: self.closure.as_ref().map(|c| c.on),
        }
    }
}
