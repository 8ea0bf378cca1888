//! The advisor's rules for what is recorded: a case's intake against the
//! natures list, a conversation's length and notes. Pure checks that
//! answer [`Invalid`]; the use cases and the CSV import share them.

use chrono::NaiveDate;

use super::model::*;
use super::store::{NewCase, NewConversation};
use crate::dates::parse_date;
use crate::error::{Invalid, Reason};
use crate::validate::{not_in_future, optional_text, required_text};

/// A name, a phone number, a department.
pub const MAX_SHORT: usize = 200;
/// Notes are kept as written; about 100 pages of text per conversation.
pub const MAX_NOTES: usize = 200_000;
/// The longest conversation, and the most time added at once: a day.
pub const MAX_MINUTES: i64 = 24 * 60;

/// Checks a case against the natures list and the rules of the register.
pub fn check_case(
    input: &CaseInput,
    natures: &[Nature],
    today: NaiveDate,
) -> Result<NewCase, Invalid> {
    let first_contact = not_in_future(
        parse_date(&input.first_contact, "first_contact")?,
        today,
        "first_contact",
    )?;
    let reference = crate::references::given(input.reference.as_deref(), "reference")?;
    let reporter = match &input.reporter {
        None => None,
        Some(r) => Some(Reporter {
            name: required_text(&r.name, "reporter_name", MAX_SHORT)?,
            phone: optional_text(r.phone.as_deref(), "reporter_phone", MAX_SHORT)?,
            email: optional_text(r.email.as_deref(), "reporter_email", MAX_SHORT)?,
            contact_preference: optional_text(
                r.contact_preference.as_deref(),
                "contact_preference",
                MAX_SHORT,
            )?,
        }),
    };
    if input.natures.is_empty() {
        return Err(Invalid::new("natures", Reason::Required));
    }
    let mut chosen = input.natures.clone();
    chosen.sort_by_key(|n| n.nature_id);
    chosen.dedup_by_key(|n| n.nature_id);
    for n in &mut chosen {
        let Some(nature) = natures.iter().find(|x| x.id == n.nature_id) else {
            return Err(Invalid::new("natures", Reason::Unknown));
        };
        if nature.retired {
            return Err(Invalid::new("natures", Reason::Retired));
        }
        if nature.code.as_deref() != Some("discrimination") {
            n.ground = None;
        }
    }
    let persons = input
        .persons
        .iter()
        .map(|p| {
            Ok(Person {
                relation: p.relation,
                name: optional_text(p.name.as_deref(), "person_name", MAX_SHORT)?,
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    Ok(NewCase {
        reference,
        first_contact,
        channel: input.channel,
        reporter,
        reporter_role: input.reporter_role,
        department: optional_text(input.department.as_deref(), "department", MAX_SHORT)?,
        gender: input.gender,
        natures: chosen,
        persons,
        outcome: input.outcome,
    })
}

pub fn check_conversation(
    c: &ConversationInput,
    today: NaiveDate,
) -> Result<NewConversation, Invalid> {
    if !(0..=MAX_MINUTES).contains(&c.minutes) {
        return Err(Invalid::new("minutes", Reason::OutOfRange));
    }
    Ok(NewConversation {
        held_on: not_in_future(parse_date(&c.held_on, "held_on")?, today, "held_on")?,
        minutes: c.minutes,
        mode: c.mode,
        with_whom: optional_text(c.with_whom.as_deref(), "with_whom", MAX_SHORT)?,
        notes: required_text(&c.notes, "notes", MAX_NOTES)?,
        next_step: optional_text(c.next_step.as_deref(), "next_step", MAX_SHORT * 10)?,
    })
}
