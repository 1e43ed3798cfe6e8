"""Helpers for the tests that run spacemedic against the fake Hub over real sockets."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TOKEN = "hf_" + "Zq8" * 12  # token-shaped; must never appear in any output
FAST = ["--timeout", "4", "--log-seconds", "2"]


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def run_cli(args: list[str], endpoint: str, home: Path, *, token: str | None = TOKEN, timeout: float = 60) -> Run:
    """Run `python -m spacemedic ARGS` in a child process pointed at `endpoint`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
    env.update({"HF_ENDPOINT": endpoint, "HF_HOME": str(home), "HF_HUB_DISABLE_TELEMETRY": "1", "NO_COLOR": "1"})
    if token:
        env["HF_TOKEN"] = token
    proc = subprocess.run(
        [sys.executable, "-m", "spacemedic", *args], capture_output=True, text=True, env=env, timeout=timeout
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)
