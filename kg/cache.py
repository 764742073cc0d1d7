"""The build cache, OUT/cache.sqlite: what makes a second `kg build` cheap and an interrupted one resumable.

The tables (SQLite from the standard library; one file, transactions, safe against a kill):

- ``extractions``: one row per paper text and extractor version, the pickled Extraction
  minus its Paper. A paper is extracted again only when its text or the extractor (code,
  lexicons, patterns, model files: `extractor_version`) changed. Rows are committed a batch
  at a time, so a killed build keeps every batch it finished.
- ``chunks``: per paper and graph fingerprint (everything its named graph is generated from),
  that graph's part of graph.ttl. graph.ttl is assembled from these, so an unchanged paper's
  RDF is never generated again.
- ``groups``: per extraction, what resolution reads of it (kg.resolution.paper_groups): the
  names it gives each entity and its type votes, without the evidence; a rebuild resolves
  from these instead of unpickling every extraction.
- ``figures``: per paper and graph fingerprint, its results, edges and out-degree, so the
  summary and graph.html's choice of papers need no facts of unchanged papers.
- ``papers``: the papers whose graphs went into a store, so a build of other inputs into the
  same store resolves with them.
- ``stored``: the fingerprint each paper's named graph has in the store, written only after the
  store was swapped in, so the next build replaces exactly the graphs that differ.
"""
from __future__ import annotations

import hashlib
import itertools
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.model import Extraction, Paper

PACKAGE = Path(__file__).resolve().parent
# What an Extraction depends on besides the text: the pipeline's code and data, and the records.
EXTRACTOR_SOURCES = (PACKAGE / "extraction", PACKAGE / "model.py", PACKAGE / "names.py")
# What a paper's RDF depends on besides its resolved facts.
GENERATOR_SOURCES = (PACKAGE / "graph.py", PACKAGE / "rdf.py", PACKAGE / "model.py")
CATEGORIES = ("evidence", "paper", "result", "sentence")

SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (hash TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (
    key TEXT NOT NULL, fp TEXT NOT NULL, shared BLOB NOT NULL,
    evidence BLOB NOT NULL, paper BLOB NOT NULL, result BLOB NOT NULL, sentence BLOB NOT NULL,
    PRIMARY KEY (key, fp));
CREATE TABLE IF NOT EXISTS stored (store TEXT NOT NULL, key TEXT NOT NULL, fp TEXT NOT NULL,
    PRIMARY KEY (store, key));
CREATE TABLE IF NOT EXISTS papers (key TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS groups (hash TEXT PRIMARY KEY, data BLOB NOT NULL, primaries BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS figures (key TEXT NOT NULL, fp TEXT NOT NULL, results INTEGER NOT NULL,
    edges INTEGER NOT NULL, degree INTEGER NOT NULL, PRIMARY KEY (key, fp));
CREATE TABLE IF NOT EXISTS shared_lines (subject TEXT NOT NULL, line BLOB NOT NULL, refs INTEGER NOT NULL,
    PRIMARY KEY (subject, line)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shared_turtle (subject TEXT PRIMARY KEY, turtle BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS shared_papers (key TEXT NOT NULL, fp TEXT NOT NULL, PRIMARY KEY (key, fp)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def sources_version(*roots: Path) -> str:
    """A hash of every file under `roots` (names and bytes), so any edit to code or data changes it."""
    digest = hashlib.sha1()
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if root.is_dir() else [root]
        for path in files:
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extractor_version() -> str:
    from importlib.metadata import version  # not `import spacy`: a cached rebuild need not load it

    return f"{version('spacy')}-{sources_version(*EXTRACTOR_SOURCES)}"


def text_hash(paper: Paper, version: str) -> str:
    """The extraction cache key: the text extraction reads and the extractor's version."""
    return hashlib.sha1(f"{version}\x1f{paper.text}".encode("utf-8")).hexdigest()


class Cache:
    """OUT/cache.sqlite. Every write method commits, so what is recorded is always finished."""

    def __init__(self, path: str | Path, staged: Staging | None = None):
        """With `staged`, the cache is attached to the staging's connection, so the build's passes
        over its papers join the two in SQLite (one query per batch, no lookups by hash from Python)."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.staged = staged
        if staged is None:
            self.db = sqlite3.connect(self.path)
            schema = "main"
        else:
            self.db = staged.db
            staged.flush()
            self.db.commit()
            self.db.execute("ATTACH DATABASE ? AS cache", (str(self.path),))
            schema = "cache"
        self.db.executescript(SCHEMA.replace("CREATE TABLE IF NOT EXISTS ", f"CREATE TABLE IF NOT EXISTS {schema}."))
        self.db.commit()

    def close(self) -> None:
        """Close, dropping what is not committed (a build stopped before finish_run)."""
        if self.staged is None:
            self.db.close()
        elif self.db.execute("SELECT 1 FROM pragma_database_list WHERE name = 'cache'").fetchone():
            self.db.rollback()
            self.db.execute("DETACH DATABASE cache")

    # -- extractions ---------------------------------------------------------------------------

    def known(self, hashes: Iterable[str]) -> set[str]:
        """Which of `hashes` have a cached extraction."""
        found: set[str] = set()
        for chunk in _chunked(list(hashes), 500):
            marks = ",".join("?" * len(chunk))
            found.update(h for (h,) in self.db.execute(f"SELECT hash FROM extractions WHERE hash IN ({marks})", chunk))
        return found

    def mark_unextracted(self) -> int:
        """Mark (todo) the staged papers whose extraction is not cached; how many there are."""
        return self.db.execute("UPDATE staged SET todo = 1 WHERE hash NOT IN (SELECT hash FROM extractions)").rowcount

    def put_extractions(self, rows: Iterable[tuple[str, Extraction]]) -> None:
        # The Paper is not stored: the reader gives it again, and the text is what the hash covers.
        self.db.executemany(
            "INSERT OR REPLACE INTO extractions VALUES (?, ?)",
            ((h, pickle.dumps((x.mentions, x.roles, x.links, x.results), protocol=pickle.HIGHEST_PROTOCOL))
             for h, x in rows))
        self.db.commit()

    def extractions(self, papers: list[Paper], hashes: list[str]) -> Iterator[Extraction]:
        """The cached Extraction of each paper, in order (every hash must be cached)."""
        for start in range(0, len(papers), 500):
            batch = hashes[start:start + 500]
            marks = ",".join("?" * len(batch))
            data = dict(self.db.execute(f"SELECT hash, data FROM extractions WHERE hash IN ({marks})", batch))
            for paper, h in zip(papers[start:start + 500], batch):
                mentions, roles, links, results = pickle.loads(data[h])
                yield Extraction(paper=paper, mentions=mentions, roles=roles, links=links, results=results)

    def groups(self, hashes: list[str], column: str = "data") -> dict[str, tuple]:
        """The cached resolution input (kg.resolution.paper_groups) of each of `hashes` that has
        one; column="primaries": only what Resolver.keys reads of it."""
        if column not in ("data", "primaries"):
            raise ValueError(column)
        found: dict[str, tuple] = {}
        for chunk in _chunked(hashes, 500):
            marks = ",".join("?" * len(chunk))
            found.update((h, pickle.loads(data)) for h, data in
                         self.db.execute(f"SELECT hash, {column} FROM groups WHERE hash IN ({marks})", chunk))
        return found

    def staged_groups(self, column: str = "data", columns: str = "seq, hash") -> Iterator[list[tuple]]:
        """Batches of rows of every staged paper in build order: its `columns` of the staging, then
        its cached groups (None when not cached); column="primaries": only what Resolver.keys reads."""
        if column not in ("data", "primaries"):
            raise ValueError(column)
        wanted = ", ".join(f"staged.{c.strip()}" for c in columns.split(","))
        for batch in self.staged.rows(f"{wanted}, g.{column}", join="LEFT JOIN groups g ON g.hash = staged.hash"):
            yield [(*row[:-1], None if row[-1] is None else pickle.loads(row[-1])) for row in batch]

    def figures(self, rows: list[tuple[int, str, str]], store: str | None = None) \
            -> dict[int, tuple[tuple[int, int, int] | None, str | None]]:
        """For each (seq, key, fp) of `rows`: the (results, edges, degree) cached for that
        fingerprint, or None, and the fingerprint of the key's graph in `store`, or None."""
        # A join with the rows put in a temp table: "(key, fp) IN (VALUES ...)" scans the table.
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS asked (seq INTEGER PRIMARY KEY, key TEXT, fp TEXT)")
        self.db.execute("DELETE FROM asked")
        self.db.executemany("INSERT INTO asked VALUES (?, ?, ?)", rows)
        return {seq: (None if results is None else (results, edges, degree), in_store)
                for seq, results, edges, degree, in_store in self.db.execute(
                    "SELECT a.seq, f.results, f.edges, f.degree, st.fp FROM asked a "
                    "LEFT JOIN figures f ON f.key = a.key AND f.fp = a.fp "
                    "LEFT JOIN stored st ON st.store = ? AND st.key = a.key", (store,))}

    def unstaged(self, store: str) -> list[str]:
        """The keys of the papers `store` holds that are not staged."""
        return [k for (k,) in self.db.execute(
            "SELECT key FROM stored WHERE store = ? AND key NOT IN (SELECT key FROM staged)", (store,))]

    def put_groups(self, rows: Iterable[tuple[str, tuple]]) -> None:
        from kg.resolution import primaries

        self.db.executemany("INSERT OR REPLACE INTO groups VALUES (?, ?, ?)",
                            ((h, _dump(g), _dump(primaries(g))) for h, g in rows))
        self.db.commit()

    # -- graph chunks and the store's state ---------------------------------------------------

    def put_chunks(self, rows: Iterable[tuple], figures: Iterable[tuple] = ()) -> None:
        """Rows of (key, fp, shared, evidence, paper, result, sentence), and of (key, fp, results,
        edges, degree): one transaction, so a paper's chunk never lacks its figures."""
        self.db.executemany("INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT OR REPLACE INTO figures VALUES (?, ?, ?, ?, ?)", figures)
        self.db.commit()

    def begin_run(self, current: Iterable[tuple[str, str]] = ()) -> None:
        """Remember this build's (key, fingerprint) pairs for `chunk_column` and `finish_run`
        (more with add_run)."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS run (key TEXT PRIMARY KEY, sortkey TEXT, fp TEXT)")
        self.db.execute("DELETE FROM run")
        self.add_run(current)

    def add_run(self, current: Iterable[tuple[str, str]]) -> None:
        # Sorted as graph.ttl sorts subjects: "evidence/<key>/<n>" orders by "<key>/".
        self.db.executemany("INSERT INTO run VALUES (?, ?, ?)", ((k, k + "/", fp) for k, fp in current))
        self.db.commit()

    def chunk_column(self, column: str) -> Iterator[bytes]:
        """One column of this run's chunks, papers in graph.ttl order."""
        if column not in CATEGORIES + ("shared",):
            raise ValueError(column)
        # "paper/<key>" sorts by the key; "evidence/<key>/<n>" and the others by "<key>/":
        # "g-1" comes before "g-1-b" in the one and after it in the others.
        order = "run.key" if column == "paper" else "run.sortkey"
        yield from (blob for (blob,) in self.db.execute(
            f"SELECT c.{column} FROM run JOIN chunks c USING (key, fp) ORDER BY {order}"))

    # -- graph.ttl's agents and entities, kept across runs ----------------------------------------
    # Every paper's graph describes the entities it shows, so graph.ttl's entity block is the union
    # of 31k papers' lines (150 MB of them for 8 MB of Turtle). The cache keeps that union with a
    # count of the papers giving each line (shared_lines), for the papers of the last finished run
    # (shared_papers), and each subject's Turtle (shared_turtle); a build applies the lines of the
    # papers that came and went, and serialises again only the subjects whose lines changed.
    # Written in the run's transaction, which finish_run commits: a killed build leaves the state
    # of the last finished run, whose chunks finish_run kept.

    def shared_version(self, version: str) -> None:
        """Drop the kept entity block unless it was made by `version` (of the serialiser and base IRI)."""
        found = self.db.execute("SELECT value FROM settings WHERE name = 'shared'").fetchone()
        if found is None or found[0] != version:
            self._drop_shared()
            self.db.execute("INSERT OR REPLACE INTO settings VALUES ('shared', ?)", (version,))

    def shared_delta(self) -> Iterator[tuple[int, bytes]]:
        """(+1, shared N-Triples) of each paper of this run the kept block does not count, then
        (-1, ...) of each it counts that this run does not hold. A kept block whose papers' chunks
        are gone (nothing should do that) is dropped and made again from every paper of the run."""
        lost = self.db.execute("SELECT 1 FROM shared_papers LEFT JOIN chunks c USING (key, fp) "
                               "WHERE c.key IS NULL LIMIT 1").fetchone()
        if lost:
            self._drop_shared()
        for sign, query in ((1, "SELECT key, fp FROM run EXCEPT SELECT key, fp FROM shared_papers"),
                            (-1, "SELECT key, fp FROM shared_papers EXCEPT SELECT key, fp FROM run")):
            yield from ((sign, blob) for (blob,) in self.db.execute(
                f"SELECT c.shared FROM ({query}) JOIN chunks c USING (key, fp)"))

    def _drop_shared(self) -> None:
        for table in ("shared_lines", "shared_turtle", "shared_papers"):
            self.db.execute(f"DELETE FROM {table}")

    def count_shared(self, deltas: dict[tuple[str, bytes], int]) -> set[str]:
        """Add `deltas` to the count of papers giving each (subject, line); the subjects that
        gained or lost a line."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS delta (subject TEXT NOT NULL, line BLOB NOT NULL, n INTEGER)")
        self.db.execute("DELETE FROM delta")
        self.db.executemany("INSERT INTO delta VALUES (?, ?, ?)", ((s, line, n) for (s, line), n in deltas.items() if n))
        # A join, not (subject, line) IN (VALUES ...): SQLite answers that by scanning the table.
        found = self.db.execute("SELECT d.subject, d.line, d.n, COALESCE(s.refs, 0) FROM delta d "
                                "LEFT JOIN shared_lines s ON s.subject = d.subject AND s.line = d.line").fetchall()
        changed: set[str] = set()
        updates, gone = [], []
        for subject, line, n, before in found:
            after = before + n
            if after < 0:
                raise RuntimeError(f"{self.path}: the kept entity block lost count of {line!r}")
            if (before == 0) != (after == 0):
                changed.add(subject)
            if after:
                updates.append((subject, line, after))
            else:
                gone.append((subject, line))
        self.db.executemany("INSERT OR REPLACE INTO shared_lines VALUES (?, ?, ?)", updates)
        self.db.executemany("DELETE FROM shared_lines WHERE subject = ? AND line = ?", gone)
        return changed

    def shared_lines(self, subjects: list[str]) -> Iterator[tuple[str, list[bytes]]]:
        """(subject, its lines in order) for each of `subjects` (sorted) that has lines."""
        for chunk in _chunked(subjects, 500):
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT subject, line FROM shared_lines WHERE subject IN ({marks}) "
                                   "ORDER BY subject, line", chunk)
            for subject, lines in itertools.groupby(rows, key=lambda row: row[0]):
                yield subject, [line for _, line in lines]

    def put_shared_turtle(self, subjects: Iterable[str], turtle: Iterable[tuple[str, bytes]]) -> None:
        """The Turtle of the `subjects` whose lines changed (those left without lines have none)."""
        self.db.executemany("DELETE FROM shared_turtle WHERE subject = ?", ((s,) for s in subjects))
        self.db.executemany("INSERT INTO shared_turtle VALUES (?, ?)", turtle)

    def shared_counted(self) -> None:
        """The kept block now counts this run's papers (committed by finish_run)."""
        self.db.execute("DELETE FROM shared_papers WHERE (key, fp) IN "
                        "(SELECT key, fp FROM shared_papers EXCEPT SELECT key, fp FROM run)")
        self.db.execute("INSERT INTO shared_papers SELECT key, fp FROM run EXCEPT SELECT key, fp FROM shared_papers")

    def shared_turtle(self) -> Iterator[bytes]:
        """Every subject's Turtle, in subject order (as graph.ttl sorts them)."""
        yield from (turtle for (turtle,) in self.db.execute("SELECT turtle FROM shared_turtle ORDER BY subject"))

    def put_papers(self, papers: Iterable[Paper]) -> None:
        """Keep the papers whose graphs go into a store, so a later build of other inputs can
        resolve its entities together with them."""
        self.db.executemany("INSERT OR REPLACE INTO papers VALUES (?, ?)",
                            ((p.key, pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)) for p in papers))
        self.db.commit()

    def papers(self, keys: Iterable[str]) -> Iterator[Paper]:
        """The kept papers among `keys`, in the order they were first kept, read a batch at a time."""
        wanted = set(keys)
        if not wanted:  # the usual case: every build of the same inputs keeps nothing
            return
        rowids = []
        for chunk in _chunked(sorted(wanted), 500):
            marks = ",".join("?" * len(chunk))
            rowids.extend(r for (r,) in self.db.execute(f"SELECT rowid FROM papers WHERE key IN ({marks})", chunk))
        for chunk in _chunked(sorted(rowids), 500):
            marks = ",".join("?" * len(chunk))
            yield from (pickle.loads(data) for (data,) in self.db.execute(
                f"SELECT data FROM papers WHERE rowid IN ({marks}) ORDER BY rowid", chunk))

    def finish_run(self, store: str | None) -> None:
        """After the outputs were swapped in: record the store's graphs and drop chunks no paper uses."""
        # Only what changed is written, and the rows to drop are found through the (key, fp) index:
        # "(key, fp) NOT IN (SELECT ...)" read every chunk row (10 KB each) to find none.
        with self.db:
            if store is not None:
                self.db.execute("INSERT OR REPLACE INTO stored SELECT ?, r.key, r.fp FROM run r LEFT JOIN stored s "
                                "ON s.store = ? AND s.key = r.key WHERE s.fp IS NOT r.fp", (store, store))
            for table in ("chunks", "figures"):
                self.db.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT t.rowid FROM {table} t "
                                "LEFT JOIN run r ON r.key = t.key AND r.fp = t.fp WHERE r.key IS NULL)")


def paper_digest(paper: Paper) -> str:
    """A hash of what a paper's named graph shows of the paper itself."""
    shown = (paper.key, paper.id, paper.title, paper.abstract, paper.date, paper.url, paper.upvotes,
             paper.authors_count)
    return hashlib.sha1(repr(shown).encode("utf-8")).hexdigest()


class Staging:
    """The papers of one build in build order, on disk (a private temporary SQLite database,
    gone when closed), so no list of every paper is held: the reader adds them, folding
    repeated ids through get/replace (kg.readers.PaperTable); the build reads them in batches.
    Each row also holds the paper's extraction key (text_hash for `version`) and a digest of
    what else its graph shows of it (`meta`), so later passes need not unpickle it; the build
    adds its graph's fingerprint, whether it changed, its out-degree and its entity keys (a JSON
    list), so generation needs the resolved entities but not the resolver's forms."""

    def __init__(self, version: str) -> None:
        self.version = version
        self.db = sqlite3.connect("")
        self.db.execute("CREATE TABLE staged (seq INTEGER PRIMARY KEY, key TEXT UNIQUE NOT NULL, data BLOB NOT NULL, "
                        "hash TEXT NOT NULL, meta TEXT NOT NULL, todo INTEGER NOT NULL DEFAULT 0, fp TEXT, "
                        "changed INTEGER NOT NULL DEFAULT 0, degree INTEGER, keys TEXT)")
        self.keys: set[str] = set()  # ids repeat rarely: the table is asked only for those
        self.pending: list[tuple] = []

    def close(self) -> None:
        self.db.close()

    def __len__(self) -> int:
        return len(self.keys)

    def _row(self, paper: Paper) -> tuple:
        return paper.key, _dump(paper), text_hash(paper, self.version), paper_digest(paper)

    def add(self, paper: Paper) -> bool:
        """Append a paper; False (and nothing added) when one with its key is already there."""
        if paper.key in self.keys:
            return False
        self.keys.add(paper.key)
        self.pending.append(self._row(paper))
        if len(self.pending) >= 500:
            self.flush()
        return True

    def flush(self) -> None:
        self.db.executemany("INSERT INTO staged (key, data, hash, meta) VALUES (?, ?, ?, ?)", self.pending)
        self.pending = []

    def get(self, key: str) -> Paper:
        self.flush()
        (data,) = self.db.execute("SELECT data FROM staged WHERE key = ?", (key,)).fetchone()
        return pickle.loads(data)

    def papers(self, seqs: list[int]) -> list[Paper]:
        """The staged papers at `seqs`, in that order."""
        self.flush()
        found = {}
        for chunk in _chunked(seqs, 500):
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT seq, data FROM staged WHERE seq IN ({marks})", chunk))
        return [pickle.loads(found[seq]) for seq in seqs]

    def replace(self, paper: Paper) -> None:
        """A paper in place of the one with its key, keeping its place in the order."""
        self.flush()
        key, data, h, meta = self._row(paper)
        self.db.execute("UPDATE staged SET data = ?, hash = ?, meta = ? WHERE key = ?", (data, h, meta, key))

    def prepend(self, papers: Iterable[Paper], count: int) -> None:
        """`count` papers put before every paper added so far (they come first in the build)."""
        self.flush()
        first = min(0, self.db.execute("SELECT MIN(seq) FROM staged").fetchone()[0] or 0) - count
        for n, paper in enumerate(papers):
            self.keys.add(paper.key)
            self.db.execute("INSERT INTO staged (seq, key, data, hash, meta) VALUES (?, ?, ?, ?, ?)",
                            (first + n, *self._row(paper)))

    def rows(self, columns: str = "seq, data, hash", where: str = "", size: int = 500,
             join: str = "") -> Iterator[list[tuple]]:
        """Batches of staged rows in build order (a column named data comes back as its Paper);
        `join`: a JOIN clause on the table `staged` (Cache.staged_groups)."""
        self.flush()
        names = [c.strip() for c in columns.split(",")]
        last = -2 ** 63  # below any seq (kept papers are prepended with negative ones)
        while True:
            # `seq > ?` alone, so SQLite seeks to the batch: "? IS NULL OR seq > ?" scanned from the
            # first row for every batch (each row a page or more: its pickled paper).
            found = self.db.execute(
                f"SELECT staged.seq, {columns} FROM staged {join} WHERE staged.seq > ? "
                f"{'AND ' + where if where else ''} ORDER BY staged.seq LIMIT {size}", (last,)).fetchall()
            if not found:
                return
            last = found[-1][0]
            yield [tuple(pickle.loads(v) if n == "data" else v for n, v in zip(names, row[1:])) for row in found]

    def most_linked(self, limit: int) -> list[tuple[Paper, str, str]]:
        """The `limit` papers with the highest degree (set by the build), ties by key, with their
        hashes and entity keys."""
        self.flush()
        return [(pickle.loads(data), h, keys) for data, h, keys in self.db.execute(
            "SELECT data, hash, keys FROM staged ORDER BY degree DESC, key LIMIT ?", (limit,))]

    def update(self, rows: Iterable[tuple], columns: str) -> None:
        """Rows of (values of `columns`..., seq)."""
        sets = ", ".join(f"{c.strip()} = ?" for c in columns.split(","))
        self.db.executemany(f"UPDATE staged SET {sets} WHERE seq = ?", rows)


def _dump(value) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _chunked(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
