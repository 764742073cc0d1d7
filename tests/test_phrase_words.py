"""The word lists of akg_phrases as data (data/cues.json "phrase_words") and the component assembled from its finders."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import kg.extraction
from kg.extraction.cues import DATA_FILE, load_cues, word_lists
from kg.extraction.phrases import PhraseFinder

PACKAGE = Path(kg.extraction.__file__).parent / "phrases"


@pytest.fixture(scope="module")
def section() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["phrase_words"]


def test_word_lists_are_sets_of_words():
    lists = word_lists({"report_verbs": ["shows", "finds", "shows"]})
    assert lists.report_verbs == frozenset({"shows", "finds"})


def test_endings_and_prefixes_are_tuples_for_endswith():
    lists = word_lists({"adverb_endings": ["ally", "ully"], "quality_prefixes": ["multi-step"]})
    assert "jointly".endswith(lists.adverb_endings) is False and "fully".endswith(lists.adverb_endings)
    assert lists.quality_prefixes == ("multi-step",)


def test_word_sequences_are_sets_of_tuples():
    lists = word_lists({"setting_bases": [["reinforcement"], ["multi-agent", "reinforcement"]]})
    assert ("multi-agent", "reinforcement") in lists.setting_bases and ("reinforcement",) in lists.setting_bases


def test_comment_keys_are_not_lists():
    lists = word_lists({"_comment": "why", "_comments": {"x": "y"}, "x": ["a"]})
    assert sorted(vars(lists)) == ["x"]


def test_every_list_says_why_it_is_there(section):
    names = [name for name in section if not name.startswith("_")]
    assert names and [name for name in names if not section["_comments"].get(name)] == []


def test_every_list_is_read_by_a_finder(section):
    source = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.glob("*.py"))
    read = set(re.findall(r"self\.(\w+)", source))
    assert [name for name in section if not name.startswith("_") and name not in read] == []


def test_finder_reads_its_lists_from_the_cue_file(tmp_path):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    data["phrase_words"]["report_verbs"] = ["attests"]
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data))
    finder = PhraseFinder("akg_phrases", str(path))
    assert finder.report_verbs == frozenset({"attests"})
    assert load_cues().phrase_words.report_verbs != finder.report_verbs


def test_cue_file_missing_a_list_names_it(tmp_path):
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    del data["phrase_words"]["title_ratings"]
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ValueError, match=r'cues\.json: "phrase_words" lacks title_ratings'):
        PhraseFinder("akg_phrases", str(path))


def _candidates(nlp, text: str) -> set[tuple[str, str]]:
    doc = nlp(text)
    return {(doc[start:end].text, extractor) for start, end, _, extractor, _ in doc._.akg_candidates or ()}


def test_a_changed_word_list_changes_what_is_found(tmp_path):
    # "multi-step" is a quality prefix: "multi-step reasoning" names no task; without the list entry it does
    text = "We study multi-step reasoning in depth."
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    data["phrase_words"]["quality_prefixes"] = [p for p in data["phrase_words"]["quality_prefixes"] if p != "multi-step"]
    data["phrase_words"]["quality_modifiers"] = [m for m in data["phrase_words"]["quality_modifiers"] if m != "multi-step"]
    path = tmp_path / "cues.json"
    path.write_text(json.dumps(data))
    config = kg.extraction.CONFIG_FILE.read_text().replace(
        '[components.akg_phrases]\nfactory = "akg_phrases"\ncues_file = ""',
        f'[components.akg_phrases]\nfactory = "akg_phrases"\ncues_file = "{path}"')
    config_path = tmp_path / "config.cfg"
    config_path.write_text(config)
    before = _candidates(kg.extraction.load().nlp, text)
    after = _candidates(kg.extraction.load(config_path).nlp, text)
    assert ("multi-step reasoning", "context:task-phrase") not in before
    assert ("multi-step reasoning", "context:task-phrase") in after


@pytest.mark.parametrize("module, finder", [("methods", "_modified_lexicon_methods"), ("metrics", "_changed_quantity"),
                                            ("tasks", "_tasks"), ("titles", "_title_tasks")])
def test_each_finder_lives_in_its_module(module, finder):
    assert getattr(PhraseFinder, finder).__module__ == f"kg.extraction.phrases.{module}"
