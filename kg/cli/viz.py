"""`kg viz`: an interactive HTML page of the persistent store's graph, or of the part worth drawing."""
from __future__ import annotations

import argparse
import sys

DEFAULT_STORE = "exports/store"
DEFAULT_TOP = 2000  # kg.viz.DEFAULT_TOP, repeated so `kg --help` does not import networkx

EPILOG = """\
examples:
  kg viz                                        the store's graph, its 2,000 best-connected nodes
  kg viz --focus GRPO --depth 2 --out grpo.html  what is within two edges of GRPO
  kg viz --types Method Model Benchmark --out entities.html   no papers or results
  kg viz --per-type 300 --per-type Paper=100 --min-degree 3

The page says what it left out. Limits keep the nodes with the most neighbours.
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "viz", help="write an interactive HTML page of the graph (or of one entity's neighbourhood)",
        description="Draw the persistent store's graph as a self-contained HTML page: the ego graph of "
        "an entity, the best-connected nodes, per-type limits.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--store", metavar="DIR", default=DEFAULT_STORE, help=f"store folder (default: {DEFAULT_STORE})")
    p.add_argument("--graph", metavar="FILE", help="draw this RDF file (Turtle, TriG, ...) instead of the store")
    p.add_argument("--focus", metavar="NAME", help="draw the neighbourhood of this entity or paper (name, alias or id)")
    p.add_argument("--depth", type=count, default=1, metavar="N", help="edges from --focus (default: 1)")
    p.add_argument("--types", nargs="+", metavar="TYPE", help="only these node types (Paper, Method, Model, "
                   "Benchmark, Metric, Task, Result)")
    p.add_argument("--top", type=count, default=DEFAULT_TOP, metavar="K",
                   help=f"at most K nodes, the best-connected (default: {DEFAULT_TOP}; 0: no limit)")
    p.add_argument("--per-type", action="append", metavar="[TYPE=]K",
                   help="at most K nodes of each type, or of TYPE; repeatable")
    p.add_argument("--min-degree", type=count, default=0, metavar="N", help="only nodes with at least N neighbours")
    p.add_argument("--title", default="abstract-kg", help="page title")
    p.add_argument("--out", "-o", default="viz.html", metavar="FILE", help="output page (default: viz.html)")
    p.set_defaults(func=run)


def count(text: str) -> int:
    """A whole number >= 0, for argparse (which names the option in its error)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more, got {value}")
    return value


def per_type_limits(texts: list[str] | None) -> dict[str, int]:
    """["300", "Paper=100"] -> {"*": 300, "Paper": 100}; ValueError naming a bad item."""
    limits = {}
    for text in texts or ():
        kind, _, number = text.rpartition("=")
        try:
            limits[kind or "*"] = count(number)
        except argparse.ArgumentTypeError:
            raise ValueError(f"--per-type {text!r}: expected K or TYPE=K, K a whole number") from None
    return limits


def run(args: argparse.Namespace) -> int:
    import time

    from kg import storegraph, viz
    from kg import store as kgstore

    started = time.perf_counter()
    try:
        limits = per_type_limits(args.per_type)
        store = kgstore.memory_store(args.graph) if args.graph else kgstore.open_store(args.store, read_only=True)
        graph = storegraph.read_graph(store)
        if not graph:
            print(f"kg viz: {args.graph or args.store} holds no papers or entities", file=sys.stderr)
            return 2
        view = viz.select(graph, focus=args.focus, depth=args.depth, types=args.types,
                          top=args.top or None, per_type=limits, min_degree=args.min_degree)
        storegraph.attach_evidence(store, view.graph)
        path = viz.write_html(view.graph, args.out, args.title, view.note)
    except (ValueError, LookupError, kgstore.StoreError, OSError) as exc:
        print(f"kg viz: {exc}", file=sys.stderr)
        return 2
    drawn = view.graph
    print(f"graph:  {graph.number_of_nodes()} nodes, {graph.number_of_edges()} statements")
    print(f"drawn:  {drawn.number_of_nodes()} nodes, {len(viz.drawn_edges(drawn))} edges")
    if view.note:
        print(f"note:   {view.note}")
    print(f"wrote:  {path} ({path.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.1f} s)")
    return 0
