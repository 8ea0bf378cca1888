//! Scenario tests across the crates and the `vertrouwd` command.

mod cli;
mod config;
mod disk;
mod exports;
mod generate;
mod identifier;
mod kill;
mod marker;
mod memory;
mod recovery_sheet;
mod rollback;
mod separation;
mod spellings;
mod tamper;
mod trust;
mod upgrade;
mod version;
