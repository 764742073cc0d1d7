"""Metric phrases found by what is done to them: "improves policy success by 44.7%" (changed by a number),
"reduces model size", "the number of steps", "metrics such as rental cost and latency", "18.61% in Sufficiency"."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extraction.candidates import add, candidates
from kg.extraction.context import DESCRIPTION_STOPS, LATER_WORDS, LIST_JOINERS, PHRASE_OPENERS

from kg.extraction.phrases.base import PhraseBase



class MetricPhrases(PhraseBase):
    """Adds metric candidates, and tells the head-word pass whether a metric head is a measure here."""

    def _changed_quantity(self, doc: Doc, by: int) -> None:
        # "improve policy success by 44.7%", "reduces redundant computation by 51%": the noun
        # phrase between a verb of change and "by <number>" is what was measured; "improves the training
        # efficiency of reasoning LLMs by up to 2.5x": the phrase before what it is measured of.
        stop = self.cues.task_modifier_stop
        of = next((k for k in range(by - 2, max(0, by - 5), -1) if doc[k].lower_ == "of"), None)
        if of is not None and doc[of - 1].lower_ not in self.quantity_nouns and all(t.is_alpha or "-" in t.text for t in doc[of + 1:by]):
            by = of  # (not "the number of CNOT gates", "the length of CoT sequences": the measure is the whole phrase)
        start = by
        while start > 0 and by - start < 3 and doc[start - 1].is_lower and (doc[start - 1].is_alpha or "-" in doc[start - 1].text) \
                and doc[start - 1].lower_ not in stop and doc[start - 1].lower_ not in self.cues.change_verbs:
            start -= 1
        verb = start - 1
        if verb >= 0 and doc[verb].lower_ in self.np_leads:
            verb -= 1
        if start < by and verb >= 0 and doc[verb].lower_ in self.cues.change_verbs:
            add(doc, start, by, "metric", "context:changed-by", 0.65)

    def _by_number(self, doc: Doc, i: int) -> bool:
        while i < len(doc) and doc[i].lower_ in self.by_skip:
            i += 1
        return i < len(doc) and (doc[i].like_num or doc[i].text[:1].isdigit())

    def _number_of(self, doc: Doc, i: int) -> None:
        # "reduces the average number of steps required by 3.8", "uses 14x less number of parameters
        # than VeRA": a count that is changed or compared is a measure.
        noun = i + 2
        if not (doc[noun].is_lower and doc[noun].is_alpha and doc[noun].lower_.endswith("s")) \
                or doc[noun].lower_ in self.cues.task_modifier_stop:
            return
        start = i - 1 if i > 0 and self.lowers[i - 1] in ("average", "total", "mean") else i
        before = self.lowers[max(0, start - 3):start]
        after = self.lowers[noun + 1:noun + 4]
        # not "reducing the number of views per cluster from 20 to 10": a setting changed, not a result
        changed = any(w in ("less", "fewer") for w in before) or (before[-2:-1] == ["in"] and before[-3:-2] and
                                                                   before[-3] in ("increase", "reduction", "decrease", "drop")) \
            or "than" in after or ("by" in after and self._by_number(doc, noun + 2 + after.index("by")))
        if changed:
            add(doc, start, noun + 1, "metric", "context:number-of", 0.6)

    def _named_by_metrics(self, doc: Doc, head: int) -> None:
        # "group fairness metrics", "topic diversity metrics": two lower-case nouns before "metrics"
        # name a measure, unless they only say what kind ("standard evaluation metrics").
        start = head - 2
        if start < 0 or (start > 0 and doc[start - 1].like_num):  # "17 forecast metrics" counts metrics
            return
        first, last = doc[start], doc[head - 1]
        if not all(t.is_lower and (t.is_alpha or "-" in t.text[1:-1]) for t in (first, last)) \
                or last.lower_.endswith(self.adjective_endings) or last.lower_ in self.generic_metric_kinds \
                or last.lower_ in self.cues.task_heads or first.lower_ in self.number_words or last.lower_ in self.number_words \
                or first.lower_ in LATER_WORDS or self.sentence_of[head] not in self.number_sentences \
                or any(t.lower_.endswith("s") and not t.lower_.endswith("ss") for t in (first, last)) \
                or (first.lower_.endswith(("ing", "ed", "ly")) and first.lower_ not in self.cues.nominal_gerunds) \
                or any(t.lower_ in self.generic_metric_kinds or t.lower_ in self.metric_verbs or t.lower_ in PHRASE_OPENERS
                       or t.lower_ in DESCRIPTION_STOPS or t.lower_ in self.cues.propose_verbs
                       or t.lower_ in self.cues.task_modifier_stop for t in (first, last)):
            return
        add(doc, start, head, "metric", "context:named-metrics", 0.6)

    def _metrics_then_list(self, doc: Doc, head: int) -> None:
        # "three new metrics based on n-grams and rules: Fluency, Truthfulness, and Helpfulness",
        # "metrics such as rental cost and latency": the listed items are metrics.
        sentence_end = doc[head].sent.end
        i = head + 1
        while i < min(head + 10, sentence_end) and doc[i].text != ":" and not (
                doc[i].lower_ in ("such", "including") and (doc[i].lower_ == "including" or doc[i + 1].lower_ == "as")):
            if doc[i].text in (".", ";", "(") or doc[i].lower_ in self.cues.change_verbs:
                return
            i += 1
        if i >= min(head + 10, sentence_end):
            return
        i += 2 if doc[i].lower_ == "such" else 1
        items = []
        while i < sentence_end:
            start = i
            while i < sentence_end and i - start < 3 and (doc[i].is_alpha or "-" in doc[i].text[1:-1]) \
                    and doc[i].lower_ not in LIST_JOINERS and doc[i].lower_ not in DESCRIPTION_STOPS \
                    and (doc[i].is_lower or doc[i].is_title):
                i += 1
            if i == start or (i < sentence_end and doc[i].text not in (",", ".", ";", ")") and doc[i].lower_ not in LIST_JOINERS):
                return  # not a list of short names: the sentence goes on
            items.append((start, i))
            if i >= sentence_end or doc[i].text in (".", ";", ")"):
                break
            while i < sentence_end and doc[i].lower_ in LIST_JOINERS:
                i += 1
        if len(items) >= 2:
            stop = self.cues.task_modifier_stop
            for start, end in items:
                if not all(t.lower_ in stop or t.lower_ == "etc" for t in doc[start:end]):
                    add(doc, start, end, "metric", "context:metrics-list", 0.65)

    def _acronym_then_task(self, doc: Doc, head: int) -> bool:
        # "click-through rate (CTR) prediction": the rate names a task, not a measure
        return head + 4 < len(doc) and doc[head + 1].text == "(" and doc[head + 3].text == ")" \
            and doc[head + 4].lower_ in ("prediction", "estimation", "forecasting")

    def _listed_with_metric(self, doc: Doc, head: int) -> bool:
        # "reducing the model size and computation cost": listed with a known metric, a measure too
        if self._metric_edges is None:
            self._metric_edges = (
                {end for start, end, label, extractor, _ in candidates(doc) if label == "metric" and extractor.startswith("lexicon:")},
                {start for start, end, label, extractor, _ in candidates(doc) if label == "metric" and extractor.startswith("lexicon:")})
        ends, starts = self._metric_edges
        if head + 2 < len(doc) and doc[head + 1].lower_ in ("and", "or") and head + 2 in starts:
            return True
        # "between communication cost and computational load": two measures weighed against each other
        if head > 1 and doc[head - 2].lower_ == "between" and head + 3 < len(doc) and doc[head + 1].lower_ == "and" \
                and self.lowers[head + 3] in self.cues.metric_heads:
            return True
        for joint in (head - 2, head - 3):
            if joint > 2 and self.lowers[joint] == "and" and self.lowers[joint - 1] in self.cues.metric_heads \
                    and "between" in self.lowers[max(0, joint - 4):joint - 1]:
                return True
        for start in (head - 1, head - 2):  # the phrase has one or two words before its head
            if start > 1 and doc[start - 1].lower_ in ("and", "or") and start - 1 in ends:
                return True
        return False

    def _changed_object(self, doc: Doc, head: int) -> bool:
        # "reduces model size", "reducing the model size": the object of a verb of change is a measure,
        # with or without a number (not "across model sizes", "a substantial model size").
        stop = self.cues.task_modifier_stop
        i, words = head - 1, 0
        while i >= 0 and head - i <= 7:
            lower = self.lowers[i]
            if lower in self.change_object_verbs:
                return words > 0 or head - i == 1 or self.lowers[i + 1] in self.np_leads
            if lower in ("and", "or", ",") or lower in self.np_leads:
                i -= 1
                continue
            if not (doc[i].is_lower and (doc[i].is_alpha or "-" in doc[i].text[1:-1])) or lower in stop \
                    or doc[i].pos_ in ("VERB", "AUX", "ADP"):
                return False
            words += 1
            i -= 1
        return False

    def _traded(self, doc: Doc, head: int) -> bool:
        # "trading off explanation lengths for smaller runtimes": traded against another measure
        return any(t.lower_ in self.trade_words and doc[t.i + 1].lower_ == "off" for t in doc[max(0, head - 4):head - 1])

    def _measured(self, doc: Doc, head: int) -> bool:
        # "by measuring token efficiency", "metrics such as rental cost": measured without a number;
        # "higher energy efficiency", "the convergence speed ... is lower than": compared;
        # "trading off X for Y": traded against another measure
        return any(t.lower_ in self.measure_words for t in doc[max(0, head - 4):head]) \
            or self._traded(doc, head) \
            or (head > 1 and doc[head - 2].lower_ in self.comparatives and doc[head - 1].is_lower) \
            or any(t.lower_ in self.comparatives and doc[t.i - 1].lower_ in ("is", "are", "was", "were")
                   for t in doc[head + 1:min(len(doc), head + 8)] if t.i > 0)

    def _percent_in_list(self, doc: Doc) -> None:
        # "improvements of 122.71% in ROUGE, 126.53% in METEOR, ... 18.61% in Sufficiency and 13.22% in
        # Relevance": in a run of "<number>% in <name>" items where one names a known metric, each names a measure.
        if "%" not in self.lower_set:
            return
        known = {start for start, end, label, extractor, _ in candidates(doc)
                 if label == "metric" and extractor.startswith("lexicon:")}
        for sentence in doc.sents:
            items = []
            for t in sentence:
                i = t.i
                if t.lower_ != "in" or i < 1 or doc[i - 1].text != "%" or i + 1 >= sentence.end:
                    continue
                end = i + 1
                while end < sentence.end and end - i <= 3 and (doc[end].is_alpha or "-" in doc[end].text[1:-1]) \
                        and doc[end].lower_ not in self.list_words:
                    end += 1
                if end > i + 1 and (end == sentence.end or doc[end].text in (",", ".", ";", ")") or doc[end].lower_ in self.list_words):
                    items.append((i + 1, end))
            if len(items) >= 3 and any(start in known for start, _ in items):
                for start, end in items:
                    if start not in known:
                        add(doc, start, end, "metric", "context:percent-in-list", 0.6)

    def _changed_share(self, doc: Doc) -> None:
        # "reducing up to 75% of their floating-point operations": what a verb of change cuts a share of is a
        # measure (not "retaining only 10% of visual KV cache", a setting: retaining is no verb of change)
        if "%" not in self.lower_set and "percent" not in self.lower_set:
            return
        lowers = self.lowers
        for i, lower in enumerate(lowers):
            if lower not in ("%", "percent") or i + 2 >= len(doc) or lowers[i + 1] != "of":
                continue
            k = i - 2  # the number before "%"
            while k >= 0 and lowers[k] in self.by_skip:
                k -= 1
            if k < 0 or lowers[k] not in self.share_cuts:
                continue  # (not "cutting 99% of the attention gradient flow": a setting)
            start = i + 2 + (lowers[i + 2] in self.np_leads)
            end = start
            while end < len(doc) and end - start < 3 and doc[end].is_lower and (doc[end].is_alpha or "-" in doc[end].text) \
                    and lowers[end] not in self.list_words and lowers[end] not in self.cues.task_modifier_stop:
                end += 1
            if end > start and (end == len(doc) or not (doc[end].is_alpha and doc[end].is_lower)):
                add(doc, start, end, "metric", "context:changed-share", 0.6)
