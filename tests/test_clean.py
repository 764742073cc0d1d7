"""Text cleaning: markup out, every word, number, emoji and URL kept."""
from __future__ import annotations

import pytest

from kg.clean import clean_text, invalid_character


@pytest.mark.parametrize("raw,clean", [
    (r"runs in $\mathcal{O}(n)$ time", "runs in O(n) time"),
    (r"\textbf{DeepWidget} and \emph{\textit{nested}}", "DeepWidget and nested"),
    (r"gains 44.7\% and 3\times", "gains 44.7% and 3×"),
    (r"$D^2LoRA$ and $_{half}$", "D^2LoRA and _half"),
    (r"as shown \cite{smith2020} here", "as shown here"),
    (r"\href{https://x.org}{our code}", "our code"),
    (r"an \unknownmacro{kept} stays", r"an \unknownmacro{kept} stays"),
])
def test_latex(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("raw", ["costs $5 and $10 per run", r"a \$5 fee and \$ signs", "$ 5 $"])
def test_dollar_amounts_are_not_math(raw):
    assert clean_text(raw).count("$") == raw.count("$")


@pytest.mark.parametrize("raw,clean", [
    ("H<sub>2</sub>O", "H2O"),
    ("<jats:p>First.</jats:p><jats:p>Second.</jats:p>", "First. Second."),
    ('<a href="https://x.org">link</a>', "link"),
    ("Tom &amp; Jerry &lt;3 &#233;", "Tom & Jerry <3 é"),
    ("&lt;b&gt;shown&lt;/b&gt;", "<b>shown</b>"),  # escaped markup is text, as a browser shows it
])
def test_html(raw, clean):
    assert clean_text(raw) == clean


@pytest.mark.parametrize("raw", ["x<a and b>y", "p < 0.05 and q > 1", "<img src=x onerror=alert(1)>", "n<10>m"])
def test_text_that_only_looks_like_markup_is_kept(raw):
    # Only tags of known HTML/JATS elements, with valued attributes if any, are markup.
    assert clean_text(raw) == raw


def test_emoji_urls_and_scripts_are_kept():
    raw = "We propose 🚀Net (https://github.com/x/y?a=1&b=2), 基于图的推理, Über, مرحبا"
    assert clean_text(raw) == raw


def test_controls_become_spaces_and_whitespace_collapses():
    assert clean_text("a\x00b\x07c\x0bd\u0085e\r\n\tf  g\ufeffh") == "a b c d e f g h"
    assert clean_text("&#0;x") == "\ufffdx"


def test_invalid_character_names_the_byte_and_where():
    assert invalid_character("ok") is None
    assert invalid_character("Caf\udce9") == "byte 0xe9 at character 4 is not UTF-8 (save the file as UTF-8)"
    assert invalid_character("x\ud800").startswith("lone surrogate U+D800 at character 2")
