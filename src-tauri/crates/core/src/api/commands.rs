// The one list of commands: every call the app's window and the CLI's batch
// can make, grouped by the area that owns it. Each line is
//
//     name(argument: Request) -> Response;
//
// and names a method `Session::name(argument) -> ApiResult<Response>` (or an
// infallible one). The session's own commands are written in `session/`; an
// area's are generated (`session/areas.rs`): each calls the area's use case
// of the same name, `area::name(&Context, argument)`. A line ending in
// `=> then` hands what the use case answered to `area::then` once the
// session is free again (drawing a preview may take seconds, and the
// session must not wait for it). Everything else is generated from this list: the shell's
// Tauri commands and their permissions (`src-tauri/build.rs` includes this
// file), the TypeScript client (`ui/src/lib/api/commands.ts`, checked by a
// test), the CLI's batch dispatch and the list the audit test walks.
//
// The types are written as the `api::wire` module exports them; whoever
// expands the list has `vertrouwd_core::api::wire::*` in scope.
//
// This file holds only the macro (no inner attributes), so that the shell's
// build script can `include!` it without depending on this crate.

/// Calls the macro `$then` with every command, grouped by area:
/// `area { name(arg: Type) -> Type; ... } ...`, a line possibly ending in
/// `=> step`.
#[macro_export]
macro_rules! for_each_command {
    ($then:ident) => {
        $then! {
            session {
                vault_status(dir: String) -> VaultStatus;
                default_vault_dir() -> String;
                about() -> About;
                preferences() -> Preferences;
                set_preferences(prefs: Preferences) -> ();
                passphrase_strength(req: StrengthRequest) -> Strength;
                create_vault(req: CreateVaultRequest) -> CreatedVault;
                unlock(req: UnlockRequest) -> SessionInfo;
                reset_passphrase(req: RecoveryResetRequest) -> SessionInfo;
                lock() -> ();
                touch() -> ();
                session_info() -> SessionInfo;
                list_users() -> Vec<UserInfo>;
                unknown_key_slots() -> Vec<UnknownSlot>;
                add_user(req: AddUserRequest) -> AddedUser;
                change_passphrase(req: ChangePassphraseRequest) -> ();
                remove_user(req: RemoveUserRequest) -> RemovedUser;
                audit_trail(req: AuditRequest) -> Vec<AuditRow>;
                settings() -> Settings;
                update_settings(req: SettingsUpdate) -> Settings;
                backup(req: PathRequest) -> BackupResult;
                write_recovery_sheet(req: RecoverySheetRequest) -> WrittenFile;
                verify() -> VaultCheck;
                verify_backup(req: PathRequest) -> BackupSummary;
                restore(req: RestoreRequest) -> RestoreResult;
            }
            advisor {
                natures() -> Vec<Nature>;
                change_natures(req: CodeChange) -> Vec<Nature>;
                register_settings() -> RegisterSettings;
                update_register_settings(req: RegisterSettings) -> RegisterSettings;
                departments() -> Vec<String>;
                list_cases(req: CaseFilter) -> Vec<CaseSummary>;
                case_detail(req: CaseRef) -> CaseDetail;
                add_case(req: CaseInput) -> CaseDetail;
                update_case(req: UpdateCaseRequest) -> CaseDetail;
                add_case_time(req: AddTimeRequest) -> CaseDetail;
                close_case(req: CloseCaseRequest) -> CaseDetail;
                reopen_case(req: CaseRef) -> CaseDetail;
                add_conversation(req: AddConversationRequest) -> CaseDetail;
                add_intervention(req: AddInterventionRequest) -> CaseDetail;
                add_consent(req: AddConsentRequest) -> CaseDetail;
                add_follow_up(req: AddFollowUpRequest) -> CaseDetail;
                follow_up_done(req: FollowUpDoneRequest) -> CaseDetail;
                add_attachment(req: AddAttachmentRequest) -> CaseDetail;
                attachment_preview(id: i64) -> AttachmentPreview => draw_preview;
                export_attachment(req: ExportAttachmentRequest) -> WrittenFile;
                write_case_file(req: CaseFileRequest) -> WrittenFile;
                import_cases(req: ImportRequest) -> ImportResult;
                destruction_list() -> Vec<DestructionItem>;
                destroy_case(req: DestroyRequest) -> String;
                purge_expired(req: PurgeRequest) -> Vec<String>;
                statistics_preview(req: StatisticsRequest) -> Preview;
                release_statistics(req: ReleaseRequest) -> Released;
                activities(req: ActivityFilter) -> Vec<Activity>;
                add_activity(req: ActivityInput) -> Activity;
                delete_activity(id: i64) -> ();
                annual_report_texts(req: AnnualYear) -> AnnualTexts;
                update_annual_report_texts(req: AnnualTexts) -> AnnualTexts;
                write_annual_report(req: AnnualReportRequest) -> WrittenFile;
                send_annual_report(req: AnnualReportSendRequest) -> Released;
            }
            complaints {
                complaint_procedures() -> Vec<Procedure>;
                preview_complaint_procedure(req: ProcedureChange) -> ProcedureChangeResult;
                update_complaint_procedure(req: ProcedureChange) -> ProcedureChangeResult;
                complaint_users() -> Vec<AccessUser>;
                complaint_settings() -> ComplaintSettings;
                update_complaint_settings(req: ComplaintSettings) -> ComplaintSettings;
                set_letterhead_logo(req: LogoRequest) -> ComplaintSettings;
                complaint_committee() -> Committee;
                update_complaint_committee(req: Committee) -> Committee;
                list_complaints(req: ComplaintFilter) -> Vec<ComplaintSummary>;
                complaint_detail(req: ComplaintRef) -> ComplaintDetail;
                complaints_due() -> ComplaintDashboard;
                complaint_figures(req: FiguresRequest) -> ComplaintFigures;
                add_complaint(req: ComplaintInput) -> ComplaintDetail;
                import_complaints(req: ComplaintImportRequest) -> ImportResult;
                complaint_step_done(req: StepDoneRequest) -> ComplaintDetail;
                set_complaint_due(req: SetDueRequest) -> ComplaintDetail;
                pause_complaint(req: PauseRequest) -> ComplaintDetail;
                resume_complaint(req: ResumeRequest) -> ComplaintDetail;
                extend_complaint_step(req: ExtendRequest) -> ComplaintDetail;
                record_hearing(req: HearingRequest) -> ComplaintDetail;
                record_admissibility(req: AdmissibilityRequest) -> ComplaintDetail;
                record_advice(req: OutcomeRequest) -> ComplaintDetail;
                record_decision(req: OutcomeRequest) -> ComplaintDetail;
                close_complaint(req: CloseComplaintRequest) -> ComplaintDetail;
                add_complaint_note(req: ComplaintNoteRequest) -> ComplaintDetail;
                change_complaint_access(req: AccessRequest) -> ComplaintDetail;
                join_complaints(req: JoinRequest) -> ComplaintDetail;
                record_recusal(req: RecusalRequest) -> ComplaintDetail;
                add_complaint_attachment(req: ComplaintAttachmentRequest) -> ComplaintDetail;
                complaint_attachment_preview(req: ComplaintAttachmentRef) -> AttachmentPreview => draw_preview;
                export_complaint_attachment(req: ExportComplaintAttachmentRequest) -> WrittenFile;
                write_complaint_letter(req: LetterRequest) -> WrittenFile;
                write_complaints_calendar(req: CalendarRequest) -> WrittenFile;
                letter_templates() -> Vec<LetterTemplateEntry>;
                update_letter_template(req: LetterTemplateChange) -> Vec<LetterTemplateEntry>;
                complaint_destruction_list() -> Vec<DestructionItem>;
                destroy_complaint(req: DestroyComplaintRequest) -> String;
                purge_expired_complaints(req: PurgeRequest) -> Vec<String>;
            }
            annual_report {
                advisor_releases() -> Vec<AdvisorRelease>;
                import_advisor_release(req: ReleaseImportRequest) -> AdvisorRelease;
                fetch_published_releases() -> Vec<AdvisorRelease>;
                hr_annual_report_preview(req: HrReportYear) -> HrReportPreview;
                hr_three_year_report_preview(req: HrReportYear) -> HrReportPreview;
                publish_hr_three_year_report(req: HrReportYear) -> HrReportPreview;
                publish_hr_annual_report(req: HrReportYear) -> HrReportPreview;
                hr_annual_report_texts(req: HrReportYear) -> HrReportTexts;
                update_hr_annual_report_texts(req: HrReportTexts) -> HrReportTexts;
                report_actions(req: HrReportYear) -> Vec<ReportAction>;
                add_report_action(req: ReportActionInput) -> ReportAction;
                update_report_action(req: ReportActionChange) -> ReportAction;
                delete_report_action(id: i64) -> ();
                write_hr_annual_report(req: HrReportRequest) -> WrittenFile;
            }
        }
    };
}

/// Calls the macro `$then` with the commands only the command line has (the
/// window is granted none of them), in the same form as
/// [`for_each_command!`].
#[macro_export]
macro_rules! for_each_cli_command {
    ($then:ident) => {
        $then! {
            advisor {
                fill_demo_register(req: DemoRequest) -> u32;
            }
        }
    };
}
