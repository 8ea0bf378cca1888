//! The procedure templates: every term of a shipped procedure can be
//! changed by the organisation (its length and unit, its calendar, who
//! acts, the letter, the names). A change is kept in the register's
//! settings and reaches the complaints filed from then on; the running
//! complaints keep the copy they were filed with unless the user asks that
//! they follow, and the change says first which of them it would move,
//! and how ([`preview_complaint_procedure`]).

use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::model::*;
use super::procedures::Procedure;
use super::requests::{DueChange, ProcedureChange, ProcedureChangeResult, RunningChange};
use super::store;
use crate::context::Context;
use crate::error::{ApiResult, Invalid, Reason};

/// The procedures a complaint can follow, as the organisation set them.
pub async fn complaint_procedures(cx: &Context<'_>) -> ApiResult<Vec<Procedure>> {
    let pool = register(cx)?;
    procedures(&mut *pool.acquire().await?).await
}

/// What the change would do: the template as it would be kept, and every
/// running complaint (of those this user may read) whose copy it would
/// change, with the due dates it would move. Nothing is written.
pub async fn preview_complaint_procedure(
    cx: &Context<'_>,
    req: ProcedureChange,
) -> ApiResult<ProcedureChangeResult> {
    let pool = register(cx)?;
    let mut conn = pool.acquire().await?;
    let (procedure, running) = effects(cx, &mut conn, req.procedure).await?;
    Ok(ProcedureChangeResult {
        procedure,
        running: running.into_iter().map(|(_, _, r)| r).collect(),
        applied: false,
    })
}

/// Keeps the changed template; with `apply_to_running`, the running
/// complaints this user may read follow it in the same change (each with
/// an event on its timeline), and otherwise keep their dates. The answer
/// names the running complaints the change moved, or would have moved.
pub async fn update_complaint_procedure(
    cx: &Context<'_>,
    req: ProcedureChange,
) -> ApiResult<ProcedureChangeResult> {
    let pool = register(cx)?;
    let apply = req.apply_to_running;
    cx.audited_all(&pool, async |tx| {
        let (procedure, running) = effects(cx, tx, req.procedure).await?;
        let json = crate::error::to_json(&procedure, "procedure")?;
        store::set_setting(tx, &procedure_setting(&procedure.code), &json).await?;
        let mut entries = vec![Entry::new(
            "complaints.procedure_changed",
            Some(&procedure.code),
        )];
        if apply {
            for (id, mut opened, change) in running.iter().cloned() {
                opened.content.procedure = procedure.clone();
                let detail = Some(procedure.code.clone());
                opened
                    .content
                    .timeline
                    .push(event(cx, "procedure_changed", detail));
                write(cx, tx, id, &opened.key, &opened.content).await?;
                entries.push(Entry::new(
                    "complaint.procedure_changed",
                    Some(&change.reference),
                ));
            }
        }
        Ok((
            ProcedureChangeResult {
                procedure,
                running: running.into_iter().map(|(_, _, r)| r).collect(),
                applied: apply,
            },
            entries,
        ))
    })
    .await
}

/// The template `edit` checked against the one kept now, and the running
/// complaints whose copy differs from it: each opened, with the due dates
/// that would move.
async fn effects(
    cx: &Context<'_>,
    conn: &mut sqlx::SqliteConnection,
    edit: Procedure,
) -> ApiResult<(Procedure, Vec<(i64, Opened, RunningChange)>)> {
    let code = edit.code.trim().to_string();
    let current = procedures(conn)
        .await?
        .into_iter()
        .find(|p| p.code == code)
        .ok_or_else(|| Invalid::new("procedure", Reason::Unknown))?;
    let procedure = current.edited(Procedure { code, ..edit })?;
    let calendars = calendars(conn).await?;
    let mut running = vec![];
    for (id, _, summary) in readable_in(cx, conn).await? {
        if summary.ended_on.is_some() || summary.procedure != procedure.code {
            continue;
        }
        let opened = open(cx, conn, id).await?;
        if opened.content.procedure == procedure {
            continue;
        }
        let before = opened.content.schedule(&calendars);
        let after = Content {
            procedure: procedure.clone(),
            ..opened.content.clone()
        }
        .schedule(&calendars);
        let steps = before
            .iter()
            .zip(&after)
            .filter(|(b, a)| b.due != a.due)
            .map(|(b, a)| DueChange {
                step: b.key.clone(),
                before: b.due,
                after: a.due,
            })
            .collect();
        let change = RunningChange {
            reference: summary.reference,
            steps,
        };
        running.push((id, opened, change));
    }
    Ok((procedure, running))
}
