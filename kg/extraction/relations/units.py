"""Shared sentence helpers: units (sentences cut at blank lines), the mentions in them, what one doc
yields (`_Found`), and the small text tests every rule family uses."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.model import Evidence, Link, ResultMention, Role

from .cues import Cues

ENTITY_KEY = "akg_entities"
TEXT_KEY = "akg_text"  # doc.user_data key for the doc's text, when a component stored it
AGENTS = ("method", "model")  # the types that can propose, outperform or hold a result


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


@dataclass(frozen=True)
class PaperSubject:
    index: int  # a mention of the paper's one named proposal
    pattern: re.Pattern  # the forms the paper writes it in
    label: str = "method"  # its type: a proposed benchmark is where others' results are measured


class _Found:
    """What one doc yields, without duplicates."""

    def __init__(self, names: dict[int, str]):
        self.names = names  # mention index -> normalised text, so "X outperforms X" is dropped
        self.roles: list[Role] = []
        self.links: list[Link] = []
        self.results: list[ResultMention] = []
        self.proposed: set[int] = set()
        self.main_proposals: set[int] = set()  # proposed as the paper's contribution, not only as a part of it
        self.own_benchmark: int | None = None  # a mention of the paper's one proposed benchmark ("our benchmark")
        self.spans: list = []  # doc.spans["akg_entities"], for the aliases of proposed mentions
        self.title_names: set[str] = set()  # normalised names of the title's mentions
        self.part_kinds: set[str] = set()  # "reflection module" from "two dedicated reflection modules"
        self.title_text = ""  # the title's words (`_words`), for names the entity finder did not mark there
        self.title_lead = ""  # the words of a title's lead before ":" or " -- " ("FPQVAR: Floating Point ...")
        self.previous_unit: Unit | None = None  # the sentence before the one being read, for "the model achieved ..."
        self._seen: set[tuple] = set()
        self._proposed_names: tuple[int, set[str]] = (0, set())

    def proposed_names(self) -> set[str]:
        """Normalised names of the proposed mentions (cached until another mention is proposed)."""
        if self._proposed_names[0] != len(self.proposed):
            self._proposed_names = (len(self.proposed), {self.names[i] for i in self.proposed})
        return self._proposed_names[1]

    def in_title(self, ent: Ent) -> bool:
        """The mention's name is a title mention or, word for word, part of the title."""
        return self.names[ent.index] in self.title_names or f" {_words(ent.text)} " in self.title_text

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


def _words(text: str) -> str:
    """Lower-case words and numbers joined by single spaces: "Multi-Timescale RL" -> "multi timescale rl"."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _has_any(text: str, stems: tuple[str, ...]) -> bool:
    """A cheap substring test that lets a sentence skip a rule's large regex."""
    low = text.lower()
    return any(stem in low for stem in stems)


def _index(ent: Ent | int | None) -> int | None:
    return ent.index if isinstance(ent, Ent) else ent


def _paren_owner(unit: Unit, pos: int) -> Ent | None:
    """For a number inside "X (... 85.3% ...)", the mention X right before the parenthesis."""
    open_at = unit.text.rfind("(", 0, pos)
    if open_at < 0 or ")" in unit.text[open_at:pos]:
        return None
    stem = unit.text[:open_at].rstrip()
    return next((e for e in unit.ents if e.end == len(stem)), None)


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


class Rules:
    """What every rule family shares: the compiled cues and the confidence of a rule."""

    def __init__(self, cues: Cues):
        self.cues = cues

    def conf(self, rule: str) -> float:
        return self.cues.confidence.get(rule, 0.5)
