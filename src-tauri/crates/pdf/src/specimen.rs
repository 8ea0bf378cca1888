//! A specimen of every block, to look at the engine's output
//! (`cargo run -p vertrouwd-pdf --example specimen -- out.pdf`).

use chrono::{DateTime, Utc};

use crate::model::*;

/// A document that uses every kind of block, in Dutch with Turkish names.
pub fn specimen(created: DateTime<Utc>) -> Document {
    let rows: Vec<Vec<String>> = (1..=40)
        .map(|i| {
            vec![
                format!("VP-2026-{i:03}"),
                [
                    "Ayşe Yılmaz",
                    "Çağrı Öztürk",
                    "Geneviève Müller",
                    "Jan de Vries",
                ][i % 4]
                    .to_string(),
                [
                    "pesten",
                    "seksuele intimidatie",
                    "agressie en geweld",
                    "werkdruk / arbeidsconflict",
                ][i % 4]
                    .to_string(),
                format!("{},{:02}", i * 3, i % 60),
            ]
        })
        .collect();
    Document {
        meta: Meta {
            title: "Voorbeeld van elk blok".into(),
            author: "Vertrouwd".into(),
            subject: "Specimen van de PDF-opmaak".into(),
            keywords: vec!["specimen".into(), "vertrouwd".into()],
            created,
            language: Language::Nl,
        },
        page: PageSetup::default(),
        furniture: Furniture { header: Some("Stichting Voorbeeld — specimen".into()), classification: Some("Vertrouwelijk".into()) },
        blocks: vec![
            Block::Heading { level: 1, text: "Voorbeeld van elk blok".into() },
            Block::Paragraph(vec![
                Span::plain("Dit document toont alle bouwstenen. Tekst wordt afgebroken op de gemeten breedte van de letters, met "),
                Span::bold("vet"),
                Span::plain(" en "),
                Span::italic("cursief"),
                Span::plain(" binnen één alinea. Namen als Ayşe Yılmaz en Çağrı Öztürk, woorden als coördinatie en ideeën, en bedragen als € 127,50 blijven heel."),
            ]),
            Block::Heading { level: 2, text: "Lijsten".into() },
            Block::Bullets(vec![vec![Span::plain("Eerste punt")], vec![Span::plain("Tweede punt, dat zo lang is dat het over meer dan één regel moet worden verdeeld zonder buiten de marge te lopen.")]]),
            Block::Numbered(vec![vec![Span::plain("Ontvangstbevestiging")], vec![Span::plain("Hoorzitting")], vec![Span::plain("Advies van de klachtencommissie")]]),
            Block::Heading { level: 3, text: "Afvinklijst".into() },
            Block::Checklist(vec!["Werkplek ingericht".into(), "Kennismaking met het team".into(), "Gedragscode besproken".into()]),
            Block::Heading { level: 2, text: "Gegevens".into() },
            Block::KeyValue(vec![
                ("Referentie".into(), "VP-2026-001".into()),
                ("Datum eerste contact".into(), "03-02-2026".into()),
                ("Aard van de melding".into(), "ongewenste omgangsvormen, waaronder pesten en intimidatie door een leidinggevende".into()),
            ]),
            Block::Heading { level: 2, text: "Tabel".into() },
            Block::Table(Table {
                columns: vec![
                    Column { title: "Referentie".into(), width: 1.0, align: Align::Left },
                    Column { title: "Naam".into(), width: 1.4, align: Align::Left },
                    Column { title: "Aard".into(), width: 1.8, align: Align::Left },
                    Column { title: "Uren".into(), width: 0.6, align: Align::Right },
                ],
                rows,
                zebra: true,
            }),
            Block::Heading { level: 2, text: "Ondertekening".into() },
            Block::Signatures(vec!["Vertrouwenspersoon".into(), "Melder".into()]),
        ],
    }
}
