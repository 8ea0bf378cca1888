//! Running the `vertrouwd` command from tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const PASS: &str = "paars konijn fietst 42 keer";
pub const PASS_B: &str = "groene olifant zwemt 17 baantjes";

/// The `vertrouwd` binary next to the test binary (cargo builds it for the
/// workspace's tests).
pub fn bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test exe");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join("vertrouwd");
    assert!(
        bin.is_file(),
        "build the CLI first: cargo build -p vertrouwd-cli ({})",
        bin.display()
    );
    bin
}

/// A command for `vault`, acting as `user`, with a private temp dir.
pub fn cmd(vault: &Path, user: &str, tmp: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("TMPDIR", tmp)
        .env("HOME", tmp)
        .env("VERTROUWD_VAULT", vault)
        .env("VERTROUWD_USER", user)
        .env("VERTROUWD_PASSPHRASE", PASS)
        .env("VERTROUWD_NEW_PASSPHRASE", PASS);
    c
}

pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "command failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// `vertrouwd init` with the floor KDF parameters.
pub fn init(vault: &Path, tmp: &Path, org: &str, name: &str, roles: &str) -> serde_json::Value {
    let combined = roles.contains("advisor") && (roles.contains("hr") || roles.contains("manager"));
    let out = cmd(vault, "ayse", tmp)
        .args([
            "--json",
            "init",
            "--org",
            org,
            "--user",
            name,
            "--login",
            "ayse",
            "--roles",
            roles,
            "--kdf-floor",
        ])
        .args(combined.then_some("--confirm-combined-roles"))
        .output()
        .expect("run init");
    serde_json::from_str(&ok(out)).expect("json")
}
