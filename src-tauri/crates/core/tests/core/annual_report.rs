//! HR's annual report and its sources: an advisor's release file, signed by
//! the advisor, imported into hr.db — and refused when a number was changed
//! on the way or when it is not signed.

use vertrouwd_core::api::*;
use vertrouwd_core::roles::Role;

use super::advisor::{advisor_vault, case_input};
use super::{create, session};

/// The clock stands at 23 November 2026. The advisor releases 2026 (six
/// cases) as a file; HR, in a vault of their own, imports it.
#[tokio::test]
async fn a_signed_release_is_imported_and_a_changed_one_refused() {
    let (tmp, _dir, advisor, _) = advisor_vault().await;
    let natures = advisor.natures().await.expect("natures");
    for i in 0..6 {
        advisor
            .add_case(case_input(
                &format!("2026-0{}-10", 1 + i),
                vec![natures[2].id],
            ))
            .await
            .expect("case");
    }
    let file = tmp.path().join("jaarcijfers-2026.json");
    advisor
        .release_statistics(ReleaseRequest {
            year: 2026,
            left_out: vec![],
            path: Some(file.to_string_lossy().into()),
            publish: false,
        })
        .await
        .expect("released");
    let text = std::fs::read_to_string(&file).expect("file");

    let (hr, _) = session();
    create(&hr, &tmp.path().join("hr-kluis"), vec![Role::Hr]).await;
    let import = |path: &std::path::Path| {
        hr.import_advisor_release(ReleaseImportRequest {
            path: path.to_string_lossy().into(),
        })
    };

    // A number changed after signing: six cases made seven.
    let changed = tmp.path().join("veranderd.json");
    assert!(text.contains(r#"\"cases\":6"#), "{text}");
    std::fs::write(&changed, text.replace(r#"\"cases\":6"#, r#"\"cases\":7"#)).expect("write");
    let e = import(&changed).await.expect_err("tampered");
    assert_eq!(
        (e.field.as_deref(), e.reason),
        (Some("file"), Some(Reason::Tampered))
    );
    // The release without its signature (as format 2 wrote it).
    let signed: serde_json::Value = serde_json::from_str(&text).expect("json");
    let unsigned = tmp.path().join("zonder.json");
    std::fs::write(&unsigned, signed["body"].as_str().expect("body")).expect("write");
    let e = import(&unsigned).await.expect_err("unsigned");
    assert_eq!(e.reason, Some(Reason::Unsigned));
    let garbage = tmp.path().join("kapot.json");
    std::fs::write(&garbage, "{nee").expect("write");
    let e = import(&garbage).await.expect_err("garbage");
    assert_eq!(e.reason, Some(Reason::InvalidJson));
    assert!(
        hr.advisor_releases().await.expect("list").is_empty(),
        "nothing kept"
    );

    let first = import(&file).await.expect("imported");
    assert_eq!((first.year, first.release.cases), (2026, Some(6)));
    assert_eq!(first.advisor, "Ayşe Yılmaz");
    assert!(first.new_advisor && !first.replaced);
    assert_eq!(first.fingerprint.len(), 39, "{}", first.fingerprint);
    let again = import(&file).await.expect("again");
    assert!(!again.new_advisor && again.replaced);
    let list = hr.advisor_releases().await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].fingerprint, first.fingerprint);

    // The advisor holds no hr.db: importing is HR's.
    let e = advisor
        .import_advisor_release(ReleaseImportRequest {
            path: file.to_string_lossy().into(),
        })
        .await
        .expect_err("not the advisor's");
    assert_eq!(e.code, ErrorCode::Forbidden);
}
