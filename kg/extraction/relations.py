"""`akg_relations`: what the paper does with each entity, how entities relate, which numbers are results.

Runs last in the pipeline. Reads the entity spans in `doc.spans["akg_entities"]` and the sentence
boundaries; writes `doc._.akg_roles` (kg.model.Role), `doc._.akg_links` (kg.model.Link) and
`doc._.akg_results` (kg.model.ResultMention). Mention indices are positions in
`doc.spans["akg_entities"]`. Every item carries an Evidence naming the sentence and the rule.

The rules are regular expressions over one sentence at a time, built from the cue lists in
data/relations/cues.json, so there is no parser to wait for. A "unit" is a sentence cut at blank
lines: a punctuation-only sentencizer glues the title to the first abstract sentence.

What counts as `outperforms` (the gold files disagree; this is the decision):
- "X outperforms / surpasses / beats / exceeds / is superior to / is better than Y" and the passive
  "Y is outperformed by X" (rules outperforms, better-than, outperformed-by).
- A directional number against a named method or model: "X reduces cost by 51% over Y", "X is 4.8x
  faster than Y", "a 1% improvement over Y" (rule better-by, lower confidence). The guideline's verbs
  say who wins; a number "over / compared to / than" a named Y says it as plainly, and two of the
  three gold files record it. The number is still a result as well.
- Not: negated or hedged claims ("does not outperform", "may outperform", "matching or surpassing"),
  a comparison whose clause says the number is worse ("drops", "degrades", "lags"), a number after
  "vs." (the baseline's own score), or an unnamed other side ("baselines", "prior methods").

Results: one per number that reports one (sizes, dates, counts, p-values, version numbers are not).
Its subject is the nearest method/model before it that is not a prepositional object, the second of
a list, an object inside an opening "-ing" phrase, or what was outperformed, else the paper's own
proposal when the sentence says "our method". Its benchmark is the one the number sits in ("B (x%)"),
right after ("x% on B", unless another number lies in between and a benchmark right before holds it),
or the one benchmark named before it in the same clause. Its metric is the one written next to it
("FID 1.73", "77.2% accuracy", "accuracy of 80%"), else the one named before it in the clause unless
another number already holds it.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.model import Evidence, Link, ResultMention, Role
from kg.names import normalize

ENTITY_KEY = "akg_entities"
TEXT_KEY = "akg_text"  # doc.user_data key for the doc's text, when a component stored it
CUES_PATH = Path(__file__).parent / "data" / "relations" / "cues.json"
AGENTS = ("method", "model")  # the types that can propose, outperform or hold a result


def register_extensions() -> None:
    """Declare the attributes this component reads and writes (idempotent, shared with the finders)."""
    for name in ("akg_roles", "akg_links", "akg_results"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, default in (("akg_extractor", ""), ("akg_confidence", 0.0), ("akg_aliases", ())):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()


# ---------------------------------------------------------------- cues


def _alt(words: list[str]) -> str:
    """One regex alternation; word boundaries only where a phrase starts or ends with a word character.

    When every phrase is a plain word phrase the boundaries are written once around the group: Python's
    re tries each alternative at each position, and a shared lookbehind first makes that much cheaper."""
    words = sorted(set(words), key=lambda w: (-len(w), w))
    if all(w[:1].isalnum() and w[-1:].isalnum() for w in words):
        body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        return rf"(?<![\w-])(?:{body})(?![\w-])"
    parts = []
    for word in words:
        body = re.escape(word).replace(r"\ ", r"\s+")
        head = r"(?<![\w-])" if word[:1].isalnum() else ""
        tail = r"(?![\w-])" if word[-1:].isalnum() else ""
        parts.append(f"{head}{body}{tail}")
    return "(?:" + "|".join(parts) + ")"


class Cues:
    """The cue lists of cues.json compiled into the regexes the rules use."""

    def __init__(self, data: dict, source: str = "cues.json"):
        try:
            self._compile(data)
        except KeyError as exc:
            raise ValueError(f"{source}: missing cue list {exc.args[0]!r}") from None
        except re.error as exc:
            raise ValueError(f"{source}: a cue does not compile as a regex: {exc}") from None

    def _compile(self, d: dict) -> None:
        flags = re.IGNORECASE
        self.confidence: dict[str, float] = dict(d["confidence"])
        self.propose = re.compile(
            rf"{_alt(d['propose_subjects'])}\s+(?:\w+ly\s+|also\s+|further\s+|then\s+)?"
            rf"{_alt([v + s for v in d['propose_verbs'] for s in ('', 's', 'd', 'ed')])}", flags)
        novelty, naming = _alt(d["novelty_words"]), _alt(d["naming_cues"])
        heads = _alt(d["contribution_heads"] + [h + "s" for h in d["contribution_heads"]])
        paren = r"(?:\([^()]{0,60}\)\s*)?"
        self.appositive = re.compile(
            rf"^\s*{paren}(?:(?:,|:|--|—|–)\s*(?:a|an|the|our)\s+(?:[\w-]+\s+){{0,3}}?{novelty}"
            rf"|,?\s*(?:is|as)\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?{novelty})", flags)
        # "we call Longtail Guidance (LTG)": the named phrase itself may be unmarked, its alias marked
        self.naming_before = re.compile(rf"{naming}\s*[,:]?\s*[\"'“‘]?(?:[^\s,;.()]+\s+){{0,5}}?(?:\(\s*)?$", flags)
        self.passive_proposed = re.compile(
            r"^\s*(?:\([^()]{0,40}\)\s*)?(?:[\w-]+\s+){0,2}?(?:is|are)\s+(?:\w+ly\s+|also\s+|further\s+)?"
            r"(?:proposed|introduced|presented|designed|developed|devised|constructed)\b", flags)
        self.our_named = re.compile(
            rf"(?:\b(?:our|the)\s+(?:proposed|new|novel)\s+(?:[\w-]+\s+){{0,2}}?"
            rf"|\bour\s+(?:proposed\s+)?{_alt(d['our_heads'])}\s*,?\s*)$", flags)
        self.new_kind = re.compile(
            rf"\b(?:a|an|the)\s+{novelty}\s+(?:(?!{heads})[\w-]+\s+){{0,4}}?{heads}\s*(?:,|:|--|—)?\s*(?:{naming}\s*)?$", flags)
        self.released = re.compile(rf"^\s*{paren}{_alt(d['release_cues'])}", flags)
        self.we_context = re.compile(r"\b(?:we|our|this\s+(?:paper|work)|novel|new|propos\w*|introduc\w*|present\w*)\b", flags)
        self.component_verb = re.compile(rf"^\s*(?:\([^()]{{0,60}}\)\s*)?(?:\w+ly\s+|also\s+|further\s+)?{_alt(d['component_verbs'])}", flags)
        self.our_component = re.compile(
            rf"\bour\s+(?:proposed\s+)?{_alt(d['our_heads'])}\s+(?:\w+ly\s+|also\s+|further\s+)?{_alt(d['component_verbs'])}", flags)
        self.title_link_after = re.compile(rf"^\s*(?:\([^()]*\)\s*)?(?::|{_alt(d['title_links'])}\s)", flags)
        self.enumerated = re.compile(
            rf"\b(?:two|three|four|five|six|several|\d)\s+(?:(?:new|novel|core|key|main|complementary|distinct)\s+)?"
            rf"(?:[\w-]+\s+){{0,2}}?(?:{heads}|{_alt(d['part_heads'])})[^:;.]{{0,60}}:\s*", flags)
        self.block_before = set(d["block_before_entity"])
        self.gap_blockers = re.compile(_alt(d["propose_gap_blockers"]), flags)
        self.evaluation = re.compile(_alt(d["evaluation_cues"]), flags)
        self.training_before = re.compile(rf"{_alt(d['training_cues'])}\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?$", flags)
        self.usage_before = re.compile(rf"{_alt(d['usage_cues'])}\s+(?:the\s+|a\s+|an\s+)?$", flags)
        self.outperform = re.compile(_alt(d["outperform_verbs"]), flags)
        self.propose_hints = _stems(d["propose_verbs"])
        self.outperform_hints = _stems(d["outperform_verbs"], d["passive_outperform"], ["higher", "better", "stronger"])
        self.based_on_hints = _stems(d["based_on_cues"])
        self.better_than = re.compile(r"\b(?:higher|better|stronger)\b(?:\s+[\w-]+){0,3}?\s+than\b", flags)
        self.passive = re.compile(_alt(d["passive_outperform"]), flags)
        self.negation = re.compile(_alt(d["negation_cues"]), flags)
        self.negation_ok = re.compile(_alt(d["negation_exceptions"]), flags)
        self.hedge = re.compile(_alt(d["hedge_cues"]), flags)
        self.clause_stop = re.compile(_alt(d["clause_stops"]), flags)
        self.based_on = re.compile(_alt(d["based_on_cues"]), flags)
        self.based_on_model_only = {c.lower() for c in d["based_on_model_only"]}
        self.backbone_after = re.compile(rf"^\s*{_alt(d['backbone_cues'])}", flags)
        self.variant_suffix = re.compile(d["variant_suffix"], flags)
        self.qualifier_before = re.compile(rf"{_alt(d['qualifiers'])}\s*$", flags)
        self.scale_after = re.compile(rf"^\s*{_alt(d['scale_words'])}(?![\w])", flags)
        self.pre_number_blockers = {w.lower() for w in d["pre_number_blockers"]}
        self.post_number_ok = re.compile(rf"^\s*(?:[,.;:)\]]|$|{_alt(d['post_number_ok'])})", flags)
        self.integer_cue_before = re.compile(rf"{_alt(d['integer_result_cues'])}\s*[:=]?\s*(?:the\s+|a\s+|an\s+)?$", flags)
        self.percent_setting = re.compile(rf"^\s+of\s+{_alt(d['percent_of_setting'])}", flags)
        self.subject_blockers = re.compile(
            rf"(?:{_alt(d['subject_blockers'])}|compared\s+(?:to|with)|relative\s+to)\s+(?:the\s+|a\s+|an\s+)?$", flags)
        self.our_reference = re.compile(rf"{_alt(d['our_reference'])}|\bwe\b", flags)
        self.respectively = re.compile(_alt(d["respectively"]), flags)
        self.subject_verb_after = re.compile(rf"^\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*(?:\w+ly\s+)?{_alt(d['subject_verbs'])}", flags)
        self.subject_verb_any = re.compile(_alt(d["subject_verbs"]), flags)
        self.modifier_after = re.compile(rf"^(?:-based|-style|-like|-inspired|-driven|-guided)?\s+(?:[\w-]+\s+)?{heads}", flags)
        self.head_word = re.compile(heads, flags)
        self.applied_after = re.compile(r"^\s+into\b", flags)


def load_cues(path: str | Path | None = None) -> Cues:
    """Read the cue lists; a broken file is reported with its name (and line, for bad JSON)."""
    path = Path(path) if path else CUES_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    return Cues(data, str(path))


# ---------------------------------------------------------------- units and mentions


@dataclass(frozen=True)
class Ent:
    index: int  # position in doc.spans["akg_entities"]
    label: str
    start: int  # character offsets relative to the unit
    end: int
    text: str


@dataclass
class Unit:
    text: str
    start: int  # offset of the unit in the doc text
    is_title: bool
    ents: list[Ent] = field(default_factory=list)

    def evidence(self, rule: str, confidence: float) -> Evidence:
        return Evidence(self.text, self.start, self.start + len(self.text), f"rule:{rule}", confidence)


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _title_end(text: str) -> int:
    """End of the title when the doc is "title, blank line, abstract" (Paper.text), else 0."""
    match = _BLANK_LINE.search(text)
    if not match or match.start() > 400:
        return 0
    head = text[:match.start()].strip()
    return match.start() if head and head[-1] not in ".!?" else 0


def _sentence_ranges(doc: Doc, length: int) -> list[tuple[int, int]]:
    """Character ranges of the sentences; read from the SENT_START array, which is far cheaper than doc.sents."""
    flags = doc.to_array("SENT_START") if len(doc) else None
    if flags is None or not flags.any():  # no sentence boundaries set
        return [(0, length)]
    starts = [int(i) for i in (flags == 1).nonzero()[0] if i > 0]
    chars = [0] + [doc[i].idx for i in starts] + [length]
    return list(zip(chars[:-1], chars[1:]))


_LOWER_START = re.compile(r"[a-z,;:)\]]")
_WORD_OR_MARK = re.compile(r"[\w@'-]+|[^\w\s]")
_GROUP_JOIN = re.compile(r"\s*\)?\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/|&)\s*")
_GLUED_AFTER = re.compile(r"[A-Za-z0-9]|-[A-Za-z]|\s*/\s*\d|-\d")  # 7B, 103K, 8K-token, 6 / 7, 5-9
_BASELINE_BEFORE = re.compile(
    r"\b(?:prior|previous|existing|other|conventional|traditional|standard|vanilla|baseline)\s+(?:[\w-]+\s+)?$",
    re.IGNORECASE)
_GERUND_OPENING = re.compile(r"\s*(?:by\s+)?([A-Za-z]+ing)\s[^,;:]*$")
_TIED_GAP = re.compile(r"\s*(?:dataset|benchmark|set|split)?\s*(?:by|with|at|of|to|:|=|,)?\s*(?:a|an|of)?\s*")
_LIST_JOIN = re.compile(r"\s*,?\s*(?:and\s+|or\s+|/|&)\s*")  # a bare comma may end an opening phrase


def _listed_second(unit: Unit, ent: Ent) -> bool:
    """The mention follows another method/model in a list ("A and B", "A, and B", "A/B")."""
    return any(e.label in AGENTS and e.end <= ent.start and _LIST_JOIN.fullmatch(unit.text, e.end, ent.start)
               for e in unit.ents)


_FUNCTION_WORDS = frozenset(
    "and or to for with which that who on in of is are as by via from using into at than while where whose "
    "can could may might will would should has have was were be been being the a an its their this these "
    "not also further then thus both each all".split())
_ABBREVIATION_END = re.compile(r"(?:\b(?:e\.g|i\.e|vs|cf|et al|approx|etc|fig|eq|sec|no)\.)$", re.IGNORECASE)


def _continues(previous: str, piece: str) -> bool:
    """The piece is the rest of the previous sentence: it follows an abbreviation or starts in lower case."""
    return bool(_ABBREVIATION_END.search(previous) or _LOWER_START.match(piece))


def split_units(doc: Doc) -> list[Unit]:
    """Sentences cut at blank lines, stripped, each with the entity mentions inside it."""
    # doc.text is rebuilt from the tokens on every access (~0.2 ms a paper): read it once, or take
    # the copy an earlier component left in user_data
    text = doc.user_data.get(TEXT_KEY) or doc.text
    title_end = _title_end(text)
    units: list[Unit] = []
    for start, end in _sentence_ranges(doc, len(text)):
        pos = start
        pieces = _BLANK_LINE.split(text[start:end]) if "\n" in text[start:end] else [text[start:end]]
        for n, piece in enumerate(pieces):
            at = text.index(piece, pos) if piece else pos
            pos = at + len(piece)
            stripped = piece.strip()
            if not stripped:
                continue
            first = at + piece.index(stripped)
            if n == 0 and units and _continues(units[-1].text, stripped):
                last = units[-1]  # a sentencizer split after "e.g." or "vs.": glue the pieces back
                last.text = text[last.start:first + len(stripped)]
            else:
                units.append(Unit(stripped, first, bool(title_end) and first < title_end))
    _add_mentions(doc, text, units)
    return units


def _add_mentions(doc: Doc, text: str, units: list[Unit]) -> None:
    """Put each entity span in the unit holding its first character (found by bisection, not a scan)."""
    spans = doc.spans[ENTITY_KEY] if ENTITY_KEY in doc.spans else []
    starts = [u.start for u in units]
    for index, span in enumerate(spans):
        begin, finish = span.start_char, span.end_char
        at = bisect_right(starts, begin) - 1
        if at < 0 or begin >= starts[at] + len(units[at].text):
            continue  # inside a blank line between units
        unit = units[at]
        end = min(finish, unit.start + len(unit.text)) - unit.start
        unit.ents.append(Ent(index, span.label_, begin - unit.start, end, text[begin:finish]))
    for unit in units:
        unit.ents.sort(key=lambda e: (e.start, -e.end))


def _last_words(text: str, n: int = 2) -> str:
    """The last n words of `text`, lower case, articles skipped: what stands right before a mention."""
    words = [w for w in _WORD_OR_MARK.findall(text[-60:].lower()) if w not in ("the", "a", "an")]
    return " ".join(words[-n:])


def _prev_word(text: str) -> str:
    return _last_words(text, 1)


def _is_paren_alias(unit: Unit, ent: Ent) -> bool:
    """True for "Y" in "X (Y)": the mention right after an opening parenthesis that follows another one."""
    before = unit.text[:ent.start].rstrip()
    if not before.endswith("("):
        return False
    owner_end = len(before[:-1].rstrip())
    return any(e.end == owner_end for e in unit.ents)


# ---------------------------------------------------------------- the component


class RelationFinder:
    """The callable pipeline component; one instance per pipeline."""

    def __init__(self, cues: Cues):
        self.cues = cues

    def conf(self, rule: str) -> float:
        return self.cues.confidence.get(rule, 0.5)

    def __call__(self, doc: Doc) -> Doc:
        units = split_units(doc)
        found = _Found({e.index: normalize(e.text) for u in units for e in u.ents})
        found.spans = doc.spans[ENTITY_KEY] if ENTITY_KEY in doc.spans else []
        found.title_names = {found.names[e.index] for u in units if u.is_title for e in u.ents}
        for unit in units:
            self.find_proposed(unit, found)
        for unit in units:
            self.find_components(unit, found)
        subject = self.paper_subject(units, found)
        for unit in units:
            self.find_outperforms(unit, found, subject)
            self.find_based_on(unit, found, subject)
            self.find_results(unit, found, subject)
        self.find_variants(units, found)
        self.add_default_roles(units, found)
        doc._.akg_roles, doc._.akg_links, doc._.akg_results = found.roles, found.links, found.results
        return doc

    # ---- proposes

    def find_proposed(self, unit: Unit, found: _Found) -> None:
        cues, text = self.cues, unit.text
        # a whole-sentence search with a large alternation costs more than a few substring tests
        for match in cues.propose.finditer(text) if _has_any(text, cues.propose_hints) else ():
            first = self._first_contribution(unit, match.end(), tasks=True) or \
                self._title_topic(unit, match.end(), found)
            if first is not None:
                self._propose(unit, found, first, "we-propose", coordinated=True)
        if cues.we_context.search(text):
            for match in cues.enumerated.finditer(text):  # "two new metrics: (1) depth distance, ... (2) ..."
                if _prev_word(text[:match.start()]) in ("on", "in", "across", "over", "under"):
                    continue  # "experiments on two splits: ..." are used, not made
                first = next((e for e in unit.ents if 0 <= e.start - match.end() <= 6), None)
                if first is not None:
                    self._propose(unit, found, first, "enumerated", coordinated=True)
                    for item in _later_items(unit, first, _count(match.group(0)) - 1):
                        self._propose(unit, found, item, "enumerated", coordinated=True)
        for ent in unit.ents:
            if ent.label == "task":
                continue
            before, after = text[max(0, ent.start - 100):ent.start], text[ent.end:ent.end + 100]
            if cues.appositive.match(after):
                self._propose(unit, found, ent, "appositive-novel")
            elif cues.naming_before.search(before[-40:]) and cues.we_context.search(text):
                self._propose(unit, found, ent, "called", coordinated=True)
            elif cues.our_named.search(before[-60:]):
                self._propose(unit, found, ent, "our-named")
            elif cues.new_kind.search(before[-90:]):
                self._propose(unit, found, ent, "new-kind", coordinated=True)
            elif cues.passive_proposed.match(after) and re.search(r"\b(?:a|an)\s+(?:novel\s+|new\s+)?$", before, re.I):
                self._propose(unit, found, ent, "passive-proposed")
            elif cues.released.match(after):
                self._propose(unit, found, ent, "released")
            elif unit.is_title and not before.strip() and cues.title_link_after.match(after):
                self._propose(unit, found, ent, "title-colon")

    def find_components(self, unit: Unit, found: _Found) -> None:
        """Named parts of the paper's own method: "ACE introduces X", "our approach constructs X"."""
        cues, text = self.cues, unit.text
        starts = [m.end() for m in cues.our_component.finditer(text)]
        for ent in unit.ents:
            if ent.index in found.proposed and ent.label in AGENTS:
                verb = cues.component_verb.match(text[ent.end:])
                if verb:
                    starts.append(ent.end + verb.end())
        for pos in starts:
            first = self._first_contribution(unit, pos)
            if first is not None and first.index not in found.proposed:
                self._propose(unit, found, first, "component", coordinated=True)

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
            return ent
        return None

    def _title_topic(self, unit: Unit, pos: int, found: _Found) -> Ent | None:
        """"we propose a multi-timescale hierarchical RL approach" under the title "Multi-Timescale
        Hierarchical RL for ...": the named modifier of the proposed head is what the title is about."""
        ent = next((e for e in unit.ents if e.start >= pos and e.label != "task"), None)
        if ent is None or found.names[ent.index] not in found.title_names or \
                not _SHORT_ARTICLE_GAP.fullmatch(unit.text, pos, ent.start):
            return None
        return ent if self.cues.modifier_after.match(unit.text[ent.end:ent.end + 80]) else None

    def _modifier(self, gap: str, after: str) -> bool:
        """The mention only qualifies what is proposed: "a novel inference-time scaling approach",
        "a Graphormer-enhanced framework", "a new SSM parameterization"."""
        if self.cues.modifier_after.match(after) or re.match(r"-[a-z]", after):
            return True
        noun = re.match(r"\s+([a-z][a-z-]+)\b", after)
        return bool(noun and noun.group(1) not in _FUNCTION_WORDS and not noun.group(1).endswith("ly")
                    and re.search(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", gap, re.IGNORECASE))

    def _propose(self, unit: Unit, found: _Found, ent: Ent, rule: str, coordinated: bool = False) -> None:
        found.role(ent.index, "proposes", unit.evidence(rule, self.conf(rule)))
        found.proposed.add(ent.index)
        for other in self._followers(unit, ent, aliases_only=not coordinated):
            found.role(other.index, "proposes", unit.evidence(rule, self.conf("coordinated")))
            found.proposed.add(other.index)

    def _followers(self, unit: Unit, ent: Ent, aliases_only: bool) -> list[Ent]:
        """Mentions joined to `ent` by "(Y)" aliases or, unless aliases_only, by "and"/commas."""
        joined, last = [], ent
        connector = r"\s*\(\s*" if aliases_only else \
            r"\s*(?:\)\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/|&|\()\s*(?:\(\d\)\s*)?"
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
        """The paper's one named proposal (the subject of "our method"): its one proposed method or model,
        else its one proposed dataset; None when there are several."""
        for labels in (AGENTS, ("benchmark",)):
            groups = self._proposal_groups(units, found, labels)
            if len(groups) == 1:
                index, forms = groups[0]
                alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True) if f)
                return PaperSubject(index, re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"))
            if groups:
                return None
        return None

    def _proposal_groups(self, units: list[Unit], found: _Found, labels: tuple[str, ...]) -> list[tuple[int, set[str]]]:
        """Proposed mentions of the given types grouped by shared names and "X (Y)" aliases: (first index, forms)."""
        groups: list[tuple[int, set[str], set[str]]] = []  # (first index, normalised names, surface forms)
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
                    continue
                first = ent.index
                for group in [g for g in groups if g[1] & names]:
                    first = min(first, group[0])
                    names |= group[1]
                    forms |= group[2]
                    groups.remove(group)
                groups.append((first, names, forms))
        return [(first, forms) for first, _, forms in groups]

    # ---- outperforms

    def find_outperforms(self, unit: Unit, found: _Found, paper_subject: PaperSubject | None) -> None:
        text = unit.text
        if not any(e.label in AGENTS for e in unit.ents) or not _has_any(text, self.cues.outperform_hints):
            return
        for match in list(self.cues.outperform.finditer(text)) + list(self.cues.better_than.finditer(text)):
            if self._doubtful(text, match.start()) or self.cues.passive.match(text, match.start()):
                continue
            subject = self._subject_before(unit, match.start(), paper_subject)
            rule = "better-than" if match.re is self.cues.better_than else "outperforms"
            for obj in self._objects_after(unit, match.end()):
                found.link(unit, subject, "outperforms", obj, unit.evidence(rule, self.conf(rule)))
        for match in self.cues.passive.finditer(text):
            if self._doubtful(text, match.start()):
                continue
            winners = [e for e in unit.ents if e.start >= match.end() and e.label in AGENTS]
            if not winners or len(text[match.end():winners[0].start]) > 20:
                continue
            for obj in self._losers_before(unit, match.start()):
                found.link(unit, winners[0], "outperforms", obj, unit.evidence("outperformed-by", self.conf("outperformed-by")))

    def _doubtful(self, text: str, pos: int) -> bool:
        """Negated or hedged: "does not outperform", "may outperform", "whether X outperforms Y"."""
        window = " ".join(text[max(0, pos - 80):pos].split()[-6:])
        window = self.cues.negation_ok.sub(" ", window)
        return bool(self.cues.negation.search(window) or self.cues.hedge.search(window)
                    or re.search(r"\b(?:whether|if)\b", text[:pos], re.IGNORECASE))

    def _subject_before(self, unit: Unit, pos: int, paper_subject: PaperSubject | None,
                        cross_clauses: bool = False) -> Ent | int | None:
        """Who the claim before `pos` is about: the nearest method/model that is not a prepositional object
        nor the object of an "outperforms", preferring one that a verb follows ("CTM achieves").
        "our method" between that mention and `pos` means the paper's own method."""
        text, cues = unit.text, self.cues
        candidates = []
        for ent in reversed([e for e in unit.ents if e.end <= pos and e.label in AGENTS]):
            between = text[ent.end:pos]
            if not cross_clauses and cues.clause_stop.search(between):
                break
            if cues.our_reference.search(between) and not cues.our_reference.search(text[ent.start:ent.end]):
                break
            before = text[max(0, ent.start - 40):ent.start]
            if cues.subject_blockers.search(before) or _BASELINE_BEFORE.search(before) or self._after_outperform(unit, ent):
                continue  # a prepositional object, a baseline ("prior deep SSMs") or what was outperformed
            if self._in_gerund_opening(text[:ent.start]) or _listed_second(unit, ent):
                continue  # "Combining A and B enables ...": A and B are objects; "A and B" counts once, as A
            if cross_clauses and self._noun_modifier(text[ent.end:ent.end + 40]):
                continue  # "MiniMax-M1's full RL training": RL only qualifies the noun after it
            candidates.append(ent)
        verb_led = [e for e in candidates if cues.subject_verb_after.match(text[e.end:])]
        if verb_led or candidates:
            return (verb_led or candidates)[0]
        # "our method ..." or the proposal's own name where the entity finder left it unmarked
        if paper_subject is not None and (cues.our_reference.search(text[:pos]) or paper_subject.pattern.search(text[:pos])):
            return paper_subject.index
        return None

    def _in_gerund_opening(self, before: str) -> bool:
        """The mention is an object inside an opening "-ing" phrase that has no verb of its own yet."""
        opening = _GERUND_OPENING.match(before)
        return bool(opening) and not self.cues.subject_verb_any.search(before, opening.end(1))

    def _noun_modifier(self, after: str) -> bool:
        """Followed by a common noun that is neither a verb of the claim nor a head like "model"."""
        word = re.match(r"\s+([a-z][a-z-]*)\b", after)
        if not word or word.group(1) in _FUNCTION_WORDS or word.group(1).endswith("ly"):
            return False
        if re.fullmatch(r"[a-z-]+[^su]s", word.group(1)):
            return False  # "SiT-X trains 4.8x faster": a verb in the third person
        return not (self.cues.subject_verb_after.match(after) or self.cues.head_word.match(word.group(1))
                    or self.cues.outperform.match(word.group(1)))

    def _after_outperform(self, unit: Unit, ent: Ent) -> bool:
        """The mention is the object of an "outperforms" earlier in its clause."""
        window = unit.text[max(0, ent.start - 80):ent.start]
        cue = None
        for cue in self.cues.outperform.finditer(window):
            pass
        return cue is not None and not self.cues.clause_stop.search(window[cue.end():])

    def _objects_after(self, unit: Unit, pos: int) -> list[Ent]:
        objects = []
        for ent in unit.ents:
            if ent.start < pos or ent.label not in AGENTS:
                continue
            gap = unit.text[pos:ent.start]
            if len(gap) > 150 or self.cues.clause_stop.search(gap) or self.cues.outperform.search(gap):
                break
            if re.search(r"\bother\s+(?:[\w-]+\s+){0,2}$", unit.text[max(0, ent.start - 40):ent.start], re.IGNORECASE):
                continue  # "other competitive RL variants" is a class, not RL itself
            if self.cues.training_before.search(unit.text[max(0, ent.start - 60):ent.start]) or \
                    _prev_word(unit.text[:ent.start]) in ("on", "using", "with", "from", "via", "by", "in", "for", "upon"):
                continue
            objects.append(ent)
        return objects

    def _losers_before(self, unit: Unit, pos: int) -> list[Ent]:
        losers = []
        for ent in reversed([e for e in unit.ents if e.end <= pos and e.label in AGENTS]):
            gap = unit.text[ent.end:pos]
            if self.cues.clause_stop.search(gap) or len(gap) > 80:
                break
            losers.append(ent)
        return losers

    # ---- basedOn

    def find_based_on(self, unit: Unit, found: _Found, paper_subject: PaperSubject | None) -> None:
        text, cues = unit.text, self.cues
        if not any(e.label in AGENTS for e in unit.ents):
            return
        for match in cues.based_on.finditer(text) if _has_any(text, cues.based_on_hints) else ():
            obj = next((e for e in unit.ents if e.start >= match.end() and e.label in AGENTS), None)
            if obj is None or not re.fullmatch(
                    r"\s*(?:(?:the|a|an|pretrained|pre-trained|base|open-source|open|strong|existing|"
                    r"publicly|available|model|llm|language)\s+){0,4}", text[match.end():obj.start], re.IGNORECASE):
                continue
            if match.group(0).lower() in cues.based_on_model_only and obj.label != "model":
                continue
            subject = self._subject_before(unit, match.start(), paper_subject)
            found.link(unit, subject, "basedOn", obj, unit.evidence("based-on", self.conf("based-on")))
        for ent in unit.ents:
            if ent.label in AGENTS and cues.backbone_after.match(text[ent.end:]):
                subject = self._subject_before(unit, ent.start, paper_subject)
                found.link(unit, subject, "basedOn", ent, unit.evidence("as-backbone", self.conf("as-backbone")))

    # ---- variantOf

    def find_variants(self, units: list[Unit], found: _Found) -> None:
        """Qwen2.5-7B -> Qwen2.5 when the text names both; one link per pair of names."""
        models = [(u, e) for u in units for e in u.ents if e.label == "model"]
        seen = set()
        for unit, ent in models:
            for _, family in models:
                suffix = ent.text[len(family.text):]
                pair = (normalize(ent.text), normalize(family.text))
                if (pair in seen or len(family.text) < 2 or not suffix or pair[0] == pair[1]
                        or not ent.text.lower().startswith(family.text.lower())
                        or not self.cues.variant_suffix.match(suffix)):
                    continue
                seen.add(pair)
                found.link(unit, ent, "variantOf", family, unit.evidence("variant-of", self.conf("variant-of")))

    # ---- results

    def find_results(self, unit: Unit, found: _Found, paper_subject: PaperSubject | None) -> None:
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
                subject = slots.get("subject") or self._result_subject(unit, value, paper_subject)
                if subject is not None and _after_versus(unit, value, cluster) and "subject" not in slots:
                    subject = None  # "83.4% vs. 60.0%": the second number is the baseline's
                others = [v for v in values if v not in cluster]
                benchmark = slots.get("benchmark") or self._result_benchmark(unit, value, others)
                taken = {owned[v].index for v in others if owned[v] is not None}
                metric = slots.get("metric") or self._result_metric(unit, value, shared_metric, taken)
                if subject is not None and not _after_versus(unit, value, cluster):
                    self._better_by(unit, value, subject, found)
                found.results.append(ResultMention(
                    value.text, value.value, unit.evidence(rule, self.conf(rule)),
                    subject=_index(subject), benchmark=_index(benchmark), metric=_index(metric)))

    def _better_by(self, unit: Unit, value: Value, subject: Ent | int, found: _Found) -> None:
        """"reduces redundant computation by 51% over prefix-caching", "4.8x faster than SiT": a number
        that says by how much the subject beats a named method or model is an outperforms claim."""
        match = _BETTER_BY.match(unit.text, value.end)
        if not match or self._doubtful(unit.text, value.start) or _WORSE.search(unit.text[:match.end()]):
            return
        obj = next((e for e in unit.ents if e.start == match.end() and e.label in AGENTS), None)
        if obj is not None:
            found.link(unit, subject, "outperforms", obj, unit.evidence("better-by", self.conf("better-by")))

    def _paired(self, unit: Unit, clusters: list[list[Value]]) -> dict[Value, tuple[str, dict[str, Ent]]]:
        """Values paired in order with a coordinated list of the same length: "on A and B ... x and y,
        respectively", "Experiments on A and B show ... (x and y) and ... (z and w)"."""
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
                              and (respectively or g[-1].end <= cluster[0].start)), None)
                for value, ent in zip(cluster, group or ()):
                    out.setdefault(value, (rule, {}))[1][slot] = ent
        return out

    def _result_subject(self, unit: Unit, value: Value, paper_subject: PaperSubject | None) -> Ent | int | None:
        owner = _paren_owner(unit, value.start)
        if owner is not None and owner.label in AGENTS:
            return owner
        for ent in unit.ents:  # "27 H100-months vs. 7 for Delethink"
            if ent.label in AGENTS and ent.start > value.end and \
                    re.fullmatch(r"\s+for\s+(?:the\s+)?", unit.text[value.end:ent.start]):
                return ent
        return self._subject_before(unit, value.start, paper_subject, cross_clauses=True)

    def _result_benchmark(self, unit: Unit, value: Value, others: list[Value]) -> Ent | None:
        """A benchmark the sentence ties to the number: its parenthesis owner, "x% on B" (unless another
        number stands in between: "by 21% on A and by 50% on B"), or the one benchmark named before it
        in the same clause (a list of several before it does not say which). A new "our method" subject
        does not cut the tie: "Results on B show that our approach reaches x%"."""
        owner = _paren_owner(unit, value.start)
        if owner is not None and owner.label == "benchmark":
            return owner
        benches = [e for e in unit.ents if e.label == "benchmark"
                   and not self.cues.training_before.search(unit.text[max(0, e.start - 60):e.start])]
        later = next((e for e in benches if e.start >= value.end), None)
        if later is not None and len(unit.text[value.end:later.start]) <= 120 and \
                _prev_word(unit.text[:later.start]) in ("on", "in", "for", "across", "at", "of") and \
                not self.cues.clause_stop.search(unit.text[value.end:later.start]) and \
                not (self._tied_before(unit, value, benches) and any(value.end <= v.start < later.start for v in others)):
            return later
        earlier = [g for g in _groups(unit, ("benchmark",)) if g[-1].end <= value.start]
        if earlier and len(earlier[-1]) == 1 and earlier[-1][0] in benches and \
                not self._new_clause(unit.text[earlier[-1][0].end:value.start]):
            return earlier[-1][0]
        return None

    def _new_clause(self, between: str) -> bool:
        """A clause break or a new "our model" subject after a comma or "and": what came before is not
        tied to what follows ("on B, and our model ..."), unlike "results on B show that our model ..."."""
        if self.cues.clause_stop.search(between):
            return True
        ours = self.cues.our_reference.search(between)
        return bool(ours) and bool(re.search(r",|\band\b", between[:ours.start()]))

    @staticmethod
    def _tied_before(unit: Unit, value: Value, benches: list[Ent]) -> bool:
        """A benchmark right before the number holds it: "on ProntoQA by 21.2%", "ImageNet: 85%"."""
        return any(_TIED_GAP.fullmatch(unit.text, e.end, value.start) for e in benches if e.end <= value.start)

    def _metric_after(self, unit: Unit, value: Value) -> Ent | None:
        """"77.2% accuracy", "2X reduction in latency": a metric right after the number."""
        for ent in unit.ents:
            if ent.label == "metric" and ent.start >= value.end and re.fullmatch(
                    r"\s*(?:(?:absolute|relative|average|higher|lower|improvement|increase|gain|reduction|decrease|"
                    r"speed[\s-]?up|boost|drop|improvements|gains|better|in|on|of|the)\s+){0,3}",
                    unit.text[value.end:ent.start], re.IGNORECASE):
                return ent
        return None

    def _result_metric(self, unit: Unit, value: Value, shared: Ent | None, taken: set[int]) -> Ent | None:
        """"FID 1.73", "77.2% accuracy", else the metric named earlier in the clause unless another
        number already holds it ("a 6.35% gain in accuracy and a 3.24% drop in forgetting"; but "27 H100-months
        vs. 7" share it)."""
        metrics = [e for e in unit.ents if e.label == "metric"]
        for ent in metrics:  # "FID 1.73", "accuracy: 80%"
            if ent.end <= value.start and re.fullmatch(r"\s*(?:[:=]|of)?\s*", unit.text[ent.end:value.start]):
                return ent
        after = self._metric_after(unit, value) or shared
        if after is not None:
            return after
        earlier = [e for e in metrics if e.end <= value.start]
        versus = earlier and re.fullmatch(r"\s*(?:vs\.?|versus)\s*", unit.text[earlier[-1].end:value.start])
        if earlier and (earlier[-1].index not in taken or versus) and not self._new_clause(unit.text[earlier[-1].end:value.start]):
            return earlier[-1]
        return None

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


@dataclass(frozen=True)
class PaperSubject:
    index: int  # a mention of the paper's one named proposal
    pattern: re.Pattern  # the forms the paper writes it in


class _Found:
    """What one doc yields, without duplicates."""

    def __init__(self, names: dict[int, str]):
        self.names = names  # mention index -> normalised text, so "X outperforms X" is dropped
        self.roles: list[Role] = []
        self.links: list[Link] = []
        self.results: list[ResultMention] = []
        self.proposed: set[int] = set()
        self.spans: list = []  # doc.spans["akg_entities"], for the aliases of proposed mentions
        self.title_names: set[str] = set()  # normalised names of the title's mentions
        self._seen: set[tuple] = set()

    def role(self, mention: int, role: str, evidence: Evidence) -> None:
        if (mention, role) not in self._seen:
            self._seen.add((mention, role))
            self.roles.append(Role(mention, role, evidence))

    def link(self, unit: Unit, subject: Ent | int | None, predicate: str, obj: Ent, evidence: Evidence) -> None:
        s = _index(subject)
        if s is None or s == obj.index:
            return
        if self.names.get(s) == self.names.get(obj.index):
            return
        if (s, predicate, obj.index) not in self._seen:
            self._seen.add((s, predicate, obj.index))
            self.links.append(Link(s, predicate, obj.index, evidence))


def _has_any(text: str, stems: tuple[str, ...]) -> bool:
    """A cheap substring test that lets a sentence skip a rule's large regex."""
    low = text.lower()
    return any(stem in low for stem in stems)


def _stems(*lists: list[str]) -> tuple[str, ...]:
    return tuple(sorted({w.lower().split()[0][:5] for words in lists for w in words}))


def _index(ent: Ent | int | None) -> int | None:
    return ent.index if isinstance(ent, Ent) else ent


def _paren_owner(unit: Unit, pos: int) -> Ent | None:
    """For a number inside "X (... 85.3% ...)", the mention X right before the parenthesis."""
    open_at = unit.text.rfind("(", 0, pos)
    if open_at < 0 or ")" in unit.text[open_at:pos]:
        return None
    stem = unit.text[:open_at].rstrip()
    return next((e for e in unit.ents if e.end == len(stem)), None)


_BETTER_BY = re.compile(
    r"\s*(?:(?:higher|better|faster|lower|fewer|less|more|improvement|gain|gains|reduction|speed-?up|saving|savings|"
    r"relative|absolute|points?|in\s+[\w-]+)\s+){0,3}(?:over|compared\s+(?:to|with)|relative\s+to|than|against)\s+"
    r"(?:the\s+)?(?:(?:SOTA|state-of-the-art|strong|baseline|prior|previous|vanilla|standard)\s+)?", re.IGNORECASE)
_WORSE = re.compile(r"\b(?:drops?|degrad\w*|worse|loses|lags?|behind|slower|lower\s+(?:accuracy|performance|quality))\b",
                    re.IGNORECASE)
_SHORT_ARTICLE_GAP = re.compile(r"\s*(?:a|an|the)\s+(?:(?:novel|new|simple|unified|general)\s+)?", re.IGNORECASE)
_ITEM_START = re.compile(r"(?:\(?(?:\d|[ivx]+)\)|[,;]\s*(?:and\s+)?(?:\(?(?:\d|[ivx]+)\)\s*)?)\s*$")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


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


def _after_versus(unit: Unit, value: Value, cluster: list[Value]) -> bool:
    """The number follows "vs." inside its cluster: "(83.4% vs. 60.0%)"."""
    at = cluster.index(value)
    return at > 0 and bool(re.fullmatch(r"\s*(?:vs\.?|versus)\s*", unit.text[cluster[at - 1].end:value.start]))


def _value_clusters(unit: Unit, values: list[Value]) -> list[list[Value]]:
    """Numbers written as one list: "77.2% and 50.7%", "(47.6% → 93.8% and 22.0% → 86.0%)"."""
    clusters: list[list[Value]] = []
    for value in values:
        if clusters and re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/|vs\.?\s+|versus\s+)\s*",
                                     unit.text[clusters[-1][-1].end:value.start]):
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return clusters


def _groups(unit: Unit, labels: tuple[str, ...]) -> list[list[Ent]]:
    """Runs of mentions of the given types joined by commas/"and"; "X (Y)" counts once."""
    groups: list[list[Ent]] = []
    last: Ent | None = None
    for ent in unit.ents:
        if ent.label not in labels:
            continue
        if last is not None and _is_paren_alias(unit, ent) and unit.text[last.end:ent.start].strip() == "(":
            continue
        gap = unit.text[last.end:ent.start] if last is not None else None
        if gap is not None and _GROUP_JOIN.fullmatch(gap):
            groups[-1].append(ent)
        else:
            groups.append([ent])
        last = ent
    return groups


# ---------------------------------------------------------------- numbers


@dataclass(frozen=True)
class Value:
    start: int  # offsets in the unit of the whole value text (qualifier included)
    end: int
    text: str  # as written, LaTeX markup removed
    value: Decimal | None


_DIGITS = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = (r"(?P<unit>\s?(?:\\?%|percentage\s+points?\b|percent\b|pp\b|points?\b|pts\b|[xX×](?![\w])"
         r"|\$?\s*\\times\s*\$?|-?fold\b|times\b))?")
_NUMBER = re.compile(r"(?<![\w.@^/\\,-])(?P<sign>[+\-−])?" + _DIGITS + _UNIT)
_UPPER = re.compile(_DIGITS + _UNIT)  # the second number of a range, right after its dash
_ARROW = re.compile(r"\s*(?:\$?\s*\\(?:rightarrow|to)\s*\$?|→|->)\s*")
_RANGE = re.compile(r"\s*(?:\$\\sim\$|\\sim|~|–|-(?=\d))\s*")
_TO_RANGE = re.compile(r"\s+to\s+(?=[+\-]?\d)")
_RANGING = re.compile(r"\brang\w*\s+from\s*$", re.IGNORECASE)
_DIGIT_OR_FOLD = re.compile(r"\d|fold", re.IGNORECASE)
_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FOLD = re.compile(r"(?<![\w-])(two|three|four|five|six|seven|eight|nine|ten)-?fold\b", re.IGNORECASE)
_FOLD_COUNT = re.compile(r"\b(?:is|are|was|were)\s+$", re.IGNORECASE)
_MATH = re.compile(r"\$[^$]{0,80}\$")
_URL = re.compile(r"https?://\S+|\S+\.(?:com|org|io|ai)\S*")
_LATEX = ((r"\%", "%"), (r"\times", "×"), (r"\rightarrow", "→"), (r"\sim", "~"), ("$", ""))


def _clean(text: str) -> str:
    for latex, plain in _LATEX:
        text = text.replace(latex, plain)
    return " ".join(text.split())


def _decimal(sign: str | None, num: str) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if sign in ("-", "−") else value


def find_values(unit: Unit, cues: Cues) -> list[Value]:
    """The numbers in a unit that report a result, in order; sizes, dates, counts and names are left out."""
    text = unit.text
    if not _DIGIT_OR_FOLD.search(text):
        return []
    skip = [(m.start(), m.end()) for m in _URL.finditer(text)]
    skip += [(e.start, e.end) for e in unit.ents]
    skip += [(m.start(), m.end()) for m in _MATH.finditer(text) if re.search(r"[\^_{}]|O\(", m.group(0))]
    values: list[Value] = []
    consumed = 0
    for m in _NUMBER.finditer(text):
        if m.start() < consumed or any(a <= m.start() < b for a, b in skip):
            continue
        if not _is_result_number(text, m, unit, cues):
            continue
        start, end = m.start(), m.end()
        currency = _is_currency(text, m)
        start -= currency
        qualifier = cues.qualifier_before.search(text[max(0, start - 20):start])
        if qualifier:
            start -= len(qualifier.group(0))
        value = _decimal(m.group("sign"), m.group("num"))
        arrow = _ARROW.match(text, end)
        after = _NUMBER.match(text, arrow.end()) if arrow else None
        span = _RANGE.match(text, end)
        upper = _UPPER.match(text, span.end()) if span else None
        if after:  # "47.6% → 93.8%" is one result, worth the final number
            end, value = after.end(), _decimal(after.group("sign"), after.group("num"))
        elif upper and (upper.group("unit") or m.group("unit")):  # "1$\sim$2 points", "34.5%-47.3%": a range
            end, value = upper.end(), None
        elif _TO_RANGE.match(text, end) and _prev_word(text[:start]) == "from" and not _RANGING.search(text, 0, start):
            continue  # "from 40% to 60%": the result is the second number
        elif _TO_RANGE.match(text, end) and m.group("unit"):  # "67.7% to 123.2%", "ranging from 88.7% to 92.9%"
            upper = _UPPER.match(text, _TO_RANGE.match(text, end).end())
            if upper and upper.group("unit"):
                end, value = upper.end(), None
        if cues.percent_setting.match(text[end:]) and "%" in text[start:end]:
            continue  # "30% to 50% of the data" is a setting
        consumed = end
        written = text[start:end]
        values.append(Value(start, end, written[:currency] + _clean(written[currency:]) if currency else _clean(written), value))
    for m in _FOLD.finditer(text):  # "a twofold increase"; not "our contributions are threefold:"
        if not any(a <= m.start() < b for a, b in skip) and not _FOLD_COUNT.search(text, 0, m.start()):
            values.append(Value(m.start(), m.end(), m.group(0), Decimal(_FOLD_WORDS[m.group(1).lower()])))
    return sorted(values, key=lambda v: v.start)


def _is_currency(text: str, m: re.Match) -> int:
    """1 for "$534,700" (the sign's length), 0 otherwise; "$4\\%$" is LaTeX math, not dollars."""
    if m.start() == 0 or text[m.start() - 1] not in "$€£" or (m.start() > 1 and text[m.start() - 2] not in " (\n"):
        return 0
    return 0 if text[m.start() - 1] == "$" and "$" in text[m.end():m.end() + 3] else 1


def _is_result_number(text: str, m: re.Match, unit: Unit, cues: Cues) -> bool:
    has_unit = bool(m.group("unit")) or bool(_is_currency(text, m))
    span = _RANGE.match(text, m.end())
    if span and not has_unit:
        upper = _UPPER.match(text, span.end())
        return bool(upper and upper.group("unit"))  # "1~2 points", "10-20%"
    after = text[m.end():]
    if not has_unit and _GLUED_AFTER.match(after):
        return False  # 7B, 103K, 8K-token, 3rd, 6 / 7, 5-9
    if cues.scale_after.match(after) or _prev_word(text[:m.start()]) in cues.pre_number_blockers:
        return False
    if re.search(r"(?<![\w-])[pP](?:-value)?\s*(?:[<=>≤≥]|&lt;)\s*$", text[max(0, m.start() - 12):m.start()]):
        return False  # a p-value is a test statistic, not a result
    if has_unit:
        return not ("%" in (m.group("unit") or "") and cues.percent_setting.match(after))
    num = m.group("num")
    if text[m.start() - 1:m.start()] == "(" and after.startswith(")"):
        return False  # an enumerator "(1)"
    metric_next = any(e.label == "metric" and e.start - m.end() in (0, 1) for e in unit.ents)
    metric_before = any(e.label == "metric" and 0 <= m.start() - e.end <= 2 for e in unit.ents)
    if not (metric_next or cues.post_number_ok.match(after)):
        return False
    if "." not in num:
        if "," not in num and 1900 <= int(num) <= 2100:
            return False  # a year
        return metric_next or metric_before or bool(cues.integer_cue_before.search(text[max(0, m.start() - 30):m.start()]))
    version = re.search(r"(?<![\w-])[A-Z][\w-]*\s$", text[max(0, m.start() - 30):m.start()])
    return metric_before or not version or bool(cues.integer_cue_before.search(text[max(0, m.start() - 30):m.start()]))


@Language.factory("akg_relations", default_config={"cues_path": ""})
def make_relations(nlp: Language, name: str, cues_path: str) -> RelationFinder:
    """Pipeline factory; `cues_path` overrides the bundled data/relations/cues.json."""
    return RelationFinder(load_cues(cues_path or None))
