"""Extraction speed: `python -m kg.extraction.bench CORPUS.jsonl[.gz] [-n N] [-j JOBS] [--components]`.

Prints abstracts per second through the extraction pipeline (kg.extraction.load().extract)
and, over the same texts, through spaCy's bare tokenizer, with their ratio; with --components,
also the CPU seconds each pipeline component takes over the same texts in this process (CPU
time moves less than wall time when other jobs share the machine). Targets are measured here,
not in timed tests.
"""
from __future__ import annotations

import argparse
import time


def read_papers(path: str, limit: int):
    from kg.readers import read_papers as read

    papers = read([path]).papers
    return papers[:limit] if limit else papers


def measure(papers, jobs: int, batch_size: int) -> dict:
    from kg.extraction import load

    extractor = load()
    texts = [p.text for p in papers]
    start = time.perf_counter()
    mentions = sum(len(e.mentions) for e in extractor.extract(papers, n_process=jobs, batch_size=batch_size))
    pipeline = time.perf_counter() - start
    start = time.perf_counter()
    for text in texts:
        extractor.nlp.make_doc(text)
    tokenizer = time.perf_counter() - start
    return {"papers": len(papers), "mentions": mentions, "jobs": jobs,
            "pipeline_per_s": len(papers) / pipeline, "tokenizer_per_s": len(papers) / tokenizer}


def component_cpu(papers) -> dict[str, float]:
    """CPU seconds per pipeline component over the papers' texts, one process."""
    from kg.extraction import load

    nlp = load().nlp
    seconds = dict.fromkeys(nlp.pipe_names, 0.0)
    for paper in papers:
        doc = nlp.make_doc(paper.text)
        for name, component in nlp.pipeline:
            start = time.process_time()
            doc = component(doc)
            seconds[name] += time.process_time() - start
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.extraction.bench", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="JSON lines (optionally gzipped) with id, title, abstract")
    parser.add_argument("-n", "--limit", type=int, default=5000, help="papers to use (0 = all; default 5000)")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="extraction processes (default 2)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--components", action="store_true", help="also CPU seconds per pipeline component")
    args = parser.parse_args(argv)
    papers = read_papers(args.corpus, args.limit)
    r = measure(papers, args.jobs, args.batch_size)
    print(f"{r['papers']} abstracts, {r['mentions']} mentions, {r['jobs']} process(es)")
    print(f"extraction pipeline: {r['pipeline_per_s']:8.1f} abstracts/s")
    print(f"bare tokenizer:      {r['tokenizer_per_s']:8.1f} abstracts/s (1 process)")
    print(f"ratio pipeline/tokenizer: {r['pipeline_per_s'] / r['tokenizer_per_s']:.3f}")
    if args.components:
        seconds = component_cpu(papers)
        print("CPU seconds per component: " + ", ".join(f"{name} {s:.2f}" for name, s in seconds.items())
              + f"; total {sum(seconds.values()):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
