"""The start command of official images whose CMD depends on the tag's variant (php), and of
images added from the held-out Space corpus (httpd, Livebook)."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacemedic.engine import lint_path
from spacemedic.space.servers import base_image_command
from tests.conftest import write_tree


@pytest.mark.parametrize(
    ("image", "argv"),
    [
        ("php:8.2-fpm-alpine", ("php-fpm",)),
        ("php:fpm", ("php-fpm",)),
        ("docker.io/library/php:8.3-fpm-bookworm", ("php-fpm",)),
        ("php:8.3-apache", ("apache2-foreground",)),
        ("httpd:2.4", ("httpd-foreground",)),
        ("ghcr.io/livebook-dev/livebook:latest-cuda11.8", ("/app/bin/livebook", "start")),
        ("php:8.3-cli", None),  # `php -a`: an interactive shell, no server
        ("php", None),
        ("phpmyadmin:latest", None),
    ],
)
def test_variant_commands(image: str, argv: tuple[str, ...] | None) -> None:
    known = base_image_command(image)
    assert (known[0] if known else None) == argv


def test_no_cmd_names_the_known_image_command(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {
        "README.md": "---\nsdk: docker\napp_port: 7860\n---\n",
        "Dockerfile": "FROM php:8.2-fpm-alpine\nCOPY app /app\n",
    })
    by_code = {f.code: f for f in lint_path(root).findings}
    assert "php-fpm" in by_code["SM404"].message and "cannot be checked" not in by_code["SM404"].message
    assert "FastCGI" in (by_code["SM300"].fix or "") and "app_port: 9000" not in (by_code["SM300"].fix or "")
