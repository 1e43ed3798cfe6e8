"""Building the `Contract` of a Space per SDK: the routed port, the start command, the
environment it starts with, the user, and then the listeners found by following it."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spacemedic.space.contract import Contract, Listener, Resolution
from spacemedic.space.follow import Follower
from spacemedic.space.pycode import Env
from spacemedic.space.servers import base_image_command, is_plain_base
from spacemedic.space.shell import Segment, quote, read_script

if TYPE_CHECKING:
    from spacemedic.space.context import SpaceContext
    from spacemedic.space.dockerfile import Dockerfile

DOCKER_DEFAULT_PORT = 7860
UID_NOTE = "Spaces run the container as uid 1000 (hub docs, spaces-sdks-docker)"


def resolve(ctx: SpaceContext) -> Contract:
    sdk = ctx.sdk
    line = ctx.front_matter.line_of("sdk")
    sdk_res = (Resolution(sdk, f"README sdk, line {line}") if sdk
               else Resolution.unknown("README", "README sets no sdk"))
    if sdk == "docker":
        return _docker(ctx, sdk_res)
    if sdk in ("gradio", "streamlit"):
        return _python_sdk(ctx, sdk_res, sdk)
    none = Resolution(None, "static Space: served as files, no process" if sdk == "static" else "no sdk")
    return Contract(sdk=sdk_res, routed_port=none, command=none, user=none)


def _routed_port(ctx: SpaceContext) -> tuple[Resolution, bool, int | None]:
    fm = ctx.front_matter
    raw = fm.get("app_port")
    line = fm.line_of("app_port")
    if raw is None:
        return Resolution(DOCKER_DEFAULT_PORT, "README app_port default"), False, None
    if isinstance(raw, int) and not isinstance(raw, bool):
        return Resolution(raw, f"README app_port, line {line}"), True, line
    if isinstance(raw, str) and raw.strip().isdigit():
        return Resolution(int(raw), f"README app_port, line {line}"), True, line
    return Resolution.unknown(f"README app_port, line {line}", f"app_port is not a port number: {raw!r}"), True, line


def docker_env(df: Dockerfile) -> Env:
    """Variables set by ENV in the final image, each with the line that set it."""
    values: dict[str, str] = {}
    sources: dict[str, str] = {}
    for stage in reversed(df.chain()):
        prev: dict[str, str] = {}
        for instr in stage.instructions:
            if instr.keyword == "ENV":
                for k, v in instr.env.items():
                    if prev.get(k) != v or k not in prev:
                        values[k], sources[k] = v, f"ENV {k} (Dockerfile line {instr.start_line})"
            prev = dict(instr.env)
    base = df.base_image or ""
    return Env(values, sources, None if is_plain_base(base) else base)


def _docker(ctx: SpaceContext, sdk: Resolution) -> Contract:
    routed, explicit, port_line = _routed_port(ctx)
    df = ctx.dockerfile
    follower = Follower(ctx.repo)
    unresolved: list[str] = []
    if df is None or df.error:
        if df is not None and df.error is not None:
            verb = "was not checked" if df.error.startswith("too large") else "does not parse"
            why = f"the Dockerfile {verb} ({df.error})"
        elif ctx.repo.has("Dockerfile"):
            why = f"the Dockerfile could not be read ({ctx.repo.read_errors.get('Dockerfile', 'unreadable')})"
        else:
            why = "no Dockerfile at the repository root"
        unknown = Resolution.unknown("Dockerfile", why)
        return Contract(sdk=sdk, routed_port=routed, command=unknown, user=unknown, unresolved=(why,),
                        routed_port_explicit=explicit, routed_port_line=port_line)
    user_instr = df.effective("USER")
    user = (Resolution(user_instr.value.strip(), f"USER, Dockerfile line {user_instr.start_line}; {UID_NOTE}")
            if user_instr else Resolution("root", f"no USER in the Dockerfile; {UID_NOTE}"))
    ep, cmd = df.effective("ENTRYPOINT"), df.effective("CMD")
    env = docker_env(df)
    workdir = df.effective("WORKDIR")
    cwd = workdir.value.strip() if workdir else None
    known_base = base_image_command(df.base_image) if ep is None and cmd is None else None
    if known_base is not None:
        argv, source = known_base
        command = Resolution(quote(argv), f"no CMD in the Dockerfile; {source}")
        follower.segments([Segment(argv)], env, (), f"base image {df.base_image} CMD", False, (), 0, cwd)
    elif ep is None and cmd is None:
        why = f"no CMD or ENTRYPOINT: the command comes from the prebuilt base image `{df.base_image}`, which cannot be seen"
        command = Resolution.unknown("Dockerfile", why)
        unresolved.append(why)
    else:
        text, segs, where, _ = _docker_command(ep, cmd, env)
        command = Resolution(text, where)
        prefix = "Dockerfile ENTRYPOINT" if ep else "Dockerfile CMD"
        follower.segments(segs, env, (), prefix, False, (), 0, cwd)
    first = ep or cmd
    return _finish(sdk, routed, command, user, follower, unresolved, explicit, port_line,
                   "Dockerfile", first.start_line if first else None)


def _docker_command(ep: object, cmd: object, env: Env) -> tuple[str, list[Segment], str, int]:
    from spacemedic.space.dockerfile import Instruction

    assert ep is None or isinstance(ep, Instruction)
    assert cmd is None or isinstance(cmd, Instruction)
    main = ep or cmd
    assert main is not None
    line = main.start_line
    where = (f"Dockerfile ENTRYPOINT line {ep.start_line}" + (f" + CMD line {cmd.start_line}" if cmd else "")
             if ep else f"Dockerfile CMD line {line}")
    argv = main.exec_form()
    if argv is not None:
        if ep is not None and cmd is not None:
            argv = argv + (cmd.exec_form() or ["/bin/sh", "-c", cmd.value])
        return quote(argv), [Segment(tuple(argv), line=line)], where, line
    segs = [dataclasses.replace(s, line=line) for s in read_script(main.value, env.values).segments]
    return main.value, segs, where, line


def _python_sdk(ctx: SpaceContext, sdk: Resolution, name: str) -> Contract:
    fm = ctx.front_matter
    app_file = fm.get("app_file")
    app_file = app_file if isinstance(app_file, str) and app_file.strip() else "app.py"
    af_line = fm.line_of("app_file")
    af_src = f"README app_file, line {af_line}" if af_line else "README app_file default (app.py)"
    follower = Follower(ctx.repo)
    user = Resolution("uid 1000", f"{name} SDK: the Hub builds and runs the image; {UID_NOTE}")
    if name == "gradio":
        routed = Resolution(7860, "gradio SDK: the Hub routes to 7860 and runs the app itself")
        env = Env({"GRADIO_SERVER_NAME": "0.0.0.0", "GRADIO_SERVER_PORT": "7860"},
                  {"GRADIO_SERVER_NAME": "GRADIO_SERVER_NAME=0.0.0.0 set by the Hub in gradio SDK Spaces",
                   "GRADIO_SERVER_PORT": "GRADIO_SERVER_PORT=7860 set by the Hub in gradio SDK Spaces"})
        command = Resolution(f"python {app_file}", f"gradio SDK runs {af_src}")
        follower.argv(("python", app_file), env, (), f"gradio SDK runs {app_file}", False, (), 0)
    else:
        routed = Resolution(8501, "streamlit SDK: the Hub runs `streamlit run` and routes to its port")
        command = Resolution(f"streamlit run {app_file}", f"streamlit SDK runs {af_src}")
        if ctx.repo.has(app_file):
            follower.trail.entry_files.append(app_file)
        managed = "streamlit SDK: the Hub supplies the address and port"
        follower.trail.listeners.append(Listener("streamlit", Resolution("0.0.0.0", managed), Resolution(8501, managed),
                                                 False, (f"streamlit SDK runs {app_file}",), None, None))
    return _finish(sdk, routed, command, user, follower, [], False, None, None, None)


def _finish(sdk: Resolution, routed: Resolution, command: Resolution, user: Resolution, follower: Follower,
            unresolved: list[str], explicit: bool, port_line: int | None, cmd_path: str | None,
            cmd_line: int | None) -> Contract:
    trail = follower.trail
    notes = unresolved + trail.unresolved
    foreground_unknown = not any(not l.background for l in trail.listeners) and bool(trail.dead_ends)
    if foreground_unknown or not trail.listeners:
        # The process that stays in the foreground is not one we could read: whatever it is
        # may be the real server, so nothing found in the background is conclusive.
        notes += trail.dead_ends
    return Contract(
        sdk=sdk, routed_port=routed, command=command, user=user,
        listeners=tuple(trail.listeners), entry_files=tuple(trail.entry_files),
        unresolved=tuple(dict.fromkeys(notes)), skipped_listens=tuple(trail.skipped),
        routed_port_explicit=explicit, routed_port_line=port_line, command_path=cmd_path, command_line=cmd_line,
        foreground_unknown=foreground_unknown,
    )
