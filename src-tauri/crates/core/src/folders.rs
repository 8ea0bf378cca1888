//! The app's own folders on this computer, named after its identifier
//! ([`APP_ID`], the same as `tauri.conf.json`'s): the config folder
//! (preferences, [`crate::seen`]) and the data folder that holds the
//! default vault.
//!
//! The identifier was once `nl.vertrouwd.app`, which the bundler refuses
//! for macOS (it ends in `.app`, like an application bundle). A user of
//! that version keeps everything: at start-up [`move_former_folders`]
//! renames the former folders to the current ones and points the
//! preferences' vault folders at the new place. Should a rename fail (a
//! read-only home, a folder in use), the former folder is used where it
//! is, so no vault ever seems to be missing and no second one is made by
//! mistake.

use std::path::{Path, PathBuf};

/// The app's identifier: bundle id, and the name of its folders.
pub const APP_ID: &str = "nl.vertrouwd.desktop";

/// Identifiers of earlier versions, whose folders are moved to [`APP_ID`]'s.
pub const FORMER_APP_IDS: &[&str] = &["nl.vertrouwd.app"];

/// The app's config folder (`~/.config/nl.vertrouwd.desktop` on Linux):
/// the preferences and what this computer saw of each vault.
pub fn config_dir() -> PathBuf {
    in_base(&config_base())
}

/// Where a vault lives unless the user picks another folder: the platform's
/// data folder (`~/.local/share/nl.vertrouwd.desktop/vault` on Linux).
pub fn default_vault_dir() -> PathBuf {
    in_base(&data_base()).join("vault")
}

fn config_base() -> PathBuf {
    dirs::config_dir().unwrap_or_else(|| PathBuf::from("."))
}

fn data_base() -> PathBuf {
    dirs::data_dir().unwrap_or_else(|| PathBuf::from("."))
}

/// The app's folder under `base`: the current one, or a former one that is
/// still there while the current one is not.
fn in_base(base: &Path) -> PathBuf {
    let current = base.join(APP_ID);
    if current.exists() {
        return current;
    }
    FORMER_APP_IDS
        .iter()
        .map(|id| base.join(id))
        .find(|former| former.is_dir())
        .unwrap_or(current)
}

/// What [`move_former_folders`] did with one former folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    /// Renamed to the current folder.
    Moved { from: PathBuf, to: PathBuf },
    /// Left where it is: the current folder exists too (both are kept;
    /// the current one is used).
    BothExist { former: PathBuf },
    /// The rename failed; the former folder stays in use.
    Failed { former: PathBuf },
}

/// Moves the folders of a former identifier to the current one, in the
/// platform's config and data folders. Safe to call at every start: it does
/// nothing once the move is done.
pub fn move_former_folders() -> Vec<Move> {
    move_under(&config_base(), &data_base())
}

/// [`move_former_folders`] for given config and data bases (the tests give
/// temporary ones).
pub fn move_under(config_base: &Path, data_base: &Path) -> Vec<Move> {
    move_with(config_base, data_base, &|from, to| {
        std::fs::rename(from, to)
    })
}

type Rename = dyn Fn(&Path, &Path) -> std::io::Result<()>;

fn move_with(config_base: &Path, data_base: &Path, rename: &Rename) -> Vec<Move> {
    let mut moves = Vec::new();
    for base in [data_base, config_base] {
        moves.extend(move_in(base, rename));
    }
    let moved_data: Vec<(PathBuf, PathBuf)> = moves
        .iter()
        .filter_map(|m| match m {
            Move::Moved { from, to } if from.starts_with(data_base) => {
                Some((from.clone(), to.clone()))
            }
            _ => None,
        })
        .collect();
    if !moved_data.is_empty() {
        repoint_preferences(&in_base(config_base), &moved_data);
    }
    moves
}

fn move_in(base: &Path, rename: &Rename) -> Vec<Move> {
    let current = base.join(APP_ID);
    FORMER_APP_IDS
        .iter()
        .map(|id| base.join(id))
        .filter(|former| former.is_dir())
        .map(|former| {
            if current.exists() {
                Move::BothExist { former }
            } else if rename(&former, &current).is_ok() {
                Move::Moved {
                    from: former,
                    to: current.clone(),
                }
            } else {
                Move::Failed { former }
            }
        })
        .collect()
}

/// The preferences name vault folders by path: those inside a moved data
/// folder now live under its new name.
fn repoint_preferences(config: &Path, moved: &[(PathBuf, PathBuf)]) {
    let file = config.join("preferences.json");
    if !file.is_file() {
        return;
    }
    let mut prefs = crate::preferences::load(&file);
    let repoint = |dir: &mut String| {
        for (from, to) in moved {
            if let Ok(rest) = Path::new(dir.as_str()).strip_prefix(from) {
                *dir = to.join(rest).to_string_lossy().into_owned();
                return;
            }
        }
    };
    if let Some(dir) = prefs.vault_dir.as_mut() {
        repoint(dir);
    }
    prefs.recent_vaults.iter_mut().for_each(repoint);
    // Best effort: preferences that cannot be written keep their old paths,
    // which the user can pick again in the unlock screen.
    let _ = crate::preferences::save(&file, &prefs);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preferences::{self, Preferences};

    fn bases() -> (tempfile::TempDir, PathBuf, PathBuf) {
        let home = tempfile::tempdir().expect("tmp");
        let config = home.path().join("config");
        let data = home.path().join("data");
        std::fs::create_dir_all(&config).expect("config");
        std::fs::create_dir_all(&data).expect("data");
        (home, config, data)
    }

    #[test]
    fn a_former_users_folders_and_preferences_move_to_the_new_identifier() {
        let (_home, config, data) = bases();
        let old_data = data.join("nl.vertrouwd.app");
        let old_config = config.join("nl.vertrouwd.app");
        std::fs::create_dir_all(old_data.join("vault")).expect("vault");
        std::fs::write(old_data.join("vault/keyring.json"), b"{}").expect("keyring");
        std::fs::create_dir_all(&old_config).expect("config");
        std::fs::write(old_config.join("seen.json"), b"{\"vaults\":{}}").expect("seen");
        let elsewhere = "/srv/klant-b/vault".to_string();
        preferences::save(
            &old_config.join("preferences.json"),
            &Preferences {
                vault_dir: Some(old_data.join("vault").to_string_lossy().into()),
                recent_vaults: vec![
                    old_data.join("vault").to_string_lossy().into(),
                    elsewhere.clone(),
                ],
                ..Preferences::default()
            },
        )
        .expect("prefs");

        let moves = move_under(&config, &data);

        assert_eq!(moves.len(), 2, "{moves:?}");
        assert!(moves.iter().all(|m| matches!(m, Move::Moved { .. })));
        assert!(!old_data.exists() && !old_config.exists());
        let new_vault = data.join(APP_ID).join("vault");
        assert!(new_vault.join("keyring.json").is_file());
        assert!(config.join(APP_ID).join("seen.json").is_file());
        assert_eq!(in_base(&data).join("vault"), new_vault);
        let prefs = preferences::load(&config.join(APP_ID).join("preferences.json"));
        let new_vault = new_vault.to_string_lossy().into_owned();
        assert_eq!(prefs.vault_dir.as_deref(), Some(new_vault.as_str()));
        assert_eq!(prefs.recent_vaults, [new_vault, elsewhere]);

        assert!(move_under(&config, &data).is_empty(), "once is enough");
    }

    #[test]
    fn when_both_exist_nothing_is_merged_and_the_current_one_is_used() {
        let (_home, config, data) = bases();
        std::fs::create_dir_all(data.join("nl.vertrouwd.app/vault")).expect("old");
        std::fs::create_dir_all(data.join(APP_ID).join("vault")).expect("new");
        let moves = move_under(&config, &data);
        assert_eq!(
            moves,
            [Move::BothExist {
                former: data.join("nl.vertrouwd.app")
            }]
        );
        assert!(data.join("nl.vertrouwd.app/vault").is_dir(), "kept");
        assert_eq!(in_base(&data), data.join(APP_ID));
    }

    #[test]
    fn a_folder_that_cannot_be_moved_stays_in_use() {
        let (_home, config, data) = bases();
        std::fs::create_dir_all(data.join("nl.vertrouwd.app/vault")).expect("old");
        let read_only = |_: &Path, _: &Path| Err(std::io::ErrorKind::PermissionDenied.into());
        let moves = move_with(&config, &data, &read_only);
        assert!(
            matches!(moves.as_slice(), [Move::Failed { .. }]),
            "{moves:?}"
        );
        assert_eq!(in_base(&data), data.join("nl.vertrouwd.app"));
    }

    #[test]
    fn a_new_user_gets_the_current_folders() {
        let (_home, config, data) = bases();
        assert!(move_under(&config, &data).is_empty());
        assert_eq!(in_base(&config), config.join(APP_ID));
    }
}
