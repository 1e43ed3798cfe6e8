"""Watching a Space over time: the loop, what counts as stuck, the timeline and its summary."""
