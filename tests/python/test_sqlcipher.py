"""The vault read by an independent reader (reader.py).

It recovers the raw compartment keys from a user's passphrase and opens
the databases with SQLCipher 4 through sqlcipher3 — none of Vertrouwd's
code involved. Plain SQLite must fail.
"""

import json
import os
import sqlite3
import subprocess

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from reader import (
    CLI,
    ORG,
    PASS,
    commitment,
    compartment_keys,
    open_db,
    raw_plaintext,
    unlock_slot,
)


@pytest.fixture(scope="module")
def vault(tmp_path_factory):
    base = tmp_path_factory.mktemp("v")
    vault = base / "kluis"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(base),
        "TMPDIR": str(base),
        "VERTROUWD_NEW_PASSPHRASE": PASS,
    }
    subprocess.run(
        [str(CLI), "--vault", str(vault), "init", "--org", ORG, "--user", "Ayşe Yılmaz",
         "--login", "ayse", "--roles", "advisor,hr", "--confirm-combined-roles", "--kdf-floor"],
        check=True, env=env, capture_output=True,
    )
    return vault


def test_headers_are_not_plain_sqlite(vault):
    for name in ("org.db", "hr.db", "advisor.db"):
        head = (vault / name).read_bytes()[:16]
        assert head != b"SQLite format 3\x00", f"{name} has a plain SQLite header"


def test_plain_sqlite_cannot_read(vault):
    for name in ("org.db", "hr.db", "advisor.db"):
        con = sqlite3.connect(vault / name)
        with pytest.raises(sqlite3.DatabaseError):
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        con.close()


def test_sqlcipher4_reads_each_database_with_the_raw_key(vault):
    keys = compartment_keys(vault, "AYSE", PASS)
    assert set(keys) == {"org", "hr", "advisor"}
    for name, key in keys.items():
        con = sqlcipher.connect(str(vault / f"{name}.db"))
        con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "audit_log" in tables, f"{name}: {tables}"
        if name == "org":
            org = con.execute("SELECT value FROM settings WHERE key='organisation'").fetchone()[0]
            assert org == ORG
            user = con.execute("SELECT display_name FROM users").fetchone()[0]
            assert user == "Ayşe Yılmaz"
        con.close()


def test_pins_hold_the_delivered_keys_and_the_compartments_list_their_holders(vault):
    u = unlock_slot(vault, "ayse", PASS)
    assert u["keyring"]["version"] == 2
    assert set(u["pins"]) == {"org", "hr", "advisor"}
    assert u["pins"] == u["keys"], "a new vault's pins and boxes hold the same keys"
    for name, key in u["pins"].items():
        con = open_db(vault / f"{name}.db", key)
        holders = con.execute("SELECT user_id, public_key FROM vault_holders").fetchall()
        con.close()
        assert holders == [(u["slot"]["user_id"], u["slot"]["public_key"])], f"{name}: {holders}"


def test_a_rotation_remembers_the_old_key_by_its_commitment(tmp_path):
    vault = tmp_path / "rot"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "TMPDIR": str(tmp_path),
           "VERTROUWD_VAULT": str(vault), "VERTROUWD_USER": "hanna",
           "VERTROUWD_PASSPHRASE": PASS, "VERTROUWD_NEW_PASSPHRASE": PASS}
    run = lambda *args: subprocess.run([str(CLI), *args], check=True, env=env, capture_output=True)
    run("init", "--org", ORG, "--user", "Hanna", "--login", "hanna", "--roles", "hr", "--kdf-floor")
    run("user", "add", "--name", "Piet", "--login", "piet", "--roles", "hr")
    before = unlock_slot(vault, "hanna", PASS)
    run("user", "remove", "piet", "--reason", "uit dienst")
    after = unlock_slot(vault, "hanna", PASS)
    vault_id = after["keyring"]["vault_id"]
    for name in ("org", "hr"):
        old, new = before["pins"][name], after["pins"][name]
        assert old != new, f"{name} was rotated"
        assert after["keys"][name] == new
        con = open_db(vault / f"{name}.db", new)
        history = [r[0] for r in con.execute("SELECT commitment FROM vault_key_history")]
        holders = [r[0] for r in con.execute("SELECT user_id FROM vault_holders")]
        pending = con.execute("SELECT count(*) FROM vault_rekey").fetchone()[0]
        con.close()
        assert commitment(old, vault_id, name) in history
        assert holders == [after["slot"]["user_id"]]
        assert pending == 0, "the rotation finished"


def test_a_wrong_key_reads_nothing(vault):
    con = sqlcipher.connect(str(vault / "org.db"))
    con.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
    with pytest.raises(sqlcipher.DatabaseError):
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()


def plaintext_export(vault, tmp_path, name):
    """advisor.db decrypted into a plain SQLite file with sqlcipher_export."""
    keys = compartment_keys(vault, "ayse", PASS)
    out = tmp_path / name
    con = sqlcipher.connect(str(vault / "advisor.db"))
    con.execute(f"PRAGMA key = \"x'{keys['advisor'].hex()}'\"")
    con.execute(f"ATTACH DATABASE '{out}' AS plain KEY ''")
    con.execute("SELECT sqlcipher_export('plain')")
    con.execute("DETACH DATABASE plain")
    con.close()
    return out.read_bytes()


def test_a_destroyed_case_leaves_nothing_in_a_plaintext_export(vault, tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path),
        "VERTROUWD_VAULT": str(vault),
        "VERTROUWD_USER": "ayse",
        "VERTROUWD_PASSPHRASE": PASS,
    }
    name = "Vernietigmelder Çağrıqx"
    # Starts with letters no other word shares, so the full-text index's
    # prefix compression stores it whole.
    word = "qqzxwoordje"
    case = {
        "first_contact": "2026-02-03", "channel": "phone", "reporter_role": "employee",
        "reporter": {"name": name}, "natures": [{"nature_id": 3}],
        "persons": [{"relation": "colleague", "name": "Betrokkene Ïjsselqx"}],
    }
    run = lambda args, stdin=None: subprocess.run(
        [str(CLI), *args], input=stdin, check=True, env=env, capture_output=True, text=True)
    reference = run(["case", "add"], json.dumps(case)).stdout.strip()
    note = {"held_on": "2026-02-04", "minutes": 30, "mode": "phone",
            "notes": f"Notitie met {word} en ideeën " * 50}
    run(["case", "note", "add", reference], json.dumps(note))

    key = compartment_keys(vault, "ayse", PASS)["advisor"]
    before = plaintext_export(vault, tmp_path, "before.db")
    raw_before = raw_plaintext(vault, "advisor.db", key)
    # The test can see the case while it exists…
    for marker in (name, word, "Ïjsselqx"):
        assert marker.encode() in before, f"{marker} should be in the export before"
        assert marker.encode() in raw_before, f"{marker} should be in the raw pages before"
    plain = sqlite3.connect(tmp_path / "before.db")
    index = b"".join(r[0] for r in plain.execute("SELECT block FROM case_search_data"))
    plain.close()
    assert word.encode() in index, "the word should be in the full-text index before"

    run(["case", "destroy", reference, "--confirm", reference,
         "--reason", "reporter_request"])
    after = plaintext_export(vault, tmp_path, "after.db")
    # …and after destruction nothing of it is left, not in free pages, not
    # in the full-text index.
    raw_after = raw_plaintext(vault, "advisor.db", key)
    for marker in (name, word, "Ïjsselqx"):
        assert marker.encode() not in after, f"{marker} survived destruction"
        assert marker.encode() not in raw_after, f"{marker} left in free pages or the WAL"
    plain = sqlite3.connect(tmp_path / "after.db")
    assert plain.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
    assert plain.execute("SELECT count(*) FROM tombstones").fetchone()[0] == 1
    action, obj = plain.execute(
        "SELECT action, object FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert action == "case.destroyed_early" and obj == f"{reference}:reporter_request"
    plain.close()
    wal = vault / "advisor.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL is emptied"
