-- How long each step took, kept in a complaint's tombstone too, so the
-- annual report's time per step counts destroyed complaints: a JSON list
-- of [step key, days from receipt]. Tombstones made before hold none.
ALTER TABLE complaint_tombstones ADD COLUMN step_days TEXT NOT NULL DEFAULT '[]';
