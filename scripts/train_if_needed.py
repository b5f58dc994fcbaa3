"""Train the model only when what it is built from has changed.

The fingerprint covers config.yml, domain.yml, data/nlu, data/rules, data/stories, the concept
lexicon (data/lexicon) and the code and data of our own NLU components (bot/). The facts store
is not in it: the entity patterns are read from data/facts when the model loads, so editing a
fact needs no retraining. The facts store's names that are concept features and known words
(bot/nlu/concepts.py, unknown_words.py) are saved in the model when it is trained, so serving
sees the names it was trained with until `--force` (or any other change) retrains it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bot.runtime.stack import PROJECT_FILES

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "quattropole.tar.gz"
FINGERPRINT = ROOT / "models" / "quattropole.fingerprint"
TMP_DIR = ROOT / "models" / ".training"
INPUTS = [
    "config.yml",
    "domain.yml",
    "data/nlu",
    "data/rules",
    "data/stories",
    "data/lexicon",
    "bot",
    "requirements.txt",
]
SUFFIXES = {".yml", ".yaml", ".py", ".txt", ".json"}


def fingerprint(root: Path = ROOT) -> str:
    """A digest of every input of training (INPUTS under `root`)."""
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if file.suffix not in SUFFIXES or "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="train even if nothing changed")
    args = parser.parse_args()
    want = fingerprint()
    if not args.force and MODEL.exists() and FINGERPRINT.exists() and FINGERPRINT.read_text() == want:
        print(f"Model is up to date: {MODEL.relative_to(ROOT)}")
        return 0
    print("Training the model (data, domain, config or components changed)...", flush=True)
    rasa = Path(sys.executable).with_name("rasa")
    result = subprocess.run(
        [
            str(rasa),
            "train",
            *PROJECT_FILES,
            "--out",
            str(TMP_DIR),
            "--fixed-model-name",
            "quattropole",
        ],
        cwd=ROOT,
    )
    if result.returncode != 0:
        return result.returncode
    # Swap the new model in at once: a server starting meanwhile never sees half a file.
    os.replace(TMP_DIR / MODEL.name, MODEL)
    FINGERPRINT.write_text(want)
    return 0


if __name__ == "__main__":
    sys.exit(main())
