//! The register's figures for a year, for HR's annual report: counted from
//! the complaints the user may read and from the tombstones of destroyed
//! ones alike, through one shape — [`ComplaintFacts`], the codes, quarters
//! and counts of a complaint and nothing that identifies anyone (a
//! tombstone holds exactly this). A complaint restricted from the user is
//! not counted; how many there are is said, so the report can say so.
//! These are HR's own working figures: disclosure control is applied
//! where figures are published (the annual report).

use std::collections::BTreeMap;
use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::access::*;
use super::keys::{self, Part};
use super::model::Content;
use super::procedures::Calendars;
use super::store;
use crate::code_lists::code;
use crate::context::Context;
use crate::dates::quarter;
use crate::error::ApiResult;

/// What the figures need of one complaint, live or destroyed. Sealed
/// under the complaint's key beside its summary (see `access::write`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ComplaintFacts {
    pub procedure: String,
    pub channel: String,
    pub natures: Vec<String>,
    pub received: (i32, u32),
    /// Year and quarter it ended; for a running complaint, today's.
    pub ended: (i32, u32),
    /// `closed`, `withdrawn`, `inadmissible`, or `open`.
    pub ending: String,
    /// The decision's finding, else the advice's.
    pub finding: Option<String>,
    /// The measures the decision took.
    pub measures: Vec<String>,
    /// Steps that had a due date and were done, and of those the ones done
    /// by their due date.
    pub steps_due: i64,
    pub steps_on_time: i64,
    /// Days from receipt to the end (or to today, while running).
    pub days_open: i64,
    /// Each step done: its key and the days from receipt to it (absent
    /// from facts kept before they were counted).
    #[serde(default)]
    pub step_days: Vec<(String, i64)>,
}

impl ComplaintFacts {
    /// The facts of `c` as its schedule now stands.
    pub fn of(c: &Content, calendars: &Calendars, today: NaiveDate) -> Self {
        let ended = c.closure.as_ref().map_or(today, |x| x.on);
        let done: Vec<_> = c
            .schedule(calendars)
            .iter()
            .filter_map(|s| Some((s.done_on?, s.due?)))
            .collect();
        ComplaintFacts {
            procedure: c.procedure.code.clone(),
            channel: code(&c.channel),
            natures: c.natures.clone(),
            received: (c.received_on.year(), quarter(c.received_on)),
            ended: (ended.year(), quarter(ended)),
            ending: c
                .closure
                .as_ref()
                .map_or_else(|| "open".into(), |x| code(&x.kind)),
            finding: c
                .decision
                .as_ref()
                .map(|d| d.finding)
                .or(c.advice.as_ref().map(|a| a.finding))
                .map(|f| code(&f)),
            measures: c
                .decision
                .as_ref()
                .map(|d| d.measures.clone())
                .unwrap_or_default(),
            steps_due: done.len() as i64,
            steps_on_time: done.iter().filter(|(on, due)| on <= due).count() as i64,
            days_open: (ended - c.received_on).num_days(),
            step_days: c
                .schedule(calendars)
                .iter()
                .filter(|s| s.key != "received")
                .filter_map(|s| Some((s.key.clone(), (s.done_on? - c.received_on).num_days())))
                .collect(),
        }
    }
}

/// One count of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Count {
    pub code: String,
    pub count: u32,
}

/// The register's figures for a year: the complaints received in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ComplaintFigures {
    pub year: i32,
    /// Received in the year, destroyed ones included.
    pub received: u32,
    /// Complaints in the register restricted from this user (of any
    /// year): not counted in these figures.
    pub not_readable: u32,
    pub procedures: Vec<Count>,
    pub channels: Vec<Count>,
    /// A complaint may have several natures.
    pub natures: Vec<Count>,
    /// Received per quarter (`q1` … `q4`).
    pub quarters: Vec<Count>,
    /// How they ended so far: `closed`, `withdrawn`, `inadmissible`, `open`.
    pub endings: Vec<Count>,
    /// Findings: `upheld`, `partly_upheld`, `not_upheld`.
    pub findings: Vec<Count>,
    pub measures: Vec<Count>,
    /// Of those that ended: the median days from receipt to the end.
    pub median_days: Option<f64>,
    /// Steps with a due date that were done, and those done on time.
    pub steps_due: u32,
    pub steps_on_time: u32,
    /// The same figures of the complaints handled under the Awb (a public
    /// body's complaints procedure, [`AWB_PROCEDURES`]), for the yearly
    /// publication of art. 9:12a; absent when none came in.
    #[serde(default)]
    #[ts(optional)]
    pub awb: Option<Box<ComplaintFigures>>,
    /// Per step: how many complaints did it, and the median days from
    /// receipt, soonest step first.
    #[serde(default)]
    pub step_days: Vec<StepDays>,
}

/// How long a step of the procedures took.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StepDays {
    pub step: String,
    pub complaints: u32,
    /// Days from receipt to the step done, the median.
    pub median_days: Option<f64>,
}

fn step_days(of: &[&ComplaintFacts]) -> Vec<StepDays> {
    let mut by: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for f in of {
        for (step, days) in &f.step_days {
            by.entry(step.as_str()).or_default().push(*days);
        }
    }
    let mut out: Vec<StepDays> = by
        .into_iter()
        .map(|(step, days)| StepDays {
            step: step.to_string(),
            complaints: days.len() as u32,
            median_days: crate::disclosure::median(days),
        })
        .collect();
    out.sort_by(|a, b| {
        a.median_days
            .unwrap_or(f64::MAX)
            .total_cmp(&b.median_days.unwrap_or(f64::MAX))
    });
    out
}

/// The procedures of Awb chapter 9: a public body's own complaints
/// handling, without and with an advisory committee.
pub const AWB_PROCEDURES: [&str; 2] = ["awb", "awb_committee"];

fn counted<'a>(codes: impl Iterator<Item = &'a str>) -> Vec<Count> {
    let mut by: BTreeMap<&str, u32> = BTreeMap::new();
    for c in codes {
        *by.entry(c).or_default() += 1;
    }
    by.into_iter()
        .map(|(code, count)| Count {
            code: code.to_string(),
            count,
        })
        .collect()
}

/// The figures of the complaints received in `years` over `facts` (its
/// `year` the last of them).
pub(crate) fn figures(
    years: &RangeInclusive<i32>,
    facts: &[ComplaintFacts],
    not_readable: u32,
) -> ComplaintFigures {
    let year = *years.end();
    let of: Vec<&ComplaintFacts> = facts
        .iter()
        .filter(|f| years.contains(&f.received.0))
        .collect();
    let quarter_codes: Vec<String> = of.iter().map(|f| format!("q{}", f.received.1)).collect();
    let ended: Vec<i64> = of
        .iter()
        .filter(|f| f.ending != "open")
        .map(|f| f.days_open)
        .collect();
    ComplaintFigures {
        year,
        received: of.len() as u32,
        not_readable,
        procedures: counted(of.iter().map(|f| f.procedure.as_str())),
        channels: counted(of.iter().map(|f| f.channel.as_str())),
        natures: counted(of.iter().flat_map(|f| f.natures.iter().map(String::as_str))),
        quarters: counted(quarter_codes.iter().map(String::as_str)),
        endings: counted(of.iter().map(|f| f.ending.as_str())),
        findings: counted(of.iter().filter_map(|f| f.finding.as_deref())),
        measures: counted(
            of.iter()
                .flat_map(|f| f.measures.iter().map(String::as_str)),
        ),
        median_days: crate::disclosure::median(ended),
        steps_due: of.iter().map(|f| f.steps_due as u32).sum(),
        steps_on_time: of.iter().map(|f| f.steps_on_time as u32).sum(),
        awb: None,
        step_days: step_days(&of),
    }
}

/// The figures of `years` over `facts`, with those of its Awb complaints.
pub(crate) fn figures_with_awb(
    years: &RangeInclusive<i32>,
    facts: &[ComplaintFacts],
    not_readable: u32,
) -> ComplaintFigures {
    let awb: Vec<ComplaintFacts> = facts
        .iter()
        .filter(|f| years.contains(&f.received.0) && AWB_PROCEDURES.contains(&f.procedure.as_str()))
        .cloned()
        .collect();
    ComplaintFigures {
        awb: (!awb.is_empty()).then(|| Box::new(figures(years, &awb, 0))),
        ..figures(years, facts, not_readable)
    }
}

/// The year's figures, asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FiguresRequest {
    pub year: i32,
}

/// The register's figures for a year, over the complaints this user may
/// read and every tombstone.
pub async fn complaint_figures(
    cx: &Context<'_>,
    req: FiguresRequest,
) -> ApiResult<ComplaintFigures> {
    figures_of_years(cx, req.year..=req.year).await
}

/// The register's figures of the complaints received in `years`, over the
/// complaints this user may read and every tombstone.
pub(crate) async fn figures_of_years(
    cx: &Context<'_>,
    years: RangeInclusive<i32>,
) -> ApiResult<ComplaintFigures> {
    let pool = register(cx)?;
    let today = cx.today();
    let calendars = calendars(&mut *pool.acquire().await?).await?;
    let readable = readable(cx, &pool).await?;
    // Each complaint's facts as kept beside it; a complaint written before
    // they were kept is read whole.
    let kept: std::collections::HashMap<i64, Vec<u8>> =
        store::facts(&pool).await?.into_iter().collect();
    let missing = readable.iter().any(|(id, ..)| !kept.contains_key(id));
    let contents: std::collections::HashMap<i64, Vec<u8>> = if missing {
        store::contents(&pool).await?.into_iter().collect()
    } else {
        Default::default()
    };
    let mut facts = on_every_core(&readable, |(id, key, _)| {
        if let Some(sealed) = kept.get(id) {
            return keys::open(cx, key, *id, Part::Facts, sealed);
        }
        let sealed = contents.get(id).ok_or_else(not_found)?;
        let content: Content = keys::open(cx, key, *id, Part::Content, sealed)?;
        Ok(ComplaintFacts::of(&content, &calendars, today))
    })?;
    facts.extend(store::tombstones(&pool).await?);
    let all = store::references(&mut *pool.acquire().await?).await?.len();
    let not_readable = all.saturating_sub(readable.len()) as u32;
    Ok(figures_with_awb(&years, &facts, not_readable))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(year: i32, q: u32, ending: &str, finding: Option<&str>, days: i64) -> ComplaintFacts {
        ComplaintFacts {
            procedure: "complaints_regulation".into(),
            channel: "letter".into(),
            natures: vec!["bullying".into()],
            received: (year, q),
            ended: (year, q),
            ending: ending.into(),
            finding: finding.map(String::from),
            measures: vec![],
            steps_due: 3,
            steps_on_time: 2,
            days_open: days,
            step_days: vec![("acknowledgement".into(), 2), ("hearing".into(), days / 2)],
        }
    }

    #[test]
    fn a_years_figures_count_what_was_received_in_it() {
        let facts = vec![
            fact(2026, 1, "closed", Some("upheld"), 40),
            fact(2026, 1, "withdrawn", None, 10),
            fact(2026, 3, "open", None, 90),
            fact(2025, 4, "closed", Some("not_upheld"), 60),
        ];
        let f = figures(&(2026..=2026), &facts, 2);
        assert_eq!((f.received, f.not_readable), (3, 2));
        assert_eq!(
            f.endings,
            vec![
                Count {
                    code: "closed".into(),
                    count: 1
                },
                Count {
                    code: "open".into(),
                    count: 1
                },
                Count {
                    code: "withdrawn".into(),
                    count: 1
                },
            ]
        );
        assert_eq!(
            f.quarters.iter().map(|c| c.count).collect::<Vec<_>>(),
            [2, 1]
        );
        assert_eq!(
            f.median_days,
            Some(25.0),
            "the two that ended: 10 and 40 days"
        );
        assert_eq!((f.steps_due, f.steps_on_time), (9, 6));
        assert_eq!(f.findings.len(), 1);
        // Per step, soonest first: the hearings after 20, 5 and 45 days.
        assert_eq!(
            f.step_days
                .iter()
                .map(|s| (s.step.as_str(), s.complaints, s.median_days))
                .collect::<Vec<_>>(),
            [
                ("acknowledgement", 3, Some(2.0)),
                ("hearing", 3, Some(20.0))
            ]
        );
    }
}
