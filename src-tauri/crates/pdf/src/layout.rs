//! Layout: blocks into positioned items on pages. Lines are broken by
//! measured glyph advances; a word longer than a line is broken inside the
//! word; nothing runs past a margin; a table row taller than a page is split.

use std::collections::BTreeSet;

use crate::fonts::{Face, Fonts};
use crate::model::{Align, Block, Document, Orientation, Span, Table};

pub const MM: f32 = 72.0 / 25.4;
const A4: (f32, f32) = (595.28, 841.89);
pub const BODY: f32 = 10.5;
const LEADING: f32 = 1.4;
const FURNITURE_SPACE: f32 = 20.0;
const CELL_PAD: f32 = 4.0;

/// Grey levels used for shading (0 = black, 1 = white).
pub const ZEBRA: f32 = 0.95;
pub const HEADER_FILL: f32 = 0.88;

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
        grey: f32,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    Box {
        x: f32,
        y: f32,
        size: f32,
    },
}

/// A styled piece of a line.
#[derive(Debug, Clone)]
struct Piece {
    face: Face,
    text: String,
    width: f32,
}

pub struct Layout<'a> {
    fonts: &'a Fonts,
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
    pub pages: Vec<Vec<Item>>,
    y: f32,
    pub missing: BTreeSet<char>,
}

impl<'a> Layout<'a> {
    pub fn new(doc: &Document) -> Self {
        let (w, h) = match doc.page.orientation {
            Orientation::Portrait => A4,
            Orientation::Landscape => (A4.1, A4.0),
        };
        let m = doc.page.margin_mm.clamp(5.0, 60.0) * MM;
        let top = h - m - FURNITURE_SPACE;
        Layout {
            fonts: Fonts::get(),
            width: w,
            height: h,
            left: m,
            right: w - m,
            top,
            bottom: m + FURNITURE_SPACE,
            pages: vec![vec![]],
            y: top,
            missing: BTreeSet::new(),
        }
    }

    fn text_width(&self) -> f32 {
        self.right - self.left
    }

    fn page(&mut self) -> &mut Vec<Item> {
        self.pages.last_mut().expect("at least one page")
    }

    fn new_page(&mut self) {
        self.pages.push(vec![]);
        self.y = self.top;
    }

    fn at_top(&self) -> bool {
        (self.y - self.top).abs() < 0.01
    }

    /// Starts a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f32) {
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

    /// Breaks styled text into lines no wider than `max`.
    fn wrap(&mut self, spans: &[Span], size: f32, max: f32) -> Vec<Vec<Piece>> {
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

    fn place_line(&mut self, line: &[Piece], x: f32, width: f32, align: Align, size: f32) {
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
    fn text_block(&mut self, spans: &[Span], size: f32, x: f32, width: f32) {
        let lh = size * LEADING;
        for line in self.wrap(spans, size, width) {
            self.ensure(lh);
            self.place_line(&line, x, width, Align::Left, size);
            self.y -= lh;
        }
    }

    pub fn block(&mut self, block: &Block, next: Option<&Block>) {
        match block {
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
                let label_w = self.text_width() * 0.33;
                for (k, v) in pairs {
                    let labels = self.wrap(&[Span::bold(k.clone())], BODY, label_w - 8.0);
                    let values =
                        self.wrap(&[Span::plain(v.clone())], BODY, self.text_width() - label_w);
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
        fill: Option<f32>,
        size: f32,
    ) {
        let lh = size * LEADING;
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = lines as f32 * lh + 2.0 * CELL_PAD;
        let (left, right, top) = (self.left, self.right, self.y);
        if let Some(grey) = fill {
            self.page().push(Item::Fill {
                x: left,
                y: top - h,
                w: right - left,
                h,
                grey,
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
        });
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
