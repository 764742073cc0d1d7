"""`akg_relations`: what the paper does with each entity, how entities relate, which numbers are results.

Runs last in the pipeline. Reads the entity spans in `doc.spans["akg_entities"]` and the sentence
boundaries; writes `doc._.akg_roles` (kg.model.Role), `doc._.akg_links` (kg.model.Link) and
`doc._.akg_results` (kg.model.ResultMention). Mention indices are positions in
`doc.spans["akg_entities"]`. Every item carries an Evidence naming the sentence and the rule.

The rules are regular expressions over one sentence at a time, built from the cue lists in
data/relations/cues.json, so there is no parser to wait for. A "unit" is a sentence cut at blank
lines: a punctuation-only sentencizer glues the title to the first abstract sentence.

Modules, along the data flow:
- cues.py      the cue lists compiled into regexes
- units.py     units, mentions, what one doc yields, shared text helpers
- roles.py     proposes, the paper's one named proposal, default roles
- subjects.py  who a claim is about; negation and hedging
- links.py     outperforms, basedOn, variantOf
- numbers.py   which numbers report a result
- results.py   a result's subject, benchmark and metric
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.names import normalize

from .cues import CUES_PATH, Cues, load_cues
from .links import LinkRules
from .numbers import Value, find_values
from .results import ResultRules
from .roles import RoleRules
from .units import AGENTS, ENTITY_KEY, TEXT_KEY, Ent, PaperSubject, Unit, _Found, _words, split_units

__all__ = ["CUES_PATH", "TEXT_KEY", "ENTITY_KEY", "AGENTS", "Cues", "load_cues", "RelationFinder", "split_units",
           "find_values", "register_extensions", "Ent", "Unit", "Value", "PaperSubject"]


def register_extensions() -> None:
    """Declare the attributes this component reads and writes (idempotent, shared with the finders)."""
    for name in ("akg_roles", "akg_links", "akg_results"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, default in (("akg_extractor", ""), ("akg_confidence", 0.0), ("akg_aliases", ())):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()


class RelationFinder(RoleRules, LinkRules, ResultRules):
    """The callable pipeline component; one instance per pipeline."""

    def __call__(self, doc: Doc) -> Doc:
        units = split_units(doc)
        found = _Found({e.index: normalize(e.text) for u in units for e in u.ents})
        found.spans = doc.spans[ENTITY_KEY] if ENTITY_KEY in doc.spans else []
        found.title_names = {found.names[e.index] for u in units if u.is_title for e in u.ents}
        title = " ".join(u.text for u in units if u.is_title)
        found.title_text = f" {_words(title)} "
        lead = re.match(r"\s*([^:]{1,60}?)\s*(?::|\s--?\s)", title)
        found.title_lead = _words(lead.group(1)) if lead else ""
        for unit in units:
            self.find_proposed(unit, found)
        for unit in units:
            self.find_components(unit, found)
        self.find_named_parts(units, found)
        subject = self.paper_subject(units, found)
        found.own_benchmark = self.own_benchmark(units, found)
        for unit in units:
            self.find_outperforms(unit, found, subject)
            self.find_based_on(unit, found, subject)
            self.find_results(unit, found, subject)
        self.find_variants(units, found)
        self.add_default_roles(units, found)
        doc._.akg_roles, doc._.akg_links, doc._.akg_results = found.roles, found.links, found.results
        return doc


@Language.factory("akg_relations", default_config={"cues_path": ""})
def make_relations(nlp: Language, name: str, cues_path: str) -> RelationFinder:
    """Pipeline factory; `cues_path` overrides the bundled data/relations/cues.json."""
    return RelationFinder(load_cues(cues_path or None))
