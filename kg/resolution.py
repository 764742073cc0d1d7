"""Resolution: per-paper mentions -> one Entity per real thing across the corpus.

Forms that normalise alike (GSM8K, GSM-8K, gsm8k) are one entity. A short form defined
next to a long one ("Hierarchical Reward Model (HRM)") joins them, corpus-wide, unless
the short form is defined with different long forms in different papers: then it is
ambiguous and only joins within the paper that defines it. Spellings of one curated
lexicon name (AIME24, AIME 2024) are one entity wherever they are written. Model sizes and versions
(Qwen2.5-7B, Qwen2.5-72B) stay apart and point to their family with variantOf.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from kg.model import Entity, Evidence, Extraction, PaperFacts, Resolution, Result
from kg.names import normalize, singular_name

# "Qwen2.5-7B-Instruct" -> "Qwen2.5"; "Llama-3.1-8B" -> "Llama-3.1"; "Mamba-2.8B" -> "Mamba".
_SIZE = re.compile(r"^(?P<family>.*?[A-Za-z].*?)[-_ ]?\d+(?:\.\d+)?[BMK](?:[-_ ].*)?$", re.IGNORECASE)
# The specific roles name the type of what they point to; resolution has the last word on the
# type (majority over the corpus), so a role follows the entity's final type.
ROLE_FOR_TYPE = {"method": "usesMethod", "model": "usesModel", "benchmark": "evaluatesOn",
                 "metric": "reportsMetric", "task": "addressesTask"}
_TYPED_ROLES = set(ROLE_FOR_TYPE.values())
_EDITION = re.compile(r"^(?P<family>.+?)[-_ ](?:Instruct|Chat|Base|Preview|mini)$", re.IGNORECASE)


class _Forms:
    """Union-find over normalised forms."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, form: str) -> str:
        self.parent.setdefault(form, form)
        while self.parent[form] != form:
            self.parent[form] = self.parent[self.parent[form]]
            form = self.parent[form]
        return form

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Group:
    """The forms one paper gives one entity, and what the paper says about its type."""

    forms: set[str] = field(default_factory=set)  # surface forms
    types: Counter = field(default_factory=Counter)
    canonical: set[str] = field(default_factory=set)  # curated lexicon names of its forms

    @cached_property  # asked for by every pass after the group is complete
    def primary(self) -> str:
        return max(self.forms, key=_label_rank)


def _label_rank(form: str) -> tuple:
    """Fullest name first; of a plural and its singular ("accuracies", "accuracy"), the singular."""
    single = singular_name(form)
    return len(normalize(single)), single == form, form


# One paper's resolution input, compact enough to cache and to stream: per group of mentions,
# (primary form, its normalised form, (forms, ...), (their normalised forms, ...),
# ((type, weight), ...) in the order the paper gave them, (normalised curated names, ...)).
PaperGroups = tuple


def resolve(extractions: Iterable[Extraction]) -> Resolution:
    extractions = list(extractions)
    groups = [_paper_groups(x) for x in extractions]
    compact = [compact_groups(g) for g in groups]
    resolver = Resolver()
    for paper in compact:
        resolver.add_forms(paper)
    resolver.join()
    for paper in compact:
        resolver.add_names(paper)
    entities = resolver.entities()
    papers = [_paper_facts(x, g, resolver.keys(primaries(c)), entities) for x, g, c in zip(extractions, groups, compact)]
    return Resolution(entities=entities, papers=papers, merges=resolver.merges)


def paper_groups(extraction: Extraction) -> PaperGroups:
    """What resolution needs of one paper, without its evidence (kg.cache keeps it per text)."""
    return compact_groups(_paper_groups(extraction))


def paper_facts(extraction: Extraction, keys: list[str], entities: dict[str, Entity]) -> PaperFacts:
    """One paper's facts, given the entity key of each of its groups (Resolver.keys)."""
    return _paper_facts(extraction, _paper_groups(extraction), keys, entities)


def compact_groups(groups: list[tuple[_Group, list[int]]]) -> PaperGroups:
    compact = []
    for group, _ in groups:
        forms = sorted(group.forms)
        compact.append((group.primary, normalize(group.primary), tuple(forms), tuple(normalize(f) for f in forms),
                        tuple(group.types.items()), tuple(normalize(c) for c in sorted(group.canonical))))
    return tuple(compact)


def primaries(paper: PaperGroups) -> tuple[str, ...]:
    """What Resolver.keys reads of a paper's groups (kg.cache keeps it apart, to read it fast)."""
    return tuple(group[1] for group in paper)


class Resolver:
    """Global resolution in passes over the papers' groups, holding state per distinct name only.

    add_forms(every paper), join(), add_names(every paper, in the same order); then entities(),
    merges and keys(paper) are what resolve() gives (and no more papers can be added)."""

    def __init__(self) -> None:
        self.forms = _Forms()
        self.long_forms_of: dict[str, set[str]] = defaultdict(set)
        self.shorts: set[tuple[str, str]] = set()  # (primary, another form of its group)
        self.canonical: set[tuple[str, str]] = set()  # (primary, a curated name of one of its forms)
        # Per root, in first-seen order: the one group that named it (most roots are named by one
        # paper, and its group is already in memory), or a _Tally once a second group names it.
        self.votes: dict[str, tuple | _Tally] = {}
        self._entities: dict[str, Entity] | None = None

    def add_forms(self, paper: PaperGroups) -> None:
        """Pass 1: which forms each primary form is written with, across the corpus."""
        for _, primary, _, norms, _, canonical in paper:
            self.forms.find(primary)
            for norm in norms:
                if norm != primary:
                    self.long_forms_of[norm].add(primary)
                    self.shorts.add((primary, norm))
            self.canonical.update((primary, name) for name in canonical)

    def join(self) -> None:
        """Short forms join their long form when unambiguous; spellings of one curated name always.
        The union-find's root is the smallest form of each set, in whatever order the unions come."""
        for primary, short in self.shorts:
            if len(self.long_forms_of[short]) == 1:
                self.forms.union(primary, short)
        for primary, name in self.canonical:
            self.forms.union(primary, name)
        self.shorts, self.long_forms_of, self.canonical = set(), defaultdict(set), set()

    def add_names(self, paper: PaperGroups) -> None:
        """Pass 2, papers in build order (a type vote's tie goes to the first type voted for)."""
        for group in paper:
            root = self.forms.find(group[1])
            seen = self.votes.get(root)
            if seen is None:
                self.votes[root] = group
                continue
            if isinstance(seen, tuple):
                seen = self.votes[root] = _Tally(seen)
            seen.add(group)

    def keys(self, primaries: tuple[str, ...]) -> list[str]:
        """The entity key of each of a paper's groups, from their primaries()."""
        return [self.forms.find(primary) for primary in primaries]

    @property
    def merges(self) -> int:
        """How many distinct normalised forms were folded into an entity named otherwise."""
        self.entities()
        return self._merges

    def entities(self) -> dict[str, Entity]:
        """One entity per root form; its label is the name most papers give it, the fullest on a tie.

        Most papers first: one paper defining "COMET" as its own tool's long form, or writing
        "a Transformer module", must not rename the entity every other paper refers to."""
        if self._entities is None:
            entities, merges = {}, 0
            # Each root's votes are dropped as its entity is made, so the entities take the
            # memory the votes leave instead of adding to it (the build's peak at corpus scale).
            for root in list(self.votes):
                tally = self.votes.pop(root)
                if isinstance(tally, tuple):  # named by one group: what a _Tally of it would give
                    label, _, forms, norms, types, _ = tally
                    # the first type of the largest weight, as Counter.most_common(1) picks it
                    type_ = types[0][0] if len(types) == 1 else max(types, key=lambda vote: vote[1])[0]
                    aliases, names = set(forms), len(set(norms))
                else:
                    counts, votes = tally.labels, tally.types
                    label = max(counts, key=lambda f: (counts[f], _label_rank(f))) if len(counts) > 1 \
                        else next(iter(counts))
                    type_ = votes.most_common(1)[0][0] if len(votes) > 1 else next(iter(votes))
                    aliases, names = tally.surface, len(tally.norms)  # spent: the surface forms become the aliases
                aliases.discard(label)
                entities[root] = Entity(key=root, type=type_, label=label, aliases=aliases)
                merges += names - 1
            _add_families(entities)
            self._entities, self._merges = entities, merges
        return self._entities


class _Tally:
    """The votes of every group that names one root: types, labels, surface forms, normalised forms."""

    __slots__ = ("types", "labels", "surface", "norms")

    def __init__(self, group: tuple) -> None:
        self.types, self.labels, self.surface, self.norms = Counter(), Counter(), set(), set()
        self.add(group)

    def add(self, group: tuple) -> None:
        primary_form, _, forms, norms, types, _ = group
        for type_, weight in types:
            self.types[type_] = weight + self.types.get(type_, 0)  # as Counter.update adds
        self.labels[primary_form] += 1
        self.surface.update(forms)
        self.norms.update(norms)


def _paper_groups(extraction: Extraction) -> list[tuple[_Group, list[int]]]:
    """Group one paper's mentions by the forms they share; returns groups with their mention indices."""
    local = _Forms()
    # "accuracies" is also "accuracy": the label wants the singular (the scorer only drops a final "s")
    singulars = [singular_name(m.text, m.type) for m in extraction.mentions]
    singulars = [s if s != m.text and normalize(s) else None for s, m in zip(singulars, extraction.mentions)]
    for mention, single in zip(extraction.mentions, singulars):
        if single:
            local.union(normalize(mention.text), normalize(single))
        for alias in mention.aliases:
            if normalize(alias):
                local.union(normalize(mention.text), normalize(alias))
    by_root: dict[str, tuple[_Group, list[int]]] = {}
    for index, mention in enumerate(extraction.mentions):
        norm = normalize(mention.text)
        if not norm:
            continue
        group, members = by_root.setdefault(local.find(norm), (_Group(), []))
        group.forms.add(mention.text)
        if singulars[index]:
            group.forms.add(singulars[index])
        group.forms.update(a for a in mention.aliases if normalize(a))
        group.types[mention.type] += mention.confidence
        if mention.canonical:
            group.canonical.add(mention.canonical)
        members.append(index)
    return list(by_root.values())


def family_name(label: str) -> str | None:
    """The family a sized or edition-suffixed model name belongs to, if its name says so."""
    for pattern in (_SIZE, _EDITION):
        match = pattern.match(label)
        if match:
            family = match.group("family").rstrip("-_ ")
            if normalize(family) and normalize(family) != normalize(label):
                return family
    return None


def _add_families(entities: dict[str, Entity]) -> None:
    for entity in list(entities.values()):
        if entity.type != "model":
            continue
        family = family_name(entity.label)
        if not family:
            continue
        key = normalize(family)
        existing = entities.get(key)
        if existing is None:
            entities[key] = Entity(key=key, type="model", label=family)
        elif existing.type != "model":
            continue  # Mamba-2.8B is a model, Mamba the architecture is not its family
        entity.family = key


def _paper_facts(extraction: Extraction, groups, keys: list[str], entities: dict[str, Entity]) -> PaperFacts:
    key_of: dict[int, str] = {}
    facts = PaperFacts(paper=extraction.paper)
    for (group, members), key in zip(groups, keys):
        for index in members:
            key_of[index] = key
        facts.surface_forms.setdefault(key, set()).update(group.forms)
        first = extraction.mentions[members[0]]
        facts.roles.append((key, "mentions", _mention_evidence(extraction, first, group.primary)))
    for role in extraction.roles:
        if role.mention in key_of:
            key = key_of[role.mention]
            name = ROLE_FOR_TYPE[entities[key].type] if role.role in _TYPED_ROLES else role.role
            facts.roles.append((key, name, role.evidence))
    for link in extraction.links:
        subject, obj = key_of.get(link.subject), key_of.get(link.object)
        if subject and obj and subject != obj:
            facts.links.append((subject, link.predicate, obj, link.evidence))
    for key in list(facts.surface_forms):
        family = entities[key].family
        if family:
            facts.links.append((key, "variantOf", family, None))
    for r in extraction.results:
        facts.results.append(
            Result(
                value_text=r.value_text,
                value=r.value,
                evidence=r.evidence,
                subject=key_of.get(r.subject),
                benchmark=_if_type(key_of.get(r.benchmark), "benchmark", entities),
                metric=_if_type(key_of.get(r.metric), "metric", entities),
            )
        )
    return facts


def _if_type(key: str | None, type_: str, entities: dict[str, Entity]) -> str | None:
    """A result's benchmark must be a benchmark and its metric a metric, after resolution typed them."""
    return key if key is not None and entities[key].type == type_ else None


def _mention_evidence(extraction: Extraction, mention, written: str) -> Evidence:
    # `written` keeps the paper's own name for the entity, whatever label the corpus gives it.
    text = extraction.paper.text
    start, end = _sentence_bounds(text, mention.start, mention.end)
    return Evidence(text[start:end], start, end, mention.extractor, mention.confidence, written)


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around a span, cut at sentence-final punctuation or the title break."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    left = left + 1 if left >= 0 else 0
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    while left < start and text[left].isspace():
        left += 1
    return left, right
