"""`kg eval GOLD.jsonl [INPUT...]`: build the graph for the gold papers and score it."""
from __future__ import annotations

import argparse
import json
import sys


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eval",
        help="score the extracted graph against a gold JSONL file",
        description="Build the graph for the papers of GOLD (from INPUT files, or from the gold lines' own "
        "title and abstract) exactly as `kg build` does, query it, and print precision, recall and F1 "
        "per type, overall (method, model, benchmark, metric), task, proposed, results and outperforms, "
        "plus recall on gold names absent from the extractor's lexicons.",
    )
    p.add_argument("gold", metavar="GOLD.jsonl", help="gold annotations (shared/docs/ANNOTATION.md)")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="files or folders holding the papers (default: the gold lines)")
    p.add_argument("--show-errors", action="store_true", help="list misses and false hits per paper")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("-j", "--jobs", type=int, default=1, help="extraction processes (default: 1)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kg.evaluate import GoldError, evaluate, format_report

    try:
        report = evaluate(args.gold, args.inputs, n_process=args.jobs)
    except GoldError as exc:
        print(f"kg eval: {exc}", file=sys.stderr)
        return 2
    if args.json:
        data = report.as_dict()
        if args.show_errors:
            data["errors"] = report.errors
        print(json.dumps(data, indent=2))
    else:
        print(format_report(report, args.show_errors))
    return 0
