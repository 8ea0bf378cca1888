//! The complaints register at size: 10 000 complaints received over the
//! last three years, those older than four months closed, of which 1 000
//! are restricted to two users and 1 000 to a colleague alone (so not
//! readable to the user measured). The dashboard (goal: under 100 ms), the
//! list and a search over every readable complaint. The first dashboard after an
//! unlock opens each restricted complaint's box once (an X25519 exchange);
//! its time is printed apart. `make bench` runs it; filing 10 000
//! complaints one by one takes a while.

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
}

criterion_group!(benches, complaints);
criterion_main!(benches);
