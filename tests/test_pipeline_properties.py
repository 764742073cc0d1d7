"""Properties of whole builds over generated corpora (hypothesis): nothing read is lost,
building in two steps equals building at once, every export re-imports to the same graph.

Corpora are JSON lines of abstracts made from templates and names, with bad lines mixed
in. The budget is small and fixed (derandomized): each example runs the real pipeline.
"""
from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg import export as kexport
from kg import extraction, graph, rdf, resolution
from kg import store as kstore
from kg.graph import paper_node
from kg.model import Paper
from kg.readers import read_papers

PIPELINE = settings(max_examples=12, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

METHODS = ["WidgetNet", "LoRA", "Chain-of-Thought", "RLHF", "<b>Tag</b>Net", "Net \"quoted\" {x}", "Über-Net 🚀"]
BENCHMARKS = ["GSM8K", "GSM-8K", "MATH500", "ImageNet", "WidgetBench", "Widget-Bench"]
METRICS = ["accuracy", "F1", "success rate"]
TEMPLATES = [
    "We propose {m}, a method for widget reasoning. {m} reaches {v}% {metric} on {b}.",
    "{m} outperforms {m2} on {b} by {v}% in {metric}.",
    "We evaluate {m2} and {m} on {b} and {b2}, using $\\mathcal{{O}}(n)$ memory &amp; time.",
]
BAD_LINES = ["{broken", '"a string"', '{"id": "x"}', '{"abstract": "bad \\ud800"}']

sentence = st.builds(
    lambda template, m, m2, b, b2, metric, v: template.format(m=m, m2=m2, b=b, b2=b2, metric=metric, v=v),
    st.sampled_from(TEMPLATES), st.sampled_from(METHODS), st.sampled_from(METHODS), st.sampled_from(BENCHMARKS),
    st.sampled_from(BENCHMARKS), st.sampled_from(METRICS), st.integers(1, 99),
)
record = st.fixed_dictionaries({
    "id": st.one_of(st.none(), st.sampled_from(["arXiv:2501.00001", "arXiv:2501.00002", "a b", "a:b", "x/y"]),
                    st.text(min_size=1, max_size=8)),
    "title": st.text(max_size=20),
    "abstract": st.lists(sentence, min_size=1, max_size=3).map(" ".join),
})
corpus = st.lists(st.one_of(record, st.sampled_from(BAD_LINES)), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def extractor():
    return extraction.load()


def write_corpus(folder: Path, name: str, lines: list) -> Path:
    path = folder / name
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
                    encoding="utf-8")
    return path


def build_quads(extractor, papers: list[Paper]):
    resolved = resolution.resolve(extractor.extract(papers))
    g = graph.to_graph(resolved)
    return g, rdf.generate(g)


def store_dataset(store: ox.Store) -> rdflib.Dataset:
    return rdflib.Dataset().parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")


def same_graphs(one: rdflib.Dataset, other: rdflib.Dataset) -> None:
    names = {g.identifier for g in other.graphs() if len(g)}
    assert {g.identifier for g in one.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(one.graph(name), other.graph(name)), name


@PIPELINE
@given(corpus)
def test_every_record_read_is_a_paper_node_or_listed_as_skipped(extractor, lines):
    path = write_corpus(Path(tempfile.mkdtemp(prefix="kg-pipe-")), "c.jsonl", lines)
    report = read_papers([path])
    g, _ = build_quads(extractor, report.papers)
    papers = {node for node, kind in g.nodes(data="kind") if kind == "Paper"}
    assert papers == {paper_node(p.key) for p in report.papers}
    if any(p.line is None for p in report.problems):  # the whole file skipped, with one reason
        assert len(report.problems) == 1 and not report.papers
        return
    skipped = [p.line for p in report.problems]
    sources = [int(p.source.rsplit(":", 1)[1]) for p in report.papers]
    assert len(sources) + len(skipped) + report.duplicates == len(lines)
    assert not set(sources) & set(skipped)


def without_entity_names(dataset: rdflib.Dataset) -> rdflib.Dataset:
    """The dataset less each entity's rdfs:label and skos:altLabel: the label is the name most
    papers in the build give an entity, so two builds resolved apart may label it differently;
    `kg build` into one store resolves them together (test_a_store_built_in_two_steps_...)."""
    akg_entity = rdflib.URIRef("https://w3id.org/abstract-kg/ontology#Entity")
    kept = rdflib.Dataset()
    for g in dataset.graphs():
        entities = set(g.subjects(rdflib.RDF.type, akg_entity))
        target = kept.graph(g.identifier)
        for s, p, o in g:
            if not (s in entities and p in (rdflib.RDFS.label, rdflib.SKOS.altLabel)):
                target.add((s, p, o))
    return kept


def build_in_two_steps_and_at_once(extractor, a_lines, b_lines) -> tuple[rdflib.Dataset, rdflib.Dataset]:
    folder = Path(tempfile.mkdtemp(prefix="kg-pipe-"))
    a, b = write_corpus(folder, "a.jsonl", a_lines), write_corpus(folder, "b.jsonl", b_lines)
    stepwise = kstore.open_store(folder / "stepwise")
    for part in (a, b):
        kstore.load_quads(stepwise, build_quads(extractor, read_papers([part]).papers)[1])
    together = kstore.open_store(folder / "together")
    kstore.load_quads(together, build_quads(extractor, read_papers([a, b]).papers)[1])
    return store_dataset(stepwise), store_dataset(together)


@PIPELINE
@given(corpus, corpus)
def test_building_a_then_b_equals_building_a_and_b(extractor, a_lines, b_lines):
    stepwise, together = build_in_two_steps_and_at_once(extractor, a_lines, b_lines)
    same_graphs(without_entity_names(stepwise), without_entity_names(together))


def test_a_store_built_in_two_steps_labels_entities_as_one_build_does(tmp_path):
    """The lower-level path above resolves each build alone, so labels there may differ; kg build
    into one store resolves the new papers together with those it already holds."""
    from kg import api

    abstract = "We propose WidgetNet, a method for widget reasoning. WidgetNet reaches 1% accuracy on {}."
    a = write_corpus(tmp_path, "a.jsonl", [{"id": "a1", "abstract": abstract.format("Widget-Bench")}])
    b = write_corpus(tmp_path, "b.jsonl", [{"id": "b1", "abstract": abstract.format("WidgetBench")},
                                           {"id": "b2", "abstract": abstract.format("WidgetBench")}])
    api.build([a], tmp_path / "steps", html=False)
    api.build([b], tmp_path / "steps", html=False)
    api.build([a, b], tmp_path / "together", html=False)
    steps, together = (store_dataset(kstore.open_store(tmp_path / name / "store", read_only=True))
                       for name in ("steps", "together"))
    same_graphs(steps, together)
    assert (tmp_path / "steps" / "graph.ttl").read_bytes() == (tmp_path / "together" / "graph.ttl").read_bytes()


@PIPELINE
@given(corpus)
def test_every_export_reimports_to_an_isomorphic_graph(extractor, lines):
    path = write_corpus(Path(tempfile.mkdtemp(prefix="kg-pipe-")), "c.jsonl", lines)
    store = ox.Store()
    kstore.load_quads(store, build_quads(extractor, read_papers([path]).papers)[1])
    reference = store_dataset(store)
    union = rdflib.Graph()
    for s, p, o, _ in reference.quads((None, None, None, None)):
        union.add((s, p, o))
    for fmt, parser in (("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")):
        out = io.BytesIO()
        kexport.export(store, fmt, out)
        same_graphs(rdflib.Dataset().parse(data=out.getvalue(), format=parser), reference)
    for fmt, parser in (("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml")):
        out = io.BytesIO()
        kexport.export(store, fmt, out)
        assert isomorphic(rdflib.Graph().parse(data=out.getvalue(), format=parser), union), fmt
