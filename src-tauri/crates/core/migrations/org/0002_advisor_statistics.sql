-- Compartment org: statistics releases the confidential advisor published
-- for HR. Anonymised aggregates only (see vertrouwd-core advisor::stats).
-- Migrations are append-only: never edit this file once released.
CREATE TABLE advisor_statistics (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    released_at TEXT    NOT NULL,
    body        TEXT    NOT NULL
);
