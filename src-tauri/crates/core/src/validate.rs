//! Checks of what users type, shared by every area: free text trimmed and
//! bounded, no control characters, dates not in the future. Each answers
//! [`Invalid`] (the field and a [`Reason`]); the boundary turns it into an
//! error the UI translates.

use chrono::NaiveDate;

use crate::error::{Invalid, Reason};

/// A one-line value such as a name or a login: trimmed, required, at most
/// `max` characters, no control characters at all.
pub fn line(value: &str, field: &str, max: usize) -> Result<String, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::new(field, Reason::Required));
    }
    if v.chars().count() > max {
        return Err(Invalid::new(field, Reason::TooLong));
    }
    if v.chars().any(char::is_control) {
        return Err(Invalid::new(field, Reason::Invalid));
    }
    Ok(v.to_string())
}

/// Optional free text: trimmed, empty is none, no control characters
/// except line breaks and tabs, at most `max` characters.
pub fn optional_text(
    value: Option<&str>,
    field: &str,
    max: usize,
) -> Result<Option<String>, Invalid> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars().count() > max {
        return Err(Invalid::new(field, Reason::TooLong));
    }
    if v.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r')
    {
        return Err(Invalid::new(field, Reason::Invalid));
    }
    Ok(Some(v.to_string()))
}

/// Free text that must be there (see [`optional_text`]).
pub fn required_text(value: &str, field: &str, max: usize) -> Result<String, Invalid> {
    optional_text(Some(value), field, max)?.ok_or_else(|| Invalid::new(field, Reason::Required))
}

/// A date that has happened (a first contact, a conversation).
pub fn not_in_future(date: NaiveDate, today: NaiveDate, field: &str) -> Result<NaiveDate, Invalid> {
    if date > today {
        return Err(Invalid::new(field, Reason::InFuture));
    }
    Ok(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason<T: std::fmt::Debug>(r: Result<T, Invalid>) -> Reason {
        r.expect_err("refused").reason
    }

    #[test]
    fn a_line_is_trimmed_bounded_and_without_control_characters() {
        assert_eq!(
            line("  Çağrı Öztürk ", "name", 20).as_deref(),
            Ok("Çağrı Öztürk")
        );
        assert_eq!(reason(line("   ", "name", 20)), Reason::Required);
        assert_eq!(reason(line(&"ë".repeat(21), "name", 20)), Reason::TooLong);
        assert_eq!(line(&"ë".repeat(20), "name", 20).map(|s| s.len()), Ok(40));
        assert_eq!(reason(line("a\nb", "name", 20)), Reason::Invalid);
        assert_eq!(line("x", "login", 5).map_err(|e| e.field), Ok("x".into()));
    }

    #[test]
    fn free_text_keeps_line_breaks_and_refuses_other_controls() {
        assert_eq!(optional_text(Some(" \n "), "notes", 10), Ok(None));
        assert_eq!(optional_text(None, "notes", 10), Ok(None));
        assert_eq!(
            optional_text(Some("eerst\ndan 🙂"), "notes", 11),
            Ok(Some("eerst\ndan 🙂".into()))
        );
        assert_eq!(
            reason(optional_text(Some("a\u{7}b"), "notes", 10)),
            Reason::Invalid
        );
        assert_eq!(reason(required_text(" ", "notes", 10)), Reason::Required);
        let e = required_text(&"x".repeat(11), "notes", 10).expect_err("long");
        assert_eq!((e.field.as_str(), e.reason), ("notes", Reason::TooLong));
    }

    #[test]
    fn a_date_in_the_future_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        assert_eq!(not_in_future(today, today, "d"), Ok(today));
        let tomorrow = today.succ_opt().expect("date");
        assert_eq!(
            reason(not_in_future(tomorrow, today, "d")),
            Reason::InFuture
        );
    }
}
