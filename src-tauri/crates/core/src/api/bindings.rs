//! The TypeScript declarations of every type that crosses the boundary,
//! as committed in `ui/src/lib/api/types.ts` (`make bindings`).

use super::wire::*;
use super::*;
use crate::roles::Role;
use crate::strength;

/// For a type that is a closed list of codes (`type Channel = "phone" |
/// "email";`), the list itself as a constant (`channelValues`), in the
/// order Rust declares it, so the UI's selects and label checks never
/// repeat it by hand.
fn value_list(decl: &str) -> Option<String> {
    let rest = decl.strip_prefix("type ")?;
    let (name, union) = rest.split_once(" = ")?;
    let union = union.trim().strip_suffix(';')?;
    let values: Vec<&str> = union
        .split(" | ")
        .map(|v| v.strip_prefix('"')?.strip_suffix('"'))
        .collect::<Option<_>>()?;
    if values.iter().any(|v| v.contains(['"', '\\'])) {
        return None;
    }
    let mut constant = name.to_string();
    constant[..1].make_ascii_lowercase();
    Some(format!(
        "export const {constant}Values: readonly {name}[] = [{}];",
        values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

/// The TypeScript declarations of every api type, as committed in
/// `ui/src/lib/api/types.ts`.
pub fn typescript_bindings() -> String {
    use ts_rs::TS;
    // Our 64-bit values (byte counts, sequence numbers) fit a JS number.
    let cfg = ts_rs::Config::new().with_large_int("number");
    let cfg = &cfg;
    let decls = [
        SecretText::decl(cfg),
        ErrorCode::decl(cfg),
        ApiError::decl(cfg),
        Role::decl(cfg),
        UserInfo::decl(cfg),
        Settings::decl(cfg),
        Strength::decl(cfg),
        strength::StrengthHint::decl(cfg),
        VaultStatus::decl(cfg),
        About::decl(cfg),
        CreateVaultRequest::decl(cfg),
        RecoveryKeyShown::decl(cfg),
        CreatedVault::decl(cfg),
        UnlockRequest::decl(cfg),
        RecoveryResetRequest::decl(cfg),
        SessionInfo::decl(cfg),
        SessionWarning::decl(cfg),
        UnknownSlot::decl(cfg),
        AddUserRequest::decl(cfg),
        AddedUser::decl(cfg),
        ChangePassphraseRequest::decl(cfg),
        RemoveUserRequest::decl(cfg),
        RemovedUser::decl(cfg),
        AuditRequest::decl(cfg),
        AuditRow::decl(cfg),
        SettingsUpdate::decl(cfg),
        PathRequest::decl(cfg),
        BackupResult::decl(cfg),
        BackupSummary::decl(cfg),
        RestoreRequest::decl(cfg),
        CompartmentCheck::decl(cfg),
        VaultCheck::decl(cfg),
        RestoreResult::decl(cfg),
        StrengthRequest::decl(cfg),
        crate::language::Language::decl(cfg),
        RecoverySheetRequest::decl(cfg),
        WrittenFile::decl(cfg),
        crate::preferences::Preferences::decl(cfg),
        crate::advisor::Channel::decl(cfg),
        crate::advisor::ReporterRole::decl(cfg),
        crate::advisor::Relation::decl(cfg),
        crate::advisor::Ground::decl(cfg),
        crate::advisor::Gender::decl(cfg),
        crate::advisor::InterventionKind::decl(cfg),
        crate::advisor::Referral::decl(cfg),
        crate::advisor::Outcome::decl(cfg),
        crate::advisor::EarlyDestruction::decl(cfg),
        crate::advisor::Nature::decl(cfg),
        crate::advisor::NatureChoice::decl(cfg),
        crate::advisor::Reporter::decl(cfg),
        crate::advisor::Person::decl(cfg),
        crate::advisor::CaseInput::decl(cfg),
        crate::advisor::CaseSummary::decl(cfg),
        crate::advisor::Conversation::decl(cfg),
        crate::advisor::ConversationInput::decl(cfg),
        crate::advisor::Intervention::decl(cfg),
        crate::advisor::InterventionInput::decl(cfg),
        crate::advisor::FollowUp::decl(cfg),
        crate::advisor::CaseDetail::decl(cfg),
        crate::advisor::CaseFilter::decl(cfg),
        crate::advisor::CaseStatus::decl(cfg),
        crate::disclosure::Hidden::decl(cfg),
        crate::disclosure::Cell::decl(cfg),
        crate::disclosure::Withheld::decl(cfg),
        crate::disclosure::Breakdown::decl(cfg),
        crate::releases::Hours::decl(cfg),
        crate::disclosure::AppendixLine::decl(cfg),
        crate::disclosure::AppendixReason::decl(cfg),
        crate::releases::HoursBand::decl(cfg),
        crate::releases::Release::decl(cfg),
        crate::disclosure::Flag::decl(cfg),
        crate::advisor::stats::Preview::decl(cfg),
        CaseRef::decl(cfg),
        CloseCaseRequest::decl(cfg),
        AddConversationRequest::decl(cfg),
        AddInterventionRequest::decl(cfg),
        AddFollowUpRequest::decl(cfg),
        StatisticsRequest::decl(cfg),
        ReleaseRequest::decl(cfg),
        crate::advisor::ActivityKind::decl(cfg),
        crate::advisor::Activity::decl(cfg),
        crate::advisor::ActivityInput::decl(cfg),
        ActivityFilter::decl(cfg),
        AnnualYear::decl(cfg),
        AnnualTexts::decl(cfg),
        AnnualReportRequest::decl(cfg),
        AnnualReportSendRequest::decl(cfg),
        Released::decl(cfg),
        RegisterSettings::decl(cfg),
        DestructionItem::decl(cfg),
        CaseFileRequest::decl(cfg),
        DemoRequest::decl(cfg),
        crate::advisor::ConsentKind::decl(cfg),
        crate::advisor::Consent::decl(cfg),
        crate::advisor::ConsentInput::decl(cfg),
        AddConsentRequest::decl(cfg),
        crate::code_lists::CodeChange::decl(cfg),
        FollowUpDoneRequest::decl(cfg),
        UpdateCaseRequest::decl(cfg),
        AddTimeRequest::decl(cfg),
        crate::advisor::Attachment::decl(cfg),
        crate::attachments::AttachmentPreview::decl(cfg),
        crate::attachments::Unavailable::decl(cfg),
        crate::attachments::MailMessage::decl(cfg),
        AddAttachmentRequest::decl(cfg),
        ExportAttachmentRequest::decl(cfg),
        crate::csv_import::RowProblem::decl(cfg),
        crate::error::Reason::decl(cfg),
        ImportRequest::decl(cfg),
        ImportResult::decl(cfg),
        DestroyRequest::decl(cfg),
        PurgeRequest::decl(cfg),
        crate::complaints::ComplaintChannel::decl(cfg),
        crate::complaints::ComplainantRole::decl(cfg),
        crate::complaints::Complainant::decl(cfg),
        crate::complaints::PersonComplainedAbout::decl(cfg),
        crate::complaints::ComplaintAccess::decl(cfg),
        crate::complaints::Admissibility::decl(cfg),
        crate::complaints::Hearing::decl(cfg),
        crate::complaints::ComplaintFinding::decl(cfg),
        crate::complaints::Advice::decl(cfg),
        crate::complaints::Decision::decl(cfg),
        crate::complaints::ClosureKind::decl(cfg),
        crate::complaints::Closure::decl(cfg),
        crate::complaints::ComplaintStatus::decl(cfg),
        crate::complaints::ComplaintAttachment::decl(cfg),
        crate::complaints::Committee::decl(cfg),
        crate::complaints::CommitteeMember::decl(cfg),
        crate::complaints::CommitteeRole::decl(cfg),
        crate::complaints::Recusal::decl(cfg),
        crate::complaints::ComplaintEvent::decl(cfg),
        crate::complaints::ComplaintInput::decl(cfg),
        crate::complaints::AccessUser::decl(cfg),
        crate::complaints::AccessInfo::decl(cfg),
        crate::complaints::DueStep::decl(cfg),
        crate::complaints::ComplaintSummary::decl(cfg),
        crate::complaints::ComplaintDetail::decl(cfg),
        crate::complaints::DueItem::decl(cfg),
        crate::complaints::ComplaintDashboard::decl(cfg),
        crate::complaints::procedures::TermUnit::decl(cfg),
        crate::complaints::procedures::StepTerm::decl(cfg),
        crate::complaints::procedures::StepCalendar::decl(cfg),
        crate::complaints::procedures::StepActor::decl(cfg),
        crate::complaints::procedures::LetterKind::decl(cfg),
        crate::complaints::procedures::Phase::decl(cfg),
        crate::complaints::procedures::CountFrom::decl(cfg),
        crate::complaints::procedures::StepTemplate::decl(cfg),
        crate::complaints::procedures::Procedure::decl(cfg),
        crate::complaints::procedures::StepProgress::decl(cfg),
        crate::complaints::procedures::PauseReason::decl(cfg),
        crate::complaints::procedures::Pause::decl(cfg),
        crate::complaints::procedures::Extension::decl(cfg),
        crate::complaints::procedures::ScheduledStep::decl(cfg),
        crate::complaints::procedures::Urgency::decl(cfg),
        crate::complaints::requests::ComplaintRef::decl(cfg),
        crate::complaints::requests::ComplaintFilter::decl(cfg),
        crate::complaints::requests::StepDoneRequest::decl(cfg),
        crate::complaints::requests::SetDueRequest::decl(cfg),
        crate::complaints::requests::PauseRequest::decl(cfg),
        crate::complaints::requests::ResumeRequest::decl(cfg),
        crate::complaints::requests::ExtendRequest::decl(cfg),
        crate::complaints::requests::HearingInput::decl(cfg),
        crate::complaints::requests::HearingRequest::decl(cfg),
        crate::complaints::requests::AdmissibilityRequest::decl(cfg),
        crate::complaints::requests::OutcomeRequest::decl(cfg),
        crate::complaints::requests::CloseComplaintRequest::decl(cfg),
        crate::complaints::requests::ComplaintNoteRequest::decl(cfg),
        crate::complaints::requests::AccessRequest::decl(cfg),
        crate::complaints::requests::ComplaintSettings::decl(cfg),
        crate::complaints::requests::LetterRequest::decl(cfg),
        crate::complaints::requests::CalendarRequest::decl(cfg),
        crate::complaints::requests::DestroyComplaintRequest::decl(cfg),
        crate::complaints::requests::OrganisationCalendar::decl(cfg),
        crate::complaints::requests::LiberationDayOff::decl(cfg),
        crate::complaints::requests::LetterTemplateEntry::decl(cfg),
        crate::complaints::requests::LetterTemplateChange::decl(cfg),
        crate::complaints::requests::ProcedureChange::decl(cfg),
        crate::complaints::requests::DueChange::decl(cfg),
        crate::complaints::requests::RunningChange::decl(cfg),
        crate::complaints::requests::ProcedureChangeResult::decl(cfg),
        crate::complaints::requests::ComplaintImportRequest::decl(cfg),
        crate::complaints::requests::LogoRequest::decl(cfg),
        crate::complaints::requests::ComplaintAttachmentRequest::decl(cfg),
        crate::complaints::requests::ComplaintAttachmentRef::decl(cfg),
        crate::complaints::requests::ExportComplaintAttachmentRequest::decl(cfg),
        crate::complaints::requests::RecusalRequest::decl(cfg),
        crate::complaints::requests::JoinRequest::decl(cfg),
        crate::complaints::letters::LetterTemplate::decl(cfg),
        crate::complaints::letters::LetterheadSettings::decl(cfg),
        crate::complaints::figures::Count::decl(cfg),
        crate::complaints::figures::ComplaintFigures::decl(cfg),
        crate::complaints::figures::FiguresRequest::decl(cfg),
        crate::annual_report::AdvisorRelease::decl(cfg),
        crate::annual_report::ReleaseImportRequest::decl(cfg),
        crate::annual_report::report::PublishedComplaints::decl(cfg),
        crate::annual_report::report::PublishedAwb::decl(cfg),
        crate::annual_report::report::PublishedStep::decl(cfg),
        crate::releases::ActivityTotal::decl(cfg),
        crate::complaints::figures::StepDays::decl(cfg),
        crate::annual_report::HrReportYear::decl(cfg),
        crate::annual_report::combined::CombinedAdvisors::decl(cfg),
        crate::annual_report::comparison::NotComparable::decl(cfg),
        crate::annual_report::comparison::Comparison::decl(cfg),
        crate::annual_report::comparison::TrendPoint::decl(cfg),
        crate::annual_report::ReportFigures::decl(cfg),
        crate::annual_report::Publication::decl(cfg),
        crate::annual_report::HrReportPreview::decl(cfg),
        crate::annual_report::HrReportRequest::decl(cfg),
        crate::annual_report::plan::HrReportTexts::decl(cfg),
        crate::annual_report::plan::ActionStatus::decl(cfg),
        crate::annual_report::plan::ReportAction::decl(cfg),
        crate::annual_report::plan::ReportActionInput::decl(cfg),
        crate::annual_report::plan::ReportActionChange::decl(cfg),
    ];
    let mut out = String::from(
        "// Generated from vertrouwd-core's api types. Do not edit by hand:\n\
         // run `make bindings` after changing a type in Rust.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
        if let Some(values) = value_list(&d) {
            out.push_str(&values);
            out.push_str("\n\n");
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Every register's labels, the shipped natures in between.
fn all_labels() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    crate::advisor::labels::LABELS
        .iter()
        .chain(crate::natures::NATURES)
        .chain(crate::complaints::labels::LABELS)
}

/// Every code's Dutch and English label ([`crate::advisor::labels`],
/// [`crate::natures`], [`crate::complaints::labels`]), as committed in
/// `ui/src/lib/api/labels.ts`.
pub fn typescript_labels() -> String {
    let quote = |t: &str| serde_json::to_string(t).unwrap_or_default();
    let mut out = String::from(
        "// Generated from vertrouwd-core's labels (advisor/labels.rs, natures.rs,\n\
         // complaints/labels.rs). Do not edit by\n\
         // hand: run `make bindings` after changing them.\n\n\
         export const CODE_LABELS: Readonly<Record<string, { nl: string; en: string }>> = {\n",
    );
    let mut seen = std::collections::BTreeSet::new();
    for (code, nl, en) in all_labels() {
        // A code two registers share (`employee`) reads the same in both.
        if !seen.insert(*code) {
            continue;
        }
        out.push_str(&format!(
            "  {code}: {{ nl: {}, en: {} }},\n",
            quote(nl),
            quote(en)
        ));
    }
    out.push_str("};\n");
    let list = |name: &str, codes: &mut dyn Iterator<Item = &str>| {
        let codes: Vec<String> = codes.map(quote).collect();
        format!(
            "\nexport const {name}: readonly string[] = [{}];\n",
            codes.join(", ")
        )
    };
    // The shipped natures (one list for both registers) and the measures.
    out.push_str(&list(
        "NATURE_CODES",
        &mut crate::natures::NATURES.iter().map(|n| n.0),
    ));
    out.push_str(&list(
        "MEASURE_CODES",
        &mut crate::complaints::MEASURES.iter().copied(),
    ));
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_code_two_registers_share_has_the_same_labels_in_both() {
        let mut first = std::collections::BTreeMap::new();
        for (code, nl, en) in super::all_labels() {
            let (n, e) = *first.entry(*code).or_insert((*nl, *en));
            assert_eq!((n, e), (*nl, *en), "{code}");
        }
    }
}
