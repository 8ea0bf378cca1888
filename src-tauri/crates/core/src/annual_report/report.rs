//! What HR's annual report publishes of the complaints register: the
//! year's figures ([`crate::complaints::figures`]) through disclosure
//! control ([`crate::disclosure`]) — counts from 1 to k−1 as "< k", more
//! hidden where a total would give one away, a breakdown only on a total
//! of 2k or more, no median or share of steps on time when fewer than k
//! complaints carry it — with the appendix of what was hidden and why.
//!
//! A public body's complaints under the Awb are published once more on
//! their own (art. 9:12a, [`PublishedAwb`]). Beside the tables of all
//! complaints, each Awb figure is checked against the difference it would
//! make: the Awb count only when every Awb procedure's count is shown in
//! the procedure line, an Awb breakdown only as a whole and only when
//! every Awb cell and every "all minus Awb" cell is 0 or at least k (so
//! no subtraction between the two tables lands in 1..k−1; the table of
//! all complaints then has no small cell either).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::complaints::figures::{ComplaintFigures, Count};
use crate::disclosure::{self, AppendixLine, AppendixReason, Breakdown, Cell, Line, Sum};

/// The codes every line lists, so a category nobody fell in shows as 0
/// (where the line is shown at all) and the years line up.
const ENDINGS: [&str; 4] = ["closed", "withdrawn", "inadmissible", "open"];
const FINDINGS: [&str; 3] = ["upheld", "partly_upheld", "not_upheld"];
const QUARTERS: [&str; 4] = ["q1", "q2", "q3", "q4"];

/// The complaints register's part of the report, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PublishedComplaints {
    pub year: i32,
    pub k: u32,
    /// The complaints received in the year: the count, or hidden below k.
    pub received: Cell,
    /// Complaints restricted from the author, not counted (said, not
    /// published as a number when it is small).
    pub not_readable: Cell,
    pub breakdowns: Vec<Breakdown>,
    /// Median days from receipt to the end, when at least k ended.
    pub median_days: Option<f64>,
    /// Steps done on time, in percent, when at least k complaints were
    /// received and the steps due reach 20.
    pub on_time_percent: Option<f64>,
    pub appendix: Vec<AppendixLine>,
    /// The Awb complaints on their own, when any came in.
    #[serde(default)]
    #[ts(optional)]
    pub awb: Option<PublishedAwb>,
    /// Per step of the procedures, the median days from receipt to it,
    /// soonest first; absent where fewer than k complaints did the step.
    #[serde(default)]
    pub step_days: Vec<PublishedStep>,
}

/// A step's median time, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PublishedStep {
    pub step: String,
    pub median_days: Option<f64>,
}

/// The complaints handled under the Awb, as art. 9:12a publishes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PublishedAwb {
    pub received: Cell,
    /// How they ended and what was found.
    pub breakdowns: Vec<Breakdown>,
    pub median_days: Option<f64>,
    pub on_time_percent: Option<f64>,
}

fn line(
    id: &str,
    sum: Sum,
    total: u32,
    codes: &[&str],
    counts: &[Count],
    label: &dyn Fn(&str) -> String,
) -> Line {
    let mut all: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    for c in counts {
        if !all.contains(&c.code) {
            all.push(c.code.clone());
        }
    }
    Line {
        id: id.into(),
        sum,
        total,
        cells: all
            .into_iter()
            .map(|code| {
                let n = counts
                    .iter()
                    .find(|c| c.code == code)
                    .map_or(0, |c| c.count);
                let l = label(&code);
                (code, l, n)
            })
            .collect(),
    }
}

/// Publishes the register's `figures` with threshold `k`; `label` gives a
/// code its Dutch name (the cells' label).
pub fn publish(
    figures: &ComplaintFigures,
    k: u32,
    label: &dyn Fn(&str) -> String,
) -> PublishedComplaints {
    let k = k.max(disclosure::MIN_K);
    let n = figures.received;
    let (received, hidden) = disclosure::publish_count("received", "ontvangen", n, k);
    let (not_readable, _) =
        disclosure::publish_count("not_readable", "afgeschermd", figures.not_readable, k);
    let mut out = PublishedComplaints {
        year: figures.year,
        k,
        received,
        not_readable,
        breakdowns: vec![],
        median_days: None,
        on_time_percent: None,
        appendix: hidden.into_iter().collect(),
        awb: None,
        step_days: vec![],
    };
    if n < k {
        out.appendix.push(AppendixLine {
            breakdown: "complaints".into(),
            category: None,
            reason: AppendixReason::YearTotalBelowK,
        });
        return out;
    }
    let decided: u32 = figures.findings.iter().map(|c| c.count).sum();
    let lines = [
        line(
            "procedure",
            Sum::Additive,
            n,
            &[],
            &figures.procedures,
            label,
        ),
        line("nature", Sum::Overlapping, n, &[], &figures.natures, label),
        line("channel", Sum::Additive, n, &[], &figures.channels, label),
        line(
            "quarter",
            Sum::Additive,
            n,
            &QUARTERS,
            &figures.quarters,
            label,
        ),
        line(
            "ending",
            Sum::Additive,
            n,
            &ENDINGS,
            &figures.endings,
            label,
        ),
        line(
            "finding",
            Sum::Additive,
            decided,
            &FINDINGS,
            &figures.findings,
            label,
        ),
        line(
            "measures",
            Sum::Overlapping,
            n,
            &[],
            &figures.measures,
            label,
        ),
    ];
    for l in lines {
        let published = disclosure::publish(l, k, false);
        out.breakdowns.push(published.breakdown);
        out.appendix.extend(published.appendix);
    }
    (out.median_days, out.on_time_percent) = median_and_on_time(figures, k);
    for s in &figures.step_days {
        let shown = s.complaints >= k;
        out.step_days.push(PublishedStep {
            step: s.step.clone(),
            median_days: s.median_days.filter(|_| shown),
        });
        if !shown {
            out.appendix.push(AppendixLine {
                breakdown: "step_days".into(),
                category: Some(s.step.clone()),
                reason: AppendixReason::BelowK,
            });
        }
    }
    if let Some(awb) = &figures.awb {
        let published = publish_awb(figures, awb, &out, k, label);
        out.appendix.extend(awb_appendix(&published));
        out.awb = Some(published);
    }
    out
}

/// The median days to the end, when at least k ended; the share of steps
/// on time, when at least 20 steps were due.
fn median_and_on_time(figures: &ComplaintFigures, k: u32) -> (Option<f64>, Option<f64>) {
    let ended: u32 = figures
        .endings
        .iter()
        .filter(|c| c.code != "open")
        .map(|c| c.count)
        .sum();
    let on_time = (figures.steps_due >= disclosure::MIN_PERCENT_BASE).then(|| {
        (f64::from(figures.steps_on_time) * 1000.0 / f64::from(figures.steps_due)).round() / 10.0
    });
    (figures.median_days.filter(|_| ended >= k), on_time)
}

/// The lines of the Awb section: how they ended, and what was found.
fn awb_lines(f: &ComplaintFigures, label: &dyn Fn(&str) -> String) -> [Line; 2] {
    let decided: u32 = f.findings.iter().map(|c| c.count).sum();
    [
        line(
            "awb_ending",
            Sum::Additive,
            f.received,
            &ENDINGS,
            &f.endings,
            label,
        ),
        line(
            "awb_finding",
            Sum::Additive,
            decided,
            &FINDINGS,
            &f.findings,
            label,
        ),
    ]
}

/// The Awb complaints of the year beside `all`, as published in `out`.
fn publish_awb(
    all: &ComplaintFigures,
    awb: &ComplaintFigures,
    out: &PublishedComplaints,
    k: u32,
    label: &dyn Fn(&str) -> String,
) -> PublishedAwb {
    let n = awb.received;
    // Every Awb procedure's own count shown in the procedure line: their
    // sum says nothing more.
    let procedure = out.breakdowns.iter().find(|b| b.id == "procedure");
    let parts_shown = procedure.is_some_and(|b| {
        b.withheld.is_none()
            && b.cells
                .iter()
                .filter(|c| {
                    crate::complaints::figures::AWB_PROCEDURES.contains(&c.category.as_str())
                })
                .all(|c| c.value.is_some())
    });
    let received = Cell {
        category: "awb_received".into(),
        label: label("awb_received"),
        value: (parts_shown && n >= k).then_some(n),
        hidden: if n > 0 && n < k {
            Some(disclosure::Hidden::BelowK)
        } else if !parts_shown && n > 0 {
            Some(disclosure::Hidden::Differencing)
        } else {
            None
        },
        percent: None,
    };
    let mut published = PublishedAwb {
        received,
        breakdowns: vec![],
        median_days: None,
        on_time_percent: None,
    };
    if published.received.value.is_none() {
        return published;
    }
    let safe = |v: u32| v == 0 || v >= k;
    for (mine, whole) in awb_lines(awb, label).into_iter().zip(awb_lines(all, label)) {
        // What all complaints minus the Awb ones would give, cell by cell.
        let of_mine = |code: &str| {
            mine.cells
                .iter()
                .find(|(c, ..)| c == code)
                .map_or(0, |(.., n)| *n)
        };
        let clean = mine.cells.iter().all(|(.., n)| safe(*n))
            && whole.cells.iter().all(|(c, _, n)| safe(n - of_mine(c)))
            && safe(whole.total - mine.total);
        let id = mine.id.clone();
        let mut p = disclosure::publish(mine, k, false);
        if p.breakdown.withheld.is_none() && !clean {
            p.breakdown = Breakdown {
                id,
                total: None,
                cells: vec![],
                withheld: Some(disclosure::Withheld::Differencing),
            };
        }
        published.breakdowns.push(p.breakdown);
    }
    (published.median_days, published.on_time_percent) = median_and_on_time(awb, k);
    published
}

/// What the appendix says of the Awb section.
fn awb_appendix(p: &PublishedAwb) -> Vec<AppendixLine> {
    let mut out = vec![];
    if let Some(h) = p.received.hidden {
        out.push(AppendixLine {
            breakdown: "awb".into(),
            category: None,
            reason: h.into(),
        });
    }
    for b in &p.breakdowns {
        if let Some(w) = b.withheld {
            out.push(AppendixLine {
                breakdown: b.id.clone(),
                category: None,
                reason: w.into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disclosure::Hidden;

    fn count(code: &str, count: u32) -> Count {
        Count {
            code: code.into(),
            count,
        }
    }

    fn figures(received: u32) -> ComplaintFigures {
        ComplaintFigures {
            year: 2026,
            received,
            not_readable: 1,
            procedures: vec![
                count("complaints_regulation", received - 2),
                count("awb", 2),
            ],
            channels: vec![count("letter", received)],
            natures: vec![count("bullying", received - 3), count("discrimination", 3)],
            quarters: vec![count("q1", received)],
            endings: vec![count("closed", received - 1), count("withdrawn", 1)],
            findings: vec![count("upheld", 6), count("not_upheld", 6)],
            measures: vec![count("warning", 2)],
            median_days: Some(41.0),
            steps_due: 30,
            steps_on_time: 24,
            awb: None,
            step_days: vec![
                crate::complaints::figures::StepDays {
                    step: "acknowledgement".into(),
                    complaints: 24,
                    median_days: Some(2.0),
                },
                crate::complaints::figures::StepDays {
                    step: "hearing".into(),
                    complaints: 3,
                    median_days: Some(30.0),
                },
            ],
        }
    }

    fn cell<'a>(p: &'a PublishedComplaints, breakdown: &str, code: &str) -> &'a Cell {
        p.breakdowns
            .iter()
            .find(|b| b.id == breakdown)
            .and_then(|b| b.cells.iter().find(|c| c.category == code))
            .unwrap_or_else(|| panic!("{breakdown}/{code}"))
    }

    #[test]
    fn small_counts_are_hidden_and_nothing_is_published_below_k() {
        let p = publish(&figures(24), 5, &|c| c.to_string());
        assert_eq!(p.received.value, Some(24));
        assert_eq!(
            p.not_readable.value, None,
            "one restricted complaint is a small count"
        );
        assert_eq!(cell(&p, "procedure", "awb").value, None);
        assert_eq!(cell(&p, "ending", "withdrawn").value, None);
        // Every ending is listed, a zero too (shown, or hidden to protect
        // the one withdrawn complaint).
        let endings = p
            .breakdowns
            .iter()
            .find(|b| b.id == "ending")
            .expect("ending");
        assert_eq!(endings.cells.len(), 4);
        assert_eq!(cell(&p, "channel", "letter").value, Some(24));
        // Three about discrimination are hidden; a complaint may have
        // several natures, so no total gives them away and the 21 about
        // bullying stay.
        assert_eq!(cell(&p, "nature", "discrimination").value, None);
        assert_eq!(cell(&p, "nature", "bullying").value, Some(21));
        assert_eq!(p.median_days, Some(41.0));
        assert_eq!(p.on_time_percent, Some(80.0));
        // Time per step: only where at least k complaints did it.
        assert_eq!(
            p.step_days
                .iter()
                .map(|s| (s.step.as_str(), s.median_days))
                .collect::<Vec<_>>(),
            [("acknowledgement", Some(2.0)), ("hearing", None)]
        );
        assert!(p.appendix.iter().any(|a| a.breakdown == "step_days"
            && a.category.as_deref() == Some("hearing")
            && a.reason == AppendixReason::BelowK));
        for b in &p.breakdowns {
            for c in &b.cells {
                if let Some(v) = c.value {
                    assert!(v == 0 || v >= 5, "{} {} = {v}", b.id, c.category);
                }
            }
        }
        let low = publish(&figures(4), 5, &|c| c.to_string());
        assert_eq!(low.received.value, None);
        assert!(low.breakdowns.is_empty() && low.median_days.is_none());
        assert!(low
            .appendix
            .iter()
            .any(|a| a.reason == AppendixReason::YearTotalBelowK));
    }

    /// The year's complaints: `n` of each (procedure, ending, finding).
    fn register(rows: &[(&str, &str, Option<&str>, u32)]) -> ComplaintFigures {
        use crate::complaints::figures::{figures_with_awb, ComplaintFacts};
        let mut facts = vec![];
        for (procedure, ending, finding, n) in rows {
            for _ in 0..*n {
                facts.push(ComplaintFacts {
                    procedure: procedure.to_string(),
                    channel: "letter".into(),
                    natures: vec![],
                    received: (2026, 2),
                    ended: (2026, 3),
                    ending: ending.to_string(),
                    finding: finding.map(str::to_string),
                    measures: vec![],
                    steps_due: 2,
                    steps_on_time: 2,
                    days_open: 40,
                    step_days: vec![],
                });
            }
        }
        figures_with_awb(&(2026..=2026), &facts, 0)
    }

    fn awb_line<'a>(p: &'a PublishedComplaints, id: &str) -> &'a Breakdown {
        let a = p.awb.as_ref().expect("an Awb section");
        a.breakdowns.iter().find(|b| b.id == id).expect(id)
    }

    #[test]
    fn the_awb_complaints_are_published_on_their_own_when_no_difference_is_small() {
        // 20 under the regulation, 10 under the Awb; every count and every
        // "all minus Awb" count 0 or at least 5.
        let clean = register(&[
            ("complaints_regulation", "closed", Some("upheld"), 10),
            ("complaints_regulation", "closed", Some("not_upheld"), 5),
            ("complaints_regulation", "withdrawn", None, 5),
            ("awb", "closed", Some("upheld"), 5),
            ("awb", "closed", Some("not_upheld"), 5),
        ]);
        let p = publish(&clean, 5, &|c| c.to_string());
        let a = p.awb.as_ref().expect("awb");
        assert_eq!(a.received.value, Some(10));
        assert_eq!(a.on_time_percent, Some(100.0));
        assert_eq!(a.median_days, Some(40.0));
        let ending = awb_line(&p, "awb_ending");
        assert_eq!(ending.withheld, None);
        assert_eq!(
            ending
                .cells
                .iter()
                .map(|c| (c.category.as_str(), c.value))
                .collect::<Vec<_>>(),
            [
                ("closed", Some(10)),
                ("withdrawn", Some(0)),
                ("inadmissible", Some(0)),
                ("open", Some(0))
            ]
        );
        assert_eq!(awb_line(&p, "awb_finding").total, Some(10));

        // Three withdrawn under the regulation: the table of all
        // complaints hides them, but beside the Awb's (10 closed, none
        // withdrawn) the regulation's 20 minus its 17 closed would give
        // them away. The Awb's endings are withheld whole.
        let small = register(&[
            ("complaints_regulation", "closed", Some("upheld"), 17),
            ("complaints_regulation", "withdrawn", None, 3),
            ("awb", "closed", Some("upheld"), 10),
        ]);
        let p = publish(&small, 5, &|c| c.to_string());
        let ending = awb_line(&p, "awb_ending");
        assert_eq!(
            ending.withheld,
            Some(crate::disclosure::Withheld::Differencing)
        );
        assert!(ending.cells.is_empty() && ending.total.is_none());
        assert_eq!(
            awb_line(&p, "awb_finding").withheld,
            None,
            "17 − 10 = 7 upheld"
        );
        assert!(p
            .appendix
            .iter()
            .any(|l| l.breakdown == "awb_ending" && l.reason == AppendixReason::Differencing));

        // Two Awb complaints with an advisory committee: their procedure
        // cell is hidden, so the Awb count (12) would give it away beside
        // the 10 without one.
        let split = register(&[
            ("complaints_regulation", "closed", Some("upheld"), 20),
            ("awb", "closed", Some("upheld"), 10),
            ("awb_committee", "closed", Some("upheld"), 2),
        ]);
        let p = publish(&split, 5, &|c| c.to_string());
        let a = p.awb.as_ref().expect("awb");
        assert_eq!(a.received.value, None);
        assert_eq!(a.received.hidden, Some(Hidden::Differencing));
        assert!(a.breakdowns.is_empty() && a.median_days.is_none());

        // No Awb complaint: no section.
        let none = register(&[("complaints_regulation", "closed", Some("upheld"), 12)]);
        assert!(publish(&none, 5, &|c| c.to_string()).awb.is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Whatever the year's complaints, no Awb count shown and no
        /// difference between a shown Awb count and its counterpart over
        /// all complaints (shown or not) lies in 1..k−1.
        #[test]
        fn no_awb_figure_gives_a_small_count_away(
            counts in proptest::collection::vec(0u32..9, 8),
            k in 3u32..6,
        ) {
            let endings = ["closed", "withdrawn"];
            let mut rows = vec![];
            for (i, n) in counts.iter().enumerate() {
                let procedure = ["complaints_regulation", "awb"][i / 4];
                let ending = endings[(i / 2) % 2];
                let finding = (ending == "closed").then_some(["upheld", "not_upheld"][i % 2]);
                rows.push((procedure, ending, finding, *n));
            }
            let figures = register(&rows);
            let p = publish(&figures, k, &|c| c.to_string());
            let small = |v: u32| v > 0 && v < k;
            let Some(a) = &p.awb else { return Ok(()) };
            if let Some(n) = a.received.value {
                proptest::prop_assert!(!small(n));
            }
            let all = figures.awb.as_deref().expect("awb figures");
            for b in &a.breakdowns {
                let whole = if b.id == "awb_ending" { &figures.endings } else { &figures.findings };
                let mine = if b.id == "awb_ending" { &all.endings } else { &all.findings };
                for c in &b.cells {
                    let Some(v) = c.value else { continue };
                    proptest::prop_assert!(!small(v), "{} {} = {v}", b.id, c.category);
                    let everyone = whole.iter().find(|x| x.code == c.category).map_or(0, |x| x.count);
                    let awb = mine.iter().find(|x| x.code == c.category).map_or(0, |x| x.count);
                    proptest::prop_assert_eq!(awb, v);
                    proptest::prop_assert!(!small(everyone - v), "{} {}: {everyone} − {v}", b.id, c.category);
                }
                if let Some(t) = b.total {
                    let everyone: u32 = whole.iter().map(|x| x.count).sum();
                    let everyone = if b.id == "awb_ending" { figures.received } else { everyone };
                    proptest::prop_assert!(!small(everyone - t));
                }
            }
        }
    }
}
