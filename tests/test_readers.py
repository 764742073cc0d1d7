"""Readers: every input format, duplicates, and bad input reported with file and line."""
from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pytest

from kg.model import Paper, Problem
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


def gzipped_records(path: Path, count: int, bad_line: int | None = None) -> Path:
    lines = [json.dumps({"id": f"x{n}", "title": f"Title {n}", "abstract": f"We study widget {n}. " * 20})
             for n in range(1, count + 1)]
    if bad_line is not None:
        lines[bad_line - 1] = '{"id": "broken", "abstract": '
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    return path


def test_gzip_json_lines_are_read_lazily(tmp_path):
    import tracemalloc

    path = gzipped_records(tmp_path / "big.jsonl.gz", 20_000)  # 8.7 MB of text
    records = read_file(path)
    tracemalloc.start()
    first = next(records)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    records.close()
    assert first.id == "x1"
    assert peak < 1_000_000  # the whole text would be 8.7 MB


def test_a_bad_line_late_in_a_gzip_file_comes_after_the_papers_before_it(tmp_path):
    path = gzipped_records(tmp_path / "p.jsonl.gz", 3000, bad_line=2999)
    items = list(read_file(path))
    assert all(isinstance(item, Paper) for item in items[:2998])
    assert (items[2998].line, items[2998].message.split(":")[0]) == (2999, "invalid JSON")
    assert items[2999].id == "x3000"


def test_a_truncated_gzip_keeps_the_papers_before_the_break(tmp_path):
    path = gzipped_records(tmp_path / "p.jsonl.gz", 3000)
    path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    papers, problems = papers_and_problems(read_file(path))
    assert len(papers) > 100 and papers[0].id == "x1"
    assert len(problems) == 1 and problems[0].line == len(papers) + 1
    assert problems[0].message.startswith("cannot read the rest of the file")


def test_a_json_array_is_still_read_whole(tmp_path):
    path = write(tmp_path, "p.json", json.dumps([{"id": "a", "abstract": "A."}, {"id": "b", "abstract": "B."}]))
    papers, problems = papers_and_problems(read_file(path))
    assert [p.source for p in papers] == [f"{path}#1", f"{path}#2"] and not problems


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


# -- bad and hostile input (README "Bad input") ---------------------------------------------


def record_line(**record) -> str:
    return json.dumps({"abstract": "We propose X.", **record}, ensure_ascii=False) + "\n"


def test_utf8_bom_and_windows_line_endings_are_read(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + (record_line(id="a1") + record_line(id="a2")).replace("\n", "\r\n").encode())
    papers, problems = papers_and_problems(read_file(path))
    assert [p.id for p in papers] == ["a1", "a2"] and not problems


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path, encoding):
    path = tmp_path / "p.jsonl"
    path.write_bytes(record_line(id="a1", title="Über").encode(encoding))
    papers, problems = papers_and_problems(read_file(path))
    assert [(p.id, p.title) for p in papers] == [("a1", "Über")] and not problems


def test_bytes_that_are_not_utf8_skip_their_record_only(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(record_line(id="a1").encode() + record_line(id="a2", title="Café").encode("latin-1")
                     + record_line(id="a3").encode())
    papers, problems = papers_and_problems(read_file(path))
    assert [p.id for p in papers] == ["a1", "a3"]
    assert [(p.line, p.message) for p in problems] == [
        (2, "title: byte 0xe9 at character 4 is not UTF-8 (save the file as UTF-8)")]


def test_a_lone_surrogate_escape_skips_the_record(tmp_path):
    path = write(tmp_path, "p.jsonl", '{"id": "a1", "abstract": "bad \\udc00 escape"}\n')
    _, problems = papers_and_problems(read_file(path))
    assert problems[0].line == 1 and problems[0].message.startswith("abstract: lone surrogate U+DC00")


def test_binary_file_is_skipped_whole(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(bytes(range(256)) * 4)
    _, problems = papers_and_problems(read_file(path))
    assert [(p.line, p.message) for p in problems] == [(None, "binary file (or text in UTF-16/32 without a BOM)")]


def test_control_characters_in_an_id_become_spaces(tmp_path):
    path = write(tmp_path, "p.jsonl", record_line(id="a\x01b\x95 ") + record_line(id="a b"))
    report = read_papers([path])
    assert [p.id for p in report.papers] == ["a b"] and report.duplicates == 1


def test_a_stray_nul_in_text_is_a_space(tmp_path):
    path = write(tmp_path, "p.jsonl", record_line(id="a1", title="Zeta\x00Net").replace("\\u0000", "\x00"))
    papers, _ = papers_and_problems(read_file(path))
    assert papers[0].title == "Zeta Net"


def test_json_line_separators_inside_strings_do_not_split_records(tmp_path):
    path = write(tmp_path, "p.jsonl", record_line(id="a1", abstract="One\u2028two\u2029three\x85four\x0cfive")
                 + record_line(id="a2"))
    papers, problems = papers_and_problems(read_file(path))
    assert [p.id for p in papers] == ["a1", "a2"] and not problems
    assert papers[0].abstract == "One two three four five"


@pytest.mark.parametrize("line,message", [
    ("[1, 2]", "record is not an object (a JSON list)"),
    ('{"id": ["x"], "abstract": "A."}', "record id is a JSON list, not a string or number"),
    ('{"id": "x", "title": {"a": 1}, "abstract": "A."}', "record title is a JSON dict, not a string"),
    ("[" * 3000 + "]" * 3000, "invalid JSON: maximum recursion depth exceeded"),
    ('{"abstract": "A.", "n": ' + "1" * 5000 + "}", "invalid JSON: Exceeds the limit (4300 digits)"),
    ('{"abstract": "<b></b>"}', "record has no abstract (nothing left after removing markup)"),
])
def test_json_records_of_the_wrong_shape_are_reported(tmp_path, line, message):
    path = write(tmp_path, "p.jsonl", record_line(id="a0") + line + "\n")
    _, problems = papers_and_problems(read_file(path))
    assert problems[0].line == 2 and problems[0].message.startswith(message)


def test_one_line_json_array_is_an_array(tmp_path):
    path = write(tmp_path, "p.json", json.dumps([{"id": "a1", "abstract": "A."}, {"id": "a2", "abstract": "B."}]))
    papers, problems = papers_and_problems(read_file(path))
    assert [p.id for p in papers] == ["a1", "a2"] and not problems


def test_broken_json_array_is_reported_line_by_line(tmp_path):
    path = write(tmp_path, "p.json", '[\n  {"id": "a1", "abstract": "A."},\n  {"id": "a2", "abstract": \n]\n')
    papers, problems = papers_and_problems(read_file(path))
    assert not papers and [p.line for p in problems] == [1, 2, 3, 4]


def test_json_array_items_are_named_by_position(tmp_path):
    path = write(tmp_path, "p.json", json.dumps([{"id": "a1", "abstract": "A."}, {"id": "a2"}]))
    papers, problems = papers_and_problems(read_file(path))
    assert papers[0].source == f"{path}#1"
    assert str(problems[0]) == f"{path}: array item 2: record has no abstract"


def test_ragged_csv_rows_are_skipped_with_their_line(tmp_path):
    path = write(tmp_path, "p.csv", 'id,title,abstract\n1,T,"A, b."\n2,T,A,extra\n3,T\n\n4,T,"multi\nline"\n5,T,A.\n')
    papers, problems = papers_and_problems(read_file(path))
    assert [p.id for p in papers] == ["1", "4", "5"]
    assert papers[1].source == f"{path}:6" and papers[2].source == f"{path}:8"  # a record's first line
    assert [(p.line, p.message) for p in problems] == [
        (3, "CSV row has 4 fields, the header has 3"), (4, "CSV row has 2 fields, the header has 3")]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_separator_is_the_one_that_finds_the_abstract_column(tmp_path, delimiter):
    rows = [["id", "title", "abstract"], ["1", "T; with, all|of\tthem", "A, b; c."]]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    path = write(tmp_path, "p.csv", out.getvalue())
    papers, problems = papers_and_problems(read_file(path))
    assert [(p.id, p.abstract) for p in papers] == [("1", "A, b; c.")] and not problems


def test_csv_field_over_the_csv_module_limit_is_measured_not_fatal(tmp_path):
    big = "word " * 40_000  # 200,000 characters: over csv's 131,072 default and the record limit
    path = write(tmp_path, "p.csv", f'id,abstract\n1,"{big}"\n2,Short.\n')
    papers, problems = papers_and_problems(read_file(path))
    assert [p.id for p in papers] == ["2"]
    assert problems[0].line == 2 and "200,001 characters, more than the 100,000" in problems[0].message


def test_huge_abstract_is_skipped_with_its_size(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract: " + "word " * 100_000 + "\nAbstract: Short one.\n")
    papers, problems = papers_and_problems(read_file(path))
    assert [p.abstract for p in papers] == ["Short one."]
    assert problems[0].line == 1 and problems[0].message.startswith("record has 499,999 characters")


def test_same_id_with_different_content_keeps_the_later_and_reports_the_earlier(tmp_path):
    one = write(tmp_path, "1.jsonl", record_line(id="a1", title="First"))
    two = write(tmp_path, "2.jsonl", record_line(id="a1", title="First", url="https://x.org")
                + record_line(id="a1", title="Second"))
    report = read_papers([one, two])
    assert [(p.title, p.source) for p in report.papers] == [("Second", f"{two}:2")]
    assert report.duplicates == 1  # 2.jsonl:1 has the first's content: folded into it
    assert [(p.path, p.line) for p in report.problems] == [(str(one), 1)]
    assert report.problems[0].message == (f"id 'a1' is read again later ({two}:2) with a different title or "
                                          "abstract; the later one is kept")


def test_same_id_with_the_same_content_is_one_paper_filled_from_both(tmp_path):
    path = write(tmp_path, "p.jsonl", record_line(id="a1", title="T") + record_line(id="a1", title="T", url="https://x.org"))
    report = read_papers([path])
    assert [(p.title, p.url) for p in report.papers] == [("T", "https://x.org")]
    assert report.duplicates == 1 and not report.problems


def test_hidden_files_are_ignored_and_other_files_reported(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.4")
    write(tmp_path, "p.jsonl", record_line(id="a1"))
    report = read_papers([tmp_path])
    assert [p.id for p in report.papers] == ["a1"]
    assert [(Path(p.path).name, p.message.split(" (")[0]) for p in report.problems] == [("paper.pdf", "not an input file")]


def test_broken_link_in_a_folder_is_reported(tmp_path):
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    write(tmp_path, "p.jsonl", record_line(id="a1"))
    report = read_papers([tmp_path])
    assert [(Path(p.path).name, p.message) for p in report.problems] == [("gone.jsonl", "broken symbolic link")]


def test_empty_folder_is_reported(tmp_path):
    report = read_papers([tmp_path])
    assert [(p.path, p.message) for p in report.problems] == [(str(tmp_path), "folder holds no readable files")]


def test_strict_read_stops_at_the_first_problem(tmp_path):
    from kg.readers import InputError

    path = write(tmp_path, "p.jsonl", record_line(id="a1") + "{bad\n" + "{worse\n")
    with pytest.raises(InputError) as caught:
        read_papers([path], strict=True)
    assert (caught.value.problem.line, str(caught.value)) == (2, f"{path}:2: invalid JSON: Expecting property name "
                                                                 "enclosed in double quotes (column 2)")


def test_ids_that_would_share_a_slug_get_distinct_keys():
    keys = {paper_key(i, "t", "a") for i in ("a b", "a:b", "a-b", "a_b", "a/b", "A:B")}
    assert len(keys) == 6
    assert paper_key("a:b", "t", "a") == "a-b" and paper_key("a-b", "t", "a").startswith("a-b--")
    assert paper_key("h0123456789abcdef", "t", "a") != "h0123456789abcdef"  # never a text key


def test_markup_is_cleaned_and_the_key_is_from_the_text_as_given(tmp_path):
    path = write(tmp_path, "a.txt", "Abstract: We propose \\textbf{X} in $\\mathcal{O}(n)$ &amp; <b>more</b>.\n")
    papers, _ = papers_and_problems(read_file(path))
    assert papers[0].abstract == "We propose X in O(n) & more."
    assert papers[0].key == paper_key(None, "", "We propose \\textbf{X} in $\\mathcal{O}(n)$ &amp; <b>more</b>.")
