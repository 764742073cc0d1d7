"""The text the pipeline reads: the paper's text with LaTeX formatting taken out of names.

Abstracts written for arXiv keep the author's markup: "\\textbf{R}eliability-guaranteed
\\textbf{T}ransformer (RGT)", "$\\mathcal{X}$-Bench", "\\underline{T}emporal-\\underline{c}ontextual".
A reader sees "Reliability-guaranteed Transformer" and "X-Bench"; so does the pipeline. Only
formatting is removed (the command, its braces, and "$" around a bare name); formulas and numbers
("$4\\%$", "$14\\times$") are left as written, since the result rules read them.

`demark` returns the cleaned text and, for each of its characters, the offset of that character
in the original, so that mentions and evidence still point into the stored title and abstract.
"""
from __future__ import annotations

import re

# \textbf{R}, \emph{GenHopNet}, \mathcal{X}: a formatting command around plain text.
FORMAT = re.compile(r"\\(?:textbf|textit|textsc|texttt|textrm|textsf|textup|textmd|emph|underline|text|"
                    r"mathcal|mathbf|mathrm|mathbb|mathit|mathsf|mathtt|mathscr|boldsymbol|bm)"
                    r"\s*\{([^{}$\\]*)\}")
# "$X$-Bench", "$k$-NN", "$Object-Centric ... (OCCAM)$": math dollars around plain words once the
# commands are gone; not around a formula ("$N=8$", "$x^2$", "$4\\%$").
BARE_MATH = re.compile(r"\$([A-Za-z][^$\\^_{}=<>]{0,79})\$")


def demark(text: str) -> tuple[str, list[int]]:
    """The text without formatting markup, and the original offset of each of its characters
    (one more entry at the end: len(text)). Without markup: the text itself and the identity."""
    index = list(range(len(text) + 1))
    if "\\" not in text and "$" not in text:
        return text, index
    for pattern in (FORMAT, FORMAT, FORMAT, BARE_MATH):  # nested commands come off one level per pass
        text, kept = _keep_groups(text, pattern)
        index = [index[k] for k in kept] + [index[-1]]
    return text, index


def _keep_groups(text: str, pattern: re.Pattern) -> tuple[str, list[int]]:
    """Replace each match by its first group; return the new text and, per character, its old offset."""
    pieces, kept, position = [], [], 0
    for match in pattern.finditer(text):
        pieces.append(text[position:match.start()])
        kept.extend(range(position, match.start()))
        pieces.append(match.group(1))
        kept.extend(range(match.start(1), match.end(1)))
        position = match.end()
    if not pieces:
        return text, list(range(len(text)))
    pieces.append(text[position:])
    kept.extend(range(position, len(text)))
    return "".join(pieces), kept


def original_span(index: list[int], start: int, end: int) -> tuple[int, int]:
    """Offsets in the original text of the cleaned text's [start, end), taking in the markup that was
    removed right before or after it ("\\textbf{R}eliability ... \\textbf{T}ransformer", "$\\mathcal{X}$-Bench")."""
    if end <= start:
        return index[start], index[start]
    first = index[start - 1] + 1 if start > 0 else 0
    last = index[end] if end < len(index) - 1 else index[-1]
    return first, last
