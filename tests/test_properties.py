"""Property tests (hypothesis) for the readers, text cleaning, IRI minting and resolution,
and a fuzz run over the readers. Budgets are fixed and runs derandomized, so CI is
deterministic and quick (README "Bad input")."""
from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kg import DEFAULT_BASE_IRI
from kg.clean import clean_text
from kg.model import ENTITY_TYPES, Extraction, Mention, Paper, Problem
from kg.names import normalize, singular_name
from kg.readers import paper_key, read_file, read_papers
from kg.resolution import resolve

PROPERTY = settings(max_examples=150, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
FUZZ = settings(max_examples=400, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# Characters XML 1.0 cannot carry (RDF/XML, the HTML page): none may reach a Paper.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Text with the characters input files get wrong: quotes, separators, markup, controls,
# lone surrogates, line ends of every platform.
nasty_text = st.text(
    st.one_of(st.characters(), st.sampled_from(list('"\',;\t\r\n\\{}[]<>&$%#\x00\x85\u2028\ufeff\ud800'))),
    max_size=60,
)
records = st.lists(
    st.fixed_dictionaries(
        {"abstract": nasty_text},
        optional={"id": st.one_of(nasty_text, st.integers(), st.sampled_from(["arXiv:2501.00001", "a:b", "a-b"])),
                  "title": nasty_text, "authors": st.lists(nasty_text, max_size=3), "url": nasty_text},
    ),
    min_size=1, max_size=12,
)


def in_file(name: str, data: bytes) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kg-prop-"))
    path = folder / name
    path.write_bytes(data)
    return path


def check_accounted(report, path: Path, count: int) -> None:
    """Every record is a paper, a duplicate folded into one, or a problem naming file and
    line; or the whole file is skipped with one reason (binary, empty)."""
    if any(problem.line is None for problem in report.problems):
        assert report.problems[0].path == str(path) and len(report.problems) == 1 and not report.papers
        return
    assert len(report.papers) + report.duplicates + len(report.problems) == count
    lines = path.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
    for problem in report.problems:
        assert problem.path == str(path) and 1 <= problem.line <= lines
    for paper in report.papers:
        check_paper(paper)


def check_paper(paper: Paper) -> None:
    for text in (paper.abstract, paper.title, paper.url or "", paper.id or "", paper.date or ""):
        assert not _NOT_XML.search(text), repr(text)
    assert paper.abstract.strip()
    ox.NamedNode(f"{DEFAULT_BASE_IRI}paper/{paper.key}")  # raises on an invalid IRI


# ---------------------------------------------------------------- readers


@PROPERTY
@given(records)
def test_every_json_line_is_a_paper_or_a_problem(items):
    path = in_file("p.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in items).encode("utf-8", "surrogatepass"))
    check_accounted(read_papers([path]), path, len(items))


@PROPERTY
@given(records)
def test_every_csv_row_is_a_paper_or_a_problem(items):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "title", "abstract"])
    for r in items:
        writer.writerow([r.get("id", ""), r.get("title", ""), r["abstract"]])
    path = in_file("p.csv", out.getvalue().encode("utf-8", "surrogatepass"))
    blank = sum(1 for r in items if not any(str(r.get(k, "")) for k in ("id", "title", "abstract")))
    check_accounted(read_papers([path]), path, len(items) - blank)


@PROPERTY
@given(records)
def test_a_read_paper_holds_the_cleaned_text_it_was_given(items):
    path = in_file("p.jsonl", "".join(json.dumps(r) + "\n" for r in items).encode())
    for item in read_file(path):
        if isinstance(item, Paper):
            line = int(item.source.rsplit(":", 1)[1])
            # what the file holds: two lone surrogates written as escapes read back as one pair
            given = json.loads(json.dumps(items[line - 1]["abstract"]))
            assert item.abstract == clean_text(given)


@PROPERTY
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40), min_size=1, max_size=8))
def test_abstract_lines_survive_any_line_ending(abstracts):
    abstracts = [" ".join(a.split()) for a in abstracts]
    abstracts = [a for a in abstracts if clean_text(a) and "\x0b" not in a]
    for ending in ("\n", "\r\n", "\r"):
        path = in_file("a.txt", ("".join(f"Abstract: {a}{ending}" for a in abstracts)).encode("utf-8"))
        papers = [i for i in read_file(path, format="abstract-lines") if isinstance(i, Paper)]
        assert [p.abstract for p in papers] == [clean_text(a) for a in abstracts]


# ---------------------------------------------------------------- fuzz


@FUZZ
@given(st.binary(max_size=400), st.sampled_from(["f.jsonl", "f.csv", "f.txt", "f.json"]))
@example(b"\xef\xbb\xbf{\"abstract\": \"x\"}\r\n", "f.jsonl")
@example(b"\xff\xfe{\x00", "f.jsonl")
@example(b"id,abstract\n1,\"unterminated\n", "f.csv")
@example(b"\x1f\x8b\x08\x00not gzip at all", "f.jsonl")
def test_fuzz_readers_never_raise_and_report_into_the_file(data, name):
    path = in_file(name, data)
    for item in read_file(path):
        assert isinstance(item, (Paper, Problem))
        if isinstance(item, Problem):
            assert item.path == str(path) and item.message
        else:
            check_paper(item)


json_fragments = st.lists(st.sampled_from(
    ['{', '}', '[', ']', '"abstract"', '"id"', '"title"', ':', ',', '"x y"', '1e999', '-0', 'null', 'true',
     '"\\ud800"', '"\\u0000"', '"<b>&amp;</b>"', '"$\\\\mathcal{O}$"', '\n', '\r\n', ' ', '\ufeff', '"é"']), max_size=30)


@FUZZ
@given(st.lists(json_fragments, max_size=6))
def test_fuzz_json_lines_made_of_json_pieces(lines):
    text = "\n".join("".join(fragments) for fragments in lines)
    path = in_file("f.jsonl", text.encode("utf-8"))
    for item in read_file(path, format="jsonl"):
        assert isinstance(item, (Paper, Problem))
        if isinstance(item, Paper):
            check_paper(item)


# ---------------------------------------------------------------- IRIs

ids = st.one_of(st.text(max_size=30), st.from_regex(r"[A-Za-z]{1,5}[:\-_. ][0-9]{1,4}", fullmatch=True))


@PROPERTY
@given(ids, ids)
@example("a b", "a:b")
@example("arXiv-1", "arXiv:1")
@example("h0123456789abcdef", "x")
def test_paper_keys_are_valid_iris_and_one_per_id(a, b):
    for paper_id in (a, b):
        key = paper_key(paper_id or None, "t", "abstract")
        ox.NamedNode(f"{DEFAULT_BASE_IRI}paper/{key}")
        assert not re.search(r'[\s<>"{}|^`\\]', key)
    if a and b and a != b:
        assert paper_key(a, "t", "x") != paper_key(b, "t", "x")


@PROPERTY
@given(ids, st.text(max_size=40), st.text(max_size=40))
def test_a_key_from_text_is_never_a_key_from_an_id(paper_id, title, abstract):
    if paper_id:
        assert paper_key(paper_id, title, abstract) != paper_key(None, title, abstract)


# ---------------------------------------------------------------- resolution

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=15).filter(lambda n: n.strip())


def extraction_of(key: str, mentions: list[tuple[str, str]]) -> Extraction:
    text, spans = "", []
    for name, _ in mentions:
        spans.append((len(text), len(text) + len(name)))
        text += name + ". "
    paper = Paper(key=key, abstract=text)
    return Extraction(paper, [Mention(name, type_, start, end, "rule:test", 0.9)
                              for (name, type_), (start, end) in zip(mentions, spans)])


def forms(name: str) -> set[str]:
    return {f for f in (normalize(name), normalize(singular_name(name))) if f}


@PROPERTY
@given(st.lists(st.lists(st.tuples(names, st.sampled_from(ENTITY_TYPES)), max_size=6), min_size=1, max_size=4))
def test_resolution_merges_names_only_through_a_shared_form(papers):
    resolution = resolve([extraction_of(f"p{i}", mentions) for i, mentions in enumerate(papers)])
    for key in resolution.entities:
        ox.NamedNode(f"{DEFAULT_BASE_IRI}entity/{key}")
    # Names connected by a shared normalised form (or singular) are the only ones one entity may hold.
    component: dict[str, str] = {}

    def find(x: str) -> str:
        while component.setdefault(x, x) != x:
            x = component[x]
        return x

    for mentions in papers:
        for name, _ in mentions:
            found = sorted(forms(name))
            for other in found[1:]:
                component[find(other)] = find(found[0])
    roots_of: dict[str, set[str]] = {}
    for facts in resolution.papers:
        for entity_key, written in facts.surface_forms.items():
            roots_of.setdefault(entity_key, set()).update(find(normalize(w)) for w in written if normalize(w))
    for entity_key, roots in roots_of.items():
        assert len(roots) == 1, (entity_key, resolution.entities[entity_key])
