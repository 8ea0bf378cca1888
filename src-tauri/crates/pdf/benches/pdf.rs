//! Pages per second for a ~200-page table document (goal: 500 pages/s in
//! release mode) and for a ~20-page document with a title page, contents,
//! bar and line charts and a logo. `make bench` runs it; divide the page
//! count printed by the time per iteration.

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

/// A yearly report: cover with logo, contents, then per topic a heading, a
/// paragraph, a grouped bar chart, a line chart and a small table.
fn report_document(topics: usize) -> Document {
    let mut d =
        specimen::specimen(chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap_or_default());
    let cover = d.blocks.remove(0);
    let table = table_document(8).blocks.remove(0);
    let quarters: Vec<String> = ["K1", "K2", "K3", "K4"].map(String::from).to_vec();
    let natures: Vec<String> = [
        "Pesten",
        "Seksuele intimidatie",
        "Agressie en geweld",
        "Discriminatie",
        "Overige ongewenste omgangsvormen",
        "Integriteit",
        "Werkdruk / arbeidsconflict / overig",
    ]
    .map(String::from)
    .to_vec();
    let series = |n: usize, len: usize, seed: usize| -> Vec<Series> {
        (0..n)
            .map(|s| Series {
                name: format!("{}", 2025 + s),
                values: (0..len)
                    .map(|i| Some(((i * 7 + s * 5 + seed) % 19) as f64))
                    .collect(),
            })
            .collect()
    };
    d.blocks = vec![cover, Block::Contents, Block::PageBreak];
    for t in 0..topics {
        d.blocks.push(Block::Heading {
            level: 1,
            text: format!("Onderwerp {}", t + 1),
        });
        d.blocks.push(Block::Paragraph(vec![Span::plain(
            "Aantallen onder de vijf worden niet genoemd; zo blijft niemand herkenbaar. ".repeat(4),
        )]));
        d.blocks.push(Block::BarChart(BarChart {
            title: "Meldingen per aard".into(),
            categories: natures.clone(),
            series: series(2, natures.len(), t),
            direction: BarDirection::Horizontal,
            value_labels: true,
            hidden_label: "< 5".into(),
        }));
        d.blocks.push(Block::LineChart(LineChart {
            title: "Uren per kwartaal".into(),
            categories: quarters.clone(),
            series: series(2, 4, t),
            value_labels: true,
        }));
        d.blocks.push(table.clone());
    }
    d
}

fn reports(c: &mut Criterion) {
    let doc = report_document(15);
    let pages = render(&doc).pages;
    println!("report with charts: {pages} pages");
    let mut g = c.benchmark_group("pdf");
    g.sample_size(20);
    g.bench_function(format!("report_with_charts_{pages}_pages"), |b| {
        b.iter(|| black_box(render(&doc)))
    });
    g.finish();
}

/// Showing an attachment: the first ten pages of a table document and of
/// the chart document as PNG pictures, 1000 pixels wide.
fn previews(c: &mut Criterion) {
    let options = vertrouwd_pdf::preview::PreviewOptions::default();
    let mut g = c.benchmark_group("pdf");
    g.sample_size(10);
    for (name, doc) in [
        ("tables", table_document(6_000)),
        ("charts", report_document(15)),
    ] {
        let bytes = render(&doc).bytes;
        g.bench_function(format!("preview_first_10_pages_{name}"), |b| {
            b.iter(|| black_box(vertrouwd_pdf::preview::page_pictures(&bytes, options)))
        });
    }
    g.finish();
}

criterion_group!(benches, tables, reports, previews);
criterion_main!(benches);
