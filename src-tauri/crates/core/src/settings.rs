//! Vault-wide settings in org.db.
//!
//! The idle lock is set for the vault in org.db by HR or the advisor; the
//! advisor also keeps their own in advisor.db, which only they can write,
//! and an advisor's session locks after the shorter of the two. A manager
//! (who holds org.db too) cannot keep the advisor's register open longer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;

pub const ORGANISATION: &str = "organisation";
pub const IDLE_LOCK_SECONDS: &str = "idle_lock_seconds";

/// Default idle time before the vault locks itself: five minutes.
pub const DEFAULT_IDLE_LOCK_SECONDS: u32 = 300;
/// Shortest idle lock accepted (useful for tests and kiosk use).
pub const MIN_IDLE_LOCK_SECONDS: u32 = 3;
/// Longest idle lock accepted: eight hours.
pub const MAX_IDLE_LOCK_SECONDS: u32 = 8 * 3600;

/// The settings as the UI shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    pub organisation: String,
    pub idle_lock_seconds: u32,
}

pub async fn load(pool: &SqlitePool) -> sqlx::Result<Settings> {
    let rows: Vec<(String, String)> = sqlx::query_as("SELECT key, value FROM settings")
        .fetch_all(pool)
        .await?;
    let get = |k: &str| {
        rows.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    Ok(Settings {
        organisation: get(ORGANISATION).unwrap_or_default(),
        idle_lock_seconds: idle_lock(get(IDLE_LOCK_SECONDS).as_deref()),
    })
}

/// An idle lock as stored, clamped to what is accepted: anyone who holds a
/// database can write any value into it, and a session never stays open
/// longer than eight hours because of that.
pub fn idle_lock(stored: Option<&str>) -> u32 {
    stored
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|v| {
            v.clamp(
                u64::from(MIN_IDLE_LOCK_SECONDS),
                u64::from(MAX_IDLE_LOCK_SECONDS),
            ) as u32
        })
        .unwrap_or(DEFAULT_IDLE_LOCK_SECONDS)
}

pub(crate) async fn set(conn: &mut SqliteConnection, key: &str, value: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets a setting and records in the audit trail which one changed (never
/// its value), in the caller's transaction.
pub(crate) async fn change(
    conn: &mut SqliteConnection,
    at: DateTime<Utc>,
    actor: &str,
    key: &str,
    value: &str,
) -> Result<(), vertrouwd_vault::VaultError> {
    set(conn, key, value).await?;
    vertrouwd_vault::audit::append(conn, at, actor, "settings.changed", Some(key)).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::compartments::LAYOUT;

    #[test]
    fn a_stored_idle_lock_is_clamped() {
        assert_eq!(
            super::idle_lock(Some("4294967295")),
            super::MAX_IDLE_LOCK_SECONDS
        );
        assert_eq!(
            super::idle_lock(Some("99999999999999999999")),
            super::DEFAULT_IDLE_LOCK_SECONDS
        );
        assert_eq!(super::idle_lock(Some("0")), super::MIN_IDLE_LOCK_SECONDS);
        assert_eq!(super::idle_lock(Some("600")), 600);
        assert_eq!(super::idle_lock(None), super::DEFAULT_IDLE_LOCK_SECONDS);
    }

    #[test]
    fn every_compartment_creates_the_trust_tables_exactly_as_the_vault_expects() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        for spec in LAYOUT {
            let all: String = std::fs::read_dir(dir.join(spec.name))
                .expect("migrations")
                .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("read"))
                .collect();
            assert!(
                all.contains(vertrouwd_vault::trust::SCHEMA.trim()),
                "{}: a migration must contain vertrouwd-vault's trust schema verbatim",
                spec.name
            );
        }
    }

    #[test]
    fn every_compartment_creates_the_audit_table_exactly_as_the_vault_expects() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        for spec in LAYOUT {
            let first = std::fs::read_to_string(dir.join(spec.name).join("0001_init.sql"))
                .expect("migration");
            assert!(
                first.contains(vertrouwd_vault::audit::SCHEMA.trim()),
                "{}: 0001_init.sql must contain vertrouwd-vault's audit schema verbatim",
                spec.name
            );
        }
    }
}
