#!/usr/bin/env bash
# Set up a fresh machine for Newsdesk: Qt's system libraries and a CJK font (Debian/Ubuntu, when run as
# root or with sudo), then a virtual environment in .venv with Newsdesk and its test tools.
set -euo pipefail
cd "$(dirname "$0")/.."
if command -v apt-get >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="$(command -v sudo || true)"; fi
  if [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; then
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null 2>&1 || true
    $SUDO apt-get install -y -qq --no-install-recommends \
      libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0 \
      libxcb-image0 libxcb-xinerama0 fonts-wqy-microhei >/dev/null 2>&1 \
      || echo "setup: some system libraries could not be installed; the app may not start" >&2
  fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e '.[test]'
