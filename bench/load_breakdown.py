"""Load benchmark, part 2: where one turn of ours goes.

Three views of the same traffic, one conversation at a time:

- `components` (run in a child process: `python -m bench.load_breakdown components ...`): the
  model loaded in-process with the same endpoints as the served bot; first the bare NLU parse
  (`Agent.parse_message`) of the messages the 1-concurrent level sends, then the same
  conversations through `Agent.handle_message` with timers around Rasa's NLU, tracker store,
  policies and action-server calls. The bare parse is the limit a turn is measured against.
- `breakdown`: a Rasa server with `--enable-api` whose action calls go through a timing proxy:
  REST round trip, `POST /model/parse`, action-server time, along short and 200-turn
  conversations.
- `hot_spots`: cProfile of a Rasa server over the same traffic.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import aiohttp
from aiohttp import web

from bench.load_drive import BIN, MODEL, REQUEST_TIMEOUT, ROOT, Stack, send
from bench.stats import percentile


# -- timing proxy for the action server (breakdown) ---------------------------------------------
class ActionProxy:
    """Forwards POST /webhook to the action server and records how long each call took."""

    _ACTION = re.compile(rb'"next_action"\s*:\s*"([^"]+)"')

    def __init__(self, upstream: str, port: int) -> None:
        self.upstream, self.port = upstream, port
        self.calls: List[Tuple[str, float, int]] = []  # (action, seconds, request bytes)
        self.runner: Optional[web.AppRunner] = None
        self.session: Optional[aiohttp.ClientSession] = None

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        match = self._ACTION.search(body[:300])
        assert self.session is not None
        started = time.perf_counter()
        headers = {"Content-Type": "application/json"}
        if "Authorization" in request.headers:  # the action server's token (actions/server.py)
            headers["Authorization"] = request.headers["Authorization"]
        async with self.session.post(
            f"{self.upstream}{request.path}", data=body, headers=headers
        ) as response:
            payload = await response.read()
            status = response.status
        self.calls.append(
            (match.group(1).decode() if match else "?", time.perf_counter() - started, len(body))
        )
        return web.Response(body=payload, status=status, content_type="application/json")

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def start(self) -> None:
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))
        app = web.Application(client_max_size=256 * 1024 * 1024)
        app.router.add_post("/webhook", self.handle)
        app.router.add_get("/health", self.health)
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
        if self.session is not None:
            await self.session.close()


async def breakdown(
    api_url: str, proxy: ActionProxy, scripts: List[List[str]], long_turns: List[str], conversations: int
) -> Dict[str, Any]:
    """Per message: REST total, NLU parse, action calls, rest; short and 200-turn conversations."""
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    rows: List[Dict[str, Any]] = []
    long_rows: List[Dict[str, Any]] = []
    probes: List[Dict[str, Any]] = []
    async with aiohttp.ClientSession(timeout=timeout) as session:

        async def one(sender: str, text: str, turn: int) -> Dict[str, Any]:
            before = len(proxy.calls)
            result = await send(session, f"{api_url}/webhooks/rest/webhook", sender, text)
            calls = proxy.calls[before:]
            started = time.perf_counter()
            async with session.post(f"{api_url}/model/parse", json={"text": text}) as response:
                await response.read()
            parse = time.perf_counter() - started
            action = sum(c[1] for c in calls)
            return {
                "turn": turn,
                "text": text,
                "total": result.latency,
                "ok": result.ok,
                "parse": parse,
                "action": action,
                "calls": len(calls),
                "actions": [c[0] for c in calls],
                "payload_kib": max((c[2] for c in calls), default=0) / 1024,
                "rest": result.latency - parse - action,
            }

        for i in range(conversations):
            for n, text in enumerate(scripts[i % len(scripts)], 1):
                rows.append(await one(f"breakdown-{i}", text, n))
        n_long = len(long_turns)
        checkpoints = {5, n_long // 4, n_long // 2, 3 * n_long // 4, n_long}
        sender = "breakdown-long"
        for n, text in enumerate(long_turns, 1):
            long_rows.append(await one(sender, text, n))
            if n in checkpoints:  # policy prediction and tracker retrieval alone, 3 times each
                predict, fetch = [], []
                for _ in range(3):
                    started = time.perf_counter()
                    async with session.post(f"{api_url}/conversations/{sender}/predict") as r:
                        await r.read()
                    predict.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    async with session.get(f"{api_url}/conversations/{sender}/tracker") as r:
                        events = len((await r.json()).get("events") or [])
                    fetch.append(time.perf_counter() - started)
                probes.append(
                    {"turn": n, "predict": sorted(predict)[1], "tracker": sorted(fetch)[1], "events": events}
                )
    return {"rows": rows, "long": long_rows, "probes": probes}


# -- profile of the Rasa process (evidence for the breakdown) ----------------------------------
#: (label, pstats pattern): where a Rasa 3.6 server spends a turn.
HOT_SPOTS = (
    ("NLU pipeline (MessageProcessor.parse_message)", r"core/processor.py:\d+\(parse_message\)"),
    ("tracker retrieval (WindowedSQLTrackerStore.retrieve)", r"bot/tracker_store.py:\d+\(retrieve\)"),
    ("… of which replaying events (DialogueStateTracker.from_dict)", r"core/trackers.py:\d+\(from_dict\)"),
    (
        "… of which Event.resolve_by_type (walks all Event subclasses per event)",
        r"core/events.py:\d+\(resolve_by_type\)",
    ),
    ("tracker save (WindowedSQLTrackerStore.save)", r"bot/tracker_store.py:\d+\(save\)"),
    (
        "policies (MessageProcessor._predict_next_with_tracker)",
        r"core/processor.py:\d+\(_predict_next_with_tracker\)",
    ),
    (
        "action call payload (RemoteAction._action_call_format)",
        r"actions/action.py:\d+\(_action_call_format\)",
    ),
    ("action HTTP request (EndpointConfig.request)", r"utils/endpoints.py:\d+\(request\)"),
    (
        "action response check (RemoteAction._validate_action_result)",
        r"actions/action.py:\d+\(_validate_action_result\)",
    ),
)


class ProfiledStack(Stack):
    """Stack whose Rasa server runs under cProfile (written when the server stops on SIGINT)."""

    def __init__(self, *args: Any, profile: Path, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.profile = profile

    def _spawn(self, name: str, args: List[str]) -> subprocess.Popen:
        if name == "rasa":
            args = [str(BIN / "python"), "-m", "cProfile", "-o", str(self.profile), *args]
        return super()._spawn(name, args)

    def stop_profiled(self) -> None:
        process = self.processes.get("rasa")
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                pass
        self.stop()


def hot_spots(profile: Path, messages: int) -> List[Dict[str, Any]]:
    """Cumulative time of HOT_SPOTS in a cProfile dump, per message."""
    import pstats

    stats = pstats.Stats(str(profile))
    rows = []
    for label, pattern in HOT_SPOTS:
        regex = re.compile(pattern)
        cum = calls = 0.0
        for (filename, line, function), (_cc, nc, _tt, ct, _callers) in stats.stats.items():
            if regex.search(f"{filename}:{line}({function})"):
                cum += ct
                calls += nc
        rows.append(
            {"label": label, "ms_per_message": cum / messages * 1000, "calls_per_message": calls / messages}
        )
    return rows


# -- in-process components of a turn -----------------------------------------------------------
#: (key, label, "module:Class", method, is_async): Rasa methods timed inside one turn. They do
#: not nest: action_extract_slots' call of action_validate_slot_mappings is a RemoteAction.run too.
COMPONENTS: Tuple[Tuple[str, str, str, str, bool], ...] = (
    (
        "nlu",
        "NLU pipeline (MessageProcessor.parse_message)",
        "rasa.core.processor:MessageProcessor",
        "parse_message",
        True,
    ),
    ("retrieve", "tracker retrieval (tracker store `retrieve`)", "", "retrieve", True),
    ("save", "tracker save (tracker store `save`)", "", "save", True),
    (
        "policies",
        "policy predictions (MessageProcessor._predict_next_with_tracker)",
        "rasa.core.processor:MessageProcessor",
        "_predict_next_with_tracker",
        False,
    ),
    (
        "actions",
        "action-server calls (RemoteAction.run: payload, HTTP, the action server, response check)",
        "rasa.core.actions.action:RemoteAction",
        "run",
        True,
    ),
)


class Timers:
    """Wraps methods so that each call adds its duration to `spent[key]` and counts it."""

    def __init__(self) -> None:
        self.spent: Dict[str, float] = {}
        self.calls: Dict[str, int] = {}

    def reset(self) -> None:
        self.spent, self.calls = {}, {}

    def _add(self, key: str, started: float) -> None:
        self.spent[key] = self.spent.get(key, 0.0) + time.perf_counter() - started
        self.calls[key] = self.calls.get(key, 0) + 1

    def wrap(self, owner: Any, method: str, key: str, is_async: bool) -> None:
        original = getattr(owner, method)
        if is_async:

            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    self._add(key, started)

            setattr(owner, method, timed_async)
        else:

            def timed_sync(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    self._add(key, started)

            setattr(owner, method, timed_sync)


def resolve(path: str) -> Any:
    module, _, name = path.partition(":")
    __import__(module)
    return getattr(sys.modules[module], name)


def quiet_rasa() -> None:
    """Warnings only, as `rasa run` logs by default (debug logging would be measured too)."""
    from rasa.utils.log_utils import configure_structlog

    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)
    configure_structlog(logging.WARNING)


async def measure_components(
    model: Path, endpoints: Path, scripts: List[List[str]], repeats: int = 3
) -> Dict[str, Any]:
    """Bare parse and in-process turns of `scripts` (see the module docstring), in ms."""
    from rasa.core.agent import load_agent
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
    from rasa.core.utils import AvailableEndpoints

    quiet_rasa()
    agent = await load_agent(
        model_path=str(model), endpoints=AvailableEndpoints.read_endpoints(str(endpoints))
    )
    texts = [text for script in scripts for text in script]
    for text in texts[:10]:  # warm-up
        await agent.parse_message(text)
    parse: List[float] = []
    for _ in range(repeats):
        for text in texts:
            started = time.perf_counter()
            await agent.parse_message(text)
            parse.append((time.perf_counter() - started) * 1000)

    timers = Timers()
    store_class = type(agent.tracker_store)
    for key, _label, owner, method, is_async in COMPONENTS:
        timers.wrap(resolve(owner) if owner else store_class, method, key, is_async)

    async def conversations(tag: str, rows: Optional[List[Dict[str, Any]]]) -> None:
        for i, script in enumerate(scripts):
            for text in script:
                timers.reset()
                started = time.perf_counter()
                await agent.handle_message(
                    UserMessage(text, CollectingOutputChannel(), f"{tag}-{i}", input_channel="rest")
                )
                total = (time.perf_counter() - started) * 1000
                if rows is not None:
                    rows.append(
                        {
                            "total": total,
                            **{key: timers.spent.get(key, 0.0) * 1000 for key, *_ in COMPONENTS},
                            "calls": dict(timers.calls),
                        }
                    )

    await conversations("warm-up", None)
    turns: List[Dict[str, Any]] = []
    for repeat in range(repeats):
        await conversations(f"components-{repeat}", turns)
    return {
        "messages": len(texts),
        "repeats": repeats,
        "parse": parse,
        "turns": turns,
        "store": f"{store_class.__module__}.{store_class.__name__}",
    }


def run_components(
    endpoints: Path, scripts: List[List[str]], out: Path, env: Dict[str, str], model: Path = MODEL
) -> Dict[str, Any]:
    """`measure_components` in a child process (its own Rasa, gone afterwards)."""
    out.write_text(json.dumps({"scripts": scripts}))
    subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "bench.load_breakdown",
            "components",
            str(model),
            str(endpoints),
            str(out),
        ],
        cwd=ROOT,
        env={**os.environ, **env, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONHASHSEED": "0"},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=open(out.with_suffix(".log"), "wb"),
    )
    return json.loads(out.read_text())


def component_summary(measured: Dict[str, Any]) -> Dict[str, Any]:
    """Per-turn means (ms) of each component, the rest, calls per turn, the parse p50/mean."""
    turns = measured["turns"]
    n = len(turns) or 1
    mean = {key: sum(t[key] for t in turns) / n for key, *_ in COMPONENTS}
    total = [t["total"] for t in turns]
    calls = {key: sum(t["calls"].get(key, 0) for t in turns) / n for key, *_ in COMPONENTS}
    parse = measured["parse"]
    return {
        "parse_p50": percentile(parse, 50),
        "parse_mean": sum(parse) / len(parse) if parse else float("nan"),
        "turn_p50": percentile(total, 50),
        "turn_mean": sum(total) / n,
        "mean": mean,
        "calls": calls,
        "other": sum(total) / n - sum(mean.values()),
        "labels": {key: label for key, label, *_ in COMPONENTS},
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="bench.load_breakdown components MODEL ENDPOINTS JSON")
    parser.add_argument("what", choices=["components"])
    parser.add_argument("model", type=Path)
    parser.add_argument("endpoints", type=Path)
    parser.add_argument("out", type=Path, help="reads {'scripts': ...} from it, writes the measurements")
    args = parser.parse_args(argv)
    scripts = json.loads(args.out.read_text())["scripts"]
    measured = asyncio.run(measure_components(args.model, args.endpoints, scripts))
    args.out.write_text(json.dumps(measured))
    return 0


if __name__ == "__main__":
    sys.exit(main())
