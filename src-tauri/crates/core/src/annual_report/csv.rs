//! Every table of HR's annual report as a CSV file for Excel (UTF-8 with
//! BOM, `;` in Dutch), with the same names and hidden counts as the PDF
//! ([`super::document`]).

use super::document::{category, figure_name, key_figures, step_rows, Facts};
use super::HrReportPreview;
use crate::disclosure::Breakdown;
use crate::language;
use crate::reports;

/// Every table of the report as CSV files: (file name, bytes).
pub fn csv_files(p: &HrReportPreview, f: &Facts<'_>) -> Vec<(String, Vec<u8>)> {
    let lang = f.language;
    let complaints = &p.figures.complaints;
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
        .chain(complaints.awb.iter().flat_map(|a| a.breakdowns.iter()))
        .map(|b| (format!("klachten-{}.csv", b.id), table(b, complaints.k)))
        .collect();
    let (header, rows) = key_figures(p, f);
    out.insert(
        0,
        ("kerncijfers.csv".into(), reports::csv(&header, &rows, lang)),
    );
    if !complaints.step_days.is_empty() {
        let (header, rows) = step_rows(complaints, f);
        out.push((
            "doorlooptijden.csv".into(),
            reports::csv(&header, &rows, lang),
        ));
    }
    let activities = crate::releases::add_activities(
        p.figures
            .releases
            .iter()
            .flat_map(|r| &r.release.activities),
    );
    if !activities.is_empty() {
        let header = [
            ("Soort", "Kind"),
            ("Aantal", "Number"),
            ("Deelnemers", "Participants"),
            ("Minuten", "Minutes"),
        ]
        .map(|(nl, en)| language::text(lang, nl, en))
        .to_vec();
        let rows: Vec<Vec<String>> = activities
            .iter()
            .map(|a| {
                vec![
                    (f.label)(lang, &a.kind),
                    a.sessions.to_string(),
                    a.participants.to_string(),
                    a.minutes.to_string(),
                ]
            })
            .collect();
        out.push(("preventie.csv".into(), reports::csv(&header, &rows, lang)));
    }
    let trend_header = vec![
        language::text(lang, "Jaar", "Year"),
        figure_name("received", lang),
        figure_name("advisor_cases", lang),
        language::text(lang, "Stappen op tijd (%)", "Steps on time (%)"),
    ];
    let trend_rows: Vec<Vec<String>> = p
        .trend
        .iter()
        .map(|y| {
            vec![
                y.year.to_string(),
                y.received.map_or(String::new(), |v| v.to_string()),
                y.advisor_cases.map_or(String::new(), |v| v.to_string()),
                y.on_time_percent
                    .map_or(String::new(), |v| reports::number_text(v, lang)),
            ]
        })
        .collect();
    out.push((
        "trend.csv".into(),
        reports::csv(&trend_header, &trend_rows, lang),
    ));
    if let Some(c) = &p.figures.combined {
        for b in &c.breakdowns {
            out.push((
                format!("vertrouwenspersonen-samen-{}.csv", b.id),
                table(b, complaints.k),
            ));
        }
    }
    for (i, r) in p.figures.releases.iter().enumerate() {
        for b in &r.release.breakdowns {
            out.push((
                format!("vertrouwenspersoon-{}-{}.csv", i + 1, b.id),
                table(b, r.release.k),
            ));
        }
    }
    out
}
