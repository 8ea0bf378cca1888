//! When a closed record is due for destruction, the same for every area:
//! once the figures of its closing year were released (it has been
//! counted), and at the latest a fixed term after closing; after a grace
//! period on the destruction list it has expired and is destroyed without
//! being asked again. Destroying leaves a tombstone (codes, no names) so
//! the year's figures stay whole; which rows go and what the tombstone
//! keeps is the area's store's work, and [`scrub`] then removes every
//! trace of them from the search index, the free pages and the WAL.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

/// Why a record is destroyed before it is due. A closed list: the audit
/// trail outlives the record and holds codes only, never anyone's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EarlyDestruction {
    /// The reporter or complainant asked for it (AVG/GDPR right to erasure).
    ReporterRequest,
    /// Recorded by mistake (a duplicate, the wrong person).
    RecordedInError,
    /// No longer needed for the register's purpose.
    NoLongerNeeded,
    /// A legal obligation or a decision requires it.
    LegalObligation,
}

impl EarlyDestruction {
    pub const ALL: [EarlyDestruction; 4] = [
        Self::ReporterRequest,
        Self::RecordedInError,
        Self::NoLongerNeeded,
        Self::LegalObligation,
    ];
}

/// A closed record (a case, a complaint) on the destruction list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DestructionItem {
    pub id: i64,
    pub reference: String,
    #[ts(type = "string")]
    pub closed_on: NaiveDate,
    /// From this day it may be destroyed without a reason.
    #[ts(type = "string")]
    pub due_on: NaiveDate,
    /// Its year's statistics were released (else: the maximum term).
    pub counted: bool,
    /// Due and past the grace period: `purge --expired` destroys it.
    pub expired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurgeRequest {
    /// Must be true: destruction only after confirmation.
    pub confirm: bool,
}

/// The terms of one register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// Due at the latest this many months after closing.
    pub retention_months: u32,
    /// Days on the destruction list before it expires.
    pub grace_days: u32,
}

/// Where one closed record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// From this day it may be destroyed without a reason.
    pub due_on: NaiveDate,
    /// Due because its year's figures were released (else: the term).
    pub counted: bool,
    /// Due and past the grace period.
    pub expired: bool,
}

/// `released_on`: the day the figures of the closing year were released,
/// if they were.
pub fn due(
    closed_on: NaiveDate,
    released_on: Option<NaiveDate>,
    terms: Terms,
    today: NaiveDate,
) -> Due {
    let term = closed_on
        .checked_add_months(Months::new(terms.retention_months))
        .unwrap_or(closed_on);
    let counted = released_on.map(|r| r.max(closed_on));
    let due_on = counted.map_or(term, |c| c.min(term));
    Due {
        due_on,
        counted: counted.is_some_and(|c| c <= term),
        expired: due_on + Days::new(u64::from(terms.grace_days)) <= today,
    }
}

/// The year whose release makes a record closed on `closed_on` due.
pub fn counting_year(closed_on: NaiveDate) -> i32 {
    closed_on.year()
}

/// After a destruction has been committed: merges each full-text index
/// named in `search_indexes` (so deleted words leave its segments), empties
/// the WAL and rebuilds the file without free pages. `secure_delete` is on
/// for every connection, so freed pages were zeroed already.
pub async fn scrub(pool: &SqlitePool, search_indexes: &[&str]) -> sqlx::Result<()> {
    for index in search_indexes {
        sqlx::query(&format!(
            "INSERT INTO {index} ({index}) VALUES ('optimize')"
        ))
        .execute(pool)
        .await?;
    }
    for step in [
        "PRAGMA wal_checkpoint(TRUNCATE)",
        "VACUUM",
        "PRAGMA wal_checkpoint(TRUNCATE)",
    ] {
        sqlx::query(step).execute(pool).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    const TERMS: Terms = Terms {
        retention_months: 12,
        grace_days: 30,
    };

    #[test]
    fn not_counted_it_is_due_at_the_end_of_the_term() {
        let due = due(d(2025, 3, 31), None, TERMS, d(2026, 4, 1));
        assert_eq!(due.due_on, d(2026, 3, 31));
        assert!(!due.counted);
        assert!(!due.expired, "within the grace period");
        assert!(super::due(d(2025, 3, 31), None, TERMS, d(2026, 4, 30)).expired);
        assert!(!super::due(d(2025, 3, 31), None, TERMS, d(2026, 4, 29)).expired);
    }

    #[test]
    fn counted_it_is_due_on_the_release_never_before_closing_nor_after_the_term() {
        let released = due(d(2025, 6, 1), Some(d(2026, 1, 15)), TERMS, d(2026, 1, 16));
        assert_eq!((released.due_on, released.counted), (d(2026, 1, 15), true));
        // Released before it was closed (a late closing in a released year).
        let early = due(d(2025, 6, 1), Some(d(2025, 2, 1)), TERMS, d(2025, 6, 2));
        assert_eq!(early.due_on, d(2025, 6, 1));
        // Released after the term: the term wins and it was not counted first.
        let late = due(d(2025, 1, 10), Some(d(2026, 3, 1)), TERMS, d(2026, 3, 2));
        assert_eq!((late.due_on, late.counted), (d(2026, 1, 10), false));
    }

    #[test]
    fn a_term_past_the_end_of_a_month_lands_on_its_last_day() {
        let due = due(d(2024, 2, 29), None, TERMS, d(2024, 3, 1));
        assert_eq!(due.due_on, d(2025, 2, 28));
        assert_eq!(counting_year(d(2024, 12, 31)), 2024);
    }
}
