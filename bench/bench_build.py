"""Build speed and entity-duplicate rate over a corpus, end to end through `kg build`.

    python bench/bench_build.py                      # the 31k-abstract corpus, 2 processes
    python bench/bench_build.py --limit 2000 --jobs 1
    python bench/bench_build.py --out /tmp/c31k && python bench/bench_queries.py --store /tmp/c31k/store

Prints abstracts per second for the whole build (read, extract, resolve, graph, RDF,
store load), the same for spaCy's bare tokenizer over the same texts and their ratio,
peak memory, and the share of entity nodes whose label normalises like another's.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "arxiv-cs-2025h1.jsonl.gz"


def limited_copy(corpus: Path, limit: int | None, folder: Path) -> Path:
    if not limit:
        return corpus
    path = folder / "subset.jsonl"
    with gzip.open(corpus, "rt") as src, open(path, "w") as dst:
        dst.writelines(itertools.islice(src, limit))
    return path


def tokenizer_rate(texts: list[str]) -> float:
    import spacy

    nlp = spacy.blank("en")
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(texts, batch_size=256):
        pass
    return len(texts) / (time.perf_counter() - start)


def duplicate_share(ttl: Path) -> tuple[int, int]:
    """(entities, entities whose normalised label another entity also has)."""
    import pyoxigraph

    from kg.names import normalize

    store = pyoxigraph.Store()
    store.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)
    rows = store.query(
        "PREFIX akg: <https://w3id.org/abstract-kg/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT DISTINCT ?e ?label WHERE { ?e a akg:Entity ; rdfs:label ?label }"
    )
    labels = Counter(normalize(row["label"].value) for row in rows)
    total = sum(labels.values())
    return total, sum(n - 1 for n in labels.values() if n > 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N records")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--out", type=Path, help="keep the build here (e.g. to time queries on its store "
                                                 "with bench/bench_queries.py --store OUT/store)")
    args = parser.parse_args()

    from kg import api
    from kg.readers import read_papers

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = limited_copy(args.corpus, args.limit, tmp)
        start = time.perf_counter()
        out = args.out or tmp / "out"
        report = api.build([source], out, html=False, n_process=args.jobs)
        elapsed = time.perf_counter() - start
        texts = [p.text for p in read_papers([source]).papers]
        tok_rate = tokenizer_rate(texts)
        entities, duplicates = duplicate_share(report.outputs["turtle"])

    rate = report.papers / elapsed
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"papers:               {report.papers} ({args.jobs} extraction processes)")
    print(f"kg build:             {elapsed:.1f} s, {rate:.0f} abstracts/s")
    print(f"spaCy tokenizer only: {tok_rate:.0f} abstracts/s (build is {tok_rate / rate:.1f}x slower)")
    print(f"peak memory (main):   {peak_mb:.0f} MB")
    print(f"entities:             {entities}, duplicates by normalised label: {duplicates} "
          f"({100 * duplicates / max(entities, 1):.2f}%)")
    print(f"name merges:          {report.merges}")


if __name__ == "__main__":
    main()
