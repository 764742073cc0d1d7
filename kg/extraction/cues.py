"""The context words (data/cues.json) and the small token tests shared by the rule components."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from spacy.tokens import Doc, Token

DATA_FILE = Path(__file__).parent / "data" / "cues.json"


@dataclass(frozen=True)
class Cues:
    head_type: dict[str, str]  # head noun of an acronym's long form (lower, singular) -> type
    name_heads: dict[str, str]  # "the X benchmark": the word after a name -> its type
    task_heads: frozenset[str]
    task_followers: frozenset[str]  # words that may follow a task phrase ("reasoning tasks")
    task_modifier_stop: frozenset[str]
    eval_words: frozenset[str]
    propose_verbs: frozenset[str]
    naming_words: frozenset[str]
    appositive_adjectives: frozenset[str]
    released_heads: frozenset[str]  # "X, a ... model/agent/system": a released system is a model
    metric_heads: frozenset[str]  # "training time", "completion rate" near a number
    method_phrase_heads: frozenset[str]  # "rollback mechanism", "thought switching penalty"
    method_phrase_stop: frozenset[str]
    usage_dependent_methods: frozenset[str]  # "RL" is a method only when used ("trained via RL")
    usage_before: frozenset[str]
    usage_after: frozenset[str]
    strong_metric_heads: frozenset[str]
    nominal_gerunds: frozenset[str]
    proposal_generic_heads: frozenset[str]  # "we propose a novel framework": no name given
    proposal_adjectives: frozenset[str]  # "we propose a novel ...": words before a described proposal
    change_verbs: frozenset[str]  # "improves policy success by 44.7%": what changes by a number is a metric
    title_task_heads: frozenset[str]  # "... for Seamless Voice Interaction": heads of what a title is for
    task_gerunds: frozenset[str]  # "... for Detecting Backdoor Attacks": verbs that state a problem
    number_units: frozenset[str]  # "100ms", "1/24th", "3.2x": a number written with its unit
    kept_heads: frozenset[str]  # "ICRL prompting", "semi-AR decoding": procedure heads that stay in a coined name
    technical_adjectives: frozenset[str]  # "adaptive filtering mechanism": part of a descriptive name, not of a coined one
    activity_endings: tuple[str, ...]  # "resolution", "management", "analysis", "testing": nouns made from verbs
    not_activities: frozenset[str]  # words with those endings that name a thing ("representation", "setting")
    phrase_words: SimpleNamespace  # akg_phrases's word lists by name ("report_verbs"), from "phrase_words"

    def activity(self, lower: str) -> bool:
        """A noun made from a verb that is no technique's head: "Traffic Anomaly Resolution", "Chaos Engineering"
        name an activity, so a problem; "Knowledge Distillation", "Representation" do not."""
        last = lower.rsplit("-", 1)[-1]  # "Noise-Masking" is a masking
        return last.endswith(self.activity_endings) and last not in self.method_phrase_heads \
            and self.head_type.get(singular(last)) not in ("method", "benchmark", "metric", "model") \
            and last not in self.not_activities


@lru_cache(maxsize=4)
def load_cues(path: str = "") -> Cues:
    source = Path(path) if path else DATA_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}:{exc.lineno}: {exc.msg}") from exc
    head_type = {}
    for label, words in data["heads"].items():
        for word in words:
            head_type.setdefault(singular(word), label)
    return Cues(
        head_type=head_type,
        name_heads={w.lower(): label for label, words in data["name_heads"].items() for w in words},
        task_heads=frozenset(data["task_heads"]),
        task_followers=frozenset(data["task_followers"]),
        task_modifier_stop=frozenset(data["task_modifier_stop"]),
        eval_words=frozenset(data["eval_words"]),
        propose_verbs=frozenset(data["propose_verbs"]),
        naming_words=frozenset(data["naming_words"]),
        appositive_adjectives=frozenset(data["appositive_adjectives"]),
        **{name: frozenset(data[name]) for name in (
            "released_heads", "metric_heads", "method_phrase_heads", "method_phrase_stop",
            "usage_dependent_methods", "usage_before", "usage_after", "strong_metric_heads", "nominal_gerunds", "proposal_generic_heads", "proposal_adjectives",
            "change_verbs", "title_task_heads", "task_gerunds", "number_units", "kept_heads", "not_activities",
            "technical_adjectives")},
        activity_endings=tuple(data["activity_endings"]),
        phrase_words=word_lists(data["phrase_words"]),
    )


def word_lists(section: dict) -> SimpleNamespace:
    """A section of named word lists as attributes: endings and beginnings (names ending in _endings or
    _prefixes) as tuples for str.endswith/startswith, lists of word sequences as sets of tuples, the rest
    as sets. Keys starting with "_" are comments."""
    lists = {}
    for name, words in section.items():
        if name.startswith("_"):
            continue
        if name.endswith(("_endings", "_prefixes")):
            lists[name] = tuple(words)
        elif words and isinstance(words[0], list):
            lists[name] = frozenset(tuple(sequence) for sequence in words)
        else:
            lists[name] = frozenset(words)
    return SimpleNamespace(**lists)


def singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def title_end(doc: Doc) -> int:
    """Index of the first abstract token when the text is "title, blank line, abstract", else 0."""
    for token in doc:
        if token.is_space and "\n\n" in token.text:
            return token.i + 1
    return 0


QUANTITY = re.compile(r"^[\d.,]+[a-zA-Z]{0,2}(?:-[a-z]+)*\+?$")  # "40K", "380k", "0.5b-parameter", "100B+"


def is_namey(token: Token, in_title: bool) -> bool:
    """Does the token look like part of a proper name (HELMET, WebVoyager, Llama, 3.5)?"""
    text = token.text
    if not text[:1].isalnum() or QUANTITY.match(text) or "^" in text or "\\" in text:  # "$5.625^\circ$-resolution"
        return False
    if any(c.isupper() for part in text.split("-") for c in part[1:]) and any(c.isalpha() for c in text):
        return True  # "WebVoyager", "GAIA"; not "Pathway-Informed"
    if any(c.isdigit() for c in text) and any(c.isalpha() for c in text):
        return True
    starts = token.is_sent_start or (token.i > 0 and token.nbor(-1).is_space)  # first word after the title
    return text[:1].isupper() and not in_title and not starts


def name_before(doc: Doc, end: int, title_end_i: int, limit: int = 4) -> int:
    """Start of the run of name-like tokens that ends just before `end` (== end if none)."""
    start = end
    while start > 0 and end - start < limit:
        token = doc[start - 1]
        sized = QUANTITY.match(token.text) and token.text[-1:].isalpha()  # "the Atari 100k benchmark"
        if is_namey(token, token.i < title_end_i) or ((token.like_num and start < end or sized) and start - 1 > 0
                                                     and is_namey(doc[start - 2], start - 2 < title_end_i)):
            start -= 1
        else:
            break
    return start


def name_after(doc: Doc, start: int, title_end_i: int, limit: int = 4) -> int:
    """End of the run of name-like tokens that starts at `start` (== start if none)."""
    end = start
    while end < len(doc) and end - start < limit:
        token = doc[end]
        if is_namey(token, token.i < title_end_i) or (token.like_num and end > start):
            end += 1
        else:
            break
    return end


def is_coined(token: Token) -> bool:
    """A capital after the first letter, or letters and digits: WebVoyager, GAIA, Mind2Web."""
    text = token.text
    return any(c.isalpha() for c in text) and (
        any(c.isupper() for c in text[1:]) or any(c.isdigit() for c in text))
