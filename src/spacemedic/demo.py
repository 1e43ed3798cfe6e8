"""The example Spaces bundled with spacemedic, wherever it is installed.

In a wheel they ship as the data package `spacemedic.examples` (mapped from the repository's
`examples/` folder by `pyproject.toml`); in a source checkout they are that folder itself.
"""

from __future__ import annotations

from pathlib import Path

from spacemedic.errors import InputError

DEMO = "docker-fastapi-broken"
"""The example `spacemedic lint --example` shows first: a Docker Space with the classic mistakes."""


def examples_dir() -> Path:
    """The folder holding the bundled example Spaces."""
    try:
        import spacemedic.examples as shipped  # type: ignore[import-not-found]  # data only, in the wheel
    except ImportError:
        shipped = None
    if shipped is not None:
        for entry in shipped.__path__:
            return Path(entry)
    checkout = Path(__file__).resolve().parents[2] / "examples"
    if checkout.is_dir():
        return checkout
    raise InputError("the bundled examples are not installed with this copy of spacemedic")


def example_names() -> tuple[str, ...]:
    """The example Spaces, by name (their folder names)."""
    root = examples_dir()
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "README.md").is_file()))


def example_path(name: str) -> Path:
    """The folder of the example Space `name`; an `InputError` naming the choices otherwise."""
    names = example_names()
    if name not in names:
        raise InputError(f"no example Space named {name!r}; the examples are: {', '.join(names)}")
    return examples_dir() / name
