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

/// The text of one page, as pdftotext reads it.
fn page_text(path: &Path, page: usize) -> String {
    let p = page.to_string();
    tool(
        "pdftotext",
        &["-enc", "UTF-8", "-layout", "-f", &p, "-l", &p],
        path,
    )
}

fn paragraphs(n: usize, word: &str) -> Vec<Block> {
    (0..n)
        .map(|i| Block::Paragraph(vec![Span::plain(format!("{word} {i} ").repeat(40))]))
        .collect()
}

#[test]
fn the_cover_stands_alone_and_the_contents_give_the_right_pages() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut blocks = vec![
        Block::Cover(Cover {
            title: "Jaarverslag vertrouwenspersoon".into(),
            subtitle: Some("Stichting Voorbeeld".into()),
            details: vec![("Jaar".into(), "2026".into())],
            logo: None,
        }),
        Block::Contents,
        Block::PageBreak,
    ];
    let titles = [
        "Inleiding",
        "Meldingen",
        "Aard van de meldingen",
        "Tot slot",
    ];
    for (i, title) in titles.iter().enumerate() {
        blocks.push(Block::Heading {
            level: if i == 2 { 2 } else { 1 },
            text: (*title).into(),
        });
        blocks.extend(paragraphs(6 + 5 * i, "tekst"));
        blocks.push(Block::Heading {
            level: 3,
            text: format!("Detail {i}"),
        });
        blocks.extend(paragraphs(1, "detail"));
    }
    let r = render(&doc(blocks));
    let path = write(tmp.path(), "toc.pdf", &r);
    assert!(r.pages >= 5, "the document should span pages: {}", r.pages);

    let cover = page_text(&path, 1);
    assert!(cover.contains("Jaarverslag vertrouwenspersoon") && cover.contains("2026"));
    assert!(
        !cover.contains("Inhoud") && !cover.contains("Inleiding"),
        "the cover is a page of its own: {cover}"
    );
    let contents = page_text(&path, 2);
    assert!(contents.contains("Inhoud"), "{contents}");
    assert!(
        !contents.contains("Detail 0"),
        "level 3 headings are not listed"
    );
    for title in titles {
        // Where the heading really is…
        let actual = (1..=r.pages)
            .find(|p| {
                page_text(&path, *p)
                    .lines()
                    .any(|l| l.trim() == title && *p != 2)
            })
            .unwrap_or_else(|| panic!("{title} not found on any page"));
        // …is the number the contents give it.
        let line = contents
            .lines()
            .find(|l| l.trim_start().starts_with(title))
            .unwrap_or_else(|| panic!("{title} missing from the contents: {contents}"));
        let listed: usize = line
            .split_whitespace()
            .last()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no page number on {line:?}"));
        assert_eq!(listed, actual, "{title}: contents say {listed}");
    }
    // The same headings form the outline a reader shows beside the pages.
    let outline = tool("qpdf", &["--json", "--json-key=outlines"], &path);
    for title in titles {
        assert!(
            outline.contains(title),
            "{title} not in the outline: {outline}"
        );
    }
}

#[test]
fn png_and_jpeg_pictures_are_embedded_and_a_broken_one_is_reported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let png = include_bytes!("../../assets/specimen-logo.png").to_vec();
    let jpeg = include_bytes!("fixtures/logo.jpg").to_vec();
    let r = render(&doc(vec![
        Block::Image(Image {
            bytes: png,
            width_mm: 100.0,
            align: Align::Left,
        }),
        Block::Image(Image {
            bytes: jpeg,
            width_mm: 2000.0,
            align: Align::Center,
        }),
        Block::Image(Image {
            bytes: b"not a picture".to_vec(),
            width_mm: 40.0,
            align: Align::Right,
        }),
    ]));
    assert_eq!(r.warnings, vec![Warning::UnreadableImages(1)]);
    let path = write(tmp.path(), "img.pdf", &r);
    let list = tool("pdfimages", &["-list"], &path);
    let rows: Vec<&str> = list
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .collect();
    assert_eq!(rows.len(), 2, "two pictures expected: {list}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!((cols[3], cols[4]), ("128", "128"), "{row}");
    }
    // The oversized JPEG is shrunk to the text width and, too tall for
    // what is left of page 1, placed on page 2 rather than off the page.
    assert_eq!(r.pages, 2);
    assert!(
        list.lines().any(|l| l.trim_start().starts_with("2 ")),
        "{list}"
    );
    assert!(page_text(&path, 2).contains("[afbeelding onleesbaar]"));
    tool("qpdf", &["--check"], &path);
}

fn chart_series(n: usize, categories: usize) -> Vec<Series> {
    (0..n)
        .map(|s| Series {
            name: format!("{}", 2024 + s),
            values: (0..categories)
                .map(|c| (c % 7 != 3).then_some(((c * 7 + s * 3) % 23) as f64))
                .collect(),
        })
        .collect()
}

#[test]
fn charts_print_their_names_values_and_hidden_labels() {
    let tmp = tempfile::tempdir().expect("tmp");
    let categories: Vec<String> = [
        "Pesten",
        "Seksuele intimidatie",
        "Discriminatie",
        "Agressie en geweld",
    ]
    .map(String::from)
    .to_vec();
    let grouped = Series {
        name: "Vorig jaar".into(),
        values: vec![Some(3.0), Some(17.0), None, Some(1234.5)],
    };
    let current = Series {
        name: "Dit jaar".into(),
        values: vec![Some(8.0), None, Some(6.0), Some(2.0)],
    };
    let blocks = [BarDirection::Horizontal, BarDirection::Vertical]
        .into_iter()
        .map(|direction| {
            Block::BarChart(BarChart {
                title: format!("Meldingen {direction:?}"),
                categories: categories.clone(),
                series: vec![grouped.clone(), current.clone()],
                direction,
                value_labels: true,
                hidden_label: "< 5".into(),
            })
        })
        .chain([
            Block::PageBreak,
            Block::LineChart(LineChart {
                title: "Uren per kwartaal".into(),
                categories: vec!["K1".into(), "K2".into(), "K3".into(), "K4".into()],
                series: vec![Series {
                    name: "Uren".into(),
                    values: vec![Some(12.5), Some(40.0), None, Some(7.25)],
                }],
                value_labels: true,
            }),
        ])
        .collect();
    let r = render(&doc(blocks));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let path = write(tmp.path(), "charts.pdf", &r);
    let first = page_text(&path, 1);
    for word in
        categories
            .iter()
            .map(String::as_str)
            .chain(["Vorig jaar", "Dit jaar", "1.234,5", "17"])
    {
        assert_eq!(
            first.matches(word).count(),
            2,
            "{word:?} should appear in both bar charts: {first}"
        );
    }
    let hidden = first.replace(' ', "").matches("<5").count();
    assert_eq!(hidden, 4, "one \"< 5\" per hidden value: {first}");
    let line = page_text(&path, 2);
    for word in ["Uren per kwartaal", "K1", "K4", "12,5", "40", "7,25"] {
        assert!(line.contains(word), "{word:?} missing: {line}");
    }
}

#[test]
fn crowded_charts_stay_on_the_paper_and_say_what_they_shortened() {
    let tmp = tempfile::tempdir().expect("tmp");
    let categories: Vec<String> = (0..80)
        .map(|i| format!("Afdeling {i} {}", "zeer lang ".repeat(i % 3 * 10)))
        .collect();
    let r = render(&doc(vec![
        Block::BarChart(BarChart {
            title: "Vertical with 80 categories falls back to horizontal".into(),
            categories: categories.clone(),
            series: chart_series(3, 80),
            direction: BarDirection::Vertical,
            value_labels: true,
            hidden_label: "< 5".into(),
        }),
        Block::LineChart(LineChart {
            title: "Line".into(),
            categories,
            series: chart_series(12, 80),
            value_labels: true,
        }),
    ]));
    assert!(
        r.warnings
            .iter()
            .any(|w| matches!(w, Warning::ShortenedLabels(n) if *n > 0)),
        "{:?}",
        r.warnings
    );
    let path = write(tmp.path(), "crowded.pdf", &r);
    assert!(
        r.pages > 3,
        "80 grouped rows need several pages: {}",
        r.pages
    );
    let text = tool("pdftotext", &["-enc", "UTF-8"], &path);
    let words: Vec<&str> = text.split_whitespace().collect();
    for i in [0, 41, 79] {
        let n = i.to_string();
        assert!(
            words.windows(2).any(|w| w == ["Afdeling", n.as_str()]),
            "row {i} lost"
        );
    }
    tool("qpdf", &["--check"], &path);
}
