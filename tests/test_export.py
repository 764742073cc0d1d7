"""kg export: every RDF format parses back to the store's content; graph formats carry types and labels."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg import export as kexport
from kg import store as kstore
from kg.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small.trig"
AKG = "https://w3id.org/abstract-kg/ontology#"
RDFLIB_FORMATS = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                  "jsonld": "json-ld", "rdfxml": "xml"}


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return kstore.memory_store(FIXTURE)


@pytest.fixture(scope="module")
def reference(store) -> rdflib.Dataset:
    """The store's content as rdflib sees it, for isomorphism checks."""
    dataset = rdflib.Dataset()
    dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
    return dataset


def union_graph(dataset: rdflib.Dataset) -> rdflib.Graph:
    union = rdflib.Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def exported(store, fmt: str) -> bytes:
    out = io.BytesIO()
    kexport.export(store, fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["nquads", "trig", "jsonld"])
def test_quad_formats_round_trip_graph_by_graph(store, reference, fmt):
    parsed = rdflib.Dataset()
    parsed.parse(data=exported(store, fmt), format=RDFLIB_FORMATS[fmt])
    names = {g.identifier for g in reference.graphs() if len(g)}
    assert {g.identifier for g in parsed.graphs() if len(g)} == names
    for name in names:
        assert isomorphic(parsed.graph(name), reference.graph(name)), f"{fmt}: graph {name} differs"


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "rdfxml"])
def test_triple_formats_round_trip_to_the_union(store, reference, fmt):
    parsed = rdflib.Graph().parse(data=exported(store, fmt), format=RDFLIB_FORMATS[fmt])
    expected = union_graph(reference)
    assert len(parsed) == len(expected)
    assert isomorphic(parsed, expected)


def test_triple_formats_write_each_shared_triple_once(store):
    # Entity types are repeated in every paper graph that mentions the entity.
    lines = exported(store, "ntriples").decode().splitlines()
    assert len(lines) == len(set(lines))
    assert len(lines) < len(store)


def test_turtle_uses_the_project_prefixes(store):
    assert b"@prefix akg: <https://w3id.org/abstract-kg/ontology#>" in exported(store, "turtle")


def test_jsonld_is_compacted_with_the_published_context(store):
    document = json.loads(exported(store, "jsonld"))
    assert document["@context"] == kexport.load_context()
    types = [node.get("@type") for graph in document["@graph"] for node in graph["@graph"]]
    assert "Paper" in types  # a context term, not the full IRI


def test_jsonld_export_writes_to_a_file(store, tmp_path, reference):
    path = tmp_path / "graph.jsonld"
    kexport.export(store, "jsonld", path)
    parsed = rdflib.Dataset().parse(path, format="json-ld")
    assert len(parsed) == len(reference)


def test_bad_context_file_names_file_and_line(tmp_path):
    broken = tmp_path / "context.jsonld"
    broken.write_text('{\n  "@context": {\n    "akg": \n}\n}')
    with pytest.raises(kexport.ExportError, match=r"context.jsonld:4"):
        kexport.load_context(broken)


def test_missing_context_file_is_named(tmp_path):
    with pytest.raises(kexport.ExportError, match="not found"):
        kexport.load_context(tmp_path / "nope.jsonld")


# ---------------------------------------------------------------- graph formats


def typed_nodes(store) -> dict[str, str]:
    return kexport._node_types(store)


def test_domain_graph_has_every_paper_entity_and_result(store):
    graph = kexport.domain_graph(store)
    kinds = {data["type"] for _, data in graph.nodes(data=True)}
    assert {"Paper", "Result"} <= kinds
    assert graph.number_of_nodes() == len(typed_nodes(store))
    assert not any(n.startswith("evidence/") or n.startswith("sentence/") for n in graph)


def test_domain_graph_edges_keep_relation_and_asserting_paper(store):
    graph = kexport.domain_graph(store)
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?p <{AKG}proposes> ?e }} }}")
    proposes = [d for _, _, d in graph.edges(data=True) if d["relation"] == "proposes"]
    assert len(proposes) == int(next(iter(rows))["n"].value)
    assert all(d["paper"] for d in proposes)


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_tool_formats_read_back_with_types_and_labels(store, tmp_path, fmt, reader):
    path = tmp_path / f"graph.{fmt}"
    kexport.export(store, fmt, path)
    graph = reader(path)
    expected = kexport.domain_graph(store)
    assert graph.number_of_nodes() == expected.number_of_nodes()
    assert graph.number_of_edges() == expected.number_of_edges()
    for node, data in expected.nodes(data=True):
        assert graph.nodes[node]["type"] == data["type"]
        assert graph.nodes[node]["label"] == data["label"]
    assert {d["relation"] for _, _, d in graph.edges(data=True)} == {d["relation"] for _, _, d in expected.edges(data=True)}


def test_neo4j_csv_has_the_import_headers(store, tmp_path):
    nodes_path, rels_path = kexport.export_neo4j(store, tmp_path / "neo4j")
    with open(nodes_path, newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(rels_path, newline="", encoding="utf-8") as f:
        rels = list(csv.reader(f))
    assert nodes[0][:4] == [":ID", ":LABEL", "name", "iri"]
    assert rels[0] == [":START_ID", ":END_ID", ":TYPE", "paper"]
    ids = [row[0] for row in nodes[1:]]
    assert len(ids) == len(set(ids))
    assert all(row[0] in set(ids) and row[1] in set(ids) for row in rels[1:])


def test_neo4j_labels_and_typed_columns(store, tmp_path):
    nodes_path, _ = kexport.export_neo4j(store, tmp_path / "neo4j")
    with open(nodes_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    labels = {row[":LABEL"] for row in rows}
    assert "Paper" in labels and any(label.startswith("Entity;") for label in labels)
    header = rows[0].keys()
    assert "altLabel:string[]" in header
    assert any(name.startswith("value:") for name in header)


def test_unknown_format_is_refused(store):
    with pytest.raises(kexport.ExportError, match="unknown format"):
        kexport.export(store, "xlsx", io.BytesIO())


def test_neo4j_needs_a_folder(store):
    with pytest.raises(kexport.ExportError, match="folder"):
        kexport.export(store, "neo4j", io.BytesIO())


# ---------------------------------------------------------------- command line


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "store"
    disk = kstore.open_store(path)
    kstore.load_file(disk, FIXTURE)
    del disk  # release the lock so the command can open it
    return path


def test_cli_export_writes_the_file(store_dir, tmp_path, reference):
    out = tmp_path / "graph.nq"
    assert main(["export", "--format", "nquads", "--store", str(store_dir), "--out", str(out)]) == 0
    parsed = rdflib.Dataset().parse(out, format="nquads")
    assert len(parsed) == len(reference)


def test_cli_export_neo4j_without_out_is_an_error(store_dir, capsys):
    assert main(["export", "--format", "neo4j", "--store", str(store_dir)]) == 2
    assert "needs --out" in capsys.readouterr().err


def test_cli_export_missing_store_names_it(tmp_path, capsys):
    assert main(["export", "--format", "turtle", "--store", str(tmp_path / "none")]) == 2
    assert str(tmp_path / "none") in capsys.readouterr().err


def test_cli_export_converts_an_rdf_file_to_stdout(capsysbinary, reference):
    assert main(["export", "--format", "ntriples", "--graph", str(FIXTURE)]) == 0
    parsed = rdflib.Graph().parse(data=capsysbinary.readouterr().out, format="nt")
    assert isomorphic(parsed, union_graph(reference))
