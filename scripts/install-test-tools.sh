#!/usr/bin/env bash
# Tools the browser tests need beyond Python: Debian's chromium (Playwright's own browser
# download does not work offline) and axe-core from npm. Installs what is missing, with
# apt-get when run as root; otherwise says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]} (install Debian's packages: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi

if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm install --no-audit --no-fund --no-package-lock --silent
fi
