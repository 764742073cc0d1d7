"""Build speed and memory over corpus sizes, end to end through `kg build`, and the incremental rebuild.

    python bench/bench_build.py                                  # 1k, 10k, all (31k); 1 and 2 processes; rebuild
    python bench/bench_build.py --sizes 1000 --jobs 1 --no-rebuild
    python bench/bench_build.py --sizes all --jobs 2 --keep /tmp/c31k    # keep the build (bench_queries.py --store /tmp/c31k/store)

Each build runs in a fresh process (`--single`), so its peak memory is its own: the main
process (ru_maxrss of RUSAGE_SELF) and the largest extraction worker (RUSAGE_CHILDREN).
Per size it prints abstracts per second (wall clock) and CPU seconds (main + workers; on a
shared machine the wall clock also counts time other jobs took), the ratio to spaCy's bare
tokenizer over the same texts, and with the rebuild: the time to build again after 1% new
abstracts were added to a build of the other 99%, against the full build's time.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "arxiv-cs-2025h1.jsonl.gz"


def subset(corpus: Path, start: int, stop: int | None, path: Path) -> Path:
    with gzip.open(corpus, "rt") as src, open(path, "w") as dst:
        dst.writelines(itertools.islice(src, start, stop))
    return path


def count_lines(corpus: Path) -> int:
    with gzip.open(corpus, "rt") as src:
        return sum(1 for _ in src)


def single(inputs: list[str], out: str, jobs: int) -> dict:
    """One build in this process; its time, CPU and peak memory (this process and its workers)."""
    from kg import api

    start = time.perf_counter()
    report = api.build(inputs, out, html=False, n_process=jobs)
    seconds = time.perf_counter() - start
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "papers": report.papers, "extracted": report.extracted, "regenerated": report.regenerated,
        "seconds": seconds, "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "peak_main_mb": me.ru_maxrss / 1024, "peak_worker_mb": kids.ru_maxrss / 1024,
        "timings": report.timings,
    }


def run_single(inputs: list[Path], out: Path, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--single", str(out), str(jobs), *map(str, inputs)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def tokenizer_rate(path: Path) -> float:
    import spacy

    from kg.readers import read_papers

    texts = [p.text for p in read_papers([path]).papers]
    nlp = spacy.blank("en")
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(texts, batch_size=256):
        pass
    return len(texts) / (time.perf_counter() - start)


def show(label: str, r: dict) -> None:
    rate = r["papers"] / r["seconds"]
    print(f"{label:<22} {r['papers']:>6} papers  {r['seconds']:7.1f} s  {rate:5.0f}/s  cpu {r['cpu']:7.1f} s "
          f"({r['papers'] / r['cpu']:4.0f}/cpu-s)  peak main {r['peak_main_mb']:5.0f} MB  "
          f"worker {r['peak_worker_mb']:5.0f} MB", flush=True)
    print(f"{'':<22} phases (s): " + ", ".join(f"{k} {v:.1f}" for k, v in r.get("timings", {}).items()), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--sizes", default="1000,10000,all", help="comma-separated abstract counts, 'all' = the whole corpus")
    parser.add_argument("--jobs", default="1,2", help="comma-separated process counts")
    parser.add_argument("--no-rebuild", action="store_true", help="skip the 1%%-new rebuild of the largest size")
    parser.add_argument("--keep", "--out", dest="keep", type=Path,
                        help="keep the largest build (with the most processes) here")
    parser.add_argument("--single", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single:
        out, jobs, *inputs = args.single
        print(json.dumps(single(inputs, out, int(jobs))))
        return

    total = count_lines(args.corpus)
    sizes = [total if s == "all" else min(int(s), total) for s in args.sizes.split(",")]
    jobs = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        full: dict = {}
        for size in sizes:
            source = subset(args.corpus, 0, size, tmp / f"first{size}.jsonl")
            for j in jobs:
                keep = args.keep and size == sizes[-1] and j == jobs[-1]
                out = args.keep if keep else tmp / f"out{size}-{j}"
                full = run_single([source], out, j)
                show(f"build, {j} process{'es' if j > 1 else ''}", full)
                if not keep:
                    subprocess.run(["rm", "-rf", str(out)], check=True)
            tok = tokenizer_rate(source)
            rate = full["papers"] / full["seconds"]
            print(f"{'spaCy tokenizer only':<22} {size:>6} papers  {tok:5.0f}/s: the build "
                  f"({jobs[-1]} processes) is {tok / rate:.1f}x slower", flush=True)
        if not args.no_rebuild:
            size, j = sizes[-1], jobs[-1]
            new = max(1, size // 100)
            old = subset(args.corpus, 0, size - new, tmp / "old.jsonl")
            added = subset(args.corpus, size - new, size, tmp / "new.jsonl")
            out = tmp / "rebuild"
            show("build of the first 99%", run_single([old], out, j))
            again = run_single([old, added], out, j)
            show(f"rebuild, {new} new", again)
            print(f"rebuild with 1% new abstracts: {again['seconds']:.1f} s = "
                  f"{100 * again['seconds'] / full['seconds']:.1f}% of the full build's {full['seconds']:.1f} s "
                  f"({again['extracted']} extracted, {again['regenerated']} graphs regenerated); "
                  # on a shared machine the wall clock counts other jobs' time; CPU seconds do not
                  f"CPU {again['cpu']:.1f} s = {100 * again['cpu'] / full['cpu']:.1f}% of {full['cpu']:.1f} s")


if __name__ == "__main__":
    main()
