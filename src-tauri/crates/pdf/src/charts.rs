//! Bar charts (horizontal, vertical, grouped) and line charts, laid out
//! from the same measured text as the rest of the document.
//!
//! Rules that keep a chart on the paper: values below zero and values that
//! are not finite are drawn as no bar (their label still shows the value or
//! the hidden label); labels longer than [`MAX_LABEL`] characters are
//! shortened with "…" and counted in a warning; a vertical chart whose
//! category names would need more than three lines is drawn horizontally;
//! a horizontal chart taller than the page continues on the next page with
//! its axis repeated.

use crate::fonts::Face;
use crate::layout::{Colour, Item, Layout, Piece, BLACK, BODY};
use crate::model::{Align, BarChart, BarDirection, Language, LineChart, Series, Span};

/// The longest label a chart prints in full.
pub const MAX_LABEL: usize = 120;
const SMALL: f32 = 7.5;
const SMALL_LH: f32 = SMALL * 1.3;
const PLOT_HEIGHT: f32 = 150.0;
const GRID: Colour = [0.82, 0.82, 0.82];

/// Series colours that stay distinguishable when printed in grey.
const PALETTE: [Colour; 5] = [
    [0.13, 0.30, 0.52],
    [0.91, 0.63, 0.26],
    [0.45, 0.45, 0.45],
    [0.55, 0.75, 0.85],
    [0.35, 0.16, 0.10],
];

fn colour(series: usize) -> Colour {
    PALETTE[series % PALETTE.len()]
}

/// A number as a reader of the document's language writes it:
/// "1.234,5" in Dutch, "1,234.5" in English; at most two decimals.
pub fn format_number(v: f64, language: Language) -> String {
    let (thousands, decimal) = match language {
        Language::Nl => ('.', ','),
        Language::En => (',', '.'),
    };
    let rounded = (v * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let whole = abs.trunc() as u64;
    let cents = ((abs - abs.trunc()) * 100.0).round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(thousands);
        }
        out.push(c);
    }
    if cents > 0 {
        out.push(decimal);
        if cents.is_multiple_of(10) {
            out.push_str(&(cents / 10).to_string());
        } else {
            out.push_str(&format!("{cents:02}"));
        }
    }
    if negative {
        format!("-{out}")
    } else {
        out
    }
}

/// The value axis: its top and the distance between gridlines, a "nice"
/// step (1, 2, 2.5 or 5 times a power of ten; whole numbers for counts).
pub fn scale(max: f64, whole: bool) -> (f64, f64) {
    if !max.is_finite() || max <= 0.0 {
        return (1.0, 1.0);
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    if whole {
        step = step.max(1.0).round();
    }
    ((max / step).ceil() * step, step)
}

/// What a bar or point shows: the value, or the hidden label for `None`.
fn drawn(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

fn all_values(series: &[Series]) -> impl Iterator<Item = f64> + '_ {
    series
        .iter()
        .flat_map(|s| s.values.iter().filter_map(|v| drawn(*v)))
}

/// A value axis: its top, the distance between gridlines, the tick labels
/// and the width they need left of the plot.
struct Axis {
    top: f64,
    step: f64,
    ticks: Vec<String>,
    width: f32,
}

impl Layout<'_> {
    fn value_axis(&self, series: &[Series]) -> Axis {
        let (top, step) = scale(
            all_values(series).fold(0.0, f64::max),
            all_values(series).all(|v| v.fract() == 0.0),
        );
        let ticks: Vec<String> = (0..=((top / step).round() as usize))
            .map(|i| format_number(i as f64 * step, self.language))
            .collect();
        let width = ticks
            .iter()
            .map(|t| self.fonts.width(Face::Regular, SMALL, t))
            .fold(0.0, f32::max)
            + 6.0;
        Axis {
            top,
            step,
            ticks,
            width,
        }
    }

    /// Horizontal gridlines with their values, the baseline in black.
    fn gridlines(&mut self, axis: &Axis, (x0, x1): (f32, f32), base: f32, plot_h: f32) {
        for (i, tick) in axis.ticks.iter().enumerate() {
            let y = base + (i as f64 * axis.step / axis.top) as f32 * plot_h;
            self.rule((x0, y), (x1, y), if i == 0 { BLACK } else { GRID });
            let tw = self.fonts.width(Face::Regular, SMALL, tick);
            self.text_at(x0 - 4.0 - tw, y - SMALL * 0.35, Face::Regular, SMALL, tick);
        }
    }

    /// A label no longer than [`MAX_LABEL`] characters.
    fn label(&mut self, text: &str) -> String {
        if text.chars().count() <= MAX_LABEL {
            text.to_string()
        } else {
            self.shortened_labels += 1;
            let mut s: String = text.chars().take(MAX_LABEL - 1).collect();
            s.push('…');
            s
        }
    }

    fn small_lines(&mut self, text: &str, width: f32) -> Vec<Vec<Piece>> {
        let text = self.label(text);
        self.wrap(&[Span::plain(text)], SMALL, width.max(4.0))
    }

    fn value_text(&self, v: Option<f64>, hidden: &str) -> String {
        match drawn(v) {
            Some(x) => format_number(x, self.language),
            None => hidden.to_string(),
        }
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        self.page().push(Item::Fill { x, y, w, h, colour });
    }

    fn rule(&mut self, (x1, y1): (f32, f32), (x2, y2): (f32, f32), colour: Colour) {
        self.page().push(Item::Line {
            x1,
            y1,
            x2,
            y2,
            width: if colour == BLACK { 0.6 } else { 0.4 },
            colour,
        });
    }

    fn chart_title(&mut self, title: &str) {
        if title.is_empty() {
            return;
        }
        let (l, w) = (self.left, self.text_width());
        self.text_block(&[Span::bold(title.to_string())], BODY, l, w);
        self.y -= 4.0;
    }

    /// Height of the legend for these series (none for a single series),
    /// counting at most three lines: a longer legend flows on over pages.
    fn legend_height(&mut self, series: &[Series]) -> f32 {
        let h = self.legend(series, false);
        h.min(3.0 * SMALL_LH + 8.0)
    }

    /// Draws (or, with `draw` false, only measures) the legend: a swatch
    /// and the name of each series, flowing over as many lines as needed.
    fn legend(&mut self, series: &[Series], draw: bool) -> f32 {
        if series.len() < 2 {
            return 0.0;
        }
        let max = self.text_width();
        let (mut x, mut lines) = (0.0, 1);
        if draw {
            self.y -= 4.0;
            self.ensure(SMALL_LH);
        }
        for (i, s) in series.iter().enumerate() {
            let name = self.label(&s.name);
            let w = 12.0
                + self
                    .fonts
                    .width(Face::Regular, SMALL, &name)
                    .min(max - 12.0);
            if x > 0.0 && x + w > max {
                x = 0.0;
                lines += 1;
                if draw {
                    self.y -= SMALL_LH;
                    self.ensure(SMALL_LH);
                }
            }
            if draw {
                let left = self.left + x;
                let baseline = self.y - SMALL;
                self.fill(left, baseline - 0.5, 7.0, 7.0, colour(i));
                let pieces = self.wrap(&[Span::plain(name)], SMALL, max - 12.0);
                if let Some(first) = pieces.first() {
                    self.place_line(first, left + 10.0, max - 12.0, Align::Left, SMALL);
                }
            }
            x += w + 14.0;
        }
        if draw {
            self.y -= SMALL_LH + 4.0;
        }
        lines as f32 * SMALL_LH + 8.0
    }

    pub fn bar_chart(&mut self, chart: &BarChart) {
        if chart.categories.is_empty() {
            self.chart_title(&chart.title);
            return;
        }
        if chart.direction == BarDirection::Vertical && self.vertical_fits(chart) {
            self.vertical_bars(chart);
        } else {
            self.horizontal_bars(chart);
        }
        self.y -= 10.0;
    }

    fn vertical_fits(&mut self, chart: &BarChart) -> bool {
        let slot = (self.text_width() - 40.0) / chart.categories.len() as f32;
        let per_bar = slot * 0.75 / chart.series.len().max(1) as f32;
        per_bar >= 4.0
            && chart.categories.iter().all(|c| {
                let c = c.clone();
                self.small_lines(&c, slot - 4.0).len() <= 3
            })
    }

    fn vertical_bars(&mut self, chart: &BarChart) {
        let axis = self.value_axis(&chart.series);
        let top = axis.top;
        let (x0, x1) = (self.left + axis.width, self.right);
        let slot = (x1 - x0) / chart.categories.len() as f32;
        let labels: Vec<Vec<Vec<Piece>>> = chart
            .categories
            .iter()
            .map(|c| self.small_lines(c, slot - 4.0))
            .collect();
        let label_h = labels.iter().map(Vec::len).max().unwrap_or(1) as f32 * SMALL_LH;
        let title_h = if chart.title.is_empty() {
            0.0
        } else {
            let t = self.wrap(&[Span::bold(chart.title.clone())], BODY, self.text_width());
            t.len() as f32 * BODY * 1.4 + 4.0
        };
        let legend_h = self.legend_height(&chart.series);
        let plot_h =
            (PLOT_HEIGHT.min(self.page_room() - title_h - label_h - legend_h - 20.0)).max(60.0);
        self.ensure(title_h + 10.0 + plot_h + 4.0 + label_h + legend_h);
        self.chart_title(&chart.title);
        self.y -= 10.0;
        let base = self.y - plot_h;
        let height = |v: f64| (v / top) as f32 * plot_h;
        self.gridlines(&axis, (x0, x1), base, plot_h);
        let n = chart.series.len().max(1) as f32;
        let bar_w = slot * 0.75 / n;
        for (c, lines) in labels.iter().enumerate() {
            let group_x = x0 + c as f32 * slot + slot * 0.125;
            for (s, series) in chart.series.iter().enumerate() {
                let v = series.values.get(c).copied().flatten();
                let x = group_x + s as f32 * bar_w;
                let h = drawn(v).map_or(0.0, |v| height(v.max(0.0)));
                if h > 0.0 {
                    self.fill(x + 0.5, base, bar_w - 1.0, h, colour(s));
                }
                if chart.value_labels {
                    let text = self.value_text(v, &chart.hidden_label);
                    let tw = self.fonts.width(Face::Regular, SMALL, &text);
                    let tx = (x + (bar_w - tw) / 2.0).clamp(self.left, self.right - tw);
                    self.text_at(tx, base + h + 2.5, Face::Regular, SMALL, &text);
                }
            }
            self.y = base - 4.0;
            for line in lines {
                let x = x0 + c as f32 * slot + 2.0;
                self.place_line(line, x, slot - 4.0, Align::Center, SMALL);
                self.y -= SMALL_LH;
            }
        }
        self.y = base - 4.0 - label_h;
        self.legend(&chart.series, true);
    }

    fn horizontal_bars(&mut self, chart: &BarChart) {
        let axis = self.value_axis(&chart.series);
        let (top, step) = (axis.top, axis.step);
        let label_w = self.text_width() * 0.3;
        let value_w = if chart.value_labels {
            chart
                .series
                .iter()
                .flat_map(|s| s.values.iter())
                .map(|v| {
                    let t = self.value_text(*v, &chart.hidden_label);
                    self.fonts.width(Face::Regular, SMALL, &t)
                })
                .fold(0.0, f32::max)
                + 6.0
        } else {
            0.0
        };
        let (x0, x1) = (self.left + label_w, self.right - value_w);
        let width = |v: f64| (v / top) as f32 * (x1 - x0);
        let n = chart.series.len().max(1);
        // Many series: thinner bars, so one category still fits on a page.
        let bar_h = f32::min(
            if n == 1 { 11.0 } else { 8.0 },
            self.page_room() * 0.5 / n as f32,
        );
        let rows: Vec<(Vec<Vec<Piece>>, f32)> = chart
            .categories
            .iter()
            .map(|c| {
                let lines = self.small_lines(c, label_w - 8.0);
                let h = (n as f32 * bar_h + 6.0).max(lines.len() as f32 * SMALL_LH + 4.0);
                (lines, h)
            })
            .collect();
        let axis_h = SMALL_LH + 6.0;
        let legend_h = self.legend_height(&chart.series);
        let first_h = rows.first().map_or(0.0, |r| r.1);
        let title_h = if chart.title.is_empty() {
            0.0
        } else {
            BODY * 1.4 * 2.0
        };
        self.ensure(title_h + first_h + axis_h + legend_h);
        self.chart_title(&chart.title);
        let mut segment_top = self.y;
        let draw_axis = |l: &mut Layout, from: f32| {
            let bottom = l.y;
            let ticks = (top / step).round() as usize;
            for i in 0..=ticks {
                let x = x0 + width(i as f64 * step);
                let colour = if i == 0 { BLACK } else { GRID };
                l.rule((x, from), (x, bottom), colour);
                let tick = format_number(i as f64 * step, l.language);
                let tw = l.fonts.width(Face::Regular, SMALL, &tick);
                let tx = (x - tw / 2.0).min(l.right - tw);
                l.text_at(tx, bottom - SMALL - 3.0, Face::Regular, SMALL, &tick);
            }
            l.y = bottom - axis_h;
        };
        for (c, (lines, h)) in rows.iter().enumerate() {
            if self.y - h - axis_h < self.bottom {
                draw_axis(self, segment_top);
                self.new_page();
                segment_top = self.y;
            }
            let row_top = self.y;
            self.y = row_top - 2.0;
            for line in lines {
                let left = self.left;
                self.place_line(line, left, label_w - 8.0, Align::Left, SMALL);
                self.y -= SMALL_LH;
            }
            let bars_top = row_top - (h - n as f32 * bar_h) / 2.0;
            for (s, series) in chart.series.iter().enumerate() {
                let v = series.values.get(c).copied().flatten();
                let y = bars_top - (s + 1) as f32 * bar_h;
                let w = drawn(v).map_or(0.0, |v| width(v.max(0.0)));
                if w > 0.0 {
                    self.fill(x0, y + 0.5, w, bar_h - 1.0, colour(s));
                }
                if chart.value_labels {
                    let text = self.value_text(v, &chart.hidden_label);
                    let ty = y + (bar_h - SMALL) / 2.0 + 1.0;
                    self.text_at(x0 + w + 3.0, ty, Face::Regular, SMALL, &text);
                }
            }
            self.y = row_top - h;
        }
        draw_axis(self, segment_top);
        self.legend(&chart.series, true);
    }

    pub fn line_chart(&mut self, chart: &LineChart) {
        if chart.categories.is_empty() {
            self.chart_title(&chart.title);
            return;
        }
        let axis = self.value_axis(&chart.series);
        let top = axis.top;
        let (x0, x1) = (self.left + axis.width, self.right);
        let n = chart.categories.len();
        let slot = (x1 - x0) / n as f32;
        // Crowded names: label every k-th category so names stay legible.
        let every = ((28.0 / slot).ceil() as usize).max(1);
        let labels: Vec<Option<Vec<Vec<Piece>>>> = chart
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| {
                (i % every == 0).then(|| {
                    let mut lines = self.small_lines(c, slot * every as f32 - 4.0);
                    if lines.len() > 3 {
                        self.shortened_labels += 1;
                        lines.truncate(3);
                        if let Some(last) = lines[2].last_mut() {
                            last.text.push('…');
                        }
                    }
                    lines
                })
            })
            .collect();
        let label_h = labels.iter().flatten().map(Vec::len).max().unwrap_or(1) as f32 * SMALL_LH;
        let legend_h = self.legend_height(&chart.series);
        self.ensure(BODY * 2.8 + 10.0 + PLOT_HEIGHT + 4.0 + label_h + legend_h);
        self.chart_title(&chart.title);
        self.y -= 10.0;
        let base = self.y - PLOT_HEIGHT;
        let height = |v: f64| (v.max(0.0) / top) as f32 * PLOT_HEIGHT;
        self.gridlines(&axis, (x0, x1), base, PLOT_HEIGHT);
        let x_of = |c: usize| x0 + (c as f32 + 0.5) * slot;
        for (s, series) in chart.series.iter().enumerate() {
            // A missing value breaks the line.
            let mut run: Vec<(f32, f32)> = vec![];
            for c in 0..n {
                match drawn(series.values.get(c).copied().flatten()) {
                    Some(v) => run.push((x_of(c), base + height(v))),
                    None => self.polyline(std::mem::take(&mut run), colour(s)),
                }
            }
            self.polyline(run, colour(s));
            for c in 0..n {
                let v = series.values.get(c).copied().flatten();
                if let Some(value) = drawn(v) {
                    let (x, y) = (x_of(c), base + height(value));
                    self.fill(x - 2.0, y - 2.0, 4.0, 4.0, colour(s));
                }
                if chart.value_labels {
                    let y = base + drawn(v).map_or(0.0, height);
                    // Below the point when another line passes just above it.
                    let crowded = chart.series.iter().enumerate().any(|(o, other)| {
                        drawn(other.values.get(c).copied().flatten()).is_some_and(|w| {
                            let oy = base + height(w);
                            o != s && oy - y < SMALL + 4.0 && (oy > y || (oy == y && o > s))
                        })
                    });
                    let ty = if crowded { y - 4.0 - SMALL } else { y + 4.0 };
                    let text = self.value_text(v, "");
                    let tw = self.fonts.width(Face::Regular, SMALL, &text);
                    let tx = (x_of(c) - tw / 2.0).clamp(self.left, self.right - tw);
                    self.text_at(tx, ty, Face::Regular, SMALL, &text);
                }
            }
        }
        for (c, lines) in labels.iter().enumerate() {
            let Some(lines) = lines else { continue };
            self.y = base - 4.0;
            let w = slot * every as f32 - 4.0;
            let x = (x_of(c) - w / 2.0).clamp(self.left, self.right - w);
            for line in lines {
                self.place_line(line, x, w, Align::Center, SMALL);
                self.y -= SMALL_LH;
            }
        }
        self.y = base - 4.0 - label_h;
        self.legend(&chart.series, true);
        self.y -= 10.0;
    }

    fn polyline(&mut self, points: Vec<(f32, f32)>, colour: Colour) {
        if points.len() > 1 {
            self.page().push(Item::Polyline {
                points,
                width: 1.5,
                colour,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_way_the_reader_writes_them() {
        assert_eq!(format_number(1234.5, Language::Nl), "1.234,5");
        assert_eq!(format_number(1234.5, Language::En), "1,234.5");
        assert_eq!(format_number(12.25, Language::Nl), "12,25");
        assert_eq!(format_number(7.0, Language::Nl), "7");
        assert_eq!(format_number(1_000_000.0, Language::Nl), "1.000.000");
        assert_eq!(format_number(-3.5, Language::En), "-3.5");
    }

    #[test]
    fn the_axis_ends_on_a_nice_step_above_the_largest_value() {
        assert_eq!(scale(23.0, true), (25.0, 5.0));
        assert_eq!(scale(4.0, true), (4.0, 1.0));
        assert_eq!(scale(0.0, true), (1.0, 1.0));
        let (top, step) = scale(0.9, false);
        assert!((top - 1.0).abs() < 1e-9 && (step - 0.2).abs() < 1e-9);
        assert_eq!(scale(1234.0, true), (1250.0, 250.0));
        let (top, step) = scale(f64::NAN, false);
        assert!(top > 0.0 && step > 0.0);
    }
}
