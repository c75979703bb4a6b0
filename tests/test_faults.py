"""Concurrent builds, killed builds and unwritable folders: nothing collides or lingers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, edit


def children(pid: int) -> set[int]:
    """Every live descendant of `pid` (Linux /proc)."""
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == parent and fields[0] != "Z":
                child = int(stat.parent.name)
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux's /proc")
def test_killing_a_build_leaves_no_worker_or_kernel_behind(tmp_path):
    build = subprocess.Popen([sys.executable, "-m", "explainer", "build", "--force", "--out",
                              str(tmp_path / "out")], cwd=ROOT, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    below: set[int] = set()
    while time.monotonic() < deadline and len(below) < 4:  # two workers and their kernels
        below |= children(build.pid)
        time.sleep(0.1)
    assert below, "the build started no worker"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(alive(p) for p in below):
        time.sleep(0.2)
    left = [p for p in below if alive(p)]
    for pid in left:  # tidy up before failing
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} processes outlived the build"


def test_a_second_build_into_the_same_folder_waits_for_the_first(tmp_path, data_copy):
    out, released = tmp_path / "out", tmp_path / "released"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time, pathlib\nfrom explainer.lock import exclusive\n"
         "with exclusive(pathlib.Path(sys.argv[1])):\n"
         "    print('held', flush=True); time.sleep(3)\n"
         "    pathlib.Path(sys.argv[2]).write_text('x')\n", str(out), str(released)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    edit(data_copy / "events.csv", lambda t: t.replace("deadline,9,", "deadline,nine,"))
    done = subprocess.run([sys.executable, "-m", "explainer", "build", "--out", str(out),
                           "--data-dir", str(data_copy)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    holder.wait()
    assert f"another build is writing {out}: waiting for it to finish" in done.stdout
    assert released.exists()  # it ran only once the first had finished
    assert "events.csv:10:seq" in done.stderr  # then did its own work


def test_an_output_folder_that_cannot_be_written_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"  # even root cannot make a folder inside a file
    blocker.write_text("x")
    done = subprocess.run([sys.executable, "-m", "explainer", "student", "--out",
                           str(blocker / "student")], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith(f"error: cannot write {blocker / 'student'}")
    assert "Not a directory; the previous build is left in place" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_make_lab_starts_as_root_too():
    done = subprocess.run(["make", "-n", "lab"], capture_output=True, text=True, cwd=ROOT)
    (command,) = [line for line in done.stdout.splitlines() if "jupyter lab" in line]
    assert ("--allow-root" in command) == (os.geteuid() == 0), done.stdout
