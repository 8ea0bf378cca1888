//! References the register gives its records: `PREFIX-YEAR-NNN` (`VP-2026-007`
//! for the advisor, `KL-2026-001` for a complaint), numbered per year from
//! 001, the prefix a setting of the register.

use crate::error::{Invalid, Reason};
use crate::validate::required_text;

/// The longest prefix.
pub const MAX_PREFIX: usize = 12;

/// A prefix as the settings accept it: letters and digits only, at most
/// [`MAX_PREFIX`].
pub fn check_prefix(value: &str, field: &str) -> Result<String, Invalid> {
    let prefix = required_text(value, field, MAX_PREFIX)?;
    if !prefix.chars().all(char::is_alphanumeric) {
        return Err(Invalid::new(field, Reason::Invalid));
    }
    Ok(prefix)
}

/// The longest reference a user gives (one kept from an earlier register).
pub const MAX_REFERENCE: usize = 40;

/// A reference the user gives rather than the register: kept as written,
/// at most [`MAX_REFERENCE`] characters, without spaces; `None` when empty.
pub fn given(value: Option<&str>, field: &str) -> Result<Option<String>, Invalid> {
    let reference = crate::validate::optional_text(value, field, MAX_REFERENCE)?;
    if reference
        .as_deref()
        .is_some_and(|r| r.contains(char::is_whitespace))
    {
        return Err(Invalid::new(field, Reason::Invalid));
    }
    Ok(reference)
}

/// What every reference of `year` starts with: `VP-2026-`.
pub fn stem(prefix: &str, year: i32) -> String {
    format!("{prefix}-{year}-")
}

/// The next reference of `year` after those `taken` (references that do not
/// follow the pattern are ignored): one past the highest number, at least
/// three digits.
pub fn next<'a>(prefix: &str, year: i32, taken: impl IntoIterator<Item = &'a str>) -> String {
    let stem = stem(prefix, year);
    let highest = taken
        .into_iter()
        .filter_map(|r| r.strip_prefix(&stem)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("{stem}{:03}", highest + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_run_per_year_and_prefix_from_one() {
        assert_eq!(next("VP", 2026, []), "VP-2026-001");
        let taken = ["VP-2026-001", "VP-2026-007", "VP-2025-012", "KL-2026-040"];
        assert_eq!(next("VP", 2026, taken), "VP-2026-008");
        assert_eq!(next("VP", 2025, taken), "VP-2025-013");
        assert_eq!(next("KL", 2026, taken), "KL-2026-041");
    }

    #[test]
    fn hand_made_references_do_not_disturb_the_count() {
        let taken = ["VP-2026-oud", "VP-2026-003a", "VP-2026-002", "2026-999"];
        assert_eq!(next("VP", 2026, taken), "VP-2026-003");
    }

    #[test]
    fn past_nine_hundred_ninety_nine_the_number_grows() {
        assert_eq!(next("VP", 2026, ["VP-2026-999"]), "VP-2026-1000");
    }

    #[test]
    fn a_given_reference_is_kept_without_spaces() {
        assert_eq!(
            given(Some(" KL-2019-12a "), "r"),
            Ok(Some("KL-2019-12a".into()))
        );
        assert_eq!(given(Some(" "), "r"), Ok(None));
        assert_eq!(
            given(Some("KL 12"), "r").map_err(|e| e.reason),
            Err(Reason::Invalid)
        );
        let long = "K".repeat(MAX_REFERENCE + 1);
        assert_eq!(
            given(Some(&long), "r").map_err(|e| e.reason),
            Err(Reason::TooLong)
        );
    }

    #[test]
    fn a_prefix_is_letters_and_digits() {
        assert_eq!(check_prefix(" KL ", "p").expect("accepted"), "KL");
        assert_eq!(check_prefix("VP2", "p").expect("accepted"), "VP2");
        assert_eq!(
            check_prefix("V-P", "p").expect_err("refused").reason,
            Reason::Invalid
        );
        assert_eq!(
            check_prefix("", "p").expect_err("refused").reason,
            Reason::Required
        );
        assert_eq!(
            check_prefix(&"A".repeat(MAX_PREFIX + 1), "p")
                .expect_err("refused")
                .reason,
            Reason::TooLong
        );
    }
}
