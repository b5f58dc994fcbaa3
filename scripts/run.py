"""Start the assistant: action server, Rasa server and the web chat page. Ctrl-C stops all.

`make run` calls this after installing and training. The integration tests start the servers
through the same code (`Stack`), on their own ports and database.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import List

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUN_DIR = ROOT / ".run"
MODEL = ROOT / "models" / "quattropole.tar.gz"
CREDENTIALS = ROOT / "credentials.yml"
#: Messenger channels, merged into the credentials only when their ${VARS} are set.
MESSENGERS = ROOT / "credentials.messengers.yml"
BIN = Path(sys.executable).parent
#: Rasa's ${VAR} syntax in endpoints files.
_ENV_VAR = re.compile(r"\$\{(\w+)\}")
#: Services checked before Rasa starts: (section, host key, default port), see check_services.
_SERVICES = (("tracker_store", "url", 5432), ("lock_store", "url", 6379),
             ("event_broker", "url", 5672))


def default_endpoints() -> Path:
    """endpoints.yml, or the file named by QP_ENDPOINTS (e.g. endpoints.prod.yml)."""
    path = Path(os.environ.get("QP_ENDPOINTS") or "endpoints.yml")
    return path if path.is_absolute() else ROOT / path


def wait_http(url: str, process: subprocess.Popen, timeout: float, interval: float = 0.5) -> bool:
    """True once `url` answers below 500; False if `process` exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return True
        except Exception:
            time.sleep(interval)
    return False


class _WebHandler(http.server.SimpleHTTPRequestHandler):
    """Serves web/ and a /config.json that tells the page where Rasa is."""

    config: dict = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.split("?")[0] == "/config.json":
            body = json.dumps(self.config).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


class Stack:
    """The three processes of the assistant, started in order and stopped together."""

    def __init__(
        self,
        rasa_port: int = 5005,
        actions_port: int = 5055,
        web_port: int = 8080,
        db: Path | None = None,
        endpoints: Path | None = None,
        model: Path = MODEL,
        host: str = "localhost",
        extra_rasa_args: List[str] | None = None,
        start_actions: bool = True,
        credentials: Path = CREDENTIALS,
        messengers: Path | None = MESSENGERS,
        env: dict | None = None,
    ) -> None:
        self.rasa_port, self.actions_port, self.web_port = rasa_port, actions_port, web_port
        self.db = db
        self.endpoints = endpoints or default_endpoints()
        self.model = model
        self.host = host
        self.extra_rasa_args = extra_rasa_args or []
        self.start_actions = start_actions
        self.credentials, self.messengers = credentials, messengers
        self.env = {**os.environ, **(env or {})}  # environment of the started processes
        self.processes: dict = {}
        self.web: http.server.ThreadingHTTPServer | None = None
        self.logs = RUN_DIR / "logs"

    # -- configuration -------------------------------------------------------------------
    def endpoints_file(self) -> Path:
        """endpoints.yml with this stack's action-server port and database path."""
        config = yaml.safe_load(self.endpoints.read_text()) or {}
        config.setdefault("action_endpoint", {})["url"] = (
            f"http://localhost:{self.actions_port}/webhook"
        )
        store = config.get("tracker_store") or {}
        if store.get("dialect") == "sqlite":
            db = self.db or (ROOT / store.get("db", ".run/conversations.db"))
            db.parent.mkdir(parents=True, exist_ok=True)
            store["db"] = str(db)
        out = RUN_DIR / f"endpoints.{self.rasa_port}.yml"
        out.write_text(yaml.safe_dump(config, sort_keys=False))
        return out

    def check_services(self) -> None:
        """Refuse to start when a service of the endpoints file is unset or unreachable.

        Rasa 3.6 does not: with PostgreSQL down it logs "Could not create tables" and serves
        with a tracker store that fails every turn (with `login_db` set it retries forever);
        a Redis lock store fails only at the first message.
        """
        config = yaml.safe_load(self.endpoints.read_text()) or {}
        used = _ENV_VAR.findall(json.dumps(config))
        missing = sorted({name for name in used if name not in os.environ})
        if missing:
            raise RuntimeError(
                f"{self.endpoints.name} needs the environment variables {', '.join(missing)} "
                "(see docs/deployment.md)."
            )
        for section, host_key, default_port in _SERVICES:
            settings = {
                key: _ENV_VAR.sub(lambda m: os.environ[m.group(1)], str(value))
                for key, value in (config.get(section) or {}).items()
            }
            if not settings.get("type") or settings.get("dialect", "") == "sqlite":
                continue
            host = str(settings.get(host_key) or "localhost")
            port = int(settings.get("port") or default_port)
            try:
                socket.create_connection((host, port), timeout=5).close()
            except OSError as error:
                raise RuntimeError(
                    f"Cannot reach the {section} ({settings['type']}) at {host}:{port}: "
                    f"{error}. Check `{section}.{host_key}` and `{section}.port` in "
                    f"{self.endpoints.name} (environment variables: docs/deployment.md)."
                ) from None

    def credentials_file(self) -> Path:
        """credentials.yml plus each messenger channel whose ${VARIABLES} are all set.

        Rasa refuses to load a credentials file with an unset ${VAR}, so the messengers live
        in their own file. The merged file keeps the ${VAR}s: no secret is written to disk.
        """
        blocks = {}
        if self.messengers is not None and self.messengers.exists():
            blocks = yaml.safe_load(self.messengers.read_text()) or {}
        active = {
            name: block
            for name, block in blocks.items()
            if all(self.env.get(var) for var in _ENV_VAR.findall(json.dumps(block)))
        }
        if not active:
            return self.credentials
        config = yaml.safe_load(self.credentials.read_text()) or {}
        config.update(active)
        out = RUN_DIR / f"credentials.{self.rasa_port}.yml"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump(config, sort_keys=False))
        return out

    def messenger_channels(self) -> List[str]:
        """The messenger channels that credentials_file() switches on."""
        config = yaml.safe_load(self.credentials_file().read_text()) or {}
        always_on = yaml.safe_load(self.credentials.read_text()) or {}
        return [name for name in config if name not in always_on]

    def web_origins(self) -> List[str]:
        extra = [o for o in os.environ.get("QP_CORS_ORIGINS", "").split(",") if o]
        return [f"http://localhost:{self.web_port}", f"http://127.0.0.1:{self.web_port}", *extra]

    # -- processes -----------------------------------------------------------------------
    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = open(self.logs / f"{name}.{self.rasa_port}.log", "ab")
        env = {**self.env, "PYTHONUNBUFFERED": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
        process = subprocess.Popen(
            args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        self.processes[name] = process
        return process

    def log_tail(self, name: str, lines: int = 30) -> str:
        path = self.logs / f"{name}.{self.rasa_port}.log"
        if not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    def start_action_server(self, timeout: float = 90) -> None:
        process = self._spawn(
            "actions", [str(BIN / "python"), "-m", "actions", "--port", str(self.actions_port)]
        )
        if not wait_http(f"http://localhost:{self.actions_port}/health", process, timeout):
            raise RuntimeError("The action server did not start:\n" + self.log_tail("actions"))

    def start_rasa(self, timeout: float = 180) -> None:
        self.check_services()
        args = [
            str(BIN / "rasa"), "run",
            "--model", str(self.model),
            "--port", str(self.rasa_port),
            "--credentials", str(self.credentials_file()),
            "--endpoints", str(self.endpoints_file()),
            "--cors", *self.web_origins(),
            *self.extra_rasa_args,
        ]
        process = self._spawn("rasa", args)
        if not wait_http(f"http://localhost:{self.rasa_port}/", process, timeout):
            raise RuntimeError("The Rasa server did not start:\n" + self.log_tail("rasa"))

    def start_web(self) -> None:
        handler = functools.partial(_WebHandler, directory=str(ROOT / "web"))
        _WebHandler.config = {"rasaPort": self.rasa_port, "retentionDays": float(self.env.get("QP_RETENTION_DAYS") or 90)}
        self.web = http.server.ThreadingHTTPServer(("", self.web_port), handler)
        threading.Thread(target=self.web.serve_forever, daemon=True).start()

    def start(self) -> Stack:
        RUN_DIR.mkdir(exist_ok=True)
        try:
            if self.start_actions:
                self.start_action_server()
            self.start_rasa()
            self.start_web()
        except BaseException:
            self.stop()
            raise
        return self

    def stop_process(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()

    def stop(self) -> None:
        if self.web is not None:
            self.web.shutdown()
            self.web.server_close()
            self.web = None
        for name in list(self.processes):
            self.stop_process(name)

    def __enter__(self) -> Stack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def page_url(self) -> str:
        return f"http://{self.host}:{self.web_port}/"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shell", action="store_true", help="staff: rasa shell with actions")
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("QP_RASA_PORT", 5005)))
    parser.add_argument(
        "--actions-port", type=int, default=int(os.environ.get("QP_ACTIONS_PORT", 5055))
    )
    parser.add_argument("--web-port", type=int, default=int(os.environ.get("QP_WEB_PORT", 8080)))
    args = parser.parse_args()

    stack = Stack(args.rasa_port, args.actions_port, args.web_port)
    if args.shell:
        try:
            stack.start_action_server()
            return subprocess.call(
                [str(BIN / "rasa"), "shell", "--model", str(MODEL),
                 "--endpoints", str(stack.endpoints_file())],
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
    print(f"  REST:     http://localhost:{args.rasa_port}/webhooks/rest/webhook")
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
