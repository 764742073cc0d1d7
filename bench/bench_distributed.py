"""The Dask build's two phases, measured for the projection in docs/SCALE.md ("On a cluster").

    python bench/bench_distributed.py                         # 10k abstracts, 1 and 2 workers; driver at 1k/5k/10k
    python bench/bench_distributed.py --papers 2000 --sizes 1000 2000

1. Extraction on a local Dask cluster (cluster start-up timed apart): abstracts per second
   with one worker process, then with --workers processes over --papers abstracts, and each
   worker's peak memory. Every worker loads the spaCy pipeline on its first task; that is in
   the time.
2. The driver's global phase at each of --sizes papers, each in a fresh process so its peak
   memory is its own: read the partition files back, resolve, networkx graph, RDF, per-partition
   N-Quads, Turtle, store load.
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


def first_lines(corpus: Path, n: int, path: Path) -> Path:
    with gzip.open(corpus, "rt") as src, open(path, "w") as dst:
        dst.writelines(itertools.islice(src, n))
    return path


def extract(source: Path, workers: int, out: Path, partition_size: int) -> dict:
    import logging

    from dask.distributed import Client, LocalCluster

    from kg import distributed

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        started = time.perf_counter() - start
        start = time.perf_counter()
        run = distributed.extract_partitions([source], cluster.scheduler_address, out, partition_size=partition_size)
        seconds = time.perf_counter() - start
        peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    cpu = sum(task["cpu_s"] for task in run.tasks)
    return {"workers": workers, "papers": len(run.extractions), "startup_s": started, "extract_s": seconds,
            "rate": len(run.extractions) / seconds, "worker_peak_mb": max(peaks.values()),
            "partitions": len(run.partitions), "cpu_rate": len(run.extractions) / cpu}


def driver(partitions: Path, papers: int, work: Path) -> dict:
    """The global phase over the first `papers` extractions of the partition files."""
    from kg import distributed, graph, rdf, resolution
    from kg import store as kgstore

    times = {}
    cpu = time.process_time()
    start = time.perf_counter()
    files = sorted(partitions.glob("part-*.jsonl"))
    records = itertools.chain.from_iterable(distributed.read_records(f) for f in files)
    extractions = list(itertools.islice((r for r in records if not hasattr(r, "message")), papers))
    times["read partitions"] = time.perf_counter() - start
    start = time.perf_counter()
    resolved = resolution.resolve(extractions)
    times["resolve"] = time.perf_counter() - start
    start = time.perf_counter()
    g = graph.to_graph(resolved)
    times["graph"] = time.perf_counter() - start
    start = time.perf_counter()
    quads = rdf.generate(g)
    times["rdf"] = time.perf_counter() - start
    start = time.perf_counter()
    (work / "nq").mkdir(exist_ok=True)
    (work / "nq" / "all.nq").write_bytes(quads.nquads(ordered=True))
    times["n-quads"] = time.perf_counter() - start
    start = time.perf_counter()
    rdf.write_turtle(quads, work / "graph.ttl")
    times["turtle"] = time.perf_counter() - start
    start = time.perf_counter()
    kgstore.load_quads(kgstore.open_store(work / "store"), quads)
    times["store"] = time.perf_counter() - start
    return {"papers": len(extractions), "quads": len(quads), "entities": len(resolved.entities), "times": times,
            "total_s": sum(times.values()), "cpu_s": time.process_time() - cpu,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--papers", type=int, default=10000, help="abstracts extracted with --workers workers")
    parser.add_argument("--single", type=int, default=2000, help="abstracts extracted with one worker")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=1000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000], help="papers for the driver phase")
    parser.add_argument("--driver", nargs=2, metavar=("PARTITIONS", "PAPERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.driver:  # the child process of phase 2
        with tempfile.TemporaryDirectory() as work:
            print(json.dumps(driver(Path(args.driver[0]), int(args.driver[1]), Path(work))))
        return

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        one = extract(first_lines(args.corpus, args.single, tmp / "single.jsonl"), 1, tmp / "p1", args.partition_size)
        print(f"1 worker:   {one['papers']} abstracts in {one['extract_s']:.1f} s = {one['rate']:.1f} abstracts/s "
              f"({1000 / one['rate']:.1f} s per 1k); {one['cpu_rate']:.1f} abstracts per CPU second in the tasks "
              f"({1000 / one['cpu_rate']:.1f} CPU s per 1k); cluster start {one['startup_s']:.1f} s; "
              f"worker peak {one['worker_peak_mb']} MB")
        many = extract(first_lines(args.corpus, args.papers, tmp / "many.jsonl"), args.workers, tmp / "pn",
                       args.partition_size)
        print(f"{many['workers']} workers:  {many['papers']} abstracts in {many['extract_s']:.1f} s = "
              f"{many['rate']:.1f} abstracts/s over {many['partitions']} partitions, {many['cpu_rate']:.1f} per CPU second; "
              f"cluster start {many['startup_s']:.1f} s; worker peak {many['worker_peak_mb']} MB")
        print("driver (global phase), fresh process per size:")
        for size in args.sizes:
            out = subprocess.run([sys.executable, __file__, "--driver", str(tmp / "pn"), str(size)],
                                 capture_output=True, text=True, check=True).stdout
            row = json.loads(out.strip().splitlines()[-1])
            parts = ", ".join(f"{k} {v:.1f}" for k, v in row["times"].items())
            print(f"  {row['papers']:>6} papers: {row['total_s']:6.1f} s ({parts}), {row['cpu_s']:.1f} CPU s; {row['quads']} quads, "
                  f"{row['entities']} entities; peak {row['peak_mb']} MB")


if __name__ == "__main__":
    main()
