//! Dates as Dutch users write them, for forms and imported files alike:
//! `2025-02-03`, `3-2-2025`, `03-02-2025`, `3/2/2025`, `3.2.2025`,
//! `3 februari 2025`, `3 feb. 2025` (and the English month names), always
//! day before month; between 1990 and 2100.

use chrono::{Datelike, NaiveDate};

use crate::error::{Invalid, Reason};

/// The earliest and latest year a register date may have.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// Month names, Dutch and English, full and short; `mrt` and `mei` are
/// Dutch only.
const MONTHS: [&[&str]; 12] = [
    &["januari", "jan", "january"],
    &["februari", "feb", "february"],
    &["maart", "mrt", "mar", "march"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "jun", "june"],
    &["juli", "jul", "july"],
    &["augustus", "aug", "august"],
    &["september", "sep", "sept"],
    &["oktober", "okt", "oct", "october"],
    &["november", "nov"],
    &["december", "dec"],
];

/// Reads a date; `field` names the input in the error.
pub fn parse_date(value: &str, field: &str) -> Result<NaiveDate, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::new(field, Reason::Required));
    }
    let date = numeric(v)
        .or_else(|| written(v))
        .ok_or_else(|| Invalid::new(field, Reason::InvalidDate))?;
    if !YEARS.contains(&date.year()) {
        return Err(Invalid::new(field, Reason::InvalidDate));
    }
    Ok(date)
}

fn numeric(v: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
}

/// `3 februari 2025`, `3 feb. 2025`, `03 Februari 2025`.
fn written(v: &str) -> Option<NaiveDate> {
    let mut words = v.split_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || !year.bytes().all(|b| b.is_ascii_digit()) || year.len() != 4 {
        return None;
    }
    let month = month.trim_end_matches('.').to_lowercase();
    let number = MONTHS
        .iter()
        .position(|names| names.contains(&month.as_str()))?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, number as u32 + 1, day.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn every_way_a_dutch_user_writes_a_date() {
        for s in [
            "2025-02-03",
            "3-2-2025",
            "03-02-2025",
            "3/2/2025",
            "3.2.2025",
            "3 februari 2025",
            "03 Februari 2025",
            "3 feb 2025",
            "3 feb. 2025",
            "3 February 2025",
            "  3 februari  2025 ",
            " 03-02-2025 ",
        ] {
            assert_eq!(parse_date(s, "d"), Ok(d(2025, 2, 3)), "{s}");
        }
        assert_eq!(parse_date("1 mrt 2024", "d"), Ok(d(2024, 3, 1)));
        assert_eq!(parse_date("15 mei 2024", "d"), Ok(d(2024, 5, 15)));
        assert_eq!(parse_date("29 februari 2024", "d"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn what_is_not_a_date_is_refused_with_its_field() {
        for s in [
            "31-02-2025",
            "29 februari 2025",
            "3 frebruari 2025",
            "2025/02/03",
            "3 februari",
            "3 februari 25",
            "februari 3 2025",
            "1-1-1989",
            "1-1-1890",
            "2025-13-01",
            "03/02/25x",
            "1-1-2101",
            "morgen",
            "３-２-２０２５",
        ] {
            let e = parse_date(s, "first_contact").expect_err(s);
            assert_eq!(
                (e.field.as_str(), e.reason),
                ("first_contact", Reason::InvalidDate),
                "{s}"
            );
        }
        assert_eq!(
            parse_date(" ", "d").expect_err("empty").reason,
            Reason::Required
        );
    }
}
