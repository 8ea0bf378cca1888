//! What this computer saw of each vault, kept outside the vault (in the
//! app's config folder, `seen.json`), so that a vault folder that went back
//! in time — a sync client's version history, a copy put back — is noticed.
//!
//! Per vault id: the highest keyring generation seen, the users whose keys
//! were pinned here, and for each compartment the newest audit row seen
//! (sequence number and hash; the audit trail records every change and is
//! hash-chained inside the encrypted database, so an older copy of a
//! database lacks that row or has another one in its place). No user data:
//! ids, counters and hashes.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{ApiError, ApiResult, ErrorCode};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    #[serde(default)]
    pub vaults: BTreeMap<String, VaultSeen>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultSeen {
    pub keyring_generation: u64,
    /// Users whose slot had pins when they unlocked here.
    #[serde(default)]
    pub pinned_users: Vec<String>,
    #[serde(default)]
    pub compartments: BTreeMap<String, AuditHead>,
    pub at: Option<DateTime<Utc>>,
}

/// The newest audit row of a compartment: its number and hash (hex).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

/// Reads the memory; a missing or damaged file remembers nothing.
pub fn load(file: &Path) -> Seen {
    std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Writes the memory atomically, 0600.
pub fn save(file: &Path, seen: &Seen) -> ApiResult<()> {
    let dir = file
        .parent()
        .ok_or_else(|| ApiError::new(ErrorCode::Internal, "no config folder"))?;
    vertrouwd_vault::files::create_private_dir(dir)?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("seen.json");
    let json =
        serde_json::to_vec_pretty(seen).map_err(|_| ApiError::new(ErrorCode::Internal, "seen"))?;
    vertrouwd_vault::files::write_atomically(dir, name, &json)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_a_damaged_file_remembers_nothing() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("cfg/seen.json");
        assert_eq!(load(&file), Seen::default());
        let mut seen = Seen::default();
        seen.vaults.insert(
            "v".into(),
            VaultSeen {
                keyring_generation: 7,
                pinned_users: vec!["u".into()],
                compartments: [(
                    "org".to_string(),
                    AuditHead {
                        seq: 3,
                        hash: "ab".into(),
                    },
                )]
                .into(),
                at: None,
            },
        );
        save(&file, &seen).expect("save");
        assert_eq!(load(&file), seen);
        std::fs::write(&file, b"{").expect("write");
        assert_eq!(load(&file), Seen::default());
    }
}
