#!/usr/bin/env bash
# Set up everything SuperAgent needs on this machine: a virtualenv with the package, and Chromium.
# Idempotent: re-running only does what is missing. Installs Debian packages only when running as root.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"

say() { printf '\033[1m[bootstrap]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[bootstrap] %s\033[0m\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = "0" ]; }
apt_install() {
  if is_root && command -v apt-get >/dev/null; then
    if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    return 0
  fi
  return 1
}

pick_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

if [ ! -x "$VENV/bin/python" ]; then
  PYTHON="$(pick_python)" || { apt_install python3 python3-venv && PYTHON="$(pick_python)"; } \
    || die "SuperAgent needs Python >= 3.11: install it (e.g. 'sudo apt-get install python3 python3-venv') and re-run."
  say "creating $VENV with $("$PYTHON" --version)"
  if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
    apt_install python3-venv || die "'$PYTHON -m venv' failed: install the venv module (e.g. 'sudo apt-get install python3-venv')."
    rm -rf "$VENV"; "$PYTHON" -m venv "$VENV"
  fi
fi

STAMP="$VENV/.installed"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  say "installing superagent and its dependencies into $VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install -q -e '.[dev]' 2>&1 | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c 'import superagent, playwright, pytest_playwright' \
    || die "installing the Python packages failed (see the pip output above)."
  touch "$STAMP"
fi

if ! "$VENV/bin/python" -c 'from superagent.browser.chromium import find_chromium; find_chromium()' 2>/dev/null; then
  say "Chromium not found; installing Debian's chromium package"
  apt_install chromium || die "Chromium is missing and this is not a root shell on Debian/Ubuntu. Install it with 'sudo apt-get install chromium' or set SUPERAGENT_CHROMIUM_PATH to a Chromium/Chrome executable, then re-run."
  "$VENV/bin/python" -c 'from superagent.browser.chromium import find_chromium; print(find_chromium())' >/dev/null \
    || die "chromium was installed but cannot be found"
fi
if [ "${SUPERAGENT_SANDBOX:-auto}" != off ] && ! command -v bwrap >/dev/null; then
  say "bubblewrap not found; installing Debian's bubblewrap package (generated tests run sandboxed in it)"
  apt_install bubblewrap || die "bubblewrap is missing and this is not a root shell on Debian/Ubuntu. Install it with 'sudo apt-get install bubblewrap', or set SUPERAGENT_SANDBOX=off to run generated tests unprotected."
fi
say "ready: $("$VENV/bin/superagent" --version), Chromium at $("$VENV/bin/python" -c 'from superagent.browser.chromium import find_chromium; print(find_chromium())')"
