-- Compartment advisor: the confidential advisor's register.
-- Migrations are append-only: never edit this file once released.
-- Dates are ISO 'YYYY-MM-DD'; times of writing are RFC 3339 in UTC.
-- Enumerated values (channel, role, relation, ...) are the snake_case
-- names of the Rust enums in vertrouwd-core's advisor module.

-- Settings of the register: reference prefix, the threshold k, retention.
CREATE TABLE register_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The natures of a report (aard van de melding): a list the advisor can
-- extend, rename and retire; one in use is never deleted.
CREATE TABLE natures (
    id         INTEGER PRIMARY KEY,
    code       TEXT UNIQUE,          -- shipped defaults have a code; added ones do not
    name       TEXT NOT NULL UNIQUE,
    position   INTEGER NOT NULL,
    retired_at TEXT
);
INSERT INTO natures (code, name, position) VALUES
    ('sexual_harassment',   'seksuele intimidatie', 1),
    ('aggression_violence', 'agressie en geweld', 2),
    ('bullying',            'pesten', 3),
    ('discrimination',      'discriminatie', 4),
    ('other_undesirable',   'overige ongewenste omgangsvormen', 5),
    ('integrity',           'integriteit / vermoeden van een misstand', 6),
    ('workload_conflict',   'werkdruk / arbeidsconflict / overig', 7);

CREATE TABLE cases (
    id                 INTEGER PRIMARY KEY,
    reference          TEXT NOT NULL UNIQUE,
    first_contact      TEXT NOT NULL,
    channel            TEXT NOT NULL,
    closed_on          TEXT,                 -- NULL while open
    anonymous          INTEGER NOT NULL,
    reporter_name      TEXT,
    reporter_phone     TEXT,
    reporter_email     TEXT,
    contact_preference TEXT,                 -- preferred way and time to be contacted
    reporter_role      TEXT NOT NULL,
    department         TEXT,
    gender             TEXT,
    outcome            TEXT,
    other_minutes      INTEGER NOT NULL DEFAULT 0,  -- time spent outside conversations
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (anonymous IN (0, 1)),
    CHECK (closed_on IS NULL OR closed_on >= first_contact)
);
CREATE INDEX cases_first_contact ON cases (first_contact);

CREATE TABLE case_natures (
    case_id   INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    nature_id INTEGER NOT NULL REFERENCES natures (id),
    ground    TEXT,                          -- for discrimination: the ground
    PRIMARY KEY (case_id, nature_id)
);

-- The person(s) the report concerns.
CREATE TABLE case_persons (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    relation TEXT NOT NULL,
    name     TEXT
);

CREATE TABLE conversations (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    held_on    TEXT NOT NULL,
    minutes    INTEGER NOT NULL,
    mode       TEXT NOT NULL,
    with_whom  TEXT,
    notes      TEXT NOT NULL,
    next_step  TEXT,
    created_at TEXT NOT NULL,
    CHECK (minutes >= 0)
);
CREATE INDEX conversations_case ON conversations (case_id);

CREATE TABLE interventions (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    referral TEXT,                           -- for a referral: to whom
    on_date  TEXT NOT NULL,
    note     TEXT
);

CREATE TABLE follow_ups (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    due_on  TEXT NOT NULL,
    what    TEXT NOT NULL,
    done_on TEXT
);
CREATE INDEX follow_ups_due ON follow_ups (due_on) WHERE done_on IS NULL;

-- Consent recorded at intake and per disclosure or referral.
CREATE TABLE consents (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,               -- keep_notes, special_category, disclosure
    given       INTEGER NOT NULL,
    recipient   TEXT,
    what        TEXT,
    until       TEXT,
    recorded_on TEXT NOT NULL
);

CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size       INTEGER NOT NULL,
    content    BLOB NOT NULL,
    added_at   TEXT NOT NULL
);

-- Full-text search over reference, names and notes; rowid = cases.id.
-- Kept by the application (rewritten whenever a case changes) so that
-- destroying a case removes its words as well.
CREATE VIRTUAL TABLE case_search USING fts5 (
    reference, names, notes,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- What remains of a destroyed case: nothing identifying, enough to keep
-- later statistics right. Lists are JSON arrays of codes or nature ids.
CREATE TABLE tombstones (
    id             INTEGER PRIMARY KEY,
    opened_year    INTEGER NOT NULL,
    opened_quarter INTEGER NOT NULL,
    closed_year    INTEGER,
    closed_quarter INTEGER,
    natures        TEXT NOT NULL,
    reporter_role  TEXT NOT NULL,
    relations      TEXT NOT NULL,
    interventions  TEXT NOT NULL,
    outcome        TEXT,
    days_open      INTEGER,
    work           TEXT NOT NULL,            -- JSON: {year: [conversations, minutes]}
    destroyed_year INTEGER NOT NULL
);

-- Every statistics release, exactly as it left.
CREATE TABLE releases (
    id          INTEGER PRIMARY KEY,
    year        INTEGER NOT NULL,
    k           INTEGER NOT NULL,
    released_at TEXT NOT NULL,
    published   INTEGER NOT NULL,            -- also written into org.db
    body        TEXT NOT NULL
);
