"""Export: the persistent store -> files other tools load.

RDF formats come straight from pyoxigraph's streaming writers, so memory stays flat however
large the store is; JSON-LD is compacted one named graph at a time with the published context
(ontology/context.jsonld). GraphML, GEXF and neo4j CSV carry the domain graph (papers, entities,
results and the akg relations between them) as a networkx MultiDiGraph; provenance (evidence,
sentences) stays in the RDF formats, where it has a standard shape.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

import networkx as nx
import pyoxigraph as ox

from kg import AKG, DEFAULT_BASE_IRI

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

PREFIXES = {
    "akg": AKG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
}


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    rdf: ox.RdfFormat | None = None  # None: not an RDF format
    quads: bool = False  # keeps the per-paper named graphs


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", ".ttl", "text/turtle", ox.RdfFormat.TURTLE),
    Format("ntriples", ".nt", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    Format("nquads", ".nq", "application/n-quads", ox.RdfFormat.N_QUADS, quads=True),
    Format("trig", ".trig", "application/trig", ox.RdfFormat.TRIG, quads=True),
    Format("jsonld", ".jsonld", "application/ld+json", ox.RdfFormat.JSON_LD, quads=True),
    Format("rdfxml", ".rdf", "application/rdf+xml", ox.RdfFormat.RDF_XML),
    Format("graphml", ".graphml", "application/graphml+xml"),
    Format("gexf", ".gexf", "application/gexf+xml"),
    Format("neo4j", "", "text/csv"),  # a folder: nodes.csv + relationships.csv
)}
RDF_FORMATS = tuple(name for name, f in FORMATS.items() if f.rdf is not None)

# The classes that make a resource a node of the domain graph, most specific first.
NODE_CLASSES = ("Paper", "Method", "Model", "Benchmark", "Metric", "Task", "Result", "Entity")


class ExportError(Exception):
    """An export that cannot be written as asked; the message says why."""


def export(store: ox.Store, fmt: str, out: str | Path | IO[bytes], *, base_iri: str = DEFAULT_BASE_IRI) -> None:
    """Write the whole store to `out` (a path or a binary stream; a folder for neo4j)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        export_jsonld(store, out)
    elif fmt in RDF_FORMATS:
        export_rdf(store, fmt, out)
    elif fmt == "neo4j":
        if not isinstance(out, (str, Path)):
            raise ExportError("neo4j export writes two files: give a folder with --out")
        export_neo4j(store, out, base_iri=base_iri)
    else:
        graph = domain_graph(store, base_iri=base_iri)
        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        writer(graph, out if not isinstance(out, Path) else str(out))


def export_rdf(store: ox.Store, fmt: str, out: str | Path | IO[bytes]) -> None:
    """Stream an RDF serialisation. Triple formats get the union of all graphs, without duplicates."""
    spec = FORMATS[fmt]
    target = str(out) if isinstance(out, Path) else out
    if spec.quads:
        store.dump(target, spec.rdf, prefixes=PREFIXES if fmt == "trig" else None)
    else:
        prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
        ox.serialize(union_triples(store), target, spec.rdf, prefixes=prefixes)


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every distinct triple of the store, whichever graph holds it (default graph included)."""
    query = "SELECT DISTINCT ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    for row in store.query(query):
        yield ox.Triple(row["s"], row["p"], row["o"])


def context_path() -> Path:
    """ontology/context.jsonld, installed as kg.ontology or found next to the package in a checkout."""
    try:
        from importlib.resources import files

        candidate = Path(str(files("kg.ontology") / "context.jsonld"))
        if candidate.is_file():
            return candidate
    except ModuleNotFoundError:  # running from a checkout, where the folder is ontology/
        pass
    return Path(__file__).resolve().parent.parent / "ontology" / "context.jsonld"


def load_context(path: str | Path | None = None) -> dict:
    """The JSON-LD context object (the value of "@context") from the published context file."""
    path = Path(path) if path else context_path()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ExportError(f"JSON-LD context not found: {path}") from None
    except json.JSONDecodeError as exc:
        raise ExportError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(document, dict) or "@context" not in document:
        raise ExportError(f"{path}: no top-level \"@context\" object")
    return document["@context"]


def export_jsonld(store: ox.Store, out: str | Path | IO[bytes], context: dict | None = None) -> None:
    """JSON-LD compacted with the published context, one named graph at a time.

    The document is {"@context": ..., "@graph": [{"@id": <graph>, "@graph": [nodes]}, ...]}; the
    default graph's nodes (if any) sit directly in the top-level @graph. Memory is bounded by the
    largest named graph, not the store.
    """
    context = load_context() if context is None else context
    if isinstance(out, (str, Path)):
        with open(out, "wb") as stream:
            _write_jsonld(store, stream, context)
    else:
        _write_jsonld(store, out, context)


def _write_jsonld(store: ox.Store, stream: IO[bytes], context: dict) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="\n", write_through=True)
    text.write('{"@context": ' + json.dumps(context, ensure_ascii=False) + ',\n "@graph": [')
    first = True
    for graph_name, nodes in _compacted_graphs(store, context):
        items = nodes if graph_name is None else [{"@id": graph_name, "@graph": nodes}]
        for item in items:
            text.write(("\n  " if first else ",\n  ") + json.dumps(item, ensure_ascii=False))
            first = False
    text.write("\n]}\n")
    text.detach()  # leave the caller's stream open


def _compacted_graphs(store: ox.Store, context: dict) -> Iterator[tuple[str | None, list]]:
    import rdflib

    graphs = [ox.DefaultGraph()] + sorted(store.named_graphs(), key=lambda g: g.value)
    for graph in graphs:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        if not data:
            continue
        small = rdflib.Graph().parse(data=data.decode("utf-8"), format="nt")
        compacted = json.loads(small.serialize(format="json-ld", context=context, auto_compact=True))
        nodes = compacted.get("@graph", [compacted])
        for node in nodes:
            node.pop("@context", None)
        yield (None if isinstance(graph, ox.DefaultGraph) else graph.value), nodes


# ---------------------------------------------------------------- the domain graph


def node_id(iri: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The resource-relative path networkx graphs use (docs/ARCHITECTURE.md), else the IRI."""
    return iri[len(base_iri):] if iri.startswith(base_iri) else iri


def domain_graph(store: ox.Store, base_iri: str = DEFAULT_BASE_IRI, joiner: str = "; ") -> nx.MultiDiGraph:
    """Papers, entities and results with their literal properties; akg relations as edges.

    Node attributes: `type` (the most specific akg class), `label`, `iri`, then one attribute
    per literal property named by its local name (several values joined with `joiner`).
    Edge attributes: `relation` (akg local name) and `paper` (the key of the asserting graph).
    """
    types = _node_types(store)
    graph = nx.MultiDiGraph()
    for iri, type_ in types.items():
        graph.add_node(node_id(iri, base_iri), type=type_, iri=iri)
    values: dict[str, dict[str, set]] = {}
    for quad in store.quads_for_pattern(None, None, None, None):
        _add_quad(graph, values, types, quad, base_iri)
    for node, properties in values.items():
        for name, found in properties.items():
            graph.nodes[node][name] = _join(found, joiner)
    for _, data in graph.nodes(data=True):
        data["label"] = _label(data)
    return graph


def _node_types(store: ox.Store) -> dict[str, str]:
    rank = {name: i for i, name in enumerate(NODE_CLASSES)}
    types: dict[str, str] = {}
    for quad in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), None, None):
        if not isinstance(quad.subject, ox.NamedNode) or not quad.object.value.startswith(AKG):
            continue
        name = quad.object.value[len(AKG):]
        old = types.get(quad.subject.value)
        if name in rank and (old is None or rank[name] < rank[old]):
            types[quad.subject.value] = name
    return types


def _add_quad(graph, values, types, quad: ox.Quad, base_iri: str) -> None:
    subject, predicate, obj = quad.subject, quad.predicate.value, quad.object
    if subject.value not in types or predicate == RDF_TYPE:
        return
    source = node_id(subject.value, base_iri)
    if isinstance(obj, ox.NamedNode) and obj.value in types:
        if predicate.startswith(AKG):
            rel = predicate[len(AKG):]
            paper = _graph_key(quad.graph_name, base_iri)
            graph.add_edge(source, node_id(obj.value, base_iri), key=f"{rel}|{paper}", relation=rel, paper=paper)
        return
    if isinstance(obj, (ox.Literal, ox.NamedNode)):
        values.setdefault(source, {}).setdefault(_local_name(predicate), set()).add(_python_value(obj))


def _graph_key(graph_name, base_iri: str) -> str:
    if isinstance(graph_name, ox.DefaultGraph):
        return ""
    prefix = base_iri + "graph/"
    return graph_name.value[len(prefix):] if graph_name.value.startswith(prefix) else graph_name.value


def _local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _python_value(term) -> str | int | float:
    """Typed where graph tools have a matching type, else the lexical form."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        if datatype in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
            return int(term.value)
        if datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
            return float(term.value)
    return term.value


def _join(found: set, joiner: str):
    if len(found) == 1:
        return next(iter(found))
    return joiner.join(sorted(str(v) for v in found))


def _label(data: dict) -> str:
    """What a graph tool should print on the node."""
    for name in ("label", "title", "identifier", "valueText"):
        if data.get(name) not in (None, ""):
            return str(data[name])
    return data["iri"]


# ---------------------------------------------------------------- neo4j CSV

NEO4J_TYPES = {int: "long", float: "double"}
NEO4J_ARRAYS = {"altLabel"}  # always lists, in neo4j's default array delimiter ";"


def export_neo4j(store: ox.Store, folder: str | Path, base_iri: str = DEFAULT_BASE_IRI) -> tuple[Path, Path]:
    """nodes.csv and relationships.csv with the headers `neo4j-admin database import full` reads.

    nodes.csv: `:ID,:LABEL,name,iri,<property>[:type]...`; an entity has the labels
    `Entity;<Type>`. relationships.csv: `:START_ID,:END_ID,:TYPE,paper`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    graph = domain_graph(store, base_iri=base_iri, joiner=";")
    nodes_path, rels_path = folder / "nodes.csv", folder / "relationships.csv"
    _write_neo4j_nodes(graph, nodes_path)
    with open(rels_path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", "paper"])
        for source, target, data in graph.edges(data=True):
            writer.writerow([source, target, data["relation"], data["paper"]])
    return nodes_path, rels_path


def _write_neo4j_nodes(graph: nx.MultiDiGraph, path: Path) -> None:
    reserved = {"type", "label", "iri"}
    kinds: dict[str, type] = {}
    for _, data in graph.nodes(data=True):
        for name, value in data.items():
            if name not in reserved:
                kinds[name] = str if kinds.get(name, type(value)) is not type(value) else type(value)
    names = sorted(kinds)
    header = [":ID", ":LABEL", "name", "iri"] + [_neo4j_column(name, kinds[name]) for name in names]
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        for node, data in graph.nodes(data=True):
            labels = data["type"] if data["type"] in ("Paper", "Result", "Entity") else f"Entity;{data['type']}"
            writer.writerow([node, labels, data["label"], data["iri"]] + [_csv_value(data.get(n)) for n in names])


def _neo4j_column(name: str, kind: type) -> str:
    if name in NEO4J_ARRAYS:
        return f"{name}:string[]"
    return f"{name}:{NEO4J_TYPES[kind]}" if kind in NEO4J_TYPES else name


def _csv_value(value) -> str:
    return "" if value is None else str(value)
