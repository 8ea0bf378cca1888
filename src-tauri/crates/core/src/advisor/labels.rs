//! How the register's codes read in Dutch and English: one table for the
//! PDFs, the statistics release, the CSV import and the UI (which gets it
//! generated as `ui/src/lib/api/labels.ts`).

use crate::language::Language;

/// (code, Dutch, English) for every enumerated value of the register (the
/// shipped natures are in [`crate::natures`]).
pub const LABELS: &[(&str, &str, &str)] = &[
    ("in_person", "persoonlijk", "in person"),
    ("phone", "telefoon", "phone"),
    ("video", "video", "video"),
    ("email", "e-mail", "e-mail"),
    ("other", "anders", "other"),
    ("employee", "medewerker", "employee"),
    ("manager", "leidinggevende", "manager"),
    ("intern", "stagiair", "intern"),
    (
        "temporary",
        "uitzendkracht / tijdelijk",
        "temporary / agency worker",
    ),
    ("volunteer", "vrijwilliger", "volunteer"),
    ("former_employee", "oud-medewerker", "former employee"),
    ("external", "extern", "external"),
    ("colleague", "collega", "colleague"),
    ("subordinate", "ondergeschikte", "subordinate"),
    (
        "third_party",
        "cliënt / patiënt / leerling / derde",
        "client / patient / pupil / third party",
    ),
    ("unknown", "onbekend", "unknown"),
    ("origin", "afkomst / etniciteit", "origin / ethnicity"),
    ("sex_gender", "geslacht / gender", "sex / gender"),
    (
        "sexual_orientation",
        "seksuele gerichtheid",
        "sexual orientation",
    ),
    (
        "religion_belief",
        "godsdienst / levensovertuiging",
        "religion / belief",
    ),
    ("age", "leeftijd", "age"),
    (
        "disability_illness",
        "handicap / chronische ziekte",
        "disability / chronic illness",
    ),
    ("female", "vrouw", "female"),
    ("male", "man", "male"),
    ("shelter_advice", "opvang en advies", "support and advice"),
    (
        "complaints_info",
        "informatie over de klachtenregeling",
        "information about the complaints procedure",
    ),
    ("referral", "doorverwijzing", "referral"),
    (
        "informal_solution",
        "informele oplossing / bemiddeling",
        "informal solution / mediation",
    ),
    (
        "formal_complaint_support",
        "ondersteuning bij een formele klacht",
        "support with a formal complaint",
    ),
    (
        "signal_to_employer",
        "geanonimiseerd signaal aan de werkgever",
        "anonymised signal to the employer",
    ),
    ("aftercare", "nazorg", "aftercare"),
    ("company_doctor", "bedrijfsarts", "company doctor"),
    ("social_work", "maatschappelijk werk", "social work"),
    ("psychologist", "psycholoog", "psychologist"),
    ("hr", "HR", "HR"),
    ("police", "politie", "police"),
    ("integrity_desk", "integriteitsloket", "integrity desk"),
    (
        "whistleblowers",
        "Huis voor Klokkenluiders",
        "Dutch Whistleblowers Authority",
    ),
    ("legal_aid", "juridische hulp", "legal aid"),
    (
        "resolved_informally",
        "informeel opgelost",
        "resolved informally",
    ),
    (
        "formal_complaint",
        "formele klacht ingediend",
        "formal complaint filed",
    ),
    ("referred", "doorverwezen", "referred"),
    (
        "contact_lost",
        "melder vertrokken / contact verloren",
        "reporter left / contact lost",
    ),
    ("no_action_wanted", "geen actie gewenst", "no action wanted"),
    ("ongoing", "loopt nog", "ongoing"),
    ("keep_notes", "notities bijhouden", "keeping notes"),
    (
        "special_category",
        "bijzondere persoonsgegevens vastleggen",
        "recording special-category data",
    ),
    ("disclosure", "iets doorgeven", "passing something on"),
    (
        "reporter_request",
        "op verzoek van de melder",
        "at the reporter's request",
    ),
    (
        "recorded_in_error",
        "ten onrechte vastgelegd",
        "recorded by mistake",
    ),
    ("no_longer_needed", "niet meer nodig", "no longer needed"),
    (
        "legal_obligation",
        "wettelijke plicht of uitspraak",
        "legal obligation or ruling",
    ),
    // Activities besides cases.
    (
        "prevention_session",
        "preventiebijeenkomst",
        "prevention session",
    ),
    ("information_meeting", "voorlichting", "information meeting"),
    ("intervision", "intervisie", "intervision"),
    ("course", "opleiding of cursus", "course or training"),
];

/// Every label the register uses: its own codes, then the shipped natures.
fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    LABELS.iter().chain(crate::natures::NATURES)
}

/// The label of `code` in `language`; the code itself when unknown.
pub fn label(language: Language, code: &str) -> String {
    crate::language::label_in(all(), language, code)
}

pub fn dutch(code: &str) -> String {
    label(Language::Nl, code)
}
