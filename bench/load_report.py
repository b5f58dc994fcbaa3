"""Load benchmark, part 3: docs/benchmarks.md and its plots, from the measurements.

One function per section of the report, each returning its lines from the `Figures` of a run;
`write_report` puts them together. Reads bench.load_drive and bench.load_breakdown (their data
types and statistics), which never import this module.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

from bench import machine
from bench.load_breakdown import component_summary
from bench.load_drive import LEVELS, ROOT, LevelRun, Turn, growth, per_turn, summarize
from bench.stats import percentile

REPORT = ROOT / "docs" / "benchmarks.md"
PLOTS = ROOT / "docs" / "bench"
NLU_SCORES = PLOTS / "nlu_scores.json"
RESULTS = ROOT / ".run" / "bench" / "load_results.json"

# Targets (issue 18): ratios ours / stock, measured in the same run.
TARGET_PARSE_RATIO = 2.0  # one turn at 1 concurrent, p50 / bare NLU parse p50
TARGET_LATENCY_RATIO = 0.8  # p50 and p95 at 10 and 50 concurrent
TARGET_THROUGHPUT_RATIO = 1.5  # at 10 and 50 concurrent
TARGET_LEVELS = (10, 50)
TARGET_TURN_GROWTH = 1.2  # mean of the last 10 / first 10 turns of a 200-turn conversation
TARGET_MEMORY_RATIO = 1.0
TARGET_MACRO_F1 = 0.95
STOCK_REFERENCE = "about 58 messages/s at 10 concurrent, p50 about 140 ms, 7× slower at turn 200"

BOTS = ("ours", "stock")
COLORS = {"ours": "tab:blue", "stock": "tab:orange"}


def fmt(value: float | None, digits: int = 0, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.{digits}f}{unit}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _plt():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_levels(stats: Dict[str, Dict[int, Dict[str, Any]]], path: Path) -> None:
    plt = _plt()
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    for bot in BOTS:
        for q, style in (("p50", "-"), ("p95", "--"), ("p99", ":")):
            left.plot(
                LEVELS,
                [stats[bot][lv][q] for lv in LEVELS],
                style,
                marker="o",
                color=COLORS[bot],
                label=f"{bot} {q}",
            )
        right.plot(
            LEVELS, [stats[bot][lv]["throughput"] for lv in LEVELS], marker="o", color=COLORS[bot], label=bot
        )
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xticks(LEVELS, [str(lv) for lv in LEVELS])
    left.set_xlabel("concurrent conversations")
    left.set_ylabel("latency per message (ms)")
    left.legend(fontsize=7, ncol=2)
    right.set_xscale("log")
    right.set_xticks(LEVELS, [str(lv) for lv in LEVELS])
    right.set_xlabel("concurrent conversations")
    right.set_ylabel("messages/s")
    right.set_ylim(bottom=0)
    right.legend(fontsize=8)
    fig.suptitle("REST latency and throughput, ours vs stock `rasa init`")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_long(curves: Dict[str, List[float]], breakdown_long: List[Dict[str, Any]], path: Path) -> None:
    plt = _plt()
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    for bot in BOTS:
        left.plot(range(1, len(curves[bot]) + 1), curves[bot], color=COLORS[bot], label=bot, linewidth=1)
    left.set_yscale("log")
    left.set_xlabel("turn of one conversation")
    left.set_ylabel("latency (ms, median of the repeats)")
    left.set_title("latency along one long conversation")
    left.legend()
    turns = [r["turn"] for r in breakdown_long]
    window = 10

    def smooth(key: str) -> List[float]:
        values = [r[key] * 1000 for r in breakdown_long]
        return [
            sum(values[max(0, i - window + 1) : i + 1]) / len(values[max(0, i - window + 1) : i + 1])
            for i in range(len(values))
        ]

    right.stackplot(
        turns,
        smooth("parse"),
        smooth("action"),
        [max(0.0, v) for v in smooth("rest")],
        labels=["NLU parse", "action server calls", "rest (tracker store, policies, …)"],
        alpha=0.8,
    )
    right.set_xlabel("turn")
    right.set_ylabel(f"ms (moving mean of {window} turns)")
    right.set_title("ours: where the time goes along the conversation")
    right.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_breakdown(rows: List[Dict[str, Any]], path: Path) -> None:
    plt = _plt()
    by_kind: Dict[str, List[Dict[str, Any]]] = {}
    for row in rows:
        kind = (
            "+".join(a for a in row["actions"] if a != "action_validate_slot_mappings") or "no answer action"
        )
        by_kind.setdefault(kind, []).append(row)
    kinds = sorted(by_kind, key=lambda k: -len(by_kind[k]))[:8]
    fig, ax = plt.subplots(figsize=(10, 4))
    bottoms = [0.0] * len(kinds)
    for key, label in (("parse", "NLU parse"), ("action", "action server calls"), ("rest", "rest")):
        values = [sum(r[key] for r in by_kind[k]) / len(by_kind[k]) * 1000 for k in kinds]
        ax.bar(range(len(kinds)), values, bottom=bottoms, label=label)
        bottoms = [b + max(0.0, v) for b, v in zip(bottoms, values)]
    ax.set_xticks(
        range(len(kinds)), [f"{k}\n(n={len(by_kind[k])})" for k in kinds], fontsize=7, rotation=20, ha="right"
    )
    ax.set_ylabel("mean ms per message")
    ax.set_title("ours, one conversation at a time: latency by component and answering action")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def component_stats(rows: List[Dict[str, Any]]) -> Dict[str, Dict[str, float]]:
    out = {}
    for key in ("total", "parse", "action", "rest"):
        values = [r[key] * 1000 for r in rows]
        out[key] = {
            "mean": sum(values) / len(values),
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
        }
    return out


def save_results(data: Dict[str, Any], path: Path = RESULTS) -> None:
    """The raw measurements as JSON, so `--report-only` can render the report again."""
    driven = data["driven"]
    plain = {
        **{k: v for k, v in data.items() if k != "driven"},
        "driven": {
            "levels": [
                {"bot": bot, "level": level, "runs": [asdict(r) for r in runs]}
                for (bot, level), runs in driven["levels"].items()
            ],
            "long": {bot: [[asdict(t) for t in run] for run in runs] for bot, runs in driven["long"].items()},
            "sent": driven["sent"],
            "counts": driven["counts"],
        },
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plain, default=str))


def load_results(path: Path = RESULTS) -> Dict[str, Any]:
    plain = json.loads(path.read_text())
    driven = plain["driven"]
    plain["driven"] = {
        "levels": {
            (e["bot"], e["level"]): [
                LevelRun(
                    r["bot"],
                    r["level"],
                    r["round"],
                    r["wall"],
                    [Turn(**t) for t in r["turns"]],
                    r.get("cpu") or {},
                )
                for r in e["runs"]
            ]
            for e in driven["levels"]
        },
        "long": {bot: [[Turn(**t) for t in run] for run in runs] for bot, runs in driven["long"].items()},
        "sent": driven["sent"],
        "counts": {int(k): v for k, v in driven["counts"].items()},
    }
    return plain


# -- the figures of one run ---------------------------------------------------------------------
@dataclass
class Figures:
    """Everything the sections read, computed once from the raw measurements."""

    data: Dict[str, Any]
    stats: Dict[str, Dict[int, Dict[str, Any]]]
    curves: Dict[str, List[float]]
    grow: Dict[str, Dict[str, float]]
    cpu: Dict[str, Dict[int, Dict[str, float]]]  # bot → level → process → CPU ms per message
    comp: Dict[str, Dict[str, float]]  # proxy breakdown, ok rows
    components: Optional[Dict[str, Any]]  # in-process breakdown (component_summary)
    nlu: Optional[Dict[str, Any]]

    @property
    def turns(self) -> int:
        return len(self.curves["ours"])

    def ratio(self, level: int, key: str) -> float:
        return self.stats["ours"][level][key] / self.stats["stock"][level][key]

    @property
    def parse_ratio(self) -> Optional[float]:
        if not self.components:
            return None
        return self.stats["ours"][1]["p50"] / self.components["parse_p50"]

    @property
    def memory_ratio(self) -> float:
        memory = self.data["memory"]
        return memory["after"]["ours"] / memory["after"]["stock"]

    @property
    def memory_ratio_loaded(self) -> float:
        memory = self.data["memory"]
        return memory["loaded"]["ours"] / memory["loaded"]["stock"]


def cpu_per_message(runs: List[LevelRun]) -> Dict[str, float]:
    """CPU ms per message of each measured process tree over `runs` (empty if not measured)."""
    messages = sum(len(r.turns) for r in runs)
    names = sorted({name for r in runs for name in r.cpu})
    if not messages:
        return {}
    return {name: sum(r.cpu.get(name, 0.0) for r in runs) * 1000 / messages for name in names}


def figures(data: Dict[str, Any]) -> Figures:
    driven = data["driven"]
    stats = {bot: {lv: summarize(driven["levels"][(bot, lv)]) for lv in LEVELS} for bot in BOTS}
    curves = {bot: per_turn(driven["long"][bot]) for bot in BOTS}
    rows = data["breakdown"]["rows"]
    nlu = json.loads(NLU_SCORES.read_text()) if NLU_SCORES.exists() else None
    return Figures(
        data=data,
        stats=stats,
        curves=curves,
        grow={bot: growth(curves[bot]) for bot in BOTS},
        cpu={bot: {lv: cpu_per_message(driven["levels"][(bot, lv)]) for lv in LEVELS} for bot in BOTS},
        comp=component_stats([r for r in rows if r["ok"]]),
        components=component_summary(data["components"]) if data.get("components") else None,
        nlu=nlu,
    )


def missed_by(value: float, limit: float, at_most: bool) -> str:
    """'met', or how far off the limit the value is."""
    ok = value <= limit if at_most else value >= limit
    if ok:
        return "met"
    return f"**missed** by {abs(value / limit - 1) * 100:.0f}%"


# -- sections -----------------------------------------------------------------------------------
def section_header(fig: Figures) -> List[str]:
    data, driven = fig.data, fig.data["driven"]
    lines = [
        "# Benchmarks: our assistant vs the stock `rasa init` assistant",
        "",
        "Generated by `make bench` (`.venv/bin/python -m bench.load_bench`) — do not edit by hand."
        + (
            " **Quick smoke-test run (`--quick`): small samples, not for decisions.**"
            if data["quick"]
            else ""
        ),
        "",
        f"- date: {dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",  # noqa: UP017
        f"- machine: {machine.describe()}. Other work may share the CPU; both bots run in the "
        "same run, alternating, so noise hits both alike.",
        f"- run time: {data['wall'] / 60:.1f} min",
    ]
    if data.get("model"):
        lines.append(
            f"- model measured: `{data['model']['path']}`, trained {data['model']['trained']} "
            "(file time); the training times below are fresh `rasa train` runs of the project files at the time of the run."
        )
    lines += [
        "- ours: `models/quattropole.tar.gz` started as `make run` does (`Stack` from "
        "scripts/run.py: action server, `rasa run` with SQLite tracker store in a fresh temporary "
        "file, the web page), REST channel `bot.channels.rest.SafeRestInput`.",
        "- stock: Rasa's `rasa init` project (the scaffold copied by "
        "`rasa.cli.scaffold.create_initial_project`, i.e. what `rasa init --no-prompt` does before "
        f"it trains; {len(data['files'])} local files, nothing downloaded), trained with the same "
        "Rasa, served by `rasa run` from its folder with its own `endpoints.yml` (in-memory tracker "
        "store, no action server: its stories call no custom action) and `credentials.yml`.",
        "- traffic: REST `POST /webhooks/rest/webhook` over loopback, aiohttp, closed loop (each "
        "simulated user waits for the reply before the next turn), 30 s timeout per request. "
        f"Ours: the user turns of `tests/test_stories_{{de,fr,en}}.yml` ({len(data['scripts']['ours'])} "
        'conversations of 1–7 turns, languages interleaved, with follow-ups like "und Trier?"). '
        "Stock: its own `data/nlu.yml` phrases along its stories (greet → mood → affirm/deny, "
        "bot challenge, goodbye), the same number of turns per conversation.",
        f"- load levels 1, 10, 50 concurrent conversations ({', '.join(f'{lv}: {n}' for lv, n in driven['counts'].items())} "
        "conversations per level and round), two rounds, the second in reverse order "
        "(ours/stock alternate at every level).",
        "- rate limits off with the documented switch `QP_RATE_LIMIT=off` (bot/channels/limits.py, "
        "docs/deployment.md), for ours in every server of the run.",
        f"- stock figures quoted in the issue: {STOCK_REFERENCE}.",
        "",
    ]
    return lines


def section_targets(fig: Figures) -> List[str]:
    stats, grow, memory = fig.stats, fig.grow, fig.data["memory"]
    lines = [
        "## Targets",
        "",
        "| target | ours | stock / limit | ratio | goal | result |",
        "|---|---|---|---|---|---|",
    ]
    if fig.components:
        ratio = fig.parse_ratio or math.nan
        lines.append(
            f"| one turn at 1 concurrent, p50 vs the bare NLU parse (`Agent.parse_message`, same messages, same run) | "
            f"{stats['ours'][1]['p50']:.1f} ms | {fig.components['parse_p50']:.1f} ms | {ratio:.2f}× | "
            f"≤ {TARGET_PARSE_RATIO}× | {missed_by(ratio, TARGET_PARSE_RATIO, True)} |"
        )
    for lv in TARGET_LEVELS:
        o, s = stats["ours"][lv], stats["stock"][lv]
        for key, label in (("p50", "latency p50"), ("p95", "latency p95")):
            r = fig.ratio(lv, key)
            lines.append(
                f"| {label} at {lv} concurrent | {o[key]:.0f} ms | {s[key]:.0f} ms | {r:.2f}× | "
                f"≤ {TARGET_LATENCY_RATIO}× | {missed_by(r, TARGET_LATENCY_RATIO, True)} |"
            )
        r = fig.ratio(lv, "throughput")
        lines.append(
            f"| throughput at {lv} concurrent | {o['throughput']:.1f} msg/s | {s['throughput']:.1f} msg/s | "
            f"{r:.2f}× | ≥ {TARGET_THROUGHPUT_RATIO}× | {missed_by(r, TARGET_THROUGHPUT_RATIO, False)} |"
        )
    g, t = grow["ours"], fig.turns
    lines.append(
        f"| turn {t} vs turn 5 (ours; mean of turns {t - 9}–{t} / mean of turns 1–10) | "
        f"{g['window']:.2f}× ({g['last10']:.0f} / {g['first10']:.0f} ms); single turns {t}/5: {g['single']:.2f}× | "
        f"stock {grow['stock']['window']:.2f}× ({grow['stock']['last10']:.0f} / {grow['stock']['first10']:.0f} ms) | – | "
        f"≤ {TARGET_TURN_GROWTH}× | {missed_by(g['window'], TARGET_TURN_GROWTH, True)} |"
    )
    lines.append(
        f"| Rasa server memory (RSS, process tree) after {memory['conversations']} conversations | "
        f"{memory['after']['ours']:.0f} MiB | {memory['after']['stock']:.0f} MiB | {fig.memory_ratio:.2f}× | "
        f"≤ {TARGET_MEMORY_RATIO}× | {missed_by(fig.memory_ratio, TARGET_MEMORY_RATIO, True)} |"
    )
    lines.append(
        f"| Rasa server memory after loading | {memory['loaded']['ours']:.0f} MiB | "
        f"{memory['loaded']['stock']:.0f} MiB | {fig.memory_ratio_loaded:.2f}× | ≤ {TARGET_MEMORY_RATIO}× | "
        f"{missed_by(fig.memory_ratio_loaded, TARGET_MEMORY_RATIO, True)} |"
    )
    if fig.nlu:
        for lang in ("de", "fr", "en"):
            f1 = fig.nlu["macro_f1"]["ours"][lang]["macro_f1"]
            lines.append(
                f"| intent macro-F1, {lang} ({fig.nlu['k']}-fold CV of `make nlu-eval`, {fig.nlu['date']}; "
                f"[details](nlu_evaluation.md)) | {f1:.3f} | – | – | ≥ {TARGET_MACRO_F1} | "
                f"{missed_by(f1, TARGET_MACRO_F1, False)} |"
            )
    else:
        lines.append("| intent macro-F1 per language | not measured (run `make nlu-eval`) | | | ≥ 0.95 | – |")
    lines += [
        "",
        "The turn-growth target is judged on 10-turn windows: single turns differ in what they "
        "ask (a greeting vs a fact needing two action calls), the windows average over the same mix, "
        "and the last ten turns send the same texts as the first ten. Our tracker store "
        "(`WindowedSQLTrackerStore`, bot/tracker_store.py) loads a conversation's slots and active "
        "form plus its last 5 user turns, so the policies and the action server see the same amount "
        "of history at turn 200 as at turn 5; the stock bot keeps whole trackers in memory.",
        "",
    ]
    return lines


def section_limit(fig: Figures) -> List[str]:
    c = fig.components
    if not c:
        return []
    rest_1 = fig.stats["ours"][1]
    rest_mean = rest_1["mean"]
    lines = [
        "## The limit: one turn vs the bare NLU parse",
        "",
        f"In the same run, a child process loads the same model with the same endpoints as the served "
        f"bot (SQLite tracker store, the same action server) and measures, one message at a time, "
        f"over the {fig.data['components']['messages']} messages of the conversations the 1-concurrent "
        f"level sends ({fig.data['components']['repeats']} times each):",
        "",
        "- the **bare NLU parse**: `Agent.parse_message(text)`, the NLU pipeline alone (language "
        "detection, spaCy entity ruler, featurizers, classifier, fallbacks), no HTTP, no tracker;",
        "- the **in-process turn**: `Agent.handle_message` on the same conversations, with timers "
        "around Rasa's methods below (wrapped in that process only).",
        "",
        "| measure | p50 ms | mean ms |",
        "|---|---|---|",
        f"| bare NLU parse (`Agent.parse_message`) | {c['parse_p50']:.1f} | {c['parse_mean']:.1f} |",
        f"| 2× the bare parse: the goal for one REST turn | {2 * c['parse_p50']:.1f} | – |",
        f"| in-process turn (`Agent.handle_message`) | {c['turn_p50']:.1f} | {c['turn_mean']:.1f} |",
        f"| REST turn at 1 concurrent (the load run above) | {rest_1['p50']:.1f} | {rest_mean:.1f} |",
        "",
        "Where an in-process turn goes (mean per turn; calls per turn in brackets):",
        "",
        "| component | ms per turn | share of the in-process turn |",
        "|---|---|---|",
    ]
    for key, label in c["labels"].items():
        calls = c["calls"].get(key, 0.0)
        lines.append(
            f"| {label} ({calls:.2f} calls) | {c['mean'][key]:.1f} | {100 * c['mean'][key] / c['turn_mean']:.0f}% |"
        )
    lines += [
        f"| everything else in `handle_message` (session check, action_extract_slots' own work, "
        f"responses, locks, events) | {c['other']:.1f} | {100 * c['other'] / c['turn_mean']:.0f}% |",
        f"| **in-process turn** | **{c['turn_mean']:.1f}** | 100% |",
        f"| REST and channel on top (REST mean − in-process mean: Sanic, JSON, `SafeRestInput` and "
        f"its guard, the client) | {channel_cost(rest_mean, c['turn_mean'])} | – |",
        "",
    ]
    return lines


def channel_cost(rest_mean: float, in_process_mean: float) -> str:
    """REST mean minus in-process mean, in ms; the two are measured minutes apart, so when other
    work on the machine slowed the in-process turns more than the REST level, say so instead."""
    if rest_mean < in_process_mean:
        return "not measurable in this run (the in-process turns ran at a busier moment of the machine)"
    return f"{rest_mean - in_process_mean:.1f} ms"


def section_levels(fig: Figures) -> List[str]:
    lines = [
        "## Latency and throughput",
        "",
        "| bot | concurrent | conversations | messages | p50 ms | p95 ms | p99 ms | mean ms | messages/s | errors | empty replies |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for lv in LEVELS:
        for bot in BOTS:
            s = fig.stats[bot][lv]
            kinds = ", ".join(f"{k}: {n}" for k, n in s["error_kinds"].items())
            lines.append(
                f"| {bot} | {lv} | {s['conversations']} | {s['messages']} | {s['p50']:.0f} | {s['p95']:.0f} | "
                f"{s['p99']:.0f} | {s['mean']:.0f} | {s['throughput']:.1f} | {s['errors']}{f' ({kinds})' if kinds else ''} | {s['empty']} |"
            )
    lines += ["", "![latency and throughput per level](bench/load_levels.png)", ""]
    if any(fig.cpu[bot][lv] for bot in BOTS for lv in LEVELS):
        lines += [
            "CPU time per message, from `/proc/<pid>/stat` of each process tree before and after each "
            "level (the driver is this benchmark's own process, the load generator). The machine has "
            f"{os.cpu_count()} cores; a single Rasa process runs its Python on one of them, so its "
            "CPU per message bounds its throughput at about 1000 / (Rasa CPU ms) messages a second.",
            "",
            "| bot | concurrent | Rasa ms/msg | action server ms/msg | driver ms/msg | bound 1000 / Rasa ms |",
            "|---|---|---|---|---|---|",
        ]
        for lv in LEVELS:
            for bot in BOTS:
                cpu = fig.cpu[bot][lv]
                rasa = cpu.get("rasa", math.nan)
                lines.append(
                    f"| {bot} | {lv} | {fmt(rasa, 1)} | {fmt(cpu.get('actions'), 1) if bot == 'ours' else 'none'} | "
                    f"{fmt(cpu.get('driver'), 1)} | {fmt(1000 / rasa if rasa else None, 0)} msg/s |"
                )
        lines.append("")
    return lines


def section_long(fig: Figures) -> List[str]:
    turns, curves = fig.turns, fig.curves
    first = list(range(1, 11))
    last = list(range(turns - 9, turns + 1))
    lines = [
        f"## Latency along one {turns}-turn conversation",
        "",
        f"One conversation of {turns} turns per bot, {len(fig.data['driven']['long']['ours'])} times, alternating; "
        "per turn the median over the repeats. Ours cycles through the test-story turns of all three "
        "languages, stock through its own phrases; for both the last ten turns repeat the first ten, so the "
        "two ends send the same texts and differ only in how long the conversation is.",
        "",
    ]
    for window in (first, last):
        lines.append("| turn | " + " | ".join(str(t) for t in window) + " |")
        lines.append("|---|" + "---|" * len(window))
        for bot in BOTS:
            lines.append(f"| {bot} ms | " + " | ".join(f"{curves[bot][t - 1]:.0f}" for t in window) + " |")
        lines.append("")
    for bot in BOTS:
        gb = fig.grow[bot]
        lines.append(
            f"- {bot}: turn 5 {gb['turn5']:.0f} ms, turn {turns} {gb['turn200']:.0f} ms "
            f"({gb['single']:.1f}×); turns 1–10 mean {gb['first10']:.0f} ms, turns {turns - 9}–{turns} "
            f"mean {gb['last10']:.0f} ms ({gb['window']:.2f}×)."
        )
    lines += ["", "![latency along the conversation](bench/load_long_conversation.png)", ""]
    return lines


def section_memory(fig: Figures) -> List[str]:
    memory, load, training = fig.data["memory"], fig.data["load"], fig.data["training"]
    lines = [
        "## Memory, model load, training",
        "",
        "| | ours | stock | ratio |",
        "|---|---|---|---|",
        f"| Rasa server RSS after loading | {memory['loaded']['ours']:.0f} MiB | {memory['loaded']['stock']:.0f} MiB | {fig.memory_ratio_loaded:.2f}× |",
        f"| Rasa server RSS after {memory['conversations']} conversations | {memory['after']['ours']:.0f} MiB | {memory['after']['stock']:.0f} MiB | {fig.memory_ratio:.2f}× |",
        f"| action server RSS (loaded / after) | {memory['actions_loaded']:.0f} / {memory['actions_after']:.0f} MiB | none | – |",
        f"| model load: process start → server answers | {load['ours']:.1f} s | {load['stock']:.1f} s | {load['ours'] / load['stock']:.2f}× |",
    ]
    if training["ours"] is not None:
        lines.append(
            f"| training time (`rasa train` into a temporary folder) | {training['ours']:.0f} s | {training['stock']:.0f} s | {training['ours'] / training['stock']:.2f}× |"
        )
    else:
        lines.append("| training time | not measured (`--skip-training`) | | |")
    lines += [
        "",
        "RSS is the resident memory of the `rasa run` process and its descendants (from "
        "`/proc/<pid>/status`). Ours keeps conversations in SQLite; the stock bot keeps them in "
        "its in-memory tracker store, so its memory grows with the conversations. Model load "
        "is measured from spawning `rasa run` until `GET /` answers (Rasa loads the model before "
        "it serves), polled every 0.2–0.5 s. Ours is trained with the command of "
        "`scripts/train_if_needed.py` (only `--out` differs); stock with plain `rasa train` in "
        "its folder.",
        "",
    ]
    return lines


def section_scale_out(fig: Figures) -> List[str]:
    scale = fig.data.get("scale")
    if not scale:
        return []
    lines = ["## Scale-out in the production setting", ""]
    if scale.get("error"):
        return lines + [f"Not measured: {scale['error']}.", ""]
    lines += [
        f"{scale['setting']} Each setting starts fresh (new database), gets a warm-up, then "
        "the same closed-loop traffic as above at each level, one after the other.",
        "",
        "| Sanic workers | concurrent | messages | p50 ms | p95 ms | messages/s | vs 1 worker | errors | Rasa CPU ms/msg | action server CPU ms/msg | driver CPU ms/msg |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    runs = scale["runs"]  # workers (str) → level (str) → summary
    for workers in sorted(runs, key=int):
        for level in sorted(runs[workers], key=int):
            s = runs[workers][level]
            base = runs.get("1", {}).get(level)
            gain = s["throughput"] / base["throughput"] if base else math.nan
            cpu = s.get("cpu_ms") or {}
            lines.append(
                f"| {workers} | {level} | {s['messages']} | {s['p50']:.0f} | {s['p95']:.0f} | "
                f"{s['throughput']:.1f} | {gain:.2f}× | {s['errors']} | {fmt(cpu.get('rasa'), 1)} | "
                f"{fmt(cpu.get('actions'), 1)} | {fmt(cpu.get('driver'), 1)} |"
            )
    lines += [""]
    lines += scale_explanation(fig)
    return lines


def scale_explanation(fig: Figures) -> List[str]:
    runs = fig.data["scale"]["runs"]
    if "1" not in runs or "2" not in runs:
        return []
    level = str(max(int(k) for k in runs["2"]))
    one, two = runs["1"][level], runs["2"][level]
    cpu_two = two.get("cpu_ms") or {}
    total = sum(cpu_two.get(k, 0.0) for k in ("rasa", "actions", "driver"))
    cores = os.cpu_count() or 1
    ceiling = cores * 1000 / total if total else math.nan
    return [
        f"Why it grows by {two['throughput'] / one['throughput']:.2f}× and not 2×: at {level} concurrent "
        f"with 2 workers every message costs {total:.1f} ms of CPU in all ({fmt(cpu_two.get('rasa'), 1)} ms "
        f"in the Rasa workers, {fmt(cpu_two.get('actions'), 1)} ms in the action server, "
        f"{fmt(cpu_two.get('driver'), 1)} ms in the load generator), not counting PostgreSQL and Redis. "
        f"{cores} cores give at most {cores} × 1000 / {total:.1f} ≈ {ceiling:.0f} messages a second for all "
        "of them together; one worker is bounded by its own single core instead. The second worker "
        "can only use what the action server, the load generator, PostgreSQL and Redis leave of the "
        "second core. On a machine where those run elsewhere, each worker adds a core's worth.",
        "",
    ]


def section_breakdown(fig: Figures) -> List[str]:
    parts = fig.data["breakdown"]
    rows, long_rows, probes = parts["rows"], parts["long"], parts["probes"]
    comp = fig.comp
    calls = Counter(a for r in rows for a in r["actions"])
    per_msg = sum(r["calls"] for r in rows) / len(rows)
    lines = [
        "## Where our latency goes, over HTTP",
        "",
        "Measured on a third Rasa server (same model, same SQLite tracker store type, "
        "`--enable-api`) whose action-server calls go through a timing proxy in the benchmark "
        "process, one conversation at a time: for each message the REST round trip, the time of "
        "every `POST /webhook` to the action server (timed at the proxy, i.e. the action server's "
        "own time including reading the request), and `POST /model/parse` of the same text "
        "(the NLU pipeline alone, over HTTP). The rest is tracker store (SQLite read and write), "
        "policies, response selection, locks and the REST channel.",
        "",
        f"Mixed questions ({len(rows)} messages of {len({r['text'] for r in rows})} distinct texts; "
        f"{per_msg:.2f} action-server calls per message: "
        + ", ".join(f"{a} {n}" for a, n in calls.most_common(6))
        + "):",
        "",
        "| component | mean ms | p50 ms | p95 ms | share of mean |",
        "|---|---|---|---|---|",
    ]
    for key, label in (
        ("total", "REST round trip"),
        ("parse", "NLU parse (`POST /model/parse`)"),
        ("action", "action server calls"),
        ("rest", "rest"),
    ):
        c = comp[key]
        lines.append(
            f"| {label} | {c['mean']:.1f} | {c['p50']:.1f} | {c['p95']:.1f} | {100 * c['mean'] / comp['total']['mean']:.0f}% |"
        )
    lines += [
        "",
        "![latency by component](bench/load_breakdown.png)",
        "",
        f"Along a {len(long_rows)}-turn conversation (same breakdown; `POST /conversations/<id>/predict` "
        "retrieves the tracker and runs the policies without acting, `GET /conversations/<id>/tracker` "
        "retrieves and serialises the whole tracker):",
        "",
        "| turns | REST ms | NLU parse ms | action calls ms | action request KiB | rest ms |",
        "|---|---|---|---|---|---|",
    ]
    for a, b in long_windows(len(long_rows)):
        w = window_stats(long_rows, a, b)
        lines.append(
            f"| {a}–{b} | {w['total']:.0f} | {w['parse']:.0f} | {w['action']:.0f} | {w['kib']:.0f} | {w['rest']:.0f} |"
        )
    lines += [
        "",
        "| turn | events in tracker | predict (retrieval + policies) ms | GET tracker ms |",
        "|---|---|---|---|",
    ]
    for p in probes:
        lines.append(
            f"| {p['turn']} | {p['events']} | {p['predict'] * 1000:.0f} | {p['tracker'] * 1000:.0f} |"
        )
    lines.append("")
    return lines


def long_windows(n: int) -> List[tuple]:
    return [(1, 10), (n // 2 - 4, n // 2 + 5), (n - 9, n)]


def window_stats(long_rows: List[Dict[str, Any]], a: int, b: int) -> Dict[str, float]:
    sel = [r for r in long_rows if a <= r["turn"] <= b]
    mean = {k: sum(r[k] for r in sel) / len(sel) * 1000 for k in ("total", "parse", "action", "rest")}
    return {**mean, "kib": sum(r["payload_kib"] for r in sel) / len(sel)}


def section_profile(fig: Figures) -> List[str]:
    profile = fig.data["breakdown"].get("profile") or {}
    if not profile.get("hot_spots"):
        return []
    lines = [
        f"Inside the Rasa process: cProfile of a fourth server (same model and store) over "
        f"{profile['messages']} messages (the short conversations and one long one), one at a "
        "time. cProfile slows Python code down, so read the shares, not the absolute times; "
        '"…" rows are part of the row above.',
        "",
        "| where | profiler entries per message (a coroutine counts each resumption) | ms per message (profiled) | share of the profiled REST round trip |",
        "|---|---|---|---|",
    ]
    for row in profile["hot_spots"]:
        lines.append(
            f"| {row['label']} | {row['calls_per_message']:.1f} | {row['ms_per_message']:.1f} | "
            f"{100 * row['ms_per_message'] / profile['rest_ms']:.0f}% |"
        )
    lines += [f"| REST round trip (client side, profiled) | – | {profile['rest_ms']:.1f} | 100% |", ""]
    return lines


def section_analysis(fig: Figures) -> List[str]:
    stats, comp = fig.stats, fig.comp
    parts = fig.data["breakdown"]
    rows, long_rows, probes = parts["rows"], parts["long"], parts["probes"]
    per_msg = sum(r["calls"] for r in rows) / len(rows)
    windows = long_windows(len(long_rows))
    early, late = window_stats(long_rows, *windows[0]), window_stats(long_rows, *windows[-1])
    growth_ms = {k: late[k] - early[k] for k in ("parse", "action", "rest")}
    lines = ["## What the numbers say", ""]
    c = fig.components
    if c:
        ratio = fig.parse_ratio or math.nan
        biggest = sorted(c["mean"].items(), key=lambda kv: -kv[1])[:3]
        lines.append(
            f"- One turn at 1 concurrent takes {stats['ours'][1]['p50']:.1f} ms at p50, {ratio:.2f}× the bare "
            f"NLU parse ({c['parse_p50']:.1f} ms). In-process the turn takes {c['turn_mean']:.1f} ms on average; "
            "its largest parts: "
            + "; ".join(f"{c['labels'][k].split(' (')[0]} {v:.1f} ms" for k, v in biggest)
            + f"; REST and the channel add {channel_cost(stats['ours'][1]['mean'], c['turn_mean'])}."
        )
    if c and (fig.parse_ratio or 0) > TARGET_PARSE_RATIO:
        budget = TARGET_PARSE_RATIO * c["parse_p50"]
        besides = stats["ours"][1]["p50"] - c["parse_p50"]
        m = c["mean"]
        lines.append(
            f"- Why the 2× goal is missed: 2× the parse leaves {budget - c['parse_p50']:.1f} ms for everything "
            f"but the NLU, and a turn spends about {besides:.1f} ms there (p50): "
            f"{c['calls']['actions']:.1f} action-server calls ({m['actions']:.1f} ms: Rasa serialises the tracker, "
            "makes an HTTP request, the action server runs, Rasa validates the reply), "
            f"{c['calls']['policies']:.1f} policy predictions ({m['policies']:.1f} ms: each is a run of Rasa's graph), "
            f"the tracker store ({m['retrieve'] + m['save']:.1f} ms), the rest of Rasa's turn ({c['other']:.1f} ms) "
            f"and REST ({channel_cost(stats['ours'][1]['mean'], c['turn_mean'])}). The language slot needs one action "
            "call every turn (`action_validate_slot_mappings`, a custom slot mapping) and the answer another; "
            "moving either into the Rasa process would take a patch of Rasa's slot extraction, which this "
            "project avoids."
        )
    lines.append(
        f"- Over HTTP, per message at 1 concurrent: NLU parse {comp['parse']['mean']:.0f} ms, action-server "
        f"calls {comp['action']['mean']:.0f} ms ({per_msg:.1f} calls per message), the rest "
        f"{comp['rest']['mean']:.0f} ms of {comp['total']['mean']:.0f} ms."
    )
    lines.append(
        f"- From turns 1–10 to turns {windows[-1][0]}–{windows[-1][1]} the latency changes by "
        f"{late['total'] - early['total']:+.0f} ms: NLU {growth_ms['parse']:+.0f} ms, action calls "
        f"{growth_ms['action']:+.0f} ms (request {early['kib']:.0f} → {late['kib']:.0f} KiB), rest {growth_ms['rest']:+.0f} ms."
    )
    if probes:
        lines.append(
            f"- Tracker retrieval + policies (`/predict`): {probes[0]['predict'] * 1000:.0f} ms at turn {probes[0]['turn']} "
            f"→ {probes[-1]['predict'] * 1000:.0f} ms at turn {probes[-1]['turn']} "
            f"({probes[0]['events']} → {probes[-1]['events']} events)."
        )
    for lv in LEVELS:
        o, s = stats["ours"][lv], stats["stock"][lv]
        lines.append(
            f"- {lv} concurrent: p50 {fig.ratio(lv, 'p50'):.2f}× stock, p95 {fig.ratio(lv, 'p95'):.2f}×, "
            f"throughput {o['throughput']:.1f} vs {s['throughput']:.1f} msg/s ({fig.ratio(lv, 'throughput'):.2f}×)."
        )
    cpu10 = {bot: fig.cpu[bot][10] for bot in BOTS}
    if cpu10["ours"].get("rasa") and cpu10["stock"].get("rasa"):
        lines.append(
            f"- CPU per message at 10 concurrent: ours {cpu10['ours']['rasa']:.1f} ms in Rasa + "
            f"{cpu10['ours'].get('actions', 0):.1f} ms in the action server, stock {cpu10['stock']['rasa']:.1f} ms "
            f"in Rasa. Once a bot is saturated, its throughput ratio is about the inverse ratio of Rasa CPU "
            f"per message ({cpu10['stock']['rasa'] / cpu10['ours']['rasa']:.2f}×), and at a fixed number of "
            "waiting users its latency ratio follows (closed loop: latency ≈ users / throughput)."
        )
    lines.append("")
    return lines


def section_nlu(fig: Figures) -> List[str]:
    nlu = fig.nlu
    if not nlu:
        return []
    lines = [
        "## Understanding quality",
        "",
        f"From `make nlu-eval` ({nlu['date']}; full report: [nlu_evaluation.md](nlu_evaluation.md), "
        "language identification: [language_benchmark.md](language_benchmark.md)). "
        "`make bench` reruns it unless `BENCH_ARGS=--skip-nlu`, which reports its last results.",
        "",
        "| pipeline | de | fr | en | all |",
        "|---|---|---|---|---|",
    ]
    for name, per in nlu["macro_f1"].items():
        lines.append(
            f"| {name} (intent macro-F1) | "
            + " | ".join(f"{per[b]['macro_f1']:.3f}" for b in ("de", "fr", "en", "all"))
            + " |"
        )
    for label, per in (nlu.get("entity_f1") or {}).items():
        lines.append(
            f"| entity F1, {label} | "
            + " | ".join(f"{per.get(b, float('nan')):.3f}" for b in ("de", "fr", "en", "all"))
            + " |"
        )
    lines.append("")
    return lines


SECTIONS = (
    section_header,
    section_targets,
    section_limit,
    section_levels,
    section_long,
    section_memory,
    section_scale_out,
    section_breakdown,
    section_profile,
    section_analysis,
    section_nlu,
)


def render(data: Dict[str, Any]) -> str:
    fig = figures(data)
    return "\n".join(line for section in SECTIONS for line in section(fig)) + "\n"


def write_plots(data: Dict[str, Any]) -> None:
    fig = figures(data)
    PLOTS.mkdir(parents=True, exist_ok=True)
    rows = [r for r in data["breakdown"]["rows"] if r["ok"]]
    plot_levels(fig.stats, PLOTS / "load_levels.png")
    plot_long(fig.curves, data["breakdown"]["long"], PLOTS / "load_long_conversation.png")
    plot_breakdown(rows, PLOTS / "load_breakdown.png")


def write_report(path: Path, data: Dict[str, Any]) -> None:
    try:
        save_results(data)
    except Exception as error:  # the report matters more than the raw dump
        print(f"could not save the raw results: {error}")
    write_plots(data)
    path.write_text(render(data), encoding="utf-8")
