"""Facts about the servers Spaces run: where each listens when nothing says otherwise, which
flags and environment variables move it, and where each fact comes from.

This is data, read by `space/launch.py` (commands) and `space/pycode.py` (code). Change a fact
here, with its source, rather than in the code that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_INTERFACES = "0.0.0.0"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "127.0.1.1", "ip6-localhost"})
ALL_INTERFACE_NAMES = frozenset({"0.0.0.0", "::", "", "*", "[::]", "0"})


@dataclass(frozen=True)
class ServerFacts:
    """How one server decides its listen address."""

    name: str
    default_host: str
    default_port: int | None
    host_env: tuple[str, ...] = ()
    port_env: tuple[str, ...] = ()
    source: str = ""


SERVERS: dict[str, ServerFacts] = {
    f.name: f
    for f in (
        ServerFacts(
            "uvicorn", "127.0.0.1", 8000, ("UVICORN_HOST",), ("UVICORN_PORT",),
            "uvicorn docs, Settings: --host default 127.0.0.1, --port default 8000; "
            "options read UVICORN_* variables (click auto_envvar_prefix)",
        ),
        ServerFacts(
            "gunicorn", "127.0.0.1", 8000, (), ("PORT",),
            "gunicorn docs, settings 'bind': default ['127.0.0.1:8000'], or '0.0.0.0:$PORT' "
            "when PORT is set",
        ),
        ServerFacts(
            "hypercorn", "127.0.0.1", 8000, (), (),
            "hypercorn docs, configuring: bind default 127.0.0.1:8000",
        ),
        ServerFacts(
            "daphne", "127.0.0.1", 8000, (), (),
            "daphne README: -b/--bind default 127.0.0.1, -p/--port default 8000",
        ),
        ServerFacts(
            "waitress", ALL_INTERFACES, 8080, (), (),
            "waitress docs, arguments: host default 0.0.0.0, port default 8080",
        ),
        ServerFacts(
            "fastapi run", ALL_INTERFACES, 8000, (), (),
            "fastapi-cli README: `fastapi run` listens on 0.0.0.0:8000",
        ),
        ServerFacts(
            "fastapi dev", "127.0.0.1", 8000, (), (),
            "fastapi-cli README: `fastapi dev` listens on 127.0.0.1:8000",
        ),
        ServerFacts(
            "flask run", "127.0.0.1", 5000, ("FLASK_RUN_HOST",), ("FLASK_RUN_PORT",),
            "flask docs, CLI: `flask run` --host 127.0.0.1, --port 5000, FLASK_RUN_* variables",
        ),
        ServerFacts(
            "flask app.run", "127.0.0.1", 5000, (), (),
            "flask API docs, Flask.run: host '127.0.0.1', port 5000 when not given",
        ),
        ServerFacts(
            "streamlit", ALL_INTERFACES, 8501, ("STREAMLIT_SERVER_ADDRESS",), ("STREAMLIT_SERVER_PORT",),
            "streamlit docs, config options: server.port 8501, server.address unset = all "
            "interfaces; STREAMLIT_SERVER_* variables and .streamlit/config.toml [server]",
        ),
        ServerFacts(
            "gradio", "127.0.0.1", 7860, ("GRADIO_SERVER_NAME",), ("GRADIO_SERVER_PORT",),
            "gradio networking.py: LOCALHOST_NAME = os.getenv('GRADIO_SERVER_NAME', '127.0.0.1'), "
            "INITIAL_PORT_VALUE = int(os.getenv('GRADIO_SERVER_PORT', '7860'))",
        ),
        ServerFacts(
            "django runserver", "127.0.0.1", 8000, (), (),
            "django docs, runserver: default address 127.0.0.1:8000, `runserver 0.0.0.0:7860` to change it",
        ),
        ServerFacts(
            "dash", "127.0.0.1", 8050, ("HOST",), ("PORT",),
            "dash API docs, Dash.run: host = os.getenv('HOST', '127.0.0.1'), port = os.getenv('PORT', 8050)",
        ),
        ServerFacts(
            "http.server", ALL_INTERFACES, 8000, (), (),
            "python docs, http.server CLI: port 8000, binds all interfaces unless --bind",
        ),
        ServerFacts(
            "aiohttp", ALL_INTERFACES, 8080, (), (),
            "aiohttp docs, web.run_app: host None = all interfaces, port 8080",
        ),
        ServerFacts(
            "node", ALL_INTERFACES, None, (), (),
            "node docs, server.listen(port): host omitted = all interfaces (:: or 0.0.0.0)",
        ),
        ServerFacts(
            "fastify", "127.0.0.1", 3000, (), (),
            "fastify docs, Server#listen: host defaults to localhost; pass host '0.0.0.0' in containers",
        ),
        ServerFacts(
            "next", ALL_INTERFACES, 3000, (), ("PORT",),
            "next.js docs, `next start`: -p/--port or PORT, default 3000; -H default all interfaces",
        ),
        ServerFacts(
            "serve", ALL_INTERFACES, 3000, (), ("PORT",),
            "vercel/serve README: -l/--listen, default port 3000 (or PORT)",
        ),
        ServerFacts(
            "n8n", ALL_INTERFACES, 5678, ("N8N_LISTEN_ADDRESS",), ("N8N_PORT",),
            "n8n docs, deployment environment variables: N8N_PORT default 5678 (n8n does not "
            "read PORT), N8N_LISTEN_ADDRESS default all interfaces",
        ),
        ServerFacts(
            "chainlit", "127.0.0.1", 8000, ("CHAINLIT_HOST",), ("CHAINLIT_PORT",),
            "chainlit docs, CLI: --host 127.0.0.1 / --port 8000, or CHAINLIT_HOST/CHAINLIT_PORT",
        ),
        ServerFacts(
            "jupyter", "localhost", 8888, (), (),
            "jupyter server docs: ServerApp.ip 'localhost', ServerApp.port 8888",
        ),
        ServerFacts(
            "panel", ALL_INTERFACES, 5006, (), (),
            "bokeh/panel serve docs: --port 5006, --address unset = all interfaces",
        ),
        ServerFacts(
            "shiny", "127.0.0.1", 8000, (), (),
            "shiny for python docs, `shiny run`: --host 127.0.0.1, --port 8000",
        ),
        ServerFacts(
            "marimo", "127.0.0.1", 2718, (), (),
            "marimo docs, `marimo run/edit`: --host 127.0.0.1, -p/--port 2718",
        ),
        ServerFacts(
            "solara", "localhost", 8765, ("SOLARA_HOST",), ("PORT",),
            "solara docs, `solara run`: --host localhost (or SOLARA_HOST), --port 8765 (or PORT)",
        ),
        ServerFacts(
            "http-server", ALL_INTERFACES, 8080, (), ("PORT",),
            "http-party/http-server README: -a address default 0.0.0.0, -p port default 8080 (or PORT)",
        ),
        ServerFacts(
            "code-server", "127.0.0.1", 8080, (), (),
            "code-server docs, --bind-addr default 127.0.0.1:8080",
        ),
        ServerFacts(
            "ollama", "127.0.0.1", 11434, ("OLLAMA_HOST",), ("OLLAMA_HOST",),
            "ollama docs, FAQ 'How do I configure Ollama server?': binds 127.0.0.1:11434; OLLAMA_HOST "
            "(host:port) changes both",
        ),
        ServerFacts(
            "llama-server", "127.0.0.1", 8080, ("LLAMA_ARG_HOST",), ("LLAMA_ARG_PORT",),
            "llama.cpp tools/server README: --host 127.0.0.1, --port 8080 (env LLAMA_ARG_HOST / LLAMA_ARG_PORT)",
        ),
        ServerFacts(
            "text-generation-launcher", ALL_INTERFACES, 3000, ("HOSTNAME",), ("PORT",),
            "text-generation-inference launcher --help: --hostname 0.0.0.0 (env HOSTNAME), --port 3000 "
            "(env PORT); the TGI image sets PORT=80",
        ),
        ServerFacts(
            "vllm", ALL_INTERFACES, 8000, (), (),
            "vLLM docs, `vllm serve` CLI: --host unset (all interfaces), --port 8000",
        ),
        ServerFacts(
            "grafana", ALL_INTERFACES, 3000, ("GF_SERVER_HTTP_ADDR",), ("GF_SERVER_HTTP_PORT",),
            "Grafana docs, configuration [server]: http_addr empty (all interfaces), http_port 3000; "
            "overridden by GF_SERVER_HTTP_ADDR / GF_SERVER_HTTP_PORT",
        ),
        ServerFacts(
            "metabase", ALL_INTERFACES, 3000, ("MB_JETTY_HOST",), ("MB_JETTY_PORT",),
            "Metabase docs, environment variables: MB_JETTY_PORT default 3000; metabase server.clj "
            "jetty-config drops an unset MB_JETTY_HOST, so Jetty binds all interfaces (only the printed "
            "setup URL falls back to localhost)",
        ),
        ServerFacts(
            "node-red", ALL_INTERFACES, 1880, (), ("PORT",),
            "Node-RED docs, settings.js: uiPort process.env.PORT || 1880, uiHost unset (all interfaces)",
        ),
        ServerFacts(
            "uptime-kuma", ALL_INTERFACES, 3001, ("UPTIME_KUMA_HOST",), ("UPTIME_KUMA_PORT", "PORT"),
            "Uptime Kuma wiki, environment variables: UPTIME_KUMA_PORT / PORT default 3001, "
            "UPTIME_KUMA_HOST unset = all interfaces (dual-stack)",
        ),
        ServerFacts(
            "open-webui", ALL_INTERFACES, 8080, ("HOST",), ("PORT",),
            "Open WebUI docs, environment configuration: PORT default 8080; open-webui "
            "backend/start.sh and dev.sh: PORT=${PORT:-8080}, uvicorn --host ${HOST:-0.0.0.0}",
        ),
        ServerFacts(
            "caddy", ALL_INTERFACES, 80, (), (),
            "Caddy docs: a site address with no port is served on :80/:443; `caddy file-server` "
            "--listen default :80",
        ),
        ServerFacts(
            "nginx", ALL_INTERFACES, 80, (), (),
            "nginx docs, listen directive: `listen 7860;` binds all interfaces; default *:80",
        ),
        ServerFacts(
            "php-fpm", ALL_INTERFACES, 9000, (), (),
            "php official image, fpm variants (docker-library/php): `EXPOSE 9000`, `CMD [\"php-fpm\"]`, and "
            "its zz-docker.conf sets `listen = 9000`; it speaks FastCGI, which only a web server in front "
            "can turn into HTTP",
        ),
        ServerFacts(
            "apache2-foreground", ALL_INTERFACES, 80, (), (),
            "php official image, apache variants: `CMD [\"apache2-foreground\"]`, Debian's ports.conf `Listen 80`",
        ),
        ServerFacts(
            "httpd-foreground", ALL_INTERFACES, 80, (), (),
            "httpd official image: `CMD [\"httpd-foreground\"]`, httpd.conf `Listen 80`",
        ),
        ServerFacts(
            "livebook", ALL_INTERFACES, 8080, ("LIVEBOOK_IP",), ("LIVEBOOK_PORT",),
            "Livebook README (`docker run -p 8080:8080 ghcr.io/livebook-dev/livebook`) and "
            "docs/deployment/docker.md (`ENV LIVEBOOK_PORT=7860` moves it); the image binds all "
            "interfaces, LIVEBOOK_IP changes that",
        ),
    )
}

# Servers that do not speak HTTP: routing the Hub to their port cannot work either, so the fix
# is a web server in front of them, never `app_port`.
NON_HTTP_SERVERS: dict[str, str] = {
    "php-fpm": "php-fpm speaks FastCGI, not HTTP (php-fpm docs, `listen`): put nginx or Apache on the "
               "routed port in front of it, or start from a php:*-apache image",
}

# Programs that run another program: skip them (and their own options) to find the server.
WRAPPERS = frozenset(
    {"exec", "nohup", "time", "tini", "dumb-init", "gosu", "su-exec", "setsid", "stdbuf", "xvfb-run", "catatonit"}
)
RUNNERS = {("poetry", "run"), ("uv", "run"), ("pipenv", "run"), ("pdm", "run"), ("hatch", "run"), ("rye", "run")}
PYTHONS = ("python", "python3", "pypy3")
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ash"})

# The CMD of a few official base images, for Dockerfiles that set none. Anything else is
# reported as "cannot be seen" rather than guessed.
BASE_IMAGE_COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "nginx": (("nginx", "-g", "daemon off;"), "the nginx official image's CMD (docker-library/nginx Dockerfile)"),
    "nginxinc/nginx-unprivileged": (("nginx", "-g", "daemon off;"), "nginx-unprivileged image's CMD"),
    "n8nio/n8n": (("n8n",), "the n8n image's entrypoint (n8n docs, docker installation)"),
    "docker.n8n.io/n8nio/n8n": (("n8n",), "the n8n image's entrypoint (n8n docs, docker installation)"),
    "ollama/ollama": (("ollama", "serve"), "the ollama image's ENTRYPOINT/CMD (ollama/ollama Dockerfile), "
                      "with OLLAMA_HOST=0.0.0.0:11434 in its ENV"),
    "grafana/grafana": (("grafana", "server"), "the grafana image's entrypoint (run.sh starts grafana server)"),
    "grafana/grafana-oss": (("grafana", "server"), "the grafana image's entrypoint (run.sh starts grafana server)"),
    "metabase/metabase": (("metabase",), "the metabase image's entrypoint (run_metabase.sh)"),
    "nodered/node-red": (("node-red",), "the node-red image's entrypoint (npm start)"),
    "louislam/uptime-kuma": (("uptime-kuma",), "the uptime-kuma image's CMD (node server/server.js)"),
    "ghcr.io/open-webui/open-webui": (("open-webui",), "the open-webui image's CMD (backend/start.sh)"),
    "ghcr.io/huggingface/text-generation-inference": (("text-generation-launcher",),
                                                      "the TGI image's ENTRYPOINT (text-generation-launcher)"),
    "vllm/vllm-openai": (("vllm", "serve"), "the vllm-openai image's ENTRYPOINT (vllm serve)"),
    "caddy": (("caddy", "run", "--config", "/etc/caddy/Caddyfile"), "the caddy image's CMD"),
    "codercom/code-server": (("code-server", "--bind-addr", "0.0.0.0:8080"), "the code-server image's ENTRYPOINT"),
    "httpd": (("httpd-foreground",), "the httpd official image's CMD (docker-library/httpd)"),
    "ghcr.io/livebook-dev/livebook": (("/app/bin/livebook", "start"), "the livebook image's CMD (livebook Dockerfile)"),
    "livebook/livebook": (("/app/bin/livebook", "start"), "the livebook image's CMD (livebook Dockerfile)"),
}

# Images whose CMD depends on the variant named in the tag (docker-library/php: the cli variant's
# CMD is an interactive `php -a`, which is no server and is left unknown).
BASE_IMAGE_VARIANT_COMMANDS: dict[str, tuple[tuple[str, tuple[str, ...], str], ...]] = {
    "php": (
        ("fpm", ("php-fpm",), "the php official image's fpm variant CMD (docker-library/php)"),
        ("apache", ("apache2-foreground",), "the php official image's apache variant CMD (docker-library/php)"),
    ),
}

# Variables a base image sets in its own ENV that the server reads (seen in the image's Dockerfile).
BASE_IMAGE_ENV: dict[str, dict[str, str]] = {
    "ollama/ollama": {"OLLAMA_HOST": "0.0.0.0:11434"},
    "ghcr.io/huggingface/text-generation-inference": {"PORT": "80"},
}


# Images whose ENTRYPOINT is the server, so a Dockerfile CMD only adds flags to it.
BASE_IMAGE_ENTRYPOINTS: dict[str, tuple[tuple[str, ...], str]] = {
    "ghcr.io/huggingface/text-generation-inference": (("text-generation-launcher",),
                                                      "TGI image ENTRYPOINT text-generation-launcher"),
    "vllm/vllm-openai": (("vllm", "serve"), "vllm-openai image ENTRYPOINT (the OpenAI-compatible server)"),
    "ollama/ollama": (("ollama",), "ollama image ENTRYPOINT /bin/ollama"),
    "codercom/code-server": (("code-server", "--bind-addr", "0.0.0.0:8080"), "code-server image ENTRYPOINT"),
}


def image_name(image: str | None) -> str:
    """`docker.io/library/nginx:1.27@sha256:...` -> `nginx`."""
    if not image:
        return ""
    name = image.split("@", 1)[0]
    name = name.rsplit(":", 1)[0] if ":" in name.rsplit("/", 1)[-1] else name
    for prefix in ("docker.io/library/", "docker.io/", "library/"):
        name = name.removeprefix(prefix)
    return name.lower()


def base_image_command(image: str | None) -> tuple[tuple[str, ...], str] | None:
    """The known CMD of a base image reference such as `nginx:1.27-alpine`, else None."""
    if not image:
        return None
    name = image_name(image)
    ref = image.split("@", 1)[0]
    tag = ref.rsplit(":", 1)[1].lower() if ":" in ref.rsplit("/", 1)[-1] else ""
    for marker, argv, source in BASE_IMAGE_VARIANT_COMMANDS.get(name, ()):
        if marker in tag.split("-"):
            return argv, source
    return BASE_IMAGE_COMMANDS.get(name)


def base_image_entrypoint(image: str | None) -> tuple[tuple[str, ...], str] | None:
    """The known server ENTRYPOINT of a base image that takes its flags from CMD, else None."""
    return BASE_IMAGE_ENTRYPOINTS.get(image_name(image)) if image else None

# Base images known not to set server variables (GRADIO_SERVER_NAME, PORT...) in their ENV.
# With any other base, a server default the Dockerfile does not override is only assumed.
PLAIN_BASE_IMAGES = (
    "python", "ubuntu", "debian", "alpine", "node", "nvidia/cuda", "pytorch/pytorch", "continuumio/miniconda3",
    "continuumio/anaconda3", "condaforge/miniforge3", "mambaorg/micromamba", "ghcr.io/astral-sh/uv", "golang",
    "rust", "nginx", "nginxinc/nginx-unprivileged", "tensorflow/tensorflow", "buildpack-deps", "fedora",
    "rockylinux", "amazonlinux", "oven/bun", "denoland/deno", "openjdk", "eclipse-temurin", "ruby", "php",
    "r-base", "rocker/r-ver", "python-slim", "huggingface/transformers-pytorch-gpu", "n8nio/n8n", "scratch",
)


def is_plain_base(image: str) -> bool:
    name = image.split("@", 1)[0]
    name = name.rsplit(":", 1)[0] if ":" in name.rsplit("/", 1)[-1] else name
    for prefix in ("docker.io/library/", "docker.io/", "library/"):
        name = name.removeprefix(prefix)
    return name.lower() in PLAIN_BASE_IMAGES
