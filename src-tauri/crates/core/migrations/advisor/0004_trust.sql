-- Compartment advisor: who holds its key, the keys it had, a re-key under way.
-- The vault's trust tables, exactly as vertrouwd-vault's trust::SCHEMA gives them.
-- Migrations are append-only: never edit this file once released.
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
