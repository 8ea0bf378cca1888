//! A key of its own for every complaint, sealed only to those who may read
//! it.
//!
//! A complaint's two parts (the summary lists read, the content with
//! everything else) are sealed with XChaCha20-Poly1305 under a random
//! 256-bit key of that complaint, bound to the vault, the complaint's row
//! and the part. That key is kept in boxes (`complaint_keys`), one per
//! reader:
//!
//! - holder `*`, every hr holder: the key wrapped under the register key,
//!   which lies in hr.db itself, so whoever opens hr.db (every hr holder,
//!   now and later) can read the complaint;
//! - holder `<user id>`, a restricted complaint's allowed user: the key
//!   sealed to that user's public key as hr.db lists it among its holders
//!   (`vault_holders`, which only hr holders can write), which only that
//!   user's private key opens.
//!
//! A user left out of a restricted complaint has no box; holding hr.db
//! gives them the rows, never the key. Taking someone's access away gives
//! the complaint a new key and seals both parts again, since they knew the
//! old one. Destroying a complaint deletes its boxes with it.

use std::sync::Arc;

use serde::{de::DeserializeOwned, Serialize};
use sqlx::SqliteConnection;
use vertrouwd_vault::envelope::{self, Aad, Envelope, SealedBox};
use vertrouwd_vault::{Holder, SecretKey};
use zeroize::Zeroizing;

use super::store;
use crate::context::Context;
use crate::error::{ApiError, ApiResult, ErrorCode};

/// The holder of the box every hr holder can open.
pub(crate) const EVERYONE: &str = "*";

/// The two sealed parts of a complaint.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Summary,
    Content,
    /// What the year's figures count (`figures::ComplaintFacts`).
    Facts,
}

impl Part {
    fn as_str(self) -> &'static str {
        match self {
            Part::Summary => "summary",
            Part::Content => "content",
            Part::Facts => "facts",
        }
    }
}

fn key_aad(cx: &Context<'_>, id: i64, holder: &str) -> Aad {
    Aad::new("complaint-key")
        .with(cx.vault_id())
        .with(&id.to_string())
        .with(holder)
}

fn part_aad(cx: &Context<'_>, id: i64, part: Part) -> Aad {
    Aad::new("complaint")
        .with(cx.vault_id())
        .with(&id.to_string())
        .with(part.as_str())
}

fn corrupt() -> ApiError {
    ApiError::new(ErrorCode::Corrupt, "a complaint could not be read")
}

fn as_key(bytes: &[u8]) -> ApiResult<SecretKey> {
    let arr: [u8; 32] = bytes.try_into().map_err(|_| corrupt())?;
    Ok(SecretKey::from_bytes(arr))
}

/// The register key, if any complaint was ever filed.
pub(crate) async fn register_key(conn: &mut SqliteConnection) -> ApiResult<Option<SecretKey>> {
    let Some(bytes) = store::register_key(conn).await?.map(Zeroizing::new) else {
        return Ok(None);
    };
    Ok(Some(as_key(&bytes)?))
}

/// The register key, made on the first complaint.
pub(crate) async fn register_key_made(conn: &mut SqliteConnection) -> ApiResult<SecretKey> {
    let fresh = SecretKey::random()?;
    let bytes = Zeroizing::new(store::register_key_or(conn, fresh.expose_secret_bytes()).await?);
    as_key(&bytes)
}

/// Opens the complaint key in `sealed`, the box of `holder` for complaint `id`.
pub(crate) fn open_box(
    cx: &Context<'_>,
    register: Option<&SecretKey>,
    id: i64,
    holder: &str,
    sealed: &str,
) -> ApiResult<Arc<SecretKey>> {
    let aad = key_aad(cx, id, holder);
    if holder == EVERYONE {
        let register = register.ok_or_else(corrupt)?;
        let env: Envelope = serde_json::from_str(sealed).map_err(|_| corrupt())?;
        Ok(Arc::new(envelope::open_key(register, &env, &aad)?))
    } else if holder == cx.actor() {
        let sb: SealedBox = serde_json::from_str(sealed).map_err(|_| corrupt())?;
        cx.open_sealed(&sb, &aad)
    } else {
        Err(ApiError::forbidden("not this user's box"))
    }
}

/// The boxes of `key` for complaint `id`: one for every hr holder, or one
/// per allowed user, sealed to the public key hr.db lists for them.
pub(crate) fn boxes(
    cx: &Context<'_>,
    register: &SecretKey,
    id: i64,
    key: &SecretKey,
    only: Option<&[Holder]>,
) -> ApiResult<Vec<(String, String)>> {
    match only {
        None => {
            let env = envelope::seal(
                register,
                key.expose_secret_bytes(),
                &key_aad(cx, id, EVERYONE),
            )?;
            Ok(vec![(EVERYONE.to_string(), encode(&env)?)])
        }
        Some(holders) => holders
            .iter()
            .map(|h| {
                let sb = envelope::seal_to(&h.public_key, key, &key_aad(cx, id, &h.user_id))?;
                Ok((h.user_id.clone(), encode(&sb)?))
            })
            .collect(),
    }
}

fn encode<T: Serialize>(value: &T) -> ApiResult<String> {
    serde_json::to_string(value).map_err(|_| corrupt())
}

/// Seals `value` as part `part` of complaint `id`.
pub(crate) fn seal<T: Serialize>(
    cx: &Context<'_>,
    key: &SecretKey,
    id: i64,
    part: Part,
    value: &T,
) -> ApiResult<Vec<u8>> {
    let json = Zeroizing::new(serde_json::to_vec(value).map_err(|_| corrupt())?);
    Ok(envelope::seal_bytes(key, &json, &part_aad(cx, id, part))?)
}

fn attachment_aad(cx: &Context<'_>, id: i64, attachment: i64) -> Aad {
    Aad::new("complaint-attachment")
        .with(cx.vault_id())
        .with(&id.to_string())
        .with(&attachment.to_string())
}

/// Seals the bytes of attachment `attachment` of complaint `id`.
pub(crate) fn seal_file(
    cx: &Context<'_>,
    key: &SecretKey,
    id: i64,
    attachment: i64,
    bytes: &[u8],
) -> ApiResult<Vec<u8>> {
    Ok(envelope::seal_bytes(
        key,
        bytes,
        &attachment_aad(cx, id, attachment),
    )?)
}

/// Opens the bytes of attachment `attachment` of complaint `id`; bytes
/// moved from another attachment or complaint do not open.
pub(crate) fn open_file(
    cx: &Context<'_>,
    key: &SecretKey,
    id: i64,
    attachment: i64,
    sealed: &[u8],
) -> ApiResult<Zeroizing<Vec<u8>>> {
    Ok(envelope::open_bytes(
        key,
        sealed,
        &attachment_aad(cx, id, attachment),
    )?)
}

/// Opens part `part` of complaint `id`. Bytes that do not open under the
/// complaint's key were not written by one of its readers: refused.
pub(crate) fn open<T: DeserializeOwned>(
    cx: &Context<'_>,
    key: &SecretKey,
    id: i64,
    part: Part,
    bytes: &[u8],
) -> ApiResult<T> {
    let json = envelope::open_bytes(key, bytes, &part_aad(cx, id, part))?;
    serde_json::from_slice(&json).map_err(|_| corrupt())
}
