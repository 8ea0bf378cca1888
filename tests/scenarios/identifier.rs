//! The app's identifier (`tauri.conf.json`) is the name of its folders,
//! and a user of a version with the former identifier (`nl.vertrouwd.app`)
//! finds their vault and preferences after the update, moved to the new
//! folders by the first run of the new version.

use std::path::Path;

use vertrouwd_core::folders::{APP_ID, FORMER_APP_IDS};

use crate::cli::{bin, init, ok, PASS};

#[test]
fn the_bundle_identifier_is_the_folders_name_and_no_macos_bundle_name() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/tauri.conf.json");
    let conf: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json");
    let id = conf["identifier"].as_str().expect("identifier");
    assert_eq!(id, APP_ID);
    assert!(
        !id.ends_with(".app"),
        "the bundler refuses ids ending in .app"
    );
    assert!(!FORMER_APP_IDS.contains(&id));
}

#[test]
fn the_first_run_of_the_new_version_moves_a_former_users_vault_and_preferences() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join(".local/share");
    let config = home.path().join(".config");
    let former_vault = data.join("nl.vertrouwd.app/vault");
    // The former version made the vault in its default folder …
    init(
        &former_vault,
        home.path(),
        "Zorggroep Eemland",
        "Ayşe Yılmaz",
        "advisor",
    );
    // … and kept its preferences (the last vault, the recent ones) and what
    // it saw of the vault in its config folder.
    std::fs::rename(config.join(APP_ID), config.join("nl.vertrouwd.app")).expect("as before");
    let prefs = serde_json::json!({
        "language": "en",
        "vault_dir": former_vault,
        "recent_vaults": [former_vault, "/srv/klant-b/vault"],
    });
    std::fs::write(
        config.join("nl.vertrouwd.app/preferences.json"),
        prefs.to_string(),
    )
    .expect("prefs");

    // The new version, asked about its default folder: the vault is there.
    let run = |args: &[&str]| {
        std::process::Command::new(bin())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", home.path())
            .env("TMPDIR", home.path())
            .env("VERTROUWD_USER", "ayse")
            .env("VERTROUWD_PASSPHRASE", PASS)
            .args(args)
            .output()
            .expect("run")
    };
    let status: serde_json::Value =
        serde_json::from_str(&ok(run(&["--json", "status"]))).expect("json");
    let new_vault = data.join(APP_ID).join("vault");
    assert_eq!(
        status["dir"],
        new_vault.to_string_lossy().as_ref(),
        "{status}"
    );
    assert_eq!(status["exists"], true, "{status}");
    assert!(!data.join("nl.vertrouwd.app").exists());
    assert!(!config.join("nl.vertrouwd.app").exists());
    assert!(config.join(APP_ID).join("seen.json").is_file());

    let moved: serde_json::Value = serde_json::from_slice(
        &std::fs::read(config.join(APP_ID).join("preferences.json")).expect("read"),
    )
    .expect("json");
    assert_eq!(moved["vault_dir"], new_vault.to_string_lossy().as_ref());
    assert_eq!(
        moved["recent_vaults"],
        serde_json::json!([new_vault, "/srv/klant-b/vault"])
    );
    assert_eq!(moved["language"], "en", "the rest is kept");

    // And it opens, with the same keys: the audit trail can be read.
    ok(run(&["audit", "--compartment", "advisor"]));
}
