"""A SQL tracker store whose per-turn cost does not grow with the length of a conversation.

Rasa's `SQLTrackerStore` loads every event of the current session for every message. The
processor then runs the policies over all of them and sends all of them to the action server,
twice per turn here (the language slot mapping and the answer). At turn 200 that is ~2,000
events and ~750 KiB per action call: a turn took 10× longer than at turn 5
(docs/benchmarks.md).

`WindowedSQLTrackerStore` stores exactly what Rasa stores (same table, same rows, so
`rasa export`, retention and the replicas setup are unchanged) but `retrieve` returns only the
state of the conversation plus its last `window_turns` user turns:

    [SlotSet for every slot set before the window, as it stands there] [ActiveLoop if a form
    is active there] [ConversationPaused if paused] + every event from the `action_listen`
    before the window's first user message on.

The state before the window is computed exactly as `DialogueStateTracker.applied_events()`
would (restarts, session starts, `UserUtteranceReverted`, `ActionReverted`, `AllSlotsReset`),
from small rows only: the large user and bot events before the window are never read. Nothing
in this bot looks further back than the window: the policies read the last 3 states
(MemoizationPolicy `max_history: 3`) and short rules, the actions read slots and the last turn.

Rasa's `save` writes the events `_additional_events` names: Rasa counts the stored rows and
skips that many events of the tracker, which would be wrong for a windowed tracker; here they
are the ones after the last stored event, found by comparing it with the tracker's events from
the end (a few comparisons: one turn adds about ten events). `retrieve_full_tracker` (used by
Rasa's export and HTTP API) still returns the whole session history.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Dict, Iterator, List, Optional, Sequence, Text, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    ConversationPaused,
    ConversationResumed,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

DEFAULT_WINDOW_TURNS = 5

# Event types whose order matters for the state before the window; only slot and active-loop
# rows are read with their data.
_STATE_TYPES = (SlotSet.type_name, ActiveLoop.type_name)
_BOUNDARY_TYPES = (
    UserUttered.type_name,
    ActionExecuted.type_name,
    UserUtteranceReverted.type_name,
    ActionReverted.type_name,
    Restarted.type_name,
    SessionStarted.type_name,
    AllSlotsReset.type_name,
    ConversationPaused.type_name,
    ConversationResumed.type_name,
    ActionExecutionRejected.type_name,
)

# Events before the window that make its state more than "last value of each slot, last
# active loop and whether its last run was rejected": then all rows are replayed.
_REPLAY_TYPES = (
    UserUtteranceReverted.type_name,
    ActionReverted.type_name,
    Restarted.type_name,
    AllSlotsReset.type_name,
    ConversationPaused.type_name,
    ConversationResumed.type_name,
)

# (id, type_name, action_name, data for slot/active_loop rows)
Row = Tuple[int, str, Optional[str], Optional[str]]


def state_before_window(rows: Sequence[Row]) -> List[Dict[Text, Any]]:
    """The events that rebuild the state left by `rows` (in id order), as dicts.

    Mirrors `DialogueStateTracker.applied_events()`: a restart or session start forgets what
    came before, `UserUtteranceReverted` undoes back to and including the last user message and
    the action before it, `ActionReverted` undoes back to and including the last action. Then
    the applied rows give the slots (last value per slot since the last `AllSlotsReset`), the
    active loop (and whether it was rejected: that lasts until the loop runs again; its
    "interrupted" flag does not need restoring, the window's first action resets it) and
    whether the conversation is paused.
    """
    applied: List[Row] = []

    def undo_till(type_name: str) -> None:
        while applied:
            row = applied.pop()
            if row[1] == type_name:
                return

    for row in rows:
        kind = row[1]
        if kind in (Restarted.type_name, SessionStarted.type_name):
            applied = []
        elif kind == ActionReverted.type_name:
            undo_till(ActionExecuted.type_name)
        elif kind == UserUtteranceReverted.type_name:
            undo_till(UserUttered.type_name)
            undo_till(ActionExecuted.type_name)
        else:
            applied.append(row)

    slots: Dict[Text, Dict[Text, Any]] = {}
    loop: Optional[Dict[Text, Any]] = None
    rejected = False
    paused = False
    for _, kind, action, data in applied:
        if kind == AllSlotsReset.type_name:
            slots = {}
        elif kind == SlotSet.type_name and data:
            event = json.loads(data)
            slots.pop(event["name"], None)  # keep the order of the latest setting
            slots[event["name"]] = event
        elif kind == ActiveLoop.type_name and data:
            loop, rejected = json.loads(data), False
        elif kind in (ActionExecuted.type_name, ActionExecutionRejected.type_name):
            if loop is not None and action and action == loop.get("name"):
                rejected = kind == ActionExecutionRejected.type_name
        elif kind == ConversationPaused.type_name:
            paused = True
        elif kind == ConversationResumed.type_name:
            paused = False

    state: List[Dict[Text, Any]] = list(slots.values())
    if loop is not None and loop.get("name"):
        # (The loop's trigger message, which nothing reads, is not restored.)
        state.append(loop)
        if rejected:
            state.append(ActionExecutionRejected(loop["name"]).as_dict())
    if paused:
        state.append(ConversationPaused().as_dict())
    return state


def unsaved_events(events: Sequence[Event], last_stored: Optional[Dict[Text, Any]]) -> Optional[List[Event]]:
    """The events after the last stored one; None if the tracker does not hold it."""
    if last_stored is None:
        return list(events)
    for index in range(len(events) - 1, -1, -1):
        if events[index].as_dict() == last_stored:
            return list(events[index + 1 :])
    # The same event, told apart by type and time, in case its dict changed after saving.
    kind, timestamp = last_stored.get("event"), last_stored.get("timestamp")
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if event.type_name == kind and event.timestamp == timestamp:
            return list(events[index + 1 :])
    return None


class WindowedSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that loads the conversation state plus its last few turns."""

    engine: Any  # Rasa's SQLAlchemy engine (replaced by a pooled one for SQLite files)

    def __init__(self, *args: Any, window_turns: int = DEFAULT_WINDOW_TURNS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if int(window_turns) < 1:
            raise ValueError("window_turns must be at least 1")
        self.window_turns = int(window_turns)
        # The queries below look up one conversation's rows by type: index them so (SQLite
        # and PostgreSQL both know IF NOT EXISTS; Rasa's table is left as it is otherwise).
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    sa.text(
                        "CREATE INDEX IF NOT EXISTS qp_events_sender_type_id "
                        "ON events (sender_id, type_name, id)"
                    )
                )
        except sa.exc.SQLAlchemyError as error:  # e.g. another replica at the same moment
            logger.warning(f"Index qp_events_sender_type_id not created: {error}")
        self._json = self._has_json()
        if self.engine.dialect.name == "sqlite":
            self._reuse_sqlite_connections()

    def _reuse_sqlite_connections(self) -> None:
        """A pool of open SQLite connections instead of SQLAlchemy's default for SQLite files (a
        new connection per session: Rasa opens three or four a turn). The file keeps SQLite's
        rollback journal: with a write-ahead log, a turn could read and answer while another
        process held the file and then fail to save, losing the turn
        (tests/reliability/test_faults_storage.py)."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, pool_size=2, connect_args={"check_same_thread": False}
        )
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _has_json(self) -> bool:
        """Whether the database can read a field of the stored JSON (SQLite may lack JSON1)."""
        name = self._slot_name()
        if name is None:
            return False
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.select(name).select_from(self.SQLEvent.__table__).limit(1))
            return True
        except sa.exc.SQLAlchemyError:
            logger.warning(
                "The database has no JSON functions: the windowed tracker store "
                "replays all small rows before the window (slower, same result)."
            )
            return False

    # -- reading ---------------------------------------------------------------------------
    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The tracker of the latest session: its state and last `window_turns` user turns."""
        events = self.window_events(sender_id)
        if events is None:  # short conversation: the window is all of it
            return await super().retrieve(sender_id)
        if not events or not self.domain:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    def window_events(self, sender_id: Text) -> Optional[List[Dict[Text, Any]]]:
        """Event dicts of the windowed tracker; None when the session has no more user turns
        than the window (then the whole session is loaded as Rasa does)."""
        table = self.SQLEvent
        with self.session_scope() as session:
            start = (
                session.query(sa.func.max(table.timestamp))
                .filter(table.sender_id == sender_id, table.type_name == SessionStarted.type_name)
                .scalar()
            )
            in_session = [table.sender_id == sender_id]
            if start is not None:
                in_session.append(table.timestamp >= start)
            first_user = (
                session.query(table.id)
                .filter(*in_session, table.type_name == UserUttered.type_name)
                .order_by(table.id.desc())
                .offset(self.window_turns - 1)
                .limit(1)
                .scalar()
            )
            if first_user is None:
                return None
            earlier = (
                session.query(table.id)
                .filter(*in_session, table.id < first_user)
                .order_by(table.id.desc())
                .limit(1)
                .scalar()
            )
            if earlier is None:  # the window starts the session
                return None
            state_rows = self._state_rows(session, in_session, earlier)
            window = (
                session.query(table.data).filter(*in_session, table.id >= earlier).order_by(table.id).all()
            )
        return state_before_window(state_rows) + [json.loads(data) for (data,) in window]

    def _slot_name(self) -> Optional[Any]:
        """SQL for the slot name inside a stored slot event, where the dialect has JSON."""
        data = self.SQLEvent.data
        dialect = self.engine.dialect.name
        if dialect == "sqlite":
            return sa.func.json_extract(data, "$.name")
        if dialect == "postgresql":
            return sa.func.json_extract_path_text(sa.cast(data, sa.JSON), "name")
        return None

    def _state_rows(self, session: Any, in_session: List[Any], before: int) -> List[Row]:
        """The rows `state_before_window` needs to know the state before row `before`.

        Usually no event before the window reverts, resets or pauses anything: then the state
        is the last value of each slot and the last active loop, which the database finds
        (the slot rows are grouped by name in SQL). Otherwise every small row is read and the
        reverts are replayed in Python.
        """
        table = self.SQLEvent
        earlier = [*in_session, table.id < before]
        replay = (
            session.query(table.id).filter(*earlier, table.type_name.in_(_REPLAY_TYPES)).limit(1).scalar()
        )
        if replay is None and self._json:
            last_per_slot = (
                session.query(sa.func.max(table.id))
                .filter(*earlier, table.type_name == SlotSet.type_name)
                .group_by(self._slot_name())
            )
            last_loop = session.query(sa.func.max(table.id)).filter(
                *earlier, table.type_name == ActiveLoop.type_name
            )
            rows = (
                session.query(table.id, table.type_name, table.action_name, table.data)
                .filter(
                    sa.or_(
                        table.id.in_(last_per_slot.scalar_subquery()), table.id == last_loop.scalar_subquery()
                    )
                )
                .order_by(table.id)
                .all()
            )
            found: List[Row] = [tuple(row) for row in rows]
            loop = next((row for row in reversed(found) if row[1] == ActiveLoop.type_name), None)
            name = json.loads(loop[3]).get("name") if loop is not None and loop[3] else None
            if name and loop is not None:  # was the loop's last run, since it became active, rejected?
                last_run = (
                    session.query(table.id, table.type_name, table.action_name, sa.null())
                    .filter(
                        *earlier,
                        table.id > loop[0],
                        table.action_name == name,
                        table.type_name.in_((ActionExecuted.type_name, ActionExecutionRejected.type_name)),
                    )
                    .order_by(table.id.desc())
                    .limit(1)
                    .first()
                )
                if last_run is not None:
                    found = sorted([*found, tuple(last_run)])
            return found
        rows = (
            session.query(
                table.id,
                table.type_name,
                table.action_name,
                sa.case((table.type_name.in_(_STATE_TYPES), table.data), else_=sa.null()),
            )
            .filter(*earlier, table.type_name.in_(_STATE_TYPES + _BOUNDARY_TYPES))
            .order_by(table.id)
            .all()
        )
        return [tuple(row) for row in rows]

    # -- writing ---------------------------------------------------------------------------
    def _last_stored(self, session: Any, sender_id: Text) -> Optional[Dict[Text, Any]]:
        data = (
            session.query(self.SQLEvent.data)
            .filter(self.SQLEvent.sender_id == sender_id)
            .order_by(self.SQLEvent.id.desc())
            .limit(1)
            .scalar()
        )
        return json.loads(data) if data is not None else None

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator[Event]:
        """The events `save` writes: those after the last stored one. (Rasa's rule, skip as
        many events as rows are stored, is kept for trackers that do not hold that event.)"""
        new = unsaved_events(list(tracker.events), self._last_stored(session, tracker.sender_id))
        if new is None:
            return super()._additional_events(session, tracker)
        return iter(new)

    async def stream_events(self, tracker: DialogueStateTracker) -> None:
        """Publishes the new events (Rasa's version reloads the tracker to find them)."""
        if self.event_broker is None:
            return
        with self.session_scope() as session:
            new = list(self._additional_events(session, tracker))
        for event in new:  # the body Rasa publishes: the event plus the sender id
            self.event_broker.publish({"sender_id": tracker.sender_id, **event.as_dict()})
