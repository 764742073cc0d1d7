"""Viz: the networkx graph as an interactive HTML page (pyvis / vis-network), self-contained so it opens offline.

pyvis builds the node and edge data and supplies vis-network's script and stylesheet, which
are inlined into our own page template: pyvis's stock template loads Bootstrap from a CDN
(console errors offline) and its search menus need CDN assets too. The page adds a legend
(click a type to hide or show it) and a search box that selects and focuses a node.

Hovering a node shows its type, aliases and, for papers, title, identifier and date; hovering
an edge shows the relation and, per paper that asserts it, the supporting sentence with the
extractor and its confidence. Tooltips are plain text (vis-network never parses them as HTML).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.model import Evidence

# kind -> (colour, vis shape, legend glyph). Shapes differ too, so the types stay apart in grey-scale.
KIND_STYLE = {
    "Paper": ("#7f7f7f", "square", "\u25a0"),
    "Method": ("#1f77b4", "dot", "\u25cf"),
    "Model": ("#d62728", "triangle", "\u25b2"),
    "Benchmark": ("#2ca02c", "hexagon", "\u2b22"),
    "Metric": ("#ff7f0e", "triangleDown", "\u25bc"),
    "Task": ("#9467bd", "star", "\u2605"),
    "Result": ("#8c564b", "diamond", "\u25c6"),
}
OTHER_STYLE = ("#cccccc", "dot", "\u25cf")
COLORS = {kind: style[0] for kind, style in KIND_STYLE.items()}

REL_COLORS = {
    "proposes": "#222222", "outperforms": "#d62728", "basedOn": "#1f77b4", "variantOf": "#9467bd",
    "reportsResult": "#8c564b", "resultFor": "#c49c94", "onBenchmark": "#c49c94", "withMetric": "#c49c94",
}
ROLE_COLOR = "#b0b0b0"  # usesMethod, evaluatesOn, ... and mentions: the bulk of the edges, kept quiet
PAPER_ROLES = ("proposes", "usesMethod", "usesModel", "evaluatesOn", "reportsMetric", "addressesTask")
MAX_STATEMENTS = 5  # evidence sentences listed in one edge tooltip; more papers are counted, not quoted
LABEL_CHARS = 32

OPTIONS = {
    "physics": {
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90, "springConstant": 0.05,
                             "avoidOverlap": 0.2},
        "stabilization": {"iterations": 250, "updateInterval": 25},
    },
    "edges": {"smooth": False, "width": 1, "font": {"size": 9, "color": "#555555", "strokeWidth": 2},
              "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
    "nodes": {"font": {"size": 13, "color": "#222222"}, "borderWidth": 1},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": True, "keyboard": False,
                    "hideEdgesOnDrag": True},
}
# Up to this many nodes the graph is "small": vis's improved layout (clustering and Kamada-Kawai
# first, too slow on a few hundred papers) gives a nicer start, and every edge shows its relation.
# Larger graphs label only the edges around the selected node: hundreds of labels are noise.
SMALL_GRAPH_NODES = 100
# Layout iterations: fewer on large graphs, where each costs more and a blank page waits for them.
STABILIZATION = ((1000, 250), (float("inf"), 150))  # (up to n nodes, iterations)


@dataclass
class DrawnEdge:
    """One line on the page: a relation between two nodes, with every paper that asserts it."""

    source: str
    target: str
    rel: str
    statements: list[tuple[str, Evidence | None]] = field(default_factory=list)  # (paper key, evidence)


def drawn_edges(graph: nx.MultiDiGraph) -> list[DrawnEdge]:
    """The edges the page draws: one per (source, target, relation), the papers folded together.

    A `mentions` edge is dropped when the same paper has a role edge to the same entity: the
    role implies the mention, and drawing both doubles the clutter. Plain mentions stay, so an
    entity a paper only names is still connected to it.
    """
    has_role = {(u, v, d["paper"]) for u, v, d in graph.edges(data=True) if d["rel"] in PAPER_ROLES}
    drawn: dict[tuple[str, str, str], DrawnEdge] = {}
    for u, v, d in graph.edges(data=True):
        if d["rel"] == "mentions" and (u, v, d["paper"]) in has_role:
            continue
        edge = drawn.setdefault((u, v, d["rel"]), DrawnEdge(u, v, d["rel"]))
        edge.statements.append((d["paper"], d.get("evidence")))
    return list(drawn.values())


def short(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def node_title(graph: nx.MultiDiGraph, node: str) -> str:
    data = graph.nodes[node]
    kind = data["kind"]
    if kind == "Paper":
        return paper_title(data)
    if kind == "Result":
        return result_title(graph, data)
    lines = [f"{kind}: {data.get('label', node)}"]
    if data.get("aliases"):
        lines.append("also: " + ", ".join(data["aliases"]))
    papers = len(papers_of(graph, node))
    lines.append(f"in {papers} paper{'s' if papers != 1 else ''}")
    return "\n".join(lines)


def papers_of(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The papers that say something about a node (each edge names its asserting paper)."""
    edges = list(graph.in_edges(node, data=True)) + list(graph.out_edges(node, data=True))
    return {d["paper"] for *_, d in edges}


def _web_url(url: str | None) -> bool:
    # A double-click opens the url: a "javascript:" url from the input must not run.
    return bool(url) and url.lower().startswith(("http://", "https://"))


def paper_title(data: dict) -> str:
    lines = [f"Paper: {data.get('title') or data.get('label')}", f"id: {data.get('identifier')}"]
    if data.get("date"):
        lines.append(f"date: {data['date']}")
    counts = [f"{data[k]} {name}" for k, name in (("authors_count", "authors"), ("upvotes", "upvotes"))
              if data.get(k) is not None]
    if counts:
        lines.append(", ".join(counts))
    if data.get("url"):
        lines.append(f"{data['url']}  (double-click to open)" if _web_url(data["url"]) else data["url"])
    return "\n".join(lines)


def result_title(graph: nx.MultiDiGraph, data: dict) -> str:
    lines = [f"Result: {data.get('value_text')}"]
    if data.get("value") is not None:
        lines.append(f"value: {data['value']}")
    paper = graph.nodes.get(f"paper/{data.get('paper')}")
    if paper:
        lines.append(f"reported by: {short(paper.get('label', ''), 80)}")
    return "\n".join(lines)


def edge_title(graph: nx.MultiDiGraph, edge: DrawnEdge) -> str:
    source, target = (graph.nodes[n].get("label", n) for n in (edge.source, edge.target))
    lines = [f"{edge.rel}: {short(source, 60)} \u2192 {short(target, 60)}"]
    from_paper = graph.nodes[edge.source]["kind"] == "Paper"
    for paper, evidence in edge.statements[:MAX_STATEMENTS]:
        lines.append("")
        if not from_paper:  # the paper is not one of the ends: say which paper asserts it
            lines.append(f"in: {short(graph.nodes.get(f'paper/{paper}', {}).get('label', paper), 80)}")
        lines += evidence_lines(evidence)
    if len(edge.statements) > MAX_STATEMENTS:
        lines += ["", f"\u2026 and {len(edge.statements) - MAX_STATEMENTS} more papers"]
    return "\n".join(lines)


def evidence_lines(evidence: Evidence | None) -> list[str]:
    if evidence is None:
        return ["(derived: no sentence of its own)"]
    return [f"\u201c{evidence.sentence}\u201d", f"{evidence.extractor}, confidence {evidence.confidence:.2f}"]


def node_size(graph: nx.MultiDiGraph, node: str) -> tuple[float, int]:
    """(symbol size, label font size): entities grow with the papers that touch them, so the
    hubs of a field stand out and keep readable labels when zoomed out; papers and results stay small."""
    kind = graph.nodes[node]["kind"]
    if kind == "Paper":
        return 12, 12
    if kind == "Result":
        return 7, 11
    extra = math.sqrt(max(len(papers_of(graph, node)) - 1, 0))
    return round(min(12 + 5 * extra, 40), 1), round(min(13 + 4 * extra, 30))


def search_names(data: dict) -> list[str]:
    """What the search box matches a node by: its label first, then aliases and identifier."""
    names = [data.get("label") or ""] + list(data.get("aliases") or ())
    if data["kind"] == "Paper" and data.get("identifier"):
        names.append(data["identifier"])
    return [n for n in dict.fromkeys(names) if n]


def check_graph(graph: nx.MultiDiGraph) -> None:
    """Check the attributes the page needs (docs/ARCHITECTURE.md); errors name the first node or edge lacking one."""
    for node, kind in graph.nodes(data="kind"):
        if kind is None:
            raise ValueError(f"graph node {node!r} has no 'kind' attribute "
                             "(Paper, Method, ...; see docs/ARCHITECTURE.md)")
    for u, v, key, data in graph.edges(keys=True, data=True):
        missing = [name for name in ("rel", "paper") if not data.get(name)]
        if missing:
            raise ValueError(f"graph edge {u!r} -> {v!r} (key {key!r}) has no {' or '.join(missing)!r} attribute "
                             "(see docs/ARCHITECTURE.md)")


def to_network(graph: nx.MultiDiGraph, edges: list[DrawnEdge] | None = None):
    """A pyvis Network holding the page's nodes and edges (colours, shapes, tooltips).

    Custom attributes the page's script uses: nodes carry `kind`, `names` (what search matches)
    and for papers `url`; edges carry `rel` (their label when shown).
    """
    from pyvis.network import Network

    check_graph(graph)
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        color, shape, _ = KIND_STYLE.get(data["kind"], OTHER_STYLE)
        extra = {"url": data["url"]} if data["kind"] == "Paper" and _web_url(data.get("url")) else {}
        size, font = node_size(graph, node)
        net.add_node(node, label=short(data.get("label") or node), title=node_title(graph, node), color=color,
                     shape=shape, size=size, font={"size": font}, kind=data["kind"], names=search_names(data),
                     **extra)
    for edge in drawn_edges(graph) if edges is None else edges:
        net.add_edge(edge.source, edge.target, title=edge_title(graph, edge), rel=edge.rel,
                     color=REL_COLORS.get(edge.rel, ROLE_COLOR), **edge_style(edge, graph.number_of_nodes()))
    return net


def edge_style(edge: DrawnEdge, node_count: int) -> dict:
    """Only what differs from vis's defaults (solid, width 1, no label): it adds up over thousands of edges."""
    style = {}
    if all(evidence is None for _, evidence in edge.statements):
        style["dashes"] = True
    if len(edge.statements) > 1:
        style["width"] = round(1 + math.log2(len(edge.statements)), 2)
    if node_count <= SMALL_GRAPH_NODES:
        style["label"] = edge.rel
    return style


def page_options(node_count: int) -> dict:
    iterations = next(n for limit, n in STABILIZATION if node_count <= limit)
    physics = {**OPTIONS["physics"], "stabilization": {**OPTIONS["physics"]["stabilization"], "iterations": iterations}}
    # a fixed seed: the same graph gets the same picture each time it is opened
    layout = {"randomSeed": 7, "improvedLayout": node_count <= SMALL_GRAPH_NODES}
    return {**OPTIONS, "physics": physics, "layout": layout}


def legend(graph: nx.MultiDiGraph) -> list[dict]:
    counts: dict[str, int] = {}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    order = list(KIND_STYLE) + sorted(set(counts) - set(KIND_STYLE))
    return [{"kind": kind, "count": counts[kind], "color": KIND_STYLE.get(kind, OTHER_STYLE)[0],
             "glyph": KIND_STYLE.get(kind, OTHER_STYLE)[2]} for kind in order if kind in counts]


def edge_legend(edges: list[DrawnEdge]) -> list[dict]:
    """One row per edge colour present, naming the relations drawn in it."""
    present = {e.rel for e in edges}
    by_color: dict[str, list[str]] = {}
    for rel in [r for r in REL_COLORS if r in present] + sorted(present - set(REL_COLORS)):
        by_color.setdefault(REL_COLORS.get(rel, ROLE_COLOR), []).append(rel)
    return [{"rel": ", ".join(rels), "color": color} for color, rels in by_color.items()]


def render_html(graph: nx.MultiDiGraph, title: str = "abstract-kg") -> str:
    """The whole page as a string."""
    check_graph(graph)
    edges = drawn_edges(graph)
    net = to_network(graph, edges)
    names = sorted({name for node in net.nodes for name in node["names"]}, key=lambda n: (n.casefold(), n))  # ties in case: a stable page
    return _template().render(
        title=title, nodes=net.nodes, edges=net.edges, options=page_options(len(net.nodes)),
        legend=legend(graph), edge_legend=edge_legend(edges), names=names,
        paper_count=sum(1 for _, k in graph.nodes(data="kind") if k == "Paper"),
    )


def write_html(graph: nx.MultiDiGraph, path: str | Path, title: str = "abstract-kg") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph, title), encoding="utf-8")
    return path


def _template():
    """Our page template, with pyvis's template folder on the loader path for the vis-network assets."""
    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

    assets, vis = _vis_assets()
    env = Environment(loader=ChoiceLoader([DictLoader({"page.html": PAGE}), FileSystemLoader(str(assets))]),
                      autoescape=True)
    env.globals["vis"] = vis
    return env.get_template("page.html")


def _vis_assets() -> tuple[Path, str]:
    """pyvis's template folder and, inside it, the newest vis-network it bundles (lib/vis-9.1.2 in pyvis 0.3.2)."""
    import pyvis

    assets = Path(pyvis.__file__).parent / "templates"
    bundled = sorted(assets.glob("lib/vis-*/vis-network.min.js"),
                     key=lambda p: tuple(int(x) for x in p.parent.name[4:].split(".") if x.isdigit()))
    if not bundled:
        raise RuntimeError(f"pyvis at {assets} bundles no vis-network (lib/vis-*/vis-network.min.js); "
                           "the page cannot be made self-contained")
    return assets, bundled[-1].parent.relative_to(assets).as_posix()


PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>{% include vis ~ '/vis-network.css' %}</style>
<script>{% include vis ~ '/vis-network.min.js' %}</script>
<style>
  html, body { margin: 0; height: 100%; font: 13px/1.35 system-ui, sans-serif; color: #222; }
  #mynetwork { position: absolute; inset: 0; background: #fff; }
  #panel { position: absolute; top: 10px; left: 10px; z-index: 5; width: 230px; padding: 10px 12px;
           background: rgba(255,255,255,0.93); border: 1px solid #ddd; border-radius: 6px;
           box-shadow: 0 1px 4px rgba(0,0,0,0.12); }
  #panel h1 { font-size: 15px; margin: 0 0 6px; }
  #search { display: flex; gap: 4px; margin-bottom: 4px; }
  #search input { flex: 1; min-width: 0; padding: 3px 5px; font: inherit; }
  #status { min-height: 1.3em; color: #666; font-size: 12px; }
  #panel ul { list-style: none; margin: 6px 0 0; padding: 0; }
  #legend li { cursor: pointer; padding: 1px 0; user-select: none; }
  #legend li.off { opacity: 0.35; text-decoration: line-through; }
  #legend .glyph { display: inline-block; width: 1.3em; text-align: center; }
  #legend .count, #edge-legend li { color: #666; }
  #edge-legend .line { display: inline-block; width: 18px; height: 0; border-top: 2px solid; margin: 0 6px 3px 2px; }
  #panel .hint { color: #888; font-size: 11px; margin-top: 6px; }
  /* vis-network sets tooltips as plain text with nowrap: keep the line breaks, wrap long sentences */
  div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font: 12px/1.4 system-ui, sans-serif; }
</style>
</head>
<body data-layout="running">
<div id="mynetwork"></div>
<div id="panel">
  <h1>{{ title }}</h1>
  <form id="search" onsubmit="focusNode(this.q.value); return false;">
    <input name="q" type="search" list="names" placeholder="find a method, model, paper\u2026" autocomplete="off">
    <button type="submit">Find</button>
  </form>
  <datalist id="names">{% for name in names %}<option value="{{ name }}">{% endfor %}</datalist>
  <div id="status"></div>
  <ul id="legend">{% for row in legend %}
    <li data-kind="{{ row.kind }}" title="click to hide or show"><span class="glyph" style="color: {{ row.color }}">{{ row.glyph }}</span>{{ row.kind }} <span class="count">{{ row.count }}</span></li>{% endfor %}
  </ul>
  <ul id="edge-legend">{% for row in edge_legend %}
    <li><span class="line" style="border-color: {{ row.color }}"></span>{{ row.rel }}</li>{% endfor %}
    <li><span class="line" style="border-color: #999; border-top-style: dashed"></span>derived (no sentence)</li>
  </ul>
  <div class="hint">{{ paper_count }} papers. Hover for evidence; click a node to see its neighbours (Esc clears); double-click a paper to open it.</div>
</div>
<script>
var nodes = new vis.DataSet({{ nodes|tojson }});
var edges = new vis.DataSet({{ edges|tojson }});
var network = new vis.Network(document.getElementById("mynetwork"), {nodes: nodes, edges: edges}, {{ options|tojson }});

function setStatus(text) { document.getElementById("status").textContent = text; }

network.on("stabilizationProgress", function (p) {
  setStatus("laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%");
});
network.once("stabilizationIterationsDone", function () {
  // a settled layout should not keep the CPU busy; dragging still works without physics
  network.setOptions({physics: {enabled: false}});
  document.body.dataset.layout = "settled";
  setStatus("");
});
network.on("doubleClick", function (p) {
  var node = p.nodes.length ? nodes.get(p.nodes[0]) : null;
  if (node && node.url) window.open(node.url, "_blank", "noopener");
});

// the guideline's name normalisation (kg.names.normalize): case, punctuation and one plural "s" do not matter
function normName(s) {
  var t = s.normalize("NFKC").toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu, "");
  return t.length > 1 && t.endsWith("s") ? t.slice(0, -1) : t;
}
function findNode(query) {
  var q = normName(query);
  if (!q) return null;
  var all = nodes.get();
  var hits = all.filter(function (n) { return n.names.some(function (x) { return normName(x) === q; }); });
  if (!hits.length) hits = all.filter(function (n) { return n.names.some(function (x) { return normName(x).includes(q); }); });
  hits.sort(function (a, b) { return b.size - a.size; });  // the most connected match first
  return hits.length ? hits[0] : null;
}
function focusNode(query) {
  var node = findNode(query);
  if (!node) { setStatus("no node matches \u201c" + query + "\u201d"); return false; }
  if (node.hidden) setKindVisible(node.kind, true);
  network.selectNodes([node.id]);
  highlight(node.id);
  // frame the node with its neighbours, not the node alone: the neighbours are what one searched for
  network.fit({nodes: network.getConnectedNodes(node.id).concat([node.id]), maxZoomLevel: 1.5,
               animation: {duration: 400}});
  setStatus(node.kind + ": " + node.names[0]);
  return true;
}

// selecting a node fades everything not next to it and labels its edges, so its neighbourhood
// reads even in a crowded graph; deselecting restores the first look
var FADED = "rgba(200,200,200,0.35)";
var look = {}, edgeLook = {};
nodes.forEach(function (n) { look[n.id] = {color: n.color, size: n.font.size}; });
// a blank, not "" or null: vis 9 keeps the old label when given an empty one
edges.forEach(function (e) { edgeLook[e.id] = {color: e.color, label: e.label || " "}; });
function highlight(id) {
  var near = new Set(id === null ? [] : network.getConnectedNodes(id).concat([id]));
  var touching = new Set(id === null ? [] : network.getConnectedEdges(id));
  nodes.update(nodes.getIds().map(function (n) {
    var on = id === null || near.has(n);
    return {id: n, color: on ? look[n].color : FADED, font: {size: look[n].size, color: on ? "#222222" : FADED}};
  }));
  edges.update(edges.get().map(function (e) {
    var on = touching.has(e.id);
    return {id: e.id, color: id === null || on ? edgeLook[e.id].color : FADED,
            label: on ? e.rel : edgeLook[e.id].label};
  }));
}
network.on("selectNode", function (p) { highlight(p.nodes[0]); });
network.on("deselectNode", function () { highlight(null); });
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape") { network.unselectAll(); highlight(null); setStatus(""); }
});

function setKindVisible(kind, visible) {
  nodes.update(nodes.getIds({filter: function (n) { return n.kind === kind; }}).map(function (id) {
    return {id: id, hidden: !visible};
  }));
  document.querySelector('#legend li[data-kind="' + kind + '"]').classList.toggle("off", !visible);
}
document.querySelectorAll("#legend li").forEach(function (li) {
  li.addEventListener("click", function () { setKindVisible(li.dataset.kind, li.classList.contains("off")); });
});
</script>
</body>
</html>
"""


def best_connected(graph: nx.MultiDiGraph, max_papers: int) -> nx.MultiDiGraph:
    """The part of a large graph a browser can lay out: the `max_papers` papers with the most
    edges, everything they link to, and the results they report. Small graphs pass unchanged."""
    papers = [n for n, kind in graph.nodes(data="kind") if kind == "Paper"]
    if len(papers) <= max_papers:
        return graph
    keep = set(sorted(papers, key=lambda n: (-graph.out_degree(n), n))[:max_papers])
    for paper in list(keep):
        keep.update(graph.successors(paper))
    for node in [n for n in keep if graph.nodes[n]["kind"] == "Result"]:
        keep.update(graph.successors(node))
    return graph.subgraph(keep).copy()
