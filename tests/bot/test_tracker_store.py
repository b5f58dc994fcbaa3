"""The windowed SQL tracker store: same state and recent turns as Rasa's store, fewer events."""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import List

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from bot.tracker_store import WindowedSQLTrackerStore, state_before_window, unsaved_events
from tests.helpers import ROOT, fresh_postgres_database

DOMAIN = Domain.load(str(ROOT / "domain.yml"))
WINDOW = 5


def run(coroutine):
    return asyncio.run(coroutine)


def stores(tmp_path: Path):
    """Rasa's SQLite store and ours, each on a database of its own."""
    plain = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "plain.db"))
    windowed = WindowedSQLTrackerStore(
        DOMAIN, dialect="sqlite", db=str(tmp_path / "windowed.db"), window_turns=WINDOW
    )
    return plain, windowed


@pytest.fixture(scope="module")
def postgres_databases():
    """Two PostgreSQL databases for the module (creating and dropping them per test costs
    seconds each); `store_pair` empties their events before every test."""
    with fresh_postgres_database() as plain_db, fresh_postgres_database() as windowed_db:
        yield plain_db, windowed_db


@pytest.fixture(params=["sqlite", "postgresql"])
def store_pair(request, tmp_path):
    """(Rasa's store, ours) on SQLite files, or on two empty PostgreSQL databases (the
    replicas setup; the slot names are read with each dialect's JSON function)."""
    if request.param == "sqlite":
        yield stores(tmp_path)
        return
    plain_db, windowed_db = request.getfixturevalue("postgres_databases")
    options = dict(dialect="postgresql", host="127.0.0.1", port=5432, username="postgres")
    plain = SQLTrackerStore(DOMAIN, db=plain_db, **options)
    windowed = WindowedSQLTrackerStore(DOMAIN, db=windowed_db, window_turns=WINDOW, **options)
    for store in (plain, windowed):
        with store.engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM events"))
    yield plain, windowed
    plain.engine.dispose()
    windowed.engine.dispose()


def turn(n: int, rng: random.Random, city_every: int = 7) -> List[Event]:
    """One user turn as this bot has them: listen, message, language slot, answer, topic slot."""
    lang = rng.choice(["de", "fr", "en"])
    city = rng.choice(["metz", "trier", "luxembourg", "saarbruecken"])
    events: List[Event] = [
        ActionExecuted("action_listen"),
        UserUttered(
            f"message {n}",
            {"name": "ask_city_population", "confidence": 0.9},
            [{"entity": "city", "value": city, "start": 0, "end": 4}],
        ),
        SlotSet("language", lang),
        ActionExecuted("action_answer_city"),
        BotUttered(f"answer {n}", {"elements": None}),
        SlotSet("topic", f"city_population:{n}"),
    ]
    if city_every and n % city_every == 0:
        events.append(SlotSet("city", city))
    return events


def converse(store: TrackerStore, sender: str, events: List[Event], turns_per_save: int = 1) -> None:
    """Feed events the way Rasa does: retrieve, add one turn, save."""
    chunks, chunk = [], []
    for event in events:
        if isinstance(event, ActionExecuted) and event.action_name == "action_listen" and chunk:
            chunks.append(chunk)
            chunk = []
        chunk.append(event)
    chunks.append(chunk)
    for chunk in chunks:
        tracker = run(store.retrieve(sender)) or store.init_tracker(sender)
        for event in chunk:
            tracker.update(event)
        run(store.save(tracker))


def conversation(turns: int, seed: int = 3) -> List[Event]:
    rng = random.Random(seed)
    events: List[Event] = [ActionExecuted("action_session_start"), SessionStarted()]
    for n in range(turns):
        events += turn(n, rng)
    return events


def assert_same_state(windowed: DialogueStateTracker, full: DialogueStateTracker) -> None:
    assert windowed.current_slot_values() == full.current_slot_values()
    assert (
        windowed.active_loop_name,
        windowed.is_active_loop_interrupted,
        windowed.is_active_loop_rejected,
    ) == (full.active_loop_name, full.is_active_loop_interrupted, full.is_active_loop_rejected)
    assert windowed.latest_message.text == full.latest_message.text
    assert windowed.latest_action_name == full.latest_action_name
    assert windowed.is_paused() == full.is_paused()
    # What the policies read: the last states (MemoizationPolicy max_history 3, rules).
    assert windowed.past_states(DOMAIN)[-6:] == full.past_states(DOMAIN)[-6:]


def test_long_conversation_loads_state_and_last_turns_only(store_pair):
    plain, windowed = store_pair
    events = conversation(40)
    converse(plain, "c", events)
    converse(windowed, "c", events)

    full = run(plain.retrieve("c"))
    window = run(windowed.retrieve("c"))
    assert len(run(plain.retrieve_full_tracker("c")).events) == len(events)
    assert len(window.events) < 6 * (WINDOW + 2)  # 5 turns of 6-7 events plus the state
    assert [e.text for e in window.events if isinstance(e, UserUttered)] == [
        f"message {n}" for n in range(35, 40)
    ]
    assert_same_state(window, full)
    # Nothing was lost or written twice: the windowed store holds exactly Rasa's rows.
    stored = run(windowed.retrieve_full_tracker("c"))
    assert [e.as_dict() for e in stored.events] == [e.as_dict() for e in events]


def test_short_conversation_is_loaded_whole(tmp_path):
    plain, windowed = stores(tmp_path)
    events = conversation(WINDOW - 1)
    converse(plain, "s", events)
    converse(windowed, "s", events)
    assert [e.as_dict() for e in run(windowed.retrieve("s")).events] == [
        e.as_dict() for e in run(plain.retrieve("s")).events
    ]
    assert run(windowed.retrieve("nobody")) is None


def test_form_active_before_the_window_stays_active(store_pair):
    plain, windowed = store_pair
    rng = random.Random(1)
    events = conversation(3) + [
        ActiveLoop("travel_form"),
        SlotSet("travel_from", "metz"),
        SlotSet("requested_slot", "travel_to"),
        ActionExecuted("action_listen"),
        UserUttered("what?", {"name": "ask_capabilities"}),
        ActionExecutionRejected("travel_form"),
        ActionExecuted("action_answer"),
    ]
    for n in range(3, 3 + WINDOW + 2):
        events += turn(n, rng)
    converse(plain, "f", events)
    converse(windowed, "f", events)
    window, full = run(windowed.retrieve("f")), run(plain.retrieve("f"))
    assert window.active_loop_name == "travel_form" and window.is_active_loop_rejected
    assert window.get_slot("travel_from") == "metz"
    assert_same_state(window, full)


@pytest.mark.parametrize("revert", ["rewind", "undo", "reset", "restart"])
def test_reverts_and_resets_before_the_window_are_applied_as_rasa_does(store_pair, revert):
    plain, windowed = store_pair
    rng = random.Random(2)
    events = conversation(3)
    city_before = DialogueStateTracker.from_events("x", events, DOMAIN.slots).get_slot("city")
    city = "trier" if city_before != "trier" else "metz"
    events += [
        ActionExecuted("action_listen"),
        UserUttered("where?", {"name": "inform_city"}),
        SlotSet("city", city),
        ActionExecuted("action_answer"),
    ]
    events += {
        "rewind": [UserUtteranceReverted()],
        "undo": [ActionReverted()],
        "reset": [AllSlotsReset()],
        "restart": [
            Restarted(),
            ActionExecuted("action_session_start"),
            SessionStarted(),
            SlotSet("language", "fr"),
        ],
    }[revert]
    for n in range(3, 3 + WINDOW + 2):
        events += turn(n, rng, city_every=0)
    converse(plain, "r", events)
    converse(windowed, "r", events)
    window, full = run(windowed.retrieve("r")), run(plain.retrieve("r"))
    assert_same_state(window, full)
    assert city_before is not None
    expected = {"rewind": city_before, "undo": city, "reset": None, "restart": None}[revert]
    assert full.get_slot("city") == expected  # the scenario tests what it should


def test_state_before_window_keeps_last_value_per_slot():
    rows = [
        (1, "action", "action_listen", None),
        (2, "user", None, None),
        (3, "slot", None, '{"event": "slot", "name": "city", "value": "metz", "timestamp": 1}'),
        (4, "slot", None, '{"event": "slot", "name": "language", "value": "de", "timestamp": 2}'),
        (5, "slot", None, '{"event": "slot", "name": "city", "value": "trier", "timestamp": 3}'),
        (6, "active_loop", None, '{"event": "active_loop", "name": "travel_form", "timestamp": 4}'),
        (7, "active_loop", None, '{"event": "active_loop", "name": null, "timestamp": 5}'),
    ]
    state = state_before_window(rows)
    assert [(e["name"], e["value"]) for e in state] == [("language", "de"), ("city", "trier")]


def test_unsaved_events_are_the_ones_after_the_last_stored():
    events = [
        ActionExecuted("action_listen", timestamp=1.0),
        UserUttered("hi", timestamp=2.0),
        SlotSet("language", "en", timestamp=3.0),
    ]
    assert unsaved_events(events, events[1].as_dict()) == events[2:]
    assert unsaved_events(events, events[2].as_dict()) == []
    assert unsaved_events(events, None) == events
    assert unsaved_events(events, SlotSet("city", "metz", timestamp=9.0).as_dict()) is None


def test_a_copied_windowed_tracker_saves_only_its_new_events(tmp_path):
    _, windowed = stores(tmp_path)
    converse(windowed, "k", conversation(20))
    before = len(run(windowed.retrieve_full_tracker("k")).events)
    copy = run(windowed.retrieve("k")).copy()
    copy.update(ActionExecuted("action_listen"))
    copy.update(UserUttered("one more"))
    run(windowed.save(copy))
    after = run(windowed.retrieve_full_tracker("k")).events
    assert len(after) == before + 2 and after[-1].text == "one more"


@pytest.mark.parametrize("endpoints", ["endpoints.yml", "endpoints.prod.yml"])
def test_endpoints_use_the_windowed_store(endpoints, monkeypatch):
    monkeypatch.setenv("QP_ACTION_TOKEN", "x")  # endpoints files send it to the action server
    for name in ("HOST", "PORT", "NAME", "USER", "PASSWORD"):
        monkeypatch.setenv(f"QP_DB_{name}", "5432" if name == "PORT" else "x")
        monkeypatch.setenv(f"QP_REDIS_{name}", "6379" if name == "PORT" else "x")
    config = read_endpoint_config(str(ROOT / endpoints), "tracker_store")
    assert config.type == "bot.tracker_store.WindowedSQLTrackerStore"
    assert config.kwargs["window_turns"] == WINDOW


def test_rasa_builds_the_windowed_store_from_the_endpoints_file(tmp_path):
    # Rasa falls back to an in-memory store (losing conversations) if the class does not load.
    config = EndpointConfig(
        type="bot.tracker_store.WindowedSQLTrackerStore",
        dialect="sqlite",
        db=str(tmp_path / "x.db"),
        window_turns=3,
    )
    store = TrackerStore.create(config, DOMAIN)
    inner = getattr(store, "_tracker_store", store)
    assert isinstance(inner, WindowedSQLTrackerStore) and inner.window_turns == 3


def test_the_database_shortcut_and_the_full_replay_agree(store_pair, monkeypatch):
    _, windowed = store_pair
    converse(windowed, "a", conversation(30))
    seen = []
    original = WindowedSQLTrackerStore._state_rows

    def spy(self, *args):
        rows = original(self, *args)
        seen.append(len(rows))
        return rows

    monkeypatch.setattr(WindowedSQLTrackerStore, "_state_rows", spy)
    shortcut = windowed.window_events("a")
    monkeypatch.setattr(windowed, "_json", False)  # as on a database without JSON functions
    replayed = windowed.window_events("a")
    assert shortcut == replayed
    # The shortcut read one row per slot set before the window; the replay read every small row.
    assert seen[0] == len(
        {e["name"] for e in shortcut if e["event"] == "slot"} & {"city", "language", "topic"}
    )
    assert seen[1] > 100


def test_sqlite_connections_are_kept_open_between_turns(tmp_path):
    store = WindowedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "wal.db"))
    with store.engine.connect() as connection:
        # the rollback journal: another process holding the file stops a turn before it answers
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
    converse(store, "wal", conversation(3))
    assert store.engine.pool.checkedin() >= 1  # kept open for the next turn, not closed
    # what one store wrote, a second store on the same file reads (as after a restart)
    again = WindowedSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "wal.db"))
    assert [e.as_dict() for e in run(again.retrieve("wal")).events] == [
        e.as_dict() for e in run(store.retrieve("wal")).events
    ]


@pytest.mark.parametrize("ran_again", [False, True])
def test_a_rejected_form_before_the_window_needs_no_replay(store_pair, monkeypatch, ran_again):
    """A rejection only matters for the active loop's last run: the database shortcut finds it
    (no replay of every row), and says what Rasa's whole tracker says."""
    plain, windowed = store_pair
    rng = random.Random(4)
    events = conversation(3) + [
        ActiveLoop("travel_form"),
        ActionExecuted("action_listen"),
        UserUttered("what?", {"name": "ask_capabilities"}),
        ActionExecutionRejected("travel_form"),
        ActionExecuted("action_answer"),
    ]
    if ran_again:
        events += [ActionExecuted("action_listen"), UserUttered("metz"), ActionExecuted("travel_form")]
    for n in range(3, 3 + WINDOW + 2):
        events += turn(n, rng)
    converse(plain, "j", events)
    converse(windowed, "j", events)
    replayed = []
    original = WindowedSQLTrackerStore._state_rows

    def spy(self, session, in_session, before):
        rows = original(self, session, in_session, before)
        replayed.append(any(row[1] == "user" for row in rows))  # the replay reads user rows
        return rows

    monkeypatch.setattr(WindowedSQLTrackerStore, "_state_rows", spy)
    window, full = run(windowed.retrieve("j")), run(plain.retrieve("j"))
    assert replayed == [False]
    assert window.active_loop_name == "travel_form"
    assert window.is_active_loop_rejected is (not ran_again) is full.is_active_loop_rejected
    assert_same_state(window, full)
