"""kg.rdf: the networkx graph (docs/ARCHITECTURE.md) -> an rdflib Dataset, one named graph per paper."""
from __future__ import annotations

from decimal import Decimal

import networkx as nx
import pytest
from rdflib import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg import DEFAULT_BASE_IRI
from kg import rdf
from kg.model import Evidence
from kg.rdf import AKG

BASE = DEFAULT_BASE_IRI
KEY1, KEY2 = "arXiv-2510.00001", "3f9a1c2b7d4e5f60"
TITLE1 = "ColorAgent: Mobile Agents"
ABSTRACT1 = ("We propose ColorAgent, a mobile agent. ColorAgent reaches 77.2% success rate on AndroidWorld "
             "and 50.7% on AndroidLab, outperforming UI-TARS.")
TEXT1 = f"{TITLE1}\n\n{ABSTRACT1}"


def _evidence(text: str, sentence: str, extractor: str, confidence: float) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence), extractor, confidence)


S_PROPOSE = "We propose ColorAgent, a mobile agent."
S_RESULT = ("ColorAgent reaches 77.2% success rate on AndroidWorld and 50.7% on AndroidLab, "
            "outperforming UI-TARS.")


def build_sample(reverse: bool = False) -> nx.MultiDiGraph:
    """Two papers per the contract: roles with evidence, a link, two results (one unparsed), a shared entity.

    `reverse` adds the same nodes and edges in the opposite order, to show IRIs do not depend on it.
    """
    propose = _evidence(TEXT1, S_PROPOSE, "rule:we-propose", 0.9)
    result = _evidence(TEXT1, S_RESULT, "rule:result-value", 0.8)
    beats = _evidence(TEXT1, S_RESULT, "rule:outperforms", 0.75)
    nodes = [
        (f"paper/{KEY1}", dict(kind="Paper", label=TITLE1, identifier="arXiv:2510.00001", title=TITLE1,
                               abstract=ABSTRACT1, date="2025-10-22", authors_count=7, upvotes=31,
                               url="https://arxiv.org/abs/2510.00001", source="data/x.txt:3")),
        (f"paper/{KEY2}", dict(kind="Paper", label=KEY2, identifier=KEY2, title=None,
                               abstract="We evaluate UI-TARS on AndroidWorld.", date="Oct 28",
                               authors_count=None, upvotes=None, url=None, source="data/y.txt:1")),
        ("entity/coloragent", dict(kind="Method", label="ColorAgent", aliases=["CA"])),
        ("entity/ui-tars", dict(kind="Model", label="UI-TARS", aliases=["UITARS"])),
        ("entity/androidworld", dict(kind="Benchmark", label="AndroidWorld", aliases=[])),
        ("entity/androidlab", dict(kind="Benchmark", label="AndroidLab", aliases=[])),
        ("entity/success-rate", dict(kind="Metric", label="success rate", aliases=["SR"])),
        (f"result/{KEY1}/1", dict(kind="Result", label="77.2%", value_text="77.2%", value="77.2", paper=KEY1)),
        (f"result/{KEY1}/2", dict(kind="Result", label="about half", value_text="about half", value=None, paper=KEY1)),
    ]
    p1, p2, r1, r2 = f"paper/{KEY1}", f"paper/{KEY2}", f"result/{KEY1}/1", f"result/{KEY1}/2"
    edges = [
        (p1, "entity/coloragent", dict(rel="proposes", paper=KEY1, evidence=propose)),
        (p1, "entity/coloragent", dict(rel="mentions", paper=KEY1, evidence=None, forms=["CA", "ColorAgent"])),
        (p1, "entity/androidworld", dict(rel="evaluatesOn", paper=KEY1, evidence=result)),
        (p1, "entity/androidworld", dict(rel="mentions", paper=KEY1, evidence=None, forms=[])),
        (p1, "entity/androidlab", dict(rel="evaluatesOn", paper=KEY1, evidence=result)),
        (p1, "entity/success-rate", dict(rel="reportsMetric", paper=KEY1, evidence=result)),
        (p1, "entity/ui-tars", dict(rel="mentions", paper=KEY1, evidence=None, forms=["UI-TARS"])),
        ("entity/coloragent", "entity/ui-tars", dict(rel="outperforms", paper=KEY1, evidence=beats)),
        (p1, r1, dict(rel="reportsResult", paper=KEY1, evidence=result)),
        (r1, "entity/coloragent", dict(rel="resultFor", paper=KEY1, evidence=None)),
        (r1, "entity/androidworld", dict(rel="onBenchmark", paper=KEY1, evidence=None)),
        (r1, "entity/success-rate", dict(rel="withMetric", paper=KEY1, evidence=None)),
        (p1, r2, dict(rel="reportsResult", paper=KEY1, evidence=None)),
        (p2, "entity/ui-tars", dict(rel="usesModel", paper=KEY2, evidence=None)),
        (p2, "entity/ui-tars", dict(rel="mentions", paper=KEY2, evidence=None, forms=["UITARS"])),
        (p2, "entity/androidworld", dict(rel="evaluatesOn", paper=KEY2, evidence=None)),
        (p2, "entity/androidworld", dict(rel="mentions", paper=KEY2, evidence=None, forms=[])),
    ]
    graph = nx.MultiDiGraph()
    for node, data in reversed(nodes) if reverse else nodes:
        graph.add_node(node, **data)
    for source, target, data in reversed(edges) if reverse else edges:
        graph.add_edge(source, target, **data)
    return graph


def iri(path: str) -> URIRef:
    return URIRef(BASE + path)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return rdf.to_dataset(build_sample())


@pytest.fixture(scope="module")
def g1(dataset) -> Graph:
    return dataset.graph(rdf.graph_iri(KEY1))


@pytest.fixture(scope="module")
def g2(dataset) -> Graph:
    return dataset.graph(rdf.graph_iri(KEY2))


def quads(dataset: Dataset) -> set:
    return {(s, p, o, str(g.identifier if isinstance(g, Graph) else g)) for s, p, o, g in dataset.quads()}


# ---------------------------------------------------------------- named graphs


def test_one_named_graph_per_paper(dataset):
    named = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert named == {BASE + f"graph/{KEY1}", BASE + f"graph/{KEY2}"}


def test_default_graph_is_empty_when_every_entity_has_a_paper(dataset):
    assert len(dataset.default_graph) == 0


def test_paper_triples_live_only_in_their_own_graph(g1, g2):
    assert (iri(f"paper/{KEY1}"), RDF.type, AKG.Paper) in g1
    assert (iri(f"paper/{KEY1}"), RDF.type, AKG.Paper) not in g2


def test_base_iri_is_used_for_every_resource():
    base = "http://example.org/kg/"
    ds = rdf.to_dataset(build_sample(), base_iri=base)
    subjects = {str(s) for s, _, _, _ in ds.quads()}
    assert subjects and all(s.startswith(base) for s in subjects)
    assert URIRef(f"{base}graph/{KEY1}") in {c.identifier for c in ds.graphs()}


# ---------------------------------------------------------------- papers


def test_paper_identifier_title_abstract(g1):
    paper = iri(f"paper/{KEY1}")
    assert g1.value(paper, DCTERMS.identifier) == Literal("arXiv:2510.00001")
    assert g1.value(paper, DCTERMS.title) == Literal(TITLE1)
    assert g1.value(paper, DCTERMS.abstract) == Literal(ABSTRACT1)


def test_paper_counts_are_integers(g1):
    paper = iri(f"paper/{KEY1}")
    assert g1.value(paper, AKG.authorCount) == Literal(7)
    assert g1.value(paper, AKG.authorCount).datatype == XSD.integer
    assert g1.value(paper, AKG.upvotes) == Literal(31)


def test_iso_date_is_typed_and_partial_date_is_plain(g1, g2):
    assert g1.value(iri(f"paper/{KEY1}"), DCTERMS.date) == Literal("2025-10-22", datatype=XSD.date)
    assert g2.value(iri(f"paper/{KEY2}"), DCTERMS.date) == Literal("Oct 28")


def test_paper_url_is_an_iri(g1):
    assert g1.value(iri(f"paper/{KEY1}"), SDO.url) == URIRef("https://arxiv.org/abs/2510.00001")


def test_missing_metadata_is_left_out(g2):
    paper = iri(f"paper/{KEY2}")
    for prop in (DCTERMS.title, AKG.authorCount, AKG.upvotes, SDO.url):
        assert g2.value(paper, prop) is None


# ---------------------------------------------------------------- entities and roles


def test_entity_has_its_type_and_materialised_entity_type(g1):
    entity = iri("entity/coloragent")
    assert (entity, RDF.type, AKG.Method) in g1
    assert (entity, RDF.type, AKG.Entity) in g1


def test_entity_label(g1):
    assert g1.value(iri("entity/success-rate"), RDFS.label) == Literal("success rate")


def test_alt_labels_are_the_forms_this_paper_wrote(g1, g2):
    ui_tars = iri("entity/ui-tars")
    assert set(g1.objects(ui_tars, SKOS.altLabel)) == set()  # paper 1 wrote only the label itself
    assert set(g2.objects(ui_tars, SKOS.altLabel)) == {Literal("UITARS")}


def test_label_is_not_repeated_as_alt_label(g1):
    assert set(g1.objects(iri("entity/coloragent"), SKOS.altLabel)) == {Literal("CA")}


def test_shared_entity_is_described_in_each_papers_graph(g1, g2):
    for graph in (g1, g2):
        assert graph.value(iri("entity/androidworld"), RDFS.label) == Literal("AndroidWorld")


def test_entity_only_in_graphs_that_refer_to_it(g2):
    assert (iri("entity/coloragent"), None, None) not in g2


def test_role_triple(g1):
    assert (iri(f"paper/{KEY1}"), AKG.proposes, iri("entity/coloragent")) in g1


def test_role_without_mentions_edge_gets_mentions(g1):
    # the androidlab and success-rate roles come without a mentions edge in the networkx graph
    assert (iri(f"paper/{KEY1}"), AKG.mentions, iri("entity/androidlab")) in g1
    assert (iri(f"paper/{KEY1}"), AKG.mentions, iri("entity/success-rate")) in g1


def test_every_role_has_mentions_in_the_same_graph(dataset):
    for graph in dataset.graphs():
        for role in rdf.SPECIFIC_ROLES:
            for s, o in graph.subject_objects(AKG[role]):
                assert (s, AKG.mentions, o) in graph, (role, s, o)


def test_link_between_entities(g1):
    assert (iri("entity/coloragent"), AKG.outperforms, iri("entity/ui-tars")) in g1


# ---------------------------------------------------------------- results


def test_result_is_typed_and_reported(g1):
    result = iri(f"result/{KEY1}/1")
    assert (result, RDF.type, AKG.Result) in g1
    assert (iri(f"paper/{KEY1}"), AKG.reportsResult, result) in g1


def test_result_value_is_decimal(g1):
    value = g1.value(iri(f"result/{KEY1}/1"), AKG.value)
    assert value.datatype == XSD.decimal
    assert value.toPython() == Decimal("77.2")


def test_result_value_text_as_written(g1):
    assert g1.value(iri(f"result/{KEY1}/1"), AKG.valueText) == Literal("77.2%")


def test_result_links_to_subject_benchmark_metric(g1):
    result = iri(f"result/{KEY1}/1")
    assert g1.value(result, AKG.resultFor) == iri("entity/coloragent")
    assert g1.value(result, AKG.onBenchmark) == iri("entity/androidworld")
    assert g1.value(result, AKG.withMetric) == iri("entity/success-rate")


def test_unparsed_value_has_text_but_no_number(g1):
    result = iri(f"result/{KEY1}/2")
    assert g1.value(result, AKG.valueText) == Literal("about half")
    assert g1.value(result, AKG.value) is None


@pytest.mark.parametrize("value, lexical", [("1E+3", "1000"), ("0.50", "0.50"), ("-3", "-3"), ("2.57", "2.57")])
def test_decimal_lexical_form_has_no_exponent(value, lexical):
    graph = nx.MultiDiGraph()
    graph.add_node("paper/p", kind="Paper", identifier="p", abstract="a")
    graph.add_node("result/p/1", kind="Result", value_text=value, value=value, paper="p")
    ds = rdf.to_dataset(graph)
    literal = ds.graph(rdf.graph_iri("p")).value(iri("result/p/1"), AKG.value)
    assert str(literal) == lexical and literal.datatype == XSD.decimal


# ---------------------------------------------------------------- evidence


def evidence_for(graph: Graph, s, p, o) -> list:
    return [e for e in graph.subjects(RDF.subject, s)
            if (e, RDF.predicate, p) in graph and (e, RDF.object, o) in graph]


def test_evidence_reifies_the_statement(g1):
    [ev] = evidence_for(g1, iri(f"paper/{KEY1}"), AKG.proposes, iri("entity/coloragent"))
    assert (ev, RDF.type, AKG.Evidence) in g1
    assert (ev, RDF.type, RDF.Statement) in g1
    assert str(ev).startswith(BASE + f"evidence/{KEY1}/")


def test_evidence_extractor_confidence_agent(g1):
    [ev] = evidence_for(g1, iri(f"paper/{KEY1}"), AKG.proposes, iri("entity/coloragent"))
    assert g1.value(ev, AKG.extractor) == Literal("rule:we-propose")
    assert g1.value(ev, AKG.confidence) == Literal("0.9", datatype=XSD.decimal)
    agent = g1.value(ev, PROV.wasAttributedTo)
    assert agent == iri("agent/rule-we-propose")
    assert (agent, RDF.type, PROV.SoftwareAgent) in g1


def test_evidence_sentence_with_offsets(g1):
    [ev] = evidence_for(g1, iri(f"paper/{KEY1}"), AKG.proposes, iri("entity/coloragent"))
    sentence = g1.value(ev, PROV.wasDerivedFrom)
    assert (sentence, RDF.type, AKG.Sentence) in g1
    start, end = g1.value(sentence, AKG.startOffset), g1.value(sentence, AKG.endOffset)
    assert start.datatype == XSD.integer and end.datatype == XSD.integer
    assert TEXT1[start.toPython():end.toPython()] == str(g1.value(sentence, PROV.value)) == S_PROPOSE
    assert g1.value(sentence, DCTERMS.isPartOf) == iri(f"paper/{KEY1}")


def test_one_sentence_node_per_sentence(g1):
    sentences = set(g1.subjects(RDF.type, AKG.Sentence))
    assert len(sentences) == 2  # S_PROPOSE and S_RESULT, the latter shared by five of the six assertions
    assert {str(s) for s in sentences} == {BASE + f"sentence/{KEY1}/1", BASE + f"sentence/{KEY1}/2"}


def test_sentences_numbered_by_position(g1):
    first = iri(f"sentence/{KEY1}/1")
    assert g1.value(first, PROV.value) == Literal(S_PROPOSE)


def test_every_evidenced_edge_has_evidence(g1):
    assert len(set(g1.subjects(RDF.type, AKG.Evidence))) == 6  # the six edges built with evidence


def test_edges_without_evidence_get_none(g2):
    assert set(g2.subjects(RDF.type, AKG.Evidence)) == set()


# ---------------------------------------------------------------- stability


def test_two_runs_are_isomorphic():
    first, second = rdf.to_dataset(build_sample()), rdf.to_dataset(build_sample())
    assert isomorphic(rdf.union_graph(first), rdf.union_graph(second))
    assert quads(first) == quads(second)


def test_iris_do_not_depend_on_insertion_order():
    assert quads(rdf.to_dataset(build_sample())) == quads(rdf.to_dataset(build_sample(reverse=True)))


# ---------------------------------------------------------------- files


def test_write_turtle_is_the_union(tmp_path, dataset):
    path = rdf.write_turtle(dataset, tmp_path / "out" / "graph.ttl")
    parsed = Graph().parse(path, format="turtle")
    assert isomorphic(parsed, rdf.union_graph(dataset))


def test_write_trig_keeps_named_graphs(tmp_path, dataset):
    path = rdf.write_trig(dataset, tmp_path / "graph.trig")
    parsed = Dataset().parse(path, format="trig")
    assert quads(parsed) == quads(dataset)


def test_turtle_uses_bound_prefixes(tmp_path, dataset):
    text = rdf.write_turtle(dataset, tmp_path / "graph.ttl").read_text(encoding="utf-8")
    assert "@prefix akg: <https://w3id.org/abstract-kg/ontology#>" in text
    assert "@prefix dcterms: <http://purl.org/dc/terms/>" in text


def test_bind_prefixes_on_a_plain_graph():
    graph = rdf.bind_prefixes(Graph())
    assert dict(graph.namespaces())["akg"] == URIRef(str(AKG))
    assert dict(graph.namespaces())["schema"] == URIRef("https://schema.org/")


# ---------------------------------------------------------------- edge cases and bad input


def test_orphan_entity_goes_to_default_graph():
    graph = nx.MultiDiGraph()
    graph.add_node("entity/lonely", kind="Task", label="lonely task", aliases=["LT"])
    ds = rdf.to_dataset(graph)
    assert (iri("entity/lonely"), RDF.type, AKG.Task) in ds.default_graph
    assert (iri("entity/lonely"), SKOS.altLabel, Literal("LT")) in ds.default_graph


def test_unknown_node_kind_names_the_node():
    graph = nx.MultiDiGraph()
    graph.add_node("entity/x", kind="Gadget", label="x")
    with pytest.raises(ValueError, match="entity/x.*Gadget"):
        rdf.to_dataset(graph)


def test_unknown_relation_names_the_edge():
    graph = build_sample()
    graph.add_edge("entity/coloragent", "entity/ui-tars", rel="likes", paper=KEY1)
    with pytest.raises(ValueError, match="entity/coloragent.*likes"):
        rdf.to_dataset(graph)


def test_result_without_paper_is_refused():
    graph = nx.MultiDiGraph()
    graph.add_node("result/p/1", kind="Result", value_text="3", value="3")
    with pytest.raises(ValueError, match="result/p/1"):
        rdf.to_dataset(graph)


def test_non_decimal_value_names_the_node():
    graph = nx.MultiDiGraph()
    graph.add_node("result/p/1", kind="Result", value_text="3x", value="3x", paper="p")
    with pytest.raises(ValueError, match="result/p/1.*3x"):
        rdf.to_dataset(graph)


def test_node_id_that_cannot_be_an_iri_is_refused():
    graph = nx.MultiDiGraph()
    graph.add_node("paper/has space", kind="Paper", identifier="x", abstract="a")
    with pytest.raises(ValueError, match="has space"):
        rdf.to_dataset(graph)


def test_edge_without_paper_from_a_paper_uses_that_paper():
    graph = nx.MultiDiGraph()
    graph.add_node("paper/p", kind="Paper", identifier="p", abstract="a")
    graph.add_node("entity/e", kind="Model", label="E")
    graph.add_edge("paper/p", "entity/e", rel="usesModel")
    ds = rdf.to_dataset(graph)
    assert (iri("paper/p"), AKG.usesModel, iri("entity/e")) in ds.graph(rdf.graph_iri("p"))


def test_entity_edge_without_paper_is_refused():
    graph = nx.MultiDiGraph()
    graph.add_node("entity/a", kind="Model", label="A")
    graph.add_node("entity/b", kind="Model", label="B")
    graph.add_edge("entity/a", "entity/b", rel="variantOf")
    with pytest.raises(ValueError, match="no 'paper'"):
        rdf.to_dataset(graph)


def test_confidence_float_noise_is_rounded():
    graph = nx.MultiDiGraph()
    graph.add_node("paper/p", kind="Paper", identifier="p", abstract="We use X.")
    graph.add_node("entity/x", kind="Method", label="X")
    graph.add_edge("paper/p", "entity/x", rel="usesMethod", paper="p",
                   evidence=Evidence("We use X.", 0, 9, "model:akg_ner", 0.1 + 0.2))
    ds = rdf.to_dataset(graph)
    [conf] = ds.graph(rdf.graph_iri("p")).objects(None, AKG.confidence)
    assert str(conf) == "0.3"


def test_non_integer_upvotes_name_the_node():
    graph = nx.MultiDiGraph()
    graph.add_node("paper/p", kind="Paper", identifier="p", abstract="a", upvotes="many")
    with pytest.raises(ValueError, match="paper/p.*upvotes.*many"):
        rdf.to_dataset(graph)


def test_generated_quads_load_into_the_store_graph_by_graph(tmp_path):
    from kg import store

    quads = rdf.generate(build_sample())
    target = store.open_store(tmp_path / "store")
    store.load_quads(target, quads)
    assert len(target) == len(quads)
    store.load_quads(target, quads)  # a rebuild replaces each paper's graph: nothing doubles
    assert len(target) == len(quads)
    names = {str(n) for n in quads.graphs if n is not None}
    assert {q.graph_name.value for q in target} == names


def test_quads_and_dataset_hold_the_same_statements():
    quads = rdf.generate(build_sample())
    dataset = quads.to_dataset()
    assert sum(len(g) for g in dataset.graphs()) == len(quads)
    assert {t for g in dataset.graphs() for t in g} == quads.triples()


# ---------------------------------------------------------------- materialised for queries


@pytest.mark.parametrize("identifier, date, key", [
    ("arXiv:2502.12953", None, "20250200.12953"),  # the arXiv month, then the number in it
    ("2502.12953v2", None, "20250200.12953"),
    ("arXiv:2505.00010", "2025-05-20", "20250520.00010"),  # a date with a year wins
    (None, "2025-05-20", "20250520"),
    (None, "2025-05", "20250500"),
    ("h1", "Oct 28", "1028"),  # no year: month and day only, older than any dated paper
    ("h1", "Feb 29", "229"),
    ("h1", "sometime", "0"),
    (None, None, "0"),
])
def test_sort_key(identifier, date, key):
    assert rdf.sort_key(identifier, date) == Decimal(key)


def test_sort_key_orders_arxiv_papers_by_submission():
    keys = [rdf.sort_key(i, None) for i in ("arXiv:2412.19999", "arXiv:2501.00002", "arXiv:2501.00010", "arXiv:2501.10000")]
    assert keys == sorted(keys) and len(set(keys)) == 4


def test_every_paper_has_a_decimal_sort_key(g1, g2):
    assert g1.value(iri(f"paper/{KEY1}"), AKG.sortKey) == Literal("20251022.00001", datatype=XSD.decimal)
    assert g2.value(iri(f"paper/{KEY2}"), AKG.sortKey) == Literal("1028", datatype=XSD.decimal)


def test_proposed_for_pairs_each_proposed_method_with_each_task():
    paper, m1, m2, bench = iri("paper/p"), iri("entity/m1"), iri("entity/m2"), iri("entity/b")
    t1, t2 = iri("entity/t1"), iri("entity/t2")
    g = {(paper, AKG.proposes, m1), (paper, AKG.proposes, m2), (paper, AKG.proposes, bench),
         (m1, RDF.type, AKG.Method), (m2, RDF.type, AKG.Method), (bench, RDF.type, AKG.Benchmark),
         (paper, AKG.addressesTask, t1), (paper, AKG.addressesTask, t2)}
    assert rdf.proposed_for(g) == {(m, AKG.proposedFor, t) for m in (m1, m2) for t in (t1, t2)}


def test_proposed_for_is_generated_in_the_papers_graph():
    graph = build_sample()
    graph.add_node("entity/gui-agents", kind="Task", label="GUI agents", aliases=[])
    graph.add_edge(f"paper/{KEY1}", "entity/gui-agents", rel="addressesTask", paper=KEY1, evidence=None)
    dataset = rdf.to_dataset(graph)
    statement = (iri("entity/coloragent"), AKG.proposedFor, iri("entity/gui-agents"))
    assert statement in dataset.graph(rdf.graph_iri(KEY1))
    assert statement not in dataset.graph(rdf.graph_iri(KEY2))


def test_no_proposed_for_without_a_task(g1):
    assert not list(g1.triples((None, AKG.proposedFor, None)))
