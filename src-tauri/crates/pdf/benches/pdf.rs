//! Pages per second for a ~200-page table document (goal: 500 pages/s in
//! release mode). `make bench` runs it; divide the page count printed by
//! the time per iteration.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use vertrouwd_pdf::*;

fn table_document(rows: usize) -> Document {
    let mut d =
        specimen::specimen(chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default());
    d.blocks = vec![Block::Table(Table {
        columns: vec![
            Column {
                title: "Referentie".into(),
                width: 1.0,
                align: Align::Left,
            },
            Column {
                title: "Naam".into(),
                width: 1.5,
                align: Align::Left,
            },
            Column {
                title: "Aard".into(),
                width: 2.0,
                align: Align::Left,
            },
            Column {
                title: "Uren".into(),
                width: 0.6,
                align: Align::Right,
            },
        ],
        rows: (0..rows)
            .map(|i| {
                vec![
                    format!("VP-2026-{i:05}"),
                    "Çağrı Öztürk".into(),
                    "ongewenste omgangsvormen".into(),
                    format!("{},5", i % 40),
                ]
            })
            .collect(),
        zebra: true,
    })];
    d
}

fn tables(c: &mut Criterion) {
    let doc = table_document(6_000);
    let pages = render(&doc).pages;
    println!("table document: {pages} pages");
    let mut g = c.benchmark_group("pdf");
    g.sample_size(10);
    g.bench_function(format!("table_document_{pages}_pages"), |b| {
        b.iter(|| black_box(render(&doc)))
    });
    g.finish();
}

criterion_group!(benches, tables);
criterion_main!(benches);
