//! The complaints register at size: 10 000 complaints received over the
//! last three years, those older than four months closed, of which 1 000
//! are restricted to two users and 1 000 to a colleague alone (so not
//! readable to the user measured). The dashboard (goal: under 100 ms), the
//! list and a search over every readable complaint. The first dashboard after an
//! unlock opens each restricted complaint's box once (an X25519 exchange);
//! its time is printed apart. Then HR's annual report of this year over
//! the same register and five advisors' signed releases (goal: under
//! 300 ms). `make bench` runs it; filing 10 000 complaints one by one
//! takes a while.

use std::hint::black_box;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use vertrouwd_core::api::*;
use vertrouwd_core::complaints::*;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;

const PROCEDURES: [&str; 4] = [
    "complaints_regulation",
    "whistleblowing",
    "awb",
    "awb_committee",
];

/// Received `i / 10` days before today (10 000 complaints: three years).
fn received(i: u32) -> NaiveDate {
    chrono::Local::now().date_naive() - Days::new(u64::from((10_000 - i) / 9))
}

fn input(i: u32, access: ComplaintAccess) -> ComplaintInput {
    let received = received(i);
    ComplaintInput {
        received_on: received.to_string(),
        channel: ComplaintChannel::Email,
        procedure: PROCEDURES[(i % 4) as usize].into(),
        complainant: Complainant {
            anonymous: i.is_multiple_of(7),
            can_reply: true,
            name: (!i.is_multiple_of(7)).then(|| format!("Klager {i} Öztürk")),
            role: ComplainantRole::Employee,
            department: Some(format!("Afdeling {}", i % 12)),
            contact: None,
            support_person: None,
        },
        complained_about: vec![PersonComplainedAbout {
            name: format!("Beklaagde {}", i % 300),
            role: Some("leidinggevende".into()),
            department: None,
        }],
        natures: vec!["bullying".into()],
        description: "Een beschrijving van wat er op de werkvloer gebeurde. ".repeat(8),
        decision_maker: None,
        minutes_signed_on: None,
        access,
    }
}

/// Files complaint `i`, and closes it when it was received more than four
/// months ago.
async fn file(session: &Session, i: u32, access: ComplaintAccess) {
    let c = session
        .add_complaint(input(i, access))
        .await
        .expect("filed");
    let closed_on = received(i) + Days::new(120);
    if closed_on <= chrono::Local::now().date_naive() {
        session
            .close_complaint(CloseComplaintRequest {
                complaint: c.reference,
                kind: ClosureKind::Closed,
                on: closed_on.to_string(),
                note: None,
            })
            .await
            .expect("closed");
    }
}

async fn unlock(session: &Session, dir: &std::path::Path, login: &str, pass: &str) {
    vertrouwd_testsupport::unlock(session, dir, login, pass)
        .await
        .expect("unlock");
}

fn complaints(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let session = vertrouwd_testsupport::session();
    let started = Instant::now();
    rt.block_on(async {
        vertrouwd_testsupport::create(&session, &dir, vec![Role::Hr]).await;
        let me = session.session_info().await.expect("info").user.id;
        let piet = vertrouwd_testsupport::add(&session, "piet", vec![Role::Hr])
            .await
            .expect("piet")
            .user
            .id;
        for i in 0..9_000u32 {
            let access = if i.is_multiple_of(9) {
                ComplaintAccess::Only {
                    users: vec![me.clone(), piet.clone()],
                }
            } else {
                ComplaintAccess::Everyone
            };
            file(&session, i, access).await;
        }
        session.lock().await;
        unlock(&session, &dir, "piet", vertrouwd_testsupport::PASS_B).await;
        for i in 9_000..10_000 {
            let access = ComplaintAccess::Only {
                users: vec![piet.clone()],
            };
            file(&session, i, access).await;
        }
        session.lock().await;
        unlock(
            &session,
            &dir,
            vertrouwd_testsupport::LOGIN,
            vertrouwd_testsupport::PASS,
        )
        .await;
    });
    println!("filed 10 000 complaints in {:.0?}", started.elapsed());
    let first = Instant::now();
    let board = rt.block_on(session.complaints_due()).expect("due");
    println!(
        "first dashboard after unlock (1 000 restricted boxes opened): {:.1?}; {} overdue, {} this week, {} running out",
        first.elapsed(),
        board.overdue.len(),
        board.this_week.len(),
        board.warnings.len()
    );

    let mut g = c.benchmark_group("complaints");
    g.sample_size(20);
    g.bench_function("dashboard_10000", |b| {
        b.iter(|| black_box(rt.block_on(session.complaints_due()).expect("due")))
    });
    g.bench_function("list_all_9000_readable", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.list_complaints(ComplaintFilter {
                    include_closed: true,
                    ..Default::default()
                }))
                .expect("list"),
            )
        })
    });
    g.sample_size(10);
    g.bench_function("search_name", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.list_complaints(ComplaintFilter {
                    search: Some("ozturk 4711".into()),
                    include_closed: true,
                    ..Default::default()
                }))
                .expect("search"),
            )
        })
    });
    g.finish();

    // Five advisors, each a release of this year signed with a key of its
    // own, imported as HR would.
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let releases = tmp.path().join("releases");
    std::fs::create_dir(&releases).expect("dir");
    for a in 0..5u32 {
        let file = releases.join(format!("vp-{a}.json"));
        std::fs::write(&file, signed_release(year, a)).expect("write");
        rt.block_on(session.import_advisor_release(ReleaseImportRequest {
            path: file.to_string_lossy().into(),
        }))
        .expect("imported");
    }
    let out = tmp.path().join("jaarverslag.pdf");
    let mut g = c.benchmark_group("annual_report");
    g.sample_size(10);
    g.bench_function("hr_report_10000_complaints_5_releases", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.write_hr_annual_report(HrReportRequest {
                    year,
                    path: out.to_string_lossy().into(),
                    language: vertrouwd_core::language::Language::Nl,
                    csv_dir: None,
                    three_years: None,
                }))
                .expect("report"),
            )
        })
    });
    g.finish();
    let pages = std::process::Command::new("pdfinfo")
        .arg(&out)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    println!(
        "the report: {}",
        pages
            .lines()
            .find(|l| l.starts_with("Pages"))
            .unwrap_or("?")
    );
}

/// A release of `year` by advisor `n`: 40 cases over the shipped natures,
/// signed with a key of that advisor's own.
fn signed_release(year: i32, n: u32) -> String {
    use std::collections::BTreeMap;
    use vertrouwd_core::advisor::stats::{preview, CaseFacts};
    use vertrouwd_core::advisor::*;
    let natures: Vec<Nature> = (1..=7)
        .map(|id| Nature {
            id,
            code: Some(format!("nature{id}")),
            name: format!("aard {id}"),
            retired: false,
        })
        .collect();
    let facts: Vec<CaseFacts> = (0..40 + n * 3)
        .map(|i| CaseFacts {
            opened: (year, 1 + i % 4),
            closed: None,
            natures: vec![i64::from(1 + i % 7)],
            reporter_role: ReporterRole::Employee,
            relations: vec![],
            interventions: vec![InterventionKind::ShelterAdvice],
            outcome: None,
            work: BTreeMap::from([(year, (2, 90))]),
        })
        .collect();
    let release = preview(&facts, &natures, year, 5, &[]).release;
    let pair = vertrouwd_vault::envelope::KeyPair::generate().expect("pair");
    let signed = vertrouwd_core::releases::SignedRelease::new(
        &release,
        &format!("Vertrouwenspersoon {n}"),
        "Bureau",
        |m| Ok(pair.sign(m)?),
    )
    .expect("signed");
    serde_json::to_string(&signed).expect("json")
}

criterion_group!(benches, complaints);
criterion_main!(benches);
