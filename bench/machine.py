"""The machine a benchmark ran on, for the reports: cores, CPU model, RAM, OS, Python, Rasa."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def describe() -> str:
    try:
        import rasa

        rasa_version = rasa.__version__
    except ImportError:  # pragma: no cover
        rasa_version = "?"
    return (
        f"{os.cpu_count()} cores (nproc) · {cpu_model()} · {ram_gib():.1f} GiB RAM · "
        f"{platform.platform()} · Python {platform.python_version()} · Rasa {rasa_version}"
    )
