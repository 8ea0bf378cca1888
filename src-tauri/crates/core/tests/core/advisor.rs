//! The confidential advisor's register: a case from intake to the
//! yearly statistics, on a real vault.

use vertrouwd_core::advisor::*;
use vertrouwd_core::api::*;
use vertrouwd_core::disclosure::AppendixReason;
use vertrouwd_core::roles::Role;

use super::{add, create, session, unlock, PASS_B};

/// A fresh vault whose only user is an advisor, unlocked.
pub(crate) async fn advisor_vault() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    vertrouwd_core::Session,
    std::sync::Arc<vertrouwd_core::FixedClock>,
) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, clock) = session();
    create(&session, &dir, vec![Role::Advisor]).await;
    (tmp, dir, session, clock)
}

pub(crate) fn case_input(first_contact: &str, natures: Vec<i64>) -> CaseInput {
    CaseInput {
        reference: None,
        first_contact: first_contact.into(),
        channel: Channel::InPerson,
        reporter: None,
        reporter_role: ReporterRole::Employee,
        department: None,
        gender: None,
        natures: natures
            .into_iter()
            .map(|nature_id| NatureChoice {
                nature_id,
                ground: None,
            })
            .collect(),
        persons: vec![],
        outcome: None,
    }
}

fn conversation(on: &str, minutes: i64, notes: &str) -> ConversationInput {
    ConversationInput {
        held_on: on.into(),
        minutes,
        mode: Channel::Phone,
        with_whom: None,
        notes: notes.into(),
        next_step: None,
    }
}

fn reason(e: &ApiError) -> (&ErrorCode, Option<&str>, Option<&str>) {
    (&e.code, e.field.as_deref(), e.reason.map(Reason::as_str))
}

#[tokio::test]
async fn a_case_from_intake_to_closing() {
    let (_tmp, _dir, session, _) = advisor_vault().await;
    let natures = session.natures().await.expect("natures");
    assert_eq!(natures.len(), 7);
    assert_eq!(natures[2].name, "pesten");
    let discrimination = natures
        .iter()
        .find(|n| n.code.as_deref() == Some("discrimination"))
        .expect("discrimination")
        .id;

    let mut named = case_input("3-2-2026", vec![natures[2].id, discrimination]);
    named.reporter = Some(Reporter {
        name: "Çağrı Öztürk".into(),
        phone: Some("06-12345678".into()),
        email: None,
        contact_preference: Some("'s avonds na 19 uur 📞".into()),
    });
    named.natures[1].ground = Some(Ground::Origin);
    named.persons = vec![Person {
        relation: Relation::Manager,
        name: Some("Geneviève de Wit".into()),
    }];
    named.department = Some("Zorg & Welzijn".into());
    let first = session.add_case(named).await.expect("add");
    assert_eq!(first.reference, "VP-2026-001");
    assert_eq!(
        first.reporter.as_ref().map(|r| r.name.as_str()),
        Some("Çağrı Öztürk")
    );
    assert_eq!(
        first.natures.iter().filter(|n| n.ground.is_some()).count(),
        1
    );
    let second = session
        .add_case(case_input("2026-03-10", vec![natures[0].id]))
        .await
        .expect("add anonymous");
    assert_eq!(second.reference, "VP-2026-002");
    assert!(second.reporter.is_none());

    let c = session
        .add_conversation(AddConversationRequest {
            case: "VP-2026-001".into(),
            conversation: conversation(
                "2026-02-03",
                50,
                "Eerste gesprek over de coördinatie van het rooster; ideeën voor bemiddeling.",
            ),
        })
        .await
        .expect("conversation");
    assert_eq!((c.conversations.len(), c.minutes), (1, 50));
    session
        .add_follow_up(AddFollowUpRequest {
            case: "VP-2026-001".into(),
            due_on: "20-11-2026".into(),
            what: "Terugbellen".into(),
        })
        .await
        .expect("follow-up");
    session
        .add_follow_up(AddFollowUpRequest {
            case: "VP-2026-001".into(),
            due_on: "1-12-2026".into(),
            what: "Verslag sturen".into(),
        })
        .await
        .expect("a later follow-up");

    // Found by a word of the notes, without its diaeresis, and by a name.
    for words in [
        "coordinatie",
        "Öztürk",
        "genevieve",
        "VP-2026-001",
        "bemidd",
    ] {
        let found = session
            .list_cases(CaseFilter {
                text: Some(words.into()),
                ..Default::default()
            })
            .await
            .expect("search");
        assert_eq!(
            found
                .iter()
                .map(|c| c.reference.as_str())
                .collect::<Vec<_>>(),
            vec!["VP-2026-001"],
            "{words}"
        );
    }
    let nothing = session
        .list_cases(CaseFilter {
            text: Some("\"NEAR( * OR".into()),
            ..Default::default()
        })
        .await
        .expect("query syntax is not interpreted");
    assert!(nothing.is_empty());
    let due = session
        .list_cases(CaseFilter {
            follow_up_due: true,
            ..Default::default()
        })
        .await
        .expect("due");
    assert_eq!(due.len(), 1, "the follow-up of 20-11 is due on 23-11");
    assert_eq!(
        (due[0].next_follow_up, due[0].next_follow_up_what.as_deref()),
        (
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
            Some("Terugbellen")
        ),
        "the earliest open follow-up, and what it is"
    );
    let follow_up = session
        .case_detail(CaseRef {
            case: "VP-2026-001".into(),
        })
        .await
        .expect("detail")
        .follow_ups[0]
        .id;
    session
        .follow_up_done(FollowUpDoneRequest {
            id: follow_up,
            done_on: Some("23-11-2026".into()),
        })
        .await
        .expect("done");
    let due_now = session
        .list_cases(CaseFilter {
            follow_up_due: true,
            ..Default::default()
        })
        .await
        .expect("due");
    assert!(due_now.is_empty(), "a follow-up done is no longer due");
    let open = session
        .list_cases(CaseFilter::default())
        .await
        .expect("list");
    let case = open
        .iter()
        .find(|c| c.reference == "VP-2026-001")
        .expect("listed");
    assert_eq!(
        case.next_follow_up_what.as_deref(),
        Some("Verslag sturen"),
        "the next one takes its place"
    );
    let bullying = session
        .list_cases(CaseFilter {
            nature_id: Some(natures[2].id),
            year: Some(2026),
            ..Default::default()
        })
        .await
        .expect("filter");
    assert_eq!(bullying.len(), 1);

    let closed = session
        .close_case(CloseCaseRequest {
            case: second.id.to_string(),
            closed_on: "2026-04-01".into(),
            outcome: Outcome::ResolvedInformally,
            follow_ups_done: false,
        })
        .await
        .expect("close");
    assert!(closed.closed_on.is_some());
    let open = session
        .list_cases(CaseFilter {
            status: Some(CaseStatus::Open),
            ..Default::default()
        })
        .await
        .expect("open");
    assert_eq!(open.len(), 1);
    let audit = session
        .audit_trail(AuditRequest {
            compartment: "advisor".into(),
            limit: None,
            before: None,
        })
        .await
        .expect("audit");
    assert!(audit.iter().any(|a| a.action == "case.closed"));

    // Reopened on purpose: open again, without an outcome, audited; a case
    // that is open cannot be reopened.
    let reopened = session
        .reopen_case(CaseRef {
            case: closed.reference.clone(),
        })
        .await
        .expect("reopen");
    assert_eq!((reopened.closed_on, reopened.outcome), (None, None));
    let again = session
        .reopen_case(CaseRef {
            case: closed.reference.clone(),
        })
        .await
        .expect_err("already open");
    assert_eq!(
        reason(&again),
        (&ErrorCode::Validation, Some("case"), Some("not_closed"))
    );
    let audit = session
        .audit_trail(AuditRequest {
            compartment: "advisor".into(),
            limit: Some(1),
            before: None,
        })
        .await
        .expect("audit");
    assert_eq!(
        (audit[0].action.as_str(), audit[0].object.as_deref()),
        ("case.reopened", Some(closed.reference.as_str()))
    );

    // Closing can settle the open follow-ups in the same change.
    let settled = session
        .close_case(CloseCaseRequest {
            case: "VP-2026-001".into(),
            closed_on: "23-11-2026".into(),
            outcome: Outcome::Referred,
            follow_ups_done: true,
        })
        .await
        .expect("close with its follow-ups");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23);
    assert!(!settled.follow_ups.is_empty());
    assert!(
        settled.follow_ups.iter().all(|f| f.done_on.is_some()),
        "{:?}",
        settled.follow_ups
    );
    assert!(
        settled
            .follow_ups
            .iter()
            .any(|f| f.what == "Verslag sturen" && f.done_on == day),
        "the open one is done on the closing date"
    );
}

#[tokio::test]
async fn bad_input_is_refused_with_the_field_and_nothing_is_written() {
    let (_tmp, _dir, session, _) = advisor_vault().await;
    let id = session.natures().await.expect("natures")[0].id;

    let future = session
        .add_case(case_input("2027-01-01", vec![id]))
        .await
        .expect_err("future");
    assert_eq!(
        reason(&future),
        (
            &ErrorCode::Validation,
            Some("first_contact"),
            Some("in_future")
        )
    );
    let nonsense = session
        .add_case(case_input("31-02-2026", vec![id]))
        .await
        .expect_err("date");
    assert_eq!(nonsense.reason.map(Reason::as_str), Some("invalid_date"));
    let none = session
        .add_case(case_input("2026-01-05", vec![]))
        .await
        .expect_err("natures");
    assert_eq!(none.field.as_deref(), Some("natures"));
    let unknown = session
        .add_case(case_input("2026-01-05", vec![999]))
        .await
        .expect_err("unknown");
    assert_eq!(unknown.reason.map(Reason::as_str), Some("unknown"));

    let mut given = case_input("2026-01-05", vec![id]);
    given.reference = Some("VP-2020-900".into());
    session
        .add_case(given.clone())
        .await
        .expect("own reference");
    let taken = session.add_case(given).await.expect_err("taken");
    assert_eq!(
        reason(&taken),
        (&ErrorCode::Conflict, Some("reference"), Some("taken"))
    );

    let paste = "x".repeat(10 * 1024 * 1024);
    let long = session
        .add_conversation(AddConversationRequest {
            case: "VP-2020-900".into(),
            conversation: conversation("2026-01-05", 30, &paste),
        })
        .await
        .expect_err("10 MB");
    assert_eq!(
        reason(&long),
        (&ErrorCode::Validation, Some("notes"), Some("too_long"))
    );
    let early = session
        .close_case(CloseCaseRequest {
            case: "VP-2020-900".into(),
            closed_on: "2026-01-04".into(),
            outcome: Outcome::Referred,
            follow_ups_done: false,
        })
        .await
        .expect_err("before first contact");
    assert_eq!(
        early.reason.map(Reason::as_str),
        Some("before_first_contact")
    );
    let missing = session
        .case_detail(CaseRef {
            case: "VP-1999-001".into(),
        })
        .await
        .expect_err("missing");
    assert_eq!(missing.code, ErrorCode::NotFound);

    let all = session
        .list_cases(CaseFilter::default())
        .await
        .expect("list");
    assert_eq!(all.len(), 1);
    assert_eq!(
        all[0].conversations, 0,
        "the refused conversation left nothing"
    );
    assert!(all[0].closed_on.is_none());
}

#[tokio::test]
async fn hr_and_managers_see_nothing_of_the_register() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, _) = session();
    create(&session, &dir, vec![Role::Advisor, Role::Manager]).await;
    let id = session.natures().await.expect("natures")[0].id;
    session
        .add_case(case_input("2026-01-05", vec![id]))
        .await
        .expect("add");
    session.lock().await;
    // The first user holds org and advisor; HR can only be added by
    // someone holding hr, so this vault gets a manager.
    unlock(&session, &dir, "ayse", super::PASS)
        .await
        .expect("unlock");
    add(&session, "mark", vec![Role::Manager])
        .await
        .expect("manager");
    session.lock().await;
    unlock(&session, &dir, "mark", PASS_B)
        .await
        .expect("unlock manager");
    for e in [
        session
            .list_cases(CaseFilter::default())
            .await
            .expect_err("list"),
        session.natures().await.expect_err("natures"),
        session
            .statistics_preview(StatisticsRequest {
                year: 2026,
                left_out: vec![],
            })
            .await
            .expect_err("stats"),
    ] {
        assert_eq!(e.code, ErrorCode::Forbidden);
    }
}

#[tokio::test]
async fn the_yearly_release_hides_small_counts_and_carries_no_names() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, _) = session();
    create(&session, &dir, vec![Role::Advisor, Role::Hr]).await;
    let natures = session.natures().await.expect("natures");
    // 2025: three cases, below k: only that fact and the hours leave.
    for day in 1..=3 {
        let mut r = case_input(&format!("{day}-6-2025"), vec![natures[0].id]);
        r.department = Some("Afdeling Geheim".into());
        let c = session.add_case(r).await.expect("2025");
        // Closed within 2025, so not carried over into 2026.
        session
            .close_case(CloseCaseRequest {
                case: c.reference,
                closed_on: "2025-12-01".into(),
                outcome: Outcome::NoActionWanted,
                follow_ups_done: false,
            })
            .await
            .expect("close");
    }
    // 2026: 14 cases; 11 bullying, 3 sexual harassment; 12 employees,
    // 2 interns.
    for i in 0..14 {
        let mut r = case_input(
            &format!("2026-{:02}-10", 1 + i % 9),
            vec![natures[if i < 11 { 2 } else { 0 }].id],
        );
        r.reporter_role = if i < 12 {
            ReporterRole::Employee
        } else {
            ReporterRole::Intern
        };
        r.reporter = Some(Reporter {
            name: format!("Melder Uniek{i}"),
            ..Default::default()
        });
        let c = session.add_case(r).await.expect("2026");
        session
            .add_conversation(AddConversationRequest {
                case: c.reference.clone(),
                conversation: conversation("2026-10-01", 45, "Notitie Zeldzaamwoord"),
            })
            .await
            .expect("conversation");
    }

    let low = session
        .statistics_preview(StatisticsRequest {
            year: 2025,
            left_out: vec![],
        })
        .await
        .expect("2025");
    assert!(low.release.below_k && low.release.cases.is_none());
    assert!(
        low.release.hours.total.is_none() && low.release.hours.band.is_some(),
        "a year below k gives its hours as a band: {:?}",
        low.release.hours
    );
    assert!(low.release.breakdowns.is_empty());
    assert_eq!(
        low.release.appendix[0].reason,
        AppendixReason::YearTotalBelowK
    );

    let out = tmp.path().join("statistieken-2026.json");
    let released = session
        .release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: Some(out.to_string_lossy().into()),
            publish: true,
        })
        .await
        .expect("release");
    let again = session
        .statistics_preview(StatisticsRequest {
            year: 2026,
            left_out: vec![],
        })
        .await
        .expect("preview after the release");
    assert_eq!(
        (low.released_on, again.released_on.map(|d| d.to_string())),
        (None, Some("2026-11-23".to_string())),
        "the preview says when the year was released"
    );
    let r = &released.release;
    assert_eq!(r.cases, Some(14));
    assert_eq!(r.hours.total, Some(10.5));
    let role = r
        .breakdowns
        .iter()
        .find(|b| b.id == "reporter_role")
        .expect("role");
    let value = |cat: &str| role.cells.iter().find(|c| c.category == cat).expect(cat);
    assert_eq!(
        value("employee").value,
        None,
        "12 must be hidden to protect the 2 interns"
    );
    assert_eq!(value("intern").value, None);
    let nature = r
        .breakdowns
        .iter()
        .find(|b| b.id == "nature")
        .expect("nature");
    let bullying = nature
        .cells
        .iter()
        .find(|c| c.category == "bullying")
        .expect("bullying");
    assert_eq!(bullying.value, Some(11));
    assert_eq!(bullying.percent, None, "no percentages on a total below 20");
    for b in &r.breakdowns {
        for c in &b.cells {
            if let Some(v) = c.value {
                assert!(v == 0 || v >= r.k, "{} {} = {v}", b.id, c.category);
            }
        }
    }
    let json = std::fs::read_to_string(&out).expect("file");
    for secret in ["Uniek", "Zeldzaamwoord", "Geheim", "2026-10", "VP-2026"] {
        assert!(!json.contains(secret), "{secret} left in the release");
    }
    assert!(json.contains("vertrouwd.advisor-statistics/3"));
    assert!(released.published);
    // Published in the vault, sealed to the hr users: this user (also in
    // HR) takes it into hr.db, once.
    let fetched = session.fetch_published_releases().await.expect("fetch");
    assert_eq!(fetched.len(), 1);
    assert_eq!(fetched[0].release.cases, Some(14));
    assert!(session
        .fetch_published_releases()
        .await
        .expect("again")
        .is_empty());
    let inside = session
        .release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: Some(dir.join("x.json").to_string_lossy().into()),
            publish: false,
        })
        .await
        .expect_err("inside the vault");
    assert_eq!(inside.reason.map(Reason::as_str), Some("inside_vault"));
}

#[tokio::test]
async fn destruction_leaves_a_tombstone_that_keeps_the_statistics_right() {
    let (_tmp, dir, session, clock) = advisor_vault().await;
    let natures = session.natures().await.expect("natures");
    for i in 0..12 {
        let mut r = case_input(&format!("2026-0{}-05", 1 + i % 6), vec![natures[i % 2].id]);
        r.persons = vec![Person {
            relation: Relation::Colleague,
            name: Some(format!("Persoon {i}")),
        }];
        let c = session.add_case(r).await.expect("add");
        session
            .add_conversation(AddConversationRequest {
                case: c.reference.clone(),
                conversation: conversation("2026-07-01", 60, "notitie"),
            })
            .await
            .expect("conversation");
        session
            .close_case(CloseCaseRequest {
                case: c.reference,
                closed_on: "2026-08-01".into(),
                outcome: Outcome::Referred,
                follow_ups_done: false,
            })
            .await
            .expect("close");
    }
    let year = StatisticsRequest {
        year: 2026,
        left_out: vec![],
    };
    let before = session
        .statistics_preview(year.clone())
        .await
        .expect("before");

    // Not yet due: the year is not released and the term has not passed.
    let list = session.destruction_list().await.expect("list");
    assert_eq!(list.len(), 12);
    assert!(list
        .iter()
        .all(|d| !d.expired && d.due_on.to_string() == "2027-08-01"));
    let no_reason = session
        .destroy_case(DestroyRequest {
            case: "VP-2026-001".into(),
            confirm: "VP-2026-001".into(),
            reason: None,
        })
        .await
        .expect_err("early without reason");
    assert_eq!(no_reason.field.as_deref(), Some("reason"));
    let mistyped = session
        .destroy_case(DestroyRequest {
            case: "VP-2026-001".into(),
            confirm: "VP-2026-01".into(),
            reason: Some(EarlyDestruction::ReporterRequest),
        })
        .await
        .expect_err("confirmation");
    assert_eq!(mistyped.reason.map(Reason::as_str), Some("mismatch"));
    session
        .destroy_case(DestroyRequest {
            case: "VP-2026-001".into(),
            confirm: "VP-2026-001".into(),
            reason: Some(EarlyDestruction::ReporterRequest),
        })
        .await
        .expect("early with reason");
    let trail = session
        .audit_trail(AuditRequest {
            compartment: "advisor".into(),
            limit: Some(1),
            before: None,
        })
        .await
        .expect("audit");
    assert_eq!(trail[0].action, "case.destroyed_early");
    assert_eq!(
        trail[0].object.as_deref(),
        Some("VP-2026-001:reporter_request"),
        "the audit row holds the reason's code, never free text"
    );

    // Releasing 2026 makes the rest due; after the grace period they expire.
    session
        .release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: None,
            publish: false,
        })
        .await
        .expect("release");
    let refused = session
        .purge_expired(PurgeRequest { confirm: false })
        .await
        .expect_err("confirmation");
    assert_eq!(refused.field.as_deref(), Some("confirm"));
    assert!(session
        .purge_expired(PurgeRequest { confirm: true })
        .await
        .expect("nothing expired yet")
        .is_empty());
    clock.advance(chrono::Duration::days(31));
    // A month later the session has long locked itself.
    unlock(&session, &dir, "ayse", super::PASS)
        .await
        .expect("unlock");
    let purged = session
        .purge_expired(PurgeRequest { confirm: true })
        .await
        .expect("purge");
    assert_eq!(purged.len(), 11);
    assert!(session
        .list_cases(CaseFilter::default())
        .await
        .expect("list")
        .is_empty());

    let after = session.statistics_preview(year).await.expect("after");
    assert_eq!(
        before.release, after.release,
        "tombstones keep the year's statistics as they were"
    );
    let audit = session
        .audit_trail(AuditRequest {
            compartment: "advisor".into(),
            limit: Some(200),
            before: None,
        })
        .await
        .expect("audit");
    assert!(audit.iter().any(|a| a.action == "case.destroyed_early"
        && a.object
            .as_deref()
            .is_some_and(|o| o.starts_with("VP-2026-001"))));
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "case.destroyed")
            .count(),
        11
    );
}

#[tokio::test]
async fn the_case_file_holds_the_whole_case_and_is_marked_on_every_page() {
    let (tmp, dir, session, _) = advisor_vault().await;
    let natures = session.natures().await.expect("natures");
    let mut r = case_input("2026-02-03", vec![natures[3].id]);
    r.reporter = Some(Reporter {
        name: "Çağrı Öztürk".into(),
        phone: Some("06-12345678".into()),
        email: None,
        contact_preference: None,
    });
    r.natures[0].ground = Some(Ground::ReligionBelief);
    r.persons = vec![Person {
        relation: Relation::Manager,
        name: Some("Geneviève de Wit".into()),
    }];
    let c = session.add_case(r).await.expect("add");
    for day in 1..=12 {
        session
            .add_conversation(AddConversationRequest {
                case: c.reference.clone(),
                conversation: conversation(
                    &format!("2026-03-{day:02}"),
                    45,
                    &format!(
                        "Gesprek {day}: ideeën over coördinatie. {}",
                        "Lange notitie. ".repeat(150)
                    ),
                ),
            })
            .await
            .expect("conversation");
    }
    session
        .add_intervention(AddInterventionRequest {
            case: c.reference.clone(),
            intervention: InterventionInput {
                kind: InterventionKind::Referral,
                referral: Some(Referral::CompanyDoctor),
                on_date: "2026-03-20".into(),
                note: None,
            },
        })
        .await
        .expect("intervention");
    let refused = session
        .add_consent(AddConsentRequest {
            case: c.reference.clone(),
            consent: ConsentInput {
                kind: ConsentKind::Disclosure,
                given: true,
                recipient: None,
                what: None,
                until: None,
                recorded_on: "2026-03-20".into(),
            },
        })
        .await
        .expect_err("a disclosure needs a recipient");
    assert_eq!(refused.field.as_deref(), Some("recipient"));
    let with_consent = session
        .add_consent(AddConsentRequest {
            case: c.reference.clone(),
            consent: ConsentInput {
                kind: ConsentKind::Disclosure,
                given: true,
                recipient: Some("bedrijfsarts Dr. Yıldız".into()),
                what: Some("verloop van de klachten".into()),
                until: Some("31-12-2026".into()),
                recorded_on: "2026-03-20".into(),
            },
        })
        .await
        .expect("consent");
    assert_eq!(with_consent.consents.len(), 1);
    session
        .add_follow_up(AddFollowUpRequest {
            case: c.reference.clone(),
            due_on: "15-04-2026".into(),
            what: "Nagaan of de bedrijfsarts is bezocht".into(),
        })
        .await
        .expect("follow-up");
    let out = tmp.path().join("dossier.pdf");
    let written = session
        .write_case_file(CaseFileRequest {
            case: c.reference.clone(),
            path: out.to_string_lossy().into(),
            language: vertrouwd_core::preferences::Language::Nl,
        })
        .await
        .expect("case file");
    assert!(written.bytes > 0);
    assert!(
        written.missing_characters.is_empty(),
        "{:?}",
        written.missing_characters
    );
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text = String::from_utf8(text.stdout).expect("utf-8");
    for word in [
        "Dossieroverzicht VP-2026-001",
        "Çağrı Öztürk",
        "Geneviève de Wit",
        "godsdienst / levensovertuiging",
        "bedrijfsarts",
        "Gesprek 12",
        "Interventies en verwijzingen",
        "Toestemming van de melder",
        "Dr. Yıldız",
        "Afspraken voor follow-up",
        "Nagaan of de bedrijfsarts is bezocht",
        "31-12-2026",
        "coördinatie",
        "9:00",
    ] {
        assert!(text.contains(word), "{word:?} missing from the case file");
    }
    let pages = text.matches("Pagina ").count();
    assert!(pages >= 3, "twelve long conversations take pages: {pages}");
    assert_eq!(
        text.matches("Vertrouwelijk").count(),
        2 * pages,
        "the mark stands twice on every page"
    );
    session
        .add_conversation(AddConversationRequest {
            case: c.reference.clone(),
            conversation: conversation("2026-03-21", 10, "Bedankt 🙂"),
        })
        .await
        .expect("conversation");
    let with_emoji = session
        .write_case_file(CaseFileRequest {
            case: c.reference.clone(),
            path: out.to_string_lossy().into(),
            language: vertrouwd_core::preferences::Language::Nl,
        })
        .await
        .expect("case file");
    assert_eq!(
        with_emoji.missing_characters,
        vec!["🙂"],
        "the user is told"
    );
    let inside = session
        .write_case_file(CaseFileRequest {
            case: c.reference,
            path: dir.join("dossier.pdf").to_string_lossy().into(),
            language: vertrouwd_core::preferences::Language::Nl,
        })
        .await
        .expect_err("inside the vault");
    assert_eq!(inside.reason.map(Reason::as_str), Some("inside_vault"));
}

#[tokio::test]
async fn a_csv_register_imports_all_or_reports_every_bad_line() {
    let (tmp, _dir, session, _) = advisor_vault().await;
    let csv = "\u{feff}Referentie;Datum_eerste_contact;Kanaal;Naam_melder;Rol_melder;Aard;Grond;Relatie;Betrokkene;Datum_gesloten;Uitkomst;Notities;Minuten\n\
        OUD-001;2-3-2025;telefoon;Ayşe Yılmaz;medewerker;pesten|discriminatie;leeftijd;leidinggevende;Jan de Vries;15-04-2025;doorverwezen;\"Eerste gesprek; later \"\"doorverwezen\"\"\";45\n\
        OUD-002;31-02-2025;telefoon;;medewerker;pesten;;;;;;;\n\
        OUD-003;2025-05-01;e-mail;;stagiair;ruzie;;;;;;;\n\
        OUD-004;2025-05-02;;;medewerker;pesten;;;;;;;\n\
        OUD-001;2025-06-01;video;;Volunteer;Seksuele intimidatie;;collega;;;;;\n\
        ;2025-07-01;persoonlijk;;extern;agressie en geweld;;;;;;;\n";
    let file = tmp.path().join("register.csv");
    std::fs::write(&file, csv).expect("write");
    let all_or_nothing = session
        .import_cases(ImportRequest {
            path: file.to_string_lossy().into(),
            skip_invalid: false,
        })
        .await
        .expect("import");
    assert_eq!(all_or_nothing.imported, 0);
    let lines: Vec<(u64, Option<&str>, &str)> = all_or_nothing
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref(), p.reason.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (3, Some("datum_eerste_contact"), "invalid_date"),
            (4, Some("aard"), "unknown"),
            (5, Some("kanaal"), "required"),
            (6, Some("referentie"), "taken"),
        ]
    );
    assert!(session
        .list_cases(CaseFilter::default())
        .await
        .expect("list")
        .is_empty());

    let skipped = session
        .import_cases(ImportRequest {
            path: file.to_string_lossy().into(),
            skip_invalid: true,
        })
        .await
        .expect("import");
    assert_eq!(skipped.imported, 2);
    let first = session
        .case_detail(CaseRef {
            case: "OUD-001".into(),
        })
        .await
        .expect("OUD-001");
    assert_eq!(
        first.reporter.as_ref().map(|r| r.name.as_str()),
        Some("Ayşe Yılmaz")
    );
    assert_eq!(first.natures.len(), 2);
    assert!(first.natures.iter().any(|n| n.ground == Some(Ground::Age)));
    assert_eq!(first.persons[0].relation, Relation::Manager);
    assert_eq!(first.outcome, Some(Outcome::Referred));
    assert_eq!(
        first.conversations[0].notes,
        "Eerste gesprek; later \"doorverwezen\""
    );
    assert_eq!(first.minutes, 45);
    let given = session
        .list_cases(CaseFilter {
            year: Some(2025),
            status: Some(CaseStatus::Open),
            ..Default::default()
        })
        .await
        .expect("list");
    assert_eq!(
        given[0].reference, "VP-2025-001",
        "a row without reference gets one"
    );

    // As Excel saves "CSV" on a Dutch Windows: Windows-1252, CRLF, a date
    // written out; the names and the € come back as typed.
    let mut excel =
        b"Referentie;Datum_eerste_contact;Kanaal;Naam_melder;Rol_melder;Aard;Notities\r\n".to_vec();
    excel.extend_from_slice(
        b"OUD-1252;3 februari 2025;telefoon;Zo\xeb M\xfcller;medewerker;pesten;Kosten \x80 40 \x96 idee\xebn\r\n",
    );
    std::fs::write(&file, &excel).expect("write");
    let windows = session
        .import_cases(ImportRequest {
            path: file.to_string_lossy().into(),
            skip_invalid: false,
        })
        .await
        .expect("a Windows-1252 file is read");
    assert_eq!((windows.imported, windows.problems.len()), (1, 0));
    let zoe = session
        .case_detail(CaseRef {
            case: "OUD-1252".into(),
        })
        .await
        .expect("OUD-1252");
    assert_eq!(
        zoe.reporter.as_ref().map(|r| r.name.as_str()),
        Some("Zoë Müller")
    );
    assert_eq!(zoe.first_contact.to_string(), "2025-02-03");
    assert_eq!(zoe.conversations[0].notes, "Kosten € 40 – ideeën");
    std::fs::write(&file, "datum;kleur\n1-1-2025;rood\n").expect("write");
    let column = session
        .import_cases(ImportRequest {
            path: file.to_string_lossy().into(),
            skip_invalid: true,
        })
        .await
        .expect_err("unknown column");
    assert_eq!(column.reason.map(Reason::as_str), Some("unknown_column"));
}

#[tokio::test]
async fn the_natures_list_grows_and_retires_but_never_loses_one_in_use() {
    let (_tmp, _dir, session, _) = advisor_vault().await;
    let list = session
        .change_natures(CodeChange::Add {
            name: "Digitale intimidatie".into(),
        })
        .await
        .expect("add");
    let added = list
        .iter()
        .find(|n| n.name == "Digitale intimidatie")
        .expect("added")
        .id;
    let same = session
        .change_natures(CodeChange::Add {
            name: "PESTEN".into(),
        })
        .await
        .expect_err("duplicate name");
    assert_eq!(
        (same.code, same.reason.map(Reason::as_str)),
        (ErrorCode::Conflict, Some("taken"))
    );
    session
        .add_case(case_input("2026-01-05", vec![added]))
        .await
        .expect("use it");
    let renamed = session
        .change_natures(CodeChange::Rename {
            id: added,
            name: "Online intimidatie".into(),
        })
        .await
        .expect("rename");
    assert!(renamed
        .iter()
        .any(|n| n.id == added && n.name == "Online intimidatie"));
    let in_use = session
        .change_natures(CodeChange::Delete { id: added })
        .await
        .expect_err("in use");
    assert_eq!(in_use.reason.map(Reason::as_str), Some("in_use"));
    session
        .change_natures(CodeChange::Retire {
            id: added,
            retired: true,
        })
        .await
        .expect("retire");
    let refused = session
        .add_case(case_input("2026-01-06", vec![added]))
        .await
        .expect_err("retired");
    assert_eq!(refused.reason.map(Reason::as_str), Some("retired"));
    let list = session
        .list_cases(CaseFilter::default())
        .await
        .expect("list");
    assert_eq!(
        list[0].natures,
        vec!["Online intimidatie"],
        "the old case keeps it"
    );
    let unused = session.natures().await.expect("natures")[6].id;
    let after = session
        .change_natures(CodeChange::Delete { id: unused })
        .await
        .expect("delete an unused one");
    assert!(after.iter().all(|n| n.id != unused));
}

#[tokio::test]
async fn attachments_are_kept_inside_the_register_and_leave_only_where_the_user_says() {
    let (tmp, dir, session, _) = advisor_vault().await;
    let id = session.natures().await.expect("natures")[0].id;
    let c = session
        .add_case(case_input("2026-01-05", vec![id]))
        .await
        .expect("add");
    let png = tmp.path().join("foto.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n-not-really-a-picture").expect("write");
    let mail = tmp.path().join("bericht.eml");
    std::fs::write(&mail, "Subject: Verslag\n\nBeste Ayşe, zoals besproken…").expect("write");
    // A real PDF of several pages: the case file of this very case.
    let pdf = tmp.path().join("dossier.pdf");
    session
        .write_case_file(CaseFileRequest {
            case: c.reference.clone(),
            path: pdf.to_string_lossy().into(),
            language: Default::default(),
        })
        .await
        .expect("case file");
    let damaged = tmp.path().join("kapot.pdf");
    let pdf_bytes = std::fs::read(&pdf).expect("read");
    std::fs::write(&damaged, &pdf_bytes[..200]).expect("write");
    let locked = tmp.path().join("wachtwoord.pdf");
    let qpdf = std::process::Command::new("qpdf")
        .args(["--encrypt", "geheim", "geheim", "256", "--"])
        .arg(&pdf)
        .arg(&locked)
        .status()
        .expect("qpdf (poppler/qpdf are installed by make test)");
    assert!(qpdf.success());
    let big = tmp.path().join("groot.pdf");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(vertrouwd_core::attachments::MAX_BYTES + 1))
        .expect("sparse file");
    let odd = tmp.path().join("script.exe");
    std::fs::write(&odd, b"MZ").expect("write");

    for (path, reason) in [(&big, "too_large"), (&odd, "unsupported_type")] {
        let e = session
            .add_attachment(AddAttachmentRequest {
                case: c.reference.clone(),
                path: path.to_string_lossy().into(),
            })
            .await
            .expect_err(reason);
        assert_eq!(
            (e.field.as_deref(), e.reason.map(Reason::as_str)),
            (Some("file"), Some(reason))
        );
    }
    for path in [&png, &mail, &pdf, &damaged, &locked] {
        session
            .add_attachment(AddAttachmentRequest {
                case: c.reference.clone(),
                path: path.to_string_lossy().into(),
            })
            .await
            .expect("attach");
    }
    let d = session
        .case_detail(CaseRef {
            case: c.reference.clone(),
        })
        .await
        .expect("detail");
    assert_eq!(d.attachments.len(), 5, "the refused files left nothing");
    let mut previews = vec![];
    for a in &d.attachments {
        previews.push(session.attachment_preview(a.id).await.expect("preview"));
    }
    use vertrouwd_core::attachments::{AttachmentPreview as P, Unavailable};
    assert!(
        matches!(&previews[0], P::Picture { data_url } if data_url.starts_with("data:image/png;base64,"))
    );
    let P::Message { message } = &previews[1] else {
        panic!("a message: {:?}", previews[1]);
    };
    assert_eq!(message.subject.as_deref(), Some("Verslag"));
    assert!(message.body.contains("Beste Ayşe"));
    let P::Pages { pages, page_count } = &previews[2] else {
        panic!("pages: {:?}", previews[2]);
    };
    assert_eq!(pages.len() as u32, *page_count);
    assert!(pages
        .iter()
        .all(|p| p.starts_with("data:image/png;base64,")));
    assert_eq!(
        previews[3],
        P::Unavailable {
            reason: Unavailable::Unreadable
        }
    );
    assert_eq!(
        previews[4],
        P::Unavailable {
            reason: Unavailable::Encrypted
        }
    );

    let out = tmp.path().join("uit").join("bericht.eml");
    std::fs::create_dir(tmp.path().join("uit")).expect("mkdir");
    session
        .export_attachment(ExportAttachmentRequest {
            id: d.attachments[1].id,
            path: out.to_string_lossy().into(),
        })
        .await
        .expect("export");
    assert_eq!(
        std::fs::read(&out).expect("read"),
        std::fs::read(&mail).expect("read")
    );
    let inside = session
        .export_attachment(ExportAttachmentRequest {
            id: d.attachments[1].id,
            path: dir.join("x.eml").to_string_lossy().into(),
        })
        .await
        .expect_err("inside the vault");
    assert_eq!(inside.reason.map(Reason::as_str), Some("inside_vault"));
}

#[tokio::test]
async fn the_intake_can_be_corrected_without_losing_the_conversations() {
    let (_tmp, _dir, session, _) = advisor_vault().await;
    let id = session.natures().await.expect("natures")[2].id;
    let first = session
        .add_case(case_input("2026-02-03", vec![id]))
        .await
        .expect("add");
    session
        .add_case(case_input("2026-02-04", vec![id]))
        .await
        .expect("second");
    session
        .add_conversation(AddConversationRequest {
            case: first.reference.clone(),
            conversation: conversation("2026-02-05", 30, "Eerste gesprek"),
        })
        .await
        .expect("conversation");
    let mut fixed = case_input("2026-02-02", vec![id]);
    fixed.reporter = Some(Reporter {
        name: "Çağrı Öztürk".into(),
        phone: Some("06-87654321".into()),
        ..Default::default()
    });
    fixed.persons = vec![
        Person {
            relation: Relation::Manager,
            name: Some("Jan de Vries".into()),
        },
        Person {
            relation: Relation::Colleague,
            name: Some("Noël Bakker".into()),
        },
    ];
    let updated = session
        .update_case(UpdateCaseRequest {
            case: first.reference.clone(),
            input: fixed.clone(),
        })
        .await
        .expect("update");
    assert_eq!(updated.first_contact.to_string(), "2026-02-02");
    assert_eq!(updated.persons.len(), 2);
    assert_eq!(updated.conversations.len(), 1, "conversations stay");
    let timed = session
        .add_case_time(AddTimeRequest {
            case: first.reference.clone(),
            minutes: 25,
        })
        .await
        .expect("time");
    assert_eq!(timed.minutes, 55, "30 in conversation and 25 besides");
    let below_zero = session
        .add_case_time(AddTimeRequest {
            case: first.reference.clone(),
            minutes: -26,
        })
        .await
        .expect_err("other time never below zero");
    assert_eq!(below_zero.field.as_deref(), Some("minutes"));
    let found = session
        .list_cases(CaseFilter {
            text: Some("noel".into()),
            ..Default::default()
        })
        .await
        .expect("search");
    assert_eq!(found.len(), 1, "the index follows the change");
    fixed.reference = Some("VP-2026-002".into());
    let taken = session
        .update_case(UpdateCaseRequest {
            case: first.reference.clone(),
            input: fixed.clone(),
        })
        .await
        .expect_err("taken");
    assert_eq!(taken.reason.map(Reason::as_str), Some("taken"));
    session
        .close_case(CloseCaseRequest {
            case: first.reference.clone(),
            closed_on: "2026-03-01".into(),
            outcome: Outcome::Referred,
            follow_ups_done: false,
        })
        .await
        .expect("close");
    fixed.reference = None;
    fixed.first_contact = "2026-04-01".into();
    let late = session
        .update_case(UpdateCaseRequest {
            case: first.reference,
            input: fixed,
        })
        .await
        .expect_err("after closing");
    assert_eq!(late.reason.map(Reason::as_str), Some("after_closing"));
}
