"""The explicit list of every lint rule. A test proves it is complete and documented.

Each area package lists its rules in its own explicit `RULES` tuple; `spacemedic.rules.table`
holds them as data (code, name, category, module), generated from those tuples and checked by a
test. Selecting, validating and listing codes read the table; a rule's module is imported only
when the rule is needed (`RuleRef.load`). `ALL_RULES` imports every rule (for `rules`, SARIF).
Codes are permanent: a retired rule keeps its code forever and the code is never reused.

    SM0xx  front-matter                 SM4xx  dockerfile (SM400-459), permissions (SM460-499)
    SM1xx  repo-size, ignored-file      SM5xx  apt (SM500-549), requirements (SM550-599)
    SM2xx  secret, policy               SM6xx  startup-download (SM600-649), app-code (SM650-699)
    SM3xx  port, bind, streamlit-config SM9xx  spacemedic itself (suppressions)
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from spacemedic.models import Category
from spacemedic.rules.table import TABLE

if TYPE_CHECKING:
    from spacemedic.rules.base import Rule

    ALL_RULES: tuple[type[Rule], ...]

__all__ = ["ALL_RULES", "RuleRef", "catalogue", "rules_by_code"]


class RuleRef(NamedTuple):
    """A rule known by its table row: enough to select it; `load()` imports its class."""

    code: str
    name: str
    category: Category
    where: str  # "package.module:Class"

    def load(self) -> type[Rule]:
        """The rule class (importing its module the first time)."""
        import importlib

        module, cls = self.where.split(":")
        rule: type[Rule] = getattr(importlib.import_module(module), cls)
        return rule

    @classmethod
    def of(cls, rule: type[Rule]) -> RuleRef:
        """The reference of an already imported rule class."""
        return cls(rule.code, rule.name, rule.category, f"{rule.__module__}:{rule.__qualname__}")


@lru_cache(maxsize=1)
def _table() -> tuple[RuleRef, ...]:
    return tuple(RuleRef(code, name, Category(cat), f"spacemedic.rules.{module}:{cls}") for code, name, cat, module, cls in TABLE)


def catalogue() -> tuple[RuleRef, ...]:
    """Every rule, in run order, without importing any rule module."""
    return _table()


def rules_by_code() -> dict[str, type[Rule]]:
    """Every rule class by code (imports every rule module)."""
    return {ref.code: ref.load() for ref in catalogue()}


def __getattr__(name: str) -> Any:
    # ALL_RULES is computed on first access: importing the registry imports no rule.
    if name == "ALL_RULES":
        return tuple(ref.load() for ref in catalogue())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
