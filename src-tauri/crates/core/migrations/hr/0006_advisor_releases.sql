-- Compartment hr: the statistics releases of the organisation's
-- confidential advisors, imported for the annual report. Migrations are
-- append-only: never edit this file once released.
--
-- Each is kept as the signed file it arrived as, and checked again every
-- time it is read: a number changed here after the import is noticed too.
CREATE TABLE advisor_releases (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    advisor_key  TEXT    NOT NULL,  -- the Ed25519 key that signed it
    file         TEXT    NOT NULL,  -- the signed release file
    imported_at  TEXT    NOT NULL,
    UNIQUE (year, advisor_key)
);
