"""Graph: Resolution -> a typed networkx MultiDiGraph (node and edge attributes in docs/ARCHITECTURE.md).

The RDF is generated from this graph, so the two never disagree. Edges are keyed by their
relation and the asserting paper: a paper asserting the same thing twice gives one edge, with
the best evidence; two papers asserting it give two edges, one for each paper's named graph.
"""
from __future__ import annotations

import networkx as nx

from kg.model import Entity, Evidence, PaperFacts, Resolution

KINDS = {"method": "Method", "model": "Model", "benchmark": "Benchmark", "metric": "Metric", "task": "Task"}


def paper_node(key: str) -> str:
    return f"paper/{key}"


def entity_node(key: str) -> str:
    return f"entity/{key}"


def result_node(paper_key: str, n: int) -> str:
    return f"result/{paper_key}/{n}"


def to_graph(resolution: Resolution) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for facts in resolution.papers:
        _add_paper(graph, facts, resolution.entities)
    return graph


def _add_paper(graph: nx.MultiDiGraph, facts: PaperFacts, entities: dict[str, Entity]) -> None:
    paper = facts.paper
    node = paper_node(paper.key)
    graph.add_node(
        node,
        kind="Paper",
        label=paper.title or paper.id or paper.key,
        identifier=paper.id or paper.key,
        title=paper.title or None,
        abstract=paper.abstract,
        date=paper.date,
        authors_count=paper.authors_count,
        upvotes=paper.upvotes,
        url=paper.url,
        source=paper.source,
    )
    for key, role, evidence in facts.roles:
        target = _add_entity(graph, entities[key])
        _add_edge(graph, node, target, role, paper.key, evidence)
        if role == "mentions":
            graph.edges[node, target, edge_key("mentions", paper.key)]["forms"] = sorted(facts.surface_forms.get(key, ()))
    for subject, predicate, obj, evidence in facts.links:
        _add_edge(graph, _add_entity(graph, entities[subject]), _add_entity(graph, entities[obj]),
                  predicate, paper.key, evidence)
    for n, result in enumerate(facts.results, 1):
        rnode = result_node(paper.key, n)
        graph.add_node(
            rnode, kind="Result", label=result.value_text, value_text=result.value_text,
            value=str(result.value) if result.value is not None else None, paper=paper.key,
        )
        _add_edge(graph, node, rnode, "reportsResult", paper.key, result.evidence)
        for rel, key in (("resultFor", result.subject), ("onBenchmark", result.benchmark), ("withMetric", result.metric)):
            if key:
                _add_edge(graph, rnode, _add_entity(graph, entities[key]), rel, paper.key, None)


def _add_entity(graph: nx.MultiDiGraph, entity: Entity) -> str:
    node = entity_node(entity.key)
    if node not in graph:
        graph.add_node(node, kind=KINDS[entity.type], label=entity.label, aliases=sorted(entity.aliases))
    return node


def edge_key(rel: str, paper_key: str) -> str:
    return f"{rel}|{paper_key}"


def _add_edge(graph, source: str, target: str, rel: str, paper_key: str, evidence: Evidence | None) -> None:
    key = edge_key(rel, paper_key)
    if graph.has_edge(source, target, key=key):
        data = graph.edges[source, target, key]
        old = data.get("evidence")
        if evidence is not None and (old is None or evidence.confidence > old.confidence):
            data["evidence"] = evidence
        return
    graph.add_edge(source, target, key=key, rel=rel, paper=paper_key, evidence=evidence)


def summary(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Node counts per kind and the edge count, for the build report."""
    counts: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    counts["edges"] = graph.number_of_edges()
    return counts
