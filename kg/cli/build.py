"""`kg build`: abstracts in, graph.ttl + graph.html + the persistent store out."""
from __future__ import annotations

import argparse
import json
import os
import sys

from kg import DEFAULT_BASE_IRI

# Exit codes (README "Bad input"): 0 everything read; 1 built, but something was skipped;
# 2 usage error or no input; 3 --strict stopped at a problem and nothing was written.
EXIT_SKIPPED, EXIT_STRICT = 1, 3
FIELD_NAMES = ("id", "title", "abstract", "authors", "date", "url", "upvotes")


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "build",
        help="build the knowledge graph from files or folders of abstracts",
        description="Read abstracts (default: the bundled sample in data/), extract entities and "
        "relations, and write graph.ttl, graph.html and the SPARQL store into --out.",
    )
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders (default: the bundled sample)")
    p.add_argument("--out", default="exports", help="output folder (default: exports/)")
    p.add_argument("--format", choices=("abstract-lines", "daily", "jsonl", "csv"),
                   help="input format (default: detected per file)")
    for name in FIELD_NAMES:
        p.add_argument(f"--{name}-field", default=name, metavar="NAME",
                       help=f"JSON/CSV field holding the {name} (default: {name})")
    p.add_argument("--base-iri", default=DEFAULT_BASE_IRI, help=f"base IRI of resources (default: {DEFAULT_BASE_IRI})")
    p.add_argument("--store", default="default", metavar="DIR", help="persistent store folder (default: OUT/store)")
    p.add_argument("--no-store", action="store_true", help="do not load the persistent store")
    p.add_argument("--no-html", action="store_true", help="do not write graph.html")
    p.add_argument("-j", "--jobs", type=int, default=1,
                   help="extraction processes (default: 1; 0 = one per core)")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first bad file or record, writing nothing (exit code 3)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true",
                   help="print the summary as one JSON object on stdout (keys in the README)")
    p.add_argument("--dask", metavar="ADDRESS", help="extract on a Dask cluster: a scheduler address "
                   "(tcp://host:8786) or 'local' for a cluster of worker processes on this machine")
    p.add_argument("--dask-workers", type=_positive, metavar="N", help="worker processes of --dask local (default: one per core)")
    p.add_argument("--partition-size", type=_positive, metavar="N",
                   help="records per partition of a big JSON-lines or Abstract-lines file (default: 2000)")
    p.set_defaults(func=run)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def run(args: argparse.Namespace) -> int:
    if args.dask is None and (args.dask_workers is not None or args.partition_size is not None):
        print("kg build: --dask-workers and --partition-size need --dask", file=sys.stderr)
        return 2
    if args.strict and args.dask is not None:
        print("kg build: --strict is not available with --dask (the workers read the input)", file=sys.stderr)
        return 2
    if args.dask_workers is not None and args.dask != "local":
        print("kg build: --dask-workers starts a local cluster: use it with --dask local", file=sys.stderr)
        return 2
    from kg import api
    from kg.distributed import ClusterError  # no Dask import until a cluster is asked for
    from kg.readers import FieldMap, InputError

    jobs = args.jobs if args.jobs > 0 else os.cpu_count() or 1
    fields = FieldMap(**{name: getattr(args, f"{name}_field") for name in FIELD_NAMES})
    try:
        report = api.build(
            args.inputs or None, args.out, format=args.format, fields=fields, base_iri=args.base_iri,
            store=None if args.no_store else args.store, html=not args.no_html, n_process=jobs,
            progress=not args.quiet and sys.stderr.isatty(),
            dask=args.dask, dask_workers=args.dask_workers, partition_size=args.partition_size, strict=args.strict,
        )
    except (FileNotFoundError, ClusterError) as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return 2
    except InputError as exc:
        print(f"kg build: stopped at the first problem (--strict), nothing written: {exc}", file=sys.stderr)
        return EXIT_STRICT
    except KeyboardInterrupt:
        print(f"kg build: interrupted; the outputs in {args.out} are as they were, and building again "
              "resumes from what was extracted", file=sys.stderr)
        return 130
    if args.json:
        for problem in report.problems:
            print(f"skipped: {problem}", file=sys.stderr)
        print(json.dumps(summary(report)))
    else:
        print_report(report)
    return EXIT_SKIPPED if report.problems else 0


def print_report(report) -> None:
    for problem in report.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    print(f"papers read:        {report.papers}")
    if report.kept:
        print(f"papers kept:        {report.kept} built earlier into this store, resolved again with these")
    print(f"duplicates merged:  {report.duplicates}")
    print(f"records skipped:    {report.skipped}" + (" (reasons above)" if report.skipped else ""))
    kinds = ("Method", "Model", "Benchmark", "Metric", "Task")
    print("entities:           " + ", ".join(f"{report.entities.get(k, 0)} {k.lower()}s" for k in kinds))
    print(f"name merges:        {report.merges}")
    print(f"results:            {report.results}")
    print(f"edges:              {report.edges}")
    if report.partitions:
        print(f"partitions:         {report.partitions} extracted on the Dask cluster")
    if report.extracted < report.papers:
        print(f"from the cache:     {report.papers - report.extracted} papers; "
              f"{report.extracted} extracted, {report.regenerated} graphs regenerated")
    for name, path in report.outputs.items():
        print(f"{'wrote ' + name + ':':<20}{path}")
    if "html" in report.outputs:
        if report.html_papers < report.papers:
            print(f"graph.html draws the {report.html_papers} best-connected papers; query the store for all")
        print(f"open {report.outputs['html']} in a browser to explore the graph")


def summary(report) -> dict:
    """The --json summary: counts, what this build redid, the outputs and the problems."""
    return {
        "papers": report.papers,
        "duplicates": report.duplicates,
        "skipped": report.skipped,
        "problems": [str(p) for p in report.problems],
        "entities": {k.lower(): report.entities.get(k, 0) for k in ("Method", "Model", "Benchmark", "Metric", "Task")},
        "merges": report.merges,
        "results": report.results,
        "edges": report.edges,
        "extracted": report.extracted,
        "regenerated": report.regenerated,
        "graphs_replaced": report.graphs_replaced,
        "html_papers": report.html_papers,
        "partitions": report.partitions,
        "kept": report.kept,
        "outputs": {name: str(path) for name, path in report.outputs.items()},
        "seconds": round(report.seconds, 2),
        "timings": report.timings,
    }
