//! The recovery sheet: written only for the user's real key, readable with
//! pdftotext, and refused inside the vault folder.

use std::process::Command;

use crate::cli;

#[test]
fn init_writes_a_recovery_sheet_with_the_key_on_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let vault = tmp.path().join("kluis");
    let sheet = tmp.path().join("herstelblad.pdf");
    let out = cli::cmd(&vault, "ayse", tmp.path())
        .args([
            "--json",
            "init",
            "--org",
            "Stichting Öztürk",
            "--user",
            "Ayşe Yılmaz",
            "--login",
            "ayse",
            "--roles",
            "advisor",
            "--kdf-floor",
            "--recovery-sheet",
        ])
        .arg(&sheet)
        .output()
        .expect("init");
    let created: serde_json::Value = serde_json::from_str(&cli::ok(out)).expect("json");
    let key = created["recovery"]["recovery_key"]
        .as_str()
        .expect("key")
        .to_string();
    let text = String::from_utf8(
        Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&sheet)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils)")
            .stdout,
    )
    .expect("utf-8");
    for group in key.split('-') {
        assert!(
            text.contains(group),
            "group {group} of the key is missing from the sheet: {text}"
        );
    }
    for word in [
        "Herstelblad",
        "Stichting Öztürk",
        "Ayşe Yılmaz",
        "Strikt vertrouwelijk",
        "Pagina 1 van 1",
    ] {
        assert!(text.contains(word), "{word} missing: {text}");
    }
}

#[test]
fn pdf_sample_writes_a_specimen() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("specimen.pdf");
    let printed = cli::ok(
        Command::new(cli::bin())
            .args(["--json", "pdf", "sample", "--out"])
            .arg(&out)
            .output()
            .expect("pdf sample"),
    );
    let json: serde_json::Value = serde_json::from_str(&printed).expect("json");
    assert!(json["pages"].as_u64().unwrap_or(0) >= 2, "{json}");
    assert!(std::fs::read(&out).expect("pdf").starts_with(b"%PDF-"));
}
