"""Task phrases in the abstract: "long-horizon video generation" (a task head after modifiers), "wireless
federated learning" (a learning setting studied, not applied), "the Ranking Problem", "long-horizon tasks",
"Face parsing is a fundamental task", "tasks such as table bussing and grocery shopping"."""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.tokens import Doc

from kg.extraction.candidates import add, candidates
from kg.extraction.context import DESCRIPTION_STOPS, LIST_JOINERS, PHRASE_OPENERS, RUN_FOLLOWERS
from kg.extraction.cues import singular
from kg.extraction.tokenizer import MODIFIER_SUFFIXES
from kg.extraction.phrases.base import PhraseBase

DIMENSION = re.compile(r"^[1-9]D$")  # "4D dynamic reconstruction"
# What opens a list of tasks after "task(s)": "tasks such as ...", "tasks, including ...", "two tasks: ...".
LIST_LEADS = [("such", "as"), ("including",), ("like",), (":",), ("e.g.",), ("(", "e.g.", ","), ("(", "e.g."), ("namely",)]


class TaskPhrases(PhraseBase):
    """Adds task candidates from the abstract: task heads, learning settings, problems, listed and defined tasks."""

    def _tasks(self, doc: Doc) -> None:
        heads, stop, followers = self.cues.task_heads, self.cues.task_modifier_stop, self.cues.task_followers
        for i, lower in enumerate(self.lowers):
            if lower not in heads or not self._ends_phrase(doc, i + 1, followers):
                continue
            token = doc[i]
            start = token.i
            while start > 0 and token.i - start < 3 and self._task_modifier(doc[start - 1], stop) \
                    and not (start > 1 and doc[start - 2].lower_ in self.pronouns):  # "we test maze navigation"
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
            if lower in self.quality_heads and token.i - start == 1 and self.lowers[start].endswith(self.quality_adjective_endings):
                continue  # "biological understanding", "contextual understanding": a quality, not a problem
            while token.i - start > 1 and self.lowers[start] not in ("long", "short", "systematic") and (
                    self.lowers[start] in self.quality_modifiers or self.lowers[start].startswith(self.quality_prefixes)):
                start += 1  # "real-time ICE catheter localization", "multi-turn conversational stance detection"
                field = True  # a rating, not a name part: the phrase starts after it
            if token.i - start == 1 and (self.lowers[start] in self.quality_modifiers or self.lowers[start] in self.generic_objects
                                         or self.lowers[start].startswith(self.quality_prefixes)):
                continue  # "genuine reasoning", "multi-step reasoning": how well or how, not which problem
            if any(self.lowers[k].endswith(self.means_modifier_endings) or self.lowers[k] == "driven"
                   for k in range(max(0, start - 1), token.i)):
                continue  # the means, not the problem
            if lower in self.wide_heads and token.i - start < 2:
                continue  # "sequence modeling", "language modelling": a kind of model, not a problem
            if start > 0 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
                continue  # "Retrieval-Augmented Generation": the tail of a hyphenated name
            if start < token.i and (field or start == 0 or not doc[start - 1].is_alpha or doc[start - 1].lower_ in stop
                                    or doc[start - 1].lower_ in PHRASE_OPENERS or doc[start - 1].lower_ in self.pronouns
                                    or self._verb_form(doc[start - 1]) or (start > 1 and doc[start - 2].lower_ in self.pronouns)):
                if start > 0 and self.lowers[start - 1] in self.means_words and token.i - start > 0:
                    # "... Reasoners via Difficulty Estimation": what a thing is done by is a technique
                    add(doc, start, token.i + 1, "method", "context:means-phrase", 0.6)
                else:
                    add(doc, start, token.i + 1, "task", "context:task-phrase", 0.6)

    def _ends_phrase(self, doc: Doc, i: int, followers) -> bool:
        # "mathematical reasoning tasks" ends the phrase; "reasoning steps" makes "reasoning" a modifier.
        if i >= len(doc):
            return True
        nxt = doc[i]
        return not nxt.is_alpha or nxt.lower_ in followers or not nxt.is_lower or len(nxt.text) <= 3 \
            or nxt.lower_ in self.phrase_closers \
            or nxt.lower_ in ("with", "from", "under", "while", "without", "through", "across", "using", "over", "into")

    def _rated_with(self, start: int) -> bool:
        # "safe and economical", "robust, scalable": the word before the conjunction rates the work
        return start > 1 and self.lowers[start - 1] in ("and", "or", ",") and self._title_rating(self.lowers[start - 2])

    def _learning_settings(self, doc: Doc) -> None:
        lowers = self.lowers
        if "learning" not in self.lower_set:
            return
        for i, lower in enumerate(lowers):
            if lower != "learning" or i == 0:
                continue
            base = i - 1
            if base > 0 and (lowers[base - 1], lowers[base]) in self.setting_bases:
                base -= 1
            elif (lowers[base],) not in self.setting_bases:
                continue
            title_case = all(t.is_title or not t.is_alpha for t in doc[base:i + 1])
            start = base
            while start > 0 and base - start < 3 and not (start > 1 and doc[start - 2].lower_ in self.verb_leads):
                prev = doc[start - 1]  # "we utilize reinforcement learning": a verb, not a modifier
                if prev.text.startswith("-") and prev.text[1:] in MODIFIER_SUFFIXES and start > 1 and doc[start - 2].is_alpha:
                    start -= 2  # "Model-based offline reinforcement learning"
                elif prev.lower_ in self.problem_adjectives or prev.lower_ in self.cues.task_heads:
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
            if start == base and (tuple(lowers[base:i]) not in self.bare_settings):
                continue
            before = lowers[start - 1] if start else ""
            after = lowers[i + 1] if i + 1 < len(doc) else ""
            if after == "(" and i + 4 < len(doc):  # "federated learning (FL) training"
                after = lowers[i + 4]
            if before in self.cues.usage_before and before not in ("and", "or") \
                    or (after in self.cues.usage_after and after not in self.setting_followers):
                continue  # applied: "trained via offline reinforcement learning", "an offline RL algorithm"
            if any(lowers[k] in self.means_words for k in range(max(0, start - 3), start)):
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
                if prev.lower_ in self.problem_adjectives or prev.lower_ in stop and prev.lower_ not in ("the", "this", "a", "an"):
                    start -= 1  # "the challenging ... problem": kept apart below
                elif (capital and prev.is_title and not prev.is_sent_start) \
                        or (not capital and (self._task_modifier(prev, stop)
                                             or (prev.is_title and not prev.is_sent_start and start < i))):
                    start -= 1  # "Bernoulli bandit problem"
                else:
                    break
            if start == 0 or self.lowers[start - 1] not in ("the", "this", "a", "an"):
                continue
            while start < i and (self.lowers[start] in self.problem_adjectives or self.lowers[start] in stop):
                start += 1
            if start == i or any(self.lowers[k] in self.problem_adjectives or self.lowers[k] in stop for k in range(start, i)):
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

    def _closes(self, doc: Doc, i: int) -> bool:
        # "long-horizon tasks." / "... tasks such as", not "multi-robot task allocation"
        return i >= len(doc) or doc[i].is_punct or doc[i].lower_ in DESCRIPTION_STOPS \
            or doc[i].lower_ in self.cues.task_modifier_stop or doc[i].lower_ in RUN_FOLLOWERS

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
            verb = next((k for k in range(start + 1, min(start + 9, sentence.end)) if lowers[k] in self.defining_verbs), None)
            if verb is None or not self._defines_problem(doc, verb + 1, sentence.end):
                continue
            end = verb
            if end - start > 3 and doc[end - 1].text == ")" and doc[end - 3].text == "(":
                end -= 3  # "Natural Language Inference (NLI) is ...": the acronym is found on its own
            words = doc[start:end]
            first = lowers[start]
            if not 1 <= len(words) <= 5 or first in self.subject_stops or any(not (t.is_alpha or "-" in t.text) for t in words) \
                    or any(t.lower_ in self.prepositions and t.lower_ not in ("and", "of") for t in words) \
                    or (first.endswith("ing") and first not in self.cues.task_gerunds and first not in self.cues.nominal_gerunds):
                continue  # "Removing these assumptions is a long-standing open problem"
            add(doc, start, end, "task", "context:defined-task", 0.7)

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
                    or (lower in self.issue_words and doc[k + 1].lower_ in ("problem", "problems")):
                return False  # "Domain shift is a critical problem", "a leading health problem": an issue
        return False

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
            while end > start and (self.lowers[end - 1] in self.list_item_tails or self.lowers[end - 1].endswith("ed")):
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
        return self._title_rating(lower) or lower in self.problem_adjectives \
            or (lower in self.cues.task_modifier_stop and "-" not in lower and lower.endswith(self.evaluative_endings))

    def _item_word(self, token) -> bool:
        lower = token.lower_
        return (token.is_lower or DIMENSION.match(token.text) is not None) and lower not in self.item_ends \
            and lower not in LIST_JOINERS and lower not in self.pronouns and lower not in self.phrase_closers \
            and lower not in ("the", "a", "an", "etc", "its", "their", "our", "his", "her") and (token.is_alpha or "-" in lower[1:-1])
