//! Disclosure control: protecting a line of counts, and publishing it.
//!
//! Protecting ([`protect`]). Primary suppression: every count from 1 to k−1 is hidden and published
//! as "< k". Secondary suppression: where the cells add up to a published
//! total, a hidden count could be recomputed by subtraction, so more cells
//! are hidden (each time the smallest visible one that is not 0, since
//! hiding a 0 protects nothing while another 0 is shown) until no hidden cell
//! has a single possible value. The reader is assumed to know the rules:
//! a "< k" cell lies in 1..k−1, a cell hidden to protect another is 0 or at
//! least k and no larger than any cell above 0 still shown. Where a case can count
//! in several cells (nature, relation, intervention) the cells do not add
//! up to the total, so no hidden cell can be worked out from the others:
//! such a line hides its counts from 1 to k−1 and nothing more (a cell
//! hidden beside them would protect nothing, and one hidden 0 beside a
//! shown 0 would even be known to be 0).
//! When even hiding every cell leaves a value recomputable, the whole line
//! is withheld.
//!
//! Publishing ([`publish`]) turns a protected line into what a document
//! shows: a breakdown is withheld when its total is below 2k or when the
//! author left it out; a line where one category holds everything is
//! flagged to the author (it discloses the category); percentages only on
//! totals of at least [`MIN_PERCENT_BASE`]; every hidden cell and withheld
//! line becomes a line of the appendix, which says what and why, never a
//! value. Hours and days are summarised by their [`median`], never a mean.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The smallest threshold the settings accept, and the default.
pub const MIN_K: u32 = 3;
pub const DEFAULT_K: u32 = 5;

/// Why a cell is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Hidden {
    /// A count from 1 to k−1, published as "< k".
    BelowK,
    /// Hidden so that another hidden cell cannot be recomputed.
    ProtectsAnother,
    /// A sum of several sources' counts, one of which is hidden at its
    /// source (see `annual_report::combined`).
    PartHidden,
    /// Shown beside a larger table of the same report, it would give a
    /// small count away as the difference (see `annual_report::report`).
    Differencing,
}

/// How the cells of a line relate to its total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sum {
    /// Every case counts in exactly one cell; the cells add up to the total.
    Additive,
    /// A case may count in several cells (or none).
    Overlapping,
}

/// Percentages are given only on totals at least this large.
pub const MIN_PERCENT_BASE: u32 = 20;

/// One published cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Cell {
    /// A stable code (`bullying`, `employee`, `q1`); for a nature the
    /// advisor added, `nature_<its id>`, which a rename does not change.
    pub category: String,
    /// The category as readers see it (Dutch).
    pub label: String,
    /// The count, when shown.
    pub value: Option<u32>,
    pub hidden: Option<Hidden>,
    pub percent: Option<f64>,
}

/// Why a whole breakdown is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    /// The breakdown's total is below 2k.
    TotalBelow2k,
    /// No set of hidden cells keeps every value from being recomputed.
    CannotProtect,
    /// The author chose to leave it out.
    LeftOut,
    /// A sum of several sources' breakdowns, one of which is not shown at
    /// its source.
    PartWithheld,
    /// Beside a larger breakdown of the same report, the difference would
    /// give a small count away.
    Differencing,
}

/// One published line of counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Breakdown {
    /// What is counted (`nature`, `reporter_role`, `quarter`, …).
    pub id: String,
    /// The count the cells are of; absent when withheld (a total below
    /// 2k is itself a small count).
    pub total: Option<u32>,
    /// Empty when withheld.
    pub cells: Vec<Cell>,
    pub withheld: Option<Withheld>,
}

/// A line of the appendix: what was not shown and why (never a value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppendixLine {
    pub breakdown: String,
    pub category: Option<String>,
    pub reason: AppendixReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppendixReason {
    BelowK,
    ProtectsAnother,
    BreakdownTotalBelow2k,
    CannotProtect,
    LeftOut,
    YearTotalBelowK,
    PartHidden,
    PartWithheld,
    Differencing,
}

impl From<Hidden> for AppendixReason {
    fn from(h: Hidden) -> Self {
        match h {
            Hidden::BelowK => AppendixReason::BelowK,
            Hidden::ProtectsAnother => AppendixReason::ProtectsAnother,
            Hidden::PartHidden => AppendixReason::PartHidden,
            Hidden::Differencing => AppendixReason::Differencing,
        }
    }
}

impl From<Withheld> for AppendixReason {
    fn from(w: Withheld) -> Self {
        match w {
            Withheld::TotalBelow2k => AppendixReason::BreakdownTotalBelow2k,
            Withheld::CannotProtect => AppendixReason::CannotProtect,
            Withheld::LeftOut => AppendixReason::LeftOut,
            Withheld::PartWithheld => AppendixReason::PartWithheld,
            Withheld::Differencing => AppendixReason::Differencing,
        }
    }
}

/// Something the author should look at before publishing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Flag {
    pub breakdown: String,
    /// The category that holds every count of the breakdown.
    pub category: String,
}

/// A line of counts before protection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub id: String,
    pub sum: Sum,
    pub total: u32,
    /// Per category: code, label, count.
    pub cells: Vec<(String, String, u32)>,
}

/// A line as published: its breakdown, what the appendix says of it, and
/// the flag it raises.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub breakdown: Breakdown,
    pub appendix: Vec<AppendixLine>,
    pub flag: Option<Flag>,
}

/// Publishes `line` with threshold `k`; `left_out` when the author chose
/// not to show it.
pub fn publish(line: Line, k: u32, left_out: bool) -> Published {
    let k = k.max(MIN_K);
    let values: Vec<u32> = line.cells.iter().map(|c| c.2).collect();
    let protected = protect(&values, line.total, line.sum, k);
    let withheld = if left_out {
        Some(Withheld::LeftOut)
    } else if line.total < 2 * k {
        Some(Withheld::TotalBelow2k)
    } else {
        protected.withheld.then_some(Withheld::CannotProtect)
    };
    let mut breakdown = Breakdown {
        id: line.id.clone(),
        total: withheld.is_none().then_some(line.total),
        cells: vec![],
        withheld,
    };
    if let Some(reason) = withheld {
        let appendix = vec![AppendixLine {
            breakdown: line.id,
            category: None,
            reason: reason.into(),
        }];
        return Published {
            breakdown,
            appendix,
            flag: None,
        };
    }
    let flag = (line.total > 0 && values.iter().filter(|v| **v > 0).count() == 1)
        .then(|| line.cells.iter().find(|c| c.2 == line.total))
        .flatten()
        .map(|(category, ..)| Flag {
            breakdown: line.id.clone(),
            category: category.clone(),
        });
    let mut appendix = vec![];
    for ((category, label, value), hidden) in line.cells.into_iter().zip(protected.hidden) {
        if let Some(h) = hidden {
            appendix.push(AppendixLine {
                breakdown: line.id.clone(),
                category: Some(category.clone()),
                reason: h.into(),
            });
        }
        let shown = hidden.is_none().then_some(value);
        breakdown.cells.push(Cell {
            category,
            label,
            value: shown,
            hidden,
            percent: shown
                .filter(|_| line.total >= MIN_PERCENT_BASE)
                .map(|v| (f64::from(v) * 1000.0 / f64::from(line.total)).round() / 10.0),
        });
    }
    Published {
        breakdown,
        appendix,
        flag,
    }
}

/// Publishes one count on its own (no total to protect it by): hidden as
/// "< k" from 1 to k−1, with its appendix line.
pub fn publish_count(id: &str, label: &str, value: u32, k: u32) -> (Cell, Option<AppendixLine>) {
    let hidden = (1..k.max(MIN_K)).contains(&value).then_some(Hidden::BelowK);
    let cell = Cell {
        category: id.into(),
        label: label.into(),
        value: hidden.is_none().then_some(value),
        hidden,
        percent: None,
    };
    let line = hidden.map(|_| AppendixLine {
        breakdown: id.into(),
        category: None,
        reason: AppendixReason::BelowK,
    });
    (cell, line)
}

/// The median of `values` (the mean of the middle two for an even count);
/// `None` for none.
pub fn median(mut values: Vec<i64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    Some(if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] + values[n / 2]) as f64 / 2.0
    })
}

/// The outcome for one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protected {
    /// Per cell: `None` when shown, else why it is hidden.
    pub hidden: Vec<Option<Hidden>>,
    /// No safe way to show the line: withhold it entirely.
    pub withheld: bool,
}

/// Applies primary and secondary suppression to `cells` with threshold `k`.
pub fn protect(cells: &[u32], total: u32, sum: Sum, k: u32) -> Protected {
    let k = k.max(MIN_K);
    let mut hidden: Vec<Option<Hidden>> = cells
        .iter()
        .map(|v| (*v >= 1 && *v < k).then_some(Hidden::BelowK))
        .collect();
    loop {
        let count = hidden.iter().filter(|h| h.is_some()).count();
        if count == 0 {
            return Protected {
                hidden,
                withheld: false,
            };
        }
        let exposed = match sum {
            Sum::Additive => any_recomputable(cells, total, &hidden, k),
            Sum::Overlapping => false,
        };
        if !exposed {
            return Protected {
                hidden,
                withheld: false,
            };
        }
        // Hide the smallest cell above 0 still shown (the first, on a
        // tie); a 0 only when nothing else is left.
        let next = (0..cells.len())
            .filter(|i| hidden[*i].is_none())
            .min_by_key(|i| (cells[*i] == 0, cells[*i], *i));
        match next {
            Some(i) => hidden[i] = Some(Hidden::ProtectsAnother),
            None => {
                return Protected {
                    hidden,
                    withheld: true,
                }
            }
        }
    }
}

/// Whether some hidden cell of an additive line has only one value that
/// fits what is published.
fn any_recomputable(cells: &[u32], total: u32, hidden: &[Option<Hidden>], k: u32) -> bool {
    let shown: u32 = (0..cells.len())
        .filter(|i| hidden[*i].is_none())
        .map(|i| cells[i])
        .sum();
    let rest = total.saturating_sub(shown);
    // A protecting cell is never larger than a cell above 0 still shown.
    let cap = (0..cells.len())
        .filter(|i| hidden[*i].is_none() && cells[*i] > 0)
        .map(|i| cells[i])
        .min()
        .unwrap_or(rest)
        .min(rest);
    let primaries = hidden
        .iter()
        .filter(|h| **h == Some(Hidden::BelowK))
        .count() as u32;
    let secondaries = hidden
        .iter()
        .filter(|h| {
            matches!(
                h,
                Some(Hidden::ProtectsAnother | Hidden::PartHidden | Hidden::Differencing)
            )
        })
        .count() as u32;
    hidden.iter().flatten().any(|kind| {
        let (p, q) = match kind {
            Hidden::BelowK => (primaries - 1, secondaries),
            Hidden::ProtectsAnother | Hidden::PartHidden | Hidden::Differencing => {
                (primaries, secondaries - 1)
            }
        };
        let mut fits = 0;
        for v in 0..=rest {
            let own = match kind {
                Hidden::BelowK => (1..k).contains(&v),
                Hidden::ProtectsAnother | Hidden::PartHidden | Hidden::Differencing => {
                    v == 0 || (k..=cap).contains(&v)
                }
            };
            if own && others_can_make(rest - v, p, q, k, cap) {
                fits += 1;
                if fits > 1 {
                    return false;
                }
            }
        }
        fits == 1
    })
}

/// Whether `p` cells of 1..k−1 and `q` cells of {0} ∪ k..=cap can add up
/// to `x`.
pub(crate) fn others_can_make(x: u32, p: u32, q: u32, k: u32, cap: u32) -> bool {
    let (p_lo, p_hi) = (p, p * (k - 1));
    (0..=q).any(|nonzero| {
        if nonzero > 0 && cap < k {
            return false;
        }
        let lo = p_lo + nonzero * k;
        let hi = p_hi + nonzero * cap;
        (lo..=hi).contains(&x)
    })
}

/// What a reader of an earlier publication knows of one part of a sum:
/// a shown count, a hidden one, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Shown(u32),
    /// Published as "< k": somewhere in 1..k−1.
    BelowK,
    /// Hidden for another reason: 0, or k and more.
    Hidden,
    /// Not published (a year not published, a line withheld).
    Unknown,
}

/// Whether `total` (a count over several years) may be shown beside the
/// earlier publications of its parts (`parts`, one per year) without
/// giving anything away: the reader subtracts what was shown and tries
/// every value the hidden parts may have had. Refused when that pins a
/// hidden part to one value, when it narrows what was not published
/// (together) to fewer values than "< k" allows, or when the shown parts
/// do not fit at all (a year counted differently since).
pub fn sum_safe(total: u32, parts: &[Part], k: u32) -> bool {
    let k = k.max(MIN_K);
    let shown: u32 = parts
        .iter()
        .map(|p| if let Part::Shown(v) = p { *v } else { 0 })
        .sum();
    let Some(rest) = total.checked_sub(shown) else {
        return false;
    };
    let below = parts.iter().filter(|p| **p == Part::BelowK).count() as u32;
    let hidden = parts.iter().filter(|p| **p == Part::Hidden).count() as u32;
    let unknown = parts.contains(&Part::Unknown);
    // Whether p "< k" parts, q hidden parts and (when some part was not
    // published) whatever that was can add up to x.
    // (With an unknown part, anything from the least the others make —
    // p ones and q zeros — up fits.)
    let fits = |x: u32, p: u32, q: u32| {
        if unknown {
            x >= p
        } else {
            others_can_make(x, p, q, k, total)
        }
    };
    let pinned = |values: &mut dyn Iterator<Item = u32>| values.take(2).count() == 1;
    if below > 0 && pinned(&mut (1..k).filter(|v| *v <= rest && fits(rest - v, below - 1, hidden)))
    {
        return false;
    }
    let big = std::iter::once(0).chain(k..=total);
    if hidden > 0 && pinned(&mut big.filter(|v| *v <= rest && fits(rest - v, below, hidden - 1))) {
        return false;
    }
    if unknown {
        let possible: Vec<u32> = (0..=rest)
            .filter(|r| others_can_make(rest - r, below, hidden, k, total))
            .collect();
        let narrower_than_below_k =
            possible.iter().all(|r| (1..k).contains(r)) && (possible.len() as u32) < k - 1;
        return !narrower_than_below_k;
    }
    fits(rest, below, hidden)
}

#[cfg(test)]
pub(crate) mod attack;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(total: u32, counts: &[u32]) -> Line {
        Line {
            id: "nature".into(),
            sum: Sum::Additive,
            total,
            cells: counts
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let name = char::from(b'a' + i as u8);
                    (format!("c{name}"), format!("categorie {name}"), *c)
                })
                .collect(),
        }
    }

    #[test]
    fn a_breakdown_below_2k_or_left_out_is_withheld_with_its_reason_and_no_cell() {
        let p = publish(line(9, &[5, 4]), 5, false);
        assert_eq!(p.breakdown.withheld, Some(Withheld::TotalBelow2k));
        assert!(p.breakdown.cells.is_empty());
        assert_eq!(p.breakdown.total, None, "a small total is not given either");
        assert_eq!(p.appendix.len(), 1);
        assert_eq!(p.appendix[0].reason, AppendixReason::BreakdownTotalBelow2k);
        let p = publish(line(30, &[15, 15]), 5, true);
        assert_eq!(p.breakdown.withheld, Some(Withheld::LeftOut));
        assert_eq!(p.appendix[0].reason, AppendixReason::LeftOut);
        assert_eq!(
            publish(line(10, &[5, 5]), 5, false).breakdown.withheld,
            None
        );
    }

    #[test]
    fn hidden_cells_are_named_in_the_appendix_without_their_value() {
        let p = publish(line(43, &[12, 3, 20, 8]), 5, false);
        let values: Vec<Option<u32>> = p.breakdown.cells.iter().map(|c| c.value).collect();
        assert_eq!(values, vec![Some(12), None, Some(20), None]);
        let reasons: Vec<(Option<&str>, AppendixReason)> = p
            .appendix
            .iter()
            .map(|a| (a.category.as_deref(), a.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (Some("cb"), AppendixReason::BelowK),
                (Some("cd"), AppendixReason::ProtectsAnother)
            ]
        );
        let json = serde_json::to_string(&p.appendix).expect("json");
        assert!(!json.chars().any(|c| c.is_ascii_digit()), "{json}");
    }

    #[test]
    fn percentages_only_on_a_total_of_at_least_20() {
        let p = publish(line(20, &[15, 5]), 5, false);
        assert_eq!(p.breakdown.cells[0].percent, Some(75.0));
        let p = publish(line(19, &[14, 5]), 5, false);
        assert!(p.breakdown.cells.iter().all(|c| c.percent.is_none()));
    }

    #[test]
    fn one_category_holding_everything_is_flagged() {
        let p = publish(line(12, &[0, 12, 0]), 5, false);
        assert_eq!(
            p.flag,
            Some(Flag {
                breakdown: "nature".into(),
                category: "cb".into()
            })
        );
        assert_eq!(publish(line(12, &[6, 6]), 5, false).flag, None);
    }

    #[test]
    fn a_single_count_below_k_is_hidden() {
        let (cell, line) = publish_count("conversations", "gesprekken", 4, 5);
        assert_eq!((cell.value, cell.hidden), (None, Some(Hidden::BelowK)));
        assert_eq!(line.map(|l| l.reason), Some(AppendixReason::BelowK));
        let (cell, line) = publish_count("conversations", "gesprekken", 0, 5);
        assert_eq!((cell.value, line), (Some(0), None));
    }

    #[test]
    fn medians_not_means() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![1, 1000, 2]), Some(2.0));
        assert_eq!(median(vec![4, 1, 3, 2]), Some(2.5));
    }

    fn hidden_count(p: &Protected) -> usize {
        p.hidden.iter().filter(|h| h.is_some()).count()
    }

    #[test]
    fn small_counts_are_hidden_and_a_lone_hidden_cell_gets_company() {
        let p = protect(&[12, 3, 20, 8], 43, Sum::Additive, 5);
        assert_eq!(
            p.hidden,
            vec![
                None,
                Some(Hidden::BelowK),
                None,
                Some(Hidden::ProtectsAnother)
            ]
        );
        assert!(!p.withheld);
    }

    #[test]
    fn nothing_is_hidden_when_every_count_is_zero_or_at_least_k() {
        let p = protect(&[0, 5, 9], 14, Sum::Additive, 5);
        assert_eq!(hidden_count(&p), 0);
    }

    #[test]
    fn a_protecting_cell_that_would_betray_the_value_is_not_enough() {
        // 1 hidden with a 5 beside it: total 6 leaves only 1 + 5 (the
        // protecting cell is 0 or at least 5), so a third cell is hidden.
        let p = protect(&[1, 5, 30], 36, Sum::Additive, 5);
        assert_eq!(hidden_count(&p), 3, "{p:?}");
    }

    #[test]
    fn a_line_that_cannot_be_protected_is_withheld() {
        let p = protect(&[3], 3, Sum::Additive, 5);
        assert!(p.withheld);
        let p = protect(&[2, 0], 2, Sum::Additive, 5);
        assert!(p.withheld);
    }

    #[test]
    fn overlapping_lines_hide_their_small_counts_and_nothing_more() {
        // No sum ties the cells together: the 2 cannot be worked out from
        // 11, 7 and 15, so the 7 stays.
        let p = protect(&[2, 11, 7], 15, Sum::Overlapping, 5);
        assert_eq!(p.hidden, vec![Some(Hidden::BelowK), None, None]);
    }

    #[test]
    fn k_is_never_below_three() {
        let p = protect(&[2, 9, 9], 20, Sum::Additive, 1);
        assert_eq!(p.hidden[0], Some(Hidden::BelowK));
    }

    /// The line as a reader sees it.
    fn seen(cells: &[u32], total: u32, p: &Protected, k: u32) -> attack::Seen {
        attack::Seen {
            k,
            total,
            additive: true,
            cells: cells
                .iter()
                .zip(&p.hidden)
                .enumerate()
                .map(|(i, (v, h))| (format!("c{i}"), h.is_none().then_some(*v), *h))
                .collect(),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn additive_lines_hide_no_small_count_and_betray_no_hidden_value(
            cells in proptest::collection::vec(prop_oneof![0u32..8, 0u32..40], 1..6),
            k in 3u32..7,
        ) {
            let total: u32 = cells.iter().sum();
            let p = protect(&cells, total, Sum::Additive, k);
            if !p.withheld {
                for (v, h) in cells.iter().zip(&p.hidden) {
                    prop_assert!(h.is_some() || *v == 0 || *v >= k, "{} shown", v);
                }
                prop_assert_ne!(hidden_count(&p), 1);
                let worked = attack::work_out(&[seen(&cells, total, &p, k)], None);
                for (i, v) in cells.iter().enumerate() {
                    if let Some(values) = worked.sources[0].get(&format!("c{i}")) {
                        prop_assert!(values.contains(v), "the truth must fit what is published");
                    }
                }
                prop_assert_eq!(worked.pinned(), None, "{:?} {:?}", cells, p);
            }
        }

        #[test]
        fn overlapping_lines_hide_every_small_count_and_betray_none(
            cells in proptest::collection::vec(0u32..12, 1..5),
            extra in 0u32..6,
            k in 3u32..7,
        ) {
            // A line whose total is below 2k is withheld when published.
            let total = (cells.iter().copied().max().unwrap_or(0) + extra).max(2 * k);
            let p = protect(&cells, total, Sum::Overlapping, k);
            prop_assert!(!p.withheld);
            for (v, h) in cells.iter().zip(&p.hidden) {
                prop_assert_eq!(h.is_some(), (1..k).contains(v));
            }
            let mut line = seen(&cells, total, &p, k);
            line.additive = false;
            prop_assert_eq!(attack::work_out(&[line], None).pinned(), None);
        }

        /// `sum_safe` against every assignment a reader could try: the
        /// hidden parts' values and what was not published, adding up to
        /// the total.
        #[test]
        fn a_sum_is_safe_exactly_when_no_reader_pins_a_part(
            parts in proptest::collection::vec(0u8..4, 1..4),
            values in proptest::collection::vec(0u32..9, 4),
            k in 3u32..6,
        ) {
            // The truth: one value per part (a "< k" part below k, a
            // hidden one 0 or k and more), and what was never published.
            let truth: Vec<(Part, u32)> = parts
                .iter()
                .zip(&values)
                .map(|(kind, v)| match kind {
                    0 => (Part::Shown(*v), *v),
                    1 => (Part::BelowK, 1 + v % (k - 1)),
                    2 => (Part::Hidden, if *v < k { 0 } else { *v }),
                    _ => (Part::Unknown, *v),
                })
                .collect();
            let total: u32 = truth.iter().map(|t| t.1).sum();
            let kinds: Vec<Part> = truth.iter().map(|t| t.0).collect();
            // Every assignment of the parts a reader does not see.
            let domain = |p: Part| -> Vec<u32> {
                match p {
                    Part::Shown(v) => vec![v],
                    Part::BelowK => (1..k).collect(),
                    Part::Hidden => std::iter::once(0).chain(k..=total).collect(),
                    Part::Unknown => (0..=total).collect(),
                }
            };
            // The unknown parts count as one (their sum is what is learnt).
            let mut vars: Vec<Part> = kinds.iter().copied().filter(|p| *p != Part::Unknown).collect();
            let unknown = kinds.contains(&Part::Unknown);
            if unknown {
                vars.push(Part::Unknown);
            }
            let mut seen: Vec<std::collections::BTreeSet<u32>> = vec![Default::default(); vars.len()];
            let mut assignment = vec![0u32; vars.len()];
            fn walk(
                i: usize, left: u32, vars: &[Part], domain: &dyn Fn(Part) -> Vec<u32>,
                a: &mut Vec<u32>, seen: &mut [std::collections::BTreeSet<u32>],
            ) {
                if i == vars.len() {
                    if left == 0 {
                        for (s, v) in seen.iter_mut().zip(a.iter()) {
                            s.insert(*v);
                        }
                    }
                    return;
                }
                for v in domain(vars[i]) {
                    if v <= left {
                        a[i] = v;
                        walk(i + 1, left - v, vars, domain, a, seen);
                    }
                }
            }
            walk(0, total, &vars, &domain, &mut assignment, &mut seen);
            let leaks = vars.iter().zip(&seen).any(|(p, s)| match p {
                Part::Shown(_) => false,
                Part::BelowK | Part::Hidden => s.len() == 1,
                Part::Unknown => s.iter().all(|v| (1..k).contains(v)) && (s.len() as u32) < k - 1,
            });
            prop_assert_eq!(sum_safe(total, &kinds, k), !leaks, "{:?} total {}", truth, total);
        }
    }

    #[test]
    fn a_sum_beside_published_parts() {
        // 2024 and 2025 published as 6 each; 2026 not: 14 in three years
        // gives 2026's 2 away.
        let unknown = Part::Unknown;
        assert!(!sum_safe(14, &[Part::Shown(6), Part::Shown(6), unknown], 5));
        assert!(sum_safe(17, &[Part::Shown(6), Part::Shown(6), unknown], 5));
        // Two years published as "< 5": 9 in three years pins nothing.
        assert!(sum_safe(9, &[Part::BelowK, Part::BelowK, unknown], 5));
        // All three published, one "< 5": the total pins it.
        assert!(!sum_safe(
            9,
            &[Part::Shown(6), Part::BelowK, Part::Shown(0)],
            5
        ));
        // Nothing published before: anything may be shown.
        assert!(sum_safe(5, &[unknown, unknown, unknown], 5));
        // A year counted differently since (more shown than there is).
        assert!(!sum_safe(5, &[Part::Shown(6), unknown], 5));
    }
}
