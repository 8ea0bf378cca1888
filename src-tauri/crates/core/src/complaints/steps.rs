//! What happens to a complaint along its procedure: steps done (or not
//! possible), a due date set by hand, the terms paused and resumed,
//! extended, hearings, the admissibility checklist, the committee's advice,
//! the decision, the end, and notes. Each is one change through
//! [`change`], with its audit row.

use super::access::*;
use super::check;
use super::model::*;
use super::procedures::{Extension, Pause, StepProgress};
use super::requests::*;
use crate::context::Context;
use crate::dates::parse_date;
use crate::error::{ApiResult, Invalid, Reason};

fn known_step(content: &Content, step: &str) -> Result<String, Invalid> {
    let step = step.trim();
    content
        .procedure
        .step(step)
        .map(|s| s.key.clone())
        .ok_or_else(|| Invalid::new("step", Reason::Unknown))
}

fn progress<'a>(content: &'a mut Content, step: &str) -> &'a mut StepProgress {
    if let Some(i) = content.progress.iter().position(|p| p.key == step) {
        return &mut content.progress[i];
    }
    content.progress.push(StepProgress {
        key: step.to_string(),
        ..Default::default()
    });
    let last = content.progress.len() - 1;
    &mut content.progress[last]
}

/// A step done on a day, not possible for a reason, or open again.
pub async fn complaint_step_done(
    cx: &Context<'_>,
    req: StepDoneRequest,
) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let step = known_step(c, &req.step)?;
        let done_on = match req
            .done_on
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            Some(v) => Some(check::happened(v, "done_on", c.received_on, today)?),
            None => None,
        };
        let not_possible = check::optional(req.not_possible.as_deref(), "not_possible")?;
        let p = progress(c, &step);
        p.done_on = done_on;
        p.not_possible = if done_on.is_some() {
            None
        } else {
            not_possible
        };
        let action = match (p.done_on, &p.not_possible) {
            (Some(_), _) => "complaint.step_done",
            (None, Some(_)) => "complaint.step_not_possible",
            (None, None) => "complaint.step_reopened",
        };
        Ok((action, Some(step)))
    })
    .await
}

/// Sets a step's due date by hand, or (empty) lets it be computed again.
pub async fn set_complaint_due(cx: &Context<'_>, req: SetDueRequest) -> ApiResult<ComplaintDetail> {
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let step = known_step(c, &req.step)?;
        let due = match req
            .due_on
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        {
            Some(v) => Some(check::after_receipt(
                parse_date(v, "due_on")?,
                "due_on",
                c.received_on,
            )?),
            None => None,
        };
        progress(c, &step).due_set = due;
        Ok(("complaint.due_set", Some(step)))
    })
    .await
}

/// The terms stand still from a day on (mediation), until resumed.
pub async fn pause_complaint(cx: &Context<'_>, req: PauseRequest) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        if c.pauses.iter().any(|p| p.until.is_none()) {
            return Err(Invalid::new("from", Reason::Taken));
        }
        let from = check::happened(&req.from, "from", c.received_on, today)?;
        if c.pauses.iter().any(|p| p.until.is_some_and(|u| u >= from)) {
            return Err(Invalid::new("from", Reason::OutOfRange));
        }
        c.pauses.push(Pause {
            from,
            until: None,
            reason: req.reason,
            note: check::optional(req.note.as_deref(), "note")?,
        });
        Ok(("complaint.paused", None))
    })
    .await
}

/// The terms run again after the pause's last day.
pub async fn resume_complaint(cx: &Context<'_>, req: ResumeRequest) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        let Some(pause) = c.pauses.iter_mut().find(|p| p.until.is_none()) else {
            return Err(Invalid::new("until", Reason::Invalid));
        };
        let until = check::happened(&req.until, "until", pause.from, today)?;
        pause.until = Some(until);
        Ok(("complaint.resumed", None))
    })
    .await
}

/// A step's term lengthened, with its reason.
pub async fn extend_complaint_step(
    cx: &Context<'_>,
    req: ExtendRequest,
) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let step = known_step(c, &req.step)?;
        let by = req.by.checked("by")?;
        c.extensions.push(Extension {
            step: step.clone(),
            by,
            reason: check::text(&req.reason, "reason")?,
            on: today,
        });
        Ok(("complaint.extended", Some(step)))
    })
    .await
}

/// A hearing held or planned (never before the complaint was received).
pub async fn record_hearing(cx: &Context<'_>, req: HearingRequest) -> ApiResult<ComplaintDetail> {
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let h = &req.hearing;
        let on = check::after_receipt(parse_date(&h.on, "on")?, "on", c.received_on)?;
        let witnesses = h
            .witnesses
            .iter()
            .map(|w| crate::validate::line(w, "witnesses", check::MAX_LINE))
            .collect::<Result<Vec<_>, _>>()?;
        c.hearings.push(Hearing {
            on,
            separate: h.separate,
            witnesses,
            note: check::optional(h.note.as_deref(), "note")?,
        });
        c.hearings.sort_by_key(|h| h.on);
        Ok(("complaint.hearing", None))
    })
    .await
}

/// The admissibility checklist; a conclusion marks the procedure's
/// admissibility step done, and "not admissible" ends the complaint.
pub async fn record_admissibility(
    cx: &Context<'_>,
    req: AdmissibilityRequest,
) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let mut a = req.checklist.clone();
        a.note = check::optional(a.note.as_deref(), "note")?;
        if let Some(on) = a.decided_on {
            check::happened(&on.to_string(), "decided_on", c.received_on, today)?;
        }
        match (a.admissible, a.decided_on) {
            (Some(_), None) => return Err(Invalid::new("decided_on", Reason::Required)),
            (Some(admissible), Some(on)) => {
                if c.procedure.step("admissibility").is_some() {
                    let p = progress(c, "admissibility");
                    p.done_on = Some(on);
                    p.not_possible = None;
                }
                if !admissible {
                    c.closure = Some(Closure {
                        kind: ClosureKind::Inadmissible,
                        on,
                        note: a.note.clone(),
                    });
                }
            }
            _ => {}
        }
        c.admissibility = a;
        Ok(("complaint.admissibility", None))
    })
    .await
}

fn outcome(
    req: &OutcomeRequest,
    c: &Content,
    today: chrono::NaiveDate,
) -> Result<(chrono::NaiveDate, Vec<String>), Invalid> {
    let on = check::happened(&req.on, "on", c.received_on, today)?;
    Ok((on, check::measures(&req.measures)?))
}

fn mark_done(c: &mut Content, step: &str, on: chrono::NaiveDate) {
    if c.procedure.step(step).is_some() {
        let p = progress(c, step);
        p.done_on = Some(on);
        p.not_possible = None;
    }
}

/// The committee's advice: a finding and recommended measures.
pub async fn record_advice(cx: &Context<'_>, req: OutcomeRequest) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let (on, measures) = outcome(&req, c, today)?;
        if c.hearings.iter().any(|h| h.on > on) {
            return Err(Invalid::new("on", Reason::OutOfRange));
        }
        c.advice = Some(Advice {
            on,
            finding: req.finding,
            measures,
            note: check::optional(req.note.as_deref(), "note")?,
        });
        mark_done(c, "advice", on);
        Ok(("complaint.advice", None))
    })
    .await
}

/// The decision: a finding, the measures taken, and the reasons when it
/// departs from the advice.
pub async fn record_decision(cx: &Context<'_>, req: OutcomeRequest) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let (on, measures) = outcome(&req, c, today)?;
        let reasons = check::optional(req.reasons.as_deref(), "reasons")?;
        if let Some(advice) = &c.advice {
            if on < advice.on {
                return Err(Invalid::new("on", Reason::OutOfRange));
            }
            if advice.finding != req.finding && reasons.is_none() {
                return Err(Invalid::new("reasons", Reason::Required));
            }
        }
        c.decision = Some(Decision {
            on,
            finding: req.finding,
            measures,
            reasons,
        });
        mark_done(c, "decision", on);
        Ok(("complaint.decision", None))
    })
    .await
}

/// Ends a complaint: closed after its procedure, withdrawn, or found
/// inadmissible.
pub async fn close_complaint(
    cx: &Context<'_>,
    req: CloseComplaintRequest,
) -> ApiResult<ComplaintDetail> {
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let on = check::happened(&req.on, "on", c.received_on, today)?;
        if let Some(p) = c.pauses.iter_mut().find(|p| p.until.is_none()) {
            p.until = Some(on.max(p.from));
        }
        c.closure = Some(Closure {
            kind: req.kind,
            on,
            note: check::optional(req.note.as_deref(), "note")?,
        });
        let action = match req.kind {
            ClosureKind::Closed => "complaint.closed",
            ClosureKind::Withdrawn => "complaint.withdrawn",
            ClosureKind::Inadmissible => "complaint.inadmissible",
        };
        Ok((action, None))
    })
    .await
}

/// A note on the timeline.
pub async fn add_complaint_note(
    cx: &Context<'_>,
    req: ComplaintNoteRequest,
) -> ApiResult<ComplaintDetail> {
    change(cx, &req.complaint, |_| {
        Ok(("complaint.note", Some(check::text(&req.text, "text")?)))
    })
    .await
}
