"""Each named query's answer on the hand-written fixture graph tests/fixtures/small.trig."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from kg import query as q
from kg import store as kgstore

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small.trig"
ENTITY = "https://w3id.org/abstract-kg/resource/entity/"


@pytest.fixture(scope="module")
def store():
    return kgstore.memory_store(FIXTURE)


def rows(store, name, **params):
    terms = {key: q.to_term(value) for key, value in params.items()}
    return [
        {key: (term.value if term is not None else None) for key, term in row.items()}
        for row in q.select_rows(q.run_named(store, name, terms))
    ]


def column(result, name):
    return [row[name] for row in result]


# ---------------------------------------------------------------- the folder itself

def test_all_expected_named_queries_exist():
    assert set(q.named_queries()) >= {
        "top-benchmarks", "leaderboard", "outperforms", "proposals", "co-benchmarks",
        "task-new-methods", "model-families", "evidence",
    }


@pytest.mark.parametrize("name", sorted(q.named_queries()))
def test_named_query_header_has_summary(name):
    query = q.named_queries()[name]
    assert len(query.summary) > 20
    assert not query.summary.startswith(name)


@pytest.mark.parametrize("name", sorted(q.named_queries()))
def test_every_declared_parameter_is_selected(name):
    """pyoxigraph binds only selected variables: a declared parameter must be in the SELECT clause."""
    query = q.named_queries()[name]
    select = query.text[query.text.index("SELECT"):query.text.index("WHERE")]
    for param in query.params:
        assert f"?{param}" in select.split(), f"{name}: parameter ?{param} is not selected"


@pytest.mark.parametrize("name", sorted(q.named_queries()))
def test_named_query_runs_on_an_empty_store(name):
    import pyoxigraph as ox

    params = {p: q.to_term("x") for p in q.named_queries()[name].required}
    assert q.select_rows(q.run_named(ox.Store(), name, params)) == []


def test_missing_required_parameter_is_named(store):
    with pytest.raises(q.QueryError, match="needs --param benchmark="):
        q.run_named(store, "leaderboard")


def test_unknown_parameter_of_a_named_query_is_an_error(store):
    with pytest.raises(q.QueryError, match="no parameter colour"):
        q.run_named(store, "leaderboard", {"colour": q.to_term("red")})


# ---------------------------------------------------------------- top-benchmarks

def test_top_benchmarks_counts_papers_per_benchmark(store):
    result = rows(store, "top-benchmarks")
    assert [(r["label"], int(r["papers"])) for r in result[:2]] == [("GSM8K", 3), ("MATH500", 3)]
    assert sorted(column(result[2:], "label")) == ["AIME 2024", "PRM800K", "ProofBench", "SVAMP", "WebArena"]
    assert {int(r["papers"]) for r in result[2:]} == {1}


# ---------------------------------------------------------------- leaderboard

def test_leaderboard_sorts_best_first_within_a_metric(store):
    gsm = rows(store, "leaderboard", benchmark="GSM8K")
    assert [Decimal(r["value"]) for r in gsm] == [Decimal("91.3"), Decimal("88.5"), Decimal("84.0"), Decimal("79.6")]
    assert column(gsm, "subjectLabel")[:2] == ["GRPO-Lite", "Hierarchical Reward Model"]
    assert column(gsm, "subjectType") == ["Method", "Method", "Method", "Model"]
    assert set(column(gsm, "metricLabel")) == {"accuracy"}


def test_leaderboard_benchmark_by_iri(store):
    result = rows(store, "leaderboard", benchmark=ENTITY + "benchmark-proofbench")
    assert column(result, "subjectLabel") == ["DeepSeek-R1", "GPT-4o", "Qwen2.5-72B"]


def test_leaderboard_keeps_the_value_as_written(store):
    result = rows(store, "leaderboard", benchmark="AIME 2024")
    assert [(r["metricLabel"], r["valueText"], r["value"]) for r in result] == [("pass@1", "over 30%", "30")]


def test_leaderboard_unknown_benchmark_is_empty(store):
    assert rows(store, "leaderboard", benchmark="ImageNet") == []


def test_leaderboard_names_the_reporting_paper(store):
    result = rows(store, "leaderboard", benchmark="WebArena")
    assert [(r["subjectLabel"], r["paperId"]) for r in result] == [("Tree-of-Agents", "arXiv:2504.00004")]


# ---------------------------------------------------------------- outperforms

def test_outperforms_for_one_method(store):
    result = rows(store, "outperforms", method="GRPO-Lite")
    assert [(r["loserLabel"], r["paperId"]) for r in result] == [
        ("Group Relative Policy Optimization", "arXiv:2502.00002"), ("PPO", "arXiv:2502.00002")]


def test_outperforms_finds_a_method_by_its_alias(store):
    assert column(rows(store, "outperforms", method="ToA"), "loserLabel") == ["ReAct"]


def test_outperforms_for_a_model_by_iri(store):
    assert column(rows(store, "outperforms", method=f"<{ENTITY}model-deepseekr1>"), "loserLabel") == ["GPT-4o"]


def test_outperforms_of_a_loser_is_empty(store):
    assert rows(store, "outperforms", method="PPO") == []


# ---------------------------------------------------------------- proposals

def test_proposals_lists_what_each_paper_introduces(store):
    result = {(r["paperId"], r["entityLabel"], r["entityType"]) for r in rows(store, "proposals")}
    assert result == {
        ("arXiv:2501.00001", "Hierarchical Reward Model", "Method"),
        ("arXiv:2502.00002", "GRPO-Lite", "Method"),
        ("arXiv:2503.00003", "ProofBench", "Benchmark"),
        ("arXiv:2504.00004", "Tree-of-Agents", "Method"),
        ("3f9a1c2b7d4e5f60", "Self-Verification Prompting", "Method"),
    }


def test_proposals_newest_first(store):
    assert column(rows(store, "proposals"), "date") == ["2025-05-20", "2025-04-17", "2025-03-04", "2025-02-11", "2025-01-06"]


# ---------------------------------------------------------------- co-benchmarks

def test_co_benchmarks_most_frequent_pair_first(store):
    result = rows(store, "co-benchmarks")
    assert (result[0]["firstLabel"], result[0]["secondLabel"], int(result[0]["papers"])) == ("GSM8K", "MATH500", 2)


def test_co_benchmarks_lists_each_pair_once(store):
    pairs = [frozenset((r["firstLabel"], r["secondLabel"])) for r in rows(store, "co-benchmarks")]
    assert len(pairs) == len(set(pairs)) == 7


def test_co_benchmarks_pairs_only_benchmarks_of_one_paper(store):
    pairs = {frozenset((r["firstLabel"], r["secondLabel"])) for r in rows(store, "co-benchmarks")}
    assert frozenset(("PRM800K", "WebArena")) not in pairs and frozenset(("MATH500", "ProofBench")) in pairs


# ---------------------------------------------------------------- task-new-methods

def test_task_new_methods_counts_methods_proposed_per_task(store):
    result = [(r["label"], int(r["newMethods"])) for r in rows(store, "task-new-methods")]
    # theorem proving's only paper proposes a benchmark, not a method
    assert result == [("mathematical reasoning", 3), ("web navigation", 1)]


# ---------------------------------------------------------------- model-families

def test_model_families_group_variants(store):
    result = {r["familyLabel"]: set(r["models"].split(", ")) for r in rows(store, "model-families")}
    assert result == {"Qwen2.5": {"Qwen2.5-7B", "Qwen2.5-72B"}, "Llama 3.1": {"Llama-3.1-8B-Instruct"}}


def test_model_families_largest_first(store):
    assert [(r["familyLabel"], r["members"]) for r in rows(store, "model-families")] == [("Qwen2.5", "2"), ("Llama 3.1", "1")]


# ---------------------------------------------------------------- evidence

PAPERS = ["arXiv:2501.00001", "arXiv:2502.00002", "arXiv:2503.00003", "arXiv:2504.00004", "3f9a1c2b7d4e5f60"]


def all_evidence(store):
    return [row for paper in PAPERS for row in rows(store, "evidence", paper=paper)]


def test_evidence_returns_one_row_per_evidence_node(store):
    count = list(store.query("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a akg:Evidence }",
                             prefixes=q.PREFIXES, use_default_graph_as_union=True))[0]["n"].value
    assert len(all_evidence(store)) == int(count) == 52


def test_evidence_for_a_paper_by_iri(store):
    result = rows(store, "evidence", paper="https://w3id.org/abstract-kg/resource/paper/arXiv-2504.00004")
    assert len(result) == 8 and set(column(result, "paperId")) == {"arXiv:2504.00004"}


def test_evidence_for_a_paper_and_relation(store):
    result = rows(store, "evidence", paper="arXiv:2502.00002", relation="outperforms")
    assert {r["objectLabel"] for r in result} == {"Group Relative Policy Optimization", "PPO"}
    assert {r["extractor"] for r in result} == {"rule:outperforms"}
    assert all(r["sentence"].startswith("GRPO-Lite outperforms GRPO and PPO") for r in result)


def test_evidence_relation_by_iri(store):
    result = rows(store, "evidence", paper="arXiv:2503.00003", relation=q.AKG + "proposes")
    assert [(r["rel"], r["objectLabel"]) for r in result] == [("proposes", "ProofBench")]


def test_evidence_for_an_entity_alias(store):
    result = rows(store, "evidence", paper="arXiv:2501.00001", entity="hrm")
    assert {(r["rel"], r["extractor"]) for r in result} == {("proposes", "rule:we-propose"),
                                                            ("outperforms", "rule:outperforms")}


def test_evidence_shows_the_value_of_a_result(store):
    result = rows(store, "evidence", paper="arXiv:2504.00004", relation="reportsResult")
    assert [(r["objectLabel"], r["confidence"]) for r in result] == [("35.8%", "0.8")]


def test_evidence_offsets_point_at_the_sentence(store):
    """The sentence is the slice [start, end) of title + blank line + abstract."""
    texts = {
        r["id"].value: f"{r['title'].value}\n\n{r['abstract'].value}"
        for r in store.query("SELECT DISTINCT ?id ?title ?abstract WHERE { ?p a akg:Paper ; "
                             "dcterms:identifier ?id ; dcterms:title ?title ; dcterms:abstract ?abstract }",
                             prefixes=q.PREFIXES, use_default_graph_as_union=True)
    }
    for row in all_evidence(store):
        assert texts[row["paperId"]][int(row["start"]):int(row["end"])] == row["sentence"]


# ---------------------------------------------------------------- same answers elsewhere

@pytest.mark.parametrize("name", ["top-benchmarks", "co-benchmarks", "task-new-methods", "proposals"])
def test_rdflib_gives_the_same_answers(store, name):
    """The queries are plain SPARQL 1.1: rdflib's engine agrees with Oxigraph's."""
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(FIXTURE, format="trig")
    text = q.named_query(name).text
    expected = [tuple(_same(v) for v in r.values()) for r in rows(store, name)]
    got = [tuple(_same(str(v) if v is not None else None) for v in row) for row in dataset.query(text)]
    assert sorted(got) == sorted(expected)


def _same(text):
    """Compare numbers by value: Oxigraph writes decimals canonically (84), rdflib as read (84.0)."""
    try:
        return str(Decimal(text).normalize())
    except (TypeError, ArithmeticError):
        return text or ""


# ---------------------------------------------------------------- names given by IRI or alias

def test_canonical_params_turns_an_alias_into_the_label(store):
    assert q.canonical_params(store, {"m": q.to_term("ToA")})["m"].value == "Tree-of-Agents"


def test_canonical_params_turns_an_entity_iri_into_its_label(store):
    assert q.canonical_params(store, {"m": q.to_term(f"<{ENTITY}model-deepseekr1>")})["m"].value == "DeepSeek-R1"


def test_canonical_params_turns_a_paper_iri_into_its_identifier(store):
    paper = "https://w3id.org/abstract-kg/resource/paper/arXiv-2504.00004"
    assert q.canonical_params(store, {"p": q.to_term(paper)})["p"].value == "arXiv:2504.00004"


def test_canonical_params_keeps_a_label_and_an_unknown_name(store):
    given = {"a": q.to_term("GSM8K"), "b": q.to_term("no such thing"), "c": q.to_term(q.AKG + "proposes")}
    assert q.canonical_params(store, given) == given


# ---------------------------------------------------------------- cuts and ties at scale
# The fast queries cut before sorting (the newest papers first, counts that can make the
# top N): these graphs put many rows at the cut, where a wrong cut would show.

AKG_NS, RES = q.AKG, "https://w3id.org/abstract-kg/resource/"


def generated_store(papers):
    """A store of one graph per paper: papers is a list of (key, sort key, {predicate: [entity names]})."""
    import pyoxigraph as ox

    store, typed = ox.Store(), {"proposes": "Method", "evaluatesOn": "Benchmark", "addressesTask": "Task"}
    node = lambda path: ox.NamedNode(RES + path)  # noqa: E731
    for key, sort_key, links in papers:
        graph, paper = node(f"graph/{key}"), node(f"paper/{key}")
        add = lambda s, p, o: store.add(ox.Quad(s, ox.NamedNode(p), o, graph))  # noqa: E731
        add(paper, q.PREFIXES["rdf"] + "type", ox.NamedNode(AKG_NS + "Paper"))
        add(paper, q.PREFIXES["dcterms"] + "identifier", ox.Literal(key))
        add(paper, AKG_NS + "sortKey", ox.Literal(str(sort_key), datatype=ox.NamedNode(q.XSD + "decimal")))
        for predicate, names in links.items():
            for name in names:
                add(paper, AKG_NS + predicate, node(f"entity/{name}"))
                add(node(f"entity/{name}"), q.PREFIXES["rdf"] + "type", ox.NamedNode(AKG_NS + typed[predicate]))
                add(node(f"entity/{name}"), q.PREFIXES["rdf"] + "type", ox.NamedNode(AKG_NS + "Entity"))
                add(node(f"entity/{name}"), q.PREFIXES["rdfs"] + "label", ox.Literal(name))
        for method in links.get("proposes", ()):
            for task in links.get("addressesTask", ()):
                add(node(f"entity/{method}"), AKG_NS + "proposedFor", node(f"entity/{task}"))
    return store


def test_proposals_are_the_100_newest_of_many_papers():
    # 700 papers, every other one proposing two methods; keys not in IRI order
    papers = [(f"p{n:03d}", (n * 37) % 700, {"proposes": [f"m{n}a", f"m{n}b"]} if n % 2 else {}) for n in range(700)]
    result = rows(generated_store(papers), "proposals")
    proposing = sorted((key for _, key, links in papers if links), reverse=True)
    expected = [f"p{n:03d}" for k in proposing[:50] for n in range(700) if (n * 37) % 700 == k]
    assert column(result, "paperId") == [p for p in expected for _ in (1, 2)]


def test_co_benchmarks_cut_keeps_the_first_pairs_among_ties():
    # one pair used by three papers, then 60 pairs used by two papers each
    papers = [(f"p{n}", n, {"evaluatesOn": ["b00", "b01"]}) for n in range(3)]
    ties = [(f"b{2 * n + 10:02d}", f"b{2 * n + 11:02d}") for n in range(60)]
    papers += [(f"q{n}{copy}", 10 + n, {"evaluatesOn": list(pair)}) for n, pair in enumerate(ties) for copy in "ab"]
    result = rows(generated_store(papers), "co-benchmarks")
    assert [(r["firstLabel"], r["secondLabel"], int(r["papers"])) for r in result] == (
        [("b00", "b01", 3)] + [(a, b, 2) for a, b in sorted(ties)[:49]])


def test_task_new_methods_cut_keeps_the_first_tasks_among_ties():
    # one task gets three new methods, then 30 tasks two each
    papers = [(f"p{n}", n, {"proposes": [f"m{n}"], "addressesTask": ["t00"]}) for n in range(3)]
    papers += [(f"q{n}{copy}", 10 + n, {"proposes": [f"m{n}{copy}"], "addressesTask": [f"t{n + 10}"]})
               for n in range(30) for copy in "ab"]
    result = rows(generated_store(papers), "task-new-methods")
    assert [(r["label"], int(r["newMethods"]), int(r["papers"])) for r in result] == (
        [("t00", 3, 3)] + [(f"t{n + 10}", 2, 2) for n in range(19)])
