//! Files in and out of the register: attachments, the case file PDF, a
//! CSV register imported, and the demo register.

use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::register::register_settings;
use super::requests::*;
use super::store;
use super::*;
use crate::attachments::AttachmentPreview;
use crate::documents::WrittenFile;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::session::{audited, Session};

/// The largest CSV file read: 50 MB.
const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

impl Session {
    /// Stores a file inside advisor.db (encrypted with it). At most 25 MB;
    /// PDF, PNG, JPEG, GIF, .eml, .msg and .txt.
    pub async fn add_attachment(&self, req: AddAttachmentRequest) -> ApiResult<CaseDetail> {
        let path = std::path::PathBuf::from(req.path.trim());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
            .ok_or_else(|| ApiError::validation("file", Reason::Required))?;
        let kind = crate::attachments::media_type(&name)
            .ok_or_else(|| ApiError::validation("file", Reason::UnsupportedType))?;
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            case_id(&pool, &req.case).await?;
            let content = o.read_handed_in(&path, crate::attachments::MAX_BYTES)?;
            o.change_case(
                &pool,
                &req.case,
                now,
                "case.attachment_added",
                async |tx, id| {
                    store::add_attachment(tx, id, &name, kind, &content, now).await?;
                    Ok(())
                },
            )
            .await
        })
        .await
    }

    /// What the app shows of an attachment, without writing it anywhere
    /// (see [`crate::attachments::preview_within`]).
    pub async fn attachment_preview(&self, id: i64) -> ApiResult<AttachmentPreview> {
        let (kind, content) = self
            .with_open(async |o| {
                let pool = o.advisor()?;
                let (_, _, kind, content) =
                    store::attachment(&pool, id).await?.ok_or_else(not_found)?;
                Ok((kind, zeroize::Zeroizing::new(content)))
            })
            .await?;
        Ok(crate::attachments::preview_within(kind, content, crate::attachments::TIME_LIMIT).await)
    }

    /// Writes an attachment where the user chose (never inside the vault).
    /// The copy is not encrypted: the UI says so first.
    pub async fn export_attachment(&self, req: ExportAttachmentRequest) -> ApiResult<WrittenFile> {
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let (reference, _, _, content) = store::attachment(&pool, req.id)
                .await?
                .ok_or_else(not_found)?;
            let written = o.write_outside_vault(&req.path, &content)?;
            let mut conn = pool.acquire().await?;
            vertrouwd_vault::audit::append(
                &mut conn,
                now,
                &o.actor(),
                "case.attachment_exported",
                Some(&reference),
            )
            .await?;
            Ok(written)
        })
        .await
    }

    /// Writes the case file as a PDF where the advisor chose (never inside
    /// the vault). The PDF is not encrypted: the UI says so before saving.
    pub async fn write_case_file(&self, req: CaseFileRequest) -> ApiResult<WrittenFile> {
        let now = self.clock.now();
        if req.path.trim().is_empty() {
            return Err(ApiError::validation("path", Reason::Required));
        }
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let (id, reference) = case_id(&pool, &req.case).await?;
            let case = detail(&pool, id).await?;
            let natures = store::natures(&pool).await?;
            let doc = crate::advisor::case_file::case_file(
                &case,
                &crate::advisor::case_file::CaseFileFacts {
                    organisation: &o.organisation,
                    advisor: &o.user.display_name,
                    natures: &natures,
                    printed: now,
                    language: req.language,
                },
            );
            let pdf = vertrouwd_pdf::render(&doc);
            let written = o
                .write_outside_vault(&req.path, &pdf.bytes)?
                .with_warnings(&pdf.warnings);
            let mut conn = pool.acquire().await?;
            vertrouwd_vault::audit::append(
                &mut conn,
                now,
                &o.actor(),
                "case.file_written",
                Some(&reference),
            )
            .await?;
            Ok(written)
        })
        .await
    }

    /// Imports an existing register from CSV, in one transaction.
    pub async fn import_cases(&self, req: ImportRequest) -> ApiResult<ImportResult> {
        let path = std::path::PathBuf::from(req.path.trim());
        let (now, today) = (self.clock.now(), self.today());
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let bytes = o.read_handed_in(&path, MAX_IMPORT_BYTES)?;
            let natures = store::natures(&pool).await?;
            let (rows, mut problems) = crate::advisor::import::read(&bytes, &natures, today)?;
            let prefix = register_settings(&pool).await?.reference_prefix;
            let mut tx = pool.begin().await?;
            let mut imported = 0;
            for row in rows {
                if let Some(r) = &row.case.reference {
                    if store::reference_taken(&mut tx, r).await? {
                        problems.push(crate::advisor::import::RowProblem {
                            line: row.line,
                            column: Some("referentie".into()),
                            reason: Reason::Taken,
                        });
                        continue;
                    }
                }
                let (id, _) = store::add_case(&mut tx, &row.case, &prefix, now).await?;
                if let Some(c) = &row.conversation {
                    store::add_conversation(&mut tx, id, c, now).await?;
                }
                if let Some((on, outcome)) = row.closed {
                    store::close(&mut tx, id, on, outcome, now).await?;
                }
                imported += 1;
            }
            problems.sort_by_key(|p| p.line);
            if !crate::csv_import::accepted(&problems, req.skip_invalid) {
                tx.rollback().await?;
                return Ok(ImportResult {
                    imported: 0,
                    problems,
                });
            }
            vertrouwd_vault::audit::append(
                &mut tx,
                now,
                &o.actor(),
                "register.imported",
                Some(&imported.to_string()),
            )
            .await?;
            tx.commit().await?;
            Ok(ImportResult { imported, problems })
        })
        .await
    }

    /// Fills an empty register with synthetic cases (for trying the app
    /// and for benchmarks). Refused when the register holds anything.
    pub async fn fill_demo_register(&self, req: DemoRequest) -> ApiResult<u32> {
        if req.cases == 0 || req.cases > 100_000 {
            return Err(ApiError::validation("cases", Reason::OutOfRange));
        }
        if req.conversations > 1_000_000 {
            return Err(ApiError::validation("conversations", Reason::OutOfRange));
        }
        let (now, today) = (self.clock.now(), self.today());
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let used: i64 = sqlx::query_scalar(
                "SELECT (SELECT count(*) FROM cases) + (SELECT count(*) FROM tombstones)",
            )
            .fetch_one(&pool)
            .await?;
            if used > 0 {
                return Err(ApiError {
                    code: ErrorCode::Conflict,
                    ..ApiError::validation("register", Reason::NotEmpty)
                });
            }
            let natures = store::natures(&pool).await?;
            audited(&pool, now, &o.actor(), async |tx| {
                crate::advisor::demo::fill(tx, &natures, req.cases, req.conversations, today, now)
                    .await?;
                Ok(((), Entry::new("register.demo_filled", None)))
            })
            .await?;
            Ok(req.cases)
        })
        .await
    }
}
