#!/usr/bin/env bash
# The browser tests drive Debian's chromium with Playwright (no browser download).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "chromium is missing; install Debian's 'chromium' package to run the browser tests." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
echo "Installing chromium from Debian's packages..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
