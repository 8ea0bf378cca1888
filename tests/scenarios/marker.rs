//! No plaintext on disk: distinctive strings stored through the api and the
//! CLI appear in no file under the vault folder or the temp dir, as UTF-8,
//! UTF-16 or base64 — also while the vault is open with a live WAL.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;

use crate::cli::{self, PASS};

/// Every byte pattern under which `marker` could sit in a file.
fn patterns(marker: &str) -> Vec<(String, Vec<u8>)> {
    let mut p = vec![("utf-8".to_string(), marker.as_bytes().to_vec())];
    let le: Vec<u8> = marker
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let be: Vec<u8> = marker
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    p.push(("utf-16le".into(), le));
    p.push(("utf-16be".into(), be));
    for shift in 0..3 {
        let mut bytes = vec![b'#'; shift];
        bytes.extend_from_slice(marker.as_bytes());
        let enc = B64.encode(&bytes);
        // Drop the characters that depend on what surrounds the marker.
        let core = &enc[if shift == 0 { 0 } else { 4 }..enc.len() - 4];
        p.push((format!("base64+{shift}"), core.as_bytes().to_vec()));
    }
    p
}

/// Files under `dir` (or `dir` itself) changed at or after `since`.
fn files_under(dir: &Path, since: SystemTime, out: &mut Vec<PathBuf>) {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return;
    };
    if meta.is_file() {
        if meta.modified().is_ok_and(|m| m >= since) {
            out.push(dir.to_path_buf());
        }
        return;
    }
    if !meta.is_dir() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        files_under(&e.path(), since, out);
    }
}

/// Where `marker` shows up under `dirs`, as (file, encoding).
pub fn find(dirs: &[&Path], marker: &str) -> Vec<(PathBuf, String)> {
    find_since(dirs, marker, SystemTime::UNIX_EPOCH)
}

/// Like [`find`], reading only files changed at or after `since` (for big
/// shared folders such as the system temp dir).
pub fn find_since(dirs: &[&Path], marker: &str, since: SystemTime) -> Vec<(PathBuf, String)> {
    let pats = patterns(marker);
    let mut files = vec![];
    for d in dirs {
        files_under(d, since, &mut files);
    }
    let mut hits = vec![];
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        for (name, pat) in &pats {
            if bytes.windows(pat.len()).any(|w| w == pat.as_slice()) {
                hits.push((f.clone(), name.clone()));
            }
        }
    }
    hits
}

#[test]
fn the_scanner_finds_what_it_looks_for() {
    let tmp = tempfile::tempdir().expect("tmp");
    let marker = "MARKER-zelftest-Çağrı-Öztürk-ë";
    std::fs::write(tmp.path().join("a"), format!("xx{marker}yy")).expect("write");
    let le: Vec<u8> = marker
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    std::fs::write(tmp.path().join("b"), le).expect("write");
    std::fs::write(tmp.path().join("c"), B64.encode(format!("ab{marker}cd"))).expect("write");
    let hits = find(&[tmp.path()], marker);
    let kinds: Vec<&str> = hits.iter().map(|(_, k)| k.as_str()).collect();
    assert!(
        kinds.contains(&"utf-8") && kinds.contains(&"utf-16le"),
        "{kinds:?}"
    );
    assert!(kinds.iter().any(|k| k.starts_with("base64")), "{kinds:?}");
}

#[test]
fn cli_writes_leave_no_plaintext_even_with_a_live_wal() {
    let (_tmp, vault, scratch) = cli::workspace();
    let org = "MARKER-ORG-Stichting-Çağrı-7f3a";
    let name = "MARKER-USER-Ayşe-Yılmaz-91b2";
    cli::init(&vault, &scratch, org, name, "advisor,hr,manager");
    let colleague = "MARKER-COLLEGA-Jürgen-ë-ï-é-🙂";
    cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args([
                "user", "add", "--name", colleague, "--login", "jurgen", "--roles", "hr",
            ])
            .env("VERTROUWD_NEW_PASSPHRASE", cli::PASS_B)
            .output()
            .expect("user add"),
    );

    // A live session: the batch process keeps the databases open while we look.
    let live = "MARKER-LIVE-WAL-Organisatie-55c1";
    let mut batch = cli::Batch::start(&vault, "ayse", &scratch);
    batch.ok(&format!(
        r#"{{"op":"settings.update","args":{{"organisation":"{live}","idle_lock_seconds":null}}}}"#
    ));
    assert!(
        vault.join("org.db-wal").exists(),
        "the WAL must be live while we look"
    );
    for m in [org, name, colleague, live] {
        let hits = find(&[&vault, &scratch], m);
        assert!(
            hits.is_empty(),
            "{m} found in plaintext while open: {hits:?}"
        );
    }
    assert!(batch.finish());

    for m in [org, name, colleague, live] {
        let hits = find(&[&vault, &scratch], m);
        assert!(
            hits.is_empty(),
            "{m} found in plaintext after close: {hits:?}"
        );
    }
    // The test would notice a leak: the marker does come back through the api.
    let users = cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args(["user", "list"])
            .output()
            .expect("list"),
    );
    assert!(users.contains(colleague), "{users}");
}

#[tokio::test]
async fn api_writes_leave_no_plaintext() {
    // Everything written to the system temp dir from now on is read; older
    // files cannot hold what this test is about to store.
    let started = SystemTime::now() - Duration::from_secs(2);
    let tmp = tempfile::tempdir().expect("tmp");
    let vault = tmp.path().join("kluis");
    let session = vertrouwd_testsupport::session();
    let org = "MARKER-API-ORG-Gemeente-Öztürk-c0de";
    let name = "MARKER-API-NAAM-ideeën-coördinatie";
    session
        .create_vault(CreateVaultRequest {
            dir: vault.to_string_lossy().into(),
            organisation: org.into(),
            display_name: name.into(),
            login: "ayse".into(),
            roles: vec![Role::Advisor, Role::Hr],
            passphrase: SecretText::new(PASS),
            passphrase_repeat: SecretText::new(PASS),
            confirm_combined_roles: true,
        })
        .await
        .expect("create");
    let backup = tmp.path().join("kopie.vbak");
    session
        .backup(PathRequest {
            path: backup.to_string_lossy().into(),
        })
        .await
        .expect("backup");
    let temp = std::env::temp_dir();
    for m in [org, name] {
        let hits = find(&[&vault, &backup], m);
        assert!(hits.is_empty(), "{m} in plaintext while open: {hits:?}");
    }
    session.lock().await;
    for m in [org, name] {
        let mut hits = find(&[&vault, tmp.path()], m);
        hits.extend(find_since(&[&temp], m, started));
        assert!(hits.is_empty(), "{m} in plaintext after lock: {hits:?}");
    }
}

#[test]
fn register_names_and_notes_leave_no_plaintext() {
    let (tmp, vault, scratch) = cli::workspace();
    cli::init(&vault, &scratch, "Stichting", "Ayşe", "advisor");
    let reporter = "MARKER-MELDER-Çağrı-Öztürk-4e1d";
    let person = "MARKER-BETROKKENE-Geneviève-77aa";
    let department = "MARKER-AFDELING-Zorg-ï-0b3c";
    let notes = "MARKER-NOTITIE-ideeën-🙂-5d2e";
    // A lower-case word on its own, as the full-text index stores tokens.
    let token = "kwispelstaartjeqz";
    let case = serde_json::json!({
        "first_contact": "2026-02-03",
        "channel": "phone",
        "reporter": {"name": reporter, "phone": "06-1234"},
        "reporter_role": "employee",
        "department": department,
        "natures": [{"nature_id": 3}],
        "persons": [{"relation": "manager", "name": person}],
    });
    let conversation = serde_json::json!({
        "held_on": "2026-02-04",
        "minutes": 40,
        "mode": "in_person",
        "notes": format!("{notes} {token} {}", "lange notitie ".repeat(5000)),
    });
    let run = |args: &[&str], input: &serde_json::Value| {
        cli::run_with(&vault, "ayse", &scratch, args, Some(&input.to_string()))
    };
    run(&["case", "add"], &case);
    run(&["case", "note", "add", "VP-2026-001"], &conversation);
    // An attachment from a folder outside the ones searched.
    let attachment = "MARKER-BIJLAGE-Öztürk-verslag-9c7e";
    let source = tmp.path().join("bron");
    std::fs::create_dir(&source).expect("mkdir");
    let file = source.join("verslag.txt");
    std::fs::write(&file, format!("Verslag: {attachment}")).expect("write");
    cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args(["case", "attach", "VP-2026-001"])
            .arg(&file)
            .output()
            .expect("attach"),
    );
    for m in [reporter, person, department, notes, token, attachment] {
        let hits = find(&[&vault, &scratch], m);
        assert!(hits.is_empty(), "{m} found in plaintext: {hits:?}");
    }
    // The test would notice a leak: the markers come back through the CLI.
    let shown = cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args(["--json", "case", "show", "VP-2026-001"])
            .output()
            .expect("show"),
    );
    for m in [reporter, person, department, notes] {
        assert!(shown.contains(m), "{m} missing from {shown}");
    }
    let back = source.join("terug.txt");
    cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args(["case", "export-attachment", "1", "--out"])
            .arg(&back)
            .output()
            .expect("export"),
    );
    let exported = std::fs::read_to_string(&back).expect("exported");
    assert!(
        exported.contains(attachment),
        "the attachment is kept whole"
    );
    let found = cli::ok(
        cli::cmd(&vault, "ayse", &scratch)
            .args(["case", "list", "--text", token])
            .output()
            .expect("search"),
    );
    assert!(found.contains("VP-2026-001"), "{found}");
}
