//! Who holds a compartment, and which keys a user accepts — decided where
//! an attacker who can write the vault folder cannot reach.
//!
//! - **Holders live inside the compartment.** Each compartment database has
//!   `vault_holders` (user id and public key): only someone who holds the
//!   key can write the database, so only a holder can change the list. A
//!   rotation seals the new key to this list and to nobody else, whatever
//!   keyring.json claims. A slot the list does not know is refused.
//! - **A user pins what they accepted.** The compartment keys a user holds
//!   are kept in their slot sealed under a key derived from their own
//!   private key ([`pin`]); nobody else can make such a pin. When the pinned
//!   key no longer opens the database (a holder rotated it), a key given in
//!   the slot is accepted only if the database it opens remembers the
//!   pinned key among its earlier keys (`vault_key_history`, commitments
//!   under each key): someone who never held the compartment cannot build
//!   such a database. A planted database, or a box sealed by an outsider,
//!   is refused before anything is written into it.
//! - **Re-keys are resumable.** Before a database is re-keyed the commitment
//!   of the new key is written into it (`vault_rekey`); a holder who finds
//!   it at unlock, with the matching key in their slot, finishes the job.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{SqliteConnection, SqlitePool};

use chrono::{DateTime, Utc};

use crate::envelope::{self, Aad, Envelope, KeyPair};
use crate::error::{Result, VaultError};
use crate::secret::SecretKey;

/// The tables every compartment carries; its migrations must create them so.
pub const SCHEMA: &str = include_str!("trust_schema.sql");

/// One holder of a compartment, as the compartment itself records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub user_id: String,
    /// Base64 of the holder's X25519 public key.
    pub public_key: String,
}

/// A commitment to a compartment key: HMAC-SHA256 under the key over the
/// associated-data encoding of ("key-commitment", vault id, compartment).
/// Only someone who knows the key can compute it; it reveals nothing of it.
pub fn commitment(key: &SecretKey, vault_id: &str, compartment: &str) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose_secret_bytes())
        .expect("HMAC takes any key length");
    mac.update(
        Aad::new("key-commitment")
            .with(vault_id)
            .with(compartment)
            .as_bytes(),
    );
    mac.finalize().into_bytes().into()
}

/// Pins `key` for the holder of `pair`: sealed under their pin key, bound
/// to the vault, the user and the compartment.
pub(crate) fn pin(pair: &KeyPair, key: &SecretKey, aad: &Aad) -> Result<Envelope> {
    envelope::seal(&pair.pin_key()?, key.expose_secret_bytes(), aad)
}

/// Opens a pin; a pin someone else made, or changed, fails.
pub(crate) fn open_pin(pair: &KeyPair, pinned: &Envelope, aad: &Aad) -> Result<SecretKey> {
    envelope::open_key(&pair.pin_key()?, pinned, aad).map_err(|_| VaultError::KeyringCorrupt)
}

/// What a database says about its own trust, read before anything is
/// written into it.
#[derive(Debug, Default)]
pub(crate) struct TrustState {
    /// Whether the database has the trust tables at all (databases from
    /// before keyring format 2 do not, until their migrations run).
    pub has_tables: bool,
    pub holders: Vec<Holder>,
    pub history: Vec<Vec<u8>>,
    pub pending: Option<Vec<u8>>,
}

impl TrustState {
    pub fn remembers(&self, commitment: &[u8; 32]) -> bool {
        self.history.iter().any(|c| c.as_slice() == commitment)
    }

    pub fn pending_is(&self, commitment: &[u8; 32]) -> bool {
        self.pending
            .as_deref()
            .is_some_and(|p| p == commitment.as_slice())
    }

    pub fn lists(&self, user_id: &str, public_key: &str) -> bool {
        self.holders
            .iter()
            .any(|h| h.user_id == user_id && h.public_key == public_key)
    }
}

pub(crate) async fn read_state(conn: &mut SqliteConnection) -> Result<TrustState> {
    let tables: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'
         AND name IN ('vault_holders', 'vault_key_history', 'vault_rekey')",
    )
    .fetch_one(&mut *conn)
    .await?;
    if tables < 3 {
        return Ok(TrustState::default());
    }
    let holders: Vec<(String, String)> =
        sqlx::query_as("SELECT user_id, public_key FROM vault_holders ORDER BY user_id")
            .fetch_all(&mut *conn)
            .await?;
    let history: Vec<Vec<u8>> = sqlx::query_scalar("SELECT commitment FROM vault_key_history")
        .fetch_all(&mut *conn)
        .await?;
    let pending: Option<Vec<u8>> = sqlx::query_scalar("SELECT commitment FROM vault_rekey")
        .fetch_optional(&mut *conn)
        .await?;
    Ok(TrustState {
        has_tables: true,
        holders: holders
            .into_iter()
            .map(|(user_id, public_key)| Holder {
                user_id,
                public_key,
            })
            .collect(),
        history,
        pending,
    })
}

/// The holders a compartment records.
pub async fn holders(pool: &SqlitePool) -> Result<Vec<Holder>> {
    let mut conn = pool.acquire().await?;
    Ok(read_state(&mut conn).await?.holders)
}

/// Records a new holder (audited as `holder.added`).
pub(crate) async fn add_holder(
    conn: &mut SqliteConnection,
    holder: &Holder,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO vault_holders (user_id, public_key, added_at, added_by)
         VALUES (?1, ?2, ?3, ?4)",
    )
    .bind(&holder.user_id)
    .bind(&holder.public_key)
    .bind(at)
    .bind(actor)
    .execute(&mut *conn)
    .await?;
    crate::audit::append(conn, at, actor, "holder.added", Some(&holder.user_id)).await?;
    Ok(())
}

/// Removes a holder (audited as `holder.removed`), when listed.
pub(crate) async fn remove_holder(
    conn: &mut SqliteConnection,
    user_id: &str,
    at: DateTime<Utc>,
    actor: &str,
) -> Result<()> {
    let removed = sqlx::query("DELETE FROM vault_holders WHERE user_id = ?1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if removed > 0 {
        crate::audit::append(conn, at, actor, "holder.removed", Some(user_id)).await?;
    }
    Ok(())
}

/// Before a re-key: remembers the current key's commitment and announces
/// the next one (audited as `keys.rotated`, naming whose removal caused it).
pub(crate) async fn start_rekey(
    conn: &mut SqliteConnection,
    current: &[u8; 32],
    next: &[u8; 32],
    at: DateTime<Utc>,
    actor: &str,
    because_of: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT OR IGNORE INTO vault_key_history (commitment, retired_at) VALUES (?1, ?2)")
        .bind(current.as_slice())
        .bind(at)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT OR REPLACE INTO vault_rekey (id, commitment, started_at) VALUES (1, ?1, ?2)",
    )
    .bind(next.as_slice())
    .bind(at)
    .execute(&mut *conn)
    .await?;
    crate::audit::append(conn, at, actor, "keys.rotated", because_of).await?;
    Ok(())
}

/// After a re-key: the announcement is done with.
pub(crate) async fn finish_rekey(pool: &SqlitePool) -> Result<()> {
    sqlx::query("DELETE FROM vault_rekey").execute(pool).await?;
    Ok(())
}

/// Whether the compartment's migrations created the trust tables exactly.
pub(crate) async fn check_tables(pool: &SqlitePool, compartment: &str) -> Result<()> {
    let mut conn = pool.acquire().await?;
    if read_state(&mut conn).await?.has_tables {
        Ok(())
    } else {
        log::error!("compartment {compartment} has no trust tables");
        Err(VaultError::Invalid(
            "a compartment's migrations must create the vault's trust tables",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commitments_bind_key_vault_and_compartment() {
        let a = SecretKey::from_bytes([1; 32]);
        let b = SecretKey::from_bytes([2; 32]);
        let c = commitment(&a, "v", "org");
        assert_eq!(c, commitment(&a, "v", "org"));
        assert_ne!(c, commitment(&b, "v", "org"));
        assert_ne!(c, commitment(&a, "w", "org"));
        assert_ne!(c, commitment(&a, "v", "hr"));
        assert!(!hex::encode(c).contains(&hex::encode([1u8; 4])));
    }

    #[test]
    fn only_the_owner_of_a_key_pair_can_make_or_read_its_pins() {
        let me = KeyPair::generate().expect("kp");
        let other = KeyPair::generate().expect("kp");
        let key = SecretKey::random().expect("key");
        let aad = Aad::new("pinned-key").with("v").with("u").with("org");
        let pinned = pin(&me, &key, &aad).expect("pin");
        let back = open_pin(&me, &pinned, &aad).expect("open");
        assert_eq!(back.expose_secret_bytes(), key.expose_secret_bytes());
        assert!(open_pin(&other, &pinned, &aad).is_err());
        let forged = pin(&other, &key, &aad).expect("pin");
        assert!(
            open_pin(&me, &forged, &aad).is_err(),
            "a pin made by someone else is refused"
        );
        let elsewhere = Aad::new("pinned-key").with("v").with("u").with("hr");
        assert!(open_pin(&me, &pinned, &elsewhere).is_err());
    }
}
