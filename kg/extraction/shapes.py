"""`akg_shapes`: names recognised by their shape, from Matcher patterns kept as data.

`data/shapes.jsonl` holds one pattern a line: {"id": ..., "label": ..., "confidence": ...,
"pattern": [spaCy Matcher token patterns]}. `label` is an entity type, or "" for "a
coined name, type unknown" (CamelCase like ToolPO, ReST-RL), which context decides.
"""
from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from kg.extraction.candidates import add

DATA_FILE = Path(__file__).parent / "data" / "shapes.jsonl"


class ShapeError(ValueError):
    pass


def read_patterns(path: Path) -> list[dict]:
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            record = json.loads(line)
            _ = record["id"], record["label"], record["pattern"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ShapeError(f"{path}:{number}: not a shape pattern ({exc})") from exc
        patterns.append(record)
    return patterns


class ShapeMatcher:
    def __init__(self, nlp: Language, name: str, patterns_file: str):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        self.meta: dict[str, tuple[str, float]] = {}
        path = Path(patterns_file) if patterns_file else DATA_FILE
        for record in read_patterns(path):
            try:
                self.matcher.add(record["id"], [record["pattern"]], greedy="LONGEST")
            except ValueError as exc:
                raise ShapeError(f"{path}: pattern {record['id']!r}: {exc}") from exc
            self.meta[record["id"]] = (record["label"], float(record.get("confidence", 0.8)))

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        for match_id, start, end in self.matcher(doc):
            key = strings[match_id]
            label, confidence = self.meta[key]
            add(doc, start, end, label, f"shape:{key}", confidence)
        return doc


@Language.factory("akg_shapes", default_config={"patterns_file": ""})
def make_shapes(nlp: Language, name: str, patterns_file: str) -> ShapeMatcher:
    return ShapeMatcher(nlp, name, patterns_file)
