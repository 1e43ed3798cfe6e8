"""One door in: no module of `src/` opens a file to read it except `spacemedic.space.reader`.

A scan of every call in the source (the AST, so comments and strings do not count): opening a
file for reading, reading a path's text or bytes, loading JSON/TOML from a file object and
listing folders are allowed only in the modules below, each for the reason given. Calls that
visibly write (a mode with w/a/x/+, O_WRONLY/O_CREAT flags) are output, not input, and pass.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "spacemedic"

ALLOWED: dict[str, str] = {
    "space/reader.py": "the one door: links, special files and byte budgets are checked here",
    "space/repo.py": "lists the repository (scandir/listdir, names and lstat only; content via the reader)",
    "history/store.py": "the history database spacemedic itself writes (sqlite3)",
    "testing/scenario.py": "lists the scenarios shipped inside the package (glob of package data)",
    "cli/report_zip.py": "writes the report archive",
    "casefiles.py": "expands the case-file globs the user named (their content comes through the reader)",
    "demo.py": "lists the example Spaces shipped with spacemedic (package data)",
    "history/attempts.py": "the history database spacemedic itself writes (sqlite3)",
}

_READ_METHODS = {"read_text", "read_bytes", "iterdir", "glob", "rglob"}
_MODULE_CALLS = {
    ("os", "open"), ("io", "open"), ("codecs", "open"), ("os", "scandir"), ("os", "listdir"), ("os", "walk"),
    ("json", "load"), ("tomllib", "load"), ("tomli", "load"), ("pickle", "load"), ("sqlite3", "connect"),
    ("zipfile", "ZipFile"), ("tarfile", "open"), ("gzip", "open"), ("shutil", "copyfile"), ("shutil", "copy"),
}
_WRITE_FLAGS = {"O_WRONLY", "O_CREAT", "O_RDWR", "O_APPEND", "O_TRUNC", "O_EXCL"}


def _writes(call: ast.Call) -> bool:
    """True when an argument shows the call writes (mode string or os.O_* write flags)."""
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        for node in ast.walk(arg):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                mode = node.value
                if mode and set(mode) <= set("rwxabt+") and set(mode) & set("wxa+"):
                    return True
            if isinstance(node, ast.Attribute) and node.attr in _WRITE_FLAGS:
                return True
    return False


def _reads(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name) and func.id == "open":
        return "open()"
    if isinstance(func, ast.Attribute):
        if func.attr in _READ_METHODS:
            return f".{func.attr}()"
        if isinstance(func.value, ast.Name) and (func.value.id, func.attr) in _MODULE_CALLS:
            return f"{func.value.id}.{func.attr}()"
        if func.attr == "open" and not (isinstance(func.value, ast.Name) and func.value.id in ("SpaceRepo", "cls")):
            return ".open()"
    return None


def _offences() -> list[str]:
    out = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                what = _reads(node)
                if what is not None and not _writes(node):
                    out.append(f"{rel}:{node.lineno} {what}")
    return out


def test_no_module_but_the_reader_opens_files_to_read() -> None:
    assert _offences() == [], "read files through spacemedic.space.reader (or add a reasoned ALLOWED entry)"


def test_the_scan_catches_what_it_claims_to() -> None:
    tree = ast.parse(
        "open(p)\nopen(p, 'w')\nPath(p).read_text()\nos.open(p, os.O_RDONLY)\nos.open(p, os.O_WRONLY | os.O_CREAT)\n"
        "json.load(fh)\njson.loads(s)\nSpaceRepo.open(p)\nos.listdir(d)\nos.fdopen(fd, 'wb')\n"
    )
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, (ast.Name, ast.Attribute))]
    flagged = sorted(n.lineno for n in calls if _reads(n) is not None and not _writes(n))
    assert flagged == [1, 3, 4, 6, 9]


def test_every_allowed_module_exists() -> None:
    assert all((SRC / rel).is_file() for rel in ALLOWED)
