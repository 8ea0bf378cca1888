//! Dates as Dutch users write them and the calendars their terms run on.
//!
//! Reading: `2025-02-03`, `3-2-2025`, `03-02-2025`, `3/2/2025`, `3.2.2025`,
//! `3 februari 2025`, `3 feb. 2025` (and the English month names), always
//! day before month; between 1990 and 2100.
//!
//! Counting: the quarter of a date, Easter and the Dutch holidays computed
//! for any year (never a list of dates), and [`WorkCalendar`], the days a
//! term skips. A term set by law follows the Algemene termijnenwet
//! ([`WorkCalendar::law`], [`WorkCalendar::law_term_end`]); a term of an
//! organisation's own regulation counts that organisation's working days
//! ([`WorkCalendar::organisation`]). Both are computed for any year, as
//! defaults the user can change day by day.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::error::{Invalid, Reason};

/// The earliest and latest year a register date may have.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// A year a report or a release may be of (the years a register date may
/// have); `out_of_range` on the field `year` otherwise.
pub fn check_year(year: i32) -> Result<(), Invalid> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Invalid::new("year", Reason::OutOfRange))
    }
}

/// Month names, Dutch and English, full and short; `mrt` and `mei` are
/// Dutch only.
const MONTHS: [&[&str]; 12] = [
    &["januari", "jan", "january"],
    &["februari", "feb", "february"],
    &["maart", "mrt", "mar", "march"],
    &["april", "apr"],
    &["mei", "may"],
    &["juni", "jun", "june"],
    &["juli", "jul", "july"],
    &["augustus", "aug", "august"],
    &["september", "sep", "sept"],
    &["oktober", "okt", "oct", "october"],
    &["november", "nov"],
    &["december", "dec"],
];

/// Reads a date; `field` names the input in the error.
pub fn parse_date(value: &str, field: &str) -> Result<NaiveDate, Invalid> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Invalid::new(field, Reason::Required));
    }
    let date = numeric(v)
        .or_else(|| written(v))
        .ok_or_else(|| Invalid::new(field, Reason::InvalidDate))?;
    if !YEARS.contains(&date.year()) {
        return Err(Invalid::new(field, Reason::InvalidDate));
    }
    Ok(date)
}

fn numeric(v: &str) -> Option<NaiveDate> {
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(v, f).ok())
}

/// `3 februari 2025`, `3 feb. 2025`, `03 Februari 2025`.
fn written(v: &str) -> Option<NaiveDate> {
    let mut words = v.split_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || !year.bytes().all(|b| b.is_ascii_digit()) || year.len() != 4 {
        return None;
    }
    let month = month.trim_end_matches('.').to_lowercase();
    let number = MONTHS
        .iter()
        .position(|names| names.contains(&month.as_str()))?;
    NaiveDate::from_ymd_opt(year.parse().ok()?, number as u32 + 1, day.parse().ok()?)
}

/// The quarter (1 to 4) a date falls in.
pub fn quarter(d: NaiveDate) -> u32 {
    d.month0() / 3 + 1
}

/// Easter Sunday of a Gregorian year (the anonymous computus of Meeus,
/// Jones and Butcher).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

/// A Dutch public holiday, by the name people know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Holiday {
    Nieuwjaarsdag,
    GoedeVrijdag,
    EerstePaasdag,
    TweedePaasdag,
    Koningsdag,
    Bevrijdingsdag,
    Hemelvaartsdag,
    EerstePinksterdag,
    TweedePinksterdag,
    EersteKerstdag,
    TweedeKerstdag,
}

impl Holiday {
    /// Every holiday, in the order of the year.
    pub const ALL: [Holiday; 11] = [
        Holiday::Nieuwjaarsdag,
        Holiday::GoedeVrijdag,
        Holiday::EerstePaasdag,
        Holiday::TweedePaasdag,
        Holiday::Koningsdag,
        Holiday::Bevrijdingsdag,
        Holiday::Hemelvaartsdag,
        Holiday::EerstePinksterdag,
        Holiday::TweedePinksterdag,
        Holiday::EersteKerstdag,
        Holiday::TweedeKerstdag,
    ];

    /// The day it falls on in `year`. Koningsdag is 27 April, or 26 April
    /// when the 27th is a Sunday.
    pub fn on(self, year: i32) -> NaiveDate {
        let fixed = |m, d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default();
        let from_easter = |days: i64| easter(year) + chrono::Duration::days(days);
        match self {
            Holiday::Nieuwjaarsdag => fixed(1, 1),
            Holiday::GoedeVrijdag => from_easter(-2),
            Holiday::EerstePaasdag => from_easter(0),
            Holiday::TweedePaasdag => from_easter(1),
            Holiday::Koningsdag => match fixed(4, 27).weekday() {
                Weekday::Sun => fixed(4, 26),
                _ => fixed(4, 27),
            },
            Holiday::Bevrijdingsdag => fixed(5, 5),
            Holiday::Hemelvaartsdag => from_easter(39),
            Holiday::EerstePinksterdag => from_easter(49),
            Holiday::TweedePinksterdag => from_easter(50),
            Holiday::EersteKerstdag => fixed(12, 25),
            Holiday::TweedeKerstdag => fixed(12, 26),
        }
    }
}

/// How often an organisation gives 5 May off: many collective agreements
/// give it only in the lustrum years (2025, 2030, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiberationDay {
    EveryYear,
    EveryFiveYears,
    Never,
}

/// The days off of an organisation's own regulation, besides weekends and
/// the holidays everyone has off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDays {
    pub good_friday: bool,
    pub liberation_day: LiberationDay,
    /// Closing days (the days between Christmas and New Year, a bridge day).
    pub closing_days: Vec<NaiveDate>,
}

impl Default for OrganisationDays {
    fn default() -> Self {
        Self {
            good_friday: false,
            liberation_day: LiberationDay::EveryFiveYears,
            closing_days: vec![],
        }
    }
}

/// Which days a calendar gives off besides weekends.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rule {
    Law,
    Organisation(OrganisationDays),
}

/// The days a term skips: Saturdays, Sundays and the days off of its rule,
/// computed for whatever year is asked, which the user can change one day
/// at a time (a day added, a computed one taken back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    rule: Rule,
    added: BTreeSet<NaiveDate>,
    removed: BTreeSet<NaiveDate>,
}

impl WorkCalendar {
    /// The calendar of the Algemene termijnenwet: every holiday of art. 3
    /// (Goede Vrijdag and 5 May included, every year) and the days set
    /// equal to them: the Friday after Hemelvaartsdag, and the Monday
    /// before or Friday after Nieuwjaarsdag, Koningsdag, 5 May and
    /// Christmas when those fall on a Tuesday or a Thursday.
    pub fn law() -> Self {
        Self::with(Rule::Law)
    }

    /// The working days of an organisation: the holidays everyone has off,
    /// Goede Vrijdag and 5 May as its regulation says, and its closing days.
    pub fn organisation(days: OrganisationDays) -> Self {
        Self::with(Rule::Organisation(days))
    }

    fn with(rule: Rule) -> Self {
        Self {
            rule,
            added: BTreeSet::new(),
            removed: BTreeSet::new(),
        }
    }

    /// Makes `day` a day off.
    pub fn add_day_off(&mut self, day: NaiveDate) {
        self.removed.remove(&day);
        self.added.insert(day);
    }

    /// Makes a computed day off a working day again (a weekend stays off).
    pub fn remove_day_off(&mut self, day: NaiveDate) {
        self.added.remove(&day);
        self.removed.insert(day);
    }

    /// The days off of `year` besides weekends, in order.
    pub fn days_off(&self, year: i32) -> Vec<NaiveDate> {
        let mut days = self.computed(year);
        days.extend(self.added.iter().filter(|d| d.year() == year));
        days.retain(|d| d.year() == year && !self.removed.contains(d));
        days.into_iter().collect()
    }

    /// The rule's own days off that fall in `year` (and a few around it).
    fn computed(&self, year: i32) -> BTreeSet<NaiveDate> {
        let mut days = BTreeSet::new();
        match &self.rule {
            Rule::Law => {
                for y in [year - 1, year, year + 1] {
                    days.extend(Holiday::ALL.iter().map(|h| h.on(y)));
                    days.insert(Holiday::Hemelvaartsdag.on(y) + Days::new(1));
                    for h in [
                        Holiday::Nieuwjaarsdag,
                        Holiday::Koningsdag,
                        Holiday::Bevrijdingsdag,
                        Holiday::EersteKerstdag,
                        Holiday::TweedeKerstdag,
                    ] {
                        let day = h.on(y);
                        match day.weekday() {
                            Weekday::Tue => days.insert(day - Days::new(1)),
                            Weekday::Thu => days.insert(day + Days::new(1)),
                            _ => false,
                        };
                    }
                }
            }
            Rule::Organisation(org) => {
                days.extend(org.closing_days.iter().copied());
                for h in Holiday::ALL {
                    let off = match h {
                        Holiday::GoedeVrijdag => org.good_friday,
                        Holiday::Bevrijdingsdag => match org.liberation_day {
                            LiberationDay::EveryYear => true,
                            LiberationDay::EveryFiveYears => year % 5 == 0,
                            LiberationDay::Never => false,
                        },
                        _ => true,
                    };
                    if off {
                        days.insert(h.on(year));
                    }
                }
            }
        }
        days
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || self.added.contains(&day) {
            return false;
        }
        self.removed.contains(&day) || !self.computed(day.year()).contains(&day)
    }

    /// `day` itself when it is a working day, otherwise the next one.
    pub fn next_working_day(&self, day: NaiveDate) -> NaiveDate {
        let mut d = day;
        while !self.is_working_day(d) {
            d = d + Days::new(1);
        }
        d
    }

    /// The working day `n` working days after `from` (`from` itself not
    /// counted, as "within 10 working days of receipt" is read).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        for _ in 0..n {
            d = self.next_working_day(d + Days::new(1));
        }
        d
    }

    /// The working days after `from` up to and including `to`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count() as u32
    }

    /// When a term set by law ends: `end` moved to the next working day of
    /// this calendar when it is not one (art. 1 Atw), except for a term of
    /// three months or longer, which the Atw does not extend (art. 4).
    pub fn law_term_end(&self, end: NaiveDate, term: Term) -> NaiveDate {
        if term.at_least_three_months() {
            end
        } else {
            self.next_working_day(end)
        }
    }
}

/// A term as a procedure states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    Days(u32),
    Weeks(u32),
    Months(u32),
    WorkingDays(u32),
}

impl Term {
    fn at_least_three_months(self) -> bool {
        match self {
            Term::Months(m) => m >= 3,
            Term::Weeks(w) => w >= 13,
            Term::Days(d) | Term::WorkingDays(d) => d >= 90,
        }
    }

    /// The day the term ends when it starts on `from`: calendar days,
    /// weeks and months counted from the day after `from` (a month from
    /// 31 January ends on the last day of February), working days on
    /// `calendar`.
    pub fn end(self, from: NaiveDate, calendar: &WorkCalendar) -> NaiveDate {
        match self {
            Term::Days(d) => from + Days::new(d.into()),
            Term::Weeks(w) => from + Days::new(u64::from(w) * 7),
            Term::Months(m) => from.checked_add_months(Months::new(m)).unwrap_or(from),
            Term::WorkingDays(d) => calendar.add_working_days(from, d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn every_way_a_dutch_user_writes_a_date() {
        for s in [
            "2025-02-03",
            "3-2-2025",
            "03-02-2025",
            "3/2/2025",
            "3.2.2025",
            "3 februari 2025",
            "03 Februari 2025",
            "3 feb 2025",
            "3 feb. 2025",
            "3 February 2025",
            "  3 februari  2025 ",
            " 03-02-2025 ",
        ] {
            assert_eq!(parse_date(s, "d"), Ok(d(2025, 2, 3)), "{s}");
        }
        assert_eq!(parse_date("1 mrt 2024", "d"), Ok(d(2024, 3, 1)));
        assert_eq!(parse_date("15 mei 2024", "d"), Ok(d(2024, 5, 15)));
        assert_eq!(parse_date("29 februari 2024", "d"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn what_is_not_a_date_is_refused_with_its_field() {
        for s in [
            "31-02-2025",
            "29 februari 2025",
            "3 frebruari 2025",
            "2025/02/03",
            "3 februari",
            "3 februari 25",
            "februari 3 2025",
            "1-1-1989",
            "1-1-1890",
            "2025-13-01",
            "03/02/25x",
            "1-1-2101",
            "morgen",
            "３-２-２０２５",
        ] {
            let e = parse_date(s, "first_contact").expect_err(s);
            assert_eq!(
                (e.field.as_str(), e.reason),
                ("first_contact", Reason::InvalidDate),
                "{s}"
            );
        }
        assert_eq!(
            parse_date(" ", "d").expect_err("empty").reason,
            Reason::Required
        );
    }

    #[test]
    fn easter_is_computed_for_any_year() {
        for (year, m, day) in [
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2049, 4, 18),
        ] {
            assert_eq!(easter(year), d(year, m, day), "{year}");
        }
        for year in 1990..=2100 {
            assert_eq!(easter(year).weekday(), Weekday::Sun, "{year}");
        }
    }

    #[test]
    fn the_holidays_of_2026_and_koningsdag_on_a_sunday() {
        let on = |h: Holiday| h.on(2026);
        assert_eq!(on(Holiday::GoedeVrijdag), d(2026, 4, 3));
        assert_eq!(on(Holiday::TweedePaasdag), d(2026, 4, 6));
        assert_eq!(on(Holiday::Hemelvaartsdag), d(2026, 5, 14));
        assert_eq!(on(Holiday::TweedePinksterdag), d(2026, 5, 25));
        assert_eq!(on(Holiday::Koningsdag), d(2026, 4, 27));
        // 27 April 2025 was a Sunday.
        assert_eq!(Holiday::Koningsdag.on(2025), d(2025, 4, 26));
        assert_eq!(Holiday::Hemelvaartsdag.on(2025).weekday(), Weekday::Thu);
    }

    #[test]
    fn the_law_calendar_has_every_holiday_and_the_days_set_equal() {
        let law = WorkCalendar::law();
        for h in Holiday::ALL {
            assert!(!law.is_working_day(h.on(2026)), "{h:?}");
        }
        // Friday after Hemelvaartsdag.
        assert!(!law.is_working_day(d(2026, 5, 15)));
        // 1 January 2026 is a Thursday: Friday 2 January is set equal.
        assert!(!law.is_working_day(d(2026, 1, 2)));
        // 5 May 2026 is a Tuesday: Monday 4 May too.
        assert!(!law.is_working_day(d(2026, 5, 4)));
        // 25 December 2027 is a Saturday: nothing is added around it.
        assert!(law.is_working_day(d(2027, 12, 24)));
        assert!(law.is_working_day(d(2027, 12, 27)));
        // 25 December 2029 and 1 January 2030 are Tuesdays: the Mondays
        // before are off, the one in the year before included.
        assert!(!law.is_working_day(d(2029, 12, 24)));
        assert!(!law.is_working_day(d(2029, 12, 31)));
        assert!(law.days_off(2029).contains(&d(2029, 12, 31)));
        assert!(law.is_working_day(d(2026, 5, 6)));
        assert!(!law.is_working_day(d(2026, 5, 9)), "a Saturday");
    }

    #[test]
    fn an_organisation_gives_5_may_off_in_lustrum_years_and_adds_its_closing_days() {
        let days = OrganisationDays {
            closing_days: vec![d(2026, 12, 28)],
            ..OrganisationDays::default()
        };
        let org = WorkCalendar::organisation(days);
        assert!(!org.is_working_day(d(2025, 5, 5)));
        assert!(org.is_working_day(d(2026, 5, 5)));
        assert!(org.is_working_day(d(2026, 4, 3)), "Goede Vrijdag worked");
        assert!(
            org.is_working_day(d(2026, 5, 15)),
            "no bridge day by default"
        );
        assert!(!org.is_working_day(d(2026, 12, 28)));
        let every_year = OrganisationDays {
            good_friday: true,
            liberation_day: LiberationDay::EveryYear,
            closing_days: vec![],
        };
        let org = WorkCalendar::organisation(every_year);
        assert!(!org.is_working_day(d(2026, 5, 5)));
        assert!(!org.is_working_day(d(2026, 4, 3)));
    }

    #[test]
    fn a_computed_day_off_can_be_taken_back_and_one_added() {
        let mut law = WorkCalendar::law();
        law.remove_day_off(d(2026, 5, 15));
        assert!(law.is_working_day(d(2026, 5, 15)));
        law.add_day_off(d(2026, 6, 1));
        assert!(!law.is_working_day(d(2026, 6, 1)));
        assert!(law.days_off(2026).contains(&d(2026, 6, 1)));
        assert!(!law.days_off(2026).contains(&d(2026, 5, 15)));
    }

    #[test]
    fn working_days_skip_weekends_and_days_off() {
        let law = WorkCalendar::law();
        // Thursday 30 April 2026 + 3 working days: Fri 1 May, (weekend),
        // Mon 4 May is set equal to 5 May (Tue, off), so Wed 6, Thu 7.
        assert_eq!(law.add_working_days(d(2026, 4, 30), 3), d(2026, 5, 7));
        assert_eq!(law.working_days_between(d(2026, 4, 30), d(2026, 5, 7)), 3);
        assert_eq!(law.add_working_days(d(2026, 4, 30), 0), d(2026, 4, 30));
        assert_eq!(
            Term::WorkingDays(10).end(d(2026, 12, 18), &law),
            d(2027, 1, 5),
            "Christmas and New Year's Day 2027 skipped"
        );
    }

    #[test]
    fn a_term_set_by_law_moves_off_a_day_off_unless_it_is_three_months_or_more() {
        let law = WorkCalendar::law();
        // Wbk: acknowledgement within 7 days of receipt on Tuesday 28 April
        // ends Tuesday 5 May, a holiday: moved to Wednesday 6 May.
        let end = Term::Days(7).end(d(2026, 4, 28), &law);
        assert_eq!(end, d(2026, 5, 5));
        assert_eq!(law.law_term_end(end, Term::Days(7)), d(2026, 5, 6));
        // Feedback within 3 months: ends on a Sunday and stays there.
        let end = Term::Months(3).end(d(2026, 3, 1), &law);
        assert_eq!(end, d(2026, 6, 1));
        let end = Term::Months(3).end(d(2026, 2, 28), &law);
        assert_eq!(end, d(2026, 5, 28));
        let sunday = d(2026, 5, 31);
        assert_eq!(law.law_term_end(sunday, Term::Months(3)), sunday);
        assert_eq!(law.law_term_end(sunday, Term::Weeks(6)), d(2026, 6, 1));
        assert_eq!(Term::Months(1).end(d(2026, 1, 31), &law), d(2026, 2, 28));
        assert_eq!(Term::Weeks(2).end(d(2026, 1, 31), &law), d(2026, 2, 14));
    }

    #[test]
    fn quarters() {
        assert_eq!(quarter(d(2026, 1, 1)), 1);
        assert_eq!(quarter(d(2026, 3, 31)), 1);
        assert_eq!(quarter(d(2026, 4, 1)), 2);
        assert_eq!(quarter(d(2026, 12, 31)), 4);
    }
}
