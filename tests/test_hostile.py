"""User story: a folder mixing every kind of bad input builds; the good records are papers in
the graph, the rest is listed exactly, and no input string becomes code, markup or a path.

The fixtures are tests/fixtures/hostile/ (regenerate with tests/fixtures/make_hostile.py).
"""
from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg import AKG
from kg import export as kexport
from kg import store as kstore

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
PAPER = rdflib.URIRef(AKG + "Paper")

# (file, line, start of the reason): everything the build must skip, and nothing else.
SKIPPED = {
    ("dupes.jsonl", 2, "id 'hostile:9' is read again later"),
    ("binary.jsonl", None, "binary file (or text in UTF-16/32 without a BOM)"),
    ("empty.txt", None, "empty file"),
    ("figure.png", None, "not an input file (.png"),
    ("huge.jsonl.gz", 1, "record has 700,022 characters"),
    ("latin1.jsonl", 2, "abstract: byte 0xe9 at character 4 is not UTF-8"),
    ("mac.txt", 2, "record has no abstract"),
    ("mac.txt", 3, "line does not start with 'Abstract:'"),
    ("malformed.jsonl", 2, "invalid JSON: Unterminated string"),
    ("malformed.jsonl", 3, "record is not an object"),
    ("malformed.jsonl", 4, "record has no abstract"),
    ("malformed.jsonl", 5, "record id is a JSON dict"),
    ("malformed.jsonl", 6, "invalid JSON: maximum recursion depth"),
    ("malformed.jsonl", 7, "invalid JSON: Exceeds the limit (4300 digits)"),
    ("malformed.jsonl", 8, "record has no abstract"),
    ("ragged.csv", 3, "CSV row has 4 fields, the header has 3"),
    ("ragged.csv", 4, "CSV row has 2 fields, the header has 3"),
    ("ragged.csv", 8, "record has no abstract"),
    ("strings.jsonl", 7, "abstract: lone surrogate U+D800"),
    ("empty_folder", None, "folder holds no readable files"),
}
GOOD_IDS = {
    "hostile:1", "hostile:9", "hostile:ascii", "hostile:latex", "hostile:html", "hostile:web", "hostile:control",
    "hostile:zh", "hostile:de", "hostile:csv1", "hostile:csv4", "a b", "a:b", "a-b", '<x> "y" {z} | ^ ` \\',
    "../../etc/passwd", "hostile:script", "hostile:badurl", "hostile:utf16", "hostile:crlf1", "hostile:crlf2",
}
UNTITLED = {"We propose OmicronNet for widgets."}  # mac.txt:1, no id: a paper keyed by its text


def run_kg(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's kg, from any working folder
    return subprocess.run([sys.executable, "-m", "kg", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile")
    # Built from inside the output folder: a path taken from the input must not land anywhere else.
    result = run_kg("build", str(HOSTILE), str(HOSTILE / "empty_folder"), "--out", str(out), cwd=out)
    graph = rdflib.Graph().parse(out / "graph.ttl")
    return out, result, graph


def skipped_lines(stderr: str) -> set[tuple[str, int | None, str]]:
    found = set()
    for line in stderr.splitlines():
        assert line.startswith(f"skipped: {HOSTILE}/"), f"unexpected stderr line: {line}"
        where, _, reason = line[len(f"skipped: {HOSTILE}/"):].partition(": ")
        name, _, number = where.partition(":")
        found.add((name, int(number) if number else None, reason))
    return found


def test_build_exits_1_and_lists_exactly_what_it_skipped(hostile_build):
    _, result, _ = hostile_build
    assert result.returncode == 1, result.stderr
    found = skipped_lines(result.stderr)
    assert len(found) == len(SKIPPED)
    for name, line, reason in SKIPPED:
        assert any(f[:2] == (name, line) and f[2].startswith(reason) for f in found), (name, line, reason)


def test_summary_counts_read_merged_and_skipped(hostile_build):
    _, result, _ = hostile_build
    assert "papers read:        22" in result.stdout
    assert "duplicates merged:  1" in result.stdout
    assert f"records skipped:    {len(SKIPPED)} (reasons above)" in result.stdout


def test_every_good_record_is_a_paper_node(hostile_build):
    _, _, graph = hostile_build
    papers = set(graph.subjects(rdflib.RDF.type, PAPER))
    ids = {str(graph.value(p, DCTERMS.identifier)) for p in papers}
    abstracts = {str(graph.value(p, DCTERMS.abstract)) for p in papers}
    assert len(papers) == len(GOOD_IDS) + len(UNTITLED)
    assert GOOD_IDS <= ids
    assert UNTITLED <= abstracts


def test_the_later_of_two_conflicting_records_is_kept(hostile_build):
    _, _, graph = hostile_build
    (paper,) = graph.subjects(DCTERMS.identifier, rdflib.Literal("hostile:9"))
    assert str(graph.value(paper, DCTERMS.title)) == "BetaNet: Widgets"  # malformed.jsonl is read after dupes.jsonl


def abstract_of(graph: rdflib.Graph, paper_id: str) -> str:
    (paper,) = graph.subjects(DCTERMS.identifier, rdflib.Literal(paper_id))
    return str(graph.value(paper, DCTERMS.abstract))


def test_latex_and_html_markup_are_cleaned(hostile_build):
    _, _, graph = hostile_build
    assert abstract_of(graph, "hostile:latex").startswith("We propose GammaNet, which runs in O(n) time and gains 44.7%")
    assert abstract_of(graph, "hostile:html") == "We propose DeltaNet, which improves H2O prediction > 10% on WidgetBench."


def test_emoji_urls_and_other_scripts_are_kept(hostile_build):
    _, _, graph = hostile_build
    assert "🚀🔥" in abstract_of(graph, "hostile:web") and "https://github.com/x/epsilon?q=1&r=<2>" in abstract_of(graph, "hostile:web")
    assert abstract_of(graph, "hostile:zh").startswith("我们提出了")
    assert abstract_of(graph, "hostile:de").startswith("Wir schlagen ÜberNetz")


def test_evidence_offsets_point_into_the_stored_text(hostile_build):
    _, _, graph = hostile_build
    rows = graph.query("""
        PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?text ?start ?end ?title ?abstract WHERE {
          ?s a akg:Sentence ; prov:value ?text ; akg:startOffset ?start ; akg:endOffset ?end ; dcterms:isPartOf ?p .
          ?p dcterms:abstract ?abstract . OPTIONAL { ?p dcterms:title ?title } }""")
    checked = 0
    for row in rows:
        text = f"{row.title}\n\n{row.abstract}" if row.title is not None else str(row.abstract)
        assert text[int(row.start):int(row.end)] == str(row.text)
        checked += 1
    assert checked > 20


def test_every_iri_parses_strictly_and_ids_never_share_one(hostile_build):
    out, _, graph = hostile_build
    triples = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))  # raises on a bad IRI
    assert triples
    iris = {str(graph.value(predicate=DCTERMS.identifier, object=rdflib.Literal(i))) for i in GOOD_IDS}
    assert len(iris) == len(GOOD_IDS)
    assert all(iri.startswith("https://w3id.org/abstract-kg/resource/paper/") for iri in iris)


def test_a_url_or_date_that_is_not_one_stays_a_plain_value(hostile_build):
    _, _, graph = hostile_build
    (paper,) = graph.subjects(DCTERMS.identifier, rdflib.Literal("hostile:badurl"))
    url = graph.value(paper, rdflib.URIRef("https://schema.org/url"))
    assert url == rdflib.Literal("http://[::1", datatype=rdflib.XSD.anyURI)
    assert graph.value(paper, DCTERMS.date) == rdflib.Literal("2025-13-45")


def test_hostile_graph_passes_shacl(hostile_build):
    from kg.validate import validate

    out, _, _ = hostile_build
    report = validate(out / "graph.ttl")
    assert report.conforms, "\n".join(report.violations[:20])


def test_nothing_is_written_outside_out(hostile_build):
    out, _, _ = hostile_build
    written = {p.relative_to(out).parts[0] for p in out.rglob("*")}
    assert written == {"graph.ttl", "graph.html", "store", "cache.sqlite"}
    assert not (ROOT / "etc").exists() and not (out.parent / "etc").exists()


def test_page_escapes_every_input_string(hostile_build):
    out, _, _ = hostile_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "ScriptNet" in page
    assert "<script>alert(1)" not in page and "</script><script>" not in page
    assert "<img src=x" not in page
    assert '"url": "javascript:' not in page  # shown in the tooltip as text, never opened


def test_query_parameter_is_a_value_not_query_text(hostile_build):
    out, _, _ = hostile_build
    abstract = 'We propose <img src=x onerror=alert(1)> ScriptNet " } ; DROP ALL ; # for widgets.'
    select = "SELECT ?id ?abstract WHERE { ?p dcterms:identifier ?id ; dcterms:abstract ?abstract }"
    result = run_kg("query", "--store", str(out / "store"), "--format", "csv", "--param", f"abstract={abstract}", select)
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout)))[1:] == [["hostile:script", abstract]]
    injected = '"} } ; DROP ALL ; #'
    result = run_kg("query", "--store", str(out / "store"), "--format", "csv", "--param", f"abstract={injected}", select)
    assert result.returncode == 0 and result.stdout.splitlines()[1:] == []
    assert len(kstore.open_store(out / "store", read_only=True)) > 1000  # nothing dropped


def test_update_through_kg_query_is_refused(hostile_build):
    out, _, _ = hostile_build
    result = run_kg("query", "--store", str(out / "store"), "DROP ALL")
    assert result.returncode != 0
    assert len(kstore.open_store(out / "store", read_only=True)) > 1000


@pytest.mark.parametrize("fmt,rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("rdfxml", "xml")])
def test_triple_exports_reimport_to_an_isomorphic_graph(hostile_build, fmt, rdflib_format):
    out, _, _ = hostile_build
    store = kstore.open_store(out / "store", read_only=True)
    stream = io.BytesIO()
    kexport.export(store, fmt, stream)
    expected = rdflib.Graph()
    for triple in kexport.union_triples(store):
        expected.parse(data=f"{triple} .", format="nt")
    assert isomorphic(rdflib.Graph().parse(data=stream.getvalue(), format=rdflib_format), expected)


@pytest.mark.parametrize("fmt,rdflib_format", [("nquads", "nquads"), ("trig", "trig"), ("jsonld", "json-ld")])
def test_quad_exports_reimport_graph_by_graph(hostile_build, fmt, rdflib_format):
    out, _, _ = hostile_build
    store = kstore.open_store(out / "store", read_only=True)
    reference = rdflib.Dataset().parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    stream = io.BytesIO()
    kexport.export(store, fmt, stream)
    parsed = rdflib.Dataset().parse(data=stream.getvalue(), format=rdflib_format)
    names = {g.identifier for g in reference.graphs() if len(g)}
    assert {g.identifier for g in parsed.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(parsed.graph(name), reference.graph(name)), name


def test_strict_stops_at_the_first_problem_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = run_kg("build", str(HOSTILE), "--out", str(out), "--strict")
    assert result.returncode == 3
    assert result.stderr.strip() == (f"kg build: stopped at the first problem (--strict), nothing written: "
                                     f"{HOSTILE / 'figure.png'}: not an input file (.png: expected .csv, .json, "
                                     ".jsonl, .md, .ndjson, .tsv, .txt, or .gz)")
    assert not out.exists()


def test_strict_build_of_clean_input_exits_0(tmp_path):
    result = run_kg("build", str(HOSTILE / "windows.jsonl"), str(HOSTILE / "utf16.jsonl"), "--out", str(tmp_path),
                    "--strict", "--no-html", "--no-store")
    assert result.returncode == 0, result.stderr
    assert "papers read:        3" in result.stdout and result.stderr == ""


def test_building_a_then_b_into_one_store_equals_building_both(tmp_path):
    a = [HOSTILE / "markup.jsonl", HOSTILE / "windows.jsonl"]
    b = [HOSTILE / "ragged.csv", HOSTILE / "utf16.jsonl"]
    store = tmp_path / "store"
    for inputs in (a, b):
        result = run_kg("build", *map(str, inputs), "--out", str(tmp_path / "ab"), "--store", str(store), "--no-html")
        assert result.returncode in (0, 1), result.stderr
    result = run_kg("build", *map(str, a + b), "--out", str(tmp_path / "both"), "--no-html")
    assert result.returncode in (0, 1), result.stderr
    dump = lambda path: rdflib.Dataset().parse(  # noqa: E731
        data=kstore.open_store(path, read_only=True).dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    incremental, together = dump(store), dump(tmp_path / "both" / "store")
    names = {g.identifier for g in together.graphs() if len(g)}
    assert {g.identifier for g in incremental.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(incremental.graph(name), together.graph(name)), name


def test_a_dask_build_of_the_hostile_folder_equals_one_machine(tmp_path):
    pytest.importorskip("distributed", reason="the Dask build needs the `dask` extra")
    from kg import api

    inputs = [HOSTILE, HOSTILE / "empty_folder"]
    alone = api.build(inputs, tmp_path / "alone", store=None, html=False)
    # Partitions of 3 lines split malformed.jsonl and strings.jsonl between workers.
    spread = api.build(inputs, tmp_path / "spread", store=None, html=False, dask="local", dask_workers=2,
                       partition_size=3)
    assert [str(p) for p in spread.problems] == [str(p) for p in alone.problems]
    assert (spread.papers, spread.duplicates) == (alone.papers, alone.duplicates)
    assert (tmp_path / "spread" / "graph.ttl").read_bytes() == (tmp_path / "alone" / "graph.ttl").read_bytes()
