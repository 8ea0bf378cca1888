//! The register's use cases: the procedures, the settings and the
//! letterhead's logo, filing a complaint, importing a register, the list,
//! one complaint, and the dashboard of what is due.

use chrono::{Datelike, Days, NaiveDate};
use vertrouwd_vault::audit::Entry;
use vertrouwd_vault::{Holder, SecretKey};

use super::access::*;
use super::check;
use super::letters::{LetterheadSettings, MAX_LOGO_BYTES};
use super::model::*;
use super::procedures::{urgency, Urgency};
use super::requests::*;
use super::store;
use crate::context::Context;
use crate::csv_import::{accepted, ImportResult, RowProblem, MAX_FILE_BYTES};
use crate::error::{ApiResult, Invalid, Reason};
use crate::references;

/// The reference prefix unless the register's settings name another.
pub const DEFAULT_PREFIX: &str = "KL";

/// Who may be given access to a complaint: every hr holder.
pub async fn complaint_users(cx: &Context<'_>) -> ApiResult<Vec<AccessUser>> {
    let pool = register(cx)?;
    Ok(hr_holders(cx, &pool)
        .await?
        .into_iter()
        .map(|(h, display_name)| AccessUser {
            id: h.user_id,
            display_name,
        })
        .collect())
}

async fn prefix(pool: &sqlx::SqlitePool) -> ApiResult<String> {
    Ok(store::setting(pool, "prefix")
        .await?
        .unwrap_or_else(|| DEFAULT_PREFIX.to_string()))
}

pub async fn complaint_settings(cx: &Context<'_>) -> ApiResult<ComplaintSettings> {
    let pool = register(cx)?;
    let number = async |key: &str, default: u32| -> ApiResult<u32> {
        Ok(store::setting(&pool, key)
            .await?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    };
    let logo = logo(&pool).await?.is_some();
    let report_k = number("report_k", crate::disclosure::DEFAULT_K).await?;
    Ok(ComplaintSettings {
        prefix: prefix(&pool).await?,
        letterhead: letterhead(&pool).await?,
        retention_months: number("retention_months", DEFAULT_RETENTION_MONTHS).await?,
        grace_days: number("grace_days", DEFAULT_GRACE_DAYS).await?,
        calendar: organisation_calendar(&mut *pool.acquire().await?).await?,
        logo,
        report_k,
    })
}

/// The setting that keeps the letterhead's logo (base64).
const LOGO: &str = "letterhead.logo";

/// The letterhead's logo, if one was set.
pub(super) async fn logo(pool: &sqlx::SqlitePool) -> ApiResult<Option<Vec<u8>>> {
    use base64::Engine as _;
    Ok(store::setting(pool, LOGO)
        .await?
        .and_then(|v| base64::engine::general_purpose::STANDARD.decode(v).ok()))
}

/// Sets the letterhead's logo from a PNG or JPEG file (at most 1 MB and
/// [`vertrouwd_pdf::pictures::MAX_SIDE`] pixels either way, and one the
/// PDF engine can draw), or takes it away.
pub async fn set_letterhead_logo(
    cx: &Context<'_>,
    req: LogoRequest,
) -> ApiResult<ComplaintSettings> {
    use base64::Engine as _;
    let pool = register(cx)?;
    let value = match req.path.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        Some(path) => {
            let bytes = cx.read_handed_in(std::path::Path::new(path), MAX_LOGO_BYTES)?;
            if !drawable(&bytes) {
                return Err(Invalid::new("logo", Reason::UnsupportedType).into());
            }
            Some(base64::engine::general_purpose::STANDARD.encode(bytes))
        }
        None => None,
    };
    cx.audited(&pool, async |tx| {
        match &value {
            Some(v) => store::set_setting(tx, LOGO, v).await?,
            None => store::delete_setting(tx, LOGO).await?,
        }
        Ok(((), Entry::new("complaints.logo_changed", None)))
    })
    .await?;
    complaint_settings(cx).await
}

/// Whether the PDF engine draws `bytes` as a picture: a page with it alone
/// comes out without an unreadable picture.
fn drawable(bytes: &[u8]) -> bool {
    use vertrouwd_pdf::{Align, Block, Image, Warning};
    if !vertrouwd_pdf::pictures::decodable(bytes) {
        return false;
    }
    let doc = crate::documents::document(
        crate::documents::Letterhead {
            title: String::new(),
            author: "",
            organisation: "",
            header: String::new(),
            classification: String::new(),
            printed: chrono::DateTime::UNIX_EPOCH,
            language: crate::language::Language::Nl,
        },
        vec![Block::Image(Image {
            bytes: bytes.to_vec(),
            width_mm: 40.0,
            align: Align::Left,
        })],
    );
    !vertrouwd_pdf::render(&doc)
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::UnreadableImages(_)))
}

/// The letterhead as the settings hold it.
pub(super) async fn letterhead(pool: &sqlx::SqlitePool) -> ApiResult<LetterheadSettings> {
    Ok(store::setting(pool, "letterhead")
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Changes the settings; references already given keep their prefix.
pub async fn update_complaint_settings(
    cx: &Context<'_>,
    req: ComplaintSettings,
) -> ApiResult<ComplaintSettings> {
    let pool = register(cx)?;
    let prefix = references::check_prefix(&req.prefix, "prefix")?;
    let l = &req.letterhead;
    let letterhead = LetterheadSettings {
        address: check::optional(l.address.as_deref(), "address")?,
        signatory: crate::validate::optional_text(
            l.signatory.as_deref(),
            "signatory",
            check::MAX_LINE,
        )?,
        signatory_role: crate::validate::optional_text(
            l.signatory_role.as_deref(),
            "signatory_role",
            check::MAX_LINE,
        )?,
    };
    if !(1..=1200).contains(&req.retention_months) {
        return Err(Invalid::new("retention_months", Reason::OutOfRange).into());
    }
    if req.grace_days > 366 {
        return Err(Invalid::new("grace_days", Reason::OutOfRange).into());
    }
    if !(crate::disclosure::MIN_K..=50).contains(&req.report_k) {
        return Err(Invalid::new("report_k", Reason::OutOfRange).into());
    }
    let letterhead = crate::error::to_json(&letterhead, "settings")?;
    let mut calendar = req.calendar.clone();
    calendar.closing_days.sort();
    calendar.closing_days.dedup();
    if calendar.closing_days.len() > 366 {
        return Err(Invalid::new("closing_days", Reason::TooLong).into());
    }
    let calendar_json = crate::error::to_json(&calendar, "settings")?;
    cx.audited(&pool, async |tx| {
        // Another calendar moves the due dates of every running complaint
        // this user may read, in the same change; one restricted from them
        // follows at its next change by a reader.
        if organisation_calendar(tx).await? != calendar {
            store::set_setting(tx, "calendar", &calendar_json).await?;
            for (id, key, summary) in readable_in(cx, tx).await? {
                if summary.ended_on.is_none() {
                    let opened = open(cx, tx, id).await?;
                    write(cx, tx, id, &key, &opened.content).await?;
                }
            }
        }
        store::set_setting(tx, "prefix", &prefix).await?;
        store::set_setting(tx, "letterhead", &letterhead).await?;
        store::set_setting(tx, "retention_months", &req.retention_months.to_string()).await?;
        store::set_setting(tx, "grace_days", &req.grace_days.to_string()).await?;
        store::set_setting(tx, "report_k", &req.report_k.to_string()).await?;
        Ok(((), Entry::new("complaints.settings_changed", None)))
    })
    .await?;
    complaint_settings(cx).await
}

/// Files a complaint: a reference of its year, a key of its own, sealed
/// to every hr holder or only to the users named.
pub async fn add_complaint(cx: &Context<'_>, input: ComplaintInput) -> ApiResult<ComplaintDetail> {
    let pool = register(cx)?;
    let procedure = procedures(&mut *pool.acquire().await?)
        .await?
        .into_iter()
        .find(|p| p.code == input.procedure.trim())
        .ok_or_else(|| Invalid::new("procedure", Reason::Unknown))?;
    let only = only(cx, &pool, &input.access).await?;
    let prefix = prefix(&pool).await?;
    let filed = event(cx, "filed", None);
    let id = cx
        .audited(&pool, async |tx| {
            let ids = only
                .as_ref()
                .map(|h| h.iter().map(|h| h.user_id.clone()).collect());
            let content =
                check::complaint(&input, String::new(), procedure, cx.today(), filed, ids)?;
            let mut taken = store::references(tx).await?;
            let (id, reference) =
                file(cx, tx, &prefix, &mut taken, content, only.as_deref()).await?;
            Ok((id, Entry::new("complaint.filed", Some(&reference))))
        })
        .await?;
    detail(cx, &pool, id).await
}

/// The hr holders a complaint is restricted to, or `None` for everyone.
async fn only(
    cx: &Context<'_>,
    pool: &sqlx::SqlitePool,
    access: &ComplaintAccess,
) -> ApiResult<Option<Vec<Holder>>> {
    Ok(match access {
        ComplaintAccess::Everyone => None,
        ComplaintAccess::Only { users } => Some(allowed(cx, pool, users).await?),
    })
}

/// Files a checked complaint: the next reference of its year unless it
/// came with one (`taken`: every reference there, the new one added), a
/// row, a key of its own sealed to who may read it, both parts sealed.
/// The reference given out last is kept too, so a destroyed complaint's
/// reference is never given again.
async fn file(
    cx: &Context<'_>,
    tx: &mut sqlx::SqliteConnection,
    prefix: &str,
    taken: &mut Vec<String>,
    mut content: Content,
    only: Option<&[Holder]>,
) -> ApiResult<(i64, String)> {
    if content.reference.is_empty() {
        let year = content.received_on.year();
        let issued_key = format!("issued.{}", references::stem(prefix, year));
        let issued = store::setting_in(tx, &issued_key).await?;
        content.reference = references::next(
            prefix,
            year,
            taken.iter().chain(issued.iter()).map(String::as_str),
        );
        store::set_setting(tx, &issued_key, &content.reference).await?;
    }
    taken.push(content.reference.clone());
    let id = store::insert(tx, &content.reference).await?;
    let key = SecretKey::random()?;
    seal_key(cx, tx, id, &key, only).await?;
    write(cx, tx, id, &key, &content).await?;
    Ok((id, content.reference))
}

/// Imports an existing register (CSV or .xlsx; see `complaints::import`
/// for its columns) in one transaction: every row, or (with
/// `skip_invalid`) every valid row, or nothing. Every complaint gets a key
/// of its own, sealed to who the request names. One audit row for the
/// import, with the number of complaints.
pub async fn import_complaints(
    cx: &Context<'_>,
    req: ComplaintImportRequest,
) -> ApiResult<ImportResult> {
    let path = std::path::PathBuf::from(req.path.trim());
    let pool = register(cx)?;
    let only = only(cx, &pool, &req.access).await?;
    let bytes = zeroize::Zeroizing::new(cx.read_handed_in(&path, MAX_FILE_BYTES)?);
    let procedures = procedures(&mut *pool.acquire().await?).await?;
    let imported_event = event(cx, "imported", None);
    let (rows, mut problems) =
        super::import::read(&bytes, &procedures, cx.today(), &imported_event)?;
    drop(bytes);
    let prefix = prefix(&pool).await?;
    let ids: Option<Vec<String>> = only
        .as_ref()
        .map(|h| h.iter().map(|h| h.user_id.clone()).collect());
    cx.audited_all(&pool, async |tx| {
        let mut taken = store::references(tx).await?;
        let mut imported = 0;
        for row in rows {
            let mut content = row.content;
            if taken.contains(&content.reference) {
                problems.push(RowProblem::new(row.line, Some("referentie"), Reason::Taken));
                continue;
            }
            content.only = ids.clone();
            file(cx, tx, &prefix, &mut taken, content, only.as_deref()).await?;
            imported += 1;
        }
        problems.sort_by_key(|p| p.line);
        if !accepted(&problems, req.skip_invalid) || imported == 0 {
            // Rolled back: nothing of the file is kept.
            let result = ImportResult {
                imported: 0,
                problems,
            };
            return Ok((result, vec![]));
        }
        let count = imported.to_string();
        Ok((
            ImportResult { imported, problems },
            vec![Entry::new("complaints.imported", Some(&count))],
        ))
    })
    .await
}

pub async fn complaint_detail(cx: &Context<'_>, req: ComplaintRef) -> ApiResult<ComplaintDetail> {
    let pool = register(cx)?;
    let id = complaint_id(&pool, &req.complaint).await?;
    detail(cx, &pool, id).await
}

/// Case and accents do not matter in a search: "ozturk" finds "Öztürk"
/// (and "ÇAĞRI" is "Çağrı": the dotless ı folds to i).
pub(super) fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ş' | 'š' | 'ś' => 's',
            'ğ' => 'g',
            'ž' | 'ź' | 'ż' => 'z',
            c => c,
        })
        .collect()
}

/// What a search looks through: the reference, the names, departments and
/// the description.
fn haystack(c: &Content) -> String {
    let mut parts = vec![c.reference.clone(), c.description.clone()];
    parts.extend(c.complainant.name.clone());
    parts.extend(c.complainant.department.clone());
    for p in &c.complained_about {
        parts.push(p.name.clone());
        parts.extend(p.department.clone());
    }
    folded(&parts.join("\n"))
}

fn next_due(summary: &Summary, today: NaiveDate) -> Option<DueStep> {
    summary
        .open
        .iter()
        .min_by_key(|(_, _, due)| *due)
        .map(|(step, start, due)| DueStep {
            step: step.clone(),
            due: *due,
            urgency: urgency_of(*start, *due, today),
        })
}

fn urgency_of(start: Option<NaiveDate>, due: NaiveDate, today: NaiveDate) -> Option<Urgency> {
    urgency(
        &super::procedures::ScheduledStep {
            key: String::new(),
            start,
            due: Some(due),
            done_on: None,
            not_possible: false,
            provisional: false,
            paused: false,
            set_by_hand: false,
        },
        today,
    )
}

/// The complaints this user can read, newest first; those the user was
/// left out of are not there for them.
pub async fn list_complaints(
    cx: &Context<'_>,
    filter: ComplaintFilter,
) -> ApiResult<Vec<ComplaintSummary>> {
    let pool = register(cx)?;
    let words: Vec<String> = filter
        .search
        .as_deref()
        .map(folded)
        .unwrap_or_default()
        .split_whitespace()
        .map(String::from)
        .collect();
    let today = cx.today();
    // A search reads the contents of every complaint this user can open,
    // in one query.
    let contents: std::collections::HashMap<i64, Vec<u8>> = if words.is_empty() {
        Default::default()
    } else {
        store::contents(&pool).await?.into_iter().collect()
    };
    let listed: Vec<_> = readable(cx, &pool)
        .await?
        .into_iter()
        .filter(|(_, _, s)| {
            let ended = matches!(
                s.status,
                ComplaintStatus::Closed
                    | ComplaintStatus::Withdrawn
                    | ComplaintStatus::Inadmissible
            );
            !((ended && !filter.include_closed && filter.status.is_none())
                || filter.status.is_some_and(|st| st != s.status))
        })
        .collect();
    // The words are looked for in every listed complaint's content, opened
    // on every core.
    let found = if words.is_empty() {
        vec![true; listed.len()]
    } else {
        on_every_core(&listed, |(id, key, _)| {
            let sealed = contents.get(id).ok_or_else(not_found)?;
            let content: Content =
                super::keys::open(cx, key, *id, super::keys::Part::Content, sealed)?;
            let hay = haystack(&content);
            Ok(words.iter().all(|w| hay.contains(w.as_str())))
        })?
    };
    let mut out: Vec<ComplaintSummary> = listed
        .into_iter()
        .zip(found)
        .filter(|(_, found)| *found)
        .map(|((id, _, s), _)| ComplaintSummary {
            id,
            next_due: next_due(&s, today),
            reference: s.reference,
            received_on: s.received_on,
            procedure: s.procedure,
            status: s.status,
            restricted: s.restricted,
        })
        .collect();
    out.sort_by(|a, b| b.received_on.cmp(&a.received_on).then(b.id.cmp(&a.id)));
    Ok(out)
}

/// What is overdue, due this week (to Sunday) and past half of its term,
/// over every complaint this user can read.
pub async fn complaints_due(cx: &Context<'_>) -> ApiResult<ComplaintDashboard> {
    let pool = register(cx)?;
    let today = cx.today();
    let sunday = today + Days::new(u64::from(6 - today.weekday().num_days_from_monday()));
    let mut board = ComplaintDashboard {
        today,
        overdue: vec![],
        this_week: vec![],
        warnings: vec![],
    };
    for (id, _, s) in readable(cx, &pool).await? {
        for (step, start, due) in &s.open {
            let item = DueItem {
                id,
                reference: s.reference.clone(),
                procedure: s.procedure.clone(),
                step: step.clone(),
                due: *due,
                urgency: urgency_of(*start, *due, today),
            };
            if *due < today {
                board.overdue.push(item);
            } else if *due <= sunday {
                board.this_week.push(item);
            } else if item.urgency.is_some() {
                board.warnings.push(item);
            }
        }
    }
    for list in [
        &mut board.overdue,
        &mut board.this_week,
        &mut board.warnings,
    ] {
        list.sort_by(|a, b| a.due.cmp(&b.due).then(a.reference.cmp(&b.reference)));
    }
    Ok(board)
}
