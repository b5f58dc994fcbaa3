"""The chat page's server: only the widget's files, with safe headers.

Python's SimpleHTTPRequestHandler served everything under web/ (`/.gitignore`,
`/package.json`, directory listings). This one serves a fixed list, built at start from the
file types a page needs (`SERVED_TYPES`), outside hidden folders and node_modules; every
other path is a 404, and no directory is ever listed. Every answer carries a
Content-Security-Policy (scripts, styles and images from this server only; connections to
this server and to the Rasa server), `X-Content-Type-Options: nosniff`, frame options
(the page may not be framed: the widget is embedded by a script tag, not a frame) and
`Referrer-Policy: no-referrer`.
"""

from __future__ import annotations

import http.server
import json
import re
from pathlib import Path
from typing import Dict, Optional, Tuple

from bot.store_url import DEFAULT_RETENTION_DAYS

SERVED_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
}
#: Never served even with a served type (build tooling, notes).
EXCLUDED_PARTS = ("node_modules",)
#: A Host header we put into the CSP: a host name or address and an optional port.
_HOST = re.compile(r"^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$")


def served_files(folder: Path) -> Dict[str, Tuple[Path, str]]:
    """URL path -> (file, content type) for every file of `folder` that may be served."""
    files: Dict[str, Tuple[Path, str]] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if not path.is_file() or path.suffix not in SERVED_TYPES:
            continue
        if any(part.startswith(".") or part in EXCLUDED_PARTS for part in relative.parts):
            continue
        files["/" + relative.as_posix()] = (path, SERVED_TYPES[path.suffix])
    if "/index.html" in files:
        files["/"] = files["/index.html"]
    return files


def security_headers(host: Optional[str], rasa_port: int) -> Dict[str, str]:
    connect = ["'self'"]
    match = _HOST.match((host or "").strip())
    if match:
        name = match.group(1)
        connect += [f"{scheme}://{name}:{rasa_port}" for scheme in ("http", "https", "ws", "wss")]
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src " + " ".join(connect),
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
    }


class WebHandler(http.server.BaseHTTPRequestHandler):
    """GET/HEAD of the served files and of /config.json (where the Rasa server is)."""

    files: Dict[str, Tuple[Path, str]] = {}
    config: dict = {}
    server_version = "QuattroPole"
    sys_version = ""

    def _send(self, status: int, body: bytes, content_type: str, cache: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        headers = security_headers(self.headers.get("Host"), int(self.config.get("rasaPort", 0)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == "/config.json":
            self._send(200, json.dumps(self.config).encode(), "application/json", "no-store")
            return
        entry = self.files.get(path)
        if entry is None:
            self._send(404, b"Not found\n", "text/plain; charset=utf-8", "no-store")
            return
        file, content_type = entry
        try:
            body = file.read_bytes()
        except OSError:
            self._send(404, b"Not found\n", "text/plain; charset=utf-8", "no-store")
            return
        self._send(200, body, content_type, "no-cache")

    do_HEAD = do_GET  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


def make_server(
    folder: Path, host: str, port: int, rasa_port: int, retention_days: float = DEFAULT_RETENTION_DAYS
) -> http.server.ThreadingHTTPServer:
    """The page server; /config.json tells the widget the Rasa port and the retention days
    its privacy note states."""
    handler = type(
        "Handler",
        (WebHandler,),
        {
            "files": served_files(folder),
            "config": {"rasaPort": rasa_port, "retentionDays": retention_days},
        },
    )
    return http.server.ThreadingHTTPServer((host, port), handler)
