"""`akg_entities`: merge the finders' candidates into the final typed, non-overlapping spans.

1. A candidate inside a generic phrase ("large language models", "LLM") is dropped.
2. Each span gets one type: a lexicon's word beats the acronym's head noun, which beats
   the most confident shape or context cue. A coined name with no type yet takes the type
   of a typed name it is listed with ("on WebArena, Mind2Web and X"); strong coined names
   with no other evidence are methods; weak ones (bare ALLCAPS) are dropped.
3. Overlaps: core-type spans beat task phrases; then the longest, then the most confident.
4. One name, one type per paper; acronym and long form become each other's alias.
The result is `doc.spans["akg_entities"]`, in text order.
"""
from __future__ import annotations

from collections import defaultdict

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.extraction.candidates import GENERIC, candidates
from kg.extraction.cues import load_cues
from kg.extraction.lexicon import lexicon_names
from kg.names import normalize

SPAN_KEY = "akg_entities"
SOURCE_RANK = {"lexicon": 0, "acronym": 1, "shape": 2, "context": 3}
LIST_JOINERS = {",", "and", "or", "/", "&", ", and"}
# Title-case hyphen words ("Long-Horizon") repeat because they are adjectives, not names.
NOT_BOOSTED = {"shape:coined-hyphen-title"}
LOCAL_CUES = ("context:head-", "context:appositive", "context:named-after-head")
HEAD_WORDS = {"mechanism", "module", "scheme", "technique", "strategy"}
# Training words that, joined by "and" to a field name, show it is applied: "SFT and RL".
TRAINING_WORDS = {"sft", "fine-tuning", "finetuning", "tuning", "training", "pretraining", "pre-training", "post-training",
                  "distillation", "rl", "rlhf", "rlvr", "grpo", "ppo", "dpo", "imitation", "cloning", "optimization"}
DEFINED = {"acronym:long-form", "acronym:short-form"}  # typed by the head noun of the paper's own definition
Choice = tuple[str, str, float]  # label, extractor, confidence
# Words before a technique that point at other people's use of it, not this paper's.
OTHERS_WORDS = {"existing", "prior", "previous", "traditional", "conventional", "most", "many", "current", "other"}


def source(extractor: str) -> str:
    return extractor.split(":", 1)[0]


def choose_label(options: list[Choice]) -> Choice:
    """The label of one span, from every candidate that proposed it."""
    typed = [o for o in options if o[0]]
    lexical = [o for o in typed if source(o[1]) == "lexicon"]
    if lexical:
        votes = {o[0] for o in typed if source(o[1]) != "lexicon"}
        agreeing = [o for o in lexical if o[0] in votes]
        return (agreeing or lexical)[0]
    defined = [o for o in typed if source(o[1]) == "acronym" and o[1] != "acronym:proposed"]
    if defined:  # "Multiple Choice Question Answering (MCQA)" is a task, whatever the "-QA" shape says
        return max(defined, key=lambda o: o[2])
    if typed:
        return max(typed, key=lambda o: (o[2], -SOURCE_RANK.get(source(o[1]), len(SOURCE_RANK))))  # a new source ranks last
    return max(options, key=lambda o: o[2])


class EntityMerger:
    def __init__(self, name: str, min_untyped_confidence: float, default_label: str, cues_file: str = ""):
        self.name = name
        self.cues = load_cues(cues_file)
        self.min_untyped = min_untyped_confidence
        self.default_label = default_label

    def __call__(self, doc: Doc) -> Doc:
        options: dict[tuple[int, int], list[Choice]] = defaultdict(list)
        generic = []
        for start, end, label, extractor, confidence in candidates(doc):
            if label == GENERIC:
                generic.append((start, end))
            else:
                options[(start, end)].append((label, extractor, confidence))
        generic_tokens = {i for g0, g1 in generic for i in range(g0, g1)}
        chosen = {span: choose_label(opts) for span, opts in options.items()
                  if not generic_tokens.issuperset(range(*span))}
        # a lower-case metric phrase ending in a generic term of two words or more modifies that term ("a constant
        # learning rate"); a one-word generic quality can head a measure ("energy efficiency"), and a capitalised
        # phrase is a coined name ("Relative Attention Score")
        generic_ends = {g1: g0 for g0, g1 in generic if g1 - g0 > 1}
        chosen = {span: c for span, c in chosen.items()
                  if not (c[0] == "metric" and span[0] < generic_ends.get(span[1], span[0]) and doc[span[0]].is_lower)}
        settings = [span for span, opts in options.items() if any(o[1] == "context:learning-setting" for o in opts)]
        for span in settings:  # a learning setting not applied is the problem studied
            opts = options[span]
            if span in chosen and any(o[1] == "context:learning-setting" for o in opts) \
                    and not any(source(o[1]) == "lexicon" for o in opts):  # "inverse reinforcement learning" is a method
                chosen[span] = ("task", "context:learning-setting", max(o[2] for o in opts))
        chosen = {span: c for span, c in chosen.items()
                  if c[1] == "context:learning-setting" or self._used_if_field(doc, span)}
        chosen = self._repeated_names(doc, chosen)
        chosen = self._type_untyped(doc, chosen)
        kept = self._resolve_overlaps(chosen)
        kept = self._one_type_per_name(doc, kept)
        kept = self._other_mentions(doc, kept)
        kept = self._shortened_tasks(doc, kept)
        doc.spans[SPAN_KEY] = self._spans(doc, kept)
        return doc

    def _used_if_field(self, doc: Doc, span: tuple[int, int]) -> bool:
        """"reinforcement learning" names a field unless the text applies it ("trained via RL")."""
        if doc[span[0]:span[1]].text.lower() not in self.cues.usage_dependent_methods:
            return True
        before = doc[span[0] - 1].lower_ if span[0] > 0 else ""
        after = doc[span[1]].lower_ if span[1] < len(doc) else ""
        if before in OTHERS_WORDS or "without" in (t.lower_ for t in doc[max(0, span[0] - 3):span[0]]):
            return False  # "existing RL methods", "most RL-based methods", "without using any distillation"
        if after == "(" and span[1] + 2 < len(doc):  # "reinforcement learning (RL) training"
            after = doc[span[1] + 3].lower_ if span[1] + 3 < len(doc) else ""
        if before in ("and", "or") and after not in self.cues.usage_after:
            # "SFT and RL" applies both; "LLMs and Reinforcement Learning (RL) have shown" names two fields
            conjunct = self._conjunct_before(doc, span[0] - 1)
            return conjunct in self.cues.usage_dependent_methods or conjunct in TRAINING_WORDS
        return before in self.cues.usage_before or after in self.cues.usage_after

    @staticmethod
    def _conjunct_before(doc: Doc, joiner: int) -> str:
        # The last word before "and"/"or", skipping an acronym in brackets: "supervised fine-tuning (SFT) and".
        k = joiner - 1
        if k >= 2 and doc[k].text == ")" and doc[k - 2].text == "(":
            return doc[k - 1].lower_ if doc[k - 1].lower_ in TRAINING_WORDS else doc[k - 3].lower_ if k >= 3 else ""
        return doc[k].lower_ if k >= 0 else ""

    def _repeated_names(self, doc: Doc, chosen: dict) -> dict:
        # A name of unknown type the abstract repeats (PANEL x4) is probably what it is about.
        counts = defaultdict(int)
        for span in chosen:
            counts[doc[span[0]:span[1]].text] += 1
        described = {doc[s0:s1].text for start, end, s0, s1 in doc._.akg_definitions or ()
                     if all(t.is_lower or not t.is_alpha for t in doc[start:end])}
        untyped_definitions = {}
        for start, end, label, extractor, confidence in candidates(doc):
            if extractor == "acronym:short-form" and not label and confidence < self.min_untyped:
                counts[doc[start:end].text] = 1  # defined as something of no entity type: "signals of interest (SoI)"
                if doc[start:end].text in described:
                    untyped_definitions[doc[start:end].text] = confidence
        # "water distribution systems (WDS)": a lower-case definition says what WDS is, so its capitals alone
        # (a coined-name shape) are no evidence that it is an entity; a capitalised long form may be a coined
        # name ("Sparse Identification of Nonlinear Dynamics (SINDy)")
        return {span: (label, extractor, min(untyped_definitions.get(doc[span[0]:span[1]].text, 1.0),
                                             min(0.9, confidence + 0.1 * (counts[doc[span[0]:span[1]].text] - 1))))
                if not label and extractor not in NOT_BOOSTED and source(extractor) != "acronym"
                else (label, extractor, confidence)
                for span, (label, extractor, confidence) in chosen.items()}

    def _type_untyped(self, doc: Doc, chosen: dict) -> dict:
        spans = sorted(chosen)
        for _ in range(2):  # left-to-right and back: a list's typed member types the others
            for index, span in enumerate(spans):
                label, extractor, confidence = chosen[span]
                if label:
                    continue
                for other in (spans[index - 1] if index else None, spans[index + 1] if index + 1 < len(spans) else None):
                    if other and chosen[other][0] and chosen[other][0] != "task" and self._listed(doc, span, other):
                        chosen[span] = (chosen[other][0], extractor + "+list", confidence)
                        break
            spans.reverse()
        result = {}
        for span, (label, extractor, confidence) in chosen.items():
            if label:
                result[span] = (label, extractor, confidence)
            elif confidence >= self.min_untyped:
                result[span] = self._fallback_type(doc, span, extractor, confidence)
        return result

    def _fallback_type(self, doc: Doc, span: tuple[int, int], extractor: str, confidence: float) -> Choice:
        """A kept name no rule could type: the trained model's type for this exact span when
        akg_ner (scope "fallback") gave one, else the default type."""
        model_type = (doc._.akg_model_types or {}).get(span)
        if model_type:
            return model_type, extractor + "+model", confidence
        return self.default_label, extractor + "+default", confidence

    @staticmethod
    def _listed(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
        first, second = sorted((a, b))
        between = doc[first[1]:second[0]]
        return 0 < len(between) <= 2 and all(t.lower_ in LIST_JOINERS for t in between)

    @staticmethod
    def _resolve_overlaps(chosen: dict) -> dict:
        # Tasks yield to every other kind of span; then longest ("front-end code generation"
        # over the lexicon's "code generation"), then most confident.
        order = sorted(chosen, key=lambda s: (chosen[s][0] == "task" and chosen[s][1] != "context:learning-setting",
                                              -(s[1] - s[0]), -chosen[s][2], s[0]))
        taken: set[int] = set()
        kept = {}
        for span in order:
            tokens = range(span[0], span[1])
            if not taken.intersection(tokens):
                kept[span] = chosen[span]
                taken.update(tokens)
        return kept

    @staticmethod
    def _one_type_per_name(doc: Doc, kept: dict) -> dict:
        """A name keeps one type per paper, except where a cue next to this very mention says
        otherwise ("we propose R-HORIZON, a method" and "the R-HORIZON benchmark")."""
        def rank(choice):  # a lexicon entry, then any evidence of type, then the model's type, then the default
            guessed = 0 if choice[1].endswith("+default") else 1 if choice[1].endswith("+model") else 2
            return (source(choice[1]) == "lexicon", choice[1] in DEFINED, guessed, choice[2])

        best: dict[str, tuple[str, str, float]] = {}
        # A learning setting named as the problem anywhere ("Graph Self-Supervised Learning" in the
        # title) is a task at each of its mentions, and so is its acronym.
        settings = {normalize(doc[span[0]:span[1]].text) for span, choice in kept.items()
                    if choice[1] == "context:learning-setting"}
        if settings:
            kept = EntityMerger._settings_as_tasks(doc, kept, settings)
        for span, choice in kept.items():
            key = normalize(doc[span[0]:span[1]].text)
            if key not in best or rank(choice) > rank(best[key]):
                best[key] = choice
        result = {}
        for span, choice in kept.items():
            local = choice[1].startswith(LOCAL_CUES) and source(best[normalize(doc[span[0]:span[1]].text)][1]) != "lexicon"
            result[span] = choice if local else (best[normalize(doc[span[0]:span[1]].text)][0],) + choice[1:]
        return result

    @staticmethod
    def _settings_as_tasks(doc: Doc, kept: dict, settings: set) -> dict:
        settings -= {normalize(doc[span[0]:span[1]].text) for span, choice in kept.items()  # "we propose a ... approach"
                     if choice[1].startswith(("context:described-proposal", "context:proposed", "context:head-"))}
        for start, end in doc._.akg_proposed or ():  # "we propose Dual Prompt Personalized Federated Learning"
            settings.discard(normalize(doc[start:end].text))
        for ls, le, ss, se in doc._.akg_definitions or ():
            if any(s0 <= ls < s1 or s0 <= ss < s1 for s0, s1 in doc._.akg_proposed or ()):  # a proposed name's acronym
                settings.discard(normalize(doc[ls:le].text))
                settings.discard(normalize(doc[ss:se].text))
                continue
            if normalize(doc[ls:le].text) in settings:
                settings.add(normalize(doc[ss:se].text))
        kept = {span: ("task", "context:learning-setting", choice[2])
                if normalize(doc[span[0]:span[1]].text) in settings and source(choice[1]) != "lexicon" else choice
                for span, choice in kept.items()}
        return kept

    @staticmethod
    def _other_mentions(doc: Doc, kept: dict) -> dict:
        """Once a name is accepted anywhere ("Robix, a unified model"), each other place the
        same words occur is a mention of it too ("Robix outperforms ..."), if no span covers it."""
        orths = doc.to_array(ORTH).tolist()  # word ids: no Token objects per word
        names: dict[int, list[tuple[tuple[int, ...], Choice]]] = defaultdict(list)
        for (start, end), choice in kept.items():
            if choice[1] != "context:task-phrase" and (end - start > 1 or not doc[start].is_lower):
                names[orths[start]].append((tuple(orths[start:end]), choice))
        if not names:
            return kept
        taken = {i for start, end in kept for i in range(start, end)}
        result = dict(kept)
        for i, orth in enumerate(orths):
            for words, (label, extractor, confidence) in names.get(orth, ()):
                end = i + len(words)
                if tuple(orths[i:end]) != words or not EntityMerger._whole(doc, i, end):
                    continue
                inside = [span for span in result if span[0] < end and i < span[1]]
                if len(words) > 1 and inside and all(i <= s0 and s1 <= end and (s0, s1) != (i, end) for s0, s1 in inside):
                    # "Chain-of-Thought" in the title's "Speculative Chain-of-Thought", a name the
                    # abstract defines: the longer name accepted elsewhere is the mention here.
                    for span in inside:
                        del result[span]
                        taken.difference_update(range(*span))
                if not taken.intersection(range(i, end)):
                    result[(i, end)] = (label, extractor.split("+")[0] + "+repeat", confidence)
                    taken.update(range(i, end))
        return result

    @staticmethod
    def _whole(doc: Doc, start: int, end: int) -> bool:
        # "Robix" alone, not the first word of "Robix-2" (the tokenizer keeps such names whole).
        return not (end < len(doc) and doc[end].text[:1] == "-" and not doc[end - 1].whitespace_)

    @staticmethod
    def _shortened_tasks(doc: Doc, kept: dict) -> dict:
        # "Mastering Ultra-Long Text Generation" ... "text generation": the paper's problem is the fullest
        # name it gives; the shorter tail is that problem written short, not a second task.
        tasks = {span: tuple(t.lower_ for t in doc[span[0]:span[1]]) for span, (label, _, _) in kept.items()
                 if label == "task"}
        longer = set(tasks.values())
        shortened = {span for span, words in tasks.items()
                     if len(words) == 1 and any(len(other) > 1 and other[-1] == words[0] for other in longer)}
        return {span: choice for span, choice in kept.items() if span not in shortened}

    @staticmethod
    def _spans(doc: Doc, kept: dict) -> list[Span]:
        aliases: dict[str, set[str]] = defaultdict(set)
        for ls, le, ss, se in doc._.akg_definitions or ():
            if (ls, le) in kept and (ss, se) in kept:
                long_text, short_text = doc[ls:le].text, doc[ss:se].text
                aliases[long_text].add(short_text)
                aliases[short_text].add(long_text)
        # a known technique the paper also names on its own is another entity than its variant:
        # "the companion SSM" and "SSMs", "a corrective RAG workflow" and "RAG"
        alone = {_unplural(normalize(doc[start:end].text)) for (start, end), (_, extractor, _) in kept.items()
                 if not extractor.startswith("context:variant-of-known")}
        spans = []
        for (start, end), (label, extractor, confidence) in sorted(kept.items()):
            span = Span(doc, start, end, label=label)
            span._.akg_extractor = extractor
            span._.akg_confidence = round(confidence, 3)
            names = set(aliases.get(span.text, ()))
            if extractor.startswith("context:method-phrase") and len(span) > 1 and span[-1].lower_ in HEAD_WORDS \
                    and normalize(span[:-1].text) not in lexicon_names():
                # "attention sink mechanism" is also written "attention sink"; a "transformer module" or a
                # "recall mechanism" is not another spelling of the Transformer or of recall
                names.add(span[:-1].text)
            if extractor.startswith("context:variant-of-known") and len(span) > 1 \
                    and _unplural(normalize(span[1:].text)) not in alone:
                names.add(span[1:].text)  # "masked self-attention" is a kind of "self-attention"
            span._.akg_aliases = tuple(sorted(names))
            spans.append(span)
        return spans


def _unplural(norm: str) -> str:
    return norm[:-1] if norm.endswith("s") else norm  # the scorer ignores one final "s"


@Language.factory("akg_entities", default_config={"min_untyped_confidence": 0.7, "default_label": "method", "cues_file": ""})
def make_entities(nlp: Language, name: str, min_untyped_confidence: float, default_label: str, cues_file: str) -> EntityMerger:
    return EntityMerger(name, min_untyped_confidence, default_label, cues_file)
