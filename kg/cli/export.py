"""`kg export`: the persistent store as RDF files, GraphML/GEXF or neo4j CSV."""
from __future__ import annotations

import argparse
import sys

DEFAULT_STORE = "exports/store"
# Kept here (not imported from kg.export) so `kg --help` does not import pyoxigraph/networkx.
FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml", "graphml", "gexf", "neo4j")

EPILOG = """\
examples:
  kg export --format trig --out exports/graph.trig       one named graph per paper
  kg export --format jsonld --out graph.jsonld           compacted with ontology/context.jsonld
  kg export --format gexf --out graph.gexf               for Gephi; graphml for Cytoscape
  kg export --format neo4j --out exports/neo4j           nodes.csv + relationships.csv

turtle, ntriples and rdfxml hold the union of all graphs; nquads, trig and jsonld keep
the per-paper named graphs. Without --out, RDF formats go to standard output.
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "export", help="write the store as RDF, GraphML, GEXF or neo4j CSV",
        description="Export the persistent store to a file in one of several formats.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", "-f", required=True, choices=FORMATS, help="output format")
    p.add_argument("--out", "-o", metavar="FILE", help="output file (a folder for neo4j); default: standard output")
    p.add_argument("--store", metavar="DIR", default=DEFAULT_STORE, help=f"store folder (default: {DEFAULT_STORE})")
    p.add_argument("--graph", metavar="FILE", help="export this RDF file instead of the store")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg import export as kexport
    from kg import store as kgstore

    try:
        store = kgstore.memory_store(args.graph) if args.graph else kgstore.open_store(args.store, read_only=True)
        if args.out is None and args.format in ("graphml", "gexf", "neo4j"):
            raise kexport.ExportError(f"--format {args.format} needs --out")
        kexport.export(store, args.format, args.out if args.out else sys.stdout.buffer)
    except BrokenPipeError:
        raise  # piped into head: kg.cli.main ends quietly
    except (kgstore.StoreError, kexport.ExportError, OSError) as exc:
        print(f"kg export: {exc}", file=sys.stderr)
        return 2
    if args.out:
        print(f"wrote {args.out} ({args.format})", file=sys.stderr)
    return 0
