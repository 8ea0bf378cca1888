//! HR's annual report on social safety and integrity as a document: a
//! cover, the contents, the key figures, the complaints register's figures
//! under disclosure control with charts, each confidential advisor's
//! figures as they released them (a hidden count stays hidden), and how
//! anonymity was protected. Every table is also given as CSV.

use chrono::{DateTime, NaiveDate, Utc};
use vertrouwd_pdf::{Block, Document, Span};

use super::report::PublishedComplaints;
use super::AdvisorRelease;
use crate::disclosure::{Breakdown, Cell};
use crate::language::{self, Language};
use crate::reports;

/// What the report is written from besides its figures.
#[derive(Debug)]
pub struct Facts<'a> {
    pub organisation: &'a str,
    pub author: &'a str,
    pub printed: DateTime<Utc>,
    pub today: NaiveDate,
    pub language: Language,
    /// A code's name in the report's language (complaints and advisors).
    pub label: fn(Language, &str) -> String,
}

/// The title of a breakdown.
pub fn title(id: &str, lang: Language) -> String {
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    match id {
        "procedure" => t("Soort klacht of melding", "Kind of complaint or report"),
        "nature" => t("Aard", "Nature"),
        "channel" => t("Hoe binnengekomen", "How it came in"),
        "quarter" => t("Ontvangen per kwartaal", "Received per quarter"),
        "ending" => t("Stand of afloop", "Where it stands or how it ended"),
        "finding" => t("Oordeel", "Finding"),
        "measures" => t("Maatregelen", "Measures"),
        "cases" => t("Nieuw en uit eerdere jaren", "New and carried over"),
        "reporter_role" => t("Wie meldde", "Who reported"),
        "relation" => t(
            "Relatie tot de betrokkene",
            "Relation to the person concerned",
        ),
        "intervention" => t("Wat de vertrouwenspersoon deed", "What the advisor did"),
        "outcome" => t("Uitkomst", "Outcome"),
        "complaints" => t("Klachten", "Complaints"),
        other => other.to_string(),
    }
}

/// A cell's category in the report's language.
fn category(f: &Facts<'_>, breakdown: &str, cell: &Cell) -> String {
    let lang = f.language;
    if let Some(n) = cell
        .category
        .strip_prefix('q')
        .filter(|_| breakdown == "quarter")
    {
        return language::text(lang, &format!("kwartaal {n}"), &format!("quarter {n}"));
    }
    match cell.category.as_str() {
        "open" => language::text(lang, "loopt nog", "still running"),
        "new" => language::text(lang, "nieuw", "new"),
        "carried_over" => language::text(lang, "uit eerdere jaren", "carried over"),
        c if c.starts_with("nature_") => cell.label.clone(),
        c => (f.label)(lang, c),
    }
}

/// A count as the text says it: the number, or "minder dan k".
fn said(cell: &Cell, k: u32, lang: Language) -> String {
    match cell.value {
        Some(v) => v.to_string(),
        None => language::text(lang, &format!("minder dan {k}"), &format!("fewer than {k}")),
    }
}

fn tables(out: &mut Vec<Block>, breakdowns: &[Breakdown], k: u32, f: &Facts<'_>) {
    for b in breakdowns {
        let chart = matches!(b.id.as_str(), "nature" | "quarter" | "ending");
        let id = b.id.clone();
        out.extend(reports::breakdown(
            b,
            title(&b.id, f.language),
            k,
            f.language,
            &|c| category(f, &id, c),
            chart,
        ));
    }
}

/// The report as a document for the PDF engine.
pub fn document(
    year: i32,
    complaints: &PublishedComplaints,
    releases: &[AdvisorRelease],
    f: &Facts<'_>,
) -> Document {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let k = complaints.k;
    let heading = |level: u8, text: String| Block::Heading { level, text };
    let mut blocks = vec![heading(1, t("1. Samenvatting", "1. Summary"))];
    let mut key = vec![(
        t(
            "Klachten en meldingen ontvangen",
            "Complaints and reports received",
        ),
        said(&complaints.received, k, lang),
    )];
    for r in releases {
        key.push((
            t(
                &format!("Meldingen bij {}", r.advisor),
                &format!("Cases with {}", r.advisor),
            ),
            match r.release.cases {
                Some(n) => n.to_string(),
                None => t(
                    &format!("minder dan {}", r.release.k),
                    &format!("fewer than {}", r.release.k),
                ),
            },
        ));
    }
    if let Some(d) = complaints.median_days {
        key.push((
            t(
                "Doorlooptijd (mediaan, dagen)",
                "Time to close (median, days)",
            ),
            reports::number_text(d, lang),
        ));
    }
    if let Some(p) = complaints.on_time_percent {
        key.push((
            t("Stappen binnen de termijn", "Steps within their term"),
            reports::percent_text(p, lang),
        ));
    }
    blocks.push(Block::KeyValue(key));

    blocks.push(heading(
        1,
        t("2. Klachten en meldingen", "2. Complaints and reports"),
    ));
    blocks.push(Block::Paragraph(vec![Span::plain(t(
        "Formele klachten over ongewenste omgangsvormen, meldingen van een vermoeden van een misstand en klachten van burgers, ontvangen in het jaar; hoe zij tot nu toe afliepen.",
        "Formal complaints about undesirable behaviour, reports of suspected wrongdoing and citizens' complaints received in the year, and how they ended so far.",
    ))]));
    if complaints.received.value.is_none() {
        blocks.push(Block::Paragraph(vec![Span::plain(t(
            &format!("Er kwamen minder dan {k} klachten binnen; om niemand herkenbaar te maken staan er geen verdere aantallen in dit verslag."),
            &format!("Fewer than {k} complaints came in; so that nobody becomes recognisable, this report gives no further counts."),
        ))]));
    }
    if complaints.not_readable.value != Some(0) {
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            "Klachten die voor de opsteller van dit verslag zijn afgeschermd, zijn niet meegeteld.",
            "Complaints restricted from the author of this report are not counted.",
        ))]));
    }
    tables(&mut blocks, &complaints.breakdowns, k, f);

    blocks.push(heading(
        1,
        t("3. De vertrouwenspersonen", "3. The confidential advisors"),
    ));
    if releases.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            "Er zijn geen jaarcijfers van een vertrouwenspersoon ingelezen.",
            "No advisor's figures were imported.",
        ))]));
    }
    for r in releases {
        let rel = &r.release;
        blocks.push(heading(2, format!("{} ({})", r.advisor, r.organisation)));
        let cases = match rel.cases {
            Some(n) => t(
                &format!("In {year} liepen er {n} meldingen bij deze vertrouwenspersoon."),
                &format!("In {year} this advisor handled {n} cases."),
            ),
            None => t(
                &format!("In {year} waren er minder dan {} meldingen; er staan geen verdere aantallen in.", rel.k),
                &format!("In {year} there were fewer than {} cases; no further counts are given.", rel.k),
            ),
        };
        blocks.push(Block::Paragraph(vec![Span::plain(cases)]));
        tables(&mut blocks, &rel.breakdowns, rel.k, f);
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            &format!(
                "Ondertekend door de vertrouwenspersoon; sleutel {}.",
                r.fingerprint
            ),
            &format!("Signed by the advisor; key {}.", r.fingerprint),
        ))]));
    }

    blocks.push(heading(
        1,
        t(
            "4. Zo is de anonimiteit beschermd",
            "4. How anonymity was protected",
        ),
    ));
    blocks.extend(reports::anonymity_rules(k, lang));
    blocks.push(Block::Paragraph(vec![Span::plain(t(
        "Geen mediaan en geen aandeel op tijd als minder dan k klachten het dragen. De cijfers van een vertrouwenspersoon staan er zoals die ze vrijgaf.",
        "No median and no share on time when fewer than k complaints carry it. An advisor's figures are given as they released them.",
    ))]));
    blocks.push(heading(
        2,
        t(
            "Wat niet getoond is, en waarom",
            "What is not shown, and why",
        ),
    ));
    let mut appendix = complaints.appendix.clone();
    for r in releases {
        appendix.extend(r.release.appendix.iter().cloned());
    }
    blocks.extend(reports::appendix(
        &appendix,
        k,
        lang,
        &|b| title(b, lang),
        &|b, c| {
            let cell = Cell {
                category: c.to_string(),
                label: c.to_string(),
                value: None,
                hidden: None,
                percent: None,
            };
            category(f, b, &cell)
        },
    ));

    reports::document(
        &reports::Head {
            title: t(
                &format!("Jaarverslag sociale veiligheid en integriteit {year}"),
                &format!("Annual report on social safety and integrity {year}"),
            ),
            year,
            organisation: f.organisation,
            author: f.author,
            author_as: t("Opgesteld door", "Written by"),
            printed: f.printed,
            today: f.today,
            language: lang,
        },
        blocks,
    )
}

/// Every table of the report as CSV files: (file name, bytes).
pub fn csv_files(
    complaints: &PublishedComplaints,
    releases: &[AdvisorRelease],
    f: &Facts<'_>,
) -> Vec<(String, Vec<u8>)> {
    let lang = f.language;
    let header = vec![
        language::text(lang, "Categorie", "Category"),
        language::text(lang, "Aantal", "Number"),
        "%".to_string(),
    ];
    let table = |b: &Breakdown, k: u32| -> Vec<u8> {
        let rows: Vec<Vec<String>> = if b.withheld.is_some() {
            vec![vec![
                reports::withheld_text(
                    b.withheld.unwrap_or(crate::disclosure::Withheld::LeftOut),
                    k,
                    lang,
                ),
                String::new(),
                String::new(),
            ]]
        } else {
            b.cells
                .iter()
                .map(|c| {
                    vec![
                        category(f, &b.id, c),
                        reports::count_text(c, k),
                        c.percent
                            .map_or(String::new(), |p| reports::percent_text(p, lang)),
                    ]
                })
                .collect()
        };
        reports::csv(&header, &rows, lang)
    };
    let mut out: Vec<(String, Vec<u8>)> = complaints
        .breakdowns
        .iter()
        .map(|b| (format!("klachten-{}.csv", b.id), table(b, complaints.k)))
        .collect();
    for (i, r) in releases.iter().enumerate() {
        for b in &r.release.breakdowns {
            out.push((
                format!("vertrouwenspersoon-{}-{}.csv", i + 1, b.id),
                table(b, r.release.k),
            ));
        }
    }
    out
}
