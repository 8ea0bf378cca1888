//! Every api call that changes something leaves exactly one audit row in
//! each database it changes: walked call by call on a real vault.

use std::collections::BTreeMap;

use chrono::Duration;
use vertrouwd_core::advisor::*;
use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;

use super::{add, create, s, session, unlock, PASS, PASS_B};

/// Calls that change nothing a register holds: reads, the session itself,
/// this computer's preferences, and the two that make a vault folder (`create_vault` starts the trail,
/// checked below; `restore` puts a backup's databases, trail included, in a
/// new folder).
const NOT_WRITING: &[&str] = &[
    "vault_status",
    "default_vault_dir",
    "about",
    "preferences",
    "set_preferences",
    "passphrase_strength",
    "unlock",
    "lock",
    "touch",
    "session_info",
    "list_users",
    "unknown_key_slots",
    "audit_trail",
    "settings",
    "verify",
    "verify_backup",
    "create_vault",
    "restore",
    "natures",
    "register_settings",
    "list_cases",
    "case_detail",
    "attachment_preview",
    "departments",
    "destruction_list",
    "statistics_preview",
    "complaint_procedures",
    "preview_complaint_procedure",
    "complaint_users",
    "complaint_settings",
    "list_complaints",
    "complaint_detail",
    "complaints_due",
    "letter_templates",
    "complaint_destruction_list",
    "complaint_committee",
    "complaint_attachment_preview",
    "activities",
    "annual_report_texts",
    "advisor_releases",
    "complaint_figures",
    "hr_annual_report_preview",
    "hr_three_year_report_preview",
    "hr_annual_report_texts",
    "report_actions",
];

/// The api calls: core's list of commands, and those of the CLI alone.
fn api_calls() -> Vec<String> {
    COMMANDS
        .iter()
        .chain(CLI_COMMANDS)
        .map(|c| c.name)
        .map(String::from)
        .collect()
}

/// Rows the vault writes itself about its keys (who was given or lost a
/// compartment key, a rotation), in the compartment concerned. They come
/// on top of the api's one row, and are checked where keys change.
fn key_record(action: &str) -> bool {
    action.starts_with("holder.") || action.starts_with("keys.")
}

/// Each held database's audit rows, oldest first.
async fn trails(session: &Session) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for c in session.session_info().await.expect("open").compartments {
        let trail = session
            .audit_trail(AuditRequest {
                compartment: c.clone(),
                limit: Some(1000),
                before: None,
            })
            .await
            .expect("audit");
        out.insert(c, trail.into_iter().rev().map(|r| r.action).collect());
    }
    out
}

/// The number of audit rows in each database this session holds, the
/// vault's own key records left out.
async fn rows(session: &Session) -> BTreeMap<String, usize> {
    trails(session)
        .await
        .into_iter()
        .map(|(c, t)| (c, t.iter().filter(|a| !key_record(a)).count()))
        .collect()
}

/// The key records written since `before`, per database.
async fn key_records_since(
    session: &Session,
    before: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, Vec<String>> {
    trails(session)
        .await
        .into_iter()
        .map(|(c, t)| {
            let seen = before.get(&c).map_or(0, Vec::len);
            let new = t[seen..]
                .iter()
                .filter(|a| key_record(a))
                .cloned()
                .collect();
            (c, new)
        })
        .collect()
}

/// Runs one call and checks it left one row in each of `changed` and none
/// elsewhere.
macro_rules! walk {
    ($session:expr, $walked:expr, $name:literal, [$($changed:expr),*], $call:expr) => {{
        let before = rows($session).await;
        let out = $call.await.unwrap_or_else(|e| panic!("{}: {e:?}", $name));
        let after = rows($session).await;
        let changed: &[&str] = &[$($changed),*];
        for (c, n) in &after {
            let want = usize::from(changed.contains(&c.as_str()));
            assert_eq!(
                n - before.get(c).copied().unwrap_or_default(),
                want,
                "{} left the wrong number of audit rows in {c}",
                $name
            );
        }
        $walked.push($name);
        out
    }};
}

fn case_input(first_contact: &str, nature_id: i64) -> CaseInput {
    CaseInput {
        reference: None,
        first_contact: first_contact.into(),
        channel: Channel::Phone,
        reporter: None,
        reporter_role: ReporterRole::Employee,
        department: None,
        gender: None,
        natures: vec![NatureChoice {
            nature_id,
            ground: None,
        }],
        persons: vec![],
        outcome: None,
    }
}

#[tokio::test]
async fn every_write_leaves_one_audit_row() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let out = |name: &str| tmp.path().join(name).to_string_lossy().into_owned();
    let (session, clock) = session();
    let created = create(&session, &dir, vec![Role::Advisor]).await;
    let started = trails(&session).await;
    assert_eq!(
        started["org"],
        ["holder.added", "vault.created", "user.added"]
    );
    assert_eq!(started["advisor"], ["holder.added", "vault.created"]);
    let ses = &session;
    let mut walked: Vec<&str> = vec![];
    let (adv, org) = ("advisor", "org");

    let mut register = session.register_settings().await.expect("settings");
    register.grace_days = 30;
    walk!(
        ses,
        walked,
        "update_register_settings",
        [adv],
        session.update_register_settings(register)
    );
    let natures = walk!(
        ses,
        walked,
        "change_natures",
        [adv],
        session.change_natures(CodeChange::Add {
            name: "Digitale intimidatie".into()
        })
    );
    let nature = natures[0].id;
    let activity = walk!(
        ses,
        walked,
        "add_activity",
        [adv],
        session.add_activity(ActivityInput {
            held_on: "2026-03-04".into(),
            kind: ActivityKind::PreventionSession,
            audience: Some(40),
            minutes: 90,
            topic: None,
        })
    );
    walk!(
        ses,
        walked,
        "delete_activity",
        [adv],
        session.delete_activity(activity.id)
    );
    let case = walk!(
        ses,
        walked,
        "add_case",
        [adv],
        session.add_case(case_input("2026-01-05", nature))
    );
    let reference = case.reference.clone();
    let mut corrected = case_input("2026-01-06", nature);
    corrected.department = Some("Zorg & Welzijn".into());
    walk!(
        ses,
        walked,
        "update_case",
        [adv],
        session.update_case(UpdateCaseRequest {
            case: reference.clone(),
            input: corrected,
        })
    );
    walk!(
        ses,
        walked,
        "add_conversation",
        [adv],
        session.add_conversation(AddConversationRequest {
            case: reference.clone(),
            conversation: ConversationInput {
                held_on: "2026-01-06".into(),
                minutes: 45,
                mode: Channel::InPerson,
                with_whom: None,
                notes: "Gesprek met Çağrı over het rooster".into(),
                next_step: None,
            },
        })
    );
    walk!(
        ses,
        walked,
        "add_intervention",
        [adv],
        session.add_intervention(AddInterventionRequest {
            case: reference.clone(),
            intervention: InterventionInput {
                kind: InterventionKind::Referral,
                referral: Some(Referral::CompanyDoctor),
                on_date: "2026-01-07".into(),
                note: None,
            },
        })
    );
    walk!(
        ses,
        walked,
        "add_consent",
        [adv],
        session.add_consent(AddConsentRequest {
            case: reference.clone(),
            consent: ConsentInput {
                kind: ConsentKind::Disclosure,
                given: true,
                recipient: Some("bedrijfsarts".into()),
                what: Some("verloop".into()),
                until: None,
                recorded_on: "2026-01-07".into(),
            },
        })
    );
    walk!(
        ses,
        walked,
        "add_case_time",
        [adv],
        session.add_case_time(AddTimeRequest {
            case: reference.clone(),
            minutes: 20,
        })
    );
    let with_follow_up = walk!(
        ses,
        walked,
        "add_follow_up",
        [adv],
        session.add_follow_up(AddFollowUpRequest {
            case: reference.clone(),
            due_on: "2026-02-01".into(),
            what: "Terugbellen".into(),
        })
    );
    let follow_up = with_follow_up.follow_ups[0].id;
    walk!(
        ses,
        walked,
        "follow_up_done",
        [adv],
        session.follow_up_done(FollowUpDoneRequest {
            id: follow_up,
            done_on: Some("2026-02-01".into()),
        })
    );
    let reopened = session.follow_up_done(FollowUpDoneRequest {
        id: follow_up,
        done_on: None,
    });
    walk!(ses, walked, "follow_up_done", [adv], reopened);
    let note = tmp.path().join("notitie.txt");
    std::fs::write(&note, "Aantekening van Ayşe ëïé 🙂").expect("write");
    let attached = walk!(
        ses,
        walked,
        "add_attachment",
        [adv],
        session.add_attachment(AddAttachmentRequest {
            case: reference.clone(),
            path: note.to_string_lossy().into(),
        })
    );
    walk!(
        ses,
        walked,
        "export_attachment",
        [adv],
        session.export_attachment(ExportAttachmentRequest {
            id: attached.attachments[0].id,
            path: out("notitie-kopie.txt"),
        })
    );
    walk!(
        ses,
        walked,
        "write_case_file",
        [adv],
        session.write_case_file(CaseFileRequest {
            case: reference.clone(),
            path: out("dossier.pdf"),
            language: Default::default(),
        })
    );
    let csv = tmp.path().join("register.csv");
    std::fs::write(
        &csv,
        "Referentie;Datum_eerste_contact;Kanaal;Rol_melder;Aard\nOUD-001;2-3-2026;telefoon;medewerker;pesten\n",
    )
    .expect("write");
    let imported = walk!(
        ses,
        walked,
        "import_cases",
        [adv],
        session.import_cases(ImportRequest {
            path: csv.to_string_lossy().into(),
            skip_invalid: false,
        })
    );
    assert_eq!((imported.imported, imported.problems.len()), (1, 0));
    walk!(
        ses,
        walked,
        "destroy_case",
        [adv],
        session.destroy_case(DestroyRequest {
            case: "OUD-001".into(),
            confirm: "OUD-001".into(),
            reason: Some(EarlyDestruction::RecordedInError),
        })
    );
    walk!(
        ses,
        walked,
        "close_case",
        [adv],
        session.close_case(CloseCaseRequest {
            case: reference.clone(),
            closed_on: "2026-03-01".into(),
            outcome: Outcome::Referred,
            follow_ups_done: false,
        })
    );
    walk!(
        ses,
        walked,
        "reopen_case",
        [adv],
        session.reopen_case(CaseRef {
            case: reference.clone(),
        })
    );
    walk!(
        ses,
        walked,
        "close_case",
        [adv],
        session.close_case(CloseCaseRequest {
            case: reference.clone(),
            closed_on: "2026-03-01".into(),
            outcome: Outcome::Referred,
            follow_ups_done: false,
        })
    );
    walk!(
        ses,
        walked,
        "release_statistics",
        [adv],
        session.release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: Some(out("statistiek.json")),
            publish: false,
        })
    );
    walk!(
        ses,
        walked,
        "update_annual_report_texts",
        [adv],
        session.update_annual_report_texts(AnnualTexts {
            year: 2026,
            introduction: "Een **druk** jaar.".into(),
            ..Default::default()
        })
    );
    walk!(
        ses,
        walked,
        "write_annual_report",
        [adv],
        session.write_annual_report(AnnualReportRequest {
            year: 2026,
            path: out("jaarverslag.pdf"),
            language: vertrouwd_core::language::Language::Nl,
        })
    );
    walk!(
        ses,
        walked,
        "send_annual_report",
        [adv],
        session.send_annual_report(AnnualReportSendRequest {
            year: 2026,
            language: vertrouwd_core::language::Language::Nl,
            path: Some(out("jaarverslag-voor-hr.json")),
            publish: false,
        })
    );

    let keys_before = trails(&session).await;
    let hanna = walk!(
        ses,
        walked,
        "add_user",
        [org],
        add(&session, "hanna", vec![Role::Manager])
    )
    .user
    .id;
    let given = key_records_since(&session, &keys_before).await;
    assert_eq!(
        (given[adv].len(), given[org].as_slice()),
        (0, &["holder.added".to_string()][..])
    );
    // The advisor's own idle lock is kept in advisor.db as well.
    walk!(
        ses,
        walked,
        "update_settings",
        [adv, org],
        session.update_settings(SettingsUpdate {
            organisation: None,
            idle_lock_seconds: Some(600),
        })
    );
    walk!(
        ses,
        walked,
        "backup",
        [org],
        session.backup(PathRequest {
            path: out("kluis.vbak")
        })
    );
    walk!(
        ses,
        walked,
        "write_recovery_sheet",
        [org],
        session.write_recovery_sheet(RecoverySheetRequest {
            path: out("herstelblad.pdf"),
            recovery_key: s(&created.recovery.recovery_key),
            language: Default::default(),
        })
    );
    walk!(
        ses,
        walked,
        "change_passphrase",
        [org],
        session.change_passphrase(ChangePassphraseRequest {
            current: s(PASS),
            new_passphrase: s(PASS_B),
            new_passphrase_repeat: s(PASS_B),
        })
    );
    let keys_before = trails(&session).await;
    walk!(
        ses,
        walked,
        "remove_user",
        [org],
        session.remove_user(RemoveUserRequest {
            user_id: hanna,
            reason: "uit dienst".into(),
        })
    );
    let taken = key_records_since(&session, &keys_before).await;
    assert!(taken[adv].is_empty(), "the manager never held the register");
    assert_eq!(taken[org], ["holder.removed", "keys.rotated"]);

    // The case became due with the release; after the grace period the
    // purge destroys it.
    clock.advance(Duration::days(31));
    unlock(&session, &dir, "ayse", PASS_B)
        .await
        .expect("unlock");
    let purged = walk!(
        ses,
        walked,
        "purge_expired",
        [adv],
        session.purge_expired(PurgeRequest { confirm: true })
    );
    assert_eq!(purged, vec![reference]);

    // A reset with the recovery key happens before the session is open:
    // its row is the newest of org.db once it is.
    let before = rows(&session).await;
    session.lock().await;
    session
        .reset_passphrase(RecoveryResetRequest {
            dir: dir.to_string_lossy().into(),
            login: "ayse".into(),
            recovery_key: s(&created.recovery.recovery_key),
            new_passphrase: s(PASS),
            new_passphrase_repeat: s(PASS),
        })
        .await
        .expect("reset");
    let after = rows(&session).await;
    assert_eq!((after[adv] - before[adv], after[org] - before[org]), (0, 1));
    walked.push("reset_passphrase");

    // The demo register fills only an empty register.
    let other = tmp.path().join("proef");
    let (demo, _) = super::session();
    create(&demo, &other, vec![Role::Advisor]).await;
    let d = &demo;
    walk!(
        d,
        walked,
        "fill_demo_register",
        [adv],
        demo.fill_demo_register(DemoRequest {
            cases: 5,
            conversations: 5
        })
    );

    // The complaints register, in an HR vault of its own.
    let hr_dir = tmp.path().join("hr");
    let (h, _) = super::session();
    create(&h, &hr_dir, vec![Role::Hr]).await;
    // Piet is left out below: one user removed, one row.
    add(&h, "piet", vec![Role::Hr]).await.expect("piet");
    let me = h.session_info().await.expect("info").user.id;
    let hr = "hr";
    let k = "KL-2026-001".to_string();
    let hs = &h;
    walk!(
        hs,
        walked,
        "update_complaint_settings",
        [hr],
        h.update_complaint_settings(vertrouwd_core::api::ComplaintSettings {
            prefix: "KL".into(),
            letterhead: Default::default(),
            retention_months: 1,
            grace_days: 0,
            calendar: Default::default(),
            logo: false,
            report_k: 5,
        })
    );
    let logo = tmp.path().join("logo.png");
    std::fs::write(
        &logo,
        include_bytes!("../../../pdf/assets/specimen-logo.png"),
    )
    .expect("write");
    walk!(
        hs,
        walked,
        "set_letterhead_logo",
        [hr],
        h.set_letterhead_logo(LogoRequest {
            path: Some(logo.to_string_lossy().into()),
        })
    );
    walk!(
        hs,
        walked,
        "update_complaint_committee",
        [hr],
        h.update_complaint_committee(vertrouwd_core::complaints::Committee {
            name: None,
            external: false,
            members: vec![vertrouwd_core::complaints::CommitteeMember {
                name: "Els Jansen".into(),
                role: vertrouwd_core::complaints::CommitteeRole::Chair,
                external: false,
            }],
        })
    );
    walk!(
        hs,
        walked,
        "update_letter_template",
        [hr],
        h.update_letter_template(LetterTemplateChange {
            kind: vertrouwd_core::complaints::procedures::LetterKind::Decision,
            language: vertrouwd_core::language::Language::Nl,
            template: None,
        })
    );
    walk!(
        hs,
        walked,
        "import_advisor_release",
        [hr],
        h.import_advisor_release(ReleaseImportRequest {
            path: out("statistiek.json"),
        })
    );
    walk!(
        hs,
        walked,
        "update_hr_annual_report_texts",
        [hr],
        h.update_hr_annual_report_texts(HrReportTexts {
            year: 2026,
            introduction: "Een jaar van **rust**.".into(),
            conclusions: String::new(),
            awb_summary: String::new(),
        })
    );
    let action = walk!(
        hs,
        walked,
        "add_report_action",
        [hr],
        h.add_report_action(ReportActionInput {
            year: 2026,
            recommendation: "Training voor leidinggevenden".into(),
            owner: "HR".into(),
            due_on: "01-06-2027".into(),
        })
    );
    walk!(
        hs,
        walked,
        "update_report_action",
        [hr],
        h.update_report_action(ReportActionChange {
            id: action.id,
            status: ActionStatus::InProgress,
            note: None,
        })
    );
    walk!(
        hs,
        walked,
        "delete_report_action",
        [hr],
        h.delete_report_action(action.id)
    );
    walk!(
        hs,
        walked,
        "publish_hr_annual_report",
        [hr],
        h.publish_hr_annual_report(HrReportYear { year: 2025 })
    );
    walk!(
        hs,
        walked,
        "publish_hr_three_year_report",
        [hr],
        h.publish_hr_three_year_report(HrReportYear { year: 2024 })
    );
    walk!(
        hs,
        walked,
        "write_hr_annual_report",
        [hr],
        h.write_hr_annual_report(HrReportRequest {
            year: 2026,
            path: out("jaarverslag-hr.pdf"),
            language: vertrouwd_core::language::Language::Nl,
            csv_dir: None,
            three_years: None,
        })
    );
    let regulation = h.complaint_procedures().await.expect("procedures")[0].clone();
    walk!(
        hs,
        walked,
        "update_complaint_procedure",
        [hr],
        h.update_complaint_procedure(ProcedureChange {
            procedure: regulation,
            apply_to_running: false,
        })
    );
    let complaints_csv = tmp.path().join("klachten.csv");
    std::fs::write(
        &complaints_csv,
        "referentie;ontvangen_op;kanaal;procedure;rol_klager;omschrijving\nOUD-KL-1;2-11-2026;brief;awb;burger;Te lang gewacht\n",
    )
    .expect("write");
    let imported = walk!(
        hs,
        walked,
        "import_complaints",
        [hr],
        h.import_complaints(
            vertrouwd_core::complaints::requests::ComplaintImportRequest {
                path: complaints_csv.to_string_lossy().into(),
                skip_invalid: false,
                access: Default::default(),
            }
        )
    );
    assert_eq!((imported.imported, imported.problems.len()), (1, 0));
    walk!(
        hs,
        walked,
        "add_complaint",
        [hr],
        h.add_complaint(super::complaints::complaint(
            "2-11-2026",
            "complaints_regulation"
        ))
    );
    walk!(
        hs,
        walked,
        "complaint_step_done",
        [hr],
        h.complaint_step_done(StepDoneRequest {
            complaint: k.clone(),
            step: "acknowledgement".into(),
            done_on: Some("4-11-2026".into()),
            not_possible: None
        })
    );
    walk!(
        hs,
        walked,
        "set_complaint_due",
        [hr],
        h.set_complaint_due(SetDueRequest {
            complaint: k.clone(),
            step: "response".into(),
            due_on: Some("1-12-2026".into())
        })
    );
    walk!(
        hs,
        walked,
        "pause_complaint",
        [hr],
        h.pause_complaint(PauseRequest {
            complaint: k.clone(),
            from: "5-11-2026".into(),
            reason: vertrouwd_core::complaints::procedures::PauseReason::Mediation,
            note: None
        })
    );
    walk!(
        hs,
        walked,
        "resume_complaint",
        [hr],
        h.resume_complaint(ResumeRequest {
            complaint: k.clone(),
            until: "9-11-2026".into()
        })
    );
    walk!(
        hs,
        walked,
        "extend_complaint_step",
        [hr],
        h.extend_complaint_step(ExtendRequest {
            complaint: k.clone(),
            step: "hearing".into(),
            by: vertrouwd_core::complaints::procedures::StepTerm::new(
                5,
                vertrouwd_core::complaints::procedures::TermUnit::WorkingDays
            ),
            reason: "agenda".into()
        })
    );
    walk!(
        hs,
        walked,
        "record_hearing",
        [hr],
        h.record_hearing(HearingRequest {
            complaint: k.clone(),
            hearing: HearingInput {
                on: "12-11-2026".into(),
                separate: false,
                witnesses: vec![],
                note: None
            }
        })
    );
    walk!(
        hs,
        walked,
        "record_admissibility",
        [hr],
        h.record_admissibility(AdmissibilityRequest {
            complaint: k.clone(),
            checklist: Default::default()
        })
    );
    let finding = vertrouwd_core::complaints::ComplaintFinding::NotUpheld;
    let outcome = |on: &str| OutcomeRequest {
        complaint: k.clone(),
        on: on.into(),
        finding,
        measures: vec!["rehabilitation".into()],
        reasons: None,
        note: None,
    };
    walk!(
        hs,
        walked,
        "record_advice",
        [hr],
        h.record_advice(outcome("13-11-2026"))
    );
    walk!(
        hs,
        walked,
        "record_decision",
        [hr],
        h.record_decision(outcome("16-11-2026"))
    );
    walk!(
        hs,
        walked,
        "write_complaint_letter",
        [hr],
        h.write_complaint_letter(LetterRequest {
            complaint: k.clone(),
            step: "acknowledgement".into(),
            letter: None,
            language: vertrouwd_core::language::Language::Nl,
            path: out("ontvangst.pdf"),
        })
    );
    walk!(
        hs,
        walked,
        "write_complaints_calendar",
        [hr],
        h.write_complaints_calendar(CalendarRequest {
            path: out("termijnen.ics"),
            with_names: false,
            language: vertrouwd_core::language::Language::Nl,
        })
    );
    walk!(
        hs,
        walked,
        "add_complaint_note",
        [hr],
        h.add_complaint_note(ComplaintNoteRequest {
            complaint: k.clone(),
            text: "Gebeld met de klager.".into()
        })
    );
    walk!(
        hs,
        walked,
        "record_recusal",
        [hr],
        h.record_recusal(RecusalRequest {
            complaint: k.clone(),
            member: "Els Jansen".into(),
            on: "5-11-2026".into(),
            reason: None,
            undo: false,
        })
    );
    let attachment = tmp.path().join("verslag.txt");
    std::fs::write(&attachment, "Verslag").expect("write");
    let with_file = walk!(
        hs,
        walked,
        "add_complaint_attachment",
        [hr],
        h.add_complaint_attachment(ComplaintAttachmentRequest {
            complaint: k.clone(),
            path: attachment.to_string_lossy().into(),
        })
    );
    walk!(
        hs,
        walked,
        "export_complaint_attachment",
        [hr],
        h.export_complaint_attachment(ExportComplaintAttachmentRequest {
            complaint: k.clone(),
            attachment: with_file.attachments[0].id,
            path: out("verslag-export.txt"),
        })
    );
    let join = |separate| JoinRequest {
        complaint: k.clone(),
        with: "OUD-KL-1".into(),
        separate,
    };
    walk!(
        hs,
        walked,
        "join_complaints",
        [hr],
        h.join_complaints(join(false))
    );
    h.join_complaints(join(true)).await.expect("apart again");
    walk!(
        hs,
        walked,
        "change_complaint_access",
        [hr],
        h.change_complaint_access(AccessRequest {
            complaint: k.clone(),
            access: vertrouwd_core::complaints::ComplaintAccess::Only {
                users: vec![me.clone()]
            }
        })
    );
    walk!(
        hs,
        walked,
        "close_complaint",
        [hr],
        h.close_complaint(CloseComplaintRequest {
            complaint: k.clone(),
            kind: vertrouwd_core::complaints::ClosureKind::Closed,
            on: "20-11-2026".into(),
            note: None
        })
    );
    walk!(
        hs,
        walked,
        "destroy_complaint",
        [hr],
        h.destroy_complaint(DestroyComplaintRequest {
            complaint: k.clone(),
            confirm: k.clone(),
            reason: Some(vertrouwd_core::retention::EarlyDestruction::NoLongerNeeded),
        })
    );
    // One that ended long enough ago to have expired.
    let old = h
        .add_complaint(super::complaints::complaint("1-9-2026", "awb"))
        .await
        .expect("filed");
    h.close_complaint(CloseComplaintRequest {
        complaint: old.reference,
        kind: vertrouwd_core::complaints::ClosureKind::Withdrawn,
        on: "2-10-2026".into(),
        note: None,
    })
    .await
    .expect("withdrawn");
    walk!(
        hs,
        walked,
        "purge_expired_complaints",
        [hr],
        h.purge_expired_complaints(PurgeRequest { confirm: true })
    );

    // Publishing in the vault (an advisor who is also in HR) changes org.db
    // too, one row in each; taking it into hr.db, one in hr.db and org.db.
    let both_dir = tmp.path().join("samen");
    let (both, _) = super::session();
    create(&both, &both_dir, vec![Role::Advisor, Role::Hr]).await;
    let first = both.natures().await.expect("natures")[0].id;
    both.add_case(case_input("2026-01-05", first))
        .await
        .expect("case");
    let bs = &both;
    walk!(
        bs,
        walked,
        "release_statistics",
        [adv, org],
        both.release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: None,
            publish: true,
        })
    );
    let fetched = walk!(
        bs,
        walked,
        "fetch_published_releases",
        [hr, org],
        both.fetch_published_releases()
    );
    assert_eq!(fetched.len(), 1);

    let mut missing: Vec<String> = api_calls()
        .into_iter()
        .filter(|c| !walked.contains(&c.as_str()) && !NOT_WRITING.contains(&c.as_str()))
        .collect();
    missing.dedup();
    assert!(
        missing.is_empty(),
        "api calls neither walked here nor listed as not writing: {missing:?}"
    );
}

#[tokio::test]
async fn a_confirmed_combination_of_roles_is_its_own_row() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (session, _) = session();
    create(
        &session,
        &tmp.path().join("kluis"),
        vec![Role::Advisor, Role::Hr],
    )
    .await;
    let org = trails(&session).await.remove("org").expect("org");
    assert_eq!(
        org,
        [
            "holder.added",
            "vault.created",
            "user.added",
            "user.roles_combined"
        ]
    );
}
