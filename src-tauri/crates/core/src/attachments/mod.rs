//! Attachments: which files a register accepts, and what the app shows of
//! one without writing it anywhere.
//!
//! An attachment lives inside its compartment's database; showing it must
//! not put its content on disk. So everything here works in memory: a
//! picture becomes a data URL, a PDF becomes pictures of its first pages
//! (rendered by [`vertrouwd_pdf::preview`]), an e-mail (.eml or Outlook
//! .msg) becomes its headers and its text ([`mail`]). Files are untrusted:
//! whatever cannot be read gives [`AttachmentPreview::Unavailable`], never
//! an error that loses the case view.

mod mail;

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use mail::MailMessage;

/// The largest file accepted as an attachment.
pub const MAX_BYTES: u64 = 25 * 1024 * 1024;

/// How much of a text file is shown (the rest only by exporting it).
pub const MAX_TEXT_SHOWN: usize = 1024 * 1024;

/// How many pages of a PDF are shown.
pub const MAX_PAGES_SHOWN: usize = 10;

/// The media type of an accepted file, by its extension: PDF, PNG, JPEG,
/// GIF, e-mail (.eml, .msg) and plain text.
pub fn media_type(file_name: &str) -> Option<&'static str> {
    let ext = file_name.rsplit_once('.')?.1.to_lowercase();
    Some(match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "eml" => "message/rfc822",
        "msg" => "application/vnd.ms-outlook",
        "txt" => "text/plain",
        _ => return None,
    })
}

/// What the app shows of an attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AttachmentPreview {
    /// A picture, as a `data:` URL.
    Picture { data_url: String },
    /// A text file (at most [`MAX_TEXT_SHOWN`] bytes of it).
    Text { text: String, truncated: bool },
    /// An e-mail: its headers and text.
    Message { message: MailMessage },
    /// A PDF: its first pages as PNG `data:` URLs, and how many it has.
    Pages { pages: Vec<String>, page_count: u32 },
    /// Nothing can be shown; the file can still be exported.
    Unavailable { reason: Unavailable },
}

/// Why an attachment cannot be shown in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Unavailable {
    /// A PDF protected with a password.
    Encrypted,
    /// Damaged, or not what its name says.
    Unreadable,
    /// Drawing it took longer than [`TIME_LIMIT`] (a very heavy or a
    /// hostile file).
    TooSlow,
}

/// How long the app waits for a preview before it gives up on it.
pub const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Stack of the thread that draws a preview: parsers of untrusted files
/// recurse, and a deep file must not overflow a small stack.
const PREVIEW_STACK: usize = 32 * 1024 * 1024;

/// [`preview`] on a thread of its own, given up after `limit`. The content
/// is wiped from memory when the work ends.
pub async fn preview_within(
    media_type: String,
    content: zeroize::Zeroizing<Vec<u8>>,
    limit: std::time::Duration,
) -> AttachmentPreview {
    let unreadable = AttachmentPreview::Unavailable {
        reason: Unavailable::Unreadable,
    };
    let (tx, rx) = tokio::sync::oneshot::channel();
    let started = std::thread::Builder::new()
        .name("attachment-preview".into())
        .stack_size(PREVIEW_STACK)
        .spawn(move || {
            // The receiver may have given up; then nobody needs the result.
            let _ = tx.send(preview(&media_type, &content));
        });
    if started.is_err() {
        return unreadable;
    }
    match tokio::time::timeout(limit, rx).await {
        Ok(Ok(shown)) => shown,
        Ok(Err(_)) => unreadable,
        Err(_) => AttachmentPreview::Unavailable {
            reason: Unavailable::TooSlow,
        },
    }
}

/// Builds what the app shows of `content` of the given media type. Rendering
/// a PDF takes a while: the app calls [`preview_within`].
pub fn preview(media_type: &str, content: &[u8]) -> AttachmentPreview {
    let unreadable = AttachmentPreview::Unavailable {
        reason: Unavailable::Unreadable,
    };
    match media_type {
        "image/png" | "image/jpeg" | "image/gif" => AttachmentPreview::Picture {
            data_url: data_url(media_type, content),
        },
        "text/plain" => {
            let truncated = content.len() > MAX_TEXT_SHOWN;
            let mut shown = &content[..content.len().min(MAX_TEXT_SHOWN)];
            // Do not cut a UTF-8 character in two at the limit.
            if let Err(e) = std::str::from_utf8(shown) {
                if e.error_len().is_none() {
                    shown = &shown[..e.valid_up_to()];
                }
            }
            AttachmentPreview::Text {
                text: String::from_utf8_lossy(shown).into_owned(),
                truncated,
            }
        }
        "message/rfc822" => mail::from_eml(content)
            .map_or(unreadable, |message| AttachmentPreview::Message { message }),
        "application/vnd.ms-outlook" => mail::from_msg(content)
            .map_or(unreadable, |message| AttachmentPreview::Message { message }),
        "application/pdf" => {
            let options = vertrouwd_pdf::preview::PreviewOptions {
                max_pages: MAX_PAGES_SHOWN,
                ..Default::default()
            };
            match vertrouwd_pdf::preview::page_pictures(content, options) {
                Ok(p) => AttachmentPreview::Pages {
                    pages: p
                        .pages
                        .iter()
                        .map(|png| data_url("image/png", png))
                        .collect(),
                    page_count: u32::try_from(p.page_count).unwrap_or(u32::MAX),
                },
                Err(vertrouwd_pdf::preview::PreviewError::Encrypted) => {
                    AttachmentPreview::Unavailable {
                        reason: Unavailable::Encrypted,
                    }
                }
                Err(vertrouwd_pdf::preview::PreviewError::Unreadable) => unreadable,
            }
        }
        _ => unreadable,
    }
}

fn data_url(media_type: &str, content: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(content);
    format!("data:{media_type};base64,{b64}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_types_by_extension() {
        assert_eq!(media_type("Verslag.PDF"), Some("application/pdf"));
        assert_eq!(media_type("mail.msg"), Some("application/vnd.ms-outlook"));
        assert_eq!(media_type("foto.jpeg"), Some("image/jpeg"));
        assert_eq!(media_type("script.exe"), None);
        assert_eq!(media_type("geen-extensie"), None);
    }

    #[test]
    fn a_long_text_is_cut_on_a_character_boundary() {
        let mut content = "a".repeat(MAX_TEXT_SHOWN - 1).into_bytes();
        content.extend("ë en meer".as_bytes());
        let AttachmentPreview::Text { text, truncated } = preview("text/plain", &content) else {
            panic!("text expected");
        };
        assert!(truncated);
        assert_eq!(text.len(), MAX_TEXT_SHOWN - 1);
        assert!(!text.contains('\u{FFFD}'));
    }

    #[tokio::test]
    async fn a_preview_that_takes_too_long_is_given_up() {
        let pdf = vertrouwd_pdf::render(&vertrouwd_pdf::specimen::specimen(
            chrono::DateTime::UNIX_EPOCH,
        ))
        .bytes;
        let given_up = preview_within(
            "application/pdf".into(),
            zeroize::Zeroizing::new(pdf.clone()),
            std::time::Duration::ZERO,
        )
        .await;
        assert_eq!(
            given_up,
            AttachmentPreview::Unavailable {
                reason: Unavailable::TooSlow
            }
        );
        let shown = preview_within(
            "application/pdf".into(),
            zeroize::Zeroizing::new(pdf),
            TIME_LIMIT,
        )
        .await;
        assert!(matches!(shown, AttachmentPreview::Pages { .. }));
    }

    #[test]
    fn an_outlook_message_is_shown_as_a_message() {
        let msg = mail::tests::msg_file("Melding", "Tekst", "bijlage.pdf");
        let AttachmentPreview::Message { message } = preview("application/vnd.ms-outlook", &msg)
        else {
            panic!("a message expected");
        };
        assert_eq!(message.subject.as_deref(), Some("Melding"));
        assert_eq!(message.attachments, vec!["bijlage.pdf".to_string()]);
    }

    #[test]
    fn a_damaged_file_is_unavailable_not_an_error() {
        for kind in ["application/pdf", "application/vnd.ms-outlook"] {
            assert_eq!(
                preview(kind, b"not really"),
                AttachmentPreview::Unavailable {
                    reason: Unavailable::Unreadable
                },
                "{kind}"
            );
        }
    }
}
