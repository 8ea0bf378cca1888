//! The complaints register on a real vault: a complaint from filing to
//! closing with its due dates, the dashboard on a fixed clock, bad input,
//! and a complaint restricted from an HR colleague.

use chrono::{Duration, NaiveDate};
use vertrouwd_core::api::*;
use vertrouwd_core::complaints::letters;
use vertrouwd_core::complaints::procedures::{
    LetterKind, PauseReason, StepTerm, TermUnit, Urgency,
};
use vertrouwd_core::complaints::requests::{DEFAULT_GRACE_DAYS, DEFAULT_RETENTION_MONTHS};
use vertrouwd_core::complaints::*;
use vertrouwd_core::language::Language;
use vertrouwd_core::retention::EarlyDestruction;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;

use super::{add, create, session, unlock, PASS, PASS_B};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

pub(crate) fn complaint(received_on: &str, procedure: &str) -> ComplaintInput {
    ComplaintInput {
        received_on: received_on.into(),
        channel: ComplaintChannel::Letter,
        procedure: procedure.into(),
        complainant: Complainant {
            anonymous: false,
            can_reply: true,
            name: Some("Çağrı Öztürk".into()),
            role: ComplainantRole::Temporary,
            department: Some("Logistiek".into()),
            contact: None,
            support_person: None,
        },
        complained_about: vec![PersonComplainedAbout {
            name: "Ayşe Yılmaz".into(),
            role: Some("teamleider".into()),
            department: None,
        }],
        natures: vec!["bullying".into()],
        description: "Herhaaldelijk uitgescholden op de werkvloer.".into(),
        decision_maker: None,
        minutes_signed_on: None,
        access: ComplaintAccess::Everyone,
    }
}

fn due(c: &ComplaintDetail, step: &str) -> Option<NaiveDate> {
    c.schedule.iter().find(|s| s.key == step).expect("step").due
}

fn reason(e: ApiError) -> (Option<String>, Option<Reason>) {
    (e.field, e.reason)
}

pub(crate) async fn done(s: &Session, c: &str, step: &str, on: &str) -> ComplaintDetail {
    s.complaint_step_done(StepDoneRequest {
        complaint: c.into(),
        step: step.into(),
        done_on: Some(on.into()),
        not_possible: None,
    })
    .await
    .unwrap_or_else(|e| panic!("{step}: {e:?}"))
}

fn outcome(c: &str, on: &str, finding: ComplaintFinding) -> OutcomeRequest {
    OutcomeRequest {
        complaint: c.into(),
        on: on.into(),
        finding,
        measures: vec![],
        reasons: None,
        note: None,
    }
}

/// The clock stands at Monday 23 November 2026.
#[tokio::test]
async fn a_complaint_from_filing_to_closing_with_every_due_date() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, clock) = session();
    create(&s, &dir, vec![Role::Hr]).await;

    let c = s
        .add_complaint(complaint("2-11-2026", "complaints_regulation"))
        .await
        .expect("filed");
    assert_eq!(c.reference, "KL-2026-001");
    // Received Monday 2 November: acknowledgement within 3 working days
    // (3, 4, 5 November), admissibility within 2 weeks (Monday 16).
    assert_eq!(due(&c, "acknowledgement"), Some(d(2026, 11, 5)));
    assert_eq!(due(&c, "admissibility"), Some(d(2026, 11, 16)));
    let board = s.complaints_due().await.expect("due");
    let overdue: Vec<&str> = board.overdue.iter().map(|i| i.step.as_str()).collect();
    assert_eq!(overdue, ["acknowledgement", "admissibility"]);

    done(&s, "KL-2026-001", "acknowledgement", "4-11-2026").await;
    let c = s
        .record_admissibility(AdmissibilityRequest {
            complaint: "KL-2026-001".into(),
            checklist: Admissibility {
                written_and_signed: Some(true),
                name_and_address: Some(true),
                complainant_in_scope: Some(true),
                recent_enough: Some(true),
                internal_route_first: Some(true),
                admissible: Some(true),
                decided_on: Some(d(2026, 11, 10)),
                note: None,
            },
        })
        .await
        .expect("admissible");
    assert_eq!(c.status, ComplaintStatus::Admissibility);
    // The request for a response: 5 working days after 10 November.
    assert_eq!(due(&c, "request_response"), Some(d(2026, 11, 17)));
    let c = done(&s, "KL-2026-001", "request_response", "12-11-2026").await;
    // The response within 2 weeks of the request: Thursday 26 November,
    // due this week, 11 of its 14 days gone (78 %).
    assert_eq!(due(&c, "response"), Some(d(2026, 11, 26)));
    let board = s.complaints_due().await.expect("due");
    assert!(board.overdue.is_empty(), "{board:?}");
    assert_eq!(board.this_week.len(), 1);
    assert_eq!(board.this_week[0].step, "response");
    assert_eq!(board.this_week[0].urgency, Some(Urgency::ThreeQuarters));

    // A hearing before the complaint was received is refused.
    let e = s
        .record_hearing(HearingRequest {
            complaint: "KL-2026-001".into(),
            hearing: HearingInput {
                on: "1-10-2026".into(),
                separate: false,
                witnesses: vec![],
                note: None,
            },
        })
        .await
        .expect_err("before receipt");
    assert_eq!(reason(e), (Some("on".into()), Some(Reason::BeforeReceipt)));
    let c = s
        .record_hearing(HearingRequest {
            complaint: "KL-2026-001".into(),
            hearing: HearingInput {
                on: "3-12-2026".into(),
                separate: true,
                witnesses: vec!["Jan Jansen".into()],
                note: None,
            },
        })
        .await
        .expect("planned");
    assert_eq!(c.hearings[0].on, d(2026, 12, 3));
    done(&s, "KL-2026-001", "response", "20-11-2026").await;

    // A term of −3 days is refused.
    let e = s
        .extend_complaint_step(ExtendRequest {
            complaint: "KL-2026-001".into(),
            step: "hearing".into(),
            by: StepTerm::new(-3, TermUnit::Days),
            reason: "agenda".into(),
        })
        .await
        .expect_err("negative");
    assert_eq!(reason(e), (Some("by".into()), Some(Reason::OutOfRange)));

    clock.advance(Duration::days(17)); // Thursday 10 December
    s.lock().await;
    unlock(&s, &dir, "ayse", PASS).await.expect("unlock");
    done(&s, "KL-2026-001", "hearing", "3-12-2026").await;
    let mut advice = outcome("KL-2026-001", "7-12-2026", ComplaintFinding::PartlyUpheld);
    advice.measures = vec!["training".into()];
    let c = s.record_advice(advice).await.expect("advice");
    assert_eq!(c.status, ComplaintStatus::Advice);
    // A decision that departs from the advice needs its reasons.
    let e = s
        .record_decision(outcome(
            "KL-2026-001",
            "9-12-2026",
            ComplaintFinding::Upheld,
        ))
        .await
        .expect_err("no reasons");
    assert_eq!(reason(e), (Some("reasons".into()), Some(Reason::Required)));
    let mut decision = outcome("KL-2026-001", "9-12-2026", ComplaintFinding::Upheld);
    decision.reasons = Some("Twee getuigen bevestigen het.".into());
    decision.measures = vec!["warning".into(), "training".into()];
    let c = s.record_decision(decision).await.expect("decision");
    assert_eq!(
        c.decision.as_ref().map(|d| d.finding),
        Some(ComplaintFinding::Upheld)
    );
    assert_eq!(c.status, ComplaintStatus::Decision);
    let c = s
        .close_complaint(CloseComplaintRequest {
            complaint: "KL-2026-001".into(),
            kind: ClosureKind::Closed,
            on: "10-12-2026".into(),
            note: None,
        })
        .await
        .expect("closed");
    assert_eq!(c.status, ComplaintStatus::Closed);
    let whats: Vec<&str> = c.timeline.iter().map(|e| e.what.as_str()).collect();
    assert_eq!(
        whats,
        [
            "filed",
            "step_done",
            "admissibility",
            "step_done",
            "hearing",
            "step_done",
            "step_done",
            "advice",
            "decision",
            "closed"
        ]
    );
    assert!(c.timeline.iter().all(|e| e.by_name == "Ayşe Yılmaz"));
    assert!(s.complaints_due().await.expect("due").overdue.is_empty());
    assert!(s
        .list_complaints(ComplaintFilter::default())
        .await
        .expect("list")
        .is_empty());
    let all = s
        .list_complaints(ComplaintFilter {
            include_closed: true,
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(all.len(), 1);
    // A closed complaint takes no further step.
    let e = s
        .complaint_step_done(StepDoneRequest {
            complaint: "KL-2026-001".into(),
            step: "feedback".into(),
            done_on: Some("10-12-2026".into()),
            not_possible: None,
        })
        .await
        .expect_err("closed");
    assert_eq!(reason(e).1, Some(Reason::Closed));
}

#[tokio::test]
async fn a_withdrawn_complaint_takes_no_decision_and_leaves_the_dashboard() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, _) = session();
    create(&s, &tmp.path().join("kluis"), vec![Role::Hr]).await;
    s.add_complaint(complaint("16-11-2026", "awb"))
        .await
        .expect("filed");
    // The acknowledgement, 5 working days after Monday 16 November, is due
    // today.
    let week = s.complaints_due().await.expect("due").this_week;
    assert_eq!(week.len(), 1);
    assert_eq!(
        (week[0].step.as_str(), week[0].urgency),
        ("acknowledgement", Some(Urgency::Due))
    );
    let c = s
        .close_complaint(CloseComplaintRequest {
            complaint: "KL-2026-001".into(),
            kind: ClosureKind::Withdrawn,
            on: "20-11-2026".into(),
            note: Some("De beklaagde is geïnformeerd.".into()),
        })
        .await
        .expect("withdrawn");
    assert_eq!(c.status, ComplaintStatus::Withdrawn);
    let e = s
        .record_decision(outcome(
            "KL-2026-001",
            "21-11-2026",
            ComplaintFinding::NotUpheld,
        ))
        .await
        .expect_err("withdrawn");
    assert_eq!(reason(e).1, Some(Reason::Closed));
    let board = s.complaints_due().await.expect("due");
    assert!(board.overdue.is_empty() && board.this_week.is_empty() && board.warnings.is_empty());
    let all = s
        .list_complaints(ComplaintFilter {
            status: Some(ComplaintStatus::Withdrawn),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(all.len(), 1, "a withdrawn complaint still counts");
}

#[tokio::test]
async fn mediation_stops_the_clock_and_a_postponement_moves_the_decision() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, _) = session();
    create(&s, &tmp.path().join("kluis"), vec![Role::Hr]).await;
    s.add_complaint(complaint("2-11-2026", "awb"))
        .await
        .expect("filed");
    // Received Monday 2 November: the decision within 6 weeks, Monday 14
    // December.
    let c = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2026-001".into(),
        })
        .await
        .expect("c");
    assert_eq!(due(&c, "decision"), Some(d(2026, 12, 14)));
    let c = s
        .pause_complaint(PauseRequest {
            complaint: "KL-2026-001".into(),
            from: "9-11-2026".into(),
            reason: PauseReason::Mediation,
            note: None,
        })
        .await
        .expect("paused");
    assert_eq!(c.status, ComplaintStatus::Mediation);
    assert_eq!(due(&c, "decision"), None);
    assert!(s
        .complaints_due()
        .await
        .expect("due")
        .overdue
        .iter()
        .all(|i| i.step != "decision"));
    // Mediation from 9 to 18 November, 10 days: Thursday 24 December.
    let c = s
        .resume_complaint(ResumeRequest {
            complaint: "KL-2026-001".into(),
            until: "18-11-2026".into(),
        })
        .await
        .expect("resumed");
    assert_eq!(due(&c, "decision"), Some(d(2026, 12, 24)));
    // Postponed by 4 weeks: Thursday 21 January 2027.
    let c = s
        .extend_complaint_step(ExtendRequest {
            complaint: "KL-2026-001".into(),
            step: "decision".into(),
            by: StepTerm::new(4, TermUnit::Weeks),
            reason: "Advies van de commissie is later".into(),
        })
        .await
        .expect("postponed");
    assert_eq!(due(&c, "decision"), Some(d(2027, 1, 21)));
}

async fn names(s: &Session) -> Vec<String> {
    s.list_complaints(ComplaintFilter {
        include_closed: true,
        ..Default::default()
    })
    .await
    .expect("list")
    .into_iter()
    .map(|c| c.reference)
    .collect()
}

/// Ayşe and Piet work in HR; the complaint is about Hanna, also in HR.
#[tokio::test]
async fn a_complaint_restricted_from_an_hr_colleague_is_not_there_for_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, _) = session();
    create(&s, &dir, vec![Role::Hr]).await;
    let hanna = add(&s, "hanna", vec![Role::Hr])
        .await
        .expect("hanna")
        .user
        .id;
    let piet = add(&s, "piet", vec![Role::Hr]).await.expect("piet").user.id;
    let users = s.complaint_users().await.expect("users");
    assert_eq!(users.len(), 3);
    let ayse = s.session_info().await.expect("info").user.id;

    // Nobody can shut themselves out, or name a user who is not in HR.
    let mut c = complaint("16-11-2026", "complaints_regulation");
    c.access = ComplaintAccess::Only {
        users: vec![piet.clone()],
    };
    let e = s.add_complaint(c.clone()).await.expect_err("not self");
    assert_eq!(reason(e), (Some("access".into()), Some(Reason::OwnUser)));
    c.access = ComplaintAccess::Only {
        users: vec![ayse.clone(), "someone".into()],
    };
    let e = s.add_complaint(c.clone()).await.expect_err("unknown");
    assert_eq!(reason(e).1, Some(Reason::Unknown));

    c.complained_about[0].name = "Collega hanna".into();
    c.access = ComplaintAccess::Only {
        users: vec![ayse.clone(), piet.clone()],
    };
    let restricted = s.add_complaint(c).await.expect("restricted");
    assert!(!restricted.access.everyone);
    s.add_complaint(complaint("17-11-2026", "whistleblowing"))
        .await
        .expect("open to all");
    assert_eq!(names(&s).await, ["KL-2026-002", "KL-2026-001"]);
    s.lock().await;

    unlock(&s, &dir, "hanna", PASS_B).await.expect("hanna");
    assert_eq!(
        names(&s).await,
        ["KL-2026-002"],
        "Hanna sees only what she may"
    );
    for id in ["KL-2026-001", &restricted.id.to_string()] {
        let e = s
            .complaint_detail(ComplaintRef {
                complaint: id.into(),
            })
            .await
            .expect_err("not for her");
        assert_eq!(e.code, ErrorCode::NotFound, "{id}");
    }
    let board = s.complaints_due().await.expect("due");
    assert!(
        board
            .overdue
            .iter()
            .chain(&board.this_week)
            .chain(&board.warnings)
            .all(|i| i.reference != "KL-2026-001"),
        "{board:?}"
    );
    let search = s
        .list_complaints(ComplaintFilter {
            search: Some("hanna".into()),
            ..Default::default()
        })
        .await
        .expect("search");
    assert!(search.is_empty());
    for e in [
        s.add_complaint_note(ComplaintNoteRequest {
            complaint: "KL-2026-001".into(),
            text: "probeer".into(),
        })
        .await
        .expect_err("no note"),
        s.change_complaint_access(AccessRequest {
            complaint: "KL-2026-001".into(),
            access: ComplaintAccess::Everyone,
        })
        .await
        .expect_err("no access"),
    ] {
        assert_eq!(e.code, ErrorCode::NotFound);
    }
    s.lock().await;

    unlock(&s, &dir, "piet", PASS_B).await.expect("piet");
    assert_eq!(names(&s).await, ["KL-2026-002", "KL-2026-001"]);
    s.lock().await;

    // Ayşe opens it to every hr holder, then restricts it to herself: a new
    // key, and Piet loses it too.
    unlock(&s, &dir, "ayse", PASS).await.expect("ayse");
    let c = s
        .change_complaint_access(AccessRequest {
            complaint: "KL-2026-001".into(),
            access: ComplaintAccess::Everyone,
        })
        .await
        .expect("everyone");
    assert!(c.access.everyone);
    let c = s
        .change_complaint_access(AccessRequest {
            complaint: "KL-2026-001".into(),
            access: ComplaintAccess::Only {
                users: vec![ayse.clone()],
            },
        })
        .await
        .expect("only ayse");
    assert_eq!(c.access.users.len(), 1);
    let mut changes: Vec<(String, String)> = c
        .timeline
        .iter()
        .filter(|e| e.what.starts_with("access_"))
        .map(|e| (e.what.clone(), e.detail.clone().unwrap_or_default()))
        .collect();
    changes[1..].sort();
    let mut removed = [hanna.clone(), piet.clone()];
    removed.sort();
    assert_eq!(
        changes,
        [
            ("access_added".to_string(), hanna.clone()),
            ("access_removed".to_string(), removed[0].clone()),
            ("access_removed".to_string(), removed[1].clone()),
        ],
        "added Hanna, then removed Hanna and Piet"
    );
    let trail = s
        .audit_trail(AuditRequest {
            compartment: "hr".into(),
            limit: Some(10),
            before: None,
        })
        .await
        .expect("trail");
    let actions: Vec<(&str, Option<&str>)> = trail
        .iter()
        .take(3)
        .map(|r| (r.action.as_str(), r.object.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            ("complaint.access_removed", Some("KL-2026-001")),
            ("complaint.access_removed", Some("KL-2026-001")),
            ("complaint.access_added", Some("KL-2026-001")),
        ],
        "audited per user, naming no one"
    );
    s.lock().await;
    unlock(&s, &dir, "piet", PASS_B).await.expect("piet");
    assert_eq!(names(&s).await, ["KL-2026-002"]);
}

pub(crate) fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Monday 23 November 2026: received Monday 16 November, acknowledged
/// today; admissibility is due two weeks after receipt, Monday 30 November.
#[tokio::test]
async fn marking_the_acknowledgement_done_gives_its_letter_on_the_letterhead() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, _) = session();
    create(&s, &tmp.path().join("kluis"), vec![Role::Hr]).await;
    s.update_complaint_settings(ComplaintSettings {
        prefix: "KL".into(),
        letterhead: letters::LetterheadSettings {
            address: Some("Postbus 12, 3500 AA Utrecht".into()),
            signatory: Some("Marieke de Groot".into()),
            signatory_role: Some("secretaris klachtencommissie".into()),
        },
        retention_months: DEFAULT_RETENTION_MONTHS,
        grace_days: DEFAULT_GRACE_DAYS,
        calendar: Default::default(),
        logo: false,
        report_k: 5,
    })
    .await
    .expect("letterhead");
    s.add_complaint(complaint("16-11-2026", "complaints_regulation"))
        .await
        .expect("filed");
    done(&s, "KL-2026-001", "acknowledgement", "23-11-2026").await;
    let out = tmp.path().join("ontvangstbevestiging.pdf");
    let written = s
        .write_complaint_letter(LetterRequest {
            complaint: "KL-2026-001".into(),
            step: "acknowledgement".into(),
            letter: None,
            language: Language::Nl,
            path: out.to_string_lossy().into(),
        })
        .await
        .expect("letter");
    assert!(
        written.missing_characters.is_empty(),
        "{:?}",
        written.missing_characters
    );
    let text = pdf_text(&out);
    for words in [
        "Stichting Zorg & Welzijn",
        "Postbus 12, 3500 AA Utrecht",
        "Çağrı Öztürk",
        "Ontvangstbevestiging van uw klacht",
        "KL-2026-001",
        "23 november 2026",
        "Op 16 november 2026 hebben wij uw klacht ontvangen",
        "behandelen haar volgens de klachtenregeling",
        "ontvankelijkheid, uiterlijk op 30 november 2026",
        "Marieke de Groot",
        "Vertrouwelijk",
    ] {
        assert!(text.contains(words), "{words:?} missing from:\n{text}");
    }

    // An organisation's own text, in English; an unknown placeholder is refused.
    let e = s
        .update_letter_template(LetterTemplateChange {
            kind: LetterKind::Acknowledgement,
            language: Language::En,
            template: Some(letters::LetterTemplate {
                subject: "Received {reference}".into(),
                body: "Dear {naam}".into(),
            }),
        })
        .await
        .expect_err("unknown placeholder");
    assert_eq!(reason(e), (Some("body".into()), Some(Reason::Unknown)));
    let templates = s
        .update_letter_template(LetterTemplateChange {
            kind: LetterKind::Acknowledgement,
            language: Language::En,
            template: Some(letters::LetterTemplate {
                subject: "We received complaint {reference}".into(),
                body: "Dear {complainant},\n\nThank you. Next: {next_step} by {next_due}.".into(),
            }),
        })
        .await
        .expect("own text");
    assert!(templates
        .iter()
        .any(|t| t.changed && t.language == Language::En));
    s.write_complaint_letter(LetterRequest {
        complaint: "KL-2026-001".into(),
        step: "acknowledgement".into(),
        letter: None,
        language: Language::En,
        path: out.to_string_lossy().into(),
    })
    .await
    .expect("letter");
    let text = pdf_text(&out);
    assert!(text.contains("We received complaint KL-2026-001"), "{text}");
    assert!(
        text.contains("Next: admissibility by 30 November 2026."),
        "{text}"
    );
    assert!(text.contains("Page 1 of 1"), "{text}");

    // A step without a letter of its own needs one named.
    let e = s
        .write_complaint_letter(LetterRequest {
            complaint: "KL-2026-001".into(),
            step: "response".into(),
            letter: None,
            language: Language::Nl,
            path: out.to_string_lossy().into(),
        })
        .await
        .expect_err("no letter");
    assert_eq!(reason(e), (Some("letter".into()), Some(Reason::Required)));
}

/// Monday 23 November 2026. Two complaints, one restricted from Hanna; one
/// is withdrawn later.
#[tokio::test]
async fn the_calendar_holds_terms_and_hearings_without_names_and_cancels_what_ended() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, _) = session();
    create(&s, &dir, vec![Role::Hr]).await;
    add(&s, "hanna", vec![Role::Hr]).await.expect("hanna");
    let ayse = s.session_info().await.expect("info").user.id;
    let mut restricted = complaint("16-11-2026", "complaints_regulation");
    restricted.access = ComplaintAccess::Only { users: vec![ayse] };
    s.add_complaint(restricted).await.expect("filed");
    s.add_complaint(complaint("20-11-2026", "whistleblowing"))
        .await
        .expect("filed");
    s.record_hearing(HearingRequest {
        complaint: "KL-2026-001".into(),
        hearing: HearingInput {
            on: "10-12-2026".into(),
            separate: false,
            witnesses: vec![],
            note: None,
        },
    })
    .await
    .expect("hearing");
    let out = tmp.path().join("termijnen.ics");
    let text = calendar(&s, &out, false).await;
    // KL-2026-001: acknowledgement Thursday 19 November (3 working days),
    // admissibility Monday 30 November; the hearing on 10 December.
    // KL-2026-002 (Wbk): acknowledgement Friday 27 November.
    for line in [
        "DTSTART;VALUE=DATE:20261119",
        "DTSTART;VALUE=DATE:20261130",
        "DTSTART;VALUE=DATE:20261210",
        "DTSTART;VALUE=DATE:20261127",
        "SUMMARY:Termijn: ontvangstbevestiging (KL-2026-002)",
        "SUMMARY:Hoorzitting KL-2026-001",
    ] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
    for name in ["Çağrı", "Öztürk", "Ayşe Yılmaz", "uitgescholden"] {
        assert!(!text.contains(name), "{name} in a calendar without names");
    }
    assert!(calendar(&s, &out, true)
        .await
        .contains("(KL-2026-002) — Çağrı Öztürk"));

    s.close_complaint(CloseComplaintRequest {
        complaint: "KL-2026-001".into(),
        kind: ClosureKind::Withdrawn,
        on: "23-11-2026".into(),
        note: None,
    })
    .await
    .expect("withdrawn");
    let text = calendar(&s, &out, false).await;
    let unfolded = text.replace("\r\n ", "");
    let event = unfolded
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("SUMMARY:Hoorzitting KL-2026-001"))
        .expect("the hearing, cancelled");
    assert!(event.contains("STATUS:CANCELLED"), "{event}");
    assert!(!unfolded
        .split("BEGIN:VEVENT")
        .any(|e| e.contains("KL-2026-001") && e.contains("STATUS:CONFIRMED")));
    s.lock().await;

    // Hanna never had the restricted complaint: not even its reference.
    unlock(&s, &dir, "hanna", PASS_B).await.expect("hanna");
    let text = calendar(&s, &out, false).await;
    assert!(!text.contains("KL-2026-001"), "{text}");
    assert!(text.contains("KL-2026-002"));
}

/// The calendar written to `out`, as text.
async fn calendar(s: &Session, out: &std::path::Path, with_names: bool) -> String {
    s.write_complaints_calendar(CalendarRequest {
        path: out.to_string_lossy().into(),
        with_names,
        language: Language::Nl,
    })
    .await
    .expect("calendar");
    std::fs::read_to_string(out).expect("ics")
}

/// Monday 23 November 2026. With a term of one month and a week's grace:
/// a complaint withdrawn on 2 October is due from 2 November and expired
/// on 9 November; one closed on 20 November is not due yet.
#[tokio::test]
async fn an_ended_complaint_is_destroyed_with_its_key_and_leaves_a_tombstone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, _) = session();
    create(&s, &dir, vec![Role::Hr]).await;
    let mut settings = s.complaint_settings().await.expect("settings");
    assert_eq!((settings.retention_months, settings.grace_days), (24, 30));
    settings.retention_months = 1;
    settings.grace_days = 7;
    s.update_complaint_settings(settings.clone())
        .await
        .expect("terms");
    settings.retention_months = 0;
    let e = s
        .update_complaint_settings(settings)
        .await
        .expect_err("no term");
    assert_eq!(reason(e).1, Some(Reason::OutOfRange));
    for (received, ended, kind) in [
        ("1-9-2026", "2-10-2026", ClosureKind::Withdrawn),
        ("2-11-2026", "20-11-2026", ClosureKind::Closed),
    ] {
        let c = s
            .add_complaint(complaint(received, "complaints_regulation"))
            .await
            .expect("filed");
        if kind == ClosureKind::Closed {
            done(&s, &c.reference, "acknowledgement", "4-11-2026").await;
            done(&s, &c.reference, "admissibility", "20-11-2026").await;
        }
        s.close_complaint(CloseComplaintRequest {
            complaint: c.reference,
            kind,
            on: ended.into(),
            note: None,
        })
        .await
        .expect("ended");
    }
    s.add_complaint(complaint("20-11-2026", "awb"))
        .await
        .expect("open");
    let list = s.complaint_destruction_list().await.expect("list");
    let rows: Vec<(&str, NaiveDate, bool)> = list
        .iter()
        .map(|d| (d.reference.as_str(), d.due_on, d.expired))
        .collect();
    assert_eq!(
        rows,
        [
            ("KL-2026-001", d(2026, 11, 2), true),
            ("KL-2026-002", d(2026, 12, 20), false),
        ],
        "the open complaint is not on the list"
    );

    // Not yet due: a reason is needed, and the reference typed again.
    let destroy = |reason| DestroyComplaintRequest {
        complaint: "KL-2026-002".into(),
        confirm: "KL-2026-002".into(),
        reason,
    };
    let e = s.destroy_complaint(destroy(None)).await.expect_err("early");
    assert_eq!(reason(e), (Some("reason".into()), Some(Reason::Required)));
    let mut typo = destroy(Some(EarlyDestruction::RecordedInError));
    typo.confirm = "KL-2026-02".into();
    let e = s.destroy_complaint(typo).await.expect_err("typo");
    assert_eq!(reason(e), (Some("confirm".into()), Some(Reason::Mismatch)));
    s.destroy_complaint(destroy(Some(EarlyDestruction::RecordedInError)))
        .await
        .expect("destroyed");
    let e = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2026-002".into(),
        })
        .await
        .expect_err("gone");
    assert_eq!(e.code, ErrorCode::NotFound);

    // The expired one goes with the purge; the open one stays.
    let e = s
        .purge_expired_complaints(PurgeRequest { confirm: false })
        .await
        .expect_err("unconfirmed");
    assert_eq!(reason(e).1, Some(Reason::Required));
    let gone = s
        .purge_expired_complaints(PurgeRequest { confirm: true })
        .await
        .expect("purged");
    assert_eq!(gone, ["KL-2026-001"]);
    assert_eq!(names(&s).await, ["KL-2026-003"]);
    let trail = s
        .audit_trail(AuditRequest {
            compartment: "hr".into(),
            limit: Some(2),
            before: None,
        })
        .await
        .expect("trail");
    let actions: Vec<(&str, Option<&str>)> = trail
        .iter()
        .map(|r| (r.action.as_str(), r.object.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            ("complaint.destroyed", Some("KL-2026-001")),
            (
                "complaint.destroyed_early",
                Some("KL-2026-002:recorded_in_error")
            ),
        ]
    );
    // A destroyed complaint's reference is never given again, not even the
    // last one's.
    s.destroy_complaint(DestroyComplaintRequest {
        complaint: "KL-2026-003".into(),
        confirm: "KL-2026-003".into(),
        reason: Some(EarlyDestruction::RecordedInError),
    })
    .await
    .expect("destroyed");
    let c = s
        .add_complaint(complaint("21-11-2026", "awb"))
        .await
        .expect("filed");
    assert_eq!(c.reference, "KL-2026-004");
}

/// Received Wednesday 23 December 2026: the acknowledgement within 3
/// working days is Tuesday 29 December (24, 28, 29); with 28 and 29
/// December closing days, Thursday 31 December. The list (read from the
/// sealed summaries) and the complaint itself both follow.
#[tokio::test]
async fn the_organisations_closing_days_move_running_complaints_due_dates() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, clock) = session();
    create(&s, &tmp.path().join("kluis"), vec![Role::Hr]).await;
    clock.advance(chrono::Duration::days(30));
    s.lock().await;
    unlock(&s, &tmp.path().join("kluis"), "ayse", PASS)
        .await
        .expect("unlock");
    s.add_complaint(complaint("23-12-2026", "complaints_regulation"))
        .await
        .expect("filed");
    let due_of = async |s: &Session| {
        let rows = s
            .list_complaints(ComplaintFilter::default())
            .await
            .expect("list");
        rows[0].next_due.as_ref().map(|n| (n.step.clone(), n.due))
    };
    assert_eq!(
        due_of(&s).await,
        Some(("acknowledgement".into(), d(2026, 12, 29)))
    );
    let mut settings = s.complaint_settings().await.expect("settings");
    settings.calendar.closing_days = vec![d(2026, 12, 29), d(2026, 12, 28)];
    let saved = s
        .update_complaint_settings(settings)
        .await
        .expect("calendar");
    assert_eq!(
        saved.calendar.closing_days,
        [d(2026, 12, 28), d(2026, 12, 29)]
    );
    assert_eq!(
        due_of(&s).await,
        Some(("acknowledgement".into(), d(2026, 12, 31))),
        "the list follows"
    );
    let c = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2026-001".into(),
        })
        .await
        .expect("detail");
    assert_eq!(due(&c, "acknowledgement"), Some(d(2026, 12, 31)));
}

/// The acknowledgement of the regulation goes from 3 to 5 working days.
/// The clock stands at Monday 23 November 2026.
#[tokio::test]
async fn a_template_change_moves_running_complaints_only_when_asked() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, _) = session();
    create(&s, &tmp.path().join("kluis"), vec![Role::Hr]).await;
    // KL-2026-001, received Monday 2 November: acknowledgement due Thursday
    // 5 November (3, 4, 5). KL-2026-002, received Monday 9 November, due
    // Thursday 12, is withdrawn: an ended complaint never moves.
    s.add_complaint(complaint("2-11-2026", "complaints_regulation"))
        .await
        .expect("filed");
    s.add_complaint(complaint("9-11-2026", "complaints_regulation"))
        .await
        .expect("filed");
    s.close_complaint(CloseComplaintRequest {
        complaint: "KL-2026-002".into(),
        kind: ClosureKind::Withdrawn,
        on: "20-11-2026".into(),
        note: None,
    })
    .await
    .expect("withdrawn");
    let show = async |r: &str| {
        s.complaint_detail(ComplaintRef {
            complaint: r.into(),
        })
        .await
        .expect("detail")
    };

    let regulation = s
        .complaint_procedures()
        .await
        .expect("procedures")
        .into_iter()
        .find(|p| p.code == "complaints_regulation")
        .expect("shipped");
    let mut longer = regulation.clone();
    longer.steps[0].term = Some(StepTerm::new(5, TermUnit::WorkingDays));
    // Five working days after 2 November: 3, 4, 5, 6 and Monday 9.
    let moved = vec![RunningChange {
        reference: "KL-2026-001".into(),
        steps: vec![DueChange {
            step: "acknowledgement".into(),
            before: Some(d(2026, 11, 5)),
            after: Some(d(2026, 11, 9)),
        }],
    }];
    let change = |apply_to_running| ProcedureChange {
        procedure: longer.clone(),
        apply_to_running,
    };
    let preview = s
        .preview_complaint_procedure(change(false))
        .await
        .expect("preview");
    assert_eq!(preview.running, moved);
    assert!(!preview.applied);
    assert_eq!(
        s.complaint_procedures().await.expect("procedures")[0],
        regulation,
        "a preview changes nothing"
    );

    // Kept without asking: the running complaint keeps its date, the
    // answer says which it would have moved.
    let kept = s
        .update_complaint_procedure(change(false))
        .await
        .expect("kept");
    assert_eq!((kept.running.clone(), kept.applied), (moved.clone(), false));
    assert_eq!(
        due(&show("KL-2026-001").await, "acknowledgement"),
        Some(d(2026, 11, 5))
    );
    // A complaint filed now follows the new term: Monday 16 November and
    // 17, 18, 19, 20, Monday 23.
    let new = s
        .add_complaint(complaint("16-11-2026", "complaints_regulation"))
        .await
        .expect("filed");
    assert_eq!(due(&new, "acknowledgement"), Some(d(2026, 11, 23)));

    // Asked: the running complaints follow, the ended one does not, and
    // the one filed on the new term is not listed.
    let applied = s
        .update_complaint_procedure(change(true))
        .await
        .expect("applied");
    assert_eq!((applied.running, applied.applied), (moved, true));
    let first = show("KL-2026-001").await;
    assert_eq!(due(&first, "acknowledgement"), Some(d(2026, 11, 9)));
    assert_eq!(first.procedure.steps[0].term, longer.steps[0].term);
    assert_eq!(
        first.timeline.last().map(|e| e.what.as_str()),
        Some("procedure_changed")
    );
    assert_eq!(
        due(&show("KL-2026-002").await, "acknowledgement"),
        Some(d(2026, 11, 12))
    );
    let trail = s
        .audit_trail(AuditRequest {
            compartment: "hr".into(),
            limit: None,
            before: None,
        })
        .await
        .expect("audit");
    assert!(trail
        .iter()
        .any(|r| r.action == "complaint.procedure_changed"
            && r.object.as_deref() == Some("KL-2026-001")));

    // Bad input: a term of −3 days, a step taken out, another procedure's
    // code.
    let mut negative = longer.clone();
    negative.steps[1].term = Some(StepTerm::new(-3, TermUnit::Days));
    let e = s
        .update_complaint_procedure(ProcedureChange {
            procedure: negative,
            apply_to_running: true,
        })
        .await
        .expect_err("negative");
    assert_eq!(reason(e), (Some("term".into()), Some(Reason::OutOfRange)));
    let mut fewer = longer.clone();
    fewer.steps.pop();
    let e = s
        .preview_complaint_procedure(ProcedureChange {
            procedure: fewer,
            apply_to_running: false,
        })
        .await
        .expect_err("fewer steps");
    assert_eq!(reason(e), (Some("steps".into()), Some(Reason::Invalid)));
    let mut unknown = longer.clone();
    unknown.code = "bestaat_niet".into();
    let e = s
        .preview_complaint_procedure(ProcedureChange {
            procedure: unknown,
            apply_to_running: false,
        })
        .await
        .expect_err("unknown");
    assert_eq!(reason(e), (Some("procedure".into()), Some(Reason::Unknown)));
    assert_eq!(
        due(&show("KL-2026-001").await, "acknowledgement"),
        Some(d(2026, 11, 9)),
        "a refused change changes nothing"
    );
}
