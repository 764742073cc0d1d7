"""`kg validate [FILE]`: check a graph against the SHACL shapes and the ontology's domains and ranges.

Exit codes: 0 the graph conforms, 1 it has violations, 2 the file could not be read.
"""
from __future__ import annotations

import argparse
import sys

DEFAULT_FILE = "exports/graph.ttl"


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check a graph against ontology/shapes.ttl and the ontology's domains and ranges",
        description="Validate an RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) with pySHACL "
                    "against the shapes in ontology/shapes.ttl and the rdfs:domain/rdfs:range of ontology/akg.ttl. "
                    "Exits 0 when it conforms, 1 when there are violations, 2 when the file cannot be read.",
    )
    parser.add_argument("file", nargs="?", default=DEFAULT_FILE, metavar="FILE",
                        help=f"the RDF file to check (default: {DEFAULT_FILE})")
    parser.add_argument("--format", default=None,
                        help="RDF syntax of FILE as rdflib names it (turtle, nt, nquads, trig, json-ld, xml); "
                             "default: guessed from the file name")
    parser.add_argument("--max", type=int, default=50, metavar="N",
                        help="print at most N violations (default 50; 0 prints all)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.validate import InputError, read_graph, validate

    try:
        report = validate(read_graph(args.file, args.format))
    except InputError as exc:
        print(f"kg validate: {exc}", file=sys.stderr)
        return 2
    if report.conforms:
        print(f"{args.file}: conforms ({report.triples} triples checked)")
        return 0
    shown = report.violations if args.max <= 0 else report.violations[: args.max]
    print(f"{args.file}: {len(report.violations)} violation(s) in {report.triples} triples")
    for violation in shown:
        print(f"  - {violation}")
    if len(shown) < len(report.violations):
        print(f"  ... and {len(report.violations) - len(shown)} more (use --max 0 to see all)")
    return 1
