//! Cases: the intake, corrections to it, the list and one case, time
//! spent and closing.

use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::check::{check_case, MAX_MINUTES};
use super::register::settings_of;
use super::requests::*;
use super::store;
use super::*;
use crate::context::Context;
use crate::dates::parse_date;
use crate::error::{ApiError, ApiResult, ErrorCode, Reason};
use crate::validate::not_in_future;

fn reference_taken() -> ApiError {
    ApiError {
        code: ErrorCode::Conflict,
        ..ApiError::validation("reference", Reason::Taken)
    }
}

/// Records a new case; the reference is given when left empty.
pub async fn add_case(cx: &Context<'_>, input: CaseInput) -> ApiResult<CaseDetail> {
    let pool = register(cx)?;
    let case = check_case(&input, &store::natures(&pool).await?, cx.today())?;
    let prefix = settings_of(&pool).await?.reference_prefix;
    let id = cx
        .audited(&pool, async |tx| {
            if let Some(r) = &case.reference {
                if store::reference_taken(tx, r).await? {
                    return Err(reference_taken());
                }
            }
            let (id, reference) = store::add_case(tx, &case, &prefix, cx.now()).await?;
            Ok((id, Entry::new("case.created", Some(&reference))))
        })
        .await?;
    detail(&pool, id).await
}

/// Changes what the intake recorded: dates, reporter, role, natures,
/// persons concerned, reference. Conversations and the rest stay.
pub async fn update_case(cx: &Context<'_>, req: UpdateCaseRequest) -> ApiResult<CaseDetail> {
    let pool = register(cx)?;
    let (id, current) = case_id(&pool, &req.case).await?;
    let case = check_case(&req.input, &store::natures(&pool).await?, cx.today())?;
    let before = detail(&pool, id).await?;
    if before.closed_on.is_some_and(|c| c < case.first_contact) {
        return Err(ApiError::validation("first_contact", Reason::AfterClosing));
    }
    let reference = case.reference.clone().unwrap_or(current.clone());
    cx.audited(&pool, async |tx| {
        if reference != current && store::reference_taken(tx, &reference).await? {
            return Err(reference_taken());
        }
        store::update_case(tx, id, &case, &reference, cx.now()).await?;
        Ok(((), Entry::new("case.updated", Some(&reference))))
    })
    .await?;
    detail(&pool, id).await
}

/// The register, filtered.
pub async fn list_cases(cx: &Context<'_>, filter: CaseFilter) -> ApiResult<Vec<CaseSummary>> {
    Ok(store::list(&register(cx)?, &filter, cx.today()).await?)
}

/// One case with everything recorded in it.
pub async fn case_detail(cx: &Context<'_>, req: CaseRef) -> ApiResult<CaseDetail> {
    let pool = register(cx)?;
    let (id, _) = case_id(&pool, &req.case).await?;
    detail(&pool, id).await
}

/// Adds time spent on a case outside conversations (or takes back time
/// added by mistake, never below zero).
pub async fn add_case_time(cx: &Context<'_>, req: AddTimeRequest) -> ApiResult<CaseDetail> {
    if req.minutes == 0 || req.minutes.abs() > MAX_MINUTES {
        return Err(ApiError::validation("minutes", Reason::OutOfRange));
    }
    let pool = register(cx)?;
    change_case(cx, &pool, &req.case, "case.time_added", async |tx, id| {
        if !store::add_time(tx, id, req.minutes, cx.now()).await? {
            return Err(ApiError::validation("minutes", Reason::OutOfRange));
        }
        Ok(())
    })
    .await
}

/// Closes a case on a day not before its first contact, with its outcome.
pub async fn close_case(cx: &Context<'_>, req: CloseCaseRequest) -> ApiResult<CaseDetail> {
    let on = not_in_future(
        parse_date(&req.closed_on, "closed_on")?,
        cx.today(),
        "closed_on",
    )?;
    let pool = register(cx)?;
    let (id, reference) = case_id(&pool, &req.case).await?;
    let current = detail(&pool, id).await?;
    if on < current.first_contact {
        return Err(ApiError::validation(
            "closed_on",
            Reason::BeforeFirstContact,
        ));
    }
    cx.audited(&pool, async |tx| {
        store::close(tx, id, on, req.outcome, req.follow_ups_done, cx.now()).await?;
        Ok(((), Entry::new("case.closed", Some(&reference))))
    })
    .await?;
    detail(&pool, id).await
}

/// Opens a closed case again, on purpose (audited `case.reopened`): more
/// is to be recorded. A case that is open is refused.
pub async fn reopen_case(cx: &Context<'_>, req: CaseRef) -> ApiResult<CaseDetail> {
    let pool = register(cx)?;
    let (id, reference) = case_id(&pool, &req.case).await?;
    if detail(&pool, id).await?.closed_on.is_none() {
        return Err(ApiError::validation("case", Reason::NotClosed));
    }
    cx.audited(&pool, async |tx| {
        store::reopen(tx, id, cx.now()).await?;
        Ok(((), Entry::new("case.reopened", Some(&reference))))
    })
    .await?;
    detail(&pool, id).await
}
