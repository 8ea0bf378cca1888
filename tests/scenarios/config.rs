//! The Tauri surface: CSP, capabilities and security flags as promised.

use std::path::Path;

use serde_json::Value;

fn read_json(rel: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel);
    serde_json::from_str(&std::fs::read_to_string(&path).expect("read config")).expect("json")
}

#[test]
fn security_flags_and_csp() {
    let conf = read_json("src-tauri/tauri.conf.json");
    assert_eq!(
        conf["app"]["withGlobalTauri"], false,
        "withGlobalTauri must be false"
    );
    let sec = &conf["app"]["security"];
    assert_eq!(sec["freezePrototype"], true, "freezePrototype must be true");
    assert!(sec
        .get("dangerousDisableAssetCspModification")
        .is_none_or(|v| v == false));
    let windows = conf["app"]["windows"].as_array().expect("windows");
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0]["label"], "main");
    assert_eq!(
        windows[0]["incognito"], true,
        "the webview keeps no storage"
    );
    let csp = sec["csp"].as_object().expect("csp is set as directives");
    for (directive, value) in csp {
        let v = value.as_str().expect("directive value");
        assert!(!v.contains("unsafe-eval"), "{directive} allows eval");
        assert!(
            !v.contains("unsafe-inline"),
            "{directive} allows inline code or style"
        );
        assert!(!v.contains('*'), "{directive} has a wildcard");
        for source in v.split_whitespace() {
            let remote = source.starts_with("http:")
                || source.starts_with("https:")
                || source.starts_with("ws");
            assert!(
                !remote || source == "http://ipc.localhost",
                "{directive} allows the remote origin {source}"
            );
        }
    }
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
}

#[test]
fn one_capability_for_the_main_window_with_only_app_commands_and_dialogs() {
    let cap = read_json("src-tauri/capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]), "never \"*\"");
    let perms: Vec<&str> = cap["permissions"]
        .as_array()
        .expect("perms")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    for p in &perms {
        let allowed = p.starts_with("allow-")
            || [
                "core:event:allow-listen",
                "core:event:allow-unlisten",
                "dialog:allow-open",
                "dialog:allow-save",
            ]
            .contains(p);
        assert!(allowed, "unexpected permission {p}");
    }
    // The shell's commands and their permissions are generated from core's
    // one list; the window is granted exactly those, each once.
    let mut granted: Vec<String> = perms
        .iter()
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|c| c.replace('-', "_"))
        .collect();
    granted.sort();
    let mut listed: Vec<String> = vertrouwd_core::api::COMMANDS
        .iter()
        .map(|c| c.name.to_string())
        .collect();
    listed.sort();
    assert_eq!(granted, listed, "the window is granted every command once");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/capabilities");
    assert_eq!(
        std::fs::read_dir(dir).expect("dir").count(),
        1,
        "one capability file"
    );
}
