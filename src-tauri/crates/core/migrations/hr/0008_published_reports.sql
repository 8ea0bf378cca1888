-- Compartment hr: HR's annual report of each year as it was published:
-- every figure exactly as the report showed it (after disclosure control)
-- and the advisors' releases it was made from, frozen. The report of that
-- year is written from these ever after, and later years compare with
-- them and never with figures counted again (a count that changed since
-- would otherwise give away the difference). Migrations are append-only:
-- never edit this file once released.
CREATE TABLE published_reports (
    year          INTEGER PRIMARY KEY,
    figures       TEXT    NOT NULL,  -- JSON: the report's figures as published
    published_at  TEXT    NOT NULL,
    published_by  TEXT    NOT NULL   -- the user's display name
);
