"""`python -m spacemedic.testing SCENARIO [--port N] [--latency S]`: serve a fake Hub until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
import threading

from spacemedic.testing import FakeHub, bundled_scenarios, load_scenario


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spacemedic.testing", description=__doc__)
    parser.add_argument("scenario", help=f"a scenario file or one of: {', '.join(bundled_scenarios())}")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    args = parser.parse_args(argv)
    hub = FakeHub(load_scenario(args.scenario), latency=args.latency, port=args.port).start()
    print(hub.url, flush=True)
    # The logs need a token (any one: the fake Hub checks that one is sent, as the Hub does).
    print(f"space: {hub.space}   try: HF_ENDPOINT={hub.url} HF_TOKEN=hf_fake spacemedic diagnose {hub.space} "
          f"--status-url {hub.status_url}", file=sys.stderr, flush=True)
    if hub.scenario.data.get("actions"):
        print(f"fix:   try: HF_ENDPOINT={hub.url} HF_TOKEN=hf_demo spacemedic fix {hub.space} "
              f"--status-url {hub.status_url} --wait 30s --interval 2s", file=sys.stderr, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        hub.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
