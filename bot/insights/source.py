"""Reading the stored events of the tracker store named in an endpoints file.

Plain SQL through SQLAlchemy on Rasa's `events` table (the same table for Rasa's
`SQLTrackerStore` and `bot.tracker_store.WindowedSQLTrackerStore`), so SQLite and PostgreSQL
are read by the same code and no tracker is rebuilt through Rasa.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List

import sqlalchemy as sa

# Only these events matter to the report; the others (session starts, loops...) are skipped.
READ_TYPES = ("user", "bot", "slot", "action")


@dataclass(frozen=True)
class StoredEvent:
    """One row of the `events` table, with its JSON decoded."""

    sender_id: str
    type_name: str
    timestamp: float
    intent_name: str | None
    action_name: str | None
    data: Dict[str, Any]


def read_events(url: str, since: float, until: float) -> Dict[str, List[StoredEvent]]:
    """The events, per conversation in stored order, of every conversation active in
    [since, until). Earlier events of those conversations are included: they carry the
    conversation's language before the period; the report counts only events in the period."""
    query = sa.text(
        "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events "
        "WHERE type_name IN :types AND timestamp < :until AND sender_id IN "
        "(SELECT DISTINCT sender_id FROM events WHERE timestamp >= :since "
        "AND timestamp < :until AND type_name = 'user') "
        "ORDER BY sender_id, id"
    ).bindparams(sa.bindparam("types", expanding=True))
    if _missing_sqlite_file(url):
        return {}  # nothing stored yet (and reading must not create the file)
    engine = sa.create_engine(url)
    conversations: Dict[str, List[StoredEvent]] = {}
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table("events"):
                return {}
            rows = connection.execute(query, {"types": list(READ_TYPES), "since": since, "until": until})
            for event in _decoded(rows):
                conversations.setdefault(event.sender_id, []).append(event)
    finally:
        engine.dispose()
    return conversations


def _missing_sqlite_file(url: str) -> bool:
    parsed = sa.engine.make_url(url)
    return (
        parsed.get_backend_name() == "sqlite"
        and bool(parsed.database)
        and parsed.database != ":memory:"
        and not Path(parsed.database).exists()
    )


def _decoded(rows: Any) -> Iterator[StoredEvent]:
    for sender, kind, timestamp, intent, action, data in rows:
        try:
            decoded = json.loads(data) if data else {}
        except ValueError:
            decoded = {}
        yield StoredEvent(sender, kind, float(timestamp), intent, action, decoded)
