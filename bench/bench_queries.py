"""Latency of every named query: the embedded Oxigraph store against rdflib's in-memory Dataset.

Targets (issue 5): every named query under 100 ms median on the embedded store, and
the store at least 10x faster than rdflib on the slowest named query.

The graph comes from one of:
  --corpus PATH...   build it with kg.api.build (the real pipeline; slow for 31k abstracts)
  --graph FILE       a prebuilt RDF file (.nq, .trig, ...; .gz allowed)
  --store DIR        an existing store (e.g. from `kg build CORPUS --out DIR`), timed as it
                     is, read-only; the store only, no rdflib
  --synthetic N      N papers generated to the RDF contract in docs/ARCHITECTURE.md, with
                     Zipf-distributed entity popularity and per-paper sizes like the seed
                     graph's (~250 quads a paper). Not real extraction output: say so when
                     quoting its figures.

    python bench/bench_queries.py --synthetic 31000 --rdflib-papers 5000
"""
from __future__ import annotations

import argparse
import gc
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph as ox  # noqa: E402

from kg import query as q  # noqa: E402
from kg import store as kgstore  # noqa: E402

BASE = "https://w3id.org/abstract-kg/resource/"
AKG = "https://w3id.org/abstract-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

# Per paper, roughly as in the seed graph: (type, role, how many of them).
MENTIONS = (("Method", "usesMethod", 3), ("Model", "usesModel", 1), ("Benchmark", "evaluatesOn", 1),
            ("Metric", "reportsMetric", 1), ("Task", "addressesTask", 1))
# Entity pool sizes per 1000 papers (the seed graph has ~2 methods and ~0.6 benchmarks a paper).
POOL_PER_1000 = {"Method": 2000, "Model": 600, "Benchmark": 550, "Metric": 440, "Task": 800}


# ---------------------------------------------------------------- synthetic graph

def synthetic_nquads(papers: int, seed: int = 0):
    """Yield N-Quads lines of a contract-shaped graph of `papers` papers."""
    rng = random.Random(seed)
    pools = {t: max(20, n * papers // 1000) for t, n in POOL_PER_1000.items()}
    weights = {}  # cumulative Zipf-like popularity, precomputed so each draw is a bisection
    for kind, n in pools.items():
        weights[kind] = list(itertools.accumulate(1 / (i + 1) ** 1.1 for i in range(n)))
    for n in range(papers):
        yield from _paper(rng, f"p{n:06d}", pools, weights)


def _entity(rng, kind, pools, weights):
    return rng.choices(range(pools[kind]), cum_weights=weights[kind])[0]


def _paper(rng, key, pools, weights):
    g, paper = f"<{BASE}graph/{key}>", f"<{BASE}paper/{key}>"
    date = f"2025-0{rng.randint(1, 6)}-1{rng.randint(0, 9)}"
    t = lambda s, p, o: f"{s} {p} {o} {g} .\n"  # noqa: E731
    lines = [t(paper, f"<{RDF}type>", f"<{AKG}Paper>"), t(paper, f"<{DCT}identifier>", f'"arXiv:{key}"'),
             t(paper, f"<{DCT}title>", f'"Title of {key}"'), t(paper, f"<{RDFS}label>", f'"Title of {key}"'),
             t(paper, f"<{DCT}abstract>", f'"Abstract of {key} ' + "word " * 150 + '"'),
             t(paper, f"<{DCT}date>", f'"{date}"^^<{XSD}date>'),
             t(paper, f"<{AKG}sortKey>", f'"{date.replace("-", "")}.{key[1:]}"^^<{XSD}decimal>')]
    chosen = []
    for kind, role, count in MENTIONS:
        for _ in range(rng.randint(max(0, count - 1), count + 1)):
            chosen.append((kind, role, _entity(rng, kind, pools, weights)))
    proposed = ("Method", f"new-{key}")  # each paper proposes its own method
    entities = {(k, i) for k, _, i in chosen} | {proposed}
    for kind, ident in sorted(entities, key=str):
        e = f"<{BASE}entity/{kind.lower()}-{ident}>"
        lines += [t(e, f"<{RDF}type>", f"<{AKG}{kind}>"), t(e, f"<{RDF}type>", f"<{AKG}Entity>"),
                  t(e, f"<{RDFS}label>", f'"{kind} {ident}"')]
        if rng.random() < 0.1:
            lines.append(t(e, f"<{SKOS}altLabel>", f'"{kind[:2].upper()}{ident}"'))
        if kind == "Model" and isinstance(ident, int) and ident % 5:
            fam = f"<{BASE}entity/model-{ident - ident % 5}>"
            lines += [t(e, f"<{AKG}variantOf>", fam), t(fam, f"<{RDF}type>", f"<{AKG}Model>"),
                      t(fam, f"<{RDFS}label>", f'"Model {ident - ident % 5}"')]
    roles = [(role, f"<{BASE}entity/{kind.lower()}-{ident}>") for kind, role, ident in chosen]
    roles.append(("proposes", f"<{BASE}entity/method-new-{key}>"))
    for role, e in roles:
        lines += [t(paper, f"<{AKG}{role}>", e), t(paper, f"<{AKG}mentions>", e)]
    own = f"<{BASE}entity/method-new-{key}>"
    lines += [t(own, f"<{AKG}proposedFor>", e) for role, e in roles if role == "addressesTask"]
    methods = [e for role, e in roles if role == "usesMethod"]
    if methods and rng.random() < 0.3:
        lines.append(t(own, f"<{AKG}outperforms>", methods[0]))
    lines += _results(rng, t, key, paper, own, roles)
    lines += _evidence(rng, t, key, paper, roles)
    return lines


def _results(rng, t, key, paper, own, roles):
    benches = [e for role, e in roles if role == "evaluatesOn"]
    metrics = [e for role, e in roles if role == "reportsMetric"]
    lines = []
    for n in range(1, rng.randint(0, 2) + 1):
        r = f"<{BASE}result/{key}/{n}>"
        value = round(rng.uniform(10, 95), 1)
        lines += [t(paper, f"<{AKG}reportsResult>", r), t(r, f"<{RDF}type>", f"<{AKG}Result>"),
                  t(r, f"<{AKG}resultFor>", own), t(r, f"<{AKG}value>", f'"{value}"^^<{XSD}decimal>'),
                  t(r, f"<{AKG}valueText>", f'"{value}%"')]
        if benches:
            lines.append(t(r, f"<{AKG}onBenchmark>", rng.choice(benches)))
        if metrics:
            lines.append(t(r, f"<{AKG}withMetric>", rng.choice(metrics)))
    return lines


def _evidence(rng, t, key, paper, roles):
    lines, sentences = [], rng.randint(4, 7)
    for n in range(1, sentences + 1):
        s = f"<{BASE}sentence/{key}/{n}>"
        lines += [t(s, f"<{RDF}type>", f"<{AKG}Sentence>"), t(s, f"<{PROV}value>", f'"Sentence {n} of {key}."'),
                  t(s, f"<{AKG}startOffset>", f'"{n * 100}"^^<{XSD}integer>'),
                  t(s, f"<{AKG}endOffset>", f'"{n * 100 + 90}"^^<{XSD}integer>'), t(s, f"<{DCT}isPartOf>", paper)]
    for n, (role, e) in enumerate(roles, 1):
        ev, agent = f"<{BASE}evidence/{key}/{n}>", f"<{BASE}agent/rule-{role}>"
        lines += [t(ev, f"<{RDF}type>", f"<{AKG}Evidence>"), t(ev, f"<{RDF}type>", f"<{RDF}Statement>"),
                  t(ev, f"<{RDF}subject>", paper), t(ev, f"<{RDF}predicate>", f"<{AKG}{role}>"),
                  t(ev, f"<{RDF}object>", e), t(ev, f"<{AKG}extractor>", f'"rule:{role}"'),
                  t(ev, f"<{AKG}confidence>", f'"0.8"^^<{XSD}decimal>'),
                  t(ev, f"<{PROV}wasDerivedFrom>", f"<{BASE}sentence/{key}/{rng.randint(1, sentences)}>"),
                  t(ev, f"<{PROV}wasAttributedTo>", agent)]
    return lines


def write_synthetic(path: Path, papers: int, seed: int = 0) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(synthetic_nquads(papers, seed))
    return path


# ---------------------------------------------------------------- timing

def median_ms(run, repeat: int) -> tuple[float, int, float]:
    """Median wall time of `run` over `repeat` runs after one warm-up, the rows it returned, and
    the median CPU time of this process (what the query itself costs, whatever else the
    shared machine is running; Oxigraph answers in the calling thread)."""
    rows = run()  # warm-up: caches, lazy parsing
    times, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(times), rows, statistics.median(cpu)


def example_params(store) -> dict[str, dict[str, str]]:
    """Values for the required parameters, taken from the graph like a user would pick them."""
    def first(sparql):
        row = next(iter(q.run_query(store, sparql)), None)
        return row[0].value if row is not None else "none"

    return {
        "leaderboard": {"benchmark": first(
            "SELECT ?l WHERE { { SELECT ?b (COUNT(*) AS ?n) WHERE { ?r akg:onBenchmark ?b } "
            "GROUP BY ?b ORDER BY DESC(?n) LIMIT 1 } ?b rdfs:label ?l } LIMIT 1")},
        "outperforms": {"method": first(
            "SELECT ?l WHERE { { SELECT ?w (COUNT(*) AS ?n) WHERE { ?w akg:outperforms ?x } "
            "GROUP BY ?w ORDER BY DESC(?n) LIMIT 1 } ?w rdfs:label ?l } LIMIT 1")},
        "evidence": {"paper": first("SELECT ?id WHERE { ?p akg:proposes ?e ; dcterms:identifier ?id } LIMIT 1")},
    }


QUERIES: dict = {}  # name -> NamedQuery; --queries DIR replaces the named queries


def queries() -> dict:
    return QUERIES or q.named_queries()


def read_queries(folder: str) -> dict:
    """The *.rq files of a folder (e.g. an earlier version's, from git) as named queries."""
    return {path.stem: q.parse_named_query(path.stem, path.read_text(encoding="utf-8"))
            for path in sorted(Path(folder).glob("*.rq"))}


def time_store(store, repeat: int, params) -> dict[str, tuple[float, int]]:
    timings = {}
    for name, nq in queries().items():
        bound = {k: q.to_term(v) for k, v in params.get(name, {}).items()}
        timings[name] = median_ms(lambda: len(q.select_rows(q.run_query(store, nq.text, bound))), repeat)
    return timings


def time_rdflib(dataset, repeat: int, params, budget: float | None = None) -> dict[str, tuple[float, int | None]]:
    """Like time_store, on rdflib. With a budget (seconds), each query runs in a forked child
    that is stopped when the budget is spent; its entry is then (budget in ms, None): a
    lower bound, not a time."""
    import rdflib

    timings = {}
    for name, nq in queries().items():
        # rdflib binds initBindings by injecting VALUES: the library's binding, not text pasting.
        bound = {k: rdflib.Literal(v) for k, v in params.get(name, {}).items()}
        run = lambda: len(list(dataset.query(nq.text, initBindings=bound)))  # noqa: E731
        timings[name] = median_ms(run, repeat) if budget is None else _within(budget, lambda: median_ms(run, repeat))
    return timings


def _within(budget: float, work):
    """work() in a forked child (it shares the loaded graph), or (budget ms, None) if it overruns."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send(work()), daemon=True)
    child.start()
    answered = receive.poll(budget)
    result = receive.recv() if answered else (budget * 1000, None, None)
    child.kill()
    child.join()
    return result


def load_rdflib(path: Path):
    import rdflib

    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(str(path), format="nquads" if path.suffix == ".nq" else None)
    return dataset


# ---------------------------------------------------------------- the run

def graph_file(args, work: Path) -> tuple[Path, str]:
    if args.graph:
        return Path(args.graph), f"file {args.graph}"
    if args.corpus:
        from kg import api

        out = work / "build"
        api.build(args.corpus, out, store=out / "store", html=False, n_process=args.jobs)
        gc.collect()
        nq = work / "corpus.nq"
        kgstore.open_store(out / "store", read_only=True).dump(str(nq), ox.RdfFormat.N_QUADS)
        return nq, f"built from {' '.join(args.corpus)}"
    path = write_synthetic(work / f"synthetic-{args.synthetic}.nq", args.synthetic, args.seed)
    return path, f"synthetic, {args.synthetic} papers (seed {args.seed})"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--graph", help="a prebuilt RDF file")
    source.add_argument("--corpus", nargs="+", help="abstracts to build with kg.api.build")
    source.add_argument("--store", help="an existing store directory, timed read-only (store only)")
    source.add_argument("--synthetic", type=int, default=31000, help="papers in a synthetic graph (default 31000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=9, help="timed runs per query on the store")
    parser.add_argument("--rdflib-repeat", type=int, default=3, help="timed runs per query on rdflib")
    parser.add_argument("--rdflib-budget", type=float, default=None,
                        help="seconds rdflib may spend on each query (warm-up and timed runs); past it the "
                             "query is stopped and reported as a lower bound (default: no limit)")
    parser.add_argument("--rdflib-papers", type=int, default=0,
                        help="with --synthetic: also time both engines on a graph of this many papers "
                             "(rdflib needs ~1.5 kB RAM a quad; 0 = the same graph)")
    parser.add_argument("--no-rdflib", action="store_true", help="time the store only")
    parser.add_argument("--jobs", type=int, default=1, help="extraction processes for --corpus")
    parser.add_argument("--queries", help="time the *.rq files of this folder instead of the named queries "
                                          "(e.g. an earlier version: git show REV:queries/NAME.rq)")
    args = parser.parse_args(argv)
    if args.queries:
        QUERIES.update(read_queries(args.queries))
        if not QUERIES:
            parser.error(f"--queries {args.queries}: no .rq files there")

    if args.store:
        store = kgstore.open_store(args.store, read_only=True)
        print(f"\n== store {args.store}: {len(store)} quads")
        time_and_print(store, args, "rdflib: not timed on a --store (it needs the RDF: --graph FILE or --corpus)")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-queries-") as tmp:
        work = Path(tmp)
        path, what = graph_file(args, work)
        report(path, what, work, args, rdflib_too=not args.no_rdflib and not args.rdflib_papers)
        if args.rdflib_papers and not args.no_rdflib and not (args.graph or args.corpus):
            small = write_synthetic(work / "small.nq", args.rdflib_papers, args.seed)
            report(small, f"synthetic, {args.rdflib_papers} papers (seed {args.seed})", work, args, rdflib_too=True)
    return 0


def report(path: Path, what: str, work: Path, args, rdflib_too: bool) -> None:
    start = time.perf_counter()
    store = kgstore.open_store(work / f"store-{path.stem}")
    load = kgstore.load_file(store, path)
    print(f"\n== {what}: {load.quads_loaded} quads, {load.graphs_added} paper graphs; "
          f"store load {time.perf_counter() - start:.1f} s")
    ours, params = time_and_print(store, args)
    theirs = {}
    if rdflib_too:
        start = time.perf_counter()
        dataset = load_rdflib(path)
        print(f"rdflib load {time.perf_counter() - start:.1f} s")
        theirs = time_rdflib(dataset, args.rdflib_repeat, params, args.rdflib_budget)
        print_table(ours, theirs)


def time_and_print(store, args, note: str = ""):
    params = example_params(store)
    print("parameters: " + "; ".join(f"{n} {k}={v!r}" for n, d in params.items() for k, v in d.items()))
    ours = time_store(store, args.repeat, params)
    print_table(ours, {}, note)
    return ours, params


def print_table(ours, theirs, note: str = "") -> None:
    print(f"{'query':<18} {'rows':>6} {'store ms':>9} {'(cpu ms)':>9} {'rdflib ms':>10} {'ratio':>7}", flush=True)
    for name, (ms, rows, cpu) in ours.items():
        mine = f"{name:<18} {rows:>6} {ms:>9.1f} {cpu:>9.1f}"
        if name in theirs:
            other, other_rows, _ = theirs[name]
            if other_rows is None:  # stopped at the budget: a lower bound
                print(f"{mine} {'>' + format(other, '.0f'):>10} {'>' + format(other / ms, '.0f'):>6}x")
                continue
            flag = "" if other_rows == rows else f"  (rdflib: {other_rows} rows)"
            print(f"{mine} {other:>10.1f} {other / ms:>6.0f}x{flag}")
        else:
            print(mine)
    slowest = max(ours, key=lambda n: ours[n][0])
    verdict = "meets" if ours[slowest][0] < 100 else "MISSES"
    print(f"slowest on the store: {slowest} {ours[slowest][0]:.1f} ms ({verdict} the 100 ms target)")
    if slowest in theirs:
        other, other_rows, _ = theirs[slowest]
        ratio = other / ours[slowest][0]
        if other_rows is None:
            print(f"rdflib / store on it: more than {ratio:.0f}x (rdflib gave no answer in {other / 1000:.0f} s; "
                  f"{'meets' if ratio >= 10 else 'cannot tell'} the 10x target)")
        else:
            print(f"rdflib / store on it: {ratio:.0f}x ({'meets' if ratio >= 10 else 'MISSES'} the 10x target)")
    elif note:
        print(note)
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
