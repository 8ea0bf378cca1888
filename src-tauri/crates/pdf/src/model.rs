//! The document model: what a document is made of, independent of PDF.

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

/// Vertrouwd's one language type: of the interface, the documents and
/// their page furniture ("Pagina 1 van 3" / "Page 1 of 3"). Declared here,
/// the lowest layer that needs it; `vertrouwd_core::language` is where the
/// rest of the app takes it from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "lowercase")]
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

/// A picture (a logo, a scan), PNG or JPEG.
#[derive(Debug, Clone)]
pub struct Image {
    /// The file's bytes; PNG and JPEG are read.
    pub bytes: Vec<u8>,
    /// Width on paper; never wider than the text area, and shrunk to fit
    /// a page if it would be taller.
    pub width_mm: f32,
    pub align: Align,
}

/// A title page: a page of its own at the start of a document.
#[derive(Debug, Clone, Default)]
pub struct Cover {
    pub title: String,
    pub subtitle: Option<String>,
    /// Lines such as ("Organisatie", "Stichting Voorbeeld"), ("Jaar", "2026").
    pub details: Vec<(String, String)>,
    pub logo: Option<Image>,
}

/// One named row of numbers in a chart, one value per category. A value
/// of `None` is not drawn; the chart's `hidden_label` stands in its place
/// (for a count that may not be published, say "< 5").
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BarDirection {
    /// Bars grow to the right; category names on the left (good for long names).
    #[default]
    Horizontal,
    /// Bars grow upwards; category names below.
    Vertical,
}

/// A bar chart. With more than one series the bars are grouped per
/// category (e.g. this year next to last year) and a legend is drawn.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub direction: BarDirection,
    /// Print each value at the end of its bar.
    pub value_labels: bool,
    /// Shown where a value is `None`.
    pub hidden_label: String,
}

/// A line chart: one line per series over the categories (e.g. quarters).
#[derive(Debug, Clone)]
pub struct LineChart {
    pub title: String,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    pub value_labels: bool,
}

/// One block of content.
#[derive(Debug, Clone)]
pub enum Block {
    /// A title page; what follows starts on a new page.
    Cover(Cover),
    /// A table of contents of the level 1 and 2 headings, with page numbers.
    Contents,
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
    BarChart(BarChart),
    LineChart(LineChart),
    Image(Image),
    /// Lines to sign on, each with a caption below it.
    Signatures(Vec<String>),
    PageBreak,
}
