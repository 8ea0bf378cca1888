-- Compartment hr: HR's annual report's own words and its plan. Migrations
-- are append-only: never edit this file once released.

-- The report's own words per year and section (introduction, conclusions,
-- the Awb 9:12a summary), as HR last saved them. Same shape as the
-- advisor's (see report_texts.rs).
CREATE TABLE annual_texts (
    year    INTEGER NOT NULL,
    section TEXT    NOT NULL,
    text    TEXT    NOT NULL,
    PRIMARY KEY (year, section)
);

-- The plan van aanpak: each recommendation of a year's report as an action
-- with an owner and a date; next year's report shows how it stands.
CREATE TABLE report_actions (
    id             INTEGER PRIMARY KEY,
    year           INTEGER NOT NULL,  -- the report that recommended it
    recommendation TEXT    NOT NULL,
    owner          TEXT    NOT NULL,  -- a role or a name, as HR writes it
    due_on         TEXT    NOT NULL,  -- YYYY-MM-DD
    status         TEXT    NOT NULL DEFAULT 'planned'
                   CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
    note           TEXT
);

CREATE INDEX report_actions_by_year ON report_actions (year);
