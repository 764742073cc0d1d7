"""Generate docs/ontology.html, the human-readable documentation of ontology/akg.ttl, with pyLODE.

    python scripts/make_docs.py [--ontology ontology/akg.ttl] [--out docs/ontology.html]

Needs the docs extra (`pip install -e .[docs]`). Re-run whenever ontology/akg.ttl changes.
"""
from __future__ import annotations

import argparse
import sys
import types
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _patch_pylode_version() -> None:
    """pyLODE 3.4.1's pylode/version.py reads a pyproject.toml that its wheel does not ship, so
    `import pylode` fails (RDFLib/pyLODE issue #260). Supply the module it wanted, with the
    installed version, before pylode is imported; later releases do not need this."""
    if "pylode.version" in sys.modules:
        return
    try:
        installed = version("pylode")
    except PackageNotFoundError:
        raise SystemExit("pyLODE is not installed: pip install 'abstract-kg[docs]' (or pip install pylode)") from None
    module = types.ModuleType("pylode.version")
    module.__version__ = installed
    sys.modules["pylode.version"] = module


def make_docs(ontology: Path, out: Path) -> Path:
    _patch_pylode_version()
    from pylode import OntPub

    out.parent.mkdir(parents=True, exist_ok=True)
    OntPub(ontology=str(ontology)).make_html(destination=out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate the ontology's HTML documentation with pyLODE.")
    parser.add_argument("--ontology", type=Path, default=ROOT / "ontology" / "akg.ttl")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "ontology.html")
    args = parser.parse_args(argv)
    if not args.ontology.is_file():
        print(f"make_docs: {args.ontology}: no such file", file=sys.stderr)
        return 2
    path = make_docs(args.ontology, args.out)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
