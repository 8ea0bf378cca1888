//! Importing an existing complaints register on a real vault: a CSV file
//! as Dutch Excel writes it (Windows-1252, `;`), all rows or none unless
//! skipping is chosen, references kept or given, a workbook (.xlsx), and
//! an import restricted from an HR colleague.

use std::path::Path;

use vertrouwd_core::api::*;
use vertrouwd_core::complaints::requests::ComplaintImportRequest;
use vertrouwd_core::complaints::*;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;
use vertrouwd_testsupport::workbook;

use super::{add, create, session, unlock, PASS_B};

/// The header and three rows; the second row's date does not exist.
fn register_1252() -> Vec<u8> {
    let text = "Referentie;Ontvangen op;Kanaal;Procedure;Klager;Rol klager;Beklaagde;Aard;Omschrijving;Afgehandeld op;Afloop\r\n\
        KL-2024-007;3-2-2024;brief;klachtenregeling ongewenste omgangsvormen;Zoë Müller;medewerker;Björn Ångström;pesten;Uitgescholden – „nooit meer” €;2-5-2024;ingetrokken\r\n\
        ;31-2-2026;e-mail;whistleblowing;;medewerker;;integriteit / vermoeden van een misstand;Fraude;;\r\n\
        ;14-3-2026;formulier;awb;Jan Jansen;burger;;;Lange wachttijd;;\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "Windows-1252 holds every character");
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    bytes.into_owned()
}

fn request(path: &Path, skip_invalid: bool, access: ComplaintAccess) -> ComplaintImportRequest {
    ComplaintImportRequest {
        path: path.to_string_lossy().into(),
        skip_invalid,
        access,
    }
}

async fn references(s: &Session) -> Vec<String> {
    s.list_complaints(ComplaintFilter {
        include_closed: true,
        ..Default::default()
    })
    .await
    .expect("list")
    .into_iter()
    .map(|c| c.reference)
    .collect()
}

async fn imports_audited(s: &Session) -> usize {
    s.audit_trail(AuditRequest {
        compartment: "hr".into(),
        limit: None,
        before: None,
    })
    .await
    .expect("audit")
    .iter()
    .filter(|e| e.action == "complaints.imported")
    .count()
}

/// The clock stands at Monday 23 November 2026.
#[tokio::test]
async fn a_register_from_dutch_excel_is_imported_whole_or_not_at_all() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, _) = session();
    create(&s, &dir, vec![Role::Hr]).await;
    let file = tmp.path().join("klachten.csv");
    std::fs::write(&file, register_1252()).expect("csv");

    // One bad row: nothing is imported, and the row is named.
    let r = s
        .import_complaints(request(&file, false, ComplaintAccess::Everyone))
        .await
        .expect("read");
    assert_eq!(r.imported, 0);
    let problems: Vec<_> = r
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_deref(), p.reason))
        .collect();
    assert_eq!(problems, [(3, Some("ontvangen_op"), Reason::InvalidDate)]);
    assert!(references(&s).await.is_empty());
    assert_eq!(imports_audited(&s).await, 0);

    // Skipping it imports the other two: the reference kept, the next one
    // of its year given, the text as written.
    let r = s
        .import_complaints(request(&file, true, ComplaintAccess::Everyone))
        .await
        .expect("imported");
    assert_eq!((r.imported, r.problems.len()), (2, 1));
    assert_eq!(references(&s).await, ["KL-2026-001", "KL-2024-007"]);
    let old = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2024-007".into(),
        })
        .await
        .expect("kept");
    assert_eq!(old.description, "Uitgescholden – „nooit meer” €");
    assert_eq!(old.complainant.name.as_deref(), Some("Zoë Müller"));
    assert_eq!(old.status, ComplaintStatus::Withdrawn);
    assert_eq!(old.timeline[0].what, "imported");
    let citizen = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2026-001".into(),
        })
        .await
        .expect("given");
    assert_eq!(citizen.complainant.role, ComplainantRole::Citizen);
    assert_eq!(citizen.procedure.code, "awb");
    assert!(
        citizen.schedule.iter().any(|st| st.due.is_some()),
        "a running complaint's terms run from its receipt"
    );
    assert_eq!(imports_audited(&s).await, 1);

    // The same file again: the kept reference is taken, the rest files.
    let r = s
        .import_complaints(request(&file, true, ComplaintAccess::Everyone))
        .await
        .expect("again");
    assert_eq!(r.imported, 1);
    assert!(r
        .problems
        .iter()
        .any(|p| (p.line, p.reason) == (2, Reason::Taken)));
    assert_eq!(references(&s).await.len(), 3);

    // A file that is not a register is refused whole.
    std::fs::write(&file, b"naam;kleur\nJan;rood\n").expect("csv");
    let e = s
        .import_complaints(request(&file, true, ComplaintAccess::Everyone))
        .await
        .expect_err("refused");
    assert_eq!(
        (e.field.as_deref(), e.reason),
        (Some("naam"), Some(Reason::UnknownColumn))
    );
    assert_eq!(references(&s).await.len(), 3, "nothing lost, nothing added");
}

#[tokio::test]
async fn a_workbook_imports_as_its_csv_would_and_a_bomb_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, _) = session();
    create(&s, &dir, vec![Role::Hr]).await;
    let file = tmp.path().join("klachten.xlsx");
    std::fs::write(
        &file,
        workbook::table(&[
            &[
                "received_on",
                "channel",
                "procedure",
                "complainant_role",
                "complained_about",
                "complained_about_role",
                "nature",
                "description",
            ],
            &[
                "2026-11-02",
                "letter",
                "complaints_regulation",
                "intern",
                "Ayşe Yılmaz|Hanna de Boer",
                "teamleider|directeur",
                "sexual_harassment|bullying",
                "Opmerkingen 🙁",
            ],
        ]),
    )
    .expect("xlsx");
    let r = s
        .import_complaints(request(&file, false, ComplaintAccess::Everyone))
        .await
        .expect("imported");
    assert_eq!((r.imported, r.problems.as_slice()), (1, &[][..]));
    let c = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2026-001".into(),
        })
        .await
        .expect("filed");
    assert!(c.complainant.anonymous);
    assert_eq!(c.complained_about[1].role.as_deref(), Some("directeur"));
    assert_eq!(c.natures, ["sexual_harassment", "bullying"]);

    // 300 MB of zeros in a few hundred kilobytes: refused before it is
    // unpacked, and the register as it was.
    let bomb = workbook::zip_of(&[("xl/worksheets/sheet1.xml", &vec![0; 300 << 20])]);
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    std::fs::write(&file, bomb).expect("bomb");
    let e = s
        .import_complaints(request(&file, true, ComplaintAccess::Everyone))
        .await
        .expect_err("refused");
    assert_eq!(
        (e.field.as_deref(), e.reason),
        (Some("file"), Some(Reason::TooLarge))
    );
    assert_eq!(references(&s).await, ["KL-2026-001"]);
}

/// Hanna works in HR; the register imported is about her, so Ayşe and Piet
/// import it for the two of them.
#[tokio::test]
async fn an_import_restricted_from_an_hr_colleague_is_not_there_for_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, _) = session();
    create(&s, &dir, vec![Role::Hr]).await;
    add(&s, "hanna", vec![Role::Hr]).await.expect("hanna");
    let piet = add(&s, "piet", vec![Role::Hr]).await.expect("piet").user.id;
    let ayse = s.session_info().await.expect("info").user.id;
    let file = tmp.path().join("klachten.csv");
    std::fs::write(
        &file,
        "ontvangen_op;kanaal;procedure;rol_klager;beklaagde;omschrijving\n\
         2-11-2026;brief;complaints_regulation;medewerker;Hanna de Boer;Hanna kleineert ons\n",
    )
    .expect("csv");
    let r = s
        .import_complaints(request(
            &file,
            false,
            ComplaintAccess::Only {
                users: vec![ayse, piet],
            },
        ))
        .await
        .expect("imported");
    assert_eq!(r.imported, 1);
    let c = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2026-001".into(),
        })
        .await
        .expect("for Ayşe");
    assert!(!c.access.everyone);
    s.lock().await;

    unlock(&s, &dir, "hanna", PASS_B).await.expect("hanna");
    assert!(references(&s).await.is_empty(), "not there for Hanna");
    let e = s
        .complaint_detail(ComplaintRef {
            complaint: "KL-2026-001".into(),
        })
        .await
        .expect_err("not for her");
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn only_an_hr_user_makes_the_app_read_a_register() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, _) = session();
    create(&s, &dir, vec![Role::Advisor]).await;
    let file = tmp.path().join("klachten.csv");
    std::fs::write(&file, register_1252()).expect("csv");
    let e = s
        .import_complaints(request(&file, true, ComplaintAccess::Everyone))
        .await
        .expect_err("not HR");
    assert_eq!(e.code, ErrorCode::Forbidden);
}
