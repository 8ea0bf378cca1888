//! The document model: what a report is made of, independent of PDF.

use chrono::{DateTime, Utc};

/// A whole document: metadata, page set-up, page furniture and blocks.
#[derive(Debug, Clone)]
pub struct Document {
    pub meta: Meta,
    pub page: PageSetup,
    pub furniture: Furniture,
    pub blocks: Vec<Block>,
}

/// Document metadata. The creation date is given, never taken from the
/// clock, so the same input renders the same bytes.
#[derive(Debug, Clone)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub created: DateTime<Utc>,
    pub language: Language,
}

/// The language of the page furniture ("Pagina 1 van 3" / "Page 1 of 3").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Nl,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// A4 in either orientation, with margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSetup {
    pub orientation: Orientation,
    pub margin_mm: f32,
}

impl Default for PageSetup {
    fn default() -> Self {
        Self {
            orientation: Orientation::Portrait,
            margin_mm: 20.0,
        }
    }
}

/// What stands on every page besides the content.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Text at the top of every page.
    pub header: Option<String>,
    /// A classification mark on every page, e.g. "Vertrouwelijk".
    pub classification: Option<String>,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }
    pub fn italic(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: false,
            italic: true,
        }
    }
}

/// Horizontal alignment in a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
    Center,
}

/// A table column: its title, its share of the width, its alignment.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Relative width; the columns share the text width in these proportions.
    pub width: f32,
    pub align: Align,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Shade every other row.
    pub zebra: bool,
}

/// One block of content.
#[derive(Debug, Clone)]
pub enum Block {
    /// Level 1 to 3. A heading is kept on the page of what follows it.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(Vec<Span>),
    Bullets(Vec<Vec<Span>>),
    Numbered(Vec<Vec<Span>>),
    /// Items with an empty box to tick on paper.
    Checklist(Vec<String>),
    /// Label and value pairs, labels in bold.
    KeyValue(Vec<(String, String)>),
    Table(Table),
    /// Lines to sign on, each with a caption below it.
    Signatures(Vec<String>),
    PageBreak,
}
