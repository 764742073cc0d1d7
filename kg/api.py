"""The Python API the `kg` command wraps: each function runs the stages in data-flow order."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import networkx as nx

from kg import DEFAULT_BASE_IRI
from kg.model import Extraction, Paper, Problem, Resolution
from kg.readers import FieldMap, ReadReport, read_papers

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data"  # in a checkout
INSTALLED_SAMPLE = Path(__file__).resolve().parent / "sample"  # the same files as kg.sample package data (a wheel)
# A browser lays out a few thousand nodes in seconds; a 30k-paper page would not open.
HTML_MAX_PAPERS = 1000


@dataclass
class BuildReport:
    """What a build read, skipped, found and wrote."""

    papers: int = 0
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)  # per type
    results: int = 0
    edges: int = 0
    merges: int = 0
    outputs: dict[str, Path] = field(default_factory=dict)
    html_papers: int = 0  # papers drawn in graph.html (the best-connected ones when there are many)
    partitions: int = 0  # partitions extracted on a Dask cluster (0: a one-machine build)
    kept: int = 0  # papers an earlier build put in the store that this build's input did not hold
    extracted: int = 0  # papers extracted in this build (the others came from the cache)
    regenerated: int = 0  # papers whose named graph was generated again (new, or changed by resolution)
    graphs_replaced: int = 0  # named graphs written to the store in this build
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per phase (read, extract, resolve, ...)

    @property
    def skipped(self) -> int:
        return len(self.problems)


def sample_inputs() -> list[Path]:
    """The bundled sample: the seed listings in data/ of a checkout, else the installed kg.sample package data."""
    for folder in (SAMPLE_DIR, INSTALLED_SAMPLE):
        if folder.is_dir():
            return [folder]
    raise FileNotFoundError(f"bundled sample not found at {SAMPLE_DIR} or {INSTALLED_SAMPLE}; pass INPUT files")


def read(inputs: Sequence[str | Path] | None = None, format: str | None = None,
         fields: FieldMap = FieldMap(), strict: bool = False) -> ReadReport:
    return read_papers(inputs or sample_inputs(), format=format, fields=fields, strict=strict)


def extract_graph(papers: Iterable[Paper], n_process: int = 1, progress: bool = False,
                  extractions: Iterable[Extraction] | None = None) -> tuple[Resolution, nx.MultiDiGraph]:
    """Extraction -> resolution -> networkx graph (`extractions`: already extracted elsewhere, e.g. on a cluster)."""
    from kg import extraction, graph, resolution

    if extractions is not None:
        resolved = resolution.resolve(extractions)
        return resolved, graph.to_graph(resolved)
    papers = list(papers)
    extractor = extraction.load()
    extractions = extractor.extract(papers, n_process=n_process)
    if progress:
        from tqdm import tqdm

        extractions = tqdm(extractions, total=len(papers), desc="extracting", unit="paper")
    resolved = resolution.resolve(extractions)
    return resolved, graph.to_graph(resolved)


def build_dataset(papers: Iterable[Paper], base_iri: str = DEFAULT_BASE_IRI, n_process: int = 1):
    """Papers in, the RDF dataset (one named graph per paper) out: the path `kg build` takes."""
    from kg import rdf

    _, g = extract_graph(papers, n_process=n_process)
    return rdf.to_dataset(g, base_iri)


def build(
    inputs: Sequence[str | Path] | None = None,
    out: str | Path = "exports",
    *,
    format: str | None = None,
    fields: FieldMap = FieldMap(),
    base_iri: str = DEFAULT_BASE_IRI,
    store: str | Path | None = "default",
    html: bool = True,
    html_max_papers: int = HTML_MAX_PAPERS,
    n_process: int = 1,
    progress: bool = False,
    dask: str | None = None,
    dask_workers: int | None = None,
    partition_size: int | None = None,
    strict: bool = False,
) -> BuildReport:
    """Read INPUTs (default: the bundled sample), build the graph and write it to `out`.

    Writes graph.ttl, graph.html (unless html=False) and loads the persistent store
    (default out/store; store=None skips it). Incremental and interruptible: extractions and
    each paper's share of the outputs are cached in out/cache.sqlite, so only new or changed
    papers are extracted and only graphs whose content changed are regenerated and replaced;
    every output is written aside and renamed into place, so a killed build leaves the old
    outputs and the next build resumes from the cache.

    With `dask` (a scheduler address or "local"), extraction runs partitioned on a Dask cluster
    (kg.distributed); the partition files, and each partition's named graphs as N-Quads (taken
    from the store, so not with store=None), are kept in out/partitions. strict: raise
    readers.InputError at the first problem in the input, before anything is written (not
    with `dask`, whose workers read the input).
    """
    from kg import incremental
    from kg.cache import Staging, extractor_version

    if strict and dask is not None:
        raise ValueError("strict reading is not available with dask: the workers read the input")
    started = time.perf_counter()
    staged = Staging(extractor_version())  # the papers, on disk in build order: none is held in memory
    try:
        run = None
        if dask is None:
            read_report = read_papers(inputs or sample_inputs(), format=format, fields=fields, strict=strict,
                                      table=staged)
        else:
            from kg import distributed

            Path(out).mkdir(parents=True, exist_ok=True)
            run = distributed.extract_partitions(
                inputs or sample_inputs(), dask, Path(out) / distributed.PARTITIONS_DIR, workers=dask_workers,
                partition_size=partition_size or distributed.PARTITION_SIZE, format=format, fields=fields,
                progress=progress)
            read_report = run.read_report
            for x in run.extractions:
                staged.add(x.paper)
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        report = BuildReport(papers=len(staged), duplicates=read_report.duplicates,
                             problems=list(read_report.problems))
        report.timings["read"] = round(time.perf_counter() - started, 2)
        store_path = None if store is None else out / "store" if store == "default" else Path(store)
        incremental.run(staged, out, report, base_iri=base_iri, store_path=store_path,
                        html_max_papers=html_max_papers if html else None, n_process=n_process, progress=progress,
                        extractions=None if run is None else run.extractions)
    finally:
        staged.close()
    if run is not None:
        report.outputs["partitions"] = run.out_dir
        report.partitions = len(run.partitions)
        if store_path is not None:
            distributed.write_nquads(store_path, run, base_iri)
    report.seconds = time.perf_counter() - started
    return report
