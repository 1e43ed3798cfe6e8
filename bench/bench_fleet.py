"""Benchmark: `spacemedic fleet` over 1,000 Spaces, 100 ms latency per request, whole process.

Two servers on 127.0.0.1:
  bulk       the shared fake Hub (spacemedic.testing): the listing carries `runtime` (expand),
             as the real Hub does; one listing request, then triage and history for every Space.
  per-space  tests/hubsim.py with runtime expansion off: one runtime call per Space, the
             fallback path, on the bounded thread pool (1,001 requests).

Each run is `python -m spacemedic fleet ...` in a fresh process; wall time includes interpreter
start, imports, the network, triage, the history writes and rendering. Peak RSS comes from
wait4() on that process. Target: under 15 s each. Results: bench/results/fleet.json.

    .venv/bin/python bench/bench_fleet.py [--spaces 1000] [--latency 0.1]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hubsim import HubSim, SimSpace, runtime

from spacemedic.testing import FakeHub, scenario_from_dict

MIX = [
    ("RUNNING", None), ("RUNNING", None), ("SLEEPING", None), ("RUNNING", None), ("BUILDING", None),
    ("PAUSED", None), ("RUNTIME_ERROR", "Exit code: 1. Reason: Traceback (most recent call last):\nImportError: x"),
    ("RUNTIME_ERROR", "Scheduling failure: unable to schedule"), ("BUILD_ERROR", "Job failed with exit code: 137"),
    ("PAUSED", "Flagged as abusive"),
]
LIMIT_S = 15.0


def _runtime(i: int) -> dict[str, Any]:
    stage, error = MIX[i % len(MIX)]
    return runtime(stage, error=error)


def run_fleet(url: str, author: str, db: Path) -> tuple[float, int, dict[str, Any]]:
    """(wall seconds, peak RSS KiB, parsed JSON) of one whole `spacemedic fleet` process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "SPACEMEDIC_"))}
    env["HF_HUB_DISABLE_TELEMETRY"] = "1"
    cmd = [sys.executable, "-m", "spacemedic", "fleet", "--author", author, "--endpoint", url,
           "--db", str(db), "--format", "json"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"fleet failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        return wall, int(usage.ru_maxrss), json.loads(out.read())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spaces", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.1)
    args = parser.parse_args()
    n, latency = args.spaces, args.latency
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        others = [{"id": f"bench/space-{i:04d}", "runtime": _runtime(i)} for i in range(1, n)]
        scenario = scenario_from_dict("bench", {"space": "bench/space-0000", "runtime": _runtime(0), "other_spaces": others})
        with FakeHub(scenario, latency=latency) as hub:
            wall, rss, data = run_fleet(hub.url, "bench", Path(tmp) / "bulk.db")
        rows.append({"mode": "bulk", "server": "spacemedic.testing.FakeHub", "spaces": data["count"],
                     "requests": 1, "wall_s": round(wall, 2), "peak_rss_mib": round(rss / 1024, 1),
                     "patterns": len(data["patterns"]), "ok": data["count"] == n and wall < LIMIT_S})
        with HubSim(latency=latency, bulk_runtime=False) as sim:
            for i in range(n):
                sim.spaces[f"bench/space-{i:04d}"] = SimSpace([(_runtime(i), 1)])
            wall, rss, data = run_fleet(sim.url, "bench", Path(tmp) / "per.db")
            requests = sim.requests
        rows.append({"mode": "per-space", "server": "tests/hubsim.py", "spaces": data["count"],
                     "requests": requests, "wall_s": round(wall, 2), "peak_rss_mib": round(rss / 1024, 1),
                     "patterns": len(data["patterns"]), "ok": data["count"] == n and wall < LIMIT_S})
    print(f"fleet over {n} Spaces, {int(latency * 1000)} ms latency per request, whole process (limit {LIMIT_S:.0f} s)")
    print(f"{'mode':<10} {'spaces':>6} {'requests':>8} {'wall s':>7} {'peak RSS MiB':>13} {'patterns':>8}  ok")
    for r in rows:
        print(f"{r['mode']:<10} {r['spaces']:>6} {r['requests']:>8} {r['wall_s']:>7} {r['peak_rss_mib']:>13} {r['patterns']:>8}  {r['ok']}")
    result = {"benchmark": "fleet", "spaces": n, "latency_s": latency, "limit_s": LIMIT_S, "rows": rows,
              "python": platform.python_version(), "machine": platform.machine(), "cpus": os.cpu_count(),
              "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    out = ROOT / "bench" / "results" / "fleet.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0 if all(r["ok"] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
