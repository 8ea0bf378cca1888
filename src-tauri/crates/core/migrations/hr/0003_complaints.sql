-- Compartment hr: the complaints register. Migrations are append-only.
--
-- Everything about a complaint is sealed (XChaCha20-Poly1305) under a key
-- of its own, so that a complaint restricted to named users is unreadable
-- to every other hr holder, though they hold this database's key. In the
-- clear are only its reference (numbering needs every reference) and
-- which boxes hold its key. See complaints::keys.

-- The key under which the complaints every hr holder may read have their
-- key wrapped: it is readable by whoever opens this database.
CREATE TABLE complaint_register_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BLOB NOT NULL
);

CREATE TABLE complaints (
    id        INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    -- Sealed: what lists, the dashboard and the calendar read.
    summary   BLOB NOT NULL
);

-- Sealed: parties, description, procedure, steps, timeline. A table of its
-- own, so that reading every summary does not read (and decrypt) the pages
-- of every complaint's content.
CREATE TABLE complaint_contents (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id) ON DELETE CASCADE,
    content      BLOB NOT NULL
);

-- The complaint's key, once per reader: holder '*' is every hr holder (the
-- key wrapped under the register key), any other holder a user id (the key
-- sealed to that user's public key, which only they can open).
CREATE TABLE complaint_keys (
    complaint_id INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
    holder       TEXT    NOT NULL,
    sealed       TEXT    NOT NULL,
    PRIMARY KEY (complaint_id, holder)
);

-- The register's settings (the reference prefix, the organisation's
-- calendar), one value per key.
CREATE TABLE complaint_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
