"""Train the statistical entity recogniser `akg_ner` and save it to kg/extraction/model/.

    PYTHONPATH=. python scripts/train_ner.py train [--silver 5000] [--epochs 6] [--no-scierc] [--width 32 --depth 2 --hidden 32]
    PYTHONPATH=. python scripts/train_ner.py measure tests/gold/dev_seeds.jsonl [--without] [--scope fallback] [--labels task]
    PYTHONPATH=. python scripts/train_ner.py speed [-n 3000] [-j 2] [--without]
    PYTHONPATH=. python scripts/train_ner.py additions [-n 1000] [--sample 30] [--scope new]

Data (nothing is downloaded, no corpus text is written into the repo):
- silver: the rule pipeline (kg.extraction.load()) over abstracts of the shared corpus,
  skipping every paper of tests/gold/*.jsonl (by id and by abstract text). Part of the
  names the lexicons found are swapped for names only the other finders found, so the
  model learns the context of a name rather than memorising the lexicons.
- SciERC train+dev, mapped to this project's types (see `scierc_spans`).

Training is a plain nlp.update loop with fixed seeds on the pipeline's own tokenizer
(akg_tokenizer.v1), so the model's tokens are the pipeline's tokens.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("/work/shared/corpus/arxiv-cs-2025h1.jsonl.gz")
SCIERC_DIR = Path("/work/shared/gold/scierc")
GOLD_DIR = ROOT / "tests" / "gold"
MODEL_DIR = ROOT / "kg" / "extraction" / "model"
LABELS = ("method", "model", "benchmark", "metric", "task")
SEED = 0

# Small CNN: hashed embeddings of NORM/PREFIX/SUFFIX/SHAPE, no static vectors.
MODEL_CONFIG = """
[nlp]
lang = "en"
pipeline = ["ner"]

[nlp.tokenizer]
@tokenizers = "akg_tokenizer.v1"

[components]

[components.ner]
factory = "ner"

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [5000, 1000, 2500, 2500]
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3
"""


# ---------------------------------------------------------------- gold exclusion


def text_key(text: str) -> str:
    """Abstracts compared by their words only: the gold lines may differ in spacing."""
    return " ".join(re.findall(r"\w+", text.lower()))


def gold_exclusions(gold_files) -> tuple[set[str], set[str]]:
    """(ids, abstract keys) of every gold paper; lines without an id are excluded by text."""
    ids, texts = set(), set()
    for path in gold_files:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{number}: not JSON ({exc.msg})")
            if record.get("id"):
                ids.add(record["id"])
            if record.get("abstract"):
                texts.add(text_key(record["abstract"]))
    return ids, texts


def is_excluded(record: dict, ids: set[str], texts: set[str]) -> bool:
    return record.get("id") in ids or text_key(record.get("abstract", "")) in texts


def corpus_papers(path: Path, limit: int, exclusions, seed: int = SEED):
    """A seeded random sample of `limit` corpus papers that are not in the gold files."""
    from kg.model import Paper

    ids, texts = exclusions
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    kept = [r for r in records if r.get("abstract") and not is_excluded(r, ids, texts)]
    random.Random(seed).shuffle(kept)
    return [Paper(key=r["id"], id=r["id"], title=r.get("title", ""), abstract=r["abstract"]) for r in kept[:limit]]


# ---------------------------------------------------------------- silver labels


def silver_record(doc) -> dict:
    """A rule-pipeline Doc as plain data: words, spaces and (start, end, label, source) spans.
    A name the merger typed by default (no rule knew its type) has the source "default"."""
    return {
        "words": [t.text for t in doc],
        "spaces": [bool(t.whitespace_) for t in doc],
        "spans": [(s.start, s.end, s.label_, span_source(s._.akg_extractor))
                  for s in doc.spans.get("akg_entities", []) if s.label_ in LABELS],
    }


def span_source(extractor: str) -> str:
    return "default" if extractor.endswith("+default") else extractor.split(":", 1)[0]


def name_pool(records) -> dict[str, list[list[str]]]:
    """Per type, the token lists of names that no lexicon found (coined, shape or context names)."""
    pool: dict[str, set[tuple[str, ...]]] = {label: set() for label in LABELS}
    for record in records:
        for start, end, label, source in record["spans"]:
            if source != "lexicon":
                pool[label].add(tuple(record["words"][start:end]))
    return {label: [list(n) for n in sorted(names)] for label, names in pool.items()}


def swap_lexicon_names(record: dict, pool, rng: random.Random, rate: float) -> dict:
    """Replace a share of the lexicon-found names by other same-type names from the pool:
    the model must then rely on the words around a name, which carry over to unseen names."""
    words, spaces, spans = [], [], []
    position = 0
    for start, end, label, source in sorted(record["spans"]):
        words += record["words"][position:start]
        spaces += record["spaces"][position:start]
        name = record["words"][start:end]
        name_spaces = record["spaces"][start:end]
        if source == "lexicon" and pool.get(label) and rng.random() < rate:
            name = rng.choice(pool[label])
            name_spaces = [True] * (len(name) - 1) + [record["spaces"][end - 1]]
        spans.append((len(words), len(words) + len(name), label, source))
        words += name
        spaces += name_spaces
        position = end
    words += record["words"][position:]
    spaces += record["spaces"][position:]
    return {"words": words, "spaces": spaces, "spans": spans}


def silver_records(papers) -> list[dict]:
    from kg.extraction import load

    extractor = load()
    return [silver_record(doc) for doc in extractor.nlp.pipe(p.text for p in papers)]


# ---------------------------------------------------------------- SciERC


def looks_named(text: str) -> bool:
    """A proper name rather than a description: a capital after the first letter, or a digit
    ("HMM", "Penn Treebank", "WSJ", "BLEU"; not "statistical parser", not "Corpus")."""
    return bool(re.search(r"[A-Z0-9]", text[1:])) or (text[:1].isupper() and " " not in text and len(text) <= 5)


def scierc_label(kind: str, text: str) -> str | None:
    """This project's type of a SciERC span, or None when the span is not one of ours.

    SciERC calls nearly every technical noun phrase a Method or Material ("our approach",
    "a large corpus"); the guideline wants names. So Method and Material count only when
    they look named (Material -> benchmark: a named dataset); Metric and Task keep their
    type; Generic and OtherScientificTerm are dropped."""
    if kind in ("Method", "Material"):
        return ("method" if kind == "Method" else "benchmark") if looks_named(text) else None
    return {"Metric": "metric", "Task": "task"}.get(kind)


def scierc_sentences(path: Path):
    """(text, [(start_char, end_char, label or None)]) per sentence; None = not ours, unknown."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not JSON ({exc.msg})")
        offset = 0
        for tokens, spans in zip(record["sentences"], record["ner"]):
            starts, position = [], 0
            for token in tokens:
                starts.append(position)
                position += len(token) + 1
            text = " ".join(tokens)
            out = []
            for first, last, kind in spans:  # document token offsets, end inclusive
                a, b = first - offset, last - offset
                if not (0 <= a <= b < len(tokens)):
                    raise SystemExit(f"{path}:{number}: span {first}-{last} outside its sentence")
                begin, end = starts[a], starts[b] + len(tokens[b])
                out.append((begin, end, scierc_label(kind, text[begin:end])))
            offset += len(tokens)
            yield text, out


# ---------------------------------------------------------------- examples


def record_example(nlp, record: dict):
    from spacy.tokens import Doc, Span
    from spacy.training import Example

    reference = Doc(nlp.vocab, words=record["words"], spaces=record["spaces"])
    # A name typed by default is a name of unknown type: missing (no loss), so the model learns
    # types from the names whose type the rules knew, not the merger's default.
    spans = [(Span(reference, s, e, label=label), source == "default") for s, e, label, source in record["spans"]]
    reference.set_ents([span for span, unknown in spans if not unknown],
                       missing=[span for span, unknown in spans if unknown], default="outside")
    return Example(Doc(nlp.vocab, words=record["words"], spaces=record["spaces"]), reference)


def scierc_example(nlp, text: str, spans):
    """Dropped SciERC spans are marked missing, not 'outside': they may be names of ours."""
    from spacy.training import Example

    reference = nlp.make_doc(text)
    entities, missing = [], []
    for begin, end, label in spans:
        span = reference.char_span(begin, end, label=label or "", alignment_mode="expand")
        if span is not None:
            (entities if label else missing).append(span)
    entities = _non_overlapping(entities)
    taken = {i for s in entities for i in range(s.start, s.end)}
    missing = [s for s in _non_overlapping(missing) if not taken.intersection(range(s.start, s.end))]
    reference.set_ents(entities, missing=missing, default="outside")
    return Example(nlp.make_doc(text), reference)


def _non_overlapping(spans):
    from spacy.util import filter_spans

    return filter_spans(spans)


# ---------------------------------------------------------------- training


def build_nlp(width: int = 64, depth: int = 3, hidden: int = 64):
    import spacy
    from spacy.util import load_config_from_str

    import kg.extraction.tokenizer  # noqa: F401  registers akg_tokenizer.v1

    return spacy.util.load_model_from_config(load_config_from_str(MODEL_CONFIG.format(width=width, depth=depth, hidden=hidden)), auto_fill=True, validate=True)


def save(nlp, out: Path) -> None:
    """Save the model without the training words: the saved string store would otherwise list
    every token of the corpus. The hashed features need no strings, the labels do."""
    nlp.to_disk(out)
    strings = sorted(set(nlp.get_pipe("ner").labels))
    (out / "vocab" / "strings.json").write_text(json.dumps(strings) + "\n", encoding="utf-8")


def fit(nlp, examples, held_examples, epochs: int, rng: random.Random, started: float) -> dict:
    """The update loop; the scores on the held-out examples after the last epoch."""
    from spacy.util import compounding, minibatch

    optimizer = nlp.initialize(lambda: examples)
    scores: dict = {}
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict = {}
        for batch in minibatch(examples, size=compounding(4.0, 32.0, 1.001)):
            nlp.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        scores = nlp.evaluate(held_examples)
        print(f"epoch {epoch + 1}: loss {losses['ner']:.0f}  held-out silver P {scores['ents_p']:.3f} "
              f"R {scores['ents_r']:.3f} F {scores['ents_f']:.3f}  ({time.perf_counter() - started:.0f}s)", flush=True)
    return scores


def train(args) -> int:
    from spacy.util import fix_random_seed

    fix_random_seed(SEED)
    rng = random.Random(SEED)
    started = time.perf_counter()
    exclusions = gold_exclusions(sorted(GOLD_DIR.glob("*.jsonl")))
    papers = corpus_papers(CORPUS, args.silver, exclusions)
    records = silver_records(papers)
    held = records[: len(records) // 10]
    train_records = records[len(held):]
    pool = name_pool(train_records)
    train_records = [swap_lexicon_names(r, pool, rng, args.swap) for r in train_records]
    nlp = build_nlp(args.width, args.depth, args.hidden)
    examples = [record_example(nlp, r) for r in train_records]
    if not args.no_scierc:
        for name in ("train.json", "dev.json"):
            examples += [scierc_example(nlp, text, spans) for text, spans in scierc_sentences(SCIERC_DIR / name)]
    held_examples = [record_example(nlp, r) for r in held]
    print(f"{len(train_records)} silver docs, {len(examples) - len(train_records)} SciERC sentences, "
          f"{len(held)} held-out silver docs; data ready in {time.perf_counter() - started:.0f}s", flush=True)
    scores = fit(nlp, examples, held_examples, args.epochs, rng, started)
    out = Path(args.out)
    save(nlp, out)
    (out / "TRAINING.json").write_text(json.dumps({
        "silver_docs": len(train_records), "swap_rate": args.swap, "scierc": not args.no_scierc,
        "epochs": args.epochs, "seed": SEED,
        "width": args.width, "depth": args.depth, "hidden": args.hidden, "held_out_silver": {k: round(scores[k], 3) for k in ("ents_p", "ents_r", "ents_f")},
    }, indent=2) + "\n")
    print(f"saved to {out} in {time.perf_counter() - started:.0f}s")
    return 0


# ---------------------------------------------------------------- measuring


def config_with_ner(path: Path, model_dir: str = "", confidence: float = 0.6, scope: str = "new",
                    labels=LABELS, shape: str = "any") -> Path:
    """A copy of the packaged pipeline config with akg_ner just before the merger."""
    from kg.extraction import CONFIG_FILE
    from spacy.util import load_config

    config = load_config(CONFIG_FILE)
    pipeline = list(config["nlp"]["pipeline"])
    pipeline.insert(pipeline.index("akg_entities"), "akg_ner")
    config["nlp"]["pipeline"] = pipeline
    config["components"]["akg_ner"] = {"factory": "akg_ner", "model_dir": model_dir, "confidence": confidence,
                                         "scope": scope, "labels": list(labels), "shape": shape}
    config.to_disk(path)
    return path


def use_ner_pipeline(args) -> None:
    """Make kg.extraction.load() build the pipeline with akg_ner (unless --without).

    Until the merger knows the "model" source and kg.extraction imports kg.extraction.ner,
    this patches both in memory (docs/NER.md lists the edits that make it permanent).
    Worker processes are forked, so they inherit the patch."""
    import kg.extraction
    import kg.extraction.entities as entities
    import kg.extraction.ner  # noqa: F401  registers akg_ner

    entities.SOURCE_RANK.setdefault("model", max(entities.SOURCE_RANK.values()) + 1)
    if args.without:
        return
    path = config_with_ner(Path(args.config), args.model_dir, args.confidence,
                           scope=args.scope, labels=args.labels.split(","), shape=args.shape)
    original = kg.extraction.load
    kg.extraction.load = lambda config_path=None: original(config_path or path)


def measure(args) -> int:
    """kg eval on a gold file, through the same path as `kg eval`."""
    from kg.evaluate import evaluate, format_report

    use_ner_pipeline(args)
    started = time.perf_counter()
    report = evaluate(args.gold)
    print(format_report(report, args.show_errors))
    print(f"({time.perf_counter() - started:.1f}s)")
    return 0


def speed(args) -> int:
    """Abstracts per second through the extraction pipeline (kg.extraction.bench)."""
    from kg.extraction import bench

    use_ner_pipeline(args)
    r = bench.measure(bench.read_papers(str(CORPUS), args.limit), args.jobs, 64)
    print(f"{'without' if args.without else 'with'} akg_ner: {r['papers']} abstracts, {r['mentions']} mentions, "
          f"{r['jobs']} process(es): {r['pipeline_per_s']:.1f} abstracts/s "
          f"(bare tokenizer {r['tokenizer_per_s']:.1f}/s, ratio {r['pipeline_per_s'] / r['tokenizer_per_s']:.3f})")
    return 0


def additions(args) -> int:
    """What akg_ner changes on corpus abstracts outside the gold files: each name it adds or
    types differently, with the words around it, for judging by eye."""
    import kg.extraction

    rng = random.Random(args.seed)
    # The abstracts right after the training sample in the same seeded order: none was trained on.
    exclusions = gold_exclusions(sorted(GOLD_DIR.glob("*.jsonl")))
    papers = corpus_papers(CORPUS, args.skip + args.limit, exclusions)[args.skip:]
    args.without = True
    use_ner_pipeline(args)
    rules = kg.extraction.load()
    args.without = False
    use_ner_pipeline(args)
    with_model = kg.extraction.load()
    changes = []
    for paper, before, after in zip(papers, rules.nlp.pipe(p.text for p in papers), with_model.nlp.pipe(p.text for p in papers)):
        old = {(s.start, s.end): s.label_ for s in before.spans["akg_entities"]}
        for span in after.spans["akg_entities"]:
            if old.get((span.start, span.end)) != span.label_:
                was = old.get((span.start, span.end), "-")
                context = after[max(0, span.start - 8):span.end + 8].text.replace("\n", " ")
                changes.append(f"{paper.id}\t{was} -> {span.label_}\t{span.text}\t| {context}")
    print(f"{len(changes)} changes over {len(papers)} abstracts; a sample of {min(args.sample, len(changes))}:")
    for line in sorted(rng.sample(changes, min(args.sample, len(changes)))):
        print(line)
    return 0


def pipeline_options(p) -> None:
    p.add_argument("--without", action="store_true", help="the packaged pipeline, without akg_ner")
    p.add_argument("--model-dir", default="", help="model to use (default: the packaged one)")
    p.add_argument("--confidence", type=float, default=0.6)
    p.add_argument("--scope", default="new", choices=("anywhere", "new", "untyped", "fallback", "fallback+new"),
                   help="where model names count: everywhere, only where no rule typed anything (default), "
                        "only to type spans a rule found with no type, or (fallback) only as the type "
                        "of a name the merger keeps with no rule's type, instead of the default")
    p.add_argument("--shape", default="any", choices=("any", "title"), help="title: only Title Case multi-word names")
    p.add_argument("--labels", default=",".join(LABELS), help="predicted types passed on (comma-separated)")
    p.add_argument("--config", default="/tmp/akg_ner_config.cfg", help="where the config copy is written")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/train_ner.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("train", help="build the training data and train the model")
    p.add_argument("--silver", type=int, default=5000, help="corpus abstracts labelled by the rules (default 5000)")
    p.add_argument("--swap", type=float, default=0.5, help="share of lexicon names swapped for coined ones (default 0.5)")
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--no-scierc", action="store_true", help="silver data only")
    p.add_argument("--width", type=int, default=32, help="token vector width (default 32)")
    p.add_argument("--depth", type=int, default=2, help="CNN layers (default 2)")
    p.add_argument("--hidden", type=int, default=32, help="NER state hidden width (default 32)")
    p.add_argument("--out", default=str(MODEL_DIR))
    p.set_defaults(func=train)
    p = sub.add_parser("measure", help="kg eval with akg_ner added to a copy of the pipeline config")
    p.add_argument("gold")
    p.add_argument("--show-errors", action="store_true")
    pipeline_options(p)
    p.set_defaults(func=measure)
    p = sub.add_parser("speed", help="extraction speed over the shared corpus, with or without akg_ner")
    p.add_argument("-n", "--limit", type=int, default=3000)
    p.add_argument("-j", "--jobs", type=int, default=2)
    pipeline_options(p)
    p.set_defaults(func=speed)
    p = sub.add_parser("additions", help="sample what akg_ner adds or retypes on corpus abstracts")
    p.add_argument("-n", "--limit", type=int, default=1000, help="corpus abstracts (not in the gold files)")
    p.add_argument("--sample", type=int, default=30)
    p.add_argument("--seed", type=int, default=1, help="seed of the sample of changes shown")
    p.add_argument("--skip", type=int, default=5000, help="abstracts of the training sample to skip (default 5000)")
    pipeline_options(p)
    p.set_defaults(func=additions)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
