"""abstract-kg: research-paper abstracts in, a typed knowledge graph out.

The stages, in the order the data flows: kg.readers -> kg.extraction -> kg.resolution
-> kg.graph -> kg.rdf -> kg.store / kg.query / kg.export / kg.push / kg.viz.
kg.api ties them together; the `kg` command is a thin layer over it.
"""

__version__ = "0.1.0"

AKG = "https://w3id.org/abstract-kg/ontology#"
DEFAULT_BASE_IRI = "https://w3id.org/abstract-kg/resource/"
