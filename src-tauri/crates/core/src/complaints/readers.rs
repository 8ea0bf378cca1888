//! Who reads a complaint: changing its readers, and joining complaints,
//! which are then handled together and always have the same readers (so a
//! link never tells a reader of one about a complaint they may not read).

use std::sync::Arc;

use sqlx::SqliteConnection;
use vertrouwd_vault::audit::Entry;
use vertrouwd_vault::{Holder, SecretKey};

use super::access::*;
use super::model::*;
use super::requests::*;
use crate::context::Context;
use crate::error::{ApiResult, Invalid, Reason};

/// Who may read a complaint from now on, and the complaints joined with
/// it (they keep the same readers). Adding readers seals its key to them;
/// taking anyone's access away gives it a new key, since they knew the
/// old one. One audit row per user added or removed, naming the complaint
/// only (who was added or removed is in its sealed timeline).
pub async fn change_complaint_access(
    cx: &Context<'_>,
    req: AccessRequest,
) -> ApiResult<ComplaintDetail> {
    let pool = register(cx)?;
    let id = complaint_id(&pool, &req.complaint).await?;
    let only = match &req.access {
        ComplaintAccess::Everyone => None,
        ComplaintAccess::Only { users } => Some(allowed(cx, &pool, users).await?),
    };
    let everyone: Vec<String> = hr_holders(cx, &pool)
        .await?
        .into_iter()
        .map(|(h, _)| h.user_id)
        .collect();
    let rekeyed = cx
        .audited_all(&pool, async |tx| {
            let mut group = vec![id];
            for reference in open(cx, tx, id).await?.content.joined {
                group.push(complaint_id_in(tx, &reference).await?);
            }
            let (mut entries, mut rekeyed) = (vec![], false);
            for member in group {
                let (e, r) = set_readers(cx, tx, member, only.as_deref(), &everyone).await?;
                entries.extend(e);
                rekeyed |= r;
            }
            Ok((rekeyed, entries))
        })
        .await?;
    if rekeyed {
        // The old key's boxes and the parts sealed under it leave no page
        // behind, in the WAL or among the free pages.
        crate::retention::scrub(&pool, &[]).await?;
    }
    detail(cx, &pool, id).await
}

/// Gives complaint `id` the readers `only` (every hr holder when `None`):
/// its audit rows, and whether it got a new key.
async fn set_readers(
    cx: &Context<'_>,
    tx: &mut SqliteConnection,
    id: i64,
    only: Option<&[Holder]>,
    everyone: &[String],
) -> ApiResult<(Vec<Entry>, bool)> {
    let mut opened = open(cx, tx, id).await?;
    let before: Vec<String> = opened
        .content
        .only
        .clone()
        .unwrap_or_else(|| everyone.to_vec());
    let after: Vec<String> = only
        .map(|h| h.iter().map(|h| h.user_id.clone()).collect())
        .unwrap_or_else(|| everyone.to_vec());
    let added: Vec<&String> = after.iter().filter(|u| !before.contains(u)).collect();
    let removed: Vec<&String> = before.iter().filter(|u| !after.contains(u)).collect();
    let reference = opened.content.reference.clone();
    let mut entries = vec![];
    for (users, what, action) in [
        (&added, "access_added", "complaint.access_added"),
        (&removed, "access_removed", "complaint.access_removed"),
    ] {
        for u in users {
            opened
                .content
                .timeline
                .push(event(cx, what, Some((*u).clone())));
            entries.push(Entry::new(action, Some(&reference)));
        }
    }
    let was_everyone = opened.content.only.is_none();
    opened.content.only = only.map(|h| h.iter().map(|h| h.user_id.clone()).collect());
    if entries.is_empty() && was_everyone == opened.content.only.is_none() {
        return Ok((entries, false));
    }
    if entries.is_empty() {
        entries.push(Entry::new("complaint.access_changed", Some(&reference)));
    }
    // Someone who could read it no longer may: a new key, both parts and
    // every attachment sealed again, every old box gone.
    let key = if removed.is_empty() && !(was_everyone && only.is_some()) {
        opened.key.clone()
    } else {
        Arc::new(SecretKey::random()?)
    };
    seal_key(cx, tx, id, &key, only).await?;
    write(cx, tx, id, &key, &opened.content).await?;
    let rekeyed = !Arc::ptr_eq(&key, &opened.key);
    if rekeyed {
        super::files::reseal(cx, tx, id, &opened.key, &key).await?;
    }
    Ok((entries, rekeyed))
}

/// Joins two complaints, to be handled together (or, with `separate`,
/// parts them again). Both must be running and have the same readers; the
/// link is written into both, each with a timeline event, and one audit
/// row names the two references.
pub async fn join_complaints(cx: &Context<'_>, req: JoinRequest) -> ApiResult<ComplaintDetail> {
    let pool = register(cx)?;
    let id = complaint_id(&pool, &req.complaint).await?;
    let other = complaint_id(&pool, &req.with).await?;
    if id == other {
        return Err(Invalid::new("with", Reason::OwnUser).into());
    }
    cx.audited(&pool, async |tx| {
        let mut a = open(cx, tx, id).await?;
        let mut b = open(cx, tx, other).await?;
        let (ra, rb) = (a.content.reference.clone(), b.content.reference.clone());
        let linked = a.content.joined.contains(&rb);
        let (what, action) = if req.separate {
            if !linked {
                return Err(Invalid::new("with", Reason::Unknown).into());
            }
            a.content.joined.retain(|r| *r != rb);
            b.content.joined.retain(|r| *r != ra);
            ("separated", "complaint.separated")
        } else {
            still_open(&a.content)?;
            still_open(&b.content).map_err(|e| Invalid::new("with", e.reason))?;
            if linked {
                return Err(Invalid::new("with", Reason::Taken).into());
            }
            if !same_readers(&a.content.only, &b.content.only) {
                return Err(Invalid::new("with", Reason::DifferentReaders).into());
            }
            a.content.joined.push(rb.clone());
            b.content.joined.push(ra.clone());
            ("joined", "complaint.joined")
        };
        for (opened, member, with) in [(&mut a, id, &rb), (&mut b, other, &ra)] {
            opened
                .content
                .timeline
                .push(event(cx, what, Some(with.clone())));
            write(cx, tx, member, &opened.key, &opened.content).await?;
        }
        Ok(((), Entry::new(action, Some(&format!("{ra}+{rb}")))))
    })
    .await?;
    detail(cx, &pool, id).await
}

fn same_readers(a: &Option<Vec<String>>, b: &Option<Vec<String>>) -> bool {
    let sorted = |v: &Option<Vec<String>>| {
        v.clone().map(|mut v| {
            v.sort();
            v
        })
    };
    sorted(a) == sorted(b)
}
