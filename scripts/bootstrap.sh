#!/usr/bin/env bash
# Create .venv with Python 3.10 and install the pinned requirements. Running it twice is a no-op:
# the install is skipped while requirements.txt is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP=$VENV/.installed

find_python310() {
  local candidates=()
  [ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
  command -v python3.10 >/dev/null 2>&1 && candidates+=("$(command -v python3.10)")
  local root="${PYENV_ROOT:-$HOME/.pyenv}"
  if command -v pyenv >/dev/null 2>&1; then root="$(pyenv root)"; fi
  for p in "$root"/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do
    [ -x "$p" ] && candidates+=("$p")
  done
  for p in "${candidates[@]}"; do
    if "$p" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
      echo "$p"; return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 10) else 1)' 2>/dev/null; then
  if ! PY=$(find_python310); then
    cat >&2 <<'MSG'
Python 3.10 was not found. Rasa Open Source 3.6 needs Python 3.8-3.10.
Install it, for example with pyenv:   pyenv install 3.10.13
or with your package manager (python3.10 and python3.10-venv), or point PYTHON310 at it:
  PYTHON310=/path/to/python3.10 make run
MSG
    exit 1
  fi
  echo "Creating $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi
echo "Installing pinned requirements into $VENV (first time takes a few minutes)..."
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "pip==24.0"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
echo "$want" > "$STAMP"
echo "Installed."
