//! The first worksheet of an Excel workbook (.xlsx), read into the same
//! rows a CSV file gives: every cell as text (a date cell as `2026-02-03`,
//! a whole number without `.0`), its line the row number Excel shows.
//!
//! A workbook is a ZIP archive, and every part of it is attacker input:
//! - before anything is unpacked, the sizes its directory declares must
//!   add up to at most [`MAX_UNPACKED`];
//! - then every part is unpacked into nothing, counting, and refused as
//!   soon as the real total passes the same bound (a declared size can
//!   lie), so a ZIP bomb costs at most that much work and no memory;
//! - the cells are read one by one, never as the dense rectangle the
//!   sheet claims to span (one cell in A1 and one in XFD1048576 would be
//!   17 billion), and at most [`MAX_CELLS`] of them, each kept only
//!   once and only when it holds a value.
//!
//! Nothing is written to disk: the workbook is read from memory.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::Fields;
use crate::error::{Invalid, Reason};

/// The most a workbook may hold once unpacked: 200 MB.
pub const MAX_UNPACKED: u64 = 200 * 1024 * 1024;
/// The most cells with a value a worksheet may have.
pub const MAX_CELLS: usize = 2_000_000;

/// Whether `bytes` start as a ZIP archive (and so perhaps a workbook).
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn not_a_workbook<E>(_: E) -> Invalid {
    Invalid::new("file", Reason::InvalidXlsx)
}

fn too_large() -> Invalid {
    Invalid::new("file", Reason::TooLarge)
}

/// Refuses an archive that unpacks to more than `limit`, by the sizes it
/// declares and then by what it really holds.
fn bounded(bytes: &[u8], limit: u64) -> Result<(), Invalid> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_a_workbook)?;
    let mut declared: u64 = 0;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_err(not_a_workbook)?.size();
        declared = declared.saturating_add(size);
    }
    if declared > limit {
        return Err(too_large());
    }
    let mut unpacked: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(not_a_workbook)?;
        let left = limit - unpacked;
        unpacked += std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(not_a_workbook)?;
        if unpacked > limit {
            return Err(too_large());
        }
    }
    Ok(())
}

/// A cell's value as the text a CSV file would hold.
fn text_of(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        // A whole number as Excel shows it (3, not 3.0); the bound keeps
        // the conversion exact.
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => match d.as_datetime() {
            Some(at) if at.time() == chrono::NaiveTime::MIN => at.format("%Y-%m-%d").to_string(),
            Some(at) => at.format("%Y-%m-%d %H:%M").to_string(),
            None => String::new(),
        },
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

/// The rows of the workbook's first worksheet that hold a value, each
/// with its row number and its cells (column, text), columns counted from
/// the leftmost the sheet uses, so a table that starts in column B reads
/// as one that starts in A.
pub fn rows(bytes: &[u8]) -> Result<Vec<(u64, Fields)>, Invalid> {
    bounded(bytes, MAX_UNPACKED)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(not_a_workbook)?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| not_a_workbook(()))?;
    let mut cells = book
        .worksheet_cells_reader(&first)
        .map_err(not_a_workbook)?;
    let mut by_row: BTreeMap<u32, Fields> = BTreeMap::new();
    let mut count = 0;
    while let Some(cell) = cells.next_cell().map_err(not_a_workbook)? {
        let text = text_of(cell.get_value());
        if text.trim().is_empty() {
            continue;
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(too_large());
        }
        let (row, column) = cell.get_position();
        by_row.entry(row).or_default().push((column as usize, text));
    }
    let from = by_row
        .values()
        .flatten()
        .map(|(c, _)| *c)
        .min()
        .unwrap_or(0);
    Ok(by_row
        .into_iter()
        .map(|(row, mut fields)| {
            for (c, _) in &mut fields {
                *c -= from;
            }
            (u64::from(row) + 1, fields)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use vertrouwd_testsupport::workbook::{date, text, workbook, zip_of};

    use super::*;
    use crate::csv_import::{Column, Sheet};

    const COLUMNS: &[Column] = &[
        Column {
            dutch: "ontvangen_op",
            english: "received_on",
            required: true,
        },
        Column {
            dutch: "klager",
            english: "complainant",
            required: false,
        },
        Column {
            dutch: "aantal",
            english: "count",
            required: false,
        },
    ];

    #[test]
    fn a_worksheet_reads_as_a_csv_file_would() {
        // Row 1 the header ("Ontvangen op" with a space), row 2 empty, row
        // 3 a date cell (46056 is 3 February 2026 in Excel's count), row 4
        // a date typed as text; the table starts in column B.
        let file = workbook(&format!(
            r#"<row r="1">{}{}{}</row><row r="3">{}{}<c r="D3"><v>3</v></c></row><row r="4">{}<c r="D4"><v>2.5</v></c></row>"#,
            text("B1", "Ontvangen op"),
            text("C1", "Complainant"),
            text("D1", "aantal"),
            date("B3", 46056),
            text("C3", "Çağrı Öztürk 😊"),
            text("B4", "3-2-2026"),
        ));
        assert!(is_workbook(&file));
        let sheet = Sheet::read(&file, COLUMNS).expect("sheet");
        let rows: Vec<_> = sheet
            .rows()
            .map(|r| {
                let r = r.expect("row");
                (
                    r.line,
                    r.get("ontvangen_op"),
                    r.get("klager"),
                    r.get("aantal"),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    3,
                    Some("2026-02-03".into()),
                    Some("Çağrı Öztürk 😊".into()),
                    Some("3".into())
                ),
                (4, Some("3-2-2026".into()), None, Some("2.5".into())),
            ]
        );
    }

    #[test]
    fn an_unknown_column_in_a_workbook_refuses_it() {
        let file = workbook(&format!(
            r#"<row r="1">{}{}</row>"#,
            text("A1", "ontvangen_op"),
            text("B1", "kleur")
        ));
        let e = Sheet::read(&file, COLUMNS).expect_err("refused");
        assert_eq!(
            (e.field.as_str(), e.reason),
            ("kleur", Reason::UnknownColumn)
        );
    }

    #[test]
    fn a_far_cell_is_read_without_the_rectangle_it_spans() {
        // A1 and XFD1048576: as a dense range, 17 billion cells.
        let file = workbook(&format!(
            r#"<row r="1">{}</row><row r="1048576">{}</row>"#,
            text("A1", "ontvangen_op"),
            text("XFD1048576", "ver weg"),
        ));
        let rows = rows(&file).expect("read");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].0, 1_048_576);
        assert_eq!(rows[1].1, vec![(16_383, "ver weg".to_string())]);
    }

    #[test]
    fn a_zip_that_is_no_workbook_is_refused() {
        let file = zip_of(&[("hallo.txt", b"hallo")]);
        assert_eq!(
            rows(&file).expect_err("refused").reason,
            Reason::InvalidXlsx
        );
        let mut cut = workbook("");
        cut.truncate(cut.len() / 2);
        assert_eq!(rows(&cut).expect_err("refused").reason, Reason::InvalidXlsx);
    }

    /// A part of 4 MB of zeros, deflated to a few kilobytes.
    fn zeros() -> Vec<u8> {
        zip_of(&[("xl/worksheets/sheet1.xml", &vec![0; 4 << 20])])
    }

    #[test]
    fn a_zip_bomb_is_refused_by_its_declared_size() {
        let file = zeros();
        assert!(file.len() < 64 << 10, "deflated to {} bytes", file.len());
        let e = bounded(&file, 1 << 20).expect_err("refused");
        assert_eq!((e.field.as_str(), e.reason), ("file", Reason::TooLarge));
        bounded(&file, 8 << 20).expect("within a larger bound");
    }

    #[test]
    fn a_zip_bomb_that_lies_about_its_size_is_refused_while_unpacking() {
        // The same part, its size declared as 1 000 bytes in the local
        // header (offset 22) and the central directory (offset 24).
        let mut file = zeros();
        let lie = 1000u32.to_le_bytes();
        assert_eq!(&file[..4], b"PK\x03\x04");
        file[22..26].copy_from_slice(&lie);
        let central = file
            .windows(4)
            .position(|w| w == b"PK\x01\x02")
            .expect("central directory");
        file[central + 24..central + 28].copy_from_slice(&lie);
        // The archive reader stops at the declared size, and the part's
        // checksum then fails: refused after 1 000 bytes, not 4 MB.
        let e = bounded(&file, 1 << 20).expect_err("a lying size is found out");
        assert_eq!(e.reason, Reason::InvalidXlsx);
    }
}
