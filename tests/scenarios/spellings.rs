//! The command line's area-first spelling (`vertrouwd advisor case add`)
//! and the first spellings the README and scripts used (`vertrouwd case
//! add`, `report case`, the batch's `case.add`) reach the same commands.

use crate::cli;

#[test]
fn area_first_and_first_spellings_do_the_same() {
    let (tmp, vault, scratch) = cli::workspace();
    cli::init(&vault, &scratch, "Stichting", "Ayşe", "advisor");
    let run = |args: &[&str], input: Option<&serde_json::Value>| {
        cli::run_with(
            &vault,
            "ayse",
            &scratch,
            args,
            input.map(|v| v.to_string()).as_deref(),
        )
    };
    let case = |name: &str| {
        serde_json::json!({
            "first_contact": "2026-02-03",
            "channel": "phone",
            "reporter": {"name": name},
            "reporter_role": "employee",
            "natures": [{"nature_id": 3}],
            "persons": [],
        })
    };
    assert_eq!(
        run(&["advisor", "case", "add"], Some(&case("Çağrı Öztürk"))).trim(),
        "VP-2026-001"
    );
    assert_eq!(
        run(&["case", "add"], Some(&case("Zoë"))).trim(),
        "VP-2026-002"
    );
    let new = run(&["--json", "advisor", "case", "list"], None);
    let old = run(&["--json", "case", "list"], None);
    assert_eq!(new, old);
    let listed: serde_json::Value = serde_json::from_str(&new).expect("json");
    assert_eq!(listed.as_array().map(Vec::len), Some(2));

    for (area, file) in [
        (&["advisor", "document"][..], "nieuw.pdf"),
        (&["report"][..], "oud.pdf"),
    ] {
        let out = tmp.path().join(file);
        let out_s = out.to_string_lossy().into_owned();
        let args = [area, &["case", "VP-2026-001", "--out", &out_s]].concat();
        run(&args, None);
        let pdf = std::fs::read(&out).expect("pdf written");
        assert!(pdf.starts_with(b"%PDF"), "{file}");
    }

    let mut batch = cli::Batch::start(&vault, "ayse", &scratch);
    let old = batch.ok(r#"{"op": "case.show", "args": {"case": "VP-2026-002"}}"#);
    let new = batch.ok(r#"{"op": "case_detail", "args": {"case": "VP-2026-002"}}"#);
    assert_eq!(old, new);
    assert!(new.contains("Zoë"), "{new}");
    assert!(batch.finish());
}
