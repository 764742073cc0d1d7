"""User story: build again with a grown corpus, or after a killed build, and get what a clean build gives.

The bundled sample (329 papers) is built once from scratch (the reference); the other builds
start from part of it and grow, change or get killed mid-run.
"""
from __future__ import annotations

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import api, rdf
from kg.cli.build import summary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SMALL = [DATA / "000_9be9bc9eeddf80f5.txt", DATA / "002_49ad75a15fc8a419.txt"]  # 67 of the 329 papers


def quads(store_path: Path) -> set[str]:
    """The store's content as canonical N-Quads lines (comparable across stores)."""
    store = ox.Store.read_only(str(store_path))
    data = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode()
    del store
    return set(data.splitlines())


def kg_build(*args: str) -> subprocess.Popen:
    # SIGINT as in a terminal's foreground job: a shell that starts the tests in the background
    # leaves it ignored, and Python then never raises KeyboardInterrupt.
    return subprocess.Popen([sys.executable, "-m", "kg", "build", "--no-html", "--json", *map(str, args)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """A build of the whole sample from scratch: the state every other build must reach."""
    out = tmp_path_factory.mktemp("clean")
    report = api.build([DATA], out, html=False)
    return out, report, quads(out / "store")


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """A build of two of the five sample files: the state before a grown corpus is built."""
    out = tmp_path_factory.mktemp("small")
    report = api.build(SMALL, out, html=False)
    return out, (out / "graph.ttl").read_bytes(), quads(out / "store"), report


def copy_of(build: Path, tmp_path: Path) -> Path:
    out = tmp_path / "copy"
    shutil.copytree(build, out)
    return out


def test_clean_build_writes_the_committed_turtle(clean):
    out, _, _ = clean
    assert (out / "graph.ttl").read_bytes() == (ROOT / "exports" / "graph.ttl").read_bytes()


def test_clean_build_store_holds_what_the_graph_generates(clean):
    _, _, stored = clean
    _, g = api.extract_graph(api.read([DATA]).papers)
    expected = ox.Store()
    expected.bulk_load(rdf.generate(g).nquads(), ox.RdfFormat.N_QUADS)
    assert stored == set(ox.serialize(expected, format=ox.RdfFormat.N_QUADS).decode().splitlines())


def test_building_again_extracts_and_generates_nothing(clean, tmp_path):
    out = copy_of(clean[0], tmp_path)
    report = api.build([DATA], out, html=False)
    assert (report.extracted, report.regenerated, report.graphs_replaced) == (0, 0, 0)
    assert (out / "graph.ttl").read_bytes() == (clean[0] / "graph.ttl").read_bytes()


@pytest.fixture(scope="module")
def grown(small, tmp_path_factory):
    """The small build, built again with the whole sample."""
    out = copy_of(small[0], tmp_path_factory.mktemp("grown"))
    return out, api.build([DATA], out, html=False)


def test_grown_corpus_extracts_only_the_new_papers(small, clean, grown):
    # papers of the small build whose text a later copy completed (a title) are extracted again
    assert clean[1].papers - small[3].papers <= grown[1].extracted < clean[1].papers
    assert 0 < grown[1].regenerated < clean[1].papers


def test_grown_corpus_gives_the_clean_build(clean, grown):
    out, report = grown
    assert (out / "graph.ttl").read_bytes() == (clean[0] / "graph.ttl").read_bytes()
    assert quads(out / "store") == clean[2]
    ignore = {"extracted": 0, "regenerated": 0, "graphs_replaced": 0, "seconds": 0, "outputs": {}, "timings": {}}
    assert summary(report) | ignore == summary(clean[1]) | ignore


def test_a_rebuild_resolves_from_the_cached_groups_and_reads_only_changed_extractions(small, grown, tmp_path,
                                                                                       monkeypatch):
    """Issue 8: resolution reads each paper's compact groups from the cache; the extractions of
    papers whose graph is unchanged are never unpickled."""
    from kg import resolution
    from kg.cache import Cache

    out = copy_of(grown[0], tmp_path)
    read: list[str] = []
    extractions = Cache.extractions

    def spy(self, papers, hashes):
        read.extend(hashes)
        return extractions(self, papers, hashes)

    monkeypatch.setattr(resolution, "paper_groups", lambda x: pytest.fail("groups made again"))
    monkeypatch.setattr(Cache, "extractions", spy)
    report = api.build([DATA], out, html=False)
    assert report.regenerated == 0 and read == []
    assert (out / "graph.ttl").read_bytes() == (grown[0] / "graph.ttl").read_bytes()


def test_graph_html_of_the_best_connected_papers_when_there_are_more(clean, tmp_path):
    out = copy_of(clean[0], tmp_path)
    report = api.build([DATA], out, html_max_papers=50)
    assert report.html_papers == 50
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert f"Showing the 50 papers with the most links of {clean[1].papers}" in page
    _, g = api.extract_graph(api.read([DATA]).papers)
    papers = [n for n, kind in g.nodes(data="kind") if kind == "Paper"]
    best = sorted(papers, key=lambda n: (-g.out_degree(n), n))[:50]
    drawn = set(re.findall(r'"id": "(paper/[^"]*)"', page))
    assert drawn == set(best)


def write_jsonl(path: Path, papers) -> Path:
    path.write_text("".join(json.dumps({"id": p.id or p.key, "title": p.title, "abstract": p.abstract}) + "\n"
                            for p in papers))
    return path


def test_a_changed_abstract_is_extracted_again_and_its_graph_replaced(tmp_path):
    papers = api.read(SMALL).papers[:40]
    source = write_jsonl(tmp_path / "papers.jsonl", papers)
    out = tmp_path / "out"
    api.build([source], out, html=False)
    edited = [papers[0].__class__(**{**papers[0].__dict__, "abstract": "We test the testbed. " + papers[0].abstract})]
    source = write_jsonl(source, edited + papers[1:])
    report = api.build([source], out, html=False)
    assert report.extracted == 1
    assert report.graphs_replaced >= 1
    fresh = tmp_path / "fresh"
    api.build([source], fresh, html=False)
    assert (out / "graph.ttl").read_bytes() == (fresh / "graph.ttl").read_bytes()
    assert quads(out / "store") == quads(fresh / "store")


def test_extractor_version_changes_with_a_lexicon(tmp_path, monkeypatch):
    from kg import cache

    lexicons = tmp_path / "extraction"
    shutil.copytree(ROOT / "kg" / "extraction" / "data", lexicons)
    monkeypatch.setattr(cache, "PACKAGE", tmp_path)
    before = cache.sources_version(lexicons)
    (lexicons / "cues.json").write_text((lexicons / "cues.json").read_text() + "\n")
    assert cache.sources_version(lexicons) != before


def test_json_summary_has_the_documented_keys(small, tmp_path):
    out = copy_of(small[0], tmp_path)
    done = kg_build(*SMALL, "--out", out)
    stdout, stderr = done.communicate(timeout=600)
    assert done.returncode == 0, stderr
    data = json.loads(stdout)
    assert set(data) == {"papers", "duplicates", "skipped", "problems", "entities", "merges", "results", "edges", "partitions", "kept",
                         "extracted", "regenerated", "graphs_replaced", "html_papers", "outputs", "seconds", "timings"}
    assert (data["papers"], data["extracted"], data["regenerated"]) == (small[3].papers, 0, 0)


# -- killed builds ---------------------------------------------------------------------------


def cached_extractions(out: Path) -> int:
    try:
        with sqlite3.connect(out / "cache.sqlite", timeout=0.1) as db:
            return db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
    except sqlite3.Error:
        return 0


def wait_for(condition, process: subprocess.Popen, timeout: float = 300) -> bool:
    """Poll until `condition()`; False if the build finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.01)
    raise TimeoutError("the build neither reached the point nor finished")


def mid_extraction(out: Path, before: int):
    return lambda: cached_extractions(out) > before


def mid_store_write(out: Path):
    return lambda: (out / "store.next").exists()


@pytest.mark.parametrize("point, sig, jobs", [
    ("extraction", signal.SIGKILL, 1),
    ("extraction", signal.SIGINT, 2),
    ("store", signal.SIGKILL, 1),
])
def test_killed_build_leaves_the_old_state_and_the_next_build_completes(small, clean, tmp_path, point, sig, jobs):
    out = copy_of(small[0], tmp_path)
    before = cached_extractions(out)
    build = kg_build(DATA, "--out", out, "-j", jobs)
    reached = wait_for(mid_extraction(out, before) if point == "extraction" else mid_store_write(out), build)
    build.send_signal(sig)
    build.communicate(timeout=120)
    if reached and build.returncode != 0:  # stopped: the outputs are the old ones
        assert (out / "graph.ttl").read_bytes() == small[1]
        assert quads(out / "store") == small[2]
    elif reached:  # the signal came as the build was ending and it finished: the outputs are the new ones
        assert (out / "graph.ttl").read_bytes() == (clean[0] / "graph.ttl").read_bytes()
        assert quads(out / "store") == clean[2]

    again = kg_build(DATA, "--out", out)
    stdout, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr
    if reached and point == "store":
        assert json.loads(stdout)["extracted"] == 0  # everything was extracted before the kill
    assert (out / "graph.ttl").read_bytes() == (clean[0] / "graph.ttl").read_bytes()
    assert quads(out / "store") == clean[2]
    assert not (out / "store.next").exists() and not (out / "store.old").exists()


def test_building_more_files_into_a_store_equals_building_them_together(small, clean, tmp_path):
    """Issue 5: building again with more input adds to the store. The papers built earlier stay,
    and entities are resolved over all of them, so labels are those of one build of everything."""
    out = copy_of(small[0], tmp_path)
    rest = [path for path in sorted(DATA.iterdir()) if path not in SMALL]
    report = api.build(rest, out, html=False)
    assert report.kept > 0 and report.kept + report.papers >= clean[1].papers
    assert (out / "graph.ttl").read_bytes() == (clean[0] / "graph.ttl").read_bytes()
    assert quads(out / "store") == clean[2]


def test_a_build_without_a_store_keeps_nothing(small, tmp_path):
    out = copy_of(small[0], tmp_path)
    rest = [path for path in sorted(DATA.iterdir()) if path not in SMALL]
    report = api.build(rest, out, html=False, store=None)
    assert report.kept == 0
