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
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction.candidates import GENERIC, add, candidates
from kg.extraction.context import (DESCRIPTION_STOPS, EMPLOY_WORDS, EVAL_PREPOSITIONS, LATER_WORDS, LIST_JOINERS,
                                   PHRASE_OPENERS, RUN_FOLLOWERS, continues, read_words)
from kg.extraction.cues import is_coined, load_cues, singular, title_end
from kg.extraction.tokenizer import MODIFIER_SUFFIXES

UNIT_ACRONYM = re.compile(r"^[A-Z][A-Z0-9@-]{1,5}$")
DIMENSION = re.compile(r"^[1-9]D$")  # "4D dynamic reconstruction"
SHOT_NUMBER = re.compile(r"\d{1,2}-shot")  # "0-shot, 1-shot, and few-shot scenarios"
# "(1)", "(ii)", "3)": the markers of an enumerated list
ENUM_MARKER = re.compile(r"[1-9]|i{1,3}|iv|v|vi")
# What opens a list of tasks after "task(s)": "tasks such as ...", "tasks, including ...", "two tasks: ...".
LIST_LEADS = [("such", "as"), ("including",), ("like",), (":",), ("e.g.",), ("(", "e.g.", ","), ("(", "e.g."), ("namely",)]

class PhraseFinder:
    def __init__(self, name: str, cues_file: str):
        self.name = name
        self.cues = load_cues(cues_file)
        self.w = self.cues.phrase_words
        self.verb_leads = self.w.pronouns | {"to"}  # the word after these is a verb
        self.prepositions = PHRASE_OPENERS | EVAL_PREPOSITIONS | self.w.more_prepositions
        self.use_words = self.w.use_verbs | EMPLOY_WORDS
        self.item_ends = self.prepositions | DESCRIPTION_STOPS - LIST_JOINERS  # "door opening with unknown directions"
        self.end_of_title = 0  # of the doc being processed

    def __call__(self, doc: Doc) -> Doc:
        self.end_of_title = title_end(doc)
        words = read_words(doc, self.cues.eval_words, self.cues.number_units)
        self.lowers, self.lower_set = words.lowers, words.lower_set
        self.sentence_of, self.number_sentences = words.sentence_of, words.number_sentences
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
            while k >= 0 and lowers[k] in self.w.by_skip:
                k -= 1
            if k < 0 or lowers[k] not in self.w.share_cuts:
                continue  # (not "cutting 99% of the attention gradient flow": a setting)
            start = i + 2 + (lowers[i + 2] in self.w.np_leads)
            end = start
            while end < len(doc) and end - start < 3 and doc[end].is_lower and (doc[end].is_alpha or "-" in doc[end].text) \
                    and lowers[end] not in self.w.list_words and lowers[end] not in self.cues.task_modifier_stop:
                end += 1
            if end > start and (end == len(doc) or not (doc[end].is_alpha and doc[end].is_lower)):
                add(doc, start, end, "metric", "context:changed-share", 0.6)


    def _enumerated_parts(self, doc: Doc) -> None:
        # "a loss combining three components: (1) a robust term, (2) a frequency-domain term ...", "two minimal
        # changes: (i) variance-boosted initialization and (ii) timestep skipping": the noun phrases a counted list
        # of techniques enumerates name them (not the items of "two limitations: (1) ...", nor clauses).
        if ")" not in self.lower_set:
            return
        markers = [k for k in range(1, len(doc)) if doc[k].text == ")" and ENUM_MARKER.fullmatch(doc[k - 1].text)]
        lists = {}
        for k in markers:  # group a sentence's markers under the part noun that opens its list
            first = lists.setdefault(self.sentence_of[k], k)
            if first == k and not self._parts_announced(doc, k - 1):
                lists[self.sentence_of[k]] = -1
        for k in markers:
            if lists.get(self.sentence_of[k], -1) < 0:
                continue
            start = k + 1
            while start < len(doc) and self.lowers[start] in ("a", "an", "the", "our", "its", "their"):
                start += 1  # "(1) a robust term"
            end = start
            while end < len(doc) and end - start < 5 and (doc[end].is_alpha or "-" in doc[end].text) \
                    and not doc[end].is_punct and self.lowers[end] not in self.prepositions \
                    and self.lowers[end] not in DESCRIPTION_STOPS and self.lowers[end] not in self.w.pronouns:
                end += 1
            closed = end >= len(doc) or doc[end].is_punct or self.lowers[end] in DESCRIPTION_STOPS \
                or self.lowers[end] in self.prepositions
            first, last = self.lowers[start], self.lowers[end - 1]
            if not (2 <= end - start <= 4 and closed) or last in self.cues.proposal_generic_heads \
                    or first.endswith("ing") and "-" not in first and first not in self.cues.nominal_gerunds \
                    or last.endswith("ed") and "-" not in last \
                    or any(w.endswith("ing") and "-" not in w and w not in self.cues.nominal_gerunds
                           for w in self.lowers[start + 1:end - 1]):  # "multilayer architecture enhancing detectability"
                continue  # "(2) generating effective attacks", "(3) tokenizer based", "automated methods"
            add(doc, start, end, "method", "context:enumerated-part", 0.6)

    def _parts_announced(self, doc: Doc, marker: int) -> bool:
        # "three innovative techniques: (1)", "two minimal changes to standard generative processes: (i)"
        opening = marker - 1 if doc[marker - 1].text == "(" else marker
        colon = next((k for k in range(opening - 1, max(self.sentence_of[marker], opening - 3) - 1, -1)
                      if doc[k].text == ":"), None)
        if colon is None:
            return False
        return any(self.lowers[k] in self.w.enum_part_nouns for k in range(max(self.sentence_of[marker], colon - 7), colon))

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
                        and doc[end].lower_ not in self.w.list_words:
                    end += 1
                if end > i + 1 and (end == sentence.end or doc[end].text in (",", ".", ";", ")") or doc[end].lower_ in self.w.list_words):
                    items.append((i + 1, end))
            if len(items) >= 3 and any(start in known for start, _ in items):
                for start, end in items:
                    if start not in known:
                        add(doc, start, end, "metric", "context:percent-in-list", 0.6)

    def _used_techniques(self, doc: Doc) -> None:
        # "integrating constrained optimization into ...", "employ look-ahead search": what a verb of use
        # takes, when it ends in a technique head noun, is a technique.
        stop, method_stop = self.cues.task_modifier_stop, self.cues.method_phrase_stop
        known = None
        if self.lower_set.isdisjoint(self.use_words):
            return
        for i in [k for k, w in enumerate(self.lowers) if w in self.use_words]:
            if known is None:  # built once, only for abstracts with a verb of use
                known = {k for start, end, label, extractor, _ in candidates(doc)
                         if extractor.startswith("lexicon:") and label != "generic"  # "post-training" is no name
                         for k in range(start, end)}
            j = i + 1
            end = j
            while end < len(doc) and end - j < 3 and doc[end].is_lower and doc[end].text.replace("-", "").isalpha() \
                    and doc[end].lower_ not in stop and doc[end].lower_ not in method_stop and doc[end].lower_ not in self.prepositions:
                end += 1
            if end - j < 2 and not (end - j == 1 and "-" in doc[j].text[1:-1]) or known.intersection(range(j, end)):
                continue  # a known name ("chain-of-thought reasoning") is found on its own
            if self.cues.head_type.get(singular(doc[end - 1].text)) != "method" \
                    or singular(doc[end - 1].lower_) in self.cues.proposal_generic_heads \
                    or singular(doc[end - 1].lower_) in self.w.object_heads:
                continue  # not "data-driven methods", "text embeddings", "convolutional layers"
            if end < len(doc) and doc[end].is_alpha and doc[end].is_lower and doc[end].lower_ not in self.prepositions \
                    and doc[end].lower_ not in DESCRIPTION_STOPS:
                continue  # the noun phrase goes on
            add(doc, j, end, "method", "context:used-technique", 0.55)

    def _modified_lexicon_methods(self, doc: Doc) -> None:
        # "masked self-attention", "spherical graph neural network": a known technique with the one
        # word that makes it a variant; the known name stays an alias (entities.py).
        stops, method_stop = self.cues.task_modifier_stop, self.cues.method_phrase_stop
        for start, end, label, extractor, _ in list(candidates(doc)):
            if extractor != "lexicon:method" or start == 0 or not (doc[start].is_lower or doc[start].is_upper):
                continue  # descriptive names and acronyms ("companion SSM"), not "replace RNNs" or "safety Chain-of-Thought"
            prev = doc[start - 1]
            lower = prev.lower_
            if self._eponym(prev):
                add(doc, start - 1, end, "method", "context:variant-of-known", 0.6)  # "Gaussian noise injection"
                continue
            if not prev.is_lower or not prev.text.replace("-", "").isalpha() or lower.startswith("-") \
                    or lower in stops or lower in method_stop or lower in self.prepositions or lower in self.w.use_verbs \
                    or lower in self.w.variant_stops or lower in self.cues.propose_verbs or lower in DESCRIPTION_STOPS \
                    or (start > 1 and (doc[start - 2].lower_ in self.verb_leads or doc[start - 2].lower_ in self.w.auxiliaries)) \
                    or not (self._task_modifier(prev, stops) or lower.endswith("ed")) or self._compound_goes_on(doc, end):
                continue  # not "to optimize ICL", "has shown DPO's", "synthetic SFT data", "say RAG systems"
            if doc[start:end].text.lower() in self.cues.usage_dependent_methods:
                before = self.lowers[start - 2] if start > 1 else ""
                after = self.lowers[end] if end < len(doc) else ""
                if before not in self.cues.usage_before and after not in self.cues.usage_after:
                    continue  # "hierarchical reinforcement learning" named as a field
            add(doc, start - 1, end, "method", "context:variant-of-known", 0.6)
        self._extended_lexicon_methods(doc)

    def _compound_goes_on(self, doc: Doc, end: int) -> bool:
        # "synthetic SFT data", "the target RAG systems", "seamless RLVR integration": the modifier qualifies
        # what the known name modifies; a technique-kind noun keeps the variant ("a corrective RAG workflow")
        after = doc[end] if end < len(doc) else None
        if end + 1 < len(doc) and doc[end + 1].lower_ in self.w.clause_object_leads:
            return False  # "vision transformers indicate that", "the autoencoder transforms the state": a verb
        return after is not None and after.is_lower and after.is_alpha and after.lower_ not in self.prepositions \
            and after.lower_ not in DESCRIPTION_STOPS and after.lower_ not in RUN_FOLLOWERS \
            and not after.lower_.endswith("ed") and singular(after.lower_) not in self.w.technique_kinds  # "... model designed to"

    def _eponym(self, token) -> bool:
        # "Gaussian", "Bayesian", "Euclidean", "Hessian": an adjective from a name makes a variant of a
        # technique although it is capitalised; not at the start of a sentence or in a title-case run
        text = token.text
        return text.istitle() and text.isalpha() and text.endswith(("ian", "ean")) and len(text) > 5 \
            and not token.is_sent_start and not (token.i > 0 and token.doc[token.i - 1].is_title)

    def _extended_lexicon_methods(self, doc: Doc) -> None:
        # "diffusion model decomposition", "chain-of-thought distillation": a known technique followed by
        # a technique head is a technique of its own; the known name stays an alias (entities.py).
        heads = self.cues.method_phrase_heads
        for start, end, label, extractor, _ in list(candidates(doc)):
            if extractor != "lexicon:method" or end >= len(doc) or doc[end].lower_ not in heads \
                    or doc[end].lower_ in self.w.part_heads or doc[end].lower_ in self.w.kind_heads or not doc[end].is_lower:
                continue  # not "attention mechanism", "the RL strategy"
            if end + 1 < len(doc) and doc[end + 1].is_alpha and doc[end + 1].is_lower \
                    and doc[end + 1].lower_ not in self.prepositions and doc[end + 1].lower_ not in DESCRIPTION_STOPS:
                continue  # the noun phrase goes on
            add(doc, start, end + 1, "method", "context:extended-known", 0.6)

    def _tasks(self, doc: Doc) -> None:
        heads, stop, followers = self.cues.task_heads, self.cues.task_modifier_stop, self.cues.task_followers
        for i, lower in enumerate(self.lowers):
            if lower not in heads or not self._ends_phrase(doc, i + 1, followers):
                continue
            token = doc[i]
            start = token.i
            while start > 0 and token.i - start < 3 and self._task_modifier(doc[start - 1], stop) \
                    and not (start > 1 and doc[start - 2].lower_ in self.w.pronouns):  # "we test maze navigation"
                start -= 1
            if start == token.i and token.is_title and i >= self.end_of_title and not token.is_sent_start \
                    and not (i + 1 < len(doc) and doc[i + 1].is_title):  # not "Decomposed Rendering Representation"
                # "three tasks: Stance Detection, Temporal Classification": a capitalised task name mid-sentence
                while start > 0 and token.i - start < 3 and doc[start - 1].is_title and not doc[start - 1].is_sent_start \
                        and doc[start - 1].is_alpha and doc[start - 1].lower_ not in stop:
                    start -= 1
            rated = start < token.i - 1 and self._rated_with(start)
            if rated:
                start += 1  # "Safe and Economical UAV Trajectory Planning": a word joined to a rating rates too
            field = start < token.i - 1 and self.lowers[start] in ("learning", "intelligence")
            if field:
                start += 1  # "deep learning image classification": the field before the problem
            field = field or rated  # the phrase starts after what was dropped
            if lower in self.w.quality_heads and token.i - start == 1 and self.lowers[start].endswith(self.w.quality_adjective_endings):
                continue  # "biological understanding", "contextual understanding": a quality, not a problem
            while token.i - start > 1 and self.lowers[start] not in ("long", "short", "systematic") and (
                    self.lowers[start] in self.w.quality_modifiers or self.lowers[start].startswith(self.w.quality_prefixes)):
                start += 1  # "real-time ICE catheter localization", "multi-turn conversational stance detection"
                field = True  # a rating, not a name part: the phrase starts after it
            if token.i - start == 1 and (self.lowers[start] in self.w.quality_modifiers or self.lowers[start] in self.w.generic_objects
                                         or self.lowers[start].startswith(self.w.quality_prefixes)):
                continue  # "genuine reasoning", "multi-step reasoning": how well or how, not which problem
            if any(self.lowers[k].endswith(self.w.means_modifier_endings) or self.lowers[k] == "driven"
                   for k in range(max(0, start - 1), token.i)):
                continue  # the means, not the problem
            if lower in self.w.wide_heads and token.i - start < 2:
                continue  # "sequence modeling", "language modelling": a kind of model, not a problem
            if start > 0 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
                continue  # "Retrieval-Augmented Generation": the tail of a hyphenated name
            if start < token.i and (field or start == 0 or not doc[start - 1].is_alpha or doc[start - 1].lower_ in stop
                                    or doc[start - 1].lower_ in PHRASE_OPENERS or doc[start - 1].lower_ in self.w.pronouns
                                    or self._verb_form(doc[start - 1]) or (start > 1 and doc[start - 2].lower_ in self.w.pronouns)):
                if start > 0 and self.lowers[start - 1] in self.w.means_words and token.i - start > 0:
                    # "... Reasoners via Difficulty Estimation": what a thing is done by is a technique
                    add(doc, start, token.i + 1, "method", "context:means-phrase", 0.6)
                else:
                    add(doc, start, token.i + 1, "task", "context:task-phrase", 0.6)

    def _learning_settings(self, doc: Doc) -> None:
        lowers = self.lowers
        if "learning" not in self.lower_set:
            return
        for i, lower in enumerate(lowers):
            if lower != "learning" or i == 0:
                continue
            base = i - 1
            if base > 0 and (lowers[base - 1], lowers[base]) in self.w.setting_bases:
                base -= 1
            elif (lowers[base],) not in self.w.setting_bases:
                continue
            title_case = all(t.is_title or not t.is_alpha for t in doc[base:i + 1])
            start = base
            while start > 0 and base - start < 3 and not (start > 1 and doc[start - 2].lower_ in self.verb_leads):
                prev = doc[start - 1]  # "we utilize reinforcement learning": a verb, not a modifier
                if prev.text.startswith("-") and prev.text[1:] in MODIFIER_SUFFIXES and start > 1 and doc[start - 2].is_alpha:
                    start -= 2  # "Model-based offline reinforcement learning"
                elif prev.lower_ in self.w.problem_adjectives or prev.lower_ in self.cues.task_heads:
                    break  # "classical machine learning" is the field; "Long-form Generation RL" is RL for a task
                elif self._task_modifier(prev, self.cues.task_modifier_stop) or (
                        title_case and prev.is_title and start - 1 < self.end_of_title and not prev.lower_.endswith("ing")
                        and prev.lower_ not in self.cues.task_modifier_stop and prev.lower_ not in self.cues.task_heads
                        and prev.lower_ not in self.prepositions):
                    start -= 1
                else:
                    break
            while start < base and (lowers[start].startswith(("long-", "multi-turn", "multi-step", "short-"))
                                    or lowers[start] in ("long", "short")):
                start += 1  # "long-horizon reinforcement learning": the horizon describes tasks, not a setting
            if start == base and (tuple(lowers[base:i]) not in self.w.bare_settings):
                continue
            before = lowers[start - 1] if start else ""
            after = lowers[i + 1] if i + 1 < len(doc) else ""
            if after == "(" and i + 4 < len(doc):  # "federated learning (FL) training"
                after = lowers[i + 4]
            if before in self.cues.usage_before and before not in ("and", "or") \
                    or (after in self.cues.usage_after and after not in self.w.setting_followers):
                continue  # applied: "trained via offline reinforcement learning", "an offline RL algorithm"
            if any(lowers[k] in self.w.means_words for k in range(max(0, start - 3), start)):
                continue  # "... via Deep Neural Network-based Multi-Task Learning": the means
            add(doc, start, i + 1, "task", "context:learning-setting", 0.55)

    def _problems(self, doc: Doc) -> None:
        # "the non-stationary stochastic Bernoulli bandit problem", "the Ranking Problem": a formal problem.
        stop = self.cues.task_modifier_stop
        if "problem" not in self.lower_set:
            return
        for i, lower in enumerate(self.lowers):
            if lower != "problem" or i < 2:
                continue
            capital = doc[i].text[0].isupper()
            start = i
            while start > 0 and i - start < 6:
                prev = doc[start - 1]
                if prev.lower_ in self.w.problem_adjectives or prev.lower_ in stop and prev.lower_ not in ("the", "this", "a", "an"):
                    start -= 1  # "the challenging ... problem": kept apart below
                elif (capital and prev.is_title and not prev.is_sent_start) \
                        or (not capital and (self._task_modifier(prev, stop)
                                             or (prev.is_title and not prev.is_sent_start and start < i))):
                    start -= 1  # "Bernoulli bandit problem"
                else:
                    break
            if start == 0 or self.lowers[start - 1] not in ("the", "this", "a", "an"):
                continue
            while start < i and (self.lowers[start] in self.w.problem_adjectives or self.lowers[start] in stop):
                start += 1
            if start == i or any(self.lowers[k] in self.w.problem_adjectives or self.lowers[k] in stop for k in range(start, i)):
                continue
            # one lower-case word ("the classification problem") is a kind; a named one is capitalised in the abstract
            named = capital and start >= self.end_of_title
            if named or i - start > 1 or "-" in self.lowers[start]:
                add(doc, start, i + 1, "task", "context:problem", 0.6)

    def _hyphen_tasks(self, doc: Doc) -> None:
        # "long-horizon tasks", "long-context tasks": a problem class the paper centres on when
        # it names it twice or in its title; a single "complex tasks" is a vague phrase.
        found: dict[str, list[int]] = defaultdict(list)
        for i, lower in enumerate(self.lowers):
            if lower in ("task", "tasks") and i > 0 and self._closes(doc, i + 1):
                token, modifier = doc[i], doc[i - 1]
                if "-" in modifier.text[1:-1] and modifier.is_alpha is False and modifier.text.replace("-", "").isalpha() \
                        and modifier.lower_ not in self.cues.task_modifier_stop:
                    found[modifier.lower_].append(token.i)
        title = set(self.lowers[:self.end_of_title])
        for modifier, positions in found.items():
            # named twice, in the title, or its modifier heads the title ("... for Long-Horizon LLM Agents")
            if len(positions) > 1 or positions[0] < self.end_of_title or modifier in title:
                for i in positions:
                    add(doc, i - 1, i + 1, "task", "context:task-class", 0.6)

    def _title_tasks(self, doc: Doc) -> None:
        # "Deep Time Warping for Multiple Time Series Alignment", "A Deductive Framework for Detecting Backdoor
        # Attacks on Deep Models": what a title says the work is for is the problem it addresses, when the
        # phrase ends in a problem head or opens with a verb that states a problem.
        lowers, end_of_title = self.lowers, self.end_of_title
        for i in range(max(0, end_of_title - 2)):
            if lowers[i] in self.w.title_purpose:
                self._title_phrase(doc, i + 1)
            elif self._title_lead_gerund(doc, i):
                # "Forecasting Communication Derailments Through ...", "MobiVerse: Scaling Urban Mobility
                # Simulation with ...": what a title's opening verb acts on is the problem the work is about;
                # after a verb of improvement ("Enhancing", "Unlocking") only a plain problem name, since a
                # hyphenated or acronym modifier there qualifies a capability ("Model-Specific Alignment",
                # "Long-to-Short LLM Reasoning")
                self._title_phrase(doc, i, plain=lowers[i] not in self.cues.task_gerunds)
            elif self._title_segment_start(doc, i):
                # "Generative Data Mining with Longtail-Guided Diffusion", "Fwd2Bot: LVLM Visual Token Compression
                # with ...": an activity the title opens with and then says how it is done is the problem
                self._title_phrase(doc, i, means=True)

    def _title_means(self, doc: Doc) -> None:
        # "Pruning Large Language Models via Regional Gradients", "... Using the Treebank Translation Method":
        # the title-case phrase a title says the work is done by is its technique, when it ends in a method head.
        lowers, end_of_title = self.lowers, self.end_of_title
        generic = None
        for i in range(max(0, end_of_title - 2)):
            if lowers[i] not in self.w.title_by_words:
                continue
            start = i + 2 if lowers[i + 1] in ("the", "a", "an") else i + 1
            if lowers[start].endswith("ing") and lowers[start] not in self.cues.nominal_gerunds:
                start += 1  # "via Introducing Self-Rethinking Mechanism": a verb, then the technique
            end = start
            while end < end_of_title and end - start < 5 and self._title_word(doc[end]):
                end += 1
            if not 1 <= end - start <= 4 or end < end_of_title and not (
                    doc[end].is_punct or doc[end].is_space or lowers[end] in self.prepositions or lowers[end] in self.w.title_phrase_ends):
                continue  # the phrase goes on in lower case
            head = singular(lowers[end - 1])
            if head in self.cues.proposal_generic_heads and lowers[end - 1] != head:
                continue  # "using Deep Learning Techniques", "via Hybrid Methods": a class of techniques
            if generic is None:
                generic = {k for g0, g1, label, _, _ in candidates(doc) if label == GENERIC and g1 - g0 > 1
                           for k in range(g0, g1)}  # "Large Language Model"; not a bare "Learning", "Training"
            if generic.intersection(range(start, end)):
                continue  # "via Large Language Model Unlearning": a generic class names no technique
            if self.cues.head_type.get(head) == "method" and head not in self.cues.proposal_generic_heads \
                    or head in self.cues.method_phrase_heads or head in self.cues.kept_heads or head == "method":
                add(doc, start, end, "method", "context:title-means", 0.6)

    def _title_lead_gerund(self, doc: Doc, i: int) -> bool:
        token = doc[i]
        opens = i == 0 or doc[i - 1].text in (":", "--", "-", "—", "?")
        return opens and token.is_title and token.lower_.endswith("ing") and token.is_alpha \
            and token.lower_ not in self.cues.nominal_gerunds

    def _title_segment_start(self, doc: Doc, i: int) -> bool:
        opens = i == 0 or doc[i - 1].text in (":", "--", "—", "?")
        return opens and doc[i].text[:1].isupper() and not doc[i].text.isupper()

    def _title_phrase(self, doc: Doc, start: int, plain: bool = False, means: bool = False) -> None:
        lowers, end_of_title = self.lowers, self.end_of_title
        end = start
        while end < end_of_title and end - start < 6 and self._title_word(doc[end]):
            end += 1
        if means and not (end >= end_of_title - 1 or lowers[end] in self.w.title_means):
            return  # "Deep Time Warping for ...": what a title opens with before its purpose is the means
        if end < end_of_title and not (doc[end].is_punct or doc[end].is_space or lowers[end] in self.prepositions
                                       or lowers[end] in self.w.title_phrase_ends):
            return  # the phrase goes on in lower case: not a title-case problem name
        while start < end and (self._title_rating(lowers[start]) or lowers[start].endswith(self.w.adverb_endings)
                               or (lowers[start].endswith("ing") and lowers[start] not in self.cues.task_gerunds
                                   and lowers[start] not in self.cues.nominal_gerunds)):
            start += 1  # "for Robust Reasoning", "Towards Evaluating LLM Reasoning", "Fully Automating Chaos
            # Engineering": how, not which problem
        head = lowers[end - 1]
        gerund = start < end and lowers[start] in self.cues.task_gerunds
        named = head in self.cues.task_heads or head in self.cues.title_task_heads or self.cues.activity(head)
        if not 2 <= end - start <= 4 or not (gerund or named) or (head in self.w.wide_heads and end - start < 3) \
                or any(lowers[k].endswith(self.w.means_modifier_endings) for k in range(start, end)):
            return  # "for Large Language Models", "for Sequence Modeling", "for LLM-Guided Planning"
        if plain and (gerund or any("-" in t.text or t.is_upper for t in doc[start:end])) \
                or singular(head) == "task":
            return  # "Solving Long-Horizon Agent Tasks": a class of tasks, not one (see _hyphen_tasks)
        if means and (lowers[start] in self.cues.nominal_gerunds or any(
                c[2] == "task" and start <= c[0] and c[1] <= end for c in candidates(doc))):
            return  # "Learning Multi-Robot Coordination through ..."; "Decentralized Time Series Classification with
            # ...": the problem is named inside, what the opening adds is a rating
        add(doc, start, end, "task", "context:title-purpose", 0.6)

    def _defined_tasks(self, doc: Doc) -> None:
        # "Face parsing is a fundamental task", "Multi-Agent Pickup and Delivery (MAPD) is a fundamental problem":
        # a sentence whose subject the abstract defines as a task or problem names that problem. Not "a ...
        # challenge" (also said of diseases and phenomena), nor a subject opened by a determiner or a verb.
        lowers = self.lowers
        if self.lower_set.isdisjoint(("task", "problem")):
            return
        for sentence in doc.sents:
            start = max(sentence.start, self.end_of_title)  # the first sentence may run on from the title
            while start < sentence.end and doc[start].is_space:
                start += 1
            if start >= sentence.end:
                continue
            verb = next((k for k in range(start + 1, min(start + 9, sentence.end)) if lowers[k] in self.w.defining_verbs), None)
            if verb is None or not self._defines_problem(doc, verb + 1, sentence.end):
                continue
            end = verb
            if end - start > 3 and doc[end - 1].text == ")" and doc[end - 3].text == "(":
                end -= 3  # "Natural Language Inference (NLI) is ...": the acronym is found on its own
            words = doc[start:end]
            first = lowers[start]
            if not 1 <= len(words) <= 5 or first in self.w.subject_stops or any(not (t.is_alpha or "-" in t.text) for t in words) \
                    or any(t.lower_ in self.prepositions and t.lower_ not in ("and", "of") for t in words) \
                    or (first.endswith("ing") and first not in self.cues.task_gerunds and first not in self.cues.nominal_gerunds):
                continue  # "Removing these assumptions is a long-standing open problem"
            add(doc, start, end, "task", "context:defined-task", 0.7)

    def _listed_tasks(self, doc: Doc) -> None:
        # "tasks such as table bussing, grocery shopping, and dietary filtering", "two tasks: function
        # composition, ...": what the text lists as its tasks names them, whatever their head word.
        if self.lower_set.isdisjoint(("task", "tasks")):
            return
        lowers = self.lowers
        for i, lower in enumerate(lowers):
            if lower not in ("task", "tasks"):
                continue
            k = i + 1
            if k < len(doc) and lowers[k] == ",":
                k += 1
            lead = next((len(words) for words in LIST_LEADS if tuple(lowers[k:k + len(words)]) == words), 0)
            if not lead:
                continue
            k += lead
            taken = {j for start, end, label, _, _ in candidates(doc) if label not in ("task", "generic")
                     for j in range(start, end)}
            tasks = [(c[0], c[1]) for c in candidates(doc) if c[2] == "task"]
            for start, end in self._list_items(doc, k):
                if not taken.intersection(range(start, end)) and self._names_activity(doc, start, end) \
                        and not self._wraps_task(start, end, tasks):
                    add(doc, start, end, "task", "context:listed-task", 0.6)

    def _wraps_task(self, start: int, end: int, tasks: list[tuple[int, int]]) -> bool:
        # "image generation consistency", "composing legal reasoning": an item that goes on past a task, or a verb
        # acting on one, is about that task, which is found on its own; "missing value imputation" extends it
        first = self.lowers[start]
        verb = first.endswith("ing") and first not in self.cues.nominal_gerunds
        return any(start <= s and e <= end and (e < end or (verb and s > start)) for s, e in tasks)

    def _list_items(self, doc: Doc, k: int) -> list[tuple[int, int]]:
        # Lower-case items of one to four words: "A, B(,) and C". An item may go on with a prepositional phrase
        # ("door opening with unknown directions"); anything else after it ("pixel-level annotations are ...")
        # means it was no item. The item after "and"/"or" is the last; without one, what follows the first
        # item's comma is a clause ("conversational agents, showcasing its potential"), not a list.
        sentence_end = doc[k].sent.end if k < len(doc) else k
        items, last = [], False
        while k < sentence_end:
            start = k
            while k < sentence_end and k - start < 5 and self._item_word(doc[k]):
                k += 1
            end = k
            while end > start and (self.lowers[end - 1] in self.w.list_item_tails or self.lowers[end - 1].endswith("ed")):
                end -= 1  # "button-searching scenarios", "answering queries related (to)"
            after = self.lowers[k] if k < sentence_end else "."
            if not 1 <= end - start <= 4 or k - start > 4 or self.lowers[start].endswith("ed") \
                    or not (after in LIST_JOINERS or after in (".", ";", ")") or after in self.item_ends):
                break  # "considered by Peng", "pixel-level annotations are": the list has ended
            first = start
            while first < end - 1 and self._item_rating(self.lowers[first]):
                first += 1  # "precise retrieval": a rating, not part of the name
            items.append((first, end))
            while k < sentence_end and self.lowers[k] not in LIST_JOINERS and self.lowers[k] not in (".", ";", ")"):
                k += 1  # past "with unknown directions"
            if last or k >= sentence_end or self.lowers[k] in (".", ";", ")"):
                break
            while k < sentence_end and self.lowers[k] in LIST_JOINERS:
                last = last or self.lowers[k] in ("and", "or")
                k += 1
        return items if last else items[:1]

    def _names_activity(self, doc: Doc, start: int, end: int) -> bool:
        # "table bussing", "de-identification", "reading license plates": an activity named by what it works
        # on; not one bare word ("classification", "safety": a kind or a quality) nor a thing ("raw materials")
        first, last = self.lowers[start], self.lowers[end - 1]
        if end - start == 1:
            return "-" in first[1:-1] and first.replace("-", "").isalpha()
        gerund = first.endswith("ing") and first not in self.cues.nominal_gerunds
        plural = last.endswith("s") and not last.endswith(("ss", "sis", "ics", "us")) and singular(last) != "problem"
        return gerund or not plural

    def _item_rating(self, lower: str) -> bool:
        # a rating of the title kind, or an evaluative adjective of the stop words ("precise", "effective");
        # not a noun there ("key", "user") nor a setting ("few-shot semantic segmentation" is the gold's name)
        return self._title_rating(lower) or lower in self.w.problem_adjectives \
            or (lower in self.cues.task_modifier_stop and "-" not in lower and lower.endswith(self.w.evaluative_endings))

    def _item_word(self, token) -> bool:
        lower = token.lower_
        return (token.is_lower or DIMENSION.match(token.text) is not None) and lower not in self.item_ends \
            and lower not in LIST_JOINERS and lower not in self.w.pronouns and lower not in self.w.phrase_closers \
            and lower not in ("the", "a", "an", "etc", "its", "their", "our", "his", "her") and (token.is_alpha or "-" in lower[1:-1])

    def _defines_problem(self, doc: Doc, i: int, end: int) -> bool:
        # "a fundamental task", "an essential problem", "one of the core tasks", "a mixed integer programming problem"
        if i < end and doc[i].lower_ in ("a", "an"):
            i += 1
        elif i + 2 < end and [t.lower_ for t in doc[i:i + 3]] == ["one", "of", "the"]:
            i += 3
        else:
            return False
        for k in range(i, min(i + 5, end)):
            lower = doc[k].lower_
            if lower in ("task", "tasks", "problem", "problems"):
                return k + 1 >= end or doc[k + 1].lower_ not in ("of", "for", "that", "which")
            if not (doc[k].is_alpha or "-" in doc[k].text) or not doc[k].is_lower \
                    or (lower in self.w.issue_words and doc[k + 1].lower_ in ("problem", "problems")):
                return False  # "Domain shift is a critical problem", "a leading health problem": an issue
        return False

    def _rated_with(self, start: int) -> bool:
        # "safe and economical", "robust, scalable": the word before the conjunction rates the work
        return start > 1 and self.lowers[start - 1] in ("and", "or", ",") and self._title_rating(self.lowers[start - 2])

    def _title_rating(self, lower: str) -> bool:
        # "Efficient", "Memory-Efficient", "Multi-step", "Large-Scale": a rating of the work, not a name part
        return lower in self.w.quality_modifiers or lower in self.w.title_ratings or lower.startswith(self.w.quality_prefixes) \
            or lower.endswith(("-efficient", "-effective", "-scale", "-aware"))

    def _title_word(self, token) -> bool:
        # "Multiple", "Time-Series", "3D", "DNA": a word of a title-case phrase, not a lower-case function word
        text = token.text
        return (text[:1].isupper() or (text[:1].isdigit() and any(c.isalpha() for c in text))) \
            and token.lower_ not in self.prepositions and token.lower_ not in ("and", "or", "the", "a", "an")

    def _phrases(self, doc: Doc) -> None:
        """"training time", "completion rate" in a sentence with a number: metrics;
        "rollback mechanism", "thought switching penalty": methods."""
        lowers, sentence_of = self.lowers, self.sentence_of
        metric_heads, method_heads = self.cues.metric_heads, self.cues.method_phrase_heads
        for i, lower in enumerate(lowers):
            if lower == "%" and i + 1 < len(doc) and UNIT_ACRONYM.match(doc[i + 1].text):
                add(doc, i + 1, i + 2, "metric", "context:percent-acronym", 0.7)  # "+4.68% SR"
            elif (lower in self.w.shot_settings or SHOT_NUMBER.fullmatch(lower)) and i + 1 < len(doc) and lowers[i + 1] in self.w.shot_followers:
                add(doc, i, i + 1, "method", "context:shot-setting", 0.6)  # "in zero-shot and few-shot settings"
            elif lower == "by" and self._by_number(doc, i + 1):
                self._changed_quantity(doc, i)
            elif lower == "number" and i + 2 < len(doc) and lowers[i + 1] == "of":
                self._number_of(doc, i)
            elif lower == "precision" and i > 0 and (lowers[i - 1] in self.w.number_formats or lowers[i - 1].endswith("-bit")):
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
                        and not (lower in ("error", "errors") and i > 0 and lowers[i - 1] in self.w.mistake_verbs) \
                        and not (lower in ("length", "lengths") and i > 0 and lowers[i - 1] in self.w.input_sizes):
                    # not "time series", "inference time scaling"
                    self._phrase(doc, i, "metric", "context:metric-phrase", 0.6, self.cues.task_modifier_stop, 2)
            elif lower in method_heads and not (i + 1 < len(doc) and lowers[i + 1] in self.w.head_continuers) \
                    and not (lower in self.w.kind_heads and i > 0 and lowers[i - 1] in self.w.generic_processes):
                self._phrase(doc, i, "method", "context:method-phrase", 0.6, self.cues.method_phrase_stop, 3)
            elif lower in self.w.training_heads and i > 1 and ("-" in lowers[i - 1][1:]
                                                        or ("-" in lowers[i - 2][1:] and doc[i - 1].is_lower)
                                                        or (lowers[i - 2][:1] == "-" and lowers[i - 2][1:] in self.w.naming_suffixes
                                                            and doc[i - 1].is_lower)):  # "location-aware repair learning"
                # "self-debug learning", "step-wise reinforcement learning": a named way of training
                self._phrase(doc, i, "method", "context:training-phrase", 0.6, self.cues.method_phrase_stop, 3)

    def _named_by_metrics(self, doc: Doc, head: int) -> None:
        # "group fairness metrics", "topic diversity metrics": two lower-case nouns before "metrics"
        # name a measure, unless they only say what kind ("standard evaluation metrics").
        start = head - 2
        if start < 0 or (start > 0 and doc[start - 1].like_num):  # "17 forecast metrics" counts metrics
            return
        first, last = doc[start], doc[head - 1]
        if not all(t.is_lower and (t.is_alpha or "-" in t.text[1:-1]) for t in (first, last)) \
                or last.lower_.endswith(self.w.adjective_endings) or last.lower_ in self.w.generic_metric_kinds \
                or last.lower_ in self.cues.task_heads or first.lower_ in self.w.number_words or last.lower_ in self.w.number_words \
                or first.lower_ in LATER_WORDS or self.sentence_of[head] not in self.number_sentences \
                or any(t.lower_.endswith("s") and not t.lower_.endswith("ss") for t in (first, last)) \
                or (first.lower_.endswith(("ing", "ed", "ly")) and first.lower_ not in self.cues.nominal_gerunds) \
                or any(t.lower_ in self.w.generic_metric_kinds or t.lower_ in self.w.metric_verbs or t.lower_ in PHRASE_OPENERS
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
            if lower in self.w.change_object_verbs:
                return words > 0 or head - i == 1 or self.lowers[i + 1] in self.w.np_leads
            if lower in ("and", "or", ",") or lower in self.w.np_leads:
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
        return any(t.lower_ in self.w.trade_words and doc[t.i + 1].lower_ == "off" for t in doc[max(0, head - 4):head - 1])

    def _measured(self, doc: Doc, head: int) -> bool:
        # "by measuring token efficiency", "metrics such as rental cost": measured without a number;
        # "higher energy efficiency", "the convergence speed ... is lower than": compared;
        # "trading off X for Y": traded against another measure
        return any(t.lower_ in self.w.measure_words for t in doc[max(0, head - 4):head]) \
            or self._traded(doc, head) \
            or (head > 1 and doc[head - 2].lower_ in self.w.comparatives and doc[head - 1].is_lower) \
            or any(t.lower_ in self.w.comparatives and doc[t.i - 1].lower_ in ("is", "are", "was", "were")
                   for t in doc[head + 1:min(len(doc), head + 8)] if t.i > 0)

    def _by_number(self, doc: Doc, i: int) -> bool:
        while i < len(doc) and doc[i].lower_ in self.w.by_skip:
            i += 1
        return i < len(doc) and (doc[i].like_num or doc[i].text[:1].isdigit())

    def _changed_quantity(self, doc: Doc, by: int) -> None:
        # "improve policy success by 44.7%", "reduces redundant computation by 51%": the noun
        # phrase between a verb of change and "by <number>" is what was measured; "improves the training
        # efficiency of reasoning LLMs by up to 2.5x": the phrase before what it is measured of.
        stop = self.cues.task_modifier_stop
        of = next((k for k in range(by - 2, max(0, by - 5), -1) if doc[k].lower_ == "of"), None)
        if of is not None and doc[of - 1].lower_ not in self.w.quantity_nouns and all(t.is_alpha or "-" in t.text for t in doc[of + 1:by]):
            by = of  # (not "the number of CNOT gates", "the length of CoT sequences": the measure is the whole phrase)
        start = by
        while start > 0 and by - start < 3 and doc[start - 1].is_lower and (doc[start - 1].is_alpha or "-" in doc[start - 1].text) \
                and doc[start - 1].lower_ not in stop and doc[start - 1].lower_ not in self.cues.change_verbs:
            start -= 1
        verb = start - 1
        if verb >= 0 and doc[verb].lower_ in self.w.np_leads:
            verb -= 1
        if start < by and verb >= 0 and doc[verb].lower_ in self.cues.change_verbs:
            add(doc, start, by, "metric", "context:changed-by", 0.65)

    def _phrase(self, doc: Doc, head: int, label: str, extractor: str, confidence: float, stop, limit: int) -> None:
        start = head
        while start > 0 and head - start < limit:
            prev = doc[start - 1]
            if prev.text.startswith("-") and prev.text[1:] in MODIFIER_SUFFIXES and start > 1 and doc[start - 2].is_alpha \
                    and doc[start - 2].lower_ + prev.lower_ not in stop:  # not "human-level accuracy"
                start -= 2  # "frame-level action conditioning": "frame" "-level" is one modifier
                continue
            gerund = label == "method" and prev.is_lower and prev.lower_.endswith("ing") and prev.lower_ not in self.w.gerund_stops
            gerund = gerund or (label == "method" and self._eponym(prev))  # "Gaussian noise injection"
            lead = doc[start - 2].lower_ if start > 1 else ""
            if gerund and prev.lower_.endswith("ing") and lead in self.w.gerund_clause_leads:
                break  # "by introducing random labeling loss": the gerund is the verb of a clause
            if label == "metric" and lead == "that" and start > 2 and doc[start - 3].lower_ in self.w.report_verbs:
                lead = ""  # "confirms that classification accuracy ...": "that" is a conjunction
            if label == "metric" and prev.lower_.endswith("ing") and lead not in self.verb_leads \
                    and (prev.lower_ in self.cues.task_heads or self.cues.head_type.get(prev.lower_) == "task"):
                gerund = True  # "clustering accuracy", "answering accuracy": the activity measured
            if label == "metric" and self._names_benchmark(doc, start - 1):
                break  # "boosts MATH accuracy": the benchmark the accuracy is on, not a kind of accuracy
            if label == "metric" and (prev.lower_ in self.w.metric_verbs or prev.lower_ == "off"):  # "trading off
                break
            if prev.lower_ in self.cues.technical_adjectives and any(is_coined(t) for t in doc[start:head]):
                break  # "adaptive DP-SPIDER estimator": the adjective describes the named estimator, it is no part of its name
            if prev.lower_ in stop or not (gerund or self._task_modifier(prev, self.cues.task_modifier_stop)) \
                    or prev.lower_ in self.cues.propose_verbs or prev.lower_ in self.cues.task_modifier_stop \
                    or lead in self.verb_leads or prev.lower_ in self.w.use_verbs:  # "we determine optimal loss"
                break
            start -= 1
        if doc[head].lower_ in self.w.kind_heads and head - start < 2:
            return  # "an aggregation strategy", "a stepwise strategy": one word makes a kind, not a name
        if doc[head].lower_ in self.w.part_heads and head - start == 1 and (doc[start].is_lower or self._eponym(doc[start])) \
                and "-" not in doc[start].text \
                and not (start > 0 and doc[start - 1].lower_ in stop and doc[start - 1].lower_ not in self.w.function_words
                         and doc[start - 1].lower_ not in self.cues.proposal_adjectives):  # not "a novel learning scheme"
            return  # "a memory mechanism", "the global loss"; but "an explicit rollback mechanism"
        if label == "method" and self._classifies(doc, start):
            return  # "SAAP is an asymmetrical indexing technique": says what kind a named thing is
        if start < head and not (doc[head].is_title and head < self.end_of_title):
            add(doc, start, head + 1, label, extractor, confidence)

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
        if before.lower_ in self.w.classifying_leads:
            return True
        name = doc[i - 2] if i > 1 else before  # "Additionally, a ...": an opening adverb is no name
        return before.text == "," and ((name.text[:1].isupper() and not name.is_sent_start) or name.text == ")")

    def _verb_form(self, token) -> bool:
        # "Evolving Panoramic World Generation", "we explore personalized ...": a verb form ends the phrase
        lower = token.lower_
        return lower.endswith(("ing", "ed")) and lower not in self.cues.nominal_gerunds

    def _closes(self, doc: Doc, i: int) -> bool:
        # "long-horizon tasks." / "... tasks such as", not "multi-robot task allocation"
        return i >= len(doc) or doc[i].is_punct or doc[i].lower_ in DESCRIPTION_STOPS \
            or doc[i].lower_ in self.cues.task_modifier_stop or doc[i].lower_ in RUN_FOLLOWERS

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

    def _ends_phrase(self, doc: Doc, i: int, followers) -> bool:
        # "mathematical reasoning tasks" ends the phrase; "reasoning steps" makes "reasoning" a modifier.
        if i >= len(doc):
            return True
        nxt = doc[i]
        return not nxt.is_alpha or nxt.lower_ in followers or not nxt.is_lower or len(nxt.text) <= 3 \
            or nxt.lower_ in self.w.phrase_closers \
            or nxt.lower_ in ("with", "from", "under", "while", "without", "through", "across", "using", "over", "into")


@Language.factory("akg_phrases", default_config={"cues_file": ""})
def make_phrases(nlp: Language, name: str, cues_file: str) -> PhraseFinder:
    return PhraseFinder(name, cues_file)
