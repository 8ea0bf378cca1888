//! A vault kept in keyring format 1 (`tests/fixtures/vault-format1`, made by
//! the release before holders and pins; every user's passphrase is
//! [`PASS`]) is upgraded at the first unlock by a user who holds the keys:
//! the keyring becomes format 2, each user pins their keys at their own
//! first unlock, and the compartments list their holders as the users
//! directory inside the vault confirms them.

use std::path::Path;

use vertrouwd_core::advisor::CaseFilter;
use vertrouwd_core::api::*;
use vertrouwd_core::Session;
use vertrouwd_vault::keyring::Keyring;

use crate::cli::PASS;

fn fixture(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/vault-format1");
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("fixture") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
    }
}

async fn unlock(s: &Session, dir: &Path, login: &str) -> SessionInfo {
    s.unlock(UnlockRequest {
        dir: dir.to_string_lossy().into(),
        login: login.into(),
        passphrase: SecretText::new(PASS),
    })
    .await
    .unwrap_or_else(|e| panic!("{login} unlocks the old vault: {e:?}"))
}

fn first_use(info: &SessionInfo) -> Vec<String> {
    info.warnings
        .iter()
        .filter_map(|w| match w {
            SessionWarning::FirstUse { compartment } => Some(compartment.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_format_1_vault_is_upgraded_at_first_unlock() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    fixture(&dir);
    assert_eq!(Keyring::load(&dir).expect("keyring").version, 1);

    let s = vertrouwd_testsupport::session();
    let vera = unlock(&s, &dir, "vera").await;
    assert_eq!(vera.compartments, vec!["org", "advisor"]);
    assert_eq!(first_use(&vera), vec!["org", "advisor"]);
    let k = Keyring::load(&dir).expect("keyring");
    assert_eq!(k.version, 2, "the keyring is written in the new format");
    let slot = k.slot_by_login("vera").expect("vera");
    assert_eq!(
        slot.pins
            .as_ref()
            .expect("vera pinned her keys")
            .keys()
            .collect::<Vec<_>>(),
        vec!["advisor", "org"]
    );
    assert!(
        k.slot_by_login("hanna").expect("hanna").pins.is_none(),
        "the others pin at their own first unlock"
    );
    // The register from before is there, notes and all.
    let cases = s.list_cases(CaseFilter::default()).await.expect("cases");
    assert_eq!(cases.len(), 1);
    let detail = s
        .case_detail(vertrouwd_core::api::CaseRef {
            case: cases[0].reference.clone(),
        })
        .await
        .expect("detail");
    assert!(format!("{detail:?}").contains("MARKER-FORMAT1-NOTE"));
    // Everyone the directory confirms holds org; only the advisors hold
    // advisor.db.
    let users = s.list_users().await.expect("users");
    assert_eq!(users.len(), 4);
    assert!(
        users.iter().all(|u| u.not_holder_of.is_empty()),
        "{users:?}"
    );
    let check = s.verify().await.expect("verify");
    assert!(check.ok, "{check:?}");
    s.lock().await;

    for (login, held) in [
        ("hanna", vec!["org", "hr"]),
        ("mark", vec!["org"]),
        ("ayse", vec!["org", "hr", "advisor"]),
    ] {
        let info = unlock(&s, &dir, login).await;
        assert_eq!(info.compartments, held, "{login}");
        assert!(
            info.warnings
                .iter()
                .all(|w| matches!(w, SessionWarning::FirstUse { .. })),
            "{login}: {:?}",
            info.warnings
        );
        s.lock().await;
    }
    // A second unlock finds nothing to accept on first use.
    let again = unlock(&s, &dir, "vera").await;
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
    s.lock().await;

    // The upgraded vault rotates to its listed holders.
    unlock(&s, &dir, "ayse").await;
    let check = s.verify().await.expect("verify");
    assert!(check.ok, "{check:?}");
    let mark = s
        .list_users()
        .await
        .expect("users")
        .into_iter()
        .find(|u| u.login == "mark")
        .expect("mark");
    let removed = s
        .remove_user(RemoveUserRequest {
            user_id: mark.id,
            reason: "uit dienst".into(),
        })
        .await
        .expect("remove mark");
    assert_eq!(removed.rotated, vec!["org"]);
    s.lock().await;
    for login in ["vera", "hanna"] {
        let info = unlock(&s, &dir, login).await;
        assert!(info.warnings.is_empty(), "{login}: {:?}", info.warnings);
        s.lock().await;
    }
}
