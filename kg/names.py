"""Name normalisation shared by resolution and evaluation (the guideline's scoring rule)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


# Resolution asks for the same names hundreds of thousands of times at corpus scale.
@lru_cache(maxsize=1 << 16)
def normalize(name: str) -> str:
    """Lower case, NFKC, drop every run of non-letters/digits, ignore one final plural "s".

    "GSM-8K" -> "gsm8k", "success rates" -> "successrate", "ViTs" -> "vit".
    """
    text = _NON_ALNUM.sub("", unicodedata.normalize("NFKC", name).lower())
    if len(text) > 1 and text.endswith("s"):
        text = text[:-1]
    return text


def slug(text: str) -> str:
    """An IRI-safe local name that keeps the text readable: "arXiv:2501.01234" -> "arXiv-2501.01234"."""
    return _UNSAFE.sub("-", text).strip("-") or "x"


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable short hash of whitespace- and case-normalised text."""
    joined = "\x1f".join(" ".join(p.lower().split()) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:length]


# Plurals whose singular is not the "-ies -> -y" / "-es" rule, or that are not plurals at all.
_IRREGULAR = {"indices": "index", "matrices": "matrix", "vertices": "vertex", "criteria": "criterion",
              "analyses": "analysis", "hypotheses": "hypothesis", "phenomena": "phenomenon"}
_NOT_PLURAL = {"series", "species", "news", "physics", "mathematics", "statistics", "economics", "robotics",
               "dynamics", "kinetics", "semantics", "analytics", "linguistics", "genomics", "ethics", "logistics",
               "graphics", "bias", "gas", "lens", "atlas", "corpus", "status", "consensus", "focus", "radius",
               "virus", "bonus", "chaos", "ethos", "pathos", "cosmos", "canvas", "tennis", "basis", "analysis",
               "thesis", "axis", "synthesis", "diagnosis", "emphasis", "hypothesis", "genesis", "less", "loss",
               "access", "success", "process", "progress", "address", "class", "mass", "express", "pass"}
_IE_SINGULARS = {"movies": "movie", "cookies": "cookie", "calories": "calorie", "zombies": "zombie",
                 "rookies": "rookie", "selfies": "selfie", "biases": "bias", "aliases": "alias", "statuses": "status", "pies": "pie", "ties": "tie", "lies": "lie"}
_LAST_WORD = re.compile(r"^(?P<head>.*?)(?P<word>[A-Za-z]+)$", re.DOTALL)
_ACRONYM_PLURAL = re.compile(r"^(?P<stem>[A-Za-z0-9.-]*[A-Z0-9])s$")  # "LLMs", "ViTs", "GPT-4s"
_KEEP_AFTER = {"of", "for", "and", "on", "with", "&", "vs", "versus"}  # "Mixture of Experts", "Natural Questions"?


@lru_cache(maxsize=1 << 16)
def singular_name(name: str, type_: str | None = None) -> str:
    """The singular of a name written in the plural, by the usual English rule:
    "accuracies" -> "accuracy", "success rates" -> "success rate", "LSTMs" -> "LSTM",
    "Graph Convolutional Networks" -> "Graph Convolutional Network", "losses" -> "loss".

    Only the last word changes. A capitalised last word is left alone for benchmarks
    (their names are proper names: "Natural Questions"), after "of"/"for" ("Mixture of
    Experts") and in words that are not plurals ("Kinetics", "analysis"). The scorer's
    `normalize` ignores a final "s" only, so "-ies" and "-es" plurals need this.
    """
    match = _LAST_WORD.match(name)
    if not match:
        return name
    head, word = match.group("head"), match.group("word")
    if head and not head[-1] in " -":
        acronym = _ACRONYM_PLURAL.match(name.rsplit(" ", 1)[-1])  # "GPT-4s", "ViTs"
        if acronym and head.rsplit(" ", 1)[-1] and any(c.isdigit() or c.isupper() for c in head.rsplit(" ", 1)[-1]):
            return name[:-1] if type_ != "benchmark" else name
        return name
    lower = word.lower()
    if len(word) < 4 or lower in _NOT_PLURAL or not lower.endswith("s"):
        return name
    if not word[0].isupper() and any(c.isupper() for c in word[1:]):  # "nuScenes", "mAPs", "iPhones"
        return head + word[:-1] if _ACRONYM_PLURAL.match(word) and type_ != "benchmark" else name
    if word[0].isupper():
        if type_ == "benchmark" or head.split(" ")[-2:-1] and head.split(" ")[-2].lower() in _KEEP_AFTER:
            return name
        acronym = _ACRONYM_PLURAL.match(word)
        if acronym:  # "LLMs", "LSTMs"
            return head + word[:-1]
        if not word[1:].islower():
            return name  # "AlpacaEvals"? a coined mixed-case name: leave it
    prev = head.rstrip(" -").rsplit(" ", 1)[-1].lower() if head.strip() else ""
    if prev in _KEEP_AFTER:
        return name
    if lower in _IRREGULAR:
        single = _IRREGULAR[lower]
    elif lower in _IE_SINGULARS:
        single = _IE_SINGULARS[lower]
    elif lower.endswith("ies"):
        single = lower[:-3] + "y"
    elif lower.endswith(("sses", "ches", "shes", "xes", "zzes")):
        single = lower[:-2]
    elif lower.endswith(("ss", "us", "is", "ics", "ous")):
        return name
    else:
        single = lower[:-1]
    if word.isupper():
        single = single.upper()
    elif word[0].isupper():
        single = single[0].upper() + single[1:]
    return head + single
