"""Delete conversation events older than the retention period, or one person's conversation.

Every event (message, answer, slot) older than QP_RETENTION_DAYS days (default 90) is deleted,
whatever the conversation's later activity: a user who keeps coming back keeps only the last
90 days. The store is the `tracker_store` of the endpoints file that `make run` uses:
endpoints.yml (SQLite) or, with QP_ENDPOINTS=endpoints.prod.yml, PostgreSQL.

    python -m scripts.retention [--days N] [--endpoints FILE] [--dry-run]
    python -m scripts.retention --forget SENDER_ID          (make forget SENDER=...)

`make run` (scripts/run.py) runs the purge at start and then every QP_RETENTION_INTERVAL
hours (default 24). Deployments without it run this script daily (cron, systemd timer,
Kubernetes CronJob); it is safe next to running servers.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from bot.store_url import ROOT, database_url, retention_days


def purge(url: str, days: float, dry_run: bool = False) -> tuple[int, int]:
    """Delete (or count) the events older than `days`: (conversations touched, events)."""
    import sqlalchemy as sa

    cutoff = time.time() - days * 86400
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("events"):
                return 0, 0
            where = "FROM events WHERE timestamp < :cutoff"
            (conversations,) = connection.execute(
                sa.text(f"SELECT COUNT(DISTINCT sender_id) {where}"), {"cutoff": cutoff}
            ).one()
            if dry_run:
                (events,) = connection.execute(sa.text(f"SELECT COUNT(*) {where}"), {"cutoff": cutoff}).one()
            else:
                events = connection.execute(sa.text(f"DELETE {where}"), {"cutoff": cutoff}).rowcount
    finally:
        engine.dispose()
    return conversations, events


def forget(url: str, sender_id: str) -> int:
    """Delete every event of the conversation `sender_id`; the number of events deleted."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("events"):
                return 0
            return connection.execute(
                sa.text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id}
            ).rowcount
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=float, default=retention_days())
    parser.add_argument(
        "--endpoints", type=Path, default=Path(os.environ.get("QP_ENDPOINTS") or "endpoints.yml")
    )
    parser.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    parser.add_argument(
        "--forget", metavar="SENDER_ID", help="delete this one conversation entirely, whatever its age"
    )
    args = parser.parse_args()
    if args.days <= 0:
        parser.error("--days must be positive")
    endpoints = args.endpoints if args.endpoints.is_absolute() else ROOT / args.endpoints
    if args.forget is not None:
        if not args.forget.strip():
            parser.error("--forget needs a conversation id (SENDER=...)")
        events = forget(database_url(endpoints, "purge"), args.forget)
        print(f"Deleted {events} events of conversation {args.forget!r} ({endpoints.name}).")
        return 0
    conversations, events = purge(database_url(endpoints, "purge"), args.days, args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    print(
        f"{verb} {events} events older than {args.days:g} days from {conversations} "
        f"conversations ({endpoints.name})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
