//! The case file (dossieroverzicht): one case with everything recorded
//! about it, as a PDF for the advisor, marked confidential on every page.

use chrono::{DateTime, Utc};
use vertrouwd_pdf::{Block, Document, Span};

use super::labels::label;
use super::model::*;
use crate::documents::{self, column, table_section, Letterhead};
use crate::language::{self, date, duration, Language};

/// What the case file needs besides the case itself.
#[derive(Debug)]
pub struct CaseFileFacts<'a> {
    pub organisation: &'a str,
    pub advisor: &'a str,
    pub natures: &'a [Nature],
    pub printed: DateTime<Utc>,
    pub language: Language,
}

/// The case file as a document for the PDF engine.
pub fn case_file(case: &CaseDetail, f: &CaseFileFacts<'_>) -> Document {
    let lang = f.language;
    let t = |nl_text: &str, en_text: &str| language::text(lang, nl_text, en_text);
    let l = |c: &str| label(lang, c);
    let nature_names: Vec<String> = case
        .natures
        .iter()
        .map(|n| {
            let name = f
                .natures
                .iter()
                .find(|x| x.id == n.nature_id)
                .map_or_else(|| n.nature_id.to_string(), |x| x.name.clone());
            match n.ground {
                Some(g) => format!("{name} ({})", l(&code(&g))),
                None => name,
            }
        })
        .collect();
    let status = match case.closed_on {
        Some(d) => format!("{} {}", t("gesloten op", "closed on"), date(d, lang)),
        None => t("open", "open"),
    };
    let mut facts = vec![
        (t("Referentie", "Reference"), case.reference.clone()),
        (
            t("Eerste contact", "First contact"),
            date(case.first_contact, lang),
        ),
        (t("Kanaal", "Channel"), l(&code(&case.channel))),
        (t("Status", "Status"), status),
        (
            t("Uitkomst", "Outcome"),
            case.outcome.map_or_else(|| "—".into(), |o| l(&code(&o))),
        ),
    ];
    match &case.reporter {
        None => facts.push((t("Melder", "Reporter"), t("anoniem", "anonymous"))),
        Some(r) => {
            facts.push((t("Melder", "Reporter"), r.name.clone()));
            for (k, v) in [
                (t("Telefoon", "Phone"), &r.phone),
                (t("E-mail", "E-mail"), &r.email),
                (t("Bereikbaar", "Contact"), &r.contact_preference),
            ] {
                if let Some(v) = v {
                    facts.push((k, v.clone()));
                }
            }
        }
    }
    facts.push((
        t("Rol melder", "Reporter's role"),
        l(&code(&case.reporter_role)),
    ));
    if let Some(d) = &case.department {
        facts.push((t("Afdeling", "Department"), d.clone()));
    }
    if let Some(g) = case.gender {
        facts.push((t("Geslacht", "Gender"), l(&code(&g))));
    }
    facts.push((t("Aard", "Nature"), nature_names.join(", ")));
    for p in &case.persons {
        let who = p
            .name
            .clone()
            .unwrap_or_else(|| t("(geen naam)", "(no name)"));
        facts.push((
            t("Betreft", "Concerns"),
            format!("{who} — {}", l(&code(&p.relation))),
        ));
    }
    facts.push((t("Tijd besteed", "Time spent"), duration(case.minutes)));

    let title = format!("{} {}", t("Dossieroverzicht", "Case file"), case.reference);
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: title.clone(),
        },
        Block::KeyValue(facts),
        Block::Heading {
            level: 2,
            text: t("Gesprekken", "Conversations"),
        },
    ];
    if case.conversations.is_empty() {
        blocks.push(Block::Paragraph(vec![Span::italic(t(
            "Nog geen gesprekken vastgelegd.",
            "No conversations recorded yet.",
        ))]));
    }
    for c in &case.conversations {
        let mut head = format!(
            "{} — {} — {} min",
            date(c.held_on, lang),
            l(&code(&c.mode)),
            c.minutes
        );
        if let Some(w) = &c.with_whom {
            head.push_str(&format!(" — {w}"));
        }
        blocks.push(Block::Heading {
            level: 3,
            text: head,
        });
        blocks.push(Block::Paragraph(vec![Span::plain(c.notes.clone())]));
        if let Some(n) = &c.next_step {
            blocks.push(Block::Paragraph(vec![
                Span::bold(t("Vervolgstap: ", "Next step: ")),
                Span::plain(n.clone()),
            ]));
        }
    }
    table_section(
        &mut blocks,
        t(
            "Interventies en verwijzingen",
            "Interventions and referrals",
        ),
        vec![
            column(t("Datum", "Date"), 0.8),
            column(t("Interventie", "Intervention"), 1.6),
            column(t("Toelichting", "Note"), 2.2),
        ],
        case.interventions
            .iter()
            .map(|i| {
                let mut what = l(&code(&i.kind));
                if let Some(r) = i.referral {
                    what.push_str(&format!(": {}", l(&code(&r))));
                }
                vec![
                    date(i.on_date, lang),
                    what,
                    i.note.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    );
    table_section(
        &mut blocks,
        t("Toestemming van de melder", "The reporter's consent"),
        vec![
            column(t("Vastgelegd", "Recorded"), 0.8),
            column(t("Waarvoor", "For"), 1.6),
            column(t("Gegeven", "Given"), 0.6),
            column(t("Aan / wat / tot", "To / what / until"), 2.0),
        ],
        case.consents
            .iter()
            .map(|c| {
                let mut scope: Vec<String> = vec![];
                scope.extend(c.recipient.clone());
                scope.extend(c.what.clone());
                if let Some(u) = c.until {
                    scope.push(format!("{} {}", t("tot", "until"), date(u, lang)));
                }
                vec![
                    date(c.recorded_on, lang),
                    l(&code(&c.kind)),
                    if c.given {
                        t("ja", "yes")
                    } else {
                        t("nee", "no")
                    },
                    scope.join(" · "),
                ]
            })
            .collect(),
    );
    table_section(
        &mut blocks,
        t("Afspraken voor follow-up", "Follow-ups"),
        vec![
            column(t("Uiterlijk", "Due"), 0.8),
            column(t("Wat", "What"), 2.6),
            column(t("Gedaan", "Done"), 0.8),
        ],
        case.follow_ups
            .iter()
            .map(|u| {
                vec![
                    date(u.due_on, lang),
                    u.what.clone(),
                    u.done_on.map(|d| date(d, lang)).unwrap_or_default(),
                ]
            })
            .collect(),
    );
    blocks.push(Block::Paragraph(vec![Span::italic(format!(
        "{} {} {}.",
        t("Afgedrukt op", "Printed on"),
        date(f.printed.date_naive(), lang),
        t(
            "door de vertrouwenspersoon; bewaar dit stuk niet langer dan het dossier zelf",
            "by the confidential advisor; keep this no longer than the case itself"
        ),
    ))]));
    documents::document(
        Letterhead {
            title,
            author: f.advisor,
            organisation: f.organisation,
            header: format!(
                "{} — {}",
                f.organisation,
                t("vertrouwenspersoon", "confidential advisor")
            ),
            classification: t("Vertrouwelijk", "Confidential"),
            printed: f.printed,
            language: lang,
        },
        blocks,
    )
}
