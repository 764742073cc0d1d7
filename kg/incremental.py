"""`kg build` at corpus scale: cached extraction, global resolution, per-paper RDF, atomic outputs.

The stages are the usual ones (extraction -> resolution -> graph -> rdf -> store); this module
decides what has to run again, and streams: the papers come staged on disk (kg.cache.Staging)
and are read back a batch at a time, so no list of every paper, extraction or fact is held.
A paper is extracted only when its text or the extractor changed (kg.cache keys extractions
by both). Resolution always runs over every paper, so entities and labels are the same as in a
clean build, in passes (kg.resolution.Resolver) over each paper's compact groups, cached by
text. Each paper's named graph is then fingerprinted by everything it is generated from (its
text, metadata and entity keys, and the type, label and family of each entity it shows); only
papers with a new fingerprint have their facts made and their RDF generated, and only their
graphs are replaced in the store. graph.ttl is assembled from the per-paper chunks in the
cache, the summary's counts from per-paper figures cached with them, and graph.html draws at
most `html_max_papers`.

Outputs are written aside (graph.ttl.tmp, graph.html.tmp, store.next) and renamed into place
together at the end, so a killed build leaves each output as it was.
"""
from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg import graph as kggraph
from kg import rdf, resolution
from kg import store as kgstore
from kg.cache import GENERATOR_SOURCES, Cache, Staging, sources_version
from kg.model import Extraction, Paper, PaperFacts, Resolution

EXTRACT_BATCH = 256  # papers per cache commit: what a kill can lose
GENERATE_BATCH = 500  # papers per cache commit and per store bulk load
SHARED_DELTAS = 50_000  # distinct entity lines counted in memory before they go to the cache


def run(papers: Staging, out: Path, report, *, base_iri: str, store_path: Path | None,
        html_max_papers: int | None, n_process: int = 1, progress: bool = False,
        extractions: list[Extraction] | None = None) -> None:
    """Build the staged `papers` into `out`, filling `report` (a kg.api.BuildReport).

    `extractions`: the papers' extractions made elsewhere (a Dask cluster), in the same order;
    they go into the cache instead of extracting here."""
    cache = Cache(out / "cache.sqlite", papers)
    try:
        _run(cache, papers, out, report, base_iri, store_path, html_max_papers, n_process, progress, extractions)
    finally:
        cache.close()
        gc.unfreeze()


@contextmanager
def _long_lived():
    """Python's collector scans every container object at each full collection; the resolver
    makes a few million (tuples, sets, entities: no reference cycles among them) that live until
    graph.ttl, and full collections over them took 2.6 of a 31k rebuild's 21 CPU seconds. Off
    while they are made, then frozen (left out of later collections; run() unfreezes them) so
    generation's per-paper graphs, which do make cycles, are collected as before."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _run(cache: Cache, staged: Staging, out: Path, report, base_iri, store_path, html_max_papers, n_process,
         progress, extractions=None):
    clock = _Clock(report.timings)
    store = _store_state(store_path, out)
    # Papers an earlier build put in this store that this build's input does not hold stay in
    # it; they are resolved with this build's papers, as if all had been built together.
    kept = cache.unstaged(store) if store else []
    report.kept = len(kept)
    staged.prepend(cache.papers(kept), len(kept))
    report.extracted = cache.mark_unextracted()
    if extractions is not None:  # made on a cluster, for this build's input (after the kept papers)
        given = [h for batch in staged.rows("hash", "seq > 0") for (h,) in batch]
        known = cache.known(given)
        cache.put_extractions([(h, e) for h, e in zip(given, extractions) if h not in known])
    if report.extracted:
        _extract(cache, _todo(cache, staged), report.extracted, n_process, progress)
    clock("extract")

    with _long_lived():
        resolver = resolution.Resolver()
        for groups in _groups(cache, staged, fill=True):
            resolver.add_forms(groups)
        resolver.join()
        for groups in _groups(cache, staged):
            resolver.add_names(groups)
        report.merges = resolver.merges
        graphs = _fingerprint(cache, staged, resolver, store_path is not None, store, base_iri, report)
        # Each paper's entity keys are staged now, so the union-find over every form written in the
        # corpus (most of the resolver's memory, growing with it) goes before generation's peak;
        # only the entities stay.
        entities = resolver.entities()
        del resolver
    clock("resolve")

    chunks = _generate(cache, staged, entities, base_iri, store_path is not None, report, progress)
    staging = None
    if store_path is not None:
        staging, load = kgstore.stage_graphs(store_path, graphs, chunks)
        report.graphs_replaced = load.graphs_added + load.graphs_replaced
    else:
        for _ in chunks:
            pass
    clock("generate and store")

    html = out / "graph.html" if html_max_papers is not None else None
    if html is not None:
        report.html_papers = _write_html(cache, staged, entities, _aside(html), html_max_papers)
    clock("html")
    # The entities are written; graph.ttl is assembled from the cache. Freed first, so the
    # Turtle's entity lines take their memory rather than add to the peak.
    del entities
    ttl = out / "graph.ttl"
    rdf.write_turtle_blocks(_aside(ttl), _shared_turtle(cache, base_iri), _turtle_chunks(cache), base_iri)
    clock("turtle")
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


def _todo(cache: Cache, staged: Staging) -> Iterator[tuple[Paper, str]]:
    """The staged papers marked to extract, unless cached since (the same text twice)."""
    for batch in staged.rows("data, hash", "todo = 1"):
        known = cache.known(h for _, h in batch)
        yield from ((p, h) for p, h in batch if h not in known)


def _groups(cache: Cache, staged: Staging, fill: bool = False) -> Iterator[tuple]:
    """Each staged paper's resolution input, in build order, from the cache; `fill`: work out
    and cache those not there yet (from the cached extractions)."""
    for batch in cache.staged_groups():
        missing = {h: seq for seq, h, groups in batch if groups is None}
        made = {}
        if missing and fill:
            # Only these papers are read back: unpickling every staged paper cost a rebuild ~0.5 s.
            papers = staged.papers(list(missing.values()))
            made = {h: resolution.paper_groups(x) for h, x in zip(missing, cache.extractions(papers, list(missing)))}
            cache.put_groups(made.items())
        yield from (made[h] if groups is None else groups for _, h, groups in batch)


def _fingerprint(cache: Cache, staged: Staging, resolver, to_store: bool, store: str | None, base_iri: str,
                 report) -> set[str]:
    """Fingerprint every paper's graph and mark those to generate again (no cached chunk, or, when
    `to_store`, not what the cache records the store as holding: `store`, None for a store that is
    not there yet); counts what the unchanged ones hold from their cached figures.
    Stages each paper's entity keys for generation. Returns the IRIs of the graphs to replace in the store."""
    entities = resolver.entities()
    generator = sources_version(*GENERATOR_SOURCES)
    shown: set[str] = set()  # every entity some paper's graph describes
    graphs: set[str] = set()
    cache.begin_run()
    for batch in cache.staged_groups("primaries", "seq, key, hash, meta"):
        rows = []
        for seq, key, h, meta, primaries in batch:
            keys = resolver.keys(primaries)
            refs = referenced(keys, entities)
            shown |= refs
            rows.append((seq, key, fingerprint(meta, h, keys, refs, entities, base_iri, generator), keys))
        cached = cache.figures([r[:3] for r in rows], store)
        marks = []
        for seq, k, fp, keys in rows:
            figures, in_store = cached[seq]
            if figures is None or (to_store and in_store != fp):
                graphs.add(str(rdf.graph_iri(k, base_iri)))
                marks.append((fp, 1, None, json.dumps(keys), seq))
            else:
                _add_figures(report, figures)
                marks.append((fp, 0, figures[2], json.dumps(keys), seq))
        staged.update(marks, "fp, changed, degree, keys")
        cache.add_run((k, fp) for _, k, fp, _ in rows)
        report.regenerated += sum(changed for _, changed, _, _, _ in marks)
    report.entities = Counter(kggraph.KINDS[entities[k].type] for k in shown)
    return graphs


class _Clock:
    """Adds the seconds since the last call to `timings[phase]`."""

    def __init__(self, timings: dict[str, float]):
        self.timings, self.last = timings, time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.timings[phase] = round(self.timings.get(phase, 0.0) + now - self.last, 2)
        self.last = now


def fingerprint(meta: str, text_hash: str, keys: list[str], refs: set[str], entities, base_iri: str,
                generator: str) -> str:
    """A hash of everything a paper's named graph is generated from.

    The facts are a function of the paper's extraction (text_hash) and of the entity each of
    its groups of mentions resolved to (`keys`), with those entities' types and families; the
    graph adds what it shows of the paper (`meta`, kg.cache.paper_digest) and the type, label
    and family of each entity it describes (`refs`)."""
    described = [(k, entities[k].type, entities[k].label, entities[k].family) for k in sorted(refs)]
    parts = (generator, base_iri, text_hash, meta, keys, described)
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def referenced(keys: list[str], entities) -> set[str]:
    """The entity keys a paper's graph describes: those its mentions resolved to, and their families."""
    refs = set(keys)
    refs.update(entities[k].family for k in keys if entities[k].family)
    return refs


def _extract(cache: Cache, todo: Iterator[tuple[Paper, str]], total: int, n_process: int, progress: bool) -> None:
    from kg import extraction

    hashes: deque[str] = deque()  # of the papers handed to the extractor, which keeps their order

    def papers() -> Iterator[Paper]:
        for paper, h in todo:
            hashes.append(h)
            yield paper

    extracted = extraction.load().extract(papers(), n_process=n_process)
    stream = extracted
    if progress:
        from tqdm import tqdm

        stream = tqdm(extracted, total=total, desc="extracting", unit="paper", file=sys.stderr)
    batch = []
    try:
        for done in stream:
            batch.append((hashes.popleft(), done))
            if len(batch) >= EXTRACT_BATCH:
                cache.put_extractions(batch)
                batch = []
    finally:
        # Close the worker pool here: left to the garbage collector, a Ctrl-C that lands while
        # the pool shuts down is printed and ignored, and the build runs on.
        extracted.close()
    if batch:
        cache.put_extractions(batch)


def _facts(cache: Cache, entities, batch: list[tuple[Paper, str, str]]) -> Iterator[PaperFacts]:
    """The resolved facts of a batch of (paper, hash, staged entity keys), from the cached extractions."""
    for (_, _, keys), x in zip(batch, cache.extractions([p for p, _, _ in batch], [h for _, h, _ in batch])):
        yield resolution.paper_facts(x, json.loads(keys), entities)


def _generate(cache: Cache, staged: Staging, entities, base_iri: str, keep_papers: bool, report,
              progress: bool) -> Iterator[bytes]:
    """Generate the RDF of the papers marked changed, caching their graph.ttl chunks and figures;
    yields N-Quads for the store."""
    bar = None
    if progress and report.regenerated:
        from tqdm import tqdm

        bar = tqdm(total=report.regenerated, desc="generating RDF", unit="paper", file=sys.stderr)
    for batch in staged.rows("seq, data, hash, keys, fp", "changed = 1", size=GENERATE_BATCH):
        rows, figures, nquads, degrees = [], [], [], []
        for (seq, paper, _, _, fp), facts in zip(batch, _facts(cache, entities, [(p, h, k) for _, p, h, k, _ in batch])):
            quads = rdf.generate(kggraph.to_graph(Resolution(entities, [facts])), base_iri)
            part = rdf.paper_rdf(quads, paper.key, base_iri)
            rows.append((paper.key, fp, part.shared, *(part.turtle[c] for c in rdf.PAPER_CATEGORIES)))
            figures.append((paper.key, fp, *paper_figures(facts)))
            degrees.append((figures[-1][-1], seq))
            _add_figures(report, figures[-1][2:])
            nquads.append(part.nquads)
        cache.put_chunks(rows, figures)
        staged.update(degrees, "degree")
        if keep_papers:
            cache.put_papers(p for _, p, _, _, _ in batch)
        if bar is not None:
            bar.update(len(batch))
        yield b"".join(nquads)
    if bar is not None:
        bar.close()


def _shared_turtle(cache: Cache, base_iri: str) -> Iterator[bytes]:
    """graph.ttl's agents and entities: the block the cache keeps, brought up to this run's papers
    by the lines of those that came and went; only subjects whose lines changed are serialised."""
    import pyoxigraph

    cache.shared_version(f"{sources_version(*GENERATOR_SOURCES)} {pyoxigraph.__version__} {base_iri}")
    changed: set[str] = set()
    deltas: Counter = Counter()
    for sign, blob in cache.shared_delta():
        for line in blob.splitlines():
            deltas[rdf.nt_subject(line), line] += sign
        if len(deltas) >= SHARED_DELTAS:
            changed |= cache.count_shared(deltas)
            deltas.clear()
    changed |= cache.count_shared(deltas)
    del deltas
    subjects = sorted(changed)
    cache.put_shared_turtle(subjects, rdf.subjects_turtle(cache.shared_lines(subjects), base_iri))
    cache.shared_counted()
    return cache.shared_turtle()


def _turtle_chunks(cache: Cache) -> Iterator[bytes]:
    for category in rdf.PAPER_CATEGORIES:
        yield from cache.chunk_column(category)


def _write_html(cache: Cache, staged: Staging, entities, path: Path, max_papers: int) -> int:
    """graph.html of the `max_papers` best-connected papers (all, when there are no more)."""
    from kg import viz

    if len(staged) <= max_papers:
        papers = [row for batch in staged.rows("data, hash, keys") for row in batch]
        view = viz.best_connected_view(kggraph.to_graph(Resolution(entities, list(_facts(cache, entities, papers)))),
                                       max_papers)
        drawn, note = view.graph, view.note
    else:
        # The papers with the most edges, as viz.best_connected picks them, without the corpus graph.
        facts = list(_facts(cache, entities, staged.most_linked(max_papers)))
        drawn = viz.best_connected(kggraph.to_graph(Resolution(entities, facts)), max_papers)
        note = (f"Showing the {max_papers:,} papers with the most links of {len(staged):,}, and what "
                "they link to. Query the store for the rest, or draw one entity's neighbourhood with "
                "kg viz --focus NAME.")
    viz.write_html(drawn, path, note=note)
    return sum(1 for _, kind in drawn.nodes(data="kind") if kind == "Paper")


def out_degree(facts: PaperFacts) -> int:
    """The paper node's out-degree in kg.graph's graph: its distinct roles and its results."""
    return len({(k, role) for k, role, _ in facts.roles}) + len(facts.results)


def paper_figures(facts: PaperFacts) -> tuple[int, int, int]:
    """A paper's results, edges and out-degree, as kg.graph's graph of the whole corpus counts them."""
    links = {(s, p, o) for s, p, o, _ in facts.links}
    targets = sum(1 for r in facts.results for k in (r.subject, r.benchmark, r.metric) if k)
    degree = out_degree(facts)
    return len(facts.results), degree + len(links) + targets, degree


def _add_figures(report, figures: tuple[int, int, int]) -> None:
    results, edges, _ = figures
    report.results += results
    report.edges += edges


def _store_state(store_path: Path | None, out: Path) -> str | None:
    """The store as the cache records its graphs, or None when there is none (yet)."""
    if store_path is None:
        return None
    kgstore.recover(store_path)
    return _store_id(store_path, out) if (store_path / "CURRENT").is_file() else None


def _store_id(store_path: Path | None, out: Path) -> str | None:
    """The store as the cache names it: relative to OUT, so a copied or moved OUT keeps its state."""
    return None if store_path is None else os.path.relpath(store_path.resolve(), out.resolve())


def _aside(path: Path) -> Path:
    return path.with_name(path.name + ".tmp")
