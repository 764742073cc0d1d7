"""Validation: a graph against ontology/shapes.ttl and the domains and ranges of ontology/akg.ttl.

pySHACL does the checking. Domains and ranges become SHACL shapes generated from the
ontology (rather than RDFS inference, which would infer the missing types instead of
reporting them), so the ontology stays the one place they are written down. The
ontology's class hierarchy is mixed into the data so sh:class sees akg:Method as an
akg:Entity. pySHACL runs in advanced mode because two shapes use SHACL-AF SPARQL targets
(see ontology/shapes.ttl for why).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH
from rdflib.util import guess_format

from kg import AKG as AKG_IRI


def _ontology_dir() -> Path:
    """ontology/ in a checkout; the kg.ontology package data when installed."""
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if (checkout / "akg.ttl").is_file():
        return checkout
    from importlib.resources import files

    return Path(str(files("kg.ontology")))


ONTOLOGY_DIR = _ontology_dir()
ONTOLOGY_PATH = ONTOLOGY_DIR / "akg.ttl"
SHAPES_PATH = ONTOLOGY_DIR / "shapes.ttl"
AKG = Namespace(AKG_IRI)
AKGSH = Namespace("https://w3id.org/abstract-kg/shapes#")
QUAD_FORMATS = ("nquads", "trig", "trix")


class InputError(Exception):
    """The data (or shapes) could not be read: the message names the file."""


@dataclass
class Report:
    conforms: bool
    violations: list[str] = field(default_factory=list)  # "focus node (path): message [value]"
    triples: int = 0

    def __str__(self) -> str:
        if self.conforms:
            return f"conforms ({self.triples} triples checked)"
        lines = [f"{len(self.violations)} violation(s) in {self.triples} triples:"]
        return "\n".join(lines + [f"  - {v}" for v in self.violations])


def read_graph(path: str | Path, format: str | None = None) -> Graph:
    """Parse an RDF file into one Graph; quad formats are flattened to the union of their graphs."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    format = format or guess_format(str(path)) or "turtle"
    try:
        if format in QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(str(path), format=format)
            return _union(dataset)
        graph = Graph()
        graph.parse(str(path), format=format)
        return graph
    except Exception as exc:  # rdflib raises many types; the message carries the line number
        raise InputError(f"{path}: not valid {format}: {exc}") from exc


def load_ontology() -> Graph:
    return read_graph(ONTOLOGY_PATH)


def load_shapes(ontology: Graph | None = None) -> Graph:
    """ontology/shapes.ttl plus the shapes generated from the ontology's domains and ranges."""
    shapes = read_graph(SHAPES_PATH)
    shapes += domain_range_shapes(ontology if ontology is not None else load_ontology(), _checked_values(shapes))
    return shapes


def domain_range_shapes(ontology: Graph, already: set[tuple[URIRef, URIRef]] = frozenset()) -> Graph:
    """One SHACL shape per rdfs:domain and per rdfs:range of each akg: property.

    `already` holds (property, class or datatype) pairs the hand-written shapes check; their
    range shapes are left out so one fault gives one message, not two. The domain shape still
    catches the property used on the wrong kind of subject.
    """
    shapes = Graph()
    for prop, domain in sorted(ontology.subject_objects(RDFS.domain)):
        if isinstance(prop, URIRef) and prop.startswith(AKG_IRI):
            _class_shape(shapes, prop, SH.targetSubjectsOf, domain, "subject", "rdfs:domain")
    for prop, range_ in sorted(ontology.subject_objects(RDFS.range)):
        if not (isinstance(prop, URIRef) and prop.startswith(AKG_IRI)) or (prop, range_) in already:
            continue
        if range_.startswith(str(XSD)) or range_ == RDFS.Literal:
            _datatype_shape(shapes, prop, range_)
        else:
            _class_shape(shapes, prop, SH.targetObjectsOf, range_, "object", "rdfs:range")
    return shapes


def validate(data: Graph | Dataset | str | Path, shapes: Graph | None = None,
             ontology: Graph | None = None) -> Report:
    """Check `data` (a Graph, a Dataset or a path to an RDF file) and report every violation."""
    import pyshacl

    ontology = ontology if ontology is not None else load_ontology()
    shapes = shapes if shapes is not None else load_shapes(ontology)
    work = read_graph(data) if isinstance(data, (str, Path)) else _union(data)
    triples = len(work)
    _bind_default_prefixes(work)
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        work.add(triple)  # so sh:class and sh:targetClass follow the class hierarchy
    conforms, results, text = pyshacl.validate(
        work, shacl_graph=shapes, inference="none", inplace=True, allow_warnings=False, advanced=True,
    )
    if not isinstance(results, Graph):  # pySHACL reports unusable shapes this way, not as an exception
        raise InputError(f"{SHAPES_PATH}: shapes could not be applied: {text}")
    violations = sorted(_describe(results, work, r) for r in results.subjects(RDF.type, SH.ValidationResult))
    return Report(conforms=bool(conforms), violations=violations, triples=triples)


def _checked_values(shapes: Graph) -> set[tuple[URIRef, URIRef]]:
    """(path, class or datatype) of every property shape in `shapes` with a simple path."""
    checked = set()
    for shape, path in shapes.subject_objects(SH.path):
        if isinstance(path, URIRef):
            for constraint in (SH["class"], SH.datatype):
                checked.update((path, value) for value in shapes.objects(shape, constraint))
    return checked


def _union(data: Graph | Dataset) -> Graph:
    """A fresh Graph with every triple of `data` (all graphs of a Dataset), prefixes kept."""
    union = Graph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace, override=True, replace=True)
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    for graph in graphs:
        for triple in graph:
            union.add(triple)
    return union


def _bind_default_prefixes(graph: Graph) -> None:
    """Our usual prefixes, where the data has not bound them, so violations read entity:gsm8k."""
    from kg.rdf import bind_prefixes

    ours = bind_prefixes(Graph())
    taken = {prefix for prefix, _ in graph.namespaces()}
    for prefix, namespace in ours.namespaces():
        if prefix not in taken:
            graph.bind(prefix, namespace, override=False)


def _class_shape(shapes: Graph, prop: URIRef, target: URIRef, cls: URIRef, end: str, source: str) -> None:
    name, cls_name = _local(prop), _local(cls)
    shape = AKGSH[f"{name[4:]}-{source.split(':')[1]}"]
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, target, prop))
    shapes.add((shape, SH["class"], cls))
    message = f"The {end} of {name} must be a {cls_name} ({source} of {name})."
    shapes.add((shape, SH.message, Literal(message)))


def _datatype_shape(shapes: Graph, prop: URIRef, datatype: URIRef) -> None:
    name = _local(prop)
    shape, constraint = AKGSH[f"{name[4:]}-range"], BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetSubjectsOf, prop))
    shapes.add((shape, SH.property, constraint))
    shapes.add((constraint, SH.path, prop))
    shapes.add((constraint, SH.datatype, datatype))
    message = f"{name} values must be {_local(datatype)} literals (rdfs:range of {name})."
    shapes.add((constraint, SH.message, Literal(message)))


def _local(iri: URIRef) -> str:
    text = str(iri)
    if text.startswith(AKG_IRI):
        return "akg:" + text[len(AKG_IRI):]
    if text.startswith(str(XSD)):
        return "xsd:" + text[len(str(XSD)):]
    return f"<{text}>"


def _describe(results: Graph, data: Graph, result) -> str:
    """One violation as 'focus (path): message [value: v]', names compacted with the data's prefixes."""
    def show(term) -> str:
        if term is None:
            return ""
        if isinstance(term, BNode):
            return "[blank node]"
        try:
            return term.n3(data.namespace_manager)
        except Exception:  # a path that is itself a blank-node structure
            return str(term)

    focus = show(results.value(result, SH.focusNode))
    path = results.value(result, SH.resultPath)
    if isinstance(path, BNode) and results.value(path, SH.inversePath) is not None:
        path_text = "^" + show(results.value(path, SH.inversePath))
    else:
        path_text = show(path)
    message = str(results.value(result, SH.resultMessage) or "constraint violated")
    value = results.value(result, SH.value)
    where = f"{focus} ({path_text})" if path_text else focus
    return f"{where}: {message}" + (f" [value: {show(value)}]" if value is not None else "")
