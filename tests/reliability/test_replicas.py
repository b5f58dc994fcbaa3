"""Two Rasa replicas sharing PostgreSQL (tracker store) and Redis (lock store), one action server.

Started exactly as docs/deployment.md says: `QP_ENDPOINTS=endpoints.prod.yml` and the QP_DB_* /
QP_REDIS_* variables, through `bot.runtime.stack.Stack`. 20 conversations of 10 turns run
concurrently; the turns of one conversation alternate between the replicas. Every turn must be
answered, recorded once and in order, and a follow-up must see the previous turn's topic even
when the other replica handled it.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.helpers import fresh_postgres_database
from tests.reliability.conftest import APOLOGY, Chat, Stack, env_vars, require, require_model

pytestmark = pytest.mark.integration

PORT_A, PORT_B, ACTIONS, WEB_A, WEB_B = 22416, 22417, 22466, 23490, 23491
CONVERSATIONS, TURNS = 20, 10
FOLLOW_UP = 2  # index of the "und Metz?" turn, whose answer needs turn 1's topic

SCRIPTS = {
    "de": [
        "Hallo",
        "Wer ist Bürgermeister von Trier?",
        "und Metz?",
        "Wie viele Einwohner hat Luxemburg?",
        "Danke",
        "Was ist QuattroPole?",
        "Wo ist die Geschäftsstelle?",
        "Welche Projekte gibt es?",
        "ok",
        "Tschüss",
    ],
    "fr": [
        "Bonjour",
        "Qui est le maire de Trèves ?",
        "et Metz ?",
        "Combien d'habitants compte Luxembourg ?",
        "Merci",
        "Qu'est-ce que QuattroPole ?",
        "Où se trouve le secrétariat ?",
        "Quels sont les projets ?",
        "d'accord",
        "Au revoir",
    ],
    "en": [
        "Hello",
        "Who is the mayor of Trier?",
        "and Metz?",
        "How many people live in Luxembourg?",
        "Thanks",
        "What is QuattroPole?",
        "Where is the office?",
        "Which projects are there?",
        "ok",
        "Goodbye",
    ],
}


@pytest.fixture(scope="module")
def database():
    """A fresh PostgreSQL database for this run, dropped afterwards."""
    require("PostgreSQL")
    with fresh_postgres_database() as name:
        yield name


@pytest.fixture(scope="module")
def replicas(database):
    require("Redis")
    require_model()
    settings = dict(
        QP_ENDPOINTS="endpoints.prod.yml",
        QP_DB_HOST="127.0.0.1",
        QP_DB_PORT="5432",
        QP_DB_NAME=database,
        QP_DB_USER="postgres",
        QP_DB_PASSWORD="",
        QP_REDIS_HOST="127.0.0.1",
        QP_REDIS_PORT="6379",
        QP_REDIS_PASSWORD="",
        QP_REPLY_TIMEOUT="120",  # measure the replicas, not the guard
    )
    with env_vars(**settings):
        with Stack(PORT_A, ACTIONS, WEB_A) as a:  # action server + replica A
            with Stack(PORT_B, ACTIONS, WEB_B, start_actions=False) as b:  # replica B
                yield a, b


def _user_events(database: str) -> dict:
    import psycopg2

    with psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname=database) as db:
        with db.cursor() as cursor:
            cursor.execute("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
            rows = cursor.fetchall()
    events = defaultdict(list)
    for sender, data in rows:
        events[sender].append(json.loads(data)["text"])
    return events


def test_two_replicas_share_conversations(replicas, database, capsys):
    a, b = replicas
    languages = list(SCRIPTS)
    plans = []
    for c in range(CONVERSATIONS):
        script = SCRIPTS[languages[c % 3]]
        # Turn i goes to A or B alternately; odd conversations start on B.
        ports = [(a.rasa_port, b.rasa_port)[(i + c) % 2] for i in range(TURNS)]
        plans.append((Chat(sender=f"replica-{c:02d}-{uuid.uuid4().hex[:8]}"), script, ports))

    def converse(plan):
        chat, script, ports = plan
        return [(port, chat.say(text, port)) for text, port in zip(script, ports)]

    start = time.monotonic()
    with ThreadPoolExecutor(CONVERSATIONS) as pool:
        results = list(pool.map(converse, plans))
    elapsed = time.monotonic() - start

    per_replica = Counter(port for turns in results for port, _ in turns)
    answered = sum(1 for turns in results for _, reply in turns if reply)
    apologies = sum(
        1
        for turns in results
        for _, reply in turns
        if any(APOLOGY[lang] in m.get("text", "") for m in reply for lang in APOLOGY)
    )
    follow_ups = sum(
        1 for turns in results if "Grosdidier" in " ".join(m.get("text", "") for m in turns[FOLLOW_UP][1])
    )
    recorded = _user_events(database)
    senders = {chat.sender: script for chat, script, _ in plans}
    counts = Counter(len(recorded.get(sender, [])) for sender in senders)
    in_order = sum(1 for sender, script in senders.items() if recorded.get(sender) == script)
    total = CONVERSATIONS * TURNS
    with capsys.disabled():
        print(
            f"\n[replicas] {CONVERSATIONS} conversations x {TURNS} turns = {total} turns in "
            f"{elapsed:.1f} s; replica A {per_replica[a.rasa_port]} turns, replica B "
            f"{per_replica[b.rasa_port]}; answered {answered}/{total}; apologies {apologies}; "
            f"user events in PostgreSQL per conversation {dict(counts)} "
            f"(total {sum(len(recorded.get(s, [])) for s in senders)}); recorded exactly once "
            f"and in order: {in_order}/{CONVERSATIONS}; follow-up across replicas answered "
            f"with Grosdidier: {follow_ups}/{CONVERSATIONS}"
        )
    assert per_replica[a.rasa_port] == per_replica[b.rasa_port] == total // 2
    assert answered == total and apologies == 0
    assert counts == Counter({TURNS: CONVERSATIONS})
    assert in_order == CONVERSATIONS
    assert follow_ups == CONVERSATIONS
