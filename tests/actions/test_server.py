"""The action server's contract with Rasa, in-process: rasa_sdk's app with the real actions
package and actions/server.py's guard, called as Rasa calls it (the real domain.yml, a tracker
Rasa serialises) through the app's ASGI interface, without a socket.

- Every custom action that domain.yml lists is registered on the server, and nothing else.
- A webhook call returns what Rasa's RemoteAction accepts (its own response schema), with
  events Rasa can read and responses that exist in domain.yml.
"""

from __future__ import annotations

import asyncio
import json
import re
from typing import Any, Dict, Iterator, List, Optional, Tuple

import jsonschema
import pytest
import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa_sdk.endpoint import create_app

from actions.server import ActionServerGuard
from tests.helpers import ROOT, real_domain

TOKEN = "contract-test-token"


class Client:
    """Requests to a Sanic app through its ASGI interface, on one event loop."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self._lifespan: Optional[asyncio.Future] = None

    def start(self) -> None:
        started = asyncio.Event()
        messages = [{"type": "lifespan.startup"}]

        async def receive() -> dict:
            if messages:
                return messages.pop(0)
            await asyncio.Event().wait()  # never shut down: the loop is closed instead
            return {}

        async def send(message: dict) -> None:
            if message["type"] == "lifespan.startup.complete":
                started.set()

        async def run() -> None:
            self._lifespan = asyncio.ensure_future(self.app({"type": "lifespan"}, receive, send))
            await started.wait()

        self.loop.run_until_complete(run())

    def stop(self) -> None:
        if self._lifespan is not None:
            self._lifespan.cancel()
        self.loop.close()

    def request(
        self, method: str, path: str, body: Any = None, token: Optional[str] = TOKEN
    ) -> Tuple[int, Any]:
        headers = [(b"host", b"localhost"), (b"content-type", b"application/json")]
        if token:
            headers.append((b"authorization", f"Bearer {token}".encode()))
        incoming = [{"type": "http.request", "body": b"" if body is None else json.dumps(body).encode()}]
        status: Dict[str, int] = {}
        chunks: List[bytes] = []

        async def receive() -> dict:
            return incoming.pop(0) if incoming else {"type": "http.disconnect"}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "headers": headers,
            "client": ("127.0.0.1", 40000),
            "server": ("localhost", 5055),
        }
        self.loop.run_until_complete(self.app(scope, receive, send))
        return status["code"], json.loads(b"".join(chunks) or b"null")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    app = create_app("actions")
    ActionServerGuard(TOKEN).attach_sanic_app_extensions(app)  # what `python -m actions` adds
    running = Client(app)
    running.start()
    yield running
    running.stop()


def custom_actions() -> set:
    """The actions domain.yml lists that are not responses: the action server must run them."""
    domain = real_domain()
    return {name for name in domain.user_actions if name not in domain.responses}


def call(
    action: str,
    intent: str,
    text: str,
    lang: str,
    entities: Tuple[Dict[str, Any], ...] = (),
    slots: Optional[Dict[str, Any]] = None,
    extracted: Optional[Dict[str, Any]] = None,
) -> dict:
    """The body Rasa's RemoteAction posts: the tracker after the user's message (`slots`
    before it, `extracted` by the slot mappings after it), the domain."""
    domain = real_domain()
    found = []
    for entity in entities:
        start = text.index(entity["text"])
        found.append(
            {**entity, "start": start, "end": start + len(entity["text"]), "extractor": "FactsEntityRuler"}
        )
    parse = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.93},
        "intent_ranking": [{"name": intent, "confidence": 0.93}],
        "entities": found,
        "language_detection": {"language": lang, "confidence": 0.99, "evidence": True},
    }
    events = [SlotSet(name, value) for name, value in {"language": lang, **(slots or {})}.items()]
    events.append(UserUttered(text, parse["intent"], found, parse_data=parse, input_channel="rest"))
    events.extend(SlotSet(name, value) for name, value in (extracted or {}).items())
    tracker = DialogueStateTracker.from_events("contract", events, domain.slots)
    return {
        "next_action": action,
        "sender_id": "contract",
        "tracker": tracker.current_state(EventVerbosity.ALL),
        "domain": domain.as_dict(),
        "version": rasa.__version__,
    }


def test_every_custom_action_of_the_domain_is_registered_and_nothing_else(client):
    status, body = client.request("GET", "/actions")
    assert status == 200
    assert {action["name"] for action in body} == custom_actions()


def test_every_response_the_actions_name_exists_in_the_domain():
    named = set()
    for module in (ROOT / "actions").glob("*.py"):
        named.update(
            re.findall(r"""response\s*=\s*["'](utter_\w+)["']""", module.read_text(encoding="utf-8"))
        )
    assert named, "no response found: the pattern no longer matches the actions' code"
    assert sorted(named - set(real_domain().responses)) == []


CITY = {"entity": "city", "value": "trier", "text": "Trier"}
METZ = {"entity": "city", "value": "metz", "text": "Metz"}
SAARBRUECKEN = {"entity": "city", "value": "saarbruecken", "text": "Saarbrücken"}
#: (action, intent, text, language, entities, slots before, slots extracted, first response)
CALLS = [
    (
        "action_answer_city",
        "ask_city_mayor",
        "Wer ist Bürgermeister von Trier?",
        "de",
        (CITY,),
        None,
        None,
        "utter_fact",
    ),
    (
        "action_answer_city",
        "ask_city_population",
        "Combien d'habitants à Metz ?",
        "fr",
        (METZ,),
        None,
        None,
        "utter_fact",
    ),
    (
        "action_answer_travel",
        "ask_travel",
        "How do I get from Trier to Luxembourg?",
        "en",
        (),
        None,
        {"travel_from": "trier", "travel_to": "luxembourg"},
        "utter_fact",
    ),
    (
        "validate_travel_form",
        "ask_travel",
        "Von Metz nach Saarbrücken",
        "de",
        (METZ, SAARBRUECKEN),
        {"requested_slot": "travel_from"},
        {"travel_from": "metz", "travel_to": "saarbruecken"},
        None,
    ),
    (
        "action_answer_governance",
        "ask_president",
        "Qui est le président ?",
        "fr",
        (),
        None,
        None,
        "utter_fact",
    ),
    (
        "action_answer_network",
        "ask_quattropole_overview",
        "What is QuattroPole?",
        "en",
        (),
        None,
        None,
        "utter_fact",
    ),
    ("action_answer_office", "ask_office_location", "Wo ist das Büro?", "de", (), None, None, "utter_fact"),
    ("action_ask_rephrase", "nlu_fallback", "blorp zing", "en", (), None, None, "utter_ask_rephrase"),
    ("action_validate_slot_mappings", "greet", "Bonjour !", "fr", (), None, None, None),
]


@pytest.mark.parametrize(
    "action, intent, text, lang, entities, slots, extracted, says",
    CALLS,
    ids=[f"{c[0]}-{c[3]}" for c in CALLS],
)
def test_a_webhook_call_returns_what_rasa_accepts(
    client, action, intent, text, lang, entities, slots, extracted, says
):
    body = call(action, intent, text, lang, entities, slots, extracted)
    status, result = client.request("POST", "/webhook", body)
    assert status == 200, result
    jsonschema.validate(result, RemoteAction.action_response_format_spec())
    for event in result["events"]:
        assert Event.from_parameters(event) is not None, event
    slot_names = {slot.name for slot in real_domain().slots}
    assert {e["name"] for e in result["events"] if e["event"] == "slot"} <= slot_names
    responses = real_domain().responses
    named = [message.get("response") for message in result["responses"]]
    assert [name for name in named if name not in responses] == []
    if says is not None:
        assert named and named[0].startswith(says), named
    if action == "validate_travel_form":  # both cities are valid: kept as extracted
        assert {e["name"]: e["value"] for e in result["events"] if e["event"] == "slot"} == extracted


def test_an_unknown_action_is_a_404_rasa_reports(client):
    status, body = client.request("POST", "/webhook", call("action_nobody_wrote", "greet", "Hallo", "de"))
    assert status == 404 and body["action_name"] == "action_nobody_wrote"


def test_a_call_without_the_token_is_refused(client):
    status, _ = client.request(
        "POST", "/webhook", call("action_answer_office", "ask_office_location", "Wo?", "de"), token=None
    )
    assert status == 401
    assert client.request("GET", "/actions", token="wrong")[0] == 401
