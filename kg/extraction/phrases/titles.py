"""Phrases a title names: what it is for ("... for Multiple Time Series Alignment"), what its opening verb
acts on ("Forecasting Communication Derailments ...") and what it is done by ("... via Regional Gradients")."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.extraction.candidates import GENERIC, add, candidates

from kg.extraction.cues import singular

from kg.extraction.phrases.base import PhraseBase



class TitlePhrases(PhraseBase):
    """Adds task and method candidates from the title: its purpose, its opening verb's object, its means."""

    def _title_tasks(self, doc: Doc) -> None:
        # "Deep Time Warping for Multiple Time Series Alignment", "A Deductive Framework for Detecting Backdoor
        # Attacks on Deep Models": what a title says the work is for is the problem it addresses, when the
        # phrase ends in a problem head or opens with a verb that states a problem.
        lowers, end_of_title = self.lowers, self.end_of_title
        for i in range(max(0, end_of_title - 2)):
            if lowers[i] in self.title_purpose:
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
            if lowers[i] not in self.title_by_words:
                continue
            start = i + 2 if lowers[i + 1] in ("the", "a", "an") else i + 1
            if lowers[start].endswith("ing") and lowers[start] not in self.cues.nominal_gerunds:
                start += 1  # "via Introducing Self-Rethinking Mechanism": a verb, then the technique
            end = start
            while end < end_of_title and end - start < 5 and self._title_word(doc[end]):
                end += 1
            if not 1 <= end - start <= 4 or end < end_of_title and not (
                    doc[end].is_punct or doc[end].is_space or lowers[end] in self.prepositions or lowers[end] in self.title_phrase_ends):
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
        if means and not (end >= end_of_title - 1 or lowers[end] in self.title_means):
            return  # "Deep Time Warping for ...": what a title opens with before its purpose is the means
        if end < end_of_title and not (doc[end].is_punct or doc[end].is_space or lowers[end] in self.prepositions
                                       or lowers[end] in self.title_phrase_ends):
            return  # the phrase goes on in lower case: not a title-case problem name
        while start < end and (self._title_rating(lowers[start]) or lowers[start].endswith(self.adverb_endings)
                               or (lowers[start].endswith("ing") and lowers[start] not in self.cues.task_gerunds
                                   and lowers[start] not in self.cues.nominal_gerunds)):
            start += 1  # "for Robust Reasoning", "Towards Evaluating LLM Reasoning", "Fully Automating Chaos
            # Engineering": how, not which problem
        head = lowers[end - 1]
        gerund = start < end and lowers[start] in self.cues.task_gerunds
        named = head in self.cues.task_heads or head in self.cues.title_task_heads or self.cues.activity(head)
        if not 2 <= end - start <= 4 or not (gerund or named) or (head in self.wide_heads and end - start < 3) \
                or any(lowers[k].endswith(self.means_modifier_endings) for k in range(start, end)):
            return  # "for Large Language Models", "for Sequence Modeling", "for LLM-Guided Planning"
        if plain and (gerund or any("-" in t.text or t.is_upper for t in doc[start:end])) \
                or singular(head) == "task":
            return  # "Solving Long-Horizon Agent Tasks": a class of tasks, not one (see _hyphen_tasks)
        if means and (lowers[start] in self.cues.nominal_gerunds or any(
                c[2] == "task" and start <= c[0] and c[1] <= end for c in candidates(doc))):
            return  # "Learning Multi-Robot Coordination through ..."; "Decentralized Time Series Classification with
            # ...": the problem is named inside, what the opening adds is a rating
        add(doc, start, end, "task", "context:title-purpose", 0.6)
