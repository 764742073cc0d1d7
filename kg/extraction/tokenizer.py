"""The tokenizer: spaCy's English rules, but a hyphenated or sized name stays one token.

"Qwen2.5-7B-Instruct", "DeepMath-103K", "MATH-500" and "chain-of-thought" are single
tokens, so shape patterns can look at one token and lexicon phrases tokenize the same
way as the text. Words like "-based" and "-style" are split off as suffixes, so
"GPT-4o-based" still yields the token "GPT-4o".
"""
from __future__ import annotations

from spacy.lang.en import English
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

# Suffix words that turn a name into a modifier: "X-based" names X (guideline: "X-style" names X).
MODIFIER_SUFFIXES = (
    "based", "style", "like", "driven", "powered", "guided", "generated", "specific", "level", "aware",
    "enhanced", "augmented", "centric", "only", "free", "friendly", "compatible", "scale", "series",
    "family", "class", "sized", "tuned", "finetuned", "distilled", "initialized", "generated", "derived",
    "focused", "inspired",
)


def _infixes() -> list[str]:
    # Drop the rules that split on hyphens between letters or digits, keep the rest.
    kept = [p for p in English.Defaults.infixes if "(?:-|–|—" not in p]
    return [p.replace(r"[+\-\*^]", r"[+\*^]") for p in kept]


def _suffixes() -> list[str]:
    # The unit rule splits "103K" and "7B"; sizes are part of model and dataset names here.
    kept = [p for p in English.Defaults.suffixes if "km²" not in p]
    words = "|".join(sorted(set(MODIFIER_SUFFIXES)))
    kept.append(rf"(?<=[A-Za-z0-9)\]])-(?:{words})")  # also "(RL)-based"
    kept.append(r"(?<=[0-9])%")
    kept.append(r"(?<=[0-9][A-Za-z])\.")  # "GSM8K." ends a sentence: the unit rule used to split it
    kept.append(r"(?<=[A-Z0-9]\+)\.")
    kept.append(r"(?<=[a-z][A-Z])\.")  # "a framework, PC-DCoT. Extensive ...": the full stop ends the sentence
    kept.append(r"(?<=-[A-Z])\.")  # "SurgBench-E. SurgBench offers ..."
    kept.append(r"(?<=[A-Za-z0-9}])\$")  # "$D^2LoRA$": the closing math dollar is not part of the name
    return kept


def _prefixes() -> list[str]:
    # LaTeX markup around a name ("\\emph{GenHopNet}", "\\textbf{R}") is split off, so the name is a word.
    return [r"\\(?:emph|textbf|textit|texttt|textsc|textrm|text|mathrm|mathbf|mathit|mathcal|mathsf|underline)\{"] \
        + list(English.Defaults.prefixes)


@registry.tokenizers("akg_tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        return Tokenizer(
            nlp.vocab,
            rules=English.Defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(_prefixes()).search,
            suffix_search=compile_suffix_regex(_suffixes()).search,
            infix_finditer=compile_infix_regex(_infixes()).finditer,
            token_match=English.Defaults.token_match,
            url_match=English.Defaults.url_match,
        )

    return make
