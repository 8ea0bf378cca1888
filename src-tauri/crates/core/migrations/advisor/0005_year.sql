-- Compartment advisor: the advisor's year besides cases. Migrations are
-- append-only: never edit this file once released.

-- What the advisor did besides cases, for the jaarverslag (prevention
-- sessions, information meetings) and for their own re-certification
-- (intervision, courses).
CREATE TABLE activities (
    id       INTEGER PRIMARY KEY,
    held_on  TEXT    NOT NULL,              -- the day, YYYY-MM-DD
    kind     TEXT    NOT NULL,              -- prevention_session, information_meeting, intervision, course, other
    audience INTEGER CHECK (audience >= 0), -- people reached, when it had an audience
    minutes  INTEGER NOT NULL CHECK (minutes >= 0),
    topic    TEXT                           -- a few words, for the advisor's own list
);

CREATE INDEX activities_by_day ON activities (held_on);

-- The jaarverslag's own words per year and section (introduction,
-- signals, recommendations), as the advisor last saved them.
CREATE TABLE annual_texts (
    year    INTEGER NOT NULL,
    section TEXT    NOT NULL,
    text    TEXT    NOT NULL,
    PRIMARY KEY (year, section)
);
