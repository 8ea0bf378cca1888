//! The one way to open a compartment database.
//!
//! [`open_compartment`] gives SQLCipher the raw key before anything else,
//! sets every pragma, turns statement logging off (sqlx would otherwise log
//! the key pragma), reads once so a wrong key fails here and not later, and
//! asserts the pragmas took effect. Nothing else in the project opens a
//! connection (enforced by `clippy.toml`); [`inspect`] is the same door
//! opened read-only, to look at a database before trusting it.
//!
//! The key is kept once, in the [`SecretKey`] the pool shares with the
//! unlocked vault (zeroized when the last holder drops it). It is not put
//! into sqlx's connection options, which would keep a readable copy for the
//! pool's life, and its pragma is sent as raw SQL, which sqlx does not keep
//! in its statement cache.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use log::LevelFilter;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection, SqlitePool};
use zeroize::Zeroizing;

use crate::error::{Result, VaultError};
use crate::secret::SecretKey;

/// Whether opening may create the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    Existing,
    Create,
}

/// A compartment's name and its migrations.
#[derive(Debug, Clone, Copy)]
pub struct CompartmentSpec {
    pub name: &'static str,
    pub migrator: &'static Migrator,
}

impl CompartmentSpec {
    pub fn file_name(&self) -> String {
        format!("{}.db", self.name)
    }
}

/// The pragmas every connection must have, and the values they read back as.
const REQUIRED_PRAGMAS: &[(&str, &str)] = &[
    ("journal_mode", "wal"),
    ("synchronous", "2"),
    ("foreign_keys", "1"),
    ("temp_store", "2"),
    ("secure_delete", "1"),
];

/// The pragmas set on every connection after the key.
const SETTINGS: &[&str] = &[
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA cache_size = -32768",
];
// cache_size: 32 MiB of decrypted pages in memory (never on disk:
// temp_store is MEMORY), so lists and statistics do not decrypt the file
// again.

/// Options without any key: sqlx runs only its own harmless default
/// (`foreign_keys`, which does not read the file) before our first
/// statement, which is the key.
fn connect_options(path: &Path, mode: OpenMode) -> SqliteConnectOptions {
    SqliteConnectOptions::from_str("sqlite://")
        .expect("static url")
        .filename(path)
        .create_if_missing(mode == OpenMode::Create)
        .busy_timeout(Duration::from_secs(10))
        .log_statements(LevelFilter::Off)
        .log_slow_statements(LevelFilter::Off, Duration::from_secs(3600))
}

/// Sends the key pragma, not cached and not logged, from a zeroized string.
async fn send_key(conn: &mut SqliteConnection, key: &SecretKey) -> sqlx::Result<()> {
    let stmt = Zeroizing::new(format!(
        "PRAGMA key = {}",
        key.expose_as_sqlcipher_raw_key().as_str()
    ));
    sqlx::query(stmt.as_str())
        .persistent(false)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The key, then every setting, then the checks.
async fn prepare_connection(conn: &mut SqliteConnection, key: &SecretKey) -> Result<()> {
    send_key(conn, key).await?;
    for setting in SETTINGS {
        sqlx::query(setting).execute(&mut *conn).await?;
    }
    check_connection(conn).await
}

/// Opens (or creates) the compartment database at `path` with `key`, checks
/// every pragma, and runs the compartment's migrations.
///
/// A database that does not open with the key is reported as
/// [`VaultError::DatabaseCorrupt`]; one with migrations this binary does not
/// know as [`VaultError::DatabaseTooNew`].
pub async fn open_compartment(
    path: &Path,
    spec: &CompartmentSpec,
    key: Arc<SecretKey>,
    mode: OpenMode,
) -> Result<SqlitePool> {
    if mode == OpenMode::Existing && !path.is_file() {
        return Err(VaultError::DatabaseCorrupt(spec.name.into()));
    }
    if mode == OpenMode::Create && !path.exists() {
        // SQLite would create the file 0644 (its WAL and shm take the
        // database's mode): create it 0600 first.
        crate::files::create_new_private(path)?;
    }
    let name = spec.name;
    #[allow(clippy::disallowed_methods)] // this is the one door
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .idle_timeout(None)
        .max_lifetime(None)
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _meta| {
            let key = Arc::clone(&key);
            Box::pin(async move {
                prepare_connection(conn, &key)
                    .await
                    .map_err(|e| sqlx::Error::Protocol(e.to_string()))
            })
        })
        .connect_with(connect_options(path, mode))
        .await
        .map_err(|e| open_error(path, name, e))?;
    // A set of pending migrations is applied all or nothing: sqlx commits
    // each migration on its own, so the file is copied first and put back
    // if any of them fails.
    let safety_copy = if mode == OpenMode::Existing && has_pending(&pool, spec.migrator).await? {
        checkpoint(&pool).await?;
        let copy = path.with_extension("db.before-migration");
        std::fs::copy(path, &copy)?;
        Some(copy)
    } else {
        None
    };
    let migrated = spec.migrator.run(&pool).await.map_err(|e| match e {
        MigrateError::VersionMissing(_) => VaultError::DatabaseTooNew(name.into()),
        MigrateError::Execute(sqlx::Error::Database(db)) if db.code().as_deref() == Some("13") => {
            VaultError::DiskFull
        }
        _ => VaultError::Migration(name.into()),
    });
    match (migrated, safety_copy) {
        (Ok(()), copy) => {
            if let Some(copy) = copy {
                std::fs::remove_file(copy)?;
            }
            if let Err(e) = crate::trust::check_tables(&pool, name).await {
                pool.close().await;
                return Err(e);
            }
            Ok(pool)
        }
        (Err(e), Some(copy)) => {
            pool.close().await;
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            std::fs::rename(&copy, path)?;
            Err(e)
        }
        (Err(e), None) => {
            pool.close().await;
            Err(e)
        }
    }
}

/// Opens the database at `path` read-only with `key`, runs no migration
/// and changes no setting, and reads what it says about its own trust.
/// A key that does not open it gives [`VaultError::DatabaseCorrupt`].
pub(crate) async fn inspect(
    path: &Path,
    name: &str,
    key: &SecretKey,
) -> Result<crate::trust::TrustState> {
    if !path.is_file() {
        return Err(VaultError::DatabaseCorrupt(name.into()));
    }
    let options = connect_options(path, OpenMode::Existing).read_only(true);
    #[allow(clippy::disallowed_methods)] // the same door, read-only
    let mut conn = options
        .connect()
        .await
        .map_err(|e| open_error(path, name, e))?;
    let state = async {
        send_key(&mut conn, key).await?;
        sqlx::query("SELECT count(*) FROM sqlite_master")
            .persistent(false)
            .fetch_one(&mut conn)
            .await?;
        Ok::<_, sqlx::Error>(())
    }
    .await;
    let result = match state {
        Ok(()) => crate::trust::read_state(&mut conn).await,
        Err(e) => Err(open_error(path, name, e)),
    };
    let _ = conn.close().await;
    result
}

/// Whether `migrator` has migrations the database has not applied.
async fn has_pending(pool: &SqlitePool, migrator: &Migrator) -> Result<bool> {
    let table: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(pool)
    .await?;
    if table == 0 {
        return Ok(migrator.iter().next().is_some());
    }
    let applied: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = 1")
            .fetch_all(pool)
            .await?;
    Ok(migrator.iter().any(|m| !applied.contains(&m.version)))
}

async fn check_connection(conn: &mut sqlx::SqliteConnection) -> Result<()> {
    // The first read: a wrong key or a damaged file fails here.
    sqlx::query("SELECT count(*) FROM sqlite_master")
        .fetch_one(&mut *conn)
        .await?;
    let version: Option<String> = sqlx::query_scalar("PRAGMA cipher_version")
        .fetch_optional(&mut *conn)
        .await?;
    if version.is_none_or(|v| v.is_empty()) {
        return Err(VaultError::Invalid("SQLCipher is not linked"));
    }
    for (pragma, want) in REQUIRED_PRAGMAS {
        let row = sqlx::query(&format!("PRAGMA {pragma}"))
            .fetch_one(&mut *conn)
            .await?;
        let got: String = match row.try_get::<String, _>(0) {
            Ok(s) => s.to_lowercase(),
            Err(_) => row.try_get::<i64, _>(0)?.to_string(),
        };
        if got != *want {
            return Err(VaultError::Invalid(
                "a required database setting did not take effect",
            ));
        }
    }
    Ok(())
}

fn open_error(path: &Path, name: &str, e: sqlx::Error) -> VaultError {
    // A database SQLite cannot open for writing: say so when the file system
    // refuses writes, rather than calling the file damaged. (Opening for
    // write without truncating changes nothing.)
    if path.is_file() {
        if let Err(io) = std::fs::OpenOptions::new().append(true).open(path) {
            if let err @ (VaultError::ReadOnly | VaultError::DiskFull) = VaultError::from(io) {
                return err;
            }
        }
    }
    if let sqlx::Error::Database(db) = &e {
        // 26 SQLITE_NOTADB (wrong key or not a database), 11 SQLITE_CORRUPT.
        let code = db
            .code()
            .as_deref()
            .and_then(|c| c.parse::<i32>().ok())
            .map(|c| c & 0xff);
        if matches!(code, Some(26) | Some(11)) {
            return VaultError::DatabaseCorrupt(name.into());
        }
    }
    if let sqlx::Error::Protocol(msg) = &e {
        if msg.contains("not a database") || msg.contains("malformed") {
            return VaultError::DatabaseCorrupt(name.into());
        }
    }
    match VaultError::from(e) {
        VaultError::Database(_) => VaultError::DatabaseCorrupt(name.into()),
        other => other,
    }
}

/// Takes the database out of WAL mode so it can be re-keyed (SQLCipher
/// cannot re-key in WAL mode): empties the WAL and switches to DELETE.
/// Fails with [`VaultError::Busy`] within two seconds when another program
/// has the database open; nothing has changed then.
pub async fn prepare_rekey(pool: &SqlitePool) -> Result<()> {
    let mut conn = pool.acquire().await?;
    sqlx::query("PRAGMA busy_timeout = 2000")
        .execute(&mut *conn)
        .await?;
    let switched = async {
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut *conn)
            .await?;
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode=DELETE")
            .fetch_one(&mut *conn)
            .await?;
        if mode.to_lowercase() != "delete" {
            return Err(VaultError::Busy);
        }
        Ok(())
    }
    .await;
    sqlx::query("PRAGMA busy_timeout = 10000")
        .execute(&mut *conn)
        .await?;
    switched
}

/// Puts a database that [`prepare_rekey`] switched back into WAL mode,
/// when the re-key is called off.
pub async fn cancel_rekey(pool: &SqlitePool) -> Result<()> {
    sqlx::query("PRAGMA journal_mode=WAL").execute(pool).await?;
    Ok(())
}

/// Re-encrypts a database prepared by [`prepare_rekey`] with `new_key` and
/// returns it to WAL mode. The pool must then be closed and the database
/// reopened with the new key.
pub async fn rekey(pool: &SqlitePool, new_key: &SecretKey) -> Result<()> {
    let mut conn = pool.acquire().await?;
    let stmt = Zeroizing::new(format!(
        "PRAGMA rekey = {}",
        new_key.expose_as_sqlcipher_raw_key().as_str()
    ));
    sqlx::query(stmt.as_str())
        .persistent(false)
        .execute(&mut *conn)
        .await?;
    sqlx::query("PRAGMA journal_mode=WAL")
        .execute(&mut *conn)
        .await?;
    conn.close().await?;
    Ok(())
}

/// Runs SQLite's and SQLCipher's integrity checks; returns the problems found.
pub async fn integrity_problems(pool: &SqlitePool) -> Result<Vec<String>> {
    let mut problems = vec![];
    let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(pool)
        .await?;
    problems.extend(rows.into_iter().filter(|r| r != "ok"));
    let rows: Vec<String> = sqlx::query_scalar("PRAGMA cipher_integrity_check")
        .fetch_all(pool)
        .await?;
    problems.extend(rows);
    Ok(problems)
}

/// Empties the WAL into the database file, so the file alone is complete.
pub async fn checkpoint(pool: &SqlitePool) -> Result<()> {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await?;
    Ok(())
}

/// Writes a consistent encrypted copy of the open database to `dest` (which
/// must not exist), keyed with the same key, through `sqlcipher_export`.
pub async fn export_copy(pool: &SqlitePool, key: &SecretKey, dest: &Path) -> Result<()> {
    // An attached database is opened with the main connection's flags, which
    // do not include "create": an empty file is an empty database.
    crate::files::create_new_private(dest)?;
    let dest = dest
        .to_str()
        .ok_or(VaultError::Invalid("the backup path is not valid text"))?;
    let mut conn = pool.acquire().await?;
    let raw = key.expose_as_sqlcipher_raw_key();
    // ATTACH's KEY takes the raw-key form without the outer double quotes.
    let bare = Zeroizing::new(raw[1..raw.len() - 1].to_string());
    sqlx::query("ATTACH DATABASE ?1 AS backup_copy KEY ?2")
        .bind(dest)
        .bind(bare.as_str())
        .persistent(false)
        .execute(&mut *conn)
        .await?;
    let exported = sqlx::query("SELECT sqlcipher_export('backup_copy')")
        .execute(&mut *conn)
        .await;
    let detached = sqlx::query("DETACH DATABASE backup_copy")
        .execute(&mut *conn)
        .await;
    exported?;
    detached?;
    Ok(())
}
