//! Trust inside the vault: someone who can write the vault folder (every HR
//! user and manager can, and so can a sync client) must not obtain a key
//! they were not given, must not make a holder write into a database of
//! their choosing, and must not undo a removal.
//!
//! Each test plays the attack the way an attacker would: by editing
//! `keyring.json` and the database files, with nothing but the vault
//! library's public crypto and the public keys in the keyring.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;
use vertrouwd_core::api::*;
use vertrouwd_core::compartments::LAYOUT;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;
use vertrouwd_vault::envelope::{self, KeyPair};
use vertrouwd_vault::keyring::{KeyGeneration, Keyring, UnlockerKind};
use vertrouwd_vault::{db, OpenMode, SecretKey};

use vertrouwd_testsupport::{session, unlock};

use crate::cli::{self, PASS, PASS_B};

async fn create(dir: &Path, roles: Vec<Role>) -> Session {
    let s = vertrouwd_testsupport::session();
    vertrouwd_testsupport::create(&s, dir, roles).await;
    s
}

async fn add(s: &Session, login: &str, role: Role) -> String {
    vertrouwd_testsupport::add(s, login, vec![role])
        .await
        .expect("add user")
        .user
        .id
}

fn read_keyring(dir: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(dir.join("keyring.json")).expect("keyring"))
        .expect("keyring json")
}

fn write_keyring(dir: &Path, k: &Value) {
    std::fs::write(
        dir.join("keyring.json"),
        serde_json::to_vec_pretty(k).expect("json"),
    )
    .expect("write keyring");
}

fn slot_mut<'a>(k: &'a mut Value, user_id: &str) -> &'a mut Value {
    k["users"]
        .as_array_mut()
        .expect("users")
        .iter_mut()
        .find(|u| u["user_id"] == user_id)
        .expect("slot")
}

fn spec(name: &str) -> &'static vertrouwd_vault::CompartmentSpec {
    LAYOUT.iter().find(|c| c.name == name).expect("spec")
}

/// Whether `key` opens the compartment's database in `dir` (as a stock
/// SQLCipher client would: a copy is opened, the file itself is left alone).
async fn key_opens(dir: &Path, compartment: &str, key: &SecretKey) -> bool {
    let path = dir.join(format!("{compartment}.db"));
    let scratch = tempfile::tempdir().expect("tmp");
    let copy = scratch.path().join("copy.db");
    std::fs::copy(&path, &copy).expect("copy database");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if wal.is_file() {
        std::fs::copy(&wal, scratch.path().join("copy.db-wal")).expect("copy wal");
    }
    let key = Arc::new(key.duplicate_secret());
    match db::open_compartment(&copy, spec(compartment), key, OpenMode::Existing).await {
        Ok(pool) => {
            pool.close().await;
            true
        }
        Err(_) => false,
    }
}

/// Every compartment key an attacker with `pair` can unseal from the
/// slot `user_id` in the keyring now in `dir`.
fn unsealable(dir: &Path, user_id: &str, pair: &KeyPair) -> Vec<SecretKey> {
    let keyring = Keyring::load(dir).expect("keyring");
    let raw = read_keyring(dir);
    let Some(slot) = raw["users"]
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["user_id"] == user_id)
    else {
        return vec![];
    };
    let mut keys = vec![];
    for field in ["keys", "previous_keys"] {
        let Some(boxes) = slot[field].as_object() else {
            continue;
        };
        for (compartment, sealed) in boxes {
            let sealed: envelope::SealedBox =
                serde_json::from_value(sealed.clone()).expect("sealed box");
            for generation in [KeyGeneration::Current, KeyGeneration::Previous] {
                let aad = keyring.compartment_aad(user_id, compartment, generation);
                if let Ok(key) = envelope::open_sealed(pair, &sealed, &aad) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// A well-formed box of a key the attacker chose, sealed to `public_key`.
fn planted_box(
    keyring: &Keyring,
    user_id: &str,
    public_key: &str,
    compartment: &str,
    key: &SecretKey,
) -> Value {
    let sealed = keyring
        .seal_compartment_key(
            user_id,
            public_key,
            compartment,
            key,
            KeyGeneration::Current,
        )
        .expect("seal");
    serde_json::to_value(sealed).expect("box json")
}

/// The attack of the security review: a slot appended to keyring.json with
/// the attacker's own public key, and `advisor` added to a manager's slot
/// so that the manager gets removed. No removal, and no later rotation of
/// the advisor key, may seal that key to the injected slot.
#[tokio::test]
async fn an_injected_slot_never_receives_the_advisor_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let s = create(&dir, vec![Role::Advisor]).await;
    let mark = add(&s, "mark", Role::Manager).await;
    let vera = add(&s, "vera", Role::Advisor).await;
    s.lock().await;

    let attacker = KeyPair::generate().expect("attacker key pair");
    let intruder = "00000000-0000-4000-8000-00000000e7e7";
    let mut k = read_keyring(&dir);
    let keyring = Keyring::load(&dir).expect("keyring");
    let junk = SecretKey::random().expect("random");
    let mut slot = k["users"][0].clone();
    slot["user_id"] = intruder.into();
    slot["login_tag"] = "0".repeat(64).into();
    slot["public_key"] = attacker.public_b64().into();
    slot["keys"] = serde_json::json!({
        "advisor": planted_box(&keyring, intruder, &attacker.public_b64(), "advisor", &junk),
        "org": planted_box(&keyring, intruder, &attacker.public_b64(), "org", &junk),
    });
    slot.as_object_mut().expect("slot").remove("pins");
    k["users"].as_array_mut().expect("users").push(slot);
    let mark_pk = slot_mut(&mut k, &mark)["public_key"]
        .as_str()
        .expect("pk")
        .to_string();
    slot_mut(&mut k, &mark)["keys"]["advisor"] =
        planted_box(&keyring, &mark, &mark_pk, "advisor", &junk);
    write_keyring(&dir, &k);

    // The manager still gets in, to what he holds; the planted claim is refused.
    let m = session();
    let info = unlock(&m, &dir, "mark", PASS_B)
        .await
        .expect("a planted claim does not lock the manager out");
    assert_eq!(info.compartments, vec!["org".to_string()]);
    m.lock().await;

    unlock(&s, &dir, "ayse", PASS)
        .await
        .expect("advisor unlocks");
    let unknown = s.unknown_key_slots().await.expect("unknown slots");
    assert!(
        unknown.iter().any(|u| u.user_id == intruder),
        "the user list flags the injected slot: {unknown:?}"
    );
    assert!(
        !s.list_users()
            .await
            .expect("user list")
            .iter()
            .any(|u| u.id == intruder),
        "the injected slot is not listed as a user"
    );
    let check = s.verify().await.expect("verify");
    assert!(
        check
            .compartments
            .iter()
            .any(|c| c.problems.iter().any(|p| p.contains(intruder))),
        "verify names the injected slot: {check:?}"
    );

    // The advisor removes the manager, then the other advisor (a rotation
    // of the advisor key for certain).
    for user_id in [&mark, &vera] {
        s.remove_user(RemoveUserRequest {
            user_id: user_id.to_string(),
            reason: "uit dienst".into(),
        })
        .await
        .expect("remove");
        for key in unsealable(&dir, intruder, &attacker) {
            assert!(
                !key_opens(&dir, "advisor", &key).await,
                "the injected slot was given a key that opens advisor.db"
            );
        }
    }
    let cases = s
        .list_cases(vertrouwd_core::advisor::CaseFilter::default())
        .await;
    assert!(cases.is_ok(), "the advisor's register still opens");
}

/// A decoy advisor.db under a key of the attacker's choosing, with that key
/// sealed to the advisor's public key (which anyone can read in the
/// keyring): the advisor must refuse it and write nothing into it.
#[tokio::test]
async fn a_decoy_database_is_refused_and_nothing_is_written_into_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let s = create(&dir, vec![Role::Advisor]).await;
    let ayse = s.session_info().await.expect("info").user.id;
    s.lock().await;

    let evil = SecretKey::random().expect("random");
    let decoy = tmp.path().join("decoy.db");
    let pool = db::open_compartment(
        &decoy,
        spec("advisor"),
        Arc::new(evil.duplicate_secret()),
        OpenMode::Create,
    )
    .await
    .expect("attacker builds a decoy");
    db::checkpoint(&pool).await.expect("checkpoint");
    pool.close().await;
    std::fs::rename(dir.join("advisor.db"), tmp.path().join("real-advisor.db")).expect("move");
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", dir.join("advisor.db").display()));
    }
    std::fs::copy(&decoy, dir.join("advisor.db")).expect("plant decoy");
    let planted = std::fs::read(dir.join("advisor.db")).expect("read decoy");

    let mut k = read_keyring(&dir);
    let keyring = Keyring::load(&dir).expect("keyring");
    let pk = slot_mut(&mut k, &ayse)["public_key"]
        .as_str()
        .expect("pk")
        .to_string();
    slot_mut(&mut k, &ayse)["keys"]["advisor"] =
        planted_box(&keyring, &ayse, &pk, "advisor", &evil);
    write_keyring(&dir, &k);

    let result = unlock(&s, &dir, "ayse", PASS).await;
    let err = result.expect_err("the decoy must be refused");
    assert_eq!(err.code, ErrorCode::Untrusted, "{err:?}");
    assert_eq!(
        std::fs::read(dir.join("advisor.db")).expect("decoy after"),
        planted,
        "nothing was written into the decoy"
    );
    assert!(
        !dir.join("advisor.db-wal").exists()
            || std::fs::metadata(dir.join("advisor.db-wal"))
                .expect("wal")
                .len()
                == 0,
        "nothing was written into the decoy's WAL"
    );
}

/// A removed user who puts their old slot back into keyring.json opens
/// nothing, also after later rotations.
#[tokio::test]
async fn a_removed_users_slot_put_back_opens_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let s = create(&dir, vec![Role::Hr]).await;
    let hanna = add(&s, "hanna", Role::Hr).await;
    let henk = add(&s, "henk", Role::Hr).await;
    let before = read_keyring(&dir);
    let old_slot = before["users"]
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["user_id"] == hanna)
        .expect("hanna's slot")
        .clone();
    s.remove_user(RemoveUserRequest {
        user_id: hanna.clone(),
        reason: "uit dienst".into(),
    })
    .await
    .expect("remove hanna");

    let put_back = |dir: &Path| {
        let mut k = read_keyring(dir);
        if !k["users"]
            .as_array()
            .expect("users")
            .iter()
            .any(|u| u["user_id"] == hanna)
        {
            k["users"]
                .as_array_mut()
                .expect("users")
                .push(old_slot.clone());
            write_keyring(dir, &k);
        }
    };
    // What hanna's passphrase opens, read straight from the file as a
    // stock client would, must open no database.
    let opens_anything = |dir: PathBuf| {
        let hanna = hanna.clone();
        async move {
            let keyring = Keyring::load(&dir).expect("keyring");
            let slot = keyring.slot(&hanna).expect("the slot is back");
            let pair = keyring
                .open_unlocker(slot, PASS_B.as_bytes(), UnlockerKind::Passphrase)
                .expect("her own passphrase still opens her own slot");
            for key in unsealable(&dir, &hanna, &pair) {
                for c in ["org", "hr"] {
                    if key_opens(&dir, c, &key).await {
                        return true;
                    }
                }
            }
            false
        }
    };
    put_back(&dir);
    assert!(
        !opens_anything(dir.clone()).await,
        "the old slot opens a database"
    );
    let h = session();
    let err = unlock(&h, &dir, "hanna", PASS_B)
        .await
        .expect_err("the old slot opens nothing");
    assert_ne!(err.code, ErrorCode::Internal, "{err:?}");

    // A later rotation (removing henk, the next day) must not reach the
    // reinserted slot.
    s.lock().await;
    unlock(&s, &dir, "ayse", PASS)
        .await
        .expect("ayse unlocks again");
    s.remove_user(RemoveUserRequest {
        user_id: henk,
        reason: "uit dienst".into(),
    })
    .await
    .expect("remove henk");
    put_back(&dir);
    assert!(
        !opens_anything(dir.clone()).await,
        "after a later rotation the reinserted slot was given a key"
    );
    let err = unlock(&h, &dir, "hanna", PASS_B)
        .await
        .expect_err("after a later rotation the old slot still opens nothing");
    assert_ne!(err.code, ErrorCode::Internal, "{err:?}");
}

/// The app keeps the vault open while the CLI adds a user; then the app
/// adds one. Neither change may be lost, and parallel writers never tear
/// the keyring.
#[tokio::test]
async fn two_programs_adding_users_at_once_lose_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let app = create(&dir, vec![Role::Hr]).await;

    let out = cli::cmd(&dir, "ayse", tmp.path())
        .args([
            "user", "add", "--name", "Bob", "--login", "bob", "--roles", "manager",
        ])
        .output()
        .expect("run cli");
    cli::ok(out);
    add(&app, "carl", Role::Manager).await;

    // Four programs at once, and a reader that must always see a whole file.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (dir, stop) = (dir.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut reads = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let bytes = std::fs::read(dir.join("keyring.json")).expect("keyring readable");
                Keyring::from_bytes(&bytes).expect("never a torn keyring");
                reads += 1;
            }
            reads
        })
    };
    let writers: Vec<_> = ["dora", "eef", "fien", "gijs"]
        .iter()
        .map(|login| {
            cli::cmd(&dir, "ayse", tmp.path())
                .args([
                    "user", "add", "--name", login, "--login", login, "--roles", "manager",
                ])
                .spawn()
                .expect("spawn cli")
        })
        .collect();
    for mut w in writers {
        assert!(w.wait().expect("wait").success(), "a parallel add failed");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(reader.join().expect("reader") > 0);

    let keyring = Keyring::load(&dir).expect("keyring");
    for login in ["ayse", "bob", "carl", "dora", "eef", "fien", "gijs"] {
        assert!(
            keyring.slot_by_login(login).is_ok(),
            "{login}'s slot was lost"
        );
    }
    let users: Vec<String> = app
        .list_users()
        .await
        .expect("list")
        .into_iter()
        .map(|u| u.login)
        .collect();
    for login in ["bob", "carl", "dora", "eef", "fien", "gijs"] {
        assert!(
            users.contains(&login.to_string()),
            "{login} missing: {users:?}"
        );
    }
}
