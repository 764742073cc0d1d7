"""The persistent store: per-paper graph replacement, incremental loads, errors that name the file."""
from __future__ import annotations

import gc
import gzip
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg import store as kgstore

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small.trig"
BASE = "https://w3id.org/abstract-kg/resource/"
AKG = "https://w3id.org/abstract-kg/ontology#"
PAPER1_GRAPH = ox.NamedNode(BASE + "graph/arXiv-2501.00001")


@pytest.fixture
def store(tmp_path):
    return kgstore.open_store(tmp_path / "store")


@pytest.fixture
def loaded(store):
    kgstore.load_file(store, FIXTURE)
    return store


def quads_of(store, graph):
    return set(store.quads_for_pattern(None, None, None, graph))


def paper_graph_trig(key: str, triples: str) -> bytes:
    return f"<{BASE}graph/{key}> {{ {triples} }}".encode()


def ask(store, query):
    return bool(store.query(f"PREFIX akg: <{AKG}> ASK {{ {query} }}", use_default_graph_as_union=True))


# ---------------------------------------------------------------- loading

def test_load_file_reports_new_graphs_and_quads(store):
    report = kgstore.load_file(store, FIXTURE)
    expected = len(list(ox.parse(path=str(FIXTURE))))
    assert (report.graphs_added, report.graphs_replaced, report.quads_loaded) == (5, 0, expected)
    assert len(store) == expected


def test_loading_the_same_file_again_replaces_and_does_not_duplicate(loaded):
    before = len(loaded)
    report = kgstore.load_file(loaded, FIXTURE)
    assert (report.graphs_added, report.graphs_replaced) == (0, 5)
    assert len(loaded) == before


def test_reloading_one_paper_replaces_only_its_graph(loaded):
    others = {g: quads_of(loaded, g) for g in loaded.named_graphs() if g != PAPER1_GRAPH}
    new = paper_graph_trig("arXiv-2501.00001", f"<{BASE}paper/arXiv-2501.00001> a <{AKG}Paper> .")
    report = kgstore.load_bytes(loaded, new, ox.RdfFormat.TRIG)
    assert (report.graphs_added, report.graphs_replaced) == (0, 1)
    assert len(quads_of(loaded, PAPER1_GRAPH)) == 1  # its old statements are gone
    assert {g: quads_of(loaded, g) for g in loaded.named_graphs() if g != PAPER1_GRAPH} == others


def test_a_rebuilt_paper_loses_a_claim_it_no_longer_makes(loaded):
    claim = f"<{BASE}entity/method-hierarchicalrewardmodel> akg:outperforms ?x"
    assert ask(loaded, claim)
    kgstore.load_bytes(loaded, paper_graph_trig("arXiv-2501.00001", f"<{BASE}paper/arXiv-2501.00001> a <{AKG}Paper> ."),
                       ox.RdfFormat.TRIG)
    assert not ask(loaded, claim)


def test_loads_are_incremental(store):
    kgstore.load_bytes(store, paper_graph_trig("a", "<http://x/a> <http://x/p> 1 ."), ox.RdfFormat.TRIG)
    report = kgstore.load_bytes(store, paper_graph_trig("b", "<http://x/b> <http://x/p> 2 ."), ox.RdfFormat.TRIG)
    assert report.graphs_added == 1
    assert kgstore.graph_names(store) == {BASE + "graph/a", BASE + "graph/b"}


def test_default_graph_triples_are_added_not_replaced(store):
    kgstore.load_bytes(store, b"<http://x/a> <http://x/p> 1 .", ox.RdfFormat.TURTLE)
    kgstore.load_bytes(store, b"<http://x/b> <http://x/p> 2 .", ox.RdfFormat.TURTLE)
    assert len(quads_of(store, ox.DefaultGraph())) == 2


def test_load_dataset_from_rdflib(store):
    dataset = rdflib.Dataset()
    dataset.parse(FIXTURE, format="trig")
    report = kgstore.load_dataset(store, dataset)
    assert report.graphs_added == 5
    assert len(store) == len(list(ox.parse(path=str(FIXTURE))))


def test_load_dataset_replaces_graphs_loaded_from_a_file(loaded):
    dataset = rdflib.Dataset()
    graph = dataset.graph(rdflib.URIRef(PAPER1_GRAPH.value))
    graph.add((rdflib.URIRef(BASE + "paper/arXiv-2501.00001"), rdflib.RDF.type, rdflib.URIRef(AKG + "Paper")))
    report = kgstore.load_dataset(loaded, dataset)
    assert report.graphs_replaced == 1 and len(quads_of(loaded, PAPER1_GRAPH)) == 1


def test_gzipped_file_loads(store, tmp_path):
    packed = tmp_path / "small.trig.gz"
    packed.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    assert kgstore.load_file(store, packed).graphs_added == 5


def test_union_default_graph_sees_named_graphs(loaded):
    assert ask(loaded, "?p akg:proposes ?e")
    assert not bool(loaded.query(f"ASK {{ ?p <{AKG}proposes> ?e }}"))  # without the union option


def test_report_reads_as_a_sentence(store):
    assert "5 new graphs" in str(kgstore.load_file(store, FIXTURE))


# ---------------------------------------------------------------- persistence and opening

def test_store_persists_across_opening(tmp_path):
    path = tmp_path / "store"
    kgstore.load_file(kgstore.open_store(path), FIXTURE)
    gc.collect()  # pyoxigraph releases the store's lock when the object goes
    assert len(kgstore.open_store(path, read_only=True)) == len(list(ox.parse(path=str(FIXTURE))))


def test_read_only_store_refuses_writes(tmp_path):
    path = tmp_path / "store"
    kgstore.load_file(kgstore.open_store(path), FIXTURE)
    gc.collect()
    with pytest.raises((OSError, RuntimeError)):
        kgstore.open_store(path, read_only=True).add(
            ox.Quad(ox.NamedNode("http://x/a"), ox.NamedNode("http://x/p"), ox.Literal("1")))


def test_read_only_open_of_a_missing_store_names_it(tmp_path):
    with pytest.raises(kgstore.StoreError, match="nowhere.*kg build"):
        kgstore.open_store(tmp_path / "nowhere", read_only=True)


def test_second_writer_gets_a_clear_error(tmp_path):
    first = kgstore.open_store(tmp_path / "store")
    with pytest.raises(kgstore.StoreError, match="another process"):
        kgstore.open_store(tmp_path / "store")
    del first


# ---------------------------------------------------------------- bad input

def test_syntax_error_names_file_and_line(store, tmp_path):
    bad = tmp_path / "bad.nq"
    bad.write_text("<http://x/a> <http://x/p> <http://x/o> .\n<http://x/a> <http://x/p> .\n")
    with pytest.raises(kgstore.StoreError, match=r"bad\.nq.*line 2"):
        kgstore.load_file(store, bad)


def test_bad_file_leaves_the_store_as_it_was(loaded, tmp_path):
    before = set(loaded)
    bad = tmp_path / "bad.trig"
    bad.write_text(f"<{PAPER1_GRAPH.value}> {{ <http://x/a> <http://x/p> }}")
    with pytest.raises(kgstore.StoreError):
        kgstore.load_file(loaded, bad)
    assert set(loaded) == before


def test_unknown_extension_is_refused(store, tmp_path):
    odd = tmp_path / "graph.txt"
    shutil.copy(FIXTURE, odd)
    with pytest.raises(kgstore.StoreError, match=r"graph\.txt: unknown RDF format"):
        kgstore.load_file(store, odd)


def test_missing_file_is_named(store, tmp_path):
    with pytest.raises(kgstore.StoreError, match="absent.ttl"):
        kgstore.load_file(store, tmp_path / "absent.ttl")


@pytest.mark.parametrize("name, expected", [
    ("g.ttl", ox.RdfFormat.TURTLE), ("g.nq", ox.RdfFormat.N_QUADS), ("g.trig.gz", ox.RdfFormat.TRIG),
    ("g.nt", ox.RdfFormat.N_TRIPLES), ("g.rdf", ox.RdfFormat.RDF_XML), ("g.jsonld", ox.RdfFormat.JSON_LD),
])
def test_guess_format_from_extension(name, expected):
    assert kgstore.guess_format(name) == expected


def test_memory_store_holds_a_file():
    assert len(kgstore.memory_store(FIXTURE)) == len(list(ox.parse(path=str(FIXTURE))))
