"""kg.query and `kg query`: prefixes, safe parameters, output formats, exit codes."""
from __future__ import annotations

import csv
import gc
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg import query as q
from kg import store as kgstore
from kg.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small.trig"
ENTITY = "https://w3id.org/abstract-kg/resource/entity/"
XSD = "http://www.w3.org/2001/XMLSchema#"
LABELS = "SELECT DISTINCT ?label WHERE { ?b a akg:Benchmark ; rdfs:label ?label } ORDER BY ?label"
BENCHMARKS = ["AIME 2024", "GSM8K", "MATH500", "PRM800K", "ProofBench", "SVAMP", "WebArena"]


@pytest.fixture(scope="module")
def store():
    return kgstore.memory_store(FIXTURE)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("kgq") / "store"
    kgstore.load_file(kgstore.open_store(path), FIXTURE)
    gc.collect()  # release the writer's lock so the CLI can open it
    return path


def run(store, sparql, fmt="table", **params):
    out = io.BytesIO()
    results = q.run_query(store, sparql, {k: q.to_term(v) for k, v in params.items()})
    q.write_results(results, out, fmt)
    return out.getvalue().decode("utf-8")


def labels(store, sparql, **params):
    results = q.run_query(store, sparql, {k: q.to_term(v) for k, v in params.items()})
    return [row["label"].value for row in results]


# ---------------------------------------------------------------- parameters

@pytest.mark.parametrize("text, expected", [
    ("https://example.org/x", ox.NamedNode("https://example.org/x")),
    ("http://example.org/x", ox.NamedNode("http://example.org/x")),
    ("<urn:isbn:123>", ox.NamedNode("urn:isbn:123")),
    ("42", ox.Literal("42", datatype=ox.NamedNode(XSD + "integer"))),
    ("-7", ox.Literal("-7", datatype=ox.NamedNode(XSD + "integer"))),
    ("77.2", ox.Literal("77.2", datatype=ox.NamedNode(XSD + "decimal"))),
    ("1e3", ox.Literal("1e3", datatype=ox.NamedNode(XSD + "double"))),
    ("GSM8K", ox.Literal("GSM8K")),
    ("arXiv:2501.00001", ox.Literal("arXiv:2501.00001")),
    ("", ox.Literal("")),
])
def test_to_term(text, expected):
    assert q.to_term(text) == expected


def test_parse_param_splits_on_first_equals():
    assert q.parse_param("?label=a=b") == ("label", ox.Literal("a=b"))


@pytest.mark.parametrize("bad", ["noequals", "1x=2", "=value", "a b=1"])
def test_bad_param_is_refused_with_its_text(bad):
    with pytest.raises(q.QueryError, match="expected name=value"):
        q.parse_param(bad)


def test_param_given_twice_is_refused():
    with pytest.raises(q.QueryError, match="twice"):
        q.parse_params(["a=1", "a=2"])


def test_bad_iri_param_is_refused():
    with pytest.raises(q.QueryError, match="not a valid IRI"):
        q.to_term("<not an iri>")


def test_param_binds_a_string(store):
    result = q.run_query(store, "SELECT DISTINCT ?b ?label WHERE { ?b rdfs:label ?label }", {"label": q.to_term("GSM8K")})
    assert [row["b"].value for row in result] == [ENTITY + "benchmark-gsm8k"]


def test_param_binds_an_iri(store):
    query = "SELECT DISTINCT ?b ?label WHERE { ?b rdfs:label ?label }"
    assert labels(store, query, b=ENTITY + "benchmark-svamp") == ["SVAMP"]


def test_param_binds_a_number(store):
    query = "SELECT DISTINCT ?label ?v WHERE { ?r akg:value ?v ; akg:onBenchmark/rdfs:label ?label }"
    assert labels(store, query, v="35.8") == ["WebArena"]


def test_param_text_is_never_spliced_into_the_query(store):
    """A value that would break out of a pasted string stays a harmless literal."""
    sneaky = 'GSM8K" } UNION { ?b ?p ?label } #'
    assert labels(store, "SELECT DISTINCT ?b ?label WHERE { ?b rdfs:label ?label }", label=sneaky) == []


def test_param_must_be_selected(store):
    with pytest.raises(q.QueryError, match="must be selected"):
        q.run_query(store, "SELECT ?label WHERE { ?b rdfs:label ?label }", {"b": q.to_term("http://x/")})


# ---------------------------------------------------------------- prefixes and errors

def test_usual_prefixes_are_predeclared(store):
    assert labels(store, LABELS) == BENCHMARKS


def test_a_query_can_declare_its_own_prefixes(store):
    own = "PREFIX akg: <http://example.org/other#> " + LABELS
    assert labels(store, own) == []


@pytest.mark.parametrize("prefix", ["akg", "rdf", "rdfs", "xsd", "owl", "skos", "dcterms", "prov", "schema"])
def test_prefix_is_declared(prefix):
    assert prefix in q.PREFIXES


def test_syntax_error_is_a_query_error(store):
    with pytest.raises(q.QueryError, match="syntax error"):
        q.run_query(store, "SELEC ?x")


def test_unknown_named_query_lists_the_known_ones():
    with pytest.raises(q.QueryError, match="leaderboard"):
        q.named_query("leaderbored")


def test_parse_named_query_header():
    text = "# demo: what it does.\n# Parameters:\n#   x  optional: an x\n#   y  a y\nSELECT ?x ?y WHERE {}"
    parsed = q.parse_named_query("demo", text)
    assert (parsed.summary, parsed.params) == ("what it does.", {"x": "optional: an x", "y": "a y"})


def test_named_query_without_header_is_refused():
    with pytest.raises(q.QueryError, match="must start with a comment"):
        q.parse_named_query("bare", "SELECT * WHERE {}")


# ---------------------------------------------------------------- output formats

def test_table_is_aligned_with_a_header(store):
    lines = run(store, LABELS).splitlines()
    assert lines[0] == "label" and set(lines[1]) == {"-"}
    assert lines[2:-1] == BENCHMARKS and lines[-1] == "(7 rows)"


def test_table_columns_line_up(store):
    text = run(store, "SELECT DISTINCT ?label ?b WHERE { ?b a akg:Benchmark ; rdfs:label ?label } ORDER BY ?label")
    lines = text.splitlines()[:-1]
    starts = {line.index("entity:") for line in lines[2:]}
    assert starts == {lines[0].rindex("b")}


def test_table_hides_and_names_empty_columns(store):
    text = run(store, "SELECT DISTINCT ?label ?nothing WHERE { ?b a akg:Benchmark ; rdfs:label ?label }")
    assert "nothing" not in text.splitlines()[0]
    assert text.splitlines()[-1] == "(7 rows; empty columns not shown: nothing)"


def test_table_compacts_iris_with_prefixes():
    assert q.compact_iri(ENTITY + "benchmark-gsm8k") == "entity:benchmark-gsm8k"
    assert q.compact_iri(q.AKG + "Method") == "akg:Method"
    assert q.compact_iri("https://w3id.org/abstract-kg/resource/result/p/1") == "<https://w3id.org/abstract-kg/resource/result/p/1>"


def test_csv_is_sparql_results_csv(store):
    rows = list(csv.reader(io.StringIO(run(store, LABELS, "csv"))))
    assert rows == [["label"]] + [[b] for b in BENCHMARKS]


def test_tsv_is_sparql_results_tsv(store):
    lines = run(store, LABELS, "tsv").splitlines()
    assert lines[0] == "?label" and lines[1] == '"AIME 2024"'


def test_json_is_sparql_results_json(store):
    data = json.loads(run(store, LABELS, "json"))
    assert data["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == BENCHMARKS


def test_xml_parses_back_as_the_same_results(store):
    parsed = ox.parse_query_results(run(store, LABELS, "xml").encode(), ox.QueryResultsFormat.XML)
    assert [row["label"].value for row in parsed] == BENCHMARKS


def test_ask_prints_true_or_false(store):
    assert run(store, 'ASK { ?m rdfs:label "GRPO-Lite" }') == "true\n"
    assert run(store, 'ASK { ?m rdfs:label "no such thing" }') == "false\n"


def test_ask_as_json(store):
    assert json.loads(run(store, "ASK { ?m a akg:Method }", "json"))["boolean"] is True


def test_construct_is_turtle(store):
    text = run(store, "CONSTRUCT { ?m a akg:Method } WHERE { ?m a akg:Method }")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    assert len(graph) == 10  # the ten methods once each, though the union repeats some


def test_describe_is_turtle(store):
    text = run(store, f"DESCRIBE <{ENTITY}benchmark-svamp>")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    assert (rdflib.URIRef(ENTITY + "benchmark-svamp"), rdflib.RDFS.label, rdflib.Literal("SVAMP")) in graph


def test_construct_as_ntriples(store):
    text = run(store, "CONSTRUCT { ?m a akg:Method } WHERE { ?m a akg:Method }", "ntriples")
    assert all(line.endswith(" .") for line in text.splitlines())


def test_construct_as_csv_is_refused(store):
    with pytest.raises(q.QueryError, match="CONSTRUCT"):
        run(store, "CONSTRUCT { ?m a akg:Method } WHERE { ?m a akg:Method }", "csv")


def test_select_as_turtle_is_refused(store):
    with pytest.raises(q.QueryError, match="CONSTRUCT"):
        run(store, LABELS, "turtle")


# ---------------------------------------------------------------- the command

def test_cli_query_on_a_graph_file(capsysbinary):
    assert main(["query", "--graph", str(FIXTURE), "--format", "csv", LABELS]) == 0
    assert capsysbinary.readouterr().out.decode().splitlines()[1:] == BENCHMARKS


def test_cli_query_on_the_store(store_dir, capsysbinary):
    assert main(["query", "--store", str(store_dir), "--name", "top-benchmarks", "--format", "csv"]) == 0
    assert "GSM8K" in capsysbinary.readouterr().out.decode().splitlines()[1]


def test_cli_named_query_with_param(store_dir, capsysbinary):
    args = ["query", "--store", str(store_dir), "-n", "leaderboard", "-p", "benchmark=WebArena", "--format", "json"]
    assert main(args) == 0
    bindings = json.loads(capsysbinary.readouterr().out)["results"]["bindings"]
    assert [(b["subjectLabel"]["value"], b["valueText"]["value"]) for b in bindings] == [("Tree-of-Agents", "35.8%")]


def test_cli_query_from_file(tmp_path, capsysbinary):
    path = tmp_path / "q.rq"
    path.write_text(LABELS)
    assert main(["query", "--graph", str(FIXTURE), "--file", str(path)]) == 0
    assert "ProofBench" in capsysbinary.readouterr().out.decode()


def test_cli_ask_exit_codes(capsysbinary):
    assert main(["query", "--graph", str(FIXTURE), "ASK { ?m a akg:Method }"]) == 0
    assert main(["query", "--graph", str(FIXTURE), "ASK { ?m a akg:Nothing }"]) == 1
    assert capsysbinary.readouterr().out == b"true\nfalse\n"


def test_cli_syntax_error_exits_2_with_message(capsysbinary):
    assert main(["query", "--graph", str(FIXTURE), "SELEC ?x"]) == 2
    assert b"syntax error" in capsysbinary.readouterr().err


def test_cli_missing_store_exits_2_naming_it(tmp_path, capsysbinary):
    assert main(["query", "--store", str(tmp_path / "none"), LABELS]) == 2
    assert b"none: no store here" in capsysbinary.readouterr().err


def test_cli_needs_a_query(capsysbinary):
    assert main(["query", "--graph", str(FIXTURE)]) == 2
    assert b"--name" in capsysbinary.readouterr().err


def test_cli_list_shows_names_summaries_and_params(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    for name in q.named_queries():
        assert name in out
    assert "--param benchmark=" in out and "most-used benchmarks" in out
