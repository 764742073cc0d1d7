"""Extraction: Paper -> Extraction, with a spaCy pipeline assembled from data/config.cfg.

Public interface (everything else in this package is internal):

    extractor = kg.extraction.load()          # no network, ever
    for extraction in extractor.extract(papers, n_process=1):
        ...                                    # kg.model.Extraction, one per paper, same order
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kg.extraction.markup import demark, original_span
from kg.model import Evidence, Extraction, Mention, Paper
from kg.names import normalize

CONFIG_FILE = Path(__file__).parent / "data" / "config.cfg"
SPAN_KEY = "akg_entities"
# Modules that register the pipeline's factories; optional ones may not exist yet.
COMPONENT_MODULES = ("tokenizer", "candidates", "lexicon", "shapes", "acronyms", "context", "phrases", "entities")
OPTIONAL_MODULES = ("relations",)
OPTIONAL_FACTORIES = {"akg_relations"}


def _register_components() -> None:
    for name in COMPONENT_MODULES:
        importlib.import_module(f"kg.extraction.{name}")
    for name in OPTIONAL_MODULES:
        try:
            importlib.import_module(f"kg.extraction.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kg.extraction.{name}":
                raise


class Extractor:
    """A loaded pipeline. `extract` turns papers into Extractions, one per paper, in order."""

    def __init__(self, nlp, config_path: str | Path | None = None):
        self.nlp = nlp
        self.config_path = config_path

    def extract(self, papers: Iterable[Paper], n_process: int = 1, batch_size: int = 64) -> Iterator[Extraction]:
        """One Extraction per paper, in order. With n_process > 1, worker processes each load
        the pipeline once and send back Extractions (plain dataclasses), not Docs: the
        relation records on a Doc do not survive spaCy's Doc serialisation."""
        if n_process <= 1:
            for batch in _batches(papers, batch_size):
                read = [demark(p.text) for p in batch]  # what the pipeline reads, and where it came from
                docs = self.nlp.pipe(text for text, _ in read)
                yield from (to_extraction(p, doc, index) for p, doc, (_, index) in zip(batch, docs, read))
            return
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _worker
        if "fork" in multiprocessing.get_all_start_methods():
            # Forked workers inherit this loaded pipeline: no second load (~1 s) per worker.
            _worker = self
            pool_args = {"mp_context": multiprocessing.get_context("fork")}
        else:
            pool_args = {"initializer": _start_worker, "initargs": (self.config_path,)}
        pool = ProcessPoolExecutor(n_process, **pool_args)
        try:
            pending = []
            for batch in _batches(papers, batch_size):
                pending.append((batch, pool.submit(_extract_batch, batch)))
                if len(pending) >= 4 * n_process:  # bounded look-ahead keeps memory flat
                    yield from _with_papers(*pending.pop(0))
            for batch, future in pending:
                yield from _with_papers(batch, future)
        except BaseException:  # Ctrl-C, an error, or the reader of this generator stopping early
            stop_workers(pool)
            raise
        pool.shutdown()

    def doc(self, text: str):
        """The processed spaCy Doc of one text, as the pipeline reads it (markup removed; for debugging and tests)."""
        return self.nlp(demark(text)[0])


def _batches(papers: Iterable[Paper], size: int) -> Iterator[list[Paper]]:
    batch = []
    for paper in papers:
        batch.append(paper)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_worker: Extractor | None = None


def _start_worker(config_path) -> None:
    global _worker
    _worker = load(config_path)


def _extract_batch(batch: list[Paper]) -> list[tuple]:
    # The papers stay in the parent: sending them back would pickle every abstract twice.
    return [(e.mentions, e.roles, e.links, e.results) for e in _worker.extract(batch)]


def stop_workers(pool) -> None:
    """Stop a pool's workers now, without waiting for the batches they hold: nobody wants them.
    Waiting is what shutdown() does, and it can hang for good: a Ctrl-C that lands inside the
    executor's own bookkeeping leaves workers that never receive their stop signal, and the
    interpreter then waits for them at exit. ProcessPoolExecutor has no public way to reach its
    processes, hence `_processes`."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)


def _with_papers(batch: list[Paper], future) -> Iterator[Extraction]:
    for paper, (mentions, roles, links, results) in zip(batch, future.result()):
        yield Extraction(paper=paper, mentions=mentions, roles=roles, links=links, results=results)


def to_extraction(paper: Paper, doc, index: list[int] | None = None) -> Extraction:
    """The doc's records, with offsets moved from the text the pipeline read back into `paper.text`
    (`index`, from `markup.demark`; None when the two are the same). A mention keeps the name as a
    reader sees it ("Reliability-guaranteed Transformer" for "\\textbf{R}eliability-guaranteed ...")."""
    canonical = doc._.akg_canonical or {}
    moved = index is not None and doc.text != paper.text

    def span_of(start: int, end: int) -> tuple[int, int]:
        return original_span(index, start, end) if moved else (start, end)

    def evidence(ev: Evidence) -> Evidence:
        if not moved:
            return ev
        start, end = span_of(ev.start, ev.end)
        return replace(ev, start=start, end=end, sentence=paper.text[start:end])

    mentions = [
        Mention(text=span.text, type=span.label_, start=start, end=end,
                extractor=span._.akg_extractor, confidence=span._.akg_confidence, aliases=span._.akg_aliases,
                canonical=canonical.get((span.label_, normalize(span.text)), ""))
        for span in doc.spans.get(SPAN_KEY, [])
        for start, end in [span_of(span.start_char, span.end_char)]
    ]
    roles = [replace(r, evidence=evidence(r.evidence)) for r in doc._.akg_roles or []]
    links = [replace(k, evidence=evidence(k.evidence)) for k in doc._.akg_links or []]
    results = [replace(r, evidence=evidence(r.evidence)) for r in doc._.akg_results or []]
    return Extraction(paper=paper, mentions=mentions, roles=roles, links=links, results=results)


def load(config_path: str | Path | None = None) -> Extractor:
    """Build the pipeline from its config (default: the packaged data/config.cfg). No network."""
    import spacy
    from spacy.language import Language
    from spacy.util import load_config

    _register_components()
    config = load_config(Path(config_path) if config_path else CONFIG_FILE)
    pipeline = [name for name in config["nlp"]["pipeline"]
                if config["components"][name]["factory"] not in OPTIONAL_FACTORIES
                or Language.has_factory(config["components"][name]["factory"])]
    for name in set(config["nlp"]["pipeline"]) - set(pipeline):
        del config["components"][name]  # e.g. akg_relations before the relations package exists
    config["nlp"]["pipeline"] = pipeline
    return Extractor(spacy.util.load_model_from_config(config, auto_fill=True, validate=True), config_path)
