"""The confidential advisor's register in the real app window: a case
from intake to the yearly figures, an HR colleague who sees none of it, an
imported register, and a day's work from the keyboard alone. Every screen is
checked with axe-core."""

import datetime
import subprocess

import pytest

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import CLI, SCREENS
from test_app import marker_hits

PASS = "paars konijn fietst 42 keer"
PASS_HR = "groene olifant zwemt 17 baantjes"
REPORTER = "E2E-Melder Çağrı Öztürk"
PERSON = "E2E-Betrokkene Geneviève"
WORD = "roosterconflictqz"
NOTES = f"Eerste gesprek over het {WORD} en de coördinatie; ideeën voor bemiddeling."
MAIL_WORD = "E2E-mailbijlage-kwartelkoning"
MAIL = (
    "From: =?UTF-8?Q?Ay=C5=9Fe_Y=C4=B1lmaz?= <ayse@example.nl>\r\n"
    "To: Vertrouwenspersoon <vp@example.nl>\r\n"
    "Subject: Verslag van het gesprek\r\n"
    "Date: Tue, 3 Mar 2026 10:15:00 +0100\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
    f"Zoals besproken: {MAIL_WORD}.\r\n"
)


@pytest.fixture(scope="module", autouse=True)
def advisor_vault(vault_dir, app_env):
    """The vault, made with the CLI before the app first starts: an advisor
    (who also holds HR) and an HR colleague."""
    env = {**app_env, "VERTROUWD_PASSPHRASE": PASS, "VERTROUWD_NEW_PASSPHRASE": PASS}
    subprocess.run(
        [str(CLI), "--vault", str(vault_dir), "init", "--org", "Stichting Register", "--user", "Vera Pieters",
         "--login", "vera", "--roles", "advisor,hr", "--confirm-combined-roles", "--kdf-floor"],
        check=True, env=env, capture_output=True,
    )
    subprocess.run(
        [str(CLI), "--vault", str(vault_dir), "--as", "vera", "user", "add", "--name", "Hanna HR",
         "--login", "hanna", "--roles", "hr"],
        check=True, env={**env, "VERTROUWD_NEW_PASSPHRASE": PASS_HR}, capture_output=True,
    )
    return vault_dir


def test_1_the_advisor_records_finds_closes_and_releases(app, home):
    a = app
    a.unlock("vera", PASS)
    a.el("#home-title")
    a.click("#nav-advisor")
    a.el("#register-empty")
    a.shot("20-register-empty")

    # A new report, started from the keyboard.
    a.d.find_element(By.CSS_SELECTOR, "body").send_keys("n")
    a.el("#case-form")
    a.click("input[name=nature][value='3']")  # pesten
    a.fill("#reporter_name", REPORTER)
    Select(a.el("#relation")).select_by_value("manager")
    a.fill("#person_name", PERSON)
    a.shot("21-new-case")
    a.click("#case-save")
    year = datetime.date.today().year
    assert a.text("#case-title") == f"VP-{year}-001"

    # A conversation with notes; leaving the case half-way loses nothing.
    assert a.absent("#notes"), "the add-forms stay closed until asked for"
    a.click("#add-conversation")
    a.fill("#notes", NOTES)
    a.fill("#minutes", "50")
    a.click("button.back")
    a.click(f"#case-list .case-ref[data-reference='VP-{year}-001']")
    assert a.el("#notes").get_attribute("value") == NOTES, "the unsaved notes are kept, their form open"
    assert a.el("#minutes").get_attribute("value") == "50"
    a.click("#conversation-save")
    a.wait.until(lambda d: WORD in a.text("#case-timeline"))
    assert a.absent("#notes"), "the form closes once saved"
    assert a.text("#case-time") == "0:50"
    a.shot("22-case-with-conversation")

    # The intake corrected afterwards; the conversation stays.
    a.click("#case-edit")
    a.fill("#reporter_phone", "06-11112222")
    a.click("#case-save")
    a.wait.until(lambda d: "06-11112222" in a.text(".facts"))
    assert WORD in a.text("#case-timeline")

    # A referral, a follow-up due today and the reporter's consent, each
    # from its own button, one form at a time.
    a.click("#add-intervention")
    Select(a.el("#intervention-kind")).select_by_value("referral")
    Select(a.el("#intervention-referral")).select_by_value("company_doctor")
    a.el("#intervention-form button[type=submit]").click()
    a.wait.until(lambda d: "bedrijfsarts" in a.text("#case-timeline"))
    today = datetime.date.today().strftime("%d-%m-%Y")
    a.click("#add-follow-up")
    a.fill("#due_on", today)
    a.fill("#what", "Terugbellen over de bemiddeling")
    a.el("#follow-up-form button[type=submit]").click()
    a.wait.until(lambda d: "Terugbellen" in a.text("#case-timeline"))
    assert "vandaag" in a.text("#case-next"), "the summary shows the follow-up due today"
    a.click("#add-consent")
    Select(a.el("#consent-kind")).select_by_value("disclosure")
    a.el("#consent-form button[type=submit]").click()
    assert "Vul dit in" in a.text("#recipient-error"), "passing on needs a recipient"
    a.fill("#recipient", "bedrijfsarts")
    a.el("#consent-form button[type=submit]").click()
    a.wait.until(lambda d: "gegeven" in a.text("#case-timeline"))
    a.shot("22b-case-extras")

    # Attachments, kept in the vault and shown in the app: a PDF as pictures
    # of its pages, an e-mail as its headers and text.
    picked = home / "picked"
    picked.mkdir(exist_ok=True)
    pdf = picked / "verslag.pdf"
    subprocess.run([str(CLI), "pdf", "sample", "--out", str(pdf)], check=True, capture_output=True)
    (picked / "gesprek.eml").write_text(MAIL, encoding="utf-8")
    for name in ("verslag.pdf", "gesprek.eml"):
        a.pick_file("#attachment-add", picked / name)
        a.wait.until(lambda d, n=name: n in a.text("#case-timeline"))
    shows = "#case-timeline li[data-kind='attachment'] button[data-action='show']"
    a.d.find_elements(By.CSS_SELECTOR, shows)[0].click()
    page = a.el("#attachment-preview .pages img")
    assert page.get_attribute("alt").startswith("Pagina 1 van ")
    assert a.d.execute_script("return arguments[0].naturalWidth", page) == 1000, "a rendered page"
    a.shot("22c-attachment-pdf")
    a.d.find_elements(By.CSS_SELECTOR, shows)[1].click()
    a.wait.until(lambda d: MAIL_WORD in a.text("#attachment-preview"))
    assert "Ayşe Yılmaz <ayse@example.nl>" in a.text("#attachment-preview .mail")
    a.shot("22d-attachment-mail")

    # Found again by a word of its notes.
    a.click("button.back")
    a.fill("#case-search", WORD[:12])
    a.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#case-list .case-ref")) == 1)
    a.shot("23-register-search")
    bottoms = a.d.execute_script(
        "return [...document.querySelectorAll('#register-filters > label')].map((l) => l.getBoundingClientRect().bottom)")
    assert max(bottoms) - min(bottoms) < 4, f"the filters are one row at 1200 px: {bottoms}"
    a.fill("#case-search", "geenenkeletreffer")
    a.el("#register-nothing")
    a.fill("#case-search", "coordinatie")  # without the diaeresis
    a.click(f"#case-list .case-ref[data-reference='VP-{year}-001']")

    # Closed with its outcome; a closing date in the future is refused. The
    # open follow-up is asked about first, and left open.
    a.click("#close-case")
    a.fill("#closed_on", f"01-01-{year + 1}")
    a.click("#close-save")
    assert "Terugbellen" in a.text("#close-follow-ups")
    a.click("#close-keep-open")
    assert "toekomst" in a.text("#closed_on-error")
    a.fill("#closed_on", datetime.date.today().strftime("%d-%m-%Y"))
    Select(a.el("#outcome")).select_by_value("resolved_informally")
    a.click("#close-save")
    a.click("#close-keep-open")
    a.wait.until(lambda d: "Gesloten" in a.text("#case-status"))
    assert a.absent("#add-conversation"), "a closed case folds its forms away"
    a.el("#case-reopen")
    a.shot("24-case-closed")

    # The year's figures: previewed, then released.
    a.click("#tab-stats")
    a.click("#stats-preview")
    assert "minder dan 5" in a.text("#stats-below-k")
    page = a.d.page_source
    assert REPORTER not in page and WORD not in page, "the preview shows no names or notes"
    a.shot("25-stats-preview")
    assert "nog niet vrijgegeven" in a.text("#stats-release-state")
    a.click("#stats-release")
    assert "vrijgeven" in a.text("#confirm").lower(), "a release is confirmed first"
    a.click("#confirm-yes")
    assert "Vrijgegeven" in a.text("#stats-released")
    a.click("#nav-home")
    assert f"VP-{year}-001" in a.text("#home-due"), "the due follow-up is on the home screen"
    a.d.set_window_size(1024, 700)
    a.shot("26-stats-released-1024")
    a.click("#lock-button")
    a.el("#unlock-submit")

    for marker in (REPORTER, PERSON, WORD, MAIL_WORD):
        hits = marker_hits([home / "data", home / "config", home / "cache", home / "tmp"], marker)
        assert hits == [], f"{marker} in plaintext on disk: {hits}"


def test_2_hr_sees_nothing_of_the_register(app):
    a = app
    a.unlock("hanna", PASS_HR)
    assert "Hanna HR" in a.text("#home-title")
    assert a.absent("#nav-advisor"), "HR must not see the advisor's register"
    compartments = a.text("#open-compartments")
    assert "Vertrouwenspersoon" not in compartments, compartments
    assert REPORTER not in a.d.page_source
    a.shot("27-hr-home")


CSV = (
    "\ufeffReferentie;Datum_eerste_contact;Kanaal;Naam_melder;Rol_melder;Afdeling;Aard;Relatie;Betrokkene;Notities\n"
    "OUD-001;2-3-2025;telefoon;Çağrı Öztürk-Yılmazoğlu van den Bergh-Abdülkadiroğlu;medewerker;"
    "Facilitaire dienstverlening, schoonmaak en beveiliging (nachtploeg Zuidoost);pesten;leidinggevende;"
    "Geneviève Müller-Lüdenscheidt-Van Oostveen-Ağaoğlu;Gesprek over het rooster\n"
    "OUD-002;31-02-2025;telefoon;;medewerker;;pesten;;;\n"
    "OUD-003;2025-05-01;e-mail;;stagiair;;pesten;;;\n"
)


def test_3_an_old_register_is_imported_from_csv(app, home):
    a = app
    a.unlock("vera", PASS)
    a.el("#home-title")
    a.click("#nav-advisor")
    a.click("#import-open")
    csv = home / "picked" / "oud-register.csv"
    csv.parent.mkdir(exist_ok=True)
    csv.write_text(CSV, encoding="utf-8")

    # A wrong line: nothing imported, the line and column named.
    a.pick_file("#import button.choose", csv)
    a.wait.until(lambda d: "niets geïmporteerd" in a.text("#import"))
    assert "regel 3 — datum_eerste_contact" in a.text("#import")
    assert a.absent("#case-list .case-ref[data-reference='OUD-001']")
    a.shot("28-import-refused")

    # Skipping wrong lines imports the others.
    a.click("#import input[type=checkbox]")
    a.pick_file("#import button.choose", csv)
    a.wait.until(lambda d: "2 meldingen ingelezen" in a.text("#import"))
    assert "regel 3" in a.text("#import"), "the skipped line is still named"
    a.el("#case-list .case-ref[data-reference='OUD-001']")
    a.el("#case-list .case-ref[data-reference='OUD-003']")
    a.shot("29-import-done")
    short = ["reference", "first_contact", "status", "time", "follow_up"]
    assert a.wrapped_cells("#case-list", short) == [], "a status or date wraps at the default size"

    # Long Turkish and Dutch names on a small screen.
    a.d.set_window_size(1024, 700)
    a.click("#import-open")
    a.shot("29b-register-1024")
    a.click("#import-open")
    a.d.execute_script("document.querySelector('#case-list').scrollIntoView()")
    a.shot("29b-register-table-1024")
    assert a.wrapped_cells("#case-list", short) == [], "a status or date wraps at 1024 px"
    a.click("#case-list .case-ref[data-reference='OUD-001']")
    assert a.text("#case-title") == "OUD-001"
    a.shot("29c-case-1024")
    for tab in ("stats", "destroy", "settings"):
        a.click(f"#tab-{tab}")
        if tab == "destroy":
            a.wait.until(lambda d: "VP-" in a.text("#retention-list"), "the closed case is on the list")
        a.shot(f"29d-{tab}-1024")


def test_4_a_conversation_and_a_follow_up_from_the_keyboard_alone(app):
    """No mouse: unlock, reach the register, open a case, record a
    conversation and plan a follow-up with keys only."""
    a = app

    def press(*k):
        ActionChains(a.d).send_keys(*k).perform()

    def active():
        return a.d.execute_script("return document.activeElement && (document.activeElement.id || document.activeElement.dataset.reference || document.activeElement.tagName)")

    def tab_to(wanted, limit=80):
        for _ in range(limit):
            if active() == wanted:
                return
            press(Keys.TAB)
        raise AssertionError(f"Tab never reached {wanted}; ended on {active()}")

    a.el("#login")
    assert active() == "login", "the unlock screen starts in the login field"
    press("vera", Keys.TAB, PASS, Keys.ENTER)
    a.el("#home-title")
    tab_to("nav-advisor")
    press(Keys.ENTER)
    a.el("#register-title")
    press("/")
    assert active() == "case-search"
    press("OUD-001")
    a.wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#case-list .case-ref")) == 1)
    tab_to("OUD-001")
    press(Keys.ENTER)
    assert a.text("#case-title") == "OUD-001"

    press("g")
    a.el("#notes")
    tab_to("notes")
    press("Gesprek zonder muis: alles met het toetsenbord.")
    tab_to("conversation-save")
    press(Keys.ENTER)
    a.wait.until(lambda d: "zonder muis" in a.text("#case-timeline"))

    tab_to("add-follow-up")
    press(Keys.ENTER)
    a.el("#due_on")
    assert active() == "due_on", "the form takes the focus when it opens"
    today = datetime.date.today().strftime("%d-%m-%Y")
    press(today, Keys.TAB, "Terugbellen zonder muis", Keys.ENTER)
    a.wait.until(lambda d: "Terugbellen zonder muis" in a.text("#case-timeline"))
    a.shot("30-keyboard-only")


def test_5_activities_and_the_jaarverslag(app, home):
    """An activity recorded in its tab, then the jaarverslag of the year
    released in test 1: the advisor's words kept, the PDF written where
    chosen, with the released figures and those words in it."""
    a = app
    a.unlock("vera", PASS)
    a.click("#nav-advisor")
    a.click("#tab-activities")
    a.el("#activity-form")
    Select(a.el("#activity-kind")).select_by_value("prevention_session")
    a.fill("#activity-minutes", "120")
    a.fill("#activity-audience", "35")
    a.fill("#topic", "Workshop omgangsvormen")
    a.click("#activity-save")
    a.wait.until(lambda d: "preventiebijeenkomst" in a.text("#activities-list"))
    assert "35" in a.text("#activities-list")
    a.shot("31-activities")

    year = datetime.date.today().year
    a.click("#tab-annual")
    a.el("#annual-texts")
    a.wait.until(lambda d: "vrijgegeven op" in a.text(".year"), "the year was released in test 1")
    a.el("#annual-signals").send_keys("Signaalqx: werkdruk in de **zorg**")
    a.click("#annual-save")
    a.wait.until(lambda d: "bewaard" in a.text("#toasts").lower())
    report = home / "verslagen" / f"jaarverslag-{year}.pdf"
    report.parent.mkdir(exist_ok=True)
    a.pick_file("#annual-write", report)
    a.wait.until(lambda d: report.exists())
    a.wait.until(lambda d: "jaarverslag" in a.text("#annual-message").lower())
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(report), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for words in (f"Jaarverslag vertrouwenspersoon {year}", "Signaalqx: werkdruk in de zorg",
                  "minder dan 5 meldingen", "preventiebijeenkomst", "Zo is de anonimiteit beschermd"):
        assert words in flat, f"{words!r} not in the jaarverslag: {text}"
    assert REPORTER not in text and WORD not in text, "no name or note in the jaarverslag"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "3", str(report),
                    str(SCREENS / "32-jaarverslag")], check=True)
    a.shot("32-annual-report")

    # Given to HR in the vault; Vera, in HR too, fetches it, and HR's
    # report ends with the jaarverslag's pages, unchanged.
    a.click("#annual-send-publish")
    a.click("#annual-send")
    a.wait.until(lambda d: "Klaargezet voor HR" in a.text("#annual-sent"))
    a.click("#nav-hr")
    a.click("#complaints-tab-sources")
    a.click("#sources-fetch")
    a.wait.until(lambda d: a.d.find_elements(By.CSS_SELECTOR, f"#sources-list tr[data-year='{year}']"))
    row = a.text(f"#sources-list tr[data-year='{year}']")
    assert "ongewijzigd" in row, row
    a.shot("33-hr-sources-with-jaarverslag")
    hr_report = home / "verslagen" / f"jaarverslag-hr-{year}.pdf"
    a.fill("#report-year", str(year))
    a.click("#report-preview")
    a.pick_file("#report-write", hr_report)
    a.wait.until(lambda d: hr_report.exists())

    def pages(pdf):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        return int(next(l.split()[1] for l in info.splitlines() if l.startswith("Pages:")))

    def words(pdf, first, last):
        return " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(first), "-l", str(last),
                                        str(pdf), "-"], check=True, capture_output=True,
                                       text=True).stdout.split())

    theirs, total = pages(report), pages(hr_report)
    assert total > theirs
    assert words(hr_report, total - theirs + 1, total) == words(report, 1, theirs)
    assert "Jaarverslag" in words(hr_report, 1, total - theirs)
