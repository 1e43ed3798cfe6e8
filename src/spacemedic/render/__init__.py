"""Renderers: pure functions from result values to text. Nothing here does I/O."""
