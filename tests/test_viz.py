"""The interactive HTML view: what the page holds (unit) and what a real browser does with it (browser)."""
from __future__ import annotations

import itertools
import json
import math
import re
import time
from decimal import Decimal
from pathlib import Path

import networkx as nx
import pytest

from browser import chromium, open_local, open_page  # noqa: F401 (fixtures)
from kg import viz
from kg.graph import edge_key, to_graph
from kg.model import Evidence, Extraction, Link, Mention, Paper, ResultMention, Role
from kg.resolution import resolve

GOLD = Path(__file__).resolve().parent / "gold"
EV = Evidence("We propose GRPO, which beats PPO on GSM8K.", 0, 42, "rule:we-propose", 0.9)
TYPE_ROLE = {"method": "usesMethod", "model": "usesModel", "benchmark": "evaluatesOn", "metric": "reportsMetric",
             "task": "addressesTask"}


# ---------------------------------------------------------------- graphs


def small_graph() -> nx.MultiDiGraph:
    """A hand-built graph per the contract in docs/ARCHITECTURE.md: two papers, every kind of node."""
    g = nx.MultiDiGraph()
    g.add_node("paper/p1", kind="Paper", label="Group Relative Policy Optimization for Maths",
               identifier="arXiv:2501.00001",
               title="Group Relative Policy Optimization for Maths", date="2025-01-02", authors_count=3, upvotes=12,
               url="https://arxiv.org/abs/2501.00001", abstract="...", source="x.jsonl:1")
    g.add_node("paper/p2", kind="Paper", label="arXiv:2501.00002", identifier="arXiv:2501.00002", title=None)
    g.add_node("entity/grpo", kind="Method", label="Group Relative Policy Optimization", aliases=["GRPO"])
    g.add_node("entity/ppo", kind="Method", label="PPO", aliases=[])
    g.add_node("entity/gsm8k", kind="Benchmark", label="GSM8K", aliases=["GSM-8K"])
    g.add_node("entity/accuracy", kind="Metric", label="accuracy", aliases=[])
    g.add_node("entity/qwen2-5-7b", kind="Model", label="Qwen2.5-7B", aliases=[])
    g.add_node("entity/math-reasoning", kind="Task", label="mathematical reasoning", aliases=[])
    g.add_node("result/p1/1", kind="Result", label="77.2%", value_text="77.2%", value="77.2", paper="p1")
    edge(g, "paper/p1", "entity/grpo", "proposes", "p1", EV)
    edge(g, "paper/p1", "entity/grpo", "mentions", "p1", EV)
    edge(g, "paper/p1", "entity/gsm8k", "evaluatesOn", "p1", EV)
    edge(g, "paper/p1", "entity/gsm8k", "mentions", "p1", EV)
    edge(g, "paper/p1", "entity/accuracy", "mentions", "p1", Evidence("Accuracy rises.", 50, 65, "model:akg_ner", 0.61))
    edge(g, "paper/p2", "entity/qwen2-5-7b", "usesModel", "p2", EV)
    edge(g, "paper/p2", "entity/qwen2-5-7b", "mentions", "p2", EV)
    edge(g, "paper/p2", "entity/math-reasoning", "addressesTask", "p2", EV)
    edge(g, "paper/p2", "entity/math-reasoning", "mentions", "p2", EV)
    edge(g, "entity/grpo", "entity/ppo", "outperforms", "p1", EV)
    edge(g, "entity/grpo", "entity/ppo", "outperforms", "p2",
         Evidence("GRPO is better than PPO (<b>3 of 4</b> runs).", 0, 47, "rule:than", 0.7))
    edge(g, "paper/p1", "result/p1/1", "reportsResult", "p1", EV)
    edge(g, "result/p1/1", "entity/grpo", "resultFor", "p1", None)
    edge(g, "result/p1/1", "entity/gsm8k", "onBenchmark", "p1", None)
    edge(g, "result/p1/1", "entity/accuracy", "withMetric", "p1", None)
    return g


def edge(g, u, v, rel, paper, evidence):
    g.add_edge(u, v, key=edge_key(rel, paper), rel=rel, paper=paper, evidence=evidence)


def gold_graph(copies: int = 1) -> nx.MultiDiGraph:
    """A realistic graph: the annotated development abstracts, through resolution and kg.graph.

    copies > 1 repeats the corpus under new paper keys, for a graph of a few hundred papers.
    """
    records = [json.loads(line) for name in ("dev_seeds.jsonl", "dev_corpus.jsonl")
               for line in (GOLD / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    extractions = [gold_extraction(f"g{copy}-{n}", record)
                   for copy in range(copies) for n, record in enumerate(records)]
    return to_graph(resolve(extractions))


def gold_extraction(key: str, record: dict) -> Extraction:
    paper = Paper(key=key, abstract=record["abstract"], title=record.get("title") or "", id=record.get("id"),
                  date="2025-03-01", authors_count=4, upvotes=7, url=f"https://example.org/{key}")
    mentions = [gold_mention(paper.text, e) for e in record["entities"]]
    index = {name.lower(): i for i, e in enumerate(record["entities"]) for name in [e["name"], *e["aliases"]]}
    roles = [Role(i, role, sentence_of(paper.text, m.start))
             for i, (m, e) in enumerate(zip(mentions, record["entities"]))
             for role in ("mentions", "proposes" if e["proposed"] else TYPE_ROLE[e["type"]])]
    links = [Link(index[o["subject"].lower()], "outperforms", index[o["object"].lower()],
                  sentence_of(paper.text, mentions[index[o["subject"].lower()]].start))
             for o in record["outperforms"] if o["subject"].lower() in index and o["object"].lower() in index]
    results = [ResultMention(r["value"], None, sentence_of(paper.text, paper.text.find(r["value"])),
                             subject=index.get(r["subject"].lower()), benchmark=index.get(r["benchmark"].lower()),
                             metric=index.get(r["metric"].lower()))
               for r in record["results"]]
    return Extraction(paper, mentions, roles, links, results)


def gold_mention(text: str, entity: dict) -> Mention:
    start = max(text.lower().find(entity["name"].lower()), 0)
    return Mention(entity["name"], entity["type"], start, start + len(entity["name"]), "gold", 1.0,
                   tuple(entity["aliases"]))


def sentence_of(text: str, offset: int) -> Evidence:
    """The sentence around offset: a stand-in for the extractor's evidence."""
    offset = max(offset, 0)
    start = max(text.rfind(". ", 0, offset) + 2, 0) if text.rfind(". ", 0, offset) >= 0 else 0
    end = text.find(". ", offset)
    end = len(text) if end < 0 else end + 1
    return Evidence(text[start:end], start, end, "gold:annotation", 1.0)


def page_data(html: str) -> tuple[list[dict], list[dict]]:
    """The node and edge arrays the page hands to vis.DataSet."""
    found = re.findall(r"new vis\.DataSet\((\[.*?\])\);\n", html)
    assert len(found) == 2, "the page should build exactly two DataSets (nodes, edges)"
    return json.loads(found[0]), json.loads(found[1])


@pytest.fixture(scope="module")
def small_html() -> str:
    return viz.render_html(small_graph())


@pytest.fixture(scope="module")
def small_data(small_html):
    nodes, edges = page_data(small_html)
    return {n["id"]: n for n in nodes}, edges


def edges_between(edges, source, target):
    return [e for e in edges if e["from"] == source and e["to"] == target]


# ---------------------------------------------------------------- the HTML


def test_page_loads_nothing_from_the_network(small_html):
    assert "new vis.Network(" in small_html
    assert re.search(r"<script[^>]+src=", small_html) is None
    assert re.search(r"<link[^>]+href=", small_html) is None
    assert "cdn.jsdelivr" not in small_html and "cdnjs" not in small_html


def test_page_inlines_vis_network_9(small_html):
    # the page's script relies on vis-network 9 (plain-text tooltips, DataSet.update semantics)
    assert re.search(r"\* vis-network\n.*?@version 9\.\d+\.\d+", small_html, re.S)
    assert ".vis-network" in small_html  # its stylesheet too


def test_every_graph_node_is_on_the_page(small_data):
    nodes, _ = small_data
    assert set(nodes) == set(small_graph().nodes)


def test_each_kind_has_its_own_colour_and_shape(small_data):
    nodes, _ = small_data
    g = small_graph()
    by_kind = {g.nodes[n]["kind"]: (data["color"], data["shape"]) for n, data in nodes.items()}
    assert len(by_kind) == 7
    assert len({color for color, _ in by_kind.values()}) == 7
    assert len({shape for _, shape in by_kind.values()}) == 7
    assert by_kind["Benchmark"] == (viz.COLORS["Benchmark"], "hexagon")


def test_node_colour_survives_pyvis(small_data):
    # pyvis drops `color` when a node has a `group`: the kind must not be passed as group
    nodes, _ = small_data
    assert nodes["entity/grpo"]["color"] == viz.COLORS["Method"]
    assert "group" not in nodes["entity/grpo"]


def test_legend_names_each_kind_with_its_count(small_html):
    assert re.search(r'data-kind="Method".*?>Method <span class="count">2</span>', small_html)
    assert re.search(r'data-kind="Paper".*?>Paper <span class="count">2</span>', small_html)
    assert 'data-kind="Result"' in small_html


def test_edge_tooltip_quotes_sentence_extractor_and_confidence(small_data):
    _, edges = small_data
    (proposes,) = [e for e in edges_between(edges, "paper/p1", "entity/grpo") if e["rel"] == "proposes"]
    assert proposes["title"].startswith("proposes: Group Relative Policy Optimization for Maths \u2192 Group Relative")
    assert f"\u201c{EV.sentence}\u201d" in proposes["title"]
    assert "rule:we-propose, confidence 0.90" in proposes["title"]


def test_mention_behind_a_role_is_not_drawn_twice(small_data):
    _, edges = small_data
    assert [e["rel"] for e in edges_between(edges, "paper/p1", "entity/grpo")] == ["proposes"]


def test_plain_mention_is_drawn_with_its_evidence(small_data):
    _, edges = small_data
    (mention,) = edges_between(edges, "paper/p1", "entity/accuracy")
    assert mention["rel"] == mention["label"] == "mentions"  # a small graph labels every edge
    assert "Accuracy rises." in mention["title"] and "model:akg_ner, confidence 0.61" in mention["title"]


def test_claim_from_two_papers_is_one_line_citing_both(small_data):
    _, edges = small_data
    (outperforms,) = edges_between(edges, "entity/grpo", "entity/ppo")
    title = outperforms["title"]
    assert "in: Group Relative Policy Optimization for Maths" in title and "in: arXiv:2501.00002" in title
    assert "GRPO is better than PPO (<b>3 of 4</b> runs)." in title and "rule:than, confidence 0.70" in title
    assert outperforms["width"] == 2  # 1 + log2(2 papers)


def test_derived_edges_are_dashed_and_say_so(small_data):
    _, edges = small_data
    (result_for,) = edges_between(edges, "result/p1/1", "entity/grpo")
    assert result_for["dashes"] is True and "derived" in result_for["title"]
    (reports,) = edges_between(edges, "paper/p1", "result/p1/1")
    assert "dashes" not in reports  # vis's default: solid


def test_drawn_edges_count_every_relation_once():
    g = small_graph()
    drawn = viz.drawn_edges(g)
    role_mentions = 4  # p1->grpo, p1->gsm8k, p2->qwen, p2->task: hidden behind their roles
    two_paper_claims = 1  # the two outperforms edges become one
    assert len(drawn) == g.number_of_edges() - role_mentions - two_paper_claims


def test_paper_tooltip_has_title_id_date_and_link(small_data):
    nodes, _ = small_data
    title = nodes["paper/p1"]["title"]
    assert title.splitlines()[:3] == ["Paper: Group Relative Policy Optimization for Maths", "id: arXiv:2501.00001",
                                      "date: 2025-01-02"]
    assert "3 authors, 12 upvotes" in title and "https://arxiv.org/abs/2501.00001" in title
    assert nodes["paper/p1"]["url"] == "https://arxiv.org/abs/2501.00001"
    assert nodes["paper/p2"]["title"].splitlines() == ["Paper: arXiv:2501.00002", "id: arXiv:2501.00002"]


def test_entity_tooltip_has_type_aliases_and_paper_count(small_data):
    nodes, _ = small_data
    assert nodes["entity/grpo"]["title"].splitlines() == [
        "Method: Group Relative Policy Optimization", "also: GRPO", "in 2 papers"]
    assert nodes["entity/ppo"]["title"].splitlines()[-1] == "in 2 papers"  # both outperforms claims
    assert nodes["entity/math-reasoning"]["title"].splitlines()[-1] == "in 1 paper"


def test_result_tooltip_has_value_and_paper(small_data):
    nodes, _ = small_data
    assert nodes["result/p1/1"]["title"].splitlines() == [
        "Result: 77.2%", "value: 77.2", "reported by: Group Relative Policy Optimization for Maths"]


def test_long_labels_are_shortened_but_searchable_in_full(small_data):
    nodes, _ = small_data
    assert nodes["entity/grpo"]["label"] == "Group Relative Policy Optimizat\u2026"
    assert len(nodes["entity/grpo"]["label"]) == viz.LABEL_CHARS
    assert nodes["entity/grpo"]["names"] == ["Group Relative Policy Optimization", "GRPO"]
    assert nodes["paper/p1"]["names"][-1] == "arXiv:2501.00001"


def test_entities_in_more_papers_are_drawn_larger(small_data):
    nodes, _ = small_data
    assert nodes["entity/grpo"]["size"] > nodes["entity/accuracy"]["size"]


def test_markup_in_names_cannot_break_out_of_the_page():
    g = nx.MultiDiGraph()
    g.add_node("entity/x", kind="Method", label="</script><script>alert(1)</script>", aliases=["<b>x</b>"])
    html = viz.render_html(g)
    assert "</script><script>alert(1)" not in html and "<b>x</b>" not in html
    nodes, _ = page_data(html)
    assert nodes[0]["names"] == ["</script><script>alert(1)</script>", "<b>x</b>"]  # intact once parsed


def test_edge_tooltip_quotes_at_most_a_few_papers():
    g = nx.MultiDiGraph()
    for kind, node in (("Method", "entity/a"), ("Method", "entity/b")):
        g.add_node(node, kind=kind, label=node[-1])
    for n in range(viz.MAX_STATEMENTS + 3):
        edge(g, "entity/a", "entity/b", "outperforms", f"p{n}", Evidence(f"Sentence {n}.", 0, 11, "rule:than", 0.8))
    (drawn,) = page_data(viz.render_html(g))[1]
    assert drawn["title"].count("\u201cSentence") == viz.MAX_STATEMENTS
    assert drawn["title"].endswith("\u2026 and 3 more papers")


def test_every_node_has_a_position_and_physics_is_off(small_data, small_html):
    nodes, _ = small_data
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes.values())
    assert len({(n["x"], n["y"]) for n in nodes.values()}) == len(nodes)  # no two on one spot
    assert '"physics": {"enabled": false}' in small_html


def test_layout_is_the_same_each_time():
    g = gold_graph()
    edges = viz.drawn_edges(g)
    assert viz.layout(g, edges) == viz.layout(g, edges)


def test_layout_median_edge_has_the_set_length():
    g = gold_graph()
    edges = viz.drawn_edges(g)
    pos = viz.layout(g, edges)
    lengths = sorted(math.dist(pos[e.source], pos[e.target]) for e in edges if e.source != e.target)
    assert lengths[len(lengths) // 2] == pytest.approx(viz.EDGE_LENGTH, rel=0.05)


def test_nodes_without_edges_go_in_rows_under_the_picture():
    g = gold_graph()
    for n in range(5):  # isolated nodes: Fruchterman-Reingold alone would fling them far out
        g.add_node(f"entity/stray{n}", kind="Method", label=f"stray {n}", aliases=[])
    pos = viz.layout(g, viz.drawn_edges(g))
    strays = [pos[f"entity/stray{n}"] for n in range(5)]
    linked = [xy for node, xy in pos.items() if not node.startswith("entity/stray") and g.degree(node)]
    assert len({y for _, y in strays}) == 1  # one row
    assert min(y for _, y in strays) > max(y for _, y in linked)  # below the picture
    assert min(x for x, _ in linked) <= min(x for x, _ in strays) <= max(x for x, _ in linked)


def test_large_pages_hide_edges_while_zooming():
    assert viz.page_options(50)["interaction"]["hideEdgesOnZoom"] is False
    assert viz.page_options(2000)["interaction"]["hideEdgesOnZoom"] is True
    assert "hideEdgesOnZoom" not in viz.OPTIONS["interaction"]  # the shared default is not mutated


def test_large_graph_edges_carry_no_label_until_selected():
    g = gold_graph()
    assert g.number_of_nodes() > viz.SMALL_GRAPH_NODES
    _, edges = page_data(viz.render_html(g))
    assert all("label" not in e and e["rel"] for e in edges)


def test_node_without_kind_is_named_in_the_error():
    g = small_graph()
    g.add_node("entity/stray", label="Stray")
    with pytest.raises(ValueError, match="'entity/stray' has no 'kind'"):
        viz.render_html(g)


def test_edge_without_relation_is_named_in_the_error():
    g = small_graph()
    g.add_edge("paper/p1", "entity/ppo", key="x", paper="p1")
    with pytest.raises(ValueError, match="'paper/p1' -> 'entity/ppo' \\(key 'x'\\) has no 'rel'"):
        viz.render_html(g)


def test_edge_legend_groups_relations_by_colour(small_html):
    assert ">resultFor, onBenchmark, withMetric</li>" in small_html
    assert ">proposes</li>" in small_html and ">outperforms</li>" in small_html
    assert "basedOn" not in small_html  # not in this graph: not in the legend


def test_write_html_creates_the_folder(tmp_path):
    path = viz.write_html(small_graph(), tmp_path / "out" / "graph.html")
    assert path.is_file() and path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_gold_graph_page_holds_every_node():
    g = gold_graph()
    nodes, edges = page_data(viz.render_html(g))
    assert len(nodes) == g.number_of_nodes() and len(edges) == len(viz.drawn_edges(g))
    assert {n["shape"] for n in nodes} >= {"square", "dot", "hexagon"}


# ---------------------------------------------------------------- links and the node panel's papers


@pytest.mark.parametrize("identifier, url, link", [
    ("arXiv:2501.00001", None, "https://arxiv.org/abs/2501.00001"),
    ("2503.24388v2", None, "https://arxiv.org/abs/2503.24388v2"),
    ("cs.CL/0301001", None, "https://arxiv.org/abs/cs.CL/0301001"),
    ("h1234", "https://example.org/paper", "https://example.org/paper"),
    ("h1234", "javascript:alert(1)", None),
    ("2501.00001\" onclick=\"x", "data:text/html,<script>1</script>", None),
    ("arXiv:2501.00001/../../evil", None, None),
    (None, None, None),
])
def test_paper_link_comes_only_from_a_valid_arxiv_id_or_http_url(identifier, url, link):
    assert viz.paper_link({"identifier": identifier, "url": url}) == link


def test_node_panel_lists_the_papers_by_title_with_links(small_data):
    nodes, _ = small_data
    assert nodes["entity/grpo"]["paperCount"] == 2
    assert nodes["entity/grpo"]["papers"] == [
        ["Group Relative Policy Optimization for Maths", "https://arxiv.org/abs/2501.00001"],
        ["arXiv:2501.00002", "https://arxiv.org/abs/2501.00002"]]
    assert nodes["paper/p1"]["papers"] == [] and nodes["paper/p1"]["url"] == "https://arxiv.org/abs/2501.00001"


def test_node_panel_lists_at_most_a_few_papers_and_counts_all():
    g = gold_graph(copies=3)
    busiest = max((n for n, k in g.nodes(data="kind") if k != "Paper"), key=lambda n: len(viz.papers_of(g, n)))
    count, papers = viz.paper_refs(g, busiest)
    assert count == len(viz.papers_of(g, busiest)) > viz.MAX_PAPERS_LISTED
    assert len(papers) == viz.MAX_PAPERS_LISTED


def test_unsafe_paper_url_is_not_on_the_page():
    g = small_graph()
    g.nodes["paper/p2"].update(identifier="not an id", url="javascript:alert(1)")
    nodes, _ = page_data(viz.render_html(g))
    assert "url" not in {n["id"]: n for n in nodes}["paper/p2"]


# ---------------------------------------------------------------- cutting a large graph down


def test_focus_by_alias_draws_its_neighbours():
    view = viz.select(small_graph(), focus="grpo")
    assert set(view.graph) == {"entity/grpo", "entity/ppo", "paper/p1", "result/p1/1"}
    assert "within 1 edge of Group Relative Policy Optimization" in view.note


def test_focus_depth_two_reaches_further():
    assert set(viz.select(small_graph(), focus="PPO", depth=1).graph) == {"entity/ppo", "entity/grpo"}
    assert set(viz.select(small_graph(), focus="PPO", depth=2).graph) == {
        "entity/ppo", "entity/grpo", "paper/p1", "result/p1/1"}
    assert "entity/gsm8k" in viz.select(small_graph(), focus="PPO", depth=3).graph


def test_focus_on_an_unknown_name_says_so():
    with pytest.raises(LookupError, match="no node is named 'GRPPO'"):
        viz.select(small_graph(), focus="GRPPO")


def test_find_node_prefers_a_label_to_an_alias():
    g = small_graph()
    g.add_node("entity/grpo-alias-holder", kind="Method", label="GRPO-Zero", aliases=["PPO"])
    assert viz.find_node(g, "ppo") == "entity/ppo"


def test_types_keep_only_those_kinds():
    view = viz.select(small_graph(), types=["method", "Benchmark"])
    assert {d["kind"] for _, d in view.graph.nodes(data=True)} == {"Method", "Benchmark"}


def test_unknown_type_is_an_error_naming_it():
    with pytest.raises(ValueError, match="unknown type Widget"):
        viz.select(small_graph(), types=["Widget"])


def test_top_keeps_the_best_connected_and_the_focus():
    g = small_graph()
    degree = viz.degrees(g)
    view = viz.select(g, top=3)
    assert len(view.graph) == 3
    assert min(degree[n] for n in view.graph) >= max(degree[n] for n in g if n not in view.graph)
    assert "entity/math-reasoning" in viz.select(g, focus="mathematical reasoning", top=1).graph


def test_per_type_limits_each_kind_or_one():
    g = gold_graph()
    view = viz.select(g, per_type={"*": 5, "Paper": 2})
    kinds = [d["kind"] for _, d in view.graph.nodes(data=True)]
    assert kinds.count("Paper") == 2 and max(kinds.count(k) for k in set(kinds)) == 5


def test_min_degree_drops_the_loosely_connected():
    g = small_graph()
    view = viz.select(g, min_degree=3)
    assert all(viz.degrees(g)[n] >= 3 for n in view.graph) and "entity/math-reasoning" not in view.graph


def test_note_says_what_was_left_out_per_kind():
    view = viz.select(small_graph(), types=["Method"])
    assert view.note == ("Showing 2 of 9 nodes (types Method). Left out: 2 papers, 1 model, 1 benchmark, 1 metric, "
                         "1 task, 1 result and 13 of 15 statements. Draw one entity's neighbourhood with "
                         "kg viz --focus NAME.")


def test_nothing_left_out_means_no_note():
    assert viz.select(small_graph()).note == ""
    assert 'id="note"' not in viz.render_html(small_graph())


def test_note_is_on_the_page_as_text():
    view = viz.select(small_graph(), types=["Method"])
    html = viz.render_html(view.graph, note=view.note)
    assert '<div id="note">Showing 2 of 9 nodes (types Method).' in html


def test_selected_nodes_list_papers_of_the_whole_graph():
    view = viz.select(small_graph(), types=["Method"])  # no paper on the page
    nodes, _ = page_data(viz.render_html(view.graph))
    assert {n["id"]: n for n in nodes}["entity/grpo"]["paperCount"] == 2


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def small_page_path(tmp_path_factory) -> Path:
    return viz.write_html(small_graph(), tmp_path_factory.mktemp("viz") / "small.html")


@pytest.fixture(scope="module")
def gold_page(chromium, tmp_path_factory):
    """The realistic graph's page, opened once for the tests that only look at it."""
    g = gold_graph()
    opened, context = open_local(chromium, viz.write_html(g, tmp_path_factory.mktemp("viz") / "gold.html"))
    yield opened, g
    context.close()


@pytest.mark.browser
def test_vis_draws_a_canvas(open_page, small_page_path):
    opened = open_page(small_page_path)
    size = opened.js(
        "() => { const c = document.querySelector('#mynetwork canvas'); return c && [c.width, c.height]; }")
    assert size and size[0] > 500 and size[1] > 500


@pytest.mark.browser
def test_network_holds_every_node_and_edge(gold_page):
    opened, g = gold_page
    counts = opened.js("() => [nodes.length, edges.length, network.body.nodeIndices.length, network.body.edgeIndices.length]")
    assert counts == [g.number_of_nodes(), len(viz.drawn_edges(g)), g.number_of_nodes(), len(viz.drawn_edges(g))]


@pytest.mark.browser
def test_page_runs_without_console_errors_or_requests(gold_page):
    opened, _ = gold_page
    opened.page.mouse.move(700, 450)  # exercise hover handlers too
    opened.page.mouse.move(720, 460)
    opened.page.wait_for_timeout(300)
    assert opened.errors == [] and opened.requests == []


@pytest.mark.browser
def test_large_graph_labels_only_the_selected_nodes_edges(gold_page):
    opened, _ = gold_page
    # what vis will draw (its edge objects), not only what the DataSet holds
    labelled = "() => Object.values(network.body.edges).filter(e => (e.options.label || '').trim()).map(e => e.id).sort()"
    assert opened.js(labelled) == []
    opened.page.fill("#search input", "transformer")
    opened.page.press("#search input", "Enter")
    (selected,) = opened.js("() => network.getSelectedNodes()")
    assert opened.js(labelled) == sorted(opened.js("id => network.getConnectedEdges(id)", selected))
    opened.page.keyboard.press("Escape")
    assert opened.js(labelled) == [] and opened.js("() => network.getSelectedNodes()") == []


@pytest.mark.browser
def test_layout_settles_and_physics_stops(open_page, small_page_path):
    opened = open_page(small_page_path)
    assert opened.js("() => network.physics.options.enabled") is False
    assert opened.js("() => document.getElementById('status').textContent") == ""


@pytest.mark.browser
def test_search_by_alias_selects_the_node_and_frames_its_neighbours(open_page, small_page_path):
    opened = open_page(small_page_path)
    opened.page.fill("#search input", "grpo")
    opened.page.press("#search input", "Enter")
    assert opened.js("() => network.getSelectedNodes()") == ["entity/grpo"]
    assert opened.page.text_content("#status") == "Method: Group Relative Policy Optimization"
    # the view animates to the centre of the node and its neighbours, zoomed in no further than 1.5
    # (fails on timeout if it never gets there)
    opened.page.wait_for_function("""() => {
        const ids = network.getConnectedNodes('entity/grpo').concat(['entity/grpo']);
        const boxes = ids.map(id => network.getBoundingBox(id));
        const x = (Math.min(...boxes.map(b => b.left)) + Math.max(...boxes.map(b => b.right))) / 2;
        const y = (Math.min(...boxes.map(b => b.top)) + Math.max(...boxes.map(b => b.bottom))) / 2;
        const view = network.getViewPosition();
        return ids.length === 4 && Math.abs(view.x - x) < 1 && Math.abs(view.y - y) < 1 && network.getScale() <= 1.5;
    }""", timeout=10_000)


FREE_POINT = """() => {
    for (let x = 1350; x > 300; x -= 25) for (let y = 80; y < 800; y += 25)
        if (network.getNodeAt({x, y}) === undefined && network.getEdgeAt({x, y}) === undefined
            && document.elementFromPoint(x, y).tagName === 'CANVAS') return {x, y};  // not under a panel
    return null;
}"""


@pytest.mark.browser
def test_selection_fades_all_but_the_neighbourhood(open_page, small_page_path):
    opened = open_page(small_page_path)
    colours = "() => Object.fromEntries(nodes.get().map(n => [n.id, n.color]))"
    before = opened.js(colours)
    opened.page.fill("#search input", "GRPO")
    opened.page.press("#search input", "Enter")
    during = opened.js(colours)
    near = {"entity/grpo", "entity/ppo", "paper/p1", "result/p1/1"}
    assert {n for n in during if during[n] == before[n]} == near
    point = opened.js(FREE_POINT)
    assert point, "no empty spot on the canvas to click"
    opened.page.mouse.click(point["x"], point["y"])
    assert opened.js("() => network.getSelectedNodes()") == []
    assert opened.js(colours) == before


@pytest.mark.browser
def test_search_ignores_case_and_punctuation(open_page, small_page_path):
    opened = open_page(small_page_path)
    opened.page.fill("#search input", "gsm 8k")
    opened.page.click("#search button")
    assert opened.js("() => network.getSelectedNodes()") == ["entity/gsm8k"]


@pytest.mark.browser
def test_search_without_match_says_so(open_page, small_page_path):
    opened = open_page(small_page_path)
    opened.page.fill("#search input", "no such thing")
    opened.page.press("#search input", "Enter")
    assert opened.js("() => network.getSelectedNodes()") == []
    assert "no node matches" in opened.page.text_content("#status")


@pytest.mark.browser
def test_legend_click_hides_and_shows_a_kind(open_page, small_page_path):
    opened = open_page(small_page_path)
    hidden = "() => nodes.get({filter: n => n.hidden}).map(n => n.id)"
    opened.page.click('#legend li[data-kind="Result"]')
    assert opened.js(hidden) == ["result/p1/1"]
    opened.page.click('#legend li[data-kind="Result"]')
    assert opened.js(hidden) == []


@pytest.mark.browser
def test_double_click_on_a_paper_opens_its_url(open_page, small_page_path):
    opened = open_page(small_page_path)
    point = opened.js("() => network.canvasToDOM(network.getPosition('paper/p1'))")
    with opened.page.context.expect_event("request", lambda r: not r.url.startswith("file:")) as request:
        opened.page.mouse.dblclick(point["x"], point["y"])
    # a new tab asks for the paper (the fixture blocks it: tests never touch the network)
    assert request.value.url == "https://arxiv.org/abs/2501.00001"
    assert request.value.is_navigation_request()


@pytest.mark.browser
def test_hovering_an_edge_shows_its_evidence_as_text(open_page, small_page_path):
    opened = open_page(small_page_path)
    point = opened.js("""() => {
        // a point on the edge that no node or other edge covers
        const id = edges.get({filter: e => e.from === 'entity/grpo' && e.to === 'entity/ppo'})[0].id;
        const p = network.getPositions(['entity/grpo', 'entity/ppo']);
        for (let t = 0.3; t <= 0.71; t += 0.05) {
            const dom = network.canvasToDOM({x: p['entity/grpo'].x + t * (p['entity/ppo'].x - p['entity/grpo'].x),
                                             y: p['entity/grpo'].y + t * (p['entity/ppo'].y - p['entity/grpo'].y)});
            if (network.getNodeAt(dom) === undefined && network.getEdgeAt(dom) === id) return dom;
        }
        return null;
    }""")
    assert point, "no free point on the GRPO -> PPO edge to hover"
    opened.page.mouse.move(point["x"] - 5, point["y"] - 5)
    opened.page.mouse.move(point["x"], point["y"])
    tooltip = opened.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert text.startswith("outperforms: ") and "GRPO is better than PPO (<b>3 of 4</b> runs)." in text
    assert tooltip.query_selector(":not(br)") is None  # plain text: the sentence's <b> is not markup


@pytest.mark.browser
def test_layout_settles_on_a_few_hundred_papers(open_page, tmp_path):
    g = gold_graph(copies=3)
    papers = sum(1 for _, kind in g.nodes(data="kind") if kind == "Paper")
    assert papers >= 200
    opened = open_page(viz.write_html(g, tmp_path / "big.html"))  # waits for the layout to settle
    assert opened.js("() => network.physics.options.enabled") is False
    assert opened.errors == []


# ---------------------------------------------------------------- the seed graph's page, as kg build writes it

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # git-ignored; CI keeps what the tests save here


@pytest.fixture(scope="module")
def seed_graph() -> nx.MultiDiGraph:
    """The bundled sample (data/, the seed listings) through the path `kg build` takes to graph.html."""
    from kg import api

    _, g = api.extract_graph(api.read().papers)
    return viz.best_connected(g, api.HTML_MAX_PAPERS)


@pytest.fixture(scope="module")
def seed_page_path(seed_graph, tmp_path_factory) -> Path:
    return viz.write_html(seed_graph, tmp_path_factory.mktemp("seed") / "graph.html")


@pytest.fixture(scope="module")
def seed_page(chromium, seed_page_path):
    """The seed graph's page, opened once for the tests that only look at it."""
    opened, context = open_local(chromium, seed_page_path)
    yield opened
    context.close()


@pytest.mark.browser
def test_seed_page_loads_without_errors_or_requests(seed_page):
    seed_page.page.mouse.move(700, 450)
    seed_page.page.mouse.move(720, 470)  # hover handlers run too
    seed_page.page.wait_for_timeout(300)
    assert seed_page.errors == [] and seed_page.requests == []


@pytest.mark.browser
def test_seed_page_canvas_is_drawn(seed_page):
    # pixels that are not the white background: the graph is on the canvas, not only in memory
    inked = seed_page.js("""() => {
        const c = document.querySelector('#mynetwork canvas');
        const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (px[i + 3] && (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240)) n++;
        return n;
    }""")
    assert inked > 5000


@pytest.mark.browser
def test_seed_page_counts_match_the_graph(seed_page, seed_graph):
    counts = seed_page.js("() => [nodes.length, edges.length, network.body.nodeIndices.length, "
                          "network.body.edgeIndices.length]")
    drawn = len(viz.drawn_edges(seed_graph))
    assert counts == [seed_graph.number_of_nodes(), drawn, seed_graph.number_of_nodes(), drawn]


@pytest.mark.browser
def test_seed_page_screenshot(seed_page):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "seed-graph.png"
    seed_page.page.screenshot(path=str(path))
    print(f"screenshot of the seed graph: {path}")
    assert path.stat().st_size > 50_000  # a drawn graph, not a blank page


@pytest.mark.browser
def test_seed_page_search_focuses_a_named_node(open_page, seed_page_path, seed_graph):
    opened = open_page(seed_page_path)
    opened.page.fill("#search input", "GSM8K")
    opened.page.press("#search input", "Enter")
    (selected,) = opened.js("() => network.getSelectedNodes()")
    assert seed_graph.nodes[selected]["label"] == "GSM8K"
    # the view moves to it (fails on timeout if it never does)
    opened.page.wait_for_function("""id => {
        const p = network.canvasToDOM(network.getPosition(id));
        return p.x > 0 && p.x < 1400 && p.y > 0 && p.y < 900 && network.getScale() > 0.3;
    }""", arg=selected, timeout=10_000)
    assert opened.page.inner_text("#details h2") == "GSM8K"


@pytest.mark.browser
def test_seed_page_type_filter_hides_nodes(open_page, seed_page_path, seed_graph):
    opened = open_page(seed_page_path)
    methods = sorted(n for n, kind in seed_graph.nodes(data="kind") if kind == "Method")
    opened.page.click('#legend li[data-kind="Method"]')
    assert opened.js("() => nodes.get({filter: n => n.hidden}).map(n => n.id).sort()") == methods
    # and vis no longer draws them
    assert opened.js("ids => ids.filter(id => network.body.nodes[id].options.hidden).length", methods) == len(methods)


@pytest.mark.browser
def test_seed_page_entities_only_hides_papers_and_results(open_page, seed_page_path, seed_graph):
    opened = open_page(seed_page_path)
    opened.page.check("#entities-only")
    hidden = set(opened.js("() => nodes.get({filter: n => n.hidden}).map(n => n.id)"))
    assert hidden == {n for n, kind in seed_graph.nodes(data="kind") if kind in ("Paper", "Result")}
    opened.page.uncheck("#entities-only")
    assert opened.js("() => nodes.get({filter: n => n.hidden}).length") == 0


# ---------------------------------------------------------------- the user story, end to end


@pytest.mark.browser
def test_story_find_a_benchmark_and_who_evaluates_on_it(open_page, tmp_path, capsys):
    """kg build the sample, kg viz --focus a benchmark, then in the browser: find it, read who
    evaluates on it (the panel's papers) and with what results (the result nodes around it)."""
    from kg import api
    from kg.cli import main

    api.build(None, tmp_path / "exports", html=False)
    page_path = tmp_path / "gsm8k.html"
    assert main(["viz", "--store", str(tmp_path / "exports" / "store"), "--focus", "GSM8K", "--depth", "2",
                 "--out", str(page_path)]) == 0
    assert "within 2 edges of GSM8K" in capsys.readouterr().out
    opened = open_page(page_path)
    opened.page.fill("#search input", "gsm8k")
    opened.page.press("#search input", "Enter")
    assert opened.page.inner_text("#details h2") == "GSM8K"
    evaluating = opened.js("""() => {
        const id = network.getSelectedNodes()[0];
        return edges.get({filter: e => e.to === id && e.rel === 'evaluatesOn'}).map(e => nodes.get(e.from).names[0]);
    }""")
    papers_next_to_it = opened.js("""() => {
        const id = network.getSelectedNodes()[0];
        return network.getConnectedNodes(id).map(n => nodes.get(n)).filter(n => n.kind === 'Paper').map(n => n.names[0]);
    }""")
    listed = opened.js("() => [...document.querySelectorAll('#details ul.papers li')].map(li => li.textContent)")
    assert len(evaluating) >= 5
    assert f"in {len(papers_next_to_it)} papers:" in opened.page.inner_text("#details")
    assert set(listed[:-1]) <= set(papers_next_to_it) and listed[-1].startswith("\u2026 and ")
    results = opened.js("""() => {
        const id = network.getSelectedNodes()[0];
        return edges.get({filter: e => e.to === id && e.rel === 'onBenchmark'}).map(e => nodes.get(e.from).names[0]);
    }""")
    assert results and all(re.search(r"\d", r) for r in results)  # results: numbers
    assert opened.errors == []
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "story-gsm8k.png"))
    print(f"screenshot of the GSM8K story: {ARTIFACTS / 'story-gsm8k.png'}")


# ---------------------------------------------------------------- the node panel


@pytest.mark.browser
def test_clicking_a_node_lists_its_papers_linked_to_arxiv(open_page, small_page_path):
    opened = open_page(small_page_path)
    point = opened.js("() => network.canvasToDOM(network.getPosition('entity/grpo'))")
    opened.page.mouse.click(point["x"], point["y"])
    assert opened.page.inner_text("#details h2") == "Group Relative Policy Optimization"
    assert "also: GRPO" in opened.page.inner_text("#details")
    links = opened.js("() => [...document.querySelectorAll('#details ul.papers a')].map(a => [a.textContent, a.href, a.rel])")
    assert links == [["Group Relative Policy Optimization for Maths", "https://arxiv.org/abs/2501.00001", "noopener noreferrer"],
                     ["arXiv:2501.00002", "https://arxiv.org/abs/2501.00002", "noopener noreferrer"]]
    opened.page.keyboard.press("Escape")
    assert opened.js("() => document.getElementById('details').hidden") is True


# ---------------------------------------------------------------- hostile input


EVIL = "\"'><script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 1\">"


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("paper/evil", kind="Paper", label="Title " + EVIL, title="Title " + EVIL, abstract="Abstract " + EVIL,
               identifier="2501.00001\" onmouseover=\"window.__pwned=1", url="javascript:window.__pwned=1")
    g.add_node("entity/evil", kind="Method", label="Name " + EVIL, aliases=["Alias " + EVIL, "x' onload='1"])
    g.add_node("entity/other", kind="Benchmark", label="Bench", aliases=[])
    ev = Evidence("Sentence " + EVIL, 0, 10, "rule:" + EVIL, 0.5)
    edge(g, "paper/evil", "entity/evil", "proposes", "evil", ev)
    edge(g, "entity/evil", "entity/other", "outperforms", "evil", ev)
    return g


@pytest.mark.browser
def test_markup_in_the_input_shows_as_text_and_runs_nothing(open_page, tmp_path):
    opened = open_page(viz.write_html(hostile_graph(), tmp_path / "evil.html", title="T " + EVIL,
                                      note="Note " + EVIL))
    page = opened.page
    for node in ("paper/evil", "entity/evil"):  # hover (tooltip), click (panel), double-click (link)
        point = opened.js("id => network.canvasToDOM(network.getPosition(id))", node)
        page.mouse.move(point["x"], point["y"])
        page.wait_for_timeout(400)
        page.mouse.click(point["x"], point["y"])
        page.mouse.dblclick(point["x"], point["y"])
        page.wait_for_timeout(200)
    page.fill("#search input", "Alias " + EVIL)
    page.press("#search input", "Enter")
    assert opened.js("() => network.getSelectedNodes()") == ["entity/evil"]
    assert opened.js("() => window.__pwned") is None
    assert page.query_selector_all("img") == [] and len(page.query_selector_all("script")) == 2  # vis + ours
    assert "Name " + EVIL in page.inner_text("#details") and "Alias " + EVIL in page.inner_text("#details")
    assert "Note " + EVIL in page.inner_text("#note")
    assert page.title() == "T " + EVIL
    assert len(page.context.pages) == 1  # the javascript: url opened nothing
    assert opened.errors == [] and opened.requests == []


# ---------------------------------------------------------------- a graph the size of the 31k corpus


def corpus_sized_graph(papers: int = 31_000, entities: int = 68_000, per_paper: int = 13, seed: int = 7):
    """A seeded graph shaped like the 31k-abstract build (docs/ARCHITECTURE.md contract): every
    paper mentions `per_paper` entities drawn by a Zipf law (a few hubs, a long tail) in a role,
    half the papers report a result, one in ten claims an outperforms: 114,500 nodes, 0.82 M edges
    (the real build: 116,755 nodes, 0.35 M edges)."""
    import random

    rng = random.Random(seed)
    kinds = ["Method"] * 50 + ["Task"] * 24 + ["Benchmark"] * 12 + ["Metric"] * 8 + ["Model"] * 6
    roles = {"Method": "usesMethod", "Task": "addressesTask", "Benchmark": "evaluatesOn", "Metric": "reportsMetric",
             "Model": "usesModel"}
    g = nx.MultiDiGraph()
    names = [f"entity/e{i}" for i in range(entities)]
    for i, node in enumerate(names):
        g.add_node(node, kind=kinds[i % len(kinds)], label=f"Entity {i}", aliases=[f"E{i}"])
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(entities)))
    edges = []
    for p in range(papers):
        key, node = f"p{p}", f"paper/p{p}"
        g.add_node(node, kind="Paper", label=f"Paper {p} on things", title=f"Paper {p} on things",
                   identifier=f"2501.{p:05d}", url=None)
        ev = Evidence(f"Sentence of paper {p}.", 0, 20, "rule:synthetic", 0.9)
        picked = list(dict.fromkeys(rng.choices(names, cum_weights=weights, k=per_paper)))
        for target in picked:
            rel = roles[g.nodes[target]["kind"]]
            edges += [(node, target, edge_key(rel, key), {"rel": rel, "paper": key, "evidence": ev}),
                      (node, target, edge_key("mentions", key), {"rel": "mentions", "paper": key, "evidence": ev})]
        if p % 2 == 0:
            result = f"result/{key}/1"
            g.add_node(result, kind="Result", label="1.0%", value="1.0", value_text="1.0%", paper=key)
            edges.append((node, result, edge_key("reportsResult", key), {"rel": "reportsResult", "paper": key, "evidence": ev}))
            edges += [(result, t, edge_key(r, key), {"rel": r, "paper": key, "evidence": None})
                      for r, t in zip(("resultFor", "onBenchmark", "withMetric"), picked)]
        if p % 10 == 0 and len(picked) > 1:
            edges.append((picked[0], picked[1], edge_key("outperforms", key), {"rel": "outperforms", "paper": key, "evidence": ev}))
    g.add_edges_from(edges)
    return g


@pytest.mark.browser
def test_corpus_sized_graph_page_opens_in_under_5_seconds(chromium, tmp_path):
    g = corpus_sized_graph()
    assert g.number_of_nodes() > 110_000 and g.number_of_edges() > 800_000
    view = viz.select(g, top=viz.DEFAULT_TOP)  # the path kg viz takes
    path = viz.write_html(view.graph, tmp_path / "corpus.html", note=view.note)
    started = time.perf_counter()
    opened, context = open_local(chromium, path)  # returns once the page has drawn its layout
    seconds = time.perf_counter() - started
    try:
        print(f"corpus-sized page ({len(view.graph)} nodes, {path.stat().st_size / 1e6:.1f} MB) opened in {seconds:.2f} s")
        assert seconds < 5, f"the corpus-sized page took {seconds:.2f} s to open and draw"
        assert opened.js("() => nodes.length") == viz.DEFAULT_TOP
        assert opened.page.inner_text("#note").startswith(f"Showing 2,000 of {g.number_of_nodes():,} nodes")
        assert opened.errors == []
        # and it answers: a search selects the hub (how fast is bench/bench_viz.py's business, not a test's)
        opened.page.fill("#search input", "Entity 0")
        opened.page.press("#search input", "Enter")
        assert opened.js("() => network.getSelectedNodes()") == ["entity/e0"]
    finally:
        context.close()


# ---------------------------------------------------------------- the browser fixtures themselves


def test_missing_browser_skips_outside_ci(monkeypatch):
    import browser

    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found"):
        browser.unavailable("Chromium not found at /nowhere")


def test_missing_browser_fails_under_ci(monkeypatch):
    import browser

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        browser.unavailable("Chromium not found at /nowhere")



def test_large_graphs_are_drawn_by_their_best_connected_papers():
    def paper_using(key, n):
        names = [Mention(f"Net-{key}-{i}", "method", 10 * i, 10 * i + 8, "test", 0.9) for i in range(n)]
        return Extraction(Paper(key=key, abstract="x " * 40), names, roles=[Role(i, "usesMethod", EV) for i in range(n)])

    g = to_graph(resolve([paper_using("p1", 1), paper_using("p2", 3), paper_using("p3", 2)]))
    drawn = viz.best_connected(g, 2)
    assert sorted(n for n, k in drawn.nodes(data="kind") if k == "Paper") == ["paper/p2", "paper/p3"]
    assert "entity/netp22" in drawn and "entity/netp10" not in drawn
    assert viz.best_connected(g, 5) is g


def test_build_page_of_a_large_graph_says_what_it_left_out():
    g = gold_graph(copies=2)
    papers = sum(1 for _, kind in g.nodes(data="kind") if kind == "Paper")
    view = viz.best_connected_view(g, 10)
    assert sum(1 for _, kind in view.graph.nodes(data="kind") if kind == "Paper") == 10
    assert view.note.startswith(f"Showing {view.graph.number_of_nodes():,} of {g.number_of_nodes():,} nodes "
                                "(the 10 papers with the most links, and what they link to). "
                                f"Left out: {papers - 10:,} papers")
    assert viz.best_connected_view(g, papers).note == ""
