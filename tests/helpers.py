"""Small helpers shared by the test packages (ports, REST posts, a throw-away PostgreSQL database)."""

from __future__ import annotations

import contextlib
import functools
import json
import socket
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Iterator

#: The repository.
ROOT = Path(__file__).resolve().parents[1]


def free_port(preferred: int) -> int:
    """`preferred` if nothing listens there, else a port the system picks.

    A fixed port is risky: a server left over from another run would answer the health check and
    the tests would silently talk to it.
    """
    with socket.socket() as probe:
        try:
            probe.bind(("", preferred))
            return preferred
        except OSError:
            pass
    with socket.socket() as probe:
        probe.bind(("", 0))
        return probe.getsockname()[1]


def post_json(url: str, body: dict, timeout: float = 60) -> list:
    """POST `body` as JSON and return the decoded answer (Rasa's REST channel: a list)."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"[]")


@contextlib.contextmanager
def fresh_postgres_database(host: str = "127.0.0.1", port: int = 5432) -> Iterator[str]:
    """Create a database `qp_test_<random>` for one test run and drop it afterwards."""
    import psycopg2

    name = f"qp_test_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(host=host, port=port, user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


@functools.lru_cache(maxsize=None)
def real_domain() -> Any:
    """The project's domain.yml as Rasa loads it, once per test session (do not change it)."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml"))
