"""Text cleaning for abstracts and titles as the readers store them.

Abstracts come with markup: HTML tags and entities from web exports, LaTeX from arXiv
listings, control characters from broken converters. The reader stores the cleaned text on
the Paper; extraction runs over it and evidence offsets point into it, so what the graph
shows is exactly what was extracted from. Only markup is removed: every letter, digit,
emoji and URL of the input stays. Unknown LaTeX macros are left as written rather than
guessed at.

Lone surrogates are not cleaned: they mean the input was not text (bytes that are not
UTF-8, or a broken JSON escape), and the reader reports the record instead.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "latex.json"

# Characters XML 1.0 forbids (RDF/XML, TriX and the HTML page could not carry them) and
# other C0/C1 controls, and byte order marks inside text (files pasted together): they
# carry no text, so they become spaces.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

# Tags of HTML and JATS (Crossref, PubMed exports): <b>, <sub>, <jats:p>, <a href="...">.
# Attributes must have values, so "x<a and b>y" in a formula is not taken for a tag.
_TAG_NAMES = ("b|i|u|s|em|strong|sub|sup|small|big|tt|code|span|font|a|abbr|q|cite|mark|"
              "p|br|hr|div|li|ul|ol|title|sec|italic|bold|abstract|blockquote|h[1-6]")
_TAG = re.compile(
    rf"</?(?:jats:|mml:)?(?:{_TAG_NAMES})"
    r"(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'<>]+))*\s*/?>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"^</?(?:jats:)?(?:p|br|hr|div|li|ul|ol|title|sec|abstract|blockquote|h[1-6])\b", re.I)

# Inline math by pandoc's rule: the opening $ has a non-space on its right, the closing $
# a non-space on its left and no digit after it, so "$5 and $10" stays money.
_MATH = re.compile(r"\$(?=\S)([^$\n]{1,200}?)(?<=\S)\$(?!\d)")
_ESCAPED_DOLLAR = "\x00"  # placeholder for \$ while math is found; _CONTROL never lets one through
_MACRO = re.compile(r"\\([A-Za-z]+)\*?")
_BRACES = re.compile(r"[{}]")


@lru_cache(maxsize=1)
def _latex() -> dict:
    return json.loads(_DATA.read_text(encoding="utf-8"))


def invalid_character(text: str) -> str | None:
    """Why `text` cannot be stored as text, or None: names the first undecodable byte or lone surrogate."""
    match = _SURROGATE.search(text)
    if match is None:
        return None
    code = ord(match.group())
    column = match.start() + 1
    if 0xDC80 <= code <= 0xDCFF:  # how Python's surrogateescape carries a byte that is not UTF-8
        return f"byte 0x{code - 0xDC00:02x} at character {column} is not UTF-8 (save the file as UTF-8)"
    return f"lone surrogate U+{code:04X} at character {column} (a broken \\u escape?)"


def clean_text(text: str, markup: bool = True) -> str:
    """Markup out, one space between words: what the reader stores and extraction reads.

    markup=False (ids): only control characters and runs of white space go."""
    text = _CONTROL.sub(" ", text)
    if not markup:
        return " ".join(text.split())
    if "<" in text:
        text = _TAG.sub(lambda m: " " if _BLOCK_TAG.match(m.group()) else "", text)
    if "&" in text:
        text = html.unescape(text)
        text = _CONTROL.sub(" ", text)  # "&#0;" unescapes to a control character
    if "\\" in text or "$" in text:
        text = clean_latex(text)
    return " ".join(text.split())


def clean_latex(text: str) -> str:
    r"""`$\mathcal{O}(n)$` -> `O(n)`, `\textbf{X}` -> `X`, `44.7\%` -> `44.7%`; other macros stay."""
    text = text.replace("\\$", _ESCAPED_DOLLAR)
    text = _MATH.sub(lambda m: _BRACES.sub("", _macros(m.group(1))), text)
    text = _macros(text)
    return text.replace(_ESCAPED_DOLLAR, "$")


def _macros(text: str) -> str:
    latex = _latex()
    for name in latex["drop"]:
        text = re.sub(rf"\\{name}\*?(?:\[[^\]]*\])?\{{[^{{}}]*\}}", "", text)
    unwrap = "|".join(latex["unwrap"])
    previous = None
    while previous != text:  # nested: \textbf{\emph{X}}
        previous = text
        text = re.sub(rf"\\(?:{unwrap})\s*\{{([^{{}}]*)\}}", r"\1", text)
    text = re.sub(r"\\href\{[^{}]*\}\{([^{}]*)\}", r"\1", text)
    for char, value in latex["escapes"].items():
        text = text.replace("\\" + char, value)
    symbols = latex["symbols"]
    return _MACRO.sub(lambda m: symbols.get(m.group(1), m.group()), text)
