"""Load benchmark, part 1: drive the bots over REST and read what that costs.

The conversations (ours from the conversation tests, stock from its own data), the servers
(stock `rasa run`; ours is scripts/run.py's `Stack`), the closed-loop REST driver, the memory of
a process tree, the statistics of a run, and timing `rasa train`. No report, no breakdown:
bench.load_breakdown and bench.load_report import from here, never the other way round.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import aiohttp
import yaml

from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent
from bot.runtime.stack import BIN, MODEL, PROJECT_FILES, Stack, wait_http  # noqa: E402, F401  (MODEL for bench.load_bench)

STORIES = [ROOT / "tests" / f"test_stories_{lang}.yml" for lang in ("de", "fr", "en")]

LEVELS = (1, 10, 50)
#: Conversations per level and round (two rounds): bounded request counts.
CONVERSATIONS = {1: 12, 10: 60, 50: 150}
LONG_TURNS = 200
LONG_REPEATS = 3
MEMORY_CONVERSATIONS = 1000
REQUEST_TIMEOUT = 30.0

#: The load would hit the per-conversation rate limit (bot/channels/limits.py) by design:
#: the documented switch turns the rate limits off for benchmarks and load tests.
BENCH_ENV = {"QP_RATE_LIMIT": "off"}


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


def cpu_seconds(root: int) -> float:
    """User + system CPU time of a process and all its living descendants, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in process_tree(root):
        try:
            line = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = line[line.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / ticks


def driver_cpu() -> float:
    """CPU seconds of this process (the load generator)."""
    times = os.times()
    return times.user + times.system


async def run_measured(
    pids: Dict[str, int],
    url: str,
    bot: str,
    scripts: List[List[str]],
    level: int,
    count: int,
    round_: int,
    tag: str,
) -> LevelRun:
    """`run_level`, recording the CPU time each process tree of `pids` and the driver spent."""
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    before_driver = driver_cpu()
    run = await run_level(url, bot, scripts, level, count, round_, tag)
    run.cpu = {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}
    run.cpu["driver"] = driver_cpu() - before_driver
    return run


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
    #: CPU seconds spent during the run, per process tree ("rasa", "actions", "driver").
    cpu: Dict[str, float] = field(default_factory=dict)


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
    ours_url: str,
    stock_url: str,
    scripts: Dict[str, List[List[str]]],
    quick: bool,
    pids: Optional[Dict[str, Dict[str, int]]] = None,
) -> Dict[str, Any]:
    """`pids`: per bot, the process trees whose CPU time each level records."""
    pids = pids or {"ours": {}, "stock": {}}
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
            run = await run_measured(
                pids[bot], urls[bot], bot, scripts[bot], level, counts[level], round_, "load"
            )
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
            *PROJECT_FILES,
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


# -- scale-out in the production setting --------------------------------------------------------
#: Concurrent conversations and conversations per scale-out run.
SCALE_LEVELS = {10: 60, 50: 150}


def production_env(database: str) -> Dict[str, str]:
    """docs/deployment.md's production setting on this machine: endpoints.prod.yml with
    PostgreSQL and Redis on loopback (the local superuser, no password)."""
    return {
        **BENCH_ENV,
        "QP_ENDPOINTS": "endpoints.prod.yml",
        "QP_DB_HOST": "127.0.0.1",
        "QP_DB_PORT": os.environ.get("QP_BENCH_PG_PORT", "5432"),
        "QP_DB_NAME": database,
        "QP_DB_USER": "postgres",
        "QP_DB_PASSWORD": "",
        "QP_REDIS_HOST": "127.0.0.1",
        "QP_REDIS_PORT": os.environ.get("QP_BENCH_REDIS_PORT", "6379"),
        "QP_REDIS_PASSWORD": "",
    }


def services_up(env: Dict[str, str]) -> Optional[str]:
    """None when PostgreSQL and Redis answer, else what is missing."""
    for name, port in (("PostgreSQL", env["QP_DB_PORT"]), ("Redis", env["QP_REDIS_PORT"])):
        try:
            socket.create_connection(("127.0.0.1", int(port)), timeout=2).close()
        except OSError:
            return f"{name} does not answer on 127.0.0.1:{port}"
    return None


def create_database(port: str) -> str:
    import uuid

    import psycopg2

    name = f"qp_bench_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(host="127.0.0.1", port=int(port), user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return name


def drop_database(name: str, port: str) -> None:
    import psycopg2

    admin = psycopg2.connect(host="127.0.0.1", port=int(port), user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def models_loading(log: Path, offset: int) -> int:
    """How many Sanic workers have started loading the model since `offset` of the (appended)
    Rasa log: each logs "Loading model" once (`rasa run` logs no line when it is done)."""
    if not log.exists():
        return 0
    with open(log, "rb") as handle:
        handle.seek(offset)
        return handle.read().decode(errors="replace").count("Loading model")


def wait_workers(log: Path, offset: int, root: int, workers: int, timeout: float = 300) -> bool:
    """True once every worker has started loading the model and the process tree is idle
    (loading a model keeps a core busy: idle means loaded); False after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if models_loading(log, offset) >= workers:
            before = cpu_seconds(root)
            time.sleep(2)
            if cpu_seconds(root) - before < 0.2:
                return True
        else:
            time.sleep(1)
    return False


async def scale_run(
    url: str, pids: Dict[str, int], scripts: List[List[str]], tag: str, quick: bool
) -> Dict[int, LevelRun]:
    runs = {}
    for level, count in SCALE_LEVELS.items():
        count = max(level, count // (6 if quick else 1))
        runs[level] = await run_measured(pids, url, "ours", scripts, level, count, 1, tag)
        s = summarize([runs[level]])
        say(
            f"scale-out {tag} · {level:2} concurrent: {s['throughput']:.1f} msg/s, p50 {s['p50']:.0f} ms, "
            f"p95 {s['p95']:.0f} ms, errors {s['errors']}"
        )
    return runs
