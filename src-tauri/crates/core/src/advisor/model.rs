//! The words of the register: what a case (melding) is made of, as the
//! api, the UI and the CLI exchange it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the reporter first reached the advisor; also how a conversation was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    InPerson,
    Phone,
    Video,
    Email,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReporterRole {
    Employee,
    Manager,
    Intern,
    /// Temporary or agency worker (uitzendkracht).
    Temporary,
    Volunteer,
    FormerEmployee,
    External,
}

impl ReporterRole {
    pub const ALL: [ReporterRole; 7] = [
        Self::Employee,
        Self::Manager,
        Self::Intern,
        Self::Temporary,
        Self::Volunteer,
        Self::FormerEmployee,
        Self::External,
    ];
}

/// The relation of the person a report concerns to the reporter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Manager,
    Colleague,
    Subordinate,
    /// Client, patient, pupil or another third party.
    ThirdParty,
    Unknown,
}

impl Relation {
    pub const ALL: [Relation; 5] = [
        Self::Manager,
        Self::Colleague,
        Self::Subordinate,
        Self::ThirdParty,
        Self::Unknown,
    ];
}

/// The ground of a case of discrimination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    Origin,
    SexGender,
    SexualOrientation,
    ReligionBelief,
    Age,
    DisabilityIllness,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Female,
    Male,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InterventionKind {
    /// Opvang en advies.
    ShelterAdvice,
    /// Information about the complaints procedure.
    ComplaintsInfo,
    Referral,
    /// Informal solution or mediation.
    InformalSolution,
    /// Support with a formal complaint.
    FormalComplaintSupport,
    /// An anonymised signal to the employer.
    SignalToEmployer,
    Aftercare,
}

impl InterventionKind {
    pub const ALL: [InterventionKind; 7] = [
        Self::ShelterAdvice,
        Self::ComplaintsInfo,
        Self::Referral,
        Self::InformalSolution,
        Self::FormalComplaintSupport,
        Self::SignalToEmployer,
        Self::Aftercare,
    ];
}

/// To whom a reporter was referred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Referral {
    CompanyDoctor,
    SocialWork,
    Psychologist,
    Hr,
    Police,
    IntegrityDesk,
    /// Huis voor Klokkenluiders.
    Whistleblowers,
    LegalAid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    ResolvedInformally,
    FormalComplaint,
    Referred,
    /// The reporter left, or contact was lost.
    ContactLost,
    NoActionWanted,
    Ongoing,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Self::ResolvedInformally,
        Self::FormalComplaint,
        Self::Referred,
        Self::ContactLost,
        Self::NoActionWanted,
        Self::Ongoing,
    ];
}

pub use crate::code_lists::{code, from_code};
pub use crate::retention::EarlyDestruction;

/// A nature as the settings list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Nature {
    pub id: i64,
    /// Set for the shipped defaults (`discrimination`, ...), so the UI can
    /// translate them while they keep their shipped name.
    pub code: Option<String>,
    pub name: String,
    pub retired: bool,
}

/// A nature chosen for a case; `ground` only for discrimination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NatureChoice {
    pub nature_id: i64,
    #[serde(default)]
    pub ground: Option<Ground>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Reporter {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// Preferred way and time to be contacted.
    #[serde(default)]
    pub contact_preference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Person {
    pub relation: Relation,
    #[serde(default)]
    pub name: Option<String>,
}

/// A new case, or the changed fields of one. Dates are accepted as
/// 2026-03-02, 2-3-2026 or 02-03-2026.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseInput {
    /// Left empty, the next free reference (VP-2026-001) is given.
    #[serde(default)]
    pub reference: Option<String>,
    pub first_contact: String,
    pub channel: Channel,
    /// `None` for an anonymous reporter.
    #[serde(default)]
    pub reporter: Option<Reporter>,
    pub reporter_role: ReporterRole,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub gender: Option<Gender>,
    pub natures: Vec<NatureChoice>,
    #[serde(default)]
    pub persons: Vec<Person>,
    #[serde(default)]
    pub outcome: Option<Outcome>,
}

/// One line of the register list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseSummary {
    pub id: i64,
    pub reference: String,
    #[ts(type = "string")]
    pub first_contact: NaiveDate,
    #[ts(type = "string | null")]
    pub closed_on: Option<NaiveDate>,
    /// The reporter's name; `None` when anonymous.
    pub reporter_name: Option<String>,
    pub natures: Vec<String>,
    pub conversations: i64,
    pub minutes: i64,
    /// The earliest follow-up not yet done, and what it is.
    #[ts(type = "string | null")]
    pub next_follow_up: Option<NaiveDate>,
    pub next_follow_up_what: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Conversation {
    pub id: i64,
    #[ts(type = "string")]
    pub held_on: NaiveDate,
    pub minutes: i64,
    pub mode: Channel,
    pub with_whom: Option<String>,
    pub notes: String,
    pub next_step: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConversationInput {
    pub held_on: String,
    pub minutes: i64,
    pub mode: Channel,
    #[serde(default)]
    pub with_whom: Option<String>,
    pub notes: String,
    #[serde(default)]
    pub next_step: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Intervention {
    pub id: i64,
    pub kind: InterventionKind,
    pub referral: Option<Referral>,
    #[ts(type = "string")]
    pub on_date: NaiveDate,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InterventionInput {
    pub kind: InterventionKind,
    #[serde(default)]
    pub referral: Option<Referral>,
    pub on_date: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowUp {
    pub id: i64,
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    pub what: String,
    #[ts(type = "string | null")]
    pub done_on: Option<NaiveDate>,
}

/// What a consent is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConsentKind {
    /// To keep notes at all.
    KeepNotes,
    /// To record special-category data (health, sexual life, …).
    SpecialCategory,
    /// To pass something on: to whom, what, until when.
    Disclosure,
}

/// A consent as the reporter gave (or refused) it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Consent {
    pub id: i64,
    pub kind: ConsentKind,
    pub given: bool,
    pub recipient: Option<String>,
    pub what: Option<String>,
    #[ts(type = "string | null")]
    pub until: Option<NaiveDate>,
    #[ts(type = "string")]
    pub recorded_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConsentInput {
    pub kind: ConsentKind,
    pub given: bool,
    /// For a disclosure: to whom (required).
    #[serde(default)]
    pub recipient: Option<String>,
    #[serde(default)]
    pub what: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    pub recorded_on: String,
}

/// An attachment as lists show it (without its content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub added_at: String,
}

/// A whole case as the case file shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseDetail {
    pub id: i64,
    pub reference: String,
    #[ts(type = "string")]
    pub first_contact: NaiveDate,
    pub channel: Channel,
    #[ts(type = "string | null")]
    pub closed_on: Option<NaiveDate>,
    pub reporter: Option<Reporter>,
    pub reporter_role: ReporterRole,
    pub department: Option<String>,
    pub gender: Option<Gender>,
    pub natures: Vec<NatureChoice>,
    pub persons: Vec<Person>,
    pub outcome: Option<Outcome>,
    pub conversations: Vec<Conversation>,
    pub interventions: Vec<Intervention>,
    pub follow_ups: Vec<FollowUp>,
    pub consents: Vec<Consent>,
    pub attachments: Vec<Attachment>,
    /// Conversations plus other recorded time, in minutes.
    pub minutes: i64,
}

/// Which cases the register list shows.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct CaseFilter {
    /// Words to find in references, names and notes.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    #[serde(default)]
    pub nature_id: Option<i64>,
    /// Cases first made in this year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Only cases with a follow-up due on or before today.
    #[serde(default)]
    pub follow_up_due: bool,
    /// At most this many cases (the newest); all when absent.
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    Open,
    Closed,
}

/// What the advisor did besides cases: prevention and information for the
/// organisation (the jaarverslag's voorlichting), and their own
/// development (intervision and courses count towards re-certification).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    PreventionSession,
    InformationMeeting,
    Intervision,
    /// A course or training the advisor follows.
    Course,
    Other,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] = [
        Self::PreventionSession,
        Self::InformationMeeting,
        Self::Intervision,
        Self::Course,
        Self::Other,
    ];

    /// Whether its hours count towards the advisor's re-certification.
    pub fn own_development(self) -> bool {
        matches!(self, Self::Intervision | Self::Course)
    }
}

/// One activity, as the advisor's list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Activity {
    pub id: i64,
    pub held_on: NaiveDate,
    pub kind: ActivityKind,
    /// How many people it reached, when it had an audience.
    pub audience: Option<u32>,
    pub minutes: u32,
    /// A few words for the advisor's own list; never in a report.
    pub topic: Option<String>,
}

/// An activity as it is entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivityInput {
    pub held_on: String,
    pub kind: ActivityKind,
    #[serde(default)]
    pub audience: Option<u32>,
    pub minutes: u32,
    #[serde(default)]
    pub topic: Option<String>,
}
