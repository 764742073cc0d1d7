"""Push: the persistent store -> a remote triple store over HTTP.

Protocol: the SPARQL 1.1 Graph Store HTTP Protocol (PUT/POST of N-Triples) when the server has
it, else SPARQL 1.1 Update (INSERT DATA, many small graphs packed into one request).

Atomicity: nothing is written to a target graph until everything has been uploaded. Each target
graph's triples first go, in chunks, into a temporary graph of its own named
urn:abstract-kg:push:<run>:<target IRI>; then one commit puts them onto their targets:
- "request" commit (default): ONE Update request of MOVE (--replace) or ADD + DROP operations, one
  per graph. Servers that run an Update request as one transaction (Oxigraph; SPARQL 1.1 Update
  says they SHOULD) show the whole push or none of it.
- "operation" commit (chosen for Virtuoso, which commits every operation separately and refuses
  requests of thousands of operations): ONE DELETE/INSERT operation that finds the run's temporary
  graphs by their prefix and replaces (or extends) every target at once; the temporary graphs are
  dropped afterwards, in batches.
If any upload fails, the temporary graphs are dropped and no target was touched.
"""
from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Iterator
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

TEMP_PREFIX = "urn:abstract-kg:push:"
TRANSIENT_STATUS = {429, 500, 502, 503, 504}
NO_GSP_STATUS = {404, 405, 415, 501}  # the URL does not speak the Graph Store Protocol
PROTOCOLS = ("auto", "gsp", "update")


class PushError(Exception):
    """A push that did not land; the message names the request and the server's answer."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status  # the HTTP status, when the server answered


@dataclass(frozen=True)
class Endpoints:
    """Where to send what. `gsp` lists candidate Graph Store URLs, tried in order."""

    query: str
    update: str
    gsp: tuple[str, ...]


@dataclass
class PushReport:
    protocol: str = ""  # "gsp" or "update"
    commit: str = ""  # "request" or "operation"
    graphs: int = 0  # target graphs written
    triples: int = 0
    requests: int = 0
    retries: int = 0
    endpoints: Endpoints | None = None
    notes: list[str] = field(default_factory=list)


def endpoints_for(endpoint: str, gsp: str | None = None, update: str | None = None) -> Endpoints:
    """Derive the update and Graph Store URLs from a SPARQL endpoint URL, by server layout.

    Oxigraph: .../query -> .../update and .../store. Virtuoso: .../sparql -> .../sparql-graph-crud,
    .../sparql-auth -> .../sparql-graph-crud-auth. Anything else (e.g. a Fuseki dataset URL) is
    taken to serve all three. Explicit `gsp` / `update` URLs win.
    """
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")

    def sibling(new_path: str) -> str:
        return urlunsplit(parts._replace(path=new_path, query=""))

    guessed_update, guessed_gsp = endpoint, (endpoint,)
    if path.endswith("/query"):
        stem = path[: -len("query")]
        guessed_update, guessed_gsp = sibling(stem + "update"), (sibling(stem + "store"),)
    elif path.endswith("/sparql") or path.endswith("/sparql-auth"):
        guessed_gsp = (sibling(path.replace("/sparql", "/sparql-graph-crud")),)
    return Endpoints(endpoint, update or guessed_update, (gsp,) if gsp else guessed_gsp)


def safe_url(url: str) -> str:
    """The URL without user:password@, for messages."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        parts = parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else ""))
    return urlunsplit(parts)


class Client:
    """HTTP with retries on transient failures and Basic or Digest authentication as the server asks."""

    def __init__(self, user: str | None = None, password: str | None = None, *, retries: int = 5,
                 backoff: float = 0.5, max_wait: float = 30.0, timeout: float = 120.0,
                 sleep: Callable[[float], None] = time.sleep):
        import requests

        self.session = requests.Session()
        if user is not None:
            self.session.auth = requests.auth.HTTPBasicAuth(user, password or "")
        self._credentials = (user, password or "")
        self.retries, self.backoff, self.max_wait, self.timeout = retries, backoff, max_wait, timeout
        self.sleep = sleep
        self.requests_sent = 0
        self.retried = 0
        self.server = ""  # the Server header of the last answer: picks the commit style
        self.succeeded = 0  # requests the server accepted

    def send(self, method: str, url: str, *, idempotent: bool = True, ok_status: set[int] = frozenset(), **kwargs):
        """Send until a non-transient answer; raise PushError on a failure status not in `ok_status`."""
        import requests

        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self._send_once(method, url, **kwargs)
            except requests.RequestException as exc:
                if last or not _may_retry(exc, idempotent):
                    raise PushError(f"{method} {safe_url(url)}: {type(exc).__name__}: {_plain(exc)}") from None
                self._wait(attempt, None)
                continue
            if response.status_code in TRANSIENT_STATUS and not last and (idempotent or response.status_code in (429, 503)):
                self._wait(attempt, response.headers.get("Retry-After"))
                continue
            if response.status_code >= 400 and response.status_code not in ok_status:
                raise PushError(describe(method, url, response), response.status_code)
            if response.status_code < 400:
                self.succeeded += 1
            return response
        raise AssertionError("unreachable")

    def _send_once(self, method: str, url: str, **kwargs):
        import requests

        self.requests_sent += 1
        response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        # Basic refused and not asked for again (Virtuoso then sends no challenge at all): try Digest.
        challenge = response.headers.get("WWW-Authenticate", "")
        if (response.status_code == 401 and not challenge.lower().startswith("basic")
                and self._credentials[0] is not None and not isinstance(self.session.auth, requests.auth.HTTPDigestAuth)):
            self.session.auth = requests.auth.HTTPDigestAuth(*self._credentials)
            self.requests_sent += 1
            response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        self.server = response.headers.get("Server", "")
        return response

    def _wait(self, attempt: int, retry_after: str | None) -> None:
        self.retried += 1
        wait = self.backoff * 2 ** attempt
        if retry_after and retry_after.strip().isdigit():
            wait = max(wait, float(retry_after))
        self.sleep(min(wait, self.max_wait))


def _may_retry(exc, idempotent: bool) -> bool:
    """Idempotent requests retry on any connection failure; others only if nothing reached the server."""
    import requests
    from urllib3.exceptions import NewConnectionError

    if idempotent:
        return isinstance(exc, (requests.ConnectionError, requests.Timeout))
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(exc, requests.ConnectionError) and isinstance(reason, NewConnectionError)


def _plain(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) <= 300 else text[:300] + "..."


def describe(method: str, url: str, response) -> str:
    """The server's answer, for an error message: status, reason and the start of the body."""
    body = " ".join(response.text.split())
    if len(body) > 500:
        body = body[:500] + "..."
    hint = {401: " (credentials missing or refused: --user/--password or KG_PUSH_USER/KG_PUSH_PASSWORD)",
            403: " (the account may not write: grant it update rights on the server)"}.get(response.status_code, "")
    return f"{method} {safe_url(url)}: HTTP {response.status_code} {response.reason}{hint}: {body or '(empty body)'}"


# ---------------------------------------------------------------- planning


@dataclass(frozen=True)
class Transfer:
    """One target graph: where its triples come from and the temporary graph they wait in."""

    target: str
    temp: str
    source: Callable[[], Iterator[ox.Triple]]


def temp_prefix(run: str) -> str:
    return f"{TEMP_PREFIX}{run}:"


def plan(store: ox.Store, graph: str | None, run: str) -> list[Transfer]:
    """Per-paper graphs onto themselves, or everything onto `graph`."""
    _refuse_blank_nodes(store)
    prefix = temp_prefix(run)
    if graph is not None:
        from kg.export import union_triples

        return [Transfer(graph, prefix + graph, lambda: union_triples(store))]
    default = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    if default:
        raise PushError(f"the store's default graph holds {default} triples outside any paper graph; "
                        "give --graph IRI to push everything into one graph")
    graphs = sorted(store.named_graphs(), key=lambda g: g.value)
    return [Transfer(g.value, prefix + g.value, _graph_triples(store, g)) for g in graphs]


def _graph_triples(store: ox.Store, graph) -> Callable[[], Iterator[ox.Triple]]:
    return lambda: (q.triple for q in store.quads_for_pattern(None, None, None, graph))


def _refuse_blank_nodes(store: ox.Store) -> None:
    """Blank nodes cannot be split across requests (each request mints new ones); the contract has none."""
    for quad in store:
        if isinstance(quad.subject, ox.BlankNode) or isinstance(quad.object, ox.BlankNode):
            raise PushError(f"the store holds blank nodes (e.g. {quad}); push needs IRI-only data, "
                            "as kg build writes it")
        if isinstance(quad.graph_name, ox.BlankNode):
            raise PushError(f"the store has a blank-node graph name ({quad.graph_name}); push needs IRI graph names")


def chunks(triples: Iterator[ox.Triple], size: int) -> Iterator[tuple[bytes, int]]:
    """N-Triples documents of at most `size` triples each."""
    batch: list[ox.Triple] = []
    for triple in triples:
        batch.append(triple)
        if len(batch) >= size:
            yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES), len(batch)
            batch = []
    if batch:
        yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES), len(batch)


# ---------------------------------------------------------------- pushing

COMMITS = ("auto", "request", "operation")


def push(store: ox.Store, endpoint: str, *, graph: str | None = None, replace: bool = False,
         user: str | None = None, password: str | None = None, gsp: str | None = None,
         update: str | None = None, protocol: str = "auto", commit: str = "auto",
         chunk_size: int = 1000, retries: int = 5, client: Client | None = None) -> PushReport:
    """Upload the store's graphs to `endpoint` all-or-nothing; see the module docstring."""
    if protocol not in PROTOCOLS:
        raise PushError(f"unknown protocol {protocol!r}; choose one of {', '.join(PROTOCOLS)}")
    if commit not in COMMITS:
        raise PushError(f"unknown commit style {commit!r}; choose one of {', '.join(COMMITS)}")
    if chunk_size < 1:
        raise PushError("chunk size must be at least 1")
    client = client or Client(user, password, retries=retries)
    ends = endpoints_for(endpoint, gsp, update)
    run = uuid.uuid4().hex[:12]
    transfers = plan(store, graph, run)
    report = PushReport(endpoints=ends, graphs=len(transfers))
    if not transfers:
        report.notes.append("the store is empty: nothing pushed")
        return report
    try:
        report.protocol, report.triples = _upload(client, ends, transfers, protocol, chunk_size)
        report.commit = _commit_style(commit, client)
        if report.commit == "request":
            client.send("POST", ends.update, idempotent=False, data={"update": commit_request(transfers, replace)})
        else:
            client.send("POST", ends.update, idempotent=False, data={"update": commit_operation(run, replace)})
    except PushError as exc:
        problem = _drop_temps(client, ends, transfers) if client.succeeded else None  # else nothing uploaded
        raise PushError(f"{exc}\nnothing was written to the target graphs" + (f"; {problem}" if problem else "")) from None
    except BaseException:
        _drop_temps(client, ends, transfers)
        raise
    finally:
        report.requests, report.retries = client.requests_sent, client.retried
    if report.commit == "operation":
        problem = _drop_temps(client, ends, transfers)
        if problem:
            report.notes.append(problem)
        report.requests = client.requests_sent
    return report


def _commit_style(commit: str, client: Client) -> str:
    """Virtuoso commits each operation on its own and caps request size: one operation does it all there."""
    if commit != "auto":
        return commit
    return "operation" if "virtuoso" in client.server.lower() else "request"


def _upload(client: Client, ends: Endpoints, transfers: list[Transfer], protocol: str, size: int) -> tuple[str, int]:
    if protocol in ("auto", "gsp"):
        gsp_url = _find_gsp(client, ends, transfers[0], size, required=protocol == "gsp")
        if gsp_url:
            return "gsp", _upload_gsp(client, gsp_url, transfers, size)
    return "update", _upload_update(client, ends.update, transfers, size)


def _find_gsp(client: Client, ends: Endpoints, first: Transfer, size: int, required: bool) -> str | None:
    """The first candidate that accepts a PUT of the first chunk; None if none speaks the protocol."""
    data = next(chunks(first.source(), size))[0]
    answers = []
    for url in ends.gsp:
        response = client.send("PUT", url, params={"graph": first.temp}, data=data,
                               headers={"Content-Type": "text/turtle"}, ok_status=NO_GSP_STATUS)
        if response.status_code not in NO_GSP_STATUS:
            return url
        answers.append(describe("PUT", url, response))
    if required:
        raise PushError("no Graph Store Protocol endpoint answered: " + "; ".join(answers))
    return None


def _upload_gsp(client: Client, url: str, transfers: list[Transfer], size: int) -> int:
    """PUT each temporary graph's first chunk (already done for the first one), POST the rest."""
    total = 0
    for index, transfer in enumerate(transfers):
        for n, (data, count) in enumerate(chunks(transfer.source(), size)):
            total += count
            if index == 0 and n == 0:
                continue  # the probe in _find_gsp sent it
            client.send("PUT" if n == 0 else "POST", url, params={"graph": transfer.temp}, data=data,
                        headers={"Content-Type": "text/turtle"})
    return total


def _upload_update(client: Client, url: str, transfers: list[Transfer], size: int) -> int:
    """INSERT DATA requests of about `size` triples, packing small graphs together."""
    total, pending, pieces = 0, 0, []
    for transfer in transfers:
        for batch in _batches(transfer.source(), size):
            pieces.append((transfer.temp, batch))
            pending += len(batch)
            total += len(batch)
            if pending >= size:
                _insert(client, url, pieces)
                pending, pieces = 0, []
    if pieces:
        _insert(client, url, pieces)
    return total


def _batches(triples: Iterator[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    batch: list[ox.Triple] = []
    for triple in triples:
        batch.append(triple)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


TOO_LARGE = {400, 413, 500}  # how servers refuse an update over their size limit (Virtuoso: 400 SP031)


def _insert(client: Client, url: str, pieces: list[tuple[str, list[ox.Triple]]]) -> None:
    """One INSERT DATA; if the server refuses it as too large, the two halves separately (same triples)."""
    blocks = [f"GRAPH <{temp}> {{\n{ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES).decode('utf-8')}}}"
              for temp, batch in pieces]
    body = "INSERT DATA {\n" + "\n".join(blocks) + "\n}"
    try:
        client.send("POST", url, data={"update": body.encode("utf-8")},
                    headers={"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"})
    except PushError as exc:
        flat = [(temp, triple) for temp, batch in pieces for triple in batch]
        if exc.status not in TOO_LARGE or len(flat) < 2:
            raise
        half = len(flat) // 2
        for part in (flat[:half], flat[half:]):
            _insert(client, url, _regroup(part))


def _regroup(flat: list[tuple[str, ox.Triple]]) -> list[tuple[str, list[ox.Triple]]]:
    grouped: dict[str, list[ox.Triple]] = {}
    for temp, triple in flat:
        grouped.setdefault(temp, []).append(triple)
    return list(grouped.items())


def commit_request(transfers: list[Transfer], replace: bool) -> str:
    """One Update request, one operation per graph: atomic where a request is one transaction."""
    if replace:
        return " ;\n".join(f"MOVE GRAPH <{t.temp}> TO GRAPH <{t.target}>" for t in transfers)
    ops = [f"ADD GRAPH <{t.temp}> TO GRAPH <{t.target}>" for t in transfers]
    ops += [f"DROP GRAPH <{t.temp}>" for t in transfers]
    return " ;\n".join(ops)


def commit_operation(run: str, replace: bool) -> str:
    """One DELETE/INSERT operation over every temporary graph of the run: atomic where an operation is.

    The target of a temporary graph is its name after the run prefix, so the operation's size does
    not grow with the number of graphs.
    """
    prefix = temp_prefix(run)
    temps = (f'{{ SELECT DISTINCT ?temp WHERE {{ GRAPH ?temp {{ ?a ?b ?c }} FILTER(STRSTARTS(STR(?temp), "{prefix}")) }} }}\n'
             f'  BIND(IRI(STRAFTER(STR(?temp), "{prefix}")) AS ?target)')
    if not replace:
        return (f"INSERT {{ GRAPH ?target {{ ?s ?p ?o }} }}\nWHERE {{\n  {temps}\n"
                f"  GRAPH ?temp {{ ?s ?p ?o }}\n}}")
    return (f"DELETE {{ GRAPH ?target {{ ?s ?p ?o }} }}\nINSERT {{ GRAPH ?target {{ ?s2 ?p2 ?o2 }} }}\nWHERE {{\n"
            f"  {temps}\n  {{ GRAPH ?target {{ ?s ?p ?o }} }} UNION {{ GRAPH ?temp {{ ?s2 ?p2 ?o2 }} }}\n}}")


DROP_BATCH = 100  # operations per request: Virtuoso refuses requests of thousands


def _drop_temps(client: Client, ends: Endpoints, transfers: list[Transfer]) -> str | None:
    """Drop the run's temporary graphs (best effort after a failure). Returns a problem, if any."""
    client.retries = min(client.retries, 1)  # a server that just failed us is not waited for again
    try:
        for start in range(0, len(transfers), DROP_BATCH):
            batch = transfers[start:start + DROP_BATCH]
            client.send("POST", ends.update, data={"update": " ;\n".join(f"DROP SILENT GRAPH <{t.temp}>" for t in batch)})
    except PushError as exc:
        prefix = ":".join(transfers[0].temp.split(":")[:4])
        return f"the temporary graphs {prefix}:* may remain ({exc})"
    return None
