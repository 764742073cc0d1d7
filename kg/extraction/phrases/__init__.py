"""`akg_phrases`: names that are descriptive phrases, found by their head word (cue words:
data/cues.json), where `akg_context` finds names by the words around them.

- "rollback mechanism", "thought switching penalty", "random selection strategy": method
  phrases; "masked self-attention": a variant of a known technique; "employ look-ahead
  search": what a verb of use takes, when it ends in a technique head;
- "training time", "completion rates" in a sentence with a number, "improves policy success
  by 44.7%", "metrics such as rental cost and latency": metric phrases;
- "tasks such as mathematical reasoning", "long-horizon video generation", "the Ranking
  Problem", "wireless federated learning" (a learning setting not applied): task phrases,
  ending in a task head word after one to three modifier words.

One component; its finders are split by what they find: `methods.py` (variants and extensions of
known techniques, what a verb of use takes, enumerated parts), `metrics.py` (what is changed,
counted, measured or listed as a metric), `tasks.py` (task phrases, learning settings, problems,
listed and defined tasks), `titles.py` (what a title is for and done by); `base.py` holds the cue
words, the per-doc words and the walk from a head word over its modifiers, which all share. This
module runs them in a fixed order and holds the one pass over head words (`_phrases`). The word
lists are data: `data/cues.json` "phrase_words".
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction.candidates import GENERIC, add
from kg.extraction.context import continues
from kg.extraction.phrases.methods import MethodPhrases
from kg.extraction.phrases.metrics import MetricPhrases
from kg.extraction.phrases.tasks import TaskPhrases
from kg.extraction.phrases.titles import TitlePhrases

UNIT_ACRONYM = re.compile(r"^[A-Z][A-Z0-9@-]{1,5}$")  # "+4.68% SR"
SHOT_NUMBER = re.compile(r"\d{1,2}-shot")  # "0-shot, 1-shot, and few-shot scenarios"


class PhraseFinder(MethodPhrases, TaskPhrases, TitlePhrases, MetricPhrases):
    """The component: runs the finders in a fixed order (the merger in entities.py sees candidates in the
    order they were added, so the order is part of the output)."""

    def __call__(self, doc: Doc) -> Doc:
        self._read(doc)
        self._modified_lexicon_methods(doc)
        self._used_techniques(doc)
        self._tasks(doc)
        self._learning_settings(doc)
        self._problems(doc)
        self._hyphen_tasks(doc)
        self._title_tasks(doc)
        self._title_means(doc)
        self._defined_tasks(doc)
        self._listed_tasks(doc)
        self._metric_edges = None
        self._phrases(doc)
        self._percent_in_list(doc)
        self._changed_share(doc)
        self._enumerated_parts(doc)
        return doc

    def _phrases(self, doc: Doc) -> None:
        """"training time", "completion rate" in a sentence with a number: metrics;
        "rollback mechanism", "thought switching penalty": methods."""
        lowers, sentence_of = self.lowers, self.sentence_of
        metric_heads, method_heads = self.cues.metric_heads, self.cues.method_phrase_heads
        shot_settings, training_heads = self.shot_settings, self.training_heads  # tested at every word
        for i, lower in enumerate(lowers):
            if lower == "%" and i + 1 < len(doc) and UNIT_ACRONYM.match(doc[i + 1].text):
                add(doc, i + 1, i + 2, "metric", "context:percent-acronym", 0.7)  # "+4.68% SR"
            elif (lower in shot_settings or SHOT_NUMBER.fullmatch(lower)) and i + 1 < len(doc) and lowers[i + 1] in self.shot_followers:
                add(doc, i, i + 1, "method", "context:shot-setting", 0.6)  # "in zero-shot and few-shot settings"
            elif lower == "by" and self._by_number(doc, i + 1):
                self._changed_quantity(doc, i)
            elif lower == "number" and i + 2 < len(doc) and lowers[i + 1] == "of":
                self._number_of(doc, i)
            elif lower == "precision" and i > 0 and (lowers[i - 1] in self.number_formats or lowers[i - 1].endswith("-bit")):
                add(doc, i - 1, i + 1, GENERIC, "context:number-format", 1.0)  # "4-bit precision": a number format
            elif lower == "lengths" and self._traded(doc, i):  # plural lengths are mostly settings ("of different lengths")
                self._phrase(doc, i, "metric", "context:metric-phrase", 0.6, self.cues.task_modifier_stop, 2)
            elif lower in ("size", "sizes") and i > 1 and lowers[i - 1] == "model" and self._changed_object(doc, i - 1):
                add(doc, i - 1, i + 1, "metric", "context:changed-size", 0.6)  # "reduces model size"
            elif lower == "metrics" and i > 0:
                self._named_by_metrics(doc, i)
                self._metrics_then_list(doc, i)
            elif lower in metric_heads:
                if (sentence_of[i] in self.number_sentences or lower in self.cues.strong_metric_heads
                        or self._measured(doc, i) or self._listed_with_metric(doc, i)) and not (i + 1 < len(doc) and continues(doc[i + 1])) \
                        and not (i + 1 < len(doc) and lowers[i + 1] in metric_heads) \
                        and not self._acronym_then_task(doc, i) \
                        and not (lower in ("error", "errors") and i > 0 and lowers[i - 1] in self.mistake_verbs) \
                        and not (lower in ("length", "lengths") and i > 0 and lowers[i - 1] in self.input_sizes):
                    # not "time series", "inference time scaling"
                    self._phrase(doc, i, "metric", "context:metric-phrase", 0.6, self.cues.task_modifier_stop, 2)
            elif lower in method_heads and not (i + 1 < len(doc) and lowers[i + 1] in self.head_continuers) \
                    and not (lower in self.kind_heads and i > 0 and lowers[i - 1] in self.generic_processes):
                self._phrase(doc, i, "method", "context:method-phrase", 0.6, self.cues.method_phrase_stop, 3)
            elif lower in training_heads and i > 1 and ("-" in lowers[i - 1][1:]
                                                        or ("-" in lowers[i - 2][1:] and doc[i - 1].is_lower)
                                                        or (lowers[i - 2][:1] == "-" and lowers[i - 2][1:] in self.naming_suffixes
                                                            and doc[i - 1].is_lower)):  # "location-aware repair learning"
                # "self-debug learning", "step-wise reinforcement learning": a named way of training
                self._phrase(doc, i, "method", "context:training-phrase", 0.6, self.cues.method_phrase_stop, 3)


@Language.factory("akg_phrases", default_config={"cues_file": ""})
def make_phrases(nlp: Language, name: str, cues_file: str) -> PhraseFinder:
    return PhraseFinder(name, cues_file)
