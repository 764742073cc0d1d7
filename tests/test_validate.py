"""kg.validate and `kg validate`: SHACL shapes plus the ontology's domains and ranges."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import DCTERMS, PROV, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef

from kg import validate as kv
from kg.cli import main
from kg.rdf import AKG

R = "https://w3id.org/abstract-kg/resource/"
PAPER, HRM, QWEN, GSM = URIRef(R + "paper/p1"), URIRef(R + "entity/hrm"), URIRef(R + "entity/qwen"), URIRef(R + "entity/gsm8k")
ACC, RESULT = URIRef(R + "entity/accuracy"), URIRef(R + "result/p1/1")
EVIDENCE, SENTENCE = URIRef(R + "evidence/p1/1"), URIRef(R + "sentence/p1/1")

# Written by hand to the contract in docs/ARCHITECTURE.md, independent of kg.rdf.
GOOD = """
@base <https://w3id.org/abstract-kg/resource/> .
@prefix akg: <https://w3id.org/abstract-kg/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<graph/p1> {
  <paper/p1> a akg:Paper ; dcterms:identifier "arXiv:2501.00001" ; dcterms:title "HRM" ;
    dcterms:abstract "We propose HRM. HRM reaches 77.2% accuracy on GSM8K with Qwen." ;
    akg:authorCount 3 ; akg:upvotes 10 ; akg:sortKey 20250100.00001 ;
    akg:proposes <entity/hrm> ; akg:usesModel <entity/qwen> ; akg:evaluatesOn <entity/gsm8k> ;
    akg:reportsMetric <entity/accuracy> ;
    akg:mentions <entity/hrm>, <entity/qwen>, <entity/gsm8k>, <entity/accuracy> ;
    akg:reportsResult <result/p1/1> .
  <entity/hrm> a akg:Method, akg:Entity ; rdfs:label "Hierarchical Reward Model" ; skos:altLabel "HRM" .
  <entity/qwen> a akg:Model, akg:Entity ; rdfs:label "Qwen2.5-7B" .
  <entity/gsm8k> a akg:Benchmark, akg:Entity ; rdfs:label "GSM8K" .
  <entity/accuracy> a akg:Metric, akg:Entity ; rdfs:label "accuracy" .
  <entity/hrm> akg:outperforms <entity/qwen> .
  <result/p1/1> a akg:Result ; akg:resultFor <entity/hrm> ; akg:onBenchmark <entity/gsm8k> ;
    akg:withMetric <entity/accuracy> ; akg:value 77.2 ; akg:valueText "77.2%" .
  <evidence/p1/1> a akg:Evidence, rdf:Statement ;
    rdf:subject <paper/p1> ; rdf:predicate akg:proposes ; rdf:object <entity/hrm> ;
    prov:wasDerivedFrom <sentence/p1/1> ; akg:extractor "rule:we-propose" ; akg:confidence 0.9 ;
    prov:wasAttributedTo <agent/rule-we-propose> .
  <sentence/p1/1> a akg:Sentence ; prov:value "We propose HRM." ;
    akg:startOffset 5 ; akg:endOffset 20 ; dcterms:isPartOf <paper/p1> .
  <agent/rule-we-propose> a prov:SoftwareAgent ; rdfs:label "rule:we-propose" .
}
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return kv.load_ontology()


@pytest.fixture(scope="module")
def shapes(ontology) -> Graph:
    return kv.load_shapes(ontology)


@pytest.fixture
def good() -> Graph:
    """A fresh, valid graph each test may break."""
    dataset = Dataset().parse(data=GOOD, format="trig")
    return kv._union(dataset)


@pytest.fixture
def check(shapes, ontology):
    return lambda data: kv.validate(data, shapes=shapes, ontology=ontology)


def assert_violation(report: kv.Report, *fragments: str) -> None:
    assert not report.conforms
    assert any(all(f in v for f in fragments) for v in report.violations), report.violations


# ---------------------------------------------------------------- conforming graphs


def test_good_graph_conforms(check, good):
    report = check(good)
    assert report.conforms, report.violations
    assert report.violations == [] and report.triples == len(good)


def test_dataset_is_checked_over_the_union_of_its_graphs(check):
    report = check(Dataset().parse(data=GOOD, format="trig"))
    assert report.conforms, report.violations


def test_generated_graph_conforms(check):
    """kg.graph -> kg.rdf output from typed records passes the shapes."""
    from decimal import Decimal

    from kg.graph import to_graph
    from kg.model import Entity, Evidence, Paper, PaperFacts, Resolution, Result
    from kg.rdf import to_dataset

    paper = Paper(key="arXiv-2501.00002", abstract="We propose ToolPO. ToolPO gets 61.0% pass@1 on ToolBench.",
                  title="DeepAgent", id="arXiv:2501.00002", date="2025-01-02", authors_count=4, upvotes=9)
    ev1 = Evidence("We propose ToolPO.", 11, 29, "rule:we-propose", 0.9)
    ev2 = Evidence("ToolPO gets 61.0% pass@1 on ToolBench.", 30, 68, "rule:result-value", 0.8)
    entities = {"toolpo": Entity("toolpo", "method", "ToolPO"), "toolbench": Entity("toolbench", "benchmark", "ToolBench"),
                "pass1": Entity("pass1", "metric", "pass@1")}
    facts = PaperFacts(paper, roles=[("toolpo", "proposes", ev1), ("toolpo", "mentions", ev1),
                                     ("toolbench", "evaluatesOn", ev2), ("toolbench", "mentions", ev2),
                                     ("pass1", "reportsMetric", ev2), ("pass1", "mentions", ev2)],
                       results=[Result("61.0%", Decimal("61.0"), ev2, "toolpo", "toolbench", "pass1")],
                       surface_forms={"toolpo": {"ToolPO"}})
    report = check(to_dataset(to_graph(Resolution(entities, [facts]))))
    assert report.conforms, report.violations


def test_bundled_fixture_file_conforms(shapes, ontology):
    fixture = Path(__file__).resolve().parent / "fixtures" / "small.trig"
    report = kv.validate(fixture, shapes=shapes, ontology=ontology)
    assert report.conforms, report.violations


# ---------------------------------------------------------------- entities


def test_missing_label_is_reported_with_the_node(check, good):
    good.remove((GSM, RDFS.label, None))
    assert_violation(check(good), "gsm8k", "rdfs:label", "exactly one")


def test_two_labels_are_reported(check, good):
    good.add((GSM, RDFS.label, Literal("GSM-8K")))
    assert_violation(check(good), "gsm8k", "rdfs:label")


def test_two_entity_types_are_reported(check, good):
    good.add((QWEN, RDF.type, AKG.Method))
    assert_violation(check(good), "qwen", "exactly one of the types")


def test_entity_type_without_materialised_entity_is_reported(check, good):
    good.remove((ACC, RDF.type, AKG.Entity))
    assert_violation(check(good), "accuracy", "akg:Entity")


# ---------------------------------------------------------------- papers and roles


def test_wrong_class_on_role_is_reported(check, good):
    good.add((PAPER, AKG.usesModel, GSM))
    good.add((PAPER, AKG.mentions, GSM))
    report = check(good)
    assert_violation(report, "p1", "akg:usesModel", "akg:Model", "gsm8k")
    assert len(report.violations) == 1  # shapes.ttl says it; the generated range shape is not repeated


def test_range_shape_applies_without_hand_written_shapes(ontology, good):
    good.add((PAPER, AKG.usesModel, GSM))
    good.add((PAPER, AKG.mentions, GSM))
    report = kv.validate(good, shapes=kv.domain_range_shapes(ontology), ontology=ontology)
    assert_violation(report, "gsm8k", "rdfs:range of akg:usesModel", "akg:Model")


def test_role_without_mentions_is_reported(check, good):
    good.remove((PAPER, AKG.mentions, QWEN))
    assert_violation(check(good), "p1", "usesModel", "not akg:mentions")


def test_missing_abstract_is_reported(check, good):
    good.remove((PAPER, DCTERMS.abstract, None))
    assert_violation(check(good), "p1", "dcterms:abstract")


def test_two_identifiers_are_reported(check, good):
    good.add((PAPER, DCTERMS.identifier, Literal("other")))
    assert_violation(check(good), "p1", "dcterms:identifier")


def test_negative_upvotes_are_reported(check, good):
    good.set((PAPER, AKG.upvotes, Literal(-1)))
    assert_violation(check(good), "p1", "akg:upvotes")


def test_domain_violation_is_reported(check, good):
    # an entity cannot propose anything: rdfs:domain of akg:proposes is akg:Paper
    good.add((HRM, AKG.proposes, QWEN))
    assert_violation(check(good), "hrm", "domain of akg:proposes", "akg:Paper")


# ---------------------------------------------------------------- results


def test_non_decimal_value_is_reported(check, good):
    good.set((RESULT, AKG.value, Literal("77.2%")))
    assert_violation(check(good), "result/p1/1", "akg:value", "xsd:decimal", '"77.2%"')


def test_double_value_is_reported(check, good):
    good.set((RESULT, AKG.value, Literal(77.2)))  # a float is xsd:double, not xsd:decimal
    assert_violation(check(good), "result/p1/1", "akg:value")


def test_two_values_are_reported(check, good):
    good.add((RESULT, AKG.value, Literal("3", datatype=XSD.decimal)))
    assert_violation(check(good), "result/p1/1", "at most one akg:value")


def test_missing_value_text_is_reported(check, good):
    good.remove((RESULT, AKG.valueText, None))
    assert_violation(check(good), "result/p1/1", "akg:valueText")


def test_result_on_a_non_benchmark_is_reported(check, good):
    good.set((RESULT, AKG.onBenchmark, ACC))
    assert_violation(check(good), "result/p1/1", "akg:onBenchmark", "akg:Benchmark")


def test_result_without_paper_is_reported(check, good):
    good.remove((PAPER, AKG.reportsResult, RESULT))
    assert_violation(check(good), "result/p1/1", "^akg:reportsResult")


# ---------------------------------------------------------------- evidence


def test_confidence_above_one_is_reported(check, good):
    good.set((EVIDENCE, AKG.confidence, Literal("1.5", datatype=XSD.decimal)))
    assert_violation(check(good), "evidence/p1/1", "akg:confidence", "[0, 1]")


def test_evidence_without_subject_is_reported(check, good):
    good.remove((EVIDENCE, RDF.subject, None))
    assert_violation(check(good), "evidence/p1/1", "rdf:subject")


def test_evidence_for_unasserted_statement_is_reported(check, good):
    good.remove((HRM, AKG.outperforms, QWEN))
    good.set((EVIDENCE, RDF.subject, HRM))
    good.set((EVIDENCE, RDF.predicate, AKG.outperforms))
    good.set((EVIDENCE, RDF.object, QWEN))
    assert_violation(check(good), "evidence/p1/1", "does not assert")


def test_string_offset_is_reported(check, good):
    good.set((SENTENCE, AKG.startOffset, Literal("5")))
    assert_violation(check(good), "sentence/p1/1", "akg:startOffset")


def test_start_after_end_is_reported(check, good):
    good.set((SENTENCE, AKG.startOffset, Literal(30)))
    assert_violation(check(good), "sentence/p1/1", "akg:startOffset")


def test_sentence_without_paper_is_reported(check, good):
    good.remove((SENTENCE, DCTERMS.isPartOf, None))
    assert_violation(check(good), "sentence/p1/1", "dcterms:isPartOf")


def test_evidence_from_a_non_sentence_is_reported(check, good):
    good.set((EVIDENCE, PROV.wasDerivedFrom, PAPER))
    assert_violation(check(good), "evidence/p1/1", "prov:wasDerivedFrom")


# ---------------------------------------------------------------- shapes from the ontology


SHACL = "http://www.w3.org/ns/shacl#"


def test_domain_range_shapes_cover_every_akg_property(ontology):
    generated = kv.domain_range_shapes(ontology)
    properties = {p for p in ontology.subjects(RDFS.domain, None) if str(p).startswith(str(AKG))}
    targeted = set(generated.objects(None, URIRef(SHACL + "targetSubjectsOf")))
    assert properties and properties <= targeted
    ranged = set(generated.objects(None, URIRef(SHACL + "targetObjectsOf")))
    assert AKG.usesModel in ranged and AKG.onBenchmark in ranged


def test_range_shapes_already_checked_are_left_out(ontology):
    generated = kv.domain_range_shapes(ontology, {(AKG.usesModel, AKG.Model)})
    ranged = set(generated.objects(None, URIRef(SHACL + "targetObjectsOf")))
    assert AKG.usesModel not in ranged and AKG.usesMethod in ranged


def test_report_text_lists_violations(check, good):
    good.remove((GSM, RDFS.label, None))
    text = str(check(good))
    assert text.startswith("1 violation") and "gsm8k" in text


# ---------------------------------------------------------------- files and the command


def test_read_graph_missing_file(tmp_path):
    with pytest.raises(kv.InputError, match="missing.ttl: no such file"):
        kv.read_graph(tmp_path / "missing.ttl")


def test_read_graph_syntax_error_names_the_file(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix a: <http://a#> .\na:x a:y a:z .\na:x a:y\n", encoding="utf-8")
    with pytest.raises(kv.InputError, match=r"bad\.ttl: not valid turtle"):
        kv.read_graph(path)


@pytest.fixture
def good_file(tmp_path) -> Path:
    path = tmp_path / "good.trig"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_cli_conforming_file_exits_0(good_file, capsys):
    assert main(["validate", str(good_file)]) == 0
    assert "conforms" in capsys.readouterr().out


def test_cli_broken_file_exits_1_and_names_the_node(tmp_path, capsys):
    path = tmp_path / "broken.trig"
    path.write_text(GOOD.replace('rdfs:label "GSM8K" ', ""), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "1 violation" in out and "gsm8k" in out and "rdfs:label" in out


def test_cli_unreadable_file_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope.ttl")]) == 2
    assert "nope.ttl: no such file" in capsys.readouterr().err


def test_cli_format_option_overrides_the_suffix(tmp_path, capsys):
    path = tmp_path / "graph.data"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["validate", "--format", "trig", str(path)]) == 0


def test_cli_limits_printed_violations(tmp_path, capsys):
    path = tmp_path / "broken.trig"
    path.write_text(GOOD.replace("akg:confidence 0.9", "akg:confidence 9").replace('rdfs:label "GSM8K" ', ""),
                    encoding="utf-8")
    assert main(["validate", "--max", "1", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.count("\n  - ") == 1 and re.search(r"\.\.\. and \d+ more", out)
