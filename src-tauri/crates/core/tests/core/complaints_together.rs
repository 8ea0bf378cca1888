//! What a complaint gathers besides its procedure: attachments sealed under
//! its key, the committee and a member's recusal, complaints joined to be
//! handled together, and the logo on its letters.

use vertrouwd_core::api::*;
use vertrouwd_core::attachments::AttachmentPreview;
use vertrouwd_core::complaints::*;
use vertrouwd_core::roles::Role;
use vertrouwd_core::Session;

use super::complaints::complaint;
use super::{add, create, session, unlock, PASS, PASS_B};

/// A vault with Ayşe (who files) and Hanna, both in HR.
async fn hr_vault(dir: &std::path::Path) -> (Session, String, String) {
    let (s, _) = session();
    create(&s, dir, vec![Role::Hr]).await;
    let hanna = add(&s, "hanna", vec![Role::Hr])
        .await
        .expect("hanna")
        .user
        .id;
    let ayse = s.session_info().await.expect("info").user.id;
    (s, ayse, hanna)
}

fn only(users: &[&String]) -> ComplaintAccess {
    ComplaintAccess::Only {
        users: users.iter().map(|u| (*u).clone()).collect(),
    }
}

async fn preview(s: &Session, complaint: &str, attachment: i64) -> ApiResult<AttachmentPreview> {
    s.complaint_attachment_preview(ComplaintAttachmentRef {
        complaint: complaint.into(),
        attachment,
    })
    .await
}

fn shown_text(p: AttachmentPreview) -> String {
    match p {
        AttachmentPreview::Text { text, .. } => text,
        other => panic!("a text file is shown as text, not {other:?}"),
    }
}

#[tokio::test]
async fn an_attachment_is_sealed_under_its_complaints_key_and_follows_its_readers() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, ayse, hanna) = hr_vault(&dir).await;
    let mut c = complaint("16-11-2026", "complaints_regulation");
    c.access = only(&[&ayse]);
    let k = s.add_complaint(c).await.expect("filed").reference;
    let file = tmp.path().join("verklaring Çağrı.txt");
    std::fs::write(&file, "Verklaring van de getuige: ë ï é 🙂").expect("write");

    let c = s
        .add_complaint_attachment(ComplaintAttachmentRequest {
            complaint: k.clone(),
            path: file.to_string_lossy().into(),
        })
        .await
        .expect("attached");
    let a = &c.attachments[0];
    assert_eq!(
        (a.file_name.as_str(), a.media_type.as_str(), a.size),
        ("verklaring Çağrı.txt", "text/plain", 40),
        "{a:?}"
    );
    assert_eq!(
        c.timeline.last().map(|e| e.what.as_str()),
        Some("attachment_added")
    );
    let id = a.id;
    assert!(shown_text(preview(&s, &k, id).await.expect("shown")).contains("🙂"));

    // A file the register does not take, and a number that is not there.
    let exe = tmp.path().join("programma.exe");
    std::fs::write(&exe, "MZ").expect("write");
    let e = s
        .add_complaint_attachment(ComplaintAttachmentRequest {
            complaint: k.clone(),
            path: exe.to_string_lossy().into(),
        })
        .await
        .expect_err("an .exe");
    assert_eq!(e.reason, Some(Reason::UnsupportedType));
    let e = preview(&s, &k, id + 1)
        .await
        .expect_err("no such attachment");
    assert_eq!(e.reason, Some(Reason::Unknown));

    // Hanna is given access, then taken off again: a new key, and the
    // attachment sealed under it still opens for Ayşe.
    for access in [only(&[&ayse, &hanna]), only(&[&ayse])] {
        s.change_complaint_access(AccessRequest {
            complaint: k.clone(),
            access,
        })
        .await
        .expect("access");
    }
    assert!(shown_text(preview(&s, &k, id).await.expect("after a new key")).contains("getuige"));
    let out = tmp.path().join("export.txt");
    let w = s
        .export_complaint_attachment(ExportComplaintAttachmentRequest {
            complaint: k.clone(),
            attachment: id,
            path: out.to_string_lossy().into(),
        })
        .await
        .expect("exported");
    assert_eq!(w.bytes, 40);
    assert_eq!(
        std::fs::read(&out).expect("read"),
        std::fs::read(&file).expect("read")
    );
    let e = s
        .export_complaint_attachment(ExportComplaintAttachmentRequest {
            complaint: k.clone(),
            attachment: id,
            path: dir.join("uit.txt").to_string_lossy().into(),
        })
        .await
        .expect_err("never into the vault");
    assert_eq!(e.reason, Some(Reason::InsideVault));
    s.lock().await;

    unlock(&s, &dir, "hanna", PASS_B).await.expect("hanna");
    let e = preview(&s, &k, id).await.expect_err("not for Hanna");
    assert_eq!(e.code, ErrorCode::NotFound);
    s.lock().await;

    // An ended complaint takes no new file.
    unlock(&s, &dir, "ayse", PASS).await.expect("ayse");
    s.close_complaint(CloseComplaintRequest {
        complaint: k.clone(),
        kind: ClosureKind::Withdrawn,
        on: "20-11-2026".into(),
        note: None,
    })
    .await
    .expect("withdrawn");
    let e = s
        .add_complaint_attachment(ComplaintAttachmentRequest {
            complaint: k.clone(),
            path: file.to_string_lossy().into(),
        })
        .await
        .expect_err("ended");
    assert_eq!(e.reason, Some(Reason::Closed));
}

#[tokio::test]
async fn a_committee_member_steps_aside_for_one_complaint() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, ..) = hr_vault(&tmp.path().join("kluis")).await;
    let member = |name: &str, role| CommitteeMember {
        name: name.into(),
        role,
        external: false,
    };
    let mut committee = Committee {
        name: Some("Klachtencommissie Ongewenste Omgangsvormen".into()),
        external: true,
        members: vec![
            member("Mr. Els Jansen", CommitteeRole::Chair),
            member("Çağrı Öztürk", CommitteeRole::Member),
            member("Jan de Vries", CommitteeRole::Secretary),
        ],
    };
    committee
        .members
        .push(member("ÇAĞRI ÖZTÜRK", CommitteeRole::Member));
    let e = s
        .update_complaint_committee(committee.clone())
        .await
        .expect_err("twice");
    assert_eq!(e.reason, Some(Reason::Taken));
    committee.members.pop();
    let saved = s
        .update_complaint_committee(committee.clone())
        .await
        .expect("saved");
    assert_eq!(saved, committee);
    assert_eq!(s.complaint_committee().await.expect("read"), committee);

    let k = s
        .add_complaint(complaint("16-11-2026", "complaints_regulation"))
        .await
        .expect("filed")
        .reference;
    let recuse = |member: &str, on: &str, undo: bool| RecusalRequest {
        complaint: k.clone(),
        member: member.into(),
        on: on.into(),
        reason: Some("Leidinggevende van de klager".into()),
        undo,
    };
    let e = s
        .record_recusal(recuse("Piet Onbekend", "17-11-2026", false))
        .await
        .expect_err("not a member");
    assert_eq!(e.reason, Some(Reason::Unknown));
    let e = s
        .record_recusal(recuse("çağrı öztürk", "13-11-2026", false))
        .await
        .expect_err("before receipt");
    assert_eq!(e.reason, Some(Reason::BeforeReceipt));
    let c = s
        .record_recusal(recuse("çağrı öztürk", "17-11-2026", false))
        .await
        .expect("recused");
    assert_eq!(c.recusals.len(), 1);
    assert_eq!(
        c.recusals[0].member, "Çağrı Öztürk",
        "the name as the committee lists it"
    );
    let e = s
        .record_recusal(recuse("Çağrı Öztürk", "17-11-2026", false))
        .await
        .expect_err("twice");
    assert_eq!(e.reason, Some(Reason::Taken));
    let c = s
        .record_recusal(recuse("Çağrı Öztürk", "", true))
        .await
        .expect("taken back");
    assert!(c.recusals.is_empty());
    let events: Vec<&str> = c.timeline.iter().map(|e| e.what.as_str()).collect();
    assert!(
        events.ends_with(&["recused", "recusal_withdrawn"]),
        "{events:?}"
    );

    // The hearing invitation names the committee.
    let out = tmp.path().join("uitnodiging.pdf");
    s.write_complaint_letter(LetterRequest {
        complaint: k.clone(),
        step: "hearing".into(),
        letter: None,
        language: vertrouwd_core::language::Language::Nl,
        path: out.to_string_lossy().into(),
    })
    .await
    .expect("letter");
    let text = super::complaints::pdf_text(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Hierbij nodigt Klachtencommissie Ongewenste Omgangsvormen u uit"),
        "{text}"
    );
    let trail = s
        .audit_trail(AuditRequest {
            compartment: "hr".into(),
            limit: Some(4),
            before: None,
        })
        .await
        .expect("trail");
    let actions: Vec<&str> = trail.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "complaint.letter_written",
            "complaint.recusal_withdrawn",
            "complaint.recused",
            "complaint.filed"
        ]
    );
}

#[tokio::test]
async fn joined_complaints_keep_the_same_readers_and_part_when_one_is_destroyed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, ayse, _) = hr_vault(&tmp.path().join("kluis")).await;
    let mut refs = vec![];
    for day in ["16-11-2026", "17-11-2026"] {
        let c = s
            .add_complaint(complaint(day, "complaints_regulation"))
            .await
            .expect("filed");
        refs.push(c.reference);
    }
    let mut restricted = complaint("18-11-2026", "complaints_regulation");
    restricted.access = only(&[&ayse]);
    refs.push(s.add_complaint(restricted).await.expect("filed").reference);
    let join = |a: &str, b: &str, separate: bool| JoinRequest {
        complaint: a.into(),
        with: b.into(),
        separate,
    };

    let e = s
        .join_complaints(join(&refs[0], &refs[2], false))
        .await
        .expect_err("other readers");
    assert_eq!(e.reason, Some(Reason::DifferentReaders));
    let e = s
        .join_complaints(join(&refs[0], &refs[0], false))
        .await
        .expect_err("itself");
    assert_eq!(e.field.as_deref(), Some("with"));
    let a = s
        .join_complaints(join(&refs[0], &refs[1], false))
        .await
        .expect("joined");
    assert_eq!(a.joined, [refs[1].clone()]);
    let e = s
        .join_complaints(join(&refs[1], &refs[0], false))
        .await
        .expect_err("already");
    assert_eq!(e.reason, Some(Reason::Taken));

    // Restricting one restricts both.
    s.change_complaint_access(AccessRequest {
        complaint: refs[0].clone(),
        access: only(&[&ayse]),
    })
    .await
    .expect("restricted");
    let b = s
        .complaint_detail(ComplaintRef {
            complaint: refs[1].clone(),
        })
        .await
        .expect("b");
    assert!(!b.access.everyone, "the joined complaint follows");
    assert_eq!(b.joined, [refs[0].clone()]);

    // Destroying one takes it out of the other.
    s.destroy_complaint(DestroyComplaintRequest {
        complaint: refs[0].clone(),
        confirm: refs[0].clone(),
        reason: Some(vertrouwd_core::retention::EarlyDestruction::RecordedInError),
    })
    .await
    .expect("destroyed");
    let b = s
        .complaint_detail(ComplaintRef {
            complaint: refs[1].clone(),
        })
        .await
        .expect("b");
    assert!(b.joined.is_empty(), "{:?}", b.joined);
    let e = s
        .join_complaints(join(&refs[1], &refs[2], true))
        .await
        .expect_err("never joined");
    assert_eq!(e.reason, Some(Reason::Unknown));
}

static LOGO: &[u8] = include_bytes!("../../../pdf/assets/specimen-logo.png");

#[tokio::test]
async fn the_letterhead_logo_stands_on_every_letter_and_a_false_picture_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (s, ..) = hr_vault(&tmp.path().join("kluis")).await;
    let k = s
        .add_complaint(complaint("16-11-2026", "complaints_regulation"))
        .await
        .expect("filed")
        .reference;
    let letter = |name: &str| {
        let out = tmp.path().join(name);
        let req = LetterRequest {
            complaint: k.clone(),
            step: "acknowledgement".into(),
            letter: None,
            language: vertrouwd_core::language::Language::Nl,
            path: out.to_string_lossy().into(),
        };
        (out, req)
    };
    let images = |path: &std::path::Path| -> usize {
        let out = std::process::Command::new("pdfimages")
            .arg("-list")
            .arg(path)
            .output()
            .expect("pdfimages (poppler-utils)");
        // Two header lines, then one line per picture or mask: the third
        // column says which.
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(2)
            .filter(|l| l.split_whitespace().nth(2) == Some("image"))
            .count()
    };
    let (plain, req) = letter("zonder.pdf");
    s.write_complaint_letter(req).await.expect("letter");
    assert_eq!(images(&plain), 0);

    // A PNG that says it is 100 000 pixels square: refused before decoding.
    let mut giant = LOGO[..16].to_vec();
    giant.extend(100_000u32.to_be_bytes());
    giant.extend(100_000u32.to_be_bytes());
    giant.extend(&LOGO[24..]);
    let bad = tmp.path().join("reus.png");
    std::fs::write(&bad, &giant).expect("write");
    let e = s
        .set_letterhead_logo(LogoRequest {
            path: Some(bad.to_string_lossy().into()),
        })
        .await
        .expect_err("giant");
    assert_eq!(e.reason, Some(Reason::UnsupportedType));
    assert!(!s.complaint_settings().await.expect("settings").logo);

    let good = tmp.path().join("logo.png");
    std::fs::write(&good, LOGO).expect("write");
    let settings = s
        .set_letterhead_logo(LogoRequest {
            path: Some(good.to_string_lossy().into()),
        })
        .await
        .expect("logo");
    assert!(settings.logo);
    // A settings change keeps it.
    let settings = s
        .update_complaint_settings(settings)
        .await
        .expect("settings");
    assert!(settings.logo);
    let (with, req) = letter("met.pdf");
    s.write_complaint_letter(req).await.expect("letter");
    assert_eq!(images(&with), 1, "the logo on the letter");

    let settings = s
        .set_letterhead_logo(LogoRequest { path: None })
        .await
        .expect("taken away");
    assert!(!settings.logo);
}

/// 2026: three complaints — one upheld and closed, one withdrawn and
/// destroyed (its tombstone counts), one restricted to Ayşe. Hanna, left
/// out of the last, counts two and is told one is restricted from her.
#[tokio::test]
async fn the_years_figures_count_live_complaints_and_tombstones() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("kluis");
    let (s, ayse, _) = hr_vault(&dir).await;
    let upheld = s
        .add_complaint(complaint("2-3-2026", "complaints_regulation"))
        .await
        .expect("filed")
        .reference;
    s.record_decision(OutcomeRequest {
        complaint: upheld.clone(),
        on: "1-6-2026".into(),
        finding: ComplaintFinding::Upheld,
        measures: vec!["warning".into()],
        reasons: None,
        note: None,
    })
    .await
    .expect("decided");
    s.close_complaint(CloseComplaintRequest {
        complaint: upheld.clone(),
        kind: ClosureKind::Closed,
        on: "11-6-2026".into(),
        note: None,
    })
    .await
    .expect("closed");
    let withdrawn = s
        .add_complaint(complaint("5-5-2026", "awb"))
        .await
        .expect("filed")
        .reference;
    s.close_complaint(CloseComplaintRequest {
        complaint: withdrawn.clone(),
        kind: ClosureKind::Withdrawn,
        on: "15-5-2026".into(),
        note: None,
    })
    .await
    .expect("withdrawn");
    s.destroy_complaint(DestroyComplaintRequest {
        complaint: withdrawn.clone(),
        confirm: withdrawn.clone(),
        reason: Some(vertrouwd_core::retention::EarlyDestruction::RecordedInError),
    })
    .await
    .expect("destroyed");
    let mut restricted = complaint("9-9-2026", "whistleblowing");
    restricted.access = only(&[&ayse]);
    s.add_complaint(restricted).await.expect("filed");

    let year = |y| FiguresRequest { year: y };
    let f = s.complaint_figures(year(2026)).await.expect("figures");
    assert_eq!((f.received, f.not_readable), (3, 0));
    let count =
        |list: &[Count], code: &str| list.iter().find(|c| c.code == code).map_or(0, |c| c.count);
    assert_eq!(count(&f.endings, "closed"), 1);
    assert_eq!(count(&f.endings, "withdrawn"), 1, "the tombstone counts");
    assert_eq!(count(&f.endings, "open"), 1);
    assert_eq!(count(&f.findings, "upheld"), 1);
    assert_eq!(count(&f.measures, "warning"), 1);
    assert_eq!(count(&f.procedures, "awb"), 1);
    assert_eq!(count(&f.quarters, "q3"), 1);
    // 2 March to 11 June: 101 days; 5 May to 15 May: 10. Median 55.5.
    assert_eq!(f.median_days, Some(55.5));
    assert_eq!(
        s.complaint_figures(year(2025))
            .await
            .expect("2025")
            .received,
        0
    );
    s.lock().await;

    unlock(&s, &dir, "hanna", PASS_B).await.expect("hanna");
    let f = s.complaint_figures(year(2026)).await.expect("figures");
    assert_eq!((f.received, f.not_readable), (2, 1));
    assert_eq!(count(&f.procedures, "whistleblowing"), 0);
}
