//! vertrouwd-app: the desktop shell.
//!
//! Thin on purpose: it owns the window, the security settings (CSP and
//! capabilities in `tauri.conf.json` and `capabilities/`), the idle-lock
//! timer, and one-line commands that hand their arguments to
//! `vertrouwd-core`'s [`Session`]. No logic lives here.

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tauri::{Emitter, Manager, State};
use vertrouwd_core::api::*;
use vertrouwd_core::clock::{Clock, SleepDetector};
use vertrouwd_core::preferences::{self, Preferences};
use vertrouwd_core::settings::Settings;
use vertrouwd_core::strength::Strength;
use vertrouwd_core::users::UserInfo;
use vertrouwd_core::{Session, SystemClock};

/// Sent to the window when the vault locks itself (idle or sleep).
pub const LOCKED_EVENT: &str = "vault-locked";

struct AppState {
    session: Arc<Session>,
    preferences_file: PathBuf,
}

type Cmd<'a> = State<'a, AppState>;

#[tauri::command]
async fn vault_status(s: Cmd<'_>, dir: String) -> Result<VaultStatus, ApiError> {
    Ok(s.session.status(&dir).await)
}

#[tauri::command]
fn default_vault_dir() -> String {
    vertrouwd_core::default_vault_dir()
        .to_string_lossy()
        .into_owned()
}

#[tauri::command]
fn preferences(s: Cmd<'_>) -> Preferences {
    preferences::load(&s.preferences_file)
}

#[tauri::command]
fn set_preferences(s: Cmd<'_>, prefs: Preferences) -> Result<(), ApiError> {
    preferences::save(&s.preferences_file, &prefs)
}

#[tauri::command]
fn passphrase_strength(s: Cmd<'_>, req: StrengthRequest) -> Strength {
    s.session.passphrase_strength(&req)
}

#[tauri::command]
async fn create_vault(s: Cmd<'_>, req: CreateVaultRequest) -> Result<CreatedVault, ApiError> {
    s.session.create_vault(req).await
}

#[tauri::command]
async fn unlock(s: Cmd<'_>, req: UnlockRequest) -> Result<SessionInfo, ApiError> {
    s.session.unlock(req).await
}

#[tauri::command]
async fn reset_passphrase(s: Cmd<'_>, req: RecoveryResetRequest) -> Result<SessionInfo, ApiError> {
    s.session.reset_passphrase(req).await
}

#[tauri::command]
async fn lock(s: Cmd<'_>) -> Result<(), ApiError> {
    s.session.lock().await;
    Ok(())
}

#[tauri::command]
async fn touch(s: Cmd<'_>) -> Result<(), ApiError> {
    s.session.touch().await
}

#[tauri::command]
async fn session_info(s: Cmd<'_>) -> Result<SessionInfo, ApiError> {
    s.session.session_info().await
}

#[tauri::command]
async fn list_users(s: Cmd<'_>) -> Result<Vec<UserInfo>, ApiError> {
    s.session.list_users().await
}

#[tauri::command]
async fn unknown_key_slots(s: Cmd<'_>) -> Result<Vec<UnknownSlot>, ApiError> {
    s.session.unknown_key_slots().await
}

#[tauri::command]
async fn add_user(s: Cmd<'_>, req: AddUserRequest) -> Result<AddedUser, ApiError> {
    s.session.add_user(req).await
}

#[tauri::command]
async fn change_passphrase(s: Cmd<'_>, req: ChangePassphraseRequest) -> Result<(), ApiError> {
    s.session.change_passphrase(req).await
}

#[tauri::command]
async fn remove_user(s: Cmd<'_>, req: RemoveUserRequest) -> Result<RemovedUser, ApiError> {
    s.session.remove_user(req).await
}

#[tauri::command]
async fn audit_trail(s: Cmd<'_>, req: AuditRequest) -> Result<Vec<AuditRow>, ApiError> {
    s.session.audit_trail(req).await
}

#[tauri::command]
async fn get_settings(s: Cmd<'_>) -> Result<Settings, ApiError> {
    s.session.settings().await
}

#[tauri::command]
async fn update_settings(s: Cmd<'_>, req: SettingsUpdate) -> Result<Settings, ApiError> {
    s.session.update_settings(req).await
}

#[tauri::command]
async fn backup(s: Cmd<'_>, req: PathRequest) -> Result<BackupResult, ApiError> {
    s.session.backup(req).await
}

#[tauri::command]
async fn write_recovery_sheet(
    s: Cmd<'_>,
    req: RecoverySheetRequest,
) -> Result<WrittenFile, ApiError> {
    s.session.write_recovery_sheet(req).await
}

#[tauri::command]
async fn verify(s: Cmd<'_>) -> Result<VerifyReport, ApiError> {
    s.session.verify().await
}

#[tauri::command]
async fn verify_backup(s: Cmd<'_>, req: PathRequest) -> Result<BackupSummary, ApiError> {
    s.session.verify_backup(req).await
}

#[tauri::command]
async fn restore(s: Cmd<'_>, req: RestoreRequest) -> Result<RestoreResult, ApiError> {
    s.session.restore(req).await
}

#[tauri::command]
async fn natures(s: Cmd<'_>) -> Result<Vec<vertrouwd_core::advisor::Nature>, ApiError> {
    s.session.natures().await
}

#[tauri::command]
async fn register_settings(s: Cmd<'_>) -> Result<RegisterSettings, ApiError> {
    s.session.register_settings().await
}

#[tauri::command]
async fn update_register_settings(
    s: Cmd<'_>,
    req: RegisterSettings,
) -> Result<RegisterSettings, ApiError> {
    s.session.update_register_settings(req).await
}

#[tauri::command]
async fn list_cases(
    s: Cmd<'_>,
    req: vertrouwd_core::advisor::CaseFilter,
) -> Result<Vec<vertrouwd_core::advisor::CaseSummary>, ApiError> {
    s.session.list_cases(req).await
}

#[tauri::command]
async fn case_detail(
    s: Cmd<'_>,
    req: CaseRef,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.case_detail(req).await
}

#[tauri::command]
async fn add_case(
    s: Cmd<'_>,
    req: vertrouwd_core::advisor::CaseInput,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.add_case(req).await
}

#[tauri::command]
async fn add_conversation(
    s: Cmd<'_>,
    req: AddConversationRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.add_conversation(req).await
}

#[tauri::command]
async fn add_intervention(
    s: Cmd<'_>,
    req: AddInterventionRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.add_intervention(req).await
}

#[tauri::command]
async fn add_follow_up(
    s: Cmd<'_>,
    req: AddFollowUpRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.add_follow_up(req).await
}

#[tauri::command]
async fn close_case(
    s: Cmd<'_>,
    req: CloseCaseRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.close_case(req).await
}

#[tauri::command]
async fn write_case_file(s: Cmd<'_>, req: CaseFileRequest) -> Result<WrittenFile, ApiError> {
    s.session.write_case_file(req).await
}

#[tauri::command]
async fn import_cases(s: Cmd<'_>, req: ImportRequest) -> Result<ImportReport, ApiError> {
    s.session.import_cases(req).await
}

#[tauri::command]
async fn destruction_list(s: Cmd<'_>) -> Result<Vec<DestructionItem>, ApiError> {
    s.session.destruction_list().await
}

#[tauri::command]
async fn destroy_case(s: Cmd<'_>, req: DestroyRequest) -> Result<String, ApiError> {
    s.session.destroy_case(req).await
}

#[tauri::command]
async fn purge_expired(s: Cmd<'_>, req: PurgeRequest) -> Result<Vec<String>, ApiError> {
    s.session.purge_expired(req).await
}

#[tauri::command]
async fn statistics_preview(
    s: Cmd<'_>,
    req: StatisticsRequest,
) -> Result<vertrouwd_core::advisor::stats::Preview, ApiError> {
    s.session.statistics_preview(req).await
}

#[tauri::command]
async fn release_statistics(s: Cmd<'_>, req: ReleaseRequest) -> Result<Released, ApiError> {
    s.session.release_statistics(req).await
}

#[tauri::command]
async fn add_consent(
    s: Cmd<'_>,
    req: AddConsentRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.add_consent(req).await
}

#[tauri::command]
async fn change_natures(
    s: Cmd<'_>,
    req: NatureChange,
) -> Result<Vec<vertrouwd_core::advisor::Nature>, ApiError> {
    s.session.change_natures(req).await
}

#[tauri::command]
async fn add_attachment(
    s: Cmd<'_>,
    req: AddAttachmentRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.add_attachment(req).await
}

#[tauri::command]
async fn attachment_preview(
    s: Cmd<'_>,
    id: i64,
) -> Result<vertrouwd_core::attachments::AttachmentPreview, ApiError> {
    s.session.attachment_preview(id).await
}

#[tauri::command]
async fn export_attachment(
    s: Cmd<'_>,
    req: ExportAttachmentRequest,
) -> Result<WrittenFile, ApiError> {
    s.session.export_attachment(req).await
}

#[tauri::command]
async fn follow_up_done(
    s: Cmd<'_>,
    req: FollowUpDoneRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.follow_up_done(req).await
}

#[tauri::command]
async fn update_case(
    s: Cmd<'_>,
    req: UpdateCaseRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.update_case(req).await
}

#[tauri::command]
async fn add_case_time(
    s: Cmd<'_>,
    req: AddTimeRequest,
) -> Result<vertrouwd_core::advisor::CaseDetail, ApiError> {
    s.session.add_case_time(req).await
}

#[tauri::command]
async fn departments(s: Cmd<'_>) -> Result<Vec<String>, ApiError> {
    s.session.departments().await
}

/// Every second: lock when idle too long or after the machine slept, and
/// tell the window so it clears what it shows.
fn spawn_idle_lock(app: tauri::AppHandle, session: Arc<Session>) {
    tauri::async_runtime::spawn(async move {
        let started = Instant::now();
        let clock = SystemClock;
        let mut sleep = SleepDetector::new(clock.now(), started.elapsed());
        loop {
            tokio::time::sleep(Duration::from_secs(1)).await;
            let slept = sleep.tick(clock.now(), started.elapsed());
            let locked_now = if slept {
                let was_open = session.session_info().await.is_ok();
                session.lock().await;
                was_open
            } else {
                session.check_idle().await
            };
            if locked_now {
                let _ = app.emit(LOCKED_EVENT, ());
            }
        }
    });
}

/// Opens the main window as `tauri.conf.json` describes it (incognito: no
/// web storage on disk). WebKitGTK cannot automate an ephemeral context, so
/// only under WebDriver automation (`TAURI_WEBVIEW_AUTOMATION=true`, set by
/// tauri-driver) the window keeps a normal context; the UI writes no web
/// storage either way, and the end-to-end tests check that.
fn open_main_window(app: &tauri::App) -> tauri::Result<()> {
    let automated = std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true");
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or_else(|| tauri::Error::WindowNotFound)?;
    let incognito = config.incognito && !automated;
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .incognito(incognito)
        .build()?;
    Ok(())
}

/// Builds and runs the app.
pub fn run() {
    // The process holds keys and, on screen, the registers' plaintext: a
    // crash must not write them to disk as a core dump.
    if let Err(e) = vertrouwd_core::forbid_memory_dumps() {
        eprintln!("Vertrouwd: cannot turn off memory dumps ({e}); not starting.");
        std::process::exit(1);
    }
    let session = Arc::new(
        Session::new(Arc::new(SystemClock), KdfPolicy::Tuned)
            .remembering(vertrouwd_core::config_dir().join("seen.json")),
    );
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup({
            let session = session.clone();
            move |app| {
                open_main_window(app)?;
                let preferences_file = app.path().app_config_dir()?.join("preferences.json");
                app.manage(AppState {
                    session: session.clone(),
                    preferences_file,
                });
                spawn_idle_lock(app.handle().clone(), session);
                Ok(())
            }
        })
        .on_window_event({
            let session = session.clone();
            move |_window, event| {
                if let tauri::WindowEvent::Destroyed = event {
                    let session = session.clone();
                    tauri::async_runtime::block_on(async move { session.lock().await });
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            vault_status,
            default_vault_dir,
            preferences,
            set_preferences,
            passphrase_strength,
            create_vault,
            unlock,
            reset_passphrase,
            lock,
            touch,
            session_info,
            list_users,
            unknown_key_slots,
            add_user,
            change_passphrase,
            remove_user,
            audit_trail,
            get_settings,
            update_settings,
            backup,
            write_recovery_sheet,
            verify,
            verify_backup,
            restore,
            natures,
            register_settings,
            update_register_settings,
            list_cases,
            case_detail,
            add_case,
            add_conversation,
            add_intervention,
            add_follow_up,
            close_case,
            write_case_file,
            import_cases,
            destruction_list,
            destroy_case,
            purge_expired,
            statistics_preview,
            release_statistics,
            add_consent,
            change_natures,
            add_attachment,
            attachment_preview,
            export_attachment,
            follow_up_done,
            update_case,
            add_case_time,
            departments,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Vertrouwd could not start: {e}");
            std::process::exit(1);
        });
}
