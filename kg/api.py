"""The Python API the `kg` command wraps: each function runs the stages in data-flow order."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import networkx as nx

from kg import DEFAULT_BASE_IRI
from kg.model import Extraction, Paper, Problem, Resolution
from kg.readers import FieldMap, ReadReport, read_papers

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data"
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

    @property
    def skipped(self) -> int:
        return len(self.problems)


def sample_inputs() -> list[Path]:
    """The bundled sample: the seed listings in data/."""
    if not SAMPLE_DIR.is_dir():
        raise FileNotFoundError(f"bundled sample not found at {SAMPLE_DIR}; pass INPUT files")
    return [SAMPLE_DIR]


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
    (default out/store; store=None skips it). With `dask` (a scheduler address or "local"),
    extraction runs partitioned on a Dask cluster (kg.distributed) and the partition files,
    with each partition's named graphs as N-Quads, are kept in out/partitions. strict: raise
    readers.InputError at the first problem in the input, before anything is written (not
    with `dask`, whose workers read the input).
    """
    from kg import rdf, viz
    from kg import store as kgstore

    if strict and dask is not None:
        raise ValueError("strict reading is not available with dask: the workers read the input")
    read_report = None if dask is not None else read(inputs, format, fields, strict)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    run = None
    if dask is not None:
        from kg import distributed

        run = distributed.extract_partitions(
            inputs or sample_inputs(), dask, out / distributed.PARTITIONS_DIR, workers=dask_workers,
            partition_size=partition_size or distributed.PARTITION_SIZE, format=format, fields=fields,
            progress=progress)
        read_report = run.read_report
    report = BuildReport(papers=len(read_report.papers), duplicates=read_report.duplicates,
                         problems=list(read_report.problems))
    resolved, g = extract_graph(read_report.papers, n_process=n_process, progress=progress,
                                extractions=run.extractions if run else None)
    report.merges = resolved.merges
    report.entities = Counter(data["kind"] for _, data in g.nodes(data=True) if data["kind"] not in ("Paper", "Result"))
    report.results = sum(1 for _, kind in g.nodes(data="kind") if kind == "Result")
    report.edges = g.number_of_edges()

    quads = rdf.generate(g, base_iri)
    if run is not None:
        parts = distributed.write_nquads(quads, run, base_iri)
        report.outputs["partitions"] = run.out_dir
        report.partitions = len(parts)
    report.outputs["turtle"] = out / "graph.ttl"
    rdf.write_turtle(quads, report.outputs["turtle"], base_iri)
    if html:
        report.outputs["html"] = out / "graph.html"
        view = viz.best_connected_view(g, html_max_papers)
        report.html_papers = sum(1 for _, kind in view.graph.nodes(data="kind") if kind == "Paper")
        viz.write_html(view.graph, report.outputs["html"], note=view.note)
    if store is not None:
        store_path = out / "store" if store == "default" else Path(store)
        kgstore.load_quads(kgstore.open_store(store_path), quads)
        report.outputs["store"] = store_path
    return report
