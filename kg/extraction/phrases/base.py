"""What every phrase finder of `akg_phrases` shares: the cue words, the per-doc words (title end,
lower-case words, sentences with numbers) and the walk back from a head word over its modifiers."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extraction.candidates import add
from kg.extraction.context import (DESCRIPTION_STOPS, EMPLOY_WORDS, EVAL_PREPOSITIONS, LIST_JOINERS, PHRASE_OPENERS, read_words)
from kg.extraction.cues import is_coined, load_cues, title_end
from kg.extraction.tokenizer import MODIFIER_SUFFIXES

DIMENSION = re.compile(r"^[1-9]D$")  # "4D dynamic reconstruction"


class PhraseBase:
    """The cue words and the per-doc state; the finders (methods.py, metrics.py, tasks.py, titles.py) add to it."""

    def __init__(self, name: str, cues_file: str):
        self.name = name
        self.cues = load_cues(cues_file)
        missing = vars(load_cues().phrase_words).keys() - vars(self.cues.phrase_words).keys()
        if missing:  # a cue file of an older layout: say which lists, not fail later on one word
            raise ValueError(f'{cues_file}: "phrase_words" lacks {", ".join(sorted(missing))}')
        # each word list of cues.json "phrase_words" as an attribute (self.report_verbs): the finders test
        # words against them in every token loop, and one attribute lookup is measurably faster than two
        vars(self).update(vars(self.cues.phrase_words))
        self.verb_leads = self.pronouns | {"to"}  # the word after these is a verb
        self.prepositions = PHRASE_OPENERS | EVAL_PREPOSITIONS | self.more_prepositions
        self.use_words = self.use_verbs | EMPLOY_WORDS
        self.item_ends = self.prepositions | DESCRIPTION_STOPS - LIST_JOINERS  # "door opening with unknown directions"
        self.end_of_title = 0  # of the doc being processed

    def _read(self, doc: Doc) -> None:
        """The per-doc words every finder reads: where the title ends, lower-case words, sentences with numbers."""
        self.end_of_title = title_end(doc)
        words = read_words(doc, self.cues.eval_words, self.cues.number_units)
        self.lowers, self.lower_set = words.lowers, words.lower_set
        self.sentence_of, self.number_sentences = words.sentence_of, words.number_sentences

    def _phrase(self, doc: Doc, head: int, label: str, extractor: str, confidence: float, stop, limit: int) -> None:
        start = head
        while start > 0 and head - start < limit:
            prev = doc[start - 1]
            if prev.text.startswith("-") and prev.text[1:] in MODIFIER_SUFFIXES and start > 1 and doc[start - 2].is_alpha \
                    and doc[start - 2].lower_ + prev.lower_ not in stop:  # not "human-level accuracy"
                start -= 2  # "frame-level action conditioning": "frame" "-level" is one modifier
                continue
            gerund = label == "method" and prev.is_lower and prev.lower_.endswith("ing") and prev.lower_ not in self.gerund_stops
            gerund = gerund or (label == "method" and self._eponym(prev))  # "Gaussian noise injection"
            lead = doc[start - 2].lower_ if start > 1 else ""
            if gerund and prev.lower_.endswith("ing") and lead in self.gerund_clause_leads:
                break  # "by introducing random labeling loss": the gerund is the verb of a clause
            if label == "metric" and lead == "that" and start > 2 and doc[start - 3].lower_ in self.report_verbs:
                lead = ""  # "confirms that classification accuracy ...": "that" is a conjunction
            if label == "metric" and prev.lower_.endswith("ing") and lead not in self.verb_leads \
                    and (prev.lower_ in self.cues.task_heads or self.cues.head_type.get(prev.lower_) == "task"):
                gerund = True  # "clustering accuracy", "answering accuracy": the activity measured
            if label == "metric" and self._names_benchmark(doc, start - 1):
                break  # "boosts MATH accuracy": the benchmark the accuracy is on, not a kind of accuracy
            if label == "metric" and (prev.lower_ in self.metric_verbs or prev.lower_ == "off"):  # "trading off
                break
            if prev.lower_ in self.cues.technical_adjectives and any(is_coined(t) for t in doc[start:head]):
                break  # "adaptive DP-SPIDER estimator": the adjective describes the named estimator, it is no part of its name
            if prev.lower_ in stop or not (gerund or self._task_modifier(prev, self.cues.task_modifier_stop)) \
                    or prev.lower_ in self.cues.propose_verbs or prev.lower_ in self.cues.task_modifier_stop \
                    or lead in self.verb_leads or prev.lower_ in self.use_verbs:  # "we determine optimal loss"
                break
            start -= 1
        if doc[head].lower_ in self.kind_heads and head - start < 2:
            return  # "an aggregation strategy", "a stepwise strategy": one word makes a kind, not a name
        if doc[head].lower_ in self.part_heads and head - start == 1 and (doc[start].is_lower or self._eponym(doc[start])) \
                and "-" not in doc[start].text \
                and not (start > 0 and doc[start - 1].lower_ in stop and doc[start - 1].lower_ not in self.function_words
                         and doc[start - 1].lower_ not in self.cues.proposal_adjectives):  # not "a novel learning scheme"
            return  # "a memory mechanism", "the global loss"; but "an explicit rollback mechanism"
        if label == "method" and self._classifies(doc, start):
            return  # "SAAP is an asymmetrical indexing technique": says what kind a named thing is
        if start < head and not (doc[head].is_title and head < self.end_of_title):
            add(doc, start, head + 1, label, extractor, confidence)

    def _task_modifier(self, token, stop) -> bool:
        # An adjective or noun before the head: not a function word, verb form or adverb.
        lower = token.lower_
        if DIMENSION.match(token.text):
            return True
        if lower in stop or lower in self.prepositions or not (token.is_alpha or "-" in lower) or lower.startswith("-"):
            return False
        if lower in self.cues.nominal_gerunds:
            # "Learning Social Prediction ...": a capitalised gerund opening a title or sentence is a verb
            return not (token.is_sent_start and token.text[:1].isupper() and len(token.doc) > token.i + 1
                        and token.doc[token.i + 1].is_title)
        if "-" in lower[1:-1] and lower.endswith("ed") and lower.replace("-", "").isalpha():
            return True  # "action-conditioned", "goal-conditioned": adjectives, not verbs
        if token.is_title and not token.is_sent_start and token.i >= self.end_of_title:
            return False  # "Informer forecasting": a name, not a kind of forecasting
        if lower.endswith(("ly", "ing", "ed")) or (lower.endswith("s") and not lower.endswith(("ss", "ous", "ics", "is"))):
            return False
        # a capital opening a sentence is no evidence, except the title's first word ("Level Generation with ...")
        return not (token.is_sent_start and token.text[:1].isupper()) or (token.i == 0 and self.end_of_title > 1)

    def _eponym(self, token) -> bool:
        # "Gaussian", "Bayesian", "Euclidean", "Hessian": an adjective from a name makes a variant of a
        # technique although it is capitalised; not at the start of a sentence or in a title-case run
        text = token.text
        return text.istitle() and text.isalpha() and text.endswith(("ian", "ean")) and len(text) > 5 \
            and not token.is_sent_start and not (token.i > 0 and token.doc[token.i - 1].is_title)

    def _names_benchmark(self, doc: Doc, i: int) -> bool:
        return any(c[0] <= i < c[1] and c[2] == "benchmark" and c[3].startswith(("lexicon:", "shape:"))
                   for c in doc._.akg_candidates or ())

    def _classifies(self, doc: Doc, start: int) -> bool:
        # "It is an asymmetrical indexing technique", "viewed as a decoding acceleration technique",
        # "Rolling Forcing, a novel video generation technique": an indefinite phrase after a copula,
        # "as" or a name's comma describes a thing named elsewhere; it is not a name itself.
        i = start - 1
        while i >= 0 and start - i <= 3 and doc[i].lower_ not in ("a", "an"):
            if not (doc[i].is_lower and doc[i].text.replace("-", "").isalpha()):
                return False
            i -= 1
        if i < 1 or doc[i].lower_ not in ("a", "an"):
            return False
        before = doc[i - 1]
        if before.lower_ in self.classifying_leads:
            return True
        name = doc[i - 2] if i > 1 else before  # "Additionally, a ...": an opening adverb is no name
        return before.text == "," and ((name.text[:1].isupper() and not name.is_sent_start) or name.text == ")")

    def _title_rating(self, lower: str) -> bool:
        # "Efficient", "Memory-Efficient", "Multi-step", "Large-Scale": a rating of the work, not a name part
        return lower in self.quality_modifiers or lower in self.title_ratings or lower.startswith(self.quality_prefixes) \
            or lower.endswith(("-efficient", "-effective", "-scale", "-aware"))

    def _title_word(self, token) -> bool:
        # "Multiple", "Time-Series", "3D", "DNA": a word of a title-case phrase, not a lower-case function word
        text = token.text
        return (text[:1].isupper() or (text[:1].isdigit() and any(c.isalpha() for c in text))) \
            and token.lower_ not in self.prepositions and token.lower_ not in ("and", "or", "the", "a", "an")

    def _verb_form(self, token) -> bool:
        # "Evolving Panoramic World Generation", "we explore personalized ...": a verb form ends the phrase
        lower = token.lower_
        return lower.endswith(("ing", "ed")) and lower not in self.cues.nominal_gerunds
