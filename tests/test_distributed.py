"""The Dask build: extraction partitioned over a real local Dask cluster gives the same graph as one machine."""
from __future__ import annotations

import gzip
import json
import logging
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

pytest.importorskip("distributed", reason="the Dask build needs the `dask` extra: pip install -e '.[dask]'")

from dask.distributed import LocalCluster  # noqa: E402

from kg import api, distributed, extraction, rdf  # noqa: E402
from kg import store as kgstore  # noqa: E402
from kg.model import Problem  # noqa: E402
from kg.rdf import graph_iri  # noqa: E402

from servers import virtuoso_server  # noqa: E402,F401 (fixture)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FILE = ROOT / "data" / "000_9be9bc9eeddf80f5.txt"
PARTITION_SIZE = 20
BAD_JSON_LINE = 25
NO_ABSTRACT_LINE = 41


def record(paper, **changes) -> dict:
    fields = {"id": f"test:{paper.key}", "title": paper.title, "abstract": paper.abstract}
    return {**fields, **changes}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """A gzipped JSON-lines file of 60 sample papers (split into partitions by lines) with a bad
    JSON line, a record without an abstract and two duplicates, a missing input, and a
    Daily Papers listing (one whole-file partition)."""
    folder = tmp_path_factory.mktemp("inputs")
    papers = [p for p in api.read([ROOT / "data"]).papers if p.title][:60]
    lines = [json.dumps(record(p)) for p in papers]
    lines[9] = json.dumps(record(papers[9], title=""))  # its title only comes with a later copy
    lines.insert(BAD_JSON_LINE - 1, '{"id": "broken", "abstract": ')
    lines.insert(NO_ABSTRACT_LINE - 1, json.dumps({"id": "empty", "title": "No abstract here"}))
    lines.append(json.dumps(record(papers[4], date="2025-06-01")))  # same paper, one more field
    lines.append(json.dumps(record(papers[9])))
    big = folder / "subset.jsonl.gz"
    big.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return [big, folder / "missing.jsonl", SAMPLE_FILE]


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, no dashboard: the `--dask local` set-up, small."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as local:
        yield local


@pytest.fixture(scope="module")
def one_machine(inputs):
    report = api.read(inputs)
    _, g = api.extract_graph(report.papers)
    return report, rdf.generate(g)


@pytest.fixture(scope="module")
def on_cluster(inputs, cluster, tmp_path_factory):
    out = tmp_path_factory.mktemp("cluster") / "partitions"
    run = distributed.extract_partitions(inputs, cluster.scheduler_address, out, partition_size=PARTITION_SIZE)
    _, g = api.extract_graph(None, extractions=run.extractions)
    quads = rdf.generate(g)
    store = tmp_path_factory.mktemp("cluster-store") / "store"
    kgstore.load_quads(kgstore.open_store(store), quads)
    return run, quads, distributed.write_nquads(store, run, rdf.DEFAULT_BASE_IRI)


def test_plan_splits_a_big_line_file_and_keeps_other_files_whole(inputs):
    planned = distributed.plan(inputs, PARTITION_SIZE)
    partitions = [p for p in planned if isinstance(p, distributed.Partition)]
    assert [(p.first_line, p.lines) for p in partitions[:-1]] == [(1, 20), (21, 20), (41, 20), (61, 4)]
    assert (partitions[-1].path, partitions[-1].lines) == (str(SAMPLE_FILE), None)  # a listing is not split
    assert isinstance(planned[4], Problem) and planned[4].message == "no such file or folder"


def test_a_blank_file_stays_whole_so_its_reported_as_empty(tmp_path):
    blank = tmp_path / "blank.jsonl"
    blank.write_text("\n" * 30)
    [partition] = distributed.plan([blank], partition_size=10, format="jsonl")
    assert partition.lines is None
    assert list(distributed.read_partition(partition)) == [Problem(str(blank), None, "empty file")]


def test_a_partition_reads_its_lines_with_the_whole_files_line_numbers(inputs):
    third = distributed.plan(inputs, PARTITION_SIZE)[2]
    records = list(distributed.read_partition(third))
    assert records[0] == Problem(str(inputs[0]), NO_ABSTRACT_LINE, "record has no abstract")
    assert [r.source for r in records[1:3]] == [f"{inputs[0]}:42", f"{inputs[0]}:43"]
    assert len(records) == 20


def test_a_relative_input_is_read_from_the_drivers_folder_and_keeps_its_name(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    [partition] = distributed.plan([f"data/{SAMPLE_FILE.name}"])
    monkeypatch.chdir(tmp_path)  # a worker started in another folder
    records = list(distributed.read_partition(partition))
    assert records and all(r.source.startswith(f"data/{SAMPLE_FILE.name}:") for r in records)


def test_extraction_records_survive_the_partition_file():
    papers = api.read([SAMPLE_FILE]).papers[:30]
    found = list(extraction.load().extract(papers))
    # The sample should exercise every kind of record: results (with a Decimal), links, roles, aliases.
    assert any(r.value is not None for x in found for r in x.results)
    assert any(x.links for x in found) and any(x.roles for x in found)
    assert any(m.aliases for x in found for m in x.mentions)
    assert [distributed.decode(json.loads(json.dumps(distributed.encode(x), default=str))) for x in found] == found


def test_cluster_build_gives_the_same_rdf_as_one_machine(one_machine, on_cluster):
    _, single = one_machine
    _, quads, _ = on_cluster
    assert len(single.graphs) > 60
    assert quads.graphs.keys() == single.graphs.keys()
    for name, triples in single.graphs.items():
        # No blank nodes in the generated RDF, so isomorphic graphs are equal sets of triples.
        assert quads.graphs[name] == triples, f"graph {name} differs"


def test_cluster_build_reports_bad_records_with_file_and_line_like_one_machine(inputs, one_machine, on_cluster):
    report, _ = one_machine
    run, _, _ = on_cluster
    assert run.read_report.problems == report.problems
    messages = [str(p) for p in run.read_report.problems]
    assert f"{inputs[0]}:{BAD_JSON_LINE}: invalid JSON: Expecting value (column 30)" in messages
    assert f"{inputs[0]}:{NO_ABSTRACT_LINE}: record has no abstract" in messages
    assert f"{inputs[1]}: no such file or folder" in messages


def test_cluster_build_folds_duplicates_like_one_machine(one_machine, on_cluster):
    report, _ = one_machine
    run, _, _ = on_cluster
    assert run.read_report.duplicates == report.duplicates == 2
    assert run.read_report.papers == report.papers
    # The copy that brought the title changed the text: that paper was extracted again.
    tenth = run.extractions[9]
    assert tenth.paper.title and [tenth] == list(extraction.load().extract([tenth.paper]))


def test_partition_files_hold_every_record_and_every_named_graph(on_cluster, one_machine):
    run, _, written = on_cluster
    _, single = one_machine
    assert sorted(p.name for p in run.out_dir.glob("part-*.jsonl")) == [f"part-{i:05d}.jsonl" for i in range(5)]
    assert [p.name for p in written] == [f"part-{i:05d}.nq" for i in range(5)]
    lines = sorted(line for path in written for line in path.read_bytes().splitlines())
    stored = ox.Store()  # the one-machine graphs as a store holds them ("20.70" is the decimal 20.7)
    kgstore.load_quads(stored, single)
    assert lines == sorted(stored.dump(format=ox.RdfFormat.N_QUADS).splitlines())


def test_each_paper_graph_is_in_its_own_partitions_nquads(on_cluster):
    run, _, written = on_cluster
    first_paper = run.extractions[0].paper.key
    assert f"<{graph_iri(first_paper)}>".encode() in written[0].read_bytes()
    assert f"<{graph_iri(first_paper)}>".encode() not in written[1].read_bytes()


def test_a_partition_a_worker_cannot_read_raises_there_with_its_path(cluster, tmp_path):
    # What a worker without the shared storage sees: the build stops and names the file.
    from dask.distributed import Client

    gone = distributed.Partition(0, str(tmp_path / "gone.jsonl"), "jsonl", 1, 5)
    with Client(cluster) as client:
        future = client.submit(distributed.extract_partition, gone, str(tmp_path), pure=False)
        with pytest.raises(FileNotFoundError, match="gone.jsonl"):
            future.result()


def test_cli_build_dask_local_end_to_end(inputs, one_machine, tmp_path):
    """User story: `kg build INPUT... --dask local` prints the same summary as a one-machine build
    and leaves the same Turtle, the store and per-partition files."""
    single = tmp_path / "single"
    rdf.write_turtle(one_machine[1], single / "graph.ttl")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", *map(str, inputs), "--out", str(out), "--no-html",
         "--dask", "local", "--dask-workers", "1", "--partition-size", str(PARTITION_SIZE)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr  # bad records: reported, and the exit code says so
    assert f"skipped: {inputs[0]}:{BAD_JSON_LINE}: invalid JSON" in result.stderr
    assert "papers read:        70" in result.stdout
    assert "partitions:         5 extracted on the Dask cluster" in result.stdout
    assert (out / "graph.ttl").read_bytes() == (single / "graph.ttl").read_bytes()
    assert (out / "store").is_dir() and len(list((out / "partitions").glob("part-*.nq"))) == 5


def quads_per_graph(quads) -> dict[str, int]:
    return {str(name): len(triples) for name, triples in quads.graphs.items()}


def test_partition_nquads_bulk_load_with_the_oxigraph_cli(on_cluster, one_machine, tmp_path):
    """The hand-off for graphs beyond one store: `oxigraph load --location DIR --file part-*.nq`."""
    written = on_cluster[2]
    store = tmp_path / "bulk"
    loaded = subprocess.run(["oxigraph", "load", "--location", str(store), "--file", *map(str, written)],
                            capture_output=True, text=True, timeout=120)
    assert loaded.returncode == 0, loaded.stderr
    dumped = subprocess.run(["oxigraph", "dump", "--location", str(store), "--format", "nq"],
                            capture_output=True, timeout=120, check=True).stdout
    graphs = Counter(quad.graph_name.value for quad in ox.parse(dumped, format=ox.RdfFormat.N_QUADS))
    assert graphs == quads_per_graph(one_machine[1])


@pytest.mark.server
def test_partition_nquads_bulk_load_into_virtuoso(on_cluster, one_machine, virtuoso_server):
    """Virtuoso's bulk loader: ld_dir() registers the partition files, rdf_loader_run() loads them."""
    written = on_cluster[2]
    folder = virtuoso_server.folder / "partitions"  # inside DirsAllowed
    folder.mkdir()
    for path in written:
        shutil.copy(path, folder / path.name)
    sql = f"ld_dir('{folder}', 'part-*.nq', 'urn:abstract-kg:default'); rdf_loader_run(); checkpoint;"
    done = subprocess.run([*virtuoso_server.isql, f"exec={sql}"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Error" not in done.stdout, done.stdout + done.stderr
    errors = subprocess.run([*virtuoso_server.isql, "exec=SELECT ll_file, ll_error FROM DB.DBA.load_list "
                             "WHERE ll_error IS NOT NULL;"], capture_output=True, text=True, timeout=60).stdout
    assert "0 Rows" in errors, errors
    assert virtuoso_server.graph_sizes(f"{rdf.DEFAULT_BASE_IRI}graph/") == quads_per_graph(one_machine[1])


def test_an_unreachable_scheduler_is_a_clear_error_naming_it():
    from servers import free_port

    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(distributed.ClusterError, match=f"cannot reach the Dask scheduler at {address}"):
        with distributed.connect(address, timeout=1):
            pass


@pytest.mark.parametrize("argv, message", [
    (["--partition-size", "5"], "--dask-workers and --partition-size need --dask"),
    (["--dask", "tcp://127.0.0.1:8786", "--dask-workers", "2"], "use it with --dask local"),
])
def test_cluster_options_without_their_cluster_are_refused(argv, message, capsys, tmp_path):
    from kg.cli import main

    assert main(["build", "--out", str(tmp_path), *argv]) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())  # nothing was built


def test_a_worker_count_below_one_is_refused(capsys):
    from kg.cli import main

    with pytest.raises(SystemExit):
        main(["build", "--dask", "local", "--dask-workers", "0"])
    assert "must be 1 or more, not 0" in capsys.readouterr().err
