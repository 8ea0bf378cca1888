"""The foundation, as a new user meets it in the real app window."""

import subprocess
import time
from pathlib import Path

from conftest import CLI

ORG = "E2E-Stichting Çağrı Öztürk"
NAME = "Ayşe Yılmaz"
PASS = "paars konijn fietst 42 keer"
PASS_MANAGER = "groene olifant zwemt 17 baantjes"


def marker_hits(dirs, marker):
    hits = []
    for d in dirs:
        for f in Path(d).rglob("*"):
            if f.is_file():
                data = f.read_bytes()
                for enc in ("utf-8", "utf-16-le"):
                    if marker.encode(enc) in data:
                        hits.append((str(f), enc))
    return hits


def test_1_create_vault_with_wizard_and_add_a_manager(app, vault_dir):
    a = app
    a.el("#wizard-start")
    a.shot("01-welcome")
    a.click("#wizard-start")
    a.el("#dir")
    assert a.el("#dir").get_attribute("value") == str(vault_dir)
    a.click("#wizard-next")
    a.click("#wizard-next")  # empty organisation: an inline error, no step forward
    assert "Vul dit in" in a.text("#organisation-error")
    a.fill("#organisation", ORG)
    a.click("#wizard-next")
    a.fill("#display_name", NAME)
    assert a.el("#login").get_attribute("value") == "ayşe"
    a.fill("#login", "ayse")
    a.click("#role-advisor")
    a.click("#role-hr")
    a.click("#wizard-next")  # advisor and HR in one person: confirmed explicitly
    assert "Bevestig" in a.text("#roles-error")
    a.click("#confirm-combined-roles")
    a.shot("02-about-you")
    a.click("#wizard-next")
    a.fill("#passphrase", "wachtwoord")
    a.fill("#passphrase-repeat", "wachtwoord")
    a.click("#wizard-create")
    assert "te zwak" in a.text("#passphrase-error")
    a.fill("#passphrase", PASS)
    a.fill("#passphrase-repeat", PASS)
    a.el("#passphrase-strength strong")
    a.shot("03-passphrase")
    a.click("#wizard-create")
    key = a.el("#recovery-key").get_attribute("data-key")
    assert len(key) == 39 and key.count("-") == 7, key
    a.shot("04-recovery-key")
    assert not a.el("#wizard-finish").is_enabled(), "cannot continue before confirming"
    a.click("#recovery-stored")
    a.fill("#recovery-confirm", key[-4:].lower())
    a.click("#wizard-finish")
    assert NAME in a.text("#home-title")
    compartments = a.text("#open-compartments")
    assert "Vertrouwenspersoon" in compartments and "HR" in compartments
    assert not a.absent("#nav-advisor") and not a.absent("#nav-hr")
    a.shot("05-home-advisor-hr")

    a.click("#nav-users")
    a.click("#users-add")
    a.fill("#new-display-name", "Mark de Manager")
    a.fill("#new-login", "mark")
    a.click("#new-role-manager")
    a.fill("#new-passphrase", PASS_MANAGER)
    a.fill("#new-passphrase-repeat", PASS_MANAGER)
    a.shot("06-add-user")
    a.el("#add-user button[type=submit]").click()
    assert len(a.el("#added-user #recovery-key").get_attribute("data-key")) == 39
    a.el("#added-user button.primary").click()
    assert "mark" in a.text("#users-table")
    a.shot("07-users")
    a.click("#lock-button")
    a.el("#unlock-submit")

    storage = a.d.execute_script("return window.localStorage.length + window.sessionStorage.length")
    assert storage == 0, "nothing may be kept in web storage"


def test_2_lock_wrong_and_right_passphrase_and_idle_lock(app, vault_dir, app_env, home):
    a = app
    a.unlock("ayse", "dit is niet de goede zin")
    assert "klopt niet" in a.text("#unlock-error")
    a.shot("08-wrong-passphrase")
    a.fill("#passphrase", PASS)
    a.click("#unlock-submit")
    assert NAME in a.text("#home-title")

    a.click("#lock-button")
    a.el("#unlock-submit")
    page = a.d.page_source
    assert ORG not in page and NAME not in page, "after a lock the window shows no vault content"

    # A test setting of three seconds, made with the CLI while the app runs.
    subprocess.run(
        [str(CLI), "--vault", str(vault_dir), "--as", "ayse", "settings", "set", "--idle-lock-seconds", "3"],
        check=True, env={**app_env, "VERTROUWD_PASSPHRASE": PASS}, capture_output=True,
    )
    a.unlock("ayse", PASS)
    a.el("#home-title")
    started = time.time()
    a.el("#locked-idle")  # waits up to 20 s; nothing touches the app meanwhile
    assert time.time() - started >= 2, "locked too early"
    assert ORG not in a.d.page_source
    a.shot("09-idle-locked")
    subprocess.run(
        [str(CLI), "--vault", str(vault_dir), "--as", "ayse", "settings", "set", "--idle-lock-seconds", "300"],
        check=True, env={**app_env, "VERTROUWD_PASSPHRASE": PASS}, capture_output=True,
    )


def test_3_a_manager_sees_no_advisor_or_hr_area(app, home):
    a = app
    a.unlock("MARK", PASS_MANAGER)
    assert "Mark de Manager" in a.text("#home-title")
    assert a.absent("#nav-advisor"), "a manager must not see the advisor area"
    assert a.absent("#nav-hr"), "a manager must not see the HR area"
    assert not a.absent("#nav-org")
    assert a.text("#open-compartments").strip().endswith("Organisatie")
    assert a.d.find_elements("css selector", "#open-compartments li").__len__() == 1
    a.shot("10-manager-home")
    a.d.set_window_size(1024, 700)
    a.shot("11-manager-home-1024")
    a.click("#lock-button")
    a.el("#unlock-submit")

    hits = marker_hits([home / "data", home / "config", home / "cache", home / "tmp"], ORG)
    assert hits == [], f"organisation name in plaintext on disk: {hits}"

    # A crash writes no memory to disk: the app and the web view's processes
    # it started have a core file limit of zero, soft and hard.
    from conftest import APP
    apps = subprocess.run(["pgrep", "-f", str(APP)], capture_output=True, text=True).stdout.split()
    assert apps, "the app is running"
    pids = list(apps)
    for pid in apps:
        pids += subprocess.run(["pgrep", "-P", pid], capture_output=True, text=True).stdout.split()
    assert len(pids) > len(apps), "the web view runs in processes of its own"
    for pid in pids:
        limits = Path(f"/proc/{pid}/limits").read_text()
        line = next(l for l in limits.splitlines() if l.startswith("Max core file size"))
        assert line.split()[4:6] == ["0", "0"], f"{pid}: {line}"


def test_4_audit_verify_remove_user_and_english(app, home):
    a = app
    a.unlock("ayse", PASS)
    a.el("#home-title")

    a.click("#nav-audit")
    trail = a.text("#audit-table")
    assert "Kluis aangemaakt" in trail and "Gebruiker toegevoegd" in trail, trail
    a.click("#verify-vault")
    check = a.text("#verify-check")
    assert check.count("in orde") == 3, check
    a.shot("12-audit-verified")

    a.click("#nav-users")
    # The table fills once the users are read: wait for Mark's row.
    row = a.wait.until(
        lambda d: next((r for r in d.find_elements("css selector", "#users-table tbody tr") if "mark" in r.text), None)
    )
    row.find_element("css selector", "button").click()
    a.fill("#remove-reason", "uit dienst")
    submit = a.el("#remove-user button.danger")
    assert not submit.is_enabled(), "removal needs the typed login name"
    a.fill("#remove-confirm", "mark")
    a.shot("13-remove-user")
    submit.click()
    a.el("p.notice, #remove-user .form-error")
    assert a.absent("#remove-user .form-error"), a.text("#remove-user .form-error")
    notice = a.text("p.notice")
    assert "Mark de Manager is verwijderd" in notice and "Organisatie" in notice, notice
    assert "mark" not in a.text("#users-table")

    a.click("#nav-settings")
    a.click("#language-switch")
    assert a.text("#nav-users") == "Users"
    a.shot("14-settings-english")
    a.d.find_element("css selector", "body").send_keys("?")
    assert "Keyboard shortcuts" in a.text("#help-title")
    a.shot("15-help-overlay")
    a.d.find_element("css selector", "body").send_keys("\ue00c")  # Escape
    a.click("#lock-button")

    a.unlock("mark", PASS_MANAGER)
    assert "no user with this login name" in a.text("#unlock-error")
    a.shot("16-removed-user-english")
    a.click("#language-switch")
