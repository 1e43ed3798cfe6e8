"""Click parameter types whose errors fit on one line and name the closest valid value."""

from __future__ import annotations

from typing import Any

import click

from spacemedic.suggest import did_you_mean


class Choice(click.Choice):  # type: ignore[type-arg]
    """`click.Choice` that adds "did you mean X?" to its error."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            options = ", ".join(str(c) for c in self.choices)
            hint = did_you_mean(str(value), [str(c) for c in self.choices])
            self.fail(f"{str(value)[:40]!r} is not one of {options}{hint}", param, ctx)
