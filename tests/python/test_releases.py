"""An advisor's statistics release on its way to HR, read and written with
the independent reader: the signed file is imported with the command line;
a number changed in the file, or in hr.db after the import (by someone who
holds hr.db), is noticed and refused."""

import json
import os
import subprocess

from reader import CLI, PASS, compartment_keys, open_db


def cli(env, *args, stdin=None, check=True):
    return subprocess.run([str(CLI), *args], input=stdin, check=check, env=env,
                          capture_output=True, text=True)


def vault(tmp_path, name, login, roles):
    folder = tmp_path / name
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path), "TMPDIR": str(tmp_path),
           "VERTROUWD_VAULT": str(folder), "VERTROUWD_USER": login, "VERTROUWD_PASSPHRASE": PASS}
    combined = ["--confirm-combined-roles"] if "," in roles else []
    cli({**env, "VERTROUWD_NEW_PASSPHRASE": PASS}, "init", "--org", "Gemeente Ideeën",
        "--user", login.capitalize(), "--login", login, "--roles", roles, *combined, "--kdf-floor")
    return folder, env


def test_a_release_changed_after_signing_or_after_import_is_refused(tmp_path):
    _, advisor = vault(tmp_path, "vp", "vera", "advisor")
    natures = json.loads(cli(advisor, "--json", "advisor", "case", "natures").stdout)
    for month in range(1, 8):
        case = {"first_contact": f"3-{month}-2026", "channel": "phone", "reporter_role": "employee",
                "natures": [{"nature_id": natures[0]["id"]}]}
        cli(advisor, "advisor", "case", "add", stdin=json.dumps(case))
    release = tmp_path / "jaarcijfers-2026.json"
    cli(advisor, "advisor", "stats", "release", "--year", "2026", "--out", str(release))
    signed = json.loads(release.read_text(encoding="utf-8"))
    assert signed["format"] == "vertrouwd.advisor-release/1"
    assert json.loads(signed["body"])["cases"] == 7

    hr_folder, hr = vault(tmp_path, "hr", "ayse", "hr")
    forged = dict(signed, body=signed["body"].replace('"cases":7', '"cases":9'))
    forged_file = tmp_path / "vervalst.json"
    forged_file.write_text(json.dumps(forged), encoding="utf-8")
    refused = cli(hr, "hr", "releases", "import", str(forged_file), check=False)
    assert refused.returncode == 5 and "tampered" in refused.stderr, refused

    done = cli(hr, "hr", "releases", "import", str(release))
    assert done.stdout.startswith("2026  Vera"), done.stdout
    assert "nieuwe vertrouwenspersoon" in done.stdout
    listed = json.loads(cli(hr, "--json", "hr", "releases", "list").stdout)
    assert [r["release"]["cases"] for r in listed] == [7]

    # Someone who holds hr.db changes the kept file: the next read refuses it.
    key = compartment_keys(hr_folder, "ayse", PASS)["hr"]
    con = open_db(hr_folder / "hr.db", key)
    (kept,), = con.execute("SELECT file FROM advisor_releases").fetchall()
    con.execute("UPDATE advisor_releases SET file = ?",
                (kept.replace('\\"cases\\":7', '\\"cases\\":8'),))
    con.commit()
    con.close()
    changed = cli(hr, "hr", "releases", "list", check=False)
    assert changed.returncode == 7, changed


def test_a_release_published_in_the_vault_is_unreadable_to_a_manager(tmp_path):
    """Vera is the advisor and in HR; Mark is a manager and holds org.db.
    The release Vera publishes in the vault is sealed to the hr users: no
    page of org.db Mark can decrypt holds it, while Vera takes it into
    hr.db."""
    from reader import PASS_B, raw_plaintext

    folder, vera = vault(tmp_path, "kluis", "vera", "advisor,hr")
    cli({**vera, "VERTROUWD_NEW_PASSPHRASE": PASS_B}, "user", "add", "--name", "Mark",
        "--login", "mark", "--roles", "manager")
    natures = json.loads(cli(vera, "--json", "advisor", "case", "natures").stdout)
    for month in range(1, 8):
        case = {"first_contact": f"3-{month}-2026", "channel": "phone", "reporter_role": "employee",
                "natures": [{"nature_id": natures[0]["id"]}]}
        cli(vera, "advisor", "case", "add", stdin=json.dumps(case))
    cli(vera, "advisor", "stats", "release", "--year", "2026", "--out", str(tmp_path / "r.json"),
        "--publish")

    mark_org = raw_plaintext(folder, "org.db", compartment_keys(folder, "mark", PASS_B)["org"])
    for marker in (b"advisor-statistics", b"advisor-release", b'"cases"', b"breakdowns"):
        assert marker not in mark_org, marker
    con = open_db(folder / "org.db", compartment_keys(folder, "mark", PASS_B)["org"])
    holders = [h for (h,) in con.execute("SELECT holder FROM published_release_boxes")]
    con.close()
    users = {u["login"]: u["id"] for u in json.loads(cli(vera, "--json", "user", "list").stdout)["users"]}
    assert holders == [users["vera"]], "sealed to the hr user alone"

    fetched = json.loads(cli(vera, "--json", "hr", "releases", "fetch").stdout)
    assert [r["release"]["cases"] for r in fetched] == [7]
    assert json.loads(cli(vera, "--json", "hr", "releases", "fetch").stdout) == []


def test_hr_report_adds_advisors_up_publishes_a_year_and_shows_no_small_count(tmp_path):
    """Two advisors release 2026 (7 cases, and 3: below k); HR imports
    both, publishes 2025, keeps an introduction written in Windows-1252 and
    an action, and writes 2026's report with its tables as CSV: the second
    advisor's three cases appear nowhere, and no table holds a count from 1
    to 4."""
    releases = []
    for name, login, cases in (("vp1", "vera", 7), ("vp2", "wim", 3)):
        _, advisor = vault(tmp_path, name, login, "advisor")
        nature = json.loads(cli(advisor, "--json", "advisor", "case", "natures").stdout)[0]["id"]
        for i in range(cases):
            case = {"first_contact": f"{3 + i}-{1 + i % 12}-2026", "channel": "phone",
                    "reporter_role": "employee", "natures": [{"nature_id": nature}]}
            cli(advisor, "advisor", "case", "add", stdin=json.dumps(case))
        out = tmp_path / f"{name}.json"
        cli(advisor, "advisor", "stats", "release", "--year", "2026", "--out", str(out))
        releases.append(out)

    _, hr = vault(tmp_path, "hr", "ayse", "hr")
    for r in releases:
        cli(hr, "hr", "releases", "import", str(r))
    published = cli(hr, "hr", "annual-report", "--year", "2025", "--publish")
    assert "2025 gepubliceerd" in published.stdout, published
    again = cli(hr, "hr", "annual-report", "--year", "2025", "--publish", check=False)
    assert again.returncode != 0 and "published" in again.stderr, again
    early = cli(hr, "hr", "annual-report", "--year", "2026", "--publish", check=False)
    assert early.returncode != 0 and "year_not_over" in early.stderr, early

    intro = tmp_path / "inleiding.txt"
    intro.write_bytes("Een jaar van **rust** en reünies.".encode("cp1252"))
    action = json.loads(cli(hr, "--json", "hr", "actions", "add", "--year", "2026",
                            "Vertrouwenspersoon bekender maken", "--owner", "Afdeling HR",
                            "--due", "01-06-2027").stdout)
    cli(hr, "hr", "actions", "status", str(action["id"]), "in_progress", "--note", "posters")
    listed = json.loads(cli(hr, "--json", "hr", "actions", "list", "--year", "2026").stdout)
    assert [(a["recommendation"], a["status"]) for a in listed] == [
        ("Vertrouwenspersoon bekender maken", "in_progress")]

    pdf, tables = tmp_path / "jaarverslag.pdf", tmp_path / "tabellen"
    tables.mkdir()
    cli(hr, "hr", "annual-report", "--year", "2026", "--out", str(pdf), "--csv", str(tables),
        "--introduction", str(intro))
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for words in ("1. Inleiding", "Een jaar van rust en reünies.", "Alle vertrouwenspersonen samen",
                  "Meldingen bij Vera 7", "Meldingen bij Wim minder dan 5",
                  "Vertrouwenspersoon bekender maken", "loopt: posters"):
        assert words in flat, f"{words!r} not in the report: {text}"
    # Wherever a table gives a count with a percentage, the count is 0 or
    # at least k; the combined cases are hidden (one part is below k).
    import re
    for line in text.splitlines():
        m = re.match(r"^\s*\S.*?\s{2,}(\d+)\s+\d+,\d %\s*$", line)
        if m:
            assert int(m.group(1)) == 0 or int(m.group(1)) >= 5, line
    combined = flat.split("Alle vertrouwenspersonen samen")[-1]
    assert combined.split("Gesprekken")[0].strip().endswith("Meldingen ×"), combined[:400]
    assert "10" not in combined.split("Gesprekken")[0], "the sum of 7 and 3 is never given"

    files = sorted(p.name for p in tables.iterdir())
    assert "kerncijfers.csv" in files and "trend.csv" in files, files
    for f in tables.iterdir():
        raw = f.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), f.name
        if f.name in ("kerncijfers.csv", "trend.csv"):
            continue
        for row in raw.decode("utf-8-sig").splitlines()[1:]:
            cells = row.split(";")
            if len(cells) > 1 and cells[1].strip().isdigit():
                n = int(cells[1])
                assert n == 0 or n >= 5, f"{f.name}: {row}"


def test_the_advisors_jaarverslag_reaches_hr_sealed_and_follows_hrs_report(tmp_path):
    """Vera (advisor and HR) gives her jaarverslag to HR in the vault; Mark,
    a manager who holds org.db, finds nothing of it there. HR's report ends
    with her pages, unchanged: the same text as the PDF she wrote."""
    from reader import PASS_B, raw_plaintext

    folder, vera = vault(tmp_path, "kluis", "vera", "advisor,hr")
    cli({**vera, "VERTROUWD_NEW_PASSPHRASE": PASS_B}, "user", "add", "--name", "Mark",
        "--login", "mark", "--roles", "manager")
    nature = json.loads(cli(vera, "--json", "advisor", "case", "natures").stdout)[0]["id"]
    for month in range(1, 8):
        case = {"first_contact": f"3-{month}-2026", "channel": "phone", "reporter_role": "employee",
                "natures": [{"nature_id": nature}]}
        cli(vera, "advisor", "case", "add", stdin=json.dumps(case))
    cli(vera, "advisor", "stats", "release", "--year", "2026", "--out", str(tmp_path / "r.json"))
    signals = tmp_path / "signalen.md"
    signals.write_text("De nachtploeg van Zuidhaven meldt structureel te veel werk.", encoding="utf-8")
    own = tmp_path / "vp.pdf"
    done = cli(vera, "advisor", "annual-report", "--year", "2026", "--signals", str(signals),
               "--out", str(own), "--publish")
    assert "voor HR in org.db" in done.stdout, done

    mark_org = raw_plaintext(folder, "org.db", compartment_keys(folder, "mark", PASS_B)["org"])
    for marker in (b"%PDF", b"annual_report", b"advisor-release", b"JVBER"):
        assert marker not in mark_org, marker

    fetched = json.loads(cli(vera, "--json", "hr", "releases", "fetch").stdout)
    assert [bool(r["release"].get("annual_report_sha256")) for r in fetched] == [True]
    report = tmp_path / "hr.pdf"
    cli(vera, "hr", "annual-report", "--year", "2026", "--out", str(report))

    def pages(pdf):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
        return int(next(l.split()[1] for l in info.stdout.splitlines() if l.startswith("Pages:")))

    def text(pdf, first, last):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last),
                              str(pdf), "-"], check=True, capture_output=True, text=True).stdout
        return " ".join(out.split())

    theirs, total = pages(own), pages(report)
    assert total > theirs
    assert text(report, total - theirs + 1, total) == text(own, 1, theirs)
    assert "Zuidhaven" in text(own, 1, theirs)
    assert "Jaarverslag 2026 van Vera" in text(report, 1, total - theirs)


def test_three_years_together_give_no_single_year_away(tmp_path):
    """A small organisation publishes 2024 and 2025 (six complaints each),
    then writes 2024–2026 together with two complaints so far in 2026: the
    fourteen would give 2026's two away, so neither appears in the PDF;
    with three more in 2026 the seventeen does."""
    _, hr = vault(tmp_path, "hr", "ayse", "hr")

    def add(day):
        complaint = {"received_on": day, "channel": "letter", "procedure": "complaints_regulation",
                     "complainant": {"anonymous": True, "role": "employee"},
                     "complained_about": [], "natures": ["bullying"],
                     "description": "Uitgescholden in de kantine.", "access": {"who": "everyone"}}
        cli(hr, "complaints", "add", stdin=json.dumps(complaint))

    for year in (2024, 2025):
        for i in range(6):
            add(f"{1 + i}-{1 + i}-{year}")
        cli(hr, "hr", "annual-report", "--year", str(year), "--publish")
    for i in range(2):
        add(f"{2 + i}-3-2026")

    def report():
        pdf = tmp_path / "drie-jaar.pdf"
        cli(hr, "hr", "annual-report", "--year", "2026", "--three-years", "--out", str(pdf))
        return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout

    text = report()
    assert "Verslag sociale veiligheid en integriteit 2024–2026" in " ".join(text.split())
    received = [l for l in text.splitlines() if l.strip().startswith("Klachten en meldingen")]
    assert received and all(not any(n in l.split() for n in ("2", "14")) for l in received), received
    assert "Het aantal klachten staat er niet" in " ".join(text.split())
    refused = cli(hr, "hr", "annual-report", "--year", "2026", "--three-years", "--publish",
                  check=False)
    assert refused.returncode != 0 and "year_not_over" in refused.stderr, refused

    for i in range(3):
        add(f"{2 + i}-4-2026")
    text = report()
    assert any(l.strip().startswith("Klachten en meldingen") and l.split()[-1] == "17"
               for l in text.splitlines()), text
