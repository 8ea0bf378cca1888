//! Rendering tests checked with real PDF tools (poppler's pdftotext,
//! pdfinfo, pdffonts, and qpdf).

use std::path::Path;
use std::process::Command;

use chrono::DateTime;
use vertrouwd_pdf::*;

fn when() -> chrono::DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).expect("valid time")
}

fn doc(blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title: "Test".into(),
            author: "Vertrouwd".into(),
            subject: "Tests".into(),
            keywords: vec![],
            created: when(),
            language: Language::Nl,
        },
        page: PageSetup::default(),
        furniture: Furniture {
            header: Some("Kop".into()),
            classification: Some("Vertrouwelijk".into()),
        },
        blocks,
    }
}

fn write(dir: &Path, name: &str, r: &Rendered) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, &r.bytes).expect("write pdf");
    p
}

fn tool(name: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(file)
        .args(if name == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (poppler-utils, qpdf): {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn dutch_and_turkish_words_come_back_from_pdftotext() {
    let tmp = tempfile::tempdir().expect("tmp");
    let sample = "Ayşe Yılmaz, Çağrı Öztürk, coördinatie, ideeën, € 127,50";
    let r = render(&doc(vec![
        Block::Heading {
            level: 1,
            text: "Overzicht".into(),
        },
        Block::Paragraph(vec![Span::plain(sample)]),
        Block::Table(Table {
            columns: vec![Column {
                title: "Naam".into(),
                width: 1.0,
                align: Align::Left,
            }],
            rows: vec![vec!["Geneviève Öztürk".into()]],
            zebra: false,
        }),
    ]));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let text = tool(
        "pdftotext",
        &["-enc", "UTF-8"],
        &write(tmp.path(), "a.pdf", &r),
    );
    for word in sample.split([' ', ',']).filter(|w| !w.is_empty()).chain([
        "Geneviève",
        "Overzicht",
        "Vertrouwelijk",
        "Kop",
    ]) {
        assert!(text.contains(word), "{word:?} missing from: {text}");
    }
}

#[test]
fn fonts_are_embedded_subsets_and_qpdf_accepts_the_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let r = render(&specimen::specimen(when()));
    let path = write(tmp.path(), "specimen.pdf", &r);
    let fonts = tool("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
    }
    let info = tool("pdfinfo", &[], &path);
    assert!(
        info.contains("Title:           Voorbeeld van elk blok"),
        "{info}"
    );
    assert!(info.contains("Author:          Vertrouwd"), "{info}");
    assert!(info.contains("A4"), "{info}");
    assert!(
        info.contains("2026"),
        "creation date is the given one, not 1970: {info}"
    );
    if Command::new("qpdf").arg("--version").output().is_ok() {
        let out = Command::new("qpdf")
            .arg("--check")
            .arg(&path)
            .output()
            .expect("qpdf");
        assert!(
            out.status.success(),
            "qpdf --check: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_300_row_table_repeats_its_header_and_numbers_its_pages() {
    let tmp = tempfile::tempdir().expect("tmp");
    let rows: Vec<Vec<String>> = (1..=300)
        .map(|i| vec![format!("R{i:04}"), format!("regel {i}"), String::new()])
        .collect();
    let r = render(&doc(vec![Block::Table(Table {
        columns: vec![
            Column {
                title: "Nummer".into(),
                width: 1.0,
                align: Align::Left,
            },
            Column {
                title: "Omschrijving".into(),
                width: 3.0,
                align: Align::Left,
            },
            Column {
                title: "Leeg".into(),
                width: 1.0,
                align: Align::Right,
            },
        ],
        rows,
        zebra: true,
    })]));
    let path = write(tmp.path(), "t.pdf", &r);
    let info = tool("pdfinfo", &[], &path);
    assert!(
        info.contains(&format!("Pages:           {}\n", r.pages)),
        "{info}"
    );
    assert!(r.pages >= 8, "300 rows need several pages, got {}", r.pages);
    let mut seen = 0;
    for page in 1..=r.pages {
        let p = page.to_string();
        let text = tool("pdftotext", &["-enc", "UTF-8", "-f", &p, "-l", &p], &path);
        assert!(
            text.contains(&format!("Pagina {page} van {}", r.pages)),
            "page {page}: {text}"
        );
        assert!(
            text.contains("Omschrijving"),
            "header repeated on page {page}"
        );
        seen += text.matches("R0").count()
            + text.matches("R1").count()
            + text.matches("R2").count()
            + text.matches("R3").count();
    }
    assert_eq!(seen, 300, "every row once");
}

#[test]
fn long_unbroken_strings_tall_rows_and_missing_glyphs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let long = "x".repeat(10_000);
    let tall = (0..3000)
        .map(|i| format!("woord{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let r = render(&doc(vec![
        Block::Paragraph(vec![Span::plain(long.clone())]),
        Block::Table(Table {
            columns: vec![
                Column {
                    title: "A".into(),
                    width: 1.0,
                    align: Align::Left,
                },
                Column {
                    title: "B".into(),
                    width: 1.0,
                    align: Align::Center,
                },
            ],
            rows: vec![
                vec![tall.clone(), String::new()],
                vec![],
                vec![long.clone()],
            ],
            zebra: false,
        }),
        Block::Paragraph(vec![Span::plain("漢字 and 🙂")]),
        Block::Table(Table {
            columns: vec![],
            rows: vec![vec!["x".into()]],
            zebra: false,
        }),
        Block::KeyValue(vec![(String::new(), String::new())]),
    ]));
    let text = tool(
        "pdftotext",
        &["-enc", "UTF-8"],
        &write(tmp.path(), "l.pdf", &r),
    );
    // Twice 10 000 x's (paragraph and table cell), broken over lines and pages.
    assert_eq!(
        text.matches('x').count(),
        20_000,
        "no character of the long strings is lost"
    );
    for i in [0, 1499, 2999] {
        assert!(
            text.contains(&format!("woord{i}")),
            "word {i} of the split row is lost"
        );
    }
    assert!(r.pages > 3, "a row taller than a page is split over pages");
    match r.warnings.as_slice() {
        [Warning::MissingGlyphs(chars)] => {
            assert!(chars.contains(&'漢') && chars.contains(&'🙂'), "{chars:?}");
        }
        other => panic!("missing glyphs must be reported: {other:?}"),
    }
}

#[test]
fn the_same_input_renders_the_same_bytes() {
    let a = render(&specimen::specimen(when()));
    let b = render(&specimen::specimen(when()));
    assert!(
        a.bytes == b.bytes,
        "output differs between two renders of the same document"
    );
    let mut other = specimen::specimen(when());
    other.meta.title = "Anders".into();
    assert!(
        render(&other).bytes != a.bytes,
        "a different document must give different bytes"
    );
}

#[test]
fn english_furniture_and_landscape() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut d = doc(vec![
        Block::Paragraph(vec![Span::plain("Hello")]),
        Block::PageBreak,
        Block::Paragraph(vec![Span::plain("World")]),
    ]);
    d.meta.language = Language::En;
    d.page.orientation = Orientation::Landscape;
    let r = render(&d);
    assert_eq!(r.pages, 2);
    let path = write(tmp.path(), "e.pdf", &r);
    let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
    assert!(
        text.contains("Page 1 of 2") && text.contains("Page 2 of 2"),
        "{text}"
    );
    assert!(tool("pdfinfo", &[], &path).contains("841.89 x 595.28"));
}
