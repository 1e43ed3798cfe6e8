"""The release as a user meets it: the sdist and wheel build and pass `twine check`, the wheel
runs from a fresh virtual environment on a bundled example, and `hf spacemedic` works after the
install the hf CLI's extension mechanism performs (a venv in its extensions folder, a pip install
of the repository archive, its manifest), run through the real `hf` entry point."""

from __future__ import annotations

import os
import re
import subprocess
import sys
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
         timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_", "PYTHON", "VIRTUAL_ENV"))}
    env.update({"HOME": str(home), "NO_COLOR": "1", "HF_HUB_DISABLE_UPDATE_CHECK": "1",
                "HF_HUB_DISABLE_TELEMETRY": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    return env


def _fresh_venv(where: Path) -> Path:
    venv.EnvBuilder(with_pip=True, symlinks=True).create(where)
    return where / "bin" / "python"


def test_package_list_is_complete() -> None:
    # pyproject lists the packages explicitly (so the examples can ship): every package is there.
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    # A folder of modules is a package whether or not it has an __init__.py (a namespace package
    # runs from the checkout but is left out of the wheel): every one is listed and has its file.
    src = ROOT / "src"
    found = {str(f.parent.relative_to(src)).replace(os.sep, ".") for f in (src / "spacemedic").rglob("*.py")}
    assert found | {"spacemedic.examples"} == listed
    assert not [p for p in found if not (src / p.replace(".", os.sep) / "__init__.py").is_file()]


def test_changelog_names_the_current_version() -> None:
    from spacemedic import __version__

    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    released = re.findall(r"^## \[?(\d+\.\d+\.\d+)\]?", changelog, flags=re.M)
    assert released and released[0] == __version__
    # the top section is the version being released, not an "Unreleased" left above it
    assert re.findall(r"^## (.+)$", changelog, flags=re.M)[0].strip("[] ").split()[0] == __version__
    tag = _run(["git", "-C", str(ROOT), "describe", "--tags", "--exact-match", "HEAD"])
    if tag.returncode == 0:  # a tagged release: the tag is the version
        assert tag.stdout.strip() == f"v{__version__}"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = _run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)])
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    return out


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert {p.suffix for p in files} == {".whl", ".gz"}
    checked = _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    wheel = next(p for p in files if p.suffix == ".whl")
    names = zipfile.ZipFile(wheel).namelist()
    src = ROOT / "src"
    modules = {f.relative_to(src).as_posix() for f in (src / "spacemedic").rglob("*.py")}
    assert modules - set(names) == set(), "every module of the checkout is in the wheel"
    assert "spacemedic/examples/docker-fastapi-broken/Dockerfile" in names
    assert "spacemedic/examples/docker-streamlit/.streamlit/config.toml" in names
    assert not any(n.startswith(("tests/", "bench/")) for n in names)
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "spacemedic = spacemedic.cli:run" in entry_points and "hf-spacemedic = spacemedic.cli:run_hf" in entry_points


def test_wheel_runs_from_a_fresh_venv(dist: Path, tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    wheel = next(p for p in dist.iterdir() if p.suffix == ".whl")
    installed = _run([str(python), "-m", "pip", "install", "-q", str(wheel)], env=_env(tmp_path))
    assert installed.returncode == 0, installed.stderr[-3000:]
    bin_dir = python.parent
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    linted = _run([str(bin_dir / "spacemedic"), "lint", "--example", "docker-fastapi-broken"], env=_env(tmp_path),
                  cwd=elsewhere)
    assert linted.returncode == 1, linted.stderr
    assert "SM3" in linted.stdout and "error" in linted.stdout
    healthy = _run([str(bin_dir / "hf-spacemedic"), "lint", "--example", "gradio-healthy"], env=_env(tmp_path),
                   cwd=elsewhere)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert str(ROOT) not in linted.stdout, "the example came from the installed wheel, not this checkout"


def _repository_archive(dest: Path) -> Path:
    """This checkout as GitHub serves `archive/HEAD.zip`: the tracked (and new, not ignored) files
    under one top folder."""
    listed = _run(["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"])
    assert listed.returncode == 0, listed.stderr
    archive = dest / "HEAD.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for rel in filter(None, listed.stdout.split("\0")):
            path = ROOT / rel
            if path.is_file() and not path.is_symlink():
                zf.write(path, f"hf-spacemedic-HEAD/{rel}")
    return archive


def test_hf_extension_install_path_and_the_real_hf_entry_point(tmp_path: Path) -> None:
    from huggingface_hub.cli.extensions import ExtensionManifest

    hf = Path(sys.executable).parent / "hf"
    if not hf.exists():
        pytest.skip("the hf CLI is installed with huggingface_hub")
    home = tmp_path / "home"
    extension_dir = home / ".local" / "share" / "hf" / "extensions" / "hf-spacemedic"
    python = _fresh_venv(extension_dir / "venv")
    archive = _repository_archive(tmp_path)
    installed = _run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
                      "--force-reinstall", "-q", str(archive)], env=_env(home))
    assert installed.returncode == 0, installed.stderr[-3000:]
    executable = extension_dir / "venv" / "bin" / "hf-spacemedic"
    assert executable.is_file(), "the mechanism requires the console script hf-<name>"
    from datetime import datetime, timezone

    ExtensionManifest(
        owner="OWNER", repo="hf-spacemedic", repo_id="OWNER/hf-spacemedic", short_name="spacemedic",
        executable_path=str(executable.resolve()), type="python", installed_at=datetime.now(timezone.utc),
        description="spacemedic", commit_sha=None,
    ).save(extension_dir)

    env = _env(home)
    linted = _run([str(hf), "spacemedic", "lint", str(ROOT / "examples" / "docker-fastapi-broken"),
                   "--format", "json"], env=env)
    assert linted.returncode == 1, linted.stdout[-2000:] + linted.stderr[-2000:]
    assert '"schema": "spacemedic.lint/2"' in linted.stdout
    helped = _run([str(hf), "spacemedic", "--help"], env=env)
    assert helped.returncode == 0 and "Usage: hf spacemedic" in helped.stdout
    bad = _run([str(hf), "spacemedic", "lint", str(tmp_path / "nowhere")], env=env)
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0, bad.stderr
    # HF_ENDPOINT and HF_TOKEN reach the extension as the hf CLI passes them: in the environment.
    env_seen = _run([str(hf), "spacemedic", "diagnose", "--help"], env={**env, "HF_ENDPOINT": "http://127.0.0.1:9"})
    assert env_seen.returncode == 0
