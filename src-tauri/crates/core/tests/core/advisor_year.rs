//! The advisor's year besides cases: the activities kept for the
//! jaarverslag and for re-certification.

use vertrouwd_core::advisor::*;
use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;

use super::advisor::advisor_vault;
use super::create;

fn activity(on: &str, kind: ActivityKind, minutes: u32) -> ActivityInput {
    ActivityInput {
        held_on: on.into(),
        kind,
        audience: None,
        minutes,
        topic: None,
    }
}

/// The clock stands at 23 November 2026.
#[tokio::test]
async fn activities_are_kept_per_year_and_only_for_the_advisor() {
    let (_tmp, dir, s, _) = advisor_vault().await;
    let mut session = activity("12-3-2026", ActivityKind::PreventionSession, 120);
    session.audience = Some(35);
    session.topic = Some("Workshop omgangsvormen – ideeën".into());
    let added = s.add_activity(session).await.expect("added");
    assert_eq!(added.held_on.to_string(), "2026-03-12");
    assert_eq!(added.audience, Some(35));
    s.add_activity(activity("2 februari 2025", ActivityKind::Intervision, 90))
        .await
        .expect("last year");
    s.add_activity(activity("2026-11-23", ActivityKind::Course, 8 * 60))
        .await
        .expect("today");

    for (bad, field, reason) in [
        (
            activity("24-11-2026", ActivityKind::Course, 60),
            "held_on",
            Reason::InFuture,
        ),
        (
            activity("31-2-2026", ActivityKind::Course, 60),
            "held_on",
            Reason::InvalidDate,
        ),
        (
            activity("1-2-2026", ActivityKind::Course, 0),
            "minutes",
            Reason::OutOfRange,
        ),
        (
            activity("1-2-2026", ActivityKind::Course, 25 * 60),
            "minutes",
            Reason::OutOfRange,
        ),
    ] {
        let e = s.add_activity(bad).await.expect_err("refused");
        assert_eq!(
            (e.field.as_deref(), e.reason),
            (Some(field), Some(reason)),
            "{e:?}"
        );
    }

    let year = s
        .activities(ActivityFilter { year: Some(2026) })
        .await
        .expect("2026");
    let kinds: Vec<ActivityKind> = year.iter().map(|a| a.kind).collect();
    assert_eq!(
        kinds,
        [ActivityKind::PreventionSession, ActivityKind::Course],
        "oldest first, 2025 left out"
    );
    assert_eq!(
        s.activities(ActivityFilter::default())
            .await
            .expect("all")
            .len(),
        3
    );

    s.delete_activity(added.id).await.expect("deleted");
    let e = s.delete_activity(added.id).await.expect_err("gone");
    assert_eq!(e.code, ErrorCode::NotFound);

    // An HR user holds no advisor.db: the activities are not theirs.
    s.lock().await;
    create(&s, &dir.with_file_name("hr-kluis"), vec![Role::Hr]).await;
    let e = s
        .activities(ActivityFilter::default())
        .await
        .expect_err("not HR's");
    assert_eq!(e.code, ErrorCode::Forbidden);
}

/// The text of a PDF, words on a line as laid out.
fn pdf_text(path: &std::path::Path) -> String {
    super::complaints::pdf_text(path)
}

/// 2026: 16 cases — 12 about bullying, 4 about sexual harassment (fewer
/// than k = 5, so "< 5"); 14 employees and 2 interns; every case had
/// support and advice, 3 an informal solution. The jaarverslag gives those
/// counts as released, the advisor's words, the activities by kind, and
/// never the small counts.
#[tokio::test]
async fn the_jaarverslag_gives_the_released_figures_and_never_a_small_count() {
    let (tmp, _dir, s, _) = advisor_vault().await;
    let natures = s.natures().await.expect("natures");
    let id = |code: &str| {
        natures
            .iter()
            .find(|n| n.code.as_deref() == Some(code))
            .expect(code)
            .id
    };
    for i in 0..16 {
        let nature = if i < 12 {
            id("bullying")
        } else {
            id("sexual_harassment")
        };
        let mut c = super::advisor::case_input(&format!("2026-{:02}-10", 1 + i % 10), vec![nature]);
        if i >= 14 {
            c.reporter_role = ReporterRole::Intern;
        }
        let c = s.add_case(c).await.expect("case");
        let kinds: &[InterventionKind] = if i < 3 {
            &[
                InterventionKind::ShelterAdvice,
                InterventionKind::InformalSolution,
            ]
        } else {
            &[InterventionKind::ShelterAdvice]
        };
        for kind in kinds {
            s.add_intervention(AddInterventionRequest {
                case: c.reference.clone(),
                intervention: InterventionInput {
                    on_date: "2026-10-01".into(),
                    kind: *kind,
                    referral: None,
                    note: None,
                },
            })
            .await
            .expect("intervention");
        }
    }
    let mut session = activity("12-3-2026", ActivityKind::PreventionSession, 120);
    session.audience = Some(35);
    s.add_activity(session).await.expect("activity");
    s.add_activity(activity("2-2-2026", ActivityKind::Course, 16 * 60))
        .await
        .expect("course");

    let out = tmp.path().join("jaarverslag-2026.pdf");
    let req = |path: &std::path::Path| AnnualReportRequest {
        year: 2026,
        path: path.to_string_lossy().into(),
        language: vertrouwd_core::language::Language::Nl,
    };
    let e = s
        .write_annual_report(req(&out))
        .await
        .expect_err("not released");
    assert_eq!(e.reason, Some(Reason::NotReleased));

    s.update_annual_report_texts(AnnualTexts {
        year: 2026,
        introduction: "Een jaar met **veel** meldingen over pesten.".into(),
        signals: "- Werkdruk in de *zorg*\n- Roddel in teams".into(),
        recommendations: "1. Train leidinggevenden\n2. Herhaal de voorlichting".into(),
    })
    .await
    .expect("texts");
    s.release_statistics(ReleaseRequest {
        year: 2026,
        left_out: vec![],
        path: None,
        publish: false,
    })
    .await
    .expect("released");
    s.write_annual_report(req(&out)).await.expect("written");
    let text = pdf_text(&out);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "Jaarverslag vertrouwenspersoon 2026",
        "In 2026 liepen er 16 meldingen bij de vertrouwenspersoon.",
        "Een informele oplossing of bemiddeling werd gezocht bij minder dan 5 meldingen",
        "Een jaar met veel meldingen over pesten.",
        "Werkdruk in de zorg",
        "Train leidinggevenden",
        "preventiebijeenkomst 1 35 2:00",
        "Zo is de anonimiteit beschermd",
    ] {
        assert!(
            flat.contains(words),
            "{words:?} not in the jaarverslag:\n{text}"
        );
    }
    // Every line that names a small category (in a table or a chart) ends
    // in "< 5" (pdftotext may drop the space), never in its count.
    for (label, count) in [("seksuele intimidatie", 4), ("stagiair", 2)] {
        let lines: Vec<String> = text
            .lines()
            .filter(|l| l.trim_start().starts_with(label))
            .map(|l| l.replace(' ', ""))
            .collect();
        assert!(!lines.is_empty(), "{label} in:\n{text}");
        for line in &lines {
            assert!(line.ends_with("<5"), "{label}: {line}");
            assert!(!line.ends_with(&format!("<5{count}")), "{label}: {line}");
        }
    }
    assert!(flat.contains("pesten 12"), "the shown count: {text}");
}
