"""Roles: what the paper proposes (named and descriptive contributions, their parts) and the default
role each entity type implies; also the paper's one named proposal, the subject of "our method"."""
from __future__ import annotations

import re

from kg.names import normalize

from .units import (AGENTS, _FUNCTION_WORDS, Ent, PaperSubject, Rules, Unit, _Found, _has_any,
                    _is_paren_alias, _prev_word, _words)

_SHORT_ARTICLE_GAP = re.compile(r"\s*(?:a|an|the)\s+(?:(?:novel|new|simple|unified|general)\s+)?", re.IGNORECASE)
_ITEM_START = re.compile(r"(?:\(?(?:\d|[ivx]+)\)|[,;]\s*(?:and\s+)?(?:\(?(?:\d|[ivx]+)\)\s*)?)\s*$")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# rules that find a part of the paper's contribution, or a thing it uses, rather than the contribution itself
_PART_RULES = frozenset({"enumerated", "component", "component-means", "named-part", "we-adopt", "new-measure",
                         "trained-on-ours", "our-coined"})


def _count(phrase: str) -> int:
    word = phrase.split()[0].lower()
    return int(word) if word.isdigit() else _COUNTS.get(word, 6)


def _later_items(unit: Unit, first: Ent, limit: int) -> list[Ent]:
    """The other items of "two categories: X, which ..., and Y, which ...", "(1) X ... (2) Y": mentions
    of the first item's type that open an item, as many as the count announced."""
    items = []
    for ent in unit.ents:
        if len(items) >= limit:
            break
        if ent.start > first.end and ent.label == first.label and _ITEM_START.search(unit.text, 0, ent.start):
            items.append(ent)
    return items


def _named(form: str) -> bool:
    """A name rather than a descriptive phrase: it has a capital letter or a digit ("ACE-RL", "Qwen2.5")."""
    return any(c.isupper() or c.isdigit() for c in form)


# "two tasks: function composition, considered by Peng et al., and ...": an item credited to others is not the paper's
_PRIOR_BY = re.compile(r"\s*,?\s*(?:first\s+|previously\s+|originally\s+)?(?:considered|introduced|proposed|studied|defined|"
                       r"posed|described)\s+(?:by|in)\b", re.IGNORECASE)
_PRIOR_WORK = re.compile(r"^[^.;]{0,80}\b(?:prior|previous|earlier|existing|recent)\s+(?:work|studies|research|literature)",
                         re.IGNORECASE)
_PARTICIPLE_CLAUSE = re.compile(r"\s+[a-z]{3,}(?:ing|ed)\s+(?:of|with|by|from|in|on|over|across|more|the|a|an|\d)\b")
# a title that opens on the thing it describes: "A physics-informed Bayesian optimization method for ..."
_TITLE_ARTICLE = re.compile(r"\s*(?:Towards\s+)?(?:A|An)\s+(?:(?:Novel|New|novel|new)\s+)?")
# "this study utilizes the comprehensive Chinese safety benchmark CHiSafetyBench": a rating of what is used, not a new kind
_USED_THE = re.compile(r"\b(?:us(?:e|es|ed|ing)|utili[sz](?:e|es|ed|ing)|employ(?:s|ed|ing)?|adopt(?:s|ed|ing)?|"
                       r"leverag(?:e|es|ed|ing)|evaluat(?:e|es|ed|ing)\s+on)\s+the\s+$", re.IGNORECASE)


def _paper_subject(group: tuple[int, set[str], set[int]], types: dict[int, str]) -> PaperSubject:
    index, forms, _ = group
    label = types.get(index, "method")
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if f)
    return PaperSubject(index, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), label)


def _named_before_as_background(found: _Found, ent: Ent) -> bool:
    """An earlier mention of the same name in a sentence without "we"/"our": "Positional embeddings (PE) play a
    crucial role ... Our PE improves ..." (but "we learn ... an intra-category convolution (IntraNet). Our IntraNet")."""
    for i in range(ent.index):
        if found.names[i] == found.names[ent.index]:
            sentence = found.spans[i].sent.text if found.spans else ""
            if not re.search(r"\b(?:we|our)\b", sentence, re.IGNORECASE):
                return True
    return False


def _known(found: _Found, ent: Ent) -> bool:
    """The mention comes from a lexicon: an established name, not the paper's own."""
    return bool(found.spans) and found.spans[ent.index]._.akg_extractor.startswith("lexicon")


_MEANS_BEFORE = re.compile(r"\b(?:(?:through|via)\s+(?:a\s+|an\s+|the\s+)?|(?:with|using)\s+(?:a|an)\s+)$", re.IGNORECASE)
_OPENING_ARTICLE = re.compile(r"\s*(?:the\s+)?", re.IGNORECASE)
_DESCRIPTIVE = re.compile(r"[a-z][a-z-]*-[a-z]+(?:\s+[a-z][a-z-]*)+")  # "frame-level action conditioning"
_COINED = re.compile(r"[A-Z0-9]")  # past the first letter of a multi-word name: "Dual-LLM Sampling", not "Topology optimization"
_WITH_GAP = re.compile(r"\s+with\s+(?:a\s+|an\s+)?", re.IGNORECASE)
_GERUND_PHRASE = re.compile(r"[a-z]+ing\s+[a-z]")  # "isolating execution ...", not "self-debug learning"
_A_NOVEL = re.compile(r"\b(?:a|an)\s+novel\s+$", re.IGNORECASE)
_PARTS_COLON = re.compile(r"\b(?:agents|modules|components|stages|mechanisms|strategies|losses|parts|steps|phases|"
                          r"techniques|innovations|designs)\s*(?:\([^()]{0,30}\)\s*)?:", re.IGNORECASE)
_LIST_ITEM_GAP = re.compile(r"\s*(?:(?:\(?\s*(?:\d|[ivx]+|[a-e])\s*[).]|\(\s*(?:\d|[ivx]+|[a-e])\s*\))\s*)?"
                            r"(?:(?:,|;)\s*)?(?:and\s+)?(?:(?:\(?\s*(?:\d|[ivx]+|[a-e])\s*\))\s*)?(?:the\s+|a\s+|an\s+)?")
_ITEM_END = re.compile(r"\s*(?:[,;:.()]|and\b|or\b|$)")
_NUMBERED_ITEM = re.compile(r"[;,]\s*(?:and\s+)?\(?\s*(?:\d|[ivx]+)\s*\)\s*(?:the\s+|a\s+|an\s+)?$")
_PAREN_ITEM = re.compile(r"[^,;:()]{3,80}\(\s*$")


def _named_items(unit: Unit, pos: int, limit: int) -> list[Ent]:
    """Items of a list after a colon, each described and then named in parentheses: the names, when
    every one of the `limit` items has one."""
    items, at = [], pos
    for ent in unit.ents:
        if ent.start < at:
            continue
        if len(items) == limit:
            break
        piece = unit.text[at:ent.start]
        if not (_PAREN_ITEM.match(re.sub(r"^\s*[,;]?\s*(?:and\s+)?", "", piece))
                and unit.text[ent.end:ent.end + 1] == ")"):
            return []
        items.append(ent)
        at = ent.end + 1
    return items if len(items) == limit else []


class RoleRules(Rules):
    """proposes, the paper subject and the default roles."""

    def find_proposed(self, unit: Unit, found: _Found) -> None:
        cues, text = self.cues, unit.text
        # a whole-sentence search with a large alternation costs more than a few substring tests
        proposing = False
        for match in cues.propose.finditer(text) if _has_any(text, cues.propose_hints) else ():
            proposing = True
            first = self._first_contribution(unit, match.end(), tasks=True) or \
                self._title_topic(unit, match.end(), found) or self._named_kind(unit, match.end(), found)
            if first is not None:
                self._propose(unit, found, first, "we-propose", coordinated=True)
                self._propose_and_also(unit, found, first)
        if not proposing and _has_any(text, cues.propose_hints) and re.search(r"\bwe\b", text, re.IGNORECASE):
            for match in cues.propose_and.finditer(text):  # "We adopt ... and introduce X": the same "we"
                if re.search(r"\bwe\b", text[:match.start()], re.IGNORECASE) and ";" not in text[:match.start()]:
                    first = self._first_contribution(unit, match.end())
                    if first is not None:
                        proposing = True
                        self._propose(unit, found, first, "we-propose", coordinated=True)
        if proposing:
            self._find_new_measure(unit, found)
            for match in cues.plural_parts.finditer(text):
                head = match.group(2).lower()
                found.part_kinds.add(f"{match.group(1).lower()} {head[:-3] + 'y' if head.endswith('ies') else head[:-1]}")
        if cues.we_context.search(text):
            for match in cues.enumerated.finditer(text):  # "two new metrics: (1) depth distance, ... (2) ..."
                if _prev_word(text[:match.start()]) in ("on", "in", "across", "over", "under") or \
                        cues.used_list_before.search(text, 0, match.start()):
                    continue  # "experiments on two splits: ...", "we evaluate six metrics: ..." are used, not made
                first = next((e for e in unit.ents if 0 <= e.start - match.end() <= 6), None)
                if first is not None:  # a lexicon name in the list is an established technique the paper uses
                    items = [first] + _later_items(unit, first, _count(match.group(0)) - 1)
                    for item in [i for i in items if not _known(found, i) and not _PRIOR_BY.match(text, i.end)]:
                        self._propose(unit, found, item, "enumerated", coordinated=item is first)
                else:  # "three challenges: tracking evolving values (PG-Follow), anticipating ... (PG-Predict), ..."
                    for item in _named_items(unit, match.end(), _count(match.group(0))):
                        self._propose(unit, found, item, "enumerated")
        adopting = None  # whether the unit has an adoption verb, tested once when first needed
        for ent in unit.ents:
            if ent.label == "task":
                continue
            before, after = text[max(0, ent.start - 100):ent.start], text[ent.end:ent.end + 100]
            if cues.appositive.match(after):
                self._propose(unit, found, ent, "appositive-novel")
            elif cues.naming_before.search(before[-40:]) and cues.we_context.search(text):
                self._propose(unit, found, ent, "called", coordinated=True)
            elif cues.our_named.search(before[-60:]):
                if ent.text.endswith(".") or not re.match(r"\s[A-Z][a-z]", after):  # "our new ImageNet-ES Diverse": a longer name goes on
                    self._propose(unit, found, ent, "our-named")
            elif cues.our_bare.search(before[-20:]) and ent.label in AGENTS + ("benchmark",) and \
                    (" " not in ent.text or _COINED.search(ent.text[1:])) and \
                    not _named_before_as_background(found, ent) and not _known(found, ent):
                # "our ChiseLLM-7B and ChiseLLM-32B models", "Our RadEx transformation" (first named so): the paper's
                # own, a part of its contribution (not "our PE" after "Positional embeddings (PE)")
                self._propose(unit, found, ent, "our-coined", coordinated=True)
            elif _A_NOVEL.search(before[-12:]) and " " in ent.text and cues.head_word.fullmatch(ent.text.split()[-1]) \
                    and re.search(r"\b(?:we|our)\b", text, re.IGNORECASE) and not _known(found, ent):
                self._propose(unit, found, ent, "new-kind")  # "our defense optimizes a novel dual-purpose token-level loss"
            elif cues.by_introducing.search(before[-50:]) and re.search(r"\bwe\b", text[:ent.start], re.IGNORECASE) \
                    and not _known(found, ent):
                self._propose(unit, found, ent, "we-propose")
            elif (kind := cues.new_kind.search(before[-90:])) and not _USED_THE.search(before[-90:][:kind.start() + 4]):
                self._propose(unit, found, ent, "new-kind", coordinated=True)
            elif cues.passive_proposed.match(after) and (re.search(r"\b(?:a|an)\s+(?:novel\s+|new\s+)?$", before, re.I) or (
                    # "the super-network progressive shrinking (SNPS) algorithm is developed": a new name (not "The GRPO
                    # objective is introduced in prior work")
                    re.search(r"\bthe\s+$", before, re.I) and not _known(found, ent) and not _PRIOR_WORK.search(after))):
                self._propose(unit, found, ent, "passive-proposed")
            elif cues.released.match(after):
                self._propose(unit, found, ent, "released")
            elif unit.is_title and not before.strip() and cues.title_link_after.match(after):
                self._propose(unit, found, ent, "title-colon")
            elif unit.is_title and _TITLE_ARTICLE.fullmatch(before) and cues.head_word.match(after.strip()) \
                    and not _known(found, ent) and not ent.text.lower().endswith("-based"):  # not "A LoRA-Based Approach"
                self._propose(unit, found, ent, "title-described")  # "A physics-informed Bayesian optimization method for ..."
            elif ent.label in AGENTS + ("benchmark",):
                if adopting is None:
                    adopting = _has_any(text, cues.adopt_hints)
                self._coined_proposal(unit, found, ent, before, after, adopting)

    def _coined_proposal(self, unit: Unit, found: _Found, ent: Ent, before: str, after: str, adopting: bool) -> None:
        """Rules that take only coined names and descriptive phrases, never a lexicon name: "we utilize a
        Bug Locator", "MatDetector trained on our ...", "Delethink, an RL environment that ..."."""
        cues = self.cues
        if after[:1] == "-":
            return  # "a sentence diversity-based approach": the mention only qualifies what follows
        if ent.label in AGENTS and adopting and cues.adopt_new.search(before):
            rule = "we-adopt"
        elif ent.label in AGENTS and cues.own_training_after.match(after):
            rule = "trained-on-ours"
        elif (" " not in ent.text or _COINED.search(ent.text[1:])) and cues.appositive_plain.match(after) and \
                _prev_word(before) not in cues.appositive_blockers and not cues.background.match(after) and \
                not _is_paren_alias(unit, ent):  # not "X, a strong baseline", "X is a class of ..."
            rule = "appositive-described"
        else:
            return
        if _known(found, ent):  # checked last: reading a span's extension attribute is slow
            return
        self._propose(unit, found, ent, rule, coordinated=rule == "we-adopt")
        if rule == "we-adopt":  # "we utilize a Bug Locator with self-debug learning"
            joined = next((e for e in unit.ents if e.start > ent.end and e.label in AGENTS), None)
            if joined is not None and _WITH_GAP.fullmatch(unit.text, ent.end, joined.start) and not _known(found, joined):
                self._propose(unit, found, joined, "we-adopt")

    def _find_new_measure(self, unit: Unit, found: _Found) -> None:
        """"we introduce a novel metric to quantify X by measuring token efficiency": the first metric named
        after an unnamed new metric, in the same clause."""
        for match in self.cues.new_measure.finditer(unit.text):
            if any(0 <= e.start - match.end() <= 6 for e in unit.ents):
                continue  # named right after: the other rules decide
            ent = next((e for e in unit.ents if e.start >= match.end() and e.label == "metric"), None)
            if ent is not None and ent.start - match.end() <= 100 and \
                    not self.cues.clause_stop.search(unit.text, match.end(), ent.start):
                self._propose(unit, found, ent, "new-measure")

    def find_named_parts(self, units: list[Unit], found: _Found) -> None:
        """After "two dedicated reflection modules", "the plan reflection module" is one of them."""
        if not found.part_kinds:
            return
        for unit in units:
            for ent in unit.ents:
                words = ent.text.lower().split()
                if ent.label in AGENTS and len(words) >= 3 and " ".join(words[-2:]) in found.part_kinds:
                    self._propose(unit, found, ent, "named-part")

    def find_components(self, unit: Unit, found: _Found) -> None:
        """Named parts of the paper's own method: "ACE introduces X", "our approach constructs X"."""
        cues, text = self.cues, unit.text
        starts = [m.end() for m in cues.our_component.finditer(text)]
        for ent in unit.ents:  # any mention of a proposed name: "we propose X (ACE) ... ACE introduces Y"
            if ent.label in AGENTS and found.names[ent.index] in found.proposed_names():
                verb = cues.component_verb.match(text[ent.end:])
                if verb:
                    starts.append(ent.end + verb.end())
        for pos in starts:
            first = self._first_contribution(unit, pos)
            if first is not None and first.index not in found.proposed:
                self._propose(unit, found, first, "component", coordinated=True)
        for pos in starts + [m.start() for m in _PARTS_COLON.finditer(text)] if self._led_by_proposal(unit, found) else starts:
            for item in self._listed_parts(unit, pos):  # "MA-RAG orchestrates ... AI agents: Planner, Step Definer, ..."
                if item.index not in found.proposed and not _known(found, item):
                    self._propose(unit, found, item, "component")
        if cues.our_subject.match(text) or self._opens_with_proposal(unit, found):
            # "Our model ... achieves precise action control through frame-level ...", "HS-STaR first performs
            # lightweight pre-sampling with a reward-guided difficulty estimation strategy"
            for ent in unit.ents:
                if ent.label in AGENTS and ent.index not in found.proposed and not _known(found, ent) and \
                        _MEANS_BEFORE.search(text, 0, ent.start) and _DESCRIPTIVE.fullmatch(ent.text):
                    self._propose(unit, found, ent, "component-means")

    def _led_by_proposal(self, unit: Unit, found: _Found) -> bool:
        """The sentence's subject is the paper's own: "Our framework ...", "MA-RAG orchestrates ..."."""
        if self.cues.our_subject.match(unit.text) or self._opens_with_proposal(unit, found):
            return True
        first = next((e for e in unit.ents), None)
        return first is not None and found.names[first.index] in found.proposed_names() and \
            not re.search(r"[,;:]", unit.text[:first.start])

    @staticmethod
    def _listed_parts(unit: Unit, pos: int) -> list[Ent]:
        """The names a colon opens after `pos`, one per list item: "agents: Planner, Step Definer, and QA Agents",
        "introduces: 1) Preference-Based Scoring ..., which ...; and 2) Curriculum-Guided Training"."""
        colon = re.match(r"[^.;:]{0,80}?:\s*", unit.text[pos:])
        if colon is None:
            return []
        start = pos + colon.end()
        items = []
        for ent in unit.ents:
            if ent.start < start or ent.label not in AGENTS:
                continue
            gap = unit.text[items[-1].end if items else start:ent.start]
            if (_LIST_ITEM_GAP.fullmatch(gap) or (items and _NUMBERED_ITEM.search(gap) and len(gap) < 200)) and \
                    _ITEM_END.match(unit.text, ent.end):  # the name is the item, not a modifier ("LongCoT data bootstrapping")
                items.append(ent)
            elif not items:
                break
        return items if len(items) >= 2 else []

    @staticmethod
    def _opens_with_proposal(unit: Unit, found: _Found) -> bool:
        """The sentence's first words are a proposed name ("HS-STaR first performs ...", "The Program Modifier is ...")."""
        first = next((e for e in unit.ents), None)
        return first is not None and not unit.is_title and first.start == _OPENING_ARTICLE.match(unit.text).end() and \
            found.names[first.index] in found.proposed_names()

    def _first_contribution(self, unit: Unit, pos: int, tasks: bool = False) -> Ent | None:
        """The first non-task mention after a "we propose" cue, if nothing in between says it is not the object.

        "a novel inference-time scaling approach -- X": a mention followed by a head word is a modifier, skipped.
        "a benchmark spanning ..., X": a head word followed by more than a short phrase means the head is the object.
        """
        cues = self.cues
        for ent in unit.ents:
            if ent.start < pos:
                continue
            gap = unit.text[pos:ent.start]
            if ent.label == "task" and not (tasks and re.search(r"\btasks?\b", gap, re.IGNORECASE)):
                continue  # a task is proposed only when the text calls it a new task
            if not gap.strip() and _GERUND_PHRASE.match(ent.text):
                return None  # "we propose isolating execution capability": an action, not a named contribution
            if len(gap) > 150 or cues.gap_blockers.search(gap.rstrip().rstrip(":")):
                return None  # a colon may end the gap: "comprises two categories: X, ..."
            if _prev_word(unit.text[:ent.start]) in cues.block_before:
                return None
            after = unit.text[ent.end:ent.end + 80]
            if self._modifier(gap, after):
                continue
            head = cues.head_word.search(gap)
            if head and not re.fullmatch(r"\s*(?:,|:|--|—|–|\()?\s*(?:(?:called|named|termed|dubbed|namely|with)\s+)?"
                                         r"(?:[^\s,;.()]+\s+){0,5}(?:\(\s*)?", gap[head.end():], re.IGNORECASE):
                return None
            if cues.applied_after.match(after):
                return None  # "we introduce the attention sink mechanism into ..." applies an existing one
            return self._appositive_name(unit, ent) or ent
        return None

    @staticmethod
    def _appositive_name(unit: Unit, ent: Ent) -> Ent | None:
        """"a novel neuron format, QNN-alpha, which ...": a descriptive phrase followed by a name set off by
        commas is what the name is; the name is the contribution."""
        if _named(ent.text):
            return None
        name = next((e for e in unit.ents if e.start >= ent.end), None)
        if name is None or name.label not in AGENTS + ("benchmark",) or not _named(name.text) or \
                not re.fullmatch(r"\s*(?:,|:|--|—|–)\s*", unit.text[ent.end:name.start]) or \
                not re.match(r"\s*(?:\([^()]{0,40}\)\s*)?(?:[,.;]|$|which\b|that\b)", unit.text[name.end:]):
            return None
        return name

    def _propose_and_also(self, unit: Unit, found: _Found, first: Ent) -> None:
        """"we propose the Multi-Head Khatri-Rao Product as a superior alternative to HP and a Self-Ensemble Loss":
        a coined capitalised name after "and a" later in the same clause is a second contribution."""
        for ent in unit.ents:
            if ent.start <= first.end or ent.label not in AGENTS or ent.index in found.proposed:
                continue
            gap = unit.text[first.end:ent.start]
            if len(gap) > 120 or self.cues.clause_stop.search(gap) or self.cues.outperform.search(gap) or \
                    re.search(r"\b(?:than|over|compared|versus|vs|on|using|via|from|by)\b", gap, re.IGNORECASE):
                return
            if re.search(r"\b(?:and|as\s+well\s+as)\s+(?:a|an)\s+(?:novel\s+|new\s+)?$", gap, re.IGNORECASE) and \
                    " " in ent.text and (all(w[:1].isupper() for w in ent.text.split())
                                         or self.cues.head_word.fullmatch(ent.text.split()[-1])) and not _known(found, ent):
                # "... and a Self-Ensemble Loss", "..., as well as a weight reconstruction method"
                self._propose(unit, found, ent, "we-propose")
                return

    def _named_kind(self, unit: Unit, pos: int, found: _Found) -> Ent | None:
        """"we propose a novel Spiritual Insight metric": a coined capitalised name right before the head of a
        new contribution is that contribution's name (not a lexicon name: "a novel Transformer architecture")."""
        ent = next((e for e in unit.ents if e.start >= pos and e.label != "task"), None)
        if ent is None or not _named(ent.text) or not re.fullmatch(
                rf"\s*(?:a|an)\s+{self.cues.novelty_group}\s+", unit.text[pos:ent.start], re.IGNORECASE):
            return None
        if not re.match(rf"\s+{self.cues.heads_group}(?![\w-])", unit.text[ent.end:ent.end + 40], re.IGNORECASE):
            return None
        return None if _known(found, ent) else ent

    def _title_topic(self, unit: Unit, pos: int, found: _Found) -> Ent | None:
        """"we propose a multi-timescale hierarchical RL approach" under the title "Multi-Timescale
        Hierarchical RL for ...": the named modifier of the proposed head is what the title is about."""
        ent = next((e for e in unit.ents if e.start >= pos and e.label != "task"), None)
        if ent is None or not found.in_title(ent) or \
                not _SHORT_ARTICLE_GAP.fullmatch(unit.text, pos, ent.start):
            return None
        return ent if self.cues.modifier_after.match(unit.text[ent.end:ent.end + 80]) else None

    def _modifier(self, gap: str, after: str) -> bool:
        """The mention only qualifies what is proposed: "a novel inference-time scaling approach",
        "a Graphormer-enhanced framework", "a new SSM parameterization"."""
        if self.cues.modifier_after.match(after) or re.match(r"-[a-z]", after):
            return True
        if _PARTICIPLE_CLAUSE.match(after):
            return False  # "we construct a dataset LPcode consisting of pairs ...": a participle describes the name
        noun = re.match(r"\s+(?:\\[a-z]+\{)?([a-z][a-z-]+)\b", after)  # "a new Roblox \textit{obby}"
        return bool(noun and noun.group(1) not in _FUNCTION_WORDS and not noun.group(1).endswith("ly")
                    and re.search(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", gap, re.IGNORECASE))

    def _propose(self, unit: Unit, found: _Found, ent: Ent, rule: str, coordinated: bool = False) -> None:
        found.role(ent.index, "proposes", unit.evidence(rule, self.conf(rule)))
        found.proposed.add(ent.index)
        followers = self._followers(unit, ent, aliases_only=not coordinated)
        if rule not in _PART_RULES:
            found.main_proposals.update([ent.index] + [o.index for o in followers])
        for other in followers:
            found.role(other.index, "proposes", unit.evidence(rule, self.conf("coordinated")))
            found.proposed.add(other.index)

    def _followers(self, unit: Unit, ent: Ent, aliases_only: bool) -> list[Ent]:
        """Mentions joined to `ent` by "(Y)" aliases or, unless aliases_only, by "and"/commas."""
        joined, last = [], ent
        connector = r"\s*\(\s*" if aliases_only else \
            r"\s*(?:\)\s*)?(?:,\s*(?:(?:and|or)\s+(?:a\s+|an\s+)?)?|and\s+(?:a\s+|an\s+)?|or\s+|/|&|\()\s*(?:\(\d\)\s*)?"
        for other in unit.ents:
            if other.start < last.end or (other.label == "task") != (ent.label == "task"):
                continue
            gap = unit.text[last.end:other.start]
            if not re.fullmatch(connector, gap):
                break
            if re.search(r"\((?!\d\))", gap) and not re.match(r"\s*\)", unit.text[other.end:]):
                break  # "X (Self-Attention with ...)": only a whole parenthesis is an alias
            joined.append(other)
            last = other
        return joined

    def paper_subject(self, units: list[Unit], found: _Found) -> PaperSubject | None:
        """The paper's one named proposal (the subject of "our method"): the one proposal the title names,
        else its one proposed method or model, else its one proposed dataset; None when there are several.
        Descriptive phrases ("rollback mechanism") are parts of the proposal, not its name, unless nothing
        else is proposed."""
        types = {e.index: e.label for u in units for e in u.ents}
        every = self._proposal_groups(units, found, AGENTS + ("benchmark",))
        titled = [g for g in every if any(f" {_words(f)} " in found.title_text for f in g[1])]
        if len(titled) > 1:  # "FPQVAR: Floating Point Quantization for ...": the name before the colon is the paper's
            titled = [g for g in titled if any(_words(f) == found.title_lead for f in g[1])] or titled
        if len(titled) == 1:
            return _paper_subject(titled[0], types)
        for labels in (AGENTS, ("benchmark",)):
            groups = self._proposal_groups(units, found, labels)
            named = [g for g in groups if any(_named(f) for f in g[1])]
            if len(named) == 1 or (len(groups) == 1 and not named):
                return _paper_subject((named or groups)[0], types)
            main = [g for g in named if g[2] & found.main_proposals]
            if len(named) > 1 and len(main) == 1:  # "we propose HPC-ColPali ... three techniques: (1) K-Means ..."
                return _paper_subject(main[0], types)
            if groups:
                return None
        return None

    def own_benchmark(self, units: list[Unit], found: _Found) -> int | None:
        """A mention of the one benchmark or dataset the paper proposes (what "our evaluation benchmark" names)."""
        groups = self._proposal_groups(units, found, ("benchmark",))
        return groups[0][0] if len(groups) == 1 else None

    def _proposal_groups(self, units: list[Unit], found: _Found, labels: tuple[str, ...]) -> list[tuple[int, set[str]]]:
        """Proposed mentions of the given types grouped by shared names and "X (Y)" aliases: (first index, forms,
        mention indices)."""
        groups: list[tuple[int, set[str], set[str], set[int]]] = []  # (first index, names, surface forms, indices)
        for unit in units:
            for ent in unit.ents:
                if ent.index not in found.proposed or ent.label not in labels:
                    continue
                aliases = tuple(found.spans[ent.index]._.akg_aliases or ())  # read only here: _ is slow
                names = {normalize(ent.text), *(normalize(a) for a in aliases)}
                forms = {ent.text, *aliases}
                if _is_paren_alias(unit, ent) and groups:
                    groups[-1][1].update(names)
                    groups[-1][2].update(forms)
                    groups[-1][3].add(ent.index)
                    continue
                first, indices = ent.index, {ent.index}
                for group in [g for g in groups if g[1] & names]:
                    first = min(first, group[0])
                    names |= group[1]
                    forms |= group[2]
                    indices |= group[3]
                    groups.remove(group)
                groups.append((first, names, forms, indices))
        return [(first, forms, indices) for first, _, forms, indices in groups]

    # ---- default roles

    def add_default_roles(self, units: list[Unit], found: _Found) -> None:
        """The role each type implies, unless proposes already says more; benchmarks need an evaluation context."""
        proposed_names = {normalize(e.text) for u in units for e in u.ents if e.index in found.proposed}
        in_results = {r.benchmark for r in found.results}
        for unit in units:
            evaluating = any(e.label == "benchmark" for e in unit.ents) and bool(self.cues.evaluation.search(unit.text))
            for ent in unit.ents:
                before = unit.text[max(0, ent.start - 60):ent.start]
                proposed = ent.index in found.proposed or normalize(ent.text) in proposed_names
                if ent.label == "benchmark":
                    training = bool(self.cues.training_before.search(before))
                    if ent.index in in_results or (evaluating and not training and not proposed):
                        found.role(ent.index, "evaluatesOn", unit.evidence("evaluated-on", self.conf("evaluated-on")))
                    elif not proposed and not training:
                        found.role(ent.index, "evaluatesOn",
                                   unit.evidence("benchmark-mentioned", self.conf("benchmark-mentioned")))
                elif ent.label in AGENTS and not proposed:
                    role = "usesModel" if ent.label == "model" else "usesMethod"
                    used = bool(self.cues.usage_before.search(before))
                    rule = ("uses-" if used else "") + ent.label + ("" if used else "-mentioned")
                    found.role(ent.index, role, unit.evidence(rule, self.conf(rule)))
                elif ent.label == "metric":
                    found.role(ent.index, "reportsMetric", unit.evidence("metric-reported", self.conf("metric-reported")))
                elif ent.label == "task":
                    found.role(ent.index, "addressesTask", unit.evidence("task-addressed", self.conf("task-addressed")))
