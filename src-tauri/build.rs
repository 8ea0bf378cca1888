//! Generates the permissions of the app's own commands (`allow-<command>`),
//! which `capabilities/main.json` grants to the main window one by one.

const COMMANDS: &[&str] = &[
    "vault_status",
    "default_vault_dir",
    "preferences",
    "set_preferences",
    "passphrase_strength",
    "create_vault",
    "unlock",
    "reset_passphrase",
    "lock",
    "touch",
    "session_info",
    "list_users",
    "add_user",
    "change_passphrase",
    "remove_user",
    "audit_trail",
    "get_settings",
    "update_settings",
    "backup",
    "write_recovery_sheet",
    "verify",
    "verify_backup",
    "restore",
    "natures",
    "register_settings",
    "update_register_settings",
    "list_cases",
    "case_detail",
    "add_case",
    "add_conversation",
    "add_intervention",
    "add_follow_up",
    "close_case",
    "write_case_file",
    "import_cases",
    "destruction_list",
    "destroy_case",
    "purge_expired",
    "statistics_preview",
    "release_statistics",
    "add_consent",
    "change_natures",
    "add_attachment",
    "attachment_preview",
    "export_attachment",
    "follow_up_done",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
