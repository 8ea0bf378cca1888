//! Importing an existing complaints register from CSV (as Dutch Excel
//! writes it) or an Excel workbook (.xlsx), with the shared reader
//! ([`crate::csv_import`]) and the same rules as the advisor's import:
//! every bad row with its line number, nothing imported unless every row
//! is valid or skipping them was chosen.
//!
//! | column (nl / en) | required | value |
//! |---|---|---|
//! | `referentie` / `reference` | no | kept as given; else the next free one of its year |
//! | `ontvangen_op` / `received_on` | yes | 2026-02-03, 3-2-2026, 03-02-2026, 3 februari 2026, or an Excel date |
//! | `kanaal` / `channel` | yes | brief, e-mail, formulier, mondeling (or the code) |
//! | `procedure` / `procedure` | yes | the procedure's code or name (`klachtenregeling ongewenste omgangsvormen`, `whistleblowing`, …) |
//! | `klager` / `complainant` | no | empty: anonymous |
//! | `rol_klager` / `complainant_role` | yes | medewerker, oud-medewerker, uitzendkracht / tijdelijk, stagiair, … |
//! | `afdeling_klager` / `complainant_department` | no | |
//! | `contact` / `contact` | no | an anonymous complainant with a contact can be answered |
//! | `ondersteuner` / `support_person` | no | |
//! | `beklaagde` / `complained_about` | no | one or more names, separated by `\|` |
//! | `rol_beklaagde` / `complained_about_role` | no | one per name, separated by `\|` |
//! | `afdeling_beklaagde` / `complained_about_department` | no | one per name, separated by `\|` |
//! | `aard` / `nature` | no | one or more natures (code or name), separated by `\|` |
//! | `omschrijving` / `description` | yes | |
//! | `beslisser` / `decision_maker` | no | when not the employer |
//! | `afgehandeld_op` / `ended_on` | no | the day it was closed, withdrawn or found inadmissible |
//! | `afloop` / `ended_as` | no | afgesloten (the default), ingetrokken, niet-ontvankelijk |
//!
//! An imported complaint runs its procedure from the day it was received,
//! so the steps of one still running are due (or overdue) from then; the
//! timeline starts with "imported".

use chrono::NaiveDate;

use super::check;
use super::labels::LABELS;
use super::model::*;
use super::procedures::Procedure;
use crate::csv_import::{Column, Row as Line, RowProblem, Sheet};
use crate::dates::parse_date;
use crate::error::{Invalid, Reason};
use crate::language::{label_in, Language};
use crate::natures::NATURES;

/// A checked row, ready to be filed: its content has no reference yet
/// when the file gave none.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub line: u64,
    pub content: Content,
}

const fn column(dutch: &'static str, english: &'static str, required: bool) -> Column {
    Column {
        dutch,
        english,
        required,
    }
}

const COLUMNS: &[Column] = &[
    column("referentie", "reference", false),
    column("ontvangen_op", "received_on", true),
    column("kanaal", "channel", true),
    column("procedure", "procedure", true),
    column("klager", "complainant", false),
    column("rol_klager", "complainant_role", true),
    column("afdeling_klager", "complainant_department", false),
    column("contact", "contact", false),
    column("ondersteuner", "support_person", false),
    column("beklaagde", "complained_about", false),
    column("rol_beklaagde", "complained_about_role", false),
    column("afdeling_beklaagde", "complained_about_department", false),
    column("aard", "nature", false),
    column("omschrijving", "description", true),
    column("beslisser", "decision_maker", false),
    column("afgehandeld_op", "ended_on", false),
    column("afloop", "ended_as", false),
];

/// The column of a field the register's checks name.
fn column_of(field: &str) -> &str {
    match field {
        "reference" => "referentie",
        "received_on" => "ontvangen_op",
        "complainant.name" => "klager",
        "complainant.department" => "afdeling_klager",
        "complainant.contact" => "contact",
        "complainant.support_person" => "ondersteuner",
        "complained_about.name" => "beklaagde",
        "complained_about.role" => "rol_beklaagde",
        "complained_about.department" => "afdeling_beklaagde",
        "natures" => "aard",
        "description" => "omschrijving",
        "decision_maker" => "beslisser",
        other => other,
    }
}

/// Reads and checks every row against the register's procedures. Returns
/// the good rows, each with `event` as the start of its timeline, and the
/// problems.
pub(crate) fn read(
    bytes: &[u8],
    procedures: &[Procedure],
    today: NaiveDate,
    event: &ComplaintEvent,
) -> Result<(Vec<Row>, Vec<RowProblem>), Invalid> {
    let sheet = Sheet::read(bytes, COLUMNS)?;
    let mut rows = vec![];
    let mut problems = vec![];
    for line in sheet.rows() {
        match line.and_then(|l| row(&l, procedures, today, event)) {
            Ok(r) => rows.push(r),
            Err(p) => problems.push(p),
        }
    }
    Ok((rows, problems))
}

/// A procedure by its code, the name the organisation gave it, or its
/// shipped name in Dutch or English (any case).
fn procedure<'p>(procedures: &'p [Procedure], value: &str) -> Option<&'p Procedure> {
    let v = value.trim().to_lowercase();
    procedures.iter().find(|p| {
        p.code == v
            || p.name.as_deref().is_some_and(|n| n.to_lowercase() == v)
            || [Language::Nl, Language::En]
                .into_iter()
                .any(|l| label_in(LABELS, l, &p.code).to_lowercase() == v)
    })
}

/// A nature's code from its code or its Dutch or English name.
fn nature(value: &str) -> Option<&'static str> {
    let v = value.trim().to_lowercase();
    NATURES
        .iter()
        .find(|(code, nl, en)| *code == v || nl.to_lowercase() == v || en.to_lowercase() == v)
        .map(|(code, ..)| *code)
}

/// The values of a column that holds several, separated by `|`.
fn several(l: &Line<'_>, column: &str) -> Vec<String> {
    l.get(column)
        .map(|v| v.split('|').map(|p| p.trim().to_string()).collect())
        .unwrap_or_default()
}

fn row(
    l: &Line<'_>,
    procedures: &[Procedure],
    today: NaiveDate,
    event: &ComplaintEvent,
) -> Result<Row, RowProblem> {
    let as_problem = |e: Invalid| l.problem(Some(column_of(&e.field)), e.reason);
    let reference = crate::references::given(l.get("referentie").as_deref(), "referentie")
        .map_err(as_problem)?;
    let channel: ComplaintChannel = l.required_choice("kanaal", &[LABELS])?;
    let role: ComplainantRole = l.required_choice("rol_klager", &[LABELS])?;
    let procedure = procedure(procedures, &l.required("procedure")?)
        .ok_or_else(|| l.problem(Some("procedure"), Reason::Unknown))?;
    let names = several(l, "beklaagde");
    let roles = several(l, "rol_beklaagde");
    let departments = several(l, "afdeling_beklaagde");
    // One role or department per name, in the same order; one alone for a
    // single name.
    let nth = |list: &[String], i: usize, column: &str| -> Result<Option<String>, RowProblem> {
        match list.len() {
            0 => Ok(None),
            n if n == names.len() => Ok(Some(list[i].clone())),
            _ => Err(l.problem(Some(column), Reason::Mismatch)),
        }
    };
    let mut complained_about = vec![];
    for (i, name) in names.iter().enumerate() {
        complained_about.push(PersonComplainedAbout {
            name: name.clone(),
            role: nth(&roles, i, "rol_beklaagde")?,
            department: nth(&departments, i, "afdeling_beklaagde")?,
        });
    }
    if names.is_empty() && !(roles.is_empty() && departments.is_empty()) {
        return Err(l.problem(Some("beklaagde"), Reason::Required));
    }
    let natures = several(l, "aard")
        .iter()
        .map(|n| {
            nature(n)
                .map(String::from)
                .ok_or_else(|| l.problem(Some("aard"), Reason::Unknown))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let name = l.get("klager");
    let contact = l.get("contact");
    let input = ComplaintInput {
        received_on: l.required("ontvangen_op")?,
        channel,
        procedure: procedure.code.clone(),
        complainant: Complainant {
            anonymous: name.is_none(),
            can_reply: name.is_some() || contact.is_some(),
            name,
            role,
            department: l.get("afdeling_klager"),
            contact,
            support_person: l.get("ondersteuner"),
        },
        complained_about,
        natures,
        description: l.required("omschrijving")?,
        decision_maker: l.get("beslisser"),
        minutes_signed_on: None,
        access: ComplaintAccess::Everyone,
    };
    let mut content = check::complaint(
        &input,
        reference.unwrap_or_default(),
        procedure.clone(),
        today,
        event.clone(),
        None,
    )
    .map_err(as_problem)?;
    let ended_as: Option<ClosureKind> = l.choice("afloop", &[LABELS])?;
    content.closure = match (l.get("afgehandeld_op"), ended_as) {
        (None, None) => None,
        (None, Some(_)) => return Err(l.problem(Some("afgehandeld_op"), Reason::Required)),
        (Some(on), kind) => {
            let on = parse_date(&on, "afgehandeld_op").map_err(as_problem)?;
            let on = check::after_receipt(on, "afgehandeld_op", content.received_on)
                .and_then(|on| crate::validate::not_in_future(on, today, "afgehandeld_op"))
                .map_err(as_problem)?;
            Some(Closure {
                kind: kind.unwrap_or(ClosureKind::Closed),
                on,
                note: None,
            })
        }
    };
    Ok(Row {
        line: l.line,
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaints::procedures::shipped;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn event() -> ComplaintEvent {
        ComplaintEvent {
            at: chrono::Utc::now(),
            by: "u".into(),
            by_name: "U".into(),
            what: "imported".into(),
            detail: None,
        }
    }

    fn read_all(file: &str) -> (Vec<Row>, Vec<RowProblem>) {
        read(file.as_bytes(), &shipped(), d(2026, 12, 1), &event()).expect("read")
    }

    #[test]
    fn a_register_as_dutch_excel_writes_it() {
        let (rows, problems) = read_all(
            "Referentie;Ontvangen op;Kanaal;Procedure;Klager;Rol klager;Beklaagde;Rol beklaagde;Aard;Omschrijving;Afgehandeld op;Afloop\n\
             KL-2024-007;3-2-2024;brief;klachtenregeling ongewenste omgangsvormen;Çağrı Öztürk;uitzendkracht / tijdelijk;Ayşe Yılmaz|Jan de Vries;teamleider|directeur;pesten|discriminatie;Uitgescholden 😡;2-5-2024;ingetrokken\n\
             ;14 maart 2026;e-mail;whistleblowing;;Medewerker;;;integriteit / vermoeden van een misstand;Fraude gemeld;;\n",
        );
        assert_eq!(problems, []);
        let first = &rows[0].content;
        assert_eq!(rows[0].line, 2);
        assert_eq!(first.reference, "KL-2024-007");
        assert_eq!(first.received_on, d(2024, 2, 3));
        assert_eq!(first.procedure.code, "complaints_regulation");
        assert_eq!(first.complainant.role, ComplainantRole::Temporary);
        assert_eq!(first.complained_about[1].name, "Jan de Vries");
        assert_eq!(first.complained_about[1].role.as_deref(), Some("directeur"));
        assert_eq!(first.natures, ["bullying", "discrimination"]);
        let closure = first.closure.as_ref().expect("ended");
        assert_eq!(
            (closure.kind, closure.on),
            (ClosureKind::Withdrawn, d(2024, 5, 2))
        );
        let second = &rows[1].content;
        assert_eq!(second.reference, "", "the register gives it one");
        assert!(second.complainant.anonymous && !second.complainant.can_reply);
        assert_eq!(second.procedure.code, "whistleblowing");
        assert_eq!(second.natures, ["integrity"]);
        assert_eq!(second.closure, None);
    }

    #[test]
    fn every_bad_row_with_its_line_and_column() {
        let (rows, problems) = read_all(
            "received_on;channel;procedure;complainant_role;complained_about;complained_about_role;nature;description;ended_on;ended_as\n\
             31-2-2026;letter;awb;citizen;;;;a;;\n\
             1-3-2026;fax;awb;citizen;;;;b;;\n\
             1-3-2026;letter;bingo;citizen;;;;c;;\n\
             1-3-2026;letter;awb;citizen;A|B;x|y|z;;d;;\n\
             1-3-2026;letter;awb;citizen;;;gossip;e;;\n\
             1-3-2026;letter;awb;citizen;;;;f;28-2-2026;\n\
             1-3-2026;letter;awb;citizen;;;;g;;withdrawn\n\
             1-3-2026;letter;awb;citizen;;;;;;\n\
             1-3-2027;letter;awb;citizen;;;;i;;\n\
             1-3-2026;letter;awb;citizen;;;;fine;;\n",
        );
        let got: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.column.as_deref().unwrap_or(""), p.reason))
            .collect();
        assert_eq!(
            got,
            [
                (2, "ontvangen_op", Reason::InvalidDate),
                (3, "kanaal", Reason::Invalid),
                (4, "procedure", Reason::Unknown),
                (5, "rol_beklaagde", Reason::Mismatch),
                (6, "aard", Reason::Unknown),
                (7, "afgehandeld_op", Reason::BeforeReceipt),
                (8, "afgehandeld_op", Reason::Required),
                (9, "omschrijving", Reason::Required),
                (10, "ontvangen_op", Reason::InFuture),
            ]
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].line, 11);
    }
}
