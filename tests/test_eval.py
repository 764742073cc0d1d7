"""The scorer: gold parsing, reading predictions from a hand-made RDF dataset, matching rules."""
from __future__ import annotations

import json

import pytest
from rdflib import Dataset

from kg.evaluate import (Count, GoldError, GoldEntity, GoldPaper, PredEntity, Predicted, format_report, load_gold,
                         match_entities, match_pairs, match_results, pair_papers, predictions, score)
from kg.model import Paper

BASE = "https://w3id.org/abstract-kg/resource/"

TRIG = """
@base <https://w3id.org/abstract-kg/resource/> .
@prefix akg: <https://w3id.org/abstract-kg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

<graph/p1> {
  <paper/p1> a akg:Paper ;
    akg:mentions <entity/hrm>, <entity/gsm8k>, <entity/acc>, <entity/qwen>, <entity/math-task>, <entity/mmlu> ;
    akg:proposes <entity/hrm> ;
    akg:reportsResult <result/p1/1> .
  <entity/hrm> a akg:Method, akg:Entity ; rdfs:label "Hierarchical Reward Model" ; skos:altLabel "HRM" .
  <entity/gsm8k> a akg:Benchmark, akg:Entity ; rdfs:label "GSM-8K" .
  <entity/acc> a akg:Metric, akg:Entity ; rdfs:label "accuracy" .
  <entity/qwen> a akg:Model, akg:Entity ; rdfs:label "Qwen2.5-7B" .
  <entity/math-task> a akg:Task, akg:Entity ; rdfs:label "mathematical reasoning" .
  <entity/mmlu> a akg:Method, akg:Entity ; rdfs:label "MMLU" .
  <result/p1/1> a akg:Result ; akg:valueText "77.2%" ; akg:resultFor <entity/hrm> ;
    akg:onBenchmark <entity/gsm8k> ; akg:withMetric <entity/acc> .
  <entity/hrm> akg:outperforms <entity/qwen> .
}
<graph/p2> {
  <paper/p2> a akg:Paper ; akg:mentions <entity/gsm8k> .
  <entity/gsm8k> a akg:Benchmark, akg:Entity ; rdfs:label "GSM-8K" ; skos:altLabel "gsm8k" .
}
"""


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    ds = Dataset()
    ds.parse(data=TRIG, format="trig")
    return ds


def gold_p1() -> GoldPaper:
    return GoldPaper(
        source="gold.jsonl:1", id="p1", title="", abstract="text",
        entities=[GoldEntity("Hierarchical Reward Model", "method", ("HRM",), True),
                  GoldEntity("GSM8K", "benchmark"), GoldEntity("MMLU", "benchmark"),
                  GoldEntity("accuracy", "metric"), GoldEntity("Qwen2.5-7B", "model"),
                  GoldEntity("mathematical reasoning", "task"), GoldEntity("pass@1", "metric")],
        results=[{"subject": "HRM", "benchmark": "GSM8K", "metric": "accuracy", "value": "77.2\\%"}],
        outperforms=[{"subject": "HRM", "object": "Qwen2.5-7B"}],
    )


def test_predictions_read_one_named_graph(dataset):
    pred = predictions(dataset, BASE + "graph/p1")
    by_label = {e.label: e for e in pred.entities}
    assert set(by_label) == {"Hierarchical Reward Model", "GSM-8K", "accuracy", "Qwen2.5-7B", "mathematical reasoning", "MMLU"}
    assert by_label["Hierarchical Reward Model"].names == {"hierarchicalrewardmodel", "hrm"}
    assert by_label["Hierarchical Reward Model"].proposed and not by_label["GSM-8K"].proposed
    assert by_label["MMLU"].type == "method"


def test_alt_labels_come_from_the_papers_own_graph(dataset):
    gsm_in_p1 = next(e for e in predictions(dataset, BASE + "graph/p1").entities if e.label == "GSM-8K")
    gsm_in_p2 = next(e for e in predictions(dataset, BASE + "graph/p2").entities if e.label == "GSM-8K")
    assert gsm_in_p1.names == {"gsm8k"} and gsm_in_p2.names == {"gsm8k"}


def test_predicted_results_and_outperforms(dataset):
    pred = predictions(dataset, BASE + "graph/p1")
    assert pred.results == [{"value": "77.2%", "subject": {"hierarchicalrewardmodel", "hrm"},
                             "benchmark": {"gsm8k"}, "metric": {"accuracy"}}]
    assert pred.outperforms == [({"hierarchicalrewardmodel", "hrm"}, {"qwen257b"})]


def test_score_counts_per_type(dataset):
    report = score([(gold_p1(), predictions(dataset, BASE + "graph/p1"))], known_names=frozenset({"gsm8k", "accuracy"}))
    c = report.counts
    assert (c["method"].tp, c["method"].fp, c["method"].fn) == (1, 1, 0)  # MMLU typed method is a false hit
    assert (c["benchmark"].tp, c["benchmark"].fp, c["benchmark"].fn) == (1, 0, 1)  # and the benchmark is missed
    assert (c["metric"].tp, c["metric"].fn) == (1, 1)
    assert (c["overall"].tp, c["overall"].fp, c["overall"].fn) == (4, 1, 2)
    assert (c["task"].tp, c["task"].fp, c["task"].fn) == (1, 0, 0)
    assert (c["proposed"].tp, c["proposed"].fp) == (1, 0)
    assert c["results"].tp == 1 and c["outperforms"].tp == 1


def test_unseen_recall_counts_only_names_absent_from_lexicons(dataset):
    report = score([(gold_p1(), predictions(dataset, BASE + "graph/p1"))], known_names=frozenset({"gsm8k", "accuracy"}))
    # unseen core gold: HRM (found), MMLU (missed), Qwen2.5-7B (found), pass@1 (missed)
    assert (report.unseen.tp, report.unseen.fn) == (2, 2)


def test_match_by_alias_and_normalisation():
    gold = [GoldEntity("Group Relative Policy Optimization", "method", ("GRPO",))]
    found, missed, false = match_entities(gold, [PredEntity("e", "method", frozenset({"grpo"}), "GRPO")])
    assert found == gold and missed == [] and false == []


def test_the_label_counts_when_the_paper_writes_no_other_name():
    gold = [GoldEntity("Transformer", "method", ())]
    pred = [PredEntity("e", "method", frozenset({"transformermodule", "transformer"}), "Transformer module")]
    found, missed, false = match_entities(gold, pred)
    assert found == [] and missed == gold and false == pred


def test_a_paper_is_scored_on_the_names_it_writes_not_the_corpus_label():
    gold = [GoldEntity("o1", "model", ())]
    pred = PredEntity("e", "model", frozenset({"openaio1", "o1"}), "OpenAI o1", written=frozenset({"o1"}))
    assert match_entities(gold, [pred])[0] == gold
    assert match_entities([GoldEntity("OpenAI o1", "model", ())], [pred])[0] == []


def test_two_predictions_of_one_gold_entity_are_both_correct():
    gold = [GoldEntity("OpenAI o1", "model", ("o1",))]
    pred = [PredEntity("a", "model", frozenset({"openaio1"}), "OpenAI o1"), PredEntity("b", "model", frozenset({"o1"}), "o1")]
    found, _, false = match_entities(gold, pred)
    assert found == gold and false == []


def test_precision_uses_matching_predictions():
    count = Count(tp=1, fp=1, fn=0, hit=2)
    assert count.precision == pytest.approx(2 / 3) and count.recall == 1.0


def test_result_needs_every_field_right():
    pred = [{"value": "77.2%", "subject": frozenset({"hrm"}), "benchmark": frozenset(), "metric": frozenset({"accuracy"})}]
    assert match_results([{"subject": "HRM", "benchmark": "", "metric": "accuracy", "value": "77.2 %"}], pred).tp == 1
    assert match_results([{"subject": "HRM", "benchmark": "GSM8K", "metric": "accuracy", "value": "77.2%"}], pred).tp == 0


def test_result_errors_name_every_slot():
    pred = [{"value": "77.2%", "subject": frozenset({"hrm"}), "benchmark": frozenset(), "metric": frozenset()}]
    errors: list[str] = []
    match_results([{"subject": "HRM", "benchmark": "", "metric": "accuracy", "value": "77.2%"}], pred, errors, "g:3")
    assert errors == ["g:3: miss result subject='HRM' / benchmark='' / metric='accuracy' / value='77.2%'",
                      "g:3: false result subject='hrm' / benchmark='' / metric='' / value='77.2%'"]


def test_outperforms_errors_name_both_sides():
    pred = [(frozenset({"tama"}), frozenset({"gpt4"})), (frozenset({"hrm"}), frozenset({"gpt4o"}))]
    errors: list[str] = []
    count = match_pairs([{"subject": "HRM", "object": "GPT-4o"}, {"subject": "HRM", "object": "o1"}], pred, errors, "g:5")
    assert (count.tp, count.fp, count.fn) == (1, 1, 1)
    assert errors == ["g:5: miss outperforms 'HRM' > 'o1'", "g:5: false outperforms 'tama' > 'gpt4'"]


def write(tmp_path, lines) -> str:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_load_gold_reports_file_and_line_of_bad_json(tmp_path):
    good = json.dumps({"id": "a", "abstract": "x", "entities": []})
    with pytest.raises(GoldError, match=r"gold\.jsonl:2: not valid JSON"):
        load_gold(write(tmp_path, [good, "{oops"]))


def test_load_gold_rejects_entity_without_type(tmp_path):
    line = json.dumps({"id": "a", "abstract": "x", "entities": [{"name": "GSM8K"}]})
    with pytest.raises(GoldError, match=r"gold\.jsonl:1: entity 1"):
        load_gold(write(tmp_path, [line]))


def test_pair_papers_by_id_then_by_abstract():
    gold = [GoldPaper("g:1", "arXiv:1", "", "whatever", [], [], []),
            GoldPaper("g:2", None, "", "Same   text with 5\\% gain", [], [], [])]
    papers = [Paper(key="k1", abstract="other", id="arXiv:1"), Paper(key="k2", abstract="same text with 5% gain")]
    assert [p.key for _, p in pair_papers(gold, papers)] == ["k1", "k2"]


def test_pair_papers_names_unmatched_gold_line():
    with pytest.raises(GoldError, match="g:1"):
        pair_papers([GoldPaper("g:1", None, "", "absent", [], [], [])], [Paper(key="k", abstract="present")])


def test_format_report_lists_errors_on_request(dataset):
    report = score([(gold_p1(), predictions(dataset, BASE + "graph/p1"))])
    text = format_report(report, show_errors=True)
    assert "overall" in text and "gold.jsonl:1: miss benchmark 'MMLU'" in text and "false method 'MMLU'" in text


# ---------------------------------------------------------------- through the real build

GOLD_FILE = __import__("pathlib").Path(__file__).parent / "gold" / "dev_seeds.jsonl"


@pytest.fixture(scope="module")
def seed_subset(tmp_path_factory):
    if not GOLD_FILE.exists():
        pytest.skip("tests/gold/dev_seeds.jsonl not present")
    path = tmp_path_factory.mktemp("gold") / "subset.jsonl"
    path.write_text("\n".join(GOLD_FILE.read_text(encoding="utf-8").splitlines()[:12]) + "\n", encoding="utf-8")
    return path


def test_kg_eval_cli_prints_scores_as_json(seed_subset, capsys):
    from kg.cli import main

    assert main(["eval", str(seed_subset), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["papers"] == 12
    assert set(scores) >= {"method", "model", "benchmark", "metric", "overall", "task", "proposed", "results",
                           "outperforms", "unseen"}


def test_scores_on_seed_subset_do_not_fall(seed_subset):
    """Guard against regressions: floors a little under the figures measured after the second
    extraction round (overall F1 0.85, metric 0.58, task 0.44, unseen recall 0.67 on the first
    12 seed gold lines; `kg eval` on `head -12 tests/gold/dev_seeds.jsonl`)."""
    from kg.evaluate import evaluate

    report = evaluate(seed_subset)
    assert report.counts["overall"].f1 >= 0.82
    assert report.counts["benchmark"].f1 >= 0.9 and report.counts["model"].f1 >= 0.9
    assert report.counts["metric"].f1 >= 0.5
    assert report.counts["task"].f1 >= 0.4
    assert report.unseen.recall >= 0.62


def test_kg_eval_cli_reports_bad_gold_file(tmp_path, capsys):
    from kg.cli import main

    path = tmp_path / "bad.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    assert main(["eval", str(path)]) == 2
    assert f"{path}:1" in capsys.readouterr().err


def test_the_error_listing_is_the_same_under_any_string_hashing():
    # rdflib returns rows in an order that follows Python's string hashing; the report must not.
    # (On this file, seeds 1 and 2 gave different listings before predictions were sorted.)
    import os
    import subprocess
    import sys

    gold = GOLD_FILE.parent / "dev_corpus9.jsonl"

    def listing(seed: str) -> str:
        env = dict(os.environ, PYTHONHASHSEED=seed)
        return subprocess.run([sys.executable, "-m", "kg", "eval", str(gold), "--show-errors"],
                              capture_output=True, text=True, env=env, timeout=300, check=True).stdout

    first = listing("1")
    assert ": false " in first and ": miss " in first
    assert listing("2") == first
