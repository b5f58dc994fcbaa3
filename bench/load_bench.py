"""Load benchmark: our assistant against the stock `rasa init` assistant, side by side.

Run: ``make bench`` (or ``.venv/bin/python -m bench.load_bench``). One run:

1. builds the stock project in a temporary folder (Rasa's own `rasa init` scaffold copy, no
   download) and times `rasa train` of both projects into temporary folders (ours with the
   command of scripts/train_if_needed.py, only `--out` differs);
2. starts our assistant as `make run` does (`Stack` from scripts/run.py: action server, Rasa
   with the SQLite tracker store in a temporary file, web page) and the stock assistant
   (`rasa run` in its folder: its own endpoints, in-memory tracker store, no action server:
   its stories call none), both on loopback ports of their own, timing model loading;
3. drives both over REST with 1, 10 and 50 concurrent conversations, alternating bot and level
   (two rounds, the second in the opposite order) so machine noise hits both alike; then a
   200-turn conversation on each (3 times, alternating); then tops both up to 1,000
   conversations and reads the Rasa process tree's resident memory;
4. breaks our latency down on a third Rasa server (same model, `--enable-api`, its action
   calls through a timing proxy): NLU parse (`POST /model/parse`), action-server calls
   (timed at the proxy) and the rest, for the same texts and along a 200-turn conversation;
5. runs `bench.nlu_eval` (intent F1 by cross-validation; `--skip-nlu` reuses the last one)
   and writes docs/benchmarks.md with the plots in docs/bench/.

It exits 0 when the run completes, whether the targets are met or not (the report says which);
non-zero only when the run itself fails.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import aiohttp
import yaml
from aiohttp import web

from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent
from bot.runtime.stack import BIN, MODEL, Stack, wait_http  # noqa: E402

REPORT = ROOT / "docs" / "benchmarks.md"
PLOTS = ROOT / "docs" / "bench"
NLU_SCORES = PLOTS / "nlu_scores.json"
STORIES = [ROOT / "tests" / f"test_stories_{lang}.yml" for lang in ("de", "fr", "en")]

LEVELS = (1, 10, 50)
#: Conversations per level and round (two rounds): bounded request counts.
CONVERSATIONS = {1: 12, 10: 60, 50: 150}
LONG_TURNS = 200
LONG_REPEATS = 3
MEMORY_CONVERSATIONS = 1000
REQUEST_TIMEOUT = 30.0

# Targets (issue): ratios ours / stock, measured in the same run.
TARGET_LATENCY_RATIO = 1.25  # p50 and p95 at 10 concurrent
TARGET_THROUGHPUT_RATIO = 0.8
TARGET_TURN_GROWTH = 1.3  # turn-200 latency / turn-5 latency (ours)
TARGET_MEMORY_RATIO = 1.2
TARGET_MACRO_F1 = 0.95
STOCK_REFERENCE = "about 58 messages/s at 10 concurrent, p50 about 140 ms, 7× slower at turn 200"


def say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


# -- conversations -----------------------------------------------------------------------------
def our_scripts() -> List[List[str]]:
    """User turns of the conversation tests, one script per story, languages interleaved."""
    per_lang = []
    for path in STORIES:
        stories = yaml.safe_load(path.read_text(encoding="utf-8"))["stories"]
        per_lang.append([[str(s["user"]) for s in story["steps"] if "user" in s] for story in stories])
    scripts = []
    for group in zip(*per_lang):
        scripts.extend(script for script in group if script)
    return scripts


def stock_scripts(stock_dir: Path, lengths: Sequence[int], seed: int = 7) -> List[List[str]]:
    """Stock conversations in the stock bot's own phrases (its data/nlu.yml), following its
    stories (greet → mood → affirm/deny, bot challenge, goodbye), as long as ours."""
    nlu = yaml.safe_load((stock_dir / "data" / "nlu.yml").read_text())["nlu"]
    phrases = {
        block["intent"]: [
            line[2:].strip() for line in block["examples"].splitlines() if line.strip().startswith("- ")
        ]
        for block in nlu
    }
    rng = random.Random(seed)
    paths = [
        ["greet", "mood_great", "bot_challenge", "goodbye"],
        ["greet", "mood_unhappy", "affirm", "bot_challenge", "goodbye"],
        ["greet", "mood_unhappy", "deny", "greet", "mood_great"],
    ]
    scripts = []
    for n, length in enumerate(lengths):
        path = paths[n % len(paths)]
        intents = [path[i % len(path)] for i in range(length)]
        scripts.append([rng.choice(phrases[intent]) for intent in intents])
    return scripts


PROBE_TURNS = 10  # the turns compared at both ends of a long conversation


def long_script(scripts: List[List[str]], turns: int) -> List[str]:
    """The scripts' turns one after the other, cycled; the last PROBE_TURNS repeat the first.

    So turns 1–10 and 191–200 send the same texts and their ratio measures what a long
    conversation costs, not which questions happen to come last (the answers differ in cost:
    the texts of turns 191–200 of the plain cycle take ~1.13× as long in a fresh conversation).
    """
    flat = [text for script in scripts for text in script]
    body = [flat[i % len(flat)] for i in range(max(turns - PROBE_TURNS, 0))]
    return (body + body[:PROBE_TURNS])[:turns] if len(body) >= PROBE_TURNS else flat[:turns]


# -- memory ------------------------------------------------------------------------------------
def parse_stat(line: str) -> Tuple[int, int]:
    """(pid, ppid) from a /proc/<pid>/stat line (the command may hold spaces and parentheses)."""
    pid = int(line.split(" ", 1)[0])
    rest = line[line.rindex(")") + 2 :].split()
    return pid, int(rest[1])


def process_tree(root: int) -> List[int]:
    children = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                pid, ppid = parse_stat((entry / "stat").read_text())
            except (OSError, ValueError):
                continue
            children[ppid].append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_mib(root: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (from /proc)."""
    total_kib = 0
    for pid in process_tree(root):
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kib += int(line.split()[1])
        except OSError:
            continue
    return total_kib / 1024


# -- servers -----------------------------------------------------------------------------------
def port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


class StockServer:
    """`rasa run` in the stock project folder: its own credentials and endpoints files."""

    def __init__(self, folder: Path, model: Path, port: int) -> None:
        self.folder, self.model, self.port = folder, model, port
        self.process: Optional[subprocess.Popen] = None
        self.log = folder / "rasa.log"

    def start(self, timeout: float = 240) -> float:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}
        started = time.monotonic()
        self.process = subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", str(self.model), "--port", str(self.port)],
            cwd=self.folder,
            stdout=open(self.log, "ab"),
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        if not wait_http(f"http://localhost:{self.port}/", self.process, timeout, interval=0.2):
            tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-30:])
            raise RuntimeError(f"The stock Rasa server did not start:\n{tail}")
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()


def timed_rasa_start(stack: Stack) -> float:
    started = time.monotonic()
    stack.start_rasa(timeout=240)
    return time.monotonic() - started


# -- the REST driver ---------------------------------------------------------------------------
@dataclass
class Turn:
    conversation: int
    turn: int  # 1-based
    latency: float  # seconds
    ok: bool
    error: str = ""
    replies: int = 0


@dataclass
class LevelRun:
    bot: str
    level: int
    round: int
    wall: float
    turns: List[Turn] = field(default_factory=list)


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> Turn:
    started = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            body = await response.read()
            latency = time.perf_counter() - started
            if response.status != 200:
                return Turn(0, 0, latency, False, f"HTTP {response.status}")
            replies = json.loads(body)
            return Turn(0, 0, latency, True, replies=len(replies))
    except asyncio.TimeoutError:
        return Turn(0, 0, time.perf_counter() - started, False, "timeout")
    except Exception as error:  # counted, the run goes on
        return Turn(0, 0, time.perf_counter() - started, False, type(error).__name__)


async def converse(
    session: aiohttp.ClientSession, url: str, sender: str, script: List[str], conversation: int
) -> List[Turn]:
    turns = []
    for n, text in enumerate(script, 1):
        turn = await send(session, url, sender, text)
        turn.conversation, turn.turn = conversation, n
        turns.append(turn)
    return turns


async def run_level(
    url: str, bot: str, scripts: List[List[str]], level: int, count: int, round_: int, tag: str
) -> LevelRun:
    """`count` conversations, `level` at a time (closed loop: a user waits for the reply)."""
    queue: asyncio.Queue = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)
    results: List[Turn] = []
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)

    async with aiohttp.ClientSession(
        timeout=timeout, connector=aiohttp.TCPConnector(limit=level + 5)
    ) as session:

        async def worker() -> None:
            while True:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                script = scripts[i % len(scripts)]
                results.extend(await converse(session, url, f"{tag}-{bot}-{level}-{round_}-{i}", script, i))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(level)))
        wall = time.perf_counter() - started
    return LevelRun(bot, level, round_, wall, results)


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


#: The load would hit the per-conversation rate limit (bot/channels/limits.py) by design.
BENCH_ENV = {"QP_RATE_LIMIT": "off"}


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


# -- training ----------------------------------------------------------------------------------
def timed(args: List[str], cwd: Path, log: Path) -> float:
    started = time.monotonic()
    with open(log, "wb") as out:
        result = subprocess.run(
            args,
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        )
    if result.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(f"{' '.join(args[:3])} failed in {cwd}:\n{tail}")
    return time.monotonic() - started


def create_stock_project(folder: Path) -> List[str]:
    """What `rasa init --no-prompt --init-dir <folder>` does before training: copy Rasa's scaffold
    (rasa.cli.scaffold.create_initial_project, a local copy_tree; no download)."""
    code = (
        "import sys; from rasa.cli.scaffold import create_initial_project; "
        "create_initial_project(sys.argv[1])"
    )
    subprocess.run(
        [str(BIN / "python"), "-c", code, str(folder)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )


# -- statistics --------------------------------------------------------------------------------
def summarize(runs: List[LevelRun]) -> Dict[str, Any]:
    turns = [t for run in runs for t in run.turns]
    ok = [t.latency * 1000 for t in turns if t.ok]
    wall = sum(run.wall for run in runs)
    errors = defaultdict(int)
    for t in turns:
        if not t.ok:
            errors[t.error] += 1
    return {
        "messages": len(turns),
        "conversations": sum(len({t.conversation for t in r.turns}) for r in runs),
        "p50": percentile(ok, 50),
        "p95": percentile(ok, 95),
        "p99": percentile(ok, 99),
        "mean": sum(ok) / len(ok) if ok else float("nan"),
        "throughput": len(turns) / wall if wall else float("nan"),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "empty": sum(1 for t in turns if t.ok and t.replies == 0),
        "wall": wall,
    }


def per_turn(runs: List[List[Turn]]) -> List[float]:
    """Median latency (ms) of each turn over the repeats of a long conversation."""
    turns = max(len(r) for r in runs)
    return [percentile([r[i].latency * 1000 for r in runs if i < len(r)], 50) for i in range(turns)]


def growth(curve: List[float]) -> Dict[str, float]:
    first = curve[:10]
    last = curve[-10:]
    return {
        "turn5": curve[4],
        "turn200": curve[-1],
        "single": curve[-1] / curve[4],
        "first10": sum(first) / len(first),
        "last10": sum(last) / len(last),
        "window": (sum(last) / len(last)) / (sum(first) / len(first)),
    }


# -- the run -----------------------------------------------------------------------------------
async def drive(
    ours_url: str, stock_url: str, scripts: Dict[str, List[List[str]]], quick: bool
) -> Dict[str, Any]:
    urls = {"ours": ours_url, "stock": stock_url}
    counts = {level: max(level, n // (6 if quick else 1)) for level, n in CONVERSATIONS.items()}
    sent = {"ours": 0, "stock": 0}

    say("warm-up: 3 conversations each")
    for bot in ("ours", "stock"):
        run = await run_level(urls[bot], bot, scripts[bot], 1, 3, 0, "warmup")
        sent[bot] += 3
        if all(not t.ok for t in run.turns):
            raise RuntimeError(f"{bot}: every warm-up message failed ({run.turns[0].error})")

    level_runs: Dict[Tuple[str, int], List[LevelRun]] = defaultdict(list)
    for round_ in (1, 2):
        order = [
            (level, bot)
            for level in LEVELS
            for bot in (("ours", "stock") if round_ == 1 else ("stock", "ours"))
        ]
        if round_ == 2:
            order = order[::-1]
        for level, bot in order:
            run = await run_level(urls[bot], bot, scripts[bot], level, counts[level], round_, "load")
            sent[bot] += counts[level]
            level_runs[(bot, level)].append(run)
            s = summarize([run])
            say(
                f"round {round_} · {bot:5} · {level:2} concurrent: {s['messages']} messages in "
                f"{run.wall:.1f} s → {s['throughput']:.1f} msg/s, p50 {s['p50']:.0f} ms, "
                f"p95 {s['p95']:.0f} ms, errors {s['errors']}"
            )

    long_runs: Dict[str, List[List[Turn]]] = defaultdict(list)
    turns = 40 if quick else LONG_TURNS
    for rep in range(1 if quick else LONG_REPEATS):
        for bot in ("ours", "stock") if rep % 2 == 0 else ("stock", "ours"):
            script = long_script(scripts[bot], turns)
            async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)) as session:
                result = await converse(session, f"{urls[bot]}", f"long-{bot}-{rep}", script, rep)
            sent[bot] += 1
            long_runs[bot].append(result)
            curve = [t.latency * 1000 for t in result]
            say(
                f"{turns}-turn conversation {rep + 1} · {bot:5}: turn 5 {curve[4]:.0f} ms, "
                f"turn {turns} {curve[-1]:.0f} ms, errors {sum(not t.ok for t in result)}"
            )
    return {"levels": level_runs, "long": long_runs, "sent": sent, "counts": counts}


async def top_up(url: str, bot: str, scripts: List[List[str]], already: int, target: int) -> int:
    missing = max(0, target - already)
    if missing:
        short = [script[:3] for script in scripts]
        run = await run_level(url, bot, short, 50, missing, 0, "memory")
        s = summarize([run])
        say(
            f"{bot}: {missing} more conversations ({s['messages']} messages, {s['errors']} errors) "
            f"→ {target} in total"
        )
    return missing


def train_both(tmp: Path, stock_dir: Path, skip: bool) -> Dict[str, Optional[float]]:
    if skip:
        return {"ours": None, "stock": None}
    say("training the stock project (rasa train in its folder)…")
    stock_s = timed(
        [str(BIN / "rasa"), "train", "--out", str(tmp / "stock-train")], stock_dir, tmp / "stock-train.log"
    )
    say(f"stock trained in {stock_s:.0f} s; training ours (train_if_needed's command, --out tmp)…")
    ours_s = timed(
        [
            str(BIN / "rasa"),
            "train",
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            "data/nlu",
            "data/rules",
            "data/stories",
            "--out",
            str(tmp / "ours-train"),
            "--fixed-model-name",
            "quattropole",
        ],
        ROOT,
        tmp / "ours-train.log",
    )
    say(f"ours trained in {ours_s:.0f} s")
    return {"ours": ours_s, "stock": stock_s}


def run_nlu_eval() -> None:
    say("running the NLU evaluation (bench.nlu_eval; cached folds are reused)…")
    result = subprocess.run([str(BIN / "python"), "-m", "bench.nlu_eval"], cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError("bench.nlu_eval failed")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("QP_BENCH_PORT", 47000)))
    parser.add_argument(
        "--skip-nlu", action="store_true", help="don't run bench.nlu_eval; report its last results"
    )
    parser.add_argument("--skip-training", action="store_true", help="don't time training")
    parser.add_argument("--quick", action="store_true", help="smoke test: few messages")
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="render the report again from the last run's raw results "
        "(.run/bench/load_results.json), e.g. after `make nlu-eval`",
    )
    args = parser.parse_args(argv)
    if args.report_only:
        from bench.load_report import load_results, write_report

        write_report(args.report, load_results())
        say(f"wrote {args.report}")
        return 0
    if not MODEL.exists():
        print(f"{MODEL} is missing: run `make train`.", file=sys.stderr)
        return 1
    base = args.port_base
    ports = {
        "ours": base + 5,
        "actions": base + 55,
        "web": base + 80,
        "stock": base + 15,
        "api": base + 25,
        "proxy": base + 65,
    }
    busy = [f"{name} {port}" for name, port in ports.items() if not port_free(port)]
    if busy:
        print(f"Ports in use: {', '.join(busy)} (choose another --port-base).", file=sys.stderr)
        return 1

    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="qp-bench-"))
    stock_dir = tmp / "stock"
    stack = api = None
    stock = None
    try:
        say(f"temporary folder {tmp}")
        files = create_stock_project(stock_dir)
        say(f"stock project: Rasa's scaffold copied ({len(files)} files: {', '.join(files)})")
        training = train_both(tmp, stock_dir, args.skip_training)
        if args.skip_training:
            say("training the stock project (needed to serve it)…")
            timed(
                [str(BIN / "rasa"), "train", "--out", str(stock_dir / "models")],
                stock_dir,
                tmp / "stock-train.log",
            )
            stock_model = next((stock_dir / "models").glob("*.tar.gz"))
        else:
            stock_model = next((tmp / "stock-train").glob("*.tar.gz"))

        say("starting ours as `make run` does (Stack: actions, Rasa with SQLite, web)…")
        stack = Stack(ports["ours"], ports["actions"], ports["web"], db=tmp / "ours.db", env=BENCH_ENV)
        stack.start_action_server()
        load = {"ours": timed_rasa_start(stack)}
        stack.start_web()
        say(f"ours answers after {load['ours']:.1f} s")
        stock = StockServer(stock_dir, stock_model, ports["stock"])
        load["stock"] = stock.start()
        say(f"stock answers after {load['stock']:.1f} s")
        assert stack.processes["rasa"].pid and stock.process is not None
        pids = {"ours": stack.processes["rasa"].pid, "stock": stock.process.pid}
        memory = {
            "loaded": {bot: rss_mib(pid) for bot, pid in pids.items()},
            "actions_loaded": rss_mib(stack.processes["actions"].pid),
        }
        say(
            f"memory after loading: ours {memory['loaded']['ours']:.0f} MiB, "
            f"stock {memory['loaded']['stock']:.0f} MiB"
        )

        ours_scripts = our_scripts()
        scripts = {"ours": ours_scripts, "stock": stock_scripts(stock_dir, [len(s) for s in ours_scripts])}
        urls = {bot: f"http://localhost:{ports[bot]}/webhooks/rest/webhook" for bot in ("ours", "stock")}
        driven = asyncio.run(drive(urls["ours"], urls["stock"], scripts, args.quick))
        target = 60 if args.quick else MEMORY_CONVERSATIONS
        for bot in ("ours", "stock"):
            asyncio.run(top_up(urls[bot], bot, scripts[bot], driven["sent"][bot], target))
        memory["after"] = {bot: rss_mib(pid) for bot, pid in pids.items()}
        memory["actions_after"] = rss_mib(stack.processes["actions"].pid)
        memory["conversations"] = target
        say(
            f"memory after {target} conversations: ours {memory['after']['ours']:.0f} MiB, "
            f"stock {memory['after']['stock']:.0f} MiB"
        )
        stock.stop()

        say("breakdown: a third Rasa (same model, --enable-api, action calls through a timing proxy)…")
        api = Stack(
            ports["api"],
            ports["proxy"],
            ports["web"] + 1,
            db=tmp / "api.db",
            start_actions=False,
            extra_rasa_args=["--enable-api"],
            env=BENCH_ENV,
        )

        async def run_breakdown() -> Dict[str, Any]:
            proxy = ActionProxy(f"http://localhost:{ports['actions']}", ports["proxy"])
            await proxy.start()
            try:
                await asyncio.get_running_loop().run_in_executor(None, api.start_rasa)
                return await breakdown(
                    f"http://localhost:{ports['api']}",
                    proxy,
                    ours_scripts,
                    long_script(ours_scripts, 40 if args.quick else LONG_TURNS),
                    6 if args.quick else 24,
                )
            finally:
                await proxy.stop()

        parts = asyncio.run(run_breakdown())
        api.stop()
        say(f"breakdown: {len(parts['rows'])} messages and a {len(parts['long'])}-turn conversation")

        say("profile: our Rasa under cProfile (SIGINT writes the profile) over the same traffic…")
        profile = tmp / "rasa.prof"
        api = ProfiledStack(
            ports["api"],
            ports["actions"],
            ports["web"] + 1,
            db=tmp / "profile.db",
            start_actions=False,
            profile=profile,
            env=BENCH_ENV,
        )
        api.start_rasa(timeout=300)
        profile_scripts = ours_scripts[: 6 if args.quick else 24] + [
            long_script(ours_scripts, 40 if args.quick else 100)
        ]
        profiled = asyncio.run(
            run_level(
                f"http://localhost:{ports['api']}/webhooks/rest/webhook",
                "ours",
                profile_scripts,
                1,
                len(profile_scripts),
                0,
                "profile",
            )
        )
        api.stop_profiled()
        parts["profile"] = {
            "messages": len(profiled.turns),
            "rest_ms": sum(t.latency for t in profiled.turns) / len(profiled.turns) * 1000,
            "hot_spots": hot_spots(profile, len(profiled.turns)) if profile.exists() else [],
        }
        say(f"profile: {len(profiled.turns)} messages, {len(parts['profile']['hot_spots'])} hot spots read")
    except RuntimeError as error:
        print(f"The benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        for server in (api, stack, stock):
            if server is not None:
                server.stop()
    shutil.rmtree(tmp, ignore_errors=True)

    if not args.skip_nlu:
        try:
            run_nlu_eval()
        except RuntimeError as error:
            print(f"The benchmark failed: {error}", file=sys.stderr)
            return 1
    from bench.load_report import write_report

    write_report(
        args.report,
        {
            "driven": driven,
            "memory": memory,
            "load": load,
            "training": training,
            "breakdown": parts,
            "files": files,
            "quick": args.quick,
            "wall": time.monotonic() - started,
            "scripts": scripts,
            "model": {
                "path": str(MODEL.relative_to(ROOT)),
                "trained": dt.datetime.fromtimestamp(MODEL.stat().st_mtime, dt.timezone.utc).strftime(
                    "%Y-%m-%d %H:%M UTC"
                ),
            },  # noqa: UP017
        },
    )
    say(f"wrote {args.report.relative_to(ROOT) if args.report.is_relative_to(ROOT) else args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
