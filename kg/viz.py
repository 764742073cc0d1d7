"""Viz: the networkx graph as an interactive HTML page (pyvis), self-contained so it opens offline.

Hovering a node shows its type and aliases; hovering an edge shows the relation and the
sentence that supports it, with the extractor and its confidence.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

COLORS = {
    "Paper": "#9e9e9e", "Method": "#1f77b4", "Model": "#d62728", "Benchmark": "#2ca02c",
    "Metric": "#ff7f0e", "Task": "#9467bd", "Result": "#8c564b",
}
SHAPES = {"Paper": "box", "Result": "diamond"}


def node_title(data: dict) -> str:
    lines = [f"{data['kind']}: {data.get('label', '')}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    if data["kind"] == "Paper":
        lines += [f"id: {data.get('identifier')}"] + ([f"date: {data['date']}"] if data.get("date") else [])
    return "\n".join(lines)


def edge_title(data: dict) -> str:
    evidence = data.get("evidence")
    if evidence is None:
        return data["rel"]
    return f'{data["rel"]}\n"{evidence.sentence}"\n({evidence.extractor}, confidence {evidence.confidence:.2f})'


def to_network(graph: nx.MultiDiGraph):
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line",
                  bgcolor="#ffffff", font_color="#222222")
    degree = dict(graph.degree())
    for node, data in graph.nodes(data=True):
        label = data.get("label") or node
        net.add_node(
            node,
            label=label if len(label) <= 40 else label[:37] + "...",
            title=node_title(data),
            color=COLORS.get(data["kind"], "#cccccc"),
            shape=SHAPES.get(data["kind"], "dot"),
            size=8 + min(degree.get(node, 0), 40),
            group=data["kind"],
        )
    for source, target, data in graph.edges(data=True):
        if data["rel"] == "mentions":
            continue  # every role edge stands for it; drawing both doubles the clutter
        net.add_edge(source, target, title=edge_title(data), label=data["rel"], arrows="to")
    net.set_options(json.dumps({
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 150}},
        "edges": {"font": {"size": 8}, "smooth": False},
        "interaction": {"hover": True, "navigationButtons": True},
    }))
    return net


def write_html(graph: nx.MultiDiGraph, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_network(graph).generate_html(), encoding="utf-8")
    return path
