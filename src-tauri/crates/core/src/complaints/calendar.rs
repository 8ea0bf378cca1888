//! The calendar export (.ics, RFC 5545, as Outlook imports it): every due
//! date of a complaint's open steps and every hearing, as all-day events.
//! An event says what is due and the complaint's reference; names only when
//! the user asks for them. A step done, or a complaint closed, withdrawn or
//! found inadmissible, gives its events again as cancelled (same UID, a
//! higher SEQUENCE), so importing the new file removes them.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::language::{self, Language};

/// One event of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Unique and stable for what it is about (`12-hearing-0`).
    pub uid: String,
    pub day: NaiveDate,
    pub summary: String,
    pub cancelled: bool,
    /// Grows with every change of the complaint.
    pub sequence: usize,
}

/// `text` escaped for a TEXT value: backslash, semicolon, comma, newline.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), each
/// line ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The calendar of `events`, stamped `now`.
pub fn ics(events: &[Event], now: DateTime<Utc>, lang: Language) -> String {
    let mut out = String::new();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let name = language::text(lang, "Termijnen klachten", "Complaint terms");
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Vertrouwd//Klachtenregister//NL".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&name)),
    ] {
        fold(&line, &mut out);
    }
    for e in events {
        let next = e.day + Days::new(1);
        for line in [
            "BEGIN:VEVENT".to_string(),
            format!("UID:{}@vertrouwd", e.uid),
            format!("DTSTAMP:{stamp}"),
            format!("SEQUENCE:{}", e.sequence),
            format!("DTSTART;VALUE=DATE:{}", e.day.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&e.summary)),
            format!(
                "STATUS:{}",
                if e.cancelled {
                    "CANCELLED"
                } else {
                    "CONFIRMED"
                }
            ),
            "TRANSP:TRANSPARENT".into(),
            "CLASS:CONFIDENTIAL".into(),
            "END:VEVENT".into(),
        ] {
            fold(&line, &mut out);
        }
    }
    fold("END:VCALENDAR", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn events_are_all_day_escaped_folded_and_end_in_crlf() {
        let now = DateTime::from_timestamp(1_796_000_000, 0).expect("time");
        let long = format!("Hoorzitting KL-2026-001; Çağrı Öztürk, {}", "é".repeat(60));
        let events = [
            Event {
                uid: "7-acknowledgement".into(),
                day: d(2026, 12, 31),
                summary: "Termijn: ontvangstbevestiging (KL-2026-001)".into(),
                cancelled: false,
                sequence: 3,
            },
            Event {
                uid: "7-hearing-0".into(),
                day: d(2027, 1, 5),
                summary: long,
                cancelled: true,
                sequence: 4,
            },
        ];
        let text = ics(&events, now, Language::Nl);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"));
        assert!(text.contains("UID:7-acknowledgement@vertrouwd\r\n"));
        assert!(text.contains("STATUS:CANCELLED\r\n") && text.contains("STATUS:CONFIRMED\r\n"));
        assert!(text.contains("SUMMARY:Hoorzitting KL-2026-001\\; Çağrı Öztürk\\, é"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n'));
        }
        // Unfolded, the long summary is whole again.
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("Öztürk\\, {}\r\n", "é".repeat(60))));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert_eq!(text.matches("END:VEVENT").count(), 2);
    }
}
