"""Start the assistant: action server, Rasa server and the web chat page. Ctrl-C stops all.

`make run` runs this (`python -m scripts.run` from the repository root) after installing and
training; `--shell` is `make shell`. The processes themselves are `bot.runtime.stack.Stack`.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading

from bot.runtime.stack import MODEL, RASA, ROOT, Stack, is_loopback


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="staff: rasa shell with actions")
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("QP_RASA_PORT", 5005)))
    parser.add_argument("--actions-port", type=int, default=int(os.environ.get("QP_ACTIONS_PORT", 5055)))
    parser.add_argument("--web-port", type=int, default=int(os.environ.get("QP_WEB_PORT", 8080)))
    args = parser.parse_args()

    stack = Stack(args.rasa_port, args.actions_port, args.web_port)
    if args.shell:
        try:
            stack.start_action_server()
            return subprocess.call(
                [
                    *RASA,
                    "shell",
                    "--model",
                    str(MODEL),
                    "--endpoints",
                    str(stack.endpoints_file()),
                ],
                cwd=ROOT,
            )
        finally:
            stack.stop()

    print("Starting the action server and the Rasa server (this takes about half a minute)...")
    try:
        stack.start()
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"\n  Web chat: {stack.page_url}")
    rest_host = "localhost" if is_loopback(stack.bind) else stack.bind
    print(
        f"  REST:     http://{rest_host}:{args.rasa_port}/webhooks/rest/webhook"
        + ("" if is_loopback(stack.bind) else "  (Authorization: Bearer $QP_REST_TOKEN)")
    )
    for name in stack.messenger_channels():
        print(f"  Messenger channel on: {name}")
    print(f"  Logs:     {stack.logs.relative_to(ROOT)}/\n  Press Ctrl-C to stop.\n", flush=True)
    stopping = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        while not stopping.is_set():
            for name, process in stack.processes.items():
                if process.poll() is not None:
                    print(f"The {name} process stopped:\n{stack.log_tail(name)}", file=sys.stderr)
                    stopping.set()
            stopping.wait(1)
    except KeyboardInterrupt:
        pass
    print("Stopping...")
    stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
