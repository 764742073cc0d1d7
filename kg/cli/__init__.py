"""The `kg` command: one module per subcommand, each a thin layer over the Python API.

Every subcommand module defines `add_parser(subparsers)` which registers its parser and
sets `func` to a callable taking the parsed args and returning the exit code. Modules keep
heavy imports (spaCy, rdflib) inside their functions so `kg --help` stays fast.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from kg import __version__

COMMANDS = ("build", "eval", "query", "serve", "export", "push", "validate", "viz")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Build and query a knowledge graph of research-paper abstracts."
    )
    parser.add_argument("--version", action="version", version=f"abstract-kg {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kg.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kg.cli.{name}":
                raise
            continue  # command not built yet
        module.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`kg query ... | head`): stop quietly as cat does, and point stdout at
        # /dev/null so the interpreter's final flush does not raise again (Python's signal docs).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a writer killed by a closed pipe


if __name__ == "__main__":
    sys.exit(main())
