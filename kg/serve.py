"""A SPARQL 1.1 Protocol endpoint on localhost: Oxigraph's own server over the store.

We do not write an HTTP server: the `oxigraph` package on PyPI ships the `oxigraph`
binary, which speaks the SPARQL 1.1 Protocol (query at /query, update at /update,
Graph Store Protocol at /store) and serves a YASGUI page at /. We run it as a
subprocess: read-only by default, CORS on for browser clients, and the union of the
named graphs as the default graph, like `kg query`.
"""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.store import DEFAULT_STORE, StoreError

DEFAULT_PORT = 7878
HOST = "127.0.0.1"


class ServeError(Exception):
    """The server could not be started; the message says why."""


@dataclass
class Server:
    """A running Oxigraph server process and where to reach it."""

    process: subprocess.Popen
    port: int
    writable: bool
    log: IO[bytes]  # the server's stderr, kept in a file so a full pipe can never block it

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    def stop(self, timeout: float = 10.0) -> int:
        """Ask the server to stop (SIGTERM), kill it if it does not within `timeout` seconds."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode

    def stop_and_report(self) -> int:
        """Stop; if the server had ended by itself, print what it said on stderr."""
        ended_alone = self.process.poll() is not None
        if ended_alone and self.process.returncode != 0:
            self.log.seek(0)
            print(self.log.read().decode("utf-8", "replace").strip(), file=sys.stderr)
        return self.stop()


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed with this Python (pip install oxigraph), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise ServeError("the `oxigraph` server binary is not installed: pip install oxigraph")
    return found


def server_command(store: str | Path, port: int, writable: bool = False) -> list[str]:
    """The oxigraph command line that serves `store` on localhost:`port`."""
    mode = "serve" if writable else "serve-read-only"
    return [
        oxigraph_binary(), mode, "--location", str(store), "--bind", f"{HOST}:{port}",
        "--cors", "--union-default-graph",
    ]


def start(store: str | Path = DEFAULT_STORE, port: int = DEFAULT_PORT, writable: bool = False,
          timeout: float = 30.0) -> Server:
    """Start the server and wait until it answers; raise ServeError if it does not."""
    store = Path(store)
    if not writable and not (store / "CURRENT").is_file():
        raise StoreError(f"{store}: no store here; run `kg build` first (or serve --writable to start empty)")
    if not port_is_free(port):
        raise ServeError(f"port {port} on {HOST} is already in use; choose another with --port")
    log = tempfile.TemporaryFile()
    # Its own process group: Ctrl-C reaches only us, and we stop the server (see serve()).
    process = subprocess.Popen(
        server_command(store, port, writable), stdout=log, stderr=subprocess.STDOUT, process_group=0
    )
    server = Server(process, port, writable, log)
    _wait_ready(server, timeout)
    return server


def port_is_free(port: int) -> bool:
    """Whether nothing listens on HOST:port (checked by binding it for a moment)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the server does: connections lingering in TIME_WAIT do not make a port busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A port the OS says is free now (for tests and scripts)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_ready(server: Server, timeout: float) -> None:
    """Poll the endpoint until it answers an ASK; report the server's own error if it exits."""
    deadline = time.monotonic() + timeout
    probe = f"{server.query_url}?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            server.log.seek(0)
            message = server.log.read().decode("utf-8", "replace").strip()
            server.stop()
            raise ServeError(f"oxigraph exited with code {server.process.returncode}: {message or 'no message'}")
        try:
            with urllib.request.urlopen(probe, timeout=1) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    server.stop()
    raise ServeError(f"oxigraph did not answer on port {server.port} within {timeout:.0f} s")


def serve(store: str | Path = DEFAULT_STORE, port: int = DEFAULT_PORT, writable: bool = False) -> int:
    """Run the endpoint in the foreground until Ctrl-C (or SIGTERM); return its exit code."""
    server = start(store, port, writable)
    # Ctrl-C and SIGTERM both end the wait below; the server is then stopped in `finally`.
    # Installed before the banner: a client may signal as soon as it reads it, and an
    # interrupt outside the `try` would leave the server (its own process group) running.
    # (Set explicitly: a shell starting us in the background may have ignored SIGINT.)
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        mode = "read-write" if writable else "read-only"
        print(f"SPARQL endpoint ({mode}, store {store}): {server.query_url}", flush=True)
        if writable:
            print(f"SPARQL update: {server.update_url}", flush=True)
        print(f"query page: {server.base_url}/   stop with Ctrl-C (or kill {server.process.pid})", flush=True)
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        code = server.stop_and_report()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("server stopped", flush=True)
    return 0 if code in (0, -signal.SIGTERM) else code


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt
