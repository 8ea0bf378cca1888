//! HR's annual report on social safety and integrity as a document: a
//! cover, the contents, the key figures, the complaints register's figures
//! under disclosure control with charts, each confidential advisor's
//! figures as they released them (a hidden count stays hidden), and how
//! anonymity was protected. Every table is also given as CSV ([`super::csv`]).

use chrono::{DateTime, NaiveDate, Utc};
use vertrouwd_pdf::{
    Align, BarChart, BarDirection, Block, Column, Document, LineChart, Series, Span, Table,
};

use super::combined::CombinedAdvisors;
use super::comparison::NotComparable;
use super::plan::{ActionStatus, HrReportTexts, ReportAction};
use super::report::PublishedComplaints;
use super::{HrReportPreview, ReportFigures};
use crate::disclosure::{Breakdown, Cell, Hidden};
use crate::language::{self, Language};
use crate::{markdown, reports};

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
        "awb" => t("Klachten volgens de Awb", "Complaints under the Awb"),
        "step_days" => t("Doorlooptijd per stap", "Time per step"),
        "awb_ending" => t(
            "Klachten volgens de Awb: stand of afloop",
            "Complaints under the Awb: where they stand or how they ended",
        ),
        "awb_finding" => t(
            "Klachten volgens de Awb: oordeel",
            "Complaints under the Awb: finding",
        ),
        other => other.to_string(),
    }
}

/// A cell's category in the report's language.
pub(super) fn category(f: &Facts<'_>, breakdown: &str, cell: &Cell) -> String {
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

/// The key figures beside last year's: the header and the rows.
pub(super) fn key_figures(p: &HrReportPreview, f: &Facts<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let year = p.figures.year;
    let k = p.figures.complaints.k;
    let value = |value: Option<u32>, hidden: Option<Hidden>| {
        if value.is_none() && hidden.is_none() {
            return "—".to_string();
        }
        reports::count_text(
            &Cell {
                category: String::new(),
                label: String::new(),
                value,
                hidden,
                percent: None,
            },
            k,
        )
    };
    let rows = p
        .comparisons
        .iter()
        .map(|c| {
            vec![
                figure_name(&c.figure, lang),
                value(c.this_year, c.this_hidden),
                match c.not_comparable {
                    Some(NotComparable::NotPublished) => "—".into(),
                    _ => value(c.last_year, c.last_hidden),
                },
                match (c.change, c.not_comparable) {
                    (Some(d), _) => format!("{d:+}"),
                    (None, Some(NotComparable::NotPublished)) => {
                        t("niet gepubliceerd", "not published")
                    }
                    (None, _) => t("niet vergelijkbaar", "not comparable"),
                },
            ]
        })
        .collect();
    let header = vec![
        t("Kerncijfer", "Key figure"),
        year.to_string(),
        (year - 1).to_string(),
        t("Verschil", "Change"),
    ];
    (header, rows)
}

/// The key figures as a table of the document.
fn key_table(p: &HrReportPreview, f: &Facts<'_>) -> Block {
    let (header, rows) = key_figures(p, f);
    number_table(header, rows, &[5.0, 1.5, 1.5, 2.5])
}

/// A table of a name and numbers: the first column left, the others right.
fn number_table(header: Vec<String>, rows: Vec<Vec<String>>, widths: &[f32]) -> Block {
    Block::Table(Table {
        columns: header
            .into_iter()
            .zip(widths.iter().copied())
            .enumerate()
            .map(|(i, (title, width))| Column {
                title,
                width,
                align: if i == 0 { Align::Left } else { Align::Right },
            })
            .collect(),
        rows,
        zebra: true,
    })
}

/// A key figure's name.
pub(super) fn figure_name(figure: &str, lang: Language) -> String {
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    match figure {
        "received" => t(
            "Klachten en meldingen ontvangen",
            "Complaints and reports received",
        ),
        "advisor_cases" => t(
            "Meldingen bij de vertrouwenspersonen",
            "Cases with the confidential advisors",
        ),
        other => other.to_string(),
    }
}

/// The nature of this year's complaints beside last year's, as grouped
/// bars (only where both years show the line).
fn year_over_year(p: &HrReportPreview, f: &Facts<'_>) -> Option<Block> {
    let nature = |r: &ReportFigures| {
        r.complaints
            .breakdowns
            .iter()
            .find(|b| b.id == "nature" && b.withheld.is_none())
            .cloned()
    };
    let now = nature(&p.figures)?;
    let then = nature(p.previous.as_ref()?)?;
    let year = p.figures.year;
    let mut cells: Vec<&Cell> = now.cells.iter().collect();
    for c in &then.cells {
        if !cells.iter().any(|x| x.category == c.category) {
            cells.push(c);
        }
    }
    let value = |b: &Breakdown, code: &str| {
        b.cells
            .iter()
            .find(|c| c.category == code)
            .map_or(Some(0.0), |c| c.value.map(f64::from))
    };
    Some(Block::BarChart(BarChart {
        title: language::text(
            f.language,
            &format!("Aard van de klachten, {} en {year}", year - 1),
            &format!("Nature of the complaints, {} and {year}", year - 1),
        ),
        categories: cells.iter().map(|c| category(f, "nature", c)).collect(),
        series: [(year - 1, &then), (year, &now)]
            .into_iter()
            .map(|(y, b)| Series {
                name: y.to_string(),
                values: cells.iter().map(|c| value(b, &c.category)).collect(),
            })
            .collect(),
        direction: BarDirection::Horizontal,
        value_labels: true,
        hidden_label: "×".into(),
    }))
}

/// The years as published: complaints and advisors' cases as lines, the
/// share of steps on time as bars.
fn trend(p: &HrReportPreview, f: &Facts<'_>) -> Vec<Block> {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let years: Vec<String> = p.trend.iter().map(|y| y.year.to_string()).collect();
    let counted = p
        .trend
        .iter()
        .filter(|y| y.received.is_some() || y.advisor_cases.is_some())
        .count();
    let mut out = vec![];
    if counted < 2 {
        out.push(Block::Paragraph(vec![Span::italic(t(
            "Er zijn nog geen eerdere jaren gepubliceerd om mee te vergelijken.",
            "No earlier years were published to compare with yet.",
        ))]));
        return out;
    }
    out.push(Block::LineChart(LineChart {
        title: t("Vijf jaar", "Five years"),
        categories: years.clone(),
        series: [
            (
                "received",
                p.trend.iter().map(|y| y.received).collect::<Vec<_>>(),
            ),
            (
                "advisor_cases",
                p.trend.iter().map(|y| y.advisor_cases).collect(),
            ),
        ]
        .into_iter()
        .filter(|(_, values)| values.iter().any(Option::is_some))
        .map(|(figure, values)| Series {
            name: figure_name(figure, lang),
            values: values.into_iter().map(|v| v.map(f64::from)).collect(),
        })
        .collect(),
        value_labels: true,
    }));
    if p.trend.iter().any(|y| y.on_time_percent.is_some()) {
        out.push(Block::BarChart(BarChart {
            title: t(
                "Stappen binnen de termijn (%)",
                "Steps within their term (%)",
            ),
            categories: years,
            series: vec![Series {
                name: "%".into(),
                values: p.trend.iter().map(|y| y.on_time_percent).collect(),
            }],
            direction: BarDirection::Vertical,
            value_labels: true,
            hidden_label: "—".into(),
        }));
    }
    out.push(Block::Paragraph(vec![Span::italic(t(
        "Eerdere jaren zoals ze gepubliceerd zijn; een jaar dat niet gepubliceerd is of onder k bleef, is een gat in de lijn.",
        "Earlier years as they were published; a year not published or below k is a gap in the line.",
    ))]));
    out
}

/// The median time per step of the procedures: a header and rows (a step
/// fewer than k complaints did reads so, without its median).
pub(super) fn step_rows(c: &PublishedComplaints, f: &Facts<'_>) -> (Vec<String>, Vec<Vec<String>>) {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let header = vec![
        t("Stap", "Step"),
        t("Mediaan, dagen na ontvangst", "Median, days after receipt"),
    ];
    let rows = c
        .step_days
        .iter()
        .map(|s| {
            vec![
                (f.label)(lang, &s.step),
                s.median_days.map_or_else(
                    || {
                        t(
                            &format!("minder dan {} klachten", c.k),
                            &format!("fewer than {} complaints", c.k),
                        )
                    },
                    |d| reports::number_text(d, lang),
                ),
            ]
        })
        .collect();
    (header, rows)
}

/// The median time per step as a table, when any step was done.
fn step_table(c: &PublishedComplaints, f: &Facts<'_>) -> Vec<Block> {
    if c.step_days.is_empty() {
        return vec![];
    }
    let (header, rows) = step_rows(c, f);
    vec![
        Block::Heading {
            level: 3,
            text: language::text(f.language, "Doorlooptijd per stap", "Time per step"),
        },
        number_table(header, rows, &[5.0, 3.0]),
    ]
}

/// The advisors' figures added up, before each advisor's own.
/// With `years`, the releases are those of several years.
fn combined(out: &mut Vec<Block>, c: &CombinedAdvisors, years: bool, k: u32, f: &Facts<'_>) {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    out.push(Block::Heading {
        level: 2,
        text: t(
            "Alle vertrouwenspersonen samen",
            "All confidential advisors together",
        ),
    });
    out.push(Block::Paragraph(vec![Span::plain(if years {
        t(
            &format!("De {} vrijgaven van deze jaren opgeteld. Een aantal staat er alleen als elke vrijgave het zelf toonde; anders staat er ×.", c.advisors),
            &format!("The {} releases of these years added up. A count is given only where every release showed it; otherwise it reads ×.", c.advisors),
        )
    } else {
        t(
            &format!("De cijfers van {} vertrouwenspersonen opgeteld. Een aantal staat er alleen als elke vertrouwenspersoon het zelf toonde; anders staat er ×.", c.advisors),
            &format!("The figures of {} advisors added up. A count is given only where every advisor showed it; otherwise it reads ×.", c.advisors),
        )
    })]));
    let mut key = vec![
        (t("Meldingen", "Cases"), reports::count_text(&c.cases, k)),
        (
            t("Gesprekken", "Conversations"),
            reports::count_text(&c.conversations, k),
        ),
    ];
    if let Some(h) = c.hours {
        key.push((t("Uren", "Hours"), reports::number_text(h, lang)));
    }
    out.push(Block::KeyValue(key));
    tables(out, &c.breakdowns, k, f);
}

/// The median time to close and the share of steps on time, where shown.
fn times(median: Option<f64>, on_time: Option<f64>, lang: Language) -> Vec<(String, String)> {
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let mut key = vec![];
    if let Some(d) = median {
        key.push((
            t(
                "Doorlooptijd (mediaan, dagen)",
                "Time to close (median, days)",
            ),
            reports::number_text(d, lang),
        ));
    }
    if let Some(p) = on_time {
        key.push((
            t("Stappen binnen de termijn", "Steps within their term"),
            reports::percent_text(p, lang),
        ));
    }
    key
}

/// The yearly publication of art. 9:12a Awb: the written complaints about
/// the public body received in the year, how they ended and what was
/// found, as far as disclosure control lets them be shown.
fn awb(out: &mut Vec<Block>, complaints: &PublishedComplaints, year: &str, f: &Facts<'_>) {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let k = complaints.k;
    let Some(a) = &complaints.awb else {
        out.push(Block::Paragraph(vec![Span::plain(t(
            &format!(
                "In {year} kwamen er geen klachten binnen volgens de klachtprocedure van de Awb."
            ),
            &format!("In {year} no complaints came in under the Awb complaints procedure."),
        ))]));
        return;
    };
    let received = match (a.received.value, a.received.hidden) {
        (Some(n), _) => t(
            &format!("In {year} kwamen er {n} klachten binnen volgens de klachtprocedure van de Awb."),
            &format!("In {year}, {n} complaints came in under the Awb complaints procedure."),
        ),
        (None, Some(Hidden::BelowK)) => t(
            &format!("In {year} kwamen er minder dan {k} klachten binnen volgens de klachtprocedure van de Awb; om niemand herkenbaar te maken staan er geen verdere aantallen."),
            &format!("In {year}, fewer than {k} complaints came in under the Awb complaints procedure; so that nobody becomes recognisable, no further counts are given."),
        ),
        _ => t(
            "Het aantal klachten volgens de klachtprocedure van de Awb staat er niet: naast de andere cijfers zou het een klein aantal prijsgeven.",
            "The number of complaints under the Awb complaints procedure is not given: beside the other figures it would give a small count away.",
        ),
    };
    out.push(Block::Paragraph(vec![Span::plain(received)]));
    let key = times(a.median_days, a.on_time_percent, lang);
    if !key.is_empty() {
        out.push(Block::KeyValue(key));
    }
    tables(out, &a.breakdowns, k, f);
}

/// Level 1 headings, numbered in the order they come (a section without
/// content is left out, and the numbers close up).
struct Numbered(u32);

impl Numbered {
    fn next(&mut self, title: String) -> Block {
        self.0 += 1;
        Block::Heading {
            level: 1,
            text: format!("{}. {title}", self.0),
        }
    }
}

/// How an action stands, in words.
fn status_text(s: ActionStatus, lang: Language) -> String {
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    match s {
        ActionStatus::Planned => t("gepland", "planned"),
        ActionStatus::InProgress => t("loopt", "in progress"),
        ActionStatus::Done => t("gedaan", "done"),
        ActionStatus::Dropped => t("vervallen", "dropped"),
    }
}

/// Actions as a table: what, who, when, how it stands.
fn actions_table(actions: &[&ReportAction], lang: Language) -> Block {
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let column = |title: String, width: f32| Column {
        title,
        width,
        align: Align::Left,
    };
    Block::Table(Table {
        columns: vec![
            column(t("Aanbeveling", "Recommendation"), 5.0),
            column(t("Wie", "Who"), 2.0),
            column(t("Wanneer", "When"), 1.8),
            column(t("Stand", "Status"), 2.2),
        ],
        rows: actions
            .iter()
            .map(|a| {
                let status = status_text(a.status, lang);
                vec![
                    a.recommendation.clone(),
                    a.owner.clone(),
                    language::date(a.due_on, lang),
                    match &a.note {
                        Some(n) => format!("{status}: {n}"),
                        None => status,
                    },
                ]
            })
            .collect(),
        zebra: true,
    })
}

/// The report's own words and plan, beside its figures.
#[derive(Debug, Default)]
pub struct Words {
    pub texts: HrReportTexts,
    /// The year's actions and last year's.
    pub actions: Vec<ReportAction>,
    /// The advisors whose jaarverslag follows the report, in that order.
    pub included: Vec<String>,
}

/// The report as a document for the PDF engine.
pub fn document(p: &HrReportPreview, w: &Words, f: &Facts<'_>) -> Document {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let year = p.figures.year;
    let complaints = &p.figures.complaints;
    let releases = &p.figures.releases;
    let k = complaints.k;
    let heading = |level: u8, text: String| Block::Heading { level, text };
    // The years the report covers: one, or three together.
    let first_year = p.figures.first_year;
    let period = first_year.map_or(year.to_string(), |from| format!("{from}–{year}"));
    let mut n = Numbered(0);
    let mut blocks = vec![];
    if !w.texts.introduction.trim().is_empty() {
        blocks.push(n.next(t("Inleiding", "Introduction")));
        blocks.extend(markdown::blocks(&w.texts.introduction, 2));
    }
    blocks.push(n.next(t("Samenvatting", "Summary")));
    blocks.push(Block::Paragraph(vec![Span::italic(match &p.published {
        Some(at) => t(
            &format!(
                "Gepubliceerd op {} door {}; de cijfers liggen vast.",
                language::long_date(at.published_at.date_naive(), lang),
                at.published_by
            ),
            &format!(
                "Published on {} by {}; the figures are frozen.",
                language::long_date(at.published_at.date_naive(), lang),
                at.published_by
            ),
        ),
        None if first_year.is_some() => t(
            &format!("Dit verslag neemt de jaren {period} samen: de aantallen van één jaar zijn te klein om te tonen zonder iemand herkenbaar te maken. Het is gecontroleerd tegen de jaren die al afzonderlijk zijn gepubliceerd: wat daarnaast iets zou prijsgeven, staat er niet."),
            &format!("This report takes the years {period} together: the counts of one year are too small to show without making someone recognisable. It was checked against the years already published on their own: what would give something away beside them is left out."),
        ),
        None => t(
            "Concept: de cijfers zijn nog niet gepubliceerd en kunnen nog veranderen.",
            "Draft: the figures are not published yet and may still change.",
        ),
    })]));
    let mut key = vec![];
    if p.comparisons.is_empty() {
        key.push((
            format!("{}, {period}", figure_name("received", lang)),
            reports::count_text(&complaints.received, k),
        ));
    } else {
        blocks.push(key_table(p, f));
    }
    for r in releases {
        let of = first_year.map_or(String::new(), |_| format!(", {}", r.year));
        key.push((
            t(
                &format!("Meldingen bij {}{of}", r.advisor),
                &format!("Cases with {}{of}", r.advisor),
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
    key.extend(times(
        complaints.median_days,
        complaints.on_time_percent,
        lang,
    ));
    if !key.is_empty() {
        blocks.push(Block::KeyValue(key));
    }

    blocks.push(n.next(t("Klachten en meldingen", "Complaints and reports")));
    blocks.push(Block::Paragraph(vec![Span::plain(t(
        &format!("Formele klachten over ongewenste omgangsvormen, meldingen van een vermoeden van een misstand en klachten van burgers, ontvangen in {period}; hoe zij tot nu toe afliepen."),
        &format!("Formal complaints about undesirable behaviour, reports of suspected wrongdoing and citizens' complaints received in {period}, and how they ended so far."),
    ))]));
    match (complaints.received.value, complaints.received.hidden) {
        (Some(_), _) => {}
        (None, Some(Hidden::BelowK)) | (None, None) => blocks.push(Block::Paragraph(vec![Span::plain(t(
            &format!("Er kwamen minder dan {k} klachten binnen; om niemand herkenbaar te maken staan er geen verdere aantallen in dit verslag."),
            &format!("Fewer than {k} complaints came in; so that nobody becomes recognisable, this report gives no further counts."),
        ))])),
        (None, Some(_)) => blocks.push(Block::Paragraph(vec![Span::plain(t(
            "Het aantal klachten staat er niet: naast de jaren die al afzonderlijk zijn gepubliceerd zou het een klein aantal prijsgeven. Daarom staan er geen verdere aantallen in dit verslag.",
            "The number of complaints is not given: beside the years already published on their own it would give a small count away. So this report gives no further counts.",
        ))])),
    }
    if complaints.not_readable.value != Some(0) {
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            "Klachten die voor de opsteller van dit verslag zijn afgeschermd, zijn niet meegeteld.",
            "Complaints restricted from the author of this report are not counted.",
        ))]));
    }
    tables(&mut blocks, &complaints.breakdowns, k, f);
    blocks.extend(step_table(complaints, f));
    blocks.extend(year_over_year(p, f));

    if complaints.awb.is_some() || !w.texts.awb_summary.trim().is_empty() {
        blocks.push(heading(
            2,
            t(
                "Klachten over het bestuursorgaan (artikel 9:12a Awb)",
                "Complaints about the public body (art. 9:12a Awb)",
            ),
        ));
        awb(&mut blocks, complaints, &period, f);
        blocks.extend(markdown::blocks(&w.texts.awb_summary, 3));
    }
    blocks.push(n.next(t("De vertrouwenspersonen", "The confidential advisors")));
    if let Some(c) = &p.figures.combined {
        combined(&mut blocks, c, first_year.is_some(), k, f);
    }
    if releases.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            "Er zijn geen jaarcijfers van een vertrouwenspersoon ingelezen.",
            "No advisor's figures were imported.",
        ))]));
    }
    for r in releases {
        let rel = &r.release;
        let of = first_year.map_or(String::new(), |_| format!(", {}", r.year));
        blocks.push(heading(
            2,
            format!("{} ({}){of}", r.advisor, r.organisation),
        ));
        let year = r.year;
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
        if w.included.contains(&r.advisor) {
            blocks.push(Block::Paragraph(vec![Span::plain(t(
                "Het jaarverslag van deze vertrouwenspersoon staat ongewijzigd achter dit verslag.",
                "This advisor's annual report follows this report unchanged.",
            ))]));
        }
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            &format!(
                "Ondertekend door de vertrouwenspersoon; sleutel {}.",
                r.fingerprint
            ),
            &format!("Signed by the advisor; key {}.", r.fingerprint),
        ))]));
    }

    blocks.push(n.next(t("Voorlichting en preventie", "Information and prevention")));
    let activities =
        crate::releases::add_activities(releases.iter().flat_map(|r| &r.release.activities));
    if activities.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            "De vertrouwenspersonen meldden geen activiteiten voor voorlichting of preventie.",
            "The advisors reported no information or prevention activities.",
        ))]));
    } else {
        blocks.push(Block::Paragraph(vec![Span::plain(t(
            "Voorlichting, preventiebijeenkomsten en ander werk dat mensen bereikte, zoals de vertrouwenspersonen het met hun jaarcijfers meldden (alle vertrouwenspersonen samen).",
            "Information, prevention sessions and other work that reached people, as the advisors reported it with their figures (all advisors together).",
        ))]));
        blocks.push(reports::activities_table(&activities, lang, &|c| {
            (f.label)(lang, c)
        }));
    }

    blocks.push(n.next(t("Door de jaren", "Over the years")));
    blocks.extend(trend(p, f));

    let now: Vec<&ReportAction> = w.actions.iter().filter(|a| a.year == year).collect();
    let before: Vec<&ReportAction> = w.actions.iter().filter(|a| a.year == year - 1).collect();
    if !w.texts.conclusions.trim().is_empty() || !now.is_empty() || !before.is_empty() {
        blocks.push(n.next(t(
            "Signalen en aanbevelingen",
            "Signals and recommendations",
        )));
        blocks.extend(markdown::blocks(&w.texts.conclusions, 3));
        if !now.is_empty() {
            blocks.push(heading(2, t("Plan van aanpak", "Plan of action")));
            blocks.push(actions_table(&now, lang));
        }
        if !before.is_empty() {
            blocks.push(heading(
                2,
                t(
                    &format!("Zo staan de acties uit het jaarverslag over {}", year - 1),
                    &format!("Where the actions of the {} report stand", year - 1),
                ),
            ));
            blocks.push(actions_table(&before, lang));
        }
    }

    blocks.push(n.next(t(
        "Zo is de anonimiteit beschermd",
        "How anonymity was protected",
    )));
    blocks.extend(reports::anonymity_rules(k, lang));
    blocks.push(Block::Bullets(
        [
            t(
                "Geen mediaan en geen aandeel op tijd als minder dan k klachten het dragen.",
                "No median and no share on time when fewer than k complaints carry it.",
            ),
            t(
                "De cijfers van een vertrouwenspersoon staan er zoals die ze vrijgaf en ondertekende. Opgeteld staat een aantal er alleen als elke vertrouwenspersoon het zelf toonde.",
                "An advisor's figures are given as they released and signed them. Added up, a count is given only where every advisor showed it.",
            ),
            t(
                "Een verschil met vorig jaar alleen als beide jaren minstens k tellen; vergeleken wordt met de cijfers zoals ze toen gepubliceerd zijn, nooit met opnieuw getelde.",
                "A change from last year only when both years count at least k; compared with the figures as they were published then, never with figures counted again.",
            ),
            t(
                "Klachten en meldingen bij de vertrouwenspersonen worden nergens bij elkaar opgeteld of van elkaar afgetrokken.",
                "Complaints and the advisors' cases are never added to or subtracted from each other.",
            ),
        ]
        .into_iter()
        .map(|s| vec![Span::plain(s)])
        .collect(),
    ));
    blocks.push(heading(
        2,
        t(
            "Wat niet getoond is, en waarom",
            "What is not shown, and why",
        ),
    ));
    let mut appendix = complaints.appendix.clone();
    if let Some(c) = &p.figures.combined {
        appendix.extend(c.appendix.iter().cloned());
    }
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

    if !w.included.is_empty() {
        blocks.push(n.next(t(
            "Bijlage: de jaarverslagen van de vertrouwenspersonen",
            "Appendix: the confidential advisors' annual reports",
        )));
        blocks.push(Block::Paragraph(vec![Span::plain(t(
            "Hierna volgen, ongewijzigd en met hun eigen paginanummering, de jaarverslagen die de vertrouwenspersonen bij hun ondertekende cijfers gaven. Bij ontvangst is gecontroleerd dat elk precies het verslag is dat de vertrouwenspersoon ondertekende.",
            "What follows, unchanged and with their own page numbers, are the annual reports the advisors gave with their signed figures. On receipt each was checked to be exactly the report the advisor signed.",
        ))]));
        blocks.push(Block::Bullets(
            w.included
                .iter()
                .map(|advisor| {
                    vec![Span::plain(t(
                        &format!("Jaarverslag {year} van {advisor}"),
                        &format!("Annual report {year} by {advisor}"),
                    ))]
                })
                .collect(),
        ));
    }

    reports::document(
        &reports::Head {
            title: t(
                &if first_year.is_some() {
                    format!("Verslag sociale veiligheid en integriteit {period}")
                } else {
                    format!("Jaarverslag sociale veiligheid en integriteit {year}")
                },
                &if first_year.is_some() {
                    format!("Report on social safety and integrity {period}")
                } else {
                    format!("Annual report on social safety and integrity {year}")
                },
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
