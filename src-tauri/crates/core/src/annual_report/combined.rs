//! The advisors' figures of a year as one, for an organisation with more
//! than one confidential advisor: their releases added up, without ever
//! turning a hidden count into a number.
//!
//! Each release is published on its own as well (in this report and in
//! the advisor's jaarverslag), so the combined figures may say nothing the
//! releases do not:
//! - a combined count is shown only when every advisor showed theirs;
//!   where one of its parts is hidden it is hidden too ([`Hidden::PartHidden`],
//!   "×"), whatever its size;
//! - a combined breakdown is shown only when every advisor showed it
//!   ([`Withheld::PartWithheld`] otherwise); its total is then the sum of
//!   totals every advisor published;
//! - hours only when every advisor gave them exactly (never a band added
//!   to a number), and no combined median (medians do not add up).
//!
//! Why that is enough: a combined cell hidden wherever one of its parts is
//! hidden makes every release's hidden cells part of the combined hidden
//! ones, so what the combined total lets a reader work out — the sum of
//! the hidden combined cells — is the sum of what each release's own total
//! already gave away. The test below plays a reader who has every release
//! and the combined table and tries to pin each hidden count; it fails to,
//! and it does pin one in a table combined the naive way.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AdvisorRelease;
use crate::disclosure::{AppendixLine, Breakdown, Cell, Hidden, Withheld, MIN_PERCENT_BASE};

/// Every advisor's figures of a year, added up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CombinedAdvisors {
    pub year: i32,
    /// How many advisors' releases were added up.
    pub advisors: u32,
    /// Cases of all advisors; hidden when one advisor's year was below k.
    pub cases: Cell,
    pub conversations: Cell,
    /// Hours of all advisors, when every one gave them exactly.
    pub hours: Option<f64>,
    pub breakdowns: Vec<Breakdown>,
    pub appendix: Vec<AppendixLine>,
}

/// A category of a release's breakdown under the key it has in the sum:
/// a nature an advisor added (`nature_<id>`) is that advisor's own, so it
/// is told apart by the advisor's key (the same every year).
fn key(category: &str, fingerprint: &str) -> String {
    if category.starts_with("nature_") {
        let advisor: String = fingerprint.chars().filter(|c| *c != ' ').take(8).collect();
        format!("{category}.{advisor}")
    } else {
        category.to_string()
    }
}

/// One count added up: the sum when every part is shown, else hidden.
fn sum_cell(category: &str, label: &str, parts: &[Option<u32>]) -> Cell {
    let value = parts.iter().copied().sum::<Option<u32>>();
    Cell {
        category: category.into(),
        label: label.into(),
        value,
        hidden: value.is_none().then_some(Hidden::PartHidden),
        percent: None,
    }
}

fn hidden_line(breakdown: &str, category: Option<&str>, cell: &Cell) -> Option<AppendixLine> {
    cell.hidden.map(|h| AppendixLine {
        breakdown: breakdown.into(),
        category: category.map(str::to_string),
        reason: h.into(),
    })
}

fn combine_breakdown(id: &str, releases: &[AdvisorRelease]) -> Breakdown {
    let parts: Option<Vec<(&AdvisorRelease, &Breakdown)>> = releases
        .iter()
        .map(|r| {
            r.release
                .breakdowns
                .iter()
                .find(|b| b.id == id && b.withheld.is_none())
                .map(|b| (r, b))
        })
        .collect();
    let total = parts
        .as_ref()
        .and_then(|p| p.iter().map(|(_, b)| b.total).sum::<Option<u32>>());
    let (Some(parts), Some(total)) = (parts, total) else {
        return Breakdown {
            id: id.into(),
            total: None,
            cells: vec![],
            withheld: Some(Withheld::PartWithheld),
        };
    };
    // Every category any advisor lists, in the order first listed.
    let mut categories: Vec<(String, String)> = vec![];
    for (r, b) in &parts {
        for c in &b.cells {
            let k = key(&c.category, &r.fingerprint);
            if !categories.iter().any(|(have, _)| *have == k) {
                let label = if k == c.category {
                    c.label.clone()
                } else {
                    format!("{} ({})", c.label, r.advisor)
                };
                categories.push((k, label));
            }
        }
    }
    let cells = categories
        .iter()
        .map(|(category, label)| {
            let counts: Vec<Option<u32>> = parts
                .iter()
                .map(|(r, b)| {
                    b.cells
                        .iter()
                        .find(|c| key(&c.category, &r.fingerprint) == *category)
                        // A category an advisor does not list, nobody fell in.
                        .map_or(Some(0), |c| c.value)
                })
                .collect();
            let mut cell = sum_cell(category, label, &counts);
            cell.percent = cell
                .value
                .filter(|_| total >= MIN_PERCENT_BASE)
                .map(|v| (f64::from(v) * 1000.0 / f64::from(total)).round() / 10.0);
            cell
        })
        .collect();
    Breakdown {
        id: id.into(),
        total: Some(total),
        cells,
        withheld: None,
    }
}

/// The `releases` of one year added up; `None` for fewer than two (one
/// advisor's figures are given as they released them).
pub fn combine(releases: &[AdvisorRelease]) -> Option<CombinedAdvisors> {
    let first = releases.first()?;
    if releases.len() < 2 {
        return None;
    }
    let cases = sum_cell(
        "cases",
        "meldingen",
        &releases.iter().map(|r| r.release.cases).collect::<Vec<_>>(),
    );
    let conversations = sum_cell(
        "conversations",
        "gesprekken",
        &releases
            .iter()
            .map(|r| r.release.conversations.as_ref().and_then(|c| c.value))
            .collect::<Vec<_>>(),
    );
    let hours = releases
        .iter()
        .map(|r| r.release.hours.total)
        .sum::<Option<f64>>()
        .map(|h| (h * 10.0).round() / 10.0);
    let mut ids: Vec<&str> = vec![];
    for r in releases {
        for b in &r.release.breakdowns {
            if !ids.contains(&b.id.as_str()) {
                ids.push(&b.id);
            }
        }
    }
    let breakdowns: Vec<Breakdown> = ids
        .iter()
        .map(|id| combine_breakdown(id, releases))
        .collect();
    let mut appendix: Vec<AppendixLine> = [&cases, &conversations]
        .into_iter()
        .filter_map(|c| hidden_line(&c.category, None, c))
        .collect();
    for b in &breakdowns {
        if let Some(w) = b.withheld {
            appendix.push(AppendixLine {
                breakdown: b.id.clone(),
                category: None,
                reason: w.into(),
            });
        }
        appendix.extend(
            b.cells
                .iter()
                .filter_map(|c| hidden_line(&b.id, Some(&c.category), c)),
        );
    }
    Some(CombinedAdvisors {
        year: first.year,
        advisors: releases.len() as u32,
        cases,
        conversations,
        hours,
        breakdowns,
        appendix,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::disclosure::attack::{work_out, Seen};
    use crate::disclosure::{self, Line, Sum};
    use crate::releases::{Hours, Release, SCHEMA};

    fn release(advisor: &str, k: u32, lines: &[(&str, Sum, &[u32])]) -> AdvisorRelease {
        let total = |counts: &[u32]| counts.iter().sum::<u32>();
        let cases = lines.first().map_or(0, |l| total(l.2));
        let breakdowns = lines
            .iter()
            .map(|(id, sum, counts)| {
                let line = Line {
                    id: id.to_string(),
                    sum: *sum,
                    total: total(counts),
                    cells: counts
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (format!("c{i}"), format!("categorie {i}"), *v))
                        .collect(),
                };
                disclosure::publish(line, k, false).breakdown
            })
            .collect();
        AdvisorRelease {
            id: 1,
            year: 2026,
            advisor: advisor.into(),
            organisation: "Hoeve".into(),
            fingerprint: format!("{advisor}00 1111"),
            imported_at: chrono::Utc::now(),
            new_advisor: false,
            replaced: false,
            release: Release {
                schema: SCHEMA.into(),
                year: 2026,
                k,
                below_k: cases < k,
                cases: (cases >= k).then_some(cases),
                conversations: (cases >= k).then(|| {
                    disclosure::publish_count("conversations", "gesprekken", cases * 2, k).0
                }),
                hours: Hours {
                    total: (cases >= k).then_some(f64::from(cases) * 2.5),
                    band: None,
                    median_per_case: None,
                },
                breakdowns,
                appendix: vec![],
                annual_report_sha256: None,
                activities: vec![],
            },
        }
    }

    fn values(b: &Breakdown) -> Vec<Option<u32>> {
        b.cells.iter().map(|c| c.value).collect()
    }

    #[test]
    fn a_count_is_added_up_only_where_every_advisor_showed_theirs() {
        let a = release("A", 5, &[("outcome", Sum::Additive, &[2, 8, 6])]);
        let b = release("B", 5, &[("outcome", Sum::Additive, &[6, 7, 5])]);
        assert_eq!(
            values(&a.release.breakdowns[0]),
            vec![None, Some(8), None],
            "A hides its 2 and, to protect it, its 6"
        );
        let c = combine(&[a.clone(), b.clone()]).expect("two advisors");
        let outcome = &c.breakdowns[0];
        assert_eq!(values(outcome), vec![None, Some(15), None]);
        assert_eq!(outcome.cells[0].hidden, Some(Hidden::PartHidden));
        assert_eq!(outcome.total, Some(34));
        assert_eq!(c.cases.value, Some(34));
        assert_eq!(c.hours, Some(85.0));
        assert_eq!(
            c.appendix
                .iter()
                .filter(|l| l.reason == crate::disclosure::AppendixReason::PartHidden)
                .count(),
            2
        );
        assert!(combine(std::slice::from_ref(&a)).is_none());

        // An advisor whose year was below k: nothing of theirs is added.
        let small = release("C", 5, &[("outcome", Sum::Additive, &[1, 2, 0])]);
        let c = combine(&[b, small]).expect("two advisors");
        assert_eq!(c.cases.hidden, Some(Hidden::PartHidden));
        assert_eq!(c.hours, None);
        assert_eq!(c.breakdowns[0].withheld, Some(Withheld::PartWithheld));
        assert_eq!(c.breakdowns[0].total, None, "not even the total");
    }

    #[test]
    fn a_nature_an_advisor_added_stays_that_advisors() {
        let mut a = release("A", 5, &[("nature", Sum::Overlapping, &[6, 6])]);
        let mut b = release("B", 5, &[("nature", Sum::Overlapping, &[7, 7])]);
        for r in [&mut a, &mut b] {
            r.release.breakdowns[0].cells[1].category = "nature_2".into();
        }
        let c = combine(&[a, b]).expect("two advisors");
        let cats: Vec<(&str, Option<u32>)> = c.breakdowns[0]
            .cells
            .iter()
            .map(|c| (c.category.as_str(), c.value))
            .collect();
        assert_eq!(
            cats,
            vec![
                ("c0", Some(13)),
                ("nature_2.A001111", Some(6)),
                ("nature_2.B001111", Some(7))
            ]
        );
        assert_eq!(c.breakdowns[0].cells[1].label, "categorie 1 (A)");
    }

    /// A line as a reader of the report sees it.
    fn seen(b: &Breakdown, k: u32, additive: bool) -> Seen {
        Seen {
            k,
            total: b.total.unwrap_or(0),
            additive,
            cells: b
                .cells
                .iter()
                .map(|c| (c.category.clone(), c.value, c.hidden))
                .collect(),
        }
    }

    #[test]
    fn a_reader_pins_a_hidden_count_in_a_table_added_up_the_naive_way() {
        // The reader is able to: adding the counts and protecting the sums
        // afresh shows 2 + 6 = 8, and 8 minus B's 6 is A's hidden 2.
        let a = release("A", 5, &[("outcome", Sum::Additive, &[2, 8, 6])]);
        let b = release("B", 5, &[("outcome", Sum::Additive, &[6, 7, 5])]);
        let naive = disclosure::publish(
            Line {
                id: "outcome".into(),
                sum: Sum::Additive,
                total: 34,
                cells: [8, 15, 11]
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("c{i}"), String::new(), *v))
                    .collect(),
            },
            5,
            false,
        )
        .breakdown;
        let sources = [
            seen(&a.release.breakdowns[0], 5, true),
            seen(&b.release.breakdowns[0], 5, true),
        ];
        let naive = work_out(&sources, Some(&seen(&naive, 5, true)));
        assert_eq!(naive.sources[0]["c0"].len(), 1, "{naive:?}");
        let ours = combine(&[a, b]).expect("two advisors");
        let worked = work_out(&sources, Some(&seen(&ours.breakdowns[0], 5, true)));
        assert_eq!(worked.pinned(), None, "{worked:?}");
    }

    fn counts() -> impl Strategy<Value = Vec<u32>> {
        proptest::collection::vec(prop_oneof![0u32..5, 0u32..14], 3..=4)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// A reader with every advisor's release and the combined table
        /// pins no hidden count, in a line that adds up or one that
        /// overlaps, with each advisor's own k.
        #[test]
        fn nothing_hidden_can_be_worked_out_from_the_releases_and_their_sum(
            lines in proptest::collection::vec((counts(), 3u32..6), 2..=3),
            additive in any::<bool>(),
        ) {
            let sum = if additive { Sum::Additive } else { Sum::Overlapping };
            let width = lines.iter().map(|l| l.0.len()).min().unwrap_or(3);
            let releases: Vec<AdvisorRelease> = lines
                .iter()
                .enumerate()
                .map(|(i, (c, k))| {
                    let name = char::from(b'A' + i as u8).to_string();
                    let mut r = release(&name, *k, &[("cases", Sum::Additive, &c[..width])]);
                    if !additive {
                        // An overlapping line: a total above any cell.
                        let b = &mut r.release.breakdowns;
                        let total: u32 = c[..width].iter().sum::<u32>() + 1;
                        let line = Line {
                            id: "cases".into(),
                            sum,
                            total,
                            cells: c[..width]
                                .iter()
                                .enumerate()
                                .map(|(i, v)| (format!("c{i}"), String::new(), *v))
                                .collect(),
                        };
                        b[0] = disclosure::publish(line, *k, false).breakdown;
                    }
                    r
                })
                .collect();
            let combined = combine(&releases).expect("two or more");
            let sources: Vec<Seen> = releases
                .iter()
                .filter(|r| r.release.breakdowns[0].withheld.is_none())
                .map(|r| seen(&r.release.breakdowns[0], r.release.k, additive))
                .collect();
            let b = &combined.breakdowns[0];
            if b.withheld.is_some() {
                prop_assert!(b.cells.is_empty() && b.total.is_none());
                prop_assert!(sources.len() < releases.len(), "withheld only for a withheld part");
            } else {
                prop_assert_eq!(sources.len(), releases.len());
                let worked = work_out(&sources, Some(&seen(b, 3, additive)));
                for (s, (c, _)) in worked.sources.iter().zip(&lines) {
                    for (category, values) in s {
                        let i: usize = category[1..].parse().expect("c<i>");
                        prop_assert!(values.contains(&c[i]), "the truth fits");
                    }
                }
                prop_assert_eq!(worked.pinned(), None, "{:?}", lines);
            }
        }
    }
}
