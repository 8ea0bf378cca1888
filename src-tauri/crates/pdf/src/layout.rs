//! Layout: blocks into positioned items on pages. Lines are broken by
//! measured glyph advances; a word longer than a line is broken inside the
//! word; nothing runs past a margin; a table row taller than a page is split.
//! Charts are laid out in [`crate::charts`].

use std::collections::BTreeSet;

use printpdf::RawImage;

use crate::fonts::{Face, Fonts};
use crate::model::{Align, Block, Cover, Document, Image, Language, Orientation, Span, Table};

pub const MM: f32 = 72.0 / 25.4;
const A4: (f32, f32) = (595.28, 841.89);
pub const BODY: f32 = 10.5;
const LEADING: f32 = 1.4;
const FURNITURE_SPACE: f32 = 20.0;
const CELL_PAD: f32 = 4.0;

/// An RGB colour, each part from 0 to 1.
pub type Colour = [f32; 3];
pub const BLACK: Colour = [0.0, 0.0, 0.0];
/// Shading of every other table row and of the header row.
pub const ZEBRA: Colour = [0.95, 0.95, 0.95];
pub const HEADER_FILL: Colour = [0.88, 0.88, 0.88];

/// Something drawn on a page, in points from the bottom left.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        y: f32,
        face: Face,
        size: f32,
        text: String,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        colour: Colour,
    },
    Polyline {
        points: Vec<(f32, f32)>,
        width: f32,
        colour: Colour,
    },
    /// The `index`th picture of [`Layout::images`], bottom left at x, y.
    Image {
        index: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
    Box {
        x: f32,
        y: f32,
        size: f32,
    },
}

/// A styled piece of a line.
#[derive(Debug, Clone)]
pub struct Piece {
    pub face: Face,
    pub text: String,
    pub width: f32,
}

/// A heading as it was placed, for the table of contents and the outline.
#[derive(Debug, Clone)]
pub struct Placed {
    pub text: String,
    /// Page index, from 0.
    pub page: usize,
}

pub struct Layout<'a> {
    pub fonts: &'a Fonts,
    pub language: Language,
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub pages: Vec<Vec<Item>>,
    pub y: f32,
    pub missing: BTreeSet<char>,
    /// Pictures in the order they were placed; items refer to them by index.
    pub images: Vec<RawImage>,
    /// Pictures that could not be read (PNG or JPEG expected).
    pub unreadable_images: usize,
    /// Chart labels shortened to keep a chart on its page.
    pub shortened_labels: usize,
    /// Headings of level 1 and 2 in document order, with where they landed.
    pub headings: Vec<Placed>,
    /// Page numbers still to be written into the table of contents:
    /// (page, item index, heading index).
    toc_slots: Vec<(usize, usize, usize)>,
    /// The headings the table of contents will list, known before layout.
    toc_entries: Vec<(u8, String)>,
}

/// Headings a table of contents lists.
fn in_contents(level: u8) -> bool {
    level <= 2
}

impl<'a> Layout<'a> {
    pub fn new(doc: &Document) -> Self {
        let (w, h) = match doc.page.orientation {
            Orientation::Portrait => A4,
            Orientation::Landscape => (A4.1, A4.0),
        };
        let m = doc.page.margin_mm.clamp(5.0, 60.0) * MM;
        let top = h - m - FURNITURE_SPACE;
        let toc_entries = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } if in_contents(*level) => {
                    Some((*level, text.clone()))
                }
                _ => None,
            })
            .collect();
        Layout {
            fonts: Fonts::get(),
            language: doc.meta.language,
            width: w,
            height: h,
            left: m,
            right: w - m,
            top,
            bottom: m + FURNITURE_SPACE,
            pages: vec![vec![]],
            y: top,
            missing: BTreeSet::new(),
            images: vec![],
            unreadable_images: 0,
            shortened_labels: 0,
            headings: vec![],
            toc_slots: vec![],
            toc_entries,
        }
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }

    pub fn page(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("at least one page")
    }

    pub fn new_page(&mut self) {
        self.pages.push(vec![]);
        self.y = self.top;
    }

    pub fn at_top(&self) -> bool {
        (self.y - self.top).abs() < 0.01
    }

    /// Height of the text area of a page.
    pub fn page_room(&self) -> f32 {
        self.top - self.bottom
    }

    /// Starts a new page unless `h` points still fit on this one.
    pub fn ensure(&mut self, h: f32) {
        if self.y - h < self.bottom && !self.at_top() {
            self.new_page();
        }
    }

    fn note_missing(&mut self, face: Face, text: &str) {
        for c in text.chars() {
            if !c.is_whitespace() && !self.fonts.has_glyph(face, c) {
                self.missing.insert(c);
            }
        }
    }

    /// One line of text at x, baseline y, noting glyphs the font lacks.
    pub fn text_at(&mut self, x: f32, y: f32, face: Face, size: f32, text: &str) {
        self.note_missing(face, text);
        self.page().push(Item::Text {
            x,
            y,
            face,
            size,
            text: text.to_string(),
        });
    }

    /// Breaks styled text into lines no wider than `max`.
    pub fn wrap(&mut self, spans: &[Span], size: f32, max: f32) -> Vec<Vec<Piece>> {
        let mut lines: Vec<Vec<Piece>> = vec![vec![]];
        let mut used = 0.0;
        for span in spans {
            let face = Face::of(span.bold, span.italic);
            self.note_missing(face, &span.text);
            for (i, paragraph) in span.text.replace('\t', " ").split('\n').enumerate() {
                if i > 0 {
                    lines.push(vec![]);
                    used = 0.0;
                }
                for word in paragraph.split_inclusive(' ') {
                    let w = self.fonts.width(face, size, word);
                    let bare = self.fonts.width(face, size, word.trim_end());
                    if used + bare > max && used > 0.0 {
                        lines.push(vec![]);
                        used = 0.0;
                    }
                    if bare > max {
                        // A word longer than the line: break inside it.
                        let mut piece = String::new();
                        let mut pw = 0.0;
                        for c in word.chars() {
                            let cw = self.fonts.width(face, size, c.encode_utf8(&mut [0; 4]));
                            if pw + cw > max - used && !piece.is_empty() {
                                push_piece(&mut lines, face, std::mem::take(&mut piece), pw);
                                lines.push(vec![]);
                                used = 0.0;
                                pw = 0.0;
                            }
                            piece.push(c);
                            pw += cw;
                        }
                        used += pw;
                        push_piece(&mut lines, face, piece, pw);
                    } else {
                        used += w;
                        push_piece(&mut lines, face, word.to_string(), w);
                    }
                }
            }
        }
        for line in &mut lines {
            if let Some(last) = line.last_mut() {
                let trimmed = last.text.trim_end().to_string();
                last.width = self.fonts.width(last.face, size, &trimmed);
                last.text = trimmed;
            }
        }
        lines
    }

    pub fn place_line(&mut self, line: &[Piece], x: f32, width: f32, align: Align, size: f32) {
        let total: f32 = line.iter().map(|p| p.width).sum();
        let mut px = match align {
            Align::Left => x,
            Align::Right => x + (width - total).max(0.0),
            Align::Center => x + ((width - total) / 2.0).max(0.0),
        };
        let y = self.y - size;
        for p in line {
            if !p.text.is_empty() {
                let item = Item::Text {
                    x: px,
                    y,
                    face: p.face,
                    size,
                    text: p.text.clone(),
                };
                self.page().push(item);
            }
            px += p.width;
        }
    }

    /// Wrapped text at `x`, `width` wide, continuing on new pages.
    pub fn text_block(&mut self, spans: &[Span], size: f32, x: f32, width: f32) {
        let lh = size * LEADING;
        for line in self.wrap(spans, size, width) {
            self.ensure(lh);
            self.place_line(&line, x, width, Align::Left, size);
            self.y -= lh;
        }
    }

    pub fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
            Block::Cover(cover) => self.cover(cover),
            Block::Contents => self.contents(),
            Block::BarChart(chart) => self.bar_chart(chart),
            Block::LineChart(chart) => self.line_chart(chart),
            Block::Image(image) => self.image(image),
            Block::Heading { level, text } => {
                let (size, before) = match level {
                    1 => (18.0, 14.0),
                    2 => (14.0, 12.0),
                    _ => (12.0, 8.0),
                };
                if !self.at_top() {
                    self.y -= before;
                }
                // Keep the heading with the first lines of what follows.
                let follow = if next.is_some() {
                    BODY * LEADING * 3.0
                } else {
                    0.0
                };
                self.ensure(size * LEADING * 2.0 + follow);
                if in_contents(*level) {
                    self.headings.push(Placed {
                        text: text.clone(),
                        page: self.pages.len() - 1,
                    });
                }
                let spans = [Span::bold(text.clone())];
                let w = self.text_width();
                let left = self.left;
                self.text_block(&spans, size, left, w);
                self.y -= 4.0;
            }
            Block::Paragraph(spans) => {
                let (l, w) = (self.left, self.text_width());
                self.text_block(spans, BODY, l, w);
                self.y -= 6.0;
            }
            Block::Bullets(items) | Block::Numbered(items) => {
                let numbered = matches!(block, Block::Numbered(_));
                let indent = 18.0;
                for (i, item) in items.iter().enumerate() {
                    self.ensure(BODY * LEADING);
                    let mark = if numbered {
                        format!("{}.", i + 1)
                    } else {
                        "•".to_string()
                    };
                    let (left, y) = (self.left, self.y - BODY);
                    self.page().push(Item::Text {
                        x: left + 4.0,
                        y,
                        face: Face::Regular,
                        size: BODY,
                        text: mark,
                    });
                    let w = self.text_width() - indent;
                    self.text_block(item, BODY, left + indent, w);
                    self.y -= 2.0;
                }
                self.y -= 4.0;
            }
            Block::Checklist(items) => {
                let indent = 20.0;
                for item in items {
                    self.ensure(BODY * LEADING);
                    let (left, y) = (self.left, self.y - BODY);
                    self.page().push(Item::Box {
                        x: left + 2.0,
                        y,
                        size: BODY * 0.9,
                    });
                    let w = self.text_width() - indent;
                    self.text_block(&[Span::plain(item.clone())], BODY, left + indent, w);
                    self.y -= 3.0;
                }
                self.y -= 4.0;
            }
            Block::KeyValue(pairs) => {
                self.key_values(pairs);
                self.y -= 4.0;
            }
            Block::Table(t) => self.table(t),
            Block::Signatures(captions) => {
                for caption in captions {
                    self.ensure(60.0);
                    self.y -= 36.0;
                    let left = self.left;
                    let y = self.y;
                    self.page().push(Item::Line {
                        x1: left,
                        y1: y,
                        x2: left + 220.0,
                        y2: y,
                        width: 0.7,
                        colour: BLACK,
                    });
                    self.y -= 2.0;
                    self.text_block(&[Span::plain(caption.clone())], 9.0, left, 220.0);
                }
                self.y -= 6.0;
            }
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
        }
    }

    fn table(&mut self, t: &Table) {
        if t.columns.is_empty() {
            return;
        }
        let total: f32 = t.columns.iter().map(|c| c.width.max(0.01)).sum();
        let widths: Vec<f32> = t
            .columns
            .iter()
            .map(|c| self.text_width() * c.width.max(0.01) / total)
            .collect();
        let size = 9.5;
        let lh = size * LEADING;
        let header: Vec<Vec<Vec<Piece>>> = t
            .columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| self.wrap(&[Span::bold(c.title.clone())], size, w - 2.0 * CELL_PAD))
            .collect();
        let header_h = header.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * CELL_PAD;
        self.ensure(header_h + lh + 2.0 * CELL_PAD);
        self.table_row(&header, &widths, t, Some(HEADER_FILL), size);
        for (r, row) in t.rows.iter().enumerate() {
            let cells: Vec<Vec<Vec<Piece>>> = widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let text = row.get(i).cloned().unwrap_or_default();
                    self.wrap(&[Span::plain(text)], size, w - 2.0 * CELL_PAD)
                })
                .collect();
            let fill = (t.zebra && r % 2 == 1).then_some(ZEBRA);
            let mut remaining = cells;
            loop {
                let need =
                    remaining.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * CELL_PAD;
                let room = self.y - self.bottom;
                if need <= room {
                    self.table_row(&remaining, &widths, t, fill, size);
                    break;
                }
                let page_room = self.top - self.bottom - header_h;
                if need <= page_room || room < lh * 2.0 + 2.0 * CELL_PAD {
                    // The row fits on a fresh page (or almost nothing fits here).
                    self.new_page();
                    self.table_row(&header, &widths, t, Some(HEADER_FILL), size);
                    if need <= page_room {
                        continue;
                    }
                }
                // Taller than a page: put what fits here, the rest on the next.
                let fit = (((self.y - self.bottom - 2.0 * CELL_PAD) / lh).floor() as usize).max(1);
                let now: Vec<Vec<Vec<Piece>>> = remaining
                    .iter()
                    .map(|c| c.iter().take(fit).cloned().collect())
                    .collect();
                remaining = remaining
                    .iter()
                    .map(|c| c.iter().skip(fit).cloned().collect())
                    .collect();
                self.table_row(&now, &widths, t, fill, size);
                self.new_page();
                self.table_row(&header, &widths, t, Some(HEADER_FILL), size);
            }
        }
        self.y -= 8.0;
    }

    fn table_row(
        &mut self,
        cells: &[Vec<Vec<Piece>>],
        widths: &[f32],
        t: &Table,
        fill: Option<Colour>,
        size: f32,
    ) {
        let lh = size * LEADING;
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = lines as f32 * lh + 2.0 * CELL_PAD;
        let (left, right, top) = (self.left, self.right, self.y);
        if let Some(colour) = fill {
            self.page().push(Item::Fill {
                x: left,
                y: top - h,
                w: right - left,
                h,
                colour,
            });
        }
        let mut x = left;
        for (i, cell) in cells.iter().enumerate() {
            let align = t.columns.get(i).map(|c| c.align).unwrap_or_default();
            self.y = top - CELL_PAD;
            for line in cell {
                self.place_line(line, x + CELL_PAD, widths[i] - 2.0 * CELL_PAD, align, size);
                self.y -= lh;
            }
            x += widths[i];
        }
        self.y = top - h;
        let y = self.y;
        self.page().push(Item::Line {
            x1: left,
            y1: y,
            x2: right,
            y2: y,
            width: 0.4,
            colour: BLACK,
        });
    }

    /// A title page: logo, title and subtitle a third of the way down,
    /// the details near the foot; what follows starts on a new page.
    fn cover(&mut self, cover: &Cover) {
        if !self.at_top() {
            self.new_page();
        }
        if let Some(logo) = &cover.logo {
            self.image(logo);
        }
        let third = self.bottom + self.page_room() * 0.62;
        if self.y > third {
            self.y = third;
        }
        let (l, w) = (self.left, self.text_width());
        self.text_block(&[Span::bold(cover.title.clone())], 26.0, l, w);
        if let Some(sub) = &cover.subtitle {
            self.y -= 8.0;
            self.text_block(&[Span::plain(sub.clone())], 15.0, l, w);
        }
        if !cover.details.is_empty() {
            let lh = BODY * LEADING;
            let label_w = w * 0.33;
            let heights: f32 = cover
                .details
                .iter()
                .map(|(k, v)| {
                    let a = self
                        .wrap(&[Span::bold(k.clone())], BODY, label_w - 8.0)
                        .len();
                    let b = self
                        .wrap(&[Span::plain(v.clone())], BODY, w - label_w)
                        .len();
                    a.max(b) as f32 * lh + 2.0
                })
                .sum();
            let foot = self.bottom + heights + 10.0;
            if self.y - 30.0 > foot {
                self.y = foot;
            } else {
                self.y -= 30.0;
            }
            self.key_values(&cover.details);
        }
        self.new_page();
    }

    /// The table of contents: every level 1 and 2 heading with its page
    /// number, which is filled in once the whole document is laid out.
    fn contents(&mut self) {
        let title = match self.language {
            Language::Nl => "Inhoud",
            Language::En => "Contents",
        };
        self.ensure(18.0 * LEADING * 3.0);
        let (l, w) = (self.left, self.text_width());
        self.text_block(&[Span::bold(title)], 18.0, l, w);
        self.y -= 6.0;
        let number_w = self.fonts.width(Face::Regular, BODY, "0000") + 8.0;
        let lh = BODY * LEADING;
        for (entry, (level, text)) in self.toc_entries.clone().into_iter().enumerate() {
            let indent = if level == 1 { 0.0 } else { 16.0 };
            let face_span = if level == 1 {
                Span::bold(text)
            } else {
                Span::plain(text)
            };
            let lines = self.wrap(&[face_span], BODY, w - indent - number_w);
            self.ensure(lh * lines.len() as f32);
            let first_y = self.y - BODY;
            for line in &lines {
                self.ensure(lh);
                self.place_line(line, l + indent, w - indent - number_w, Align::Left, BODY);
                self.y -= lh;
            }
            // The number stands on the entry's first line; it is written
            // when the heading's page is known.
            let page = self.pages.len() - 1;
            let slot = self.page().len();
            self.page().push(Item::Text {
                x: l + w,
                y: first_y,
                face: Face::Regular,
                size: BODY,
                text: String::new(),
            });
            self.toc_slots.push((page, slot, entry));
            self.y -= if level == 1 { 3.0 } else { 1.0 };
        }
        self.y -= 10.0;
    }

    /// Writes the page numbers into the table of contents.
    pub fn finish(&mut self) {
        for (page, slot, entry) in std::mem::take(&mut self.toc_slots) {
            let Some(placed) = self.headings.get(entry) else {
                continue;
            };
            let number = (placed.page + 1).to_string();
            let w = self.fonts.width(Face::Regular, BODY, &number);
            if let Some(Item::Text { x, text, .. }) = self
                .pages
                .get_mut(page)
                .and_then(|items| items.get_mut(slot))
            {
                *x -= w;
                *text = number;
            }
        }
    }

    /// Label and value pairs, labels in bold a third of the width.
    fn key_values(&mut self, pairs: &[(String, String)]) {
        let label_w = self.text_width() * 0.33;
        for (k, v) in pairs {
            let labels = self.wrap(&[Span::bold(k.clone())], BODY, label_w - 8.0);
            let values = self.wrap(&[Span::plain(v.clone())], BODY, self.text_width() - label_w);
            let n = labels.len().max(values.len());
            let lh = BODY * LEADING;
            for i in 0..n {
                self.ensure(lh);
                let left = self.left;
                if let Some(l) = labels.get(i) {
                    self.place_line(l, left, label_w, Align::Left, BODY);
                }
                if let Some(v) = values.get(i) {
                    let w = self.text_width() - label_w;
                    self.place_line(v, left + label_w, w, Align::Left, BODY);
                }
                self.y -= lh;
            }
            self.y -= 2.0;
        }
    }

    /// A picture at its given width (at most the text width), shrunk to fit
    /// a page if it is taller; an unreadable one, or one that declares more
    /// pixels than [`crate::pictures::MAX_SIDE`], is counted and shown as a
    /// framed note instead.
    fn image(&mut self, image: &Image) {
        let mut warnings = vec![];
        let decoded = crate::pictures::decodable(&image.bytes)
            .then(|| RawImage::decode_from_bytes(&image.bytes, &mut warnings).ok())
            .flatten();
        let Some(raw) = decoded else {
            self.unreadable_images += 1;
            let note = match self.language {
                Language::Nl => "[afbeelding onleesbaar]",
                Language::En => "[unreadable image]",
            };
            let (l, w) = (self.left, self.text_width());
            self.text_block(&[Span::italic(note)], BODY, l, w);
            return;
        };
        let (px_w, px_h) = (raw.width.max(1) as f32, raw.height.max(1) as f32);
        let mut w = (image.width_mm.max(1.0) * MM).min(self.text_width());
        let mut h = w * px_h / px_w;
        if h > self.page_room() {
            h = self.page_room();
            w = h * px_w / px_h;
        }
        self.ensure(h);
        let x = match image.align {
            Align::Left => self.left,
            Align::Right => self.right - w,
            Align::Center => self.left + (self.text_width() - w) / 2.0,
        };
        self.y -= h;
        let (index, y) = (self.images.len(), self.y);
        self.images.push(raw);
        self.page().push(Item::Image { index, x, y, w, h });
        self.y -= 8.0;
    }
}

fn push_piece(lines: &mut [Vec<Piece>], face: Face, text: String, width: f32) {
    if let Some(line) = lines.last_mut() {
        match line.last_mut() {
            Some(last) if last.face == face => {
                last.text.push_str(&text);
                last.width += width;
            }
            _ => line.push(Piece { face, text, width }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn no_text_runs_past_the_margins_or_off_the_page() {
        let mut d =
            crate::specimen::specimen(chrono::DateTime::from_timestamp(0, 0).expect("time"));
        d.blocks.push(Block::Paragraph(vec![
            Span::bold("W".repeat(3000)),
            Span::plain(" smal"),
        ]));
        // Crowded charts: many categories, long names, many series.
        let names: Vec<String> = (0..60)
            .map(|i| format!("Categorie {i} {}", "W".repeat(i * 5)))
            .collect();
        let series = |n: usize| -> Vec<Series> {
            (0..n)
                .map(|s| Series {
                    name: format!("Reeks {s} {}", "lang ".repeat(s)),
                    values: (0..60).map(|c| Some(((c * s) % 97) as f64 * 1.5)).collect(),
                })
                .collect()
        };
        for (direction, n) in [
            (BarDirection::Vertical, 3),
            (BarDirection::Horizontal, 90),
            (BarDirection::Vertical, 1),
        ] {
            d.blocks.push(Block::BarChart(BarChart {
                title: "T".repeat(400),
                categories: names
                    .iter()
                    .take(if n == 1 { 6 } else { 60 })
                    .cloned()
                    .collect(),
                series: series(n),
                direction,
                value_labels: true,
                hidden_label: "< 5".into(),
            }));
        }
        d.blocks.push(Block::LineChart(LineChart {
            title: "Lijn".into(),
            categories: names.clone(),
            series: series(30),
            value_labels: true,
        }));
        d.page.orientation = Orientation::Landscape;
        let mut l = Layout::new(&d);
        for (i, b) in d.blocks.iter().enumerate() {
            l.block(b, d.blocks.get(i + 1));
        }
        let fonts = Fonts::get();
        let mut texts = 0;
        for page in &l.pages {
            for item in page {
                if let Item::Text {
                    x,
                    y,
                    face,
                    size,
                    text,
                } = item
                {
                    texts += 1;
                    let right = x + fonts.width(*face, *size, text);
                    assert!(
                        *x >= l.left - 0.01 && right <= l.right + 0.5,
                        "{text:?} runs from {x} to {right}"
                    );
                    assert!(
                        *y >= l.bottom - 0.5 && *y <= l.top,
                        "{text:?} at y {y} is outside the text area"
                    );
                }
            }
        }
        assert!(texts > 100, "the test must look at real text, saw {texts}");
    }
}
