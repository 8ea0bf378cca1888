//! Tampering with a slot: any flipped byte of its salt, nonce, ciphertext,
//! pinned keys, or of the ids bound as associated data gives an error —
//! never a session, never a panic. A tampered delivery box changes nothing:
//! the user opens what they pinned.

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use proptest::prelude::*;
use serde_json::Value;
use vertrouwd_core::api::*;
use vertrouwd_core::compartments::LAYOUT;
use vertrouwd_core::roles::Role;
use vertrouwd_vault::{Passphrase, Vault, VaultError};

use crate::cli::PASS;

const FIELDS: &[&str] = &[
    "/users/0/passphrase/salt",
    "/users/0/passphrase/private_key/nonce",
    "/users/0/passphrase/private_key/ct",
    "/users/0/public_key",
    "/users/0/pins/org/nonce",
    "/users/0/pins/org/ct",
    "/users/0/pins/hr/ct",
    "/users/0/user_id",
    "/vault_id",
];

/// Boxes deliver keys after a rotation; once a key is pinned they are not
/// needed, so tampering with them must not stop the user.
const DELIVERY: &[&str] = &[
    "/users/0/keys/org/epk",
    "/users/0/keys/org/nonce",
    "/users/0/keys/org/ct",
    "/users/0/keys/hr/ct",
];

fn flip(value: &mut Value, byte: usize, bit: u8) {
    let s = value.as_str().expect("string field").to_string();
    let flipped = match B64.decode(&s) {
        Ok(mut bytes) if !s.contains('-') => {
            let i = byte % bytes.len();
            bytes[i] ^= 1 << (bit % 8);
            B64.encode(bytes)
        }
        _ => {
            // An id: change one character to another ASCII letter or digit.
            let mut chars: Vec<char> = s.chars().collect();
            let i = byte % chars.len();
            chars[i] = if chars[i] == 'a' { 'b' } else { 'a' };
            chars.into_iter().collect()
        }
    };
    *value = Value::String(flipped);
}

#[test]
fn any_tampered_slot_field_fails_cleanly() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    rt.block_on(async {
        let s = vertrouwd_testsupport::session();
        s.create_vault(CreateVaultRequest {
            dir: dir.to_string_lossy().into(),
            organisation: "Org".into(),
            display_name: "Hanna".into(),
            login: "hanna".into(),
            roles: vec![Role::Hr],
            passphrase: SecretText::new(PASS),
            passphrase_repeat: SecretText::new(PASS),
            confirm_combined_roles: false,
        })
        .await
        .expect("create");
        s.lock().await;
    });
    let original = std::fs::read(dir.join("keyring.json")).expect("keyring");
    let pristine: Value = serde_json::from_slice(&original).expect("json");
    let unlock = |rt: &tokio::runtime::Runtime| {
        rt.block_on(async {
            let v = Vault::open(&dir, LAYOUT)?;
            let u = v
                .unlock("hanna", &Passphrase::new(PASS.into()), chrono::Utc::now())
                .await?;
            u.lock().await;
            Ok::<_, VaultError>(())
        })
    };
    unlock(&rt).expect("the untouched keyring unlocks");

    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 40,
        ..ProptestConfig::default()
    });
    runner
        .run(
            &(0..FIELDS.len(), 0usize..64, 0u8..8),
            |(field, byte, bit)| {
                let mut k = pristine.clone();
                flip(
                    k.pointer_mut(FIELDS[field]).expect("field exists"),
                    byte,
                    bit,
                );
                std::fs::write(
                    dir.join("keyring.json"),
                    serde_json::to_vec(&k).expect("json"),
                )
                .expect("write");
                let result = unlock(&rt);
                std::fs::write(dir.join("keyring.json"), &original).expect("restore");
                prop_assert!(result.is_err(), "tampered {} still unlocked", FIELDS[field]);
                Ok(())
            },
        )
        .expect("every tampered field must fail");

    for field in DELIVERY {
        let mut k = pristine.clone();
        flip(k.pointer_mut(field).expect("field exists"), 3, 1);
        std::fs::write(
            dir.join("keyring.json"),
            serde_json::to_vec(&k).expect("json"),
        )
        .expect("write");
        let result = unlock(&rt);
        std::fs::write(dir.join("keyring.json"), &original).expect("restore");
        assert!(
            result.is_ok(),
            "a tampered delivery box ({field}) must not stop the user: {result:?}"
        );
    }

    // Weaker KDF parameters in the slot are refused before any work.
    let mut k = pristine.clone();
    *k.pointer_mut("/users/0/passphrase/kdf/t").expect("t") = Value::from(1);
    std::fs::write(
        dir.join("keyring.json"),
        serde_json::to_vec(&k).expect("json"),
    )
    .expect("write");
    assert!(matches!(unlock(&rt), Err(VaultError::WeakKdf)));
    std::fs::write(dir.join("keyring.json"), &original).expect("restore");
    unlock(&rt).expect("the restored keyring unlocks again");
}
