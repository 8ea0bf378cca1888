//! What the register writes outside the vault, where the user chose: a
//! step's letter as PDF, and the calendar of every term and hearing as
//! .ics; and the letters' templates it writes them from.

use super::access::*;
use super::calendar::{self, Event};
use super::keys::{self, Part};
use super::letters::{self, LetterFacts, LetterTemplate};
use super::model::Content;
use super::procedures::LetterKind;
use super::register::{letterhead, logo};
use super::requests::*;
use super::store;
use crate::context::Context;
use crate::documents::WrittenFile;
use crate::error::{ApiError, ApiResult, Invalid, Reason};
use crate::language::Language;
use vertrouwd_vault::audit::Entry;

const KINDS: [LetterKind; 6] = [
    LetterKind::Acknowledgement,
    LetterKind::RequestForResponse,
    LetterKind::HearingInvitation,
    LetterKind::HearingReport,
    LetterKind::Decision,
    LetterKind::Postponement,
];

fn setting_key(kind: LetterKind, language: Language) -> String {
    format!(
        "letter.{}.{}",
        crate::code_lists::code(&kind),
        crate::code_lists::code(&language)
    )
}

/// The template of a letter: the organisation's own text, or the shipped one.
async fn template(
    pool: &sqlx::SqlitePool,
    kind: LetterKind,
    language: Language,
) -> ApiResult<(LetterTemplate, bool)> {
    Ok(
        match store::setting(pool, &setting_key(kind, language))
            .await?
            .and_then(|v| serde_json::from_str(&v).ok())
        {
            Some(t) => (t, true),
            None => (letters::shipped(kind, language), false),
        },
    )
}

/// Every letter's template in both languages.
pub async fn letter_templates(cx: &Context<'_>) -> ApiResult<Vec<LetterTemplateEntry>> {
    let pool = register(cx)?;
    let mut out = vec![];
    for kind in KINDS {
        for language in [Language::Nl, Language::En] {
            let (template, changed) = template(&pool, kind, language).await?;
            out.push(LetterTemplateEntry {
                kind,
                language,
                template,
                changed,
            });
        }
    }
    Ok(out)
}

/// A letter's text changed, or back to the shipped one.
pub async fn update_letter_template(
    cx: &Context<'_>,
    req: LetterTemplateChange,
) -> ApiResult<Vec<LetterTemplateEntry>> {
    let pool = register(cx)?;
    let key = setting_key(req.kind, req.language);
    let value = match &req.template {
        Some(t) => Some(crate::error::to_json(&letters::checked(t)?, "template")?),
        None => None,
    };
    cx.audited(&pool, async |tx| {
        match &value {
            Some(v) => store::set_setting(tx, &key, v).await?,
            None => store::delete_setting(tx, &key).await?,
        }
        Ok((
            (),
            Entry::new("complaints.letter_template_changed", Some(&key)),
        ))
    })
    .await?;
    letter_templates(cx).await
}

/// A step's letter as PDF where the user chose (never inside the vault
/// folder; not encrypted): its own letter, or the one asked for.
pub async fn write_complaint_letter(
    cx: &Context<'_>,
    req: LetterRequest,
) -> ApiResult<WrittenFile> {
    if req.path.trim().is_empty() {
        return Err(ApiError::validation("path", Reason::Required));
    }
    let pool = register(cx)?;
    let id = complaint_id(&pool, &req.complaint).await?;
    let content = {
        let mut conn = pool.acquire().await?;
        open(cx, &mut conn, id).await?.content
    };
    let step = content
        .procedure
        .step(req.step.trim())
        .ok_or_else(|| Invalid::new("step", Reason::Unknown))?;
    let kind = req
        .letter
        .or(step.letter)
        .ok_or_else(|| Invalid::new("letter", Reason::Required))?;
    let (template, _) = template(&pool, kind, req.language).await?;
    let letterhead = letterhead(&pool).await?;
    let logo = logo(&pool).await?;
    let committee = super::committee::committee_of(&pool).await?;
    let facts = LetterFacts {
        organisation: cx.organisation(),
        letterhead: &letterhead,
        logo: logo.as_deref(),
        committee: committee.name.as_deref(),
        author: &cx.user().display_name,
        printed: cx.now(),
        today: cx.today(),
        language: req.language,
    };
    let schedule = content.schedule(&calendars(&mut *pool.acquire().await?).await?);
    let values = letters::values(&content, &schedule, &step.key, kind, &facts);
    let doc = letters::letter(&content, kind, &template, &values, &facts);
    let pdf = vertrouwd_pdf::render(&doc);
    let written = cx
        .write_outside_vault(&req.path, &pdf.bytes)?
        .with_warnings(&pdf.warnings);
    cx.record(&pool, "complaint.letter_written", Some(&content.reference))
        .await?;
    Ok(written)
}

/// How long after its day a cancelled event is still given, so that a
/// calendar imported within that time loses it.
const CANCELLED_FOR_DAYS: u64 = 366;

/// The calendar of every complaint this user may read: each open step's
/// due date and each hearing; what was done or ended, as cancelled. No
/// name unless asked for (`with_names`).
pub async fn write_complaints_calendar(
    cx: &Context<'_>,
    req: CalendarRequest,
) -> ApiResult<WrittenFile> {
    if req.path.trim().is_empty() {
        return Err(ApiError::validation("path", Reason::Required));
    }
    let pool = register(cx)?;
    let lang = req.language;
    let t = |nl: &str, en: &str| crate::language::text(lang, nl, en);
    let since = cx.today() - chrono::Days::new(CANCELLED_FOR_DAYS);
    let contents: std::collections::HashMap<i64, Vec<u8>> =
        store::contents(&pool).await?.into_iter().collect();
    let mut events = vec![];
    let calendars = calendars(&mut *pool.acquire().await?).await?;
    for (id, key, _) in readable(cx, &pool).await? {
        let sealed = contents.get(&id).ok_or_else(not_found)?;
        let c: Content = keys::open(cx, &key, id, Part::Content, sealed)?;
        let ended = c.closure.is_some();
        let names = if req.with_names {
            let who = c
                .complainant
                .name
                .clone()
                .unwrap_or_else(|| t("anoniem", "anonymous"));
            format!(" — {who}")
        } else {
            String::new()
        };
        let sequence = c.timeline.len();
        for s in c.schedule(&calendars) {
            let Some(day) = s.due else { continue };
            let cancelled = ended || !s.open();
            if cancelled && day < since {
                continue;
            }
            let step = super::labels::label(lang, &s.key);
            events.push(Event {
                uid: format!("{id}-{}", s.key),
                day,
                summary: format!("{}: {step} ({}){names}", t("Termijn", "Due"), c.reference),
                cancelled,
                sequence,
            });
        }
        for (i, h) in c.hearings.iter().enumerate() {
            if ended && h.on < since {
                continue;
            }
            events.push(Event {
                uid: format!("{id}-hearing-{i}"),
                day: h.on,
                summary: format!("{} {}{names}", t("Hoorzitting", "Hearing"), c.reference),
                cancelled: ended,
                sequence,
            });
        }
    }
    events.sort_by(|a, b| a.day.cmp(&b.day).then(a.uid.cmp(&b.uid)));
    let text = calendar::ics(&events, cx.now(), lang);
    let written = cx.write_outside_vault(&req.path, text.as_bytes())?;
    cx.record(&pool, "complaints.calendar_written", None)
        .await?;
    Ok(written)
}
