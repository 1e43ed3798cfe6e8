"""Benchmark: `spacemedic lint` on a 100,000-file tree holding multi-GB sparse files.

    python bench/bench_lint_large_tree.py [--files 100000] [--keep DIR]

Prints the time of the whole lint and of each rule. Budget: well under 5 s. The sparse files
are never read (sizes come from stat), and the content scans stop at their byte budget.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from spacemedic.engine import lint_path
from spacemedic.rules.registry import ALL_RULES
from spacemedic.space.context import SpaceContext
from spacemedic.space.repo import SpaceRepo


def build(root: Path, count: int) -> None:
    (root / "README.md").write_text("---\nsdk: gradio\napp_file: app.py\n---\n", encoding="utf-8")
    (root / "app.py").write_text("import gradio as gr\n", encoding="utf-8")
    (root / ".gitattributes").write_text("*.bin filter=lfs diff=lfs merge=lfs -text\n", encoding="utf-8")
    for name, size in (
        ("weights/a.bin", 3 * 1024**3),
        ("weights/b.ckpt", 2 * 1024**3),
        ("data/c.parquet", 5 * 1024**3),
    ):
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "wb") as fh:
            fh.truncate(size)
    body = "def f(x):\n    return x + 1\n" * 8
    for i in range(count):
        d = root / "pkg" / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            d.mkdir(parents=True, exist_ok=True)
        suffix = (".py", ".json", ".txt", ".png", ".html")[i % 5]
        (d / f"f{i}{suffix}").write_text(body, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="sm-bench-"))
    try:
        root.mkdir(parents=True, exist_ok=True)
        if not (root / "README.md").exists():
            t0 = time.perf_counter()
            build(root, args.files)
            print(f"built {args.files} files in {time.perf_counter() - t0:.1f} s at {root}")
        t0, c0 = time.perf_counter(), time.process_time()
        report = lint_path(root)
        total, cpu = time.perf_counter() - t0, time.process_time() - c0
        print(
            f"lint: {total:.2f} s wall, {cpu:.2f} s CPU, {report.files_scanned} files, "
            f"{len(report.findings)} findings, "
            f"{len(report.unavailable)} unavailable"
        )
        for u in report.unavailable:
            print(f"  unavailable: {u.source}: {u.reason}")
        t1 = time.process_time()
        repo = SpaceRepo.open(root)
        print(f"  listing (SpaceRepo.open): {(time.process_time() - t1) * 1000:.0f} ms CPU")
        ctx = SpaceContext(repo)
        timings = []
        for rule_cls in ALL_RULES:
            t1 = time.process_time()
            list(rule_cls().check(ctx))
            timings.append((time.process_time() - t1, rule_cls.code, rule_cls.name))
        for seconds, code, name in sorted(timings, reverse=True)[:8]:
            print(f"  {code} {name}: {seconds * 1000:.0f} ms CPU")
        return 0 if total < 5 else 1
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
