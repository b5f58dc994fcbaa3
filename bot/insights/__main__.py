"""`make insights`: the staff report on the stored conversations.

    python -m bot.insights [--days N | --since DATE [--until DATE]] [--lang de|fr|en]
                           [--endpoints FILE] [--out DIR]

Reads the tracker store of endpoints.yml (SQLite) or of QP_ENDPOINTS (endpoints.prod.yml:
PostgreSQL, with the QP_DB_* variables) and writes DIR/insights.html and DIR/insights.json.
The language is --lang, else LANG (de_DE.UTF-8 → de) if it is de, fr or en, else German.
DATEs are UTC days; --until is inclusive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import List, Optional

from bot.insights.figures import LANGS, Period
from bot.insights.report import build, write
from bot.store_url import ROOT, database_url, retention_days

DEFAULT_DAYS = 30
DEFAULT_LANG = "de"


def report_language(flag: Optional[str], env_lang: Optional[str]) -> str:
    """--lang, else the language of LANG when the report has it, else German."""
    if flag:
        return flag
    code = (env_lang or "").split(".")[0].split("_")[0].lower()
    return code if code in LANGS else DEFAULT_LANG


def period_from(args: argparse.Namespace, now: float) -> Period:
    if args.since:
        since = dt.datetime.combine(args.since, dt.time(), dt.timezone.utc).timestamp()
        until = (
            now
            if args.until is None
            else dt.datetime.combine(
                args.until + dt.timedelta(days=1), dt.time(), dt.timezone.utc
            ).timestamp()
        )
        return Period(since, until)
    if args.until:
        raise SystemExit("--until needs --since")
    return Period(now - args.days * 86400, now)


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.insights", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--days", type=float, default=DEFAULT_DAYS, help=f"the last N days (default {DEFAULT_DAYS})"
    )
    parser.add_argument("--since", type=dt.date.fromisoformat, help="first day, YYYY-MM-DD")
    parser.add_argument("--until", type=dt.date.fromisoformat, help="last day, YYYY-MM-DD")
    parser.add_argument("--lang", choices=LANGS, help="report language (default: LANG, else de)")
    parser.add_argument(
        "--endpoints", type=Path, default=Path(os.environ.get("QP_ENDPOINTS") or "endpoints.yml")
    )
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    args = parser.parse_args(argv)
    if args.days <= 0:
        parser.error("--days must be positive")
    return args


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    from bot.facts import default_store

    endpoints = args.endpoints if args.endpoints.is_absolute() else ROOT / args.endpoints
    now = dt.datetime.now(dt.timezone.utc).timestamp()
    retention = retention_days()
    retention = int(retention) if retention.is_integer() else retention
    report = build(database_url(endpoints), period_from(args, now), default_store().keys(), retention)
    paths = write(report, report_language(args.lang, os.environ.get("LANG")), args.out)
    totals, unanswered = report["totals"], report["unanswered"]["all"]
    print(
        f"{totals['conversations']} conversations, {totals['messages']} messages, "
        f"{len(report['unanswered']['groups'])} groups of unanswered questions "
        f"({unanswered['fallback']} fallbacks, {unanswered['unknown']} unknown, "
        f"{unanswered['out_of_scope']} out of scope) -> {paths['html']}, {paths['json']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
