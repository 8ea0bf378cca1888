-- Compartment hr: files kept with a complaint. Migrations are append-only:
-- never edit this file once released.
--
-- An attachment's bytes are sealed (XChaCha20-Poly1305) under its
-- complaint's key, bound to the complaint and the attachment, so that only
-- the complaint's readers can open it; its name, type and size are in the
-- complaint's sealed content. It goes with the complaint when that is
-- destroyed, and is sealed again under a new key when a reader is taken
-- off.
CREATE TABLE complaint_attachments (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
    content      BLOB    NOT NULL
);

CREATE INDEX complaint_attachments_by_complaint ON complaint_attachments (complaint_id);
