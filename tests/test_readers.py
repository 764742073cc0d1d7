"""Readers: every input format, duplicates, and bad input reported with file and line."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from kg.model import Problem
from kg.readers import FieldMap, detect_format, paper_key, read_file, read_papers

DAILY = """new

Get trending papers in your email inbox!

Subscribe

Daily Papers

byAK and the research community

Oct 28

DeepWidget: Tools for Widgets

We propose DeepWidget, a framework that builds widgets. Experiments on WidgetBench show that DeepWidget outperforms prior work by 12% in accuracy, which is a large margin indeed for widget tasks.

  • 4 authors
·
Oct 11

Second Paper Title

Another abstract that is long enough to be read as an abstract paragraph in the listing, with enough words to pass the threshold for a paragraph.

  • 7 authors
·
Dec 21, 2018 5
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def papers_and_problems(items):
    items = list(items)
    return [i for i in items if not isinstance(i, Problem)], [i for i in items if isinstance(i, Problem)]


def test_abstract_lines_one_paper_per_line(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract:First one.\nAbstract: Second one.\n")
    papers, problems = papers_and_problems(read_file(path))
    assert [p.abstract for p in papers] == ["First one.", "Second one."]
    assert papers[0].title == "" and not problems


def test_abstract_lines_reports_stray_line(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract:First one.\nnot an abstract\n")
    papers, problems = papers_and_problems(read_file(path))
    assert len(papers) == 1
    assert problems[0].line == 2 and "Abstract:" in problems[0].message


def test_daily_listing_titles_abstracts_and_meta(tmp_path):
    path = write(tmp_path, "d.txt", DAILY)
    papers, problems = papers_and_problems(read_file(path))
    assert not problems
    assert [p.title for p in papers] == ["DeepWidget: Tools for Widgets", "Second Paper Title"]
    assert papers[0].abstract.startswith("We propose DeepWidget")
    assert (papers[0].authors_count, papers[0].date, papers[0].upvotes) == (4, "Oct 11", None)
    assert (papers[1].authors_count, papers[1].date, papers[1].upvotes) == (7, "2018-12-21", 5)
    assert papers[0].source.endswith("d.txt:13")


def test_daily_title_without_abstract_is_reported(tmp_path):
    path = write(tmp_path, "d.txt", DAILY + "\nOrphan Title\n")
    papers, problems = papers_and_problems(read_file(path))
    assert len(papers) == 2
    assert problems[0].line == DAILY.count("\n") + 2 and "no abstract" in problems[0].message


def test_jsonl_with_bad_line_and_missing_abstract(tmp_path):
    lines = [
        json.dumps({"id": "arXiv:1", "title": "T1", "abstract": "A1", "authors": "X, Y"}),
        "{not json",
        json.dumps({"id": "arXiv:2", "title": "T2"}),
        json.dumps({"id": "arXiv:3", "title": "T3", "abstract": "A3"}),
    ]
    path = write(tmp_path, "p.jsonl", "\n".join(lines) + "\n")
    papers, problems = papers_and_problems(read_file(path))
    assert [p.id for p in papers] == ["arXiv:1", "arXiv:3"]
    assert papers[0].authors == ("X", "Y") and papers[0].authors_count == 2
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(2, "invalid JSON"), (3, "record has no abstract")]
    assert all(str(p).startswith(str(path)) for p in problems)


def test_gzip_is_read_transparently(tmp_path):
    path = tmp_path / "p.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps({"id": "x1", "abstract": "A"}).encode()))
    papers, _ = papers_and_problems(read_file(path))
    assert papers[0].id == "x1"


def test_csv_with_renamed_fields(tmp_path):
    path = write(tmp_path, "p.csv", 'pid,name,summary\nP1,Title one,"Abstract, with comma"\n')
    fields = FieldMap(id="pid", title="name", abstract="summary")
    papers, problems = papers_and_problems(read_file(path, fields=fields))
    assert (papers[0].id, papers[0].title, papers[0].abstract) == ("P1", "Title one", "Abstract, with comma")


def test_csv_without_abstract_column_is_reported(tmp_path):
    path = write(tmp_path, "p.csv", "id,title\n1,x\n")
    _, problems = papers_and_problems(read_file(path))
    assert "abstract" in problems[0].message and problems[0].line == 1


def test_empty_file_and_unknown_format(tmp_path):
    empty = write(tmp_path, "empty.txt", "\n\n")
    odd = write(tmp_path, "odd.txt", "just a line\n")
    report = read_papers([empty, odd, tmp_path / "missing.txt"])
    messages = [p.message for p in report.problems]
    assert messages[0] == "empty file"
    assert messages[1].startswith("unknown format")
    assert messages[2] == "no such file or folder"
    assert report.papers == []


def test_format_override(tmp_path):
    path = write(tmp_path, "x.data", "Abstract:Forced.\n")
    papers, _ = papers_and_problems(read_file(path, format="abstract-lines"))
    assert papers[0].abstract == "Forced."


def test_detect_format():
    assert detect_format(Path("a.jsonl"), '{"a": 1}') == "jsonl"
    assert detect_format(Path("a.csv"), "id,abstract") == "csv"
    assert detect_format(Path("a.txt"), "Abstract:x") == "abstract-lines"
    assert detect_format(Path("a.txt"), DAILY) == "daily"
    assert detect_format(Path("a.txt"), "hello") is None


def test_duplicates_fold_into_one_paper(tmp_path):
    one = write(tmp_path, "one.txt", DAILY)
    two = write(tmp_path, "two.txt", DAILY)
    report = read_papers([one, two])
    assert len(report.papers) == 2 and report.duplicates == 2


def test_keys_are_stable_and_from_id_when_given():
    assert paper_key("arXiv:2501.01234", "t", "a") == "arXiv-2501.01234"
    assert paper_key(None, "Title", "Abstract") == paper_key(None, "title ", " abstract")
    assert paper_key(None, "Title", "Abstract") != paper_key(None, "Title", "Other")


def test_latex_percent_is_unescaped(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract:Gains of 44.7\\% overall.\n")
    papers, _ = papers_and_problems(read_file(path))
    assert papers[0].abstract == "Gains of 44.7% overall."


def test_bundled_sample_reads_cleanly():
    report = read_papers([Path(__file__).resolve().parent.parent / "data"])
    assert not report.problems
    assert report.duplicates > 0  # the seed listings repeat papers
    titles = [p.title for p in report.papers]
    assert len(titles) == len(set(p.key for p in report.papers))
    assert any(t.startswith("DeepAgent") for t in titles)


@pytest.mark.parametrize("corpus", [Path(__file__).resolve().parents[2] / "shared/corpus/arxiv-cs-2025h1.jsonl.gz"])
def test_corpus_first_records(corpus, tmp_path):
    if not corpus.exists():
        pytest.skip("shared corpus not present")
    head = tmp_path / "head.jsonl.gz"
    with gzip.open(corpus, "rt") as src:
        lines = [next(src) for _ in range(50)]
    head.write_bytes(gzip.compress("".join(lines).encode()))
    report = read_papers([head])
    assert len(report.papers) == 50 and all(p.id.startswith("arXiv:") for p in report.papers)
