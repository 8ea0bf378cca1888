//! Per-machine preferences of the desktop app: the interface language, the
//! last vault folder and the ones used before it (an external advisor
//! keeps a vault per organisation and switches between them). Kept in the
//! app's config folder, outside the vault; they hold no user data.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ApiError, ApiResult, ErrorCode};

pub use crate::language::Language;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct Preferences {
    #[serde(default)]
    pub language: Language,
    /// The vault folder used last; `None` means the default folder.
    #[serde(default)]
    pub vault_dir: Option<String>,
    /// The vault folders used recently, the last first (at most
    /// [`MAX_RECENT`]); kept up to date when the preferences are saved.
    #[serde(default)]
    pub recent_vaults: Vec<String>,
}

/// How many recent vault folders are remembered.
pub const MAX_RECENT: usize = 6;

impl Preferences {
    /// The last vault folder first among the recent ones, each once.
    pub fn with_recent(mut self) -> Self {
        if let Some(dir) = self.vault_dir.clone() {
            self.recent_vaults.retain(|d| *d != dir);
            self.recent_vaults.insert(0, dir);
        }
        self.recent_vaults.truncate(MAX_RECENT);
        self
    }
}

/// Reads the preferences; a missing or unreadable file gives the defaults.
pub fn load(file: &Path) -> Preferences {
    std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Writes the preferences atomically.
pub fn save(file: &Path, prefs: &Preferences) -> ApiResult<()> {
    let dir = file
        .parent()
        .ok_or_else(|| ApiError::new(ErrorCode::Internal, "no config folder"))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| ApiError::from(vertrouwd_vault::VaultError::from(e)))?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("preferences.json");
    let json = serde_json::to_vec_pretty(prefs)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "preferences"))?;
    vertrouwd_vault::files::write_atomically(dir, name, &json)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("sub/preferences.json");
        assert_eq!(load(&file), Preferences::default());
        let p = Preferences {
            language: Language::En,
            vault_dir: Some("/x".into()),
            recent_vaults: vec![],
        };
        save(&file, &p).expect("save");
        assert_eq!(load(&file), p);
        std::fs::write(&file, b"{garbage").expect("write");
        assert_eq!(
            load(&file),
            Preferences::default(),
            "a damaged file falls back to defaults"
        );
    }

    #[test]
    fn the_last_vault_comes_first_among_the_recent_ones_each_once() {
        let mut p = Preferences::default();
        for dir in ["/a", "/b", "/a", "/c", "/d", "/e", "/f", "/g"] {
            p.vault_dir = Some(dir.into());
            p = p.with_recent();
        }
        assert_eq!(p.recent_vaults, ["/g", "/f", "/e", "/d", "/c", "/a"]);
    }
}
