"""`kg push`: upload the store to a remote triple store (Graph Store Protocol, else SPARQL Update)."""
from __future__ import annotations

import argparse
import os
import sys

DEFAULT_STORE = "exports/store"

EPILOG = """\
examples:
  kg push --endpoint http://localhost:7878/query                 Oxigraph server
  kg push --endpoint http://localhost:8890/sparql --replace      Virtuoso
  KG_PUSH_USER=dba KG_PUSH_PASSWORD=... kg push --endpoint http://localhost:8890/sparql-auth

Each paper's named graph goes to the same graph on the server (--replace replaces it there),
or everything into one graph with --graph IRI. The push lands whole or not at all: see
docs/EXPORT.md. Credentials: --user/--password or KG_PUSH_USER/KG_PUSH_PASSWORD (preferred:
a password on the command line is visible to other users of the machine).
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "push", help="upload the store to a SPARQL server",
        description="Upload the persistent store to a triple store over HTTP.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--endpoint", required=True, metavar="URL", help="the server's SPARQL endpoint")
    p.add_argument("--graph", metavar="IRI", help="put everything into this one graph")
    p.add_argument("--replace", action="store_true", help="replace the target graphs instead of adding to them")
    p.add_argument("--user", default=os.environ.get("KG_PUSH_USER"), help="user name (default: $KG_PUSH_USER)")
    p.add_argument("--password", default=None, help="password (default: $KG_PUSH_PASSWORD)")
    p.add_argument("--store", metavar="DIR", default=DEFAULT_STORE, help=f"store folder (default: {DEFAULT_STORE})")
    p.add_argument("--gsp", metavar="URL", help="Graph Store Protocol URL (default: derived from --endpoint)")
    p.add_argument("--update-endpoint", metavar="URL", help="SPARQL Update URL (default: derived from --endpoint)")
    p.add_argument("--protocol", choices=("auto", "gsp", "update"), default="auto",
                   help="upload protocol (default: Graph Store Protocol if the server has it, else Update)")
    p.add_argument("--commit", choices=("auto", "request", "operation"), default="auto",
                   help="how temporary graphs become the targets (default: by server; see docs/EXPORT.md)")
    p.add_argument("--chunk-size", type=int, default=1000, metavar="N", help="triples per request (default: 1000)")
    p.add_argument("--retries", type=int, default=5, metavar="N",
                   help="retries of a request after a transient failure, waiting 0.5, 1, 2, ... s (default: 5)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg import push as kpush
    from kg import store as kgstore

    password = args.password if args.password is not None else os.environ.get("KG_PUSH_PASSWORD")
    try:
        store = kgstore.open_store(args.store, read_only=True)
        report = kpush.push(store, args.endpoint, graph=args.graph, replace=args.replace, user=args.user,
                            password=password, gsp=args.gsp, update=args.update_endpoint,
                            protocol=args.protocol, commit=args.commit, chunk_size=args.chunk_size,
                            retries=args.retries)
    except (kgstore.StoreError, kpush.PushError) as exc:
        print(f"kg push: {exc}", file=sys.stderr)
        return 1
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"pushed {report.triples} triples in {report.graphs} graphs to {kpush.safe_url(args.endpoint)} "
          f"({report.protocol or '-'}, {report.commit or '-'} commit, {report.requests} requests, "
          f"{report.retries} retries)")
    return 0
