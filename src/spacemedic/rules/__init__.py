"""Lint rules: one module per rule, grouped by area, listed in `registry.ALL_RULES`."""
