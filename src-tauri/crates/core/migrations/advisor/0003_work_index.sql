-- Compartment advisor: time spent per case and per year is read from this
-- index alone, without decrypting the pages that hold the notes.
-- Migrations are append-only: never edit this file once released.
CREATE INDEX conversations_work ON conversations (case_id, held_on, minutes);
