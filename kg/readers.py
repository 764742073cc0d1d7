"""Readers: files and folders of abstracts -> Paper records, and Problems for what cannot be read.

Formats (detected from content, overridable):
- ``abstract-lines``: one paper per line starting ``Abstract:`` (no titles);
- ``daily``: the Daily Papers listing: a title line, the abstract paragraph, then optionally
  ``• N authors`` (or an organisation), ``·`` and a date with an optional upvote count;
- ``jsonl`` (also a JSON array) and ``csv``: records with ``id``, ``title``, ``abstract`` and
  optional ``authors``, ``date``, ``url``, ``upvotes``; field names are configurable.
Gzip is read transparently. Text is UTF-8 (a BOM is fine; UTF-16 and UTF-32 need their
BOM); a record holding bytes that are not UTF-8 is reported, never guessed at.

Every record becomes a Paper or a Problem naming file and line (README "Bad input").
"""
from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import re
import zlib
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from kg.clean import clean_text, invalid_character
from kg.model import Paper, Problem
from kg.names import content_hash, slug

FORMATS = ("abstract-lines", "daily", "jsonl", "csv")
TEXT_SUFFIXES = {".txt", ".jsonl", ".json", ".ndjson", ".csv", ".tsv", ".md"}

_BOILERPLATE = {
    "new", "get trending papers in your email inbox!", "subscribe", "daily papers",
    "byak and the research community",
}
_DATE = re.compile(r"^(?P<date>[A-Z][a-z]{2} \d{1,2}(?:, (?P<year>\d{4}))?)(?:\s+(?P<upvotes>\d+))?$")
_AUTHORS = re.compile(r"^•\s*(\d+)\s+authors?$")
_TITLE_MAX = 300
_ABSTRACT_MIN = 150
# arXiv caps abstracts at 1,920 characters; 100,000 (about 15,000 words) is a full text or
# a broken record, and would cost minutes of extraction for nothing.
MAX_RECORD_CHARS = 100_000
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_HEAD_CHARS = 65536  # characters read to tell a file's format before reading it on
_UNREADABLE = (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile, zlib.error)
_BINARY_PROBE = 8192  # bytes looked at to tell a binary file
_BINARY_SHARE = 0.1  # of control characters and undecodable bytes: random bytes give ~0.5, text ~0
_CSV_DELIMITERS = ("\t", ",", ";", "|")
_READABLE_ID = re.compile(r"^[A-Za-z0-9._]+(?::[A-Za-z0-9._]+)?$")
_HASH_KEY = re.compile(r"^h[0-9a-f]{16}$")


class InputError(Exception):
    """Raised by a strict read at the first problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class BinaryFile(Exception):
    pass


@dataclass(frozen=True)
class FieldMap:
    """Names of the record fields in JSON lines and CSV input."""

    id: str = "id"
    title: str = "title"
    abstract: str = "abstract"
    authors: str = "authors"
    date: str = "date"
    url: str = "url"
    upvotes: str = "upvotes"


@dataclass
class ReadReport:
    papers: list[Paper] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    duplicates: int = 0  # records folded into a paper already read
    files: int = 0


def paper_key(paper_id: str | None, title: str, abstract: str) -> str:
    """Stable across runs and one key per id: from the input id where there is one, else a
    hash of title and abstract.

    An id of letters, digits, dots and underscores with at most one colon reads as itself
    with the colon as a dash ("arXiv:2501.01234" -> "arXiv-2501.01234"); such keys hold at
    most one dash and never "--". Any other id would collide through the slug ("a b" and
    "a:b", "arXiv-1" and "arXiv:1"), so it gets "--" and a hash of the exact id. Keys of
    papers without an id are "h" and 16 hex digits, which no readable id may be.
    """
    if paper_id:
        if _READABLE_ID.match(paper_id) and not _HASH_KEY.match(paper_id):
            return paper_id.replace(":", "-")
        return f"{slug(paper_id)[:80]}--{content_hash(paper_id)}"
    return "h" + content_hash(title, abstract)


def make_paper(*, abstract: str, title: str = "", id: str | None = None, source: str = "", **extra) -> Paper:
    # The key hashes the text as given (with the one unescape the first reader made), so
    # papers keep their IRIs when the cleaning rules change.
    key = paper_key(id, title.replace("\\%", "%"), abstract.replace("\\%", "%"))
    return Paper(key=key, abstract=clean_text(abstract), title=clean_text(title), id=id, source=source, **extra)


def record_problem(path: str, line: int | None, **texts: str | None) -> Problem | None:
    """Why a record's text cannot be read (bytes that are not UTF-8, a full text), or None."""
    for name, text in texts.items():
        if text and (reason := invalid_character(text)):
            return Problem(path, line, f"{name}: {reason}")
    size = sum(len(t) for t in texts.values() if t)
    if size > MAX_RECORD_CHARS:
        return Problem(path, line, f"record has {size:,} characters, more than the {MAX_RECORD_CHARS:,} "
                                   "an abstract can have (a full text?)")
    return None


def _paper(path: str, line: int | None, *, abstract: str, title: str = "", id: str | None = None,
           **extra) -> Paper | Problem:
    """make_paper for a record read from a file, or the Problem that keeps it out."""
    problem = record_problem(path, line, abstract=abstract, title=title, id=id,
                             **{k: v for k, v in extra.items() if isinstance(v, str)})
    if problem is None:
        problem = record_problem(path, line, authors="; ".join(extra.get("authors", ())))
    if problem is not None:
        return problem
    source = f"{path}:{line}" if line is not None else path
    paper = make_paper(abstract=abstract, title=title, id=id, source=source, **extra)
    if not paper.abstract:
        return Problem(path, line, "record has no abstract (nothing left after removing markup)")
    return paper


def read_papers(
    inputs: Iterable[str | Path], format: str | None = None, fields: FieldMap = FieldMap(), strict: bool = False,
    table: PaperTable | None = None,
) -> ReadReport:
    """Read every input, fold duplicates into one paper, and collect problems.

    The papers go to `table` (kg.cache.Staging keeps them on disk), by default into
    report.papers. strict: raise InputError at the first problem instead of going on.
    """
    report = ReadReport()
    table = _ListTable(report.papers) if table is None else table
    problems = _Raise() if strict else report.problems
    for path in iter_files(inputs, problems):
        report.files += 1
        for item in read_file(path, format, fields):
            if isinstance(item, Problem):
                problems.append(item)
            elif not table.add(item):
                kept, superseded = fold_copy(table.get(item.key), item)
                table.replace(kept)
                if superseded:
                    problems.append(superseded)
                else:
                    report.duplicates += 1
    return report


class PaperTable(Protocol):
    """Where read_papers puts papers: in reading order, one per key."""

    def add(self, paper: Paper) -> bool: ...  # False when a paper with its key is there already

    def get(self, key: str) -> Paper: ...

    def replace(self, paper: Paper) -> None: ...  # the paper with its key, kept in its place


class _ListTable:
    def __init__(self, papers: list[Paper]) -> None:
        self.papers, self.index = papers, {}

    def add(self, paper: Paper) -> bool:
        if paper.key in self.index:
            return False
        self.index[paper.key] = len(self.papers)
        self.papers.append(paper)
        return True

    def get(self, key: str) -> Paper:
        return self.papers[self.index[key]]

    def replace(self, paper: Paper) -> None:
        self.papers[self.index[paper.key]] = paper


class _Raise(list):
    """A problem list for strict reads: the first problem appended stops the read."""

    def append(self, item: Problem) -> None:
        raise InputError(item)


def iter_files(inputs: Iterable[str | Path], problems: list[Problem]) -> Iterator[Path]:
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = []
            entries = sorted(p for p in path.rglob("*") if not _hidden(p, path) and (p.is_file() or not p.exists()))
            for file in entries:
                if not file.exists():
                    problems.append(Problem(str(file), None, "broken symbolic link"))
                elif _is_candidate(file):
                    found.append(file)
                else:
                    problems.append(Problem(str(file), None, f"not an input file ({''.join(file.suffixes) or 'no suffix'}: "
                                                             f"expected {', '.join(sorted(TEXT_SUFFIXES))}, or .gz)"))
            if not found:
                problems.append(Problem(str(path), None, "folder holds no readable files"))
            yield from found
        elif path.is_file():
            yield path
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))


def read_file(path: Path, format: str | None = None, fields: FieldMap = FieldMap(),
              name: str | None = None) -> Iterator[Paper | Problem]:
    """The records of one file; `name` (default: the path) is what sources and problems call it.

    JSON lines (gzip included) are read a line at a time, so a file of any size costs one
    record of memory; the other formats (a JSON array, CSV, listings) are read whole."""
    name = name or str(path)
    try:
        with open_text(path) as stream:
            head = _plain(_head(stream))
            if not head.strip():
                yield Problem(name, None, "empty file")
                return
            # JSON is told by its first character; the other formats from the whole text (below)
            fmt = format or ("jsonl" if detect_format(Path(name), head) == "jsonl" else None)
            if fmt == "jsonl" and not head.lstrip().startswith("["):
                yield from _stream_jsonl(name, head, stream, fields)
                return
            text = _plain(head + stream.read())
    except BinaryFile:
        yield Problem(name, None, "binary file (or text in UTF-16/32 without a BOM)")
        return
    except _UNREADABLE as exc:
        yield Problem(name, None, f"cannot read file: {exc}")
        return
    fmt = fmt or detect_format(Path(name), text)
    if fmt is None:
        yield Problem(name, None, f"unknown format (expected one of: {', '.join(FORMATS)}; use --format)")
        return
    yield from parse_text(name, text, fmt, fields)


def _head(stream: io.TextIOBase) -> str:
    """The start of a file, enough to tell its format: the first lines up to _HEAD_CHARS, and on
    past blank space to the first character that is not."""
    head = stream.read(_HEAD_CHARS)
    while head and not head.strip():
        more = stream.read(_HEAD_CHARS)
        if not more:
            break
        head += more
    return head + stream.readline()  # end on a whole line


def _stream_jsonl(path: str, head: str, stream: io.TextIOBase, fields: FieldMap) -> Iterator[Paper | Problem]:
    """JSON lines as the file is read; a read error (a truncated gzip) is a problem at its line."""
    number = 0
    lines = itertools.chain(io.StringIO(head), stream)
    while True:
        try:
            line = next(lines, None)
        except _UNREADABLE as exc:
            yield Problem(path, number + 1, f"cannot read the rest of the file: {exc}")
            return
        if line is None:
            return
        number += 1
        yield from _jsonl_line(path, number, _plain(line.rstrip("\n")), fields)


def parse_text(path: str, text: str, format: str, fields: FieldMap = FieldMap()) -> Iterator[Paper | Problem]:
    """Records of `text` already read from `path` (named in sources and problems) in a known format."""
    reader = {"abstract-lines": _read_abstract_lines, "daily": _read_daily, "jsonl": _read_jsonl, "csv": _read_csv}[format]
    yield from reader(path, text, fields)


def detect_format(path: Path, text: str) -> str | None:
    name = path.name.lower().removesuffix(".gz")
    head = text.lstrip()[:1]
    if head in "{[" and head:
        return "jsonl"
    if name.endswith((".csv", ".tsv")):
        return "csv"
    lines = [line for line in text.split("\n", 200)[:200] if line.strip()]
    if any(line.startswith("Abstract:") for line in lines):
        return "abstract-lines"
    first = lines[0].lower() if lines else ""
    if "abstract" in first and any(d in first for d in _CSV_DELIMITERS):
        return "csv"
    if any(_AUTHORS.match(line.strip()) for line in lines) or _looks_like_listing(text):
        return "daily"
    return None


# -- the formats ---------------------------------------------------------------------------


def _read_abstract_lines(path: str, text: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if not line.startswith("Abstract:"):
            yield Problem(path, number, "line does not start with 'Abstract:'; skipped")
            continue
        abstract = line[len("Abstract:"):].strip()
        if not abstract:
            yield Problem(path, number, "record has no abstract")
            continue
        yield _paper(path, number, abstract=abstract)


def _read_daily(path: str, text: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    papers: list[Paper | Problem] = []
    title: tuple[int, str] | None = None
    paragraphs = [(n, lines) for n, lines in _paragraphs(text) if not _is_noise(lines)]
    for i, (number, lines) in enumerate(paragraphs):
        joined = " ".join(line.strip() for line in lines)
        if _is_meta(lines):
            if papers and isinstance(papers[-1], Paper):
                papers[-1] = _apply_meta(papers[-1], lines)
            continue
        if title is None:
            if _is_title(lines):
                title = (number, joined)
            else:  # an abstract with no title line before it: keep it, untitled
                papers.append(_paper(path, number, abstract=joined))
            continue
        following = paragraphs[i + 1][1] if i + 1 < len(paragraphs) else None
        if _is_title(lines) and len(joined) < _ABSTRACT_MIN and following and not _is_meta(following):
            # Two title-like lines in a row: the first one lost its abstract.
            yield Problem(path, title[0], f"title {title[1]!r} has no abstract; skipped")
            title = (number, joined)
            continue
        papers.append(_paper(path, title[0], abstract=joined, title=title[1]))
        title = None
    if title is not None:
        yield Problem(path, title[0], f"title {title[1]!r} has no abstract; skipped")
    yield from papers


def _is_noise(lines: list[str]) -> bool:
    joined = " ".join(line.strip() for line in lines)
    return joined.lower() in _BOILERPLATE or bool(_DATE.match(joined))


def _is_title(lines: list[str]) -> bool:
    return len(lines) == 1 and len(lines[0].strip()) <= _TITLE_MAX


def _read_jsonl(path: str, text: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    whole = _whole_json(text)
    if whole is not None:  # one JSON value: an array of records (or one record), however laid out
        yield from _json_items(path, whole if isinstance(whole, list) else [whole], fields)
        return
    for number, line in enumerate(text.split("\n"), 1):
        yield from _jsonl_line(path, number, line, fields)


def _jsonl_line(path: str, number: int, line: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    if not line.strip():
        return
    try:
        # strict=False: raw tabs and controls in strings are read, and cleaned later; a BOM
        # may start any line of files pasted together
        record = json.loads(line.lstrip("\ufeff"), strict=False)
    except json.JSONDecodeError as exc:
        yield Problem(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})")
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, [[[[... nested too deep
        yield Problem(path, number, f"invalid JSON: {_short(exc)}")
    else:
        yield _from_record(record, path, number, fields)


def _whole_json(text: str):
    """The file as one JSON value, or None when it is not one (JSON lines, or broken: then
    each line is read, and reported, on its own)."""
    if not text.lstrip().startswith("["):
        return None
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _json_items(path: str, records: list, fields: FieldMap) -> Iterator[Paper | Problem]:
    for index, record in enumerate(records, 1):
        item = _from_record(record, path, None, fields)
        if isinstance(item, Problem):  # no line numbers in a parsed array: name the item
            item = Problem(path, None, f"array item {index}: {item.message}")
        else:
            item = replace(item, source=f"{path}#{index}")
        yield item


def _read_csv(path: str, text: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    # The csv module refuses fields over 128 KiB and would stop the file there; the record
    # size limit (MAX_RECORD_CHARS) is what decides, with a reason.
    csv.field_size_limit(max(csv.field_size_limit(), 4 * MAX_RECORD_CHARS + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_csv_delimiter(text.split("\n", 1)[0], fields))
    try:
        header = next(reader)
    except csv.Error as exc:
        yield Problem(path, 1, f"invalid CSV header: {exc}")
        return
    header = [name.strip() for name in header]
    if fields.abstract not in header:
        yield Problem(path, 1, f"CSV header has no {fields.abstract!r} column (use --abstract-field)")
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(path, start, f"invalid CSV: {exc}")
            continue
        if not any(row):  # a blank line, or only separators: no record there
            continue
        if len(row) != len(header):
            yield Problem(path, start, f"CSV row has {len(row)} fields, the header has {len(header)}")
            continue
        yield _from_record(dict(zip(header, row)), path, start, fields)


def _csv_delimiter(header: str, fields: FieldMap) -> str:
    """The separator that makes the header name the abstract column (spreadsheets in many
    locales export with ";"), else ","."""
    for delimiter in _CSV_DELIMITERS:
        if fields.abstract in (name.strip() for name in next(csv.reader([header], delimiter=delimiter), [])):
            return delimiter
    return ","


def _from_record(record, path: str, number: int | None, fields: FieldMap) -> Paper | Problem:
    if not isinstance(record, dict):
        return Problem(path, number, f"record is not an object (a JSON {type(record).__name__})")
    abstract = record.get(fields.abstract)
    if not isinstance(abstract, str) or not abstract.strip():
        return Problem(path, number, "record has no abstract")
    raw_id = record.get(fields.id)
    if isinstance(raw_id, (bool, float, list, dict)):
        return Problem(path, number, f"record id is a JSON {type(raw_id).__name__}, not a string or number")
    title = record.get(fields.title)
    if title is not None and not isinstance(title, (str, int, float)):
        return Problem(path, number, f"record title is a JSON {type(title).__name__}, not a string")
    authors = _authors(record.get(fields.authors))
    return _paper(
        path, number,
        abstract=abstract,
        title=str(title or ""),
        id=clean_text(str(raw_id), markup=False) or None if raw_id not in (None, "") else None,
        authors=authors,
        authors_count=len(authors) or None,
        date=_text_or_none(record.get(fields.date)),
        url=_text_or_none(record.get(fields.url)),
        upvotes=_int_or_none(record.get(fields.upvotes)),
    )


# -- helpers -------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The file's text with "\n" line ends. Bytes that are not UTF-8 are kept as lone
    surrogates (surrogateescape), so each record holding one is reported, with its line."""
    with open_text(path) as stream:
        return _plain(stream.read())


def open_text(path: Path) -> io.TextIOWrapper:
    """The file as a text stream with "\n" line ends, gunzipped when it is gzip, decoded by its
    BOM (UTF-8 without one, bytes that are not UTF-8 kept as lone surrogates). Raises
    BinaryFile for what is not text."""
    with open(path, "rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    binary = gzip.open(path, "rb") if gzipped else open(path, "rb")
    try:
        start = binary.read(_BINARY_PROBE)
        binary.seek(0)
        for bom, encoding in _BOMS:
            if start.startswith(bom):
                binary.read(len(bom))
                # only UTF-8 is read leniently: a UTF-16 file with an odd byte is not guessed at
                errors = "surrogateescape" if encoding == "utf-8" else "strict"
                break
        else:
            if _looks_binary(start):
                raise BinaryFile(path)
            encoding, errors = "utf-8", "surrogateescape"
        return io.TextIOWrapper(binary, encoding=encoding, errors=errors, newline=None)
    except BaseException:
        binary.close()
        raise


def _plain(text: str) -> str:
    # A stray NUL (a broken converter) is never text, and csv before Python 3.11 stops at one.
    return text.replace("\x00", " ")


def _looks_binary(sample: bytes) -> bool:
    """Images, PDFs, archives, UTF-16 without a BOM: NULs, and many bytes that are neither
    printable UTF-8 nor whitespace. A text file with a few bad bytes is text (reported per record)."""
    if b"\x00" not in sample:
        return False
    text = sample.decode("utf-8", errors="surrogateescape")
    odd = sum(1 for c in text if (c < " " and c not in "\t\n\r\f") or "\udc80" <= c <= "\udcff")
    return odd > len(text) * _BINARY_SHARE


def _hidden(path: Path, root: Path) -> bool:
    """Dot files and anything in a dot folder (.git, .DS_Store) under the folder given."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _is_candidate(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return not suffixes or suffixes[-1] in TEXT_SUFFIXES


def _paragraphs(text: str) -> Iterator[tuple[int, list[str]]]:
    start, block = 0, []
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _looks_like_listing(text: str) -> bool:
    paras = [" ".join(lines) for _, lines in _paragraphs(text)]
    return any(len(a) <= _TITLE_MAX and len(b) >= _ABSTRACT_MIN for a, b in zip(paras, paras[1:]))


def _is_meta(lines: list[str]) -> bool:
    stripped = [line.strip() for line in lines]
    return "·" in stripped or any(_AUTHORS.match(line) for line in stripped)


def _apply_meta(paper: Paper, lines: list[str]) -> Paper:
    changes: dict = {}
    for line in (line.strip() for line in lines):
        if match := _AUTHORS.match(line):
            changes["authors_count"] = int(match.group(1))
        elif match := _DATE.match(line):
            changes["date"] = _iso_date(match.group("date")) if match.group("year") else match.group("date")
            if match.group("upvotes"):
                changes["upvotes"] = int(match.group("upvotes"))
    return replace(paper, **changes)


def _iso_date(text: str) -> str:
    return datetime.strptime(text, "%b %d, %Y").date().isoformat()


def fold_copy(kept: Paper, later: Paper) -> tuple[Paper, Problem | None]:
    """A later record with the key of one already read: the paper to keep, and the Problem
    listing the earlier record when the later one replaces it.

    Same text: one paper, filled from both. Same id, different text: the later record wins,
    as it does when it is built later into the same store, so building A then B gives the
    graph of building A and B together."""
    if _conflicts(kept, later):
        return later, _superseded(kept, later)
    return merge_copies(kept, later), None


def _conflicts(kept: Paper, other: Paper) -> bool:
    """Two records with one id but a different abstract (or title) are not the same paper."""
    if kept.id is None:  # the key is a hash of title and abstract: same key, same text
        return False
    differ = lambda a, b: bool(a and b) and content_hash(a) != content_hash(b)
    return differ(kept.abstract, other.abstract) or differ(kept.title, other.title)


def _superseded(earlier: Paper, later: Paper) -> Problem:
    path, _, line = earlier.source.rpartition(":")
    where = (path, int(line)) if line.isdigit() else (earlier.source, None)
    return Problem(*where, f"id {earlier.id!r} is read again later ({later.source}) with a different "
                           "title or abstract; the later one is kept")


def merge_copies(kept: Paper, other: Paper) -> Paper:
    """Fill what the first copy lacks from a later copy of the same paper."""
    changes = {
        f.name: getattr(other, f.name)
        for f in fields(Paper)
        if f.name not in ("key", "source") and not getattr(kept, f.name) and getattr(other, f.name)
    }
    return replace(kept, **changes) if changes else kept


def _short(exc: Exception) -> str:
    return str(exc).split("\n")[0][:120] or type(exc).__name__


def _authors(value) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, str) and value.strip():
        separator = ";" if ";" in value else ","
        return tuple(part.strip() for part in value.split(separator) if part.strip())
    return ()


def _text_or_none(value) -> str | None:
    return clean_text(str(value)) or None if value not in (None, "") else None


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
