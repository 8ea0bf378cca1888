//! vertrouwd-pdf: a small document model rendered to PDF.
//!
//! A [`Document`] is metadata, page set-up, page furniture (header,
//! "Pagina X van Y", a classification mark such as "Vertrouwelijk") and a
//! list of [`Block`]s: headings, paragraphs with bold and italic, bulleted
//! and numbered lists, checklists, key-value blocks, tables (header repeated
//! on every page, zebra rows, wrapping cells, rows taller than a page split),
//! bar charts (horizontal, vertical, grouped, with value labels), line
//! charts, pictures (PNG/JPEG), a title page, a table of contents (with an
//! outline of bookmarks), signature lines and page breaks. [`render`] lays it out on A4 and writes
//! a PDF with embedded subsets of DejaVu Sans (shipped in `fonts/` with its
//! licence), so nothing depends on the fonts of the machine.
//!
//! Lines are broken by the fonts' glyph advances. Characters the fonts lack
//! are reported in [`Rendered::warnings`], never silently dropped.
//!
//! Scripts: Latin (with Latin Extended: Turkish, Dutch, etc.), Greek and
//! Cyrillic render. Right-to-left scripts (Arabic, Hebrew) are *not*
//! supported: there is no bidirectional reordering or shaping, so such text
//! would come out in the wrong order; it is not refused, but should not be
//! used. Ligatures and kerning are not applied.
//!
//! [`preview`] goes the other way: it draws the pages of a PDF someone else
//! made (an attachment) as pictures, in memory, for the app to show;
//! [`isolated`] does it in a child process under hard limits (the
//! `vertrouwd-preview` program built from this crate). [`append`] puts
//! another PDF's pages, unchanged, after a document's own.
//!
//! Knows no domain type: each area builds a `Document` from its own data.

#![forbid(unsafe_code)]

pub mod append;
pub mod charts;
mod fonts;
pub mod isolated;
mod layout;
pub mod model;
pub mod pictures;
pub mod preview;
mod render;
pub mod specimen;

pub use model::*;
pub use render::page_label;

/// Something the caller should know about a rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Characters the embedded fonts have no glyph for; they show as boxes.
    MissingGlyphs(Vec<char>),
    /// Pictures that are not a readable PNG or JPEG; a note stands in
    /// their place.
    UnreadableImages(usize),
    /// Chart labels longer than [`charts::MAX_LABEL`] characters (or more
    /// than three lines under a line chart), shortened with "…".
    ShortenedLabels(usize),
}

/// A rendered PDF.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub warnings: Vec<Warning>,
}

/// Lays out and renders `doc`. The same document gives the same bytes.
pub fn render(doc: &Document) -> Rendered {
    let mut layout = layout::Layout::new(doc);
    for (i, block) in doc.blocks.iter().enumerate() {
        layout.block(block, doc.blocks.get(i + 1));
    }
    layout.finish();
    let bytes = render::to_pdf(doc, &layout);
    let mut warnings = vec![];
    if !layout.missing.is_empty() {
        warnings.push(Warning::MissingGlyphs(
            layout.missing.iter().copied().collect(),
        ));
    }
    if layout.unreadable_images > 0 {
        warnings.push(Warning::UnreadableImages(layout.unreadable_images));
    }
    if layout.shortened_labels > 0 {
        warnings.push(Warning::ShortenedLabels(layout.shortened_labels));
    }
    Rendered {
        bytes,
        pages: layout.pages.len(),
        warnings,
    }
}
