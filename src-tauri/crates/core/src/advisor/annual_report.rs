//! The advisor's jaarverslag (annual report) for the board and the works
//! council: the four tasks of the confidential advisor with the year's
//! figures, the activities besides cases, the advisor's signals and
//! recommendations, and how anonymity was protected. Every figure comes
//! from the year's statistics release, exactly as released (so only what
//! passed disclosure control is in it); the narrative sections are the
//! advisor's own words.

use chrono::{DateTime, NaiveDate, Utc};
use vertrouwd_pdf::{Block, Document, Span};

use super::labels::label;
use super::model::Activity;
use super::stats::Release;
use crate::disclosure::{Breakdown, Cell};
use crate::language::{self, duration, Language};
use crate::markdown;
use crate::reports;

/// Hours of intervision and courses re-certification asks in four years
/// (LVV).
pub const RECERTIFICATION_HOURS: u32 = 72;

/// The advisor's own words for the year, in the little Markdown of
/// [`markdown`].
#[derive(Debug, Clone, Default)]
pub struct Texts {
    pub introduction: String,
    pub signals: String,
    pub recommendations: String,
}

/// What the jaarverslag is written from besides the release.
#[derive(Debug)]
pub struct Facts<'a> {
    pub organisation: &'a str,
    pub advisor: &'a str,
    pub printed: DateTime<Utc>,
    pub today: NaiveDate,
    pub language: Language,
    /// The year's activities.
    pub activities: &'a [Activity],
    /// Minutes of intervision and courses in the four years to the
    /// year's end.
    pub development_minutes: u64,
    pub texts: &'a Texts,
}

fn breakdown<'r>(release: &'r Release, id: &str) -> Option<&'r Breakdown> {
    release.breakdowns.iter().find(|b| b.id == id)
}

fn cell<'r>(release: &'r Release, id: &str, category: &str) -> Option<&'r Cell> {
    breakdown(release, id)?
        .cells
        .iter()
        .find(|c| c.category == category)
}

/// The title of a breakdown of the release.
fn title(id: &str, lang: Language) -> String {
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    match id {
        "cases" => t("Nieuw en uit eerdere jaren", "New and carried over"),
        "nature" => t("Aard van de meldingen", "Nature of the cases"),
        "reporter_role" => t("Wie meldde", "Who reported"),
        "relation" => t(
            "Relatie tot de betrokkene",
            "Relation to the person concerned",
        ),
        "intervention" => t("Wat de vertrouwenspersoon deed", "What the advisor did"),
        "outcome" => t("Uitkomst", "Outcome"),
        "quarter" => t("Nieuwe meldingen per kwartaal", "New cases per quarter"),
        other => other.to_string(),
    }
}

/// A cell's category as readers see it: a shipped code in the language, an
/// added nature by the name it had when released, a quarter as "kwartaal n".
fn category_name(breakdown: &str, code: &str, dutch: &str, lang: Language) -> String {
    if breakdown == "quarter" {
        let n = code.trim_start_matches('q');
        return language::text(lang, &format!("kwartaal {n}"), &format!("quarter {n}"));
    }
    if code.starts_with("nature_") {
        return dutch.to_string();
    }
    match code {
        "new" => language::text(lang, "nieuw", "new"),
        "carried_over" => language::text(lang, "uit eerdere jaren", "carried over"),
        _ => label(lang, code),
    }
}

/// A count of the release as the text says it: the number, or "minder
/// dan k" — never a hidden value.
fn said(cell: Option<&Cell>, k: u32, lang: Language) -> String {
    match cell {
        Some(c) if c.value.is_some() => reports::count_text(c, k),
        Some(_) => language::text(lang, &format!("minder dan {k}"), &format!("fewer than {k}")),
        None => language::text(lang, "niet bekend", "not known"),
    }
}

fn hours_text(release: &Release, lang: Language) -> String {
    let h = &release.hours;
    match (h.total, h.band) {
        (Some(total), _) => {
            let minutes = (total * 60.0).round() as i64;
            language::text(
                lang,
                &format!("{} uur", duration(minutes)),
                &format!("{} hours", duration(minutes)),
            )
        }
        (None, Some(b)) => match b.to {
            Some(to) => language::text(
                lang,
                &format!("tussen {} en {to} uur", b.from),
                &format!("between {} and {to} hours", b.from),
            ),
            None => language::text(
                lang,
                &format!("{} uur of meer", b.from),
                &format!("{} hours or more", b.from),
            ),
        },
        (None, None) => "—".into(),
    }
}

fn narrative(blocks: &mut Vec<Block>, text: &str, empty: String) {
    if text.trim().is_empty() {
        blocks.push(Block::Paragraph(vec![Span::italic(empty)]));
    } else {
        blocks.extend(markdown::blocks(text, 3));
    }
}

/// The jaarverslag as a document for the PDF engine.
pub fn document(release: &Release, f: &Facts<'_>) -> Document {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let k = release.k;
    let year = release.year;
    let heading = |level: u8, text: String| Block::Heading { level, text };
    let name = |b: &str| {
        let b = b.to_string();
        move |c: &Cell| category_name(&b, &c.category, &c.label, lang)
    };
    let mut blocks = vec![heading(1, t("1. Inleiding", "1. Introduction"))];
    narrative(
        &mut blocks,
        &f.texts.introduction,
        t(
            "De vertrouwenspersoon is er voor medewerkers die met ongewenste omgangsvormen of een vermoeden van een misstand te maken krijgen. Dit verslag beschrijft het werk in het afgelopen jaar, zonder dat iemand te herkennen is.",
            "The confidential advisor is there for employees who face undesirable behaviour or suspect wrongdoing. This report describes the year's work without anyone being recognisable.",
        ),
    );

    // 2. The four tasks.
    blocks.push(heading(1, t("2. De vier taken", "2. The four tasks")));
    blocks.push(heading(
        2,
        t("2.1 Opvang en advies", "2.1 Support and advice"),
    ));
    let cases = if release.below_k {
        t(
            &format!("In {year} waren er minder dan {k} meldingen; om niemand herkenbaar te maken staan er geen verdere aantallen in dit verslag."),
            &format!("In {year} there were fewer than {k} cases; so that nobody becomes recognisable, this report gives no further counts."),
        )
    } else {
        let n = release.cases.unwrap_or_default();
        t(
            &format!("In {year} liepen er {n} meldingen bij de vertrouwenspersoon."),
            &format!("In {year} the advisor handled {n} cases."),
        )
    };
    blocks.push(Block::Paragraph(vec![Span::plain(cases)]));
    let mut work = vec![(t("Bestede uren", "Hours spent"), hours_text(release, lang))];
    if let Some(c) = &release.conversations {
        work.push((t("Gesprekken", "Conversations"), said(Some(c), k, lang)));
    }
    if let Some(m) = release.hours.median_per_case {
        let minutes = (m * 60.0).round() as i64;
        work.push((
            t("Uren per melding (mediaan)", "Hours per case (median)"),
            duration(minutes),
        ));
    }
    if !release.below_k {
        work.push((
            t("Opvang en advies gegeven", "Support and advice given"),
            said(cell(release, "intervention", "shelter_advice"), k, lang),
        ));
    }
    blocks.push(Block::KeyValue(work));

    blocks.push(heading(
        2,
        t("2.2 Informele oplossingen", "2.2 Informal solutions"),
    ));
    blocks.push(Block::Paragraph(vec![Span::plain(if release.below_k {
        t("Geen aantallen (te weinig meldingen).", "No counts (too few cases).")
    } else {
        t(
            &format!(
                "Een informele oplossing of bemiddeling werd gezocht bij {} meldingen; bij {} werd verwezen.",
                said(cell(release, "intervention", "informal_solution"), k, lang),
                said(cell(release, "intervention", "referral"), k, lang)
            ),
            &format!(
                "An informal solution or mediation was sought in {} cases; {} were referred.",
                said(cell(release, "intervention", "informal_solution"), k, lang),
                said(cell(release, "intervention", "referral"), k, lang)
            ),
        )
    })]));

    blocks.push(heading(
        2,
        t(
            "2.3 Voorlichting en preventie",
            "2.3 Information and prevention",
        ),
    ));
    let reached = super::activities::activity_totals(f.activities);
    if reached.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            "Er zijn geen activiteiten vastgelegd.",
            "No activities were recorded.",
        ))]));
    } else {
        blocks.push(reports::activities_table(&reached, lang, &|c| {
            label(lang, c)
        }));
    }

    blocks.push(heading(
        2,
        t(
            "2.4 Signalering en advies aan de werkgever",
            "2.4 Signals and advice to the employer",
        ),
    ));
    if !release.below_k {
        blocks.push(Block::Paragraph(vec![Span::plain(t(
            &format!(
                "Bij {} meldingen gaf de vertrouwenspersoon een signaal (zonder namen) aan de werkgever.",
                said(cell(release, "intervention", "signal_to_employer"), k, lang)
            ),
            &format!(
                "In {} cases the advisor passed a signal (without names) to the employer.",
                said(cell(release, "intervention", "signal_to_employer"), k, lang)
            ),
        ))]));
    }
    narrative(
        &mut blocks,
        &f.texts.signals,
        t("Geen signalen beschreven.", "No signals described."),
    );

    // 3. The figures.
    blocks.push(heading(
        1,
        t("3. De meldingen in cijfers", "3. The cases in figures"),
    ));
    if release.below_k {
        blocks.push(Block::Paragraph(vec![Span::plain(t(
            &format!("Er waren minder dan {k} meldingen; er staan daarom geen overzichten in dit verslag."),
            &format!("There were fewer than {k} cases; this report therefore gives no breakdowns."),
        ))]));
    }
    for b in &release.breakdowns {
        let chart = matches!(b.id.as_str(), "nature" | "quarter");
        blocks.extend(reports::breakdown(
            b,
            title(&b.id, lang),
            k,
            lang,
            &name(&b.id),
            chart,
        ));
    }

    // 4. Recommendations.
    blocks.push(heading(1, t("4. Aanbevelingen", "4. Recommendations")));
    narrative(
        &mut blocks,
        &f.texts.recommendations,
        t(
            "Geen aanbevelingen beschreven.",
            "No recommendations described.",
        ),
    );

    // 5. The advisor's own development.
    blocks.push(heading(
        1,
        t("5. Deskundigheid", "5. Professional development"),
    ));
    let own: u32 = f
        .activities
        .iter()
        .filter(|a| a.kind.own_development())
        .map(|a| a.minutes)
        .sum();
    blocks.push(Block::KeyValue(vec![
        (
            t(&format!("Intervisie en opleiding in {year}"), &format!("Intervision and courses in {year}")),
            duration(i64::from(own)),
        ),
        (
            t(
                &format!("Idem in {}–{year} (herregistratie: {RECERTIFICATION_HOURS} uur in vier jaar)", year - 3),
                &format!("The same in {}–{year} (re-certification: {RECERTIFICATION_HOURS} hours in four years)", year - 3),
            ),
            duration(i64::try_from(f.development_minutes).unwrap_or(i64::MAX)),
        ),
    ]));

    // 6. Anonymity.
    blocks.push(heading(
        1,
        t(
            "6. Zo is de anonimiteit beschermd",
            "6. How anonymity was protected",
        ),
    ));
    blocks.push(Block::Paragraph(vec![Span::plain(t(
        &format!("De aantallen in dit verslag komen uit de jaarcijfers die de vertrouwenspersoon voor {year} vrijgaf, met drempel k = {k}:"),
        &format!("The counts in this report come from the figures the advisor released for {year}, with threshold k = {k}:"),
    ))]));
    blocks.extend(reports::anonymity_rules(k, lang));
    blocks.push(heading(
        2,
        t(
            "Wat niet getoond is, en waarom",
            "What is not shown, and why",
        ),
    ));
    blocks.extend(reports::appendix(
        &release.appendix,
        k,
        lang,
        &|b| title(b, lang),
        &|b, c| {
            let dutch = breakdown(release, b)
                .and_then(|x| x.cells.iter().find(|x| x.category == c))
                .map_or(c.to_string(), |x| x.label.clone());
            category_name(b, c, &dutch, lang)
        },
    ));

    reports::document(
        &reports::Head {
            title: t(
                &format!("Jaarverslag vertrouwenspersoon {year}"),
                &format!("Annual report of the confidential advisor {year}"),
            ),
            year,
            organisation: f.organisation,
            author: f.advisor,
            author_as: t("Vertrouwenspersoon", "Confidential advisor"),
            printed: f.printed,
            today: f.today,
            language: lang,
        },
        blocks,
    )
}
