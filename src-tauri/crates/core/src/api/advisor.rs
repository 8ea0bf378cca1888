//! The advisor's register as use cases on [`Session`]. Every call needs the
//! advisor role and the key of advisor.db; inputs are checked here and
//! answer `Validation` with the field concerned.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{SqliteConnection, SqlitePool};
use ts_rs::TS;
use vertrouwd_vault::audit::Entry;

use super::{audited, ApiError, ApiResult, ErrorCode, Open, Session, WrittenFile};
use crate::advisor::check::{check_case, check_conversation, MAX_MINUTES, MAX_NOTES, MAX_SHORT};
use crate::advisor::disclosure::{DEFAULT_K, MIN_K};
use crate::advisor::stats::{self, Preview, Release};
use crate::advisor::store;
use crate::advisor::*;
use crate::attachments::AttachmentPreview;
use crate::compartments::{ADVISOR, ORG};
use crate::dates::parse_date;
use crate::error::Reason;
use crate::roles::Role;
use crate::validate::{not_in_future, optional_text, required_text};

/// A case named by its reference (VP-2026-001) or its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseRef {
    pub case: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CloseCaseRequest {
    pub case: String,
    pub closed_on: String,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddConversationRequest {
    pub case: String,
    pub conversation: ConversationInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddInterventionRequest {
    pub case: String,
    pub intervention: InterventionInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddConsentRequest {
    pub case: String,
    pub consent: ConsentInput,
}

/// New values for what the intake recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateCaseRequest {
    pub case: String,
    pub input: CaseInput,
}

/// Time spent on a case outside conversations (calls, writing, meetings),
/// in minutes; negative to correct.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddTimeRequest {
    pub case: String,
    pub minutes: i64,
}

/// A follow-up done (or, with `done_on` empty, open again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowUpDoneRequest {
    pub id: i64,
    #[serde(default)]
    pub done_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddFollowUpRequest {
    pub case: String,
    pub due_on: String,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatisticsRequest {
    pub year: i32,
    /// Breakdowns the advisor leaves out (e.g. one flagged as disclosing).
    #[serde(default)]
    pub left_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseRequest {
    pub year: i32,
    #[serde(default)]
    pub left_out: Vec<String>,
    /// Where to write the JSON file; none to keep it only in the vault.
    #[serde(default)]
    pub path: Option<String>,
    /// Also put it into org.db, for HR in this vault to pick up.
    #[serde(default)]
    pub publish: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Released {
    pub release: Release,
    pub file: Option<WrittenFile>,
    pub published: bool,
}

/// The register's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterSettings {
    /// References are PREFIX-YEAR-NNN.
    pub reference_prefix: String,
    /// Counts below k are not published.
    pub k: u32,
    /// A closed case is due for destruction once its year's statistics
    /// were released, and at the latest this many months after closing.
    pub retention_months: u32,
    /// Days a due case stays on the destruction list before
    /// `purge --expired` destroys it.
    pub grace_days: u32,
}

/// A closed case on the destruction list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DestructionItem {
    pub id: i64,
    pub reference: String,
    #[ts(type = "string")]
    pub closed_on: NaiveDate,
    /// From this day the case may be destroyed without a reason.
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    /// Its year's statistics were released (else: the maximum term).
    pub counted: bool,
    /// Due and past the grace period: `purge --expired` destroys it.
    pub expired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DestroyRequest {
    pub case: String,
    /// The reference typed again, as confirmation.
    pub confirm: String,
    /// Required when the case is open or not yet due: a code from a
    /// closed list, recorded in the audit trail (which outlives the case).
    #[serde(default)]
    pub reason: Option<crate::advisor::EarlyDestruction>,
}

/// A change to the natures list: add (no id), rename, retire or bring
/// back, or delete one that no report uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum NatureChange {
    Add { name: String },
    Rename { id: i64, name: String },
    Retire { id: i64, retired: bool },
    Delete { id: i64 },
}

/// A file to attach to a case, by its path (picked by the user).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddAttachmentRequest {
    pub case: String,
    pub path: String,
}

/// An attachment and where to export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportAttachmentRequest {
    pub id: i64,
    pub path: String,
}

/// A CSV file to import (see `advisor::import` for its columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportRequest {
    pub path: String,
    /// Import the valid rows and skip the invalid ones; otherwise nothing
    /// is imported while any row is invalid.
    #[serde(default)]
    pub skip_invalid: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub imported: u32,
    pub problems: Vec<crate::advisor::import::RowProblem>,
}

/// The largest CSV file read: 50 MB.
const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

/// Synthetic reports for an empty register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DemoRequest {
    pub cases: u32,
    pub conversations: u32,
}

/// Where to write a case file, and in which language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseFileRequest {
    pub case: String,
    pub path: String,
    #[serde(default)]
    pub language: crate::preferences::Language,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurgeRequest {
    /// Must be true: destruction only after confirmation.
    pub confirm: bool,
}

fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such case")
}

impl Open {
    /// advisor.db, for a user with the advisor role who holds its key.
    pub(super) fn advisor(&self) -> ApiResult<SqlitePool> {
        if !self.has_role(Role::Advisor) {
            return Err(ApiError::forbidden("the register is the advisor's"));
        }
        Ok(self.vault.pool(ADVISOR)?.clone())
    }

    fn actor(&self) -> String {
        self.user.id.clone()
    }

    /// Changes one case of the register: `write` runs in a transaction
    /// with the audit row `action` for the case, and the case is read back.
    async fn change_case(
        &self,
        pool: &SqlitePool,
        case: &str,
        now: DateTime<Utc>,
        action: &'static str,
        write: impl AsyncFnOnce(&mut SqliteConnection, i64) -> ApiResult<()>,
    ) -> ApiResult<CaseDetail> {
        let (id, reference) = case_id(pool, case).await?;
        audited(pool, now, &self.actor(), async |tx| {
            write(tx, id).await?;
            Ok(((), Entry::new(action, Some(&reference))))
        })
        .await?;
        detail(pool, id).await
    }
}

async fn case_id(pool: &SqlitePool, case: &str) -> ApiResult<(i64, String)> {
    store::find(pool, case.trim()).await?.ok_or_else(not_found)
}

async fn detail(pool: &SqlitePool, id: i64) -> ApiResult<CaseDetail> {
    store::detail(pool, id).await?.ok_or_else(not_found)
}

async fn register_settings(pool: &SqlitePool) -> ApiResult<RegisterSettings> {
    Ok(RegisterSettings {
        reference_prefix: store::setting(pool, store::REFERENCE_PREFIX)
            .await?
            .unwrap_or_else(|| "VP".into()),
        k: store::setting(pool, store::K)
            .await?
            .and_then(|k| k.parse().ok())
            .unwrap_or(DEFAULT_K)
            .max(MIN_K),
        retention_months: store::setting(pool, store::RETENTION_MONTHS)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_RETENTION_MONTHS),
        grace_days: store::setting(pool, store::GRACE_DAYS)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_GRACE_DAYS),
    })
}

const DEFAULT_RETENTION_MONTHS: u32 = 12;
const DEFAULT_GRACE_DAYS: u32 = 30;

/// Every closed case with the day it becomes due for destruction.
async fn destruction_list(pool: &SqlitePool, today: NaiveDate) -> ApiResult<Vec<DestructionItem>> {
    let settings = register_settings(pool).await?;
    let released = store::released_years(pool).await?;
    Ok(store::closed_cases(pool)
        .await?
        .into_iter()
        .map(|(id, reference, closed_on)| {
            let term = closed_on
                .checked_add_months(chrono::Months::new(settings.retention_months))
                .unwrap_or(closed_on);
            let counted = released.get(&closed_on.year()).map(|r| (*r).max(closed_on));
            let due_on = counted.map_or(term, |c| c.min(term));
            let expired = due_on + chrono::Days::new(u64::from(settings.grace_days)) <= today;
            DestructionItem {
                id,
                reference,
                closed_on,
                due_on,
                counted: counted.is_some_and(|c| c <= term),
                expired,
            }
        })
        .collect())
}

impl Session {
    fn today(&self) -> NaiveDate {
        self.clock.now().date_naive()
    }

    pub async fn natures(&self) -> ApiResult<Vec<Nature>> {
        self.with_open(async |o| Ok(store::natures(&o.advisor()?).await?))
            .await
    }

    pub async fn register_settings(&self) -> ApiResult<RegisterSettings> {
        self.with_open(async |o| register_settings(&o.advisor()?).await)
            .await
    }

    pub async fn update_register_settings(
        &self,
        req: RegisterSettings,
    ) -> ApiResult<RegisterSettings> {
        let prefix = required_text(&req.reference_prefix, "reference_prefix", 12)?;
        if !prefix.chars().all(|c| c.is_alphanumeric()) {
            return Err(ApiError::validation("reference_prefix", Reason::Invalid));
        }
        if !(MIN_K..=50).contains(&req.k) {
            return Err(ApiError::validation("k", Reason::OutOfRange));
        }
        if !(1..=120).contains(&req.retention_months) {
            return Err(ApiError::validation("retention_months", Reason::OutOfRange));
        }
        if req.grace_days > 365 {
            return Err(ApiError::validation("grace_days", Reason::OutOfRange));
        }
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            audited(&pool, now, &o.actor(), async |tx| {
                store::set_setting(tx, store::REFERENCE_PREFIX, &prefix).await?;
                store::set_setting(tx, store::K, &req.k.to_string()).await?;
                let months = req.retention_months.to_string();
                store::set_setting(tx, store::RETENTION_MONTHS, &months).await?;
                store::set_setting(tx, store::GRACE_DAYS, &req.grace_days.to_string()).await?;
                Ok(((), Entry::new("register.settings_changed", None)))
            })
            .await?;
            register_settings(&pool).await
        })
        .await
    }

    /// Changes the natures list. A nature in use is never deleted (retire
    /// it instead); names stay unique.
    pub async fn change_natures(&self, change: NatureChange) -> ApiResult<Vec<Nature>> {
        let now = self.clock.now();
        let name = match &change {
            NatureChange::Add { name } | NatureChange::Rename { name, .. } => {
                Some(required_text(name, "name", 100)?)
            }
            _ => None,
        };
        self.with_open(async |o| {
            let pool = o.advisor()?;
            audited(&pool, now, &o.actor(), async |tx| {
            if let Some(n) = &name {
                let taken: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM natures WHERE lower(name) = lower(?1) AND id != ?2",
                )
                .bind(n)
                .bind(match &change {
                    NatureChange::Rename { id, .. } => *id,
                    _ => -1,
                })
                .fetch_one(&mut *tx)
                .await?;
                if taken > 0 {
                    return Err(ApiError {
                        code: ErrorCode::Conflict,
                        ..ApiError::validation("name", Reason::Taken)
                    });
                }
            }
            let changed = match &change {
                NatureChange::Add { .. } => sqlx::query(
                    "INSERT INTO natures (name, position) SELECT ?1, coalesce(max(position), 0) + 1 FROM natures",
                )
                .bind(&name)
                .execute(&mut *tx)
                .await?
                .rows_affected(),
                NatureChange::Rename { id, .. } => sqlx::query("UPDATE natures SET name = ?2 WHERE id = ?1")
                    .bind(id)
                    .bind(&name)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected(),
                NatureChange::Retire { id, retired } => {
                    sqlx::query("UPDATE natures SET retired_at = ?2 WHERE id = ?1")
                        .bind(id)
                        .bind(retired.then(|| now.to_rfc3339()))
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                }
                NatureChange::Delete { id } => {
                    let used: i64 = sqlx::query_scalar(
                        "SELECT (SELECT count(*) FROM case_natures WHERE nature_id = ?1)
                              + (SELECT count(*) FROM tombstones t, json_each(t.natures) j WHERE j.value = ?1)",
                    )
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                    if used > 0 {
                        return Err(ApiError {
                            code: ErrorCode::Conflict,
                            ..ApiError::validation("nature", Reason::InUse)
                        });
                    }
                    sqlx::query("DELETE FROM natures WHERE id = ?1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected()
                }
            };
            if changed == 0 {
                return Err(ApiError::new(ErrorCode::NotFound, "no such nature"));
            }
            Ok(((), Entry::new("register.natures_changed", None)))
            })
            .await?;
            Ok(store::natures(&pool).await?)
        })
        .await
    }

    /// Records a new report; the reference is given when left empty.
    pub async fn add_case(&self, input: CaseInput) -> ApiResult<CaseDetail> {
        let now = self.clock.now();
        let today = self.today();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let case = check_case(&input, &store::natures(&pool).await?, today)?;
            let prefix = register_settings(&pool).await?.reference_prefix;
            let id = audited(&pool, now, &o.actor(), async |tx| {
                if let Some(r) = &case.reference {
                    if store::reference_taken(tx, r).await? {
                        return Err(ApiError {
                            code: ErrorCode::Conflict,
                            ..ApiError::validation("reference", Reason::Taken)
                        });
                    }
                }
                let (id, reference) = store::add_case(tx, &case, &prefix, now).await?;
                Ok((id, Entry::new("case.created", Some(&reference))))
            })
            .await?;
            detail(&pool, id).await
        })
        .await
    }

    /// Changes what the intake recorded: dates, reporter, role, natures,
    /// persons concerned, reference. Conversations and the rest stay.
    pub async fn update_case(&self, req: UpdateCaseRequest) -> ApiResult<CaseDetail> {
        let now = self.clock.now();
        let today = self.today();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let (id, current) = case_id(&pool, &req.case).await?;
            let case = check_case(&req.input, &store::natures(&pool).await?, today)?;
            let before = detail(&pool, id).await?;
            if before.closed_on.is_some_and(|c| c < case.first_contact) {
                return Err(ApiError::validation("first_contact", Reason::AfterClosing));
            }
            let reference = case.reference.clone().unwrap_or(current.clone());
            audited(&pool, now, &o.actor(), async |tx| {
                if reference != current && store::reference_taken(tx, &reference).await? {
                    return Err(ApiError {
                        code: ErrorCode::Conflict,
                        ..ApiError::validation("reference", Reason::Taken)
                    });
                }
                store::update_case(tx, id, &case, &reference, now).await?;
                Ok(((), Entry::new("case.updated", Some(&reference))))
            })
            .await?;
            detail(&pool, id).await
        })
        .await
    }

    pub async fn list_cases(&self, filter: CaseFilter) -> ApiResult<Vec<CaseSummary>> {
        let today = self.today();
        self.with_open(async |o| Ok(store::list(&o.advisor()?, &filter, today).await?))
            .await
    }

    pub async fn case_detail(&self, req: CaseRef) -> ApiResult<CaseDetail> {
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let (id, _) = case_id(&pool, &req.case).await?;
            detail(&pool, id).await
        })
        .await
    }

    pub async fn close_case(&self, req: CloseCaseRequest) -> ApiResult<CaseDetail> {
        let now = self.clock.now();
        let on = not_in_future(
            parse_date(&req.closed_on, "closed_on")?,
            self.today(),
            "closed_on",
        )?;
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let (id, reference) = case_id(&pool, &req.case).await?;
            let current = detail(&pool, id).await?;
            if on < current.first_contact {
                return Err(ApiError::validation(
                    "closed_on",
                    Reason::BeforeFirstContact,
                ));
            }
            audited(&pool, now, &o.actor(), async |tx| {
                store::close(tx, id, on, req.outcome, now).await?;
                Ok(((), Entry::new("case.closed", Some(&reference))))
            })
            .await?;
            detail(&pool, id).await
        })
        .await
    }

    pub async fn add_conversation(&self, req: AddConversationRequest) -> ApiResult<CaseDetail> {
        let now = self.clock.now();
        let c = check_conversation(&req.conversation, self.today())?;
        self.with_open(async |o| {
            let pool = o.advisor()?;
            o.change_case(
                &pool,
                &req.case,
                now,
                "case.conversation_added",
                async |tx, id| {
                    store::add_conversation(tx, id, &c, now).await?;
                    Ok(())
                },
            )
            .await
        })
        .await
    }

    pub async fn add_intervention(&self, req: AddInterventionRequest) -> ApiResult<CaseDetail> {
        let i = &req.intervention;
        let on = not_in_future(parse_date(&i.on_date, "on_date")?, self.today(), "on_date")?;
        let note = optional_text(i.note.as_deref(), "note", MAX_NOTES)?;
        let referral = match (i.kind, i.referral) {
            (InterventionKind::Referral, None) => {
                return Err(ApiError::validation("referral", Reason::Required))
            }
            (InterventionKind::Referral, r) => r,
            _ => None,
        };
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            o.change_case(
                &pool,
                &req.case,
                now,
                "case.intervention_added",
                async |tx, id| {
                    store::add_intervention(tx, id, i.kind, referral, on, note.as_deref()).await?;
                    Ok(())
                },
            )
            .await
        })
        .await
    }

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

    /// Records a consent (or a refusal) of the reporter.
    pub async fn add_consent(&self, req: AddConsentRequest) -> ApiResult<CaseDetail> {
        let c = &req.consent;
        let recorded_on = not_in_future(
            parse_date(&c.recorded_on, "recorded_on")?,
            self.today(),
            "recorded_on",
        )?;
        let recipient = optional_text(c.recipient.as_deref(), "recipient", MAX_SHORT)?;
        if c.kind == ConsentKind::Disclosure && recipient.is_none() {
            return Err(ApiError::validation("recipient", Reason::Required));
        }
        let what = optional_text(c.what.as_deref(), "what", MAX_SHORT * 5)?;
        let until = match c.until.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
            Some(u) => Some(parse_date(u, "until")?),
            None => None,
        };
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let consent = store::NewConsent {
                kind: c.kind,
                given: c.given,
                recipient: recipient.clone(),
                what: what.clone(),
                until,
                recorded_on,
            };
            o.change_case(
                &pool,
                &req.case,
                now,
                "case.consent_recorded",
                async |tx, id| {
                    store::add_consent(tx, id, &consent).await?;
                    Ok(())
                },
            )
            .await
        })
        .await
    }

    /// Adds time spent on a case outside conversations.
    pub async fn add_case_time(&self, req: AddTimeRequest) -> ApiResult<CaseDetail> {
        if req.minutes == 0 || req.minutes.abs() > MAX_MINUTES {
            return Err(ApiError::validation("minutes", Reason::OutOfRange));
        }
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            o.change_case(&pool, &req.case, now, "case.time_added", async |tx, id| {
                let changed = sqlx::query(
                    "UPDATE cases SET other_minutes = other_minutes + ?2, updated_at = ?3
                     WHERE id = ?1 AND other_minutes + ?2 >= 0",
                )
                .bind(id)
                .bind(req.minutes)
                .bind(now.to_rfc3339())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed == 0 {
                    return Err(ApiError::validation("minutes", Reason::OutOfRange));
                }
                Ok(())
            })
            .await
        })
        .await
    }

    /// The departments already used, for the form's suggestions.
    pub async fn departments(&self) -> ApiResult<Vec<String>> {
        self.with_open(async |o| {
            Ok(sqlx::query_scalar(
                "SELECT DISTINCT department FROM cases WHERE department IS NOT NULL ORDER BY department",
            )
            .fetch_all(&o.advisor()?)
            .await?)
        })
        .await
    }

    /// Marks a follow-up done, so it leaves the due list.
    pub async fn follow_up_done(&self, req: FollowUpDoneRequest) -> ApiResult<CaseDetail> {
        let done = match req
            .done_on
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
        {
            Some(d) => Some(not_in_future(
                parse_date(d, "done_on")?,
                self.today(),
                "done_on",
            )?),
            None => None,
        };
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let id = audited(&pool, now, &o.actor(), async |tx| {
                let case: Option<(i64, String)> = sqlx::query_as(
                    "UPDATE follow_ups SET done_on = ?2 WHERE id = ?1
                     RETURNING case_id, (SELECT reference FROM cases WHERE id = follow_ups.case_id)",
                )
                .bind(req.id)
                .bind(done)
                .fetch_optional(&mut *tx)
                .await?;
                let (id, reference) = case.ok_or_else(not_found)?;
                let action = if done.is_some() {
                    "case.follow_up_done"
                } else {
                    "case.follow_up_reopened"
                };
                Ok((id, Entry::new(action, Some(&reference))))
            })
            .await?;
            detail(&pool, id).await
        })
        .await
    }

    pub async fn add_follow_up(&self, req: AddFollowUpRequest) -> ApiResult<CaseDetail> {
        let due = parse_date(&req.due_on, "due_on")?;
        let what = required_text(&req.what, "what", MAX_SHORT * 5)?;
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            o.change_case(
                &pool,
                &req.case,
                now,
                "case.follow_up_added",
                async |tx, id| {
                    store::add_follow_up(tx, id, due, &what).await?;
                    store::reindex(tx, id).await?;
                    Ok(())
                },
            )
            .await
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
    pub async fn import_cases(&self, req: ImportRequest) -> ApiResult<ImportReport> {
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
                return Ok(ImportReport {
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
            Ok(ImportReport { imported, problems })
        })
        .await
    }

    /// Fills an empty register with synthetic reports (for trying the app
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

    /// Closed cases with the day each becomes due for destruction.
    pub async fn destruction_list(&self) -> ApiResult<Vec<DestructionItem>> {
        let today = self.today();
        self.with_open(async |o| destruction_list(&o.advisor()?, today).await)
            .await
    }

    /// Destroys one case after the reference was typed again; a case that
    /// is open or not yet due needs a reason. What stays is a tombstone
    /// without anything identifying, and an audit row. Backups made
    /// earlier still hold the case until they are deleted.
    pub async fn destroy_case(&self, req: DestroyRequest) -> ApiResult<String> {
        let today = self.today();
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let (id, reference) = case_id(&pool, &req.case).await?;
            if req.confirm.trim() != reference {
                return Err(ApiError::validation("confirm", Reason::Mismatch));
            }
            let due = destruction_list(&pool, today)
                .await?
                .into_iter()
                .find(|d| d.id == id)
                .is_some_and(|d| d.due_on <= today);
            let object = match (due, req.reason) {
                (true, _) => reference.clone(),
                (false, Some(r)) => format!("{reference}:{}", crate::advisor::model::code(&r)),
                (false, None) => return Err(ApiError::validation("reason", Reason::Required)),
            };
            let action = if due {
                "case.destroyed"
            } else {
                "case.destroyed_early"
            };
            audited(&pool, now, &o.actor(), async |tx| {
                store::destroy(tx, id, today).await?;
                Ok(((), Entry::new(action, Some(&object))))
            })
            .await?;
            store::scrub(&pool).await?;
            Ok(reference)
        })
        .await
    }

    /// Destroys every case past its due date and grace period.
    pub async fn purge_expired(&self, req: PurgeRequest) -> ApiResult<Vec<String>> {
        if !req.confirm {
            return Err(ApiError::validation("confirm", Reason::Required));
        }
        let today = self.today();
        let now = self.clock.now();
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let expired: Vec<DestructionItem> = destruction_list(&pool, today)
                .await?
                .into_iter()
                .filter(|d| d.expired)
                .collect();
            if expired.is_empty() {
                return Ok(vec![]);
            }
            let mut tx = pool.begin().await?;
            for d in &expired {
                store::destroy(&mut tx, d.id, today).await?;
                vertrouwd_vault::audit::append(
                    &mut tx,
                    now,
                    &o.actor(),
                    "case.destroyed",
                    Some(&d.reference),
                )
                .await?;
            }
            tx.commit().await?;
            store::scrub(&pool).await?;
            Ok(expired.into_iter().map(|d| d.reference).collect())
        })
        .await
    }

    /// The statistics of `year` exactly as they would be released.
    pub async fn statistics_preview(&self, req: StatisticsRequest) -> ApiResult<Preview> {
        self.with_open(async |o| {
            let pool = o.advisor()?;
            let k = register_settings(&pool).await?.k;
            let facts = store::facts(&pool).await?;
            let natures = store::natures(&pool).await?;
            Ok(stats::preview(&facts, &natures, req.year, k, &req.left_out))
        })
        .await
    }

    /// Releases the statistics of a year: kept in advisor.db, audited,
    /// written as JSON where the advisor chose and, on request, put into
    /// org.db for HR.
    pub async fn release_statistics(&self, req: ReleaseRequest) -> ApiResult<Released> {
        let now = self.clock.now();
        if !(1990..=2100).contains(&req.year) {
            return Err(ApiError::validation("year", Reason::OutOfRange));
        }
        self.with_open(async |o| {
            let pool = o.advisor()?;
            if req.publish && !o.vault.holds(ORG) {
                return Err(ApiError::forbidden("publishing needs the org compartment"));
            }
            let k = register_settings(&pool).await?.k;
            let facts = store::facts(&pool).await?;
            let natures = store::natures(&pool).await?;
            let release = stats::preview(&facts, &natures, req.year, k, &req.left_out).release;
            let body = serde_json::to_string_pretty(&release)
                .map_err(|_| ApiError::new(ErrorCode::Internal, "cannot encode the release"))?;
            let file = match &req.path {
                Some(path) => Some(o.write_outside_vault(path, body.as_bytes())?),
                None => None,
            };
            let mut tx = pool.begin().await?;
            sqlx::query(
                "INSERT INTO releases (year, k, released_at, published, body) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .bind(req.year)
            .bind(k)
            .bind(now.to_rfc3339())
            .bind(req.publish)
            .bind(&body)
            .execute(&mut *tx)
            .await?;
            vertrouwd_vault::audit::append(
                &mut tx,
                now,
                &o.actor(),
                "statistics.released",
                Some(&req.year.to_string()),
            )
            .await?;
            if req.publish {
                let org = o.org()?.clone();
                let mut otx = org.begin().await?;
                sqlx::query(
                    "INSERT INTO advisor_statistics (year, released_at, body) VALUES (?1, ?2, ?3)",
                )
                .bind(req.year)
                .bind(now.to_rfc3339())
                .bind(&body)
                .execute(&mut *otx)
                .await?;
                vertrouwd_vault::audit::append(
                    &mut otx,
                    now,
                    &o.actor(),
                    "advisor_statistics.published",
                    Some(&req.year.to_string()),
                )
                .await?;
                otx.commit().await?;
            }
            tx.commit().await?;
            Ok(Released {
                release,
                file,
                published: req.publish,
            })
        })
        .await
    }
}
