//! The year beside the years before, as they were published: the change
//! in the key figures from last year and the five-year trend.
//!
//! Only frozen figures are compared with ([`super::writing`] publishes
//! them): a count of an earlier year counted again today may differ from
//! what was published (a complaint registered late, one destroyed), and
//! showing both would give the difference away. A change is given only
//! when both years are at least k; otherwise the figure is "niet
//! vergelijkbaar", and a year never published stays a gap.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::disclosure::{Cell, Hidden};

/// Why no change from last year is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NotComparable {
    /// Last year's report was not published in this vault.
    NotPublished,
    /// One of the two years is below k (or hidden).
    BelowK,
}

/// A key figure this year and last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Comparison {
    /// `received` (complaints) or `advisor_cases`.
    pub figure: String,
    pub this_year: Option<u32>,
    /// Why this year's figure is not shown ("< k", or × when part of a
    /// sum is hidden).
    pub this_hidden: Option<Hidden>,
    /// As published last year.
    pub last_year: Option<u32>,
    pub last_hidden: Option<Hidden>,
    /// This year minus last year, when comparable.
    pub change: Option<i64>,
    pub not_comparable: Option<NotComparable>,
}

/// One year of the trend: what was published (a gap where nothing was,
/// or where it was hidden).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TrendPoint {
    pub year: i32,
    pub received: Option<u32>,
    pub advisor_cases: Option<u32>,
    /// The share of the complaints' steps done on time, in percent.
    pub on_time_percent: Option<f64>,
}

/// Compares `figure` this year with last year's published cell; `last`
/// is `None` when last year was not published.
pub fn compare(figure: &str, this: &Cell, last: Option<&Cell>, k: u32) -> Comparison {
    let big = |c: &Cell| c.value.filter(|v| *v >= k);
    let (change, not_comparable) = match (big(this), last.map(big)) {
        (_, None) => (None, Some(NotComparable::NotPublished)),
        (Some(now), Some(Some(then))) => (Some(i64::from(now) - i64::from(then)), None),
        _ => (None, Some(NotComparable::BelowK)),
    };
    Comparison {
        figure: figure.into(),
        this_year: this.value,
        this_hidden: this.hidden,
        last_year: last.and_then(|c| c.value),
        last_hidden: last.and_then(|c| c.hidden),
        change,
        not_comparable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(value: Option<u32>) -> Cell {
        Cell {
            category: "received".into(),
            label: String::new(),
            value,
            hidden: value.is_none().then_some(Hidden::BelowK),
            percent: None,
        }
    }

    #[test]
    fn a_change_only_between_two_years_of_at_least_k() {
        let c = compare("received", &cell(Some(12)), Some(&cell(Some(9))), 5);
        assert_eq!((c.change, c.not_comparable), (Some(3), None));
        let c = compare("received", &cell(Some(12)), Some(&cell(None)), 5);
        assert_eq!(
            (c.change, c.last_year, c.not_comparable),
            (None, None, Some(NotComparable::BelowK))
        );
        let c = compare("received", &cell(Some(0)), Some(&cell(Some(9))), 5);
        assert_eq!(
            c.not_comparable,
            Some(NotComparable::BelowK),
            "0 is below k"
        );
        let c = compare("received", &cell(Some(12)), None, 5);
        assert_eq!(c.not_comparable, Some(NotComparable::NotPublished));
    }
}
