//! Passphrase strength: zxcvbn's estimate plus a minimum length.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Fewest characters accepted.
pub const MIN_LENGTH: usize = 10;
/// Lowest zxcvbn score (0–4) accepted.
pub const MIN_SCORE: u8 = 3;

/// What the strength meter shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Strength {
    /// 0 (very weak) to 4 (very strong).
    pub score: u8,
    pub acceptable: bool,
    /// Why it is not acceptable, as a key the UI translates.
    pub hint: Option<StrengthHint>,
}

/// The main reason a passphrase is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StrengthHint {
    TooShort,
    TooGuessable,
    ContainsName,
}

/// Rates `passphrase`; `context` holds words it must not lean on (the
/// organisation, the user's name and login).
pub fn rate(passphrase: &str, context: &[&str]) -> Strength {
    let length = passphrase.chars().count();
    let words: Vec<&str> = context.iter().flat_map(|c| c.split_whitespace()).collect();
    let score = if passphrase.is_empty() {
        0
    } else {
        u8::from(zxcvbn::zxcvbn(passphrase, &words).score())
    };
    let lower = passphrase.to_lowercase();
    let contains_name = words
        .iter()
        .any(|w| w.chars().count() >= 4 && lower.contains(&w.to_lowercase()));
    let hint = if length < MIN_LENGTH {
        Some(StrengthHint::TooShort)
    } else if score < MIN_SCORE && contains_name {
        Some(StrengthHint::ContainsName)
    } else if score < MIN_SCORE {
        Some(StrengthHint::TooGuessable)
    } else {
        None
    };
    Strength {
        score,
        acceptable: hint.is_none(),
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_and_strong() {
        assert_eq!(rate("kort", &[]).hint, Some(StrengthHint::TooShort));
        assert_eq!(
            rate("wachtwoord1", &[]).hint,
            Some(StrengthHint::TooGuessable)
        );
        assert!(rate("paars konijn fietst 42 keer", &[]).acceptable);
        assert!(!rate("", &[]).acceptable);
    }
}
