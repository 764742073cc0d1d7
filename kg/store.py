"""The persistent store: an embedded Oxigraph (pyoxigraph, RocksDB) store on disk.

One named graph per paper (see docs/ARCHITECTURE.md). Loading replaces every named
graph that the input contains, wholesale, and leaves all other graphs alone, so
building again with more input adds to the store and a rebuilt paper replaces only
its own statements. Triples in the input's default graph are added to the store's
default graph (RDF graphs are sets, so loading twice does not duplicate them).

Oxigraph rather than rdflib's in-memory store: it keeps the graph on disk between
runs, bulk-loads millions of quads from Rust, and answers SPARQL one to two orders
of magnitude faster (bench/bench_queries.py measures it). Queries run over the
union of all graphs, so they need no GRAPH clauses.
"""
from __future__ import annotations

import gzip
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable

import pyoxigraph as ox

if TYPE_CHECKING:
    import rdflib

DEFAULT_STORE = Path("exports/store")

# Extensions we take as RDF (pyoxigraph's own guess also takes .txt as N-Triples).
EXTENSIONS = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "rdf": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD, "n3": ox.RdfFormat.N3,
}


class StoreError(Exception):
    """A store that cannot be opened or a file that cannot be loaded; the message names it."""


@dataclass(frozen=True)
class LoadReport:
    """What a load did to the store."""

    graphs_replaced: int  # named graphs that were already in the store and were replaced
    graphs_added: int  # named graphs new to the store
    quads_loaded: int  # quads read from the input
    seconds: float

    def __str__(self) -> str:
        return (
            f"loaded {self.quads_loaded} quads: {self.graphs_added} new graphs, "
            f"{self.graphs_replaced} replaced ({self.seconds:.2f} s)"
        )


def open_store(path: str | Path = DEFAULT_STORE, read_only: bool = False) -> ox.Store:
    """Open (creating it if needed, unless read_only) the on-disk store at `path`.

    Read-only opening lets several readers share a store, e.g. `kg query` while
    `kg serve` runs; only one process may hold it writable.
    """
    path = Path(path)
    if read_only:
        if not (path / "CURRENT").is_file():
            raise StoreError(f"{path}: no store here; run `kg build` first or pass --graph FILE")
        try:
            return ox.Store.read_only(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store read-only: {exc}") from exc
    try:
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot open the store for writing ({exc}); "
            "is another process (kg build, kg serve --writable) using it?"
        ) from exc


def memory_store(path: str | Path, format: ox.RdfFormat | None = None) -> ox.Store:
    """An in-memory store holding one RDF file (any format pyoxigraph reads, optionally .gz)."""
    store = ox.Store()
    load_file(store, path, format=format)
    return store


def load_dataset(store: ox.Store, dataset: rdflib.Dataset) -> LoadReport:
    """Load an rdflib Dataset, replacing each of its named graphs in the store."""
    # oxrdflib's N-Quads serialiser runs in Rust, several times faster than rdflib's.
    data = dataset.serialize(format="ox-nquads", encoding="utf-8")
    names = {_ox_graph_name(g.identifier) for g in dataset.graphs() if len(g)}
    names.discard(None)
    return load_bytes(store, data, ox.RdfFormat.N_QUADS, graphs=names, quads=sum(1 for _ in dataset.quads()))


def load_quads(store: ox.Store, quads) -> LoadReport:
    """Load generated statements (kg.rdf.Quads), replacing each of their named graphs in the store."""
    names = {ox.NamedNode(str(name)) for name, triples in quads.graphs.items() if name is not None and triples}
    return load_bytes(store, quads.nquads(), ox.RdfFormat.N_QUADS, graphs=names, quads=len(quads))


def load_bytes(
    store: ox.Store, data: bytes, format: ox.RdfFormat, source: str = "<data>",
    graphs: set | None = None, quads: int | None = None,
) -> LoadReport:
    """Load serialised RDF, replacing each named graph it contains.

    Unless the caller names the graphs in `data`, it is parsed once first: that finds
    them and checks the syntax before the store is touched, so bad input changes nothing.
    """
    start = time.perf_counter()
    if graphs is None:
        graphs, quads = _graph_names(data, format, source)
    replaced = _drop_graphs(store, graphs)
    try:
        # bulk_load writes sorted files straight to disk: several times faster than the
        # transactional load(), and the graphs were just dropped outside any transaction anyway.
        store.bulk_load(data, format)
    except SyntaxError as exc:
        raise StoreError(f"{source}: {exc}") from exc
    store.flush()
    return LoadReport(replaced, len(graphs) - replaced, quads or 0, time.perf_counter() - start)


def replace_graphs(path: str | Path, graphs: set[str], chunks: Iterable[bytes]) -> LoadReport:
    """Replace the named graphs `graphs` (IRIs) of the store at `path` with N-Quads `chunks`, all or nothing."""
    staging, report = stage_graphs(path, graphs, chunks)
    if staging is not None:
        swap(path, staging)
    return report


def stage_graphs(path: str | Path, graphs: set[str], chunks: Iterable[bytes]) -> tuple[Path | None, LoadReport]:
    """Write the store at `path` with `graphs` (IRIs) replaced by N-Quads `chunks` to `<path>.next`.

    The copy is a RocksDB checkpoint (hard links, no copying), or a fresh store when every
    graph is replaced. `swap` then renames it over the store: killed at any point, the store at
    `path` is the old one or the new one, never a mix, and the next call cleans up. Returns
    None (and consumes `chunks`) when there is nothing to replace.
    """
    path = Path(path)
    start = time.perf_counter()
    recover(path)
    if not graphs and (path / "CURRENT").is_file():
        for _ in chunks:
            pass
        return None, LoadReport(0, 0, 0, time.perf_counter() - start)
    staging = _staging(path)
    names = {ox.NamedNode(iri) for iri in graphs}
    replaced = 0
    if (path / "CURRENT").is_file():
        old = open_store(path)
        old_graphs = set(old.named_graphs())
        replaced = len(old_graphs & names)
        if not old_graphs <= names:  # something stays: start from a checkpoint of the store
            old.backup(str(staging))
        del old  # closes it
    target = open_store(staging)
    if replaced:
        _drop_graphs(target, names)
    quads = 0
    for chunk in chunks:
        if chunk:
            quads += chunk.count(b"\n")
            target.bulk_load(chunk, ox.RdfFormat.N_QUADS)
    target.flush()
    del target  # RocksDB must release its files before the rename
    return staging, LoadReport(replaced, len(names) - replaced, quads, time.perf_counter() - start)


def swap(path: str | Path, staging: str | Path) -> None:
    """Put the staged store in place of the store at `path` (two renames; `recover` finishes a killed swap)."""
    path, previous = Path(path), _previous(Path(path))
    if path.exists():
        path.rename(previous)
    Path(staging).rename(path)
    shutil.rmtree(previous, ignore_errors=True)


def recover(path: str | Path) -> None:
    """Undo what a killed `replace_graphs` left: a half-built `.next`, or a store renamed away mid-swap."""
    path = Path(path)
    staging, previous = _staging(path), _previous(path)
    if previous.exists():
        if path.exists():  # the swap finished; only the old copy was left to delete
            shutil.rmtree(previous)
        else:  # killed between the two renames: the old store is the consistent one
            previous.rename(path)
    if staging.exists():
        shutil.rmtree(staging)


def _staging(path: Path) -> Path:
    return path.with_name(path.name + ".next")


def _previous(path: Path) -> Path:
    return path.with_name(path.name + ".old")


def load_file(store: ox.Store, path: str | Path, format: ox.RdfFormat | None = None) -> LoadReport:
    """Load an RDF file (format from its extension unless given; `.gz` is decompressed)."""
    path = Path(path)
    format = format or guess_format(path)
    try:
        with _open(path) as stream:
            data = stream.read()
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc}") from exc
    return load_bytes(store, data, format, source=str(path))


def guess_format(path: str | Path) -> ox.RdfFormat:
    """The RDF format named by a file's extension, looking through a final `.gz`."""
    path = Path(path)
    suffixes = [s.lstrip(".") for s in path.suffixes]
    if suffixes and suffixes[-1] == "gz":
        suffixes.pop()
    found = EXTENSIONS.get(suffixes[-1].lower()) if suffixes else None
    if found is None:
        raise StoreError(f"{path}: unknown RDF format; use one of {' '.join('.' + e for e in EXTENSIONS)}")
    return found


def graph_names(store: ox.Store) -> set[str]:
    """The IRIs of the store's named graphs."""
    return {g.value for g in store.named_graphs()}


def _ox_graph_name(identifier) -> ox.NamedNode | None:
    """An rdflib graph identifier as a pyoxigraph graph name; None for the default graph."""
    from rdflib import URIRef
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if identifier == DATASET_DEFAULT_GRAPH_ID or not isinstance(identifier, URIRef):
        return None
    return ox.NamedNode(str(identifier))


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")


def _graph_names(data: bytes, format: ox.RdfFormat, source: str) -> tuple[set[ox.NamedNode | ox.BlankNode], int]:
    """The named graphs in `data` and its number of quads (a parse without loading)."""
    names: set[ox.NamedNode | ox.BlankNode] = set()
    count = 0
    try:
        for quad in ox.parse(data, format):
            count += 1
            if not isinstance(quad.graph_name, ox.DefaultGraph):
                names.add(quad.graph_name)
    except SyntaxError as exc:
        raise StoreError(f"{source}: {exc}") from exc
    return names, count


def _drop_graphs(store: ox.Store, names: set[ox.NamedNode | ox.BlankNode]) -> int:
    """Remove those of `names` the store holds; return how many it held."""
    present = set(store.named_graphs()) & names
    for name in present:
        store.remove_graph(name)
    return len(present)
