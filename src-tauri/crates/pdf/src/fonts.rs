//! The embedded fonts (DejaVu Sans, shipped in `fonts/` with its licence)
//! and text measurement from their glyph advances.

use std::sync::OnceLock;

use printpdf::ParsedFont;

// Packed with deflate by build.rs; inflated once, when first needed.
static REGULAR: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.deflate"));
static BOLD: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.deflate"));
static ITALIC: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Oblique.ttf.deflate"));
static BOLD_ITALIC: &[u8] = include_bytes!(concat!(
    env!("OUT_DIR"),
    "/DejaVuSans-BoldOblique.ttf.deflate"
));

/// One of the four faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

impl Face {
    pub fn of(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }

    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
}

/// The parsed faces, parsed once per process.
pub struct Fonts {
    faces: [ParsedFont; 4],
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(DejaVu Sans)")
    }
}

impl Fonts {
    pub fn get() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let parse = |packed: &[u8]| {
                let bytes = miniz_oxide::inflate::decompress_to_vec(packed)
                    .expect("the shipped fonts inflate");
                ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).expect("the shipped fonts parse")
            };
            Fonts {
                faces: [
                    parse(REGULAR),
                    parse(BOLD),
                    parse(ITALIC),
                    parse(BOLD_ITALIC),
                ],
            }
        })
    }

    pub fn face(&self, face: Face) -> &ParsedFont {
        &self.faces[face as usize]
    }

    /// Whether the face has a glyph for `c`.
    pub fn has_glyph(&self, face: Face, c: char) -> bool {
        self.face(face)
            .lookup_glyph_index(c as u32)
            .is_some_and(|g| g != 0)
    }

    /// Width of `text` at `size` points, in points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let font = self.face(face);
        let upem = f32::from(font.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                font.lookup_glyph_index(c as u32)
                    .map_or(0, |g| u32::from(font.get_horizontal_advance(g)))
            })
            .sum();
        units as f32 * size / upem
    }
}
