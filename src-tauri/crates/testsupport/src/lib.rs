//! vertrouwd-testsupport: how tests and benchmarks make a vault.
//!
//! One vault, one first user (`ayse`, "Ayşe Yılmaz", of "Stichting Zorg &
//! Welzijn") with the roles a test asks for, the floor key derivation so
//! tests stay fast, and the two test passphrases. Core's tests, the
//! scenario tests and the benchmarks use this instead of copies of their
//! own. Never a dependency of the app or the command.

use std::path::Path;
use std::sync::Arc;

pub mod workbook;

use chrono::{TimeZone, Utc};
use vertrouwd_core::api::{
    AddUserRequest, AddedUser, ApiResult, CreateVaultRequest, CreatedVault, KdfPolicy, SecretText,
    SessionInfo, UnlockRequest,
};
use vertrouwd_core::roles::{combines_advisor, Role};
use vertrouwd_core::{FixedClock, Session, SystemClock};

/// The first user's passphrase.
pub const PASS: &str = "paars konijn fietst 42 keer";
/// Every other user's passphrase.
pub const PASS_B: &str = "groene olifant zwemt 17 baantjes";
/// The first user's login.
pub const LOGIN: &str = "ayse";

/// A session on the system clock with the fastest allowed key derivation.
pub fn session() -> Session {
    Session::new(Arc::new(SystemClock), KdfPolicy::Floor)
}

/// A session on a clock that stands still at 23 November 2026, 09:00 UTC
/// until the test moves it.
pub fn fixed_session() -> (Session, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
            .single()
            .expect("a valid time"),
    ));
    (Session::new(clock.clone(), KdfPolicy::Floor), clock)
}

/// Makes a vault in `dir` whose first user has `roles` (a combination
/// with the advisor confirmed), and leaves it unlocked in `session`.
pub async fn try_create(
    session: &Session,
    dir: &Path,
    roles: Vec<Role>,
) -> ApiResult<CreatedVault> {
    session
        .create_vault(CreateVaultRequest {
            dir: dir.to_string_lossy().into(),
            organisation: "Stichting Zorg & Welzijn".into(),
            display_name: "Ayşe Yılmaz".into(),
            login: LOGIN.into(),
            confirm_combined_roles: combines_advisor(&roles),
            roles,
            passphrase: SecretText::new(PASS),
            passphrase_repeat: SecretText::new(PASS),
        })
        .await
}

/// [`try_create`], which must succeed.
pub async fn create(session: &Session, dir: &Path, roles: Vec<Role>) -> CreatedVault {
    try_create(session, dir, roles).await.expect("create vault")
}

/// Adds a colleague "Collega {login}" with [`PASS_B`].
pub async fn add(session: &Session, login: &str, roles: Vec<Role>) -> ApiResult<AddedUser> {
    session
        .add_user(AddUserRequest {
            display_name: format!("Collega {login}"),
            login: login.into(),
            roles,
            passphrase: SecretText::new(PASS_B),
            passphrase_repeat: SecretText::new(PASS_B),
            confirm_combined_roles: false,
        })
        .await
}

/// Unlocks the vault in `dir` as `login`.
pub async fn unlock(
    session: &Session,
    dir: &Path,
    login: &str,
    passphrase: &str,
) -> ApiResult<SessionInfo> {
    session
        .unlock(UnlockRequest {
            dir: dir.to_string_lossy().into(),
            login: login.into(),
            passphrase: SecretText::new(passphrase),
        })
        .await
}
