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
- "in terms of X, Y and Z", "training time ... by 75%", "+4.68% SR": metrics;
- "rollback mechanism", "thought switching penalty": descriptive method phrases;
- "tasks such as mathematical reasoning", "long-horizon video generation": task phrases
  end in a task head word after one to three modifier words.
"""
from __future__ import annotations

import re
from collections import defaultdict

from spacy.attrs import LIKE_NUM
from spacy.language import Language
from spacy.tokens import Doc

from kg.extraction.candidates import UNTYPED, add
from kg.extraction.tokenizer import MODIFIER_SUFFIXES
from kg.extraction.cues import is_coined, load_cues, name_after, name_before, singular, title_end

LIST_JOINERS = {",", "and", "or", "/", "&"}
UNIT_ACRONYM = re.compile(r"^[A-Z][A-Z0-9@-]{1,5}$")
PROPOSAL_ENDS = {",", ".", "(", "that", "which", "to", "for", "where", "with", "by", "in", "on", ";", ":"}
DESCRIPTION_STOPS = {"that", "which", "of", "to", "for", "with", "in", "on", "by", "from", "via", "and", "or", "is", "are", "where"}
EVAL_PREPOSITIONS = {"on", "across", "over"}
TITLE_RUN_LEADS = {"a", "an", "the", "our", "called", "named"}
BY_SKIP = {"up", "to", "over", "nearly", "about", "approximately", "roughly", "around", "almost", "more", "than",
           "an", "average", "of", "as", "much", "+", "~", "$"}
# Words that may stand just before a task phrase besides the modifier stop words: "during front-end code generation".
PHRASE_OPENERS = {"during", "toward", "towards", "between", "among", "within", "beyond", "like", "unlike", "despite",
                  "after", "before", "about", "upon", "around", "against", "versus", "vs", "beside", "besides", "under"}
RUN_FOLLOWERS = {"is", "are", "was", "were", "has", "have", "can", "will", "could", "would", "then", "also", "as", "at"}
LATER_WORDS = {"within", "than", "per", "when", "while", "compared", "relative", "across", "over", "at", "but", "so"}
BASED_HEADS = {"methods", "method", "approaches", "approach", "techniques", "models", "frameworks", "algorithms", "solutions"}
# "-ing" words that are verbs or determiners before a method head, not part of its name ("thought switching penalty").
GERUND_STOPS = {"following", "using", "existing", "including", "underlying", "corresponding", "resulting", "remaining",
                "promising", "emerging", "increasing", "interesting", "during", "having", "being", "making", "ensuring"}
PRONOUNS = {"we", "they", "it", "which", "who", "that", "i"}
QUESTION_WORDS = {"how", "what", "why", "when", "which", "who", "can", "do", "does", "is", "are", "should", "will"}
TRAINING_HEADS = {"learning", "training", "optimization", "tuning", "fine-tuning"}
MEASURE_WORDS = {"measuring", "measure", "measures", "measured", "quantify", "quantifies", "quantifying",
                 "metric", "metrics", "reporting"}
HEAD_NOUN_EXTRAS = {"model", "models", "set"}  # "Llama models", "the ERA5 data set"
TRAINED_WORDS = {"trained", "pretrained", "pre-trained", "fine-tuned", "finetuned"}
NP_LEADS = {"the", "its", "their", "our", "overall", "average", "mean"}
# "detect and correct errors": errors as mistakes to handle, not an error measure.
MISTAKE_VERBS = {"correct", "corrects", "detect", "detects", "fix", "fixes", "avoid", "avoids", "prevent", "prevents",
                 "identify", "identifies", "locate", "locates", "repair", "repairs", "catch", "catches", "introduce",
                 "introduces", "propagate", "propagates", "make", "makes", "diagnose", "diagnoses", "recover", "handle"}
CLASS_ACRONYMS = {"llm", "llms", "vlm", "vlms", "mllm", "mllms"}
NUMBER_WORDS = {"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "few"}
ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "able", "ible", "ent", "ant", "ary", "ed", "ing", "ly")
# Words before "metrics" that say what kind of metric, not which one.
GENERIC_METRIC_KINDS = {"evaluation", "automatic", "standard", "common", "traditional", "various", "several", "multiple",
                        "different", "new", "novel", "existing", "key", "quantitative", "qualitative", "performance",
                        "quality", "efficiency", "reference-based", "reference-free", "human", "task-specific",
                        "proposed", "other", "these", "such", "additional", "popular", "established", "classical",
                        "conventional", "overall", "diverse", "comprehensive", "relevant", "complementary", "objective",
                        "subjective", "statistical", "lexical", "fine-grained", "proxy", "downstream", "intrinsic",
                        "extrinsic", "n-gram", "classic", "assessment", "accuracy", "similarity", "distance", "error",
                        "success", "ranking", "retrieval", "generation", "detection", "classification", "image",
                        "video", "text", "model", "system", "evaluation metrics", "benchmark", "task", "core", "main",
                        "primary", "secondary", "important", "critical", "multiple", "standardized", "interpretable"}
# Verbs that take a metric as object: "trade accuracy for efficiency", "maintain accuracy" name "accuracy".
METRIC_VERBS = {"maintain", "maintains", "trade", "trades", "sacrifice", "sacrifices", "preserve", "preserves",
                "retain", "retains", "keep", "keeps", "balance", "balances", "compromise", "compromises", "hurt",
                "hurts", "harm", "harms", "degrade", "degrades", "affect", "affects", "maximize", "maximizes",
                "minimize", "minimizes", "optimize", "optimizes", "attain", "attains", "reach", "reaches",
                "deliver", "delivers", "match", "matches", "exceed", "exceeds", "surpass", "surpasses"}


class ContextFinder:
    def __init__(self, name: str, cues_file: str):
        self.name = name
        self.cues = load_cues(cues_file)
        self.end_of_title = 0  # of the doc being processed

    def __call__(self, doc: Doc) -> Doc:
        end_of_title = self.end_of_title = title_end(doc)
        # Read each word once: building spaCy Token objects over and over is what costs here.
        lowers = self.lowers = [t.lower_ for t in doc]
        sentence_of = self.sentence_of = [0] * len(doc)
        numeric = doc.to_array(LIKE_NUM).tolist()
        eval_sentences, self.number_sentences = set(), set()
        for sentence in doc.sents:
            words = range(sentence.start, sentence.end)
            for k in words:
                sentence_of[k] = sentence.start
            if any(lowers[k] in self.cues.eval_words for k in words):
                eval_sentences.add(sentence.start)
            if any(numeric[k] or lowers[k] == "%" for k in words):
                self.number_sentences.add(sentence.start)
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
            elif lower == "terms" and i > 0 and lowers[i - 1] == "in" and i + 1 < len(doc) and lowers[i + 1] == "of":
                self._metric_list(doc, i + 2)
            elif lower == "," and i > 0:
                self._appositive(doc, i, end_of_title)
            elif lower == "-based" and i > 0:
                self._based_methods(doc, i)
            elif lower in TITLE_RUN_LEADS and i >= end_of_title:
                self._title_case_run(doc, i + 1)
            elif lower in ("a", "an") and i > 0 and is_coined(doc[i - 1]):
                # "we introduce UltraHorizon a novel benchmark": the comma is missing
                start = name_before(doc, i, end_of_title)
                self._type_from_description(doc, start, i, i + 1, "context:appositive")
            if lower in TRAINED_WORDS and i > 0 and is_coined(doc[i - 1]) and i + 1 < len(doc) and lowers[i + 1] == "on":
                # "MatDetector trained on our knowledge base": what is trained on data is a model
                # ("LongCoT-RL trained with a 24K budget" may name the training recipe)
                add(doc, name_before(doc, i, end_of_title), i, "model", "context:trained", 0.75)
            if lower in heads or lower in HEAD_NOUN_EXTRAS:
                self._head_noun(doc, i, end_of_title)
            if lower in heads:
                self._named_after_head(doc, i, end_of_title)
        self._title_colon(doc, end_of_title)
        doc._.akg_proposed = proposed
        self._tasks(doc)
        self._hyphen_tasks(doc)
        self._phrases(doc)
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
        if not label and word not in ("model", "models"):
            return
        if label and i > 3 and doc[i - 1].text == ")" and doc[i - 3].text == "(":
            # "the World Central Banks (WCB) dataset": the long form and its acronym
            start = name_before(doc, i - 3, end_of_title)
            if start < i - 3:
                add(doc, start, i - 3, label, f"context:head-{word}", 0.7)
                add(doc, i - 2, i - 1, label, f"context:head-{word}", 0.7)
            return
        start = name_before(doc, i, end_of_title)
        if start == i or (label == "method" and not any(is_coined(t) for t in doc[start:i])):
            return  # "a Euclidean framework", "the Bayesian approach": adjectives, not names
        if label == "benchmark" and word.endswith(("s", "corpora")) and doc[i - 1].text in self.not_datasets:
            return  # "existing CIR datasets", "popular MARL benchmarks": data of a kind
        if not label:  # "Llama models", "the ColorAgent model": a model; "the Bradley-Terry model": unknown
            coined = any(c.isdigit() for t in doc[start:i] for c in t.text) or any(
                any(c.isupper() for c in t.text[1:]) and any(c.islower() for c in t.text) for t in doc[start:i])
            label = "model" if coined else UNTYPED
        add(doc, start, i, label, f"context:head-{word}", 0.7)

    def _appositive(self, doc: Doc, comma: int, end_of_title: int) -> None:
        # "CultureVerse, a large-scale multimodal benchmark covering ...": type from the first head word.
        start = name_before(doc, comma, end_of_title)
        if start == comma or comma + 1 >= len(doc) or doc[comma + 1].lower_ not in ("a", "an", "the"):
            return
        self._type_from_description(doc, start, comma, comma + 2, "context:appositive")

    def _title_case_run(self, doc: Doc, i: int) -> None:
        # "we utilize a Bug Locator with ...", "the Program Modifier is": capitalised words in
        # mid-sentence after a determiner name one thing; a single word may be any proper noun.
        end = i
        while end < len(doc) and end - i < 5 and doc[end].is_title and (doc[end].is_alpha or "-" in doc[end].text):
            end += 1
        if end - i < 2 or doc[i].is_sent_start or (end < len(doc) and (doc[end].is_title or self._continues(doc[end]))):
            return  # "an Optimal Privacy-Utility tradeoff Strategy": the name goes on in lower case
        head = singular(doc[end - 1].text.split("-")[-1])
        label = self.cues.head_type.get(head)
        if label or (len(head) > 4 and head.endswith(("er", "or"))):  # "Bug Locator"; not "Persian Gulf"
            add(doc, i, end, label or UNTYPED, "context:title-case-run", 0.7)

    @staticmethod
    def _continues(token) -> bool:
        lower = token.lower_
        if lower == "series":  # "time series": a plural-looking noun, not a verb
            return True
        return token.is_lower and token.is_alpha and lower not in DESCRIPTION_STOPS and lower not in RUN_FOLLOWERS \
            and lower not in PHRASE_OPENERS and lower not in LATER_WORDS and not lower.endswith(("s", "ed"))

    def _type_from_description(self, doc: Doc, start: int, end: int, j: int, extractor: str) -> None:
        for k in range(j, min(j + 10, len(doc))):
            word = doc[k].lower_
            label = "model" if word in self.cues.released_heads else self.cues.name_heads.get(word)
            if label == "model" and word in CLASS_ACRONYMS and k + 1 < len(doc) and doc[k + 1].is_alpha \
                    and doc[k + 1].lower_ not in DESCRIPTION_STOPS:
                continue  # "A Speculative LLM Decoding Framework": "LLM" modifies the head that follows
            if word in ("series", "family") and not (k + 1 < len(doc) and doc[k + 1].lower_ == "of"):
                continue  # "a state-space time series architecture" is not "a series of models"
            if word == "benchmarking":
                label = "benchmark"  # "UltraHorizon: Benchmarking Agent Capabilities in ..."
            if label in ("benchmark", "method", "model"):
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
                if start == token.i == 1 and doc[0].text[:1].isupper() and doc[0].text.replace("-", "").isalpha() \
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
            add(doc, j, end, label, "context:named-after-head", 0.7)

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
        if doc[verb].lower_ in self.cues.naming_words or verb == 0 or doc[verb - 1].lower_ not in ("we", "paper", "work"):
            return
        j = verb + 1
        while j < len(doc) and doc[j].lower_ in self.cues.proposal_adjectives:
            j += 1
        end = j
        while end < len(doc) and end - j < 5 and doc[end].is_lower and (doc[end].is_alpha or "-" in doc[end].text) \
                and doc[end].lower_ not in DESCRIPTION_STOPS and doc[end].lower_ not in self.cues.task_modifier_stop:
            end += 1
        if end == j or end >= len(doc) or doc[end].lower_ not in PROPOSAL_ENDS:
            return
        if doc[end - 1].lower_ in self.cues.proposal_generic_heads and end - j > 2 \
                and self.cues.head_type.get(singular(doc[end - 2].text)) == "method":
            end -= 1  # "a multi-timescale hierarchical reinforcement learning approach" names the learning
        if doc[end - 1].lower_ in self.cues.proposal_generic_heads or not (end - j > 1 or doc[end - 1].lower_.endswith(("ing", "tion", "ment"))):
            return
        add(doc, j, end, "method", "context:described-proposal", 0.6)

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

    def _metric_list(self, doc: Doc, i: int) -> None:
        # "in terms of accuracy, latency and cost": short lower-case items joined by "," / "and".
        stop = self.cues.task_modifier_stop
        while i < len(doc):
            start = i
            while i < len(doc) and i - start < 3 and doc[i].is_lower and not doc[i].is_punct \
                    and doc[i].lower_ not in LIST_JOINERS and doc[i].lower_ not in ("both", "while", "with", "than", "the"):
                i += 1
            if i == start or (i < len(doc) and doc[i].is_lower and doc[i].lower_ not in LIST_JOINERS):
                return  # not a short noun phrase: the sentence goes on
            if not all(t.lower_ in stop for t in doc[start:i]):
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

    def _metric_item(self, doc: Doc, i: int, stop) -> None:
        start = i
        while i < len(doc) and i - start < 3 and doc[i].is_lower and not doc[i].is_punct and doc[i].lower_ not in LIST_JOINERS:
            i += 1
        if i > start and not all(t.lower_ in stop for t in doc[start:i]) and (i == len(doc) or not doc[i].is_lower):
            add(doc, start, i, "metric", "context:in-terms-of", 0.65)

    def _phrases(self, doc: Doc) -> None:
        """"training time", "completion rate" in a sentence with a number: metrics;
        "rollback mechanism", "thought switching penalty": methods."""
        lowers, sentence_of = self.lowers, self.sentence_of
        metric_heads, method_heads = self.cues.metric_heads, self.cues.method_phrase_heads
        for i, lower in enumerate(lowers):
            if lower == "%" and i + 1 < len(doc) and UNIT_ACRONYM.match(doc[i + 1].text):
                add(doc, i + 1, i + 2, "metric", "context:percent-acronym", 0.7)  # "+4.68% SR"
            elif lower == "by" and self._by_number(doc, i + 1):
                self._changed_quantity(doc, i)
            elif lower == "metrics" and i > 0:
                self._named_by_metrics(doc, i)
                self._metrics_then_list(doc, i)
            elif lower in metric_heads:
                if (sentence_of[i] in self.number_sentences or lower in self.cues.strong_metric_heads
                        or self._measured(doc, i)) and not (i + 1 < len(doc) and self._continues(doc[i + 1])) \
                        and not self._acronym_then_task(doc, i) \
                        and not (lower in ("error", "errors") and i > 0 and lowers[i - 1] in MISTAKE_VERBS):
                    # not "time series", "inference time scaling"
                    self._phrase(doc, i, "metric", "context:metric-phrase", 0.6, self.cues.task_modifier_stop, 2)
            elif lower in method_heads:
                self._phrase(doc, i, "method", "context:method-phrase", 0.6, self.cues.method_phrase_stop, 3)
            elif lower in TRAINING_HEADS and i > 1 and ("-" in lowers[i - 1][1:]
                                                        or ("-" in lowers[i - 2][1:] and doc[i - 1].is_lower)):
                # "self-debug learning", "step-wise reinforcement learning": a named way of training
                self._phrase(doc, i, "method", "context:training-phrase", 0.6, self.cues.method_phrase_stop, 3)

    def _named_by_metrics(self, doc: Doc, head: int) -> None:
        # "group fairness metrics", "topic diversity metrics": two lower-case nouns before "metrics"
        # name a measure, unless they only say what kind ("standard evaluation metrics").
        start = head - 2
        if start < 0 or (start > 0 and doc[start - 1].like_num):  # "17 forecast metrics" counts metrics
            return
        first, last = doc[start], doc[head - 1]
        if not all(t.is_lower and (t.is_alpha or "-" in t.text[1:-1]) for t in (first, last)) \
                or last.lower_.endswith(ADJECTIVE_ENDINGS) or last.lower_ in GENERIC_METRIC_KINDS \
                or last.lower_ in self.cues.task_heads or first.lower_ in NUMBER_WORDS or last.lower_ in NUMBER_WORDS \
                or first.lower_ in LATER_WORDS or self.sentence_of[head] not in self.number_sentences \
                or any(t.lower_.endswith("s") and not t.lower_.endswith("ss") for t in (first, last)) \
                or (first.lower_.endswith(("ing", "ed", "ly")) and first.lower_ not in self.cues.nominal_gerunds) \
                or any(t.lower_ in GENERIC_METRIC_KINDS or t.lower_ in METRIC_VERBS or t.lower_ in PHRASE_OPENERS
                       or t.lower_ in DESCRIPTION_STOPS or t.lower_ in self.cues.propose_verbs
                       or t.lower_ in self.cues.task_modifier_stop for t in (first, last)):
            return
        add(doc, start, head, "metric", "context:named-metrics", 0.6)

    def _metrics_then_list(self, doc: Doc, head: int) -> None:
        # "three new metrics based on n-grams and rules: Fluency, Truthfulness, and Helpfulness",
        # "metrics such as rental cost and latency": the listed items are metrics.
        sentence_end = doc[head].sent.end
        i = head + 1
        while i < min(head + 10, sentence_end) and doc[i].text != ":" and not (
                doc[i].lower_ in ("such", "including") and (doc[i].lower_ == "including" or doc[i + 1].lower_ == "as")):
            if doc[i].text in (".", ";", "(") or doc[i].lower_ in self.cues.change_verbs:
                return
            i += 1
        if i >= min(head + 10, sentence_end):
            return
        i += 2 if doc[i].lower_ == "such" else 1
        items = []
        while i < sentence_end:
            start = i
            while i < sentence_end and i - start < 3 and (doc[i].is_alpha or "-" in doc[i].text[1:-1]) \
                    and doc[i].lower_ not in LIST_JOINERS and doc[i].lower_ not in DESCRIPTION_STOPS \
                    and (doc[i].is_lower or doc[i].is_title):
                i += 1
            if i == start or (i < sentence_end and doc[i].text not in (",", ".", ";", ")") and doc[i].lower_ not in LIST_JOINERS):
                return  # not a list of short names: the sentence goes on
            items.append((start, i))
            if i >= sentence_end or doc[i].text in (".", ";", ")"):
                break
            while i < sentence_end and doc[i].lower_ in LIST_JOINERS:
                i += 1
        if len(items) >= 2:
            stop = self.cues.task_modifier_stop
            for start, end in items:
                if not all(t.lower_ in stop or t.lower_ == "etc" for t in doc[start:end]):
                    add(doc, start, end, "metric", "context:metrics-list", 0.65)

    @staticmethod
    def _acronym_then_task(doc: Doc, head: int) -> bool:
        # "click-through rate (CTR) prediction": the rate names a task, not a measure
        return head + 4 < len(doc) and doc[head + 1].text == "(" and doc[head + 3].text == ")" \
            and doc[head + 4].lower_ in ("prediction", "estimation", "forecasting")

    @staticmethod
    def _measured(doc: Doc, head: int) -> bool:
        # "by measuring token efficiency", "metrics such as rental cost": measured without a number
        return any(t.lower_ in MEASURE_WORDS for t in doc[max(0, head - 4):head])

    @staticmethod
    def _by_number(doc: Doc, i: int) -> bool:
        while i < len(doc) and doc[i].lower_ in BY_SKIP:
            i += 1
        return i < len(doc) and (doc[i].like_num or doc[i].text[:1].isdigit())

    def _changed_quantity(self, doc: Doc, by: int) -> None:
        # "improve policy success by 44.7%", "reduces redundant computation by 51%": the noun
        # phrase between a verb of change and "by <number>" is what was measured.
        stop = self.cues.task_modifier_stop
        start = by
        while start > 0 and by - start < 3 and doc[start - 1].is_lower and (doc[start - 1].is_alpha or "-" in doc[start - 1].text) \
                and doc[start - 1].lower_ not in stop and doc[start - 1].lower_ not in self.cues.change_verbs:
            start -= 1
        verb = start - 1
        if verb >= 0 and doc[verb].lower_ in NP_LEADS:
            verb -= 1
        if start < by and verb >= 0 and doc[verb].lower_ in self.cues.change_verbs:
            add(doc, start, by, "metric", "context:changed-by", 0.65)

    def _phrase(self, doc: Doc, head: int, label: str, extractor: str, confidence: float, stop, limit: int) -> None:
        start = head
        while start > 0 and head - start < limit:
            prev = doc[start - 1]
            if prev.text.startswith("-") and prev.text[1:] in MODIFIER_SUFFIXES and start > 1 and doc[start - 2].is_alpha \
                    and doc[start - 2].lower_ + prev.lower_ not in stop:  # not "human-level accuracy"
                start -= 2  # "frame-level action conditioning": "frame" "-level" is one modifier
                continue
            gerund = label == "method" and prev.is_lower and prev.lower_.endswith("ing") and prev.lower_ not in GERUND_STOPS
            if label == "metric" and prev.lower_ in METRIC_VERBS:
                break
            if prev.lower_ in stop or not (gerund or self._task_modifier(prev, self.cues.task_modifier_stop)) \
                    or prev.lower_ in self.cues.propose_verbs or prev.lower_ in self.cues.task_modifier_stop:
                break
            start -= 1
        if start < head and not (doc[head].is_title and head < self.end_of_title):
            add(doc, start, head + 1, label, extractor, confidence)

    def _tasks(self, doc: Doc) -> None:
        heads, stop, followers = self.cues.task_heads, self.cues.task_modifier_stop, self.cues.task_followers
        for i, lower in enumerate(self.lowers):
            if lower not in heads or not self._ends_phrase(doc, i + 1, followers):
                continue
            token = doc[i]
            start = token.i
            while start > 0 and token.i - start < 3 and self._task_modifier(doc[start - 1], stop) \
                    and not (start > 1 and doc[start - 2].lower_ in PRONOUNS):  # "we test maze navigation"
                start -= 1
            if start < token.i and (start == 0 or not doc[start - 1].is_alpha or doc[start - 1].lower_ in stop
                                    or doc[start - 1].lower_ in PHRASE_OPENERS or doc[start - 1].lower_ in PRONOUNS
                                    or self._verb_form(doc[start - 1]) or (start > 1 and doc[start - 2].lower_ in PRONOUNS)):
                add(doc, start, token.i + 1, "task", "context:task-phrase", 0.6)

    def _hyphen_tasks(self, doc: Doc) -> None:
        # "long-horizon tasks", "long-context tasks": a problem class the paper centres on when
        # it names it twice or in its title; a single "complex tasks" is a vague phrase.
        found: dict[str, list[int]] = defaultdict(list)
        for i, lower in enumerate(self.lowers):
            if lower in ("task", "tasks") and i > 0 and self._closes(doc, i + 1):
                token, modifier = doc[i], doc[i - 1]
                if "-" in modifier.text[1:-1] and modifier.is_alpha is False and modifier.text.replace("-", "").isalpha() \
                        and modifier.lower_ not in self.cues.task_modifier_stop:
                    found[modifier.lower_].append(token.i)
        for positions in found.values():
            if len(positions) > 1 or positions[0] < self.end_of_title:
                for i in positions:
                    add(doc, i - 1, i + 1, "task", "context:task-class", 0.6)

    def _verb_form(self, token) -> bool:
        # "Evolving Panoramic World Generation", "we explore personalized ...": a verb form ends the phrase
        lower = token.lower_
        return lower.endswith(("ing", "ed")) and lower not in self.cues.nominal_gerunds

    def _closes(self, doc: Doc, i: int) -> bool:
        # "long-horizon tasks." / "... tasks such as", not "multi-robot task allocation"
        return i >= len(doc) or doc[i].is_punct or doc[i].lower_ in DESCRIPTION_STOPS \
            or doc[i].lower_ in self.cues.task_modifier_stop or doc[i].lower_ in RUN_FOLLOWERS

    def _task_modifier(self, token, stop) -> bool:
        # An adjective or noun before the head: not a function word, verb form or adverb.
        lower = token.lower_
        if lower in stop or not (token.is_alpha or "-" in lower) or lower.startswith("-"):
            return False
        if lower in self.cues.nominal_gerunds:
            return True
        if token.is_title and not token.is_sent_start and token.i >= self.end_of_title:
            return False  # "Informer forecasting": a name, not a kind of forecasting
        if lower.endswith(("ly", "ing", "ed")) or (lower.endswith("s") and not lower.endswith(("ss", "ous", "ics", "is"))):
            return False
        return not (token.is_sent_start and token.text[:1].isupper())

    @staticmethod
    def _ends_phrase(doc: Doc, i: int, followers) -> bool:
        # "mathematical reasoning tasks" ends the phrase; "reasoning steps" makes "reasoning" a modifier.
        if i >= len(doc):
            return True
        nxt = doc[i]
        return not nxt.is_alpha or nxt.lower_ in followers or not nxt.is_lower or len(nxt.text) <= 3 \
            or nxt.lower_ in ("with", "from", "under", "while", "without", "through", "across", "using", "over", "into")


@Language.factory("akg_context", default_config={"cues_file": ""})
def make_context(nlp: Language, name: str, cues_file: str) -> ContextFinder:
    return ContextFinder(name, cues_file)
