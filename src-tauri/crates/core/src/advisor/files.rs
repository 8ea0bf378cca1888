//! Files in and out of the register: attachments, the case file PDF, a
//! CSV register imported, and the demo register.

use vertrouwd_vault::audit::Entry;
use zeroize::Zeroizing;

use super::access::*;
use super::register::settings_of;
use super::requests::*;
use super::store;
use super::*;
pub(crate) use crate::attachments::draw_preview;
use crate::attachments::{self, ToPreview};
use crate::context::Context;
use crate::documents::WrittenFile;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};

/// Stores a file inside advisor.db (encrypted with it). At most 25 MB;
/// PDF, PNG, JPEG, GIF, .eml, .msg and .txt.
pub async fn add_attachment(cx: &Context<'_>, req: AddAttachmentRequest) -> ApiResult<CaseDetail> {
    let file = attachments::handed_in(&req.path)?;
    let pool = register(cx)?;
    case_id(&pool, &req.case).await?;
    let content = cx.read_handed_in(&file.path, attachments::MAX_BYTES)?;
    change_case(
        cx,
        &pool,
        &req.case,
        "case.attachment_added",
        async |tx, id| {
            store::add_attachment(tx, id, &file.file_name, file.media_type, &content, cx.now())
                .await?;
            Ok(())
        },
    )
    .await
}

/// Reads the attachment the app is to show; the shared
/// [`attachments::draw_preview`] draws it once the session is free.
pub async fn attachment_preview(cx: &Context<'_>, id: i64) -> ApiResult<ToPreview> {
    let (_, _, kind, content) = store::attachment(&register(cx)?, id)
        .await?
        .ok_or_else(not_found)?;
    Ok(ToPreview::new(kind, Zeroizing::new(content)))
}

/// Writes an attachment where the user chose (never inside the vault).
/// The copy is not encrypted: the UI says so first.
pub async fn export_attachment(
    cx: &Context<'_>,
    req: ExportAttachmentRequest,
) -> ApiResult<WrittenFile> {
    let pool = register(cx)?;
    let (reference, _, _, content) = store::attachment(&pool, req.id)
        .await?
        .ok_or_else(not_found)?;
    let written = cx.write_outside_vault(&req.path, &content)?;
    cx.record(&pool, "case.attachment_exported", Some(&reference))
        .await?;
    Ok(written)
}

/// Writes the case file as a PDF where the advisor chose (never inside the
/// vault). The PDF is not encrypted: the UI says so before saving.
pub async fn write_case_file(cx: &Context<'_>, req: CaseFileRequest) -> ApiResult<WrittenFile> {
    if req.path.trim().is_empty() {
        return Err(ApiError::validation("path", Reason::Required));
    }
    let pool = register(cx)?;
    let (id, reference) = case_id(&pool, &req.case).await?;
    let case = detail(&pool, id).await?;
    let natures = store::natures(&pool).await?;
    let doc = super::case_file::case_file(
        &case,
        &super::case_file::CaseFileFacts {
            organisation: cx.organisation(),
            advisor: &cx.user().display_name,
            natures: &natures,
            printed: cx.now(),
            language: req.language,
        },
    );
    let pdf = vertrouwd_pdf::render(&doc);
    let written = cx
        .write_outside_vault(&req.path, &pdf.bytes)?
        .with_warnings(&pdf.warnings);
    cx.record(&pool, "case.file_written", Some(&reference))
        .await?;
    Ok(written)
}

/// Imports an existing register from CSV, in one transaction: every row,
/// or (with `skip_invalid`) every readable row, or nothing.
pub async fn import_cases(cx: &Context<'_>, req: ImportRequest) -> ApiResult<ImportResult> {
    let path = std::path::PathBuf::from(req.path.trim());
    let pool = register(cx)?;
    let bytes = cx.read_handed_in(&path, crate::csv_import::MAX_FILE_BYTES)?;
    let natures = store::natures(&pool).await?;
    let (rows, mut problems) = super::import::read(&bytes, &natures, cx.today())?;
    let prefix = settings_of(&pool).await?.reference_prefix;
    cx.audited_all(&pool, async |tx| {
        let mut imported = 0;
        for row in rows {
            if let Some(r) = &row.case.reference {
                if store::reference_taken(tx, r).await? {
                    problems.push(super::import::RowProblem {
                        line: row.line,
                        column: Some("referentie".into()),
                        reason: Reason::Taken,
                    });
                    continue;
                }
            }
            let (id, _) = store::add_case(tx, &row.case, &prefix, cx.now()).await?;
            if let Some(c) = &row.conversation {
                store::add_conversation(tx, id, c, cx.now()).await?;
            }
            if let Some((on, outcome)) = row.closed {
                store::close(tx, id, on, outcome, false, cx.now()).await?;
            }
            imported += 1;
        }
        problems.sort_by_key(|p| p.line);
        if !crate::csv_import::accepted(&problems, req.skip_invalid) {
            // Rolled back: nothing of the file is kept.
            return Ok((
                ImportResult {
                    imported: 0,
                    problems,
                },
                vec![],
            ));
        }
        let count = imported.to_string();
        Ok((
            ImportResult { imported, problems },
            vec![Entry::new("register.imported", Some(&count))],
        ))
    })
    .await
}

/// Fills an empty register with synthetic cases (for trying the app and
/// for benchmarks). Refused when the register holds anything.
pub async fn fill_demo_register(cx: &Context<'_>, req: DemoRequest) -> ApiResult<u32> {
    if req.cases == 0 || req.cases > 100_000 {
        return Err(ApiError::validation("cases", Reason::OutOfRange));
    }
    if req.conversations > 1_000_000 {
        return Err(ApiError::validation("conversations", Reason::OutOfRange));
    }
    let pool = register(cx)?;
    if !store::is_empty(&pool).await? {
        return Err(ApiError {
            code: ErrorCode::Conflict,
            ..ApiError::validation("register", Reason::NotEmpty)
        });
    }
    let natures = store::natures(&pool).await?;
    cx.audited(&pool, async |tx| {
        super::demo::fill(
            tx,
            &natures,
            req.cases,
            req.conversations,
            cx.today(),
            cx.now(),
        )
        .await?;
        Ok(((), Entry::new("register.demo_filled", None)))
    })
    .await?;
    Ok(req.cases)
}
