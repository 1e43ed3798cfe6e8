"""Rules on the README.md YAML front matter (the Space configuration)."""
