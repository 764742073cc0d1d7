"""Candidate spans shared between the finder components and the merger.

Each finder appends `(start, end, label, extractor, confidence)` tuples (token offsets)
to `doc._.akg_candidates`; only `akg_entities` turns them into final spans. A label of
"" means "a name, type unknown"; "generic" marks words that are never entities and
blocks whatever overlaps it.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

UNTYPED = ""
GENERIC = "generic"

Candidate = tuple[int, int, str, str, float]


def register_extensions() -> None:
    """Declare the Doc and Span attributes the pipeline reads and writes (idempotent)."""
    for name, default in (("akg_candidates", None), ("akg_definitions", None), ("akg_proposed", None),
                          ("akg_roles", None), ("akg_links", None), ("akg_results", None),
                          ("akg_canonical", None), ("akg_words", None),
                          ("akg_model_types", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in (("akg_extractor", ""), ("akg_confidence", 0.0), ("akg_aliases", ())):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def add(doc: Doc, start: int, end: int, label: str, extractor: str, confidence: float) -> None:
    if doc._.akg_candidates is None:
        doc._.akg_candidates = []
    if start < end:
        doc._.akg_candidates.append((start, end, label, extractor, confidence))


def candidates(doc: Doc) -> list[Candidate]:
    return doc._.akg_candidates or []


register_extensions()
