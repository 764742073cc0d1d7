"""`kg viz` input: the store read back as the networkx graph (kg/storegraph.py), and the command itself."""
from __future__ import annotations

import re

import networkx as nx
import pyoxigraph as ox
import pytest

from kg import rdf, storegraph
from kg import store as kgstore
from kg.cli import main
from test_viz import gold_graph, page_data, small_graph


def loaded(graph: nx.MultiDiGraph, path=None) -> ox.Store:
    store = kgstore.open_store(path) if path else ox.Store()
    kgstore.load_quads(store, rdf.generate(graph))
    return store


@pytest.fixture(scope="module")
def gold():
    return gold_graph()


@pytest.fixture(scope="module")
def gold_back(gold):
    store = loaded(gold)
    back = storegraph.read_graph(store)
    storegraph.attach_evidence(store, back)
    return back


def test_store_gives_back_every_node_and_edge(gold, gold_back):
    assert set(gold_back) == set(gold)
    assert set(gold_back.edges(keys=True)) == set(gold.edges(keys=True))


def test_store_gives_back_kinds_labels_and_aliases(gold, gold_back):
    for node, data in gold.nodes(data=True):
        back = gold_back.nodes[node]
        assert (back["kind"], back["label"]) == (data["kind"], data["label"]), node
        if data["kind"] not in ("Paper", "Result"):
            assert back["aliases"] == sorted(set(data["aliases"]) - {data["label"]}), node


def test_store_gives_back_paper_attributes():
    back = storegraph.read_graph(loaded(small_graph())).nodes["paper/p1"]
    assert {k: back[k] for k in ("title", "identifier", "date", "url", "authors_count", "upvotes")} == {
        "title": "Group Relative Policy Optimization for Maths", "identifier": "arXiv:2501.00001",
        "date": "2025-01-02", "url": "https://arxiv.org/abs/2501.00001", "authors_count": 3, "upvotes": 12}


def test_store_gives_back_results():
    back = storegraph.read_graph(loaded(small_graph())).nodes["result/p1/1"]
    assert (back["value"], back["value_text"], back["paper"]) == ("77.2", "77.2%", "p1")


def test_evidence_comes_back_for_each_edge(gold, gold_back):
    for u, v, key, data in gold.edges(keys=True, data=True):
        assert gold_back.edges[u, v, key]["evidence"] == data.get("evidence"), (u, v, key)


def test_evidence_is_read_only_for_the_edges_asked(gold):
    store = loaded(gold)
    back = storegraph.read_graph(store)
    papers = [n for n, kind in back.nodes(data="kind") if kind == "Paper"][:5]
    part = back.subgraph(papers + [m for n in papers for m in back.successors(n)]).copy()
    found = storegraph.attach_evidence(store, part)
    assert found == sum(1 for *_, d in part.edges(data=True) if d["evidence"] is not None) > 0
    assert all(d["evidence"] is None for *_, d in back.edges(data=True))  # the whole graph was not touched


# ---------------------------------------------------------------- the command


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("vizstore") / "store"
    del_store = loaded(small_graph(), path)
    del del_store  # closed: the command opens it read-only
    return path


def test_kg_viz_draws_the_store(store_dir, tmp_path, capsys):
    out = tmp_path / "page.html"
    assert main(["viz", "--store", str(store_dir), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[:2] == ["graph:  9 nodes, 15 statements", "drawn:  9 nodes, 10 edges"]
    nodes, edges = page_data(out.read_text(encoding="utf-8"))
    assert len(nodes) == 9 and len(edges) == 10
    assert any("We propose GRPO" in e["title"] for e in edges)  # evidence came from the store


def test_kg_viz_focus_writes_the_neighbourhood_and_a_note(store_dir, tmp_path, capsys):
    out = tmp_path / "grpo.html"
    assert main(["viz", "--store", str(store_dir), "--focus", "GRPO", "--out", str(out)]) == 0
    assert "note:   Showing 4 of 9 nodes (within 1 edge of Group Relative Policy Optimization)" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert {n["id"] for n in page_data(html)[0]} == {"entity/grpo", "entity/ppo", "paper/p1", "result/p1/1"}
    assert re.search(r'<div id="note">Showing 4 of 9 nodes', html)


def test_kg_viz_reads_an_rdf_file(tmp_path, capsys):
    ttl = rdf.write_turtle(rdf.generate(small_graph()), tmp_path / "g.ttl")
    assert main(["viz", "--graph", str(ttl), "--types", "Method", "--out", str(tmp_path / "m.html")]) == 0
    printed = capsys.readouterr().out
    # 14: a Turtle file is the union of the papers' graphs, so the two papers' GRPO > PPO claims are one
    assert "graph:  9 nodes, 14 statements" in printed and "drawn:  2 nodes, 1 edges" in printed
    html = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert "GRPO is better than PPO" in page_data(html)[1][0]["title"]  # evidence from the default graph too


@pytest.mark.parametrize("args, message", [
    (["--focus", "nothing like it"], "kg viz: no node is named 'nothing like it'"),
    (["--types", "Widget"], "kg viz: unknown type Widget (types: Paper, Method"),
    (["--per-type", "Paper=many"], "kg viz: --per-type 'Paper=many': expected K or TYPE=K"),
    (["--per-type", "Gadget=3"], "kg viz: unknown type Gadget in per-type limits"),
    (["--per-type", "Paper=-1"], "kg viz: --per-type 'Paper=-1': expected K or TYPE=K"),
])
def test_kg_viz_bad_options_exit_2_with_a_message(store_dir, tmp_path, capsys, args, message):
    assert main(["viz", "--store", str(store_dir), "--out", str(tmp_path / "x.html"), *args]) == 2
    assert capsys.readouterr().err.startswith(message)
    assert not (tmp_path / "x.html").exists()


def test_kg_viz_without_a_store_says_so(tmp_path, capsys):
    assert main(["viz", "--store", str(tmp_path / "none"), "--out", str(tmp_path / "x.html")]) == 2
    assert "no store here" in capsys.readouterr().err


def test_cli_default_top_is_the_viz_default():
    from kg import viz
    from kg.cli import viz as cli_viz

    assert cli_viz.DEFAULT_TOP == viz.DEFAULT_TOP


def test_kg_viz_negative_numbers_are_refused(store_dir, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["viz", "--store", str(store_dir), "--depth", "-1"])
    assert exit_.value.code == 2 and "--depth: expected 0 or more, got -1" in capsys.readouterr().err
