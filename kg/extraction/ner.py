"""`akg_ner`: the trained statistical recogniser (kg/extraction/model/) as one more finder.

It runs the small CNN NER model trained by scripts/train_ner.py over the pipeline's own
tokens and adds each predicted name as a candidate `(start, end, label, "model:akg_ner",
confidence)`; the merger `akg_entities` decides, like for every other finder. The model is
loaded once per process from the package directory: no network.
"""
from __future__ import annotations

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


class ModelFinder:
    def __init__(self, name: str, model_dir: str, confidence: float, new_only: bool):
        self.name = name
        self.model = load_model(model_dir)
        self.confidence = confidence
        self.new_only = new_only

    def _copy(self, doc: Doc) -> Doc:
        # Same tokens in the model's own vocab: the model's labels never leak into the pipeline's doc.ents.
        return Doc(self.model.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])

    def _add(self, doc: Doc, predicted: Doc) -> Doc:
        # new_only: the rules are more precise where they fire, so the model only adds
        # names where no other finder proposed anything (the unseen names it is for).
        taken = {i for c in candidates(doc) for i in range(c[0], c[1])} if self.new_only else set()
        for ent in predicted.ents:
            if not taken.intersection(range(ent.start, ent.end)):
                add(doc, ent.start, ent.end, ent.label_, EXTRACTOR, self.confidence)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        return self._add(doc, self.model.get_pipe("ner")(self._copy(doc)))

    def pipe(self, docs, batch_size: int = 128):
        ner = self.model.get_pipe("ner")
        docs = list(docs)
        for doc, predicted in zip(docs, ner.pipe((self._copy(d) for d in docs), batch_size=batch_size)):
            yield self._add(doc, predicted)


@Language.factory("akg_ner", default_config={"model_dir": "", "confidence": 0.6, "new_only": True})
def make_ner(nlp: Language, name: str, model_dir: str, confidence: float, new_only: bool) -> ModelFinder:
    return ModelFinder(name, model_dir, confidence, new_only)
