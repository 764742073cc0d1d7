"""RDF: the typed networkx graph -> RDF with one named graph per paper.

`generate` writes the statements into plain Python sets (`Quads`): cheap at corpus scale.
From there `Quads.to_dataset()` gives an rdflib Dataset (what the API, eval and validation
use), and `write_turtle` / `nquads` hand the same statements to Oxigraph's Rust serialiser,
which `kg build` uses for graph.ttl and the store.

The contract is in docs/ARCHITECTURE.md ("The RDF"); the pattern for provenance is in
ontology/PROVENANCE.md. Everything a paper asserts goes into <base>graph/<paper key>, so a
store replaces a paper by replacing that graph. IRIs of evidence and sentences are numbered
in a sorted order inside their paper, so re-building the same input gives the same IRIs.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Iterable, Iterator

import networkx as nx
from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef

from kg import AKG as AKG_IRI
from kg import DEFAULT_BASE_IRI
from kg.model import LINKS, RESULT_RELS, ROLES, Evidence
from kg.names import slug

AKG = Namespace(AKG_IRI)
MLS = Namespace("http://www.w3.org/ns/mls#")

ENTITY_KINDS = ("Method", "Model", "Benchmark", "Metric", "Task")
SPECIFIC_ROLES = tuple(r for r in ROLES if r != "mentions")
RELATIONS = frozenset(ROLES + LINKS + RESULT_RELS)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")  # 2025, 2025-05, 2025-05-20
_ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{2})(\d{2})\.(\d{4,5})(?:v\d+)?$", re.IGNORECASE)  # new-style, since 2007
_HTTP_URL = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
# Characters rdflib would let into an IRI but that make it invalid in every serialisation.
_BAD_IRI_CHARS = re.compile(r"[\s<>\"{}|\\^`]")


PREFIXES = ("akg", "dcterms", "skos", "prov", "schema", "mls", "rdf", "rdfs", "owl", "xsd", "paper", "entity")


def bind_prefixes(graph: Graph, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """Bind the prefixes (PREFIXES) our serialisations use; works on a Graph or a Dataset."""
    namespaces = (AKG, DCTERMS, SKOS, PROV, SDO, MLS, RDF, RDFS, OWL, XSD,
                  Namespace(base_iri + "paper/"), Namespace(base_iri + "entity/"))
    for prefix, namespace in zip(PREFIXES, namespaces):
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def graph_iri(paper_key: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The named graph that holds everything one paper asserts."""
    return URIRef(f"{base_iri}graph/{paper_key}")


def node_iri(node_id: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """A networkx node id ("paper/<key>", "entity/<key>", "result/<key>/<n>") as an IRI."""
    if not node_id or _BAD_IRI_CHARS.search(node_id):
        raise ValueError(f"node id {node_id!r} cannot end an IRI (empty or has spaces, quotes or brackets)")
    return URIRef(base_iri + node_id)


def agent_iri(extractor: str, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The prov:SoftwareAgent an extractor name ("rule:we-propose") stands for."""
    return URIRef(f"{base_iri}agent/{slug(extractor)}")


class Quads:
    """Generated statements: a set of (s, p, o) rdflib-term triples per graph name (None = default graph)."""

    def __init__(self) -> None:
        self.graphs: dict[URIRef | None, set[tuple]] = {}

    def graph(self, name: URIRef | None) -> set[tuple]:
        return self.graphs.setdefault(name, set())

    def __len__(self) -> int:
        return sum(len(triples) for triples in self.graphs.values())

    def triples(self) -> set[tuple]:
        """The union of all graphs."""
        return set().union(*self.graphs.values())

    def to_dataset(self, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
        dataset = bind_prefixes(Dataset(), base_iri)
        for name, triples in self.graphs.items():
            target = dataset.default_graph if name is None else dataset.graph(name)
            for triple in triples:
                target.add(triple)
        return dataset

    def ox_quads(self, ordered: bool = True):
        """pyoxigraph Quads, graph by graph in IRI order, each graph sorted as in graph.ttl
        (unless `ordered` is False: a store does not care, and sorting is half the cost)."""
        import pyoxigraph as ox

        convert = _OxTerms()
        names = sorted(self.graphs, key=lambda n: (n is not None, str(n))) if ordered else self.graphs
        for name in names:
            graph_name = ox.DefaultGraph() if name is None else convert(name)
            triples = sorted(self.graphs[name], key=_sort_key) if ordered else self.graphs[name]
            for s, p, o in triples:
                yield ox.Quad(convert(s), convert(p), convert(o), graph_name)

    def nquads(self, ordered: bool = False) -> bytes:
        """N-Quads bytes, serialised by Oxigraph (what the store bulk-loads)."""
        import pyoxigraph as ox

        return ox.serialize(self.ox_quads(ordered), format=ox.RdfFormat.N_QUADS)


def generate(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> Quads:
    """Generate the RDF for a graph built by kg.graph (attributes per docs/ARCHITECTURE.md)."""
    quads = Quads()
    writer = _Writer(quads, base_iri)
    for node, data in graph.nodes(data=True):
        writer.node(node, data)
    for source, target, data in graph.edges(data=True):
        writer.edge(graph, source, target, data)
    writer.orphan_entities(graph)
    for triples in writer.graphs.values():
        triples.update(proposed_for(triples))
    writer.evidence()
    return quads


def to_dataset(graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """The RDF of a graph built by kg.graph, as an rdflib Dataset with one named graph per paper."""
    return generate(graph, base_iri).to_dataset(base_iri)


def union_graph(dataset: Dataset) -> Graph:
    """All triples of all graphs (default and named) as one Graph, prefixes bound."""
    union = Graph()
    for prefix, namespace in dataset.namespaces():
        union.bind(prefix, namespace, override=True, replace=True)
    for graph in dataset.graphs():  # graph by graph: far faster than Dataset.quads() in rdflib's memory store
        for triple in graph:
            union.add(triple)
    return union


def write_turtle(data: Quads | Dataset, path: str | Path, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write the union of all graphs as Turtle (graph.ttl), sorted so rebuilds diff cleanly.

    pyoxigraph's serializer does the writing: about twice as fast as rdflib's Turtle serializer
    on a 375k-triple graph, and sorting by subject still groups each resource's triples.
    """
    import pyoxigraph as ox

    path = _prepare(path)
    convert = _OxTerms()
    ordered = (ox.Triple(convert(s), convert(p), convert(o)) for s, p, o in sorted(_triples(data), key=_sort_key))
    ox.serialize(ordered, str(path), ox.RdfFormat.TURTLE, prefixes=_prefixes(base_iri))
    return path


def write_trig(data: Quads | Dataset, path: str | Path, base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write every graph as TriG, named graphs kept, sorted by graph then subject."""
    import pyoxigraph as ox

    path = _prepare(path)
    quads = data if isinstance(data, Quads) else _from_dataset(data)
    ox.serialize(quads.ox_quads(), str(path), ox.RdfFormat.TRIG, prefixes=_prefixes(base_iri))
    return path


# graph.ttl sorts by subject; every subject is <base><category>/..., and the categories sort as
# listed. Agents and entities are described in many papers' graphs (deduplicated in graph.ttl);
# the others belong to one paper, whose key follows the category: "evidence/<key>/<n>".
SHARED_CATEGORIES = ("agent", "entity")
PAPER_CATEGORIES = ("evidence", "paper", "result", "sentence")


@dataclass
class PaperRDF:
    """One paper's named graph, serialised for the store and for its share of graph.ttl."""

    nquads: bytes  # the whole named graph, for the store
    shared: bytes  # N-Triples of its agent and entity triples, which other papers' graphs repeat
    turtle: dict[str, bytes]  # per PAPER_CATEGORIES: its sorted Turtle, without the @prefix lines


def paper_rdf(quads: Quads, key: str, base_iri: str = DEFAULT_BASE_IRI) -> PaperRDF:
    """Serialise the graph of paper `key` (from `generate`) for `write_turtle_parts` and the store."""
    import pyoxigraph as ox

    name = graph_iri(key, base_iri)
    if set(quads.graphs) - {name}:
        raise ValueError(f"paper {key}: generated statements outside its graph {name}")
    convert = _OxTerms()
    parts: dict[str, list] = {c: [] for c in SHARED_CATEGORIES + PAPER_CATEGORIES}
    for s, p, o in sorted(quads.graphs.get(name, ()), key=_sort_key):
        parts[_category(s, base_iri)].append(ox.Triple(convert(s), convert(p), convert(o)))
    graph = convert(name)
    nquads = ox.serialize((ox.Quad(t.subject, t.predicate, t.object, graph) for c in parts for t in parts[c]),
                          format=ox.RdfFormat.N_QUADS)
    shared = ox.serialize(parts["agent"] + parts["entity"], format=ox.RdfFormat.N_TRIPLES)
    header = turtle_header(base_iri)
    turtle = {c: _strip(ox.serialize(parts[c], format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base_iri)), header)
              for c in PAPER_CATEGORIES}
    return PaperRDF(nquads or b"", shared or b"", turtle)


_SHARED_BATCH = 2000  # subjects of agents and entities parsed per call


def write_turtle_parts(path: str | Path, shared: Iterable[bytes], chunks: Iterable[bytes],
                       base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write graph.ttl from papers' `PaperRDF`s: byte for byte what `write_turtle` writes for all of them.

    `shared` are the papers' N-Triples of agents and entities (deduplicated and sorted here);
    `chunks` are the per-paper Turtle, category by category and paper by paper in the order of
    their subjects (kg.cache.Cache.chunk_column returns them so)."""
    by_subject: dict[str, set[bytes]] = {}
    for blob in shared:
        for line in blob.splitlines():
            by_subject.setdefault(nt_subject(line), set()).add(line)
    described = subjects_turtle(((s, sorted(by_subject[s])) for s in sorted(by_subject)), base_iri)
    return write_turtle_blocks(path, (turtle for _, turtle in described), chunks, base_iri)


def write_turtle_blocks(path: str | Path, shared: Iterable[bytes], chunks: Iterable[bytes],
                        base_iri: str = DEFAULT_BASE_IRI) -> Path:
    """Write graph.ttl from Turtle without @prefix lines: the agents and entities (`shared`, from
    `subjects_turtle`, in subject order), then the papers' chunks (as in `write_turtle_parts`)."""
    path = _prepare(path)
    header = turtle_header(base_iri)
    wrote_header = False
    with open(path, "wb", buffering=1 << 20) as out:  # a few hundred thousand pieces, most of them small
        for block in itertools.chain(shared, chunks):
            if block and not wrote_header:
                out.write(header)
                wrote_header = True
            out.write(block)
    return path


def nt_subject(line: bytes) -> str:
    """The subject IRI of one of our N-Triples lines (agents and entities are IRIs, written unescaped)."""
    return line[1:line.index(b"> ")].decode("utf-8")


def subjects_turtle(lines: Iterable[tuple[str, list[bytes]]],
                    base_iri: str = DEFAULT_BASE_IRI) -> Iterator[tuple[str, bytes]]:
    """(subject, its sorted Turtle without @prefix lines) for each (subject, its distinct N-Triples
    lines). One subject's Turtle is one statement, so subjects' pieces in subject order join to
    what one call over all of them writes (graph.ttl keeps each subject's piece in kg.cache)."""
    import pyoxigraph as ox

    header, prefixes = turtle_header(base_iri), _prefixes(base_iri)
    batches = iter(lines)
    while batch := list(itertools.islice(batches, _SHARED_BATCH)):
        by_subject: dict[str, list] = {subject: [] for subject, _ in batch}
        for triple in ox.parse(b"\n".join(line for _, block in batch for line in block),
                               format=ox.RdfFormat.N_TRIPLES):
            by_subject[triple.subject.value].append(triple)
        for subject, triples in by_subject.items():
            triples.sort(key=_ox_sort_key)
            yield subject, _strip(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes), header)


@lru_cache(maxsize=8)
def turtle_header(base_iri: str = DEFAULT_BASE_IRI) -> bytes:
    """The @prefix lines Oxigraph writes at the top of our Turtle."""
    import pyoxigraph as ox

    probe = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o"))
    text = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=_prefixes(base_iri))
    return b"".join(line for line in text.splitlines(keepends=True) if line.startswith(b"@prefix"))


def _strip(turtle: bytes | None, header: bytes) -> bytes:
    if not turtle:
        return b""
    if not turtle.startswith(header):
        raise ValueError("Oxigraph's Turtle did not start with the expected @prefix lines")
    return turtle[len(header):]


def _category(subject, base_iri: str) -> str:
    text = str(subject)
    category = text[len(base_iri):].split("/", 1)[0] if text.startswith(base_iri) else ""
    if category not in SHARED_CATEGORIES + PAPER_CATEGORIES:
        raise ValueError(f"subject {text} is not under {base_iri}(agent|entity|evidence|paper|result|sentence)/")
    return category


def _ox_sort_key(triple) -> tuple[str, bool, str, str]:
    """_sort_key for pyoxigraph terms."""
    return triple.subject.value, triple.predicate.value != _RDF_TYPE_IRI, triple.predicate.value, triple.object.value


def _triples(data: Quads | Dataset) -> set[tuple]:
    if isinstance(data, Quads):
        return data.triples()
    return {triple for graph in data.graphs() for triple in graph}  # graph by graph, as in union_graph


def _from_dataset(dataset: Dataset) -> Quads:
    quads = Quads()
    default = dataset.default_graph.identifier
    for graph in dataset.graphs():
        if len(graph):
            quads.graph(None if graph.identifier == default else graph.identifier).update(graph)
    return quads


def _prepare(path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=8)
def _prefixes(base_iri: str = DEFAULT_BASE_IRI) -> dict[str, str]:
    """Our prefixes (rdflib binds dozens of unrelated ones by default; the output keeps only these)."""
    return {prefix: str(namespace) for prefix, namespace in bind_prefixes(Graph(), base_iri).namespaces()
            if prefix in PREFIXES}


_RDF_TYPE = RDF.type  # Namespace attribute access is a method call; this key runs per triple
_RDF_TYPE_IRI = str(RDF.type)


def _sort_key(triple) -> tuple[str, bool, str, str]:
    # by subject, its rdf:type first, so each resource reads as one block that starts with "a ..."
    return str(triple[0]), triple[1] != _RDF_TYPE, str(triple[1]), str(triple[2])


def _ox(term):
    """An rdflib term as the pyoxigraph term the serializer takes."""
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


class _OxTerms(dict):
    """_ox with a cache for IRIs: predicates, entities and papers repeat thousands of times."""

    def __call__(self, term):
        if isinstance(term, URIRef):
            found = self.get(term)
            if found is None:
                found = self[term] = _ox(term)
            return found
        return _ox(term)


@dataclass
class _Writer:
    """Adds one networkx graph's nodes and edges to Quads, remembering per-paper state."""

    quads: Quads
    base: str
    graphs: dict[str, set] = field(default_factory=dict)
    entities_done: set[tuple[str, str]] = field(default_factory=set)  # (paper key, entity node)
    referenced: set[str] = field(default_factory=set)  # entity nodes some paper's graph describes
    statements: dict[str, set[tuple[URIRef, URIRef, URIRef, Evidence]]] = field(default_factory=dict)

    def paper_graph(self, key: str) -> set:
        named = self.graphs.get(key)
        if named is None:
            named = self.graphs[key] = self.quads.graph(graph_iri(key, self.base))
        return named

    def iri(self, node: str) -> URIRef:
        return node_iri(node, self.base)

    def node(self, node: str, data: dict) -> None:
        kind = data.get("kind")
        if kind == "Paper":
            self.paper(node, data)
        elif kind == "Result":
            self.result(node, data)
        elif kind not in ENTITY_KINDS:
            raise ValueError(f"node {node!r}: unknown kind {kind!r} (expected Paper, Result or one of {ENTITY_KINDS})")

    def paper(self, node: str, data: dict) -> None:
        if not node.startswith("paper/"):
            raise ValueError(f"node {node!r}: a Paper node id must start with 'paper/'")
        key = node[len("paper/"):]
        g, me = self.paper_graph(key), self.iri(node)
        g.add((me, RDF.type, AKG.Paper))
        g.add((me, DCTERMS.identifier, Literal(str(data.get("identifier") or key))))
        _add_text(g, me, RDFS.label, data.get("label"))
        _add_text(g, me, DCTERMS.title, data.get("title"))
        _add_text(g, me, DCTERMS.abstract, data.get("abstract"))
        date = data.get("date")
        if date:
            g.add((me, DCTERMS.date, Literal(date, datatype=XSD.date) if _is_date(date) else Literal(date)))
        g.add((me, AKG.sortKey, Literal(format(sort_key(data.get("identifier"), date), "f"), datatype=XSD.decimal)))
        for prop, attr in ((AKG.authorCount, "authors_count"), (AKG.upvotes, "upvotes")):
            if data.get(attr) is not None:
                g.add((me, prop, Literal(_integer(data[attr], node, attr))))
        url = data.get("url")
        if url:
            g.add((me, SDO.url, URIRef(url) if _is_web_iri(url) else Literal(url, datatype=XSD.anyURI)))

    def result(self, node: str, data: dict) -> None:
        key = data.get("paper")
        if not key:
            raise ValueError(f"node {node!r}: a Result needs the 'paper' attribute naming its paper")
        g, me = self.paper_graph(key), self.iri(node)
        g.add((me, RDF.type, AKG.Result))
        _add_text(g, me, AKG.valueText, data.get("value_text"))
        value = _decimal(data.get("value"), node)
        if value is not None:
            g.add((me, AKG.value, value))

    def edge(self, graph: nx.MultiDiGraph, source: str, target: str, data: dict) -> None:
        rel = data.get("rel")
        if rel not in RELATIONS:
            raise ValueError(f"edge {source!r} -> {target!r}: unknown rel {rel!r}")
        key = data.get("paper") or _paper_key_of(source)
        if not key:
            raise ValueError(f"edge {source!r} -{rel}-> {target!r}: no 'paper' attribute naming its graph")
        g, s, p, o = self.paper_graph(key), self.iri(source), AKG[rel], self.iri(target)
        for node in (source, target):
            if graph.nodes[node].get("kind") in ENTITY_KINDS:
                self.entity(key, node, graph.nodes[node])
        g.add((s, p, o))
        if rel in SPECIFIC_ROLES:  # materialised so queries need no sub-property inference
            g.add((s, AKG.mentions, o))
        if rel == "mentions":
            label = graph.nodes[target].get("label")
            for form in data.get("forms", graph.nodes[target].get("aliases") or ()):
                if form and form != label:
                    g.add((o, SKOS.altLabel, Literal(form)))
        if data.get("evidence") is not None:
            self.statements.setdefault(key, set()).add((s, p, o, data["evidence"]))

    def entity(self, key: str, node: str, data: dict) -> None:
        """Type and label of an entity, in the graph of a paper that refers to it."""
        if (key, node) in self.entities_done:
            return
        self.entities_done.add((key, node))
        self.referenced.add(node)
        _describe_entity(self.paper_graph(key), self.iri(node), data)

    def orphan_entities(self, graph: nx.MultiDiGraph) -> None:
        """Entities no paper refers to have no paper graph; keep them in the default graph."""
        for node, data in graph.nodes(data=True):
            if data.get("kind") in ENTITY_KINDS and node not in self.referenced:
                default = self.quads.graph(None)
                _describe_entity(default, self.iri(node), data)
                for alias in data.get("aliases") or ():
                    if alias != data.get("label"):
                        default.add((self.iri(node), SKOS.altLabel, Literal(alias)))

    def evidence(self) -> None:
        for key, statements in self.statements.items():
            self.paper_evidence(key, statements)

    def paper_evidence(self, key: str, statements: set) -> None:
        """Reify each evidenced statement, numbering evidence and sentences in a sorted order."""
        g, paper = self.paper_graph(key), node_iri(f"paper/{key}", self.base)
        ordered = sorted(statements, key=lambda t: (t[3].start, t[3].end, t[3].extractor, str(t[1]), str(t[0]), str(t[2])))
        sentences: dict[tuple[int, int, str], URIRef] = {}
        for ev in sorted({(t[3].start, t[3].end, t[3].sentence) for t in ordered}):
            sentences[ev] = URIRef(f"{self.base}sentence/{key}/{len(sentences) + 1}")
            _describe_sentence(g, sentences[ev], paper, ev)
        agents: set[str] = set()
        for n, (s, p, o, ev) in enumerate(ordered, 1):
            me = URIRef(f"{self.base}evidence/{key}/{n}")
            agent = agent_iri(ev.extractor, self.base)
            if ev.extractor not in agents:  # once per paper graph; re-adding costs as much as adding
                agents.add(ev.extractor)
                g.add((agent, RDF.type, PROV.SoftwareAgent))
                g.add((agent, RDFS.label, Literal(ev.extractor)))
            for triple in (
                (me, RDF.type, AKG.Evidence), (me, RDF.type, RDF.Statement),
                (me, RDF.subject, s), (me, RDF.predicate, p), (me, RDF.object, o),
                (me, PROV.wasDerivedFrom, sentences[(ev.start, ev.end, ev.sentence)]),
                (me, AKG.extractor, Literal(ev.extractor)),
                (me, AKG.confidence, Literal(_confidence(ev.confidence), datatype=XSD.decimal)),
                (me, PROV.wasAttributedTo, agent),
            ):
                g.add(triple)
            if ev.written:
                g.add((me, AKG.asWritten, Literal(ev.written)))


def sort_key(identifier: str | None, date: str | None) -> Decimal:
    """akg:sortKey: a number that orders papers oldest to newest. The integer part is the
    date as yyyymmdd: from a date with a year, else the month a new-style arXiv identifier
    gives (2502.12953 -> 20250200), else the month and day of a date without a year (Oct 28
    -> 1028), else 0. The fraction is the arXiv number within its month (.12953), which
    arXiv assigns in submission order. A number because Oxigraph sorts numbers without
    reading strings from disk (docs/QUERIES.md#speed)."""
    day, fraction = 0, Decimal(0)
    dated = _YEAR_DATE.match(date or "")
    if dated:
        day = int(dated[1]) * 10000 + int(dated[2] or 0) * 100 + int(dated[3] or 0)
    arxiv = _ARXIV_ID.match((identifier or "").strip())
    if arxiv:
        year, month, number = arxiv.groups()
        day = day or (2000 + int(year)) * 10000 + int(month) * 100
        fraction = Decimal(int(number)).scaleb(-len(number))
    if not day and date:
        try:
            when = datetime.strptime(date.strip() + " 2000", "%b %d %Y")  # a leap year, for Feb 29
            day = when.month * 100 + when.day
        except ValueError:
            pass  # a date we cannot read: the paper sorts with the undated ones
    return Decimal(day) + fraction


def proposed_for(paper_graph: set) -> set[tuple]:
    """akg:proposedFor, materialised in one paper's graph: each Method the paper proposes,
    for each Task it addresses (so a query needs no three-way join to ask which tasks
    get new methods)."""
    methods = [o for s, p, o in paper_graph if p == AKG.proposes and (o, RDF.type, AKG.Method) in paper_graph]
    tasks = [o for s, p, o in paper_graph if p == AKG.addressesTask]
    return {(method, AKG.proposedFor, task) for method in methods for task in tasks}


def _describe_entity(g: set, me: URIRef, data: dict) -> None:
    g.add((me, RDF.type, AKG[data["kind"]]))
    g.add((me, RDF.type, AKG.Entity))  # materialised supertype
    _add_text(g, me, RDFS.label, data.get("label"))


def _describe_sentence(g: set, me: URIRef, paper: URIRef, sentence: tuple[int, int, str]) -> None:
    start, end, text = sentence
    g.add((me, RDF.type, AKG.Sentence))
    g.add((me, PROV.value, Literal(text)))
    g.add((me, AKG.startOffset, Literal(int(start))))
    g.add((me, AKG.endOffset, Literal(int(end))))
    g.add((me, DCTERMS.isPartOf, paper))


def _is_date(text: str) -> bool:
    """An xsd:date only when it is a real day: "2025-13-45" from the input stays a plain string."""
    if not _ISO_DATE.match(text):
        return False
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return False
    return True


def _is_web_iri(url: str) -> bool:
    """An http(s) url that is a valid IRI ("http://[::1" from the input is not): else a literal."""
    import pyoxigraph as ox

    if not _HTTP_URL.match(url):
        return False
    try:
        ox.NamedNode(url)
    except ValueError:
        return False
    return True


def _add_text(g: set, subject: URIRef, prop: URIRef, text) -> None:
    if text:
        g.add((subject, prop, Literal(str(text))))


def _decimal(value, node: str) -> Literal | None:
    """akg:value as xsd:decimal; None when there is no number. The lexical form never uses an exponent."""
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"node {node!r}: value {value!r} is not a decimal number") from None
    if not number.is_finite():
        return None  # NaN/Infinity have no xsd:decimal form; akg:valueText still says what was written
    return Literal(format(number, "f"), datatype=XSD.decimal)


def _integer(value, node: str, attr: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValueError(f"node {node!r}: {attr} {value!r} is not an integer") from None


def _confidence(value: float) -> str:
    # Round so float noise (0.30000000000000004) does not leak into the graph.
    return format(Decimal(str(round(float(value), 4))).normalize(), "f")


def _paper_key_of(node: str) -> str | None:
    return node[len("paper/"):] if node.startswith("paper/") else None
