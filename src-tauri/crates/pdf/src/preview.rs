//! Pictures of the pages of a PDF someone else made (an attachment), so the
//! app can show it without a PDF viewer, a temporary file or a browser
//! plugin.
//!
//! Pages are rasterised in memory by hayro, a PDF renderer written in Rust
//! without unsafe code, and encoded as PNG. The input is untrusted: a file
//! that cannot be read, is password-protected, or makes the renderer give
//! up (even by panicking) gives a [`PreviewError`], never a crash. Only the
//! first pages are rendered ([`PreviewOptions::max_pages`]) and a page's
//! picture never exceeds [`MAX_SIDE`] pixels on either side, so a hostile
//! page size cannot exhaust memory.

use std::panic::{catch_unwind, AssertUnwindSafe};

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::{LoadPdfError, Pdf};
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

/// The longest side, in pixels, of a page's picture.
pub const MAX_SIDE: f32 = 4000.0;

/// How many pages, and how wide.
#[derive(Debug, Clone, Copy)]
pub struct PreviewOptions {
    /// Render at most this many pages (from the first).
    pub max_pages: usize,
    /// Width of a page's picture in pixels (A4 portrait is then about
    /// 1.41 × as tall).
    pub width_px: f32,
}

impl Default for PreviewOptions {
    fn default() -> Self {
        Self {
            max_pages: 10,
            width_px: 1000.0,
        }
    }
}

/// The first pages of a PDF as PNG pictures.
#[derive(Debug, Clone)]
pub struct PagePictures {
    /// PNG files, one per rendered page, in page order.
    pub pages: Vec<Vec<u8>>,
    /// How many pages the document has in all.
    pub page_count: usize,
}

/// Why a PDF could not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    /// The document is protected with a password.
    #[error("the PDF is password-protected")]
    Encrypted,
    /// Not a PDF, or damaged beyond reading.
    #[error("the PDF cannot be read")]
    Unreadable,
}

/// Renders the first pages of `bytes` (see [`PreviewOptions`]).
pub fn page_pictures(bytes: &[u8], options: PreviewOptions) -> Result<PagePictures, PreviewError> {
    // hayro is young: whatever it does with a hostile file stays here.
    catch_unwind(AssertUnwindSafe(|| render_pages(bytes, options)))
        .unwrap_or(Err(PreviewError::Unreadable))
}

fn render_pages(bytes: &[u8], options: PreviewOptions) -> Result<PagePictures, PreviewError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => PreviewError::Encrypted,
        LoadPdfError::Invalid => PreviewError::Unreadable,
    })?;
    let pages = pdf.pages();
    let cache = RenderCache::new();
    let interpreter = InterpreterSettings::default();
    let render = RenderSettings::default();
    let mut pictures = Vec::new();
    for page in pages.iter().take(options.max_pages) {
        let (w, h) = page.render_dimensions();
        if !(w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0) {
            return Err(PreviewError::Unreadable);
        }
        let scale = (options.width_px / w).min(MAX_SIDE / h).min(MAX_SIDE / w);
        let pixmap = hayro::render(
            page,
            &cache,
            &interpreter,
            &render,
            &PixmapSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
            },
        );
        pictures.push(pixmap.into_png().map_err(|_| PreviewError::Unreadable)?);
    }
    if pictures.is_empty() {
        return Err(PreviewError::Unreadable);
    }
    Ok(PagePictures {
        pages: pictures,
        page_count: pages.len(),
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::{Block, Document, Furniture, Language, Meta, PageSetup, Span};

    fn pdf_of(blocks: Vec<Block>) -> Vec<u8> {
        let doc = Document {
            meta: Meta {
                title: "Bijlage".into(),
                author: String::new(),
                subject: String::new(),
                keywords: vec![],
                created: chrono::DateTime::UNIX_EPOCH,
                language: Language::Nl,
            },
            page: PageSetup::default(),
            furniture: Furniture::default(),
            blocks,
        };
        crate::render(&doc).bytes
    }

    /// A PDF of `pages` pages, each with one line of text.
    pub(crate) fn document(pages: usize) -> Vec<u8> {
        let mut blocks = vec![];
        for i in 0..pages {
            if i > 0 {
                blocks.push(Block::PageBreak);
            }
            blocks.push(Block::Paragraph(vec![Span::plain(format!(
                "Pagina-inhoud {i}"
            ))]));
        }
        pdf_of(blocks)
    }

    #[test]
    fn renders_the_first_pages_as_png_and_counts_them_all() {
        let pdf = document(4);
        let got = page_pictures(
            &pdf,
            PreviewOptions {
                max_pages: 3,
                width_px: 600.0,
            },
        )
        .expect("renders");
        assert_eq!(got.page_count, 4);
        assert_eq!(got.pages.len(), 3);
        for png in &got.pages {
            assert_eq!(&png[1..4], b"PNG");
            // IHDR width, big-endian, right after the signature and chunk head.
            let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
            assert_eq!(width, 600);
        }
    }

    #[test]
    fn a_page_with_text_is_not_blank() {
        let blank = page_pictures(&document(1), PreviewOptions::default()).expect("renders");
        let text = (0..40)
            .map(|_| {
                Block::Paragraph(vec![Span::plain(
                    "Ayşe Yılmaz en Çağrı Öztürk bespraken de coördinatie van ideeën.",
                )])
            })
            .collect();
        let full = page_pictures(&pdf_of(text), PreviewOptions::default()).expect("renders");
        // A page full of text compresses worse than an almost empty one.
        assert!(full.pages[0].len() > blank.pages[0].len() * 2);
    }

    #[test]
    fn mangled_pdfs_never_escape_as_a_panic() {
        let pdf = document(2);
        let mut seed: u64 = 0x5eed_1234;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let options = PreviewOptions {
            max_pages: 1,
            width_px: 200.0,
        };
        let mut shown = 0;
        for _ in 0..40 {
            let mut bytes = pdf.clone();
            for _ in 0..1 + next() % 20 {
                let at = next() % bytes.len();
                bytes[at] = (next() % 256) as u8;
            }
            if page_pictures(&bytes, options).is_ok() {
                shown += 1;
            }
        }
        // Most single-byte damage leaves a PDF readable; all of it must end.
        assert!(shown > 0);
    }

    #[test]
    fn not_a_pdf_and_a_damaged_pdf_are_unreadable() {
        assert_eq!(
            page_pictures(b"hello", PreviewOptions::default()).err(),
            Some(PreviewError::Unreadable)
        );
        let pdf = document(2);
        let half = &pdf[..pdf.len() / 2];
        // A truncated file either still shows what it can or is refused.
        if let Err(e) = page_pictures(half, PreviewOptions::default()) {
            assert_eq!(e, PreviewError::Unreadable);
        }
        assert_eq!(
            page_pictures(&[], PreviewOptions::default()).err(),
            Some(PreviewError::Unreadable)
        );
    }
}
