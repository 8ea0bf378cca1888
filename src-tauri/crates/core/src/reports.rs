//! What every annual report shares: figures that passed disclosure control
//! ([`crate::disclosure`]) as tables and charts, the appendix of what was
//! hidden and why, the rules by which anonymity was protected, and tables
//! as CSV for whoever reads on in Excel. Each report (the advisor's
//! jaarverslag, HR's annual report) builds its document from these.

use chrono::{DateTime, NaiveDate, Utc};
use vertrouwd_pdf::{
    Align, BarChart, BarDirection, Block, Column, Cover, Document, Series, Span, Table,
};

use crate::disclosure::{AppendixLine, AppendixReason, Breakdown, Cell, Hidden, Withheld};
use crate::documents::{self, Letterhead};
use crate::language::{long_date, text, Language};

/// What an annual report says of itself.
#[derive(Debug)]
pub struct Head<'a> {
    /// The title with its year ("Jaarverslag vertrouwenspersoon 2026").
    pub title: String,
    pub year: i32,
    pub organisation: &'a str,
    /// Who wrote it, and as what ("Vertrouwenspersoon", "Opgesteld door").
    pub author: &'a str,
    pub author_as: String,
    pub printed: DateTime<Utc>,
    pub today: NaiveDate,
    pub language: Language,
}

/// A report as a document: its title page, its contents, then `blocks`,
/// every page headed with the organisation and the year and marked as
/// meant for the organisation.
pub fn document(h: &Head<'_>, blocks: Vec<Block>) -> Document {
    let lang = h.language;
    let t = |nl: &str, en: &str| text(lang, nl, en);
    let mut all = vec![
        Block::Cover(Cover {
            title: h.title.clone(),
            subtitle: Some(h.organisation.to_string()),
            details: vec![
                (t("Organisatie", "Organisation"), h.organisation.to_string()),
                (h.author_as.clone(), h.author.to_string()),
                (t("Jaar", "Year"), h.year.to_string()),
                (t("Opgesteld op", "Written on"), long_date(h.today, lang)),
            ],
            logo: None,
        }),
        Block::Contents,
    ];
    all.extend(blocks);
    documents::document(
        Letterhead {
            title: h.title.clone(),
            author: h.author,
            organisation: h.organisation,
            header: format!("{} · {}", h.organisation, h.year),
            classification: t("Openbaar binnen de organisatie", "For the organisation"),
            printed: h.printed,
            language: lang,
        },
        all,
    )
}

/// How a published count reads: the number, "< k" for a small count, or
/// "×" for one hidden to protect another.
pub fn count_text(cell: &Cell, k: u32) -> String {
    match (cell.value, cell.hidden) {
        (Some(v), _) => v.to_string(),
        (None, Some(Hidden::BelowK)) => format!("< {k}"),
        (None, _) => "×".into(),
    }
}

/// A percentage as the language writes it ("12,5 %" or "12.5%").
pub fn percent_text(p: f64, lang: Language) -> String {
    match lang {
        Language::Nl => format!("{} %", format!("{p:.1}").replace('.', ",")),
        Language::En => format!("{p:.1}%"),
    }
}

/// A number with at most one decimal as the language writes it ("214,5"
/// or "214.5"; "12" without decimals).
pub fn number_text(n: f64, lang: Language) -> String {
    let text = if n.fract() == 0.0 {
        format!("{n:.0}")
    } else {
        format!("{n:.1}")
    };
    match lang {
        Language::Nl => text.replace('.', ","),
        Language::En => text,
    }
}

/// Why a whole breakdown is not shown, in a sentence.
pub fn withheld_text(w: Withheld, k: u32, lang: Language) -> String {
    match w {
        Withheld::TotalBelow2k => text(
            lang,
            &format!("Niet getoond: minder dan {} meldingen in totaal.", 2 * k),
            &format!("Not shown: fewer than {} in all.", 2 * k),
        ),
        Withheld::CannotProtect => text(
            lang,
            "Niet getoond: de kleine aantallen waren niet te beschermen.",
            "Not shown: its small counts could not be protected.",
        ),
        Withheld::LeftOut => text(
            lang,
            "Weggelaten door de opsteller.",
            "Left out by the author.",
        ),
        Withheld::PartWithheld => text(
            lang,
            "Niet getoond: niet elke vertrouwenspersoon kon dit overzicht tonen.",
            "Not shown: not every advisor could show this breakdown.",
        ),
        Withheld::Differencing => text(
            lang,
            "Niet getoond: het verschil met een ander overzicht, in dit verslag of een eerder gepubliceerd, zou een klein aantal prijsgeven.",
            "Not shown: the difference with another table, in this report or one published before, would give a small count away.",
        ),
    }
}

/// A published breakdown under `title`: a table of its categories (named
/// by `name`), counts and, where the total allows, percentages; with
/// `chart`, also a bar chart (a small count stands as "< k", never as a
/// bar). A withheld breakdown is a sentence.
pub fn breakdown(
    b: &Breakdown,
    title: String,
    k: u32,
    lang: Language,
    name: &dyn Fn(&Cell) -> String,
    chart: bool,
) -> Vec<Block> {
    let mut out = vec![Block::Heading {
        level: 3,
        text: title.clone(),
    }];
    if let Some(w) = b.withheld {
        out.push(Block::Paragraph(vec![Span::italic(withheld_text(
            w, k, lang,
        ))]));
        return out;
    }
    if b.cells.is_empty() {
        // Nobody in any category (no measures taken, say): said, not an
        // empty table.
        out.push(Block::Paragraph(vec![Span::italic(text(
            lang, "Geen.", "None.",
        ))]));
        return out;
    }
    let with_percent = b.cells.iter().any(|c| c.percent.is_some());
    let mut columns = vec![
        Column {
            title: text(lang, "Categorie", "Category"),
            width: 5.0,
            align: Align::Left,
        },
        Column {
            title: text(lang, "Aantal", "Number"),
            width: 1.5,
            align: Align::Right,
        },
    ];
    if with_percent {
        columns.push(Column {
            title: "%".into(),
            width: 1.5,
            align: Align::Right,
        });
    }
    let rows = b
        .cells
        .iter()
        .map(|c| {
            let mut row = vec![name(c), count_text(c, k)];
            if with_percent {
                row.push(c.percent.map_or(String::new(), |p| percent_text(p, lang)));
            }
            row
        })
        .collect();
    out.push(Block::Table(Table {
        columns,
        rows,
        zebra: true,
    }));
    // The chart draws what is shown and marks a small count "< k"; any
    // other hidden count is not drawn at all (the table says ×), so the
    // chart never calls it small.
    let charted: Vec<&Cell> = b
        .cells
        .iter()
        .filter(|c| c.hidden.is_none_or(|h| h == Hidden::BelowK))
        .collect();
    if chart && charted.iter().any(|c| c.value.is_some_and(|v| v > 0)) {
        out.push(Block::BarChart(BarChart {
            title,
            categories: charted.iter().map(|c| name(c)).collect(),
            series: vec![Series {
                name: text(lang, "Aantal", "Number"),
                values: charted.iter().map(|c| c.value.map(f64::from)).collect(),
            }],
            direction: BarDirection::Horizontal,
            value_labels: true,
            hidden_label: format!("< {k}"),
        }));
    }
    out
}

/// Activities by kind (prevention, information): how many, how many
/// people they reached, how many hours. `name` names a kind's code.
pub fn activities_table(
    totals: &[crate::releases::ActivityTotal],
    lang: Language,
    name: &dyn Fn(&str) -> String,
) -> Block {
    let column = |nl: &str, en: &str, width: f32, align: Align| Column {
        title: text(lang, nl, en),
        width,
        align,
    };
    Block::Table(Table {
        columns: vec![
            column("Soort", "Kind", 4.0, Align::Left),
            column("Aantal", "Number", 1.5, Align::Right),
            column("Deelnemers", "Participants", 2.0, Align::Right),
            column("Uren", "Hours", 1.5, Align::Right),
        ],
        rows: totals
            .iter()
            .map(|a| {
                vec![
                    name(&a.kind),
                    a.sessions.to_string(),
                    a.participants.to_string(),
                    crate::language::duration(i64::from(a.minutes)),
                ]
            })
            .collect(),
        zebra: true,
    })
}

/// What the appendix says of one hidden or withheld thing.
fn reason_text(reason: AppendixReason, k: u32, lang: Language) -> String {
    match reason {
        AppendixReason::BelowK => {
            text(lang, &format!("minder dan {k}"), &format!("fewer than {k}"))
        }
        AppendixReason::ProtectsAnother => text(
            lang,
            "verborgen zodat een ander klein aantal niet terug te rekenen is",
            "hidden so that another small count cannot be worked out",
        ),
        AppendixReason::BreakdownTotalBelow2k => text(
            lang,
            &format!("totaal kleiner dan {}", 2 * k),
            &format!("total below {}", 2 * k),
        ),
        AppendixReason::CannotProtect => text(lang, "niet te beschermen", "could not be protected"),
        AppendixReason::LeftOut => text(lang, "weggelaten", "left out"),
        AppendixReason::YearTotalBelowK => text(
            lang,
            &format!("minder dan {k} in het hele jaar"),
            &format!("fewer than {k} in the whole year"),
        ),
        AppendixReason::PartHidden => text(
            lang,
            "een deel is bij een vertrouwenspersoon verborgen",
            "part of it is hidden in an advisor's figures",
        ),
        AppendixReason::PartWithheld => text(
            lang,
            "niet bij elke vertrouwenspersoon getoond",
            "not shown by every advisor",
        ),
        AppendixReason::Differencing => text(
            lang,
            "het verschil met een ander overzicht, in dit verslag of een eerder gepubliceerd, zou een klein aantal prijsgeven",
            "the difference with another table, in this report or one published before, would give a small count away",
        ),
    }
}

/// The appendix: every hidden cell and withheld breakdown, with why —
/// never a value. `title` names a breakdown, `category` a cell of it.
pub fn appendix(
    lines: &[AppendixLine],
    k: u32,
    lang: Language,
    title: &dyn Fn(&str) -> String,
    category: &dyn Fn(&str, &str) -> String,
) -> Vec<Block> {
    if lines.is_empty() {
        return vec![Block::Paragraph(vec![Span::plain(text(
            lang,
            "Er is niets verborgen.",
            "Nothing was hidden.",
        ))])];
    }
    let rows = lines
        .iter()
        .map(|l| {
            vec![
                title(&l.breakdown),
                l.category
                    .as_deref()
                    .map_or(String::new(), |c| category(&l.breakdown, c)),
                reason_text(l.reason, k, lang),
            ]
        })
        .collect();
    vec![Block::Table(Table {
        columns: vec![
            Column {
                title: text(lang, "Overzicht", "Breakdown"),
                width: 3.0,
                align: Align::Left,
            },
            Column {
                title: text(lang, "Categorie", "Category"),
                width: 3.0,
                align: Align::Left,
            },
            Column {
                title: text(lang, "Waarom", "Why"),
                width: 4.0,
                align: Align::Left,
            },
        ],
        rows,
        zebra: true,
    })]
}

/// The rules by which the figures were protected, with threshold `k`.
pub fn anonymity_rules(k: u32, lang: Language) -> Vec<Block> {
    let items = [
        (
            format!("Aantallen van 1 tot {k} staan er als \"< {k}\"."),
            format!("Counts from 1 to {k} are given as \"< {k}\"."),
        ),
        (
            "Waar een klein aantal uit een totaal terug te rekenen zou zijn, is ook een ander aantal verborgen (×).".into(),
            "Where a small count could be worked out from a total, another count is hidden too (×).".into(),
        ),
        (
            format!("Een overzicht staat er alleen als het samen minstens {} meldingen telt.", 2 * k),
            format!("A breakdown is shown only when it counts at least {} in all.", 2 * k),
        ),
        (
            "Percentages alleen bij een totaal van 20 of meer.".into(),
            "Percentages only on a total of 20 or more.".into(),
        ),
        (
            "Geen namen, afdelingen of data fijner dan een kwartaal; uren als mediaan, of als bandbreedte in een jaar met weinig meldingen.".into(),
            "No names, departments or dates finer than a quarter; hours as a median, or as a range in a year with few cases.".into(),
        ),
    ];
    vec![Block::Bullets(
        items
            .into_iter()
            .map(|(nl, en)| vec![Span::plain(text(lang, &nl, &en))])
            .collect(),
    )]
}

/// A table as CSV that Excel opens as it is: UTF-8 with a byte-order
/// mark, `;` between the values in Dutch (whose Excel takes `,` as the
/// decimal mark) and `,` in English; values quoted where they need it.
pub fn csv(header: &[String], rows: &[Vec<String>], lang: Language) -> Vec<u8> {
    let separator = match lang {
        Language::Nl => ';',
        Language::En => ',',
    };
    let field = |v: &str| {
        if v.contains([separator, '"', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_string()
        }
    };
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let line: Vec<String> = row.iter().map(|v| field(v)).collect();
        out.push_str(&line.join(&separator.to_string()));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: Option<u32>, hidden: Option<Hidden>) -> Cell {
        Cell {
            category: "bullying".into(),
            label: "pesten".into(),
            value,
            hidden,
            percent: None,
        }
    }

    #[test]
    fn a_hidden_count_reads_as_below_k_or_a_cross_never_as_its_value() {
        assert_eq!(count_text(&cell(Some(12), None), 5), "12");
        assert_eq!(count_text(&cell(None, Some(Hidden::BelowK)), 5), "< 5");
        assert_eq!(
            count_text(&cell(None, Some(Hidden::ProtectsAnother)), 5),
            "×"
        );
        assert_eq!(percent_text(12.5, Language::Nl), "12,5 %");
        assert_eq!(number_text(214.5, Language::Nl), "214,5");
        assert_eq!(number_text(12.0, Language::En), "12");
    }

    #[test]
    fn csv_for_dutch_excel_has_a_bom_semicolons_and_quotes() {
        let bytes = csv(
            &["Aard".into(), "Aantal".into()],
            &[
                vec!["pesten; treiteren".into(), "12".into()],
                vec!["\"ander\"".into(), "< 5".into()],
            ],
            Language::Nl,
        );
        let text = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(
            text,
            "\u{feff}Aard;Aantal\r\n\"pesten; treiteren\";12\r\n\"\"\"ander\"\"\";< 5\r\n"
        );
        let en = String::from_utf8(csv(&["a".into()], &[vec!["1,5".into()]], Language::En))
            .expect("utf-8");
        assert_eq!(en, "\u{feff}a\r\n\"1,5\"\r\n");
    }
}
