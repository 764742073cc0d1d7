"""The typed records that pass between stages.

readers -> Paper; extraction -> Extraction (Mentions, Roles, Links, ResultMentions);
resolution -> Resolution (Entities, PaperFacts). Stages share nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

EntityType = Literal["method", "model", "benchmark", "metric", "task"]
ENTITY_TYPES: tuple[str, ...] = ("method", "model", "benchmark", "metric", "task")

# Paper -> entity roles, all sub-properties of akg:mentions.
ROLES: tuple[str, ...] = (
    "mentions", "proposes", "usesMethod", "usesModel", "evaluatesOn", "reportsMetric", "addressesTask",
)
# Entity -> entity relations.
LINKS: tuple[str, ...] = ("outperforms", "basedOn", "variantOf")
# The n-ary result's relations: paper -> result, result -> subject, benchmark and metric.
RESULT_RELS: tuple[str, ...] = ("reportsResult", "resultFor", "onBenchmark", "withMetric")


@dataclass(frozen=True)
class Paper:
    """One abstract as read from input. `key` is stable across runs and names the paper's IRI."""

    key: str
    abstract: str
    title: str = ""
    id: str | None = None  # the identifier as given in the input, e.g. "arXiv:2501.01234"
    authors: tuple[str, ...] = ()
    authors_count: int | None = None
    date: str | None = None
    url: str | None = None
    upvotes: int | None = None
    source: str = ""  # "path:line" of the record that produced it

    @property
    def text(self) -> str:
        """The text extraction runs over: title, blank line, abstract. Offsets refer to it."""
        return f"{self.title}\n\n{self.abstract}" if self.title else self.abstract

    @property
    def abstract_offset(self) -> int:
        """Where the abstract starts inside `text`."""
        return len(self.title) + 2 if self.title else 0


@dataclass(frozen=True)
class Problem:
    """A record or file that could not be used, and why. Reported, never swallowed."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Evidence:
    """Where the text says so. Offsets are character offsets into Paper.text."""

    sentence: str
    start: int  # start of the sentence in Paper.text
    end: int
    extractor: str  # rule or model name, e.g. "rule:we-propose", "model:akg_ner"
    confidence: float
    written: str = ""  # for a mention: the fullest name the paper gives the entity, as written


@dataclass(frozen=True)
class Mention:
    """One occurrence of a named entity in a paper's text."""

    text: str  # surface form as written
    type: EntityType
    start: int  # character offsets into Paper.text
    end: int
    extractor: str
    confidence: float
    aliases: tuple[str, ...] = ()  # other forms this paper gives it: "HRM" for "Hierarchical Reward Model"
    canonical: str = ""  # the curated lexicon name it is a spelling of ("AIME 2024" for "AIME24"), if any


@dataclass(frozen=True)
class Role:
    """The paper does `role` with mentions[mention]."""

    mention: int
    role: str  # one of ROLES
    evidence: Evidence


@dataclass(frozen=True)
class Link:
    """mentions[subject] `predicate` mentions[object], e.g. outperforms."""

    subject: int
    predicate: str  # one of LINKS
    object: int
    evidence: Evidence


@dataclass(frozen=True)
class ResultMention:
    """A number the abstract attaches to a subject, benchmark and metric (indices into mentions)."""

    value_text: str  # as written: "77.2%", "2.57x", "over 80%"
    value: Decimal | None  # the number in the unit as written (77.2 for "77.2%"), None if it does not parse
    evidence: Evidence
    subject: int | None = None
    benchmark: int | None = None
    metric: int | None = None


@dataclass
class Extraction:
    """Everything extraction found in one paper."""

    paper: Paper
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    results: list[ResultMention] = field(default_factory=list)


@dataclass(slots=True)  # tens of thousands live through a corpus build
class Entity:
    """One real-world entity across the corpus. `key` names its IRI: resource/entity/<key>."""

    key: str
    type: EntityType
    label: str
    aliases: set[str] = field(default_factory=set)
    family: str | None = None  # key of the family entity for model sizes and versions


@dataclass(frozen=True)
class Result:
    """A resolved result: entity keys instead of mention indices."""

    value_text: str
    value: Decimal | None
    evidence: Evidence
    subject: str | None = None
    benchmark: str | None = None
    metric: str | None = None


@dataclass
class PaperFacts:
    """What one paper asserts, in terms of resolved entities."""

    paper: Paper
    roles: list[tuple[str, str, Evidence]] = field(default_factory=list)  # (entity key, role, evidence)
    links: list[tuple[str, str, str, Evidence]] = field(default_factory=list)  # (subject, predicate, object, evidence)
    results: list[Result] = field(default_factory=list)
    surface_forms: dict[str, set[str]] = field(default_factory=dict)  # entity key -> forms this paper wrote


@dataclass
class Resolution:
    entities: dict[str, Entity]
    papers: list[PaperFacts]
    merges: int = 0  # surface-form groups folded into an existing entity
