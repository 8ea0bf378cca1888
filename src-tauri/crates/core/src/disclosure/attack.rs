//! A reader who knows the rules of disclosure control and has everything
//! published — one or more lines of counts, and perhaps a table that adds
//! them up — and works out every value each hidden count can still have,
//! the slow way: by trying every assignment. Tests use it to show that no
//! hidden count is pinned to one value.

use std::collections::{BTreeMap, BTreeSet};

use super::Hidden;

/// One published line as a reader sees it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub k: u32,
    pub total: u32,
    /// The cells add up to the total.
    pub additive: bool,
    /// Per category: the value shown, or why it is hidden.
    pub cells: Vec<(String, Option<u32>, Option<Hidden>)>,
}

impl Seen {
    /// The values a hidden cell of this line may have by the rules alone.
    fn may_be(&self, hidden: Hidden, v: u32) -> bool {
        let cap = self
            .cells
            .iter()
            .filter_map(|c| c.1)
            .filter(|v| *v > 0)
            .min()
            .unwrap_or(self.total);
        match hidden {
            Hidden::BelowK => (1..self.k).contains(&v),
            Hidden::ProtectsAnother => v == 0 || (self.k..=cap).contains(&v),
            Hidden::PartHidden | Hidden::Differencing => v <= self.total,
        }
    }

    /// Every assignment of this line's hidden cells that fits it.
    fn assignments(&self) -> Vec<Vec<u32>> {
        let hidden: Vec<Hidden> = self.cells.iter().filter_map(|c| c.2).collect();
        let shown: u32 = self.cells.iter().filter_map(|c| c.1).sum();
        let rest = self.total.saturating_sub(shown);
        let mut out = vec![];
        let mut now = vec![];
        self.walk(&hidden, rest, &mut now, &mut out);
        out
    }

    fn walk(&self, hidden: &[Hidden], left: u32, now: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
        let Some((first, more)) = hidden.split_first() else {
            if !self.additive || left == 0 {
                out.push(now.clone());
            }
            return;
        };
        let most = if self.additive { left } else { self.total };
        for v in (0..=most).filter(|v| self.may_be(*first, *v)) {
            now.push(v);
            self.walk(more, if self.additive { left - v } else { left }, now, out);
            now.pop();
        }
    }
}

/// What the reader could work out: per source line and per hidden
/// category, every value it may have; and the same for the hidden cells
/// of the table that adds them up.
#[derive(Debug, Default)]
pub struct Worked {
    pub sources: Vec<BTreeMap<String, BTreeSet<u32>>>,
    pub combined: BTreeMap<String, BTreeSet<u32>>,
}

impl Worked {
    /// A hidden count the reader pinned to one value, if any.
    pub fn pinned(&self) -> Option<String> {
        let one = |m: &BTreeMap<String, BTreeSet<u32>>, at: String| {
            m.iter()
                .find(|(_, v)| v.len() < 2)
                .map(|(c, v)| format!("{at} {c} = {v:?}"))
        };
        self.sources
            .iter()
            .enumerate()
            .find_map(|(i, m)| one(m, format!("line {i}")))
            .or_else(|| one(&self.combined, "combined".into()))
    }
}

/// Works out every hidden count of `sources`, given also `combined`, a
/// line whose cells are the sums of the sources' cells of the same
/// category (a category a source does not list counts 0 there).
pub fn work_out(sources: &[Seen], combined: Option<&Seen>) -> Worked {
    let options: Vec<Vec<Vec<u32>>> = sources.iter().map(Seen::assignments).collect();
    let hidden_of = |s: &Seen| -> Vec<String> {
        s.cells
            .iter()
            .filter(|c| c.2.is_some())
            .map(|c| c.0.clone())
            .collect()
    };
    let names: Vec<Vec<String>> = sources.iter().map(hidden_of).collect();
    let mut worked = Worked {
        sources: names
            .iter()
            .map(|n| n.iter().map(|c| (c.clone(), BTreeSet::new())).collect())
            .collect(),
        combined: BTreeMap::new(),
    };
    let mut pick = vec![0usize; sources.len()];
    if options.iter().any(Vec::is_empty) {
        return worked;
    }
    loop {
        // The value of `category` in source `i` under this assignment.
        let value = |i: usize, category: &str| -> u32 {
            let s = &sources[i];
            match s.cells.iter().find(|c| c.0 == category) {
                None => 0,
                Some((_, Some(v), _)) => *v,
                Some(_) => {
                    let at = names[i].iter().position(|n| n == category).unwrap_or(0);
                    options[i][pick[i]][at]
                }
            }
        };
        let fits = combined.is_none_or(|c| {
            c.cells.iter().all(|(category, shown, hidden)| {
                let sum: u32 = (0..sources.len()).map(|i| value(i, category)).sum();
                match (shown, hidden) {
                    (Some(v), _) => sum == *v,
                    (None, Some(h)) => c.may_be(*h, sum),
                    (None, None) => true,
                }
            })
        });
        if fits {
            for (i, n) in names.iter().enumerate() {
                for (at, category) in n.iter().enumerate() {
                    if let Some(set) = worked.sources[i].get_mut(category) {
                        set.insert(options[i][pick[i]][at]);
                    }
                }
            }
            if let Some(c) = combined {
                for (category, _, hidden) in &c.cells {
                    if hidden.is_some() {
                        let sum = (0..sources.len()).map(|i| value(i, category)).sum();
                        worked
                            .combined
                            .entry(category.clone())
                            .or_default()
                            .insert(sum);
                    }
                }
            }
        }
        // The next assignment, like an odometer.
        let mut i = 0;
        loop {
            if i == pick.len() {
                return worked;
            }
            pick[i] += 1;
            if pick[i] < options[i].len() {
                break;
            }
            pick[i] = 0;
            i += 1;
        }
    }
}
