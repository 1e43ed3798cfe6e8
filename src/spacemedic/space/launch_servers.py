"""The command-line flags of each known server, read into a `Launch` (see `launch.py`)."""

from __future__ import annotations

import re

from spacemedic.space.launch import (
    Launch,
    default,
    is_python,
    is_shell,
    option,
    python_target,
    split_hostport,
    value_of,
)
from spacemedic.space.pycode import Env, Value

_PY_MODULE_SERVERS = {"uvicorn", "gunicorn", "streamlit", "flask", "hypercorn", "waitress", "http.server",
                      "daphne", "chainlit", "fastapi", "panel", "jupyter", "gradio", "shiny", "marimo", "solara"}


def _positional(argv: tuple[str, ...], start: int = 1) -> str | None:
    """The first `module:app` style target."""
    for w in argv[start:]:
        if ":" in w and not w.startswith("-") and "://" not in w and not w[:1].isdigit():
            return w
    return None


def _server(name: str, argv: tuple[str, ...], env: Env, where: str, host: Value | None, port: Value | None,
            **kw: str | None) -> Launch:
    return Launch(
        "server", argv, server=name,
        host=host or default(name, env, "host", where),
        port=port or default(name, env, "port", where),
        env=env.values, **kw,
    )


def recognise(argv: tuple[str, ...], env: Env, where: str) -> Launch:
    head = argv[0].rsplit("/", 1)[-1]
    sub = argv[1] if len(argv) > 1 else ""
    if argv[0] == "$@":
        return Launch("delegate", argv)
    if is_python(argv[0]):
        if "-c" in argv and argv.index("-c") + 1 < len(argv):
            return Launch("python-inline", argv, target=argv[argv.index("-c") + 1], env=env.values)
        module, file, rest = python_target(argv)
        if module in _PY_MODULE_SERVERS:
            return recognise((module, *rest), env, where)
        if module and module.split(".")[0] in ("flask",):
            return recognise(("flask", *rest), env, where)
        if file and file.rsplit("/", 1)[-1] == "manage.py" and "runserver" in rest:
            addr = next((w for w in rest[rest.index("runserver") + 1 :] if not w.startswith("-")), None)
            host, port = split_hostport(addr, where) if addr else (None, None)
            return _server("django runserver", argv, env, where, host, port, file=file)
        if file:
            return Launch("python", argv, file=file, env=env.values)
        if module:
            return Launch("python", argv, file=module.replace(".", "/") + ".py", target=module, env=env.values)
        return Launch("other", argv)
    if is_shell(head):
        if "-c" in argv:
            i = argv.index("-c")
            return Launch("shell", argv, target=argv[i + 1] if i + 1 < len(argv) else "", env=env.values)
        files = [w for w in argv[1:] if not w.startswith("-")]
        return Launch("script", argv, file=files[0], env=env.values) if files else Launch("other", argv)
    if head.endswith(".sh") or (argv[0].startswith("./") and "." not in head):
        return Launch("script", argv, file=argv[0], env=env.values)
    if head == "uvicorn":
        return _server("uvicorn", argv, env, where, value_of(option(argv, "--host"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"), target=_positional(argv))
    if head in ("gunicorn", "hypercorn"):
        bind = option(argv, "-b", "--bind")
        cmd_args = env.values.get("GUNICORN_CMD_ARGS", "") if head == "gunicorn" else ""
        if bind is None and cmd_args:
            bind = option(tuple(cmd_args.split()), "-b", "--bind")
            where = env.source("GUNICORN_CMD_ARGS") if bind else where
        host, port = split_hostport(bind, where) if bind else (None, None)
        if head == "gunicorn" and bind is None and "PORT" in env.values:
            host = Value("0.0.0.0", True, f"gunicorn binds 0.0.0.0:$PORT when PORT is set ({env.source('PORT')})")
        config = option(argv, "-c", "--config")
        return _server(head, argv, env, where, host, port, target=_positional(argv), config=config)
    if head == "daphne":
        bind = option(argv, "-b", "--bind")
        return _server("daphne", argv, env, where, value_of(bind, where, "host"),
                       value_of(option(argv, "-p", "--port"), where, "port"), target=_positional(argv))
    if head in ("waitress-serve", "waitress"):
        listen = option(argv, "--listen")
        host, port = split_hostport(listen, where) if listen else (None, None)
        host = host or value_of(option(argv, "--host"), where, "host")
        port = port or value_of(option(argv, "--port"), where, "port")
        return _server("waitress", argv, env, where, host, port, target=_positional(argv))
    if head == "streamlit" and sub in ("run", "hello"):
        files = [w for w in argv[2:] if not w.startswith("-")]
        return _server("streamlit", argv, env, where, value_of(option(argv, "--server.address"), where, "host"),
                       value_of(option(argv, "--server.port"), where, "port"), file=files[0] if files else None)
    if head == "fastapi" and sub in ("run", "dev"):
        files = [w for w in argv[2:] if not w.startswith("-")]
        return _server(f"fastapi {sub}", argv, env, where, value_of(option(argv, "--host"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"), file=files[0] if files else None)
    if head == "flask" and "run" in argv:
        return _server("flask run", argv, env, where, value_of(option(argv, "--host", "-h"), where, "host"),
                       value_of(option(argv, "--port", "-p"), where, "port"), file=env.values.get("FLASK_APP"))
    if head == "http.server":
        ports = [w for w in argv[1:] if w.isdigit()]
        return _server("http.server", argv, env, where, value_of(option(argv, "--bind", "-b"), where, "host"),
                       value_of(ports[0], where, "port") if ports else None)
    if head == "chainlit" and sub == "run":
        files = [w for w in argv[2:] if not w.startswith("-")]
        return _server("chainlit", argv, env, where, value_of(option(argv, "--host", "-h"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"), file=files[0] if files else None)
    if head in ("jupyter", "jupyter-lab", "jupyter-notebook"):
        return _server("jupyter", argv, env, where, value_of(option(argv, "--ip", "--ServerApp.ip"), where, "host"),
                       value_of(option(argv, "--port", "--ServerApp.port"), where, "port"))
    if head == "panel" and sub == "serve":
        return _server("panel", argv, env, where, value_of(option(argv, "--address"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"))
    if head == "gradio" and len(argv) > 1:
        return Launch("python", argv, file=argv[1], env=env.values)
    if head == "next" and sub in ("start", "dev"):
        return _server("next", argv, env, where, value_of(option(argv, "-H", "--hostname"), where, "host"),
                       value_of(option(argv, "-p", "--port"), where, "port"))
    if head == "serve":
        listen = option(argv, "-l", "--listen", "-p")
        host, port = split_hostport(listen, where) if listen else (None, None)
        return _server("serve", argv, env, where, host, port)
    if head == "shiny" and sub == "run":
        return _server("shiny", argv, env, where, value_of(option(argv, "--host", "-h"), where, "host"),
                       value_of(option(argv, "--port", "-p"), where, "port"))
    if head == "marimo" and sub in ("run", "edit"):
        return _server("marimo", argv, env, where, value_of(option(argv, "--host"), where, "host"),
                       value_of(option(argv, "--port", "-p"), where, "port"))
    if head == "solara" and sub == "run":
        return _server("solara", argv, env, where, value_of(option(argv, "--host"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"))
    if head == "http-server":
        return _server("http-server", argv, env, where, value_of(option(argv, "-a"), where, "host"),
                       value_of(option(argv, "-p", "--port"), where, "port"))
    if head == "code-server":
        bind = option(argv, "--bind-addr")
        host, port = split_hostport(bind, where) if bind else (None, None)
        return _server("code-server", argv, env, where, host, port)
    if head == "n8n":
        return _server("n8n", argv, env, where, None, None)
    if head == "ollama" and sub == "serve":
        hostport = env.values.get("OLLAMA_HOST")
        if hostport:
            src = f"{env.source('OLLAMA_HOST')}, read by ollama"
            host, port = split_hostport(hostport if ":" in hostport else f"{hostport}:11434", src)
            return _server("ollama", argv, env, where, host, port)
        return _server("ollama", argv, env, where, None, None)
    if head in ("llama-server", "llama.cpp-server") or (head == "server" and "-m" in argv and "--port" in argv):
        return _server("llama-server", argv, env, where, value_of(option(argv, "--host"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"))
    if head == "text-generation-launcher":
        return _server("text-generation-launcher", argv, env, where,
                       value_of(option(argv, "--hostname"), where, "host"), value_of(option(argv, "-p", "--port"), where, "port"))
    if head == "vllm" and sub == "serve":
        return _server("vllm", argv, env, where, value_of(option(argv, "--host"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"))
    if head in ("grafana-server",) or (head == "grafana" and sub == "server"):
        return _server("grafana", argv, env, where, None, None)
    if head == "metabase" or (head == "java" and any(w.endswith("metabase.jar") for w in argv)):
        return _server("metabase", argv, env, where, None, None)
    if head == "node-red":
        return _server("node-red", argv, env, where, None, value_of(option(argv, "-p", "--port"), where, "port"))
    if head == "uptime-kuma":
        return _server("uptime-kuma", argv, env, where, None, None)
    if head == "open-webui":
        return _server("open-webui", argv, env, where, value_of(option(argv, "--host"), where, "host"),
                       value_of(option(argv, "--port"), where, "port"))
    if head == "caddy" and sub in ("file-server", "reverse-proxy"):
        listen = option(argv, "--listen", "--from")
        host, port = split_hostport(listen, where) if listen else (None, None)
        return _server("caddy", argv, env, where, host, port)
    if re.fullmatch(r"php-fpm[\d.]*", head):
        return _server("php-fpm", argv, env, where, None, None)
    if head in ("apache2-foreground", "httpd-foreground"):
        return _server(head, argv, env, where, None, None)
    if head == "livebook" and sub in ("start", "server"):
        return _server("livebook", argv, env, where, None, None)
    if head in ("node", "nodejs", "bun", "deno", "ts-node", "tsx"):
        files = [w for w in argv[1:] if not w.startswith("-") and w != "run"]
        return Launch("node", argv, file=files[0] if files else None, env=env.values)
    if head in ("npm", "yarn", "pnpm"):
        name = sub if head != "npm" or sub not in ("run", "run-script") else (argv[2] if len(argv) > 2 else "")
        if head != "npm" and sub == "run":
            name = argv[2] if len(argv) > 2 else ""
        return Launch("npm", argv, target=name or "start", env=env.values)
    if head == "nginx" or (head == "service" and sub == "nginx"):
        return Launch("nginx", argv, config=option(argv, "-c"), env=env.values)
    if head in ("supervisord", "supervisor"):
        return Launch("supervisord", argv, config=option(argv, "-c", "--configuration"), env=env.values)
    return Launch("other", argv, env=env.values)
