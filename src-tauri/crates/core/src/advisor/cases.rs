//! Cases: the intake, corrections to it, the list and one case, time
//! spent and closing.

use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::check::{check_case, MAX_MINUTES};
use super::register::register_settings;
use super::requests::*;
use super::store;
use super::*;
use crate::dates::parse_date;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::session::{audited, Session};
use crate::validate::not_in_future;

impl Session {
    /// Records a new case; the reference is given when left empty.
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
}
