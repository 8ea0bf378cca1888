//! Letters of the procedure (acknowledgement, request for a response,
//! invitation to a hearing, hearing report, decision, postponement): an
//! editable template per letter and language, with placeholders filled
//! from the complaint, on the organisation's letterhead, rendered by the
//! PDF engine.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vertrouwd_pdf::{Align, Block, Document, Image, Span};

use super::labels::label;
use super::model::Content;
use super::procedures::{LetterKind, ScheduledStep};
use crate::documents::{self, Letterhead};
use crate::error::{Invalid, Reason};
use crate::language::{self, long_date, Language};
use crate::validate::{line, required_text};

/// A letter's subject and body; `{reference}` and the other
/// [`PLACEHOLDERS`] are filled in when it is written, a blank line starts
/// a new paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterTemplate {
    pub subject: String,
    pub body: String,
}

/// The organisation's letterhead: under its name, the address; the one who
/// signs, and in what capacity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LetterheadSettings {
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub signatory: Option<String>,
    #[serde(default)]
    pub signatory_role: Option<String>,
}

/// What a template may name.
pub const PLACEHOLDERS: &[&str] = &[
    "reference",
    "received_on",
    "procedure",
    "complainant",
    "complained_about",
    "decision_maker",
    "today",
    "step",
    "due",
    "next_step",
    "next_due",
    "hearing",
    "finding",
    "organisation",
    "signatory",
    "committee",
];

/// How wide the logo stands at the top right of a letter.
const LOGO_WIDTH_MM: f32 = 40.0;

/// The largest logo file accepted.
pub const MAX_LOGO_BYTES: u64 = 1024 * 1024;

/// The longest subject; the longest body.
pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 20_000;

/// The placeholders `text` names, in order, each once.
fn named(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = vec![];
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

/// A template as the settings accept it: bounded, and naming only known
/// placeholders.
pub fn checked(t: &LetterTemplate) -> Result<LetterTemplate, Invalid> {
    let subject = line(&t.subject, "subject", MAX_SUBJECT)?;
    let body = required_text(&t.body, "body", MAX_BODY)?;
    for (field, text) in [("subject", &subject), ("body", &body)] {
        if named(text).iter().any(|n| !PLACEHOLDERS.contains(n)) {
            return Err(Invalid::new(field, Reason::Unknown));
        }
    }
    Ok(LetterTemplate { subject, body })
}

/// `text` with every placeholder replaced (one without a value becomes
/// empty; braces that name nothing known stay as typed).
pub fn fill(text: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = text.to_string();
    for name in PLACEHOLDERS {
        let value = values.get(name).map(String::as_str).unwrap_or("");
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The shipped text of each letter.
pub fn shipped(kind: LetterKind, lang: Language) -> LetterTemplate {
    let (subject, body) = match (kind, lang) {
        (LetterKind::Acknowledgement, Language::Nl) => (
            "Ontvangstbevestiging van uw klacht",
            "Geachte {complainant},\n\nOp {received_on} hebben wij uw klacht ontvangen. Wij hebben haar vastgelegd onder kenmerk {reference} en behandelen haar volgens de {procedure}.\n\nDe volgende stap is: {next_step}, uiterlijk op {next_due}. Wij houden u op de hoogte.\n\nHeeft u vragen, neem dan contact met ons op en vermeld het kenmerk.",
        ),
        (LetterKind::Acknowledgement, Language::En) => (
            "Acknowledgement of your complaint",
            "Dear {complainant},\n\nWe received your complaint on {received_on}. It is recorded under reference {reference} and handled under the {procedure}.\n\nThe next step is: {next_step}, by {next_due} at the latest. We will keep you informed.\n\nIf you have any questions, please contact us and quote the reference.",
        ),
        (LetterKind::RequestForResponse, Language::Nl) => (
            "Verzoek om een reactie op een klacht",
            "Geachte {complained_about},\n\nOp {received_on} is een klacht ingediend die op u betrekking heeft (kenmerk {reference}). Wij sturen u de klacht hierbij toe.\n\nWij vragen u uiterlijk op {next_due} schriftelijk op de klacht te reageren. U mag zich laten bijstaan door een vertrouwenspersoon of een andere begeleider.",
        ),
        (LetterKind::RequestForResponse, Language::En) => (
            "Request for a response to a complaint",
            "Dear {complained_about},\n\nOn {received_on} a complaint was made that concerns you (reference {reference}). We enclose it with this letter.\n\nWe ask you to respond to it in writing by {next_due} at the latest. You may be assisted by a confidential advisor or another support person.",
        ),
        (LetterKind::HearingInvitation, Language::Nl) => (
            "Uitnodiging voor de hoorzitting",
            "Geachte {complainant},\n\nHierbij nodigt {committee} u uit voor de hoorzitting over klacht {reference} op {hearing}. De hoorzitting is niet openbaar; u mag zich laten bijstaan door een vertrouwenspersoon of een andere begeleider.\n\nLaat ons weten of u aanwezig bent.",
        ),
        (LetterKind::HearingInvitation, Language::En) => (
            "Invitation to the hearing",
            "Dear {complainant},\n\nYou are invited by {committee} to the hearing on complaint {reference} on {hearing}. The hearing is not public; you may be assisted by a confidential advisor or another support person.\n\nPlease let us know whether you will attend.",
        ),
        (LetterKind::HearingReport, Language::Nl) => (
            "Verslag van de hoorzitting",
            "Geachte {complainant},\n\nBijgaand ontvangt u het verslag van de hoorzitting van {hearing} over klacht {reference}. Beide partijen ontvangen het verslag.\n\nHeeft u opmerkingen over het verslag, laat het ons dan uiterlijk op {next_due} weten.",
        ),
        (LetterKind::HearingReport, Language::En) => (
            "Report of the hearing",
            "Dear {complainant},\n\nPlease find enclosed the report of the hearing of {hearing} on complaint {reference}. Both parties receive the report.\n\nIf you have remarks on it, please let us know by {next_due} at the latest.",
        ),
        (LetterKind::Decision, Language::Nl) => (
            "Besluit op uw klacht",
            "Geachte {complainant},\n\nOp {received_on} heeft u een klacht ingediend (kenmerk {reference}). Na afweging van wat beide partijen naar voren brachten, heeft {decision_maker} besloten de klacht {finding} te verklaren.\n\nDe motivering en de maatregelen vindt u in de bijlage.",
        ),
        (LetterKind::Decision, Language::En) => (
            "Decision on your complaint",
            "Dear {complainant},\n\nOn {received_on} you made a complaint (reference {reference}). Having weighed what both parties put forward, {decision_maker} decided that the complaint is {finding}.\n\nThe reasons and the measures are set out in the annex.",
        ),
        (LetterKind::Postponement, Language::Nl) => (
            "Verdaging van de beslissing op uw klacht",
            "Geachte {complainant},\n\nOp {received_on} heeft u een klacht ingediend (kenmerk {reference}). Het lukt niet om binnen de termijn te beslissen. Wij stellen de beslissing daarom uit tot uiterlijk {due}. Deze brief gaat aan beide partijen.",
        ),
        (LetterKind::Postponement, Language::En) => (
            "Postponement of the decision on your complaint",
            "Dear {complainant},\n\nOn {received_on} you made a complaint (reference {reference}). A decision cannot be reached within the term. We therefore postpone it until {due} at the latest. This letter goes to both parties.",
        ),
    };
    LetterTemplate {
        subject: subject.into(),
        body: body.into(),
    }
}

/// Who a letter of `kind` goes to: the person complained about for the
/// request for a response, the complainant otherwise.
fn addressee(c: &Content, kind: LetterKind, lang: Language) -> (String, Option<String>) {
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    match (kind, c.complained_about.first()) {
        (LetterKind::RequestForResponse, Some(p)) => (p.name.clone(), p.department.clone()),
        _ => (
            c.complainant
                .name
                .clone()
                .unwrap_or_else(|| t("melder", "reporter")),
            c.complainant.contact.clone(),
        ),
    }
}

/// What a letter is written from besides its complaint.
#[derive(Debug)]
pub struct LetterFacts<'a> {
    pub organisation: &'a str,
    pub letterhead: &'a LetterheadSettings,
    /// The letterhead's logo (PNG or JPEG), set in the register's settings.
    pub logo: Option<&'a [u8]>,
    /// The complaints committee's name, when the settings give one.
    pub committee: Option<&'a str>,
    pub author: &'a str,
    pub printed: DateTime<Utc>,
    pub today: NaiveDate,
    pub language: Language,
}

/// The values of the placeholders for a letter about `step`.
pub(crate) fn values<'a>(
    c: &Content,
    schedule: &[ScheduledStep],
    step: &str,
    kind: LetterKind,
    f: &LetterFacts<'a>,
) -> BTreeMap<&'static str, String> {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let d = |day: NaiveDate| long_date(day, lang);
    let at = schedule.iter().position(|s| s.key == step);
    let next = at.and_then(|i| schedule[i + 1..].iter().find(|s| s.open()));
    let (to, _) = addressee(c, kind, lang);
    let finding = c
        .decision
        .as_ref()
        .map(|x| x.finding)
        .or(c.advice.as_ref().map(|x| x.finding))
        .map(|x| label(lang, &crate::code_lists::code(&x)));
    let mut v = BTreeMap::new();
    v.insert("reference", c.reference.clone());
    v.insert("received_on", d(c.received_on));
    v.insert("procedure", label(lang, &c.procedure.code));
    v.insert(
        "complainant",
        if kind == LetterKind::RequestForResponse {
            c.complainant
                .name
                .clone()
                .unwrap_or_else(|| t("de melder", "the reporter"))
        } else {
            to.clone()
        },
    );
    v.insert(
        "complained_about",
        c.complained_about
            .iter()
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
    );
    v.insert(
        "decision_maker",
        c.decision_maker
            .clone()
            .unwrap_or_else(|| t("de werkgever", "the employer")),
    );
    v.insert("today", d(f.today));
    v.insert("step", label(lang, step));
    if let Some(due) = at.and_then(|i| schedule[i].due) {
        v.insert("due", d(due));
    }
    if let Some(n) = next {
        v.insert("next_step", label(lang, &n.key));
        if let Some(due) = n.due {
            v.insert("next_due", d(due));
        }
    }
    if let Some(h) = c
        .hearings
        .iter()
        .filter(|h| h.on >= f.today)
        .min_by_key(|h| h.on)
        .or(c.hearings.last())
    {
        v.insert("hearing", d(h.on));
    }
    if let Some(x) = finding {
        v.insert("finding", x);
    }
    v.insert("organisation", f.organisation.to_string());
    v.insert(
        "committee",
        f.committee
            .map(str::to_string)
            .unwrap_or_else(|| t("de klachtencommissie", "the complaints committee")),
    );
    v.insert(
        "signatory",
        f.letterhead.signatory.clone().unwrap_or_default(),
    );
    v
}

/// The letter as a document for the PDF engine.
pub(crate) fn letter(
    c: &Content,
    kind: LetterKind,
    template: &LetterTemplate,
    values: &BTreeMap<&str, String>,
    f: &LetterFacts<'_>,
) -> Document {
    let lang = f.language;
    let t = |nl: &str, en: &str| language::text(lang, nl, en);
    let (to, to_line) = addressee(c, kind, lang);
    let subject = fill(&template.subject, values);
    let mut blocks = vec![];
    if let Some(logo) = f.logo {
        blocks.push(Block::Image(Image {
            bytes: logo.to_vec(),
            width_mm: LOGO_WIDTH_MM,
            align: Align::Right,
        }));
    }
    blocks.push(Block::Paragraph(vec![Span::bold(
        f.organisation.to_string(),
    )]));
    if let Some(address) = &f.letterhead.address {
        blocks.push(Block::Paragraph(vec![Span::plain(address.clone())]));
    }
    let mut to_block = vec![Span::plain(to)];
    if let Some(l) = to_line {
        to_block.push(Span::plain(format!("\n{l}")));
    }
    blocks.push(Block::Paragraph(to_block));
    blocks.push(Block::KeyValue(vec![
        (t("Datum", "Date"), long_date(f.today, lang)),
        (t("Kenmerk", "Reference"), c.reference.clone()),
        (t("Onderwerp", "Subject"), subject.clone()),
    ]));
    for paragraph in fill(&template.body, values).split("\n\n") {
        let p = paragraph.trim();
        if !p.is_empty() {
            blocks.push(Block::Paragraph(vec![Span::plain(p.to_string())]));
        }
    }
    blocks.push(Block::Paragraph(vec![Span::plain(t(
        "Met vriendelijke groet,",
        "Kind regards,",
    ))]));
    let mut sign = vec![];
    if let Some(s) = &f.letterhead.signatory {
        sign.push(Span::bold(s.clone()));
    }
    if let Some(r) = &f.letterhead.signatory_role {
        sign.push(Span::plain(format!("\n{r}")));
    }
    if !sign.is_empty() {
        blocks.push(Block::Paragraph(sign));
    }
    documents::document(
        Letterhead {
            title: subject,
            author: f.author,
            organisation: f.organisation,
            header: f.organisation.to_string(),
            classification: t("Vertrouwelijk", "Confidential"),
            printed: f.printed,
            language: lang,
        },
        blocks,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_letter_names_only_known_placeholders() {
        for kind in [
            LetterKind::Acknowledgement,
            LetterKind::RequestForResponse,
            LetterKind::HearingInvitation,
            LetterKind::HearingReport,
            LetterKind::Decision,
            LetterKind::Postponement,
        ] {
            for lang in [Language::Nl, Language::En] {
                let t = shipped(kind, lang);
                assert_eq!(checked(&t).as_ref(), Ok(&t), "{kind:?} {lang:?}");
                assert!(t.body.contains("{reference}"), "{kind:?} {lang:?}");
            }
        }
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_refused() {
        let mut v = BTreeMap::new();
        v.insert("reference", "KL-2026-001".to_string());
        v.insert("complainant", "Çağrı Öztürk".to_string());
        assert_eq!(
            fill("Geachte {complainant}, kenmerk {reference}{due}.", &v),
            "Geachte Çağrı Öztürk, kenmerk KL-2026-001."
        );
        let bad = LetterTemplate {
            subject: "Klacht {reference}".into(),
            body: "Geachte {naam}".into(),
        };
        assert_eq!(checked(&bad).expect_err("unknown").field, "body");
        let empty = LetterTemplate {
            subject: " ".into(),
            body: "x".into(),
        };
        assert_eq!(checked(&empty).expect_err("empty").reason, Reason::Required);
    }
}
