//! A full disk and a read-only folder: typed errors, nothing half-written,
//! every existing file as it was. Uses small tmpfs mounts, which need root;
//! elsewhere the tests say so and stop (the vault's unit tests still cover
//! the ENOSPC path with a failing writer).

use std::path::{Path, PathBuf};
use std::process::Command;

use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;

use crate::cli::PASS;

/// A tmpfs mounted for the duration of a test.
struct Mount(PathBuf);

impl Mount {
    fn new(at: &Path, size: &str) -> Option<Self> {
        std::fs::create_dir_all(at).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Self(at.to_path_buf()))
        } else {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            None
        }
    }

    fn remount(&self, mode: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount {mode}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

async fn new_vault(s: &Session, dir: &Path) -> ApiResult<CreatedVault> {
    vertrouwd_testsupport::try_create(s, dir, vec![Role::Hr]).await
}

fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read(e.path()).unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

#[tokio::test]
async fn a_full_disk_during_backup_leaves_no_file_and_a_working_vault() {
    let tmp = tempfile::tempdir().expect("tmp");
    let Some(small) = Mount::new(&tmp.path().join("klein"), "64k") else {
        return;
    };
    let s = vertrouwd_testsupport::session();
    new_vault(&s, &tmp.path().join("kluis"))
        .await
        .expect("create");
    let out = small.0.join("kopie.vbak");
    let err = s
        .backup(PathRequest {
            path: out.to_string_lossy().into(),
        })
        .await
        .expect_err("disk full");
    assert_eq!(err.code, ErrorCode::DiskFull, "{err:?}");
    assert!(
        listing(&small.0).is_empty(),
        "a failed backup leaves nothing behind: {:?}",
        listing(&small.0).iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert!(
        s.verify().await.expect("verify").ok,
        "the vault is untouched"
    );
}

#[tokio::test]
async fn a_read_only_folder_gives_read_only_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let Some(mount) = Mount::new(&tmp.path().join("ro"), "16m") else {
        return;
    };
    let dir = mount.0.join("kluis");
    let s = vertrouwd_testsupport::session();
    new_vault(&s, &dir).await.expect("create");
    s.lock().await;
    let before = listing(&dir);
    mount.remount("ro");

    let err = s
        .unlock(UnlockRequest {
            dir: dir.to_string_lossy().into(),
            login: "ayse".into(),
            passphrase: SecretText::new(PASS),
        })
        .await
        .expect_err("a read-only vault folder cannot be opened for writing");
    assert_eq!(err.code, ErrorCode::ReadOnly, "{err:?}");
    let err = new_vault(&s, &mount.0.join("nieuw"))
        .await
        .expect_err("creating on a read-only disk");
    assert_eq!(err.code, ErrorCode::ReadOnly, "{err:?}");
    assert_eq!(listing(&dir), before, "nothing changed");

    mount.remount("rw");
    s.unlock(UnlockRequest {
        dir: dir.to_string_lossy().into(),
        login: "ayse".into(),
        passphrase: SecretText::new(PASS),
    })
    .await
    .expect("unlocks again once writable");
    s.lock().await;
}
