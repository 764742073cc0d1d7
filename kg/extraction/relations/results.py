"""Results: one per number that reports one, with its subject, benchmark and metric.

Its subject is the nearest method/model before it that is not a prepositional object, the second of
a list, an object inside an opening "-ing" phrase, or what was outperformed, else the paper's own
proposal when the sentence says "our method". Its benchmark is the one the number sits in ("B (x%)"),
right after ("x% on B", unless another number lies in between and a benchmark right before holds it),
or the one benchmark named before it in the same clause. Its metric is the one written next to it
("FID 1.73", "77.2% accuracy", "accuracy of 80%"), else the one named before it in the clause unless
another number already holds it. "it", "the proposed method" and "our method" mean the paper's one
named proposal; "A with B" where B is the paper's proposal means B; what a verb of change changes
("improves SBERT by 12%") is never the subject. In a benchmark paper, another system's number on it
("the best system achieves only 31.5%") has that benchmark and no subject.
"""
from __future__ import annotations

import re

from kg.model import ResultMention

from .numbers import Value, _after_versus, _value_clusters, find_values
from .subjects import SubjectRules
from .units import AGENTS, Ent, PaperSubject, Unit, _Found, _groups, _index, _paren_owner, _prev_word

_BETTER_BY = re.compile(
    r"\s*(?:(?:higher|better|faster|lower|fewer|less|more|improvement|gain|gains|reduction|speed-?up|saving|savings|"
    r"relative|absolute|points?|acceleration|boost|increase|decrease|in\s+[\w-]+)\s+){0,3}"
    r"(?:over|(?:when\s+)?compared\s+(?:to|with)|relative\s+to|than|against)\s+"
    r"(?:the\s+)?(?:(?:SOTA|state-of-the-art|strong|baseline|prior|previous|vanilla|standard)\s+)?", re.IGNORECASE)
_METRIC_GAP = re.compile(r"\s*(?:[\w-]+\s+){0,2}(?:in|of)\s+(?:the\s+)?", re.IGNORECASE)
_GAIN_GAP = re.compile(r"\s*(?:improvement|gain|increase|boost)s?\s+", re.IGNORECASE)  # "a 1% improvement GSM8K"
_HELD_GAP = re.compile(r"\s*(?:[\w-]+\s+){0,2}(?:on|in|for|across|at)\s+(?:the\s+)?", re.IGNORECASE)
_SIZE_WORDS = re.compile(r"\b(?:parameters?|params|model\s+size|weights)\b", re.IGNORECASE)
_WORSE = re.compile(r"\b(?:drops?|degrad\w*|worse|loses|lags?|behind|slower|lower\s+(?:accuracy|performance|quality))\b",
                    re.IGNORECASE)
_OURS = re.compile(r"\b(?:our(?!\s+(?:results?|experiments?|findings|analys[ie]s|evaluations?|study|studies)\b)|the\s+proposed)\b",
                   re.IGNORECASE)  # but "Our results reveal that even the best-performing models ..." is about others
_OTHER_SYSTEM = re.compile(r"\b(?:system|model|method|approach|agent|llm|baseline)s?\b", re.IGNORECASE)
_ON_LIST = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:on|in|for|across)\s+(?:the\s+)?", re.IGNORECASE)
_OPENING = re.compile(r"\s*(?:(?:when\s+)?(?:evaluated|tested|validated|benchmarked|assessed|experimented)\s+|"
                      r"(?:through|via|from|in|with|by)\s+(?:[a-z][\w-]*\s+){0,2}?(?:experiments?|experimentation|"
                      r"evaluations?|testing|tests)\s+(?:conducted\s+|performed\s+)?)?"
                      r"(?:on|in|across|for|at|over|under)\s+[^,;]*$", re.IGNORECASE)
# "Evaluated on B, our method ...", "Through extensive experimentation on the MSCOCO dataset, we demonstrate that ..."
_ON_DESCRIBED = re.compile(r"\b(?:on|in|across)\s+(?:the\s+)?(?:(?!(?:from|of|with|by|than|and|or|average|both|all|each|several|multiple|various|many|most)\b)[a-z][\w-]*\s+)"
                           r"{1,2}$", re.IGNORECASE)  # "an average accuracy gain of 8.92% on the challenging GSM-PLUS dataset"
_PARALLEL_GAP = re.compile(r"(?:\s*,?\s+(?:within|in|on|for|across|under|at)\s+[^,;]{1,60})?\s*,?\s*and\s+", re.IGNORECASE)
_SETTING_AFTER = re.compile(r"\s+(?:within|in|on|for|across|under|at)\s", re.IGNORECASE)
_CHANGED_BY = re.compile(r"\s+by\s+", re.IGNORECASE)
_OWN_BY = re.compile(r"[a-z]\s+by\s+$", re.IGNORECASE)  # the number has its own changed noun: "timing by 9%"
_CLOSING = re.compile(r"(?:[^()]{0,60}\)|\})(?=\s)")  # the rest of the parenthesis or LaTeX group the number is in
_METRIC_AFTER_GAP = re.compile(
    r"\s*(?:(?:absolute|relative|average|higher|lower|improvement|increase|gain|reduction|decrease|"
    r"speed[\s-]?up|boost|drop|improvements|gains|better|acceleration|enhancement|savings?|"
    r"in|on|of|the|their|its)\s+){0,3}", re.IGNORECASE)
_ALL_OF = re.compile(r"\b(?:all|both|each)\b", re.IGNORECASE)
_COMPARED_BEFORE = re.compile(r"\b(?:(?:compared\s+(?:with|to)|than|over|versus|vs\.?|against|relative\s+to)\s+(?:the\s+)?|"
                              r"(?:outperform|surpass|exceed|beat)(?:s|es|ed|ing)?\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?)$",
                              re.IGNORECASE)  # "speedups of 9.2x, 4.2x and 1.6x compared with A, B and C": baselines;
# so are those an outperforms names: "XMANet outperforms the baseline ResNet50, EfficientNetB0 and MobileNetV3 ... with
# improvement of approximately 1.72%, 4.38% and 5.10%, respectively"
_VALIDATED_ON = re.compile(r",\s*(?:as\s+|all\s+)?(?:validated|evaluated|tested|measured|benchmarked|assessed|verified)\s+"
                           r"(?:on|using)\s+(?:the\s+)?$", re.IGNORECASE)  # "..., validated on the Defects4J dataset."
_OUR_BENCHMARK = r"our\s+(?:[\w-]+\s+){0,2}?(?:benchmark|dataset|test\s+set|evaluation\s+set|corpus)\b"
_OUR_BENCHMARK_AFTER = re.compile(rf"\s*(?:[\w-]+\s+){{0,3}}?(?:on|in|across|over)\s+{_OUR_BENCHMARK}", re.IGNORECASE)
_OUR_BENCHMARK_OPENING = re.compile(rf"\s*(?:on|in|across)\s+{_OUR_BENCHMARK}[^.;]*$", re.IGNORECASE)
_TIED_GAP = re.compile(r"\s*(?:dataset|benchmark|set|split|data)?\s*(?:by|with|at|of|to|:|=|,)?\s*(?:a|an|of)?\s*")


_RELATIVE_GAP = re.compile(r"(?:\s+[\w.-]+)?\s*,?\s*(?:which|who)\s+(?:[a-z]+ly\s+)?(?:achieved|attained|achieves|attains|obtained|obtains|"
                           r"reached|reaches|scored|scores|got|gets)\s+(?:only\s+|just\s+)?(?:an?\s+)?", re.IGNORECASE)


_RELATIVE_CLAUSE = re.compile(r"\s*,\s*(?:which|who)\s+(?:[a-z]+ly\s+)?(?:achieved|attained|obtained|reached|scored|got)\b"
                              r"[^;()]*$", re.IGNORECASE)


def _relative_holder(unit: Unit, lead: Value) -> Ent | None:
    """"outperforming O3 Mini, which attained 72% and 75%": the name a relative clause describes holds its numbers,
    even as the object of an outperforms; so do later numbers of the same clause ("outperforming Mask R-CNN, which
    achieved a mAP of 92.1% with a slower processing speed of 18 FPS")."""
    held = next((e for e in unit.ents if e.label in AGENTS and e.end <= lead.start
                 and _RELATIVE_GAP.fullmatch(unit.text, e.end, lead.start)), None)
    if held is not None:
        return held
    agents = [e for e in unit.ents if e.label in AGENTS and e.end <= lead.start]
    last = agents[-1] if agents else None
    if last is not None and _RELATIVE_CLAUSE.match(unit.text, last.end, lead.start) and \
            not re.search(r"\b(?:while|whereas|but|and\s+(?:our|the|it))\b", unit.text[last.end:lead.start], re.IGNORECASE):
        return last
    return None


# "compared to SelfCheckGPT's F1-score of 0.205", "reduces RF's average performance to 46%"
_POSSESSIVE_GAP = re.compile(r"(?:\s*['’]s|\s+to\s+(?:its|their))\s+(?:[\w@.-]+\s+){0,4}?(?:of|to|at|is|was|reaches|reached|reaching)\s+"
                             r"(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|approximately\s+)?", re.IGNORECASE)


_ANAPHOR = re.compile(r"\b(?:the|this)\s+(?:resulting\s+|fine-tuned\s+|trained\s+)?(?:model|method|approach)\b", re.IGNORECASE)


def _coordinated(unit: Unit, subject: Ent | int | None) -> Ent | None:
    """The other name when the subject is the first of two names of its type joined by "and" ("A and B models")."""
    if not isinstance(subject, Ent):
        return None
    return next((e for e in unit.ents if e.label == subject.label and e.start > subject.end
                 and _AND_JOIN.fullmatch(unit.text, subject.end, e.start)), None)


_AND_VALUES = re.compile(r"\s*,?\s+and\s+")
_AND_JOIN = re.compile(r"\s*,?\s+and\s+(?:the\s+)?")


def _possessive_owner(unit: Unit, value: Value) -> Ent | None:
    """The method or model whose measure the number is, written with "'s" right before the measure."""
    for ent in unit.ents:
        if ent.label in AGENTS and ent.end < value.start and _POSSESSIVE_GAP.fullmatch(unit.text, ent.end, value.start):
            return ent
    return None


class ResultRules(SubjectRules):
    """Results and the outperforms claims their numbers make ("4.8x faster than Y")."""

    def find_results(self, unit: Unit, found: _Found, paper_subject: PaperSubject | None) -> None:
        if not unit.is_title:  # "LightRetriever: ... with 1000x Faster Query Inference": the abstract states the result
            self._find_unit_results(unit, found, paper_subject)
        found.previous_unit = unit

    def _find_unit_results(self, unit: Unit, found: _Found, paper_subject: PaperSubject | None) -> None:
        values = find_values(unit, self.cues)
        if not values:
            return
        clusters = _value_clusters(unit, values)
        paired = self._paired(unit, clusters)
        owned = {v: self._metric_after(unit, v) for v in values}  # "6.35% gain in accuracy": accuracy is 6.35%'s
        for cluster in clusters:
            shared_metric = owned[cluster[-1]]  # "73% and 80% relative wall-clock time"
            for value in cluster:
                rule, slots = paired.get(value, ("result", {}))
                subject = slots.get("subject") or _relative_holder(unit, cluster[0]) or \
                    self._result_subject(unit, value, paper_subject, found)
                if subject is not None and _after_versus(unit, value, cluster) and "subject" not in slots:
                    subject = None  # "83.4% vs. 60.0%": the second number is the baseline's
                partner = _coordinated(unit, subject) if "subject" not in slots else None
                if partner is not None:  # "our ChiseLLM-7B and ChiseLLM-32B models ... by 47.58%": one number, two subjects
                    # but "A and B achieve only 43.4 and 41.8" pairs in order
                    subject = ([subject, partner][cluster.index(value)] if len(cluster) == 2 and
                               _AND_VALUES.fullmatch(unit.text, cluster[0].end, cluster[1].start) else None)
                others = [v for v in values if v not in cluster]
                benchmark = slots.get("benchmark") or self._result_benchmark(unit, value, others, cluster[0])
                if self._measured_on_paper_benchmark(unit, value, subject, paper_subject):
                    subject, benchmark = None, benchmark or paper_subject.index
                elif benchmark is None and self._other_system_on_paper_benchmark(unit, subject, paper_subject, found):
                    benchmark = paper_subject.index
                if benchmark is None and found.own_benchmark is not None and self._on_our_benchmark(unit, value):
                    benchmark = found.own_benchmark
                taken = {owned[v].index for v in others if owned[v] is not None} | \
                    {o.index for v in values if v is not value and (o := _paren_owner(unit, v.start)) is not None} | \
                    ({e.index for v in others for e in unit.ents if e.label == "metric" and  # "congestion by 30%, timing by 9%"
                      _CHANGED_BY.fullmatch(unit.text, e.end, v.start)} if _OWN_BY.search(unit.text, 0, value.start) else set())
                metric = slots.get("metric") or self._result_metric(unit, value, shared_metric, taken)
                if subject is not None and not _after_versus(unit, value, cluster):
                    self._better_by(unit, value, subject, found)
                shared = self._shared_metrics(unit, value, metric, values) if len(cluster) == 1 else None
                for each in shared or [metric]:  # "24.8% gains in time and cost": one result per measure
                    found.results.append(ResultMention(
                        value.text, value.value, unit.evidence(rule, self.conf(rule)),
                        subject=_index(subject), benchmark=_index(benchmark), metric=_index(each)))

    @staticmethod
    def _measured_on_paper_benchmark(unit: Unit, value: Value, subject: Ent | int | None,
                                     paper_subject: PaperSubject | None) -> bool:
        """A benchmark paper's "we find that the best system achieves only 31.5%": the number is some
        system's score on the paper's benchmark, not the benchmark's own."""
        if paper_subject is None or paper_subject.label != "benchmark" or \
                (subject is not None and _index(subject) != paper_subject.index):
            return False  # (no subject at all: "Evaluation of models reveals ..., with even the best model achieving 63%")
        before = unit.text[:value.start]  # "the proposed AC-Lite model achieves": the paper's own, named
        return bool(_OTHER_SYSTEM.search(before)) and not paper_subject.pattern.search(before) and not _OURS.search(before)

    @staticmethod
    def _on_our_benchmark(unit: Unit, value: Value) -> bool:
        """"outperforms GPT-4o by 34.1% on our evaluation benchmark", "On our new dataset, X reaches 80%": the
        paper's own unnamed benchmark, right after the number or in the sentence's opening phrase."""
        return bool(_OUR_BENCHMARK_AFTER.match(unit.text, value.end) or _OUR_BENCHMARK_OPENING.match(unit.text[:value.start]))

    @staticmethod
    def _other_system_on_paper_benchmark(unit: Unit, subject: Ent | int | None, paper_subject: PaperSubject | None,
                                         found: _Found) -> bool:
        """A benchmark paper's "performance drops from 29% to 3% for Claude 3.5 Sonnet": another named model's number
        in a sentence that names no benchmark is its score on the paper's benchmark (not the paper's own model's:
        "EAI-Distill ... within 3% of annotator agreement")."""
        if paper_subject is None or paper_subject.label != "benchmark" or not isinstance(subject, Ent) or \
                subject.label != "model" or found.names[subject.index] in found.proposed_names():
            return False
        return not any(e.label == "benchmark" for e in unit.ents)

    def _better_by(self, unit: Unit, value: Value, subject: Ent | int, found: _Found) -> None:
        """"reduces redundant computation by 51% over prefix-caching", "4.8x faster than SiT": a number
        that says by how much the subject beats a named method or model is an outperforms claim."""
        match = _BETTER_BY.match(unit.text, value.end)
        if not match:  # "a 40x acceleration in training speed compared to REPA": past the number's metric
            metric = next((e for e in unit.ents if e.label == "metric" and e.start > value.end
                           and _METRIC_GAP.fullmatch(unit.text, value.end, e.start)), None)
            match = _BETTER_BY.match(unit.text, metric.end) if metric is not None else None
        if not match or self._doubtful(unit.text, value.start) or _WORSE.search(unit.text[:match.end()]):
            return
        if re.search(r"\b(?:fewer|less|smaller)\b", match.group(0), re.IGNORECASE) and \
                _SIZE_WORDS.search(unit.text, max(0, value.start - 80), match.end()):
            return  # "requiring fewer tunable parameters, up to 75% fewer compared to LoRA": a size, not a win
        obj = next((e for e in unit.ents if e.start == match.end() and e.label in AGENTS), None)
        if obj is not None and not self.cues.class_after.match(unit.text[obj.end:]):  # not "than RAG systems built on ..."
            found.link(unit, subject, "outperforms", obj, unit.evidence("better-by", self.conf("better-by")))

    def _paired(self, unit: Unit, clusters: list[list[Value]]) -> dict[Value, tuple[str, dict[str, Ent]]]:
        """Values paired in order with a coordinated list of the same length: "on A and B ... x and y,
        respectively", "Experiments on A and B show ... (x and y) and ... (z and w)", "x and y on A and B"."""
        respectively = bool(self.cues.respectively.search(unit.text))
        out: dict[Value, tuple[str, dict[str, Ent]]] = {}
        for cluster in clusters:
            if len(cluster) < 2:
                continue
            rule = "result-respectively" if respectively else "result-list"
            for slot, labels in (("benchmark", ("benchmark",)), ("metric", ("metric",)), ("subject", AGENTS)):
                if not respectively and slot != "benchmark":
                    continue  # without "respectively" only a benchmark list is safe to pair
                group = next((g for g in _groups(unit, labels) if len(g) == len(cluster)
                              and not (slot == "subject" and _COMPARED_BEFORE.search(unit.text, 0, g[0].start))
                              and (respectively or g[-1].end <= cluster[0].start
                                   or _ON_LIST.fullmatch(unit.text, cluster[-1].end, g[0].start))), None)
                for value, ent in zip(cluster, group or ()):
                    out.setdefault(value, (rule, {}))[1][slot] = ent
        return out

    def _result_subject(self, unit: Unit, value: Value, paper_subject: PaperSubject | None,
                        found: _Found | None = None) -> Ent | int | None:
        owner = _paren_owner(unit, value.start)
        if owner is not None and owner.label in AGENTS and not self._changed(unit, owner):
            return owner  # but "improves BERTScore (+3.2%) and SBERT (+21.8%)": SBERT is what improves
        owner = _possessive_owner(unit, value)
        if owner is not None:
            return owner
        for ent in unit.ents:  # "compared to DeepSeek 18.1%", "DeepSeek R1: 66% win-rate": the name right before it
            if ent.label in AGENTS and re.fullmatch(r"\s*:?\s*", unit.text[ent.end:value.start]) and ent.end < value.start:
                return ent
        changed_by = re.search(r"\bby\s*$", unit.text[:value.start])  # "X reduces latency by 48% for Y": X's change
        for ent in unit.ents:  # "27 H100-months vs. 7 for Delethink"
            if ent.label in AGENTS and ent.start > value.end and not changed_by and \
                    re.fullmatch(r"\s+for\s+(?:the\s+)?", unit.text[value.end:ent.start]):
                return ent
        subject = self._subject_before(unit, value.start, paper_subject, cross_clauses=True, found=found)
        if subject is None and paper_subject is None and found is not None and found.previous_unit is not None:
            subject = self._named_before(unit, value, found.previous_unit)
        return subject

    def _named_before(self, unit: Unit, value: Value, previous: Unit) -> Ent | None:
        """"... the strong performance of GPT-4o-2024-08-06. On our dataset, the model achieved 96.14%": in a paper
        that proposes nothing, "the model" / "this method" is the last method or model the sentence before names
        (not one it uses: "fine-tune FinBERT using GPT-4 generated data. By this method, we achieved ...")."""
        reference = None
        for reference in _ANAPHOR.finditer(unit.text, 0, value.start):
            pass
        if reference is None or any(e.label in AGENTS and reference.end() <= e.start < value.start
                                    and not self._used(unit, e) for e in unit.ents):
            return None  # "the model achieved 96.14% accuracy with one-shot prompting, ... 74.21%" still means the model
        if re.search(r"\bour\b", unit.text[reference.end():value.start], re.IGNORECASE):
            return None  # "Combining this fine-tuned model with ..., our approach achieved 85.5%": the approach's
        named = [e for e in previous.ents if e.label in AGENTS and not self._used(previous, e)]
        named = [e for i, e in enumerate(named)  # "a Finnish BERT model (FinBERT)" is one name
                 if i + 1 == len(named) or not re.fullmatch(r"\s*\(\s*", previous.text[e.end:named[i + 1].start])]
        if len({previous.text[e.start:e.end] for e in named}) != 1:
            return None  # "three components: (1) Pindola ...; (3) a generative reasoning step": no one thing is meant
        return named[-1]

    def _used(self, unit: Unit, ent: Ent) -> bool:
        """After with/using/on ...: a means or a setting, not who the claim is about."""
        return bool(self.cues.subject_blockers.search(unit.text[max(0, ent.start - 40):ent.start]))

    def _result_benchmark(self, unit: Unit, value: Value, others: list[Value], lead: Value | None = None) -> Ent | None:
        """A benchmark the sentence ties to the number: its parenthesis owner, "x% on B" (unless another
        number stands in between: "by 21% on A and by 50% on B"), or the one benchmark named before it
        in the same clause (a list of several before it does not say which). A new "our method" subject
        does not cut the tie: "Results on B show that our approach reaches x%". A benchmark after a training
        cue counts only when the first number of the value's list follows it directly."""
        owner = _paren_owner(unit, value.start)
        if owner is not None and owner.label == "benchmark":
            return owner
        benches = [e for e in unit.ents if e.label == "benchmark"
                   and not self.cues.training_before.search(unit.text[max(0, e.start - 60):e.start])]
        later = next((e for e in benches if e.start >= value.end), None)
        if later is not None and _VALIDATED_ON.search(unit.text, 0, later.start):
            # a closing "validated on B" ties B to every number of the claim before it; "on A and B" to none
            return later if any(g == [later] for g in _groups(unit, ("benchmark",))) else None
        if later is not None and len(unit.text[value.end:later.start]) <= 120 and \
                (_prev_word(unit.text[:later.start]) in ("on", "in", "for", "across", "at", "of")
                 or (_ON_DESCRIBED.search(unit.text, value.end, later.start)
                     and not any(value.end <= v.start < later.start for v in others))
                 or _GAIN_GAP.fullmatch(unit.text, value.end, later.start)) and \
                not self.cues.clause_stop.search(unit.text[value.end:later.start]) and \
                not (self._tied_before(unit, value, benches) and any(value.end <= v.start < later.start for v in others)):
            return later
        earlier = [g for g in _groups(unit, ("benchmark",)) if g[-1].end <= value.start]
        if earlier and len(earlier[-1]) == 1 and earlier[-1][0] in benches and \
                not self._held_by_earlier(unit, earlier[-1][0], value, others) and \
                not self._new_clause(unit.text[earlier[-1][0].end:value.start],
                                     opening=bool(_OPENING.match(unit.text, 0, earlier[-1][0].start))):
            return earlier[-1][0]
        if lead is not None:  # "speeds up training on ETTh1 data by 73% and 80%": measured there, not trained on
            return next((e for e in unit.ents if e.label == "benchmark" and e not in benches and e.end <= lead.start
                         and _TIED_GAP.fullmatch(unit.text, e.end, lead.start)), None)
        return None

    def _new_clause(self, between: str, opening: bool = False) -> bool:
        """A clause break or a new "our model" subject after a comma or "and": what came before is not
        tied to what follows ("on B, and our model ..."), unlike "results on B show that our model ..." and
        an opening phrase "On B, our model ..." (`opening`: the benchmark is in the sentence's opening phrase)."""
        if self.cues.clause_stop.search(between):
            return True
        ours = self.cues.our_reference.search(between)
        return bool(ours) and bool(re.search(r"\band\b" if opening else r",|\band\b", between[:ours.start()]))

    @staticmethod
    def _held_by_earlier(unit: Unit, bench: Ent, value: Value, others: list[Value]) -> bool:
        """"a 1% gain on GSM8K and a 2-point gain in ROUGE": a benchmark written right after an earlier
        number is that number's, not the next one's."""
        return any(v.end <= bench.start and v.end < value.start and
                   (_HELD_GAP.fullmatch(unit.text, v.end, bench.start) or _GAIN_GAP.fullmatch(unit.text, v.end, bench.start))
                   for v in others)

    @staticmethod
    def _tied_before(unit: Unit, value: Value, benches: list[Ent]) -> bool:
        """A benchmark right before the number holds it: "on ProntoQA by 21.2%", "ImageNet: 85%"."""
        return any(_TIED_GAP.fullmatch(unit.text, e.end, value.start) for e in benches if e.end <= value.start)

    def _metric_after(self, unit: Unit, value: Value) -> Ent | None:
        """"77.2% accuracy", "2X reduction in latency": a metric right after the number (or after the
        parenthesis or LaTeX group the number closes: "(24.8%, p = 0.006) gains in time", "\\textbf{63.77\\%} accuracy")."""
        starts = [value.end]
        close = _CLOSING.match(unit.text, value.end)
        if close and (close.group(0) == "}" or unit.text.rfind("(", 0, value.start) > unit.text.rfind(")", 0, value.start)):
            starts.append(close.end())
        for after in starts:
            for ent in unit.ents:
                if ent.label == "metric" and ent.start >= after and _METRIC_AFTER_GAP.fullmatch(unit.text, after, ent.start):
                    return ent
        return None

    @staticmethod
    def _shared_metrics(unit: Unit, value: Value, metric: Ent | None, values: list[Value]) -> list[Ent] | None:
        """One number for a list of measures: after it ("24.8% gains in time and cost") when no other number
        follows the list, or before it with "all"/"both"/"each" ("precision, recall and F1-score ... are all
        greater than 80%") when no other number stands between."""
        if metric is None:
            return None
        group = next((g for g in _groups(unit, ("metric",)) if metric in g and len(g) > 1), None)
        if group is None:
            return None
        others = [v for v in values if v is not value]
        if metric is group[0] and group[0].start >= value.end:
            followed = any(v.start >= value.end and v.start < group[-1].end + 40 for v in others)
            return None if followed else group
        if metric is group[-1] and group[-1].end <= value.start and \
                _ALL_OF.search(unit.text, group[-1].end, value.start) and \
                not any(group[0].start <= v.start < value.start for v in others):
            return group
        return None

    @staticmethod
    def _parallel(unit: Unit, metric: Ent, value: Value) -> bool:
        """"a 99% success rate, within the simple scenarios, and >94% within complex floorplans": a bare number
        coordinated after a number and its metric, each with its own setting, shares that metric."""
        return bool(_PARALLEL_GAP.fullmatch(unit.text, metric.end, value.start)) and \
            bool(_SETTING_AFTER.match(unit.text, value.end))

    def _result_metric(self, unit: Unit, value: Value, shared: Ent | None, taken: set[int]) -> Ent | None:
        """"FID 1.73", "77.2% accuracy", else the metric named earlier in the clause unless another
        number already holds it ("a 6.35% gain in accuracy and a 3.24% drop in forgetting"; but "27 H100-months
        vs. 7" share it)."""
        metrics = [e for e in unit.ents if e.label == "metric"]
        owner = _paren_owner(unit, value.start)
        if owner is not None and owner.label == "metric":
            return owner  # "BERTScore (+3.2%)"
        for ent in metrics:  # "FID 1.73", "accuracy: 80%"
            if ent.end <= value.start and re.fullmatch(r"\s*(?:[:=]|of)?\s*", unit.text[ent.end:value.start]):
                return ent
        after = self._metric_after(unit, value) or shared
        if after is not None:
            return after
        earlier = [e for e in metrics if e.end <= value.start]
        versus = earlier and (re.fullmatch(r"\s*(?:vs\.?|versus)\s*", unit.text[earlier[-1].end:value.start])
                              or self._parallel(unit, earlier[-1], value))
        if earlier and (earlier[-1].index not in taken or versus) and not self._new_clause(unit.text[earlier[-1].end:value.start]):
            return earlier[-1]
        return None
