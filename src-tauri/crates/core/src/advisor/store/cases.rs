//! A case itself: the intake (written and corrected), closing, the
//! full-text index and the register list.

use super::*;

pub(super) type SqliteQuery<'q> =
    sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>;

/// Binds what the intake records, in the order both the insert and the
/// update name them: first contact, channel, anonymous, reporter's name,
/// phone, e-mail and contact preference, role, department, gender, outcome.
pub(super) fn bind_intake<'q>(q: SqliteQuery<'q>, case: &'q NewCase) -> SqliteQuery<'q> {
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

pub(super) async fn insert_natures_and_persons(
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

pub async fn close(
    conn: &mut SqliteConnection,
    id: i64,
    on: NaiveDate,
    outcome: Outcome,
    follow_ups_done: bool,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET closed_on = ?2, outcome = ?3, updated_at = ?4 WHERE id = ?1")
        .bind(id)
        .bind(on)
        .bind(code(&outcome))
        .bind(now.to_rfc3339())
        .execute(&mut *conn)
        .await?;
    if follow_ups_done {
        sqlx::query("UPDATE follow_ups SET done_on = ?2 WHERE case_id = ?1 AND done_on IS NULL")
            .bind(id)
            .bind(on)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Makes a closed case open again; its outcome is given anew at closing.
pub async fn reopen(conn: &mut SqliteConnection, id: i64, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE cases SET closed_on = NULL, outcome = NULL, updated_at = ?2 WHERE id = ?1")
        .bind(id)
        .bind(now.to_rfc3339())
        .execute(conn)
        .await?;
    Ok(())
}

/// Adds (or, negative, takes back) minutes spent outside conversations;
/// false when that would bring the case's time below zero.
pub async fn add_time(
    conn: &mut SqliteConnection,
    id: i64,
    minutes: i64,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let changed = sqlx::query(
        "UPDATE cases SET other_minutes = other_minutes + ?2, updated_at = ?3
         WHERE id = ?1 AND other_minutes + ?2 >= 0",
    )
    .bind(id)
    .bind(minutes)
    .bind(now.to_rfc3339())
    .execute(conn)
    .await?
    .rows_affected();
    Ok(changed > 0)
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
pub(super) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

pub(super) type SummaryRow = (
    i64,
    String,
    NaiveDate,
    Option<NaiveDate>,
    Option<String>,
    Option<String>,
    i64,
    i64,
    Option<NaiveDate>,
    Option<String>,
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
                (SELECT min(due_on) FROM follow_ups f WHERE f.case_id = c.id AND f.done_on IS NULL),
                (SELECT what FROM follow_ups f WHERE f.case_id = c.id AND f.done_on IS NULL
                  ORDER BY due_on, id LIMIT 1)
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
                next_follow_up_what,
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
                next_follow_up_what,
            },
        )
        .collect())
}
