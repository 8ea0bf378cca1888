"""An independent reader of the vault.

Reads keyring.json as documented in ARCHITECTURE.md with other crypto
libraries (argon2-cffi, PyNaCl), recovers the raw compartment keys from a
user's passphrase, and opens the databases with SQLCipher 4 through
sqlcipher3 — none of Vertrouwd's code involved. Plain SQLite must fail.
"""

import base64
import hashlib
import hmac
import json
import os
import sqlite3
import struct
import subprocess
from pathlib import Path

import pytest
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_scalarmult,
    crypto_scalarmult_base,
)
from sqlcipher3 import dbapi2 as sqlcipher

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "target" / "debug" / "vertrouwd"
PASS = "paars konijn fietst 42 keer"
ORG = "Stichting Çağrı & Ideeën"


def aad(purpose, *fields):
    out = b"vertrouwd/v1"
    for f in (purpose, *fields):
        b = f.encode()
        out += struct.pack(">I", len(b)) + b
    return out


def hkdf_sha256(ikm, info, length=32):
    prk = hmac.new(b"\x00" * 32, ikm, hashlib.sha256).digest()
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()[:length]


def unseal(env, key, ad):
    return crypto_aead_xchacha20poly1305_ietf_decrypt(
        base64.b64decode(env["ct"]), ad, base64.b64decode(env["nonce"]), key
    )


def hmac_sha256(key, msg):
    return hmac.new(key, msg, hashlib.sha256).digest()


def compartment_keys(vault, login, passphrase):
    """The keys delivered to the user: the sealed boxes of their slot."""
    return unlock_slot(vault, login, passphrase)["keys"]


def pinned_keys(vault, login, passphrase):
    """The keys the user accepted: their pins, under a key derived from
    their private key."""
    return unlock_slot(vault, login, passphrase)["pins"]


def unlock_slot(vault, login, passphrase):
    k = json.loads((vault / "keyring.json").read_text())
    tag = hashlib.sha256(
        b"vertrouwd-login-v1\0" + k["vault_id"].encode() + b"\0" + login.lower().encode()
    ).hexdigest()
    slot = next(u for u in k["users"] if u["login_tag"] == tag)
    p = slot["passphrase"]
    kek = hash_secret_raw(
        passphrase.encode(),
        base64.b64decode(p["salt"]),
        time_cost=p["kdf"]["t"],
        memory_cost=p["kdf"]["m_kib"],
        parallelism=p["kdf"]["p"],
        hash_len=32,
        type=Type.ID,
        version=19,
    )
    sk = unseal(
        p["private_key"],
        kek,
        aad("private-key", k["vault_id"], slot["user_id"], "passphrase", slot["public_key"]),
    )
    pk = crypto_scalarmult_base(sk)
    assert base64.b64encode(pk).decode() == slot["public_key"]
    keys = {}
    for name, box in slot["keys"].items():
        epk = base64.b64decode(box["epk"])
        shared = crypto_scalarmult(sk, epk)
        box_key = hkdf_sha256(shared, b"vertrouwd sealed box v1" + epk + pk)
        keys[name] = unseal(
            box, box_key, aad("compartment-key", k["vault_id"], slot["user_id"], name, "current")
        )
    pin_key = hkdf_sha256(sk, b"vertrouwd pin v1" + pk)
    pins = {
        name: unseal(env, pin_key, aad("pinned-key", k["vault_id"], slot["user_id"], name))
        for name, env in slot.get("pins", {}).items()
    }
    return {"keyring": k, "slot": slot, "keys": keys, "pins": pins}


def commitment(key, vault_id, compartment):
    return hmac_sha256(key, aad("key-commitment", vault_id, compartment))


def open_db(path, key):
    con = sqlcipher.connect(str(path))
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return con


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


PAGE = 4096
RESERVE = 80  # SQLCipher 4: 16-byte IV + 64-byte HMAC-SHA512 per page


def decrypt_page(key, page, first):
    """One SQLCipher 4 page decrypted with AES-256-CBC (the raw key)."""
    iv = page[PAGE - RESERVE:PAGE - RESERVE + 16]
    body = page[16 if first else 0:PAGE - RESERVE]
    d = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return d.update(body) + d.finalize()


def raw_plaintext(vault, name, key):
    """Every page of the database file and of its WAL decrypted, free and
    stale pages included: what an attacker with the key could carve."""
    out = b""
    data = (vault / name).read_bytes()
    for n in range(len(data) // PAGE):
        out += decrypt_page(key, data[n * PAGE:(n + 1) * PAGE], n == 0)
    wal = vault / f"{name}-wal"
    if wal.exists():
        w = wal.read_bytes()
        at = 32
        while at + 24 + PAGE <= len(w):
            number = struct.unpack(">I", w[at:at + 4])[0]
            out += decrypt_page(key, w[at + 24:at + 24 + PAGE], number == 1)
            at += 24 + PAGE
    return out


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
