"""`kg build` at corpus scale: cached extraction, global resolution, per-paper RDF, atomic outputs.

The stages are the usual ones (extraction -> resolution -> graph -> rdf -> store); this module
decides what has to run again. A paper is extracted only when its text or the extractor changed
(kg.cache keys extractions by both). Resolution always runs over every paper, so entities and
labels are the same as in a clean build. Each paper's named graph is then fingerprinted by
everything it is generated from (its facts, and the type, label and family of each entity it
touches); only papers with a new fingerprint have their RDF generated, and only their graphs are
replaced in the store. graph.ttl is assembled from the per-paper chunks in the cache, and no
graph of the whole corpus is held in memory (graph.html draws at most `html_max_papers`).

Outputs are written aside (graph.ttl.tmp, graph.html.tmp, store.next) and renamed into place
together at the end, so a killed build leaves each output as it was.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from kg import graph as kggraph
from kg import rdf, resolution
from kg import store as kgstore
from kg.cache import GENERATOR_SOURCES, Cache, extractor_version, sources_version, text_hash
from kg.model import Extraction, Paper, PaperFacts, Resolution

EXTRACT_BATCH = 256  # papers per cache commit: what a kill can lose
GENERATE_BATCH = 500  # papers per cache commit and per store bulk load


def run(papers: list[Paper], out: Path, report, *, base_iri: str, store_path: Path | None,
        html_max_papers: int | None, n_process: int = 1, progress: bool = False,
        extractions: list[Extraction] | None = None) -> None:
    """Build `papers` into `out`, filling `report` (a kg.api.BuildReport).

    `extractions`: the papers' extractions made elsewhere (a Dask cluster), in the same order;
    they go into the cache instead of extracting here."""
    cache = Cache(out / "cache.sqlite")
    try:
        _run(cache, papers, out, report, base_iri, store_path, html_max_papers, n_process, progress, extractions)
    finally:
        cache.close()


def _run(cache: Cache, papers, out: Path, report, base_iri, store_path, html_max_papers, n_process, progress,
         extractions=None):
    clock = _Clock(report.timings)
    stored = _stored(cache, store_path, out)
    # Papers an earlier build put in this store that this build's input does not hold stay in
    # it; they are resolved with this build's papers, as if all had been built together.
    current = {p.key for p in papers}
    kept = cache.papers(k for k in stored if k not in current)
    report.kept = len(kept)
    papers = kept + list(papers)
    version = extractor_version()
    hashes = [text_hash(p, version) for p in papers]
    known = cache.known(hashes)
    todo = [(p, h) for p, h in zip(papers, hashes) if h not in known]
    report.extracted = len(todo)
    if extractions is not None:  # made on a cluster, for this build's input (after the kept papers)
        given = hashes[len(kept):]
        cache.put_extractions([(h, e) for h, e in zip(given, extractions) if h not in known])
        extracted = set(given)
        todo = [(p, h) for p, h in todo if h not in extracted]
    if todo:
        _extract(cache, todo, n_process, progress)
    clock("extract")

    resolved = resolution.resolve(cache.extractions(papers, hashes))
    report.merges = resolved.merges
    _count(resolved, report)

    generator = sources_version(*GENERATOR_SOURCES)
    fps = [fingerprint(f, h, resolved.entities, base_iri, generator) for f, h in zip(resolved.papers, hashes)]
    keys = [f.paper.key for f in resolved.papers]
    cached = cache.chunk_fps(keys)
    changed = [i for i, (k, fp) in enumerate(zip(keys, fps))
               if (k, fp) not in cached or (store_path is not None and stored.get(k) != fp)]
    report.regenerated = len(changed)
    cache.begin_run(zip(keys, fps))
    if store_path is not None:
        cache.put_papers(papers[i] for i in changed)
    clock("resolve")

    chunks = _generate(cache, resolved, [(i, fps[i]) for i in changed], base_iri, progress)
    staging = None
    if store_path is not None:
        graphs = {str(rdf.graph_iri(keys[i], base_iri)) for i in changed}
        staging, load = kgstore.stage_graphs(store_path, graphs, chunks)
        report.graphs_replaced = load.graphs_added + load.graphs_replaced
    else:
        for _ in chunks:
            pass
    clock("generate and store")

    ttl = out / "graph.ttl"
    rdf.write_turtle_parts(_aside(ttl), cache.chunk_column("shared"), _turtle_chunks(cache), base_iri)
    clock("turtle")
    html = out / "graph.html" if html_max_papers is not None else None
    if html is not None:
        report.html_papers = _write_html(resolved, _aside(html), html_max_papers)

    clock("html")
    # Everything is written aside; now the renames, one right after the other.
    os.replace(_aside(ttl), ttl)
    report.outputs["turtle"] = ttl
    if html is not None:
        os.replace(_aside(html), html)
        report.outputs["html"] = html
    if store_path is not None:
        if staging is not None:
            kgstore.swap(store_path, staging)
        report.outputs["store"] = store_path
    cache.finish_run(_store_id(store_path, out))
    clock("swap")


class _Clock:
    """Adds the seconds since the last call to `timings[phase]`."""

    def __init__(self, timings: dict[str, float]):
        self.timings, self.last = timings, time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.timings[phase] = round(self.timings.get(phase, 0.0) + now - self.last, 2)
        self.last = now


def fingerprint(facts: PaperFacts, text_hash: str, entities, base_iri: str, generator: str) -> str:
    """A hash of everything a paper's named graph is generated from.

    The facts are a function of the paper's extraction (text_hash) and of which entity each of
    its mentions resolved to, so the entity keys, types, labels and families stand for the rest."""
    paper = facts.paper
    parts = (
        generator, base_iri, text_hash,
        (paper.key, paper.id, paper.title, paper.abstract, paper.date, paper.url, paper.upvotes, paper.authors_count),
        [(k, role) for k, role, _ in facts.roles],
        [(s, p, o) for s, p, o, _ in facts.links],
        [(r.subject, r.benchmark, r.metric) for r in facts.results],
        sorted((k, sorted(forms)) for k, forms in facts.surface_forms.items()),
        [(k, entities[k].type, entities[k].label, entities[k].family) for k in sorted(referenced(facts))],
    )
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def referenced(facts: PaperFacts) -> set[str]:
    """The entity keys a paper's graph describes."""
    keys = {k for k, _, _ in facts.roles}
    keys.update(k for s, _, o, _ in facts.links for k in (s, o))
    keys.update(k for r in facts.results for k in (r.subject, r.benchmark, r.metric) if k)
    return keys


def _extract(cache: Cache, todo: list[tuple[Paper, str]], n_process: int, progress: bool) -> None:
    from kg import extraction

    extracted = extraction.load().extract((p for p, _ in todo), n_process=n_process)
    stream = extracted
    if progress:
        from tqdm import tqdm

        stream = tqdm(extracted, total=len(todo), desc="extracting", unit="paper", file=sys.stderr)
    batch = []
    try:
        for (_, h), done in zip(todo, stream):
            batch.append((h, done))
            if len(batch) >= EXTRACT_BATCH:
                cache.put_extractions(batch)
                batch = []
    finally:
        # Close the worker pool here: left to the garbage collector, a Ctrl-C that lands while
        # the pool shuts down is printed and ignored, and the build runs on.
        extracted.close()
    if batch:
        cache.put_extractions(batch)


def _generate(cache: Cache, resolved: Resolution, todo: list[tuple[int, str]], base_iri: str,
              progress: bool) -> Iterator[bytes]:
    """Generate the RDF of the papers in `todo`, caching their graph.ttl chunks; yields N-Quads for the store."""
    items = todo
    if progress and todo:
        from tqdm import tqdm

        items = tqdm(todo, desc="generating RDF", unit="paper", file=sys.stderr)
    rows, nquads = [], []
    for i, fp in items:
        facts = resolved.papers[i]
        quads = rdf.generate(kggraph.to_graph(Resolution(resolved.entities, [facts])), base_iri)
        part = rdf.paper_rdf(quads, facts.paper.key, base_iri)
        rows.append((facts.paper.key, fp, part.shared, *(part.turtle[c] for c in rdf.PAPER_CATEGORIES)))
        nquads.append(part.nquads)
        if len(rows) >= GENERATE_BATCH:
            cache.put_chunks(rows)
            yield b"".join(nquads)
            rows, nquads = [], []
    if rows:
        cache.put_chunks(rows)
        yield b"".join(nquads)


def _turtle_chunks(cache: Cache) -> Iterator[bytes]:
    for category in rdf.PAPER_CATEGORIES:
        yield from cache.chunk_column(category)


def _write_html(resolved: Resolution, path: Path, max_papers: int) -> int:
    """graph.html of the `max_papers` best-connected papers (all, when there are no more)."""
    from kg import viz

    if len(resolved.papers) <= max_papers:
        view = viz.best_connected_view(kggraph.to_graph(resolved), max_papers)
        drawn, note = view.graph, view.note
    else:
        # The papers with the most edges, as viz.best_connected picks them, without the corpus graph.
        top = sorted(resolved.papers, key=lambda f: (-out_degree(f), kggraph.paper_node(f.paper.key)))[:max_papers]
        drawn = viz.best_connected(kggraph.to_graph(Resolution(resolved.entities, top)), max_papers)
        note = (f"Showing the {max_papers:,} papers with the most links of {len(resolved.papers):,}, and what "
                "they link to. Query the store for the rest, or draw one entity's neighbourhood with "
                "kg viz --focus NAME.")
    viz.write_html(drawn, path, note=note)
    return sum(1 for _, kind in drawn.nodes(data="kind") if kind == "Paper")


def out_degree(facts: PaperFacts) -> int:
    """The paper node's out-degree in kg.graph's graph: its distinct roles and its results."""
    return len({(k, role) for k, role, _ in facts.roles}) + len(facts.results)


def _count(resolved: Resolution, report) -> None:
    """Entities per type, results and edges, as kg.graph's graph of the whole corpus would count them."""
    keys: set[str] = set()
    for facts in resolved.papers:
        keys |= referenced(facts)
        report.results += len(facts.results)
        report.edges += _edges(facts)
    report.entities = Counter(kggraph.KINDS[resolved.entities[k].type] for k in keys)


def _edges(facts: PaperFacts) -> int:
    links = {(s, p, o) for s, p, o, _ in facts.links}
    targets = sum(1 for r in facts.results for k in (r.subject, r.benchmark, r.metric) if k)
    return out_degree(facts) + len(links) + targets


def _stored(cache: Cache, store_path: Path | None, out: Path) -> dict[str, str]:
    if store_path is None:
        return {}
    kgstore.recover(store_path)
    if not (store_path / "CURRENT").is_file():
        return {}
    return cache.stored(_store_id(store_path, out))


def _store_id(store_path: Path | None, out: Path) -> str | None:
    """The store as the cache names it: relative to OUT, so a copied or moved OUT keeps its state."""
    return None if store_path is None else os.path.relpath(store_path.resolve(), out.resolve())


def _aside(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")
