//! The advisor's register at size: 10 000 cases and 50 000
//! conversations (synthetic, `fill_demo_register`). Opening the list,
//! filtering, full-text search (goal: each under 100 ms), a year's
//! statistics release (goal: under 200 ms) and a 20-page case file.
//! `make bench` runs it; setting up the register takes a while.

use std::hint::black_box;

use chrono::Datelike;
use criterion::{criterion_group, criterion_main, Criterion};
use vertrouwd_core::advisor::{CaseFilter, CaseStatus, Channel, ConversationInput};
use vertrouwd_core::api::*;
use vertrouwd_core::preferences::Language;
use vertrouwd_core::roles::Role;

fn register(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let tmp = tempfile::tempdir().expect("tmp");
    let session = vertrouwd_testsupport::session();
    rt.block_on(async {
        vertrouwd_testsupport::create(&session, &tmp.path().join("kluis"), vec![Role::Advisor])
            .await;
        session
            .fill_demo_register(DemoRequest {
                cases: 10_000,
                conversations: 50_000,
            })
            .await
            .expect("demo");
        // One long case for the case file: 40 conversations of about half
        // a page each.
        for day in 0..40 {
            session
                .add_conversation(AddConversationRequest {
                    case: "1".into(),
                    conversation: ConversationInput {
                        held_on: "2026-01-05".into(),
                        minutes: 30 + day,
                        mode: Channel::InPerson,
                        with_whom: None,
                        notes: "Verslag van het gesprek over de werkverdeling en de sfeer in het team. "
                            .repeat(22),
                        next_step: Some("Vervolggesprek over twee weken".into()),
                    },
                })
                .await
                .expect("conversation");
        }
    });
    let year = chrono::Utc::now().year() - 1;
    let out = tmp.path().join("dossier.pdf");
    rt.block_on(session.write_case_file(CaseFileRequest {
        case: "1".into(),
        path: out.to_string_lossy().into(),
        language: Language::Nl,
    }))
    .expect("case file");
    let info = std::process::Command::new("pdfinfo")
        .arg(&out)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let pages = info
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap_or("Pages: ?");
    println!("case file: {pages}");

    let mut g = c.benchmark_group("register");
    g.sample_size(20);
    // What the register screen opens with: the newest 200 cases.
    g.bench_function("open_list_newest_200", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.list_cases(CaseFilter {
                    limit: Some(200),
                    ..Default::default()
                }))
                .expect("list"),
            )
        })
    });
    g.bench_function("list_all_10000", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.list_cases(CaseFilter::default()))
                    .expect("list"),
            )
        })
    });
    g.bench_function("filter_open_in_year", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.list_cases(CaseFilter {
                    status: Some(CaseStatus::Open),
                    year: Some(year),
                    ..Default::default()
                }))
                .expect("filter"),
            )
        })
    });
    g.bench_function("search_text", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.list_cases(CaseFilter {
                    text: Some("bemiddeling Öztürk".into()),
                    ..Default::default()
                }))
                .expect("search"),
            )
        })
    });
    g.bench_function("statistics_release_preview", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.statistics_preview(StatisticsRequest {
                    year,
                    left_out: vec![],
                }))
                .expect("stats"),
            )
        })
    });
    g.bench_function("case_file_pdf", |b| {
        b.iter(|| {
            black_box(
                rt.block_on(session.write_case_file(CaseFileRequest {
                    case: "1".into(),
                    path: out.to_string_lossy().into(),
                    language: Language::Nl,
                }))
                .expect("case file"),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, register);
criterion_main!(benches);
