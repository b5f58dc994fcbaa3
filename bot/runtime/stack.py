"""The assistant's processes: action server, Rasa server and the web chat page (`Stack`).

`make run` (scripts/run.py) starts them through `Stack`; the integration tests and the
benchmarks start them through the same code, on their own ports and database.

Safe defaults (docs/deployment.md): every service listens on 127.0.0.1; QP_HOST (e.g. 0.0.0.0
behind a reverse proxy) opens Rasa and the web page, and then the REST channel needs
QP_REST_TOKEN. The action server always stays on loopback and answers only Rasa, which sends
the token QP_ACTION_TOKEN (generated here when it is not set). Web chat sessions are signed
with QP_SESSION_SECRET (kept in .run/session.key when it is not set). The SQLite conversation
file is private (0600), and retention (scripts/retention.py) runs at start and then every
QP_RETENTION_INTERVAL hours.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import secrets
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

from bot.runtime.web_server import make_server
from bot.store_url import DEFAULT_RETENTION_DAYS

ROOT = Path(__file__).resolve().parents[2]
RUN_DIR = ROOT / ".run"
MODEL = ROOT / "models" / "quattropole.tar.gz"
#: The project's files for `rasa train` and `rasa data validate` (paths relative to ROOT).
PROJECT_FILES = [
    "--config",
    "config.yml",
    "--domain",
    "domain.yml",
    "--data",
    "data/nlu",
    "data/rules",
    "data/stories",
]
CREDENTIALS = ROOT / "credentials.yml"
#: Messenger channels, merged into the credentials only when their ${VARS} are set.
MESSENGERS = ROOT / "credentials.messengers.yml"
BIN = Path(sys.executable).parent
# The `rasa` command with our Rasa patches applied first (bot/nlu/rasa_patches.py).
RASA = [str(BIN / "python"), "-m", "bot.nlu.rasa_patches"]
#: Rasa's ${VAR} syntax in endpoints files.
_ENV_VAR = re.compile(r"\$\{(\w+)\}")
#: Services checked before Rasa starts: (section, host key, default port), see check_services.
_SERVICES = (("tracker_store", "url", 5432), ("lock_store", "url", 6379), ("event_broker", "url", 5672))
LOOPBACK = "127.0.0.1"
SESSION_KEY = RUN_DIR / "session.key"
#: A process log larger than this at start is moved to <name>.1 (the previous .1 is dropped).
MAX_LOG_BYTES = 20 * 1024 * 1024
#: Hours between two retention runs (scripts/retention.py) while `make run` is up.
DEFAULT_RETENTION_INTERVAL_HOURS = 24


def is_loopback(host: str) -> bool:
    return host in ("", "localhost") or host.startswith("127.") or host == "::1"


def action_token() -> str:
    """QP_ACTION_TOKEN, generated once per process when unset (every Stack shares it)."""
    token = os.environ.get("QP_ACTION_TOKEN")
    if not token:
        token = os.environ["QP_ACTION_TOKEN"] = secrets.token_urlsafe(32)
    return token


def session_secret() -> str:
    """QP_SESSION_SECRET, else the one kept in .run/session.key (created 0600)."""
    secret = os.environ.get("QP_SESSION_SECRET")
    if secret:
        return secret
    if not SESSION_KEY.exists():
        RUN_DIR.mkdir(exist_ok=True)
        descriptor = os.open(SESSION_KEY, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(secrets.token_urlsafe(32))
    return SESSION_KEY.read_text().strip()


def private_file(path: Path) -> None:
    """Create `path` if missing; either way readable and writable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    os.chmod(path, 0o600)


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
        #: Where Rasa and the web page listen: loopback unless QP_HOST opens them.
        self.bind = (self.env.get("QP_HOST") or "").strip() or LOOPBACK
        self.env.setdefault("QP_ACTION_TOKEN", action_token())
        self.env.setdefault("QP_SESSION_SECRET", session_secret())
        self.env["QP_WEB_ORIGINS"] = ",".join(self.web_origins())
        self.processes: dict = {}
        self.web: http.server.ThreadingHTTPServer | None = None
        self.logs = RUN_DIR / "logs"
        self.retention_stop = threading.Event()

    # -- configuration -------------------------------------------------------------------
    def endpoints_file(self) -> Path:
        """endpoints.yml with this stack's action server (port, token) and database path."""
        config = yaml.safe_load(self.endpoints.read_text()) or {}
        action_endpoint = config.setdefault("action_endpoint", {})
        action_endpoint["url"] = f"http://{LOOPBACK}:{self.actions_port}/webhook"
        # The token itself, not ${QP_ACTION_TOKEN}: a process that imported Rasa would expand
        # or quote that when this file is written. The file is private (0600).
        action_endpoint.setdefault("headers", {})["Authorization"] = f"Bearer {self.env['QP_ACTION_TOKEN']}"
        store = config.get("tracker_store") or {}
        if store.get("dialect") == "sqlite":
            db = self.db or (ROOT / store.get("db", ".run/conversations.db"))
            private_file(db)  # SQLite keeps the mode of an existing file
            store["db"] = str(db)
        out = RUN_DIR / f"endpoints.{self.rasa_port}.yml"
        private_file(out)
        out.write_text(yaml.safe_dump(config, sort_keys=False))
        return out

    def check_services(self) -> None:
        """Refuse to start when a service of the endpoints file is unset or unreachable.

        Rasa 3.6 does not: with PostgreSQL down it logs "Could not create tables" and serves
        with a tracker store that fails every turn (with `login_db` set it retries forever);
        a Redis lock store fails only at the first message.
        """
        if not is_loopback(self.bind) and not self.env.get("QP_REST_TOKEN"):
            raise RuntimeError(
                f"QP_HOST={self.bind} opens the REST channel to the network: set QP_REST_TOKEN "
                "to the bearer token its clients send (see docs/deployment.md)."
            )
        config = yaml.safe_load(self.endpoints.read_text()) or {}
        used = _ENV_VAR.findall(json.dumps(config))
        missing = sorted({name for name in used if name not in self.env})
        if missing:
            raise RuntimeError(
                f"{self.endpoints.name} needs the environment variables {', '.join(missing)} "
                "(see docs/deployment.md)."
            )
        for section, host_key, default_port in _SERVICES:
            settings = {
                key: _ENV_VAR.sub(lambda m: self.env[m.group(1)], str(value))
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
        blocks: dict = {}
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
        extra = [o.strip() for o in self.env.get("QP_CORS_ORIGINS", "").split(",") if o.strip()]
        return [f"http://localhost:{self.web_port}", f"http://127.0.0.1:{self.web_port}", *extra]

    # -- processes -----------------------------------------------------------------------
    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        self.logs.mkdir(parents=True, exist_ok=True)
        path = self.logs / f"{name}.{self.rasa_port}.log"
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            path.replace(path.with_name(path.name + ".1"))  # keep one old log, not all of them
        log = open(path, "ab")
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
        if not wait_http(f"http://{LOOPBACK}:{self.actions_port}/health", process, timeout):
            raise RuntimeError("The action server did not start:\n" + self.log_tail("actions"))

    def check_model(self) -> None:
        """A clear error for a missing or unreadable model, before Rasa tries to load it."""
        import tarfile

        if not self.model.is_file():
            raise RuntimeError(f"No trained model at {self.model}: run `make train`.")
        try:
            with tarfile.open(self.model, "r:gz") as archive:
                if not any(name.endswith("metadata.json") for name in archive.getnames()):
                    raise tarfile.TarError("no metadata.json")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise RuntimeError(
                f"The model {self.model} is damaged ({error}): delete it and run `make train`."
            ) from None

    def start_rasa(self, timeout: float = 180) -> None:
        self.check_services()
        self.check_model()
        args = [
            *RASA,
            "run",
            "--model",
            str(self.model),
            "--interface",
            self.bind,
            "--port",
            str(self.rasa_port),
            "--credentials",
            str(self.credentials_file()),
            "--endpoints",
            str(self.endpoints_file()),
            "--cors",
            *self.web_origins(),
            *self.extra_rasa_args,
        ]
        process = self._spawn("rasa", args)
        if not wait_http(f"http://{LOOPBACK}:{self.rasa_port}/", process, timeout):
            raise RuntimeError("The Rasa server did not start:\n" + self.log_tail("rasa"))

    def start_web(self) -> None:
        self.web = make_server(
            ROOT / "web",
            self.bind,
            self.web_port,
            self.rasa_port,
            float(self.env.get("QP_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS),
        )
        threading.Thread(target=self.web.serve_forever, daemon=True).start()

    # -- retention -----------------------------------------------------------------------
    def run_retention(self) -> subprocess.CompletedProcess:
        """scripts/retention.py on this stack's tracker store (a SQL store; else a no-op)."""
        return subprocess.run(
            [
                str(BIN / "python"),
                "-m",
                "scripts.retention",
                "--endpoints",
                str(self.endpoints_file()),
            ],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def start_retention(self) -> None:
        """Purge old events now, then every QP_RETENTION_INTERVAL hours, in the background."""
        hours = float(self.env.get("QP_RETENTION_INTERVAL") or DEFAULT_RETENTION_INTERVAL_HOURS)

        def loop() -> None:
            while True:
                try:
                    result = self.run_retention()
                    with open(self.logs / f"retention.{self.rasa_port}.log", "a") as log:
                        log.write(
                            f"{time.strftime('%Y-%m-%d %H:%M:%S')} {result.stdout}{result.stderr[-2000:]}"
                        )
                except Exception as error:  # never stop the assistant for it
                    print(f"Retention failed: {error}", file=sys.stderr)
                if self.retention_stop.wait(hours * 3600):
                    return

        self.retention_stop.clear()
        threading.Thread(target=loop, daemon=True, name="retention").start()

    def start(self) -> Stack:
        RUN_DIR.mkdir(exist_ok=True)
        try:
            if self.start_actions:
                self.start_action_server()
            self.start_rasa()
            self.start_web()
            self.logs.mkdir(parents=True, exist_ok=True)
            self.start_retention()
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
        self.retention_stop.set()
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
