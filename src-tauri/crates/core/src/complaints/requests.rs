//! The complaints register's requests as they cross the boundary (the
//! commands of `api::commands` name them).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::letters::{LetterTemplate, LetterheadSettings};
use super::model::*;
use super::procedures::{LetterKind, PauseReason, Procedure, StepTerm};
use crate::language::Language;

/// A complaint named by its reference (KL-2026-001) or its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintRef {
    pub complaint: String,
}

/// Which complaints the register lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintFilter {
    /// Words to find in the reference, names, departments and description.
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub status: Option<ComplaintStatus>,
    /// Closed, withdrawn and inadmissible complaints too.
    #[serde(default)]
    pub include_closed: bool,
}

/// A step done (or, with neither a date nor a reason, open again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepDoneRequest {
    pub complaint: String,
    pub step: String,
    #[serde(default)]
    pub done_on: Option<String>,
    /// Why the step could not be done; later steps count from its due date.
    #[serde(default)]
    pub not_possible: Option<String>,
}

/// A due date set by hand (or, empty, computed again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetDueRequest {
    pub complaint: String,
    pub step: String,
    #[serde(default)]
    pub due_on: Option<String>,
}

/// The terms stand still from `from` (mediation), until resumed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PauseRequest {
    pub complaint: String,
    pub from: String,
    pub reason: PauseReason,
    #[serde(default)]
    pub note: Option<String>,
}

/// The terms run again after `until`, the pause's last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ResumeRequest {
    pub complaint: String,
    pub until: String,
}

/// A step's term lengthened, with the reason (the Awb's postponement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExtendRequest {
    pub complaint: String,
    pub step: String,
    pub by: StepTerm,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HearingInput {
    pub on: String,
    #[serde(default)]
    pub separate: bool,
    #[serde(default)]
    pub witnesses: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HearingRequest {
    pub complaint: String,
    pub hearing: HearingInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AdmissibilityRequest {
    pub complaint: String,
    pub checklist: Admissibility,
}

/// The committee's advice or the decision: a finding with measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutcomeRequest {
    pub complaint: String,
    pub on: String,
    pub finding: ComplaintFinding,
    #[serde(default)]
    pub measures: Vec<String>,
    /// For the decision: why it departs from the advice.
    #[serde(default)]
    pub reasons: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A complaint closed, withdrawn or found inadmissible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseComplaintRequest {
    pub complaint: String,
    pub kind: ClosureKind,
    pub on: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintNoteRequest {
    pub complaint: String,
    pub text: String,
}

/// Who may read a complaint from now on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccessRequest {
    pub complaint: String,
    pub access: ComplaintAccess,
}

/// The register's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintSettings {
    /// What references start with: `KL` gives KL-2026-001.
    pub prefix: String,
    #[serde(default)]
    pub letterhead: LetterheadSettings,
    /// A closed complaint is due for destruction this many months after
    /// it ended…
    #[serde(default = "default_retention_months")]
    pub retention_months: u32,
    /// …and destroyed without being asked again this many days later.
    #[serde(default = "default_grace_days")]
    pub grace_days: u32,
    /// The working days of the organisation's regulation.
    #[serde(default)]
    pub calendar: OrganisationCalendar,
    /// The annual report's threshold k: counts from 1 to k−1 are hidden
    /// (at least 3; the advisors' releases may ask more).
    #[serde(default = "default_report_k")]
    pub report_k: u32,
    /// Whether the letterhead has a logo. Only answered: the logo is set
    /// with `set_letterhead_logo`, and a settings change keeps it.
    #[serde(default)]
    pub logo: bool,
}

/// A logo for the letterhead (PNG or JPEG, at most 1 MB and 8000 pixels
/// either way), or none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LogoRequest {
    #[serde(default)]
    pub path: Option<String>,
}

/// Which days the organisation's own regulation counts as off, besides
/// weekends and the holidays everyone has off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OrganisationCalendar {
    /// Goede Vrijdag is a day off (often it is a working day).
    #[serde(default)]
    pub good_friday_off: bool,
    #[serde(default)]
    pub liberation_day: LiberationDayOff,
    /// Extra closing days (the days between Christmas and New Year).
    #[serde(default)]
    #[ts(type = "string[]")]
    pub closing_days: Vec<chrono::NaiveDate>,
}

/// When 5 May (Bevrijdingsdag) is a day off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LiberationDayOff {
    EveryYear,
    /// In the lustrum years (2025, 2030, …), as many collective agreements say.
    #[default]
    EveryFiveYears,
    Never,
}

/// Two years after a complaint ended: long enough for an appeal and the
/// next annual report.
pub const DEFAULT_RETENTION_MONTHS: u32 = 24;
pub const DEFAULT_GRACE_DAYS: u32 = 30;

fn default_report_k() -> u32 {
    crate::disclosure::DEFAULT_K
}

fn default_retention_months() -> u32 {
    DEFAULT_RETENTION_MONTHS
}

fn default_grace_days() -> u32 {
    DEFAULT_GRACE_DAYS
}

/// One complaint destroyed: its reference typed again; before it is due,
/// a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DestroyComplaintRequest {
    pub complaint: String,
    pub confirm: String,
    #[serde(default)]
    pub reason: Option<crate::retention::EarlyDestruction>,
}

/// A letter of a step written as PDF where the user chose: the step's own
/// letter, or another (the postponement of the decision).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterRequest {
    pub complaint: String,
    pub step: String,
    #[serde(default)]
    pub letter: Option<LetterKind>,
    pub language: Language,
    pub path: String,
}

/// A letter's template in one language, and whether the organisation
/// changed the shipped text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterTemplateEntry {
    pub kind: LetterKind,
    pub language: Language,
    pub template: LetterTemplate,
    pub changed: bool,
}

/// A letter's new text, or (none) the shipped text again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterTemplateChange {
    pub kind: LetterKind,
    pub language: Language,
    #[serde(default)]
    pub template: Option<LetterTemplate>,
}

/// The calendar of terms and hearings, written where the user chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CalendarRequest {
    pub path: String,
    /// Put the complainant's name in each event (off: the reference only).
    #[serde(default)]
    pub with_names: bool,
    pub language: Language,
}

/// A procedure template changed: its terms, calendars, actors, letters
/// and names (its steps stay the same). Running complaints follow only
/// with `apply_to_running`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProcedureChange {
    pub procedure: Procedure,
    #[serde(default)]
    pub apply_to_running: bool,
}

/// A due date a template change moves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DueChange {
    pub step: String,
    pub before: Option<NaiveDate>,
    pub after: Option<NaiveDate>,
}

/// A running complaint a template change reaches, and the due dates it
/// moves (none for a change of a name or a letter only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunningChange {
    pub reference: String,
    pub steps: Vec<DueChange>,
}

/// The template as kept (or as it would be), and the running complaints
/// (of those the user may read) it moved, or would move when applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProcedureChangeResult {
    pub procedure: Procedure,
    pub running: Vec<RunningChange>,
    pub applied: bool,
}

/// A register to import (CSV or .xlsx; see `complaints::import` for its
/// columns), and who may read the complaints it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintImportRequest {
    pub path: String,
    /// Import the valid rows and skip the invalid ones; otherwise nothing
    /// is imported while any row is invalid.
    #[serde(default)]
    pub skip_invalid: bool,
    #[serde(default)]
    pub access: ComplaintAccess,
}

pub use crate::csv_import::ImportResult;

/// A file to keep with a complaint, sealed under its key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintAttachmentRequest {
    pub complaint: String,
    pub path: String,
}

/// One attachment of a complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintAttachmentRef {
    pub complaint: String,
    pub attachment: i64,
}

/// One attachment of a complaint and where to export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportComplaintAttachmentRequest {
    pub complaint: String,
    pub attachment: i64,
    pub path: String,
}

/// A member of the committee steps aside for a complaint (or, with
/// `undo`, takes part again: the recusal was recorded in error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecusalRequest {
    pub complaint: String,
    /// The member's name as the committee lists it.
    pub member: String,
    pub on: String,
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub undo: bool,
}

/// Two complaints handled together from now on (or, with `separate`,
/// apart again). Both must have the same readers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JoinRequest {
    pub complaint: String,
    pub with: String,
    #[serde(default)]
    pub separate: bool,
}
