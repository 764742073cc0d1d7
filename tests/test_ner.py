"""The trained NER finder (kg/extraction/ner.py) and the data preparation of scripts/train_ner.py.

No training here: the component tests use the model shipped in kg/extraction/model/.
"""
from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest
import spacy

from kg.extraction import candidates as cand
from kg.extraction import ner

ROOT = Path(__file__).resolve().parent.parent
COINED = ("We propose Zephyrion, a reinforcement learning framework for tool use. "
          "Zephyrion outperforms GRPO on the Quillbench benchmark in terms of accuracy.")


@pytest.fixture(scope="module")
def train_ner():
    spec = importlib.util.spec_from_file_location("train_ner", ROOT / "scripts" / "train_ner.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def blank_with_ner(**config):
    import kg.extraction.tokenizer  # noqa: F401

    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "akg_tokenizer.v1"}}})
    nlp.add_pipe("akg_ner", config={"scope": "anywhere", **config})
    return nlp


@pytest.fixture(scope="module")
def nlp():
    return blank_with_ner()


def model_candidates(doc):
    return [c for c in cand.candidates(doc) if c[3] == ner.EXTRACTOR]


# ---------------------------------------------------------------- the component


def test_model_ships_inside_the_package_and_is_small():
    assert ner.MODEL_DIR.parent == ROOT / "kg" / "extraction"
    size = sum(p.stat().st_size for p in ner.MODEL_DIR.rglob("*") if p.is_file())
    assert 0 < size < 50 * 1024 * 1024


def test_model_loads_from_the_package_path():
    model = ner.load_model()
    assert "ner" in model.pipe_names
    assert set(model.get_pipe("ner").labels) <= {"method", "model", "benchmark", "metric", "task"}


def test_missing_model_dir_names_the_path(tmp_path):
    with pytest.raises(ner.ModelError, match=str(tmp_path)):
        ner.load_model(str(tmp_path))


def test_finds_an_unseen_coined_name(nlp):
    doc = nlp(COINED)
    found = {doc[s:e].text for s, e, *_ in model_candidates(doc)}
    assert found & {"Zephyrion", "Quillbench"}, found


def test_candidates_carry_extractor_label_and_confidence():
    doc = blank_with_ner(confidence=0.42)(COINED)
    entries = model_candidates(doc)
    assert entries
    for start, end, label, extractor, confidence in entries:
        assert 0 <= start < end <= len(doc)
        assert label in {"method", "model", "benchmark", "metric", "task"}
        assert confidence == 0.42


def test_is_deterministic(nlp):
    assert model_candidates(nlp(COINED)) == model_candidates(nlp(COINED))


def test_pipe_equals_call(nlp):
    texts = [COINED, "Experiments on Quillbench show gains in F1 score."]
    piped = [model_candidates(d) for d in nlp.pipe(texts)]
    assert piped == [model_candidates(nlp(t)) for t in texts]


def test_does_not_set_the_pipeline_docs_entities(nlp):
    assert nlp(COINED).ents == ()


def test_new_scope_skips_names_another_finder_proposed():
    nlp = blank_with_ner(scope="new")
    doc = nlp.make_doc(COINED)
    cand.add(doc, 0, len(doc), "method", "lexicon:test", 0.95)  # a candidate over every token
    doc = nlp.get_pipe("akg_ner")(doc)
    assert model_candidates(doc) == []


def with_untyped_coined_names(nlp, text=COINED):
    """The doc as the finders leave it: each coined name found with no type."""
    doc = nlp.make_doc(text)
    for token in doc:
        if token.text in ("Zephyrion", "Quillbench"):
            cand.add(doc, token.i, token.i + 1, cand.UNTYPED, "shape:test", 0.8)
    return doc


def test_untyped_scope_types_only_spans_found_untyped():
    nlp = blank_with_ner(scope="untyped")
    doc = with_untyped_coined_names(nlp)
    untyped = {(s, e) for s, e, label, *_ in cand.candidates(doc) if not label}
    doc = nlp.get_pipe("akg_ner")(doc)
    added = {(s, e) for s, e, *_ in model_candidates(doc)}
    assert added and added <= untyped


def test_fallback_scope_adds_no_candidate_and_types_only_untyped_spans():
    nlp = blank_with_ner(scope="fallback")
    doc = with_untyped_coined_names(nlp)
    untyped = {(s, e) for s, e, label, *_ in cand.candidates(doc) if not label}
    doc = nlp.get_pipe("akg_ner")(doc)
    assert model_candidates(doc) == []
    assert doc._.akg_model_types and set(doc._.akg_model_types) <= untyped
    assert set(doc._.akg_model_types.values()) <= set(ner.LABELS)


def test_fallback_scope_leaves_nothing_without_untyped_spans():
    nlp = blank_with_ner(scope="fallback")
    assert nlp(COINED)._.akg_model_types == {}


def test_fallback_new_scope_adds_names_only_where_no_finder_proposed_one():
    nlp = blank_with_ner(scope="fallback+new")
    doc = with_untyped_coined_names(nlp)
    untyped = {(s, e) for s, e, label, *_ in cand.candidates(doc) if not label}
    doc = nlp.get_pipe("akg_ner")(doc)
    for start, end, *_ in model_candidates(doc):
        assert not any(u[0] < end and start < u[1] for u in untyped)
    assert set(doc._.akg_model_types) <= untyped


@pytest.mark.parametrize("text, expected", [
    ("Answer Set Programming", True), ("Naive Bayes", True), ("Self-Forcing Models", True),
    ("diffusion sampling", False), ("GT", False), ("Zephyrion", False), ("HNSW ANN", False), ("Monte Carlo sampling", False),
])
def test_title_case_names(text, expected):
    assert ner.title_case(text) is expected


def test_title_shape_adds_only_title_case_names():
    nlp = blank_with_ner(shape="title")
    doc = nlp("We propose Answer Set Programming for planning, unlike Zephyrion.")
    assert all(ner.title_case(doc[s:e].text) for s, e, *_ in model_candidates(doc))


def test_unknown_scope_is_refused_by_name():
    with pytest.raises(ValueError, match="everywhere"):
        blank_with_ner(scope="everywhere")


# ---------------------------------------------------------------- data preparation


def test_gold_exclusion_by_id_and_by_text(train_ner, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "arXiv:1", "abstract": "A."}) + "\n"
                    + json.dumps({"id": None, "abstract": "We  propose X.\n"}) + "\n\n")
    ids, texts = train_ner.gold_exclusions([gold])
    assert ids == {"arXiv:1"}
    assert train_ner.is_excluded({"id": "arXiv:1", "abstract": "other"}, ids, texts)
    assert train_ner.is_excluded({"id": "arXiv:9", "abstract": "we propose X"}, ids, texts)
    assert not train_ner.is_excluded({"id": "arXiv:9", "abstract": "we propose Y"}, ids, texts)


def test_bad_gold_line_names_file_and_line(train_ner, tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a"}\n{oops\n')
    with pytest.raises(SystemExit, match=r"g\.jsonl:2"):
        train_ner.gold_exclusions([gold])


def test_corpus_sample_skips_gold_papers(train_ner, tmp_path):
    corpus = tmp_path / "c.jsonl.gz"
    with gzip.open(corpus, "wt") as handle:
        for i in range(5):
            handle.write(json.dumps({"id": f"arXiv:{i}", "title": "T", "abstract": f"Abstract {i}."}) + "\n")
    papers = train_ner.corpus_papers(corpus, 10, ({"arXiv:1"}, {train_ner.text_key("abstract 3")}))
    assert sorted(p.id for p in papers) == ["arXiv:0", "arXiv:2", "arXiv:4"]
    assert train_ner.corpus_papers(corpus, 2, (set(), set()))[0].id == train_ner.corpus_papers(corpus, 2, (set(), set()))[0].id


@pytest.mark.parametrize("kind, text, expected", [
    ("Method", "Support Vector Machines", "method"),
    ("Method", "HMM", "method"),
    ("Method", "statistical parser", None),
    ("Material", "Penn Treebank", "benchmark"),
    ("Material", "a large corpus", None),
    ("Metric", "accuracy", "metric"),
    ("Task", "machine translation", "task"),
    ("Generic", "approach", None),
    ("OtherScientificTerm", "HMM states", None),
])
def test_scierc_label_mapping(train_ner, kind, text, expected):
    assert train_ner.scierc_label(kind, text) == expected


def test_scierc_document_offsets_become_sentence_characters(train_ner, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"sentences": [["We", "use", "HMM", "."], ["BLEU", "on", "Penn", "Treebank"]],
                                "ner": [[[2, 2, "Method"]], [[4, 4, "Metric"], [6, 7, "Material"]]]}) + "\n")
    sentences = list(train_ner.scierc_sentences(path))
    assert [(t[b:e], label) for t, spans in sentences for b, e, label in spans] == [
        ("HMM", "method"), ("BLEU", "metric"), ("Penn Treebank", "benchmark")]


def test_scierc_dropped_spans_are_missing_not_outside(train_ner):
    nlp = train_ner.build_nlp()
    example = train_ner.scierc_example(nlp, "We use a statistical parser on WSJ .",
                                       [(9, 27, None), (31, 34, "benchmark")])
    iob = [t.ent_iob_ for t in example.reference]
    assert iob[3:5] == ["", ""]  # "statistical parser": unknown
    assert [(e.text, e.label_) for e in example.reference.ents] == [("WSJ", "benchmark")]
    assert iob[0] == "O"


def test_name_pool_holds_only_names_the_lexicons_did_not_find(train_ner):
    record = {"words": ["GSM8K", "and", "Quillbench"], "spaces": [True, True, False],
              "spans": [(0, 1, "benchmark", "lexicon"), (2, 3, "benchmark", "context")]}
    assert train_ner.name_pool([record])["benchmark"] == [["Quillbench"]]


def test_swap_replaces_lexicon_names_and_shifts_offsets(train_ner):
    import random

    record = {"words": ["On", "GSM8K", "and", "MATH", "."], "spaces": [True, True, True, False, False],
              "spans": [(1, 2, "benchmark", "lexicon"), (3, 4, "benchmark", "lexicon")]}
    pool = {"benchmark": [["Long", "Quill", "Bench"]]}
    swapped = train_ner.swap_lexicon_names(record, pool, random.Random(0), rate=1.0)
    assert swapped["words"] == ["On", "Long", "Quill", "Bench", "and", "Long", "Quill", "Bench", "."]
    assert [(s, e) for s, e, *_ in swapped["spans"]] == [(1, 4), (5, 8)]
    assert len(swapped["spaces"]) == len(swapped["words"]) and swapped["spaces"][-2] is False
    assert train_ner.swap_lexicon_names(record, pool, random.Random(0), rate=0.0) == record


def test_silver_record_keeps_the_rule_spans_and_their_source(train_ner):
    from kg.extraction import load

    doc = load().doc("We evaluate Qwen2.5-7B on GSM8K.")
    record = train_ner.silver_record(doc)
    assert len(record["words"]) == len(record["spaces"]) == len(doc)
    spans = {(" ".join(record["words"][s:e]), label, source) for s, e, label, source in record["spans"]}
    assert ("GSM8K", "benchmark", "lexicon") in spans


def test_silver_names_typed_by_default_are_missing_not_methods(train_ner):
    nlp = train_ner.build_nlp(width=8, depth=1, hidden=8)
    words = ["Zephyrion", "beats", "GRPO", "."]
    record = {"words": words, "spaces": [True, True, False, False],
              "spans": [(0, 1, "method", "default"), (2, 3, "method", "lexicon")]}
    tags = train_ner.record_example(nlp, record).get_aligned_ner()
    assert tags == [None, "O", "U-method", "O"]  # None: missing, no loss


def test_default_source_comes_from_the_merger_suffix(train_ner):
    assert train_ner.span_source("shape:coined+default") == "default"
    assert train_ner.span_source("shape:coined+list") == "shape"


def test_shipped_model_keeps_no_training_words():
    strings = json.loads((ner.MODEL_DIR / "vocab" / "strings.json").read_text())
    assert set(strings) <= {"method", "model", "benchmark", "metric", "task"}


# ---------------------------------------------------------------- the merger's use of the model's types


def merged(text: str, name: str, confidence: float, model_type: str | None):
    """akg_entities over a doc where `name` was found with no type, and the model typed it (or not)."""
    import kg.extraction  # noqa: F401  registers the components
    from kg.extraction.entities import EntityMerger, SPAN_KEY

    doc = blank_with_ner().make_doc(text)
    index = [t.text for t in doc].index(name)
    cand.add(doc, index, index + 1, cand.UNTYPED, "shape:test", confidence)
    if model_type:
        doc._.akg_model_types = {(index, index + 1): model_type}
    doc = EntityMerger("akg_entities", 0.7, "method")(doc)
    return [(s.text, s.label_, s._.akg_extractor) for s in doc.spans[SPAN_KEY]]


def test_merger_types_a_kept_untyped_name_by_the_model():
    assert merged("Results on Quillbench improve.", "Quillbench", 0.8, "benchmark") == \
        [("Quillbench", "benchmark", "shape:test+model")]


def test_merger_falls_back_to_the_default_type_without_the_model():
    assert merged("Results on Quillbench improve.", "Quillbench", 0.8, None) == \
        [("Quillbench", "method", "shape:test+default")]


def test_model_type_does_not_keep_a_name_the_merger_drops():
    assert merged("Results on QBX improve.", "QBX", 0.5, "benchmark") == []


# ---------------------------------------------------------------- reproducible training


def tiny_training_run(train_ner) -> bytes:
    """Two epochs on a few silver-like records, from the script's own seed."""
    import random

    from spacy.util import fix_random_seed

    fix_random_seed(train_ner.SEED)
    nlp = train_ner.build_nlp(width=8, depth=1, hidden=8)
    words = "We propose Zephyrion , evaluated on Quillbench by accuracy .".split()
    record = {"words": words, "spaces": [True] * len(words),
              "spans": [(2, 3, "method", "shape"), (6, 7, "benchmark", "context"), (8, 9, "metric", "lexicon")]}
    examples = [train_ner.record_example(nlp, record) for _ in range(6)]
    train_ner.fit(nlp, examples, examples[:2], 2, random.Random(train_ner.SEED), 0.0)
    return nlp.get_pipe("ner").to_bytes()


def test_training_is_reproducible(train_ner):
    first = tiny_training_run(train_ner)
    assert first == tiny_training_run(train_ner)


def test_extractor_version_covers_the_model_files():
    """Retraining the model changes the extraction cache key (kg/cache.py)."""
    from kg import cache

    files = [p for p in ner.MODEL_DIR.rglob("*") if p.is_file()]
    assert any(p.name == "model" for p in files)
    for path in files:
        assert any(root.is_dir() and root in path.parents for root in cache.EXTRACTOR_SOURCES), path
