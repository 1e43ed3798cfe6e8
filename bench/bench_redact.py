"""Benchmark: the redaction layer on megabytes of adversarial text (linear time, no backtracking).

Each input is about 5 MB built to hurt a backtracking rule: runs of dots before a secret word
(`.....token`, the shape that took 69 s before), `token`/`--token` repeated, assignments without
values, URLs without `@`, PEM BEGIN lines without bodies, colour codes, percent- and JSON-escapes,
and a plain coloured build log with real-shaped tokens for comparison. Each is redacted in this
process (the layer is a pure function; `redact` is what every output calls) and timed.

Budget: every adversarial input within 5x the plain log of the same size, and under 10 s.
Results: bench/results/redact.json.

    .venv/bin/python bench/bench_redact.py [--mb 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from spacemedic.redact import redact_counts  # noqa: E402

HF = "hf_QmZx7RkPw2LtNv9YcBd4HsJf8GaTe3UqWo"
PLAIN = (
    "#12 0.31 \x1b[33mCollecting torch==2.3.1\x1b[0m (from -r requirements.txt (line 2))\n"
    "#12 0.32 Downloading https://files.pythonhosted.org/packages/torch-2.3.1.whl (779.1 MB)\n"
    f"INFO: HF_TOKEN={HF} loaded; tokenizer ready, max_tokens=512\n"
)
ADVERSARIAL = {
    "dots then token": "." * 59 + "token",
    "dots": ".",
    "token": "token",
    "token dot": "token.",
    "--token": "--token ",
    "assignment without value": "password= ",
    "url without @": "https://user:" + "p" * 200 + " ",
    "url schemes": "a+b://",
    "BEGIN without body": "-----BEGIN PRIVATE KEY-----\n#1 x\n",
    "colour codes": "\x1b[1;33m",
    "bare ESC [ (three views)": "\x1b[hf_",
    "percent escapes": "%3D%41",
    "json escapes": "\\u00e9\\n",
    "bearer without digits": "Bearer " + "a" * 40 + " ",
    "authorization": "Authorization: ",
    "hf_ without length": "hf_abc ",
}
BUDGET_RATIO = 5.0
BUDGET_S = 10.0


def _sized(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _time(text: str) -> float:
    start = time.perf_counter()
    redact_counts(text)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    args = parser.parse_args()
    size = int(args.mb * 1024 * 1024)
    plain = _time(_sized(PLAIN, size))
    rows = {name: _time(_sized(unit, size)) for name, unit in ADVERSARIAL.items()}
    worst = max(rows, key=lambda k: rows[k])
    ok = all(t <= max(BUDGET_RATIO * plain, 1.0) and t <= BUDGET_S for t in rows.values())
    result = {"python": platform.python_version(), "bytes": size, "plain_log_s": round(plain, 3),
              "adversarial_s": {k: round(v, 3) for k, v in rows.items()}, "worst": worst,
              "worst_ratio_to_plain": round(rows[worst] / plain, 2), "budget_ratio": BUDGET_RATIO,
              "budget_s": BUDGET_S, "within_budget": ok}
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results" / "redact.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
