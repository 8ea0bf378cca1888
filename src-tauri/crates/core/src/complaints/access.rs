//! How every complaints use case reaches the register: hr.db only for a
//! user with the hr role who holds its key; a complaint only through a box
//! of its key this user can open; a change sealed again and written with
//! its audit row in one transaction.

use std::sync::Arc;

use sqlx::{SqliteConnection, SqlitePool};
use vertrouwd_vault::audit::Entry;
use vertrouwd_vault::{Holder, SecretKey};

use super::keys::{self, Part};
use super::model::*;
use super::procedures::{Calendars, Procedure};
use super::requests::{LiberationDayOff, OrganisationCalendar};
use super::store;
use crate::compartments::HR;
use crate::context::Context;
use crate::dates::{LiberationDay, OrganisationDays, WorkCalendar};
use crate::error::{ApiError, ApiResult, ErrorCode, Invalid, Reason};
use crate::roles::Role;
use crate::users;

pub(super) fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such complaint")
}

/// hr.db, for a user with the hr role who holds its key.
pub(super) fn register(cx: &Context<'_>) -> ApiResult<SqlitePool> {
    cx.pool(HR, Role::Hr, "the complaints register is HR's")
}

/// The calendars terms are counted on: the Atw's, and the organisation's
/// working days as the register's settings give them (by default Goede
/// Vrijdag worked, 5 May off in lustrum years, no closing days).
pub(super) fn calendars_of(settings: &OrganisationCalendar) -> Calendars {
    Calendars {
        law: WorkCalendar::law(),
        organisation: WorkCalendar::organisation(OrganisationDays {
            good_friday: settings.good_friday_off,
            liberation_day: match settings.liberation_day {
                LiberationDayOff::EveryYear => LiberationDay::EveryYear,
                LiberationDayOff::EveryFiveYears => LiberationDay::EveryFiveYears,
                LiberationDayOff::Never => LiberationDay::Never,
            },
            closing_days: settings.closing_days.clone(),
        }),
    }
}

/// The organisation's calendar setting, read with `conn`.
pub(super) async fn organisation_calendar(
    conn: &mut SqliteConnection,
) -> ApiResult<OrganisationCalendar> {
    Ok(store::setting_in(conn, "calendar")
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// The calendars, read with `conn`.
pub(super) async fn calendars(conn: &mut SqliteConnection) -> ApiResult<Calendars> {
    Ok(calendars_of(&organisation_calendar(conn).await?))
}

/// The procedures a complaint can follow: the shipped ones, each with the
/// organisation's changes to its terms (kept in the settings).
pub(super) async fn procedures(conn: &mut SqliteConnection) -> ApiResult<Vec<Procedure>> {
    let mut out = super::procedures::shipped();
    for p in &mut out {
        let kept = store::setting_in(conn, &procedure_setting(&p.code)).await?;
        if let Some(edited) = kept
            .and_then(|v| serde_json::from_str::<Procedure>(&v).ok())
            .and_then(|kept| p.edited(kept).ok())
        {
            *p = edited;
        }
    }
    Ok(out)
}

/// The setting that keeps the organisation's version of procedure `code`.
pub(super) fn procedure_setting(code: &str) -> String {
    format!("procedure.{code}")
}

/// The hr holders as hr.db lists them, each with their name: who may be
/// given access to a complaint.
pub(super) async fn hr_holders(
    cx: &Context<'_>,
    pool: &SqlitePool,
) -> ApiResult<Vec<(Holder, String)>> {
    let holders = vertrouwd_vault::trust::holders(pool).await?;
    let org = cx.org()?;
    let directory = users::list(&org).await?;
    Ok(holders
        .into_iter()
        .filter_map(|h| {
            let user = directory
                .iter()
                .find(|u| u.id == h.user_id && u.roles.contains(&Role::Hr))?;
            let name = user.display_name.clone();
            Some((h, name))
        })
        .collect())
}

/// The holders named in `only`, which must include the user choosing (so
/// nobody shuts themselves out) and be hr holders, each listed with the
/// key the user choosing accepted for them: hr.db is written by every hr
/// holder, and one who put their own key under a colleague's name would
/// otherwise get what is sealed to that colleague.
pub(super) async fn allowed(
    cx: &Context<'_>,
    pool: &SqlitePool,
    only: &[String],
) -> ApiResult<Vec<Holder>> {
    let holders = hr_holders(cx, pool).await?;
    let mut out: Vec<Holder> = vec![];
    for id in only {
        let id = id.trim();
        let Some((h, _)) = holders.iter().find(|(h, _)| h.user_id == id) else {
            return Err(Invalid::new("access", Reason::Unknown).into());
        };
        if !out.iter().any(|o| o.user_id == h.user_id) {
            cx.vouch(h)?;
            out.push(h.clone());
        }
    }
    if !out.iter().any(|h| h.user_id == cx.actor()) {
        return Err(Invalid::new("access", Reason::OwnUser).into());
    }
    Ok(out)
}

/// One complaint opened inside a transaction.
#[derive(Clone)]
pub(super) struct Opened {
    pub key: Arc<SecretKey>,
    pub content: Content,
}

/// The id of `complaint` (a reference or an id).
pub(super) async fn complaint_id(pool: &SqlitePool, complaint: &str) -> ApiResult<i64> {
    store::find(pool, complaint.trim())
        .await?
        .ok_or_else(not_found)
}

/// [`complaint_id`], inside the caller's transaction.
pub(super) async fn complaint_id_in(
    conn: &mut SqliteConnection,
    complaint: &str,
) -> ApiResult<i64> {
    store::find(conn, complaint.trim())
        .await?
        .ok_or_else(not_found)
}

/// Opens complaint `id` for this user. One they have no box for is not
/// there for them: the same answer as a reference that does not exist.
pub(super) async fn open(
    cx: &Context<'_>,
    conn: &mut SqliteConnection,
    id: i64,
) -> ApiResult<Opened> {
    let found = store::box_of(conn, id, cx.actor())
        .await?
        .ok_or_else(not_found)?;
    let register = keys::register_key(conn).await?;
    let key = keys::open_box(cx, register.as_ref(), id, &found.holder, &found.sealed)?;
    let sealed = store::sealed(conn, id).await?.ok_or_else(not_found)?;
    let content: Content = keys::open(cx, &key, id, Part::Content, &sealed.content)?;
    if content.reference != sealed.reference {
        return Err(ApiError::new(
            ErrorCode::Corrupt,
            "a complaint could not be read",
        ));
    }
    Ok(Opened { key, content })
}

/// An event of the timeline, now, by this user.
pub(super) fn event(cx: &Context<'_>, what: &str, detail: Option<String>) -> ComplaintEvent {
    ComplaintEvent {
        at: cx.now(),
        by: cx.actor().to_string(),
        by_name: cx.user().display_name.clone(),
        what: what.to_string(),
        detail,
    }
}

/// Seals `content` (and its summary, with the schedule as it now stands,
/// and its facts for the figures) under `key` and writes them.
pub(super) async fn write(
    cx: &Context<'_>,
    conn: &mut SqliteConnection,
    id: i64,
    key: &SecretKey,
    content: &Content,
) -> ApiResult<()> {
    let calendars = calendars(conn).await?;
    let summary = content.summary(&calendars);
    let summary = keys::seal(cx, key, id, Part::Summary, &summary)?;
    let sealed = keys::seal(cx, key, id, Part::Content, content)?;
    let facts = super::figures::ComplaintFacts::of(content, &calendars, cx.today());
    let facts = keys::seal(cx, key, id, Part::Facts, &facts)?;
    store::write(conn, id, &summary, &sealed, &facts).await?;
    Ok(())
}

/// The boxes of a complaint's key for who may read it.
pub(super) async fn seal_key(
    cx: &Context<'_>,
    conn: &mut SqliteConnection,
    id: i64,
    key: &SecretKey,
    only: Option<&[Holder]>,
) -> ApiResult<()> {
    let register = keys::register_key_made(conn).await?;
    let boxes = keys::boxes(cx, &register, id, key, only)?;
    store::set_boxes(conn, id, &boxes).await?;
    Ok(())
}

/// Changes one complaint: `apply` gets its content and answers the audit
/// action and the timeline's detail; the event is added, everything is
/// sealed again and written with the audit row in one transaction.
pub(super) async fn change(
    cx: &Context<'_>,
    complaint: &str,
    apply: impl FnOnce(&mut Content) -> Result<(&'static str, Option<String>), Invalid>,
) -> ApiResult<ComplaintDetail> {
    let pool = register(cx)?;
    let id = complaint_id(&pool, complaint).await?;
    cx.audited(&pool, async |tx| {
        let mut opened = open(cx, tx, id).await?;
        let (action, detail) = apply(&mut opened.content)?;
        let what = action.strip_prefix("complaint.").unwrap_or(action);
        opened.content.timeline.push(event(cx, what, detail));
        write(cx, tx, id, &opened.key, &opened.content).await?;
        Ok(((), Entry::new(action, Some(&opened.content.reference))))
    })
    .await?;
    detail(cx, &pool, id).await
}

/// Refuses a change to a complaint that has ended.
pub(super) fn still_open(content: &Content) -> Result<(), Invalid> {
    if content.closure.is_some() {
        return Err(Invalid::new("complaint", Reason::Closed));
    }
    Ok(())
}

/// Everything about complaint `id`, for this user.
pub(super) async fn detail(
    cx: &Context<'_>,
    pool: &SqlitePool,
    id: i64,
) -> ApiResult<ComplaintDetail> {
    let mut conn = pool.acquire().await?;
    let Opened { content, .. } = open(cx, &mut conn, id).await?;
    let calendars = calendars(&mut conn).await?;
    drop(conn);
    let access = match &content.only {
        None => AccessInfo {
            everyone: true,
            users: vec![],
        },
        Some(ids) => {
            let names = users::names(&cx.org()?).await?;
            AccessInfo {
                everyone: false,
                users: ids
                    .iter()
                    .map(|id| AccessUser {
                        id: id.clone(),
                        display_name: names
                            .iter()
                            .find(|(i, _)| i == id)
                            .map(|(_, n)| n.clone())
                            .unwrap_or_default(),
                    })
                    .collect(),
            }
        }
    };
    let schedule = content.schedule(&calendars);
    let status = content.status();
    let c = content;
    Ok(ComplaintDetail {
        id,
        reference: c.reference,
        received_on: c.received_on,
        channel: c.channel,
        minutes_signed_on: c.minutes_signed_on,
        procedure: c.procedure,
        status,
        complainant: c.complainant,
        complained_about: c.complained_about,
        natures: c.natures,
        description: c.description,
        decision_maker: c.decision_maker,
        admissibility: c.admissibility,
        hearings: c.hearings,
        advice: c.advice,
        decision: c.decision,
        closure: c.closure,
        schedule,
        pauses: c.pauses,
        extensions: c.extensions,
        timeline: c.timeline,
        access,
        attachments: c.attachments,
        recusals: c.recusals,
        joined: c.joined,
    })
}

/// Every complaint this user can read, with its key and summary.
pub(super) async fn readable(
    cx: &Context<'_>,
    pool: &SqlitePool,
) -> ApiResult<Vec<(i64, Arc<SecretKey>, Summary)>> {
    readable_in(cx, &mut *pool.acquire().await?).await
}

/// [`readable`], with `conn` (inside a transaction). Opening thousands of
/// boxes and summaries is work for the processor alone: it is shared out
/// over its cores.
pub(super) async fn readable_in(
    cx: &Context<'_>,
    conn: &mut SqliteConnection,
) -> ApiResult<Vec<(i64, Arc<SecretKey>, Summary)>> {
    let mut rows = store::readable(&mut *conn, cx.actor()).await?;
    if rows.is_empty() {
        return Ok(vec![]);
    }
    // A complaint with both a box for everyone and one for this user
    // (there should be none) is read once.
    rows.dedup_by_key(|r| r.id);
    let register = keys::register_key(conn).await?;
    let open_row = |row: &store::Readable| -> ApiResult<(i64, Arc<SecretKey>, Summary)> {
        let key = keys::open_box(cx, register.as_ref(), row.id, &row.holder, &row.sealed)?;
        let summary: Summary = keys::open(cx, &key, row.id, Part::Summary, &row.summary)?;
        if summary.reference != row.reference {
            return Err(ApiError::new(
                ErrorCode::Corrupt,
                "a complaint could not be read",
            ));
        }
        Ok((row.id, key, summary))
    };
    on_every_core(&rows, open_row)
}

/// `f` of every item, in order, the items shared out over the processor's
/// cores (work for the processor alone: opening and parsing thousands of
/// sealed parts). The first error wins.
pub(super) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> ApiResult<R> + Sync,
) -> ApiResult<Vec<R>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let per_thread = items.len().div_ceil(threads).max(MIN_ITEMS_PER_THREAD);
    std::thread::scope(|scope| {
        let parts: Vec<_> = items
            .chunks(per_thread)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<ApiResult<Vec<R>>>()))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for part in parts {
            let done = part
                .join()
                .map_err(|_| ApiError::new(ErrorCode::Internal, "reading the register failed"))?;
            out.extend(done?);
        }
        Ok(out)
    })
}

/// Below this many items a thread of its own is not worth starting.
const MIN_ITEMS_PER_THREAD: usize = 500;
