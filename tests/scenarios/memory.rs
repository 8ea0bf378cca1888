//! The `vertrouwd` command holding an unlocked vault cannot leave its keys
//! in a core dump: its core file limit is zero, soft and hard, so a crash
//! writes nothing and a child cannot raise it again.

use crate::cli;

/// The soft and hard limit of a line of `/proc/<pid>/limits`.
fn limit(limits: &str, name: &str) -> (String, String) {
    let line = limits
        .lines()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("{name} in {limits}"));
    let mut values = line[name.len()..].split_whitespace();
    let soft = values.next().unwrap_or_default().to_string();
    let hard = values.next().unwrap_or_default().to_string();
    (soft, hard)
}

#[cfg(target_os = "linux")]
#[test]
fn an_unlocked_cli_writes_no_core_dump() {
    let (_tmp, vault, scratch) = cli::workspace();
    cli::init(
        &vault,
        &scratch,
        "Stichting Zorg & Welzijn",
        "Ayşe",
        "advisor",
    );
    let mut batch = cli::Batch::start(&vault, "ayse", &scratch);
    batch.ok(r#"{"op":"case.list","args":{}}"#);

    let limits =
        std::fs::read_to_string(format!("/proc/{}/limits", batch.child.id())).expect("limits");
    assert!(batch.finish());
    assert_eq!(
        limit(&limits, "Max core file size"),
        ("0".to_string(), "0".to_string())
    );
}
