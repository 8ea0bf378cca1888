//! Another PDF's pages, unchanged, after a document's own: how HR's annual
//! report carries the advisor's jaarverslag exactly as the advisor wrote it.
//!
//! The pages are moved over as they are — their content streams, fonts and
//! pictures byte for byte — and only the page tree is joined: each appended
//! page gets the main document's page tree as its parent, and the
//! attributes it inherited from its own tree (resources, media box, crop
//! box, rotation) are written onto it so it looks the same. Nothing of the
//! other document's catalogue (its outline, names, forms, scripts) comes
//! along.
//!
//! The other PDF is read by lopdf under limits: at most [`MAX_INPUT`]
//! bytes, no stream inflated beyond [`MAX_INFLATED`] while loading, no
//! more than [`MAX_PAGES`] pages, no encrypted file, and a parser that
//! gives up (even by panicking) gives an [`AppendError`], never a crash.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

/// The largest PDF appended.
pub const MAX_INPUT: usize = 16 << 20;

/// The most a single stream may inflate to while the PDF is read.
pub const MAX_INFLATED: usize = 64 << 20;

/// The most pages appended from one PDF.
pub const MAX_PAGES: usize = 200;

/// Why pages could not be appended.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppendError {
    /// The document to append to is not readable (a defect: it is ours).
    #[error("the main document cannot be read")]
    Main,
    /// The other PDF is not one, is damaged, encrypted, too large, or has
    /// no pages or too many.
    #[error("the PDF to append cannot be read")]
    Unreadable,
}

/// The attributes a page may inherit from its page tree.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

fn load(bytes: &[u8]) -> Option<Document> {
    if bytes.len() > MAX_INPUT || !bytes.starts_with(b"%PDF-") {
        return None;
    }
    let doc = Document::load_mem_with_options(
        bytes,
        LoadOptions::with_max_decompressed_size(MAX_INFLATED),
    )
    .ok()?;
    (!doc.is_encrypted()).then_some(doc)
}

/// The value of an inheritable attribute of `page`: its own, else its
/// nearest ancestor's.
fn inherited(doc: &Document, page: ObjectId, key: &[u8]) -> Option<Object> {
    let mut at = page;
    for _ in 0..32 {
        let dict = doc.get_dictionary(at).ok()?;
        if let Ok(value) = dict.get(key) {
            return Some(value.clone());
        }
        at = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

/// The root of a document's page tree.
fn pages_root(doc: &Document) -> Option<ObjectId> {
    doc.catalog()
        .ok()?
        .get(b"Pages")
        .and_then(Object::as_reference)
        .ok()
}

/// Appends the pages of `other` after those of `main`; returns the joined
/// PDF and how many pages were appended.
pub fn append_pages(main: &[u8], other: &[u8]) -> Result<(Vec<u8>, usize), AppendError> {
    catch_unwind(AssertUnwindSafe(|| join(main, other))).unwrap_or(Err(AppendError::Unreadable))
}

fn join(main: &[u8], other: &[u8]) -> Result<(Vec<u8>, usize), AppendError> {
    let mut doc = Document::load_mem(main).map_err(|_| AppendError::Main)?;
    let root = pages_root(&doc).ok_or(AppendError::Main)?;
    let mut extra = load(other).ok_or(AppendError::Unreadable)?;
    extra.renumber_objects_with(doc.max_id + 1);
    let pages: Vec<ObjectId> = extra.page_iter().collect();
    if pages.is_empty() || pages.len() > MAX_PAGES {
        return Err(AppendError::Unreadable);
    }
    // Each page on its own: what it inherited written onto it, hung from
    // the main tree.
    let mut moved: Vec<(ObjectId, Dictionary)> = vec![];
    for &id in &pages {
        let mut page = extra
            .get_dictionary(id)
            .map_err(|_| AppendError::Unreadable)?
            .clone();
        for key in INHERITED {
            if !page.has(key) {
                if let Some(value) = inherited(&extra, id, key) {
                    page.set(key, value);
                }
            }
        }
        page.set("Parent", Object::Reference(root));
        moved.push((id, page));
    }
    // Everything else the pages refer to comes over as it is; the other
    // document's catalogue and page tree nodes stay behind.
    let left_behind: Vec<ObjectId> = extra
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .map(|d| d.has_type(b"Catalog") || d.has_type(b"Pages"))
                .unwrap_or(false)
        })
        .map(|(id, _)| *id)
        .collect();
    let max_id = extra.max_id;
    for (id, object) in extra.objects {
        if !left_behind.contains(&id) {
            doc.objects.insert(id, object);
        }
    }
    for (id, page) in moved {
        doc.objects.insert(id, Object::Dictionary(page));
    }
    doc.max_id = doc.max_id.max(max_id);
    let tree = doc
        .get_dictionary_mut(root)
        .map_err(|_| AppendError::Main)?;
    let count = tree
        .get(b"Count")
        .and_then(Object::as_i64)
        .map_err(|_| AppendError::Main)?;
    let kids = tree
        .get_mut(b"Kids")
        .and_then(Object::as_array_mut)
        .map_err(|_| AppendError::Main)?;
    kids.extend(pages.iter().map(|&id| Object::Reference(id)));
    tree.set("Count", count + pages.len() as i64);
    let mut out = vec![];
    doc.save_to(&mut out).map_err(|_| AppendError::Main)?;
    Ok((out, pages.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preview::tests::document as pdf;

    #[test]
    fn the_other_pages_follow_unchanged() {
        let main = pdf(2);
        let other = pdf(3);
        let (joined, n) = append_pages(&main, &other).expect("joined");
        assert_eq!(n, 3);
        let doc = Document::load_mem(&joined).expect("readable");
        assert_eq!(doc.get_pages().len(), 5);
        // The appended page's content stream is the other document's, byte
        // for byte.
        let theirs = Document::load_mem(&other).expect("theirs");
        let first = theirs.get_pages()[&1];
        let last_joined = doc.get_pages()[&3];
        assert!(!theirs.get_page_content(first).is_empty());
        assert_eq!(
            theirs.get_page_content(first),
            doc.get_page_content(last_joined)
        );
    }

    #[test]
    fn what_is_not_a_pdf_is_refused_and_nothing_is_written() {
        let main = pdf(1);
        for bad in [
            b"not a pdf".to_vec(),
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF".to_vec(),
            main[..main.len() / 2].to_vec(),
            vec![],
        ] {
            assert_eq!(append_pages(&main, &bad), Err(AppendError::Unreadable));
        }
    }
}
