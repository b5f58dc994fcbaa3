"""``python -m bot.facts validate``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.facts.__main__ import main
from bot.facts.loader import REPO_ROOT


def test_validate_real_store(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "data/facts/cities.yml: 33 facts" in out
    assert "total: 110 facts" in out


def test_validate_broken_store(store_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (store_copy / "office.yml").write_text(
        "office:\n  facts:\n    x: {text: {de: a, fr: b}}\n", encoding="utf-8"
    )
    assert main(["validate", str(store_copy)]) == 1
    err = capsys.readouterr().err
    assert "office.yml: office.facts.x.text.en: field required" in err


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.facts", "validate"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "total: 110 facts" in result.stdout
