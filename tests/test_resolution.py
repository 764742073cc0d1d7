"""Resolution: one entity per real thing, aliases kept, sizes apart, families linked."""
from __future__ import annotations

from decimal import Decimal

from kg.graph import edge_key, summary, to_graph
from kg.model import Evidence, Extraction, Link, Mention, Paper, ResultMention, Role
from kg.resolution import family_name, resolve


def paper(key: str, text: str = "x " * 50) -> Paper:
    return Paper(key=key, abstract=text)


def mention(text: str, type_: str, aliases: tuple[str, ...] = (), start: int = 0, canonical: str = "") -> Mention:
    return Mention(text, type_, start, start + len(text), "test", 0.9, aliases, canonical)


EV = Evidence("A sentence.", 0, 11, "test", 0.8)


def keys_by_label(resolution):
    return {e.label: e.key for e in resolution.entities.values()}


def test_spelling_variants_become_one_entity():
    r = resolve([
        Extraction(paper("p1"), [mention("GSM8K", "benchmark")]),
        Extraction(paper("p2"), [mention("GSM-8K", "benchmark")]),
        Extraction(paper("p3"), [mention("gsm8k", "benchmark")]),
    ])
    assert len(r.entities) == 1
    entity = next(iter(r.entities.values()))
    assert entity.aliases | {entity.label} == {"GSM8K", "GSM-8K", "gsm8k"}
    assert r.merges == 0  # equal after normalisation: nothing to fold


def test_acronym_joins_long_form_across_papers():
    r = resolve([
        Extraction(paper("p1"), [mention("Group Relative Policy Optimization", "method", ("GRPO",))]),
        Extraction(paper("p2"), [mention("GRPO", "method")]),
    ])
    assert len(r.entities) == 1
    entity = next(iter(r.entities.values()))
    assert entity.label == "Group Relative Policy Optimization" and entity.aliases == {"GRPO"}
    assert r.merges == 1
    assert r.papers[1].roles[0][0] == entity.key


def test_label_is_the_name_most_papers_give():
    r = resolve([Extraction(paper(f"p{i}"), [mention("COMET", "metric")]) for i in range(3)]
                + [Extraction(paper("p9"), [mention("Causal Object-centric Model Extraction Tool", "metric", ("COMET",))])])
    assert {e.label for e in r.entities.values()} == {"COMET"}


def test_spellings_of_one_lexicon_name_join_across_papers():
    r = resolve([
        Extraction(paper("p1"), [mention("AIME24", "benchmark", canonical="AIME 2024")]),
        Extraction(paper("p2"), [mention("AIME 2024", "benchmark", canonical="AIME 2024")]),
        Extraction(paper("p3"), [mention("AIME 2024", "benchmark", canonical="AIME 2024")]),
    ])
    assert [(e.label, e.aliases) for e in r.entities.values()] == [("AIME 2024", {"AIME24"})]


def test_mention_evidence_keeps_the_name_the_paper_wrote():
    r = resolve([
        Extraction(paper("p1"), [mention("o1", "model", canonical="OpenAI o1")]),
        Extraction(paper("p2"), [mention("OpenAI o1", "model", canonical="OpenAI o1")]),
        Extraction(paper("p3"), [mention("OpenAI o1", "model", canonical="OpenAI o1")]),
    ])
    assert {e.label for e in r.entities.values()} == {"OpenAI o1"}
    written = [next(ev.written for _, role, ev in facts.roles if role == "mentions") for facts in r.papers]
    assert written == ["o1", "OpenAI o1", "OpenAI o1"]


def test_ambiguous_acronym_stays_apart():
    r = resolve([
        Extraction(paper("p1"), [mention("Hierarchical Reward Model", "method", ("HRM",))]),
        Extraction(paper("p2"), [mention("Hybrid Retrieval Module", "method", ("HRM",))]),
        Extraction(paper("p3"), [mention("HRM", "method")]),
    ])
    labels = keys_by_label(r)
    assert {"Hierarchical Reward Model", "Hybrid Retrieval Module", "HRM"} <= set(labels)
    assert labels["Hierarchical Reward Model"] != labels["Hybrid Retrieval Module"]


def test_sizes_stay_apart_and_link_to_family():
    r = resolve([Extraction(paper("p1"), [mention("Qwen2.5-7B", "model"), mention("Qwen2.5-72B", "model", start=20)])])
    labels = keys_by_label(r)
    assert labels["Qwen2.5-7B"] != labels["Qwen2.5-72B"]
    family = r.entities[labels["Qwen2.5-7B"]].family
    assert family == r.entities[labels["Qwen2.5-72B"]].family == labels["Qwen2.5"]
    assert (labels["Qwen2.5-7B"], "variantOf", labels["Qwen2.5"]) in [l[:3] for l in r.papers[0].links]


def test_architecture_is_not_family_of_checkpoint():
    r = resolve([Extraction(paper("p1"), [mention("Mamba", "method"), mention("Mamba-2.8B", "model", start=10)])])
    labels = keys_by_label(r)
    assert r.entities[labels["Mamba"]].type == "method"
    assert r.entities[labels["Mamba-2.8B"]].family is None


def test_family_names():
    assert family_name("Llama-3.1-8B-Instruct") == "Llama-3.1"
    assert family_name("Qwen2.5-72B") == "Qwen2.5"
    assert family_name("GPT-4o-mini") == "GPT-4o"
    assert family_name("GPT-4o") is None
    assert family_name("DeepMath-103K") == "DeepMath"  # shape only; resolution applies it to models alone


def test_type_by_majority_across_papers():
    r = resolve([
        Extraction(paper("p1"), [mention("ToolBench", "benchmark")]),
        Extraction(paper("p2"), [mention("ToolBench", "benchmark")]),
        Extraction(paper("p3"), [mention("ToolBench", "method")]),
    ])
    assert next(iter(r.entities.values())).type == "benchmark"


def test_roles_links_results_map_to_entities():
    x = Extraction(
        paper("p1"),
        [mention("DeepAgent", "method"), mention("ToolBench", "benchmark", start=20), mention("ReAct", "method", start=40),
         mention("accuracy", "metric", start=60)],
        roles=[Role(0, "proposes", EV), Role(1, "evaluatesOn", EV)],
        links=[Link(0, "outperforms", 2, EV)],
        results=[ResultMention("77.2%", Decimal("77.2"), EV, subject=0, benchmark=1, metric=3)],
    )
    r = resolve([x])
    facts = r.papers[0]
    labels = keys_by_label(r)
    assert (labels["DeepAgent"], "proposes") in [(k, role) for k, role, _ in facts.roles]
    assert (labels["DeepAgent"], "outperforms", labels["ReAct"]) in [l[:3] for l in facts.links]
    result = facts.results[0]
    assert (result.subject, result.benchmark, result.metric) == (labels["DeepAgent"], labels["ToolBench"], labels["accuracy"])
    assert result.value == Decimal("77.2")


def test_graph_has_typed_nodes_and_role_edges():
    x = Extraction(
        paper("p1"),
        [mention("DeepAgent", "method"), mention("ToolBench", "benchmark", start=20)],
        roles=[Role(0, "proposes", EV), Role(1, "evaluatesOn", EV)],
        results=[ResultMention("77.2%", Decimal("77.2"), EV, subject=0, benchmark=1)],
    )
    g = to_graph(resolve([x]))
    assert g.nodes["paper/p1"]["kind"] == "Paper"
    kinds = {data["label"]: data["kind"] for _, data in g.nodes(data=True)}
    assert kinds["DeepAgent"] == "Method" and kinds["ToolBench"] == "Benchmark"
    rels = {(u, data["rel"], g.nodes[v]["label"]) for u, v, data in g.edges(data=True)}
    assert ("paper/p1", "proposes", "DeepAgent") in rels
    assert ("paper/p1", "mentions", "DeepAgent") in rels  # always asserted beside the role
    assert ("result/p1/1", "resultFor", "DeepAgent") in rels
    assert g.edges["paper/p1", "entity/deepagent", edge_key("mentions", "p1")]["forms"] == ["DeepAgent"]
    assert summary(g)["Result"] == 1


def test_same_claim_in_two_papers_keeps_both_edges():
    def claim(key):
        return Extraction(paper(key), [mention("A-Net", "method"), mention("B-Net", "method", start=10)],
                          links=[Link(0, "outperforms", 1, EV)])

    g = to_graph(resolve([claim("p1"), claim("p2")]))
    papers = sorted(d["paper"] for _, _, d in g.edges(data=True) if d["rel"] == "outperforms")
    assert papers == ["p1", "p2"]


def test_typed_roles_follow_the_resolved_type():
    def paper_with(key, type_, role):
        return Extraction(paper(key), [mention("ToolBench", type_)], roles=[Role(0, role, EV)])

    r = resolve([paper_with("p1", "benchmark", "evaluatesOn"), paper_with("p2", "benchmark", "evaluatesOn"),
                 paper_with("p3", "method", "usesMethod")])
    assert [role for _, role, _ in r.papers[2].roles] == ["mentions", "evaluatesOn"]


def test_result_fields_of_the_wrong_type_are_dropped():
    x = Extraction(paper("p1"), [mention("X-Net", "method"), mention("Y-Set", "method", start=10)],
                   results=[ResultMention("5%", Decimal("5"), EV, subject=0, benchmark=1)])
    result = resolve([x]).papers[0].results[0]
    assert result.subject is not None and result.benchmark is None



def test_plural_label_resolves_to_singular():
    # the scorer drops one final "s" only: "accuracies" must be labelled "accuracy"
    r = resolve([
        Extraction(paper("p1"), [mention("accuracies", "metric")]),
        Extraction(paper("p2"), [mention("accuracy", "metric")]),
        Extraction(paper("p3"), [mention("Graph Convolutional Networks", "method", ("GCNs",))]),
    ])
    labels = {e.label for e in r.entities.values()}
    assert "accuracy" in labels and "accuracies" not in labels
    assert len([e for e in r.entities.values() if e.type == "metric"]) == 1
    assert "Graph Convolutional Network" in labels


def test_singular_name_keeps_proper_and_non_plural_names():
    from kg.names import singular_name
    assert singular_name("success rates", "metric") == "success rate"
    assert singular_name("losses", "method") == "loss"
    assert singular_name("LSTMs", "method") == "LSTM"
    assert singular_name("Transformers", "method") == "Transformer"
    for name, type_ in [("Natural Questions", "benchmark"), ("Mixture of Experts", "method"), ("Kinetics", "benchmark"),
                        ("GPT-4 Turbo", "model"), ("MMLU-Pro", "benchmark"), ("Llama", "model"), ("analysis", "task"),
                        ("Claude 3.5 Sonnet", "model"), ("ALFWorld Tasks", "benchmark")]:
        assert singular_name(name, type_) == name


def test_singular_name_keeps_the_case_of_mixed_case_names():
    from kg.names import singular_name
    assert [singular_name(n) for n in ("nuScenes", "iPhones", "mAPs")] == ["nuScenes", "iPhones", "mAP"]
