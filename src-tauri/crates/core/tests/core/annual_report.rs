//! HR's annual report and its sources: an advisor's release file, signed by
//! the advisor, imported into hr.db — and refused when a number was changed
//! on the way or when it is not signed.

use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;

use super::advisor::case_input;
use super::{create, session};

/// Writes HR's report of 2026 (Dutch) to `pdf`, its tables to `csv` when
/// given; answers its text and that text on one line.
async fn written(
    hr: &vertrouwd_core::Session,
    pdf: &std::path::Path,
    csv: Option<&std::path::PathBuf>,
) -> (String, String) {
    hr.write_hr_annual_report(HrReportRequest {
        year: 2026,
        path: pdf.to_string_lossy().into(),
        language: vertrouwd_core::language::Language::Nl,
        csv_dir: csv.map(|c| c.to_string_lossy().into()),
        three_years: None,
    })
    .await
    .expect("written");
    let text = super::complaints::pdf_text(pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (text, flat)
}

/// The `i`th complaint of 2026 (received on day 1 + i of month 1 + i % 9)
/// under `procedure`; its reference.
async fn complaint_of_2026(hr: &vertrouwd_core::Session, i: usize, procedure: &str) -> String {
    hr.add_complaint(super::complaints::complaint(
        &format!("{}-{}-2026", 1 + i, 1 + i % 9),
        procedure,
    ))
    .await
    .expect("complaint")
    .reference
}

/// Closes a complaint on 20 November 2026.
async fn close(hr: &vertrouwd_core::Session, reference: String) {
    hr.close_complaint(vertrouwd_core::api::CloseComplaintRequest {
        complaint: reference,
        kind: vertrouwd_core::complaints::ClosureKind::Closed,
        on: "20-11-2026".into(),
        note: None,
    })
    .await
    .expect("closed");
}

/// Asserts the report says each of `words`.
fn says(text: &str, flat: &str, words: &[&str]) {
    for w in words {
        assert!(flat.contains(w), "{w:?} not in:\n{text}");
    }
}

/// An advisor's vault with `cases` cases in 2026, released as a signed
/// file in `tmp`: the advisor's session and the file.
async fn released(
    tmp: &std::path::Path,
    cases: usize,
) -> (vertrouwd_core::Session, std::path::PathBuf) {
    let (advisor, _) = session();
    create(&advisor, &tmp.join("vp"), vec![Role::Advisor]).await;
    let natures = advisor.natures().await.expect("natures");
    for i in 0..cases {
        advisor
            .add_case(case_input(
                &format!("2026-{:02}-10", 1 + i % 10),
                vec![natures[2].id],
            ))
            .await
            .expect("case");
    }
    let file = tmp.join("jaarcijfers-2026.json");
    advisor
        .release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: Some(file.to_string_lossy().into()),
            publish: false,
        })
        .await
        .expect("released");
    (advisor, file)
}

/// The clock stands at 23 November 2026. The advisor releases 2026 (six
/// cases) as a file; HR, in a vault of their own, imports it.
#[tokio::test]
async fn a_signed_release_is_imported_and_a_changed_one_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (advisor, file) = released(tmp.path(), 6).await;
    let text = std::fs::read_to_string(&file).expect("file");

    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr-kluis"), vec![Role::Hr]).await;
    let import = |path: &std::path::Path| {
        hr.import_advisor_release(ReleaseImportRequest {
            path: path.to_string_lossy().into(),
        })
    };

    // A number changed after signing: six cases made seven.
    let changed = tmp.path().join("veranderd.json");
    assert!(text.contains(r#"\"cases\":6"#), "{text}");
    std::fs::write(&changed, text.replace(r#"\"cases\":6"#, r#"\"cases\":7"#)).expect("write");
    let e = import(&changed).await.expect_err("tampered");
    assert_eq!(
        (e.field.as_deref(), e.reason),
        (Some("file"), Some(Reason::Tampered))
    );
    // The release without its signature (as format 2 wrote it).
    let signed: serde_json::Value = serde_json::from_str(&text).expect("json");
    let unsigned = tmp.path().join("zonder.json");
    std::fs::write(&unsigned, signed["body"].as_str().expect("body")).expect("write");
    let e = import(&unsigned).await.expect_err("unsigned");
    assert_eq!(e.reason, Some(Reason::Unsigned));
    let garbage = tmp.path().join("kapot.json");
    std::fs::write(&garbage, "{nee").expect("write");
    let e = import(&garbage).await.expect_err("garbage");
    assert_eq!(e.reason, Some(Reason::InvalidJson));
    assert!(
        hr.advisor_releases().await.expect("list").is_empty(),
        "nothing kept"
    );

    let first = import(&file).await.expect("imported");
    assert_eq!((first.year, first.release.cases), (2026, Some(6)));
    assert_eq!(first.advisor, "Ayşe Yılmaz");
    assert!(first.new_advisor && !first.replaced);
    assert_eq!(first.fingerprint.len(), 39, "{}", first.fingerprint);
    let again = import(&file).await.expect("again");
    assert!(!again.new_advisor && again.replaced);
    let list = hr.advisor_releases().await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].fingerprint, first.fingerprint);

    // The advisor holds no hr.db: importing is HR's.
    let e = advisor
        .import_advisor_release(ReleaseImportRequest {
            path: file.to_string_lossy().into(),
        })
        .await
        .expect_err("not the advisor's");
    assert_eq!(e.code, ErrorCode::Forbidden);
}

/// 2026 in the complaints register: 12 complaints — 10 under the
/// klachtenregeling, 2 citizens' complaints (fewer than k = 5) — and the
/// advisor's release of 14 cases. The report gives 12 and 14, never the 2;
/// its tables as CSV for Dutch Excel.
#[tokio::test]
async fn the_hr_annual_report_publishes_the_years_figures_and_never_a_small_count() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (_advisor, file) = released(tmp.path(), 14).await;

    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    hr.import_advisor_release(ReleaseImportRequest {
        path: file.to_string_lossy().into(),
    })
    .await
    .expect("imported");
    for i in 0..12 {
        let procedure = if i < 10 {
            "complaints_regulation"
        } else {
            "awb"
        };
        let c = complaint_of_2026(&hr, i, procedure).await;
        if i < 8 {
            close(&hr, c).await;
        }
    }
    let preview = hr
        .hr_annual_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("preview");
    assert_eq!(preview.figures.complaints.received.value, Some(12));
    assert_eq!(preview.figures.releases.len(), 1);

    let pdf = tmp.path().join("jaarverslag.pdf");
    let csv = tmp.path().join("tabellen");
    std::fs::create_dir(&csv).expect("dir");
    let (text, flat) = written(&hr, &pdf, Some(&csv)).await;
    says(
        &text,
        &flat,
        &[
            "Jaarverslag sociale veiligheid en integriteit 2026",
            "Klachten en meldingen ontvangen 12",
            "Meldingen bij Ayşe 14",
            "Doorlooptijd (mediaan, 214,5",
            "In 2026 liepen er 14 meldingen bij deze vertrouwenspersoon.",
            "Zo is de anonimiteit beschermd",
            // Art. 9:12a Awb: the two citizens' complaints counted on
            // their own, and only as fewer than k.
            "Klachten over het bestuursorgaan (artikel 9:12a Awb)",
            "In 2026 kwamen er minder dan 5 klachten binnen volgens de klachtprocedure van de Awb",
        ],
    );
    let awb = preview
        .figures
        .complaints
        .awb
        .as_ref()
        .expect("an Awb section");
    assert_eq!((awb.received.value, awb.breakdowns.len()), (None, 0));
    // The two citizens' complaints are "< 5" wherever their line stands.
    let awb: Vec<String> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("klacht Awb hoofdstuk 9"))
        .map(|l| l.replace(' ', ""))
        .collect();
    assert!(!awb.is_empty(), "{text}");
    assert!(
        awb.iter().all(|l| l.ends_with("<5") || l.ends_with('×')),
        "{awb:?}"
    );
    let procedure = std::fs::read(csv.join("klachten-procedure.csv")).expect("csv");
    let procedure = String::from_utf8(procedure).expect("utf-8");
    assert!(
        procedure.starts_with("\u{feff}Categorie;Aantal;%\r\n"),
        "{procedure}"
    );
    assert!(
        procedure.contains("klacht Awb hoofdstuk 9;< 5"),
        "{procedure}"
    );
    assert!(
        !procedure.contains(";2\r\n") && !procedure.contains(";2;"),
        "{procedure}"
    );
}

/// Two advisors, each in a vault of their own, release 2026 (14 and 11
/// cases); HR imports both. The report adds them up where both showed a
/// count, and a count either hid stays hidden in the sum.
#[tokio::test]
async fn two_advisors_are_added_up_without_showing_what_either_hid() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&a).expect("a");
    std::fs::create_dir_all(&b).expect("b");
    let (_one, first) = released(&a, 14).await;
    let (_two, second) = released(&b, 11).await;
    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    for file in [&first, &second] {
        hr.import_advisor_release(ReleaseImportRequest {
            path: file.to_string_lossy().into(),
        })
        .await
        .expect("imported");
    }
    let preview = hr
        .hr_annual_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("preview");
    let releases = &preview.figures.releases;
    let combined = preview.figures.combined.as_ref().expect("two advisors");
    assert_eq!(combined.cases.value, Some(25));
    let mut hidden_somewhere = 0;
    for b in &combined.breakdowns {
        for c in &b.cells {
            let parts: Vec<Option<u32>> = releases
                .iter()
                .map(|r| {
                    r.release
                        .breakdowns
                        .iter()
                        .find(|x| x.id == b.id)
                        .and_then(|x| x.cells.iter().find(|y| y.category == c.category))
                        .map_or(Some(0), |y| y.value)
                })
                .collect();
            if parts.contains(&None) {
                hidden_somewhere += 1;
                assert_eq!(c.value, None, "{} {} is hidden in a part", b.id, c.category);
            } else {
                assert_eq!(
                    c.value,
                    parts.iter().copied().sum(),
                    "{} {}",
                    b.id,
                    c.category
                );
            }
        }
    }
    assert!(hidden_somewhere > 0, "the fixture hides a small quarter");

    let pdf = tmp.path().join("jaarverslag.pdf");
    let (text, flat) = written(&hr, &pdf, None).await;
    says(
        &text,
        &flat,
        &[
            "Alle vertrouwenspersonen samen",
            "Meldingen 25",
            "een deel is bij een vertrouwenspersoon verborgen",
        ],
    );
}

/// 2025 is published with six complaints, and frozen: a complaint of 2025
/// registered after that does not change it. 2026's report (eight
/// complaints) compares with the six that were published.
#[tokio::test]
async fn a_published_year_is_frozen_and_the_next_compares_with_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    let add = async |day: u32, year: i32| {
        hr.add_complaint(super::complaints::complaint(
            &format!("{day}-{}-{year}", 1 + day % 12),
            "complaints_regulation",
        ))
        .await
        .expect("complaint");
    };
    for day in 1..=6 {
        add(day, 2025).await;
    }
    let e = hr
        .publish_hr_annual_report(HrReportYear { year: 2026 })
        .await
        .expect_err("2026 has not ended");
    assert_eq!(e.reason, Some(Reason::YearNotOver));
    let published = hr
        .publish_hr_annual_report(HrReportYear { year: 2025 })
        .await
        .expect("published");
    assert_eq!(published.figures.complaints.received.value, Some(6));
    assert!(published.published.is_some());
    let e = hr
        .publish_hr_annual_report(HrReportYear { year: 2025 })
        .await
        .expect_err("once");
    assert_eq!(e.reason, Some(Reason::Published));

    add(7, 2025).await;
    let again = hr
        .hr_annual_report_preview(HrReportYear { year: 2025 })
        .await
        .expect("preview");
    assert_eq!(again.figures.complaints.received.value, Some(6), "frozen");

    for day in 1..=8 {
        add(day, 2026).await;
    }
    let now = hr
        .hr_annual_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("preview");
    assert!(now.published.is_none());
    let received = &now.comparisons[0];
    assert_eq!(
        (received.this_year, received.last_year, received.change),
        (Some(8), Some(6), Some(2)),
        "compared with what was published, not the seven counted now"
    );
    let years: Vec<(i32, Option<u32>)> = now.trend.iter().map(|p| (p.year, p.received)).collect();
    assert_eq!(
        years,
        vec![
            (2022, None),
            (2023, None),
            (2024, None),
            (2025, Some(6)),
            (2026, Some(8))
        ]
    );

    let pdf = tmp.path().join("jaarverslag.pdf");
    let csv = tmp.path().join("tabellen");
    std::fs::create_dir(&csv).expect("dir");
    let (text, flat) = written(&hr, &pdf, Some(&csv)).await;
    says(
        &text,
        &flat,
        &[
            "Klachten en meldingen ontvangen 8 6 +2",
            "Concept: de cijfers zijn nog niet gepubliceerd",
            "Door de jaren",
        ],
    );
    assert!(
        !flat.contains(" 7 "),
        "the recount of 2025 appears nowhere:\n{text}"
    );
    let key = std::fs::read_to_string(csv.join("kerncijfers.csv")).expect("csv");
    assert!(
        key.contains("Klachten en meldingen ontvangen;8;6;+2"),
        "{key}"
    );
    let trend = std::fs::read_to_string(csv.join("trend.csv")).expect("csv");
    assert!(trend.contains("2025;6;"), "{trend}");
}

/// The report's own words and its plan: an introduction in the little
/// Markdown, the recommendations of 2026 as actions, and how those of
/// 2025 stand — all in the PDF; a text too long changes nothing.
#[tokio::test]
async fn the_report_carries_its_own_words_and_the_plan_with_last_years_actions() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    let texts = HrReportTexts {
        year: 2026,
        introduction: "Een jaar waarin **Çağrı Öztürk** het team versterkte.\n\n- meer meldingen\n- sneller afgehandeld".into(),
        conclusions: "Pesten blijft het meest genoemd.".into(),
        awb_summary: "Twee klachten van burgers, beide ongegrond.".into(),
    };
    let kept = hr
        .update_hr_annual_report_texts(texts.clone())
        .await
        .expect("kept");
    assert_eq!(kept, texts);
    let e = hr
        .update_hr_annual_report_texts(HrReportTexts {
            introduction: "x".repeat(60_000),
            ..texts.clone()
        })
        .await
        .expect_err("too long");
    assert_eq!(
        (e.field.as_deref(), e.reason),
        (Some("introduction"), Some(Reason::TooLong))
    );
    assert_eq!(
        hr.hr_annual_report_texts(HrReportYear { year: 2026 })
            .await
            .expect("texts"),
        texts,
        "nothing lost"
    );

    let add = async |year: i32, what: &str| {
        hr.add_report_action(ReportActionInput {
            year,
            recommendation: what.into(),
            owner: "Afdeling HR".into(),
            due_on: "01-07-2026".into(),
        })
        .await
        .expect("action")
    };
    let old = add(2025, "Vertrouwenspersoon bekender maken").await;
    hr.update_report_action(ReportActionChange {
        id: old.id,
        status: ActionStatus::Done,
        note: Some("posters en intranet".into()),
    })
    .await
    .expect("done");
    add(2026, "Training omgangsvormen voor leidinggevenden").await;
    let e = hr
        .add_report_action(ReportActionInput {
            year: 2026,
            recommendation: "  ".into(),
            owner: "HR".into(),
            due_on: "31-02-2027".into(),
        })
        .await
        .expect_err("empty");
    assert_eq!(e.reason, Some(Reason::Required));
    let list = hr
        .report_actions(HrReportYear { year: 2026 })
        .await
        .expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].status, ActionStatus::Done);

    let pdf = tmp.path().join("jaarverslag.pdf");
    let (text, flat) = written(&hr, &pdf, None).await;
    says(
        &text,
        &flat,
        &[
            "1. Inleiding",
            "2. Samenvatting",
            "Çağrı Öztürk het team versterkte",
            "Klachten over het bestuursorgaan (artikel 9:12a Awb)",
            "Twee klachten van burgers, beide ongegrond.",
            "Signalen en aanbevelingen",
            "Pesten blijft het meest genoemd.",
            "Plan van aanpak",
            "Training omgangsvormen",
            "Zo staan de acties uit het jaarverslag over 2025",
            "gedaan: posters en intranet",
        ],
    );
    assert!(!text.contains("**"), "Markdown is rendered, not printed");
}

/// The organisation sets k to 10: eight complaints are "< 10"; a k below
/// 3 is refused and changes nothing.
#[tokio::test]
async fn the_report_uses_the_organisations_k() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    for day in 1..=8 {
        hr.add_complaint(super::complaints::complaint(
            &format!("{day}-3-2026"),
            "complaints_regulation",
        ))
        .await
        .expect("complaint");
    }
    let settings = hr.complaint_settings().await.expect("settings");
    assert_eq!(settings.report_k, 5);
    let e = hr
        .update_complaint_settings(vertrouwd_core::api::ComplaintSettings {
            report_k: 2,
            ..settings.clone()
        })
        .await
        .expect_err("k below 3");
    assert_eq!(
        (e.field.as_deref(), e.reason),
        (Some("report_k"), Some(Reason::OutOfRange))
    );
    let preview = hr
        .hr_annual_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("preview");
    assert_eq!(preview.figures.complaints.received.value, Some(8));
    hr.update_complaint_settings(vertrouwd_core::api::ComplaintSettings {
        report_k: 10,
        ..settings
    })
    .await
    .expect("k 10");
    let preview = hr
        .hr_annual_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("preview");
    assert_eq!(preview.figures.complaints.k, 10);
    assert_eq!(preview.figures.complaints.received.value, None, "8 < 10");
}

/// The number of pages of a PDF, as pdfinfo counts them.
fn pages(pdf: &std::path::Path) -> usize {
    let out = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let info = String::from_utf8(out.stdout).expect("utf-8");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

/// The text of pages `from` to `to`, on one line.
fn text_of(pdf: &std::path::Path, from: usize, to: usize) -> String {
    let out = std::process::Command::new("pdftotext")
        .args([
            "-enc",
            "UTF-8",
            "-f",
            &from.to_string(),
            "-l",
            &to.to_string(),
        ])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The advisor writes their jaarverslag of 2026 and gives it to HR with
/// the release (a signed file). HR's report carries it unchanged after
/// its own pages: the same pages, the same words. A file whose PDF was
/// swapped, dropped or added after signing is refused.
#[tokio::test]
async fn the_advisors_jaarverslag_follows_hrs_report_unchanged() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (advisor, _) = released(tmp.path(), 9).await;
    // A prevention session, then the year released again with it.
    advisor
        .add_activity(vertrouwd_core::advisor::ActivityInput {
            held_on: "12-3-2026".into(),
            kind: vertrouwd_core::advisor::ActivityKind::PreventionSession,
            audience: Some(35),
            minutes: 120,
            topic: Some("Workshop voor team Kwartelkoning".into()),
        })
        .await
        .expect("activity");
    let release = advisor
        .release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: None,
            publish: false,
        })
        .await
        .expect("released again");
    assert_eq!(
        release
            .release
            .activities
            .iter()
            .map(|a| (a.kind.as_str(), a.sessions, a.participants, a.minutes))
            .collect::<Vec<_>>(),
        [("prevention_session", 1, 35, 120)]
    );
    advisor
        .update_annual_report_texts(AnnualTexts {
            year: 2026,
            introduction: "Een jaar met **veel** vragen over werkdruk.".into(),
            signals: "Signaal: de ploegendienst van Zuidhaven meldt structureel te veel werk."
                .into(),
            recommendations: String::new(),
        })
        .await
        .expect("texts");
    let own = tmp.path().join("jaarverslag-vp.pdf");
    advisor
        .write_annual_report(AnnualReportRequest {
            year: 2026,
            path: own.to_string_lossy().into(),
            language: vertrouwd_core::language::Language::Nl,
        })
        .await
        .expect("own pdf");
    let for_hr = tmp.path().join("voor-hr.json");
    let sent = advisor
        .send_annual_report(AnnualReportSendRequest {
            year: 2026,
            language: vertrouwd_core::language::Language::Nl,
            path: Some(for_hr.to_string_lossy().into()),
            publish: false,
        })
        .await
        .expect("sent");
    assert_eq!(sent.release.cases, Some(9));
    let e = advisor
        .send_annual_report(AnnualReportSendRequest {
            year: 2026,
            language: vertrouwd_core::language::Language::Nl,
            path: None,
            publish: false,
        })
        .await
        .expect_err("nowhere to go");
    assert_eq!(e.field.as_deref(), Some("path"));

    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    let import = |path: &std::path::Path| {
        hr.import_advisor_release(ReleaseImportRequest {
            path: path.to_string_lossy().into(),
        })
    };
    // Changed on the way: the PDF swapped for another, taken out, or put
    // beside a release that named none.
    let text = std::fs::read_to_string(&for_hr).expect("file");
    let mut file: serde_json::Value = serde_json::from_str(&text).expect("json");
    let other = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(b"%PDF-1.7 een ander verslag")
    };
    let original = file["annual_report"].clone();
    assert!(original.is_string(), "the PDF travels with it");
    for (name, value) in [("verwisseld", Some(other.clone())), ("weg", None)] {
        match value {
            Some(v) => file["annual_report"] = v.into(),
            None => {
                file.as_object_mut()
                    .expect("object")
                    .remove("annual_report");
            }
        }
        let path = tmp.path().join(format!("{name}.json"));
        std::fs::write(&path, file.to_string()).expect("write");
        let e = import(&path).await.expect_err(name);
        assert_eq!(e.reason, Some(Reason::Tampered), "{name}");
    }
    let plain = tmp.path().join("jaarcijfers-2026.json");
    let mut bare: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plain).expect("plain")).expect("json");
    bare["annual_report"] = other.into();
    let added = tmp.path().join("erbij.json");
    std::fs::write(&added, bare.to_string()).expect("write");
    assert_eq!(
        import(&added).await.expect_err("added").reason,
        Some(Reason::Tampered)
    );
    assert!(hr.advisor_releases().await.expect("list").is_empty());

    let got = import(&for_hr).await.expect("imported");
    assert!(got.release.annual_report_sha256.is_some());
    let report = tmp.path().join("jaarverslag-hr.pdf");
    let (text, flat) = written(&hr, &report, None).await;
    says(
        &flat,
        &flat,
        &[
            "staat ongewijzigd achter dit verslag",
            "Bijlage: de jaarverslagen van de vertrouwenspersonen",
            "Jaarverslag 2026 van Ayşe Yılmaz",
            "ploegendienst van Zuidhaven",
            "Voorlichting en preventie",
        ],
    );
    let row: Vec<&str> = text
        .lines()
        .find(|l| l.trim_start().starts_with("preventiebijeenkomst"))
        .map(|l| l.split_whitespace().collect())
        .unwrap_or_default();
    assert_eq!(row, ["preventiebijeenkomst", "1", "35", "2:00"]);
    assert!(
        !flat.contains("Kwartelkoning"),
        "an activity's topic is never in a report"
    );
    let theirs = pages(&own);
    let all = pages(&report);
    assert!(
        all > theirs + 2,
        "{all} pages, {theirs} of them the advisor's"
    );
    assert_eq!(
        text_of(&report, all - theirs + 1, all),
        text_of(&own, 1, theirs)
    );
    // HR's own last page is HR's: the advisor's words start after it.
    let last_own = text_of(&report, all - theirs, all - theirs);
    assert!(last_own.contains("ongewijzigd"), "{last_own}");
    assert!(!last_own.contains("ploegendienst"), "{last_own}");
}

/// A public body: 10 complaints under its klachtenregeling and 10 under
/// the Awb, all closed. The report publishes the Awb complaints on their
/// own (art. 9:12a): their number, how they ended, and the same as CSV.
#[tokio::test]
async fn the_awb_complaints_are_published_on_their_own() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    for i in 0..20 {
        let procedure = if i < 10 {
            "complaints_regulation"
        } else {
            "awb"
        };
        let c = complaint_of_2026(&hr, i, procedure).await;
        // Acknowledged two days after receipt.
        let on = format!("{}-{}-2026", 3 + i, 1 + i % 9);
        super::complaints::done(&hr, &c, "acknowledgement", &on).await;
        close(&hr, c).await;
    }
    let pdf = tmp.path().join("jaarverslag.pdf");
    let csv = tmp.path().join("tabellen");
    std::fs::create_dir(&csv).expect("dir");
    let (text, flat) = written(&hr, &pdf, Some(&csv)).await;
    says(
        &text,
        &flat,
        &[
            "Klachten over het bestuursorgaan (artikel 9:12a Awb)",
            "In 2026 kwamen er 10 klachten binnen volgens de klachtprocedure van de Awb.",
            "Klachten volgens de Awb: stand of afloop",
            "Doorlooptijd per stap",
        ],
    );
    assert!(
        text.lines()
            .any(|l| l.contains("ontvangstbevestiging") && l.trim_end().ends_with(" 2")),
        "{text}"
    );
    assert!(csv.join("doorlooptijden.csv").exists());
    let endings =
        String::from_utf8(std::fs::read(csv.join("klachten-awb_ending.csv")).expect("csv"))
            .expect("utf-8");
    // No percentage on a denominator below 20.
    assert!(endings.contains("afgesloten;10;\r\n"), "{endings}");
}

/// A small organisation: 6 complaints in 2024 and 6 in 2025, both years
/// published; 2 so far in 2026. Three years together would say 14 — and
/// with the 6 and 6 published, give 2026's 2 away: it is not shown. Three
/// more in 2026 make 17, which says nothing of a single year.
#[tokio::test]
async fn three_years_together_give_no_single_year_away() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr"), vec![Role::Hr]).await;
    let add =
        |day: String| hr.add_complaint(super::complaints::complaint(&day, "complaints_regulation"));
    for year in [2024, 2025] {
        for i in 0..6 {
            add(format!("{}-{}-{year}", 1 + i, 1 + i))
                .await
                .expect("complaint");
        }
        hr.publish_hr_annual_report(HrReportYear { year })
            .await
            .expect("published");
    }
    for i in 0..2 {
        add(format!("{}-3-2026", 2 + i)).await.expect("complaint");
    }
    let three = hr
        .hr_three_year_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("preview");
    assert_eq!(three.figures.first_year, Some(2024));
    let c = &three.figures.complaints;
    assert_eq!(c.received.value, None, "14 − 6 − 6 = 2");
    assert_eq!(
        c.received.hidden,
        Some(vertrouwd_core::disclosure::Hidden::Differencing)
    );
    assert!(c.breakdowns.iter().all(|b| b.withheld.is_some()));
    let pdf = tmp.path().join("drie-jaar.pdf");
    let write = |path: std::path::PathBuf| {
        hr.write_hr_annual_report(HrReportRequest {
            year: 2026,
            path: path.to_string_lossy().into(),
            language: vertrouwd_core::language::Language::Nl,
            csv_dir: None,
            three_years: Some(true),
        })
    };
    write(pdf.clone()).await.expect("written");
    let text = super::complaints::pdf_text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    says(
        &text,
        &flat,
        &[
            "Verslag sociale veiligheid en integriteit 2024–2026",
            "Dit verslag neemt de jaren 2024–2026 samen",
            "ontvangen, 2024–2026",
            "Het aantal klachten staat er niet: naast de jaren die al afzonderlijk zijn gepubliceerd",
        ],
    );
    assert!(
        !flat.contains(" 14 ") && !flat.contains(" 2 klachten"),
        "{text}"
    );

    for i in 0..3 {
        add(format!("{}-4-2026", 2 + i)).await.expect("complaint");
    }
    let three = hr
        .hr_three_year_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("preview");
    assert_eq!(three.figures.complaints.received.value, Some(17));
    assert!(three.comparisons.is_empty());
    write(pdf.clone()).await.expect("written");
    let text = super::complaints::pdf_text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    says(
        &text,
        &flat,
        &["ontvangen in 2024–2026", "ontvangen, 2024–2026"],
    );
    assert!(
        text.lines()
            .any(|l| l.contains("Klachten en meldingen") && l.trim_end().ends_with("17")),
        "{text}"
    );
    // The single year stays its own report.
    let one = hr
        .hr_annual_report_preview(HrReportYear { year: 2026 })
        .await
        .expect("one year");
    assert_eq!(
        (
            one.figures.first_year,
            one.figures.complaints.received.value
        ),
        (None, Some(5))
    );
    // 2026 has not ended: the three years cannot be frozen yet. 2023–2025
    // can; then nothing sharing a year with it is published any more —
    // neither 2024–2026 (once 2026 ends) nor a single 2023.
    let e = hr
        .publish_hr_three_year_report(HrReportYear { year: 2026 })
        .await
        .expect_err("not over");
    assert_eq!(e.reason, Some(Reason::YearNotOver));
    let done = hr
        .publish_hr_three_year_report(HrReportYear { year: 2025 })
        .await
        .expect("published");
    assert_eq!(done.figures.first_year, Some(2023));
    assert!(done.published.is_some());
    let e = hr
        .hr_three_year_report_preview(HrReportYear { year: 2026 })
        .await
        .expect_err("overlaps");
    assert_eq!(
        (e.field.as_deref(), e.reason),
        (Some("year"), Some(Reason::Overlaps))
    );
    let e = hr
        .publish_hr_annual_report(HrReportYear { year: 2023 })
        .await
        .expect_err("inside a published block");
    assert_eq!(e.reason, Some(Reason::Overlaps));
    let e = hr
        .publish_hr_three_year_report(HrReportYear { year: 2025 })
        .await
        .expect_err("once");
    assert_eq!(e.reason, Some(Reason::Published));
    // A complaint of 2025 registered late changes nothing published.
    add("1-12-2025".into()).await.expect("late");
    let again = hr
        .hr_three_year_report_preview(HrReportYear { year: 2025 })
        .await
        .expect("frozen");
    assert_eq!(
        again.figures.complaints.received,
        done.figures.complaints.received
    );
}
