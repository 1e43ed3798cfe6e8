"""Lint rules: one module per rule, grouped by area; each area lists its rules in `RULES`.

`table.TABLE` holds every rule as data (generated from those tuples, checked by a test) and
`registry` loads a rule's module only when the rule runs or is shown.
"""
