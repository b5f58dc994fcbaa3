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
   (two rounds, the second in the opposite order) so machine noise hits both alike, recording
   the CPU time of every process; then a 200-turn conversation on each (3 times, alternating);
   then tops both up to 1,000 conversations and reads the Rasa process tree's resident memory;
4. measures the limit and the breakdown of one turn (bench.load_breakdown): the bare NLU parse
   and the in-process turn with component timers, a third Rasa server whose action calls go
   through a timing proxy, and a cProfile of a fourth;
5. scale-out in the production setting (endpoints.prod.yml: PostgreSQL and Redis on loopback):
   1 and 2 Sanic workers (SANIC_WORKERS, Rasa's own way), same traffic;
6. runs `bench.nlu_eval` (intent F1 by cross-validation; `--skip-nlu` reuses the last one)
   and writes docs/benchmarks.md with the plots in docs/bench/ (bench.load_report).

Rate limits are off in every server of the run (`QP_RATE_LIMIT=off`, bot/channels/limits.py).
It exits 0 when the run completes, whether the targets are met or not (the report says which);
non-zero only when the run itself fails.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from bench.load_breakdown import ActionProxy, ProfiledStack, breakdown, hot_spots, run_components
from bench.load_drive import (
    BENCH_ENV,
    BIN,
    CONVERSATIONS,
    LONG_TURNS,
    MEMORY_CONVERSATIONS,
    MODEL,
    ROOT,
    Stack,
    StockServer,
    create_database,
    create_stock_project,
    drive,
    drop_database,
    long_script,
    our_scripts,
    port_free,
    production_env,
    rss_mib,
    run_level,
    say,
    scale_run,
    services_up,
    stock_scripts,
    summarize,
    timed,
    timed_rasa_start,
    top_up,
    train_both,
    wait_workers,
)
from bench.load_report import REPORT, load_results, write_report


def run_nlu_eval() -> None:
    say("running the NLU evaluation (bench.nlu_eval; cached folds are reused)…")
    result = subprocess.run([str(BIN / "python"), "-m", "bench.nlu_eval"], cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError("bench.nlu_eval failed")


def measure_components(ports: Dict[str, int], tmp: Path, scripts: List[List[str]]) -> Dict[str, Any]:
    """The bare parse and the in-process turn (bench.load_breakdown) over the conversations of
    the 1-concurrent level, against ours' running action server, in a child process."""
    config = Stack(
        ports["components"], ports["actions"], ports["web"] + 2, db=tmp / "components.db", env=BENCH_ENV
    )
    level_one = [scripts[i % len(scripts)] for i in range(CONVERSATIONS[1])]
    say(f"limit: bare parse and in-process turns of {sum(map(len, level_one))} messages (child process)…")
    measured = run_components(config.endpoints_file(), level_one, tmp / "components.json", config.env)
    parse = sorted(measured["parse"])
    say(f"limit: bare parse p50 {parse[len(parse) // 2]:.1f} ms")
    return measured


def measure_breakdown(
    ports: Dict[str, int], tmp: Path, scripts: List[List[str]], quick: bool
) -> Dict[str, Any]:
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
                scripts,
                long_script(scripts, 40 if quick else LONG_TURNS),
                6 if quick else 24,
            )
        finally:
            await proxy.stop()

    try:
        parts = asyncio.run(run_breakdown())
    finally:
        api.stop()
    say(f"breakdown: {len(parts['rows'])} messages and a {len(parts['long'])}-turn conversation")

    say("profile: our Rasa under cProfile (SIGINT writes the profile) over the same traffic…")
    profile = tmp / "rasa.prof"
    profiled_stack = ProfiledStack(
        ports["api"],
        ports["actions"],
        ports["web"] + 1,
        db=tmp / "profile.db",
        start_actions=False,
        profile=profile,
        env=BENCH_ENV,
    )
    try:
        profiled_stack.start_rasa(timeout=300)
        profile_scripts = scripts[: 6 if quick else 24] + [long_script(scripts, 40 if quick else 100)]
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
    finally:
        profiled_stack.stop_profiled()
    parts["profile"] = {
        "messages": len(profiled.turns),
        "rest_ms": sum(t.latency for t in profiled.turns) / len(profiled.turns) * 1000,
        "hot_spots": hot_spots(profile, len(profiled.turns)) if profile.exists() else [],
    }
    say(f"profile: {len(profiled.turns)} messages, {len(parts['profile']['hot_spots'])} hot spots read")
    return parts


def measure_scale_out(ports: Dict[str, int], scripts: List[List[str]], quick: bool) -> Dict[str, Any]:
    """1 and 2 Sanic workers in the production setting (PostgreSQL + Redis), same traffic."""
    probe = production_env("-")
    missing = services_up(probe)
    if missing:
        say(f"scale-out skipped: {missing}")
        return {"error": missing}
    setting = (
        "`QP_ENDPOINTS=endpoints.prod.yml` as docs/deployment.md says: `WindowedSQLTrackerStore` on "
        "PostgreSQL, Redis lock store, both on this machine's loopback; one action server; "
        "`SANIC_WORKERS=n` makes `rasa run` fork n Sanic workers, each with the model, sharing the port "
        "(Rasa allows more than one only with a lock store other than the in-memory one)."
    )
    runs: Dict[str, Dict[str, Any]] = {}
    tag = f"scale{int(time.time())}"
    for workers in (1, 2):
        database = create_database(probe["QP_DB_PORT"])
        env = {**production_env(database), "SANIC_WORKERS": str(workers), "QP_REPLY_TIMEOUT": "60"}
        stack = Stack(
            ports["scale"],
            ports["scale_actions"],
            ports["web"] + 3,
            endpoints=ROOT / "endpoints.prod.yml",
            env=env,
        )
        try:
            log = stack.logs / f"rasa.{ports['scale']}.log"
            offset = log.stat().st_size if log.exists() else 0
            stack.start_action_server()
            stack.start_rasa(timeout=300)
            if not wait_workers(log, offset, stack.processes["rasa"].pid, workers):
                raise RuntimeError(
                    f"{workers} Sanic workers did not finish loading:\n{stack.log_tail('rasa')}"
                )
            pids = {"rasa": stack.processes["rasa"].pid, "actions": stack.processes["actions"].pid}
            url = f"http://localhost:{ports['scale']}/webhooks/rest/webhook"
            asyncio.run(run_level(url, "ours", scripts, 10, 10, 0, f"{tag}-warmup-{workers}"))
            measured = asyncio.run(scale_run(url, pids, scripts, f"{tag}-{workers}", quick))
            runs[str(workers)] = {
                str(level): {
                    **{k: v for k, v in summarize([run]).items() if k != "error_kinds"},
                    "cpu_ms": {k: v * 1000 / max(1, len(run.turns)) for k, v in run.cpu.items()},
                }
                for level, run in measured.items()
            }
        finally:
            stack.stop()
            drop_database(database, probe["QP_DB_PORT"])
    return {"setting": setting, "runs": runs}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port-base", type=int, default=int(os.environ.get("QP_BENCH_PORT", 47000)))
    parser.add_argument(
        "--skip-nlu", action="store_true", help="don't run bench.nlu_eval; report its last results"
    )
    parser.add_argument("--skip-training", action="store_true", help="don't time training")
    parser.add_argument("--skip-scale", action="store_true", help="don't measure the scale-out")
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
        "components": base + 26,
        "proxy": base + 65,
        "scale": base + 35,
        "scale_actions": base + 75,
    }
    busy = [f"{name} {port}" for name, port in ports.items() if not port_free(port)]
    if busy:
        print(f"Ports in use: {', '.join(busy)} (choose another --port-base).", file=sys.stderr)
        return 1

    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="qp-bench-"))
    stock_dir = tmp / "stock"
    stack: Optional[Stack] = None
    stock: Optional[StockServer] = None
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
        memory: Dict[str, Any] = {
            "loaded": {bot: rss_mib(pid) for bot, pid in pids.items()},
            "actions_loaded": rss_mib(stack.processes["actions"].pid),
        }
        say(
            f"memory after loading: ours {memory['loaded']['ours']:.0f} MiB, stock {memory['loaded']['stock']:.0f} MiB"
        )

        ours_scripts = our_scripts()
        scripts = {"ours": ours_scripts, "stock": stock_scripts(stock_dir, [len(s) for s in ours_scripts])}
        urls = {bot: f"http://localhost:{ports[bot]}/webhooks/rest/webhook" for bot in ("ours", "stock")}
        cpu_pids = {
            "ours": {"rasa": pids["ours"], "actions": stack.processes["actions"].pid},
            "stock": {"rasa": pids["stock"]},
        }
        driven = asyncio.run(drive(urls["ours"], urls["stock"], scripts, args.quick, cpu_pids))
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
        stack.stop_process("rasa")  # its action server stays for the breakdown

        components = measure_components(ports, tmp, ours_scripts)
        parts = measure_breakdown(ports, tmp, ours_scripts, args.quick)
        stack.stop()
        scale = None if args.skip_scale else measure_scale_out(ports, ours_scripts, args.quick)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"The benchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        for server in (stack, stock):
            if server is not None:
                server.stop()
    shutil.rmtree(tmp, ignore_errors=True)

    if not args.skip_nlu:
        try:
            run_nlu_eval()
        except RuntimeError as error:
            print(f"The benchmark failed: {error}", file=sys.stderr)
            return 1
    write_report(
        args.report,
        {
            "driven": driven,
            "memory": memory,
            "load": load,
            "training": training,
            "breakdown": parts,
            "components": components,
            "scale": scale,
            "files": files,
            "quick": args.quick,
            "wall": time.monotonic() - started,
            "scripts": scripts,
            "model": {
                "path": str(MODEL.relative_to(ROOT)),
                "trained": dt.datetime.fromtimestamp(MODEL.stat().st_mtime, dt.timezone.utc).strftime(  # noqa: UP017
                    "%Y-%m-%d %H:%M UTC"
                ),
            },
        },
    )
    say(f"wrote {args.report.relative_to(ROOT) if args.report.is_relative_to(ROOT) else args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
