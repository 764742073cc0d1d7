"""Score the built graph against a gold JSONL file (shared/docs/ANNOTATION.md).

Scoring goes through the RDF a user would query, never through internal objects: the
papers are built with `kg.api.build_dataset`, and each paper's named graph is read with
SPARQL for the entities it `akg:mentions` (type, rdfs:label, skos:altLabel), the ones it
`akg:proposes`, its results and its `akg:outperforms` links.

A predicted entity matches a gold entity of the same type when the name the paper gives
it normalises (kg.names.normalize) to the gold name or one of its aliases, as the
guideline scores (see match_entities for which names those are); the slots of results
and outperforms pairs match on any of the entity's names. Counts are
micro-averaged over papers: per type, "overall" over method/model/benchmark/metric, task
on its own, `proposed`, results and outperforms pairs, plus recall on gold entities whose
names are in none of the extractor's lexicons ("unseen").
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Paper
from kg.names import normalize

CORE_TYPES = ("method", "model", "benchmark", "metric")
TYPE_OF_CLASS = {"Method": "method", "Model": "model", "Benchmark": "benchmark", "Metric": "metric", "Task": "task"}


class GoldError(ValueError):
    """A gold file that cannot be scored; the message names the file and line."""


# ---------------------------------------------------------------- records


@dataclass(frozen=True)
class GoldEntity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    proposed: bool = False

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(normalize(n) for n in (self.name,) + self.aliases) - {""}


@dataclass
class GoldPaper:
    source: str  # "file:line"
    id: str | None
    title: str
    abstract: str
    entities: list[GoldEntity]
    results: list[dict]
    outperforms: list[dict]


@dataclass(frozen=True)
class PredEntity:
    iri: str
    type: str
    names: frozenset[str]  # normalised label and altLabels
    label: str
    proposed: bool = False
    written: frozenset[str] = frozenset()  # normalised akg:asWritten of its mention; empty: the label

    @property
    def own_names(self) -> frozenset[str]:
        return self.written or frozenset({normalize(self.label)})


@dataclass
class Predicted:
    entities: list[PredEntity] = field(default_factory=list)
    results: list[dict] = field(default_factory=list)  # subject/benchmark/metric: frozenset of names; value: str
    outperforms: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)


@dataclass
class Count:
    """tp = gold items found, fn = gold items missed, fp = predictions matching no gold item.

    Precision is (predictions that match a gold item) / predictions: two predicted nodes
    that both match one gold entity (say "OpenAI o1" and "o1" left unmerged) are both
    correct by the guideline's rule, so `hit` counts matching predictions separately."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    hit: int | None = None  # predictions that match some gold item (None: same as tp)

    @property
    def predicted_ok(self) -> int:
        return self.tp if self.hit is None else self.hit

    @property
    def precision(self) -> float:
        total = self.predicted_ok + self.fp
        return self.predicted_ok / total if total else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Count") -> None:
        self.hit = self.predicted_ok + other.predicted_ok
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "predicted_ok": self.predicted_ok, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    counts: dict[str, Count]  # method, model, benchmark, metric, overall, task, proposed, results, outperforms
    unseen: Count  # recall only: gold core entities absent from the lexicons
    errors: list[str]  # "file:line: miss|false hit ..." lines
    papers: int

    def as_dict(self) -> dict:
        return {"papers": self.papers, **{k: c.as_dict() for k, c in self.counts.items()},
                "unseen": {"tp": self.unseen.tp, "fn": self.unseen.fn, "recall": round(self.unseen.recall, 4)}}


# ---------------------------------------------------------------- gold


def load_gold(path: str | Path) -> list[GoldPaper]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"{path}: cannot read gold file ({exc.strerror})") from exc
    papers = [_gold_paper(f"{path}:{number}", line) for number, line in enumerate(lines, 1) if line.strip()]
    if not papers:
        raise GoldError(f"{path}: no gold papers in the file")
    return papers


def _gold_paper(where: str, line: str) -> GoldPaper:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise GoldError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from exc
    if not isinstance(record, dict) or not isinstance(record.get("entities"), list):
        raise GoldError(f"{where}: a gold line needs an object with an \"entities\" list")
    entities = []
    for n, item in enumerate(record["entities"], 1):
        if not isinstance(item, dict) or not item.get("name") or item.get("type") not in TYPE_OF_CLASS.values():
            raise GoldError(f"{where}: entity {n} needs a \"name\" and a \"type\" among {sorted(TYPE_OF_CLASS.values())}")
        entities.append(GoldEntity(item["name"], item["type"], tuple(item.get("aliases") or ()), bool(item.get("proposed"))))
    return GoldPaper(where, record.get("id"), record.get("title") or "", record.get("abstract") or "", entities,
                     list(record.get("results") or ()), list(record.get("outperforms") or ()))


def gold_papers_as_input(gold: Sequence[GoldPaper]) -> list[Paper]:
    """The papers to build when no INPUT is given: the gold lines' own title and abstract."""
    from kg.readers import make_paper

    missing = [g.source for g in gold if not g.abstract.strip()]
    if missing:
        raise GoldError(f"{missing[0]}: no \"abstract\" to build from (give INPUT files instead)")
    return [make_paper(abstract=g.abstract, title=g.title, id=g.id, source=g.source) for g in gold]


def pair_papers(gold: Sequence[GoldPaper], papers: Sequence[Paper]) -> list[tuple[GoldPaper, Paper]]:
    """Each gold paper with the input paper it describes: same id, else same abstract text."""
    by_id = {p.id: p for p in papers if p.id}
    by_text = {_squash(p.abstract): p for p in papers}
    pairs = []
    for g in gold:
        paper = by_id.get(g.id) if g.id else None
        paper = paper or by_text.get(_squash(g.abstract))
        if paper is None:
            raise GoldError(f"{g.source}: no input paper has this gold line's id or abstract")
        pairs.append((g, paper))
    return pairs


def _squash(text: str) -> str:
    # The readers remove markup (LaTeX, HTML); compare what they keep.
    from kg.clean import clean_text

    return clean_text(text).lower()


# ---------------------------------------------------------------- predictions from RDF

ENTITY_QUERY = """
PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?class ?label ?alt ?proposed WHERE {
  GRAPH ?g {
    ?paper akg:mentions ?e .
    ?e a ?class ; rdfs:label ?label .
    FILTER (?class IN (akg:Method, akg:Model, akg:Benchmark, akg:Metric, akg:Task))
    OPTIONAL { ?e skos:altLabel ?alt }
    BIND (EXISTS { ?paper akg:proposes ?e } AS ?proposed)
  }
}"""

RESULT_QUERY = """
PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
SELECT ?r ?value ?role ?e WHERE {
  GRAPH ?g {
    ?paper akg:reportsResult ?r .
    OPTIONAL { ?r akg:valueText ?value }
    OPTIONAL { VALUES ?role { akg:resultFor akg:onBenchmark akg:withMetric } ?r ?role ?e }
  }
}"""

OUTPERFORMS_QUERY = """
PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
SELECT ?s ?o WHERE { GRAPH ?g { ?s akg:outperforms ?o } }"""

NAMES_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?name WHERE { GRAPH ?g { { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } } }"""

WRITTEN_QUERY = """
PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?e ?written WHERE {
  GRAPH ?g { ?ev rdf:predicate akg:mentions ; rdf:object ?e ; akg:asWritten ?written }
}"""

ROLE_FIELD = {"resultFor": "subject", "onBenchmark": "benchmark", "withMetric": "metric"}


def predictions(dataset, graph_iri: str) -> Predicted:
    """What one paper's named graph asserts, in the terms the scorer compares."""
    from rdflib import URIRef

    bindings = {"g": URIRef(graph_iri)}
    names: dict[str, set[str]] = {}
    for row in dataset.query(NAMES_QUERY, initBindings=bindings):
        names.setdefault(str(row.e), set()).add(normalize(str(row.name)))
    written: dict[str, set[str]] = {}
    for row in dataset.query(WRITTEN_QUERY, initBindings=bindings):
        written.setdefault(str(row.e), set()).add(normalize(str(row.written)))
    entities: dict[str, PredEntity] = {}
    for row in dataset.query(ENTITY_QUERY, initBindings=bindings):
        iri = str(row.e)
        kind = TYPE_OF_CLASS[str(row["class"]).rsplit("#", 1)[-1]]
        key = f"{iri} {kind}"
        if key not in entities:
            entities[key] = PredEntity(iri, kind, frozenset(names.get(iri, ())) - {""}, str(row.label),
                                       bool(row.proposed.toPython()), frozenset(written.get(iri, ())) - {""})
    results: dict[str, dict] = {}
    for row in dataset.query(RESULT_QUERY, initBindings=bindings):
        result = results.setdefault(str(row.r), {"value": str(row.value or ""), "subject": frozenset(),
                                                 "benchmark": frozenset(), "metric": frozenset()})
        if row.role is not None:
            slot = ROLE_FIELD[str(row.role).rsplit("#", 1)[-1]]
            result[slot] = result[slot] | frozenset(names.get(str(row.e), ()))
    pairs = [(frozenset(names.get(str(r.s), ())), frozenset(names.get(str(r.o), ())))
             for r in dataset.query(OUTPERFORMS_QUERY, initBindings=bindings)]
    # rdflib's row order follows string hashing, which changes from run to run: sorted, a report
    # (its --show-errors lines included) reads the same every time.
    return Predicted([entities[k] for k in sorted(entities)], [results[k] for k in sorted(results)],
                     sorted(pairs, key=lambda pair: (sorted(pair[0]), sorted(pair[1]))))


# ---------------------------------------------------------------- matching


def match_entities(gold: Sequence[GoldEntity], pred: Sequence[PredEntity]) -> tuple[list, list, list]:
    """Matching by the name the paper gives: (found gold, missed gold, predictions matching no gold).

    The guideline compares one name per entity and paper, the fullest the paper writes.
    An entity's rdfs:label is corpus-wide (the name most papers give it), so the paper's
    own name is the akg:asWritten of its mention evidence, and the label only where a
    graph has none: a paper that writes "o1" is scored on "o1" even where the graph
    calls the entity "OpenAI o1"; its other forms (skos:altLabel) do not count."""
    gold_keys = set().union(*(g.keys for g in gold)) if gold else set()
    found = [g for g in gold if any(g.keys & p.own_names for p in pred)]
    missed = [g for g in gold if g not in found]
    return found, missed, [p for p in pred if not p.own_names & gold_keys]


def entity_count(gold, pred, found, false) -> Count:
    return Count(tp=len(found), fp=len(false), fn=len(gold) - len(found), hit=len(pred) - len(false))


def _value_key(text: str) -> str:
    text = re.sub(r"\\(?=[%$])|\$", "", text or "")
    return re.sub(r"\s+", "", text).lower()


def _slot_matches(gold_name: str, predicted: frozenset[str]) -> bool:
    return (not predicted) if not (gold_name or "").strip() else normalize(gold_name) in predicted


def match_results(gold: Sequence[dict], pred: Sequence[dict], errors: list[str] | None = None,
                  where: str = "") -> Count:
    used: set[int] = set()
    count = Count()
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and _value_key(p["value"]) == _value_key(g.get("value", ""))
                    and all(_slot_matches(g.get(s, ""), p[s]) for s in ("subject", "benchmark", "metric"))), None)
        if hit is None:
            count.fn += 1
            if errors is not None:
                errors.append(f"{where}: miss result {_show_result(g)}")
        else:
            used.add(hit)
            count.tp += 1
    count.fp = len(pred) - len(used)
    if errors is not None:
        errors.extend(f"{where}: false result {_show_result(p)}" for i, p in enumerate(pred) if i not in used)
    return count


def _show_result(r: dict) -> str:
    def slot(v):
        return "|".join(sorted(v)) if isinstance(v, (set, frozenset)) else (v or "")
    return " / ".join(f"{k}={slot(r.get(k))!r}" for k in ("subject", "benchmark", "metric", "value"))


def match_pairs(gold: Sequence[dict], pred: Sequence[tuple[frozenset, frozenset]],
                errors: list[str] | None = None, where: str = "") -> Count:
    used: set[int] = set()
    count = Count()
    for g in gold:
        s, o = normalize(g.get("subject", "")), normalize(g.get("object", ""))
        hit = next((i for i, (ps, po) in enumerate(pred) if i not in used and s in ps and o in po), None)
        if hit is None:
            count.fn += 1
            if errors is not None:
                errors.append(f"{where}: miss outperforms {g.get('subject', '')!r} > {g.get('object', '')!r}")
        else:
            used.add(hit)
            count.tp += 1
    count.fp = len(set(range(len(pred))) - used)
    if errors is not None:
        errors.extend(f"{where}: false outperforms {'|'.join(sorted(ps))!r} > {'|'.join(sorted(po))!r}"
                      for i, (ps, po) in enumerate(pred) if i not in used)
    return count


# ---------------------------------------------------------------- scoring


def score_paper(gold: GoldPaper, pred: Predicted, known: frozenset[str], counts: dict[str, Count],
                unseen: Count, errors: list[str]) -> None:
    for kind in CORE_TYPES + ("task",):
        g_list = [e for e in gold.entities if e.type == kind]
        p_list = [e for e in pred.entities if e.type == kind]
        found, missed, false = match_entities(g_list, p_list)
        counts[kind].add(entity_count(g_list, p_list, found, false))
        if kind in CORE_TYPES:
            for g in found:
                if not g.keys & known:
                    unseen.tp += 1
            unseen.fn += sum(1 for g in missed if not g.keys & known)
        errors.extend(f"{gold.source}: miss {kind} {g.name!r}" for g in missed)
        errors.extend(f"{gold.source}: false {kind} {p.label!r}" for p in false)
    g_list = [e for e in gold.entities if e.proposed]
    p_list = [e for e in pred.entities if e.proposed]
    found, missed, false = match_entities(g_list, p_list)
    counts["proposed"].add(entity_count(g_list, p_list, found, false))
    errors.extend(f"{gold.source}: miss proposed {g.name!r}" for g in missed)
    errors.extend(f"{gold.source}: false proposed {p.label!r}" for p in false)
    counts["results"].add(match_results(gold.results, pred.results, errors, gold.source))
    counts["outperforms"].add(match_pairs(gold.outperforms, pred.outperforms, errors, gold.source))


def score(pairs: Iterable[tuple[GoldPaper, Predicted]], known_names: frozenset[str] = frozenset()) -> Report:
    counts = {k: Count() for k in CORE_TYPES + ("overall", "task", "proposed", "results", "outperforms")}
    unseen, errors, n = Count(), [], 0
    for gold, pred in pairs:
        score_paper(gold, pred, known_names, counts, unseen, errors)
        n += 1
    for kind in CORE_TYPES:
        counts["overall"].add(counts[kind])
    return Report(counts, unseen, errors, n)


def evaluate(gold_path: str | Path, inputs: Sequence[str | Path] = (), n_process: int = 1) -> Report:
    """Build the graph for the gold papers (from INPUT files, or from the gold lines) and score it."""
    from kg.api import build_dataset
    from kg.extraction.lexicon import lexicon_names
    from kg.rdf import graph_iri

    gold = load_gold(gold_path)
    if inputs:
        from kg.readers import read_papers

        papers = read_papers(inputs).papers
    else:
        papers = gold_papers_as_input(gold)
    pairs = pair_papers(gold, papers)
    wanted = {p.key: p for _, p in pairs}
    dataset = build_dataset(list(wanted.values()), n_process=n_process)
    return score(((g, predictions(dataset, str(graph_iri(p.key)))) for g, p in pairs), lexicon_names())


def format_report(report: Report, show_errors: bool = False) -> str:
    lines = [f"{report.papers} papers", f"{'':12s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}"]
    for kind, count in report.counts.items():
        lines.append(f"{kind:12s} {count.precision:6.3f} {count.recall:6.3f} {count.f1:6.3f} {count.tp:5d} {count.fp:5d} {count.fn:5d}")
    lines.append(f"{'unseen':12s} {'':6s} {report.unseen.recall:6.3f} {'':6s} {report.unseen.tp:5d} {'':5s} {report.unseen.fn:5d}"
                 "   (recall on core-type gold names absent from the lexicons)")
    if show_errors:
        lines.append("")
        lines.extend(report.errors)
    return "\n".join(lines)
