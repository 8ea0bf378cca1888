//! The advisor's requests and answers as they cross the boundary (the
//! commands of `api::commands` name them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use super::stats::Release;
use crate::documents::WrittenFile;

/// A case named by its reference (VP-2026-001) or its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseRef {
    pub case: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseCaseRequest {
    pub case: String,
    pub closed_on: String,
    pub outcome: Outcome,
    /// Mark every open follow-up done on the closing date, in the same
    /// change; otherwise they stay open (and on the home screen).
    #[serde(default)]
    pub follow_ups_done: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddConversationRequest {
    pub case: String,
    pub conversation: ConversationInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddInterventionRequest {
    pub case: String,
    pub intervention: InterventionInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddConsentRequest {
    pub case: String,
    pub consent: ConsentInput,
}

/// New values for what the intake recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateCaseRequest {
    pub case: String,
    pub input: CaseInput,
}

/// Time spent on a case outside conversations (calls, writing, meetings),
/// in minutes; negative to correct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddTimeRequest {
    pub case: String,
    pub minutes: i64,
}

/// A follow-up done (or, with `done_on` empty, open again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowUpDoneRequest {
    pub id: i64,
    #[serde(default)]
    pub done_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddFollowUpRequest {
    pub case: String,
    pub due_on: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatisticsRequest {
    pub year: i32,
    /// Breakdowns the advisor leaves out (e.g. one flagged as disclosing).
    #[serde(default)]
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseRequest {
    pub year: i32,
    #[serde(default)]
    pub left_out: Vec<String>,
    /// Where to write the JSON file; none to keep it only in the vault.
    #[serde(default)]
    pub path: Option<String>,
    /// Also put it into org.db, for HR in this vault to pick up.
    #[serde(default)]
    pub publish: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Released {
    pub release: Release,
    pub file: Option<WrittenFile>,
    pub published: bool,
}

/// The register's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterSettings {
    /// References are PREFIX-YEAR-NNN.
    pub reference_prefix: String,
    /// Counts below k are not published.
    pub k: u32,
    /// A closed case is due for destruction once its year's statistics
    /// were released, and at the latest this many months after closing.
    pub retention_months: u32,
    /// Days a due case stays on the destruction list before
    /// `purge --expired` destroys it.
    pub grace_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DestroyRequest {
    pub case: String,
    /// The reference typed again, as confirmation.
    pub confirm: String,
    /// Required when the case is open or not yet due: a code from a
    /// closed list, recorded in the audit trail (which outlives the case).
    #[serde(default)]
    pub reason: Option<crate::advisor::EarlyDestruction>,
}

/// A file to attach to a case, by its path (picked by the user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddAttachmentRequest {
    pub case: String,
    pub path: String,
}

/// An attachment and where to export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportAttachmentRequest {
    pub id: i64,
    pub path: String,
}

/// A CSV file or workbook to import (see `advisor::import` for its
/// columns), and what came of it.
pub use crate::csv_import::{ImportRequest, ImportResult};

/// Synthetic cases for an empty register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoRequest {
    pub cases: u32,
    pub conversations: u32,
}

/// Where to write a case file, and in which language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseFileRequest {
    pub case: String,
    pub path: String,
    #[serde(default)]
    pub language: crate::language::Language,
}

pub use crate::retention::{DestructionItem, PurgeRequest};

/// Which activities to list: one year's, or all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivityFilter {
    #[serde(default)]
    pub year: Option<i32>,
}

/// One year of the jaarverslag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnnualYear {
    pub year: i32,
}

/// The jaarverslag's own words for a year (paragraphs, lists, **bold** and
/// *italic*; nothing else has a meaning), kept as a draft until the
/// report is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnnualTexts {
    pub year: i32,
    #[serde(default)]
    pub introduction: String,
    #[serde(default)]
    pub signals: String,
    #[serde(default)]
    pub recommendations: String,
}

/// The jaarverslag of a year, written as PDF where the advisor chose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnnualReportRequest {
    pub year: i32,
    pub path: String,
    #[serde(default)]
    pub language: crate::language::Language,
}

/// The jaarverslag of a year given to HR with its release: as a signed
/// file where the advisor chose, and/or published in the vault for HR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AnnualReportSendRequest {
    pub year: i32,
    #[serde(default)]
    pub language: crate::language::Language,
    /// Where to write the signed release file with the jaarverslag.
    #[serde(default)]
    pub path: Option<String>,
    /// Also put it into org.db, for HR in this vault to pick up.
    #[serde(default)]
    pub publish: bool,
}
