"""The readers behind the runtime contract, on the shapes real Spaces use."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from spacemedic.space.context import SpaceContext
from spacemedic.space.contract import Contract, resolve_contract
from spacemedic.space.jscode import js_listens
from spacemedic.space.launch import identify
from spacemedic.space.pycode import EMPTY_ENV, Env
from spacemedic.space.pylisten import read_python
from spacemedic.space.repo import SpaceRepo
from spacemedic.space.servers import SERVERS, base_image_command, is_plain_base
from spacemedic.space.shell import expand, read_script, split_line
from tests.conftest import write_tree


def contract_of(tmp_path: Path, files: dict[str, str | bytes | int]) -> Contract:
    return resolve_contract(SpaceContext(SpaceRepo.open(write_tree(tmp_path, files))))


# ---------------------------------------------------------------- shell


def test_expand_defaults_and_missing() -> None:
    e = expand("--port ${PORT:-8000} --host $HOST", {"PORT": ""})
    assert e.text == "--port 8000 --host $HOST"
    assert e.unresolved == ("HOST",)
    assert e.defaulted == ("PORT",)
    assert expand("${PORT:-8000}", {"PORT": "7860"}).text == "7860"


def test_split_line_background_and_redirects() -> None:
    segs = split_line("nginx & uvicorn a:b --port 1 > /tmp/log 2>&1 && echo done")
    assert [s.argv for s in segs] == [("nginx",), ("uvicorn", "a:b", "--port", "1"), ("echo", "done")]
    assert [s.background for s in segs] == [True, False, False]


def test_read_script_tracks_exports_and_cd() -> None:
    script = read_script("#!/bin/sh\nexport PORT=7861\ncd /srv\nexec gunicorn -b 0.0.0.0:$PORT app:app\n")
    (seg,) = script.segments
    assert seg.argv == ("exec", "gunicorn", "-b", "0.0.0.0:7861", "app:app")
    assert seg.cwd == "/srv" and seg.line == 4


# ---------------------------------------------------------------- launch


@pytest.mark.parametrize(
    ("argv", "server", "host", "port"),
    [
        (("uvicorn", "main:app"), "uvicorn", "127.0.0.1", 8000),
        (("python", "-m", "uvicorn", "main:app", "--host=0.0.0.0", "--port=7860"), "uvicorn", "0.0.0.0", 7860),
        (("gunicorn", "-b", ":7860", "app:app"), "gunicorn", "0.0.0.0", 7860),
        (("gunicorn", "app:app"), "gunicorn", "127.0.0.1", 8000),
        (("fastapi", "run", "main.py"), "fastapi run", "0.0.0.0", 8000),
        (("fastapi", "dev", "main.py"), "fastapi dev", "127.0.0.1", 8000),
        (("flask", "run"), "flask run", "127.0.0.1", 5000),
        (("streamlit", "run", "app.py", "--server.port", "7860"), "streamlit", "0.0.0.0", 7860),
        (("npx", "next", "start", "-p", "7860"), "next", "0.0.0.0", 7860),
        (("python3", "-m", "http.server"), "http.server", "0.0.0.0", 8000),
        (("waitress-serve", "--listen=*:7860", "app:app"), "waitress", "*", 7860),
        (("python", "manage.py", "runserver", "0.0.0.0:7860"), "django runserver", "0.0.0.0", 7860),
        (("python", "manage.py", "runserver"), "django runserver", "127.0.0.1", 8000),
        (("/usr/bin/tini", "--", "uvicorn", "a:b", "--port", "1"), "uvicorn", "127.0.0.1", 1),
        (("conda", "run", "--no-capture-output", "-n", "app", "uvicorn", "m:a", "--port", "7860"), "uvicorn",
         "127.0.0.1", 7860),
        (("uv", "run", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "7860"), "uvicorn", "0.0.0.0", 7860),
        (("shiny", "run", "app.py", "--host", "0.0.0.0", "--port", "7860"), "shiny", "0.0.0.0", 7860),
        (("marimo", "run", "nb.py"), "marimo", "127.0.0.1", 2718),
        (("code-server", "--bind-addr", "0.0.0.0:7860"), "code-server", "0.0.0.0", 7860),
        (("exec", "env", "A=1", "hypercorn", "-b", "0.0.0.0:7860", "a:b"), "hypercorn", "0.0.0.0", 7860),
    ],
)
def test_identify_servers(argv: tuple[str, ...], server: str, host: str, port: int) -> None:
    launch = identify(argv, EMPTY_ENV, "CMD line 1")
    assert launch.server == server
    assert launch.host is not None and launch.host.value == host
    assert launch.port is not None and launch.port.value == port


def test_identify_uses_server_variables() -> None:
    env = Env({"STREAMLIT_SERVER_PORT": "7860"}, {"STREAMLIT_SERVER_PORT": "ENV STREAMLIT_SERVER_PORT (line 3)"})
    launch = identify(("streamlit", "run", "app.py"), env, "CMD line 5")
    assert launch.port is not None and launch.port.value == 7860
    assert "line 3" in launch.port.source


def test_every_server_fact_has_a_source() -> None:
    assert all(f.source for f in SERVERS.values())


def test_base_images() -> None:
    assert base_image_command("nginx:1.27-alpine") is not None
    assert base_image_command("docker.io/library/nginx") is not None
    assert base_image_command("python:3.11") is None
    assert is_plain_base("python:3.11-slim") and not is_plain_base("ghcr.io/someone/gradio-base:1")


# ---------------------------------------------------------------- python


def test_python_env_reads_and_main_guard() -> None:
    code = (
        "import os, uvicorn\nfrom fastapi import FastAPI\napp = FastAPI()\n"
        "PORT = int(os.getenv('PORT', '8000'))\n"
        "def main():\n    uvicorn.run(app, host='0.0.0.0', port=PORT)\n"
        "if __name__ == '__main__':\n    main()\n"
    )
    py = read_python("main.py", code, Env({"PORT": "7860"}, {"PORT": "ENV PORT (Dockerfile line 2)"}))
    (listen,) = py.listens
    assert listen.guarded and listen.port.value == "7860" and listen.port.known
    assert "ENV PORT (Dockerfile line 2)" in listen.port.source
    unset = read_python("main.py", code).listens[0]
    assert unset.port.assumed and unset.port.value == "8000"


def test_python_required_variable_is_unknown() -> None:
    py = read_python("app.py", "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(port=int(os.environ['PORT']))\n")
    (listen,) = py.listens
    assert not listen.port.resolved and "PORT" in (listen.port.reason or "")


def test_python_spawns_and_syntax_errors() -> None:
    py = read_python("app.py", "import subprocess\nsubprocess.Popen(['nginx', '-g', 'daemon off;'])\n")
    assert py.spawns[0].command == ("nginx", "-g", "daemon off;") and py.spawns[0].background
    assert read_python("app.py", "def (:\n").error


# ---------------------------------------------------------------- js


def test_js_listen_forms() -> None:
    text = "const PORT = process.env.PORT || 3000;\napp.listen(PORT, '0.0.0.0', () => {});\nserver.listen(8080);\n"
    (l1, h1, p1), (l2, h2, p2) = js_listens("server.js", text, EMPTY_ENV)
    assert (l1, h1.value, p1.value, p1.assumed) == (2, "0.0.0.0", 3000, True)
    assert (l2, h2.value, p2.value, p2.known) == (3, "0.0.0.0", 8080, True)


# ---------------------------------------------------------------- contract


def test_contract_is_frozen_and_sdk_managed(tmp_path: Path) -> None:
    c = contract_of(tmp_path, {"README.md": "---\nsdk: gradio\n---\n", "app.py": "import gradio as gr\ngr.Blocks().launch()\n"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.sdk = c.routed_port  # type: ignore[misc]
    assert c.routed_port.value == 7860 and "gradio SDK" in c.routed_port.source
    assert c.listen_host.value == "0.0.0.0" and "set by the Hub" in c.listen_host.source
    assert c.entry_files == ("app.py",)


def test_contract_user_defaults_to_root_and_says_uid_1000(tmp_path: Path) -> None:
    c = contract_of(tmp_path, {"README.md": "---\nsdk: docker\n---\n", "Dockerfile": "FROM python:3.11\nCMD python -m http.server 7860\n"})
    assert c.user.value == "root" and "uid 1000" in c.user.source
    assert c.reachable_on_routed_port()


def test_contract_invalid_app_port_is_unknown(tmp_path: Path) -> None:
    c = contract_of(tmp_path, {"README.md": "---\nsdk: docker\napp_port: web\n---\n", "Dockerfile": "FROM python:3.11\n"})
    assert c.routed_port.status == "unknown" and "not a port number" in (c.routed_port.reason or "")


def test_contract_streamlit_sdk(tmp_path: Path) -> None:
    c = contract_of(tmp_path, {"README.md": "---\nsdk: streamlit\napp_file: ui.py\n---\n", "ui.py": "import streamlit\n"})
    assert c.command.value == "streamlit run ui.py" and c.listen_port.value == 8501
    assert c.entry_files == ("ui.py",)


def test_contract_static_has_no_process(tmp_path: Path) -> None:
    c = contract_of(tmp_path, {"README.md": "---\nsdk: static\n---\n", "index.html": "<p>x</p>"})
    assert c.main is None and c.routed_port.value is None


def test_contract_python_dash_m_package(tmp_path: Path) -> None:
    c = contract_of(tmp_path, {
        "README.md": "---\nsdk: docker\n---\n",
        "Dockerfile": "FROM python:3.11\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"-m\", \"server\"]\n",
        "server/__main__.py": "import uvicorn\nuvicorn.run('server.api:app', host='0.0.0.0', port=7860)\n",
    })
    assert c.listen_port.value == 7860 and c.entry_files == ("server/__main__.py",)


def test_python_name_rebound_from_its_own_default() -> None:
    code = "import os, uvicorn\nPORT = 7860\nPORT = int(os.environ.get('PORT', PORT))\nuvicorn.run('a:b', host='0.0.0.0', port=PORT)\n"
    (listen,) = read_python("a.py", code).listens
    assert listen.port.value == 7860 and listen.port.assumed


def test_python_function_parameter_default_is_assumed() -> None:
    code = "import uvicorn\ndef main(host='0.0.0.0', port=7860):\n    uvicorn.run('a:b', host=host, port=port)\nmain()\n"
    (listen,) = read_python("a.py", code).listens
    assert listen.port.value == 7860 and listen.port.assumed and not listen.port.known


def test_python_reading_its_program_from_a_heredoc_runs_that_program() -> None:
    script = read_script("python3 -u - <<'PY'\nimport uvicorn\nuvicorn.run('main:app', port=9000)\nPY\ncat <<EOF\nnot python\nEOF\n")
    assert [s.argv for s in script.segments] == [("python3", "-c", "import uvicorn\nuvicorn.run('main:app', port=9000)")]
    # A Python given a script keeps it; the heredoc is its stdin, not its program.
    kept = read_script("python app.py <<EOF\ninput\nEOF\n")
    assert [s.argv for s in kept.segments] == [("python", "app.py")]


def test_contract_follows_a_start_script_into_a_python_heredoc(tmp_path: Path) -> None:
    contract = contract_of(tmp_path, {
        "README.md": "---\nsdk: docker\napp_port: 7860\n---\n",
        "Dockerfile": "FROM python:3.11\nCOPY . .\nCMD [\"bash\", \"start.sh\"]\n",
        "start.sh": "#!/bin/bash\npython3 - <<'PY'\nimport uvicorn\nuvicorn.run('main:app', host='127.0.0.1', port=8000)\nPY\n",
        "main.py": "from fastapi import FastAPI\napp = FastAPI()\n",
    })
    listener = contract.listeners[0]
    assert (listener.server, listener.host.value, listener.port.value) == ("uvicorn", "127.0.0.1", 8000)
