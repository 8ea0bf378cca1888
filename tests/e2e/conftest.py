"""End-to-end harness: the real app binary, driven through tauri-driver and
WebKitWebDriver under Xvfb (`make test` starts this under xvfb-run).

Each WebDriver session starts a fresh app process. The app's data and
config folders point into a temporary home, so the default vault folder is
new for every run.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "target" / "debug" / "vertrouwd-app"
CLI = ROOT / "target" / "debug" / "vertrouwd"
SCREENS = ROOT / "target" / "e2e-screens"
AXE = ROOT / "ui" / "node_modules" / "axe-core" / "axe.min.js"

# axe-core over the page as it is: the violations, each with a few of the
# elements it found them on.
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ["violations"] })
  .then((r) => done(r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }))))
  .catch((e) => done([{ id: "axe-error", impact: "critical", help: String(e), nodes: [] }]));
"""

# The cells of `table` in `columns` whose text runs over more than one line:
# their text boxes start at tops further apart than half a line.
WRAPPED_CELLS = """
const [table, columns] = arguments;
const out = [];
for (const td of document.querySelectorAll(table + " tbody td")) {
  if (!columns.includes(td.dataset.column)) continue;
  // Text shown on screen only: not what is there for screen readers alone.
  const tops = [];
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(".visually-hidden")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.width > 0 && r.height > 0) tops.push(r.top);
  }
  tops.sort((a, b) => a - b);
  const half = parseFloat(getComputedStyle(td).lineHeight) / 2 || 10;
  if (tops.some((t, i) => i > 0 && t - tops[i - 1] > half)) out.push(td.dataset.column + ": " + td.textContent.trim());
}
return out;
"""


def visible_windows():
    """Ids of the visible top-level windows on the test display."""
    out = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", ""], capture_output=True, text=True
    ).stdout
    return set(out.split())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")


def wait_for_app_exit(application, seconds=15):
    """The next test starts only once this app process has gone."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if subprocess.run(["pgrep", "-f", str(application)], capture_output=True).returncode != 0:
            return
        time.sleep(0.2)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "package: installs the built .deb (make test-package runs these, as root or with sudo)",
    )


@pytest.fixture(scope="session", autouse=True)
def fresh_axe_report(request):
    """Each run of the window's tests writes its own accessibility findings
    (the package's test, run on its own, keeps them)."""
    if request.config.getoption("markexpr") == "package":
        return
    (SCREENS / "axe.txt").unlink(missing_ok=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A private home for the app: data, config and temp folders."""
    base = tmp_path_factory.mktemp("home")
    for d in ("data", "config", "cache", "tmp"):
        (base / d).mkdir()
    return base


@pytest.fixture(scope="module")
def app_env(home):
    env = dict(os.environ)
    env.update(
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        TMPDIR=str(home / "tmp"),
        HOME=str(home),
    )
    return env


@pytest.fixture(scope="module")
def vault_dir(home):
    return home / "data" / "nl.vertrouwd.desktop" / "vault"


class App:
    """A running app window with small helpers for the tests."""

    def __init__(self, driver):
        self.d = driver
        self.wait = WebDriverWait(driver, 20)

    def el(self, css):
        return self.wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def click(self, css):
        e = self.wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))
        # WebKitWebDriver does not scroll a checkbox below the fold into view.
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", e)
        e.click()

    def fill(self, css, text):
        e = self.el(css)
        # WebKitWebDriver does not scroll a field at the edge into view.
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", e)
        e.clear()
        e.send_keys(text)

    def text(self, css):
        return self.el(css).text

    def unlock(self, login, passphrase):
        """Fills in the unlock screen and submits it."""
        self.fill("#login", login)
        self.fill("#passphrase", passphrase)
        self.click("#unlock-submit")

    def absent(self, css):
        return len(self.d.find_elements(By.CSS_SELECTOR, css)) == 0

    def axe(self, screen):
        """Fails when axe-core finds a serious or critical violation on the
        page as it is now."""
        self.d.set_script_timeout(60)
        if not self.d.execute_script("return typeof window.axe === 'object'"):
            self.d.execute_script(AXE.read_text(encoding="utf-8"))
        found = self.d.execute_async_script(AXE_RUN)
        # Everything axe found, minor and moderate included, for people to read.
        SCREENS.mkdir(parents=True, exist_ok=True)
        with open(SCREENS / "axe.txt", "a", encoding="utf-8") as report:
            for v in found:
                report.write(f"{screen}: {v['impact']} {v['id']}: {v['help']} {v['nodes']}\n")
            if not found:
                report.write(f"{screen}: no violations\n")
        bad = [v for v in found if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{screen}: {bad}"

    def wrapped_cells(self, table, columns):
        """The cells of `table` in `columns` that wrap onto a second line."""
        return self.d.execute_script(WRAPPED_CELLS, table, columns)

    def shot(self, name):
        """A screenshot of the screen as it is now, for people to look at,
        and axe-core's check of it: every screen the tests reach is both."""
        SCREENS.mkdir(parents=True, exist_ok=True)
        self.d.save_screenshot(str(SCREENS / f"{name}.png"))
        self.axe(name)

    def pick_file(self, css, path):
        """Clicks `css`, which opens the native file dialog, and answers it
        as a user would: the dialog is a GTK window out of WebDriver's reach,
        so xdotool types the path into it and presses Enter."""
        before = visible_windows()
        self.click(css)
        deadline = time.time() + 20
        while not (new := visible_windows() - before):
            assert time.time() < deadline, "no file dialog appeared"
            time.sleep(0.2)
        dialog = max(new)
        # GTK may still be setting the dialog up and drop early keys: open
        # the location field (Ctrl+L), replace what is in it, press Enter,
        # and try again while the dialog stays open.
        for attempt in range(5):
            time.sleep(0.5 + attempt)
            subprocess.run(["xdotool", "windowfocus", "--sync", dialog], check=True)
            subprocess.run(["xdotool", "key", "--delay", "100", "ctrl+l", "ctrl+a"], check=True)
            subprocess.run(["xdotool", "type", "--delay", "20", str(path)], check=True)
            time.sleep(0.3)
            subprocess.run(["xdotool", "key", "Return"], check=True)
            deadline = time.time() + 5
            while dialog in visible_windows() and time.time() < deadline:
                time.sleep(0.2)
            if dialog not in visible_windows():
                return
        raise AssertionError("the file dialog did not take the path")

@contextlib.contextmanager
def running(application, env):
    """Starts tauri-driver and one session of `application` (a path to the
    app binary); closes both afterwards."""
    assert shutil.which("WebKitWebDriver"), "WebKitWebDriver is missing (apt: webkit2gtk-driver)"
    port = free_port()
    native = free_port()
    driver_proc = subprocess.Popen(
        ["tauri-driver", "--port", str(port), "--native-port", str(native)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # tauri-driver listens first and starts WebKitWebDriver on the native
        # port; a session can only be made once both answer.
        for p in (port, native):
            wait_for_port(p)
        opts = ArgOptions()
        opts.set_capability("tauri:options", {"application": str(application)})
        driver = None
        for attempt in range(3):
            try:
                driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=opts)
                break
            except Exception:  # a driver still settling: try again shortly
                if attempt == 2:
                    raise
                time.sleep(1)
        try:
            yield App(driver)
        finally:
            driver.quit()
            wait_for_app_exit(application)
    finally:
        driver_proc.terminate()
        try:
            driver_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            driver_proc.kill()


@pytest.fixture
def app(app_env):
    """The app built from this tree, in a fresh session."""
    assert APP.is_file(), f"build the app first (make test does): {APP}"
    with running(APP, app_env) as a:
        yield a
