-- Compartment org, first schema. Migrations are append-only: never edit this file once released.
-- The audit trail, exactly as vertrouwd-vault's audit::SCHEMA gives it.
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

-- The people who use this vault. Every user holds the org compartment, so
-- this is the directory every user can read. Key material lives in the
-- keyring, never here.
CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    login          TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    roles          TEXT NOT NULL,
    public_key     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    removed_at     TEXT,
    removed_reason TEXT
);
CREATE UNIQUE INDEX users_active_login ON users (login) WHERE removed_at IS NULL;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
