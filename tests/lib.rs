//! vertrouwd-tests: scenario tests that walk a user story through the
//! public api and the `vertrouwd` command. The tests live in `scenarios/`;
//! the end-to-end tests of the desktop app in `e2e/`.
