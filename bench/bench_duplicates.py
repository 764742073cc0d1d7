"""The share of entity nodes that duplicate another by the guideline's normalisation (issue 3: at most 1%).

    python bench/bench_build.py --sizes all --jobs 2 --keep /tmp/c31k    # build the corpus, keep it
    python bench/bench_duplicates.py --store /tmp/c31k/store

Two entity nodes are duplicates when their labels normalise alike (kg.names.normalize: case,
hyphens, spaces and punctuation), i.e. resolution left apart two spellings of one name.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERY = """PREFIX akg: <https://w3id.org/abstract-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?label WHERE { ?e a akg:Entity ; rdfs:label ?label }"""


def duplicate_share(store_path: Path) -> tuple[int, int, list[tuple[str, int]]]:
    """(entities, entities whose normalised label another entity also has, the most repeated forms)."""
    from kg.names import normalize
    from kg.store import open_store

    store = open_store(store_path, read_only=True)
    entities = {row["e"].value: row["label"].value for row in store.query(QUERY, use_default_graph_as_union=True)}
    forms = Counter(normalize(label) for label in entities.values())
    duplicates = sum(n - 1 for n in forms.values() if n > 1)
    return len(entities), duplicates, [(f, n) for f, n in forms.most_common(5) if n > 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a store written by kg build")
    args = parser.parse_args()
    total, duplicates, examples = duplicate_share(args.store)
    print(f"entities: {total}, duplicates by normalised label: {duplicates} ({100 * duplicates / max(total, 1):.2f}%)")
    for form, n in examples:
        print(f"  {n} entities normalise to {form!r}")


if __name__ == "__main__":
    main()
