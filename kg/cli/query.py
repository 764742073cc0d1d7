"""`kg query`: SPARQL over the persistent store or any RDF file."""
from __future__ import annotations

import argparse
import sys

DEFAULT_STORE = "exports/store"
FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "ntriples")

EPILOG = """\
examples:
  kg query 'SELECT ?label WHERE { ?b a akg:Benchmark ; rdfs:label ?label }'
  kg query --name leaderboard --param benchmark=GSM8K
  kg query --file my.rq --graph exports/graph.ttl --format csv
  kg query --list

Prefixes akg rdf rdfs xsd owl skos dcterms prov schema paper entity are predeclared.
ASK prints true or false and exits 0 or 1; errors exit 2.
--param values: <iri> or http(s)://... are IRIs, numbers are typed literals, the rest strings.
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "query",
        help="run a SPARQL query on the store or an RDF file",
        description="Run a SPARQL 1.1 query over the union of all graphs of the persistent store "
        "(or of an RDF file with --graph).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument("sparql", nargs="?", help="the query text")
    source.add_argument("--file", "-f", metavar="FILE", help="read the query from FILE ('-' for stdin)")
    source.add_argument("--name", "-n", metavar="NAME", help="run a named query from queries/ (see --list)")
    source.add_argument("--list", action="store_true", help="list the named queries and their parameters")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", default=DEFAULT_STORE, help=f"store folder (default: {DEFAULT_STORE})")
    where.add_argument("--graph", metavar="FILE", help="query this RDF file instead of the store")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind variable NAME to VALUE (repeatable)")
    p.add_argument("--format", choices=FORMATS, default="table",
                   help="output: table (default), SPARQL results csv/tsv/json/xml, or RDF for CONSTRUCT")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg import query as q
    from kg import store as kgstore

    if args.list:
        print_list(q.named_queries())
        return 0
    try:
        params = q.parse_params(args.param)
        store = kgstore.memory_store(args.graph) if args.graph else kgstore.open_store(args.store, read_only=True)
        if args.name:
            results = q.run_named(store, args.name, params)
        else:
            results = q.run_query(store, read_query(args), params)
        q.write_results(results, sys.stdout.buffer, args.format)
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader went away: kg.cli.main ends quietly
    except (q.QueryError, kgstore.StoreError, OSError) as exc:
        print(f"kg query: {exc}", file=sys.stderr)
        return 2
    if isinstance(results, q.ox.QueryBoolean):
        return 0 if bool(results) else 1
    return 0


def read_query(args: argparse.Namespace) -> str:
    from kg.query import QueryError

    if args.file == "-":
        return sys.stdin.read()
    if args.file:
        with open(args.file, encoding="utf-8") as stream:
            return stream.read()
    if args.sparql:
        return args.sparql
    raise QueryError("give a query, --file FILE, --name NAME or --list")


def print_list(queries) -> None:
    width = max(len(name) for name in queries)
    for query in queries.values():
        print(f"{query.name.ljust(width)}  {query.summary}")
        for param, description in query.params.items():
            print(f"{''.ljust(width)}    --param {param}=...  {description}")
