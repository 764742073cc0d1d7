"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the store, on localhost."""
from __future__ import annotations

import argparse
import sys

EPILOG = """\
The endpoint is Oxigraph's own server (the `oxigraph` binary from the oxigraph
package) with CORS enabled and the union of all graphs as the default graph.
Query it with any SPARQL client, e.g.
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
Stop it with Ctrl-C.
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the store as a SPARQL endpoint on localhost",
        description="Serve the persistent store as a SPARQL 1.1 Protocol endpoint on 127.0.0.1 "
        "(read-only unless --writable).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--port", type=int, default=7878, help="TCP port (default: 7878)")
    p.add_argument("--store", metavar="DIR", default="exports/store", help="store folder (default: exports/store)")
    p.add_argument("--writable", action="store_true",
                   help="also accept SPARQL Update and Graph Store writes (no other process may use the store)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg import serve
    from kg.store import StoreError

    try:
        return serve.serve(args.store, args.port, args.writable)
    except (serve.ServeError, StoreError) as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return 2
