"""What the release app costs, side by side with the smallest Tauri window
built from the same dependencies (`examples/minimal_window.rs`): binary
size, time from start to the first screen drawn, and memory of all the
processes (PSS, the web processes included) idle on the unlock screen and
idle after unlocking a vault of 10 000 reports.

Run by `make bench` under Xvfb; prints a table with the ratios and writes
`target/bench/footprint.json`. No figure here is a test: it is measured and
reported, never asserted.

Start time: from just before the process is started until its window is
mapped and holds a drawn frame (not one colour: the app draws nothing until
its first screen, the unlock screen, is ready), polled on the X server.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from Xlib import X, display

ROOT = Path(__file__).resolve().parents[2]
PASS = "Correct-Horse-Battery-Staple-42!"
GOALS = {"start_ratio": 3.0, "start_seconds": 1.0, "memory_ratio": 1.3, "binary_mb": 25.0}


def descendants(pid):
    """`pid` and every process below it."""
    children = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def pss_mb(pid):
    """Proportional set size of `pid` and its descendants, in MB."""
    total = 0
    for p in descendants(pid):
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def window_of(d, pid):
    """The mapped top-level window of process `pid`, if any."""
    atom = d.intern_atom("_NET_WM_PID")
    for w in d.screen().root.query_tree().children:
        try:
            prop = w.get_full_property(atom, X.AnyPropertyType)
            if prop and prop.value[0] == pid and w.get_attributes().map_state == X.IsViewable:
                return w
        except Exception:  # a window that went away while we looked
            continue
    return None


def frame(w):
    """The window's pixels as bytes, or None while it cannot be read."""
    try:
        g = w.get_geometry()
        return w.get_image(0, 0, g.width, g.height, X.ZPixmap, 0xFFFFFFFF).data
    except Exception:
        return None


def drawn(pixels):
    """Whether the frame holds more than one colour (something was drawn)."""
    if not pixels:
        return False
    first = pixels[:4]
    return any(pixels[i : i + 4] != first for i in range(0, len(pixels), 4 * 97))


def start(binary, env):
    """Starts `binary`; returns the process, its window and the seconds to
    the first drawn frame."""
    d = display.Display()
    t0 = time.perf_counter()
    proc = subprocess.Popen([str(binary)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + 60
    w = None
    while time.perf_counter() < deadline:
        w = w or window_of(d, proc.pid)
        if w is not None and drawn(frame(w)):
            return proc, d, w, time.perf_counter() - t0
        time.sleep(0.005)
    proc.kill()
    raise TimeoutError(f"{binary} drew no window within a minute")


# How long a window is left alone before its memory is taken: long enough
# for the start-up work to end (a blinking caret never lets the pixels
# settle, so this is a time, not a still picture).
IDLE_SECONDS = 5


def stop(proc):
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    time.sleep(0.5)


def make_home(base, cli, reports):
    """A private home with a vault of `reports` advisor reports in the
    default folder, opened by login `vera`."""
    env = dict(
        os.environ,
        HOME=str(base),
        XDG_DATA_HOME=str(base / "data"),
        XDG_CONFIG_HOME=str(base / "config"),
        XDG_CACHE_HOME=str(base / "cache"),
        TMPDIR=str(base / "tmp"),
        VERTROUWD_USER="vera",
        VERTROUWD_PASSPHRASE=PASS,
        VERTROUWD_NEW_PASSPHRASE=PASS,
    )
    for d in ("data", "config", "cache", "tmp"):
        (base / d).mkdir(parents=True, exist_ok=True)
    if reports:
        subprocess.run(
            [str(cli), "init", "--org", "Zorggroep Eemland", "--user", "Vera Jansen", "--login", "vera",
             "--roles", "advisor", "--kdf-floor"],
            env=env, check=True, capture_output=True,
        )
        subprocess.run(
            [str(cli), "advisor", "demo", "--cases", str(reports), "--conversations", str(reports)],
            env=env, check=True, capture_output=True,
        )
    return env


def unlock(w):
    """Types the login and passphrase into the unlock screen, as a user."""
    g = w.get_geometry()
    subprocess.run(["xdotool", "mousemove", str(g.x + g.width // 2), str(g.y + 20)], check=True)
    time.sleep(0.3)
    subprocess.run(["xdotool", "type", "--delay", "20", "vera"], check=True)
    subprocess.run(["xdotool", "key", "Tab"], check=True)
    subprocess.run(["xdotool", "type", "--delay", "20", PASS], check=True)
    subprocess.run(["xdotool", "key", "Return"], check=True)


def measure(app, minimal, cli, runs, reports):
    out = {
        "binary_mb": {"app": app.stat().st_size / 1e6, "minimal": minimal.stat().st_size / 1e6},
        "start_s": {"app": [], "minimal": []},
        "idle_mb": {"app": [], "minimal": []},
    }
    with tempfile.TemporaryDirectory() as tmp:
        app_env = make_home(Path(tmp) / "app", cli, reports)
        min_env = make_home(Path(tmp) / "minimal", cli, 0)
        for _ in range(runs):
            for name, binary, env in (("minimal", minimal, min_env), ("app", app, app_env)):
                proc, _d, w, seconds = start(binary, env)
                out["start_s"][name].append(seconds)
                time.sleep(IDLE_SECONDS)
                out["idle_mb"][name].append(pss_mb(proc.pid))
                stop(proc)
        proc, _d, w, _ = start(app, app_env)
        time.sleep(IDLE_SECONDS)
        # Unlocking records what this computer saw of the vault: that file
        # changing says the vault is open.
        seen = Path(app_env["XDG_CONFIG_HOME"]) / "nl.vertrouwd.desktop" / "seen.json"
        before = seen.stat().st_mtime_ns
        unlock(w)
        deadline = time.time() + 120
        while seen.stat().st_mtime_ns == before:
            if time.time() > deadline:
                raise TimeoutError("the app did not unlock the vault")
            time.sleep(0.2)
        time.sleep(IDLE_SECONDS)
        out["unlocked_mb"] = pss_mb(proc.pid)
        stop(proc)
    return out


def report(m):
    start = {k: statistics.median(v) for k, v in m["start_s"].items()}
    idle = {k: statistics.median(v) for k, v in m["idle_mb"].items()}
    rows = [
        ("binary (MB)", m["binary_mb"]["app"], m["binary_mb"]["minimal"]),
        ("start to first screen (s, median)", start["app"], start["minimal"]),
        ("memory idle, unlock screen (MB PSS, median)", idle["app"], idle["minimal"]),
        ("memory idle, 10 000 reports unlocked (MB PSS)", m["unlocked_mb"], idle["minimal"]),
    ]
    print(f"{'':48} {'app':>9} {'minimal':>9} {'ratio':>7}")
    for label, a, b in rows:
        print(f"{label:48} {a:9.3f} {b:9.3f} {a / b:7.2f}")
    print(
        "goals: start ≤ {start_ratio}× minimal and < {start_seconds} s; memory ≤ {memory_ratio}× minimal; "
        "binary < {binary_mb} MB".format(**GOALS)
    )
    m["summary"] = {
        "start_ratio": start["app"] / start["minimal"],
        "memory_ratio_unlock_screen": idle["app"] / idle["minimal"],
        "memory_ratio_unlocked": m["unlocked_mb"] / idle["minimal"],
        "goals": GOALS,
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--app", type=Path, default=ROOT / "target/release/vertrouwd-app")
    p.add_argument("--minimal", type=Path, default=ROOT / "target/release/examples/minimal_window")
    p.add_argument("--cli", type=Path, default=ROOT / "target/release/vertrouwd")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--reports", type=int, default=10_000)
    p.add_argument("--out", type=Path, default=ROOT / "target/bench/footprint.json")
    a = p.parse_args()
    if "DISPLAY" not in os.environ:
        sys.exit("footprint.py needs an X display: run it under xvfb-run (make bench does)")
    m = measure(a.app, a.minimal, a.cli, a.runs, a.reports)
    report(m)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(m, indent=2))
    print(f"written: {a.out}")


if __name__ == "__main__":
    main()
