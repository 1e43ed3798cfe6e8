"""What a Docker Space's image installs (space/docker_installs.py): listable only when every
install can be read, and a never-raising reader of untrusted Dockerfile text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.space.context import SpaceContext
from spacemedic.space.docker_installs import image_installs
from spacemedic.space.repo import SpaceRepo
from tests.conftest import write_tree

README = "---\nsdk: docker\n---\n"


def _installs(tmp: Path, dockerfile: str, **files: str):  # type: ignore[no-untyped-def]
    root = write_tree(tmp, {"README.md": README, "Dockerfile": dockerfile, **files})
    return image_installs(SpaceContext(SpaceRepo.open(root)))


def test_requirements_and_pip_words_are_listed(tmp_path: Path) -> None:
    got = _installs(tmp_path, "FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt "
                    "&& pip install gunicorn==23.0.0\nCMD [\"gunicorn\", \"app:app\"]\n",
                    **{"requirements.txt": "Flask==3.1.0\n"})
    assert got.listable and {"flask", "gunicorn"} <= got.names


@pytest.mark.parametrize(
    ("run", "why"),
    [
        ("RUN pip install -e .", "local path"),
        ("RUN pip install .", "local path"),
        ("RUN pip install git+https://github.com/a/b", "URL"),
        ("RUN conda install -y numpy", "conda"),
        ("RUN uv sync --frozen", "lock-file"),
        ("RUN apt-get install -y python3-numpy", "system package manager"),
        ("RUN bash install.sh", "script"),
        ("RUN pip install $PKGS", "variable"),
        ("RUN pip install -r deps/other.txt", "not in the repository"),
    ],
)
def test_installs_we_cannot_list(tmp_path: Path, run: str, why: str) -> None:
    got = _installs(tmp_path, f"FROM python:3.11\n{run}\nCMD [\"python\", \"app.py\"]\n")
    assert not got.listable and why in got.why_not


def test_other_base_images_carry_packages(tmp_path: Path) -> None:
    got = _installs(tmp_path, "FROM tensorflow/tensorflow:2.15.0\nRUN pip install flask\nCMD [\"python\", \"app.py\"]\n")
    assert not got.listable and "base image" in got.why_not


def test_extras_are_remembered(tmp_path: Path) -> None:
    got = _installs(tmp_path, "FROM python:3.12\nRUN pip install 'uvicorn[standard]' fastapi\nCMD [\"uvicorn\", \"a:b\"]\n")
    assert got.listable and "uvicorn" in got.with_extras


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_never_raises_on_any_run_text(tmp_path: Path, run: str) -> None:
    text = "FROM python:3.11\nRUN " + run.replace("\r", " ") + "\nCMD [\"python\", \"app.py\"]\n"
    got = _installs(tmp_path / "h", text)
    assert isinstance(got.listable, bool)
