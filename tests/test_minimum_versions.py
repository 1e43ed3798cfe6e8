"""spacemedic works with the lowest versions it declares: a fresh venv installs spacemedic with
`constraints-min.txt` and runs the tests that exercise each library (click, rich, PyYAML,
dockerfile-parse, packaging, huggingface_hub and its httpx2 client, httpx, platformdirs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "constraints-min.txt"
SUITES = ["tests/test_golden_lint.py", "tests/test_hub_diagnose_live.py", "tests/test_report.py",
          "tests/test_hub_log_stream.py"]


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_constraints_pin_every_lower_bound_of_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins()
    for spec in project["dependencies"]:
        req = Requirement(spec)
        if req.marker is not None and not req.marker.evaluate():
            continue
        lower = [s.version for s in req.specifier if s.operator == ">="]
        assert lower, f"{spec}: every dependency declares its lowest version"
        pinned = pins.get(canonicalize_name(req.name))
        assert pinned is not None, f"{req.name} is missing from constraints-min.txt"
        assert req.specifier.contains(pinned), f"{req.name}=={pinned} is outside {req.specifier}"


def test_the_library_tests_pass_with_the_minimum_versions(tmp_path: Path) -> None:
    where = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, symlinks=True).create(where)
    python = str(where / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "PYTHON", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    installed = subprocess.run([python, "-m", "pip", "install", "-q", "-c", str(CONSTRAINTS), str(ROOT), "pytest"],
                               capture_output=True, text=True, env=env, timeout=900)
    assert installed.returncode == 0, installed.stderr[-3000:]
    listed = subprocess.run([python, "-m", "pip", "list", "--format", "json"], capture_output=True, text=True,
                            env=env, timeout=120)
    versions = {canonicalize_name(p["name"]): p["version"] for p in json.loads(listed.stdout)}
    for name, version in _pins().items():
        assert versions.get(name) == version, f"{name}: {versions.get(name)} installed, {version} pinned"
    ran = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", *SUITES],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=1200)
    assert ran.returncode == 0, ran.stdout[-4000:] + ran.stderr[-2000:]
    assert sys.executable != python
