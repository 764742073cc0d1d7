"""Pytest fixtures that start real triple stores on loopback: Oxigraph's server and OpenLink Virtuoso.

Import the fixtures into a test module: `from servers import oxigraph_server, virtuoso_server`.
A server that cannot start makes its tests skip with the reason, except when the CI
environment variable is set: then they fail, so a CI run never passes by skipping.
Install what they need on Debian with .ci/servers.sh.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # the fresh database's built-in account


@dataclass
class Server:
    name: str
    endpoint: str  # the SPARQL query endpoint, what `kg push --endpoint` takes
    update: str
    process: subprocess.Popen
    log: Path
    auth_endpoint: str | None = None  # one that asks for credentials, if the server has it
    isql: list[str] | None = None  # Virtuoso: the isql command line (binary, port, user, password)
    folder: Path | None = None  # the server's own folder (Virtuoso's DirsAllowed, where its bulk loader may read)

    def select(self, sparql: str) -> dict:
        """Run a SELECT/ASK on the server; SPARQL JSON results."""
        response = requests.post(self.endpoint, data={"query": sparql},
                                 headers={"Accept": "application/sparql-results+json"}, timeout=60)
        assert response.status_code == 200, f"{self.name} answered {response.status_code}: {response.text[:500]}"
        return response.json()

    def run_update(self, sparql: str) -> None:
        response = requests.post(self.update, data={"update": sparql}, timeout=60)
        assert response.status_code < 300, f"{self.name} answered {response.status_code}: {response.text[:500]}"

    def graph_sizes(self, prefix: str) -> dict[str, int]:
        """Triples per named graph whose IRI starts with `prefix`."""
        rows = self.select(f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                           f'FILTER(STRSTARTS(STR(?g), "{prefix}")) }} GROUP BY ?g')["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}

    def drop(self, graphs) -> None:
        graphs = list(graphs)
        for start in range(0, len(graphs), 50):
            self.run_update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[start:start + 50]))


def unavailable(reason: str):
    """Skip locally, fail in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"CI is set, so this must not skip: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_ready(url: str, process: subprocess.Popen, log: Path, seconds: float) -> str | None:
    """None once `url` answers a query with 200; else why not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"exited with code {process.returncode}: {_tail(log)}"
        try:
            if requests.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return None
        except requests.RequestException:
            pass
        time.sleep(0.3)
    return f"did not answer {url} within {seconds:.0f} s: {_tail(log)}"


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _tail(log: Path) -> str:
    try:
        return " | ".join(log.read_text(errors="replace").strip().splitlines()[-5:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """`oxigraph serve` (the oxigraph PyPI package) on a free port, union default graph like kg's store."""
    binary = shutil.which("oxigraph")
    if not binary:
        unavailable("the oxigraph server binary is not on PATH (pip install oxigraph)")
    folder = tmp_path_factory.mktemp("oxigraph")
    port, log = free_port(), folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "serve", "--location", str(folder / "data"), "--bind",
                                    f"127.0.0.1:{port}", "--union-default-graph"], stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    problem = wait_until_ready(f"{base}/query", process, log, 30)
    if problem:
        stop(process)
        unavailable(f"oxigraph serve {problem}")
    yield Server("oxigraph", f"{base}/query", f"{base}/update", process, log)
    stop(process)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = {sql_port}
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
EnabledDavVSP = 0
HTTPProxyEnabled = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso_server(tmp_path_factory):
    """OpenLink Virtuoso (Debian's virtuoso-opensource-7-bin) with a throw-away database on free ports.

    The SPARQL user gets SPARQL_UPDATE through isql, so /sparql and /sparql-graph-crud accept
    writes; /sparql-auth takes the dba account by HTTP Digest.
    """
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    if not binary or not isql:
        unavailable("virtuoso-t / isql-vt not on PATH (apt-get install virtuoso-opensource-7-bin; see .ci/servers.sh)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "stdout.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    problem = wait_until_ready(f"{base}/sparql", process, folder / "virtuoso.log", 90)
    if problem is None:
        problem = _grant_update(isql, sql_port)
    if problem:
        stop(process)
        unavailable(f"virtuoso-t {problem}")
    yield Server("virtuoso", f"{base}/sparql", f"{base}/sparql", process, folder / "virtuoso.log",
                 auth_endpoint=f"{base}/sparql-auth",
                 isql=[isql, str(sql_port), VIRTUOSO_USER, VIRTUOSO_PASSWORD], folder=folder)
    stop(process)


def _grant_update(isql: str, sql_port: int) -> str | None:
    done = subprocess.run([isql, str(sql_port), VIRTUOSO_USER, VIRTUOSO_PASSWORD,
                           'exec=GRANT SPARQL_UPDATE TO "SPARQL";'], capture_output=True, text=True, timeout=60)
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        return f"could not grant SPARQL_UPDATE: {done.stdout[-300:]} {done.stderr[-300:]}"
    return None
