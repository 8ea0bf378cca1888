//! Separation is cryptographic: an HR-only or a manager-only user holds no
//! key that opens advisor.db, by any path.

use vertrouwd_core::api::*;
use vertrouwd_core::compartments::LAYOUT;
use vertrouwd_core::roles::Role;
use vertrouwd_vault::envelope::open_sealed;
use vertrouwd_vault::keyring::{KeyGeneration, Keyring, UnlockerKind};
use vertrouwd_vault::{db, OpenMode, VaultError};

use crate::cli::{PASS, PASS_B};

#[tokio::test]
async fn hr_and_managers_cannot_open_the_advisor_database() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let s = vertrouwd_testsupport::session();
    s.create_vault(CreateVaultRequest {
        dir: dir.to_string_lossy().into(),
        organisation: "Org".into(),
        display_name: "Vera Vertrouwenspersoon".into(),
        login: "vera".into(),
        roles: vec![Role::Advisor, Role::Hr],
        passphrase: SecretText::new(PASS),
        passphrase_repeat: SecretText::new(PASS),
        confirm_combined_roles: true,
    })
    .await
    .expect("create");
    for (login, role) in [("hanna", Role::Hr), ("mark", Role::Manager)] {
        s.add_user(AddUserRequest {
            display_name: login.into(),
            login: login.into(),
            roles: vec![role],
            passphrase: SecretText::new(PASS_B),
            passphrase_repeat: SecretText::new(PASS_B),
            confirm_combined_roles: false,
        })
        .await
        .expect("add");
    }
    s.lock().await;

    let keyring = Keyring::load(&dir).expect("keyring");
    let advisor_spec = LAYOUT.iter().find(|c| c.name == "advisor").expect("spec");
    let vera = keyring.slot_by_login("vera").expect("vera");
    assert!(
        vera.keys.contains_key("advisor"),
        "the advisor's own slot holds the advisor key"
    );

    for login in ["hanna", "mark"] {
        let slot = keyring.slot_by_login(login).expect("slot");
        assert!(
            !slot.keys.contains_key("advisor"),
            "{login}'s slot seals an advisor key"
        );
        assert!(!slot.previous_keys.contains_key("advisor"));
        // Everything their passphrase opens ...
        let pair = keyring
            .open_unlocker(slot, PASS_B.as_bytes(), UnlockerKind::Passphrase)
            .expect("own slot");
        // ... does not open the advisor's sealed key ...
        for generation in [KeyGeneration::Current, KeyGeneration::Previous] {
            let aad = keyring.compartment_aad(&vera.user_id, "advisor", generation);
            assert!(
                open_sealed(&pair, &vera.keys["advisor"], &aad).is_err(),
                "{login} opened vera's advisor key"
            );
        }
        // ... and none of their compartment keys opens advisor.db.
        for (c, sealed) in &slot.keys {
            let aad = keyring.compartment_aad(&slot.user_id, c, KeyGeneration::Current);
            let key = open_sealed(&pair, sealed, &aad).expect("own key");
            let opened = db::open_compartment(
                &dir.join("advisor.db"),
                advisor_spec,
                std::sync::Arc::new(key),
                OpenMode::Existing,
            )
            .await;
            assert!(
                matches!(opened, Err(VaultError::DatabaseCorrupt(_))),
                "{login}'s {c} key opened advisor.db"
            );
        }
        // Through the api the same: no advisor compartment, Forbidden.
        let info = s
            .unlock(UnlockRequest {
                dir: dir.to_string_lossy().into(),
                login: login.into(),
                passphrase: SecretText::new(PASS_B),
            })
            .await
            .expect("unlock");
        assert!(
            !info.compartments.contains(&"advisor".to_string()),
            "{login}: {:?}",
            info.compartments
        );
        let err = s
            .audit_trail(AuditRequest {
                compartment: "advisor".into(),
                limit: None,
                before: None,
            })
            .await;
        assert_eq!(err.expect_err("advisor audit").code, ErrorCode::Forbidden);
        s.lock().await;
    }
}
