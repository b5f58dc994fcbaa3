"""The Makefile is the table of contents: `make help` lists every target, `make test` gates on `make check`."""

from __future__ import annotations

import re
from pathlib import Path

MAKEFILE = Path(__file__).resolve().parents[1] / "Makefile"


def targets() -> dict:
    """{target: (prerequisites, help text or None)} of every rule in the Makefile."""
    found = {}
    for line in MAKEFILE.read_text().splitlines():
        match = re.match(r"^([a-z][a-z-]*):(?!=)([^#]*)(?:## (.*))?$", line)
        if match:
            found[match.group(1)] = (match.group(2).split(), match.group(3))
    return found


def test_every_target_is_phony_and_has_a_help_line():
    rules = targets()
    phony = re.search(r"^\.PHONY:(.*)$", MAKEFILE.read_text(), re.M).group(1).split()
    assert sorted(rules) == sorted(phony)
    assert [name for name, (_, text) in rules.items() if not text] == []


def test_make_test_runs_the_fast_gate_first_and_the_gate_holds_lint_types_and_unit_tests():
    rules = targets()
    prerequisites = rules["test"][0]
    # check runs beside training (two cores), both before the conversation and integration tests
    assert prerequisites.index("check-and-train") < prerequisites.index("test-stories")
    assert prerequisites.index("check-and-train") < prerequisites.index("test-integration")
    recipe = re.search(r"^check-and-train:.*\n\t(.*)$", MAKEFILE.read_text(), re.M).group(1)
    assert recipe.split()[-2:] == ["check", "train"] and "-j2" in recipe
    assert rules["check"][0] == ["lint", "typecheck", "test-unit"]
