"""Property tests: the shell, Python and JS readers and contract resolution never raise."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spacemedic.space.context import SpaceContext
from spacemedic.space.jscode import js_listens
from spacemedic.space.launch import identify
from spacemedic.space.pycode import EMPTY_ENV, Env
from spacemedic.space.pylisten import read_python
from spacemedic.space.repo import SpaceRepo
from spacemedic.space.resolve import resolve
from spacemedic.space.shell import expand, read_script, split_line
from spacemedic.space.streamlit_config import parse_streamlit_config
from tests.conftest import write_tree

ENVS = st.dictionaries(st.sampled_from(["PORT", "HOST", "X", "GRADIO_SERVER_NAME", "GUNICORN_CMD_ARGS"]),
                       st.text(max_size=12), max_size=4)

SHELL_BITS = st.sampled_from([
    "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "${PORT:-7860}", "$PORT", "&", "&&", ";", "|", "||",
    "'", '"', "\\", "$(", ")", "exec", "$@", "bash", "-c", "sh", "start.sh", "gunicorn", "-b", ":7860",
    "python", "-m", "app.py", "streamlit", "run", "npm", "start", "nginx", "2>&1", ">", "/dev/null", "\n",
    "export", "PORT=1", "cd", "/app", "<<EOF", "EOF", "#", "${", "}", "${X:=1}", "${#X}", "env", "A=B",
])
PY_BITS = st.sampled_from([
    "import os", "import uvicorn", "import gradio as gr", "from flask import Flask", "app = Flask(__name__)",
    "uvicorn.run(app, host=HOST, port=PORT)", "PORT = int(os.environ.get('PORT', 7860))", "HOST = os.getenv('HOST')",
    "demo.launch(server_name=os.environ['X'])", "if __name__ == '__main__':", "    app.run(port=PORT)",
    "def main():", "    uvicorn.run('a:b')", "main()", "class S(BaseSettings):", "    port: int = 8000",
    "s = S()", "uvicorn.run(app, port=s.port)", "PORT = PORT", "x = os.environ.get(*a)", "HTTPServer(('', PORT), H)",
    "subprocess.Popen(['uvicorn', 'm:a', '--port', PORT])", "os.system(f'run {x}')", "import subprocess",
    "app.run(host=1, port=[])", "os.environ.get(PORT or HOST, int(PORT))", "(", "lambda: 0",
    "p.add_argument('--port', default=PORT)", "p.add_argument(dest=1)", "p.add_argument()",
    "demo.launch(server_name=args.host, server_port=args.port)", "app.listen(args.port)",
])
DOCKER_BITS = st.sampled_from([
    "FROM python:3.11", "FROM base AS x", "FROM x", "ENV PORT=7860", "ENV PORT ${PORT:-1}", "ARG PORT=8000",
    "USER user", "WORKDIR /app", "EXPOSE 7860 8000/tcp", "CMD [\"uvicorn\", \"main:app\"]", "CMD uvicorn main:app",
    "CMD [\"bash\", \"start.sh\"]", "ENTRYPOINT [\"/app/start.sh\"]", "ENTRYPOINT python app.py", "CMD [bad json",
    "CMD [\"sh\", \"-c\", \"exec $@\"]", "RUN echo hi \\", "COPY . .", "CMD npm start", "CMD supervisord",
    "CMD nginx -g 'daemon off;'", "CMD streamlit run app.py", "ENV GRADIO_SERVER_NAME=0.0.0.0",
])


@given(st.text(max_size=300), ENVS)
def test_shell_reader_never_raises_on_text(text: str, env: dict[str, str]) -> None:
    assert isinstance(split_line(text, env), list)
    assert isinstance(read_script(text, env).segments, tuple)
    assert isinstance(expand(text, env).text, str)


@given(st.lists(SHELL_BITS, max_size=30), ENVS)
def test_shell_reader_never_raises_on_shell_like_text(words: list[str], env: dict[str, str]) -> None:
    text = " ".join(words)
    for seg in read_script(text, env).segments:
        assert all(isinstance(w, str) for w in seg.argv)
        identify(seg.argv, Env(env, {}), "t")


@given(st.lists(st.text(max_size=20), max_size=12), ENVS)
def test_launch_identify_never_raises(argv: list[str], env: dict[str, str]) -> None:
    launch = identify(tuple(argv), Env(env, {}), "CMD line 1")
    assert launch.kind


@given(st.text(max_size=400))
def test_python_reader_never_raises_on_text(text: str) -> None:
    assert read_python("app.py", text).path == "app.py"


@given(st.lists(PY_BITS, max_size=25), ENVS)
def test_python_reader_never_raises_on_python_like_text(lines: list[str], env: dict[str, str]) -> None:
    py = read_python("app.py", "\n".join(lines), Env(env, {}))
    for listen in py.listens:
        assert listen.line >= 1


@given(st.text(max_size=400))
def test_js_and_streamlit_readers_never_raise(text: str) -> None:
    assert isinstance(js_listens("server.js", text, EMPTY_ENV), list)
    assert parse_streamlit_config(text).path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["docker", "gradio", "streamlit", "static", "other"]),
    st.lists(DOCKER_BITS, max_size=12),
    st.lists(SHELL_BITS, max_size=20),
    st.lists(PY_BITS, max_size=12),
    st.one_of(st.none(), st.integers(-5, 70000), st.text(max_size=6)),
)
def test_contract_resolution_never_raises(
    sdk: str, docker: list[str], script: list[str], code: list[str], app_port: object
) -> None:
    readme = f"---\nsdk: {sdk}\n" + (f"app_port: {app_port!r}\n" if app_port is not None else "") + "---\n"
    with tempfile.TemporaryDirectory() as d:
        root = write_tree(Path(d), {
            "README.md": readme,
            "Dockerfile": "\n".join(docker) + "\n",
            "start.sh": " ".join(script) + "\n",
            "app.py": "\n".join(code) + "\n",
            "main.py": "\n".join(reversed(code)) + "\n",
            "package.json": '{"scripts": {"start": "node server.js"}}',
            "server.js": "app.listen(process.env.PORT || 3000)",
        })
        contract = resolve(SpaceContext(SpaceRepo.open(root)))
        assert contract.to_dict()["schema"] == "spacemedic.contract/1"
        for listener in contract.listeners:
            assert listener.via


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.text(max_size=200), st.text(max_size=200))
def test_contract_resolution_never_raises_on_arbitrary_files(dockerfile: str, script: str, code: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        root = write_tree(Path(d), {
            "README.md": "---\nsdk: docker\n---\n",
            "Dockerfile": dockerfile + "\nCMD [\"bash\", \"start.sh\"]\n",
            "start.sh": script,
            "app.py": code,
            ".streamlit/config.toml": script,
            "supervisord.conf": "[program:x]\ncommand=" + script[:50].replace("\n", " ") + "\n",
        })
        contract = resolve(SpaceContext(SpaceRepo.open(root)))
        assert contract.command.status in ("known", "unknown")
