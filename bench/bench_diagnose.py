"""Benchmark: `spacemedic diagnose` against the fake Hub with 200 ms latency on every request.

    .venv/bin/python bench/bench_diagnose.py [--latency 0.2] [--runs 3] [--huge-gb 1] [--skip-full-read]

Measures, in one run:
  1. each collector alone (sequential, in-process) -> the slowest single collector;
  2. `collect()` with every collector at once (in-process) -> ratio to the slowest (target <= 1.1x);
  3. the whole `spacemedic diagnose` process vs the sequential `hf spaces info` + `hf spaces logs
     --build` + `hf spaces logs` processes against the same server (target: >= 3x faster);
  4. peak RSS of `spacemedic collect` while a build-log stream delivers 1 GB (target <= 150 MB),
     with the default bounds and with the byte bound lifted so the whole gigabyte is read.
Prints a table; writes bench/results/bench_diagnose-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TOKEN = "hf_" + "B3nch" * 7


def env_for(url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
    env.update({"HF_ENDPOINT": url, "HF_TOKEN": TOKEN, "HF_HOME": "/tmp/spacemedic-bench-hf", "NO_COLOR": "1",
                "HF_HUB_DISABLE_TELEMETRY": "1"})
    return env


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_proc(cmd: list[str], env: dict[str, str], timeout: float = 600) -> tuple[float, int, int]:
    """(wall seconds, exit code, peak RSS in KiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(f"[bench] {' '.join(cmd[:4])} exited {proc.returncode}: {(proc.stderr.read() if proc.stderr else b'')[-400:]!r}\n")
    return wall, proc.returncode, int(usage.ru_maxrss)


def single_collectors(hub: Any, latency: float) -> dict[str, float]:
    from spacemedic.hub import collectors as c
    from spacemedic.hub.collect import _warm_up
    from spacemedic.hub.logs import LogBounds, read_log

    target = c.HubTarget(hub.space, hub.url, token=TOKEN, status_url=hub.status_url)
    api = c.make_api(target)
    _warm_up()
    bounds = LogBounds()
    host = c.info(api, target)["host"]
    runs: dict[str, Callable[[], Any]] = {
        "runtime": lambda: c.runtime(api, target),
        "space info": lambda: c.info(api, target),
        "commits": lambda: c.commits(api, target),
        "other spaces": lambda: c.other_spaces(api, target),
        "status page": lambda: c.status_page(target),
        "build logs": lambda: read_log(lambda: api.fetch_space_logs(hub.space, build=True), "build", bounds),
        "run logs": lambda: read_log(lambda: api.fetch_space_logs(hub.space), "run", bounds),
        "app url (info + probe)": lambda: (c.info(api, target), c.app_probe(host, target)),
    }
    return {name: round(timed(fn), 3) for name, fn in runs.items()}


ONE_COLLECTOR = """
import sys
from spacemedic.hub import collectors as c
from spacemedic.hub.collect import _warm_up
from spacemedic.hub.logs import read_log
space, url, status, name = sys.argv[1:5]
t = c.HubTarget(space, url, status_url=status)
api = c.make_api(t)
_warm_up()
if name == "build logs":
    read_log(lambda: api.fetch_space_logs(space, build=True), "build")
elif name == "run logs":
    read_log(lambda: api.fetch_space_logs(space), "run")
elif name.startswith("app url"):
    c.app_probe(c.info(api, t)["host"], t)
else:
    {"runtime": c.runtime, "space info": c.info, "commits": c.commits, "other spaces": c.other_spaces}[name](api, t) if name != "status page" else c.status_page(t)
"""


def hub_like(scenario: Any, open_streams: bool) -> Any:
    """The Hub replays a log, then keeps the stream open with a keep-alive every 30 s."""
    from spacemedic.testing import scenario_from_dict

    if not open_streams:
        return scenario
    logs = {k: dict(v, mode="comment", interval=30) for k, v in scenario.data["logs"].items()}
    return scenario_from_dict(scenario.name, dict(scenario.data, logs=logs))


def compare(label: str, scenario: Any, args: Any) -> dict[str, Any]:
    from spacemedic.hub import CollectOptions, HubTarget, collect
    from spacemedic.testing import FakeHub

    res: dict[str, Any] = {}
    with FakeHub(scenario, latency=args.latency) as hub:
        singles = [single_collectors(hub, args.latency) for _ in range(args.runs)]
        per = {k: statistics.median(s[k] for s in singles) for k in singles[0]}
        slowest = max(per, key=lambda k: per[k])
        target = HubTarget(hub.space, hub.url, token=TOKEN, status_url=hub.status_url)
        together = [timed(lambda: collect(target, CollectOptions())) for _ in range(args.runs)]
        env = env_for(hub.url)
        one = [run_proc([sys.executable, "-c", ONE_COLLECTOR, hub.space, hub.url, hub.status_url, slowest], env)[0]
               for _ in range(args.runs)]
        diag = [run_proc([str(BIN / "spacemedic"), "diagnose", hub.space, "--status-url", hub.status_url, "-f", "json"], env)
                for _ in range(args.runs)]
        hf_seq = []
        for _ in range(args.runs):
            total = 0.0
            for cmd in (["spaces", "info", hub.space], ["spaces", "logs", hub.space, "--build"], ["spaces", "logs", hub.space]):
                total += run_proc([str(BIN / "hf"), *cmd], env)[0]
            hf_seq.append(total)
    res["collectors_alone_s"] = per
    res["slowest_collector"] = {"name": slowest, "seconds": per[slowest]}
    res["collect_all_concurrent_s"] = round(statistics.median(together), 3)
    res["concurrent_vs_slowest"] = round(res["collect_all_concurrent_s"] / per[slowest], 3)
    res["slowest_collector_process_s"] = round(statistics.median(one), 3)
    res["diagnose_process_s"] = round(statistics.median(d[0] for d in diag), 3)
    res["diagnose_exit_codes"] = [d[1] for d in diag]
    res["diagnose_process_vs_slowest_process"] = round(res["diagnose_process_s"] / res["slowest_collector_process_s"], 3)
    res["hf_cli_sequential_s"] = round(statistics.median(hf_seq), 3)
    res["speedup_vs_hf_cli"] = round(res["hf_cli_sequential_s"] / res["diagnose_process_s"], 2)
    rows = [
        (f"[{label}] slowest single collector", f"{per[slowest]:.3f} s", f"({slowest})"),
        (f"[{label}] all collectors at once, in-process", f"{res['collect_all_concurrent_s']:.3f} s",
         f"{res['concurrent_vs_slowest']:.2f}x slowest (target <= 1.1x)"),
        (f"[{label}] process running only the slowest", f"{res['slowest_collector_process_s']:.3f} s", "(same imports)"),
        (f"[{label}] spacemedic diagnose process", f"{res['diagnose_process_s']:.3f} s",
         f"{res['diagnose_process_vs_slowest_process']:.2f}x the slowest-only process (target <= 1.1x)"),
        (f"[{label}] hf spaces info + logs --build + logs", f"{res['hf_cli_sequential_s']:.3f} s",
         f"spacemedic {res['speedup_vs_hf_cli']:.2f}x faster (target >= 3x)"),
    ]
    res["rows"] = rows
    return res


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--huge-gb", type=float, default=1.0)
    parser.add_argument("--skip-full-read", action="store_true", help="skip reading the whole gigabyte")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from spacemedic.testing import FakeHub, load_scenario, scenario_from_dict

    results: dict[str, Any] = {"latency_s": args.latency, "runs": args.runs,
                               "when": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    rows: list[tuple[str, str, str]] = []
    for label, open_streams in (("hub-like open log streams", True), ("log streams that close", False)):
        res = compare(label, hub_like(load_scenario("out_of_memory"), open_streams), args)
        rows.extend(res.pop("rows"))
        results[label] = res

    huge = int(args.huge_gb * 1024**3)
    base = load_scenario("fault_huge_log").data
    data = dict(base, logs={"build": {"lines": ["===== Build Queued at {since} ====="], "huge_bytes": huge, "line_bytes": 4000},
                            "run": base["logs"]["run"]})
    memory: dict[str, Any] = {}
    with FakeHub(scenario_from_dict("huge", data)) as hub:
        env = env_for(hub.url)
        cmd = [str(BIN / "spacemedic"), "collect", hub.space, "--status-url", hub.status_url, "-o", "/tmp/spacemedic-bench-bundle.json"]
        wall, code, rss = run_proc(cmd, env)
        memory["default_bounds"] = {"wall_s": round(wall, 2), "exit": code, "peak_rss_mb": round(rss / 1024, 1),
                                    "bytes_read": json.loads(Path("/tmp/spacemedic-bench-bundle.json").read_text())["build_log"]["bytes_read"]}
        if not args.skip_full_read:
            wall, code, rss = run_proc([*cmd, "--log-bytes", str(2 * huge), "--log-seconds", "600", "--timeout", "30"], env, timeout=900)
            bundle = json.loads(Path("/tmp/spacemedic-bench-bundle.json").read_text())
            memory["whole_stream"] = {"wall_s": round(wall, 2), "exit": code, "peak_rss_mb": round(rss / 1024, 1),
                                      "bytes_read": bundle["build_log"]["bytes_read"], "stopped": bundle["build_log"]["stopped"]}
    results["log_stream_bytes"] = huge
    results["memory"] = memory

    for label, m in memory.items():
        rows.append((f"peak RSS, {args.huge_gb:g} GB log, {label}", f"{m['peak_rss_mb']} MB",
                     f"read {m['bytes_read'] / 1e6:.0f} MB in {m['wall_s']} s (target <= 150 MB)"))
    width = max(len(r[0]) for r in rows)
    print(f"latency {args.latency * 1000:.0f} ms per request, median of {args.runs}")
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:<10} {note}")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bench_diagnose-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.json"
    path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
