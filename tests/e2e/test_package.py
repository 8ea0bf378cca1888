"""The app as people get it: the .deb that `make package` builds, installed
with dpkg, started under Xvfb, used through the installed command, and
removed again without leaving a file of its own (the user's vault stays).

It changes the machine, so it runs only as root or with sudo without a
password (`make test-package`, part of `make test`, says "skipped" and why
elsewhere), and never on a machine where Vertrouwd is installed already.
"""

import gzip
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, running

pytestmark = pytest.mark.package

BUNDLE = ROOT / "target" / "release" / "bundle"
# What the package must bring, beside the app itself.
EXPECTED = [
    "/usr/bin/vertrouwd-app",
    "/usr/bin/vertrouwd",
    "/usr/bin/vertrouwd-preview",
    "/usr/share/man/man1/vertrouwd.1.gz",
    "/usr/share/man/man1/vertrouwd-advisor.1.gz",
    "/usr/share/bash-completion/completions/vertrouwd",
    "/usr/share/zsh/vendor-completions/_vertrouwd",
    "/usr/share/fish/vendor_completions.d/vertrouwd.fish",
    "/usr/share/doc/vertrouwd/LICENSE-DejaVu.txt",
    "/usr/share/applications/Vertrouwd.desktop",
]
PASS = "Correct-Horse-Battery-Staple-42!"


def workspace_version():
    for line in (ROOT / "Cargo.toml").read_text().split("[workspace.package]")[1].splitlines():
        if line.startswith("version"):
            return line.split('"')[1]
    raise AssertionError("no workspace version")


def as_root(cmd):
    return cmd if os.geteuid() == 0 else ["sudo", "-n", *cmd]


def may_install():
    if os.geteuid() == 0:
        return True
    return shutil.which("sudo") is not None and subprocess.run(
        ["sudo", "-n", "true"], capture_output=True
    ).returncode == 0


def deb_field(deb, field):
    return subprocess.run(
        ["dpkg-deb", "-f", str(deb), field], capture_output=True, text=True, check=True
    ).stdout.strip()


def deb_paths(deb):
    """Every path the package puts on the machine, as dpkg-deb lists it."""
    out = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True)
    paths = []
    for line in out.stdout.splitlines():
        name = line.split(None, 5)[5].split(" -> ")[0]
        path = "/" + name.removeprefix("./").rstrip("/")
        if path != "/":
            paths.append(path)
    return paths


def installed(package):
    out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
    return out.returncode == 0 and "installed" in out.stdout.split()


def tree_digest(folder):
    """Each file under `folder` with the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def deb():
    if shutil.which("dpkg") is None:
        pytest.skip("no dpkg: this is not a Debian or Ubuntu machine")
    if not may_install():
        pytest.skip("installing a package needs root or sudo without a password")
    debs = sorted(BUNDLE.glob("deb/*.deb"))
    assert debs, "build the package first: make package"
    deb = debs[-1]
    if installed(deb_field(deb, "Package")):
        pytest.skip("Vertrouwd is installed on this machine; the test would remove it")
    return deb


def test_the_package_installs_starts_makes_a_vault_and_leaves_nothing_behind(deb, app_env, home):
    version = workspace_version()
    package = deb_field(deb, "Package")
    assert deb_field(deb, "Version").startswith(version)
    paths = deb_paths(deb)
    for path in EXPECTED:
        assert path in paths, f"{path} is not in the package"
    existed = {p for p in paths if os.path.lexists(p)}
    vault = home / "data" / "nl.vertrouwd.desktop" / "vault"
    try:
        subprocess.run(as_root(["dpkg", "-i", str(deb)]), check=True, capture_output=True)
        assert installed(package)

        # The command, its man page and its completions, as installed.
        out = subprocess.run(["/usr/bin/vertrouwd", "--version"], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == f"vertrouwd {version}"
        page = gzip.decompress(Path("/usr/share/man/man1/vertrouwd.1.gz").read_bytes()).decode()
        assert page.startswith(".ie") or ".TH vertrouwd 1" in page, page[:200]
        assert "VERTROUWD_VAULT" in page
        complete = subprocess.run(
            ["bash", "-c", "source /usr/share/bash-completion/completions/vertrouwd && complete -p vertrouwd"],
            capture_output=True, text=True, check=True,
        )
        assert "vertrouwd" in complete.stdout
        desktop = Path("/usr/share/applications/Vertrouwd.desktop").read_text()
        assert "Exec=vertrouwd-app" in desktop and "Name=Vertrouwd" in desktop

        # The installed app opens on the setup wizard (a fresh home: no vault
        # yet), and its About box names the package's version.
        with running("/usr/bin/vertrouwd-app", app_env) as a:
            a.el("#wizard-start")
            a.shot("package-1-wizard")
            a.click("#about-open")
            assert a.text("#about-version") == version
            a.shot("package-2-about")

        # A vault made with the installed command, in the default folder.
        env = dict(app_env, VERTROUWD_PASSPHRASE=PASS, VERTROUWD_NEW_PASSPHRASE=PASS)
        subprocess.run(
            ["/usr/bin/vertrouwd", "init", "--org", "Stichting Öztürk", "--user", "Ayşe Yılmaz",
             "--login", "ayse", "--roles", "advisor", "--kdf-floor"],
            env=env, capture_output=True, check=True,
        )
        listed = subprocess.run(
            ["/usr/bin/vertrouwd", "--as", "ayse", "--json", "user", "list"],
            env=env, capture_output=True, text=True, check=True,
        )
        assert "Ayşe Yılmaz" in listed.stdout
        assert (vault / "keyring.json").is_file()
        before = tree_digest(vault)
    finally:
        if installed(package):
            subprocess.run(as_root(["dpkg", "--purge", package]), check=True, capture_output=True)

    assert not installed(package)
    left = [p for p in paths if p not in existed and os.path.lexists(p)]
    assert left == [], f"left behind by the package: {left}"
    assert tree_digest(vault) == before, "the user's vault is untouched"


def test_the_rpm_holds_the_same_programs_pages_and_completions():
    if shutil.which("rpm") is None:
        pytest.skip("no rpm tool on this machine to read the .rpm")
    rpms = sorted(BUNDLE.glob("rpm/*.rpm"))
    assert rpms, "build the package first: make package"
    out = subprocess.run(["rpm", "-qlp", str(rpms[-1])], capture_output=True, text=True, check=True)
    listed = set(out.stdout.split())
    for path in EXPECTED:
        path = path.replace("/zsh/vendor-completions/", "/zsh/site-functions/")
        assert path in listed, f"{path} is not in the .rpm"
    version = subprocess.run(
        ["rpm", "-qp", "--queryformat", "%{VERSION}", str(rpms[-1])], capture_output=True, text=True, check=True
    ).stdout
    assert version == workspace_version()
