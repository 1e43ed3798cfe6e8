"""Whole-process benchmarks for `spacemedic` (not part of the test suite: no timing asserts).

    .venv/bin/python bench/bench_lint.py [--runs 7] [--files 100000] [--tree DIR] [--only-fix]

Measures, each as a fresh process, several runs, median wall and CPU (user+sys) time:

  0. the start-up ratios, in one run: `spacemedic --version` and a typical lint as multiples of
     a bare `python -c pass` (targets: 3x and 10x); `--ratios-only` stops there;

  1. `spacemedic --version` against `hf --version` (huggingface_hub's CLI): start-up cost;
  2. `spacemedic lint examples/docker-fastapi-broken`: a typical Space (target < 0.5 s);
  3. `spacemedic lint --fix` against `spacemedic lint` on fresh copies of that typical Space,
     interleaved in the same run (target: --fix within 1.2x of lint);
  4. `spacemedic lint` on a generated tree of 100,000 files with three multi-GB sparse files
     (target < 5 s), and proves the large files' content is never read: under `strace` no
     `open`/`openat` of them appears (and the process's total read bytes stay small).

Prints a table and writes bench/results/bench-<UTC time>.json (gitignored). Wall time on a
shared machine is noisy; CPU time says what spacemedic itself costs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TYPICAL = ROOT / "examples" / "docker-fastapi-broken"
SPARSE = {
    "models/model-00001-of-00003.safetensors": 4 << 30,
    "models/model-00002-of-00003.safetensors": 4 << 30,
    "data/recordings.tar": 2 << 30,
}


def _program(name: str) -> str | None:
    local = BIN / name
    return str(local) if local.exists() else shutil.which(name)


def measure(cmd: list[str], runs: int, cwd: Path = ROOT) -> dict[str, object]:
    """Run `cmd` `runs` times (after one warm-up); median wall and CPU seconds."""
    walls, cpus = [], []
    codes = set()
    for i in range(runs + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if i == 0:
            continue  # warm-up: page cache, .pyc files
        walls.append(wall)
        cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        codes.add(proc.returncode)
    return {
        "cmd": " ".join(cmd),
        "runs": runs,
        "wall_median_s": round(statistics.median(walls), 4),
        "wall_min_s": round(min(walls), 4),
        "cpu_median_s": round(statistics.median(cpus), 4),
        "exit_codes": sorted(codes),
    }


def child_env() -> dict[str, str]:
    """The environment of a user's shell: bytecode caches written and used (a development
    setting such as PYTHONDONTWRITEBYTECODE=1 would make every run recompile spacemedic)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def ratios(spacemedic: str, runs: int) -> dict[str, object]:
    """`--version` and a typical lint as multiples of a bare `python -c pass`, in one run.

    The three commands alternate (pass, version, lint, pass, ...) so that the load of a shared
    machine weighs on each alike; the medians are compared. Targets: --version <= 3x, lint <= 10x.
    """
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "spacemedic --version": [spacemedic, "--version"],
        f"spacemedic lint {TYPICAL.name}": [spacemedic, "lint", str(TYPICAL.relative_to(ROOT)), "--fail-on", "never"],
    }
    env = child_env()
    walls: dict[str, list[float]] = {name: [] for name in cmds}
    for i in range(runs + 1):
        for name, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            if i:  # the first round warms the page cache and writes the .pyc files
                walls[name].append(time.perf_counter() - start)
    medians = {name: statistics.median(w) for name, w in walls.items()}
    base = medians["python -c pass"]
    names = list(cmds)
    return {
        "medians_s": {name: round(m, 4) for name, m in medians.items()},
        "version_over_python": round(medians[names[1]] / base, 2),
        "lint_over_python": round(medians[names[2]] / base, 2),
        "targets": {"version_over_python": 3.0, "lint_over_python": 10.0},
    }


def measure_fix(spacemedic: str, runs: int) -> tuple[dict[str, object], dict[str, object]]:
    """`lint --fix` and `lint` on fresh copies of the typical Space, alternating, so both see
    the same machine load; the copy is made outside the timed part. Returns (lint, fix)."""
    timings: dict[str, tuple[list[float], list[float], set[int]]] = {"lint": ([], [], set()), "fix": ([], [], set())}
    with tempfile.TemporaryDirectory(prefix="spacemedic-bench-fix-") as tmp:
        for i in range(runs + 1):
            for kind, extra in (("lint", []), ("fix", ["--fix"])):
                copy = Path(tmp) / f"{kind}-{i}"
                shutil.copytree(TYPICAL, copy)
                cmd = [spacemedic, "lint", str(copy), "--fail-on", "never", *extra]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
                wall = time.perf_counter() - start
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                if i == 0:
                    continue  # warm-up
                walls, cpus, codes = timings[kind]
                walls.append(wall)
                cpus.append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
                codes.add(proc.returncode)
    out = []
    for kind in ("lint", "fix"):
        walls, cpus, codes = timings[kind]
        out.append({
            "cmd": f"spacemedic lint {'--fix ' if kind == 'fix' else ''}<fresh copy of {TYPICAL.name}>",
            "runs": runs,
            "wall_median_s": round(statistics.median(walls), 4),
            "wall_min_s": round(min(walls), 4),
            "cpu_median_s": round(statistics.median(cpus), 4),
            "exit_codes": sorted(codes),
        })
    return out[0], out[1]


def make_tree(root: Path, files: int) -> Path:
    """A Space-like tree: `files` small files in nested folders plus multi-GB sparse files."""
    (root / "README.md").parent.mkdir(parents=True, exist_ok=True)
    (root / "README.md").write_text(
        "---\ntitle: big\nsdk: docker\napp_port: 7860\n---\n# big\n", encoding="utf-8"
    )
    (root / "Dockerfile").write_text(
        "FROM python:3.11-slim\nRUN useradd -m -u 1000 user\nUSER user\nWORKDIR /home/user/app\n"
        'COPY --chown=user . .\nCMD ["python", "app.py"]\n',
        encoding="utf-8",
    )
    (root / ".gitattributes").write_text(
        "*.safetensors filter=lfs diff=lfs merge=lfs -text\n*.tar filter=lfs diff=lfs merge=lfs -text\n"
    )
    (root / "app.py").write_text("import os\nprint(os.environ.get('PORT', '7860'))\n", encoding="utf-8")
    suffixes = (".py", ".json", ".txt", ".png", ".md")
    per_dir = 100
    made = 4
    d = 0
    while made < files - len(SPARSE):
        folder = root / "assets" / f"g{d // 50:03}" / f"d{d:05}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(min(per_dir, files - len(SPARSE) - made)):
            fd = os.open(folder / f"f{i:03}{suffixes[i % len(suffixes)]}", os.O_CREAT | os.O_WRONLY, 0o644)
            if i % 10 == 0:
                os.write(fd, b"# small file\n")
            os.close(fd)
            made += 1
        d += 1
    for rel, size in SPARSE.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as fh:
            fh.truncate(size)  # sparse: no blocks on disk, but stat says several GB
    return root


def strace_proof(cmd: list[str], tree: Path) -> dict[str, object]:
    """Run `cmd` under strace; report whether any large file was opened and how much was read."""
    strace = shutil.which("strace")
    if strace is None:
        return {"method": "strace", "available": False}
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "trace"
        subprocess.run(
            [strace, "-f", "-qq", "-e", "trace=open,openat,read", "-o", str(log), *cmd],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        text = log.read_text(encoding="utf-8", errors="replace")
    opened_large = sorted({rel for rel in SPARSE if re.search(r"open(at)?\(.*" + re.escape(rel), text)})
    read_bytes = sum(int(m.group(1)) for m in re.finditer(r"\bread\(.*\)\s*=\s*(\d+)", text))
    return {
        "method": "strace -f -e trace=open,openat,read",
        "available": True,
        "large_files": {rel: size for rel, size in SPARSE.items()},
        "large_files_opened": opened_large,
        "total_bytes_read_by_process": read_bytes,
    }


def startup_and_large_tree(
    spacemedic: str, hf: str | None, args: argparse.Namespace, results: dict[str, object]
) -> list[tuple[str, dict[str, object], str]]:
    """Measurements 1, 2 and 4 of the module docstring (rows; proofs go into `results`)."""
    rows: list[tuple[str, dict[str, object], str]] = []
    version = measure([spacemedic, "--version"], args.runs)
    rows.append(("spacemedic --version", version, ""))
    if hf is not None:
        hf_version = measure([hf, "--version"], args.runs)
        ratio = float(version["wall_median_s"]) / float(hf_version["wall_median_s"])  # type: ignore[arg-type]
        rows.append(("hf --version", hf_version, f"spacemedic/hf = {ratio:.2f}"))
        results["version_ratio_spacemedic_over_hf"] = round(ratio, 3)

    typical = measure([spacemedic, "lint", str(TYPICAL.relative_to(ROOT)), "--fail-on", "never"], args.runs)
    rows.append((f"lint {TYPICAL.name}", typical, "target < 0.5 s"))

    tmp = None
    if args.tree is not None and (args.tree / "README.md").exists():
        tree = args.tree
        generated = 0.0
    else:
        tmp = tempfile.mkdtemp(prefix="spacemedic-bench-")
        tree = args.tree or Path(tmp) / "tree"
        start = time.perf_counter()
        make_tree(tree, args.files)
        generated = time.perf_counter() - start
    try:
        files = sum(len(f) for _, _, f in os.walk(tree))
        big_cmd = [spacemedic, "lint", str(tree), "--fail-on", "never", "--format", "json"]
        big = measure(big_cmd, max(3, args.runs // 2))
        rows.append((f"lint {files:,}-file tree", big, "target < 5 s"))
        proof = strace_proof(big_cmd, tree)
        results.update({"tree_files": files, "tree_generated_s": round(generated, 1), "no_large_read": proof})
    finally:
        if tmp is not None and args.tree is None:
            shutil.rmtree(tmp, ignore_errors=True)

    return rows


def _save(results: dict[str, object]) -> None:
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"bench-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results: {out.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--tree", type=Path, default=None, help="reuse (or create) the big tree here")
    parser.add_argument("--only-fix", action="store_true", help="only the lint --fix vs lint comparison")
    parser.add_argument("--ratios-only", action="store_true", help="only the start-up ratios (seconds, not minutes)")
    args = parser.parse_args()

    spacemedic = _program("spacemedic")
    hf = _program("hf")
    if spacemedic is None:
        print("spacemedic is not installed (pip install -e .)", file=sys.stderr)
        return 2
    results: dict[str, object] = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_avg_1m": os.getloadavg()[0],
    }
    rows: list[tuple[str, dict[str, object], str]] = []

    startup = ratios(spacemedic, max(args.runs, 9))
    results["ratios"] = startup
    print(f"ratios to a bare `python -c pass` ({startup['medians_s']['python -c pass']:.3f} s, medians, one run): "
          f"--version {startup['version_over_python']}x (target <= 3x), "
          f"lint {TYPICAL.name} {startup['lint_over_python']}x (target <= 10x)")
    if args.ratios_only:
        _save(results)
        return 0

    plain, fixing = measure_fix(spacemedic, args.runs)
    fix_ratio = float(fixing["wall_median_s"]) / float(plain["wall_median_s"])  # type: ignore[arg-type]
    cpu_ratio = float(fixing["cpu_median_s"]) / float(plain["cpu_median_s"])  # type: ignore[arg-type]
    rows.append((f"lint (copy of {TYPICAL.name})", plain, ""))
    rows.append((f"lint --fix (copy of {TYPICAL.name})", fixing, f"fix/lint = {fix_ratio:.2f} wall, {cpu_ratio:.2f} cpu (target <= 1.2)"))
    results["fix_ratio_wall"] = round(fix_ratio, 3)
    results["fix_ratio_cpu"] = round(cpu_ratio, 3)

    if not args.only_fix:
        rows += startup_and_large_tree(spacemedic, hf, args, results)

    results["measurements"] = {name: m for name, m, _ in rows}
    width = max(len(r[0]) for r in rows)
    print(f"{'case':<{width}}  {'wall median':>11}  {'wall min':>8}  {'cpu median':>10}  note")
    for name, m, note in rows:
        print(
            f"{name:<{width}}  {m['wall_median_s']:>10.3f}s  {m['wall_min_s']:>7.3f}s  {m['cpu_median_s']:>9.3f}s  {note}"
        )
    checked = results.get("no_large_read", {})
    if isinstance(checked, dict) and checked.get("available"):
        opened = checked["large_files_opened"] or "none"
        print(
            f"large files opened: {opened}; bytes read by the whole process: {checked['total_bytes_read_by_process']:,}"
        )
    print(f"(load average {results['load_avg_1m']:.1f} on {results['cpus']} CPUs)")
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"bench-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results: {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
