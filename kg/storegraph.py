"""The persistent store read back as the networkx graph of docs/ARCHITECTURE.md (what kg/graph.py
builds), so `kg viz` can draw a graph built earlier, of any size, without extracting again.

Two steps, because evidence is most of a store (a 31k-paper store holds 330k evidence records):
`read_graph` gives every node with its attributes and every edge with `rel` and `paper`, and
`attach_evidence` fills in the evidence of the edges of the (small) part that will be drawn.
Reading goes through pyoxigraph's quad index one predicate at a time: each pattern touches only
the quads it needs, never the sentences and evidence.
"""
from __future__ import annotations

import itertools
from decimal import Decimal

import networkx as nx
import pyoxigraph as ox

from kg import AKG, DEFAULT_BASE_IRI
from kg.graph import KINDS as ENTITY_KINDS
from kg.graph import edge_key
from kg.model import LINKS, RESULT_RELS, ROLES, Evidence

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"

KINDS = ("Paper", *ENTITY_KINDS.values(), "Result")
RELATIONS = ROLES + LINKS + RESULT_RELS
# predicate -> node attribute, for the literal properties the graph keeps (not the abstract: nothing draws it)
PROPERTIES = {
    RDFS + "label": "label", SKOS + "altLabel": "aliases", DCTERMS + "title": "title",
    DCTERMS + "identifier": "identifier", DCTERMS + "date": "date", SCHEMA + "url": "url",
    AKG + "authorCount": "authors_count", AKG + "upvotes": "upvotes",
    AKG + "valueText": "value_text", AKG + "value": "value",
}
INTEGERS = {"authors_count", "upvotes"}
UNKNOWN_PAPER = "unknown"

EVIDENCE_QUERY = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
SELECT ?s ?p ?o ?g ?sentence ?start ?end ?extractor ?confidence ?written WHERE {
  GRAPH ?g { %s }
}"""
# a single RDF file without named graphs (kg viz --graph graph.ttl) has its evidence in the default graph
EVIDENCE_IN_DEFAULT_GRAPH = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
SELECT ?s ?p ?o ?sentence ?start ?end ?extractor ?confidence ?written WHERE { %s }"""
EVIDENCE_PATTERN = """
    ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; akg:extractor ?extractor ;
        akg:confidence ?confidence ; prov:wasDerivedFrom ?sentenceNode .
    ?sentenceNode prov:value ?sentence ; akg:startOffset ?start ; akg:endOffset ?end .
    OPTIONAL { ?ev akg:asWritten ?written }"""


def read_graph(store: ox.Store, base_iri: str = DEFAULT_BASE_IRI) -> nx.MultiDiGraph:
    """Every paper, entity and result of the store with its attributes, every akg relation as an
    edge keyed and attributed as kg/graph.py does; `evidence` is None until attach_evidence."""
    graph = nx.MultiDiGraph()
    for kind in KINDS:
        for quad in store.quads_for_pattern(None, ox.NamedNode(RDF + "type"), ox.NamedNode(AKG + kind), None):
            node = _node_id(quad.subject.value, base_iri)
            if node is not None and node not in graph:
                graph.add_node(node, kind=kind)
    for predicate, attr in PROPERTIES.items():
        for quad in store.quads_for_pattern(None, ox.NamedNode(predicate), None, None):
            node = _node_id(quad.subject.value, base_iri)
            if node in graph:
                _set_property(graph.nodes[node], attr, quad.object.value)
    for rel in RELATIONS:
        for quad in store.quads_for_pattern(None, ox.NamedNode(AKG + rel), None, None):
            source, target = _node_id(quad.subject.value, base_iri), _node_id(quad.object.value, base_iri)
            if source in graph and target in graph:
                paper = _paper_key(quad.graph_name, base_iri) or _paper_of(source, target)
                graph.add_edge(source, target, key=edge_key(rel, paper), rel=rel, paper=paper, evidence=None)
    for node, data in graph.nodes(data=True):
        _finish_node(node, data)
    return graph


def attach_evidence(store: ox.Store, graph: nx.MultiDiGraph, base_iri: str = DEFAULT_BASE_IRI) -> int:
    """Set `evidence` on the edges of `graph` the store has evidence for; returns how many.

    One query per node that starts an edge, with the subject bound: each is an index lookup,
    so the cost follows the size of the drawn graph, not of the store.
    """
    found = 0
    for source in [n for n in graph if graph.out_degree(n)]:
        bound = {ox.Variable("s"): ox.NamedNode(base_iri + source)}
        rows = itertools.chain(store.query(EVIDENCE_QUERY % EVIDENCE_PATTERN, substitutions=bound),
                               store.query(EVIDENCE_IN_DEFAULT_GRAPH % EVIDENCE_PATTERN, substitutions=bound))
        for row in rows:
            target = _node_id(row["o"].value, base_iri)
            rel = _local(row["p"].value)
            paper = _paper_key(row["g"], base_iri) or _paper_of(source, target)  # no ?g in the default graph's rows
            edges = graph.get_edge_data(source, target) or {}
            data = edges.get(edge_key(rel, paper))
            if data is None or data.get("evidence") is not None:
                continue
            data["evidence"] = Evidence(row["sentence"].value, int(row["start"].value), int(row["end"].value),
                                        row["extractor"].value, float(row["confidence"].value),
                                        row["written"].value if row["written"] else "")
            found += 1
    return found


def _node_id(iri: str, base_iri: str) -> str | None:
    return iri[len(base_iri):] if iri.startswith(base_iri) else None


def _paper_key(graph_name, base_iri: str) -> str | None:
    prefix = base_iri + "graph/"
    if isinstance(graph_name, ox.NamedNode) and graph_name.value.startswith(prefix):
        return graph_name.value[len(prefix):]
    return None


def _paper_of(source: str, target: str) -> str:
    """The paper behind a statement read from a file without named graphs: the paper or the
    result's paper at either end, else "unknown" (an entity-to-entity link names no paper)."""
    for node in (source, target):
        if node.startswith(("paper/", "result/")):
            return node.split("/")[1]
    return UNKNOWN_PAPER


def _local(iri: str) -> str:
    return iri[len(AKG):] if iri.startswith(AKG) else iri


def _set_property(data: dict, attr: str, value: str) -> None:
    if attr == "aliases":
        data.setdefault("aliases", set()).add(value)
    elif attr in INTEGERS:
        data[attr] = int(value)
    elif attr == "value":
        data[attr] = str(Decimal(value))
    else:
        data[attr] = value


def _finish_node(node: str, data: dict) -> None:
    """The attributes kg/graph.py gives each kind that the store leaves implicit."""
    label = data.get("label")
    if data["kind"] == "Paper":
        data["label"] = label or data.get("title") or data.get("identifier") or node
        data.setdefault("title", None)
    elif data["kind"] == "Result":
        data["paper"] = node.split("/")[1]
        data.setdefault("value", None)
        data["label"] = data.get("value_text") or node
    else:
        data["label"] = label or node
        data["aliases"] = sorted(set(data.get("aliases", ())) - {data["label"]})
