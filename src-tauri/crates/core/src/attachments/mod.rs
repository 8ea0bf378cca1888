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

use crate::error::{ApiError, ApiResult, Reason};

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

/// A file handed in to be kept as an attachment: its name and media type,
/// known from its path before anything is read.
#[derive(Debug)]
pub struct HandedIn {
    pub path: std::path::PathBuf,
    pub file_name: String,
    pub media_type: &'static str,
}

/// The file at `path` if a register accepts it as an attachment (see
/// [`media_type`]); read it with `Context::read_handed_in` and [`MAX_BYTES`].
pub fn handed_in(path: &str) -> ApiResult<HandedIn> {
    let path = std::path::PathBuf::from(path.trim());
    let file_name = path
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| ApiError::validation("file", Reason::Required))?;
    let media_type = media_type(&file_name)
        .ok_or_else(|| ApiError::validation("file", Reason::UnsupportedType))?;
    Ok(HandedIn {
        path,
        file_name,
        media_type,
    })
}

/// An attachment to be shown: its media type and content, read while the
/// session is held; [`draw_preview`] draws it once the session is free.
/// Its `Debug` names the type and size only, never the content.
pub struct ToPreview {
    media_type: String,
    content: zeroize::Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for ToPreview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToPreview")
            .field("media_type", &self.media_type)
            .field("bytes", &self.content.len())
            .finish()
    }
}

impl ToPreview {
    pub fn new(media_type: String, content: zeroize::Zeroizing<Vec<u8>>) -> Self {
        Self {
            media_type,
            content,
        }
    }
}

/// What the app shows of an attachment, without writing it anywhere (see
/// [`preview_within`]): the second step of every register's preview
/// command.
pub async fn draw_preview(file: ToPreview) -> ApiResult<AttachmentPreview> {
    Ok(preview_within(file.media_type, file.content, TIME_LIMIT).await)
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
    /// Drawing it took longer than [`TIME_LIMIT`] or more processor time
    /// than the preview may use (a very heavy or a hostile file).
    TooSlow,
    /// Drawing it needed more memory than the preview may use (a very
    /// heavy or a hostile file).
    TooHeavy,
}

/// How long the app waits for a preview before it gives up on it.
pub const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Width in pixels of a PDF page's picture.
const PAGE_WIDTH_PX: u32 = 1000;

/// Stack of the thread that reads an e-mail: parsers of untrusted files
/// recurse, and a deep file must not overflow a small stack.
const PREVIEW_STACK: usize = 32 * 1024 * 1024;

/// What the app shows of an attachment, given up after `limit`. A PDF is
/// drawn by the `vertrouwd-preview` program under hard limits
/// ([`vertrouwd_pdf::isolated`]); everything else is read here, on a
/// thread of its own. The content is wiped from memory when the work ends.
pub async fn preview_within(
    media_type: String,
    content: zeroize::Zeroizing<Vec<u8>>,
    limit: std::time::Duration,
) -> AttachmentPreview {
    if media_type == "application/pdf" {
        return pdf_pages(&content, limit).await;
    }
    let (tx, rx) = tokio::sync::oneshot::channel();
    let started = std::thread::Builder::new()
        .name("attachment-preview".into())
        .stack_size(PREVIEW_STACK)
        .spawn(move || {
            // The receiver may have given up; then nobody needs the result.
            let _ = tx.send(preview(&media_type, &content));
        });
    if started.is_err() {
        return unavailable(Unavailable::Unreadable);
    }
    match tokio::time::timeout(limit, rx).await {
        Ok(Ok(shown)) => shown,
        Ok(Err(_)) => unavailable(Unavailable::Unreadable),
        Err(_) => unavailable(Unavailable::TooSlow),
    }
}

/// Builds what the app shows of `content` of the given media type, in this
/// process; PDFs are never drawn here (see [`preview_within`]).
fn preview(media_type: &str, content: &[u8]) -> AttachmentPreview {
    let unreadable = unavailable(Unavailable::Unreadable);
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
        _ => unreadable,
    }
}

fn unavailable(reason: Unavailable) -> AttachmentPreview {
    AttachmentPreview::Unavailable { reason }
}

/// One preview process at a time: opening many attachments quickly does
/// not start many renderers.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Where the `vertrouwd-preview` program is: next to this program (the app,
/// the `vertrouwd` command, an installed package), or one folder up (test
/// programs in `target/*/deps`).
pub fn preview_program() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let name = format!(
        "{}{}",
        vertrouwd_pdf::isolated::PROGRAM,
        std::env::consts::EXE_SUFFIX
    );
    let dir = exe.parent()?;
    let found = [Some(dir), dir.parent()]
        .into_iter()
        .flatten()
        .map(|d| d.join(&name))
        .find(|p| p.is_file());
    found
}

/// The first pages of a PDF, drawn by a `vertrouwd-preview` process that
/// is killed when `limit` has passed.
async fn pdf_pages(content: &[u8], limit: std::time::Duration) -> AttachmentPreview {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let _turn = ONE_AT_A_TIME.lock().await;
    let Some(program) = preview_program() else {
        log::warn!("the PDF preview program is missing; PDFs are not shown");
        return unavailable(Unavailable::Unreadable);
    };
    let spawned = tokio::process::Command::new(program)
        .arg(MAX_PAGES_SHOWN.to_string())
        .arg(PAGE_WIDTH_PX.to_string())
        .env_clear()
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn();
    let Ok(mut child) = spawned else {
        return unavailable(Unavailable::Unreadable);
    };
    let (Some(mut input), Some(output)) = (child.stdin.take(), child.stdout.take()) else {
        return unavailable(Unavailable::Unreadable);
    };
    let work = async {
        let write = async {
            // A child that gives up early closes its input: not an error here.
            let _ = input.write_all(content).await;
            drop(input);
        };
        let read = async {
            let mut answer = Vec::new();
            let max = vertrouwd_pdf::isolated::MAX_OUTPUT as u64 + 1;
            output
                .take(max)
                .read_to_end(&mut answer)
                .await
                .map(|_| answer)
        };
        let ((), answer) = tokio::join!(write, read);
        (answer, child.wait().await)
    };
    let outcome = tokio::time::timeout(limit, work).await;
    let (answer, status) = match outcome {
        Ok((Ok(answer), Ok(status))) => (answer, status),
        Ok(_) => {
            // Killed and reaped here, not left to the drop as a zombie.
            let _ = child.kill().await;
            return unavailable(Unavailable::Unreadable);
        }
        Err(_) => {
            let _ = child.kill().await;
            return unavailable(Unavailable::TooSlow);
        }
    };
    if !status.success() {
        return unavailable(stopped_because(status));
    }
    match vertrouwd_pdf::isolated::decode(&answer, MAX_PAGES_SHOWN) {
        Some(Ok(p)) => AttachmentPreview::Pages {
            pages: p
                .pages
                .iter()
                .map(|png| data_url("image/png", png))
                .collect(),
            page_count: u32::try_from(p.page_count).unwrap_or(u32::MAX),
        },
        Some(Err(vertrouwd_pdf::preview::PreviewError::Encrypted)) => {
            unavailable(Unavailable::Encrypted)
        }
        Some(Err(vertrouwd_pdf::preview::PreviewError::Unreadable)) | None => {
            unavailable(Unavailable::Unreadable)
        }
    }
}

/// Why the preview process stopped without an answer: the kernel's CPU
/// limit, or an allocation its memory limit refused (which aborts it).
fn stopped_because(status: std::process::ExitStatus) -> Unavailable {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        match status.signal() {
            Some(libc_signal::SIGXCPU | libc_signal::SIGKILL) => Unavailable::TooSlow,
            Some(libc_signal::SIGABRT) => Unavailable::TooHeavy,
            _ => Unavailable::Unreadable,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = status;
        Unavailable::Unreadable
    }
}

/// The signal numbers [`stopped_because`] tells apart (the same on Linux
/// and macOS).
#[cfg(unix)]
mod libc_signal {
    pub const SIGABRT: i32 = 6;
    pub const SIGKILL: i32 = 9;
    pub const SIGXCPU: i32 = 24;
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

    /// The preview program is built with the workspace (`make test` and
    /// `make app` build it); without it no PDF is shown at all.
    fn program_is_built() {
        assert!(
            preview_program().is_some(),
            "vertrouwd-preview is missing: cargo build -p vertrouwd-pdf --bin vertrouwd-preview"
        );
    }

    fn specimen() -> zeroize::Zeroizing<Vec<u8>> {
        zeroize::Zeroizing::new(
            vertrouwd_pdf::render(&vertrouwd_pdf::specimen::specimen(
                chrono::DateTime::UNIX_EPOCH,
            ))
            .bytes,
        )
    }

    /// A one-page PDF whose page draws `xobject` (a dictionary and its
    /// stream data) and whose content stream is `content`.
    fn pdf_with(content: (&str, &[u8]), xobject: Option<(&str, &[u8])>) -> Vec<u8> {
        let mut objects: Vec<Vec<u8>> = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>".to_vec(),
        ];
        let stream = |dict: &str, data: &[u8]| {
            let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
            o.extend(data);
            o.extend(b"\nendstream");
            o
        };
        objects.push(stream(content.0, content.1));
        if let Some((dict, data)) = xobject {
            objects.push(stream(dict, data));
        }
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let mut offsets = vec![];
        for (i, o) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.extend(format!("{} 0 obj\n", i + 1).as_bytes());
            pdf.extend(o);
            pdf.extend(b"\nendobj\n");
        }
        let xref = pdf.len();
        pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
        for o in offsets {
            pdf.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        pdf.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        pdf
    }

    /// A zlib stream that inflates to `1 + 258 * matches` zero bytes, at
    /// the best ratio deflate allows (13 bits per 258 bytes), written bit
    /// by bit with the fixed Huffman codes of RFC 1951.
    fn zeros_bomb(matches: u64) -> Vec<u8> {
        struct Bits {
            out: Vec<u8>,
            acc: u64,
            n: u32,
        }
        impl Bits {
            /// `len` bits of `value`, least significant first.
            fn put(&mut self, value: u64, len: u32) {
                self.acc |= value << self.n;
                self.n += len;
                while self.n >= 8 {
                    self.out.push(self.acc as u8);
                    self.acc >>= 8;
                    self.n -= 8;
                }
            }
            /// A Huffman code: most significant bit first.
            fn code(&mut self, code: u64, len: u32) {
                let reversed = (0..len).fold(0, |r, i| r | (((code >> i) & 1) << (len - 1 - i)));
                self.put(reversed, len);
            }
        }
        let mut b = Bits {
            out: vec![0x78, 0x01],
            acc: 0,
            n: 0,
        };
        b.put(1, 1); // the last block
        b.put(1, 2); // fixed Huffman codes
        b.code(0x30, 8); // the literal 0
        for _ in 0..matches {
            b.code(0b1100_0101, 8); // length 258 (symbol 285)
            b.code(0, 5); // distance 1
        }
        b.code(0, 7); // end of block
        b.put(0, 7); // pad to a byte
        let len = 1 + 258 * matches;
        let adler = ((len % 65521) << 16) | 1;
        b.out.extend((adler as u32).to_be_bytes());
        b.out
    }

    fn pdf_kind() -> String {
        "application/pdf".into()
    }

    #[tokio::test]
    async fn a_pdf_is_drawn_in_the_preview_process() {
        program_is_built();
        let shown = preview_within(pdf_kind(), specimen(), TIME_LIMIT).await;
        let AttachmentPreview::Pages { pages, page_count } = shown else {
            panic!("pages expected, got {shown:?}");
        };
        assert!(page_count >= 2 && !pages.is_empty());
        assert!(pages
            .iter()
            .all(|p| p.starts_with("data:image/png;base64,iVBORw0KGgo")));
        let damaged = preview_within(
            pdf_kind(),
            zeroize::Zeroizing::new(b"%PDF-1.7 kapot".to_vec()),
            TIME_LIMIT,
        )
        .await;
        assert_eq!(damaged, unavailable(Unavailable::Unreadable));
    }

    #[tokio::test]
    async fn a_decompression_bomb_stops_the_preview_process_not_the_app() {
        program_is_built();
        // 1.5 GB of zeros in 9 MB, as a page's content stream.
        let bomb = zeros_bomb(6_000_000);
        let pdf = pdf_with(("/Filter /FlateDecode", &bomb), None);
        let shown = preview_within(pdf_kind(), zeroize::Zeroizing::new(pdf), TIME_LIMIT).await;
        assert!(
            matches!(
                shown,
                AttachmentPreview::Unavailable {
                    reason: Unavailable::TooHeavy | Unavailable::TooSlow
                }
            ),
            "{shown:?}"
        );
        // The app goes on: the next preview works.
        let next = preview_within(pdf_kind(), specimen(), TIME_LIMIT).await;
        assert!(matches!(next, AttachmentPreview::Pages { .. }), "{next:?}");
    }

    #[tokio::test]
    async fn a_picture_declared_huge_gives_pages_or_a_reason_never_a_crash() {
        program_is_built();
        let pixels = zeros_bomb(1000);
        let pdf = pdf_with(
            ("", b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
            Some((
                "/Type /XObject /Subtype /Image /Width 40000 /Height 40000 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
                &pixels,
            )),
        );
        // The renderer either leaves such a picture out or runs into the
        // limit; either way only pages or a reason come back.
        let shown = preview_within(pdf_kind(), zeroize::Zeroizing::new(pdf), TIME_LIMIT).await;
        assert!(
            matches!(
                shown,
                AttachmentPreview::Pages { .. }
                    | AttachmentPreview::Unavailable {
                        reason: Unavailable::TooHeavy | Unavailable::TooSlow
                    }
            ),
            "{shown:?}"
        );
    }

    /// The preview processes this test process has started and not reaped.
    fn preview_children() -> usize {
        let me = std::process::id().to_string();
        std::fs::read_dir("/proc")
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| {
                        let stat =
                            std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
                        // pid (comm) state ppid …
                        let after = stat.rsplit_once(") ").map(|(_, a)| a).unwrap_or("");
                        stat.contains("(vertrouwd-previ")
                            && after.split(' ').nth(1) == Some(me.as_str())
                    })
                    .count()
            })
            .unwrap_or(0)
    }

    #[cfg(target_os = "linux")]
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn previews_run_one_at_a_time_and_a_late_one_is_killed() {
        program_is_built();
        let watching = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let most = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let watcher = {
            let (watching, most) = (watching.clone(), most.clone());
            std::thread::spawn(move || {
                while watching.load(std::sync::atomic::Ordering::Relaxed) {
                    most.fetch_max(preview_children(), std::sync::atomic::Ordering::Relaxed);
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            })
        };
        let shown: Vec<AttachmentPreview> =
            futures_join_all((0..4).map(|_| preview_within(pdf_kind(), specimen(), TIME_LIMIT)))
                .await;
        assert!(shown
            .iter()
            .all(|s| matches!(s, AttachmentPreview::Pages { .. })));
        // Given up at once: the process is killed and reaped, not left running.
        let given_up = preview_within(pdf_kind(), specimen(), std::time::Duration::ZERO).await;
        assert_eq!(given_up, unavailable(Unavailable::TooSlow));
        watching.store(false, std::sync::atomic::Ordering::Relaxed);
        watcher.join().expect("watcher");
        assert!(
            most.load(std::sync::atomic::Ordering::Relaxed) <= 1,
            "one at a time"
        );
        // Other tests of this process draw previews too: count while none may run.
        let _turn = ONE_AT_A_TIME.lock().await;
        assert_eq!(preview_children(), 0, "no preview process is left running");
    }

    /// Runs the futures concurrently on the runtime and collects their
    /// results in order.
    async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let handles: Vec<_> = futures.map(tokio::spawn).collect();
        let mut out = vec![];
        for h in handles {
            out.push(h.await.expect("task"));
        }
        out
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
        assert_eq!(
            preview("application/vnd.ms-outlook", b"not really"),
            unavailable(Unavailable::Unreadable)
        );
    }
}
