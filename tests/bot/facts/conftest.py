"""Fixtures for the facts store tests: a writable copy of the store to break (the real store
is tests/bot/conftest.py's `store`)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
import yaml

from bot.facts import DEFAULT_PATH


@pytest.fixture
def store_copy(tmp_path: Path) -> Path:
    """A copy of data/facts in tmp_path, for tests that break one thing at a time."""
    target = tmp_path / "facts"
    shutil.copytree(DEFAULT_PATH, target)
    return target


@pytest.fixture
def edit_yaml(store_copy: Path) -> Callable[[str, Callable[[dict], None]], Path]:
    """Load one file of the copy, let the test change the data, write it back."""

    def edit(file_name: str, change: Callable[[dict], None]) -> Path:
        path = store_copy / file_name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return edit
