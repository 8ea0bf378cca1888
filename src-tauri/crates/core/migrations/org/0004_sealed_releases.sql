-- Compartment org: the statistics releases the confidential advisor
-- publishes for HR, sealed so that only users with the hr role can read
-- them — managers hold org.db too. Migrations are append-only: never edit
-- this file once released.
--
-- What was kept here in the clear before is removed (secure_delete
-- overwrites its pages): the advisor publishes it again, sealed.
DROP TABLE advisor_statistics;

CREATE TABLE published_releases (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    published_at TEXT    NOT NULL,
    -- The signed release file, XChaCha20-Poly1305 under the release's own
    -- key (version 1 ‖ nonce ‖ ciphertext).
    sealed       BLOB    NOT NULL
);

-- The release's key, once per hr user, sealed to their public key.
CREATE TABLE published_release_boxes (
    release_id INTEGER NOT NULL REFERENCES published_releases (id) ON DELETE CASCADE,
    holder     TEXT    NOT NULL,
    sealed     TEXT    NOT NULL,
    PRIMARY KEY (release_id, holder)
);
