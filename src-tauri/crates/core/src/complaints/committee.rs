//! The complaints committee (klachtencommissie): who is on it, kept as a
//! setting of the register; and a member who steps aside for one complaint
//! (recusal), recorded in that complaint.

use vertrouwd_vault::audit::Entry;

use super::access::*;
use super::check;
use super::model::*;
use super::register::folded;
use super::requests::*;
use super::store;
use crate::context::Context;
use crate::error::{ApiResult, Invalid, Reason};
use crate::validate::line;

/// The most members a committee lists.
pub const MAX_MEMBERS: usize = 30;

/// The committee as the register's settings hold it (none yet: empty).
pub(super) async fn committee_of(pool: &sqlx::SqlitePool) -> ApiResult<Committee> {
    Ok(store::setting(pool, "committee")
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

pub async fn complaint_committee(cx: &Context<'_>) -> ApiResult<Committee> {
    committee_of(&register(cx)?).await
}

/// The committee checked: a name and members of at most a line each, each
/// member once (names compared without case or accents), at most one chair.
fn checked(c: &Committee) -> Result<Committee, Invalid> {
    let name = match c.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => Some(line(n, "name", check::MAX_LINE)?),
        None => None,
    };
    if c.members.len() > MAX_MEMBERS {
        return Err(Invalid::new("members", Reason::TooLong));
    }
    let mut members: Vec<CommitteeMember> = vec![];
    for m in &c.members {
        let member_name = line(&m.name, "members", check::MAX_LINE)?;
        if members
            .iter()
            .any(|o| folded(&o.name) == folded(&member_name))
        {
            return Err(Invalid::new("members", Reason::Taken));
        }
        members.push(CommitteeMember {
            name: member_name,
            ..m.clone()
        });
    }
    if members
        .iter()
        .filter(|m| m.role == CommitteeRole::Chair)
        .count()
        > 1
    {
        return Err(Invalid::new("members", Reason::Mismatch));
    }
    Ok(Committee {
        name,
        external: c.external,
        members,
    })
}

/// Changes who is on the committee. Recusals already recorded keep the
/// name the member had.
pub async fn update_complaint_committee(cx: &Context<'_>, req: Committee) -> ApiResult<Committee> {
    let pool = register(cx)?;
    let committee = checked(&req)?;
    let json = crate::error::to_json(&committee, "committee")?;
    cx.audited(&pool, async |tx| {
        store::set_setting(tx, "committee", &json).await?;
        Ok(((), Entry::new("complaints.committee_changed", None)))
    })
    .await?;
    Ok(committee)
}

/// A member of the committee steps aside for a complaint, from a day and
/// for a reason; with `undo`, a recusal recorded in error is taken back.
/// The member must be on the committee; the complaint must be running.
pub async fn record_recusal(cx: &Context<'_>, req: RecusalRequest) -> ApiResult<ComplaintDetail> {
    let committee = committee_of(&register(cx)?).await?;
    let today = cx.today();
    change(cx, &req.complaint, |c| {
        still_open(c)?;
        let wanted = folded(req.member.trim());
        if req.undo {
            let at = c
                .recusals
                .iter()
                .position(|r| folded(&r.member) == wanted)
                .ok_or_else(|| Invalid::new("member", Reason::Unknown))?;
            let gone = c.recusals.remove(at);
            return Ok(("complaint.recusal_withdrawn", Some(gone.member)));
        }
        let member = committee
            .members
            .iter()
            .find(|m| folded(&m.name) == wanted)
            .ok_or_else(|| Invalid::new("member", Reason::Unknown))?;
        if c.recusals.iter().any(|r| folded(&r.member) == wanted) {
            return Err(Invalid::new("member", Reason::Taken));
        }
        let on = check::happened(&req.on, "on", c.received_on, today)?;
        let reason = check::optional(req.reason.as_deref(), "reason")?;
        c.recusals.push(Recusal {
            member: member.name.clone(),
            on,
            reason,
        });
        Ok(("complaint.recused", Some(member.name.clone())))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, role: CommitteeRole) -> CommitteeMember {
        CommitteeMember {
            name: name.into(),
            role,
            external: false,
        }
    }

    #[test]
    fn a_committee_lists_each_member_once_and_one_chair() {
        let mut c = Committee {
            name: Some("  Klachtencommissie  ".into()),
            external: true,
            members: vec![
                member(" Çağrı Öztürk ", CommitteeRole::Chair),
                member("Jan de Vries", CommitteeRole::Member),
            ],
        };
        let ok = checked(&c).expect("a good committee");
        assert_eq!(ok.name.as_deref(), Some("Klachtencommissie"));
        assert_eq!(ok.members[0].name, "Çağrı Öztürk", "names are trimmed");
        c.members
            .push(member("jan de vries", CommitteeRole::Secretary));
        assert_eq!(checked(&c).expect_err("twice").reason, Reason::Taken);
        c.members.pop();
        c.members.push(member("Els", CommitteeRole::Chair));
        assert_eq!(
            checked(&c).expect_err("two chairs").reason,
            Reason::Mismatch
        );
        c.members.pop();
        c.members.push(member(" ", CommitteeRole::Member));
        assert_eq!(checked(&c).expect_err("no name").reason, Reason::Required);
    }
}
