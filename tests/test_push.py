"""kg push against real servers (Oxigraph, Virtuoso) and the parts of push that need no server."""
from __future__ import annotations

import http.server
import re
import threading
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import push as kpush
from kg import query as kquery
from kg import store as kstore
from servers import oxigraph_server, virtuoso_server  # noqa: F401 (fixtures)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small.trig"
GRAPHS = "https://w3id.org/abstract-kg/resource/graph/"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return kstore.memory_store(FIXTURE)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server(request, store):
    """Each real server, emptied of the fixture's graphs (and any push leftovers) before the test."""
    found = request.getfixturevalue(f"{request.param}_server")
    found.drop(list(found.graph_sizes(GRAPHS)) + list(found.graph_sizes(kpush.TEMP_PREFIX)) + ["urn:test:all"])
    return found


def store_sizes(store: ox.Store) -> dict[str, int]:
    return {g.value: sum(1 for _ in store.quads_for_pattern(None, None, None, g)) for g in store.named_graphs()}


# ---------------------------------------------------------------- answers compared


def term_key(term: dict | None):
    """A SPARQL JSON term, normalised where servers legitimately differ in lexical form."""
    if term is None:
        return None
    kind = "iri" if term["type"] == "uri" else term["type"]
    datatype = term.get("datatype")
    if kind in ("literal", "typed-literal"):
        if datatype in NUMERIC:
            try:
                return ("number", Decimal(term["value"]).normalize())
            except InvalidOperation:
                pass
        if datatype == XSD + "string":
            datatype = None
        return ("literal", term["value"], datatype, term.get("xml:lang"))
    return (kind, term["value"])


def local_rows(store: ox.Store, text: str, params: dict | None = None) -> Counter:
    results = kquery.run_query(store, text, params)
    variables = [v.value for v in results.variables]
    rows = Counter()
    for solution in results:
        rows[tuple(term_key(_as_json(solution[v])) for v in variables)] += 1
    return rows


def _as_json(term) -> dict | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    found = {"type": "literal", "value": term.value, "datatype": term.datatype.value}
    if term.language:
        found["xml:lang"] = term.language
        found.pop("datatype")
    return found


def bind_in_text(text: str, params: dict) -> str:
    """The query with each parameter written in as a constant, the way SEP-0007 substitution
    binds it locally: a server has no substitution, and an unbound parameter is not a fair
    comparison (Virtuoso binds `FILTER(?x = ?param)` where the standard says the filter fails).
    In the innermost projection the variable becomes `(term AS ?var)` (outer ones select
    it from there); a GROUP BY drops it (it is constant)."""
    pieces = re.split(r"(SELECT\b.*?\bWHERE|GROUP BY[^\n]*)", text, flags=re.DOTALL)
    innermost = max(i for i, piece in enumerate(pieces) if piece.startswith("SELECT"))
    for name, term in params.items():
        pattern = re.compile(rf"[?$]{name}\b")
        for i, piece in enumerate(pieces):
            if piece.startswith("SELECT"):
                pieces[i] = pattern.sub(f"({term} AS ?{name})", piece) if i == innermost else piece
            else:
                pieces[i] = pattern.sub("" if piece.startswith("GROUP BY") else str(term), piece)
    return "".join(pieces)


def server_rows(server, text: str) -> Counter:
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in kquery.PREFIXES.items())
    answer = server.select(prologue + text)
    variables = answer["head"]["vars"]
    return Counter(tuple(term_key(b.get(v)) for v in variables) for b in answer["results"]["bindings"])


# A value for each required parameter that the fixture has an answer for.
FIXTURE_PARAMS = {
    "benchmark": ox.Literal("GSM8K"),
    "method": ox.Literal("GRPO-Lite"),
    "paper": ox.Literal("arXiv:2502.00002"),
}


def fixture_params(name: str) -> dict:
    return {p: FIXTURE_PARAMS[p] for p in kquery.named_query(name).required}


def named_query_texts():
    return {name: nq.text for name, nq in kquery.named_queries().items()}


# ---------------------------------------------------------------- real servers


@pytest.mark.server
def test_push_lands_every_paper_graph(server, store):
    report = kpush.push(store, server.endpoint)
    assert server.graph_sizes(GRAPHS) == store_sizes(store)
    assert report.triples == len(store)
    assert server.graph_sizes(kpush.TEMP_PREFIX) == {}  # no temporary graph left behind


# Named queries a server cannot run, with the server's reason; strict, so a fix shows up as XPASS.
NOT_PORTABLE: dict[tuple[str, str], str] = {}


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(named_query_texts()))
def test_named_query_answers_match_embedded_store(server, store, name, request):
    if (server.name, name) in NOT_PORTABLE:
        request.applymarker(pytest.mark.xfail(strict=True, reason=NOT_PORTABLE[server.name, name]))
    kpush.push(store, server.endpoint)
    text, params = named_query_texts()[name], fixture_params(name)
    expected = local_rows(store, text, params)
    assert expected, f"{name} answers nothing on the fixture: the comparison would prove nothing"
    assert server_rows(server, bind_in_text(text, params)) == expected


@pytest.mark.server
@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_push_again_with_replace_duplicates_nothing(server, store, protocol):
    kpush.push(store, server.endpoint, protocol=protocol)
    report = kpush.push(store, server.endpoint, protocol=protocol, replace=True)
    assert report.protocol == protocol
    assert server.graph_sizes(GRAPHS) == store_sizes(store)


@pytest.mark.server
def test_replace_removes_statements_the_store_no_longer_has(server, store):
    graph = sorted(store_sizes(store))[0]
    server.run_update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:test:stale> <urn:test:p> <urn:test:o> }} }}")
    kpush.push(store, server.endpoint, replace=True)
    assert server.graph_sizes(GRAPHS)[graph] == store_sizes(store)[graph]


@pytest.mark.server
def test_push_without_replace_keeps_what_the_server_had(server, store):
    graph = sorted(store_sizes(store))[0]
    server.run_update(f"INSERT DATA {{ GRAPH <{graph}> {{ <urn:test:kept> <urn:test:p> <urn:test:o> }} }}")
    kpush.push(store, server.endpoint)
    assert server.graph_sizes(GRAPHS)[graph] == store_sizes(store)[graph] + 1


@pytest.mark.server
def test_push_into_one_graph_holds_the_union(server, store):
    kpush.push(store, server.endpoint, graph="urn:test:all", chunk_size=50, replace=True)
    union = sum(1 for _ in kpush.plan(store, "urn:test:all", "x")[0].source())
    assert server.graph_sizes("urn:test:all") == {"urn:test:all": union}
    assert server.graph_sizes(GRAPHS) == {}


@pytest.mark.server
def test_failed_push_leaves_targets_as_they_were(server, store):
    kpush.push(store, server.endpoint)
    before = server.graph_sizes(GRAPHS)
    bad = ox.Store()
    bad.extend(list(store))
    bad.add(ox.Quad(ox.NamedNode("urn:test:s"), ox.NamedNode("urn:test:p"), ox.NamedNode("urn:test:o"),
                    ox.NamedNode(GRAPHS + "zzz-new")))
    with pytest.raises(kpush.PushError, match="nothing was written"):
        # The commit goes to a URL that does not exist after every upload succeeded.
        kpush.push(bad, server.endpoint, update=server.endpoint.rsplit("/", 1)[0] + "/no-such-endpoint",
                   replace=True, client=kpush.Client(retries=0))
    assert server.graph_sizes(GRAPHS) == before


@pytest.mark.server
def test_virtuoso_digest_credentials(virtuoso_server, store):
    from servers import VIRTUOSO_PASSWORD, VIRTUOSO_USER

    virtuoso_server.drop(virtuoso_server.graph_sizes(GRAPHS))
    report = kpush.push(store, virtuoso_server.auth_endpoint, user=VIRTUOSO_USER, password=VIRTUOSO_PASSWORD)
    assert report.endpoints.gsp[0].endswith("/sparql-graph-crud-auth")
    assert virtuoso_server.graph_sizes(GRAPHS) == store_sizes(store)


@pytest.mark.server
def test_virtuoso_wrong_password_is_a_clear_error_without_the_password(virtuoso_server, store):
    with pytest.raises(kpush.PushError) as caught:
        kpush.push(store, virtuoso_server.auth_endpoint, user="dba", password="not-the-password-x9")
    assert "401" in str(caught.value)
    assert "not-the-password-x9" not in str(caught.value)


# ---------------------------------------------------------------- no server needed


class Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 503 (with Retry-After: 0) to the first `failures` requests, then 204."""

    failures = 2
    seen: list[str] = []

    def _answer(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        type(self).seen.append(self.command)
        failing = len(type(self).seen) <= type(self).failures
        self.send_response(503 if failing else 204)
        if failing:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_POST = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky():
    Flaky.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_transient_503_is_retried_with_growing_waits(flaky):
    waits = []
    client = kpush.Client(sleep=waits.append, backoff=0.5)
    response = client.send("PUT", flaky + "/store", data=b"")
    assert response.status_code == 204
    assert waits == [0.5, 1.0]
    assert client.retried == 2


def test_retries_give_up_with_the_status_in_the_message(flaky):
    Flaky.failures = 10
    try:
        with pytest.raises(kpush.PushError, match="HTTP 503"):
            kpush.Client(sleep=lambda s: None, retries=2).send("POST", flaky + "/update", data=b"x")
    finally:
        Flaky.failures = 2
    assert len(Flaky.seen) == 3


def test_connection_refused_names_the_url_not_the_password():
    port = __import__("servers").free_port()
    client = kpush.Client("me", "s3cret-pw", sleep=lambda s: None, retries=1)
    with pytest.raises(kpush.PushError) as caught:
        client.send("POST", f"http://me:s3cret-pw@127.0.0.1:{port}/update", data=b"x")
    assert f"127.0.0.1:{port}/update" in str(caught.value)
    assert "s3cret-pw" not in str(caught.value)
    assert client.retried == 1


@pytest.mark.parametrize("endpoint, update, gsp", [
    ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store"),
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql-graph-crud"),
    ("http://h:8890/sparql-auth", "http://h:8890/sparql-auth", "http://h:8890/sparql-graph-crud-auth"),
    ("http://h:3030/ds", "http://h:3030/ds", "http://h:3030/ds"),
])
def test_endpoints_follow_the_server_layout(endpoint, update, gsp):
    found = kpush.endpoints_for(endpoint)
    assert (found.update, found.gsp) == (update, (gsp,))


def test_explicit_gsp_and_update_urls_win():
    found = kpush.endpoints_for("http://h/query", gsp="http://h/g", update="http://h/u")
    assert (found.update, found.gsp) == ("http://h/u", ("http://h/g",))


def test_chunks_split_and_keep_every_triple(store):
    triples = [q.triple for q in store]
    parts = list(kpush.chunks(iter(triples), 7))
    assert all(count <= 7 for _, count in parts)
    parsed = [t for data, _ in parts for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)]
    assert sorted(map(str, parsed)) == sorted(map(str, triples))


def test_blank_nodes_are_refused_with_a_reason():
    bnode = ox.Store()
    bnode.add(ox.Quad(ox.BlankNode(), ox.NamedNode("urn:p"), ox.Literal("x"), ox.NamedNode("urn:g")))
    with pytest.raises(kpush.PushError, match="blank nodes"):
        kpush.plan(bnode, None, "run")


def test_default_graph_triples_need_a_target_graph():
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("x")))
    with pytest.raises(kpush.PushError, match="--graph"):
        kpush.plan(store, None, "run")
    assert [t.target for t in kpush.plan(store, "urn:all", "run")] == ["urn:all"]


def test_temporary_graphs_name_their_target(store):
    transfers = kpush.plan(store, None, "abc")
    assert all(t.temp == f"{kpush.TEMP_PREFIX}abc:{t.target}" for t in transfers)
    assert sorted(t.target for t in transfers) == sorted(store_sizes(store))


def test_replace_commit_is_one_request_of_moves(store):
    transfers = kpush.plan(store, None, "abc")
    text = kpush.commit_request(transfers, replace=True)
    assert text.count("MOVE GRAPH") == len(transfers)
    ox.Store().update(text.replace("MOVE GRAPH", "MOVE SILENT GRAPH"))  # parses as one SPARQL Update


def test_operation_commit_replaces_inside_one_store_transaction(store):
    """Run the one-operation commit on an embedded Oxigraph holding an outdated copy and the temps."""
    target = ox.Store()
    graph = ox.NamedNode(sorted(store_sizes(store))[0])
    target.add(ox.Quad(ox.NamedNode("urn:old"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o"), graph))
    for t in kpush.plan(store, None, "r1"):
        target.extend([ox.Quad(*tr, ox.NamedNode(t.temp)) for tr in t.source()])
    target.update(kpush.commit_operation("r1", replace=True))
    assert sum(1 for _ in target.quads_for_pattern(ox.NamedNode("urn:old"), None, None, None)) == 0
    for name, size in store_sizes(store).items():
        assert sum(1 for _ in target.quads_for_pattern(None, None, None, ox.NamedNode(name))) == size


def test_unknown_protocol_is_refused(store):
    with pytest.raises(kpush.PushError, match="unknown protocol"):
        kpush.push(store, "http://127.0.0.1:9/query", protocol="ftp")


class SizeLimited(http.server.BaseHTTPRequestHandler):
    """Refuses (400) any request body over `limit` bytes, as Virtuoso refuses updates over its SQL size."""

    limit = 1500
    accepted: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        ok = len(body) <= type(self).limit
        if ok:
            type(self).accepted.append(body)
        self.send_response(204 if ok else 400)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_update_too_large_for_the_server_is_split_until_it_fits(store):
    from urllib.parse import parse_qs

    SizeLimited.accepted = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SizeLimited)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        transfers = kpush.plan(store, None, "split")[:2]
        sent = kpush._upload_update(kpush.Client(retries=0), f"http://127.0.0.1:{server.server_address[1]}/u",
                                    transfers, 1000)
    finally:
        server.shutdown()
        server.server_close()
    assert len(SizeLimited.accepted) > 1
    received = []
    for body in SizeLimited.accepted:
        text = parse_qs(body.decode())["update"][0]
        received += [line for line in text.splitlines() if line.endswith(" .")]
    assert len(received) == sent == sum(1 for t in transfers for _ in t.source())


# ---------------------------------------------------------------- fixtures' skip/fail rule and the command


def test_unavailable_server_skips_locally(monkeypatch):
    import servers

    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no binary"):
        servers.unavailable("no binary")


def test_unavailable_server_fails_in_ci(monkeypatch):
    import servers

    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="must not skip: no binary"):
        servers.unavailable("no binary")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("push-store") / "store"
    disk = kstore.open_store(path)
    kstore.load_file(disk, FIXTURE)
    del disk  # release the lock so the command can open it read-only
    return path


@pytest.mark.server
def test_cli_push_takes_credentials_from_the_environment_and_never_prints_them(
        oxigraph_server, store_dir, store, monkeypatch, capsys):
    from kg.cli import main

    oxigraph_server.drop(oxigraph_server.graph_sizes(GRAPHS))
    monkeypatch.setenv("KG_PUSH_USER", "someone")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "env-secret-42")
    assert main(["push", "--store", str(store_dir), "--endpoint", oxigraph_server.endpoint, "--replace"]) == 0
    out = capsys.readouterr()
    assert f"pushed {len(store)} triples in {len(store_sizes(store))} graphs" in out.out
    assert "env-secret-42" not in out.out + out.err
    assert oxigraph_server.graph_sizes(GRAPHS) == store_sizes(store)


def test_cli_push_failure_exits_1_with_the_reason(store_dir, capsys):
    from kg.cli import main

    port = __import__("servers").free_port()
    code = main(["push", "--store", str(store_dir), "--endpoint", f"http://127.0.0.1:{port}/query",
                 "--password", "cli-secret-7", "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 1
    assert "ConnectionError" in err and "nothing was written" in err
    assert "cli-secret-7" not in err


@pytest.mark.server
def test_oxigraph_runs_the_request_commit_as_one_transaction(oxigraph_server, store):
    """A commit whose last MOVE fails must leave every earlier target untouched."""
    oxigraph_server.drop(oxigraph_server.graph_sizes(GRAPHS))
    client = kpush.Client(retries=0)
    ends = kpush.endpoints_for(oxigraph_server.endpoint)
    transfers = kpush.plan(store, None, "atomic")
    kpush._upload(client, ends, transfers, "gsp", 1000)
    missing = kpush.Transfer("urn:test:target", kpush.TEMP_PREFIX + "atomic:urn:test:missing", lambda: iter(()))
    with pytest.raises(kpush.PushError):
        client.send("POST", ends.update, data={"update": kpush.commit_request(transfers + [missing], replace=True)})
    assert oxigraph_server.graph_sizes(GRAPHS) == {}
    assert len(oxigraph_server.graph_sizes(kpush.TEMP_PREFIX + "atomic:")) == len(transfers)
    oxigraph_server.drop(t.temp for t in transfers)
