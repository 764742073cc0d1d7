"""`akg_shapes`: names recognised by their shape, from Matcher patterns kept as data.

`data/shapes.jsonl` holds one pattern a line: {"id": ..., "label": ..., "confidence": ...,
"pattern": [spaCy Matcher token patterns]} or, for names of several tokens, "regex": a
regular expression over the text (token boundaries are added around it). `label` is an entity type, or "" for "a
coined name, type unknown" (CamelCase like ToolPO, ReST-RL), which context decides.

Speed: a one-token pattern that is just a REGEX on TEXT ("^...$") is checked directly with
re.fullmatch, and only on tokens that have a capital, a digit or "@" (every shape needs
one); the Matcher would try every regex on every token. Other patterns use the Matcher.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.attrs import ORTH
from spacy.tokens import Doc

from kg.extraction.candidates import add

DATA_FILE = Path(__file__).parent / "data" / "shapes.jsonl"
# A token boundary in the text: the tokenizer splits on spaces and on these characters.
BEFORE = r"(?<![^\s(\[{\"'/,;:])"
AFTER = r"(?=[\s)\]}\"'/,;:!?]|\.(?!\w)|-(?:based|style|like|driven|level|aware|free|only|specific|scale)\b|'s\b|$)"


def token_regex(record: dict) -> str | None:
    """The regex of a one-token `{"TEXT": {"REGEX": "^...$"}}` pattern, else None."""
    pattern = record.get("pattern")
    if not pattern or len(pattern) != 1 or set(pattern[0]) != {"TEXT"} or set(pattern[0]["TEXT"]) != {"REGEX"}:
        return None
    return pattern[0]["TEXT"]["REGEX"]


MISSING = object()


def might_be_shaped(text: str) -> bool:
    return len(text) > 1 and (not text.islower() or any(c.isdigit() or c == "@" for c in text))


class ShapeError(ValueError):
    pass


def read_patterns(path: Path) -> list[dict]:
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            record = json.loads(line)
            _ = record["id"], record["label"], record["pattern"] if "pattern" in record else record["regex"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ShapeError(f"{path}:{number}: not a shape pattern ({exc})") from exc
        patterns.append(record)
    return patterns


class ShapeMatcher:
    def __init__(self, nlp: Language, name: str, patterns_file: str):
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        self.meta: dict[str, tuple[str, float]] = {}
        self.token_regexes: list[tuple[str, re.Pattern]] = []
        self.cache: dict[int, tuple[str, ...] | None] = {}
        self.vocab_strings = nlp.vocab.strings
        self.text_regexes: list[tuple[str, re.Pattern]] = []
        path = Path(patterns_file) if patterns_file else DATA_FILE
        for record in read_patterns(path):
            self.meta[record["id"]] = (record["label"], float(record.get("confidence", 0.8)))
            try:
                if "regex" in record:
                    self.text_regexes.append((record["id"], re.compile(BEFORE + "(?:" + record["regex"] + ")" + AFTER)))
                elif token_regex(record):
                    self.token_regexes.append((record["id"], re.compile(token_regex(record))))
                else:
                    self.matcher.add(record["id"], [record["pattern"]], greedy="LONGEST")
            except (ValueError, re.error) as exc:
                raise ShapeError(f"{path}: pattern {record['id']!r}: {exc}") from exc

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc):
                self._add(doc, strings[match_id], start, end)
        starts = []  # every shape starts with a capital, a digit or "@": only try the regexes there
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            keys = self.cache.get(orth, MISSING)
            if keys is MISSING:
                keys = self._token_keys(strings[orth])
            if keys is not None:
                starts.append(i)
            for key in keys or ():
                self._add(doc, key, i, i + 1)
        text = doc.text
        for i in starts:
            for key, regex in self.text_regexes:
                match = regex.match(text, doc[i].idx)
                if match:
                    span = doc.char_span(match.start(), match.end())
                    if span is not None:
                        self._add(doc, key, span.start, span.end)
        return doc

    def _token_keys(self, text: str) -> tuple[str, ...] | None:
        # Word shapes repeat across abstracts: remember each word's answer (bounded).
        # None: cannot start a shape; () or the ids of the one-token shapes it has.
        keys = tuple(key for key, regex in self.token_regexes if regex.match(text)) if might_be_shaped(text) else None
        if len(self.cache) > 500_000:
            self.cache.clear()
        self.cache[self.vocab_strings[text]] = keys
        return keys

    def _add(self, doc: Doc, key: str, start: int, end: int) -> None:
        label, confidence = self.meta[key]
        add(doc, start, end, label, f"shape:{key}", confidence)


@Language.factory("akg_shapes", default_config={"patterns_file": ""})
def make_shapes(nlp: Language, name: str, patterns_file: str) -> ShapeMatcher:
    return ShapeMatcher(nlp, name, patterns_file)
