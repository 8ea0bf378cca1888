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
//! same for every release of that advisor).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use vertrouwd_vault::envelope::Signature;

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
        })
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
        Ok((file, release))
    }

    /// The advisor's key as people compare it: the first 16 bytes of its
    /// SHA-256, in groups of four hex digits.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.signature.key)
    }
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
