//! E-mails kept as attachments, read for showing: an internet message
//! (.eml, parsed by mail-parser) or an Outlook message (.msg, a compound
//! file whose properties are read with cfb). Only what a reader needs:
//! sender, recipients, date, subject, the text, and the names of files
//! attached to the mail (their content is not opened).

use std::io::{Cursor, Read};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How much of a message's text is shown.
const MAX_BODY: usize = 1024 * 1024;

/// An e-mail as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct MailMessage {
    pub from: Option<String>,
    pub to: Option<String>,
    pub cc: Option<String>,
    /// As written in the message (for .eml), or in UTC (for .msg).
    pub date: Option<String>,
    pub subject: Option<String>,
    /// The plain text; an HTML-only message is converted to text.
    pub body: String,
    /// Names of the files attached to the mail.
    pub attachments: Vec<String>,
}

/// Reads an internet message (RFC 5322, what "save as .eml" writes).
pub fn from_eml(content: &[u8]) -> Option<MailMessage> {
    let message = mail_parser::MessageParser::default().parse(content)?;
    let addresses = |a: Option<&mail_parser::Address<'_>>| {
        a.map(|a| {
            a.iter()
                .map(|addr| match (addr.name(), addr.address()) {
                    (Some(n), Some(e)) => format!("{n} <{e}>"),
                    (Some(n), None) => n.to_string(),
                    (None, Some(e)) => e.to_string(),
                    (None, None) => String::new(),
                })
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|s| !s.is_empty())
    };
    let from = addresses(message.from());
    let to = addresses(message.to());
    let cc = addresses(message.cc());
    let subject = message.subject().map(str::to_string);
    let date = message.date().map(|d| {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} ({}{:02}:{:02})",
            d.year,
            d.month,
            d.day,
            d.hour,
            d.minute,
            if d.tz_before_gmt { '-' } else { '+' },
            d.tz_hour,
            d.tz_minute
        )
    });
    let body = message
        .body_text(0)
        .map(|b| b.into_owned())
        .unwrap_or_default();
    let attachments = message
        .attachments()
        .filter_map(|a| {
            use mail_parser::MimeHeaders as _;
            a.attachment_name().map(str::to_string)
        })
        .collect();
    MailMessage {
        from,
        to,
        cc,
        date,
        subject,
        body,
        attachments,
    }
    .read()
}

impl MailMessage {
    /// The message as shown (its text cut at [`MAX_BODY`]), or `None` when
    /// a parser found neither headers nor text: then it did not read a
    /// message.
    fn read(mut self) -> Option<Self> {
        if self.from.is_none()
            && self.to.is_none()
            && self.subject.is_none()
            && self.body.trim().is_empty()
        {
            return None;
        }
        self.body = cut(self.body);
        Some(self)
    }
}

// Outlook property tags (MS-OXPROPS): the id in the high 16 bits.
const SUBJECT: u16 = 0x0037;
const CLIENT_SUBMIT_TIME: u16 = 0x0039;
const SENDER_NAME: u16 = 0x0C1A;
const SENDER_EMAIL: u16 = 0x0C1F;
const DISPLAY_CC: u16 = 0x0E03;
const DISPLAY_TO: u16 = 0x0E04;
const DELIVERY_TIME: u16 = 0x0E06;
const BODY: u16 = 0x1000;
const ATTACH_LONG_FILENAME: u16 = 0x3707;
const ATTACH_FILENAME: u16 = 0x3704;
const SENDER_SMTP: u16 = 0x5D01;

/// Reads an Outlook message (.msg, MS-OXMSG).
pub fn from_msg(content: &[u8]) -> Option<MailMessage> {
    let mut file = cfb::CompoundFile::open(Cursor::new(content)).ok()?;
    let subject = string_prop(&mut file, "", SUBJECT);
    let sender = string_prop(&mut file, "", SENDER_NAME);
    let email = string_prop(&mut file, "", SENDER_SMTP)
        .or_else(|| string_prop(&mut file, "", SENDER_EMAIL))
        // An Exchange sender has an X.500 address here, not one to show.
        .filter(|e| e.contains('@'));
    let from = match (sender, email) {
        (Some(n), Some(e)) if n != e => Some(format!("{n} <{e}>")),
        (Some(n), _) => Some(n),
        (None, e) => e,
    };
    let to = string_prop(&mut file, "", DISPLAY_TO);
    let cc = string_prop(&mut file, "", DISPLAY_CC);
    let body = string_prop(&mut file, "", BODY).unwrap_or_default();
    let date = time_prop(&mut file, CLIENT_SUBMIT_TIME)
        .or_else(|| time_prop(&mut file, DELIVERY_TIME))
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string());
    let storages: Vec<String> = file
        .read_root_storage()
        .filter(|e| e.is_storage() && e.name().starts_with("__attach_version1.0_"))
        .map(|e| e.name().to_string())
        .collect();
    let attachments = storages
        .iter()
        .filter_map(|s| {
            string_prop(&mut file, s, ATTACH_LONG_FILENAME)
                .or_else(|| string_prop(&mut file, s, ATTACH_FILENAME))
        })
        .collect();
    MailMessage {
        from,
        to,
        cc,
        date,
        subject,
        body,
        attachments,
    }
    .read()
}

/// A string property of the message (`storage` "") or of an attachment:
/// stored as UTF-16 (type 001F) or in the message's 8-bit code page (001E,
/// read as Windows-1252, which is what Dutch Outlook writes).
fn string_prop(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    storage: &str,
    id: u16,
) -> Option<String> {
    let read = |file: &mut cfb::CompoundFile<Cursor<&[u8]>>, kind: &str| {
        let path = format!("/{storage}/__substg1.0_{id:04X}{kind}").replace("//", "/");
        let mut stream = file.open_stream(&path).ok()?;
        let mut bytes = Vec::new();
        stream
            .by_ref()
            .take(MAX_BODY as u64 * 2)
            .read_to_end(&mut bytes)
            .ok()?;
        Some(bytes)
    };
    let text = if let Some(bytes) = read(file, "001F") {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        let bytes = read(file, "001E")?;
        crate::encoding::windows_1252(&bytes).into_owned()
    };
    let text = text.trim_end_matches('\0').trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// A time property from the message's fixed-size property stream: after a
/// 32-byte header, entries of 16 bytes (tag, flags, 8-byte value); a time
/// (type 0040) is a FILETIME, 100 ns since 1601-01-01 UTC.
fn time_prop(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, id: u16) -> Option<DateTime<Utc>> {
    let mut stream = file.open_stream("/__properties_version1.0").ok()?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).ok()?;
    let wanted = (u32::from(id) << 16) | 0x0040;
    bytes.get(32..)?.chunks_exact(16).find_map(|e| {
        let tag = u32::from_le_bytes(e[0..4].try_into().ok()?);
        if tag != wanted {
            return None;
        }
        let ticks = i64::from_le_bytes(e[8..16].try_into().ok()?);
        let unix_secs = ticks / 10_000_000 - 11_644_473_600;
        DateTime::from_timestamp(unix_secs, 0)
    })
}

fn cut(mut body: String) -> String {
    if body.len() > MAX_BODY {
        let mut end = MAX_BODY;
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        body.truncate(end);
        body.push_str("\n…");
    }
    body
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::io::Write;

    const EML: &str = "From: =?UTF-8?Q?Ay=C5=9Fe_Y=C4=B1lmaz?= <ayse@example.nl>\r\n\
To: Vertrouwenspersoon <vp@example.nl>\r\n\
Cc: Jan de Vries <jan@example.nl>\r\n\
Subject: =?UTF-8?Q?Gesprek_co=C3=B6rdinatie?=\r\n\
Date: Tue, 3 Mar 2026 10:15:00 +0100\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: 8bit\r\n\
\r\n\
Beste vertrouwenspersoon, zoals besproken: de idee\u{eb}n van \u{c7}a\u{11f}r\u{131}.\r\n\
--b1\r\n\
Content-Type: application/pdf; name=\"verslag.pdf\"\r\n\
Content-Disposition: attachment; filename=\"verslag.pdf\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
JVBERi0xLjQK\r\n\
--b1--\r\n";

    #[test]
    fn eml_headers_text_and_attachment_names() {
        let m = from_eml(EML.as_bytes()).expect("parsed");
        assert_eq!(m.from.as_deref(), Some("Ayşe Yılmaz <ayse@example.nl>"));
        assert_eq!(m.to.as_deref(), Some("Vertrouwenspersoon <vp@example.nl>"));
        assert_eq!(m.cc.as_deref(), Some("Jan de Vries <jan@example.nl>"));
        assert_eq!(m.subject.as_deref(), Some("Gesprek coördinatie"));
        assert_eq!(m.date.as_deref(), Some("2026-03-03 10:15 (+01:00)"));
        assert!(m.body.contains("ideeën van Çağrı"), "{}", m.body);
        assert_eq!(m.attachments, vec!["verslag.pdf".to_string()]);
    }

    #[test]
    fn eml_with_html_only_becomes_text() {
        let eml = "From: a@example.nl\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hallo <b>wereld</b></p><script>alert(1)</script>\r\n";
        let m = from_eml(eml.as_bytes()).expect("parsed");
        assert!(m.body.contains("Hallo"), "{}", m.body);
        assert!(!m.body.contains("<b>"), "{}", m.body);
    }

    /// Writes a minimal .msg as Outlook lays it out.
    pub(crate) fn msg_file(subject: &str, body: &str, attachment: &str) -> Vec<u8> {
        let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create");
        let put = |file: &mut cfb::CompoundFile<Cursor<Vec<u8>>>, path: &str, bytes: &[u8]| {
            file.create_stream(path)
                .expect("stream")
                .write_all(bytes)
                .expect("write");
        };
        put(&mut file, "/__substg1.0_0037001F", &utf16(subject));
        put(&mut file, "/__substg1.0_0C1A001F", &utf16("Çağrı Öztürk"));
        put(
            &mut file,
            "/__substg1.0_5D01001F",
            &utf16("cagri@example.nl"),
        );
        put(
            &mut file,
            "/__substg1.0_0E04001F",
            &utf16("Vertrouwenspersoon"),
        );
        // The body in the 8-bit code page: "€ 127,50 – ideeën" in Windows-1252.
        let mut cp1252 = body.as_bytes().to_vec();
        cp1252.extend([
            b' ', 0x80, b' ', b'1', b'2', b'7', b' ', 0x96, b' ', b'i', b'd', b'e', b'e', 0xEB,
            b'n',
        ]);
        put(&mut file, "/__substg1.0_1000001E", &cp1252);
        // 2026-03-03 09:15 UTC as a FILETIME.
        let ticks: i64 = (1_772_529_300 + 11_644_473_600) * 10_000_000;
        let mut props = vec![0u8; 32];
        props.extend(((u32::from(CLIENT_SUBMIT_TIME) << 16) | 0x0040).to_le_bytes());
        props.extend(6u32.to_le_bytes());
        props.extend(ticks.to_le_bytes());
        put(&mut file, "/__properties_version1.0", &props);
        file.create_storage("/__attach_version1.0_#00000000")
            .expect("storage");
        put(
            &mut file,
            "/__attach_version1.0_#00000000/__substg1.0_3707001F",
            &utf16(attachment),
        );
        file.flush().expect("flush");
        file.into_inner().into_inner()
    }

    #[test]
    fn msg_headers_text_date_and_attachment_names() {
        let bytes = msg_file("Melding pesten", "Zoals besproken:", "foto's.jpg");
        let m = from_msg(&bytes).expect("parsed");
        assert_eq!(m.subject.as_deref(), Some("Melding pesten"));
        assert_eq!(m.from.as_deref(), Some("Çağrı Öztürk <cagri@example.nl>"));
        assert_eq!(m.to.as_deref(), Some("Vertrouwenspersoon"));
        assert_eq!(m.date.as_deref(), Some("2026-03-03 09:15 UTC"));
        assert_eq!(m.body, "Zoals besproken: € 127 – ideeën");
        assert_eq!(m.attachments, vec!["foto's.jpg".to_string()]);
    }

    #[test]
    fn damaged_messages_are_not_read() {
        assert_eq!(from_msg(b"\xD0\xCF\x11\xE0 broken"), None);
        assert_eq!(from_msg(&[]), None);
        assert_eq!(from_eml(b""), None);
        let bytes = msg_file("x", "y", "z");
        assert_eq!(from_msg(&bytes[..bytes.len() / 3]), None);
    }

    #[test]
    fn a_very_long_body_is_cut() {
        let long = "ë".repeat(MAX_BODY);
        let shown = cut(long);
        assert!(shown.len() <= MAX_BODY + 4);
        assert!(shown.ends_with('…'));
    }
}
