//! Importing an existing register from CSV.
//!
//! The first line names the columns; Dutch or English names, in any order,
//! case does not matter. Separator `;` (as Dutch spreadsheets write it) or
//! `,`, found from the first line. UTF-8, with or without a byte-order mark.
//!
//! | column (nl / en) | required | value |
//! |---|---|---|
//! | `referentie` / `reference` | no | kept as given; else the next free one |
//! | `datum_eerste_contact` / `first_contact` | yes | 2026-03-02, 2-3-2026, 02-03-2026 |
//! | `kanaal` / `channel` | yes | persoonlijk, telefoon, video, e-mail, anders (or the code) |
//! | `naam_melder` / `reporter_name` | no | empty: anonymous |
//! | `telefoon` / `phone`, `email` | no | |
//! | `rol_melder` / `reporter_role` | yes | medewerker, leidinggevende, stagiair, … |
//! | `afdeling` / `department` | no | |
//! | `aard` / `nature` | yes | one or more names from the natures list, separated by `\|` |
//! | `grond` / `ground` | no | for discrimination |
//! | `relatie` / `relation` | no | leidinggevende, collega, … |
//! | `betrokkene` / `person` | no | name of the person concerned |
//! | `datum_gesloten` / `closed_on` | no | |
//! | `uitkomst` / `outcome` | no | informeel opgelost, doorverwezen, … |
//! | `notities` / `notes` | no | becomes one conversation on the first contact date |
//! | `minuten` / `minutes` | no | that conversation's length |
//!
//! Every invalid row is reported with its line number; nothing is imported
//! while any row is invalid, unless the user chooses to skip those rows.

use chrono::NaiveDate;
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use ts_rs::TS;

use super::labels;
use super::model::*;
use super::store::{NewCase, NewConversation};
use crate::api::{check_case, parse_date, ApiError};

/// A row that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RowProblem {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The column concerned, when there is one.
    pub column: Option<String>,
    /// `required`, `invalid`, `invalid_date`, `unknown`, `too_long`, `taken`, …
    pub reason: String,
}

/// A checked row, ready to be written.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub case: NewCase,
    pub closed: Option<(NaiveDate, Outcome)>,
    pub conversation: Option<NewConversation>,
}

const COLUMNS: &[(&str, &str)] = &[
    ("referentie", "reference"),
    ("datum_eerste_contact", "first_contact"),
    ("kanaal", "channel"),
    ("naam_melder", "reporter_name"),
    ("telefoon", "phone"),
    ("email", "email"),
    ("rol_melder", "reporter_role"),
    ("afdeling", "department"),
    ("aard", "nature"),
    ("grond", "ground"),
    ("relatie", "relation"),
    ("betrokkene", "person"),
    ("datum_gesloten", "closed_on"),
    ("uitkomst", "outcome"),
    ("notities", "notes"),
    ("minuten", "minutes"),
];

/// A value of one of the register's lists from its code or its Dutch or
/// English label, in any case.
pub fn from_label<T: DeserializeOwned>(value: &str) -> Option<T> {
    let v = value.trim();
    if let Some(t) = from_code(&v.to_lowercase()) {
        return Some(t);
    }
    labels::code_of(v).and_then(|c| from_code(c))
}

fn problem(line: u64, column: Option<&str>, reason: &str) -> RowProblem {
    RowProblem {
        line,
        column: column.map(String::from),
        reason: reason.into(),
    }
}

/// Reads and checks every row. Returns the good rows and the problems.
pub fn read(
    bytes: &[u8],
    natures: &[Nature],
    today: NaiveDate,
) -> Result<(Vec<Row>, Vec<RowProblem>), ApiError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ApiError::validation("file", "not_utf8"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let separator = if first.matches(';').count() >= first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|_| ApiError::validation("file", "invalid_csv"))?
        .clone();
    // Column index by its Dutch name.
    let mut at: Vec<(&str, usize)> = vec![];
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().to_lowercase();
        match COLUMNS.iter().find(|(nl, en)| h == *nl || h == *en) {
            Some((nl, _)) => at.push((nl, i)),
            None => return Err(ApiError::validation(&h, "unknown_column")),
        }
    }
    for required in ["datum_eerste_contact", "kanaal", "rol_melder", "aard"] {
        if !at.iter().any(|(c, _)| *c == required) {
            return Err(ApiError::validation(required, "missing_column"));
        }
    }
    let mut rows = vec![];
    let mut problems = vec![];
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(problem(line, None, "invalid_csv"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |column: &str| -> Option<String> {
            at.iter()
                .find(|(c, _)| *c == column)
                .and_then(|(_, i)| record.get(*i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(String::from)
        };
        match row(line, &get, natures, today) {
            Ok(r) => rows.push(r),
            Err(p) => problems.push(p),
        }
    }
    Ok((rows, problems))
}

fn row(
    line: u64,
    get: &dyn Fn(&str) -> Option<String>,
    natures: &[Nature],
    today: NaiveDate,
) -> Result<Row, RowProblem> {
    fn choice<T: DeserializeOwned>(
        line: u64,
        column: &str,
        value: Option<String>,
    ) -> Result<Option<T>, RowProblem> {
        match value {
            None => Ok(None),
            Some(v) => from_label(&v)
                .map(Some)
                .ok_or_else(|| problem(line, Some(column), "invalid")),
        }
    }
    let required =
        |column: &str| get(column).ok_or_else(|| problem(line, Some(column), "required"));
    let channel: Channel =
        choice(line, "kanaal", Some(required("kanaal")?))?.unwrap_or(Channel::Other);
    let reporter_role: ReporterRole = choice(line, "rol_melder", Some(required("rol_melder")?))?
        .unwrap_or(ReporterRole::External);
    let ground: Option<Ground> = choice(line, "grond", get("grond"))?;
    let mut chosen = vec![];
    for name in required("aard")?.split('|') {
        let name = name.trim().to_lowercase();
        let nature = natures
            .iter()
            .find(|n| n.name.to_lowercase() == name || n.code.as_deref() == Some(name.as_str()))
            .ok_or_else(|| problem(line, Some("aard"), "unknown"))?;
        chosen.push(NatureChoice {
            nature_id: nature.id,
            ground,
        });
    }
    let relation: Option<Relation> = choice(line, "relatie", get("relatie"))?;
    let person = get("betrokkene");
    let persons = if relation.is_some() || person.is_some() {
        vec![Person {
            relation: relation.unwrap_or(Relation::Unknown),
            name: person,
        }]
    } else {
        vec![]
    };
    let input = CaseInput {
        reference: get("referentie"),
        first_contact: required("datum_eerste_contact")?,
        channel,
        reporter: get("naam_melder").map(|name| Reporter {
            name,
            phone: get("telefoon"),
            email: get("email"),
            contact_preference: None,
        }),
        reporter_role,
        department: get("afdeling"),
        gender: None,
        natures: chosen,
        persons,
        outcome: None,
    };
    let column_of = |field: &str| -> String {
        match field {
            "first_contact" => "datum_eerste_contact",
            "reporter_name" => "naam_melder",
            "reporter_phone" => "telefoon",
            "reporter_email" => "email",
            "department" => "afdeling",
            "person_name" => "betrokkene",
            "reference" => "referentie",
            "natures" => "aard",
            other => other,
        }
        .to_string()
    };
    let as_problem = |e: ApiError| RowProblem {
        line,
        column: e.field.as_deref().map(column_of),
        reason: e.reason.unwrap_or_else(|| "invalid".into()),
    };
    let case = check_case(&input, natures, today).map_err(as_problem)?;
    let closed = match get("datum_gesloten") {
        None => None,
        Some(d) => {
            let on = parse_date(&d, "datum_gesloten").map_err(as_problem)?;
            if on < case.first_contact || on > today {
                return Err(problem(line, Some("datum_gesloten"), "invalid_date"));
            }
            let outcome: Outcome =
                choice(line, "uitkomst", get("uitkomst"))?.unwrap_or(Outcome::Ongoing);
            Some((on, outcome))
        }
    };
    let conversation = match get("notities") {
        None => None,
        Some(notes) => {
            let minutes = match get("minuten") {
                None => 0,
                Some(m) => m
                    .parse::<i64>()
                    .ok()
                    .filter(|m| (0..=24 * 60).contains(m))
                    .ok_or_else(|| problem(line, Some("minuten"), "invalid"))?,
            };
            if notes.chars().count() > crate::api::MAX_NOTES {
                return Err(problem(line, Some("notities"), "too_long"));
            }
            Some(NewConversation {
                held_on: case.first_contact,
                minutes,
                mode: case.channel,
                with_whom: None,
                notes,
                next_step: None,
            })
        }
    };
    Ok(Row {
        line,
        case,
        closed,
        conversation,
    })
}
