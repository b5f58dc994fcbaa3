"""``python -m bot.facts validate [path]``: check the store and print a summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from bot.facts.errors import FactsError
from bot.facts.loader import DEFAULT_PATH, load_store


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.facts", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="validate the facts store")
    validate.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)

    try:
        store = load_store(args.path)
    except FactsError as exc:
        print(f"invalid facts store:\n{exc}", file=sys.stderr)
        return 1
    for name, keys in store.files.items():
        if keys:
            print(f"{name}: {len(keys)} facts")
    facts = [store.fact(key) for key in store.keys()]
    time_bound = sum(1 for fact in facts if fact is not None and fact.time_bound)
    print(
        f"total: {len(store)} facts ({time_bound} time-bound), {len(store.cities)} cities, "
        f"{len(store.routes)} routes, {len(store.projects)} projects, "
        f"{len(store.entity_patterns())} entity patterns"
    )
    official = sum(1 for source in store.sources.values() if source.kind == "official")
    print(
        f"sources: {len(store.sources)} ({official} official); city services: "
        f"{len(store.service_topics)} topics, {len(store.all_pointers)} pointers"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
