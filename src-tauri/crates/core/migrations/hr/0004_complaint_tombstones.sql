-- Compartment hr: what stays of a destroyed complaint. Migrations are
-- append-only: never edit this file once released.
--
-- A tombstone holds codes and counts only, nothing that identifies anyone:
-- the annual report counts destroyed complaints from it. Its key and both
-- sealed parts are gone with the complaint's rows.
CREATE TABLE complaint_tombstones (
    id               INTEGER PRIMARY KEY,
    procedure        TEXT    NOT NULL,
    channel          TEXT    NOT NULL,
    natures          TEXT    NOT NULL,  -- JSON array of nature codes
    received_year    INTEGER NOT NULL,
    received_quarter INTEGER NOT NULL,
    ended_year       INTEGER NOT NULL,
    ended_quarter    INTEGER NOT NULL,
    ending           TEXT    NOT NULL,  -- closed, withdrawn, inadmissible
    finding          TEXT,              -- the decision's, else the advice's
    measures         TEXT    NOT NULL,  -- JSON array of measure codes
    steps_due        INTEGER NOT NULL,  -- steps that had a due date and were done
    steps_on_time    INTEGER NOT NULL,  -- of those, done by their due date
    days_open        INTEGER NOT NULL,
    destroyed_on     TEXT    NOT NULL
);
