//! One version for the whole release: the workspace's, shown by
//! `vertrouwd --version` and the app's About box, carried by the UI's
//! package and the packages (`tauri.conf.json` names none, so the bundler
//! takes the app crate's), and the newest entry of `CHANGELOG.md`.

use std::path::Path;

use vertrouwd_core::api::KdfPolicy;
use vertrouwd_core::{Session, SystemClock};

use crate::cli::{bin, ok};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The workspace's version, as `Cargo.toml` writes it.
fn workspace_version() -> String {
    let cargo = read("Cargo.toml");
    let package = &cargo[cargo.find("[workspace.package]").expect("section")..];
    let line = package
        .lines()
        .find(|l| l.starts_with("version"))
        .expect("version line");
    line.split('"').nth(1).expect("quoted").to_string()
}

#[test]
fn the_command_the_about_box_the_ui_and_the_changelog_name_one_version() {
    let version = workspace_version();
    assert!(version.split('.').count() == 3, "{version}");

    let out = ok(std::process::Command::new(bin())
        .arg("--version")
        .output()
        .expect("run"));
    assert_eq!(out.trim(), format!("vertrouwd {version}"));

    let about = tokio::runtime::Runtime::new()
        .expect("runtime")
        .block_on(Session::new(std::sync::Arc::new(SystemClock), KdfPolicy::Floor).about())
        .expect("about");
    assert_eq!(about.version, version);
    assert_eq!(about.licence, "EUPL-1.2");

    let ui: serde_json::Value = serde_json::from_str(&read("ui/package.json")).expect("json");
    assert_eq!(ui["version"], version.as_str());

    let conf: serde_json::Value =
        serde_json::from_str(&read("src-tauri/tauri.conf.json")).expect("json");
    assert!(
        conf.get("version").is_none(),
        "the bundler takes the version from Cargo.toml"
    );

    let changelog = read("CHANGELOG.md");
    let newest = changelog
        .lines()
        .find(|l| l.starts_with("## "))
        .expect("an entry");
    assert!(
        newest.starts_with(&format!("## {version} ")),
        "CHANGELOG.md's newest entry is {newest:?}, the version {version}"
    );
}
