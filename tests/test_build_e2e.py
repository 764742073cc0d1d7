"""User story: `kg build` on the bundled sample gives a graph a reader can check against the abstracts."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib

from kg import AKG

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = f"""
PREFIX akg: <{AKG}>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


def run_kg(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    result = run_kg("build", "--out", str(out), "--no-store", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph()
    graph.parse(out / "graph.ttl")
    return out, result, graph


def paper_with_title(graph: rdflib.Graph, start: str):
    rows = graph.query(PREFIXES + "SELECT ?p WHERE { ?p a akg:Paper ; dcterms:title ?t FILTER(STRSTARTS(?t, ?start)) }",
                       initBindings={"start": rdflib.Literal(start)})
    papers = [row.p for row in rows]
    assert len(papers) == 1, f"expected one paper titled {start!r}, got {papers}"
    return papers[0]


def linked(graph, paper, predicate: str, cls: str) -> set[str]:
    rows = graph.query(
        PREFIXES + f"SELECT ?label WHERE {{ ?paper akg:{predicate} ?e . ?e a akg:{cls} ; rdfs:label ?label }}",
        initBindings={"paper": paper},
    )
    return {str(row.label) for row in rows}


def test_summary_names_what_was_built(seed_build):
    _, result, _ = seed_build
    assert "papers read:        329" in result.stdout
    assert "duplicates merged:  29" in result.stdout
    assert "graph.html" in result.stdout


def test_deepagent_paper_evaluates_on_toolbench_and_proposes_toolpo(seed_build):
    _, _, graph = seed_build
    paper = paper_with_title(graph, "DeepAgent:")
    assert "ToolBench" in linked(graph, paper, "evaluatesOn", "Benchmark")
    assert "ToolPO" in linked(graph, paper, "proposes", "Method")
    assert "ToolBench" in linked(graph, paper, "mentions", "Entity")  # roles imply mentions, asserted


def test_deepmath_paper_proposes_the_benchmark(seed_build):
    _, _, graph = seed_build
    rows = graph.query(PREFIXES + """
        SELECT ?p WHERE { ?p a akg:Paper ; dcterms:abstract ?a ; akg:proposes ?e .
                          ?e a akg:Benchmark ; rdfs:label "DeepMath-103K" }""")
    assert len(list(rows)) == 1


def test_aime_2024_is_one_benchmark_however_a_paper_spells_it(seed_build):
    _, _, graph = seed_build
    rows = graph.query(PREFIXES + """
        SELECT DISTINCT ?e WHERE { ?e a akg:Benchmark ; rdfs:label|skos:altLabel ?name
                                   FILTER(?name IN ("AIME 2024", "AIME24")) }""",
                       initNs={"skos": rdflib.SKOS})
    assert len(list(rows)) == 1


def test_every_mention_keeps_the_name_its_paper_wrote(seed_build):
    _, _, graph = seed_build
    rows = graph.query(PREFIXES + """
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT (COUNT(?ev) AS ?all) (COUNT(?name) AS ?named) WHERE {
          ?ev rdf:predicate akg:mentions . OPTIONAL { ?ev akg:asWritten ?name } }""")
    (row,) = list(rows)
    assert int(row.all) > 1000 and int(row.named) == int(row.all)


def test_graph_passes_shacl(seed_build):
    from kg.validate import validate

    out, _, _ = seed_build
    report = validate(out / "graph.ttl")
    assert report.conforms, "\n".join(report.violations[:20])


def test_html_view_is_written(seed_build):
    out, _, _ = seed_build
    html = (out / "graph.html").read_text(encoding="utf-8")
    assert "DeepAgent" in html and "vis" in html


def test_paper_iris_are_stable_across_runs(seed_build, tmp_path):
    out, _, graph = seed_build
    again = run_kg("build", "--out", str(tmp_path), "--no-store", "--no-html", cwd=ROOT)
    assert again.returncode == 0, again.stderr
    second = rdflib.Graph().parse(tmp_path / "graph.ttl")
    papers = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(AKG + "Paper")))
    assert papers == set(second.subjects(rdflib.RDF.type, rdflib.URIRef(AKG + "Paper")))
    assert len(papers) == 329


def test_a_rebuild_writes_the_same_files(seed_build, tmp_path):
    # the committed exports/ must not change when nothing else did
    out, _, _ = seed_build
    again = run_kg("build", "--out", str(tmp_path), "--no-store", cwd=ROOT)
    assert again.returncode == 0, again.stderr
    for name in ("graph.ttl", "graph.html"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_bad_input_is_reported_and_the_rest_is_built(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("")
    (inputs / "odd.txt").write_text("nothing to see\n")
    good = {"id": "arXiv:0000.00001", "title": "GoodNet", "abstract": "We propose GoodNet, evaluated on GSM8K."}
    (inputs / "papers.jsonl").write_text(
        json.dumps(good) + "\n{broken\n" + json.dumps({"id": "arXiv:0000.00002", "title": "No abstract"}) + "\n"
    )
    out = tmp_path / "out"
    result = run_kg("build", str(inputs), "--out", str(out), "--no-store", "--no-html", cwd=ROOT)
    assert result.returncode == 1
    assert f"{inputs / 'empty.txt'}: empty file" in result.stderr
    assert f"{inputs / 'odd.txt'}: unknown format" in result.stderr
    assert f"{inputs / 'papers.jsonl'}:2: invalid JSON" in result.stderr
    assert f"{inputs / 'papers.jsonl'}:3: record has no abstract" in result.stderr
    assert "records skipped:    4" in result.stdout
    graph = rdflib.Graph().parse(out / "graph.ttl")
    titles = {str(t) for t in graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/title"))}
    assert titles == {"GoodNet"}
