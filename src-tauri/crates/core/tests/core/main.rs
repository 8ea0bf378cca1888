//! Scenario tests of the api: a user story at a time, on real vaults.

use std::path::Path;
use std::sync::Arc;

use chrono::Duration;
use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;
use vertrouwd_core::{FixedClock, Session};

mod advisor;
mod advisor_year;
mod annual_report;
mod audit;
mod complaints;
mod complaints_import;
mod complaints_together;
mod handed_in;
mod layout;

use vertrouwd_testsupport::{add, create, unlock, PASS, PASS_B};

fn s(v: &str) -> SecretText {
    SecretText::new(v)
}

/// A session on a clock standing at 23 November 2026, 09:00.
fn session() -> (Session, Arc<FixedClock>) {
    vertrouwd_testsupport::fixed_session()
}

#[tokio::test]
async fn roles_decide_which_compartments_open() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, _) = session();
    let created = create(&session, &dir, vec![Role::Advisor, Role::Hr, Role::Manager]).await;
    assert_eq!(created.session.compartments, vec!["org", "hr", "advisor"]);
    assert_eq!(created.recovery.recovery_key.len(), 39);
    add(&session, "hanna", vec![Role::Hr])
        .await
        .expect("add hr");
    add(&session, "mark", vec![Role::Manager])
        .await
        .expect("add manager");
    session.lock().await;

    let hr = unlock(&session, &dir, "hanna", PASS_B)
        .await
        .expect("hr unlocks");
    assert_eq!(hr.compartments, vec!["org", "hr"]);
    let err = session
        .audit_trail(AuditRequest {
            compartment: "advisor".into(),
            limit: None,
            before: None,
        })
        .await;
    assert_eq!(
        err.expect_err("hr must not read advisor").code,
        ErrorCode::Forbidden
    );
    // HR cannot create an advisor.
    let err = add(&session, "vera", vec![Role::Advisor])
        .await
        .expect_err("hr cannot add an advisor");
    assert_eq!(err.code, ErrorCode::Forbidden);
    session.lock().await;

    let m = unlock(&session, &dir, "MARK", PASS_B)
        .await
        .expect("manager unlocks");
    assert_eq!(m.compartments, vec!["org"]);
    assert_eq!(m.organisation, "Stichting Zorg & Welzijn");
    let err = add(&session, "henk", vec![Role::Hr])
        .await
        .expect_err("manager cannot add hr");
    assert_eq!(err.code, ErrorCode::Forbidden);
}

#[tokio::test]
async fn bad_input_gets_typed_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, _) = session();
    let weak = session
        .create_vault(CreateVaultRequest {
            dir: dir.to_string_lossy().into(),
            organisation: "Org".into(),
            display_name: "Naam".into(),
            login: "naam".into(),
            roles: vec![Role::Hr],
            passphrase: s("wachtwoord"),
            passphrase_repeat: s("wachtwoord"),
            confirm_combined_roles: false,
        })
        .await
        .expect_err("weak passphrase");
    assert_eq!(
        (
            weak.code,
            weak.field.as_deref(),
            weak.reason.map(Reason::as_str)
        ),
        (ErrorCode::Validation, Some("passphrase"), Some("weak"))
    );
    assert!(!dir.exists(), "nothing is created on a validation error");
    let mismatch = session
        .create_vault(CreateVaultRequest {
            dir: dir.to_string_lossy().into(),
            organisation: "Org".into(),
            display_name: "Naam".into(),
            login: "naam".into(),
            roles: vec![Role::Hr],
            passphrase: s(PASS),
            passphrase_repeat: s("iets anders dan dat"),
            confirm_combined_roles: false,
        })
        .await
        .expect_err("mismatch");
    assert_eq!(mismatch.field.as_deref(), Some("passphrase_repeat"));
    let huge = "x".repeat(10 * 1024 * 1024);
    let err = session
        .create_vault(CreateVaultRequest {
            dir: dir.to_string_lossy().into(),
            organisation: huge.clone(),
            display_name: "Naam".into(),
            login: "naam".into(),
            roles: vec![Role::Hr],
            passphrase: s(PASS),
            passphrase_repeat: s(PASS),
            confirm_combined_roles: false,
        })
        .await
        .expect_err("10 MB organisation name");
    assert_eq!(err.reason.map(Reason::as_str), Some("too_long"));

    create(&session, &dir, vec![Role::Hr]).await;
    session.lock().await;
    let err = unlock(&session, &dir, "ayse", "fout wachtwoord")
        .await
        .expect_err("wrong");
    assert_eq!(err.code, ErrorCode::WrongPassphrase);
    assert!(
        !err.message.contains("fout"),
        "the message must not echo the passphrase"
    );
    let err = unlock(&session, &dir, "niemand", PASS)
        .await
        .expect_err("unknown");
    assert_eq!(err.code, ErrorCode::UnknownUser);
    let err = unlock(&session, tmp.path(), "ayse", PASS)
        .await
        .expect_err("not a vault");
    assert_eq!(err.code, ErrorCode::NotAVault);
    assert_eq!(
        session.list_users().await.expect_err("locked").code,
        ErrorCode::Locked
    );
}

#[tokio::test]
async fn idle_sessions_lock_themselves() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, clock) = session();
    create(&session, &dir, vec![Role::Hr]).await;
    add(&session, "mark", vec![Role::Manager])
        .await
        .expect("add manager");
    session.lock().await;
    unlock(&session, &dir, "mark", PASS_B).await.expect("mark");
    let rename = session
        .update_settings(SettingsUpdate {
            organisation: Some("Nieuw".into()),
            idle_lock_seconds: None,
        })
        .await;
    assert_eq!(
        rename
            .expect_err("a manager may not rename the organisation")
            .code,
        ErrorCode::Forbidden
    );
    session.lock().await;
    unlock(&session, &dir, "ayse", PASS).await.expect("ayse");
    let st = session
        .update_settings(SettingsUpdate {
            organisation: None,
            idle_lock_seconds: Some(60),
        })
        .await;
    assert!(st.is_ok(), "HR may change the idle lock: {st:?}");
    clock.advance(Duration::seconds(59));
    session.touch().await.expect("activity within the limit");
    clock.advance(Duration::seconds(59));
    assert!(
        !session.check_idle().await,
        "59 s after the last activity: still open"
    );
    clock.advance(Duration::seconds(2));
    assert!(session.check_idle().await, "61 s idle: locks");
    assert_eq!(
        session.session_info().await.expect_err("locked").code,
        ErrorCode::Locked
    );
    // A call that arrives after the limit is refused even without the timer.
    unlock(&session, &dir, "ayse", PASS).await.expect("unlock");
    clock.advance(Duration::seconds(61));
    assert_eq!(
        session.list_users().await.expect_err("idle").code,
        ErrorCode::Locked
    );
    let err = session
        .update_settings(SettingsUpdate {
            organisation: None,
            idle_lock_seconds: Some(1),
        })
        .await;
    assert_eq!(
        err.expect_err("locked or out of range").code,
        ErrorCode::Validation
    );
}

#[tokio::test]
async fn remove_user_and_recovery_reset() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, _) = session();
    let created = create(&session, &dir, vec![Role::Hr]).await;
    let added = add(&session, "piet", vec![Role::Hr]).await.expect("add");
    let err = session
        .remove_user(RemoveUserRequest {
            user_id: added.user.id.clone(),
            reason: "  ".into(),
        })
        .await;
    assert_eq!(
        err.expect_err("reason required").field.as_deref(),
        Some("reason")
    );
    let removed = session
        .remove_user(RemoveUserRequest {
            user_id: added.user.id.clone(),
            reason: "uit dienst".into(),
        })
        .await
        .expect("remove");
    assert_eq!(removed.rotated, vec!["org", "hr"]);
    assert_eq!(session.list_users().await.expect("list").len(), 1);
    let trail = session
        .audit_trail(AuditRequest {
            compartment: "org".into(),
            limit: None,
            before: None,
        })
        .await
        .expect("audit");
    let actions: Vec<&str> = trail.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions[..3],
        ["user.removed", "keys.rotated", "holder.removed"],
        "{actions:?}"
    );
    for row in &trail[..3] {
        assert_eq!(row.object.as_deref(), Some(added.user.id.as_str()));
        assert_eq!(row.actor_name.as_deref(), Some("Ayşe Yılmaz"));
    }
    session.lock().await;
    assert_eq!(
        unlock(&session, &dir, "piet", PASS_B)
            .await
            .expect_err("gone")
            .code,
        ErrorCode::UnknownUser
    );

    let info = session
        .reset_passphrase(RecoveryResetRequest {
            dir: dir.to_string_lossy().into(),
            login: "ayse".into(),
            recovery_key: s(&created.recovery.recovery_key.to_lowercase()),
            new_passphrase: s(PASS_B),
            new_passphrase_repeat: s(PASS_B),
        })
        .await
        .expect("reset");
    assert_eq!(info.user.login, "ayse");
    session.lock().await;
    unlock(&session, &dir, "ayse", PASS_B)
        .await
        .expect("new passphrase works");
    let check = session.verify().await.expect("verify");
    assert!(check.ok, "{check:?}");
}

#[tokio::test]
async fn backup_of_another_vault_and_restore() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (session, _) = session();
    create(&session, &tmp.path().join("a"), vec![Role::Advisor]).await;
    let a_backup = tmp.path().join("a.vbak");
    let r = session
        .backup(PathRequest {
            path: a_backup.to_string_lossy().into(),
        })
        .await
        .expect("backup a");
    assert_eq!(r.files, 4);
    let inside = session
        .backup(PathRequest {
            path: tmp.path().join("a/x.vbak").to_string_lossy().into(),
        })
        .await;
    assert_eq!(
        inside.expect_err("inside vault").reason.map(Reason::as_str),
        Some("inside_vault")
    );
    create(&session, &tmp.path().join("b"), vec![Role::Advisor]).await;
    let err = session
        .verify_backup(PathRequest {
            path: a_backup.to_string_lossy().into(),
        })
        .await;
    assert_eq!(err.expect_err("other vault").code, ErrorCode::OtherVault);
    let wrong = session
        .restore(RestoreRequest {
            from: a_backup.to_string_lossy().into(),
            dir: tmp.path().join("c").to_string_lossy().into(),
            login: "ayse".into(),
            passphrase: s("niet goed genoeg"),
        })
        .await;
    assert_eq!(
        wrong.expect_err("wrong passphrase").code,
        ErrorCode::WrongPassphrase
    );
    assert!(
        !tmp.path().join("c").exists(),
        "a restore that cannot be checked is removed"
    );
    let ok = session
        .restore(RestoreRequest {
            from: a_backup.to_string_lossy().into(),
            dir: tmp.path().join("c").to_string_lossy().into(),
            login: "ayse".into(),
            passphrase: s(PASS),
        })
        .await
        .expect("restore");
    assert!(ok.check.ok);
    // Only the user who restored may read the copy: no other local user
    // gets the keyring to guess passphrases against.
    use std::os::unix::fs::PermissionsExt;
    let restored = tmp.path().join("c");
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&restored), 0o700, "the restored folder");
    let mut files = 0;
    for entry in std::fs::read_dir(&restored).expect("list") {
        let path = entry.expect("entry").path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        files += 1;
    }
    assert!(files >= 4, "keyring and databases restored");
}

/// Compares a generated file of the UI with what core generates now, and
/// writes it under `make bindings` (`UPDATE_BINDINGS=1`).
fn committed_and_fresh(file: &str, fresh: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../ui/src/lib/api")
        .join(file);
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, fresh).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/api/{file} is stale: run `make bindings`"
    );
}

#[test]
fn typescript_bindings_are_committed_and_fresh() {
    committed_and_fresh("types.ts", &typescript_bindings());
}

/// The UI's code labels are the Rust table, never a copy kept by hand.
#[test]
fn typescript_labels_are_committed_and_fresh() {
    committed_and_fresh("labels.ts", &typescript_labels());
}

/// A command added to core's list and missing from the window's client
/// fails here.
#[test]
fn typescript_client_is_committed_and_fresh() {
    committed_and_fresh("commands.ts", &typescript_client());
}

#[tokio::test]
async fn the_recovery_sheet_is_written_only_for_the_users_own_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, _) = session();
    let created = create(&session, &dir, vec![Role::Advisor]).await;
    let out = tmp.path().join("blad.pdf");
    let req = |key: &str, path: &std::path::Path| RecoverySheetRequest {
        path: path.to_string_lossy().into(),
        recovery_key: s(key),
        language: vertrouwd_core::preferences::Language::Nl,
    };
    let wrong = "0000-0000-0000-0000-0000-0000-0000-0000";
    let err = session
        .write_recovery_sheet(req(wrong, &out))
        .await
        .expect_err("not this user's key");
    assert_eq!(
        (err.field.as_deref(), err.reason.map(Reason::as_str)),
        (Some("recovery_key"), Some("wrong"))
    );
    assert!(!out.exists(), "nothing written for a wrong key");
    let key = created.recovery.recovery_key.clone();
    let err = session
        .write_recovery_sheet(req(&key, &dir.join("blad.pdf")))
        .await
        .expect_err("inside the vault");
    assert_eq!(err.reason.map(Reason::as_str), Some("inside_vault"));
    let written = session
        .write_recovery_sheet(req(&key, &out))
        .await
        .expect("sheet");
    let bytes = std::fs::read(&out).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"), "a PDF");
    assert_eq!(written.bytes, bytes.len() as u64);
}

/// A manager holds org.db too: neither through the api nor by writing
/// org.db directly can they keep the advisor's register open longer than
/// the advisor's own idle lock.
#[tokio::test]
async fn a_manager_cannot_keep_the_advisors_session_open() {
    use vertrouwd_vault::envelope::open_sealed;
    use vertrouwd_vault::keyring::{KeyGeneration, Keyring, UnlockerKind};

    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (session, clock) = session();
    create(&session, &dir, vec![Role::Advisor]).await;
    add(&session, "mark", vec![Role::Manager])
        .await
        .expect("add manager");
    session.lock().await;

    unlock(&session, &dir, "mark", PASS_B).await.expect("mark");
    let err = session
        .update_settings(SettingsUpdate {
            organisation: None,
            idle_lock_seconds: Some(8 * 3600),
        })
        .await
        .expect_err("a manager may not change the idle lock");
    assert_eq!(err.code, ErrorCode::Forbidden);
    session.lock().await;

    // Mark writes org.db himself, with the org key his slot gives him.
    let keyring = Keyring::load(&dir).expect("keyring");
    let slot = keyring.slot_by_login("mark").expect("slot");
    let pair = keyring
        .open_unlocker(slot, PASS_B.as_bytes(), UnlockerKind::Passphrase)
        .expect("pair");
    let aad = keyring.compartment_aad(&slot.user_id, "org", KeyGeneration::Current);
    let key = open_sealed(&pair, &slot.keys["org"], &aad).expect("org key");
    let spec = vertrouwd_core::compartments::LAYOUT
        .iter()
        .find(|c| c.name == "org")
        .expect("org");
    let pool = vertrouwd_vault::db::open_compartment(
        &dir.join("org.db"),
        spec,
        Arc::new(key),
        vertrouwd_vault::OpenMode::Existing,
    )
    .await
    .expect("open org.db");
    sqlx::query(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('idle_lock_seconds', '4294967295')",
    )
    .execute(&pool)
    .await
    .expect("write");
    pool.close().await;

    let mark = unlock(&session, &dir, "mark", PASS_B).await.expect("mark");
    assert_eq!(
        mark.idle_lock_seconds,
        8 * 3600,
        "a stored value is clamped"
    );
    session.lock().await;
    let ayse = unlock(&session, &dir, "ayse", PASS).await.expect("ayse");
    assert_eq!(
        ayse.idle_lock_seconds, 300,
        "the advisor's own idle lock applies"
    );
    clock.advance(Duration::seconds(301));
    assert_eq!(
        session.session_info().await.expect_err("locked").code,
        ErrorCode::Locked
    );
    unlock(&session, &dir, "ayse", PASS).await.expect("ayse");
    let s = session
        .update_settings(SettingsUpdate {
            organisation: None,
            idle_lock_seconds: Some(600),
        })
        .await
        .expect("the advisor sets her own");
    assert_eq!(s.idle_lock_seconds, 600);
    assert_eq!(
        session
            .session_info()
            .await
            .expect("info")
            .idle_lock_seconds,
        600
    );
}
