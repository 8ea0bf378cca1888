//! [`crate::preview`] in a process of its own, for files nobody vouches for.
//!
//! A hostile PDF can make a renderer allocate without bound (a Flate
//! stream that inflates to gigabytes, an image decoded at its declared
//! size) or loop. In the app's own process that would abort the app and
//! take the open vault with it. So the app starts `vertrouwd-preview`
//! (built from this crate, installed next to the app), writes the PDF to
//! its standard input and reads pictures back:
//!
//! - the child first limits itself ([`limit_this_process`]): address
//!   space [`MEMORY_LIMIT`], CPU [`CPU_SECONDS`], no core dump, not
//!   dumpable, no file it may write (`RLIMIT_FSIZE` 0); hard limits, so
//!   nothing in it can raise them again;
//! - it reads at most [`MAX_INPUT`] bytes and answers with [`encode`]d
//!   pages: PNG pictures and a page count, nothing else;
//! - the parent ([`decode`]) accepts only that: the magic, checked
//!   lengths, at most the pages it asked for, each starting with the PNG
//!   signature, in all at most [`MAX_OUTPUT`] bytes. It kills the child on
//!   its own time limit and runs one at a time (in `vertrouwd-core`).
//!
//! ```text
//! answer  = "VRTPREV1" status:u8 [ page_count:u32be n:u32be (len:u32be png)* ]
//! status  = 0 pages | 1 encrypted | 2 unreadable
//! ```

use std::io::{Read, Write};

use crate::preview::{page_pictures, PagePictures, PreviewError, PreviewOptions};

/// The first bytes of every answer.
pub const MAGIC: &[u8; 8] = b"VRTPREV1";

/// The most the child reads from its input: more than any attachment.
pub const MAX_INPUT: u64 = 32 * 1024 * 1024;

/// The most the parent reads back.
pub const MAX_OUTPUT: usize = 128 * 1024 * 1024;

/// The child's address space. Enough for ten pages at 1000 px and the
/// renderer's caches; far below what a decompression bomb asks.
pub const MEMORY_LIMIT: u64 = 1024 * 1024 * 1024;

/// CPU seconds the child may use before the kernel stops it.
pub const CPU_SECONDS: u64 = 30;

/// The name of the program, without `.exe`.
pub const PROGRAM: &str = "vertrouwd-preview";

const PNG_SIGNATURE: &[u8; 8] = b"\x89PNG\r\n\x1a\n";

/// Encodes the child's answer.
pub fn encode(result: &Result<PagePictures, PreviewError>) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    match result {
        Ok(p) => {
            out.push(0);
            out.extend(
                u32::try_from(p.page_count)
                    .unwrap_or(u32::MAX)
                    .to_be_bytes(),
            );
            out.extend(
                u32::try_from(p.pages.len())
                    .unwrap_or(u32::MAX)
                    .to_be_bytes(),
            );
            for png in &p.pages {
                out.extend(u32::try_from(png.len()).unwrap_or(u32::MAX).to_be_bytes());
                out.extend(png);
            }
        }
        Err(PreviewError::Encrypted) => out.push(1),
        Err(PreviewError::Unreadable) => out.push(2),
    }
    out
}

/// Reads an answer from the child; `None` when it is anything but a
/// well-formed answer with at most `max_pages` PNG pictures.
pub fn decode(bytes: &[u8], max_pages: usize) -> Option<Result<PagePictures, PreviewError>> {
    if bytes.len() > MAX_OUTPUT {
        return None;
    }
    let mut r = Reader(bytes.strip_prefix(MAGIC.as_slice())?);
    let decoded = match r.take(1)?[0] {
        0 => {
            let page_count = r.number()?;
            let n = r.number()?;
            if n == 0 || n > max_pages || n > page_count {
                return None;
            }
            let mut pages = Vec::with_capacity(n);
            for _ in 0..n {
                let len = r.number()?;
                let png = r.take(len)?;
                if !png.starts_with(PNG_SIGNATURE) {
                    return None;
                }
                pages.push(png.to_vec());
            }
            Ok(PagePictures { pages, page_count })
        }
        1 => Err(PreviewError::Encrypted),
        2 => Err(PreviewError::Unreadable),
        _ => return None,
    };
    r.0.is_empty().then_some(decoded)
}

/// What is left of an answer, read from the front with checked lengths.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, tail) = self.0.split_at(n);
        self.0 = tail;
        Some(head)
    }

    fn number(&mut self) -> Option<usize> {
        let b: [u8; 4] = self.take(4)?.try_into().ok()?;
        usize::try_from(u32::from_be_bytes(b)).ok()
    }
}

/// Puts the limits described above on the calling process. Hard limits:
/// they cannot be raised again.
pub fn limit_this_process() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use rustix::process::{setrlimit, Resource, Rlimit};
        let hard = |n: u64| Rlimit {
            current: Some(n),
            maximum: Some(n),
        };
        setrlimit(Resource::Core, hard(0))?;
        setrlimit(Resource::Fsize, hard(0))?;
        setrlimit(Resource::Cpu, hard(CPU_SECONDS))?;
        setrlimit(Resource::As, hard(MEMORY_LIMIT))?;
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)?;
    Ok(())
}

/// The child: limits itself, reads the PDF from `input`, writes the answer
/// to `output`. Returns false when it could not even do that.
pub fn serve(input: &mut impl Read, output: &mut impl Write, options: PreviewOptions) -> bool {
    if limit_this_process().is_err() {
        return false;
    }
    let mut pdf = Vec::new();
    if input.take(MAX_INPUT + 1).read_to_end(&mut pdf).is_err() {
        return false;
    }
    let result = if pdf.len() as u64 > MAX_INPUT {
        Err(PreviewError::Unreadable)
    } else {
        page_pictures(&pdf, options)
    };
    output.write_all(&encode(&result)).is_ok() && output.flush().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_pages() -> PagePictures {
        PagePictures {
            pages: vec![
                [PNG_SIGNATURE.as_slice(), b"een"].concat(),
                [PNG_SIGNATURE.as_slice(), b"twee"].concat(),
            ],
            page_count: 7,
        }
    }

    #[test]
    fn an_answer_reads_back_as_it_was_written() {
        let bytes = encode(&Ok(two_pages()));
        let back = decode(&bytes, 10).expect("well-formed").expect("pages");
        assert_eq!((back.pages, back.page_count), (two_pages().pages, 7));
        for e in [PreviewError::Encrypted, PreviewError::Unreadable] {
            assert_eq!(
                decode(&encode(&Err(e)), 10).expect("well-formed").err(),
                Some(e)
            );
        }
    }

    #[test]
    fn anything_but_png_pages_is_refused() {
        let good = encode(&Ok(two_pages()));
        assert!(decode(&good, 1).is_none(), "more pages than asked for");
        assert!(decode(&good[..good.len() - 1], 10).is_none(), "cut short");
        assert!(
            decode(&[good.as_slice(), b"x"].concat(), 10).is_none(),
            "trailing bytes"
        );
        let mut html = PagePictures {
            pages: vec![b"<script>alert(1)</script>".to_vec()],
            page_count: 1,
        };
        assert!(
            decode(&encode(&Ok(html.clone())), 10).is_none(),
            "not a PNG"
        );
        html.pages.clear();
        assert!(decode(&encode(&Ok(html)), 10).is_none(), "no page at all");
        let mut huge = MAGIC.to_vec();
        huge.extend([0, 0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]);
        assert!(decode(&huge, 10).is_none(), "a length past the end");
        assert!(decode(b"VRTPREV1\x07", 10).is_none(), "unknown status");
        assert!(decode(b"", 10).is_none());
    }
}
