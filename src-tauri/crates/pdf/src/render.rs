//! Turns laid-out pages into a PDF with printpdf: embedded font subsets,
//! page furniture, metadata, and reproducible bytes.

use printpdf::{
    Color, FontId, Line, LinePoint, Op, PageAnnotId, PageAnnotation, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem, XObject,
    XObjectId, XObjectTransform,
};

use crate::fonts::{Face, Fonts};
use crate::layout::{Colour, Item, Layout};
use crate::model::{Document, Language};

/// Fixed resource names (for reproducible bytes), six capitals each so
/// readers recognise the embedded fonts as subsets ("VRTDRG+DejaVuSans").
fn font_id(face: Face) -> FontId {
    FontId(["VRTDRG", "VRTDBD", "VRTDIT", "VRTDBI"][face as usize].to_string())
}

fn grey(level: f32) -> Color {
    Color::Rgb(Rgb {
        r: level,
        g: level,
        b: level,
        icc_profile: None,
    })
}

fn text_ops(ops: &mut Vec<Op>, x: f32, y: f32, face: Face, size: f32, text: &str) {
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFont {
        font: PdfFontHandle::External(font_id(face)),
        size: Pt(size),
    });
    ops.push(Op::SetTextCursor {
        pos: Point { x: Pt(x), y: Pt(y) },
    });
    ops.push(Op::ShowText {
        items: vec![TextItem::Text(text.to_string())],
    });
    ops.push(Op::EndTextSection);
}

fn line(x1: f32, y1: f32, x2: f32, y2: f32) -> Line {
    let p = |x: f32, y: f32| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    };
    Line {
        points: vec![p(x1, y1), p(x2, y2)],
        is_closed: false,
    }
}

fn rgb([r, g, b]: Colour) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// Fixed image resource names, for reproducible bytes.
fn image_id(index: usize) -> XObjectId {
    XObjectId(format!("IMG{index}"))
}

fn item_ops(ops: &mut Vec<Op>, item: &Item, images: &[RawImage]) {
    match item {
        Item::Text {
            x,
            y,
            face,
            size,
            text,
        } => text_ops(ops, *x, *y, *face, *size, text),
        Item::Fill { x, y, w, h, colour } => {
            ops.push(Op::SetFillColor { col: rgb(*colour) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(*y),
                    width: Pt(*w),
                    height: Pt(*h),
                    mode: Some(PaintMode::Fill),
                    winding_order: None,
                },
            });
            ops.push(Op::SetFillColor { col: grey(0.0) });
        }
        Item::Line {
            x1,
            y1,
            x2,
            y2,
            width,
            colour,
        } => {
            ops.push(Op::SetOutlineColor { col: rgb(*colour) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::DrawLine {
                line: line(*x1, *y1, *x2, *y2),
            });
            ops.push(Op::SetOutlineColor { col: grey(0.0) });
        }
        Item::Polyline {
            points,
            width,
            colour,
        } => {
            ops.push(Op::SetOutlineColor { col: rgb(*colour) });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: points
                        .iter()
                        .map(|(x, y)| LinePoint {
                            p: Point {
                                x: Pt(*x),
                                y: Pt(*y),
                            },
                            bezier: false,
                        })
                        .collect(),
                    is_closed: false,
                },
            });
            ops.push(Op::SetOutlineColor { col: grey(0.0) });
        }
        Item::Image { index, x, y, w, .. } => {
            // printpdf sizes an image by its pixels and a dpi; choose the
            // dpi that makes it `w` points wide (the height follows).
            let px = images.get(*index).map_or(1, |i| i.width.max(1)) as f32;
            ops.push(Op::UseXobject {
                id: image_id(*index),
                transform: XObjectTransform {
                    translate_x: Some(Pt(*x)),
                    translate_y: Some(Pt(*y)),
                    dpi: Some(px * 72.0 / w.max(1.0)),
                    ..Default::default()
                },
            });
        }
        Item::Box { x, y, size } => {
            ops.push(Op::SetOutlineThickness { pt: Pt(0.8) });
            ops.push(Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(*x),
                    y: Pt(*y),
                    width: Pt(*size),
                    height: Pt(*size),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            });
        }
    }
}

/// "Pagina 2 van 7" / "Page 2 of 7".
pub fn page_label(language: Language, page: usize, total: usize) -> String {
    match language {
        Language::Nl => format!("Pagina {page} van {total}"),
        Language::En => format!("Page {page} of {total}"),
    }
}

fn furniture_ops(ops: &mut Vec<Op>, doc: &Document, layout: &Layout, page: usize, total: usize) {
    let fonts = Fonts::get();
    let size = 8.5;
    let header_y = layout.top + 10.0;
    ops.push(Op::SetFillColor { col: grey(0.35) });
    if let Some(h) = &doc.furniture.header {
        text_ops(ops, layout.left, header_y, Face::Regular, size, h);
    }
    let label = page_label(doc.meta.language, page, total);
    let w = fonts.width(Face::Regular, size, &label);
    let footer_y = layout.bottom - 14.0;
    text_ops(
        ops,
        (layout.left + layout.right - w) / 2.0,
        footer_y,
        Face::Regular,
        size,
        &label,
    );
    ops.push(Op::SetFillColor { col: grey(0.0) });
    if let Some(mark) = &doc.furniture.classification {
        // The mark is a word, in dark red and bold, top right and bottom left.
        ops.push(Op::SetFillColor {
            col: Color::Rgb(Rgb {
                r: 0.55,
                g: 0.1,
                b: 0.1,
                icc_profile: None,
            }),
        });
        let mw = fonts.width(Face::Bold, size, mark);
        text_ops(ops, layout.right - mw, header_y, Face::Bold, size, mark);
        text_ops(ops, layout.left, footer_y, Face::Bold, size, mark);
        ops.push(Op::SetFillColor { col: grey(0.0) });
    }
    ops.push(Op::SetOutlineColor { col: grey(0.6) });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.4) });
    ops.push(Op::DrawLine {
        line: line(layout.left, header_y - 4.0, layout.right, header_y - 4.0),
    });
    ops.push(Op::SetOutlineColor { col: grey(0.0) });
}

pub fn to_pdf(doc: &Document, layout: &Layout) -> Vec<u8> {
    let fonts = Fonts::get();
    let mut pdf = PdfDocument::new(&doc.meta.title);
    for face in Face::ALL {
        pdf.resources.fonts.map.insert(
            font_id(face),
            printpdf::PdfFont::new(fonts.face(face).clone()),
        );
    }
    let info = &mut pdf.metadata.info;
    info.author = doc.meta.author.clone();
    info.subject = doc.meta.subject.clone();
    info.keywords = doc.meta.keywords.clone();
    info.creator = "Vertrouwd".into();
    info.producer = "Vertrouwd (printpdf)".into();
    let when = printpdf::OffsetDateTime::from_unix_timestamp(doc.meta.created.timestamp())
        .unwrap_or_else(|_| printpdf::OffsetDateTime::from_unix_timestamp(0).expect("epoch"));
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    for (index, image) in layout.images.iter().enumerate() {
        pdf.resources
            .xobjects
            .map
            .insert(image_id(index), XObject::Image(image.clone()));
    }
    // The outline (bookmarks) a reader shows beside the pages.
    for (i, heading) in layout.headings.iter().enumerate() {
        pdf.bookmarks.map.insert(
            PageAnnotId(format!("H{i:05}")),
            PageAnnotation {
                name: heading.text.clone(),
                page: heading.page + 1,
            },
        );
    }
    let total = layout.pages.len();
    let (w_mm, h_mm) = (
        layout.width / crate::layout::MM,
        layout.height / crate::layout::MM,
    );
    let pages: Vec<PdfPage> = layout
        .pages
        .iter()
        .enumerate()
        .map(|(i, items)| {
            let mut ops = vec![];
            furniture_ops(&mut ops, doc, layout, i + 1, total);
            ops.push(Op::SetOutlineColor { col: grey(0.0) });
            for item in items {
                item_ops(&mut ops, item, &layout.images);
            }
            PdfPage::new(printpdf::Mm(w_mm), printpdf::Mm(h_mm), ops)
        })
        .collect();
    let bytes = pdf
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new());
    reproducible_ids(bytes)
}

/// printpdf writes a random document id into the trailer; replace it with
/// one derived from the rest of the file (same length, so offsets hold).
fn reproducible_ids(mut bytes: Vec<u8>) -> Vec<u8> {
    let Some(at) = find(&bytes, b"/ID") else {
        return bytes;
    };
    let mut digest: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &bytes[..at] {
        digest = (digest ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut i = at;
    let mut strings = 0;
    while i < bytes.len() && strings < 2 {
        if bytes[i] == b'(' {
            let start = i + 1;
            let Some(len) = bytes[start..].iter().position(|b| *b == b')') else {
                break;
            };
            for (k, b) in bytes[start..start + len].iter_mut().enumerate() {
                let d = digest.rotate_left((k as u32 * 7 + strings * 13) % 64);
                *b = b'A' + (d % 26) as u8;
            }
            strings += 1;
            i = start + len;
        }
        i += 1;
    }
    bytes
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}
