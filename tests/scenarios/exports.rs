//! The review's attack on "never inside the vault folder": `--out
//! x/../kluis/keyring.json` with a relative `--vault`, and a symlink to the
//! vault folder. Each is refused and the keyring stays as it was.

use crate::cli;

#[cfg(unix)]
#[test]
fn an_export_never_lands_inside_the_vault_however_the_path_is_spelled() {
    let (tmp, vault, scratch) = cli::workspace();
    std::fs::create_dir(tmp.path().join("x")).expect("mkdir");
    std::os::unix::fs::symlink(&vault, tmp.path().join("snelkoppeling")).expect("symlink");
    cli::init(
        &vault,
        &scratch,
        "Stichting Zorg & Welzijn",
        "Ayşe",
        "advisor",
    );
    let keyring = std::fs::read(vault.join("keyring.json")).expect("keyring");

    for out in [
        "x/../kluis/keyring.json",
        "kluis/./keyring.json",
        "snelkoppeling/keyring.json",
        "snelkoppeling/backup.vbak",
    ] {
        let run = cli::cmd(std::path::Path::new("kluis"), "ayse", &scratch)
            .current_dir(tmp.path())
            .args(["--json", "backup", "--out", out])
            .output()
            .expect("backup");
        assert!(!run.status.success(), "{out} must be refused");
        let err = String::from_utf8_lossy(&run.stdout).to_string()
            + &String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("inside_vault"), "{out}: {err}");
        assert_eq!(
            std::fs::read(vault.join("keyring.json")).expect("keyring"),
            keyring,
            "{out}: the keyring is untouched"
        );
    }
    let names: Vec<String> = std::fs::read_dir(&vault)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n.ends_with(".vbak")),
        "no backup inside the vault: {names:?}"
    );
    // The same command with a path outside works.
    cli::ok(
        cli::cmd(std::path::Path::new("kluis"), "ayse", &scratch)
            .current_dir(tmp.path())
            .args(["backup", "--out", "x/kluis.vbak"])
            .output()
            .expect("backup"),
    );
    assert!(tmp.path().join("x/kluis.vbak").is_file());
}
