"""`akg_context`: names found and typed by the words around them (cue words: data/cues.json).

- "the HELMET benchmark", "the ToolPO algorithm": the head noun after a name types it;
- "ToolPO, a novel framework ...", "CultureVLM, a series of VLMs": a description types the
  name before it (a released model/agent/system is a model);
- title "BioCube: A Multimodal Dataset for ...": the title's description types its name;
- "a new benchmark, EVOKE", "a dataset called X": the head noun before a name types it;
- "we propose X", "a method called X": X is a name (type decided later), and proposed;
  "we propose context synthesis, which ...": a described proposal is a method;
- "experiments on X, Y and Z": names after "on"/"across" in a sentence about evaluation
  are benchmarks;
- "in terms of X, Y and Z": metrics.

Descriptive phrases found by their head word ("rollback mechanism", "training time",
"long-horizon video generation") are `akg_phrases`'s (phrases/).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction.candidates import UNTYPED, add
from kg.extraction.cues import is_coined, load_cues, name_after, name_before, singular, title_end

# Heads of an "in terms of" item that name a process, not a measure: "in terms of policy learning".
PROCESS_ITEM_HEADS = {"learning", "training", "optimization", "tuning", "fine-tuning"}
# Nouns of a measured change: "24.8% gains in time and cost".
GAIN_NOUNS = {"gain", "gains", "savings", "reduction", "reductions", "improvement", "improvements"}
# "a 13% increase in amino acid recovery": a change counted by a number names what it changes.
NUMBERED_CHANGES = GAIN_NOUNS | {"increase", "increases", "decrease", "decreases", "drop", "drops", "rise", "boost",
                                 "degradation", "decline"}
ITEM_ENDS_GAIN = {"over", "than", "compared", "across", "on", "while", "against", "relative", "for", "with", "when",
                  "at", "of", "by", "in", "to", "and"}
POSSESSIVES = {"its", "their", "our", "his", "her", "whose"}
# Adjectives that, alone before "and", modify the next item: "in terms of single and multiple steps".
SHARED_MODIFIERS = {"single", "multiple", "short", "long", "local", "global", "low", "high", "small", "large",
                    "online", "offline", "static", "dynamic", "individual", "collective"}
LIST_JOINERS = {",", "and", "or", "/", "&"}
PROPOSAL_ENDS = {",", ".", "(", "that", "which", "to", "for", "where", "with", "by", "in", "on", ";", ":"}
DESCRIPTION_STOPS = {"that", "which", "of", "to", "for", "with", "in", "on", "by", "from", "via", "and", "or", "is", "are", "where"}
EVAL_PREPOSITIONS = {"on", "across", "over"}
TITLE_RUN_LEADS = {"a", "an", "the", "our", "called", "named"}
# Words that may stand just before a task phrase besides the modifier stop words: "during front-end code generation".
PHRASE_OPENERS = {"during", "toward", "towards", "between", "among", "within", "beyond", "like", "unlike", "despite",
                  "after", "before", "about", "upon", "around", "against", "versus", "vs", "beside", "besides", "under"}
RUN_FOLLOWERS = {"is", "are", "was", "were", "has", "have", "can", "will", "could", "would", "then", "also", "as", "at"}
LATER_WORDS = {"within", "than", "per", "when", "while", "compared", "relative", "across", "over", "at", "but", "so"}
BASED_HEADS = {"methods", "method", "approaches", "approach", "techniques", "technique", "models", "frameworks", "framework",
               "algorithms", "algorithm", "solutions", "solution"}
QUESTION_WORDS = {"how", "what", "why", "when", "which", "who", "can", "do", "does", "is", "are", "should", "will"}
HEAD_NOUN_EXTRAS = {"model", "models", "set", "test"}  # "Llama models", "the ERA5 data set"
TRAINED_WORDS = {"trained", "pretrained", "pre-trained", "fine-tuned", "finetuned"}
CLASS_ACRONYMS = {"llm", "llms", "vlm", "vlms", "mllm", "mllms"}
# Words that make "X Models" a kind of model, not a name: "Small Models", "Foundation Models".
KIND_ADJECTIVES = {"small", "smaller", "large", "larger", "big", "tiny", "foundation", "language", "pretrained", "pre-trained",
                   "base", "open", "frontier", "generative", "multimodal"}
# Nouns whose examples ("such as X, Y") are methods.
METHOD_CLASS_NOUNS = {"works", "methods", "approaches", "algorithms", "techniques", "frameworks", "architectures",
                      "optimizers", "strategies"}
# Nouns whose examples ("datasets such as JMP", "LLMs such as OctoThinker") are benchmarks or models.
CLASS_NOUN_LABELS = {**{w: "method" for w in METHOD_CLASS_NOUNS},
                     **{w: "benchmark" for w in ("datasets", "benchmarks", "corpora", "simulators", "testbeds", "suites")},
                     # not "models such as DeepFM" (often architectures), nor "environments such as Windows OS"
                     **{w: "model" for w in ("llms", "vlms", "mllms", "checkpoints")}}
# Words that open a list of examples like "such as" does.
EXAMPLE_LEADS = {"including", "e.g.", "e.g", "like", "namely"}
# Words that open a list of examples like "such as" does.
EXAMPLE_LEADS = {"including", "e.g.", "e.g", "like", "namely"}
# "a strategy employing global generator freezing": the proposal is what the head employs.
EMPLOY_WORDS = {"employing", "using", "leveraging", "combining", "integrating", "exploiting", "utilizing", "via"}




@dataclass
class Words:
    """One pass over a doc's words, shared by the context and phrase finders: building
    spaCy Token objects over and over is what costs here."""

    lowers: list[str]
    lower_set: set[str]  # lets a rule skip an abstract without its trigger word
    sentence_of: list[int]  # word -> start of its sentence
    eval_sentences: set[int]  # sentences about evaluation ("experiments on ...")
    number_sentences: set[int]  # sentences with a number or a percent sign


# "100ms", "1/24th", "3.2x", "~5s": a number written together with its unit (not "7B", "3D": sizes and kinds)
NUMBER_WITH_UNIT = re.compile(r"[~<>]?\d+(?:[.,/]\d+)*([a-z\u00d7]+)")
SIZE_CLASS = re.compile(r"(?:sub|under|over)-\d", re.IGNORECASE)  # "sub-10B models": models under a size


def read_words(doc: Doc, eval_words, number_units=frozenset()) -> Words:
    """The doc's Words, read once for all the components that ask with the same eval words."""
    cached = doc._.akg_words
    if cached is not None and cached[0] == eval_words:
        return cached[1]
    lowers = [t.lower_ for t in doc]
    sentence_of = [0] * len(doc)
    numeric = doc.to_array(LIKE_NUM).tolist()
    eval_sentences, number_sentences = set(), set()
    for sentence in doc.sents:
        span = range(sentence.start, sentence.end)
        for k in span:
            sentence_of[k] = sentence.start
        if any(lowers[k] in eval_words for k in span):
            eval_sentences.add(sentence.start)
        if any(numeric[k] or lowers[k] == "%" or _with_unit(lowers[k], number_units) for k in span):
            number_sentences.add(sentence.start)
    words = Words(lowers, set(lowers), sentence_of, eval_sentences, number_sentences)
    doc._.akg_words = (eval_words, words)
    return words


def _with_unit(lower: str, units) -> bool:
    if not lower[:1].isdigit() and lower[:1] not in "~<>":
        return False
    match = NUMBER_WITH_UNIT.fullmatch(lower)
    return bool(match) and match.group(1) in units


def continues(token) -> bool:
    """Whether a lower-case word after a name or head goes on with it ("time series")."""
    lower = token.lower_
    if lower == "series":  # "time series": a plural-looking noun, not a verb
        return True
    return token.is_lower and token.is_alpha and lower not in DESCRIPTION_STOPS and lower not in RUN_FOLLOWERS \
        and lower not in PHRASE_OPENERS and lower not in LATER_WORDS and not lower.endswith(("s", "ed"))


# "the existing ExTES mental health dataset": words between a name and its head that say what the data is about
MODIFIER_STOPS = {"of", "and", "or", "with", "for", "in", "on", "to", "by", "from", "new", "novel", "our", "this"}
DATASET_LEADS = {"the", "existing", "public", "publicly", "popular", "widely-used", "standard", "original", "benchmark"}


# Heads after which a described proposal keeps its head word: "a weight reconstruction method"
NAMED_METHOD_HEADS = {"method", "algorithm", "technique"}
# Agent nouns that name a part of a system: "the Planner", "the Manager", "Actors", "QA Agents"
PART_ENDINGS = ("er", "or", "ers", "ors", "agent", "agents")


class ContextFinder:
    def __init__(self, name: str, cues_file: str):
        self.name = name
        self.cues = load_cues(cues_file)
        self.end_of_title = 0  # of the doc being processed

    def __call__(self, doc: Doc) -> Doc:
        end_of_title = self.end_of_title = title_end(doc)
        # Read each word once: building spaCy Token objects over and over is what costs here.
        words = read_words(doc, self.cues.eval_words, self.cues.number_units)
        lowers, sentence_of, eval_sentences = words.lowers, words.sentence_of, words.eval_sentences
        self.not_datasets = self._defined_otherwise(doc)
        proposed = []
        heads = self.cues.name_heads
        for i, lower in enumerate(lowers):
            if (lower in self.cues.propose_verbs or lower in self.cues.naming_words) \
                    and not (lower == "named" and i + 1 < len(doc) and lowers[i + 1] in ("entity", "entities")):
                proposed.extend(self._proposed(doc, i, end_of_title))
            elif lower in EVAL_PREPOSITIONS and sentence_of[i] in eval_sentences:
                self._name_list(doc, i + 1, end_of_title, "benchmark", "context:evaluated-on", 0.6)
            elif lower == "in" and sentence_of[i] in eval_sentences and i + 1 < len(doc) and is_coined(doc[i + 1]):
                self._name_list(doc, i + 1, end_of_title, "benchmark", "context:evaluated-in", 0.6)
            elif lower == "terms" and i > 0 and lowers[i - 1] == "in" and i + 1 < len(doc) and lowers[i + 1] == "of" \
                    and not doc[i - 1].is_sent_start:  # "In terms of user interaction, we explore ...": a topic
                self._metric_list(doc, i + 2)
            elif lower == "in" and i > 0 and lowers[i - 1] in GAIN_NOUNS and sentence_of[i] in words.number_sentences:
                self._gain_list(doc, i + 1)  # "24.8% gains in time and cost"
            elif lower == "in" and i > 1 and lowers[i - 1] in NUMBERED_CHANGES and self._counted(doc, i - 2, words):
                self._gain_list(doc, i + 1, any_head=True)  # "a 13% increase in amino acid recovery"
            elif lower == "," and i > 0:
                self._appositive(doc, i, end_of_title)
            elif lower == "as" and i > 1 and lowers[i - 1] == "such" and any(
                    w in CLASS_NOUN_LABELS for w in lowers[max(0, i - 4):i - 1]):
                # "recent works such as STORM", "mixed datasets such as JMP": the nearest class noun types the list
                noun = next(w for w in reversed(lowers[max(0, i - 4):i - 1]) if w in CLASS_NOUN_LABELS)
                self._coined_list(doc, i + 1, end_of_title, CLASS_NOUN_LABELS[noun])
            elif lower in EXAMPLE_LEADS and CLASS_NOUN_LABELS.get(self._class_noun_before(lowers, i)) == "benchmark":
                # "benchmarks including X and Y", "datasets (e.g., X)": the same lists as "such as" (not "architectures
                # like DenseNet201", a sized checkpoint)
                noun = self._class_noun_before(lowers, i)
                start = i + 1 + (i + 1 < len(doc) and doc[i + 1].text == ",")
                self._coined_list(doc, start, end_of_title, CLASS_NOUN_LABELS[noun])
            elif lower == "-based" and i > 0:
                self._based_methods(doc, i)
            elif lower in TITLE_RUN_LEADS and i >= end_of_title:
                self._title_case_run(doc, i + 1)
            elif lower in ("a", "an") and i > 0 and is_coined(doc[i - 1]):
                # "we introduce UltraHorizon a novel benchmark": the comma is missing
                start = name_before(doc, i, end_of_title)
                self._type_from_description(doc, start, i, i + 1, "context:appositive")
            if lower == "forth" and i > 0 and lowers[i - 1] == "put":
                self._described_proposal(doc, i)
            if lower in TRAINED_WORDS and i > 0 and is_coined(doc[i - 1]) and i + 1 < len(doc) and lowers[i + 1] == "on":
                # "MatDetector trained on our knowledge base": what is trained on data is a model
                # ("LongCoT-RL trained with a 24K budget" may name the training recipe)
                add(doc, name_before(doc, i, end_of_title), i, "model", "context:trained", 0.75)
            if lower in heads or lower in HEAD_NOUN_EXTRAS:
                self._head_noun(doc, i, end_of_title)
            if lower in heads:
                self._named_after_head(doc, i, end_of_title)
        self._title_colon(doc, end_of_title)
        self._named_parts(doc, end_of_title)
        self._title_repeated(doc, end_of_title)
        doc._.akg_proposed = proposed
        return doc



    def _defined_otherwise(self, doc: Doc) -> set[str]:
        """Acronyms the paper defines as something other than a dataset: "Composed Image Retrieval
        (CIR)", "out-of-distribution (OOD)", "Traveling Salesman Problem (TSP)". "CIR datasets" and
        "experiments on OOD" then name a kind of data, not a dataset called CIR."""
        found = set()
        for start, end, short, _ in doc._.akg_definitions or ():
            words = doc[start:end]
            label = self.cues.head_type.get(singular(words[-1].text.split("-")[-1]))
            if (label and label != "benchmark") or (not label and all(not t.is_alpha or t.is_lower or t.is_sent_start
                                                                     for t in words)):
                found.add(doc[short].text)
        return found

    def _head_noun(self, doc: Doc, i: int, end_of_title: int) -> None:
        word = doc[i].lower_
        if word == "set" and i > 0 and doc[i - 1].lower_ == "data":  # "the ERA5 data set"
            word, i = "dataset", i - 1
        label = self.cues.name_heads.get(word)
        if doc[i].text == "Test" and i > 1 and doc[i - 1].is_title and doc[i - 2].is_title:
            label = "benchmark"  # "the Virology Capabilities Test": a named test is taken, like a benchmark
        if not label and word not in ("model", "models"):
            return
        if label and i > 3 and doc[i - 1].text == ")" and doc[i - 3].text == "(":
            # "the World Central Banks (WCB) dataset": the long form and its acronym
            start = name_before(doc, i - 3, end_of_title)
            for c in doc._.akg_candidates or ():
                if c[1] == i - 3 and c[3] == "acronym:long-form" and c[0] < start:
                    start = c[0]  # "the Long-Horizon Planning and Reasoning in VLN (LHPR-VLN) benchmark"
                    break
            if start < i - 3:
                add(doc, start, i - 3, label, f"context:head-{word}", 0.7)
                add(doc, i - 2, i - 1, label, f"context:head-{word}", 0.7)
            return
        start = name_before(doc, i, end_of_title)
        if start == i and label == "benchmark":
            # "the existing ExTES mental health dataset": a coined name before what the data is about
            k = i
            while k > 0 and i - k < 3 and doc[k - 1].is_lower and doc[k - 1].is_alpha \
                    and doc[k - 1].lower_ not in DESCRIPTION_STOPS and doc[k - 1].lower_ not in MODIFIER_STOPS:
                k -= 1
            if i - 3 <= k < i and k > 1 and is_coined(doc[k - 1]) and doc[k - 2].lower_ in DATASET_LEADS:
                add(doc, k - 1, k, label, f"context:head-{word}", 0.65)
            return
        if start == i or (label == "method" and not any(is_coined(t) for t in doc[start:i])):
            return  # "a Euclidean framework", "the Bayesian approach": adjectives, not names
        if label == "benchmark" and word.endswith(("s", "corpora")) and doc[i - 1].text in self.not_datasets:
            return  # "existing CIR datasets", "popular MARL benchmarks": data of a kind
        if not label and SIZE_CLASS.match(doc[start].text):
            return  # "sub-10B models", "under-1B models": a size class, not a model
        if not label:  # "Llama models", "the ColorAgent model": a model; "the Bradley-Terry model": unknown
            coined = any(c.isdigit() for t in doc[start:i] for c in t.text) or any(
                any(c.isupper() for c in t.text[1:]) and any(c.islower() for c in t.text) for t in doc[start:i])
            label = "model" if coined else UNTYPED
            if not coined and doc[i - 1].lower_ in KIND_ADJECTIVES:
                return  # "Quantum Large Language Models", "Steer Large Models": capitals on a kind of model
        if (label == "metric" or doc[i].text == "Test") and doc[i].is_title and doc[start].is_title and i - start >= 2:
            i += 1  # "Knowledge Transferability Score", "Virology Capabilities Test": the head is part of the name
        elif word in self.cues.kept_heads and not self._known_name(doc, start, i):
            i += 1  # "ICRL prompting", "semi-AR decoding": a procedure head names the technique with the coined word
        # "the lightweight MiniWorld simulator": a data or environment head outweighs a model-name suffix
        add(doc, start, i, label, f"context:head-{word}", 0.8 if label == "benchmark" else 0.7)

    @staticmethod
    def _known_name(doc: Doc, start: int, end: int) -> bool:
        # a lexicon name before the head is found on its own, or as a variant ("GRPO sampling")
        return any(c[0] <= start and c[1] >= end and c[3].startswith("lexicon:") for c in doc._.akg_candidates or ())

    def _appositive(self, doc: Doc, comma: int, end_of_title: int) -> None:
        # "CultureVerse, a large-scale multimodal benchmark covering ...": type from the first head word.
        if comma + 1 >= len(doc) or doc[comma + 1].lower_ not in ("a", "an", "the"):
            return
        if comma > 3 and doc[comma - 1].text == ")" and doc[comma - 3].text == "(":
            # "Noise-Noise Ratio Difference (NNRD), a quantitative metric": the acronym and its long form
            self._type_from_description(doc, comma - 2, comma - 1, comma + 2, "context:appositive")
            for c in doc._.akg_candidates or ():
                if c[1] == comma - 3 and c[3] == "acronym:long-form":
                    self._type_from_description(doc, c[0], c[1], comma + 2, "context:appositive")
                    break
            return
        if comma > 1 and doc[comma - 1].text == ")" and "(" in doc[comma - 2].text[1:]:
            # "BigO(Bench), a novel coding benchmark": the parenthesis is part of the name
            self._type_from_description(doc, comma - 2, comma, comma + 2, "context:appositive")
            return
        start = name_before(doc, comma, end_of_title)
        if start == comma:
            return
        self._type_from_description(doc, start, comma, comma + 2, "context:appositive")

    def _title_repeated(self, doc: Doc, end_of_title: int) -> None:
        # "This paper presents Joint Group Profiling and Recommendation via ... Learning, a framework
        # that ...": the title repeated in the abstract and described is the name of the proposal.
        if end_of_title < 4:
            return
        title = doc[:end_of_title].text.strip()
        if len(title.split()) < 3 or ":" in title:
            return
        at = doc.text.find(title, doc[end_of_title].idx)
        if at < 0:
            return
        span = doc.char_span(at, at + len(title))
        if span is None or span.end + 1 >= len(doc) or doc[span.end].text != "," \
                or doc[span.end + 1].lower_ not in ("a", "an"):
            return
        self._type_from_description(doc, span.start, span.end, span.end + 2, "context:title-repeated")

    @staticmethod
    def _named_parts(doc: Doc, end_of_title: int) -> None:
        # "the Planner breaks down ..., the Manager maintains ...", "agents: Planner, Step Definer,
        # Extractor, and QA Agents": capitalised agent nouns in mid-sentence, two or more in one
        # sentence, name the parts of a system.
        for sent in doc.sents:
            if sent.start < end_of_title:
                continue
            parts = []
            for t in sent[1:]:
                text = t.text
                if not (t.is_alpha and t.is_title and len(text) > 4 and text.lower().endswith(PART_ENDINGS)):
                    continue
                prev = doc[t.i - 1]
                start = t.i
                if prev.is_title or prev.is_upper and prev.is_alpha and len(prev.text) > 1:
                    if prev.i == sent.start or not prev.is_alpha:
                        continue
                    start = prev.i  # "Step Definer", "QA Agents"
                    prev = doc[start - 1]
                if prev.lower_ in ("the", ",", ":", "and") or (prev.is_lower and prev.is_alpha and doc[prev.i - 1].lower_ == "the"):
                    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                    if nxt is None or nxt.is_lower or nxt.is_punct:
                        parts.append((start, t.i + 1))
            if len(parts) >= 2:
                for start, end in parts:
                    add(doc, start, end, "method", "context:named-part", 0.6)

    def _title_case_run(self, doc: Doc, i: int) -> None:
        # "we utilize a Bug Locator with ...", "the Program Modifier is": capitalised words in
        # mid-sentence after a determiner name one thing; a single word may be any proper noun.
        end = i
        while end < len(doc) and end - i < 5 and doc[end].is_title and (doc[end].is_alpha or "-" in doc[end].text):
            end += 1
        if end - i < 2 or doc[i].is_sent_start or (end < len(doc) and (doc[end].is_title or continues(doc[end]))):
            return  # "an Optimal Privacy-Utility tradeoff Strategy": the name goes on in lower case
        head = singular(doc[end - 1].text.split("-")[-1])
        label = self.cues.head_type.get(head)
        if label or (len(head) > 4 and head.endswith(("er", "or"))):  # "Bug Locator"; not "Persian Gulf"
            add(doc, i, end, label or UNTYPED, "context:title-case-run", 0.7)

    def _type_from_description(self, doc: Doc, start: int, end: int, j: int, extractor: str) -> None:
        for k in range(j, min(j + 10, len(doc))):
            if doc[k].is_space:
                return  # a description ends with the title: "X++: Towards Minute-Scale Video Generation\n\nDiffusion models ..."
            word = doc[k].lower_
            label = "model" if word in self.cues.released_heads else self.cues.name_heads.get(word)
            if label is None and word in METHOD_CLASS_NOUNS and doc[j - 1].lower_ == "the":
                label = "method"  # "compared to REPA, the current state-of-the-art methods"
            if label == "model" and word in CLASS_ACRONYMS and k + 1 < len(doc) and doc[k + 1].is_alpha \
                    and doc[k + 1].lower_ not in DESCRIPTION_STOPS:
                continue  # "A Speculative LLM Decoding Framework": "LLM" modifies the head that follows
            if label == "model" and k + 1 < len(doc) and doc[k].whitespace_ == "" and doc[k + 1].text[:1] == "-" \
                    and (word in CLASS_ACRONYMS or word in ("model", "models")):
                continue  # "a novel LLM-based hybrid retriever", "a model-agnostic framework": a modifier
            if word == "model" and k + 1 < len(doc) and doc[k + 1].is_lower and doc[k + 1].lower_ not in self.cues.released_heads \
                    and (self.cues.head_type.get(doc[k + 1].lower_) == "method" or doc[k + 1].lower_ == "class"):
                continue  # "a model class", "a novel model compression method", "a model merging framework"
            if word in ("series", "family") and not (k + 1 < len(doc) and doc[k + 1].lower_ == "of"):
                continue  # "a state-space time series architecture" is not "a series of models"
            if word == "benchmarking":
                label = "benchmark"  # "UltraHorizon: Benchmarking Agent Capabilities in ..."
            if word in ("metric", "measure"):
                label = "metric"  # "NNRD, a quantitative metric for ..."
            if label in ("benchmark", "method", "model", "metric"):
                add(doc, start, end, label, extractor, 0.8)  # a description outweighs a name's shape
                return
            if word in (",", "and") and k > j and k + 1 < len(doc) and doc[k + 1].is_lower \
                    and doc[k + 1].lower_ not in DESCRIPTION_STOPS and doc[k + 1].lower_ not in ("a", "an", "the"):
                continue  # "LitChat, an end-to-end, interactive and conversational literature agent"
            if doc[k].is_punct or (doc[k].is_lower and word in DESCRIPTION_STOPS) or word in QUESTION_WORDS:
                return  # "R-Horizon: How Far Can Your Large Reasoning Model ...?" describes nothing

    def _title_colon(self, doc: Doc, end_of_title: int) -> None:
        # "BioCube: A Multimodal Dataset for Biodiversity Research": the title types its name.
        for token in doc[:end_of_title]:
            if token.text == ":":
                start = name_before(doc, token.i, len(doc))
                if start == token.i == 1 and doc[0].text[:1].isupper() and doc[0].text.rstrip("+").replace("-", "").isalpha() \
                        and len(doc[0].text) > 3:
                    start = 0  # "Cross-Examiner: Evaluating ...": a title's one-word lead is its name
                if start < token.i:
                    add(doc, start, token.i, UNTYPED, "context:title-name", 0.75)
                    self._type_from_description(doc, start, token.i, token.i + 1, "context:title-name")
                return

    def _named_after_head(self, doc: Doc, i: int, end_of_title: int) -> None:
        # "a new benchmark, EVOKE", "a dataset called X", "the benchmark X".
        label = self.cues.name_heads.get(doc[i].lower_)
        j = i + 1
        while j < len(doc) and (doc[j].text == "," or doc[j].lower_ in self.cues.naming_words):
            j += 1
        end = name_after(doc, j, end_of_title)
        if label in ("benchmark", "method") and end > j and any(is_coined(t) for t in doc[j:end]):
            # "a novel paradigm called ToM-agent": a description with a naming word outweighs the name's shape
            called = any(t.lower_ in self.cues.naming_words for t in doc[i + 1:j])
            add(doc, j, end, label, "context:named-after-head", 0.8 if called else 0.7)

    def _proposed(self, doc: Doc, verb: int, end_of_title: int) -> list[tuple[int, int]]:
        # "we propose ToolPO", "we introduce a new benchmark, EVOKE", "a method called X".
        found = []
        self._described_proposal(doc, verb)
        j = verb + 1
        while j < len(doc) and j < verb + 8 and doc[j].text not in (".", ";", ":") and doc[j].lower_ not in DESCRIPTION_STOPS:
            end = name_after(doc, j, end_of_title)
            if end > j:
                add(doc, j, end, UNTYPED, "context:proposed", 0.75)
                found.append((j, end))
                break
            j += 1
        return found

    def _described_proposal(self, doc: Doc, verb: int) -> None:
        # "we propose context synthesis, which ...": a proposal described, not named.
        subject = verb - 1
        if doc[verb].lower_ == "forth" and verb > 2:  # "we (further) put forth a ..."
            subject = verb - 3 if doc[verb - 2].lower_ in ("also", "further", "then") else verb - 2
        if doc[verb].lower_ in self.cues.naming_words or verb == 0 or doc[subject].lower_ not in ("we", "paper", "work"):
            return
        sent_end = doc[verb].sent.end
        for k in range(verb + 4, sent_end - 3):
            if doc[k].lower_ in ("a", "an") and doc[k - 1].lower_ == "as" and doc[k - 2].lower_ == "well" and doc[k - 3].lower_ == "as":
                self._named_method_phrase(doc, k + 1)  # "..., as well as a weight reconstruction method for ..."
        j = verb + 1
        while j < len(doc) and doc[j].lower_ in self.cues.proposal_adjectives:
            j += 1
        end, words = j, 0
        while end < len(doc) and words < 5 and doc[end].is_lower and (doc[end].is_alpha or "-" in doc[end].text) \
                and doc[end].lower_ not in DESCRIPTION_STOPS and doc[end].lower_ not in self.cues.task_modifier_stop:
            words += not doc[end].text.startswith("-")  # "matrix" "-based" is one word split by the tokenizer
            end += 1
        if end == j or end >= len(doc) or doc[end].lower_ not in PROPOSAL_ENDS:
            return
        if end - j > 1 and doc[end - 1].lower_.endswith("ed") and doc[end - 2].lower_ in self.cues.proposal_generic_heads:
            end -= 1  # "a time series forecasting method based on ...": the participle opens a description
        while end - j > 1 and self._trailing_participle(doc[end - 1]):
            end -= 1  # "a lookup table based on ...", "an autoencoder method trained entirely on ...": not part of the name
        for k in range(j, end - 2):
            if doc[k].lower_ in self.cues.proposal_generic_heads and doc[k + 1].lower_ in EMPLOY_WORDS:
                j = k + 2  # "a strategy employing global generator freezing" proposes the freezing
                break
        if doc[end - 1].lower_ in self.cues.proposal_generic_heads and end - j > 2 and doc[end - 1].lower_ not in NAMED_METHOD_HEADS \
                and self.cues.head_type.get(singular(doc[end - 2].text)) == "method":
            end -= 1  # "a multi-timescale hierarchical reinforcement learning approach" names the learning
        if doc[end - 1].lower_ in NAMED_METHOD_HEADS and end - j >= 3 and doc[j].lower_ not in self.cues.proposal_generic_heads \
                and not any(doc[k].lower_ in self.cues.proposal_generic_heads for k in range(j, end - 1)):
            # "we put forth a counterfactual intervention method": two words or more before the head
            # make a name ("a re-ranking method" is a kind); the head stays, as written
            add(doc, j, end, "method", "context:described-proposal", 0.6)
            return
        if doc[end - 1].lower_ in self.cues.proposal_generic_heads or not (end - j > 1 or doc[end - 1].lower_.endswith(("ing", "tion", "ment"))):
            return
        add(doc, j, end, "method", "context:described-proposal", 0.6)

    @staticmethod
    def _trailing_participle(token) -> bool:
        lower = token.lower_
        return "-" not in lower and len(lower) > 4 and (lower.endswith("ly") or (lower.endswith("ed") and not lower.endswith("eed")))

    def _named_method_phrase(self, doc: Doc, j: int) -> None:
        while j < len(doc) and doc[j].lower_ in self.cues.proposal_adjectives:
            j += 1
        end = j
        while end < len(doc) and end - j < 5 and doc[end].is_lower and (doc[end].is_alpha or "-" in doc[end].text) \
                and doc[end].lower_ not in DESCRIPTION_STOPS and doc[end].lower_ not in self.cues.task_modifier_stop \
                and doc[end].lower_ not in NAMED_METHOD_HEADS:
            end += 1
        if end - j >= 2 and end < len(doc) and doc[end].lower_ in NAMED_METHOD_HEADS \
                and (end + 1 >= len(doc) or doc[end + 1].lower_ in PROPOSAL_ENDS) \
                and not any(doc[k].lower_ in self.cues.proposal_generic_heads for k in range(j, end)):
            add(doc, j, end + 1, "method", "context:described-proposal", 0.6)

    def _based_methods(self, doc: Doc, suffix: int) -> None:
        # "structure consistency-based methods" names "structure consistency" (the guideline's X-style rule).
        if suffix + 1 >= len(doc) or doc[suffix + 1].lower_ not in BASED_HEADS or doc[suffix - 1].whitespace_:
            return
        start = suffix
        while start > 0 and suffix - start < 4 and doc[start - 1].is_lower and (doc[start - 1].is_alpha or "-" in doc[start - 1].text[1:]) \
                and doc[start - 1].lower_ not in self.cues.task_modifier_stop and doc[start - 1].lower_ not in DESCRIPTION_STOPS:
            start -= 1
        if suffix - start >= 2:  # one word ("graph-based methods") is a kind, not a name
            add(doc, start, suffix, "method", "context:based-methods", 0.6)

    def _name_list(self, doc: Doc, i: int, end_of_title: int, label: str, extractor: str, confidence: float) -> None:
        if i < len(doc) and doc[i].lower_ in ("the", "both", "several", "standard", "popular"):
            i += 1
        while i < len(doc):
            end = name_after(doc, i, end_of_title)
            if end == i:
                return
            if not (end == i + 1 and doc[i].text in self.not_datasets):  # "evaluated in SE tasks"
                add(doc, i, end, label, extractor, confidence)
            i = end
            while i < len(doc) and doc[i].lower_ in LIST_JOINERS:
                i += 1

    @staticmethod
    def _class_noun_before(lowers: list[str], i: int) -> str | None:
        # the class noun right before the lead, past "(" or ",": "datasets (e.g.,", "methods, including"
        j = i - 1
        while j >= 0 and lowers[j] in ("(", ","):
            j -= 1
        return lowers[j] if j >= 0 and lowers[j] in CLASS_NOUN_LABELS else None

    def _coined_list(self, doc: Doc, i: int, end_of_title: int, label: str = "method") -> None:
        # The coined names listed after "methods such as": each is a method (a dataset after "datasets such as").
        while i < len(doc):
            end = name_after(doc, i, end_of_title)
            if end == i:
                return
            if any(is_coined(t) for t in doc[i:end]) or (end - i >= 2 and all(t.is_title for t in doc[i:end])):
                add(doc, i, end, label, f"context:{label}s-such-as", 0.65)  # "STORM", "Neural Style Transfer"
            i = end
            while i < len(doc) and doc[i].lower_ in LIST_JOINERS:
                i += 1

    def _metric_list(self, doc: Doc, i: int) -> None:
        # "in terms of accuracy, latency and cost": short lower-case items joined by "," / "and".
        stop = self.cues.task_modifier_stop
        while i < len(doc):
            start = i
            while i < len(doc) and i - start < 3 and doc[i].is_lower and not doc[i].is_punct \
                    and doc[i].lower_ not in LIST_JOINERS and doc[i].lower_ not in ("both", "while", "with", "than", "the"):
                i += 1
            if i == start or (i < len(doc) and doc[i].is_lower and doc[i].lower_ not in LIST_JOINERS) \
                    or any(t.lower_ in POSSESSIVES for t in doc[start:i]):
                return  # not a short noun phrase: the sentence goes on ("..., validating its effectiveness")
            if i - start == 1 and doc[start].lower_ in SHARED_MODIFIERS and i < len(doc) and doc[i].lower_ in ("and", "or"):
                return  # "in terms of single and multiple steps optimization": a shared modifier, no list of measures
            if not all(t.lower_ in stop for t in doc[start:i]) and doc[i - 1].lower_ not in PROCESS_ITEM_HEADS:
                add(doc, start, i, "metric", "context:in-terms-of", 0.65)
            if i >= len(doc) or doc[i].lower_ not in LIST_JOINERS:
                return
            last = doc[i].lower_ in ("and", "or")
            while i < len(doc) and doc[i].lower_ in LIST_JOINERS:
                last = last or doc[i].lower_ in ("and", "or")
                i += 1
            if last:
                self._metric_item(doc, i, stop)
                return

    @staticmethod
    def _counted(doc: Doc, i: int, words: Words) -> bool:
        # "a 13% increase", "a 2.3x reduction", "a 40-point drop": the change itself is a number
        text = words.lowers[i]
        if text in ("%", "-fold", "points", "point", "percent") and i > 0:
            text = words.lowers[i - 1]
        return doc[i].like_num or text[:1].isdigit() and (text.rstrip("%x\u00d7").replace(".", "").replace(",", "").isdigit()
                                                        or text.endswith(("-fold", "-point", "%")))

    def _gain_list(self, doc: Doc, i: int, any_head: bool = False) -> None:
        # "gains in time and cost", "savings in memory and latency": one- or two-word items headed by a
        # metric head word, joined by "and" / ",", name what the gain is measured in. After a change that is
        # itself a number ("a 13% increase in amino acid recovery") any short noun phrase is the measure.
        items = []
        while i < len(doc) and len(items) < 4:
            start = i
            while i < len(doc) and i - start < (3 if any_head else 2) and doc[i].is_lower and doc[i].is_alpha \
                    and doc[i].lower_ not in LIST_JOINERS and doc[i].lower_ not in ITEM_ENDS_GAIN:
                i += 1
            if i == start or (doc[i - 1].lower_ not in self.cues.metric_heads
                              and (not any_head or doc[i - 1].lower_.endswith("ing"))) \
                    or any(t.lower_ in self.cues.task_modifier_stop for t in doc[start:i]):
                if items and (doc[start - 1].text == "," or doc[start].lower_ in ("a", "an", "the")):
                    i = start - 1  # "gains in time and cost, especially when ...", "... recovery and a 3.3% rise"
                    break
                return
            items.append((start, i))
            if i >= len(doc) or doc[i].lower_ not in ("and", ",", "or"):
                break
            i += 1
        if i < len(doc) and doc[i].is_lower and doc[i].lower_ not in ITEM_ENDS_GAIN:
            return  # the phrase goes on: "gains in time series forecasting"
        for start, end in items:
            add(doc, start, end, "metric", "context:gain-in", 0.6)

    def _metric_item(self, doc: Doc, i: int, stop) -> None:
        start = i
        while i < len(doc) and i - start < 3 and doc[i].is_lower and not doc[i].is_punct and doc[i].lower_ not in LIST_JOINERS:
            i += 1
        if i > start and not all(t.lower_ in stop for t in doc[start:i]) and (i == len(doc) or not doc[i].is_lower) \
                and not any(t.lower_ in POSSESSIVES for t in doc[start:i]) \
                and doc[i - 1].lower_ not in PROCESS_ITEM_HEADS:
            add(doc, start, i, "metric", "context:in-terms-of", 0.65)


















@Language.factory("akg_context", default_config={"cues_file": ""})
def make_context(nlp: Language, name: str, cues_file: str) -> ContextFinder:
    return ContextFinder(name, cues_file)
