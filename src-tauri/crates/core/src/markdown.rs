//! The little Markdown the reports' narrative sections are written in:
//! paragraphs (a blank line between them), headings (`### Titel`), lists
//! (`- ` or `* `, and `1. `), **bold** and *italic*. Nothing else has a
//! meaning: no links, pictures, HTML or code, so whatever a user types is
//! printed as the text it is, never interpreted — there is nothing to
//! inject. A line break inside a paragraph is kept.

use vertrouwd_pdf::{Block, Span};

/// The blocks of `text`, each heading at `heading_level` (the section's
/// own heading stands above them).
pub fn blocks(text: &str, heading_level: u8) -> Vec<Block> {
    let mut out = vec![];
    let mut paragraph: Vec<&str> = vec![];
    let mut bullets: Vec<Vec<Span>> = vec![];
    let mut numbered: Vec<Vec<Span>> = vec![];
    let flush = |out: &mut Vec<Block>,
                 paragraph: &mut Vec<&str>,
                 bullets: &mut Vec<Vec<Span>>,
                 numbered: &mut Vec<Vec<Span>>| {
        if !paragraph.is_empty() {
            out.push(Block::Paragraph(spans(&paragraph.join("\n"))));
            paragraph.clear();
        }
        if !bullets.is_empty() {
            out.push(Block::Bullets(std::mem::take(bullets)));
        }
        if !numbered.is_empty() {
            out.push(Block::Numbered(std::mem::take(numbered)));
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut out, &mut paragraph, &mut bullets, &mut numbered);
        } else if let Some(title) = heading(trimmed) {
            flush(&mut out, &mut paragraph, &mut bullets, &mut numbered);
            out.push(Block::Heading {
                level: heading_level,
                text: plain(title),
            });
        } else if let Some(item) = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.strip_prefix("* "))
        {
            if !paragraph.is_empty() || !numbered.is_empty() {
                flush(&mut out, &mut paragraph, &mut bullets, &mut numbered);
            }
            bullets.push(spans(item.trim()));
        } else if let Some(item) = numbered_item(trimmed) {
            if !paragraph.is_empty() || !bullets.is_empty() {
                flush(&mut out, &mut paragraph, &mut bullets, &mut numbered);
            }
            numbered.push(spans(item));
        } else {
            if !bullets.is_empty() || !numbered.is_empty() {
                flush(&mut out, &mut paragraph, &mut bullets, &mut numbered);
            }
            paragraph.push(trimmed);
        }
    }
    flush(&mut out, &mut paragraph, &mut bullets, &mut numbered);
    out
}

/// The title of a heading line (`#` to `######`, then a space).
fn heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    line[hashes..].strip_prefix(' ').map(str::trim)
}

/// The text of a numbered item (`12. text`).
fn numbered_item(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    line[digits..].strip_prefix(". ").map(str::trim)
}

/// `text` without its emphasis marks.
pub fn plain(text: &str) -> String {
    spans(text).into_iter().map(|s| s.text).collect()
}

/// `text` as spans: `**bold**` and `*italic*` (or `_italic_`); a mark
/// without its partner is printed as typed.
pub fn spans(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = vec![];
    let mut rest = text;
    let push = |out: &mut Vec<Span>, span: Span| {
        if span.text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.bold == span.bold && last.italic == span.italic => {
                last.text.push_str(&span.text)
            }
            _ => out.push(span),
        }
    };
    while !rest.is_empty() {
        let next = rest.find(['*', '_']).unwrap_or(rest.len());
        push(&mut out, Span::plain(&rest[..next]));
        rest = &rest[next..];
        if rest.is_empty() {
            break;
        }
        let (mark, make): (&str, fn(String) -> Span) = if rest.starts_with("**") {
            ("**", |t| Span::bold(t))
        } else if rest.starts_with('*') {
            ("*", |t| Span::italic(t))
        } else {
            ("_", |t| Span::italic(t))
        };
        let inner = &rest[mark.len()..];
        match inner.find(mark) {
            Some(end) if end > 0 && !inner[..end].starts_with(' ') => {
                push(&mut out, make(inner[..end].to_string()));
                rest = &inner[end + mark.len()..];
            }
            _ => {
                push(&mut out, Span::plain(mark));
                rest = inner;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(spans: &[Span]) -> Vec<(String, bool, bool)> {
        spans
            .iter()
            .map(|s| (s.text.clone(), s.bold, s.italic))
            .collect()
    }

    #[test]
    fn emphasis_is_read_and_a_lone_mark_printed_as_typed() {
        assert_eq!(
            texts(&spans(
                "Een **sterk** en *zacht* woord, 3 * 4 en snake_case"
            )),
            vec![
                ("Een ".into(), false, false),
                ("sterk".into(), true, false),
                (" en ".into(), false, false),
                ("zacht".into(), false, true),
                (" woord, 3 * 4 en snake_case".into(), false, false),
            ]
        );
        assert_eq!(plain("**Ayşe** <script>"), "Ayşe <script>");
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        let b = blocks(
            "Eerste alinea\nmet een tweede regel.\n\n### Signalen\n- werkdruk\n- *pesten* in team\n1. training\n2. gesprek\nSlot.",
            3,
        );
        let kinds: Vec<&str> = b
            .iter()
            .map(|b| match b {
                Block::Paragraph(_) => "p",
                Block::Heading { .. } => "h",
                Block::Bullets(_) => "ul",
                Block::Numbered(_) => "ol",
                _ => "?",
            })
            .collect();
        assert_eq!(kinds, ["p", "h", "ul", "ol", "p"]);
        let Block::Paragraph(first) = &b[0] else {
            panic!("a paragraph")
        };
        assert_eq!(first[0].text, "Eerste alinea\nmet een tweede regel.");
        let Block::Bullets(items) = &b[2] else {
            panic!("bullets")
        };
        assert_eq!(items.len(), 2);
        assert!(items[1][0].italic);
        assert!(matches!(&b[1], Block::Heading { level: 3, text } if text == "Signalen"));
        assert!(blocks("  \n\n", 3).is_empty());
    }
}
