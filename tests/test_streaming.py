"""The per-paper pieces of a corpus-scale build give exactly what the whole-graph path gives.

No spaCy here: the Extractions are the annotated development abstracts (as in test_viz).
"""
from __future__ import annotations

import copy
import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from test_viz import GOLD, gold_extraction  # noqa: F401  (GOLD: the gold files must exist)

from kg import incremental, rdf
from kg import store as kgstore
from kg.api import BuildReport
from kg.cache import paper_digest
from kg.graph import KINDS, summary, to_graph
from kg.model import Resolution
from kg.resolution import resolve

BASE = "https://w3id.org/abstract-kg/resource/"


@pytest.fixture(scope="module")
def resolved() -> Resolution:
    import json

    records = [json.loads(line) for line in (GOLD / "dev_seeds.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    return resolve([gold_extraction(f"g-{n}", r) for n, r in enumerate(records)]
                   + [gold_extraction(f"g-{n}-b", r) for n, r in enumerate(records[:5])])


def parts(resolved: Resolution) -> dict[str, rdf.PaperRDF]:
    out = {}
    for facts in resolved.papers:
        quads = rdf.generate(to_graph(Resolution(resolved.entities, [facts])), BASE)
        out[facts.paper.key] = rdf.paper_rdf(quads, facts.paper.key, BASE)
    return out


def test_turtle_from_per_paper_parts_is_byte_identical(resolved, tmp_path):
    whole = rdf.write_turtle(rdf.generate(to_graph(resolved), BASE), tmp_path / "whole.ttl", BASE)
    pieces = parts(resolved)
    # "paper/<key>" sorts by key, the other categories ("evidence/<key>/<n>") by "<key>/"
    chunks = [pieces[k].turtle[c] for c in rdf.PAPER_CATEGORIES
              for k in sorted(pieces, key=lambda k: k if c == "paper" else k + "/")]
    joined = rdf.write_turtle_parts(tmp_path / "parts.ttl", [p.shared for p in pieces.values()], chunks, BASE)
    assert joined.read_bytes() == whole.read_bytes()


def test_per_paper_nquads_hold_the_whole_graph(resolved):
    expected = ox.Store()
    expected.bulk_load(rdf.generate(to_graph(resolved), BASE).nquads(), ox.RdfFormat.N_QUADS)
    got = ox.Store()
    for piece in parts(resolved).values():
        got.bulk_load(piece.nquads, ox.RdfFormat.N_QUADS)
    assert set(got) == set(expected)


def group_keys(facts) -> list[str]:
    """The entity key of each of a paper's groups: its mentions edges come first, one per group."""
    return [k for k, role, _ in facts.roles if role == "mentions"]


def test_counts_without_the_graph_match_the_graph(resolved):
    report = BuildReport()
    shown = set()
    for facts in resolved.papers:
        incremental._add_figures(report, incremental.paper_figures(facts))
        shown |= incremental.referenced(group_keys(facts), resolved.entities)
    counts = summary(to_graph(resolved))
    assert report.edges == counts["edges"]
    assert report.results == counts.get("Result", 0)
    kinds = Counter(KINDS[resolved.entities[k].type] for k in shown)
    assert dict(kinds) == {k: v for k, v in counts.items() if k not in ("Paper", "Result", "edges")}


def fingerprint(facts, entities, base=BASE, generator="v") -> str:
    keys = group_keys(facts)
    return incremental.fingerprint(paper_digest(facts.paper), "h", keys, incremental.referenced(keys, entities), entities,
                                   base, generator)


def test_fingerprint_follows_the_labels_a_paper_shows(resolved):
    facts = resolved.papers[0]
    before = fingerprint(facts, resolved.entities)
    shown = incremental.referenced(group_keys(facts), resolved.entities)
    mine = sorted(shown)[0]
    other = next(k for k in resolved.entities if k not in shown)
    entities = copy.deepcopy(resolved.entities)
    entities[other].label += " (renamed)"
    assert fingerprint(facts, entities) == before
    entities[mine].label += " (renamed)"
    assert fingerprint(facts, entities) != before


def test_fingerprint_follows_the_base_iri_and_the_generator(resolved):
    facts = resolved.papers[0]
    before = fingerprint(facts, resolved.entities)
    assert fingerprint(facts, resolved.entities, base="https://example.org/") != before
    assert fingerprint(facts, resolved.entities, generator="v2") != before


def test_referenced_entities_are_those_the_paper_graph_describes(resolved):
    for facts in resolved.papers:
        g = to_graph(Resolution(resolved.entities, [facts]))
        described = {n.removeprefix("entity/") for n in g if n.startswith("entity/")}
        assert incremental.referenced(group_keys(facts), resolved.entities) == described


def test_best_connected_papers_are_picked_by_out_degree(resolved):
    degree = to_graph(resolved).out_degree
    for facts in resolved.papers:
        assert incremental.out_degree(facts) == degree(f"paper/{facts.paper.key}")


# -- the store's all-or-nothing update ----------------------------------------------------------


def nq(graph: str, value: str) -> bytes:
    return f'<urn:s> <urn:p> "{value}" <urn:g:{graph}> .\n'.encode()


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store"
    kgstore.replace_graphs(path, {"urn:g:a", "urn:g:b"}, [nq("a", "1") + nq("b", "1")])
    return path


def values(path) -> dict[str, str]:
    store = ox.Store.read_only(str(path))
    found = {q.graph_name.value: q.object.value for q in store}
    del store
    return found


def test_replace_graphs_replaces_only_the_named_graphs(store_path):
    report = kgstore.replace_graphs(store_path, {"urn:g:b", "urn:g:c"}, [nq("b", "2"), nq("c", "2")])
    assert values(store_path) == {"urn:g:a": "1", "urn:g:b": "2", "urn:g:c": "2"}
    assert (report.graphs_replaced, report.graphs_added, report.quads_loaded) == (1, 1, 2)
    assert not store_path.with_name("store.next").exists() and not store_path.with_name("store.old").exists()


def test_a_staged_update_does_not_touch_the_store_until_swapped(store_path):
    staging, _ = kgstore.stage_graphs(store_path, {"urn:g:a"}, [nq("a", "2")])
    assert values(store_path)["urn:g:a"] == "1"
    kgstore.swap(store_path, staging)
    assert values(store_path)["urn:g:a"] == "2"


def test_recover_drops_a_half_built_copy(store_path):
    kgstore.stage_graphs(store_path, {"urn:g:a"}, [nq("a", "2")])  # killed before the swap
    kgstore.recover(store_path)
    assert values(store_path)["urn:g:a"] == "1"
    assert not store_path.with_name("store.next").exists()


def test_recover_puts_back_a_store_renamed_away_mid_swap(store_path):
    kgstore.stage_graphs(store_path, {"urn:g:a"}, [nq("a", "2")])
    store_path.rename(store_path.with_name("store.old"))  # killed between the two renames
    kgstore.recover(store_path)
    assert values(store_path)["urn:g:a"] == "1"


def test_nothing_to_replace_leaves_the_store_alone(store_path):
    staging, report = kgstore.stage_graphs(store_path, set(), [])
    assert staging is None and report.quads_loaded == 0
    assert values(store_path) == {"urn:g:a": "1", "urn:g:b": "1"}


def test_cache_returns_chunks_in_the_order_of_their_subjects(tmp_path):
    from kg.cache import Cache

    cache = Cache(tmp_path / "cache.sqlite")
    cache.put_chunks([(k, "fp", b"", f"ev {k};".encode(), f"paper {k};".encode(), b"", b"")
                      for k in ("g-1", "g-1-b", "g-0")])
    cache.begin_run([("g-1", "fp"), ("g-1-b", "fp"), ("g-0", "fp")])
    # "paper/g-1" < "paper/g-1-b" but "evidence/g-1-b/1" < "evidence/g-1/1"
    assert b"".join(cache.chunk_column("paper")) == b"paper g-0;paper g-1;paper g-1-b;"
    assert b"".join(cache.chunk_column("evidence")) == b"ev g-0;ev g-1-b;ev g-1;"
    cache.close()


# -- graph.ttl's entity block, kept in the cache across runs --------------------------------------

def block_of(pieces: dict, keys) -> bytes:
    """What graph.ttl's agents and entities are for these papers, worked out from scratch."""
    return rdf.write_turtle_parts(Path(tempfile.mkdtemp()) / "block.ttl", [pieces[k].shared for k in keys], [],
                                  BASE).read_bytes().removeprefix(rdf.turtle_header(BASE))


def kept_block(cache, pieces: dict, keys, finish: bool = True) -> bytes:
    """One run over `keys` (their chunks generated), as incremental.run writes the entity block."""
    cache.put_chunks([(k, "fp", pieces[k].shared, b"", b"", b"", b"") for k in keys])
    cache.begin_run([(k, "fp") for k in keys])
    block = b"".join(incremental._shared_turtle(cache, BASE))
    if finish:
        cache.finish_run(None)
    return block


@pytest.fixture
def pieces(resolved) -> dict:
    return parts(resolved)


def test_kept_entity_block_is_the_union_of_the_run_papers_lines(pieces, tmp_path):
    from kg.cache import Cache

    keys = sorted(pieces)
    cache = Cache(tmp_path / "cache.sqlite")
    for run in (keys[:20], keys[10:], keys[::3], keys):
        assert kept_block(cache, pieces, run) == block_of(pieces, run)
    cache.close()


def test_kept_entity_block_serialises_only_subjects_whose_lines_changed(pieces, tmp_path, monkeypatch):
    from kg.cache import Cache

    keys = sorted(pieces)
    cache = Cache(tmp_path / "cache.sqlite")
    kept_block(cache, pieces, keys)

    def described(papers) -> dict[str, set]:
        found: dict[str, set] = {}
        for k in papers:
            for line in pieces[k].shared.splitlines():
                found.setdefault(rdf.nt_subject(line), set()).add(line)
        return found

    every = described(keys)
    # a paper that alone gives some entity one of its lines (an altLabel, say), so that entity
    # stays but changes when the paper goes
    gone = next(k for k in keys if any(v != every[s] for s, v in described(set(keys) - {k}).items()))
    rest = [k for k in keys if k != gone]
    left = described(rest)
    changed = {s for s, v in left.items() if v != every[s]}
    expected_every, expected_rest = block_of(pieces, keys), block_of(pieces, rest)
    serialised = []
    real = rdf.subjects_turtle
    monkeypatch.setattr(rdf, "subjects_turtle", lambda lines, base: real(
        ((s, block) for s, block in lines if not serialised.append(s)), base))
    assert kept_block(cache, pieces, keys) == expected_every
    assert serialised == []
    assert kept_block(cache, pieces, rest) == expected_rest
    # the subjects left with other lines are serialised again; those left with none are dropped
    assert set(serialised) == changed and len(changed) < len(described([gone]))
    cache.close()


def test_a_run_that_does_not_finish_leaves_the_kept_block_of_the_last_that_did(pieces, tmp_path):
    from kg.cache import Cache

    keys = sorted(pieces)
    cache = Cache(tmp_path / "cache.sqlite")
    kept_block(cache, pieces, keys[:20])
    kept_block(cache, pieces, keys[5:], finish=False)
    cache.close()  # killed: the run's transaction is rolled back
    cache = Cache(tmp_path / "cache.sqlite")
    assert kept_block(cache, pieces, keys[10:]) == block_of(pieces, keys[10:])
    cache.close()


def test_kept_entity_block_is_made_again_when_its_papers_chunks_are_gone(pieces, tmp_path):
    from kg.cache import Cache

    keys = sorted(pieces)
    cache = Cache(tmp_path / "cache.sqlite")
    kept_block(cache, pieces, keys[:20])
    with cache.db:
        cache.db.execute("DELETE FROM chunks WHERE key = ?", (keys[0],))
    assert kept_block(cache, pieces, keys[1:30]) == block_of(pieces, keys[1:30])
    cache.close()


def test_kept_entity_block_is_dropped_when_its_version_changes(pieces, tmp_path):
    from kg.cache import Cache

    cache = Cache(tmp_path / "cache.sqlite")
    kept_block(cache, pieces, sorted(pieces))
    cache.shared_version("another serialiser")
    assert list(cache.shared_turtle()) == []
    assert cache.db.execute("SELECT COUNT(*) FROM shared_lines").fetchone() == (0,)
    cache.close()


def test_subject_turtle_pieces_join_to_one_serialisation(pieces):
    lines = sorted({line for piece in pieces.values() for line in piece.shared.splitlines()})
    by_subject: dict = {}
    for line in lines:
        by_subject.setdefault(rdf.nt_subject(line), []).append(line)
    subjects = sorted(by_subject)
    one = b"".join(t for _, t in rdf.subjects_turtle(((s, by_subject[s]) for s in subjects), BASE))
    assert [s for s, _ in rdf.subjects_turtle(((s, by_subject[s]) for s in subjects), BASE)] == subjects
    assert one.count(b" .\n") == len(subjects)
    whole = ox.serialize(sorted(ox.parse(b"\n".join(lines), format=ox.RdfFormat.N_TRIPLES), key=rdf._ox_sort_key),
                         format=ox.RdfFormat.TURTLE, prefixes=rdf._prefixes(BASE))
    assert rdf.turtle_header(BASE) + one == whole


# -- staged papers and resolution in passes -------------------------------------------------------

def staged_read(inputs):
    from kg.cache import Staging
    from kg.readers import read_papers

    staged = Staging("v")
    report = read_papers(inputs, table=staged)
    papers = [p for batch in staged.rows("data") for (p,) in batch]
    staged.close()
    return report, papers


def test_staged_read_equals_the_read_into_a_list(tmp_path):
    import json

    from kg.api import SAMPLE_DIR
    from kg.readers import read_papers

    records = [{"id": "x:1", "abstract": "We propose AlphaNet."}, {"id": "x:2", "abstract": "We propose BetaNet."},
               {"id": "x:1", "title": "AlphaNet", "abstract": "We propose AlphaNet."},  # fills the title
               {"id": "x:2", "abstract": "We propose GammaNet."}]  # same id, other text: replaces
    copies = tmp_path / "copies.jsonl"
    copies.write_text("".join(json.dumps(r) + "\n" for r in records))
    inputs = [SAMPLE_DIR, copies]
    listed = read_papers(inputs)
    report, papers = staged_read(inputs)
    assert papers == listed.papers
    assert (report.duplicates, report.problems) == (listed.duplicates, listed.problems)
    assert [(p.title, p.abstract) for p in papers[-2:]] == [("AlphaNet", "We propose AlphaNet."),
                                                             ("", "We propose GammaNet.")]
    assert len(report.problems) == 1


def test_prepended_papers_come_first(resolved):
    from kg.cache import Staging

    staged = Staging("v")
    papers = [f.paper for f in resolved.papers[:6]]
    for paper in papers[3:]:
        assert staged.add(paper)
    assert not staged.add(papers[3])
    staged.prepend(iter(papers[:3]), 3)
    assert [p for batch in staged.rows("data", size=2) for (p,) in batch] == papers
    assert len(staged) == 6
    staged.close()


def test_staged_papers_by_seq_in_the_order_asked(resolved):
    from kg.cache import Staging

    staged = Staging("v")
    papers = [f.paper for f in resolved.papers[:5]]
    for paper in papers:
        staged.add(paper)
    seqs = {key: seq for batch in staged.rows("seq, key") for seq, key in batch}
    wanted = [seqs[papers[3].key], seqs[papers[0].key]]
    assert staged.papers(wanted) == [papers[3], papers[0]]
    staged.close()


def test_resolution_in_passes_over_cached_groups_equals_resolve(resolved, tmp_path):
    """The build's path: groups cached (pickled) by text hash, fed to the Resolver in batches."""
    import json

    from kg import resolution
    from kg.cache import Cache

    records = [json.loads(line) for line in (GOLD / "dev_seeds.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    extractions = ([gold_extraction(f"g-{n}", r) for n, r in enumerate(records)]
                   + [gold_extraction(f"g-{n}-b", r) for n, r in enumerate(records[:5])])
    cache = Cache(tmp_path / "cache.sqlite")
    hashes = [f"h{n}" for n in range(len(extractions))]
    cache.put_groups((h, resolution.paper_groups(x)) for h, x in zip(hashes, extractions))
    resolver = resolution.Resolver()
    for start in range(0, len(hashes), 7):
        groups = cache.groups(hashes[start:start + 7])
        for h in hashes[start:start + 7]:
            resolver.add_forms(groups[h])
    resolver.join()
    for h in hashes:
        resolver.add_names(cache.groups([h])[h])
    primaries = cache.groups(hashes, "primaries")
    cache.close()
    assert resolver.entities() == resolved.entities and resolver.merges == resolved.merges
    for x, h, facts in zip(extractions, hashes, resolved.papers):
        assert resolution.paper_facts(x, resolver.keys(primaries[h]), resolver.entities()) == facts


# -- the cache attached to the staging: the build's passes as joins -------------------------------

@pytest.fixture
def attached(resolved, tmp_path):
    """Five staged papers and a cache attached to their staging; the papers, their hashes, seqs."""
    from kg.cache import Cache, Staging

    staged = Staging("v")
    papers = [f.paper for f in resolved.papers[:5]]
    for paper in papers:
        staged.add(paper)
    cache = Cache(tmp_path / "cache.sqlite", staged)
    rows = [row for batch in staged.rows("seq, hash") for row in batch]
    yield cache, staged, papers, [h for _, h in rows], [seq for seq, _ in rows]
    cache.close()
    staged.close()


def test_staged_groups_come_in_build_order_none_where_not_cached(attached):
    cache, _, _, hashes, seqs = attached
    groups = {h: ((f"primary {h}", f"norm {h}", (), (), (), ()),) for h in hashes[1::2]}
    cache.put_groups(groups.items())
    rows = [row for batch in cache.staged_groups() for row in batch]
    assert rows == [(seq, h, groups.get(h)) for seq, h in zip(seqs, hashes)]
    primaries = [row[-1] for batch in cache.staged_groups("primaries", "key") for row in batch]
    assert primaries == [None if h not in groups else (f"norm {h}",) for h in hashes]


def test_figures_are_those_cached_for_each_papers_fingerprint(tmp_path):
    from kg.cache import Cache

    cache = Cache(tmp_path / "cache.sqlite")
    cache.put_chunks([], [("a", "fp-a", 1, 2, 3), ("b", "fp-old", 4, 5, 6)])
    assert cache.figures([(1, "a", "fp-a"), (2, "b", "fp-b")]) == {1: ((1, 2, 3), None), 2: (None, None)}
    cache.close()


def test_figures_come_with_the_fingerprint_the_store_holds(tmp_path):
    from kg.cache import Cache

    cache = Cache(tmp_path / "cache.sqlite")
    cache.begin_run([("a", "fp-a"), ("b", "fp-b")])
    cache.finish_run("store")
    found = cache.figures([(1, "a", "fp-a"), (2, "b", "fp-new"), (3, "c", "fp-c")], "store")
    assert [found[seq][1] for seq in (1, 2, 3)] == ["fp-a", "fp-b", None]
    assert cache.figures([(1, "a", "fp-a")], "another store") == {1: (None, None)}
    cache.close()


def test_papers_a_store_holds_that_are_not_staged(attached):
    cache, _, papers, _, _ = attached
    cache.begin_run([(papers[0].key, "fp"), ("elsewhere", "fp")])
    cache.finish_run("store")
    assert cache.unstaged("store") == ["elsewhere"] and cache.unstaged("another store") == []


def test_papers_without_a_cached_extraction_are_marked_to_extract(attached):
    from kg.model import Extraction

    cache, staged, papers, hashes, _ = attached
    cache.put_extractions([(hashes[2], Extraction(paper=papers[2], mentions=[], roles=[], links=[], results=[]))])
    assert cache.mark_unextracted() == 4
    assert [p.key for batch in staged.rows("data", "todo = 1") for (p,) in batch] == [
        p.key for n, p in enumerate(papers) if n != 2]


def test_an_attached_cache_closed_before_committing_keeps_none_of_it(attached, tmp_path):
    from kg.cache import Cache

    cache = attached[0]
    cache.shared_version("uncommitted")
    cache.close()
    again = Cache(tmp_path / "cache.sqlite")
    assert again.db.execute("SELECT COUNT(*) FROM settings").fetchone() == (0,)
    again.close()



def test_objects_made_while_resolving_are_frozen_out_of_later_collections():
    import gc

    gc.unfreeze()
    with incremental._long_lived():
        assert not gc.isenabled()
        made = [[n] for n in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= len(made)
    gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_a_build_leaves_nothing_frozen(tmp_path):
    import gc

    from kg import api

    data = tmp_path / "one.jsonl"
    data.write_text('{"id": "x:1", "title": "AlphaNet", "abstract": "We propose AlphaNet for image classification."}\n')
    api.build([data], tmp_path / "out", html=False, store=None)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_the_resolver_is_freed_before_generation(tmp_path, monkeypatch):
    """Generation reads each paper's entity keys from the staging, so the resolver's union-find of
    every form in the corpus is not alive at the build's memory peak (and the graph is unchanged)."""
    import weakref

    from kg import api, resolution

    made, alive = [], []
    init = resolution.Resolver.__init__

    def tracked(self):
        init(self)
        made.append(weakref.ref(self))

    generate = incremental._generate

    def checked(*args, **kwargs):
        alive.extend(ref for ref in made if ref() is not None)
        yield from generate(*args, **kwargs)

    monkeypatch.setattr(resolution.Resolver, "__init__", tracked)
    monkeypatch.setattr(incremental, "_generate", checked)
    data = tmp_path / "two.jsonl"
    data.write_text('{"id": "x:1", "title": "A", "abstract": "We propose AlphaNet for image classification."}\n'
                    '{"id": "x:2", "title": "B", "abstract": "AlphaNet improves image classification on ImageNet."}\n')
    api.build([data], tmp_path / "out", html=False, store=None)
    assert made and not alive
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert "AlphaNet" in ttl  # the entity both papers resolve to, generated from the staged keys


def test_staged_rows_seek_to_each_batch_instead_of_scanning_from_the_first(resolved):
    from kg.cache import Staging

    staged = Staging("v")
    for facts in resolved.papers[:7]:
        staged.add(facts.paper)
    statements = []
    staged.db.set_trace_callback(statements.append)
    assert sum(len(batch) for batch in staged.rows("key", size=3)) == 7
    staged.db.set_trace_callback(None)
    selects = [sql for sql in statements if sql.startswith("SELECT staged.seq")]
    assert len(selects) == 4  # three batches and the empty one that ends them
    for sql in selects:
        plan = " ".join(row[-1] for row in staged.db.execute("EXPLAIN QUERY PLAN " + sql))
        assert "SEARCH staged USING INTEGER PRIMARY KEY" in plan, plan
    staged.close()


def test_finishing_a_run_keeps_only_its_chunks_and_records_its_graphs(tmp_path):
    from kg.cache import Cache

    cache = Cache(tmp_path / "cache.sqlite")
    rows = [(k, fp, b"", b"", b"", b"", b"") for k, fp in (("a", "1"), ("a", "2"), ("b", "1"), ("c", "1"))]
    cache.put_chunks(rows, [(k, fp, 0, 0, 0) for k, fp, *_ in rows])
    cache.begin_run([("a", "2"), ("b", "1")])
    cache.finish_run("store")
    for table in ("chunks", "figures"):
        assert sorted(cache.db.execute(f"SELECT key, fp FROM {table}")) == [("a", "2"), ("b", "1")]
    cache.begin_run([("a", "2"), ("b", "3")])
    cache.finish_run("store")
    assert sorted(cache.db.execute("SELECT key, fp FROM stored WHERE store = 'store'")) == [("a", "2"), ("b", "3")]
    cache.close()
