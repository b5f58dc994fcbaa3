"""The SQLAlchemy URL of the SQL tracker store an endpoints file names, and how long it keeps
conversations.

Read by the staff tools that work on stored conversations without Rasa's server: retention
(scripts/retention.py) and the insights report (bot.insights); the retention period also by the
web chat and the assistant's answer about stored data.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: days a conversation is kept without activity when QP_RETENTION_DAYS is not set
DEFAULT_RETENTION_DAYS = 90


def retention_days() -> float:
    """QP_RETENTION_DAYS, else DEFAULT_RETENTION_DAYS."""
    return float(os.environ.get("QP_RETENTION_DAYS") or DEFAULT_RETENTION_DAYS)


# Rasa's SQL store and ours (the same table; bot/tracker_store.py)
SQL_STORE_TYPES = ("sql", "bot.tracker_store.windowedsqltrackerstore")


def database_url(endpoints: Path, purpose: str = "read") -> str:
    """The SQLAlchemy URL of the endpoints file's SQL tracker store; exits, naming `purpose`,
    when the file names another kind of store."""
    plain = (yaml.safe_load(endpoints.read_text()) or {}).get("tracker_store") or {}
    if (
        str(plain.get("type") or "").lower() in SQL_STORE_TYPES
        and plain.get("dialect", "sqlite") == "sqlite"
        and "${" not in str(plain.get("db"))
    ):
        # SQLite: no need to import Rasa (seconds) just to build the URL
        file = Path(plain.get("db") or "rasa.db")
        return f"sqlite:///{file if file.is_absolute() else ROOT / file}"
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    # Rasa expands every ${VAR} of the file; the action server's token is not needed here.
    os.environ.setdefault("QP_ACTION_TOKEN", "")

    config = read_endpoint_config(str(endpoints), "tracker_store")
    if config is None or (config.type or "").lower() not in SQL_STORE_TYPES:
        raise SystemExit(f"{endpoints.name}: tracker_store is not of type SQL; nothing to {purpose}.")
    settings = config.kwargs
    dialect = settings.get("dialect", "sqlite")
    db = settings.get("db", "rasa.db")
    if dialect == "sqlite" and not Path(db).is_absolute():
        db = str(ROOT / db)  # Rasa resolves it from the working directory, which is ROOT
    return str(
        SQLTrackerStore.get_db_url(
            dialect,
            config.url,
            settings.get("port"),
            db,
            settings.get("username"),
            settings.get("password"),
            query=settings.get("query"),
        )
    )
