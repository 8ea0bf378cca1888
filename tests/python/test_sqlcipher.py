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


def compartment_keys(vault, login, passphrase):
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
    return keys


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
         "--login", "ayse", "--roles", "advisor,hr", "--kdf-floor"],
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


def test_a_wrong_key_reads_nothing(vault):
    con = sqlcipher.connect(str(vault / "org.db"))
    con.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
    with pytest.raises(sqlcipher.DatabaseError):
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    con.close()
