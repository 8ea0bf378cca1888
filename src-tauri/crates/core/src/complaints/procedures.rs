//! Procedures and their deadlines: a procedure is an ordered list of steps,
//! each with a term counted from a named earlier step (or from receipt),
//! on one of two calendars, with who acts and the letter it may produce.
//!
//! A complaint keeps a copy of its procedure's steps as they were when it
//! was filed, so a later change of a template never moves a running
//! complaint's dates unless that is asked for. Its due dates are computed
//! from that copy, the days its steps were done, its pauses (mediation)
//! and its extensions ([`schedule`]); every computed day can be set by hand.
//!
//! The two calendars (`crate::dates`): a term set by law (Wbk, Awb) follows
//! the Algemene termijnenwet — an end on a Saturday, Sunday or recognised
//! holiday moves to the next working day, except for a term of three months
//! or longer; a term of the regulation itself counts the organisation's
//! working days, and one that ends on a day the organisation is closed
//! ends on its next working day.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::{Term, WorkCalendar};
use crate::error::{Invalid, Reason};

pub use super::shipped::shipped;

/// The unit of a step's term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TermUnit {
    Days,
    Weeks,
    Months,
    WorkingDays,
}

/// A term as a procedure states it: "within 3 working days".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepTerm {
    pub count: i32,
    pub unit: TermUnit,
}

/// The longest term a step may have, in any unit (a year of days).
pub const MAX_TERM: i32 = 366;

impl StepTerm {
    pub const fn new(count: i32, unit: TermUnit) -> Self {
        Self { count, unit }
    }

    /// The term, checked: at least one of its unit, at most [`MAX_TERM`].
    pub fn checked(self, field: &str) -> Result<Self, Invalid> {
        if self.count < 1 || self.count > MAX_TERM {
            return Err(Invalid::new(field, Reason::OutOfRange));
        }
        Ok(self)
    }

    fn term(self) -> Term {
        let count = self.count.clamp(0, MAX_TERM) as u32;
        match self.unit {
            TermUnit::Days => Term::Days(count),
            TermUnit::Weeks => Term::Weeks(count),
            TermUnit::Months => Term::Months(count),
            TermUnit::WorkingDays => Term::WorkingDays(count),
        }
    }
}

/// Which calendar a step's term follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepCalendar {
    /// A term set by law: the Algemene termijnenwet.
    Law,
    /// A term of the organisation's regulation: its working days.
    Organisation,
}

/// Who acts in a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepActor {
    /// HR, or the complaints committee's secretary.
    Secretary,
    Committee,
    /// Whoever decides this complaint: the employer, or the decision-maker
    /// named for it.
    DecisionMaker,
    PersonComplainedAbout,
    Complainant,
}

/// The letters a step can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    Acknowledgement,
    RequestForResponse,
    HearingInvitation,
    HearingReport,
    Decision,
    Postponement,
}

/// Where a complaint stands, as the steps done so far say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Received,
    Admissibility,
    Response,
    Hearing,
    HearingReport,
    Advice,
    Decision,
    Feedback,
}

/// What a step's term counts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "from", content = "step", rename_all = "snake_case")]
pub enum CountFrom {
    /// The day the complaint was received.
    Receipt,
    /// The day the named earlier step was done; when that step could not
    /// be done, the day it was due (the Wbk's "7 days after receipt when
    /// no acknowledgement could be sent").
    Step(String),
}

/// One step of a procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepTemplate {
    /// The step's code within its procedure (`acknowledgement`); shipped
    /// steps are translated by it.
    pub key: String,
    /// A name the organisation gave the step instead of the shipped one.
    #[serde(default)]
    pub name: Option<String>,
    /// No term: the step has no deadline of its own (mediation, a hearing
    /// planned by agreement).
    pub term: Option<StepTerm>,
    pub from: CountFrom,
    pub calendar: StepCalendar,
    pub actor: StepActor,
    pub letter: Option<LetterKind>,
    pub phase: Phase,
}

/// A procedure: its steps in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Procedure {
    /// `complaints_regulation`, `whistleblowing`, `awb`, `awb_committee`,
    /// or a code the organisation chose.
    pub code: String,
    #[serde(default)]
    pub name: Option<String>,
    pub steps: Vec<StepTemplate>,
}

impl Procedure {
    pub fn step(&self, key: &str) -> Option<&StepTemplate> {
        self.steps.iter().find(|s| s.key == key)
    }

    /// The procedure, checked: steps with unique keys, terms in range, and
    /// each counted from receipt or from a step before it.
    pub fn checked(self) -> Result<Self, Invalid> {
        if self.steps.is_empty() {
            return Err(Invalid::new("steps", Reason::Required));
        }
        for (i, step) in self.steps.iter().enumerate() {
            if self.steps[..i].iter().any(|s| s.key == step.key) {
                return Err(Invalid::new("steps", Reason::Taken));
            }
            if let Some(term) = step.term {
                term.checked("term")?;
            }
            if let CountFrom::Step(from) = &step.from {
                if !self.steps[..i].iter().any(|s| &s.key == from) {
                    return Err(Invalid::new("from", Reason::Unknown));
                }
            }
        }
        Ok(self)
    }

    /// This procedure with the terms, calendars, names, actors and letters
    /// of `edit`, checked. Its steps themselves (which, in what order, each
    /// counted from what, in which phase) stay as they are, so that a
    /// running complaint can follow the change without losing a step.
    pub fn edited(&self, edit: Procedure) -> Result<Procedure, Invalid> {
        if edit.code != self.code {
            return Err(Invalid::new("procedure", Reason::Unknown));
        }
        let same_steps = edit.steps.len() == self.steps.len()
            && edit
                .steps
                .iter()
                .zip(&self.steps)
                .all(|(e, s)| e.key == s.key && e.from == s.from && e.phase == s.phase);
        if !same_steps {
            return Err(Invalid::new("steps", Reason::Invalid));
        }
        let text = |name: Option<String>, field: &str| -> Result<Option<String>, Invalid> {
            crate::validate::optional_text(name.as_deref(), field, super::check::MAX_LINE)
        };
        let mut steps = Vec::with_capacity(edit.steps.len());
        for s in edit.steps {
            steps.push(StepTemplate {
                name: text(s.name, "name")?,
                ..s
            });
        }
        Procedure {
            code: edit.code,
            name: text(edit.name, "name")?,
            steps,
        }
        .checked()
    }
}

/// What happened to one step of a complaint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StepProgress {
    pub key: String,
    pub done_on: Option<NaiveDate>,
    /// Why the step could not be done (an anonymous reporter without a way
    /// to reply gets no acknowledgement); later steps count from its due date.
    #[serde(default)]
    pub not_possible: Option<String>,
    /// A due date set by hand instead of the computed one.
    #[serde(default)]
    pub due_set: Option<NaiveDate>,
}

/// Why the terms stood still.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PauseReason {
    Mediation,
    Other,
}

/// A time the terms stood still, from its first day to its last (open
/// while it lasts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Pause {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub reason: PauseReason,
    #[serde(default)]
    pub note: Option<String>,
}

/// A step's term lengthened (the Awb's postponement by letter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Extension {
    pub step: String,
    pub by: StepTerm,
    pub reason: String,
    pub on: NaiveDate,
}

/// The two calendars a complaint's terms are counted on.
#[derive(Debug, Clone)]
pub struct Calendars {
    pub law: WorkCalendar,
    pub organisation: WorkCalendar,
}

impl Calendars {
    fn of(&self, kind: StepCalendar) -> &WorkCalendar {
        match kind {
            StepCalendar::Law => &self.law,
            StepCalendar::Organisation => &self.organisation,
        }
    }
}

/// One step of a complaint's schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduledStep {
    pub key: String,
    /// The day its term started counting; none while the step it counts
    /// from has no date yet.
    pub start: Option<NaiveDate>,
    /// The day it is due; none for a step without a term, or while its
    /// term stands still or has not started.
    pub due: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub not_possible: bool,
    /// The due date counts from a step not done yet: it moves when that
    /// step is done later or sooner.
    pub provisional: bool,
    /// Its term stands still (a pause without an end).
    pub paused: bool,
    /// The due date was set by hand.
    pub set_by_hand: bool,
}

impl ScheduledStep {
    pub fn open(&self) -> bool {
        self.done_on.is_none() && !self.not_possible
    }
}

/// The due date of every step of `procedure` for a complaint received on
/// `received`, given what happened so far.
pub fn schedule(
    procedure: &Procedure,
    received: NaiveDate,
    progress: &[StepProgress],
    pauses: &[Pause],
    extensions: &[Extension],
    calendars: &Calendars,
) -> Vec<ScheduledStep> {
    let mut out: Vec<ScheduledStep> = Vec::with_capacity(procedure.steps.len());
    for template in &procedure.steps {
        let done = progress.iter().find(|p| p.key == template.key);
        let (start, provisional) = match &template.from {
            CountFrom::Receipt => (Some(received), false),
            CountFrom::Step(key) => match out.iter().find(|s| &s.key == key) {
                Some(s) if s.done_on.is_some() => (s.done_on, false),
                Some(s) => (s.due, s.open() || s.provisional),
                None => (None, false),
            },
        };
        let calendar = calendars.of(template.calendar);
        let mut paused = false;
        let computed = match (template.term, start) {
            (Some(term), Some(start)) => {
                let mut end = term.term().end(start, calendar);
                for pause in pauses {
                    if pause.from < start || pause.from > end {
                        continue;
                    }
                    match pause.until {
                        None => {
                            paused = true;
                            break;
                        }
                        Some(until) if until >= pause.from => {
                            end = lengthen(end, pause.from, until, term.unit, calendar);
                        }
                        Some(_) => {}
                    }
                }
                for ext in extensions.iter().filter(|e| e.step == template.key) {
                    end = ext.by.term().end(end, calendar);
                }
                let end = match template.calendar {
                    StepCalendar::Law => calendar.law_term_end(end, term.term()),
                    StepCalendar::Organisation => calendar.next_working_day(end),
                };
                (!paused).then_some(end)
            }
            _ => None,
        };
        let set = done.and_then(|d| d.due_set);
        let done_on = done.and_then(|d| d.done_on);
        out.push(ScheduledStep {
            key: template.key.clone(),
            start,
            due: set.or(computed),
            done_on,
            not_possible: done.is_some_and(|d| d.not_possible.is_some()) && done_on.is_none(),
            provisional: provisional && set.is_none(),
            paused: paused && set.is_none(),
            set_by_hand: set.is_some(),
        });
    }
    out
}

/// `end` moved on by a pause from `from` to `until` (both days included):
/// as many calendar days, or for a term in working days as many working
/// days as the pause held.
fn lengthen(
    end: NaiveDate,
    from: NaiveDate,
    until: NaiveDate,
    unit: TermUnit,
    calendar: &WorkCalendar,
) -> NaiveDate {
    let days = (until - from).num_days() as u64 + 1;
    match unit {
        TermUnit::WorkingDays => {
            let n = calendar.working_days_between(from - Days::new(1), until);
            calendar.add_working_days(end, n)
        }
        _ => end + Days::new(days),
    }
}

/// How far a step's term has run on `today`: the warnings at 50, 75 and
/// 90 % of the term and the term past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Half,
    ThreeQuarters,
    NinetyPercent,
    Due,
    Overdue,
}

/// The warning a step deserves on `today`, if any: due today is [`Urgency::Due`],
/// past it [`Urgency::Overdue`], and otherwise the share of the term
/// (start to due) that has gone by.
pub fn urgency(step: &ScheduledStep, today: NaiveDate) -> Option<Urgency> {
    if !step.open() {
        return None;
    }
    let due = step.due?;
    if today > due {
        return Some(Urgency::Overdue);
    }
    if today == due {
        return Some(Urgency::Due);
    }
    let start = step.start.unwrap_or(due);
    let whole = (due - start).num_days();
    let gone = (today - start).num_days();
    if whole <= 0 || gone <= 0 {
        return None;
    }
    let percent = gone * 100 / whole;
    match percent {
        p if p >= 90 => Some(Urgency::NinetyPercent),
        p if p >= 75 => Some(Urgency::ThreeQuarters),
        p if p >= 50 => Some(Urgency::Half),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::OrganisationDays;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn calendars() -> Calendars {
        Calendars {
            law: WorkCalendar::law(),
            organisation: WorkCalendar::organisation(OrganisationDays::default()),
        }
    }

    fn procedure(code: &str) -> Procedure {
        shipped()
            .into_iter()
            .find(|p| p.code == code)
            .expect("shipped")
    }

    fn due(plan: &[ScheduledStep], key: &str) -> Option<NaiveDate> {
        plan.iter().find(|s| s.key == key).expect("step").due
    }

    fn done(key: &str, on: NaiveDate) -> StepProgress {
        StepProgress {
            key: key.into(),
            done_on: Some(on),
            ..Default::default()
        }
    }

    #[test]
    fn every_shipped_procedure_is_well_formed() {
        for p in shipped() {
            let code = p.code.clone();
            p.checked().unwrap_or_else(|e| panic!("{code}: {e:?}"));
        }
    }

    /// Wbk acknowledgement, 7 days, law calendar.
    #[test]
    fn a_law_term_ending_on_a_holiday_moves_to_the_next_working_day() {
        let wbk = procedure("whistleblowing");
        let c = calendars();
        let ack = |received| {
            due(
                &schedule(&wbk, received, &[], &[], &[], &c),
                "acknowledgement",
            )
        };
        // Easter 2026 is 5 April. Received Friday 27 March: 7 days is Good
        // Friday 3 April (art. 3 Atw), then Saturday, Easter Sunday and
        // Easter Monday 6 April: Tuesday 7 April.
        assert_eq!(ack(d(2026, 3, 27)), Some(d(2026, 4, 7)));
        // Koningsdag 2026 is Monday 27 April. Received Monday 20 April:
        // 7 days is that Monday; Tuesday 28 April.
        assert_eq!(ack(d(2026, 4, 20)), Some(d(2026, 4, 28)));
        // 27 April 2025 is a Sunday, so Koningsdag was Saturday 26 April.
        // Received Easter Sunday 20 April 2025: 7 days is Sunday 27 April,
        // which is no holiday that year but a Sunday: Monday 28 April.
        assert_eq!(ack(d(2025, 4, 20)), Some(d(2025, 4, 28)));
        // Received Friday 18 December 2026: 7 days is Christmas Day (a
        // Friday), then Boxing Day (Saturday) and Sunday: Monday 28 December.
        assert_eq!(ack(d(2026, 12, 18)), Some(d(2026, 12, 28)));
        // Received Thursday 25 December 2025 would end Thursday 1 January
        // 2026, Nieuwjaarsdag, a Thursday, so the Friday after is set equal
        // to it by royal decree: Monday 5 January 2026.
        assert_eq!(ack(d(2025, 12, 25)), Some(d(2026, 1, 5)));
        // A plain week: received Tuesday 3 February 2026, due Tuesday 10.
        assert_eq!(ack(d(2026, 2, 3)), Some(d(2026, 2, 10)));
    }

    #[test]
    fn wbk_feedback_counts_from_the_acknowledgement_or_from_seven_days_after_receipt() {
        let wbk = procedure("whistleblowing");
        let c = calendars();
        // Acknowledged Monday 30 November 2026: 3 months is Sunday 28
        // February 2027. A term of three months is not extended by the Atw.
        let plan = schedule(
            &wbk,
            d(2026, 11, 27),
            &[done("acknowledgement", d(2026, 11, 30))],
            &[],
            &[],
            &c,
        );
        assert_eq!(due(&plan, "feedback"), Some(d(2027, 2, 28)));
        assert!(!plan[2].provisional);
        // No acknowledgement could be sent (anonymous, no way to reply):
        // received Tuesday 3 February 2026, the acknowledgement was due
        // Tuesday 10 February; 3 months from then is Sunday 10 May.
        let none = StepProgress {
            key: "acknowledgement".into(),
            not_possible: Some("anonymous".into()),
            ..Default::default()
        };
        let plan = schedule(&wbk, d(2026, 2, 3), &[none], &[], &[], &c);
        assert_eq!(due(&plan, "feedback"), Some(d(2026, 5, 10)));
        assert!(plan[0].not_possible && !plan[0].open());
        // Not yet acknowledged: the same date, provisional.
        let plan = schedule(&wbk, d(2026, 2, 3), &[], &[], &[], &c);
        assert_eq!(due(&plan, "feedback"), Some(d(2026, 5, 10)));
        assert!(plan[2].provisional);
    }

    #[test]
    fn working_days_follow_the_organisation_and_cross_the_year_end() {
        let reg = procedure("complaints_regulation");
        let mut c = calendars();
        // Received Wednesday 23 December 2026; 3 working days: Thursday 24,
        // (Christmas Friday 25, the weekend) Monday 28, Tuesday 29.
        let plan = schedule(&reg, d(2026, 12, 23), &[], &[], &[], &c);
        assert_eq!(due(&plan, "acknowledgement"), Some(d(2026, 12, 29)));
        // With Monday 28 December a closing day: Wednesday 30 December.
        c.organisation = WorkCalendar::organisation(OrganisationDays {
            closing_days: vec![d(2026, 12, 28)],
            ..OrganisationDays::default()
        });
        let plan = schedule(&reg, d(2026, 12, 23), &[], &[], &[], &c);
        assert_eq!(due(&plan, "acknowledgement"), Some(d(2026, 12, 30)));
        // The hearing, 10 working days after a response received Wednesday
        // 23 December 2026 (and the closing day): 24, 29, 30, 31 December,
        // (Nieuwjaarsdag, the weekend) 4, 5, 6, 7, 8, 11 January 2027.
        let progress = [
            done("admissibility", d(2026, 12, 1)),
            done("request_response", d(2026, 12, 2)),
            done("response", d(2026, 12, 23)),
        ];
        let plan = schedule(&reg, d(2026, 11, 20), &progress, &[], &[], &c);
        assert_eq!(due(&plan, "hearing"), Some(d(2027, 1, 11)));
    }

    #[test]
    fn five_may_is_off_by_law_every_year_and_for_the_organisation_every_five_years() {
        // Awb: 6 weeks from Tuesday 24 March 2026 is Tuesday 5 May 2026,
        // Bevrijdingsdag (and Monday 4 May is set equal): Wednesday 6 May.
        let awb = procedure("awb");
        let c = calendars();
        let plan = schedule(&awb, d(2026, 3, 24), &[], &[], &[], &c);
        assert_eq!(due(&plan, "decision"), Some(d(2026, 5, 6)));
        // The organisation works on 5 May 2026 (not a lustrum year) but not
        // on 5 May 2025: 5 working days from Tuesday 29 April 2025 are
        // 30 April, 1, 2, 6 and 7 May; from 28 April 2026: 29, 30 April,
        // 1, 4 and 5 May.
        let plan = schedule(&awb, d(2025, 4, 29), &[], &[], &[], &c);
        assert_eq!(due(&plan, "acknowledgement"), Some(d(2025, 5, 7)));
        let plan = schedule(&awb, d(2026, 4, 28), &[], &[], &[], &c);
        assert_eq!(due(&plan, "acknowledgement"), Some(d(2026, 5, 5)));
    }

    #[test]
    fn the_awb_committee_and_a_postponement_lengthen_the_decision_term() {
        let c = calendars();
        // Received Monday 2 February 2026: 6 weeks is Monday 16 March; with
        // an advisory committee 10 weeks, Monday 13 April.
        let plan = schedule(&procedure("awb"), d(2026, 2, 2), &[], &[], &[], &c);
        assert_eq!(due(&plan, "decision"), Some(d(2026, 3, 16)));
        let committee = procedure("awb_committee");
        let plan = schedule(&committee, d(2026, 2, 2), &[], &[], &[], &c);
        assert_eq!(due(&plan, "decision"), Some(d(2026, 4, 13)));
        // Postponed by 4 weeks: Monday 11 May.
        let ext = Extension {
            step: "decision".into(),
            by: StepTerm::new(4, TermUnit::Weeks),
            reason: "hearing".into(),
            on: d(2026, 4, 1),
        };
        let plan = schedule(&committee, d(2026, 2, 2), &[], &[], &[ext], &c);
        assert_eq!(due(&plan, "decision"), Some(d(2026, 5, 11)));
    }

    #[test]
    fn mediation_stops_the_clock_for_as_long_as_it_lasts() {
        let reg = procedure("complaints_regulation");
        let c = calendars();
        // Received Monday 2 February 2026; admissibility within 2 weeks:
        // Monday 16 February.
        let plan = schedule(&reg, d(2026, 2, 2), &[], &[], &[], &c);
        assert_eq!(due(&plan, "admissibility"), Some(d(2026, 2, 16)));
        // Mediation from Thursday 5 to Wednesday 18 February (14 days):
        // Monday 2 March.
        let mediation = Pause {
            from: d(2026, 2, 5),
            until: Some(d(2026, 2, 18)),
            reason: PauseReason::Mediation,
            note: None,
        };
        let plan = schedule(
            &reg,
            d(2026, 2, 2),
            &[],
            std::slice::from_ref(&mediation),
            &[],
            &c,
        );
        assert_eq!(due(&plan, "admissibility"), Some(d(2026, 3, 2)));
        // The acknowledgement (3 working days, due Thursday 5 February) was
        // due on the pause's first day: 5 to 18 February holds 10 working
        // days, so it is due 10 working days later, Thursday 19 February.
        assert_eq!(due(&plan, "acknowledgement"), Some(d(2026, 2, 19)));
        // While mediation lasts, no due date at all.
        let open = Pause {
            until: None,
            ..mediation
        };
        let plan = schedule(&reg, d(2026, 2, 2), &[], &[open], &[], &c);
        let adm = plan
            .iter()
            .find(|s| s.key == "admissibility")
            .expect("step");
        assert!(adm.paused && adm.due.is_none());
    }

    #[test]
    fn a_date_set_by_hand_wins_and_later_steps_count_from_it() {
        let wbk = procedure("whistleblowing");
        let c = calendars();
        let set = StepProgress {
            key: "acknowledgement".into(),
            due_set: Some(d(2026, 2, 12)),
            ..Default::default()
        };
        let plan = schedule(&wbk, d(2026, 2, 3), &[set], &[], &[], &c);
        assert_eq!(due(&plan, "acknowledgement"), Some(d(2026, 2, 12)));
        assert!(plan[0].set_by_hand);
        assert_eq!(due(&plan, "feedback"), Some(d(2026, 5, 12)));
    }

    #[test]
    fn warnings_at_half_three_quarters_ninety_percent_and_past_the_term() {
        let step = ScheduledStep {
            key: "x".into(),
            start: Some(d(2026, 3, 1)),
            due: Some(d(2026, 3, 21)),
            done_on: None,
            not_possible: false,
            provisional: false,
            paused: false,
            set_by_hand: false,
        };
        let on = |day| urgency(&step, d(2026, 3, day));
        assert_eq!(on(10), None);
        assert_eq!(on(11), Some(Urgency::Half));
        assert_eq!(on(16), Some(Urgency::ThreeQuarters));
        assert_eq!(on(19), Some(Urgency::NinetyPercent));
        assert_eq!(on(21), Some(Urgency::Due));
        assert_eq!(on(22), Some(Urgency::Overdue));
        let done = ScheduledStep {
            done_on: Some(d(2026, 3, 5)),
            ..step
        };
        assert_eq!(urgency(&done, d(2026, 3, 30)), None);
    }

    #[test]
    fn a_procedure_with_a_term_out_of_range_or_an_unknown_step_is_refused() {
        let mut p = procedure("whistleblowing");
        p.steps[0].term = Some(StepTerm::new(-3, TermUnit::Days));
        assert_eq!(
            p.clone().checked().expect_err("refused").reason,
            Reason::OutOfRange
        );
        p.steps[0].term = Some(StepTerm::new(0, TermUnit::Days));
        assert_eq!(p.checked().expect_err("refused").reason, Reason::OutOfRange);
        let mut p = procedure("whistleblowing");
        p.steps[2].from = CountFrom::Step("nothing".into());
        assert_eq!(p.checked().expect_err("refused").reason, Reason::Unknown);
        let mut p = procedure("whistleblowing");
        p.steps[1].key = "acknowledgement".into();
        assert_eq!(p.checked().expect_err("refused").reason, Reason::Taken);
    }
}
