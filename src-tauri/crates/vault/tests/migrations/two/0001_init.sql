CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    actor     TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    object    TEXT,
    prev_hash BLOB    NOT NULL,
    hash      BLOB    NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
-- Who holds this compartment's key, kept inside the compartment itself:
-- only someone who holds the key can write this database, so only a
-- holder can change the list. Key rotations seal the new key to this
-- list and to nobody else.
CREATE TABLE vault_holders (
    user_id    TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    added_by   TEXT NOT NULL
);
-- Commitments (HMAC-SHA256 under the key) of the keys this database had
-- before its current one: a holder who last used an older key accepts a
-- new one only when the database it opens remembers the key they had.
CREATE TABLE vault_key_history (
    commitment BLOB PRIMARY KEY,
    retired_at TEXT NOT NULL
);
-- A re-key that was started and not yet finished: the commitment of the
-- key the database is moving to.
CREATE TABLE vault_rekey (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    commitment BLOB NOT NULL,
    started_at TEXT NOT NULL
);
