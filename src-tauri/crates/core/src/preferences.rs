//! Per-machine preferences of the desktop app: the interface language and
//! the last vault folder. Kept in the app's config folder, outside the
//! vault; they hold no user data.

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
}
