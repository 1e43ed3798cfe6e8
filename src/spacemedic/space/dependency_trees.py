"""The import names a distribution brings into an environment: its own modules and those of
everything it requires, transitively (extras excluded).

Source: the `Requires-Dist` entries (without extras markers) of each distribution's current
release metadata on PyPI, followed down; old-Python backports (tomli, exceptiongroup,
typing_extensions on 3.8) are listed too, so an import of them is never reported. Only
distributions whose dependency set is small and stable are here: when a Space installs anything
else, which modules its image holds is not known and no import can be called missing for sure.
"""

from __future__ import annotations

_HTTPX = ("httpx", "httpcore", "h11", "anyio", "sniffio", "idna", "certifi")
_REQUESTS = ("requests", "urllib3", "idna", "charset_normalizer", "certifi")
_FLASK = ("flask", "werkzeug", "jinja2", "markupsafe", "itsdangerous", "click", "blinker")
_HYPERCORN = ("hypercorn", "h11", "h2", "hpack", "hyperframe", "priority", "wsproto", "taskgroup", "exceptiongroup", "tomli")
_BACKPORTS = ("typing_extensions", "exceptiongroup", "tomli", "importlib_metadata", "zipp")

TREES: dict[str, frozenset[str]] = {
    name: frozenset(mods) | frozenset(_BACKPORTS)
    for name, mods in {
        "requests": _REQUESTS,
        "urllib3": ("urllib3",),
        "certifi": ("certifi",),
        "idna": ("idna",),
        "flask": _FLASK,
        "werkzeug": ("werkzeug", "markupsafe"),
        "jinja2": ("jinja2", "markupsafe"),
        "itsdangerous": ("itsdangerous",),
        "click": ("click",),
        "quart": (*_FLASK, *_HYPERCORN, "quart", "aiofiles"),
        "hypercorn": _HYPERCORN,
        "gunicorn": ("gunicorn", "packaging"),
        "uvicorn": ("uvicorn", "click", "h11"),
        "waitress": ("waitress",),
        "python-dotenv": ("dotenv",),
        "pyyaml": ("yaml", "_yaml"),
        "numpy": ("numpy",),
        "pillow": ("PIL",),
        "httpx": _HTTPX,
        "aiohttp": ("aiohttp", "aiohappyeyeballs", "aiosignal", "attr", "attrs", "frozenlist", "multidict",
                    "propcache", "yarl", "idna", "async_timeout"),
        "python-telegram-bot": ("telegram", *_HTTPX),
        "pyjwt": ("jwt",),
        "beautifulsoup4": ("bs4", "soupsieve"),
        "python-multipart": ("multipart", "python_multipart"),
        "markdown": ("markdown",),
        "tqdm": ("tqdm",),
        "six": ("six",),
        "pytz": ("pytz",),
        "packaging": ("packaging",),
    }.items()
}


def tree(distribution: str) -> frozenset[str] | None:
    """The import names `distribution` (normalized) brings in, or None when not known."""
    return TREES.get(distribution)
