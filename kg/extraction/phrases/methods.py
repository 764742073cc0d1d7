"""Method phrases found from known techniques and lists: "masked self-attention" (a variant of a known
technique), "chain-of-thought distillation" (a known technique with a technique head), "employ look-ahead
search" (what a verb of use takes), "three components: (1) a robust term, ..." (enumerated parts)."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extraction.candidates import add, candidates
from kg.extraction.context import DESCRIPTION_STOPS, RUN_FOLLOWERS
from kg.extraction.cues import singular

from kg.extraction.phrases.base import PhraseBase

# "(1)", "(ii)", "3)": the markers of an enumerated list
ENUM_MARKER = re.compile(r"[1-9]|i{1,3}|iv|v|vi")


class MethodPhrases(PhraseBase):
    """Adds method candidates: variants and extensions of known techniques, used techniques, enumerated parts."""

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
                    or lower in stops or lower in method_stop or lower in self.prepositions or lower in self.use_verbs \
                    or lower in self.variant_stops or lower in self.cues.propose_verbs or lower in DESCRIPTION_STOPS \
                    or (start > 1 and (doc[start - 2].lower_ in self.verb_leads or doc[start - 2].lower_ in self.auxiliaries)) \
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
        if end + 1 < len(doc) and doc[end + 1].lower_ in self.clause_object_leads:
            return False  # "vision transformers indicate that", "the autoencoder transforms the state": a verb
        return after is not None and after.is_lower and after.is_alpha and after.lower_ not in self.prepositions \
            and after.lower_ not in DESCRIPTION_STOPS and after.lower_ not in RUN_FOLLOWERS \
            and not after.lower_.endswith("ed") and singular(after.lower_) not in self.technique_kinds  # "... model designed to"

    def _extended_lexicon_methods(self, doc: Doc) -> None:
        # "diffusion model decomposition", "chain-of-thought distillation": a known technique followed by
        # a technique head is a technique of its own; the known name stays an alias (entities.py).
        heads = self.cues.method_phrase_heads
        for start, end, label, extractor, _ in list(candidates(doc)):
            if extractor != "lexicon:method" or end >= len(doc) or doc[end].lower_ not in heads \
                    or doc[end].lower_ in self.part_heads or doc[end].lower_ in self.kind_heads or not doc[end].is_lower:
                continue  # not "attention mechanism", "the RL strategy"
            if end + 1 < len(doc) and doc[end + 1].is_alpha and doc[end + 1].is_lower \
                    and doc[end + 1].lower_ not in self.prepositions and doc[end + 1].lower_ not in DESCRIPTION_STOPS:
                continue  # the noun phrase goes on
            add(doc, start, end + 1, "method", "context:extended-known", 0.6)

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
                    or singular(doc[end - 1].lower_) in self.object_heads:
                continue  # not "data-driven methods", "text embeddings", "convolutional layers"
            if end < len(doc) and doc[end].is_alpha and doc[end].is_lower and doc[end].lower_ not in self.prepositions \
                    and doc[end].lower_ not in DESCRIPTION_STOPS:
                continue  # the noun phrase goes on
            add(doc, j, end, "method", "context:used-technique", 0.55)

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
                    and self.lowers[end] not in DESCRIPTION_STOPS and self.lowers[end] not in self.pronouns:
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
        return any(self.lowers[k] in self.enum_part_nouns for k in range(max(self.sentence_of[marker], colon - 7), colon))
