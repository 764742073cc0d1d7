"""Viz: the networkx graph as an interactive HTML page (pyvis / vis-network), self-contained so it opens offline.

pyvis builds the node and edge data and supplies vis-network's script and stylesheet, which
are inlined into our own page template: pyvis's stock template loads Bootstrap from a CDN
(console errors offline) and its search menus need CDN assets too. The page adds a legend
(click a type to hide or show it), a search box that selects and focuses a node, a switch that
hides papers and results (the entity-to-entity graph alone) and a panel describing the
selected node (its papers, linked to arXiv) or edge (its evidence).

The layout is computed here (igraph's Fruchterman-Reingold, a fraction of a second on 2,000
nodes) and the page opens with physics off: it is readable at once and stays responsive
however large it is. `select` cuts a large graph down to what a browser can draw (an ego
graph, the best-connected nodes, per-type limits) and says what it left out; the page shows it.

Hovering a node shows its type, aliases and, for papers, title, identifier and date; hovering
an edge shows the relation and, per paper that asserts it, the supporting sentence with the
extractor and its confidence. Tooltips are plain text (vis-network never parses them as HTML).
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.model import Evidence
from kg.names import normalize

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
    # positions come from `layout` (computed in Python): no physics, so nothing moves or waits
    "physics": {"enabled": False},
    "edges": {"smooth": False, "width": 1, "font": {"size": 9, "color": "#555555", "strokeWidth": 2},
              "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
    # labels appear as one zooms in (drawn only when at least 9 px on screen): at first sight only the hubs are named
    "nodes": {"font": {"size": 13, "color": "#222222"}, "borderWidth": 1, "scaling": {"label": {"drawThreshold": 9}}},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": True, "keyboard": False,
                    "hideEdgesOnDrag": True},
}
# Up to this many nodes the graph is "small": every edge shows its relation. Larger graphs
# label only the edges around the selected node: hundreds of labels are noise.
SMALL_GRAPH_NODES = 100
# Above this many nodes, edges are hidden while zooming, which keeps a 2,000-node page fluid.
LARGE_GRAPH_NODES = 1000
EDGE_LENGTH = 110  # median edge length of the drawn layout, in vis's canvas units (pixels at zoom 1)
MAX_PAPERS_LISTED = 10  # papers listed in a node's panel; the rest are counted
DEFAULT_TOP = 2000  # nodes `kg viz` draws at most unless told otherwise: what opens in seconds
# The page: a Jinja template (HTML, CSS and the script for the legend, search and panel).
PAGE = Path(__file__).resolve().parent / "data" / "graph_page.html"

# arXiv identifiers (new style 2503.24388v2, old style cs.CL/0301001v1): only these become links
ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z]+(?:-[a-z]+)*(?:\.[a-z]{2})?/\d{7}(?:v\d+)?)$",
                      re.IGNORECASE)
HTTP_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)


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


def paper_title(data: dict) -> str:
    lines = [f"Paper: {data.get('title') or data.get('label')}", f"id: {data.get('identifier')}"]
    if data.get("date"):
        lines.append(f"date: {data['date']}")
    counts = [f"{data[k]} {name}" for k, name in (("authors_count", "authors"), ("upvotes", "upvotes"))
              if data.get(k) is not None]
    if counts:
        lines.append(", ".join(counts))
    if data.get("url"):
        lines.append(f"{data['url']}  (double-click to open)")
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


def to_network(graph: nx.MultiDiGraph, edges: list[DrawnEdge] | None = None,
               positions: dict[str, tuple[float, float]] | None = None):
    """A pyvis Network holding the page's nodes and edges (colours, shapes, tooltips, positions).

    Custom attributes the page's script uses: nodes carry `kind`, `names` (what search matches),
    `papers` and `paperCount` (the node panel's list) and, where there is a safe link, `url`;
    edges carry `rel` (their label when shown).
    """
    from pyvis.network import Network

    check_graph(graph)
    edges = drawn_edges(graph) if edges is None else edges
    positions = layout(graph, edges) if positions is None else positions
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        color, shape, _ = KIND_STYLE.get(data["kind"], OTHER_STYLE)
        link = paper_link(data) if data["kind"] == "Paper" else None
        extra = {"url": link} if link else {}
        size, font = node_size(graph, node)
        count, papers = data["papers"] if "papers" in data else paper_refs(graph, node)
        x, y = positions[node]
        net.add_node(node, label=short(data.get("label") or node), title=node_title(graph, node), color=color,
                     shape=shape, size=size, font={"size": font}, kind=data["kind"], names=search_names(data),
                     papers=papers, paperCount=count, x=x, y=y, **extra)
    for edge in edges:
        net.add_edge(edge.source, edge.target, title=edge_title(graph, edge), rel=edge.rel,
                     color=REL_COLORS.get(edge.rel, ROLE_COLOR), **edge_style(edge, graph.number_of_nodes()))
    return net


def paper_link(data: dict) -> str | None:
    """A paper's link: https://arxiv.org/abs/<id> from a valid arXiv id, else its url if it is http(s).

    Built from validated parts only, so no input can make the page open a javascript: or data: URL.
    """
    match = ARXIV_ID.match(str(data.get("identifier") or "").strip())
    if match:
        return f"https://arxiv.org/abs/{match.group(1)}"
    url = str(data.get("url") or "").strip()
    return url if HTTP_URL.match(url) else None


def paper_refs(graph: nx.MultiDiGraph, node: str, limit: int = MAX_PAPERS_LISTED) -> tuple[int, list[list]]:
    """(how many papers say something about a node, [title, link or None] of the first `limit` by title)."""
    if graph.nodes[node]["kind"] in ("Paper", "Result"):
        return 0, []  # a paper is its own reference; a result names its paper in its tooltip
    keys = papers_of(graph, node)
    found = [graph.nodes.get(f"paper/{key}") for key in keys]
    refs = sorted([data.get("title") or data.get("label") or "", paper_link(data)] for data in found if data)
    return len(keys), refs[:limit]


def layout(graph: nx.MultiDiGraph, edges: list[DrawnEdge]) -> dict[str, tuple[float, float]]:
    """Node positions: igraph's Fruchterman-Reingold over the drawn edges, scaled so the median edge
    is EDGE_LENGTH long; nodes with no drawn edge go in rows under the picture instead of being
    scattered round it. Seeded, so the same graph gets the same picture each time it is drawn."""
    import igraph

    linked = sorted({n for e in edges if e.source != e.target for n in (e.source, e.target)})
    index = {node: i for i, node in enumerate(linked)}
    pairs = sorted({(index[e.source], index[e.target]) for e in edges if e.source != e.target})
    igraph.set_random_number_generator(random.Random(7))
    try:
        coords = igraph.Graph(n=len(linked), edges=pairs).layout_fruchterman_reingold().coords if linked else []
    finally:
        igraph.set_random_number_generator(random)  # igraph's default generator, restored
    coords = _pull_in(coords)
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in pairs)
    median = lengths[len(lengths) // 2] if lengths else 1.0
    scale = EDGE_LENGTH / median if median > 0 else EDGE_LENGTH
    positions = {node: (round(coords[i][0] * scale, 1), round(coords[i][1] * scale, 1)) for node, i in index.items()}
    positions.update(_rows([n for n in graph if n not in index], positions))
    return positions


def _rows(nodes: list[str], placed: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Nodes without edges, in rows as wide as the picture above them, a gap below it."""
    xs, ys = [x for x, _ in placed.values()] or [0.0], [y for _, y in placed.values()] or [0.0]
    step = EDGE_LENGTH * 0.8
    per_row = max(int((max(xs) - min(xs)) / step) + 1, math.ceil(math.sqrt(len(nodes))))
    top = max(ys) + 2 * EDGE_LENGTH if placed else 0.0
    return {node: (round(min(xs) + step * (i % per_row), 1), round(top + step * (i // per_row), 1))
            for i, node in enumerate(nodes)}


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


def _pull_in(coords: list[list[float]]) -> list[list[float]]:
    """Fruchterman-Reingold pushes small unconnected pieces far out, and fitting them in shrinks the
    main component to a speck: bring every node within the radius holding 95% of them."""
    if len(coords) < 20:
        return coords
    cx, cy = (sum(c[i] for c in coords) / len(coords) for i in (0, 1))
    radii = sorted(math.dist(c, (cx, cy)) for c in coords)
    limit = radii[int(0.95 * (len(radii) - 1))]
    pulled = []
    for x, y in coords:
        r = math.dist((x, y), (cx, cy))
        f = limit / r if r > limit else 1.0
        pulled.append([cx + (x - cx) * f, cy + (y - cy) * f])
    return pulled


def page_options(node_count: int) -> dict:
    # a fixed seed: vis places nothing itself (every node has a position), but keep the page stable
    interaction = {**OPTIONS["interaction"], "hideEdgesOnZoom": node_count > LARGE_GRAPH_NODES}
    return {**OPTIONS, "interaction": interaction, "layout": {"randomSeed": 7, "improvedLayout": False}}


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


def render_html(graph: nx.MultiDiGraph, title: str = "abstract-kg", note: str = "") -> str:
    """The whole page as a string; `note` (e.g. View.note) says on the page what was left out."""
    check_graph(graph)
    edges = drawn_edges(graph)
    net = to_network(graph, edges)
    names = sorted({name for node in net.nodes for name in node["names"]}, key=lambda n: (n.casefold(), n))  # ties in case: a stable page
    return _template().render(
        title=title, nodes=net.nodes, edges=net.edges, options=page_options(len(net.nodes)),
        legend=legend(graph), edge_legend=edge_legend(edges), names=names, note=note,
        paper_count=sum(1 for _, k in graph.nodes(data="kind") if k == "Paper"),
    )


def write_html(graph: nx.MultiDiGraph, path: str | Path, title: str = "abstract-kg", note: str = "") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_html(graph, title, note), encoding="utf-8")
    return path


def _template():
    """Our page template, with pyvis's template folder on the loader path for the vis-network assets."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader

    assets, vis = _vis_assets()
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(PAGE.parent)), FileSystemLoader(str(assets))]),
                      autoescape=True)
    env.globals["vis"] = vis
    return env.get_template(PAGE.name)


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


def best_connected_view(graph: nx.MultiDiGraph, max_papers: int) -> View:
    """best_connected, with the page's note saying what it left out (none when nothing was)."""
    drawn = best_connected(graph, max_papers)
    how = [f"the {max_papers:,} papers with the most links, and what they link to"]
    return View(drawn, left_out_note(graph, drawn, how))


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


# ---------------------------------------------------------------- cutting a large graph down


@dataclass
class View:
    """The part of a graph a page draws, and a note for the page saying what was left out."""

    graph: nx.MultiDiGraph
    note: str = ""


def degrees(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Distinct neighbours of each node, edges in either direction: how connected it is."""
    return {node: len(set(graph.pred[node]) | set(graph.succ[node])) for node in graph}


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The node a name or alias (or paper identifier) refers to, compared as the page's search does
    (kg.names.normalize); a label beats an alias, then the best-connected wins. LookupError if none."""
    wanted = normalize(name)
    hits = []
    for node, data in graph.nodes(data=True):
        names = search_names(data)
        if wanted and wanted in map(normalize, names):
            hits.append((normalize(names[0]) != wanted, -len(set(graph.pred[node]) | set(graph.succ[node])), node))
    if not hits:
        raise LookupError(f"no node is named {name!r} (compared ignoring case, punctuation and a plural s)")
    return min(hits)[2]


def select(graph: nx.MultiDiGraph, *, focus: str | None = None, depth: int = 1, types: list[str] | None = None,
           top: int | None = None, per_type: dict[str, int] | None = None, min_degree: int = 0) -> View:
    """Cut `graph` to what a page should draw, in this order: only `types` (node kinds); the ego
    graph of `focus` (a name or alias) to `depth` edges in either direction; nodes with at least
    `min_degree` neighbours; at most `per_type[kind]` nodes of a kind (key "*": every kind); at
    most `top` nodes overall. Limits keep the best-connected nodes (neighbours in the whole graph);
    the focus is always kept. Each node's paper list is taken from the whole graph."""
    check_graph(graph)
    degree = degrees(graph)
    keep, how = set(graph), []
    centre = find_node(graph, focus) if focus else None
    _check_kinds(types or [], "")
    _check_kinds([k for k in per_type or {} if k != "*"], " in per-type limits")
    if types:
        wanted = {t.casefold() for t in types}
        keep = {n for n in keep if graph.nodes[n]["kind"].casefold() in wanted or n == centre}
        how.append("types " + ", ".join(types))
    if centre:
        keep = ego(graph, centre, depth, keep)
        how.append(f"within {depth} edge{'s' if depth != 1 else ''} of {graph.nodes[centre]['label']}")
    if min_degree:
        keep = {n for n in keep if degree[n] >= min_degree or n == centre}
        how.append(f"at least {min_degree} neighbours")
    if per_type:
        keep = _per_type(graph, keep, per_type, degree, centre)
        how.append("at most " + ", ".join(f"{k if k != '*' else 'each type'} {v}" for k, v in per_type.items()))
    if top is not None and len(keep) > top:
        ranked = sorted(keep - {centre}, key=lambda n: (-degree[n], n))
        keep = set(ranked[: top - (centre is not None)]) | ({centre} if centre else set())
        how.append(f"the {top:,} best-connected")
    view = graph.subgraph(keep).copy()
    for node, data in view.nodes(data=True):
        data["papers"] = paper_refs(graph, node)
    return View(view, left_out_note(graph, view, how))


def _check_kinds(names: list[str], where: str) -> None:
    known = {kind.casefold() for kind in KIND_STYLE}
    unknown = [name for name in names if name.casefold() not in known]
    if unknown:
        raise ValueError(f"unknown type {', '.join(unknown)}{where} (types: {', '.join(KIND_STYLE)})")


def ego(graph: nx.MultiDiGraph, centre: str, depth: int, allowed: set[str]) -> set[str]:
    """Nodes within `depth` edges of `centre` (either direction), walking only through `allowed` nodes."""
    seen, frontier = {centre}, [centre]
    for _ in range(depth):
        frontier = [m for n in frontier for m in set(graph.pred[n]) | set(graph.succ[n])
                    if m in allowed and m not in seen]
        seen.update(frontier)
    return seen


def _per_type(graph, keep: set[str], limits: dict[str, int], degree: dict[str, int], centre) -> set[str]:
    by_kind: dict[str, list[str]] = {}
    for node in keep:
        by_kind.setdefault(graph.nodes[node]["kind"], []).append(node)
    limit_of = {k.casefold(): v for k, v in limits.items()}
    kept = set()
    for kind, members in by_kind.items():
        limit = limit_of.get(kind.casefold(), limit_of.get("*"))
        ranked = sorted(members, key=lambda n: (n != centre, -degree[n], n))
        kept.update(ranked if limit is None else ranked[:limit])
    return kept


def left_out_note(whole: nx.MultiDiGraph, drawn: nx.MultiDiGraph, how: list[str]) -> str:
    """One sentence for the page: what it shows of the whole graph and what it leaves out, per kind."""
    if drawn.number_of_nodes() == whole.number_of_nodes():
        return ""
    total: dict[str, int] = {}
    for _, kind in whole.nodes(data="kind"):
        total[kind] = total.get(kind, 0) + 1
    for _, kind in drawn.nodes(data="kind"):
        total[kind] -= 1
    order = list(KIND_STYLE) + sorted(set(total) - set(KIND_STYLE))
    missing = [f"{total[k]:,} {k.lower()}{'s' if total[k] != 1 else ''}" for k in order if total.get(k)]
    edges = whole.number_of_edges() - drawn.number_of_edges()
    return (f"Showing {drawn.number_of_nodes():,} of {whole.number_of_nodes():,} nodes ({'; '.join(how)}). "
            f"Left out: {', '.join(missing)} and {edges:,} of {whole.number_of_edges():,} statements."
            + ("" if any(h.startswith("within") for h in how) else
               " Draw one entity's neighbourhood with kg viz --focus NAME."))
