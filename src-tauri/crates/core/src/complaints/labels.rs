//! How the complaints register's codes read in Dutch and English: for its
//! letters, its PDFs and the UI (generated into `ui/src/lib/api/labels.ts`
//! together with the other registers' labels; a code two registers share
//! reads the same in both, which a test checks).

use crate::language::Language;

/// (code, Dutch, English) for every enumerated value of the register.
pub const LABELS: &[(&str, &str, &str)] = &[
    // Channels.
    ("letter", "brief", "letter"),
    ("email", "e-mail", "e-mail"),
    ("form", "formulier", "form"),
    ("oral", "mondeling (verslag)", "oral (minuted)"),
    // Complainants.
    ("employee", "medewerker", "employee"),
    ("manager", "leidinggevende", "manager"),
    ("former_employee", "oud-medewerker", "former employee"),
    (
        "temporary",
        "uitzendkracht / tijdelijk",
        "temporary / agency worker",
    ),
    ("intern", "stagiair", "intern"),
    ("volunteer", "vrijwilliger", "volunteer"),
    ("applicant", "sollicitant", "applicant"),
    ("citizen", "burger", "citizen"),
    ("other", "anders", "other"),
    // Procedures.
    (
        "complaints_regulation",
        "klachtenregeling ongewenste omgangsvormen",
        "complaints procedure on undesirable behaviour",
    ),
    (
        "whistleblowing",
        "interne meldprocedure (Wbk)",
        "internal reporting procedure (Whistleblowers Act)",
    ),
    (
        "awb",
        "klacht Awb hoofdstuk 9",
        "complaint under the Awb, chapter 9",
    ),
    (
        "awb_committee",
        "klacht Awb hoofdstuk 9, met adviescommissie",
        "complaint under the Awb, chapter 9, with an advisory committee",
    ),
    // Steps and where a complaint stands.
    ("received", "ontvangen", "received"),
    (
        "acknowledgement",
        "ontvangstbevestiging",
        "acknowledgement of receipt",
    ),
    ("admissibility", "ontvankelijkheid", "admissibility"),
    ("assessment", "beoordeling", "assessment"),
    ("mediation", "bemiddeling", "mediation"),
    (
        "request_response",
        "verzoek om reactie aan beklaagde",
        "request for a response",
    ),
    (
        "response",
        "reactie beklaagde",
        "response of the person complained about",
    ),
    (
        "file_shared",
        "dossier naar beide partijen",
        "file shared with both parties",
    ),
    ("hearing", "hoorzitting", "hearing"),
    ("hearing_report", "verslag hoorzitting", "hearing report"),
    ("advice", "advies commissie", "committee advice"),
    ("decision", "besluit", "decision"),
    ("feedback", "terugkoppeling", "feedback to the parties"),
    ("closed", "afgesloten", "closed"),
    ("withdrawn", "ingetrokken", "withdrawn"),
    ("inadmissible", "niet-ontvankelijk", "inadmissible"),
    // Letters (the others share their step's code).
    (
        "request_for_response",
        "verzoek om reactie",
        "request for a response",
    ),
    (
        "hearing_invitation",
        "uitnodiging hoorzitting",
        "invitation to the hearing",
    ),
    ("postponement", "verdaging", "postponement"),
    // Findings.
    ("upheld", "gegrond", "upheld"),
    ("partly_upheld", "deels gegrond", "partly upheld"),
    ("not_upheld", "ongegrond", "not upheld"),
    // Measures.
    ("conversation", "gesprek", "conversation"),
    ("warning", "waarschuwing", "warning"),
    ("reprimand", "berisping", "reprimand"),
    ("training", "training of coaching", "training or coaching"),
    ("transfer", "overplaatsing", "transfer"),
    ("suspension", "schorsing", "suspension"),
    ("dismissal", "ontslag", "dismissal"),
    ("rehabilitation", "eerherstel", "rehabilitation"),
    // The committee.
    ("chair", "voorzitter", "chair"),
    ("member", "lid", "member"),
    ("secretary", "ambtelijk secretaris", "secretary"),
];

/// The label of `code` in `language` (a nature's too); the code itself
/// when unknown.
pub fn label(language: Language, code: &str) -> String {
    crate::language::label_in(LABELS.iter().chain(crate::natures::NATURES), language, code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaints::model::MEASURES;
    use crate::complaints::procedures::shipped;

    #[test]
    fn every_shipped_procedure_step_letter_and_measure_has_both_labels() {
        let mut codes: Vec<String> = MEASURES.iter().map(|m| m.to_string()).collect();
        for p in shipped() {
            codes.push(p.code.clone());
            codes.extend(p.steps.iter().map(|s| s.key.clone()));
            codes.extend(
                p.steps
                    .iter()
                    .filter_map(|s| s.letter)
                    .map(|l| crate::code_lists::code(&l)),
            );
        }
        codes.push("postponement".into());
        for code in codes {
            assert!(
                LABELS.iter().any(|(c, ..)| *c == code),
                "{code} has no labels"
            );
        }
        assert_eq!(label(Language::Nl, "upheld"), "gegrond");
        assert_eq!(label(Language::En, "bullying"), "bullying");
        assert_eq!(label(Language::Nl, "bullying"), "pesten");
    }
}
