"""Delete conversations older than the retention period from the SQL tracker store.

A conversation is deleted, with all its events, when its latest event is older than
QP_RETENTION_DAYS days (default 90). The store is the `tracker_store` of the endpoints file that
`make run` uses: endpoints.yml (SQLite) or, with QP_ENDPOINTS=endpoints.prod.yml, PostgreSQL.

    python scripts/retention.py [--days N] [--endpoints FILE] [--dry-run]

Run it daily (cron, systemd timer, Kubernetes CronJob); it is safe next to running servers,
since a conversation idle for that long holds no lock.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DAYS = 90
# Rasa's SQL store and ours (the same table; bot/tracker_store.py)
SQL_STORE_TYPES = ("sql", "bot.tracker_store.windowedsqltrackerstore")


def database_url(endpoints: Path) -> str:
    """The SQLAlchemy URL of the endpoints file's SQL tracker store (Rasa reads the file)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(endpoints), "tracker_store")
    if config is None or (config.type or "").lower() not in SQL_STORE_TYPES:
        raise SystemExit(f"{endpoints.name}: tracker_store is not of type SQL; nothing to purge.")
    settings = config.kwargs
    dialect = settings.get("dialect", "sqlite")
    db = settings.get("db", "rasa.db")
    if dialect == "sqlite" and not Path(db).is_absolute():
        db = str(ROOT / db)  # Rasa resolves it from the working directory, which is ROOT
    return str(SQLTrackerStore.get_db_url(
        dialect, config.url, settings.get("port"), db, settings.get("username"),
        settings.get("password"), query=settings.get("query"),
    ))


def purge(url: str, days: float, dry_run: bool = False) -> tuple[int, int]:
    """Delete (or count) conversations idle for more than `days`: (conversations, events)."""
    import sqlalchemy as sa

    cutoff = time.time() - days * 86400
    engine = sa.create_engine(url)
    stale = sa.text(
        "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"
    )
    with engine.begin() as connection:
        if not sa.inspect(connection).has_table("events"):
            return 0, 0
        senders = [row[0] for row in connection.execute(stale, {"cutoff": cutoff})]
        events = 0
        for start in range(0, len(senders), 500):
            batch = senders[start:start + 500]
            query = sa.text("{} FROM events WHERE sender_id IN :senders".format(
                "SELECT COUNT(*)" if dry_run else "DELETE"
            )).bindparams(sa.bindparam("senders", expanding=True))
            result = connection.execute(query, {"senders": batch})
            events += result.scalar() if dry_run else result.rowcount
    engine.dispose()
    return len(senders), events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float,
                        default=float(os.environ.get("QP_RETENTION_DAYS") or DEFAULT_DAYS))
    parser.add_argument("--endpoints", type=Path,
                        default=Path(os.environ.get("QP_ENDPOINTS") or "endpoints.yml"))
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    args = parser.parse_args()
    if args.days <= 0:
        parser.error("--days must be positive")
    endpoints = args.endpoints if args.endpoints.is_absolute() else ROOT / args.endpoints
    conversations, events = purge(database_url(endpoints), args.days, args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    print(f"{verb} {conversations} conversations ({events} events) idle for more than "
          f"{args.days:g} days ({endpoints.name}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
