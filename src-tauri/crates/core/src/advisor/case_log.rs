//! What is recorded in a case after the intake: conversations,
//! interventions, the reporter's consents and follow-ups.

use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::check::{check_conversation, MAX_NOTES, MAX_SHORT};
use super::requests::*;
use super::store;
use super::*;
use crate::dates::parse_date;
use crate::error::{ApiError, ApiResult, Reason};
use crate::session::{audited, Session};
use crate::validate::{not_in_future, optional_text, required_text};

impl Session {
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
}
