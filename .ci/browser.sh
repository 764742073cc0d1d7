#!/bin/sh
# Install what the browser tests (pytest -m browser) need, as root on a fresh Debian machine:
# Debian's Chromium (Playwright's own browser download is not used: it needs the internet at
# test time) and the Python playwright package, which drives it over CDP.
# Then run, e.g.:  CI=1 pytest -m browser   (with CI set, a missing browser fails instead of skipping)
set -eu

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
# PYTHON: the interpreter the tests run under (a venv on Debian, whose system Python refuses pip)
"${PYTHON:-python3}" -m pip install "playwright>=1.40"

# fail here, not in the tests, if the browser cannot start headless
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --dump-dom about:blank >/dev/null 2>&1
"${PYTHON:-python3}" -c "import playwright.sync_api"
echo "browser tests ready: $(chromium --version 2>/dev/null)"
