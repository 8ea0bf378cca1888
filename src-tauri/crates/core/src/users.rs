//! The users directory in org.db: who can log in, with which roles.
//!
//! Login names and display names live here, inside the encrypted org
//! database; the keyring only has a hash of each login name.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection, SqlitePool};
use ts_rs::TS;

use crate::roles::{self, Role};

/// A user as the UI shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UserInfo {
    pub id: String,
    pub login: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    pub created_at: DateTime<Utc>,
    /// Compartments (of those the viewer holds) whose holders list does not
    /// know this user's key slot: the slot opens nothing there.
    #[serde(default)]
    pub not_holder_of: Vec<String>,
}

#[derive(FromRow)]
struct UserRow {
    id: String,
    login: String,
    display_name: String,
    roles: String,
    created_at: DateTime<Utc>,
}

impl From<UserRow> for UserInfo {
    fn from(r: UserRow) -> Self {
        UserInfo {
            id: r.id,
            login: r.login,
            display_name: r.display_name,
            roles: roles::split(&r.roles),
            created_at: r.created_at,
            not_holder_of: vec![],
        }
    }
}

pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    user: &UserInfo,
    public_key: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO users (id, login, display_name, roles, public_key, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .bind(&user.id)
    .bind(&user.login)
    .bind(&user.display_name)
    .bind(roles::join(&user.roles))
    .bind(public_key)
    .bind(user.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Active users, by display name.
pub async fn list(pool: &SqlitePool) -> sqlx::Result<Vec<UserInfo>> {
    let rows: Vec<UserRow> = sqlx::query_as(
        "SELECT id, login, display_name, roles, created_at FROM users
         WHERE removed_at IS NULL ORDER BY display_name COLLATE NOCASE",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub async fn by_id(pool: &SqlitePool, id: &str) -> sqlx::Result<Option<UserInfo>> {
    let row: Option<UserRow> = sqlx::query_as(
        "SELECT id, login, display_name, roles, created_at FROM users
         WHERE id = ?1 AND removed_at IS NULL",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(Into::into))
}

/// The public key the directory records for an active user.
pub async fn public_key(pool: &SqlitePool, id: &str) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as("SELECT public_key, roles FROM users WHERE id = ?1 AND removed_at IS NULL")
        .bind(id)
        .fetch_optional(pool)
        .await
}

/// Whether the directory lists `id` as removed.
pub async fn is_removed(pool: &SqlitePool, id: &str) -> sqlx::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM users WHERE id = ?1 AND removed_at IS NOT NULL")
            .bind(id)
            .fetch_one(pool)
            .await?;
    Ok(n > 0)
}

/// Display names of every user ever, removed ones too (for the audit trail).
pub async fn names(pool: &SqlitePool) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as("SELECT id, display_name FROM users")
        .fetch_all(pool)
        .await
}

pub(crate) async fn mark_removed(
    conn: &mut SqliteConnection,
    id: &str,
    at: DateTime<Utc>,
    reason: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET removed_at = ?2, removed_reason = ?3 WHERE id = ?1")
        .bind(id)
        .bind(at)
        .bind(reason)
        .execute(conn)
        .await?;
    Ok(())
}
