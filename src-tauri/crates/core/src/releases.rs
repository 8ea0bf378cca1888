//! A statistics release as it leaves the advisor's register: the year's
//! figures after disclosure control ([`crate::disclosure`]) and nothing
//! else, and the file form HR imports — the release signed by the advisor
//! who made it, so that a number changed on the way is noticed.
//!
//! The file (`vertrouwd.advisor-release/1`) carries the release as the
//! exact text that was signed (`body`), the advisor's name and
//! organisation as they gave them, and an Ed25519 signature over
//! `"vertrouwd advisor-release v1\0"` followed by the body, with the key
//! that verifies it (derived from the advisor's own private key, so the
//! same for every release of that advisor). The advisor's jaarverslag may
//! travel with it (`annual_report`, the PDF in base64); the signed body
//! then names the PDF's SHA-256 (`annual_report_sha256`).
//!
//! Published inside the vault, a release goes into org.db — which managers
//! hold too — sealed: the signed file under a key of its own, and that key
//! sealed to each user with the hr role, with the public key the advisor
//! accepted for them ([`crate::context::Context::vouch`]). An hr user takes
//! it into hr.db from there.

use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;
use vertrouwd_vault::envelope::{self, Signature};
use vertrouwd_vault::{Holder, SecretKey};

use crate::context::Context;
use crate::roles::Role;

use crate::disclosure::{AppendixLine, Breakdown, Cell};
use crate::error::{ApiError, ApiResult, ErrorCode, Invalid, Reason};

/// The version of the release file's layout. Format 2 gave the hours of a
/// year below k exactly; format 3 gives them as a band.
pub const SCHEMA: &str = "vertrouwd.advisor-statistics/3";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Hours {
    /// Hours spent on cases active in the year, to one decimal; absent
    /// when the year is below k ([`Hours::band`] stands in its place).
    pub total: Option<f64>,
    /// When the year is below k, the band its hours fall in.
    pub band: Option<HoursBand>,
    /// The median hours per case; absent when the year is below k.
    pub median_per_case: Option<f64>,
}

/// A range of hours: from `from` up to (not including) `to`, or `from` and
/// more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HoursBand {
    pub from: u32,
    pub to: Option<u32>,
}

/// Where the bands of [`HoursBand`] begin, in hours.
const BANDS: [u32; 6] = [0, 10, 25, 50, 100, 200];

impl HoursBand {
    /// The band `hours` falls in.
    pub fn of(hours: f64) -> Self {
        let at = BANDS
            .iter()
            .rposition(|b| hours >= f64::from(*b))
            .unwrap_or(0);
        HoursBand {
            from: BANDS[at],
            to: BANDS.get(at + 1).copied(),
        }
    }
}

/// The release exactly as it leaves advisor.db.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Release {
    pub schema: String,
    pub year: i32,
    pub k: u32,
    /// The year's number of cases was below k: only that fact and the
    /// hours are released.
    pub below_k: bool,
    /// The number of cases active in the year, when at least k.
    pub cases: Option<u32>,
    pub conversations: Option<Cell>,
    pub hours: Hours,
    pub breakdowns: Vec<Breakdown>,
    pub appendix: Vec<AppendixLine>,
    /// The SHA-256 (hex) of the advisor's jaarverslag when it travels with
    /// the release ([`SignedRelease::annual_report`]): signed with the
    /// figures, so that the PDF cannot be swapped on the way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub annual_report_sha256: Option<String>,
    /// The year's prevention and information activities by kind (no
    /// topic, no date): what HR's report says of prevention. Absent from
    /// releases made before they were counted.
    #[serde(default)]
    pub activities: Vec<ActivityTotal>,
}

/// The activities of one kind in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivityTotal {
    /// `prevention_session`, `information_meeting` or `other`.
    pub kind: String,
    pub sessions: u32,
    pub participants: u32,
    pub minutes: u32,
}

/// Totals of several sources added up by kind, in the order first seen.
pub fn add_activities<'a>(all: impl IntoIterator<Item = &'a ActivityTotal>) -> Vec<ActivityTotal> {
    let mut out: Vec<ActivityTotal> = vec![];
    for a in all {
        match out.iter_mut().find(|o| o.kind == a.kind) {
            Some(o) => {
                o.sessions += a.sessions;
                o.participants += a.participants;
                o.minutes += a.minutes;
            }
            None => out.push(a.clone()),
        }
    }
    out
}

/// The file form of a release.
pub const FILE_FORMAT: &str = "vertrouwd.advisor-release/1";

/// What a signature covers, before the body: a release's signature can
/// never be taken for another kind of signed text.
const SIGNED_CONTEXT: &[u8] = b"vertrouwd advisor-release v1\0";

/// A release as a file for HR: the body exactly as signed, who released
/// it, and the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedRelease {
    pub format: String,
    /// The advisor's name and organisation, as they gave them (shown to
    /// HR, who checks them; the key is what identifies the advisor).
    pub advisor: String,
    pub organisation: String,
    /// The release as JSON, exactly the text that was signed.
    pub body: String,
    pub signature: Signature,
    /// The advisor's jaarverslag of the year as PDF (base64), when it was
    /// given with the release; its hash is in the signed body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub annual_report: Option<String>,
}

fn signed_message(body: &str) -> Vec<u8> {
    let mut message = SIGNED_CONTEXT.to_vec();
    message.extend_from_slice(body.as_bytes());
    message
}

impl SignedRelease {
    /// Signs `release` with `sign` (the advisor's signing key).
    pub fn new(
        release: &Release,
        advisor: &str,
        organisation: &str,
        sign: impl FnOnce(&[u8]) -> ApiResult<Signature>,
    ) -> ApiResult<Self> {
        let body = serde_json::to_string(release)
            .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode a release"))?;
        let signature = sign(&signed_message(&body))?;
        Ok(SignedRelease {
            format: FILE_FORMAT.into(),
            advisor: advisor.into(),
            organisation: organisation.into(),
            body,
            signature,
            annual_report: None,
        })
    }

    /// Signs `release` with the advisor's jaarverslag `pdf` beside it: the
    /// release names the PDF's hash, so the signature covers both.
    pub fn with_annual_report(
        release: &Release,
        pdf: &[u8],
        advisor: &str,
        organisation: &str,
        sign: impl FnOnce(&[u8]) -> ApiResult<Signature>,
    ) -> ApiResult<Self> {
        use base64::Engine;
        let release = Release {
            annual_report_sha256: Some(sha256_hex(pdf)),
            ..release.clone()
        };
        let mut signed = Self::new(&release, advisor, organisation, sign)?;
        signed.annual_report = Some(base64::engine::general_purpose::STANDARD.encode(pdf));
        Ok(signed)
    }

    /// The jaarverslag that travels with the release, when one does. Only
    /// call on a file [`SignedRelease::read`] accepted.
    pub fn annual_report_pdf(&self) -> Option<Vec<u8>> {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(self.annual_report.as_deref()?)
            .ok()
    }

    /// Reads a release file: its format, its signature over the body
    /// exactly, and a body that is a release of this layout. A file whose
    /// numbers were changed after it was signed does not verify
    /// (`tampered`); an unsigned release (a release file of before
    /// format 3) is refused (`unsigned`).
    pub fn read(bytes: &[u8]) -> Result<(SignedRelease, Release), Invalid> {
        let file: SignedRelease = match serde_json::from_slice(bytes) {
            Ok(f) => f,
            Err(_) => {
                let plain = serde_json::from_slice::<serde_json::Value>(bytes)
                    .ok()
                    .and_then(|v| v.get("schema").cloned());
                let reason = if plain.is_some() {
                    Reason::Unsigned
                } else {
                    Reason::InvalidJson
                };
                return Err(Invalid::new("file", reason));
            }
        };
        if file.format != FILE_FORMAT {
            return Err(Invalid::new("file", Reason::InvalidJson));
        }
        if !file.signature.verifies(&signed_message(&file.body)) {
            return Err(Invalid::new("file", Reason::Tampered));
        }
        let release: Release = serde_json::from_str(&file.body)
            .map_err(|_| Invalid::new("file", Reason::InvalidJson))?;
        if release.schema != SCHEMA {
            return Err(Invalid::new("file", Reason::InvalidJson));
        }
        // A jaarverslag beside the release is the one the signature names,
        // or the file is refused: none added, swapped or taken away.
        let pdf_hash = file.annual_report_pdf().map(|pdf| sha256_hex(&pdf));
        if file.annual_report.is_some() != pdf_hash.is_some()
            || pdf_hash != release.annual_report_sha256
        {
            return Err(Invalid::new("file", Reason::Tampered));
        }
        Ok((file, release))
    }

    /// The advisor's key as people compare it: the first 16 bytes of its
    /// SHA-256, in groups of four hex digits.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.signature.key)
    }
}

/// SHA-256 in lower-case hex.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A signing key's fingerprint (see [`SignedRelease::fingerprint`]).
pub fn fingerprint(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    digest[..16]
        .chunks(2)
        .map(|c| format!("{:02X}{:02X}", c[0], c[1]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The associated data of a published release's sealed file.
pub fn published_aad(vault_id: &str, id: i64) -> vertrouwd_vault::envelope::Aad {
    vertrouwd_vault::envelope::Aad::new("published-release")
        .with(vault_id)
        .with(&id.to_string())
}

/// The associated data of a published release's key, sealed to `holder`.
pub fn published_key_aad(vault_id: &str, id: i64, holder: &str) -> vertrouwd_vault::envelope::Aad {
    vertrouwd_vault::envelope::Aad::new("published-release-key")
        .with(vault_id)
        .with(&id.to_string())
        .with(holder)
}

/// The users a published release is sealed to: the users directory's hr
/// users, each as org.db's holders list gives their key and as the
/// publishing user accepted it.
pub async fn hr_readers(cx: &Context<'_>, org: &SqlitePool) -> ApiResult<Vec<Holder>> {
    let holders = vertrouwd_vault::trust::holders(org).await?;
    let mut out = vec![];
    for user in crate::users::list(org).await? {
        if !user.roles.contains(&Role::Hr) {
            continue;
        }
        if let Some(h) = holders.iter().find(|h| h.user_id == user.id) {
            cx.vouch(h)?;
            out.push(h.clone());
        }
    }
    Ok(out)
}

/// Publishes `signed` in org.db for `readers`: the file sealed under a key
/// of its own, the key sealed to each reader.
pub async fn publish(
    cx: &Context<'_>,
    org: &mut SqliteConnection,
    year: i32,
    signed: &SignedRelease,
    readers: &[Holder],
) -> ApiResult<()> {
    let json = zeroize::Zeroizing::new(
        serde_json::to_vec(signed)
            .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode a release"))?,
    );
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO published_releases (year, published_at, sealed) VALUES (?1, ?2, x'')
         RETURNING id",
    )
    .bind(year)
    .bind(cx.now())
    .fetch_one(&mut *org)
    .await?;
    let key = SecretKey::random()?;
    let sealed = envelope::seal_bytes(&key, &json, &published_aad(cx.vault_id(), id))?;
    sqlx::query("UPDATE published_releases SET sealed = ?2 WHERE id = ?1")
        .bind(id)
        .bind(sealed)
        .execute(&mut *org)
        .await?;
    for reader in readers {
        let sb = envelope::seal_to(
            &reader.public_key,
            &key,
            &published_key_aad(cx.vault_id(), id, &reader.user_id),
        )?;
        let sb = serde_json::to_string(&sb)
            .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode a box"))?;
        sqlx::query(
            "INSERT INTO published_release_boxes (release_id, holder, sealed) VALUES (?1, ?2, ?3)",
        )
        .bind(id)
        .bind(&reader.user_id)
        .bind(sb)
        .execute(&mut *org)
        .await?;
    }
    Ok(())
}

/// The releases published in org.db that the acting user can open, each
/// checked against its signature: (its row in org.db, the file, the
/// release). One whose file does not open or verify is refused.
pub async fn published_for_me(
    cx: &Context<'_>,
    org: &SqlitePool,
) -> ApiResult<Vec<(i64, SignedRelease, Release)>> {
    let rows: Vec<(i64, Vec<u8>, String)> = sqlx::query_as(
        "SELECT r.id, r.sealed, b.sealed FROM published_releases r
           JOIN published_release_boxes b ON b.release_id = r.id
          WHERE b.holder = ?1 ORDER BY r.id",
    )
    .bind(cx.actor())
    .fetch_all(org)
    .await?;
    let mut out = vec![];
    for (id, sealed, box_json) in rows {
        let corrupt = || ApiError::new(ErrorCode::Corrupt, "a published release could not be read");
        let sb: envelope::SealedBox = serde_json::from_str(&box_json).map_err(|_| corrupt())?;
        let key = cx.open_sealed(&sb, &published_key_aad(cx.vault_id(), id, cx.actor()))?;
        let json = envelope::open_bytes(&key, &sealed, &published_aad(cx.vault_id(), id))
            .map_err(|_| corrupt())?;
        let (signed, release) = SignedRelease::read(&json)?;
        out.push((id, signed, release));
    }
    Ok(out)
}

/// Removes a published release from org.db once it was taken into hr.db.
pub async fn taken(org: &mut SqliteConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM published_releases WHERE id = ?1")
        .bind(id)
        .execute(org)
        .await?;
    Ok(())
}
