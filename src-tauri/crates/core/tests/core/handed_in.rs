//! Files the user hands in (attachments, a CSV register) are read only
//! after the role check, and only when they are ordinary files of at most
//! the limit: a FIFO or a link to `/dev/zero` never makes the app read
//! forever.

use std::path::{Path, PathBuf};
use std::time::Duration;

use vertrouwd_core::advisor::CaseInput;
use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;

use super::{create, session};

/// Runs one api call on a thread of its own and gives up after a while, so
/// a call that blocks forever fails the test instead of hanging it.
fn within_seconds<T: Send + 'static>(secs: u64, call: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(call());
    });
    rx.recv_timeout(Duration::from_secs(secs))
        .expect("the call did not return: it is reading a file that never ends")
}

fn fifo(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let status = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
    path
}

fn zero_link(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::os::unix::fs::symlink("/dev/zero", &path).expect("symlink");
    path
}

/// A vault whose only user has `roles`, unlocked, and a register with one
/// case when that user is the advisor.
fn with_vault<T: Send + 'static>(
    roles: Vec<Role>,
    call: impl AsyncFnOnce(&vertrouwd_core::Session, &Path) -> T + Send + 'static,
) -> T {
    within_seconds(60, move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let tmp = tempfile::tempdir().expect("tmp");
            let (session, _) = session();
            let advisor = roles.contains(&Role::Advisor);
            create(&session, &tmp.path().join("kluis"), roles).await;
            if advisor {
                let nature = session.natures().await.expect("natures")[0].id;
                session
                    .add_case(CaseInput {
                        reference: None,
                        first_contact: "2026-11-02".into(),
                        channel: vertrouwd_core::advisor::Channel::Phone,
                        reporter: None,
                        reporter_role: vertrouwd_core::advisor::ReporterRole::Employee,
                        department: None,
                        gender: None,
                        natures: vec![vertrouwd_core::advisor::NatureChoice {
                            nature_id: nature,
                            ground: None,
                        }],
                        persons: vec![],
                        outcome: None,
                    })
                    .await
                    .expect("case");
            }
            call(&session, tmp.path()).await
        })
    })
}

fn attach(path: &Path) -> AddAttachmentRequest {
    AddAttachmentRequest {
        case: "VP-2026-001".into(),
        path: path.to_string_lossy().into(),
    }
}

fn import(path: &Path) -> ImportRequest {
    ImportRequest {
        path: path.to_string_lossy().into(),
        skip_invalid: true,
    }
}

#[test]
fn someone_without_the_register_makes_the_app_read_nothing() {
    let (attachment, imported) = with_vault(vec![Role::Hr], async |session, tmp| {
        let pipe = fifo(tmp, "bijlage.pdf");
        let attachment = session.add_attachment(attach(&pipe)).await;
        let imported = session
            .import_cases(import(&fifo(tmp, "register.csv")))
            .await;
        (attachment, imported)
    });
    for result in [attachment.map(|_| ()), imported.map(|_| ())] {
        assert_eq!(
            result.expect_err("HR holds no register").code,
            ErrorCode::Forbidden
        );
    }
}

#[test]
fn a_fifo_or_a_device_is_refused_as_not_a_file() {
    let reasons = with_vault(vec![Role::Advisor], async |session, tmp| {
        let mut reasons = vec![];
        for path in [fifo(tmp, "bijlage.pdf"), zero_link(tmp, "nul.pdf")] {
            let e = session
                .add_attachment(attach(&path))
                .await
                .expect_err("refused");
            reasons.push((e.field, e.reason));
        }
        for path in [fifo(tmp, "register.csv"), zero_link(tmp, "nul.csv")] {
            let e = session
                .import_cases(import(&path))
                .await
                .expect_err("refused");
            reasons.push((e.field, e.reason));
        }
        let detail = session
            .case_detail(CaseRef {
                case: "VP-2026-001".into(),
            })
            .await
            .expect("case");
        assert!(detail.attachments.is_empty(), "nothing was stored");
        reasons
    });
    assert_eq!(
        reasons,
        vec![(Some("file".to_string()), Some(Reason::NotAFile)); 4]
    );
}

#[test]
fn a_file_is_read_to_its_limit_and_no_further() {
    let reason = with_vault(vec![Role::Advisor], async |session, tmp| {
        let big = tmp.join("groot.csv");
        std::fs::File::create(&big)
            .and_then(|f| f.set_len(51 * 1024 * 1024))
            .expect("sparse file");
        session
            .import_cases(import(&big))
            .await
            .expect_err("too large")
            .reason
    });
    assert_eq!(reason.map(Reason::as_str), Some("too_large"));
}
