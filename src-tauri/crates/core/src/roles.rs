//! Roles and the compartments they hold.
//!
//! | role | compartments |
//! |---|---|
//! | advisor (vertrouwenspersoon) | advisor, org |
//! | hr | hr, org |
//! | manager | org |
//!
//! No role but advisor ever holds the advisor compartment: the separation is
//! in the keys, and these checks are only the convenience on top.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::compartments::{ADVISOR, HR, ORG};

/// A user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Vertrouwenspersoon: the confidential advisor.
    Advisor,
    Hr,
    Manager,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Advisor, Role::Hr, Role::Manager];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Advisor => "advisor",
            Role::Hr => "hr",
            Role::Manager => "manager",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim().to_lowercase())
    }

    pub fn compartments(self) -> &'static [&'static str] {
        match self {
            Role::Advisor => &[ADVISOR, ORG],
            Role::Hr => &[HR, ORG],
            Role::Manager => &[ORG],
        }
    }
}

/// The compartments a set of roles holds, in layout order.
pub fn compartments_for(roles: &[Role]) -> Vec<String> {
    crate::compartments::LAYOUT
        .iter()
        .map(|s| s.name)
        .filter(|c| roles.iter().any(|r| r.compartments().contains(c)))
        .map(String::from)
        .collect()
}

/// Whether `roles` combine the confidential advisor with HR or management.
/// The advisor should be independent of both; combining them needs an
/// explicit confirmation.
pub fn combines_advisor(roles: &[Role]) -> bool {
    roles.contains(&Role::Advisor) && (roles.contains(&Role::Hr) || roles.contains(&Role::Manager))
}

/// Stored form: comma-separated, sorted, no duplicates.
pub fn join(roles: &[Role]) -> String {
    let mut r = roles.to_vec();
    r.sort();
    r.dedup();
    r.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(",")
}

pub fn split(stored: &str) -> Vec<Role> {
    stored.split(',').filter_map(Role::parse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_advisors_hold_the_advisor_compartment() {
        assert_eq!(compartments_for(&[Role::Hr]), vec!["org", "hr"]);
        assert_eq!(compartments_for(&[Role::Manager]), vec!["org"]);
        assert_eq!(compartments_for(&[Role::Advisor]), vec!["org", "advisor"]);
        assert_eq!(
            compartments_for(&[Role::Hr, Role::Manager]),
            vec!["org", "hr"]
        );
        assert_eq!(compartments_for(&Role::ALL), vec!["org", "hr", "advisor"]);
    }

    #[test]
    fn advisor_with_hr_or_manager_is_a_combination() {
        assert!(combines_advisor(&[Role::Advisor, Role::Hr]));
        assert!(combines_advisor(&[Role::Manager, Role::Advisor]));
        assert!(!combines_advisor(&[Role::Advisor]));
        assert!(!combines_advisor(&[Role::Hr, Role::Manager]));
    }

    #[test]
    fn stored_form_round_trips() {
        let roles = vec![Role::Manager, Role::Advisor, Role::Manager];
        assert_eq!(join(&roles), "advisor,manager");
        assert_eq!(split(&join(&roles)), vec![Role::Advisor, Role::Manager]);
        assert_eq!(Role::parse(" HR "), Some(Role::Hr));
        assert_eq!(Role::parse("admin"), None);
    }
}
