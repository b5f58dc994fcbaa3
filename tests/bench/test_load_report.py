"""The load benchmark's breakdown helpers and report sections, on made-up measurements."""

from __future__ import annotations

import asyncio
import random

import pytest

from bench import load_report
from bench.load_breakdown import COMPONENTS, Timers, component_summary
from bench.load_drive import LEVELS, LevelRun, Turn
from bench.load_report import Figures, cpu_per_message, figures, missed_by, render


def level_run(bot: str, level: int, ms: float, wall: float, cpu: dict) -> LevelRun:
    rng = random.Random(level)
    turns = [Turn(i // 3, i % 3 + 1, (ms + rng.uniform(-1, 1)) / 1000, True, replies=1) for i in range(30)]
    return LevelRun(bot, level, 1, wall, turns, cpu)


def made_up_run() -> dict:
    """Ours twice as fast as stock at every level; a flat 200-turn curve for ours."""
    levels = {}
    for level in LEVELS:
        levels[("ours", level)] = [
            level_run("ours", level, 10.0 * level, 0.5, {"rasa": 0.3, "actions": 0.05, "driver": 0.1})
        ]
        levels[("stock", level)] = [
            level_run("stock", level, 20.0 * level, 1.0, {"rasa": 0.6, "driver": 0.1})
        ]
    long = {
        "ours": [[Turn(0, t + 1, 0.020, True, replies=1) for t in range(200)]],
        "stock": [[Turn(0, t + 1, 0.020 + t / 10000, True, replies=1) for t in range(200)]],
    }
    rows = [
        {
            "turn": n,
            "text": f"q{n}",
            "total": 0.03,
            "ok": True,
            "parse": 0.01,
            "action": 0.005,
            "calls": 2,
            "actions": ["action_validate_slot_mappings", "action_answer_city"],
            "payload_kib": 20.0,
            "rest": 0.015,
        }
        for n in range(1, 201)
    ]
    components = {
        "messages": 30,
        "repeats": 1,
        "parse": [4.0, 5.0, 6.0],
        "turns": [
            {
                "total": 20.0,
                "nlu": 6.0,
                "retrieve": 2.0,
                "save": 1.0,
                "policies": 3.0,
                "actions": 5.0,
                "calls": {"nlu": 1, "retrieve": 1, "save": 1, "policies": 2, "actions": 2},
            }
        ]
        * 4,
        "store": "bot.tracker_store.WindowedSQLTrackerStore",
    }
    summary = {
        "messages": 100,
        "conversations": 10,
        "p50": 30.0,
        "p95": 60.0,
        "p99": 70.0,
        "mean": 35.0,
        "throughput": 40.0,
        "errors": 0,
        "empty": 0,
        "wall": 2.5,
    }
    return {
        "driven": {
            "levels": levels,
            "long": long,
            "sent": {"ours": 10, "stock": 10},
            "counts": {1: 12, 10: 60, 50: 150},
        },
        "memory": {
            "loaded": {"ours": 800, "stock": 1000},
            "after": {"ours": 810, "stock": 1100},
            "actions_loaded": 60,
            "actions_after": 65,
            "conversations": 1000,
        },
        "load": {"ours": 20.0, "stock": 40.0},
        "training": {"ours": None, "stock": None},
        "breakdown": {
            "rows": rows[:30],
            "long": rows,
            "probes": [{"turn": 5, "predict": 0.02, "tracker": 0.005, "events": 30}],
        },
        "components": components,
        "scale": {
            "setting": "PostgreSQL and Redis.",
            "runs": {
                "1": {"50": {**summary, "cpu_ms": {"rasa": 20.0, "actions": 4.0, "driver": 3.0}}},
                "2": {
                    "50": {
                        **summary,
                        "throughput": 60.0,
                        "cpu_ms": {"rasa": 22.0, "actions": 4.0, "driver": 3.0},
                    }
                },
            },
        },
        "files": ["config.yml"],
        "quick": False,
        "wall": 600.0,
        "scripts": {"ours": [["Hallo"]], "stock": [["hi"]]},
        "model": {"path": "models/quattropole.tar.gz", "trained": "2026-12-06 08:00 UTC"},
    }


@pytest.fixture()
def no_nlu_scores(monkeypatch, tmp_path):
    monkeypatch.setattr(load_report, "NLU_SCORES", tmp_path / "missing.json")


def test_timers_add_up_sync_and_async_calls() -> None:
    class Thing:
        def work(self) -> int:
            return 1

        async def later(self) -> int:
            return 2

    timers = Timers()
    timers.wrap(Thing, "work", "sync", False)
    timers.wrap(Thing, "later", "async", True)
    thing = Thing()
    assert thing.work() == 1 and thing.work() == 1
    assert asyncio.run(thing.later()) == 2
    assert timers.calls == {"sync": 2, "async": 1}
    assert all(seconds >= 0 for seconds in timers.spent.values())
    timers.reset()
    assert timers.calls == {} and timers.spent == {}


def test_component_summary_leaves_the_rest_to_other() -> None:
    summary = component_summary(made_up_run()["components"])
    assert summary["parse_p50"] == pytest.approx(5.0)
    assert summary["turn_mean"] == pytest.approx(20.0)
    assert summary["mean"]["actions"] == pytest.approx(5.0)
    assert summary["other"] == pytest.approx(20.0 - 17.0)
    assert summary["calls"]["policies"] == pytest.approx(2.0)
    assert set(summary["labels"]) == {key for key, *_ in COMPONENTS}


def test_missed_by_says_how_far_off() -> None:
    assert missed_by(0.7, 0.8, at_most=True) == "met"
    assert missed_by(1.0, 0.8, at_most=True) == "**missed** by 25%"
    assert missed_by(1.2, 1.5, at_most=False) == "**missed** by 20%"
    assert missed_by(1.5, 1.5, at_most=False) == "met"


def test_cpu_per_message_divides_by_all_messages_of_the_runs() -> None:
    runs = [LevelRun("ours", 10, 1, 1.0, [Turn(0, 1, 0.1, True)] * 4, {"rasa": 0.1, "actions": 0.02})] * 2
    assert cpu_per_message(runs) == pytest.approx({"actions": 5.0, "rasa": 25.0})
    assert cpu_per_message([]) == {}


def test_the_report_has_the_targets_the_limit_the_scale_out_and_the_breakdown(no_nlu_scores) -> None:
    report = render(made_up_run())
    assert report.startswith("# Benchmarks")
    for heading in (
        "## Targets",
        "## The limit: one turn vs the bare NLU parse",
        "## Latency and throughput",
        "## Scale-out in the production setting",
        "## Where our latency goes, over HTTP",
        "## What the numbers say",
    ):
        assert heading in report
    # ours is twice as fast as stock: 0.5× latency, 2× throughput, at 10 and 50 concurrent
    assert "| latency p50 at 10 concurrent | 100 ms | 200 ms | 0.50× | ≤ 0.8× | met |" in report
    assert "| throughput at 50 concurrent | 60.0 msg/s | 30.0 msg/s | 2.00× | ≥ 1.5× | met |" in report
    # 1 concurrent p50 is ~10 ms against a bare parse of 5 ms: 2×, just at the goal
    assert "p50 vs the bare NLU parse" in report
    assert "| 2 | 50 | 100 | 30 | 60 | 60.0 | 1.50× |" in report
    assert "QP_RATE_LIMIT=off" in report
    assert "not measured (run `make nlu-eval`)" in report


def test_a_missed_target_says_by_how_much(no_nlu_scores) -> None:
    data = made_up_run()
    data["memory"]["after"]["ours"] = 1320  # 1.2× stock
    report = render(data)
    assert "| 1.20× | ≤ 1.0× | **missed** by 20% |" in report


def test_figures_of_a_run_without_the_new_measurements(no_nlu_scores) -> None:
    data = made_up_run()
    del data["components"]
    data["scale"] = {"error": "Redis does not answer on 127.0.0.1:6379"}
    fig = figures(data)
    assert isinstance(fig, Figures) and fig.parse_ratio is None
    report = render(data)
    assert "## The limit" not in report
    assert "Not measured: Redis does not answer on 127.0.0.1:6379." in report


def test_each_section_is_a_function_of_the_figures(no_nlu_scores) -> None:
    fig = figures(made_up_run())
    for section in load_report.SECTIONS:
        lines = section(fig)
        assert isinstance(lines, list) and all(isinstance(line, str) for line in lines)


def test_a_turn_far_above_the_bare_parse_gets_an_explanation(no_nlu_scores) -> None:
    data = made_up_run()
    data["driven"]["levels"][("ours", 1)] = [level_run("ours", 1, 30.0, 0.5, {})]  # 6× the parse
    report = render(data)
    row = next(line for line in report.splitlines() if line.startswith("| one turn at 1 concurrent"))
    assert "| ≤ 2.0× | **missed** by " in row  # about 6× the parse
    assert "Why the 2× goal is missed" in report and "2.0 action-server calls" in report
