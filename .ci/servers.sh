#!/bin/sh
# Install what the server tests (pytest -m server) need, as root on a fresh Debian machine:
# OpenLink Virtuoso from Debian and Oxigraph's server from PyPI. tests/servers.py starts both
# on loopback with throw-away databases; nothing is configured system-wide.
# Only virtuoso-opensource-7-bin is needed (virtuoso-t, isql-vt): the full virtuoso-opensource
# package would also install and start a system service and ask for a dba password.
# Then run, e.g.:  CI=1 pytest -m server   (with CI set, a server that cannot start fails instead of skipping)
set -eu

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends virtuoso-opensource-7-bin
# PYTHON: the interpreter the tests run under (a venv on Debian, whose system Python refuses pip)
"${PYTHON:-python3}" -m pip install "oxigraph>=0.4"

# fail here, not in the tests, if a binary is missing
command -v virtuoso-t >/dev/null
command -v isql-vt >/dev/null
echo "server tests ready: $(virtuoso-t -? 2>&1 | grep -m1 -i version || echo virtuoso-t), $(oxigraph --version)"
