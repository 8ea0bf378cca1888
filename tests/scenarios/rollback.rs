//! A vault folder put back to an earlier state (a sync client's version
//! history, an old copy) brings back removed users and destroyed cases.
//! The computer remembers what it saw, outside the vault, and warns.

use std::path::Path;

use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;

use crate::cli::{PASS, PASS_B};

fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("ls") {
        let e = e.expect("entry");
        std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
    }
}

async fn unlock(s: &Session, dir: &Path) -> ApiResult<SessionInfo> {
    s.unlock(UnlockRequest {
        dir: dir.to_string_lossy().into(),
        login: "ayse".into(),
        passphrase: SecretText::new(PASS),
    })
    .await
}

#[tokio::test]
async fn a_folder_put_back_to_before_a_removal_is_noticed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let memory = tmp.path().join("config/seen.json");
    let s = vertrouwd_testsupport::session().remembering(memory.clone());
    s.create_vault(CreateVaultRequest {
        dir: dir.to_string_lossy().into(),
        organisation: "Org".into(),
        display_name: "Ayşe".into(),
        login: "ayse".into(),
        roles: vec![Role::Hr],
        passphrase: SecretText::new(PASS),
        passphrase_repeat: SecretText::new(PASS),
        confirm_combined_roles: false,
    })
    .await
    .expect("create");
    let piet = s
        .add_user(AddUserRequest {
            display_name: "Piet".into(),
            login: "piet".into(),
            roles: vec![Role::Hr],
            passphrase: SecretText::new(PASS_B),
            passphrase_repeat: SecretText::new(PASS_B),
            confirm_combined_roles: false,
        })
        .await
        .expect("add")
        .user
        .id;
    s.lock().await;
    let before = tmp.path().join("before");
    copy_dir(&dir, &before);

    let info = unlock(&s, &dir).await.expect("unlock");
    assert!(info.warnings.is_empty(), "{:?}", info.warnings);
    s.remove_user(RemoveUserRequest {
        user_id: piet,
        reason: "uit dienst".into(),
    })
    .await
    .expect("remove");
    s.lock().await;
    let seen = std::fs::read_to_string(&memory).expect("the computer remembers");
    assert!(
        !seen.contains("Piet") && !seen.contains("Org"),
        "no user data in {seen}"
    );

    copy_dir(&before, &dir);
    let info = unlock(&s, &dir).await.expect("the old folder still opens");
    for c in ["org", "hr"] {
        assert!(
            info.warnings.contains(&SessionWarning::RolledBack {
                compartment: c.into()
            }),
            "{c} went back unnoticed: {:?}",
            info.warnings
        );
    }
    assert!(info.warnings.contains(&SessionWarning::KeyringRolledBack));
    s.lock().await;

    // Another computer (no memory) cannot tell.
    let elsewhere = vertrouwd_testsupport::session();
    let info = unlock(&elsewhere, &dir).await.expect("unlock");
    assert!(info.warnings.is_empty());
    elsewhere.lock().await;

    // Pins stripped from the keyring are refused where they were seen.
    let mut k: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("keyring.json")).expect("k")).expect("json");
    for u in k["users"].as_array_mut().expect("users") {
        u.as_object_mut().expect("slot").remove("pins");
    }
    std::fs::write(
        dir.join("keyring.json"),
        serde_json::to_vec(&k).expect("json"),
    )
    .expect("w");
    let err = unlock(&s, &dir)
        .await
        .expect_err("stripped pins are refused");
    assert_eq!(err.code, ErrorCode::Untrusted, "{err:?}");
}
