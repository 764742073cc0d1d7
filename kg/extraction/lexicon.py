"""`akg_lexicon`: curated names of well-known entities, matched with spaCy's PhraseMatcher.

The lexicons are data: `data/lexicons/<type>.txt`, one entity a line, `name | alias | alias`,
`#` starts a comment. `generic.txt` lists words that are never entities ("LLMs", "agents").
One-word names with a capital and names containing an acronym are matched
case-sensitively; everything else ignores case. Hyphen/space variants of
one-token names ("GSM-8K", "gsm8k") are found through the normalised form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kg.extraction.candidates import GENERIC, add
from kg.model import ENTITY_TYPES
from kg.names import normalize

DATA_DIR = Path(__file__).parent / "data" / "lexicons"
LEXICON_LABELS = ENTITY_TYPES + (GENERIC,)
CONFIDENCE = 0.95
VERB_LEADS = {"to", "can", "could", "may", "might", "will", "would", "should", "must", "cannot", "we", "they", "models"}
# A metric name that is not a measure here: "MSE loss" is a training objective (a method),
# "click-through rate prediction" a task, "at inference time" a moment, "scaling the model size" a knob.
OBJECTIVE_AFTER = {"loss", "losses", "objective", "objectives", "regularizer", "regularization", "penalty"}
TASK_AFTER = {"prediction", "estimation", "forecasting", "predictor", "estimator",
              # "inference time scaling", "energy consumption planning": the metric name modifies a noun
              "scaling", "planning", "optimization", "optimisation", "minimization", "budget", "budgets"}
MOMENT_BEFORE = {"at", "during"}
# A benchmark's year or version written after it is part of its name ("ActivityNet 1.3", "COCO 2017",
# "THUMOS '14", "MIMIC-IV v2.2"); a larger decimal is a score ("MATH 83.4").
VERSION = re.compile(r"^(?:(?:19|20)\d\d|v\d{1,2}(?:\.\d{1,2}){0,2}|[0-3]\.\d{1,2})$")
KNOB_BEFORE = {"scaling", "scale", "scales", "scaled", "varying", "vary", "varies"}


@dataclass(frozen=True)
class Entry:
    name: str
    aliases: tuple[str, ...]
    label: str
    source: str  # "file:line", for error messages

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases


class LexiconError(ValueError):
    pass


def read_lexicon(path: Path, label: str) -> list[Entry]:
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        forms = [form.strip() for form in line.split(" | ")]
        if not all(forms) or any("|" in form for form in forms):
            raise LexiconError(f"{path}:{number}: expected 'name | alias | alias', got {line!r}")
        entries.append(Entry(forms[0], tuple(forms[1:]), label, f"{path}:{number}"))
    return entries


def read_lexicons(directory: str | Path | None = None) -> list[Entry]:
    """Every entry of every `<label>.txt` in the directory (default: the packaged lexicons)."""
    directory = Path(directory) if directory else DATA_DIR
    entries = []
    for label in LEXICON_LABELS:
        path = directory / f"{label}.txt"
        if path.exists():
            entries.extend(read_lexicon(path, label))
    return entries


@lru_cache(maxsize=4)
def lexicon_names(directory: str | None = None) -> frozenset[str]:
    """Normalised forms of every entity name and alias (not the generic words): the
    "known names" against which evaluation measures recall on unseen names."""
    return frozenset(normalize(f) for e in read_lexicons(directory) if e.label != GENERIC for f in e.forms)


def case_sensitive(form: str) -> bool:
    """One-word names with a capital keep their case ("MATH", "Spider", "Habitat" are not
    "math", "spider", "habitat"); longer names only when a word is an acronym or CamelCase
    ("Monte Carlo Tree Search" is also written "Monte Carlo tree search")."""
    words = form.split()
    if len(words) == 1:
        return any(c.isupper() for c in form)
    return any(any(c.isupper() for c in w[1:]) for w in words)


def plural(form: str) -> str:
    """The usual English plural of a lower-case name's last word: "runtime" -> "runtimes", "accuracy" -> "accuracies"."""
    if form.endswith("y") and form[-2:-1] not in "aeiou":
        return form[:-1] + "ies"
    if form.endswith(("s", "x", "ch", "sh")):
        return form + "es"
    return form + "s"


class LexiconMatcher:
    def __init__(self, nlp: Language, name: str, lexicon_dir: str):
        self.name = name
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_norm: dict[str, str] = {}
        # (type, normalised form) -> the entry's name: "AIME24" in one paper and "AIME 2024"
        # in another are one benchmark although no paper writes both.
        self.canonical: dict[tuple[str, str], str] = {}
        # acronym -> the lexicon's long forms of it, lower case ("ASR" -> "automatic speech recognition")
        self.long_forms: dict[str, set[str]] = {}
        for entry in read_lexicons(lexicon_dir):
            for form in entry.forms:
                sensitive = case_sensitive(form)
                matcher = self.exact if sensitive else self.lower
                matcher.add(entry.label, [nlp.make_doc(form)])
                if sensitive and " " not in form and form[-1].isupper():
                    matcher.add(entry.label, [nlp.make_doc(form + "s")])  # "LSTMs", "GNNs"
                if entry.label == "metric" and not sensitive and form[-1:].isalpha() and form[-1:].islower():
                    matcher.add(entry.label, [nlp.make_doc(plural(form))])  # "success rates", "accuracies"
                norm = normalize(form)
                if len(norm) >= 4 and any(c.isdigit() for c in norm):
                    self.by_norm.setdefault(norm, entry.label)
                if entry.aliases and entry.label != GENERIC:
                    self.canonical.setdefault((entry.label, norm), entry.name)
            if entry.label != GENERIC:
                for form in entry.forms:
                    if form.isupper() and " " not in form:  # an acronym: remember what it stands for
                        self.long_forms.setdefault(form, set()).update(
                            f.lower() for f in entry.forms if " " in f or "-" in f)

    def __call__(self, doc: Doc) -> Doc:
        strings = doc.vocab.strings
        redefined = self._redefined(doc)
        doc._.akg_canonical = self.canonical  # shared, read when mentions are made
        if redefined:  # this paper's "HR" is not the lexicon's
            gone = {normalize(short) for short in redefined}
            doc._.akg_canonical = {k: v for k, v in self.canonical.items() if k[1] not in gone}
        for matcher in (self.exact, self.lower):
            for match_id, start, end in matcher(doc):
                label = strings[match_id]
                if end - start == 1 and doc[start].is_lower and self._used_as_verb(doc, start):
                    continue
                if end - start == 1 and doc[start].text in redefined:
                    continue  # "attack success rate (ASR)": not the lexicon's ASR, speech recognition
                if label == "metric":
                    role = self._metric_role(doc, start, end)
                    if role is not None:
                        # the span and its "(ACRONYM)" become a method, or are blocked for every finder
                        spans = [(start, end)]
                        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
                            spans.append((end + 1, end + 2))
                        for s0, s1 in spans:
                            add(doc, s0, s1, role or GENERIC, f"lexicon:{role or 'not-a-measure'}", CONFIDENCE)
                        continue
                add(doc, start, end, label, f"lexicon:{label}", CONFIDENCE)
                if label == "benchmark":
                    self._versioned(doc, start, end)
        self._variants(doc)
        return doc

    @staticmethod
    def _versioned(doc: Doc, start: int, end: int) -> None:
        # the longer span wins the overlap in akg_entities; the entry's name is not its canonical form
        if end >= len(doc) or not doc[end - 1].whitespace_:
            return
        if VERSION.match(doc[end].text) and not (end + 1 < len(doc) and doc[end + 1].text in ("%", "-", "/")):
            add(doc, start, end + 1, "benchmark", "lexicon:benchmark-version", CONFIDENCE)
        elif doc[end].text == "'" and end + 1 < len(doc) and not doc[end].whitespace_ \
                and len(doc[end + 1].text) == 2 and doc[end + 1].text.isdigit():
            add(doc, start, end + 2, "benchmark", "lexicon:benchmark-version", CONFIDENCE)  # "THUMOS '14"

    def _redefined(self, doc: Doc) -> set[str]:
        """Acronyms of the lexicon that this paper defines as something else: "X Y Z (ACR)" where
        the words before the parenthesis share no word with the lexicon's long forms of ACR
        ("attack success rate (ASR)"; but "reinforcement learning with verified rewards (RLVR)"
        is the lexicon's RLVR, written a little differently)."""
        found = set()
        for i in range(1, len(doc) - 1):
            short = doc[i].text
            if short in self.long_forms and doc[i - 1].text == "(" and doc[i + 1].text == ")":
                before = {w for w in doc[max(0, i - 9):i - 1].text.lower().replace("-", " ").split() if len(w) > 4}
                if not any(before & set(long.replace("-", " ").split()) for long in self.long_forms[short]):
                    found.add(short)
        return found

    @staticmethod
    def _used_as_verb(doc: Doc, i: int) -> bool:
        # "to recall", "can recall", "actively recall": the word, not the metric.
        if i == 0:
            return False
        before = doc[i - 1].lower_
        return before in VERB_LEADS or (before.endswith("ly") and len(before) > 4)

    @staticmethod
    def _metric_role(doc: Doc, start: int, end: int) -> str | None:
        """"method" for a loss, "" for a task or a non-measure, None for a metric."""
        after = end
        if 0 < start and doc[start - 1].text == "(" and end < len(doc) and doc[end].text == ")":
            after = end + 1  # "(MSE)" after its long form: judged by what follows it
        elif after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")":
            after += 3  # "Mean Squared Error (MSE) loss"
        following = doc[after].lower_ if after < len(doc) else ""
        if following in OBJECTIVE_AFTER:
            return "method"
        if following in TASK_AFTER:
            return ""
        before = start - 1
        if before >= 0 and doc[before].lower_ == "the":
            before -= 1
        preceding = doc[before].lower_ if before >= 0 else ""
        if preceding in KNOB_BEFORE or (preceding in MOMENT_BEFORE and doc[end - 1].lower_ == "time"):
            return ""
        return None

    def _variants(self, doc: Doc) -> None:
        # "GSM-8K" for "GSM8K", "MATH500" for "MATH-500": one token, normalised lookup.
        for token in doc:
            text = token.text
            if len(text) >= 4 and any(c.isdigit() for c in text) and any(c.isalpha() for c in text):
                label = self.by_norm.get(normalize(text))
                if label:
                    add(doc, token.i, token.i + 1, label, f"lexicon:{label}", CONFIDENCE - 0.05)


@Language.factory("akg_lexicon", default_config={"lexicon_dir": ""})
def make_lexicon(nlp: Language, name: str, lexicon_dir: str) -> LexiconMatcher:
    return LexiconMatcher(nlp, name, lexicon_dir)
