"""`kg serve`: Oxigraph's SPARQL server over the store, asked by curl and SPARQLWrapper."""
from __future__ import annotations

import csv
import gc
import io
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg import query as q
from kg import serve
from kg import store as kgstore

pytestmark = pytest.mark.server

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small.trig"
ROOT = Path(__file__).resolve().parent.parent
PREFIXES = "PREFIX akg: <https://w3id.org/abstract-kg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
LABELS = PREFIXES + "SELECT DISTINCT ?label WHERE { ?b a akg:Benchmark ; rdfs:label ?label } ORDER BY ?label"
BENCHMARKS = ["AIME 2024", "GSM8K", "MATH500", "PRM800K", "ProofBench", "SVAMP", "WebArena"]

needs_curl = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")


def make_store(path: Path) -> Path:
    kgstore.load_file(kgstore.open_store(path), FIXTURE)
    gc.collect()  # drop our handle: the server must be the only writer
    return path


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    return make_store(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store_dir):
    running = serve.start(store_dir, serve.free_port())
    yield running
    running.stop()


def curl(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["curl", "-s", "--max-time", "20", *args], capture_output=True, text=True, check=True)


# ---------------------------------------------------------------- the command line we run

def test_read_only_command_has_cors_and_union():
    command = serve.server_command("exports/store", 7878)
    assert command[1] == "serve-read-only"
    assert {"--cors", "--union-default-graph"} <= set(command)
    assert command[command.index("--bind") + 1] == "127.0.0.1:7878"


def test_writable_command_uses_serve():
    assert serve.server_command("s", 1)[1] == "serve-read-only"
    assert serve.server_command("s", 1, writable=True)[1] == "serve"


# ---------------------------------------------------------------- answering

@needs_curl
def test_curl_get_returns_csv(server):
    result = curl("-G", "-H", "Accept: text/csv", "--data-urlencode", f"query={LABELS}", server.query_url)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows == [["label"]] + [[b] for b in BENCHMARKS]


@needs_curl
def test_curl_post_form_returns_json(server):
    result = curl("-H", "Accept: application/sparql-results+json", "--data-urlencode", f"query={LABELS}", server.query_url)
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == BENCHMARKS


@needs_curl
def test_curl_post_direct_query(server):
    result = curl("-H", "Content-Type: application/sparql-query", "-H", "Accept: text/csv",
                  "--data-binary", PREFIXES + "ASK { ?m rdfs:label \"GRPO-Lite\" }", server.query_url)
    assert result.stdout.strip() == "true"


def test_sparqlwrapper_select(server):
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server.query_url)
    client.setQuery(LABELS)
    client.setReturnFormat(JSON)
    bindings = client.queryAndConvert()["results"]["bindings"]
    assert [b["label"]["value"] for b in bindings] == BENCHMARKS


@pytest.mark.parametrize("name", ["top-benchmarks", "co-benchmarks", "task-new-methods", "model-families"])
def test_sparqlwrapper_named_query_matches_the_embedded_store(server, name):
    """The endpoint uses the union default graph too, so the named queries answer the same."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(server.query_url)
    client.setQuery(q.named_query(name).text)
    client.setReturnFormat(JSON)
    remote = [
        tuple(sorted((k, v["value"]) for k, v in b.items()))
        for b in client.queryAndConvert()["results"]["bindings"]
    ]
    local = [
        tuple(sorted((k, t.value) for k, t in row.items() if t is not None))
        for row in q.select_rows(q.run_named(kgstore.memory_store(FIXTURE), name))
    ]
    assert sorted(remote) == sorted(local) and remote


# ---------------------------------------------------------------- CORS and read-only

@needs_curl
def test_cors_header_on_a_query(server):
    result = curl("-i", "-G", "-H", "Origin: http://example.org", "--data-urlencode", f"query={LABELS}", server.query_url)
    assert "access-control-allow-origin: *" in result.stdout.lower()


@needs_curl
def test_cors_preflight_allows_a_sparql_query_post(server):
    """What a browser asks before POSTing application/sparql-query from another origin."""
    result = curl("-i", "-X", "OPTIONS", "-H", "Origin: http://example.org",
                  "-H", "Access-Control-Request-Method: POST",
                  "-H", "Access-Control-Request-Headers: content-type", server.query_url)
    headers = result.stdout.lower()
    assert result.stdout.startswith("HTTP/1.1 2")
    assert "access-control-allow-origin: *" in headers and "access-control-allow-headers: content-type" in headers


@needs_curl
def test_read_only_server_refuses_updates(server):
    result = curl("-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode", "update=CLEAR ALL",
                  server.query_url.replace("/query", "/update"))
    assert result.stdout.startswith("4")
    check = curl("-G", "-H", "Accept: text/csv", "--data-urlencode", f"query={LABELS}", server.query_url)
    assert "GSM8K" in check.stdout


@needs_curl
def test_writable_server_accepts_updates(tmp_path):
    running = serve.start(make_store(tmp_path / "store"), serve.free_port(), writable=True)
    try:
        curl("--data-urlencode", "update=CLEAR ALL", running.update_url)
        result = curl("-G", "-H", "Accept: text/csv", "--data-urlencode", "query=ASK { ?s ?p ?o }", running.query_url)
        assert result.stdout.strip() == "false"
    finally:
        running.stop()


# ---------------------------------------------------------------- starting and stopping

def test_busy_port_is_reported(server, store_dir):
    with pytest.raises(serve.ServeError, match=f"port {server.port}.*in use"):
        serve.start(store_dir, server.port)


def test_missing_store_is_reported(tmp_path):
    with pytest.raises(kgstore.StoreError, match="no store here"):
        serve.start(tmp_path / "none", serve.free_port())


def test_stop_ends_the_process(tmp_path):
    running = serve.start(make_store(tmp_path / "store"), serve.free_port())
    running.stop()
    assert running.process.poll() is not None


def test_kg_serve_prints_the_endpoint_and_stops_on_ctrl_c(store_dir):
    port = serve.free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store_dir), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        first = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/query" in first and "read-only" in first
        assert "Ctrl-C" in process.stdout.readline()
        process.send_signal(signal.SIGINT)
        out, _ = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0 and "server stopped" in out
    assert serve.port_is_free(port)
