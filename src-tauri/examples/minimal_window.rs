//! The smallest Tauri window this workspace builds: the same `tauri` crate,
//! features and release profile as the app, one window of the app's size
//! showing one line of text, no commands, no plugin, no core. The footprint
//! benchmark (`make bench`, `tests/bench/footprint.py`) measures the app
//! against it: binary size, start time and memory.
//!
//! `cargo build --release -p vertrouwd-app --features custom-protocol --example minimal_window`

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!("examples/minimal/tauri.conf.json"))
        .unwrap_or_else(|e| {
            eprintln!("the minimal window could not start: {e}");
            std::process::exit(1);
        });
}
