//! The vault's compartments and their migrations.
//!
//! | compartment | file | holds |
//! |---|---|---|
//! | `org` | org.db | users directory, settings, statistics the advisor published for HR; later people, code of conduct, onboarding, training |
//! | `hr` | hr.db | later the complaints register, imported statistics, annual report drafts |
//! | `advisor` | advisor.db | the confidential advisor's register (see [`crate::advisor`]) |

use sqlx::migrate::Migrator;
use vertrouwd_vault::CompartmentSpec;

pub const ORG: &str = "org";
pub const HR: &str = "hr";
pub const ADVISOR: &str = "advisor";

static ORG_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/org");
static HR_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/hr");
static ADVISOR_MIGRATIONS: Migrator = sqlx::migrate!("./migrations/advisor");

/// Every compartment, in display order.
pub static LAYOUT: &[CompartmentSpec] = &[
    CompartmentSpec {
        name: ORG,
        migrator: &ORG_MIGRATIONS,
    },
    CompartmentSpec {
        name: HR,
        migrator: &HR_MIGRATIONS,
    },
    CompartmentSpec {
        name: ADVISOR,
        migrator: &ADVISOR_MIGRATIONS,
    },
];
