//! The register's rules for what users enter: every field bounded, dates
//! that can be true, and a complaint's story in the order it can happen.

use chrono::NaiveDate;

use super::model::*;
use super::procedures::Procedure;
use crate::dates::parse_date;
use crate::error::{Invalid, Reason};
use crate::validate::{line, not_in_future, optional_text, required_text};

/// The longest name, role, department or contact.
pub const MAX_LINE: usize = 200;
/// The longest description or note (a pasted letter fits; 10 MB does not).
pub const MAX_TEXT: usize = 200_000;

fn optional_line(value: Option<&str>, field: &str) -> Result<Option<String>, Invalid> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => line(v, field, MAX_LINE).map(Some),
        None => Ok(None),
    }
}

/// A date that has happened, not before the complaint was received.
pub fn happened(
    value: &str,
    field: &str,
    received: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, Invalid> {
    let day = not_in_future(parse_date(value, field)?, today, field)?;
    after_receipt(day, field, received)
}

/// A date not before the complaint was received (a hearing may be planned).
pub fn after_receipt(
    day: NaiveDate,
    field: &str,
    received: NaiveDate,
) -> Result<NaiveDate, Invalid> {
    if day < received {
        return Err(Invalid::new(field, Reason::BeforeReceipt));
    }
    Ok(day)
}

/// Free text of a note, a reason or a description.
pub fn text(value: &str, field: &str) -> Result<String, Invalid> {
    required_text(value, field, MAX_TEXT)
}

pub fn optional(value: Option<&str>, field: &str) -> Result<Option<String>, Invalid> {
    optional_text(value, field, MAX_TEXT)
}

/// Measure codes, each known and once.
pub fn measures(codes: &[String]) -> Result<Vec<String>, Invalid> {
    let mut out: Vec<String> = vec![];
    for c in codes {
        let c = c.trim();
        if !MEASURES.contains(&c) {
            return Err(Invalid::new("measures", Reason::Unknown));
        }
        if !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    Ok(out)
}

/// What a complaint holds when it is filed, checked; access is checked by
/// the caller, who knows the hr holders.
pub(crate) fn complaint(
    input: &ComplaintInput,
    reference: String,
    procedure: Procedure,
    today: NaiveDate,
    event: ComplaintEvent,
    only: Option<Vec<String>>,
) -> Result<Content, Invalid> {
    let received_on = not_in_future(
        parse_date(&input.received_on, "received_on")?,
        today,
        "received_on",
    )?;
    let c = &input.complainant;
    let complainant = Complainant {
        anonymous: c.anonymous,
        can_reply: c.can_reply,
        name: if c.anonymous {
            None
        } else {
            Some(line(
                c.name.as_deref().unwrap_or(""),
                "complainant.name",
                MAX_LINE,
            )?)
        },
        role: c.role,
        department: optional_line(c.department.as_deref(), "complainant.department")?,
        contact: optional_line(c.contact.as_deref(), "complainant.contact")?,
        support_person: optional_line(c.support_person.as_deref(), "complainant.support_person")?,
    };
    let complained_about = input
        .complained_about
        .iter()
        .map(|p| {
            Ok(PersonComplainedAbout {
                name: line(&p.name, "complained_about.name", MAX_LINE)?,
                role: optional_line(p.role.as_deref(), "complained_about.role")?,
                department: optional_line(p.department.as_deref(), "complained_about.department")?,
            })
        })
        .collect::<Result<Vec<_>, Invalid>>()?;
    let mut natures: Vec<String> = vec![];
    for n in &input.natures {
        let n = n.trim();
        if !crate::natures::is_nature(n) {
            return Err(Invalid::new("natures", Reason::Unknown));
        }
        if !natures.iter().any(|m| m == n) {
            natures.push(n.to_string());
        }
    }
    let minutes_signed_on = match input.minutes_signed_on.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => {
            if input.channel != ComplaintChannel::Oral {
                return Err(Invalid::new("minutes_signed_on", Reason::Invalid));
            }
            Some(happened(v, "minutes_signed_on", received_on, today)?)
        }
        _ => None,
    };
    Ok(Content {
        reference,
        received_on,
        channel: input.channel,
        minutes_signed_on,
        procedure,
        complainant,
        complained_about,
        natures,
        description: text(&input.description, "description")?,
        decision_maker: optional_line(input.decision_maker.as_deref(), "decision_maker")?,
        admissibility: Admissibility::default(),
        progress: vec![],
        pauses: vec![],
        extensions: vec![],
        hearings: vec![],
        advice: None,
        decision: None,
        closure: None,
        timeline: vec![event],
        only,
        attachments: vec![],
        recusals: vec![],
        joined: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaints::procedures::shipped;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn input() -> ComplaintInput {
        ComplaintInput {
            received_on: "3-2-2026".into(),
            channel: ComplaintChannel::Letter,
            procedure: "complaints_regulation".into(),
            complainant: Complainant {
                anonymous: false,
                can_reply: true,
                name: Some("Çağrı Öztürk".into()),
                role: ComplainantRole::Temporary,
                department: Some("Logistiek".into()),
                contact: None,
                support_person: Some("Anneke de Vries".into()),
            },
            complained_about: vec![PersonComplainedAbout {
                name: "Ayşe Yılmaz".into(),
                role: Some("teamleider".into()),
                department: None,
            }],
            natures: vec!["bullying".into(), "bullying".into()],
            description: "Herhaaldelijk uitgescholden 😡".into(),
            decision_maker: None,
            minutes_signed_on: None,
            access: ComplaintAccess::Everyone,
        }
    }

    fn event() -> ComplaintEvent {
        ComplaintEvent {
            at: chrono::Utc::now(),
            by: "u".into(),
            by_name: "U".into(),
            what: "filed".into(),
            detail: None,
        }
    }

    fn check(i: &ComplaintInput) -> Result<Content, Invalid> {
        complaint(
            i,
            "KL-2026-001".into(),
            shipped().remove(0),
            d(2026, 3, 1),
            event(),
            None,
        )
    }

    #[test]
    fn a_complaint_is_taken_as_written_and_a_nature_counted_once() {
        let c = check(&input()).expect("valid");
        assert_eq!(c.received_on, d(2026, 2, 3));
        assert_eq!(c.complainant.name.as_deref(), Some("Çağrı Öztürk"));
        assert_eq!(c.complained_about[0].name, "Ayşe Yılmaz");
        assert_eq!(c.natures, vec!["bullying".to_string()]);
    }

    #[test]
    fn bad_input_is_refused_with_its_field() {
        let refused = |f: &dyn Fn(&mut ComplaintInput)| {
            let mut i = input();
            f(&mut i);
            let e = check(&i).expect_err("refused");
            (e.field, e.reason)
        };
        assert_eq!(
            refused(&|i| i.received_on = "31-2-2026".into()),
            ("received_on".into(), Reason::InvalidDate)
        );
        assert_eq!(
            refused(&|i| i.received_on = "2-3-2026".into()),
            ("received_on".into(), Reason::InFuture)
        );
        assert_eq!(
            refused(&|i| i.complainant.name = None),
            ("complainant.name".into(), Reason::Required)
        );
        assert_eq!(
            refused(&|i| i.natures = vec!["gossip".into()]),
            ("natures".into(), Reason::Unknown)
        );
        assert_eq!(
            refused(&|i| i.description = "x".repeat(MAX_TEXT + 1)),
            ("description".into(), Reason::TooLong)
        );
        assert_eq!(
            refused(&|i| i.description = " ".into()),
            ("description".into(), Reason::Required)
        );
        assert_eq!(
            refused(&|i| i.minutes_signed_on = Some("4-2-2026".into())),
            ("minutes_signed_on".into(), Reason::Invalid),
            "minutes belong to an oral complaint"
        );
        assert_eq!(
            refused(&|i| {
                i.channel = ComplaintChannel::Oral;
                i.minutes_signed_on = Some("1-2-2026".into());
            }),
            ("minutes_signed_on".into(), Reason::BeforeReceipt)
        );
    }

    #[test]
    fn an_anonymous_complainant_keeps_no_name() {
        let mut i = input();
        i.complainant.anonymous = true;
        let c = check(&i).expect("valid");
        assert_eq!(c.complainant.name, None);
    }
}
