//! Dutch and English: the one language type (declared in the PDF engine,
//! which must know it for page furniture) and the helpers every document
//! and area writes its nl/en text with.

use chrono::NaiveDate;
pub use vertrouwd_pdf::Language;

/// `nl` or `en`, as the language asks.
pub fn text(language: Language, nl: &str, en: &str) -> String {
    match language {
        Language::Nl => nl,
        Language::En => en,
    }
    .to_string()
}

/// The label of `code` in `language` among `labels` (code, Dutch,
/// English); the code itself when none has it.
pub fn label_in<'a>(
    labels: impl IntoIterator<Item = &'a (&'a str, &'a str, &'a str)>,
    language: Language,
    code: &str,
) -> String {
    labels
        .into_iter()
        .find(|(c, ..)| *c == code)
        .map(|(_, nl, en)| match language {
            Language::Nl => *nl,
            Language::En => *en,
        })
        .unwrap_or(code)
        .to_string()
}

/// A date as readers of the language expect it in a document: 02-03-2026
/// in Dutch, 2026-03-02 in English.
pub fn date(d: NaiveDate, language: Language) -> String {
    match language {
        Language::Nl => d.format("%d-%m-%Y").to_string(),
        Language::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A date as a letter writes it: 2 maart 2026, 2 March 2026.
pub fn long_date(d: NaiveDate, language: Language) -> String {
    use chrono::Datelike;
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = d.month0() as usize;
    let name = match language {
        Language::Nl => NL[month],
        Language::En => EN[month],
    };
    format!("{} {name} {}", d.day(), d.year())
}

/// Minutes as hours and minutes, `1:05`.
pub fn duration(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    format!("{sign}{}:{:02}", m / 60, m % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_durations_and_text_per_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        assert_eq!(date(d, Language::Nl), "02-03-2026");
        assert_eq!(date(d, Language::En), "2026-03-02");
        assert_eq!(long_date(d, Language::Nl), "2 maart 2026");
        assert_eq!(long_date(d, Language::En), "2 March 2026");
        assert_eq!(duration(65), "1:05");
        assert_eq!(duration(0), "0:00");
        assert_eq!(duration(-90), "-1:30");
        assert_eq!(text(Language::En, "ja", "yes"), "yes");
        assert_eq!(
            serde_json::to_string(&Language::Nl).expect("json"),
            "\"nl\"",
            "the spelling the preferences file and the UI use"
        );
    }
}
