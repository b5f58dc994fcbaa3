"""``make facts-review``: what staff should re-check in the facts store (a report, not a gate).

    python -m scripts.facts_review [--max-age YEARS] [--today YYYY-MM-DD] [--json]

Lists facts past their review date, events that have passed, sources older than
``--max-age`` years and facts on official topics that cite only press. Exit code 0 whatever
it finds; 1 only when the store itself is invalid.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional, Sequence

from bot.facts import FactsError, load_store
from bot.facts.review import DEFAULT_MAX_AGE_YEARS, format_text, review


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="facts_review", description=__doc__.splitlines()[0])
    parser.add_argument("--max-age", type=int, default=DEFAULT_MAX_AGE_YEARS, help="years (default 3)")
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=None, help="default: QP_TODAY or today"
    )
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--path", type=Path, default=None, help="facts directory (default data/facts)")
    args = parser.parse_args(argv)
    try:
        store = load_store(args.path)
    except FactsError as exc:
        print(f"invalid facts store:\n{exc}", file=sys.stderr)
        return 1
    report = review(store, today=args.today, max_age_years=args.max_age)
    if args.json:
        print(json.dumps({**report.as_dict(), "summary": report.summary()}, ensure_ascii=False, indent=2))
    else:
        print(format_text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
