//! vertrouwd-app: the desktop shell.
//!
//! Thin on purpose: it owns the window, the security settings (CSP and
//! capabilities in `tauri.conf.json` and `capabilities/`), the idle-lock
//! timer, and the commands of core's one list, generated here so that each
//! hands its argument to `vertrouwd-core`'s [`Session`]. No logic lives here.

#![forbid(unsafe_code)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use tauri::{Emitter, Manager, State};
use vertrouwd_core::api::KdfPolicy;
use vertrouwd_core::clock::{Clock, SleepDetector};
use vertrouwd_core::{Session, SystemClock};

/// Sent to the window when the vault locks itself (idle or sleep).
pub const LOCKED_EVENT: &str = "vault-locked";

type Cmd<'a> = State<'a, Arc<Session>>;

/// One Tauri command per entry of core's list, each handing its argument to
/// the `Session` method of the same name; and the handler that knows them
/// all. Their permissions (`allow-<command>`) come from the same list in
/// `build.rs`.
macro_rules! shell_commands {
    ($( $area:ident { $( $name:ident ( $( $arg:ident : $ty:ty )? ) -> $ret:ty $( => $step:ident )? ; )* } )*) => {
        mod commands {
            use super::Cmd;
            use vertrouwd_core::api::wire::*;
            use vertrouwd_core::api::{Answer, ApiError};
            $( $(
                #[tauri::command]
                pub async fn $name(s: Cmd<'_>, $( $arg: $ty )?) -> Result<$ret, ApiError> {
                    Answer::into_result(s.$name($( $arg )?).await)
                }
            )* )*
        }

        fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![ $( $( commands::$name, )* )* ]
        }
    };
}

vertrouwd_core::for_each_command!(shell_commands);

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
    // A user of a version with the former identifier keeps their vault.
    vertrouwd_core::move_former_folders();
    let config = vertrouwd_core::config_dir();
    let session = Arc::new(
        Session::new(Arc::new(SystemClock), KdfPolicy::Tuned)
            .remembering(config.join("seen.json"))
            .with_preferences(config.join("preferences.json")),
    );
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup({
            let session = session.clone();
            move |app| {
                open_main_window(app)?;
                app.manage(session.clone());
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
        .invoke_handler(handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Vertrouwd could not start: {e}");
            std::process::exit(1);
        });
}
