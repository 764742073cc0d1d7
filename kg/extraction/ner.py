"""`akg_ner`: the trained statistical recogniser (kg/extraction/model/) as one more finder.

It runs the small CNN NER model trained by scripts/train_ner.py over the pipeline's own
tokens and adds each predicted name as a candidate `(start, end, label, "model:akg_ner",
confidence)`; the merger `akg_entities` decides, like for every other finder. The model is
loaded once per process from the package directory: no network.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction.candidates import add, candidates

MODEL_DIR = Path(__file__).parent / "model"
EXTRACTOR = "model:akg_ner"


class ModelError(FileNotFoundError):
    pass


@lru_cache(maxsize=4)
def load_model(model_dir: str = ""):
    """The trained spaCy pipeline (only its "ner" pipe is used)."""
    import spacy

    import kg.extraction.tokenizer  # noqa: F401  the saved config names akg_tokenizer.v1

    path = Path(model_dir) if model_dir else MODEL_DIR
    if not (path / "config.cfg").is_file():
        raise ModelError(f"{path}: no trained NER model here (run scripts/train_ner.py train)")
    return spacy.load(path)


def plausible(text: str) -> bool:
    """A name starts with a letter or digit, balances its brackets and is neither a URL nor
    TeX: the model, trained on silver spans, sometimes tags pieces of formulas and links."""
    return (text[:1].isalnum() and (text[-1:].isalnum() or text[-1:] in "+)")
            and text.count("(") == text.count(")") and "://" not in text
            and not any(c in text for c in "$^{}\\"))


SCOPES = ("anywhere", "new", "untyped", "fallback", "fallback+new")
SHAPES = ("any", "title")


def title_case(text: str) -> bool:
    """Two or more words, each starting with a capital, not all of them acronyms: how a
    multi-word name is written ("Answer Set Programming"), unlike a description
    ("diffusion sampling") or a stray acronym ("GT")."""
    words = re.findall(r"[^\W_][\w'-]*", text)
    return len(words) >= 2 and all(w[0].isupper() for w in words) and not all(w.isupper() for w in words)


class ModelFinder:
    def __init__(self, name: str, model_dir: str, confidence: float, scope: str, labels: list[str],
                 shape: str = "any"):
        if scope not in SCOPES:
            raise ValueError(f"akg_ner: scope {scope!r} is not one of {', '.join(SCOPES)}")
        if shape not in SHAPES:
            raise ValueError(f"akg_ner: shape {shape!r} is not one of {', '.join(SHAPES)}")
        self.name = name
        self.model = load_model(model_dir)
        self.confidence = confidence
        self.scope = scope
        self.labels = set(labels)
        self.shape = shape

    def _copy(self, doc: Doc) -> Doc:
        # Same tokens in the model's own vocab: the model's labels never leak into the pipeline's doc.ents.
        return Doc(self.model.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])

    def _add(self, doc: Doc, predicted: Doc) -> Doc:
        blocked, untyped = self._rule_spans(doc)
        if self.scope.startswith("fallback"):
            # Not a candidate: a type the merger uses only for a name it keeps and no rule typed.
            doc._.akg_model_types = {(e.start, e.end): e.label_ for e in predicted.ents
                                     if (e.start, e.end) in untyped}
        for ent in predicted.ents:
            if ent.label_ in self.labels and plausible(ent.text) and self._in_scope((ent.start, ent.end), blocked, untyped) \
                    and (self.shape == "any" or title_case(ent.text)):
                add(doc, ent.start, ent.end, ent.label_, EXTRACTOR, self.confidence)
        return doc

    def _in_scope(self, span: tuple[int, int], blocked: set[int], untyped: set[tuple[int, int]]) -> bool:
        """Where a prediction becomes a candidate. anywhere: everywhere; untyped: only to type a
        span a finder found with no type; new: that, or where no finder proposed anything;
        fallback: nowhere; fallback+new: only where no finder proposed anything. The rules are
        more precise where they fire, so outside "anywhere" nothing overlaps a typed span."""
        if self.scope == "anywhere":
            return True
        if self.scope == "fallback" or blocked.intersection(range(*span)):
            return False
        if self.scope == "untyped":
            return span in untyped
        if self.scope == "new" and span in untyped:
            return True
        return not any(u[0] < span[1] and span[0] < u[1] for u in untyped)

    @staticmethod
    def _rule_spans(doc: Doc) -> tuple[set[int], set[tuple[int, int]]]:
        """Tokens another finder typed (blocked: the rules are more precise where they fire),
        and the spans found with no type (the model may type exactly that span)."""
        blocked, untyped = set(), set()
        for start, end, label, _, _ in candidates(doc):
            if label:
                blocked.update(range(start, end))
            else:
                untyped.add((start, end))
        return blocked, untyped

    def __call__(self, doc: Doc) -> Doc:
        return self._add(doc, self.model.get_pipe("ner")(self._copy(doc)))

    def pipe(self, docs, batch_size: int = 128):
        ner = self.model.get_pipe("ner")
        docs = list(docs)
        for doc, predicted in zip(docs, ner.pipe((self._copy(d) for d in docs), batch_size=batch_size)):
            yield self._add(doc, predicted)


LABELS = ["method", "model", "benchmark", "metric", "task"]


@Language.factory("akg_ner", default_config={"model_dir": "", "confidence": 0.6, "scope": "new", "labels": LABELS,
                                             "shape": "any"})
def make_ner(nlp: Language, name: str, model_dir: str, confidence: float, scope: str,
             labels: list[str], shape: str) -> ModelFinder:
    """scope: where predictions count (SCOPES); labels: the predicted types added as candidates;
    shape: "title" adds only Title Case multi-word names."""
    return ModelFinder(name, model_dir, confidence, scope, labels, shape)
