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
    cli({**env, "VERTROUWD_NEW_PASSPHRASE": PASS}, "init", "--org", "Gemeente Ideeën",
        "--user", login.capitalize(), "--login", login, "--roles", roles, "--kdf-floor")
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
