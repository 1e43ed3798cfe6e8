"""Components that automated abuse scanners on the Hub are known or likely to flag, as data.

Each row: a pattern (matched case-insensitively on non-comment lines of build and code
files), the component it names, and why a scanner cares. Paused Spaces report the rule as
`Blocked by abuse-handler by rule: <name>` (seen: "Cloudflared", "Cloudflare", "VNC Server",
"trojan proxy"). Patterns are tight on purpose: "xray" alone is a medical image, not a proxy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Component:
    name: str
    pattern: re.Pattern[str]
    why: str


def _c(name: str, pattern: str, why: str) -> Component:
    return Component(name, re.compile(pattern, re.IGNORECASE), why)


TUNNEL = "exposes the container to the internet through a tunnel, bypassing the Space proxy"
SHELL = "serves a remote shell or desktop to the browser"
PROXY = "relays traffic for others (a proxy or VPN)"
EVASION = "drives a browser built to hide that it is automated (bot-detection evasion)"

COMPONENTS: tuple[Component, ...] = (
    _c("Cloudflared", r"\b(?:py)?cloudflared\b|\btrycloudflare\.com\b", TUNNEL),
    _c("ngrok", r"\b(?:py)?ngrok\b", TUNNEL),
    _c("localtunnel", r"\blocaltunnel\b|\bloca\.lt\b", TUNNEL),
    _c("frp", r"\bfrp[cs]\b|\bfatedier/frp\b", TUNNEL),
    _c("VNC server", r"\b(?:x11vnc|tigervnc\S*|tightvncserver|vncserver|turbovnc|novnc|websockify)\b", SHELL),
    _c("ttyd", r"\bttyd\b", SHELL),
    _c("gotty", r"\bgotty\b", SHELL),
    _c("wetty", r"\bwetty\b", SHELL),
    _c("shellinabox", r"\bshellinabox\w*", SHELL),
    _c(
        "code-server",
        r"\b(?:code-server|openvscode-server)\b",
        "serves an IDE with a terminal, i.e. a remote shell",
    ),
    _c("V2Ray", r"\bv2(?:ray|fly)\b", PROXY),
    _c("Xray", r"\bxray-core\b|\bxtls/xray\b|\bxray\s+(?:run|-c|-config)\b", PROXY),
    _c("trojan proxy", r"\btrojan-(?:go|gfw)\b|\bp4gefau1t/trojan", PROXY),
    _c("Shadowsocks", r"\bshadowsocks\w*|\bss-(?:server|local)\b", PROXY),
    _c("sing-box", r"\bsing-box\b", PROXY),
    _c("Hysteria", r"\bapernet/hysteria\b", PROXY),
    _c("gost", r"\b(?:ginuerzh|go-gost)/gost\b", PROXY),
    _c("open proxy", r"\b(?:3proxy|tinyproxy|naiveproxy)\b", PROXY),
    _c("Tor", r"\btorrc\b|\bobfs4proxy\b", PROXY),
    # Forks and plug-ins whose purpose is to pass as a human browser; plain Playwright, Selenium
    # and Puppeteer are common in healthy Spaces and are not listed.
    _c(
        "anti-detection browser",
        r"\bpatchright\b|\bundetected[-_]chromedriver\b|\b(?:playwright|selenium)[-_]stealth\b"
        r"|\bpuppeteer-extra-plugin-stealth\b|\bcamoufox\b|\bnodriver\b",
        EVASION,
    ),
    _c("SearXNG", r"\bsearx(?:ng)?\b", "scrapes search engines at volume (metasearch)"),
    _c(
        "crypto miner",
        r"\b(?:xmrig|cpuminer|minerd|ethminer|nbminer|lolminer|phoenixminer|srbminer\w*)\b|stratum\+(?:tcp|ssl)://",
        "mines cryptocurrency, which the Hub forbids",
    ),
)

KEYWORDS = (
    "cloudflare", "ngrok", "localtunnel", "loca.lt", "frp", "vnc", "websockify", "ttyd", "gotty", "wetty",
    "shellinabox", "code-server", "openvscode", "v2ray", "v2fly", "xray", "trojan", "p4gefau1t",
    "shadowsocks",
    "ss-server", "ss-local", "sing-box", "hysteria", "gost", "3proxy", "tinyproxy", "naiveproxy", "torrc",
    "obfs4proxy", "searx", "xmrig", "cpuminer", "minerd", "ethminer", "nbminer", "lolminer", "phoenixminer",
    "srbminer", "stratum+", "patchright", "undetected", "stealth", "camoufox", "nodriver",
)  # fmt: skip
"""Lower-case literals, one of which every pattern needs: files with none are skipped cheaply."""


def may_match(text: str) -> bool:
    low = text.lower()
    return any(k in low for k in KEYWORDS)


# Code, start scripts, dependency files and service configurations: what runs. Data files
# (JSON, YAML, TOML other than the dependency manifests) only mention things.
SCANNED_SUFFIXES = frozenset(".sh .bash .py .js .mjs .cjs .ts .conf .cfg .ini .service .dockerfile".split())
SCANNED_NAMES = frozenset(
    {"Dockerfile", "Containerfile", "Procfile", "requirements.txt", "packages.txt", "package.json", "pyproject.toml"}
)
