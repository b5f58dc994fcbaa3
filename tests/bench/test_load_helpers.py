"""Pure helpers of the load benchmark's driver, bench.load_drive (no servers are started)."""

from __future__ import annotations

import os

import pytest

from bench.load_drive import (
    LevelRun,
    Turn,
    growth,
    long_script,
    our_scripts,
    parse_stat,
    per_turn,
    process_tree,
    rss_mib,
    summarize,
)


def test_parse_stat_handles_spaces_and_parentheses_in_the_command() -> None:
    assert parse_stat("1234 (rasa run (x)) S 77 1234 1234 0 -1 4194560") == (1234, 77)


def test_process_tree_and_rss_of_this_process() -> None:
    assert process_tree(os.getpid())[0] == os.getpid()
    assert rss_mib(os.getpid()) > 1


def test_summarize_counts_errors_and_throughput() -> None:
    turns = [
        Turn(0, 1, 0.1, True, replies=1),
        Turn(0, 2, 0.3, True, replies=0),
        Turn(1, 1, 0.2, True, replies=2),
        Turn(1, 2, 30.0, False, "timeout"),
    ]
    s = summarize([LevelRun("ours", 10, 1, 2.0, turns)])
    assert s["messages"] == 4 and s["conversations"] == 2
    assert s["throughput"] == pytest.approx(2.0)
    assert s["errors"] == 1 and s["error_kinds"] == {"timeout": 1}
    assert s["empty"] == 1
    assert s["p50"] == pytest.approx(200.0)  # failed turns are not in the latency percentiles


def test_per_turn_median_and_growth() -> None:
    runs = [
        [Turn(0, i + 1, (10 + i) / 1000, True) for i in range(20)],
        [Turn(0, i + 1, (30 + i) / 1000, True) for i in range(20)],
        [Turn(0, i + 1, (20 + i) / 1000, True) for i in range(20)],
    ]
    curve = per_turn(runs)
    assert curve[0] == pytest.approx(20.0) and curve[-1] == pytest.approx(39.0)
    g = growth(curve)
    assert g["turn5"] == pytest.approx(24.0)
    assert g["single"] == pytest.approx(39.0 / 24.0)
    assert g["window"] == pytest.approx(34.5 / 24.5)


def test_our_scripts_come_from_the_conversation_tests_and_long_script_cycles() -> None:
    scripts = our_scripts()
    assert len(scripts) >= 30 and all(scripts)
    assert any("und Trier?" in script for script in scripts)
    turns = long_script(scripts, 200)
    assert len(turns) == 200 and turns[0] == scripts[0][0]
    assert turns[-10:] == turns[:10]  # same texts at both ends: the ratio measures length only
    assert len(set(turns)) > 100


def test_cpu_seconds_counts_this_process_and_grows_with_work() -> None:
    from bench.load_drive import cpu_seconds

    before = cpu_seconds(os.getpid())
    sum(i * i for i in range(2_000_000))
    assert cpu_seconds(os.getpid()) > before >= 0


def test_models_loading_counts_only_what_was_logged_since_the_start(tmp_path) -> None:
    from bench.load_drive import models_loading, wait_workers

    log = tmp_path / "rasa.log"
    assert models_loading(log, 0) == 0
    log.write_text("old run: INFO rasa.core.processor - Loading model models/x.tar.gz...\n")
    offset = log.stat().st_size
    assert models_loading(log, 0) == 1 and models_loading(log, offset) == 0
    with open(log, "a") as out:
        out.write("INFO rasa.core.processor - Loading model models/x.tar.gz...\n" * 2)
    assert models_loading(log, offset) == 2
    # this (idle) test process stands in for a server whose workers have loaded
    assert wait_workers(log, offset, os.getpid(), 2, timeout=10)
    assert not wait_workers(log, offset, os.getpid(), 3, timeout=1)


def test_production_env_selects_the_prod_endpoints_and_keeps_rate_limits_off() -> None:
    from bench.load_drive import BENCH_ENV, production_env

    env = production_env("qp_bench_x")
    assert env["QP_ENDPOINTS"] == "endpoints.prod.yml" and env["QP_DB_NAME"] == "qp_bench_x"
    assert env["QP_RATE_LIMIT"] == BENCH_ENV["QP_RATE_LIMIT"] == "off"
    assert {"QP_DB_HOST", "QP_DB_PORT", "QP_REDIS_HOST", "QP_REDIS_PORT", "QP_REDIS_PASSWORD"} <= set(env)
