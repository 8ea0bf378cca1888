//! Three years together, for an organisation too small for one: the
//! complaints received in three years counted as one, under the same
//! disclosure control — and checked against the single years of the three
//! that were published before. A reader who holds those can subtract
//! them from the three years' figures; every figure of the window is
//! shown only when that subtraction pins no hidden count of an earlier
//! year and narrows what was never published to less than "< k" says
//! ([`crate::disclosure::sum_safe`]). The received count failing that
//! withholds everything; a line failing it is withheld whole.
//!
//! A three-year report can be published (frozen) like a single year;
//! published blocks never overlap, and no single year inside a published
//! block is published after it (reason `overlaps`), so no two published
//! reports subtract into a small count. Later years compare with single
//! years only.

use super::report::{PublishedAwb, PublishedComplaints};
use crate::disclosure::{
    sum_safe, AppendixLine, AppendixReason, Breakdown, Cell, Hidden, Part, Withheld,
};

/// How many years a window covers.
pub const YEARS: i32 = 3;

/// What an earlier publication says of a cell.
fn part(cell: &Cell) -> Part {
    match (cell.value, cell.hidden) {
        (Some(v), _) => Part::Shown(v),
        (None, Some(Hidden::BelowK)) => Part::BelowK,
        (None, Some(_)) => Part::Hidden,
        (None, None) => Part::Unknown,
    }
}

/// What an earlier publication says of the line `id` (its total, and a
/// cell of it by code): unknown when it was not shown.
fn line_part<'a>(lines: Option<&'a [Breakdown]>, id: &str) -> Option<&'a Breakdown> {
    lines?.iter().find(|b| b.id == id && b.withheld.is_none())
}

/// Whether a window's shown line may stand beside the earlier years'.
fn line_safe(b: &Breakdown, earlier: &[Option<&[Breakdown]>], k: u32) -> bool {
    let lines: Vec<Option<&Breakdown>> = earlier.iter().map(|e| line_part(*e, &b.id)).collect();
    if let Some(total) = b.total {
        let parts: Vec<Part> = lines
            .iter()
            .map(|l| l.and_then(|l| l.total).map_or(Part::Unknown, Part::Shown))
            .collect();
        if !sum_safe(total, &parts, k) {
            return false;
        }
    }
    b.cells.iter().all(|c| {
        let Some(v) = c.value else { return true };
        let parts: Vec<Part> = lines
            .iter()
            .map(|l| match l {
                // A shown line lists every category that had anyone; one
                // it does not list had nobody.
                Some(l) => l
                    .cells
                    .iter()
                    .find(|x| x.category == c.category)
                    .map_or(Part::Shown(0), part),
                None => Part::Unknown,
            })
            .collect();
        sum_safe(v, &parts, k)
    })
}

/// Withholds every line of `lines` that the earlier years would let a
/// reader work something out of; the appendix says which.
fn check_lines(
    lines: &mut [Breakdown],
    earlier: &[Option<&[Breakdown]>],
    k: u32,
    appendix: &mut Vec<AppendixLine>,
) {
    for b in lines.iter_mut() {
        if b.withheld.is_none() && !line_safe(b, earlier, k) {
            *b = withheld(&b.id);
            appendix.push(AppendixLine {
                breakdown: b.id.clone(),
                category: None,
                reason: AppendixReason::Differencing,
            });
        }
    }
}

fn withheld(id: &str) -> Breakdown {
    Breakdown {
        id: id.into(),
        total: None,
        cells: vec![],
        withheld: Some(Withheld::Differencing),
    }
}

fn hide(cell: &mut Cell) {
    cell.value = None;
    cell.percent = None;
    cell.hidden = Some(Hidden::Differencing);
}

/// Nothing of the Awb section: its count would give something away.
fn withhold_awb(awb: &mut PublishedAwb) {
    hide(&mut awb.received);
    awb.breakdowns.clear();
    awb.median_days = None;
    awb.on_time_percent = None;
}

/// Checks the three years' figures `window` against the earlier single
/// years of it as published (`earlier`, one per year, `None` when not
/// published), withholding what they would give away.
pub fn check(window: &mut PublishedComplaints, earlier: &[Option<&PublishedComplaints>]) {
    let k = window.k;
    let received: Vec<Part> = earlier
        .iter()
        .map(|e| e.map_or(Part::Unknown, |p| part(&p.received)))
        .collect();
    if let Some(n) = window.received.value {
        if !sum_safe(n, &received, k) {
            hide(&mut window.received);
            for b in window.breakdowns.iter_mut() {
                *b = withheld(&b.id);
            }
            window.median_days = None;
            window.on_time_percent = None;
            if let Some(awb) = &mut window.awb {
                withhold_awb(awb);
            }
            window.appendix.push(AppendixLine {
                breakdown: "complaints".into(),
                category: None,
                reason: AppendixReason::Differencing,
            });
            return;
        }
    }
    let lines: Vec<Option<&[Breakdown]>> = earlier
        .iter()
        .map(|e| e.map(|p| p.breakdowns.as_slice()))
        .collect();
    check_lines(&mut window.breakdowns, &lines, k, &mut window.appendix);
    let Some(awb) = &mut window.awb else { return };
    let earlier_awb: Vec<Option<&PublishedAwb>> = earlier
        .iter()
        .map(|e| e.and_then(|p| p.awb.as_ref()))
        .collect();
    let received: Vec<Part> = earlier
        .iter()
        .zip(&earlier_awb)
        .map(|(e, a)| match (e, a) {
            (None, _) => Part::Unknown,
            // Published, and none under the Awb that year.
            (Some(p), None) if p.received.value.is_some() => Part::Shown(0),
            (Some(_), None) => Part::Unknown,
            (Some(_), Some(a)) => part(&a.received),
        })
        .collect();
    if let Some(n) = awb.received.value {
        if !sum_safe(n, &received, k) {
            withhold_awb(awb);
            window.appendix.push(AppendixLine {
                breakdown: "awb".into(),
                category: None,
                reason: AppendixReason::Differencing,
            });
            return;
        }
    }
    let lines: Vec<Option<&[Breakdown]>> = earlier_awb
        .iter()
        .map(|a| a.map(|a| a.breakdowns.as_slice()))
        .collect();
    check_lines(&mut awb.breakdowns, &lines, k, &mut window.appendix);
}
