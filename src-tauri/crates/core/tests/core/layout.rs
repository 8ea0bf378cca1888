//! The arrows that must never exist between core's folders, read from the
//! source: no file of an area imports the api or the session, a shared piece
//! never imports an area, no area reaches into another area's store, and the
//! session reaches into an area only through its use cases.

use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(src().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `.rs` files of `dir`, its subfolders included.
fn files_in(dir: &str) -> Vec<String> {
    let mut out = vec![];
    for entry in std::fs::read_dir(src().join(dir))
        .expect("folder")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = format!("{dir}/{name}");
        if entry.path().is_dir() {
            out.extend(files_in(&rel));
        } else if name.ends_with(".rs") {
            out.push(rel);
        }
    }
    out.sort();
    out
}

/// The lines of `rel` that name `path` outside comments.
fn naming(rel: &str, path: &str) -> Vec<String> {
    read(rel)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .filter(|l| l.contains(path))
        .map(|l| format!("{rel}: {}", l.trim()))
        .collect()
}

/// The areas, each a folder of `src/`.
const AREAS: &[&str] = &["advisor", "complaints", "annual_report"];

/// Pieces every area shares: every file directly in `src/` but the crate
/// root, so a new one is checked without being listed.
fn shared() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(src())
        .expect("src")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".rs") && n != "lib.rs")
        .collect();
    out.sort();
    out
}

/// Every file of every area: its domain (model, store, checks,
/// calculators) and its use cases, which get a `Context` (a shared piece)
/// rather than the session.
#[test]
fn no_file_of_an_area_imports_the_api_or_the_session() {
    let files: Vec<String> = AREAS.iter().flat_map(|a| files_in(a)).collect();
    assert!(
        files.iter().any(|f| f.starts_with("advisor/store/")) && files.len() > 15,
        "the folders were read: {files:?}"
    );
    let bad: Vec<String> = files
        .iter()
        .flat_map(|f| [naming(f, "crate::api"), naming(f, "crate::session")].concat())
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn no_area_reaches_into_another_areas_store() {
    let bad: Vec<String> = AREAS
        .iter()
        .flat_map(|area| {
            files_in(area).into_iter().flat_map(move |f| {
                AREAS
                    .iter()
                    .filter(|other| *other != area)
                    .flat_map(|other| naming(&f, &format!("crate::{other}::store")))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn shared_pieces_import_no_area_and_no_api() {
    let shared = shared();
    assert!(shared.len() > 10, "the shared pieces were read: {shared:?}");
    let bad: Vec<String> = shared
        .iter()
        .flat_map(|f| {
            let mut lines = vec![naming(f, "crate::api"), naming(f, "crate::session")];
            lines.extend(AREAS.iter().map(|a| naming(f, &format!("crate::{a}"))));
            lines.concat()
        })
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}

/// The session runs an area's use cases (the generated commands, written
/// `crate::$area::` once in `session/areas.rs`) and, besides them, reaches
/// into an area for one thing: the advisor's own idle lock, kept in
/// advisor.db where nobody else can lower it. It never touches an area's
/// store. Anything more fails here.
#[test]
fn the_session_reaches_into_an_area_only_through_its_use_cases() {
    let files = files_in("session");
    assert!(files.iter().any(|f| f.ends_with("areas.rs")), "{files:?}");
    let store: Vec<String> = files
        .iter()
        .flat_map(|f| {
            AREAS
                .iter()
                .flat_map(move |a| naming(f, &format!("{a}::store")))
        })
        .collect();
    assert!(store.is_empty(), "{store:#?}");
    let reaching: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("areas.rs"))
        .flat_map(|f| naming(f, "crate::advisor"))
        .collect();
    assert_eq!(reaching.len(), 2, "{reaching:#?}");
    assert!(
        reaching
            .iter()
            .all(|l| l.contains("advisor::idle_lock(") || l.contains("advisor::set_idle_lock(")),
        "{reaching:#?}"
    );
}
