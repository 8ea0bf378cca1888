"""No mouse at all: a new user goes through the whole setup wizard, locks,
unlocks, and records a first report with a conversation, with the keyboard
alone. Every control the Tab key reaches on the way must show that it has
the focus (an outline or a ring that is not the page's own colour)."""

import datetime

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

ORG = "Stichting Toetsenbord"
NAME = "Noor van Dijk"
PASS = "blauwe reiger vangt 23 vissen"

# What the focused element is, for the test to say where it is: its id, the
# reference of a case link, or name=value of a checkbox.
ACTIVE = """
const e = document.activeElement;
if (!e || e === document.body) return "body";
return e.id || e.dataset.reference || (e.name ? e.name + "=" + e.value : e.tagName.toLowerCase());
"""

# Whether the focused element shows its focus: an outline, or a box shadow
# (a focus ring), as the page draws it now.
FOCUS_SHOWN = """
const e = document.activeElement;
if (!e || e === document.body) return true;
const s = getComputedStyle(e);
const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
const ring = s.boxShadow && s.boxShadow !== "none";
return outline || ring;
"""


class Keyboard:
    def __init__(self, app):
        self.a = app
        self.unmarked = []

    def press(self, *keys):
        ActionChains(self.a.d).send_keys(*keys).perform()

    def active(self):
        return self.a.d.execute_script(ACTIVE)

    def tab_to(self, wanted, limit=80):
        """Tabs until `wanted` has the focus, noting every stop on the way
        that does not show its focus."""
        for _ in range(limit):
            now = self.active()
            if now != "body" and not self.a.d.execute_script(FOCUS_SHOWN):
                self.unmarked.append(now)
            if now == wanted:
                return
            self.press(Keys.TAB)
        raise AssertionError(f"Tab never reached {wanted}; ended on {self.active()}")

    def type_into(self, wanted, text):
        self.tab_to(wanted)
        self.press(text)

    def activate(self, wanted):
        self.tab_to(wanted)
        self.press(Keys.ENTER)


def test_from_the_first_start_to_a_first_conversation_without_a_mouse(app, vault_dir):
    a = app
    k = Keyboard(a)

    # The wizard, every step.
    a.el("#wizard-start")
    k.activate("wizard-start")
    a.el("#dir")
    assert k.active() == "dir", "each step starts in its first field"
    assert a.el("#dir").get_attribute("value") == str(vault_dir)
    k.activate("wizard-next")
    a.el("#organisation")
    k.type_into("organisation", ORG)
    k.press(Keys.ENTER)
    a.el("#display_name")
    k.type_into("display_name", NAME)
    k.tab_to("role-advisor")
    k.press(Keys.SPACE)
    k.activate("wizard-next")
    a.el("#passphrase")
    k.type_into("passphrase", PASS)
    k.type_into("passphrase-repeat", PASS)
    k.press(Keys.ENTER)
    key = a.el("#recovery-key").get_attribute("data-key")
    k.tab_to("recovery-stored")
    k.press(Keys.SPACE)
    k.type_into("recovery-confirm", key[-4:])
    k.activate("wizard-finish")
    assert NAME in a.text("#home-title")
    a.shot("60-keyboard-wizard-done")

    # Lock and unlock.
    ActionChains(a.d).key_down(Keys.CONTROL).send_keys("l").key_up(Keys.CONTROL).perform()
    a.el("#unlock-submit")
    assert k.active() == "passphrase", "after a lock only the passphrase is asked"
    k.press(PASS, Keys.ENTER)
    a.el("#home-title")

    # The advisor's first report, and a conversation in it.
    k.activate("nav-advisor")
    a.el("#register-title")
    k.press("n")
    a.el("#case-form")
    assert k.active() == "first_contact", "the new report starts in its first field"
    k.tab_to("nature=3")
    k.press(Keys.SPACE)
    k.type_into("reporter_name", "Ayşe Yılmaz")
    k.activate("case-save")
    year = datetime.date.today().year
    a.wait.until(lambda d: a.text("#case-title") == f"VP-{year}-001")
    k.press("g")
    a.el("#notes")
    k.type_into("notes", "Eerste gesprek, zonder muis.")
    k.activate("conversation-save")
    a.wait.until(lambda d: "zonder muis" in a.text("#case-timeline"))
    a.shot("61-keyboard-first-case")

    assert k.unmarked == [], f"these controls took the focus without showing it: {k.unmarked}"
