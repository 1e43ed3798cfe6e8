"""What a Python file imports, references and calls, and which calls run at start-up.

Read with `ast`, never executed. Names are resolved through the file's imports, so
`import numpy as np; np.float` is seen as `numpy.float` and `from PIL import Image;
Image.ANTIALIAS` as `PIL.Image.ANTIALIAS`.

"Start-up" means code that runs when the file is run or imported: module-level statements
(including `if __name__ == "__main__":` and `with gr.Blocks():` blocks), the bodies of
module-level functions called from there, and `__init__` of classes instantiated there.
Functions only referenced (event handlers such as `btn.click(fn=predict)`) are not start-up.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

MAX_SOURCE_CHARS = 400_000  # as spacemedic.space.pycode.MAX_AST_SOURCE


@dataclass(frozen=True)
class Call:
    """One call. `name` is the resolved dotted callee (`transformers.pipeline`,
    `demo.launch`); `args` the literal string positional arguments (None for non-literals)."""

    name: str
    line: int
    args: tuple[str | None, ...]
    kwargs: tuple[tuple[str, str | None], ...]
    startup: bool

    def kwarg(self, key: str) -> str | None:
        return next((v for k, v in self.kwargs if k == key), None)

    def has_kwarg(self, key: str) -> bool:
        return any(k == key for k, _ in self.kwargs)

    @property
    def short(self) -> str:
        return self.name.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class PyFile:
    path: str
    imports: tuple[tuple[str, int], ...]  # fully qualified modules and imported names
    references: tuple[tuple[str, int], ...]  # resolved dotted attribute chains
    calls: tuple[Call, ...]
    local_modules: tuple[str, ...]  # top-level names of imported modules (maybe local files)


def scan_python(path: str, text: str) -> PyFile | None:
    """Scan source text; None when it does not parse (never raises)."""
    if len(text) > MAX_SOURCE_CHARS:
        return None
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    try:
        return _Scanner(path, tree).run()
    except RecursionError:
        return None


def _literal(node: ast.AST) -> str | None:
    """A string constant; a list/tuple of words joined by spaces (`?` for non-literals)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, (ast.List, ast.Tuple)) and node.elts:
        words = [
            e.value if isinstance(e, ast.Constant) and isinstance(e.value, str) else "?" for e in node.elts
        ]
        return None if all(w == "?" for w in words) else " ".join(words)
    return None


class _Scanner:
    def __init__(self, path: str, tree: ast.Module) -> None:
        self.path = path
        self.tree = tree
        self.aliases: dict[str, str] = {}
        self.imports: list[tuple[str, int]] = []
        self.local_modules: list[str] = []
        self.functions: dict[str, ast.AST] = {}
        self.classes: dict[str, ast.ClassDef] = {}

    def run(self) -> PyFile:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    self.imports.append((a.name, node.lineno))
                    self.local_modules.append(a.name.split(".")[0])
                    self.aliases[a.asname or a.name.split(".")[0]] = (
                        a.name if a.asname else a.name.split(".")[0]
                    )
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                self.local_modules.append(node.module.split(".")[0])
                self.imports.append((node.module, node.lineno))
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    self.imports.append((full, node.lineno))
                    if a.name != "*":
                        self.aliases[a.asname or a.name] = full
            elif isinstance(node, ast.ImportFrom) and node.level:
                self.local_modules.append((node.module or "").split(".")[0])
        for stmt in self.tree.body:
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[stmt.name] = stmt
            elif isinstance(stmt, ast.ClassDef):
                self.classes[stmt.name] = stmt
        startup_nodes = self._startup_call_nodes()
        calls = []
        references = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                name = self.dotted(node.func)
                if name:
                    calls.append(self._call(node, name, id(node) in startup_nodes))
            elif isinstance(node, ast.Attribute):
                name = self.dotted(node)
                if name:
                    references.append((name, node.lineno))
        return PyFile(
            path=self.path,
            imports=tuple(self.imports),
            references=tuple(references),
            calls=tuple(calls),
            local_modules=tuple(dict.fromkeys(m for m in self.local_modules if m)),
        )

    def dotted(self, node: ast.AST) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if isinstance(node, ast.Call):  # gr.Blocks().launch() -> gradio.Blocks().launch
            inner = self.dotted(node.func)
            if inner is None:
                return None
            parts.append(inner + "()")
            return ".".join(reversed(parts))
        if not isinstance(node, ast.Name):
            return None
        parts.append(self.aliases.get(node.id, node.id))
        return ".".join(reversed(parts))

    def _call(self, node: ast.Call, name: str, startup: bool) -> Call:
        args = tuple(_literal(a) for a in node.args)
        kwargs = tuple((k.arg, _literal(k.value)) for k in node.keywords if k.arg)
        return Call(name=name, line=node.lineno, args=args, kwargs=kwargs, startup=startup)

    def _startup_call_nodes(self) -> set[int]:
        """ids of Call nodes that run at start-up."""
        seen_bodies: set[str] = set()
        found: set[int] = set()
        queue: list[list[ast.stmt]] = [self.tree.body]
        while queue and len(seen_bodies) < 200:
            body = queue.pop()
            for call in _calls_outside_defs(body):
                found.add(id(call))
                if isinstance(call.func, ast.Name):
                    callee = call.func.id
                    if callee in self.functions and callee not in seen_bodies:
                        seen_bodies.add(callee)
                        queue.append(self.functions[callee].body)  # type: ignore[attr-defined]
                    elif callee in self.classes and callee not in seen_bodies:
                        seen_bodies.add(callee)
                        init = next(
                            (
                                s
                                for s in self.classes[callee].body
                                if isinstance(s, ast.FunctionDef) and s.name == "__init__"
                            ),
                            None,
                        )
                        if init is not None:
                            queue.append(init.body)
        return found


def _calls_outside_defs(body: list[ast.stmt]) -> list[ast.Call]:
    """Calls in these statements, not descending into function, lambda or method bodies."""
    out: list[ast.Call] = []
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            # Decorators and defaults run at definition time.
            stack.extend(getattr(node, "decorator_list", []))
            continue
        if isinstance(node, ast.Call):
            out.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return out
