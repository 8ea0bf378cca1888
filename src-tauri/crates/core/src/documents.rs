//! What every document Vertrouwd writes shares: metadata and page
//! furniture (the organisation in the header, a classification mark on
//! every page, the language of "Pagina X van Y"), and titled tables. Each
//! area builds its own blocks; the PDF engine lays them out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vertrouwd_pdf::{Align, Block, Column, Document, Furniture, Meta, PageSetup, Table};

use crate::language::Language;

/// A document or file written where the user chose (never inside the
/// vault folder), as the UI and the CLI report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WrittenFile {
    pub path: String,
    pub bytes: u64,
    /// Characters a PDF could not print (no glyph in its font), e.g. emoji.
    pub missing_characters: Vec<String>,
}

impl WrittenFile {
    /// The file, with the characters its PDF could not print.
    pub fn with_warnings(mut self, warnings: &[vertrouwd_pdf::Warning]) -> Self {
        for w in warnings {
            if let vertrouwd_pdf::Warning::MissingGlyphs(chars) = w {
                self.missing_characters
                    .extend(chars.iter().map(|c| c.to_string()));
            }
        }
        self
    }
}

/// Who a document is by and for, and how it is marked.
#[derive(Debug, Clone)]
pub struct Letterhead<'a> {
    pub title: String,
    /// The user who wrote it (the PDF's author).
    pub author: &'a str,
    pub organisation: &'a str,
    /// The header on every page.
    pub header: String,
    /// The mark on every page ("Vertrouwelijk").
    pub classification: String,
    pub printed: DateTime<Utc>,
    pub language: Language,
}

/// A document of `blocks` on A4 portrait under `head`.
pub fn document(head: Letterhead<'_>, blocks: Vec<Block>) -> Document {
    Document {
        meta: Meta {
            title: head.title,
            author: head.author.to_string(),
            subject: head.organisation.to_string(),
            keywords: vec![],
            created: head.printed,
            language: head.language,
        },
        page: PageSetup::default(),
        furniture: Furniture {
            header: Some(head.header),
            classification: Some(head.classification),
        },
        blocks,
    }
}

/// A level-2 heading with a table under it; nothing when there are no rows.
pub fn table_section(
    blocks: &mut Vec<Block>,
    title: String,
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
) {
    if rows.is_empty() {
        return;
    }
    blocks.push(Block::Heading {
        level: 2,
        text: title,
    });
    blocks.push(Block::Table(Table {
        columns,
        rows,
        zebra: true,
    }));
}

/// A left-aligned column of relative `width`.
pub fn column(title: String, width: f32) -> Column {
    Column {
        title,
        width,
        align: Align::Left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letterhead_becomes_metadata_and_furniture() {
        let printed = DateTime::from_timestamp(1_772_000_000, 0).expect("time");
        let d = document(
            Letterhead {
                title: "Dossier".into(),
                author: "Ayşe Yılmaz",
                organisation: "Stichting Zoë",
                header: "Stichting Zoë — vertrouwenspersoon".into(),
                classification: "Vertrouwelijk".into(),
                printed,
                language: Language::En,
            },
            vec![],
        );
        assert_eq!(
            (
                d.meta.title.as_str(),
                d.meta.author.as_str(),
                d.meta.subject.as_str()
            ),
            ("Dossier", "Ayşe Yılmaz", "Stichting Zoë")
        );
        assert_eq!((d.meta.created, d.meta.language), (printed, Language::En));
        assert_eq!(d.furniture.classification.as_deref(), Some("Vertrouwelijk"));
        assert_eq!(
            d.furniture.header.as_deref(),
            Some("Stichting Zoë — vertrouwenspersoon")
        );
    }

    #[test]
    fn a_table_without_rows_leaves_no_heading() {
        let mut blocks = vec![];
        table_section(
            &mut blocks,
            "Leeg".into(),
            vec![column("A".into(), 1.0)],
            vec![],
        );
        assert!(blocks.is_empty());
        table_section(
            &mut blocks,
            "Gesprekken".into(),
            vec![column("Datum".into(), 1.0)],
            vec![vec!["02-03-2026".into()]],
        );
        assert!(
            matches!(&blocks[..], [Block::Heading { level: 2, .. }, Block::Table(t)] if t.rows.len() == 1)
        );
    }
}
