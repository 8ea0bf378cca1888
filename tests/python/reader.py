"""An independent reader of the vault, for the tests beside it.

Reads keyring.json as documented in ARCHITECTURE.md with other crypto
libraries (argon2-cffi, PyNaCl, cryptography), recovers a user's private
key and raw compartment keys from their passphrase, opens sealed boxes and
sealed records, and decrypts SQLCipher 4 pages — none of Vertrouwd's code
involved.
"""

import base64
import hashlib
import hmac
import json
import struct
from pathlib import Path

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
PASS_B = "groene olifant zwemt 17 baantjes"
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
    keys = {
        name: open_sealed_box(
            sk, box, aad("compartment-key", k["vault_id"], slot["user_id"], name, "current")
        )
        for name, box in slot["keys"].items()
    }
    pin_key = hkdf_sha256(sk, b"vertrouwd pin v1" + pk)
    pins = {
        name: unseal(env, pin_key, aad("pinned-key", k["vault_id"], slot["user_id"], name))
        for name, env in slot.get("pins", {}).items()
    }
    return {"keyring": k, "slot": slot, "keys": keys, "pins": pins, "private_key": sk}


def open_sealed_box(sk, box, ad):
    """A key sealed to the public key of `sk` (ephemeral X25519, HKDF-SHA256,
    XChaCha20-Poly1305)."""
    pk = crypto_scalarmult_base(sk)
    epk = base64.b64decode(box["epk"])
    shared = crypto_scalarmult(sk, epk)
    box_key = hkdf_sha256(shared, b"vertrouwd sealed box v1" + epk + pk)
    return unseal(box, box_key, ad)


def open_bytes(key, sealed, ad):
    """A sealed record as a database column holds it: version 1, a 24-byte
    nonce, then XChaCha20-Poly1305 ciphertext and tag."""
    assert sealed[0] == 1, "version"
    return crypto_aead_xchacha20poly1305_ietf_decrypt(sealed[25:], ad, sealed[1:25], key)


def commitment(key, vault_id, compartment):
    return hmac_sha256(key, aad("key-commitment", vault_id, compartment))


def open_db(path, key):
    con = sqlcipher.connect(str(path))
    con.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return con


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
