"""Run the real CLI on hostile input in a child process with hard limits.

Every run gets RLIMIT_AS 512 MB and RLIMIT_CPU 20 s (set in the child before exec), a wall
clock watchdog, and its peak RSS read back from `wait4`. A run that blocks, blows memory or
loops is a failure of the limits, never a hung test.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ADDRESS_SPACE = 512 * 1024 * 1024
CPU_SECONDS = 20
WALL_SECONDS = 90  # the machine is shared: wall time only catches a process that blocks
MAX_RSS_KB = 300 * 1024
MARKER = "OUTSIDE-MARKER-7f3a9c1e"
"""The content of a file outside the repository: it must never appear in any output."""


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    max_rss_kb: int
    killed: bool

    @property
    def text(self) -> str:
        return self.out + self.err

    def assert_bounded(self) -> None:
        assert not self.killed, f"still running after {WALL_SECONDS} s (blocked?); stderr: {self.err[-500:]}"
        assert self.code >= 0, f"killed by signal {-self.code} (CPU or memory limit); stderr: {self.err[-500:]}"
        assert self.max_rss_kb < MAX_RSS_KB, f"peak RSS {self.max_rss_kb} KB"
        assert "Traceback" not in self.text, self.err[-2000:]
        assert MARKER not in self.text, "bytes from outside the repository reached the output"

    def assert_one_line_error(self, *words: str) -> None:
        """Exit 2 with exactly one `spacemedic: error:` line naming `words`."""
        self.assert_bounded()
        assert self.code == 2, (self.code, self.err[-1000:])
        errors = [line for line in self.err.splitlines() if line.startswith("spacemedic: error:")]
        assert len(errors) == 1, self.err
        for word in words:
            assert word in errors[0], errors[0]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def run_cli(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
            prefix: tuple[str, ...] = ()) -> Run:
    """`python -m spacemedic ARGS` under the limits; `prefix` wraps it (e.g. `unshare`)."""
    cmd = [*prefix, sys.executable, "-m", "spacemedic", *map(str, args)]
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=full_env,
                                preexec_fn=_limits)
        killed = threading.Event()

        def watchdog() -> None:
            if proc.poll() is None:
                killed.set()
                proc.kill()

        timer = threading.Timer(WALL_SECONDS, watchdog)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Run(proc.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                   seconds, int(usage.ru_maxrss), killed.is_set())


def can_mount_read_only(path: Path) -> bool:
    """True when `unshare -m` + a read-only bind mount works here (root in a container)."""
    try:
        proc = subprocess.run(["unshare", "-m", "sh", "-c", f"mount --bind -o ro '{path}' '{path}' && touch '{path}/x'"],
                              capture_output=True, timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return b"Read-only file system" in proc.stderr


def read_only_prefix(path: Path) -> tuple[str, ...]:
    """A command prefix that runs the rest with `path` mounted read-only."""
    return ("unshare", "-m", "sh", "-c", f"mount --bind -o ro '{path}' '{path}' && exec \"$0\" \"$@\"")
