//! What HR's annual report publishes of the complaints register: the
//! year's figures ([`crate::complaints::figures`]) through disclosure
//! control ([`crate::disclosure`]) — counts from 1 to k−1 as "< k", more
//! hidden where a total would give one away, a breakdown only on a total
//! of 2k or more, no median or share of steps on time when fewer than k
//! complaints carry it — with the appendix of what was hidden and why.

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
    let ended: u32 = figures
        .endings
        .iter()
        .filter(|c| c.code != "open")
        .map(|c| c.count)
        .sum();
    out.median_days = figures.median_days.filter(|_| ended >= k);
    out.on_time_percent = (figures.steps_due >= disclosure::MIN_PERCENT_BASE).then(|| {
        (f64::from(figures.steps_on_time) * 1000.0 / f64::from(figures.steps_due)).round() / 10.0
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
