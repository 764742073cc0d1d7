"""What `kg viz` costs on a store, step by step, and how long its page takes to open in Chromium.

Steps: read the store back as the networkx graph (kg/storegraph.py), cut it to the best-connected
nodes (kg.viz.select), read the evidence of what is drawn, lay it out (igraph) and write the page;
then open the page in headless Chromium (Debian's, through Playwright, network blocked) and time
until it has drawn. CPU seconds are printed next to wall seconds: on a shared machine the wall
clock mostly measures the neighbours.

    python bench/bench_viz.py --store /tmp/c31k-final/store --out /tmp/viz31k.html
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from kg import storegraph, viz  # noqa: E402
from kg import store as kgstore  # noqa: E402


class Step:
    """Times a block in wall and CPU seconds and prints one line."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        wall, cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu
        print(f"{self.name:<22}{wall:7.1f} s wall {cpu:7.1f} s CPU")


def open_in_chromium(path: Path) -> float:
    from browser import CHROMIUM, CHROMIUM_ARGS, open_local
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        started = time.perf_counter()
        opened, context = open_local(browser, path)
        seconds = time.perf_counter() - started
        if opened.errors:
            print(f"console errors: {opened.errors}")
        context.close()
        browser.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", required=True, help="a store built by kg build")
    parser.add_argument("--top", type=int, default=viz.DEFAULT_TOP)
    parser.add_argument("--out", default="bench/out/viz.html")
    parser.add_argument("--no-browser", action="store_true", help="do not time the page in Chromium")
    args = parser.parse_args()

    store = kgstore.open_store(args.store, read_only=True)
    with Step("read store"):
        graph = storegraph.read_graph(store)
    with Step(f"select top {args.top}"):
        view = viz.select(graph, top=args.top)
    with Step("read evidence"):
        storegraph.attach_evidence(store, view.graph)
    edges = viz.drawn_edges(view.graph)
    with Step("layout (igraph)"):
        viz.layout(view.graph, edges)
    with Step("write page"):  # lays out again: the page's own path, end to end
        path = viz.write_html(view.graph, args.out, note=view.note)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} statements; "
          f"page: {view.graph.number_of_nodes()} nodes, {len(edges)} edges, {path.stat().st_size / 1e6:.1f} MB")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if not args.no_browser:
        print(f"opens in Chromium: {open_in_chromium(path):.2f} s (until drawn)")


if __name__ == "__main__":
    main()
