"""`akg_acronyms`: definitions like "Hierarchical Reward Model (HRM)".

Finds the long form whose words spell the acronym's letters in order, adds both as
candidates typed from the long form's head noun ("... Model" -> method, "... Benchmark"
-> benchmark, "... Score" -> metric), and records the pair so the merger can make each
the other's alias.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extraction.candidates import GENERIC, UNTYPED, add
from kg.extraction.cues import load_cues, singular

CLOSERS = {")", ";", ","}


def looks_like_acronym(token: Token) -> bool:
    text = token.text
    letters = [c for c in text if c.isalpha()]
    if not 2 <= len(text) <= 14 or not text[0].isalpha() or len(letters) < 2:
        return False
    capitals = sum(c.isupper() for c in text)
    return capitals >= 2 or (capitals == 1 and any(c.isdigit() for c in text))


def spells(words: list[str], letters: str) -> bool:
    """Do the acronym letters occur in order in the words, the first at the first word's start?"""
    text = " ".join(words).lower()
    if not text.startswith(letters[0]):
        return False
    position = 1
    for letter in letters[1:]:
        position = text.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


def long_form_start(doc: Doc, open_i: int, letters: str) -> int | None:
    """Nearest token start before "(" whose words spell the acronym; None if there is none."""
    limit = max(open_i - (len(letters) + 3), doc[open_i].sent.start)
    for start in range(open_i - 1, limit - 1, -1):
        token = doc[start]
        if token.is_punct or token.is_space:
            return None
        if token.text[:1].lower() == letters[0] and token.lower_ not in FUNCTION_WORDS \
                and spells([t.text for t in doc[start:open_i]], letters):
            return start  # not "and Reasoning Corpus (ARC)": the long form goes on to "Abstraction"
    return None


TASK_AFTER = {"prediction", "estimation", "forecasting"}
# Who proposes: the authors or their paper ("we propose", "this paper introduces", "we aim to develop", "and build")
AUTHOR_SUBJECTS = {"we", "i", "paper", "work", "study", "article", "thesis", "report", "letter", "authors", "to", "and", "but",
                   "or", ",", ")"}  # ")": "Prototypical CN (PCN) introduces ...", the name defined is the subject
LINKING_ADVERBS = {"also", "further", "first", "then", "here", "now", "thus", "therefore", "hence", "next", "finally",
                   "subsequently", "newly", "herein", "furthermore", "moreover"}
FUNCTION_WORDS = {"and", "of", "for", "the", "a", "an", "in", "on", "to", "with", "at", "by", "or", "as",
                  "based", "using", "via", "such", "including", "like"}


class AcronymFinder:
    def __init__(self, name: str, cues_file: str):
        self.name = name
        self.cues = load_cues(cues_file)

    def __call__(self, doc: Doc) -> Doc:
        definitions = []
        for token in doc:
            if token.text != "(" or token.i + 2 >= len(doc):
                continue
            short, closer = doc[token.i + 1], doc[token.i + 2]
            end = token.i  # the long form ends before "(" ...
            if closer.text not in CLOSERS or not looks_like_acronym(short):
                reverse = self._long_form_after(doc, token.i)
                if reverse is None:
                    continue
                # ... or is inside it: "SHAP (SHapley Additive exPlanations)"
                short, start, end = doc[token.i - 1], token.i + 1, reverse
            else:
                letters = "".join(c for c in short.text.lower() if c.isalpha())
                start = long_form_start(doc, token.i, letters)
            if start is None:
                if self._proposing(token.sent):
                    # "we propose ... self-critique (PANEL)": a name the paper introduces.
                    add(doc, short.i, short.i + 1, UNTYPED, "acronym:proposed", 0.75)
                continue
            label = self.cues.head_type.get(singular(doc[end - 1].text.split("-")[-1]), UNTYPED)
            if not label and doc[end - 1].text in ("Test", "Exam") and end - start >= 2:
                label = "benchmark"  # "Political Compass Test (PCT)": a named test is what is taken; not "t-test"
            lexical = [c[2] for c in doc._.akg_candidates or () if c[0] == start and c[1] == end
                       and c[3].startswith("lexicon:") and c[2] not in (UNTYPED, "generic")]
            if lexical:
                label = lexical[0]  # "conformal prediction (CP)": the lexicon's method, not a "-prediction" task
            elif label in ("method", "model") and doc[end - 1].lower_ == "systems":
                label = UNTYPED  # "Intelligent Transportation Systems (ITS)": a class of systems, not one technique
            elif label == "benchmark" and doc[end - 1].lower_.endswith("s") \
                    and all(t.is_lower or not t.is_alpha or t.is_sent_start for t in doc[start:end]):
                label = UNTYPED  # "trusted execution environments (TEEs)": a kind of thing, not a named dataset
            elif label == "metric" and end == token.i and token.i + 3 < len(doc) and doc[token.i + 3].lower_ in TASK_AFTER:
                label = UNTYPED  # "click-through rate (CTR) prediction" names a task, not a measure
            proposing = self._proposing(token.sent)
            if not lexical and not proposing and (self._ends_in_class(doc, start, end) or self._generic_short(doc, short)):
                self._mark_class(doc, start, end, short)
                continue
            # "signals of interest (SoI)" needs other evidence; "we propose Recall with Reasoning (RwR)" does not.
            confidence = 0.85 if label else (0.75 if proposing else 0.4)
            add(doc, start, end, label, "acronym:long-form", confidence)
            add(doc, short.i, short.i + 1, label, "acronym:short-form", confidence)
            definitions.append((start, end, short.i, short.i + 1))
            self._drop_other_meaning(doc, start, end, short)
        doc._.akg_definitions = definitions
        return doc

    @staticmethod
    def _ends_in_class(doc: Doc, start: int, end: int) -> bool:
        # "Diffusion large language models (dLLMs)", "visual-language models (VLMs)": a kind of a generic
        # class is a class too, unless the paper introduces it under that name
        last = doc[end - 1]
        if singular(last.lower_) != "model" and not (looks_like_acronym(last) and last.text.endswith("s")):
            return False  # only classes of models ("... language models", "RMs"), not "Recall with Reasoning"
        return any(c[2] == GENERIC and c[1] == end and c[0] >= start for c in doc._.akg_candidates or ())

    @staticmethod
    def _generic_short(doc: Doc, short: Token) -> bool:
        # "visual-language models (VLMs)", "a Large Audio-Language Model (LALM)": a long form of a generic class's
        # short name is that class, whatever its spelling
        return any(c[2] == GENERIC and c[0] == short.i and c[1] == short.i + 1 for c in doc._.akg_candidates or ())

    @staticmethod
    def _mark_class(doc: Doc, start: int, end: int, short: Token) -> None:
        add(doc, start, end, GENERIC, "acronym:class", 1.0)
        forms = {short.text, short.text + "s", short.text[:-1] if short.text.endswith("s") else short.text}
        for token in doc:
            if token.text in forms:
                add(doc, token.i, token.i + 1, GENERIC, "acronym:class", 1.0)

    @staticmethod
    def _long_form_after(doc: Doc, open_i: int) -> int | None:
        """End of a long form written inside the parentheses after its acronym whose capitals
        mark the letters: "SHAP (SHapley Additive exPlanations)", "GEMINI (GEoMetric vIsual
        deNse sImilarity)". Words that merely spell the letters ("GPT (a generative ...)") do not count."""
        if open_i == 0 or not looks_like_acronym(doc[open_i - 1]):
            return None
        letters = "".join(c for c in doc[open_i - 1].text if c.isalpha())
        close = open_i + 1
        while close < len(doc) and close - open_i <= len(letters) + 3 and doc[close].text != ")":
            if not (doc[close].is_alpha or "-" in doc[close].text):
                return None
            close += 1
        if close >= len(doc) or doc[close].text != ")" or close - open_i < 3:
            return None
        capitals = "".join(c for t in doc[open_i + 1:close] for c in t.text if c.isupper())
        if capitals != letters.upper() or not any(sum(c.isupper() for c in t.text) > 1 or t.text[:1].islower()
                                                 and any(c.isupper() for c in t.text) for t in doc[open_i + 1:close]):
            return None
        return close

    @staticmethod
    def _drop_other_meaning(doc: Doc, start: int, end: int, short) -> None:
        # "electromagnetic (EM) tracking": the paper defines EM otherwise, so the metric lexicon's
        # "EM" (exact match) does not apply anywhere in it.
        found = doc._.akg_candidates or []
        lexical = [c for c in found if c[3] == "lexicon:metric" and doc[c[0]:c[1]].text == short.text]
        if not lexical or any(c[3] == "lexicon:metric" and c[0] >= start and c[1] <= end for c in found):
            return
        doc._.akg_candidates = [c for c in found if c not in lexical]

    def _proposing(self, sentence) -> bool:
        # "we propose ...", "a process we call Longtail Guidance (LTG)"; not "the design of water distribution
        # systems (WDS)" nor "whether LLMs introduce construct-irrelevant variance (CIV)": the paper must be the subject
        return any(t.lower_ in self.cues.naming_words or (t.lower_ in self.cues.propose_verbs and self._authors_act(t))
                   for t in sentence)

    @staticmethod
    def _authors_act(verb: Token) -> bool:
        i = verb.i - 1
        while i >= verb.sent.start and (verb.doc[i].lower_ in LINKING_ADVERBS or verb.doc[i].lower_.endswith("ly")):
            i -= 1  # "we further propose", "we additionally introduce"
        return i >= verb.sent.start and verb.doc[i].lower_ in AUTHOR_SUBJECTS


@Language.factory("akg_acronyms", default_config={"cues_file": ""})
def make_acronyms(nlp: Language, name: str, cues_file: str) -> AcronymFinder:
    return AcronymFinder(name, cues_file)
