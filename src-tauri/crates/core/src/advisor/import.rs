//! Importing an existing register from CSV.
//!
//! Read by the shared CSV reader ([`crate::csv_import`]: UTF-8 with or
//! without a byte-order mark or Windows-1252, `;` or `,`, Dutch or English
//! column names in any order and case). Dates as [`crate::dates`] reads
//! them (`3-2-2025`, `03-02-2025`, `3 februari 2025`, ISO).
//!
//! | column (nl / en) | required | value |
//! |---|---|---|
//! | `referentie` / `reference` | no | kept as given; else the next free one |
//! | `datum_eerste_contact` / `first_contact` | yes | 2026-03-02, 2-3-2026, 02-03-2026, 2 maart 2026 |
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

use super::check::{check_case, MAX_MINUTES, MAX_NOTES};
use super::labels;
use super::model::*;
use super::store::{NewCase, NewConversation};
pub use crate::csv_import::RowProblem;
use crate::csv_import::{Column, Row as Line, Sheet};
use crate::dates::parse_date;
use crate::error::{Invalid, Reason};

/// A checked row, ready to be written.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: u64,
    pub case: NewCase,
    pub closed: Option<(NaiveDate, Outcome)>,
    pub conversation: Option<NewConversation>,
}

const COLUMNS: &[Column] = &[
    Column {
        dutch: "referentie",
        english: "reference",
        required: false,
    },
    Column {
        dutch: "datum_eerste_contact",
        english: "first_contact",
        required: true,
    },
    Column {
        dutch: "kanaal",
        english: "channel",
        required: true,
    },
    Column {
        dutch: "naam_melder",
        english: "reporter_name",
        required: false,
    },
    Column {
        dutch: "telefoon",
        english: "phone",
        required: false,
    },
    Column {
        dutch: "email",
        english: "email",
        required: false,
    },
    Column {
        dutch: "rol_melder",
        english: "reporter_role",
        required: true,
    },
    Column {
        dutch: "afdeling",
        english: "department",
        required: false,
    },
    Column {
        dutch: "aard",
        english: "nature",
        required: true,
    },
    Column {
        dutch: "grond",
        english: "ground",
        required: false,
    },
    Column {
        dutch: "relatie",
        english: "relation",
        required: false,
    },
    Column {
        dutch: "betrokkene",
        english: "person",
        required: false,
    },
    Column {
        dutch: "datum_gesloten",
        english: "closed_on",
        required: false,
    },
    Column {
        dutch: "uitkomst",
        english: "outcome",
        required: false,
    },
    Column {
        dutch: "notities",
        english: "notes",
        required: false,
    },
    Column {
        dutch: "minuten",
        english: "minutes",
        required: false,
    },
];

/// Reads and checks every row. Returns the good rows and the problems.
pub fn read(
    bytes: &[u8],
    natures: &[Nature],
    today: NaiveDate,
) -> Result<(Vec<Row>, Vec<RowProblem>), Invalid> {
    let sheet = Sheet::read(bytes, COLUMNS)?;
    let mut rows = vec![];
    let mut problems = vec![];
    for line in sheet.rows() {
        match line.and_then(|l| row(&l, natures, today)) {
            Ok(r) => rows.push(r),
            Err(p) => problems.push(p),
        }
    }
    Ok((rows, problems))
}

/// The lists a column's value may name: the register's codes and the
/// shipped natures.
const LABELS: &[&[(&str, &str, &str)]] = &[labels::LABELS, crate::natures::NATURES];

fn row(l: &Line<'_>, natures: &[Nature], today: NaiveDate) -> Result<Row, RowProblem> {
    let line = l.line;
    let get = |column: &str| l.get(column);
    let channel: Channel = l.required_choice("kanaal", LABELS)?;
    let reporter_role: ReporterRole = l.required_choice("rol_melder", LABELS)?;
    let ground: Option<Ground> = l.choice("grond", LABELS)?;
    let mut chosen = vec![];
    for name in l.required("aard")?.split('|') {
        let name = name.trim().to_lowercase();
        let nature = natures
            .iter()
            .find(|n| n.name.to_lowercase() == name || n.code.as_deref() == Some(name.as_str()))
            .ok_or_else(|| l.problem(Some("aard"), Reason::Unknown))?;
        chosen.push(NatureChoice {
            nature_id: nature.id,
            ground,
        });
    }
    let relation: Option<Relation> = l.choice("relatie", LABELS)?;
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
        first_contact: l.required("datum_eerste_contact")?,
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
    let as_problem = |e: Invalid| RowProblem {
        line,
        column: Some(column_of(&e.field)),
        reason: e.reason,
    };
    let case = check_case(&input, natures, today).map_err(as_problem)?;
    let closed = match get("datum_gesloten") {
        None => None,
        Some(d) => {
            let on = parse_date(&d, "datum_gesloten").map_err(as_problem)?;
            if on < case.first_contact || on > today {
                return Err(l.problem(Some("datum_gesloten"), Reason::InvalidDate));
            }
            let outcome: Outcome = l.choice("uitkomst", LABELS)?.unwrap_or(Outcome::Ongoing);
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
                    .filter(|m| (0..=MAX_MINUTES).contains(m))
                    .ok_or_else(|| l.problem(Some("minuten"), Reason::Invalid))?,
            };
            if notes.chars().count() > MAX_NOTES {
                return Err(l.problem(Some("notities"), Reason::TooLong));
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
