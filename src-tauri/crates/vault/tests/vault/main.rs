//! Integration tests of the vault against real SQLCipher files.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use sqlx::migrate::Migrator;
use vertrouwd_vault::keyring::Keyring;
use vertrouwd_vault::{
    audit, db, restore, verify_backup, CompartmentSpec, KdfParams, NewUser, OpenMode, Passphrase,
    SecretKey, Unlocked, Vault, VaultError,
};

static ONE: Migrator = sqlx::migrate!("tests/migrations/one");
static TWO: Migrator = sqlx::migrate!("tests/migrations/two");
static THREE_BROKEN: Migrator = sqlx::migrate!("tests/migrations/three");

static LAYOUT: &[CompartmentSpec] = &[
    CompartmentSpec {
        name: "alpha",
        migrator: &ONE,
    },
    CompartmentSpec {
        name: "beta",
        migrator: &ONE,
    },
    CompartmentSpec {
        name: "gamma",
        migrator: &ONE,
    },
];

fn pass(s: &str) -> Passphrase {
    Passphrase::new(s.to_string())
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0)
        .single()
        .expect("valid time")
}

async fn create(dir: &Path) -> (Unlocked, vertrouwd_vault::RecoveryKey) {
    let p = pass("eerste wachtwoordzin");
    Vault::create(
        dir,
        LAYOUT,
        NewUser {
            user_id: "u-admin".into(),
            login: "admin",
            passphrase: &p,
            compartments: vec!["alpha".into(), "beta".into(), "gamma".into()],
        },
        KdfParams::FLOOR,
        now(),
    )
    .await
    .expect("create vault")
}

/// Adds Bea, who holds only beta; returns her passphrase.
async fn add_bea(u: &mut Unlocked) -> Passphrase {
    let pb = pass("bea haar zin");
    u.add_user(
        NewUser {
            user_id: "u-b".into(),
            login: "bea",
            passphrase: &pb,
            compartments: vec!["beta".into()],
        },
        now(),
    )
    .await
    .expect("add bea");
    pb
}

async fn note(u: &Unlocked, compartment: &str, body: &str) {
    let pool = u.pool(compartment).expect("held");
    audit::audited(pool, now(), u.user_id(), async |tx| {
        sqlx::query("INSERT INTO notes (body) VALUES (?1)")
            .bind(body)
            .execute(&mut *tx)
            .await?;
        Ok::<_, VaultError>(((), audit::Entry::new("note.added", None)))
    })
    .await
    .expect("note");
}

async fn count_notes(u: &Unlocked, compartment: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM notes")
        .fetch_one(u.pool(compartment).expect("held"))
        .await
        .expect("count")
}

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry"))
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn create_unlock_wrong_passphrase_unknown_user() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (u, _rec) = create(&dir).await;
    note(&u, "alpha", "hallo").await;
    u.lock().await;

    let before = snapshot(&dir);
    let err = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("admin", &pass("fout"), now())
        .await;
    assert!(
        matches!(err, Err(VaultError::WrongPassphrase)),
        "wrong passphrase: {err:?}"
    );
    let err = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("niemand", &pass("x"), now())
        .await;
    assert!(
        matches!(err, Err(VaultError::UnknownUser)),
        "unknown user: {err:?}"
    );
    assert_eq!(
        before,
        snapshot(&dir),
        "failed unlocks must not touch any file"
    );

    let u = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock(" ADMIN ", &pass("eerste wachtwoordzin"), now())
        .await
        .expect("unlock");
    assert_eq!(count_notes(&u, "alpha").await, 1);
    assert_eq!(u.held(), vec!["alpha", "beta", "gamma"]);
}

#[tokio::test]
async fn database_files_are_not_plain_sqlite() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (u, _) = create(&dir).await;
    note(&u, "beta", "MARKER-beta-Çağrı").await;
    u.lock().await;
    for name in ["alpha.db", "beta.db", "gamma.db"] {
        let bytes = fs::read(dir.join(name)).expect("read db");
        assert!(bytes.len() >= 4096, "{name} is too small to be a database");
        assert_ne!(
            &bytes[..16],
            b"SQLite format 3\0",
            "{name} has a plain SQLite header"
        );
    }
}

#[tokio::test]
async fn a_folder_that_is_not_a_vault_or_not_empty() {
    let tmp = tempfile::tempdir().expect("tmp");
    assert!(matches!(
        Vault::open(tmp.path(), LAYOUT),
        Err(VaultError::NotAVault)
    ));
    assert!(matches!(
        Vault::open(&tmp.path().join("absent"), LAYOUT),
        Err(VaultError::NotAVault)
    ));
    fs::write(tmp.path().join("keyring.json"), b"{broken").expect("write");
    assert!(matches!(
        Vault::open(tmp.path(), LAYOUT),
        Err(VaultError::KeyringCorrupt)
    ));
    let p = pass("x");
    let err = Vault::create(
        tmp.path(),
        LAYOUT,
        NewUser {
            user_id: "u".into(),
            login: "a",
            passphrase: &p,
            compartments: vec!["alpha".into()],
        },
        KdfParams::FLOOR,
        now(),
    )
    .await;
    assert!(matches!(err, Err(VaultError::AlreadyExists)), "{err:?}");
    assert_eq!(
        fs::read(tmp.path().join("keyring.json")).expect("read"),
        b"{broken"
    );
}

#[tokio::test]
async fn users_only_get_the_compartments_sealed_to_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (mut u, _) = create(&dir).await;
    let p = pass("tweede wachtwoordzin");
    u.add_user(
        NewUser {
            user_id: "u-b".into(),
            login: "bea",
            passphrase: &p,
            compartments: vec!["beta".into()],
        },
        now(),
    )
    .await
    .expect("add user");
    let taken = u
        .add_user(
            NewUser {
                user_id: "u-c".into(),
                login: "BEA",
                passphrase: &p,
                compartments: vec!["beta".into()],
            },
            now(),
        )
        .await;
    assert!(matches!(taken, Err(VaultError::LoginTaken)), "{taken:?}");
    u.lock().await;

    let keyring = Keyring::load(&dir).expect("keyring");
    let slot = keyring.slot("u-b").expect("slot");
    assert_eq!(
        slot.keys.keys().collect::<Vec<_>>(),
        vec!["beta"],
        "only beta is sealed to bea"
    );

    let b = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("bea", &p, now())
        .await
        .expect("unlock bea");
    assert_eq!(b.held(), vec!["beta"]);
    assert!(matches!(b.pool("alpha"), Err(VaultError::NotHeld(_))));
    // Bea cannot give anyone a compartment she does not hold.
    let mut b = b;
    let p3 = pass("derde");
    let err = b
        .add_user(
            NewUser {
                user_id: "u-d".into(),
                login: "dirk",
                passphrase: &p3,
                compartments: vec!["alpha".into()],
            },
            now(),
        )
        .await;
    assert!(matches!(err, Err(VaultError::NotHeld(_))), "{err:?}");
}

#[tokio::test]
async fn changing_the_passphrase_touches_no_database() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (mut u, _) = create(&dir).await;
    note(&u, "alpha", "x").await;
    for c in u.held() {
        db::checkpoint(u.pool(&c).expect("pool"))
            .await
            .expect("checkpoint");
    }
    let dbs = |d: &Path| {
        snapshot(d)
            .into_iter()
            .filter(|(n, _)| n.ends_with(".db"))
            .collect::<Vec<_>>()
    };
    let before = dbs(&dir);
    let wrong = u.change_passphrase(&pass("niet de huidige"), &pass("nieuw"));
    assert!(
        matches!(wrong, Err(VaultError::WrongPassphrase)),
        "{wrong:?}"
    );
    u.change_passphrase(&pass("eerste wachtwoordzin"), &pass("nieuwe wachtwoordzin"))
        .expect("change");
    u.lock().await;
    assert_eq!(
        before,
        dbs(&dir),
        "databases must be byte-identical after a passphrase change"
    );
    let old = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("admin", &pass("eerste wachtwoordzin"), now())
        .await;
    assert!(matches!(old, Err(VaultError::WrongPassphrase)));
    Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("admin", &pass("nieuwe wachtwoordzin"), now())
        .await
        .expect("new works");
}

#[tokio::test]
async fn recovery_key_resets_the_passphrase() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (u, rec) = create(&dir).await;
    u.lock().await;
    let typed =
        vertrouwd_vault::RecoveryKey::parse(&rec.expose_grouped().to_lowercase()).expect("parse");
    let wrong = vertrouwd_vault::RecoveryKey::parse(&"0".repeat(32)).expect("parse");
    let err = Vault::open(&dir, LAYOUT)
        .expect("open")
        .reset_with_recovery("admin", &wrong, &pass("n"), now())
        .await;
    assert!(matches!(err, Err(VaultError::WrongPassphrase)), "{err:?}");
    let u = Vault::open(&dir, LAYOUT)
        .expect("open")
        .reset_with_recovery("admin", &typed, &pass("na herstel"), now())
        .await
        .expect("recover");
    u.lock().await;
    Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("admin", &pass("na herstel"), now())
        .await
        .expect("unlock");
}

#[tokio::test]
async fn removing_a_user_rotates_what_they_held() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (mut u, _) = create(&dir).await;
    let pc = pass("cas zijn zin");
    let pb = add_bea(&mut u).await;
    u.add_user(
        NewUser {
            user_id: "u-c".into(),
            login: "cas",
            passphrase: &pc,
            compartments: vec!["beta".into(), "gamma".into()],
        },
        now(),
    )
    .await
    .expect("add cas");
    note(&u, "beta", "voor de rotatie").await;
    let old_keyring = fs::read(dir.join("keyring.json")).expect("keyring");

    let rotated = u.remove_user("u-b", now()).await.expect("remove bea");
    assert_eq!(rotated, vec!["beta"]);
    note(&u, "beta", "na de rotatie").await;
    assert_eq!(count_notes(&u, "beta").await, 2, "data survives the re-key");
    u.lock().await;

    // Bea with her passphrase and a copy of the old keyring: her old key no
    // longer opens beta.db.
    let old = Keyring::from_bytes(&old_keyring).expect("old keyring");
    let slot = old.slot("u-b").expect("bea in old keyring");
    let pair = old
        .open_unlocker(
            slot,
            pb.expose_secret_str().as_bytes(),
            vertrouwd_vault::keyring::UnlockerKind::Passphrase,
        )
        .expect("old slot still opens with old keyring");
    let aad = old.compartment_aad(
        "u-b",
        "beta",
        vertrouwd_vault::keyring::KeyGeneration::Current,
    );
    let old_key: SecretKey =
        vertrouwd_vault::envelope::open_sealed(&pair, &slot.keys["beta"], &aad).expect("old key");
    let err = db::open_compartment(
        &dir.join("beta.db"),
        &LAYOUT[1],
        Arc::new(old_key),
        OpenMode::Existing,
    )
    .await;
    assert!(
        matches!(err, Err(VaultError::DatabaseCorrupt(_))),
        "old key must not open: {err:?}"
    );
    let gone = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("bea", &pb, now())
        .await;
    assert!(matches!(gone, Err(VaultError::UnknownUser)));

    // Cas, who was not removed, still opens both compartments.
    let c = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("cas", &pc, now())
        .await
        .expect("cas");
    assert_eq!(count_notes(&c, "beta").await, 2);
    let k = Keyring::load(&dir).expect("keyring");
    assert!(
        k.users.iter().all(|u| u.previous_keys.is_empty()),
        "rotation finished"
    );
}

/// A database made by the first migration set, holding one note.
async fn v1_database(dir: &Path, note: &str) -> (Arc<SecretKey>, std::path::PathBuf) {
    let key = Arc::new(SecretKey::random().expect("key"));
    let path = dir.join("m.db");
    let v1 = CompartmentSpec {
        name: "m",
        migrator: &ONE,
    };
    let pool = db::open_compartment(&path, &v1, Arc::clone(&key), OpenMode::Create)
        .await
        .expect("v1");
    sqlx::query("INSERT INTO notes (body) VALUES (?1)")
        .bind(note)
        .execute(&pool)
        .await
        .expect("insert");
    pool.close().await;
    (key, path)
}

#[tokio::test]
async fn migrations_upgrade_and_newer_databases_are_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (key, path) = v1_database(tmp.path(), "oud").await;
    let v1 = CompartmentSpec {
        name: "m",
        migrator: &ONE,
    };
    let v2 = CompartmentSpec {
        name: "m",
        migrator: &TWO,
    };
    let pool = db::open_compartment(&path, &v2, Arc::clone(&key), OpenMode::Existing)
        .await
        .expect("v2 opens v1 db");
    let tag: Option<String> = sqlx::query_scalar("SELECT tag FROM notes")
        .fetch_one(&pool)
        .await
        .expect("new column");
    assert_eq!(tag, None);
    pool.close().await;
    let err = db::open_compartment(&path, &v1, Arc::clone(&key), OpenMode::Existing).await;
    assert!(matches!(err, Err(VaultError::DatabaseTooNew(_))), "{err:?}");
}

#[tokio::test]
async fn damaged_databases_are_reported_and_left_alone() {
    for damage in ["truncate", "flip"] {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("vault");
        let (u, _) = create(&dir).await;
        for i in 0..50 {
            note(&u, "gamma", &format!("regel {i}")).await;
        }
        u.lock().await;
        let path = dir.join("gamma.db");
        let mut bytes = fs::read(&path).expect("read");
        match damage {
            "truncate" => bytes.truncate(bytes.len() / 3),
            _ => {
                // Flip a byte inside the first page's encrypted body.
                bytes[100] ^= 0x40;
            }
        }
        fs::write(&path, &bytes).expect("write");
        let err = Vault::open(&dir, LAYOUT)
            .expect("open")
            .unlock("admin", &pass("eerste wachtwoordzin"), now())
            .await;
        match (damage, err) {
            (_, Err(VaultError::DatabaseCorrupt(c))) => assert_eq!(c, "gamma"),
            ("truncate", Ok(u)) => {
                // A truncated file can still open; verify must catch it.
                let checks = u.verify().await;
                assert!(
                    checks.map_or(true, |c| c.iter().any(|c| !c.ok())),
                    "verify must report the truncated database"
                );
            }
            (d, other) => panic!("{d}: expected DatabaseCorrupt, got {other:?}"),
        }
        assert_eq!(
            fs::read(&path).expect("read"),
            bytes,
            "{damage}: the damaged file must be left as it was"
        );
    }
}

#[tokio::test]
async fn a_change_that_fails_leaves_neither_the_change_nor_its_audit_row() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (u, _) = create(&tmp.path().join("vault")).await;
    let pool = u.pool("alpha").expect("pool");
    let rows = async || audit::list(pool, 1000, None).await.expect("list").len();
    let before = rows().await;
    let failed = audit::audited(pool, now(), u.user_id(), async |tx| {
        sqlx::query("INSERT INTO notes (body) VALUES ('half')")
            .execute(&mut *tx)
            .await?;
        Err::<((), audit::Entry), VaultError>(VaultError::Invalid("refused"))
    })
    .await;
    assert!(failed.is_err());
    assert_eq!((count_notes(&u, "alpha").await, rows().await), (0, before));
    note(&u, "alpha", "heel").await;
    assert_eq!(
        (count_notes(&u, "alpha").await, rows().await),
        (1, before + 1)
    );
}

#[tokio::test]
async fn a_change_with_several_rows_commits_them_all_and_one_without_rows_is_rolled_back() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (u, _) = create(&tmp.path().join("vault")).await;
    let pool = u.pool("alpha").expect("pool");
    let rows = async || audit::list(pool, 1000, None).await.expect("list").len();
    let before = rows().await;
    let given_up = audit::audited_all(pool, now(), u.user_id(), async |tx| {
        sqlx::query("INSERT INTO notes (body) VALUES ('afgebroken')")
            .execute(&mut *tx)
            .await?;
        Ok::<_, VaultError>(("refused", vec![]))
    })
    .await
    .expect("given up");
    assert_eq!(given_up, "refused", "the change's answer comes back");
    assert_eq!((count_notes(&u, "alpha").await, rows().await), (0, before));
    audit::audited_all(pool, now(), u.user_id(), async |tx| {
        for body in ["een", "twee"] {
            sqlx::query("INSERT INTO notes (body) VALUES (?1)")
                .bind(body)
                .execute(&mut *tx)
                .await?;
        }
        Ok::<_, VaultError>((
            (),
            vec![
                audit::Entry::new("note.added", Some("1")),
                audit::Entry::new("note.added", Some("2")),
            ],
        ))
    })
    .await
    .expect("two rows");
    assert_eq!(
        (count_notes(&u, "alpha").await, rows().await),
        (2, before + 2)
    );
}

#[tokio::test]
async fn audit_chain_verifies_and_detects_tampering() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (u, _) = create(&dir).await;
    for i in 0..5 {
        note(&u, "alpha", &format!("n{i}")).await;
    }
    let pool = u.pool("alpha").expect("pool");
    // The first row records the creator as the compartment's holder.
    assert_eq!(audit::verify(pool, "alpha").await.expect("verify"), 6);
    let blocked = sqlx::query("UPDATE audit_log SET action = 'x' WHERE seq = 2")
        .execute(pool)
        .await;
    assert!(blocked.is_err(), "the audit table must refuse updates");
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(pool)
        .await
        .expect("drop trigger");
    sqlx::query("UPDATE audit_log SET actor = 'iemand anders' WHERE seq = 3")
        .execute(pool)
        .await
        .expect("tamper");
    let err = audit::verify(pool, "alpha").await;
    assert!(
        matches!(err, Err(VaultError::AuditChainBroken(_, 3))),
        "{err:?}"
    );
    let checks = u.verify().await.expect("verify");
    assert!(!checks
        .iter()
        .find(|c| c.compartment == "alpha")
        .expect("alpha")
        .ok());
    assert!(checks
        .iter()
        .find(|c| c.compartment == "beta")
        .expect("beta")
        .ok());
}

#[tokio::test]
async fn backup_verify_restore_round_trip() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (mut u, _) = create(&dir).await;
    let pb = add_bea(&mut u).await;
    note(&u, "alpha", "in de backup").await;
    u.lock().await;
    // Bea holds only beta: alpha and gamma are copied as encrypted files.
    let b = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("bea", &pb, now())
        .await
        .expect("bea");
    let out = tmp.path().join("backup.vbak");
    let info = b.backup(&out, now()).await.expect("backup");
    assert_eq!(info.vault_id, b.vault_id());
    let raw = fs::read(&out).expect("read backup");
    assert!(
        !raw.windows(10).any(|w| w == b"in de back"),
        "backup holds plaintext"
    );
    verify_backup(&out, LAYOUT).expect("verify backup");

    let mut flipped = raw.clone();
    let at = flipped.len() / 2;
    flipped[at] ^= 1;
    let bad = tmp.path().join("bad.vbak");
    fs::write(&bad, &flipped).expect("write");
    assert!(matches!(
        verify_backup(&bad, LAYOUT),
        Err(VaultError::BackupCorrupt)
    ));
    let target = tmp.path().join("restored-bad");
    assert!(matches!(
        restore(&bad, &target, LAYOUT),
        Err(VaultError::BackupCorrupt)
    ));
    assert!(!target.exists(), "nothing restored from a corrupt backup");

    assert!(
        matches!(restore(&out, &dir, LAYOUT), Err(VaultError::AlreadyExists)),
        "never over an existing vault"
    );
    let target = tmp.path().join("restored");
    restore(&out, &target, LAYOUT).expect("restore");
    let r = Vault::open(&target, LAYOUT)
        .expect("open")
        .unlock("admin", &pass("eerste wachtwoordzin"), now())
        .await
        .expect("unlock restored");
    assert_eq!(count_notes(&r, "alpha").await, 1);
    assert!(r.verify().await.expect("verify").iter().all(|c| c.ok()));
}

#[tokio::test]
async fn removal_while_another_program_has_the_database_open_is_busy_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (mut u, _) = create(&dir).await;
    let pb = add_bea(&mut u).await;
    // Another "program": Bea's own session with beta open.
    let other = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("bea", &pb, now())
        .await
        .expect("bea");
    let keyring_before = fs::read(dir.join("keyring.json")).expect("keyring");
    let err = u.remove_user("u-b", now()).await;
    assert!(matches!(err, Err(VaultError::Busy)), "{err:?}");
    assert_eq!(
        fs::read(dir.join("keyring.json")).expect("keyring"),
        keyring_before,
        "keyring untouched"
    );
    note(&u, "beta", "nog steeds bruikbaar").await;
    other.lock().await;
    assert_eq!(
        u.remove_user("u-b", now()).await.expect("now it works"),
        vec!["beta"]
    );
    assert_eq!(count_notes(&u, "beta").await, 1);
}

#[tokio::test]
async fn a_failing_migration_set_leaves_the_database_as_it_was() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (key, path) = v1_database(tmp.path(), "blijft").await;
    let v1 = CompartmentSpec {
        name: "m",
        migrator: &ONE,
    };
    let broken = CompartmentSpec {
        name: "m",
        migrator: &THREE_BROKEN,
    };
    let err = db::open_compartment(&path, &broken, Arc::clone(&key), OpenMode::Existing).await;
    assert!(matches!(err, Err(VaultError::Migration(_))), "{err:?}");
    assert!(
        !tmp.path().join("m.db.before-migration").exists(),
        "the safety copy is put back, not left"
    );
    // 0002 (which would add `tag`) is undone with the failing 0003: v1 opens it as before.
    let pool = db::open_compartment(&path, &v1, Arc::clone(&key), OpenMode::Existing)
        .await
        .expect("v1 still opens");
    let body: String = sqlx::query_scalar("SELECT body FROM notes")
        .fetch_one(&pool)
        .await
        .expect("row");
    assert_eq!(body, "blijft");
    let tag = sqlx::query("SELECT tag FROM notes").fetch_one(&pool).await;
    assert!(tag.is_err(), "migration 0002 must not stay applied");
}

#[tokio::test]
async fn the_key_is_not_kept_in_the_connection_options_or_any_debug_output() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (key, path) = v1_database(tmp.path(), "geheim").await;
    let spec = CompartmentSpec {
        name: "m",
        migrator: &ONE,
    };
    let pool = db::open_compartment(&path, &spec, Arc::clone(&key), OpenMode::Existing)
        .await
        .expect("open");
    let notes: i64 = sqlx::query_scalar("SELECT count(*) FROM notes")
        .fetch_one(&pool)
        .await
        .expect("read");
    assert_eq!(notes, 1);
    let hex = hex::encode(key.expose_secret_bytes());
    let shown = [
        format!("{pool:?}"),
        format!("{:?}", pool.connect_options()),
        format!("{key:?}"),
    ];
    for text in shown {
        let lower = text.to_lowercase();
        assert!(!lower.contains(&hex), "the key shows in {text}");
        assert!(
            !lower.contains("pragma key"),
            "the key pragma shows in {text}"
        );
    }
    pool.close().await;
}

/// Cleo holds beta, so she can write its holders list. She puts her own
/// public key under Bea's name, hoping that what the admin seals to Bea
/// alone is sealed to her. The admin added Bea and knows her key: the
/// listed key is refused, and the admin's next unlock says so; Bea does not
/// open a compartment that lists her with another key.
#[tokio::test]
async fn a_colleagues_key_replaced_in_a_holders_list_is_refused() {
    use vertrouwd_vault::{Finding, Holder};
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("vault");
    let (mut admin, _) = create(&dir).await;
    let pb = add_bea(&mut admin).await;
    let pc = pass("cleo haar zin");
    admin
        .add_user(
            NewUser {
                user_id: "u-c".into(),
                login: "cleo",
                passphrase: &pc,
                compartments: vec!["beta".into()],
            },
            now(),
        )
        .await
        .expect("add cleo");
    let bea_as_added = bea_listed(&admin).await;
    admin
        .vouch(&bea_as_added)
        .expect("the key the admin gave her");
    admin.lock().await;

    let cleo = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("cleo", &pc, now())
        .await
        .expect("cleo");
    sqlx::query("UPDATE vault_holders SET public_key = ?1 WHERE user_id = 'u-b'")
        .bind(cleo.public_key())
        .execute(cleo.pool("beta").expect("beta"))
        .await
        .expect("cleo writes beta");
    // Cleo knew Bea from her creator: she is told too.
    cleo.lock().await;

    let admin = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("admin", &pass("eerste wachtwoordzin"), now())
        .await
        .expect("admin");
    assert!(
        admin.findings().contains(&Finding::KeyChanged {
            compartment: "beta".into(),
            user_id: "u-b".into()
        }),
        "{:?}",
        admin.findings()
    );
    let swapped = bea_listed(&admin).await;
    assert_eq!(swapped.public_key, cleo_key(&dir));
    assert!(matches!(admin.vouch(&swapped), Err(VaultError::KeyChanged)));
    admin.vouch(&bea_as_added).expect("still Bea's own key");
    // Somebody never seen is accepted on first use.
    admin
        .vouch(&Holder {
            user_id: "u-new".into(),
            public_key: bea_as_added.public_key.clone(),
        })
        .expect("first use");
    admin.lock().await;

    let bea = Vault::open(&dir, LAYOUT)
        .expect("open")
        .unlock("bea", &pb, now())
        .await
        .expect("bea");
    assert_eq!(
        bea.findings(),
        [Finding::Refused {
            compartment: "beta".into(),
            why: vertrouwd_vault::Refusal::NotAHolder
        }],
        "Bea does not open a compartment that lists her with another key"
    );
}

/// Bea as beta's holders list gives her.
async fn bea_listed(u: &Unlocked) -> vertrouwd_vault::Holder {
    u.holders("beta")
        .await
        .expect("holders")
        .into_iter()
        .find(|h| h.user_id == "u-b")
        .expect("bea")
}

fn cleo_key(dir: &Path) -> String {
    Keyring::load(dir)
        .expect("keyring")
        .slot("u-c")
        .expect("cleo")
        .public_key
        .clone()
}
