"""SPARQL over the store or any RDF file: named queries, safe parameters, result formats.

Queries run on pyoxigraph with the union of all graphs as the default graph, so
they need no GRAPH clauses. Note that Oxigraph's union default graph is a bag, not
a set: a triple held by several paper graphs (an entity's label, say) matches once
per graph. Use DISTINCT or COUNT(DISTINCT ...) where that matters.
"""
from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Union

import pyoxigraph as ox

from kg import AKG, DEFAULT_BASE_IRI

# Predeclared for every query; a query's own PREFIX lines take precedence.
PREFIXES: dict[str, str] = {
    "akg": AKG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "paper": DEFAULT_BASE_IRI + "paper/",
    "entity": DEFAULT_BASE_IRI + "entity/",
}

XSD = PREFIXES["xsd"]
RESULT_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}
GRAPH_FORMATS = {
    "table": ox.RdfFormat.TURTLE,  # CONSTRUCT/DESCRIBE print as Turtle by default
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "json": ox.RdfFormat.JSON_LD,
}
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples")

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]
Results = Union[ox.QuerySolutions, ox.QueryTriples, ox.QueryBoolean]

_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INTEGER = re.compile(r"[+-]?\d+\Z")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+)\Z")
_DOUBLE = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+\Z")
_PARAM_LINE = re.compile(r"#\s{2,}(\w+)\s+(.*)")


class QueryError(Exception):
    """A query that cannot run: bad syntax, unknown name, bad parameter. The message says which."""


@dataclass(frozen=True)
class NamedQuery:
    """A query from queries/*.rq with what its header comment says about it."""

    name: str
    summary: str  # the first comment line
    params: dict[str, str]  # parameter name -> description
    text: str

    @property
    def required(self) -> list[str]:
        """Parameters whose description starts with "required"."""
        return [name for name, text in self.params.items() if text.lower().startswith("required")]


# ---------------------------------------------------------------- named queries

def queries_folder():
    """The folder of named queries: the installed `kg.queries` package, else the source tree's queries/."""
    try:
        return importlib.resources.files("kg.queries")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / "queries"


def named_queries() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without .rq)."""
    found = {}
    for entry in queries_folder().iterdir():
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = parse_named_query(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(found.items()))


def named_query(name: str) -> NamedQuery:
    """The named query `name`; the error lists the names there are."""
    queries = named_queries()
    if name not in queries:
        raise QueryError(f"no named query {name!r}; there are: {', '.join(queries)}")
    return queries[name]


def parse_named_query(name: str, text: str) -> NamedQuery:
    """Read the header comment: first line is the summary, `#   name  description` lines
    after a `# Parameters:` line are the parameters."""
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    if not header:
        raise QueryError(f"queries/{name}.rq: must start with a comment line saying what it answers")
    summary = header[0].lstrip("#").strip()
    prefix = f"{name}:"
    if summary.startswith(prefix):
        summary = summary[len(prefix):].strip()
    params, in_params = {}, False
    for line in header[1:]:
        if line.lstrip("# ").lower().startswith("parameters"):
            in_params = True
            continue
        match = _PARAM_LINE.match(line)
        if in_params and match:
            params[match.group(1)] = match.group(2).strip()
    return NamedQuery(name, summary, params, text)


# ---------------------------------------------------------------- parameters

def to_term(value: str) -> Term:
    """A parameter value as an RDF term: <iri> or http(s)://... as an IRI, numbers as
    xsd:integer / xsd:decimal / xsd:double literals, anything else as a plain string."""
    try:
        if value.startswith("<") and value.endswith(">"):
            return ox.NamedNode(value[1:-1])
        if value.startswith(("http://", "https://")):
            return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"{value!r} is not a valid IRI: {exc}") from exc
    for pattern, datatype in ((_INTEGER, "integer"), (_DECIMAL, "decimal"), (_DOUBLE, "double")):
        if pattern.match(value):
            return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
    return ox.Literal(value)


def parse_param(text: str) -> tuple[str, Term]:
    """`name=value` (a leading ? or $ on the name is allowed) -> (name, term)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _PARAM_NAME.match(name):
        raise QueryError(f"--param {text!r}: expected name=value, with name a SPARQL variable name")
    return name, to_term(value)


def parse_params(texts: Iterable[str]) -> dict[str, Term]:
    params: dict[str, Term] = {}
    for text in texts:
        name, term = parse_param(text)
        if name in params:
            raise QueryError(f"--param {name} given twice")
        params[name] = term
    return params


# ---------------------------------------------------------------- running

def run_query(store: ox.Store, sparql: str, params: dict[str, Term] | None = None) -> Results:
    """Run a query over the union of the store's graphs, with `params` bound to variables.

    Binding is pyoxigraph's substitution (SEP-0007): the value replaces the variable in
    the parsed query, so nothing is pasted into the query text. A bound variable must
    appear in the SELECT clause.
    """
    substitutions = {ox.Variable(name): term for name, term in (params or {}).items()}
    try:
        return store.query(
            sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions or None
        )
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except RuntimeError as exc:
        if "projection" in str(exc):
            raise QueryError(
                f"{exc}: a --param variable must be selected (listed after SELECT) to be bound"
            ) from exc
        raise QueryError(str(exc)) from exc


def run_named(store: ox.Store, name: str, params: dict[str, Term] | None = None) -> Results:
    """Run a named query; parameters it does not declare are an error."""
    query = named_query(name)
    unknown = sorted(set(params or {}) - set(query.params))
    if unknown:
        declared = ", ".join(query.params) or "none"
        raise QueryError(f"named query {name!r} has no parameter {', '.join(unknown)} (it takes: {declared})")
    missing = [p for p in query.required if p not in (params or {})]
    if missing:
        raise QueryError(f"named query {name!r} needs " + " ".join(f"--param {p}=..." for p in missing))
    return run_query(store, query.text, canonical_params(store, params or {}))


# Named queries match an entity by its rdfs:label and a paper by its identifier, the one
# pattern Oxigraph answers in milliseconds at corpus scale (an alias or IRI alternative
# inside the query costs seconds). A user may still name one by its IRI or an alias:
# these turn it into the label or identifier first, each a single index lookup.
_NAME_OF = """SELECT ?name ?r WHERE {
  { ?r a akg:Paper ; dcterms:identifier ?name } UNION { ?r a akg:Entity ; rdfs:label ?name }
} LIMIT 1"""
_IS_NAME = "ASK { { ?r dcterms:identifier ?name } UNION { ?r rdfs:label ?name } }"
_LABEL_OF_ALIAS = "SELECT DISTINCT ?label ?name WHERE { ?r skos:altLabel ?name ; rdfs:label ?label } LIMIT 2"


def canonical_params(store: ox.Store, params: dict[str, Term]) -> dict[str, Term]:
    """Each parameter naming a paper or entity by IRI, or an entity by an alias only one
    entity has, replaced by the identifier or label the named queries match on."""
    return {name: _canonical(store, term) for name, term in params.items()}


def _canonical(store: ox.Store, term: Term) -> Term:
    if isinstance(term, ox.NamedNode):
        found = list(_lookup(store, _NAME_OF, r=term))
        return found[0]["name"] if found else term
    if not isinstance(term, ox.Literal) or _lookup(store, _IS_NAME, name=term):
        return term
    labels = [row["label"] for row in _lookup(store, _LABEL_OF_ALIAS, name=term)]
    return labels[0] if len(labels) == 1 else term


def _lookup(store: ox.Store, sparql: str, **bound: Term):
    # pyoxigraph binds only variables the query selects, hence ?r and ?name in the SELECTs.
    return store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True,
                       substitutions={ox.Variable(k): v for k, v in bound.items()})


def select_rows(results: ox.QuerySolutions) -> list[dict[str, Term | None]]:
    """SELECT results as a list of {variable name: term or None}."""
    names = [v.value for v in results.variables]
    return [{name: row[name] for name in names} for row in results]


# ---------------------------------------------------------------- output

def write_results(results: Results, out: BinaryIO, fmt: str = "table") -> None:
    """Write results to a binary stream: a table, a SPARQL 1.1 results format, or RDF for graphs."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if isinstance(results, ox.QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"CONSTRUCT/DESCRIBE results are RDF: use --format {'|'.join(GRAPH_FORMATS)}")
        ox.serialize(results, out, GRAPH_FORMATS[fmt], prefixes=PREFIXES)
    elif fmt == "table":
        text = str(bool(results)).lower() if isinstance(results, ox.QueryBoolean) else format_table(results)
        out.write((text + "\n").encode("utf-8"))
    elif fmt in RESULT_FORMATS:
        results.serialize(out, RESULT_FORMATS[fmt])
    else:
        raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; SELECT and ASK take table, csv, tsv, json or xml")


def format_table(results: ox.QuerySolutions) -> str:
    """An aligned text table; columns unbound in every row are left out and named below."""
    names = [v.value for v in results.variables]
    rows = [[term_text(row[name]) for name in names] for row in results]
    keep = [i for i in range(len(names)) if any(row[i] for row in rows)] if rows else list(range(len(names)))
    header = [names[i] for i in keep]
    body = [[row[i] for i in keep] for row in rows]
    widths = [max([len(h)] + [len(r[c]) for r in body]) for c, h in enumerate(header)]
    lines = [_line(header, widths), _line(["-" * w for w in widths], widths)]
    lines += [_line(r, widths) for r in body]
    footer = f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
    hidden = [names[i] for i in range(len(names)) if i not in keep]
    footer += f"; empty columns not shown: {', '.join(hidden)})" if hidden else ")"
    return "\n".join(lines + [footer])


def _line(cells: list[str], widths: list[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()


def term_text(term: Term | None) -> str:
    """How a term reads in a table: prefixed IRIs where a prefix fits, literals by their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.Literal):
        text = " ".join(term.value.split())  # keep one row per line
        return f"{text}@{term.language}" if term.language else text
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def compact_iri(iri: str) -> str:
    """prefix:local when a predeclared prefix fits and the rest is a plain local name, else <iri>."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if re.fullmatch(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?", local):
                return f"{prefix}:{local}"
    return f"<{iri}>"
