//! The yearly statistics release: aggregated counts for one year with
//! disclosure control, and nothing else.
//!
//! What leaves: counts per breakdown (cases new and carried over, nature,
//! reporter role, relation, intervention, outcome, quarter of first
//! contact), the number of conversations, and hours as a total and a
//! median per case. Never free text, a name, a department or a date finer
//! than a quarter. The rules, with k from the settings (default 5, never
//! below 3):
//! - counts from 1 to k−1 are published as "< k"; more cells are hidden so
//!   that none can be recomputed from a total ([`disclosure`]);
//! - a breakdown is shown only when its total is at least 2k;
//! - a breakdown where one category holds everything is flagged to the
//!   advisor before release (it discloses the category);
//! - no percentages on a total below 20;
//! - when the year's total is below k, only that fact and the hours leave,
//!   the hours as a band (one long case must not become visible).
//!
//! The appendix lists what was hidden or withheld and why, never a value.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use crate::disclosure::{self, AppendixLine, AppendixReason, Flag, Line, Sum};

pub use crate::releases::{Hours, HoursBand, Release, SCHEMA};

/// What the statistics need of one case (live or destroyed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseFacts {
    /// Year and quarter of first contact.
    pub opened: (i32, u32),
    pub closed: Option<(i32, u32)>,
    pub natures: Vec<i64>,
    pub reporter_role: ReporterRole,
    pub relations: Vec<Relation>,
    pub interventions: Vec<InterventionKind>,
    pub outcome: Option<Outcome>,
    /// Per year: conversations held and minutes spent.
    pub work: BTreeMap<i32, (i64, i64)>,
}

impl CaseFacts {
    /// Whether the case was open at some time during `year`.
    fn active_in(&self, year: i32) -> bool {
        self.opened.0 <= year && self.closed.is_none_or(|(y, _)| y >= year)
    }
}

/// What the advisor sees before releasing: the release and its flags, and
/// whether the year was released before (its first release).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Preview {
    pub release: Release,
    pub flags: Vec<Flag>,
    #[ts(type = "string | null")]
    pub released_on: Option<chrono::NaiveDate>,
}

fn hours(minutes: i64) -> f64 {
    (minutes as f64 / 6.0).round() / 10.0
}

fn count(items: &[&CaseFacts], f: impl Fn(&CaseFacts) -> bool) -> u32 {
    items.iter().filter(|c| f(c)).count() as u32
}

/// Computes the release for `year` from every case, with threshold `k`,
/// leaving out the breakdowns named in `left_out`.
pub fn preview(
    facts: &[CaseFacts],
    natures: &[Nature],
    year: i32,
    k: u32,
    left_out: &[String],
) -> Preview {
    let k = k.max(disclosure::MIN_K);
    let active: Vec<&CaseFacts> = facts.iter().filter(|c| c.active_in(year)).collect();
    let total = active.len() as u32;
    let minutes: Vec<i64> = active
        .iter()
        .map(|c| c.work.get(&year).map_or(0, |w| w.1))
        .collect();
    let conversations: i64 = active
        .iter()
        .map(|c| c.work.get(&year).map_or(0, |w| w.0))
        .sum();
    let mut release = Release {
        schema: SCHEMA.into(),
        year,
        k,
        below_k: total < k,
        cases: None,
        conversations: None,
        hours: Hours {
            total: None,
            band: None,
            median_per_case: None,
        },
        breakdowns: vec![],
        appendix: vec![],
        annual_report_sha256: None,
        activities: vec![],
    };
    let mut flags = vec![];
    let total_hours = hours(minutes.iter().sum());
    if release.below_k {
        release.hours.band = Some(HoursBand::of(total_hours));
        release.appendix.push(AppendixLine {
            breakdown: "cases".into(),
            category: None,
            reason: AppendixReason::YearTotalBelowK,
        });
        return Preview {
            release,
            flags,
            released_on: None,
        };
    }
    release.cases = Some(total);
    release.hours.total = Some(total_hours);
    release.hours.median_per_case = disclosure::median(minutes).map(|m| hours(m.round() as i64));
    let conv = u32::try_from(conversations).unwrap_or(u32::MAX);
    let (cell, hidden) = disclosure::publish_count("conversations", "gesprekken", conv, k);
    release.conversations = Some(cell);
    release.appendix.extend(hidden);

    let new: Vec<&CaseFacts> = active
        .iter()
        .copied()
        .filter(|c| c.opened.0 == year)
        .collect();
    let labelled = |code: String| {
        let label = super::labels::dutch(&code);
        (code, label)
    };
    let mut lines = vec![Line {
        id: "cases".into(),
        sum: Sum::Additive,
        total,
        cells: vec![
            ("new".into(), "nieuw".into(), new.len() as u32),
            (
                "carried_over".into(),
                "uit eerdere jaren".into(),
                total - new.len() as u32,
            ),
        ],
    }];
    lines.push(Line {
        id: "nature".into(),
        sum: Sum::Overlapping,
        total,
        cells: natures
            .iter()
            .filter_map(|n| {
                let c = count(&active, |f| f.natures.contains(&n.id));
                // A retired nature nobody used this year is not listed.
                (c > 0 || !n.retired).then(|| {
                    (
                        // A nature the advisor added keeps its key when it
                        // is renamed, so the years' figures line up.
                        n.code.clone().unwrap_or_else(|| format!("nature_{}", n.id)),
                        n.name.clone(),
                        c,
                    )
                })
            })
            .collect(),
    });
    lines.push(Line {
        id: "reporter_role".into(),
        sum: Sum::Additive,
        total,
        cells: ReporterRole::ALL
            .iter()
            .map(|r| {
                let (code, label) = labelled(code(r));
                (code, label, count(&active, |f| f.reporter_role == *r))
            })
            .collect(),
    });
    lines.push(Line {
        id: "relation".into(),
        sum: Sum::Overlapping,
        total,
        cells: Relation::ALL
            .iter()
            .map(|r| {
                let (code, label) = labelled(code(r));
                (code, label, count(&active, |f| f.relations.contains(r)))
            })
            .collect(),
    });
    lines.push(Line {
        id: "intervention".into(),
        sum: Sum::Overlapping,
        total,
        cells: InterventionKind::ALL
            .iter()
            .map(|i| {
                let (code, label) = labelled(code(i));
                (code, label, count(&active, |f| f.interventions.contains(i)))
            })
            .collect(),
    });
    lines.push(Line {
        id: "outcome".into(),
        sum: Sum::Additive,
        total,
        cells: Outcome::ALL
            .iter()
            .map(|o| {
                let (code, label) = labelled(code(o));
                let n = count(&active, |f| {
                    // Still open at the end of the year, or closed without
                    // an outcome: ongoing.
                    let closed_this_year = f.closed.is_some_and(|(y, _)| y == year);
                    let outcome = if closed_this_year {
                        f.outcome.unwrap_or(Outcome::Ongoing)
                    } else {
                        Outcome::Ongoing
                    };
                    outcome == *o
                });
                (code, label, n)
            })
            .collect(),
    });
    lines.push(Line {
        id: "quarter".into(),
        sum: Sum::Additive,
        total: new.len() as u32,
        cells: (1..=4)
            .map(|q| {
                (
                    format!("q{q}"),
                    format!("kwartaal {q}"),
                    count(&new, |f| f.opened.1 == q),
                )
            })
            .collect(),
    });

    for line in lines {
        let left_out = left_out.contains(&line.id);
        let published = disclosure::publish(line, k, left_out);
        release.breakdowns.push(published.breakdown);
        release.appendix.extend(published.appendix);
        flags.extend(published.flag);
    }
    Preview {
        release,
        flags,
        released_on: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(nature: i64) -> CaseFacts {
        CaseFacts {
            opened: (2026, 2),
            closed: None,
            natures: vec![nature],
            reporter_role: ReporterRole::Employee,
            relations: vec![],
            interventions: vec![],
            outcome: None,
            work: BTreeMap::new(),
        }
    }

    #[test]
    fn a_year_below_k_gives_its_hours_as_a_band() {
        let mut long = case(1);
        long.work.insert(2026, (30, 41 * 60));
        let p = preview(&[long.clone(), case(1)], &[], 2026, 5, &[]);
        assert!(p.release.below_k);
        assert_eq!(p.release.hours.total, None, "not the exact hours");
        assert_eq!(
            p.release.hours.band,
            Some(HoursBand {
                from: 25,
                to: Some(50)
            })
        );
        let many: Vec<CaseFacts> = (0..6).map(|_| long.clone()).collect();
        let p = preview(&many, &[], 2026, 5, &[]);
        assert_eq!(
            (p.release.hours.total, p.release.hours.band),
            (Some(246.0), None)
        );
        assert_eq!(
            HoursBand::of(0.0),
            HoursBand {
                from: 0,
                to: Some(10)
            }
        );
        assert_eq!(
            HoursBand::of(250.0),
            HoursBand {
                from: 200,
                to: None
            }
        );
    }

    #[test]
    fn a_nature_the_advisor_added_keeps_its_key_when_renamed() {
        let natures = |name: &str| {
            vec![
                Nature {
                    id: 1,
                    code: Some("bullying".into()),
                    name: "pesten".into(),
                    retired: false,
                },
                Nature {
                    id: 42,
                    code: None,
                    name: name.into(),
                    retired: false,
                },
            ]
        };
        let facts: Vec<CaseFacts> = (0..12).map(|i| case(if i < 6 { 1 } else { 42 })).collect();
        let cell = |name: &str| {
            let p = preview(&facts, &natures(name), 2026, 5, &[]);
            let nature = p
                .release
                .breakdowns
                .into_iter()
                .find(|b| b.id == "nature")
                .expect("natures");
            nature
                .cells
                .into_iter()
                .find(|c| c.label == name)
                .expect("the added nature")
        };
        let before = cell("Digitale intimidatie");
        let after = cell("Online intimidatie");
        assert_eq!(before.category, "nature_42");
        assert_eq!(after.category, before.category, "the key survives a rename");
        assert_eq!(after.value, Some(6));
    }
}
