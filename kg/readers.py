"""Readers: files and folders of abstracts -> Paper records, and Problems for what cannot be read.

Formats (detected from content, overridable):
- ``abstract-lines``: one paper per line starting ``Abstract:`` (no titles);
- ``daily``: the Daily Papers listing: a title line, the abstract paragraph, then optionally
  ``• N authors`` (or an organisation), ``·`` and a date with an optional upvote count;
- ``jsonl`` (also a JSON array) and ``csv``: records with ``id``, ``title``, ``abstract`` and
  optional ``authors``, ``date``, ``url``, ``upvotes``; field names are configurable.
Gzip is read transparently.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
from dataclasses import dataclass, field, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Iterable, Iterator

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
    """Stable across runs: from the input id where there is one, else a hash of title and abstract."""
    if paper_id:
        return slug(paper_id)
    return "h" + content_hash(title, abstract)


def make_paper(*, abstract: str, title: str = "", id: str | None = None, source: str = "", **extra) -> Paper:
    abstract = _clean(abstract)
    title = _clean(title)
    return Paper(key=paper_key(id, title, abstract), abstract=abstract, title=title, id=id, source=source, **extra)


def read_papers(
    inputs: Iterable[str | Path], format: str | None = None, fields: FieldMap = FieldMap()
) -> ReadReport:
    """Read every input, fold duplicates into one paper, and collect problems."""
    report = ReadReport()
    by_key: dict[str, int] = {}
    for path in iter_files(inputs, report.problems):
        report.files += 1
        for item in read_file(path, format, fields):
            if isinstance(item, Problem):
                report.problems.append(item)
            elif item.key in by_key:
                report.duplicates += 1
                index = by_key[item.key]
                report.papers[index] = merge_copies(report.papers[index], item)
            else:
                by_key[item.key] = len(report.papers)
                report.papers.append(item)
    return report


def iter_files(inputs: Iterable[str | Path], problems: list[Problem]) -> Iterator[Path]:
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_candidate(p))
            if not found:
                problems.append(Problem(str(path), None, "folder holds no readable files"))
            yield from found
        elif path.is_file():
            yield path
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))


def read_file(path: Path, format: str | None = None, fields: FieldMap = FieldMap(),
              name: str | None = None) -> Iterator[Paper | Problem]:
    """The records of one file; `name` (default: the path) is what sources and problems call it."""
    name = name or str(path)
    try:
        text = _read_text(path)
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile) as exc:
        yield Problem(name, None, f"cannot read file: {exc}")
        return
    if not text.strip():
        yield Problem(name, None, "empty file")
        return
    fmt = format or detect_format(Path(name), text)
    if fmt is None:
        yield Problem(name, None, f"unknown format (expected one of: {', '.join(FORMATS)}; use --format)")
        return
    yield from parse_text(name, text, fmt, fields)


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
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    if any(line.startswith("Abstract:") for line in lines):
        return "abstract-lines"
    first = lines[0].lower() if lines else ""
    if "abstract" in first and ("," in first or "\t" in first):
        return "csv"
    if any(_AUTHORS.match(line.strip()) for line in lines) or _looks_like_listing(text):
        return "daily"
    return None


# -- the formats ---------------------------------------------------------------------------


def _read_abstract_lines(path: str, text: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if not line.startswith("Abstract:"):
            yield Problem(path, number, "line does not start with 'Abstract:'; skipped")
            continue
        abstract = line[len("Abstract:"):].strip()
        if not abstract:
            yield Problem(path, number, "record has no abstract")
            continue
        yield make_paper(abstract=abstract, source=f"{path}:{number}")


def _read_daily(path: str, text: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    papers: list[Paper] = []
    title: tuple[int, str] | None = None
    paragraphs = [(n, lines) for n, lines in _paragraphs(text) if not _is_noise(lines)]
    for i, (number, lines) in enumerate(paragraphs):
        joined = " ".join(line.strip() for line in lines)
        if _is_meta(lines):
            if papers:
                papers[-1] = _apply_meta(papers[-1], lines)
            continue
        if title is None:
            if _is_title(lines):
                title = (number, joined)
            else:  # an abstract with no title line before it: keep it, untitled
                papers.append(make_paper(abstract=joined, source=f"{path}:{number}"))
            continue
        following = paragraphs[i + 1][1] if i + 1 < len(paragraphs) else None
        if _is_title(lines) and len(joined) < _ABSTRACT_MIN and following and not _is_meta(following):
            # Two title-like lines in a row: the first one lost its abstract.
            yield Problem(path, title[0], f"title {title[1]!r} has no abstract; skipped")
            title = (number, joined)
            continue
        papers.append(make_paper(abstract=joined, title=title[1], source=f"{path}:{title[0]}"))
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
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Problem(path, exc.lineno, f"invalid JSON: {exc.msg}")
            return
        numbered = ((None, r) for r in records)
    else:
        numbered = _json_lines(path, text)
    for number, record in numbered:
        if isinstance(record, Problem):
            yield record
        else:
            yield _from_record(record, path, number, fields)


def _json_lines(path: str, text: str):
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, Problem(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})")


def _read_csv(path: str, text: str, fields: FieldMap) -> Iterator[Paper | Problem]:
    dialect = "excel-tab" if "\t" in text.split("\n", 1)[0] else "excel"
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    if not reader.fieldnames or fields.abstract not in reader.fieldnames:
        yield Problem(path, 1, f"CSV header has no {fields.abstract!r} column (use --abstract-field)")
        return
    try:
        for record in reader:
            yield _from_record(record, path, reader.line_num, fields)
    except csv.Error as exc:
        yield Problem(path, reader.line_num, f"invalid CSV: {exc}")


def _from_record(record, path: str, number: int | None, fields: FieldMap) -> Paper | Problem:
    if not isinstance(record, dict):
        return Problem(path, number, "record is not an object")
    abstract = record.get(fields.abstract)
    if not isinstance(abstract, str) or not abstract.strip():
        return Problem(path, number, "record has no abstract")
    authors = _authors(record.get(fields.authors))
    raw_id = record.get(fields.id)
    return make_paper(
        abstract=abstract,
        title=str(record.get(fields.title) or ""),
        id=str(raw_id).strip() if raw_id not in (None, "") else None,
        authors=authors,
        authors_count=len(authors) or None,
        date=_text_or_none(record.get(fields.date)),
        url=_text_or_none(record.get(fields.url)),
        upvotes=_int_or_none(record.get(fields.upvotes)),
        source=f"{path}:{number}" if number else path,
    )


# -- helpers -------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8-sig")


def _is_candidate(path: Path) -> bool:
    if path.name.startswith("."):
        return False
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return not suffixes or suffixes[-1] in TEXT_SUFFIXES


def _paragraphs(text: str) -> Iterator[tuple[int, list[str]]]:
    start, block = 0, []
    for number, line in enumerate(text.splitlines(), 1):
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


def merge_copies(kept: Paper, other: Paper) -> Paper:
    """Fill what the first copy lacks from a later copy of the same paper."""
    changes = {
        f.name: getattr(other, f.name)
        for f in fields(Paper)
        if f.name not in ("key", "source") and not getattr(kept, f.name) and getattr(other, f.name)
    }
    return replace(kept, **changes) if changes else kept


def _clean(text: str) -> str:
    # The listing escapes percent signs LaTeX-style ("44.7\%"); nobody means the backslash.
    return " ".join(text.replace("\\%", "%").split())


def _authors(value) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, str) and value.strip():
        separator = ";" if ";" in value else ","
        return tuple(part.strip() for part in value.split(separator) if part.strip())
    return ()


def _text_or_none(value) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
