"""Extraction: Paper -> Extraction, with a spaCy pipeline assembled from data/config.cfg.

Public interface (everything else in this package is internal):

    extractor = kg.extraction.load()          # no network, ever
    for extraction in extractor.extract(papers, n_process=1):
        ...                                    # kg.model.Extraction, one per paper, same order
"""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Extraction, Mention, Paper

CONFIG_FILE = Path(__file__).parent / "data" / "config.cfg"
SPAN_KEY = "akg_entities"
# Modules that register the pipeline's factories; optional ones may not exist yet.
COMPONENT_MODULES = ("tokenizer", "candidates", "lexicon", "shapes", "acronyms", "context", "entities")
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

    def __init__(self, nlp):
        self.nlp = nlp

    def extract(self, papers: Iterable[Paper], n_process: int = 1, batch_size: int = 128) -> Iterator[Extraction]:
        papers_iter = iter(papers)
        pending: list[Paper] = []

        def texts():
            for paper in papers_iter:
                pending.append(paper)
                yield paper.text

        for doc in self.nlp.pipe(texts(), n_process=n_process, batch_size=batch_size):
            yield to_extraction(pending.pop(0), doc)

    def doc(self, text: str):
        """The processed spaCy Doc of one text (for debugging and tests)."""
        return self.nlp(text)


def to_extraction(paper: Paper, doc) -> Extraction:
    mentions = [
        Mention(text=span.text, type=span.label_, start=span.start_char, end=span.end_char,
                extractor=span._.akg_extractor, confidence=span._.akg_confidence, aliases=span._.akg_aliases)
        for span in doc.spans.get(SPAN_KEY, [])
    ]
    return Extraction(paper=paper, mentions=mentions, roles=list(doc._.akg_roles or []),
                      links=list(doc._.akg_links or []), results=list(doc._.akg_results or []))


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
        del config["components"][name]  # e.g. akg_relations before relations.py exists
    config["nlp"]["pipeline"] = pipeline
    return Extractor(spacy.util.load_model_from_config(config, auto_fill=True, validate=True))
