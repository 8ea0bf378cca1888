-- Compartment hr: the facts of each complaint that the year's figures
-- count (codes, quarters, counts: what a tombstone keeps), sealed under
-- the complaint's key as a part of their own, so that the figures over
-- thousands of complaints read these few bytes and not every content.
-- Written at every change of the complaint; a complaint written before
-- this migration has none until its next change, and its content is read
-- instead. Migrations are append-only: never edit this file once released.
CREATE TABLE complaint_facts (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id) ON DELETE CASCADE,
    facts        BLOB    NOT NULL
);
