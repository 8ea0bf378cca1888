//! Files kept with a complaint (a letter of complaint, a screenshot, an
//! e-mail): accepted and shown as the advisor's attachments are (the
//! shared [`crate::attachments`]), but sealed under the complaint's own key,
//! so that only its readers can open them.

use vertrouwd_vault::audit::Entry;
use vertrouwd_vault::SecretKey;

use super::access::*;
use super::keys;
use super::model::*;
use super::requests::*;
use super::store;
pub(crate) use crate::attachments::draw_preview;
use crate::attachments::{self, ToPreview};
use crate::context::Context;
use crate::documents::WrittenFile;
use crate::error::{ApiResult, Invalid, Reason};

/// Keeps a file with a complaint: at most 25 MB; PDF, PNG, JPEG, GIF,
/// .eml, .msg and .txt. Not for a complaint that has ended.
pub async fn add_complaint_attachment(
    cx: &Context<'_>,
    req: ComplaintAttachmentRequest,
) -> ApiResult<ComplaintDetail> {
    let file = attachments::handed_in(&req.path)?;
    let pool = register(cx)?;
    let id = complaint_id(&pool, &req.complaint).await?;
    let bytes = zeroize::Zeroizing::new(cx.read_handed_in(&file.path, attachments::MAX_BYTES)?);
    cx.audited(&pool, async |tx| {
        let mut opened = open(cx, tx, id).await?;
        still_open(&opened.content)?;
        let attachment = store::insert_attachment(tx, id).await?;
        let sealed = keys::seal_file(cx, &opened.key, id, attachment, &bytes)?;
        store::write_attachment(tx, attachment, &sealed).await?;
        let c = &mut opened.content;
        c.attachments.push(ComplaintAttachment {
            id: attachment,
            file_name: file.file_name.clone(),
            media_type: file.media_type.to_string(),
            size: bytes.len() as u64,
            added_at: cx.now(),
        });
        c.timeline
            .push(event(cx, "attachment_added", Some(file.file_name.clone())));
        write(cx, tx, id, &opened.key, c).await?;
        let entry = Entry::new("complaint.attachment_added", Some(&c.reference));
        Ok(((), entry))
    })
    .await?;
    detail(cx, &pool, id).await
}

/// The media type and bytes of one attachment, for a reader of its
/// complaint.
async fn attachment(
    cx: &Context<'_>,
    pool: &sqlx::SqlitePool,
    req: &ComplaintAttachmentRef,
) -> ApiResult<(String, ComplaintAttachment, zeroize::Zeroizing<Vec<u8>>)> {
    let id = complaint_id(pool, &req.complaint).await?;
    let mut conn = pool.acquire().await?;
    let opened = open(cx, &mut conn, id).await?;
    let meta = opened
        .content
        .attachments
        .iter()
        .find(|a| a.id == req.attachment)
        .cloned()
        .ok_or_else(|| Invalid::new("attachment", Reason::Unknown))?;
    let sealed = store::attachment(&mut conn, id, req.attachment)
        .await?
        .ok_or_else(not_found)?;
    let bytes = keys::open_file(cx, &opened.key, id, req.attachment, &sealed)?;
    Ok((opened.content.reference, meta, bytes))
}

/// Reads the attachment the app is to show; the shared
/// [`attachments::draw_preview`] draws it once the session is free.
pub async fn complaint_attachment_preview(
    cx: &Context<'_>,
    req: ComplaintAttachmentRef,
) -> ApiResult<ToPreview> {
    let (_, meta, bytes) = attachment(cx, &register(cx)?, &req).await?;
    Ok(ToPreview::new(meta.media_type, bytes))
}

/// Writes an attachment where the user chose (never inside the vault).
/// The copy is not encrypted: the UI says so first.
pub async fn export_complaint_attachment(
    cx: &Context<'_>,
    req: ExportComplaintAttachmentRequest,
) -> ApiResult<WrittenFile> {
    let pool = register(cx)?;
    let which = ComplaintAttachmentRef {
        complaint: req.complaint,
        attachment: req.attachment,
    };
    let (reference, _, bytes) = attachment(cx, &pool, &which).await?;
    let written = cx.write_outside_vault(&req.path, &bytes)?;
    cx.record(&pool, "complaint.attachment_exported", Some(&reference))
        .await?;
    Ok(written)
}

/// Seals every attachment of complaint `id` again, from key `old` to key
/// `new` (someone's access was taken away, and they knew the old key).
pub(super) async fn reseal(
    cx: &Context<'_>,
    tx: &mut sqlx::SqliteConnection,
    id: i64,
    old: &SecretKey,
    new: &SecretKey,
) -> ApiResult<()> {
    for (attachment, sealed) in store::attachments(tx, id).await? {
        let bytes = keys::open_file(cx, old, id, attachment, &sealed)?;
        let sealed = keys::seal_file(cx, new, id, attachment, &bytes)?;
        store::write_attachment(tx, attachment, &sealed).await?;
    }
    Ok(())
}
