"""Benchmark: how long `fleet`, `watch` and `diagnose` take against a Hub that accepts connections
and never answers (the fake Hub's `fault_silent_hub` / `fault_silent_runtimes` scenarios).

Each run is a fresh `python -m spacemedic ...` process; wall time includes interpreter start.
Bounds checked: `fleet --timeout T` ends within T + 5 s when nothing answers, and within 2T + 5 s
when only the runtimes are silent (three timeouts, then the rest are not attempted); `watch
--timeout W --interval I` ends within W + I + 5 s. Before issue 16: fleet ran past 300 s and
`watch --timeout 15s` took 33-35 s. Results: bench/results/bounds.json.

    .venv/bin/python bench/bench_bounds.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spacemedic.testing import FakeHub, load_scenario  # noqa: E402

T, W, INTERVAL = 10.0, 15.0, 5.0
SLACK = 5.0


def _run(argv: list[str], endpoint: str, home: str) -> tuple[float, int]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SPACEMEDIC_"))}
    env.update({"HF_ENDPOINT": endpoint, "HF_HOME": home, "SPACEMEDIC_HOME": home, "HF_HUB_DISABLE_TELEMETRY": "1"})
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "spacemedic", *argv], capture_output=True, env=env, timeout=600)
    return time.perf_counter() - start, proc.returncode


def main() -> int:
    rows: dict[str, dict[str, float | int | bool]] = {}
    with tempfile.TemporaryDirectory() as home:
        cases = [
            ("fleet, silent Hub", "fault_silent_hub", ["fleet", "--author", "zed", "--timeout", f"{T:g}", "--no-record"], T + SLACK),
            ("fleet, silent runtimes (9 Spaces)", "fault_silent_runtimes",
             ["fleet", "--author", "zed", "--timeout", f"{T:g}", "--no-record"], 2 * T + SLACK),
            ("watch, silent Hub", "fault_silent_hub",
             ["watch", "zed/silent", "--timeout", f"{W:g}s", "--interval", f"{INTERVAL:g}s"], W + INTERVAL + SLACK),
            ("diagnose, silent Hub", "fault_silent_hub",
             ["diagnose", "zed/silent", "--timeout", f"{T:g}", "--log-seconds", "3"], T + SLACK),
        ]
        for label, scenario, argv, bound in cases:
            with FakeHub(load_scenario(scenario)) as hub:
                extra = ["--status-url", hub.status_url] if argv[0] == "diagnose" else []
                wall, code = _run([*argv, *extra], hub.url, home)
            rows[label] = {"wall_s": round(wall, 2), "exit": code, "bound_s": bound, "within": wall <= bound}
            print(f"{label:<36} {wall:6.2f} s  exit {code}  bound {bound:g} s")
    result = {"T_request_s": T, "watch_timeout_s": W, "interval_s": INTERVAL, "runs": rows,
              "all_within": all(r["within"] for r in rows.values())}
    out = ROOT / "bench" / "results" / "bounds.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["all_within"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
