"""Name normalisation shared by resolution and evaluation (the guideline's scoring rule)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


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
