//! The advisors' statistics releases HR imports for the annual report: a
//! file an advisor signed (`vertrouwd advisor stats release --out`), or a
//! release the advisor published in the vault, sealed to the hr users
//! (`--publish`); refused when its numbers changed after it was signed or
//! when it is not signed at all. The advisor is known by their signing key; the first
//! release of a key is accepted as that advisor's, and HR compares its
//! fingerprint with the one the advisor gives them.

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;
use vertrouwd_vault::audit::Entry;

use super::store;
use crate::compartments::HR;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::releases::{fingerprint, Release, SignedRelease};
use crate::roles::Role;

/// The largest release file read: room for a jaarverslag of up to
/// [`vertrouwd_pdf::append::MAX_INPUT`] in base64 beside the figures.
pub const MAX_RELEASE_BYTES: u64 = 24 << 20;

/// hr.db, for a user with the hr role who holds its key.
fn register(cx: &Context<'_>) -> ApiResult<SqlitePool> {
    cx.pool(HR, Role::Hr, "the annual report is HR's")
}

/// A release as HR sees it in the list of sources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AdvisorRelease {
    pub id: i64,
    pub year: i32,
    /// Who signed it, as they gave their name and organisation.
    pub advisor: String,
    pub organisation: String,
    /// Their signing key's fingerprint, to compare with what the advisor
    /// says it is.
    pub fingerprint: String,
    #[ts(type = "string")]
    pub imported_at: chrono::DateTime<chrono::Utc>,
    /// The first release signed with this key.
    pub new_advisor: bool,
    /// It replaced an earlier release of the same year by the same advisor.
    pub replaced: bool,
    pub release: Release,
}

/// A release file to import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseImportRequest {
    pub path: String,
}

/// Imports an advisor's signed release file into hr.db; a later release
/// of the same year by the same advisor replaces the earlier one.
pub async fn import_advisor_release(
    cx: &Context<'_>,
    req: ReleaseImportRequest,
) -> ApiResult<AdvisorRelease> {
    let pool = register(cx)?;
    let bytes = cx.read_handed_in(std::path::Path::new(req.path.trim()), MAX_RELEASE_BYTES)?;
    let (signed, release) = SignedRelease::read(&bytes)?;
    keep(cx, &pool, signed, release).await
}

/// Takes every release the advisor published for this user in org.db into
/// hr.db (each checked against its signature), and removes it from org.db.
pub async fn fetch_published_releases(cx: &Context<'_>) -> ApiResult<Vec<AdvisorRelease>> {
    let pool = register(cx)?;
    let org = cx.org()?;
    let mut out = vec![];
    for (published, signed, release) in crate::releases::published_for_me(cx, &org).await? {
        let year = release.year.to_string();
        out.push(keep(cx, &pool, signed, release).await?);
        cx.audited(&org, async |tx| {
            crate::releases::taken(tx, published).await?;
            Ok(((), Entry::new("published_release.taken", Some(&year))))
        })
        .await?;
    }
    Ok(out)
}

/// Keeps a verified release in hr.db, with its audit row.
async fn keep(
    cx: &Context<'_>,
    pool: &SqlitePool,
    signed: SignedRelease,
    release: Release,
) -> ApiResult<AdvisorRelease> {
    let file = serde_json::to_string(&signed)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode a release"))?;
    let key = signed.signature.key.clone();
    let object = format!("{}:{}", release.year, &signed.fingerprint()[..9]);
    let (id, new_advisor, replaced) = cx
        .audited(pool, async |tx| {
            let new_advisor = !store::knows_key(tx, &key).await?;
            let (id, replaced) =
                store::keep_release(tx, release.year, &key, &file, cx.now()).await?;
            Ok((
                (id, new_advisor, replaced),
                Entry::new("advisor_release.imported", Some(&object)),
            ))
        })
        .await?;
    Ok(AdvisorRelease {
        id,
        year: release.year,
        advisor: signed.advisor.clone(),
        organisation: signed.organisation.clone(),
        fingerprint: signed.fingerprint(),
        imported_at: cx.now(),
        new_advisor,
        replaced,
        release,
    })
}

/// Every imported release, newest year first, each checked again against
/// its signature: one that no longer verifies (hr.db changed after the
/// import) is refused as a whole.
pub async fn advisor_releases(cx: &Context<'_>) -> ApiResult<Vec<AdvisorRelease>> {
    let pool = register(cx)?;
    let rows = store::releases(&pool).await?;
    let mut out = vec![];
    for (id, year, key, file, imported_at) in rows {
        let changed = || ApiError::new(ErrorCode::Corrupt, "an imported release was changed");
        let (signed, release) = SignedRelease::read(file.as_bytes()).map_err(|_| changed())?;
        if signed.signature.key != key || release.year != year {
            return Err(changed());
        }
        out.push(AdvisorRelease {
            id,
            year,
            advisor: signed.advisor,
            organisation: signed.organisation,
            fingerprint: fingerprint(&key),
            imported_at,
            new_advisor: false,
            replaced: false,
            release,
        });
    }
    Ok(out)
}

/// The advisors' jaarverslagen that came with the imported releases of
/// `year`: (the SHA-256 their signed release names, the PDF), each file
/// checked against its signature again.
pub(super) async fn annual_reports(
    cx: &Context<'_>,
    year: i32,
) -> ApiResult<Vec<(String, Vec<u8>)>> {
    let pool = register(cx)?;
    let mut out = vec![];
    for (_, y, _, file, _) in store::releases(&pool).await? {
        if y != year {
            continue;
        }
        let (signed, release) = SignedRelease::read(file.as_bytes())
            .map_err(|_| ApiError::new(ErrorCode::Corrupt, "an imported release was changed"))?;
        if let (Some(hash), Some(pdf)) = (release.annual_report_sha256, signed.annual_report_pdf())
        {
            out.push((hash, pdf));
        }
    }
    Ok(out)
}
