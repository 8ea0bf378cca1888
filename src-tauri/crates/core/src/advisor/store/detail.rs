//! One whole case read back, as the case view and the case file show it.

use super::*;

pub(super) type CaseRow = (
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

pub(super) type ConversationRow = (
    i64,
    NaiveDate,
    i64,
    String,
    Option<String>,
    String,
    Option<String>,
);

pub(super) type ConsentRow = (
    i64,
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<NaiveDate>,
    NaiveDate,
);

pub(super) type InterventionRow = (i64, String, Option<String>, NaiveDate, Option<String>);

pub(super) type FactRow = (
    i64,
    NaiveDate,
    Option<NaiveDate>,
    String,
    Option<String>,
    i64,
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
