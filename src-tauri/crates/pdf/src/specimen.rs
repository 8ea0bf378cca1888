//! A specimen of every block, to look at the engine's output
//! (`cargo run -p vertrouwd-pdf --example specimen -- out.pdf`).

use chrono::{DateTime, Utc};

use crate::model::*;

/// The application's mark, as the logo on the specimen's title page.
static LOGO: &[u8] = include_bytes!("../assets/specimen-logo.png");

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
            Block::Cover(Cover {
                title: "Voorbeeld van elk blok".into(),
                subtitle: Some("Specimen van de PDF-opmaak van Vertrouwd".into()),
                details: vec![
                    ("Organisatie".into(), "Stichting Voorbeeld".into()),
                    ("Opgesteld door".into(), "Çağrı Öztürk, vertrouwenspersoon".into()),
                    ("Datum".into(), created.format("%d-%m-%Y").to_string()),
                ],
                logo: Some(Image { bytes: LOGO.to_vec(), width_mm: 30.0, align: Align::Left }),
            }),
            Block::Contents,
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
            Block::Heading { level: 1, text: "Grafieken".into() },
            Block::BarChart(BarChart {
                title: "Meldingen per aard, 2025 en 2026".into(),
                categories: vec![
                    "Pesten".into(),
                    "Seksuele intimidatie".into(),
                    "Agressie en geweld".into(),
                    "Discriminatie".into(),
                    "Werkdruk / arbeidsconflict / overig".into(),
                ],
                series: vec![
                    Series { name: "2025".into(), values: vec![Some(12.0), Some(7.0), None, Some(5.0), Some(9.0)] },
                    Series { name: "2026".into(), values: vec![Some(15.0), Some(6.0), Some(5.0), None, Some(11.0)] },
                ],
                direction: BarDirection::Horizontal,
                value_labels: true,
                hidden_label: "< 5".into(),
            }),
            Block::BarChart(BarChart {
                title: "Nieuwe meldingen per kwartaal".into(),
                categories: vec!["K1".into(), "K2".into(), "K3".into(), "K4".into()],
                series: vec![Series { name: "2026".into(), values: vec![Some(9.0), Some(14.0), Some(6.0), Some(11.0)] }],
                direction: BarDirection::Vertical,
                value_labels: true,
                hidden_label: "< 5".into(),
            }),
            Block::LineChart(LineChart {
                title: "Uren per kwartaal".into(),
                categories: vec!["K1".into(), "K2".into(), "K3".into(), "K4".into()],
                series: vec![
                    Series { name: "2025".into(), values: vec![Some(22.5), Some(30.0), Some(18.0), Some(26.5)] },
                    Series { name: "2026".into(), values: vec![Some(25.0), Some(41.5), Some(20.0), Some(33.0)] },
                ],
                value_labels: true,
            }),
            Block::Heading { level: 2, text: "Ondertekening".into() },
            Block::Signatures(vec!["Vertrouwenspersoon".into(), "Melder".into()]),
        ],
    }
}
