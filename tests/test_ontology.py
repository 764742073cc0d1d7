"""ontology/: the OWL ontology, the SHACL shapes, the JSON-LD context and the provenance document."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery

from kg.rdf import AKG, MLS

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"
SDO = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")

CLASSES = ["Paper", "Entity", "Method", "Model", "Benchmark", "Metric", "Task", "Result", "Evidence", "Sentence"]
ENTITY_TYPES = ["Method", "Model", "Benchmark", "Metric", "Task"]
ROLES = ["proposes", "usesMethod", "usesModel", "evaluatesOn", "reportsMetric", "addressesTask"]
OBJECT_PROPERTIES = ["mentions", *ROLES, "outperforms", "basedOn", "variantOf", "proposedFor",
                     "reportsResult", "resultFor", "onBenchmark", "withMetric"]
DATATYPE_PROPERTIES = ["value", "valueText", "authorCount", "upvotes", "sortKey", "extractor", "confidence",
                       "startOffset", "endOffset", "asWritten"]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY / "akg.ttl", format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")


def declared_terms(onto: Graph) -> list[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return sorted({s for kind in kinds for s in onto.subjects(RDF.type, kind) if str(s).startswith(str(AKG))})


# ---------------------------------------------------------------- the ontology


def test_ontology_header(onto):
    ontology = URIRef("https://w3id.org/abstract-kg/ontology")
    assert (ontology, RDF.type, OWL.Ontology) in onto
    assert onto.value(ontology, OWL.versionInfo) is not None


@pytest.mark.parametrize("name", CLASSES)
def test_class_is_declared(onto, name):
    assert (AKG[name], RDF.type, OWL.Class) in onto


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_object_property_is_declared(onto, name):
    assert (AKG[name], RDF.type, OWL.ObjectProperty) in onto


@pytest.mark.parametrize("name", DATATYPE_PROPERTIES)
def test_datatype_property_is_declared(onto, name):
    assert (AKG[name], RDF.type, OWL.DatatypeProperty) in onto


def test_every_declared_term_has_label_and_comment(onto):
    missing = [t for t in declared_terms(onto) if onto.value(t, RDFS.label) is None or onto.value(t, RDFS.comment) is None]
    assert declared_terms(onto) and missing == []


def test_every_property_has_domain_and_range(onto):
    properties = [t for t in declared_terms(onto) if (t, RDF.type, OWL.Class) not in onto]
    missing = [p for p in properties if onto.value(p, RDFS.domain) is None or onto.value(p, RDFS.range) is None]
    assert len(properties) == len(OBJECT_PROPERTIES) + len(DATATYPE_PROPERTIES) and missing == []


def test_no_undeclared_akg_terms_are_used(onto, shapes):
    declared = set(declared_terms(onto))
    used = {t for g in (onto, shapes) for triple in g for t in triple
            if isinstance(t, URIRef) and str(t).startswith(str(AKG))}
    assert used - declared == set()


@pytest.mark.parametrize("name", ENTITY_TYPES)
def test_entity_types_are_entities(onto, name):
    assert (AKG[name], RDFS.subClassOf, AKG.Entity) in onto


def test_entity_types_are_disjoint(onto):
    [axiom] = onto.subjects(RDF.type, OWL.AllDisjointClasses)
    members = list(onto.items(onto.value(axiom, OWL.members)))
    assert sorted(members) == sorted(AKG[t] for t in ENTITY_TYPES)


@pytest.mark.parametrize("role", ROLES)
def test_roles_are_sub_properties_of_mentions(onto, role):
    assert (AKG[role], RDFS.subPropertyOf, AKG.mentions) in onto


@pytest.mark.parametrize("role, cls", [("usesMethod", "Method"), ("usesModel", "Model"), ("evaluatesOn", "Benchmark"),
                                       ("reportsMetric", "Metric"), ("addressesTask", "Task")])
def test_role_ranges(onto, role, cls):
    assert onto.value(AKG[role], RDFS.range) == AKG[cls]
    assert onto.value(AKG[role], RDFS.domain) == AKG.Paper


@pytest.mark.parametrize("prop, datatype", [("value", XSD.decimal), ("confidence", XSD.decimal),
                                            ("startOffset", XSD.integer), ("endOffset", XSD.integer),
                                            ("authorCount", XSD.integer), ("valueText", XSD.string)])
def test_datatype_ranges(onto, prop, datatype):
    assert onto.value(AKG[prop], RDFS.range) == datatype


@pytest.mark.parametrize("term, relation, external", [
    ("Paper", RDFS.subClassOf, SDO.ScholarlyArticle),
    ("Benchmark", RDFS.subClassOf, SDO.Dataset),
    ("Method", RDFS.subClassOf, MLS.Algorithm),
    ("Model", RDFS.subClassOf, MLS.Model),
    ("Metric", RDFS.subClassOf, MLS.EvaluationMeasure),
    ("Task", RDFS.subClassOf, MLS.Task),
    ("Result", RDFS.subClassOf, MLS.ModelEvaluation),
    ("Evidence", RDFS.subClassOf, PROV.Entity),
    ("Evidence", RDFS.subClassOf, RDF.Statement),
    ("mentions", RDFS.subPropertyOf, SDO.mentions),
    ("value", RDFS.subPropertyOf, MLS.hasValue),
])
def test_alignment_with_established_vocabularies(onto, term, relation, external):
    assert (AKG[term], relation, external) in onto


def test_alignment_is_one_way(onto):
    # equivalence or disjointness with outside classes could make a reasoner reject our data
    for prop in (OWL.equivalentClass, OWL.disjointWith, OWL.equivalentProperty):
        assert list(onto.subject_objects(prop)) == []


# ---------------------------------------------------------------- consistency under OWL 2 RL


def _owlrl_errors(data: Graph, onto: Graph) -> list[str]:
    import owlrl

    closure = Graph()
    for graph in (data, onto):
        for triple in graph:
            closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    error = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
    return [str(o) for o in closure.objects(None, error)]


def test_fixture_graph_is_consistent_with_the_ontology(onto):
    data = Graph()
    fixture = Path(__file__).resolve().parent / "fixtures" / "small.trig"
    from rdflib import Dataset

    for s, p, o, _ in Dataset().parse(fixture, format="trig").quads():
        data.add((s, p, o))
    assert _owlrl_errors(data, onto) == []


def test_two_entity_types_are_inconsistent(onto):
    entity = URIRef("https://w3id.org/abstract-kg/resource/entity/x")
    data = Graph()
    data.add((entity, RDF.type, AKG.Method))
    data.add((entity, RDF.type, AKG.Model))
    assert _owlrl_errors(data, onto) != []


# ---------------------------------------------------------------- shapes


def test_shapes_parse_and_cover_every_record(shapes):
    targets = set(shapes.objects(None, SH.targetClass))
    assert {AKG.Paper, AKG.Entity, AKG.Result, AKG.Evidence, AKG.Sentence} <= targets


def test_shapes_sparql_constraints_parse(shapes):
    queries = [str(q) for q in shapes.objects(None, SH.select)]
    assert len(queries) == 4  # two SHACL-AF targets, two constraints
    for query in queries:
        prepareQuery(query.replace("$this", "?this"),
                     initNs={"akg": AKG, "rdf": RDF})


# ---------------------------------------------------------------- JSON-LD context


@pytest.fixture(scope="module")
def context() -> dict:
    return json.loads((ONTOLOGY / "context.jsonld").read_text(encoding="utf-8"))["@context"]


def _expand(term: str, context: dict) -> str:
    value = context[term]
    iri = value["@id"] if isinstance(value, dict) else value
    prefix, _, local = iri.partition(":")
    return context[prefix] + local if prefix in context and isinstance(context[prefix], str) else iri


@pytest.mark.parametrize("name", CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES)
def test_context_names_every_akg_term(context, name):
    assert _expand(name, context) == str(AKG[name])


@pytest.mark.parametrize("name", OBJECT_PROPERTIES)
def test_context_object_properties_take_iris(context, name):
    assert context[name]["@type"] == "@id"


def test_context_round_trips_a_graph(context):
    data = Graph().parse(Path(__file__).resolve().parent / "fixtures" / "export_small.trig", format="trig")
    text = data.serialize(format="json-ld", context=context, auto_compact=True)
    assert '"Paper"' in text and '"https://w3id.org/abstract-kg/ontology#Paper"' not in text  # compacted
    assert isomorphic(Graph().parse(data=text, format="json-ld"), data)


def test_context_decimal_values_stay_decimal(context):
    document = {"@context": context, "@id": "https://example.org/r", "value": "77.2"}
    graph = Graph().parse(data=json.dumps(document), format="json-ld")
    assert graph.value(URIRef("https://example.org/r"), AKG.value) == Literal("77.2", datatype=XSD.decimal)


# ---------------------------------------------------------------- provenance document


def test_provenance_doc_queries_parse():
    text = (ONTOLOGY / "PROVENANCE.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sparql\n(.*?)```", text, re.S)
    assert len(queries) >= 3
    for query in queries:
        prepareQuery(query)


def test_provenance_doc_example_parses():
    text = (ONTOLOGY / "PROVENANCE.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```turtle\n(.*?)```", text, re.S)
    from rdflib import Dataset

    ds = Dataset().parse(data=example, format="trig")
    named = [g for g in ds.graphs() if len(g) and g.identifier != ds.default_graph.identifier]
    assert len(named) == 1 and len(ds.default_graph) == 0 and len(named[0]) > 10
