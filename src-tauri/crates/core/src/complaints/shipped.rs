//! The procedures Vertrouwd ships, as an organisation finds them before
//! it changes any term (`templates.rs`); the shapes are in `procedures`.

use super::procedures::*;

fn step(
    key: &str,
    term: Option<StepTerm>,
    from: CountFrom,
    calendar: StepCalendar,
    actor: StepActor,
    letter: Option<LetterKind>,
    phase: Phase,
) -> StepTemplate {
    StepTemplate {
        key: key.into(),
        name: None,
        term,
        from,
        calendar,
        actor,
        letter,
        phase,
    }
}

fn after(key: &str) -> CountFrom {
    CountFrom::Step(key.into())
}

/// The procedures Vertrouwd ships, every term editable:
///
/// - `complaints_regulation`, the klachtenregeling ongewenste
///   omgangsvormen, with the usual terms of a regulation (acknowledgement
///   within 3 working days, a written response within 2 weeks, the hearing
///   within 10 working days, …), on the organisation's calendar;
/// - `whistleblowing`, the interne meldprocedure of the Wbk:
///   acknowledgement within 7 days, feedback within 3 months of it (or of
///   the day it was due, when none could be sent), terms set by law;
/// - `awb` and `awb_committee`, citizens' complaints of Awb chapter 9:
///   a decision within 6 weeks of receipt, 10 with an advisory committee
///   (art. 9:11), postponed by at most 4 weeks by a letter to both parties.
pub fn shipped() -> Vec<Procedure> {
    use LetterKind as L;
    use Phase as P;
    use StepActor as A;
    use StepCalendar::{Law, Organisation as Org};
    use TermUnit::*;
    let t = |count, unit| Some(StepTerm::new(count, unit));
    let regulation = vec![
        step(
            "acknowledgement",
            t(3, WorkingDays),
            CountFrom::Receipt,
            Org,
            A::Secretary,
            Some(L::Acknowledgement),
            P::Received,
        ),
        step(
            "admissibility",
            t(2, Weeks),
            CountFrom::Receipt,
            Org,
            A::Committee,
            None,
            P::Admissibility,
        ),
        step(
            "request_response",
            t(5, WorkingDays),
            after("admissibility"),
            Org,
            A::Secretary,
            Some(L::RequestForResponse),
            P::Response,
        ),
        step(
            "response",
            t(2, Weeks),
            after("request_response"),
            Org,
            A::PersonComplainedAbout,
            None,
            P::Response,
        ),
        step(
            "file_shared",
            t(5, WorkingDays),
            after("response"),
            Org,
            A::Secretary,
            None,
            P::Hearing,
        ),
        step(
            "hearing",
            t(10, WorkingDays),
            after("response"),
            Org,
            A::Committee,
            Some(L::HearingInvitation),
            P::Hearing,
        ),
        step(
            "hearing_report",
            t(10, WorkingDays),
            after("hearing"),
            Org,
            A::Secretary,
            Some(L::HearingReport),
            P::HearingReport,
        ),
        step(
            "advice",
            t(4, Weeks),
            after("hearing"),
            Org,
            A::Committee,
            None,
            P::Advice,
        ),
        step(
            "decision",
            t(4, Weeks),
            after("advice"),
            Org,
            A::DecisionMaker,
            Some(L::Decision),
            P::Decision,
        ),
        step(
            "feedback",
            t(5, WorkingDays),
            after("decision"),
            Org,
            A::Secretary,
            None,
            P::Feedback,
        ),
    ];
    let whistleblowing = vec![
        step(
            "acknowledgement",
            t(7, Days),
            CountFrom::Receipt,
            Law,
            A::Secretary,
            Some(L::Acknowledgement),
            P::Received,
        ),
        step(
            "assessment",
            None,
            CountFrom::Receipt,
            Org,
            A::Secretary,
            None,
            P::Admissibility,
        ),
        step(
            "feedback",
            t(3, Months),
            after("acknowledgement"),
            Law,
            A::Secretary,
            Some(L::Decision),
            P::Feedback,
        ),
    ];
    let awb = |weeks| {
        vec![
            step(
                "acknowledgement",
                t(5, WorkingDays),
                CountFrom::Receipt,
                Org,
                A::Secretary,
                Some(L::Acknowledgement),
                P::Received,
            ),
            step(
                "hearing",
                None,
                CountFrom::Receipt,
                Org,
                A::Secretary,
                Some(L::HearingInvitation),
                P::Hearing,
            ),
            step(
                "decision",
                t(weeks, Weeks),
                CountFrom::Receipt,
                Law,
                A::DecisionMaker,
                Some(L::Decision),
                P::Decision,
            ),
        ]
    };
    vec![
        Procedure {
            code: "complaints_regulation".into(),
            name: None,
            steps: regulation,
        },
        Procedure {
            code: "whistleblowing".into(),
            name: None,
            steps: whistleblowing,
        },
        Procedure {
            code: "awb".into(),
            name: None,
            steps: awb(6),
        },
        Procedure {
            code: "awb_committee".into(),
            name: None,
            steps: awb(10),
        },
    ]
}
