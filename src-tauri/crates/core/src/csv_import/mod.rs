//! Reading a register from a CSV file or an Excel workbook, the same way
//! in every area.
//!
//! - Encoding: UTF-8 with or without a byte-order mark, UTF-16 with one
//!   (Excel's "Unicode text"), and otherwise Windows-1252, which is what
//!   Excel writes as "CSV" on a Dutch Windows (€, ë, –, ’).
//! - Separator: `;` (Dutch spreadsheets), `,` or a tab, whichever the first
//!   line holds most of.
//! - A file that starts as a ZIP archive is read as an Excel workbook
//!   (.xlsx): its first worksheet, with the bounds of [`xlsx`].
//! - The first line names the columns, in Dutch or English, any order,
//!   any case, a space where the name has `_` (`Ontvangen op` is
//!   `ontvangen_op`); a column without a name is passed over; an unknown
//!   or missing required column refuses the file.
//! - Every other line is a row; an empty row is skipped, a broken one is a
//!   [`RowProblem`] with its line number, as is every value an area's
//!   checks refuse.
//! - Nothing is written while any row has a problem, unless the user
//!   chose to skip those rows ([`accepted`]).

pub mod xlsx;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Invalid, Reason};

/// The largest file read: 50 MB.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A column an area reads: its Dutch name (also the key its values are
/// asked by), its English name, and whether every file must have it.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub dutch: &'static str,
    pub english: &'static str,
    pub required: bool,
}

/// A row that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The column concerned (its Dutch name), when there is one.
    pub column: Option<String>,
    pub reason: Reason,
}

impl RowProblem {
    pub fn new(line: u64, column: Option<&str>, reason: Reason) -> Self {
        Self {
            line,
            column: column.map(String::from),
            reason,
        }
    }
}

/// A file to import, and whether to skip the rows that cannot be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub path: String,
    /// Import the valid rows and skip the invalid ones; otherwise nothing
    /// is imported while any row is invalid.
    #[serde(default)]
    pub skip_invalid: bool,
}

/// How many rows were imported, and every row that was not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportResult {
    pub imported: u32,
    pub problems: Vec<RowProblem>,
}

/// The values of one line that are not empty: (position, text).
pub type Fields = Vec<(usize, String)>;

/// One line of a file as read: its line number and values, or why it
/// could not be read.
type Line = Result<(u64, Fields), RowProblem>;

fn separator(first_line: &str) -> u8 {
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|s| first_line.bytes().filter(|b| b == s).count())
        .unwrap_or(b';')
}

/// A column's name as the header is matched: trimmed, lower case, a run
/// of spaces as one `_`.
fn column_name(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join("_")
        .to_lowercase()
}

/// A file read into rows, its columns known.
#[derive(Debug)]
pub struct Sheet {
    /// Each known column's Dutch name and its position in the file.
    at: Vec<(&'static str, usize)>,
    rows: Vec<Line>,
}

/// One row of a [`Sheet`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub line: u64,
    sheet: &'a Sheet,
    fields: &'a Fields,
}

impl Row<'_> {
    /// The value in column `dutch`, trimmed; `None` when empty or absent.
    pub fn get(&self, dutch: &str) -> Option<String> {
        let (_, at) = self.sheet.at.iter().find(|(c, _)| *c == dutch)?;
        self.fields
            .iter()
            .find(|(i, _)| i == at)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .map(String::from)
    }

    /// The value in column `dutch`, or a problem saying it is required.
    pub fn required(&self, dutch: &str) -> Result<String, RowProblem> {
        self.get(dutch)
            .ok_or_else(|| RowProblem::new(self.line, Some(dutch), Reason::Required))
    }

    /// A problem in this row.
    pub fn problem(&self, column: Option<&str>, reason: Reason) -> RowProblem {
        RowProblem::new(self.line, column, reason)
    }

    /// A value of one of the area's lists in column `dutch`, from its code
    /// or its Dutch or English label among `labels` (any case); `None`
    /// when the column is empty.
    pub fn choice<T: DeserializeOwned>(
        &self,
        dutch: &str,
        labels: &[&[(&'static str, &'static str, &'static str)]],
    ) -> Result<Option<T>, RowProblem> {
        match self.get(dutch) {
            None => Ok(None),
            Some(v) => from_label(&v, labels)
                .map(Some)
                .ok_or_else(|| self.problem(Some(dutch), Reason::Invalid)),
        }
    }

    /// As [`Row::choice`], for a column every row must fill.
    pub fn required_choice<T: DeserializeOwned>(
        &self,
        dutch: &str,
        labels: &[&[(&'static str, &'static str, &'static str)]],
    ) -> Result<T, RowProblem> {
        self.choice(dutch, labels)?
            .ok_or_else(|| self.problem(Some(dutch), Reason::Required))
    }
}

/// A value of a list from its code or its Dutch or English label among
/// `labels` (code, Dutch, English), in any case.
pub fn from_label<T: DeserializeOwned>(
    value: &str,
    labels: &[&[(&'static str, &'static str, &'static str)]],
) -> Option<T> {
    let v = value.trim().to_lowercase();
    if let Some(t) = crate::code_lists::from_code(&v) {
        return Some(t);
    }
    labels
        .iter()
        .flat_map(|l| l.iter())
        .find(|(_, nl, en)| nl.to_lowercase() == v || en.to_lowercase() == v)
        .and_then(|(code, ..)| crate::code_lists::from_code(code))
}

impl Sheet {
    /// Reads the file (CSV, or a workbook) and its header against the
    /// area's columns.
    pub fn read(bytes: &[u8], columns: &[Column]) -> Result<Sheet, Invalid> {
        let mut lines = if xlsx::is_workbook(bytes) {
            xlsx::rows(bytes)?.into_iter().map(Ok).collect()
        } else {
            csv_rows(bytes)?
        }
        .into_iter();
        let header = match lines.next() {
            Some(Ok((_, header))) => header,
            Some(Err(_)) => return Err(Invalid::new("file", Reason::InvalidCsv)),
            None => vec![],
        };
        let mut at = vec![];
        for (i, h) in &header {
            let h = column_name(h);
            if h.is_empty() {
                continue;
            }
            match columns
                .iter()
                .find(|c| h == c.dutch || h == column_name(c.english))
            {
                Some(c) => at.push((c.dutch, *i)),
                None => return Err(Invalid::new(h, Reason::UnknownColumn)),
            }
        }
        if let Some(missing) = columns
            .iter()
            .find(|c| c.required && !at.iter().any(|(d, _)| *d == c.dutch))
        {
            return Err(Invalid::new(missing.dutch, Reason::MissingColumn));
        }
        let rows = lines
            .filter(|r| !matches!(r, Ok((_, fields)) if fields.iter().all(|(_, f)| f.trim().is_empty())))
            .collect();
        Ok(Sheet { at, rows })
    }

    /// Every row that is not empty, or the problem of a broken one.
    pub fn rows(&self) -> impl Iterator<Item = Result<Row<'_>, RowProblem>> {
        self.rows.iter().map(|r| match r {
            Ok((line, fields)) => Ok(Row {
                line: *line,
                sheet: self,
                fields,
            }),
            Err(p) => Err(p.clone()),
        })
    }
}

/// The lines of a CSV file, the header first, each with its line number.
fn csv_rows(bytes: &[u8]) -> Result<Vec<Line>, Invalid> {
    // Line ends as Windows writes them become `\n`, so that a row's
    // line number counts them once (a value's own line breaks too).
    let text = crate::encoding::decode(bytes).replace("\r\n", "\n");
    let first = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(first))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let fields = |r: &csv::StringRecord| -> Fields {
        r.iter()
            .enumerate()
            .filter(|(_, f)| !f.trim().is_empty())
            .map(|(i, f)| (i, f.to_string()))
            .collect()
    };
    let mut lines = vec![];
    let unclosed = unclosed_quote(&text, separator(first));
    for (n, record) in reader.records().enumerate() {
        lines.push(match record {
            Ok(r) => Ok((r.position().map_or(0, |p| p.line()), fields(&r))),
            Err(_) if n == 0 => return Err(Invalid::new("file", Reason::InvalidCsv)),
            Err(e) => Err(RowProblem::new(
                e.position().map_or(0, |p| p.line()),
                None,
                Reason::InvalidCsv,
            )),
        });
    }
    // A quote never closed swallows every line after it into one value:
    // the row it opens is refused, so that no row goes in silently lost.
    if let Some(line) = unclosed {
        if lines.len() < 2 {
            return Err(Invalid::new("file", Reason::InvalidCsv));
        }
        if let Some(last) = lines.last_mut() {
            *last = Err(RowProblem::new(line, None, Reason::InvalidCsv));
        }
    }
    Ok(lines)
}

/// The line of a quote that opens a value and is never closed, read as
/// the CSV reader reads: a quote opens a value only at its start, and two
/// quotes inside one are a quote.
fn unclosed_quote(text: &str, separator: u8) -> Option<u64> {
    let (mut line, mut opened_on) = (1u64, None);
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened_on, c) {
            (None, '"') if at_start => opened_on = Some(line),
            (Some(_), '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (Some(_), '"') => opened_on = None,
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        at_start = opened_on.is_none() && (c == '\n' || c == char::from(separator));
    }
    opened_on
}

/// Whether the checked rows may be written: all of them when no row has a
/// problem, the good ones when the user chose to skip the others, else
/// none.
pub fn accepted(problems: &[RowProblem], skip_invalid: bool) -> bool {
    problems.is_empty() || skip_invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column {
            dutch: "naam",
            english: "name",
            required: true,
        },
        Column {
            dutch: "afdeling",
            english: "department",
            required: false,
        },
    ];

    /// A row as the tests compare it: line, name, department.
    type Values = (u64, Option<String>, Option<String>);

    fn values(bytes: &[u8]) -> Vec<Result<Values, Reason>> {
        let sheet = Sheet::read(bytes, COLUMNS).expect("sheet");
        sheet
            .rows()
            .map(|r| {
                r.map(|r| (r.line, r.get("naam"), r.get("afdeling")))
                    .map_err(|p| p.reason)
            })
            .collect()
    }

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        let plain = "naam;afdeling\nAyşe Yılmaz;Zorg\n";
        let bom = format!("\u{feff}{plain}");
        for file in [plain.as_bytes(), bom.as_bytes()] {
            assert_eq!(
                values(file),
                [Ok((2, Some("Ayşe Yılmaz".into()), Some("Zorg".into())))]
            );
        }
    }

    #[test]
    fn windows_1252_as_excel_writes_it() {
        // "Zoë Müller;R&D – €" in Windows-1252.
        let mut file = b"naam;afdeling\r\n".to_vec();
        file.extend_from_slice(b"Zo\xeb M\xfcller;R&D \x96 \x80\r\n");
        assert_eq!(
            values(&file),
            [Ok((2, Some("Zoë Müller".into()), Some("R&D – €".into())))]
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark_and_tabs() {
        let text = "name\tdepartment\nÇağrı Öztürk\tICT\n";
        let mut file = vec![0xff, 0xfe];
        file.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            values(&file),
            [Ok((2, Some("Çağrı Öztürk".into()), Some("ICT".into())))]
        );
    }

    #[test]
    fn separator_header_names_and_empty_rows() {
        let file = "Department , NAAM\nICT,Jan\n,\n;\nHR,\"de Vries, Piet\"\n";
        assert_eq!(
            values(file.as_bytes()),
            [
                Ok((2, Some("Jan".into()), Some("ICT".into()))),
                Ok((4, None, Some(";".into()))),
                Ok((5, Some("de Vries, Piet".into()), Some("HR".into()))),
            ]
        );
    }

    #[test]
    fn a_value_over_several_lines_keeps_the_line_it_starts_on() {
        let file = b"naam;afdeling\n\"Jan\nJansen\";ICT\nPiet;HR\n";
        assert_eq!(
            values(file),
            [
                Ok((2, Some("Jan\nJansen".into()), Some("ICT".into()))),
                Ok((4, Some("Piet".into()), Some("HR".into()))),
            ]
        );
    }

    #[test]
    fn a_quote_never_closed_refuses_the_row_it_swallows() {
        // Line 3 opens a quote that is never closed: lines 3 and 4 would
        // become one value. A quote inside a value is a character.
        let file = b"naam;afdeling\nJan \"Sjors\" Smit;ICT\n\"Piet;HR\nKees;Zorg\n";
        assert_eq!(
            values(file),
            [
                Ok((2, Some("Jan \"Sjors\" Smit".into()), Some("ICT".into()))),
                Err(Reason::InvalidCsv),
            ]
        );
        let sheet = Sheet::read(file, COLUMNS).expect("sheet");
        let problem = sheet.rows().nth(1).expect("row").expect_err("refused");
        assert_eq!(problem.line, 3);
        let closed = b"naam;afdeling\n\"de Vries; \"\"Piet\"\"\";HR\n";
        assert_eq!(
            values(closed),
            [Ok((
                2,
                Some("de Vries; \"Piet\"".into()),
                Some("HR".into())
            ))]
        );
    }

    #[test]
    fn unknown_and_missing_columns_refuse_the_file() {
        let e = Sheet::read(b"naam;kleur\nJan;rood\n", COLUMNS).expect_err("unknown");
        assert_eq!(
            (e.field.as_str(), e.reason),
            ("kleur", Reason::UnknownColumn)
        );
        let e = Sheet::read(b"afdeling\nICT\n", COLUMNS).expect_err("missing");
        assert_eq!(
            (e.field.as_str(), e.reason),
            ("naam", Reason::MissingColumn)
        );
        let r = Sheet::read(b"naam\n", COLUMNS).expect("header only");
        assert_eq!(r.rows().count(), 0);
    }

    #[test]
    fn required_values_and_all_or_nothing() {
        let sheet = Sheet::read(b"naam;afdeling\n;ICT\n", COLUMNS).expect("sheet");
        let row = sheet.rows().next().expect("row").expect("ok");
        let p = row.required("naam").expect_err("required");
        assert_eq!(p, RowProblem::new(2, Some("naam"), Reason::Required));
        assert!(accepted(&[], false));
        assert!(!accepted(std::slice::from_ref(&p), false));
        assert!(accepted(&[p], true));
    }
}
