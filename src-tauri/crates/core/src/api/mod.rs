//! The api: the one list of commands (`commands.rs`), what is generated
//! from it (`dispatch`: the list as data, a call by name, the TypeScript
//! client), the TypeScript declarations of every type (`bindings`), and the
//! errors every command answers.
//!
//! The commands themselves are async methods on [`Session`]: the session's
//! own in `crate::session`, each area's in its folder (`crate::advisor`).
//! The desktop shell and the `vertrouwd` CLI both call them; neither holds
//! logic of its own.

mod bindings;
mod commands;
mod dispatch;

pub use bindings::{typescript_bindings, typescript_labels};
pub use dispatch::{typescript_client, Answer, Command, CLI_COMMANDS, COMMANDS};

pub use crate::advisor::requests::*;
pub use crate::annual_report::plan::{
    ActionStatus, HrReportTexts, ReportAction, ReportActionChange, ReportActionInput,
};
pub use crate::annual_report::{
    AdvisorRelease, HrReportPreview, HrReportRequest, HrReportYear, ReleaseImportRequest,
};
pub use crate::code_lists::CodeChange;
pub use crate::complaints::figures::{ComplaintFigures, Count, FiguresRequest};
pub use crate::complaints::requests::*;
pub use crate::error::{ApiError, ApiResult, ErrorCode, Invalid, Reason};
pub use crate::session::types::*;
pub use crate::session::{KdfPolicy, Session};

/// Every type the list of commands names, for whoever expands it
/// ([`for_each_command!`](crate::for_each_command)).
pub mod wire {
    pub use crate::advisor::requests::*;
    pub use crate::advisor::stats::Preview;
    pub use crate::advisor::{
        Activity, ActivityInput, CaseDetail, CaseFilter, CaseInput, CaseSummary, Nature,
    };
    pub use crate::annual_report::plan::{
        HrReportTexts, ReportAction, ReportActionChange, ReportActionInput,
    };
    pub use crate::annual_report::{
        AdvisorRelease, HrReportPreview, HrReportRequest, HrReportYear, ReleaseImportRequest,
    };
    pub use crate::attachments::AttachmentPreview;
    pub use crate::code_lists::CodeChange;
    pub use crate::complaints::figures::{ComplaintFigures, FiguresRequest};
    pub use crate::complaints::procedures::Procedure;
    pub use crate::complaints::requests::*;
    pub use crate::complaints::{
        AccessUser, Committee, ComplaintDashboard, ComplaintDetail, ComplaintInput,
        ComplaintSummary,
    };
    pub use crate::preferences::Preferences;
    pub use crate::session::types::*;
    pub use crate::settings::Settings;
    pub use crate::strength::Strength;
    pub use crate::users::UserInfo;
}
