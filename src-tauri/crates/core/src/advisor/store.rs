//! Reading and writing the register in advisor.db. Inputs arrive here
//! already checked (see the use cases beside it); every write that changes what a
//! case says also rewrites the case's entry in the full-text index.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{Row, SqliteConnection, SqlitePool};

use super::model::*;
use super::stats::CaseFacts;

/// A case whose fields have been checked.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub reference: Option<String>,
    pub first_contact: NaiveDate,
    pub channel: Channel,
    pub reporter: Option<Reporter>,
    pub reporter_role: ReporterRole,
    pub department: Option<String>,
    pub gender: Option<Gender>,
    pub natures: Vec<NatureChoice>,
    pub persons: Vec<Person>,
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone)]
pub struct NewConversation {
    pub held_on: NaiveDate,
    pub minutes: i64,
    pub mode: Channel,
    pub with_whom: Option<String>,
    pub notes: String,
    pub next_step: Option<String>,
}

pub const REFERENCE_PREFIX: &str = "reference_prefix";
pub const K: &str = "k";
pub const RETENTION_MONTHS: &str = "retention_months";
pub const GRACE_DAYS: &str = "grace_days";

pub async fn setting(pool: &SqlitePool, key: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM register_settings WHERE key = ?1")
        .bind(key)
        .fetch_optional(pool)
        .await
}

pub async fn set_setting(conn: &mut SqliteConnection, key: &str, value: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO register_settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn natures(pool: &SqlitePool) -> sqlx::Result<Vec<Nature>> {
    let rows: Vec<(i64, Option<String>, String, Option<String>)> =
        sqlx::query_as("SELECT id, code, name, retired_at FROM natures ORDER BY position, id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, code, name, retired)| Nature {
            id,
            code,
            name,
            retired: retired.is_some(),
        })
        .collect())
}

/// The next free reference for `year`: PREFIX-YEAR-NNN.
async fn next_reference(
    conn: &mut SqliteConnection,
    prefix: &str,
    year: i32,
) -> sqlx::Result<String> {
    let stem = format!("{prefix}-{year}-");
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT reference FROM cases WHERE reference LIKE ?1 || '%'")
            .bind(&stem)
            .fetch_all(&mut *conn)
            .await?;
    let highest = taken
        .iter()
        .filter_map(|r| r.strip_prefix(&stem)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{stem}{:03}", highest + 1))
}

pub async fn reference_taken(conn: &mut SqliteConnection, reference: &str) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM cases WHERE reference = ?1")
        .bind(reference)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

type SqliteQuery<'q> = sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds what the intake records, in the order both the insert and the
/// update name them: first contact, channel, anonymous, reporter's name,
/// phone, e-mail and contact preference, role, department, gender, outcome.
fn bind_intake<'q>(q: SqliteQuery<'q>, case: &'q NewCase) -> SqliteQuery<'q> {
    let r = case.reporter.as_ref();
    q.bind(case.first_contact)
        .bind(code(&case.channel))
        .bind(r.is_none())
        .bind(r.map(|r| r.name.clone()))
        .bind(r.and_then(|r| r.phone.clone()))
        .bind(r.and_then(|r| r.email.clone()))
        .bind(r.and_then(|r| r.contact_preference.clone()))
        .bind(code(&case.reporter_role))
        .bind(case.department.as_deref())
        .bind(case.gender.map(|g| code(&g)))
        .bind(case.outcome.map(|o| code(&o)))
}

/// Inserts a case; returns its id and reference.
pub async fn add_case(
    conn: &mut SqliteConnection,
    case: &NewCase,
    prefix: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<(i64, String)> {
    let reference = match &case.reference {
        Some(r) => r.clone(),
        None => next_reference(conn, prefix, case.first_contact.year()).await?,
    };
    let id: i64 = bind_intake(
        sqlx::query(
            "INSERT INTO cases (reference, first_contact, channel, anonymous, reporter_name,
             reporter_phone, reporter_email, contact_preference, reporter_role, department,
             gender, outcome, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)
         RETURNING id",
        )
        .bind(&reference),
        case,
    )
    .bind(now.to_rfc3339())
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;
    insert_natures_and_persons(conn, id, case).await?;
    reindex(conn, id).await?;
    Ok((id, reference))
}

/// Replaces what the intake recorded (not the conversations, closing or
/// anything added later).
pub async fn update_case(
    conn: &mut SqliteConnection,
    id: i64,
    case: &NewCase,
    reference: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    bind_intake(
        sqlx::query(
            "UPDATE cases SET reference = ?2, first_contact = ?3, channel = ?4, anonymous = ?5,
             reporter_name = ?6, reporter_phone = ?7, reporter_email = ?8, contact_preference = ?9,
             reporter_role = ?10, department = ?11, gender = ?12, outcome = coalesce(?13, outcome),
             updated_at = ?14
         WHERE id = ?1",
        )
        .bind(id)
        .bind(reference),
        case,
    )
    .bind(now.to_rfc3339())
    .execute(&mut *conn)
    .await?;
    for table in ["case_natures", "case_persons"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE case_id = ?1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    insert_natures_and_persons(conn, id, case).await?;
    reindex(conn, id).await
}

async fn insert_natures_and_persons(
    conn: &mut SqliteConnection,
    id: i64,
    case: &NewCase,
) -> sqlx::Result<()> {
    for n in &case.natures {
        sqlx::query("INSERT INTO case_natures (case_id, nature_id, ground) VALUES (?1, ?2, ?3)")
            .bind(id)
            .bind(n.nature_id)
            .bind(n.ground.map(|g| code(&g)))
            .execute(&mut *conn)
            .await?;
    }
    for p in &case.persons {
        sqlx::query("INSERT INTO case_persons (case_id, relation, name) VALUES (?1, ?2, ?3)")
            .bind(id)
            .bind(code(&p.relation))
            .bind(&p.name)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The id of the case with this reference or (all digits) this id.
pub async fn find(pool: &SqlitePool, reference_or_id: &str) -> sqlx::Result<Option<(i64, String)>> {
    sqlx::query_as("SELECT id, reference FROM cases WHERE reference = ?1 OR CAST(id AS TEXT) = ?1")
        .bind(reference_or_id)
        .fetch_optional(pool)
        .await
}

pub async fn close(
    conn: &mut SqliteConnection,
    id: i64,
    on: NaiveDate,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET closed_on = ?2, outcome = ?3, updated_at = ?4 WHERE id = ?1")
        .bind(id)
        .bind(on)
        .bind(code(&outcome))
        .bind(now.to_rfc3339())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn add_conversation(
    conn: &mut SqliteConnection,
    case_id: i64,
    c: &NewConversation,
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO conversations (case_id, held_on, minutes, mode, with_whom, notes, next_step, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
    )
    .bind(case_id)
    .bind(c.held_on)
    .bind(c.minutes)
    .bind(code(&c.mode))
    .bind(&c.with_whom)
    .bind(&c.notes)
    .bind(&c.next_step)
    .bind(now.to_rfc3339())
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("UPDATE cases SET updated_at = ?2 WHERE id = ?1")
        .bind(case_id)
        .bind(now.to_rfc3339())
        .execute(&mut *conn)
        .await?;
    reindex(conn, case_id).await?;
    Ok(id)
}

pub async fn add_intervention(
    conn: &mut SqliteConnection,
    case_id: i64,
    kind: InterventionKind,
    referral: Option<Referral>,
    on: NaiveDate,
    note: Option<&str>,
) -> sqlx::Result<i64> {
    let id = sqlx::query_scalar(
        "INSERT INTO interventions (case_id, kind, referral, on_date, note)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
    )
    .bind(case_id)
    .bind(code(&kind))
    .bind(referral.map(|r| code(&r)))
    .bind(on)
    .bind(note)
    .fetch_one(&mut *conn)
    .await?;
    reindex(conn, case_id).await?;
    Ok(id)
}

pub async fn add_follow_up(
    conn: &mut SqliteConnection,
    case_id: i64,
    due: NaiveDate,
    what: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO follow_ups (case_id, due_on, what) VALUES (?1, ?2, ?3) RETURNING id",
    )
    .bind(case_id)
    .bind(due)
    .bind(what)
    .fetch_one(conn)
    .await
}

/// A consent whose fields have been checked.
#[derive(Debug, Clone)]
pub struct NewConsent {
    pub kind: ConsentKind,
    pub given: bool,
    pub recipient: Option<String>,
    pub what: Option<String>,
    pub until: Option<NaiveDate>,
    pub recorded_on: NaiveDate,
}

pub async fn add_consent(
    conn: &mut SqliteConnection,
    case_id: i64,
    c: &NewConsent,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO consents (case_id, kind, given, recipient, what, until, recorded_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
    )
    .bind(case_id)
    .bind(code(&c.kind))
    .bind(c.given)
    .bind(&c.recipient)
    .bind(&c.what)
    .bind(c.until)
    .bind(c.recorded_on)
    .fetch_one(conn)
    .await
}

pub async fn add_attachment(
    conn: &mut SqliteConnection,
    case_id: i64,
    file_name: &str,
    media_type: &str,
    content: &[u8],
    now: DateTime<Utc>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO attachments (case_id, file_name, media_type, size, content, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
    )
    .bind(case_id)
    .bind(file_name)
    .bind(media_type)
    .bind(content.len() as i64)
    .bind(content)
    .bind(now.to_rfc3339())
    .fetch_one(conn)
    .await
}

/// An attachment's case reference, name, media type and content.
pub async fn attachment(
    pool: &SqlitePool,
    id: i64,
) -> sqlx::Result<Option<(String, String, String, Vec<u8>)>> {
    sqlx::query_as(
        "SELECT c.reference, a.file_name, a.media_type, a.content
         FROM attachments a JOIN cases c ON c.id = a.case_id WHERE a.id = ?1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await
}

/// Rewrites the case's entry in the full-text index from what it holds now.
pub async fn reindex(conn: &mut SqliteConnection, id: i64) -> sqlx::Result<()> {
    let texts: Option<(String, String, String)> = sqlx::query_as(
        "SELECT c.reference,
                concat_ws(' ', c.reporter_name, c.department,
                    (SELECT group_concat(name, ' ') FROM case_persons WHERE case_id = c.id)),
                concat_ws(' ',
                    (SELECT group_concat(concat_ws(' ', with_whom, notes, next_step), ' ')
                       FROM conversations WHERE case_id = c.id),
                    (SELECT group_concat(note, ' ') FROM interventions WHERE case_id = c.id),
                    (SELECT group_concat(what, ' ') FROM follow_ups WHERE case_id = c.id))
         FROM cases c WHERE c.id = ?1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM case_search WHERE rowid = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    if let Some((reference, names, notes)) = texts {
        sqlx::query(
            "INSERT INTO case_search (rowid, reference, names, notes) VALUES (?1, ?2, ?3, ?4)",
        )
        .bind(id)
        .bind(reference)
        .bind(names)
        .bind(notes)
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// Words as an FTS5 query: each word quoted (so no query syntax leaks in)
/// and matched as a prefix; all words must occur.
fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

type SummaryRow = (
    i64,
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    i64,
    i64,
    Option<NaiveDate>,
);

pub async fn list(
    pool: &SqlitePool,
    filter: &CaseFilter,
    today: NaiveDate,
) -> sqlx::Result<Vec<CaseSummary>> {
    let mut sql = String::from(
        "SELECT c.id, c.reference, c.first_contact, c.closed_on, c.reporter_name,
                (SELECT group_concat(n.name, '|') FROM case_natures cn JOIN natures n ON n.id = cn.nature_id
                  WHERE cn.case_id = c.id),
                (SELECT count(*) FROM conversations v WHERE v.case_id = c.id),
                c.other_minutes + (SELECT coalesce(sum(minutes), 0) FROM conversations v WHERE v.case_id = c.id),
                (SELECT min(due_on) FROM follow_ups f WHERE f.case_id = c.id AND f.done_on IS NULL)
         FROM cases c WHERE 1 = 1",
    );
    let query = filter.text.as_deref().and_then(fts_query);
    if query.is_some() {
        sql.push_str(" AND c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?1)");
    }
    match filter.status {
        Some(CaseStatus::Open) => sql.push_str(" AND c.closed_on IS NULL"),
        Some(CaseStatus::Closed) => sql.push_str(" AND c.closed_on IS NOT NULL"),
        None => {}
    }
    if filter.nature_id.is_some() {
        sql.push_str(" AND EXISTS (SELECT 1 FROM case_natures cn WHERE cn.case_id = c.id AND cn.nature_id = ?2)");
    }
    if filter.year.is_some() {
        sql.push_str(" AND c.first_contact >= ?3 AND c.first_contact < ?4");
    }
    if filter.follow_up_due {
        sql.push_str(" AND EXISTS (SELECT 1 FROM follow_ups f WHERE f.case_id = c.id AND f.done_on IS NULL AND f.due_on <= ?5)");
    }
    sql.push_str(" ORDER BY c.first_contact DESC, c.id DESC");
    if filter.limit.is_some() {
        sql.push_str(" LIMIT ?6");
    }
    let year = filter.year.unwrap_or(0);
    let rows: Vec<SummaryRow> = sqlx::query_as(&sql)
        .bind(query)
        .bind(filter.nature_id)
        .bind(format!("{year:04}-01-01"))
        .bind(format!("{:04}-01-01", year + 1))
        .bind(today)
        .bind(filter.limit)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                id,
                reference,
                first_contact,
                closed_on,
                reporter_name,
                natures,
                conversations,
                minutes,
                next_follow_up,
            )| CaseSummary {
                id,
                reference,
                first_contact,
                closed_on,
                reporter_name,
                natures: natures
                    .map(|n| n.split('|').map(String::from).collect())
                    .unwrap_or_default(),
                conversations,
                minutes,
                next_follow_up,
            },
        )
        .collect())
}

type CaseRow = (
    i64,
    String,
    NaiveDate,
    String,
    Option<NaiveDate>,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    i64,
);

type ConversationRow = (
    i64,
    NaiveDate,
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
);
type ConsentRow = (
    i64,
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<NaiveDate>,
    NaiveDate,
);
type InterventionRow = (i64, String, Option<String>, NaiveDate, Option<String>);
type FactRow = (
    i64,
    NaiveDate,
    Option<NaiveDate>,
    String,
    Option<String>,
    i64,
);
type TombstoneRow = (
    i32,
    u32,
    Option<i32>,
    Option<u32>,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
);

pub async fn detail(pool: &SqlitePool, id: i64) -> sqlx::Result<Option<CaseDetail>> {
    let row: Option<CaseRow> = sqlx::query_as(
        "SELECT id, reference, first_contact, channel, closed_on, anonymous, reporter_name,
                reporter_phone, reporter_email, contact_preference, reporter_role, department,
                gender, outcome, other_minutes
         FROM cases WHERE id = ?1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some((
        id,
        reference,
        first_contact,
        channel,
        closed_on,
        anonymous,
        name,
        phone,
        email,
        pref,
        role,
        department,
        gender,
        outcome,
        other_minutes,
    )) = row
    else {
        return Ok(None);
    };
    let natures: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT nature_id, ground FROM case_natures WHERE case_id = ?1 ORDER BY nature_id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let persons: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT relation, name FROM case_persons WHERE case_id = ?1 ORDER BY id")
            .bind(id)
            .fetch_all(pool)
            .await?;
    let conversations: Vec<ConversationRow> = sqlx::query_as(
        "SELECT id, held_on, minutes, mode, with_whom, notes, next_step FROM conversations
         WHERE case_id = ?1 ORDER BY held_on, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let interventions: Vec<InterventionRow> = sqlx::query_as(
        "SELECT id, kind, referral, on_date, note FROM interventions WHERE case_id = ?1 ORDER BY on_date, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let follow_ups: Vec<(i64, NaiveDate, String, Option<NaiveDate>)> = sqlx::query_as(
        "SELECT id, due_on, what, done_on FROM follow_ups WHERE case_id = ?1 ORDER BY due_on, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let consents: Vec<ConsentRow> = sqlx::query_as(
        "SELECT id, kind, given, recipient, what, until, recorded_on FROM consents
         WHERE case_id = ?1 ORDER BY recorded_on, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let attachments: Vec<(i64, String, String, i64, String)> = sqlx::query_as(
        "SELECT id, file_name, media_type, size, added_at FROM attachments WHERE case_id = ?1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let conversations: Vec<Conversation> = conversations
        .into_iter()
        .map(
            |(id, held_on, minutes, mode, with_whom, notes, next_step)| Conversation {
                id,
                held_on,
                minutes,
                mode: from_code(&mode).unwrap_or(Channel::Other),
                with_whom,
                notes,
                next_step,
            },
        )
        .collect();
    let minutes = other_minutes + conversations.iter().map(|c| c.minutes).sum::<i64>();
    Ok(Some(CaseDetail {
        id,
        reference,
        first_contact,
        channel: from_code(&channel).unwrap_or(Channel::Other),
        closed_on,
        reporter: (!anonymous).then(|| Reporter {
            name: name.unwrap_or_default(),
            phone,
            email,
            contact_preference: pref,
        }),
        reporter_role: from_code(&role).unwrap_or(ReporterRole::External),
        department,
        gender: gender.and_then(|g| from_code(&g)),
        natures: natures
            .into_iter()
            .map(|(nature_id, ground)| NatureChoice {
                nature_id,
                ground: ground.and_then(|g| from_code(&g)),
            })
            .collect(),
        persons: persons
            .into_iter()
            .map(|(relation, name)| Person {
                relation: from_code(&relation).unwrap_or(Relation::Unknown),
                name,
            })
            .collect(),
        outcome: outcome.and_then(|o| from_code(&o)),
        conversations,
        interventions: interventions
            .into_iter()
            .map(|(id, kind, referral, on_date, note)| Intervention {
                id,
                kind: from_code(&kind).unwrap_or(InterventionKind::ShelterAdvice),
                referral: referral.and_then(|r| from_code(&r)),
                on_date,
                note,
            })
            .collect(),
        follow_ups: follow_ups
            .into_iter()
            .map(|(id, due_on, what, done_on)| FollowUp {
                id,
                due_on,
                what,
                done_on,
            })
            .collect(),
        consents: consents
            .into_iter()
            .map(
                |(id, kind, given, recipient, what, until, recorded_on)| Consent {
                    id,
                    kind: from_code(&kind).unwrap_or(ConsentKind::Disclosure),
                    given,
                    recipient,
                    what,
                    until,
                    recorded_on,
                },
            )
            .collect(),
        attachments: attachments
            .into_iter()
            .map(|(id, file_name, media_type, size, added_at)| Attachment {
                id,
                file_name,
                media_type,
                size,
                added_at,
            })
            .collect(),
        minutes,
    }))
}

/// What the statistics need of every live case, by case id.
async fn live_facts(conn: &mut SqliteConnection) -> sqlx::Result<BTreeMap<i64, CaseFacts>> {
    let cases: Vec<FactRow> = sqlx::query_as(
        "SELECT id, first_contact, closed_on, reporter_role, outcome, other_minutes FROM cases",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut by_id: BTreeMap<i64, CaseFacts> = cases
        .into_iter()
        .map(|(id, opened, closed, role, outcome, other)| {
            let mut work = BTreeMap::new();
            if other > 0 {
                work.insert(closed.unwrap_or(opened).year(), (0, other));
            }
            (
                id,
                CaseFacts {
                    opened: (opened.year(), quarter(opened)),
                    closed: closed.map(|c| (c.year(), quarter(c))),
                    natures: vec![],
                    reporter_role: from_code(&role).unwrap_or(ReporterRole::External),
                    relations: vec![],
                    interventions: vec![],
                    outcome: outcome.and_then(|o| from_code(&o)),
                    work,
                },
            )
        })
        .collect();
    let natures: Vec<(i64, i64)> = sqlx::query_as("SELECT case_id, nature_id FROM case_natures")
        .fetch_all(&mut *conn)
        .await?;
    for (case, nature) in natures {
        if let Some(f) = by_id.get_mut(&case) {
            f.natures.push(nature);
        }
    }
    let persons: Vec<(i64, String)> = sqlx::query_as("SELECT case_id, relation FROM case_persons")
        .fetch_all(&mut *conn)
        .await?;
    for (case, relation) in persons {
        if let (Some(f), Some(r)) = (by_id.get_mut(&case), from_code(&relation)) {
            f.relations.push(r);
        }
    }
    let interventions: Vec<(i64, String)> =
        sqlx::query_as("SELECT case_id, kind FROM interventions")
            .fetch_all(&mut *conn)
            .await?;
    for (case, kind) in interventions {
        if let (Some(f), Some(k)) = (by_id.get_mut(&case), from_code(&kind)) {
            f.interventions.push(k);
        }
    }
    let work: Vec<(i64, NaiveDate, i64)> =
        sqlx::query_as("SELECT case_id, held_on, minutes FROM conversations")
            .fetch_all(&mut *conn)
            .await?;
    for (case, held_on, minutes) in work {
        if let Some(f) = by_id.get_mut(&case) {
            let e = f.work.entry(held_on.year()).or_insert((0, 0));
            e.0 += 1;
            e.1 += minutes;
        }
    }
    for f in by_id.values_mut() {
        tidy(f);
    }
    Ok(by_id)
}

fn tidy(f: &mut CaseFacts) {
    f.natures.sort_unstable();
    f.natures.dedup();
    f.relations.sort_unstable();
    f.relations.dedup();
    f.interventions.sort_unstable();
    f.interventions.dedup();
}

/// What the statistics need of every case, live or destroyed.
pub async fn facts(pool: &SqlitePool) -> sqlx::Result<Vec<CaseFacts>> {
    let mut conn = pool.acquire().await?;
    let mut all: Vec<CaseFacts> = live_facts(&mut conn).await?.into_values().collect();
    let tombstones: Vec<TombstoneRow> = sqlx::query_as(
        "SELECT opened_year, opened_quarter, closed_year, closed_quarter, natures, reporter_role,
                relations, interventions, outcome, work FROM tombstones",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (oy, oq, cy, cq, natures, role, relations, interventions, outcome, work) in tombstones {
        all.push(CaseFacts {
            opened: (oy, oq),
            closed: cy.zip(cq),
            natures: serde_json::from_str(&natures).unwrap_or_default(),
            reporter_role: from_code(&role).unwrap_or(ReporterRole::External),
            relations: serde_json::from_str(&relations).unwrap_or_default(),
            interventions: serde_json::from_str(&interventions).unwrap_or_default(),
            outcome: outcome.and_then(|o| from_code(&o)),
            work: serde_json::from_str(&work).unwrap_or_default(),
        });
    }
    for f in &mut all {
        tidy(f);
    }
    Ok(all)
}

pub fn quarter(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Destroys a case: writes its tombstone (nothing identifying), deletes its
/// rows, attachments and index entry. The caller commits, then calls
/// [`scrub`] so no trace stays in free pages, the index or the WAL.
pub async fn destroy(conn: &mut SqliteConnection, id: i64, today: NaiveDate) -> sqlx::Result<()> {
    let facts = live_facts(conn).await?.remove(&id);
    let dates: Option<(NaiveDate, Option<NaiveDate>)> =
        sqlx::query_as("SELECT first_contact, closed_on FROM cases WHERE id = ?1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    if let (Some(f), Some((opened, closed))) = (facts, dates) {
        sqlx::query(
            "INSERT INTO tombstones (opened_year, opened_quarter, closed_year, closed_quarter,
                 natures, reporter_role, relations, interventions, outcome, days_open, work,
                 destroyed_year)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )
        .bind(f.opened.0)
        .bind(f.opened.1)
        .bind(f.closed.map(|c| c.0))
        .bind(f.closed.map(|c| c.1))
        .bind(to_json(&f.natures))
        .bind(code(&f.reporter_role))
        .bind(to_json(&f.relations))
        .bind(to_json(&f.interventions))
        .bind(f.outcome.map(|o| code(&o)))
        .bind((closed.unwrap_or(today) - opened).num_days())
        .bind(to_json(&f.work))
        .bind(today.year())
        .execute(&mut *conn)
        .await?;
    }
    for table in [
        "case_natures",
        "case_persons",
        "conversations",
        "interventions",
        "follow_ups",
        "consents",
        "attachments",
    ] {
        sqlx::query(&format!("DELETE FROM {table} WHERE case_id = ?1"))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query("DELETE FROM cases WHERE id = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM case_search WHERE rowid = ?1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// After a destruction: merges the full-text index (so deleted words leave
/// its segments), empties the WAL and rebuilds the file without free pages.
/// secure_delete is on for every connection, so freed pages were zeroed.
pub async fn scrub(pool: &SqlitePool) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO case_search (case_search) VALUES ('optimize')")
        .execute(pool)
        .await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await?;
    sqlx::query("VACUUM").execute(pool).await?;
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await?;
    Ok(())
}

/// A closed case with the date from which it may be destroyed.
pub async fn closed_cases(pool: &SqlitePool) -> sqlx::Result<Vec<(i64, String, NaiveDate)>> {
    sqlx::query_as("SELECT id, reference, closed_on FROM cases WHERE closed_on IS NOT NULL ORDER BY closed_on, id")
        .fetch_all(pool)
        .await
}

/// The years for which statistics were released, with the first release date.
pub async fn released_years(pool: &SqlitePool) -> sqlx::Result<BTreeMap<i32, NaiveDate>> {
    let rows: Vec<(i32, String)> =
        sqlx::query_as("SELECT year, min(released_at) FROM releases GROUP BY year")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(y, at)| {
            DateTime::parse_from_rfc3339(&at)
                .ok()
                .map(|d| (y, d.date_naive()))
        })
        .collect())
}
