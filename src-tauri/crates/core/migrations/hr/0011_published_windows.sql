-- Compartment hr: HR's reports over three years together, as published:
-- the figures exactly as the report showed them, frozen like a single
-- year's (see 0008). Blocks never overlap, and no single year inside a
-- published block is published afterwards, so no two published reports
-- can be subtracted into a small count. Migrations are append-only: never
-- edit this file once released.
CREATE TABLE published_windows (
    first_year    INTEGER NOT NULL,
    last_year     INTEGER NOT NULL,
    figures       TEXT    NOT NULL,  -- JSON: the report's figures as published
    published_at  TEXT    NOT NULL,
    published_by  TEXT    NOT NULL,  -- the user's display name
    PRIMARY KEY (first_year, last_year)
);
