"""The complaints register in the real app window: HR files a complaint
about an HR colleague, restricted from her, sees its due dates, completes
the acknowledgement, plans the hearing, records advice and decision and
closes it; the colleague left out sees none of it. Every screen is checked
with axe-core."""

import datetime
import subprocess

import pytest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import CLI, SCREENS

PASS = "paars konijn fietst 42 keer"
PASS_HR = "groene olifant zwemt 17 baantjes"
COMPLAINANT = "E2E-Klager Çağrı Öztürk"
DESCRIPTION = "E2E-omschrijving: herhaaldelijk gekleineerd in het teamoverleg"


@pytest.fixture(scope="module", autouse=True)
def hr_vault(vault_dir, app_env):
    """Three HR users, made with the CLI: Ayşe files, Piet may read, Hanna
    (about whom the complaint is) may not."""
    env = {**app_env, "VERTROUWD_PASSPHRASE": PASS, "VERTROUWD_NEW_PASSPHRASE": PASS}
    subprocess.run(
        [str(CLI), "--vault", str(vault_dir), "init", "--org", "Gemeente Ideeën", "--user", "Ayşe Yılmaz",
         "--login", "ayse", "--roles", "hr", "--kdf-floor"],
        check=True, env=env, capture_output=True,
    )
    for login, name in (("hanna", "Hanna HR"), ("piet", "Piet Pieters")):
        subprocess.run(
            [str(CLI), "--vault", str(vault_dir), "--as", "ayse", "user", "add", "--name", name,
             "--login", login, "--roles", "hr"],
            check=True, env={**env, "VERTROUWD_NEW_PASSPHRASE": PASS_HR}, capture_output=True,
        )
    return vault_dir


def typed(day):
    return day.strftime("%d-%m-%Y")


def test_1_a_complaint_from_filing_to_closing(app, home):
    a = app
    a.unlock("ayse", PASS)
    a.el("#home-complaints")
    a.click("#nav-hr")
    a.el("#complaints-empty")
    a.shot("40-complaints-empty")

    today = datetime.date.today()
    received = today - datetime.timedelta(days=3)
    a.click("#new-complaint")
    a.fill("#received_on", typed(received))
    Select(a.el("#procedure")).select_by_value("complaints_regulation")
    a.fill("[id='complainant.name']", COMPLAINANT)
    a.fill("#accused-0-name", "Hanna HR")
    a.fill("#accused-0-role", "HR-adviseur")
    a.click("input[name=nature][value='bullying']")
    a.el("#description").send_keys(DESCRIPTION)
    a.click("#access-only")
    a.click("input[name=access-user][data-name='Piet Pieters']")
    assert a.el("input[name=access-user][data-name='Piet Pieters']").is_selected()
    assert not a.el("input[name=access-user][data-name='Hanna HR']").is_selected()
    a.shot("41-new-complaint")
    a.click("#complaint-save")
    year = received.year
    reference = f"KL-{year}-001"
    assert a.text("#complaint-title") == reference
    assert "Piet Pieters" in a.text("#complaint-access-summary")
    assert "Hanna HR" not in a.text("#complaint-access-summary")

    # Its due dates, on the organisation's working days.
    steps = a.text("#complaint-steps")
    assert "ontvangstbevestiging" in steps and "3 werkdagen" in steps
    assert "voorlopig" in steps, "later steps count from steps not done yet"
    a.shot("42-complaint")

    # The acknowledgement done today, and its letter in the same action.
    a.click("#complete-step")
    Select(a.el("#step-which")).select_by_value("acknowledgement")
    a.fill("#done_on", typed(today))
    assert a.el("#step-letter").is_selected(), "the letter comes with the step unless declined"
    letter = home / "brieven" / "ontvangstbevestiging.pdf"
    letter.parent.mkdir(exist_ok=True)
    a.pick_file("#step-save", letter)
    a.wait.until(lambda d: letter.exists())
    assert "gedaan op" in a.text("#complaint-steps tr[data-step='acknowledgement']")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(letter), "-"], check=True,
                          capture_output=True, text=True).stdout
    for words in ("Ontvangstbevestiging van uw klacht", reference, COMPLAINANT, "Gemeente Ideeën"):
        assert words in text, f"{words!r} not in the letter: {text}"
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(letter),
                    str(SCREENS / "42b-acknowledgement-letter")], check=True)

    # A hearing before receipt is refused, one today is recorded.
    a.click("#add-hearing")
    a.fill("#on", typed(received - datetime.timedelta(days=30)))
    a.click("#hearing-save")
    a.wait.until(lambda d: "ontvangen" in a.text("#hearing-form .error"))
    a.fill("#on", typed(today))
    a.click("#hearing-separate")
    a.click("#hearing-save")
    a.wait.until(lambda d: a.absent("#hearing-form"))
    assert "apart gehoord" in a.text("#complaint-hearings")

    # Advice, then a decision that departs from it: its reasons are needed.
    a.click("#record-advice")
    Select(a.el("#advice-finding")).select_by_value("partly_upheld")
    a.click("#advice-save")
    a.wait.until(lambda d: "deels gegrond" in a.text("#complaint-advice"))
    a.click("#record-decision")
    Select(a.el("#decision-finding")).select_by_value("upheld")
    a.click("#decision-save")
    a.wait.until(lambda d: "motivering" in a.text("#decision-form .error"))
    a.el("#decision-reasons").send_keys("Twee getuigen bevestigen het verhaal.")
    a.click("#decision-save")
    a.wait.until(lambda d: "gegrond" in a.text("#complaint-decision"))
    a.shot("43-complaint-decided")

    a.click("#end-complaint")
    Select(a.el("#end-kind")).select_by_value("closed")
    a.click("#end-save")
    a.wait.until(lambda d: "afgesloten" in a.text("#complaint-status"))
    timeline = a.text("#complaint-timeline")
    for what in ("klacht vastgelegd", "stap gedaan", "hoorzitting", "advies", "besluit", "afgesloten"):
        assert what in timeline, what
    assert a.absent("#complete-step"), "a closed complaint takes no further step"
    a.shot("44-complaint-closed")

    # The register lists it once closed ones are asked for.
    a.click("button.back")
    a.click("#complaint-closed")
    a.el(f"#complaint-list .complaint-ref[data-reference='{reference}']")
    a.shot("45-complaints-register")
    assert a.wrapped_cells("#complaint-list", ["reference", "received", "status", "due"]) == []


def test_2_the_colleague_left_out_sees_none_of_it(app):
    a = app
    a.unlock("hanna", PASS_HR)
    a.el("#home-complaints")
    a.click("#nav-hr")
    a.el("#complaints-empty")
    a.click("#complaint-closed")
    a.el("#complaints-nothing")
    assert COMPLAINANT not in a.d.page_source
    assert DESCRIPTION not in a.d.page_source
    a.shot("46-complaints-left-out")


def test_3_the_colleague_let_in_reads_it(app):
    a = app
    a.unlock("piet", PASS_HR)
    a.click("#nav-hr")
    a.click("#complaint-closed")
    received = datetime.date.today() - datetime.timedelta(days=3)
    reference = f"KL-{received.year}-001"
    a.click(f"#complaint-list .complaint-ref[data-reference='{reference}']")
    assert COMPLAINANT in a.text("#complaint-summary")
    assert len(a.d.find_elements(By.CSS_SELECTOR, "#complaint-timeline li")) >= 6


def test_3b_a_procedure_term_is_changed_and_checked(app):
    a = app
    a.unlock("ayse", PASS)
    a.click("#nav-hr")
    a.click("#complaints-tab-procedures")
    a.el("#procedure-steps")
    # A negative term is refused with the field named, and nothing is kept.
    a.fill("#term-acknowledgement", "-3")
    a.click("#procedure-preview-button")
    a.wait.until(lambda d: a.text("#procedure-form .error"))
    a.fill("#term-acknowledgement", "10")
    a.click("#procedure-preview-button")
    # The only complaint has ended: nothing running moves.
    a.wait.until(lambda d: "geen termijn" in a.text("#procedure-preview"))
    a.shot("47a-complaints-procedures")
    a.click("#procedure-save")
    a.wait.until(lambda d: "opgeslagen" in a.text("#toasts").lower())
    a.click("#complaints-tab-register")
    a.click("#complaints-tab-procedures")
    assert a.el("#term-acknowledgement").get_attribute("value") == "10"


def test_4_the_complaint_is_destroyed_from_the_retention_list(app):
    a = app
    a.unlock("ayse", PASS)
    a.click("#nav-hr")
    a.click("#complaints-tab-retention")
    received = datetime.date.today() - datetime.timedelta(days=3)
    reference = f"KL-{received.year}-001"
    assert "nog bewaren" in a.text("#retention-list")
    a.shot("47-complaints-retention")
    a.click(f"#retention-list button[data-reference='{reference}']")
    a.el("#complaint-danger")
    a.fill("#destroy-confirm", reference)
    a.click("#destroy-complaint-do")
    a.wait.until(lambda d: "reden" in a.text("#destroy-complaint .error").lower())
    Select(a.el("#destroy-reason")).select_by_value("recorded_in_error")
    a.click("#destroy-complaint-do")
    a.el("#complaints-empty")
    assert COMPLAINANT not in a.d.page_source


def test_5_attachments_the_committee_and_joined_complaints(app, home, hr_vault, app_env):
    """Two running complaints for every hr user (filed with the command
    line): the committee is set up in its tab; on one complaint a file is
    attached and shown, a member steps aside, and the other complaint is
    joined to it, each link leading to the other."""
    env = {**app_env, "VERTROUWD_PASSPHRASE": PASS}
    today = datetime.date.today()
    refs = []
    for who in ("E2E-Eerste klager", "E2E-Tweede klager"):
        complaint = ('{"received_on":"%s","channel":"email","procedure":"complaints_regulation",'
                     '"complainant":{"anonymous":false,"name":"%s","role":"employee"},'
                     '"description":"Samen te behandelen","access":{"who":"everyone"}}'
                     % (typed(today), who))
        out = subprocess.run([str(CLI), "--vault", str(hr_vault), "--as", "ayse", "complaints", "add"],
                             input=complaint, check=True, env=env, capture_output=True, text=True)
        refs.append(out.stdout.strip())
    a = app
    a.unlock("ayse", PASS)
    a.click("#nav-hr")
    a.click("#complaints-tab-committee")
    a.el("#committee-form")
    a.click("#committee-add")
    a.fill("#member-name-0", "Els Jansen")
    Select(a.el("#member-role-0")).select_by_value("chair")
    a.click("#committee-add")
    a.fill("#member-name-1", "Jan de Vries")
    a.click("#committee-save")
    a.wait.until(lambda d: "opgeslagen" in a.text("#toasts").lower())
    a.shot("48-complaints-committee")

    a.click("#complaints-tab-register")
    a.click(f"#complaint-list .complaint-ref[data-reference='{refs[0]}']")
    statement = home / "verklaring-getuige.txt"
    statement.write_text("Verklaring van de getuige: het gebeurde in het teamoverleg.", encoding="utf-8")
    a.pick_file("#attachment-add", statement)
    a.wait.until(lambda d: "verklaring-getuige.txt" in a.text("#complaint-attachments"))
    a.click("#complaint-attachments button[data-action='show']")
    a.wait.until(lambda d: "teamoverleg" in a.text("#attachment-preview"))

    a.click("#record-recusal")
    Select(a.el("#recusal-member")).select_by_value("Jan de Vries")
    a.fill("#reason", "Leidinggevende van de klager")
    a.click("#recusal-save")
    a.wait.until(lambda d: a.absent("#recusal-form"))
    assert "Jan de Vries" in a.text("#complaint-recusals")

    a.click("#join-complaint")
    Select(a.el("#join-with")).select_by_value(refs[1])
    a.click("#join-save")
    a.wait.until(lambda d: a.absent("#join-form"))
    assert refs[1] in a.text("#complaint-joined")
    timeline = a.text("#complaint-timeline")
    for what in ("bijlage toegevoegd", "lid verschoont zich", "samengevoegd met"):
        assert what in timeline, what
    a.d.execute_script("document.querySelector('#complaint-title').scrollIntoView()")
    a.shot("49a-complaint-joined-recused")
    a.d.execute_script("document.querySelector('#complaint-attachments-title').scrollIntoView()")
    a.shot("49b-complaint-attachments")
    a.shot("49-complaint-attachments-recusal-joined")

    a.click("#complaint-joined button.link")
    a.wait.until(lambda d: a.text("#complaint-title") == refs[1])
    assert refs[0] in a.text("#complaint-joined")


def test_6_an_external_advisors_release_is_imported(app, home, app_env):
    """An external advisor (a vault of their own, made with the command
    line) releases 2026 as a signed file; HR imports it in its tab and sees
    the advisor's key to compare; a copy with a changed number is refused."""
    import json

    advisor_vault = home / "vp-kluis"
    env = {**app_env, "VERTROUWD_PASSPHRASE": PASS, "VERTROUWD_NEW_PASSPHRASE": PASS,
           "VERTROUWD_VAULT": str(advisor_vault), "VERTROUWD_USER": "vera"}
    run = lambda *args, stdin=None: subprocess.run([str(CLI), *args], input=stdin, check=True,
                                                   env=env, capture_output=True, text=True).stdout
    run("init", "--org", "Bureau Vertrouwen", "--user", "Vera Extern", "--login", "vera",
        "--roles", "advisor", "--kdf-floor")
    nature = json.loads(run("--json", "advisor", "case", "natures"))[0]["id"]
    for month in range(1, 7):
        run("advisor", "case", "add", stdin=json.dumps(
            {"first_contact": f"3-{month}-2026", "channel": "phone", "reporter_role": "employee",
             "natures": [{"nature_id": nature}]}))
    release = home / "jaarcijfers-2026.json"
    run("advisor", "stats", "release", "--year", "2026", "--out", str(release))
    forged = home / "vervalst-2026.json"
    signed = json.loads(release.read_text(encoding="utf-8"))
    forged.write_text(json.dumps(dict(signed, body=signed["body"].replace('"cases":6', '"cases":60'))),
                      encoding="utf-8")

    a = app
    a.unlock("ayse", PASS)
    a.click("#nav-hr")
    a.click("#complaints-tab-sources")
    a.el("#sources-empty")
    a.pick_file("#sources-import", forged)
    a.wait.until(lambda d: "veranderd" in a.text("#sources-error"))
    a.pick_file("#sources-import", release)
    a.wait.until(lambda d: a.d.find_elements(By.CSS_SELECTOR, "#sources-list tr[data-year='2026']"))
    row = a.text("#sources-list tr[data-year='2026']")
    assert "Vera Extern" in row and "6" in row, row
    assert "Eerste vrijgave van Vera Extern" in a.d.page_source
    a.shot("50-advisor-releases")

    # The report of 2026: the preview says what is hidden and why, then the
    # PDF. Three complaints this year (one destroyed): fewer than 5.
    a.fill("#report-year", "2026")
    a.click("#report-preview")
    a.wait.until(lambda d: a.text("#report-received").replace(" ", "") == "<5")
    assert "minder dan k" in a.text("#report-appendix")
    report = home / "jaarverslag-hr-2026.pdf"
    a.pick_file("#report-write", report)
    a.wait.until(lambda d: report.exists())
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(report), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    for words in ("Jaarverslag sociale veiligheid en integriteit 2026", "Vera Extern",
                  "Er kwamen minder dan 5 klachten binnen"):
        assert words in text, f"{words!r} not in the report: {text}"
    assert COMPLAINANT not in text
    a.shot("51-hr-annual-report")
    a.d.set_window_size(1024, 700)
    tabs = a.d.find_elements(By.CSS_SELECTOR, ".tabs button")
    assert all(t.size["height"] < 50 for t in tabs), "a tab's name is never broken over two lines"
    a.shot("50b-advisor-releases-1024")


def test_7_a_past_year_is_published_and_the_report_carries_its_own_words(app, home):
    """HR publishes 2025 (a year that has ended) after being asked; 2026's
    report then compares with it — "niet vergelijkbaar", since both years
    are below k — and carries HR's introduction and plan of action."""
    a = app
    a.unlock("ayse", PASS)
    a.click("#nav-hr")
    a.click("#complaints-tab-sources")
    a.fill("#report-year", "2025")
    a.click("#report-preview")
    a.el("#report-draft")
    a.click("#report-publish")
    assert "2025" in a.text("#confirm"), "publishing is confirmed first"
    a.click("#confirm-yes")
    a.wait.until(lambda d: "Gepubliceerd op" in a.text("#report-published"))
    assert not a.d.find_elements(By.CSS_SELECTOR, "#report-publish"), "a year is published once"

    a.fill("#report-year", "2026")
    a.click("#report-preview")
    a.wait.until(lambda d: "niet vergelijkbaar" in a.text("#report-comparisons"))
    a.shot("51b-hr-report-compared")
    assert not a.d.find_elements(By.CSS_SELECTOR, "#report-publish"), "2026 has not ended"
    a.fill("#hr-report-introduction", "Een jaar van **rust** én reünies.")
    a.click("#hr-report-save")
    a.fill("#plan-recommendation", "Training omgangsvormen voor leidinggevenden")
    a.fill("#plan-owner", "Afdeling HR")
    a.fill("#plan-due", "31-02-2027")
    a.click("#plan-add-do")
    a.wait.until(lambda d: "⚠" in a.d.find_element(By.ID, "plan-add").text)
    a.fill("#plan-due", "01-06-2027")
    a.click("#plan-add-do")
    a.wait.until(lambda d: "Training omgangsvormen" in a.text("#plan-actions"))
    # Typed but not saved: writing the report keeps it first.
    a.fill("#hr-report-conclusions", "Meer voorlichting over de vertrouwenspersoon.")
    a.shot("52-hr-report-plan")

    report = home / "jaarverslag-hr-2026-plan.pdf"
    a.pick_file("#report-write", report)
    a.wait.until(lambda d: report.exists())
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(report), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    for words in ("1. Inleiding", "Een jaar van rust én reünies.", "niet vergelijkbaar",
                  "Plan van aanpak", "Training omgangsvormen voor leidinggevenden", "Afdeling HR",
                  "Meer voorlichting over de vertrouwenspersoon."):
        assert words in text, f"{words!r} not in the report: {text}"
    assert "**" not in text

    # Three years together, for an organisation this small: checked
    # against 2025 as published, and never published itself.
    a.click("#report-three-years")
    a.click("#report-preview")
    a.wait.until(lambda d: "2024 tot en met 2026" in a.text("#report-window"))
    assert not a.d.find_elements(By.CSS_SELECTOR, "#report-publish")
    a.shot("52b-hr-report-three-years")
    three = home / "verslag-hr-2024-2026.pdf"
    a.pick_file("#report-write", three)
    a.wait.until(lambda d: three.exists())
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(three), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert "Verslag sociale veiligheid en integriteit 2024–2026" in text, text
    assert "Dit verslag neemt de jaren 2024–2026 samen" in text, text
