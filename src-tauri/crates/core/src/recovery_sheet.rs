//! The recovery sheet (herstelblad): one page to print and keep with the
//! recovery key, what it is for, and where to keep it.

use chrono::{DateTime, Utc};
use vertrouwd_pdf::{Block, Document, Span};

use crate::documents::{self, Letterhead};
use crate::language::{self, Language};

/// What goes on the sheet.
#[derive(Debug)]
pub struct SheetFacts<'a> {
    pub organisation: &'a str,
    pub user_name: &'a str,
    pub login: &'a str,
    pub vault_id: &'a str,
    pub vault_created: DateTime<Utc>,
    /// The key, grouped (XXXX-XXXX-…).
    pub recovery_key: &'a str,
    pub printed: DateTime<Utc>,
    pub language: Language,
}

/// The sheet as a document for the PDF engine.
pub fn sheet(f: &SheetFacts<'_>) -> Document {
    let t = |nl_text: &str, en_text: &str| language::text(f.language, nl_text, en_text);
    let date = language::date(f.vault_created.date_naive(), f.language);
    documents::document(
        Letterhead {
            title: t("Herstelblad Vertrouwd", "Vertrouwd recovery sheet"),
            author: f.user_name,
            organisation: f.organisation,
            header: f.organisation.to_string(),
            classification: t("Strikt vertrouwelijk", "Strictly confidential"),
            printed: f.printed,
            language: f.language,
        },
        vec![
            Block::Heading { level: 1, text: t("Herstelblad", "Recovery sheet") },
            Block::Paragraph(vec![Span::plain(t(
                "Met de herstelsleutel op dit blad komt u weer in uw deel van de kluis als u uw wachtwoordzin vergeten bent. Niemand anders kan dat voor u doen: er bestaat geen tweede sleutel.",
                "With the recovery key on this sheet you can get back into your part of the vault if you forget your passphrase. Nobody else can do that for you: there is no second key.",
            ))]),
            Block::KeyValue(vec![
                (t("Organisatie", "Organisation"), f.organisation.to_string()),
                (t("Naam", "Name"), f.user_name.to_string()),
                (t("Inlognaam", "Login name"), f.login.to_string()),
                (t("Kluis", "Vault"), f.vault_id.to_string()),
                (t("Aangemaakt op", "Created on"), date),
            ]),
            Block::Heading { level: 2, text: t("Uw herstelsleutel", "Your recovery key") },
            // Large and grouped, to copy by hand without mistakes.
            Block::Heading { level: 1, text: f.recovery_key.replace('-', " ") },
            Block::Heading { level: 2, text: t("Bewaren", "Keeping it") },
            Block::Bullets(vec![
                vec![Span::plain(t(
                    "Print dit blad en bewaar het op een veilige plek, bijvoorbeeld in een afgesloten kast of kluis; niet bij de computer.",
                    "Print this sheet and keep it somewhere safe, such as a locked cabinet or safe; not with the computer.",
                ))],
                vec![Span::bold(t(
                    "Verwijder het PDF-bestand na het printen: het bevat uw sleutel onversleuteld.",
                    "Delete the PDF file after printing: it holds your key unencrypted.",
                ))],
                vec![Span::plain(t(
                    "Gebruik de sleutel via ‘Wachtwoordzin vergeten?’ in het ontgrendelscherm, of met vertrouwd recovery reset.",
                    "Use the key through ‘Forgot your passphrase?’ on the unlock screen, or with vertrouwd recovery reset.",
                ))],
            ]),
        ],
    )
}
