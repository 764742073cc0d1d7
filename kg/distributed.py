"""Extraction over a Dask distributed cluster: the "many machines" build.

Extraction is per paper; resolution is global. So the build splits in two:

1. The driver plans partitions of the input (a whole file, or a range of lines of a
   line-per-record file: JSON lines or `Abstract:` lines) and sends each worker only the
   partition's *name* (path and line range). The worker reads the records from shared
   storage, runs the same spaCy extractor (loaded once per worker thread), and writes the
   partition's records to `OUT/partitions/part-NNNNN.jsonl`: one JSON object per record,
   an `Extraction` (the paper and what was found in it, entity names still as written) or
   a `Problem` (file and line of a bad record).
2. The driver reads the partition files back in input order, folds duplicate papers
   exactly as `kg.readers.read_papers` does, and hands the Extractions to the same
   resolution, graph and RDF stages as a one-machine build. Because resolution sees the
   same Extractions in the same order, the graph is the same.

Once the store is built, `write_nquads` writes each partition's named graphs (one per paper)
as `part-NNNNN.nq`: final IRIs, ready for a server-class store's bulk loader
(docs/SCALE.md, "On a cluster").

Why serialised Extractions and not N-Quads between the two steps: an entity's IRI and
label depend on every paper (resolution is global), so N-Quads written before resolution
would carry provisional names that the driver would have to parse back into mentions;
the Extraction records are the exact input resolution takes, so nothing is lost.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Sequence

from kg import readers
from kg.model import Evidence, Extraction, Link, Mention, Paper, Problem, ResultMention, Role

PARTITION_SIZE = 2000  # records per partition of a big file: a few seconds of work per task
LINE_FORMATS = ("jsonl", "abstract-lines")  # formats with one record per line, splittable by lines
PARTITIONS_DIR = "partitions"


@dataclass(frozen=True)
class Partition:
    """A unit of work: the records of `path` from line `first_line` on, `lines` of them (None: the whole file)."""

    index: int
    path: str  # as the input named it: what sources and problems say
    format: str | None = None  # None: detected by the worker, as a one-machine build does
    first_line: int = 1
    lines: int | None = None
    root: str = ""  # the driver's working folder, against which a worker reads a relative path

    @property
    def location(self) -> Path:
        return Path(self.root) / self.path

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


@dataclass
class DistributedRun:
    """What the cluster extracted, merged in input order."""

    read_report: readers.ReadReport
    extractions: list[Extraction]
    partitions: list[Partition]
    out_dir: Path
    paper_partition: dict[str, int] = field(default_factory=dict)  # paper key -> partition index
    tasks: list[dict] = field(default_factory=list)  # what each partition's task returned, in partition order


# -- planning (driver) ----------------------------------------------------------------------


def plan(inputs: Sequence[str | Path], partition_size: int = PARTITION_SIZE,
         format: str | None = None) -> list[Partition | Problem]:
    """Partitions, and Problems with inputs that do not exist, in the order a one-machine build reads them."""
    planned: list[Partition | Problem] = []
    count, root = 0, os.getcwd()
    # iter_files appends a Problem for a missing input to the plan itself, so it keeps its place.
    for path in readers.iter_files(inputs, planned):
        fmt, lines = _line_records(path, format)
        if fmt is None or lines <= partition_size:
            planned.append(Partition(count, str(path), format, root=root))
            count += 1
            continue
        for first in range(1, lines + 1, partition_size):
            planned.append(Partition(count, str(path), fmt, first, min(partition_size, lines - first + 1), root))
            count += 1
    _file_lines.cache_clear()  # the driver has no more use for the text
    return planned


def _line_records(path: Path, format: str | None) -> tuple[str | None, int]:
    """(format, number of lines) of a file one can split by lines, else (None, 0)."""
    try:
        lines = _file_lines(str(path), path.stat().st_mtime_ns)
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile, zlib.error, readers.BinaryFile):
        return None, 0  # the worker reads it whole and reports the problem as a one-machine build does
    text_head = "\n".join(lines[:200])
    fmt = format or readers.detect_format(path, text_head)
    if fmt not in LINE_FORMATS or text_head.lstrip().startswith("[") or not any(line.strip() for line in lines):
        return None, 0  # a JSON array, or a blank file the reader reports as empty
    return fmt, len(lines)


@lru_cache(maxsize=1)
def _file_lines(path: str, mtime_ns: int) -> tuple[str, ...]:
    # Lines as the readers read and number them. Cached: a worker usually gets several
    # consecutive partitions of the same big file.
    return tuple(readers.read_text(Path(path)).removesuffix("\n").split("\n"))


# -- extraction (worker) --------------------------------------------------------------------

_local = threading.local()


def _extractor():
    # One pipeline per worker thread: loaded on the first task, reused by the next ones.
    if getattr(_local, "extractor", None) is None:
        from kg import extraction

        _local.extractor = extraction.load()
    return _local.extractor


def read_partition(partition: Partition, fields: readers.FieldMap = readers.FieldMap()) -> Iterator[Paper | Problem]:
    """The records of one partition, with the file and line numbers of the whole file."""
    if partition.lines is None:
        yield from readers.read_file(partition.location, partition.format, fields, name=partition.path)
        return
    lines = _file_lines(str(partition.location), partition.location.stat().st_mtime_ns)
    start = partition.first_line - 1
    # Blank lines before the range keep the readers' line numbers those of the whole file.
    text = "\n" * start + "\n".join(lines[start:start + partition.lines])
    yield from readers.parse_text(partition.path, text, partition.format, fields)


def extract_partition(partition: Partition, out_dir: str, fields: readers.FieldMap = readers.FieldMap()) -> dict:
    """Run on a worker: read, extract and write one partition's records. Returns counts and times."""
    wall, cpu = time.perf_counter(), time.process_time()
    records = list(read_partition(partition, fields))
    papers = [r for r in records if isinstance(r, Paper)]
    extracted = iter(_extractor().extract(papers))
    target = Path(out_dir) / f"{partition.name}.jsonl"
    partial = target.with_suffix(".jsonl.partial")
    with open(partial, "w", encoding="utf-8") as stream:
        for record in records:
            item = next(extracted) if isinstance(record, Paper) else record
            stream.write(json.dumps(encode(item), ensure_ascii=False, default=str) + "\n")
    # Renamed when complete, so an interrupted run never leaves a half file that looks whole.
    os.replace(partial, target)
    # CPU seconds as well as wall seconds: on a shared machine only the former measure the work.
    return {"partition": partition.index, "papers": len(papers), "problems": len(records) - len(papers),
            "wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu}


# -- the records between the two steps ------------------------------------------------------


def encode(item: Extraction | Problem) -> dict:
    if isinstance(item, Problem):
        return {"problem": asdict(item)}
    return {"extraction": asdict(item)}


def decode(record: dict) -> Extraction | Problem:
    if "problem" in record:
        return Problem(**record["problem"])
    x = record["extraction"]
    return Extraction(
        paper=Paper(**{**x["paper"], "authors": tuple(x["paper"]["authors"])}),
        mentions=[Mention(**{**m, "aliases": tuple(m["aliases"])}) for m in x["mentions"]],
        roles=[Role(**{**r, "evidence": Evidence(**r["evidence"])}) for r in x["roles"]],
        links=[Link(**{**k, "evidence": Evidence(**k["evidence"])}) for k in x["links"]],
        results=[ResultMention(**{**r, "evidence": Evidence(**r["evidence"]),
                                  "value": None if r["value"] is None else Decimal(r["value"])})
                 for r in x["results"]],
    )


def read_records(path: Path) -> Iterator[Extraction | Problem]:
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            yield decode(json.loads(line))


# -- the whole step (driver) ----------------------------------------------------------------


class ClusterError(Exception):
    """The cluster could not run the build: unreachable scheduler, or nodes without `kg`."""


@contextmanager
def connect(scheduler: str, workers: int | None = None, timeout: float = 30):
    """A Dask client: `scheduler` is an address (tcp://host:8786) or "local" for a cluster on this machine."""
    from dask.distributed import Client, LocalCluster

    if scheduler != "local":
        try:
            client = Client(scheduler, timeout=timeout)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    # One thread per worker process: spaCy work holds the GIL, so processes are the parallelism.
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def extract_partitions(
    inputs: Sequence[str | Path], scheduler: str, out_dir: str | Path, *, workers: int | None = None,
    partition_size: int = PARTITION_SIZE, format: str | None = None,
    fields: readers.FieldMap = readers.FieldMap(), progress: bool = False,
) -> DistributedRun:
    """Extract every partition on the cluster, then merge the partition files in input order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob("part-*"):  # a previous run may have had more partitions
        stale.unlink()
    planned = plan(inputs, partition_size, format)
    partitions = [p for p in planned if isinstance(p, Partition)]
    with connect(scheduler, workers) as client:
        from dask.distributed import as_completed

        futures = client.map(extract_partition, partitions, out_dir=str(out_dir.resolve()), fields=fields, pure=False)
        done = as_completed(futures)
        if progress:
            from tqdm import tqdm

            done = tqdm(done, total=len(futures), desc="partitions", unit="part")
        tasks = []
        for future in done:
            try:
                tasks.append(future.result())  # a failed task raises here, with the worker's traceback
            except RuntimeError as exc:
                if "deserializ" not in str(exc):
                    raise
                raise ClusterError(f"the Dask scheduler or a worker at {scheduler} cannot load kg's tasks; install "
                                   f"the same abstract-kg (pip install 'abstract-kg[dask]') on every node") from exc
    run = merge(planned, out_dir)
    run.tasks = sorted(tasks, key=lambda task: task["partition"])
    return run


def merge(planned: list[Partition | Problem], out_dir: Path) -> DistributedRun:
    """Partition files -> Extractions in input order, duplicates folded as `read_papers` folds them."""
    partitions = [p for p in planned if isinstance(p, Partition)]
    report = readers.ReadReport(files=len({p.path for p in partitions}))
    run = DistributedRun(report, [], partitions, out_dir)
    by_key: dict[str, int] = {}
    refold: set[int] = set()  # papers whose text a later copy changed: extracted again below
    for partition in planned:
        if isinstance(partition, Problem):
            report.problems.append(partition)
            continue
        for item in read_records(out_dir / f"{partition.name}.jsonl"):
            if isinstance(item, Problem):
                report.problems.append(item)
            elif item.paper.key in by_key:
                index = by_key[item.paper.key]
                kept = run.extractions[index]
                merged, superseded = readers.fold_copy(kept.paper, item.paper)
                if superseded:  # same id, other text: the later record replaces the earlier
                    report.problems.append(superseded)
                    run.extractions[index] = item
                    run.paper_partition[item.paper.key] = partition.index
                    refold.discard(index)
                    continue
                report.duplicates += 1
                if merged.text != kept.paper.text:
                    refold.add(index)
                run.extractions[index] = Extraction(merged, kept.mentions, kept.roles, kept.links, kept.results)
            else:
                by_key[item.paper.key] = len(run.extractions)
                run.paper_partition[item.paper.key] = partition.index
                run.extractions.append(item)
    if refold:
        # Rare (a later copy adds the title the first lacked): extract those again here.
        again = _extractor().extract(run.extractions[i].paper for i in sorted(refold))
        for index, extraction in zip(sorted(refold), again):
            run.extractions[index] = extraction
    report.papers = [x.paper for x in run.extractions]
    return run


def write_nquads(store_path: Path, run: DistributedRun, base_iri: str) -> list[Path]:
    """Each partition's named graphs (one per paper, final IRIs) as part-NNNNN.nq, for bulk loaders,
    read from the built store (no corpus-wide quads in memory)."""
    import pyoxigraph as ox

    from kg.rdf import graph_iri
    from kg.store import open_store

    store = open_store(store_path, read_only=True)
    keys: dict[int, list[str]] = {}
    for key, index in run.paper_partition.items():
        keys.setdefault(index, []).append(key)
    written = []
    for index in sorted(keys):
        path = run.out_dir / f"{run.partitions[index].name}.nq"
        lines: list[bytes] = []
        for key in keys[index]:
            graph = ox.NamedNode(str(graph_iri(key, base_iri)))
            quads = store.quads_for_pattern(None, None, None, graph)
            lines.extend(ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))
        path.write_bytes(b"".join(sorted(lines)))
        written.append(path)
    return written
