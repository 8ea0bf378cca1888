"""A complaint restricted from an HR colleague, read as that colleague.

Hanna holds hr.db like every hr user. A complaint about her is filed for
Ayşe and Piet only, with a marker in every field the register has. With
the vault folder and her own passphrase, and an independent reader
(reader.py), Hanna decrypts every page of hr.db and org.db (WAL and free
pages included), every complaint key in a box she can open, and every
sealed part such a key opens (attachments too): no marker anywhere. Piet,
through his own box, finds them all; and a complaint open to every hr user is readable to
Hanna, so her reader does read what she may.
"""

import json
import os
import sqlite3
import subprocess

from reader import (
    CLI,
    PASS,
    PASS_B,
    aad,
    compartment_keys,
    open_bytes,
    open_db,
    open_sealed_box,
    raw_plaintext,
    unlock_slot,
    unseal,
)

MARKERS = {
    "complainant": "Klagerqxçağ",
    "department": "Afdelingqx",
    "contact": "contactqx@example.nl",
    "support": "Steunqx",
    "accused": "Beklaagdeqxïj",
    "role": "Rolqxteamleider",
    "accused_department": "Deptqx",
    "description": "Omschrijvingqx van wat er gebeurde",
    "decision_maker": "Beslisserqx",
    "note": "Notitieqx bij het dossier",
    "witness": "Getuigeqx",
    "pause": "Pauzeqx bemiddeling",
    "extension": "Verlengingqx reden",
    "reasons": "Redenenqx van het besluit",
    "closing": "Sluitingqx",
    "attachment": "Bijlageqx verklaring",
    "attachment_name": "getuigeqx.txt",
    "recusal": "Verschoningqx reden",
}


def cli(env, *args, stdin=None, check=True):
    return subprocess.run([str(CLI), *args], input=stdin, check=check, env=env,
                          capture_output=True, text=True)


def as_user(env, login, passphrase):
    return {**env, "VERTROUWD_USER": login, "VERTROUWD_PASSPHRASE": passphrase}


def new_vault(tmp_path, org="Org", name="Ayşe"):
    """A fresh vault in `tmp_path` with `ayse` as its hr user: the folder,
    the environment without a user, and ayse's environment."""
    vault = tmp_path / "kluis"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "TMPDIR": str(tmp_path),
           "VERTROUWD_VAULT": str(vault)}
    ayse = as_user(env, "ayse", PASS)
    cli({**ayse, "VERTROUWD_NEW_PASSPHRASE": PASS}, "init", "--org", org, "--user", name,
        "--login", "ayse", "--roles", "hr", "--kdf-floor")
    return vault, env, ayse


def readable_parts(vault, login, passphrase):
    """Everything `login` can decrypt of the complaints register: the pages
    of hr.db and org.db, and every sealed part a box they can open opens."""
    u = unlock_slot(vault, login, passphrase)
    vault_id = u["keyring"]["vault_id"]
    me = u["slot"]["user_id"]
    keys = compartment_keys(vault, login, passphrase)
    text = (vault / "keyring.json").read_bytes()
    for name in ("hr", "org"):
        text += raw_plaintext(vault, f"{name}.db", keys[name])
    con = open_db(vault / "hr.db", keys["hr"])
    register = (con.execute("SELECT key FROM complaint_register_key").fetchone() or [None])[0]
    boxes = con.execute("SELECT complaint_id, holder, sealed FROM complaint_keys").fetchall()
    rows = {i: (s, c) for i, s, c in con.execute(
        "SELECT id, summary, content FROM complaints JOIN complaint_contents ON complaint_id = id")}
    files = con.execute("SELECT complaint_id, id, content FROM complaint_attachments").fetchall()
    facts = dict(con.execute("SELECT complaint_id, facts FROM complaint_facts").fetchall())
    con.close()
    opened = 0
    for cid, holder, sealed in boxes:
        ad = aad("complaint-key", vault_id, str(cid), holder)
        if holder == "*":
            key = unseal(json.loads(sealed), register, ad)
        elif holder == me:
            key = open_sealed_box(u["private_key"], json.loads(sealed), ad)
        else:
            continue
        summary, content = rows[cid]
        text += open_bytes(key, summary, aad("complaint", vault_id, str(cid), "summary"))
        text += open_bytes(key, content, aad("complaint", vault_id, str(cid), "content"))
        if cid in facts:
            text += open_bytes(key, facts[cid], aad("complaint", vault_id, str(cid), "facts"))
        for of, fid, sealed_file in files:
            if of == cid:
                text += open_bytes(key, sealed_file,
                                   aad("complaint-attachment", vault_id, str(cid), str(fid)))
        opened += 1
    return text, opened


def test_an_hr_colleague_left_out_finds_no_marker_in_anything_she_can_decrypt(tmp_path):
    vault, env, ayse = new_vault(tmp_path, "Gemeente Ideeën", "Ayşe Yılmaz")
    for login, name in (("hanna", "Hanna de Boer"), ("piet", "Piet Pieters")):
        cli({**ayse, "VERTROUWD_NEW_PASSPHRASE": PASS_B}, "user", "add", "--name", name,
            "--login", login, "--roles", "hr")
    listing = json.loads(cli(ayse, "--json", "user", "list").stdout)
    users = {u["login"]: u["id"] for u in listing["users"]}

    m = MARKERS
    restricted = {
        "received_on": "2-11-2026", "channel": "email", "procedure": "complaints_regulation",
        "complainant": {"anonymous": False, "name": m["complainant"], "role": "employee",
                        "department": m["department"], "contact": m["contact"],
                        "support_person": m["support"]},
        "complained_about": [{"name": m["accused"], "role": m["role"],
                              "department": m["accused_department"]}],
        "natures": ["bullying"], "description": m["description"],
        "decision_maker": m["decision_maker"],
        "access": {"who": "only", "users": [users["ayse"], users["piet"]]},
    }
    ref = cli(ayse, "complaints", "add", stdin=json.dumps(restricted)).stdout.strip()
    open_to_all = {**restricted, "description": "Zichtbaarqx voor iedereen",
                   "complainant": {"anonymous": True, "role": "employee"},
                   "complained_about": [], "decision_maker": None,
                   "access": {"who": "everyone"}}
    other = cli(ayse, "complaints", "add", stdin=json.dumps(open_to_all)).stdout.strip()
    cli(ayse, "complaints", "step", "done", ref, "acknowledgement", "--on", "3-11-2026")
    attachment = tmp_path / m["attachment_name"]
    attachment.write_text(m["attachment"], encoding="utf-8")
    cli(ayse, "complaints", "attach", ref, str(attachment))
    cli(ayse, "complaints", "committee", "--member", "Els Jansen:chair")
    cli(ayse, "complaints", "recusal", ref, "--member", "Els Jansen", "--on", "3-11-2026",
        "--reason", m["recusal"])
    cli(ayse, "complaints", "note", ref, m["note"])
    cli(ayse, "complaints", "hearing", ref, "--on", "12-11-2026", "--witness", m["witness"])
    cli(ayse, "complaints", "pause", ref, "--from", "4-11-2026", "--note", m["pause"])
    cli(ayse, "complaints", "resume", ref, "--until", "6-11-2026")
    cli(ayse, "complaints", "extend", ref, "hearing", "--by", "5", "--unit", "working_days",
        "--reason", m["extension"])
    cli(ayse, "complaints", "advice", ref, "--on", "13-11-2026", "--finding", "not_upheld")
    cli(ayse, "complaints", "decision", ref, "--on", "16-11-2026", "--finding", "upheld",
        "--reasons", m["reasons"], "--measure", "warning")
    cli(ayse, "complaints", "close", ref, "--on", "17-11-2026", "--note", m["closing"])

    # Piet, one of the two, reads every marker through his own box.
    piet_text, piet_opened = readable_parts(vault, "piet", PASS_B)
    assert piet_opened == 2
    for field, marker in m.items():
        assert marker.encode() in piet_text, f"{field} should be readable to Piet"

    hanna_text, hanna_opened = readable_parts(vault, "hanna", PASS_B)
    assert hanna_opened == 1, "Hanna opens the complaint open to every hr user"
    assert b"Zichtbaarqx" in hanna_text
    for field, marker in m.items():
        assert marker.encode() not in hanna_text, f"{field} is readable to Hanna"

    # The app says the same: not in her list, not there when asked for.
    hanna = as_user(env, "hanna", PASS_B)
    listed = json.loads(cli(hanna, "--json", "complaints", "list", "--all").stdout)
    assert [c["reference"] for c in listed] == [other]
    shown = cli(hanna, "complaints", "show", ref, check=False)
    assert shown.returncode == 10, shown.stderr
    due = json.loads(cli(hanna, "--json", "complaints", "due").stdout)
    assert all(i["reference"] != ref for k in ("overdue", "this_week", "warnings") for i in due[k])


def test_the_plain_tables_hold_only_references_and_boxes(tmp_path):
    """hr.db exported to plain SQLite by its holder: the complaints table
    has its reference in the clear and nothing else readable."""
    vault, env, ayse = new_vault(tmp_path)
    c = {"received_on": "2-11-2026", "channel": "letter", "procedure": "whistleblowing",
         "complainant": {"anonymous": False, "name": "Melderqx", "role": "employee"},
         "description": "Fraudeqx in de boekhouding"}
    ref = cli(ayse, "complaints", "add", stdin=json.dumps(c)).stdout.strip()
    key = compartment_keys(vault, "ayse", PASS)["hr"]
    out = tmp_path / "plain.db"
    con = open_db(vault / "hr.db", key)
    con.execute(f"ATTACH DATABASE '{out}' AS plain KEY ''")
    con.execute("SELECT sqlcipher_export('plain')")
    con.execute("DETACH DATABASE plain")
    con.close()
    plain = sqlite3.connect(out)
    (reference, summary, content), = plain.execute(
        "SELECT reference, summary, content FROM complaints"
        " JOIN complaint_contents ON complaint_id = id").fetchall()
    holders = [r[0] for r in plain.execute("SELECT holder FROM complaint_keys")]
    plain.close()
    assert reference == ref and holders == ["*"]
    assert summary[0] == 1 and content[0] == 1, "sealed, version 1"
    data = out.read_bytes()
    for marker in (b"Melderqx", b"Fraudeqx", b"whistleblowing", b"2026-11-02"):
        assert marker not in data, marker


def test_a_destroyed_complaint_leaves_neither_its_key_nor_its_sealed_parts(tmp_path):
    """After destruction no page of hr.db (WAL and free pages included)
    holds the complaint's box or any piece of its sealed parts: with the
    box gone, nothing anywhere in the vault opens what may remain in an old
    backup."""
    vault, env, ayse = new_vault(tmp_path)
    c = {"received_on": "2-11-2026", "channel": "letter", "procedure": "complaints_regulation",
         "complainant": {"anonymous": False, "name": "Vernietigqx Öztürk", "role": "employee"},
         "description": "Te vernietigen " * 40}
    ref = cli(ayse, "complaints", "add", stdin=json.dumps(c)).stdout.strip()
    key = compartment_keys(vault, "ayse", PASS)["hr"]
    con = open_db(vault / "hr.db", key)
    (box,), = con.execute("SELECT sealed FROM complaint_keys").fetchall()
    (summary, content), = con.execute(
        "SELECT summary, content FROM complaints JOIN complaint_contents ON complaint_id = id").fetchall()
    con.close()
    before = raw_plaintext(vault, "hr.db", key)
    pieces = [box.encode(), summary[25:57], content[25:57], content[-32:]]
    for piece in pieces:
        assert piece in before, "the reader sees the parts before"

    cli(ayse, "complaints", "destroy", ref, "--confirm", ref, "--reason", "recorded_in_error")
    after = raw_plaintext(vault, "hr.db", key)
    for piece in pieces:
        assert piece not in after, "a piece of the destroyed complaint is left"
    con = open_db(vault / "hr.db", key)
    assert con.execute("SELECT count(*) FROM complaints").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM complaint_keys").fetchone()[0] == 0
    procedure, ending = con.execute("SELECT procedure, ending FROM complaint_tombstones").fetchone()
    con.close()
    assert (procedure, ending) == ("complaints_regulation", "open")
    wal = vault / "hr.db-wal"
    assert not wal.exists() or wal.stat().st_size == 0, "the WAL is emptied"


def test_a_term_change_moves_a_running_complaint_only_with_apply(tmp_path):
    """`complaints term`: --preview keeps nothing, a plain change keeps the
    running complaint's dates and names what it would move, --apply moves
    them; a negative term is refused with exit code 5 and changes nothing."""
    vault, env, ayse = new_vault(tmp_path)
    c = {"received_on": "2-11-2026", "channel": "letter", "procedure": "complaints_regulation",
         "complainant": {"anonymous": False, "name": "Çağrı Öztürk", "role": "employee"},
         "complained_about": [{"name": "Hanna de Boer"}], "natures": ["bullying"],
         "description": "…", "access": {"who": "everyone"}}
    ref = cli(ayse, "complaints", "add", stdin=json.dumps(c)).stdout.strip()
    term = ["complaints", "term", "complaints_regulation", "acknowledgement",
            "--count", "5", "--unit", "working_days"]

    def acknowledgement_due():
        shown = cli(ayse, "complaints", "show", ref).stdout
        return next(line for line in shown.splitlines() if "ontvangstbevestiging" in line)

    # Three working days from Monday 2 November: Thursday 5 November.
    assert "05-11-2026" in acknowledgement_due()
    bad = cli(ayse, *term[:4], "--count", "-3", "--unit", "days", check=False)
    assert bad.returncode == 5 and "term" in bad.stderr
    preview = cli(ayse, *term, "--preview").stdout
    assert "nothing kept" in preview and ref in preview and "05-11-2026 → 09-11-2026" in preview
    kept = cli(ayse, *term).stdout
    assert "procedure saved" in kept and ref in kept
    assert "05-11-2026" in acknowledgement_due(), "a running complaint keeps its dates"
    procedures = json.loads(cli(ayse, "--json", "complaints", "procedures").stdout)
    regulation = next(p for p in procedures if p["code"] == "complaints_regulation")
    ack = next(s for s in regulation["steps"] if s["key"] == "acknowledgement")
    assert ack["term"] == {"count": 5, "unit": "working_days"}
    applied = cli(ayse, *term, "--apply").stdout
    assert "running complaints changed" in applied and ref in applied
    assert "09-11-2026" in acknowledgement_due()


IMPORT_HEADER = ("referentie;ontvangen op;kanaal;procedure;klager;rol klager;afdeling klager;"
                 "contact;beklaagde;rol beklaagde;afdeling beklaagde;aard;omschrijving;beslisser")


def test_an_import_restricted_from_an_hr_colleague_leaves_her_no_marker(tmp_path):
    """A register about Hanna, imported by Ayşe for Ayşe and Piet only: one
    row from a CSV file as Dutch Excel writes it (Windows-1252, `;`, CRLF),
    one from an Excel workbook written by openpyxl with a real date cell.
    Piet reads every marker through his own box; Hanna, with the vault
    folder, her passphrase and the independent reader, finds none."""
    import datetime

    import openpyxl

    vault, env, ayse = new_vault(tmp_path)
    for login, name in (("hanna", "Hanna de Boer"), ("piet", "Piet Pieters")):
        cli({**ayse, "VERTROUWD_NEW_PASSPHRASE": PASS_B}, "user", "add", "--name", name,
            "--login", login, "--roles", "hr")
    markers = ["Klagerqxë", "Afdqxé", "contactqx@example.nl", "Beklaagdeqxï", "Rolqx",
               "Deptqx", "Omschrijvingqx – “citaat” €", "Beslisserqx"]
    row = ["OUD-KL-1", "3-2-2026", "brief", "klachtenregeling ongewenste omgangsvormen",
           markers[0], "medewerker", markers[1], markers[2], markers[3], markers[4],
           markers[5], "pesten", markers[6], markers[7]]
    csv_file = tmp_path / "klachten.csv"
    csv_file.write_bytes((IMPORT_HEADER + "\r\n" + ";".join(row) + "\r\n").encode("cp1252"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(IMPORT_HEADER.split(";"))
    sheet.append(["OUD-KL-2", datetime.date(2026, 3, 4), "e-mail", "whistleblowing",
                  *[m.replace("qx", "qy") for m in row[4:5]], "uitzendkracht / tijdelijk",
                  *[m.replace("qx", "qy") for m in row[6:11]], "integriteit / vermoeden van een misstand",
                  *[m.replace("qx", "qy") for m in row[12:]]])
    xlsx_file = tmp_path / "klachten.xlsx"
    book.save(xlsx_file)

    for f in (csv_file, xlsx_file):
        done = cli(ayse, "complaints", "import", str(f), "--only", "ayse,piet")
        assert done.stdout.startswith("1 geïmporteerd / imported"), done.stdout
    listed = json.loads(cli(ayse, "--json", "complaints", "list", "--all").stdout)
    assert sorted(c["reference"] for c in listed) == ["OUD-KL-1", "OUD-KL-2"]
    assert all(c["restricted"] for c in listed)
    shown = json.loads(cli(ayse, "--json", "complaints", "show", "OUD-KL-2").stdout)
    assert shown["received_on"] == "2026-03-04", "the Excel date cell as its day"

    everything = [m.encode() for m in markers] + [m.replace("qx", "qy").encode() for m in markers]
    piet_text, piet_opened = readable_parts(vault, "piet", PASS_B)
    assert piet_opened == 2
    for marker in everything:
        assert marker in piet_text, f"{marker} should be readable to Piet"
    hanna_text, hanna_opened = readable_parts(vault, "hanna", PASS_B)
    assert hanna_opened == 0
    for marker in everything:
        assert marker not in hanna_text, f"{marker} is readable to Hanna"
    hanna = as_user(env, "hanna", PASS_B)
    assert json.loads(cli(hanna, "--json", "complaints", "list", "--all").stdout) == []


def test_a_bad_register_imports_nothing_and_says_which_line(tmp_path):
    """A malformed CSV file, a 10 MB description and a workbook that is no
    workbook: nothing is imported, each with a clear answer and exit code."""
    vault, env, ayse = new_vault(tmp_path)
    bad = tmp_path / "klachten.csv"
    bad.write_text(IMPORT_HEADER + "\n"
                   ";2-3-2026;brief;awb;Jan;burger;;;;;;;Goed;\n"
                   ";2-3-2026;brief;awb;Jan;burger;;;;;;;\"nooit gesloten;\n", encoding="utf-8")
    out = cli(ayse, "complaints", "import", str(bad), check=False)
    assert out.returncode == 5, out
    assert "regel / line 3:  invalid_csv" in out.stderr, out.stderr
    big = tmp_path / "groot.csv"
    big.write_text(IMPORT_HEADER + "\n;2-3-2026;brief;awb;Jan;burger;;;;;;;" + "x" * (10 << 20)
                   + ";\n", encoding="utf-8")
    out = cli(ayse, "complaints", "import", str(big), check=False)
    assert out.returncode == 5 and "regel / line 2: omschrijving too_long" in out.stderr, out.stderr
    fake = tmp_path / "kapot.xlsx"
    fake.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    out = cli(ayse, "complaints", "import", str(fake), check=False)
    assert out.returncode == 5 and "invalid_xlsx" in out.stderr, out.stderr
    assert json.loads(cli(ayse, "--json", "complaints", "list", "--all").stdout) == []
    # Skipping the broken line imports the good one.
    out = cli(ayse, "complaints", "import", str(bad), "--skip-invalid")
    assert out.stdout.startswith("1 geïmporteerd / imported"), out.stdout


def test_a_colleague_who_swaps_a_readers_key_in_hr_db_gets_nothing(tmp_path):
    """The attack: Hanna holds hr.db, so she can write it directly. She
    replaces Piet's public key in `vault_holders` with her own, hoping that
    a complaint about her, restricted to Ayşe and Piet, is sealed to her
    key under Piet's name. Ayşe knows Piet's key (she added him), so the
    app refuses to seal to the key the register now lists, names the
    colleague whose key changed at unlock, and nothing Hanna can decrypt
    holds the complaint."""
    vault, env, ayse = new_vault(tmp_path, "Org", "Ayşe")
    for login, name in (("hanna", "Hanna de Boer"), ("piet", "Piet Pieters")):
        cli({**ayse, "VERTROUWD_NEW_PASSPHRASE": PASS_B}, "user", "add", "--name", name,
            "--login", login, "--roles", "hr")
    users = {u["login"]: u["id"]
             for u in json.loads(cli(ayse, "--json", "user", "list").stdout)["users"]}

    hanna = unlock_slot(vault, "hanna", PASS_B)
    con = open_db(vault / "hr.db", hanna["keys"]["hr"])
    con.execute("UPDATE vault_holders SET public_key = ? WHERE user_id = ?",
                (hanna["slot"]["public_key"], users["piet"]))
    con.commit()
    con.close()

    restricted = {
        "received_on": "2-11-2026", "channel": "letter", "procedure": "complaints_regulation",
        "complainant": {"anonymous": False, "name": "Swapqx Klager", "role": "employee"},
        "complained_about": [{"name": "Hanna de Boer"}],
        "description": "Swapqx omschrijving", "access": {"who": "only", "users":
                                                         [users["ayse"], users["piet"]]},
    }
    filed = cli(ayse, "complaints", "add", stdin=json.dumps(restricted), check=False)
    assert filed.returncode != 0, "a complaint sealed to a key that changed: " + filed.stdout
    assert "piet" in filed.stderr.lower() or users["piet"] in filed.stderr or "untrusted" in \
        filed.stderr.lower(), filed.stderr
    warned = cli(ayse, "--json", "user", "list", check=False)
    assert warned.returncode == 0
    assert "key_changed" in warned.stderr or "sleutel" in warned.stderr.lower(), warned.stderr

    hanna_text, _ = readable_parts(vault, "hanna", PASS_B)
    assert b"Swapqx" not in hanna_text
    con = open_db(vault / "hr.db", hanna["keys"]["hr"])
    boxes = con.execute("SELECT holder FROM complaint_keys").fetchall()
    con.close()
    assert boxes == [], "nothing was sealed"
