#!/usr/bin/env bash
# Set up a fresh machine for Newsdesk: Qt's system libraries and a CJK font (Debian/Ubuntu, when run as
# root or with sudo; only the packages not installed yet), then a virtual environment in .venv with Newsdesk
# and its test tools. It warns only about what is really missing at the end: a package that did not
# install, a library Qt's window needs (ldd on Qt's xcb platform plugin), a font for Chinese (fc-list).
#
#   bash scripts/setup.sh           set up
#   bash scripts/setup.sh --system  only the system packages (e.g. as root, before each user's .venv)
#   bash scripts/setup.sh --check   only say what is missing (nothing when all is there)
# With --system or --check the exit status is 1 when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
  libxcb-image0 libxcb-xinerama0 fonts-wqy-microhei)
warned=0

warn() {
  echo "setup: $*" >&2
  warned=1
}

missing_packages() {  # the PACKAGES dpkg does not have installed (Ubuntu's "t64" rename counts as installed)
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local p
  for p in "${PACKAGES[@]}"; do
    { dpkg-query -W -f='${Status}\n' "$p" "${p}t64" 2>/dev/null || true; } | grep -q "install ok installed" \
      || echo "$p"
  done
}

install_packages() {
  command -v apt-get >/dev/null 2>&1 || return 0
  local need sudo="" log
  need="$(missing_packages)"
  [ -n "$need" ] || return 0
  if [ "$(id -u)" != 0 ]; then
    sudo="$(command -v sudo || true)"
    if [ -z "$sudo" ]; then
      warn "not root and no sudo: install the missing system packages yourself: apt-get install" $need
      return 0
    fi
  fi
  log="$(mktemp)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >"$log" 2>&1 || true
  # shellcheck disable=SC2086  # one word a package
  $sudo apt-get install -y -qq --no-install-recommends $need >>"$log" 2>&1 || true
  need="$(missing_packages)"
  if [ -n "$need" ]; then
    warn "these system packages could not be installed:" $need
    sed 's/^/setup:   apt: /' "$log" | grep -iE "^setup:   apt: (E:|W:|err)" | tail -5 >&2 || true
  fi
  rm -f "$log"
}

check_qt() {  # the libraries Qt's window (the xcb platform) loads, as the dynamic linker finds them
  [ -x .venv/bin/python ] && command -v ldd >/dev/null 2>&1 || return 0
  local qt plugin lost
  qt="$(.venv/bin/python -c 'import os, PySide6; print(os.path.dirname(PySide6.__file__))' 2>/dev/null)" \
    || { warn "PySide6 did not install in .venv: the app cannot start"; return 0; }
  plugin="$qt/Qt/plugins/platforms/libqxcb.so"
  [ -e "$plugin" ] || return 0
  lost="$(ldd "$plugin" 2>/dev/null | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')"
  if [ -n "$lost" ]; then
    warn "the app's window cannot open, these libraries are missing: $lost(the headless commands and" \
      "--screenshot work without them)"
  fi
}

check_font() {
  command -v fc-list >/dev/null 2>&1 || return 0
  if [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
    warn "no font for Chinese text: the window shows boxes (install fonts-wqy-microhei or another CJK font)"
  fi
}

case "${1:-}" in
  --check)
    need="$(missing_packages)"
    [ -z "$need" ] || warn "system packages not installed:" $need
    check_qt
    check_font
    exit "$warned";;
  --system)
    install_packages
    check_font
    exit "$warned";;
  "") ;;
  *) echo "usage: bash scripts/setup.sh [--system|--check]" >&2; exit 2;;
esac

install_packages
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/pip install -q -e '.[test]'
check_qt
check_font
