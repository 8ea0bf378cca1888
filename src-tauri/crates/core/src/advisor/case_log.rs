//! What is recorded in a case after the intake: conversations,
//! interventions, the reporter's consents and follow-ups.

use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::check::{check_conversation, MAX_NOTES, MAX_SHORT};
use super::requests::*;
use super::store;
use super::*;
use crate::context::Context;
use crate::dates::parse_date;
use crate::error::{ApiError, ApiResult, Reason};
use crate::validate::{not_in_future, optional_text, required_text};

/// A date the user may leave empty: `None` when blank.
fn optional_date(value: Option<&str>, field: &str) -> ApiResult<Option<chrono::NaiveDate>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => Ok(Some(parse_date(v, field)?)),
        None => Ok(None),
    }
}

/// Records a conversation with its duration and notes.
pub async fn add_conversation(
    cx: &Context<'_>,
    req: AddConversationRequest,
) -> ApiResult<CaseDetail> {
    let c = check_conversation(&req.conversation, cx.today())?;
    let pool = register(cx)?;
    change_case(
        cx,
        &pool,
        &req.case,
        "case.conversation_added",
        async |tx, id| {
            store::add_conversation(tx, id, &c, cx.now()).await?;
            Ok(())
        },
    )
    .await
}

/// Records an intervention (a referral names where to).
pub async fn add_intervention(
    cx: &Context<'_>,
    req: AddInterventionRequest,
) -> ApiResult<CaseDetail> {
    let i = &req.intervention;
    let on = not_in_future(parse_date(&i.on_date, "on_date")?, cx.today(), "on_date")?;
    let note = optional_text(i.note.as_deref(), "note", MAX_NOTES)?;
    let referral = match (i.kind, i.referral) {
        (InterventionKind::Referral, None) => {
            return Err(ApiError::validation("referral", Reason::Required))
        }
        (InterventionKind::Referral, r) => r,
        _ => None,
    };
    let pool = register(cx)?;
    change_case(
        cx,
        &pool,
        &req.case,
        "case.intervention_added",
        async |tx, id| {
            store::add_intervention(tx, id, i.kind, referral, on, note.as_deref()).await?;
            Ok(())
        },
    )
    .await
}

/// Records a consent (or a refusal) of the reporter.
pub async fn add_consent(cx: &Context<'_>, req: AddConsentRequest) -> ApiResult<CaseDetail> {
    let c = &req.consent;
    let recorded_on = not_in_future(
        parse_date(&c.recorded_on, "recorded_on")?,
        cx.today(),
        "recorded_on",
    )?;
    let recipient = optional_text(c.recipient.as_deref(), "recipient", MAX_SHORT)?;
    if c.kind == ConsentKind::Disclosure && recipient.is_none() {
        return Err(ApiError::validation("recipient", Reason::Required));
    }
    let what = optional_text(c.what.as_deref(), "what", MAX_SHORT * 5)?;
    let until = optional_date(c.until.as_deref(), "until")?;
    let pool = register(cx)?;
    let consent = store::NewConsent {
        kind: c.kind,
        given: c.given,
        recipient,
        what,
        until,
        recorded_on,
    };
    change_case(
        cx,
        &pool,
        &req.case,
        "case.consent_recorded",
        async |tx, id| {
            store::add_consent(tx, id, &consent).await?;
            Ok(())
        },
    )
    .await
}

/// Adds a follow-up with the day it is due.
pub async fn add_follow_up(cx: &Context<'_>, req: AddFollowUpRequest) -> ApiResult<CaseDetail> {
    let due = parse_date(&req.due_on, "due_on")?;
    let what = required_text(&req.what, "what", MAX_SHORT * 5)?;
    let pool = register(cx)?;
    change_case(
        cx,
        &pool,
        &req.case,
        "case.follow_up_added",
        async |tx, id| {
            store::add_follow_up(tx, id, due, &what).await?;
            store::reindex(tx, id).await?;
            Ok(())
        },
    )
    .await
}

/// Marks a follow-up done, so it leaves the due list (or, without a day,
/// open again).
pub async fn follow_up_done(cx: &Context<'_>, req: FollowUpDoneRequest) -> ApiResult<CaseDetail> {
    let done = optional_date(req.done_on.as_deref(), "done_on")?
        .map(|d| not_in_future(d, cx.today(), "done_on"))
        .transpose()?;
    let pool = register(cx)?;
    let id = cx
        .audited(&pool, async |tx| {
            let (id, reference) = store::set_follow_up_done(tx, req.id, done)
                .await?
                .ok_or_else(not_found)?;
            let action = if done.is_some() {
                "case.follow_up_done"
            } else {
                "case.follow_up_reopened"
            };
            Ok((id, Entry::new(action, Some(&reference))))
        })
        .await?;
    detail(&pool, id).await
}
